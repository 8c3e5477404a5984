/* frames.h: the timing of a transition's frames, kept pure (time is a parameter) so it is tested
 * without a screen: when each frame is due, on a grid of the display's refresh period that
 * starts at the first frame, and how long each frame took to make. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

/* When a transition's frames are due. */
struct cor_frame_clock {
    int64_t period_ns; /* the display's refresh period */
    int64_t t0_ns;     /* the first frame; meaningful once started */
    bool started;
};

/* Readies C for a transition at PERIOD_NS a frame (a period of 0 or less: 60 Hz). Its grid
 * starts at the first frame marked, so time spent drawing the arriving page beforehand is not
 * taken from the transition. */
void cor_frame_clock_reset(struct cor_frame_clock *c, int64_t period_ns);
/* Notes a frame made at NOW_NS; the first one starts the grid. */
void cor_frame_clock_mark(struct cor_frame_clock *c, int64_t now_ns);
/* When the frame after NOW_NS is due: the next point of the grid after NOW_NS (a frame that ran
 * late skips the points it missed instead of hurrying to catch up), or NOW_NS before the first
 * frame. */
int64_t cor_frame_clock_next(const struct cor_frame_clock *c, int64_t now_ns);

/* How long frames took to make (compose and present), as a histogram of 0.1 ms steps. */
#define COR_FRAME_BUCKETS 1000 /* up to 100 ms; longer ones are counted as the worst */

struct cor_frame_stats {
    uint32_t buckets[COR_FRAME_BUCKETS];
    unsigned long n;
    int64_t worst_ns;
};

void cor_frame_stats_add(struct cor_frame_stats *s, int64_t ns);
/* The Q quantile (0..1) of the frames counted, in ms (to 0.1 ms; the worst for the last
 * bucket); 0 when none was counted. */
double cor_frame_stats_quantile_ms(const struct cor_frame_stats *s, double q);
