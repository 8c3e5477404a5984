/* test_settings.c: the settings table: each setting accepted or refused with the same sentence
 * on the command line and in corridor.conf, and the packaged corridor.conf names every setting
 * the file can hold, and nothing else. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "check.h"
#include "config_file.h"
#include "diag.h"
#include "player_cli.h"
#include "settings.h"

/* One value of one setting, with the same outcome wherever it is written. */
struct setting_case {
    const char *name;  /* the key in corridor.conf; the option is --name with - for _ */
    const char *value; /* NULL: a flag given bare on the command line (and "yes" in the file) */
    bool ok;
    const char *msg; /* on refusal, the one sentence */
};

static const struct setting_case cases[] = {
    {"screen", "ward-12", true, NULL},
    {"rotate", "0", true, NULL},
    {"rotate", "270", true, NULL},
    {"rotate", "45", false, "'45' is not a rotation corridor can do; write 0, 90, 180 or 270"},
    {"rotate", "360", false, "'360' is not a rotation corridor can do; write 0, 90, 180 or 270"},
    {"rotate", "abc", false, "'abc' is not a rotation corridor can do; write 0, 90, 180 or 270"},
    {"window", "1280x720", true, NULL},
    {"window", "64x64", true, NULL},
    {"window", "16384x64", true, NULL},
    {"window", "off", true, NULL},
    {"window", "63x100", false,
     "'63x100' is not a window size; write WIDTHxHEIGHT such as 1280x720, or off for fullscreen"},
    {"window", "16385x64", false,
     "'16385x64' is not a window size; write WIDTHxHEIGHT such as 1280x720, or off for "
     "fullscreen"},
    {"window", "1280", false,
     "'1280' is not a window size; write WIDTHxHEIGHT such as 1280x720, or off for fullscreen"},
    {"poll", "5", true, NULL},
    {"poll", "0", true, NULL},
    {"poll", "0.5", true, NULL},
    {"poll", "10s", true, NULL},
    {"poll", "off", true, NULL},
    {"poll", "abc", false,
     "'abc' is not a length of time; write it like 10s, 5m or 1h, or off to turn poll off"},
    {"poll", "-1", false,
     "'-1' is not a length of time; write it like 10s, 5m or 1h, or off to turn poll off"},
    {"screenshot_every", "5m", true, NULL},
    {"screenshot_every", "off", true, NULL},
    {"screenshot_every", "abc", false,
     "'abc' is not a length of time; write it like 10s, 5m or 1h, or off to turn "
     "screenshot_every off"},
    {"log_level", "debug", true, NULL},
    {"log_level", "bogus", false,
     "'bogus' is not a log level; write error, warning, info or debug"},
    {"status", "/run/corridor/status.json", true, NULL},
    {"screenshot", "/run/corridor/screen.png", true, NULL},
    {"allow_dir", "/srv/shared-images", true, NULL},
    {"allow_quit", NULL, true, NULL},
    {"metrics", "/var/lib/prometheus/node-exporter/corridor.prom", true, NULL},
    {"play_log", "/var/log/corridor/plays.jsonl", true, NULL},
    {"play_log_max_kb", "4096", true, NULL},
    {"play_log_max_kb", "0", false, "'0' is not a number above 0; write one such as 4096"},
    {"play_log_files", "5", true, NULL},
    {"play_log_files", "101", false, "'101' is not a number above 0; write one such as 5"},
    {"never_sleep", NULL, true, NULL},
    {"identify", NULL, true, NULL},
    {"identify_for", "15m", true, NULL},
    {"identify_for", "off", true, NULL},
    {"identify_for", "a while", false,
     "'a while' is not a length of time; write it like 10s, 5m or 1h, or off to turn "
     "identify_for off"},
};

/* Whether A and B are both NULL or the same words. */
static bool same(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

static const char *first_dir(const char *const *dirs)
{
    return dirs ? dirs[0] : NULL;
}

/* Runs `corridor /p.yaml --OPTION VALUE --screenshot /s.png`; stderr goes into ERR. */
static int run_cli(const struct setting_case *c, struct cor_play_args *args, char *err,
                   size_t err_size)
{
    char option[64];
    const struct cor_setting *s = cor_setting_find(c->name, strlen(c->name), false);
    cor_setting_option(s, option, sizeof(option));
    char *argv[8] = {"corridor", "/p.yaml", option, (char *)c->value, NULL};
    int argc = c->value ? 4 : 3;
    if (strcmp(c->name, "screenshot_every") == 0) {
        argv[argc++] = "--screenshot";
        argv[argc++] = "/s.png";
    }
    argv[argc] = NULL;
    FILE *tmp = tmpfile();
    int saved = dup(2);
    fflush(stderr);
    dup2(fileno(tmp), 2);
    int rc = cor_play_parse(argc, argv, args);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    rewind(tmp);
    size_t n = fread(err, 1, err_size - 1, tmp);
    err[n] = '\0';
    fclose(tmp);
    return rc;
}

static void check_case(const struct setting_case *c)
{
    char label[128];
    snprintf(label, sizeof(label), "%s %s", c->name, c->value ? c->value : "(flag)");

    struct cor_play_args cli;
    char err[1024];
    int rc = run_cli(c, &cli, err, sizeof(err));
    CHECK_MSG(rc == (c->ok ? 0 : 2), "%s: command line gave %d\n%s", label, rc, err);

    struct cor_player_options file = {.poll_s = 5};
    struct cor_arena *arena = cor_arena_create();
    struct cor_diags diags;
    cor_diags_init(&diags);
    char text[256];
    snprintf(text, sizeof(text), "playlist = /p.yaml\nscreenshot = /s.png\n%s = %s\n", c->name,
             c->value ? c->value : "yes");
    bool ok = cor_config_file_parse("/etc/corridor/corridor.conf", text, strlen(text), &file, arena,
                                    &diags);
    CHECK_MSG(ok == c->ok, "%s: corridor.conf gave %d", label, ok);

    if (c->ok && rc == 0 && ok) {
        const struct cor_player_options *o = &cli.opts;
        CHECK_MSG(o->rotate == file.rotate && o->window_w == file.window_w &&
                      o->window_h == file.window_h && o->poll_s == file.poll_s &&
                      o->screenshot_every_s == file.screenshot_every_s &&
                      o->allow_quit == file.allow_quit && o->never_sleep == file.never_sleep &&
                      o->identify == file.identify && o->identify_for_s == file.identify_for_s &&
                      same(o->screen, file.screen) &&
                      same(o->status_path, file.status_path) &&
                      same(o->metrics_path, file.metrics_path) &&
                      same(o->play_log_path, file.play_log_path) &&
                      o->play_log_max_kb == file.play_log_max_kb &&
                      o->play_log_files == file.play_log_files &&
                      same(first_dir(o->allow_dirs), first_dir(file.allow_dirs)),
                  "%s: the command line and corridor.conf set different options", label);
    }
    if (!c->ok) {
        char want[768], option[64];
        cor_setting_option(cor_setting_find(c->name, strlen(c->name), false), option,
                           sizeof(option));
        snprintf(want, sizeof(want), "corridor: %s %s: %s\n", option, c->value, c->msg);
        CHECK_MSG(strncmp(err, want, strlen(want)) == 0, "%s: command line said\n  %s", label, err);
        CHECK_MSG(diags.n && diags.items[0].line == 3 && strcmp(diags.items[0].msg, c->msg) == 0,
                  "%s: corridor.conf said\n  %s", label, diags.n ? diags.items[0].msg : "nothing");
    }
    cor_diags_free(&diags);
    cor_arena_free(arena);
    cor_play_args_free(&cli);
}

/* Every setting that can be written somewhere has a case above. */
static void check_every_setting_tried(void)
{
    size_t n;
    const struct cor_setting *table = cor_settings(&n);
    for (size_t i = 0; i < n; i++) {
        if (table[i].where != COR_SETTING_BOTH)
            continue;
        bool tried = false;
        for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++)
            tried |= strcmp(cases[k].name, table[i].name) == 0;
        CHECK_MSG(tried, "setting %s has no case", table[i].name);
    }
}

/* packaging/corridor.conf shows every setting the file can hold (as `key =` or `#key =`), and
 * each such line names one. */
static void check_packaged_conf(const char *source_dir)
{
    char path[1024];
    snprintf(path, sizeof(path), "%s/packaging/corridor.conf", source_dir);
    FILE *f = fopen(path, "r");
    CHECK_MSG(f != NULL, "cannot open %s", path);
    if (!f)
        return;
    size_t n;
    const struct cor_setting *table = cor_settings(&n);
    bool shown[64] = {false};
    char line[512];
    while (fgets(line, sizeof(line), f)) {
        const char *p = line[0] == '#' ? line + 1 : line;
        size_t len = strspn(p, "abcdefghijklmnopqrstuvwxyz_");
        if (len == 0 || strncmp(p + len, " = ", 3) != 0)
            continue;
        const struct cor_setting *s = cor_setting_find(p, len, true);
        CHECK_MSG(s != NULL, "corridor.conf shows '%.*s', which is no setting", (int)len, p);
        if (s)
            shown[s - table] = true;
    }
    fclose(f);
    for (size_t i = 0; i < n; i++)
        if (cor_setting_find(table[i].name, strlen(table[i].name), true))
            CHECK_MSG(shown[i], "packaging/corridor.conf does not show %s", table[i].name);
}

int main(void)
{
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        check_case(&cases[i]);
    check_every_setting_tried();
    const char *src = getenv("CORRIDOR_SOURCE_DIR");
    if (src)
        check_packaged_conf(src);
    return CHECK_DONE();
}
