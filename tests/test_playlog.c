/* test_playlog.c: the play log: one line per page shown with its seconds, nothing lost when it
 * is closed and opened again (a restart), rotation at its size bound with a bounded number of
 * files, and few syncs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "playlog.h"

static char dir[] = "/tmp/corridor-playlog-XXXXXX";
static char path[256];

static char *slurp(const char *p)
{
    FILE *f = fopen(p, "r");
    if (!f)
        return NULL;
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof(buf) - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static int lines(const char *p)
{
    char *text = slurp(p);
    int n = 0;
    for (; text && *text; text++)
        n += *text == '\n';
    return n;
}

static long size_of(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 ? (long)st.st_size : -1;
}

static struct cor_play page(int slide, int pg, int64_t since)
{
    return (struct cor_play){since, "ward-12", slide, "text", "Hand \"hygiene\"", pg,
                             0x05ccbdadb66b2576ULL};
}

static void test_lines(void)
{
    struct cor_playlog *log = cor_playlog_open(path, 0, 0);
    CHECK(log);
    int64_t wall = 1710842400000LL; /* 2024-03-19 10:00 UTC */
    struct cor_play a = page(1, 1, wall);
    CHECK(cor_playlog_show(log, &a, wall, 1000));
    /* Told again (a status write for another reason): the same page, no line yet. */
    CHECK(cor_playlog_show(log, &a, wall + 3000, 4000));
    CHECK_INT(lines(path), 0);
    struct cor_play b = page(1, 2, wall + 12000);
    CHECK(cor_playlog_show(log, &b, wall + 12000, 13000));
    CHECK_INT(lines(path), 1);
    CHECK_STR(slurp(path),
              "{\"time\": \"2024-03-19T10:00:00.000Z\", \"screen\": \"ward-12\", \"slide\": 1, "
              "\"type\": \"text\", \"title\": \"Hand \\\"hygiene\\\"\", \"page\": 1, "
              "\"seconds\": 12.000, \"playlist_hash\": \"05ccbdadb66b2576\"}\n");
    /* The same page up again (a one-slide deck going round): a new showing. */
    struct cor_play c = page(1, 2, wall + 24000);
    CHECK(cor_playlog_show(log, &c, wall + 24000, 25000));
    CHECK_INT(lines(path), 2);
    /* The screen off for the night: the page comes down, and nothing is held until it is on. */
    CHECK(cor_playlog_show(log, NULL, wall + 26000, 27000));
    CHECK_INT(lines(path), 3);
    CHECK(strstr(slurp(path), "\"seconds\": 2.000"));
    CHECK(cor_playlog_show(log, NULL, wall + 28000, 29000));
    CHECK_INT(lines(path), 3);
    /* The stand-in with no playlist: slide 0, no hash. */
    struct cor_play d = {wall + 30000, "ward-12", 0, "fallback", NULL, 1, 0};
    CHECK(cor_playlog_show(log, &d, wall + 30000, 31000));
    cor_playlog_close(log, 31500); /* a clean stop: the page up gets its line */
    CHECK_INT(lines(path), 4);
    char *text = slurp(path);
    CHECK(strstr(text, "\"slide\": 0, \"type\": \"fallback\", \"title\": null, \"page\": 1, "
                       "\"seconds\": 0.500, \"playlist_hash\": null}\n"));

    /* A restart appends: what the first run wrote stays. */
    log = cor_playlog_open(path, 0, 0);
    CHECK(cor_playlog_show(log, &a, wall + 40000, 100));
    cor_playlog_close(log, 2100);
    CHECK_INT(lines(path), 5);
    text = slurp(path);
    CHECK(strncmp(text, "{\"time\": \"2024-03-19T10:00:00.000Z\"", 35) == 0);
    CHECK(strstr(text, "\"time\": \"2024-03-19T10:00:40.000Z\""));
    CHECK(strstr(text, "\"seconds\": 2.000"));
    unlink(path);
}

/* Past the bound the file starts afresh; FILES files in all, the oldest dropped. */
static void test_rotation(void)
{
    const long bound = 1000;
    struct cor_playlog *log = cor_playlog_open(path, bound, 3);
    CHECK(log);
    int64_t wall = 1710842400000LL;
    for (int i = 0; i < 60; i++) {
        struct cor_play p = page(i % 5 + 1, 1, wall + i * 10000LL);
        cor_playlog_show(log, &p, wall + i * 10000LL, i * 10000LL);
    }
    cor_playlog_close(log, 600000);
    /* 60 lines of about 170 bytes: 5 or 6 to a file, so the bound was passed many times. */
    char p1[300], p2[300], p3[300];
    snprintf(p1, sizeof(p1), "%s.1", path);
    snprintf(p2, sizeof(p2), "%s.2", path);
    snprintf(p3, sizeof(p3), "%s.3", path);
    CHECK(size_of(path) > 0 && size_of(path) <= bound);
    CHECK(size_of(p1) > bound / 2 && size_of(p1) <= bound);
    CHECK(size_of(p2) > bound / 2 && size_of(p2) <= bound);
    CHECK_INT(size_of(p3), -1);
    /* Every line whole; the newest lines in the file itself, the older in .1 and .2. */
    int total = lines(path) + lines(p1) + lines(p2);
    CHECK(total >= 12 && total < 60);
    char *text = slurp(path);
    CHECK(strstr(text, "\"time\": \"2024-03-19T10:09:50.000Z\"")); /* the last page */
    for (const char *p = text; *p; p = strchr(p, '\n') + 1)
        CHECK(strncmp(p, "{\"time\": ", 9) == 0 && strchr(p, '\n'));
    unlink(path);
    unlink(p1);
    unlink(p2);
}

/* SD cards wear: a sync at most every COR_PLAYLOG_SYNC_MS of play, and one at a clean stop. */
static void test_syncs(void)
{
    struct cor_playlog *log = cor_playlog_open(path, 0, 0);
    int64_t wall = 1710842400000LL;
    int64_t hour = 3600 * 1000;
    for (int64_t t = 0; t <= hour; t += 12000) { /* a page every 12 s for an hour: 300 lines */
        struct cor_play p = page((int)(t / 12000) % 5 + 1, 1, wall + t);
        cor_playlog_show(log, &p, wall + t, t);
    }
    unsigned long syncs = cor_playlog_syncs(log);
    CHECK_MSG(syncs == (unsigned long)(hour / COR_PLAYLOG_SYNC_MS), "%lu syncs in an hour", syncs);
    cor_playlog_close(log, hour + 12000);
    CHECK_INT(lines(path), 301);
    unlink(path);
}

/* A folder that is not there: NULL (logged), and the player plays on without it. */
static void test_cannot_open(void)
{
    char bad[300];
    snprintf(bad, sizeof(bad), "%s/missing/plays.jsonl", dir);
    CHECK(cor_playlog_open(bad, 0, 0) == NULL);
    struct cor_play p = page(1, 1, 0);
    CHECK(cor_playlog_show(NULL, &p, 0, 0));
    cor_playlog_close(NULL, 0);
}

int main(void)
{
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    snprintf(path, sizeof(path), "%s/plays.jsonl", dir);
    test_lines();
    test_rotation();
    test_syncs();
    test_cannot_open();
    CHECK(rmdir(dir) == 0);
    printf("%d passed, %d failed\n", check_passed, check_failed);
    return check_failed ? 1 : 0;
}
