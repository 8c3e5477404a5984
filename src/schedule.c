/* schedule.c: decides which slides play and which sessions are on now, at a given civil minute. */
#include "schedule.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "value.h"

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static int32_t day_of(cor_minute m)
{
    return (int32_t)floor_div(m, COR_MINUTES_PER_DAY);
}

static int minute_of_day(cor_minute m)
{
    return (int)(m - (cor_minute)day_of(m) * COR_MINUTES_PER_DAY);
}

static bool in_hours(const struct cor_when *w, int mod)
{
    if (w->n_hours == 0)
        return true;
    for (size_t i = 0; i < w->n_hours; i++)
        if (mod >= w->hours[i].from_min && mod < w->hours[i].until_min)
            return true;
    return false;
}

static bool screen_listed(const struct cor_slide *slide, const char *screen)
{
    for (size_t i = 0; i < slide->n_screens; i++)
        if (strcasecmp(slide->screens[i], screen) == 0)
            return true;
    return false;
}

/* The schedule of `when` alone, without screens or sessions. */
static enum cor_skip when_decides(const struct cor_when *w, cor_minute now)
{
    if (!w->present)
        return COR_PLAYS;
    if (w->has_from && now < w->from)
        return COR_SKIP_NOT_YET;
    if (w->has_until && now >= w->until)
        return COR_SKIP_ENDED;
    if (!(w->days & (1u << cor_weekday(day_of(now)))))
        return COR_SKIP_WRONG_DAY;
    if (!in_hours(w, minute_of_day(now)))
        return COR_SKIP_OUTSIDE_HOURS;
    return COR_PLAYS;
}

enum cor_skip cor_schedule_slide(const struct cor_slide *slide, const char *screen, cor_minute now,
                                 bool clock_trusted)
{
    if (screen && slide->n_screens > 0 && !screen_listed(slide, screen))
        return COR_SKIP_OTHER_SCREEN;
    /* A sessions slide places its sessions by today's date and marks them on now or finished by
     * the time: with a wrong clock it would show wrong information, so it waits for the clock. */
    if ((slide->when.present || slide->type == COR_SLIDE_SESSIONS) && !clock_trusted)
        return COR_SKIP_CLOCK_WRONG;
    enum cor_skip why = when_decides(&slide->when, now);
    if (why != COR_PLAYS)
        return why;
    if (slide->type == COR_SLIDE_SESSIONS && !slide->when_empty &&
        cor_schedule_live(slide, now) == 0)
        return COR_SKIP_NO_SESSIONS;
    return COR_PLAYS;
}

static void describe_moment(cor_minute m, bool exclusive_end, char *buf, size_t size)
{
    char date[64], time[16];
    int mod = minute_of_day(m);
    if (mod == 0 && exclusive_end) {
        cor_format_date(day_of(m) - 1, date, sizeof(date));
        snprintf(buf, size, "the end of %s", date);
        return;
    }
    cor_format_date(day_of(m), date, sizeof(date));
    if (mod == 0) {
        snprintf(buf, size, "%s", date);
        return;
    }
    cor_format_time(mod, time, sizeof(time));
    snprintf(buf, size, "%s at %s", date, time);
}

static void describe_days(uint8_t days, char *buf, size_t size)
{
    static const char *const names[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < 7 && used < size; i++) {
        if (!(days & (1u << i)))
            continue;
        int n = snprintf(buf + used, size - used, "%s%s", used ? ", " : "", names[i]);
        if (n < 0)
            break;
        used += (size_t)n;
    }
}

static bool sessions_on(const struct cor_slide *slide, int32_t day)
{
    for (size_t i = 0; i < slide->n_sessions; i++)
        if (slide->sessions[i].day == day)
            return true;
    return false;
}

void cor_schedule_describe(const struct cor_slide *slide, enum cor_skip why, cor_minute now,
                           char *buf, size_t size)
{
    char part[256];
    static const char *const day_names[] = {"Mondays", "Tuesdays",  "Wednesdays", "Thursdays",
                                            "Fridays", "Saturdays", "Sundays"};
    switch (why) {
    case COR_PLAYS:
        snprintf(buf, size, "plays");
        return;
    case COR_SKIP_OTHER_SCREEN: {
        size_t used = 0;
        part[0] = '\0';
        for (size_t i = 0; i < slide->n_screens && used < sizeof(part); i++) {
            int n = snprintf(part + used, sizeof(part) - used, "%s%s", i ? ", " : "",
                             slide->screens[i]);
            if (n < 0)
                break;
            used += (size_t)n;
        }
        snprintf(buf, size, "shown only on the screens %s", part);
        return;
    }
    case COR_SKIP_NOT_YET:
        describe_moment(slide->when.from, false, part, sizeof(part));
        snprintf(buf, size, "not yet: it starts on %s", part);
        return;
    case COR_SKIP_ENDED:
        describe_moment(slide->when.until, true, part, sizeof(part));
        snprintf(buf, size, "ended: its schedule ran until %s", part);
        return;
    case COR_SKIP_WRONG_DAY:
        describe_days(slide->when.days, part, sizeof(part));
        snprintf(buf, size, "not shown on %s (days: %s)", day_names[cor_weekday(day_of(now))],
                 part);
        return;
    case COR_SKIP_OUTSIDE_HOURS:
        cor_format_hours(slide->when.hours, slide->when.n_hours, part, sizeof(part));
        snprintf(buf, size, "outside its hours (%s)", part);
        return;
    case COR_SKIP_NO_SESSIONS:
        if (slide->show == COR_SHOW_TODAY)
            snprintf(buf, size, "%s",
                     sessions_on(slide, day_of(now)) ? "every session today is over"
                                                     : "no sessions today");
        else if (slide->show == COR_SHOW_UPCOMING)
            snprintf(buf, size, "no sessions in the next %d days", slide->days);
        else
            snprintf(buf, size, "no sessions to show");
        return;
    case COR_SKIP_CLOCK_WRONG:
        if (slide->type == COR_SLIDE_SESSIONS && !slide->when.present)
            snprintf(buf, size,
                     "the clock is not set, and this slide's sessions depend on the "
                     "date and time");
        else
            snprintf(buf, size, "the clock is not set, and this slide has a schedule");
        return;
    }
    snprintf(buf, size, "skipped");
}

static cor_minute session_start(const struct cor_session *s)
{
    return (cor_minute)s->day * COR_MINUTES_PER_DAY + s->start_min;
}

static cor_minute session_end(const struct cor_session *s)
{
    return (cor_minute)s->day * COR_MINUTES_PER_DAY + s->end_min;
}

static bool session_in_view(const struct cor_slide *slide, const struct cor_session *s,
                            int32_t today, cor_minute now)
{
    switch (slide->show) {
    case COR_SHOW_TODAY:
        if (s->day != today)
            return false;
        break;
    case COR_SHOW_UPCOMING:
        if (s->day < today || s->day >= today + slide->days)
            return false;
        break;
    case COR_SHOW_ALL:
        break;
    }
    if (slide->finished == COR_FINISHED_HIDE && now >= session_end(s))
        return false;
    return true;
}

size_t cor_schedule_sessions(const struct cor_slide *slide, cor_minute now,
                             struct cor_session_view *out, size_t cap)
{
    int32_t today = day_of(now);
    /* The earliest start still to come among the sessions in view marks "Next". */
    cor_minute next = INT64_MAX;
    size_t count = 0;
    for (size_t i = 0; i < slide->n_sessions; i++) {
        const struct cor_session *s = &slide->sessions[i];
        if (!session_in_view(slide, s, today, now))
            continue;
        count++;
        cor_minute start = session_start(s);
        if (start > now && start < next)
            next = start;
    }
    if (!out)
        return count;
    size_t n = 0;
    for (size_t i = 0; i < slide->n_sessions && n < cap; i++) {
        const struct cor_session *s = &slide->sessions[i];
        if (!session_in_view(slide, s, today, now))
            continue;
        enum cor_session_state state;
        if (now >= session_end(s))
            state = COR_SESSION_FINISHED;
        else if (now >= session_start(s))
            state = COR_SESSION_ON_NOW;
        else if (session_start(s) == next)
            state = COR_SESSION_NEXT;
        else
            state = COR_SESSION_LATER;
        out[n++] = (struct cor_session_view){s, state};
    }
    return count;
}

size_t cor_schedule_live(const struct cor_slide *slide, cor_minute now)
{
    int32_t today = day_of(now);
    size_t n = 0;
    for (size_t i = 0; i < slide->n_sessions; i++) {
        const struct cor_session *s = &slide->sessions[i];
        if (session_in_view(slide, s, today, now) && now < session_end(s))
            n++;
    }
    return n;
}

static void consider(cor_minute *best, cor_minute candidate, cor_minute now)
{
    if (candidate > now && candidate < *best)
        *best = candidate;
}

cor_minute cor_schedule_next_change(const struct cor_playlist *playlist, cor_minute now)
{
    int32_t today = day_of(now);
    cor_minute midnight = (cor_minute)(today + 1) * COR_MINUTES_PER_DAY;
    cor_minute best = midnight;
    for (size_t i = 0; i < playlist->n_slides; i++) {
        const struct cor_slide *slide = &playlist->slides[i];
        const struct cor_when *w = &slide->when;
        if (w->present) {
            if (w->has_from)
                consider(&best, w->from, now);
            if (w->has_until)
                consider(&best, w->until, now);
            for (size_t h = 0; h < w->n_hours; h++) {
                cor_minute base = (cor_minute)today * COR_MINUTES_PER_DAY;
                consider(&best, base + w->hours[h].from_min, now);
                consider(&best, base + w->hours[h].until_min, now);
            }
        }
        for (size_t s = 0; s < slide->n_sessions; s++) {
            consider(&best, session_start(&slide->sessions[s]), now);
            consider(&best, session_end(&slide->sessions[s]), now);
        }
    }
    return best;
}
