/* cli.c: corridor's command line: dispatches to check, explain, render and play. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

#include "check_cli.h"
#include "player_cli.h"
#include "preview_cli.h"
#include "probe_cli.h"
#include "render_cli.h"
#include "report_cli.h"
#include "settings.h"
#include "config.h"

static void usage(FILE *out)
{
    fputs("usage:\n"
          "  corridor PLAYLIST [options]         play the playlist full screen\n"
          "  corridor check PLAYLIST [--strict] [--at \"DATE TIME\"]\n"
          "                                      find every mistake in a playlist (--strict:\n"
          "                                      warnings fail too; --at: judge schedules as at\n"
          "                                      that moment instead of now)\n"
          "  corridor explain PLAYLIST --at \"2024-03-19 10:30\" [--screen NAME]\n"
          "                                      say which slides play at that moment, and why\n"
          "                                      the others do not\n"
          "  corridor render PLAYLIST --at \"2024-03-19 10:30\" --size 1920x1080 --out DIR\n"
          "                  [--screen NAME]     draw every page that would play, as PNG files\n"
          "  corridor render PLAYLIST --identify --size 1920x1080 --out DIR [--screen NAME]\n"
          "                  [--addresses LIST]  draw the page `corridor --identify` shows\n"
          "  corridor preview PLAYLIST --out DIR [--watch] [--size [SCREEN=]WxH]\n"
          "                                      write a report page beside the playlist: its\n"
          "                                      mistakes, or pictures of what plays and the week\n"
          "                                      (--watch: again after every save)\n"
          "  corridor probe [--libraries]        can this machine show corridor on its console:\n"
          "                                      the libraries SDL needs, and the screen found\n"
          "  corridor report PLAYLOG... [--from WHEN] [--until WHEN] [--csv]\n"
          "                                      how many times and minutes each slide was\n"
          "                                      shown on each screen, from play logs\n"
          "\n"
          "options for playing:\n",
          out);
    cor_settings_usage(out);
    fputs("  --help, --version\n"
          "\n"
          "The playlist format is described in corridor-playlist(5) and docs/playlist.md.\n",
          out);
}

int cor_cli_main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
        printf("corridor %s\n", CORRIDOR_VERSION);
        return 0;
    }
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        usage(stdout);
        return 0;
    }
    if (strcmp(cmd, "check") == 0)
        return cor_check_command(argc - 1, argv + 1);
    if (strcmp(cmd, "explain") == 0)
        return cor_explain_command(argc - 1, argv + 1);
    if (strcmp(cmd, "render") == 0)
        return cor_render_command(argc - 1, argv + 1);
    if (strcmp(cmd, "preview") == 0)
        return cor_preview_command(argc - 1, argv + 1);
    if (strcmp(cmd, "probe") == 0)
        return cor_probe_command(argc - 1, argv + 1);
    if (strcmp(cmd, "report") == 0)
        return cor_report_command(argc - 1, argv + 1);
    if (strcmp(cmd, "play") == 0)
        return cor_play_command(argc - 1, argv + 1);
    /* `corridor PLAYLIST [options]` and `corridor --config FILE` play. */
    return cor_play_command(argc, argv);
}
