/* test_power_black.c: the frame the screen is left with at "off" is black over the whole
 * screen, turned or not, under SDL's dummy driver with the software renderer. */
#include <SDL.h>
#include <stdint.h>
#include <stdlib.h>

#include "check.h"
#include "present.h"

/* Pixels of the screen that are not black, after a white page and then cor_present_black. */
static long lit_after_black(int rotate)
{
    SDL_Window *win = SDL_CreateWindow("black", 0, 0, 64, 48, 0);
    SDL_Renderer *sdl = win ? SDL_CreateRenderer(win, -1, SDL_RENDERER_SOFTWARE) : NULL;
    CHECK_MSG(sdl != NULL, "no software renderer: %s", SDL_GetError());
    if (!sdl) {
        SDL_DestroyWindow(win);
        return -1;
    }
    int w = 0, h = 0;
    struct cor_present *p = cor_present_create(sdl, rotate, &w, &h);
    CHECK(p != NULL);
    long lit = -1;
    if (p) {
        /* A white page up, as a slide would be. */
        CHECK(cor_present_begin(p));
        SDL_SetRenderDrawColor(sdl, 255, 255, 255, 255);
        SDL_RenderClear(sdl);
        CHECK(cor_present_end(p));
        CHECK(cor_present_black(p));
        uint32_t *px = calloc(64 * 48, sizeof(*px));
        CHECK(px != NULL);
        if (px && SDL_SetRenderTarget(sdl, NULL) == 0 &&
            SDL_RenderReadPixels(sdl, NULL, SDL_PIXELFORMAT_ARGB8888, px, 64 * 4) == 0) {
            lit = 0;
            for (int i = 0; i < 64 * 48; i++)
                lit += (px[i] & 0xffffff) != 0;
        }
        free(px);
        cor_present_free(p);
    }
    SDL_DestroyRenderer(sdl);
    SDL_DestroyWindow(win);
    return lit;
}

int main(void)
{
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        fprintf(stderr, "SDL: %s\n", SDL_GetError());
        return 1;
    }
    CHECK_INT(lit_after_black(0), 0);
    CHECK_INT(lit_after_black(90), 0);
    SDL_Quit();
    return CHECK_DONE();
}
