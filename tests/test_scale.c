/* test_scale: the area-averaging shrink against a plain double-precision average, across the
 * bands it is made in, from a palette, 24-bit and keyed pictures as from their ARGB copies, and
 * with transparent pixels; opaque results are marked to be copied, not blended. */
#include <SDL.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "check.h"
#include "scale.h"

static uint32_t *px(SDL_Surface *s, int x, int y)
{
    return (uint32_t *)(void *)((unsigned char *)s->pixels + (size_t)y * (size_t)s->pitch) + x;
}

static uint32_t pattern(int x, int y)
{
    uint32_t a = (x / 7 + y / 5) % 3 == 0 ? 0u : 255u; /* some fully transparent pixels */
    return a << 24 | (uint32_t)((x * 37 + y) & 0xFF) << 16 | (uint32_t)((y * 11) & 0xFF) << 8 |
           (uint32_t)((x ^ y) & 0xFF);
}

/* Output pixel (OX, OY) of SRC's part at X0, Y0 of SW x SH shrunk to W x H, computed directly. */
static void reference(SDL_Surface *src, int x0, int y0, int sw, int sh, int w, int h, int ox,
                      int oy, double out[4])
{
    double acc[4] = {0, 0, 0, 0};
    double rx = (double)sw / w, ry = (double)sh / h;
    for (int y = (int)floor(oy * ry); y < sh && y < (oy + 1) * ry; y++) {
        double wy = fmin(y + 1, (oy + 1) * ry) - fmax(y, oy * ry);
        for (int x = (int)floor(ox * rx); x < sw && x < (ox + 1) * rx; x++) {
            double wx = fmin(x + 1, (ox + 1) * rx) - fmax(x, ox * rx);
            uint32_t p = *px(src, x0 + x, y0 + y);
            double a = (double)(p >> 24) * wx * wy;
            acc[0] += a;
            acc[1] += a * ((p >> 16) & 0xFF);
            acc[2] += a * ((p >> 8) & 0xFF);
            acc[3] += a * (p & 0xFF);
        }
    }
    out[0] = acc[0] / (rx * ry);
    for (int k = 1; k < 4; k++)
        out[k] = acc[0] > 0 ? acc[k] / acc[0] : 0;
}

static void compare(SDL_Surface *src, int x0, int y0, int sw, int sh, int w, int h)
{
    SDL_Surface *out = cor_shrink(src, x0, y0, sw, sh, w, h);
    CHECK(out != NULL);
    if (!out)
        return;
    CHECK_INT(out->w, w);
    CHECK_INT(out->h, h);
    int worst = 0;
    for (int oy = 0; oy < h; oy++)
        for (int ox = 0; ox < w; ox++) {
            double want[4];
            reference(src, x0, y0, sw, sh, w, h, ox, oy, want);
            uint32_t got = *px(out, ox, oy);
            int g[4] = {(int)(got >> 24), (int)(got >> 16) & 0xFF, (int)(got >> 8) & 0xFF,
                        (int)got & 0xFF};
            for (int k = 0; k < 4; k++) {
                if (k > 0 && g[0] == 0)
                    continue; /* no colour under no coverage */
                int d = abs(g[k] - (int)lround(want[k]));
                worst = d > worst ? d : worst;
            }
        }
    CHECK_MSG(worst <= 1, "%dx%d from %dx%d differs from the plain average by %d", w, h, sw, sh,
              worst);
    SDL_FreeSurface(out);
}

static SDL_BlendMode blend_of(SDL_Surface *s)
{
    SDL_BlendMode mode = SDL_BLENDMODE_INVALID;
    SDL_GetSurfaceBlendMode(s, &mode);
    return mode;
}

/* SRC's part at X, Y of SW x SH shrunk to W x H is exactly what its ARGB copy shrinks to, and
 * its blend mode says whether it came out opaque. */
static void same_as_argb(SDL_Surface *src, int x, int y, int sw, int sh, int w, int h,
                         SDL_BlendMode blend)
{
    SDL_Surface *as_argb = SDL_ConvertSurfaceFormat(src, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_Surface *a = cor_shrink(src, x, y, sw, sh, w, h);
    SDL_Surface *b = as_argb ? cor_shrink(as_argb, x, y, sw, sh, w, h) : NULL;
    CHECK(a != NULL && b != NULL);
    int differ = 0;
    for (int oy = 0; a && b && oy < h; oy++)
        for (int ox = 0; ox < w; ox++)
            differ += *px(a, ox, oy) != *px(b, ox, oy);
    CHECK_MSG(differ == 0, "format %s: %d pixels differ from its ARGB copy's",
              SDL_GetPixelFormatName(src->format->format), differ);
    if (a)
        CHECK_MSG(blend_of(a) == blend, "format %s: blend mode %d, wanted %d",
                  SDL_GetPixelFormatName(src->format->format), (int)blend_of(a), (int)blend);
    SDL_FreeSurface(a);
    SDL_FreeSurface(b);
    SDL_FreeSurface(as_argb);
}

/* A W x H picture in FORMAT with every pixel opaque. */
static SDL_Surface *opaque_picture(int w, int h, Uint32 format)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s)
        return NULL;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            *px(s, x, y) = 0xFF000000u | (pattern(x, y) & 0xFFFFFFu);
    SDL_Surface *out = SDL_ConvertSurfaceFormat(s, format, 0);
    SDL_FreeSurface(s);
    return out;
}

int main(void)
{
    SDL_Surface *argb = SDL_CreateRGBSurfaceWithFormat(0, 1000, 700, 32, SDL_PIXELFORMAT_ARGB8888);
    CHECK(argb != NULL);
    if (!argb)
        return CHECK_DONE();
    for (int y = 0; y < argb->h; y++)
        for (int x = 0; x < argb->w; x++)
            *px(argb, x, y) = pattern(x, y);
    compare(argb, 0, 0, 1000, 700, 333, 233);  /* four bands, one cut short */
    compare(argb, 0, 0, 1000, 700, 1000, 350); /* one axis kept */
    compare(argb, 13, 29, 601, 433, 600, 1);   /* one row */
    compare(argb, 100, 50, 640, 640, 151, 151);
    CHECK(cor_shrink(argb, 0, 0, 1000, 700, 1001, 10) == NULL); /* not a shrink */
    CHECK(cor_shrink(argb, 500, 0, 600, 700, 10, 10) == NULL);  /* outside the picture */

    /* A palette picture shrinks as its colours would. */
    SDL_Surface *pal = SDL_CreateRGBSurfaceWithFormat(0, 300, 200, 8, SDL_PIXELFORMAT_INDEX8);
    CHECK(pal != NULL);
    if (pal) {
        SDL_Color colors[256];
        for (int i = 0; i < 256; i++)
            colors[i] = (SDL_Color){(Uint8)i, (Uint8)(255 - i), (Uint8)(i * 7), 255};
        SDL_SetPaletteColors(pal->format->palette, colors, 0, 256);
        for (int y = 0; y < 200; y++)
            for (int x = 0; x < 300; x++)
                ((Uint8 *)pal->pixels)[y * pal->pitch + x] = (Uint8)((x * 3 + y * 5) & 0xFF);
        SDL_Surface *as_argb = SDL_ConvertSurfaceFormat(pal, SDL_PIXELFORMAT_ARGB8888, 0);
        SDL_Surface *a = cor_shrink(pal, 0, 0, 300, 200, 97, 131);
        SDL_Surface *b = as_argb ? cor_shrink(as_argb, 0, 0, 300, 200, 97, 131) : NULL;
        CHECK(a != NULL && b != NULL);
        int differ = 0;
        for (int y = 0; a && b && y < 131; y++)
            for (int x = 0; x < 97; x++)
                differ += *px(a, x, y) != *px(b, x, y);
        CHECK_INT(differ, 0);
        SDL_FreeSurface(a);
        SDL_FreeSurface(b);
        SDL_FreeSurface(as_argb);
        SDL_FreeSurface(pal);
    }
    CHECK(blend_of(argb) == SDL_BLENDMODE_BLEND);
    SDL_Surface *some_clear = cor_shrink(argb, 0, 0, 1000, 700, 333, 233);
    CHECK(some_clear && blend_of(some_clear) == SDL_BLENDMODE_BLEND);
    SDL_FreeSurface(some_clear);

    /* A palette with see-through colours and a colour key, read in part. */
    SDL_Surface *keyed = SDL_CreateRGBSurfaceWithFormat(0, 300, 200, 8, SDL_PIXELFORMAT_INDEX8);
    CHECK(keyed != NULL);
    if (keyed) {
        SDL_Color colors[200];
        for (int i = 0; i < 200; i++)
            colors[i] = (SDL_Color){(Uint8)(i * 3), (Uint8)(255 - i), (Uint8)(i * 7),
                                    (Uint8)(i % 4 == 0 ? 128 : 255)};
        SDL_SetPaletteColors(keyed->format->palette, colors, 0, 200);
        for (int y = 0; y < 200; y++)
            for (int x = 0; x < 300; x++)
                ((Uint8 *)keyed->pixels)[y * keyed->pitch + x] = (Uint8)((x * 3 + y * 5) % 200);
        SDL_SetColorKey(keyed, SDL_TRUE, 7);
        same_as_argb(keyed, 17, 9, 250, 180, 61, 47, SDL_BLENDMODE_BLEND);
        SDL_FreeSurface(keyed);
    }

    /* Opaque pictures in the decoders' formats come out marked to be copied; across bands. */
    Uint32 formats[] = {SDL_PIXELFORMAT_RGB24, SDL_PIXELFORMAT_ABGR8888, SDL_PIXELFORMAT_ARGB8888,
                        SDL_PIXELFORMAT_RGB565};
    for (size_t i = 0; i < SDL_arraysize(formats); i++) {
        SDL_Surface *pic = opaque_picture(640, 400, formats[i]);
        CHECK(pic != NULL);
        if (!pic)
            continue;
        same_as_argb(pic, 0, 0, 640, 400, 500, 130, SDL_BLENDMODE_NONE);
        same_as_argb(pic, 33, 21, 400, 300, 151, 101, SDL_BLENDMODE_NONE);
        /* A colour key is read through SDL's own conversion. */
        SDL_SetColorKey(pic, SDL_TRUE, SDL_MapRGB(pic->format, 0, 0, 0));
        if (formats[i] != SDL_PIXELFORMAT_ARGB8888)
            same_as_argb(pic, 0, 0, 640, 400, 200, 90, SDL_BLENDMODE_BLEND);
        SDL_FreeSurface(pic);
    }

    SDL_FreeSurface(argb);
    return CHECK_DONE();
}
