/* value.c: reads the dates and times people type into a playlist, and counts days on the
 * calendar. Durations, days of the week, yes/no and numbers are in value_simple.c; colours in
 * value_color.c. */
#include "value.h"
#include "value_priv.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define WRITE_DATE  "write a date such as 2024-03-19 or 19 March 2024"
#define WRITE_TIME  "write a time such as 9am, 9.30am or 16:45"
#define WRITE_RANGE "write a range such as 9am to 4.45pm or 09:00-16:45"

static const char *const month_names[] = {
    "January", "February",  "March",   "April",    "May",      "June", "July",
    "August",  "September", "October", "November", "December", NULL,
};
const char *const cor_value_day_names[] = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", NULL,
};
/* Words a date may hold, for "did you mean". */
static const char *const date_words[] = {
    "January",   "February",  "March",   "April",    "May",      "June",   "July",
    "August",    "September", "October", "November", "December", "Monday", "Tuesday",
    "Wednesday", "Thursday",  "Friday",  "Saturday", "Sunday",   NULL,
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
bool cor_value_text_init(struct text *t, const char *in, const char *what, const char *hint,
                         char *err, size_t size)
{
    if (!in)
        in = "";
    size_t len = strlen(in);
    if (!text_set(t, in, len)) {
        cor_say(err, size, "'%.40s...' is too long for %s; %s", in, what, hint);
        return false;
    }
    if (t->n == 0) {
        cor_say(err, size, "%s is missing here; %s", what, hint);
        return false;
    }
    return true;
}

/* Fills OUT with the piece [A, B) of T, trimmed. */
static void text_sub(struct text *out, const struct text *t, size_t a, size_t b)
{
    text_set(out, t->shown + t->map[a], t->map[b] - t->map[a]);
}

void cor_value_text_replace(const struct text *t, size_t a, size_t b, const char *word, char *buf,
                            size_t size)
{
    snprintf(buf, size, "%.*s%s%s", (int)t->map[a], t->shown, word, t->shown + t->map[b]);
}

bool cor_value_read_digits(const char *p, long *v, const char **end)
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

int cor_value_name_index(const char *w, size_t n, const char *const *names, size_t min)
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
    snprintf(buf, size, "%s %d %s %d", cor_value_day_names[cor_weekday(days)], d,
             month_names[m - 1], y);
}

void cor_format_time(int minutes, char *buf, size_t size)
{
    if (!buf || size == 0)
        return;
    if (minutes > COR_MINUTES_PER_DAY && minutes < 2 * COR_MINUTES_PER_DAY)
        minutes -= COR_MINUTES_PER_DAY; /* the end of a session that runs past midnight */
    if (minutes < 0 || minutes > COR_MINUTES_PER_DAY)
        snprintf(buf, size, "--:--");
    else
        snprintf(buf, size, "%02d:%02d", minutes / 60, minutes % 60);
}

void cor_format_hours(const struct cor_hours *hours, size_t n, char *buf, size_t size)
{
    size_t used = 0;
    if (!buf || size == 0)
        return;
    buf[0] = '\0';
    for (size_t i = 0; i < n && used < size; i++) {
        char a[16], b[16];
        cor_format_time(hours[i].from_min, a, sizeof(a));
        cor_format_time(hours[i].until_min, b, sizeof(b));
        int w = snprintf(buf + used, size - used, "%s%s-%s", i ? ", " : "", a, b);
        if (w < 0)
            break;
        used += (size_t)w;
    }
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
    cor_say(err, size,
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
    cor_say(err, size, "'%s' is not a date: %s %ld has %d days; write a day from 1 to %d", t->shown,
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
        if (!cor_value_read_digits(p, &v[i], &end))
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
                cor_say(err, size,
                        "'%s' is not a date: there is no month %ld; write "
                        "%04ld-%02ld-%02ld (year, then month, then day)",
                        t->shown, m, y, d, m);
            else
                cor_say(err, size,
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
            cor_say(err, size,
                    "'%s' is not a date corridor reads (is it %ld %s or %ld %s?); "
                    "write %04ld-%02ld-%02ld or %ld %s %ld",
                    t->shown, v[0], month_names[v[1] - 1], v[1], month_names[v[0] - 1], y, v[1],
                    v[0], v[0], month_names[v[1] - 1], y);
            return false;
        }
        if (dm || md) {
            long d = dm ? v[0] : v[1], m = dm ? v[1] : v[0];
            cor_say(err, size,
                    "'%s' is not a date corridor reads; write %04ld-%02ld-%02ld or %ld "
                    "%s %ld",
                    t->shown, y, m, d, d, month_names[m - 1], y);
            return false;
        }
    }
    if (nd[2] == 2 && nd[0] <= 2 && nd[1] <= 2 && v[1] >= 1 && v[1] <= 12 && v[0] >= 1 &&
        v[0] <= days_in_month(2000 + v[2], v[1])) {
        /* 6/10/27: a two-digit year, read day first as in Britain for the example. */
        long y = 2000 + v[2];
        cor_say(err, size,
                "'%s' is not a date corridor reads: the year needs four digits; write "
                "%04ld-%02ld-%02ld or %ld %s %ld",
                t->shown, y, v[1], v[0], v[0], month_names[v[1] - 1], y);
        return false;
    }
refuse:
    cor_say(err, size, "'%s' is not a date corridor reads; %s", t->shown, WRITE_DATE);
    return false;
}

/* Dates with the month in words: 19 March 2024, Tue 19th Mar 2024, March 19, 2024. */
static bool date_words_form(const struct text *t, int32_t *out, char *err, size_t size)
{
    long day = -1, year = -1, short_year = -1;
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
            if (!cor_value_read_digits(w, &v, &end))
                goto refuse;
            size_t nd = (size_t)(end - w), rest = n - nd;
            bool ordinal = rest == 2 && (strncmp(end, "st", 2) == 0 || strncmp(end, "nd", 2) == 0 ||
                                         strncmp(end, "rd", 2) == 0 || strncmp(end, "th", 2) == 0);
            if (rest == 0 && nd == 4 && year < 0)
                year = v;
            else if ((rest == 0 || ordinal) && nd <= 2 && day < 0)
                day = v;
            else if (rest == 0 && nd == 2 && year < 0 && short_year < 0)
                short_year = v; /* "17 December 27" */
            else
                goto refuse;
            continue;
        }
        int m = cor_value_name_index(w, n, month_names, 3);
        int d = cor_value_name_index(w, n, cor_value_day_names, 3);
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
            if (!near && cor_value_name_index(w, 3, month_names, 3) >= 0)
                near = month_names[cor_value_name_index(w, 3, month_names, 3)];
            if (!near && cor_value_name_index(w, 3, cor_value_day_names, 3) >= 0)
                near = cor_value_day_names[cor_value_name_index(w, 3, cor_value_day_names, 3)];
            if (!near)
                goto refuse;
            cor_value_text_replace(t, a, i, near, buf, sizeof(buf));
            cor_say(err, size, "'%s' is not a date corridor reads; did you mean '%s'?", t->shown,
                    buf);
            return false;
        } else {
            goto refuse;
        }
    }
    if (month < 0)
        goto refuse;
    if (day < 0) {
        cor_say(err, size, "'%s' has no day of the month; write the day too, as in 1 %s %ld",
                t->shown, month_names[month - 1],
                year > 0 ? year : (long)example_year(1, month, -1));
        return false;
    }
    if (year < 0 && short_year >= 0) {
        cor_say(err, size,
                "'%s' is not a date corridor reads: the year needs four digits; write "
                "%s%s%ld %s %ld",
                t->shown, wday >= 0 ? cor_value_day_names[wday] : "", wday >= 0 ? " " : "", day,
                month_names[month - 1], 2000 + short_year);
        return false;
    }
    if (year < 0) {
        if (day < 1 || day > days_in_month(2024, month)) {
            cor_say(err, size,
                    "'%s' is not a date: %s has at most %d days; write a day from 1 to %d",
                    t->shown, month_names[month - 1], days_in_month(2024, month),
                    days_in_month(2024, month));
            return false;
        }
        int y = example_year((int)day, month, wday);
        cor_say(err, size, "'%s' has no year; write %s%s%ld %s %d", t->shown,
                wday >= 0 ? cor_value_day_names[wday] : "", wday >= 0 ? " " : "", day,
                month_names[month - 1], y);
        return false;
    }
    if (!date_check_year(t, year, err, size) || !date_check_day(t, year, month, day, err, size))
        return false;
    int32_t days = cor_days_from_civil((int)year, month, (int)day);
    if (wday >= 0 && cor_weekday(days) != wday) {
        const char *real = cor_value_day_names[cor_weekday(days)];
        cor_say(err, size,
                "'%s' is not a date: %ld %s %ld is a %s; write %s %ld %s %ld, or leave "
                "out the day's name",
                t->shown, day, month_names[month - 1], year, real, real, day,
                month_names[month - 1], year);
        return false;
    }
    *out = days;
    return true;
refuse:
    cor_say(err, size, "'%s' is not a date corridor reads; %s", t->shown, WRITE_DATE);
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
    if (!cor_value_text_init(&t, s, "a date", WRITE_DATE, err, err_size))
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
    if (!cor_value_read_digits(w, &hour, &end))
        goto refuse;
    size_t nd = (size_t)(end - w);
    if (*end == ':' || *end == '.') {
        const char *m = end + 1, *mend;
        if (nd > 2 || !cor_value_read_digits(m, &minute, &mend))
            goto refuse;
        long mdigits = (long)(mend - m);
        if (*mend == ':' && mdigits == 2) { /* seconds, as spreadsheets write: 09:00:00 */
            if (strcmp(mend, ":00") != 0) {
                cor_say(err, size,
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
            cor_say(err, size,
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
        cor_say(err, size, "'%s' is not a time: minutes run from 00 to 59; %s", t->shown,
                WRITE_TIME);
        return false;
    }
    if (ct->meridiem) {
        if (hour == 0) {
            char mm[24] = "";
            if (minute)
                snprintf(mm, sizeof(mm), ".%02ld", minute);
            cor_say(err, size,
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
                cor_say(err, size,
                        "'%s' is not a time: with am or pm the hours run from 1 to 12; "
                        "write %ld%spm or %ld:%02ld",
                        t->shown, hour - 12, mm, hour, minute);
            } else {
                cor_say(err, size,
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
            cor_say(err, size,
                    "'%s' can only end a range of times; write 00:00 for the start of "
                    "a day, or 23:59",
                    t->shown);
            return false;
        }
        ct->min = COR_MINUTES_PER_DAY;
        return true;
    }
    if (hour > 23) {
        cor_say(err, size,
                "'%s' is not a time: hours run from 00 to 23; write a time such as "
                "9:30 or 16:45",
                t->shown);
        return false;
    }
    ct->min = (int)(hour * 60 + minute);
    ct->bare = !hours_word && nd <= 2 && hour >= 1 && hour <= 12 && w[0] != '0';
    return true;
refuse:
    cor_say(err, size, "'%s' is not a time; %s", t->shown, WRITE_TIME);
    return false;
}

bool cor_parse_time(const char *s, bool allow_24, int *out, char *err, size_t err_size)
{
    struct text t;
    struct clock_time ct;
    if (!cor_value_text_init(&t, s, "a time", WRITE_TIME, err, err_size) ||
        !time_core(&t, allow_24, &ct, err, err_size))
        return false;
    *out = ct.min;
    return true;
}

bool cor_value_range_split(const char *s, bool between, size_t *a, size_t *b)
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

    if (!cor_value_text_init(&t, s, "a range of times", WRITE_RANGE, err, err_size))
        return false;
    bool between = strncmp(t.s, "between ", 8) == 0;
    if (between)
        from = 8;
    else if (strncmp(t.s, "from ", 5) == 0)
        from = 5;
    if (!cor_value_range_split(t.s + from, between, &sa, &sb) || sa == 0 || from + sb >= t.n) {
        if (time_core(&t, false, &a, NULL, 0))
            cor_say(err, err_size, "'%s' is only one time; %s", t.shown, WRITE_RANGE);
        else
            cor_say(err, err_size, "'%s' is not a range of times; %s", t.shown, WRITE_RANGE);
        return false;
    }
    text_sub(&left, &t, from, from + sa);
    text_sub(&right, &t, from + sb, t.n);
    if (left.n == 0 || right.n == 0) {
        cor_say(err, err_size, "'%s' is not a range of times; %s", t.shown, WRITE_RANGE);
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
        cor_say(err, err_size, "'%s' starts and ends at the same time; %s", t.shown, WRITE_RANGE);
        return false;
    }
    if (b.min < a.min && a.min >= COR_OVERNIGHT_FROM && b.min <= COR_OVERNIGHT_UNTIL) {
        b.min += COR_MINUTES_PER_DAY; /* 10pm to 2am: it ends the next morning */
    } else if (b.min < a.min) {
        cor_say(err, err_size,
                "'%s' ends before it starts; check am and pm (a range that runs past "
                "midnight starts in the evening and ends the next morning, as in 10pm to 2am)",
                t.shown);
        return false;
    }
    *start = a.min;
    *end = b.min;
    return true;
}

bool cor_time_looks_afternoon(const char *s, char *pm, size_t pm_size)
{
    struct text t, left, right;
    struct clock_time ct, end;
    size_t sa, sb;
    int start, stop;
    while (s && *s == ' ')
        s++;
    /* Quickly: only a single figure from 1 to 6 can start such a time. */
    if (!s || s[0] < '1' || s[0] > '6' || isdigit((unsigned char)s[1]))
        return false;
    if (!cor_value_text_init(&t, s, "a time", WRITE_TIME, NULL, 0))
        return false;
    if (cor_value_range_split(t.s, false, &sa, &sb) && sa > 0 && sb < t.n) {
        text_sub(&left, &t, 0, sa);
        text_sub(&right, &t, sb, t.n);
        if (!cor_parse_time_range(s, &start, &stop, NULL, 0) ||
            !time_core(&left, false, &ct, NULL, 0) || !time_core(&right, true, &end, NULL, 0))
            return false;
        ct.min = start;
        if (pm && pm_size)
            snprintf(pm, pm_size, "%s%s to %s%s", left.shown, ct.bare ? "pm" : "", right.shown,
                     end.bare ? "pm" : "");
    } else if (time_core(&t, false, &ct, NULL, 0)) {
        if (pm && pm_size)
            snprintf(pm, pm_size, "%spm", t.shown);
    } else {
        return false;
    }
    return ct.bare && ct.min >= 60 && ct.min < 7 * 60;
}

/* "19 March 2024 9am": the date ends with the first word that holds a four-digit year. A time of
 * 24:00 is the end of that day; "midnight" is refused as it could mean either end. */
bool cor_parse_datetime(const char *s, cor_minute *out, bool *has_time, char *err, size_t err_size)
{
    struct text t, dt, tm;
    size_t split = 0, rest = 0;

    if (!cor_value_text_init(&t, s, "a date", WRITE_DATE, err, err_size))
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
        cor_say(err, err_size,
                "'%s' could mean the start or the end of that day; write %s 00:00 "
                "for the start, or %s alone for the whole day",
                t.shown, dt.shown, dt.shown);
        return false;
    }
    *has_time = true;
    *out += ct.min;
    return true;
}
