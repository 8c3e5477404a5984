/* userfile.h: reading a file someone named in a playlist (a picture, a font) whole, safely. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

/* Reads the whole of PATH (at most MAX_BYTES) into *DATA (caller frees with free) and *LEN.
 * Refuses, without blocking, anything but a non-empty regular file. WHAT names the kind of file
 * in messages ("picture", "font"). On failure *DATA is NULL and ERR holds a sentence such as
 * "is a folder, not a picture file". */
bool cor_file_read(const char *path, size_t max_bytes, const char *what, unsigned char **data,
                   size_t *len, char *err, size_t err_size);
