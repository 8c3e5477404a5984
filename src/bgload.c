/* bgload.c: a playlist read and checked on a thread of its own, handed back through an eventfd. */
#include "bgload.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "log.h"

#define TAG "bgload"

struct cor_bgload {
    int fd; /* eventfd: written once by the thread when its load is done */
    pthread_t thread;
    bool running; /* a thread was started and not yet joined */
    /* Owned by the thread while it runs, by the caller after the join. */
    char *path;
    struct cor_load_options opts;
    struct cor_diags diags;
    struct cor_playlist *result;
};

struct cor_bgload *cor_bgload_create(void)
{
    struct cor_bgload *b = calloc(1, sizeof(*b));
    if (!b) {
        LOG_ERR(TAG, "out of memory; playlists load on the drawing thread");
        return NULL;
    }
    b->fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (b->fd < 0) {
        cor_log_errno(COR_LOG_WARNING, TAG, "no eventfd; playlists load on the drawing thread");
        free(b);
        return NULL;
    }
    cor_diags_init(&b->diags);
    return b;
}

static void join(struct cor_bgload *b)
{
    if (!b->running)
        return;
    int err = pthread_join(b->thread, NULL);
    if (err != 0)
        LOG_ERR(TAG, "waiting for the loading thread: %s", strerror(err));
    b->running = false;
    uint64_t count;
    while (read(b->fd, &count, sizeof(count)) < 0 && errno == EINTR)
        ;
}

void cor_bgload_free(struct cor_bgload *b)
{
    if (!b)
        return;
    join(b);
    cor_playlist_free(b->result);
    cor_diags_free(&b->diags);
    free(b->path);
    if (close(b->fd) != 0)
        cor_log_errno(COR_LOG_WARNING, TAG, "closing the eventfd");
    free(b);
}

int cor_bgload_fd(const struct cor_bgload *b)
{
    return b->fd;
}

bool cor_bgload_busy(const struct cor_bgload *b)
{
    return b->running;
}

static void *run(void *arg)
{
    struct cor_bgload *b = arg;
    b->result = cor_playlist_load(b->path, &b->opts, &b->diags);
    uint64_t one = 1;
    while (write(b->fd, &one, sizeof(one)) < 0 && errno == EINTR)
        ;
    return NULL;
}

bool cor_bgload_start(struct cor_bgload *b, const char *path, const struct cor_load_options *opts)
{
    if (b->running)
        return false;
    free(b->path);
    b->path = strdup(path);
    if (!b->path) {
        LOG_ERR(TAG, "out of memory");
        return false;
    }
    b->opts = *opts;
    b->result = NULL;
    cor_diags_free(&b->diags);
    cor_diags_init(&b->diags);
    int err = pthread_create(&b->thread, NULL, run, b);
    if (err != 0) {
        LOG_ERR(TAG, "cannot start a loading thread: %s", strerror(err));
        return false;
    }
    b->running = true;
    return true;
}

bool cor_bgload_finish(struct cor_bgload *b, struct cor_playlist **playlist,
                       struct cor_diags *diags)
{
    uint64_t count;
    if (!b->running || read(b->fd, &count, sizeof(count)) != (ssize_t)sizeof(count))
        return false;
    int err = pthread_join(b->thread, NULL);
    if (err != 0)
        LOG_ERR(TAG, "waiting for the loading thread: %s", strerror(err));
    b->running = false;
    *playlist = b->result;
    b->result = NULL;
    *diags = b->diags;
    cor_diags_init(&b->diags);
    return true;
}
