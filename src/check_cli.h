/* check_cli.h: the `check` and `explain` commands, for people editing a playlist. */
#pragma once

#include <stdbool.h>

#include "diag.h"
#include "model.h"

/* Loads PATH with every check `corridor check` makes (files inside the playlist's folder or
 * ALLOW_DIRS, a NULL-terminated list that may be NULL; with DECODE every picture decoded and
 * text measured on landscape and portrait screens), judging schedules against NOW. Messages go
 * to DIAGS, sorted. Returns the playlist (free with cor_playlist_free) or NULL. */
struct cor_playlist *cor_check_load(const char *path, const char *const *allow_dirs, bool decode,
                                    cor_minute now, struct cor_diags *diags);

/* corridor check PLAYLIST [--strict]: prints every mistake and warning; returns 0 when the
 * playlist would play (and, with --strict, has no warnings), 1 otherwise, 2 on a usage error. */
int cor_check_command(int argc, char **argv);

/* corridor explain PLAYLIST --at "DATE TIME" [--screen NAME]: the slides that play at that
 * moment, in order, and why every other slide is skipped. Exit status as for check. */
int cor_explain_command(int argc, char **argv);
