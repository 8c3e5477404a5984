/* html.h: an HTML page built in memory, where every text from a playlist is escaped. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "status.h"

/* A growing page. Once it passes `limit` bytes (or memory runs out) `full` is set and nothing
 * more is added, so a page passes its limit by one write at most. */
struct cor_html {
    struct cor_buf b; /* b.data: the page so far, NUL-terminated (owned) */
    size_t limit;
    bool full;
};

/* Starts an empty page of about LIMIT bytes at most; the struct may be on the stack. */
void cor_html_init(struct cor_html *h, size_t limit);
void cor_html_free(struct cor_html *h);

/* Appends markup written by corridor itself (never text from a playlist). Returns false when
 * the page is full. */
bool cor_html_raw(struct cor_html *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Appends TEXT (N bytes; NULL adds nothing) as HTML text, safe inside an element or a quoted
 * attribute: & < > " ' escaped, control characters and bytes that are not UTF-8 shown as U+FFFD.
 * Returns false when the page is full. */
bool cor_html_text_n(struct cor_html *h, const char *text, size_t n);
bool cor_html_text(struct cor_html *h, const char *text);
