/* test_value.c: the values people type into a playlist, read or refused with the right words. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "value.h"

enum kind { DATE, TIME, TIME_END, RANGE, DATETIME, DURATION, COLOR, DAYS, BOOL, INT };

static const char *const kind_names[] = {"date",     "time",   "end time", "range", "datetime",
                                         "duration", "colour", "days",     "bool",  "int"};

/* Reads IN as KIND and writes what it read into GOT in one plain form, or the message into ERR. */
static bool run(enum kind kind, const char *in, char *got, size_t gsize, char *err, size_t esize)
{
    int32_t day;
    int a, b;
    cor_minute m;
    bool has_time, flag;
    uint32_t ms;
    struct cor_color c;
    uint8_t mask;
    long n;
    char t1[16], t2[16];

    err[0] = got[0] = '\0';
    switch (kind) {
    case DATE:
        if (!cor_parse_date(in, &day, err, esize))
            return false;
        {
            int y, mo, d;
            cor_civil_from_days(day, &y, &mo, &d);
            snprintf(got, gsize, "%04d-%02d-%02d", y, mo, d);
        }
        return true;
    case TIME:
    case TIME_END:
        if (!cor_parse_time(in, kind == TIME_END, &a, err, esize))
            return false;
        cor_format_time(a, got, gsize);
        return true;
    case RANGE:
        if (!cor_parse_time_range(in, &a, &b, err, esize))
            return false;
        cor_format_time(a, t1, sizeof(t1));
        cor_format_time(b, t2, sizeof(t2));
        snprintf(got, gsize, "%s-%s%s", t1, t2, b > COR_MINUTES_PER_DAY ? " (next day)" : "");
        return true;
    case DATETIME:
        if (!cor_parse_datetime(in, &m, &has_time, err, esize))
            return false;
        {
            int y, mo, d;
            cor_civil_from_days((int32_t)(m / COR_MINUTES_PER_DAY), &y, &mo, &d);
            cor_format_time((int)(m % COR_MINUTES_PER_DAY), t1, sizeof(t1));
            snprintf(got, gsize, "%04d-%02d-%02d%s%s", y, mo, d, has_time ? " " : "",
                     has_time ? t1 : "");
        }
        return true;
    case DURATION:
        if (!cor_parse_duration(in, &ms, err, esize))
            return false;
        snprintf(got, gsize, "%u", (unsigned)ms);
        return true;
    case COLOR:
        if (!cor_parse_color(in, &c, err, esize))
            return false;
        snprintf(got, gsize, "#%02X%02X%02X%02X", c.r, c.g, c.b, c.a);
        return true;
    case DAYS:
        if (!cor_parse_days_word(in, &mask, err, esize))
            return false;
        snprintf(got, gsize, "0x%02x", mask);
        return true;
    case BOOL:
        if (!cor_parse_bool(in, &flag, err, esize))
            return false;
        snprintf(got, gsize, "%s", flag ? "true" : "false");
        return true;
    case INT:
        if (!cor_parse_int(in, 1, 366, &n, err, esize))
            return false;
        snprintf(got, gsize, "%ld", n);
        return true;
    }
    return false;
}

static const struct {
    enum kind kind;
    const char *in, *want;
} valid[] = {
    /* Dates */
    {DATE, "2024-03-19", "2024-03-19"},
    {DATE, "  2024-03-19  ", "2024-03-19"},
    {DATE, "2024-3-9", "2024-03-09"},
    {DATE, "2024/03/19", "2024-03-19"},
    {DATE, "19 March 2024", "2024-03-19"},
    {DATE, "19 march 2024", "2024-03-19"},
    {DATE, "19 MARCH 2024", "2024-03-19"},
    {DATE, "19 Mar 2024", "2024-03-19"},
    {DATE, "19 Mar. 2024", "2024-03-19"},
    {DATE, "19th March 2024", "2024-03-19"},
    {DATE, "1st April 2024", "2024-04-01"},
    {DATE, "2nd May 2024", "2024-05-02"},
    {DATE, "3rd June 2024", "2024-06-03"},
    {DATE, "Tuesday 19 March 2024", "2024-03-19"},
    {DATE, "Tue 19 March 2024", "2024-03-19"},
    {DATE, "Tues 19th Mar 2024", "2024-03-19"},
    {DATE, "tuesday, 19 march 2024", "2024-03-19"},
    {DATE, "March 19, 2024", "2024-03-19"},
    {DATE, "Tuesday, March 19th, 2024", "2024-03-19"},
    {DATE, "19-Mar-2024", "2024-03-19"},
    {DATE, "19 Sept 2024", "2024-09-19"},
    {DATE, "19  March   2024", "2024-03-19"},
    {DATE, "19\tMarch 2024", "2024-03-19"},
    {DATE,
     "19\xc2\xa0March\xc2\xa0"
     "2024",
     "2024-03-19"},
    {DATE, "29 February 2024", "2024-02-29"},
    {DATE, "Thursday the 1st of February 2024", "2024-02-01"},
    {DATE, "31 December 1999", "1999-12-31"},
    {DATE, "1 January 2000", "2000-01-01"},
    {DATE, "29 Feb 2000", "2000-02-29"},
    /* Times */
    {TIME, "10:00", "10:00"},
    {TIME, "9:30", "09:30"},
    {TIME, "09:30", "09:30"},
    {TIME, "9.30am", "09:30"},
    {TIME, "9.30 am", "09:30"},
    {TIME, "9:30 a.m.", "09:30"},
    {TIME, "9am", "09:00"},
    {TIME, "9 am", "09:00"},
    {TIME, " 9 AM ", "09:00"},
    {TIME, "12pm", "12:00"},
    {TIME, "12am", "00:00"},
    {TIME, "12.30am", "00:30"},
    {TIME, "4.45pm", "16:45"},
    {TIME, "4:45 P.M.", "16:45"},
    {TIME, "16:45", "16:45"},
    {TIME, "0930", "09:30"},
    {TIME, "1600hrs", "16:00"},
    {TIME, "16:00h", "16:00"},
    {TIME, "noon", "12:00"},
    {TIME, "Midday", "12:00"},
    {TIME, "12 noon", "12:00"},
    {TIME, "12noon", "12:00"},
    {TIME, "midnight", "00:00"},
    {TIME, "9", "09:00"},
    {TIME, "23:59", "23:59"},
    {TIME, "0:00", "00:00"},
    {TIME_END, "24:00", "24:00"},
    {TIME_END, "midnight", "24:00"},
    /* Ranges */
    {RANGE, "9am to 4.45pm", "09:00-16:45"},
    {RANGE, "09:00-16:45", "09:00-16:45"},
    {RANGE,
     "9am\xe2\x80\x93"
     "4.45pm",
     "09:00-16:45"},
    {RANGE, "9am \xe2\x80\x94 4.45pm", "09:00-16:45"},
    {RANGE, "9am - 4.45pm", "09:00-16:45"},
    {RANGE, "9 to 4.45pm", "09:00-16:45"},
    {RANGE, "1 to 4pm", "13:00-16:00"},
    {RANGE, "9am to 5", "09:00-17:00"},
    {RANGE, "9 to 5", "09:00-17:00"},
    {RANGE, "10am to 12 noon", "10:00-12:00"},
    {RANGE, "6pm to midnight", "18:00-24:00"},
    {RANGE, "22:00-00:00", "22:00-24:00"},
    {RANGE, "8pm to 12am", "20:00-24:00"},
    {RANGE, "10pm to 2am", "22:00-02:00 (next day)"},
    {RANGE, "10pm to 2", "22:00-02:00 (next day)"},
    {RANGE, "22:00-06:00", "22:00-06:00 (next day)"},
    {RANGE, "7pm to 7am", "19:00-07:00 (next day)"},
    {RANGE, "from 9am to 5pm", "09:00-17:00"},
    {RANGE, "between 9am and 5pm", "09:00-17:00"},
    {RANGE, "9:30 A.M. TO 12:15 P.M.", "09:30-12:15"},
    {RANGE, "9am until 5pm", "09:00-17:00"},
    {RANGE, "08:00-24:00", "08:00-24:00"},
    {RANGE, "12 to 2pm", "12:00-14:00"},
    {RANGE, "9.30-11", "09:30-11:00"},
    /* Dates and times */
    {DATETIME, "2024-03-19", "2024-03-19"},
    {DATETIME, "2024-03-19 09:00", "2024-03-19 09:00"},
    {DATETIME, "2024-03-19T09:00", "2024-03-19 09:00"},
    {DATETIME, "19 March 2024 9am", "2024-03-19 09:00"},
    {DATETIME, "19 March 2024, 9:30", "2024-03-19 09:30"},
    {DATETIME, "Tuesday 19 March 2024 at 4.45pm", "2024-03-19 16:45"},
    {DATETIME, "March 19, 2024 at noon", "2024-03-19 12:00"},
    /* Durations */
    {DURATION, "10", "10000"},
    {DURATION, "10s", "10000"},
    {DURATION, "10 s", "10000"},
    {DURATION, "90s", "90000"},
    {DURATION, "1m", "60000"},
    {DURATION, "1m30s", "90000"},
    {DURATION, "1m 30s", "90000"},
    {DURATION, "1m30", "90000"},
    {DURATION, "0.8s", "800"},
    {DURATION, "1.5m", "90000"},
    {DURATION, "2h", "7200000"},
    {DURATION, "500ms", "500"},
    {DURATION, "90 seconds", "90000"},
    {DURATION, "2 minutes", "120000"},
    {DURATION, "1 minute and 30 seconds", "90000"},
    {DURATION, "1h30", "5400000"},
    {DURATION, "24h", "86400000"},
    {DURATION, "10 SECS", "10000"},
    {DURATION, ".5s", "500"},
    {DURATION, "1 min", "60000"},
    /* Colours */
    {COLOR, "#005EB8", "#005EB8FF"},
    {COLOR, "#005eb8", "#005EB8FF"},
    {COLOR, "#FFF", "#FFFFFFFF"},
    {COLOR, "#005EB880", "#005EB880"},
    {COLOR, "#0f08", "#00FF0088"},
    {COLOR, "005EB8", "#005EB8FF"},
    {COLOR, "navy", "#000080FF"},
    {COLOR, "NAVY", "#000080FF"},
    {COLOR, "dark blue", "#00008BFF"},
    {COLOR, "Dark-Slate-Grey", "#2F4F4FFF"},
    {COLOR, "rebeccapurple", "#663399FF"},
    {COLOR, "lightgoldenrodyellow", "#FAFAD2FF"},
    {COLOR, "mediumspringgreen", "#00FA9AFF"},
    {COLOR, "aliceblue", "#F0F8FFFF"},
    {COLOR, "yellowgreen", "#9ACD32FF"},
    {COLOR, "teal", "#008080FF"},
    {COLOR, "rgb(0, 94, 184)", "#005EB8FF"},
    {COLOR, "rgb(0 94 184)", "#005EB8FF"},
    {COLOR, "RGB(0,94,184)", "#005EB8FF"},
    {COLOR, "rgba(0, 94, 184, 0.5)", "#005EB880"},
    {COLOR, "rgb(100%, 0%, 0%)", "#FF0000FF"},
    {COLOR, "rgb(0 94 184 / 50%)", "#005EB880"},
    /* Days */
    {DAYS, "mon", "0x01"},
    {DAYS, "Monday", "0x01"},
    {DAYS, "TUE", "0x02"},
    {DAYS, "tues", "0x02"},
    {DAYS, "thurs", "0x08"},
    {DAYS, "Sundays", "0x40"},
    {DAYS, "sa", "0x20"},
    {DAYS, "weekdays", "0x1f"},
    {DAYS, "Weekends", "0x60"},
    {DAYS, "every day", "0x7f"},
    {DAYS, "daily", "0x7f"},
    {DAYS, "mon-fri", "0x1f"},
    {DAYS, "Monday to Friday", "0x1f"},
    {DAYS, "fri-mon", "0x71"},
    /* Yes or no, and numbers */
    {BOOL, "true", "true"},
    {BOOL, "Yes", "true"},
    {BOOL, "ON", "true"},
    {BOOL, "off", "false"},
    {BOOL, "no", "false"},
    {INT, "7", "7"},
    {INT, "  42 ", "42"},
    {INT, "+3", "3"},
    {INT, "366", "366"},
    {INT, "1", "1"},
};

static const struct {
    enum kind kind;
    const char *in, *want; /* WANT is part of the message, or all of it */
} invalid[] = {
    /* Dates */
    {DATE, "19/03/2024",
     "'19/03/2024' is not a date corridor reads; write 2024-03-19 or 19 March 2024"},
    {DATE, "03/19/2024", "'03/19/2024' is not a date corridor reads; write 2024-03-19 or 19 March"},
    {DATE, "05/03/2024", "(is it 5 March or 3 May?); write 2024-03-05 or 5 March 2024"},
    {DATE, "19.03.2024", "'19.03.2024' is not a date corridor reads; write 2024-03-19 or"},
    {DATE, "19-03-2024", "'19-03-2024' is not a date corridor reads; write 2024-03-19 or"},
    {DATE, "19/03/24",
     "'19/03/24' is not a date corridor reads: the year needs four digits; write 2024-03-19 or "
     "19 March 2024"},
    {DATE, "17 December 27",
     "'17 December 27' is not a date corridor reads: the year needs four digits; write 17 "
     "December 2027"},
    {DATE, "19 March", "'19 March' has no year; write 19 March 2"},
    {DATE, "Tuesday 19 March", "'Tuesday 19 March' has no year; write Tuesday 19 March 2"},
    {DATE, "March 2024", "'March 2024' has no day of the month; write the day too, as in 1 March"},
    {DATE, "31 February 2024",
     "'31 February 2024' is not a date: February 2024 has 29 days; write a day from 1 to 29"},
    {DATE, "29 February 2023", "February 2023 has 28 days; write a day from 1 to 28"},
    {DATE, "2024-02-30", "'2024-02-30' is not a date: February 2024 has 29 days"},
    {DATE, "31 April 2024", "April 2024 has 30 days; write a day from 1 to 30"},
    {DATE, "2024-13-01", "there is no month 13; write 2024-01-13 (year, then month, then day)"},
    {DATE, "2024-00-05", "there is no month 0; write the month from 01 to 12, as in 2024-03-19"},
    {DATE, "2024-14-40", "there is no month 14; write the month from 01 to 12"},
    {DATE, "2024-19-03", "there is no month 19; write 2024-03-19 (year, then month, then day)"},
    {DATE, "Monday 19 March 2024",
     "19 March 2024 is a Tuesday; write Tuesday 19 March 2024, or leave out the day's name"},
    {DATE, "19 Marhc 2024",
     "'19 Marhc 2024' is not a date corridor reads; did you mean '19 March "
     "2024'?"},
    {DATE, "Tusday 19 March 2024", "did you mean 'Tuesday 19 March 2024'?"},
    {DATE, "next tuesday", "'next tuesday' is not a date corridor reads; write a date such as"},
    {DATE, "19 March 1066", "has the year 1066, which corridor does not expect"},
    {DATE, "", "a date is missing here; write a date such as 2024-03-19"},
    /* Times */
    {TIME, "25:00", "'25:00' is not a time: hours run from 00 to 23"},
    {TIME, "13pm",
     "'13pm' is not a time: with am or pm the hours run from 1 to 12; write 1pm or "
     "13:00"},
    {TIME, "13.30pm", "write 1.30pm or 13:30"},
    {TIME, "0am",
     "'0am' is not a time: with am or pm the hours run from 1 to 12; write 12am or "
     "00:00"},
    {TIME, "9:75", "'9:75' is not a time: minutes run from 00 to 59"},
    {TIME, "9:5", "'9:5' is not a time: minutes need two digits; write 9:05 or 9:50"},
    {TIME, "24:00", "'24:00' can only end a range of times"},
    {TIME, "24:30", "'24:30' is not a time: hours run from 00 to 23"},
    {TIME, "nine", "'nine' is not a time; write a time such as 9am, 9.30am or 16:45"},
    {TIME, "930", "'930' is not a time"},
    {TIME, "afternoon", "'afternoon' is not a time"},
    /* Ranges */
    {RANGE, "9am", "'9am' is only one time; write a range such as 9am to 4.45pm"},
    {RANGE, "5pm to 9am",
     "'5pm to 9am' ends before it starts; check am and pm (a range that runs past midnight "
     "starts in the evening and ends the next morning, as in 10pm to 2am)"},
    {RANGE, "3pm to 2am", "'3pm to 2am' ends before it starts; check am and pm"},
    {RANGE, "9am to 9am", "'9am to 9am' starts and ends at the same time"},
    {RANGE, "9am to 25:00", "'25:00' is not a time: hours run from 00 to 23"},
    {RANGE, "24:00-08:00", "'24:00' can only end a range of times"},
    {RANGE, "9am to 4.75pm", "'4.75pm' is not a time: minutes run from 00 to 59"},
    {RANGE, "9am to", "'9am to' is not a range of times"},
    {RANGE, "9.30pm to 11am", "'9.30pm to 11am' ends before it starts; check am and pm"},
    {RANGE, "08:00 - 04:45", "'08:00 - 04:45' ends before it starts"},
    {RANGE,
     "9am\xe2\x80\x93"
     "13pm",
     "'13pm' is not a time"},
    /* Dates and times */
    {DATETIME, "19/03/2024 9am", "'19/03/2024' is not a date corridor reads"},
    {DATETIME, "2024-03-19 25:00", "'25:00' is not a time"},
    {DATETIME, "22 March 2024 midnight", "could mean the start or the end of that day"},
    /* Durations */
    {DURATION, "10x", "'10x' is not a duration; write 10s, 1m or 1m30s"},
    {DURATION, "0", "'0' is no time at all"},
    {DURATION, "0s", "'0s' is no time at all; write 10s"},
    {DURATION, "-5s", "'-5s' is negative"},
    {DURATION, "25h", "'25h' is longer than a day; write at most 24h"},
    {DURATION, "1441m", "'1441m' is longer than a day"},
    {DURATION, "10 secnds", "'10 secnds' is not a duration; did you mean '10 seconds'?"},
    {DURATION, "30s 1m", "'30s 1m' is not a duration"},
    {DURATION, "1m30s5", "'1m30s5' is not a duration"},
    {DURATION, "0.0001s", "'0.0001s' is less than a millisecond"},
    {DURATION, "abc", "'abc' is not a duration"},
    {DURATION, "1:30", "'1:30' is not a duration"},
    {DURATION, "", "a duration is missing here; write 10s"},
    /* Colours */
    {COLOR, "navyblue",
     "'navyblue' is not a colour; did you mean 'navy'? Write a name such as navy, or \"#005EB8\""},
    {COLOR, "gren", "'gren' is not a colour; did you mean 'green'?"},
    {COLOR, "zzz", "'zzz' is not a colour; write a name such as navy, or \"#005EB8\""},
    {COLOR, "#12345", "'#12345' is not a colour: it has 5 hex digits; write 6 after the #"},
    {COLOR, "#00GEB8", "'#00GEB8' is not a colour: 'G' is not a hex digit"},
    {COLOR, "rgb(300, 0, 0)", "300 is more than 255; write numbers from 0 to 255"},
    {COLOR, "rgb(0, 94)", "rgb needs three numbers from 0 to 255"},
    {COLOR, "rgba(0, 94, 184, 2)", "the opacity 2 is more than 1"},
    {COLOR, "rgb(-1, 0, 0)", "a number is below 0"},
    /* Days */
    {DAYS, "mnday", "'mnday' is not a day; did you mean 'monday'?"},
    {DAYS, "weekdyas", "did you mean 'weekdays'?"},
    {DURATION, "1:30",
     "'1:30' is not a duration corridor reads; for minutes and seconds write 1m30s"},
    {DURATION, "0:45", "for minutes and seconds write 45s"},
    {DAYS, "weds", "'weds' is not a day; did you mean 'wed'?"},
    {DAYS, "xyz", "'xyz' is not a day; write mon, tue, wed, thu, fri, sat, sun, weekdays or"},
    /* Yes or no, and numbers */
    {BOOL, "maybe", "'maybe' is not yes or no; write true or false"},
    {INT, "abc", "'abc' is not a whole number; write a whole number from 1 to 366"},
    {INT, "400", "'400' is too large; write a whole number from 1 to 366"},
    {INT, "0", "'0' is too small"},
    {INT, "1.5", "'1.5' is not a whole number"},
    {INT, "99999999999999999999", "is too large"},
};

static void test_tables(void)
{
    char got[64], err[256];
    size_t n_valid = sizeof(valid) / sizeof(valid[0]),
           n_invalid = sizeof(invalid) / sizeof(invalid[0]);

    for (size_t i = 0; i < n_valid; i++) {
        bool ok = run(valid[i].kind, valid[i].in, got, sizeof(got), err, sizeof(err));
        CHECK_MSG(ok && strcmp(got, valid[i].want) == 0, "%s '%s' gave '%s' (%s), expected '%s'",
                  kind_names[valid[i].kind], valid[i].in, got, err, valid[i].want);
    }
    for (size_t i = 0; i < n_invalid; i++) {
        bool ok = run(invalid[i].kind, invalid[i].in, got, sizeof(got), err, sizeof(err));
        CHECK_MSG(!ok && strstr(err, invalid[i].want), "%s '%s' gave '%s', message \"%s\"",
                  kind_names[invalid[i].kind], invalid[i].in, got, err);
        /* Every message says what is wrong, then what to write. */
        CHECK_MSG(!ok && (strstr(err, "; ") || strstr(err, "? ") || strstr(err, "?")),
                  "message \"%s\" lacks the fix", err);
        /* Without room for a message, the parsers still refuse. */
        CHECK(!run(invalid[i].kind, invalid[i].in, got, sizeof(got), err, 0));
    }
    printf("%zu valid and %zu invalid forms\n", n_valid, n_invalid);
    CHECK(n_valid >= 80);
    CHECK(n_invalid >= 40);
}

static void test_calendar(void)
{
    char buf[64];
    int y, m, d;

    CHECK_INT(cor_days_from_civil(1970, 1, 1), 0);
    CHECK_INT(cor_days_from_civil(1969, 12, 31), -1);
    CHECK_INT(cor_days_from_civil(2000, 3, 1), 11017);
    CHECK_INT(cor_days_from_civil(2024, 3, 19), 19801);
    CHECK_INT(cor_days_from_civil(1, 1, 1), -719162);
    CHECK_INT(cor_days_from_civil(2024, 13, 1), cor_days_from_civil(2025, 1, 1));
    CHECK_INT(cor_weekday(0), 3);     /* Thursday */
    CHECK_INT(cor_weekday(19801), 1); /* Tuesday */
    CHECK_INT(cor_weekday(-1), 2);    /* Wednesday */

    /* Every day for four centuries either side of 1970 goes there and back. */
    bool round_trip = true, in_order = true;
    int32_t last = cor_days_from_civil(1570, 1, 1) - 1;
    for (int32_t day = last + 1; day < cor_days_from_civil(2370, 1, 1); day++) {
        cor_civil_from_days(day, &y, &m, &d);
        if (cor_days_from_civil(y, m, d) != day)
            round_trip = false;
        if (d < 1 || d > 31 || m < 1 || m > 12)
            in_order = false;
    }
    CHECK(round_trip);
    CHECK(in_order);
    cor_civil_from_days(19801, &y, &m, &d);
    CHECK(y == 2024 && m == 3 && d == 19);
    cor_civil_from_days(cor_days_from_civil(2100, 2, 28) + 1, &y, &m, &d);
    CHECK(y == 2100 && m == 3 && d == 1);

    cor_format_date(19801, buf, sizeof(buf));
    CHECK_STR(buf, "Tuesday 19 March 2024");
    cor_format_date(0, buf, sizeof(buf));
    CHECK_STR(buf, "Thursday 1 January 1970");
    cor_format_time(630, buf, sizeof(buf));
    CHECK_STR(buf, "10:30");
    cor_format_time(0, buf, sizeof(buf));
    CHECK_STR(buf, "00:00");
    cor_format_time(1440, buf, sizeof(buf));
    CHECK_STR(buf, "24:00");
    cor_format_time(5, buf, 3);
    CHECK_STR(buf, "00");
}

static void test_words(void)
{
    static const char *const keys[] = {"duration", "transition", "background", "text", NULL};
    static const char *const colours[] = {"navy", "blue", "blueviolet", "green", NULL};

    CHECK_INT(cor_edit_distance("kitten", "sitting", 10), 3);
    CHECK_INT(cor_edit_distance("kitten", "sitting", 2), 2);
    CHECK_INT(cor_edit_distance("Navy", "navy", 5), 0);
    CHECK_INT(cor_edit_distance("", "abc", 10), 3);
    CHECK_INT(cor_edit_distance("abc", "", 10), 3);
    CHECK_INT(cor_edit_distance("a", "abcdefgh", 3), 3);
    CHECK_INT(cor_edit_distance(NULL, "ab", 5), 2);
    /* A swap of two neighbouring letters is one slip. */
    CHECK_INT(cor_edit_distance("qoute", "quote", 5), 1);
    CHECK_INT(cor_edit_distance("titel", "title", 5), 1);
    CHECK_INT(cor_edit_distance("ab", "ba", 5), 1);
    CHECK_INT(cor_edit_distance("abc", "ca", 5), 3);
    {
        char longer[200], other[200];
        memset(longer, 'a', 150);
        longer[150] = '\0';
        memcpy(other, longer, 151);
        other[70] = 'b';
        CHECK_INT(cor_edit_distance(longer, other, 10), 1);
    }

    CHECK_STR(cor_nearest_word("durations", keys), "duration");
    CHECK_STR(cor_nearest_word("DURATION", keys), "duration");
    CHECK_STR(cor_nearest_word("backgroud", keys), "background");
    CHECK_STR(cor_nearest_word("tex", keys), "text");
    CHECK(cor_nearest_word("colour", keys) == NULL);
    CHECK(cor_nearest_word("", keys) == NULL);
    CHECK(cor_nearest_word(NULL, keys) == NULL);
    CHECK_STR(cor_nearest_word("navyblue", colours), "navy");
    CHECK_STR(cor_nearest_word("blu", colours), "blue");
    CHECK_STR(cor_nearest_word("gren", colours), "green");
    CHECK_STR(cor_nearest_word("duratoin", keys), "duration");
}

static void test_contrast(void)
{
    struct cor_color black = {0, 0, 0, 255}, white = {255, 255, 255, 255};
    struct cor_color nhs_blue = {0x00, 0x5E, 0xB8, 255}, yellow = {255, 255, 0, 255};

    CHECK(cor_contrast_ratio(black, white) > 20.99 && cor_contrast_ratio(black, white) < 21.01);
    CHECK(cor_contrast_ratio(white, black) > 20.99);
    CHECK(cor_contrast_ratio(nhs_blue, nhs_blue) > 0.999 &&
          cor_contrast_ratio(nhs_blue, nhs_blue) < 1.001);
    /* White on NHS blue passes 4.5:1; yellow on white does not. */
    CHECK(cor_contrast_ratio(white, nhs_blue) > 4.5);
    CHECK(cor_contrast_ratio(yellow, white) < 4.5);
}

static void test_edges(void)
{
    char err[256], big[400];
    int32_t day;
    uint32_t ms;

    /* A value too long to be one is refused, not cut short. */
    memset(big, '1', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    CHECK(!cor_parse_duration(big, &ms, err, sizeof(err)));
    CHECK_CONTAINS(err, "is too long for a duration");
    CHECK(!cor_parse_date(NULL, &day, err, sizeof(err)));
    CHECK_CONTAINS(err, "a date is missing here");
    /* A small message buffer is cut, never overrun. */
    CHECK(!cor_parse_date("19/03/2024", &day, err, 8));
    CHECK_STR(err, "'19/03/");
    CHECK(!cor_parse_date("   ", &day, err, sizeof(err)));
    CHECK_CONTAINS(err, "missing");
}

/* Times that read as early morning but were meant in the afternoon, and the keys of `when`. */
static void test_hints(void)
{
    char pm[64];
    CHECK(cor_time_looks_afternoon("2 to 3.30", pm, sizeof(pm)));
    CHECK_STR(pm, "2pm to 3.30pm");
    CHECK(cor_time_looks_afternoon("1", pm, sizeof(pm)));
    CHECK_STR(pm, "1pm");
    CHECK(cor_time_looks_afternoon("2.30 to 4pm", pm, sizeof(pm)) == false); /* 14:30 to 16:00 */
    CHECK(!cor_time_looks_afternoon("02:00 to 03:30", NULL, 0));
    CHECK(!cor_time_looks_afternoon("2am to 3am", NULL, 0));
    CHECK(!cor_time_looks_afternoon("9 to 5", NULL, 0));
    CHECK(!cor_time_looks_afternoon("10pm to 2am", NULL, 0));
    CHECK_STR(cor_when_key_for("weekends"), "days");
    CHECK_STR(cor_when_key_for("mon, wed"), "days");
    CHECK_STR(cor_when_key_for("2024-03-19"), "from");
    CHECK_STR(cor_when_key_for("9am to 5pm"), "hours");
    CHECK(cor_when_key_for("soon") == NULL);
}

int main(void)
{
    test_hints();
    test_tables();
    test_calendar();
    test_words();
    test_contrast();
    test_edges();
    return CHECK_DONE();
}
