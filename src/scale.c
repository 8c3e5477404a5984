/* scale.c: area-averaging shrink. Source column sx spans [sx*w, (sx+1)*w) and output column ox
 * spans [ox*sw, (ox+1)*sw) on a common axis (rows alike), so every overlap is an exact integer;
 * weights are overlaps over the output's span, so each output pixel's weights sum to one. The
 * output is made in bands of rows, each band a job for workers.c; a band reads the source rows
 * its output rows cover, converting them to ARGB8888 a strip at a time into its own rows, so a
 * palette picture is never converted whole. */
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

/* How a band reads source rows as ARGB8888. */
enum read {
    READ_ARGB,    /* in place */
    READ_LUT,     /* 8-bit palette: through a table made once, keys and palette alpha included */
    READ_PIXELS,  /* other formats without a colour key: SDL_ConvertPixels into the band's rows */
    READ_SURFACE, /* anything else (small palettes, keyed colours): a converted strip surface */
};

struct shrink {
    SDL_Surface *src, *out;
    int x, y, sw, sh, w, h;
    enum read how;
    uint32_t lut[256];
    /* Per output column: the first source column, how many, and their weights (in order). */
    int *first, *count;
    size_t *at; /* where each column's weights start */
    float *weight;
    atomic_bool failed;      /* a band ran out of memory */
    atomic_bool translucent; /* some output pixel is not opaque */
};

/* A band's own view of the source: the strip of rows converted last, and the horizontal sums of
 * the source row computed last (shared by the two output rows it straddles). */
struct band {
    struct shrink *s;
    SDL_Palette *palette; /* READ_SURFACE: a copy of SRC's, as its reference count is not
                           * thread-safe */
    SDL_Surface *strip;   /* READ_SURFACE */
    uint32_t *rows;       /* READ_LUT, READ_PIXELS: STRIP_ROWS rows of SW pixels */
    int strip_y, strip_n;
    int row_y;
    float *row; /* alpha-weighted sums per output column: a, r, g, b */
};

static enum read how_to_read(SDL_Surface *src, uint32_t lut[256])
{
    const SDL_PixelFormat *f = src->format;
    if (f->format == SDL_PIXELFORMAT_ARGB8888)
        return READ_ARGB;
    Uint32 key;
    bool keyed = SDL_GetColorKey(src, &key) == 0;
    if (f->format == SDL_PIXELFORMAT_INDEX8 && f->palette) {
        for (int i = 0; i < 256; i++) {
            SDL_Color c =
                i < f->palette->ncolors ? f->palette->colors[i] : (SDL_Color){0, 0, 0, 255};
            lut[i] = (uint32_t)c.a << 24 | (uint32_t)c.r << 16 | (uint32_t)c.g << 8 | c.b;
        }
        if (keyed)
            lut[key & 0xFF] &= 0x00FFFFFFu;
        return READ_LUT;
    }
    if (!keyed && !SDL_ISPIXELFORMAT_INDEXED(f->format) && !SDL_ISPIXELFORMAT_FOURCC(f->format))
        return READ_PIXELS;
    return READ_SURFACE;
}

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

/* Source rows Y..Y+N, columns X..X+SW, into the band's rows. */
static bool convert_rows(struct band *b, int y, int n)
{
    const struct shrink *s = b->s;
    const SDL_Surface *src = s->src;
    const unsigned char *from = (const unsigned char *)src->pixels + (size_t)y * (size_t)src->pitch;
    if (s->how == READ_PIXELS)
        return SDL_ConvertPixels(s->sw, n, src->format->format,
                                 from + (size_t)s->x * src->format->BytesPerPixel, src->pitch,
                                 SDL_PIXELFORMAT_ARGB8888, b->rows, s->sw * 4) == 0;
    for (int r = 0; r < n; r++) {
        const Uint8 *in = from + (size_t)r * (size_t)src->pitch + s->x;
        uint32_t *out = b->rows + (size_t)r * (size_t)s->sw;
        for (int i = 0; i < s->sw; i++)
            out[i] = s->lut[in[i]];
    }
    return true;
}

/* The pixels of source row Y (an absolute row of SRC) from column X on, or NULL when out of
 * memory. */
static const uint32_t *source_row(struct band *b, int y)
{
    const struct shrink *s = b->s;
    SDL_Surface *src = s->src;
    if (s->how == READ_ARGB)
        return (const uint32_t *)(const void *)((const unsigned char *)src->pixels +
                                                (size_t)y * (size_t)src->pitch) +
               s->x;
    if (y >= b->strip_y && y < b->strip_y + b->strip_n) {
        if (s->how != READ_SURFACE)
            return b->rows + (size_t)(y - b->strip_y) * (size_t)s->sw;
        return (const uint32_t *)(const void *)((const unsigned char *)b->strip->pixels +
                                                (size_t)(y - b->strip_y) *
                                                    (size_t)b->strip->pitch) +
               s->x;
    }
    int end = s->y + s->sh;
    b->strip_y = y;
    b->strip_n = end - y < STRIP_ROWS ? end - y : STRIP_ROWS;
    if (s->how == READ_SURFACE) {
        SDL_FreeSurface(b->strip);
        b->strip = convert_strip(b, y, b->strip_n);
    }
    if (s->how == READ_SURFACE ? b->strip == NULL : !convert_rows(b, y, b->strip_n)) {
        b->strip_n = 0;
        return NULL;
    }
    return source_row(b, y);
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
    uint32_t alpha = 255;
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
            alpha &= pa;
        }
    }
    if (alpha != 255)
        atomic_store(&b->s->translucent, true);
    return true;
}

static void band_job(void *ctx, size_t i)
{
    struct shrink *s = ctx;
    int oy0 = (int)i * BAND_ROWS, oy1 = oy0 + BAND_ROWS < s->h ? oy0 + BAND_ROWS : s->h;
    struct band b = {.s = s, .row_y = -1};
    b.row = malloc((size_t)s->w * 4 * sizeof(float));
    float *acc = malloc((size_t)s->w * 4 * sizeof(float));
    bool ready = b.row && acc;
    SDL_Palette *shared = s->src->format->palette;
    if (s->how == READ_SURFACE && shared) {
        b.palette = SDL_AllocPalette(shared->ncolors);
        if (b.palette)
            SDL_SetPaletteColors(b.palette, shared->colors, 0, shared->ncolors);
        ready = ready && b.palette;
    } else if (s->how == READ_LUT || s->how == READ_PIXELS) {
        b.rows = malloc((size_t)s->sw * STRIP_ROWS * sizeof(*b.rows));
        ready = ready && b.rows;
    }
    if (!ready || !shrink_band(&b, acc, oy0, oy1))
        atomic_store(&s->failed, true);
    SDL_FreeSurface(b.strip);
    SDL_FreePalette(b.palette);
    free(b.rows);
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

bool cor_shrink_into(SDL_Surface *src, int x, int y, int sw, int sh, SDL_Surface *out)
{
    int w = out ? out->w : 0, h = out ? out->h : 0;
    if (!src || !out || out->format->format != SDL_PIXELFORMAT_ARGB8888 || w < 1 || h < 1 ||
        sw < w || sh < h || x < 0 || y < 0 || x + sw > src->w || y + sh > src->h)
        return false;
    struct shrink s = {.src = src, .out = out, .x = x, .y = y, .sw = sw, .sh = sh, .w = w, .h = h};
    s.how = how_to_read(src, s.lut);
    atomic_init(&s.failed, false);
    atomic_init(&s.translucent, false);
    bool locked = SDL_LockSurface(src) == 0;
    bool out_locked = locked && SDL_LockSurface(out) == 0;
    if (out_locked && plan_columns(&s))
        cor_workers_run(((size_t)h + BAND_ROWS - 1) / BAND_ROWS, band_job, &s, 0);
    else
        atomic_store(&s.failed, true);
    if (out_locked)
        SDL_UnlockSurface(out);
    if (locked)
        SDL_UnlockSurface(src);
    free(s.first);
    free(s.count);
    free(s.at);
    free(s.weight);
    if (atomic_load(&s.failed))
        return false;
    SDL_SetSurfaceBlendMode(out,
                            atomic_load(&s.translucent) ? SDL_BLENDMODE_BLEND : SDL_BLENDMODE_NONE);
    return true;
}

SDL_Surface *cor_shrink(SDL_Surface *src, int x, int y, int sw, int sh, int w, int h)
{
    if (w < 1 || h < 1)
        return NULL;
    SDL_Surface *out = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (out && !cor_shrink_into(src, x, y, sw, sh, out)) {
        SDL_FreeSurface(out);
        out = NULL;
    }
    return out;
}
