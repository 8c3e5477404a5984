/* image_png.c: PNG pictures decoded by libpng, whole or in rows shrunk on the way. */
#include "image_png.h"

#include <SDL.h>
#include <png.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

/* The bytes libpng reads from. */
struct source {
    const unsigned char *d;
    size_t len, pos;
};

/* Why libpng stopped, for the sentence. */
struct failure {
    char why[200];
};

static void read_bytes(png_structp png, png_bytep out, size_t n)
{
    struct source *s = png_get_io_ptr(png);
    if (n > s->len - s->pos)
        png_error(png, "the end of the PNG is missing");
    memcpy(out, s->d + s->pos, n);
    s->pos += n;
}

static void on_error(png_structp png, png_const_charp msg)
{
    struct failure *f = png_get_error_ptr(png);
    snprintf(f->why, sizeof(f->why), "%s", msg ? msg : "");
    png_longjmp(png, 1);
}

/* libpng's remarks on a picture that still decodes (a colour profile it knows to be wrong, a
 * damaged text chunk it skips) are not for the people who made it: the picture is shown. */
static void on_warning(png_structp png, png_const_charp msg)
{
    (void)png;
    (void)msg;
}

/* A row of ARGB8888 pixels: its alpha, red, green and blue. */
#define CH_A(p) ((p) >> 24)
#define CH_R(p) ((p) >> 16 & 0xffu)
#define CH_G(p) ((p) >> 8 & 0xffu)
#define CH_B(p) ((p)&0xffu)

/* Where a source pixel's share goes along one axis of N source pixels made TN: source pixel i
 * covers [i*TN, (i+1)*TN) and output pixel o covers [o*N, (o+1)*N), in units of 1/(N*TN) of the
 * whole; a source pixel lies over one output pixel or over the edge of two. */
struct share {
    int32_t to;    /* the first output pixel it covers */
    uint32_t w[2]; /* how much of it lies over that one and over the next */
};

static void shares(struct share *sh, int n, int tn)
{
    for (int i = 0; i < n; i++) {
        int64_t from = (int64_t)i * tn, until = from + tn, o = from / n, edge = (o + 1) * n;
        sh[i].to = (int32_t)o;
        sh[i].w[0] = (uint32_t)((until < edge ? until : edge) - from);
        sh[i].w[1] = (uint32_t)(until > edge ? until - edge : 0);
    }
}

/* Area averaging, one source row at a time: a source row is first spread over the output
 * columns (ROW), then added into the output row it lies over and the next (two bands). */
struct shrink {
    int w, h, tw, th;
    bool solid;         /* three bytes a pixel without alpha; else ARGB8888 */
    struct share *cols; /* per source column */
    struct share *rows; /* per source row */
    uint64_t *row;      /* per output column: alpha, red, green, blue (by alpha unless solid) */
    uint64_t *band[2];  /* the output row being gathered and the next, the same way */
};

/* Spreads source row IN over the output columns of SH->row. */
static void spread(struct shrink *sh, const unsigned char *in)
{
    uint64_t *row = sh->row;
    memset(row, 0, (size_t)sh->tw * 4 * sizeof(*row));
    const struct share *c = sh->cols;
    if (sh->solid) {
        /* Red, green, blue bytes, in the order of an ARGB8888 pixel's colour bytes. */
#if SDL_BYTEORDER == SDL_BIG_ENDIAN
        const int ri = 0, bi = 2;
#else
        const int ri = 2, bi = 0;
#endif
        for (int x = 0; x < sh->w; x++, in += 3, c++) {
            uint64_t *o = row + (size_t)c->to * 4, w0 = c->w[0];
            uint64_t r = in[ri], g = in[1], b = in[bi];
            o[1] += w0 * r;
            o[2] += w0 * g;
            o[3] += w0 * b;
            if (c->w[1]) {
                uint64_t w1 = c->w[1];
                o[5] += w1 * r;
                o[6] += w1 * g;
                o[7] += w1 * b;
            }
        }
        return;
    }
    for (int x = 0; x < sh->w; x++, in += 4, c++) {
        uint32_t p;
        memcpy(&p, in, 4);
        uint64_t a = CH_A(p), r = a * CH_R(p), g = a * CH_G(p), b = a * CH_B(p);
        uint64_t *o = row + (size_t)c->to * 4;
        for (int k = 0; k < 2 && c->w[k]; k++, o += 4) {
            uint64_t wt = c->w[k];
            o[0] += wt * a;
            o[1] += wt * r;
            o[2] += wt * g;
            o[3] += wt * b;
        }
    }
}

/* Adds the spread row into BAND with weight WT. */
static void add_row(struct shrink *sh, uint64_t *band, uint64_t wt)
{
    for (size_t i = 0; i < (size_t)sh->tw * 4; i++)
        band[i] += wt * sh->row[i];
}

/* Writes the finished band 0 into OUT as ARGB8888 and moves band 1 into its place; whether
 * every pixel is opaque. */
static bool finish_row(struct shrink *sh, uint32_t *out)
{
    const uint64_t whole = (uint64_t)sh->w * (uint64_t)sh->h; /* an output pixel's weight */
    bool opaque = true;
    uint64_t *s = sh->band[0];
    for (int x = 0; x < sh->tw; x++, s += 4) {
        uint32_t a = 255, r = 0, g = 0, b = 0;
        uint64_t by = sh->solid ? whole : s[0];
        if (!sh->solid)
            a = (uint32_t)((s[0] + whole / 2) / whole);
        if (by) {
            r = (uint32_t)((s[1] + by / 2) / by);
            g = (uint32_t)((s[2] + by / 2) / by);
            b = (uint32_t)((s[3] + by / 2) / by);
        }
        out[x] = a << 24 | r << 16 | g << 8 | b;
        opaque &= a == 255;
    }
    uint64_t *done = sh->band[0];
    sh->band[0] = sh->band[1];
    sh->band[1] = done;
    memset(done, 0, (size_t)sh->tw * 4 * sizeof(*done));
    return opaque;
}

static void free_shrink(struct shrink *sh)
{
    free(sh->cols);
    free(sh->rows);
    free(sh->row);
    free(sh->band[0]);
    free(sh->band[1]);
    free(sh);
}

static uint32_t *row_of(SDL_Surface *s, int y)
{
    return (uint32_t *)(void *)((unsigned char *)s->pixels + (size_t)y * (size_t)s->pitch);
}

SDL_Surface *cor_png_decode(const unsigned char *d, size_t len, int tw, int th, char *err,
                            size_t err_size)
{
    struct source src = {d, len, 0};
    struct failure fail = {""};
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &fail, on_error, on_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (!info) {
        png_destroy_read_struct(&png, NULL, NULL);
        cor_say(err, err_size, "cannot be decoded: out of memory");
        return NULL;
    }
    SDL_Surface *volatile s = NULL;
    png_bytep *volatile rows = NULL;
    uint32_t *volatile line = NULL;
    struct shrink *volatile sh = calloc(1, sizeof(*sh));
    if (!sh) {
        png_destroy_read_struct(&png, &info, NULL);
        cor_say(err, err_size, "cannot be decoded: out of memory");
        return NULL;
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_read_struct(&png, &info, NULL);
        SDL_FreeSurface(s);
        free(rows);
        free(line);
        free_shrink(sh);
        cor_say(err, err_size, "is damaged or cut short (%s): save or copy it again",
                fail.why[0] ? fail.why : "the decoder gave no reason");
        return NULL;
    }
    png_set_read_fn(png, &src, read_bytes);
    /* Every chunk's CRC is checked already; zlib's own checksum of the data would only add a
     * tenth to the time a large picture takes. */
    png_set_option(png, PNG_IGNORE_ADLER32, PNG_OPTION_ON);
    png_read_info(png, info);
    int w = (int)png_get_image_width(png, info), h = (int)png_get_image_height(png, info);
    int colour = png_get_color_type(png, info), depth = png_get_bit_depth(png, info);
    bool whole = tw == w && th == h, keyed = png_get_valid(png, info, PNG_INFO_tRNS) != 0;
    bool palette = whole && colour == PNG_COLOR_TYPE_PALETTE && !keyed;
    /* Shrunk without an alpha channel to carry: three bytes a pixel, summed as they come. */
    bool solid = !whole && !(colour & PNG_COLOR_MASK_ALPHA) && !keyed;
    if (!whole && png_get_interlace_type(png, info) != PNG_INTERLACE_NONE)
        png_error(png, "an interlaced PNG is decoded only whole");
    if (palette) {
        if (depth < 8)
            png_set_packing(png);
    } else {
        png_set_expand(png); /* palette to colour, grey to 8 bits, tRNS to alpha */
        png_set_strip_16(png);
        png_set_gray_to_rgb(png);
        if (!solid)
            png_set_add_alpha(png, 0xff, PNG_FILLER_AFTER);
#if SDL_BYTEORDER == SDL_BIG_ENDIAN
        if (!solid)
            png_set_swap_alpha(png); /* A, R, G, B in memory */
#else
        png_set_bgr(png); /* B, G, R, A in memory: an ARGB8888 pixel */
#endif
    }
    png_set_interlace_handling(png);
    png_read_update_info(png, info);
    s = palette ? SDL_CreateRGBSurfaceWithFormat(0, w, h, 8, SDL_PIXELFORMAT_INDEX8)
                : SDL_CreateRGBSurfaceWithFormat(0, tw, th, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s)
        png_error(png, "out of memory");
    if (palette) {
        png_colorp plte = NULL;
        int n = 0;
        png_get_PLTE(png, info, &plte, &n);
        SDL_Color colours[256];
        for (int i = 0; i < 256; i++)
            colours[i] = i < n ? (SDL_Color){plte[i].red, plte[i].green, plte[i].blue, 255}
                               : (SDL_Color){0, 0, 0, 255};
        SDL_SetPaletteColors(s->format->palette, colours, 0, 256);
    }
    if (whole) {
        rows = malloc((size_t)h * sizeof(*rows));
        if (!rows)
            png_error(png, "out of memory");
        for (int y = 0; y < h; y++)
            rows[y] = (png_bytep)s->pixels + (size_t)y * (size_t)s->pitch;
        png_read_image(png, rows);
    } else {
        line = malloc((size_t)w * 4);
        *sh = (struct shrink){
            w,
            h,
            tw,
            th,
            solid,
            malloc((size_t)w * sizeof(*sh->cols)),
            malloc((size_t)h * sizeof(*sh->rows)),
            calloc((size_t)tw * 4, sizeof(*sh->row)),
            {calloc((size_t)tw * 4, sizeof(uint64_t)), calloc((size_t)tw * 4, sizeof(uint64_t))}};
        if (!line || !sh->cols || !sh->rows || !sh->row || !sh->band[0] || !sh->band[1])
            png_error(png, "out of memory");
        shares(sh->cols, w, tw);
        shares(sh->rows, h, th);
        bool opaque = true;
        for (int y = 0; y < h; y++) {
            const struct share *r = &sh->rows[y];
            png_read_row(png, (png_bytep)line, NULL);
            spread(sh, (const unsigned char *)line);
            add_row(sh, sh->band[0], r->w[0]);
            if (r->w[1])
                add_row(sh, sh->band[1], r->w[1]);
            /* Output row r->to is whole once no later source row lies over it. */
            if (y + 1 == h || sh->rows[y + 1].to != r->to)
                opaque &= finish_row(sh, row_of(s, r->to));
        }
        SDL_SetSurfaceBlendMode(s, opaque ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    }
    png_read_end(png, NULL);
    png_destroy_read_struct(&png, &info, NULL);
    free(rows);
    free(line);
    free_shrink(sh);
    return s;
}
