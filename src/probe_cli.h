/* probe_cli.h: the `probe` command: can this machine show corridor on its console? */
#pragma once

/* corridor probe [--libraries]: loads each library SDL opens by itself on KMS/DRM with OpenGL
 * ES (EGL, GLES, Mesa's EGL and drivers, GBM, libdrm, libudev) and, without --libraries, reads
 * the DRM cards and says which screen corridor would use or why there is none. One line per
 * finding on stdout. Returns 0 when all is well, 1 when something is missing, 2 on a usage
 * error. ARGV[0] is "probe". */
int cor_probe_command(int argc, char **argv);
