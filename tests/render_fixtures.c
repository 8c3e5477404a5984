/* render_fixtures.c: pictures the render tests draw (a logo, a poster, a portrait, EXIF and huge)
 * and the headless screen they draw on. */
#include "render_fixtures.h"

#include <SDL.h>
#include <SDL_image.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static SDL_Surface *argb(int w, int h)
{
    return SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
}

static void put(SDL_Surface *s, int x, int y, uint32_t c)
{
    ((uint32_t *)((unsigned char *)s->pixels + y * s->pitch))[x] = c;
}

/* A wide logo: a teal disc and a white bar, on transparency. */
bool make_logo(const char *path)
{
    SDL_Surface *s = argb(360, 120);
    if (!s)
        return false;
    for (int y = 0; y < 120; y++)
        for (int x = 0; x < 360; x++) {
            int dx = x - 60, dy = y - 60;
            uint32_t c = 0;
            if (dx * dx + dy * dy < 55 * 55)
                c = 0xFF00A499u;
            else if (x > 135 && x < 350 && y > 45 && y < 75)
                c = 0xFFFFFFFFu;
            put(s, x, y, c);
        }
    bool ok = IMG_SavePNG(s, path) == 0;
    SDL_FreeSurface(s);
    return ok;
}

/* A poster: a diagonal gradient with a ring. */
bool make_poster(const char *path, int w, int h)
{
    SDL_Surface *s = argb(w, h);
    if (!s)
        return false;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            int t = (x + y) * 255 / (w + h);
            int dx = x - w * 2 / 3, dy = y - h / 2, d2 = dx * dx + dy * dy;
            int r = h / 4;
            bool ring = d2 < r * r && d2 > (r - h / 40) * (r - h / 40);
            uint32_t c = ring ? 0xFFFFFFFFu
                              : 0xFF000000u | (uint32_t)(20 + t / 4) << 16 |
                                    (uint32_t)(90 + t / 3) << 8 | (uint32_t)(120 + t / 3);
            put(s, x, y, c);
        }
    bool ok = IMG_SavePNG(s, path) == 0;
    SDL_FreeSurface(s);
    return ok;
}

/* A portrait: a warm head and shoulders on a grey ground. */
bool make_portrait(const char *path)
{
    SDL_Surface *s = argb(400, 500);
    if (!s)
        return false;
    for (int y = 0; y < 500; y++)
        for (int x = 0; x < 400; x++) {
            int hx = x - 200, hy = y - 190, sy = y - 520;
            uint32_t c = 0xFF9AA5B1u;
            if (hx * hx + hy * hy < 95 * 95)
                c = 0xFFE0B090u;
            else if (hx * hx / 2 + sy * sy < 200 * 200)
                c = 0xFF2F5E8Eu;
            put(s, x, y, c);
        }
    bool ok = IMG_SavePNG(s, path) == 0;
    SDL_FreeSurface(s);
    return ok;
}

/* A JPEG whose pixels are stored on their side: red on top, green below, with EXIF orientation 6
 * ("turn 90 degrees clockwise to show"): upright, red is on the right and green on the left. */
bool make_exif_photo(const char *path, const char *tmp)
{
    SDL_Surface *s = argb(300, 400);
    if (!s)
        return false;
    for (int y = 0; y < 400; y++)
        for (int x = 0; x < 300; x++)
            put(s, x, y, y < 200 ? 0xFFFF0000u : 0xFF00FF00u);
    bool ok = IMG_SaveJPG(s, tmp, 95) == 0;
    SDL_FreeSurface(s);
    FILE *f = ok ? fopen(tmp, "rb") : NULL;
    if (!f)
        return false;
    static unsigned char buf[1 << 20];
    size_t n = fread(buf, 1, sizeof(buf), f);
    fclose(f);
    static const unsigned char app1[] = {
        0xFF, 0xE1, 0x00, 0x22, 'E',  'x',  'i',  'f',  0,    0,          /* APP1, Exif */
        'M',  'M',  0x00, 0x2A, 0x00, 0x00, 0x00, 0x08,                   /* TIFF header */
        0x00, 0x01,                                                       /* one entry */
        0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x06, 0, 0, /* orientation 6 */
        0x00, 0x00, 0x00, 0x00};
    f = fopen(path, "wb");
    if (!f || n < 2)
        return false;
    ok = fwrite(buf, 1, 2, f) == 2 && fwrite(app1, 1, sizeof(app1), f) == sizeof(app1) &&
         fwrite(buf + 2, 1, n - 2, f) == n - 2;
    return fclose(f) == 0 && ok;
}

static uint32_t crc_table[256];

static uint32_t crc32_of(uint32_t c, const unsigned char *p, size_t n)
{
    if (!crc_table[1])
        for (uint32_t i = 0; i < 256; i++) {
            uint32_t v = i;
            for (int k = 0; k < 8; k++)
                v = v & 1 ? 0xEDB88320u ^ (v >> 1) : v >> 1;
            crc_table[i] = v;
        }
    c ^= 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++)
        c = crc_table[(c ^ p[i]) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

static void be32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

static bool chunk(FILE *f, const char *type, const unsigned char *data, size_t n)
{
    unsigned char head[8], tail[4];
    be32(head, (uint32_t)n);
    memcpy(head + 4, type, 4);
    uint32_t c = crc32_of(0, head + 4, 4);
    c = crc32_of(c, data, n);
    be32(tail, c);
    return fwrite(head, 1, 8, f) == 8 && (n == 0 || fwrite(data, 1, n, f) == n) &&
           fwrite(tail, 1, 4, f) == 4;
}

/* A W x H two-colour PNG (a checkerboard of CELL-pixel squares, teal and white), one bit a pixel,
 * stored without compression: huge pictures cheaply. */
bool make_checker_png(const char *path, int w, int h, int cell)
{
    size_t row = 1 + ((size_t)w + 7) / 8, raw_n = row * (size_t)h;
    size_t blocks = (raw_n + 65534) / 65535;
    size_t z_n = 2 + blocks * 5 + raw_n + 4;
    unsigned char *z = malloc(z_n), *line = malloc(row);
    FILE *f = z && line ? fopen(path, "wb") : NULL;
    if (!f) {
        free(z);
        free(line);
        return false;
    }
    size_t zi = 0, in_block = 0, left = raw_n;
    uint32_t a = 1, b = 0;
    z[zi++] = 0x78;
    z[zi++] = 0x01;
    for (int y = 0; y < h; y++) {
        memset(line, 0, row);
        for (int x = 0; x < w; x++)
            if (((x / cell) + (y / cell)) % 2)
                line[1 + x / 8] |= (unsigned char)(0x80 >> (x % 8));
        for (size_t i = 0; i < row; i++) {
            if (in_block == 0) {
                size_t n = left < 65535 ? left : 65535;
                z[zi++] = left <= 65535 ? 1 : 0;
                z[zi++] = (unsigned char)(n & 0xFF);
                z[zi++] = (unsigned char)(n >> 8);
                z[zi++] = (unsigned char)(~n & 0xFF);
                z[zi++] = (unsigned char)((~n >> 8) & 0xFF);
                in_block = n;
            }
            z[zi++] = line[i];
            a = (a + line[i]) % 65521;
            b = (b + a) % 65521;
            in_block--;
            left--;
        }
    }
    be32(z + zi, b << 16 | a);
    zi += 4;
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    unsigned char ihdr[13];
    be32(ihdr, (uint32_t)w);
    be32(ihdr + 4, (uint32_t)h);
    ihdr[8] = 1; /* bit depth */
    ihdr[9] = 3; /* palette */
    ihdr[10] = ihdr[11] = ihdr[12] = 0;
    static const unsigned char plte[6] = {0x00, 0xA4, 0x99, 0xFF, 0xFF, 0xFF};
    bool ok = fwrite(sig, 1, 8, f) == 8 && chunk(f, "IHDR", ihdr, 13) && chunk(f, "PLTE", plte, 6);
    for (size_t off = 0; ok && off < zi; off += 1 << 20)
        ok = chunk(f, "IDAT", z + off, zi - off < (1u << 20) ? zi - off : 1u << 20);
    ok = ok && chunk(f, "IEND", NULL, 0);
    ok = fclose(f) == 0 && ok;
    free(z);
    free(line);
    return ok;
}

/* ---- a screen without a display ---- */

bool screen_open(struct screen *s, int w, int h)
{
    memset(s, 0, sizeof(*s));
    s->w = w;
    s->h = h;
    s->surface = argb(w, h);
    s->sdl = s->surface ? SDL_CreateSoftwareRenderer(s->surface) : NULL;
    s->target =
        s->sdl ? SDL_CreateTexture(s->sdl, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, w, h)
               : NULL;
    return s->target != NULL;
}

void screen_close(struct screen *s)
{
    if (s->target)
        SDL_DestroyTexture(s->target);
    if (s->sdl)
        SDL_DestroyRenderer(s->sdl);
    SDL_FreeSurface(s->surface);
}

SDL_Surface *read_back(struct screen *s, SDL_Texture *tex)
{
    SDL_Surface *out = argb(s->w, s->h);
    if (!out)
        return NULL;
    SDL_SetRenderTarget(s->sdl, tex);
    int rc = SDL_RenderReadPixels(s->sdl, NULL, SDL_PIXELFORMAT_ARGB8888, out->pixels, out->pitch);
    SDL_SetRenderTarget(s->sdl, NULL);
    if (rc != 0) {
        SDL_FreeSurface(out);
        return NULL;
    }
    return out;
}
