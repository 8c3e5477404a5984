/* render_fixtures.h: pictures test_render draws, made at test time so they match everywhere. */
#pragma once

#include <stdbool.h>

/* A 360x120 logo: a teal disc and a white bar on transparency. */
bool make_logo(const char *path);
/* A W x H poster: a diagonal gradient with a white ring. */
bool make_poster(const char *path, int w, int h);
/* A 400x500 portrait: a warm head and shoulders on grey. */
bool make_portrait(const char *path);
/* A JPEG stored on its side (red on top, green below) with EXIF orientation 6: upright, red is on
 * the right. TMP is a scratch file. */
bool make_exif_photo(const char *path, const char *tmp);
/* A W x H two-colour PNG (a checkerboard of CELL-pixel squares, teal and white), one bit a
 * pixel, stored uncompressed: huge pictures cheaply. */
bool make_checker_png(const char *path, int w, int h, int cell);
