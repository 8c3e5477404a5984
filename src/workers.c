/* workers.c: a few threads taking jobs from a shared counter until none are left. The threads
 * live only for one call: corridor has work for them at load time, not while it plays. They are
 * SDL's threads, so that what SDL keeps per thread (its error message) is freed when they end. */
#include "workers.h"

#include <SDL.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <unistd.h>

struct run {
    size_t n;
    atomic_size_t next;
    void (*job)(void *ctx, size_t i);
    void *ctx;
};

/* Set while this thread runs jobs: a job that has jobs of its own runs them itself, rather than
 * start threads from threads. */
static _Thread_local bool in_job;

static int work(void *arg)
{
    struct run *r = arg;
    bool was = in_job;
    in_job = true;
    for (;;) {
        size_t i = atomic_fetch_add(&r->next, 1);
        if (i >= r->n)
            break;
        r->job(r->ctx, i);
    }
    in_job = was;
    return 0;
}

unsigned cor_workers_run(size_t n, void (*job)(void *ctx, size_t i), void *ctx, unsigned threads)
{
    if (threads == 0) {
        long cores = sysconf(_SC_NPROCESSORS_ONLN);
        threads = cores < 1 ? 1u : cores > COR_WORKERS_MAX ? COR_WORKERS_MAX : (unsigned)cores;
    }
    if (threads > COR_WORKERS_MAX)
        threads = COR_WORKERS_MAX;
    if (in_job)
        threads = 1;
    if (threads > n)
        threads = n > 0 ? (unsigned)n : 1u;
    struct run r = {.n = n, .job = job, .ctx = ctx};
    atomic_init(&r.next, 0);
    SDL_Thread *helpers[COR_WORKERS_MAX];
    unsigned started = 0;
    for (unsigned t = 1; t < threads; t++) {
        helpers[started] = SDL_CreateThread(work, "corridor-work", &r);
        if (!helpers[started])
            break;
        started++;
    }
    work(&r);
    for (unsigned t = 0; t < started; t++)
        SDL_WaitThread(helpers[t], NULL);
    return started + 1;
}
