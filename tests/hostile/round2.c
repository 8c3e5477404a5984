/* round2.c: test_hostile's second round: what a second tester found after the first held.
 *
 * Pictures in inks (CMYK and YCCK JPEGs), a PNG far larger decoded than on disk, pictures one
 * pixel thin under every fit, and the small things: a title of non-breaking spaces, a libpng
 * warning, a playlist that does not exist. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <SDL.h>
#include <SDL_image.h>

#include <jpeglib.h>
#include <png.h>

#include "check.h"
#include "harness.h"
#include "image.h"
#include "loader.h"
#include "render.h"
#include "render_fixtures.h"
#include "render_priv.h"

void hostile_round2_tally(int *passed, int *failed)
{
    *passed = check_passed;
    *failed = check_failed;
}

/* A one-slide playlist naming picture FILE must be refused at its 'file:' line with WORDS. */
static void image_case_at(const char *name, const char *file, const char *words)
{
    char yaml[512];
    snprintf(yaml, sizeof(yaml), "slides:\n  - type: image\n    file: \"%s\"\n", file);
    expect_refused(name, yaml, strlen(yaml), true, 3, words);
}

/* ---- CMYK and YCCK JPEGs ------------------------------------------------------------------ */

/* Writes PATH, a W x H JPEG whose every row is ROW (COMPONENTS samples a pixel in colour space
 * IN), stored in colour space STORED (JCS_UNKNOWN: libjpeg's choice) with Adobe's mark when
 * ADOBE. False when it cannot. */
static bool write_jpeg(const char *path, int w, int h, int components, J_COLOR_SPACE in,
                       J_COLOR_SPACE stored, bool adobe, const unsigned char *row, int quality)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return false;
    struct jpeg_compress_struct c;
    struct jpeg_error_mgr e;
    c.err = jpeg_std_error(&e);
    jpeg_create_compress(&c);
    jpeg_stdio_dest(&c, f);
    c.image_width = (JDIMENSION)w;
    c.image_height = (JDIMENSION)h;
    c.input_components = components;
    c.in_color_space = in;
    jpeg_set_defaults(&c);
    if (stored != JCS_UNKNOWN)
        jpeg_set_colorspace(&c, stored);
    c.write_Adobe_marker = adobe ? TRUE : FALSE;
    jpeg_set_quality(&c, quality, TRUE);
    jpeg_start_compress(&c, TRUE);
    while (c.next_scanline < c.image_height) {
        JSAMPROW r = (JSAMPROW)row;
        jpeg_write_scanlines(&c, &r, 1);
    }
    jpeg_finish_compress(&c);
    jpeg_destroy_compress(&c);
    return fclose(f) == 0;
}

/* Writes NAME, a 16x16 JPEG of one colour given as inks (0 none, 255 full) C, M, Y, K, stored in
 * the colour space SPACE (JCS_CMYK or JCS_YCCK), inverted with Adobe's mark when ADOBE. */
static void ink_jpeg(const char *name, const unsigned char ink[4], J_COLOR_SPACE space, bool adobe)
{
    unsigned char row[16 * 4];
    for (int x = 0; x < 16; x++)
        for (int k = 0; k < 4; k++)
            row[x * 4 + k] = (unsigned char)(adobe ? 255 - ink[k] : ink[k]);
    CHECK(write_jpeg(in_dir(name), 16, 16, 4, JCS_CMYK, space, adobe, row, 95));
}

/* The middle pixel of picture NAME is within 12 of R, G, B (JPEG is lossy). */
static void expect_colour(const char *label, const char *name, int r, int g, int b)
{
    char err[512] = "";
    SDL_Surface *s = cor_image_load(in_dir(name), 0, 0, err, sizeof(err));
    CHECK_MSG(s != NULL, "%s: %s", label, err);
    if (!s)
        return;
    Uint32 px = ((Uint32 *)s->pixels)[(s->h / 2) * (s->pitch / 4) + s->w / 2];
    int pr = (int)(px >> 16 & 0xff), pg = (int)(px >> 8 & 0xff), pb = (int)(px & 0xff);
    bool ok = abs(pr - r) <= 12 && abs(pg - g) <= 12 && abs(pb - b) <= 12;
    printf("  %-44s drawn as #%02x%02x%02x (expected #%02x%02x%02x)\n", label, pr, pg, pb, r, g, b);
    CHECK_MSG(ok, "%s: drawn as #%02x%02x%02x, expected #%02x%02x%02x", label, pr, pg, pb, r, g, b);
    SDL_FreeSurface(s);
}

static void ink_jpegs(void)
{
    printf("JPEGs in inks (CMYK, YCCK)\n");
    static const unsigned char red[4] = {0, 255, 255, 0}, blue[4] = {255, 255, 0, 0},
                               grey[4] = {0, 0, 0, 128};
    ink_jpeg("cmyk-red.jpg", red, JCS_CMYK, true);
    expect_colour("red, CMYK, Adobe's inverted inks", "cmyk-red.jpg", 255, 0, 0);
    ink_jpeg("cmyk-blue.jpg", blue, JCS_CMYK, true);
    expect_colour("blue, CMYK, Adobe's inverted inks", "cmyk-blue.jpg", 0, 0, 255);
    ink_jpeg("cmyk-plain.jpg", red, JCS_CMYK, false);
    expect_colour("red, CMYK without Adobe's mark", "cmyk-plain.jpg", 255, 0, 0);
    ink_jpeg("ycck-blue.jpg", blue, JCS_YCCK, true);
    expect_colour("blue, YCCK, Adobe's inverted inks", "ycck-blue.jpg", 0, 0, 255);
    ink_jpeg("ycck-grey.jpg", grey, JCS_YCCK, true);
    expect_colour("half black, YCCK", "ycck-grey.jpg", 127, 127, 127);
    /* The way most CMYK JPEGs are made: by a program converting for print. */
    if (system("command -v convert >/dev/null 2>&1") == 0) {
        char cmd[1400];
        snprintf(cmd, sizeof(cmd),
                 "convert -size 32x32 xc:'#d00000' -colorspace CMYK -quality 95 '%s' 2>/dev/null",
                 in_dir("magick-red.jpg"));
        CHECK(system(cmd) == 0);
        expect_colour("dark red, CMYK by ImageMagick", "magick-red.jpg", 0xd0, 0, 0);
    } else {
        printf("skipped: ImageMagick's convert is not installed\n");
    }
}

/* Megabytes a huge picture's check and drawing may add to a child's peak memory: what a 1 GB Pi
 * can spare beside the player, or more under the sanitizers, whose shadow memory and quarantine
 * of freed blocks grow with every allocation. */
#ifdef COR_SANITIZED
#define HUGE_PICTURE_MB 400
#else
#define HUGE_PICTURE_MB 100
#endif
/* The side of the huge PNG: 12000, as the tester's; 6000 under the sanitizers, which make the
 * decoding ten times slower (still 144 MB decoded whole: read in rows all the same). */
#ifdef COR_SANITIZED
#define HUGE_SIDE 6000
#else
#define HUGE_SIDE 12000
#endif

/* ---- pictures far larger decoded than on disk --------------------------------------------- */

/* Writes a W x H PNG of one colour (RGB, or RGBA when ALPHA < 255), interlaced when ADAM7,
 * quickly compressed (the size on disk does not change what decoding costs). */
static bool flat_png(const char *path, int w, int h, Uint32 rgb, int alpha, bool adam7)
{
    FILE *f = fopen(path, "wb");
    png_structp png = f ? png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL) : NULL;
    png_infop info = png ? png_create_info_struct(png) : NULL;
    int n = alpha < 255 ? 4 : 3;
    unsigned char *row = malloc((size_t)w * (size_t)n);
    bool ok = info && row && !setjmp(png_jmpbuf(png));
    if (ok) {
        for (int x = 0; x < w; x++) {
            unsigned char *p = row + (size_t)x * (size_t)n;
            p[0] = (unsigned char)(rgb >> 16);
            p[1] = (unsigned char)(rgb >> 8);
            p[2] = (unsigned char)rgb;
            if (n == 4)
                p[3] = (unsigned char)alpha;
        }
        png_init_io(png, f);
        png_set_compression_level(png, 1);
        png_set_filter(png, 0, PNG_FILTER_NONE);
        png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8,
                     n == 4 ? PNG_COLOR_TYPE_RGBA : PNG_COLOR_TYPE_RGB,
                     adam7 ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                     PNG_FILTER_TYPE_DEFAULT);
        png_write_info(png, info);
        int passes = png_set_interlace_handling(png);
        for (int p = 0; p < passes; p++)
            for (int y = 0; y < h; y++)
                png_write_row(png, row);
        png_write_end(png, info);
    }
    png_destroy_write_struct(&png, &info);
    free(row);
    return f && fclose(f) == 0 && ok;
}

static long peak_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

/* Pixel X, Y of S. */
static Uint32 pixel_at(SDL_Surface *s, int x, int y)
{
    return ((const Uint32 *)(const void *)((const char *)s->pixels + y * s->pitch))[x];
}

/* In a child process (isolated): the HUGE_SIDE-square PNG checked, loaded for a 1920x1080 screen
 * and drawn by the renderer, its peak memory growth under HUGE_PICTURE_MB. */
static bool huge_png_child(void)
{
    long before = peak_kb();
    double t0 = hostile_now();
    char err[512] = "";
    bool ok = cor_image_check(in_dir("huge-flat.png"), err, sizeof(err));
    double check_s = hostile_now() - t0;
    CHECK_MSG(ok, "check: %s", err);
    long after_check = peak_kb();
    /* As the player loads it: the renderer decodes it to cover the screen, 1920x1920. */
    const char *yaml = "slides:\n  - type: image\n    file: huge-flat.png\n    fit: cover\n";
    struct result r;
    load("a huge PNG on a 1920x1080 screen", yaml, strlen(yaml), false, &r);
    struct screen scr;
    struct cor_diags d;
    cor_diags_init(&d);
    bool drawn_ok = false;
    if (r.pl && screen_open(&scr, 1920, 1080)) {
        struct cor_renderer *rr = cor_renderer_create(scr.sdl, r.pl, 1920, 1080, &d);
        struct rnd_slide *rs = rr ? rnd_assets_of(rr, &r.pl->slides[0]) : NULL;
        CHECK_MSG(rs && rs->image_w == 1920 && rs->image_h == 1920, "decoded to %dx%d",
                  rs ? rs->image_w : 0, rs ? rs->image_h : 0);
        if (rr && cor_renderer_draw_page(rr, &r.pl->slides[0], 0, 0, scr.target)) {
            SDL_Surface *px = read_back(&scr, scr.target);
            drawn_ok = px && (pixel_at(px, 960, 400) & 0xffffffu) == 0x005eb8u;
            SDL_FreeSurface(px);
        }
        cor_renderer_free(rr);
    }
    screen_close(&scr);
    cor_diags_free(&d);
    release(&r);
    CHECK_MSG(drawn_ok, "the huge picture was not drawn in its colour");
    long grown = (peak_kb() - before) / 1024, check_grown = (after_check - before) / 1024;
    printf("  %-44s checked in %.2f s (memory +%ld MB), all in %.2f s, +%ld MB at most\n",
           HUGE_SIDE == 12000 ? "12000x12000 flat PNG" : "6000x6000 flat PNG", check_s, check_grown,
           hostile_now() - t0, grown);
    return ok && drawn_ok && grown < HUGE_PICTURE_MB && check_failed == 0;
}

/* Writes a W x H grey JPEG of one shade. */
static bool flat_jpeg(const char *path, int w, int h)
{
    unsigned char *row = malloc((size_t)w);
    if (row)
        memset(row, 0x80, (size_t)w);
    bool ok = row && write_jpeg(path, w, h, 1, JCS_GRAYSCALE, JCS_UNKNOWN, false, row, 50);
    free(row);
    return ok;
}

/* In a child: `corridor check` of a 10000x10000 JPEG (400 MB decoded whole) stays small: it is
 * read at a quarter of its size by its DCT. */
static bool huge_jpeg_child(void)
{
    long before = peak_kb();
    char err[512] = "";
    double t0 = hostile_now();
    bool ok = cor_image_check(in_dir("huge.jpg"), err, sizeof(err));
    long grown = (peak_kb() - before) / 1024;
    printf("  %-44s checked in %.2f s, memory +%ld MB\n", "10000x10000 JPEG", hostile_now() - t0,
           grown);
    if (!ok)
        fprintf(stderr, "huge.jpg: %s\n", err);
    return ok && grown < HUGE_PICTURE_MB;
}

static void huge_pngs(void)
{
    printf("pictures far larger decoded than on disk\n");
    double t0 = hostile_now();
    bool made = flat_png(in_dir("huge-flat.png"), HUGE_SIDE, HUGE_SIDE, 0x005eb8u, 255, false);
    CHECK(made);
    printf("  (%dx%d picture written in %.2f s)\n", HUGE_SIDE, HUGE_SIDE, hostile_now() - t0);
    if (made)
        isolated("a huge flat PNG", huge_png_child);
    remove(in_dir("huge-flat.png"));

    CHECK(flat_jpeg(in_dir("huge.jpg"), 10000, 10000));
    isolated("10000x10000 JPEG", huge_jpeg_child);
    remove(in_dir("huge.jpg"));

    /* Translucent and large: shrunk in rows with its alpha, colour kept. */
    CHECK(flat_png(in_dir("veil.png"), 5000, 4000, 0xc8102eu, 128, false));
    char err[512] = "";
    SDL_Surface *s = cor_image_load(in_dir("veil.png"), 1920, 1080, err, sizeof(err));
    CHECK_MSG(s != NULL, "veil.png: %s", err);
    if (s) {
        Uint32 p = pixel_at(s, s->w / 2, s->h / 2);
        printf("  %-44s decoded to %dx%d, #%08x\n", "5000x4000 PNG at half opacity", s->w, s->h,
               (unsigned)p);
        CHECK_INT(s->w, 1920);
        CHECK_INT(p, 0x80c8102eu);
        SDL_FreeSurface(s);
    }
    remove(in_dir("veil.png"));

    /* Interlaced: its passes need the whole picture, so a large one is refused, with the size. */
    CHECK(flat_png(in_dir("adam7.png"), 5000, 4000, 0x005eb8u, 255, true));
    image_case_at("a 5000x4000 interlaced PNG", "adam7.png", "up to 16 million pixels (4096x4096)");
    remove(in_dir("adam7.png"));
}

/* ---- pictures swapped during play --------------------------------------------------------- */

/* Writes a W x H PNG of one colour ARGB at PATH. */
static void solid_png(const char *path, int w, int h, Uint32 argb)
{
    SDL_Surface *p = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    CHECK(p && SDL_FillRect(p, NULL, argb) == 0 && IMG_SavePNG(p, path) == 0);
    SDL_FreeSurface(p);
}

/* Writes PATH in place (the same file, truncated) as a 64x48 picture, yellow but for a red band:
 * an edit that keeps the picture's size but not the file's, as edits do. (An edit within the
 * same tick of the file system's clock that also kept the file's size would not be seen: the
 * device, inode, size and modification time are what is compared.) */
static void edited_png(const char *path)
{
    SDL_Surface *p = SDL_CreateRGBSurfaceWithFormat(0, 64, 48, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Rect band = {0, 20, 64, 8};
    CHECK(p && SDL_FillRect(p, NULL, 0xffffff00u) == 0 && SDL_FillRect(p, &band, 0xffff0000u) == 0);
    SDL_RWops *rw = SDL_RWFromFile(path, "r+b");
    CHECK(rw != NULL && p != NULL);
    if (rw && p) {
        CHECK(IMG_SavePNG_RW(p, rw, 0) == 0);
        CHECK(truncate(path, (off_t)SDL_RWtell(rw)) == 0);
        SDL_RWclose(rw);
    }
    SDL_FreeSurface(p);
}

/* Pixels of colour RGB on S. */
static long pixels_of(SDL_Surface *s, Uint32 rgb)
{
    long n = 0;
    for (int y = 0; y < s->h; y++) {
        const Uint32 *row = (const Uint32 *)(const void *)((const char *)s->pixels + y * s->pitch);
        for (int x = 0; x < s->w; x++)
            n += (row[x] & 0xffffffu) == rgb;
    }
    return n;
}

/* Draws slide I of R on S and counts the pixels of RGB (-1: the page could not be drawn). */
static long drawn(struct screen *s, struct cor_renderer *r, const struct cor_playlist *pl, size_t i,
                  Uint32 rgb)
{
    if (!cor_renderer_draw_page(r, &pl->slides[i], 0, 0, s->target))
        return -1;
    SDL_Surface *px = read_back(s, s->target);
    long n = px ? pixels_of(px, rgb) : -1;
    SDL_FreeSurface(px);
    return n;
}

/* The player reads a picture again when its texture has left the cache (one screenful: three
 * covering pictures do not fit). Between the check and that read, one picture is replaced by a
 * link to a file outside the playlist's folder and another is edited in place: neither is shown,
 * and the slides are left out, until a reload accepts the new file. */
static void swapped_during_play(void)
{
    printf("pictures swapped during play\n");
    char play[700], outside[700], path[800], yaml[800];
    snprintf(play, sizeof(play), "%s", in_dir("play"));
    snprintf(outside, sizeof(outside), "%s", in_dir("elsewhere"));
    CHECK(mkdir(play, 0755) == 0 && mkdir(outside, 0755) == 0);
    static const char *const names[] = {"a.png", "b.png", "c.png"};
    static const Uint32 colours[] = {0xffff0000u, 0xff00ff00u, 0xff00ffffu};
    for (int i = 0; i < 3; i++) {
        snprintf(path, sizeof(path), "%s/%s", play, names[i]);
        solid_png(path, 64, 48, colours[i]);
    }
    snprintf(path, sizeof(path), "%s/secret.png", outside);
    solid_png(path, 64, 48, 0xff0000ffu); /* blue: must never be drawn */
    snprintf(yaml, sizeof(yaml), "%s/playlist.yaml", play);
    FILE *f = fopen(yaml, "w");
    CHECK(f != NULL);
    if (!f)
        return;
    for (int i = 0; i < 3; i++)
        fprintf(f, "%s  - type: image\n    file: %s\n    fit: cover\n", i ? "" : "slides:\n",
                names[i]);
    fclose(f);

    struct cor_diags d;
    cor_diags_init(&d);
    struct cor_load_options opts = {.check_files = true};
    struct cor_playlist *pl = cor_playlist_load(yaml, &opts, &d);
    CHECK(pl != NULL);
    struct screen s;
    CHECK(screen_open(&s, 320, 180));
    struct cor_renderer *r = pl ? cor_renderer_create(s.sdl, pl, 320, 180, &d) : NULL;
    CHECK(r != NULL);
    if (r) {
        /* Each drawing pushes the picture before out of the cache; the first comes back. */
        CHECK(drawn(&s, r, pl, 0, 0xff0000u) > 0);
        CHECK(drawn(&s, r, pl, 1, 0x00ff00u) > 0);
        CHECK(drawn(&s, r, pl, 2, 0x00ffffu) > 0);
        long red = drawn(&s, r, pl, 0, 0xff0000u);
        CHECK_MSG(red > 0, "an unchanged picture read again drew %ld pixels", red);
        /* a.png becomes a link out of the folder (swapped in by a rename, as a sync does);
         * b.png is edited in place, to yellow. */
        char link[800], a[800];
        snprintf(link, sizeof(link), "%s/a.tmp", play);
        snprintf(a, sizeof(a), "%s/a.png", play);
        snprintf(path, sizeof(path), "%s/secret.png", outside);
        CHECK(symlink(path, link) == 0 && rename(link, a) == 0);
        snprintf(path, sizeof(path), "%s/b.png", play);
        edited_png(path);
        CHECK(drawn(&s, r, pl, 2, 0x00ffffu) > 0); /* a and b leave the cache */
        long blue = drawn(&s, r, pl, 0, 0x0000ffu);
        long yellow = drawn(&s, r, pl, 1, 0xffff00u);
        printf("  %-44s %ld pixels of the outside file drawn\n", "a picture swapped for a link out",
               blue);
        printf("  %-44s %ld pixels of the edited picture drawn\n", "a picture edited in place",
               yellow);
        CHECK_INT(blue, 0);
        CHECK_INT(yellow, 0);
        CHECK(!cor_renderer_can_show(r, &pl->slides[0]));
        CHECK(!cor_renderer_can_show(r, &pl->slides[1]));
        CHECK(cor_renderer_can_show(r, &pl->slides[2]));
    }
    cor_renderer_free(r);
    cor_playlist_free(pl);
    cor_diags_free(&d);

    /* A reload refuses the link and accepts the edit once the link is gone. */
    cor_diags_init(&d);
    pl = cor_playlist_load(yaml, &opts, &d);
    CHECK_MSG(!pl && d.n && strstr(d.items[0].msg, "outside the playlist's folder"),
              "the reload after the swap: %s", d.n ? d.items[0].msg : "loaded");
    cor_playlist_free(pl);
    cor_diags_free(&d);
    snprintf(path, sizeof(path), "%s/a.png", play);
    remove(path);
    solid_png(path, 64, 48, 0xffff0000u);
    cor_diags_init(&d);
    pl = cor_playlist_load(yaml, &opts, &d);
    r = pl ? cor_renderer_create(s.sdl, pl, 320, 180, &d) : NULL;
    CHECK(r != NULL);
    if (r) {
        long yellow = drawn(&s, r, pl, 1, 0xffff00u);
        printf("  %-44s %ld pixels of the edited picture drawn\n", "after a reload", yellow);
        CHECK(yellow > 0);
    }
    cor_renderer_free(r);
    cor_playlist_free(pl);
    cor_diags_free(&d);
    screen_close(&s);
}

/* ---- pictures one pixel thin ------------------------------------------------------------ */

/* Red pixels in S. */
static long red_pixels(SDL_Surface *s)
{
    long n = 0;
    for (int y = 0; y < s->h; y++) {
        const Uint32 *row = (const Uint32 *)(const void *)((const char *)s->pixels + y * s->pitch);
        for (int x = 0; x < s->w; x++)
            n += (row[x] & 0xffffffu) == 0xff0000u;
    }
    return n;
}

/* The playlist TEXT (one slide with picture NAME) is checked, and drawn at 1920x1080 by the
 * software renderer with the picture's red in it (RED: at least that many pixels). */
static void thin_case(const char *label, const char *yaml, long red)
{
    struct result r;
    load(label, yaml, strlen(yaml), true, &r);
    const struct cor_diag *g = first_error(&r.d);
    CHECK_MSG(r.pl != NULL, "%s: refused by check: %s", label, g ? g->msg : "(no message)");
    long seen = -1;
    if (r.pl) {
        struct screen s;
        struct cor_diags d;
        cor_diags_init(&d);
        CHECK(screen_open(&s, 1920, 1080));
        struct cor_renderer *rr = cor_renderer_create(s.sdl, r.pl, 1920, 1080, &d);
        CHECK_MSG(rr != NULL, "%s: the renderer refused the playlist: %s", label,
                  d.n ? d.items[0].msg : "(no message)");
        if (rr && cor_renderer_draw_page(rr, &r.pl->slides[0], 0, 0, s.target)) {
            SDL_Surface *px = read_back(&s, s.target);
            seen = px ? red_pixels(px) : -1;
            SDL_FreeSurface(px);
        }
        cor_renderer_free(rr);
        cor_diags_free(&d);
        screen_close(&s);
    }
    printf("  %-44s %s, %ld red pixels drawn\n", label, r.pl ? "checked" : "refused", seen);
    CHECK_MSG(seen >= red, "%s: %ld red pixels drawn, expected at least %ld", label, seen, red);
    release(&r);
}

static void thin_pictures(void)
{
    printf("pictures one pixel thin, under every fit\n");
    static const struct {
        const char *name;
        int w, h;
    } pics[] = {{"dot.png", 1, 1}, {"column.png", 1, 300}, {"row.png", 300, 1}, {"pair.png", 2, 1}};
    for (size_t i = 0; i < sizeof(pics) / sizeof(pics[0]); i++) {
        SDL_Surface *p =
            SDL_CreateRGBSurfaceWithFormat(0, pics[i].w, pics[i].h, 32, SDL_PIXELFORMAT_ARGB8888);
        CHECK(p && SDL_FillRect(p, NULL, 0xffff0000u) == 0 &&
              IMG_SavePNG(p, in_dir(pics[i].name)) == 0);
        SDL_FreeSurface(p);
        static const char *const fits[] = {"contain", "cover"};
        for (int f = 0; f < 2; f++) {
            char yaml[300], label[96];
            snprintf(yaml, sizeof(yaml), "slides:\n  - type: image\n    file: %s\n    fit: %s\n",
                     pics[i].name, fits[f]);
            snprintf(label, sizeof(label), "%dx%d, fit: %s", pics[i].w, pics[i].h, fits[f]);
            /* Cover fills the screen above the footer; contain at least the thin side, 1080 or
             * 1920 pixels long. */
            thin_case(label, yaml,
                      f == 1                   ? 1920L * 900
                      : pics[i].w == pics[i].h ? 800L * 800
                                               : 800);
        }
        char yaml[300], label[96];
        snprintf(yaml, sizeof(yaml),
                 "slides:\n  - type: quote\n    text: Kind words.\n    name: A\n    photo: %s\n",
                 pics[i].name);
        snprintf(label, sizeof(label), "%dx%d as a quote's photo", pics[i].w, pics[i].h);
        thin_case(label, yaml, 1000);
    }
}

/* ---- libpng's own messages ---------------------------------------------------------------- */

/* The PNG GOOD (LEN bytes) with a chunk of TYPE holding DATA put before its IEND, its CRC wrong
 * when BAD_CRC, or with the CRC of its first IDAT broken when TYPE is NULL; written to NAME. */
static void png_with_chunk(const char *name, const unsigned char *good, size_t len,
                           const char *type, const char *data, bool bad_crc)
{
    unsigned char *out = malloc(len + 64 + strlen(data ? data : ""));
    if (!out)
        exit(2);
    memcpy(out, good, len);
    size_t n = len;
    if (!type) {
        for (size_t i = 8; i + 8 <= len; i++)
            if (memcmp(good + i + 4, "IDAT", 4) == 0) {
                size_t clen = (size_t)good[i] << 24 | (size_t)good[i + 1] << 16 |
                              (size_t)good[i + 2] << 8 | good[i + 3];
                out[i + 8 + clen] ^= 0x55;
                break;
            }
    } else {
        size_t dl = strlen(data), at = len - 12; /* IEND is the last 12 bytes */
        unsigned char *c = out + at;
        c[0] = 0, c[1] = 0, c[2] = (unsigned char)(dl >> 8), c[3] = (unsigned char)dl;
        memcpy(c + 4, type, 4);
        memcpy(c + 8, data, dl);
        uint32_t crc = 0xffffffffu;
        for (size_t i = 4; i < 8 + dl; i++) {
            crc ^= c[i];
            for (int k = 0; k < 8; k++)
                crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
        }
        crc ^= bad_crc ? 0x12345678u : 0xffffffffu;
        for (int i = 0; i < 4; i++)
            c[8 + dl + (size_t)i] = (unsigned char)(crc >> (24 - 8 * i));
        memcpy(c + 12 + dl, good + at, 12);
        n = len + 12 + dl;
    }
    write_file(name, out, n);
    free(out);
}

/* Loads of damaged PNGs say what is wrong at the line of 'file:', and nothing of libpng's own
 * reaches the terminal (stderr is caught while they load). */
static void libpng_quiet(void)
{
    printf("libpng's own messages\n");
    solid_png(in_dir("plain.png"), 40, 30, 0xff005eb8u);
    size_t len = 0;
    unsigned char *good = (unsigned char *)slurp(in_dir("plain.png"), &len);
    CHECK(good != NULL && len > 60);
    if (!good)
        return;
    png_with_chunk("text-crc.png", good, len, "tEXt", "Comment\0made by a scanner", true);
    png_with_chunk("ztxt.png", good, len, "zTXt", "Comment\0\0not zlib at all", false);
    png_with_chunk("idat-crc.png", good, len, NULL, NULL, false);
    png_with_chunk("critical.png", good, len, "CRIT", "unknown", false);
    fflush(stderr);
    int saved = dup(2);
    FILE *caught = tmpfile();
    CHECK(saved >= 0 && caught != NULL);
    if (saved < 0 || !caught) {
        free(good);
        return;
    }
    dup2(fileno(caught), 2);
    /* A damaged comment, and a chunk no reader knows after the picture data: still pictures. */
    static const char *const shown[] = {"text-crc.png", "ztxt.png", "critical.png"};
    for (int i = 0; i < 3; i++) {
        char yaml[200];
        snprintf(yaml, sizeof(yaml), "slides:\n  - type: image\n    file: %s\n", shown[i]);
        expect_bounded(shown[i], yaml, strlen(yaml), true);
    }
    image_case_at("a PNG whose picture data fails its CRC", "idat-crc.png", "CRC error");
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    char said[2000] = "";
    rewind(caught);
    size_t got = fread(said, 1, sizeof(said) - 1, caught);
    said[got] = '\0';
    fclose(caught);
    printf("  %-44s %zu bytes on stderr%s%.200s\n", "while they loaded", got, got ? ": " : "",
           said);
    CHECK_MSG(!strstr(said, "libpng"), "libpng wrote to the terminal: %s", said);
    free(good);
}

/* ---- small things ------------------------------------------------------------------------ */

/* Loads the playlist file PATH; it must be refused with one error about file FILE (no line)
 * holding WORDS. */
static void missing_case(const char *label, const char *path, const char *file, const char *words)
{
    struct cor_diags d;
    cor_diags_init(&d);
    struct cor_load_options opts = {.check_files = true};
    struct cor_playlist *pl = cor_playlist_load(path, &opts, &d);
    const char *where = "(none)", *msg = "(no message)";
    if (d.n > 0) {
        where = d.items[0].file ? d.items[0].file : "(no file)";
        msg = d.items[0].msg;
    }
    printf("  %-44s %s: %.110s\n", label, where, msg);
    CHECK_MSG(!pl && strcmp(where, file) == 0 && strstr(msg, words), "%s: %s: %s", label, where,
              msg);
    cor_playlist_free(pl);
    cor_diags_free(&d);
}

static void small_things(void)
{
    printf("small things\n");
    /* Non-breaking spaces, as a word processor puts them in, are as blank as plain ones. */
    expect_refused("a title of plain spaces (control)",
                   "slides:\n  - type: text\n    title: '   '\n", 40, false, 3, "is blank");
    static const char nbsp[] = "slides:\n  - type: text\n    title: \xc2\xa0\xc2\xa0\xc2\xa0\n";
    expect_refused("a title of non-breaking spaces", nbsp, sizeof(nbsp) - 1, false, 3, "is blank");
    static const char quoted[] =
        "slides:\n  - type: text\n    title: \"\xc2\xa0\xe2\x80\xaf\xe3\x80\x80 \"\n";
    expect_refused("a quoted title of U+00A0, U+202F, U+3000", quoted, sizeof(quoted) - 1, false, 3,
                   "is blank");
    static const char body[] = "slides:\n  - type: text\n    title: Hi\n    body: \xc2\xa0\n";
    expect_refused("a body of one non-breaking space", body, sizeof(body) - 1, false, 4,
                   "is blank");
    /* A playlist that is not there: its name, what its folder holds, the nearest name. */
    write_file("ward-7.yaml", "slides:\n  - type: text\n    title: Hi\n", 37);
    char path[700];
    snprintf(path, sizeof(path), "%s", in_dir("ward7.yaml"));
    missing_case("a playlist that does not exist", path, path, "did you mean 'ward-7.yaml'?");
    snprintf(path, sizeof(path), "%s", in_dir("no-folder/ward.yaml"));
    missing_case("a playlist in a folder that does not exist", path, path, "its folder '");
    missing_case("a playlist named by an empty name", "", "(no name)", "name is empty");
}

void hostile_round_two(void)
{
    ink_jpegs();
    huge_pngs();
    swapped_during_play();
    thin_pictures();
    libpng_quiet();
    small_things();
}
