/* preview_cli.h: the `preview` command: a report page for the people who edit a playlist. */
#pragma once

/* corridor preview PLAYLIST --out DIR [--watch] [--poll SECONDS] [--size [NAME=]WxH]...
 * [--allow-dir DIR]... [--at "DATE TIME"]: ARGV[0] is "preview". Writes DIR/index.html (see
 * preview.h). Without --watch returns 0 when the playlist plays, 1 when it has mistakes, cannot
 * be read or no report could be written, 2 on a usage error. With --watch it makes the report
 * again after each save until SIGINT or SIGTERM, then returns 0. */
int cor_preview_command(int argc, char **argv);
