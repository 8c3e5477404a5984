/* test_metrics.c: the Prometheus textfile's content after a good load, a failed reload and a
 * clock change, and `promtool check metrics` on each when promtool is installed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "config.h"
#include "metrics.h"

/* The sample line of METRIC (with its labels, if any) in TEXT, e.g. "corridor_up 1". */
static const char *sample(const char *text, const char *metric, char *line, size_t size)
{
    size_t n = strlen(metric);
    for (const char *p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
        if (strncmp(p, metric, n) == 0 && (p[n] == ' ' || p[n] == '{')) {
            const char *end = strchr(p, '\n');
            size_t len = end ? (size_t)(end - p) : strlen(p);
            snprintf(line, size, "%.*s", (int)(len < size ? len : size - 1), p);
            return line;
        }
    }
    return "(missing)";
}

#define CHECK_SAMPLE(text, metric, want)                                                           \
    do {                                                                                           \
        char line_[512];                                                                           \
        CHECK_STR(sample(text, metric, line_, sizeof(line_)), want);                              \
    } while (0)

static bool have_promtool(void)
{
    return system("command -v promtool >/dev/null 2>&1") == 0;
}

/* promtool check metrics accepts TEXT (with no lint problem at all). */
static void promtool_accepts(const char *text, const char *what)
{
    if (!have_promtool())
        return;
    char path[] = "/tmp/corridor-metrics-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    if (fd < 0)
        return;
    FILE *f = fdopen(fd, "w");
    fputs(text, f);
    fclose(f);
    char cmd[256];
    snprintf(cmd, sizeof(cmd), "promtool check metrics < %s", path);
    int rc = system(cmd);
    CHECK_MSG(rc == 0, "promtool refused the metrics %s", what);
    unlink(path);
}

static const char *const errors[] = {"ward.yaml:3:7: 'Tusday' is not a day; did you mean Tuesday?",
                                     "ward.yaml:9:1: slide 2 has no title"};
static const char *const warnings[] = {"ward.yaml:12:3: the picture is small"};

static struct cor_status good(void)
{
    return (struct cor_status){
        .screen = "ward-12 \"east\"",
        .has_playlist = true,
        .playlist_path = "/var/lib/corridor/playlist/ward.yaml",
        .playlist_name = "Ward",
        .hash = 0x05ccbdadb66b2576ULL,
        .loaded_at_ms = 1710842400000LL,
        .generation = 1,
        .slide_index = 3,
        .slide_type = "text",
        .page = 2,
        .pages = 2,
        .reload_ok = true,
        .reload_at_ms = 1710842400000LL,
        .warnings = warnings,
        .n_warnings = 1,
        .now_ms = 1710842460500LL,
        .started_ms = 1710842399000LL,
        .clock_trusted = true,
        .rss_kb = 20000,
        .frames = 42,
        .video_dropped = 3,
        .last_frame_ms = 1710842460250LL,
    };
}

static void test_good_load(void)
{
    struct cor_status s = good();
    char *text = cor_metrics_text(&s, true);
    CHECK(text);
    if (!text)
        return;
    CHECK_SAMPLE(text, "corridor_up", "corridor_up 1");
    CHECK_SAMPLE(text, "corridor_info",
                 "corridor_info{screen=\"ward-12 \\\"east\\\"\","
                 "playlist=\"/var/lib/corridor/playlist/ward.yaml\","
                 "playlist_hash=\"05ccbdadb66b2576\",version=\"" CORRIDOR_VERSION "\"} 1");
    CHECK_SAMPLE(text, "corridor_start_time_seconds", "corridor_start_time_seconds 1710842399");
    CHECK_SAMPLE(text, "corridor_playlist_generation", "corridor_playlist_generation 1");
    CHECK_SAMPLE(text, "corridor_playlist_loaded_timestamp_seconds",
                 "corridor_playlist_loaded_timestamp_seconds 1710842400");
    CHECK_SAMPLE(text, "corridor_last_reload_ok", "corridor_last_reload_ok 1");
    CHECK_SAMPLE(text, "corridor_playlist_errors", "corridor_playlist_errors 0");
    CHECK_SAMPLE(text, "corridor_playlist_warnings", "corridor_playlist_warnings 1");
    CHECK_SAMPLE(text, "corridor_clock_trusted", "corridor_clock_trusted 1");
    CHECK_SAMPLE(text, "corridor_last_frame_timestamp_seconds",
                 "corridor_last_frame_timestamp_seconds 1710842460.25");
    CHECK_SAMPLE(text, "corridor_frames_total", "corridor_frames_total 42");
    CHECK_SAMPLE(text, "corridor_video_dropped_frames_total",
                 "corridor_video_dropped_frames_total 3");
    CHECK_SAMPLE(text, "corridor_slide_index", "corridor_slide_index 3");
    CHECK_SAMPLE(text, "corridor_slide_page", "corridor_slide_page 2");
    CHECK_SAMPLE(text, "corridor_urgent_notice_up", "corridor_urgent_notice_up 0");
    CHECK_SAMPLE(text, "corridor_display_on", "corridor_display_on 1");
    CHECK_SAMPLE(text, "corridor_display_power_managed", "corridor_display_power_managed 0");
    CHECK_SAMPLE(text, "corridor_resident_memory_bytes", "corridor_resident_memory_bytes 20480000");
    CHECK(strstr(text, "# TYPE corridor_frames_total counter\n"));
    CHECK(strstr(text, "# TYPE corridor_up gauge\n"));
    promtool_accepts(text, "after a good load");
    free(text);

    /* Off for the night by the power schedule, back on at 07:00. */
    struct cor_status_power power = {.on = false, .managed = true, .why = "ward closed",
                                     .next_change_ms = 1710831600000LL};
    s.power = &power;
    text = cor_metrics_text(&s, true);
    CHECK_SAMPLE(text, "corridor_display_on", "corridor_display_on 0");
    CHECK_SAMPLE(text, "corridor_display_power_managed", "corridor_display_power_managed 1");
    CHECK_SAMPLE(text, "corridor_display_next_change_timestamp_seconds",
                 "corridor_display_next_change_timestamp_seconds 1710831600");
    promtool_accepts(text, "with the screen off for the night");
    free(text);
    s.power = NULL;

    /* Stopping: up 0, the rest as it was. */
    text = cor_metrics_text(&s, false);
    CHECK_SAMPLE(text, "corridor_up", "corridor_up 0");
    promtool_accepts(text, "as the player stops");
    free(text);
}

static void test_failed_reload(void)
{
    struct cor_status s = good();
    s.reload_ok = false;
    s.reload_at_ms = 1710842520000LL;
    s.errors = errors;
    s.n_errors = 2;
    s.n_warnings = 0;
    struct cor_status_urgent u = {.state = "up", .title = "Lift out of order"};
    s.urgent = &u;
    char *text = cor_metrics_text(&s, true);
    CHECK_SAMPLE(text, "corridor_last_reload_ok", "corridor_last_reload_ok 0");
    CHECK_SAMPLE(text, "corridor_last_reload_timestamp_seconds",
                 "corridor_last_reload_timestamp_seconds 1710842520");
    CHECK_SAMPLE(text, "corridor_playlist_errors", "corridor_playlist_errors 2");
    CHECK_SAMPLE(text, "corridor_playlist_warnings", "corridor_playlist_warnings 0");
    /* The last good playlist plays on: its generation, load time and hash stay. */
    CHECK_SAMPLE(text, "corridor_playlist_generation", "corridor_playlist_generation 1");
    CHECK_SAMPLE(text, "corridor_playlist_loaded_timestamp_seconds",
                 "corridor_playlist_loaded_timestamp_seconds 1710842400");
    CHECK(strstr(text, "playlist_hash=\"05ccbdadb66b2576\""));
    CHECK_SAMPLE(text, "corridor_urgent_notice_up", "corridor_urgent_notice_up 1");
    promtool_accepts(text, "after a failed reload");
    free(text);

    /* Never loaded: the stand-in plays, generation 0, no hash. */
    s.has_playlist = false;
    s.slide_index = 0;
    text = cor_metrics_text(&s, true);
    CHECK_SAMPLE(text, "corridor_playlist_generation", "corridor_playlist_generation 0");
    CHECK_SAMPLE(text, "corridor_playlist_loaded_timestamp_seconds",
                 "corridor_playlist_loaded_timestamp_seconds 0");
    CHECK(strstr(text, "playlist=\"\",playlist_hash=\"\""));
    promtool_accepts(text, "with no playlist loaded");
    free(text);
}

/* A Pi without a real-time clock boots in the past; the clock is set later by NTP. */
static void test_clock_change(void)
{
    struct cor_status s = good();
    s.clock_trusted = false;
    s.now_ms = 978307260000LL; /* 2001-01-01 00:01 */
    s.started_ms = 978307200000LL;
    s.loaded_at_ms = s.reload_at_ms = 978307200000LL;
    s.last_frame_ms = 978307259000LL;
    char *text = cor_metrics_text(&s, true);
    CHECK_SAMPLE(text, "corridor_clock_trusted", "corridor_clock_trusted 0");
    CHECK_SAMPLE(text, "corridor_last_frame_timestamp_seconds",
                 "corridor_last_frame_timestamp_seconds 978307259");
    promtool_accepts(text, "with an untrusted clock");
    free(text);

    /* The clock jumps to the right time: trusted, and frames after it carry the new time. */
    s.clock_trusted = true;
    s.now_ms = 1710842460000LL;
    s.last_frame_ms = 1710842460000LL;
    text = cor_metrics_text(&s, true);
    CHECK_SAMPLE(text, "corridor_clock_trusted", "corridor_clock_trusted 1");
    CHECK_SAMPLE(text, "corridor_last_frame_timestamp_seconds",
                 "corridor_last_frame_timestamp_seconds 1710842460");
    promtool_accepts(text, "after the clock was set");
    free(text);
}

/* Written atomically: the file is whole, and no temporary file is left beside it. */
static void test_write(void)
{
    char dir[] = "/tmp/corridor-metrics-dir-XXXXXX";
    CHECK(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof(path), "%s/corridor.prom", dir);
    struct cor_status s = good();
    CHECK(cor_metrics_write(path, &s, true));
    FILE *f = fopen(path, "r");
    CHECK(f);
    char buf[8192];
    size_t n = f ? fread(buf, 1, sizeof(buf) - 1, f) : 0;
    buf[n] = '\0';
    if (f)
        fclose(f);
    char *want = cor_metrics_text(&s, true);
    CHECK_STR(buf, want);
    free(want);
    CHECK(n > 0 && buf[n - 1] == '\n');
    unlink(path);
    CHECK(rmdir(dir) == 0); /* nothing else was left in it */
}

int main(void)
{
    test_good_load();
    test_failed_reload();
    test_clock_change();
    test_write();
    if (!have_promtool())
        printf("note: promtool is not installed (Debian's prometheus package); the metrics were "
               "not checked with it\n");
    printf("%d passed, %d failed\n", check_passed, check_failed);
    return check_failed ? 1 : 0;
}
