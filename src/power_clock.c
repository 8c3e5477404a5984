/* power_clock.c: the power schedule at a real time: unix seconds to the playlist's civil time
 * and back, through its time zone (the only part of the power schedule that reads zone files). */
#include <string.h>

#include "clock.h"
#include "power_schedule.h"

void cor_power_plan_at(const struct cor_playlist *playlist, const char *screen, int64_t now,
                       bool clock_trusted, struct cor_power_plan *out)
{
    struct cor_power_civil_plan civil;
    cor_minute m = cor_clock_civil((time_t)now, playlist->timezone);
    cor_power_plan_civil(playlist, screen, m, clock_trusted, &civil);
    out->want = civil.want;
    memcpy(out->why, civil.why, sizeof(out->why));
    out->next_change = INT64_MAX;
    if (civil.next_change == INT64_MAX)
        return;
    int64_t t = (int64_t)cor_clock_from_civil(civil.next_change, playlist->timezone);
    /* In the hour the clocks go back over, the change minute may have passed once already: it
     * comes again that far ahead. */
    if (t <= now)
        t = now + (civil.next_change - m) * 60 - (now % 60 + 60) % 60;
    out->next_change = t;
}
