/* test_status.c: the status file's JSON (escaping, fields) and atomic writing. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "drm.h"
#include "status.h"

static char *json_of(const char *s)
{
    struct cor_buf b = {0};
    cor_buf_json_string(&b, s);
    CHECK(!b.failed);
    return b.data;
}

static void test_escaping(void)
{
    struct {
        const char *in, *out;
    } cases[] = {
        {"plain", "\"plain\""},
        {"say \"hi\"", "\"say \\\"hi\\\"\""},
        {"C:\\ward", "\"C:\\\\ward\""},
        {"a\nb\tc\r", "\"a\\nb\\tc\\r\""},
        {"\x01\x1f\x7f", "\"\\u0001\\u001f\\u007f\""},
        {"caf\xc3\xa9 \xe2\x80\x93 \xf0\x9f\x98\x80",
         "\"caf\xc3\xa9 \xe2\x80\x93 \xf0\x9f\x98\x80\""},
        {"bad \xff byte", "\"bad \xef\xbf\xbd byte\""},
        {"cut \xe2\x80", "\"cut \xef\xbf\xbd\xef\xbf\xbd\""},
        {"overlong \xc0\xaf", "\"overlong \xef\xbf\xbd\xef\xbf\xbd\""},
        {"surrogate \xed\xa0\x80", "\"surrogate \xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\""},
        {"", "\"\""},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *j = json_of(cases[i].in);
        CHECK_STR(j, cases[i].out);
        free(j);
    }
    char *j = json_of(NULL);
    CHECK_STR(j, "null");
    free(j);
}

static void test_utc(void)
{
    char buf[40];
    cor_format_utc(1710844205250LL, buf, sizeof(buf));
    CHECK_STR(buf, "2024-03-19T10:30:05.250Z");
    cor_format_utc(-1, buf, sizeof(buf));
    CHECK_STR(buf, "1969-12-31T23:59:59.999Z");
}

static void test_json(void)
{
    struct cor_session sessions[2] = {{.title = "Drop-in \"clinic\""}, {.title = "Talk"}};
    struct cor_session_view views[2] = {{&sessions[0], COR_SESSION_ON_NOW},
                                        {&sessions[1], COR_SESSION_NEXT}};
    const char *errors[] = {"pl.yaml:3:7: unknown key 'titel'; did you mean 'title'?"};
    struct cor_status st = {
        .screen = "ward-7",
        .has_playlist = true,
        .playlist_path = "/srv/pl.yaml",
        .hash = 0xabcdef,
        .loaded_at_ms = 1710844205000LL,
        .generation = 3,
        .slide_index = 2,
        .slide_type = "sessions",
        .slide_title = "Today's sessions",
        .page = 1,
        .pages = 2,
        .since_ms = 1710844205000LL,
        .until_ms = 1710844215000LL,
        .sessions = views,
        .n_sessions = 2,
        .reload_ok = false,
        .reload_at_ms = 1710844206000LL,
        .errors = errors,
        .n_errors = 1,
        .now_ms = 1710844207000LL,
        .clock_trusted = true,
        .uptime_s = 12,
        .rss_kb = 4096,
        .transition_frames = 48,
        .frame_ms_median = 6.04,
        .frame_ms_p99 = 11.2,
        .frame_ms_worst = 12.9,
    };
    char *j = cor_status_json(&st);
    CHECK(j != NULL);
    CHECK_CONTAINS(j,
                   "\"playlist\": {\"path\": \"/srv/pl.yaml\", \"name\": null, "
                   "\"hash\": \"0000000000abcdef\", \"loaded_at\": \"2024-03-19T10:30:05.000Z\"");
    CHECK_CONTAINS(j, "\"slide\": {\"index\": 2, \"type\": \"sessions\", \"title\": \"Today's "
                      "sessions\", \"page\": 1, \"pages\": 2");
    CHECK_CONTAINS(j, "\"until\": \"2024-03-19T10:30:15.000Z\"");
    CHECK_CONTAINS(j, "{\"title\": \"Drop-in \\\"clinic\\\"\", \"state\": \"on now\"}");
    CHECK_CONTAINS(j, "{\"title\": \"Talk\", \"state\": \"next\"}");
    CHECK_CONTAINS(j, "\"reload\": {\"ok\": false, \"at\": \"2024-03-19T10:30:06.000Z\", "
                      "\"errors\": [\"pl.yaml:3:7: unknown key 'titel'; did you mean 'title'?\"], "
                      "\"warnings\": []}");
    CHECK_CONTAINS(j, "\"screen\": \"ward-7\"");
    CHECK_CONTAINS(j, "\"rss_kb\": 4096");
    CHECK_CONTAINS(j, "\"transition_frames\": {\"count\": 48, \"median_ms\": 6.0, "
                      "\"p99_ms\": 11.2, \"worst_ms\": 12.9}");
    free(j);

    st.has_playlist = false;
    st.sessions = NULL;
    st.slide_type = "fallback";
    st.slide_title = NULL;
    st.until_ms = 0;
    j = cor_status_json(&st);
    CHECK_CONTAINS(j, "\"playlist\": null");
    CHECK_CONTAINS(j, "\"type\": \"fallback\", \"title\": null");
    CHECK_CONTAINS(j, "\"until\": null");
    CHECK(strstr(j, "sessions\": [") == NULL);
    CHECK_CONTAINS(j, "\"connectors\": null"); /* in a window: no DRM connectors */
    CHECK_CONTAINS(j, "\"last_frame\": null");
    free(j);

    /* On the console: each connector of each card and its state; when the last frame went up. */
    struct cor_drm_state drm = {.has_dri = true, .n_cards = 1};
    drm.cards[0].number = 1;
    drm.cards[0].n_connectors = 3;
    drm.cards[0].connectors[0] = (struct cor_drm_connector){"HDMI-A-1", COR_DRM_CONNECTED};
    drm.cards[0].connectors[1] = (struct cor_drm_connector){"HDMI-A-2", COR_DRM_DISCONNECTED};
    drm.cards[0].connectors[2] = (struct cor_drm_connector){"DSI-1", COR_DRM_UNKNOWN};
    st.displays = &drm;
    st.last_frame_ms = 1710844206500LL;
    j = cor_status_json(&st);
    CHECK_CONTAINS(j, "\"connectors\": [{\"card\": 1, \"name\": \"HDMI-A-1\", \"state\": "
                      "\"connected\"}, {\"card\": 1, \"name\": \"HDMI-A-2\", \"state\": "
                      "\"disconnected\"}, {\"card\": 1, \"name\": \"DSI-1\", \"state\": "
                      "\"unknown\"}]");
    CHECK_CONTAINS(j, "\"last_frame\": \"2024-03-19T10:30:06.500Z\"");
    free(j);
}

static void test_atomic(void)
{
    char dir[] = "/tmp/corridor-test-status-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char path[256];
    snprintf(path, sizeof(path), "%s/status.json", dir);
    CHECK(cor_write_atomic(path, "one\n", 4));
    CHECK(cor_write_atomic(path, "second\n", 7));
    FILE *f = fopen(path, "r");
    char buf[32] = {0};
    CHECK(f && fread(buf, 1, sizeof(buf) - 1, f) == 7);
    if (f)
        fclose(f);
    CHECK_STR(buf, "second\n");
    struct stat st;
    CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0644);
    /* nothing else left behind in the folder */
    DIR *d = opendir(dir);
    int entries = 0;
    struct dirent *e;
    while (d && (e = readdir(d)))
        entries += e->d_name[0] != '.' || (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."));
    if (d)
        closedir(d);
    CHECK_INT(entries, 1);
    /* a folder that does not exist fails, and says so */
    CHECK(!cor_write_atomic("/nonexistent-corridor/status.json", "x", 1));
    unlink(path);
    rmdir(dir);
    CHECK(cor_rss_kb() > 0);
}

/* The power object: what was sent to the TV and what it answered; null where there is no CEC
 * adapter or DPMS; the whole file stays valid JSON (it ends the object). */
static void test_power_json(void)
{
    struct cor_status_power pw = {
        .on = false,
        .managed = true,
        .why = "screen off (power: weekdays 07:00-19:30)",
        .since_ms = 1710876600000LL,
        .sent_ms = 1710876600000LL,
        .next_change_ms = 1710918000000LL,
        .cec_port = "/dev/cec0",
        .cec_sent = "standby",
        .cec_bytes = "40:36",
        .cec_result = "ok",
        .tv_power = "standby",
        .dpms = "off",
    };
    struct cor_status st = {.screen = "ward-7", .slide_type = "fallback", .power = &pw};
    char *j = cor_status_json(&st);
    CHECK_CONTAINS(j, "\"power\": {\"on\": false, \"managed\": true, \"why\": \"screen off "
                      "(power: weekdays 07:00-19:30)\", \"since\": \"2024-03-19T19:30:00.000Z\", "
                      "\"next_change\": \"2024-03-20T07:00:00.000Z\", \"sent\": "
                      "\"2024-03-19T19:30:00.000Z\",\n    \"cec\": {\"port\": \"/dev/cec0\", "
                      "\"sent\": \"standby\", \"bytes\": \"40:36\", \"result\": \"ok\", \"tv\": "
                      "\"standby\"}, \"dpms\": \"off\"}\n}\n");
    free(j);
    pw = (struct cor_status_power){.on = true, .why = "screen on (no power schedule)"};
    j = cor_status_json(&st);
    CHECK_CONTAINS(j, "\"power\": {\"on\": true, \"managed\": false, \"why\": \"screen on (no "
                      "power schedule)\", \"since\": null, \"next_change\": null, \"sent\": "
                      "null,\n    \"cec\": null, \"dpms\": null}\n}\n");
    free(j);
}

int main(void)
{
    test_escaping();
    test_utc();
    test_json();
    test_atomic();
    test_power_json();
    return CHECK_DONE();
}
