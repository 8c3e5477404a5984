/* timebase.h: the player's clocks: a monotonic timeline for intervals and a wall clock on top of
 * it, both of which a test may run faster than real time or start at a chosen moment. */
#pragma once

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

/* The player keeps two kinds of time. Real time (CLOCK_MONOTONIC, nanoseconds) paces things
 * that happen in the world: debouncing file events, the stat poll, the watchdog, frames.
 * Simulated time (milliseconds since the player started, RATE times real time) paces the
 * playlist: slide durations, transitions, and the wall clock the schedule reads. */
struct cor_timebase {
    double rate;          /* simulated seconds per real second (1 in production) */
    int64_t origin_ns;    /* real monotonic time at start */
    bool simulated;       /* the wall clock is wall_base_ms + simulated time, never read */
    int64_t wall_base_ms; /* wall clock (ms since the epoch) at simulated time 0 */
};

/* Starts the clocks now. HAS_NOW: the wall clock starts at NOW instead of the system's. RATE
 * (<= 0 means 1) runs simulated time faster; a rate other than 1 also makes the wall clock
 * simulated (starting at NOW or at the system's time). */
void cor_timebase_init(struct cor_timebase *tb, bool has_now, time_t now, double rate);

/* Real monotonic time in nanoseconds. */
int64_t cor_timebase_real_ns(void);

/* Simulated milliseconds at real monotonic time REAL_NS. */
int64_t cor_timebase_sim_ms(const struct cor_timebase *tb, int64_t real_ns);

/* The first real monotonic time at which simulated time reaches SIM_MS. */
int64_t cor_timebase_real_of_sim(const struct cor_timebase *tb, int64_t sim_ms);

/* Wall clock, in ms since the epoch, at simulated time SIM_MS. */
int64_t cor_timebase_wall_ms(const struct cor_timebase *tb, int64_t sim_ms);

/* Simulated time at which the wall clock shows WALL_MS. */
int64_t cor_timebase_sim_of_wall(const struct cor_timebase *tb, int64_t wall_ms);

/* Re-reads the system's wall clock against the monotonic one (a no-op when simulated). Returns
 * true when the wall clock has jumped by more than 2 seconds since the last call: the system
 * clock was set (by NTP after a boot without a real-time clock, or by hand). */
bool cor_timebase_resync(struct cor_timebase *tb, int64_t real_ns);
