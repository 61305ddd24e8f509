#ifndef PANOPTTY_PNG_SHIM_H
#define PANOPTTY_PNG_SHIM_H
/*
 * The only code that calls libpng. libpng reports errors by longjmp, and a
 * longjmp must never cross a Swift frame, so every setjmp lives in here and
 * Swift sees plain status codes and a message.
 */
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Header facts, filled before any pixel is decoded. */
typedef struct {
  uint32_t width;
  uint32_t height;
  /** IHDR as stored in the file. */
  int file_bit_depth;
  int file_color_type;
  int interlaced;
  /** Layout of the rows handed to the row callback. */
  int bit_depth;
  int channels;
  size_t row_bytes;
  /** Value of the first `panoptty` tEXt chunk before IDAT, or "". */
  char text[512];
  int has_gamma_or_srgb;
} pngshim_info;

/** Rows as in the file: palette indices kept, no gamma, 16-bit in host order. */
#define PNGSHIM_MODE_RAW 0
/** Rows expanded to 8-bit RGB (palette, gray, alpha, 16-bit all folded). */
#define PNGSHIM_MODE_RGB8 1
/** As RAW, but image data is not checked against its CRCs and Adler-32
    (`eval`, which scores thousands of files it only reads, as PIL does). */
#define PNGSHIM_MODE_RAW_UNCHECKED 2

/** Called once after the header; return non-zero to stop (no rows read). */
typedef int (*pngshim_header_fn)(void *ctx, const pngshim_info *info);
/** Called once per row, top to bottom; return non-zero to stop. */
typedef int (*pngshim_row_fn)(void *ctx, uint32_t y, const unsigned char *row);

/**
 * Decodes the file open on `fd` (read from its current position, which must
 * be the start of a seekable file), or `data`/`size` when fd is -1. The
 * caller keeps `fd` open and closes it.
 * Returns 0 on success, 1 when a callback stopped, -1 on error (message in err).
 */
int pngshim_read(int fd, const unsigned char *data, size_t size,
                 int mode, uint32_t max_width, uint32_t max_height,
                 size_t max_chunk_bytes, pngshim_info *info,
                 pngshim_header_fn header_fn, pngshim_row_fn row_fn, void *ctx,
                 char *err, size_t errlen);

/**
 * Encodes one image into the file open on `fd` with the classic API: only
 * IHDR, the optional tEXt chunk, IDAT and IEND. 16-bit samples are given in
 * host order. Everything is flushed to `fd`; the caller fsyncs and closes it.
 * `filters` is a PNG_FILTER_* mask; `strategy` a zlib Z_* strategy.
 * Returns 0 on success, -1 on error (message in err; errno kept when it came
 * from the file system).
 */
int pngshim_write(int fd, uint32_t width, uint32_t height,
                  int bit_depth, int color_type, const void *pixels,
                  size_t row_bytes, const char *text_key,
                  const char *text_value, int level, int strategy, int filters,
                  char *err, size_t errlen);

/** Fills one row (row_bytes, 16-bit samples in host order); non-zero stops. */
typedef int (*pngshim_fill_row_fn)(void *ctx, uint32_t y, unsigned char *row);

/**
 * Like pngshim_write, but rows are produced one at a time by `fill_row`, so
 * a 4K label map is encoded without a second full-size buffer.
 */
int pngshim_write_rows(int fd, uint32_t width, uint32_t height,
                       int bit_depth, int color_type, pngshim_fill_row_fn fill_row,
                       void *ctx, const char *text_key, const char *text_value,
                       int level, int strategy, int filters, char *err,
                       size_t errlen);

/** zlib's CRC-32 (libpng links zlib), for the crash journal's records. */
uint32_t pngshim_crc32(uint32_t crc, const unsigned char *bytes, size_t count);

/** libpng's PNG_FILTER_* masks and zlib strategies, for Swift. */
int pngshim_filter_none(void);
int pngshim_filter_sub(void);
int pngshim_filter_up(void);
int pngshim_filter_paeth(void);
int pngshim_filter_all(void);
int pngshim_strategy_default(void);
int pngshim_strategy_rle(void);
int pngshim_strategy_filtered(void);

#ifdef __cplusplus
}
#endif
#include "inflate_shim.h"

#endif
