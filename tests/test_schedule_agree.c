/* test_schedule_agree.c: check, explain, render and the player's deck say the same slides play,
 * at every moment of a table (before, during, between and after sessions, midnight, a weekend),
 * because they all ask cor_schedule_slide. */
#include <SDL.h>

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "check_cli.h"
#include "deck.h"
#include "diag.h"
#include "font.h"
#include "loader.h"
#include "render.h"
#include "render_cli.h"
#include "render_fixtures.h"
#include "schedule.h"
#include "value.h"

#define MAX_SLIDES 16

static char work[1024];

/* A day of the busy-day timetable, twice: a slide that is skipped once it is over, and one that
 * then shows its when_empty sentence; a notice for weekday working hours; one that always plays. */
static const char playlist_text[] =
    "name: Agreeing\n"
    "theme:\n"
    "  font: DejaVu Sans\n"
    "  footer: Nutrition and Hydration Week\n"
    "slides:\n"
    "  - type: sessions\n"
    "    title: Today\n"
    "    sessions: &day\n"
    "      - {date: 2025-03-19, time: 8.30am to 9am, title: Breakfast round}\n"
    "      - {date: 2025-03-19, time: 9am to 9.45am, title: Thickened fluids}\n"
    "      - {date: 2025-03-19, time: 10am to 10.30am, title: Hydration station}\n"
    "      - {date: 2025-03-19, time: 12pm to 1pm, title: Lunchtime walk-round}\n"
    "      - {date: 2025-03-19, time: 1.15pm to 2pm, title: Mouth care matters}\n"
    "      - {date: 2025-03-19, time: 4.30pm to 5pm, title: Prize giving}\n"
    "  - type: sessions\n"
    "    title: Today, with a last word\n"
    "    when_empty: That's all for today\n"
    "    sessions:\n"
    "      - {date: 2025-03-19, time: 9am to 9.45am, title: Thickened fluids}\n"
    "      - {date: 2025-03-19, time: 4.30pm to 5pm, title: Prize giving}\n"
    "  - type: text\n"
    "    title: Ask the dietitian\n"
    "    when: {days: weekdays, hours: 08:00-18:00}\n"
    "  - type: text\n"
    "    title: Drink up!\n";

/* Runs FN with its standard output (FD 1) or error (FD 2) going to the file PATH. */
static int captured(int fd, const char *path, int (*fn)(int, char **), int argc, char **argv)
{
    fflush(stdout);
    fflush(stderr);
    int saved = dup(fd);
    int out = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (saved < 0 || out < 0)
        return -1;
    dup2(out, fd);
    close(out);
    int rc = fn(argc, argv);
    fflush(stdout);
    fflush(stderr);
    dup2(saved, fd);
    close(saved);
    return rc;
}

/* The slides explain lists under "Plays": PLAYS[index] set. */
static void explain_plays(const char *path, bool *plays)
{
    FILE *f = fopen(path, "r");
    char line[1024];
    bool in_plays = false;
    while (f && fgets(line, sizeof(line), f)) {
        if (strncmp(line, "Plays", 5) == 0)
            in_plays = true;
        else if (strncmp(line, "Skipped", 7) == 0)
            in_plays = false;
        int k, index;
        if (in_plays && sscanf(line, " %d. slide %d", &k, &index) == 2 && index > 0 &&
            index < MAX_SLIDES)
            plays[index] = true;
    }
    if (f)
        fclose(f);
}

/* The slides render drew: NN-type.png and NN-type-pP.png in DIR. */
static void render_plays(const char *dir, bool *plays)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        int index;
        if (sscanf(e->d_name, "%2d-", &index) == 1 && index > 0 && index < MAX_SLIDES &&
            strstr(e->d_name, ".png"))
            plays[index] = true;
    }
    if (d)
        closedir(d);
}

/* The slides check says "will not be shown". */
static void check_not_shown(const char *path, bool *not_shown)
{
    FILE *f = fopen(path, "r");
    char line[1024];
    while (f && fgets(line, sizeof(line), f)) {
        const char *p = strstr(line, "every session of slide ");
        int index;
        if (p && strstr(line, "will not be shown") &&
            sscanf(p, "every session of slide %d", &index) == 1 && index > 0 && index < MAX_SLIDES)
            not_shown[index] = true;
    }
    if (f)
        fclose(f);
}

static int page_count(void *ctx, const struct cor_slide *slide, cor_minute now)
{
    return cor_renderer_page_count(ctx, slide, now);
}

int main(void)
{
    char cwd[900];
    if (!getcwd(cwd, sizeof(cwd)))
        snprintf(cwd, sizeof(cwd), ".");
    snprintf(work, sizeof(work), "%s/test_schedule_agree-files", cwd);
    mkdir(work, 0777);
    char yaml[1200];
    snprintf(yaml, sizeof(yaml), "%s/agree.yaml", work);
    FILE *f = fopen(yaml, "w");
    CHECK(f != NULL);
    if (!f)
        return CHECK_DONE();
    fputs(playlist_text, f);
    fclose(f);

    struct cor_diags diags;
    cor_diags_init(&diags);
    struct cor_load_options lo = {.check_files = true};
    struct cor_playlist *pl = cor_playlist_load(yaml, &lo, &diags);
    if (!pl)
        cor_diags_print(&diags, stderr);
    CHECK(pl != NULL && pl->n_slides == 4);
    struct screen s;
    CHECK(screen_open(&s, 960, 540));
    struct cor_renderer *r = pl ? cor_renderer_create(s.sdl, pl, 960, 540, &diags) : NULL;
    CHECK(r != NULL);

    static const struct {
        const char *at, *what;
        bool plays[4]; /* slides 1 to 4 */
    } moments[] = {
        {"2025-03-19 07:30", "before the first session", {true, true, false, true}},
        {"2025-03-19 09:10", "during a session", {true, true, true, true}},
        {"2025-03-19 13:05", "between sessions", {true, true, true, true}},
        {"2025-03-19 16:59", "the last minute of the last", {true, true, true, true}},
        {"2025-03-19 17:00", "as the last ends", {false, true, true, true}},
        {"2025-03-19 18:30", "after the last session", {false, true, false, true}},
        {"2025-03-20 00:00", "midnight", {false, true, false, true}},
        {"2025-03-22 10:00", "a Saturday", {false, true, false, true}},
    };
    for (size_t m = 0; pl && r && m < sizeof(moments) / sizeof(moments[0]); m++) {
        const char *at = moments[m].at, *what = moments[m].what;
        cor_minute now;
        bool has_time;
        char err[256];
        CHECK(cor_parse_datetime(at, &now, &has_time, err, sizeof(err)));
        bool decided[MAX_SLIDES] = {false}, explained[MAX_SLIDES] = {false};
        bool rendered[MAX_SLIDES] = {false}, dealt[MAX_SLIDES] = {false};
        bool not_shown[MAX_SLIDES] = {false};
        for (size_t i = 0; i < pl->n_slides; i++) {
            decided[i + 1] = cor_schedule_slide(&pl->slides[i], NULL, now, true) == COR_PLAYS;
            CHECK_MSG(decided[i + 1] == moments[m].plays[i], "%s (%s): slide %zu %s", what, at,
                      i + 1, decided[i + 1] ? "plays" : "does not play");
        }

        char out[1300], dir[1300];
        snprintf(out, sizeof(out), "%s/explain.txt", work);
        char *explain_argv[] = {"explain", yaml, "--at", (char *)at, NULL};
        CHECK_INT(captured(1, out, cor_explain_command, 4, explain_argv), 0);
        explain_plays(out, explained);

        snprintf(out, sizeof(out), "%s/check.txt", work);
        char *check_argv[] = {"check", yaml, "--at", (char *)at, NULL};
        CHECK_INT(captured(2, out, cor_check_command, 4, check_argv), 0);
        check_not_shown(out, not_shown);

        snprintf(dir, sizeof(dir), "%s/render-%zu", work, m);
        snprintf(out, sizeof(out), "%s/render.txt", work);
        char *render_argv[] = {"render",  yaml,    "--at", (char *)at, "--size",
                               "960x540", "--out", dir,    NULL};
        CHECK_INT(captured(1, out, cor_render_command, 8, render_argv), 0);
        render_plays(dir, rendered);

        /* The player: its deck, with its renderer's page counts. */
        struct cor_deck_env env = {pl, NULL, now, true, page_count, NULL, r};
        for (size_t i = 0; i < pl->n_slides; i++) {
            dealt[i + 1] = cor_deck_plays(&env, (int)i);
            if (dealt[i + 1])
                CHECK_MSG(cor_renderer_page_count(r, &pl->slides[i], now) >= 1,
                          "%s: slide %zu has no page", what, i + 1);
        }
        for (size_t i = 1; i <= pl->n_slides; i++) {
            CHECK_MSG(explained[i] == decided[i], "%s (%s): explain %s slide %zu", what, at,
                      explained[i] ? "lists" : "leaves out", i);
            CHECK_MSG(rendered[i] == decided[i], "%s (%s): render %s slide %zu", what, at,
                      rendered[i] ? "draws" : "leaves out", i);
            CHECK_MSG(dealt[i] == decided[i], "%s (%s): the player %s slide %zu", what, at,
                      dealt[i] ? "plays" : "leaves out", i);
            CHECK_MSG(!(not_shown[i] && decided[i]),
                      "%s (%s): check says slide %zu will not be shown, yet it plays", what, at, i);
        }
        /* Once every session is over, check says so of the slide it skips. */
        if (now >= cor_days_from_civil(2025, 3, 19) * (cor_minute)COR_MINUTES_PER_DAY + 17 * 60)
            CHECK_MSG(not_shown[1], "%s (%s): check does not say slide 1 will not be shown", what,
                      at);
    }
    cor_renderer_free(r);
    screen_close(&s);
    cor_playlist_free(pl);
    cor_diags_free(&diags);
    cor_render_shutdown();
    cor_font_shutdown();
    return CHECK_DONE();
}
