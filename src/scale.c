/* scale.c: area-averaging shrink. Source column sx spans [sx*w, (sx+1)*w) and output column ox
 * spans [ox*sw, (ox+1)*sw) on a common axis (rows alike), so every overlap is an exact integer;
 * weights are overlaps over the output's span, so each output pixel's weights sum to one. The
 * output is made in bands of rows, each band a job for workers.c; a band reads the source rows
 * its output rows cover, converting them to ARGB8888 a strip at a time. */
#include "scale.h"

#include <SDL.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "workers.h"

/* Output rows per job, and source rows converted at a time for sources not in ARGB8888. */
#define BAND_ROWS  64
#define STRIP_ROWS 32

struct shrink {
    SDL_Surface *src, *out;
    int x, y, sw, sh, w, h;
    bool argb; /* SRC is ARGB8888: its rows are read in place */
    /* Per output column: the first source column, how many, and their weights (in order). */
    int *first, *count;
    size_t *at; /* where each column's weights start */
    float *weight;
    atomic_bool failed; /* a band ran out of memory */
};

/* A band's own view of the source: the strip of rows converted last, and the horizontal sums of
 * the source row computed last (shared by the two output rows it straddles). */
struct band {
    const struct shrink *s;
    SDL_Palette *palette; /* a copy of SRC's: a palette's reference count is not thread-safe */
    SDL_Surface *strip;
    int strip_y, strip_n;
    int row_y;
    float *row; /* alpha-weighted sums per output column: a, r, g, b */
};

/* Source rows Y..Y+N as a new ARGB8888 surface, through the band's own palette. */
static SDL_Surface *convert_strip(struct band *b, int y, int n)
{
    SDL_Surface *src = b->s->src;
    SDL_Surface *view = SDL_CreateRGBSurfaceWithFormatFrom(
        (unsigned char *)src->pixels + (size_t)y * (size_t)src->pitch, src->w, n,
        src->format->BitsPerPixel, src->pitch, src->format->format);
    if (!view)
        return NULL;
    Uint32 key;
    SDL_Surface *out = NULL;
    if ((!b->palette || SDL_SetSurfacePalette(view, b->palette) == 0) &&
        (SDL_GetColorKey(src, &key) != 0 || SDL_SetColorKey(view, SDL_TRUE, key) == 0))
        out = SDL_ConvertSurfaceFormat(view, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_FreeSurface(view);
    return out;
}

/* The pixels of source row Y (an absolute row of SRC), or NULL when out of memory. */
static const uint32_t *source_row(struct band *b, int y)
{
    SDL_Surface *src = b->s->src;
    if (b->s->argb)
        return (const uint32_t *)(const void *)((const unsigned char *)src->pixels +
                                                (size_t)y * (size_t)src->pitch);
    if (!b->strip || y < b->strip_y || y >= b->strip_y + b->strip_n) {
        SDL_FreeSurface(b->strip);
        int end = b->s->y + b->s->sh;
        b->strip_y = y;
        b->strip_n = end - y < STRIP_ROWS ? end - y : STRIP_ROWS;
        b->strip = convert_strip(b, y, b->strip_n);
        if (!b->strip)
            return NULL;
    }
    return (const uint32_t *)(const void *)((const unsigned char *)b->strip->pixels +
                                            (size_t)(y - b->strip_y) * (size_t)b->strip->pitch);
}

/* Fills the band's horizontal sums for source row Y (relative to the part read). */
static bool sum_row(struct band *b, int y)
{
    if (b->row_y == y)
        return true;
    const struct shrink *s = b->s;
    const uint32_t *px = source_row(b, s->y + y);
    if (!px)
        return false;
    px += s->x;
    for (int ox = 0; ox < s->w; ox++) {
        const float *wt = s->weight + s->at[ox];
        const uint32_t *p = px + s->first[ox];
        float pa = 0, pr = 0, pg = 0, pb = 0;
        for (int t = 0; t < s->count[ox]; t++) {
            float wa = wt[t] * (float)(p[t] >> 24);
            pa += wa;
            pr += wa * (float)((p[t] >> 16) & 0xff);
            pg += wa * (float)((p[t] >> 8) & 0xff);
            pb += wa * (float)(p[t] & 0xff);
        }
        float *o = b->row + (size_t)ox * 4;
        o[0] = pa;
        o[1] = pr;
        o[2] = pg;
        o[3] = pb;
    }
    b->row_y = y;
    return true;
}

static uint32_t channel(float v)
{
    uint32_t c = (uint32_t)(v + 0.5f); /* never negative: rounds as lroundf would */
    return c > 255 ? 255 : c;
}

/* Output rows [OY0, OY1). */
static bool shrink_band(struct band *b, float *acc, int oy0, int oy1)
{
    const struct shrink *s = b->s;
    for (int oy = oy0; oy < oy1; oy++) {
        int64_t lo = (int64_t)oy * s->sh, hi = lo + s->sh;
        memset(acc, 0, (size_t)s->w * 4 * sizeof(*acc));
        for (int y = (int)(lo / s->h); y < s->sh && (int64_t)y * s->h < hi; y++) {
            int64_t a = (int64_t)y * s->h, e = a + s->h;
            float wy = (float)((e < hi ? e : hi) - (a > lo ? a : lo)) / (float)s->sh;
            if (!sum_row(b, y))
                return false;
            for (size_t i = 0; i < (size_t)s->w * 4; i++)
                acc[i] += wy * b->row[i];
        }
        uint32_t *dst = (uint32_t *)(void *)((unsigned char *)s->out->pixels +
                                             (size_t)oy * (size_t)s->out->pitch);
        for (int ox = 0; ox < s->w; ox++) {
            const float *c = acc + (size_t)ox * 4;
            uint32_t pa = channel(c[0]), pr = 0, pg = 0, pb = 0;
            if (c[0] > 0) {
                float inv = 1.0f / c[0];
                pr = channel(c[1] * inv);
                pg = channel(c[2] * inv);
                pb = channel(c[3] * inv);
            }
            dst[ox] = pa << 24 | pr << 16 | pg << 8 | pb;
        }
    }
    return true;
}

static void band_job(void *ctx, size_t i)
{
    struct shrink *s = ctx;
    int oy0 = (int)i * BAND_ROWS, oy1 = oy0 + BAND_ROWS < s->h ? oy0 + BAND_ROWS : s->h;
    struct band b = {.s = s, .row_y = -1};
    b.row = malloc((size_t)s->w * 4 * sizeof(float));
    float *acc = malloc((size_t)s->w * 4 * sizeof(float));
    SDL_Palette *shared = s->src->format->palette;
    if (shared) {
        b.palette = SDL_AllocPalette(shared->ncolors);
        if (b.palette)
            SDL_SetPaletteColors(b.palette, shared->colors, 0, shared->ncolors);
    }
    bool ok = b.row && acc && (!shared || b.palette) && shrink_band(&b, acc, oy0, oy1);
    if (!ok)
        atomic_store(&s->failed, true);
    SDL_FreeSurface(b.strip);
    SDL_FreePalette(b.palette);
    free(b.row);
    free(acc);
}

/* Each output column's source columns and weights. */
static bool plan_columns(struct shrink *s)
{
    s->first = calloc((size_t)s->w, sizeof(*s->first));
    s->count = calloc((size_t)s->w, sizeof(*s->count));
    s->at = calloc((size_t)s->w, sizeof(*s->at));
    s->weight = calloc((size_t)s->sw + 2 * (size_t)s->w, sizeof(*s->weight));
    if (!s->first || !s->count || !s->at || !s->weight)
        return false;
    size_t k = 0;
    for (int ox = 0; ox < s->w; ox++) {
        int64_t lo = (int64_t)ox * s->sw, hi = lo + s->sw;
        int sx = (int)(lo / s->w);
        s->first[ox] = sx;
        s->at[ox] = k;
        for (; sx < s->sw && (int64_t)sx * s->w < hi; sx++) {
            int64_t a = (int64_t)sx * s->w, b = a + s->w;
            int64_t overlap = (b < hi ? b : hi) - (a > lo ? a : lo);
            s->weight[k++] = (float)overlap / (float)s->sw;
            s->count[ox]++;
        }
    }
    return true;
}

SDL_Surface *cor_shrink(SDL_Surface *src, int x, int y, int sw, int sh, int w, int h)
{
    if (!src || w < 1 || h < 1 || sw < w || sh < h || x < 0 || y < 0 || x + sw > src->w ||
        y + sh > src->h)
        return NULL;
    struct shrink s = {.src = src,
                       .x = x,
                       .y = y,
                       .sw = sw,
                       .sh = sh,
                       .w = w,
                       .h = h,
                       .argb = src->format->format == SDL_PIXELFORMAT_ARGB8888};
    atomic_init(&s.failed, false);
    s.out = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    bool locked = SDL_LockSurface(src) == 0;
    if (s.out && locked && plan_columns(&s))
        cor_workers_run(((size_t)h + BAND_ROWS - 1) / BAND_ROWS, band_job, &s, 0);
    else
        atomic_store(&s.failed, true);
    if (locked)
        SDL_UnlockSurface(src);
    free(s.first);
    free(s.count);
    free(s.at);
    free(s.weight);
    if (atomic_load(&s.failed)) {
        SDL_FreeSurface(s.out);
        return NULL;
    }
    return s.out;
}
