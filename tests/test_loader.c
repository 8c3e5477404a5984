/* test_loader.c: table-driven tests of the playlist loader: invalid playlists with the line,
 * column and words of each message, valid forms of every value, and hostile input. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "check.h"
#include "loader.h"
#include "schedule.h"
#include "value.h"

static char dir[256];

static void write_file(const char *name, const char *text, size_t len)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f) {
        perror(path);
        exit(2);
    }
    fwrite(text, 1, len, f);
    fclose(f);
}

static struct cor_playlist *load_text(const char *text, size_t len, struct cor_diags *d)
{
    write_file("playlist.yaml", text, len);
    char path[512];
    snprintf(path, sizeof(path), "%s/playlist.yaml", dir);
    struct cor_load_options opts = {.check_files = true, .has_now = true};
    opts.now = (cor_minute)cor_days_from_civil(2024, 3, 19) * COR_MINUTES_PER_DAY + 10 * 60 + 30;
    cor_diags_init(d);
    return cor_playlist_load(path, &opts, d);
}

struct bad_case {
    const char *yaml;
    int line, col;
    const char *words;
    bool warning; /* the playlist still loads */
    size_t len;   /* for texts holding NUL bytes; 0: strlen */
};

#define SLIDE "slides:\n  - type: text\n    title: Hello\n"

static const struct bad_case bad[] = {
    /* keys */
    {SLIDE "colour: red\n", 4, 1,
     "unknown key 'colour' in the playlist; the keys here are: name, timezone", false, 0},
    {"slide:\n  - type: text\n    title: Hello\n", 1, 1,
     "unknown key 'slide' in the playlist; did you mean 'slides'?", false, 0},
    {SLIDE "footer: Hello\n", 4, 1,
     "'footer' does not belong in the playlist; it goes under 'theme:'", false, 0},
    {SLIDE "zebra: 1\n", 4, 1,
     "unknown key 'zebra' in the playlist; the keys here are: name, timezone, theme, defaults, "
     "slides",
     false, 0},
    {"slides:\n  - type: quote\n    text: Hi\n    name: Jo\n    durations: 10s\n", 5, 5,
     "unknown key 'durations' in slide 1 (quote); did you mean 'duration'?", false, 0},
    {"slides:\n  - type: image\n    file: assets/lock-screen-teal.png\n    photo: x.png\n", 4, 5,
     "'photo' is not used in slide 1 (image); it belongs to quote slides", false, 0},
    {"slides:\n  - type: text\n    Title: Hello\n", 3, 5,
     "'Title' in slide 1 (text) is written in lower case: write 'title'", false, 0},
    {"slides:\n  - text: Hi\n    name: Jo\n", 2, 5,
     "slide 1 has no 'type'; it looks like a quote slide: add type: quote", false, 0},
    {"slides:\n  - title: Hi\n", 2, 5,
     "slide 1 has no 'type'; add type: sessions, image, video, quote or text", false, 0},
    {"slides:\n  - type: qoute\n    text: Hi\n    name: Jo\n", 2, 11,
     "'qoute' is not a choice for 'type'; did you mean 'quote'?", false, 0},
    {"slides:\n  - type: quote\n    text: Hi\n", 2, 5,
     "slide 1 (quote) has no 'name'; add name: with who said it", false, 0},
    {"slides:\n  - type: quote\n    name: Jo\n", 2, 5,
     "slide 1 (quote) has no 'text'; add text: with the quotation", false, 0},
    {"slides:\n  - type: image\n", 2, 5,
     "slide 1 (image) has no 'file'; add file: with the picture's file name", false, 0},
    {"slides:\n  - type: sessions\n", 2, 5, "slide 1 (sessions) has no 'sessions'", false, 0},
    {"slides:\n  - type: text\n    subtitle: Hi\n", 2, 5,
     "slide 1 (text) has neither 'title' nor 'body'", false, 0},
    {"slides:\n  - type: text\n    title: Hi\n    title: Ho\n", 4, 5,
     "'title' is given twice in slide 1 (text) (first on line 3); keep one of them", false, 0},
    {"slides:\n  - type: sessions\n    sessions:\n      - date: 2024-03-19\n        time: 10am to "
     "12pm\n        title: A\n        location: Room 1\n",
     7, 9, "unknown key 'location' in session 1; did you mean 'where'?", false, 0},
    {"slides:\n  - type: text\n    title: Hi\n    when:\n      to: 2024-03-22\n", 5, 7,
     "unknown key 'to' in the 'when' of slide 1 (text); did you mean 'until'?", false, 0},
    {"slides:\n  - type: quote\n    quote: Hi\n    name: Jo\n", 3, 5,
     "unknown key 'quote' in slide 1 (quote); did you mean 'text'?", false, 0},
    {"slides:\n  - type: text\n    title: Hi\n    <<: {duration: 5s}\n", 4, 5,
     "merge keys ('<<') are not supported", false, 0},
    {"slides:\n  - type: text\n    title: Hi\n    text: Welcome to the ward\n", 4, 11,
     "on a text slide 'text' is the colour of the text, not its words; put the words under 'body:'",
     false, 0},
    /* shapes */
    {"slides: hello\n", 1, 9,
     "'slides' takes a list of items starting with '- ', but a single value is given here", false,
     0},
    {"slides:\n", 1, 8, "the playlist has no slides; add slides: with at least one slide under it",
     false, 0},
    {"name: Ward 3\n", 1, 1, "the playlist has no 'slides:'", false, 0},
    {"theme: blue\n" SLIDE, 1, 8,
     "'theme' takes keys indented under it, but a single value is given here", false, 0},
    {"- type: text\n", 1, 1,
     "a playlist starts with keys such as name:, theme: and slides:, but this file holds a list",
     false, 0},
    {"slides:\n  - hello\n", 2, 5,
     "slide 1 is a single value; a slide needs keys, starting with type:", false, 0},
    {"slides:\n  - type: sessions\n    sessions:\n      - hello\n", 4, 9,
     "session 1 is a single value; a session needs keys: date:, time:, title:", false, 0},
    {"slides:\n  - type: text\n    title: [a, b]\n", 3, 12,
     "'title' takes a single value, but a list is given here", false, 0},
    {"slides:\n  - type: text\n    title:\n", 3, 11,
     "'title' has no value; write one after the colon", false, 0},
    /* values */
    {"defaults:\n  duration: 10x\n" SLIDE, 2, 13, "'10x' is not a duration", false, 0},
    {"defaults:\n  transition: fadee\n" SLIDE, 2, 15,
     "'fadee' is not a choice for 'transition'; did you mean 'fade'? Write none, fade or slide",
     false, 0},
    {"defaults:\n  transition_time: 10s\n" SLIDE, 2, 20, "a transition of '10s' is too slow", false,
     0},
    {"theme:\n  background: #005EB8\n" SLIDE, 2, 14,
     "'background' has no value: in YAML a '#' starts a comment, so put the value in quotes: "
     "background: \"#005EB8\"",
     false, 0},
    {"theme:\n  accent: navyblue\n" SLIDE, 2, 11, "did you mean 'navy'?", false, 0},
    {"theme:\n  text: \"#12345\"\n" SLIDE, 2, 9, "'#12345' is not a colour", false, 0},
    {"theme:\n  clock: maybe\n" SLIDE, 2, 10, "'maybe'", false, 0},
    {"theme:\n  font: Comic Sans Nope Nope\n" SLIDE, 2, 9, "no font named 'Comic Sans Nope Nope'",
     false, 0},
    {"timezone: Europe/Londn\n" SLIDE, 1, 11,
     "'Europe/Londn' is not a time zone this system knows; write a name such as Europe/London",
     false, 0},
    {"slides:\n  - type: sessions\n    show: tomorrow\n    sessions: []\n", 3, 11,
     "'tomorrow' is not a choice for 'show'; did you mean 'upcoming'? Write today, upcoming or all",
     false, 0},
    {"slides:\n  - type: sessions\n    finished: grey\n    sessions: []\n", 3, 15,
     "'grey' is not a choice for 'finished'; did you mean 'dim'? Write dim or hide", false, 0},
    {"slides:\n  - type: image\n    file: assets/lock-screen-teal.png\n    fit: stretch\n", 4, 10,
     "'stretch' is not a choice for 'fit'; did you mean 'cover'? Write contain or cover", false, 0},
    {"slides:\n  - type: sessions\n    show: upcoming\n    days: 0\n    sessions: []\n", 4, 11,
     "how many days ahead to show, from 1 to 366", false, 0},
    /* dates and times in sessions */
    {"slides:\n  - type: sessions\n    sessions:\n      - date: 19/03/2024\n        time: 10am to "
     "12pm\n        title: A\n",
     4, 15, "'19/03/2024' is not a date corridor reads", false, 0},
    {"slides:\n  - type: sessions\n    sessions:\n      - date: 19 March\n        time: 10am to "
     "12pm\n        title: A\n",
     4, 15, "'19 March' has no year; write 19 March 20", false, 0},
    {"slides:\n  - type: sessions\n    sessions:\n      - date: 31 February 2024\n        time: "
     "10am to 12pm\n        title: A\n",
     4, 15, "31 February 2024", false, 0},
    {"slides:\n  - type: sessions\n    sessions:\n      - date: 2024-03-19\n        time: 2pm to "
     "1pm\n        title: A\n",
     5, 15, "2pm to 1pm", false, 0},
    {"slides:\n  - type: sessions\n    sessions:\n      - date: 2024-03-19\n        time: 25:00 to "
     "26:00\n        title: A\n",
     5, 15, "25:00", false, 0},
    {"slides:\n  - type: sessions\n    sessions:\n      - time: 10am to 12pm\n        title: A\n",
     4, 9, "session 1 has no 'date'; add date: 2024-03-19", false, 0},
    {"slides:\n  - type: sessions\n    sessions:\n      - date: 2024-03-19\n        time: 10am to "
     "12pm\n",
     4, 9, "session 1 has no 'title'", false, 0},
    {"slides:\n  - type: sessions\n    sessions:\n      - date: 2024-03-19\n        title: A\n", 4,
     9, "session 1 has no time; add time: 10am to 12pm (or start: and end:)", false, 0},
    {"slides:\n  - type: sessions\n    sessions:\n      - date: 2024-03-19\n        time: 10am to "
     "12pm\n        start: 10am\n        title: A\n",
     6, 16, "session 1 has both 'time' and 'start'", false, 0},
    {"slides:\n  - type: sessions\n    sessions:\n      - date: 2024-03-19\n        start: 10am\n  "
     "      title: A\n",
     5, 16, "session 1 has a 'start' but no 'end'; add end: 12pm", false, 0},
    {"slides:\n  - type: sessions\n    sessions:\n      - date: 2024-03-19\n        start: 2pm\n   "
     "     end: 1pm\n        title: A\n",
     6, 14, "session 1 ends (13:00) before it starts (14:00); check am and pm", false, 0},
    {"slides:\n  - type: sessions\n    sessions:\n      - date: 2024-03-19\n        time: 10am to "
     "12pm\n        title: A\n        link: www.example.org\n",
     7, 15,
     "'www.example.org' is not a web address; write the whole address, starting with https://",
     false, 0},
    {"slides:\n  - type: sessions\n    sessions:\n      - date: 2024-03-19\n        time: 10am to "
     "12pm\n        title: A\n      - date: 2024-03-20\n        title: B\n",
     7, 9, "session 2 has no time", false, 0},
    /* when */
    {"slides:\n  - type: text\n    title: Hi\n    when:\n      from: 11/03/2024\n", 5, 13,
     "'11/03/2024' is not a date corridor reads", false, 0},
    {"slides:\n  - type: text\n    title: Hi\n    when:\n      days: [mon, funday]\n", 5, 19,
     "'funday' is not a day; did you mean 'sunday'?", false, 0},
    {"slides:\n  - type: text\n    title: Hi\n    when:\n      hours: 6pm to 9am\n", 5, 14,
     "'6pm to 9am' ends before it starts; check am and pm", false, 0},
    {"slides:\n  - type: text\n    title: Hi\n    when: soon\n", 4, 11,
     "'when' needs keys such as from:, until:, days: or hours:, but a single value is given here",
     false, 0},
    {"slides:\n  - type: text\n    title: Hi\n    when:\n      from: 2024-03-25\n      until: "
     "2024-03-22\n",
     6, 14,
     "slide 1 (text) can never be shown: its schedule ends (Friday 22 March 2024) before it starts "
     "(Monday 25 March 2024)",
     true, 0},
    {"slides:\n  - type: text\n    title: Hi\n    when:\n      until: 2024-03-01\n", 5, 14,
     "the schedule of slide 1 (text) has already ended (its last day was Friday 1 March 2024)",
     true, 0},
    {"slides:\n  - type: text\n    title: Hi\n    when:\n      from: 2024-03-23\n      until: "
     "2024-03-24\n      days: weekdays\n",
     7, 13, "can never be shown: none of its 'days' falls between 'from' and 'until'", true, 0},
    {"slides:\n  - type: text\n    title: Hi\n    screens: []\n", 4, 14,
     "'screens' is an empty list, so no screen shows slide 1 (text)", true, 0},
    {"slides:\n  - type: sessions\n    days: 3\n    sessions: []\n    when_empty: Nothing on\n", 3,
     11, "'days' is used only with show: upcoming", true, 0},
    {"slides:\n  - type: text\n    title: Hi\n    background: \"#888888\"\n    text: \"#777777\"\n",
     5, 11, "contrast of 1.3:1, under the 4.5:1", true, 0},
    {"slides:\n  - type: sessions\n    sessions:\n      - date: 2024-03-01\n        time: 10am to "
     "12pm\n        title: A\n",
     2, 5, "every session of slide 1 (sessions) is over (the last was on Friday 1 March 2024)",
     true, 0},
    /* files */
    {"theme:\n  logo: assets/logo.png\n" SLIDE, 2, 9,
     "the logo 'assets/logo.png' does not exist (folder assets/ has: Lock Screen (Teal)-04.png, "
     "lock-screen-teal.png)",
     false, 0},
    {"slides:\n  - type: image\n    file: pictures/x.png\n", 3, 11,
     "the image 'pictures/x.png' cannot be found: the folder 'pictures/' does not exist (the "
     "playlist's folder has: assets",
     false, 0},
    {"slides:\n  - type: image\n    file: assets/lock-screen-teel.png\n", 3, 11,
     "did you mean 'lock-screen-teal.png'?", false, 0},
    {"slides:\n  - type: image\n    file: /etc/hostname\n", 3, 11,
     "the image '/etc/hostname' is outside the playlist's folder", false, 0},
    {"slides:\n  - type: image\n    file: assets\n", 3, 11,
     "the image 'assets' is a folder, not a file", false, 0},
    {"slides:\n  - type: sessions\n    sessions: missing.yaml\n", 3, 15,
     "the session file 'missing.yaml' does not exist", false, 0},
    /* syntax */
    {"slides:\n\t- type: text\n", 2, 1, "a tab is used for indentation here; YAML needs spaces",
     false, 0},
    {"slides:\n  - type: text\n    title: \"Hello\n", 3, 12, "this quote is never closed", false,
     0},
    {"slides:\n  - type: text\n    title: Note: this\n", 3, 16,
     "there is a second ':' on this line; if the colon is part of the text, put the whole value in "
     "quotes",
     false, 0},
    {"slides:\n  - type: text\n    title: Hi\n   body: Ho\n", 4, 4, "does not line up", false, 0},
    {"slides:\n  - type: text\n    title: H\0i\n", 3, 13, "NUL byte", false, 38},
    {"slides:\n  - type: text\n    title: Caf\xe9\n", 3, 15, "not UTF-8", false, 0},
    {"\xff\xfes\0l\0", 1, 1, "UTF-16", false, 6},
    {"slides:\n  - *nothing\n", 2, 5, "'*nothing' refers to no finished anchor", false, 0},
    {"slides:\n  - type: text\n    title: Hi\n---\nslides: []\n", 4, 1,
     "a second document starts here", false, 0},
    {"", 1, 1, "the file is empty", false, 0},
    {"# only a comment\n", 1, 1, "the file is empty", false, 0},
};

static size_t case_length(const struct bad_case *c)
{
    return c->len ? c->len : strlen(c->yaml);
}

static void print_diags(const struct cor_diags *d)
{
    for (size_t i = 0; i < d->n; i++)
        fprintf(stderr, "    got %d:%d: %s\n", d->items[i].line, d->items[i].col, d->items[i].msg);
}

static void test_bad_playlists(void)
{
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        const struct bad_case *c = &bad[i];
        struct cor_diags d;
        struct cor_playlist *pl = load_text(c->yaml, case_length(c), &d);
        bool found = false;
        for (size_t k = 0; k < d.n; k++) {
            const struct cor_diag *g = &d.items[k];
            if (g->line == c->line && g->col == c->col && strstr(g->msg, c->words) &&
                (g->severity == COR_SEV_WARNING) == c->warning)
                found = true;
        }
        CHECK_MSG(found, "case %zu: expected %d:%d: %s", i, c->line, c->col, c->words);
        CHECK_MSG((pl != NULL) == c->warning, "case %zu: the playlist %s", i,
                  pl ? "loaded" : "was refused");
        if (!found)
            print_diags(&d);
        cor_playlist_free(pl);
        cor_diags_free(&d);
    }
    printf("%zu invalid playlists\n", sizeof(bad) / sizeof(bad[0]));
}

/* Several mistakes in one file are all reported, in order. */
static void test_all_mistakes_at_once(void)
{
    const char *yaml = "defaults:\n  duration: 10x\nslides:\n  - type: text\n    titel: Hi\n"
                       "  - type: quote\n    text: Hello\n  - type: image\n    file: nope.png\n";
    struct cor_diags d;
    struct cor_playlist *pl = load_text(yaml, strlen(yaml), &d);
    CHECK(pl == NULL);
    /* 'titel' is answered with "did you mean 'title'", not again as a missing title. */
    CHECK_INT(d.n_errors, 4);
    if (d.n_errors != 4)
        print_diags(&d);
    for (size_t i = 1; i < d.n; i++)
        CHECK(d.items[i - 1].line <= d.items[i].line);
    cor_diags_free(&d);
}

/* A mistake in a session file is reported at its line in that file. */
static void test_session_file_mistake(void)
{
    const char *yaml = "slides:\n  - type: sessions\n    sessions: broken-sessions.yaml\n";
    struct cor_diags d;
    struct cor_playlist *pl = load_text(yaml, strlen(yaml), &d);
    CHECK(pl == NULL);
    int k = cor_diags_find(&d, "'32 March 2024'");
    CHECK(k >= 0);
    if (k >= 0) {
        CHECK(strstr(d.items[k].file, "broken-sessions.yaml") != NULL);
        CHECK_INT(d.items[k].line, 4);
        CHECK_INT(d.items[k].col, 9);
    }
    cor_diags_free(&d);
}

static void test_alias_bomb_and_depth(void)
{
    /* Nine levels of ten aliases each: a billion values if expanded. */
    char yaml[4096] = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (int i = 1; i <= 9; i++) {
        char line[256];
        snprintf(line, sizeof(line),
                 "a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, "
                 "*a%d, *a%d]\n",
                 i, i, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1);
        strcat(yaml, line);
    }
    struct cor_diags d;
    struct cor_playlist *pl = load_text(yaml, strlen(yaml), &d);
    CHECK(pl == NULL);
    CHECK(cor_diags_find(&d, "expand to more than") >= 0);
    CHECK(d.n > 0 && d.items[0].line > 1);
    cor_diags_free(&d);

    char *deep = malloc(20000);
    strcpy(deep, "slides: ");
    for (int i = 0; i < 5000; i++)
        strcat(deep, "[");
    pl = load_text(deep, strlen(deep), &d);
    CHECK(pl == NULL);
    int k = cor_diags_find(&d, "nested more than 64 deep");
    CHECK(k >= 0 && d.items[k].line == 1);
    cor_diags_free(&d);
    free(deep);
}

static void test_big_file(void)
{
    size_t n = COR_MAX_FILE_BYTES + 1000;
    char *big = malloc(n);
    memset(big, '#', n);
    big[n - 1] = '\n';
    struct cor_diags d;
    struct cor_playlist *pl = load_text(big, n, &d);
    CHECK(pl == NULL);
    CHECK(cor_diags_find(&d, "corridor reads") >= 0);
    cor_diags_free(&d);
    free(big);
}

/* The hints that look at a line stop at the end of the text, which need not end with a NUL or a
 * line break: each text here is copied into a buffer of exactly its length (the sanitizers see
 * any read past it). */
static void test_hints_at_the_end(void)
{
    static const char *const texts[] = {
        "\x17slides:\n  - type: image\n    fIle: as\n ame:", /* found by fuzz_playlist */
        "slides:\n  - type: text\n    title:",
        "slides:\n  - type: text\n    title: \"Hi\" x",
        "slides:\n  - type: text\n    title: \xe2\x80\x9c"
        "A: b",
        "slides:\n  - type: text\n    title:Hi",
        "slides:\n  type: text\n  title: x\n  - type: text",
        "slides:\n  - type: text\n    title: *x",
        "slides:\n  - type: text\n    title: Hi #1",
        "slides:\n  - type: text\n    title: Hi\xc2\xa0",
        "slides:\n  - type: text\n    title\xe2\x80\x8b",
    };
    for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
        size_t n = strlen(texts[i]);
        char *exact = malloc(n);
        CHECK(exact != NULL);
        if (!exact)
            return;
        memcpy(exact, texts[i], n);
        struct cor_diags d;
        struct cor_playlist *pl = load_text(exact, n, &d);
        CHECK_MSG(pl != NULL || d.n_errors > 0, "text %zu: refused without a word", i);
        cor_playlist_free(pl);
        cor_diags_free(&d);
        free(exact);
    }
}

/* A session or hours that run past midnight end the next morning, in the model and on the
 * screen. */
static void test_past_midnight(void)
{
    const char *yaml = "slides:\n"
                       "  - type: sessions\n"
                       "    show: all\n"
                       "    sessions:\n"
                       "      - {date: 2024-03-19, time: 10pm to 2am, title: Night}\n"
                       "      - {date: 2024-03-19, start: 11pm, end: 1am, title: Late}\n"
                       "  - type: text\n"
                       "    title: Night shift\n"
                       "    when:\n"
                       "      hours: 22:00-06:00\n";
    struct cor_diags d;
    struct cor_playlist *pl = load_text(yaml, strlen(yaml), &d);
    CHECK(pl != NULL && d.n_warnings == 0);
    if (!pl) {
        print_diags(&d);
        cor_diags_free(&d);
        return;
    }
    const struct cor_slide *s = &pl->slides[0];
    CHECK(s->n_sessions == 2);
    CHECK(s->sessions[0].start_min == 22 * 60 && s->sessions[0].end_min == 26 * 60);
    CHECK(s->sessions[1].start_min == 23 * 60 && s->sessions[1].end_min == 25 * 60);
    cor_minute day = (cor_minute)cor_days_from_civil(2024, 3, 19) * COR_MINUTES_PER_DAY;
    struct cor_session_view v[2];
    CHECK(cor_schedule_sessions(s, day + 24 * 60 + 30, v, 2) == 2); /* 00:30 the next day */
    CHECK(v[0].state == COR_SESSION_ON_NOW && v[1].state == COR_SESSION_ON_NOW);
    CHECK(cor_schedule_sessions(s, day + 25 * 60 + 30, v, 2) == 2); /* 01:30 */
    CHECK(v[0].state == COR_SESSION_ON_NOW && v[1].state == COR_SESSION_FINISHED);
    const struct cor_when *w = &pl->slides[1].when;
    CHECK(w->n_hours == 2);
    if (w->n_hours == 2) {
        CHECK(w->hours[0].from_min == 0 && w->hours[0].until_min == 6 * 60);
        CHECK(w->hours[1].from_min == 22 * 60 && w->hours[1].until_min == 24 * 60);
    }
    CHECK(cor_schedule_slide(&pl->slides[1], NULL, day + 23 * 60, true) == COR_PLAYS);
    CHECK(cor_schedule_slide(&pl->slides[1], NULL, day + 5 * 60, true) == COR_PLAYS);
    CHECK(cor_schedule_slide(&pl->slides[1], NULL, day + 12 * 60, true) == COR_SKIP_OUTSIDE_HOURS);
    cor_playlist_free(pl);
    cor_diags_free(&d);
}

static void test_bom_and_crlf(void)
{
    const char *yaml = "\xef\xbb\xbfname: Ward 3\r\nslides:\r\n  - type: text\r\n    title: Hi\r\n"
                       "    durations: 5s\r\n";
    struct cor_diags d;
    struct cor_playlist *pl = load_text(yaml, strlen(yaml), &d);
    CHECK(pl == NULL);
    int k = cor_diags_find(&d, "did you mean 'duration'");
    CHECK(k >= 0 && d.items[k].line == 5 && d.items[k].col == 5);
    cor_diags_free(&d);
    const char *good = "\xef\xbb\xbfname: Ward 3\r\nslides:\r\n  - type: text\r\n    title: Hi\r\n";
    pl = load_text(good, strlen(good), &d);
    CHECK(pl != NULL);
    if (pl)
        CHECK_STR(pl->slides[0].title, "Hi");
    cor_playlist_free(pl);
    cor_diags_free(&d);
}

static void test_valid_playlist(void)
{
    const char *yaml = "name: Social Work Week\n"
                       "timezone: Europe/London\n"
                       "theme:\n"
                       "  background: \"#005EB8\"\n"
                       "  text: white\n"
                       "  accent: \"#0A9\"\n"
                       "  font: DejaVu Sans\n"
                       "  logo: assets/lock-screen-teal.png\n"
                       "  footer: Social Work Week, 18 to 22 March\n"
                       "  clock: yes\n"
                       "defaults:\n"
                       "  duration: 1m30s\n"
                       "  transition: slide\n"
                       "  transition_time: 0.8s\n"
                       "slides:\n"
                       "  - type: sessions\n"
                       "    title: Today\n"
                       "    show: upcoming\n"
                       "    days: 3\n"
                       "    finished: hide\n"
                       "    when_empty: Nothing on today\n"
                       "    screens: [ward-3, ward-4]\n"
                       "    sessions:\n"
                       "      - date: Tuesday 19 March 2024\n"
                       "        time: 1pm to 2pm\n"
                       "        title: Second\n"
                       "      - date: 2024-03-19\n"
                       "        start: 9.30am\n"
                       "        end: 12pm\n"
                       "        title: First\n"
                       "        host: University of Chester\n"
                       "        where: Online (Teams)\n"
                       "        link: https://example.org/join\n"
                       "  - type: image\n"
                       "    file: \"assets/Lock Screen (Teal)-04.png\"\n"
                       "    fit: cover\n"
                       "    background: navy\n"
                       "    duration: 8\n"
                       "  - type: quote\n"
                       "    text: Bringing relief at the lowest time is priceless.\n"
                       "    name: John Sloan\n"
                       "    role: Social work apprentice\n"
                       "    transition: none\n"
                       "  - type: text\n"
                       "    title: Social Work Week\n"
                       "    subtitle: 18 to 22 March 2024\n"
                       "    body: |\n"
                       "      - Learn\n"
                       "      - Connect\n"
                       "    screens: ward-3\n"
                       "    when:\n"
                       "      from: 11 March 2024\n"
                       "      until: 2024-03-22\n"
                       "      days: weekdays\n"
                       "      hours: [08:00-12:00, 1pm to 6pm]\n"
                       "  - type: sessions\n"
                       "    sessions: sessions.yaml\n";
    struct cor_diags d;
    struct cor_playlist *pl = load_text(yaml, strlen(yaml), &d);
    CHECK(pl != NULL);
    if (!pl) {
        print_diags(&d);
        cor_diags_free(&d);
        return;
    }
    CHECK_STR(pl->name, "Social Work Week");
    CHECK_STR(pl->timezone, "Europe/London");
    CHECK(pl->theme.background.r == 0x00 && pl->theme.background.g == 0x5E &&
          pl->theme.background.b == 0xB8);
    CHECK(pl->theme.accent.g == 0xAA && pl->theme.accent.b == 0x99);
    CHECK(pl->theme.clock);
    CHECK_INT(pl->defaults.duration_ms, 90000);
    CHECK_INT(pl->defaults.transition, COR_TRANSITION_SLIDE);
    CHECK_INT(pl->defaults.transition_ms, 800);
    CHECK_INT(pl->n_slides, 5);
    const struct cor_slide *s = &pl->slides[0];
    CHECK_INT(s->type, COR_SLIDE_SESSIONS);
    CHECK_INT(s->show, COR_SHOW_UPCOMING);
    CHECK_INT(s->days, 3);
    CHECK_INT(s->finished, COR_FINISHED_HIDE);
    CHECK_STR(s->when_empty, "Nothing on today");
    CHECK_INT(s->n_screens, 2);
    CHECK_INT(s->n_sessions, 2);
    CHECK_STR(s->sessions[0].title, "First"); /* sorted by time */
    CHECK_INT(s->sessions[0].start_min, 9 * 60 + 30);
    CHECK_INT(s->sessions[0].end_min, 12 * 60);
    CHECK_INT(s->sessions[0].day, cor_days_from_civil(2024, 3, 19));
    CHECK_STR(s->sessions[0].where, "Online (Teams)");
    CHECK_STR(s->sessions[0].link, "https://example.org/join");
    CHECK_INT(s->sessions[1].start_min, 13 * 60);
    CHECK_INT(s->duration_ms, 90000);
    s = &pl->slides[1];
    CHECK_INT(s->fit, COR_FIT_COVER);
    CHECK_INT(s->duration_ms, 8000);
    CHECK(s->background.r == 0 && s->background.g == 0 && s->background.b == 0x80);
    CHECK(strstr(s->file.path, "/assets/Lock Screen (Teal)-04.png") != NULL);
    s = &pl->slides[2];
    CHECK_STR(s->quote, "Bringing relief at the lowest time is priceless.");
    CHECK_STR(s->role, "Social work apprentice");
    CHECK_INT(s->transition, COR_TRANSITION_NONE);
    s = &pl->slides[3];
    CHECK(s->when.present && s->when.has_from && s->when.has_until);
    CHECK_INT(s->when.from, (cor_minute)cor_days_from_civil(2024, 3, 11) * 1440);
    CHECK_INT(s->when.until, (cor_minute)cor_days_from_civil(2024, 3, 23) * 1440);
    CHECK_INT(s->when.days, 0x1f);
    CHECK_INT(s->when.n_hours, 2);
    CHECK_INT(s->when.hours[1].from_min, 13 * 60);
    CHECK_INT(s->n_screens, 1);
    CHECK_STR(s->body, "- Learn\n- Connect");
    s = &pl->slides[4];
    CHECK_INT(s->n_sessions, 1);
    CHECK_STR(s->title, "Today's sessions");
    /* The playlist, the logo, two images and the session file are watched. */
    CHECK_INT(pl->n_files, 4);
    cor_playlist_free(pl);
    cor_diags_free(&d);
}

/* A calendar file is one of the files a player watches, and its bytes are in the playlist's hash,
 * so an export saved over it reloads the screen; a damaged one is refused at its line. */
static void test_calendar_file(void)
{
    const char *ics = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20240319T100000Z\r\n"
                      "DTEND:20240319T110000Z\r\nSUMMARY:From a calendar\r\nEND:VEVENT\r\n"
                      "END:VCALENDAR\r\n";
    write_file("ward.ics", ics, strlen(ics));
    const char *yaml = "timezone: Europe/London\nslides:\n  - type: sessions\n"
                       "    sessions: ward.ics\n";
    struct cor_diags d;
    struct cor_playlist *pl = load_text(yaml, strlen(yaml), &d);
    CHECK(pl != NULL);
    if (!pl) {
        cor_diags_free(&d);
        return;
    }
    bool watched = false;
    for (size_t i = 0; i < pl->n_files; i++)
        watched |= strstr(pl->files[i], "/ward.ics") != NULL;
    CHECK(watched);
    CHECK_INT(pl->slides[0].n_sessions, 1);
    CHECK(pl->slides[0].n_sessions == 1 && strcmp(pl->slides[0].sessions[0].title,
                                                  "From a calendar") == 0);
    uint64_t hash = pl->hash;
    cor_playlist_free(pl);
    cor_diags_free(&d);

    const char *moved = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20240319T120000Z\r\n"
                        "DTEND:20240319T130000Z\r\nSUMMARY:From a calendar\r\nEND:VEVENT\r\n"
                        "END:VCALENDAR\r\n";
    write_file("ward.ics", moved, strlen(moved));
    pl = load_text(yaml, strlen(yaml), &d);
    CHECK(pl != NULL && pl->hash != hash);
    cor_playlist_free(pl);
    cor_diags_free(&d);

    write_file("ward.ics", moved, 57); /* cut short after a line while being copied */
    pl = load_text(yaml, strlen(yaml), &d);
    CHECK(pl == NULL);
    int k = cor_diags_find(&d, "is never closed");
    CHECK(k >= 0);
    if (k >= 0) {
        CHECK(strstr(d.items[k].file, "ward.ics") != NULL);
        CHECK_INT(d.items[k].line, 2);
    }
    cor_diags_free(&d);
}

static void make_fixture(void)
{
    snprintf(dir, sizeof(dir), "/tmp/corridor-test-loader-XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        exit(2);
    }
    char path[600];
    snprintf(path, sizeof(path), "%s/assets", dir);
    mkdir(path, 0755);
    write_file("assets/lock-screen-teal.png", "png", 3);
    write_file("assets/Lock Screen (Teal)-04.png", "png", 3);
    const char *sessions = "- date: 2024-03-19\n  time: 10am to 11am\n  title: From a file\n";
    write_file("sessions.yaml", sessions, strlen(sessions));
    const char *broken = "- date: 2024-03-19\n  time: 10am to 11am\n  title: Fine\n"
                         "- date: 32 March 2024\n  time: 10am to 11am\n  title: Broken\n";
    write_file("broken-sessions.yaml", broken, strlen(broken));
}

static void remove_fixture(void)
{
    char cmd[600];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
}

int main(void)
{
    make_fixture();
    test_bad_playlists();
    test_all_mistakes_at_once();
    test_session_file_mistake();
    test_alias_bomb_and_depth();
    test_big_file();
    test_bom_and_crlf();
    test_hints_at_the_end();
    test_past_midnight();
    test_valid_playlist();
    test_calendar_file();
    remove_fixture();
    return CHECK_DONE();
}
