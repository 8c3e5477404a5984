/* loop.h: the player's one place to sleep: poll() on its own descriptors (signals, a deadline
 * timer, a wall-clock-set timer, file events) until the earliest deadline. */
#pragma once

#include <stdint.h>

/* What woke the loop; several may be set at once. */
enum {
    COR_WAKE_STOP = 1 << 0,      /* SIGTERM or SIGINT */
    COR_WAKE_RELOAD = 1 << 1,    /* SIGHUP */
    COR_WAKE_SHOT = 1 << 2,      /* SIGUSR1 */
    COR_WAKE_FILES = 1 << 3,     /* the file-watch descriptor is readable */
    COR_WAKE_CLOCK_SET = 1 << 4, /* someone set the system's wall clock */
    COR_WAKE_LOADED = 1 << 5,    /* the load descriptor is readable: a playlist load finished */
    COR_WAKE_URGENT = 1 << 6,    /* the urgent notice's watch descriptor is readable */
};

struct cor_loop;

/* Blocks SIGTERM, SIGINT, SIGHUP and SIGUSR1 for this thread (so call it before any thread is
 * started: SDL's inherit the mask) and opens the descriptors. WATCH_FD (-1: none) is polled
 * too. Returns NULL when a descriptor cannot be made (logged); the mask is then restored. */
struct cor_loop *cor_loop_create(int watch_fd);
/* Polls URGENT_FD (-1: none) too: the watch on the urgent notice's files, kept apart from the
 * playlist's so that a notice never waits for a reload. */
void cor_loop_set_urgent_fd(struct cor_loop *l, int urgent_fd);
/* Polls LOAD_FD (-1: none) too, for COR_WAKE_LOADED; the caller keeps it open. */
void cor_loop_set_load_fd(struct cor_loop *l, int load_fd);
/* Closes the descriptors and restores the signal mask. Accepts NULL. */
void cor_loop_free(struct cor_loop *l);

/* Sleeps until real monotonic time DEADLINE_NS (INT64_MAX: no deadline) or until something
 * above happens; returns the COR_WAKE_* bits (0 for the deadline alone). */
unsigned cor_loop_wait(struct cor_loop *l, int64_t deadline_ns);

/* How many times cor_loop_wait has returned. */
unsigned long cor_loop_wakeups(const struct cor_loop *l);
