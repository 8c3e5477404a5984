/* render_cli.h: the `render` command: every page that plays at a moment, drawn to PNG files. */
#pragma once

#include <stddef.h>

#include "model.h"

/* corridor render PLAYLIST --at "2024-03-19 10:30" --size 1920x1080 --out DIR [--screen NAME]:
 * ARGV[0] is "render". Writes DIR/NN-TYPE.png for each slide that plays at that moment
 * (NN-TYPE-pP.png for each page of a slide with pages; 00-fallback.png when none plays) and
 * DIR/contact-sheet.png, lists the files written on stdout and messages on stderr. Needs no
 * display. With --identify, DIR/00-identify.png is the page `corridor --identify` shows (the
 * addresses from --addresses, or the machine's). Returns 0 when done, 1 when the playlist has mistakes or drawing failed, 2 on a usage
 * error. */
int cor_render_command(int argc, char **argv);

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "model.h"

struct cor_identity;

/* What cor_render_pages draws: every page that plays on one screen at one moment. */
struct cor_render_request {
    const struct cor_playlist *playlist;
    const char *out;    /* an existing folder the pictures go into */
    const char *screen; /* the screen's name for `screens:`; NULL: any screen */
    cor_minute at;
    int w, h;      /* the screen's size */
    int max_pages; /* pages drawn at most (0: 500); the rest are left out and `cut` set */
    bool small;    /* save each page at the contact sheet's thumbnail size, not the screen's */
    bool quiet;    /* list nothing on stdout, print no messages on stderr */
    /* Not NULL: only the identify page of this screen (identify.h), as 00-identify.png. */
    const struct cor_identity *identify;
};

/* One page cor_render_pages wrote. */
struct cor_rendered_page {
    int slide;       /* the slide's index (1-based); 0 for the calm fallback */
    int page, pages; /* this page (1-based) of how many */
    char file[64];   /* its file name in the folder */
};

struct cor_render_result {
    struct cor_rendered_page *pages; /* in the order they play (owned) */
    size_t n, cap;
    bool cut; /* max_pages was reached before every page was drawn */
};

/* Draws every page of REQ's playlist that plays then, as `corridor render` does, into REQ->out:
 * the pages as NN-TYPE.png (NN-TYPE-pP.png; 00-fallback.png when none plays) and
 * contact-sheet.png. Lists them in RES (free with cor_render_result_free, whatever is
 * returned). Messages about the pictures go to DIAGS. Returns 0 when every picture was written,
 * 1 otherwise. */
int cor_render_pages(const struct cor_render_request *req, struct cor_diags *diags,
                     struct cor_render_result *res);
void cor_render_result_free(struct cor_render_result *res);

/* Reads a screen size "1920x1080" (each side 64 to 8192) into *W and *H; false when S is not
 * one. */
bool cor_render_parse_size(const char *s, int *w, int *h);

/* Writes the contact sheet's caption of page PAGE (0-based) of PAGES of slide S into BUF: a first
 * line "slide 3 · sessions", a newline, and its title, the quote's author or the picture's file
 * name, after "page 1 of 3 · " when it has pages (kept short for portrait thumbnails). */
void cor_render_caption(const struct cor_slide *s, int page, int pages, char *buf, size_t size);
