/* test_config_file.c: table-driven tests of the corridor.conf parser: values, messages, lines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "check.h"
#include "config_file.h"
#include "diag.h"
#include "log.h"

/* Each case parses TEXT as /etc/corridor/corridor.conf over the same starting options. */
struct config_case {
    const char *name;
    const char *text;
    bool ok;
    const char *want; /* ';'-separated "field=value" items the options dump must hold */
    size_t errors, warnings;
    const char *msg; /* the first message, exactly; NULL: none expected */
    int line, col;
};

static const struct config_case cases[] = {
    {"empty file keeps everything", "", true, "playlist=/cli/given.yaml;screen=-;rotate=0", 0, 0,
     NULL, 0, 0},
    {"comments and blank lines", "# corridor settings\n\n   # indented comment\n\t\n", true,
     "playlist=/cli/given.yaml", 0, 0, NULL, 0, 0},
    {"every key",
     "playlist = /srv/corridor/wards.yaml\n"
     "screen = ward-12\n"
     "rotate = 270\n"
     "status = /run/corridor/status.json\n"
     "screenshot = /run/corridor/screen.png\n"
     "screenshot_every = 5m\n"
     "poll = 10s\n"
     "log_level = warning\n"
     "allow_dir = /srv/shared-images\n"
     "window = 1280x720\n"
     "allow_quit = yes\n",
     true,
     "playlist=/srv/corridor/wards.yaml;screen=ward-12;rotate=270;"
     "status=/run/corridor/status.json;shot=/run/corridor/screen.png;every=300;poll=10;"
     "dirs=/cli/dir,/srv/shared-images;window=1280x720;quit=1;log=warning",
     0, 0, NULL, 0, 0},
    {"relative paths start at the settings file's folder",
     "playlist = screens/ward.yaml\nallow_dir = ../images\n", true,
     "playlist=/etc/corridor/screens/ward.yaml;dirs=/cli/dir,/etc/corridor/../images", 0, 0, NULL,
     0, 0},
    {"dashes, capitals and no spaces", "Screenshot-Every=30s\nALLOW-QUIT=no\n", true,
     "every=30;quit=0", 0, 0, NULL, 0, 0},
    {"a comment after a value", "screen = ward-12   # the east wing\n", true, "screen=ward-12", 0,
     0, NULL, 0, 0},
    {"a # inside a word is kept", "screen = ward#3\n", true, "screen=ward#3", 0, 0, NULL, 0, 0},
    {"quotes keep spaces and #", "screen = \" ward # 3 \"  # comment\n", true, "screen= ward # 3 ",
     0, 0, NULL, 0, 0},
    {"Windows line ends and a byte-order mark", "\xEF\xBB\xBFscreen = ward-12\r\nrotate = 90\r\n",
     true, "screen=ward-12;rotate=90", 0, 0, NULL, 0, 0},
    {"no newline at the end", "rotate = 180", true, "rotate=180", 0, 0, NULL, 0, 0},
    {"poll and screenshot_every turn off", "poll = off\nscreenshot_every = 0\n", true,
     "poll=0;every=0", 0, 0, NULL, 0, 0},
    {"a bare number of seconds", "poll = 2\n", true, "poll=2", 0, 0, NULL, 0, 0},
    {"window off means fullscreen", "window = 640x480\nwindow = off\n", true, "window=0x0", 0, 1,
     "window is set again here (first on line 1); this later value is used", 2, 1},
    {"allow_dir repeats and adds", "allow_dir = /a\nallow_dir = /b\n", true, "dirs=/cli/dir,/a,/b",
     0, 0, NULL, 0, 0},
    {"a key set twice: warning, later wins", "screen = one\n\nscreen = two\n", true, "screen=two",
     0, 1, "screen is set again here (first on line 1); this later value is used", 3, 1},
    {"log level", "log_level = debug\n", true, "log=debug", 0, 0, NULL, 0, 0},

    {"rotation not a right angle", "rotate = 45\n", false, NULL, 1, 0,
     "'45' is not a rotation corridor can do; write 0, 90, 180 or 270", 1, 10},
    {"rotation in words, column after spaces", "rotate  =   ninety\n", false, NULL, 1, 0,
     "'ninety' is not a rotation corridor can do; write 0, 90, 180 or 270", 1, 13},
    {"misspelt key", "# settings\nplaylst = /srv/a.yaml\n", false, NULL, 1, 0,
     "unknown key 'playlst'; did you mean 'playlist'?", 2, 1},
    {"unknown key far from any", "  colour = red\n", false, NULL, 1, 0,
     "unknown key 'colour'; the keys are playlist, screen, rotate, status, metrics, play_log, "
     "play_log_max_kb, play_log_files, screenshot, screenshot_every, poll, log_level, allow_dir, "
     "window, allow_quit, never_sleep, identify, identify_for",
     1, 3},
    {"a key without a value or =", "playlist\n", false, NULL, 1, 0,
     "'playlist' needs a value; write playlist = /var/lib/corridor/playlist/example.yaml", 1, 1},
    {"a line that is not a setting", "hello there\n", false, NULL, 1, 0,
     "'hello there' is not a setting; write key = value, or start the line with # for a comment", 1,
     1},
    {"= with no key", "= 5\n", false, NULL, 1, 0, "a key is missing before '='; write key = value",
     1, 1},
    {"a key with an empty value", "screen =   # nothing\n", false, NULL, 1, 0,
     "screen needs a value after '='; for example: screen = ward-12", 1, 8},
    {"empty quotes", "screen = \"\"\n", false, NULL, 1, 0,
     "screen needs a value after '='; for example: screen = ward-12", 1, 8},
    {"a quote never closed", "screen = \"ward 12\n", false, NULL, 1, 0,
     "this quote is never closed; end the value with \"", 1, 10},
    {"text after the closing quote", "screen = \"ward\" 12\n", false, NULL, 1, 0,
     "text after the closing quote; put all of the value inside the quotes", 1, 17},
    {"poll not a time", "poll = soon\n", false, NULL, 1, 0,
     "'soon' is not a length of time; write it like 10s, 5m or 1h, or off to turn poll off", 1, 8},
    {"window without a height", "window = 1280x\n", false, NULL, 1, 0,
     "'1280x' is not a window size; write WIDTHxHEIGHT such as 1280x720, or off for fullscreen", 1,
     10},
    {"window far too large", "window = 99999x100\n", false, NULL, 1, 0,
     "'99999x100' is not a window size; write WIDTHxHEIGHT such as 1280x720, or off for "
     "fullscreen",
     1, 10},
    {"allow_quit not a yes or no", "allow_quit = maybe\n", false, NULL, 1, 0,
     "'maybe' is neither yes nor no; write yes or no", 1, 14},
    {"log level unknown", "log_level = loud\n", false, NULL, 1, 0,
     "'loud' is not a log level; write error, warning, info or debug", 1, 13},
    {"columns count characters, not bytes", "screen = \"é\" x\n", false, NULL, 1, 0,
     "text after the closing quote; put all of the value inside the quotes", 1, 14},
    {"every mistake is reported, none applied",
     "rotate = 45\nscreen = ward-3\nplaylst = x\npoll = soon\n", false,
     "playlist=/cli/given.yaml;screen=-;rotate=0;poll=0", 3, 0,
     "'45' is not a rotation corridor can do; write 0, 90, 180 or 270", 1, 10},
};

/* The starting options, as `corridor PLAYLIST --allow-dir /cli/dir` would leave them. */
static const char *const base_dirs[] = {"/cli/dir", NULL};

static struct cor_player_options base_options(void)
{
    struct cor_player_options o = {0};
    o.playlist = "/cli/given.yaml";
    o.allow_dirs = base_dirs;
    return o;
}

static const char *level_name(enum cor_log_level l)
{
    switch (l) {
    case COR_LOG_ERROR:
        return "error";
    case COR_LOG_WARNING:
        return "warning";
    case COR_LOG_INFO:
        return "info";
    case COR_LOG_DEBUG:
        return "debug";
    }
    return "?";
}

/* Writes the options as ";field=value;...;" so a test can look for ";field=value;". */
static void dump(const struct cor_player_options *o, char *buf, size_t size)
{
    char dirs[512] = "";
    for (const char *const *d = o->allow_dirs; d && *d; d++) {
        if (dirs[0])
            strncat(dirs, ",", sizeof(dirs) - strlen(dirs) - 1);
        strncat(dirs, *d, sizeof(dirs) - strlen(dirs) - 1);
    }
    snprintf(buf, size,
             ";playlist=%s;screen=%s;rotate=%d;window=%dx%d;quit=%d;poll=%g;status=%s;shot=%s;"
             "every=%g;dirs=%s;log=%s;",
             o->playlist ? o->playlist : "-", o->screen ? o->screen : "-", o->rotate, o->window_w,
             o->window_h, o->allow_quit, o->poll_s, o->status_path ? o->status_path : "-",
             o->screenshot_path ? o->screenshot_path : "-", o->screenshot_every_s, dirs,
             level_name(cor_log_get_level()));
}

/* Checks that every ';'-separated item of WANT appears in the dump. */
static void check_dump(const char *name, const char *got, const char *want)
{
    const char *p = want;
    while (*p) {
        const char *end = strchr(p, ';');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        char item[256];
        snprintf(item, sizeof(item), ";%.*s;", (int)n, p);
        CHECK_MSG(strstr(got, item) != NULL, "%s: options %s lack %s", name, got, item);
        p += n + (end ? 1 : 0);
    }
}

static void run_case(const struct config_case *c)
{
    struct cor_arena *arena = cor_arena_create();
    struct cor_diags diags;
    cor_diags_init(&diags);
    cor_log_set_level(COR_LOG_INFO);
    struct cor_player_options opts = base_options();

    bool ok = cor_config_file_parse("/etc/corridor/corridor.conf", c->text, strlen(c->text), &opts,
                                    arena, &diags);
    CHECK_MSG(ok == c->ok, "%s: returned %d", c->name, ok);
    CHECK_MSG(diags.n_errors == c->errors, "%s: %zu errors, expected %zu", c->name, diags.n_errors,
              c->errors);
    CHECK_MSG(diags.n_warnings == c->warnings, "%s: %zu warnings, expected %zu", c->name,
              diags.n_warnings, c->warnings);
    if (c->msg) {
        CHECK_MSG(diags.n > 0, "%s: no message", c->name);
        if (diags.n > 0) {
            const struct cor_diag *d = &diags.items[0];
            CHECK_MSG(strcmp(d->msg, c->msg) == 0, "%s: message\n  \"%s\", expected\n  \"%s\"",
                      c->name, d->msg, c->msg);
            CHECK_MSG(d->line == c->line && d->col == c->col, "%s: at %d:%d, expected %d:%d",
                      c->name, d->line, d->col, c->line, c->col);
            CHECK_STR(d->file, "/etc/corridor/corridor.conf");
        }
    } else {
        CHECK_MSG(diags.n == 0, "%s: unexpected message \"%s\"", c->name,
                  diags.n ? diags.items[0].msg : "");
    }
    char got[2048];
    dump(&opts, got, sizeof(got));
    if (c->want)
        check_dump(c->name, got, c->want);
    if (!c->ok) {
        /* A file with mistakes changes nothing at all. */
        struct cor_player_options base = base_options();
        char before[2048];
        cor_log_set_level(COR_LOG_INFO);
        dump(&base, before, sizeof(before));
        CHECK_MSG(strcmp(got, before) == 0, "%s: options changed to %s", c->name, got);
    }
    cor_diags_free(&diags);
    cor_arena_free(arena);
}

/* Loading from disk: a real file, a missing one, and relative paths from the file's folder. */
static void test_load_files(void)
{
    char dir[] = "/tmp/corridor-conf-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char path[256];
    snprintf(path, sizeof(path), "%s/corridor.conf", dir);
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (!f)
        return;
    fputs("# test\nplaylist = wards.yaml\nrotate = 90\nplaylst = x\n", f);
    fclose(f);

    struct cor_arena *arena = cor_arena_create();
    struct cor_diags diags;
    cor_diags_init(&diags);
    struct cor_player_options opts = base_options();
    CHECK(!cor_config_file_load(path, &opts, arena, &diags));
    CHECK_INT(diags.n_errors, 1);
    CHECK_STR(opts.playlist, "/cli/given.yaml");

    /* The printed message shows the offending line under it. */
    char *out = NULL;
    size_t out_len = 0;
    FILE *mem = open_memstream(&out, &out_len);
    CHECK(mem != NULL);
    if (mem) {
        cor_diags_print(&diags, mem);
        fclose(mem);
        CHECK_CONTAINS(out, ":4:1: error: unknown key 'playlst'; did you mean 'playlist'?");
        CHECK_CONTAINS(out, "    playlst = x\n    ^\n");
        free(out);
    }
    cor_diags_free(&diags);

    f = fopen(path, "w");
    CHECK(f != NULL);
    if (f) {
        fputs("playlist = wards.yaml\nrotate = 90\n", f);
        fclose(f);
    }
    cor_diags_init(&diags);
    CHECK(cor_config_file_load(path, &opts, arena, &diags));
    char want[300];
    snprintf(want, sizeof(want), "%s/wards.yaml", dir);
    CHECK_STR(opts.playlist, want);
    CHECK_INT(opts.rotate, 90);
    cor_diags_free(&diags);

    /* A missing file is one error naming it, and the options stay as they were. */
    cor_diags_init(&diags);
    struct cor_player_options before = base_options();
    opts = before;
    snprintf(want, sizeof(want), "%s/missing.conf", dir);
    CHECK(!cor_config_file_load(want, &opts, arena, &diags));
    CHECK_INT(diags.n_errors, 1);
    if (diags.n)
        CHECK_STR(diags.items[0].msg, "cannot open the settings file: No such file or directory; "
                                      "check the path given to --config");
    CHECK_STR(opts.playlist, "/cli/given.yaml");
    cor_diags_free(&diags);

    /* A folder given by mistake is an error too, not a crash. */
    cor_diags_init(&diags);
    CHECK(!cor_config_file_load(dir, &opts, arena, &diags));
    CHECK_INT(diags.n_errors, 1);
    cor_diags_free(&diags);

    cor_arena_free(arena);
    unlink(path);
    rmdir(dir);
}

/* The packaged default file must load cleanly: it is what every screen starts from. */
static void test_packaged_default(void)
{
    const char *src = getenv("CORRIDOR_SOURCE_DIR");
    if (!src)
        return;
    char path[512];
    snprintf(path, sizeof(path), "%s/packaging/corridor.conf", src);
    struct cor_arena *arena = cor_arena_create();
    struct cor_diags diags;
    cor_diags_init(&diags);
    struct cor_player_options opts = {0};
    bool ok = cor_config_file_load(path, &opts, arena, &diags);
    if (!ok)
        cor_diags_print(&diags, stderr);
    CHECK(ok);
    CHECK_INT(diags.n, 0);
    CHECK_STR(opts.playlist, "/var/lib/corridor/playlist/welcome.yaml");
    cor_diags_free(&diags);
    cor_arena_free(arena);
}

int main(void)
{
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        run_case(&cases[i]);
    test_load_files();
    test_packaged_default();
    return CHECK_DONE();
}
