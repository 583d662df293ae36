#ifndef PARLONS_COGG_SHIM_H
#define PARLONS_COGG_SHIM_H
#include <ogg/ogg.h>
#endif
