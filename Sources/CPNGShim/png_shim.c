#include "png_shim.h"

#include <errno.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

typedef struct {
  char *buf;
  size_t len;
  char warning[128];
} err_sink;

static void on_error(png_structp png, png_const_charp msg) {
  err_sink *s = (err_sink *)png_get_error_ptr(png);
  if (s && s->buf && s->len) {
    /* libpng explains a rejected IHDR in a warning just before the error. */
    if (s->warning[0] && strcmp(msg, "Invalid IHDR data") == 0) {
      snprintf(s->buf, s->len, "%s", s->warning);
    } else {
      snprintf(s->buf, s->len, "%s", msg);
    }
  }
  png_longjmp(png, 1);
}

static void on_warning(png_structp png, png_const_charp msg) {
  /* warnings (bad ancillary CRC, unknown chunks) never stop a read; keep the
     last one in case an error follows it */
  err_sink *s = (err_sink *)png_get_error_ptr(png);
  if (s) snprintf(s->warning, sizeof(s->warning), "%s", msg);
}

typedef struct {
  const unsigned char *data;
  size_t size;
  size_t pos;
} mem_source;

static void read_from_memory(png_structp png, png_bytep out, png_size_t n) {
  mem_source *m = (mem_source *)png_get_io_ptr(png);
  if (m->size - m->pos < n) png_error(png, "unexpected end of data (truncated file)");
  memcpy(out, m->data + m->pos, n);
  m->pos += n;
}

static int host_is_little_endian(void) {
  const uint16_t one = 1;
  return *(const uint8_t *)&one == 1;
}

static uint32_t be32(const unsigned char *b) {
  return ((uint32_t)b[0] << 24) | ((uint32_t)b[1] << 16) | ((uint32_t)b[2] << 8) | b[3];
}

/*
 * Walks the chunk headers before libpng sees them. libpng allocates (and
 * zero-fills) a chunk's declared length before reading it, so a 400-byte
 * file declaring a 2 GB tEXt chunk costs 2 GB of RSS (found by fuzzing).
 * Returns 0, or -1 with a message: a chunk longer than the data left is a
 * truncated file; an ancillary chunk over max_chunk is over the limit.
 */
static int check_chunks(FILE *fp, const unsigned char *data, size_t size,
                        size_t max_chunk, char *err, size_t errlen) {
  unsigned long long total = size, pos = 8;
  if (fp) {
    long start = ftell(fp);
    if (fseek(fp, 0, SEEK_END) != 0) return 0;
    total = (unsigned long long)ftell(fp);
    fseek(fp, start, SEEK_SET);
  }
  /* A real PNG holds a few thousand chunks at most (a 512 MiB file of 8 KiB
     IDATs is 65,536); a zero-filled or sparse file reads as millions of empty
     chunks, and walking them one seek at a time took 100 s for 3 GB. */
  unsigned long count = 0;
  while (pos + 8 <= total) {
    unsigned char h[8];
    if (++count > 1000000UL) {
      snprintf(err, errlen, "over 1,000,000 chunks before IEND");
      return -1;
    }
    if (fp) {
      if (fseek(fp, (long)pos, SEEK_SET) != 0 || fread(h, 1, 8, fp) != 8) break;
    } else {
      memcpy(h, data + pos, 8);
    }
    uint32_t len = be32(h);
    char type[5] = {(char)h[4], (char)h[5], (char)h[6], (char)h[7], 0};
    /* PNG chunk types are four ASCII letters; anything else (zeros from a
       sparse or half-downloaded file) is corruption at this offset, and the
       walk must stop here instead of stepping through the rest of the file. */
    for (int i = 0; i < 4; i++) {
      unsigned char c = h[4 + i];
      if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
        snprintf(err, errlen, "invalid chunk type at byte %llu", pos + 4);
        return -1;
      }
    }
    unsigned long long left = total - pos - 8;
    if ((unsigned long long)len + 4 > left) {
      snprintf(err, errlen, "truncated PNG (chunk %s declares %u bytes, the file has %llu left)", type, len,
               left);
      return -1;
    }
    int critical = !(h[4] & 0x20);
    if (!critical && len > max_chunk) {
      snprintf(err, errlen, "chunk %s is %u bytes, over the limit of %zu for ancillary chunks", type, len,
               max_chunk);
      return -1;
    }
    if (memcmp(h + 4, "IEND", 4) == 0) break;
    pos += 12ULL + len;
  }
  if (fp) fseek(fp, 8, SEEK_SET);
  return 0;
}

int pngshim_read(int fd, const unsigned char *data, size_t size,
                 int mode, uint32_t max_width, uint32_t max_height,
                 size_t max_chunk_bytes, pngshim_info *info,
                 pngshim_header_fn header_fn, pngshim_row_fn row_fn, void *ctx,
                 char *err, size_t errlen) {
  err_sink sink = {err, errlen, {0}};
  if (err && errlen) err[0] = 0;
  memset(info, 0, sizeof(*info));

  FILE *volatile fp = NULL;
  mem_source mem = {data, size, 0};
  if (fd >= 0) {
    int own = dup(fd);
    fp = own >= 0 ? fdopen(own, "rb") : NULL;
    if (!fp) {
      snprintf(err, errlen, "%s", strerror(errno));
      if (own >= 0) close(own);
      return -1;
    }
    unsigned char sig[8];
    size_t got = fread(sig, 1, 8, fp);
    if (got < 8 || png_sig_cmp(sig, 0, 8) != 0) {
      fclose(fp);
      snprintf(err, errlen, "not a PNG file (bad signature)");
      return -1;
    }
    if (check_chunks(fp, NULL, 0, max_chunk_bytes, err, errlen) != 0) {
      fclose(fp);
      return -1;
    }
  } else {
    if (size < 8 || png_sig_cmp(data, 0, 8) != 0) {
      snprintf(err, errlen, "not a PNG file (bad signature)");
      return -1;
    }
    if (check_chunks(NULL, data, size, max_chunk_bytes, err, errlen) != 0) return -1;
    mem.pos = 8;
  }

  png_structp png =
      png_create_read_struct(PNG_LIBPNG_VER_STRING, &sink, on_error, on_warning);
  png_infop pinfo = png ? png_create_info_struct(png) : NULL;
  if (!png || !pinfo) {
    if (png) png_destroy_read_struct(&png, NULL, NULL);
    if (fp) fclose(fp);
    snprintf(err, errlen, "out of memory");
    return -1;
  }
  unsigned char *volatile buffer = NULL;
  png_bytep *volatile rows = NULL;
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_read_struct(&png, &pinfo, NULL);
    free(rows);
    free(buffer);
    if (fp) fclose(fp);
    return -1;
  }
  if (fp) {
    png_init_io(png, fp);
  } else {
    png_set_read_fn(png, &mem, read_from_memory);
  }
  png_set_sig_bytes(png, 8);
  /* Labels are data: an ancillary chunk with a bad CRC (panoptty's own tEXt
     chunk says how to read the file) is an error, not a chunk to drop. */
  if (mode == PNGSHIM_MODE_RAW) png_set_crc_action(png, PNG_CRC_ERROR_QUIT, PNG_CRC_ERROR_QUIT);
  png_set_user_limits(png, max_width, max_height);
  png_set_chunk_malloc_max(png, max_chunk_bytes);
  png_set_chunk_cache_max(png, 1000);
  png_read_info(png, pinfo);

  png_uint_32 w = 0, h = 0;
  int depth = 0, ctype = 0, interlace = 0;
  png_get_IHDR(png, pinfo, &w, &h, &depth, &ctype, &interlace, NULL, NULL);
  info->width = w;
  info->height = h;
  info->file_bit_depth = depth;
  info->file_color_type = ctype;
  info->interlaced = interlace != PNG_INTERLACE_NONE;
  info->has_gamma_or_srgb = png_get_valid(png, pinfo, PNG_INFO_gAMA | PNG_INFO_sRGB) != 0;

  png_textp texts = NULL;
  int ntext = 0;
  if (png_get_text(png, pinfo, &texts, &ntext) > 0) {
    for (int i = 0; i < ntext; i++) {
      if (texts[i].key && strcmp(texts[i].key, "panoptty") == 0 && texts[i].text) {
        snprintf(info->text, sizeof(info->text), "%s", texts[i].text);
        break;
      }
    }
  }

  if (mode == PNGSHIM_MODE_RGB8 || mode == PNGSHIM_MODE_RAW_UNCHECKED) {
    /* Photos are only looked at: skip the CRC and Adler-32 checks (~10 % of
       decode time). Label maps (RAW mode) keep every check; `eval` reads
       them unchecked (RAW_UNCHECKED). */
    png_set_crc_action(png, PNG_CRC_QUIET_USE, PNG_CRC_QUIET_USE);
#ifdef PNG_IGNORE_ADLER32
    png_set_option(png, PNG_IGNORE_ADLER32, PNG_OPTION_ON);
#endif
  }
  if (mode == PNGSHIM_MODE_RGB8) {
    png_set_expand(png); /* palette -> RGB, gray < 8 -> 8, tRNS -> alpha */
    png_set_strip_16(png);
    png_set_strip_alpha(png);
    png_set_gray_to_rgb(png);
  } else {
    if (depth < 8) png_set_packing(png); /* values unchanged, one per byte */
    if (depth == 16 && host_is_little_endian()) png_set_swap(png);
    /* deliberately no palette, gamma or strip transforms: ids stay ids */
  }
  int passes = png_set_interlace_handling(png);
  png_read_update_info(png, pinfo);
  info->bit_depth = png_get_bit_depth(png, pinfo);
  info->channels = png_get_channels(png, pinfo);
  info->row_bytes = png_get_rowbytes(png, pinfo);

  if (header_fn && header_fn(ctx, info) != 0) {
    png_destroy_read_struct(&png, &pinfo, NULL);
    if (fp) fclose(fp);
    return 1;
  }
  int stopped = 0;
  if (passes > 1) {
    /* Interlaced: every pass touches every row, so the whole image is needed. */
    buffer = malloc(info->row_bytes * (size_t)h);
    rows = malloc(sizeof(png_bytep) * (size_t)h);
    if (!buffer || !rows) png_error(png, "out of memory for an interlaced image");
    for (png_uint_32 y = 0; y < h; y++) rows[y] = buffer + (size_t)y * info->row_bytes;
    png_read_image(png, rows);
    for (png_uint_32 y = 0; y < h && !stopped; y++) {
      if (row_fn && row_fn(ctx, y, rows[y]) != 0) stopped = 1;
    }
  } else {
    buffer = malloc(info->row_bytes);
    if (!buffer) png_error(png, "out of memory");
    for (png_uint_32 y = 0; y < h; y++) {
      png_read_row(png, buffer, NULL);
      if (row_fn && row_fn(ctx, y, buffer) != 0) {
        stopped = 1;
        break;
      }
    }
  }
  if (!stopped) png_read_end(png, NULL);
  png_destroy_read_struct(&png, &pinfo, NULL);
  free(rows);
  free(buffer);
  if (fp) fclose(fp);
  return stopped ? 1 : 0;
}

typedef struct {
  const unsigned char *base;
  size_t row_bytes;
} buffer_rows;

static int copy_buffer_row(void *ctx, uint32_t y, unsigned char *row) {
  buffer_rows *b = (buffer_rows *)ctx;
  memcpy(row, b->base + (size_t)y * b->row_bytes, b->row_bytes);
  return 0;
}

int pngshim_write(int fd, uint32_t width, uint32_t height,
                  int bit_depth, int color_type, const void *pixels,
                  size_t row_bytes, const char *text_key,
                  const char *text_value, int level, int strategy, int filters,
                  char *err, size_t errlen) {
  buffer_rows b = {(const unsigned char *)pixels, row_bytes};
  return pngshim_write_rows(fd, width, height, bit_depth, color_type, copy_buffer_row, &b,
                            text_key, text_value, level, strategy, filters, err, errlen);
}

int pngshim_write_rows(int fd, uint32_t width, uint32_t height,
                       int bit_depth, int color_type, pngshim_fill_row_fn fill_row,
                       void *ctx, const char *text_key, const char *text_value,
                       int level, int strategy, int filters, char *err,
                       size_t errlen) {
  err_sink sink = {err, errlen, {0}};
  if (err && errlen) err[0] = 0;
  int own = dup(fd);
  FILE *volatile fp = own >= 0 ? fdopen(own, "wb") : NULL;
  if (!fp) {
    snprintf(err, errlen, "%s", strerror(errno));
    if (own >= 0) close(own);
    return -1;
  }
  png_structp png =
      png_create_write_struct(PNG_LIBPNG_VER_STRING, &sink, on_error, on_warning);
  png_infop pinfo = png ? png_create_info_struct(png) : NULL;
  int channels = color_type == 2 ? 3 : 1;
  size_t row_bytes = (size_t)width * channels * (bit_depth / 8);
  unsigned char *volatile row = malloc(row_bytes ? row_bytes : 1);
  if (!png || !pinfo || !row) {
    if (png) png_destroy_write_struct(&png, pinfo ? &pinfo : NULL);
    free(row);
    fclose(fp);
    snprintf(err, errlen, "out of memory");
    return -1;
  }
  if (setjmp(png_jmpbuf(png))) {
    int saved = errno;
    /* libpng says only "Write Error" when fwrite fails; the reason (a full disk, a file size
       limit) is in errno, and it is what the user can act on. */
    if (saved != 0 && err && strcmp(err, "Write Error") == 0)
      snprintf(err, errlen, "%s", strerror(saved));
    png_destroy_write_struct(&png, &pinfo);
    free(row);
    fclose(fp);
    errno = saved;
    return -1;
  }
  png_init_io(png, fp);
  png_set_IHDR(png, pinfo, width, height, bit_depth, color_type,
               PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
               PNG_FILTER_TYPE_DEFAULT);
  png_set_compression_level(png, level);
  png_set_compression_strategy(png, strategy);
  png_set_filter(png, PNG_FILTER_TYPE_BASE, filters);
  if (text_key && text_value) {
    png_text t;
    memset(&t, 0, sizeof(t));
    t.compression = PNG_TEXT_COMPRESSION_NONE;
    t.key = (png_charp)text_key;
    t.text = (png_charp)text_value;
    png_set_text(png, pinfo, &t, 1);
  }
  png_write_info(png, pinfo);
  if (bit_depth == 16 && host_is_little_endian()) png_set_swap(png);
  for (uint32_t y = 0; y < height; y++) {
    if (fill_row(ctx, y, row) != 0) png_error(png, "encoding stopped");
    png_write_row(png, row);
  }
  png_write_end(png, NULL);
  png_destroy_write_struct(&png, &pinfo);
  free(row);
  /* The caller owns `fd` and fsyncs it; here the stdio buffer must reach it. */
  if (fflush(fp) != 0) {
    int saved = errno;
    snprintf(err, errlen, "%s", strerror(saved));
    fclose(fp);
    errno = saved;
    return -1;
  }
  if (fclose(fp) != 0) {
    snprintf(err, errlen, "%s", strerror(errno));
    return -1;
  }
  return 0;
}

int pngshim_filter_none(void) { return PNG_FILTER_NONE; }
int pngshim_filter_sub(void) { return PNG_FILTER_SUB; }
int pngshim_filter_up(void) { return PNG_FILTER_UP; }
int pngshim_filter_paeth(void) { return PNG_FILTER_PAETH; }
int pngshim_filter_all(void) { return PNG_ALL_FILTERS; }
int pngshim_strategy_default(void) { return Z_DEFAULT_STRATEGY; }
int pngshim_strategy_rle(void) { return Z_RLE; }
int pngshim_strategy_filtered(void) { return Z_FILTERED; }

uint32_t pngshim_crc32(uint32_t crc, const unsigned char *bytes, size_t count) {
  /* zlib takes uInt lengths: feed large buffers in pieces. */
  while (count > 0) {
    uInt n = count > 0x40000000u ? 0x40000000u : (uInt)count;
    crc = (uint32_t)crc32(crc, bytes, n);
    bytes += n;
    count -= n;
  }
  return crc;
}
