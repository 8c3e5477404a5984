/* yamltree.h: libyaml events into a small node tree with positions, bounded against hostile
 * input (size, depth, alias expansion), with libyaml's syntax errors turned into plain hints. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

struct cor_arena;

enum cor_ynode_kind {
    COR_YNODE_SCALAR,
    COR_YNODE_SEQUENCE,
    COR_YNODE_MAPPING,
};

struct cor_ynode {
    enum cor_ynode_kind kind;
    int line, col;         /* 1-based start of the node */
    bool plain;            /* a scalar written without quotes or block style */
    bool empty;            /* a plain scalar that is empty or "~": no value was written */
    char style;            /* scalars: 0 plain, '"' or '\'' quoted, '|' or '>' block */
    int end_line, end_col; /* 1-based, just after the node's last character */
    const char *text;      /* scalar text, NUL-terminated (arena) */
    size_t len;
    struct cor_ynode **kids; /* sequence: the items; mapping: key, value, key, value, ... */
    size_t n_kids;
    size_t weight; /* nodes below and including this one, aliases expanded */
    size_t bytes;  /* scalar text below and including this one, aliases expanded */
};

/* Deepest nesting of lists and mappings accepted. */
#define COR_YAML_MAX_DEPTH 64
/* Most nodes a document may expand to, aliases counted each time they are used. */
#define COR_YAML_MAX_NODES 4000000u
/* Most scalar text a document may expand to, aliases counted each time they are used. */
#define COR_YAML_MAX_BYTES (64u * 1024u * 1024u)

/* Checks TEXT before parsing: NUL and other control bytes, text that is not UTF-8, UTF-16
 * files and tabs used for indentation. Each problem goes to DIAGS with its line and column.
 * Returns false when the text cannot be parsed. */
bool cor_yaml_precheck(const char *file, const char *text, size_t len, struct cor_diags *diags);

/* Parses the first YAML document of TEXT into nodes allocated in ARENA. Returns the root, or
 * NULL with a message in DIAGS (a syntax error, a limit, or an empty file). */
struct cor_ynode *cor_yaml_parse(struct cor_arena *arena, const char *file, const char *text,
                                 size_t len, struct cor_diags *diags);
