/* present.c: rotation through an upright frame texture, presenting, and PNG screenshots. */
#include "present.h"

#include <SDL.h>
#include <SDL_image.h>
#include <stdlib.h>
#include <unistd.h>

#include "log.h"
#include "status.h"

#define TAG "present"

struct cor_present {
    SDL_Renderer *sdl;
    int rotate;
    int out_w, out_h;   /* the screen as SDL sees it */
    int w, h;           /* upright */
    SDL_Texture *frame; /* upright frame, only when turned */
};

static SDL_Texture *target_texture(SDL_Renderer *sdl, int w, int h)
{
    SDL_Texture *t = SDL_CreateTexture(sdl, SDL_PIXELFORMAT_RGB888, SDL_TEXTUREACCESS_TARGET, w, h);
    if (!t)
        LOG_ERR(TAG, "cannot make a %dx%d texture: %s", w, h, SDL_GetError());
    return t;
}

struct cor_present *cor_present_create(SDL_Renderer *sdl, int rotate, int *w, int *h)
{
    struct cor_present *p = calloc(1, sizeof(*p));
    if (!p) {
        LOG_ERR(TAG, "out of memory");
        return NULL;
    }
    p->sdl = sdl;
    p->rotate = rotate;
    if (SDL_GetRendererOutputSize(sdl, &p->out_w, &p->out_h) != 0) {
        LOG_ERR(TAG, "cannot read the screen's size: %s", SDL_GetError());
        free(p);
        return NULL;
    }
    bool sideways = rotate == 90 || rotate == 270;
    p->w = sideways ? p->out_h : p->out_w;
    p->h = sideways ? p->out_w : p->out_h;
    if (rotate) {
        p->frame = target_texture(sdl, p->w, p->h);
        if (!p->frame) {
            free(p);
            return NULL;
        }
    }
    *w = p->w;
    *h = p->h;
    return p;
}

void cor_present_free(struct cor_present *p)
{
    if (!p)
        return;
    if (p->frame)
        SDL_DestroyTexture(p->frame);
    free(p);
}

SDL_Texture *cor_present_page_texture(struct cor_present *p)
{
    return target_texture(p->sdl, p->w, p->h);
}

bool cor_present_begin(struct cor_present *p)
{
    if (SDL_SetRenderTarget(p->sdl, p->frame) != 0) {
        LOG_ERR(TAG, "cannot draw to the frame: %s", SDL_GetError());
        return false;
    }
    return true;
}

SDL_Texture *cor_present_target(struct cor_present *p)
{
    return p->frame;
}

bool cor_present_end(struct cor_present *p)
{
    if (p->frame) {
        if (SDL_SetRenderTarget(p->sdl, NULL) != 0) {
            LOG_ERR(TAG, "cannot draw to the screen: %s", SDL_GetError());
            return false;
        }
        /* The upright frame, centred and turned about its centre, fills the screen exactly. */
        SDL_Rect dst = {(p->out_w - p->w) / 2, (p->out_h - p->h) / 2, p->w, p->h};
        if (SDL_RenderCopyEx(p->sdl, p->frame, NULL, &dst, p->rotate, NULL, SDL_FLIP_NONE) != 0) {
            LOG_ERR(TAG, "cannot turn the frame: %s", SDL_GetError());
            return false;
        }
    }
    SDL_RenderPresent(p->sdl);
    return true;
}

bool cor_present_black(struct cor_present *p)
{
    /* The screen itself, not the upright frame: black needs no turning. */
    if (SDL_SetRenderTarget(p->sdl, NULL) != 0 ||
        SDL_SetRenderDrawColor(p->sdl, 0, 0, 0, 255) != 0 || SDL_RenderClear(p->sdl) != 0) {
        LOG_ERR(TAG, "cannot put a black frame on the screen: %s", SDL_GetError());
        return false;
    }
    SDL_RenderPresent(p->sdl);
    return true;
}

bool cor_present_screenshot(struct cor_present *p, SDL_Texture *page, const char *path)
{
    SDL_Surface *shot = SDL_CreateRGBSurfaceWithFormat(0, p->w, p->h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!shot) {
        LOG_ERR(TAG, "screenshot: %s", SDL_GetError());
        return false;
    }
    bool ok = false;
    char tmp[4096];
    int fd = -1;
    if (SDL_SetRenderTarget(p->sdl, page) != 0 ||
        SDL_RenderReadPixels(p->sdl, NULL, SDL_PIXELFORMAT_ARGB8888, shot->pixels, shot->pitch) !=
            0) {
        LOG_ERR(TAG, "screenshot: cannot read the page: %s", SDL_GetError());
        goto out;
    }
    fd = cor_atomic_begin(path, tmp, sizeof(tmp));
    if (fd < 0)
        goto out;
    close(fd);
    if (IMG_SavePNG(shot, tmp) != 0) {
        LOG_ERR(TAG, "screenshot: cannot write %s: %s", tmp, IMG_GetError());
        unlink(tmp);
        goto out;
    }
    ok = cor_atomic_commit(tmp, path);
out:
    if (SDL_SetRenderTarget(p->sdl, NULL) != 0)
        LOG_ERR(TAG, "cannot draw to the screen: %s", SDL_GetError());
    SDL_FreeSurface(shot);
    return ok;
}
