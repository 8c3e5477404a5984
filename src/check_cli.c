/* check_cli.c: `corridor check` and `corridor explain`: a playlist's mistakes, and its schedule. */
#include "check_cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "diag.h"
#include "loader.h"
#include "power_schedule.h"
#include "render.h"
#include "schedule.h"
#include "urgent.h"
#include "value.h"

struct cor_playlist *cor_check_load(const char *path, const char *const *allow_dirs, bool decode,
                                    cor_minute now, struct cor_diags *diags)
{
    struct cor_load_options opts = {
        .check_files = true,
        .decode_images = decode,
        .allow_dirs = allow_dirs,
        .has_now = true,
        .now = now,
    };
    struct cor_playlist *pl = cor_playlist_load(path, &opts, diags);
    /* Text that cannot fit at a readable size, on landscape and portrait screens. */
    if (pl && decode) {
        static const int sizes[][2] = {{1920, 1080}, {1080, 1920}};
        cor_render_check_fit(pl, sizes, 2, now, diags);
        cor_diags_sort(diags);
    }
    return pl;
}

/* Loads PATH as cor_check_load does and prints the messages. */
static struct cor_playlist *load_checked(const char *path, struct cor_diags *diags, bool decode,
                                         cor_minute now)
{
    struct cor_playlist *pl = cor_check_load(path, NULL, decode, now, diags);
    cor_diags_print(diags, stderr);
    return pl;
}

/* What each calendar file gave: its events, and those not shown. */
static void print_calendars(const struct cor_playlist *pl)
{
    for (size_t i = 0; i < pl->n_slides; i++) {
        const struct cor_slide *s = &pl->slides[i];
        if (!s->from_calendar)
            continue;
        printf("  slide %d: %s holds %zu event%s (%zu cancelled, %zu it cannot use%s); %zu "
               "session%s over the days the slide can show\n",
               s->index, s->sessions_file.name, s->calendar_events,
               s->calendar_events == 1 ? "" : "s", s->calendar_cancelled, s->calendar_unusable,
               s->calendar_unusable ? ": see the warnings above" : "", s->n_sessions,
               s->n_sessions == 1 ? "" : "s");
    }
}

int cor_check_command(int argc, char **argv)
{
    const char *path = NULL;
    bool strict = false;
    cor_minute now = cor_clock_civil(time(NULL), NULL);
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--strict") == 0) {
            strict = true;
        } else if (strcmp(argv[i], "--at") == 0 && i + 1 < argc) {
            char err[256];
            bool has_time;
            if (!cor_parse_datetime(argv[++i], &now, &has_time, err, sizeof(err))) {
                fprintf(stderr, "corridor check: --at: %s\n", err);
                return 2;
            }
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "corridor check: unknown option '%s'\n", argv[i]);
            return 2;
        } else if (!path) {
            path = argv[i];
        } else {
            fprintf(stderr, "corridor check: one playlist at a time\n");
            return 2;
        }
    }
    if (!path) {
        fprintf(stderr, "usage: corridor check PLAYLIST [--strict] [--at \"2024-03-19 10:30\"]\n");
        return 2;
    }
    struct cor_diags diags;
    cor_diags_init(&diags);
    struct cor_playlist *pl = load_checked(path, &diags, true, now);
    int status;
    if (!pl) {
        fprintf(stderr,
                "%s: %zu mistake%s, %zu warning%s: the screen keeps playing the last good "
                "playlist until these are fixed\n",
                path, diags.n_errors, diags.n_errors == 1 ? "" : "s", diags.n_warnings,
                diags.n_warnings == 1 ? "" : "s");
        status = 1;
    } else if (strict && diags.n_warnings) {
        fprintf(stderr, "%s: %zu warning%s, and --strict makes warnings fail\n", path,
                diags.n_warnings, diags.n_warnings == 1 ? "" : "s");
        status = 1;
    } else {
        printf("%s: OK, %zu slide%s%s", path, pl->n_slides, pl->n_slides == 1 ? "" : "s",
               diags.n_warnings ? "" : "\n");
        if (diags.n_warnings)
            printf(", %zu warning%s\n", diags.n_warnings, diags.n_warnings == 1 ? "" : "s");
        status = 0;
        print_calendars(pl);
    }
    /* The urgent notice beside it: a mistake in urgent.yaml is told, but never stops the
     * playlist (nor corridor-sync): the notice still shows what text it can read. */
    struct cor_urgent u;
    if (cor_urgent_read_beside(path, &u) && u.present) {
        char line[1024];
        cor_urgent_describe(&u, cor_urgent_state(&u, NULL, now), line, sizeof(line));
        printf("%s\n", line);
        if (u.problem) {
            fprintf(stderr, "%s (the notice still shows; fix this so it shows as you meant)\n",
                    u.problem);
            if (strict)
                status = 1;
        }
    }
    cor_urgent_free(&u);
    cor_playlist_free(pl);
    cor_diags_free(&diags);
    return status;
}

static void format_duration(uint32_t ms, char *buf, size_t size)
{
    uint32_t s = ms / 1000, tenths = (ms % 1000) / 100;
    if (s >= 60)
        snprintf(buf, size, "%um%02us", s / 60, s % 60);
    else if (tenths)
        snprintf(buf, size, "%u.%us", s, tenths);
    else
        snprintf(buf, size, "%us", s);
}

static void print_sessions_summary(const struct cor_slide *s, cor_minute now)
{
    struct cor_session_view views[64];
    size_t n = cor_schedule_sessions(s, now, views, 64);
    size_t counts[4] = {0};
    for (size_t i = 0; i < n && i < 64; i++)
        counts[views[i].state]++;
    if (n == 0 || cor_schedule_live(s, now) == 0) {
        printf("  (%s: shows \"%s\")", n ? "every session is over" : "no sessions",
               s->when_empty ? s->when_empty : "");
        return;
    }
    printf("  (%zu session%s", n, n == 1 ? "" : "s");
    if (counts[COR_SESSION_ON_NOW])
        printf(", %zu on now", counts[COR_SESSION_ON_NOW]);
    if (counts[COR_SESSION_NEXT])
        printf(", %zu next", counts[COR_SESSION_NEXT]);
    if (counts[COR_SESSION_FINISHED])
        printf(", %zu finished", counts[COR_SESSION_FINISHED]);
    printf(")");
}

/* The sessions SLIDE shows at NOW, one a line, with their times and state. */
static void print_sessions(const struct cor_slide *s, cor_minute now)
{
    static const char *const states[] = {
        [COR_SESSION_FINISHED] = "finished",
        [COR_SESSION_ON_NOW] = "on now",
        [COR_SESSION_NEXT] = "next",
        [COR_SESSION_LATER] = "later",
    };
    enum { CAP = 200 };
    struct cor_session_view *views = malloc(CAP * sizeof(*views));
    if (!views)
        return;
    size_t n = cor_schedule_sessions(s, now, views, CAP);
    int32_t today = (int32_t)(now / COR_MINUTES_PER_DAY);
    for (size_t i = 0; i < n && i < CAP; i++) {
        const struct cor_session *x = views[i].session;
        char a[16], b[16], day[64] = "";
        cor_format_time(x->start_min, a, sizeof(a));
        cor_format_time(x->end_min, b, sizeof(b));
        if (x->day != today)
            cor_format_date(x->day, day, sizeof(day));
        printf("             %s%s%s-%s  %-8s  %s", day, *day ? " " : "", a, b,
               states[views[i].state], x->title);
        if (x->where)
            printf(" (%s)", x->where);
        if (x->host)
            printf(", %s", x->host);
        printf("\n");
        if (x->link)
            printf("                                  QR code: %s\n", x->link);
    }
    if (n > CAP)
        printf("             ... and %zu more\n", n - CAP);
    free(views);
}

/* The power schedule's answer at NOW, and when it changes; false when the screen is off. */
static bool print_power(const struct cor_playlist *pl, const char *screen, cor_minute now)
{
    if (pl->n_power == 0)
        return true;
    struct cor_power_civil_plan plan;
    cor_power_plan_civil(pl, screen, now, true, &plan);
    bool on = plan.want == COR_POWER_WANT_ON;
    char next[160];
    cor_power_describe_next(&plan, next, sizeof(next));
    printf("\n%s; %s\n", plan.why, next);
    if (!on)
        printf("Nothing is shown while the screen is off.\n");
    return on;
}

int cor_explain_command(int argc, char **argv)
{
    const char *path = NULL, *at = NULL, *screen = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--at") == 0 && i + 1 < argc) {
            at = argv[++i];
        } else if (strcmp(argv[i], "--screen") == 0 && i + 1 < argc) {
            screen = argv[++i];
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "corridor explain: unknown option '%s' (or it needs a value)\n",
                    argv[i]);
            return 2;
        } else if (!path) {
            path = argv[i];
        } else {
            fprintf(stderr, "corridor explain: one playlist at a time\n");
            return 2;
        }
    }
    if (!path || !at) {
        fprintf(stderr, "usage: corridor explain PLAYLIST --at \"2024-03-19 10:30\" "
                        "[--screen NAME]\n");
        return 2;
    }
    char err[256];
    cor_minute now;
    bool has_time;
    if (!cor_parse_datetime(at, &now, &has_time, err, sizeof(err))) {
        fprintf(stderr, "corridor explain: --at: %s\n", err);
        return 2;
    }
    struct cor_diags diags;
    cor_diags_init(&diags);
    struct cor_playlist *pl = load_checked(path, &diags, false, now);
    if (!pl) {
        fprintf(stderr, "%s: %zu mistake%s; fix them first (see corridor check)\n", path,
                diags.n_errors, diags.n_errors == 1 ? "" : "s");
        cor_diags_free(&diags);
        return 1;
    }
    char date[64], time_s[16], dur[32];
    cor_format_date((int32_t)(now / COR_MINUTES_PER_DAY), date, sizeof(date));
    cor_format_time((int)(now % COR_MINUTES_PER_DAY), time_s, sizeof(time_s));
    printf("At %s %s%s%s, on %s%s%s:\n", date, time_s, pl->timezone ? " " : "",
           pl->timezone ? pl->timezone : "", screen ? "screen '" : "any screen",
           screen ? screen : "", screen ? "'" : "");
    uint32_t round = 0;
    size_t playing = 0;
    bool lit = print_power(pl, screen, now);
    for (size_t i = 0; i < pl->n_slides; i++)
        if (cor_schedule_slide(&pl->slides[i], screen, now, true) == COR_PLAYS)
            round += pl->slides[i].duration_ms, playing++;
    if (!lit) {
        /* Off: neither played nor skipped slides are listed. */
    } else if (playing == 0) {
        printf("\nNothing is scheduled: the screen shows its calm fallback (the name, the logo "
               "and the clock).\n");
    } else {
        format_duration(round, dur, sizeof(dur));
        printf("\nPlays, in this order (one round takes %s, more when a slide has pages):\n", dur);
        size_t k = 0;
        for (size_t i = 0; i < pl->n_slides; i++) {
            const struct cor_slide *s = &pl->slides[i];
            if (cor_schedule_slide(s, screen, now, true) != COR_PLAYS)
                continue;
            format_duration(s->duration_ms, dur, sizeof(dur));
            printf("  %2zu. slide %-3d %-8s %-6s \"%s\"", ++k, s->index,
                   cor_slide_type_name(s->type), dur, cor_slide_label(s));
            if (s->type == COR_SLIDE_SESSIONS)
                print_sessions_summary(s, now);
            printf("\n");
            if (s->type == COR_SLIDE_SESSIONS)
                print_sessions(s, now);
        }
    }
    struct cor_urgent u;
    if (cor_urgent_read_beside(path, &u) && u.present) {
        char line[1024];
        cor_urgent_describe(&u, cor_urgent_state(&u, screen, now), line, sizeof(line));
        printf("\n%s\n", line);
    }
    cor_urgent_free(&u);
    if (lit && playing < pl->n_slides) {
        printf("\nSkipped:\n");
        for (size_t i = 0; i < pl->n_slides; i++) {
            const struct cor_slide *s = &pl->slides[i];
            enum cor_skip why = cor_schedule_slide(s, screen, now, true);
            if (why == COR_PLAYS)
                continue;
            char reason[512];
            cor_schedule_describe(s, why, now, reason, sizeof(reason));
            printf("      slide %-3d %-8s \"%s\": %s\n", s->index, cor_slide_type_name(s->type),
                   cor_slide_label(s), reason);
        }
    }
    cor_playlist_free(pl);
    cor_diags_free(&diags);
    return 0;
}
