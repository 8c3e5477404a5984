/* yamltree.c: builds corridor's node tree from libyaml's event stream, with hostile-input limits.
 */
#include "yamltree.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "arena.h"
#include "utf8.h"
#include "value.h"

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
    const struct cor_ynode *last_scalar; /* for a quote that ran on to a later line */
};

/* ---- pre-check ---------------------------------------------------------------------------- */

/* The word just before P on its line (letters, digits, '-', '_' and '.'), into BUF. */
static void word_before(const char *text, const unsigned char *p, char *buf, size_t size)
{
    const unsigned char *a = p, *start = (const unsigned char *)text;
    while (a > start && p - a < 24 &&
           (isalnum(a[-1]) || a[-1] == '-' || a[-1] == '_' || a[-1] == '.' || a[-1] == '/'))
        a--;
    snprintf(buf, size, "%.*s", (int)(p - a), (const char *)a);
}

/* Characters that come with text pasted from Word, Outlook or a web page and that YAML does not
 * read as the user sees them: a non-breaking space where YAML needs a space, an invisible
 * zero-width character, a typographic dash that was meant to start a list item. The sentence
 * goes into BUF; NULL when the N bytes at P are fine here. */
static const char *pasted_character(const char *text, const unsigned char *p,
                                    const unsigned char *end, size_t n, bool at_indent, int col,
                                    char *buf, size_t size)
{
    char word[32];
    unsigned char before = (const char *)p > text ? p[-1] : '\n';
    if (n == 2 && p[0] == 0xC2 && p[1] == 0xA0) {
        if (at_indent)
            snprintf(buf, size,
                     "a non-breaking space (pasted from Outlook or Word) is in the indentation, "
                     "column %d; YAML needs ordinary spaces: delete the indentation and type it "
                     "again with the space bar",
                     col);
        else if (before == ':' || before == '-')
            snprintf(buf, size,
                     "a non-breaking space (pasted from Outlook or Word) follows the '%c', column "
                     "%d, so YAML does not see the '%c' as ending a key; type an ordinary space "
                     "there instead",
                     before, col, before);
        else
            return NULL;
        return buf;
    }
    if (n == 3 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0x93 || p[2] == 0x94) && at_indent &&
        p + 3 < end && p[3] == ' ') {
        snprintf(buf, size,
                 "this line starts with a %s dash '%.3s' (from a word processor), column %d; a "
                 "list item starts with an ordinary '- ': type the minus key instead",
                 p[2] == 0x93 ? "long" : "very long", (const char *)p, col);
        return buf;
    }
    if (n == 3 && p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0xA2 && at_indent && p + 3 < end &&
        p[3] == ' ') {
        snprintf(buf, size,
                 "this line starts with a bullet '\u2022' (from a word processor), column %d; a "
                 "list item starts with an ordinary '- ': type the minus key instead",
                 col);
        return buf;
    }
    const char *name = NULL;
    if (n == 3 && p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0x8B)
        name = "an invisible zero-width space";
    else if (n == 3 && p[0] == 0xE2 && p[1] == 0x81 && p[2] == 0xA0)
        name = "an invisible word joiner";
    else if (n == 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
        name = "an invisible byte order mark (a zero-width no-break space)";
    if (!name)
        return NULL;
    word_before(text, p, word, sizeof(word));
    if (word[0])
        snprintf(buf, size,
                 "%s is hidden after '%s', column %d (it comes with text copied from a web page or "
                 "a document); delete it: put the cursor after '%s' and press Delete",
                 name, word, col, word);
    else
        snprintf(buf, size,
                 "%s is hidden at column %d (it comes with text copied from a web page or a "
                 "document); delete it: retype this part of the line",
                 name, col);
    return buf;
}

/* Where the comment of the line that starts at A begins: a '#' first on the line, or after a
 * space before any quote; the line's end when it has none. Pasted text in a comment is left
 * alone. */
static const unsigned char *comment_start(const unsigned char *a, const unsigned char *end)
{
    const unsigned char *p = a;
    while (p < end && *p == ' ')
        p++;
    if (p < end && *p == '#')
        return p;
    for (; p < end && *p != '\n'; p++) {
        if (*p == '"' || *p == '\'')
            break;
        if (*p == '#' && p > a && p[-1] == ' ')
            return p;
    }
    while (p < end && *p != '\n')
        p++;
    return p;
}

/* The indentation of the key on the line [A, B) when the line opens a block of text ("body: |",
 * "  - body: >-"), or -1. */
static int opens_block(const unsigned char *a, const unsigned char *b)
{
    while (b > a && (b[-1] == ' ' || b[-1] == '\r'))
        b--;
    if (b > a && (b[-1] == '-' || b[-1] == '+'))
        b--;
    if (b - a < 3 || (b[-1] != '|' && b[-1] != '>') || b[-2] != ' ' ||
        !memchr(a, ':', (size_t)(b - a)))
        return -1;
    int indent = 0;
    while (a + indent < b && a[indent] == ' ')
        indent++;
    if (a + indent + 1 < b && a[indent] == '-' && a[indent + 1] == ' ')
        indent += 2;
    return indent;
}

/* A byte that is not UTF-8, named as the character Windows-1252 ("ANSI", as Notepad and Excel
 * save) makes of it, with the fix, into BUF. */
static const char *other_encoding(unsigned char c, char *buf, size_t size)
{
    static const struct {
        unsigned char byte;
        const char *name;
    } known[] = {
        {0x80, "the euro sign \u20ac"}, {0x85, "the three dots \u2026"},
        {0x91, "a curly quote \u2018"}, {0x92, "a curly apostrophe \u2019"},
        {0x93, "a curly quote \u201c"}, {0x94, "a curly quote \u201d"},
        {0x96, "a long dash \u2013"},   {0x97, "a very long dash \u2014"},
        {0xA0, "a non-breaking space"}, {0xA3, "the pound sign \u00a3"},
        {0xE9, "the letter \u00e9"},    {0xE8, "the letter \u00e8"},
    };
    const char *name = NULL;
    for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
        if (known[i].byte == c)
            name = known[i].name;
    snprintf(buf, size,
             "this line has text that is not UTF-8: the file looks saved as Windows-1252 "
             "(\"ANSI\", as Notepad and Excel save)%s%s%s; save the file as UTF-8 (in Notepad: "
             "Save as, Encoding: UTF-8)",
             name ? ", where this byte is " : "", name ? name : "", name ? "" : " or Latin-1");
    return buf;
}

bool cor_yaml_precheck(const char *file, const char *text, size_t len, struct cor_diags *diags)
{
    const unsigned char *p = (const unsigned char *)text, *end = p + len;
    if (len >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF))) {
        cor_diags_add(diags, COR_SEV_ERROR, file, 1, 1,
                      "the file is saved as UTF-16 (\"Unicode\"); save it as UTF-8 instead");
        return false;
    }
    /* UTF-16 without its mark: ASCII letters with a NUL byte beside each. */
    if (len >= 4 && ((p[0] && !p[1] && p[2] && !p[3]) || (!p[0] && p[1] && !p[2] && p[3]))) {
        cor_diags_add(diags, COR_SEV_ERROR, file, 1, 1,
                      "the file is saved as UTF-16 (\"Unicode\", without a byte order mark); "
                      "save it as UTF-8 instead");
        return false;
    }
    if (len >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
        p += 3; /* a byte-order mark is fine */
    bool ok = true;
    int line = 1, col = 1;
    bool at_indent = true;
    int reported_lines = 0;
    int last_bad_line = 0;
    /* Lines of text under "body: |" are words to show, not YAML: pasted characters there are
     * left alone. BLOCK is the indentation of the key that opened the block, or -1. */
    const unsigned char *line_start = p;
    int block = -1;
    bool words = false, indent_seen = false;
    /* Where this line's comment starts, once a pasted character asks (NULL: not looked yet). */
    const unsigned char *comment = NULL;
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
        char buf[512];
        if (c == '\n') {
            if (!words)
                block = opens_block(line_start, p);
            line++;
            col = 1;
            at_indent = true;
            words = indent_seen = false;
            comment = NULL;
            line_start = ++p;
            continue;
        }
        if (!indent_seen) {
            indent_seen = true;
            if (block >= 0 && col - 1 > block)
                words = true;
            else if (c != '\r')
                block = -1;
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
            problem = other_encoding(c, buf, sizeof(buf));
        } else if ((c == 0xC2 && p[1] == 0x85) ||
                   (c == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9))) {
            problem = "the file holds a Unicode line separator here (pasted from a web page or "
                      "a word processor); replace it with an ordinary line break";
        } else if (c >= 0x80 && !words &&
                   p < (comment ? comment : (comment = comment_start(line_start, end))) &&
                   (problem =
                        pasted_character(text, p, end, n, at_indent, col, buf, sizeof(buf)))) {
            /* named by pasted_character */
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

/* Line LINE (1-based) of TEXT, without its line end, into *LEN; NULL past the end. */
static const char *text_line(const char *text, size_t len, int line, size_t *n)
{
    const char *p = text, *end = text + len;
    for (int l = 1; l < line; l++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            return NULL;
        p = nl + 1;
    }
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    *n = nl ? (size_t)(nl - p) : (size_t)(end - p);
    if (*n && p[*n - 1] == '\r')
        (*n)--;
    return p;
}

/* A line as a key and its value: "  - title: Hello" gives indent 4, the key and the value. */
struct key_line {
    int indent; /* column of the key, 0-based */
    bool dash;  /* the key follows a list item's '- ' */
    const char *key, *colon, *value, *end;
};

static bool split_key_line(const char *line, size_t n, struct key_line *k)
{
    const char *p = line, *end = line + n;
    while (p < end && *p == ' ')
        p++;
    bool dash = p + 1 < end && p[0] == '-' && p[1] == ' ';
    if (dash)
        for (p += 2; p < end && *p == ' ';)
            p++;
    const char *key = p;
    while (p < end && (isalnum((unsigned char)*p) || *p == '_'))
        p++;
    if (p == key || p == end || *p != ':')
        return false;
    *k = (struct key_line){(int)(key - line), dash, key, p, p + 1, end};
    while (k->value < end && *k->value == ' ')
        k->value++;
    /* The value ends where a comment starts. */
    for (const char *q = k->value; q < end; q++)
        if (*q == '#' && q > k->value && q[-1] == ' ') {
            k->end = q;
            break;
        }
    while (k->end > k->value && k->end[-1] == ' ')
        k->end--;
    return true;
}

/* "title:Welcome": a key glued to its value, which YAML reads as one word. Looks at line LINE. */
static bool glued_colon(const char *file, const char *text, size_t len, int line,
                        struct cor_diags *diags)
{
    size_t n;
    const char *l = line > 0 ? text_line(text, len, line, &n) : NULL;
    struct key_line k;
    if (!l || !split_key_line(l, n, &k) || k.value != k.colon + 1 || k.value == k.end ||
        *k.value == ':' || *k.value == '/' || *k.value == '"' || *k.value == '\'')
        return false;
    cor_diags_add(diags, COR_SEV_ERROR, file, line, (int)(k.colon - l) + 1,
                  "there is no space after the colon in '%.*s': YAML reads it as one word, not a "
                  "key and its value; write %.*s: %.*s",
                  (int)(k.end - k.key), k.key, (int)(k.colon - k.key), k.key,
                  (int)(k.end - k.value), k.value);
    return true;
}

/* 'title: "Sepsis" spotting it early': a quoted value with more words after its closing quote.
 * COL is where libyaml stopped, on the words after the quote. */
static bool words_after_quote(const char *file, const char *text, size_t len, int line, int col,
                              struct cor_diags *diags)
{
    size_t n;
    const char *l = text_line(text, len, line, &n);
    struct key_line k;
    if (!l || !split_key_line(l, n, &k) || k.value == k.end ||
        (*k.value != '"' && *k.value != '\''))
        return false;
    const char *close = memchr(k.value + 1, *k.value, (size_t)(k.end - k.value - 1));
    if (!close || close + 1 >= k.end || close + 1 > l + col)
        return false;
    char other = *k.value == '"' ? '\'' : '"';
    size_t after = 0;
    while (close + 1 + after < k.end && close[1 + after] == ' ')
        after++;
    cor_diags_add(diags, COR_SEV_ERROR, file, line, (int)(k.value - l) + 1,
                  "the quote closes after %.*s but the value goes on ('%.*s'); put the whole "
                  "value in quotes: %.*s: %c%.*s%c",
                  (int)(close - k.value + 1), k.value, (int)(k.end - close - 1 - after),
                  close + 1 + after, (int)(k.colon - k.key), k.key, other, (int)(k.end - k.value),
                  k.value, other);
    return true;
}

/* A line of keys under a key that already has a value on its own line ("when: weekdays" and then
 * "  hours: ..."), or a key indented further than the one above it. LINE is where libyaml found
 * the second ':'. */
/* The first key of a slide or a session, whose item lost its '- '. */
static const char *item_noun(const char *key, int n)
{
    return n == 4 && strncmp(key, "type", 4) == 0   ? "slide"
           : n == 4 && strncmp(key, "date", 4) == 0 ? "session"
                                                    : NULL;
}

/* Says that the item whose first key is K, on line LINE (text L), lost its '- '. */
static bool lost_dash(const char *file, int line, const char *l, const struct key_line *k,
                      struct cor_diags *diags)
{
    const char *noun = item_noun(k->key, (int)(k->colon - k->key));
    cor_diags_add(diags, COR_SEV_ERROR, file, line, k->indent + 1,
                  "the '- ' that starts each %s is missing here; write - %.*s at the column "
                  "where the other items' '- ' is",
                  noun, (int)(k->end - k->key), k->key);
    (void)l;
    return true;
}

/* An item written without its '- ': at the column of the list's dashes ("did not find expected
 * '-' indicator" at LINE), or the first item of a list, so that the next item's '- ' does not fit
 * ("did not find expected key" at LINE, a line with a dash). */
static bool missing_dash(const char *file, const char *text, size_t len, int line,
                         struct cor_diags *diags)
{
    size_t n;
    const char *l = text_line(text, len, line, &n);
    struct key_line k;
    if (!l || !split_key_line(l, n, &k))
        return false;
    if (!k.dash)
        return item_noun(k.key, (int)(k.colon - k.key)) && lost_dash(file, line, l, &k, diags);
    /* The first item under the list's key: the line after the nearest line indented less. */
    int dash_col = k.indent - 2, first = 0;
    for (int pl = line - 1; pl >= 1 && pl > line - 400; pl--) {
        size_t pn;
        const char *prev = text_line(text, len, pl, &pn);
        size_t i = 0;
        while (prev && i < pn && prev[i] == ' ')
            i++;
        if (!prev || i == pn || prev[i] == '#')
            continue;
        if ((int)i < dash_col)
            break;
        first = pl;
    }
    size_t fn;
    const char *fl = first ? text_line(text, len, first, &fn) : NULL;
    struct key_line fk;
    if (!fl || !split_key_line(fl, fn, &fk) || fk.dash || fk.indent < dash_col ||
        !item_noun(fk.key, (int)(fk.colon - fk.key)))
        return false;
    return lost_dash(file, first, fl, &fk, diags);
}

/* The nearest line above LINE with something on it other than a comment; 0 when none near. */
static int line_above(const char *text, size_t len, int line, const char **l, size_t *n)
{
    for (int pl = line - 1; pl >= 1 && pl > line - 100; pl--) {
        *l = text_line(text, len, pl, n);
        size_t i = 0;
        while (*l && i < *n && (*l)[i] == ' ')
            i++;
        if (*l && i < *n && (*l)[i] != '#')
            return pl;
    }
    return 0;
}

/* "  - type: text" where YAML expects a key: the slides' list with no 'slides:' above it. */
static bool slides_key_missing(const char *file, const char *text, size_t len, int line,
                               struct cor_diags *diags)
{
    size_t n, pn;
    const char *l = text_line(text, len, line, &n), *prev;
    struct key_line k, pk;
    if (!l || !split_key_line(l, n, &k) || !k.dash || k.colon - k.key != 4 ||
        strncmp(k.key, "type", 4) != 0)
        return false;
    int dash = k.indent - 2;
    /* Up to the line that holds this one: the keys of 'defaults:' or 'theme:' (a slide pushed
     * into another slide is a different slip). */
    for (int pl = line - 1; pl >= 1 && pl > line - 2000; pl--) {
        prev = text_line(text, len, pl, &pn);
        int i = 0;
        while (prev && (size_t)i < pn && prev[i] == ' ')
            i++;
        if (!prev || (size_t)i == pn || prev[i] == '#' || i >= dash)
            continue;
        if (i != 0 || !split_key_line(prev, pn, &pk) || pk.dash || pk.value != pk.end ||
            (pk.colon - pk.key == 6 && strncmp(pk.key, "slides", 6) == 0))
            return false;
        break;
    }
    cor_diags_add(diags, COR_SEV_ERROR, file, line, dash + 1,
                  "the slides start here, but there is no 'slides:' above them; write slides: "
                  "on its own line before this one, at the start of the line");
    return true;
}

/* "when:" (or "theme:"), then its first key not indented under it, then the next key indented:
 * YAML stops at the third line, but the second is the slip. */
static bool not_under_holder(const char *file, const char *text, size_t len, int line,
                             struct cor_diags *diags)
{
    size_t n, pn, qn;
    const char *l = text_line(text, len, line, &n), *pl_text, *ql_text;
    struct key_line k, pk, qk;
    int pl = l && split_key_line(l, n, &k) ? line_above(text, len, line, &pl_text, &pn) : 0;
    if (!pl || !split_key_line(pl_text, pn, &pk) || pk.dash || pk.indent >= k.indent)
        return false;
    int ql = line_above(text, len, pl, &ql_text, &qn);
    if (!ql || !split_key_line(ql_text, qn, &qk) || qk.indent != pk.indent || qk.value != qk.end)
        return false;
    cor_diags_add(diags, COR_SEV_ERROR, file, pl, pk.indent + 1,
                  "'%.*s:' belongs under '%.*s:' on line %d, like the lines after it; indent it "
                  "by %d more spaces, to column %d",
                  (int)(pk.colon - pk.key), pk.key, (int)(qk.colon - qk.key), qk.key, ql,
                  k.indent - pk.indent, k.indent + 1);
    return true;
}

/* "-type: quote": a list item's dash needs a space after it. */
static bool dash_glued(const char *file, const char *text, size_t len, int line,
                       struct cor_diags *diags)
{
    size_t n;
    const char *l = line > 0 ? text_line(text, len, line, &n) : NULL;
    size_t i = 0;
    while (l && i < n && l[i] == ' ')
        i++;
    struct key_line k;
    if (!l || i + 2 >= n || l[i] != '-' || !isalpha((unsigned char)l[i + 1]) ||
        !split_key_line(l + i + 1, n - i - 1, &k))
        return false;
    cor_diags_add(diags, COR_SEV_ERROR, file, line, (int)i + 1,
                  "a list item's '-' needs a space after it, or YAML reads '-%.*s' as one word; "
                  "write - %.*s",
                  (int)(k.colon - k.key), k.key, (int)(k.end - k.key), k.key);
    return true;
}

static bool value_then_keys(const char *file, const char *text, size_t len, int line,
                            struct cor_diags *diags)
{
    size_t n, pn = 0;
    const char *l = text_line(text, len, line, &n), *prev = NULL;
    struct key_line k, pk;
    if (!l || !split_key_line(l, n, &k))
        return false;
    int pl = line - 1;
    for (; pl >= 1 && pl > line - 100; pl--) {
        prev = text_line(text, len, pl, &pn);
        size_t i = 0;
        while (prev && i < pn && prev[i] == ' ')
            i++;
        if (prev && i < pn && prev[i] != '#')
            break;
    }
    if (pl < 1 || !prev || !split_key_line(prev, pn, &pk) || pk.value == pk.end ||
        pk.indent >= k.indent || *pk.value == '|' || *pk.value == '>')
        return false;
    int key_len = (int)(pk.colon - pk.key);
    if (!pk.dash && k.indent == pk.indent + 2 && item_noun(pk.key, key_len))
        return lost_dash(file, pl, prev, &pk, diags);
    static const char *const holders[] = {"when", "theme", "defaults", NULL};
    for (int i = 0; holders[i]; i++) {
        if ((int)strlen(holders[i]) != key_len || strncmp(pk.key, holders[i], (size_t)key_len))
            continue;
        char value[128];
        snprintf(value, sizeof(value), "%.*s", (int)(pk.end - pk.value), pk.value);
        const char *sub = i == 0 ? cor_when_key_for(value) : NULL;
        cor_diags_add(diags, COR_SEV_ERROR, file, pl, (int)(pk.value - prev) + 1,
                      "'%s' holds keys, so nothing can follow its ':' on this line (line %d "
                      "below adds keys under it); write %s: alone on this line%s%s%s%s",
                      holders[i], line, holders[i], sub ? ", and under it, indented, " : "",
                      sub ? sub : "", sub ? ": " : "", sub ? value : "");
        return true;
    }
    cor_diags_add(diags, COR_SEV_ERROR, file, line, k.indent + 1,
                  "this line is indented further than '%.*s:' on line %d, so YAML reads it as "
                  "more of that value; line it up with '%.*s:' (column %d)",
                  key_len, pk.key, pl, key_len, pk.key, pk.indent + 1);
    return true;
}

/* A value that opens with a sign YAML reads as something other than text ("title: *New* visiting
 * hours", "title: [Update] ...", a curly quote around text with a colon). LINE is the line of
 * the problem. */
static bool sign_at_start(const char *file, const char *text, size_t len, int line,
                          const char *problem, struct cor_diags *diags)
{
    size_t n;
    const char *l = text_line(text, len, line, &n);
    struct key_line k;
    if (!l || !split_key_line(l, n, &k) || k.value == k.end)
        return false;
    const char *what = NULL;
    switch (*k.value) {
    case '*':
        what = "a reference to an anchor ('*name')";
        break;
    case '&':
        what = "an anchor ('&name')";
        break;
    case '!':
        what = "a type tag ('!name')";
        break;
    case '[':
    case '{':
        if (has(problem, "did not find expected key") || has(problem, "expected <block end>"))
            what = *k.value == '[' ? "a [ list ]" : "a { mapping }";
        break;
    case '|':
    case '>':
        what = "the start of a block of lines (the text goes on the lines below)";
        break;
    case '%':
    case '@':
    case '`':
        what = "a sign of its own";
        break;
    default:
        if (k.end - k.value > 3 && (unsigned char)k.value[0] == 0xE2 &&
            (unsigned char)k.value[1] == 0x80 &&
            ((unsigned char)k.value[2] == 0x9C || (unsigned char)k.value[2] == 0x98) &&
            has(problem, "mapping values are not allowed")) {
            const unsigned char *e = (const unsigned char *)k.end;
            bool closing = e[-3] == 0xE2 && e[-2] == 0x80 && (e[-1] == 0x9D || e[-1] == 0x99);
            cor_diags_add(diags, COR_SEV_ERROR, file, line, (int)(k.value - l) + 1,
                          "the value starts with a curly quote %.3s (from Word or a Mac), which "
                          "YAML does not read as a quote, so its ':' ends a key; use straight "
                          "quotes: %.*s: \"%.*s\"",
                          k.value, (int)(k.colon - k.key), k.key,
                          (int)(k.end - k.value - 3 - (closing ? 3 : 0)), k.value + 3);
            return true;
        }
        return false;
    }
    if (!what)
        return false;
    char q = memchr(k.value, '"', (size_t)(k.end - k.value)) ? '\'' : '"';
    cor_diags_add(diags, COR_SEV_ERROR, file, line, (int)(k.value - l) + 1,
                  "YAML reads a value that starts with '%c' as %s, not as text; put the whole "
                  "value in quotes: %.*s: %c%.*s%c",
                  *k.value, what, (int)(k.colon - k.key), k.key, q, (int)(k.end - k.value), k.value,
                  q);
    return true;
}

/* "body: |" and a line of its text indented no further than 'body:': YAML ends the block there
 * and reads the line as a key. LINE is the line libyaml could not read as a key. */
static bool block_too_shallow(const char *file, const char *text, size_t len, int line,
                              struct cor_diags *diags)
{
    size_t n, pn = 0;
    const char *l = text_line(text, len, line, &n), *prev = NULL;
    if (!l)
        return false;
    int indent = 0;
    while ((size_t)indent < n && l[indent] == ' ')
        indent++;
    /* Up over the lines of the block (indented further than this one) to the key that opens it. */
    struct key_line pk;
    int pl = line - 1;
    for (; pl >= 1 && pl > line - 200; pl--) {
        prev = text_line(text, len, pl, &pn);
        while (prev && pn && prev[pn - 1] == ' ')
            pn--;
        if (!prev || !pn)
            continue;
        if (split_key_line(prev, pn, &pk) && pk.end - pk.value == 1 &&
            (*pk.value == '|' || *pk.value == '>'))
            break;
        int pi = 0;
        while ((size_t)pi < pn && prev[pi] == ' ')
            pi++;
        if (pi <= indent)
            return false;
    }
    if (pl < 1 || pl <= line - 200 || indent > pk.indent)
        return false;
    cor_diags_add(diags, COR_SEV_ERROR, file, line, indent + 1,
                  "the lines of text under '%.*s: %c' (line %d) must be indented further than "
                  "'%.*s:'; put %d spaces in front of this line",
                  (int)(pk.colon - pk.key), pk.key, *pk.value, pl, (int)(pk.colon - pk.key), pk.key,
                  pk.indent + 2);
    return true;
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

    if (!has(context, "quoted scalar") &&
        ((context && glued_colon(file, text, len, ctx_line, diags)) ||
         ((!context || line != ctx_line) && glued_colon(file, text, len, line - 1, diags)) ||
         glued_colon(file, text, len, line, diags)))
        return;
    if (has(problem, "did not find expected key") &&
        words_after_quote(file, text, len, line, col, diags))
        return;
    if (!has(context, "quoted scalar") &&
        (sign_at_start(file, text, len, line, problem, diags) ||
         (context && ctx_line != line && sign_at_start(file, text, len, ctx_line, problem, diags))))
        return;
    if (!has(context, "quoted scalar") &&
        (dash_glued(file, text, len, line, diags) || dash_glued(file, text, len, line - 1, diags)))
        return;
    if ((has(problem, "mapping values are not allowed") ||
         has(problem, "did not find expected key")) &&
        not_under_holder(file, text, len, line, diags))
        return;
    if (has(problem, "mapping values are not allowed") &&
        value_then_keys(file, text, len, line, diags))
        return;
    if ((has(problem, "did not find expected '-' indicator") ||
         has(problem, "did not find expected key")) &&
        missing_dash(file, text, len, line, diags))
        return;
    if (has(problem, "did not find expected key") &&
        slides_key_missing(file, text, len, line, diags))
        return;
    if (has(context, "quoted scalar") && has(problem, "end of stream")) {
        cor_diags_add(diags, COR_SEV_ERROR, file, ctx_line, ctx_col,
                      "this quote is never closed (it opens at line %d, column %d); add the "
                      "closing quote at the end of the value",
                      ctx_line, ctx_col);
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
        size_t n;
        const char *l = text_line(text, len, line, &n);
        struct key_line k;
        if (l && split_key_line(l, n, &k) && k.value < k.end && *k.value != '"' &&
            *k.value != '\'') {
            char q = memchr(k.value, '"', (size_t)(k.end - k.value)) ? '\'' : '"';
            cor_diags_add(diags, COR_SEV_ERROR, file, line, col,
                          "there is a second ':' on this line; if the colon is part of the text, "
                          "put the whole value in quotes: %.*s: %c%.*s%c (YAML reads a ':' that a "
                          "space or the end of the line follows as the end of a key)",
                          (int)(k.colon - k.key), k.key, q, (int)(k.end - k.value), k.value, q);
        } else {
            cor_diags_add(diags, COR_SEV_ERROR, file, line, col,
                          "there is a second ':' on this line; if the colon is part of the text, "
                          "put the whole value in quotes (title: \"Note: ...\"); otherwise check "
                          "the indentation");
        }
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
        if (!block_too_shallow(file, text, len, ctx_line, diags))
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
        n->style = ev->data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE   ? '\''
                   : ev->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE ? '"'
                   : ev->data.scalar.style == YAML_LITERAL_SCALAR_STYLE       ? '|'
                   : ev->data.scalar.style == YAML_FOLDED_SCALAR_STYLE        ? '>'
                                                                              : 0;
        n->end_line = (int)ev->end_mark.line + 1;
        n->end_col = (int)ev->end_mark.column + 1;
        n->empty = n->plain && (n->len == 0 || strcmp(n->text, "~") == 0);
        if (ev->data.scalar.anchor && !add_anchor(b, (const char *)ev->data.scalar.anchor, n))
            return oom(b), false;
        const char *tag = (const char *)ev->data.scalar.tag;
        if (tag && n->plain && strncmp(tag, "tag:yaml.org,2002:", 18) != 0) {
            /* "title: !important notice": the tag would be dropped without a word. */
            cor_diags_add(b->diags, COR_SEV_ERROR, b->file, n->line, n->col,
                          "YAML reads '%s' at the start of this value as a type tag and leaves it "
                          "out, so only '%s' would be shown; put the whole value in quotes: "
                          "\"%s %s\"",
                          tag, n->text, tag, n->text);
            return false;
        }
        b->expanded++;
        b->last_scalar = n;
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
        n->end_line = (int)ev->end_mark.line + 1;
        n->end_col = (int)ev->end_mark.column + 1;
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
            const struct cor_ynode *q = b.last_scalar;
            int at = (int)parser.problem_mark.line + 1;
            if (q && (q->style == '"' || q->style == '\'') && q->end_line > q->line &&
                at <= q->end_line + 1)
                cor_diags_add(diags, COR_SEV_ERROR, file, q->line, q->col,
                              "this quote is never closed on its line, so YAML read on to the "
                              "next %c, on line %d; add the closing %c at the end of the value",
                              q->style, q->end_line, q->style);
            else
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
