/* ics.h: an iCalendar (.ics) file exported from Outlook, Teams or Google turned into sessions. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"

struct cor_arena;
struct cor_diags;

/* Bounds on what a calendar file may hold (beyond them it is refused or cut, with a message). */
#define COR_ICS_MAX_BYTES (4u * 1024u * 1024u)
#define COR_ICS_MAX_LINE 8192      /* bytes in one physical line */
#define COR_ICS_MAX_DEPTH 6        /* BEGIN: inside BEGIN: */
#define COR_ICS_MAX_EVENTS 5000    /* VEVENTs in one file */
#define COR_ICS_MAX_SESSIONS 2000  /* sessions one file gives over the days a slide can show */
#define COR_ICS_MAX_STEPS 100000   /* steps through one repeating rule */

/* What the calendar gave: its sessions (sorted by day, then start), and counts for `check`. */
struct cor_ics_result {
    struct cor_session *sessions; /* in ARENA */
    size_t n_sessions;
    size_t n_events;    /* VEVENTs in the file, moved occurrences included */
    size_t n_cancelled; /* cancelled events and occurrences, not shown */
    size_t n_unusable;  /* events it cannot use (each has a warning saying why) */
};

/* Reads the calendar TEXT (LEN bytes) of the file shown as FILE and expands its events over the
 * playlist days FIRST_DAY..LAST_DAY (inclusive), at the civil times of ZONE (the playlist's
 * zone; NULL: the system's). Sessions and strings go in ARENA. A damaged file is an error at
 * FILE:LINE in DIAGS and false; events it cannot use are warnings at their line. */
bool cor_ics_read(const char *text, size_t len, const char *file, int32_t first_day,
                  int32_t last_day, const char *zone, struct cor_arena *arena,
                  struct cor_diags *diags, struct cor_ics_result *out);

/* The IANA zone for a Windows zone name as Outlook writes it ("GMT Standard Time"), or NULL. */
const char *cor_ics_windows_zone(const char *windows_name);
