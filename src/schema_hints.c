/* schema_hints.c: what YAML changed without a word. Compares the value libyaml read with the raw
 * text of its line, to name comments that swallowed text, lines joined into one, curly quotes,
 * comments glued to a value and backslashes in paths, in the file's own words. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "schema_priv.h"
#include "value.h"

const char *cor_sc_raw_line(struct cor_schema *c, int line, size_t *len)
{
    const char *end = c->text + c->len;
    if (!c->text || line < 1)
        return NULL;
    if (c->seen_line.text == c->text && line == c->seen_line.line_no &&
        c->seen_line.len != SIZE_MAX) {
        *len = c->seen_line.len;
        return c->seen_line.line;
    }
    if (c->seen_line.text != c->text || line < c->seen_line.line_no)
        c->seen_line.text = c->text, c->seen_line.line = c->text, c->seen_line.line_no = 1;
    const char *p = c->seen_line.line;
    for (int l = c->seen_line.line_no; l < line; l++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            return NULL;
        p = nl + 1;
    }
    if (p != c->seen_line.line || c->seen_line.line_no != line)
        c->seen_line.col = 1, c->seen_line.byte = 0;
    c->seen_line.len = SIZE_MAX;
    c->seen_line.line = p;
    c->seen_line.line_no = line;
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
    if (n && p[n - 1] == '\r')
        n--;
    *len = c->seen_line.len = n;
    return p;
}

/* The byte offset in LINE (LEN bytes, just returned by cor_sc_raw_line) of the 1-based character
 * column COL; goes on from the last column asked for on the same line. */
static size_t byte_of_col(struct cor_schema *c, const char *line, size_t len, int col)
{
    size_t i = 0;
    int k = 1;
    if (line == c->seen_line.line && col >= c->seen_line.col)
        i = c->seen_line.byte, k = c->seen_line.col;
    for (; k < col && i < len; k++) {
        i++;
        while (i < len && ((unsigned char)line[i] & 0xC0) == 0x80)
            i++;
    }
    c->seen_line.col = k;
    c->seen_line.byte = i;
    return i;
}

/* Curly quotes people paste from Word or a Mac, and what each stands for. */
static const struct {
    const char *mark;
    char straight;
} curly[] = {
    {"\xE2\x80\x9C", '"'},  {"\xE2\x80\x9D", '"'}, {"\xE2\x80\x9E", '"'}, {"\xE2\x80\x98", '\''},
    {"\xE2\x80\x99", '\''}, {"\xC2\xAB", '"'},     {"\xC2\xBB", '"'},
};

static int curly_at(const char *s, size_t n)
{
    for (size_t i = 0; i < sizeof(curly) / sizeof(curly[0]); i++) {
        size_t k = strlen(curly[i].mark);
        if (n >= k && memcmp(s, curly[i].mark, k) == 0)
            return (int)i;
    }
    return -1;
}

static int curly_end(const char *s, size_t n)
{
    for (size_t i = 0; i < sizeof(curly) / sizeof(curly[0]); i++) {
        size_t k = strlen(curly[i].mark);
        if (n >= k && memcmp(s + n - k, curly[i].mark, k) == 0)
            return (int)i;
    }
    return -1;
}

bool cor_sc_curly_quotes(struct cor_schema *c, const struct cor_sc_field *f,
                         const struct cor_ynode *v)
{
    if (v->kind != COR_YNODE_SCALAR || v->empty)
        return true;
    int a = curly_at(v->text, v->len), b = curly_end(v->text, v->len);
    if (a < 0 && b < 0)
        return true;
    const char *inner = v->text;
    size_t n = v->len;
    if (a >= 0) {
        inner += strlen(curly[a].mark);
        n -= strlen(curly[a].mark);
    }
    if (b >= 0 && n >= strlen(curly[b].mark))
        n -= strlen(curly[b].mark);
    int which = a >= 0 ? a : b;
    /* A colour keeps its quotes: without them its '#' would start a comment. */
    const char *q = n && (inner[0] == '#' || strstr(inner, ": ")) ? "\"" : "";
    cor_sc_error_at(c, v,
                    "a curly quote %s (from Word or a Mac) is part of '%s': YAML reads only "
                    "straight quotes as quotes; use a straight quote %c%s: %s: %s%.*s%s",
                    curly[which].mark, v->text, curly[which].straight, *q ? "" : ", or none",
                    f->key, q, (int)n, inner, q);
    return false;
}

bool cor_sc_glued_comment(struct cor_schema *c, const struct cor_sc_field *f,
                          const struct cor_ynode *v)
{
    if (v->kind != COR_YNODE_SCALAR || !v->plain || v->empty)
        return true;
    const char *hash = strchr(v->text, '#');
    if (!hash || hash == v->text || hash[-1] == ' ')
        return true;
    cor_sc_error_at(c, v,
                    "'%s' has a note glued to it: a '#' starts a comment only after a space, so "
                    "YAML reads '%s' as part of the value; put a space before the '#': %s: %.*s "
                    " %s",
                    v->text, hash, f->key, (int)(hash - v->text), v->text, hash);
    return false;
}

void cor_sc_text_hints(struct cor_schema *c, const struct cor_sc_field *f,
                       const struct cor_ynode *v)
{
    if (v->kind != COR_YNODE_SCALAR || !v->plain || v->empty)
        return;
    int a = curly_at(v->text, v->len), b = curly_end(v->text, v->len);
    if (a >= 0 && b >= 0 && a != b && v->len > strlen(curly[a].mark) + strlen(curly[b].mark) &&
        curly[a].straight == curly[b].straight) {
        size_t na = strlen(curly[a].mark), n = v->len - na - strlen(curly[b].mark);
        bool quote = strcmp(f->key, "text") == 0;
        cor_sc_warning_at(c, v,
                          "'%s' is wrapped in curly quotes %s %s (from Word or a Mac), which YAML "
                          "does not read as quotes, so the screen shows them%s; leave them out: "
                          "%s: %.*s",
                          f->key, curly[a].mark, curly[b].mark,
                          quote ? " beside the quote slide's own quotation mark" : "", f->key,
                          (int)n, v->text + na);
    }
    if (v->end_line > v->line && strcmp(f->key, "body") == 0) {
        cor_sc_warning_at(c, v,
                          "the %d lines of 'body' are joined into one line, because a body "
                          "written over several lines needs a '|': write body: | on its own "
                          "line and the lines of text under it, indented",
                          v->end_line - v->line + 1);
        return;
    }
    size_t len;
    const char *line = cor_sc_raw_line(c, v->end_line, &len);
    if (!line)
        return;
    size_t at = byte_of_col(c, line, len, v->end_col);
    /* One space, then a '#' that a word or a number follows: a hashtag or "#1", not a note. */
    if (at + 2 < len && line[at] == ' ' && line[at + 1] == '#' && line[at + 2] != ' ' &&
        line[at + 2] != '#') {
        size_t rest = len;
        while (rest > at && line[rest - 1] == ' ')
            rest--;
        char q = strchr(v->text, '"') ? '\'' : '"';
        cor_sc_warning_at(c, v,
                          "'%s' shows only '%s': in YAML ' #' starts a comment, so '%.*s' is "
                          "left out; to show it, put the whole text in quotes: %s: %c%s%.*s%c",
                          f->key, v->text, (int)(rest - at - 1), line + at + 1, f->key, q, v->text,
                          (int)(rest - at), line + at, q);
    }
}

/* The file name at the end of PATH, after its last / or \\. */
static const char *base_name(const char *path)
{
    const char *b = path;
    for (const char *p = path; *p; p++)
        if (*p == '/' || *p == '\\')
            b = p + 1;
    return b;
}

bool cor_sc_path_ok(struct cor_schema *c, const struct cor_ynode *v, const char *noun)
{
    const char *t = v->text;
    if (strncasecmp(t, "http://", 7) == 0 || strncasecmp(t, "https://", 8) == 0 ||
        strncasecmp(t, "www.", 4) == 0) {
        cor_sc_error_at(c, v,
                        "the %s is a web address; corridor shows only files next to the "
                        "playlist (a screen may not reach the web): save the picture into the "
                        "assets folder and write its name, such as assets/%s",
                        noun, *base_name(t) ? base_name(t) : "poster.png");
        return false;
    }
    bool drive = ((t[0] | 0x20) >= 'a' && (t[0] | 0x20) <= 'z' && t[1] == ':' &&
                  (t[2] == '\\' || t[2] == '/'));
    if (drive || (t[0] == '\\' && t[1] == '\\')) {
        cor_sc_error_at(c, v,
                        "the %s is named by where it is on a Windows PC (%s); the screen cannot "
                        "see that PC: copy the file into the playlist's folder (or its assets "
                        "folder) and write its name with /, such as assets/%s",
                        noun, drive ? "a drive letter" : "a network share", base_name(t));
        return false;
    }
    bool newline = strpbrk(v->text, "\n\t\r\a\b\f\v") != NULL;
    if (!strchr(v->text, '\\') && !(newline && v->style == '"'))
        return true;
    /* Show the name as it was typed: inside double quotes, "\n" has become a line break. */
    char typed[256];
    size_t len, k = 0;
    const char *line = cor_sc_raw_line(c, v->line, &len);
    size_t at = line ? byte_of_col(c, line, len, v->col) : 0;
    if (line && v->style == '"' && at < len && line[at] == '"') {
        for (size_t i = at + 1; i < len && line[i] != '"' && k + 1 < sizeof(typed); i++)
            typed[k++] = line[i] == '\\' ? '/' : line[i];
    } else {
        for (size_t i = 0; i < v->len && k + 1 < sizeof(typed); i++)
            typed[k++] = v->text[i] == '\\' ? '/' : v->text[i];
    }
    typed[k] = '\0';
    cor_sc_error_at(c, v,
                    "the %s's name has a backslash '\\' (as Windows writes paths)%s; write paths "
                    "with / instead: %s",
                    noun,
                    newline && v->style == '"'
                        ? ", and inside double quotes a backslash and the letter after it "
                          "stand for another character"
                        : "",
                    typed);
    return false;
}

bool cor_sc_known_yet(struct cor_schema *c, const struct cor_sc_field *f, const struct cor_ynode *v)
{
    static const char *const unknown[] = {
        "tbc", "tba", "tbd", "to be confirmed", "to be announced", "to be decided", "?",
        "??",  "-",   NULL};
    if (v->kind != COR_YNODE_SCALAR || v->empty)
        return true;
    char word[32];
    size_t n = 0;
    for (const char *p = v->text; *p && n + 1 < sizeof(word); p++)
        if (*p != '.')
            word[n++] = (char)((*p >= 'A' && *p <= 'Z') ? *p + 32 : *p);
    word[n] = '\0';
    for (size_t i = 0; unknown[i]; i++) {
        if (strcmp(word, unknown[i]) != 0)
            continue;
        cor_sc_error_at(c, v,
                        "'%s' is not a %s yet: the screen shows each session at its date and "
                        "time, so write them when they are known; until then leave the session "
                        "out, or put '# ' in front of each of its lines to keep it as a note",
                        v->text, strcmp(f->key, "date") == 0 ? "date" : "time");
        return false;
    }
    if (strcmp(word, "all day") == 0 || strcmp(word, "all-day") == 0 ||
        strcmp(word, "all day long") == 0) {
        cor_sc_error_at(c, v,
                        "'%s' is not a range of times; for a session that lasts the day, write "
                        "its hours: %s: 9am to 5pm",
                        v->text, f->key);
        return false;
    }
    return true;
}
