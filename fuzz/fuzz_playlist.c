/* fuzz_playlist.c: libFuzzer target: bytes as a playlist, parsed alone or with its files checked.
 *
 * The first byte chooses the mode; the rest is the playlist's text:
 *   bit 0: check the files the playlist names, in a folder made once with a few pictures,
 *          a session file, and hostile entries (a FIFO, a folder named like a picture, an empty
 *          and a cut-short picture, a symlink leaving the folder, a symlink loop);
 *   bit 1: with bit 0, decode every picture too (as `corridor check` does);
 *   bit 2: judge "already ended" warnings against 10:30 on Tuesday 19 March 2024.
 * Seeds start with '0' (parse only), '5' (files, no decoding) or '7' (everything).
 *
 * Besides the sanitizers, it stops on broken promises: a playlist returned with errors, or
 * refused without one; an error that names no line; a model that breaks its own rules; a
 * schedule (or power schedule) whose next change is not after now. A loaded playlist is then asked what plays at a
 * few moments, as a player would. FUZZ_PLAYLIST_PRINT=1 prints the messages (to triage). */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz_util.h"
#include "loader.h"
#include "power_schedule.h"
#include "schedule.h"
#include "value.h"

static char dir[PATH_MAX];
static FILE *devnull;

#define FAIL(...)                                                                                  \
    do {                                                                                           \
        fprintf(stderr, "fuzz_playlist: " __VA_ARGS__);                                            \
        fputc('\n', stderr);                                                                       \
        abort();                                                                                   \
    } while (0)

static void put(const char *name, const void *data, size_t len)
{
    char path[PATH_MAX + 256];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    if (!fuzz_write(path, data, len))
        exit(2);
}

/* Copies a file of the source tree (relative to its top) into the folder as NAME. */
static void put_source(const char *src, const char *name)
{
    char from[PATH_MAX], to[PATH_MAX + 256];
    snprintf(from, sizeof(from), "%s/%s", COR_FUZZ_SOURCE_DIR, src);
    snprintf(to, sizeof(to), "%s/%s", dir, name);
    if (!fuzz_copy(from, to))
        exit(2);
}

static void sub(const char *name)
{
    char path[PATH_MAX + 256];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    if (mkdir(path, 0755) != 0) {
        perror(path);
        exit(2);
    }
}

static void link_to(const char *target, const char *name)
{
    char path[PATH_MAX + 256];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    if (symlink(target, path) != 0) {
        perror(path);
        exit(2);
    }
}

static void remove_tree(const char *path)
{
    char cmd[PATH_MAX + 32];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", path);
    if (system(cmd) != 0)
        fprintf(stderr, "fuzz_playlist: could not remove %s\n", path);
}

/* Fills the folder: the names the sample playlists and tests/test_loader.c use, so that their
 * seeds pass the checks, and the hostile entries. */
static void fill_folder(void)
{
    sub("assets");
    sub("assets/people");
    const char *png = "fuzz/corpus/image/rgb.png", *jpg = "fuzz/corpus/image/baseline.jpg";
    put_source(png, "assets/lock-screen-teal.png");
    put_source(png, "assets/Lock Screen (Teal)-04.png");
    put_source("fuzz/corpus/image/rgba.png", "assets/social-work-week-logo.png");
    put_source(png, "assets/Social Work Week Lock Screen (Teal)-04.png");
    static const char *const people[] = {"andrew-barlow", "figure-teal", "hanna-roslund",
                                         "hannah-smith",  "john-sloan",  "kirsty-mccarthy",
                                         "michael-lucas"};
    for (size_t i = 0; i < sizeof(people) / sizeof(people[0]); i++) {
        char name[128];
        snprintf(name, sizeof(name), "assets/people/%s.jpg", people[i]);
        put_source(jpg, name);
    }
    put_source("playlists/training-2024.yaml", "training-2024.yaml");
    const char *sessions = "- date: 2024-03-19\n  time: 10am to 11am\n  title: From a file\n";
    put("sessions.yaml", sessions, strlen(sessions));
    const char *broken = "- date: 2024-03-19\n  time: 10am to 11am\n  title: Fine\n"
                         "- date: 32 March 2024\n  time: 10am to 11am\n  title: Broken\n";
    put("broken-sessions.yaml", broken, strlen(broken));
    /* Hostile entries. */
    put("assets/empty.png", "", 0);
    size_t len;
    char from[PATH_MAX];
    snprintf(from, sizeof(from), "%s/%s", COR_FUZZ_SOURCE_DIR, png);
    unsigned char *bytes = fuzz_slurp(from, &len);
    if (!bytes)
        exit(2);
    put("assets/cut.png", bytes, len / 2);
    free(bytes);
    sub("assets/folder.png");
    char fifo[PATH_MAX + 32];
    snprintf(fifo, sizeof(fifo), "%s/assets/pipe.png", dir);
    if (mkfifo(fifo, 0600) != 0) {
        perror(fifo);
        exit(2);
    }
    link_to("/etc/hostname", "assets/outside.png");
    link_to("loop-b.png", "assets/loop-a.png");
    link_to("loop-a.png", "assets/loop-b.png");
}

/* The folder is made once and kept ($TMPDIR/corridor-fuzz-playlist-UID; remove it to have it
 * made again): filled under a temporary name, then renamed into place in one step, so that
 * processes starting together never see half of it. */
static void make_folder(void)
{
    char final[PATH_MAX];
    struct stat st;
    fuzz_folder_name(final, sizeof(final), "fuzz-playlist");
    if (stat(final, &st) != 0) {
        fuzz_make_dir(dir, sizeof(dir), "fuzz-playlist");
        fill_folder();
        if (rename(dir, final) != 0)
            remove_tree(dir); /* another process was first */
    }
    snprintf(dir, sizeof(dir), "%s", final);
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        fprintf(stderr, "fuzz_playlist: %s is not a folder\n", dir);
        exit(2);
    }
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    make_folder();
    const char *print = getenv("FUZZ_PLAYLIST_PRINT");
    devnull = print && *print == '1' ? stderr : fopen("/dev/null", "w");
    if (!devnull)
        exit(2);
    return 0;
}

static const cor_minute tuesday_1030 = (cor_minute)19801 * COR_MINUTES_PER_DAY + 10 * 60 + 30;

/* The model keeps the rules model.h states. */
static void check_model(const struct cor_playlist *pl)
{
    if (!pl->n_slides || !pl->slides)
        FAIL("a playlist was returned with no slides");
    if (!pl->n_files || !pl->files || !pl->path || !pl->dir)
        FAIL("a playlist was returned without its own file in 'files'");
    for (size_t i = 0; i < pl->n_slides; i++) {
        const struct cor_slide *s = &pl->slides[i];
        if ((unsigned)s->type >= COR_SLIDE_TYPE_COUNT)
            FAIL("slide %zu has type %d", i + 1, (int)s->type);
        if (s->duration_ms == 0 || s->duration_ms > 24u * 3600u * 1000u)
            FAIL("slide %zu lasts %u ms", i + 1, s->duration_ms);
        if (s->transition_ms > 5000)
            FAIL("slide %zu has a transition of %u ms", i + 1, s->transition_ms);
        if (s->type == COR_SLIDE_IMAGE && (!s->file.path || !s->file.name))
            FAIL("image slide %zu has no file", i + 1);
        if (s->type == COR_SLIDE_QUOTE && (!s->quote || !s->name))
            FAIL("quote slide %zu has no text or name", i + 1);
        if (s->type == COR_SLIDE_TEXT && !s->title && !s->body)
            FAIL("text slide %zu has neither title nor body", i + 1);
        if (s->n_screens && !s->screens)
            FAIL("slide %zu counts screens it does not hold", i + 1);
        if (s->when.present && (s->when.days == 0 || s->when.days > COR_DAYS_ALL))
            FAIL("slide %zu has days %#x", i + 1, s->when.days);
        for (size_t h = 0; h < s->when.n_hours; h++) {
            const struct cor_hours *r = &s->when.hours[h];
            if (r->from_min < 0 || r->from_min >= r->until_min || r->until_min > 1440)
                FAIL("slide %zu has hours %d-%d", i + 1, r->from_min, r->until_min);
        }
        if (s->type == COR_SLIDE_SESSIONS && (s->days < 1 || s->days > 366))
            FAIL("slide %zu shows %d days ahead", i + 1, s->days);
        for (size_t k = 0; k < s->n_sessions; k++) {
            const struct cor_session *x = &s->sessions[k];
            if (x->start_min < 0 || x->start_min >= x->end_min || x->end_min > 1440 || !x->title)
                FAIL("slide %zu session %zu runs %d-%d", i + 1, k + 1, x->start_min, x->end_min);
            if (k &&
                (x[-1].day > x->day || (x[-1].day == x->day && x[-1].start_min > x->start_min)))
                FAIL("slide %zu sessions are not in time order", i + 1);
        }
    }
}

/* Asks the schedule what a player would: what plays, why not, which sessions, when next. */
static void ask_schedule(const struct cor_playlist *pl, const uint8_t *data, size_t size)
{
    cor_minute moments[6] = {tuesday_1030, 0, (cor_minute)10957 * COR_MINUTES_PER_DAY,
                             tuesday_1030 + 400 * COR_MINUTES_PER_DAY};
    size_t n = 4;
    /* Moments near the first slide's own schedule, where the interesting edges are. */
    const struct cor_when *w = &pl->slides[0].when;
    if (w->has_from)
        moments[n++] = w->from - 1;
    if (w->has_until)
        moments[n++] = w->until;
    struct cor_session_view views[8];
    char why[512];
    for (size_t m = 0; m < n; m++) {
        cor_minute now = moments[m];
        for (size_t i = 0; i < pl->n_slides; i++) {
            const struct cor_slide *s = &pl->slides[i];
            const char *screen = (data[size - 1] & 1) && s->n_screens ? s->screens[0] : NULL;
            enum cor_skip skip = cor_schedule_slide(s, screen, now, (data[size - 1] & 2) == 0);
            cor_schedule_describe(s, skip, now, why, sizeof(why));
            if (s->type == COR_SLIDE_SESSIONS) {
                size_t all = cor_schedule_sessions(s, now, views, 8);
                if (all > s->n_sessions)
                    FAIL("slide %zu shows %zu of its %zu sessions", i + 1, all, s->n_sessions);
            }
        }
        cor_minute next = cor_schedule_next_change(pl, now);
        if (next <= now)
            FAIL("the next change after minute %lld is at minute %lld", (long long)now,
                 (long long)next);
    }
}

/* Asks the power schedule what a player would, for the unnamed screen and each one it names:
 * its next change must be after now, and the answer there must differ. */
static void ask_power(const struct cor_playlist *pl, bool trusted)
{
    cor_minute moments[4] = {tuesday_1030, 0, (cor_minute)10957 * COR_MINUTES_PER_DAY,
                             tuesday_1030 + 400 * COR_MINUTES_PER_DAY};
    for (size_t k = 0; k <= pl->n_power; k++) {
        const char *screen =
            k < pl->n_power && pl->power[k].n_screens ? pl->power[k].screens[0] : NULL;
        for (size_t m = 0; m < 4; m++) {
            struct cor_power_civil_plan p, then;
            cor_power_plan_civil(pl, screen, moments[m], trusted, &p);
            if (p.next_change == INT64_MAX)
                continue;
            if (p.next_change <= moments[m])
                FAIL("the power schedule's next change after minute %lld is at minute %lld",
                     (long long)moments[m], (long long)p.next_change);
            cor_power_plan_civil(pl, screen, p.next_change, trusted, &then);
            if (then.want == p.want)
                FAIL("the power schedule does not change at minute %lld, its next change",
                     (long long)p.next_change);
        }
        struct cor_power_plan real;
        int64_t t = 1710844200; /* Tuesday 19 March 2024 10:30 UTC */
        cor_power_plan_at(pl, screen, t, trusted, &real);
        if (real.next_change <= t)
            FAIL("the power schedule's next change after %lld is at %lld", (long long)t,
                 (long long)real.next_change);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    struct cor_load_options opts = {
        .check_files = data[0] & 1,
        .decode_images = (data[0] & 3) == 3,
        .has_now = (data[0] & 4) != 0,
        .now = tuesday_1030,
    };
    /* A copy of exactly the text's size, so that a read past its end is caught. */
    size_t len = size - 1;
    char *text = malloc(len ? len : 1);
    if (!text)
        return 0;
    memcpy(text, data + 1, len);

    struct cor_diags d;
    cor_diags_init(&d);
    struct cor_playlist *pl = cor_playlist_load_buffer("playlist.yaml", dir, text, len, &opts, &d);
    if (pl && d.n_errors)
        FAIL("a playlist was returned with %zu errors", d.n_errors);
    if (!pl && !d.n_errors)
        FAIL("a playlist was refused without an error");
    for (size_t i = 0; i < d.n; i++) {
        const struct cor_diag *g = &d.items[i];
        if (!g->msg || !g->msg[0] || !g->file)
            FAIL("message %zu is empty", i);
        if (g->line < 0 || g->col < 0)
            FAIL("message %zu is at %d:%d", i, g->line, g->col);
        /* Every error points at a line, but running out of memory, which is about no line. */
        if (g->severity == COR_SEV_ERROR && g->line == 0 && !strstr(g->msg, "out of memory"))
            FAIL("an error names no line: %s", g->msg);
    }
    /* Printing with the source line and a caret, and formatting into a small buffer. */
    cor_diags_print(&d, devnull);
    if (d.n) {
        char small[24];
        cor_diag_format(&d.items[d.n - 1], small, sizeof(small));
    }
    if (pl) {
        check_model(pl);
        ask_schedule(pl, data, size);
        ask_power(pl, (data[size - 1] & 2) == 0);
    }
    cor_playlist_free(pl);
    cor_diags_free(&d);
    free(text);
    return 0;
}
