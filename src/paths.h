/* paths.h: resolving the files a playlist names, and keeping them inside allowed folders. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

struct cor_arena;

/* Joins DIR and NAME (NAME may be absolute) into a clean absolute path in ARENA: "." and
 * repeated slashes removed, ".." applied textually. NULL when out of memory. */
char *cor_path_join(struct cor_arena *arena, const char *dir, const char *name);

/* The folder part of PATH, in ARENA: "." for a bare name, "/" for "/x" and for "/" itself, else
 * everything before the last slash. The one "folder of a path" in corridor. */
char *cor_path_dirname(struct cor_arena *arena, const char *path);

/* cor_path_dirname, malloc'd (the caller frees it); NULL out of memory. */
char *cor_path_folder(const char *path);

/* True when the real location of PATH (symlinks followed) lies inside one of DIRS (already real
 * paths, NULL-terminated). */
bool cor_path_inside(const char *path, const char *const *dirs);

/* The names in folder DIR that KEEP (given CTX) accepts, at most MOST, sorted; *N how many. Free
 * with cor_path_names_free. NULL and 0 when there are none or the folder cannot be read. */
char **cor_path_names(const char *dir, bool (*keep)(const char *name, void *ctx), void *ctx,
                      size_t most, size_t *n);
void cor_path_names_free(char **names, size_t n);

/* Writes into BUF a short listing of folder DIR for a message: "a.png, b.png, ... (12 files)",
 * or "nothing" when it is empty. Sets *nearest (arena) to the entry most like WANT, or NULL. */
void cor_path_list_folder(struct cor_arena *arena, const char *dir, const char *want, char *buf,
                          size_t size, const char **nearest);

/* Makes the folder DIR and the folders above it as needed (mode 0777 less the umask). Returns
 * false with errno set when one cannot be made. */
bool cor_path_make_dirs(const char *dir);
