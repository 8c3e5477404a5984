/* settings.h: the player's settings, each declared once for both the command line and
 * corridor.conf: name, kind of value, range, example and help. One function turns a value into
 * cor_player_options, so a value is accepted or refused with the same sentence wherever it is
 * written; config_file.c and player_cli.c only read their own syntax around it. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "arena.h"
#include "log.h"
#include "player.h"

/* What a setting's value is; each kind has one parser and one sentence for a wrong value. */
enum cor_setting_kind {
    COR_SETTING_PATH,      /* a file; relative to the settings file's folder when read there */
    COR_SETTING_NAME,      /* any words but none */
    COR_SETTING_ROTATE,    /* 0, 90, 180 or 270 */
    COR_SETTING_SECONDS,   /* a length of time: 5, 0.5, 10s, 5m; 0 or off: off */
    COR_SETTING_FLAG,      /* yes or no in the file; present or not on the command line */
    COR_SETTING_WINDOW,    /* WIDTHxHEIGHT within [min, max] a side, or off */
    COR_SETTING_LOG_LEVEL, /* error, warning, info or debug */
    COR_SETTING_FOLDERS,   /* a folder; each time it is given adds one */
    COR_SETTING_MOMENT,    /* a date and time, in the playlist's zone */
    COR_SETTING_NUMBER,    /* a number within (min, max] */
    COR_SETTING_CONFIG,    /* --config: the settings file, read before the command line */
};

/* Where a setting may be written. */
enum cor_setting_where {
    COR_SETTING_BOTH,      /* the command line and corridor.conf */
    COR_SETTING_CLI_ONLY,  /* the command line only, listed in --help */
    COR_SETTING_FILE_ONLY, /* corridor.conf only (the command line names the playlist bare) */
    COR_SETTING_TEST_ONLY, /* the command line only, for corridor's own tests; not in --help */
};

struct cor_setting {
    const char *name; /* the key in corridor.conf; the option is -- and the name, _ as - */
    enum cor_setting_kind kind;
    enum cor_setting_where where;
    size_t offset;       /* the field of struct cor_player_options it sets (unused by some kinds) */
    double min, max;     /* for WINDOW (a side) and NUMBER */
    const char *arg;     /* the value's placeholder in --help, e.g. "WxH"; NULL for a flag */
    const char *example; /* a value that works, shown when the value is missing */
    const char *help;    /* one line (or lines joined by \n) for --help */
};

/* The table, in the order --help lists it; *N gets its length. */
const struct cor_setting *cor_settings(size_t *n);

/* The setting named by NAME[0..LEN), "-" taken as "_" and in any letter case, that may be
 * written in the settings file (FILE true) or on the command line (FILE false); NULL if none. */
const struct cor_setting *cor_setting_find(const char *name, size_t len, bool file);

/* The option's spelling on the command line: "--" and the name with "-" for "_". */
void cor_setting_option(const struct cor_setting *s, char *buf, size_t size);

/* One run of settings being applied: the options they go into, and what they need besides. */
struct cor_settings_state {
    struct cor_player_options *opts;
    struct cor_arena *arena; /* copies of strings and the folder list */
    const char *dir;         /* relative PATHs start here; NULL: leave them as written */
    const char **dirs;       /* allow_dir folders so far (arena, NULL-terminated), or NULL */
    size_t n_dirs;
    bool has_log_level; /* set by a log_level value; the caller applies it once all is read */
    enum cor_log_level log_level;
    bool oom;
};

/* Starts STATE on OPTS, keeping the folders OPTS already lists first. */
void cor_settings_begin(struct cor_settings_state *state, struct cor_player_options *opts,
                        struct cor_arena *arena, const char *dir);

/* Applies VALUE (trimmed; "" for a flag given on the command line) of setting S. On a mistake
 * returns false with MSG filled with the one sentence for it, which names the value but not
 * where it was written (the caller adds FILE:LINE:COL or the option). Running out of memory sets
 * STATE->oom and returns true. */
bool cor_setting_apply(struct cor_settings_state *state, const struct cor_setting *s,
                       const char *value, char *msg, size_t msg_size);

/* The command line's options, from the table, as --help lists them. */
void cor_settings_usage(FILE *out);
