/* userfile.c: opening and reading the files people name (the playlist, session files, pictures,
 * fonts): without blocking, bounded, with one set of sentences and one unit (MB = 2^20 bytes). */
#include "userfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "paths.h"

static void say_open_error(char *err, size_t size, int e)
{
    switch (e) {
    case ENOENT:
    case ENOTDIR:
        cor_say(err, size, "does not exist");
        break;
    case EACCES:
    case EPERM:
        cor_say(err, size,
                "cannot be read: permission denied; let corridor's user read it (chmod a+r)");
        break;
    case ELOOP:
        cor_say(err, size, "cannot be opened: its symbolic links go round in a loop");
        break;
    default:
        cor_say(err, size, "cannot be opened: %s", strerror(e));
        break;
    }
}

/* False with a sentence when MODE is not a regular file. WHAT: the kind of file, or NULL. */
static bool regular(mode_t mode, const char *what, char *err, size_t size)
{
    if (S_ISREG(mode))
        return true;
    if (!what) {
        cor_say(err, size,
                S_ISDIR(mode) ? "is a folder, not a file"
                              : "is not an ordinary file (a pipe or a device)");
        return false;
    }
    const char *is = S_ISDIR(mode)                    ? "a folder"
                     : S_ISFIFO(mode)                 ? "a named pipe (FIFO)"
                     : S_ISCHR(mode) || S_ISBLK(mode) ? "a device"
                     : S_ISSOCK(mode)                 ? "a socket"
                                                      : "not an ordinary file";
    cor_say(err, size, "is %s, not a %s file: name the %s file itself", is, what, what);
    return false;
}

bool cor_file_same(const struct stat *a, const struct stat *b)
{
    return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_size == b->st_size &&
           a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

/* Whether the file open as FD (named PATH, with stat ST) is one GUARD allows; a sentence in ERR
 * when not. Where it is is read from the descriptor itself, so a link swapped in after it was
 * opened changes nothing. */
static bool guard_allows(const struct cor_file_guard *guard, int fd, const char *path,
                         const struct stat *st, char *err, size_t size)
{
    if (guard->dirs) {
        char self[64];
        snprintf(self, sizeof(self), "/proc/self/fd/%d", fd);
        struct stat named;
        bool inside = cor_path_inside(self, guard->dirs);
        /* Without /proc: by its name, if that still names the file opened. */
        if (!inside && access("/proc/self/fd", F_OK) != 0)
            inside = stat(path, &named) == 0 && named.st_dev == st->st_dev &&
                     named.st_ino == st->st_ino && cor_path_inside(path, guard->dirs);
        if (!inside) {
            cor_say(err, size,
                    "is now outside the playlist's folder (it was replaced by a link to a file "
                    "elsewhere, or moved)");
            return false;
        }
    }
    if (guard->same && !cor_file_same(guard->same, st)) {
        cor_say(err, size, "changed on disk since the playlist was loaded");
        return false;
    }
    return true;
}

int cor_file_open(const char *path, const char *what, struct stat *st, char *err, size_t err_size)
{
    /* Look before opening, so that opening never touches a device or waits on a FIFO. */
    if (stat(path, st) != 0) {
        say_open_error(err, err_size, errno);
        return -1;
    }
    if (!regular(st->st_mode, what, err, err_size))
        return -1;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        say_open_error(err, err_size, errno);
        return -1;
    }
    if (fstat(fd, st) != 0) {
        cor_say(err, err_size, "cannot be read: %s", strerror(errno));
        close(fd);
        return -1;
    }
    if (!regular(st->st_mode, what, err, err_size)) {
        close(fd);
        return -1;
    }
    return fd;
}

bool cor_file_check(const char *path, char *err, size_t err_size)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        say_open_error(err, err_size, errno);
        return false;
    }
    if (!regular(st.st_mode, NULL, err, err_size))
        return false;
    if (access(path, R_OK) != 0) {
        say_open_error(err, err_size, EACCES);
        return false;
    }
    return true;
}

/* "is 17.2 MB; corridor reads WHAT files up to 16 MB: make it smaller" for SIZE over MAX. */
static void say_too_large(char *err, size_t err_size, double size, const char *what, size_t max)
{
    cor_say(err, err_size, "is %.1f MB; corridor reads %s%sfiles up to %zu MB: make it smaller",
            size / COR_FILE_MB, what ? what : "", what ? " " : "", max / COR_FILE_MB);
}

char *cor_file_read_text(const char *path, size_t max, size_t *len, char *err, size_t err_size)
{
    struct stat st;
    int fd = cor_file_open(path, NULL, &st, err, err_size);
    if (fd < 0)
        return NULL;
    if ((uintmax_t)st.st_size > max) {
        say_too_large(err, err_size, (double)st.st_size, NULL, max);
        close(fd);
        return NULL;
    }
    size_t cap = (size_t)st.st_size + 1;
    char *buf = malloc(cap);
    if (!buf) {
        cor_say(err, err_size, "cannot be read: out of memory for %zu bytes", cap);
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
            size_t ncap = cap * 2 < max + 1 ? cap * 2 : max + 1;
            char *nb = r > 0 && got + 1 <= max && ncap > cap ? realloc(buf, ncap) : NULL;
            if (!nb) {
                if (r < 0)
                    cor_say(err, err_size, "cannot be read: %s", strerror(errno));
                else
                    say_too_large(err, err_size, (double)got + 1, NULL, max);
                free(buf);
                close(fd);
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
            cor_say(err, err_size, "cannot be read: %s", strerror(errno));
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

bool cor_file_read(const char *path, size_t max_bytes, const char *what, unsigned char **data,
                   size_t *len, char *err, size_t err_size)
{
    return cor_file_read_guarded(path, max_bytes, what, NULL, NULL, data, len, err, err_size);
}

bool cor_file_read_guarded(const char *path, size_t max_bytes, const char *what,
                           const struct cor_file_guard *guard, struct stat *st_out,
                           unsigned char **data, size_t *len, char *err, size_t err_size)
{
    *data = NULL;
    *len = 0;
    struct stat st;
    int fd = cor_file_open(path, what, &st, err, err_size);
    if (fd < 0)
        return false;
    if (guard && !guard_allows(guard, fd, path, &st, err, err_size)) {
        close(fd);
        return false;
    }
    if (st_out)
        *st_out = st;
    if (st.st_size <= 0) {
        cor_say(err, err_size, "is empty (0 bytes): copy the %s again", what);
        close(fd);
        return false;
    }
    if ((uintmax_t)st.st_size > max_bytes) {
        say_too_large(err, err_size, (double)st.st_size, what, max_bytes);
        close(fd);
        return false;
    }
    size_t want = (size_t)st.st_size, got = 0;
    unsigned char *buf = malloc(want);
    if (!buf) {
        cor_say(err, err_size, "cannot be read: out of memory for %zu bytes", want);
        close(fd);
        return false;
    }
    while (got < want) {
        ssize_t n = read(fd, buf + got, want - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            cor_say(err, err_size, "cannot be read: %s", strerror(errno));
            free(buf);
            close(fd);
            return false;
        }
        if (n == 0)
            break; /* it shrank while we read; the decoder will find it cut short */
        got += (size_t)n;
    }
    close(fd);
    if (got == 0) {
        free(buf);
        cor_say(err, err_size, "is empty (0 bytes): copy the %s again", what);
        return false;
    }
    *data = buf;
    *len = got;
    return true;
}
