/* cli.h: corridor's command line: check, explain, render, and playing a playlist. */
#pragma once

/* Runs the command ARGV names; returns the process exit status. */
int cor_cli_main(int argc, char **argv);
