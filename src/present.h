/* present.h: putting composed frames on the screen (turned for --rotate), and screenshots. The
 * few SDL_Render calls outside render.c live here: targets, rotation, present, read-back. */
#pragma once

#include <stdbool.h>

struct SDL_Renderer;
struct SDL_Texture;

struct cor_present;

/* Prepares to show frames through SDL on its whole output, turned clockwise by ROTATE (0, 90,
 * 180 or 270) degrees. *W x *H receives the upright size that pages are drawn at. Returns NULL
 * when SDL failed (logged). Free with cor_present_free before the SDL renderer. */
struct cor_present *cor_present_create(struct SDL_Renderer *sdl, int rotate, int *w, int *h);
void cor_present_free(struct cor_present *p);

/* A new render-target texture of the upright size for one page (caller destroys it with
 * SDL_DestroyTexture), or NULL (logged). */
struct SDL_Texture *cor_present_page_texture(struct cor_present *p);

/* Points drawing at the frame the next cor_renderer_compose fills: the screen, or an upright
 * texture when the screen is turned. */
bool cor_present_begin(struct cor_present *p);
/* What cor_present_begin points drawing at: the upright frame texture when the screen is
 * turned, else NULL (the screen itself), for drawing a page straight into the frame. */
struct SDL_Texture *cor_present_target(struct cor_present *p);
/* Puts the frame on the screen (turning it) and presents; with vsync this waits for it. */
bool cor_present_end(struct cor_present *p);

/* Puts one black frame on the whole screen (the screen going off for the night: after it
 * nothing is drawn until the screen comes on again). False (logged) when SDL failed. */
bool cor_present_black(struct cor_present *p);

/* Writes PAGE (an upright page texture, what is on screen when no transition runs) to PATH as
 * a PNG, atomically. */
bool cor_present_screenshot(struct cor_present *p, struct SDL_Texture *page, const char *path);
