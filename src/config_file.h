/* config_file.h: reads corridor.conf, a packaged screen's settings file, into player options. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "player.h"

/* The settings file the packaged service passes with --config. */
#define COR_CONFIG_FILE_DEFAULT "/etc/corridor/corridor.conf"

/* The file holds one `key = value` per line; blank lines and lines starting with # are skipped,
 * and a # after a space ends the value. A value may be put in double quotes to keep a # or
 * surrounding spaces. The keys and the values they take are those of settings.h's table that
 * may be written in the file (a - may stand for the _):
 *
 *   playlist = PATH           screen = NAME             rotate = 0 | 90 | 180 | 270
 *   status = PATH             screenshot = PATH         screenshot_every = 5m | off
 *   poll = 10s | off          log_level = error | warning | info | debug
 *   allow_dir = PATH          (repeatable)              window = 1280x720 | off
 *   allow_quit = yes | no
 *
 * A relative PATH is taken from the folder that holds the settings file.
 *
 * cor_config_file_load reads PATH and sets in OPTS only the fields whose keys the file names,
 * so callers load the file first and apply command-line options after it: the command line
 * wins. allow_dir lines are appended after any folders OPTS already lists. Strings and the
 * allow_dirs array are allocated in ARENA and live as long as it does.
 *
 * Every mistake goes to DIAGS as FILE:LINE:COL (unknown keys with a "did you mean", bad values
 * with the forms that work); a key set twice is a warning and the later line wins. Returns true
 * when the file was read and had no errors; on false OPTS is left exactly as it was. On true, a
 * log_level line also takes effect at once through cor_log_set_level (the options struct has no
 * field for it), so a later --log-level still overrides it. */
bool cor_config_file_load(const char *path, struct cor_player_options *opts,
                          struct cor_arena *arena, struct cor_diags *diags);

/* As cor_config_file_load, on TEXT (LEN bytes, need not end in a NUL) already read from PATH;
 * PATH names the file in messages and anchors relative paths. For tests and the fuzzer. */
bool cor_config_file_parse(const char *path, const char *text, size_t len,
                           struct cor_player_options *opts, struct cor_arena *arena,
                           struct cor_diags *diags);
