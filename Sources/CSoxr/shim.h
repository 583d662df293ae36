#ifndef PARLONS_CSOXR_SHIM_H
#define PARLONS_CSOXR_SHIM_H
#include <soxr.h>
#endif
