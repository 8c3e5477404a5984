/* main.c: corridor-play-test, `corridor PLAYLIST [options]` alone, for the player's tests. */
#include "player_cli.h"

int main(int argc, char **argv)
{
    return cor_play_command(argc, argv);
}
