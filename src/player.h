/* player.h: the kiosk loop: plays a playlist fullscreen for months, reloading it live. */
#pragma once

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "log.h"
#include "model.h"

struct cor_player_options {
    const char *playlist;   /* path of the playlist file */
    const char *screen;     /* screen name for `screens:`; NULL: the host name */
    int rotate;             /* 0, 90, 180 or 270 */
    int window_w, window_h; /* > 0: a desktop preview window of that size, with keys */
    bool allow_quit;        /* q and Escape quit in fullscreen too */
    bool never_sleep;       /* the playlist's power schedule is not followed on this screen */
    bool identify;          /* the identify page (name, addresses, QR code) instead of slides */
    double identify_for_s;  /* ... for this long after start, then the playlist (0: always) */
    const char *identify_addresses; /* for tests: shown instead of the machine's (identify.h) */
    bool has_now;           /* start the clock at NOW, then run on in real time */
    time_t now;
    double poll_s;                 /* stat() check of every watched file this often (0: off) */
    const char *status_path;       /* NULL: no status file */
    const char *screenshot_path;   /* NULL: no screenshots */
    double screenshot_every_s;     /* 0: only on SIGUSR1 */
    const char *const *allow_dirs; /* extra folders files may come from, NULL-terminated */
    const char *metrics_path;      /* NULL: no Prometheus textfile (metrics.h) */
    const char *play_log_path;     /* NULL: no play log (playlog.h) */
    double play_log_max_kb;        /* its size bound (0: COR_PLAYLOG_MAX_BYTES) */
    double play_log_files;         /* files kept, itself included (0: COR_PLAYLOG_FILES) */

    /* Instead of NOW: the civil minute to start at, in the playlist's own zone (as --now is
     * typed); converted once the playlist says which zone it keeps. */
    bool has_now_civil;
    cor_minute now_civil;
    /* For tests: simulated time runs this many times real time (0 or 1: real time). */
    double clock_rate;
    /* For tests: stop cleanly after this much simulated time (0: never). */
    double exit_after_s;
    /* For tests: behave as though the system clock were wrong (cor_clock_trusted false). */
    bool distrust_clock;
};

/* cor_player_run's status when a display was plugged in or out on the console: everything is
 * closed, and the caller starts corridor again so that SDL opens the screen in its new mode. */
#define COR_PLAYER_RESTART 75

/* Plays until SIGTERM or SIGINT (or a quit key). Returns the process exit status: 0 after a clean
 * stop, 1 when the display could not be opened or the first playlist never loaded and nothing
 * could be shown at all, COR_PLAYER_RESTART when the displays changed. */
int cor_player_run(const struct cor_player_options *opts);
