/* paths.h: resolving the files a playlist names, and keeping them inside allowed folders. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

struct cor_arena;

/* Joins DIR and NAME (NAME may be absolute) into a clean absolute path in ARENA: "." and
 * repeated slashes removed, ".." applied textually. NULL when out of memory. */
char *cor_path_join(struct cor_arena *arena, const char *dir, const char *name);

/* The folder part of PATH ("." when there is none), in ARENA. */
char *cor_path_dirname(struct cor_arena *arena, const char *path);

/* True when the real location of PATH (symlinks followed) lies inside one of DIRS (already real
 * paths, NULL-terminated). */
bool cor_path_inside(const char *path, const char *const *dirs);

/* Writes into BUF a short listing of folder DIR for a message: "a.png, b.png, ... (12 files)",
 * or "nothing" when it is empty. Sets *nearest (arena) to the entry most like WANT, or NULL. */
void cor_path_list_folder(struct cor_arena *arena, const char *dir, const char *want, char *buf,
                          size_t size, const char **nearest);

/* Checks, without reading it, that PATH is an ordinary file this process may read. On failure
 * writes a sentence into ERR: "does not exist", "is a folder, not a file", ... */
bool cor_path_check_file(const char *path, char *err, size_t err_size);

/* Reads a whole regular file of at most MAX bytes into a malloc'd buffer (NUL-terminated).
 * Never blocks on a FIFO. On failure returns NULL and writes a sentence into ERR. */
char *cor_read_file(const char *path, size_t max, size_t *len, char *err, size_t err_size);

/* Makes the folder DIR and the folders above it as needed (mode 0777 less the umask). Returns
 * false with errno set when one cannot be made. */
bool cor_path_make_dirs(const char *dir);
