/* test_render_cache.c: pictures are checked once, drawn from a bounded cache, and a picture that
 * breaks on disk neither crashes a screen nor reaches it through a reload. */
#include <SDL.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "diag.h"
#include "font.h"
#include "render.h"
#include "render_fixtures.h"
#include "value.h"

#define FONT     "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
#define W        640
#define H        360
#define N_IMAGES 12
#define N_SLIDES (N_IMAGES + 1) /* and a quote with a photo */

static char work[1024];
static char paths[N_SLIDES][1200];
static struct cor_slide slides[N_SLIDES];
static struct cor_playlist playlist;
static const struct cor_color green = {0, 103, 95, 255};

static struct cor_pos pos(int line)
{
    return (struct cor_pos){"cache.yaml", line, 11};
}

/* Twelve posters of different sizes on image slides (slide i's file on line 10 i), then a quote
 * with a portrait. */
static bool build_playlist(void)
{
    for (int i = 0; i < N_SLIDES; i++) {
        struct cor_slide *s = &slides[i];
        s->type = i < N_IMAGES ? COR_SLIDE_IMAGE : COR_SLIDE_QUOTE;
        s->index = i + 1;
        s->pos = pos(10 * (i + 1) - 1);
        s->duration_ms = 10000;
        s->background = green;
        s->text_color = (struct cor_color){255, 255, 255, 255};
        s->accent = (struct cor_color){0, 184, 169, 255};
        s->fit = i % 2 ? COR_FIT_COVER : COR_FIT_CONTAIN;
        snprintf(paths[i], sizeof(paths[i]), "%s/p%d.png", work, i + 1);
        bool made = i < N_IMAGES ? make_poster(paths[i], 700 + 50 * i, 500 + 20 * i)
                                 : make_portrait(paths[i]);
        if (!made)
            return false;
        struct cor_file f = {strrchr(paths[i], '/') + 1, paths[i], pos(10 * (i + 1))};
        if (i < N_IMAGES) {
            s->file = f;
        } else {
            s->quote = "Every picture is read once and kept no longer than it is needed.";
            s->name = "A. Reader";
            s->photo = f;
        }
    }
    playlist.path = "cache.yaml";
    playlist.dir = work;
    playlist.display_path = "cache.yaml";
    playlist.name = "Pictures";
    playlist.theme.background = green;
    playlist.theme.text = (struct cor_color){255, 255, 255, 255};
    playlist.theme.font_file = (struct cor_file){"DejaVuSans.ttf", FONT, pos(3)};
    playlist.defaults = (struct cor_defaults){10000, COR_TRANSITION_FADE, 800};
    playlist.slides = slides;
    playlist.n_slides = N_SLIDES;
    return true;
}

static cor_minute noon(void)
{
    return (cor_minute)cor_days_from_civil(2024, 3, 19) * COR_MINUTES_PER_DAY + 12 * 60;
}

static struct cor_renderer *create(struct screen *s)
{
    struct cor_diags diags;
    cor_diags_init(&diags);
    struct cor_renderer *r = cor_renderer_create(s->sdl, &playlist, W, H, &diags);
    if (!r)
        cor_diags_print(&diags, stderr);
    cor_diags_free(&diags);
    return r;
}

static SDL_Surface *draw(struct screen *s, struct cor_renderer *r, int i)
{
    bool ok = cor_renderer_draw_page(r, &slides[i], 0, noon(), s->target);
    CHECK_MSG(ok, "drawing slide %d", i + 1);
    return ok ? read_back(s, s->target) : NULL;
}

static bool same_pixels(SDL_Surface *a, SDL_Surface *b)
{
    if (!a || !b || a->w != b->w || a->h != b->h)
        return false;
    for (int y = 0; y < a->h; y++)
        if (memcmp((unsigned char *)a->pixels + y * a->pitch,
                   (unsigned char *)b->pixels + y * b->pitch, (size_t)a->w * 4) != 0)
            return false;
    return true;
}

static uint32_t pixel(SDL_Surface *s, int x, int y)
{
    return ((uint32_t *)((unsigned char *)s->pixels + y * s->pitch))[x] & 0xFFFFFFu;
}

static const size_t budget = (size_t)W * H * 4;
static SDL_Surface *first[N_SLIDES]; /* every page as first drawn */

/* Every page drawn twice: the cache stays within one screenful and the pixels do not change. */
static void test_bounded(struct screen *s)
{
    unsigned before = cor_render_decodes();
    struct cor_renderer *r = create(s);
    CHECK(r != NULL);
    if (!r)
        return;
    CHECK_INT(cor_render_decodes() - before, N_SLIDES);
    CHECK_MSG(cor_renderer_picture_bytes(r) > 0, "nothing decoded at create was kept");
    CHECK(cor_renderer_picture_bytes(r) <= budget);
    for (int round = 0; round < 2; round++)
        for (int i = 0; i < N_SLIDES; i++) {
            SDL_Surface *px = draw(s, r, i);
            CHECK_MSG(cor_renderer_picture_bytes(r) <= budget, "%zu bytes of pictures held",
                      cor_renderer_picture_bytes(r));
            if (round == 0) {
                first[i] = px;
                CHECK_MSG(i >= N_IMAGES || (px && pixel(px, W / 2, H / 2) != 0x00675Fu),
                          "slide %d is drawn without its picture", i + 1);
                continue;
            }
            CHECK_MSG(same_pixels(px, first[i]), "slide %d looks different drawn again", i + 1);
            SDL_FreeSurface(px);
        }
    /* Slides 2 to 13 were decoded again when drawn: only slide 1's picture was kept at create. */
    CHECK_INT(cor_render_decodes() - before, N_SLIDES + 2 * N_SLIDES - 1);
    cor_renderer_free(r);
}

/* A second renderer for the same unchanged files decodes nothing at create; a screen of another
 * size decodes again. */
static void test_no_second_decode(struct screen *s)
{
    unsigned before = cor_render_decodes();
    struct cor_renderer *r = create(s);
    CHECK(r != NULL);
    CHECK_INT(cor_render_decodes() - before, 0);
    if (r) {
        CHECK_INT(cor_renderer_picture_bytes(r), 0);
        CHECK_INT(cor_renderer_page_count(r, &slides[1], noon()), 1);
        SDL_Surface *px = draw(s, r, 1);
        CHECK_MSG(same_pixels(px, first[1]), "slide 2 from a remembered check looks different");
        SDL_FreeSurface(px);
        CHECK_INT(cor_render_decodes() - before, 1);
    }
    cor_renderer_free(r);

    struct cor_diags diags;
    cor_diags_init(&diags);
    before = cor_render_decodes();
    r = cor_renderer_create(s->sdl, &playlist, 2 * W, 2 * H, &diags);
    CHECK(r != NULL);
    CHECK_INT(cor_render_decodes() - before, N_SLIDES);
    cor_renderer_free(r);
    cor_diags_free(&diags);
}

static bool write_garbage(const char *path)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return false;
    fputs("this was a picture until someone saved a text file over it\n", f);
    return fclose(f) == 0;
}

/* A picture broken on disk after the check: its page is drawn without it, once tried; a picture
 * broken before a reload stops that reload at the picture's line. */
static void test_broken_picture(struct screen *s)
{
    struct cor_renderer *r = create(s);
    CHECK(r != NULL);
    CHECK(write_garbage(paths[4]));
    if (r) {
        unsigned before = cor_render_decodes();
        for (int k = 0; k < 2; k++) {
            SDL_Surface *px = draw(s, r, 4);
            CHECK_MSG(px && pixel(px, W / 2, H / 2) == 0x00675Fu,
                      "the broken picture's page is not its background");
            SDL_FreeSurface(px);
        }
        CHECK_INT(cor_render_decodes() - before, 1);
        SDL_Surface *px = draw(s, r, 5);
        CHECK_MSG(same_pixels(px, first[5]), "the next slide suffers from the broken one");
        SDL_FreeSurface(px);
    }
    cor_renderer_free(r);

    struct cor_diags diags;
    cor_diags_init(&diags);
    r = cor_renderer_create(s->sdl, &playlist, W, H, &diags);
    CHECK(r == NULL);
    CHECK_INT(diags.n_errors, 1);
    char line[1024] = "";
    if (diags.n)
        cor_diag_format(&diags.items[0], line, sizeof(line));
    CHECK_CONTAINS(line, "cache.yaml:50:11: the picture 'p5.png' is not a PNG or JPEG picture");
    cor_renderer_free(r);
    cor_diags_free(&diags);
}

/* Pictures are checked side by side: the mistakes still come in slide order, each at its own
 * line, and a file two slides share is decoded once. */
static void test_checked_together(struct screen *s)
{
    CHECK(write_garbage(paths[10]));
    CHECK(write_garbage(paths[2]));
    struct cor_diags diags;
    cor_diags_init(&diags);
    struct cor_renderer *r = cor_renderer_create(s->sdl, &playlist, W, H, &diags);
    CHECK(r == NULL);
    CHECK_INT(diags.n_errors, 3);
    const char *want[] = {"cache.yaml:30:11: the picture 'p3.png'",
                          "cache.yaml:50:11: the picture 'p5.png'",
                          "cache.yaml:110:11: the picture 'p11.png'"};
    for (size_t i = 0; i < 3 && i < diags.n; i++) {
        char line[1024] = "";
        cor_diag_format(&diags.items[i], line, sizeof(line));
        CHECK_CONTAINS(line, want[i]);
    }
    cor_renderer_free(r);
    cor_diags_free(&diags);

    /* Slides 3 and 11 show slide 1's picture: one decode for the three. */
    CHECK(make_poster(paths[0], 760, 520)); /* changed: not in the memo */
    struct cor_file f3 = slides[2].file, f5 = slides[4].file, f11 = slides[10].file;
    slides[2].file.path = paths[0];
    slides[10].file.path = paths[0];
    slides[2].fit = slides[10].fit = slides[0].fit;
    slides[4].file.path = paths[1]; /* not broken; in the memo already */
    unsigned before = cor_render_decodes();
    cor_diags_init(&diags);
    r = cor_renderer_create(s->sdl, &playlist, W, H, &diags);
    CHECK(r != NULL);
    if (!r)
        cor_diags_print(&diags, stderr);
    CHECK_INT(cor_render_decodes() - before, 1);
    cor_renderer_free(r);
    cor_diags_free(&diags);
    slides[2].file = f3;
    slides[4].file = f5;
    slides[10].file = f11;
}

/* An image slide whose picture broke on disk after the check is left out, not shown bare: one
 * decode to find out, none after; a slide whose picture is as it was costs no decode. */
static void test_left_out(struct screen *s)
{
    const int broken[] = {2, 4, 10}; /* the pictures the tests before broke */
    for (int k = 0; k < 3; k++)
        CHECK(make_poster(paths[broken[k]], 700 + 50 * broken[k], 500 + 20 * broken[k]));
    struct cor_renderer *r = create(s);
    CHECK(r != NULL);
    if (!r)
        return;
    CHECK(cor_renderer_can_show(r, &slides[7]));
    CHECK(write_garbage(paths[6]));
    unsigned before = cor_render_decodes();
    CHECK(!cor_renderer_can_show(r, &slides[6]));
    CHECK(!cor_renderer_can_show(r, &slides[6]));
    CHECK_INT(cor_render_decodes() - before, 1);
    before = cor_render_decodes();
    CHECK(cor_renderer_can_show(r, &slides[7]));
    CHECK(cor_renderer_can_show(r, &slides[N_IMAGES])); /* a quote shows without its photo */
    CHECK_INT(cor_render_decodes() - before, 0);
    cor_renderer_free(r);
}

int main(void)
{
    char cwd[900];
    if (!getcwd(cwd, sizeof(cwd)))
        snprintf(cwd, sizeof(cwd), ".");
    snprintf(work, sizeof(work), "%s/test_render_cache-files", cwd);
    mkdir(work, 0777);
    CHECK(build_playlist());
    /* Files changed in the last two seconds are not remembered (their stat may not show a second
     * change yet): let the new pictures settle. */
    sleep(3);
    struct screen s;
    CHECK(screen_open(&s, W, H));
    test_bounded(&s);
    test_no_second_decode(&s);
    test_broken_picture(&s);
    test_checked_together(&s);
    test_left_out(&s);
    for (int i = 0; i < N_SLIDES; i++)
        SDL_FreeSurface(first[i]);
    screen_close(&s);
    cor_render_shutdown();
    cor_font_shutdown();
    return CHECK_DONE();
}
