/* paths.c: path joining, folder listings for messages, and careful whole-file reads. */
#include "paths.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "value.h"

char *cor_path_join(struct cor_arena *arena, const char *dir, const char *name)
{
    size_t dl = strlen(dir), nl = strlen(name);
    char *tmp = malloc(dl + nl + 3);
    if (!tmp)
        return NULL;
    if (name[0] == '/')
        memcpy(tmp, name, nl + 1);
    else
        snprintf(tmp, dl + nl + 3, "%s/%s", dir, name);
    /* Normalise in place, segment by segment. */
    char *out = cor_arena_alloc(arena, strlen(tmp) + 2);
    if (!out) {
        free(tmp);
        return NULL;
    }
    size_t o = 0;
    char *save = NULL;
    for (char *seg = strtok_r(tmp, "/", &save); seg; seg = strtok_r(NULL, "/", &save)) {
        if (strcmp(seg, ".") == 0)
            continue;
        if (strcmp(seg, "..") == 0) {
            while (o > 0 && out[o - 1] != '/')
                o--;
            if (o > 0)
                o--;
            continue;
        }
        out[o++] = '/';
        size_t sl = strlen(seg);
        memcpy(out + o, seg, sl);
        o += sl;
    }
    if (o == 0)
        out[o++] = '/';
    out[o] = '\0';
    free(tmp);
    return out;
}

char *cor_path_dirname(struct cor_arena *arena, const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return cor_arena_strdup(arena, ".");
    if (slash == path)
        return cor_arena_strdup(arena, "/");
    return cor_arena_strndup(arena, path, (size_t)(slash - path));
}

bool cor_path_inside(const char *path, const char *const *dirs)
{
    char real[PATH_MAX];
    if (!realpath(path, real))
        return false;
    for (size_t i = 0; dirs && dirs[i]; i++) {
        size_t n = strlen(dirs[i]);
        if (strcmp(dirs[i], "/") == 0)
            return true;
        if (strncmp(real, dirs[i], n) == 0 && (real[n] == '/' || real[n] == '\0'))
            return true;
    }
    return false;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void cor_path_list_folder(struct cor_arena *arena, const char *dir, const char *want, char *buf,
                          size_t size, const char **nearest)
{
    *nearest = NULL;
    snprintf(buf, size, "nothing");
    DIR *d = opendir(dir);
    if (!d)
        return;
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 10000) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 32;
            char **nn = realloc(names, ncap * sizeof(*nn));
            if (!nn)
                break;
            names = nn;
            cap = ncap;
        }
        if (!(names[n] = strdup(e->d_name)))
            break;
        n++;
    }
    closedir(d);
    if (n == 0) {
        free(names);
        return;
    }
    qsort(names, n, sizeof(*names), compare_names);
    size_t used = 0;
    buf[0] = '\0';
    size_t shown = n < 8 ? n : 8;
    for (size_t i = 0; i < shown && used < size; i++) {
        int w = snprintf(buf + used, size - used, "%s%s", i ? ", " : "", names[i]);
        if (w < 0)
            break;
        used += (size_t)w;
    }
    if (shown < n && used < size)
        snprintf(buf + used, size - used, ", ... (%zu in all)", n);
    /* The nearest name: case-insensitive edit distance, within a third of the length. */
    char **words = calloc(n + 1, sizeof(*words));
    if (words) {
        memcpy(words, names, n * sizeof(*names));
        const char *best = cor_nearest_word(want, (const char *const *)words);
        if (best)
            *nearest = cor_arena_strdup(arena, best);
        free(words);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

bool cor_path_check_file(const char *path, char *err, size_t err_size)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        if (errno == ENOENT || errno == ENOTDIR)
            snprintf(err, err_size, "does not exist");
        else if (errno == EACCES)
            snprintf(err, err_size, "cannot be read (permission denied)");
        else if (errno == ELOOP)
            snprintf(err, err_size, "cannot be opened: its symbolic links go round in a loop");
        else
            snprintf(err, err_size, "cannot be opened (%s)", strerror(errno));
        return false;
    }
    if (S_ISDIR(st.st_mode)) {
        snprintf(err, err_size, "is a folder, not a file");
        return false;
    }
    if (!S_ISREG(st.st_mode)) {
        snprintf(err, err_size, "is not an ordinary file (a pipe or a device)");
        return false;
    }
    if (access(path, R_OK) != 0) {
        snprintf(err, err_size, "cannot be read (permission denied)");
        return false;
    }
    return true;
}

char *cor_read_file(const char *path, size_t max, size_t *len, char *err, size_t err_size)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT)
            snprintf(err, err_size, "does not exist");
        else if (errno == EACCES)
            snprintf(err, err_size, "cannot be read (permission denied)");
        else
            snprintf(err, err_size, "cannot be opened (%s)", strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        snprintf(err, err_size, "cannot be read (%s)", strerror(errno));
        close(fd);
        return NULL;
    }
    if (S_ISDIR(st.st_mode)) {
        snprintf(err, err_size, "is a folder, not a file");
        close(fd);
        return NULL;
    }
    if (!S_ISREG(st.st_mode)) {
        snprintf(err, err_size, "is not an ordinary file (a pipe or a device)");
        close(fd);
        return NULL;
    }
    if ((unsigned long long)st.st_size > max) {
        snprintf(err, err_size, "is %.1f MB; corridor reads files of up to %zu MB",
                 (double)st.st_size / 1e6, max / 1000000);
        close(fd);
        return NULL;
    }
    size_t cap = (size_t)st.st_size + 1;
    char *buf = malloc(cap);
    if (!buf) {
        snprintf(err, err_size, "is too large to read (out of memory)");
        close(fd);
        return NULL;
    }
    size_t got = 0;
    for (;;) {
        if (got + 1 >= cap) {
            /* Full: one more byte tells the end of the file from a file that grew while read. */
            char extra;
            ssize_t r = read(fd, &extra, 1);
            if (r < 0 && errno == EINTR)
                continue;
            if (r == 0)
                break;
            if (r < 0 || got + 1 > max) {
                if (r < 0)
                    snprintf(err, err_size, "cannot be read (%s)", strerror(errno));
                else
                    snprintf(err, err_size, "is larger than %zu MB", max / 1000000);
                free(buf);
                close(fd);
                return NULL;
            }
            size_t ncap = cap * 2 < max + 1 ? cap * 2 : max + 1;
            char *nb = ncap > cap ? realloc(buf, ncap) : NULL;
            if (!nb) {
                free(buf);
                close(fd);
                snprintf(err, err_size, "is larger than %zu MB, or too large to read",
                         max / 1000000);
                return NULL;
            }
            buf = nb;
            cap = ncap;
            buf[got++] = extra;
            continue;
        }
        ssize_t r = read(fd, buf + got, cap - 1 - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            snprintf(err, err_size, "cannot be read (%s)", strerror(errno));
            free(buf);
            close(fd);
            return NULL;
        }
        if (r == 0)
            break;
        got += (size_t)r;
    }
    close(fd);
    buf[got] = '\0';
    *len = got;
    return buf;
}

bool cor_path_make_dirs(const char *dir)
{
    char path[4096];
    if (snprintf(path, sizeof(path), "%s", dir) >= (int)sizeof(path))
        return false;
    for (char *p = path + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(path, 0777) != 0 && errno != EEXIST)
            return false;
        *p = '/';
    }
    return mkdir(path, 0777) == 0 || errno == EEXIST;
}
