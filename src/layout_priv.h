/* layout_priv.h: what the layout*.c files share with each other; no other module includes it. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "layout.h"

/* One layout in progress. */
struct lay {
    const struct cor_layout_input *in;
    struct cor_layout *out;
    double u; /* cor_layout_unit */
    bool oom; /* an allocation failed: the layout is thrown away */
    int cuts; /* texts cut short with an ellipsis so far, measured or placed */
};

enum lay_align {
    LAY_LEFT,
    LAY_CENTER,
    LAY_RIGHT,
};

/* A text to fit into a room. */
struct lay_text {
    const char *text;
    int min_px, max_px; /* the readable minimum and the largest wanted */
    bool bold;
    int max_lines; /* 0: as many as the room's height allows */
    struct cor_rect room;
    enum lay_align align;
    bool bullets; /* paragraphs starting "- ", "• ", "– " or "* " become bullets with a hanging
                     indent */
    /* A cut is a readability problem to report in the layout: which words these are ("the
     * body", "the title of session 3") and where they were written; NULL: not reported. */
    const char *report;
    struct cor_pos at;
    bool tight;   /* no extra space between paragraphs */
    bool balance; /* lines of about even length (titles): no last word on its own line */
    enum cor_role role;
    uint8_t alpha;
    int row;
    bool dry; /* measure only: add no box */
};

/* How a text was fitted. */
struct lay_fitted {
    int px;
    int h;      /* height taken, from the room's top */
    int widest; /* widest line, indent included */
    int n_lines;
    int line_h, ascent;
    bool cut;       /* cut short with an ellipsis */
    int fits_chars; /* when cut: how many characters were kept */
};

/* K units, rounded to pixels. */
int lay_u(const struct lay *l, double k);

void lay_measure(struct lay *l, const char *s, size_t len, int px, bool bold,
                 struct cor_text_metrics *m);
int lay_width(struct lay *l, const char *s, int px, bool bold);

/* Adds a box (alpha 255, row -1, role text); NULL when out of memory. The pointer is valid until
 * the next push. */
struct cor_box *lay_push(struct lay *l, enum cor_box_kind kind, struct cor_rect r);
void lay_fill(struct lay *l, struct cor_rect r, enum cor_role role, uint8_t alpha, int row);

/* Fits T at the largest size from max_px down to min_px that holds it whole without cutting a
 * word, else with words cut, else at min_px cut short with an ellipsis. Adds a text box unless
 * T->dry. */
struct lay_fitted lay_text(struct lay *l, const struct lay_text *t);

/* Whether TEXT's first paragraph with a letter reads right to left (Hebrew, Arabic, ...). */
bool lay_reads_rtl(const char *text);

/* A copy of S in the layout's arena ("" when out of memory, with l->oom set). */
const char *lay_strdup(struct lay *l, const char *s);

/* Moves the boxes from index FROM on by DX, DY. */
void lay_shift(struct lay *l, size_t from, int dx, int dy);

/* Writes "Tuesday 19 March" for DAY, with the year when it is not NOW's year. */
void lay_day_label(int32_t day, cor_minute now, char *buf, size_t size);

/* The top of the title block for slides with a title: adds TITLE (and SUBTITLE) at the top of
 * AREA with the accent bar under them and returns the y where the content below may start. */
int lay_title_block(struct lay *l, struct cor_rect area, const char *title, const char *subtitle,
                    double min_u, double max_u, int max_lines);

/* Sessions slides (layout_sessions.c): adds the boxes of page PAGE into l->out->content and
 * sets l->out->page and n_pages. */
void lay_sessions(struct lay *l, int page);

/* The clock's time ("14:05") and date (the day's label, or with YEAR the full date) at NOW. */
void lay_clock_strings(cor_minute now, char *time, size_t tsize, char *date, size_t dsize,
                       bool year);

/* Urgent notices (layout_urgent.c): the whole screen, or a band along the bottom over the page
 * already laid out. */
void lay_urgent_full(struct lay *l);
void lay_urgent_banner(struct lay *l);

/* The identify page (layout_identify.c): the screen's name, its facts and a QR code of them. */
void lay_identify(struct lay *l);
