/* yamltree.c: builds corridor's node tree from libyaml's event stream, with hostile-input limits.
 */
#include "yamltree.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "arena.h"
#include "utf8.h"

/* One open sequence or mapping while its events arrive. */
struct frame {
    struct cor_ynode *node;
    struct cor_ynode **kids;
    size_t n, cap;
    char *anchor; /* registered when the collection ends, so an alias cannot refer into itself */
};

struct anchor {
    char *name;
    struct cor_ynode *node;
};

struct builder {
    struct cor_arena *arena;
    const char *file;
    struct cor_diags *diags;
    struct frame stack[COR_YAML_MAX_DEPTH + 1];
    int depth;
    struct anchor *anchors;
    size_t n_anchors, cap_anchors;
    size_t expanded;       /* nodes so far, aliases counted at their full size */
    size_t expanded_bytes; /* scalar text so far, likewise */
    struct cor_ynode *root;
};

/* ---- pre-check ---------------------------------------------------------------------------- */

bool cor_yaml_precheck(const char *file, const char *text, size_t len, struct cor_diags *diags)
{
    const unsigned char *p = (const unsigned char *)text, *end = p + len;
    if (len >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF))) {
        cor_diags_add(diags, COR_SEV_ERROR, file, 1, 1,
                      "the file is saved as UTF-16 (\"Unicode\"); save it as UTF-8 instead");
        return false;
    }
    if (len >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
        p += 3; /* a byte-order mark is fine */
    bool ok = true;
    int line = 1, col = 1;
    bool at_indent = true;
    int reported_lines = 0;
    int last_bad_line = 0;
    while (p < end) {
        /* Most of a playlist is printable ASCII away from the start of a line: skip it fast. */
        const unsigned char *q = p;
        if (at_indent) {
            while (q < end && *q == ' ')
                q++;
        } else {
            while (q < end && *q >= 0x20 && *q < 0x7F)
                q++;
        }
        col += (int)(q - p);
        p = q;
        if (p == end)
            break;
        unsigned char c = *p;
        size_t n = 1;
        const char *problem = NULL;
        if (c == '\n') {
            line++;
            col = 1;
            at_indent = true;
            p++;
            continue;
        }
        if (c == 0)
            problem = "the file holds a NUL byte here (it may not be a text file, or it was "
                      "cut short while saving); save it again as plain text";
        else if (c == '\r' && (p + 1 == end || p[1] != '\n'))
            problem = "this line ends with a lone carriage return (an old Mac line end); save "
                      "the file with ordinary (Windows or Unix) line ends";
        else if (c < 0x20 && c != '\t' && c != '\r')
            problem = "the file holds an invisible control character here; delete it";
        else if (c == 0x7F)
            problem = "the file holds an invisible DEL character here; delete it";
        else if (c >= 0x80 && (n = cor_utf8_length(p, end)) == 0) {
            n = 1;
            problem = "this line has text that is not UTF-8 (perhaps saved as Windows-1252 or "
                      "Latin-1); save the file as UTF-8";
        } else if ((c == 0xC2 && p[1] == 0x85) ||
                   (c == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9))) {
            problem = "the file holds a Unicode line separator here (pasted from a web page or "
                      "a word processor); replace it with an ordinary line break";
        } else if (c == '\t' && at_indent) {
            problem = "a tab is used for indentation here; YAML needs spaces: replace the tab "
                      "with spaces";
        }
        if (c != ' ' && c != '\t')
            at_indent = false;
        if (problem && line != last_bad_line) {
            ok = false;
            last_bad_line = line;
            if (++reported_lines <= 20)
                cor_diags_add(diags, COR_SEV_ERROR, file, line, col, "%s", problem);
        }
        p += n;
        col++;
    }
    return ok;
}

/* ---- syntax errors ------------------------------------------------------------------------ */

static bool has(const char *s, const char *needle)
{
    return s && strstr(s, needle);
}

/* Turns libyaml's problem into a sentence with a fix, at the most useful position. */
static void report_syntax_error(const yaml_parser_t *parser, const char *file, const char *text,
                                size_t len, struct cor_diags *diags)
{
    const char *problem = parser->problem ? parser->problem : "the file cannot be read";
    const char *context = parser->context;
    int line = (int)parser->problem_mark.line + 1;
    int col = (int)parser->problem_mark.column + 1;
    int ctx_line = (int)parser->context_mark.line + 1;
    int ctx_col = (int)parser->context_mark.column + 1;
    size_t off = parser->problem_mark.index;
    char here = off < len ? text[off] : '\0';

    if (has(context, "quoted scalar") && has(problem, "end of stream")) {
        cor_diags_add(diags, COR_SEV_ERROR, file, ctx_line, ctx_col,
                      "this quote is never closed; add the closing quote at the end of the value");
    } else if (has(context, "quoted scalar")) {
        cor_diags_add(diags, COR_SEV_ERROR, file, ctx_line, ctx_col,
                      "this quoted value is broken (%s); inside double quotes write \\\" for a "
                      "quote and \\\\ for a backslash, or use single quotes",
                      problem);
    } else if (has(problem, "tab")) {
        cor_diags_add(diags, COR_SEV_ERROR, file, line, col,
                      "a tab is used here; YAML needs spaces for indentation: replace the tab "
                      "with spaces");
    } else if (has(problem, "cannot start any token")) {
        if (here == '\t')
            cor_diags_add(diags, COR_SEV_ERROR, file, line, col,
                          "a tab is used here; YAML needs spaces: replace the tab with spaces");
        else
            cor_diags_add(diags, COR_SEV_ERROR, file, line, col,
                          "a value cannot start with '%c'; put the whole value in quotes",
                          here ? here : '?');
    } else if (has(problem, "mapping values are not allowed")) {
        cor_diags_add(diags, COR_SEV_ERROR, file, line, col,
                      "there is a second ':' on this line; if the colon is part of the text, put "
                      "the whole value in quotes (title: \"Note: ...\"); otherwise check the "
                      "indentation");
    } else if (has(problem, "did not find expected key")) {
        cor_diags_add(diags, COR_SEV_ERROR, file, line, col,
                      "this line does not line up with the keys above it (the block starts on "
                      "line %d); indent it like its neighbours, or put a value with ':' or "
                      "quotes in quotes",
                      ctx_line);
    } else if (has(problem, "did not find expected '-' indicator")) {
        cor_diags_add(diags, COR_SEV_ERROR, file, line, col,
                      "this line does not line up with the list above it (the list starts on "
                      "line %d); every item starts with '- ' at the same indentation",
                      ctx_line);
    } else if (has(problem, "could not find expected ':'")) {
        cor_diags_add(diags, COR_SEV_ERROR, file, ctx_line, ctx_col,
                      "this key has no ':' after it; write 'key: value'");
    } else if (has(problem, "block sequence entries are not allowed")) {
        cor_diags_add(diags, COR_SEV_ERROR, file, line, col,
                      "a list item '- ' cannot follow a value on the same key; start the list on "
                      "the next line, indented under the key");
    } else if (has(problem, "did not find expected node content")) {
        cor_diags_add(diags, COR_SEV_ERROR, file, line, col,
                      "a value is missing here; write a value, or put the text in quotes");
    } else if (has(problem, "did not find expected ',' or ']'")) {
        cor_diags_add(diags, COR_SEV_ERROR, file, ctx_line, ctx_col,
                      "this [ list ] is not closed properly; separate items with ', ' and end "
                      "with ']'");
    } else if (has(problem, "did not find expected ',' or '}'")) {
        cor_diags_add(diags, COR_SEV_ERROR, file, ctx_line, ctx_col,
                      "this { mapping } is not closed properly; separate pairs with ', ' and "
                      "end with '}'");
    } else if (has(problem, "found unknown escape character")) {
        cor_diags_add(diags, COR_SEV_ERROR, file, line, col,
                      "a backslash in double quotes starts an escape; write \\\\ for a "
                      "backslash, or use single quotes");
    } else if (has(problem, "control characters") || has(problem, "UTF-8") ||
               has(problem, "invalid Unicode")) {
        cor_diags_add(diags, COR_SEV_ERROR, file, line, col,
                      "this line has characters that are not text (%s); save the file as UTF-8 "
                      "text",
                      problem);
    } else if (has(problem, "anchor") || has(problem, "alias")) {
        cor_diags_add(diags, COR_SEV_ERROR, file, line, col,
                      "%s; anchors (&name) and aliases (*name) are rarely needed in a playlist: "
                      "copy the block instead",
                      problem);
    } else {
        cor_diags_add(diags, COR_SEV_ERROR, file, line, col,
                      "the file is not valid YAML here (%s%s%s); check the indentation and "
                      "quotes on this line and the one above",
                      problem, context ? " " : "", context ? context : "");
    }
}

/* ---- building ----------------------------------------------------------------------------- */

static bool add_anchor(struct builder *b, const char *name, struct cor_ynode *node)
{
    /* A later anchor of the same name wins, as in YAML. */
    for (size_t i = 0; i < b->n_anchors; i++) {
        if (strcmp(b->anchors[i].name, name) == 0) {
            b->anchors[i].node = node;
            return true;
        }
    }
    if (b->n_anchors == b->cap_anchors) {
        size_t cap = b->cap_anchors ? b->cap_anchors * 2 : 8;
        struct anchor *a = realloc(b->anchors, cap * sizeof(*a));
        if (!a)
            return false;
        b->anchors = a;
        b->cap_anchors = cap;
    }
    char *copy = strdup(name);
    if (!copy)
        return false;
    b->anchors[b->n_anchors++] = (struct anchor){copy, node};
    return true;
}

static struct cor_ynode *find_anchor(const struct builder *b, const char *name)
{
    for (size_t i = 0; i < b->n_anchors; i++)
        if (strcmp(b->anchors[i].name, name) == 0)
            return b->anchors[i].node;
    return NULL;
}

static size_t add_weight(size_t a, size_t b)
{
    return a > SIZE_MAX - b ? SIZE_MAX : a + b;
}

/* Appends NODE to the open collection, or makes it the root. */
static bool attach(struct builder *b, struct cor_ynode *node)
{
    if (b->depth == 0) {
        if (!b->root)
            b->root = node;
        return true;
    }
    struct frame *f = &b->stack[b->depth - 1];
    if (f->n == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 8;
        struct cor_ynode **kids = realloc(f->kids, cap * sizeof(*kids));
        if (!kids)
            return false;
        f->kids = kids;
        f->cap = cap;
    }
    f->kids[f->n++] = node;
    f->node->weight = add_weight(f->node->weight, node->weight);
    f->node->bytes = add_weight(f->node->bytes, node->bytes);
    return true;
}

static struct cor_ynode *new_node(struct builder *b, enum cor_ynode_kind kind, yaml_mark_t mark)
{
    struct cor_ynode *n = cor_arena_alloc(b->arena, sizeof(*n));
    if (!n)
        return NULL;
    n->kind = kind;
    n->line = (int)mark.line + 1;
    n->col = (int)mark.column + 1;
    n->weight = 1;
    return n;
}

static void oom(struct builder *b)
{
    cor_diags_add(b->diags, COR_SEV_ERROR, b->file, 0, 0, "out of memory while reading the file");
}

/* Handles one event; returns false to stop (the reason is in diags). */
static bool handle_event(struct builder *b, const yaml_event_t *ev)
{
    yaml_mark_t mark = ev->start_mark;
    switch (ev->type) {
    case YAML_SCALAR_EVENT: {
        struct cor_ynode *n = new_node(b, COR_YNODE_SCALAR, mark);
        if (!n)
            return oom(b), false;
        n->text = cor_arena_strndup(b->arena, (const char *)ev->data.scalar.value,
                                    ev->data.scalar.length);
        if (!n->text)
            return oom(b), false;
        n->len = ev->data.scalar.length;
        n->bytes = n->len;
        n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
        n->empty = n->plain && (n->len == 0 || strcmp(n->text, "~") == 0);
        if (ev->data.scalar.anchor && !add_anchor(b, (const char *)ev->data.scalar.anchor, n))
            return oom(b), false;
        b->expanded++;
        return attach(b, n) || (oom(b), false);
    }
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT: {
        if (b->depth >= COR_YAML_MAX_DEPTH) {
            cor_diags_add(b->diags, COR_SEV_ERROR, b->file, (int)mark.line + 1,
                          (int)mark.column + 1,
                          "lists and mappings are nested more than %d deep here; a playlist "
                          "needs only a few levels: check the brackets and indentation",
                          COR_YAML_MAX_DEPTH);
            return false;
        }
        bool seq = ev->type == YAML_SEQUENCE_START_EVENT;
        struct cor_ynode *n = new_node(b, seq ? COR_YNODE_SEQUENCE : COR_YNODE_MAPPING, mark);
        if (!n)
            return oom(b), false;
        const yaml_char_t *anchor =
            seq ? ev->data.sequence_start.anchor : ev->data.mapping_start.anchor;
        struct frame *f = &b->stack[b->depth++];
        *f = (struct frame){.node = n};
        if (anchor && !(f->anchor = strdup((const char *)anchor)))
            return oom(b), false;
        b->expanded++;
        return true;
    }
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT: {
        struct frame *f = &b->stack[--b->depth];
        struct cor_ynode *n = f->node;
        n->n_kids = f->n;
        bool ok = true;
        if (f->n) {
            n->kids = cor_arena_array(b->arena, f->n, sizeof(*n->kids));
            if (n->kids)
                memcpy(n->kids, f->kids, f->n * sizeof(*n->kids));
            else
                ok = false;
        }
        free(f->kids);
        if (ok && f->anchor)
            ok = add_anchor(b, f->anchor, n);
        free(f->anchor);
        *f = (struct frame){0};
        if (!ok)
            return oom(b), false;
        return attach(b, n) || (oom(b), false);
    }
    case YAML_ALIAS_EVENT: {
        const char *name = (const char *)ev->data.alias.anchor;
        struct cor_ynode *target = find_anchor(b, name);
        if (!target) {
            cor_diags_add(b->diags, COR_SEV_ERROR, b->file, (int)mark.line + 1,
                          (int)mark.column + 1,
                          "'*%s' refers to no finished anchor '&%s' above it; copy the block "
                          "here instead",
                          name, name);
            return false;
        }
        b->expanded = add_weight(b->expanded, target->weight);
        b->expanded_bytes = add_weight(b->expanded_bytes, target->bytes);
        if (b->expanded_bytes > COR_YAML_MAX_BYTES) {
            cor_diags_add(b->diags, COR_SEV_ERROR, b->file, (int)mark.line + 1,
                          (int)mark.column + 1,
                          "the alias '*%s' makes the file expand to more than %u MB of text "
                          "(a long text used over and over); copy the text you need instead of "
                          "using aliases",
                          name, COR_YAML_MAX_BYTES / (1024u * 1024u));
            return false;
        }
        if (b->expanded > COR_YAML_MAX_NODES) {
            cor_diags_add(b->diags, COR_SEV_ERROR, b->file, (int)mark.line + 1,
                          (int)mark.column + 1,
                          "the alias '*%s' makes the file expand to more than %u values (aliases "
                          "of aliases); copy the blocks you need instead of using aliases",
                          name, COR_YAML_MAX_NODES);
            return false;
        }
        return attach(b, target) || (oom(b), false);
    }
    default:
        return true;
    }
}

struct cor_ynode *cor_yaml_parse(struct cor_arena *arena, const char *file, const char *text,
                                 size_t len, struct cor_diags *diags)
{
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
        cor_diags_add(diags, COR_SEV_ERROR, file, 0, 0, "out of memory while reading the file");
        return NULL;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    struct builder b = {.arena = arena, .file = file, .diags = diags};
    bool ok = true, done = false;
    int documents = 0;
    while (ok && !done) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&parser, &ev)) {
            report_syntax_error(&parser, file, text, len, diags);
            ok = false;
            break;
        }
        if (ev.type == YAML_DOCUMENT_START_EVENT && ++documents == 2) {
            cor_diags_add(diags, COR_SEV_ERROR, file, (int)ev.start_mark.line + 1,
                          (int)ev.start_mark.column + 1,
                          "a second document starts here ('---'); a playlist is one document: "
                          "remove this line or move what follows into its own file");
            ok = false;
        } else if (ev.type == YAML_STREAM_END_EVENT) {
            done = true;
        } else if (documents <= 1) {
            ok = handle_event(&b, &ev);
        }
        yaml_event_delete(&ev);
    }
    while (b.depth > 0) {
        struct frame *f = &b.stack[--b.depth];
        free(f->kids);
        free(f->anchor);
    }
    for (size_t i = 0; i < b.n_anchors; i++)
        free(b.anchors[i].name);
    free(b.anchors);
    yaml_parser_delete(&parser);
    if (!ok)
        return NULL;
    if (!b.root || (b.root->kind == COR_YNODE_SCALAR && b.root->empty)) {
        cor_diags_add(diags, COR_SEV_ERROR, file, 1, 1,
                      "the file is empty; a playlist needs at least 'slides:' with one slide");
        return NULL;
    }
    return b.root;
}
