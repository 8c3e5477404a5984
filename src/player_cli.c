/* player_cli.c: parses `corridor PLAYLIST [options]` and starts the player. */
#include "player_cli.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "config_file.h"
#include "diag.h"
#include "log.h"
#include "settings.h"

/* --help: the options come from the settings table. */
static void print_usage(FILE *out)
{
    fputs("usage: corridor PLAYLIST [options]\n"
          "Plays PLAYLIST fullscreen, reloading it whenever it or a file it names changes.\n"
          "\n",
          out);
    cor_settings_usage(out);
    fputs("  --help                   this text\n"
          "\n"
          "Signals: HUP reloads now, USR1 writes the screenshot, TERM and INT stop.\n",
          out);
}

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

void cor_play_args_free(struct cor_play_args *args)
{
    cor_arena_free(args->arena);
    args->arena = NULL;
}

enum { MAX_OPTIONS = 64, OPTION_BASE = 256 };

/* One option as written: the setting and its value ("" for a flag). */
struct given {
    const struct cor_setting *setting;
    const char *value;
};

/* Explains the option getopt_long refused: ARG is argv's word, OPT getopt's optopt. */
static int refused(int c, int opt, const char *arg, const struct cor_setting *table)
{
    char name[64];
    if (opt >= OPTION_BASE) {
        cor_setting_option(&table[opt - OPTION_BASE], name, sizeof(name));
        if (c == ':')
            return mistake("%s needs a value", name);
        return mistake("%s takes no value ('%s')", name, arg);
    }
    if (opt)
        return mistake("unknown option '-%c'", opt);
    size_t len = strcspn(arg, "=");
    return mistake("unknown option '%.*s'", (int)len, arg);
}

/* Reads ARGV's options into GIVEN (in order) and its one playlist into *PLAYLIST. Returns 0, 2
 * after a mistake, or -1 after --help. */
static int read_argv(int argc, char **argv, struct given *given, size_t *n_given,
                     const char **playlist)
{
    size_t n;
    const struct cor_setting *table = cor_settings(&n);
    struct option longopts[MAX_OPTIONS + 2];
    char names[MAX_OPTIONS][48];
    size_t k = 0;
    for (size_t i = 0; i < n && k < MAX_OPTIONS; i++) {
        if (table[i].where == COR_SETTING_FILE_ONLY)
            continue;
        cor_setting_option(&table[i], names[k], sizeof(names[k]));
        longopts[k] = (struct option){
            names[k] + 2, table[i].kind == COR_SETTING_FLAG ? no_argument : required_argument, NULL,
            OPTION_BASE + (int)i};
        k++;
    }
    longopts[k++] = (struct option){"help", no_argument, NULL, 'h'};
    longopts[k] = (struct option){NULL, 0, NULL, 0};

    *n_given = 0;
    *playlist = NULL;
    opterr = 0;
    optind = 0; /* glibc: start afresh, also when called again */
    for (;;) {
        int c = getopt_long(argc, argv, "-:h", longopts, NULL);
        if (c == -1)
            break;
        if (c == 'h') {
            print_usage(stdout);
            return -1;
        }
        if (c == 1) {
            if (*playlist)
                return mistake("one playlist at a time: '%s' and '%s'", *playlist, optarg);
            *playlist = optarg;
            continue;
        }
        if (c == '?' || c == ':')
            return refused(c, optopt, argv[optind - 1], table);
        const struct cor_setting *s = &table[c - OPTION_BASE];
        given[(*n_given)++] = (struct given){s, optarg ? optarg : ""};
    }
    /* After "--": the playlist, whatever its name looks like. */
    for (; optind < argc; optind++) {
        if (*playlist)
            return mistake("one playlist at a time: '%s' and '%s'", *playlist, argv[optind]);
        *playlist = argv[optind];
    }
    return 0;
}

/* Applies the settings file, if --config names one, then the command line's options over it. */
static int apply_given(const struct given *given, size_t n_given, const char *playlist,
                       struct cor_play_args *args)
{
    struct cor_player_options *o = &args->opts;
    const char *config = NULL;
    for (size_t i = 0; i < n_given; i++)
        if (given[i].setting->kind == COR_SETTING_CONFIG)
            config = given[i].value;
    if (config) {
        struct cor_diags diags;
        cor_diags_init(&diags);
        bool ok = cor_config_file_load(config, o, args->arena, &diags);
        cor_diags_print(&diags, stderr);
        cor_diags_free(&diags);
        if (!ok)
            return 2;
    }
    const char *playlist_from_config = o->playlist;
    o->playlist = NULL;

    struct cor_settings_state st;
    cor_settings_begin(&st, o, args->arena, NULL);
    char msg[512];
    const char *rate_env = getenv("CORRIDOR_TEST_CLOCK_RATE");
    const struct cor_setting *rate = cor_setting_find("clock_rate", 10, false);
    if (rate_env && *rate_env && !cor_setting_apply(&st, rate, rate_env, msg, sizeof(msg)))
        return mistake("CORRIDOR_TEST_CLOCK_RATE='%s' is not a number", rate_env);

    for (size_t i = 0; i < n_given; i++) {
        const struct cor_setting *s = given[i].setting;
        char name[64];
        cor_setting_option(s, name, sizeof(name));
        if (s->kind != COR_SETTING_FLAG && !*given[i].value)
            return mistake("%s needs a value; for example: %s %s", name, name, s->example);
        msg[0] = '\0';
        if (!cor_setting_apply(&st, s, given[i].value, msg, sizeof(msg)))
            return mistake("%s %s: %s", name, given[i].value, msg);
    }
    if (st.oom) {
        fprintf(stderr, "corridor: out of memory\n");
        return 2;
    }
    if (st.has_log_level)
        cor_log_set_level(st.log_level);
    o->playlist = playlist ? playlist : playlist_from_config;
    if (!o->playlist)
        return mistake("name the playlist to play");
    if (o->screenshot_every_s > 0 && !o->screenshot_path)
        return mistake("--screenshot-every needs --screenshot FILE");
    return 0;
}

int cor_play_parse(int argc, char **argv, struct cor_play_args *args)
{
    struct cor_player_options *o = &args->opts;
    memset(args, 0, sizeof(*args));
    o->poll_s = 5;
    args->arena = cor_arena_create();
    struct given *given = calloc((size_t)argc + 1, sizeof(*given));
    if (!args->arena || !given) {
        free(given);
        fprintf(stderr, "corridor: out of memory\n");
        return 2;
    }
    size_t n_given;
    const char *playlist;
    int rc = read_argv(argc, argv, given, &n_given, &playlist);
    if (rc == 0)
        rc = apply_given(given, n_given, playlist, args);
    free(given);
    return rc;
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
