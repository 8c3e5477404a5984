/* test_soak.c: corridor-play-test plays a simulated week (or a day, or a few hours) with a fast
 * clock while this program saves the playlist every simulated minute, cycling through a valid
 * edit, a YAML mistake, a half-written file, the fix, a replaced picture and a save by rename.
 * After every save it reads the status file: each valid save is picked up, and after each broken
 * one the last good playlist plays on with the mistake's FILE:LINE:COL reported. Every simulated
 * hour it samples the player's memory, descriptors and inotify watches: after the first hour they
 * must stay flat (memory within 1 MB of the hour-1 figure). At the end the player must stop
 * cleanly, which under AddressSanitizer means LeakSanitizer found nothing, and under valgrind
 * means no error and no leak.
 *
 *   test_soak short      a simulated day at a high rate (CTest soak_short, about a minute)
 *   test_soak day        the same day, every reload through inotify at the real debounce
 *   test_soak week       seven simulated days: 10,080 reloads
 *   test_soak valgrind   three simulated hours under valgrind
 * Options after the mode: --hours H, --rate R, --watch-every K (every Kth save is found by
 * inotify and the debounce alone; the others are followed by SIGHUP, "reload now"), --csv FILE
 * (every hourly sample).
 * docs/reliability.md ("Soak") explains the plan and lists the figures measured. */
#include <SDL.h>
#include <SDL_image.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "player_fixtures.h"
#include "test_env.h"
#include "value.h"

#ifndef COR_PLAY_BIN
#error "COR_PLAY_BIN must name the corridor-play-test program"
#endif
#ifndef COR_SOAK_VALGRIND_SUPP
#define COR_SOAK_VALGRIND_SUPP ""
#endif

#define SOAK_ASAN TEST_ASAN

/* The simulated week starts on a Monday at midnight in the playlist's zone, Europe/London, and
 * takes in the night the clocks go forward (Sunday 31 March 2024, 01:00 GMT). */
#define SOAK_START     "2024-03-25 00:00"
#define SOAK_START_ISO "2024-03-25T00:00:00.000Z" /* the same moment in UTC (GMT) */
/* Memory may settle this far above its hour-1 level and no further. */
#define SOAK_RSS_SLACK_KB 1024
/* Where memory settles at hour H: the least of the samples at H and the hours before it, this
 * many in all. A leak raises every sample for good; a sample taken while a reload holds the new
 * playlist beside the old one, or on a busy machine, is a spike the next hours come back from. */
#define SOAK_RSS_WINDOW 4
/* The picture's versions the soak swaps in turn. */
#define SOAK_PICTURES 4
/* Most hourly samples kept (a week is 168). */
#define SOAK_MAX_HOURS 24 * 31

/* ---- settings ----------------------------------------------------------------------------- */

struct plan {
    const char *mode;
    int hours;       /* simulated span: a save every simulated minute */
    double rate;     /* simulated seconds per real second */
    int watch_every; /* every Nth save is left to inotify and the debounce (0: none) */
    bool valgrind;   /* run the player under valgrind */
    bool check_rss;  /* assert flat memory (not under ASan's quarantine or valgrind) */
    int wait_ms;     /* longest real wait for one reload's outcome */
    const char *csv; /* every hourly sample also goes here, when set */
};

/* ---- small helpers ------------------------------------------------------------------------ */

/* Writes LEN bytes of DATA to PATH in one write: truncated in place, as most editors save. */
static void write_in_place(const char *path, const void *data, size_t len)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    CHECK_MSG(fd >= 0, "cannot write %s: %s", path, strerror(errno));
    if (fd < 0)
        return;
    CHECK(write(fd, data, len) == (ssize_t)len);
    CHECK(close(fd) == 0);
}

/* Writes DATA beside PATH under a hidden name, then renames it over PATH. */
static void write_by_rename(const char *path, const char *tmp_name, const void *data, size_t len)
{
    char tmp[512];
    const char *slash = strrchr(path, '/');
    snprintf(tmp, sizeof(tmp), "%.*s/%s", (int)(slash - path), path, tmp_name);
    write_in_place(tmp, data, len);
    CHECK_MSG(rename(tmp, path) == 0, "cannot rename %s: %s", tmp, strerror(errno));
}

/* ---- reading the status file -------------------------------------------------------------- */

static long key_long(const char *json, const char *key)
{
    const char *p = json_after(json, key);
    return p ? strtol(p, NULL, 10) : -1;
}

static bool key_true(const char *json, const char *key)
{
    const char *p = json_after(json, key);
    return p && strncmp(p, "true", 4) == 0;
}

/* Copies the JSON string at P (escapes undone for \" and \\ only) into OUT; "" when not one.
 * Returns the text after its closing quote. */
static const char *copy_string(const char *p, char *out, size_t size)
{
    size_t n = 0;
    out[0] = '\0';
    if (!p || *p != '"')
        return p;
    for (p++; *p && *p != '"'; p++) {
        if (*p == '\\' && p[1])
            p++;
        if (n + 1 < size)
            out[n++] = *p;
    }
    out[n] = '\0';
    return *p ? p + 1 : p;
}

static const char *key_string(const char *json, const char *key, char *out, size_t size)
{
    copy_string(json_after(json, key), out, size);
    return out;
}

/* Whether MSG starts with the playlist's name, a line and a column: "...playlist.yaml:12:5: ". */
static bool has_position(const char *msg)
{
    const char *p = strstr(msg, "playlist.yaml:");
    if (!p)
        return false;
    p += strlen("playlist.yaml:");
    char *end;
    long line = strtol(p, &end, 10);
    if (end == p || *end != ':' || line <= 0)
        return false;
    p = end + 1;
    long col = strtol(p, &end, 10);
    return end != p && *end == ':' && col > 0;
}

/* Counts the reload errors in JSON and how many of them carry FILE:LINE:COL; copies the first. */
static int reload_errors(const char *json, int *positioned, char *first, size_t size)
{
    const char *p = json_after(json, "errors");
    int n = 0;
    *positioned = 0;
    first[0] = '\0';
    if (!p || *p != '[')
        return 0;
    p++;
    while (*p == ' ' || *p == ',')
        p++;
    char msg[1024];
    while (*p == '"') {
        p = copy_string(p, msg, sizeof(msg));
        if (n == 0)
            snprintf(first, size, "%s", msg);
        n++;
        *positioned += has_position(msg);
        while (*p == ' ' || *p == ',')
            p++;
    }
    return n;
}

/* The version a slide title carries ("Coming up v12": 12); 0 for the picture, which every
 * version shows under the same name; -1 when it carries none. */
static int title_version(const char *title)
{
    if (strcmp(title, "picture.png") == 0)
        return 0;
    const char *v = strrchr(title, 'v');
    if (!v || v == title || v[-1] != ' ' || v[1] < '0' || v[1] > '9')
        return -1;
    return atoi(v + 1);
}

static long long key_time(const char *json, const char *key)
{
    char t[64];
    return iso_ms(key_string(json, key, t, sizeof(t)));
}

/* ---- the playlist's versions -------------------------------------------------------------- */

/* Version V of the playlist: every kind of slide, the picture three times, schedules that change
 * through the day and the week, and sessions on every day of it. Every title ends " vV". */
static size_t playlist_text(char *buf, size_t size, int v)
{
    static const char *const days[] = {"2024-03-25", "2024-03-26", "2024-03-27", "2024-03-28",
                                       "2024-03-29", "2024-03-30", "2024-03-31", "2024-04-01"};
    size_t n =
        (size_t)snprintf(buf, size,
                         "# The soak's playlist, version %d\n"
                         "name: Soak v%d\n"
                         "timezone: Europe/London\n"
                         "theme: {clock: true, logo: picture.png, footer: \"Ward 7, version %d\"}\n"
                         "defaults: {duration: 20s, transition: fade, transition_time: 1s}\n"
                         "slides:\n"
                         "  - type: sessions\n"
                         "    title: Coming up v%d\n"
                         "    show: upcoming\n"
                         "    days: 2\n"
                         "    when_empty: Nothing booked v%d\n"
                         "    sessions:\n",
                         v, v, v, v, v);
    for (size_t d = 0; d < sizeof(days) / sizeof(days[0]) && n < size; d++)
        n += (size_t)snprintf(buf + n, size - n,
                              "      - {date: %s, time: 9am to 10am, title: Huddle %zu, "
                              "where: Seminar room, link: https://example.org/h%zu}\n"
                              "      - {date: %s, time: 2pm to 3.30pm, title: Teaching %zu, "
                              "host: Ward 7 team}\n",
                              days[d], d, d, days[d], d);
    if (n < size)
        n += (size_t)snprintf(buf + n, size - n,
                              "  - {type: image, file: picture.png, fit: cover}\n"
                              "  - type: quote\n"
                              "    text: Small kindnesses add up over a long shift.\n"
                              "    name: Nurse v%d\n"
                              "    role: Ward 7\n"
                              "    photo: picture.png\n"
                              "  - type: text\n"
                              "    title: Visiting hours v%d\n"
                              "    body: |\n"
                              "      - Two visitors at a time, please\n"
                              "      - Wash your hands as you come in\n"
                              "    when: {hours: 08:00-20:00}\n"
                              "  - type: text\n"
                              "    title: Weekday clinic v%d\n"
                              "    subtitle: Outpatients, level 2\n"
                              "    transition: slide\n"
                              "    when: {days: weekdays, hours: [09:00-12:00, 1pm to 5pm]}\n"
                              "  - type: sessions\n"
                              "    title: Training v%d\n"
                              "    show: all\n"
                              "    finished: hide\n"
                              "    when_empty: No training booked v%d\n"
                              "    sessions: training.yaml\n",
                              v, v, v, v, v);
    CHECK(n < size);
    return n < size ? n : size - 1;
}

/* The session file the playlist names: a week of training, never edited by the soak. */
static size_t training_text(char *buf, size_t size)
{
    size_t n = 0;
    for (int d = 25; d <= 31 && n < size; d++)
        n += (size_t)snprintf(buf + n, size - n,
                              "- date: %d March 2024\n"
                              "  time: 10.30am to 12pm\n"
                              "  title: Safeguarding refresher, group %d\n"
                              "  host: Practice education team\n"
                              "  where: Education centre, room %d\n",
                              d, d - 24, d % 4 + 1);
    CHECK(n < size);
    return n < size ? n : size - 1;
}

/* A YAML mistake in version V, one of three kinds in turn. */
static size_t broken_text(char *buf, size_t size, int v, int kind)
{
    size_t n = playlist_text(buf, size, v);
    char *at;
    switch (kind % 3) {
    case 0: /* a tab for indentation */
        at = strstr(buf, "    show: upcoming");
        if (at)
            memcpy(at, "\t   ", 4); /* the same length: the text after it stays put */
        break;
    case 1: /* a key indented one space too far, inside the quote's mapping */
        at = strstr(buf, "    role: Ward 7");
        if (at)
            memcpy(at, "     role: Ward", 15);
        break;
    default: /* a list opened and never closed */
        at = strstr(buf, "    subtitle: Outpatients");
        if (at)
            memcpy(at, "    subtitle: [Outpat", 21);
        break;
    }
    CHECK(at != NULL);
    return n;
}

/* Version V cut off in the middle of one of its session lines (which one turns with CUT): what a
 * save caught half-way leaves, an unclosed '{' at the end. */
static size_t half_text(char *buf, size_t size, int v, int cut)
{
    playlist_text(buf, size, v);
    int lines = 0;
    for (const char *p = buf; (p = strstr(p, "      - {")); p++)
        lines++;
    const char *line = buf;
    for (int i = 0; i <= cut % lines; i++)
        line = strstr(i ? line + 1 : line, "      - {");
    const char *close = strchr(line, '}');
    size_t len = (size_t)(line - buf) + (size_t)(close - line) / 2;
    buf[len] = '\0';
    return len;
}

/* ---- the player --------------------------------------------------------------------------- */

struct soak {
    const struct plan *plan;
    char root[64];
    char pl_dir[128], out_dir[128];
    char playlist[192], picture[192], status[192], log[192];
    pid_t pid;
    char *last; /* the last status read */
    void *pictures[SOAK_PICTURES];
    size_t picture_len[SOAK_PICTURES];

    /* what the player should be showing */
    int good;            /* the version last loaded */
    long generation;     /* its generation */
    char hash[32];       /* its hash */
    char reload_at[64];  /* the last reload's time */
    long long sim_start; /* the status's first "now" */

    /* tallies */
    int saves, valid, broken, by_watch, still_playing, late, unprompted;
    long long worst_wait_ms, watch_wait_ms, worst_lag_ms;
    int hours_sampled;
    long rss[SOAK_MAX_HOURS + 1], status_rss[SOAK_MAX_HOURS + 1];
    int fds[SOAK_MAX_HOURS + 1], watches[SOAK_MAX_HOURS + 1];
    double cpu[SOAK_MAX_HOURS + 1];
    long frames[SOAK_MAX_HOURS + 1];
    FILE *csv;
    long long t_up;
};

static void make_pictures(struct soak *s)
{
    static const Uint32 colours[SOAK_PICTURES] = {0xff005eb8, 0xff00a499, 0xffda291c, 0xff330072};
    for (int i = 0; i < SOAK_PICTURES; i++) {
        int w = 320 + 16 * i, h = 180 + 8 * i;
        SDL_Surface *surf = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
        CHECK(surf != NULL);
        if (!surf)
            continue;
        SDL_FillRect(surf, NULL, colours[i]);
        SDL_Rect band = {0, h / 3, w, h / 3};
        SDL_FillRect(surf, &band, 0xffffffff);
        char path[256];
        snprintf(path, sizeof(path), "%s/picture-%d.png", s->out_dir, i);
        CHECK_MSG(IMG_SavePNG(surf, path) == 0, "cannot write %s: %s", path, IMG_GetError());
        SDL_FreeSurface(surf);
        s->pictures[i] = slurp(path, &s->picture_len[i]);
        CHECK(s->pictures[i] != NULL);
    }
}

static void setup(struct soak *s, const struct plan *plan)
{
    memset(s, 0, sizeof(*s));
    s->plan = plan;
    snprintf(s->root, sizeof(s->root), "/tmp/corridor-soak-XXXXXX");
    CHECK(mkdtemp(s->root) != NULL);
    snprintf(s->pl_dir, sizeof(s->pl_dir), "%s/pl", s->root);
    snprintf(s->out_dir, sizeof(s->out_dir), "%s/out", s->root);
    CHECK(mkdir(s->pl_dir, 0755) == 0 && mkdir(s->out_dir, 0755) == 0);
    snprintf(s->playlist, sizeof(s->playlist), "%s/playlist.yaml", s->pl_dir);
    snprintf(s->picture, sizeof(s->picture), "%s/picture.png", s->pl_dir);
    snprintf(s->status, sizeof(s->status), "%s/status.json", s->out_dir);
    snprintf(s->log, sizeof(s->log), "%s/player.log", s->root);
    make_pictures(s);
    if (s->pictures[0])
        write_in_place(s->picture, s->pictures[0], s->picture_len[0]);
    char text[8192], path[256];
    size_t n = playlist_text(text, sizeof(text), 1);
    write_in_place(s->playlist, text, n);
    n = training_text(text, sizeof(text));
    snprintf(path, sizeof(path), "%s/training.yaml", s->pl_dir);
    write_in_place(path, text, n);
}

static void start(struct soak *s)
{
    const struct plan *plan = s->plan;
    char rate[32], supp[600];
    snprintf(rate, sizeof(rate), "%g", plan->rate);
    snprintf(supp, sizeof(supp), "--suppressions=%s", COR_SOAK_VALGRIND_SUPP);
    const char *argv[40];
    int n = 0;
    if (test_emulator())
        argv[n++] = test_emulator(); /* the arm64 suite under qemu-user */
#ifdef COR_SOAK_VALGRIND
    if (plan->valgrind) {
        argv[n++] = COR_SOAK_VALGRIND;
        argv[n++] = "--leak-check=full";
        argv[n++] = "--show-leak-kinds=definite,indirect,possible";
        argv[n++] = "--errors-for-leak-kinds=definite,indirect,possible";
        argv[n++] = "--error-exitcode=1";
        argv[n++] = "--num-callers=30";
        argv[n++] = supp;
    }
#endif
    argv[n++] = COR_PLAY_BIN;
    argv[n++] = s->playlist;
    argv[n++] = "--status";
    argv[n++] = s->status;
    argv[n++] = "--screen";
    argv[n++] = "ward-7";
    argv[n++] = "--now";
    argv[n++] = SOAK_START;
    argv[n++] = "--clock-rate";
    argv[n++] = rate;
    argv[n++] = "--poll"; /* the stat() poll runs too, in real time */
    argv[n++] = "1";
    argv[n++] = "--log-level";
    argv[n++] = "info";
    argv[n] = NULL;
    pid_t parent = getpid();
    s->pid = fork();
    CHECK(s->pid >= 0);
    if (s->pid == 0) {
        /* Never outlive the soak, even when CTest's timeout kills it. */
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent)
            _exit(127);
        int fd = open(s->log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd >= 0) {
            dup2(fd, 1);
            dup2(fd, 2);
        }
        execv(argv[0], (char *const *)argv);
        _exit(127);
    }
}

static void show_log_tail(const struct soak *s)
{
    size_t len;
    char *text = slurp(s->log, &len);
    if (!text)
        return;
    const char *from = text;
    int lines = 0;
    for (const char *p = text + len; p > text; p--)
        if (p[-1] == '\n' && ++lines > 60) {
            from = p;
            break;
        }
    fprintf(stderr, "---- the end of the player's log (%s) ----\n%s", s->log, from);
    if (s->last)
        fprintf(stderr, "---- its last status ----\n%s", s->last);
    free(text);
}

/* Reads the status; returns it when it changed since the last read, else NULL. */
static const char *poll_status(struct soak *s)
{
    char *j = slurp(s->status, NULL);
    if (!j || !*j || (s->last && strcmp(j, s->last) == 0)) {
        free(j);
        return NULL;
    }
    free(s->last);
    s->last = j;
    return j;
}

static bool player_alive(struct soak *s)
{
    int status;
    if (s->pid > 0 && waitpid(s->pid, &status, WNOHANG) == s->pid) {
        fprintf(stderr, "the player stopped on its own (status 0x%x)\n", (unsigned)status);
        s->pid = 0;
    }
    return s->pid > 0;
}

/* ---- sampling ----------------------------------------------------------------------------- */

/* Where memory has settled by hour H: the least VmRSS of hours H-SOAK_RSS_WINDOW+1 to H
 * (from hour 1). */
static long settled_rss(const struct soak *s, int h)
{
    long least = s->rss[h];
    for (int k = h - 1; k >= 1 && k > h - SOAK_RSS_WINDOW; k--)
        if (s->rss[k] < least)
            least = s->rss[k];
    return least;
}

static long vm_rss_kb(pid_t pid)
{
    char path[64];
    snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
    char *text = slurp(path, NULL);
    const char *p = text ? strstr(text, "VmRSS:") : NULL;
    long kb = p ? strtol(p + 6, NULL, 10) : -1;
    free(text);
    return kb;
}

/* CPU seconds PID used so far (user and system); -1 when unreadable. */
static double cpu_seconds(pid_t pid)
{
    char path[64];
    snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
    char *text = slurp(path, NULL);
    const char *p = text ? strrchr(text, ')') : NULL;
    unsigned long long utime = 0, stime = 0;
    int got =
        p ? sscanf(p + 1, " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &utime, &stime)
          : 0;
    free(text);
    long hz = sysconf(_SC_CLK_TCK);
    return got == 2 && hz > 0 ? (double)(utime + stime) / (double)hz : -1;
}

/* Open descriptors of PID; *WATCHES: inotify watches they hold. */
static int open_fds(pid_t pid, int *watches)
{
    char path[64];
    snprintf(path, sizeof(path), "/proc/%d/fd", (int)pid);
    DIR *d = opendir(path);
    int n = 0;
    *watches = 0;
    if (!d)
        return -1;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        n++;
        char info[320];
        snprintf(info, sizeof(info), "/proc/%d/fdinfo/%s", (int)pid, e->d_name);
        char *text = slurp(info, NULL);
        for (const char *p = text; p && (p = strstr(p, "inotify wd:")); p++)
            (*watches)++;
        free(text);
    }
    closedir(d);
    return n;
}

static void sample(struct soak *s, int hour)
{
    if (hour > SOAK_MAX_HOURS)
        return;
    s->rss[hour] = vm_rss_kb(s->pid);
    s->status_rss[hour] = key_long(s->last, "rss_kb");
    s->fds[hour] = open_fds(s->pid, &s->watches[hour]);
    s->cpu[hour] = cpu_seconds(s->pid);
    s->frames[hour] = key_long(s->last, "frames");
    s->hours_sampled = hour;
    if (s->csv)
        fprintf(s->csv, "%d,%.1f,%ld,%ld,%d,%d,%ld,%d,%.2f,%ld,%ld\n", hour,
                (now_ms() - s->t_up) / 1000.0, s->rss[hour], s->status_rss[hour], s->fds[hour],
                s->watches[hour], s->generation, s->saves, s->cpu[hour], s->frames[hour],
                key_long(s->last, "wakeups"));
    int every = s->plan->hours > 48 ? 12 : s->plan->hours > 12 ? 3 : 1;
    if (hour <= 2 || hour % every == 0 || hour == s->plan->hours)
        printf("hour %3d (day %d, %02d:00 UTC): VmRSS %6ld kB, status rss_kb %6ld, %d descriptors, "
               "%d inotify watches, generation %ld, %d saves\n",
               hour, hour / 24 + 1, hour % 24, s->rss[hour], s->status_rss[hour], s->fds[hour],
               s->watches[hour], s->generation, s->saves);
    fflush(stdout);
}

/* ---- one save and its reload -------------------------------------------------------------- */

enum step { STEP_EDIT, STEP_BROKEN, STEP_HALF, STEP_FIX, STEP_PICTURE, STEP_RENAME, STEP_COUNT };

static const char *const step_names[STEP_COUNT] = {"valid edit",        "YAML mistake",
                                                   "half-written file", "the fix",
                                                   "picture replaced",  "save by rename"};

/* Waits for the reload after save N; returns its status, or NULL after the plan's wait. */
static const char *wait_reload(struct soak *s, int n, enum step step)
{
    long long t0 = now_ms(), until = t0 + s->plan->wait_ms;
    while (now_ms() < until && player_alive(s)) {
        const char *j = poll_status(s);
        char at[64];
        if (j && strcmp(key_string(j, "at", at, sizeof(at)), s->reload_at) != 0) {
            long long waited = now_ms() - t0;
            if (waited > s->worst_wait_ms)
                s->worst_wait_ms = waited;
            snprintf(s->reload_at, sizeof(s->reload_at), "%s", at);
            return j;
        }
        sleep_ms(1);
    }
    CHECK_MSG(false, "save %d (%s): no reload within %d ms", n, step_names[step], s->plan->wait_ms);
    return NULL;
}

/* After a broken save: the old playlist is reported and plays on to its next slide. */
static void expect_old_plays_on(struct soak *s, int n, enum step step, const char *j)
{
    char name[128], hash[32], title[256], first[1024], want[64];
    snprintf(want, sizeof(want), "Soak v%d", s->good);
    CHECK_MSG(!key_true(j, "ok"), "save %d (%s) was accepted", n, step_names[step]);
    CHECK_MSG(strcmp(key_string(j, "name", name, sizeof(name)), want) == 0,
              "save %d (%s): the playlist is '%s', not '%s'", n, step_names[step], name, want);
    CHECK_MSG(strcmp(key_string(j, "hash", hash, sizeof(hash)), s->hash) == 0,
              "save %d (%s): hash %s, not %s", n, step_names[step], hash, s->hash);
    CHECK_MSG(key_long(j, "generation") == s->generation, "save %d (%s): generation %ld, not %ld",
              n, step_names[step], key_long(j, "generation"), s->generation);
    int positioned;
    int errors = reload_errors(j, &positioned, first, sizeof(first));
    CHECK_MSG(errors > 0 && positioned == errors,
              "save %d (%s): %d errors, %d with FILE:LINE:COL; the first: %s", n, step_names[step],
              errors, positioned, first);
    int tv = title_version(key_string(j, "title", title, sizeof(title)));
    CHECK_MSG(tv == 0 || tv == s->good, "save %d (%s): slide '%s' is not from v%d", n,
              step_names[step], title, s->good);

    /* It keeps playing: the next slide comes up, still from the old playlist. */
    long long since = key_time(j, "since");
    long long until = now_ms() + s->plan->wait_ms;
    while (now_ms() < until && player_alive(s)) {
        const char *k = poll_status(s);
        if (k && key_time(k, "since") != since) {
            tv = title_version(key_string(k, "title", title, sizeof(title)));
            CHECK_MSG(!key_true(k, "ok") && (tv == 0 || tv == s->good) &&
                          key_long(k, "generation") == s->generation,
                      "save %d (%s): then slide '%s' came up", n, step_names[step], title);
            s->still_playing++;
            return;
        }
        sleep_ms(1);
    }
    CHECK_MSG(false, "save %d (%s): the old playlist stopped playing", n, step_names[step]);
}

/* After a valid save: version V (or the same version with a new picture) is up. */
static void expect_loaded(struct soak *s, int n, enum step step, const char *j, int v)
{
    char name[128], want[64], title[256], first[1024];
    snprintf(want, sizeof(want), "Soak v%d", v);
    int positioned;
    int errors = reload_errors(j, &positioned, first, sizeof(first));
    CHECK_MSG(key_true(j, "ok") && errors == 0, "save %d (%s) was refused: %s", n, step_names[step],
              first);
    CHECK_MSG(strcmp(key_string(j, "name", name, sizeof(name)), want) == 0,
              "save %d (%s): the playlist is '%s', not '%s'", n, step_names[step], name, want);
    long g = key_long(j, "generation");
    CHECK_MSG(g > s->generation, "save %d (%s): generation %ld did not move on from %ld", n,
              step_names[step], g, s->generation);
    int tv = title_version(key_string(j, "title", title, sizeof(title)));
    CHECK_MSG(tv == 0 || tv == v, "save %d (%s): slide '%s' is not from v%d", n, step_names[step],
              title, v);
    s->generation = g;
    s->good = v;
    key_string(j, "hash", s->hash, sizeof(s->hash));
    s->valid++;
}

/* A reload nobody asked for since the last save's (the stat() poll or the debounce finding a
 * change twice): counted, and its outcome taken as the new starting point. */
static void unprompted_reload(struct soak *s)
{
    poll_status(s);
    char at[64];
    if (!s->last || strcmp(key_string(s->last, "at", at, sizeof(at)), s->reload_at) == 0)
        return;
    snprintf(s->reload_at, sizeof(s->reload_at), "%s", at);
    s->unprompted++;
    if (key_true(s->last, "ok")) {
        s->generation = key_long(s->last, "generation");
        key_string(s->last, "hash", s->hash, sizeof(s->hash));
    }
}

/* Save N (from 1): which of the six, written how, and the reload it causes checked. */
static void save(struct soak *s, int n)
{
    enum step step = (enum step)((n - 1) % STEP_COUNT);
    int cycle = (n - 1) / STEP_COUNT;
    bool by_watch = s->plan->watch_every > 0 && n % s->plan->watch_every == 0;
    char text[8192];
    size_t len;
    int v = s->good;
    switch (step) {
    case STEP_EDIT:
        v = s->good + 1;
        len = playlist_text(text, sizeof(text), v);
        write_in_place(s->playlist, text, len);
        break;
    case STEP_BROKEN:
        len = broken_text(text, sizeof(text), s->good + 1, cycle);
        if (cycle % 2)
            write_by_rename(s->playlist, ".playlist.yaml.swp", text, len);
        else
            write_in_place(s->playlist, text, len);
        break;
    case STEP_HALF:
        len = half_text(text, sizeof(text), s->good + 1, cycle);
        write_in_place(s->playlist, text, len);
        break;
    case STEP_FIX:
        v = s->good + 1;
        len = playlist_text(text, sizeof(text), v);
        write_in_place(s->playlist, text, len);
        break;
    case STEP_PICTURE: {
        int i = (cycle + 1) % SOAK_PICTURES;
        write_by_rename(s->picture, ".picture.png.part", s->pictures[i], s->picture_len[i]);
        break;
    }
    case STEP_RENAME:
    case STEP_COUNT:
        v = s->good + 1;
        len = playlist_text(text, sizeof(text), v);
        write_by_rename(s->playlist, "playlist.yaml~", text, len);
        break;
    }
    long long t0 = now_ms();
    if (by_watch)
        s->by_watch++;
    else
        kill(s->pid, SIGHUP);
    s->saves++;
    const char *j = wait_reload(s, n, step);
    if (by_watch)
        s->watch_wait_ms += now_ms() - t0;
    if (!j)
        return;
    if (step == STEP_BROKEN || step == STEP_HALF) {
        s->broken++;
        expect_old_plays_on(s, n, step, j);
    } else {
        expect_loaded(s, n, step, j, v);
    }
}

/* ---- the run ------------------------------------------------------------------------------ */

/* Looks through the player's log for sanitizer reports and the reload times it logged. */
static void read_log(const struct soak *s, int *reports, int *loads, double *avg_ms, long *max_ms)
{
    size_t len;
    char *text = slurp(s->log, &len);
    *reports = *loads = 0;
    *avg_ms = 0;
    *max_ms = 0;
    if (!text)
        return;
    static const char *const bad[] = {
        "ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:",    "Invalid read",
        "Invalid write",           "uninitialised value",  "definitely lost in"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        for (const char *p = text; (p = strstr(p, bad[i])); p++)
            (*reports)++;
    double sum = 0;
    for (const char *p = text; (p = strstr(p, " warnings, in ")); p++) {
        long ms = strtol(p + strlen(" warnings, in "), NULL, 10);
        sum += (double)ms;
        (*loads)++;
        if (ms > *max_ms)
            *max_ms = ms;
    }
    *avg_ms = *loads ? sum / *loads : 0;
    free(text);
}

static int stop(struct soak *s)
{
    return stop_player(&s->pid, s->plan->valgrind ? 180000 : 30000);
}

static void run(const struct plan *plan)
{
    struct soak s;
    setup(&s, plan);
    printf("soak %s: %d simulated hours from %s, a save every simulated minute (%d), clock %gx "
           "(a simulated minute every %.0f ms), %s%s\n",
           plan->mode, plan->hours, SOAK_START, plan->hours * 60, plan->rate, 60000.0 / plan->rate,
           plan->watch_every == 1   ? "every save found by inotify and the debounce alone"
           : plan->watch_every == 0 ? "every save followed by SIGHUP"
                                    : "the saves followed by SIGHUP but for the watched ones",
           plan->valgrind ? ", under valgrind"
           : SOAK_ASAN    ? ", AddressSanitizer build"
                          : "");
    if (plan->watch_every > 1)
        printf("every %dth save is found by inotify and the real-time debounce alone\n",
               plan->watch_every);
    fflush(stdout);
    long long t_begin = now_ms();
    start(&s);

    /* The first playlist is up. */
    long long until = now_ms() + (plan->valgrind ? 120000 : 20000);
    while (now_ms() < until && player_alive(&s) && !(s.last && key_true(s.last, "ok"))) {
        poll_status(&s);
        sleep_ms(2);
    }
    CHECK_MSG(s.last && key_true(s.last, "ok"), "the first playlist never came up");
    if (!s.last || !key_true(s.last, "ok") || check_failed) {
        stop(&s);
        show_log_tail(&s);
        return;
    }
    s.good = 1;
    s.generation = key_long(s.last, "generation");
    key_string(s.last, "hash", s.hash, sizeof(s.hash));
    key_string(s.last, "at", s.reload_at, sizeof(s.reload_at));
    /* The simulated clock started with the player: its "now" and ours line up from here. */
    s.sim_start = key_time(s.last, "now");
    long long origin = now_ms() - (long long)((s.sim_start - iso_ms(SOAK_START_ISO)) / plan->rate);
    long long t_up = now_ms();
    s.t_up = t_up;
    printf("the player was up after %.1f s\n", (t_up - t_begin) / 1000.0);
    if (plan->csv) {
        s.csv = fopen(plan->csv, "w");
        CHECK_MSG(s.csv != NULL, "cannot write %s", plan->csv);
        if (s.csv)
            fprintf(s.csv, "hour,real_s,vmrss_kb,status_rss_kb,fds,inotify_watches,generation,"
                           "saves,cpu_s,frames,wakeups\n");
    }
    sample(&s, 0);

    int total = plan->hours * 60, failed_before = check_failed;
    for (int n = 1; n <= total && player_alive(&s); n++) {
        /* Save N at simulated minute N; catch up at once when behind. */
        long long due = origin + (long long)(n * 60000.0 / plan->rate);
        if (now_ms() > due + (long long)(60000.0 / plan->rate))
            s.late++;
        if (now_ms() - due > s.worst_lag_ms)
            s.worst_lag_ms = now_ms() - due;
        while (now_ms() < due) {
            poll_status(&s);
            sleep_ms(1);
        }
        unprompted_reload(&s);
        save(&s, n);
        if (n % 60 == 0)
            sample(&s, n / 60);
        if (check_failed - failed_before > 20) {
            fprintf(stderr, "too many failures: stopping the soak\n");
            break;
        }
    }
    poll_status(&s);
    long long sim_end = key_time(s.last, "now");
    long long sim_span = sim_end - iso_ms(SOAK_START_ISO);
    long long lag = sim_span - (long long)total * 60000;
    double real_s = (now_ms() - t_up) / 1000.0;
    long end_rss = vm_rss_kb(s.pid);
    int rc = stop(&s);
    if (s.csv)
        fclose(s.csv);
    int reports, loads;
    double avg_ms;
    long max_ms;
    read_log(&s, &reports, &loads, &avg_ms, &max_ms);

    printf("\n== soak %s: summary\n", plan->mode);
    printf("saves: %d (%d by the watch alone, %d followed by SIGHUP), every one reloaded\n",
           s.saves, s.by_watch, s.saves - s.by_watch);
    printf("valid saves picked up: %d; broken or half-written saves refused: %d, the old playlist "
           "playing on after %d of them\n",
           s.valid, s.broken, s.still_playing);
    printf("playlists loaded (generation): %ld; loads the player logged: %d, %.1f ms on average, "
           "%ld ms at most\n",
           s.generation, loads, avg_ms, max_ms);
    printf("simulated span: %lld h %02lld min (%.2f days) in %.0f s real (%.1f min); the "
           "simulated clock ran %+.1f min past the last save's minute\n",
           sim_span / 3600000, sim_span / 60000 % 60, sim_span / 86400000.0, real_s, real_s / 60,
           lag / 60000.0);
    printf("saves made more than a simulated minute after their minute: %d of %d; the furthest "
           "behind: %.1f simulated minutes (%lld ms)\n",
           s.late, s.saves, s.worst_lag_ms * plan->rate / 60000.0, s.worst_lag_ms);
    printf("reloads between saves that no save asked for: %d\n", s.unprompted);
    printf("longest wait for one reload: %lld ms", s.worst_wait_ms);
    if (s.by_watch)
        printf("; through the watch %.0f ms on average", (double)s.watch_wait_ms / s.by_watch);
    printf("\n");

    if (s.hours_sampled >= 1) {
        long base = s.rss[1], top = 0;
        int top_hour = 1;
        for (int h = 1; h <= s.hours_sampled; h++)
            if (s.rss[h] > top) {
                top = s.rss[h];
                top_hour = h;
            }
        int h = s.hours_sampled;
        printf("VmRSS: %ld kB at start, %ld kB at hour 1, %ld kB at hour %d (the end), highest "
               "%ld kB at hour %d: drift %+ld kB after hour 1\n",
               s.rss[0], base, s.rss[h], h, top, top_hour, s.rss[h] - base);
        printf("descriptors %d -> %d, inotify watches %d -> %d (hour 1 -> hour %d); VmRSS just "
               "before stopping %ld kB\n",
               s.fds[1], s.fds[h], s.watches[1], s.watches[h], h, end_rss);
        printf("the player's CPU: %.1f s in all, %.2f s per simulated hour after hour 1; %ld "
               "frames drawn\n",
               s.cpu[h], h > 1 ? (s.cpu[h] - s.cpu[1]) / (h - 1) : s.cpu[h], s.frames[h]);
        if (plan->check_rss) {
            /* Where memory settles in the first hours, then each later hour's window against it
             * (an hour before the first window is full is a window of fewer samples, and a
             * spike in it is not memory that stayed). */
            int first_hour = h < SOAK_RSS_WINDOW ? h : SOAK_RSS_WINDOW;
            long first = settled_rss(&s, first_hour);
            for (int k = first_hour; k <= h; k++) {
                long at = settled_rss(&s, k);
                CHECK_MSG(at <= first + SOAK_RSS_SLACK_KB,
                          "memory grew: it settles at %ld kB by hour %d, at %ld kB in the first "
                          "hours",
                          at, k, first);
            }
            printf("memory settles at %ld kB in the first hours and %ld kB at the end (the least "
                   "of %d hourly samples)\n",
                   first, settled_rss(&s, h), SOAK_RSS_WINDOW);
        } else {
            printf("(memory is reported, not judged: %s)\n",
                   plan->valgrind    ? "valgrind's own"
                   : test_emulator() ? "under an emulator, VmRSS is the emulator's own"
                                     : "AddressSanitizer keeps freed memory");
        }
        for (int k = 1; k <= h; k++) {
            CHECK_MSG(s.fds[k] == s.fds[1], "descriptors: %d at hour %d, %d at hour 1", s.fds[k], k,
                      s.fds[1]);
            CHECK_MSG(s.watches[k] <= s.watches[1] + 2,
                      "inotify watches: %d at hour %d, %d at hour 1", s.watches[k], k,
                      s.watches[1]);
        }
    }
    CHECK_INT(s.saves, total);
    CHECK_INT(s.still_playing, s.broken);
    CHECK_MSG(rc == 0, "the player's exit status was %d%s", rc,
              plan->valgrind ? " (valgrind found errors or leaks)"
              : SOAK_ASAN    ? " (a sanitizer report: see the log)"
                             : "");
    CHECK_MSG(reports == 0, "%d sanitizer or valgrind reports in the player's log", reports);
    printf("player exit status %d; sanitizer or valgrind reports in its log: %d\n", rc, reports);
    if (check_failed || getenv("COR_TEST_SHOW_LOG"))
        show_log_tail(&s);
    if (!check_failed)
        remove_tree(s.root);
    else
        fprintf(stderr, "the soak's files are kept in %s\n", s.root);
    free(s.last);
    for (int i = 0; i < SOAK_PICTURES; i++)
        free(s.pictures[i]);
}

static int usage(void)
{
    fprintf(stderr, "usage: test_soak short|day|week|valgrind [--hours H] [--rate R] "
                    "[--watch-every K] [--csv FILE]\n");
    return 2;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage();
    struct plan plan = {.mode = argv[1], .check_rss = !SOAK_ASAN, .wait_ms = 10000};
    if (strcmp(argv[1], "short") == 0) {
        plan.hours = 24;
        plan.rate = 1440;      /* a day in a minute */
        plan.watch_every = 13; /* prime to the six saves: each kind is left to the watch */
    } else if (strcmp(argv[1], "day") == 0) {
        plan.hours = 24;
        plan.rate = 120;
        plan.watch_every = 1;
    } else if (strcmp(argv[1], "week") == 0) {
        plan.hours = 24 * 7;
        plan.rate = 600;
        plan.watch_every = 7;
    } else if (strcmp(argv[1], "valgrind") == 0) {
#ifdef COR_SOAK_VALGRIND
        plan.hours = 3;
        plan.rate = 60;
        plan.watch_every = 5;
        plan.valgrind = true;
        plan.check_rss = false;
        plan.wait_ms = 60000;
#else
        fprintf(stderr, "test_soak was built without valgrind\n");
        return 77;
#endif
    } else {
        return usage();
    }
    if (SOAK_ASAN)
        plan.wait_ms = 30000;
    /* Under an emulator (the arm64 suite): slower by the time scale, and memory is the
     * emulator's, not the player's, so it is reported and not judged. */
    plan.wait_ms = (int)scaled_ms(plan.wait_ms);
    plan.rate /= test_time_scale();
    plan.hours = (int)ceil(plan.hours / test_time_scale()); /* as long in real time */
    if (test_emulator())
        plan.check_rss = false;
    for (int i = 2; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--hours") == 0)
            plan.hours = atoi(argv[i + 1]);
        else if (strcmp(argv[i], "--rate") == 0)
            plan.rate = atof(argv[i + 1]);
        else if (strcmp(argv[i], "--watch-every") == 0)
            plan.watch_every = atoi(argv[i + 1]);
        else if (strcmp(argv[i], "--csv") == 0)
            plan.csv = argv[i + 1];
        else
            return usage();
    }
    if (plan.hours < 1 || plan.hours > SOAK_MAX_HOURS || !(plan.rate > 0 && plan.rate <= 100000) ||
        plan.watch_every < 0)
        return usage();
    /* Headless, as in CTest, when run by hand. */
    setenv("SDL_VIDEODRIVER", "dummy", 0);
    setenv("SDL_RENDER_DRIVER", "software", 0);
    setenv("SDL_AUDIODRIVER", "dummy", 0);
    signal(SIGPIPE, SIG_IGN);
    run(&plan);
    return CHECK_DONE();
}
