/* power_schedule.h: whether a playlist's power schedule (`power:`) wants the screen on or off at
 * a given time, when that next changes, and why. Pure: time is a parameter; no SDL, no devices.
 * cor_power_plan_at (power_clock.c) converts real time in the playlist's zone; the rest is pure. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"

enum cor_power_want { COR_POWER_WANT_ON, COR_POWER_WANT_OFF };

struct cor_power_plan {
    enum cor_power_want want;
    int64_t next_change; /* unix seconds of the next change of `want`; INT64_MAX when none */
    char why[160];       /* e.g. "screen off (power: weekdays 07:00-19:30)": for explain, the
                            status file and the journal */
};

/* The same in the playlist's civil time: NEXT_CHANGE is a civil minute (INT64_MAX: none). */
struct cor_power_civil_plan {
    enum cor_power_want want;
    cor_minute next_change;
    char why[160];
};

/* What PLAYLIST's power schedule wants for the screen named SCREEN (NULL: unnamed) at NOW, unix
 * seconds, in the playlist's time zone. No schedule, or an untrusted clock: on. */
void cor_power_plan_at(const struct cor_playlist *playlist, const char *screen, int64_t now,
                       bool clock_trusted, struct cor_power_plan *out);

/* The same at civil minute NOW: the pure core, for explain and the tests. */
void cor_power_plan_civil(const struct cor_playlist *playlist, const char *screen, cor_minute now,
                          bool clock_trusted, struct cor_power_civil_plan *out);

/* Writes when PLAN's answer next changes, in civil time: "it comes on at 07:00 on Tuesday 8
 * December 2026", "it goes off at 19:30 on ...", or "it stays off" when it never does. */
void cor_power_describe_next(const struct cor_power_civil_plan *plan, char *buf, size_t size);

/* The schedule of PLAYLIST that applies to SCREEN: the first that names it, else the first that
 * names no screen; NULL when none does (an unnamed screen takes only one that names none). */
const struct cor_power *cor_power_for_screen(const struct cor_playlist *playlist,
                                             const char *screen);
