/* scale.h: shrinking pictures by averaging, in bands on the machine's cores. */
#pragma once

struct SDL_Surface;

/* The part of SRC at X, Y of SW x SH pixels (SRC in any format SDL converts: palettes and colour
 * keys honoured) shrunk to W x H (no larger than SW x SH), each output pixel the average of the
 * area it covers, weighted by alpha so transparent pixels do not darken edges. SRC is read a strip
 * of rows at a time, so a huge picture is never converted whole. A new ARGB8888 surface, or NULL
 * when out of memory or the sizes are wrong. */
struct SDL_Surface *cor_shrink(struct SDL_Surface *src, int x, int y, int sw, int sh, int w, int h);
