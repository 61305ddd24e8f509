#ifndef PANOPTTY_INFLATE_SHIM_H
#define PANOPTTY_INFLATE_SHIM_H
#include <stddef.h>

/* Inflates a raw deflate stream (a zip member, method 8) into dst.
   Returns 0 and sets *written, -1 corrupt data, -2 dst too small,
   -3 the stream ends early. */
int pngshim_inflate_raw(const unsigned char *src, size_t src_len, unsigned char *dst, size_t dst_len,
                        size_t *written);

#endif
