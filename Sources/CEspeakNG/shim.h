#ifndef PARLONS_CESPEAKNG_SHIM_H
#define PARLONS_CESPEAKNG_SHIM_H
/* eSpeak NG's public C API (libespeak-ng-dev: /usr/include/espeak-ng/, pkg-config espeak-ng). */
#include <espeak-ng/speak_lib.h>
#endif
