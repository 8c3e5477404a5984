/* test_power_schedule.c: the power schedule (`power:`) read from a playlist, and what it wants
 * for the screen over a week with exceptions, across the clock changes, and per screen. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "clock.h"
#include "loader.h"
#include "power_schedule.h"
#include "value.h"

static char dir[256];

#define SLIDE "slides:\n  - type: text\n    title: Hello\n"

/* Loads TEXT as a playlist; NULL with the messages printed when it has mistakes. */
static struct cor_playlist *load(const char *text, struct cor_diags *d)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/playlist.yaml", dir);
    FILE *f = fopen(path, "wb");
    if (!f) {
        perror(path);
        exit(2);
    }
    fputs(text, f);
    fclose(f);
    /* Warnings about dates gone by are judged at 10:00 on Tuesday 1 December 2026. */
    struct cor_load_options opts = {.check_files = true, .has_now = true};
    opts.now = (cor_minute)cor_days_from_civil(2026, 12, 1) * COR_MINUTES_PER_DAY + 10 * 60;
    cor_diags_init(d);
    return cor_playlist_load(path, &opts, d);
}

static cor_minute at(int y, int mo, int d, int h, int mi)
{
    return (cor_minute)cor_days_from_civil(y, mo, d) * COR_MINUTES_PER_DAY + h * 60 + mi;
}

/* Checks the civil plan at a moment: on or off, the next change, and words of why. */
static void expect(const struct cor_playlist *pl, const char *screen, cor_minute now, bool on,
                   cor_minute next, const char *why, int line)
{
    struct cor_power_civil_plan p;
    cor_power_plan_civil(pl, screen, now, true, &p);
    CHECK_MSG(p.want == (on ? COR_POWER_WANT_ON : COR_POWER_WANT_OFF), "line %d: want %s", line,
              p.want == COR_POWER_WANT_ON ? "on" : "off");
    CHECK_MSG(p.next_change == next, "line %d: next change %lld, expected %lld", line,
              (long long)p.next_change, (long long)next);
    CHECK_MSG(strstr(p.why, why) != NULL, "line %d: why \"%s\" lacks \"%s\"", line, p.why, why);
}
#define EXPECT(pl, screen, now, on, next, why) expect(pl, screen, now, on, next, why, __LINE__)

static void test_simple_week(void)
{
    struct cor_diags d;
    struct cor_playlist *pl = load(SLIDE "power:\n  weekdays: 07:00-19:30\n  weekends: off\n", &d);
    CHECK(pl != NULL);
    CHECK_INT(d.n, 0);
    if (!pl) {
        cor_diags_free(&d);
        return;
    }
    CHECK_INT(pl->n_power, 1);
    /* Monday 7 December 2026. */
    EXPECT(pl, NULL, at(2026, 12, 7, 6, 59), false, at(2026, 12, 7, 7, 0),
           "screen off (power: weekdays 07:00-19:30)");
    EXPECT(pl, NULL, at(2026, 12, 7, 7, 0), true, at(2026, 12, 7, 19, 30),
           "screen on (power: weekdays 07:00-19:30)");
    /* Friday evening: off until Monday morning. */
    EXPECT(pl, NULL, at(2026, 12, 11, 19, 30), false, at(2026, 12, 14, 7, 0),
           "screen off (power: weekdays 07:00-19:30)");
    EXPECT(pl, NULL, at(2026, 12, 12, 12, 0), false, at(2026, 12, 14, 7, 0),
           "screen off (power: weekends off)");
    /* An untrusted clock: on, whatever the time. */
    struct cor_power_civil_plan p;
    cor_power_plan_civil(pl, NULL, at(2026, 12, 12, 12, 0), false, &p);
    CHECK_INT(p.want, COR_POWER_WANT_ON);
    CHECK_INT(p.next_change, INT64_MAX);
    CHECK_CONTAINS(p.why, "clock is not set");
    cor_playlist_free(pl);
    cor_diags_free(&d);
}

static void test_no_schedule(void)
{
    struct cor_diags d;
    struct cor_playlist *pl = load(SLIDE, &d);
    CHECK(pl != NULL);
    if (!pl) {
        cor_diags_free(&d);
        return;
    }
    EXPECT(pl, "ward-7", at(2026, 12, 12, 3, 0), true, INT64_MAX, "screen on (no power schedule)");
    cor_playlist_free(pl);
    cor_diags_free(&d);
}

/* A week with a Saturday morning, a Sunday off, an open day and the Christmas fortnight. */
static void test_week_with_exceptions(void)
{
    struct cor_diags d;
    struct cor_playlist *pl = load(SLIDE "power:\n"
                                         "  weekdays: 07:00-19:30\n"
                                         "  saturday: 9am to 1pm\n"
                                         "  sunday: off\n"
                                         "  dates:\n"
                                         "    12 December 2026: 08:00-20:00\n"
                                         "    24 December 2026 to 1 January 2027: 08:00-16:00\n"
                                         "    25 December 2026: off\n"
                                         "    2026-12-31: [08:00-12:00, 18:00-02:00]\n",
                                   &d);
    CHECK(pl != NULL);
    CHECK_INT(d.n, 0);
    if (!pl) {
        cor_diags_free(&d);
        return;
    }
    /* Friday 11 December after hours: the open day on Saturday opens at 08:00, not 09:00. */
    EXPECT(pl, NULL, at(2026, 12, 11, 20, 0), false, at(2026, 12, 12, 8, 0),
           "screen off (power: weekdays 07:00-19:30)");
    EXPECT(pl, NULL, at(2026, 12, 12, 19, 0), true, at(2026, 12, 12, 20, 0),
           "screen on (power: 12 December 2026 08:00-20:00)");
    /* Saturday 19 December is an ordinary Saturday; Sunday is off; Monday is a weekday. */
    EXPECT(pl, NULL, at(2026, 12, 19, 8, 0), false, at(2026, 12, 19, 9, 0),
           "screen off (power: saturday 09:00-13:00)");
    EXPECT(pl, NULL, at(2026, 12, 19, 13, 0), false, at(2026, 12, 21, 7, 0),
           "screen off (power: saturday 09:00-13:00)");
    EXPECT(pl, NULL, at(2026, 12, 20, 12, 0), false, at(2026, 12, 21, 7, 0),
           "screen off (power: sunday off)");
    /* The Christmas fortnight's shorter hours, Christmas Day off inside it. */
    EXPECT(pl, NULL, at(2026, 12, 24, 7, 30), false, at(2026, 12, 24, 8, 0),
           "screen off (power: 24 December 2026 to 1 January 2027 08:00-16:00)");
    EXPECT(pl, NULL, at(2026, 12, 24, 16, 0), false, at(2026, 12, 26, 8, 0),
           "screen off (power: 24 December 2026 to 1 January 2027 08:00-16:00)");
    EXPECT(pl, NULL, at(2026, 12, 25, 12, 0), false, at(2026, 12, 26, 8, 0),
           "screen off (power: 25 December 2026 off)");
    /* New Year's Eve: a morning, and an evening that runs into New Year's Day. */
    EXPECT(pl, NULL, at(2026, 12, 31, 12, 0), false, at(2026, 12, 31, 18, 0),
           "screen off (power: 2026-12-31 08:00-12:00, 18:00-02:00)");
    EXPECT(pl, NULL, at(2027, 1, 1, 1, 0), true, at(2027, 1, 1, 2, 0),
           "screen on (power: 2026-12-31 08:00-12:00, 18:00-02:00)");
    EXPECT(pl, NULL, at(2027, 1, 1, 2, 0), false, at(2027, 1, 1, 8, 0),
           "screen off (power: 24 December 2026 to 1 January 2027 08:00-16:00)");
    /* Saturday 2 January 2027: back to the week. */
    EXPECT(pl, NULL, at(2027, 1, 1, 16, 0), false, at(2027, 1, 2, 9, 0),
           "screen off (power: 24 December 2026 to 1 January 2027 08:00-16:00)");
    cor_playlist_free(pl);
    cor_diags_free(&d);
}

/* A night screen: on from the evening into the next morning, every day. */
static void test_past_midnight(void)
{
    struct cor_diags d;
    struct cor_playlist *pl = load(SLIDE "power:\n  every day: 18:00-02:00\n", &d);
    CHECK(pl != NULL);
    CHECK_INT(d.n_errors, 0);
    CHECK_INT(d.n_warnings, 0); /* ending at 02:00, it is not the hours it is off */
    if (!pl) {
        cor_diags_free(&d);
        return;
    }
    EXPECT(pl, NULL, at(2026, 12, 8, 1, 59), true, at(2026, 12, 8, 2, 0),
           "screen on (power: every day 18:00-02:00)");
    EXPECT(pl, NULL, at(2026, 12, 8, 2, 0), false, at(2026, 12, 8, 18, 0),
           "screen off (power: every day 18:00-02:00)");
    EXPECT(pl, NULL, at(2026, 12, 8, 23, 0), true, at(2026, 12, 9, 2, 0),
           "screen on (power: every day 18:00-02:00)");
    cor_playlist_free(pl);
    cor_diags_free(&d);
}

/* Schedules for named screens, and one for the rest. */
static void test_screens(void)
{
    struct cor_diags d;
    struct cor_playlist *pl = load(SLIDE "power:\n"
                                         "  - screens: [ward-7, Ward-8]\n"
                                         "    every day: 06:00-23:00\n"
                                         "  - weekdays: 07:00-19:30\n"
                                         "    weekends: off\n",
                                   &d);
    CHECK(pl != NULL);
    CHECK_INT(d.n, 0);
    if (!pl) {
        cor_diags_free(&d);
        return;
    }
    CHECK_INT(pl->n_power, 2);
    cor_minute sat = at(2026, 12, 12, 12, 0);
    EXPECT(pl, "ward-7", sat, true, at(2026, 12, 12, 23, 0),
           "screen on (power: every day 06:00-23:00)");
    EXPECT(pl, "ward-8", sat, true, at(2026, 12, 12, 23, 0), "every day 06:00-23:00");
    EXPECT(pl, "lobby", sat, false, at(2026, 12, 14, 7, 0), "screen off (power: weekends off)");
    EXPECT(pl, NULL, sat, false, at(2026, 12, 14, 7, 0), "screen off (power: weekends off)");
    cor_playlist_free(pl);

    /* Only named screens: the others stay on. */
    cor_diags_free(&d);
    pl = load(SLIDE "power:\n  screens: ward-7\n  every day: 06:00-23:00\n", &d);
    CHECK(pl != NULL);
    if (!pl) {
        cor_diags_free(&d);
        return;
    }
    EXPECT(pl, "ward-7", at(2026, 12, 12, 3, 0), false, at(2026, 12, 12, 6, 0), "screen off");
    EXPECT(pl, "lobby", at(2026, 12, 12, 3, 0), true, INT64_MAX,
           "screen on (the power schedule is for other screens)");
    EXPECT(pl, NULL, at(2026, 12, 12, 3, 0), true, INT64_MAX, "screen on");
    cor_playlist_free(pl);
    cor_diags_free(&d);
}

/* Schedules that never change. */
static void test_no_change(void)
{
    struct cor_diags d;
    struct cor_playlist *pl = load(SLIDE "power:\n  every day: off\n", &d);
    CHECK(pl != NULL);
    if (pl) {
        EXPECT(pl, NULL, at(2026, 12, 12, 3, 0), false, INT64_MAX, "every day off");
        cor_playlist_free(pl);
    }
    cor_diags_free(&d);
    pl = load(SLIDE "power:\n  every day: on\n  dates:\n    1 March 2027: off\n", &d);
    CHECK(pl != NULL);
    if (pl) {
        EXPECT(pl, NULL, at(2026, 12, 12, 3, 0), true, at(2027, 3, 1, 0, 0), "every day on");
        EXPECT(pl, NULL, at(2027, 3, 1, 0, 0), false, at(2027, 3, 2, 0, 0), "1 March 2027 off");
        cor_playlist_free(pl);
    }
    cor_diags_free(&d);
    /* Days no line names are on all day, said so. */
    pl = load(SLIDE "power:\n  weekdays: 07:00-19:30\n", &d);
    CHECK(pl != NULL);
    CHECK_INT(d.n_warnings, 1);
    if (pl) {
        EXPECT(pl, NULL, at(2026, 12, 12, 3, 0), true, at(2026, 12, 14, 0, 0),
               "screen on (power: no hours for Saturday 12 December 2026, so on all day)");
        cor_playlist_free(pl);
    }
    cor_diags_free(&d);
}

static int64_t utc(int y, int mo, int d, int h, int mi)
{
    return (int64_t)cor_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60;
}

static void expect_at(const struct cor_playlist *pl, int64_t now, bool on, int64_t next, int line)
{
    struct cor_power_plan p;
    cor_power_plan_at(pl, NULL, now, true, &p);
    CHECK_MSG(p.want == (on ? COR_POWER_WANT_ON : COR_POWER_WANT_OFF), "line %d: want %s", line,
              p.want == COR_POWER_WANT_ON ? "on" : "off");
    CHECK_MSG(p.next_change == next, "line %d: next change %lld, expected %lld", line,
              (long long)p.next_change, (long long)next);
}
#define EXPECT_AT(pl, now, on, next) expect_at(pl, now, on, next, __LINE__)

/* In London the clocks go forward at 01:00 UTC on Sunday 29 March 2026 and back at 01:00 UTC on
 * Sunday 25 October 2026: the screen keeps to the wall clock's hours. */
static void test_clock_changes(void)
{
    struct cor_diags d;
    struct cor_playlist *pl = load("timezone: Europe/London\n" SLIDE "power:\n"
                                   "  every day: 07:00-22:00\n"
                                   "  dates:\n"
                                   "    2026-03-29: 01:30-22:00\n"
                                   "    2026-10-25: 01:30-22:00\n",
                                   &d);
    CHECK(pl != NULL);
    CHECK_INT(d.n_errors, 0);
    if (!pl) {
        cor_diags_free(&d);
        return;
    }
    /* Spring, an ordinary evening: off at 22:00 GMT, on at 07:00 BST, an hour less later. */
    EXPECT_AT(pl, utc(2026, 3, 27, 22, 0), false, utc(2026, 3, 28, 7, 0));
    EXPECT_AT(pl, utc(2026, 3, 28, 7, 0), true, utc(2026, 3, 28, 22, 0));
    /* 01:30 never happens on 29 March: the screen comes on when the clocks jump to 02:00. */
    EXPECT_AT(pl, utc(2026, 3, 28, 22, 0), false, utc(2026, 3, 29, 1, 0));
    EXPECT_AT(pl, utc(2026, 3, 29, 1, 0), true, utc(2026, 3, 29, 21, 0));
    /* Monday 30 March: 07:00 BST is 06:00 UTC. */
    EXPECT_AT(pl, utc(2026, 3, 29, 21, 0), false, utc(2026, 3, 30, 6, 0));

    /* Autumn: on at 01:30 BST (00:30 UTC); at 02:00 BST the clocks go back to 01:00, before
     * 01:30 again, so the screen is off for the half hour until 01:30 GMT comes. */
    EXPECT_AT(pl, utc(2026, 10, 24, 21, 0), false, utc(2026, 10, 25, 0, 30));
    EXPECT_AT(pl, utc(2026, 10, 25, 0, 30), true, utc(2026, 10, 25, 1, 0));
    EXPECT_AT(pl, utc(2026, 10, 25, 1, 0), false, utc(2026, 10, 25, 1, 30));
    EXPECT_AT(pl, utc(2026, 10, 25, 1, 30), true, utc(2026, 10, 25, 22, 0));
    /* Monday 26 October: 07:00 GMT is 07:00 UTC, ten hours after 22:00 GMT. */
    EXPECT_AT(pl, utc(2026, 10, 25, 22, 0), false, utc(2026, 10, 26, 7, 0));
    /* An untrusted clock: on, with nothing to wait for. */
    struct cor_power_plan p;
    cor_power_plan_at(pl, NULL, utc(2026, 10, 25, 23, 0), false, &p);
    CHECK_INT(p.want, COR_POWER_WANT_ON);
    CHECK_INT(p.next_change, INT64_MAX);
    CHECK_CONTAINS(p.why, "screen on (the clock is not set yet");
    cor_playlist_free(pl);
    cor_diags_free(&d);
}

struct bad_case {
    const char *power; /* after SLIDE */
    int line, col;
    const char *words;
    bool warning;
};

static const struct bad_case bad[] = {
    {"power:\n  weekdays: 7\n", 5, 13, "'7' is one time, but the screen needs the hours it is on",
     false},
    {"power:\n  saturday: 1\n", 5, 13, "'1' is one time, but the screen needs the hours it is on",
     false},
    {"power:\n  weekdys: 07:00-19:30\n", 5, 3,
     "unknown key 'weekdys' in the power schedule; did you mean 'weekdays'?", false},
    {"power:\n  weekdays: closed\n", 5, 13,
     "'closed' is not hours corridor reads; write the hours the screen is on, such as "
     "weekdays: 07:00-19:30, or weekdays: off",
     false},
    {"power:\n  weekdays: 9am to 25pm\n", 5, 13, "", false},
    {"power: weekdays 07:00-19:30\n", 4, 8, "'power' holds the days and hours the screen is on",
     false},
    {"power:\n", 4, 7, "'power' is empty", false},
    {"power:\n  25 December 2026: off\n", 5, 3, "a date goes under 'dates:'", false},
    {"power:\n  07:00-19:30: weekdays\n", 5, 3,
     "the days come first and the hours after them; write for example weekdays: 07:00-19:30",
     false},
    {"power:\n  days: weekdays\n  hours: 07:00-19:30\n", 5, 3,
     "the power schedule names the days in its keys", false},
    {"power:\n  mon: 07:00-19:30\n  monday: 07:00-19:00\n", 6, 3,
     "Monday is named twice in the power schedule ('monday' here, 'mon' on line 5)", false},
    {"power:\n  weekdays: 07:00-19:30\n  Weekdays: 07:00-19:00\n", 6, 3,
     "'Weekdays' is given twice in the power schedule (first on line 5)", false},
    {"power:\n  every day: 07:00-19:30\n  dates:\n    25/12/2026: off\n", 7, 5,
     "'25/12/2026' is not a date", false},
    {"power:\n  every day: 07:00-19:30\n  dates:\n    2026-12-24 to 2026-12-20: off\n", 7, 5,
     "ends before it starts", false},
    {"power:\n  every day: 07:00-19:30\n  dates:\n    2026-12-24: off\n    24 December 2026: "
     "10:00-12:00\n",
     8, 5, "'24 December 2026' names the same days as '2026-12-24' on line 7", false},
    {"power:\n  every day: 07:00-19:30\n  dates:\n    - 2026-12-24: off\n", 7, 5,
     "'dates' takes dates with the hours of each", false},
    {"power:\n  weekdays: 07:00-12:00, 13:00-19:30\n", 5, 13,
     "not a list of ranges: a list needs brackets; write weekdays: [07:00-12:00, 13:00-19:30]",
     false},
    {"power:\n  weekdays: [07:00-12:00, 11:00-19:30]\n", 5, 27, "overlaps the hours before it",
     false},
    {"power:\n  screens: [ward-7]\n", 5, 3, "the power schedule names no days", false},
    {"power:\n  - every day: 07:00-19:30\n  - weekdays: 08:00-18:00\n", 6, 5,
     "this power schedule and the one on line 5 are both for every screen", false},
    {"power:\n  - every day: 07:00-19:30\n    screens: [ward-7]\n  - weekdays: 08:00-18:00\n"
     "    screens: [WARD-7]\n",
     7, 5, "screen 'WARD-7' is named by this power schedule and by the one on line 5", false},
    {"power:\n  screens: []\n  every day: 07:00-19:30\n", 5, 12,
     "'screens' takes the names of the screens this schedule is for", false},
    {"power:\n  weekdays: 07:00-19:30\n", 5, 3,
     "the power schedule names no hours for Saturday and Sunday, so the screen stays on all day "
     "then; add weekends: off",
     true},
    {"power:\n  every day: 2 to 5\n", 5, 14, "add pm: 2pm to 5pm", true},
    {"power:\n  every day: 07:00-19:30\n  dates:\n    2026-11-30: off\n    1 December 2026: off\n",
     7, 5, "'2026-11-30' has passed, so this line no longer changes anything; remove it", true},
    {"power:\n  every day: 19:30-07:00\n", 5, 14,
     "keeps the screen on through the night, from 19:30 until 07:00 the next morning; if these "
     "are the hours it is off, write the hours it is on instead: 07:00-19:30",
     true},
};

/* More ranges in a day, or more dates, than any screen needs: refused, not slowly read. */
static void test_bounds(void)
{
    char text[40000];
    size_t k = (size_t)snprintf(text, sizeof(text), SLIDE "power:\n  weekdays: [");
    for (int i = 0; i < 13; i++)
        k += (size_t)snprintf(text + k, sizeof(text) - k, "%s%02d:00-%02d:30", i ? ", " : "",
                              i + 6, i + 6);
    snprintf(text + k, sizeof(text) - k, "]\n");
    struct cor_diags d;
    struct cor_playlist *pl = load(text, &d);
    CHECK(pl == NULL);
    CHECK(d.n > 0 && strstr(d.items[0].msg, "at most 12 ranges of hours a day"));
    cor_playlist_free(pl);
    cor_diags_free(&d);

    /* Twelve are taken, and said in a sentence that fits. */
    k = (size_t)snprintf(text, sizeof(text), SLIDE "power:\n  every day: [");
    for (int i = 0; i < 12; i++)
        k += (size_t)snprintf(text + k, sizeof(text) - k, "%s%02d:00-%02d:30", i ? ", " : "",
                              i + 6, i + 6);
    snprintf(text + k, sizeof(text) - k, "]\n");
    pl = load(text, &d);
    CHECK(pl != NULL);
    if (pl)
        EXPECT(pl, NULL, at(2026, 12, 8, 6, 45), false, at(2026, 12, 8, 7, 0),
               "screen off (power: every day 12 ranges of hours from 06:00 to 17:30)");
    cor_playlist_free(pl);
    cor_diags_free(&d);

    k = (size_t)snprintf(text, sizeof(text), SLIDE "power:\n  weekdays: 07:00-19:30\n  dates:\n");
    for (int i = 0; i < 501; i++)
        k += (size_t)snprintf(text + k, sizeof(text) - k, "    %d-01-01: off\n", 2100 + i);
    pl = load(text, &d);
    CHECK(pl == NULL);
    CHECK(d.n > 0 && strstr(d.items[0].msg, "'dates' has 501 lines"));
    CHECK(d.n > 0 && d.items[0].line == 7);
    cor_playlist_free(pl);
    cor_diags_free(&d);
}

static void test_bad(void)
{
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        char text[1024];
        snprintf(text, sizeof(text), SLIDE "%s", bad[i].power);
        struct cor_diags d;
        struct cor_playlist *pl = load(text, &d);
        bool found = false;
        for (size_t k = 0; k < d.n; k++) {
            const struct cor_diag *m = &d.items[k];
            if (m->line == bad[i].line && m->col == bad[i].col &&
                m->severity == (bad[i].warning ? COR_SEV_WARNING : COR_SEV_ERROR) &&
                strstr(m->msg, bad[i].words))
                found = true;
        }
        CHECK_MSG(found, "case %zu: no %s at %d:%d with \"%s\"", i,
                  bad[i].warning ? "warning" : "error", bad[i].line, bad[i].col, bad[i].words);
        if (!found)
            for (size_t k = 0; k < d.n; k++)
                fprintf(stderr, "    got %d:%d %s\n", d.items[k].line, d.items[k].col,
                        d.items[k].msg);
        CHECK_MSG((pl != NULL) == bad[i].warning, "case %zu: %s", i,
                  pl ? "loaded" : "refused");
        cor_playlist_free(pl);
        cor_diags_free(&d);
    }
}

static void make_dir(void)
{
    snprintf(dir, sizeof(dir), "/tmp/corridor-test-power-XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        exit(2);
    }
}

static void remove_dir(void)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/playlist.yaml", dir);
    unlink(path);
    rmdir(dir);
}

int main(void)
{
    make_dir();
    test_simple_week();
    test_no_schedule();
    test_week_with_exceptions();
    test_past_midnight();
    test_screens();
    test_no_change();
    test_clock_changes();
    test_bad();
    test_bounds();
    remove_dir();
    return CHECK_DONE();
}
