#ifndef PARLONS_COPUS_SHIM_H
#define PARLONS_COPUS_SHIM_H
#include <opus.h>
#include <opus_multistream.h>

/* opus_encoder_ctl and opus_decoder_ctl are variadic, which Swift cannot call:
   one typed wrapper per request we use. */
static inline int parlons_opus_set_bitrate(OpusEncoder *e, opus_int32 v) { return opus_encoder_ctl(e, OPUS_SET_BITRATE(v)); }
static inline int parlons_opus_get_bitrate(OpusEncoder *e, opus_int32 *v) { return opus_encoder_ctl(e, OPUS_GET_BITRATE(v)); }
static inline int parlons_opus_set_complexity(OpusEncoder *e, opus_int32 v) { return opus_encoder_ctl(e, OPUS_SET_COMPLEXITY(v)); }
static inline int parlons_opus_set_vbr(OpusEncoder *e, opus_int32 v) { return opus_encoder_ctl(e, OPUS_SET_VBR(v)); }
static inline int parlons_opus_set_signal(OpusEncoder *e, opus_int32 v) { return opus_encoder_ctl(e, OPUS_SET_SIGNAL(v)); }
static inline int parlons_opus_get_lookahead(OpusEncoder *e, opus_int32 *v) { return opus_encoder_ctl(e, OPUS_GET_LOOKAHEAD(v)); }
static inline int parlons_opus_decoder_set_gain(OpusDecoder *d, opus_int32 v) { return opus_decoder_ctl(d, OPUS_SET_GAIN(v)); }
static inline int parlons_opus_decoder_reset(OpusDecoder *d) { return opus_decoder_ctl(d, OPUS_RESET_STATE); }
static inline int parlons_opus_ms_decoder_set_gain(OpusMSDecoder *d, opus_int32 v) { return opus_multistream_decoder_ctl(d, OPUS_SET_GAIN(v)); }

#endif
