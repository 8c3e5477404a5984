/* diag.h: mistakes and warnings about a playlist, as FILE:LINE:COL messages with a caret. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum cor_severity {
    COR_SEV_ERROR,   /* the playlist will not play */
    COR_SEV_WARNING, /* it plays, but something will look wrong */
};

struct cor_diag {
    enum cor_severity severity;
    char *file; /* the name as the user gave it (owned) */
    int line;   /* 1-based; 0 when the message is about the whole file */
    int col;    /* 1-based, in characters; 0 when unknown */
    char *msg;  /* "what is wrong; what to write instead" (owned) */
};

struct cor_diag_source;

struct cor_diags {
    struct cor_diag *items;
    size_t n, cap;
    size_t n_errors, n_warnings;
    size_t max_errors;               /* stop recording errors after this many (0: 100) */
    bool truncated;                  /* errors were dropped past max_errors */
    struct cor_diag_source *sources; /* file texts for printing the offending line */
};

/* Writes a sentence into ERR, a buffer of SIZE bytes (nothing when ERR is NULL or SIZE is 0): how
 * the modules that read a user's files say what is wrong with one. */
void cor_say(char *err, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Empties D; the struct itself may be on the stack. */
void cor_diags_init(struct cor_diags *d);
void cor_diags_free(struct cor_diags *d);

/* Records a message. LINE and COL are 1-based (0 if unknown). Returns false only out of memory. */
bool cor_diags_add(struct cor_diags *d, enum cor_severity sev, const char *file, int line, int col,
                   const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* Keeps a copy of FILE's text so that printing can show the offending line under a message. */
bool cor_diags_add_source(struct cor_diags *d, const char *file, const char *text, size_t len);

/* The kept text of FILE (NUL-terminated) and its length in *LEN, or NULL. Points into D. */
const char *cor_diags_source(const struct cor_diags *d, const char *file, size_t *len);

/* Line LINE (1-based) of FILE's kept text, without its line break, and its length in *LEN; NULL
 * when the text was not kept or has no such line. Points into D. */
const char *cor_diags_source_line(const struct cor_diags *d, const char *file, int line,
                                  size_t *len);

/* Sorts messages by file, line and column, keeping the order of equal positions. */
void cor_diags_sort(struct cor_diags *d);

/* Prints each message as "FILE:LINE:COL: error: MSG", then the line and a caret under COL. */
void cor_diags_print(const struct cor_diags *d, FILE *out);

/* Formats one message as "FILE:LINE:COL: MSG" into BUF (for status files and logs). */
void cor_diag_format(const struct cor_diag *diag, char *buf, size_t size);

/* Index of the first message whose text contains NEEDLE, or -1 (for tests). */
int cor_diags_find(const struct cor_diags *d, const char *needle);
