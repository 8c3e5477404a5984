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
/* Under systemd: READY=1 once the first frame is up, and WATCHDOG=1 at half the interval. */
static void scenario_notify(void)
{
    struct run r;
    setup(&r);
    put_version(r.playlist, "v1", false);
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    snprintf(addr.sun_path, sizeof(addr.sun_path), "%s/notify", r.root);
    int sock = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    CHECK(sock >= 0);
    CHECK(bind(sock, (struct sockaddr *)&addr, sizeof(addr)) == 0);
    struct timeval tv = {0, 50000};
    setsockopt(sock, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    setenv("NOTIFY_SOCKET", addr.sun_path, 1);
    setenv("WATCHDOG_USEC", "200000", 1);
    start(&r, "--poll", "0", NULL);
    unsetenv("NOTIFY_SOCKET");
    unsetenv("WATCHDOG_USEC");
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

static bool slide_is(const char *j, const void *index)
{
    return num(j, "index") == *(const long *)index;
}

/* Two clips and a picture, faded between: each clip's slide lasts its loops and its fade; a clip
 * that breaks on disk is said in the status file and the deck moves on from it. */
static void scenario_video(void)
{
    if (!cor_video_built() || system("ffmpeg -version >/dev/null 2>&1") != 0) {
        printf("skipped: no video in this build, or no ffmpeg command\n");
        return;
    }
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
        CHECK_MSG(len >= 2000 && len <= 2000 + 1000, "slide 1 lasts %lld ms", len);
    }
    CHECK(wait_for(&r, 8000, slide_is, &three));
    if (r.last) {
        long long len = t_of(r.last, "until") - t_of(r.last, "since");
        CHECK_MSG(len >= 1000 && len <= 1000 + 1000, "slide 3 lasts %lld ms", len);
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
        {"reload_folder", scenario_reload_folder},
        {"reload_poll", scenario_reload_poll},
        {"broken_start", scenario_broken_start},
        {"signals", scenario_signals},
        {"displays", scenario_displays},
        {"idle", scenario_idle},
        {"video", scenario_video},
#ifdef COR_VALGRIND
        {"valgrind", scenario_valgrind},
#endif
#ifdef COR_HAVE_SYSTEMD
        {"notify", scenario_notify},
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
    return CHECK_DONE();
}
