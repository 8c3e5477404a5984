/* scale.h: shrinking pictures by averaging, in bands on the machine's cores. */
#pragma once

#include <stdbool.h>

struct SDL_Surface;

/* The part of SRC at X, Y of SW x SH pixels (SRC in any format SDL converts: palettes and colour
 * keys honoured) shrunk to W x H (no larger than SW x SH), each output pixel the average of the
 * area it covers, weighted by alpha so transparent pixels do not darken edges. SRC is read a strip
 * of rows at a time, so a huge picture is never converted whole. A new ARGB8888 surface, its blend
 * mode SDL_BLENDMODE_NONE when every pixel came out opaque (so that drawing it is a copy), or NULL
 * when out of memory or the sizes are wrong. */
struct SDL_Surface *cor_shrink(struct SDL_Surface *src, int x, int y, int sw, int sh, int w, int h);
/* The same into OUT, an ARGB8888 surface of W x H the caller made (over a texture's pixels, say),
 * whose blend mode is set as above. False when out of memory or the sizes are wrong. */
bool cor_shrink_into(struct SDL_Surface *src, int x, int y, int sw, int sh,
                     struct SDL_Surface *out);
