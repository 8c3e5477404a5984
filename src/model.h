/* model.h: the typed playlist the loader builds; everything after the loader reads only this. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cor_arena;

/* A colour with straight alpha. */
struct cor_color {
    uint8_t r, g, b, a;
};

/* Where a value stood in its file, for messages. LINE and COL are 1-based. */
struct cor_pos {
    const char *file; /* as the user named it (arena) */
    int line, col;
};

/* Civil (wall-clock) time in the playlist's zone, counted in minutes since 1970-01-01 00:00.
 * Dates are days since 1970-01-01; day * 1440 + minute of day gives the minute. */
typedef int64_t cor_minute;
#define COR_MINUTES_PER_DAY 1440

enum cor_slide_type {
    COR_SLIDE_SESSIONS,
    COR_SLIDE_IMAGE,
    COR_SLIDE_QUOTE,
    COR_SLIDE_TEXT,
    COR_SLIDE_VIDEO,
    COR_SLIDE_TYPE_COUNT,
};

enum cor_transition {
    COR_TRANSITION_NONE,
    COR_TRANSITION_FADE,
    COR_TRANSITION_SLIDE,
};

enum cor_show {
    COR_SHOW_TODAY,
    COR_SHOW_UPCOMING,
    COR_SHOW_ALL,
};

enum cor_finished {
    COR_FINISHED_DIM,
    COR_FINISHED_HIDE,
};

enum cor_fit {
    COR_FIT_CONTAIN,
    COR_FIT_COVER,
};

/* A file the playlist names: as written, and resolved to an absolute path. */
struct cor_file {
    const char *name; /* as written in the playlist, NULL when absent */
    const char *path; /* absolute, resolved against the playlist's folder */
    struct cor_pos pos;
};

/* One session of a timetable. */
struct cor_session {
    int32_t day;       /* days since 1970-01-01 */
    int16_t start_min; /* minutes after midnight */
    int16_t end_min;   /* minutes after midnight, > start_min (1440 = midnight at the end;
                          more: the next morning, for a session that runs past midnight) */
    const char *title;
    const char *host;  /* NULL when absent */
    const char *where; /* NULL when absent */
    const char *link;  /* NULL when absent */
    struct cor_pos pos;
};

/* A daily window of hours: [from_min, until_min). */
struct cor_hours {
    int16_t from_min, until_min;
};

/* Bits of cor_when.days, Monday first. */
enum {
    COR_DAY_MON = 1 << 0,
    COR_DAY_TUE = 1 << 1,
    COR_DAY_WED = 1 << 2,
    COR_DAY_THU = 1 << 3,
    COR_DAY_FRI = 1 << 4,
    COR_DAY_SAT = 1 << 5,
    COR_DAY_SUN = 1 << 6,
    COR_DAYS_ALL = 0x7f,
};

/* A slide's schedule. A slide with no `when` has present = false and always plays. */
struct cor_when {
    bool present;
    bool has_from, has_until;
    cor_minute from;  /* inclusive */
    cor_minute until; /* exclusive; a date without a time means the end of that day */
    uint8_t days;     /* COR_DAY_* bits; COR_DAYS_ALL when not given */
    struct cor_hours *hours;
    size_t n_hours; /* 0: all day */
    struct cor_pos pos;
};

/* The words of a slide, for messages that name which of them is too long. */
enum cor_field {
    COR_FIELD_TITLE,
    COR_FIELD_SUBTITLE,
    COR_FIELD_BODY,
    COR_FIELD_QUOTE, /* a quote slide's `text` */
    COR_FIELD_NAME,
    COR_FIELD_ROLE,
    COR_FIELD_WHEN_EMPTY,
    COR_FIELD_COUNT,
};

struct cor_slide {
    enum cor_slide_type type;
    int index; /* 1-based position in the playlist */
    struct cor_pos pos;

    uint32_t duration_ms; /* per page */
    enum cor_transition transition;
    uint32_t transition_ms;
    struct cor_when when;
    const char **screens; /* NULL when every screen shows it */
    size_t n_screens;
    struct cor_color background, text_color, accent; /* theme colours with overrides applied */

    /* sessions and text */
    const char *title;
    /* sessions */
    enum cor_show show;
    int days; /* with show: upcoming, days ahead including today (default 7) */
    enum cor_finished finished;
    const char *when_empty;       /* NULL: skip the slide when it has no sessions to show */
    struct cor_session *sessions; /* sorted by day, then start, then the order written */
    size_t n_sessions;
    struct cor_file sessions_file; /* name NULL when the sessions are inline */
    /* With an .ics session file: its events, those cancelled and those it cannot use. */
    bool from_calendar;
    size_t calendar_events, calendar_cancelled, calendar_unusable;
    /* image and video */
    struct cor_file file;
    enum cor_fit fit;
    /* video: plays LOOPS times (0: as long as the slide's `duration`); the clip's facts, read
     * when the playlist was checked with its files (0 and -1 otherwise) */
    unsigned loops;
    bool duration_given;
    int clip_w, clip_h;
    int64_t clip_ms;
    /* quote */
    const char *quote; /* the `text` of a quote slide */
    const char *name;
    const char *role;
    struct cor_file photo;
    /* text */
    const char *subtitle;
    const char *body;
    /* Where each of the words above was written (line 0 when it was not). */
    struct cor_pos field_pos[COR_FIELD_COUNT];
};

struct cor_theme {
    struct cor_color background, text, accent;
    const char *font;          /* family name, or NULL with font_file set */
    struct cor_file font_file; /* a font file the playlist names */
    struct cor_file logo;
    const char *footer; /* NULL when absent */
    bool clock;
    struct cor_pos footer_pos; /* where `footer:` was written */
};

struct cor_defaults {
    uint32_t duration_ms;
    enum cor_transition transition;
    uint32_t transition_ms;
};

/* The screen's hours on one day of a power schedule: the windows in which it is on. */
struct cor_power_hours {
    struct cor_hours *on; /* until_min may pass 1440: on until that time the next morning */
    size_t n_on;          /* 0: off all day */
    struct cor_pos pos;
};

/* A line of a power schedule for days of the week ("weekdays: 07:00-19:30"). */
struct cor_power_days {
    uint8_t days;    /* COR_DAY_* bits */
    const char *key; /* as written, for explain: "weekdays" */
    struct cor_power_hours hours;
};

/* A line of a power schedule for dates ("25 December 2026: off"), over the days of the week. */
struct cor_power_dates {
    int32_t first, last; /* days since 1970-01-01, both included */
    const char *key;     /* as written: "25 December 2026", "24 December 2026 to 2 January 2027" */
    struct cor_power_hours hours;
};

/* Most ranges of hours one line of a power schedule takes, and most lines under `dates`. */
#define COR_POWER_MAX_RANGES 12
#define COR_POWER_MAX_DATES  500

/* When the screen is on (`power:`). A day that no line names is on all day. */
struct cor_power {
    struct cor_power_days *days;
    size_t n_days;
    struct cor_power_dates *dates;
    size_t n_dates;
    const char **screens; /* NULL: every screen not named by another schedule */
    size_t n_screens;
    struct cor_pos pos;
};

struct cor_playlist {
    struct cor_arena *arena;  /* owns everything below */
    const char *path;         /* absolute path of the playlist file */
    const char *dir;          /* its folder */
    const char *display_path; /* as the user named it */
    const char *name;         /* NULL when absent */
    const char *timezone;     /* NULL: the system's zone */
    struct cor_theme theme;
    struct cor_defaults defaults;
    struct cor_slide *slides;
    size_t n_slides;
    /* Every file the playlist depends on (itself, session files, images, fonts, logo),
     * absolute and without repeats: what a player watches. */
    const char **files;
    size_t n_files;
    uint64_t hash; /* FNV-1a of the playlist's bytes and its session files' bytes */
    /* The folders its files may be in (its own and those allowed with --allow-dir), as real
     * paths, NULL-terminated: a picture read again later is held to them too. NULL: anywhere. */
    const char *const *allowed_dirs;
    /* The power schedules (`power:`), in the order written; none: the screen is always on. */
    struct cor_power *power;
    size_t n_power;
};

/* Names for messages and status. */
const char *cor_slide_type_name(enum cor_slide_type type);
const char *cor_transition_name(enum cor_transition t);
/* A short name for SLIDE in listings: its title (or subtitle), the quote's author, or the image
 * file as written; "" when it has none. Points into the playlist. */
const char *cor_slide_label(const struct cor_slide *slide);
/* The key a field is written under ("text" for a quote), for messages. */
const char *cor_field_key(enum cor_field f);
/* qsort order of sessions: by day, then start, then where they were written. */
int cor_session_compare(const void *x, const void *y);
