/* test_render.c: headless drawing of every slide type against reference PNGs, and hard inputs. */
#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "config.h"
#include "diag.h"
#include "font.h"
#include "identify.h"
#include "loader.h"
#include "render.h"
#include "render_cli.h"
#include "render_fixtures.h"
#include "render_priv.h"
#include "value.h"

#define FONT "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

static char work[1024];   /* scratch files, in the build folder */
static char refdir[1024]; /* tests/reference in the source folder */
static bool update;       /* CORRIDOR_UPDATE_REFERENCES=1: write the references */

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static cor_minute at(int y, int mo, int d, int hh, int mm)
{
    return (cor_minute)cor_days_from_civil(y, mo, d) * COR_MINUTES_PER_DAY + hh * 60 + mm;
}

static const char *in_work(const char *name)
{
    static char paths[8][1200];
    static int next;
    char *p = paths[next++ % 8];
    snprintf(p, sizeof(paths[0]), "%s/%s", work, name);
    return p;
}

static SDL_Surface *argb(int w, int h)
{
    return SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
}

static void put(SDL_Surface *s, int x, int y, uint32_t c)
{
    ((uint32_t *)((unsigned char *)s->pixels + y * s->pitch))[x] = c;
}

/* ---- a playlist built by hand ---- */

static const struct cor_color navy = {0, 48, 135, 255}, white = {255, 255, 255, 255},
                              teal = {0, 184, 169, 255}, green = {0, 103, 95, 255};

static struct cor_session sessions[48];
static struct cor_slide slides[12];
static struct cor_playlist playlist;
static char long_titles[48][80];

static struct cor_pos pos(int line)
{
    return (struct cor_pos){"test.yaml", line, 5};
}

static struct cor_file file(const char *name, int line)
{
    return (struct cor_file){name, in_work(name), pos(line)};
}

static struct cor_slide base_slide(enum cor_slide_type type, int index)
{
    struct cor_slide s = {0};
    s.type = type;
    s.index = index;
    s.pos = pos(10 * index);
    s.duration_ms = 10000;
    s.transition = COR_TRANSITION_FADE;
    s.transition_ms = 800;
    s.background = navy;
    s.text_color = white;
    s.accent = teal;
    return s;
}

static void build_playlist(void)
{
    int32_t day = cor_days_from_civil(2024, 3, 19);
    static const struct {
        int start, end;
        const char *title, *host, *where, *link;
    } rows[] = {
        {8 * 60, 9 * 60, "Morning handover briefing", "Ward manager", "Seminar room 1", NULL},
        {10 * 60, 12 * 60, "World Social Work Day, session 1", "University of Chester",
         "Online (Teams)", "https://example.org/join/world-social-work-day"},
        {13 * 60, 14 * 60, "World Social Work Day, session 2", "University of Chester",
         "Online (Teams)", NULL},
        {15 * 60, 16 * 60, "Carers' café: support and a cup of tea for families and friends",
         "Patient experience team", "Main entrance atrium", NULL},
    };
    for (size_t i = 0; i < 4; i++)
        sessions[i] = (struct cor_session){
            day,          (int16_t)rows[i].start, (int16_t)rows[i].end, rows[i].title,
            rows[i].host, rows[i].where,          rows[i].link,         pos(20 + (int)i)};
    /* Forty sessions on one day, for pages. */
    for (size_t i = 0; i < 40; i++) {
        snprintf(long_titles[i], sizeof(long_titles[i]), "Training session %zu", i + 1);
        sessions[4 + i] = (struct cor_session){day,
                                               (int16_t)(7 * 60 + i * 20),
                                               (int16_t)(7 * 60 + i * 20 + 15),
                                               long_titles[i],
                                               "Education team",
                                               "Room 4",
                                               NULL,
                                               pos(60)};
    }

    playlist.path = in_work("test.yaml");
    playlist.dir = work;
    playlist.display_path = "test.yaml";
    playlist.name = "Ward 7 screens";
    playlist.theme = (struct cor_theme){navy,
                                        white,
                                        teal,
                                        NULL,
                                        {"DejaVuSans.ttf", FONT, pos(3)},
                                        file("logo.png", 4),
                                        "Social Work Week, 18 to 22 March 2024",
                                        true,
                                        pos(5)};
    playlist.defaults = (struct cor_defaults){10000, COR_TRANSITION_FADE, 800};

    slides[0] = base_slide(COR_SLIDE_SESSIONS, 1);
    slides[0].title = "Today's sessions";
    slides[0].sessions = sessions;
    slides[0].n_sessions = 4;

    slides[1] = base_slide(COR_SLIDE_IMAGE, 2);
    slides[1].file = file("poster.png", 21);
    slides[1].fit = COR_FIT_CONTAIN;
    slides[1].background = green;

    slides[2] = base_slide(COR_SLIDE_QUOTE, 3);
    slides[2].quote = "Bringing relief at the lowest time is priceless.";
    slides[2].name = "John Sloan";
    slides[2].role = "Social work apprentice";
    slides[2].photo = file("portrait.png", 31);

    slides[3] = base_slide(COR_SLIDE_TEXT, 4);
    slides[3].title = "Visiting times";
    slides[3].subtitle = "Every day, 2pm to 8pm";
    slides[3].body = "Two visitors at a bedside at a time, please.\n"
                     "- Children are welcome with an adult\n"
                     "- Please use the hand gel at the entrance\n"
                     "- Quiet time is 1pm to 2pm, so patients can rest";

    slides[4] = base_slide(COR_SLIDE_SESSIONS, 5);
    slides[4].title = "Training today";
    slides[4].sessions = sessions + 4;
    slides[4].n_sessions = 40;

    slides[5] = base_slide(COR_SLIDE_IMAGE, 6);
    slides[5].file = file("poster.png", 61);
    slides[5].fit = COR_FIT_COVER;

    playlist.slides = slides;
    playlist.n_slides = 6;
}

/* ---- drawing headless ---- */

static SDL_Surface *draw(struct screen *s, struct cor_renderer *r, const struct cor_slide *slide,
                         int page, cor_minute t)
{
    bool ok = cor_renderer_draw_page(r, slide, page, t, s->target);
    CHECK_MSG(ok, "drawing slide %d page %d", slide ? slide->index : 0, page);
    return ok ? read_back(s, s->target) : NULL;
}

static uint32_t pixel(SDL_Surface *s, int x, int y)
{
    return ((uint32_t *)((unsigned char *)s->pixels + y * s->pitch))[x];
}

/* Compares ACTUAL with the reference NAME.png: per-channel mean difference under 2 and under 1%
 * of pixels differing by more than 64 (fonts may render a little differently elsewhere). */
static void compare(SDL_Surface *actual, const char *name)
{
    char ref_path[1200], act_path[1200], diff_path[1200];
    snprintf(ref_path, sizeof(ref_path), "%s/%s.png", refdir, name);
    snprintf(act_path, sizeof(act_path), "%s/%s-actual.png", work, name);
    snprintf(diff_path, sizeof(diff_path), "%s/%s-diff.png", work, name);
    if (update) {
        CHECK_MSG(IMG_SavePNG(actual, ref_path) == 0, "cannot write %s", ref_path);
        printf("wrote %s\n", ref_path);
        return;
    }
    SDL_Surface *loaded = IMG_Load(ref_path);
    SDL_Surface *ref =
        loaded ? SDL_ConvertSurfaceFormat(loaded, SDL_PIXELFORMAT_ARGB8888, 0) : NULL;
    SDL_FreeSurface(loaded);
    if (!ref || ref->w != actual->w || ref->h != actual->h) {
        IMG_SavePNG(actual, act_path);
        CHECK_MSG(false,
                  "%s: no reference of this size at %s (actual: %s); run with "
                  "CORRIDOR_UPDATE_REFERENCES=1 to make it",
                  name, ref_path, act_path);
        SDL_FreeSurface(ref);
        return;
    }
    SDL_Surface *diff = argb(actual->w, actual->h);
    double sum = 0;
    long bad = 0;
    for (int y = 0; y < actual->h; y++)
        for (int x = 0; x < actual->w; x++) {
            uint32_t a = pixel(actual, x, y), b = pixel(ref, x, y), d = 0xFF000000u;
            int worst = 0;
            for (int k = 0; k < 3; k++) {
                int ca = (int)(a >> (8 * k)) & 0xFF, cb = (int)(b >> (8 * k)) & 0xFF;
                int dd = ca > cb ? ca - cb : cb - ca;
                sum += dd;
                if (dd > worst)
                    worst = dd;
                d |= (uint32_t)(dd * 4 > 255 ? 255 : dd * 4) << (8 * k);
            }
            if (worst > 64)
                bad++;
            if (diff)
                put(diff, x, y, d);
        }
    double pixels = (double)actual->w * actual->h;
    double mean = sum / (pixels * 3);
    bool ok = mean < 2.0 && bad < pixels * 0.01;
    if (!ok) {
        IMG_SavePNG(actual, act_path);
        if (diff)
            IMG_SavePNG(diff, diff_path);
    }
    CHECK_MSG(ok, "%s differs from its reference: mean %.2f, %ld pixels far off; see %s and %s",
              name, mean, bad, act_path, diff_path);
    SDL_FreeSurface(diff);
    SDL_FreeSurface(ref);
}

/* ---- the tests ---- */

static void test_references(int w, int h)
{
    struct screen s;
    CHECK(screen_open(&s, w, h));
    struct cor_diags diags;
    cor_diags_init(&diags);
    double t0 = now_s();
    struct cor_renderer *r = cor_renderer_create(s.sdl, &playlist, w, h, &diags);
    if (!r)
        cor_diags_print(&diags, stderr);
    CHECK(r != NULL);
    CHECK_INT(diags.n_errors, 0);
    if (r) {
        int rw, rh;
        cor_renderer_size(r, &rw, &rh);
        CHECK_INT(rw, w);
        CHECK_INT(rh, h);
        cor_minute t = at(2024, 3, 19, 10, 30);
        static const char *const names[] = {"sessions", "image", "quote", "text"};
        for (int i = 0; i < 4; i++) {
            CHECK_INT(cor_renderer_page_count(r, &slides[i], t), 1);
            SDL_Surface *px = draw(&s, r, &slides[i], 0, t);
            char name[64];
            snprintf(name, sizeof(name), "%s-%dx%d", names[i], w, h);
            if (px)
                compare(px, name);
            SDL_FreeSurface(px);
        }
        SDL_Surface *px = draw(&s, r, NULL, 0, t);
        char name[64];
        snprintf(name, sizeof(name), "fallback-%dx%d", w, h);
        if (px)
            compare(px, name);
        SDL_FreeSurface(px);

        /* Forty sessions come in pages, each drawn. */
        int pages = cor_renderer_page_count(r, &slides[4], t);
        CHECK_MSG(pages > 1, "40 sessions on %d page(s) at %dx%d", pages, w, h);
        for (int p = 0; p < pages; p++)
            SDL_FreeSurface(draw(&s, r, &slides[4], p, t));

        /* A covering picture reaches the corners. */
        px = draw(&s, r, &slides[5], 0, t);
        if (px) {
            uint32_t corner = pixel(px, 2, 2) & 0xFFFFFFu;
            CHECK_MSG(corner != 0x00305Fu && corner != 0x003087u,
                      "the cover picture does not reach the corner (%06x)", (unsigned)corner);
        }
        SDL_FreeSurface(px);
    }
    printf("%dx%d: everything drawn in %.2f s\n", w, h, now_s() - t0);
    cor_renderer_free(r);
    cor_diags_free(&diags);
    screen_close(&s);
}

/* playlists/busy-day.yaml, as a passer-by sees it at 09:00, at 15:10 and after the last session
 * (the first page of the timetable: what is on now and next), and its short, medium and long
 * text slides: the busy-day-*.png references. */
static void test_busy_day(int w, int h)
{
    char path[1200];
    const char *src = getenv("CORRIDOR_SOURCE_DIR");
    snprintf(path, sizeof(path), "%s/playlists/busy-day.yaml", src ? src : CORRIDOR_SOURCE_DIR);
    struct cor_diags diags;
    cor_diags_init(&diags);
    struct cor_load_options lo = {.check_files = true};
    struct cor_playlist *pl = cor_playlist_load(path, &lo, &diags);
    struct screen s;
    CHECK(pl != NULL && screen_open(&s, w, h));
    struct cor_renderer *r = pl ? cor_renderer_create(s.sdl, pl, w, h, &diags) : NULL;
    CHECK(r != NULL);
    static const struct {
        int hh, mm, slide, pages;
        const char *name;
    } shots[] = {
        {9, 0, 0, 0, "0900"},       {15, 10, 0, 1, "1510"},      {17, 30, 0, 1, "1730"},
        {9, 0, 1, 1, "text-short"}, {9, 0, 2, 1, "text-medium"}, {9, 0, 3, 1, "text-long"},
    };
    for (size_t i = 0; r && i < sizeof(shots) / sizeof(shots[0]); i++) {
        cor_minute t = at(2025, 3, 19, shots[i].hh, shots[i].mm);
        const struct cor_slide *slide = &pl->slides[shots[i].slide];
        int pages = cor_renderer_page_count(r, slide, t);
        if (shots[i].pages)
            CHECK_MSG(pages == shots[i].pages, "busy day %s at %dx%d: %d pages", shots[i].name, w,
                      h, pages);
        SDL_Surface *px = draw(&s, r, slide, 0, t);
        char name[80];
        snprintf(name, sizeof(name), "busy-day-%s-%dx%d", shots[i].name, w, h);
        if (px)
            compare(px, name);
        SDL_FreeSurface(px);
    }
    cor_renderer_free(r);
    screen_close(&s);
    cor_playlist_free(pl);
    cor_diags_free(&diags);
}

/* Hebrew and Arabic text slides, numbers, times and phone numbers inside them, and a line of
 * English and Arabic: reference images of their reading order, right-to-left paragraphs set from
 * the right with their bullets on the right. */
static void test_bidi(void)
{
    static const struct {
        const char *name, *title, *body;
    } cases[] = {
        {"bidi-hebrew",
         "\xd7\x97\xd7\x93\xd7\xa8 123 \xd7\xa4\xd7\xaa\xd7\x95\xd7\x97 "
         "\xd7\xa2\xd7\x93 14:00",
         "- \xd7\x94\xd7\xaa\xd7\xa7\xd7\xa9\xd7\xa8\xd7\x95 \xd7\x9c-03-1234567 \xd7\x90\xd7\x95 "
         "020 7946 0000\n"
         "- \xd7\x94\xd7\x9e\xd7\xa8\xd7\xa4\xd7\x90\xd7\x94 "
         "\xd7\x91\xd7\xa7\xd7\x95\xd7\x9e\xd7\x94 2, "
         "\xd7\x97\xd7\x93\xd7\xa8 214 (\xd7\x90\xd7\x92\xd7\xa3 \xd7\x91)\n"
         "- \xd7\xa9\xd7\xa2\xd7\x95\xd7\xaa: 08:30\xe2\x80\x93"
         "16:00"},
        {"bidi-arabic",
         "\xd8\xa7\xd9\x84\xd8\xba\xd8\xb1\xd9\x81\xd8\xa9 123 "
         "\xd9\x85\xd9\x81\xd8\xaa\xd9\x88\xd8\xad\xd8\xa9 \xd8\xad\xd8\xaa\xd9\x89 14:00",
         "- \xd8\xa7\xd8\xaa\xd8\xb5\xd9\x84 \xd8\xb9\xd9\x84\xd9\x89 +44 20 7946 0000\n"
         "- \xd8\xa7\xd9\x84\xd8\xb7\xd8\xa7\xd8\xa8\xd9\x82 2\xd8\x8c "
         "\xd8\xa7\xd9\x84\xd8\xba\xd8\xb1\xd9\x81\xd8\xa9 214"},
        {"bidi-arabic-indic",
         "\xd8\xa7\xd9\x84\xd8\xba\xd8\xb1\xd9\x81\xd8\xa9 \xd9\xa1\xd9\xa2\xd9\xa3 "
         "\xd9\x85\xd9\x81\xd8\xaa\xd9\x88\xd8\xad\xd8\xa9 \xd8\xad\xd8\xaa\xd9\x89 "
         "\xd9\xa1\xd9\xa4:\xd9\xa0\xd9\xa0",
         "- \xd8\xa7\xd8\xaa\xd8\xb5\xd9\x84 \xd8\xb9\xd9\x84\xd9\x89 \xd9\xa0\xd9\xa2\xd9\xa0 "
         "\xd9\xa7\xd9\xa9\xd9\xa4\xd9\xa6 \xd9\xa0\xd9\xa0\xd9\xa0\xd9\xa0\n"
         "- \xd8\xa7\xd9\x84\xd8\xb7\xd8\xa7\xd8\xa8\xd9\x82 \xd9\xa2\xd8\x8c "
         "\xd8\xa7\xd9\x84\xd8\xba\xd8\xb1\xd9\x81\xd8\xa9 \xd9\xa2\xd9\xa1\xd9\xa4"},
        {"bidi-mixed",
         "Pharmacy / \xd8\xa7\xd9\x84\xd8\xb5\xd9\x8a\xd8\xaf\xd9\x84\xd9\x8a\xd8\xa9",
         "The pharmacy (\xd8\xa7\xd9\x84\xd8\xb5\xd9\x8a\xd8\xaf\xd9\x84\xd9\x8a\xd8\xa9) opens at "
         "9:30 in room 12\n"
         "\xd8\xa7\xd9\x84\xd8\xb5\xd9\x8a\xd8\xaf\xd9\x84\xd9\x8a\xd8\xa9 (Pharmacy) "
         "\xd9\x81\xd9\x8a \xd8\xa7\xd9\x84\xd8\xba\xd8\xb1\xd9\x81\xd8\xa9 12 \xd9\x85\xd9\x86 "
         "9:30"},
    };
    const int n = (int)(sizeof(cases) / sizeof(cases[0]));
    struct cor_slide bidi[4];
    struct cor_playlist pl = playlist;
    pl.theme.logo = (struct cor_file){0};
    for (int i = 0; i < n; i++) {
        bidi[i] = base_slide(COR_SLIDE_TEXT, i + 1);
        bidi[i].title = cases[i].title;
        bidi[i].body = cases[i].body;
    }
    pl.slides = bidi;
    pl.n_slides = (size_t)n;
    struct screen s;
    CHECK(screen_open(&s, 960, 540));
    struct cor_diags diags;
    cor_diags_init(&diags);
    struct cor_renderer *r = cor_renderer_create(s.sdl, &pl, 960, 540, &diags);
    CHECK(r != NULL);
    for (int i = 0; r && i < n; i++) {
        SDL_Surface *px = draw(&s, r, &bidi[i], 0, at(2024, 3, 19, 10, 30));
        char name[64];
        snprintf(name, sizeof(name), "%s-960x540", cases[i].name);
        if (px)
            compare(px, name);
        SDL_FreeSurface(px);
    }
    cor_renderer_free(r);
    cor_diags_free(&diags);
    screen_close(&s);
}

/* An urgent notice over the whole screen and as a banner over a text slide, landscape and
 * portrait: the urgent-*.png references. */
static void test_urgent(int w, int h)
{
    struct cor_slide slide = base_slide(COR_SLIDE_TEXT, 1);
    slide.title = "Welcome to Ward 7";
    slide.body = "- Visiting hours: 14:00 to 20:00\n- Please use the hand gel at the door";
    struct cor_playlist pl = playlist;
    pl.slides = &slide;
    pl.n_slides = 1;
    pl.theme.logo = (struct cor_file){0};
    struct screen s;
    CHECK(screen_open(&s, w, h));
    struct cor_diags diags;
    cor_diags_init(&diags);
    struct cor_renderer *r = cor_renderer_create(s.sdl, &pl, w, h, &diags);
    CHECK(r != NULL);
    struct cor_urgent_look look = {
        "Ward 7 closed to visitors",
        "Norovirus: please do not visit today.\nIf you need to speak to the ward, call 01234 "
        "567890.",
        false,
        {0x8b, 0x00, 0x00, 0xff},
        {0xff, 0xff, 0xff, 0xff},
    };
    for (int banner = 0; r && banner < 2; banner++) {
        look.banner = banner;
        bool ok = cor_renderer_draw_urgent(r, &slide, 0, at(2024, 3, 19, 10, 30), &look,
                                           s.target);
        CHECK(ok);
        SDL_Surface *px = ok ? read_back(&s, s.target) : NULL;
        char name[64];
        snprintf(name, sizeof(name), "urgent-%s-%dx%d", banner ? "banner" : "full", w, h);
        if (px) {
            /* The notice's colour reaches the bottom corners; a banner leaves the top alone. */
            CHECK_INT(pixel(px, 0, h - 1) & 0xFFFFFF, 0x8b0000);
            CHECK(banner ? (pixel(px, 0, 0) & 0xFFFFFF) != 0x8b0000
                         : (pixel(px, 0, 0) & 0xFFFFFF) == 0x8b0000);
            compare(px, name);
        }
        SDL_FreeSurface(px);
    }
    cor_renderer_free(r);
    cor_diags_free(&diags);
    screen_close(&s);
}

/* A fixed identity, the same on every machine: the identify-*.png references. */
static void fixed_identity(struct cor_identity *id)
{
    memset(id, 0, sizeof(*id));
    snprintf(id->name, sizeof(id->name), "ward-12");
    id->playlist_path = "/var/lib/corridor/playlist/wards.yaml";
    id->playlist_name = "Wards and clinics";
    id->version = "0.1.0";
    char msg[300] = "";
    CHECK(cor_identity_set(id, "ward-12, 10.20.30.41 2001:db8:20::41,DC-A6-32-01-02-03", msg,
                           sizeof(msg)));
}

/* What the identify page says, in words and in its QR code's text, and the addresses given for
 * a picture: each item an address, a MAC or the host name, anything else refused by name. */
static void test_identity(void)
{
    struct cor_identity id;
    fixed_identity(&id);
    CHECK_STR(id.host, "ward-12");
    CHECK_INT((int)id.n_addrs, 2);
    CHECK_STR(id.addrs[0], "10.20.30.41");
    CHECK_STR(id.addrs[1], "2001:db8:20::41");
    CHECK_STR(id.mac, "dc:a6:32:01:02:03");
    char text[1024];
    cor_identity_text(&id, text, sizeof(text));
    CHECK_STR(text, "screen ward-12\nhost ward-12\n10.20.30.41\n2001:db8:20::41\n"
                    "mac dc:a6:32:01:02:03\nplaylist /var/lib/corridor/playlist/wards.yaml\n"
                    "corridor 0.1.0");
    struct cor_layout_fact facts[8];
    char buf[512];
    size_t n = cor_identity_facts(&id, facts, 8, buf, sizeof(buf));
    CHECK_INT((int)n, 6);
    CHECK_STR(facts[1].label, "Addresses");
    CHECK_STR(facts[1].value, "10.20.30.41\n2001:db8:20::41");
    CHECK_STR(facts[3].value, "Wards and clinics");
    CHECK_STR(facts[4].value, "/var/lib/corridor/playlist/wards.yaml");

    /* No address yet (a Pi whose network is still coming up) is said, not left blank. */
    struct cor_identity bare = id;
    char msg[300] = "";
    CHECK(cor_identity_set(&bare, "", msg, sizeof(msg)));
    n = cor_identity_facts(&bare, facts, 8, buf, sizeof(buf));
    CHECK_STR(facts[0].label, "Address");
    CHECK_STR(facts[0].value, "none yet (no network)");

    struct cor_identity same = id;
    CHECK(cor_identity_same(&id, &same));
    CHECK(cor_identity_set(&same, "ward-12,10.20.30.42", msg, sizeof(msg)));
    CHECK(!cor_identity_same(&id, &same));

    /* Refused, naming the item; ID is left as it was. */
    CHECK(!cor_identity_set(&same, "10.20.30.41,ward 12!", msg, sizeof(msg)));
    CHECK_STR(msg, "'12!' is not an IPv4 or IPv6 address, a MAC address (aa:bb:cc:dd:ee:ff) or a "
                   "host name (one host name only)");
    CHECK(!cor_identity_set(&same, "10.20.30.300", msg, sizeof(msg)));
    CHECK_CONTAINS(msg, "'10.20.30.300' is not an IPv4 or IPv6 address");
    CHECK(!cor_identity_set(&same, "1.1.1.1,1.1.1.2,1.1.1.3,1.1.1.4,1.1.1.5,1.1.1.6,1.1.1.7", msg,
                            sizeof(msg)));
    CHECK_STR(msg, "more than 6 addresses; the page shows at most 6");
    CHECK_STR(same.addrs[0], "10.20.30.42");

    /* This machine's own: at least the name, the version and no loopback address. */
    struct cor_identity mine;
    CHECK(cor_identity_gather(&mine, "here", "/tmp/p.yaml", NULL));
    CHECK_STR(mine.name, "here");
    CHECK_STR(mine.version, CORRIDOR_VERSION);
    for (size_t i = 0; i < mine.n_addrs; i++)
        CHECK(strcmp(mine.addrs[i], "127.0.0.1") != 0 && strcmp(mine.addrs[i], "::1") != 0);
}

/* The identify page, landscape and portrait, with the note the player puts under it: the
 * identify-*.png references. */
static void test_identify(int w, int h)
{
    struct cor_playlist pl = playlist;
    pl.theme.logo = (struct cor_file){0};
    struct screen s;
    CHECK(screen_open(&s, w, h));
    struct cor_diags diags;
    cor_diags_init(&diags);
    struct cor_renderer *r = cor_renderer_create(s.sdl, &pl, w, h, &diags);
    CHECK(r != NULL);
    struct cor_identity id;
    fixed_identity(&id);
    bool ok = r && cor_renderer_draw_identify(r, &id,
                                              "The playlist comes back 15 minutes after the "
                                              "screen started (identify_for in "
                                              "/etc/corridor/corridor.conf).",
                                              s.target);
    CHECK(ok);
    SDL_Surface *px = ok ? read_back(&s, s.target) : NULL;
    if (px) {
        /* The code's quiet zone is white, on the theme's background. */
        CHECK_INT(pixel(px, 0, 0) & 0xFFFFFF, 0x003087);
        char name[64];
        snprintf(name, sizeof(name), "identify-%dx%d", w, h);
        compare(px, name);
    }
    SDL_FreeSurface(px);
    /* Drawn again with the same words, the code is not made again. */
    const struct rnd_qr *before = r ? rnd_find_qr(r, r->identify_qr.link) : NULL;
    CHECK(before != NULL);
    if (r)
        CHECK(cor_renderer_draw_identify(r, &id, NULL, s.target));
    CHECK(r && before && rnd_find_qr(r, r->identify_qr.link) == before);
    cor_renderer_free(r);
    cor_diags_free(&diags);
    screen_close(&s);
}

/* Characters DejaVu Sans lacks come from fallback fonts; one no font has becomes a box. */
static void test_missing_glyphs(void)
{
    struct screen s;
    CHECK(screen_open(&s, 1280, 720));
    struct cor_slide q = base_slide(COR_SLIDE_QUOTE, 1);
    q.quote = "\xE6\x9D\x8E\xE5\xB0\x8F\xE9\xBE\x8D said: care \xF0\x9F\x98\x80 matters "
              "\xF4\x8F\xBF\xBD and \xFF broken bytes \xE2\x80 too";
    q.name = "\xE6\x9D\x8E\xE5\xB0\x8F\xE9\xBE\x8D Zo\xC3\xAB \xF0\x9F\x8C\xB7";
    q.role = "\xD8\xA7\xD9\x84\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85 \xE0\xA4\xA8\xE0\xA4\xAE";
    struct cor_playlist pl = playlist;
    pl.slides = &q;
    pl.n_slides = 1;
    pl.theme.logo = (struct cor_file){0};
    struct cor_diags diags;
    cor_diags_init(&diags);
    struct cor_renderer *r = cor_renderer_create(s.sdl, &pl, 1280, 720, &diags);
    CHECK(r != NULL);
    if (r) {
        SDL_Surface *px = draw(&s, r, &q, 0, at(2024, 3, 19, 10, 30));
        long lit = 0;
        for (int y = 0; px && y < px->h; y += 2)
            for (int x = 0; x < px->w; x += 2)
                lit += (pixel(px, x, y) & 0xFF) > 200;
        CHECK_MSG(lit > 500, "only %ld light pixels", lit);
        if (px)
            IMG_SavePNG(px, in_work("missing-glyphs.png"));
        SDL_FreeSurface(px);
        /* The player's log says once where the character no font has is. */
        char said[512];
        CHECK(cor_renderer_missing_character(r, &q, said, sizeof(said)));
        /* U+10FFFD, or first a CJK character where no CJK font is installed */
        CHECK_CONTAINS(said, "test.yaml:10: the text of slide 1 (quote) has the character U+");
        SDL_FreeSurface(draw(&s, r, &q, 0, at(2024, 3, 19, 10, 31)));
        CHECK(!cor_renderer_missing_character(r, &q, said, sizeof(said)));
    }
    cor_renderer_free(r);
    cor_diags_free(&diags);
    screen_close(&s);
}

/* Draws IMG alone on a 1920x1080 screen and checks that the contained checkerboard shows both
 * its colours across the middle. */
static void draw_checker(struct screen *s, struct cor_slide *img)
{
    struct cor_playlist pl = playlist;
    pl.slides = img;
    pl.n_slides = 1;
    struct cor_diags diags;
    cor_diags_init(&diags);
    double t0 = now_s();
    struct cor_renderer *r = cor_renderer_create(s->sdl, &pl, 1920, 1080, &diags);
    if (!r)
        cor_diags_print(&diags, stderr);
    CHECK(r != NULL);
    if (r) {
        SDL_Surface *px = draw(s, r, img, 0, at(2024, 3, 19, 10, 30));
        bool teal_seen = false, white_seen = false;
        for (int x = 600; px && x < 1320; x += 7) {
            uint32_t c = pixel(px, x, 400) & 0xFFFFFFu;
            teal_seen |= c == 0x00A499u;
            white_seen |= c == 0xFFFFFFu;
        }
        CHECK_MSG(teal_seen && white_seen, "%s: the checkerboard is not there", img->file.name);
        SDL_FreeSurface(px);
    }
    printf("decoded and drew %s in %.2f s\n", img->file.name, now_s() - t0);
    cor_renderer_free(r);
    cor_diags_free(&diags);
}

/* Huge pictures are scaled down and shown; one past the limits is refused with its place in the
 * playlist, before it is decoded. */
static void test_huge_pictures(void)
{
    double t0 = now_s();
    CHECK(make_checker_png(in_work("huge.png"), 12000, 12000, 1000));
    CHECK(make_checker_png(in_work("wide.png"), 8000, 6000, 500));
    CHECK(make_checker_png(in_work("too-wide.png"), 20001, 64, 32));
    printf("made the huge pictures in %.2f s\n", now_s() - t0);
    struct screen s;
    CHECK(screen_open(&s, 1920, 1080));
    struct cor_slide img = base_slide(COR_SLIDE_IMAGE, 1);
    img.file = file("huge.png", 7);
    draw_checker(&s, &img);
    img.file = file("wide.png", 7);
    draw_checker(&s, &img);

    img.file = file("too-wide.png", 7);
    struct cor_playlist pl = playlist;
    pl.slides = &img;
    pl.n_slides = 1;
    struct cor_diags diags;
    cor_diags_init(&diags);
    struct cor_renderer *r = cor_renderer_create(s.sdl, &pl, 1920, 1080, &diags);
    CHECK(r == NULL);
    CHECK_INT(diags.n_errors, 1);
    if (diags.n) {
        CHECK_STR(diags.items[0].file, "test.yaml");
        CHECK_INT(diags.items[0].line, 7);
        CHECK_INT(diags.items[0].col, 5);
        CHECK_CONTAINS(diags.items[0].msg, "too-wide.png");
        CHECK_CONTAINS(diags.items[0].msg, "20001x64");
    }
    cor_renderer_free(r);
    cor_diags_free(&diags);
    screen_close(&s);
}

/* A photo stored on its side with an EXIF orientation is drawn upright. */
static void test_exif_photo(void)
{
    CHECK(make_exif_photo(in_work("exif-6.jpg"), in_work("exif-plain.jpg")));
    struct screen s;
    CHECK(screen_open(&s, 1920, 1080));
    struct cor_slide q = base_slide(COR_SLIDE_QUOTE, 1);
    q.quote = "The photo beside my name is the right way up.";
    q.name = "Test Person";
    q.photo = file("exif-6.jpg", 9);
    q.background = (struct cor_color){40, 40, 40, 255};
    struct cor_playlist pl = playlist;
    pl.slides = &q;
    pl.n_slides = 1;
    pl.theme.logo = (struct cor_file){0};
    struct cor_diags diags;
    cor_diags_init(&diags);
    struct cor_renderer *r = cor_renderer_create(s.sdl, &pl, 1920, 1080, &diags);
    if (!r)
        cor_diags_print(&diags, stderr);
    CHECK(r != NULL);
    SDL_Surface *px = r ? draw(&s, r, &q, 0, at(2024, 3, 19, 10, 30)) : NULL;
    double rx = 0, ry = 0, gx = 0, gy = 0;
    long rn = 0, gn = 0;
    for (int y = 0; px && y < px->h; y++)
        for (int x = 0; x < px->w; x++) {
            uint32_t c = pixel(px, x, y);
            int cr = (int)(c >> 16) & 0xFF, cg = (int)(c >> 8) & 0xFF, cb = (int)c & 0xFF;
            if (cr > 200 && cg < 80 && cb < 80)
                rx += x, ry += y, rn++;
            if (cg > 200 && cr < 80 && cb < 80)
                gx += x, gy += y, gn++;
        }
    CHECK(rn > 1000 && gn > 1000);
    if (rn && gn) {
        rx /= rn, ry /= rn, gx /= gn, gy /= gn;
        CHECK_MSG(rx > gx + 20 && ry - gy < 20 && gy - ry < 20,
                  "red at %.0f,%.0f and green at %.0f,%.0f: the photo is not upright", rx, ry, gx,
                  gy);
    }
    SDL_FreeSurface(px);
    cor_renderer_free(r);
    cor_diags_free(&diags);
    screen_close(&s);
}

/* Fades blend, pushes move, and progress 1 shows the new page alone. */
static void test_compose(void)
{
    struct screen s;
    CHECK(screen_open(&s, 640, 360));
    struct cor_slide a = base_slide(COR_SLIDE_TEXT, 1), b = base_slide(COR_SLIDE_TEXT, 2);
    a.background = (struct cor_color){200, 0, 0, 255};
    b.background = (struct cor_color){0, 0, 200, 255};
    struct cor_slide both[2] = {a, b};
    struct cor_playlist pl = playlist;
    pl.slides = both;
    pl.n_slides = 2;
    pl.theme.logo = (struct cor_file){0};
    pl.theme.clock = false;
    pl.theme.footer = NULL;
    struct cor_diags diags;
    cor_diags_init(&diags);
    struct cor_renderer *r = cor_renderer_create(s.sdl, &pl, 640, 360, &diags);
    CHECK(r != NULL);
    SDL_Texture *from =
        SDL_CreateTexture(s.sdl, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, 640, 360);
    SDL_Texture *to =
        SDL_CreateTexture(s.sdl, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, 640, 360);
    if (r && from && to) {
        cor_minute t = at(2024, 3, 19, 10, 30);
        CHECK(cor_renderer_draw_page(r, &both[0], 0, t, from));
        CHECK(cor_renderer_draw_page(r, &both[1], 0, t, to));
        SDL_SetRenderTarget(s.sdl, NULL);
        CHECK(cor_renderer_compose(r, from, to, COR_TRANSITION_FADE, 0.5));
        SDL_Surface *px = read_back(&s, NULL);
        if (px) {
            uint32_t c = pixel(px, 320, 180);
            int cr = (int)(c >> 16) & 0xFF, cb = (int)c & 0xFF;
            CHECK_MSG(cr > 80 && cr < 120 && cb > 80 && cb < 120, "half a fade is %06x",
                      (unsigned)(c & 0xFFFFFF));
        }
        SDL_FreeSurface(px);
        CHECK(cor_renderer_compose(r, from, to, COR_TRANSITION_SLIDE, 0.5));
        px = read_back(&s, NULL);
        if (px) {
            CHECK((pixel(px, 100, 180) & 0xFFFFFFu) == 0xC80000u);
            CHECK((pixel(px, 540, 180) & 0xFFFFFFu) == 0x0000C8u);
        }
        SDL_FreeSurface(px);
        /* The end of a fade, and steps that round to a whole page, show that page exactly. */
        const struct {
            double progress;
            uint32_t rgb;
        } whole[] = {{1.0, 0x0000C8u}, {0.999, 0x0000C8u}, {0.001, 0xC80000u}};
        for (size_t i = 0; i < sizeof(whole) / sizeof(whole[0]); i++) {
            CHECK(cor_renderer_compose(r, from, to, COR_TRANSITION_FADE, whole[i].progress));
            px = read_back(&s, NULL);
            if (px)
                CHECK_INT(pixel(px, 320, 180) & 0xFFFFFFu, whole[i].rgb);
            SDL_FreeSurface(px);
        }
        CHECK(cor_renderer_compose(r, NULL, to, COR_TRANSITION_SLIDE, 0.3));
    }
    if (from)
        SDL_DestroyTexture(from);
    if (to)
        SDL_DestroyTexture(to);
    cor_renderer_free(r);
    cor_diags_free(&diags);
    screen_close(&s);
}

/* Text that only fits cut short at the readable minimum is reported for `check`. */
/* Scaling to the size a picture already has copies its pixels; shrinking averages them. */
static void test_scale(void)
{
    SDL_Surface *src = SDL_CreateRGBSurfaceWithFormat(0, 4, 4, 32, SDL_PIXELFORMAT_ARGB8888);
    CHECK(src != NULL);
    if (!src)
        return;
    for (int y = 0; y < 4; y++)
        for (int x = 0; x < 4; x++)
            ((uint32_t *)((char *)src->pixels + y * src->pitch))[x] =
                0xFF000000u | (uint32_t)(x * 60) << 16 | (uint32_t)(y * 60) << 8 | 0x11u;
    SDL_Surface *same = rnd_scale(src, (struct cor_rect){1, 2, 3, 2}, 3, 2);
    CHECK(same != NULL);
    for (int y = 0; same && y < 2; y++)
        for (int x = 0; x < 3; x++)
            CHECK_INT(pixel(same, x, y), pixel(src, x + 1, y + 2));
    SDL_FreeSurface(same);
    SDL_Surface *half = rnd_scale(src, (struct cor_rect){0, 0, 4, 4}, 2, 2);
    CHECK(half != NULL);
    if (half) /* columns 2 and 3 (120, 180) and rows 0 and 1 (0, 60) */
        CHECK_INT(pixel(half, 1, 0), 0xFF961E11u);
    SDL_FreeSurface(half);
    SDL_FreeSurface(src);
}

static void test_check_fit(void)
{
    static char quote[2100];
    quote[0] = '\0';
    while (strlen(quote) < 2000)
        strcat(quote, "Bringing relief at the lowest time is priceless. ");
    struct cor_slide q[2] = {base_slide(COR_SLIDE_QUOTE, 1), base_slide(COR_SLIDE_QUOTE, 2)};
    q[0].quote = "Short and kind.";
    q[1].quote = quote;
    struct cor_playlist pl = playlist;
    pl.slides = q;
    pl.n_slides = 2;
    struct cor_diags diags;
    cor_diags_init(&diags);
    static const int sizes[][2] = {{1920, 1080}};
    CHECK(cor_render_check_fit(&pl, sizes, 1, at(2024, 3, 19, 10, 30), &diags));
    CHECK_INT(diags.n_warnings, 1);
    CHECK(cor_diags_find(&diags, "the quotation of slide 2 (quote) will not fit at a readable "
                                 "size on a 1920x1080 screen") >= 0);
    if (diags.n)
        CHECK_INT(diags.items[0].line, 20);
    cor_diags_free(&diags);

    /* A character no font has: one warning, at the line of the words that hold it. */
    struct cor_slide t = base_slide(COR_SLIDE_TEXT, 1);
    t.title = "Private";
    t.body = "A character from nowhere: \xF4\x8F\xBF\xBD, and again \xF4\x8F\xBF\xBD";
    t.field_pos[COR_FIELD_BODY] = pos(14);
    pl.slides = &t;
    pl.n_slides = 1;
    cor_diags_init(&diags);
    static const int both[][2] = {{1920, 1080}, {1080, 1920}};
    CHECK(cor_render_check_fit(&pl, both, 2, at(2024, 3, 19, 10, 30), &diags));
    CHECK_INT(diags.n_warnings, 1);
    CHECK(cor_diags_find(&diags, "the body of slide 1 (text) has the character U+10FFFD, which "
                                 "no font on this system has") >= 0);
    if (diags.n)
        CHECK_INT(diags.items[0].line, 14);
    cor_diags_free(&diags);
}

static bool exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && st.st_size > 0;
}

/* The contact sheet's captions say which slide a page is, and which of its pages. */
static void test_captions(void)
{
    char buf[256];
    cor_render_caption(&slides[4], 0, 3, buf, sizeof(buf));
    CHECK_STR(buf, "slide 5 \xC2\xB7 sessions\npage 1 of 3 \xC2\xB7 Training today");
    cor_render_caption(&slides[2], 0, 1, buf, sizeof(buf));
    CHECK_STR(buf, "slide 3 \xC2\xB7 quote\nJohn Sloan");
}

/* The render command: exit statuses and the files it writes. */
static void test_render_command(void)
{
    const char *yaml = in_work("cli.yaml");
    FILE *f = fopen(yaml, "w");
    CHECK(f != NULL);
    if (!f)
        return;
    fprintf(f, "name: Ward 7\n"
               "theme:\n"
               "  background: \"#003087\"\n"
               "  accent: \"#00B8A9\"\n"
               "  font: DejaVu Sans\n"
               "  logo: logo.png\n"
               "  footer: Ward 7\n"
               "slides:\n"
               "  - type: sessions\n"
               "    title: Today's sessions\n"
               "    sessions:\n");
    for (int i = 0; i < 30; i++)
        fprintf(f, "      - {date: 2024-03-19, time: \"%02d:00-%02d:30\", title: Session %d}\n",
                7 + i % 12, 7 + i % 12, i + 1);
    fprintf(f, "  - type: text\n"
               "    title: Visiting times\n"
               "    body: Every day, 2pm to 8pm\n");
    fclose(f);
    char out[1200];
    snprintf(out, sizeof(out), "%s/cli-out", work);
    char *ok_args[] = {"render", (char *)yaml, "--at", "2024-03-19 10:30", "--size", "960x540",
                       "--out",  out,          NULL};
    CHECK_INT(cor_render_command(8, ok_args), 0);
    char path[1300];
    snprintf(path, sizeof(path), "%s/01-sessions-p1.png", out);
    CHECK(exists(path));
    snprintf(path, sizeof(path), "%s/01-sessions-p2.png", out);
    CHECK(exists(path));
    snprintf(path, sizeof(path), "%s/02-text.png", out);
    CHECK(exists(path));
    snprintf(path, sizeof(path), "%s/contact-sheet.png", out);
    CHECK(exists(path));

    /* The identify page alone, with the addresses given; a wrong one is refused by name. */
    char id_out[1200];
    snprintf(id_out, sizeof(id_out), "%s/cli-identify", work);
    char *id_args[] = {"render", (char *)yaml, "--identify", "--screen", "ward-12", "--addresses",
                       "ward-12,10.20.30.41", "--size", "960x540", "--out", id_out, NULL};
    CHECK_INT(cor_render_command(11, id_args), 0);
    snprintf(path, sizeof(path), "%s/00-identify.png", id_out);
    CHECK(exists(path));
    snprintf(path, sizeof(path), "%s/02-text.png", id_out);
    CHECK(!exists(path));
    char *bad_addr[] = {"render", (char *)yaml, "--identify", "--addresses", "10.1.2.999",
                        "--size", "960x540", "--out", id_out, NULL};
    CHECK_INT(cor_render_command(9, bad_addr), 2);
    char *addr_alone[] = {"render", (char *)yaml, "--at", "2024-03-19 10:30", "--addresses",
                          "10.1.2.3", "--size", "960x540", "--out", id_out, NULL};
    CHECK_INT(cor_render_command(10, addr_alone), 2);

    char *no_at[] = {"render", (char *)yaml, "--size", "960x540", "--out", out, NULL};
    CHECK_INT(cor_render_command(6, no_at), 2);
    char *bad_size[] = {"render", (char *)yaml, "--at", "2024-03-19 10:30", "--size", "big",
                        "--out",  out,          NULL};
    CHECK_INT(cor_render_command(8, bad_size), 2);
    char *bad_at[] = {"render",  (char *)yaml, "--at", "19/03/2024", "--size",
                      "960x540", "--out",      out,    NULL};
    CHECK_INT(cor_render_command(8, bad_at), 2);

    const char *broken = in_work("broken.yaml");
    f = fopen(broken, "w");
    if (f) {
        fputs("slides:\n  - type: quote\n    text: Hello\n    durations: 10s\n", f);
        fclose(f);
    }
    char *bad_pl[] = {"render", (char *)broken, "--at",  "2024-03-19 10:30",
                      "--size", "960x540",      "--out", out,
                      NULL};
    CHECK_INT(cor_render_command(8, bad_pl), 1);
}

int main(void)
{
    const char *src = getenv("CORRIDOR_SOURCE_DIR");
    snprintf(refdir, sizeof(refdir), "%s/tests/reference",
             src && src[0] ? src : CORRIDOR_SOURCE_DIR);
    const char *u = getenv("CORRIDOR_UPDATE_REFERENCES");
    update = u && strcmp(u, "1") == 0;
    char cwd[900];
    if (!getcwd(cwd, sizeof(cwd)))
        snprintf(cwd, sizeof(cwd), ".");
    snprintf(work, sizeof(work), "%s/test_render-files", cwd);
    mkdir(work, 0777);
    if (update)
        mkdir(refdir, 0777);

    CHECK(make_logo(in_work("logo.png")));
    CHECK(make_poster(in_work("poster.png"), 1600, 1000));
    CHECK(make_portrait(in_work("portrait.png")));
    build_playlist();

    test_captions();
    test_references(1920, 1080);
    test_references(1080, 1920);
    test_busy_day(1920, 1080);
    test_busy_day(1080, 1920);
    test_missing_glyphs();
    test_bidi();
    test_urgent(1920, 1080);
    test_urgent(1080, 1920);
    test_identity();
    test_identify(1920, 1080);
    test_identify(1080, 1920);
    test_huge_pictures();
    test_exif_photo();
    test_compose();
    test_scale();
    test_check_fit();
    test_render_command();
    cor_font_shutdown();
    return CHECK_DONE();
}
