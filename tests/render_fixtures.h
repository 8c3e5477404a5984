/* render_fixtures.h: pictures the render tests draw, made at test time so they match everywhere,
 * and a headless screen to draw them on. */
#pragma once

#include <stdbool.h>

struct SDL_Renderer;
struct SDL_Surface;
struct SDL_Texture;

/* A software renderer drawing on a W x H surface, with one page texture to draw pages into. */
struct screen {
    struct SDL_Surface *surface;
    struct SDL_Renderer *sdl;
    struct SDL_Texture *target;
    int w, h;
};

/* Opens S at W x H; false when SDL could not. Close with screen_close, even after a failure. */
bool screen_open(struct screen *s, int w, int h);
void screen_close(struct screen *s);
/* The pixels of TEX (NULL: the screen itself) as a new ARGB8888 surface, or NULL. */
struct SDL_Surface *read_back(struct screen *s, struct SDL_Texture *tex);

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
