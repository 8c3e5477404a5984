/* value.h: parsers for the values people type into a playlist: dates, times, ranges, durations,
 * colours, days. Pure functions: text in, typed value or a helpful message out. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"

/* Each parser returns true and fills *out, or returns false and writes into ERR (ERR_SIZE
 * bytes) the part of a message after "FILE:LINE:COL: ": what is wrong; what to write instead.
 * ERR may be NULL. Parsers accept surrounding spaces and any letter case. */

/* Dates: 2024-03-19, 19 March 2024, 19 Mar 2024, Tuesday 19 March 2024 (also "Tue 19 March
 * 2024", "19th March 2024"). A weekday that does not match the date is an error. 19/03/2024 and
 * dates without a year are refused with the accepted forms. *out: days since 1970-01-01. */
bool cor_parse_date(const char *s, int32_t *out, char *err, size_t err_size);

/* Times of day: 10:00, 9:30, 9.30am, 12pm, 4.45pm, 16:45, 9 am, 12 noon, midday.
 * *out: minutes after midnight, 0..1439. 24:00 is accepted only where allow_24 is true. */
bool cor_parse_time(const char *s, bool allow_24, int *out, char *err, size_t err_size);

/* Ranges: "9am to 4.45pm", "09:00-16:45", "9am–4.45pm" (en dash), "9am - 4.45pm".
 * The end must be after the start; an end of 24:00 or midnight means the end of the day. A
 * range that starts in the evening (from COR_OVERNIGHT_FROM) and ends in the morning (until
 * COR_OVERNIGHT_UNTIL) runs past midnight: "10pm to 2am" ends at 02:00 the next day.
 * *start and *end in minutes after midnight; *end may be up to 1440 + COR_OVERNIGHT_UNTIL. */
bool cor_parse_time_range(const char *s, int *start, int *end, char *err, size_t err_size);
#define COR_OVERNIGHT_FROM  (16 * 60)
#define COR_OVERNIGHT_UNTIL (8 * 60)

/* True when S is a time of day, or a range, whose start is an hour from 1 to 6 written without
 * am, pm or a leading zero ("2", "2.30", "2 to 3.30"): read as early morning, it is usually an
 * afternoon time that lost its pm. PM (may be NULL) receives S with pm added: "2pm to 3.30pm". */
bool cor_time_looks_afternoon(const char *s, char *pm, size_t pm_size);

/* A date, or a date and a time ("2024-03-19 09:00", "19 March 2024 9am", "2024-03-19T09:00").
 * *out: civil minutes; *has_time says whether a time was given. */
bool cor_parse_datetime(const char *s, cor_minute *out, bool *has_time, char *err, size_t err_size);

/* Durations: 10 (seconds), 10s, 90s, 1m, 1m30s, 0.8s, 1.5m, 2h, 500ms. Zero, negatives and
 * more than 24 hours are refused. *out in milliseconds. */
bool cor_parse_duration(const char *s, uint32_t *out, char *err, size_t err_size);

/* Colours: "#RRGGBB", "#RGB", "#RRGGBBAA", and the CSS colour names (case-insensitive). */
bool cor_parse_color(const char *s, struct cor_color *out, char *err, size_t err_size);

/* A day name (mon, monday, Tue, ...) to its COR_DAY_* bit; also "weekdays", "weekends",
 * "every day"/"daily" to a mask. */
bool cor_parse_days_word(const char *s, uint8_t *out, char *err, size_t err_size);

/* The key of a schedule (`when:`) that VALUE would be written under: "days" for weekdays or
 * [mon, fri], "from" for a date, "hours" for a range of times; NULL when none fits. */
const char *cor_when_key_for(const char *value);

/* Booleans: true/false, yes/no, on/off. */
bool cor_parse_bool(const char *s, bool *out, char *err, size_t err_size);

/* A whole number in [min, max], with the endptr and range checked. */
bool cor_parse_int(const char *s, long min, long max, long *out, char *err, size_t err_size);

/* A size WIDTHxHEIGHT ("1920x1080", x or X), each side a whole number in [min, max]; the one
 * parser of sizes for --window, window = and corridor render's --size. */
bool cor_parse_size(const char *s, int min, int max, int *w, int *h);

/* Calendar helpers. */
int32_t cor_days_from_civil(int year, int month, int day);
void cor_civil_from_days(int32_t days, int *year, int *month, int *day);
/* 0 = Monday .. 6 = Sunday. */
int cor_weekday(int32_t days);
/* Writes "Tuesday 19 March 2024". */
void cor_format_date(int32_t days, char *buf, size_t size);
/* Writes "10:30" for minutes after midnight (1440 gives "24:00"; a later minute, the end of a
 * range past midnight, is written as the next morning's time). */
void cor_format_time(int minutes, char *buf, size_t size);

/* Writes windows of hours as "08:00-12:00, 13:00-18:00". */
void cor_format_hours(const struct cor_hours *hours, size_t n, char *buf, size_t size);

/* WCAG 2 contrast ratio between two colours, from 1 to 21. */
double cor_contrast_ratio(struct cor_color a, struct cor_color b);

/* Levenshtein distance, capped at CAP (returns CAP when larger). For "did you mean". */
int cor_edit_distance(const char *a, const char *b, int cap);
/* The word of WORDS (NULL-terminated) nearest to S, or NULL when none is close. */
const char *cor_nearest_word(const char *s, const char *const *words);
