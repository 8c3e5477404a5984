/* test_image.c: picture loading: recognition by content, refusals with sentences, EXIF
 * orientation, scaling down, and the shared PngSuite and EXIF corpora when present. */
#include "check.h"
#include "test_env.h"
#include "image.h"
#include "scale.h"

#include <SDL.h>
#include <SDL_image.h>

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static char dir[256];

static const char *in_dir(const char *name)
{
    static char path[2][512];
    static int which;
    which ^= 1;
    snprintf(path[which], sizeof(path[which]), "%s/%s", dir, name);
    return path[which];
}

static void write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, len, f) != len) {
        fprintf(stderr, "cannot write %s\n", path);
        exit(2);
    }
    fclose(f);
}

static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *buf = n > 0 ? malloc((size_t)n) : NULL;
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *len = buf ? (size_t)n : 0;
    return buf;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static Uint32 pixel(SDL_Surface *s, int x, int y)
{
    return ((const Uint32 *)(const void *)((const unsigned char *)s->pixels +
                                           (size_t)y * (size_t)s->pitch))[x];
}

static bool near_colour(Uint32 p, Uint32 want, int tolerance)
{
    for (int shift = 0; shift < 32; shift += 8) {
        int a = (int)((p >> shift) & 0xff), b = (int)((want >> shift) & 0xff);
        if (abs(a - b) > tolerance)
            return false;
    }
    return true;
}

#define RED   0xffff0000u
#define GREEN 0xff00ff00u
#define BLUE  0xff0000ffu
#define WHITE 0xffffffffu

/* A 64x32 picture in four quadrants: red, green over blue, white. */
static SDL_Surface *quadrants(void)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 64, 32, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s)
        exit(2);
    SDL_Rect r = {0, 0, 32, 16};
    SDL_FillRect(s, &r, RED);
    r.x = 32;
    SDL_FillRect(s, &r, GREEN);
    r.y = 16;
    SDL_FillRect(s, &r, WHITE);
    r.x = 0;
    SDL_FillRect(s, &r, BLUE);
    return s;
}

static void test_round_trip(void)
{
    SDL_Surface *q = quadrants();
    CHECK(IMG_SavePNG(q, in_dir("q.png")) == 0);
    CHECK(IMG_SaveJPG(q, in_dir("q.jpg"), 95) == 0);
    CHECK(IMG_SavePNG(q, in_dir("png-named.jpg")) == 0);
    SDL_FreeSurface(q);

    const char *names[] = {"q.png", "q.jpg", "png-named.jpg"};
    for (size_t i = 0; i < 3; i++) {
        char err[256] = "";
        SDL_Surface *s = cor_image_load(in_dir(names[i]), 0, 0, err, sizeof(err));
        CHECK_MSG(s != NULL, "%s: %s", names[i], err);
        if (!s)
            continue;
        CHECK_INT(s->format->format, SDL_PIXELFORMAT_ARGB8888);
        CHECK_INT(s->w, 64);
        CHECK_INT(s->h, 32);
        CHECK(near_colour(pixel(s, 8, 8), RED, 24));
        CHECK(near_colour(pixel(s, 56, 8), GREEN, 24));
        CHECK(near_colour(pixel(s, 8, 24), BLUE, 24));
        CHECK(near_colour(pixel(s, 56, 24), WHITE, 24));
        SDL_FreeSurface(s);
        CHECK_MSG(cor_image_check(in_dir(names[i]), err, sizeof(err)), "%s: %s", names[i], err);
    }
}

/* Where the stored corner (LAST_ROW, LAST_COL) appears for EXIF orientation O, from the EXIF
 * definition: the side the stored first row and first column lie along. */
static void visual_corner(int o, bool last_row, bool last_col, bool *right, bool *bottom)
{
    static const char row0[] = "TTBBLRRL", col0[] = "LRRLTTBB";
    char rs = row0[o - 1], cs = col0[o - 1];
    if (last_row)
        rs = rs == 'T' ? 'B' : rs == 'B' ? 'T' : rs == 'L' ? 'R' : 'L';
    if (last_col)
        cs = cs == 'T' ? 'B' : cs == 'B' ? 'T' : cs == 'L' ? 'R' : 'L';
    *right = rs == 'R' || cs == 'R';
    *bottom = rs == 'B' || cs == 'B';
}

/* JPEG bytes with an EXIF segment giving ORIENTATION put right after the start marker. */
static unsigned char *with_orientation(const unsigned char *jpg, size_t len, int orientation,
                                       size_t *out_len)
{
    unsigned char app1[] = {
        0xff, 0xe1, 0x00, 0x22, 'E', 'x', 'i', 'f', 0, 0,
        'M',  'M',  0,    42,   0,   0,   0,   8, /* TIFF header, IFD0 at 8 */
        0,    1,                                  /* one entry */
        0x01, 0x12, 0,    3,    0,   0,   0,   1,   0, (unsigned char)orientation,
        0,    0,    0,    0,    0,   0 /* no next IFD */};
    unsigned char *out = malloc(len + sizeof(app1));
    if (!out)
        exit(2);
    memcpy(out, jpg, 2);
    memcpy(out + 2, app1, sizeof(app1));
    memcpy(out + 2 + sizeof(app1), jpg + 2, len - 2);
    *out_len = len + sizeof(app1);
    return out;
}

static void test_orientation(void)
{
    size_t len;
    unsigned char *jpg = slurp(in_dir("q.jpg"), &len);
    CHECK(jpg != NULL);
    if (!jpg)
        return;
    const Uint32 colour[2][2] = {{RED, GREEN}, {BLUE, WHITE}}; /* [last_row][last_col] */
    for (int o = 1; o <= 8; o++) {
        size_t n;
        unsigned char *bytes = with_orientation(jpg, len, o, &n);
        char name[32];
        snprintf(name, sizeof(name), "orient-%d.jpg", o);
        write_file(in_dir(name), bytes, n);
        free(bytes);
        char err[256] = "";
        SDL_Surface *s = cor_image_load(in_dir(name), 0, 0, err, sizeof(err));
        CHECK_MSG(s != NULL, "%s: %s", name, err);
        if (!s)
            continue;
        CHECK_INT(s->w, o >= 5 ? 32 : 64);
        CHECK_INT(s->h, o >= 5 ? 64 : 32);
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 2; c++) {
                bool right, bottom;
                visual_corner(o, r, c, &right, &bottom);
                int x = right ? s->w - 4 : 3, y = bottom ? s->h - 4 : 3;
                CHECK_MSG(near_colour(pixel(s, x, y), colour[r][c], 40),
                          "orientation %d: pixel %d,%d is %08x, expected %08x", o, x, y,
                          pixel(s, x, y), colour[r][c]);
            }
        }
        /* Scaled and oriented: the limits apply to the upright picture. */
        SDL_Surface *small = cor_image_load(in_dir(name), 8, 8, err, sizeof(err));
        CHECK(small != NULL);
        if (small) {
            CHECK_INT(small->w, o >= 5 ? 8 : 16);
            CHECK_INT(small->h, o >= 5 ? 16 : 8);
        }
        SDL_FreeSurface(small);
        SDL_FreeSurface(s);
    }
    free(jpg);
}

/* WebP: a 4x2 red lossless picture and a 4x2 blue lossy one, written for this test. */
static void test_webp(void)
{
    static const unsigned char lossless[] = {0x52, 0x49, 0x46, 0x46, 0x1c, 0x00, 0x00, 0x00, 0x57,
                                             0x45, 0x42, 0x50, 0x56, 0x50, 0x38, 0x4c, 0x0f, 0x00,
                                             0x00, 0x00, 0x2f, 0x03, 0x40, 0x00, 0x00, 0x07, 0x10,
                                             0xfd, 0x8f, 0xfe, 0x07, 0x22, 0xa2, 0xff, 0x01, 0x00};
    static const unsigned char lossy[] = {
        0x52, 0x49, 0x46, 0x46, 0x3e, 0x00, 0x00, 0x00, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50,
        0x38, 0x20, 0x32, 0x00, 0x00, 0x00, 0xf0, 0x01, 0x00, 0x9d, 0x01, 0x2a, 0x04, 0x00,
        0x02, 0x00, 0x00, 0xc0, 0x12, 0x25, 0xa0, 0x02, 0x74, 0xba, 0x01, 0xf8, 0x00, 0x04,
        0x4c, 0x00, 0x00, 0xfe, 0xfe, 0x66, 0xa1, 0xff, 0xfa, 0xd1, 0xcf, 0xd7, 0x44, 0xff,
        0x5a, 0x39, 0xff, 0xad, 0x1c, 0xff, 0xe5, 0x2a, 0x8b, 0x54, 0xdb, 0x8a, 0x00, 0x00};
    const struct {
        const char *name;
        const unsigned char *bytes;
        size_t len;
        Uint32 colour;
    } files[] = {{"red.webp", lossless, sizeof(lossless), RED},
                 {"blue.png", lossy, sizeof(lossy), BLUE}};
    for (size_t i = 0; i < 2; i++) {
        write_file(in_dir(files[i].name), files[i].bytes, files[i].len);
        char err[256] = "";
        SDL_Surface *s = cor_image_load(in_dir(files[i].name), 0, 0, err, sizeof(err));
        CHECK_MSG(s != NULL, "%s: %s", files[i].name, err);
        if (!s)
            continue;
        CHECK(s->w == 4 && s->h == 2);
        CHECK_MSG(near_colour(pixel(s, 1, 1), files[i].colour, 8), "%s: %08x", files[i].name,
                  pixel(s, 1, 1));
        SDL_FreeSurface(s);
        write_file(in_dir("cut.webp"), files[i].bytes, files[i].len - 6);
        CHECK(!cor_image_check(in_dir("cut.webp"), err, sizeof(err)));
        CHECK_CONTAINS(err, "is damaged or cut short");
    }
}

static void test_scaling(void)
{
    /* A one-pixel checkerboard halves to even grey, not to stripes. */
    SDL_Surface *c = SDL_CreateRGBSurfaceWithFormat(0, 64, 32, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!c)
        exit(2);
    for (int y = 0; y < 32; y++)
        for (int x = 0; x < 64; x++)
            ((Uint32 *)c->pixels)[y * c->pitch / 4 + x] = (x + y) % 2 ? WHITE : 0xff000000u;
    CHECK(IMG_SavePNG(c, in_dir("checker.png")) == 0);
    SDL_FreeSurface(c);
    char err[256] = "";
    SDL_Surface *s = cor_image_load(in_dir("checker.png"), 16, 16, err, sizeof(err));
    CHECK_MSG(s != NULL, "%s", err);
    if (s) {
        CHECK_INT(s->w, 32); /* covering 16x16 needs 32x16 */
        CHECK_INT(s->h, 16);
        bool grey = true;
        for (int y = 0; y < s->h; y++)
            for (int x = 0; x < s->w; x++)
                grey = grey && near_colour(pixel(s, x, y), 0xff808080u, 2);
        CHECK(grey);
        SDL_FreeSurface(s);
    }
    /* Never larger than the picture; a zero limit does not constrain. */
    s = cor_image_load(in_dir("checker.png"), 1000, 1000, err, sizeof(err));
    CHECK(s && s->w == 64 && s->h == 32);
    SDL_FreeSurface(s);
    s = cor_image_load(in_dir("checker.png"), 0, 4, err, sizeof(err));
    CHECK(s && s->w == 8 && s->h == 4);
    SDL_FreeSurface(s);
    s = cor_image_load(in_dir("checker.png"), 3, 0, err, sizeof(err));
    CHECK(s && s->w == 3 && s->h == 2);
    SDL_FreeSurface(s);

    /* Transparent pixels do not darken or tint their opaque neighbours. */
    SDL_Surface *t = SDL_CreateRGBSurfaceWithFormat(0, 2, 1, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!t)
        exit(2);
    ((Uint32 *)t->pixels)[0] = 0x00ff0000u;
    ((Uint32 *)t->pixels)[1] = BLUE;
    CHECK(IMG_SavePNG(t, in_dir("alpha.png")) == 0);
    SDL_FreeSurface(t);
    s = cor_image_load(in_dir("alpha.png"), 1, 0, err, sizeof(err));
    CHECK_MSG(s != NULL, "%s", err);
    if (s) {
        CHECK_INT(s->w, 1);
        CHECK_MSG(near_colour(pixel(s, 0, 0), 0x800000ffu, 1), "pixel is %08x", pixel(s, 0, 0));
        SDL_FreeSurface(s);
    }
}

static const char *load_error(const char *path, char *err, size_t size)
{
    err[0] = '\0';
    SDL_Surface *s = cor_image_load(path, 1920, 1080, err, size);
    if (s) {
        SDL_FreeSurface(s);
        snprintf(err, size, "(loaded)");
    }
    return err;
}

static void test_refusals(void)
{
    char err[512];
    size_t len;
    unsigned char *png = slurp(in_dir("q.png"), &len);
    unsigned char *jpg = NULL;
    size_t jlen = 0;
    jpg = slurp(in_dir("q.jpg"), &jlen);
    CHECK(png && jpg);
    if (!png || !jpg)
        return;
    write_file(in_dir("half.png"), png, len / 2);
    CHECK_CONTAINS(load_error(in_dir("half.png"), err, sizeof(err)), "is damaged or cut short");
    CHECK(!cor_image_check(in_dir("half.png"), err, sizeof(err)));
    write_file(in_dir("half.jpg"), jpg, jlen / 2);
    CHECK_CONTAINS(load_error(in_dir("half.jpg"), err, sizeof(err)), "is damaged or cut short");
    /* Cut inside the compressed data, which libjpeg would pad with grey. */
    write_file(in_dir("short.jpg"), jpg, jlen - 10);
    CHECK_CONTAINS(load_error(in_dir("short.jpg"), err, sizeof(err)), "end of the JPEG is missing");
    CHECK(!cor_image_check(in_dir("short.jpg"), err, sizeof(err)));
    write_file(in_dir("header-only.png"), png, 40);
    CHECK_CONTAINS(load_error(in_dir("header-only.png"), err, sizeof(err)), "cut short");
    /* A flipped byte in the middle of the compressed data. */
    png[len / 2] ^= 0x55;
    write_file(in_dir("flipped.png"), png, len);
    CHECK_CONTAINS(load_error(in_dir("flipped.png"), err, sizeof(err)), "is damaged");
    free(png);
    free(jpg);

    write_file(in_dir("empty.png"), "", 0);
    CHECK_STR(load_error(in_dir("empty.png"), err, sizeof(err)),
              "is empty (0 bytes): copy the picture again");

    unsigned char noise[4096];
    uint32_t x = 12345;
    for (size_t i = 0; i < sizeof(noise); i++) {
        x = x * 1103515245u + 12345u;
        noise[i] = (unsigned char)(x >> 16);
    }
    noise[0] = 0x13;
    write_file(in_dir("noise.jpg"), noise, sizeof(noise));
    CHECK_CONTAINS(load_error(in_dir("noise.jpg"), err, sizeof(err)),
                   "is not a PNG or JPEG picture");

    static const struct {
        const char *name, *bytes;
        size_t len;
        const char *says;
    } named[] = {
        {"gif.png", "GIF89a\x01\0\x01\0\x80\0\0\0\0\0\xff\xff\xff!\xf9\x04", 22,
         "is a GIF picture; corridor shows PNG and JPEG: save it as PNG"},
        {"bmp.png", "BM\x3a\0\0\0\0\0\0\0\x36\0\0\0\x28\0\0\0\x01\0\0\0\x01\0\0\0", 26,
         "is a BMP picture"},
        {"tiff.jpg", "II*\0\x08\0\0\0", 8, "is a TIFF picture"},
        {"doc.png", "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", 15, "is a PDF document"},
        {"photo.jpg",
         "\0\0\0\x18"
         "ftypheic\0\0\0\0mif1heic",
         24, "is a HEIC photo"},
        {"logo.png", "\xef\xbb\xbf<?xml version=\"1.0\"?>\n<svg xmlns=\"x\"/>", 41,
         "is an SVG drawing"},
        {"page.jpg", "<!DOCTYPE html><html><body>", 27, "is a web page (HTML)"},
        {"slides.png", "PK\x03\x04\x14\0\0\0", 8, "is a ZIP archive"},
        {"anim.png", "RIFF\x40\0\0\0WEBPVP8X\x0a\0\0\0\x02\0\0\0\x0f\0\0\x0f\0\0", 30,
         "is an animated WebP"},
    };
    for (size_t i = 0; i < sizeof(named) / sizeof(named[0]); i++) {
        write_file(in_dir(named[i].name), named[i].bytes, named[i].len);
        CHECK_CONTAINS(load_error(in_dir(named[i].name), err, sizeof(err)), named[i].says);
    }

    CHECK_STR(load_error(in_dir("missing.png"), err, sizeof(err)), "does not exist");
    CHECK_CONTAINS(load_error(dir, err, sizeof(err)), "is a folder, not a picture file");
    CHECK_CONTAINS(load_error("/dev/null", err, sizeof(err)), "is a device");

    /* A FIFO must be refused at once, never waited on. */
    CHECK(mkfifo(in_dir("pipe.png"), 0600) == 0);
    alarm(10);
    double t0 = now_s();
    CHECK_CONTAINS(load_error(in_dir("pipe.png"), err, sizeof(err)), "is a named pipe (FIFO)");
    CHECK(!cor_image_check(in_dir("pipe.png"), err, sizeof(err)));
    CHECK(now_s() - t0 < 1.0 * test_time_scale());
    alarm(0);

    if (geteuid() == 0) {
        printf("skipped: unreadable file (running as root, which reads anything)\n");
    } else {
        write_file(in_dir("locked.png"), "\x89PNG", 4);
        CHECK(chmod(in_dir("locked.png"), 0) == 0);
        CHECK_CONTAINS(load_error(in_dir("locked.png"), err, sizeof(err)),
                       "cannot be read: permission denied");
    }
}

/* A PNG of only a signature and a header saying W x H, with the right checksum. */
static void write_png_header(const char *path, uint32_t w, uint32_t h)
{
    unsigned char b[33] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
                           0,    0,   0,   13,  'I',  'H',  'D',  'R'};
    for (int i = 0; i < 4; i++) {
        b[16 + i] = (unsigned char)(w >> (24 - 8 * i));
        b[20 + i] = (unsigned char)(h >> (24 - 8 * i));
    }
    b[24] = 8; /* depth */
    b[25] = 6; /* RGBA */
    uint32_t c = 0xffffffffu;
    for (int i = 12; i < 29; i++) {
        c ^= b[i];
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1u)));
    }
    c ^= 0xffffffffu;
    for (int i = 0; i < 4; i++)
        b[29 + i] = (unsigned char)(c >> (24 - 8 * i));
    write_file(path, b, sizeof(b));
}

static void test_too_many_pixels(void)
{
    char err[512];
    write_png_header(in_dir("huge.png"), 30000, 30000);
    double t0 = now_s();
    CHECK_STR(load_error(in_dir("huge.png"), err, sizeof(err)),
              "is 30000x30000 pixels; corridor shows pictures up to 20000 pixels on a side and "
              "150 million pixels in all: make it smaller (a 4K screen needs 3840x2160)");
    CHECK(!cor_image_check(in_dir("huge.png"), err, sizeof(err)));
    CHECK(now_s() - t0 < 0.5 * test_time_scale());
    write_png_header(in_dir("wide.png"), 20001, 10);
    CHECK_CONTAINS(load_error(in_dir("wide.png"), err, sizeof(err)), "is 20001x10 pixels");
    write_png_header(in_dir("square.png"), 15000, 15000);
    CHECK_CONTAINS(load_error(in_dir("square.png"), err, sizeof(err)), "is 15000x15000 pixels");
    /* Within the limits, but nothing after the header. */
    write_png_header(in_dir("bare.png"), 100, 100);
    CHECK_CONTAINS(load_error(in_dir("bare.png"), err, sizeof(err)), "is damaged or cut short");

    /* A JPEG whose frame header claims 60000x60000. */
    static const unsigned char jpeg[] = {0xff, 0xd8, 0xff, 0xc0, 0, 11,   8,    0xea, 0x60, 0xea,
                                         0x60, 1,    1,    0x11, 0, 0xff, 0xda, 0,    8,    1,
                                         1,    0,    0,    0x3f, 0, 0,    0,    0xff, 0xd9};
    write_file(in_dir("huge.jpg"), jpeg, sizeof(jpeg));
    CHECK_CONTAINS(load_error(in_dir("huge.jpg"), err, sizeof(err)), "is 60000x60000 pixels");
    /* A WebP claiming 16384x16384 (over 100 million pixels). */
    static const unsigned char webp[] = {'R', 'I', 'F', 'F', 0x40, 0,    0,  0,    'W',  'E',
                                         'B', 'P', 'V', 'P', '8',  'X',  10, 0,    0,    0,
                                         0,   0,   0,   0,   0xff, 0x3f, 0,  0xff, 0x3f, 0};
    write_file(in_dir("huge.webp"), webp, sizeof(webp));
    CHECK_CONTAINS(load_error(in_dir("huge.webp"), err, sizeof(err)), "is 16384x16384 pixels");
}

/* A BIG x (BIG*2/3) paletted PNG of one-pixel black and white columns (96 million pixels at
 * 12000), loaded for a 1920x1080 screen. */
static void test_big(int big)
{
    const int tall = big * 2 / 3;
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, big, tall, 8, SDL_PIXELFORMAT_INDEX8);
    CHECK(s != NULL);
    if (!s)
        return;
    SDL_Color pal[2] = {{0, 0, 0, 255}, {255, 255, 255, 255}};
    SDL_SetPaletteColors(s->format->palette, pal, 0, 2);
    for (int y = 0; y < tall; y++) {
        unsigned char *row = (unsigned char *)s->pixels + (size_t)y * (size_t)s->pitch;
        for (int x = 0; x < big; x++)
            row[x] = (unsigned char)(x & 1);
    }
    CHECK(IMG_SavePNG(s, in_dir("big.png")) == 0);
    SDL_FreeSurface(s);

    char err[256] = "";
    CHECK_MSG(cor_image_check(in_dir("big.png"), err, sizeof(err)), "%s", err);
    SDL_Surface *out = cor_image_load(in_dir("big.png"), 1920, 1080, err, sizeof(err));
    CHECK_MSG(out != NULL, "%s", err);
    if (!out)
        return;
    /* Covering 1920x1080 at 3:2 needs 1920x1280. */
    CHECK_INT(out->w, big < 1920 ? big : 1920);
    CHECK_INT(out->h, big < 1920 ? tall : 1280);
    CHECK_INT(out->format->format, SDL_PIXELFORMAT_ARGB8888);
    int worst = 0;
    for (int y = 0; y < out->h; y += 97) {
        for (int x = 0; x < out->w; x++) {
            int g = (int)(pixel(out, x, y) & 0xff), d = abs(g - 128);
            worst = d > worst ? d : worst;
        }
    }
    /* Each output pixel averages BIG/1920 columns (six or seven at 12000): grey, never solid
     * black or white; at most half a column's worth from even. */
    int bound = big <= 1920 ? 128 : (int)(255.0 * 1920 / (2.0 * big)) + 3;
    CHECK_MSG(worst <= bound, "a pixel is %d away from mid grey (allowed %d)", worst, bound);
    SDL_FreeSurface(out);
    remove(in_dir("big.png"));
}

/* Mean absolute difference per channel between two same-sized ARGB8888 surfaces. */
static double mean_difference(SDL_Surface *a, SDL_Surface *b, bool mirror_b)
{
    double sum = 0;
    for (int y = 0; y < a->h; y++) {
        for (int x = 0; x < a->w; x++) {
            Uint32 p = pixel(a, x, y), q = pixel(b, mirror_b ? b->w - 1 - x : x, y);
            for (int shift = 0; shift < 24; shift += 8)
                sum += abs((int)((p >> shift) & 0xff) - (int)((q >> shift) & 0xff));
        }
    }
    return sum / (3.0 * a->w * a->h);
}

/* A JPEG read smaller than it is (libjpeg's scaled DCT) looks like the whole one shrunk, comes
 * out the same size, and a damaged one is refused at every scale. */
static void test_jpeg_scaled(void)
{
    /* 641x481: sizes that do not divide by 8; smooth colours with the quadrants' hard edges. */
    SDL_Surface *src = SDL_CreateRGBSurfaceWithFormat(0, 641, 481, 32, SDL_PIXELFORMAT_ARGB8888);
    CHECK(src != NULL);
    if (!src)
        return;
    for (int y = 0; y < src->h; y++)
        for (int x = 0; x < src->w; x++)
            ((Uint32 *)src->pixels)[y * (src->pitch / 4) + x] =
                0xFF000000u | (Uint32)(x * 255 / 640) << 16 | (Uint32)(y * 255 / 480) << 8 |
                (x < 320 ? 40u : 220u);
    CHECK(IMG_SaveJPG(src, in_dir("big.jpg"), 92) == 0);
    SDL_FreeSurface(src);
    char err[256] = "";
    SDL_Surface *whole = cor_image_load(in_dir("big.jpg"), 0, 0, err, sizeof(err));
    CHECK_MSG(whole != NULL, "%s", err);
    if (!whole)
        return;
    CHECK(whole->w == 641 && whole->h == 481);
    /* Covering 80x60 reads an eighth (81x61), 160x120 a quarter, 320x240 a half. */
    static const int boxes[][2] = {{80, 60}, {160, 120}, {320, 240}, {640, 10}, {7, 400}};
    for (size_t i = 0; i < sizeof(boxes) / sizeof(boxes[0]); i++) {
        SDL_Surface *s =
            cor_image_load(in_dir("big.jpg"), boxes[i][0], boxes[i][1], err, sizeof(err));
        CHECK_MSG(s != NULL, "%dx%d: %s", boxes[i][0], boxes[i][1], err);
        if (!s)
            continue;
        CHECK_INT(s->format->format, SDL_PIXELFORMAT_ARGB8888);
        CHECK_MSG(s->w >= boxes[i][0] && s->h >= boxes[i][1] &&
                      (s->w == boxes[i][0] || s->h == boxes[i][1]),
                  "%dx%d for %dx%d", s->w, s->h, boxes[i][0], boxes[i][1]);
        SDL_Surface *shrunk = cor_shrink(whole, 0, 0, whole->w, whole->h, s->w, s->h);
        CHECK(shrunk != NULL);
        if (shrunk) {
            double d = mean_difference(shrunk, s, false);
            CHECK_MSG(d < 3, "%dx%d read small differs from the whole shrunk by %.2f", s->w, s->h,
                      d);
        }
        SDL_FreeSurface(shrunk);
        SDL_FreeSurface(s);
    }
    SDL_FreeSurface(whole);

    /* A Huffman table with an impossible number: libjpeg refuses it, whole or scaled. */
    size_t len;
    unsigned char *jpg = slurp(in_dir("big.jpg"), &len);
    CHECK(jpg != NULL);
    size_t dht = 0;
    for (size_t i = 2; jpg && i + 4 < len && !dht; i++)
        if (jpg[i] == 0xFF && jpg[i + 1] == 0xC4)
            dht = i + 4;
    CHECK(dht > 0);
    if (jpg && dht) {
        jpg[dht] = 0x17; /* class 1, table 7 */
        write_file(in_dir("bad-table.jpg"), jpg, len);
        SDL_Surface *s = cor_image_load(in_dir("bad-table.jpg"), 80, 60, err, sizeof(err));
        CHECK(s == NULL);
        CHECK_CONTAINS(err, "is damaged or cut short (Bogus DHT index 7)");
        SDL_FreeSurface(s);
        CHECK(!cor_image_check(in_dir("bad-table.jpg"), err, sizeof(err)));
        CHECK_CONTAINS(err, "is damaged");
    }
    free(jpg);
}

static void test_exif_corpus(const char *shared)
{
    char folder[512];
    snprintf(folder, sizeof(folder), "%s/corpus/exif-orientation", shared);
    struct stat st;
    if (stat(folder, &st) != 0) {
        printf("skipped: %s is missing\n", folder);
        return;
    }
    const char *kinds[] = {"Landscape", "Portrait"};
    for (int k = 0; k < 2; k++) {
        char path[600], err[256] = "";
        snprintf(path, sizeof(path), "%s/%s_1.jpg", folder, kinds[k]);
        SDL_Surface *ref = cor_image_load(path, 300, 300, err, sizeof(err));
        CHECK_MSG(ref != NULL, "%s: %s", path, err);
        if (!ref)
            continue;
        /* The check tells an upright copy from a mirrored one. */
        CHECK(mean_difference(ref, ref, true) > 30);
        for (int n = 0; n <= 8; n++) {
            snprintf(path, sizeof(path), "%s/%s_%d.jpg", folder, kinds[k], n);
            SDL_Surface *s = cor_image_load(path, 300, 300, err, sizeof(err));
            CHECK_MSG(s != NULL, "%s: %s", path, err);
            if (!s)
                continue;
            CHECK_MSG(s->w == ref->w && s->h == ref->h, "%s is %dx%d, expected %dx%d", path, s->w,
                      s->h, ref->w, ref->h);
            if (s->w == ref->w && s->h == ref->h) {
                double d = mean_difference(ref, s, false);
                CHECK_MSG(d < 8, "%s differs from upright by %.1f", path, d);
            }
            SDL_FreeSurface(s);
        }
        SDL_FreeSurface(ref);
    }
}

static void test_pngsuite(const char *shared)
{
    char folder[512];
    snprintf(folder, sizeof(folder), "%s/corpus/pngsuite/png", shared);
    DIR *d = opendir(folder);
    if (!d) {
        printf("skipped: %s is missing\n", folder);
        return;
    }
    int loaded = 0, refused = 0, broken = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t n = strlen(e->d_name);
        if (n < 4 || strcmp(e->d_name + n - 4, ".png") != 0)
            continue;
        char path[800], err[512] = "";
        snprintf(path, sizeof(path), "%s/%s", folder, e->d_name);
        SDL_Surface *s = cor_image_load(path, 0, 0, err, sizeof(err));
        bool ok = s != NULL;
        /* Transparency (tRNS colours and palettes) survives, at full size and scaled. */
        bool transparent = strncmp(e->d_name, "tb", 2) == 0 || strncmp(e->d_name, "tp1", 3) == 0 ||
                           strncmp(e->d_name, "tm3", 3) == 0;
        if (s) {
            CHECK_INT(s->format->format, SDL_PIXELFORMAT_ARGB8888);
            if (transparent) {
                SDL_Surface *small = cor_image_load(path, 16, 16, err, sizeof(err));
                CHECK_MSG(small && small->w == 16, "%s: %s", e->d_name, err);
                CHECK_MSG(pixel(s, 0, 0) >> 24 == 0, "%s: corner is %08x", e->d_name,
                          pixel(s, 0, 0));
                CHECK_MSG(small && pixel(small, 0, 0) >> 24 == 0, "%s: small corner is %08x",
                          e->d_name, small ? pixel(small, 0, 0) : 0);
                SDL_FreeSurface(small);
                Uint32 mid = pixel(s, 16, 16);
                bool grey =
                    ((mid >> 16) & 0xff) == (mid & 0xff) && ((mid >> 8) & 0xff) == (mid & 0xff);
                CHECK_MSG(strstr(e->d_name, "0g") == NULL || grey, "%s: middle is %08x, not grey",
                          e->d_name, mid);
            }
            SDL_FreeSurface(s);
        }
        CHECK_MSG(ok == cor_image_check(path, err, sizeof(err)), "%s: load and check disagree",
                  e->d_name);
        if (e->d_name[0] == 'x') {
            broken++;
            CHECK_MSG(!ok && err[0], "%s (broken) was not refused", e->d_name);
        } else {
            CHECK_MSG(ok, "%s: %s", e->d_name, err);
        }
        if (ok)
            loaded++;
        else
            refused++;
    }
    closedir(d);
    printf("pngsuite: %d loaded, %d refused (%d broken on purpose)\n", loaded, refused, broken);
    CHECK(broken > 0);
}

int main(void)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof(dir), "%s/corridor-image-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 2;
    }
    test_round_trip();
    test_orientation();
    test_scaling();
    test_webp();
    test_refusals();
    test_too_many_pixels();
    test_jpeg_scaled();
    /* CORRIDOR_TEST_BIG_IMAGE: a smaller side for the big picture, for runs under valgrind. */
    const char *big = getenv("CORRIDOR_TEST_BIG_IMAGE");
    char *end = NULL;
    long side = big ? strtol(big, &end, 10) : 0;
    test_big(big && end != big && *end == '\0' && side > 0 && side <= 20000 ? (int)side : 12000);
    const char *shared = getenv("CORRIDOR_SHARED_DIR");
    if (shared && *shared) {
        test_exif_corpus(shared);
        test_pngsuite(shared);
    } else {
        printf("skipped: CORRIDOR_SHARED_DIR is not set\n");
    }
    /* Remove what the test wrote. */
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d)))
        if (e->d_name[0] != '.')
            remove(in_dir(e->d_name));
    if (d)
        closedir(d);
    rmdir(dir);
    IMG_Quit();
    SDL_Quit();
    return CHECK_DONE();
}
