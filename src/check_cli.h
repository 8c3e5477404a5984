/* check_cli.h: the `check` and `explain` commands, for people editing a playlist. */
#pragma once

/* corridor check PLAYLIST [--strict]: prints every mistake and warning; returns 0 when the
 * playlist would play (and, with --strict, has no warnings), 1 otherwise, 2 on a usage error. */
int cor_check_command(int argc, char **argv);

/* corridor explain PLAYLIST --at "DATE TIME" [--screen NAME]: the slides that play at that
 * moment, in order, and why every other slide is skipped. Exit status as for check. */
int cor_explain_command(int argc, char **argv);
