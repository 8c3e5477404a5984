/* render_cli.h: the `render` command: every page that plays at a moment, drawn to PNG files. */
#pragma once

#include <stddef.h>

#include "model.h"

/* corridor render PLAYLIST --at "2024-03-19 10:30" --size 1920x1080 --out DIR [--screen NAME]:
 * ARGV[0] is "render". Writes DIR/NN-TYPE.png for each slide that plays at that moment
 * (NN-TYPE-pP.png for each page of a slide with pages; 00-fallback.png when none plays) and
 * DIR/contact-sheet.png, lists the files written on stdout and messages on stderr. Needs no
 * display. Returns 0 when done, 1 when the playlist has mistakes or drawing failed, 2 on a usage
 * error. */
int cor_render_command(int argc, char **argv);

/* Writes the contact sheet's caption of page PAGE (0-based) of PAGES of slide S into BUF: a first
 * line "slide 3 · sessions", a newline, and its title, the quote's author or the picture's file
 * name, after "page 1 of 3 · " when it has pages (kept short for portrait thumbnails). */
void cor_render_caption(const struct cor_slide *s, int page, int pages, char *buf, size_t size);
