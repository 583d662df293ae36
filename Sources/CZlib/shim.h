#ifndef PARLONS_CZLIB_SHIM_H
#define PARLONS_CZLIB_SHIM_H
#include <zlib.h>

/* deflateInit2 is a macro (it passes the library's version and z_stream's size): wrapped here so
   Swift can call it. 15 + 16 window bits: a 32 KiB window and a gzip header and trailer. */
static inline int parlons_gzip_init(z_stream *stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY);
}
#endif
