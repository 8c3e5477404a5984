/* fuzz_util.h: helpers the fuzz targets share: their folders, writing and copying files. */
#pragma once

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The folder "$TMPDIR/corridor-WHAT-UID" (TMPDIR defaults to /tmp) into DIR. libFuzzer often
 * ends a process without running atexit handlers, and fork mode starts many processes, so the
 * folder is shared and kept between runs rather than made afresh by each process. */
static inline void fuzz_folder_name(char *dir, size_t size, const char *what)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, size, "%s/corridor-%s-%u", tmp && *tmp ? tmp : "/tmp", what, (unsigned)getuid());
}

/* Makes a fresh folder under $TMPDIR named after WHAT into DIR, for filling before it is renamed
 * into place; exits on failure, since a fuzzer without its folder would only report noise. */
static inline void fuzz_make_dir(char *dir, size_t size, const char *what)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, size, "%s/corridor-%s-XXXXXX", tmp && *tmp ? tmp : "/tmp", what);
    if (!mkdtemp(dir)) {
        fprintf(stderr, "%s: cannot make a folder in %s: %s\n", what, tmp ? tmp : "/tmp",
                strerror(errno));
        exit(2);
    }
}

/* Writes LEN bytes of DATA to PATH; false (with a message) when it cannot. */
static inline bool fuzz_write(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f) {
        fprintf(stderr, "fuzz: cannot write %s: %s\n", path, strerror(errno));
        return false;
    }
    bool ok = fwrite(data, 1, len, f) == len;
    ok = fclose(f) == 0 && ok;
    if (!ok)
        fprintf(stderr, "fuzz: cannot write %s\n", path);
    return ok;
}

/* Reads a whole small file into a malloc'd buffer; NULL when it cannot. */
static inline unsigned char *fuzz_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    unsigned char *buf = NULL;
    size_t cap = 0, n = 0;
    for (;;) {
        if (n == cap) {
            cap = cap ? cap * 2 : 65536;
            unsigned char *nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
        }
        size_t r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (r == 0)
            break;
    }
    fclose(f);
    *len = n;
    return buf;
}

/* Copies SRC to DST; false when it cannot. */
static inline bool fuzz_copy(const char *src, const char *dst)
{
    size_t len;
    unsigned char *data = fuzz_slurp(src, &len);
    if (!data) {
        fprintf(stderr, "fuzz: cannot read %s\n", src);
        return false;
    }
    bool ok = fuzz_write(dst, data, len);
    free(data);
    return ok;
}
