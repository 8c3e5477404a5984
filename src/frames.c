/* frames.c: when a transition's frames are due, and how long they took to make. */
#include "frames.h"

#include <math.h>

#define NS_PER_S   1000000000LL
#define NS_PER_BIN 100000LL /* 0.1 ms */

void cor_frame_clock_reset(struct cor_frame_clock *c, int64_t period_ns)
{
    c->period_ns = period_ns > 0 ? period_ns : NS_PER_S / 60;
    c->t0_ns = 0;
    c->started = false;
}

void cor_frame_clock_mark(struct cor_frame_clock *c, int64_t now_ns)
{
    if (!c->started) {
        c->t0_ns = now_ns;
        c->started = true;
    }
}

int64_t cor_frame_clock_next(const struct cor_frame_clock *c, int64_t now_ns)
{
    if (!c->started || now_ns < c->t0_ns)
        return c->started ? c->t0_ns : now_ns;
    int64_t k = (now_ns - c->t0_ns) / c->period_ns + 1;
    return c->t0_ns + k * c->period_ns;
}

void cor_frame_stats_add(struct cor_frame_stats *s, int64_t ns)
{
    if (ns < 0)
        ns = 0;
    int64_t bin = ns / NS_PER_BIN;
    s->buckets[bin < COR_FRAME_BUCKETS ? bin : COR_FRAME_BUCKETS - 1]++;
    s->n++;
    if (ns > s->worst_ns)
        s->worst_ns = ns;
}

double cor_frame_stats_quantile_ms(const struct cor_frame_stats *s, double q)
{
    if (s->n == 0)
        return 0;
    if (q < 0)
        q = 0;
    if (q > 1)
        q = 1;
    /* The smallest bucket holding at least the Q share of the frames (nearest rank). */
    unsigned long rank = (unsigned long)ceil(q * (double)s->n);
    if (rank < 1)
        rank = 1;
    unsigned long seen = 0;
    for (int i = 0; i < COR_FRAME_BUCKETS - 1; i++) {
        seen += s->buckets[i];
        if (seen >= rank) {
            /* The bucket's upper edge, but never above the worst frame seen. */
            double ms = (double)(i + 1) * NS_PER_BIN / 1e6;
            double worst = (double)s->worst_ns / 1e6;
            return ms < worst ? ms : worst;
        }
    }
    return (double)s->worst_ns / 1e6;
}
