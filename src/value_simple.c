/* value_simple.c: reads the durations, days of the week, yes/no and whole numbers people type
 * into a playlist. */
#include "value.h"
#include "value_priv.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DAY_MS 86400000u

#define WRITE_DURATION "write 10s, 1m or 1m30s"
#define WRITE_DAYS     "write mon, tue, wed, thu, fri, sat, sun, weekdays or weekends"

static const char *const days_words[] = {
    "monday", "tuesday",  "wednesday", "thursday", "friday", "saturday",
    "sunday", "weekdays", "weekends",  "mon",      "tue",    "wed",
    "thu",    "fri",      "sat",       "sun",      NULL,
};

/* Durations. */

static const struct unit {
    const char *name;
    uint32_t ms;
    int rank;
} units[] = {
    {"ms", 1, 0},           {"msec", 1, 0},       {"msecs", 1, 0},       {"millisecond", 1, 0},
    {"milliseconds", 1, 0}, {"s", 1000, 1},       {"sec", 1000, 1},      {"secs", 1000, 1},
    {"second", 1000, 1},    {"seconds", 1000, 1}, {"m", 60000, 2},       {"min", 60000, 2},
    {"mins", 60000, 2},     {"minute", 60000, 2}, {"minutes", 60000, 2}, {"h", 3600000, 3},
    {"hr", 3600000, 3},     {"hrs", 3600000, 3},  {"hour", 3600000, 3},  {"hours", 3600000, 3},
    {NULL, 0, 0},
};

bool cor_parse_duration(const char *s, uint32_t *out, char *err, size_t err_size)
{
    struct text t;
    uint64_t total = 0;
    bool typed_nonzero = false;
    int prev_rank = 4, parts = 0;

    if (!cor_value_text_init(&t, s, "a duration", WRITE_DURATION, err, err_size))
        return false;
    const char *p = t.s;
    if (*p == '-') {
        cor_say(err, err_size, "'%s' is negative; %s", t.shown, WRITE_DURATION);
        return false;
    }
    while (*p) {
        if (*p == ' ' || *p == ',') {
            p++;
            continue;
        }
        if (parts > 0 && strncmp(p, "and ", 4) == 0) {
            p += 4;
            continue;
        }
        /* A number: 10, 0.8, .5 */
        long whole = 0, frac = 0, scale = 1;
        bool digits = false;
        const char *q = p;
        if (isdigit((unsigned char)*q)) {
            if (!cor_value_read_digits(q, &whole, &q)) {
                cor_say(err, err_size, "'%s' is longer than a day; write at most 24h", t.shown);
                return false;
            }
            digits = true;
        }
        if (*q == '.') {
            for (q++; isdigit((unsigned char)*q); q++) {
                if (scale < 1000000) {
                    frac = frac * 10 + (*q - '0');
                    scale *= 10;
                }
                digits = true;
            }
        }
        if (!digits)
            goto refuse;
        if (whole > 0 || frac > 0)
            typed_nonzero = true;
        while (*q == ' ')
            q++;
        /* Its unit; a number without one is seconds, or after 1h the minutes, after 1m the
         * seconds ("1m30"). */
        const char *u = q;
        while (isalpha((unsigned char)*q))
            q++;
        size_t ulen = (size_t)(q - u);
        if (ulen > 0 && *q == '.' && (q[1] == ' ' || q[1] == '\0'))
            q++; /* "10 sec." */
        const struct unit *unit = NULL;
        if (ulen == 0) {
            const char *after = q;
            while (*after == ' ')
                after++;
            if (*after != '\0' || prev_rank == 1 || prev_rank == 0)
                goto refuse;
            for (unit = units; unit->name && unit->rank != (parts ? prev_rank - 1 : 1); unit++)
                ;
        } else {
            for (unit = units; unit->name; unit++)
                if (strlen(unit->name) == ulen && strncmp(unit->name, u, ulen) == 0)
                    break;
            if (!unit->name) {
                char word[WORD_MAX];
                const char *near = NULL;
                if (ulen >= 3 && ulen < sizeof(word)) {
                    memcpy(word, u, ulen);
                    word[ulen] = '\0';
                    near = cor_value_nearest_in(word, units, sizeof(units[0]));
                }
                if (near) {
                    char buf[TEXT_MAX + WORD_MAX];
                    size_t a = (size_t)(u - t.s);
                    cor_value_text_replace(&t, a, a + ulen, near, buf, sizeof(buf));
                    cor_say(err, err_size, "'%s' is not a duration; did you mean '%s'?", t.shown,
                            buf);
                    return false;
                }
                goto refuse;
            }
        }
        if (unit->rank >= prev_rank)
            goto refuse;
        total += (uint64_t)whole * unit->ms +
                 ((uint64_t)frac * unit->ms + (uint64_t)scale / 2) / (uint64_t)scale;
        if (total > DAY_MS) {
            cor_say(err, err_size, "'%s' is longer than a day; write at most 24h", t.shown);
            return false;
        }
        prev_rank = unit->rank;
        parts++;
        p = q;
    }
    if (parts == 0)
        goto refuse;
    if (total == 0) {
        if (typed_nonzero)
            cor_say(err, err_size, "'%s' is less than a millisecond; %s", t.shown, WRITE_DURATION);
        else
            cor_say(err, err_size, "'%s' is no time at all; %s", t.shown, WRITE_DURATION);
        return false;
    }
    *out = (uint32_t)total;
    return true;
refuse:
    if (isdigit((unsigned char)t.s[0])) {
        /* 0:30 or 1:30 as a clock shows minutes and seconds. */
        long m, sec;
        const char *colon, *stop;
        if (cor_value_read_digits(t.s, &m, &colon) && *colon == ':' &&
            cor_value_read_digits(colon + 1, &sec, &stop) && *stop == '\0' && stop - colon == 3 &&
            sec < 60 && (m || sec)) {
            char fix[48] = "", part[24];
            if (m) {
                snprintf(part, sizeof(part), "%ldm", m);
                strcat(fix, part);
            }
            if (sec) {
                snprintf(part, sizeof(part), "%lds", sec);
                strcat(fix, part);
            }
            cor_say(err, err_size,
                    "'%s' is not a duration corridor reads; for minutes and seconds write %s",
                    t.shown, fix);
            return false;
        }
    }
    cor_say(err, err_size, "'%s' is not a duration; %s", t.shown, WRITE_DURATION);
    return false;
}

/* Days. */

/* The day that the N letters at W name ("tue", "Tues", "tuesday", "Tuesdays"), or -1. */
static int day_word(const char *w, size_t n)
{
    while (n > 0 && *w == ' ') {
        w++;
        n--;
    }
    while (n > 0 && (w[n - 1] == '.' || w[n - 1] == ' '))
        n--;
    int d = cor_value_name_index(w, n, cor_value_day_names, 2);
    if (d < 0 && n > 3 && w[n - 1] == 's' &&
        cor_value_name_index(w, n - 1, cor_value_day_names, 2) >= 0 &&
        strlen(cor_value_day_names[cor_value_name_index(w, n - 1, cor_value_day_names, 2)]) ==
            n - 1)
        d = cor_value_name_index(w, n - 1, cor_value_day_names, 2);
    return d;
}

bool cor_parse_days_word(const char *s, uint8_t *out, char *err, size_t err_size)
{
    static const struct {
        const char *word;
        uint8_t mask;
    } groups[] = {
        {"weekdays", 0x1f}, {"weekday", 0x1f}, {"workdays", 0x1f}, {"workingdays", 0x1f},
        {"weekends", 0x60}, {"weekend", 0x60}, {"everyday", 0x7f}, {"daily", 0x7f},
        {"alldays", 0x7f},  {"allweek", 0x7f}, {"all", 0x7f},      {NULL, 0},
    };
    struct text t;
    char compact[TEXT_MAX + 1];
    size_t k = 0, a, b;

    if (!cor_value_text_init(&t, s, "a day", WRITE_DAYS, err, err_size))
        return false;
    for (const char *p = t.s; *p; p++)
        if (*p != ' ' && *p != '-')
            compact[k++] = *p;
    compact[k] = '\0';
    /* "sat and sun", "sat & sun", "mon, wed": each part in turn. */
    const char *join = strstr(t.s, " and ");
    for (const char *c = t.s; *c; c++) {
        if ((*c == '&' || *c == ',') && (!join || c < join)) {
            join = c;
            break;
        }
    }
    if (join) {
        size_t at = (size_t)(join - t.s), after = at + (*join == ' ' ? 5 : 1);
        char part[TEXT_MAX + 1];
        uint8_t one, mask = 0;
        for (int side = 0; side < 2; side++) {
            size_t from = side ? after : 0, to = side ? t.n : at;
            snprintf(part, sizeof(part), "%.*s", (int)(t.map[to] - t.map[from]),
                     t.shown + t.map[from]);
            if (!cor_parse_days_word(part, &one, err, err_size))
                return false;
            mask |= one;
        }
        *out = mask;
        return true;
    }
    for (int i = 0; groups[i].word; i++) {
        if (strcmp(compact, groups[i].word) == 0) {
            *out = groups[i].mask;
            return true;
        }
    }
    int d = day_word(t.s, t.n);
    if (d >= 0) {
        *out = (uint8_t)(1u << d);
        return true;
    }
    if (cor_value_range_split(t.s, false, &a, &b) && a > 0 && b < t.n) {
        int first = day_word(t.s, a);
        int last = day_word(t.s + b, t.n - b);
        if (first >= 0 && last >= 0) { /* mon-fri; fri-mon runs over the weekend */
            uint8_t mask = 0;
            for (int i = first;; i = (i + 1) % 7) {
                mask |= (uint8_t)(1u << i);
                if (i == last)
                    break;
            }
            *out = mask;
            return true;
        }
    }
    const char *near = cor_nearest_word(compact, days_words);
    if (near)
        cor_say(err, err_size,
                "'%s' is not a day; did you mean '%s'? Write mon, tue, wed, thu, "
                "fri, sat, sun, weekdays or weekends",
                t.shown, near);
    else
        cor_say(err, err_size, "'%s' is not a day; %s", t.shown, WRITE_DAYS);
    return false;
}

bool cor_parse_bool(const char *s, bool *out, char *err, size_t err_size)
{
    static const char *const yes[] = {"true", "yes", "on", "y", "1", NULL};
    static const char *const no[] = {"false", "no", "off", "n", "0", NULL};
    struct text t;
    if (!cor_value_text_init(&t, s, "a yes or no", "write true or false", err, err_size))
        return false;
    for (int i = 0; yes[i]; i++) {
        if (strcmp(t.s, yes[i]) == 0 || strcmp(t.s, no[i]) == 0) {
            *out = strcmp(t.s, yes[i]) == 0;
            return true;
        }
    }
    cor_say(err, err_size, "'%s' is not yes or no; write true or false", t.shown);
    return false;
}

bool cor_parse_int(const char *s, long min, long max, long *out, char *err, size_t err_size)
{
    struct text t;
    char hint[96];
    snprintf(hint, sizeof(hint), "write a whole number from %ld to %ld", min, max);
    if (!cor_value_text_init(&t, s, "a number", hint, err, err_size))
        return false;
    const char *p = t.s;
    if (!isdigit((unsigned char)(*p == '-' || *p == '+' ? p[1] : p[0]))) {
        cor_say(err, err_size, "'%s' is not a whole number; %s", t.shown, hint);
        return false;
    }
    errno = 0;
    char *end;
    long v = strtol(p, &end, 10);
    if (*end != '\0') {
        cor_say(err, err_size, "'%s' is not a whole number; %s", t.shown, hint);
        return false;
    }
    if ((errno == ERANGE && v > 0) || v > max) {
        cor_say(err, err_size, "'%s' is too large; %s", t.shown, hint);
        return false;
    }
    if (errno == ERANGE || v < min) {
        cor_say(err, err_size, "'%s' is too small; %s", t.shown, hint);
        return false;
    }
    *out = v;
    return true;
}

bool cor_parse_size(const char *s, int min, int max, int *w, int *h)
{
    const char *x = strpbrk(s, "xX");
    char side[16];
    size_t n = x ? (size_t)(x - s) : 0;
    if (!x || n == 0 || n >= sizeof(side))
        return false;
    memcpy(side, s, n);
    side[n] = '\0';
    long lw, lh;
    if (!cor_parse_int(side, min, max, &lw, NULL, 0) ||
        !cor_parse_int(x + 1, min, max, &lh, NULL, 0))
        return false;
    *w = (int)lw;
    *h = (int)lh;
    return true;
}
