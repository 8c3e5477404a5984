/* schema.h: the loader's internals shared by loader.c (files) and schema.c (the tables). */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "loader.h"
#include "model.h"
#include "yamltree.h"

struct cor_arena;

/* One load in progress. */
struct cor_load {
    struct cor_playlist *pl;
    struct cor_arena *arena;   /* the playlist's: what the model keeps */
    struct cor_arena *scratch; /* node trees and temporaries, freed after the load */
    struct cor_diags *diags;
    const struct cor_load_options *opts;
    const char *file; /* display name of the file being read, for messages */
    const char *text; /* its text, for hints that look at the line */
    size_t len;
    /* Where the last look at a line of TEXT ended (schema_hints.c): values are read in the
     * order of the file, so each look goes on from the one before. */
    struct {
        const char *text, *line;
        int line_no, col;
        size_t byte, len;
    } seen_line;
    const char *display_dir;    /* folder part of the playlist's display name */
    const char *const *allowed; /* real paths that named files may resolve into */
    char where[96];             /* "slide 6 (quote)", for messages */
    /* Keys suggested for unknown keys in the mapping being read ("titel": title), so that the
     * same slip is not reported again as a missing key. */
    const char *suggested[8];
    size_t n_suggested;
    /* The mapping just read repeats its first key: the '- ' of a new list item was lost, and
     * the messages that would follow from the merged items are not worth saying. */
    bool lost_dash;
    const char **files; /* every file the playlist depends on (malloc'd array) */
    size_t n_files, cap_files;
    /* The .ics file named by the slide being read, expanded once the slide's 'when' is known. */
    const char *ics_text, *ics_display;
    size_t ics_len;
};

/* Builds the model from the root of the playlist; mistakes go to c->diags. */
void cor_schema_playlist(struct cor_load *c, const struct cor_ynode *root);

/* Helpers schema.c calls back into loader.c for. */
bool cor_load_add_file(struct cor_load *c, const char *path);
/* Reads a session file; its text stays in the load's scratch arena as *TEXT and *LEN, so that
 * hints can look at its lines. */
struct cor_ynode *cor_load_sessions_file(struct cor_load *c, const char *path, const char *display,
                                         const struct cor_ynode *at, const char **text,
                                         size_t *len);
/* Reads the calendar file PATH (shown as DISPLAY) into c->ics_*; false with a message at AT. */
bool cor_load_calendar_file(struct cor_load *c, const char *path, const char *display,
                            const struct cor_ynode *at);
bool cor_load_check_font(struct cor_load *c, const struct cor_ynode *v, bool is_file,
                         const char *path);
bool cor_load_check_image(struct cor_load *c, const struct cor_ynode *v, const char *noun,
                          const char *path);
bool cor_load_zone_ok(struct cor_load *c, const struct cor_ynode *v);
