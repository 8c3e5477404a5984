/* test_layout.c: the pure layout at four screen sizes, with a fake measure: safe area, rows. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "diag.h"
#include "layout.h"
#include "loader.h"
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

/* The readable minimum of a body, 3.5 units, in pixels. */
static double lay_min_body(double u)
{
    return 3.5 * u + 0.5;
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
        /* Every session on now or to come appears on exactly one page; the two finished ones
         * are folded into one line at the top of the first. */
        int seen = 0, folded = 0;
        for (int p = 0; p < pages; p++) {
            struct cor_layout l;
            if (cor_layout_build(&in, p, &l))
                for (size_t i = 0; i < l.n_boxes; i++)
                    for (size_t j = 0; j < l.boxes[i].n_lines; j++) {
                        const char *t = l.boxes[i].lines[j].text;
                        if (l.boxes[i].row >= 0 && /* not the QR code's caption */
                            (strncmp(t, "Session ", 8) == 0 || strncmp(t, "World Social", 12) == 0))
                            seen++;
                        if (strcmp(t, "2 earlier sessions") == 0)
                            folded += p == 0 ? 1 : 100;
                    }
            cor_layout_free(&l);
        }
        CHECK_MSG(seen == 38, "40 sessions at %dx%d: %d titles seen", w, h, seen);
        CHECK_MSG(folded == 1, "40 sessions at %dx%d: the fold line seen %d", w, h, folded);

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

/* The boxes of sessions rows (not the QR code's caption) on page PAGE hold TITLE's first line. */
static bool page_lists(const struct cor_layout *l, const char *title)
{
    for (size_t i = 0; i < l->n_boxes; i++)
        if (l->boxes[i].row >= 0 && l->boxes[i].n_lines > 0 &&
            strncmp(title, l->boxes[i].lines[0].text, strlen(l->boxes[i].lines[0].text)) == 0 &&
            l->boxes[i].bold && strlen(l->boxes[i].lines[0].text) > 8)
            return true;
    return false;
}

/* The height the rows of a page take, from the first row's top to the last one's bottom. */
static int rows_height(const struct cor_layout *l)
{
    int top = 1 << 30, bottom = 0;
    for (size_t i = 0; i < l->n_boxes; i++)
        if (l->boxes[i].row >= 0) {
            if (l->boxes[i].rect.y < top)
                top = l->boxes[i].rect.y;
            if (l->boxes[i].rect.y + l->boxes[i].rect.h > bottom)
                bottom = l->boxes[i].rect.y + l->boxes[i].rect.h;
        }
    return bottom > top ? bottom - top : 0;
}

/* The text box holding a line that starts with START. */
static const struct cor_box *box_starting(const struct cor_layout *l, const char *start)
{
    for (size_t i = 0; i < l->n_boxes; i++)
        for (size_t j = 0; j < l->boxes[i].n_lines; j++)
            if (strncmp(l->boxes[i].lines[j].text, start, strlen(start)) == 0)
                return &l->boxes[i];
    return NULL;
}

/* Text slides: sized as a whole, bullets as pasted, web addresses broken where people read them,
 * titles without a lone last word. */
static void test_text_slides(void)
{
    for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
        int w = sizes[k][0], h = sizes[k][1];
        double u = cor_layout_unit(w, h);
        /* Short: set larger than the old largest body (5.5 units), and not stuck to the top. */
        struct cor_slide s = {
            .type = COR_SLIDE_TEXT, .title = "Drink up!", .body = "Have a drink with every meal"};
        struct cor_layout_input in = input(&s, w, h);
        struct cor_layout l;
        CHECK(cor_layout_build(&in, 0, &l));
        const struct cor_box *t = find_text(&l, "Drink up!");
        const struct cor_box *b = box_starting(&l, "Have a drink");
        CHECK(t && b);
        if (t && b) {
            CHECK_MSG(b->px > 5.5 * u && t->px > b->px * 1.3,
                      "short slide at %dx%d: title %d, "
                      "body %d px",
                      w, h, t->px, b->px);
            CHECK_MSG(t->rect.y > l.content.y + (int)(5 * u),
                      "short slide at %dx%d: stuck to the top (%d, content from %d)", w, h,
                      t->rect.y, l.content.y);
        }
        cor_layout_free(&l);

        /* A long title gives way before six bullets shrink to the minimum. */
        s.title = "Why hydration matters so much for older people in hospital, and what every "
                  "one of us can do about it this week";
        s.body = "- Older people feel less thirsty, so they can become dehydrated unnoticed.\n"
                 "- Dehydration raises the risk of falls, infections and confusion.\n"
                 "- Offer a drink at every contact, not only at the drinks round.\n"
                 "- Make sure the jug and cup are within reach.\n"
                 "- Use the coloured cups: yellow for help, blue for thickened fluids.\n"
                 "- Write every drink on the fluid chart.";
        CHECK(cor_layout_build(&in, 0, &l));
        t = box_starting(&l, "Why hydration");
        b = box_starting(&l, "Older people");
        CHECK(t && b && !l.unreadable);
        if (t && b)
            CHECK_MSG(b->px > lay_min_body(u) && t->px < 9 * u,
                      "long slide at %dx%d: title %d px, body %d px", w, h, t->px, b->px);
        /* Balanced: the title's last line is more than one word. */
        if (t && t->n_lines >= 2)
            CHECK_MSG(strchr(t->lines[t->n_lines - 1].text, ' ') != NULL,
                      "title's last line '%s' at %dx%d", t->lines[t->n_lines - 1].text, w, h);
        cor_layout_free(&l);

        /* Bullets as pasted from Word and web pages, each with a hanging indent. */
        s.title = "Bullets";
        s.body = "\xE2\x80\xA2 one from Word\n\xE2\x80\x93 two with a dash\n* three with a star\n"
                 "- four\nno bullet here";
        CHECK(cor_layout_build(&in, 0, &l));
        int bullets = 0;
        for (size_t i = 0; i < l.n_boxes; i++)
            for (size_t j = 0; j < l.boxes[i].n_lines; j++)
                bullets += strcmp(l.boxes[i].lines[j].text, "\xE2\x80\xA2") == 0;
        CHECK_INT(bullets, 4);
        CHECK(find_text(&l, "two with a dash") && find_text(&l, "three with a star"));
        CHECK(find_text(&l, "no bullet here"));
        cor_layout_free(&l);

        /* A web address too long for a line breaks only after / . - ? or &. */
        s.title = "Menus";
        s.body = "https://example.org/catering/patient-menus/older-peoples-medicine/"
                 "allergens-and-ingredients-for-every-ward-and-every-day-of-the-week.pdf"
                 "?ward=20&lang=en&print=yes&size=a4&copies=2";
        CHECK(cor_layout_build(&in, 0, &l));
        b = box_starting(&l, "https://");
        CHECK(b && b->n_lines >= 2);
        for (size_t j = 0; b && j + 1 < b->n_lines; j++) {
            const char *ln = b->lines[j].text;
            CHECK_MSG(strchr("/.-?&", ln[strlen(ln) - 1]) != NULL,
                      "a web address broken after '%c' at %dx%d: '%s'", ln[strlen(ln) - 1], w, h,
                      ln);
        }
        cor_layout_free(&l);
    }
}

/* A long host and a place are shown whole while the slide has room for them. */
static void test_session_details(void)
{
    static struct cor_session one;
    one = (struct cor_session){
        .day = cor_days_from_civil(2024, 3, 19),
        .start_min = 14 * 60,
        .end_min = 15 * 60,
        .title = "Recognising dehydration in older adults",
        .host = "Dr Oluwaseun Adebayo-Fitzgerald, consultant in nutrition and dietetics, with "
                "the Nutrition Nurse Specialist team, the speech and language therapists of "
                "Older People's Medicine and the catering team's dietetic assistants, who will "
                "also bring the new menus",
        .where = "Clinical Skills Lab B, Education and Research Centre",
    };
    struct cor_session_view v = {&one, COR_SESSION_NEXT};
    struct cor_slide sess = {.type = COR_SLIDE_SESSIONS, .title = "Today's sessions"};
    for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
        struct cor_layout_input in = input(&sess, sizes[k][0], sizes[k][1]);
        in.views = &v;
        in.n_views = 1;
        struct cor_layout l;
        CHECK(cor_layout_build(&in, 0, &l));
        CHECK_MSG(box_starting(&l, "Clinical Skills Lab B") != NULL && !l.unreadable,
                  "the place is dropped or the host cut at %dx%d (%s: %s)", sizes[k][0],
                  sizes[k][1], l.unreadable_what, l.unreadable_text);
        for (size_t i = 0; i < l.n_boxes; i++)
            for (size_t j = 0; j < l.boxes[i].n_lines; j++)
                CHECK(strstr(l.boxes[i].lines[j].text, "\xE2\x80\xA6") == NULL);
        cor_layout_free(&l);
    }
}

/* The footer's text box on L (the one holding TEXT's start). */
static const struct cor_box *footer_box(const struct cor_layout *l, const char *text)
{
    for (size_t i = 0; i < l->n_boxes; i++)
        if (l->boxes[i].kind == COR_BOX_TEXT && l->boxes[i].n_lines > 0 &&
            strncmp(l->boxes[i].lines[0].text, text, 12) == 0)
            return &l->boxes[i];
    return NULL;
}

/* The footer is judged against the widest date and time: the same room, and the same verdict,
 * on every day of the year. A footer too long to sit beside the clock on one line has its own
 * line on a portrait screen and two lines beside the clock on a landscape one, with or without a
 * logo; one too long for that is cut, and the layout says how many of its characters fit. */
static void test_footer_every_day(void)
{
    static const char *const footers[] = {
        "Nutrition and Hydration Week, 17 to 23 March",
        "Nutrition and Hydration Week, Monday 17 to Sunday 23 March 2025, wards 20 to 27",
        "Nutrition and Hydration Week, Monday 17 to Sunday 23 March 2025 - Older People's "
        "Medicine, wards 20 to 27, with the dietitians, the catering team, the speech and "
        "language therapists and the League of Friends",
    };
    for (size_t f = 0; f < 3; f++)
        for (int k = 0; k < 4; k++) {
            int w = k % 2 ? 1080 : 1920, h = k % 2 ? 1920 : 1080;
            bool logo = k >= 2;
            struct cor_theme th = theme;
            th.footer = footers[f];
            struct cor_slide text = {.type = COR_SLIDE_TEXT, .title = "Hello"};
            int x = -1, bw = -1, cut = -1;
            for (int d = 0; d < 7 + 12; d++) {
                /* Every weekday of a week in September, then the 1st of every month. */
                cor_minute now = d < 7 ? at(2025, 9, 15 + d, 23, 58) : at(2025, d - 6, 1, 8, 8);
                struct cor_layout_input in = input(&text, w, h);
                in.theme = &th;
                in.now = now;
                if (!logo)
                    in.logo_w = in.logo_h = 0;
                struct cor_layout l;
                CHECK(cor_layout_build(&in, 0, &l));
                const struct cor_box *b = footer_box(&l, footers[f]);
                CHECK(b != NULL);
                if (b && x < 0) {
                    x = b->rect.x;
                    bw = b->rect.w;
                    cut = l.footer_cut;
                }
                if (b)
                    CHECK_MSG(b->rect.x == x && b->rect.w == bw && (int)l.footer_cut == cut,
                              "footer %zu at %dx%d on day %d: room %d+%d cut %d, first day %d+%d "
                              "cut %d",
                              f, w, h, d, b->rect.x, b->rect.w, l.footer_cut, x, bw, cut);
                const struct cor_box *clock = find_text(&l, d < 7 ? "23:58" : "08:08");
                CHECK(clock != NULL);
                if (b && clock && f == 0)
                    CHECK_MSG(!l.footer_cut && b->rect.y < clock->rect.y + clock->rect.h,
                              "a short footer at %dx%d is cut or not beside the clock", w, h);
                /* Portrait: its own line above the clock; landscape: two lines beside it. */
                if (b && clock && f == 1 && h > w)
                    CHECK_MSG(!l.footer_cut && b->rect.y + b->rect.h <= clock->rect.y,
                              "a long footer at %dx%d is cut (%d) or not on its own line", w, h,
                              l.footer_cut);
                if (b && clock && f == 1 && w > h)
                    CHECK_MSG(!l.footer_cut && b->n_lines == 2 &&
                                  b->rect.y < clock->rect.y + clock->rect.h &&
                                  clock->rect.y < b->rect.y + b->rect.h,
                              "a long footer at %dx%d is cut (%d) or not on two lines beside the "
                              "clock (%zu lines)",
                              w, h, l.footer_cut, b->n_lines);
                if (b && f == 2)
                    CHECK_MSG(l.footer_cut && l.footer_fits > 40 &&
                                  l.footer_fits < (int)strlen(footers[2]) - 10,
                              "a very long footer at %dx%d: cut %d, %d characters fit", w, h,
                              l.footer_cut, l.footer_fits);
                cor_layout_free(&l);
            }
        }
}

/* How many sessions page L lists: the rows with a bold title. */
static int rows_listed(const struct cor_layout *l)
{
    bool seen[256] = {false};
    int n = 0;
    for (size_t i = 0; i < l->n_boxes; i++) {
        int r = l->boxes[i].row;
        if (r >= 0 && r < 256 && l->boxes[i].kind == COR_BOX_TEXT && l->boxes[i].bold && !seen[r]) {
            seen[r] = true;
            n++;
        }
    }
    return n;
}

/* playlists/busy-day.yaml, every five minutes of its day, both ways up: what is on now (or next)
 * is on the first page, pages are even, each QR code stands beside its own session. */
static void test_busy_day(void)
{
    char path[1200];
    const char *src = getenv("CORRIDOR_SOURCE_DIR");
    snprintf(path, sizeof(path), "%s/playlists/busy-day.yaml", src ? src : ".");
    struct cor_diags diags;
    cor_diags_init(&diags);
    struct cor_load_options opts = {0};
    struct cor_playlist *pl = cor_playlist_load(path, &opts, &diags);
    CHECK_MSG(pl != NULL, "busy-day.yaml does not load");
    if (!pl) {
        cor_diags_print(&diags, stderr);
        cor_diags_free(&diags);
        return;
    }
    const struct cor_slide *slide = &pl->slides[0];
    CHECK(slide->type == COR_SLIDE_SESSIONS && slide->n_sessions >= 10);
    static struct cor_session_view v[64];
    int checked = 0, paged = 0;
    for (int k = 0; k < 2; k++) {
        int w = k ? 1080 : 1920, h = k ? 1920 : 1080;
        for (int m = 7 * 60; m <= 18 * 60; m += 5) {
            cor_minute now = at(2025, 3, 19, m / 60, m % 60);
            size_t n = cor_schedule_sessions(slide, now, v, 64);
            if (cor_schedule_live(slide, now) == 0)
                continue;
            struct cor_layout_input in = input(slide, w, h);
            in.theme = &pl->theme;
            in.logo_w = in.logo_h = 0;
            in.now = now;
            in.views = v;
            in.n_views = n;
            /* The session the passer-by needs: the first on now, else the first next. */
            const char *want = NULL;
            for (size_t i = 0; i < n && !want; i++)
                if (v[i].state == COR_SESSION_ON_NOW)
                    want = v[i].session->title;
            for (size_t i = 0; i < n && !want; i++)
                if (v[i].state == COR_SESSION_NEXT)
                    want = v[i].session->title;
            int pages = cor_layout_page_count(&in);
            int tallest = 0, lowest = 1 << 30, most = 0, fewest = 1 << 30;
            for (int p = 0; p < pages; p++) {
                struct cor_layout l;
                CHECK(cor_layout_build(&in, p, &l));
                check_layout(&l, "busy day", w, h);
                if (p == 0)
                    CHECK_MSG(want && page_lists(&l, want),
                              "%dx%d at %02d:%02d: '%s' is not on the first page", w, h, m / 60,
                              m % 60, want ? want : "(none)");
                for (size_t i = 0; i < l.n_boxes; i++) {
                    if (l.boxes[i].kind != COR_BOX_QR)
                        continue;
                    const char *title = NULL;
                    for (size_t j = 0; j < n; j++)
                        if (v[j].session->link && strcmp(v[j].session->link, l.boxes[i].link) == 0)
                            title = v[j].session->title;
                    CHECK_MSG(title && page_lists(&l, title),
                              "%dx%d at %02d:%02d page %d: the QR code of '%s' is beside other "
                              "sessions",
                              w, h, m / 60, m % 60, p + 1, title ? title : "?");
                }
                int rh = rows_height(&l);
                if (rh > tallest)
                    tallest = rh;
                if (rh < lowest)
                    lowest = rh;
                int rows = rows_listed(&l);
                if (rows > most)
                    most = rows;
                if (rows < fewest)
                    fewest = rows;
                cor_layout_free(&l);
            }
            if (pages > 1) {
                paged++;
                /* Even: in height, or else in sessions (three rows make two pages of 2 + 1). */
                CHECK_MSG(lowest * 2 >= tallest || most - fewest <= 1,
                          "%dx%d at %02d:%02d: pages uneven, rows %d px high on one and %d on "
                          "another, %d sessions and %d",
                          w, h, m / 60, m % 60, lowest, tallest, fewest, most);
            }
            checked++;
        }
    }
    CHECK_MSG(checked > 200 && paged > 20, "busy day: %d moments checked, %d with pages", checked,
              paged);
    cor_playlist_free(pl);
    cor_diags_free(&diags);
}

/* Text slides of pasted odds and ends (bullet marks, dashes, slashes, long words, emoji, broken
 * bytes, blank lines) stay inside the screen at every size. */
static void test_pasted_junk(void)
{
    static const char *const pieces[] = {"\xE2\x80\xA2 ",
                                         "\xE2\x80\x93 ",
                                         "* ",
                                         "- ",
                                         "\n",
                                         "\n\n",
                                         " ",
                                         "/",
                                         ".",
                                         "-",
                                         "?",
                                         "&",
                                         "https://example.org/a-b/c.d?e=f&g=h",
                                         "word",
                                         "Pneumonoultramicroscopic",
                                         "\xF0\x9F\x92\xA7",
                                         "\xE2\x80",
                                         "\xFF",
                                         "caf\xC3\xA9",
                                         "\t",
                                         "\xE2\x80\xA2",
                                         "*",
                                         "-"};
    size_t n_pieces = sizeof(pieces) / sizeof(pieces[0]);
    static char body[2048], title[256];
    uint32_t seed = 14;
    for (int round = 0; round < 300; round++) {
        size_t used = 0;
        body[0] = title[0] = '\0';
        int n = 1 + (int)((seed = seed * 1103515245u + 12345u) >> 16) % 60;
        for (int i = 0; i < n; i++) {
            const char *p = pieces[((seed = seed * 1103515245u + 12345u) >> 16) % n_pieces];
            size_t len = strlen(p);
            if (used + len + 1 >= sizeof(body))
                break;
            memcpy(body + used, p, len + 1);
            used += len;
        }
        snprintf(title, sizeof(title), "%.*s", (int)(round % 97), body);
        struct cor_slide s = {.type = COR_SLIDE_TEXT,
                              .title = round % 3 ? title : NULL,
                              .subtitle = round % 5 ? NULL : body,
                              .body = body};
        int k = round % 4;
        struct cor_layout_input in = input(&s, sizes[k][0], sizes[k][1]);
        check_all_pages(&in, "pasted text", NULL);
    }
}

/* A Hebrew paragraph is set from the right of its room, its bullet on the right, even when it
 * begins with a number; an English one beside it from the left. */
static void test_right_to_left(void)
{
    static const char hebrew[] = "\xd7\x97\xd7\x93\xd7\xa8 12"; /* "room 12" */
    struct cor_slide t = {.type = COR_SLIDE_TEXT,
                          .title = hebrew,
                          .body =
                              "- \xd7\x97\xd7\x93\xd7\xa8 12\n- Room 12\n14:00 \xd7\xa2\xd7\x93"};
    struct cor_layout_input in = input(&t, 1920, 1080);
    struct cor_layout l;
    CHECK(cor_layout_build(&in, 0, &l));
    const struct cor_box *title = find_text(&l, hebrew), *body = NULL;
    for (size_t i = 0; i < l.n_boxes; i++)
        if (l.boxes[i].kind == COR_BOX_TEXT && l.boxes[i].n_lines == 5)
            body = &l.boxes[i];
    CHECK(title && body);
    if (title && body) {
        int right = body->rect.x + body->rect.w;
        const struct cor_line *tl = &title->lines[0], *bullet = &body->lines[0],
                              *line = &body->lines[1], *bullet2 = &body->lines[2],
                              *english = &body->lines[3], *number = &body->lines[4];
        CHECK_INT(tl->x + tl->w, title->rect.x + title->rect.w);
        CHECK_STR(bullet->text, "\xE2\x80\xA2");
        CHECK_INT(bullet->x + bullet->w, right);
        CHECK_MSG(line->x + line->w < bullet->x, "the Hebrew line ends at %d, the bullet at %d",
                  line->x + line->w, bullet->x);
        CHECK_INT(bullet2->x, body->rect.x);
        CHECK_MSG(english->x > bullet2->x + bullet2->w, "the English line is at %d", english->x);
        CHECK_INT(number->x + number->w, right);
        CHECK_STR(number->text, "14:00 \xd7\xa2\xd7\x93");
        CHECK_STR(line->text, "\xd7\x97\xd7\x93\xd7\xa8 12");
        /* The accent bar under the title is on the right too. */
        for (size_t i = 0; i < l.n_boxes; i++)
            if (l.boxes[i].kind == COR_BOX_FILL && l.boxes[i].role == COR_ROLE_ACCENT)
                CHECK_INT(l.boxes[i].rect.x + l.boxes[i].rect.w, title->rect.x + title->rect.w);
    }
    cor_layout_free(&l);

    /* A Hebrew quote is mirrored: its mark on the right of the words, its photo on the right. */
    struct cor_slide q = {.type = COR_SLIDE_QUOTE, .quote = hebrew, .name = "A", .role = "B"};
    in = input(&q, 1920, 1080);
    in.has_photo = true;
    CHECK(cor_layout_build(&in, 0, &l));
    const struct cor_box *words = find_text(&l, hebrew), *mark = find_text(&l, "\xE2\x80\x9C");
    const struct cor_box *photo = NULL;
    for (size_t i = 0; i < l.n_boxes; i++)
        if (l.boxes[i].kind == COR_BOX_PHOTO)
            photo = &l.boxes[i];
    CHECK(words && mark && photo);
    if (words && mark && photo) {
        CHECK_MSG(mark->lines[0].x > words->lines[0].x + words->lines[0].w,
                  "the mark at %d, the words end at %d", mark->lines[0].x,
                  words->lines[0].x + words->lines[0].w);
        CHECK_INT(photo->rect.x + photo->rect.w, words->rect.x + words->rect.w);
    }
    cor_layout_free(&l);
}

/* The largest px of L's bold (or regular) text, the clock and date left out. */
static int largest_px(const struct cor_layout *l, bool bold)
{
    int px = 0;
    for (size_t i = 0; i < l->n_boxes; i++)
        if (l->boxes[i].kind == COR_BOX_TEXT && l->boxes[i].bold == bold && l->boxes[i].px > px &&
            l->boxes[i].n_lines > 0 && strcmp(l->boxes[i].lines[0].text, "10:30") != 0 &&
            strncmp(l->boxes[i].lines[0].text, "Tuesday", 7) != 0)
            px = l->boxes[i].px;
    return px;
}

/* An urgent notice: its words larger than the same words on a text slide, the clock kept, its
 * colours 7:1 or better, and a banner never more than a quarter of the screen. */
static void test_urgent(void)
{
    CHECK_MSG(cor_contrast_ratio((struct cor_color){0x8b, 0, 0, 255},
                                 (struct cor_color){255, 255, 255, 255}) >= 7.0,
              "white on dark red reads at %.2f to 1",
              cor_contrast_ratio((struct cor_color){0x8b, 0, 0, 255},
                                 (struct cor_color){255, 255, 255, 255}));
    static const struct {
        const char *title, *body;
    } notices[] = {
        {"Ward 7 closed", "Norovirus: please do not visit today."},
        {"Lift B out of order", ""},
        {"Fire drill at 14:00 today",
         "The alarm will sound for two minutes.\nStaff: follow the ward's evacuation plan.\n"
         "Visitors: please stay where you are; staff will guide you. Thank you for your "
         "patience while we keep everyone safe."},
    };
    for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
        int w = sizes[k][0], h = sizes[k][1];
        for (size_t n = 0; n < sizeof(notices) / sizeof(notices[0]); n++) {
            struct cor_slide text = {0};
            text.type = COR_SLIDE_TEXT;
            text.index = 1;
            text.title = notices[n].title;
            text.body = notices[n].body;
            struct cor_layout_input in = input(&text, w, h);
            struct cor_layout normal, full, banner;
            CHECK(cor_layout_build(&in, 0, &normal));
            struct cor_layout_urgent u = {notices[n].title, notices[n].body, false};
            in.urgent = &u;
            CHECK(cor_layout_build(&in, 0, &full));
            check_layout(&full, "urgent notice", w, h);
            /* Never smaller than on a text slide, and larger where the room allows. */
            int ft = largest_px(&full, true), nt = largest_px(&normal, true);
            int fb = largest_px(&full, false), nb = largest_px(&normal, false);
            if (!notices[n].body[0]) /* only the footer is regular text on the slide */
                fb = nb;
            CHECK_MSG(ft >= nt && fb >= nb && (ft > nt || fb > nb),
                      "%dx%d notice %zu: title %d px and body %d px, on a text slide %d and %d", w,
                      h, n, ft, fb, nt, nb);
            CHECK(!full.unreadable);
            bool clock = false, covers = false;
            for (size_t i = 0; i < full.n_boxes; i++) {
                const struct cor_box *b = &full.boxes[i];
                clock |= b->kind == COR_BOX_TEXT && b->n_lines == 1 &&
                         strcmp(b->lines[0].text, "10:30") == 0;
                covers |= b->kind == COR_BOX_FILL && b->role == COR_ROLE_URGENT &&
                          b->rect.w == w && b->rect.h == h;
                if (b->kind == COR_BOX_TEXT)
                    CHECK(b->role == COR_ROLE_ON_URGENT);
            }
            CHECK_MSG(clock, "%dx%d: the notice keeps the clock", w, h);
            CHECK(covers);

            u.banner = true;
            CHECK(cor_layout_build(&in, 0, &banner));
            check_layout(&banner, "urgent banner", w, h);
            int band_top = h, clock_top = -1;
            for (size_t i = 0; i < banner.n_boxes; i++) {
                const struct cor_box *b = &banner.boxes[i];
                if (b->kind == COR_BOX_FILL && b->role == COR_ROLE_URGENT)
                    band_top = b->rect.y;
                if (b->kind == COR_BOX_TEXT && b->role == COR_ROLE_ON_URGENT) {
                    CHECK_MSG(b->rect.y >= band_top, "%dx%d: banner text above its band", w, h);
                    if (strcmp(b->lines[0].text, "10:30") == 0)
                        clock_top = b->rect.y;
                }
            }
            CHECK_MSG(h - band_top <= h / 4 && band_top < h,
                      "%dx%d notice %zu: the banner is %d px high, more than a quarter", w, h, n,
                      h - band_top);
            CHECK_MSG(clock_top >= band_top, "%dx%d: the banner keeps the clock", w, h);
            cor_layout_free(&normal);
            cor_layout_free(&full);
            cor_layout_free(&banner);
        }
    }
}

/* The identify page at every size: inside the safe area, a square QR code that overlaps no
 * words, beside them on a landscape screen and under them on a portrait one, the name larger than
 * anything else and the facts at 3 units or more (read from 3 m); a long name and no address
 * still fit. */
static void test_identify(void)
{
    static const struct cor_layout_fact facts[] = {
        {"Host name", "ward-12"},
        {"Addresses", "10.20.30.41\n2001:db8:20::41"},
        {"MAC", "dc:a6:32:01:02:03"},
        {"Playlist", "Wards and clinics"},
        {"File", "/var/lib/corridor/playlist/wards.yaml"},
        {"corridor", "0.1.0"},
    };
    static const char *const names[] = {"ward-12", "maternity-outpatients-east-wing-level-3"};
    for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
        int w = sizes[k][0], h = sizes[k][1];
        double u = cor_layout_unit(w, h);
        for (size_t n = 0; n < 2; n++) {
            struct cor_layout_identify id = {names[n], facts, 6, "screen ward-12\nhost ward-12",
                                             "The playlist comes back 15 minutes after the screen "
                                             "started (identify_for in /etc/corridor/corridor.conf)."};
            struct cor_layout_input in = input(NULL, w, h);
            in.identify = &id;
            struct cor_layout l;
            CHECK(cor_layout_build(&in, 0, &l));
            check_layout(&l, "identify page", w, h);
            const struct cor_box *qr = NULL;
            for (size_t i = 0; i < l.n_boxes; i++)
                if (l.boxes[i].kind == COR_BOX_QR)
                    qr = &l.boxes[i];
            CHECK_MSG(qr && qr->rect.w == qr->rect.h && strcmp(qr->link, id.qr) == 0,
                      "%dx%d: the page has its square code", w, h);
            if (!qr)
                continue;
            /* A 53-module code (the usual text) gets 4 pixels a module or more. */
            CHECK_MSG(qr->rect.w >= 53 * 4, "%dx%d: the code is %d px", w, h, qr->rect.w);
            int name_px = 0;
            for (size_t i = 0; i < l.n_boxes; i++) {
                const struct cor_box *b = &l.boxes[i];
                if (b->kind != COR_BOX_TEXT)
                    continue;
                struct cor_rect r = b->rect;
                bool apart = r.x + r.w <= qr->rect.x || qr->rect.x + qr->rect.w <= r.x ||
                             r.y + r.h <= qr->rect.y || qr->rect.y + qr->rect.h <= r.y;
                CHECK_MSG(apart, "%dx%d: '%s' overlaps the code", w, h, b->lines[0].text);
                if (b->bold && b->px > name_px)
                    name_px = b->px;
            }
            CHECK_MSG(name_px >= 6 * u, "%dx%d: the name at %d px", w, h, name_px);
            if (h > w)
                CHECK_MSG(qr->rect.y > h / 2, "%dx%d: portrait: the code under the words", w, h);
            else
                CHECK_MSG(qr->rect.x > w / 2, "%dx%d: landscape: the code beside the words", w, h);
            static const char *const values[] = {"10.20.30.41", "dc:a6:32:01:02:03",
                                                 "Wards and clinics", "/var/lib/corridor/", "0.1.0"};
            for (size_t v = 0; v < sizeof(values) / sizeof(values[0]); v++) {
                const struct cor_box *b = box_starting(&l, values[v]);
                CHECK_MSG(b && b->px >= (int)(3 * u), "%dx%d: '%s' at %d px, under 3 units", w, h,
                          values[v], b ? b->px : 0);
            }
            cor_layout_free(&l);
        }
    }
}

int main(void)
{
    test_every_size();
    test_clock_and_footer();
    test_auto_fit();
    test_sessions_marks();
    test_image_fit();
    test_busy_day();
    test_footer_every_day();
    test_text_slides();
    test_session_details();
    test_pasted_junk();
    test_right_to_left();
    test_urgent();
    test_identify();
    return CHECK_DONE();
}
