/* status.c: the status file as JSON, written with a temporary file and rename(). */
#include "status.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "drm.h"
#include "utf8.h"
#include "log.h"

#define TAG "status"

void cor_buf_free(struct cor_buf *b)
{
    free(b->data);
    memset(b, 0, sizeof(*b));
}

static bool reserve(struct cor_buf *b, size_t extra)
{
    if (b->failed)
        return false;
    if (extra > SIZE_MAX / 2 - b->len) {
        b->failed = true;
        return false;
    }
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < need)
        cap *= 2;
    char *grown = realloc(b->data, cap);
    if (!grown) {
        b->failed = true;
        return false;
    }
    b->data = grown;
    b->cap = cap;
    return true;
}

void cor_buf_append(struct cor_buf *b, const char *s, size_t n)
{
    if (!reserve(b, n))
        return;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void cor_buf_puts(struct cor_buf *b, const char *s)
{
    cor_buf_append(b, s, strlen(s));
}

void cor_buf_printf(struct cor_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || !reserve(b, (size_t)n)) {
        b->failed = true;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void cor_buf_json_string(struct cor_buf *b, const char *s)
{
    if (!s) {
        cor_buf_puts(b, "null");
        return;
    }
    cor_buf_puts(b, "\"");
    const unsigned char *p = (const unsigned char *)s, *end = p + strlen(s);
    while (*p) {
        unsigned char c = *p;
        if (c == '"' || c == '\\') {
            char esc[2] = {'\\', (char)c};
            cor_buf_append(b, esc, 2);
            p++;
        } else if (c < 0x20 || c == 0x7f) {
            const char *named = c == '\n' ? "\\n" : c == '\t' ? "\\t" : c == '\r' ? "\\r" : NULL;
            if (named)
                cor_buf_puts(b, named);
            else
                cor_buf_printf(b, "\\u%04x", c);
            p++;
        } else {
            size_t n = cor_utf8_length(p, end);
            if (n == 0) {
                cor_buf_puts(b, "\xef\xbf\xbd");
                p++;
            } else {
                cor_buf_append(b, (const char *)p, n);
                p += n;
            }
        }
    }
    cor_buf_puts(b, "\"");
}

void cor_format_utc(int64_t wall_ms, char *buf, size_t size)
{
    int64_t ms = ((wall_ms % 1000) + 1000) % 1000;
    time_t secs = (time_t)((wall_ms - ms) / 1000);
    struct tm tm;
    if (!gmtime_r(&secs, &tm)) {
        snprintf(buf, size, "?");
        return;
    }
    size_t n = strftime(buf, size, "%Y-%m-%dT%H:%M:%S", &tm);
    if (n == 0) {
        snprintf(buf, size, "?");
        return;
    }
    snprintf(buf + n, size - n, ".%03dZ", (int)ms);
}

int cor_atomic_begin(const char *path, char *tmp, size_t tmp_size)
{
    const char *slash = strrchr(path, '/');
    int dir_len = slash ? (int)(slash - path + 1) : 0;
    const char *base = slash ? slash + 1 : path;
    int n = snprintf(tmp, tmp_size, "%.*s.%s.tmp-XXXXXX", dir_len, path, base);
    if (n < 0 || (size_t)n >= tmp_size) {
        LOG_ERR(TAG, "the name %s is too long", path);
        return -1;
    }
    int fd = mkstemp(tmp);
    if (fd < 0) {
        cor_log_errno(COR_LOG_ERROR, TAG, "cannot create a file beside %s", path);
        return -1;
    }
    return fd;
}

bool cor_atomic_commit(const char *tmp, const char *path)
{
    if (chmod(tmp, 0644) != 0 || rename(tmp, path) != 0) {
        cor_log_errno(COR_LOG_ERROR, TAG, "cannot replace %s", path);
        if (unlink(tmp) != 0)
            cor_log_errno(COR_LOG_WARNING, TAG, "cannot remove %s", tmp);
        return false;
    }
    return true;
}

bool cor_write_atomic(const char *path, const void *data, size_t len)
{
    char tmp[4096];
    int fd = cor_atomic_begin(path, tmp, sizeof(tmp));
    if (fd < 0)
        return false;
    const char *p = data;
    size_t left = len;
    while (left > 0) {
        ssize_t n = write(fd, p, left);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            cor_log_errno(COR_LOG_ERROR, TAG, "cannot write %s", tmp);
            close(fd);
            unlink(tmp);
            return false;
        }
        p += n;
        left -= (size_t)n;
    }
    if (close(fd) != 0) {
        cor_log_errno(COR_LOG_ERROR, TAG, "cannot write %s", tmp);
        unlink(tmp);
        return false;
    }
    return cor_atomic_commit(tmp, path);
}

long cor_rss_kb(void)
{
    FILE *f = fopen("/proc/self/statm", "re");
    if (!f)
        return -1;
    long size = 0, resident = 0;
    int n = fscanf(f, "%ld %ld", &size, &resident);
    fclose(f);
    long page = sysconf(_SC_PAGESIZE);
    if (n != 2 || page <= 0)
        return -1;
    return resident * (page / 1024);
}

static void put_time(struct cor_buf *b, int64_t wall_ms)
{
    if (!wall_ms) {
        cor_buf_puts(b, "null");
        return;
    }
    char t[40];
    cor_format_utc(wall_ms, t, sizeof(t));
    cor_buf_json_string(b, t);
}

static void put_list(struct cor_buf *b, const char *const *items, size_t n)
{
    cor_buf_puts(b, "[");
    for (size_t i = 0; i < n; i++) {
        if (i)
            cor_buf_puts(b, ", ");
        cor_buf_json_string(b, items[i]);
    }
    cor_buf_puts(b, "]");
}

static const char *session_state_name(enum cor_session_state s)
{
    switch (s) {
    case COR_SESSION_FINISHED:
        return "finished";
    case COR_SESSION_ON_NOW:
        return "on now";
    case COR_SESSION_NEXT:
        return "next";
    case COR_SESSION_LATER:
        return "later";
    }
    return "?";
}

static void put_urgent(struct cor_buf *b, const struct cor_status_urgent *u)
{
    cor_buf_puts(b, ",\n  \"urgent\": ");
    if (!u) {
        cor_buf_puts(b, "null");
        return;
    }
    cor_buf_puts(b, "{\"state\": ");
    cor_buf_json_string(b, u->state);
    cor_buf_puts(b, ", \"title\": ");
    cor_buf_json_string(b, u->title);
    cor_buf_puts(b, ", \"file\": ");
    cor_buf_json_string(b, u->file);
    cor_buf_puts(b, ", \"style\": ");
    cor_buf_json_string(b, u->style);
    cor_buf_puts(b, ", \"since\": ");
    put_time(b, u->since_ms);
    cor_buf_puts(b, ", \"until\": ");
    put_time(b, u->until_ms);
    cor_buf_puts(b, ", \"screens\": ");
    if (u->n_screens)
        put_list(b, u->screens, u->n_screens);
    else
        cor_buf_puts(b, "\"all\"");
    cor_buf_puts(b, ", \"problem\": ");
    cor_buf_json_string(b, u->problem);
    cor_buf_puts(b, "}");
}

static void put_connectors(struct cor_buf *b, const struct cor_drm_state *d)
{
    cor_buf_puts(b, ",\n  \"connectors\": ");
    if (!d) {
        cor_buf_puts(b, "null");
        return;
    }
    cor_buf_puts(b, "[");
    bool first = true;
    for (int c = 0; c < d->n_cards; c++) {
        const struct cor_drm_card *card = &d->cards[c];
        for (int i = 0; i < card->n_connectors; i++) {
            const struct cor_drm_connector *k = &card->connectors[i];
            cor_buf_printf(b, "%s{\"card\": %d, \"name\": ", first ? "" : ", ", card->number);
            cor_buf_json_string(b, k->name);
            cor_buf_printf(b, ", \"state\": \"%s\"}",
                           k->link == COR_DRM_CONNECTED      ? "connected"
                           : k->link == COR_DRM_DISCONNECTED ? "disconnected"
                                                             : "unknown");
            first = false;
        }
    }
    cor_buf_puts(b, "]");
}

static void put_field(struct cor_buf *b, const char *key, const char *value)
{
    cor_buf_printf(b, ", \"%s\": ", key);
    cor_buf_json_string(b, value);
}

static void put_power(struct cor_buf *b, const struct cor_status_power *pw)
{
    if (!pw)
        return;
    cor_buf_printf(b, ",\n  \"power\": {\"on\": %s, \"managed\": %s", pw->on ? "true" : "false",
                   pw->managed ? "true" : "false");
    put_field(b, "why", pw->why);
    cor_buf_puts(b, ", \"since\": ");
    put_time(b, pw->since_ms);
    cor_buf_puts(b, ", \"next_change\": ");
    put_time(b, pw->next_change_ms);
    cor_buf_puts(b, ", \"sent\": ");
    put_time(b, pw->sent_ms);
    cor_buf_puts(b, ",\n    \"cec\": ");
    if (pw->cec_port) {
        cor_buf_puts(b, "{\"port\": ");
        cor_buf_json_string(b, pw->cec_port);
        put_field(b, "sent", pw->cec_sent);
        put_field(b, "bytes", pw->cec_bytes && *pw->cec_bytes ? pw->cec_bytes : NULL);
        put_field(b, "result", pw->cec_result);
        put_field(b, "tv", pw->tv_power);
        cor_buf_puts(b, "}");
    } else {
        cor_buf_puts(b, "null");
    }
    put_field(b, "dpms", pw->dpms);
    cor_buf_puts(b, "}");
}

char *cor_status_json(const struct cor_status *s)
{
    struct cor_buf b = {0};
    cor_buf_puts(&b, "{\n  \"playlist\": ");
    if (s->has_playlist) {
        cor_buf_puts(&b, "{\"path\": ");
        cor_buf_json_string(&b, s->playlist_path);
        cor_buf_puts(&b, ", \"name\": ");
        cor_buf_json_string(&b, s->playlist_name);
        cor_buf_printf(&b, ", \"hash\": \"%016" PRIx64 "\", \"loaded_at\": ", s->hash);
        put_time(&b, s->loaded_at_ms);
        cor_buf_printf(&b, ", \"generation\": %u}", s->generation);
    } else {
        cor_buf_puts(&b, "null");
    }

    cor_buf_printf(&b, ",\n  \"slide\": {\"index\": %d, \"type\": ", s->slide_index);
    cor_buf_json_string(&b, s->slide_type);
    cor_buf_puts(&b, ", \"title\": ");
    cor_buf_json_string(&b, s->slide_title);
    cor_buf_printf(&b, ", \"page\": %d, \"pages\": %d, \"since\": ", s->page, s->pages);
    put_time(&b, s->since_ms);
    cor_buf_puts(&b, ", \"until\": ");
    put_time(&b, s->until_ms);
    cor_buf_printf(&b, ", \"paused\": %s", s->paused ? "true" : "false");
    if (s->sessions) {
        cor_buf_puts(&b, ",\n    \"sessions\": [");
        for (size_t i = 0; i < s->n_sessions; i++) {
            cor_buf_puts(&b, i ? ",\n      {\"title\": " : "\n      {\"title\": ");
            cor_buf_json_string(&b, s->sessions[i].session->title);
            cor_buf_puts(&b, ", \"state\": ");
            cor_buf_json_string(&b, session_state_name(s->sessions[i].state));
            cor_buf_puts(&b, "}");
        }
        cor_buf_puts(&b, "]");
    }
    cor_buf_puts(&b, "}");

    put_urgent(&b, s->urgent);

    cor_buf_printf(&b, ",\n  \"reload\": {\"ok\": %s, \"at\": ", s->reload_ok ? "true" : "false");
    put_time(&b, s->reload_at_ms);
    cor_buf_puts(&b, ", \"errors\": ");
    put_list(&b, s->errors, s->n_errors);
    cor_buf_puts(&b, ", \"warnings\": ");
    put_list(&b, s->warnings, s->n_warnings);
    cor_buf_puts(&b, "},\n  \"screen\": ");
    cor_buf_json_string(&b, s->screen);
    cor_buf_printf(&b, ",\n  \"video\": {\"dropped_frames\": %lu, \"problem\": ",
                   s->video_dropped);
    cor_buf_json_string(&b, s->video_problem ? s->video_problem : "");
    cor_buf_puts(&b, "}");
    put_connectors(&b, s->displays);
    cor_buf_puts(&b, ",\n  \"now\": ");
    put_time(&b, s->now_ms);
    cor_buf_puts(&b, ",\n  \"last_frame\": ");
    put_time(&b, s->last_frame_ms);
    cor_buf_printf(&b,
                   ",\n  \"clock_trusted\": %s,\n  \"uptime_s\": %.0f,\n  \"rss_kb\": %ld,\n"
                   "  \"wakeups\": %lu,\n  \"frames\": %lu,\n"
                   "  \"transition_frames\": {\"count\": %lu, \"median_ms\": %.1f, "
                   "\"p99_ms\": %.1f, \"worst_ms\": %.1f}",
                   s->clock_trusted ? "true" : "false", s->uptime_s, s->rss_kb, s->wakeups,
                   s->frames, s->transition_frames, s->frame_ms_median, s->frame_ms_p99,
                   s->frame_ms_worst);
    put_power(&b, s->power);
    cor_buf_puts(&b, "\n}\n");
    if (b.failed) {
        cor_buf_free(&b);
        return NULL;
    }
    return b.data;
}

bool cor_status_write(const char *path, const struct cor_status *s)
{
    char *json = cor_status_json(s);
    if (!json) {
        LOG_ERR(TAG, "out of memory writing the status");
        return false;
    }
    bool ok = cor_write_atomic(path, json, strlen(json));
    free(json);
    return ok;
}
