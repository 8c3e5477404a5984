/* schema.h: the schema stage of the loader, pure: a playlist's YAML tree against the schema's
 * tables into the model, and a list of what the tree names outside itself (files, fonts, time
 * zones, session and calendar files) for the file stage (loader_files.c) to check afterwards.
 * Nothing here reads the disk or calls back into the loader. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "model.h"
#include "yamltree.h"

struct cor_arena;

/* What the tree names outside itself, in the order the tree names it. */
enum cor_need_kind {
    COR_NEED_FILE,      /* a file: exists, ordinary, readable, inside the allowed folders */
    COR_NEED_IMAGE,     /* a picture: as a file, and it decodes */
    COR_NEED_FONT_FILE, /* a font file: as a file, and FreeType can use it */
    COR_NEED_FONT,      /* an installed font family */
    COR_NEED_ZONE,      /* a time zone the system knows */
    COR_NEED_SESSIONS,  /* a session file (YAML): as a file, then its sessions validated */
    COR_NEED_CALENDAR,  /* a calendar (.ics): as a file, then its events over the slide's days */
    COR_NEED_VIDEO,     /* a video slide's clip: as a file, then probed (its size and length) */
};

struct cor_sc_slide_in;

struct cor_need {
    enum cor_need_kind kind;
    const struct cor_ynode *at; /* the value that names it */
    const char *file;           /* display name of the file AT is in, for messages */
    const char *noun;           /* "logo", "session file"...: what the messages call it */
    const char *path;           /* the file, resolved against the playlist's folder */
    const char *display;        /* sessions, calendar: the name messages in it give */
    /* The slide it belongs to (NULL: the theme or the top level); sessions and calendars give
     * it their sessions. */
    struct cor_sc_slide_in *slide;
    bool theme;  /* it belongs to the theme */
    bool failed; /* set by the file stage: the slide (or theme) is left out of what follows */
};

/* One schema walk in progress: its input, its output (the model being built, the needs, the
 * files depended on) and the walker's own state. */
struct cor_schema {
    struct cor_playlist *pl;
    struct cor_arena *arena;   /* the playlist's: what the model keeps */
    struct cor_arena *scratch; /* node trees and temporaries, freed after the load */
    struct cor_diags *diags;
    /* The moment to judge "already ended" warnings against; has_now false: no such warnings. */
    bool has_now;
    cor_minute now;
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
    const char *display_dir; /* folder part of the playlist's display name */
    char where[96];          /* "slide 6 (quote)", for messages */
    /* Keys suggested for unknown keys in the mapping being read ("titel": title), so that the
     * same slip is not reported again as a missing key. */
    const char *suggested[8];
    size_t n_suggested;
    /* The mapping just read repeats its first key: the '- ' of a new list item was lost, and
     * the messages that would follow from the merged items are not worth saying. */
    bool lost_dash;
    const char **files; /* every file the playlist depends on (malloc'd array) */
    size_t n_files, cap_files;
    struct cor_need *needs; /* malloc'd array */
    size_t n_needs, cap_needs;
    /* Slides as read, before the file stage says which of them keep their files (scratch). */
    struct cor_sc_slide_in *slides_in;
    size_t n_slides_in;
    struct cor_sc_slide_in *reading; /* the slide being read, NULL outside slides */
    bool in_theme;                   /* the theme is being read */
    const struct cor_ynode *slides_node, *theme_node;
    bool theme_ok;
};

/* Walks the playlist's ROOT into c->pl, recording what it names in c->needs; mistakes go to
 * c->diags. The file stage then checks the needs, and cor_schema_finish completes the model. */
void cor_schema_playlist(struct cor_schema *c, const struct cor_ynode *root);

/* Validates the sessions of a session file (ROOT, the tree of its TEXT) for the slide NEED
 * names; false when a mistake was found. Pure: the caller read the file. */
bool cor_schema_session_file(struct cor_schema *c, const struct cor_need *need,
                             const struct cor_ynode *root, const char *text, size_t len);

/* The slide NEED belongs to was read without a mistake of its own (before its files). */
bool cor_schema_slide_ok(const struct cor_need *need);
/* The slide NEED belongs to, NULL for the theme and top level. */
struct cor_slide *cor_schema_slide_of(const struct cor_need *need);

/* After the file stage: the warnings that need a slide's files, the slides kept. */
void cor_schema_finish(struct cor_schema *c);

/* Adds PATH to the files the playlist depends on; false when out of memory. */
bool cor_schema_add_file(struct cor_schema *c, const char *path);

/* Frees what the walk allocated outside the arenas. */
void cor_schema_release(struct cor_schema *c);

/* An error or a warning at NEED's value, with control characters shown as spaces as every
 * schema message. */
void cor_schema_need_error(struct cor_schema *c, const struct cor_need *need, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void cor_schema_need_warning(struct cor_schema *c, const struct cor_need *need, const char *fmt,
                             ...) __attribute__((format(printf, 3, 4)));
