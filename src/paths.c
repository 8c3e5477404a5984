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

/* Where PATH's folder part is: "." for a bare name, "/" for a file at the top, else the text
 * before the last slash. */
static void folder_span(const char *path, const char **start, size_t *len)
{
    const char *slash = strrchr(path, '/');
    if (!slash) {
        *start = ".";
        *len = 1;
    } else if (slash == path) {
        *start = "/";
        *len = 1;
    } else {
        *start = path;
        *len = (size_t)(slash - path);
    }
}

char *cor_path_dirname(struct cor_arena *arena, const char *path)
{
    const char *start;
    size_t len;
    folder_span(path, &start, &len);
    return cor_arena_strndup(arena, start, len);
}

char *cor_path_folder(const char *path)
{
    const char *start;
    size_t len;
    folder_span(path, &start, &len);
    return strndup(start, len);
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

char **cor_path_names(const char *dir, bool (*keep)(const char *name, void *ctx), void *ctx,
                      size_t most, size_t *n)
{
    *n = 0;
    DIR *d = opendir(dir);
    if (!d)
        return NULL;
    char **names = NULL;
    size_t cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) && *n < most) {
        if (!keep(e->d_name, ctx))
            continue;
        if (*n == cap) {
            size_t ncap = cap ? cap * 2 : 32;
            char **nn = realloc(names, ncap * sizeof(*nn));
            if (!nn)
                break;
            names = nn;
            cap = ncap;
        }
        if (!(names[*n] = strdup(e->d_name)))
            break;
        (*n)++;
    }
    closedir(d);
    if (*n > 1)
        qsort(names, *n, sizeof(*names), compare_names);
    return names;
}

void cor_path_names_free(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

static bool not_hidden(const char *name, void *ctx)
{
    (void)ctx;
    return name[0] != '.';
}

void cor_path_list_folder(struct cor_arena *arena, const char *dir, const char *want, char *buf,
                          size_t size, const char **nearest)
{
    *nearest = NULL;
    snprintf(buf, size, "nothing");
    size_t n;
    char **names = cor_path_names(dir, not_hidden, NULL, 10000, &n);
    if (n == 0) {
        free(names);
        return;
    }
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
    cor_path_names_free(names, n);
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
