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
    struct cor_load_options opts = {.check_files = true};
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
    remove_dir();
    return CHECK_DONE();
}
