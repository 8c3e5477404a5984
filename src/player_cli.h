/* player_cli.h: `corridor PLAYLIST [options]`: the kiosk's command line, parsed into
 * cor_player_options. */
#pragma once

#include <stdbool.h>

#include "player.h"

/* Plays: ARGV[0] is the program's name, the playlist and options follow it. Returns the process
 * exit status: 2 for a usage mistake, else what cor_player_run returns. */
int cor_play_command(int argc, char **argv);

/* The options for playing, and the memory parsing them took. */
struct cor_play_args {
    struct cor_player_options opts;
    struct cor_arena *arena; /* the settings file's strings, the allow-dir list */
};

/* Parses ARGV (as for cor_play_command) into ARGS: first the settings file that --config FILE
 * names, if any, then the command line over it. Strings point into ARGV or ARGS->arena. Returns
 * 0 to play, 2 after a usage mistake (explained on stderr), or -1 when --help was printed.
 * Free ARGS with cor_play_args_free whatever it returns. */
int cor_play_parse(int argc, char **argv, struct cor_play_args *args);
void cor_play_args_free(struct cor_play_args *args);
