/* memo.h: which picture files decoded before, and to what size, known by their stat. */
#pragma once

#include <stdbool.h>
#include <sys/stat.h>

/* True, with its decoded size in *W x *H, when PATH decoded for MAX_W x MAX_H before and its stat
 * is still the same; *ST (NULL: not wanted) then gets the device, inode, size and times
 * remembered. */
bool cor_memo_find(const char *path, int max_w, int max_h, int *w, int *h, struct stat *st);

/* Remembers that PATH, with stat ST taken before it was read, decoded to W x H for MAX_W x MAX_H.
 * A file changed within the last 2 s is not remembered (a second change so soon could leave its
 * stat as it was); out of memory, it is simply not remembered. */
void cor_memo_remember(const char *path, const struct stat *st, int max_w, int max_h, int w, int h);

/* Forgets everything (at shutdown, so that nothing is left allocated). */
void cor_memo_clear(void);
