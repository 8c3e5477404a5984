/* status.h: the player's status file (JSON, written atomically) and the small text buffer and
 * atomic-write helpers it is built from. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "schedule.h"

struct cor_drm_state;

/* A growing text buffer. A failed allocation sets FAILED and later appends do nothing. */
struct cor_buf {
    char *data; /* NUL-terminated once anything was appended (owned) */
    size_t len, cap;
    bool failed;
};

void cor_buf_free(struct cor_buf *b);
void cor_buf_append(struct cor_buf *b, const char *s, size_t n);
void cor_buf_puts(struct cor_buf *b, const char *s);
void cor_buf_printf(struct cor_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends S as a JSON string: quoted, with '"', '\\' and control characters escaped, and bytes
 * that are not UTF-8 replaced by U+FFFD so the file stays valid JSON. S NULL appends null. */
void cor_buf_json_string(struct cor_buf *b, const char *s);

/* Writes "2024-03-19T10:30:05.250Z" for WALL_MS (milliseconds since the epoch, UTC). */
void cor_format_utc(int64_t wall_ms, char *buf, size_t size);

/* Creates an empty temporary file beside PATH (same folder, so rename() is atomic), writes its
 * name into TMP, and returns its descriptor, or -1 (logged). */
int cor_atomic_begin(const char *path, char *tmp, size_t tmp_size);
/* Makes TMP readable by everyone and renames it over PATH; removes TMP on failure (logged). */
bool cor_atomic_commit(const char *tmp, const char *path);
/* Writes DATA to PATH atomically: readers see the old file or the new one, never part of one. */
bool cor_write_atomic(const char *path, const void *data, size_t len);

/* Resident memory of this process in KiB from /proc/self/statm, or -1. */
long cor_rss_kb(void);

/* An urgent notice found beside the playlist, for the status file's `urgent` object. */
struct cor_status_urgent {
    const char *state; /* "up", "other screens" (screens: names others), "ended" (until passed) */
    const char *file;
    const char *title;
    const char *style;          /* "full" or "banner" */
    int64_t since_ms, until_ms; /* since: when it went up (0: not up); until 0: none */
    const char *const *screens; /* none: every screen */
    size_t n_screens;
    const char *problem; /* the first mistake in urgent.yaml, or NULL */
};

/* The screen's power, for the status file's `power` object (strings NULL: null). */
struct cor_status_power {
    bool on;            /* false: off for the night, nothing drawn */
    bool managed;       /* a power schedule applies to this screen (and never_sleep is not set) */
    const char *why;    /* the schedule's reason */
    int64_t since_ms, sent_ms, next_change_ms; /* 0: none */
    const char *cec_port, *cec_sent, *cec_bytes, *cec_result, *tv_power;
    const char *dpms; /* "on", "off", "refused", or NULL: none */
};

/* Everything the status file reports. Times are wall-clock ms since the epoch (0: none). */
struct cor_status {
    const char *screen;
    bool has_playlist; /* false while no playlist ever loaded (the built-in fallback plays) */
    const char *playlist_path;
    const char *playlist_name;
    uint64_t hash;
    int64_t loaded_at_ms;
    unsigned generation; /* playlists loaded since start */

    int slide_index;        /* 1-based; 0 for the fallback slide */
    const char *slide_type; /* "sessions", ..., "fallback" */
    const char *slide_title;
    int page, pages;            /* 1-based */
    int64_t since_ms, until_ms; /* when the page went up and comes down (until 0: not timed) */
    bool paused;
    const struct cor_session_view *sessions; /* the sessions a sessions slide shows */
    size_t n_sessions;
    const struct cor_status_urgent *urgent; /* NULL: no notice in the playlist's folder */
    const struct cor_status_power *power;   /* NULL: not reported */

    bool reload_ok;
    int64_t reload_at_ms;
    const char *const *errors; /* "FILE:LINE:COL: message" */
    size_t n_errors;
    const char *const *warnings;
    size_t n_warnings;

    int64_t now_ms;
    int64_t started_ms; /* when the player started */
    bool clock_trusted;
    double uptime_s;
    long rss_kb;
    unsigned long wakeups, frames;
    int64_t last_frame_ms; /* when the last frame was put on the screen */
    /* On the console: the DRM cards and their connectors (a display plugged in or out restarts
     * the player, so these are the connectors now); NULL in a window or headless. */
    const struct cor_drm_state *displays;
    /* making transition frames (compose and present) since start: how many, and in ms */
    unsigned long transition_frames;
    double frame_ms_median, frame_ms_p99, frame_ms_worst;
    /* video slides: frames dropped since start, and the last clip that stalled or broke ("")*/
    unsigned long video_dropped;
    const char *video_problem;
};

/* The status as JSON text ending in a newline (caller frees), or NULL when out of memory. */
char *cor_status_json(const struct cor_status *s);
/* Writes the status to PATH atomically. */
bool cor_status_write(const char *path, const struct cor_status *s);
