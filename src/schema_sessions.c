/* schema_sessions.c: the schema of `when` schedules and of sessions, inline or in their own file.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "clock.h"
#include "ics.h"
#include "paths.h"
#include "schema_priv.h"
#include "value.h"

/* ---- when: schedules ---------------------------------------------------------------------- */

static bool p_moment(struct cor_load *c, const struct cor_sc_field *f, const struct cor_ynode *v,
                     void *target, bool is_until)
{
    struct cor_when *w = target;
    char err[256];
    cor_minute m;
    bool has_time;
    if (!cor_sc_not_empty(c, f, v))
        return false;
    if (!cor_parse_datetime(v->text, &m, &has_time, err, sizeof(err))) {
        cor_sc_error_at(c, v, "%s", err);
        return false;
    }
    /* A date alone as `until` includes that whole day. */
    if (is_until && !has_time)
        m += COR_MINUTES_PER_DAY;
    if (is_until) {
        w->has_until = true;
        w->until = m;
    } else {
        w->has_from = true;
        w->from = m;
    }
    return true;
}

static bool p_from(struct cor_load *c, const struct cor_sc_field *f, const struct cor_ynode *v,
                   void *t)
{
    return p_moment(c, f, v, t, false);
}

static bool p_until(struct cor_load *c, const struct cor_sc_field *f, const struct cor_ynode *v,
                    void *t)
{
    return p_moment(c, f, v, t, true);
}

static bool p_days(struct cor_load *c, const struct cor_sc_field *f, const struct cor_ynode *v,
                   void *target)
{
    struct cor_when *w = target;
    char err[256];
    uint8_t mask = 0, one;
    if (!cor_sc_not_empty(c, f, v))
        return false;
    if (v->kind == COR_YNODE_SCALAR) {
        /* "mon, wed" written without brackets is forgiven: split on commas, and say so. */
        if (v->plain && strchr(v->text, ','))
            cor_sc_warning_at(c, v,
                              "'%s' is read as a list of days only because corridor guesses: a "
                              "list needs brackets in YAML; write days: [%s]",
                              v->text, v->text);
        char *copy = cor_arena_strdup(c->scratch, v->text), *save = NULL;
        if (!copy)
            return cor_sc_oom(c), false;
        for (char *part = strtok_r(copy, ",", &save); part; part = strtok_r(NULL, ",", &save)) {
            if (!cor_parse_days_word(part, &one, err, sizeof(err))) {
                cor_sc_error_at(c, v, "%s", err);
                return false;
            }
            mask |= one;
        }
    } else {
        bool ok = true;
        for (size_t i = 0; i < v->n_kids; i++) {
            const struct cor_ynode *d = v->kids[i];
            if (d->kind != COR_YNODE_SCALAR ||
                !cor_parse_days_word(d->text, &one, err, sizeof(err))) {
                cor_sc_error_at(c, d, "%s",
                                d->kind == COR_YNODE_SCALAR
                                    ? err
                                    : "each day is a single word such as mon or tuesday");
                ok = false;
                continue;
            }
            mask |= one;
        }
        if (!ok)
            return false;
    }
    if (!mask) {
        cor_sc_error_at(c, v, "'days' names no day; write for example [mon, tue] or weekdays");
        return false;
    }
    w->days = mask;
    return true;
}

/* "2 to 3.30" is read as 02:00 to 03:30; said when it looks like an afternoon that lost its pm. */
void cor_sc_early_warning(struct cor_load *c, const struct cor_ynode *v)
{
    char pm[128];
    cor_time_looks_afternoon(v->text, pm, sizeof(pm));
    cor_sc_warning_at(c, v,
                      "'%s' is read in the early morning, on the 24-hour clock; if it is in the "
                      "afternoon, add pm: %s",
                      v->text, pm);
}

static bool p_hours(struct cor_load *c, const struct cor_sc_field *f, const struct cor_ynode *v,
                    void *target)
{
    struct cor_when *w = target;
    char err[256];
    if (!cor_sc_not_empty(c, f, v))
        return false;
    size_t n = v->kind == COR_YNODE_SCALAR ? 1 : v->n_kids;
    if (n == 0) {
        cor_sc_error_at(c, v, "'hours' is an empty list; write a range such as 08:00-18:00");
        return false;
    }
    if (v->kind == COR_YNODE_SCALAR && v->plain && strchr(v->text, ',')) {
        cor_sc_error_at(c, v,
                        "'%s' is one value in YAML, not a list of ranges: a list needs "
                        "brackets; write hours: [%s]",
                        v->text, v->text);
        return false;
    }
    /* A range past midnight (22:00-06:00) is two windows of each day: from 22:00 to midnight,
     * and from midnight to 06:00. */
    w->hours = cor_arena_array(c->arena, 2 * n, sizeof(*w->hours));
    if (!w->hours)
        return cor_sc_oom(c), false;
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        const struct cor_ynode *h = v->kind == COR_YNODE_SCALAR ? v : v->kids[i];
        int a, b;
        if (h->kind != COR_YNODE_SCALAR ||
            !cor_parse_time_range(h->text, &a, &b, err, sizeof(err))) {
            cor_sc_error_at(c, h, "%s",
                            h->kind == COR_YNODE_SCALAR
                                ? err
                                : "each range of hours is one value such as 08:00-18:00");
            ok = false;
            continue;
        }
        if (cor_time_looks_afternoon(h->text, NULL, 0))
            cor_sc_early_warning(c, h);
        if (b > COR_MINUTES_PER_DAY) {
            w->hours[w->n_hours++] = (struct cor_hours){0, (int16_t)(b - COR_MINUTES_PER_DAY)};
            b = COR_MINUTES_PER_DAY;
        }
        w->hours[w->n_hours++] = (struct cor_hours){(int16_t)a, (int16_t)b};
    }
    return ok;
}

static const struct cor_sc_field when_fields[] = {
    {"from", COR_SC_SCALAR, p_from, 0, 0, NULL, "2024-03-11"},
    {"until", COR_SC_SCALAR, p_until, 0, 0, NULL, "2024-03-22"},
    {"days", COR_SC_SCALAR_OR_LIST, p_days, 0, 0, NULL, "[mon, tue, wed]"},
    {"hours", COR_SC_SCALAR_OR_LIST, p_hours, 0, 0, NULL, "08:00-18:00"},
};
const struct cor_sc_table cor_sc_when_table = {"under a slide's 'when:'", when_fields,
                                               sizeof(when_fields) / sizeof(when_fields[0])};

static void when_warnings(struct cor_load *c, const struct cor_when *w,
                          const struct cor_ynode **seen)
{
    const struct cor_ynode *until = cor_sc_given(&cor_sc_when_table, seen, "until");
    const struct cor_ynode *days = cor_sc_given(&cor_sc_when_table, seen, "days");
    char a[64], b[64];
    if (w->has_from && w->has_until && w->until <= w->from) {
        cor_format_date((int32_t)(w->from / COR_MINUTES_PER_DAY), a, sizeof(a));
        cor_format_date((int32_t)((w->until - 1) / COR_MINUTES_PER_DAY), b, sizeof(b));
        cor_sc_warning_at(c, until,
                          "%s can never be shown: its schedule ends (%s) before it starts (%s); "
                          "check 'from' and 'until'",
                          c->where, b, a);
        return;
    }
    if (w->has_from && w->has_until && w->until - w->from < 7 * COR_MINUTES_PER_DAY &&
        w->days != COR_DAYS_ALL) {
        bool any = false;
        for (cor_minute m = w->from; m < w->until && !any; m += COR_MINUTES_PER_DAY)
            any = (w->days >> cor_weekday((int32_t)(m / COR_MINUTES_PER_DAY))) & 1;
        if (!any)
            cor_sc_warning_at(c, days,
                              "%s can never be shown: none of its 'days' falls between 'from' "
                              "and 'until'",
                              c->where);
    }
    if (w->has_until && c->opts->has_now && w->until <= c->opts->now) {
        cor_format_date((int32_t)((w->until - 1) / COR_MINUTES_PER_DAY), b, sizeof(b));
        cor_sc_warning_at(c, until,
                          "the schedule of %s has already ended (its last day was %s); it will "
                          "not be shown again: change 'until' or remove the slide",
                          c->where, b);
    }
}

bool cor_sc_when_value(struct cor_load *c, const struct cor_sc_field *f, const struct cor_ynode *v,
                       void *target)
{
    struct cor_when *w = COR_SC_SLOT(target, f, struct cor_when);
    const struct cor_ynode *seen[COR_SC_MAX_FIELDS];
    const char *sub = v->kind == COR_YNODE_SCALAR && !v->empty ? cor_when_key_for(v->text) : NULL;
    if (sub) {
        cor_sc_error_at(c, v,
                        "'when' holds keys, not a value; write when: alone on its line, and "
                        "under it, indented, %s: %s",
                        sub, v->text);
        return false;
    }
    if (!cor_sc_need_mapping(c, v, "'when'", "from:, until:, days: or hours:")) {
        if (v->kind == COR_YNODE_SCALAR && v->empty)
            cor_sc_error_at(c, v,
                            "'when' is empty; write from:, until:, days: or hours: under it, or "
                            "remove the line");
        return false;
    }
    *w = (struct cor_when){.present = true, .days = COR_DAYS_ALL, .pos = cor_sc_pos_of(c, v)};
    char saved[sizeof(c->where)];
    memcpy(saved, c->where, sizeof(saved));
    snprintf(c->where, sizeof(c->where), "the 'when' of %.80s", saved);
    bool ok = cor_sc_walk(c, v, &cor_sc_when_table, 0, w, seen);
    memcpy(c->where, saved, sizeof(saved));
    if (ok)
        when_warnings(c, w, seen);
    return ok;
}

/* ---- sessions ----------------------------------------------------------------------------- */

struct session_in {
    struct cor_session s;
    int32_t day;
    int range_start, range_end, start, end;
};

static bool p_date(struct cor_load *c, const struct cor_sc_field *f, const struct cor_ynode *v,
                   void *target)
{
    char err[256];
    int32_t d;
    if (!cor_sc_not_empty(c, f, v) || !cor_sc_known_yet(c, f, v))
        return false;
    if (!cor_parse_date(v->text, &d, err, sizeof(err))) {
        cor_sc_error_at(c, v, "%s", err);
        return false;
    }
    *COR_SC_SLOT(target, f, int32_t) = d;
    return true;
}

static bool p_range(struct cor_load *c, const struct cor_sc_field *f, const struct cor_ynode *v,
                    void *target)
{
    struct session_in *in = target;
    char err[256];
    if (!cor_sc_not_empty(c, f, v) || !cor_sc_known_yet(c, f, v))
        return false;
    if (!cor_parse_time_range(v->text, &in->range_start, &in->range_end, err, sizeof(err))) {
        cor_sc_error_at(c, v, "%s", err);
        return false;
    }
    if (cor_time_looks_afternoon(v->text, NULL, 0))
        cor_sc_early_warning(c, v);
    return true;
}

static bool p_time(struct cor_load *c, const struct cor_sc_field *f, const struct cor_ynode *v,
                   void *target)
{
    char err[256];
    int m;
    if (!cor_sc_not_empty(c, f, v) || !cor_sc_known_yet(c, f, v))
        return false;
    if (!cor_parse_time(v->text, strcmp(f->key, "end") == 0, &m, err, sizeof(err))) {
        cor_sc_error_at(c, v, "%s", err);
        return false;
    }
    if (strcmp(f->key, "start") == 0 && cor_time_looks_afternoon(v->text, NULL, 0))
        cor_sc_early_warning(c, v);
    *COR_SC_SLOT(target, f, int) = m;
    return true;
}

static const struct cor_sc_field session_fields[] = {
    {"date", COR_SC_SCALAR, p_date, offsetof(struct session_in, day), 0, NULL, "2024-03-19"},
    {"time", COR_SC_SCALAR, p_range, 0, 0, NULL, "10am to 12pm"},
    {"start", COR_SC_SCALAR, p_time, offsetof(struct session_in, start), 0, NULL, "10:00"},
    {"end", COR_SC_SCALAR, p_time, offsetof(struct session_in, end), 0, NULL, "12:00"},
    {"title", COR_SC_SCALAR, cor_sc_string_value, offsetof(struct session_in, s.title), 0, NULL,
     NULL},
    {"host", COR_SC_SCALAR, cor_sc_string_value, offsetof(struct session_in, s.host), 0, NULL,
     NULL},
    {"where", COR_SC_SCALAR, cor_sc_string_value, offsetof(struct session_in, s.where), 0, NULL,
     NULL},
    {"link", COR_SC_SCALAR, cor_sc_link_value, offsetof(struct session_in, s.link), 0, NULL, NULL},
};
const struct cor_sc_table cor_sc_session_table = {
    "inside a session, under 'sessions:'", session_fields,
    sizeof(session_fields) / sizeof(session_fields[0])};

static bool one_session(struct cor_load *c, const struct cor_ynode *item, size_t number,
                        struct cor_session *out)
{
    const struct cor_ynode *seen[COR_SC_MAX_FIELDS];
    snprintf(c->where, sizeof(c->where), "session %zu", number);
    if (item->kind != COR_YNODE_MAPPING) {
        cor_sc_error_at(c, item,
                        "session %zu is %s; a session needs keys: date:, time:, title: (and "
                        "host:, where:)",
                        number, cor_sc_kind_noun(item->kind));
        return false;
    }
    struct session_in in = {0};
    c->n_suggested = 0;
    bool ok = cor_sc_walk(c, item, &cor_sc_session_table, 0, &in, seen);
    if (c->lost_dash)
        return false;
    const struct cor_ynode *date = cor_sc_given(&cor_sc_session_table, seen, "date");
    const struct cor_ynode *time = cor_sc_given(&cor_sc_session_table, seen, "time");
    const struct cor_ynode *start = cor_sc_given(&cor_sc_session_table, seen, "start");
    const struct cor_ynode *end = cor_sc_given(&cor_sc_session_table, seen, "end");
    if (!date && !cor_sc_was_suggested(c, "date")) {
        cor_sc_error_at(c, item, "session %zu has no 'date'; add date: 2024-03-19", number);
        ok = false;
    }
    if (!cor_sc_given(&cor_sc_session_table, seen, "title") && !cor_sc_was_suggested(c, "title")) {
        cor_sc_error_at(c, item, "session %zu has no 'title'; add title: followed by its name",
                        number);
        ok = false;
    }
    if (time && (start || end)) {
        cor_sc_error_at(c, start ? start : end,
                        "session %zu has both 'time' and '%s'; write either "
                        "time: 10am to 12pm, or start: and end:",
                        number, start ? "start" : "end");
        return false;
    }
    if (!time && !start) {
        if (!cor_sc_was_suggested(c, "time") && !cor_sc_was_suggested(c, "start"))
            cor_sc_error_at(c, item,
                            "session %zu has no time; add time: 10am to 12pm (or start: "
                            "and end:)",
                            number);
        return false;
    }
    if (!time && !end) {
        cor_sc_error_at(c, start, "session %zu has a 'start' but no 'end'; add end: 12pm", number);
        return false;
    }
    if (!ok)
        return false;
    int a = time ? in.range_start : in.start, b = time ? in.range_end : in.end;
    if (!time && b < a && a >= COR_OVERNIGHT_FROM && b <= COR_OVERNIGHT_UNTIL)
        b += COR_MINUTES_PER_DAY; /* start: 10pm, end: 2am: it ends the next morning */
    if (!time && b <= a) {
        char sa[16], sb[16];
        cor_format_time(a, sa, sizeof(sa));
        cor_format_time(b, sb, sizeof(sb));
        cor_sc_error_at(c, end,
                        "session %zu ends (%s) before it starts (%s); check am and pm (a session "
                        "that runs past midnight starts in the evening and ends the next "
                        "morning, as in start: 10pm and end: 2am)",
                        number, sb, sa);
        return false;
    }
    *out = in.s;
    out->day = in.day;
    out->start_min = (int16_t)a;
    out->end_min = (int16_t)b;
    out->pos = cor_sc_pos_of(c, item);
    return true;
}

/* Orders sessions by day, start, end, title and then place in the file, so that copies of one
 * session are neighbours. */
static int compare_copies(const void *x, const void *y)
{
    const struct cor_session *a = *(const struct cor_session *const *)x;
    const struct cor_session *b = *(const struct cor_session *const *)y;
    if (a->day != b->day)
        return a->day < b->day ? -1 : 1;
    if (a->start_min != b->start_min)
        return a->start_min < b->start_min ? -1 : 1;
    if (a->end_min != b->end_min)
        return a->end_min < b->end_min ? -1 : 1;
    int t = strcmp(a->title, b->title);
    if (t)
        return t;
    return a->pos.line < b->pos.line ? -1 : a->pos.line > b->pos.line;
}

/* The same session pasted twice would show twice, both marked Next. */
static void duplicate_warnings(struct cor_load *c, const struct cor_slide *slide)
{
    if (slide->n_sessions < 2)
        return;
    const struct cor_session **order =
        cor_arena_array(c->scratch, slide->n_sessions, sizeof(*order));
    if (!order) {
        cor_sc_oom(c);
        return;
    }
    for (size_t i = 0; i < slide->n_sessions; i++)
        order[i] = &slide->sessions[i];
    qsort(order, slide->n_sessions, sizeof(*order), compare_copies);
    size_t first = 0;
    for (size_t i = 1; i < slide->n_sessions; i++) {
        const struct cor_session *a = order[first], *b = order[i];
        if (b->day != a->day || b->start_min != a->start_min || b->end_min != a->end_min ||
            strcmp(a->title, b->title) != 0) {
            first = i;
            continue;
        }
        cor_diags_add(c->diags, COR_SEV_WARNING, b->pos.file, b->pos.line, b->pos.col,
                      "this session is the same as the one on line %d (same day, time and "
                      "title), so the screen would show it twice; remove one of them",
                      a->pos.line);
    }
}

static bool session_list(struct cor_load *c, const struct cor_ynode *list, struct cor_slide *slide)
{
    if (list->n_kids == 0)
        return true;
    slide->sessions = cor_arena_array(c->arena, list->n_kids, sizeof(*slide->sessions));
    if (!slide->sessions)
        return cor_sc_oom(c), false;
    char saved[sizeof(c->where)];
    memcpy(saved, c->where, sizeof(saved));
    bool ok = true;
    for (size_t i = 0; i < list->n_kids; i++) {
        if (one_session(c, list->kids[i], i + 1, &slide->sessions[slide->n_sessions]))
            slide->n_sessions++;
        else
            ok = false;
    }
    memcpy(c->where, saved, sizeof(saved));
    qsort(slide->sessions, slide->n_sessions, sizeof(*slide->sessions), cor_session_compare);
    duplicate_warnings(c, slide);
    return ok;
}

bool cor_sc_sessions_value(struct cor_load *c, const struct cor_sc_field *f,
                           const struct cor_ynode *v, void *target)
{
    struct cor_slide *slide = target;
    if (v->kind == COR_YNODE_SEQUENCE)
        return session_list(c, v, slide);
    if (!cor_sc_not_empty(c, f, v))
        return false;
    /* A file of sessions: a list, or a mapping with a `sessions:` list. */
    if (!cor_sc_resolve_file(c, v, "session file", &slide->sessions_file))
        return false;
    const char *display = strcmp(c->display_dir, ".") == 0
                              ? v->text
                              : cor_arena_printf(c->scratch, "%s/%s", c->display_dir, v->text);
    if (!display)
        return cor_sc_oom(c), false;
    /* An exported calendar: read now, expanded by cor_sc_calendar once the slide is read. */
    size_t n = strlen(v->text);
    if (n > 4 && strcasecmp(v->text + n - 4, ".ics") == 0) {
        slide->from_calendar = true;
        return !c->opts->check_files ||
               cor_load_calendar_file(c, slide->sessions_file.path, display, v);
    }
    const char *text = NULL;
    size_t len = 0;
    struct cor_ynode *root =
        c->opts->check_files
            ? cor_load_sessions_file(c, slide->sessions_file.path, display, v, &text, &len)
            : NULL;
    if (!root)
        return !c->opts->check_files;
    const char *saved_file = c->file, *saved_text = c->text;
    size_t saved_len = c->len;
    c->file = display;
    c->text = text;
    c->len = len;
    bool ok;
    if (root->kind == COR_YNODE_MAPPING && root->n_kids == 2 &&
        root->kids[0]->kind == COR_YNODE_SCALAR && strcmp(root->kids[0]->text, "sessions") == 0 &&
        root->kids[1]->kind == COR_YNODE_SEQUENCE) {
        ok = session_list(c, root->kids[1], slide);
    } else if (root->kind == COR_YNODE_SEQUENCE) {
        ok = session_list(c, root, slide);
    } else {
        cor_sc_error_at(c, root,
                        "a session file holds a list of sessions, each starting with '- date:'");
        ok = false;
    }
    c->file = saved_file;
    c->text = saved_text;
    c->len = saved_len;
    return ok;
}

/* The days a slide with a calendar file can show: from a day before NOW (or its `when` start)
 * for COR_CALENDAR_DAYS days, and not past its `when` end. A player that runs longer than that
 * without the file or the playlist changing reads the calendar again when either is edited. */
#define COR_CALENDAR_DAYS 400

bool cor_sc_calendar(struct cor_load *c, struct cor_slide *slide)
{
    if (!c->ics_text)
        return true;
    cor_minute now = c->opts->has_now ? c->opts->now : cor_clock_civil(time(NULL), c->pl->timezone);
    int32_t first = (int32_t)(now / COR_MINUTES_PER_DAY) - 1;
    if (slide->when.has_from && slide->when.from / COR_MINUTES_PER_DAY > first)
        first = (int32_t)(slide->when.from / COR_MINUTES_PER_DAY);
    int32_t last = first + COR_CALENDAR_DAYS - 1;
    if (slide->when.has_until && (slide->when.until - 1) / COR_MINUTES_PER_DAY < last)
        last = (int32_t)((slide->when.until - 1) / COR_MINUTES_PER_DAY);
    struct cor_ics_result res;
    bool ok = cor_ics_read(c->ics_text, c->ics_len, c->ics_display, first, last,
                           c->pl->timezone, c->arena, c->diags, &res);
    c->ics_text = NULL;
    if (!ok)
        return false;
    slide->sessions = res.sessions;
    slide->n_sessions = res.n_sessions;
    slide->calendar_events = res.n_events;
    slide->calendar_cancelled = res.n_cancelled;
    slide->calendar_unusable = res.n_unusable;
    return true;
}
