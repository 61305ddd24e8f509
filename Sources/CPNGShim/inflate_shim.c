#include "inflate_shim.h"

#include <string.h>
#include <zlib.h>

/* zlib takes uInt lengths: feed large buffers in pieces. */
int pngshim_inflate_raw(const unsigned char *src, size_t src_len, unsigned char *dst, size_t dst_len,
                        size_t *written) {
  z_stream s;
  memset(&s, 0, sizeof s);
  if (inflateInit2(&s, -15) != Z_OK) return -1;
  size_t in_off = 0, out_off = 0;
  for (;;) {
    uInt in_chunk = (src_len - in_off) > (1u << 30) ? (1u << 30) : (uInt)(src_len - in_off);
    uInt out_chunk = (dst_len - out_off) > (1u << 30) ? (1u << 30) : (uInt)(dst_len - out_off);
    s.next_in = (Bytef *)(src + in_off);
    s.avail_in = in_chunk;
    s.next_out = dst + out_off;
    s.avail_out = out_chunk;
    int rc = inflate(&s, Z_NO_FLUSH);
    in_off += in_chunk - s.avail_in;
    out_off += out_chunk - s.avail_out;
    if (rc == Z_STREAM_END) break;
    if (rc != Z_OK && rc != Z_BUF_ERROR) {
      inflateEnd(&s);
      return -1;
    }
    if (out_off == dst_len && s.avail_out == 0) {
      /* Full: fine only if nothing is left to produce. */
      unsigned char probe;
      s.next_out = &probe;
      s.avail_out = 1;
      rc = inflate(&s, Z_NO_FLUSH);
      inflateEnd(&s);
      if (rc == Z_STREAM_END && s.avail_out == 1) { *written = out_off; return 0; }
      return -2;
    }
    if (in_off == src_len && s.avail_in == 0) {
      inflateEnd(&s);
      return -3;
    }
  }
  inflateEnd(&s);
  *written = out_off;
  return 0;
}
