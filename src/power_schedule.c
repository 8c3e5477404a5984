/* power_schedule.c: the screen's hours from a playlist's power schedule, at a given time. */
#include "power_schedule.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "value.h"

/* How far ahead the next change is looked for: a screen off for longer than a year has none. */
#define LOOK_AHEAD_DAYS 400

static int32_t day_of(cor_minute m)
{
    cor_minute d = m / COR_MINUTES_PER_DAY;
    if (m % COR_MINUTES_PER_DAY < 0)
        d--;
    return (int32_t)d;
}

static bool names_screen(const struct cor_power *p, const char *screen)
{
    for (size_t i = 0; i < p->n_screens; i++)
        if (strcasecmp(p->screens[i], screen) == 0)
            return true;
    return false;
}

const struct cor_power *cor_power_for_screen(const struct cor_playlist *playlist,
                                             const char *screen)
{
    if (screen)
        for (size_t i = 0; i < playlist->n_power; i++)
            if (names_screen(&playlist->power[i], screen))
                return &playlist->power[i];
    for (size_t i = 0; i < playlist->n_power; i++)
        if (playlist->power[i].n_screens == 0)
            return &playlist->power[i];
    return NULL;
}

/* The line of P that decides DAY: a line of dates before a line of days of the week, and of
 * those that name the day, the one that names the fewest days (the first written of equals).
 * NULL when no line names it. *KEY receives the line's key as written. */
static const struct cor_power_hours *line_for(const struct cor_power *p, int32_t day,
                                              const char **key)
{
    const struct cor_power_hours *best = NULL;
    int64_t best_n = 0;
    for (size_t i = 0; i < p->n_dates; i++) {
        const struct cor_power_dates *d = &p->dates[i];
        int64_t n = (int64_t)d->last - d->first + 1;
        if (day >= d->first && day <= d->last && (!best || n < best_n)) {
            best = &d->hours;
            best_n = n;
            *key = d->key;
        }
    }
    if (best)
        return best;
    unsigned bit = 1u << cor_weekday(day);
    for (size_t i = 0; i < p->n_days; i++) {
        const struct cor_power_days *d = &p->days[i];
        int n = __builtin_popcount(d->days);
        if ((d->days & bit) && (!best || n < best_n)) {
            best = &d->hours;
            best_n = n;
            *key = d->key;
        }
    }
    return best;
}

/* The lines that decide a day: its own, and the evening before's, which may run past midnight
 * ("18:00-02:00"). NULL where no line names the day. */
struct day_lines {
    const struct cor_power_hours *today, *eve;
    const char *today_key, *eve_key;
};

static void lines_of(const struct cor_power *p, int32_t day, struct day_lines *out)
{
    out->today_key = out->eve_key = NULL;
    out->today = line_for(p, day, &out->today_key);
    out->eve = line_for(p, day - 1, &out->eve_key);
}

/* Whether the lines L want the screen on at minute MOD of their day; *DECIDER and *KEY receive
 * the line that says so (NULL when no line names the day, and the screen is on all day). */
static bool on_in(const struct day_lines *l, int mod, const struct cor_power_hours **decider,
                  const char **key)
{
    for (size_t i = 0; l->eve && i < l->eve->n_on; i++)
        if (mod + COR_MINUTES_PER_DAY < l->eve->on[i].until_min) {
            *decider = l->eve;
            *key = l->eve_key;
            return true;
        }
    *decider = l->today;
    *key = l->today_key;
    if (!l->today)
        return true;
    for (size_t i = 0; i < l->today->n_on; i++)
        if (mod >= l->today->on[i].from_min && mod < l->today->on[i].until_min)
            return true;
    return false;
}

/* Writes "07:00-19:30", "07:00-12:00, 13:00-19:30", "on" or "off". */
static void describe_hours(const struct cor_power_hours *h, char *buf, size_t size)
{
    if (h->n_on == 0) {
        snprintf(buf, size, "off");
        return;
    }
    if (h->n_on == 1 && h->on[0].from_min == 0 && h->on[0].until_min == COR_MINUTES_PER_DAY) {
        snprintf(buf, size, "on");
        return;
    }
    cor_format_hours(h->on, h->n_on, buf, size);
    if (strlen(buf) + 1 >= size) {
        /* Too many ranges to list: how many, from the first start to the last end. */
        char a[16], b[16];
        cor_format_time(h->on[0].from_min, a, sizeof(a));
        cor_format_time(h->on[h->n_on - 1].until_min, b, sizeof(b));
        snprintf(buf, size, "%zu ranges of hours from %s to %s", h->n_on, a, b);
    }
}

/* The first minute after NOW at which P's answer differs from ON, or INT64_MAX. */
static cor_minute next_change(const struct cor_power *p, cor_minute now, bool on)
{
    int32_t first = day_of(now);
    for (int32_t day = first; day <= first + LOOK_AHEAD_DAYS; day++) {
        /* The answer changes only at midnight and where a window of this day, or one of the
         * evening before running past midnight, opens or closes. */
        struct day_lines l;
        lines_of(p, day, &l);
        int cand[1 + 3 * COR_POWER_MAX_RANGES];
        size_t n = 0;
        cand[n++] = 0;
        for (size_t i = 0; l.today && i < l.today->n_on && i < COR_POWER_MAX_RANGES; i++) {
            cand[n++] = l.today->on[i].from_min;
            if (l.today->on[i].until_min <= COR_MINUTES_PER_DAY)
                cand[n++] = l.today->on[i].until_min;
        }
        for (size_t i = 0; l.eve && i < l.eve->n_on && i < COR_POWER_MAX_RANGES; i++)
            if (l.eve->on[i].until_min > COR_MINUTES_PER_DAY)
                cand[n++] = l.eve->on[i].until_min - COR_MINUTES_PER_DAY;
        cor_minute base = (cor_minute)day * COR_MINUTES_PER_DAY, best = INT64_MAX;
        for (size_t i = 0; i < n; i++) {
            const struct cor_power_hours *d;
            const char *key;
            /* A window ending at midnight ends where the next day begins, and is asked there. */
            cor_minute m = base + cand[i];
            if (cand[i] < COR_MINUTES_PER_DAY && m > now && m < best &&
                on_in(&l, cand[i], &d, &key) != on)
                best = m;
        }
        if (best != INT64_MAX)
            return best;
    }
    return INT64_MAX;
}

void cor_power_plan_civil(const struct cor_playlist *playlist, const char *screen, cor_minute now,
                          bool clock_trusted, struct cor_power_civil_plan *out)
{
    out->want = COR_POWER_WANT_ON;
    out->next_change = INT64_MAX;
    const struct cor_power *p = cor_power_for_screen(playlist, screen);
    if (!p) {
        snprintf(out->why, sizeof(out->why), "screen on (%s)",
                 playlist->n_power ? "the power schedule is for other screens"
                                   : "no power schedule");
        return;
    }
    if (!clock_trusted) {
        snprintf(out->why, sizeof(out->why),
                 "screen on (the clock is not set yet; the power schedule waits for it)");
        return;
    }
    const struct cor_power_hours *decider;
    const char *key;
    struct day_lines l;
    lines_of(p, day_of(now), &l);
    bool on = on_in(&l, (int)(now - (cor_minute)day_of(now) * COR_MINUTES_PER_DAY), &decider, &key);
    out->want = on ? COR_POWER_WANT_ON : COR_POWER_WANT_OFF;
    out->next_change = next_change(p, now, on);
    if (!decider) {
        char date[64];
        cor_format_date(day_of(now), date, sizeof(date));
        snprintf(out->why, sizeof(out->why),
                 "screen on (power: no hours for %s, so on all day)", date);
        return;
    }
    char hours[72]; /* with the key, what fits in why */
    describe_hours(decider, hours, sizeof(hours));
    snprintf(out->why, sizeof(out->why), "screen %s (power: %.64s %s)", on ? "on" : "off", key,
             hours);
}

void cor_power_describe_next(const struct cor_power_civil_plan *plan, char *buf, size_t size)
{
    bool on = plan->want == COR_POWER_WANT_ON;
    if (plan->next_change == INT64_MAX) {
        snprintf(buf, size, "it stays %s", on ? "on" : "off");
        return;
    }
    char date[64], time_s[16];
    cor_format_date(day_of(plan->next_change), date, sizeof(date));
    cor_format_time((int)(plan->next_change - (cor_minute)day_of(plan->next_change) *
                                                  COR_MINUTES_PER_DAY),
                    time_s, sizeof(time_s));
    snprintf(buf, size, "it %s at %s on %s", on ? "goes off" : "comes on", time_s, date);
}
