/* schema_power.c: the schema of the power schedule (`power:`): when each screen is on. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "schema_priv.h"
#include "value.h"

#define EXAMPLE "weekdays: 07:00-19:30"

/* Words for a whole day on or off; a lone number is not one ("saturday: 1" is a time cut short). */
static const char *const on_words[] = {"on", "yes", "true", "all day", "allday", NULL};
static const char *const off_words[] = {"off", "no", "false", "none", NULL};

static bool is_word(const char *s, const char *const *words)
{
    for (size_t i = 0; words[i]; i++)
        if (strcasecmp(s, words[i]) == 0)
            return true;
    return false;
}

static const char *const day_names[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                        "Friday", "Saturday", "Sunday"};

/* "off", "on", "all day", a range of hours, or a list of ranges: the windows the screen is on. */
static bool hours_value(struct cor_load *c, const char *key, const struct cor_ynode *v,
                        struct cor_power_hours *out)
{
    char err[256];
    *out = (struct cor_power_hours){.pos = cor_sc_pos_of(c, v)};
    if (v->kind == COR_YNODE_MAPPING) {
        cor_sc_error_at(c, v,
                        "'%s' takes the hours the screen is on, such as 07:00-19:30, or off; "
                        "not keys under it",
                        key);
        return false;
    }
    if (v->kind == COR_YNODE_SCALAR && v->empty) {
        cor_sc_error_at(c, v,
                        "'%s' has no hours; write the hours the screen is on, such as "
                        "%s: 07:00-19:30, or %s: off",
                        key, key, key);
        return false;
    }
    if (v->kind == COR_YNODE_SCALAR) {
        char *t = cor_sc_trimmed_copy(c, v);
        if (!t)
            return cor_sc_oom(c), false;
        if (is_word(t, on_words)) {
            out->on = cor_arena_array(c->arena, 1, sizeof(*out->on));
            if (!out->on)
                return cor_sc_oom(c), false;
            out->on[0] = (struct cor_hours){0, COR_MINUTES_PER_DAY};
            out->n_on = 1;
            return true;
        }
        if (is_word(t, off_words))
            return true; /* off all day */
        if (v->plain && strchr(t, ',')) {
            cor_sc_error_at(c, v,
                            "'%s' is one value in YAML, not a list of ranges: a list needs "
                            "brackets; write %s: [%s]",
                            t, key, t);
            return false;
        }
    }
    size_t n = v->kind == COR_YNODE_SCALAR ? 1 : v->n_kids;
    if (n == 0) {
        cor_sc_error_at(c, v, "'%s' is an empty list; write the hours the screen is on, such as "
                              "07:00-19:30, or off",
                        key);
        return false;
    }
    if (n > COR_POWER_MAX_RANGES) {
        cor_sc_error_at(c, v,
                        "'%s' turns the screen on %zu times in a day; a screen takes at most %d "
                        "ranges of hours a day: join them into fewer",
                        key, n, COR_POWER_MAX_RANGES);
        return false;
    }
    out->on = cor_arena_array(c->arena, n, sizeof(*out->on));
    if (!out->on)
        return cor_sc_oom(c), false;
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        const struct cor_ynode *h = v->kind == COR_YNODE_SCALAR ? v : v->kids[i];
        int a, b, one;
        if (h->kind != COR_YNODE_SCALAR) {
            cor_sc_error_at(c, h, "each range of hours is one value such as 07:00-19:30");
            ok = false;
            continue;
        }
        if (cor_parse_time(h->text, false, &one, NULL, 0)) {
            cor_sc_error_at(c, h,
                            "'%s' is one time, but the screen needs the hours it is on, from "
                            "and to; write for example %s: 07:00-19:30, or %s: off",
                            h->text, key, key);
            ok = false;
            continue;
        }
        if (!strpbrk(h->text, "0123456789")) {
            cor_sc_error_at(c, h,
                            "'%s' is not hours corridor reads; write the hours the screen is on, "
                            "such as %s: 07:00-19:30, or %s: off",
                            h->text, key, key);
            ok = false;
            continue;
        }
        if (!cor_parse_time_range(h->text, &a, &b, err, sizeof(err))) {
            cor_sc_error_at(c, h, "%s", err);
            ok = false;
            continue;
        }
        if (cor_time_looks_afternoon(h->text, NULL, 0))
            cor_sc_early_warning(c, h);
        /* On all night, until the morning: perhaps the hours it is off, written by mistake. */
        if (b >= COR_MINUTES_PER_DAY + 5 * 60) {
            char s[16], e[16];
            cor_format_time(a, s, sizeof(s));
            cor_format_time(b, e, sizeof(e));
            cor_sc_warning_at(c, h,
                              "'%s' keeps the screen on through the night, from %s until %s the "
                              "next morning; if these are the hours it is off, write the hours it "
                              "is on instead: %s-%s",
                              h->text, s, e, e, s);
        }
        for (size_t j = 0; j < out->n_on; j++)
            if (a < out->on[j].until_min && out->on[j].from_min < b) {
                cor_sc_error_at(c, h,
                                "'%s' overlaps the hours before it in '%s'; write each time the "
                                "screen is on once",
                                h->text, key);
                ok = false;
            }
        out->on[out->n_on++] = (struct cor_hours){(int16_t)a, (int16_t)b};
    }
    return ok;
}

/* A key under `dates:`: a date, or "DATE to DATE". */
static bool dates_key(struct cor_load *c, const struct cor_ynode *k, struct cor_power_dates *out)
{
    char err[256], first[128];
    const char *to = strstr(k->text, " to ");
    if (!to)
        to = strstr(k->text, " until ");
    if (to && (size_t)(to - k->text) < sizeof(first)) {
        snprintf(first, sizeof(first), "%.*s", (int)(to - k->text), k->text);
        const char *second = strchr(to + 1, ' ') + 1;
        if (!cor_parse_date(first, &out->first, err, sizeof(err)) ||
            !cor_parse_date(second, &out->last, err, sizeof(err))) {
            cor_sc_error_at(c, k, "%s", err);
            return false;
        }
        if (out->last < out->first) {
            cor_sc_error_at(c, k,
                            "'%s' ends before it starts; write the first date, then 'to', then "
                            "the last, such as 24 December 2026 to 2 January 2027",
                            k->text);
            return false;
        }
        return true;
    }
    if (!cor_parse_date(k->text, &out->first, err, sizeof(err))) {
        cor_sc_error_at(c, k, "%s", err);
        return false;
    }
    out->last = out->first;
    return true;
}

static bool dates_value(struct cor_load *c, const struct cor_ynode *v, struct cor_power *p)
{
    if (v->kind != COR_YNODE_MAPPING) {
        cor_sc_error_at(c, v,
                        "'dates' takes dates with the hours of each, one a line, such as "
                        "25 December 2026: off; but %s is given here",
                        cor_sc_kind_noun(v->kind));
        return false;
    }
    size_t n = v->n_kids / 2;
    if (n > COR_POWER_MAX_DATES) {
        cor_sc_error_at(c, v,
                        "'dates' has %zu lines; the power schedule takes at most %d: write a run "
                        "of days as one line, such as 24 December 2026 to 2 January 2027: off",
                        n, COR_POWER_MAX_DATES);
        return false;
    }
    p->dates = cor_arena_array(c->arena, n ? n : 1, sizeof(*p->dates));
    if (!p->dates)
        return cor_sc_oom(c), false;
    bool ok = true;
    for (size_t i = 0; i + 1 < v->n_kids; i += 2) {
        const struct cor_ynode *k = v->kids[i], *h = v->kids[i + 1];
        struct cor_power_dates d = {0};
        if (k->kind != COR_YNODE_SCALAR) {
            cor_sc_error_at(c, k, "each line under 'dates' starts with a date, such as "
                                  "25 December 2026: off");
            ok = false;
            continue;
        }
        d.key = cor_sc_trimmed_copy(c, k);
        if (!d.key)
            return cor_sc_oom(c), false;
        if (!dates_key(c, k, &d) || !hours_value(c, d.key, h, &d.hours)) {
            ok = false;
            continue;
        }
        for (size_t j = 0; j < p->n_dates; j++) {
            const struct cor_power_dates *o = &p->dates[j];
            if (d.first <= o->last && o->first <= d.last &&
                d.last - d.first == o->last - o->first) {
                cor_sc_error_at(c, k,
                                "'%s' names the same days as '%s' on line %d; keep one of them",
                                d.key, o->key, o->hours.pos.line);
                ok = false;
            }
        }
        if (c->opts->has_now && d.last < c->opts->now / COR_MINUTES_PER_DAY)
            cor_sc_warning_at(c, k,
                              "'%s' has passed, so this line no longer changes anything; remove "
                              "it",
                              d.key);
        p->dates[p->n_dates++] = d;
    }
    return ok;
}

static bool screens_value(struct cor_load *c, const struct cor_ynode *v, struct cor_power *p)
{
    struct cor_slide names = {0};
    static const struct cor_sc_field f = {"screens", COR_SC_SCALAR_OR_LIST, NULL, 0, 0, NULL,
                                          "[ward-7, ward-8]"};
    if (v->kind == COR_YNODE_MAPPING || (v->kind == COR_YNODE_SEQUENCE && v->n_kids == 0)) {
        cor_sc_error_at(c, v,
                        "'screens' takes the names of the screens this schedule is for, such as "
                        "[ward-7, ward-8]; leave it out for every screen");
        return false;
    }
    bool ok = cor_sc_screens_value(c, &f, v, &names);
    p->screens = names.screens;
    p->n_screens = names.n_screens;
    return ok;
}

/* "weekdays: 07:00-19:30": a line for days of the week. */
static bool days_line(struct cor_load *c, const struct cor_ynode *k, const struct cor_ynode *v,
                      struct cor_power *p)
{
    char err[256];
    struct cor_power_days d = {0};
    int32_t day;
    int a, b;
    if (cor_parse_date(k->text, &day, NULL, 0)) {
        cor_sc_error_at(c, k,
                        "a date goes under 'dates:' in the power schedule; write dates: on its "
                        "own line, and under it, indented, %s: off (or its hours)",
                        k->text);
        return false;
    }
    if (cor_parse_time_range(k->text, &a, &b, NULL, 0)) {
        cor_sc_error_at(c, k,
                        "the days come first and the hours after them; write for example "
                        "weekdays: %s",
                        k->text);
        return false;
    }
    if (strcasecmp(k->text, "days") == 0 || strcasecmp(k->text, "hours") == 0) {
        cor_sc_error_at(c, k,
                        "the power schedule names the days in its keys, with the hours after "
                        "them; write for example " EXAMPLE " and weekends: off, not days: and "
                        "hours:");
        return false;
    }
    if (!cor_parse_days_word(k->text, &d.days, err, sizeof(err))) {
        static const char *const words[] = {"weekdays", "weekends", "every day", "monday",
                                            "tuesday",  "wednesday", "thursday", "friday",
                                            "saturday", "sunday",   "dates",     "screens",
                                            NULL};
        const char *near = cor_nearest_word(k->text, words);
        if (near)
            cor_sc_error_at(c, k, "unknown key '%s' in the power schedule; did you mean '%s'?",
                            k->text, near);
        else
            cor_sc_error_at(c, k,
                            "unknown key '%s' in the power schedule; each line there is days "
                            "and the hours the screen is on (" EXAMPLE ", weekends: off), or "
                            "dates: or screens:",
                            k->text);
        return false;
    }
    d.key = cor_sc_trimmed_copy(c, k);
    if (!d.key)
        return cor_sc_oom(c), false;
    if (!hours_value(c, d.key, v, &d.hours))
        return false;
    for (size_t j = 0; j < p->n_days; j++) {
        const struct cor_power_days *o = &p->days[j];
        if (o->days == d.days && strcasecmp(o->key, d.key) == 0) {
            cor_sc_error_at(c, k,
                            "'%s' is given twice in the power schedule (first on line %d); keep "
                            "one of them",
                            d.key, o->hours.pos.line);
            return false;
        }
        if ((o->days & d.days) &&
            __builtin_popcount(o->days) == __builtin_popcount(d.days)) {
            int first = __builtin_ctz(o->days & d.days);
            cor_sc_error_at(c, k,
                            "%s is named twice in the power schedule ('%s' here, '%s' on line "
                            "%d); keep one of them",
                            day_names[first], d.key, o->key, o->hours.pos.line);
            return false;
        }
    }
    p->days[p->n_days++] = d;
    return true;
}

/* Days of the week that no line names are on all day: said, when some are named. */
static void unnamed_days_warning(struct cor_load *c, const struct cor_ynode *map,
                                 const struct cor_power *p)
{
    uint8_t named = 0;
    for (size_t i = 0; i < p->n_days; i++)
        named |= p->days[i].days;
    if (p->n_days == 0 || named == COR_DAYS_ALL)
        return;
    char list[128] = "";
    size_t used = 0;
    int n = 0, count = 7 - __builtin_popcount(named);
    for (int i = 0; i < 7; i++) {
        if (named & (1u << i))
            continue;
        n++;
        int w = snprintf(list + used, sizeof(list) - used, "%s%s",
                         n == 1 ? "" : (n == count ? " and " : ", "), day_names[i]);
        if (w > 0 && (size_t)w < sizeof(list) - used)
            used += (size_t)w;
    }
    const char *fix = named == 0x1f ? "weekends" : "the days";
    cor_sc_warning_at(c, map,
                      "the power schedule names no hours for %s, so the screen stays on all "
                      "day then; add %s: off to turn it off, or %s: on to keep it on",
                      list, fix, fix);
}

static bool one_schedule(struct cor_load *c, const struct cor_ynode *map, struct cor_power *p)
{
    *p = (struct cor_power){.pos = cor_sc_pos_of(c, map)};
    if (map->kind != COR_YNODE_MAPPING) {
        cor_sc_error_at(c, map,
                        "a power schedule takes days and the hours the screen is on, one a line, "
                        "such as " EXAMPLE " and weekends: off; but %s is given here",
                        cor_sc_kind_noun(map->kind));
        return false;
    }
    p->days = cor_arena_array(c->arena, map->n_kids / 2 + 1, sizeof(*p->days));
    if (!p->days)
        return cor_sc_oom(c), false;
    bool ok = true, had_dates = false, had_screens = false;
    for (size_t i = 0; i + 1 < map->n_kids; i += 2) {
        const struct cor_ynode *k = map->kids[i], *v = map->kids[i + 1];
        if (k->kind != COR_YNODE_SCALAR) {
            cor_sc_error_at(c, k, "a key in the power schedule must be a plain word followed by "
                                  "':'");
            ok = false;
        } else if (strcmp(k->text, "dates") == 0) {
            if (had_dates) {
                cor_sc_error_at(c, k, "'dates' is given twice in the power schedule; put all "
                                      "the dates under one");
                ok = false;
                continue;
            }
            had_dates = true;
            ok = dates_value(c, v, p) && ok;
        } else if (strcmp(k->text, "screens") == 0) {
            if (had_screens) {
                cor_sc_error_at(c, k, "'screens' is given twice in the power schedule; keep "
                                      "one of them");
                ok = false;
                continue;
            }
            had_screens = true;
            ok = screens_value(c, v, p) && ok;
        } else {
            ok = days_line(c, k, v, p) && ok;
        }
    }
    if (ok && p->n_days == 0 && p->n_dates == 0) {
        cor_sc_error_at(c, map,
                        "the power schedule names no days; write the hours the screen is on, "
                        "such as " EXAMPLE " and weekends: off");
        return false;
    }
    if (ok)
        unnamed_days_warning(c, map, p);
    return ok;
}

/* A screen named by two schedules, or two schedules for every screen. */
static bool schedules_apart(struct cor_load *c, const struct cor_ynode *v, const struct cor_power *ps,
                            size_t n)
{
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < i; j++) {
            if (ps[i].n_screens == 0 && ps[j].n_screens == 0) {
                cor_sc_error_at(c, v->kids[i],
                                "this power schedule and the one on line %d are both for every "
                                "screen; add screens: to one of them",
                                ps[j].pos.line);
                return false;
            }
            for (size_t a = 0; a < ps[i].n_screens; a++)
                for (size_t b = 0; b < ps[j].n_screens; b++)
                    if (strcasecmp(ps[i].screens[a], ps[j].screens[b]) == 0) {
                        cor_sc_error_at(c, v->kids[i],
                                        "screen '%s' is named by this power schedule and by the "
                                        "one on line %d; keep it in one of them",
                                        ps[i].screens[a], ps[j].pos.line);
                        return false;
                    }
        }
    }
    return true;
}

bool cor_sc_power_value(struct cor_load *c, const struct cor_sc_field *f, const struct cor_ynode *v,
                        void *target)
{
    struct cor_playlist *pl = target;
    (void)f;
    if (v->kind == COR_YNODE_SCALAR && v->empty) {
        cor_sc_error_at(c, v,
                        "'power' is empty; write under it, indented, the hours the screen is on, "
                        "such as " EXAMPLE " and weekends: off, or remove the line");
        return false;
    }
    if (v->kind == COR_YNODE_SCALAR) {
        cor_sc_error_at(c, v,
                        "'power' holds the days and hours the screen is on, not a value; write "
                        "power: alone on its line, and under it, indented, " EXAMPLE
                        " and weekends: off");
        return false;
    }
    size_t n = v->kind == COR_YNODE_SEQUENCE ? v->n_kids : 1;
    if (n == 0) {
        cor_sc_error_at(c, v, "'power' is an empty list; write a power schedule under it, such as "
                              EXAMPLE);
        return false;
    }
    struct cor_power *ps = cor_arena_array(c->arena, n, sizeof(*ps));
    if (!ps)
        return cor_sc_oom(c), false;
    bool ok = true;
    char saved[sizeof(c->where)];
    memcpy(saved, c->where, sizeof(saved));
    snprintf(c->where, sizeof(c->where), "the power schedule");
    for (size_t i = 0; i < n; i++)
        ok = one_schedule(c, v->kind == COR_YNODE_SEQUENCE ? v->kids[i] : v, &ps[i]) && ok;
    memcpy(c->where, saved, sizeof(saved));
    if (!ok || (v->kind == COR_YNODE_SEQUENCE && !schedules_apart(c, v, ps, n)))
        return false;
    pl->power = ps;
    pl->n_power = n;
    return true;
}
