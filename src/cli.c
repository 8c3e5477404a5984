/* cli.c: parses corridor's command line and runs the command. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

#include "config.h"

int cor_cli_main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--version") == 0) {
        printf("corridor %s\n", CORRIDOR_VERSION);
        return 0;
    }
    fprintf(stderr, "usage: corridor --version\n");
    return 2;
}
