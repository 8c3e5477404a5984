/* workers.h: running independent jobs side by side on the machine's cores. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

/* Most threads cor_workers_run uses, the caller's included. */
#define COR_WORKERS_MAX 4

/* Runs JOB(CTX, i) once for every i in [0, N), on up to THREADS threads (the caller's included;
 * 0: one per online core, at most COR_WORKERS_MAX), and returns when all have run. Jobs must be
 * independent of each other and may run in any order. Threads that cannot be started leave
 * their share to the others, so every job runs even then. Called from inside a job, it runs its
 * jobs on that job's thread alone. Returns how many threads ran jobs. */
unsigned cor_workers_run(size_t n, void (*job)(void *ctx, size_t i), void *ctx, unsigned threads);
