/* loop.c: signalfd, timerfd and poll(): the player sleeps here and nowhere else. */
#include "loop.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

#define TAG "loop"

struct cor_loop {
    sigset_t old_mask;
    int sig_fd;
    int timer_fd;    /* CLOCK_MONOTONIC, armed at the next deadline */
    int clockset_fd; /* CLOCK_REALTIME, far off, cancelled when the clock is set */
    int watch_fd;
    int urgent_fd;
    int load_fd; /* bgload.c's, while the player has one */
    unsigned long wakeups;
};

/* Arms the wall-clock timer a year ahead; a clock change cancels it, which wakes the loop. */
static void arm_clockset(struct cor_loop *l)
{
    struct timespec now;
    if (clock_gettime(CLOCK_REALTIME, &now) != 0)
        return;
    struct itimerspec its = {.it_value = {.tv_sec = now.tv_sec + 365 * 86400}};
    if (timerfd_settime(l->clockset_fd, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &its, NULL) !=
        0)
        cor_log_errno(COR_LOG_WARNING, TAG, "cannot watch for clock changes");
}

struct cor_loop *cor_loop_create(int watch_fd)
{
    struct cor_loop *l = calloc(1, sizeof(*l));
    if (!l) {
        LOG_ERR(TAG, "out of memory");
        return NULL;
    }
    l->sig_fd = l->timer_fd = l->clockset_fd = -1;
    l->watch_fd = watch_fd;
    l->urgent_fd = -1;
    l->load_fd = -1;
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGTERM);
    sigaddset(&mask, SIGINT);
    sigaddset(&mask, SIGHUP);
    sigaddset(&mask, SIGUSR1);
    int err = pthread_sigmask(SIG_BLOCK, &mask, &l->old_mask);
    if (err != 0) {
        errno = err;
        cor_log_errno(COR_LOG_ERROR, TAG, "cannot block signals");
        free(l);
        return NULL;
    }
    l->sig_fd = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
    if (l->sig_fd < 0) {
        cor_log_errno(COR_LOG_ERROR, TAG, "signalfd");
        goto fail;
    }
    l->timer_fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
    if (l->timer_fd < 0) {
        cor_log_errno(COR_LOG_ERROR, TAG, "timerfd");
        goto fail;
    }
    l->clockset_fd = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK | TFD_CLOEXEC);
    if (l->clockset_fd < 0)
        cor_log_errno(COR_LOG_WARNING, TAG, "timerfd for clock changes");
    else
        arm_clockset(l);
    return l;
fail:
    cor_loop_free(l);
    return NULL;
}

static unsigned read_signals(struct cor_loop *l);

static void close_fd(int fd)
{
    if (fd >= 0 && close(fd) != 0)
        cor_log_errno(COR_LOG_WARNING, TAG, "close");
}

void cor_loop_free(struct cor_loop *l)
{
    if (!l)
        return;
    /* Take any signal still pending (a second SIGTERM during shutdown), so that unblocking
     * does not let it kill the process on its way out. */
    if (l->sig_fd >= 0)
        read_signals(l);
    close_fd(l->sig_fd);
    close_fd(l->timer_fd);
    close_fd(l->clockset_fd);
    pthread_sigmask(SIG_SETMASK, &l->old_mask, NULL);
    free(l);
}

static bool arm_deadline(struct cor_loop *l, int64_t deadline_ns)
{
    struct itimerspec its;
    memset(&its, 0, sizeof(its));
    if (deadline_ns != INT64_MAX) {
        if (deadline_ns < 1)
            deadline_ns = 1; /* zero would disarm; any past time fires at once */
        its.it_value.tv_sec = (time_t)(deadline_ns / 1000000000);
        its.it_value.tv_nsec = (long)(deadline_ns % 1000000000);
    }
    if (timerfd_settime(l->timer_fd, TFD_TIMER_ABSTIME, &its, NULL) != 0) {
        cor_log_errno(COR_LOG_ERROR, TAG, "cannot set the timer");
        return false;
    }
    return true;
}

static unsigned read_signals(struct cor_loop *l)
{
    unsigned wake = 0;
    struct signalfd_siginfo si;
    for (;;) {
        ssize_t n = read(l->sig_fd, &si, sizeof(si));
        if (n < 0 && errno == EINTR)
            continue;
        if (n != (ssize_t)sizeof(si))
            break;
        switch (si.ssi_signo) {
        case SIGTERM:
        case SIGINT:
            LOG_INFO(TAG, "signal %s: stopping", si.ssi_signo == SIGTERM ? "TERM" : "INT");
            wake |= COR_WAKE_STOP;
            break;
        case SIGHUP:
            LOG_INFO(TAG, "signal HUP: reloading");
            wake |= COR_WAKE_RELOAD;
            break;
        case SIGUSR1:
            LOG_INFO(TAG, "signal USR1: screenshot");
            wake |= COR_WAKE_SHOT;
            break;
        default:
            break;
        }
    }
    return wake;
}

unsigned cor_loop_wait(struct cor_loop *l, int64_t deadline_ns)
{
    struct pollfd fds[6];
    nfds_t n = 0;
    fds[n++] = (struct pollfd){.fd = l->sig_fd, .events = POLLIN};
    fds[n++] = (struct pollfd){.fd = l->timer_fd, .events = POLLIN};
    if (l->clockset_fd >= 0)
        fds[n++] = (struct pollfd){.fd = l->clockset_fd, .events = POLLIN};
    if (l->watch_fd >= 0)
        fds[n++] = (struct pollfd){.fd = l->watch_fd, .events = POLLIN};
    if (l->urgent_fd >= 0)
        fds[n++] = (struct pollfd){.fd = l->urgent_fd, .events = POLLIN};
    if (l->load_fd >= 0)
        fds[n++] = (struct pollfd){.fd = l->load_fd, .events = POLLIN};

    /* Without a working timer, wake at least every second rather than sleep forever. */
    int timeout = arm_deadline(l, deadline_ns) ? -1 : 1000;
    int ready = poll(fds, n, timeout);
    l->wakeups++;
    if (ready < 0) {
        if (errno != EINTR)
            cor_log_errno(COR_LOG_ERROR, TAG, "poll");
        return 0;
    }
    unsigned wake = 0;
    for (nfds_t i = 0; i < n; i++) {
        if (!(fds[i].revents & (POLLIN | POLLERR | POLLHUP)))
            continue;
        int fd = fds[i].fd;
        if (fd == l->sig_fd) {
            wake |= read_signals(l);
        } else if (fd == l->watch_fd) {
            wake |= COR_WAKE_FILES;
        } else if (fd == l->urgent_fd) {
            wake |= COR_WAKE_URGENT;
        } else if (fd == l->load_fd) {
            wake |= COR_WAKE_LOADED; /* the reader of the descriptor empties it */
        } else {
            uint64_t expirations;
            ssize_t r = read(fd, &expirations, sizeof(expirations));
            if (fd == l->clockset_fd) {
                if (r < 0 && errno == ECANCELED)
                    wake |= COR_WAKE_CLOCK_SET;
                arm_clockset(l); /* cancelled or (a year on) expired: either way, again */
            }
        }
    }
    return wake;
}

void cor_loop_set_urgent_fd(struct cor_loop *l, int urgent_fd)
{
    l->urgent_fd = urgent_fd;
}

void cor_loop_set_load_fd(struct cor_loop *l, int load_fd)
{
    l->load_fd = load_fd;
}

unsigned long cor_loop_wakeups(const struct cor_loop *l)
{
    return l->wakeups;
}
