/* text.h: fonts for slide text: sizes, fallback fonts for missing characters, measuring, runs. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "layout.h"

struct _TTF_Font;

/* The theme's font in regular and bold at every size asked for, and fallback fonts found through
 * fontconfig for characters it lacks. Text is measured with one font per face whose size changes
 * (with widths and line heights remembered), and drawn with a few fonts kept open per size drawn
 * lately. Installed font files are read as they are used, others whole (cor_font_file_open).
 * SDL_ttf must be initialised (TTF_Init) while one exists. */
struct cor_text;

/* A growing buffer for handing SDL_ttf a NUL-terminated copy of part of a string. */
struct cor_cstr {
    char *buf;
    size_t cap;
};

/* Copies LEN bytes of S into B with a NUL after them; returns B's text, or NULL when out of
 * memory. The text stays valid until the next call on B. */
const char *cor_cstr_set(struct cor_cstr *b, const char *s, size_t len);
/* Frees B's buffer; B may be used again. */
void cor_cstr_free(struct cor_cstr *b);

/* Opens the font files (installed ones read as they are used, others read whole: font.h).
 * BOLD_PATH NULL: bold is the regular font emboldened. Returns NULL with a sentence in ERR when a
 * file cannot be read or is not a font. Free with cor_text_free. */
struct cor_text *cor_text_create(const char *regular_path, const char *bold_path, char *err,
                                 size_t err_size);
void cor_text_free(struct cor_text *t);

/* Closes what drawing the last page did not need: fonts not drawn with since the previous call,
 * the measuring fonts (opened again for text not measured before) and fontconfig's configuration
 * (cor_font_shutdown). For the renderer, after a page is drawn; that page is redrawn as fast. */
void cor_text_trim(struct cor_text *t);

/* How many fonts T holds open (for drawing and for measuring); for tests. */
int cor_text_open_fonts(const struct cor_text *t);

/* Measures the LEN bytes of UTF-8 TEXT at PX pixels as it will be drawn, fallbacks included. */
void cor_text_measure(struct cor_text *t, const char *text, size_t len, int px, bool bold,
                      struct cor_text_metrics *out);

/* The measure callback layout.h wants, bound to T. */
struct cor_measure cor_text_measurer(struct cor_text *t);

/* A stretch of a line drawn in one font. */
struct cor_text_run {
    struct _TTF_Font *font; /* NULL: no installed font has these characters; draw boxes */
    const char *text;       /* into the caller's text; not NUL-terminated */
    size_t len;
    int x, y;    /* from the line's top left; y lines the baselines up */
    int w, h;    /* h: the font's height (for boxes: the box's) */
    int n_chars; /* characters in the run */
    bool scaled; /* the font draws pictures of one size (emoji): draw them at w x h */
};

/* The first character (a code point) that no installed font has, met while measuring or drawing
 * since the last call; 0 when none. Such characters are drawn as boxes. */
uint32_t cor_text_take_missing(struct cor_text *t);

/* Calls FN for each run of the LEN bytes of TEXT at PX, left to right. FONT stays open only for
 * the call. Stops and returns false when FN does; true otherwise. */
bool cor_text_runs(struct cor_text *t, const char *text, size_t len, int px, bool bold,
                   bool (*fn)(void *ctx, const struct cor_text_run *run), void *ctx);
