/* watch.c: inotify on the folders of watched files and on their parents, and a stat() poll. */
#include "watch.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdalign.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "paths.h"

#define TAG "watch"

/* Every change that can make a file appear, change, or vanish, a folder go away, and a file's
 * rights change (IN_ATTRIB: a chmod alone can make a picture readable or not). */
#define COR_WATCH_MASK                                                                             \
    (IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_DELETE_SELF |       \
     IN_MOVE_SELF | IN_ATTRIB | IN_ONLYDIR)

/* Symbolic links followed when resolving one watched path, as the kernel allows. */
#define COR_WATCH_MAX_LINKS 40

/* What a stat() said about a path, reduced to what shows a change. */
struct look {
    bool exists;
    dev_t dev;
    ino_t ino;
    off_t size;
    struct timespec mtime, ctime;
};

struct wfile {
    char *path;
    const char *name; /* the last component, inside PATH */
    size_t dir;       /* index into dirs of its folder */
    struct look look;
    struct look mark; /* the first of the two looks of cor_watch_mark and cor_watch_steady */
};

struct wdir {
    char *path;
    int wd;         /* -1: not watched now (missing, or inotify unavailable) */
    bool has_files; /* a folder holding watched files (else only the parent of one) */
    struct look look;
};

struct cor_watch {
    int fd;
    struct wfile *files;
    size_t n_files;
    struct wdir *dirs;
    size_t n_dirs;
    bool any_name;
};

static void look_at(const char *path, struct look *out)
{
    struct stat st;
    memset(out, 0, sizeof(*out));
    if (stat(path, &st) != 0)
        return;
    out->exists = true;
    out->dev = st.st_dev;
    out->ino = st.st_ino;
    out->size = st.st_size;
    out->mtime = st.st_mtim;
    out->ctime = st.st_ctim;
}

static bool same_look(const struct look *a, const struct look *b)
{
    if (a->exists != b->exists)
        return false;
    if (!a->exists)
        return true;
    return a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
           a->mtime.tv_sec == b->mtime.tv_sec && a->mtime.tv_nsec == b->mtime.tv_nsec &&
           a->ctime.tv_sec == b->ctime.tv_sec && a->ctime.tv_nsec == b->ctime.tv_nsec;
}

static void free_sets(struct wfile *files, size_t n_files, struct wdir *dirs, size_t n_dirs)
{
    for (size_t i = 0; i < n_files; i++)
        free(files[i].path);
    free(files);
    for (size_t i = 0; i < n_dirs; i++)
        free(dirs[i].path);
    free(dirs);
}

struct cor_watch *cor_watch_create(void)
{
    struct cor_watch *w = calloc(1, sizeof(*w));
    if (!w)
        return NULL;
    /* Tests set CORRIDOR_TEST_NO_INOTIFY to try the poll alone, as on a network share. */
    const char *off = getenv("CORRIDOR_TEST_NO_INOTIFY");
    w->fd = off && *off ? -1 : inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (w->fd < 0 && off && *off)
        LOG_INFO(TAG, "inotify is off (CORRIDOR_TEST_NO_INOTIFY); changes are found by polling");
    else if (w->fd < 0)
        cor_log_errno(COR_LOG_WARNING, TAG, "inotify is unavailable; changes are found by polling");
    return w;
}

void cor_watch_free(struct cor_watch *w)
{
    if (!w)
        return;
    if (w->fd >= 0 && close(w->fd) != 0)
        cor_log_errno(COR_LOG_WARNING, TAG, "closing inotify");
    free_sets(w->files, w->n_files, w->dirs, w->n_dirs);
    free(w);
}

int cor_watch_fd(const struct cor_watch *w)
{
    return w->fd;
}

/* Index of the folder PATH in DIRS, adding it (taking PATH) when new; SIZE_MAX on OOM. */
static size_t add_dir(struct wdir **dirs, size_t *n, char *path, bool has_files)
{
    for (size_t i = 0; i < *n; i++) {
        if (strcmp((*dirs)[i].path, path) == 0) {
            free(path);
            (*dirs)[i].has_files |= has_files;
            return i;
        }
    }
    struct wdir *grown = realloc(*dirs, (*n + 1) * sizeof(**dirs));
    if (!grown) {
        free(path);
        return SIZE_MAX;
    }
    *dirs = grown;
    grown[*n] = (struct wdir){.path = path, .wd = -1, .has_files = has_files};
    return (*n)++;
}

/* True when another folder than SKIP still uses descriptor WD. */
static bool wd_shared(const struct cor_watch *w, size_t skip, int wd)
{
    for (size_t i = 0; i < w->n_dirs; i++)
        if (i != skip && w->dirs[i].wd == wd)
            return true;
    return false;
}

/* Forgets folder I's inotify watch (which may follow a folder moved elsewhere). */
static void disarm(struct cor_watch *w, size_t i)
{
    int wd = w->dirs[i].wd;
    w->dirs[i].wd = -1;
    if (wd >= 0 && w->fd >= 0 && !wd_shared(w, i, wd))
        inotify_rm_watch(w->fd, wd); /* fails harmlessly when the kernel already dropped it */
}

/* Watches folder I by its path; true when it is watched now. */
static bool arm(struct cor_watch *w, size_t i)
{
    if (w->fd < 0)
        return false;
    int wd = inotify_add_watch(w->fd, w->dirs[i].path, COR_WATCH_MASK);
    if (wd < 0) {
        if (errno == ENOENT || errno == ENOTDIR)
            LOG_DBG(TAG, "folder %s is missing; watching for it", w->dirs[i].path);
        else
            cor_log_errno(COR_LOG_WARNING, TAG, "cannot watch %s", w->dirs[i].path);
        w->dirs[i].wd = -1;
        return false;
    }
    w->dirs[i].wd = wd;
    return true;
}

/* A growing list of paths, each owned. */
struct paths {
    char **v;
    size_t n, cap;
};

static void paths_free(struct paths *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
}

/* Adds a copy of the first LEN bytes of PATH unless it is among the entries from FROM on (those
 * of one watched file: a few); false on OOM. */
static bool paths_add(struct paths *l, size_t from, const char *path, size_t len)
{
    for (size_t i = from; i < l->n; i++)
        if (strlen(l->v[i]) == len && memcmp(l->v[i], path, len) == 0)
            return true;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        char **v = realloc(l->v, cap * sizeof(*v));
        if (!v)
            return false;
        l->v = v;
        l->cap = cap;
    }
    char *copy = strndup(path, len);
    if (!copy)
        return false;
    l->v[l->n++] = copy;
    return true;
}

/* Adds absolute PATH to OUT, then every symbolic link met while resolving it (as the link's own
 * path: a folder like a ConfigMap's `..data`, or a file) and the path it resolves to, so that a
 * link renamed over, or a link's target changed, is an event in a watched folder. Resolving
 * stops at a missing component (the rest is kept as written) or after COR_WATCH_MAX_LINKS
 * links. False on OOM. */
static bool add_with_links(struct paths *out, const char *path)
{
    size_t from = out->n;
    if (!paths_add(out, from, path, strlen(path)))
        return false;
    char done[PATH_MAX] = "", todo[PATH_MAX], target[PATH_MAX];
    if (snprintf(todo, sizeof(todo), "%s", path) >= (int)sizeof(todo))
        return true;
    int links = 0;
    char *rest = todo;
    while (*rest) {
        while (*rest == '/')
            rest++;
        if (!*rest)
            break;
        size_t len = strcspn(rest, "/");
        size_t used = strlen(done);
        if (len == 1 && rest[0] == '.') {
            rest += len;
            continue;
        }
        if (len == 2 && rest[0] == '.' && rest[1] == '.') {
            char *slash = strrchr(done, '/');
            if (slash)
                *slash = '\0';
            rest += len;
            continue;
        }
        if (used + 1 + len >= sizeof(done))
            return true;
        done[used] = '/';
        memcpy(done + used + 1, rest, len);
        done[used + 1 + len] = '\0';
        rest += len;
        struct stat st;
        if (lstat(done, &st) != 0) {
            /* Missing from here on: watch for it where the links lead. */
            if (snprintf(target, sizeof(target), "%s%s", done, rest) >= (int)sizeof(target))
                return true;
            return paths_add(out, from, target, strlen(target));
        }
        if (!S_ISLNK(st.st_mode))
            continue;
        if (++links > COR_WATCH_MAX_LINKS)
            return true;
        if (!paths_add(out, from, done, strlen(done)))
            return false;
        ssize_t n = readlink(done, target, sizeof(target) - 1);
        if (n <= 0)
            return true;
        target[n] = '\0';
        done[used] = '\0'; /* the link's folder: a relative target starts there */
        if (target[0] == '/')
            done[0] = '\0';
        char joined[PATH_MAX];
        if (snprintf(joined, sizeof(joined), "%s/%s", target, rest) >= (int)sizeof(joined))
            return true;
        memcpy(todo, joined, strlen(joined) + 1);
        rest = todo;
    }
    return done[0] ? paths_add(out, from, done, strlen(done)) : true;
}

bool cor_watch_set(struct cor_watch *w, const char *const *given, size_t n_given, bool any_name)
{
    struct paths all = {0};
    for (size_t i = 0; i < n_given; i++) {
        if (!add_with_links(&all, given[i])) {
            paths_free(&all);
            return false;
        }
    }
    const char *const *paths = (const char *const *)all.v;
    size_t n = all.n;
    struct wfile *files = n ? calloc(n, sizeof(*files)) : NULL;
    struct wdir *dirs = NULL;
    size_t n_dirs = 0, n_files = 0;
    if (n && !files) {
        paths_free(&all);
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        char *path = strdup(paths[i]);
        char *dir = cor_path_folder(paths[i]);
        if (!path || !dir) {
            free(path);
            free(dir);
            goto oom;
        }
        files[n_files] = (struct wfile){.path = path, .name = strrchr(path, '/') + 1};
        n_files++;
        char *parent = strcmp(dir, "/") == 0 ? NULL : cor_path_folder(dir); /* none above / */
        size_t di = add_dir(&dirs, &n_dirs, dir, true);
        if (di == SIZE_MAX) {
            free(parent);
            goto oom;
        }
        files[n_files - 1].dir = di;
        if (parent && add_dir(&dirs, &n_dirs, parent, false) == SIZE_MAX)
            goto oom;
    }

    /* Watch the new folders before letting go of the old ones: a folder in both keeps its
     * descriptor (inotify_add_watch on a watched folder returns it), so no event falls between. */
    struct wdir *old_dirs = w->dirs;
    size_t n_old = w->n_dirs;
    free_sets(w->files, w->n_files, NULL, 0);
    w->files = files;
    w->n_files = n_files;
    w->dirs = dirs;
    w->n_dirs = n_dirs;
    w->any_name = any_name;
    for (size_t i = 0; i < n_dirs; i++) {
        arm(w, i);
        look_at(dirs[i].path, &dirs[i].look);
    }
    for (size_t i = 0; i < n_old; i++) {
        if (old_dirs[i].wd >= 0 && w->fd >= 0 && !wd_shared(w, SIZE_MAX, old_dirs[i].wd))
            inotify_rm_watch(w->fd, old_dirs[i].wd);
    }
    free_sets(NULL, 0, old_dirs, n_old);
    for (size_t i = 0; i < n_files; i++)
        look_at(files[i].path, &files[i].look);
    LOG_DBG(TAG, "watching %zu files and links in %zu folders%s", n_files, n_dirs,
            any_name ? " (any name)" : "");
    paths_free(&all);
    return true;
oom:
    free_sets(files, n_files, dirs, n_dirs);
    paths_free(&all);
    return false;
}

/* Handles one event on descriptor WD; returns true when it concerns what is watched. *FINISHED
 * says whether it renamed a file, link or folder into place, which is whole the moment it
 * appears (only meaningful when it returns true). A file closed after writing is not: a
 * writer may open it again to append, as a slow copy does. */
static bool handle_event(struct cor_watch *w, const struct inotify_event *ev, bool *finished)
{
    bool changed = false;
    *finished = false;
    if (ev->mask & IN_Q_OVERFLOW) {
        LOG_DBG(TAG, "inotify queue overflowed; watching every folder again");
        for (size_t i = 0; i < w->n_dirs; i++) {
            disarm(w, i);
            arm(w, i);
        }
        return true;
    }
    const char *name = ev->len ? ev->name : "";
    for (size_t i = 0; i < w->n_dirs; i++) {
        struct wdir *d = &w->dirs[i];
        if (d->wd != ev->wd)
            continue;
        if (ev->mask & (IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED)) {
            /* The folder went away (or was renamed, and the watch followed it): watch
             * whatever now has its path. */
            LOG_DBG(TAG, "folder %s was %s", d->path,
                    ev->mask & IN_MOVE_SELF ? "moved" : "removed");
            if (ev->mask & IN_IGNORED)
                d->wd = -1;
            else
                disarm(w, i);
            arm(w, i);
            changed = true;
            continue;
        }
        if (!name[0])
            continue;
        if (d->has_files && w->any_name) {
            LOG_DBG(TAG, "%s/%s changed", d->path, name);
            changed = true;
            *finished = (ev->mask & IN_MOVED_TO) != 0;
        }
        for (size_t f = 0; f < w->n_files; f++) {
            if (w->files[f].dir == i && strcmp(w->files[f].name, name) == 0) {
                LOG_DBG(TAG, "%s changed (event 0x%x)", w->files[f].path, (unsigned)ev->mask);
                changed = true;
                *finished = (ev->mask & IN_MOVED_TO) != 0;
            }
        }
        /* A watched folder appearing in, or leaving, this one: a sync tool replacing it. */
        size_t plen = strlen(d->path);
        for (size_t c = 0; c < w->n_dirs; c++) {
            const char *cp = w->dirs[c].path;
            bool root = plen == 1;
            if (c == i || strncmp(cp, d->path, plen) != 0 || (!root && cp[plen] != '/') ||
                strcmp(cp + plen + (root ? 0 : 1), name) != 0)
                continue;
            LOG_DBG(TAG, "folder %s was replaced", cp);
            disarm(w, c);
            arm(w, c);
            changed = true;
            *finished = (ev->mask & IN_MOVED_TO) != 0;
        }
    }
    return changed;
}

enum cor_watch_change cor_watch_read(struct cor_watch *w)
{
    if (w->fd < 0)
        return COR_WATCH_NONE;
    enum cor_watch_change change = COR_WATCH_NONE;
    alignas(struct inotify_event) char buf[8192];
    for (;;) {
        ssize_t n = read(w->fd, buf, sizeof(buf));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno != EAGAIN && errno != EWOULDBLOCK)
                cor_log_errno(COR_LOG_WARNING, TAG, "reading inotify events");
            break;
        }
        if (n == 0)
            break;
        for (char *p = buf; p < buf + n;) {
            const struct inotify_event *ev = (const struct inotify_event *)(void *)p;
            bool finished;
            if (handle_event(w, ev, &finished) && change != COR_WATCH_CHANGED)
                change = finished ? COR_WATCH_RENAMED : COR_WATCH_CHANGED;
            p += sizeof(struct inotify_event) + ev->len;
        }
    }
    return change;
}

bool cor_watch_poll(struct cor_watch *w)
{
    bool changed = false;
    for (size_t i = 0; i < w->n_dirs; i++) {
        struct wdir *d = &w->dirs[i];
        if (d->wd < 0 && arm(w, i)) {
            LOG_DBG(TAG, "folder %s is back", d->path);
            changed |= d->has_files;
        }
        if (d->has_files && w->any_name) {
            struct look now;
            look_at(d->path, &now);
            /* A folder's ctime moves whenever a name in it is added, removed or renamed. */
            if (!same_look(&now, &d->look)) {
                LOG_DBG(TAG, "folder %s changed", d->path);
                changed = true;
            }
            d->look = now;
        }
    }
    for (size_t i = 0; i < w->n_files; i++) {
        struct look now;
        look_at(w->files[i].path, &now);
        if (!same_look(&now, &w->files[i].look)) {
            LOG_DBG(TAG, "%s changed (seen by polling)", w->files[i].path);
            changed = true;
        }
        w->files[i].look = now;
    }
    return changed;
}

void cor_watch_mark(struct cor_watch *w)
{
    for (size_t i = 0; i < w->n_files; i++)
        look_at(w->files[i].path, &w->files[i].mark);
}

bool cor_watch_steady(struct cor_watch *w)
{
    bool steady = true;
    for (size_t i = 0; i < w->n_files; i++) {
        struct look now;
        look_at(w->files[i].path, &now);
        if (!same_look(&now, &w->files[i].mark)) {
            LOG_DBG(TAG, "%s is still changing", w->files[i].path);
            steady = false;
        }
        w->files[i].mark = now;
    }
    return steady;
}

bool cor_watch_holds_dir(const struct cor_watch *w, const char *dir)
{
    struct look target;
    look_at(dir, &target);
    for (size_t i = 0; i < w->n_dirs; i++) {
        if (!w->dirs[i].has_files)
            continue;
        if (strcmp(w->dirs[i].path, dir) == 0)
            return true;
        struct look d;
        look_at(w->dirs[i].path, &d);
        if (target.exists && d.exists && d.dev == target.dev && d.ino == target.ino)
            return true;
    }
    return false;
}
