/* fuzz_values.c: libFuzzer target: the value parsers (dates, times, durations, colours...).
 *
 * The first byte picks the parser; the rest is the text. Seeds use letters:
 *   d date, t time, T time where 24:00 is allowed, r range, D date and time, u duration,
 *   c colour, w day names, b yes/no, i a whole number from 1 to 366;
 * any other byte picks by its value. The message buffer has a size taken from the input (one
 * byte up to a few hundred), allocated exactly, so that an overlong message is caught.
 *
 * Besides the sanitizers, it stops on broken promises: a refusal without a message, a value out
 * of its documented range, and a date or time that corridor writes but cannot read back. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "value.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FAIL(...)                                                                                  \
    do {                                                                                           \
        fprintf(stderr, "fuzz_values: " __VA_ARGS__);                                              \
        fputc('\n', stderr);                                                                       \
        abort();                                                                                   \
    } while (0)

static const char parsers[] = "dtTrDucwbi";

/* A refusal must say something when there is room to. */
static void said(bool ok, const char *err, size_t err_size, const char *what, const char *s)
{
    if (!ok && err_size > 1 && !err[0])
        FAIL("%s refused '%s' without a message", what, s);
    if (memchr(err, '\0', err_size) == NULL)
        FAIL("%s left its message unterminated", what);
}

static void date(const char *s, char *err, size_t err_size)
{
    int32_t day;
    bool ok = cor_parse_date(s, &day, err, err_size);
    said(ok, err, err_size, "cor_parse_date", s);
    if (!ok)
        return;
    int y, m, d;
    cor_civil_from_days(day, &y, &m, &d);
    if (y < 1900 || y > 2999 || cor_days_from_civil(y, m, d) != day)
        FAIL("'%s' read as day %d (%04d-%02d-%02d)", s, day, y, m, d);
    /* The form messages use reads back as the same day. */
    char shown[96], again_err[256];
    int32_t again;
    cor_format_date(day, shown, sizeof(shown));
    if (!cor_parse_date(shown, &again, again_err, sizeof(again_err)) || again != day)
        FAIL("'%s' is written '%s', which does not read back (%s)", s, shown, again_err);
}

static void time_of_day(const char *s, bool allow_24, char *err, size_t err_size)
{
    int min;
    bool ok = cor_parse_time(s, allow_24, &min, err, err_size);
    said(ok, err, err_size, "cor_parse_time", s);
    if (!ok)
        return;
    if (min < 0 || min > (allow_24 ? 1440 : 1439))
        FAIL("'%s' read as minute %d", s, min);
    char shown[16], again_err[256];
    int again;
    cor_format_time(min, shown, sizeof(shown));
    if (!cor_parse_time(shown, allow_24, &again, again_err, sizeof(again_err)) || again != min)
        FAIL("'%s' is written '%s', which does not read back (%s)", s, shown, again_err);
}

static void range(const char *s, char *err, size_t err_size)
{
    int a, b;
    bool ok = cor_parse_time_range(s, &a, &b, err, err_size);
    said(ok, err, err_size, "cor_parse_time_range", s);
    /* The end is after the start, by midnight, or the next morning for an evening start. */
    if (ok && (a < 0 || a >= b || b > 1440 + COR_OVERNIGHT_UNTIL ||
               (b > 1440 && a < COR_OVERNIGHT_FROM)))
        FAIL("'%s' read as %d to %d", s, a, b);
}

static void datetime(const char *s, char *err, size_t err_size)
{
    cor_minute m;
    bool has_time = false;
    bool ok = cor_parse_datetime(s, &m, &has_time, err, err_size);
    said(ok, err, err_size, "cor_parse_datetime", s);
    if (!ok)
        return;
    int32_t day = (int32_t)(m / COR_MINUTES_PER_DAY);
    int y, mo, d;
    cor_civil_from_days(day, &y, &mo, &d);
    if (y < 1900 || y > 2999 || (!has_time && m % COR_MINUTES_PER_DAY != 0))
        FAIL("'%s' read as minute %lld (time given: %d)", s, (long long)m, has_time);
}

static void duration(const char *s, char *err, size_t err_size)
{
    uint32_t ms;
    bool ok = cor_parse_duration(s, &ms, err, err_size);
    said(ok, err, err_size, "cor_parse_duration", s);
    if (ok && (ms == 0 || ms > 24u * 3600u * 1000u))
        FAIL("'%s' read as %u ms", s, ms);
}

static void colour(const char *s, char *err, size_t err_size)
{
    struct cor_color c;
    bool ok = cor_parse_color(s, &c, err, err_size);
    said(ok, err, err_size, "cor_parse_color", s);
    if (ok) {
        double r = cor_contrast_ratio(c, (struct cor_color){0, 0, 0, 255});
        if (!(r >= 1.0 && r <= 21.0 + 1e-9))
            FAIL("'%s' has a contrast of %f with black", s, r);
    }
}

static void days(const char *s, char *err, size_t err_size)
{
    uint8_t mask;
    bool ok = cor_parse_days_word(s, &mask, err, err_size);
    said(ok, err, err_size, "cor_parse_days_word", s);
    if (ok && (mask == 0 || mask > COR_DAYS_ALL))
        FAIL("'%s' read as the days %#x", s, mask);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const char *letter = memchr(parsers, data[0], sizeof(parsers) - 1);
    size_t which = letter ? (size_t)(letter - parsers) : data[0] % (sizeof(parsers) - 1);
    size_t len = size - 1;
    char *s = malloc(len + 1);
    size_t err_size = 1 + (size * 31u + data[0]) % 320u;
    char *err = malloc(err_size);
    if (!s || !err) {
        free(s);
        free(err);
        return 0;
    }
    memcpy(s, data + 1, len);
    s[len] = '\0';
    err[0] = '\0';
    switch (parsers[which]) {
    case 'd':
        date(s, err, err_size);
        break;
    case 't':
        time_of_day(s, false, err, err_size);
        break;
    case 'T':
        time_of_day(s, true, err, err_size);
        break;
    case 'r':
        range(s, err, err_size);
        break;
    case 'D':
        datetime(s, err, err_size);
        break;
    case 'u':
        duration(s, err, err_size);
        break;
    case 'c':
        colour(s, err, err_size);
        break;
    case 'w':
        days(s, err, err_size);
        break;
    case 'b': {
        bool b;
        said(cor_parse_bool(s, &b, err, err_size), err, err_size, "cor_parse_bool", s);
        break;
    }
    default: {
        long n = 0;
        bool ok = cor_parse_int(s, 1, 366, &n, err, err_size);
        said(ok, err, err_size, "cor_parse_int", s);
        if (ok && (n < 1 || n > 366))
            FAIL("'%s' read as %ld, outside 1 to 366", s, n);
        break;
    }
    }
    /* "Did you mean" over every word the parsers know is on the same path as a typo. */
    static const char *const words[] = {"monday", "weekdays", "navy", "fade", "upcoming", NULL};
    if (len < 64)
        (void)cor_nearest_word(s, words);
    free(err);
    free(s);
    return 0;
}
