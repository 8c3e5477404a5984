/* playlog.c: the play log: a line per page shown, appended when the page comes down, rotated by
 * size, synced seldom (SD cards wear). */
#include "playlog.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "status.h"

#define TAG "playlog"

struct cor_playlog {
    char *path;
    int fd;
    long max_bytes;
    int files;
    long size; /* of the file open now */
    unsigned long syncs;
    int64_t synced_ms; /* MONO when the file was last synced */
    bool dirty;        /* lines written since */
    bool started;      /* a page was shown: synced_ms counts from it */

    bool holding; /* a page is up */
    struct cor_play held;
    char *screen, *type, *title; /* held's strings (owned) */
    int64_t held_wall_ms, held_mono_ms;
};

static int open_file(const char *path, long *size)
{
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        cor_log_errno(COR_LOG_ERROR, TAG, "cannot open the play log %s", path);
        return -1;
    }
    struct stat st;
    *size = fstat(fd, &st) == 0 ? (long)st.st_size : 0;
    return fd;
}

struct cor_playlog *cor_playlog_open(const char *path, long max_bytes, int files)
{
    struct cor_playlog *log = calloc(1, sizeof(*log));
    if (!log || !(log->path = strdup(path))) {
        LOG_ERR(TAG, "out of memory opening the play log");
        free(log);
        return NULL;
    }
    log->max_bytes = max_bytes > 0 ? max_bytes : COR_PLAYLOG_MAX_BYTES;
    log->files = files > 0 ? files : COR_PLAYLOG_FILES;
    log->fd = open_file(path, &log->size);
    if (log->fd < 0) {
        free(log->path);
        free(log);
        return NULL;
    }
    return log;
}

static void sync_file(struct cor_playlog *log, int64_t mono_ms)
{
    if (log->fd < 0 || !log->dirty)
        return;
    if (fdatasync(log->fd) != 0)
        cor_log_errno(COR_LOG_WARNING, TAG, "cannot sync the play log %s", log->path);
    log->syncs++;
    log->synced_ms = mono_ms;
    log->dirty = false;
}

/* FILE.N-1 becomes FILE.N, ..., FILE becomes FILE.1 (the oldest, FILE.FILES-1, replaced), and a
 * new FILE is opened. */
static void rotate(struct cor_playlog *log, int64_t mono_ms)
{
    sync_file(log, mono_ms);
    close(log->fd);
    log->fd = -1;
    char from[PATH_MAX], to[PATH_MAX];
    for (int n = log->files - 1; n >= 1; n--) {
        int a = n == 1 ? snprintf(from, sizeof(from), "%s", log->path)
                       : snprintf(from, sizeof(from), "%s.%d", log->path, n - 1);
        int b = snprintf(to, sizeof(to), "%s.%d", log->path, n);
        if (a < 0 || b < 0 || (size_t)a >= sizeof(from) || (size_t)b >= sizeof(to)) {
            LOG_ERR(TAG, "the play log's name %s is too long to rotate", log->path);
            continue;
        }
        if (rename(from, to) != 0 && errno != ENOENT)
            cor_log_errno(COR_LOG_WARNING, TAG, "cannot rename %s to %s", from, to);
    }
    if (log->files == 1 && unlink(log->path) != 0 && errno != ENOENT)
        cor_log_errno(COR_LOG_WARNING, TAG, "cannot remove %s", log->path);
    log->fd = open_file(log->path, &log->size);
}

static bool write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        p += w;
        n -= (size_t)w;
    }
    return true;
}

/* The held page's line, written whole in one write(): it comes down at MONO_MS. */
static bool write_held(struct cor_playlog *log, int64_t mono_ms)
{
    struct cor_buf b = {0};
    char when[40];
    cor_format_utc(log->held_wall_ms, when, sizeof(when));
    cor_buf_puts(&b, "{\"time\": ");
    cor_buf_json_string(&b, when);
    cor_buf_puts(&b, ", \"screen\": ");
    cor_buf_json_string(&b, log->screen);
    cor_buf_printf(&b, ", \"slide\": %d, \"type\": ", log->held.slide_index);
    cor_buf_json_string(&b, log->type);
    cor_buf_puts(&b, ", \"title\": ");
    cor_buf_json_string(&b, log->title);
    int64_t ms = mono_ms - log->held_mono_ms;
    cor_buf_printf(&b, ", \"page\": %d, \"seconds\": %.3f, \"playlist_hash\": ", log->held.page,
                   ms > 0 ? (double)ms / 1000.0 : 0.0);
    if (log->held.hash)
        cor_buf_printf(&b, "\"%016" PRIx64 "\"}\n", log->held.hash);
    else
        cor_buf_puts(&b, "null}\n");
    if (b.failed) {
        cor_buf_free(&b);
        LOG_ERR(TAG, "out of memory writing the play log");
        return false;
    }
    if (log->fd < 0) /* it could not be opened again after rotating: try once more */
        log->fd = open_file(log->path, &log->size);
    else if (log->size > 0 && log->size + (long)b.len > log->max_bytes)
        rotate(log, mono_ms);
    bool ok = log->fd >= 0 && write_all(log->fd, b.data, b.len);
    if (ok) {
        log->size += (long)b.len;
        log->dirty = true;
        if (mono_ms - log->synced_ms >= COR_PLAYLOG_SYNC_MS)
            sync_file(log, mono_ms);
    } else if (log->fd >= 0) {
        cor_log_errno(COR_LOG_ERROR, TAG, "cannot write the play log %s", log->path);
    }
    cor_buf_free(&b);
    return ok;
}

static void drop_held(struct cor_playlog *log)
{
    free(log->screen);
    free(log->type);
    free(log->title);
    log->screen = log->type = log->title = NULL;
    log->holding = false;
}

static bool same_text(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static bool same_page(const struct cor_playlog *log, const struct cor_play *p)
{
    return log->holding && p->since_ms == log->held.since_ms &&
           p->slide_index == log->held.slide_index && p->page == log->held.page &&
           p->hash == log->held.hash && same_text(p->type, log->type) &&
           same_text(p->title, log->title) && same_text(p->screen, log->screen);
}

static char *copy(const char *s, bool *oom)
{
    if (!s)
        return NULL;
    char *c = strdup(s);
    if (!c)
        *oom = true;
    return c;
}

bool cor_playlog_show(struct cor_playlog *log, const struct cor_play *p, int64_t wall_ms,
                      int64_t mono_ms)
{
    if (!log || (p && same_page(log, p)))
        return true;
    if (!log->started) {
        log->started = true;
        log->synced_ms = mono_ms;
    }
    bool ok = !log->holding || write_held(log, mono_ms);
    drop_held(log);
    if (!p)
        return ok;
    bool oom = false;
    log->screen = copy(p->screen, &oom);
    log->type = copy(p->type, &oom);
    log->title = copy(p->title, &oom);
    if (oom) {
        LOG_ERR(TAG, "out of memory; this page is left out of the play log");
        drop_held(log);
        return false;
    }
    log->held = *p;
    log->held.screen = log->held.type = log->held.title = NULL;
    log->held_wall_ms = wall_ms;
    log->held_mono_ms = mono_ms;
    log->holding = true;
    return ok;
}

void cor_playlog_close(struct cor_playlog *log, int64_t mono_ms)
{
    if (!log)
        return;
    if (log->holding)
        write_held(log, mono_ms);
    drop_held(log);
    sync_file(log, mono_ms);
    if (log->fd >= 0 && close(log->fd) != 0)
        cor_log_errno(COR_LOG_WARNING, TAG, "cannot close the play log %s", log->path);
    free(log->path);
    free(log);
}

unsigned long cor_playlog_syncs(const struct cor_playlog *log)
{
    return log ? log->syncs : 0;
}
