#ifndef PARLONS_CFFTW_SHIM_H
#define PARLONS_CFFTW_SHIM_H
/* FFTW 3, single precision (libfftw3f, pkg-config fftw3f): the real FFT behind the aligner's MFCCs. */
#include <fftw3.h>
#endif
