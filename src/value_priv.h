/* value_priv.h: what value.c, value_simple.c, value_color.c and value_words.c share: the folded
 * text of a value and the message helpers. Internal to the value parsers. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "diag.h" /* cor_say: the sentence in ERR */

/* The longest value corridor reads; a longer one is refused rather than cut short. */
#define TEXT_MAX 200
/* The longest word looked up in a value ("September", "milliseconds"). */
#define WORD_MAX 32

#define WRITE_COLOR "a name such as navy, or \"#005EB8\""

/* A value as typed (SHOWN, trimmed, for quoting in messages) beside a folded copy S: lower case,
 * every kind of dash as '-', every run of spaces as one ' '. MAP[i] is where S[i] came from in
 * SHOWN, and MAP[N] is SHOWN's length, so a piece of S can be quoted as it was typed. */
struct text {
    char s[TEXT_MAX + 1];
    char shown[TEXT_MAX + 1];
    size_t map[TEXT_MAX + 1];
    size_t n;
};

/* Monday to Sunday, then NULL. */
extern const char *const cor_value_day_names[];

/* Writes into BUF the value as typed with the piece [A, B) of T replaced by WORD. */
void cor_value_text_replace(const struct text *t, size_t a, size_t b, const char *word, char *buf,
                            size_t size);

/* Reads the run of digits at P (one to nine of them) into *V; *END is set after it. */
bool cor_value_read_digits(const char *p, long *v, const char **end);

/* The index of the name in NAMES that the N letters at W begin (at least MIN of them), or -1. */
int cor_value_name_index(const char *w, size_t n, const char *const *names, size_t min);

/* Finds where a range splits: " to ", " until ", " till ", " and " (after "between") or a dash.
 * Sets [*A, *B) to the separator; false when there is none. */
bool cor_value_range_split(const char *s, bool between, size_t *a, size_t *b);

/* Fills T from IN, or writes why not. WHAT names the value for the messages. */
bool cor_value_text_init(struct text *t, const char *in, const char *what, const char *hint,
                         char *err, size_t size);

/* The nearest to S of the names that open each STRIDE-byte record at BASE, up to a NULL name;
 * NULL when none is near. */
const char *cor_value_nearest_in(const char *s, const void *base, size_t stride);
