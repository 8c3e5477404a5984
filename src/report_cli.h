/* report_cli.h: the `report` command: proof of play summed up from the play log (playlog.h). */
#pragma once

/* corridor report PLAYLOG... [--from WHEN] [--until WHEN] [--csv]: per screen and slide, how
 * many times it was shown and for how many minutes, as a table (or CSV) on stdout. WHEN is a
 * date, or a date and time, in this machine's time zone; an --until date alone takes that whole
 * day in. Lines that are not play records (one cut short by a power cut) are left out, each
 * named on stderr as FILE:LINE. Returns 0, 1 when a file cannot be read, 2 on a usage error.
 * ARGV[0] is "report". */
int cor_report_command(int argc, char **argv);
