/* timebase.c: real and simulated time for the player, and detecting a step of the wall clock. */
#include "timebase.h"

#include <math.h>

/* A wall clock that moves this far against the monotonic one has been set, not slewed. */
#define COR_CLOCK_STEP_MS 2000

static int64_t read_clock_ns(clockid_t id)
{
    struct timespec ts;
    if (clock_gettime(id, &ts) != 0)
        return 0; /* cannot fail for these clocks on Linux */
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int64_t cor_timebase_real_ns(void)
{
    return read_clock_ns(CLOCK_MONOTONIC);
}

void cor_timebase_init(struct cor_timebase *tb, bool has_now, time_t now, double rate)
{
    tb->rate = rate > 0 ? rate : 1.0;
    tb->origin_ns = cor_timebase_real_ns();
    tb->simulated = has_now || tb->rate != 1.0;
    if (has_now)
        tb->wall_base_ms = (int64_t)now * 1000;
    else
        tb->wall_base_ms = read_clock_ns(CLOCK_REALTIME) / 1000000;
}

int64_t cor_timebase_sim_ms(const struct cor_timebase *tb, int64_t real_ns)
{
    double elapsed_ns = (double)(real_ns - tb->origin_ns);
    return (int64_t)floor(elapsed_ns * tb->rate / 1e6);
}

int64_t cor_timebase_real_of_sim(const struct cor_timebase *tb, int64_t sim_ms)
{
    double real_ns = ceil((double)sim_ms * 1e6 / tb->rate);
    return tb->origin_ns + (int64_t)real_ns;
}

int64_t cor_timebase_wall_ms(const struct cor_timebase *tb, int64_t sim_ms)
{
    return tb->wall_base_ms + sim_ms;
}

int64_t cor_timebase_sim_of_wall(const struct cor_timebase *tb, int64_t wall_ms)
{
    return wall_ms - tb->wall_base_ms;
}

bool cor_timebase_resync(struct cor_timebase *tb, int64_t real_ns)
{
    if (tb->simulated)
        return false;
    int64_t wall_ms = read_clock_ns(CLOCK_REALTIME) / 1000000;
    int64_t base = wall_ms - cor_timebase_sim_ms(tb, real_ns);
    int64_t moved = base - tb->wall_base_ms;
    tb->wall_base_ms = base;
    return moved > COR_CLOCK_STEP_MS || moved < -COR_CLOCK_STEP_MS;
}
