/* preview_dir.c: version folders, publishing by rename, and pruning in the report folder. */
#include "preview_dir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"
#include "paths.h"
#include "userfile.h"
#include "status.h"

#define NEW_PREFIX ".new-"
/* An unfinished version folder older than this was left by a report that stopped. */
#define UNFINISHED_AGE_S (10 * 60)

bool cor_report_dir_prepare(const char *dir, const char *playlist, char *err, size_t size)
{
    if (!cor_path_make_dirs(dir)) {
        cor_say(err, size, "cannot make the report folder %s: %s", dir, strerror(errno));
        return false;
    }
    char real_dir[PATH_MAX], real_list[PATH_MAX], list_dir[PATH_MAX];
    if (!realpath(dir, real_dir)) {
        cor_say(err, size, "cannot open the report folder %s: %s", dir, strerror(errno));
        return false;
    }
    snprintf(list_dir, sizeof(list_dir), "%s", playlist);
    char *slash = strrchr(list_dir, '/');
    if (slash)
        *(slash == list_dir ? slash + 1 : slash) = '\0';
    else
        snprintf(list_dir, sizeof(list_dir), ".");
    /* The playlist's own folder is the comms team's: a report there would mix with their files
     * and wake every screen that watches the folder. */
    if (realpath(list_dir, real_list) && strcmp(real_dir, real_list) == 0) {
        cor_say(err, size,
                "the report folder %s is the playlist's own folder; choose a folder of its own, "
                "such as %s/report",
                dir, list_dir);
        return false;
    }
    /* Only a page that starts with corridor's mark may be replaced. */
    char index[PATH_MAX], head[sizeof(COR_REPORT_MARK)] = "";
    snprintf(index, sizeof(index), "%s/index.html", dir);
    int fd = open(index, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0 && errno != ENOENT) {
        cor_say(err, size, "cannot read %s: %s", index, strerror(errno));
        return false;
    }
    if (fd >= 0) {
        ssize_t n = read(fd, head, sizeof(head) - 1);
        close(fd);
        if (n != (ssize_t)sizeof(head) - 1 || strcmp(head, COR_REPORT_MARK) != 0) {
            cor_say(err, size,
                    "%s was not made by corridor preview; choose an empty folder for the report",
                    index);
            return false;
        }
    }
    return true;
}

bool cor_report_dir_start(const char *dir, const char *kind, char *name, size_t name_size,
                          char *path, size_t path_size, char *err, size_t err_size)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    localtime_r(&ts.tv_sec, &tm);
    char stamp[32];
    strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", &tm);
    /* Two reports within a millisecond get a counter; a name is never used twice. */
    for (int n = 0; n < 100; n++) {
        if (snprintf(name, name_size, "%s-%03ld%02d-%s", stamp, ts.tv_nsec / 1000000, n, kind) >=
                (int)name_size ||
            snprintf(path, path_size, "%s/" NEW_PREFIX "%s", dir, name) >= (int)path_size) {
            cor_say(err, err_size, "the report folder's name is too long");
            return false;
        }
        char final[PATH_MAX];
        snprintf(final, sizeof(final), "%s/%s", dir, name);
        struct stat st;
        if (lstat(final, &st) == 0)
            continue;
        if (mkdir(path, 0755) == 0)
            return true;
        if (errno != EEXIST) {
            cor_say(err, err_size, "cannot make a folder in %s: %s", dir, strerror(errno));
            return false;
        }
    }
    cor_say(err, err_size, "cannot find a free name in %s", dir);
    return false;
}

char *cor_report_read_file(const char *folder, const char *file, size_t max, size_t *len)
{
    char path[PATH_MAX];
    if (snprintf(path, sizeof(path), "%s/%s", folder, file) >= (int)sizeof(path)) {
        errno = ENAMETOOLONG;
        return NULL;
    }
    struct stat st;
    if (lstat(path, &st) != 0)
        return NULL;
    if (!S_ISREG(st.st_mode)) {
        errno = EINVAL;
        return NULL;
    }
    char err[256];
    char *text = cor_file_read_text(path, max, len, err, sizeof(err));
    if (!text)
        errno = EINVAL;
    return text;
}

bool cor_report_dir_publish(const char *dir, const char *name, const char *html, size_t len,
                            char *err, size_t err_size)
{
    char from[PATH_MAX], to[PATH_MAX], index[PATH_MAX];
    snprintf(from, sizeof(from), "%s/" NEW_PREFIX "%s", dir, name);
    snprintf(to, sizeof(to), "%s/%s", dir, name);
    snprintf(index, sizeof(index), "%s/index.html", dir);
    if (rename(from, to) != 0) {
        cor_say(err, err_size, "cannot rename %s to %s: %s", from, to, strerror(errno));
        return false;
    }
    if (!cor_write_atomic(index, html, len)) {
        cor_say(err, err_size, "cannot replace %s", index);
        return false;
    }
    return true;
}

/* True when NAME is a version folder's name: "YYYYMMDD-HHMMSS-MMMNN-KIND". */
static bool version_name(const char *name, const char **kind)
{
    size_t len = strlen(name);
    if (len < 23 || len >= COR_REPORT_NAME_MAX)
        return false;
    for (size_t i = 0; i < 22; i++) {
        bool dash = i == 8 || i == 15 || i == 21;
        if (dash ? name[i] != '-' : (name[i] < '0' || name[i] > '9'))
            return false;
    }
    if (kind)
        *kind = name + 22;
    return true;
}

static bool is_version(const char *name, void *ctx)
{
    (void)ctx;
    return version_name(name, NULL);
}

static bool is_unfinished(const char *name, void *ctx)
{
    (void)ctx;
    return strncmp(name, NEW_PREFIX, strlen(NEW_PREFIX)) == 0;
}

/* The version folders of DIR, oldest first, and how many; with UNFINISHED, the unfinished ones
 * instead. NULL and 0 when there are none or on failure. */
static char **list_versions(const char *dir, bool unfinished, size_t *n)
{
    return cor_path_names(dir, unfinished ? is_unfinished : is_version, NULL, SIZE_MAX, n);
}

bool cor_report_dir_newest(const char *dir, const char *kind, char *name, size_t size)
{
    size_t n;
    char **names = list_versions(dir, false, &n);
    bool found = false;
    for (size_t i = n; i-- > 0 && !found;) {
        const char *k;
        if (version_name(names[i], &k) && strcmp(k, kind) == 0) {
            snprintf(name, size, "%s", names[i]);
            found = true;
        }
    }
    cor_path_names_free(names, n);
    return found;
}

/* Removes folder PATH with the files and folders corridor wrote into it (two levels: a
 * report's screens each have a folder of pictures). Links are removed, never followed. */
static void remove_tree(const char *path, int depth)
{
    struct stat top;
    if (lstat(path, &top) != 0)
        return;
    if (!S_ISDIR(top.st_mode)) {
        unlink(path);
        return;
    }
    DIR *d = opendir(path);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d))) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            char sub[PATH_MAX];
            if (snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name) >= (int)sizeof(sub))
                continue;
            struct stat st;
            if (lstat(sub, &st) != 0)
                continue;
            if (S_ISDIR(st.st_mode)) {
                if (depth > 0)
                    remove_tree(sub, depth - 1);
            } else {
                unlink(sub);
            }
        }
        closedir(d);
    }
    rmdir(path);
}

void cor_report_dir_prune(const char *dir, size_t keep, const char *keep_kind)
{
    char newest_kind[COR_REPORT_NAME_MAX] = "";
    if (keep_kind)
        cor_report_dir_newest(dir, keep_kind, newest_kind, sizeof(newest_kind));
    size_t n;
    char **names = list_versions(dir, false, &n);
    char path[PATH_MAX];
    for (size_t i = 0; i + keep < n; i++) {
        if (strcmp(names[i], newest_kind) == 0)
            continue;
        snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
        remove_tree(path, 1);
    }
    cor_path_names_free(names, n);
    /* A report cut short by a crash or a stop leaves its unfinished folder; one that is recent
     * may be another corridor preview's at work on the same folder. */
    names = list_versions(dir, true, &n);
    time_t now = time(NULL);
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
        if (lstat(path, &st) == 0 && now - st.st_mtime >= UNFINISHED_AGE_S)
            remove_tree(path, 1);
    }
    cor_path_names_free(names, n);
}

void cor_report_dir_remove(const char *building)
{
    remove_tree(building, 1);
}
