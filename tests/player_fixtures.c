/* player_fixtures.c: see player_fixtures.h. */
#define _XOPEN_SOURCE 700 /* nftw */
#include "player_fixtures.h"
#include "test_env.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "value.h"

long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

char *slurp(const char *path, size_t *len_out)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    size_t cap = 1 << 14, len = 0;
    char *buf = malloc(cap);
    while (buf) {
        if (len + 1 == cap) {
            char *grown = realloc(buf, cap * 2);
            if (!grown) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = grown;
            cap *= 2;
        }
        ssize_t n = read(fd, buf + len, cap - 1 - len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        len += (size_t)n;
    }
    close(fd);
    if (buf)
        buf[len] = '\0';
    if (len_out)
        *len_out = len;
    return buf;
}

static int remove_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)st;
    (void)type;
    (void)ftw;
    return remove(path);
}

void remove_tree(const char *root)
{
    nftw(root, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

const char *json_after(const char *json, const char *key)
{
    char pat[64];
    snprintf(pat, sizeof(pat), "\"%s\": ", key);
    const char *p = json ? strstr(json, pat) : NULL;
    return p ? p + strlen(pat) : NULL;
}

long long iso_ms(const char *s)
{
    int y, mo, d, h, mi, sec, ms;
    if (sscanf(s, "%d-%d-%dT%d:%d:%d.%dZ", &y, &mo, &d, &h, &mi, &sec, &ms) != 7)
        return -1;
    return ((long long)cor_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec) * 1000 +
           ms;
}

long long scaled_ms(long long ms)
{
    return (long long)(ms * test_time_scale());
}

int stop_player(pid_t *pid, int wait_ms)
{
    if (*pid <= 0)
        return -1;
    kill(*pid, SIGTERM);
    int status = 0;
    long long until = now_ms() + scaled_ms(wait_ms);
    pid_t got;
    while ((got = waitpid(*pid, &status, WNOHANG)) == 0 && now_ms() < until)
        sleep_ms(10);
    if (got == 0) {
        kill(*pid, SIGKILL);
        waitpid(*pid, &status, 0);
        *pid = 0;
        return -1;
    }
    *pid = 0;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
