/* test_hostile.c: the hostile-input suite: inputs made to break corridor, and its answers.
 *
 * Each is refused (or loaded) quickly with a positioned message: never a crash, a hang or a memory
 * blow-up.
 *
 * Every case runs under a five-second watchdog (alarm) and must answer within TIME_LIMIT; cases
 * that could take a lot of memory run in a child process whose peak memory is measured. Each
 * prints one line (what happened, how long it took, the first message), which
 * docs/reliability.md quotes. With CORRIDOR_SHARED_DIR, the YAML test suite and PngSuite are
 * fed through the loader too; without them those parts say "skipped". */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <SDL.h>
#include <SDL_image.h>

#include "check.h"
#include "hostile/harness.h"

static void refused_text(const char *name, const struct text *t, int line, const char *words)
{
    expect_refused(name, t->p, t->n, false, line, words);
}

/* ---- YAML: aliases ------------------------------------------------------------------------ */

static void aliases(void)
{
    printf("aliases\n");
    struct text t = {0};
    /* Billion laughs: nine levels of ten aliases each, in sequences. */
    add(&t, "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int i = 1; i <= 9; i++) {
        addf(&t, "a%d: &a%d [", i, i);
        for (int k = 0; k < 10; k++)
            addf(&t, "%s*a%d", k ? ", " : "", i - 1);
        add(&t, "]\n");
    }
    refused_text("alias bomb in sequences", &t, 0, "expand to more than");
    clear(&t);

    /* The same in mappings. */
    add(&t, "a0: &a0 {k0: lol, k1: lol, k2: lol, k3: lol, k4: lol, k5: lol, k6: lol, k7: lol, "
            "k8: lol, k9: lol}\n");
    for (int i = 1; i <= 9; i++) {
        addf(&t, "a%d: &a%d {", i, i);
        for (int k = 0; k < 10; k++)
            addf(&t, "%sk%d: *a%d", k ? ", " : "", k, i - 1);
        add(&t, "}\n");
    }
    refused_text("alias bomb in mappings", &t, 0, "expand to more than");
    clear(&t);

    /* Nested in block style under slides:, mappings inside sequences inside mappings. */
    add(&t, "slides:\n  - &s0 {type: text, title: lol, when: {days: [mon, tue]}}\n");
    for (int i = 1; i <= 12; i++) {
        addf(&t, "  - &s%d\n", i);
        for (int k = 0; k < 6; k++)
            addf(&t, "    - {k%d: [*s%d, *s%d]}\n", k, i - 1, i - 1);
    }
    refused_text("alias bomb nested in slides", &t, 0, "expand to more than");
    clear(&t);

    /* Wide rather than deep: one list of 100,000 items, aliased 100 times. */
    add(&t, "a: &a [");
    repeat(&t, "x, ", 99999);
    add(&t, "x]\nb: [");
    repeat(&t, "*a, ", 99);
    add(&t, "*a]\n");
    refused_text("alias bomb, one wide list aliased", &t, 2, "expand to more than");
    clear(&t);

    /* Cycles cannot be written: an anchor is known only once its node is finished. */
    expect_refused("alias cycle: a list holding itself", "a: &a [*a]\n", 11, false, 1,
                   "refers to no finished anchor");
    expect_refused("alias cycle: a mapping holding itself", "a: &a {b: *a}\n", 14, false, 1,
                   "refers to no finished anchor");
    expect_refused("alias cycle: through a nested anchor", "a: &a [b, &b [c, *a]]\n", 22, false, 1,
                   "refers to no finished anchor");
    expect_refused("alias cycle: a merge key into itself", "a: &a {<<: *a}\n", 15, false, 1,
                   "refers to no finished anchor");
    expect_refused("alias to an anchor further down", "slides: *s\ns: &s [x]\n", 20, false, 1,
                   "refers to no finished anchor");
    const char *redefined = "x: &a [1]\ny: &a [*a, *a]\nz: &a [*a, *a]\nslides: *a\n";
    expect_refused("anchor redefined from its own alias", redefined, strlen(redefined), false, 0,
                   NULL);
    const char *key_alias = "k: &k slides\n*k : [x]\n";
    expect_refused("an alias used as a key", key_alias, strlen(key_alias), false, 0, NULL);
}

/* Aliases multiply bytes as well as nodes: a big scalar named many times, each use copied into
 * the model. Refused, or loaded within memory and time bounds. */
static bool big_scalar_aliased(void)
{
    struct text t = {0};
    add(&t, "name: &t \"");
    repeat(&t, "lol ", 256 * 1024); /* one megabyte */
    add(&t, "\"\nslides:\n");
    repeat(&t, "  - {type: text, title: *t}\n", 2000); /* 2 GB if each use is copied */
    bool ok = child_bounded("1 MB scalar aliased 2,000 times", t.p, t.n, false);
    clear(&t);
    return ok;
}

/* ---- YAML: nesting, sizes, long lines ----------------------------------------------------- */

static void nesting(void)
{
    printf("nesting\n");
    struct text t = {0};
    add(&t, "slides: ");
    repeat(&t, "[", 10000);
    refused_text("10,000 [ (flow lists, never closed)", &t, 1, "nested more than 64 deep");
    clear(&t);

    add(&t, "slides: ");
    repeat(&t, "[", 10000);
    add(&t, "x");
    repeat(&t, "]", 10000);
    add(&t, "\n");
    refused_text("10,000 [ ] (flow lists, balanced)", &t, 1, "nested more than 64 deep");
    clear(&t);

    add(&t, "slides: ");
    repeat(&t, "{a: ", 10000);
    refused_text("10,000 {a: (flow mappings)", &t, 1, "nested more than 64 deep");
    clear(&t);

    add(&t, "slides: ");
    repeat(&t, "[{a: ", 5000);
    refused_text("10,000 [{a: (flow, mixed)", &t, 1, "nested more than 64 deep");
    clear(&t);

    add(&t, "slides:\n  ");
    repeat(&t, "- ", 10000);
    add(&t, "x\n");
    refused_text("10,000 '- ' (block lists on one line)", &t, 2, "nested more than 64 deep");
    clear(&t);

    /* Block mappings need one more space per level; 4,000 levels make an 8 MB file. */
    for (int i = 0; i < 4000; i++) {
        for (int k = 0; k < i; k++)
            add(&t, " ");
        add(&t, "a:\n");
    }
    refused_text("4,000 indented block mappings (8 MB)", &t, 65, "nested more than 64 deep");
    clear(&t);

    for (int i = 0; i < 3000; i++) {
        for (int k = 0; k < 2 * i; k++)
            add(&t, " ");
        add(&t, "- a:\n");
    }
    refused_text("3,000 '- a:' block levels (9 MB)", &t, 0, "nested more than 64 deep");
    clear(&t);
}

static bool forty_megabytes_in_memory(void)
{
    size_t n = 40u * 1000u * 1000u;
    char *big = malloc(n);
    if (!big)
        return false;
    for (size_t i = 0; i < n; i++)
        big[i] = i % 64 == 63 ? '\n' : 'x';
    struct result r;
    load("40 MB text (in memory)", big, n, false, &r);
    report("40 MB text (in memory)", &r);
    bool ok = !r.pl && r.secs < TIME_LIMIT && r.d.n && r.d.items[0].line == 1 &&
              strstr(r.d.items[0].msg, "up to 16 MB");
    if (!ok)
        print_diags(&r.d);
    release(&r);
    free(big);
    return ok;
}

static bool forty_megabytes_on_disk(void)
{
    /* A sparse file: 40 MB long, nothing written. Refused by its size, before reading. */
    int fd = open(in_dir("big.yaml"), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0 || ftruncate(fd, 40 * 1000 * 1000) != 0 || close(fd) != 0)
        return false;
    struct cor_diags d;
    cor_diags_init(&d);
    struct cor_load_options o = {.check_files = true};
    hostile_watch("40 MB file");
    struct hostile_stopwatch t0 = hostile_start();
    struct cor_playlist *pl = cor_playlist_load(in_dir("big.yaml"), &o, &d);
    double secs = hostile_secs(t0);
    hostile_watch(NULL);
    /* The file as a whole is refused: this message names the file, not a line. */
    printf("  %-46s %-7s %7.3f s  %s\n", "40 MB file (cor_playlist_load)",
           pl ? "loaded" : "refused", secs, d.n ? d.items[0].msg : "");
    bool ok = !pl && secs < TIME_LIMIT && cor_diags_find(&d, "16 MB") >= 0;
    cor_playlist_free(pl);
    cor_diags_free(&d);
    remove(in_dir("big.yaml"));
    return ok;
}

/* A playlist of exactly the largest size corridor reads (16 MiB), and one byte under: both valid,
 * both read. */
static bool at_the_limit(void)
{
    bool ok = true;
    for (size_t size = COR_MAX_FILE_BYTES; size + 2 > COR_MAX_FILE_BYTES; size--) {
        struct text t = {0};
        add(&t, "slides:\n  - type: text\n    title: Hi\n# ");
        while (t.n < size - 1)
            add(&t, t.n % 80 == 79 ? "\n#" : "x");
        t.n = size - 1;
        add(&t, "\n");
        write_file("limit.yaml", t.p, t.n);
        clear(&t);
        struct cor_diags d;
        cor_diags_init(&d);
        struct cor_load_options o = {.check_files = true};
        char name[64];
        snprintf(name, sizeof(name), "a %zu-byte playlist file", size);
        hostile_watch(name);
        struct hostile_stopwatch t0 = hostile_start();
        struct cor_playlist *pl = cor_playlist_load(in_dir("limit.yaml"), &o, &d);
        double secs = hostile_secs(t0);
        hostile_watch(NULL);
        printf("  %-46s %-7s %7.3f s  %s\n", name, pl ? "loaded" : "refused", secs,
               d.n ? d.items[0].msg : "");
        if (!pl || secs >= TIME_LIMIT) {
            fprintf(stderr, "%s: %s in %.2f s\n", name, pl ? "loaded" : "refused", secs);
            ok = false;
        }
        cor_playlist_free(pl);
        cor_diags_free(&d);
    }
    remove(in_dir("limit.yaml"));
    return ok;
}

static void sizes(void)
{
    printf("sizes and long lines\n");
    isolated("40 MB text (in memory)", forty_megabytes_in_memory);
    isolated("40 MB file", forty_megabytes_on_disk);
    isolated("a playlist file of exactly 16 MiB", at_the_limit);

    struct text t = {0};
    add(&t, "slides:\n  - type: text\n    title: ");
    repeat(&t, "lol ", 256 * 1024);
    add(&t, "\n");
    expect_bounded("a 1 MB title on one line", t.p, t.n, false);
    clear(&t);

    add(&t, "# ");
    repeat(&t, "lol ", 256 * 1024);
    add(&t, "\nslides:\n  - type: text\n    title: Hi\n    titel: x\n");
    expect_refused("a 1 MB comment line", t.p, t.n, false, 5, "did you mean 'title'");
    clear(&t);

    add(&t, "slides:\n  - type: text\n    title: Hi\n    ");
    repeat(&t, "k", 1024 * 1024);
    add(&t, ": x\n");
    /* YAML allows keys of up to 1024 characters without '?'. */
    expect_refused("a 1 MB key", t.p, t.n, false, 4, "has no ':'");
    clear(&t);

    add(&t, "slides: [{type: text, title: Hi}");
    repeat(&t, ", {type: text, title: Hi}", 40000);
    add(&t, ", {type: text, title: Hi}: x]\n");
    expect_refused("a 1 MB flow line with a mistake at its end", t.p, t.n, false, 1, NULL);
    clear(&t);

    add(&t, "slides:\n  - type: text\n    title: \"");
    repeat(&t, "\\u00e9", 200000);
    add(&t, "\n");
    expect_refused("a 1 MB quoted line never closed", t.p, t.n, false, 3, "never closed");
    clear(&t);
}

/* Loads TEXT and requires it to load: a text at a limit is still taken. */
static void expect_loaded_text(const char *name, const struct text *t)
{
    struct result r;
    load(name, t->p, t->n, false, &r);
    report(name, &r);
    CHECK_MSG(r.pl != NULL, "%s: refused", name);
    release(&r);
}

/* Texts longer than any slide shows are refused where they start, so that no load, and no
 * drawing of a page, is held up by them (600,000 body lines held a screen for 22 s). */
static void long_texts(void)
{
    printf("texts longer than a slide shows\n");
    struct text t = {0};
    add(&t, "slides:\n  - type: text\n    title: Big\n    body: |\n");
    repeat(&t, "      row 000000 ab\n", 600000);
    refused_text("600,000 body lines (12 MB)", &t, 4, "'body' has 600000 lines");
    clear(&t);

    add(&t, "slides:\n  - type: text\n    title: Hi\n    body: |\n");
    repeat(&t, "      a line\n", 100);
    expect_loaded_text("a body of 100 lines (the most)", &t);
    add(&t, "      one more\n");
    refused_text("a body of 101 lines", &t, 4, "corridor takes at most 100 in one text");
    clear(&t);

    add(&t, "slides:\n  - type: text\n    title: ");
    repeat(&t, "\xc3\xa9", 4000);
    add(&t, "\n");
    expect_loaded_text("a title of 4,000 characters (the most)", &t);
    clear(&t);
    add(&t, "slides:\n  - type: quote\n    name: A\n    text: ");
    repeat(&t, "\xc3\xa9", 4001);
    add(&t, "\n");
    refused_text("a quote of 4,001 characters", &t, 4, "'text' is 4001 characters long");
    clear(&t);

    add(&t, "theme:\n  footer: ");
    repeat(&t, "lol ", 256 * 1024);
    add(&t, "\nslides:\n  - {type: text, title: Hi}\n");
    refused_text("a 1 MB footer", &t, 2, "'footer' is 1048575 characters long");
    clear(&t);

    add(&t, "slides:\n  - type: sessions\n    sessions:\n"
            "      - {date: 2024-03-19, time: 10:00 to 11:00, title: ");
    repeat(&t, "x", 5000);
    add(&t, "}\n");
    refused_text("a session title of 5,000 characters", &t, 4, "'title' is 5000 characters");
    clear(&t);
}

static bool many_slides(void)
{
    struct text t = {0};
    add(&t, "slides:\n");
    repeat(&t, "  - {type: text, title: Welcome to the ward, duration: 5s}\n", 100000);
    bool ok = child_bounded("100,000 slides", t.p, t.n, false);
    clear(&t);
    return ok;
}

static bool many_slides_by_alias(void)
{
    /* 800,000 slides from aliases: 4 million values, the most an alias may expand to. */
    struct text t = {0};
    add(&t, "x: &s {type: text, title: Hi}\nslides: [*s");
    repeat(&t, ", *s", 799999);
    add(&t, "]\n");
    bool ok = child_bounded("800,000 slides by alias (4M values)", t.p, t.n, false);
    clear(&t);
    return ok;
}

static bool many_sessions(void)
{
    struct text t = {0};
    add(&t, "slides:\n  - type: sessions\n    show: all\n    sessions:\n");
    for (int i = 0; i < 100000; i++)
        addf(&t, "      - {date: 2024-03-%02d, time: %d:00 to %d:30, title: Session %d}\n",
             1 + i % 28, 8 + i % 10, 8 + i % 10, i);
    bool ok = child_bounded("100,000 sessions", t.p, t.n, false);
    clear(&t);
    return ok;
}

/* ---- bytes that are not text -------------------------------------------------------------- */

static void not_text(void)
{
    printf("bytes that are not text\n");
#define REFUSED(name, lit, line, words)                                                            \
    expect_refused(name, lit, sizeof(lit) - 1, false, line, words)
    REFUSED("a NUL byte in a value", "slides:\n  - type: text\n    title: H\0i\n", 3, "NUL byte");
    REFUSED("a NUL byte in a key", "slides:\n  - type: text\n    ti\0tle: Hi\n", 3, "NUL byte");
    REFUSED("a NUL byte first", "\0slides:\n", 1, "NUL byte");
    REFUSED("a NUL byte last", "slides:\n  - type: text\n    title: Hi\n\0", 4, "NUL byte");
    REFUSED("Latin-1 in a key", "slides:\n  - type: text\n    t\xeftle: Hi\n", 3, "not UTF-8");
    REFUSED("Latin-1 in a value", "slides:\n  - type: text\n    title: Caf\xe9\n", 3, "not UTF-8");
    REFUSED("a lone continuation byte", "slides:\n  - type: text\n    title: \x80\n", 3,
            "not UTF-8");
    REFUSED("UTF-8 cut short at the end", "slides:\n  - type: text\n    title: \xc3", 3,
            "not UTF-8");
    REFUSED("overlong '/' in two bytes", "slides:\n  - type: text\n    title: a\xc0\xaf\n", 3,
            "not UTF-8");
    REFUSED("overlong '/' in three bytes", "slides:\n  - type: text\n    title: a\xe0\x80\xaf\n", 3,
            "not UTF-8");
    REFUSED("overlong '/' in four bytes", "slides:\n  - type: text\n    title: a\xf0\x80\x80\xaf\n",
            3, "not UTF-8");
    REFUSED("a lone high surrogate", "slides:\n  - type: text\n    title: a\xed\xa0\x80\n", 3,
            "not UTF-8");
    REFUSED("a lone low surrogate", "slides:\n  - type: text\n    title: a\xed\xbf\xbf\n", 3,
            "not UTF-8");
    REFUSED("a surrogate pair in UTF-8 (CESU-8)",
            "slides:\n  - type: text\n    title: \xed\xa0\xbd\xed\xb8\x80\n", 3, "not UTF-8");
    REFUSED("a code point past U+10FFFF", "slides:\n  - type: text\n    title: \xf4\x90\x80\x80\n",
            3, "not UTF-8");
    REFUSED("a five-byte sequence", "slides:\n  - type: text\n    title: \xf8\x88\x80\x80\x80\n", 3,
            "not UTF-8");
    REFUSED("a surrogate written as an escape", "slides:\n  - type: text\n    title: \"\\ud800\"\n",
            3, NULL);
    REFUSED("an escape past U+10FFFF", "slides:\n  - type: text\n    title: \"\\U00110000\"\n", 3,
            NULL);
    REFUSED("a control character", "slides:\n  - type: text\n    title: a\x1b[31m\n", 3,
            "control character");
    REFUSED("UTF-16 with a byte-order mark", "\xff\xfes\0l\0i\0d\0e\0s\0:\0", 1, "UTF-16");
    const char *nul_escape = "slides:\n  - type: image\n    file: \"x.png\\0../../etc/passwd\"\n";
    expect_bounded("a NUL written as an escape in a file name", nul_escape, strlen(nul_escape),
                   true);
    const char *bom_inside = "slides:\n  - type: text\n    title: a\xef\xbb\xbf\n    titel: b\n";
    expect_refused("a byte-order mark inside a line", bom_inside, strlen(bom_inside), false, 0,
                   NULL);
    const char *cr_only = "slides:\r  - type: text\r    title: Hi\r    titel: x\r";
    expect_refused("old Mac line ends (CR only)", cr_only, strlen(cr_only), false, 0, NULL);
    const char *nel = "slides:\xc2\x85  - type: text\xc2\x85    title: Hi\xc2\x85    titel: x\n";
    expect_refused("NEL (U+0085) as line ends", nel, strlen(nel), false, 0, NULL);
    const char *ls = "slides:\n  - type: text\n    title: Hi\xe2\x80\xa8    titel: x\n";
    expect_refused("a line separator (U+2028) in a line", ls, strlen(ls), false, 0, NULL);

    /* A megabyte of NUL bytes: one message per line, and at most twenty. */
    size_t n = 1024 * 1024;
    char *zeros = calloc(1, n);
    if (zeros) {
        expect_refused("1 MB of NUL bytes", zeros, n, false, 1, "NUL byte");
        free(zeros);
    }
    /* A megabyte of noise. */
    char *noise = malloc(n);
    if (noise) {
        uint32_t x = 2024;
        for (size_t i = 0; i < n; i++) {
            x = x * 1103515245u + 12345u;
            noise[i] = (char)(x >> 16);
        }
        expect_refused("1 MB of random bytes", noise, n, false, 0, NULL);
        free(noise);
    }
#undef REFUSED
}

/* ---- keys and values ---------------------------------------------------------------------- */

static void keys_and_values(void)
{
    printf("keys and values\n");
#define REFUSED(name, lit, line, words) expect_refused(name, lit, strlen(lit), false, line, words)
    REFUSED("a list as a key", "[a, b]: 1\nslides:\n  - type: text\n    title: Hi\n", 1,
            "must be a plain word");
    REFUSED("a mapping as a key", "slides:\n  - type: text\n    {a: b}: 1\n    title: Hi\n", 3,
            "must be a plain word");
    REFUSED("a complex key (? -)", "slides:\n  - type: text\n    ? - a\n      - b\n    : 1\n", 3,
            "must be a plain word");
    REFUSED("an empty key", "slides:\n  - type: text\n    \"\": 1\n    title: Hi\n", 3,
            "unknown key");
    REFUSED("a null key", "slides:\n  - type: text\n    ~: 1\n    title: Hi\n", 3, "unknown key");
    REFUSED("slides as a mapping", "slides:\n  type: text\n  title: Hi\n", 2, "'slides' takes");
    REFUSED("the type as a list", "slides:\n  - type: [text, image]\n    title: Hi\n", 0, NULL);
    REFUSED("the type as a mapping", "slides:\n  - type: {text: 1}\n    title: Hi\n", 0, NULL);
    REFUSED("tags on a value",
            "slides:\n  - type: !!binary text\n    title: !custom Hi\n    x: 1\n", 0, NULL);

    REFUSED("days ahead: a huge number",
            "slides:\n  - type: sessions\n    show: upcoming\n    days: 99999999999999999999999\n"
            "    sessions: []\n",
            4, "from 1 to 366");
    REFUSED("days ahead: minus one",
            "slides:\n  - type: sessions\n    show: upcoming\n    days: -1\n    sessions: []\n", 4,
            "from 1 to 366");
    REFUSED("days ahead: 1e9",
            "slides:\n  - type: sessions\n    show: upcoming\n    days: 1e9\n    sessions: []\n", 4,
            NULL);
    REFUSED("days ahead: 0x10",
            "slides:\n  - type: sessions\n    show: upcoming\n    days: 0x10\n    sessions: []\n",
            4, NULL);
    REFUSED("days of the week: a huge number",
            "slides:\n  - type: text\n    title: Hi\n    when:\n      days: 99999999999999999999\n",
            5, NULL);
    REFUSED("days of the week: a list of numbers",
            "slides:\n  - type: text\n    title: Hi\n    when:\n      days: [1, 2, 99999999999]\n",
            5, NULL);

    static const char *const durations[] = {
        "1e308s",
        "1e308",
        "99999999999999999999s",
        "1.7976931348623157e308s",
        "inf",
        "nan",
        "0.0000000001s",
        "-0s",
        "0x10s",
        "1m0000000000000000000000000000000000000000s",
        "24h1ms",
    };
    for (size_t i = 0; i < sizeof(durations) / sizeof(durations[0]); i++) {
        char yaml[512], name[96];
        snprintf(yaml, sizeof(yaml),
                 "defaults:\n  duration: %s\nslides:\n  - type: text\n"
                 "    title: Hi\n",
                 durations[i]);
        snprintf(name, sizeof(name), "duration %.40s", durations[i]);
        REFUSED(name, yaml, 2, NULL);
    }

    static const char *const dates[] = {
        "99999-01-01",
        "1 January 99999",
        "2024-99-99",
        "0000-01-01",
        "-2024-03-19",
        "2024-03-19-19",
        "999999999999999999999-01-01",
        "Friday 19 March 2024",
    };
    for (size_t i = 0; i < sizeof(dates) / sizeof(dates[0]); i++) {
        char yaml[512], name[96];
        snprintf(yaml, sizeof(yaml),
                 "slides:\n  - type: sessions\n    sessions:\n      - date: %s\n"
                 "        time: 10am to 11am\n        title: A\n",
                 dates[i]);
        snprintf(name, sizeof(name), "session date %.40s", dates[i]);
        REFUSED(name, yaml, 4, NULL);
        snprintf(yaml, sizeof(yaml),
                 "slides:\n  - type: text\n    title: Hi\n    when:\n"
                 "      until: %s\n",
                 dates[i]);
        snprintf(name, sizeof(name), "until %.40s", dates[i]);
        REFUSED(name, yaml, 5, NULL);
    }

    static const char *const times[] = {
        "99999:00", "9999999999999999999am", "25:61", "12:60pm", "-1:00", "24:01", "13pm", "0am",
        "1e3:00",
    };
    for (size_t i = 0; i < sizeof(times) / sizeof(times[0]); i++) {
        char yaml[512], name[96];
        snprintf(yaml, sizeof(yaml),
                 "slides:\n  - type: sessions\n    sessions:\n"
                 "      - date: 2024-03-19\n        start: %s\n        end: %s\n        title: A\n",
                 times[i], times[i]);
        snprintf(name, sizeof(name), "session start %.40s", times[i]);
        REFUSED(name, yaml, 5, NULL);
        snprintf(yaml, sizeof(yaml),
                 "slides:\n  - type: text\n    title: Hi\n    when:\n"
                 "      hours: %s to %s\n",
                 times[i], times[i]);
        snprintf(name, sizeof(name), "hours %.40s", times[i]);
        REFUSED(name, yaml, 5, NULL);
    }
    /* A second year reads as a 24-hour time: 19 March 2024 at 20:24. */
    const char *two_years = "slides:\n  - type: text\n    title: Hi\n    when:\n"
                            "      until: 19 March 2024 2024\n";
    expect_bounded("until 19 March 2024 2024", two_years, strlen(two_years), false);
    REFUSED("a from-until that spans 900 years",
            "slides:\n  - type: text\n    title: Hi\n    when:\n      from: 1900-01-01\n"
            "      until: 2999-12-31\n      days: [sat]\n      hours: 3am to 4am\n    bad: 1\n",
            9, "unknown key");
#undef REFUSED
}

/* ---- main --------------------------------------------------------------------------------- */

int main(void)
{
    hostile_setup();
    aliases();
    isolated("1 MB scalar aliased 2,000 times", big_scalar_aliased);
    nesting();
    sizes();
    long_texts();
    isolated("100,000 slides", many_slides);
    isolated("800,000 slides by alias", many_slides_by_alias);
    isolated("100,000 sessions", many_sessions);
    not_text();
    keys_and_values();
    hostile_pictures();
    hostile_round_two();
    const char *shared = getenv("CORRIDOR_SHARED_DIR");
    if (shared && *shared) {
        hostile_yaml_test_suite(shared);
        hostile_pngsuite(shared);
    } else {
        printf("skipped: CORRIDOR_SHARED_DIR is not set (yaml-test-suite, pngsuite)\n");
    }
    hostile_teardown();
    IMG_Quit();
    SDL_Quit();
    int passed, failed;
    hostile_harness_tally(&passed, &failed);
    check_passed += passed;
    check_failed += failed;
    hostile_files_tally(&passed, &failed);
    check_passed += passed;
    check_failed += failed;
    hostile_round2_tally(&passed, &failed);
    check_passed += passed;
    check_failed += failed;
    return CHECK_DONE();
}
