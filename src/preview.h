/* preview.h: `corridor preview`: a static report page beside the playlist, for people who edit
 * it on a shared drive without a shell: the verdict, every mistake at its line, pictures of what
 * plays on each screen, and the coming week. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

/* A screen size for the report: for the screen NAME, or (NAME NULL) every other screen. */
struct cor_preview_size {
    const char *screen;
    int w, h;
};

struct cor_preview_options {
    const char *playlist;
    const char *out;                      /* the report folder */
    const char *const *allow_dirs;        /* as for the player; NULL-terminated, may be NULL */
    const struct cor_preview_size *sizes; /* per screen; the last with NULL is the default */
    size_t n_sizes;
    bool has_at; /* report as at AT instead of now (for tests and for looking ahead) */
    cor_minute at;
};

enum cor_preview_verdict {
    COR_PREVIEW_PLAYS,       /* the playlist plays; the report shows it */
    COR_PREVIEW_MISTAKES,    /* it has mistakes; the report lists them */
    COR_PREVIEW_UNREADABLE,  /* it cannot be read at all; the report says so */
    COR_PREVIEW_NOT_WRITTEN, /* no report could be written (the sentence is in ERR) */
};

/* Most screens a report shows, and most pages in all: a huge playlist gets a report of bounded
 * size, with a note saying what was left out. */
#define COR_PREVIEW_MAX_SCREENS 6
#define COR_PREVIEW_MAX_PAGES   60
/* Most bytes of the page itself. */
#define COR_PREVIEW_MAX_HTML (3u * 1024u * 1024u)

/* Checks the playlist as `corridor check` does and publishes a new report in OPTS->out (see
 * preview_dir.h). When the playlist loaded, *FILES (malloc'd, each malloc'd, *N_FILES of them)
 * lists every file it depends on, for watching; otherwise *FILES is NULL. */
enum cor_preview_verdict cor_preview_make(const struct cor_preview_options *opts, char ***files,
                                          size_t *n_files, char *err, size_t err_size);

/* Frees a file list from cor_preview_make. */
void cor_preview_files_free(char **files, size_t n);
