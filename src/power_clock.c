/* power_clock.c: the power schedule at a real time: unix seconds to the playlist's civil time
 * and back, through its time zone (the only part of the power schedule that reads zone files). */
#include <string.h>

#include "clock.h"
#include "power_schedule.h"

static int64_t floor_div(int64_t a, int64_t b)
{
    return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* The zone's offset from UTC at T, in minutes. */
static int64_t offset_at(int64_t t, const char *zone)
{
    return cor_clock_civil((time_t)t, zone) - floor_div(t, 60);
}

/* The real time at which civil minute M next begins after T, seen from civil minute NOW_M at T:
 * in the hour the clocks go back over, a minute that has passed once comes again. */
static int64_t real_of(cor_minute m, int64_t t, cor_minute now_m, const char *zone)
{
    int64_t r = (int64_t)cor_clock_from_civil(m, zone);
    if (r <= t)
        r = t + (m - now_m) * 60 - (t - floor_div(t, 60) * 60);
    return r;
}

void cor_power_plan_at(const struct cor_playlist *playlist, const char *screen, int64_t now,
                       bool clock_trusted, struct cor_power_plan *out)
{
    const char *zone = playlist->timezone;
    struct cor_power_civil_plan civil;
    cor_power_plan_civil(playlist, screen, cor_clock_civil((time_t)now, zone), clock_trusted,
                         &civil);
    out->want = civil.want;
    memcpy(out->why, civil.why, sizeof(out->why));
    out->next_change = INT64_MAX;
    /* The schedule changes at a civil minute; between now and then the clocks may change, and
     * the wall clock go back over an hour or jump one: the answer is asked again at each such
     * change, until it differs. */
    int64_t t = now;
    for (int i = 0; i < 8 && civil.next_change != INT64_MAX; i++) {
        cor_minute t_m = cor_clock_civil((time_t)t, zone);
        int64_t next = real_of(civil.next_change, t, t_m, zone), lo = t, hi = next;
        int64_t off = offset_at(lo, zone);
        if (offset_at(hi, zone) == off) {
            out->next_change = next;
            return;
        }
        while (hi - lo > 1) {
            int64_t mid = lo + (hi - lo) / 2;
            if (offset_at(mid, zone) == off)
                lo = mid;
            else
                hi = mid;
        }
        t = hi; /* the clocks change */
        cor_power_plan_civil(playlist, screen, cor_clock_civil((time_t)t, zone), clock_trusted,
                             &civil);
        if (civil.want != out->want) {
            out->next_change = t;
            return;
        }
    }
}
