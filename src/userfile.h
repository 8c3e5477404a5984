/* userfile.h: opening and reading the files people name (the playlist, session files, pictures,
 * fonts, and whatever a later feature reads from a share), safely: looked at before opening so
 * that a device or FIFO is never opened for reading or waited on, read bounded, and refused with
 * one set of sentences ("does not exist", "is a folder, not a ... file", "cannot be read:
 * permission denied; ...", "is 17.2 MB; corridor reads ... files up to 16 MB"). */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

/* The unit of every size in these sentences: MB means 2^20 bytes. */
#define COR_FILE_MB (1024u * 1024u)

/* Opens PATH for reading without blocking, refusing anything but a regular file (WHAT names the
 * kind of file in the sentence, "picture", or NULL for just "file"). Returns the descriptor with
 * *ST its fstat, or -1 with a sentence in ERR. */
int cor_file_open(const char *path, const char *what, struct stat *st, char *err, size_t err_size);

/* Checks, without reading it, that PATH is an ordinary file this process may read; on failure
 * the sentence cor_file_open would give. */
bool cor_file_check(const char *path, char *err, size_t err_size);

/* Reads a whole text file (a playlist, a session file; it may be empty) of at most MAX bytes into
 * a malloc'd, NUL-terminated buffer, also when it grows while read. NULL with a sentence in ERR. */
char *cor_file_read_text(const char *path, size_t max, size_t *len, char *err, size_t err_size);

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
                           const struct cor_file_guard *guard, struct stat *st,
                           unsigned char **data, size_t *len, char *err, size_t err_size);

/* Whether A and B are the same file unchanged: device, inode, size and modification time. */
bool cor_file_same(const struct stat *a, const struct stat *b);
