/* image_png.h: PNG pictures decoded by libpng, whole or in rows shrunk on the way; for image.c. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

struct SDL_Surface;

/* Decodes the PNG D (LEN bytes, its header and chunks already checked by image.c) into TW x TH
 * pixels. At its own size a palette picture without transparency comes back as it is stored
 * (8-bit indices and a palette), any other as ARGB8888, decoded whole. Smaller, it must not be
 * interlaced: its rows are read one at a time and averaged into the TW x TH ARGB8888 result as
 * they come, so that memory holds one source row, not the picture. NULL with a sentence in ERR
 * (libpng's own messages go nowhere else: none reaches the terminal). */
struct SDL_Surface *cor_png_decode(const unsigned char *d, size_t len, int tw, int th, char *err,
                                   size_t err_size);
