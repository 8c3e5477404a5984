/* player_cli.c: parses `corridor PLAYLIST [options]` and starts the player. */
#include "player_cli.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "config_file.h"
#include "diag.h"
#include "log.h"
#include "value.h"

static const char usage[] =
    "usage: corridor PLAYLIST [options]\n"
    "Plays PLAYLIST fullscreen, reloading it whenever it or a file it names changes.\n"
    "\n"
    "  --config FILE            read settings from FILE first; the command line wins\n"
    "  --screen NAME            this screen's name for `screens:` (default: the host name)\n"
    "  --rotate 0|90|180|270    turn the picture clockwise for a screen mounted on its side\n"
    "  --window WxH             a preview window instead of fullscreen; keys: right/left next\n"
    "                           and previous, space pause, r reload, q or Escape quit\n"
    "  --allow-quit             the keys, q and Escape included, work in fullscreen too\n"
    "  --now \"2024-03-19 10:30\" start the clock at this time (the playlist's zone)\n"
    "  --poll SECONDS           also check every watched file this often (default 5; 0: never)\n"
    "  --status FILE            keep FILE up to date with what is on screen (JSON)\n"
    "  --screenshot FILE        where SIGUSR1 writes a PNG of the screen\n"
    "  --screenshot-every TIME  also write it this often, e.g. 5m\n"
    "  --allow-dir DIR          files may also come from DIR (repeatable)\n"
    "  --log-level LEVEL        error, warning, info (default) or debug\n"
    "\n"
    "Signals: HUP reloads now, USR1 writes the screenshot, TERM and INT stop.\n";

static int mistake(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Explains a usage mistake on stderr; returns 2, the exit status for one. */
static int mistake(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "corridor: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n(corridor --help lists the options)\n");
    va_end(ap);
    return 2;
}

/* Seconds as a plain number ("5", "0.5") or a duration ("5s", "1m"); 0 only as a number. */
static bool parse_seconds(const char *s, bool allow_zero, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (end != s && *end == '\0' && errno == 0 && isfinite(v) && v >= 0 && v <= 86400 &&
        (allow_zero || v > 0)) {
        *out = v;
        return true;
    }
    uint32_t ms;
    if (cor_parse_duration(s, &ms, NULL, 0)) {
        *out = ms / 1000.0;
        return true;
    }
    return false;
}

static bool parse_size(const char *s, int *w, int *h)
{
    char *end;
    errno = 0;
    long a = strtol(s, &end, 10);
    if (end == s || (*end != 'x' && *end != 'X') || errno)
        return false;
    const char *rest = end + 1;
    long b = strtol(rest, &end, 10);
    if (end == rest || *end != '\0' || errno)
        return false;
    if (a < 64 || a > 16384 || b < 64 || b > 16384)
        return false;
    *w = (int)a;
    *h = (int)b;
    return true;
}

void cor_play_args_free(struct cor_play_args *args)
{
    cor_arena_free(args->arena);
    args->arena = NULL;
}

/* The value of --config in ARGV, or NULL. */
static const char *config_path(int argc, char **argv)
{
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            break;
        if (strncmp(argv[i], "--config=", 9) == 0)
            path = argv[i] + 9;
        else if (strcmp(argv[i], "--config") == 0 && i + 1 < argc)
            path = argv[++i];
    }
    return path;
}

int cor_play_parse(int argc, char **argv, struct cor_play_args *args)
{
    struct cor_player_options *o = &args->opts;
    memset(args, 0, sizeof(*args));
    o->poll_s = 5;
    args->arena = cor_arena_create();
    if (!args->arena) {
        fprintf(stderr, "corridor: out of memory\n");
        return 2;
    }
    const char *config = config_path(argc, argv);
    if (config) {
        struct cor_diags diags;
        cor_diags_init(&diags);
        bool ok = cor_config_file_load(config, o, args->arena, &diags);
        cor_diags_print(&diags, stderr);
        cor_diags_free(&diags);
        if (!ok)
            return 2;
    }
    /* The settings file's folders first, then the command line's. */
    size_t n_dirs = 0;
    while (o->allow_dirs && o->allow_dirs[n_dirs])
        n_dirs++;
    const char **dirs = cor_arena_array(args->arena, n_dirs + (size_t)argc + 1, sizeof(*dirs));
    if (!dirs) {
        fprintf(stderr, "corridor: out of memory\n");
        return 2;
    }
    for (size_t i = 0; i < n_dirs; i++)
        dirs[i] = o->allow_dirs[i];
    o->allow_dirs = dirs;
    const char *playlist_from_config = o->playlist;
    o->playlist = NULL;

    const char *rate_env = getenv("CORRIDOR_TEST_CLOCK_RATE");
    if (rate_env && *rate_env && !parse_seconds(rate_env, false, &o->clock_rate))
        return mistake("CORRIDOR_TEST_CLOCK_RATE='%s' is not a number", rate_env);

    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
            fputs(usage, stdout);
            return -1;
        }
        if (strncmp(arg, "--", 2) != 0 || strcmp(arg, "--") == 0) {
            if (strcmp(arg, "--") == 0) {
                if (i + 1 >= argc)
                    continue;
                arg = argv[++i];
            }
            if (o->playlist)
                return mistake("one playlist at a time: '%s' and '%s'", o->playlist, arg);
            o->playlist = arg;
            continue;
        }
        /* Every option but the flags takes a value: "--opt VALUE" or "--opt=VALUE". */
        char name[32];
        const char *value = NULL;
        const char *eq = strchr(arg, '=');
        size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
        if (len >= sizeof(name))
            return mistake("unknown option '%s'", arg);
        memcpy(name, arg, len);
        name[len] = '\0';
        bool flag = strcmp(name, "--allow-quit") == 0 || strcmp(name, "--distrust-clock") == 0;
        if (flag) {
            if (eq)
                return mistake("%s takes no value ('%s')", name, arg);
            if (strcmp(name, "--allow-quit") == 0)
                o->allow_quit = true;
            else
                o->distrust_clock = true;
            continue;
        }
        static const char *const with_value[] = {"--config",
                                                 "--rotate",
                                                 "--screen",
                                                 "--window",
                                                 "--now",
                                                 "--poll",
                                                 "--status",
                                                 "--screenshot",
                                                 "--screenshot-every",
                                                 "--log-level",
                                                 "--allow-dir",
                                                 "--clock-rate",
                                                 "--exit-after",
                                                 NULL};
        bool known = false;
        for (size_t k = 0; with_value[k]; k++)
            known |= strcmp(name, with_value[k]) == 0;
        if (!known)
            return mistake("unknown option '%s'", name);
        if (eq) {
            value = eq + 1;
        } else if (i + 1 < argc) {
            value = argv[++i];
        } else {
            return mistake("%s needs a value", name);
        }

        if (strcmp(name, "--config") == 0) {
            /* read first, above */
        } else if (strcmp(name, "--rotate") == 0) {
            long deg;
            if (!cor_parse_int(value, 0, 270, &deg, NULL, 0) || deg % 90 != 0)
                return mistake("--rotate %s: write 0, 90, 180 or 270", value);
            o->rotate = (int)deg;
        } else if (strcmp(name, "--screen") == 0) {
            if (!*value)
                return mistake("--screen needs a name");
            o->screen = value;
        } else if (strcmp(name, "--window") == 0) {
            if (!parse_size(value, &o->window_w, &o->window_h))
                return mistake("--window %s: write a size such as 1280x720", value);
        } else if (strcmp(name, "--now") == 0) {
            bool has_time;
            char err[256];
            if (!cor_parse_datetime(value, &o->now_civil, &has_time, err, sizeof(err)))
                return mistake("--now %s: %s", value, err);
            o->has_now_civil = true;
        } else if (strcmp(name, "--poll") == 0) {
            if (!parse_seconds(value, true, &o->poll_s))
                return mistake("--poll %s: write seconds, e.g. 5 (0 turns polling off)", value);
        } else if (strcmp(name, "--status") == 0) {
            o->status_path = value;
        } else if (strcmp(name, "--screenshot") == 0) {
            o->screenshot_path = value;
        } else if (strcmp(name, "--screenshot-every") == 0) {
            uint32_t ms;
            char err[256];
            if (!cor_parse_duration(value, &ms, err, sizeof(err)))
                return mistake("--screenshot-every %s: %s", value, err);
            o->screenshot_every_s = ms / 1000.0;
        } else if (strcmp(name, "--log-level") == 0) {
            enum cor_log_level level;
            if (!cor_log_parse_level(value, &level))
                return mistake("--log-level %s: write error, warning, info or debug", value);
            cor_log_set_level(level);
        } else if (strcmp(name, "--allow-dir") == 0) {
            dirs[n_dirs++] = value;
        } else if (strcmp(name, "--clock-rate") == 0) {
            /* Hidden, for tests: simulated time runs this many times real time. */
            char *end;
            errno = 0;
            double r = strtod(value, &end);
            if (end == value || *end || errno || !(r > 0 && r <= 100000))
                return mistake("--clock-rate %s: write a number above 0", value);
            o->clock_rate = r;
        } else if (strcmp(name, "--exit-after") == 0) {
            /* Hidden, for tests: stop after this much simulated time. */
            uint32_t ms;
            char err[256];
            if (!cor_parse_duration(value, &ms, err, sizeof(err)))
                return mistake("--exit-after %s: %s", value, err);
            o->exit_after_s = ms / 1000.0;
        } else {
            return mistake("unknown option '%s'", name);
        }
    }
    if (!o->playlist)
        o->playlist = playlist_from_config;
    if (!o->playlist)
        return mistake("name the playlist to play");
    if (o->screenshot_every_s > 0 && !o->screenshot_path)
        return mistake("--screenshot-every needs --screenshot FILE");
    return 0;
}

int cor_play_command(int argc, char **argv)
{
    struct cor_play_args args;
    int rc = cor_play_parse(argc, argv, &args);
    if (rc == 0)
        rc = cor_player_run(&args.opts);
    else if (rc < 0)
        rc = 0;
    cor_play_args_free(&args);
    if (rc == COR_PLAYER_RESTART) {
        /* Everything is closed: the same program again, as the same process (systemd keeps
         * watching it), opens the screen in its new mode. ARGV[0] is the program's name or
         * "play", which the new corridor reads as its name either way. */
        fflush(NULL);
        execv("/proc/self/exe", argv);
        cor_log_errno(COR_LOG_ERROR, "player", "cannot start corridor again");
        rc = 1;
    }
    return rc;
}
