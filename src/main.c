/* main.c: corridor's entry point; the commands live in cli.c. */
#include "cli.h"

int main(int argc, char **argv)
{
    return cor_cli_main(argc, argv);
}
