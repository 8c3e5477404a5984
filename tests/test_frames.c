/* test_frames.c: a transition's frames fall on a grid of the refresh period from the first
 * frame, skip what they missed, and their making times give the right quantiles. */
#include <stdio.h>

#include "check.h"
#include "frames.h"

#define MS 1000000LL

static void test_clock(void)
{
    struct cor_frame_clock c;
    cor_frame_clock_reset(&c, 0);
    CHECK_INT(c.period_ns, 16666666); /* 60 Hz when the display does not say */
    cor_frame_clock_reset(&c, 10 * MS);
    /* Before the first frame: due at once, however long the arriving page took to draw. */
    CHECK(cor_frame_clock_next(&c, 500 * MS) == 500 * MS);
    cor_frame_clock_mark(&c, 500 * MS);
    CHECK(cor_frame_clock_next(&c, 500 * MS) == 510 * MS);
    /* A frame made late still aims at the grid, not at its own time plus a period. */
    cor_frame_clock_mark(&c, 513 * MS);
    CHECK(cor_frame_clock_next(&c, 513 * MS) == 520 * MS);
    /* One that missed points skips them. */
    CHECK(cor_frame_clock_next(&c, 547 * MS) == 550 * MS);
    CHECK(cor_frame_clock_next(&c, 550 * MS) == 560 * MS);
    /* A clock read before the start (it cannot go back, but be safe) waits for the start. */
    CHECK(cor_frame_clock_next(&c, 400 * MS) == 500 * MS);
}

static void test_stats(void)
{
    struct cor_frame_stats s = {0};
    CHECK(cor_frame_stats_quantile_ms(&s, 0.99) == 0);
    for (int i = 0; i < 98; i++)
        cor_frame_stats_add(&s, 5 * MS + 20000); /* 5.02 ms */
    cor_frame_stats_add(&s, 12 * MS);
    cor_frame_stats_add(&s, 250 * MS); /* beyond the histogram */
    CHECK_INT(s.n, 100);
    printf("median %.2f, p99 %.2f, worst %.2f\n", cor_frame_stats_quantile_ms(&s, 0.5),
           cor_frame_stats_quantile_ms(&s, 0.99), cor_frame_stats_quantile_ms(&s, 1));
    CHECK(cor_frame_stats_quantile_ms(&s, 0.5) > 5.0 &&
          cor_frame_stats_quantile_ms(&s, 0.5) <= 5.11);
    CHECK(cor_frame_stats_quantile_ms(&s, 0.99) > 11.9 &&
          cor_frame_stats_quantile_ms(&s, 0.99) <= 12.11);
    CHECK(cor_frame_stats_quantile_ms(&s, 1) == 250.0);
    cor_frame_stats_add(&s, -3); /* a clock that went back counts as no time */
    CHECK_INT(s.buckets[0], 1);
}

int main(void)
{
    test_clock();
    test_stats();
    return CHECK_DONE();
}
