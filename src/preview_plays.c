/* preview_plays.c: the report's pictures of what plays on each screen, and the coming week. */
#include "preview_page.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "power_schedule.h"
#include "schedule.h"
#include "value.h"

/* Most slides named in one moment of the week, and moments shown in one day. */
#define WEEK_SLIDES   12
#define WEEK_MOMENTS  8
#define WEEK_SESSIONS 40

static bool over(const struct cor_html *h)
{
    return h->full || h->b.len > COR_PREVIEW_SOFT_LIMIT(h);
}

/* "Slide 3 (text): Welcome to Ward 3" as page text. */
static void slide_name(struct cor_html *h, const struct cor_slide *s)
{
    cor_html_raw(h, "slide %d (%s)", s->index, cor_slide_type_name(s->type));
    const char *label = cor_slide_label(s);
    if (*label) {
        cor_html_raw(h, ": ");
        cor_html_text(h, label);
    }
}

/* At most MAX bytes of TEXT (cut at a character, with "..." when cut), escaped. */
static void text_upto(struct cor_html *h, const char *text, size_t max)
{
    size_t n = strlen(text);
    if (n <= max) {
        cor_html_text_n(h, text, n);
        return;
    }
    while (max > 0 && ((unsigned char)text[max] & 0xC0) == 0x80)
        max--;
    cor_html_text_n(h, text, max);
    cor_html_raw(h, "...");
}

/* Alt text for a picture of a page: what the slide says, for someone who cannot see it. */
static void page_alt(struct cor_html *h, const struct cor_slide *s, int page, int pages)
{
    if (!s) {
        cor_html_raw(h, "The calm page shown when nothing is scheduled: the name, the logo and "
                        "the clock.");
        return;
    }
    static const char *const kinds[] = {"a timetable", "a picture", "a quote", "text",
                                        "a video"};
    cor_html_raw(h, "Slide %d, %s", s->index, kinds[s->type < COR_SLIDE_TYPE_COUNT ? s->type : 3]);
    if (pages > 1)
        cor_html_raw(h, ", page %d of %d", page, pages);
    switch (s->type) {
    case COR_SLIDE_IMAGE:
    case COR_SLIDE_VIDEO:
        cor_html_raw(h, ": the file ");
        cor_html_text(h, s->file.name);
        break;
    case COR_SLIDE_QUOTE:
        cor_html_raw(h, " from ");
        cor_html_text(h, s->name);
        if (s->quote) {
            cor_html_raw(h, ": ");
            text_upto(h, s->quote, 300);
        }
        break;
    case COR_SLIDE_SESSIONS:
    case COR_SLIDE_TEXT:
    case COR_SLIDE_TYPE_COUNT:
        if (s->title) {
            cor_html_raw(h, ": ");
            text_upto(h, s->title, 200);
        }
        if (s->subtitle) {
            cor_html_raw(h, ". ");
            text_upto(h, s->subtitle, 200);
        }
        if (s->body) {
            cor_html_raw(h, ". ");
            text_upto(h, s->body, 300);
        }
        break;
    }
}

static const struct cor_slide *slide_by_index(const struct cor_playlist *pl, int index)
{
    return index >= 1 && (size_t)index <= pl->n_slides ? &pl->slides[index - 1] : NULL;
}

/* Writes id="slide-N" the first time slide N is written; SEEN has a byte per slide. */
static void anchor(struct cor_html *h, unsigned char *seen, const struct cor_slide *s)
{
    if (s && seen && !seen[s->index - 1]) {
        seen[s->index - 1] = 1;
        cor_html_raw(h, " id=\"slide-%d\"", s->index);
    }
}

static void screen_heading(struct cor_html *h, const struct cor_preview_screen *sc)
{
    cor_html_raw(h, "<h3>");
    if (!sc->name) {
        cor_html_raw(h, "Every screen");
    } else if (!*sc->name) {
        cor_html_raw(h, "Any other screen");
    } else {
        cor_html_raw(h, "Screen ");
        cor_html_text(h, sc->name);
    }
    cor_html_raw(h, " <span class=\"size\">(%d by %d pixels, %s)</span></h3>\n", sc->w, sc->h,
                 sc->w >= sc->h ? "landscape" : "portrait, on its side");
}

/* With a power schedule: whether the screen is on or off at NOW, why, and until when. */
static void power_line(struct cor_html *h, const struct cor_playlist *pl, const char *screen,
                       cor_minute now)
{
    if (pl->n_power == 0)
        return;
    struct cor_power_civil_plan plan;
    cor_power_plan_civil(pl, screen, now, true, &plan);
    char next[160];
    cor_power_describe_next(&plan, next, sizeof(next));
    cor_html_raw(h, "<p class=\"power\">");
    cor_html_text(h, plan.why);
    cor_html_raw(h, "; ");
    cor_html_text(h, next);
    cor_html_raw(h, "%s</p>\n",
                 plan.want == COR_POWER_WANT_ON
                     ? "."
                     : ". While it is off it shows nothing; below is what it would show now if "
                       "it were on.");
}

static void one_screen(struct cor_html *h, const struct cor_playlist *pl, cor_minute now,
                       const struct cor_preview_screen *sc, const char *prefix, unsigned char *seen)
{
    screen_heading(h, sc);
    const char *screen = sc->name;
    power_line(h, pl, screen && *screen ? screen : NULL, now);
    if (!sc->drawn) {
        cor_html_raw(h, "<p class=\"note\">The pictures for this screen could not be drawn; "
                        "the list below still says what plays.</p>\n");
    } else {
        size_t n = sc->pages.n;
        cor_html_raw(h, "<figure class=\"sheet\"><img src=\"%s/%s/contact-sheet.png\" alt=\"",
                     prefix, sc->folder);
        if (n == 1)
            cor_html_raw(h, "The page below, small.");
        else
            cor_html_raw(h, "The %zu pages below, small, side by side.", n);
        cor_html_raw(h, "\"><figcaption>At a glance: every page in the order it plays."
                        "</figcaption></figure>\n");
    }
    cor_html_raw(h, "<ol class=\"pages\">\n");
    for (size_t i = 0; sc->drawn && i < sc->pages.n && !over(h); i++) {
        const struct cor_rendered_page *p = &sc->pages.pages[i];
        const struct cor_slide *s = slide_by_index(pl, p->slide);
        cor_html_raw(h, "<li");
        anchor(h, seen, s);
        cor_html_raw(h, "><figure><img src=\"%s/%s/", prefix, sc->folder);
        cor_html_text(h, p->file);
        cor_html_raw(h, "\" alt=\"");
        page_alt(h, s, p->page, p->pages);
        cor_html_raw(h, "\" width=\"%d\" height=\"%d\"><figcaption>", sc->w >= sc->h ? 480 : 270,
                     sc->w >= sc->h ? 480 * sc->h / sc->w : 270 * sc->h / sc->w);
        if (s) {
            slide_name(h, s);
            if (p->pages > 1)
                cor_html_raw(h, ", page %d of %d", p->page, p->pages);
        } else {
            cor_html_raw(h, "Nothing is scheduled: the calm page");
        }
        cor_html_raw(h, "</figcaption></figure></li>\n");
    }
    cor_html_raw(h, "</ol>\n");
    bool any = false;
    for (size_t i = 0; i < pl->n_slides && !over(h); i++) {
        const struct cor_slide *s = &pl->slides[i];
        enum cor_skip why = cor_schedule_slide(s, screen, now, true);
        if (why == COR_PLAYS)
            continue;
        if (!any)
            cor_html_raw(h, "<h4>Not playing now</h4>\n<ul class=\"skipped\">\n");
        any = true;
        char reason[512];
        cor_schedule_describe(s, why, now, reason, sizeof(reason));
        cor_html_raw(h, "<li");
        anchor(h, seen, s);
        cor_html_raw(h, ">");
        slide_name(h, s);
        cor_html_raw(h, ": ");
        cor_html_text(h, reason);
        cor_html_raw(h, "</li>\n");
    }
    if (any)
        cor_html_raw(h, "</ul>\n");
}

void cor_preview_write_plays(struct cor_html *h, const struct cor_playlist *pl, cor_minute now,
                             const struct cor_preview_screen *screens, size_t n, const char *prefix,
                             bool cut)
{
    char date[64], time_s[16];
    cor_format_date((int32_t)(now / COR_MINUTES_PER_DAY), date, sizeof(date));
    cor_format_time((int)(now % COR_MINUTES_PER_DAY), time_s, sizeof(time_s));
    cor_html_raw(h,
                 "<section aria-labelledby=\"plays\">\n<h2 id=\"plays\">What plays now, at %s on "
                 "%s</h2>\n",
                 time_s, date);
    unsigned char *seen = calloc(pl->n_slides ? pl->n_slides : 1, 1);
    for (size_t i = 0; i < n && !over(h); i++)
        one_screen(h, pl, now, &screens[i], prefix, seen);
    free(seen);
    if (cut || over(h))
        cor_html_raw(h, "<p class=\"note\">This playlist is too large to show whole here: "
                        "some screens or pages are left out of this report. Every slide still "
                        "plays; <code>corridor render</code> draws them all.</p>\n");
    cor_html_raw(h, "</section>\n");
}

/* ---- the coming week ---------------------------------------------------------------------- */

/* The slides that play at T on any screen, as bits in SET (a byte per slide). */
static void playing_at(const struct cor_playlist *pl, cor_minute t, unsigned char *set)
{
    for (size_t i = 0; i < pl->n_slides; i++)
        set[i] = cor_schedule_slide(&pl->slides[i], NULL, t, true) == COR_PLAYS;
}

/* Names the slides of SET that are not in EXCEPT (NULL: every slide of SET), at most
 * WEEK_SLIDES of them; returns how many there are. */
static size_t write_slides(struct cor_html *h, const struct cor_playlist *pl,
                           const unsigned char *set, const unsigned char *except)
{
    size_t shown = 0, total = 0;
    for (size_t i = 0; i < pl->n_slides; i++) {
        if (!set[i] || (except && except[i]))
            continue;
        if (total++ >= WEEK_SLIDES)
            continue;
        const struct cor_slide *s = &pl->slides[i];
        cor_html_raw(h, "%s", shown++ ? "; " : "");
        slide_name(h, s);
        if (s->n_screens) {
            cor_html_raw(h, " (only on ");
            for (size_t k = 0; k < s->n_screens; k++) {
                cor_html_raw(h, "%s", k ? ", " : "");
                cor_html_text(h, s->screens[k]);
            }
            cor_html_raw(h, ")");
        }
    }
    if (total > shown)
        cor_html_raw(h, "; and %zu more", total - shown);
    return total;
}

/* One moment of the week: from MINUTE, the slides of SET play; BEFORE (NULL for the first
 * moment of the report) is what played until then, so only the change is named. */
static void write_moment(struct cor_html *h, const struct cor_playlist *pl, int minute,
                         const unsigned char *set, const unsigned char *before)
{
    char time_s[16];
    cor_format_time(minute, time_s, sizeof(time_s));
    size_t playing = 0;
    for (size_t i = 0; i < pl->n_slides; i++)
        playing += set[i];
    cor_html_raw(h, "<li><strong>From %s:</strong> ", time_s);
    if (playing == 0)
        cor_html_raw(h, "nothing is scheduled: the calm page (the name, the logo and the clock)");
    else
        cor_html_raw(h, "%zu slide%s play", playing, playing == 1 ? "" : "s");
    if (!before) {
        if (playing) {
            cor_html_raw(h, ": ");
            write_slides(h, pl, set, NULL);
        }
    } else if (memcmp(set, before, pl->n_slides) == 0) {
        cor_html_raw(h, ", the same as the day before");
    } else {
        struct cor_html starts, stops;
        cor_html_init(&starts, 16384);
        cor_html_init(&stops, 16384);
        size_t n_starts = write_slides(&starts, pl, set, before);
        size_t n_stops = write_slides(&stops, pl, before, set);
        if (n_starts)
            cor_html_raw(h, ". Starts: %s", starts.b.data ? starts.b.data : "");
        if (n_stops)
            cor_html_raw(h, ". Stops: %s", stops.b.data ? stops.b.data : "");
        cor_html_free(&starts);
        cor_html_free(&stops);
    }
    cor_html_raw(h, ".</li>\n");
}

/* The sessions of slide S on DAY, as a table. */
static void write_timetable(struct cor_html *h, const struct cor_slide *s, int32_t day)
{
    size_t first = 0, count = 0;
    for (size_t i = 0; i < s->n_sessions; i++) {
        if (s->sessions[i].day != day)
            continue;
        if (!count)
            first = i;
        count++;
    }
    if (!count)
        return;
    cor_html_raw(h, "<table>\n<caption>Sessions on ");
    slide_name(h, s);
    cor_html_raw(h, "</caption>\n<tr><th scope=\"col\">Time</th><th scope=\"col\">Session</th>"
                    "<th scope=\"col\">Host</th><th scope=\"col\">Where</th></tr>\n");
    size_t shown = 0;
    for (size_t i = first; i < s->n_sessions && shown < WEEK_SESSIONS; i++) {
        const struct cor_session *se = &s->sessions[i];
        if (se->day != day)
            continue;
        char from[16], until[16];
        cor_format_time(se->start_min, from, sizeof(from));
        cor_format_time(se->end_min, until, sizeof(until));
        cor_html_raw(h, "<tr><td>%s to %s</td><td>", from, until);
        cor_html_text(h, se->title);
        cor_html_raw(h, "</td><td>");
        cor_html_text(h, se->host);
        cor_html_raw(h, "</td><td>");
        cor_html_text(h, se->where);
        cor_html_raw(h, "</td></tr>\n");
        shown++;
    }
    cor_html_raw(h, "</table>\n");
    if (count > shown)
        cor_html_raw(h, "<p>And %zu more sessions that day.</p>\n", count - shown);
}

void cor_preview_write_week(struct cor_html *h, const struct cor_playlist *pl, cor_minute now)
{
    cor_html_raw(h, "<section aria-labelledby=\"week\">\n<h2 id=\"week\">The coming week</h2>\n"
                    "<p>What plays from the start of each day, and each moment a schedule "
                    "changes that: which slides start and which stop.</p>\n");
    size_t n = pl->n_slides ? pl->n_slides : 1;
    unsigned char *set = calloc(n, 1), *before = calloc(n, 1);
    if (!set || !before) {
        cor_html_raw(h, "<p class=\"note\">Out of memory: the week is left out.</p>\n");
        goto out;
    }
    int32_t today = (int32_t)(now / COR_MINUTES_PER_DAY);
    for (int32_t day = today; day < today + 7 && !over(h); day++) {
        char date[64];
        cor_format_date(day, date, sizeof(date));
        cor_html_raw(h, "<h3>%s</h3>\n<ul class=\"week\">\n", date);
        cor_minute start = (cor_minute)day * COR_MINUTES_PER_DAY, t = start;
        cor_minute end = start + COR_MINUTES_PER_DAY;
        playing_at(pl, t, set);
        write_moment(h, pl, 0, set, day == today ? NULL : before);
        memcpy(before, set, pl->n_slides);
        int moments = 1;
        /* Step from change to change; a moment is shown only when what plays differs. */
        for (int steps = 0; steps < 500; steps++) {
            cor_minute next = cor_schedule_next_change(pl, t);
            if (next <= t || next >= end)
                break;
            t = next;
            playing_at(pl, t, set);
            if (memcmp(set, before, pl->n_slides) == 0)
                continue;
            if (moments == WEEK_MOMENTS) {
                cor_html_raw(h, "<li>And more changes later that day.</li>\n");
                break;
            }
            write_moment(h, pl, (int)(t - start), set, before);
            memcpy(before, set, pl->n_slides);
            moments++;
        }
        cor_html_raw(h, "</ul>\n");
        for (size_t i = 0; i < pl->n_slides && !over(h); i++)
            if (pl->slides[i].type == COR_SLIDE_SESSIONS)
                write_timetable(h, &pl->slides[i], day);
    }
    if (over(h))
        cor_html_raw(h, "<p class=\"note\">The rest of the week is left out: this playlist is "
                        "too large to show whole here.</p>\n");
out:
    free(set);
    free(before);
    cor_html_raw(h, "</section>\n");
}
