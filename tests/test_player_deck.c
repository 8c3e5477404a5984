/* test_player_deck.c: the deck's order, pages, fallback and schedule changes, and the test
 * clock's arithmetic, on a playlist built by hand (no loader, no screen). */
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "deck.h"
#include "schedule.h"
#include "timebase.h"

#define DAY0     19801 /* 2024-03-19, a Tuesday */
#define AT(h, m) ((cor_minute)DAY0 * COR_MINUTES_PER_DAY + (h)*60 + (m))

static struct cor_slide slides[5];
static struct cor_playlist playlist = {.slides = slides, .n_slides = 5};
static const char *ward_7[] = {"ward-7"};
static struct cor_hours ten_to_eleven = {10 * 60, 11 * 60};

/* Slide 2 (index 1) has three pages; the rest one. */
static int fake_pages(void *ctx, const struct cor_slide *slide, cor_minute now)
{
    (void)ctx;
    (void)now;
    return slide->index == 2 ? 3 : 1;
}

static void build(void)
{
    memset(slides, 0, sizeof(slides));
    for (int i = 0; i < 5; i++) {
        slides[i].type = COR_SLIDE_TEXT;
        slides[i].index = i + 1;
        slides[i].duration_ms = 1000u * (unsigned)(i + 1);
        slides[i].title = "t";
    }
    /* slide 3: only on ward-7; slide 4: 10:00-11:00 only */
    slides[2].screens = ward_7;
    slides[2].n_screens = 1;
    slides[3].when.present = true;
    slides[3].when.days = COR_DAYS_ALL;
    slides[3].when.hours = &ten_to_eleven;
    slides[3].when.n_hours = 1;
}

static struct cor_deck_env env_at(cor_minute now, const char *screen)
{
    return (struct cor_deck_env){.playlist = &playlist,
                                 .screen = screen,
                                 .now = now,
                                 .clock_trusted = true,
                                 .page_count = fake_pages};
}

static void test_order(void)
{
    build();
    struct cor_deck_env env = env_at(AT(9, 0), "ward-1");
    struct cor_deck d;
    cor_deck_start(&d, &env, 0, 0);
    CHECK_INT(d.slide, 0);
    CHECK_INT(d.end_ms, 1000);
    /* 1, then 2's three pages, then 5 (3 is another screen's, 4 is outside its hours), then 1 */
    int expect_slide[] = {1, 1, 1, 4, 0};
    int expect_page[] = {0, 1, 2, 0, 0};
    int64_t t = d.end_ms;
    for (int i = 0; i < 5; i++) {
        CHECK_INT(cor_deck_step(&d, &env, +1, t), COR_DECK_MOVED);
        CHECK_INT(d.slide, expect_slide[i]);
        CHECK_INT(d.page, expect_page[i]);
        CHECK_INT(d.start_ms, t);
        CHECK_INT(d.end_ms - d.start_ms, slides[d.slide].duration_ms);
        t = d.end_ms;
    }
    /* on ward-7 at 10:30 every slide plays */
    env = env_at(AT(10, 30), "ward-7");
    cor_deck_start(&d, &env, 1, 0);
    d.page = 2;
    cor_deck_step(&d, &env, +1, 0);
    CHECK_INT(d.slide, 2);
    cor_deck_step(&d, &env, +1, 0);
    CHECK_INT(d.slide, 3);
    /* going back lands on page 0 of the slide before */
    cor_deck_step(&d, &env, -1, 0);
    CHECK_INT(d.slide, 2);
    cor_deck_step(&d, &env, -1, 0);
    CHECK_INT(d.slide, 1);
    CHECK_INT(d.page, 0);
    cor_deck_step(&d, &env, -1, 0);
    CHECK_INT(d.slide, 0);
    cor_deck_step(&d, &env, -1, 0);
    CHECK_INT(d.slide, 4);
}

static void test_fallback_and_schedule(void)
{
    build();
    for (int i = 0; i < 5; i++)
        if (i != 3)
            slides[i].screens = ward_7, slides[i].n_screens = 1;
    /* on ward-1 only slide 4 could play, and only from 10:00 */
    struct cor_deck_env env = env_at(AT(9, 59), "ward-1");
    struct cor_deck d;
    cor_deck_start(&d, &env, 0, 0);
    CHECK_INT(d.slide, -1);
    CHECK(d.end_ms == INT64_MAX);
    CHECK(cor_deck_slide(&d, &env) == NULL);
    CHECK_INT(cor_deck_revalidate(&d, &env, 5), COR_DECK_REDRAW);
    CHECK_INT(d.slide, -1);
    env = env_at(AT(10, 0), "ward-1");
    CHECK_INT(cor_deck_revalidate(&d, &env, 60000), COR_DECK_MOVED);
    CHECK_INT(d.slide, 3);
    CHECK_INT(d.start_ms, 60000);
    /* the only slide: stepping brings back the very same page */
    CHECK_INT(cor_deck_step(&d, &env, +1, d.end_ms), COR_DECK_SAME);
    CHECK_INT(d.start_ms, 64000);
    /* still in its hours: it stays */
    env = env_at(AT(10, 30), "ward-1");
    CHECK_INT(cor_deck_revalidate(&d, &env, 70000), COR_DECK_REDRAW);
    CHECK_INT(d.slide, 3);
    /* its hours close: the fallback */
    env = env_at(AT(11, 0), "ward-1");
    CHECK_INT(cor_deck_revalidate(&d, &env, 80000), COR_DECK_MOVED);
    CHECK_INT(d.slide, -1);
    /* an untrusted clock: scheduled slides never play */
    env = env_at(AT(10, 30), "ward-1");
    env.clock_trusted = false;
    CHECK_INT(cor_deck_find(&env, 0, +1), -1);
}

/* An untrusted clock: a sessions slide, which places its sessions by the date and marks them
 * on now by the time, does not play whatever it shows, and says why. */
static void test_untrusted_sessions(void)
{
    struct cor_session talk = {
        .day = DAY0, .start_min = 10 * 60, .end_min = 11 * 60, .title = "Talk"};
    struct cor_slide s = {.type = COR_SLIDE_SESSIONS,
                          .index = 1,
                          .title = "Today",
                          .show = COR_SHOW_TODAY,
                          .days = 7,
                          .sessions = &talk,
                          .n_sessions = 1};
    enum cor_show shows[] = {COR_SHOW_TODAY, COR_SHOW_UPCOMING, COR_SHOW_ALL};
    for (size_t i = 0; i < sizeof(shows) / sizeof(shows[0]); i++) {
        s.show = shows[i];
        CHECK_INT(cor_schedule_slide(&s, NULL, AT(10, 30), true), COR_PLAYS);
        CHECK_INT(cor_schedule_slide(&s, NULL, AT(10, 30), false), COR_SKIP_CLOCK_WRONG);
    }
    char why[256];
    cor_schedule_describe(&s, COR_SKIP_CLOCK_WRONG, AT(10, 30), why, sizeof(why));
    CHECK_STR(why, "the clock is not set, and this slide's sessions depend on the date and time");
    /* an unscheduled text slide still plays */
    struct cor_slide text = {.type = COR_SLIDE_TEXT, .index = 2, .title = "t"};
    CHECK_INT(cor_schedule_slide(&text, NULL, AT(10, 30), false), COR_PLAYS);
}

static bool not_slide_2(void *ctx, const struct cor_slide *slide)
{
    (void)ctx;
    return slide != &slides[1];
}

/* A slide the renderer cannot show (its picture broke on disk) is passed over like one whose
 * schedule does not play. */
static void test_cannot_show(void)
{
    build();
    struct cor_deck_env env = env_at(AT(9, 0), "ward-1");
    env.can_show = not_slide_2;
    struct cor_deck d;
    cor_deck_start(&d, &env, 1, 0); /* at 9:00 on ward-1 only slides 1, 2 and 5 play */
    CHECK_INT(d.slide, 4);
    CHECK(!cor_deck_plays(&env, 1));
    cor_deck_start(&d, &env, 0, 0);
    CHECK_INT(d.slide, 0);
    while (d.page + 1 < d.pages)
        cor_deck_step(&d, &env, +1, 0);
    cor_deck_step(&d, &env, +1, 0);
    CHECK_INT(d.slide, 4);
}

static void test_timebase(void)
{
    struct cor_timebase tb;
    cor_timebase_init(&tb, true, 1710842400, 60); /* 2024-03-19 10:00 UTC, 60x */
    CHECK(tb.simulated);
    CHECK_INT(cor_timebase_sim_ms(&tb, tb.origin_ns + 1000000000), 60000);
    CHECK_INT(cor_timebase_wall_ms(&tb, 60000), 1710842460000LL);
    CHECK_INT(cor_timebase_sim_of_wall(&tb, 1710842460000LL), 60000);
    /* the real moment for a simulated deadline is never early */
    for (int64_t sim = 1; sim < 100000; sim += 777)
        CHECK(cor_timebase_sim_ms(&tb, cor_timebase_real_of_sim(&tb, sim)) >= sim);
    CHECK(!cor_timebase_resync(&tb, tb.origin_ns + 5));

    cor_timebase_init(&tb, false, 0, 1);
    CHECK(!tb.simulated);
    int64_t now = cor_timebase_real_ns();
    CHECK(!cor_timebase_resync(&tb, now));
    /* a monotonic clock 10 s ahead of the wall clock looks like the wall clock stepping back */
    CHECK(cor_timebase_resync(&tb, now + 10000000000LL));
    CHECK(!cor_timebase_resync(&tb, now + 10000000000LL));
}

int main(void)
{
    test_order();
    test_fallback_and_schedule();
    test_cannot_show();
    test_untrusted_sessions();
    test_timebase();
    return CHECK_DONE();
}
