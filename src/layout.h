/* layout.h: boxes for a slide on a W x H screen; pure, text measured through a callback. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "schedule.h"

struct cor_arena;

/* A rectangle in screen pixels, origin at the top left. */
struct cor_rect {
    int x, y, w, h;
};

/* What a line of text measures: its width, the distance from one line's top to the next, and
 * from a line's top to its baseline. */
struct cor_text_metrics {
    int w, line_h, ascent;
};

/* Measures the LEN bytes of UTF-8 TEXT at PX pixels (BOLD: the bold face) into *OUT. */
struct cor_measure {
    void (*fn)(void *ctx, const char *text, size_t len, int px, bool bold,
               struct cor_text_metrics *out);
    void *ctx;
};

enum cor_box_kind {
    COR_BOX_FILL,  /* a filled rectangle: rules, the footer band, accent bars */
    COR_BOX_PILL,  /* a rectangle with round ends, behind a badge's text */
    COR_BOX_TEXT,  /* lines of text */
    COR_BOX_IMAGE, /* the slide's picture; SRC is the part of it shown */
    COR_BOX_PHOTO, /* a quote's photo, cut to a circle */
    COR_BOX_LOGO,  /* the theme's logo */
    COR_BOX_QR,    /* a QR code for LINK, dark on light, with its quiet zone inside RECT */
};

/* Which of the slide's colours a box takes. */
enum cor_role {
    COR_ROLE_BACKGROUND,
    COR_ROLE_TEXT,
    COR_ROLE_ACCENT,
    COR_ROLE_ON_ACCENT, /* text on an accent pill: the background or the text colour, whichever
                           reads better on the accent */
    COR_ROLE_URGENT,    /* an urgent notice's background */
    COR_ROLE_ON_URGENT, /* an urgent notice's text */
};

/* One line of a text box, placed on the screen. */
struct cor_line {
    const char *text; /* NUL-terminated, owned by the layout */
    int x, y;         /* top left of the line */
    int w;            /* measured width */
};

struct cor_box {
    enum cor_box_kind kind;
    struct cor_rect rect;
    enum cor_role role;
    uint8_t alpha; /* 255 opaque; finished sessions and rules are drawn lighter */
    bool bleed;    /* may reach the screen's edges (backgrounds, covering pictures) */
    int row;       /* the sessions row on this page it belongs to, or -1 */
    /* text */
    int px;
    bool bold;
    int line_h, ascent;
    struct cor_line *lines;
    size_t n_lines;
    /* image */
    struct cor_rect src; /* in the picture's pixels */
    /* QR code */
    const char *link;
};

/* An urgent notice (urgent.h) laid out instead of the page, or as a band over its bottom. */
struct cor_layout_urgent {
    const char *title, *body;
    bool banner;
};

/* The identify page (layout_identify.c): who this screen is, laid out instead of the page. */
struct cor_layout_fact {
    const char *label, *value; /* value: lines joined by '\n' */
};
struct cor_layout_identify {
    const char *name; /* the screen's name, the largest words */
    const struct cor_layout_fact *facts;
    size_t n_facts;
    const char *qr;   /* the QR code's text (a COR_BOX_QR box's link); NULL: no code */
    const char *note; /* a line along the bottom: how long the page stays; NULL: none */
};

/* A banner never takes more than this share of the screen's height. */
#define COR_URGENT_BANNER_MAX_SHARE 4 /* a quarter */

/* What a layout is made from. */
struct cor_layout_input {
    const struct cor_slide *slide; /* NULL: the calm fallback slide */
    const struct cor_theme *theme; /* footer text, clock, logo */
    const char *name;              /* the playlist's name for the fallback; NULL: "corridor" */
    int w, h;                      /* the screen */
    cor_minute now;                /* for the clock */
    bool clock_unknown;            /* the clock cannot be trusted: no time or date is drawn */
    const struct cor_session_view *views; /* sessions slides: cor_schedule_sessions' rows */
    size_t n_views;
    int image_w, image_h; /* image slides: the picture's size in pixels */
    int logo_w, logo_h;   /* the logo's size; 0 when there is none */
    bool has_photo;       /* quote slides: a photo is drawn */
    const struct cor_layout_urgent *urgent; /* NULL: none */
    const struct cor_layout_identify *identify; /* not NULL: this page instead of the slide */
    struct cor_measure measure;
};

/* The boxes of one page, in drawing order. */
struct cor_layout {
    struct cor_arena *arena; /* owns the lines and their texts */
    struct cor_box *boxes;
    size_t n_boxes, cap_boxes;
    struct cor_rect safe;    /* the screen less its overscan margins */
    struct cor_rect content; /* the safe area less the footer */
    int page, n_pages;
    /* Some text fitted only cut short with an ellipsis at the smallest readable size. */
    bool unreadable;
    char unreadable_text[64]; /* the start of the first such text, for messages */
    char unreadable_what[80]; /* which words: "the body", "the title of session 3" */
    struct cor_pos unreadable_at; /* where they were written; line 0 when unknown */
    /* The theme's footer is cut short, even on its own line where the screen has room for one;
     * FOOTER_FITS characters of it are shown. The same on every day: the room beside the clock
     * is judged against the widest date and time it can show. */
    bool footer_cut;
    int footer_fits;
};

/* Lays out page PAGE (0-based; clamped to the pages there are) of IN into OUT. Returns false only
 * when out of memory (OUT is then empty). Free OUT with cor_layout_free even on failure. */
bool cor_layout_build(const struct cor_layout_input *in, int page, struct cor_layout *out);

/* Frees what OUT holds and empties it. Accepts an empty layout. */
void cor_layout_free(struct cor_layout *out);

/* How many pages IN has: sessions slides page when the rows do not fit; others have 1. */
int cor_layout_page_count(const struct cor_layout_input *in);

/* The unit every size is a multiple of: a hundredth of the screen's shorter side. */
double cor_layout_unit(int w, int h);

/* The side of a quote's photo (a circle) on a W x H screen: the same whatever the words, so its
 * picture can be prepared without laying the slide out. */
int cor_layout_photo_side(int w, int h);

/* The safe area of a W x H screen: about 5% kept clear on each side for overscan. */
struct cor_rect cor_layout_safe_area(int w, int h);

/* Where a picture of IMG_W x IMG_H goes in AREA: CONTAIN fits it whole and centred (*SRC the whole
 * picture); COVER fills AREA and *SRC is the centred part of the picture shown. */
struct cor_rect cor_layout_fit_image(struct cor_rect area, int img_w, int img_h, enum cor_fit fit,
                                     struct cor_rect *src);
