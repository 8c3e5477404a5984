/* settings.c: the table of the player's settings and the one parser of their values. */
#include "settings.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "value.h"

#define OPT(member) offsetof(struct cor_player_options, member)

/* Each setting once. New settings go here, with their kind, where they may be written, and the
 * help line; --help, corridor.conf's key list and the tests follow from this table. */
static const struct cor_setting table[] = {
    {"config", COR_SETTING_CONFIG, COR_SETTING_CLI_ONLY, 0, 0, 0, "FILE",
     "/etc/corridor/corridor.conf",
     "read settings from FILE first (the service reads\n"
     "/etc/corridor/corridor.conf); the command line wins"},
    {"playlist", COR_SETTING_PATH, COR_SETTING_FILE_ONLY, OPT(playlist), 0, 0, "PATH",
     "/var/lib/corridor/playlist/example.yaml", "the playlist to play"},
    {"screen", COR_SETTING_NAME, COR_SETTING_BOTH, OPT(screen), 0, 0, "NAME", "ward-12",
     "this screen's name for `screens:` (default: the host name)"},
    {"rotate", COR_SETTING_ROTATE, COR_SETTING_BOTH, OPT(rotate), 0, 270, "0|90|180|270", "90",
     "turn the picture clockwise for a screen mounted on its side"},
    {"status", COR_SETTING_PATH, COR_SETTING_BOTH, OPT(status_path), 0, 0, "FILE",
     "/run/corridor/status.json", "keep FILE up to date with what is on screen (JSON)"},
    {"metrics", COR_SETTING_PATH, COR_SETTING_BOTH, OPT(metrics_path), 0, 0, "FILE",
     "/var/lib/prometheus/node-exporter/corridor.prom",
     "keep FILE up to date with gauges for Prometheus's\n"
     "node_exporter (its textfile collector's folder)"},
    {"play_log", COR_SETTING_PATH, COR_SETTING_BOTH, OPT(play_log_path), 0, 0, "FILE",
     "/var/log/corridor/plays.jsonl",
     "add a line to FILE for every page shown (proof of\n"
     "play; `corridor report` sums it up)"},
    {"play_log_max_kb", COR_SETTING_NUMBER, COR_SETTING_BOTH, OPT(play_log_max_kb), 0, 1048576,
     "KB", "4096", "start a new play log past this size (default 4096)"},
    {"play_log_files", COR_SETTING_NUMBER, COR_SETTING_BOTH, OPT(play_log_files), 0, 100, "N",
     "5", "keep this many play log files in all (default 5)"},
    {"screenshot", COR_SETTING_PATH, COR_SETTING_BOTH, OPT(screenshot_path), 0, 0, "FILE",
     "/run/corridor/screen.png", "where SIGUSR1 writes a PNG of the screen"},
    {"screenshot_every", COR_SETTING_SECONDS, COR_SETTING_BOTH, OPT(screenshot_every_s), 0, 86400,
     "TIME", "5m", "also write it this often, e.g. 5m"},
    {"poll", COR_SETTING_SECONDS, COR_SETTING_BOTH, OPT(poll_s), 0, 86400, "SECONDS", "10s",
     "also check every watched file this often (default 5; 0: never)"},
    {"log_level", COR_SETTING_LOG_LEVEL, COR_SETTING_BOTH, 0, 0, 0, "LEVEL", "info",
     "error, warning, info (default) or debug"},
    {"allow_dir", COR_SETTING_FOLDERS, COR_SETTING_BOTH, OPT(allow_dirs), 0, 0, "DIR",
     "/srv/shared-images", "files may also come from DIR (repeatable)"},
    {"window", COR_SETTING_WINDOW, COR_SETTING_BOTH, 0, 64, 16384, "WxH", "1280x720",
     "a preview window instead of fullscreen; keys: right/left next\n"
     "and previous, space pause, r reload, q or Escape quit"},
    {"allow_quit", COR_SETTING_FLAG, COR_SETTING_BOTH, OPT(allow_quit), 0, 0, NULL, "yes",
     "the keys, q and Escape included, work in fullscreen too"},
    {"never_sleep", COR_SETTING_FLAG, COR_SETTING_BOTH, OPT(never_sleep), 0, 0, NULL, "yes",
     "stay on whatever the playlist's `power:` says: no CEC, no DPMS\n"
     "(a monitor that must never sleep)"},
    {"identify", COR_SETTING_FLAG, COR_SETTING_BOTH, OPT(identify), 0, 0, NULL, "yes",
     "show who this screen is (name, addresses, playlist, version,\n"
     "a QR code of them) instead of the playlist"},
    {"identify_for", COR_SETTING_SECONDS, COR_SETTING_BOTH, OPT(identify_for_s), 0, 86400, "TIME",
     "15m", "... for this long after start, then the playlist\n"
            "(default: until corridor restarts without identify)"},
    {"now", COR_SETTING_MOMENT, COR_SETTING_CLI_ONLY, 0, 0, 0, "\"2024-03-19 10:30\"",
     "2024-03-19 10:30", "start the clock at this time (the playlist's zone)"},
    /* For corridor's own tests: simulated time runs this many times real time, stops after this
     * much of it, and the system clock is taken as wrong. */
    {"clock_rate", COR_SETTING_NUMBER, COR_SETTING_TEST_ONLY, OPT(clock_rate), 0, 100000, "RATE",
     "60", NULL},
    {"exit_after", COR_SETTING_SECONDS, COR_SETTING_TEST_ONLY, OPT(exit_after_s), 0, 86400, "TIME",
     "1h", NULL},
    {"identify_addresses", COR_SETTING_NAME, COR_SETTING_TEST_ONLY, OPT(identify_addresses), 0, 0,
     "LIST", "ward-12,10.20.30.41", NULL},
    {"distrust_clock", COR_SETTING_FLAG, COR_SETTING_TEST_ONLY, OPT(distrust_clock), 0, 0, NULL,
     "yes", NULL},
};

enum { N_SETTINGS = sizeof(table) / sizeof(table[0]) };

const struct cor_setting *cor_settings(size_t *n)
{
    *n = N_SETTINGS;
    return table;
}

static bool written_in(const struct cor_setting *s, bool file)
{
    if (file)
        return s->where == COR_SETTING_BOTH || s->where == COR_SETTING_FILE_ONLY;
    return s->where != COR_SETTING_FILE_ONLY;
}

const struct cor_setting *cor_setting_find(const char *name, size_t len, bool file)
{
    for (size_t i = 0; i < N_SETTINGS; i++) {
        const char *k = table[i].name;
        size_t j = 0;
        for (; j < len && k[j]; j++) {
            char c = (char)tolower((unsigned char)name[j]);
            if (c == '-')
                c = '_';
            if (c != k[j])
                break;
        }
        if (j == len && !k[j] && written_in(&table[i], file))
            return &table[i];
    }
    return NULL;
}

void cor_setting_option(const struct cor_setting *s, char *buf, size_t size)
{
    snprintf(buf, size, "--%s", s->name);
    for (char *p = buf; *p; p++)
        if (*p == '_')
            *p = '-';
}

void cor_settings_begin(struct cor_settings_state *state, struct cor_player_options *opts,
                        struct cor_arena *arena, const char *dir)
{
    memset(state, 0, sizeof(*state));
    state->opts = opts;
    state->arena = arena;
    state->dir = dir;
    state->dirs = (const char **)opts->allow_dirs;
    while (state->dirs && state->dirs[state->n_dirs])
        state->n_dirs++;
}

static void *field(struct cor_settings_state *st, const struct cor_setting *s)
{
    return (char *)st->opts + s->offset;
}

/* Copies S into the arena, or records that memory ran out. */
static char *keep(struct cor_settings_state *st, const char *s)
{
    char *p = cor_arena_strdup(st->arena, s);
    if (!p)
        st->oom = true;
    return p;
}

/* VALUE as a path from the settings file's folder when that is known and VALUE is relative. */
static char *keep_path(struct cor_settings_state *st, const char *value)
{
    if (value[0] == '/' || !st->dir || strcmp(st->dir, ".") == 0)
        return keep(st, value);
    const char *sep = st->dir[strlen(st->dir) - 1] == '/' ? "" : "/";
    char *p = cor_arena_printf(st->arena, "%s%s%s", st->dir, sep, value);
    if (!p)
        st->oom = true;
    return p;
}

static bool is_off(const char *value)
{
    static const char *const words[] = {"off", "no", "none", "false", NULL};
    for (const char *const *w = words; *w; w++) {
        size_t i = 0;
        while (value[i] && tolower((unsigned char)value[i]) == (*w)[i])
            i++;
        if (!value[i] && !(*w)[i])
            return true;
    }
    return false;
}

/* A length of time in seconds up to S->max: off, a plain number (5, 0.5) or 10s, 5m, 1h. */
static bool parse_seconds(const struct cor_setting *s, const char *value, double *out)
{
    if (is_off(value)) {
        *out = 0;
        return true;
    }
    char *end;
    errno = 0;
    double v = strtod(value, &end);
    if (end != value && *end == '\0' && errno == 0 && isfinite(v) && v >= 0 && v <= s->max) {
        *out = v;
        return true;
    }
    uint32_t ms;
    if (cor_parse_duration(value, &ms, NULL, 0) && ms / 1000.0 <= s->max) {
        *out = ms / 1000.0;
        return true;
    }
    return false;
}

/* Adds a folder to the NULL-terminated list (the folders given before it first). */
static void add_folder(struct cor_settings_state *st, const char *value)
{
    const char *path = keep_path(st, value);
    const char **dirs = cor_arena_array(st->arena, st->n_dirs + 2, sizeof(*dirs));
    if (!path || !dirs) {
        st->oom = true;
        return;
    }
    if (st->n_dirs)
        memcpy(dirs, st->dirs, st->n_dirs * sizeof(*dirs));
    dirs[st->n_dirs++] = path;
    dirs[st->n_dirs] = NULL;
    st->dirs = dirs;
    st->opts->allow_dirs = dirs;
}

bool cor_setting_apply(struct cor_settings_state *st, const struct cor_setting *s,
                       const char *value, char *msg, size_t msg_size)
{
    struct cor_player_options *o = st->opts;
    switch (s->kind) {
    case COR_SETTING_CONFIG:
        return true; /* read before everything else, by the command line */
    case COR_SETTING_PATH:
        *(const char **)field(st, s) = keep_path(st, value);
        return true;
    case COR_SETTING_NAME:
        *(const char **)field(st, s) = keep(st, value);
        return true;
    case COR_SETTING_FOLDERS:
        add_folder(st, value);
        return true;
    case COR_SETTING_ROTATE: {
        long deg = 0;
        if (!cor_parse_int(value, (long)s->min, (long)s->max, &deg, NULL, 0) || deg % 90 != 0) {
            snprintf(msg, msg_size,
                     "'%s' is not a rotation corridor can do; write 0, 90, 180 or 270", value);
            return false;
        }
        *(int *)field(st, s) = (int)deg;
        return true;
    }
    case COR_SETTING_SECONDS:
        if (!parse_seconds(s, value, (double *)field(st, s))) {
            snprintf(msg, msg_size,
                     "'%s' is not a length of time; write it like 10s, 5m or 1h, or off to turn "
                     "%s off",
                     value, s->name);
            return false;
        }
        return true;
    case COR_SETTING_FLAG: {
        bool b = true;
        if (*value && !cor_parse_bool(value, &b, NULL, 0)) {
            snprintf(msg, msg_size, "'%s' is neither yes nor no; write yes or no", value);
            return false;
        }
        *(bool *)field(st, s) = b;
        return true;
    }
    case COR_SETTING_WINDOW: {
        if (is_off(value) || strcmp(value, "fullscreen") == 0) {
            o->window_w = o->window_h = 0;
            return true;
        }
        int w = 0, h = 0;
        if (!cor_parse_size(value, (int)s->min, (int)s->max, &w, &h)) {
            snprintf(msg, msg_size,
                     "'%s' is not a window size; write WIDTHxHEIGHT such as 1280x720, or off "
                     "for fullscreen",
                     value);
            return false;
        }
        o->window_w = w;
        o->window_h = h;
        return true;
    }
    case COR_SETTING_LOG_LEVEL:
        if (!cor_log_parse_level(value, &st->log_level)) {
            snprintf(msg, msg_size, "'%s' is not a log level; write error, warning, info or debug",
                     value);
            return false;
        }
        st->has_log_level = true;
        return true;
    case COR_SETTING_MOMENT: {
        bool has_time;
        if (!cor_parse_datetime(value, &o->now_civil, &has_time, msg, msg_size))
            return false;
        o->has_now_civil = true;
        return true;
    }
    case COR_SETTING_NUMBER: {
        char *end;
        errno = 0;
        double v = strtod(value, &end);
        if (end == value || *end || errno || !(v > s->min && v <= s->max)) {
            snprintf(msg, msg_size, "'%s' is not a number above %.0f; write one such as %s", value,
                     s->min, s->example);
            return false;
        }
        *(double *)field(st, s) = v;
        return true;
    }
    }
    return false;
}

void cor_settings_usage(FILE *out)
{
    for (size_t i = 0; i < N_SETTINGS; i++) {
        const struct cor_setting *s = &table[i];
        if (!s->help || s->where == COR_SETTING_FILE_ONLY)
            continue;
        char left[64];
        cor_setting_option(s, left, sizeof(left));
        if (s->arg)
            snprintf(left + strlen(left), sizeof(left) - strlen(left), " %s", s->arg);
        fprintf(out, "  %-24s ", left);
        for (const char *p = s->help; *p; p++) {
            fputc(*p, out);
            if (*p == '\n')
                fprintf(out, "%27s", "");
        }
        fputc('\n', out);
    }
}
