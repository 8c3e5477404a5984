/* urgent.h: an urgent notice dropped beside the playlist (urgent.txt, or urgent.yaml with
 * options), read into a typed notice whatever encoding a hospital PC wrote it in, and the pure
 * decision of whether it is up at a moment on a screen. Needs only the folder: a broken
 * playlist does not stop a notice. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

/* The two file names looked for in the playlist's folder; urgent.yaml wins when both hold text. */
#define COR_URGENT_TXT  "urgent.txt"
#define COR_URGENT_YAML "urgent.yaml"
/* Most bytes of a notice file read; the rest is left out (said in the notice's problem). */
#define COR_URGENT_MAX_BYTES (64 * 1024)
/* Most screens urgent.yaml's `screens:` may name. */
#define COR_URGENT_MAX_SCREENS 64

enum cor_urgent_style {
    COR_URGENT_FULL,   /* the whole screen */
    COR_URGENT_BANNER, /* a band across the bottom of every slide */
};

struct cor_urgent {
    bool present;     /* a file with text was found; the rest is meaningful only then */
    char *path;       /* the file it came from */
    char *title;      /* UTF-8, never empty when present */
    char *body;       /* UTF-8, may be "" */
    enum cor_urgent_style style;
    bool has_until;   /* it stops by itself at UNTIL (civil minute, the playlist's zone) */
    cor_minute until;
    char **screens;   /* only these screens; none: every screen */
    size_t n_screens;
    struct cor_color background, text;
    char *problem;    /* "urgent.yaml:3:8: ..." the first mistake found, or NULL */
};

/* White on dark red: a contrast of 10 to 1. */
#define COR_URGENT_BACKGROUND ((struct cor_color){0x8b, 0x00, 0x00, 0xff})
#define COR_URGENT_TEXT       ((struct cor_color){0xff, 0xff, 0xff, 0xff})
/* Colours urgent.yaml asks for that read worse than this together are not used. */
#define COR_URGENT_MIN_CONTRAST 7.0

/* Reads DIR/urgent.yaml, else DIR/urgent.txt, into OUT (emptied first). A file that is missing,
 * empty or only white space leaves OUT->present false. A mistake in urgent.yaml never hides the
 * notice: what text it has is shown (the raw file if need be), the mistake in OUT->problem.
 * Returns false only when out of memory. */
bool cor_urgent_read(const char *dir, struct cor_urgent *out);
/* cor_urgent_read in the folder PLAYLIST (a path to a playlist file) is in. */
bool cor_urgent_read_beside(const char *playlist, struct cor_urgent *out);
/* Parses TEXT (LEN bytes, already UTF-8) as urgent.yaml named FILE into OUT; for the tests and
 * `corridor check`. False only when out of memory. */
bool cor_urgent_parse_yaml(const char *file, const char *text, size_t len, struct cor_urgent *out);
void cor_urgent_free(struct cor_urgent *u);
/* True when A and B would show and schedule the same. */
bool cor_urgent_same(const struct cor_urgent *a, const struct cor_urgent *b);

/* RAW (LEN bytes) as UTF-8 with "\n" line ends: a UTF-8 or UTF-16 byte order mark read and
 * dropped, UTF-16 without one recognised by its zero bytes, CRLF and CR made LF, bytes that are
 * not UTF-8 read as Windows-1252 (what Notepad's "ANSI" writes). Malloc'd, or NULL when out of
 * memory. */
char *cor_urgent_decode(const char *raw, size_t len);

/* Whether U is up at civil minute NOW on SCREEN: pure. */
enum cor_urgent_state {
    COR_URGENT_NONE,     /* no notice */
    COR_URGENT_UP,       /* shown */
    COR_URGENT_ELSEWHERE, /* for other screens */
    COR_URGENT_ENDED,    /* its `until` has passed */
};
enum cor_urgent_state cor_urgent_state(const struct cor_urgent *u, const char *screen,
                                       cor_minute now);

/* One sentence for `check` and `explain` on what notice STATE means for U: "an urgent notice is
 * up (from DIR/urgent.txt): 'Ward 7 closed'; the screen shows it instead of its slides". */
void cor_urgent_describe(const struct cor_urgent *u, enum cor_urgent_state state, char *buf,
                         size_t size);
