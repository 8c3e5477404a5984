/* memo.c: which picture files decoded before, as they were on disk then, so that a reload
 * decodes only what changed. One memo for the whole program: a playlist loaded beside the one
 * playing finds what that one checked. */
#include "memo.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* How many checked pictures are remembered; the one unused longest is forgotten first. */
#define MEMO_SIZE 256
/* A file changed this recently is not remembered: a second change within the file system's
 * timestamp granularity (2 s on a FAT memory stick) could leave its stat as it was. */
#define MEMO_SETTLED_NS 2000000000LL

/* A picture file that decoded, as it was on disk when it was read. */
struct memo_entry {
    char *path; /* NULL: a free place */
    dev_t dev;
    ino_t ino;
    off_t size;
    struct timespec mtim, ctim;
    int max_w, max_h; /* the box it was decoded to cover */
    int w, h;         /* its decoded size */
    unsigned long used;
};

static struct memo_entry memo[MEMO_SIZE];
static unsigned long memo_clock;

static bool same_time(struct timespec a, struct timespec b)
{
    return a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec;
}

static bool same_file(const struct memo_entry *e, const struct stat *st)
{
    return e->dev == st->st_dev && e->ino == st->st_ino && e->size == st->st_size &&
           same_time(e->mtim, st->st_mtim) && same_time(e->ctim, st->st_ctim);
}

/* What the memo holds of PATH decoded for MAX_W x MAX_H, or NULL. */
static struct memo_entry *memo_lookup(const char *path, int max_w, int max_h)
{
    for (size_t i = 0; i < MEMO_SIZE; i++) {
        struct memo_entry *e = &memo[i];
        if (e->path && e->max_w == max_w && e->max_h == max_h && strcmp(e->path, path) == 0)
            return e;
    }
    return NULL;
}

bool cor_memo_find(const char *path, int max_w, int max_h, int *w, int *h, struct stat *st)
{
    struct stat now;
    struct memo_entry *e = memo_lookup(path, max_w, max_h);
    if (!e || stat(path, &now) != 0 || !same_file(e, &now))
        return false;
    e->used = ++memo_clock;
    *w = e->w;
    *h = e->h;
    if (st)
        *st = now;
    return true;
}

/* The place to remember PATH decoded for MAX_W x MAX_H: where it was remembered before, else a
 * free place, else the one unused longest. */
static struct memo_entry *memo_place(const char *path, int max_w, int max_h)
{
    struct memo_entry *e = memo_lookup(path, max_w, max_h);
    if (e)
        return e;
    e = &memo[0];
    for (size_t i = 1; i < MEMO_SIZE && e->path; i++)
        if (!memo[i].path || memo[i].used < e->used)
            e = &memo[i];
    return e;
}

/* True when ST's file last changed long enough ago that a further change will show in its stat.
 * A clock behind the file's time counts as too recent: such a file is decoded every time. */
static bool settled(const struct stat *st)
{
    struct timespec now;
    if (clock_gettime(CLOCK_REALTIME, &now) != 0)
        return false;
    long long age = ((long long)now.tv_sec - st->st_ctim.tv_sec) * 1000000000LL +
                    (now.tv_nsec - st->st_ctim.tv_nsec);
    return age >= MEMO_SETTLED_NS;
}

void cor_memo_remember(const char *path, const struct stat *st, int max_w, int max_h, int w, int h)
{
    if (!settled(st))
        return;
    struct memo_entry *e = memo_place(path, max_w, max_h);
    char *copy = e->path && strcmp(e->path, path) == 0 ? e->path : strdup(path);
    if (!copy)
        return;
    if (copy != e->path)
        free(e->path);
    *e = (struct memo_entry){.path = copy,
                             .dev = st->st_dev,
                             .ino = st->st_ino,
                             .size = st->st_size,
                             .mtim = st->st_mtim,
                             .ctim = st->st_ctim,
                             .max_w = max_w,
                             .max_h = max_h,
                             .w = w,
                             .h = h,
                             .used = ++memo_clock};
}

void cor_memo_clear(void)
{
    for (size_t i = 0; i < MEMO_SIZE; i++)
        free(memo[i].path);
    memset(memo, 0, sizeof(memo));
    memo_clock = 0;
}
