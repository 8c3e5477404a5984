/* ics.c: an exported calendar (.ics) read with libical and expanded into a playlist's sessions.
 *
 * The text is first walked line by line (sizes, BEGIN/END structure, nesting), so that a damaged
 * file gets a FILE:LINE message of its own; then libical parses it. Each event's times are taken
 * in its own zone (a Windows name mapped to IANA, an IANA name, the file's VTIMEZONE, UTC, or
 * floating in the playlist's zone), repeated in that zone's wall-clock time (so a 10:00 weekly
 * meeting stays at 10:00 across a clock change), and only then turned into the playlist's civil
 * minutes. Only the days the slide can show are expanded. */
#include "ics.h"

#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "clock.h"
#include "diag.h"
#include "utf8.h"

/* ---- the text, line by line --------------------------------------------------------------- */

struct scan {
    int *event_lines; /* line of each BEGIN:VEVENT, in order */
    size_t n_events;
};

static bool word_is(const char *p, size_t n, const char *word)
{
    size_t w = strlen(word);
    return n >= w && strncasecmp(p, word, w) == 0;
}

/* Checks the structure of the file; false with an error in DIAGS. */
static bool scan_lines(const char *text, size_t len, const char *file, struct cor_arena *arena,
                       struct cor_diags *diags, struct scan *sc)
{
    char stack[COR_ICS_MAX_DEPTH][32];
    int stack_line[COR_ICS_MAX_DEPTH];
    int depth = 0, line = 0, calendars = 0;
    bool seen_content = false;
    sc->event_lines = cor_arena_array(arena, COR_ICS_MAX_EVENTS, sizeof(int));
    sc->n_events = 0;
    if (!sc->event_lines) {
        cor_diags_add(diags, COR_SEV_ERROR, file, 0, 0, "out of memory reading the calendar");
        return false;
    }
    for (size_t at = 0; at < len;) {
        const char *p = text + at;
        const char *nl = memchr(p, '\n', len - at);
        size_t n = nl ? (size_t)(nl - p) : len - at;
        at += n + 1;
        line++;
        if (n && p[n - 1] == '\r')
            n--;
        if (memchr(p, '\0', n)) {
            cor_diags_add(diags, COR_SEV_ERROR, file, line, 1,
                          "line %d holds a NUL byte, so this is not a calendar's text; export "
                          "the calendar again as .ics",
                          line);
            return false;
        }
        for (size_t i = 0; i < n;) {
            size_t k = cor_utf8_length((const unsigned char *)p + i, (const unsigned char *)p + n);
            if (!k) {
                cor_diags_add(diags, COR_SEV_ERROR, file, line, (int)i + 1,
                              "line %d is not UTF-8 text; export the calendar again as .ics "
                              "(calendar programs write UTF-8)",
                              line);
                return false;
            }
            i += k;
        }
        if (n > COR_ICS_MAX_LINE) {
            cor_diags_add(diags, COR_SEV_ERROR, file, line, 1,
                          "line %d is %zu bytes long, more than the %d a calendar line may have; "
                          "export the calendar again as .ics",
                          line, n, COR_ICS_MAX_LINE);
            return false;
        }
        if (n == 0 || p[0] == ' ' || p[0] == '\t')
            continue; /* blank, or the folded continuation of the line before */
        if (!seen_content && !word_is(p, n, "BEGIN:VCALENDAR")) {
            size_t bom = (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) ? 3 : 0;
            if (!word_is(p + bom, n - bom, "BEGIN:VCALENDAR")) {
                cor_diags_add(diags, COR_SEV_ERROR, file, line, 1,
                              "this is not an iCalendar file: it should start with "
                              "BEGIN:VCALENDAR; export the calendar again as .ics");
                return false;
            }
        }
        seen_content = true;
        if (!memchr(p, ':', n)) {
            cor_diags_add(diags, COR_SEV_ERROR, file, line, 1,
                          "line %d has no ':' between a name and a value, so the calendar is "
                          "damaged here; export it again as .ics",
                          line);
            return false;
        }
        bool begin = word_is(p, n, "BEGIN:"), end = word_is(p, n, "END:");
        if (!begin && !end) {
            if (depth == 0) {
                cor_diags_add(diags, COR_SEV_ERROR, file, line, 1,
                              "line %d stands outside BEGIN:VCALENDAR ... END:VCALENDAR; the "
                              "calendar is damaged here, export it again as .ics",
                              line);
                return false;
            }
            continue;
        }
        const char *name = p + (begin ? 6 : 4);
        size_t nn = n - (size_t)(name - p);
        while (nn && (name[nn - 1] == ' ' || name[nn - 1] == '\t'))
            nn--;
        if (nn == 0 || nn >= sizeof(stack[0])) {
            cor_diags_add(diags, COR_SEV_ERROR, file, line, 1,
                          "line %d: %s needs the name of a part such as VEVENT", line,
                          begin ? "BEGIN:" : "END:");
            return false;
        }
        if (begin) {
            if (depth == COR_ICS_MAX_DEPTH) {
                cor_diags_add(diags, COR_SEV_ERROR, file, line, 1,
                              "line %d opens a part %d deep; a calendar's parts nest at most %d "
                              "deep",
                              line, depth + 1, COR_ICS_MAX_DEPTH);
                return false;
            }
            if (depth == 0) {
                if (nn != 9 || strncasecmp(name, "VCALENDAR", 9) != 0 || ++calendars > 1) {
                    cor_diags_add(diags, COR_SEV_ERROR, file, line, 1,
                                  calendars > 1
                                      ? "line %d starts a second calendar; export one calendar "
                                        "per .ics file"
                                      : "line %d opens a part outside BEGIN:VCALENDAR; the "
                                        "calendar is damaged here",
                                  line);
                    return false;
                }
            }
            if (nn == 6 && strncasecmp(name, "VEVENT", 6) == 0) {
                if (depth != 1) {
                    cor_diags_add(diags, COR_SEV_ERROR, file, line, 1,
                                  "line %d opens an event inside another part; events stand "
                                  "directly inside the calendar",
                                  line);
                    return false;
                }
                if (sc->n_events == COR_ICS_MAX_EVENTS) {
                    cor_diags_add(diags, COR_SEV_ERROR, file, line, 1,
                                  "the calendar holds more than %d events; export a shorter "
                                  "span of dates",
                                  COR_ICS_MAX_EVENTS);
                    return false;
                }
                sc->event_lines[sc->n_events++] = line;
            }
            memcpy(stack[depth], name, nn);
            stack[depth][nn] = '\0';
            stack_line[depth++] = line;
        } else {
            if (depth == 0) {
                cor_diags_add(diags, COR_SEV_ERROR, file, line, 1,
                              "line %d: END:%.*s closes nothing that was opened", line, (int)nn,
                              name);
                return false;
            }
            if (strlen(stack[depth - 1]) != nn || strncasecmp(stack[depth - 1], name, nn) != 0) {
                cor_diags_add(diags, COR_SEV_ERROR, file, line, 1,
                              "line %d: END:%.*s, but the part open here is BEGIN:%s from line "
                              "%d; the calendar is damaged, export it again as .ics",
                              line, (int)nn, name, stack[depth - 1], stack_line[depth - 1]);
                return false;
            }
            depth--;
        }
    }
    if (!seen_content) {
        cor_diags_add(diags, COR_SEV_ERROR, file, 1, 1,
                      "the calendar file is empty; export the calendar again as .ics");
        return false;
    }
    if (depth) {
        cor_diags_add(diags, COR_SEV_ERROR, file, stack_line[depth - 1], 1,
                      "BEGIN:%s on line %d is never closed with END:%s; the file may have been "
                      "cut short, export the calendar again as .ics",
                      stack[depth - 1], stack_line[depth - 1], stack[depth - 1]);
        return false;
    }
    return true;
}

/* ---- zones and minutes -------------------------------------------------------------------- */

enum zone_kind { ZONE_FLOATING, ZONE_UTC, ZONE_IANA, ZONE_EMBEDDED };

struct zone {
    enum zone_kind kind;
    const char *iana;  /* ZONE_IANA */
    icaltimezone *tz;  /* ZONE_EMBEDDED */
    const char *local; /* the playlist's zone, for floating times */
};

static int64_t floor_div(int64_t a, int64_t b)
{
    return a / b - (a % b != 0 && ((a < 0) != (b < 0)));
}

/* Civil minute of an icaltime's fields (its zone ignored). */
static cor_minute fields_minute(struct icaltimetype t)
{
    int y = t.year, m = t.month, d = t.day;
    /* days from civil (proleptic Gregorian) */
    y -= m <= 2;
    int64_t era = floor_div(y, 400);
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    int64_t days = era * 146097 + doe - 719468;
    if (t.is_date)
        return days * COR_MINUTES_PER_DAY;
    return days * COR_MINUTES_PER_DAY + t.hour * 60 + t.minute;
}

static struct icaltimetype minute_fields(cor_minute m)
{
    int64_t days = floor_div(m, COR_MINUTES_PER_DAY), mod = m - days * COR_MINUTES_PER_DAY;
    int64_t z = days + 719468, era = floor_div(z, 146097), doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    struct icaltimetype t = icaltime_null_time();
    t.day = (int)(doy - (153 * mp + 2) / 5 + 1);
    t.month = (int)(mp < 10 ? mp + 3 : mp - 9);
    t.year = (int)(yoe + era * 400 + (t.month <= 2));
    t.hour = (int)(mod / 60);
    t.minute = (int)(mod % 60);
    return t;
}

/* The real time (seconds) at which civil minute M of zone Z begins. */
static int64_t zone_to_real(const struct zone *z, cor_minute m)
{
    switch (z->kind) {
    case ZONE_UTC:
        return m * 60;
    case ZONE_IANA:
        return (int64_t)cor_clock_from_civil(m, z->iana);
    case ZONE_EMBEDDED: {
        struct icaltimetype t = minute_fields(m);
        return (int64_t)icaltime_as_timet_with_zone(t, z->tz);
    }
    case ZONE_FLOATING:
    default:
        return (int64_t)cor_clock_from_civil(m, z->local);
    }
}

/* The civil minute of zone Z at real time T. */
static cor_minute real_to_zone(const struct zone *z, int64_t t)
{
    switch (z->kind) {
    case ZONE_UTC:
        return floor_div(t, 60);
    case ZONE_IANA:
        return cor_clock_civil((time_t)t, z->iana);
    case ZONE_EMBEDDED: {
        struct icaltimetype u = icaltime_from_timet_with_zone((time_t)t, 0,
                                                              icaltimezone_get_utc_timezone());
        icaltimezone_convert_time(&u, icaltimezone_get_utc_timezone(), z->tz);
        return fields_minute(u);
    }
    case ZONE_FLOATING:
    default:
        return cor_clock_civil((time_t)t, z->local);
    }
}

/* The zone of a DATE-TIME property: false when its TZID is one corridor cannot place. */
static bool zone_of(icalproperty *prop, struct icaltimetype t, icalcomponent *cal,
                    const char *cal_zone, const char *local, struct zone *out)
{
    *out = (struct zone){.kind = ZONE_FLOATING, .local = local};
    if (t.is_date)
        return true;
    if (icaltime_is_utc(t)) {
        out->kind = ZONE_UTC;
        return true;
    }
    icalparameter *p = prop ? icalproperty_get_first_parameter(prop, ICAL_TZID_PARAMETER) : NULL;
    const char *tzid = p ? icalparameter_get_tzid(p) : NULL;
    if (!tzid || !*tzid) {
        /* Floating: Google's X-WR-TIMEZONE when the file has one, else the playlist's. */
        if (cal_zone && cor_clock_zone_exists(cal_zone)) {
            out->kind = ZONE_IANA;
            out->iana = cal_zone;
        }
        return true;
    }
    const char *name = tzid;
    if (name[0] == '/') /* an old libical-style prefix such as /mozilla.org/.../Europe/London */
        name = strrchr(name, '/') + 1;
    const char *win = cor_ics_windows_zone(tzid);
    if (win) {
        out->kind = ZONE_IANA;
        out->iana = win;
        return true;
    }
    if (strcmp(name, "UTC") == 0 || strcmp(name, "GMT") == 0 || strcmp(name, "Etc/UTC") == 0) {
        out->kind = ZONE_UTC;
        return true;
    }
    if (strchr(name, '/') && cor_clock_zone_exists(name)) {
        out->kind = ZONE_IANA;
        out->iana = name;
        return true;
    }
    icaltimezone *tz = icalcomponent_get_timezone(cal, tzid);
    if (tz) {
        out->kind = ZONE_EMBEDDED;
        out->tz = tz;
        return true;
    }
    return false;
}

/* ---- events ------------------------------------------------------------------------------- */

struct reader {
    const char *file, *local, *cal_zone;
    icalcomponent *cal;
    cor_minute lo, hi; /* the playlist minutes the slide can show: [lo, hi) */
    struct cor_arena *arena;
    struct cor_diags *diags;
    struct cor_session *out;
    size_t n, cap;
    bool cut; /* the session bound was reached */
    struct cor_ics_result *res;
};

/* A copy of S for the screen: line breaks and tabs as spaces, trimmed; NULL when empty. */
static const char *clean_text(struct reader *r, const char *s)
{
    if (!s)
        return NULL;
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
        s++;
    size_t n = strnlen(s, 2000);
    char *c = cor_arena_strndup(r->arena, s, n);
    if (!c)
        return NULL;
    for (char *p = c; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            *p = ' ';
    while (n && c[n - 1] == ' ')
        c[--n] = '\0';
    return n ? c : NULL;
}

static bool usable_link(const char *s, size_t n)
{
    return n > 8 && n <= 400 && (strncasecmp(s, "https://", 8) == 0 || strncasecmp(s, "http://", 7) == 0);
}

/* A join link: the event's URL, Microsoft's Teams property, or a Teams, Zoom or Meet address
 * written in its description or location. */
static const char *join_link(struct reader *r, icalcomponent *ev)
{
    icalproperty *u = icalcomponent_get_first_property(ev, ICAL_URL_PROPERTY);
    const char *s = u ? icalproperty_get_url(u) : NULL;
    for (icalproperty *x = icalcomponent_get_first_property(ev, ICAL_X_PROPERTY); !s && x;
         x = icalcomponent_get_next_property(ev, ICAL_X_PROPERTY)) {
        const char *name = icalproperty_get_x_name(x);
        if (name && (strcasecmp(name, "X-MICROSOFT-SKYPETEAMSMEETINGURL") == 0 ||
                     strcasecmp(name, "X-GOOGLE-CONFERENCE") == 0))
            s = icalproperty_get_x(x);
    }
    if (s && usable_link(s, strlen(s)) && !strpbrk(s, " \t\r\n"))
        return cor_arena_strdup(r->arena, s);
    static const char *const marks[] = {"https://teams.microsoft.com/l/meetup-join/",
                                        "zoom.us/j/", "https://meet.google.com/"};
    const char *texts[] = {icalcomponent_get_description(ev), icalcomponent_get_location(ev)};
    for (size_t t = 0; t < 2; t++) {
        if (!texts[t])
            continue;
        for (size_t m = 0; m < 3; m++) {
            const char *hit = strstr(texts[t], marks[m]);
            if (!hit)
                continue;
            const char *start = hit;
            while (start > texts[t] && start - texts[t] > 0 && strncmp(start, "https://", 8) != 0)
                start--;
            if (strncmp(start, "https://", 8) != 0)
                continue;
            size_t n = strcspn(start, " \t\r\n<>\"");
            if (usable_link(start, n))
                return cor_arena_strndup(r->arena, start, n);
        }
    }
    return NULL;
}

static const char *host_of(struct reader *r, icalcomponent *ev)
{
    icalproperty *o = icalcomponent_get_first_property(ev, ICAL_ORGANIZER_PROPERTY);
    icalparameter *cn = o ? icalproperty_get_first_parameter(o, ICAL_CN_PARAMETER) : NULL;
    const char *name = cn ? icalparameter_get_cn(cn) : NULL;
    if (!name)
        return NULL;
    while (*name == '"')
        name++;
    const char *h = clean_text(r, name);
    if (h) {
        char *e = strchr(h, '"');
        if (e)
            *e = '\0';
    }
    return h && *h ? h : NULL;
}

static bool is_cancelled(icalcomponent *ev)
{
    if (icalcomponent_get_status(ev) == ICAL_STATUS_CANCELLED)
        return true;
    const char *s = icalcomponent_get_summary(ev);
    return s && (strncasecmp(s, "Canceled:", 9) == 0 || strncasecmp(s, "Cancelled:", 10) == 0);
}

struct event {
    icalcomponent *ev;
    int line;
    const char *uid;
    bool is_override;
    struct icaltimetype rid;
    struct zone rid_zone;
    bool cancelled, used;
};

static void unusable(struct reader *r, int line, const char *why)
{
    r->res->n_unusable++;
    cor_diags_add(r->diags, COR_SEV_WARNING, r->file, line, 1,
                  "the event on line %d cannot be shown: %s", line, why);
}

/* Adds the occurrence running over real seconds [T0, T1) (or playlist days for an all-day
 * event), split at midnights into one session a day. */
static void add_occurrence(struct reader *r, const struct event *e, cor_minute start,
                           cor_minute end, const char *title, const char *where,
                           const char *host, const char *link)
{
    if (end <= start)
        end = start + 1;
    if (end <= r->lo || start >= r->hi)
        return;
    int32_t d0 = (int32_t)floor_div(start, COR_MINUTES_PER_DAY);
    int32_t d1 = (int32_t)floor_div(end - 1, COR_MINUTES_PER_DAY);
    for (int32_t d = d0; d <= d1; d++) {
        cor_minute day_start = (cor_minute)d * COR_MINUTES_PER_DAY;
        if (day_start + COR_MINUTES_PER_DAY <= r->lo || day_start >= r->hi)
            continue;
        if (r->n == COR_ICS_MAX_SESSIONS) {
            r->cut = true;
            return;
        }
        if (r->n == r->cap) {
            size_t cap = r->cap ? r->cap * 2 : 64;
            struct cor_session *s = cor_arena_array(r->arena, cap, sizeof(*s));
            if (!s)
                return;
            if (r->n)
                memcpy(s, r->out, r->n * sizeof(*s));
            r->out = s;
            r->cap = cap;
        }
        struct cor_session *s = &r->out[r->n++];
        *s = (struct cor_session){
            .day = d,
            .start_min = (int16_t)(d == d0 ? start - day_start : 0),
            .end_min = (int16_t)(d == d1 ? end - day_start : COR_MINUTES_PER_DAY),
            .title = title,
            .host = host,
            .where = where,
            .link = link,
            .pos = {r->file, e->line, 1},
        };
    }
}

/* A DATE or DATE-TIME value of EV's property PROP in the event's own zone EZ, as a minute. */
static bool value_in_zone(struct reader *r, icalproperty *prop, struct icaltimetype t,
                          const struct zone *ez, cor_minute *out)
{
    struct zone z;
    if (!zone_of(prop, t, r->cal, r->cal_zone, r->local, &z))
        return false;
    cor_minute m = fields_minute(t);
    bool same = z.kind == ez->kind &&
                (z.kind == ZONE_FLOATING || (z.kind == ZONE_IANA && strcmp(z.iana, ez->iana) == 0) ||
                 (z.kind == ZONE_EMBEDDED && z.tz == ez->tz));
    if (t.is_date || same) {
        *out = m;
        return true;
    }
    *out = real_to_zone(ez, zone_to_real(&z, m));
    return true;
}

/* The occurrence starting at event-zone minute M, in playlist minutes. */
static void emit(struct reader *r, const struct event *e, const struct zone *ez, bool all_day,
                 cor_minute m, cor_minute dur)
{
    icalcomponent *ev = e->ev;
    const char *title = clean_text(r, icalcomponent_get_summary(ev));
    cor_minute s, t;
    if (all_day) {
        s = m;
        t = m + dur;
    } else {
        int64_t real = zone_to_real(ez, m);
        struct zone local = {.kind = ZONE_FLOATING, .local = r->local};
        s = real_to_zone(&local, real);
        t = real_to_zone(&local, real + dur * 60);
    }
    add_occurrence(r, e, s, t, title, clean_text(r, icalcomponent_get_location(ev)),
                   host_of(r, ev), join_link(r, ev));
}

static int compare_minutes(const void *a, const void *b)
{
    cor_minute x = *(const cor_minute *)a, y = *(const cor_minute *)b;
    return x < y ? -1 : x > y;
}

static void expand(struct reader *r, struct event *e, struct event *all, size_t n_all)
{
    icalcomponent *ev = e->ev;
    icalproperty *ps = icalcomponent_get_first_property(ev, ICAL_DTSTART_PROPERTY);
    struct icaltimetype start = ps ? icalproperty_get_dtstart(ps) : icaltime_null_time();
    if (!ps || icaltime_is_null_time(start) || !icaltime_is_valid_time(start)) {
        unusable(r, e->line, "it has no start time corridor can read (DTSTART)");
        return;
    }
    const char *summary = icalcomponent_get_summary(ev);
    if (!summary || !clean_text(r, summary)) {
        unusable(r, e->line, "it has no title (SUMMARY)");
        return;
    }
    struct zone ez;
    if (!zone_of(ps, start, r->cal, r->cal_zone, r->local, &ez)) {
        icalparameter *p = icalproperty_get_first_parameter(ps, ICAL_TZID_PARAMETER);
        const char *tzid = p ? icalparameter_get_tzid(p) : NULL;
        char why[300];
        snprintf(why, sizeof(why),
                 "its time zone '%s' is neither described in the file nor one corridor knows",
                 tzid ? tzid : "");
        unusable(r, e->line, why);
        return;
    }
    bool all_day = start.is_date;
    cor_minute m0 = fields_minute(start), dur;
    icalproperty *pe = icalcomponent_get_first_property(ev, ICAL_DTEND_PROPERTY);
    icalproperty *pd = icalcomponent_get_first_property(ev, ICAL_DURATION_PROPERTY);
    if (pe) {
        struct icaltimetype end = icalproperty_get_dtend(pe);
        cor_minute m1;
        if (icaltime_is_null_time(end) || !value_in_zone(r, pe, end, &ez, &m1)) {
            unusable(r, e->line, "its end time (DTEND) cannot be read");
            return;
        }
        if (end.is_date != start.is_date)
            m1 = fields_minute(end);
        dur = m1 - m0;
    } else if (pd) {
        struct icaldurationtype d = icalproperty_get_duration(pd);
        dur = icaldurationtype_as_int(d) / 60;
    } else {
        dur = all_day ? COR_MINUTES_PER_DAY : 0;
    }
    if (dur < 0 || dur > 366 * COR_MINUTES_PER_DAY) {
        unusable(r, e->line, "it ends before it starts, or lasts more than a year");
        return;
    }
    /* The window in the event's own zone, with a day's room for zone differences. */
    struct zone local = {.kind = ZONE_FLOATING, .local = r->local};
    cor_minute wlo = all_day ? r->lo : real_to_zone(&ez, zone_to_real(&local, r->lo));
    cor_minute whi = all_day ? r->hi : real_to_zone(&ez, zone_to_real(&local, r->hi));
    wlo -= dur + COR_MINUTES_PER_DAY;
    whi += COR_MINUTES_PER_DAY;

    size_t cap = COR_ICS_MAX_SESSIONS + 1, n = 0;
    cor_minute *starts = cor_arena_array(r->arena, cap, sizeof(*starts));
    if (!starts)
        return;
    icalproperty *rr = icalcomponent_get_first_property(ev, ICAL_RRULE_PROPERTY);
    if (!rr) {
        if (m0 < whi && m0 >= wlo)
            starts[n++] = m0;
    }
    for (; rr && n < cap; rr = icalcomponent_get_next_property(ev, ICAL_RRULE_PROPERTY)) {
        struct icalrecurrencetype rule = icalproperty_get_rrule(rr);
        if (rule.freq == ICAL_NO_RECURRENCE) {
            unusable(r, e->line, "its repeat rule (RRULE) cannot be read");
            return;
        }
        if (!icaltime_is_null_time(rule.until) && !start.is_date) {
            /* An UNTIL in UTC, as Outlook writes it, in the event's own wall-clock time. */
            cor_minute u = fields_minute(rule.until);
            if (icaltime_is_utc(rule.until) && ez.kind != ZONE_UTC)
                u = real_to_zone(&ez, u * 60);
            rule.until = minute_fields(u);
            rule.until.is_date = 0;
        }
        struct icaltimetype from = start;
        from.zone = NULL;
        icalrecur_iterator *it = icalrecur_iterator_new(rule, from);
        if (!it) {
            unusable(r, e->line, "its repeat rule (RRULE) cannot be followed");
            return;
        }
        if (rule.count == 0 && wlo > m0) {
            struct icaltimetype jump = minute_fields(wlo);
            jump.is_date = start.is_date;
            icalrecur_iterator_set_start(it, jump);
        }
        bool too_many = true;
        cor_minute prev = INT64_MIN;
        for (int step = 0; step < COR_ICS_MAX_STEPS; step++) {
            struct icaltimetype t = icalrecur_iterator_next(it);
            if (icaltime_is_null_time(t)) {
                too_many = false;
                break;
            }
            cor_minute m = fields_minute(t);
            if (m >= whi) {
                too_many = false;
                break;
            }
            if (m < wlo || m == prev) /* a rule finer than a minute repeats its minute */
                continue;
            prev = m;
            if (n == cap) {
                r->cut = true;
                too_many = false;
                break;
            }
            starts[n++] = m;
        }
        icalrecur_iterator_free(it);
        if (too_many) {
            unusable(r, e->line, "its repeat rule (RRULE) repeats too often to follow");
            return;
        }
    }
    for (icalproperty *p = icalcomponent_get_first_property(ev, ICAL_RDATE_PROPERTY);
         p && n < cap; p = icalcomponent_get_next_property(ev, ICAL_RDATE_PROPERTY)) {
        struct icaldatetimeperiodtype dp = icalproperty_get_rdate(p);
        cor_minute m;
        if (!icaltime_is_null_time(dp.time) && value_in_zone(r, p, dp.time, &ez, &m) &&
            m >= wlo && m < whi)
            starts[n++] = m;
    }
    qsort(starts, n, sizeof(*starts), compare_minutes);
    for (icalproperty *p = icalcomponent_get_first_property(ev, ICAL_EXDATE_PROPERTY); p;
         p = icalcomponent_get_next_property(ev, ICAL_EXDATE_PROPERTY)) {
        struct icaltimetype x = icalproperty_get_exdate(p);
        cor_minute m;
        if (icaltime_is_null_time(x) || !value_in_zone(r, p, x, &ez, &m))
            continue;
        for (size_t i = 0; i < n; i++)
            if (starts[i] == m || (x.is_date && floor_div(starts[i], COR_MINUTES_PER_DAY) ==
                                                    floor_div(m, COR_MINUTES_PER_DAY)))
                starts[i] = INT64_MIN;
    }
    /* Occurrences moved or cancelled by an event with the same UID and a RECURRENCE-ID. */
    for (size_t k = 0; e->uid && k < n_all; k++) {
        struct event *o = &all[k];
        if (!o->is_override || !o->uid || strcmp(o->uid, e->uid) != 0)
            continue;
        icalproperty *p = icalcomponent_get_first_property(o->ev, ICAL_RECURRENCEID_PROPERTY);
        cor_minute m;
        if (!value_in_zone(r, p, o->rid, &ez, &m))
            continue;
        for (size_t i = 0; i < n; i++)
            if (starts[i] == m)
                starts[i] = INT64_MIN;
    }
    cor_minute last = INT64_MIN;
    for (size_t i = 0; i < n; i++) {
        if (starts[i] == INT64_MIN || starts[i] == last)
            continue;
        last = starts[i];
        emit(r, e, &ez, all_day, starts[i], dur);
    }
}

/* ---- the whole file ----------------------------------------------------------------------- */

bool cor_ics_read(const char *text, size_t len, const char *file, int32_t first_day,
                  int32_t last_day, const char *zone, struct cor_arena *arena,
                  struct cor_diags *diags, struct cor_ics_result *out)
{
    *out = (struct cor_ics_result){0};
    if (len > COR_ICS_MAX_BYTES) {
        cor_diags_add(diags, COR_SEV_ERROR, file, 0, 0,
                      "the calendar file is %zu bytes, more than the %u corridor reads; export "
                      "a shorter span of dates",
                      len, COR_ICS_MAX_BYTES);
        return false;
    }
    struct scan sc;
    if (!scan_lines(text, len, file, arena, diags, &sc))
        return false;
    char *copy = cor_arena_strndup(arena, text, len);
    if (!copy) {
        cor_diags_add(diags, COR_SEV_ERROR, file, 0, 0, "out of memory reading the calendar");
        return false;
    }
    icalerror_set_errors_are_fatal(0);
    icalcomponent *root = icalparser_parse_string(copy);
    icalcomponent *cal = root && icalcomponent_isa(root) == ICAL_VCALENDAR_COMPONENT
                             ? root
                             : (root ? icalcomponent_get_first_component(
                                           root, ICAL_VCALENDAR_COMPONENT)
                                     : NULL);
    if (!cal) {
        cor_diags_add(diags, COR_SEV_ERROR, file, 1, 1,
                      "this calendar cannot be read; export it again as .ics");
        if (root)
            icalcomponent_free(root);
        return false;
    }
    struct reader r = {
        .file = file,
        .local = zone,
        .cal = cal,
        .lo = (cor_minute)first_day * COR_MINUTES_PER_DAY,
        .hi = ((cor_minute)last_day + 1) * COR_MINUTES_PER_DAY,
        .arena = arena,
        .diags = diags,
        .res = out,
    };
    for (icalproperty *x = icalcomponent_get_first_property(cal, ICAL_X_PROPERTY); x;
         x = icalcomponent_get_next_property(cal, ICAL_X_PROPERTY)) {
        const char *name = icalproperty_get_x_name(x);
        if (name && strcasecmp(name, "X-WR-TIMEZONE") == 0)
            r.cal_zone = cor_arena_strdup(arena, icalproperty_get_x(x));
    }
    size_t n = 0;
    struct event *events = cor_arena_array(arena, sc.n_events ? sc.n_events : 1, sizeof(*events));
    if (!events) {
        icalcomponent_free(root);
        cor_diags_add(diags, COR_SEV_ERROR, file, 0, 0, "out of memory reading the calendar");
        return false;
    }
    for (icalcomponent *ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
         ev && n < sc.n_events;
         ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
        struct event *e = &events[n];
        *e = (struct event){.ev = ev, .line = sc.event_lines[n]};
        n++;
        e->uid = icalcomponent_get_uid(ev);
        icalproperty *rid = icalcomponent_get_first_property(ev, ICAL_RECURRENCEID_PROPERTY);
        if (rid) {
            e->is_override = true;
            e->rid = icalproperty_get_recurrenceid(rid);
            if (icaltime_is_null_time(e->rid))
                e->is_override = false;
        }
        e->cancelled = is_cancelled(ev);
    }
    out->n_events = n;
    for (size_t i = 0; i < n; i++) {
        if (events[i].cancelled) {
            out->n_cancelled++;
            /* A cancelled occurrence (an override) still takes its place out of its series:
             * expand() drops every start an override names. */
            continue;
        }
        expand(&r, &events[i], events, n);
    }
    icalcomponent_free(root);
    if (r.cut)
        cor_diags_add(diags, COR_SEV_WARNING, file, 0, 0,
                      "the calendar gives more than %d sessions over the days this slide can "
                      "show; only the first %d are used",
                      COR_ICS_MAX_SESSIONS, COR_ICS_MAX_SESSIONS);
    if (r.n)
        qsort(r.out, r.n, sizeof(*r.out), cor_session_compare);
    out->sessions = r.out;
    out->n_sessions = r.n;
    return true;
}
