/* schedule.h: what plays at a given civil minute. Pure: time is a parameter, no clock is read. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

enum cor_skip {
    COR_PLAYS,
    COR_SKIP_OTHER_SCREEN,  /* `screens` does not name this screen */
    COR_SKIP_NOT_YET,       /* before `when.from` */
    COR_SKIP_ENDED,         /* at or after `when.until` */
    COR_SKIP_WRONG_DAY,     /* `when.days` leaves out today */
    COR_SKIP_OUTSIDE_HOURS, /* `when.hours` leaves out this minute */
    COR_SKIP_NO_SESSIONS,   /* a sessions slide with no session on now or to come in view, and
                               no `when_empty` */
    COR_SKIP_CLOCK_WRONG,   /* the clock cannot be trusted, and the slide has a schedule or
                             * shows sessions */
};

/* Decides whether SLIDE plays at NOW on SCREEN (NULL: any screen). CLOCK_TRUSTED false means the
 * system clock is clearly wrong: only slides without a schedule play. The one decision check,
 * explain, render and the player all take: a sessions slide plays while a session in its view is
 * on now or still to come (finished ones alone are the past, not a timetable), or with
 * `when_empty` its sentence; the pages it then has are cor_schedule_sessions' live rows laid out,
 * so every page holds a session on now or to come. */
enum cor_skip cor_schedule_slide(const struct cor_slide *slide, const char *screen, cor_minute now,
                                 bool clock_trusted);

/* Writes a sentence for the comms team on why SLIDE is skipped at NOW, e.g.
 * "outside its hours (08:00-18:00)" or "ended on Friday 22 March 2024". */
void cor_schedule_describe(const struct cor_slide *slide, enum cor_skip why, cor_minute now,
                           char *buf, size_t size);

enum cor_session_state {
    COR_SESSION_FINISHED,
    COR_SESSION_ON_NOW,
    COR_SESSION_NEXT, /* the next to start: the earliest start after NOW (ties all marked) */
    COR_SESSION_LATER,
};

struct cor_session_view {
    const struct cor_session *session;
    enum cor_session_state state;
};

/* Fills OUT (room for CAP) with the sessions SLIDE shows at NOW, in time order: today's,
 * the coming `days`, or all, as `show` says; finished ones left out when `finished: hide`.
 * Returns how many there are in all (may exceed CAP; only CAP are written). */
size_t cor_schedule_sessions(const struct cor_slide *slide, cor_minute now,
                             struct cor_session_view *out, size_t cap);

/* How many of the sessions SLIDE shows at NOW are on now or still to come. */
size_t cor_schedule_live(const struct cor_slide *slide, cor_minute now);

/* The first minute after NOW at which anything this module decides about PLAYLIST changes
 * (a `when` window opens or closes, a session starts or ends, midnight). */
cor_minute cor_schedule_next_change(const struct cor_playlist *playlist, cor_minute now);
