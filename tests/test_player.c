/* test_player.c: the player end to end: runs corridor-play-test headless with a fast clock and
 * asserts through its status file what is on screen as time passes and files change. Each
 * scenario is its own CTest test: test_player SCENARIO. */
#include <SDL.h>
#include <SDL_image.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "player_fixtures.h"
#include "test_env.h"
#include "value.h"
#include "video.h"

#ifndef COR_PLAY_BIN
#error "COR_PLAY_BIN must name the corridor-play-test program"
#endif

/* ---- a player in a child process ---------------------------------------------------------- */

struct run {
    char root[64];    /* a fresh folder for this scenario */
    char pl_dir[128]; /* the playlist's folder, watched */
    char playlist[192];
    char out_dir[128]; /* where the status file and screenshot go, not watched */
    char status[192];
    char log[192];
    pid_t pid;
    char *last; /* the last status read */
};

static void put(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    CHECK_MSG(f != NULL, "cannot write %s", path);
    if (!f)
        return;
    fputs(text, f);
    CHECK(fclose(f) == 0);
}

/* Writes TEXT to a temporary name beside PATH, then renames it over PATH (an editor's save). */
static void put_by_rename(const char *path, const char *text)
{
    char tmp[256];
    snprintf(tmp, sizeof(tmp), "%s.tmp~", path);
    put(tmp, text);
    CHECK(rename(tmp, path) == 0);
}

static void make_png(const char *path, int w, int h, Uint32 argb)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    CHECK(s != NULL);
    if (!s)
        return;
    SDL_FillRect(s, NULL, argb);
    CHECK_MSG(IMG_SavePNG(s, path) == 0, "cannot write %s: %s", path, IMG_GetError());
    SDL_FreeSurface(s);
}

static void setup(struct run *r)
{
    memset(r, 0, sizeof(*r));
    snprintf(r->root, sizeof(r->root), "/tmp/corridor-test-player-XXXXXX");
    CHECK(mkdtemp(r->root) != NULL);
    snprintf(r->pl_dir, sizeof(r->pl_dir), "%s/pl", r->root);
    snprintf(r->out_dir, sizeof(r->out_dir), "%s/out", r->root);
    CHECK(mkdir(r->pl_dir, 0755) == 0 && mkdir(r->out_dir, 0755) == 0);
    snprintf(r->playlist, sizeof(r->playlist), "%s/playlist.yaml", r->pl_dir);
    snprintf(r->status, sizeof(r->status), "%s/status.json", r->out_dir);
    snprintf(r->log, sizeof(r->log), "%s/player.log", r->root);
}

/* Starts the player on R's playlist with its status file and the NULL-terminated options. */
static void start(struct run *r, ...)
{
    const char *argv[48];
    int n = 0;
    if (test_emulator())
        argv[n++] = test_emulator(); /* the arm64 suite under qemu-user */
    argv[n++] = COR_PLAY_BIN;
    argv[n++] = r->playlist;
    argv[n++] = "--status";
    argv[n++] = r->status;
    argv[n++] = "--log-level";
    argv[n++] = "debug";
    va_list ap;
    va_start(ap, r);
    const char *a;
    while ((a = va_arg(ap, const char *)) && n < 47)
        argv[n++] = a;
    va_end(ap);
    argv[n] = NULL;
    r->pid = fork();
    CHECK(r->pid >= 0);
    if (r->pid == 0) {
        int fd = open(r->log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd >= 0) {
            dup2(fd, 1);
            dup2(fd, 2);
        }
        execvp(argv[0], (char *const *)argv);
        _exit(127);
    }
}

static void show_log(const struct run *r)
{
    FILE *f = fopen(r->log, "r");
    if (!f)
        return;
    fprintf(stderr, "---- the player's log (%s) ----\n", r->log);
    char line[1024];
    int n = 0;
    while (fgets(line, sizeof(line), f) && n++ < 400)
        fputs(line, stderr);
    fclose(f);
    if (r->last)
        fprintf(stderr, "---- its last status ----\n%s", r->last);
}

/* Stops the player with SIGTERM; returns its exit status (-1 when it had to be killed). */
static int stop(struct run *r)
{
    return stop_player(&r->pid, 15000);
}

static void finish(struct run *r)
{
    int failed_before = check_failed;
    int rc = stop(r);
    CHECK_INT(rc, 0);
    if (check_failed != failed_before || getenv("COR_TEST_SHOW_LOG"))
        show_log(r);
    else
        remove_tree(r->root);
    free(r->last);
    r->last = NULL;
}

/* ---- reading the status ------------------------------------------------------------------- */

static long num(const char *json, const char *key)
{
    const char *p = json_after(json, key);
    return p ? strtol(p, NULL, 10) : -999;
}

/* Copies the string value of KEY (escapes kept as written); "" when absent or null. */
static const char *str(const char *json, const char *key)
{
    static char bufs[4][512];
    static int next;
    char *out = bufs[next++ % 4];
    out[0] = '\0';
    const char *p = json_after(json, key);
    if (!p || *p != '"')
        return out;
    p++;
    size_t n = 0;
    while (*p && *p != '"' && n < 511) {
        if (*p == '\\' && p[1])
            out[n++] = *p++;
        out[n++] = *p++;
    }
    out[n] = '\0';
    return out;
}

static bool flag(const char *json, const char *key)
{
    const char *p = json_after(json, key);
    return p && strncmp(p, "true", 4) == 0;
}

/* The slide's since, until and the status's now, as ms. */
static long long t_of(const char *json, const char *key)
{
    return iso_ms(str(json, key));
}

static long long at(const char *when) /* "2024-03-19 10:01" */
{
    char iso[40];
    snprintf(iso, sizeof(iso), "%.10sT%.5s:00.000Z", when, when + 11);
    return iso_ms(iso);
}

/* Reads the status when it changed since the last read; NULL when it did not. */
static const char *poll_status(struct run *r)
{
    char *s = slurp(r->status, NULL);
    if (!s)
        return NULL;
    if (r->last && strcmp(s, r->last) == 0) {
        free(s);
        return NULL;
    }
    free(r->last);
    r->last = s;
    return s;
}

typedef bool (*status_test)(const char *json, const void *arg);

/* Polls the status until TEST holds (returns true) or MS pass. */
static bool wait_for(struct run *r, int ms, status_test test, const void *arg)
{
    long long until = now_ms() + scaled_ms(ms);
    while (now_ms() < until) {
        poll_status(r);
        if (r->last && test(r->last, arg))
            return true;
        int status;
        if (r->pid > 0 && waitpid(r->pid, &status, WNOHANG) == r->pid) {
            fprintf(stderr, "the player stopped early\n");
            r->pid = 0;
            return false;
        }
        sleep_ms(3);
    }
    return false;
}

static bool is_loaded(const char *j, const void *name)
{
    return flag(j, "ok") && strcmp(str(j, "name"), name) == 0;
}

static bool reload_failed(const char *j, const void *arg)
{
    (void)arg;
    return json_after(j, "ok") && !flag(j, "ok");
}

static bool has_status(const char *j, const void *arg)
{
    (void)arg;
    return j != NULL;
}

/* ---- scenarios: time ---------------------------------------------------------------------- */

/* Slides play in order, each for its own duration, skipping another screen's slide. */
static void scenario_order(void)
{
    struct run r;
    setup(&r);
    put(r.playlist, "name: Order\n"
                    "timezone: UTC\n"
                    "defaults: {transition: none}\n"
                    "slides:\n"
                    "  - {type: text, title: One, duration: 1s}\n"
                    "  - {type: text, title: Two, duration: 2s}\n"
                    "  - {type: text, title: Elsewhere, duration: 1s, screens: [ward-9]}\n"
                    "  - {type: text, title: Three, duration: 1s}\n");
    start(&r, "--screen", "ward-1", "--now", "2024-03-19 10:00", "--clock-rate", "5", "--poll", "0",
          NULL);
    const long long t0 = at("2024-03-19 10:00");
    const long long offset[] = {0, 0, 1000, -1, 3000}; /* by index: where in the 4 s cycle */
    const long long length[] = {0, 1000, 2000, -1, 1000};
    const char *title[] = {"", "One", "Two", "", "Three"};
    int seen[5] = {0}, observations = 0;
    long long last_since = -1;
    long long until = now_ms() + scaled_ms(20000);
    while (now_ms() < until && observations < 8) {
        const char *j = poll_status(&r);
        if (!j) {
            sleep_ms(2);
            continue;
        }
        long idx = num(j, "index");
        long long since = t_of(j, "since"), end = t_of(j, "until");
        if (since == last_since)
            continue;
        last_since = since;
        observations++;
        CHECK_MSG(idx == 1 || idx == 2 || idx == 4, "slide %ld came up", idx);
        if (idx != 1 && idx != 2 && idx != 4)
            continue;
        seen[idx]++;
        CHECK_STR(str(j, "title"), title[idx]);
        CHECK_INT(end - since, length[idx]);
        CHECK_INT((since - t0) % 4000, offset[idx]);
    }
    CHECK_MSG(observations >= 8, "only %d slides seen", observations);
    CHECK(seen[1] && seen[2] && seen[4]);
    finish(&r);
}

static const char when_playlist[] = "name: When\n"
                                    "timezone: UTC\n"
                                    "defaults: {duration: 10s, transition: fade}\n"
                                    "slides:\n"
                                    "  - type: text\n"
                                    "    title: Always\n"
                                    "  - type: text\n"
                                    "    title: Coffee\n"
                                    "    when:\n"
                                    "      hours: 10:01-10:02\n";

/* A `when` window opens and closes: the slide plays only inside it. */
static void scenario_when(void)
{
    struct run r;
    setup(&r);
    put(r.playlist, when_playlist);
    start(&r, "--now", "2024-03-19 10:00", "--clock-rate", "60", "--poll", "0", NULL);
    const long long opens = at("2024-03-19 10:01"), closes = at("2024-03-19 10:02");
    const long long end = at("2024-03-19 10:02") + 40000;
    int coffee = 0, after = 0;
    long long until = now_ms() + scaled_ms(20000);
    while (now_ms() < until) {
        const char *j = poll_status(&r);
        if (!j) {
            sleep_ms(2);
            continue;
        }
        long long now = t_of(j, "now");
        if (num(j, "index") == 2) {
            coffee++;
            CHECK_MSG(now >= opens && now < closes, "Coffee is up at %s", str(j, "now"));
            CHECK(t_of(j, "since") >= opens);
        }
        if (now >= closes)
            after++;
        if (now >= end)
            break;
    }
    CHECK_MSG(coffee > 0, "Coffee never came up");
    CHECK(after > 0);
    finish(&r);

    /* The same with a clock that cannot be trusted: only the unscheduled slide plays. */
    setup(&r);
    put(r.playlist, when_playlist);
    start(&r, "--now", "2024-03-19 10:01", "--clock-rate", "60", "--poll", "0", "--distrust-clock",
          NULL);
    long long stop_at = at("2024-03-19 10:01") + 40000;
    CHECK(wait_for(&r, 15000, has_status, NULL));
    CHECK(!flag(r.last, "clock_trusted"));
    until = now_ms() + scaled_ms(15000);
    while (now_ms() < until && !(r.last && t_of(r.last, "now") >= stop_at)) {
        if (poll_status(&r))
            CHECK_INT(num(r.last, "index"), 1);
        sleep_ms(2);
    }
    finish(&r);
}

/* Nothing scheduled: the fallback slide, then the slide in its window, then the fallback. */
static void scenario_fallback(void)
{
    struct run r;
    setup(&r);
    put(r.playlist, "name: Fallback\n"
                    "timezone: UTC\n"
                    "slides:\n"
                    "  - type: text\n"
                    "    title: Coffee\n"
                    "    when: {hours: 10:01-10:02}\n");
    start(&r, "--now", "2024-03-19 10:00", "--clock-rate", "60", "--poll", "0", NULL);
    int phase = 0; /* 0: fallback first, 1: Coffee, 2: fallback again */
    long long until = now_ms() + scaled_ms(20000);
    while (now_ms() < until && phase < 3) {
        const char *j = poll_status(&r);
        if (!j) {
            sleep_ms(2);
            continue;
        }
        bool fallback = strcmp(str(j, "type"), "fallback") == 0;
        long long now = t_of(j, "now");
        if (phase == 0) {
            CHECK_MSG(fallback, "the first slide is %s", str(j, "type"));
            CHECK_INT(num(j, "index"), 0);
            CHECK(now < at("2024-03-19 10:01"));
            phase = 1;
        } else if (phase == 1 && !fallback) {
            CHECK_STR(str(j, "title"), "Coffee");
            CHECK(now >= at("2024-03-19 10:01") && now < at("2024-03-19 10:02"));
            phase = 2;
        } else if (phase == 2 && fallback) {
            CHECK(now >= at("2024-03-19 10:02"));
            phase = 3;
        }
    }
    CHECK_INT(phase, 3);
    finish(&r);
}

/* A session turns "on now" when it starts and "finished" when it ends. */
static void scenario_sessions(void)
{
    struct run r;
    setup(&r);
    put(r.playlist, "name: Sessions\n"
                    "timezone: UTC\n"
                    "theme: {clock: true}\n"
                    "defaults: {duration: 30s}\n"
                    "slides:\n"
                    "  - type: sessions\n"
                    "    title: Today\n"
                    "    sessions:\n"
                    "      - {date: 2024-03-19, time: 10:01 to 10:03, title: Morning talk}\n"
                    "      - {date: 2024-03-19, time: 10:05 to 10:06, title: Later talk}\n");
    start(&r, "--now", "2024-03-19 10:00", "--clock-rate", "60", "--poll", "0", NULL);
    bool next = false, on_now = false, finished = false;
    long long until = now_ms() + scaled_ms(20000);
    while (now_ms() < until && !finished) {
        const char *j = poll_status(&r);
        if (!j) {
            sleep_ms(2);
            continue;
        }
        long long now = t_of(j, "now");
        const char *morning = strstr(j, "{\"title\": \"Morning talk\", \"state\": ");
        CHECK_MSG(morning != NULL, "no Morning talk in %s", j);
        if (!morning)
            break;
        const char *state = str(morning, "state");
        if (now < at("2024-03-19 10:01")) {
            CHECK_STR(state, "next");
            next = true;
        } else if (now < at("2024-03-19 10:03")) {
            CHECK_STR(state, "on now");
            on_now = true;
        } else {
            CHECK_STR(state, "finished");
            CHECK_CONTAINS(j, "{\"title\": \"Later talk\", \"state\": \"next\"}");
            finished = true;
        }
    }
    CHECK(next && on_now && finished);
    finish(&r);
}

/* At midnight, today's sessions become the new day's, and a slide from the new date plays. */
static void scenario_midnight(void)
{
    struct run r;
    setup(&r);
    put(r.playlist, "name: Midnight\n"
                    "timezone: UTC\n"
                    "defaults: {duration: 20s}\n"
                    "slides:\n"
                    "  - type: sessions\n"
                    "    title: Today\n"
                    "    when_empty: Nothing on today\n"
                    "    sessions:\n"
                    "      - {date: 2024-03-19, time: 9am to 10am, title: Tuesday talk}\n"
                    "      - {date: 2024-03-20, time: 9am to 10am, title: Wednesday talk}\n"
                    "  - type: text\n"
                    "    title: Wednesday news\n"
                    "    when: {from: 2024-03-20}\n");
    start(&r, "--now", "2024-03-19 23:59", "--clock-rate", "60", "--poll", "0", NULL);
    const long long midnight = at("2024-03-20 00:00");
    bool before = false, wednesday_sessions = false, news = false;
    long long until = now_ms() + scaled_ms(20000);
    while (now_ms() < until && !(wednesday_sessions && news)) {
        const char *j = poll_status(&r);
        if (!j) {
            sleep_ms(2);
            continue;
        }
        long long now = t_of(j, "now");
        if (now < midnight) {
            before = true;
            CHECK_INT(num(j, "index"), 1);
            CHECK_CONTAINS(j, "Tuesday talk");
            CHECK(strstr(j, "Wednesday talk") == NULL);
        } else if (num(j, "index") == 1) {
            CHECK(strstr(j, "Tuesday talk") == NULL);
            CHECK_CONTAINS(j, "{\"title\": \"Wednesday talk\", \"state\": \"next\"}");
            wednesday_sessions = true;
        } else if (num(j, "index") == 2) {
            news = true;
        }
    }
    CHECK(before && wednesday_sessions && news);
    finish(&r);
}

/* ---- scenarios: reloading ----------------------------------------------------------------- */

static void reload_playlist(char *buf, size_t size, const char *name, const char *extra)
{
    snprintf(buf, size,
             "name: %s\n"
             "timezone: UTC\n"
             "defaults: {duration: 2s, transition: fade, transition_time: 0.4s}\n"
             "slides:\n"
             "  - type: text\n"
             "    title: First\n"
             "  - type: text\n"
             "    title: Second\n"
             "%s",
             name, extra ? extra : "");
}

static void put_version(const char *path, const char *name, bool by_rename)
{
    char text[2048];
    reload_playlist(text, sizeof(text), name, NULL);
    if (by_rename)
        put_by_rename(path, text);
    else
        put(path, text);
}

/* Waits until the playlist called NAME is loaded; returns how long that took in ms. */
static long long expect_loaded(struct run *r, const char *name)
{
    long long t = now_ms();
    CHECK_MSG(wait_for(r, 10000, is_loaded, name), "playlist '%s' never loaded", name);
    return now_ms() - t;
}

/* While the playlist is broken the old one plays on: slides keep changing. */
static void expect_still_playing(struct run *r)
{
    long long since = t_of(r->last, "since");
    int changes = 0;
    long long until = now_ms() + scaled_ms(10000);
    while (now_ms() < until && changes < 2) {
        const char *j = poll_status(r);
        if (j && t_of(j, "since") != since) {
            since = t_of(j, "since");
            changes++;
            CHECK(!flag(j, "ok"));
        }
        sleep_ms(3);
    }
    CHECK_MSG(changes >= 2, "the old playlist stopped while the new one was broken");
}

static void scenario_reload_edits(void)
{
    struct run r;
    setup(&r);
    put_version(r.playlist, "v1", false);
    start(&r, "--clock-rate", "4", "--poll", "0", NULL);
    expect_loaded(&r, "v1");
    CHECK_INT(num(r.last, "generation"), 1);

    put_version(r.playlist, "v2", false);
    long long ms = expect_loaded(&r, "v2");
    printf("reload after a write in place: %lld ms\n", ms);
    CHECK_INT(num(r.last, "generation"), 2);

    put_version(r.playlist, "v3", true);
    ms = expect_loaded(&r, "v3");
    printf("reload after a save by rename: %lld ms\n", ms);

    CHECK(unlink(r.playlist) == 0);
    sleep_ms(20);
    put_version(r.playlist, "v4", false);
    expect_loaded(&r, "v4");

    long generation = num(r.last, "generation");
    kill(r.pid, SIGHUP);
    long long until = now_ms() + scaled_ms(10000);
    while (now_ms() < until && num(r.last, "generation") == generation) {
        poll_status(&r);
        sleep_ms(3);
    }
    CHECK_INT(num(r.last, "generation"), generation + 1);
    finish(&r);
}

static void scenario_reload_broken(void)
{
    struct run r;
    setup(&r);
    put_version(r.playlist, "v1", false);
    start(&r, "--clock-rate", "4", "--poll", "0", NULL);
    expect_loaded(&r, "v1");
    char hash[64];
    snprintf(hash, sizeof(hash), "%s", str(r.last, "hash"));

    /* half a file: cut inside a quoted string */
    char text[2048];
    reload_playlist(text, sizeof(text), "v2", "  - type: text\n    title: \"Third slide\"\n");
    size_t half = (size_t)(strstr(text, "Third") - text);
    char *part = strndup(text, half);
    put(r.playlist, part);
    free(part);
    CHECK(wait_for(&r, 10000, reload_failed, NULL));
    CHECK_STR(str(r.last, "name"), "v1");
    CHECK_STR(str(r.last, "hash"), hash);
    CHECK_CONTAINS(r.last, "\"errors\": [\"");
    expect_still_playing(&r);
    put(r.playlist, text); /* the rest of it arrives */
    expect_loaded(&r, "v2");
    CHECK_CONTAINS(r.last, "\"errors\": []");

    /* a mistake, then its fix */
    reload_playlist(text, sizeof(text), "v3", "  - type: text\n    titel: Oops\n");
    put_by_rename(r.playlist, text);
    CHECK(wait_for(&r, 10000, reload_failed, NULL));
    CHECK_STR(str(r.last, "name"), "v2");
    CHECK_CONTAINS(r.last, "playlist.yaml:10:");
    CHECK_CONTAINS(r.last, "titel");
    expect_still_playing(&r);
    reload_playlist(text, sizeof(text), "v3", "  - type: text\n    title: Fixed\n");
    put_by_rename(r.playlist, text);
    expect_loaded(&r, "v3");
    finish(&r);
}

static void image_playlist(const char *path, const char *name)
{
    char text[1024];
    snprintf(text, sizeof(text),
             "name: %s\n"
             "timezone: UTC\n"
             "defaults: {duration: 2s}\n"
             "slides:\n"
             "  - type: image\n"
             "    file: \"logo (teal).png\"\n"
             "  - type: text\n"
             "    title: Words\n",
             name);
    put(path, text);
}

static void scenario_reload_image(void)
{
    struct run r;
    setup(&r);
    char image[256], fresh[256];
    snprintf(image, sizeof(image), "%s/logo (teal).png", r.pl_dir);
    snprintf(fresh, sizeof(fresh), "%s/.incoming.png", r.pl_dir);
    make_png(image, 64, 32, 0xffcc0000);
    image_playlist(r.playlist, "images");
    start(&r, "--clock-rate", "4", "--poll", "0", NULL);
    expect_loaded(&r, "images");
    CHECK_INT(num(r.last, "generation"), 1);

    /* a new picture saved over the old by rename */
    make_png(fresh, 32, 64, 0xff0000cc);
    CHECK(rename(fresh, image) == 0);
    long long until = now_ms() + scaled_ms(10000);
    while (now_ms() < until && num(r.last, "generation") < 2) {
        poll_status(&r);
        sleep_ms(3);
    }
    CHECK_INT(num(r.last, "generation"), 2);
    CHECK(flag(r.last, "ok"));

    /* a picture that is not one: the old playlist, pictures and all, plays on */
    put(image, "this is not a PNG\n");
    CHECK(wait_for(&r, 10000, reload_failed, NULL));
    CHECK_CONTAINS(r.last, "logo (teal).png");
    CHECK_INT(num(r.last, "generation"), 2);
    expect_still_playing(&r);
    make_png(image, 48, 48, 0xff00cc00);
    until = now_ms() + scaled_ms(10000);
    while (now_ms() < until && num(r.last, "generation") < 3) {
        poll_status(&r);
        sleep_ms(3);
    }
    CHECK_INT(num(r.last, "generation"), 3);
    CHECK(flag(r.last, "ok"));
    finish(&r);
}

/* Writes a 64x48 picture at PATH in place (the same file, truncated): yellow with a red band. */
static void edit_png(const char *path)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 64, 48, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Rect band = {0, 20, 64, 8};
    CHECK(s && SDL_FillRect(s, NULL, 0xffffff00u) == 0 && SDL_FillRect(s, &band, 0xffff0000u) == 0);
    CHECK(s && IMG_SavePNG(s, path) == 0);
    SDL_FreeSurface(s);
}

static bool slide_is(const char *j, const void *arg)
{
    return num(j, "index") == *(const long *)arg;
}

/* During play one picture is replaced by a link to a file outside the playlist's folder and
 * another is edited in place. The reload is refused (the link), so the playing playlist goes on;
 * its pictures leave the cache as the slides turn (three covering pictures, one screenful), and
 * the two changed ones are not read again: their slides are left out until a reload accepts the
 * files. */
static void scenario_swap_picture(void)
{
    struct run r;
    setup(&r);
    static const char *const names[] = {"a.png", "b.png", "c.png"};
    static const Uint32 colours[] = {0xffcc0000, 0xff00cc00, 0xff00aaaa};
    char path[256], outside[256], link[256];
    for (int i = 0; i < 3; i++) {
        snprintf(path, sizeof(path), "%s/%s", r.pl_dir, names[i]);
        make_png(path, 64, 48, colours[i]);
    }
    snprintf(outside, sizeof(outside), "%s/secret.png", r.root);
    make_png(outside, 64, 48, 0xff0000ff);
    /* Each slide is up for 0.75 s at this clock rate: the files change well inside slide 3's. */
    put(r.playlist, "name: swap\n"
                    "timezone: UTC\n"
                    "defaults: {duration: 6s, transition: none}\n"
                    "slides:\n"
                    "  - {type: image, file: a.png, fit: cover}\n"
                    "  - {type: image, file: b.png, fit: cover}\n"
                    "  - {type: image, file: c.png, fit: cover}\n");
    start(&r, "--clock-rate", "8", "--poll", "0", NULL);
    expect_loaded(&r, "swap");
    long third = 3, first = 1;
    CHECK(wait_for(&r, 10000, slide_is, &third)); /* every picture drawn once */
    CHECK(wait_for(&r, 10000, slide_is, &first));
    CHECK(wait_for(&r, 10000, slide_is, &third)); /* a's and b's textures have left the cache */
    snprintf(link, sizeof(link), "%s/a.png.new", r.pl_dir);
    snprintf(path, sizeof(path), "%s/a.png", r.pl_dir);
    CHECK(symlink(outside, link) == 0 && rename(link, path) == 0);
    snprintf(path, sizeof(path), "%s/b.png", r.pl_dir);
    edit_png(path);
    CHECK(wait_for(&r, 10000, reload_failed, NULL));
    CHECK_CONTAINS(r.last, "outside the playlist's folder");
    /* Four seconds of play (five turns at this clock rate): only c.png's slide is shown. */
    long long until = now_ms() + 4000;
    int turns = 0, others = 0;
    long long since = t_of(r.last, "since");
    while (now_ms() < until) {
        const char *j = poll_status(&r);
        if (j && t_of(j, "since") != since) {
            since = t_of(j, "since");
            turns++;
            if (num(j, "index") != 3)
                others++;
        }
        sleep_ms(3);
    }
    CHECK_MSG(turns >= 2 && others == 0, "%d turns, %d of them to a changed picture's slide", turns,
              others);
    char *log = slurp(r.log, NULL);
    CHECK_CONTAINS(log, "'a.png' of slide 1 is now outside the playlist's folder");
    CHECK_CONTAINS(log, "'b.png' of slide 2 changed on disk since the playlist was loaded");
    free(log);
    /* The link replaced by a picture: the reload accepts both files, and every slide plays. */
    snprintf(path, sizeof(path), "%s/a.png", r.pl_dir);
    CHECK(remove(path) == 0);
    make_png(path, 64, 48, 0xffcc0000);
    long two = 2;
    CHECK(wait_for(&r, 10000, slide_is, &two));
    CHECK(flag(r.last, "ok"));
    finish(&r);
}

/* A sync tool replaces the whole folder: built aside, the old moved away, the new moved in. */
static void replace_folder(struct run *r, const char *name, int round)
{
    char fresh[192], old[192], path[256];
    snprintf(fresh, sizeof(fresh), "%s/.sync-%d", r->root, round);
    snprintf(old, sizeof(old), "%s/.old-%d", r->root, round);
    CHECK(mkdir(fresh, 0755) == 0);
    snprintf(path, sizeof(path), "%s/logo (teal).png", fresh);
    make_png(path, 40 + round, 40, 0xff333333);
    snprintf(path, sizeof(path), "%s/playlist.yaml", fresh);
    image_playlist(path, name);
    CHECK(rename(r->pl_dir, old) == 0);
    CHECK(rename(fresh, r->pl_dir) == 0);
}

static void scenario_reload_folder(void)
{
    struct run r;
    setup(&r);
    char image[256];
    snprintf(image, sizeof(image), "%s/logo (teal).png", r.pl_dir);
    make_png(image, 64, 32, 0xffcc0000);
    image_playlist(r.playlist, "v1");
    start(&r, "--clock-rate", "4", "--poll", "0", NULL);
    expect_loaded(&r, "v1");
    replace_folder(&r, "v2", 1);
    long long ms = expect_loaded(&r, "v2");
    printf("reload after the folder was replaced: %lld ms\n", ms);
    replace_folder(&r, "v3", 2); /* again: the watch found the new folder */
    expect_loaded(&r, "v3");
    image_playlist(r.playlist, "v4"); /* and an edit inside it */
    expect_loaded(&r, "v4");
    finish(&r);
}

/* Without inotify (a network share), the stat() poll finds changes. */
static void scenario_reload_poll(void)
{
    setenv("CORRIDOR_TEST_NO_INOTIFY", "1", 1);
    struct run r;
    setup(&r);
    put_version(r.playlist, "v1", false);
    start(&r, "--clock-rate", "4", "--poll", "0.2", NULL);
    expect_loaded(&r, "v1");
    put_version(r.playlist, "v2", false);
    long long ms = expect_loaded(&r, "v2");
    printf("reload found by polling every 0.2 s: %lld ms\n", ms);
    put_version(r.playlist, "v3", true);
    expect_loaded(&r, "v3");
    finish(&r);
    unsetenv("CORRIDOR_TEST_NO_INOTIFY");
}

/* Writes TEXT to PATH in place in N_CUTS + 1 pieces (cut at the byte offsets CUTS), PAUSE_MS
 * apart: in one open, or REOPEN: closed after each piece and opened again to append, as a slow
 * copy or a network share's client does. */
static void write_slowly(const char *path, const char *text, const size_t *cuts, int n_cuts,
                         int pause_ms, bool reopen)
{
    int fd = open(path, O_WRONLY | O_TRUNC);
    CHECK(fd >= 0);
    size_t from = 0;
    for (int i = 0; i <= n_cuts && fd >= 0; i++) {
        size_t to = i < n_cuts ? cuts[i] : strlen(text);
        CHECK(write(fd, text + from, to - from) == (ssize_t)(to - from));
        from = to;
        if (i == n_cuts)
            break;
        if (reopen) {
            CHECK(close(fd) == 0);
            sleep_ms(pause_ms);
            fd = open(path, O_WRONLY | O_APPEND);
            CHECK(fd >= 0);
        } else {
            sleep_ms(pause_ms);
        }
    }
    if (fd >= 0)
        CHECK(close(fd) == 0);
}

/* A playlist written in place slowly, whose first part is itself a valid playlist (the name
 * comes last), is never loaded half: not after the first close of a write-then-append, nor when
 * the poll catches it mid-write. Each save is loaded once, whole. */
static void scenario_settle(void)
{
    struct run r;
    setup(&r);
    put_version(r.playlist, "v1", false);
    start(&r, "--clock-rate", "4", "--poll", "0.1", NULL);
    expect_loaded(&r, "v1");
    struct {
        int pieces, pause_ms;
        bool reopen;
    } ways[] = {{2, 200, true}, {2, 300, false}, {4, 150, true}, {3, 250, false}};
    for (size_t k = 0; k < sizeof(ways) / sizeof(ways[0]); k++) {
        char name[32], text[1024];
        snprintf(name, sizeof(name), "Whole %zu", k + 1);
        snprintf(text, sizeof(text),
                 "timezone: UTC\n"
                 "defaults: {duration: 2s, transition: none}\n"
                 "slides:\n"
                 "  - type: text\n"
                 "    title: First\n"
                 "  - type: text\n"
                 "    title: Second\n"
                 "  - type: text\n"
                 "    title: Third\n"
                 "name: %s\n",
                 name);
        /* Each piece but the last ends after a whole slide: a valid playlist without a name. */
        size_t cuts[3] = {(size_t)(strstr(text, "  - type: text\n    title: Second") - text),
                          (size_t)(strstr(text, "  - type: text\n    title: Third") - text),
                          (size_t)(strstr(text, "name:") - text)};
        long generation = num(r.last, "generation");
        long long t0 = now_ms();
        write_slowly(r.playlist, text, cuts, ways[k].pieces - 1, ways[k].pause_ms, ways[k].reopen);
        long long written = now_ms();
        CHECK_MSG(wait_for(&r, 10000, is_loaded, name), "'%s' never loaded", name);
        printf("written in %d pieces %d ms apart (%s): loaded %lld ms after the last write, "
               "%lld ms after the first\n",
               ways[k].pieces, ways[k].pause_ms, ways[k].reopen ? "reopened" : "one open",
               now_ms() - written, now_ms() - t0);
        CHECK_INT(num(r.last, "generation"), generation + 1);
    }
    finish(&r);
}

/* A ConfigMap-style folder (every file through the `..data` link, swapped by renaming a new
 * link over it) and a chmod alone are followed through inotify, with the poll off. */
static void scenario_symlink_swap(void)
{
    struct run r;
    setup(&r);
    char gen[2][192], file[2][400], link[192], tmp[192];
    for (int i = 0; i < 2; i++) {
        snprintf(gen[i], sizeof(gen[i]), "%s/..2024_03_19_10_0%d", r.pl_dir, i);
        snprintf(file[i], sizeof(file[i]), "%s/playlist.yaml", gen[i]);
        CHECK(mkdir(gen[i], 0755) == 0);
        put_version(file[i], i ? "v2" : "v1", false);
    }
    snprintf(link, sizeof(link), "%s/..data", r.pl_dir);
    snprintf(tmp, sizeof(tmp), "%s/..data_tmp", r.pl_dir);
    CHECK(symlink("..2024_03_19_10_00", link) == 0);
    CHECK(symlink("..data/playlist.yaml", r.playlist) == 0);
    start(&r, "--clock-rate", "4", "--poll", "0", NULL);
    expect_loaded(&r, "v1");
    CHECK(symlink("..2024_03_19_10_01", tmp) == 0);
    CHECK(rename(tmp, link) == 0);
    long long ms = expect_loaded(&r, "v2");
    printf("a ..data swap with the poll off: loaded in %lld ms\n", ms);
    long generation = num(r.last, "generation");
    CHECK(chmod(file[1], 0640) == 0);
    long long t0 = now_ms();
    while (now_ms() < t0 + 10000 && num(r.last, "generation") == generation) {
        poll_status(&r);
        sleep_ms(3);
    }
    CHECK_INT(num(r.last, "generation"), generation + 1);
    printf("a chmod alone with the poll off: loaded in %lld ms\n", now_ms() - t0);
    finish(&r);
}

/* A broken playlist at start: the fallback slide shows until it is fixed. */
static void scenario_broken_start(void)
{
    struct run r;
    setup(&r);
    put(r.playlist, "name: Broken\nslides:\n  - type: txt\n");
    start(&r, "--clock-rate", "4", "--poll", "0", NULL);
    CHECK(wait_for(&r, 10000, reload_failed, NULL));
    CHECK_STR(str(r.last, "type"), "fallback");
    CHECK_CONTAINS(r.last, "\"playlist\": null");
    put_version(r.playlist, "fixed", true);
    expect_loaded(&r, "fixed");
    finish(&r);
}

/* ---- scenarios: signals, screenshots, idling ---------------------------------------------- */

static void scenario_signals(void)
{
    struct run r;
    setup(&r);
    put_version(r.playlist, "v1", false);
    char shot[256];
    snprintf(shot, sizeof(shot), "%s/screen.png", r.out_dir);
    start(&r, "--rotate", "90", "--screenshot", shot, "--screen", "ward-12", "--poll", "0", NULL);
    expect_loaded(&r, "v1");
    CHECK_STR(str(r.last, "screen"), "ward-12");
    CHECK(num(r.last, "rss_kb") > 0);
    kill(r.pid, SIGUSR1);
    SDL_Surface *png = NULL;
    long long until = now_ms() + scaled_ms(10000);
    while (now_ms() < until && !png) {
        sleep_ms(20);
        png = access(shot, F_OK) == 0 ? IMG_Load(shot) : NULL;
    }
    CHECK_MSG(png != NULL, "no screenshot");
    if (png) {
        /* the dummy display is 1024x768; turned 90 degrees the page is upright 768x1024 */
        CHECK_INT(png->w, 768);
        CHECK_INT(png->h, 1024);
        SDL_FreeSurface(png);
    }
    finish(&r);
}

/* Takes a screenshot of what R's player shows now (SIGUSR1); NULL when none came. */
static SDL_Surface *screenshot(struct run *r, const char *shot)
{
    unlink(shot);
    kill(r->pid, SIGUSR1);
    SDL_Surface *png = NULL;
    long long until = now_ms() + 10000;
    while (now_ms() < until && !png) {
        sleep_ms(20);
        png = access(shot, F_OK) == 0 ? IMG_Load(shot) : NULL;
    }
    SDL_Surface *rgba = png ? SDL_ConvertSurfaceFormat(png, SDL_PIXELFORMAT_RGBA32, 0) : NULL;
    SDL_FreeSurface(png);
    return rgba;
}

/* How many pixels of the screen's bottom-right corner (where the footer's clock goes) differ
 * from the background colour at the top left of the screen. */
static long corner_ink(SDL_Surface *s)
{
    const uint8_t *bg = s->pixels;
    long ink = 0;
    for (int y = s->h * 85 / 100; y < s->h; y++)
        for (int x = s->w * 55 / 100; x < s->w; x++) {
            const uint8_t *px = (const uint8_t *)s->pixels + y * s->pitch + x * 4;
            ink += abs(px[0] - bg[0]) + abs(px[1] - bg[1]) + abs(px[2] - bg[2]) > 24;
        }
    return ink;
}

/* An untrusted clock (a Pi without a real-time clock before time sync): the footer shows no
 * time or date, and a sessions slide, which places its sessions by the date and marks them on
 * now by the time, does not play. The same playlist with a trusted clock shows both. */
static void scenario_untrusted_clock(void)
{
    static const char playlist[] =
        "name: Untrusted\n"
        "timezone: UTC\n"
        "theme: {clock: true}\n"
        "defaults: {duration: 1s, transition: none}\n"
        "slides:\n"
        "  - type: text\n"
        "    title: Always\n"
        "  - type: sessions\n"
        "    title: Today\n"
        "    sessions:\n"
        "      - {date: 2024-03-19, time: 10:00 to 11:00, title: Talk}\n";
    for (int trusted = 0; trusted < 2; trusted++) {
        struct run r;
        setup(&r);
        put(r.playlist, playlist);
        char shot[256];
        snprintf(shot, sizeof(shot), "%s/screen.png", r.out_dir);
        start(&r, "--now", "2024-03-19 10:30", "--poll", "0", "--screenshot", shot,
              trusted ? NULL : "--distrust-clock", NULL);
        CHECK(wait_for(&r, 15000, has_status, NULL));
        CHECK(flag(r.last, "clock_trusted") == (trusted != 0));
        /* Three rounds of the two one-second slides. */
        bool sessions_up = false;
        long long until = now_ms() + 6000;
        while (now_ms() < until) {
            if (poll_status(&r))
                sessions_up |= num(r.last, "index") == 2;
            sleep_ms(5);
        }
        CHECK_MSG(sessions_up == (trusted != 0), "the sessions slide %s with a%s clock",
                  sessions_up ? "played" : "never played", trusted ? " trusted" : "n untrusted");
        SDL_Surface *png = screenshot(&r, shot);
        CHECK_MSG(png != NULL, "no screenshot");
        if (png) {
            long ink = corner_ink(png);
            if (trusted)
                CHECK_MSG(ink > 200, "no clock in the footer with a trusted clock (%ld px)", ink);
            else
                CHECK_MSG(ink == 0,
                          "%ld pixels drawn where the clock goes, with an untrusted "
                          "clock",
                          ink);
            SDL_FreeSurface(png);
        }
        finish(&r);
    }
}

/* While a slide is up the player sleeps: count its wake-ups over one long slide. */
static void scenario_idle(void)
{
    struct run r;
    setup(&r);
    put(r.playlist, "name: Idle\n"
                    "timezone: UTC\n"
                    "theme: {clock: false}\n"
                    "slides:\n"
                    "  - {type: text, title: Calm, duration: 4s}\n"
                    "  - {type: text, title: Still, duration: 4s, transition: none}\n");
    start(&r, "--poll", "0", NULL);
    CHECK(wait_for(&r, 10000, has_status, NULL));
    long long since = t_of(r.last, "since");
    long w0 = num(r.last, "wakeups");
    long f0 = num(r.last, "frames");
    long long t0 = now_ms();
    long long until = now_ms() + scaled_ms(15000);
    while (now_ms() < until && t_of(r.last, "since") == since) {
        poll_status(&r);
        sleep_ms(20);
    }
    double secs = (now_ms() - t0) / 1000.0;
    long wakes = num(r.last, "wakeups") - w0;
    long frames = num(r.last, "frames") - f0;
    printf("while a slide was up for %.1f s: %ld wake-ups, %ld frames (a fade's frames "
           "included)\n",
           secs, wakes, frames);
    CHECK(secs > 2.0);
    /* one wake for the slide's end, plus the fade's frames as the next one arrives */
    CHECK_MSG(wakes <= frames + 3, "%ld wake-ups for %ld frames", wakes, frames);
    finish(&r);
}

/* How many times NEEDLE is in the player's log so far. */
static int log_count(const struct run *r, const char *needle)
{
    char *text = slurp(r->log, NULL);
    int n = 0;
    for (const char *p = text; p && (p = strstr(p, needle)) != NULL; p += strlen(needle))
        n++;
    free(text);
    return n;
}

/* On the console a display plugged in or out is noticed (the kernel's connector status, read
 * here from a copy of /sys under CORRIDOR_TEST_DRM_ROOT), and the player starts again, as the
 * same process, to open the screen in its new mode. */
static void scenario_displays(void)
{
    struct run r;
    setup(&r);
    char drm[128], conn[256], status[300];
    snprintf(drm, sizeof(drm), "%s/drm", r.root);
    snprintf(conn, sizeof(conn), "%s/sys/class/drm/card1-HDMI-A-1", drm);
    char cmd[1024];
    snprintf(cmd, sizeof(cmd), "mkdir -p '%s' '%s/sys/class/drm/card1'", conn, drm);
    CHECK(system(cmd) == 0);
    snprintf(status, sizeof(status), "%s/status", conn);
    put(status, "connected\n");
    setenv("CORRIDOR_TEST_DRM_ROOT", drm, 1);
    put_version(r.playlist, "v1", false);
    start(&r, "--poll", "0", NULL);
    unsetenv("CORRIDOR_TEST_DRM_ROOT");
    expect_loaded(&r, "v1");
    pid_t pid = r.pid;
    int loads = log_count(&r, "loaded ");
    CHECK_INT(loads, 1);
    put(status, "disconnected\n");
    if (test_emulator()) {
        /* Under qemu-user without binfmt_misc a program cannot start itself again (the kernel
         * cannot run an arm64 file): the change must still be seen and logged. */
        long long until = now_ms() + scaled_ms(20000);
        while (now_ms() < until && log_count(&r, "the displays changed (card1 HDMI-A-1 "
                                                 "disconnected, was connected)") == 0)
            sleep_ms(50);
        CHECK_INT(log_count(&r, "the displays changed (card1 HDMI-A-1 disconnected, was "
                                "connected): starting again to use the new one"),
                  1);
        printf("note: under an emulator the player's restart (execv) is not tried\n");
        stop(&r);
        remove_tree(r.root);
        free(r.last);
        return;
    }
    /* Looked at every 2 s: the restart is logged, and the playlist loads again. */
    long long until = now_ms() + scaled_ms(20000);
    while (now_ms() < until && log_count(&r, "loaded ") < 2)
        sleep_ms(50);
    CHECK_INT(log_count(&r, "the displays changed (card1 HDMI-A-1 disconnected, was connected): "
                            "starting again to use the new one"),
              1);
    CHECK_INT(log_count(&r, "loaded "), 2);
    CHECK_INT(waitpid(pid, NULL, WNOHANG), 0); /* the same process, still playing */
    free(r.last);
    r.last = NULL;
    expect_loaded(&r, "v1");
    finish(&r);
}

#ifdef COR_HAVE_SYSTEMD
/* Starts R's player as systemd would, with a watchdog of 200 ms (a ping every 100 ms); returns
 * the socket standing in for systemd's, whose reads wait at most RECV_MS. */
static int start_notified(struct run *r, int recv_ms)
{
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    snprintf(addr.sun_path, sizeof(addr.sun_path), "%s/notify", r->root);
    int sock = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    CHECK(sock >= 0);
    CHECK(bind(sock, (struct sockaddr *)&addr, sizeof(addr)) == 0);
    struct timeval tv = {0, recv_ms * 1000};
    setsockopt(sock, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    setenv("NOTIFY_SOCKET", addr.sun_path, 1);
    setenv("WATCHDOG_USEC", "200000", 1);
    start(r, "--poll", "0", NULL);
    unsetenv("NOTIFY_SOCKET");
    unsetenv("WATCHDOG_USEC");
    return sock;
}

/* Under systemd: READY=1 once the first frame is up, and WATCHDOG=1 at half the interval. */
static void scenario_notify(void)
{
    struct run r;
    setup(&r);
    put_version(r.playlist, "v1", false);
    int sock = start_notified(&r, 50);
    int ready = 0, pets = 0, statuses = 0;
    long long first_pet = 0, last_pet = 0;
    long long until = now_ms() + scaled_ms(10000);
    while (now_ms() < until && pets < 8) {
        char msg[512];
        ssize_t n = recv(sock, msg, sizeof(msg) - 1, 0);
        if (n <= 0)
            continue;
        msg[n] = '\0';
        if (strcmp(msg, "READY=1") == 0)
            ready++;
        else if (strncmp(msg, "STATUS=", 7) == 0)
            statuses++;
        else if (strcmp(msg, "WATCHDOG=1") == 0) {
            CHECK_MSG(ready == 1, "WATCHDOG=1 before READY=1");
            last_pet = now_ms();
            if (!pets++)
                first_pet = last_pet;
        }
    }
    CHECK_INT(ready, 1);
    CHECK(statuses >= 1);
    CHECK_INT(pets, 8);
    /* every 100 ms: 7 intervals take 0.7 s, give or take a loaded machine */
    double gap = (last_pet - first_pet) / 7.0;
    printf("watchdog pets every %.0f ms (WATCHDOG_USEC=200000)\n", gap);
    CHECK_MSG(gap >= 80 && gap <= 150, "pets %.0f ms apart", gap);
    close(sock);
    finish(&r);
}
#endif

#ifdef COR_HAVE_SYSTEMD
/* Writes 600,000 lines to F: one text slide whose body has them all (BODY), or 100,000 slides of
 * six lines each. */
static void write_big(FILE *f, bool body)
{
    fprintf(f, "name: %s\ntimezone: UTC\ndefaults: {transition: none}\nslides:\n",
            body ? "Big" : "Many");
    if (body) {
        fputs("  - type: text\n    title: Big body\n    body: |\n", f);
        for (int i = 0; i < 600000; i++)
            fprintf(f, "      row %06d ab\n", i);
        return;
    }
    for (int i = 0; i < 100000; i++)
        fprintf(f,
                "  - type: text\n    title: Slide %06d\n    body: |\n      first line\n"
                "      second line\n      third line\n",
                i);
}

/* Saves a 600,000-line playlist by rename while R's player plays, and returns the longest gap
 * between the watchdog pings on SOCK (every 100 ms) from the save until the outcome is known
 * and a second after; *OUTCOME_MS gets when the outcome was known (-1: never). */
static long long big_save(struct run *r, int sock, bool body, long long *outcome_ms)
{
    char tmp[256];
    snprintf(tmp, sizeof(tmp), "%s/.big.yaml.tmp", r->pl_dir);
    FILE *f = fopen(tmp, "w");
    CHECK(f != NULL);
    if (!f)
        return -1;
    write_big(f, body);
    CHECK(fclose(f) == 0);
    char drain[64];
    while (recv(sock, drain, sizeof(drain), MSG_DONTWAIT) > 0) /* pings from before the save */
        ;
    char reload_at[64];
    snprintf(reload_at, sizeof(reload_at), "%s", str(json_after(r->last, "reload"), "at"));
    long long saved = now_ms(), last_pet = saved, worst = 0, known = 0;
    CHECK(rename(tmp, r->playlist) == 0);
    while (now_ms() < saved + 90000 && !(known && now_ms() > known + 1000)) {
        char msg[512];
        ssize_t n = recv(sock, msg, sizeof(msg) - 1, 0);
        if (n > 0) {
            msg[n] = '\0';
            if (strcmp(msg, "WATCHDOG=1") == 0) {
                long long t = now_ms();
                if (t - last_pet > worst)
                    worst = t - last_pet;
                last_pet = t;
            }
        }
        if (!known && poll_status(r) &&
            strcmp(str(json_after(r->last, "reload"), "at"), reload_at) != 0)
            known = now_ms();
    }
    if (now_ms() - last_pet > worst)
        worst = now_ms() - last_pet;
    *outcome_ms = known ? known - saved : -1;
    return worst;
}

/* Waits up to MS for the playlist called NAME to be loaded, reading what the player sends to SOCK
 * meanwhile: like systemd, which always does (a full socket would hold the player up). */
static bool loaded_reading(struct run *r, int sock, const char *name, int ms)
{
    long long until = now_ms() + ms;
    while (now_ms() < until) {
        char drain[64];
        while (recv(sock, drain, sizeof(drain), MSG_DONTWAIT) > 0)
            ;
        poll_status(r);
        if (r->last && is_loaded(r->last, name))
            return true;
        sleep_ms(3);
    }
    return false;
}

/* The hostile tester's large playlists, saved during play: 600,000 body lines in one slide
 * (12 MB, under the 16 MB file limit; refused, at its position, as longer than any slide
 * shows) and 100,000 slides of six lines (10 MB; loaded). The loop must go on meanwhile: the
 * longest gap between watchdog pings is printed and checked. */
static void scenario_big_load(void)
{
    struct run r;
    setup(&r);
    put_version(r.playlist, "v1", false);
    int sock = start_notified(&r, 20);
    CHECK(loaded_reading(&r, sock, "v1", 10000));

    long long outcome;
    long long worst = big_save(&r, sock, true, &outcome);
    printf("600,000 body lines in one slide (12 MB) saved during play: outcome after %lld ms, "
           "longest gap between watchdog pings %lld ms\n",
           outcome, worst);
    CHECK_MSG(outcome >= 0, "no outcome for the 600,000-line body");
    CHECK_STR(str(r.last, "name"), "v1");
    CHECK_CONTAINS(r.last, "playlist.yaml:7:11: 'body' has 600000 lines");
    CHECK_MSG(worst < 2500, "the loop stopped for %lld ms", worst);

    worst = big_save(&r, sock, false, &outcome);
    printf("100,000 slides of 6 lines (10 MB) saved during play: outcome after %lld ms, longest "
           "gap between watchdog pings %lld ms\n",
           outcome, worst);
    CHECK_MSG(outcome >= 0, "no outcome for the 100,000 slides");
    CHECK_STR(str(r.last, "name"), "Many");
    CHECK_MSG(worst < 2500, "the loop stopped for %lld ms", worst);

    /* A save while the large playlist is still loading is what ends up loaded: the load it
     * overtook is dropped. */
    put_version(r.playlist, "v1", true);
    CHECK(loaded_reading(&r, sock, "v1", 60000));
    char tmp[256];
    snprintf(tmp, sizeof(tmp), "%s/.many.yaml.tmp", r.pl_dir);
    FILE *f = fopen(tmp, "w");
    CHECK(f != NULL);
    if (f) {
        write_big(f, false);
        CHECK(fclose(f) == 0);
        CHECK(rename(tmp, r.playlist) == 0);
        sleep_ms(200); /* the load of 100,000 slides takes over a second */
        put_version(r.playlist, "v2", true);
        /* That load, then this one: many seconds on a busy machine. */
        CHECK_MSG(loaded_reading(&r, sock, "v2", 60000), "the save made during a load was lost");
    }
    close(sock);
    finish(&r);
}
#endif

#ifdef COR_VALGRIND
/* The hour's playlist, called NAME. */
static void hour_playlist(char *text, size_t size, const char *name)
{
    snprintf(text, size,
             "name: %s\n"
             "timezone: UTC\n"
             "theme: {clock: true, logo: picture.png, footer: A ward in an hour}\n"
             "defaults: {duration: 2m, transition: fade, transition_time: 1s}\n"
             "slides:\n"
             "  - type: sessions\n"
             "    title: Today\n"
             "    sessions:\n"
             "      - {date: 2024-03-19, time: 9:45 to 10:00, title: Morning huddle, link: "
             "https://example.org/a}\n"
             "      - {date: 2024-03-19, time: 10:15 to 10:20, title: Handover}\n"
             "  - {type: image, file: picture.png, fit: cover}\n"
             "  - {type: quote, text: Kindness is a skill we practise, name: A nurse, photo: "
             "picture.png}\n"
             "  - type: text\n"
             "    title: Visiting hours\n"
             "    body: Two visitors at a time, please.\n"
             "    transition: slide\n"
             "    when: {hours: 09:50-10:10}\n",
             name);
}

/* One simulated hour of a playlist with every kind of slide, with reloads good and bad, under
 * valgrind: no leaks and no memory errors in corridor's code. */
static void scenario_valgrind(void)
{
    struct run r;
    setup(&r);
    char image[256], text[4096];
    snprintf(image, sizeof(image), "%s/picture.png", r.pl_dir);
    make_png(image, 320, 180, 0xff00a499);
    hour_playlist(text, sizeof(text), "v1");
    put(r.playlist, text);
    start(&r, "--now", "2024-03-19 09:30", "--clock-rate", "90", "--exit-after", "1h", "--poll",
          "1", NULL);
    /* start() ran the player itself; run it again under valgrind instead */
    kill(r.pid, SIGKILL);
    waitpid(r.pid, NULL, 0);
    char supp[512];
    snprintf(supp, sizeof(supp), "--suppressions=%s", COR_VALGRIND_SUPP);
    r.pid = fork();
    CHECK(r.pid >= 0);
    if (r.pid == 0) {
        int fd = open(r.log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd >= 0) {
            dup2(fd, 1);
            dup2(fd, 2);
        }
        execl(COR_VALGRIND, COR_VALGRIND, "--leak-check=full", "--error-exitcode=1",
              "--show-leak-kinds=definite,indirect,possible", "--num-callers=30", supp,
              COR_PLAY_BIN, r.playlist, "--status", r.status, "--now", "2024-03-19 09:30",
              "--clock-rate", "90", "--exit-after", "1h", "--poll", "1", (char *)NULL);
        _exit(127);
    }
    long long t0 = now_ms();
    CHECK(wait_for(&r, 60000, has_status, NULL));
    /* a good reload, a broken one, and the fix, along the way */
    sleep_ms(3000);
    hour_playlist(text, sizeof(text), "v2");
    put(r.playlist, text);
    CHECK(wait_for(&r, 60000, is_loaded, "v2"));
    put(r.playlist, "name: v3\nslides:\n  - type: txt\n");
    CHECK(wait_for(&r, 60000, reload_failed, NULL));
    hour_playlist(text, sizeof(text), "v4");
    put_by_rename(r.playlist, text);
    CHECK(wait_for(&r, 60000, is_loaded, "v4"));
    int status = 0;
    long long until = now_ms() + scaled_ms(240000);
    pid_t got;
    while ((got = waitpid(r.pid, &status, WNOHANG)) == 0 && now_ms() < until)
        sleep_ms(50);
    if (got == 0) {
        kill(r.pid, SIGKILL);
        waitpid(r.pid, &status, 0);
    }
    r.pid = 0;
    poll_status(&r);
    CHECK_MSG(got == 0 ? false : WIFEXITED(status) && WEXITSTATUS(status) == 0,
              "valgrind found problems (or the hour never ended)");
    printf("one simulated hour under valgrind took %.0f s\n", (now_ms() - t0) / 1000.0);
    long long end = at("2024-03-19 10:20"); /* the last slide change before 10:30 */
    CHECK_MSG(r.last && t_of(r.last, "now") >= end, "the hour did not pass");
    if (check_failed)
        show_log(&r);
    else
        remove_tree(r.root);
    free(r.last);
}
#endif

/* ---- scenarios: video slides -------------------------------------------------------------- */

/* Set by a scenario that cannot run here (a build without video): the run reports a skip. */
static bool skipped;

/* False (the run reports a skip) in a build without video, or without the ffmpeg command that
 * makes the clips. */
static bool video_can_run(void)
{
    if (cor_video_built() && system("ffmpeg -version >/dev/null 2>&1") == 0)
        return true;
    printf("skipped: no video in this build, or no ffmpeg command\n");
    skipped = true;
    return false;
}

/* A one-second 25 fps clip, R's playlist folder/NAME. */
static void make_clip(const struct run *r, const char *name)
{
    char cmd[1024];
    snprintf(cmd, sizeof(cmd),
             "ffmpeg -nostdin -v error -y -f lavfi -i testsrc2=size=160x120:rate=25:"
             "duration=1 -pix_fmt yuv420p -c:v libx264 '%s/%s'",
             r->pl_dir, name);
    CHECK(system(cmd) == 0);
}

/* Two clips and a picture, faded between: each clip's slide lasts its loops and its fade; a clip
 * that breaks on disk is said in the status file and the deck moves on from it. */
static void scenario_video(void)
{
    if (!video_can_run())
        return;
    struct run r;
    setup(&r);
    char cmd[1024];
    for (int i = 0; i < 2; i++) {
        snprintf(cmd, sizeof(cmd),
                 "ffmpeg -nostdin -v error -y -f lavfi -i testsrc2=size=160x120:rate=25:"
                 "duration=1 -pix_fmt yuv420p -c:v libx264 '%s/%s.mp4'",
                 r.pl_dir, i ? "b" : "a");
        CHECK(system(cmd) == 0);
    }
    char png[256];
    snprintf(png, sizeof(png), "%s/poster.png", r.pl_dir);
    make_png(png, 64, 48, 0xFF2060A0);
    put(r.playlist, "name: Video\n"
                    "defaults: {transition: fade, duration: 1s}\n"
                    "slides:\n"
                    "  - {type: video, file: a.mp4, loop: 2}\n"
                    "  - {type: image, file: poster.png}\n"
                    "  - {type: video, file: b.mp4}\n");
    start(&r, "--poll", "0", NULL);
    long one = 1, three = 3;
    CHECK(wait_for(&r, 8000, slide_is, &one));
    if (r.last) {
        long long len = t_of(r.last, "until") - t_of(r.last, "since");
        CHECK_MSG(len >= 2000 && len <= 2000 + scaled_ms(1000), "slide 1 lasts %lld ms", len);
    }
    CHECK(wait_for(&r, 8000, slide_is, &three));
    if (r.last) {
        long long len = t_of(r.last, "until") - t_of(r.last, "since");
        CHECK_MSG(len >= 1000 && len <= 1000 + scaled_ms(1000), "slide 3 lasts %lld ms", len);
    }
    CHECK(wait_for(&r, 8000, slide_is, &one));
    /* b.mp4 breaks on disk: the reload fails and the playlist plays on; when slide 3's clip is
     * opened again it is broken, said, and left. */
    snprintf(png, sizeof(png), "%s/b.mp4", r.pl_dir);
    put(png, "this is not a clip any more\n");
    CHECK(wait_for(&r, 8000, reload_failed, NULL));
    long long until = now_ms() + scaled_ms(15000);
    bool said = false;
    while (now_ms() < until && !said) {
        poll_status(&r);
        said = r.last && strstr(r.last, "slide 3: the video 'b.mp4' is not a video corridor");
        sleep_ms(10);
    }
    CHECK_MSG(said, "the broken clip was not said in the status file");
    CHECK(wait_for(&r, 8000, slide_is, &one));
    finish(&r);
}

/* ---- scenarios: urgent notices ------------------------------------------------------------ */

static bool urgent_titled(const char *j, const void *title)
{
    return strcmp(str(j, "type"), "urgent") == 0 && strcmp(str(j, "title"), title) == 0;
}

static bool slide_titled(const char *j, const void *title)
{
    return strcmp(str(j, "type"), "text") == 0 && strcmp(str(j, "title"), title) == 0;
}

static bool is_fallback(const char *j, const void *arg)
{
    (void)arg;
    return strcmp(str(j, "type"), "fallback") == 0;
}

static bool not_urgent(const char *j, const void *arg)
{
    (void)arg;
    return strcmp(str(j, "type"), "urgent") != 0 && t_of(j, "now") > 0;
}

static void urgent_path(const struct run *r, const char *name, char *buf, size_t size)
{
    snprintf(buf, size, "%s/%s", r->pl_dir, name);
}

/* Writes urgent.txt (in place and closed; by a rename into place when WHAT says "rename") and
 * waits for the status to say "urgent" with TITLE; returns the ms from the file's close to that
 * status, printed as WHAT. */
static long long drop_notice(struct run *r, const char *text, const char *title, const char *what)
{
    char path[256];
    urgent_path(r, "urgent.txt", path, sizeof(path));
    if (strstr(what, "rename"))
        put_by_rename(path, text);
    else
        put(path, text);
    long long t = now_ms();
    CHECK_MSG(wait_for(r, 5000, urgent_titled, title), "%s: the notice '%s' never came up", what,
              title);
    long long ms = now_ms() - t;
    printf("%s: status says \"urgent\" %lld ms after the file was closed\n", what, ms);
    CHECK_MSG(ms < scaled_ms(1000), "%s: %lld ms, more than a second", what, ms);
    return ms;
}

static void remove_notice(struct run *r, const char *name)
{
    char path[256];
    urgent_path(r, name, path, sizeof(path));
    CHECK(unlink(path) == 0);
}

/* Dropped, edited and removed during a slide: the notice cuts in, changes, and goes; the deck
 * comes back where the schedule is by then, not at its first slide. */
static void scenario_urgent_slide(void)
{
    struct run r;
    setup(&r);
    put(r.playlist, "name: Urgent\n"
                    "timezone: UTC\n"
                    "slides:\n"
                    "  - type: text\n"
                    "    title: Morning\n"
                    "    when: {hours: 10:00-10:02}\n"
                    "  - type: text\n"
                    "    title: Later\n"
                    "    when: {hours: 10:02-11:00}\n");
    start(&r, "--now", "2024-03-19 10:00", "--clock-rate", "60", "--poll", "0", NULL);
    CHECK(wait_for(&r, 5000, slide_titled, "Morning"));
    drop_notice(&r, "Ward 7 closed\r\nNorovirus: please do not visit today.\r\n", "Ward 7 closed",
                "dropped during a slide");
    CHECK_STR(str(r.last, "state"), "up");
    CHECK_STR(str(r.last, "style"), "full");
    CHECK(strstr(str(r.last, "file"), "/urgent.txt") != NULL);
    CHECK(strstr(r.last, "\"screens\": \"all\"") != NULL);
    drop_notice(&r, "Ward 7 open again at 14:00\n", "Ward 7 open again at 14:00",
                "edited while up, saved in place");
    drop_notice(&r, "Ward 7 open again at 15:00\n", "Ward 7 open again at 15:00",
                "edited while up, saved by a rename into place");
    /* Up past 10:02: the deck moved on unseen. */
    long long until = now_ms() + scaled_ms(10000);
    while (now_ms() < until && t_of(r.last, "now") < at("2024-03-19 10:02") + 5000) {
        poll_status(&r);
        CHECK(strcmp(str(r.last, "type"), "urgent") == 0);
        sleep_ms(5);
    }
    remove_notice(&r, "urgent.txt");
    long long t = now_ms();
    CHECK(wait_for(&r, 5000, not_urgent, NULL));
    printf("removed: back to the deck in %lld ms\n", now_ms() - t);
    CHECK_STR(str(r.last, "title"), "Later");
    CHECK(strstr(r.last, "\"urgent\": null") != NULL);
    /* The journal: one line when it went up, one when it came down. */
    CHECK_INT(log_count(&r, "urgent notice up"), 1);
    CHECK_INT(log_count(&r, "urgent notice down"), 1);
    finish(&r);
}

/* Dropped mid-transition (a slow fade), and while the fallback page is up. */
static void scenario_urgent_transition(void)
{
    struct run r;
    setup(&r);
    put(r.playlist, "name: Fades\n"
                    "timezone: UTC\n"
                    "defaults: {duration: 1s, transition: fade, transition_time: 4s}\n"
                    "slides:\n"
                    "  - type: text\n"
                    "    title: First\n"
                    "  - type: text\n"
                    "    title: Second\n");
    start(&r, "--poll", "0", NULL);
    CHECK(wait_for(&r, 5000, slide_titled, "First"));
    CHECK(wait_for(&r, 5000, slide_titled, "Second")); /* a 4 s fade has just begun */
    drop_notice(&r, "Lift B out of order\n", "Lift B out of order", "dropped mid-transition");
    remove_notice(&r, "urgent.txt");
    CHECK(wait_for(&r, 5000, not_urgent, NULL));
    finish(&r);

    setup(&r);
    put(r.playlist, "name: Nothing now\n"
                    "timezone: UTC\n"
                    "slides:\n"
                    "  - type: text\n"
                    "    title: Tomorrow\n"
                    "    when: {from: 2024-03-20}\n");
    start(&r, "--now", "2024-03-19 10:00", "--poll", "0", NULL);
    CHECK(wait_for(&r, 5000, is_fallback, NULL));
    drop_notice(&r, "Fire drill at 14:00\n", "Fire drill at 14:00", "dropped on the fallback page");
    remove_notice(&r, "urgent.txt");
    CHECK(wait_for(&r, 5000, is_fallback, NULL));
    finish(&r);

    /* A broken playlist does not stop a notice: it needs only the folder. */
    setup(&r);
    put(r.playlist, "slides:\n  - type: text\n    titel: Oops\n");
    start(&r, "--poll", "0", NULL);
    CHECK(wait_for(&r, 5000, is_fallback, NULL));
    drop_notice(&r, "Do not visit today\n", "Do not visit today", "dropped beside a broken playlist");
    finish(&r);
}

static bool has_problem(const char *j, const void *arg)
{
    (void)arg;
    return str(j, "problem")[0] != '\0';
}

/* UTF-16 from Notepad, a half-written file, an invalid urgent.yaml, and a share seen only by
 * polling. */
static void scenario_urgent_files(void)
{
    struct run r;
    setup(&r);
    put(r.playlist, "name: Files\ntimezone: UTC\nslides:\n  - type: text\n    title: First\n");
    start(&r, "--poll", "0", NULL);
    CHECK(wait_for(&r, 5000, slide_titled, "First"));
    char path[256];
    urgent_path(&r, "urgent.txt", path, sizeof(path));

    /* UTF-16 LE with its mark and Windows line ends: "Café closed\r\n" */
    static const char u16[] = "\xFF\xFE" "C\0a\0f\0\xE9\0 \0c\0l\0o\0s\0e\0d\0\r\0\n\0";
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (f) {
        fwrite(u16, 1, sizeof(u16) - 1, f);
        fclose(f);
    }
    CHECK_MSG(wait_for(&r, 5000, urgent_titled, "Caf\xC3\xA9 closed"), "UTF-16: %s",
              str(r.last, "title"));
    remove_notice(&r, "urgent.txt");
    CHECK(wait_for(&r, 5000, not_urgent, NULL));

    /* Half written: the first part, a pause, then the rest and the close. */
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0);
    CHECK(write(fd, "Ward 9 clo", 10) == 10);
    sleep_ms(400);
    CHECK(write(fd, "sed today\nSorry.\n", 17) == 17);
    CHECK(close(fd) == 0);
    CHECK(wait_for(&r, 5000, urgent_titled, "Ward 9 closed today"));
    remove_notice(&r, "urgent.txt");
    CHECK(wait_for(&r, 5000, not_urgent, NULL));

    /* An invalid urgent.yaml still shows its text, and says what is wrong. */
    char ypath[256];
    urgent_path(&r, "urgent.yaml", ypath, sizeof(ypath));
    put(ypath, "title: Lift B out of order\nstyle: huge\n");
    CHECK(wait_for(&r, 5000, urgent_titled, "Lift B out of order"));
    CHECK(wait_for(&r, 5000, has_problem, NULL));
    CHECK(strstr(str(r.last, "problem"), "urgent.yaml:2:8:") != NULL);
    put(ypath, "Ward 3: \"closed\n  - not yaml at all\n");
    long long t = now_ms();
    CHECK(wait_for(&r, 5000, urgent_titled, "Ward 3: \\\"closed"));
    printf("a broken urgent.yaml: status says \"urgent\" %lld ms after the file was closed\n",
           now_ms() - t);
    CHECK(has_problem(r.last, NULL));
    remove_notice(&r, "urgent.yaml");
    CHECK(wait_for(&r, 5000, not_urgent, NULL));
    finish(&r);

    /* Where inotify sees nothing (a network share): the poll finds it. */
    setenv("CORRIDOR_TEST_NO_INOTIFY", "1", 1);
    setup(&r);
    put(r.playlist, "name: Polled\ntimezone: UTC\nslides:\n  - type: text\n    title: First\n");
    start(&r, "--poll", "0.2", NULL);
    CHECK(wait_for(&r, 5000, slide_titled, "First"));
    urgent_path(&r, "urgent.txt", path, sizeof(path));
    put(path, "Polled notice\n");
    t = now_ms();
    CHECK(wait_for(&r, 5000, urgent_titled, "Polled notice"));
    long long ms = now_ms() - t;
    printf("found by polling every 0.2 s: status says \"urgent\" after %lld ms\n", ms);
    CHECK(ms < scaled_ms(1200));
    finish(&r);
    unsetenv("CORRIDOR_TEST_NO_INOTIFY");
}

static bool urgent_state(const char *j, const void *state)
{
    return strcmp(str(j, "state"), state) == 0;
}

/* `until` in the past and passing during play; screens named and not. */
static void scenario_urgent_options(void)
{
    struct run r;
    setup(&r);
    put(r.playlist, "name: Options\ntimezone: UTC\nslides:\n  - type: text\n    title: First\n");
    start(&r, "--now", "2024-03-19 10:00", "--clock-rate", "60", "--poll", "0", "--screen",
          "ward-7", NULL);
    CHECK(wait_for(&r, 5000, slide_titled, "First"));
    char ypath[256];
    urgent_path(&r, "urgent.yaml", ypath, sizeof(ypath));

    put(ypath, "title: Yesterday's drill\nuntil: 2024-03-18 17:00\n");
    CHECK(wait_for(&r, 5000, urgent_state, "ended"));
    CHECK_STR(str(r.last, "type"), "text");

    put(ypath, "title: Drill now\nuntil: 2024-03-19 10:03\n");
    CHECK(wait_for(&r, 5000, urgent_titled, "Drill now"));
    const char *obj = strstr(r.last, "\"urgent\": {");
    CHECK(obj && t_of(obj, "until") == at("2024-03-19 10:03"));
    CHECK(wait_for(&r, 10000, urgent_state, "ended"));
    CHECK_STR(str(r.last, "type"), "text");
    long long now = t_of(r.last, "now");
    CHECK_MSG(now >= at("2024-03-19 10:03") && now < at("2024-03-19 10:03") + 20000,
              "the notice ended at %lld, its until %lld", now, at("2024-03-19 10:03"));

    put(ypath, "title: Ward 9 only\nscreens: [ward-9]\n");
    CHECK(wait_for(&r, 5000, urgent_state, "other screens"));
    CHECK_STR(str(r.last, "type"), "text");
    put(ypath, "title: Wards 7 and 9\nscreens: [ward-9, ward-7]\nstyle: banner\n");
    CHECK(wait_for(&r, 5000, urgent_state, "up"));
    /* A banner leaves the slide up under it. */
    CHECK_STR(str(r.last, "type"), "text");
    CHECK_STR(str(r.last, "style"), "banner");
    CHECK(strstr(r.last, "\"screens\": [\"ward-9\", \"ward-7\"]") != NULL);
    finish(&r);
}

/* ---- scenarios: the screen's power ------------------------------------------------------- */

static const char power_playlist[] = "name: Power\n"
                                     "timezone: UTC\n"
                                     "defaults: {duration: 2s, transition: none}\n"
                                     "power:\n"
                                     "  weekdays: [07:00-10:05, 10:07-19:30]\n"
                                     "  weekends: off\n"
                                     "slides:\n"
                                     "  - {type: text, title: One}\n"
                                     "  - {type: text, title: Two}\n";

/* The status's power object (it comes last, so its keys are found after "power"). */
static const char *power_of(const char *j)
{
    const char *p = json_after(j, "power");
    return p ? p : "";
}

static bool power_is(const char *j, const void *on)
{
    const char *p = json_after(power_of(j), "on");
    return p && strncmp(p, on ? "true" : "false", on ? 4 : 5) == 0;
}

/* The power object's "since" is WHEN, give or take a wake of the loop at 60 times real time. */
static void check_power_since(const char *pw, const char *when)
{
    long long d = t_of(pw, "since") - at(when);
    CHECK_MSG(d >= 0 && d < 60 * scaled_ms(250), "since %s, expected %s", str(pw, "since"), when);
}

/* Across an "off" and an "on" on the fast clock: at 10:05 the screen goes off (a black frame,
 * then no drawing and no waking for the slides' 2 s pages), and at 10:07 it comes on with the
 * slides again. Under the dummy driver there is neither CEC nor DPMS: the status says so. */
static void scenario_power(void)
{
    struct run r;
    setup(&r);
    put(r.playlist, power_playlist);
    start(&r, "--now", "2024-03-19 10:00", "--clock-rate", "60", "--poll", "0", NULL);
    CHECK(wait_for(&r, 15000, power_is, NULL));
    const char *pw = power_of(r.last);
    CHECK(flag(pw, "managed"));
    CHECK_STR(str(pw, "why"), "screen off (power: weekdays 07:00-10:05, 10:07-19:30)");
    check_power_since(pw, "2024-03-19 10:05");
    CHECK_INT(t_of(pw, "next_change"), at("2024-03-19 10:07"));
    CHECK(strstr(pw, "\"cec\": null") != NULL);
    CHECK(strstr(pw, "\"dpms\": null") != NULL);
    long frames_off = num(r.last, "frames"), wakeups_off = num(r.last, "wakeups");

    CHECK(wait_for(&r, 10000, power_is, (const void *)1));
    pw = power_of(r.last);
    CHECK_STR(str(pw, "why"), "screen on (power: weekdays 07:00-10:05, 10:07-19:30)");
    check_power_since(pw, "2024-03-19 10:07");
    CHECK_INT(t_of(pw, "next_change"), at("2024-03-19 19:30"));
    CHECK_STR(str(r.last, "type"), "text");
    /* Two minutes of 2 s pages went by unseen: no frame drawn for them (the redraw at "on" is
     * one), and the loop slept through them. */
    long frames_on = num(r.last, "frames"), wakeups_on = num(r.last, "wakeups");
    printf("2 minutes off (2 s pages): %ld frames, %ld wake-ups\n", frames_on - frames_off,
           wakeups_on - wakeups_off);
    CHECK_MSG(frames_on - frames_off <= 2, "%ld frames drawn while off", frames_on - frames_off);
    CHECK_MSG(wakeups_on - wakeups_off <= 10, "%ld wake-ups while off", wakeups_on - wakeups_off);
    /* The slides play on afterwards. */
    CHECK(wait_for(&r, 5000, slide_titled, "Two"));
    /* The journal: one line per change. */
    CHECK_INT(log_count(&r, "power: screen off (power:"), 1);
    CHECK_INT(log_count(&r, "power: screen on (power:"), 1);
    finish(&r);
}

/* At night an urgent notice wakes the screen; removing it sends the screen back to sleep. */
static void scenario_power_urgent(void)
{
    struct run r;
    setup(&r);
    put(r.playlist, "name: Night\n"
                    "timezone: UTC\n"
                    "power:\n"
                    "  weekdays: 07:00-08:00\n"
                    "slides:\n"
                    "  - {type: text, title: Day}\n");
    start(&r, "--now", "2024-03-19 22:00", "--clock-rate", "60", "--poll", "0", NULL);
    CHECK(wait_for(&r, 5000, power_is, NULL));
    CHECK_STR(str(r.last, "type"), "text");
    drop_notice(&r, "Ward 7 closed\nPlease use the east entrance.\n", "Ward 7 closed",
                "dropped at night");
    CHECK(power_is(r.last, (const void *)1));
    CHECK_STR(str(power_of(r.last), "why"), "screen on for the urgent notice");
    remove_notice(&r, "urgent.txt");
    CHECK(wait_for(&r, 5000, power_is, NULL));
    CHECK_STR(str(power_of(r.last), "why"), "screen off (power: weekdays 07:00-08:00)");
    finish(&r);
}

/* never_sleep: the schedule is not followed on this screen. */
static void scenario_power_never(void)
{
    struct run r;
    setup(&r);
    put(r.playlist, power_playlist);
    start(&r, "--now", "2024-03-19 10:06", "--clock-rate", "60", "--poll", "0", "--never-sleep",
          NULL);
    CHECK(wait_for(&r, 5000, has_status, NULL));
    CHECK(power_is(r.last, (const void *)1));
    CHECK(!flag(power_of(r.last), "managed"));
    CHECK_INT(log_count(&r, "screen off"), 0);
    finish(&r);
}

/* Video slides under a full urgent notice: the clip is not drawn, so its frames are not timed
 * (the notice is not drawn again at the clip's rate); when the notice goes, the clip plays on,
 * never said as stalled. */
static void scenario_video_urgent(void)
{
    if (!video_can_run())
        return;
    struct run r;
    setup(&r);
    char cmd[1024];
    for (int i = 0; i < 2; i++) {
        snprintf(cmd, sizeof(cmd),
                 "ffmpeg -nostdin -v error -y -f lavfi -i testsrc2=size=160x120:rate=25:"
                 "duration=1 -pix_fmt yuv420p -c:v libx264 '%s/%s.mp4'",
                 r.pl_dir, i ? "b" : "a");
        CHECK(system(cmd) == 0);
    }
    put(r.playlist, "name: Video under a notice\n"
                    "defaults: {transition: none}\n"
                    "slides:\n"
                    "  - {type: video, file: a.mp4, duration: 1s}\n"
                    "  - {type: video, file: b.mp4, duration: 1s}\n");
    start(&r, "--poll", "0", NULL);
    long one = 1;
    CHECK(wait_for(&r, 8000, slide_is, &one));
    drop_notice(&r, "Lift B out of order\n", "Lift B out of order", "dropped over a video slide");
    /* The deck moves on unseen each second, and says so in the status file with its frames. */
    long f0 = num(r.last, "frames");
    long long t0 = now_ms();
    while (now_ms() < t0 + scaled_ms(3000))
        if (!poll_status(&r))
            sleep_ms(10);
    long under = num(r.last, "frames") - f0;
    long long waited = now_ms() - t0;
    printf("under the notice: %ld frames in %lld ms\n", under, waited);
    /* At most 5 frames a second (one a second as the deck moves on), not the clip's 25. */
    CHECK_MSG(under <= 5 * waited / 1000, "%ld frames under a full notice in %lld ms", under,
              waited);
    CHECK_STR(str(r.last, "type"), "urgent");
    remove_notice(&r, "urgent.txt");
    CHECK(wait_for(&r, 5000, not_urgent, NULL));
    CHECK_STR(str(r.last, "type"), "video");
    long f1 = num(r.last, "frames");
    t0 = now_ms();
    while (now_ms() < t0 + scaled_ms(3000)) {
        if (!poll_status(&r))
            sleep_ms(10);
        CHECK_MSG(!strstr(r.last, "the video '"), "said after the notice: %s",
                  str(r.last, "problem"));
    }
    long after = num(r.last, "frames") - f1;
    printf("after the notice: %ld frames in %lld ms\n", after, now_ms() - t0);
    CHECK_MSG(after >= 20, "only %ld frames in 3 s of 25 frames a second", after);
    finish(&r);
}

/* A video slide at night: while the screen is off no clip is opened or drawn, and the loop does
 * not wake at the clip's rate. */
static void scenario_power_video(void)
{
    if (!video_can_run())
        return;
    struct run r;
    setup(&r);
    make_clip(&r, "a.mp4");
    put(r.playlist, "name: Video at night\n"
                    "timezone: UTC\n"
                    "defaults: {transition: none}\n"
                    "power:\n"
                    "  every day: 07:00-08:00\n"
                    "slides:\n"
                    "  - {type: video, file: a.mp4, duration: 2s}\n");
    start(&r, "--now", "2024-03-19 22:00", "--poll", "0", NULL);
    CHECK(wait_for(&r, 8000, power_is, NULL));
    long f0 = num(r.last, "frames"), w0 = num(r.last, "wakeups");
    sleep_ms(scaled_ms(2000));
    /* The status is written again only when something changes: the notice shows what the two
     * seconds off cost. */
    drop_notice(&r, "Lift B out of order\n", "Lift B out of order", "dropped at night");
    CHECK(power_is(r.last, (const void *)1));
    long frames = num(r.last, "frames") - f0, wakeups = num(r.last, "wakeups") - w0;
    printf("2 s off with a 25 fps clip: %ld frames, %ld wake-ups\n", frames, wakeups);
    CHECK_MSG(frames <= 2, "%ld frames while off", frames);
    CHECK_MSG(wakeups <= 10, "%ld wake-ups while off", wakeups);
    CHECK_INT(log_count(&r, "the video '"), 0);
    finish(&r);
}

int main(int argc, char **argv)
{
    static const struct {
        const char *name;
        void (*run)(void);
    } scenarios[] = {
        {"order", scenario_order},
        {"when", scenario_when},
        {"fallback", scenario_fallback},
        {"sessions", scenario_sessions},
        {"midnight", scenario_midnight},
        {"reload_edits", scenario_reload_edits},
        {"reload_broken", scenario_reload_broken},
        {"reload_image", scenario_reload_image},
        {"swap_picture", scenario_swap_picture},
        {"reload_folder", scenario_reload_folder},
        {"reload_poll", scenario_reload_poll},
        {"broken_start", scenario_broken_start},
        {"signals", scenario_signals},
        {"displays", scenario_displays},
        {"idle", scenario_idle},
        {"video", scenario_video},
        {"urgent_slide", scenario_urgent_slide},
        {"urgent_transition", scenario_urgent_transition},
        {"urgent_files", scenario_urgent_files},
        {"urgent_options", scenario_urgent_options},
        {"untrusted_clock", scenario_untrusted_clock},
        {"settle", scenario_settle},
        {"symlink_swap", scenario_symlink_swap},
        {"power", scenario_power},
        {"power_urgent", scenario_power_urgent},
        {"power_never", scenario_power_never},
        {"power_video", scenario_power_video},
        {"video_urgent", scenario_video_urgent},
#ifdef COR_VALGRIND
        {"valgrind", scenario_valgrind},
#endif
#ifdef COR_HAVE_SYSTEMD
        {"notify", scenario_notify},
        {"big_load", scenario_big_load},
#endif
    };
    signal(SIGPIPE, SIG_IGN);
    bool ran = false;
    for (size_t i = 0; i < sizeof(scenarios) / sizeof(scenarios[0]); i++) {
        bool all = argc < 2 && strcmp(scenarios[i].name, "valgrind") != 0;
        if (all || (argc >= 2 && strcmp(argv[1], scenarios[i].name) == 0)) {
            printf("== %s\n", scenarios[i].name);
            fflush(stdout);
            scenarios[i].run();
            ran = true;
        }
    }
    if (!ran) {
        fprintf(stderr, "no scenario called %s\n", argv[1]);
        return 2;
    }
    if (skipped && argc >= 2)
        return CHECK_DONE() == 0 ? 77 : 1;
    return CHECK_DONE();
}
