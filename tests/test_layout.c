/* test_layout.c: the pure layout at four screen sizes, with a fake measure: safe area, rows. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "layout.h"
#include "value.h"

/* Every character is 0.55 em wide (0.6 bold); lines are 1.2 em apart. */
static void fake_measure(void *ctx, const char *text, size_t len, int px, bool bold,
                         struct cor_text_metrics *out)
{
    (void)ctx;
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)text[i] & 0xC0) != 0x80)
            n++;
    out->w = (int)lround((double)n * px * (bold ? 0.6 : 0.55));
    out->line_h = (int)lround(px * 1.2);
    out->ascent = (int)lround(px * 0.95);
}

static const int sizes[][2] = {{1280, 720}, {1920, 1080}, {3840, 2160}, {1080, 1920}};

static struct cor_theme theme = {
    .background = {0, 94, 184, 255},
    .text = {255, 255, 255, 255},
    .accent = {0, 164, 153, 255},
    .footer = "Social Work Week, 18 to 22 March",
    .clock = true,
};

static cor_minute at(int y, int m, int d, int hh, int mm)
{
    return (cor_minute)cor_days_from_civil(y, m, d) * COR_MINUTES_PER_DAY + hh * 60 + mm;
}

/* A quote's photo is the square cor_layout_photo_side says, whatever the words. */
static void check_photo_side(const struct cor_layout_input *in)
{
    struct cor_layout l;
    CHECK(cor_layout_build(in, 0, &l));
    int found = 0, side = cor_layout_photo_side(in->w, in->h);
    for (size_t i = 0; i < l.n_boxes; i++) {
        if (l.boxes[i].kind != COR_BOX_PHOTO)
            continue;
        found++;
        CHECK_MSG(l.boxes[i].rect.w == side && l.boxes[i].rect.h == side,
                  "photo %dx%d at %dx%d, cor_layout_photo_side says %d", l.boxes[i].rect.w,
                  l.boxes[i].rect.h, in->w, in->h, side);
        CHECK(l.boxes[i].src.w == 0 && l.boxes[i].src.h == 0);
    }
    CHECK_INT(found, 1);
    cor_layout_free(&l);
}

static struct cor_layout_input input(const struct cor_slide *slide, int w, int h)
{
    struct cor_layout_input in = {0};
    in.slide = slide;
    in.theme = &theme;
    in.name = "Social Work Week 2024";
    in.w = w;
    in.h = h;
    in.now = at(2024, 3, 19, 10, 30);
    in.logo_w = 400;
    in.logo_h = 120;
    in.measure.fn = fake_measure;
    return in;
}

static bool inside(struct cor_rect in, struct cor_rect r)
{
    return r.x >= in.x && r.y >= in.y && r.x + r.w <= in.x + in.w && r.y + r.h <= in.y + in.h;
}

/* The checks every layout must pass. */
static void check_layout(const struct cor_layout *l, const char *what, int w, int h)
{
    int rows_top[256], rows_bottom[256];
    for (int i = 0; i < 256; i++) {
        rows_top[i] = 1 << 30;
        rows_bottom[i] = -(1 << 30);
    }
    for (size_t i = 0; i < l->n_boxes; i++) {
        const struct cor_box *b = &l->boxes[i];
        struct cor_rect screen = {0, 0, w, h};
        CHECK_MSG(inside(screen, b->rect), "%s %dx%d: box %zu (kind %d) leaves the screen", what, w,
                  h, i, b->kind);
        if (!b->bleed)
            CHECK_MSG(inside(l->safe, b->rect),
                      "%s %dx%d: box %zu (kind %d) at %d,%d %dx%d leaves the safe area", what, w, h,
                      i, b->kind, b->rect.x, b->rect.y, b->rect.w, b->rect.h);
        for (size_t j = 0; j < b->n_lines; j++) {
            const struct cor_line *ln = &b->lines[j];
            struct cor_rect lr = {ln->x, ln->y, ln->w, b->line_h};
            CHECK_MSG(inside(b->rect, lr), "%s %dx%d: line '%s' overflows its box", what, w, h,
                      ln->text);
            CHECK_MSG(ln->text && ln->text[0], "%s: empty line", what);
        }
        if (b->row >= 0 && b->row < 256) {
            if (b->rect.y < rows_top[b->row])
                rows_top[b->row] = b->rect.y;
            if (b->rect.y + b->rect.h > rows_bottom[b->row])
                rows_bottom[b->row] = b->rect.y + b->rect.h;
        }
    }
    for (int i = 0; i < 256; i++) {
        for (int j = i + 1; j < 256; j++) {
            if (rows_bottom[i] < rows_top[i] || rows_bottom[j] < rows_top[j])
                continue;
            CHECK_MSG(rows_bottom[i] <= rows_top[j] || rows_bottom[j] <= rows_top[i],
                      "%s %dx%d: rows %d and %d overlap", what, w, h, i, j);
        }
    }
}

/* Lays out every page of IN and checks each; returns the page count. */
static int check_all_pages(const struct cor_layout_input *in, const char *what, bool *unreadable)
{
    int pages = cor_layout_page_count(in);
    CHECK_MSG(pages >= 1, "%s: %d pages", what, pages);
    if (unreadable)
        *unreadable = false;
    for (int p = 0; p < pages; p++) {
        struct cor_layout l;
        bool ok = cor_layout_build(in, p, &l);
        CHECK(ok);
        if (ok) {
            CHECK_INT(l.page, p);
            CHECK_INT(l.n_pages, pages);
            check_layout(&l, what, in->w, in->h);
            if (unreadable && l.unreadable)
                *unreadable = true;
        }
        cor_layout_free(&l);
    }
    return pages;
}

static const struct cor_box *find_text(const struct cor_layout *l, const char *text)
{
    for (size_t i = 0; i < l->n_boxes; i++)
        for (size_t j = 0; j < l->boxes[i].n_lines; j++)
            if (strcmp(l->boxes[i].lines[j].text, text) == 0)
                return &l->boxes[i];
    return NULL;
}

static struct cor_session sessions[64];
static struct cor_session_view views[64];

static size_t make_sessions(size_t n, int32_t day, int days_spread)
{
    static char titles[64][96];
    for (size_t i = 0; i < n; i++) {
        snprintf(titles[i], sizeof(titles[i]),
                 i % 3 == 0
                     ? "World Social Work Day, session %zu: sharing the breadth of good practice"
                     : "Session %zu",
                 i + 1);
        sessions[i] = (struct cor_session){
            .day = day + (days_spread ? (int32_t)(i % (size_t)days_spread) : 0),
            .start_min = (int16_t)(8 * 60 + (i % 12) * 45),
            .end_min = (int16_t)(8 * 60 + (i % 12) * 45 + 40),
            .title = titles[i],
            .host = i % 2 ? "University of Chester" : NULL,
            .where = i % 4 ? "Online (Teams)" : "Lecture theatre 2, Education Centre",
            .link = i == 3 ? "https://example.org/join/session-4" : NULL,
        };
        enum cor_session_state st = COR_SESSION_LATER;
        if (i < 2)
            st = COR_SESSION_FINISHED;
        else if (i == 3)
            st = COR_SESSION_ON_NOW;
        else if (i == 4)
            st = COR_SESSION_NEXT;
        views[i] = (struct cor_session_view){&sessions[i], st};
    }
    return n;
}

static void test_every_size(void)
{
    static char quote2000[2101];
    const char *words = "Bringing relief at the lowest time is priceless. ";
    quote2000[0] = '\0';
    while (strlen(quote2000) + strlen(words) < 2000)
        strcat(quote2000, words);
    int32_t today = cor_days_from_civil(2024, 3, 19);

    for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
        int w = sizes[k][0], h = sizes[k][1];
        struct cor_slide text = {.type = COR_SLIDE_TEXT,
                                 .index = 1,
                                 .title = "Social Work Week",
                                 .subtitle = "18 to 22 March 2024",
                                 .body = "Learn: sharing the breadth of good practice\n"
                                         "- Connect: lived, learned and professional experience\n"
                                         "- Influence: challenges, successes and new solutions"};
        struct cor_layout_input in = input(&text, w, h);
        bool unreadable;
        check_all_pages(&in, "text", &unreadable);
        CHECK(!unreadable);

        struct cor_slide quote = {.type = COR_SLIDE_QUOTE,
                                  .index = 2,
                                  .quote = "Bringing relief at the lowest time is priceless.",
                                  .name = "John Sloan",
                                  .role = "Social work apprentice"};
        in = input(&quote, w, h);
        in.has_photo = true;
        check_all_pages(&in, "quote", &unreadable);
        CHECK(!unreadable);
        check_photo_side(&in);

        struct cor_slide longq = quote;
        longq.quote = quote2000;
        in = input(&longq, w, h);
        check_all_pages(&in, "2000-character quote", &unreadable);
        CHECK_MSG(unreadable, "a 2000-character quote at %dx%d fits readably?", w, h);
        in.has_photo = true;
        check_photo_side(&in); /* the words do not change it: pictures are made before layout */

        struct cor_slide image = {.type = COR_SLIDE_IMAGE, .index = 3, .fit = COR_FIT_CONTAIN};
        in = input(&image, w, h);
        in.image_w = 12000;
        in.image_h = 3000;
        check_all_pages(&in, "image contain", NULL);
        image.fit = COR_FIT_COVER;
        check_all_pages(&in, "image cover", NULL);

        struct cor_slide words_slide = {
            .type = COR_SLIDE_TEXT,
            .index = 4,
            .title = "Pneumonoultramicroscopicsilicovolcanoconiosisawarenessweekforeveryone",
            .body = "Visit https://example.org/a/very/long/address/that/never/breaks/anywhere/at/"
                    "all/because/it/has/no/spaces/in/it/whatsoever/index.html to learn more"};
        in = input(&words_slide, w, h);
        check_all_pages(&in, "long words", &unreadable);
        CHECK(!unreadable);

        struct cor_slide sess = {.type = COR_SLIDE_SESSIONS,
                                 .index = 5,
                                 .title = "Today's sessions",
                                 .show = COR_SHOW_TODAY};
        in = input(&sess, w, h);
        in.n_views = make_sessions(6, today, 0);
        in.views = views;
        check_all_pages(&in, "6 sessions", NULL);

        in.n_views = make_sessions(40, today, 0);
        int pages = check_all_pages(&in, "40 sessions", NULL);
        CHECK_MSG(pages > 1, "40 sessions at %dx%d on %d page(s)", w, h, pages);
        /* Every session appears on exactly one page. */
        int seen = 0;
        for (int p = 0; p < pages; p++) {
            struct cor_layout l;
            if (cor_layout_build(&in, p, &l))
                for (size_t i = 0; i < l.n_boxes; i++)
                    for (size_t j = 0; j < l.boxes[i].n_lines; j++)
                        if (strncmp(l.boxes[i].lines[j].text, "Session ", 8) == 0 ||
                            strncmp(l.boxes[i].lines[j].text, "World Social", 12) == 0)
                            seen++;
            cor_layout_free(&l);
        }
        CHECK_MSG(seen >= 40, "40 sessions at %dx%d: %d titles seen", w, h, seen);

        sess.show = COR_SHOW_UPCOMING;
        in.n_views = make_sessions(20, today, 4);
        /* Upcoming rows come in time order. */
        for (size_t i = 0; i < 20; i++)
            for (size_t j = i + 1; j < 20; j++)
                if (sessions[j].day < sessions[i].day ||
                    (sessions[j].day == sessions[i].day &&
                     sessions[j].start_min < sessions[i].start_min)) {
                    struct cor_session t = sessions[i];
                    sessions[i] = sessions[j];
                    sessions[j] = t;
                }
        check_all_pages(&in, "upcoming", NULL);

        sess.when_empty = "No sessions today. The next are on Monday.";
        in.n_views = 0;
        check_all_pages(&in, "empty", &unreadable);
        CHECK(!unreadable);

        in = input(NULL, w, h);
        check_all_pages(&in, "fallback", NULL);
    }
}

static void test_clock_and_footer(void)
{
    struct cor_slide text = {.type = COR_SLIDE_TEXT, .title = "Hello"};
    struct cor_layout_input in = input(&text, 1920, 1080);
    struct cor_layout l;
    CHECK(cor_layout_build(&in, 0, &l));
    CHECK(find_text(&l, "10:30") != NULL);
    CHECK(find_text(&l, "Tuesday 19 March") != NULL);
    CHECK(find_text(&l, "Social Work Week, 18 to 22 March") != NULL);
    bool logo = false;
    for (size_t i = 0; i < l.n_boxes; i++)
        logo |= l.boxes[i].kind == COR_BOX_LOGO;
    CHECK(logo);
    cor_layout_free(&l);

    in = input(NULL, 1920, 1080);
    CHECK(cor_layout_build(&in, 0, &l));
    CHECK(find_text(&l, "Social Work Week 2024") != NULL);
    CHECK(find_text(&l, "10:30") != NULL);
    CHECK(find_text(&l, "Tuesday 19 March 2024") != NULL);
    cor_layout_free(&l);

    /* An untrusted clock: neither the footer nor the fallback shows a time or a date; the
     * footer's text and logo stay. */
    in = input(&text, 1920, 1080);
    in.clock_unknown = true;
    CHECK(cor_layout_build(&in, 0, &l));
    CHECK(find_text(&l, "10:30") == NULL);
    CHECK(find_text(&l, "Tuesday 19 March") == NULL);
    CHECK(find_text(&l, "Social Work Week, 18 to 22 March") != NULL);
    cor_layout_free(&l);
    in = input(NULL, 1920, 1080);
    in.clock_unknown = true;
    CHECK(cor_layout_build(&in, 0, &l));
    CHECK(find_text(&l, "Social Work Week 2024") != NULL);
    CHECK(find_text(&l, "10:30") == NULL);
    CHECK(find_text(&l, "Tuesday 19 March 2024") == NULL);
    cor_layout_free(&l);
}

static void test_auto_fit(void)
{
    /* A short quote is set large; a long one smaller, but not below the readable minimum. */
    struct cor_slide q = {.type = COR_SLIDE_QUOTE, .quote = "Kindness matters.", .name = "A"};
    struct cor_layout_input in = input(&q, 1920, 1080);
    struct cor_layout l;
    CHECK(cor_layout_build(&in, 0, &l));
    const struct cor_box *b = find_text(&l, "Kindness matters.");
    CHECK(b && b->px >= 70);
    cor_layout_free(&l);

    q.quote = "The team on this ward listened to us when it mattered most, explained every "
              "step in words we understood, and made a frightening week bearable for the whole "
              "family. We will never forget the care we were given here, from the porters who "
              "found us a chair at three in the morning to the consultant who sat down and "
              "took the time to answer every one of our questions, however often we asked. "
              "Thank you all, from the bottom of our hearts.";
    CHECK(cor_layout_build(&in, 0, &l));
    int px = 0;
    for (size_t i = 0; i < l.n_boxes; i++)
        if (l.boxes[i].kind == COR_BOX_TEXT && l.boxes[i].n_lines > 2)
            px = l.boxes[i].px;
    CHECK_MSG(px >= 38 && px < 86, "quote px %d", px);
    CHECK(!l.unreadable);
    cor_layout_free(&l);

    /* The unreadable flag names the text. */
    static char big[4000];
    memset(big, 0, sizeof(big));
    for (int i = 0; i < 300; i++)
        strcat(big, "Too long. ");
    struct cor_slide t = {.type = COR_SLIDE_TEXT, .title = "Notice", .body = big};
    in = input(&t, 1280, 720);
    CHECK(cor_layout_build(&in, 0, &l));
    CHECK(l.unreadable);
    CHECK_CONTAINS(l.unreadable_text, "Too long.");
    bool ellipsis = false;
    for (size_t i = 0; i < l.n_boxes; i++)
        for (size_t j = 0; j < l.boxes[i].n_lines; j++)
            ellipsis |= strstr(l.boxes[i].lines[j].text, "\xE2\x80\xA6") != NULL;
    CHECK(ellipsis);
    cor_layout_free(&l);
}

static void test_sessions_marks(void)
{
    int32_t today = cor_days_from_civil(2024, 3, 19);
    struct cor_slide sess = {.type = COR_SLIDE_SESSIONS, .title = "Today's sessions"};
    struct cor_layout_input in = input(&sess, 1920, 1080);
    in.n_views = make_sessions(5, today, 0);
    in.views = views;
    sessions[0].title = "Session 1";
    sessions[3].title = "Session 4";
    struct cor_layout l;
    CHECK(cor_layout_build(&in, 0, &l));
    CHECK_INT(l.n_pages, 1);
    CHECK(find_text(&l, "On now") != NULL);
    CHECK(find_text(&l, "Next") != NULL);
    int pills = 0, qrs = 0, dim = 0;
    for (size_t i = 0; i < l.n_boxes; i++) {
        pills += l.boxes[i].kind == COR_BOX_PILL;
        if (l.boxes[i].kind == COR_BOX_QR) {
            qrs++;
            CHECK_STR(l.boxes[i].link, "https://example.org/join/session-4");
            CHECK(l.boxes[i].rect.w == l.boxes[i].rect.h);
        }
        if (l.boxes[i].kind == COR_BOX_TEXT && l.boxes[i].alpha < 200 && l.boxes[i].row >= 0)
            dim++;
    }
    CHECK_INT(pills, 2);
    CHECK_INT(qrs, 1);
    CHECK(dim >= 2);
    cor_layout_free(&l);

    /* A few rows are set larger than the base size, since they all fit. */
    in.n_views = make_sessions(3, today, 0);
    sessions[0].title = "Session 1";
    CHECK(cor_layout_build(&in, 0, &l));
    const struct cor_box *t = find_text(&l, "Session 2");
    CHECK(t && t->px > 46);
    cor_layout_free(&l);

    /* Day headings with show: upcoming, when days have several sessions. */
    sess.show = COR_SHOW_UPCOMING;
    in.n_views = make_sessions(4, today, 0);
    sessions[0].title = "Session 1";
    sessions[3].title = "Session 4";
    sessions[3].day = today + 1;
    CHECK(cor_layout_build(&in, 0, &l));
    CHECK(find_text(&l, "Today, Tuesday 19 March") != NULL);
    CHECK(find_text(&l, "Tomorrow, Wednesday 20 March") != NULL);
    cor_layout_free(&l);

    /* When most days have one session, each row carries its date instead. */
    in.n_views = make_sessions(3, today, 0);
    sessions[1].day = today + 1;
    sessions[2].day = today + 9;
    CHECK(cor_layout_build(&in, 0, &l));
    CHECK(find_text(&l, "Today") != NULL);
    CHECK(find_text(&l, "Tomorrow") != NULL);
    CHECK(find_text(&l, "Thu 28 Mar") != NULL);
    CHECK(find_text(&l, "Today, Tuesday 19 March") == NULL);
    cor_layout_free(&l);
}

static void test_image_fit(void)
{
    struct cor_rect src;
    struct cor_rect r =
        cor_layout_fit_image((struct cor_rect){0, 0, 1000, 500}, 2000, 2000, COR_FIT_CONTAIN, &src);
    CHECK_INT(r.w, 500);
    CHECK_INT(r.h, 500);
    CHECK_INT(r.x, 250);
    CHECK_INT(src.w, 2000);
    r = cor_layout_fit_image((struct cor_rect){0, 0, 1000, 500}, 2000, 2000, COR_FIT_COVER, &src);
    CHECK_INT(r.w, 1000);
    CHECK_INT(src.w, 2000);
    CHECK_INT(src.h, 1000);
    CHECK_INT(src.y, 500);
}

int main(void)
{
    test_every_size();
    test_clock_and_footer();
    test_auto_fit();
    test_sessions_marks();
    test_image_fit();
    return CHECK_DONE();
}
