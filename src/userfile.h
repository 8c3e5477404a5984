/* userfile.h: reading a file someone named in a playlist (a picture, a font) whole, safely. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

/* What a file read again later must still be: what was checked. */
struct cor_file_guard {
    /* It resolves inside one of these folders (real paths, NULL-terminated), symbolic links
     * followed, as it is opened; NULL: anywhere. */
    const char *const *dirs;
    /* It is still this file: the same device, inode, size and modification time; NULL: any. */
    const struct stat *same;
};

/* Reads the whole of PATH (at most MAX_BYTES) into *DATA (caller frees with free) and *LEN.
 * Refuses, without blocking, anything but a non-empty regular file. WHAT names the kind of file
 * in messages ("picture", "font"). On failure *DATA is NULL and ERR holds a sentence such as
 * "is a folder, not a picture file". */
bool cor_file_read(const char *path, size_t max_bytes, const char *what, unsigned char **data,
                   size_t *len, char *err, size_t err_size);

/* cor_file_read, refusing also a file that GUARD (NULL: none) does not allow: "is now outside the
 * playlist's folder ...", "changed on disk since ...". *ST (NULL: not wanted) gets the stat of
 * the file as it was opened, before its bytes were read. */
bool cor_file_read_guarded(const char *path, size_t max_bytes, const char *what,
                           const struct cor_file_guard *guard, struct stat *st, unsigned char **data,
                           size_t *len, char *err, size_t err_size);

/* Whether A and B are the same file unchanged: device, inode, size and modification time. */
bool cor_file_same(const struct stat *a, const struct stat *b);
