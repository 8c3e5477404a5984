/* userfile.c: reading a file someone named in a playlist (a picture, a font) whole, safely. */
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
        cor_say(err, size, "does not exist");
        break;
    case ENOTDIR:
        cor_say(err, size, "does not exist (part of its path is not a folder)");
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

/* False with a sentence when MODE is not a regular file. */
static bool regular(mode_t mode, const char *what, char *err, size_t size)
{
    if (S_ISREG(mode))
        return true;
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
    /* Look before opening, so that opening never touches a device. */
    if (stat(path, &st) != 0) {
        say_open_error(err, err_size, errno);
        return false;
    }
    if (!regular(st.st_mode, what, err, err_size))
        return false;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        say_open_error(err, err_size, errno);
        return false;
    }
    if (fstat(fd, &st) != 0) {
        cor_say(err, err_size, "cannot be read: %s", strerror(errno));
        close(fd);
        return false;
    }
    if (!regular(st.st_mode, what, err, err_size) ||
        (guard && !guard_allows(guard, fd, path, &st, err, err_size))) {
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
        cor_say(err, err_size, "is %.1f MB; corridor reads %s files up to %zu MB: make it smaller",
                (double)st.st_size / (1024.0 * 1024.0), what, max_bytes / (1024u * 1024u));
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
