/* test_workers: every job runs exactly once, whatever the number of threads and jobs. */
#include <stddef.h>
#include <stdlib.h>

#include "check.h"
#include "workers.h"

struct tally {
    unsigned char *runs;
    size_t n;
};

static void count(void *ctx, size_t i)
{
    struct tally *t = ctx;
    if (i < t->n)
        t->runs[i]++; /* each index is one job: no two threads write the same byte */
}

static void run(size_t n, unsigned threads)
{
    struct tally t = {calloc(n ? n : 1, 1), n};
    CHECK(t.runs != NULL);
    if (!t.runs)
        return;
    unsigned used = cor_workers_run(n, count, &t, threads);
    CHECK(used >= 1 && used <= COR_WORKERS_MAX);
    if (threads > 0 && n >= threads)
        CHECK_INT(used, threads > COR_WORKERS_MAX ? COR_WORKERS_MAX : threads);
    size_t wrong = 0;
    for (size_t i = 0; i < n; i++)
        wrong += t.runs[i] != 1;
    CHECK_MSG(wrong == 0, "%zu of %zu jobs did not run exactly once (%u threads)", wrong, n,
              threads);
    free(t.runs);
}

int main(void)
{
    run(0, 0);
    run(1, 0);
    run(3, 8); /* more threads asked for than jobs */
    run(10000, 1);
    run(10000, 2);
    run(10000, 0);
    run(100000, COR_WORKERS_MAX + 3);
    return CHECK_DONE();
}
