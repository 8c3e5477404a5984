/* preview_cli.c: `corridor preview`: its options, and watching the playlist to make the report
 * again after each save. */
#include "preview_cli.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>

#include "font.h"
#include "log.h"
#include "preview.h"
#include "render.h"
#include "render_cli.h"
#include "value.h"
#include "watch.h"

#define TAG "preview"

#define USAGE                                                                                      \
    "usage: corridor preview PLAYLIST --out DIR [--watch] [--poll SECONDS]\n"                      \
    "                        [--size [SCREEN=]WxH]... [--allow-dir DIR]... [--at \"DATE TIME\"]\n"

/* Most --size and --allow-dir options. */
#define MAX_LIST 32
/* In watch mode the report is made again this often even when nothing is saved, so that "what
 * plays now" stays near the truth. */
#define REFRESH_MS (10 * 60 * 1000)

struct options {
    struct cor_preview_options report;
    struct cor_preview_size sizes[MAX_LIST];
    char *names[MAX_LIST]; /* the screen names of SIZES (owned) */
    const char *dirs[MAX_LIST + 1];
    bool watch;
    double poll_s;
};

static void free_options(struct options *o)
{
    for (size_t i = 0; i < MAX_LIST; i++)
        free(o->names[i]);
}

/* "--size ward-3=1080x1920" or "--size 1920x1080". */
static bool add_size(struct options *o, const char *v)
{
    size_t n = o->report.n_sizes;
    if (n == MAX_LIST)
        return false;
    const char *eq = strchr(v, '=');
    struct cor_preview_size *s = &o->sizes[n];
    if (eq) {
        if (eq == v || !(o->names[n] = strndup(v, (size_t)(eq - v))))
            return false;
        s->screen = o->names[n];
        v = eq + 1;
    }
    if (!cor_render_parse_size(v, &s->w, &s->h))
        return false;
    o->report.n_sizes++;
    return true;
}

static int parse_args(int argc, char **argv, struct options *o)
{
    memset(o, 0, sizeof(*o));
    o->poll_s = 1;
    o->report.sizes = o->sizes;
    o->report.allow_dirs = o->dirs;
    size_t n_dirs = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool takes = strcmp(a, "--out") == 0 || strcmp(a, "--size") == 0 ||
                     strcmp(a, "--allow-dir") == 0 || strcmp(a, "--at") == 0 ||
                     strcmp(a, "--poll") == 0;
        if (takes && i + 1 >= argc) {
            fprintf(stderr, "corridor preview: %s needs a value\n" USAGE, a);
            return 2;
        }
        const char *v = takes ? argv[++i] : NULL;
        if (strcmp(a, "--watch") == 0) {
            o->watch = true;
        } else if (strcmp(a, "--out") == 0) {
            o->report.out = v;
        } else if (strcmp(a, "--size") == 0) {
            if (!add_size(o, v)) {
                fprintf(stderr,
                        "corridor preview: --size '%s': write WIDTHxHEIGHT (1920x1080), or a "
                        "screen's name, = and its size (ward-3=1080x1920)\n",
                        v);
                return 2;
            }
        } else if (strcmp(a, "--allow-dir") == 0) {
            if (n_dirs == MAX_LIST) {
                fprintf(stderr, "corridor preview: at most %d --allow-dir\n", MAX_LIST);
                return 2;
            }
            o->dirs[n_dirs++] = v;
        } else if (strcmp(a, "--at") == 0) {
            char err[256];
            bool has_time = false;
            if (!cor_parse_datetime(v, &o->report.at, &has_time, err, sizeof(err))) {
                fprintf(stderr, "corridor preview: --at: %s\n", err);
                return 2;
            }
            o->report.has_at = true;
        } else if (strcmp(a, "--poll") == 0) {
            char *end;
            errno = 0;
            o->poll_s = strtod(v, &end);
            if (errno || end == v || *end || !(o->poll_s > 0 && o->poll_s <= 3600)) {
                fprintf(stderr,
                        "corridor preview: --poll '%s': write a number of seconds "
                        "from 0.1 to 3600\n",
                        v);
                return 2;
            }
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "corridor preview: unknown option '%s'\n" USAGE, a);
            return 2;
        } else if (!o->report.playlist) {
            o->report.playlist = a;
        } else {
            fprintf(stderr, "corridor preview: one playlist at a time\n" USAGE);
            return 2;
        }
    }
    if (!o->report.playlist || !o->report.out) {
        fprintf(stderr, "corridor preview: %s is missing\n" USAGE,
                !o->report.playlist ? "the playlist" : "--out");
        return 2;
    }
    return 0;
}

static const char *verdict_words(enum cor_preview_verdict v)
{
    switch (v) {
    case COR_PREVIEW_PLAYS:
        return "it plays";
    case COR_PREVIEW_MISTAKES:
        return "it has mistakes";
    case COR_PREVIEW_UNREADABLE:
        return "it cannot be read";
    case COR_PREVIEW_NOT_WRITTEN:
        break;
    }
    return "no report";
}

/* Makes one report; on success with a playlist that plays, replaces *FILES (the files to
 * watch). Returns the verdict. */
static enum cor_preview_verdict make(const struct options *o, char ***files, size_t *n_files)
{
    char err[512] = "";
    char **got;
    size_t n_got;
    enum cor_preview_verdict v = cor_preview_make(&o->report, &got, &n_got, err, sizeof(err));
    if (v == COR_PREVIEW_NOT_WRITTEN) {
        LOG_ERR(TAG, "%s", err);
        return v;
    }
    LOG_INFO(TAG, "%s/index.html: %s", o->report.out, verdict_words(v));
    if (got) {
        cor_preview_files_free(*files, *n_files);
        *files = got;
        *n_files = n_got;
    }
    return v;
}

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Watches the last good playlist's files and the playlist itself; while it is broken, any name
 * in their folders (the fix may name a file not known yet), as the player does. */
static void watch_files(struct cor_watch *w, const char *playlist, char **files, size_t n,
                        bool broken)
{
    const char **list = malloc((n + 1) * sizeof(*list));
    char *real = realpath(playlist, NULL);
    if (!list) {
        LOG_ERR(TAG, "out of memory; the watched files stay as they were");
        free(real);
        return;
    }
    size_t k = 0;
    bool has_playlist = false;
    for (size_t i = 0; i < n; i++) {
        list[k++] = files[i];
        has_playlist |= real && strcmp(files[i], real) == 0;
    }
    /* A playlist that cannot be read yet is watched by the name given. */
    char *abs = NULL;
    if (!has_playlist) {
        if (real) {
            list[k++] = real;
        } else if (playlist[0] == '/') {
            list[k++] = playlist;
        } else {
            char cwd[4096];
            size_t size = sizeof(cwd) + strlen(playlist) + 2;
            if (getcwd(cwd, sizeof(cwd)) && (abs = malloc(size))) {
                snprintf(abs, size, "%s/%s", cwd, playlist);
                list[k++] = abs;
            }
        }
    }
    if (!cor_watch_set(w, list, k, broken))
        LOG_ERR(TAG, "out of memory; the watched files stay as they were");
    free(list);
    free(real);
    free(abs);
}

static int watch_loop(const struct options *o)
{
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGINT);
    sigaddset(&mask, SIGTERM);
    sigprocmask(SIG_BLOCK, &mask, NULL);
    int sfd = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);
    struct cor_watch *w = cor_watch_create();
    if (sfd < 0 || !w) {
        LOG_ERR(TAG, "cannot start watching (out of memory or descriptors)");
        if (sfd >= 0)
            close(sfd);
        cor_watch_free(w);
        return 1;
    }
    char **files = NULL;
    size_t n_files = 0;
    /* The playlist's folder is watched before the first report, so a save while it is made
     * is not missed. */
    watch_files(w, o->report.playlist, NULL, 0, true);
    enum cor_preview_verdict v = make(o, &files, &n_files);
    watch_files(w, o->report.playlist, files, n_files, v != COR_PREVIEW_PLAYS);
    int64_t now = now_ms(), settle = INT64_MAX;
    bool settling = false; /* a change that may go on: read only once the files are steady */
    int64_t poll_every = (int64_t)(o->poll_s * 1000);
    int64_t next_poll = now + poll_every, refresh = o->report.has_at ? INT64_MAX : now + REFRESH_MS;
    bool quit = false;
    while (!quit) {
        int64_t due = settle < next_poll ? settle : next_poll;
        due = due < refresh ? due : refresh;
        now = now_ms();
        int timeout = due <= now ? 0 : due - now > 60000 ? 60000 : (int)(due - now);
        struct pollfd fds[2] = {{.fd = sfd, .events = POLLIN},
                                {.fd = cor_watch_fd(w), .events = POLLIN}};
        if (poll(fds, fds[1].fd >= 0 ? 2 : 1, timeout) < 0 && errno != EINTR) {
            LOG_ERR(TAG, "poll failed: %s", strerror(errno));
            break;
        }
        now = now_ms();
        if (fds[0].revents & POLLIN)
            quit = true;
        if (fds[1].fd >= 0 && (fds[1].revents & POLLIN)) {
            enum cor_watch_change c = cor_watch_read(w);
            if (c == COR_WATCH_CHANGED) {
                cor_watch_mark(w);
                settling = true;
                settle = now + COR_WATCH_SETTLE_MS;
            } else if (c == COR_WATCH_RENAMED && !settling) {
                settle = now + COR_WATCH_SETTLE_RENAMED_MS;
            }
        }
        if (now >= next_poll) {
            if (cor_watch_poll(w)) {
                cor_watch_mark(w);
                settling = true;
                settle = now + COR_WATCH_SETTLE_MS;
            }
            next_poll = now + poll_every;
        }
        /* A file still being written is looked at again until two looks agree, as the player
         * does: a report is never made from half a save. */
        if (!quit && now >= settle && settling && !cor_watch_steady(w)) {
            settle = now + COR_WATCH_SETTLE_MS;
            continue;
        }
        if (!quit && (now >= settle || now >= refresh)) {
            settle = INT64_MAX;
            settling = false;
            v = make(o, &files, &n_files);
            watch_files(w, o->report.playlist, files, n_files, v != COR_PREVIEW_PLAYS);
            now = now_ms();
            if (refresh != INT64_MAX)
                refresh = now + REFRESH_MS;
        }
    }
    LOG_INFO(TAG, "stopping");
    cor_preview_files_free(files, n_files);
    cor_watch_free(w);
    close(sfd);
    return 0;
}

int cor_preview_command(int argc, char **argv)
{
    struct options o;
    int status = parse_args(argc, argv, &o);
    if (status) {
        free_options(&o);
        return status;
    }
    if (o.watch) {
        status = watch_loop(&o);
    } else {
        char **files = NULL;
        size_t n_files = 0;
        enum cor_preview_verdict v = make(&o, &files, &n_files);
        cor_preview_files_free(files, n_files);
        status = v == COR_PREVIEW_PLAYS ? 0 : 1;
    }
    cor_render_shutdown();
    cor_font_shutdown();
    free_options(&o);
    return status;
}
