/* value.c: reads the dates, times, durations, colours and days people type into a playlist. */
#include "value.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* The longest value corridor reads; a longer one is refused rather than cut short. */
#define TEXT_MAX 200
#define WORD_MAX 32
#define DAY_MS   86400000u

#define WRITE_DATE     "write a date such as 2024-03-19 or 19 March 2024"
#define WRITE_TIME     "write a time such as 9am, 9.30am or 16:45"
#define WRITE_RANGE    "write a range such as 9am to 4.45pm or 09:00-16:45"
#define WRITE_DURATION "write 10s, 1m or 1m30s"
#define WRITE_COLOR    "a name such as navy, or \"#005EB8\""
#define WRITE_DAYS     "write mon, tue, wed, thu, fri, sat, sun, weekdays or weekends"

static const char *const month_names[] = {
    "January", "February",  "March",   "April",    "May",      "June", "July",
    "August",  "September", "October", "November", "December", NULL,
};
static const char *const day_names[] = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", NULL,
};
/* Words a date may hold, for "did you mean". */
static const char *const date_words[] = {
    "January",   "February",  "March",   "April",    "May",      "June",   "July",
    "August",    "September", "October", "November", "December", "Monday", "Tuesday",
    "Wednesday", "Thursday",  "Friday",  "Saturday", "Sunday",   NULL,
};
static const char *const days_words[] = {
    "monday",   "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday",  "weekdays",  "weekends", NULL,
};

static void set_err(char *err, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void set_err(char *err, size_t size, const char *fmt, ...)
{
    if (!err || size == 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, size, fmt, ap);
    va_end(ap);
}

/* A value as typed (SHOWN, trimmed, for quoting in messages) beside a folded copy S: lower case,
 * every kind of dash as '-', every run of spaces as one ' '. MAP[i] is where S[i] came from in
 * SHOWN, and MAP[N] is SHOWN's length, so a piece of S can be quoted as it was typed. */
struct text {
    char s[TEXT_MAX + 1];
    char shown[TEXT_MAX + 1];
    size_t map[TEXT_MAX + 1];
    size_t n;
};

/* Fills T from the LEN bytes at IN; false when they are too long to be a value. */
static bool text_set(struct text *t, const char *in, size_t len)
{
    size_t o = 0, first = 0, last_end = 0;
    bool any = false;

    if (len > TEXT_MAX)
        return false;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)in[i];
        unsigned char c1 = i + 1 < len ? (unsigned char)in[i + 1] : 0;
        unsigned char c2 = i + 2 < len ? (unsigned char)in[i + 2] : 0;
        size_t w = 1;
        char f;
        if (c == 0xE2 && ((c1 == 0x80 && c2 >= 0x90 && c2 <= 0x95) || (c1 == 0x88 && c2 == 0x92))) {
            w = 3; /* hyphens, en and em dashes, the minus sign */
            f = '-';
        } else if (c == 0xE2 && c1 == 0x80 && ((c2 >= 0x80 && c2 <= 0x8B) || c2 == 0xAF)) {
            w = 3; /* the typographic spaces */
            f = ' ';
        } else if (c == 0xC2 && c1 == 0xA0) {
            w = 2; /* a no-break space, as word processors paste */
            f = ' ';
        } else if (isspace(c)) {
            f = ' ';
        } else {
            f = (char)tolower(c);
        }
        if (f != ' ') {
            if (!any)
                first = i;
            any = true;
            last_end = i + w;
            t->map[o] = i;
            t->s[o++] = f;
        } else if (o > 0 && t->s[o - 1] != ' ') {
            t->map[o] = i;
            t->s[o++] = ' ';
        }
        i += w;
    }
    if (o > 0 && t->s[o - 1] == ' ')
        o--;
    t->s[o] = '\0';
    t->n = o;
    size_t shown_len = any ? last_end - first : 0;
    memcpy(t->shown, in + first, shown_len);
    t->shown[shown_len] = '\0';
    for (size_t k = 0; k < o; k++)
        t->map[k] -= first;
    t->map[o] = shown_len;
    return true;
}

/* Fills T from IN, or writes why not. WHAT names the value for the messages. */
static bool text_init(struct text *t, const char *in, const char *what, const char *hint, char *err,
                      size_t size)
{
    if (!in)
        in = "";
    size_t len = strlen(in);
    if (!text_set(t, in, len)) {
        set_err(err, size, "'%.40s...' is too long for %s; %s", in, what, hint);
        return false;
    }
    if (t->n == 0) {
        set_err(err, size, "%s is missing here; %s", what, hint);
        return false;
    }
    return true;
}

/* Fills OUT with the piece [A, B) of T, trimmed. */
static void text_sub(struct text *out, const struct text *t, size_t a, size_t b)
{
    text_set(out, t->shown + t->map[a], t->map[b] - t->map[a]);
}

/* Writes into BUF the value as typed with the piece [A, B) of T replaced by WORD. */
static void text_replace(const struct text *t, size_t a, size_t b, const char *word, char *buf,
                         size_t size)
{
    snprintf(buf, size, "%.*s%s%s", (int)t->map[a], t->shown, word, t->shown + t->map[b]);
}

/* Reads the run of digits at P (one to nine of them) into *V; *END is set after it. */
static bool read_digits(const char *p, long *v, const char **end)
{
    const char *q = p;
    while (isdigit((unsigned char)*q))
        q++;
    if (q == p || q - p > 9)
        return false;
    errno = 0;
    char *e;
    long x = strtol(p, &e, 10);
    if (errno != 0 || e != q)
        return false;
    *v = x;
    *end = q;
    return true;
}

/* The index of the name in NAMES that the N letters at W begin (at least MIN of them), or -1. */
static int name_index(const char *w, size_t n, const char *const *names, size_t min)
{
    if (n < min)
        return -1;
    for (int i = 0; names[i]; i++) {
        if (n <= strlen(names[i]) && strncasecmp(names[i], w, n) == 0)
            return i;
    }
    return -1;
}

/* Calendar. Days count from 1970-01-01 in the proleptic Gregorian calendar. */

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if (a % b != 0 && ((a < 0) != (b < 0)))
        q--;
    return q;
}

static bool is_leap(int64_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Days from 1 January of year 1 to 1 January of year Y. */
static int64_t days_before_year(int64_t y)
{
    int64_t p = y - 1;
    return 365 * p + floor_div(p, 4) - floor_div(p, 100) + floor_div(p, 400);
}

static const int month_start[12] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};

/* Days in the year before month M (0-based) begins. */
static int64_t days_before_month(int64_t y, int m)
{
    return month_start[m] + (m >= 2 && is_leap(y) ? 1 : 0);
}

static int days_in_month(long y, long m)
{
    static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    return len[m - 1] + (m == 2 && is_leap(y) ? 1 : 0);
}

int32_t cor_days_from_civil(int year, int month, int day)
{
    int64_t m = (int64_t)month - 1;
    int64_t y = (int64_t)year + floor_div(m, 12);
    m -= floor_div(m, 12) * 12;
    int64_t days = days_before_year(y) - days_before_year(1970) + days_before_month(y, (int)m) +
                   (int64_t)day - 1;
    if (days > INT32_MAX)
        return INT32_MAX;
    if (days < INT32_MIN)
        return INT32_MIN;
    return (int32_t)days;
}

void cor_civil_from_days(int32_t days, int *year, int *month, int *day)
{
    int64_t base = days_before_year(1970) + days; /* days since 1 January of year 1 */
    int64_t y = floor_div(base * 400, 146097) + 1;
    while (days_before_year(y) > base)
        y--;
    while (days_before_year(y + 1) <= base)
        y++;
    int64_t doy = base - days_before_year(y);
    int m = 11;
    while (m > 0 && days_before_month(y, m) > doy)
        m--;
    *year = (int)y;
    *month = m + 1;
    *day = (int)(doy - days_before_month(y, m)) + 1;
}

int cor_weekday(int32_t days)
{
    /* 1 January 1970 was a Thursday. */
    return (int)(((int64_t)days % 7 + 7 + 3) % 7);
}

void cor_format_date(int32_t days, char *buf, size_t size)
{
    int y, m, d;
    if (!buf || size == 0)
        return;
    cor_civil_from_days(days, &y, &m, &d);
    snprintf(buf, size, "%s %d %s %d", day_names[cor_weekday(days)], d, month_names[m - 1], y);
}

void cor_format_time(int minutes, char *buf, size_t size)
{
    if (!buf || size == 0)
        return;
    if (minutes < 0 || minutes > COR_MINUTES_PER_DAY)
        snprintf(buf, size, "--:--");
    else
        snprintf(buf, size, "%02d:%02d", minutes / 60, minutes % 60);
}

/* Dates. */

/* The year to show in an example for a date typed without one: this year, or the next year in
 * which DAY MONTH exists and falls on WDAY (-1: any day). Only messages use it. */
static int example_year(int day, int month, int wday)
{
    time_t now = time(NULL);
    struct tm tm;
    int year = 2024;
    if (gmtime_r(&now, &tm))
        year = tm.tm_year + 1900;
    for (int y = year; y < year + 28; y++) {
        if (day <= days_in_month(y, month) &&
            (wday < 0 || cor_weekday(cor_days_from_civil(y, month, day)) == wday))
            return y;
    }
    return year;
}

static bool date_check_year(const struct text *t, long y, char *err, size_t size)
{
    if (y >= 1900 && y <= 2999)
        return true;
    set_err(err, size,
            "'%s' has the year %ld, which corridor does not expect; write the year in "
            "full, as in 2024-03-19 or 19 March 2024",
            t->shown, y);
    return false;
}

static bool date_check_day(const struct text *t, long y, long m, long d, char *err, size_t size)
{
    int len = days_in_month(y, m);
    if (d >= 1 && d <= len)
        return true;
    set_err(err, size, "'%s' is not a date: %s %ld has %d days; write a day from 1 to %d", t->shown,
            month_names[m - 1], y, len, len);
    return false;
}

/* Dates written all in figures: 2024-03-19, and the refused 19/03/2024. */
static bool date_figures(const struct text *t, int32_t *out, char *err, size_t size)
{
    long v[3];
    int nd[3];
    const char *p = t->s, *end;
    char sep = 0;

    for (int i = 0; i < 3; i++) {
        if (!read_digits(p, &v[i], &end))
            goto refuse;
        nd[i] = (int)(end - p);
        p = end;
        if (i < 2) {
            if ((*p != '-' && *p != '/' && *p != '.') || (sep && *p != sep))
                goto refuse;
            sep = *p++;
        }
    }
    if (*p != '\0')
        goto refuse;

    if (nd[0] == 4) { /* year first: 2024-03-19, also 2024/03/19 */
        long y = v[0], m = v[1], d = v[2];
        if (!date_check_year(t, y, err, size))
            return false;
        if (m < 1 || m > 12) {
            if (d >= 1 && d <= 12 && m >= 1 && m <= days_in_month(y, d))
                set_err(err, size,
                        "'%s' is not a date: there is no month %ld; write "
                        "%04ld-%02ld-%02ld (year, then month, then day)",
                        t->shown, m, y, d, m);
            else
                set_err(err, size,
                        "'%s' is not a date: there is no month %ld; write the month "
                        "from 01 to 12, as in 2024-03-19",
                        t->shown, m);
            return false;
        }
        if (!date_check_day(t, y, m, d, err, size))
            return false;
        *out = cor_days_from_civil((int)y, (int)m, (int)d);
        return true;
    }
    if (nd[2] == 4 && v[2] >= 1900 && v[2] <= 2999) {
        /* Day first as in Britain, or month first as in America: say which was meant. */
        long y = v[2];
        bool dm = v[1] >= 1 && v[1] <= 12 && v[0] >= 1 && v[0] <= days_in_month(y, v[1]);
        bool md = v[0] >= 1 && v[0] <= 12 && v[1] >= 1 && v[1] <= days_in_month(y, v[0]);
        if (dm && md && v[0] != v[1]) {
            set_err(err, size,
                    "'%s' is not a date corridor reads (is it %ld %s or %ld %s?); "
                    "write %04ld-%02ld-%02ld or %ld %s %ld",
                    t->shown, v[0], month_names[v[1] - 1], v[1], month_names[v[0] - 1], y, v[1],
                    v[0], v[0], month_names[v[1] - 1], y);
            return false;
        }
        if (dm || md) {
            long d = dm ? v[0] : v[1], m = dm ? v[1] : v[0];
            set_err(err, size,
                    "'%s' is not a date corridor reads; write %04ld-%02ld-%02ld or %ld "
                    "%s %ld",
                    t->shown, y, m, d, d, month_names[m - 1], y);
            return false;
        }
    }
refuse:
    set_err(err, size, "'%s' is not a date corridor reads; %s", t->shown, WRITE_DATE);
    return false;
}

/* Dates with the month in words: 19 March 2024, Tue 19th Mar 2024, March 19, 2024. */
static bool date_words_form(const struct text *t, int32_t *out, char *err, size_t size)
{
    long day = -1, year = -1;
    int month = -1, wday = -1;
    size_t i = 0;
    char buf[TEXT_MAX + WORD_MAX];

    while (i < t->n) {
        if (strchr(" ,-", t->s[i])) {
            i++;
            continue;
        }
        size_t a = i;
        while (i < t->n && !strchr(" ,-", t->s[i]))
            i++;
        size_t n = i - a;
        const char *w = t->s + a;
        while (n > 0 && w[n - 1] == '.')
            n--;
        if (n == 0)
            goto refuse;
        if ((n == 3 && strncmp(w, "the", 3) == 0) || (n == 2 && strncmp(w, "of", 2) == 0) ||
            (n == 2 && strncmp(w, "on", 2) == 0) || (n == 2 && strncmp(w, "at", 2) == 0))
            continue;
        if (isdigit((unsigned char)w[0])) {
            long v;
            const char *end;
            if (!read_digits(w, &v, &end))
                goto refuse;
            size_t nd = (size_t)(end - w), rest = n - nd;
            bool ordinal = rest == 2 && (strncmp(end, "st", 2) == 0 || strncmp(end, "nd", 2) == 0 ||
                                         strncmp(end, "rd", 2) == 0 || strncmp(end, "th", 2) == 0);
            if (rest == 0 && nd == 4 && year < 0)
                year = v;
            else if ((rest == 0 || ordinal) && nd <= 2 && day < 0)
                day = v;
            else
                goto refuse;
            continue;
        }
        int m = name_index(w, n, month_names, 3);
        int d = name_index(w, n, day_names, 3);
        if (m >= 0 && month < 0) {
            month = m + 1;
        } else if (d >= 0 && wday < 0) {
            wday = d;
        } else if (m < 0 && d < 0) {
            char word[WORD_MAX];
            if (n >= sizeof(word))
                goto refuse;
            memcpy(word, w, n);
            word[n] = '\0';
            /* "Marhc": a near word, or one that opens with the same three letters. */
            const char *near = cor_nearest_word(word, date_words);
            if (!near && name_index(w, 3, month_names, 3) >= 0)
                near = month_names[name_index(w, 3, month_names, 3)];
            if (!near && name_index(w, 3, day_names, 3) >= 0)
                near = day_names[name_index(w, 3, day_names, 3)];
            if (!near)
                goto refuse;
            text_replace(t, a, i, near, buf, sizeof(buf));
            set_err(err, size, "'%s' is not a date corridor reads; did you mean '%s'?", t->shown,
                    buf);
            return false;
        } else {
            goto refuse;
        }
    }
    if (month < 0)
        goto refuse;
    if (day < 0) {
        set_err(err, size, "'%s' has no day of the month; write the day too, as in 1 %s %ld",
                t->shown, month_names[month - 1],
                year > 0 ? year : (long)example_year(1, month, -1));
        return false;
    }
    if (year < 0) {
        if (day < 1 || day > days_in_month(2024, month)) {
            set_err(err, size,
                    "'%s' is not a date: %s has at most %d days; write a day from 1 to %d",
                    t->shown, month_names[month - 1], days_in_month(2024, month),
                    days_in_month(2024, month));
            return false;
        }
        int y = example_year((int)day, month, wday);
        set_err(err, size, "'%s' has no year; write %s%s%ld %s %d", t->shown,
                wday >= 0 ? day_names[wday] : "", wday >= 0 ? " " : "", day, month_names[month - 1],
                y);
        return false;
    }
    if (!date_check_year(t, year, err, size) || !date_check_day(t, year, month, day, err, size))
        return false;
    int32_t days = cor_days_from_civil((int)year, month, (int)day);
    if (wday >= 0 && cor_weekday(days) != wday) {
        const char *real = day_names[cor_weekday(days)];
        set_err(err, size,
                "'%s' is not a date: %ld %s %ld is a %s; write %s %ld %s %ld, or leave "
                "out the day's name",
                t->shown, day, month_names[month - 1], year, real, real, day,
                month_names[month - 1], year);
        return false;
    }
    *out = days;
    return true;
refuse:
    set_err(err, size, "'%s' is not a date corridor reads; %s", t->shown, WRITE_DATE);
    return false;
}

static bool date_core(const struct text *t, int32_t *out, char *err, size_t size)
{
    if (isdigit((unsigned char)t->s[0]) && strcspn(t->s, " ,") == t->n &&
        (strchr(t->s, '/') || strchr(t->s, '.') || strspn(t->s, "0123456789-") == t->n))
        return date_figures(t, out, err, size);
    return date_words_form(t, out, err, size);
}

bool cor_parse_date(const char *s, int32_t *out, char *err, size_t err_size)
{
    struct text t;
    if (!text_init(&t, s, "a date", WRITE_DATE, err, err_size))
        return false;
    return date_core(&t, out, err, err_size);
}

/* Times of day. */

struct clock_time {
    int min;       /* minutes after midnight; 1440 for 24:00 */
    bool meridiem; /* am, pm, noon or midday was written */
    bool pm;       /* pm was written */
    bool bare;     /* could be a 12-hour time without am or pm: "9", "4.45" */
    bool midnight; /* the word midnight */
};

static bool ends_with(char *s, size_t *n, const char *suffix)
{
    size_t k = strlen(suffix);
    if (*n < k || strncmp(s + *n - k, suffix, k) != 0)
        return false;
    *n -= k;
    s[*n] = '\0';
    return true;
}

/* Reads one time of day from T. "midnight" gives 1440 where ALLOW_24 is true (the end of a range)
 * and 0 elsewhere. */
static bool time_core(const struct text *t, bool allow_24, struct clock_time *ct, char *err,
                      size_t size)
{
    char w[TEXT_MAX + 1];
    size_t n = 0;
    bool hours_word = false;

    memset(ct, 0, sizeof(*ct));
    for (const char *p = t->s; *p; p++) /* "9 am" and "9am", "9:30 a.m." and "9:30a.m." */
        if (*p != ' ')
            w[n++] = *p;
    w[n] = '\0';

    if (ends_with(w, &n, "noon") || ends_with(w, &n, "midday")) {
        if (strcmp(w, "") == 0 || strcmp(w, "12") == 0 || strcmp(w, "12:00") == 0 ||
            strcmp(w, "12.00") == 0) {
            ct->min = 720;
            ct->meridiem = true;
            return true;
        }
        goto refuse;
    }
    if (ends_with(w, &n, "midnight")) {
        if (strcmp(w, "") == 0 || strcmp(w, "12") == 0 || strcmp(w, "12:00") == 0 ||
            strcmp(w, "12.00") == 0) {
            ct->min = allow_24 ? COR_MINUTES_PER_DAY : 0;
            ct->midnight = true;
            ct->meridiem = true;
            return true;
        }
        goto refuse;
    }
    if (ends_with(w, &n, "a.m.") || ends_with(w, &n, "a.m") || ends_with(w, &n, "am")) {
        ct->meridiem = true;
    } else if (ends_with(w, &n, "p.m.") || ends_with(w, &n, "p.m") || ends_with(w, &n, "pm")) {
        ct->meridiem = true;
        ct->pm = true;
    } else if (ends_with(w, &n, "hours") || ends_with(w, &n, "hrs") || ends_with(w, &n, "hr") ||
               ends_with(w, &n, "h")) {
        hours_word = true; /* "1600hrs", "16:00h": the 24-hour clock */
    }

    long hour, minute = 0;
    const char *end;
    if (!read_digits(w, &hour, &end))
        goto refuse;
    size_t nd = (size_t)(end - w);
    if (*end == ':' || *end == '.') {
        const char *m = end + 1, *mend;
        if (nd > 2 || !read_digits(m, &minute, &mend))
            goto refuse;
        long mdigits = (long)(mend - m);
        if (*mend == ':' && mdigits == 2) { /* seconds, as spreadsheets write: 09:00:00 */
            if (strcmp(mend, ":00") != 0) {
                set_err(err, size,
                        "'%s' has seconds, and corridor counts whole minutes; write "
                        "%ld:%02ld",
                        t->shown, hour, minute);
                return false;
            }
            mend += 3;
        }
        if (*mend != '\0')
            goto refuse;
        if (mdigits == 1) {
            set_err(err, size,
                    "'%s' is not a time: minutes need two digits; write %ld:0%ld or "
                    "%ld:%ld0",
                    t->shown, hour, minute, hour, minute);
            return false;
        }
        if (mdigits != 2)
            goto refuse;
    } else if (*end != '\0' || nd == 3 || nd > 4) {
        goto refuse;
    } else if (nd == 4) {
        minute = hour % 100; /* 0930, 1645 */
        hour /= 100;
    }
    if (minute > 59) {
        set_err(err, size, "'%s' is not a time: minutes run from 00 to 59; %s", t->shown,
                WRITE_TIME);
        return false;
    }
    if (ct->meridiem) {
        if (hour == 0) {
            char mm[24] = "";
            if (minute)
                snprintf(mm, sizeof(mm), ".%02ld", minute);
            set_err(err, size,
                    "'%s' is not a time: with am or pm the hours run from 1 to 12; write "
                    "12%s%s or %s:%02ld",
                    t->shown, mm, ct->pm ? "pm" : "am", ct->pm ? "12" : "00", minute);
            return false;
        }
        if (hour > 12) {
            if (hour < 24) {
                char mm[24] = "";
                if (minute)
                    snprintf(mm, sizeof(mm), ".%02ld", minute);
                set_err(err, size,
                        "'%s' is not a time: with am or pm the hours run from 1 to 12; "
                        "write %ld%spm or %ld:%02ld",
                        t->shown, hour - 12, mm, hour, minute);
            } else {
                set_err(err, size,
                        "'%s' is not a time: with am or pm the hours run from 1 to 12; "
                        "write a time such as 4.45pm or 16:45",
                        t->shown);
            }
            return false;
        }
        ct->min = (int)((hour % 12) * 60 + minute + (ct->pm ? 720 : 0));
        return true;
    }
    if (hour == 24 && minute == 0) {
        if (!allow_24) {
            set_err(err, size,
                    "'%s' can only end a range of times; write 00:00 for the start of "
                    "a day, or 23:59",
                    t->shown);
            return false;
        }
        ct->min = COR_MINUTES_PER_DAY;
        return true;
    }
    if (hour > 23) {
        set_err(err, size,
                "'%s' is not a time: hours run from 00 to 23; write a time such as "
                "9:30 or 16:45",
                t->shown);
        return false;
    }
    ct->min = (int)(hour * 60 + minute);
    ct->bare = !hours_word && nd <= 2 && hour >= 1 && hour <= 12 && w[0] != '0';
    return true;
refuse:
    set_err(err, size, "'%s' is not a time; %s", t->shown, WRITE_TIME);
    return false;
}

bool cor_parse_time(const char *s, bool allow_24, int *out, char *err, size_t err_size)
{
    struct text t;
    struct clock_time ct;
    if (!text_init(&t, s, "a time", WRITE_TIME, err, err_size) ||
        !time_core(&t, allow_24, &ct, err, err_size))
        return false;
    *out = ct.min;
    return true;
}

/* Finds where a range splits: " to ", " until ", " till ", " and " (after "between") or a dash.
 * Sets [*A, *B) to the separator; false when there is none. */
static bool range_split(const char *s, bool between, size_t *a, size_t *b)
{
    static const char *const seps[] = {" to ", " until ", " till ", " til ", "-", " and ", NULL};
    const char *best = NULL;
    size_t best_len = 0;
    for (int i = 0; seps[i]; i++) {
        if (strcmp(seps[i], " and ") == 0 && !between)
            continue;
        const char *hit = strstr(s, seps[i]);
        if (hit && (!best || hit < best)) {
            best = hit;
            best_len = strlen(seps[i]);
        }
    }
    if (!best)
        return false;
    *a = (size_t)(best - s);
    *b = *a + best_len;
    return true;
}

/* A time without am or pm is read on the 24-hour clock, except in a range where that would put
 * the end first: "9 to 5" ends at 17:00, "9am to 4.45" at 16:45. A bare start moves to the
 * afternoon only when the end says pm and the start stays before it: "1 to 4pm" starts at 13:00,
 * while "9 to 4.45pm" keeps its morning start. An hour with a leading zero ("04:45") is always
 * read on the 24-hour clock. */
bool cor_parse_time_range(const char *s, int *start, int *end, char *err, size_t err_size)
{
    struct text t, left, right;
    struct clock_time a, b;
    size_t from = 0, sa, sb;

    if (!text_init(&t, s, "a range of times", WRITE_RANGE, err, err_size))
        return false;
    bool between = strncmp(t.s, "between ", 8) == 0;
    if (between)
        from = 8;
    else if (strncmp(t.s, "from ", 5) == 0)
        from = 5;
    if (!range_split(t.s + from, between, &sa, &sb) || sa == 0 || from + sb >= t.n) {
        if (time_core(&t, false, &a, NULL, 0))
            set_err(err, err_size, "'%s' is only one time; %s", t.shown, WRITE_RANGE);
        else
            set_err(err, err_size, "'%s' is not a range of times; %s", t.shown, WRITE_RANGE);
        return false;
    }
    text_sub(&left, &t, from, from + sa);
    text_sub(&right, &t, from + sb, t.n);
    if (left.n == 0 || right.n == 0) {
        set_err(err, err_size, "'%s' is not a range of times; %s", t.shown, WRITE_RANGE);
        return false;
    }
    if (!time_core(&left, false, &a, err, err_size) || !time_core(&right, true, &b, err, err_size))
        return false;
    if (b.min == 0)
        b.min = COR_MINUTES_PER_DAY; /* 00:00 or 12am at the end: midnight */
    if (b.bare && b.min < a.min && b.min + 720 > a.min)
        b.min += 720;
    if (a.bare && b.pm && a.min + 720 < b.min)
        a.min += 720;
    if (b.min == a.min) {
        set_err(err, err_size, "'%s' starts and ends at the same time; %s", t.shown, WRITE_RANGE);
        return false;
    }
    if (b.min < a.min) {
        set_err(err, err_size,
                "'%s' ends before it starts (a range cannot run past midnight); "
                "write the earlier time first, as in %s to %s",
                t.shown, right.shown, left.shown);
        return false;
    }
    *start = a.min;
    *end = b.min;
    return true;
}

/* "19 March 2024 9am": the date ends with the first word that holds a four-digit year. A time of
 * 24:00 is the end of that day; "midnight" is refused as it could mean either end. */
bool cor_parse_datetime(const char *s, cor_minute *out, bool *has_time, char *err, size_t err_size)
{
    struct text t, dt, tm;
    size_t split = 0, rest = 0;

    if (!text_init(&t, s, "a date", WRITE_DATE, err, err_size))
        return false;
    const char *iso_t = strchr(t.s, 't');
    if (t.n > 10 && isdigit((unsigned char)t.s[0]) && iso_t && iso_t > t.s &&
        isdigit((unsigned char)iso_t[-1]) && isdigit((unsigned char)iso_t[1]) &&
        strspn(t.s, "0123456789-") == (size_t)(iso_t - t.s)) {
        split = (size_t)(iso_t - t.s); /* 2024-03-19T09:00 */
        rest = split + 1;
    } else {
        for (size_t i = 0; i < t.n && !split;) {
            size_t a = i, run = 0, longest = 0;
            while (i < t.n && t.s[i] != ' ') {
                run = isdigit((unsigned char)t.s[i]) ? run + 1 : 0;
                longest = run > longest ? run : longest;
                i++;
            }
            if (longest == 4 && i > a)
                split = rest = i;
            while (i < t.n && t.s[i] == ' ')
                i++;
        }
    }
    if (split == 0) {
        /* No year: find where a time begins, so that the message is about the date. */
        split = rest = t.n;
        for (size_t k = 1; k < t.n; k++) {
            if (t.s[k - 1] != ' ')
                continue;
            struct text piece;
            struct clock_time probe;
            text_sub(&piece, &t, k, t.n);
            if (isdigit((unsigned char)piece.s[0]) && time_core(&piece, true, &probe, NULL, 0)) {
                split = rest = k;
                if (split >= 4 && strncmp(t.s + split - 4, " at ", 4) == 0)
                    split -= 3;
                break;
            }
        }
    }
    text_sub(&dt, &t, 0, split);
    int32_t day;
    if (!date_core(&dt, &day, err, err_size))
        return false;
    while (rest < t.n && (t.s[rest] == ' ' || t.s[rest] == ',' || t.s[rest] == '@'))
        rest++;
    if (strncmp(t.s + rest, "at ", 3) == 0)
        rest += 3;
    *has_time = false;
    *out = (cor_minute)day * COR_MINUTES_PER_DAY;
    if (rest >= t.n)
        return true;
    text_sub(&tm, &t, rest, t.n);
    struct clock_time ct;
    if (!time_core(&tm, true, &ct, err, err_size)) /* 24:00 is the end of that day */
        return false;
    if (ct.midnight) {
        set_err(err, err_size,
                "'%s' could mean the start or the end of that day; write %s 00:00 "
                "for the start, or %s alone for the whole day",
                t.shown, dt.shown, dt.shown);
        return false;
    }
    *has_time = true;
    *out += ct.min;
    return true;
}

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

static const char *nearest_in(const char *s, const void *base, size_t stride);

bool cor_parse_duration(const char *s, uint32_t *out, char *err, size_t err_size)
{
    struct text t;
    uint64_t total = 0;
    bool typed_nonzero = false;
    int prev_rank = 4, parts = 0;

    if (!text_init(&t, s, "a duration", WRITE_DURATION, err, err_size))
        return false;
    const char *p = t.s;
    if (*p == '-') {
        set_err(err, err_size, "'%s' is negative; %s", t.shown, WRITE_DURATION);
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
            if (!read_digits(q, &whole, &q)) {
                set_err(err, err_size, "'%s' is longer than a day; write at most 24h", t.shown);
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
                    near = nearest_in(word, units, sizeof(units[0]));
                }
                if (near) {
                    char buf[TEXT_MAX + WORD_MAX];
                    size_t a = (size_t)(u - t.s);
                    text_replace(&t, a, a + ulen, near, buf, sizeof(buf));
                    set_err(err, err_size, "'%s' is not a duration; did you mean '%s'?", t.shown,
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
            set_err(err, err_size, "'%s' is longer than a day; write at most 24h", t.shown);
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
            set_err(err, err_size, "'%s' is less than a millisecond; %s", t.shown, WRITE_DURATION);
        else
            set_err(err, err_size, "'%s' is no time at all; %s", t.shown, WRITE_DURATION);
        return false;
    }
    *out = (uint32_t)total;
    return true;
refuse:
    set_err(err, err_size, "'%s' is not a duration; %s", t.shown, WRITE_DURATION);
    return false;
}

/* Colours. The CSS colour names, in CSS's order. */
// clang-format off
static const struct named_color {
    const char *name;
    uint32_t rgb;
} css_colors[] = {
    {"aliceblue", 0xF0F8FF}, {"antiquewhite", 0xFAEBD7}, {"aqua", 0x00FFFF},
    {"aquamarine", 0x7FFFD4}, {"azure", 0xF0FFFF}, {"beige", 0xF5F5DC}, {"bisque", 0xFFE4C4},
    {"black", 0x000000}, {"blanchedalmond", 0xFFEBCD}, {"blue", 0x0000FF}, {"blueviolet", 0x8A2BE2},
    {"brown", 0xA52A2A}, {"burlywood", 0xDEB887}, {"cadetblue", 0x5F9EA0}, {"chartreuse", 0x7FFF00},
    {"chocolate", 0xD2691E}, {"coral", 0xFF7F50}, {"cornflowerblue", 0x6495ED},
    {"cornsilk", 0xFFF8DC}, {"crimson", 0xDC143C}, {"cyan", 0x00FFFF}, {"darkblue", 0x00008B},
    {"darkcyan", 0x008B8B}, {"darkgoldenrod", 0xB8860B}, {"darkgray", 0xA9A9A9},
    {"darkgreen", 0x006400}, {"darkgrey", 0xA9A9A9}, {"darkkhaki", 0xBDB76B},
    {"darkmagenta", 0x8B008B}, {"darkolivegreen", 0x556B2F}, {"darkorange", 0xFF8C00},
    {"darkorchid", 0x9932CC}, {"darkred", 0x8B0000}, {"darksalmon", 0xE9967A},
    {"darkseagreen", 0x8FBC8F}, {"darkslateblue", 0x483D8B}, {"darkslategray", 0x2F4F4F},
    {"darkslategrey", 0x2F4F4F}, {"darkturquoise", 0x00CED1}, {"darkviolet", 0x9400D3},
    {"deeppink", 0xFF1493}, {"deepskyblue", 0x00BFFF}, {"dimgray", 0x696969}, {"dimgrey", 0x696969},
    {"dodgerblue", 0x1E90FF}, {"firebrick", 0xB22222}, {"floralwhite", 0xFFFAF0},
    {"forestgreen", 0x228B22}, {"fuchsia", 0xFF00FF}, {"gainsboro", 0xDCDCDC},
    {"ghostwhite", 0xF8F8FF}, {"gold", 0xFFD700}, {"goldenrod", 0xDAA520}, {"gray", 0x808080},
    {"green", 0x008000}, {"greenyellow", 0xADFF2F}, {"grey", 0x808080}, {"honeydew", 0xF0FFF0},
    {"hotpink", 0xFF69B4}, {"indianred", 0xCD5C5C}, {"indigo", 0x4B0082}, {"ivory", 0xFFFFF0},
    {"khaki", 0xF0E68C}, {"lavender", 0xE6E6FA}, {"lavenderblush", 0xFFF0F5},
    {"lawngreen", 0x7CFC00}, {"lemonchiffon", 0xFFFACD}, {"lightblue", 0xADD8E6},
    {"lightcoral", 0xF08080}, {"lightcyan", 0xE0FFFF}, {"lightgoldenrodyellow", 0xFAFAD2},
    {"lightgray", 0xD3D3D3}, {"lightgreen", 0x90EE90}, {"lightgrey", 0xD3D3D3},
    {"lightpink", 0xFFB6C1}, {"lightsalmon", 0xFFA07A}, {"lightseagreen", 0x20B2AA},
    {"lightskyblue", 0x87CEFA}, {"lightslategray", 0x778899}, {"lightslategrey", 0x778899},
    {"lightsteelblue", 0xB0C4DE}, {"lightyellow", 0xFFFFE0}, {"lime", 0x00FF00},
    {"limegreen", 0x32CD32}, {"linen", 0xFAF0E6}, {"magenta", 0xFF00FF}, {"maroon", 0x800000},
    {"mediumaquamarine", 0x66CDAA}, {"mediumblue", 0x0000CD}, {"mediumorchid", 0xBA55D3},
    {"mediumpurple", 0x9370DB}, {"mediumseagreen", 0x3CB371}, {"mediumslateblue", 0x7B68EE},
    {"mediumspringgreen", 0x00FA9A}, {"mediumturquoise", 0x48D1CC}, {"mediumvioletred", 0xC71585},
    {"midnightblue", 0x191970}, {"mintcream", 0xF5FFFA}, {"mistyrose", 0xFFE4E1},
    {"moccasin", 0xFFE4B5}, {"navajowhite", 0xFFDEAD}, {"navy", 0x000080}, {"oldlace", 0xFDF5E6},
    {"olive", 0x808000}, {"olivedrab", 0x6B8E23}, {"orange", 0xFFA500}, {"orangered", 0xFF4500},
    {"orchid", 0xDA70D6}, {"palegoldenrod", 0xEEE8AA}, {"palegreen", 0x98FB98},
    {"paleturquoise", 0xAFEEEE}, {"palevioletred", 0xDB7093}, {"papayawhip", 0xFFEFD5},
    {"peachpuff", 0xFFDAB9}, {"peru", 0xCD853F}, {"pink", 0xFFC0CB}, {"plum", 0xDDA0DD},
    {"powderblue", 0xB0E0E6}, {"purple", 0x800080}, {"rebeccapurple", 0x663399}, {"red", 0xFF0000},
    {"rosybrown", 0xBC8F8F}, {"royalblue", 0x4169E1}, {"saddlebrown", 0x8B4513},
    {"salmon", 0xFA8072}, {"sandybrown", 0xF4A460}, {"seagreen", 0x2E8B57}, {"seashell", 0xFFF5EE},
    {"sienna", 0xA0522D}, {"silver", 0xC0C0C0}, {"skyblue", 0x87CEEB}, {"slateblue", 0x6A5ACD},
    {"slategray", 0x708090}, {"slategrey", 0x708090}, {"snow", 0xFFFAFA}, {"springgreen", 0x00FF7F},
    {"steelblue", 0x4682B4}, {"tan", 0xD2B48C}, {"teal", 0x008080}, {"thistle", 0xD8BFD8},
    {"tomato", 0xFF6347}, {"turquoise", 0x40E0D0}, {"violet", 0xEE82EE}, {"wheat", 0xF5DEB3},
    {"white", 0xFFFFFF}, {"whitesmoke", 0xF5F5F5}, {"yellow", 0xFFFF00}, {"yellowgreen", 0x9ACD32},
    {NULL, 0},
};
// clang-format on

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* Reads the N hex digits at P (folded, so lower case): RGB, RGBA, RRGGBB or RRGGBBAA. */
static void color_from_hex(const char *p, size_t n, struct cor_color *out)
{
    uint8_t v[4] = {0, 0, 0, 255};
    size_t per = n <= 4 ? 1 : 2;
    for (size_t i = 0; i < n / per; i++) {
        int hi = hex_value(p[i * per]);
        int lo = per == 2 ? hex_value(p[i * per + 1]) : hi;
        v[i] = (uint8_t)(hi * 16 + lo);
    }
    out->r = v[0];
    out->g = v[1];
    out->b = v[2];
    out->a = v[3];
}

/* "rgb(0, 94, 184)", "rgb(0 94 184 / 50%)", "rgba(0, 94, 184, 0.5)". */
static bool color_rgb(const struct text *t, size_t open, struct cor_color *out, char *err,
                      size_t size)
{
    double v[4] = {0, 0, 0, 1};
    int count = 0;
    const char *p = t->s + open + 1;
    const char *close = strchr(p, ')');

    if (!close || close[1] != '\0')
        goto refuse;
    while (p < close) {
        if (*p == ' ' || *p == ',' || *p == '/') {
            p++;
            continue;
        }
        if (count == 4)
            goto refuse;
        const char *q = p;
        size_t digits = 0;
        while (isdigit((unsigned char)*q) || *q == '.')
            digits += isdigit((unsigned char)*q++) ? 1 : 0;
        if (*p == '-') {
            set_err(err, size,
                    "'%s' is not a colour: a number is below 0; write numbers from 0 "
                    "to 255, as in rgb(0, 94, 184)",
                    t->shown);
            return false;
        }
        if (digits == 0)
            goto refuse;
        errno = 0;
        char *end;
        double x = strtod(p, &end);
        if (errno != 0 || end != q || !isfinite(x))
            goto refuse;
        bool percent = *q == '%';
        if (percent)
            q++;
        if (*q != ' ' && *q != ',' && *q != '/' && q != close)
            goto refuse;
        double max = count == 3 ? (percent ? 100 : 1) : (percent ? 100 : 255);
        if (x > max) {
            if (count == 3)
                set_err(err, size,
                        "'%s' is not a colour: the opacity %.*s is more than %s; write "
                        "it from 0 to 1, as in rgba(0, 94, 184, 0.5)",
                        t->shown, (int)(q - p), p, percent ? "100%" : "1");
            else
                set_err(err, size,
                        "'%s' is not a colour: %.*s is more than %s; write numbers from "
                        "0 to 255, as in rgb(0, 94, 184)",
                        t->shown, (int)(q - p), p, percent ? "100%" : "255");
            return false;
        }
        v[count] = percent ? x / 100 * (count == 3 ? 1 : 255) : x;
        count++;
        p = q;
    }
    if (count < 3) {
        set_err(err, size,
                "'%s' is not a colour: rgb needs three numbers from 0 to 255; write "
                "rgb(0, 94, 184)",
                t->shown);
        return false;
    }
    out->r = (uint8_t)lround(v[0]);
    out->g = (uint8_t)lround(v[1]);
    out->b = (uint8_t)lround(v[2]);
    out->a = (uint8_t)lround(v[3] * 255);
    return true;
refuse:
    set_err(err, size, "'%s' is not a colour; write rgb(0, 94, 184), %s", t->shown, WRITE_COLOR);
    return false;
}

bool cor_parse_color(const char *s, struct cor_color *out, char *err, size_t err_size)
{
    struct text t;
    if (!text_init(&t, s, "a colour", "write " WRITE_COLOR, err, err_size))
        return false;

    const char *p = t.s;
    bool hash = *p == '#';
    if (hash && p[1] == ' ')
        p++; /* "# 005EB8" */
    size_t n = strspn(p + hash, "0123456789abcdef");
    if (hash || (p[n] == '\0' && (n == 6 || n == 8))) {
        p += hash;
        if (p[n] != '\0') {
            size_t at = (size_t)(p + n - t.s);
            set_err(err, err_size,
                    "'%s' is not a colour: '%.*s' is not a hex digit; after the # "
                    "write 0-9 and A-F only, as in \"#005EB8\"",
                    t.shown, (int)(t.map[at + 1] - t.map[at]), t.shown + t.map[at]);
            return false;
        }
        if (n != 3 && n != 4 && n != 6 && n != 8) {
            set_err(err, err_size,
                    "'%s' is not a colour: it has %zu hex digits; write 6 after the "
                    "#, as in \"#005EB8\"",
                    t.shown, n);
            return false;
        }
        color_from_hex(p, n, out);
        return true;
    }
    if (p[n] == '\0' && (n == 3 || n == 4)) {
        set_err(err, err_size,
                "'%s' is not a colour; did you mean \"#%s\"? Write the # too, "
                "inside quotes",
                t.shown, t.shown);
        return false;
    }
    size_t open = strncmp(p, "rgba", 4) == 0 ? 4 : strncmp(p, "rgb", 3) == 0 ? 3 : 0;
    if (open && p[open] == ' ')
        open++;
    if (open && p[open] == '(')
        return color_rgb(&t, open, out, err, err_size);

    /* A name; "Dark Blue", "dark-blue" and "dark_blue" are darkblue. */
    char name[TEXT_MAX + 1];
    size_t k = 0;
    for (; *p; p++)
        if (*p != ' ' && *p != '-' && *p != '_')
            name[k++] = *p;
    name[k] = '\0';
    for (const struct named_color *c = css_colors; c->name; c++) {
        if (strcmp(c->name, name) == 0) {
            out->r = (uint8_t)(c->rgb >> 16);
            out->g = (uint8_t)(c->rgb >> 8);
            out->b = (uint8_t)c->rgb;
            out->a = 255;
            return true;
        }
    }
    const char *near = nearest_in(name, css_colors, sizeof(css_colors[0]));
    if (near)
        set_err(err, err_size, "'%s' is not a colour; did you mean '%s'? Write " WRITE_COLOR,
                t.shown, near);
    else
        set_err(err, err_size, "'%s' is not a colour; write " WRITE_COLOR, t.shown);
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
    int d = name_index(w, n, day_names, 2);
    if (d < 0 && n > 3 && w[n - 1] == 's' && name_index(w, n - 1, day_names, 2) >= 0 &&
        strlen(day_names[name_index(w, n - 1, day_names, 2)]) == n - 1)
        d = name_index(w, n - 1, day_names, 2);
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

    if (!text_init(&t, s, "a day", WRITE_DAYS, err, err_size))
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
    if (range_split(t.s, false, &a, &b) && a > 0 && b < t.n) {
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
        set_err(err, err_size,
                "'%s' is not a day; did you mean '%s'? Write mon, tue, wed, thu, "
                "fri, sat, sun, weekdays or weekends",
                t.shown, near);
    else
        set_err(err, err_size, "'%s' is not a day; %s", t.shown, WRITE_DAYS);
    return false;
}

bool cor_parse_bool(const char *s, bool *out, char *err, size_t err_size)
{
    static const char *const yes[] = {"true", "yes", "on", "y", "1", NULL};
    static const char *const no[] = {"false", "no", "off", "n", "0", NULL};
    struct text t;
    if (!text_init(&t, s, "a yes or no", "write true or false", err, err_size))
        return false;
    for (int i = 0; yes[i]; i++) {
        if (strcmp(t.s, yes[i]) == 0 || strcmp(t.s, no[i]) == 0) {
            *out = strcmp(t.s, yes[i]) == 0;
            return true;
        }
    }
    set_err(err, err_size, "'%s' is not yes or no; write true or false", t.shown);
    return false;
}

bool cor_parse_int(const char *s, long min, long max, long *out, char *err, size_t err_size)
{
    struct text t;
    char hint[96];
    snprintf(hint, sizeof(hint), "write a whole number from %ld to %ld", min, max);
    if (!text_init(&t, s, "a number", hint, err, err_size))
        return false;
    const char *p = t.s;
    if (!isdigit((unsigned char)(*p == '-' || *p == '+' ? p[1] : p[0]))) {
        set_err(err, err_size, "'%s' is not a whole number; %s", t.shown, hint);
        return false;
    }
    errno = 0;
    char *end;
    long v = strtol(p, &end, 10);
    if (*end != '\0') {
        set_err(err, err_size, "'%s' is not a whole number; %s", t.shown, hint);
        return false;
    }
    if ((errno == ERANGE && v > 0) || v > max) {
        set_err(err, err_size, "'%s' is too large; %s", t.shown, hint);
        return false;
    }
    if (errno == ERANGE || v < min) {
        set_err(err, err_size, "'%s' is too small; %s", t.shown, hint);
        return false;
    }
    *out = v;
    return true;
}

/* Contrast, as WCAG 2 defines it. */
static double channel_light(uint8_t c)
{
    double v = c / 255.0;
    return v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
}

static double luminance(struct cor_color c)
{
    return 0.2126 * channel_light(c.r) + 0.7152 * channel_light(c.g) + 0.0722 * channel_light(c.b);
}

double cor_contrast_ratio(struct cor_color a, struct cor_color b)
{
    double la = luminance(a), lb = luminance(b);
    double hi = la > lb ? la : lb, lo = la > lb ? lb : la;
    return (hi + 0.05) / (lo + 0.05);
}

/* Words near one another. */

int cor_edit_distance(const char *a, const char *b, int cap)
{
    /* Optimal string alignment: insertions, deletions, substitutions and swaps of two
     * neighbouring letters ("titel" for "title") each cost one; letter case is ignored. */
    if (cap <= 0)
        return 0;
    if (!a)
        a = "";
    if (!b)
        b = "";
    size_t na = strlen(a), nb = strlen(b);
    if ((na > nb ? na - nb : nb - na) >= (size_t)cap)
        return cap;
    int *rows = malloc(3 * (nb + 1) * sizeof(int));
    if (!rows)
        return cap;
    int *before = rows, *prev = rows + nb + 1, *cur = rows + 2 * (nb + 1);
    for (size_t j = 0; j <= nb; j++)
        prev[j] = j < (size_t)cap ? (int)j : cap;
    for (size_t i = 1; i <= na; i++) {
        cur[0] = i < (size_t)cap ? (int)i : cap;
        int row_min = cur[0];
        int ai = tolower((unsigned char)a[i - 1]);
        for (size_t j = 1; j <= nb; j++) {
            int bj = tolower((unsigned char)b[j - 1]);
            int best = prev[j - 1] + (ai != bj);
            if (prev[j] + 1 < best)
                best = prev[j] + 1;
            if (cur[j - 1] + 1 < best)
                best = cur[j - 1] + 1;
            if (i > 1 && j > 1 && ai == tolower((unsigned char)b[j - 2]) &&
                tolower((unsigned char)a[i - 2]) == bj && before[j - 2] + 1 < best)
                best = before[j - 2] + 1;
            cur[j] = best < cap ? best : cap;
            if (cur[j] < row_min)
                row_min = cur[j];
        }
        int *spare = before;
        before = prev;
        prev = cur;
        cur = spare;
        if (row_min >= cap) {
            free(rows);
            return cap;
        }
    }
    int d = prev[nb];
    free(rows);
    return d < cap ? d : cap;
}

/* The nearest to S of the names that open each STRIDE-byte record at BASE, up to a NULL name.
 * A name is near when the edit distance is at most a third of S's length (at least 1), or when
 * one begins the other and the shorter has three letters or more. */
static const char *nearest_in(const char *s, const void *base, size_t stride)
{
    size_t ns = strlen(s);
    int limit = ns / 3 > 1 ? (int)(ns / 3) : 1;
    const char *best = NULL;
    int best_d = INT_MAX;

    if (ns == 0)
        return NULL;
    for (size_t i = 0;; i++) {
        const char *name;
        memcpy(&name, (const char *)base + i * stride, sizeof(name));
        if (!name)
            break;
        size_t nw = strlen(name), shorter = ns < nw ? ns : nw;
        int d = cor_edit_distance(s, name, 1000);
        bool prefix = shorter >= 3 && strncasecmp(s, name, shorter) == 0;
        if ((d <= limit || prefix) && d < best_d) {
            best = name;
            best_d = d;
        }
    }
    return best;
}

const char *cor_nearest_word(const char *s, const char *const *words)
{
    if (!s || !words)
        return NULL;
    return nearest_in(s, words, sizeof(words[0]));
}
