/* schema_values.c: the generic walker that enforces schema tables, and the parsers for each
 * kind of value a field holds, with messages for the comms team. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "arena.h"
#include "paths.h"
#include "userfile.h"
#include "schema_priv.h"
#include "value.h"

/* ---- messages ----------------------------------------------------------------------------- */

void cor_sc_error_at(struct cor_load *c, const struct cor_ynode *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void cor_sc_warning_at(struct cor_load *c, const struct cor_ynode *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void add_v(struct cor_load *c, enum cor_severity sev, int line, int col, const char *fmt,
                  va_list ap)
{
    char msg[1024];
    vsnprintf(msg, sizeof(msg), fmt, ap);
    /* A value quoted in a message may hold a line break or a tab ("\n" in double quotes): show
     * it as a space, so that the message stays on its line. */
    for (char *p = msg; *p; p++)
        if ((unsigned char)*p < 0x20)
            *p = ' ';
    cor_diags_add(c->diags, sev, c->file, line, col, "%s", msg);
}

void cor_sc_error_at(struct cor_load *c, const struct cor_ynode *n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add_v(c, COR_SEV_ERROR, n ? n->line : 0, n ? n->col : 0, fmt, ap);
    va_end(ap);
}

void cor_sc_warning_at(struct cor_load *c, const struct cor_ynode *n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add_v(c, COR_SEV_WARNING, n ? n->line : 0, n ? n->col : 0, fmt, ap);
    va_end(ap);
}

void cor_sc_oom(struct cor_load *c)
{
    cor_diags_add(c->diags, COR_SEV_ERROR, c->file, 0, 0, "out of memory");
}

/* True when the source line LINE has a '#' after its first ':' (an unquoted colour). */
static bool line_has_comment_after_colon(struct cor_load *c, int line)
{
    size_t len;
    const char *p = cor_sc_raw_line(c, line, &len);
    const char *colon = p ? memchr(p, ':', len) : NULL;
    return colon && memchr(colon, '#', len - (size_t)(colon - p));
}

struct cor_pos cor_sc_pos_of(const struct cor_load *c, const struct cor_ynode *n)
{
    return (struct cor_pos){c->file, n->line, n->col};
}

/* ---- value parsers ------------------------------------------------------------------------ */

const char *cor_sc_kind_noun(enum cor_ynode_kind k)
{
    return k == COR_YNODE_SCALAR     ? "a single value"
           : k == COR_YNODE_SEQUENCE ? "a list"
                                     : "a block of keys";
}

static bool shape_ok(struct cor_load *c, const struct cor_sc_field *f, const struct cor_ynode *key,
                     const struct cor_ynode *v)
{
    bool ok;
    const char *want;
    switch (f->shape) {
    case COR_SC_SCALAR:
        ok = v->kind == COR_YNODE_SCALAR;
        want = "a single value";
        break;
    case COR_SC_LIST:
        ok = v->kind == COR_YNODE_SEQUENCE || (v->kind == COR_YNODE_SCALAR && v->empty);
        want = "a list of items starting with '- '";
        break;
    case COR_SC_MAPPING:
        /* A schedule written as one value ("when: weekends") is answered by its parser,
         * which shows the key the value belongs under. */
        ok = v->kind == COR_YNODE_MAPPING || (v->kind == COR_YNODE_SCALAR && v->empty) ||
             (v->kind == COR_YNODE_SCALAR && f->parse == cor_sc_when_value);
        want = "keys indented under it";
        break;
    case COR_SC_MAPPING_OR_LIST: /* its parser says what is wrong */
        ok = true;
        want = "";
        break;
    default:
        ok = v->kind != COR_YNODE_MAPPING;
        want = "a single value or a list";
        break;
    }
    if (!ok)
        cor_sc_error_at(c, v, "'%s' takes %s, but %s is given here%s%s", f->key, want,
                        cor_sc_kind_noun(v->kind), f->example ? "; for example " : "",
                        f->example ? f->example : "");
    (void)key;
    return ok;
}

/* A value that is read, not shown as it is (a colour, a date, a file...): curly quotes around it
 * and a comment glued to it are named; links, file names and time zones may hold a '#'. */
static bool typed_value_ok(struct cor_load *c, const struct cor_sc_field *f,
                           const struct cor_ynode *v)
{
    if (f->parse == cor_sc_string_value)
        return true;
    if (!cor_sc_curly_quotes(c, f, v))
        return false;
    if (f->parse == cor_sc_link_value || f->parse == cor_sc_zone_value ||
        f->parse == cor_sc_image_value || f->parse == cor_sc_font_value ||
        f->parse == cor_sc_sessions_value)
        return true;
    return cor_sc_glued_comment(c, f, v);
}

/* Rejects an empty scalar with a hint (a '#' starting a comment is the usual cause). */
bool cor_sc_not_empty(struct cor_load *c, const struct cor_sc_field *f, const struct cor_ynode *v)
{
    if (v->kind != COR_YNODE_SCALAR)
        return true;
    if (!v->empty)
        return typed_value_ok(c, f, v);
    size_t len;
    const char *line = cor_sc_raw_line(c, v->line, &len);
    const char *colon = line ? memchr(line, ':', len) : NULL;
    while (colon && colon + 1 < line + len && colon[1] == ' ')
        colon++;
    if (colon && colon + 1 < line + len && colon[1] == '&') {
        size_t n = (size_t)(line + len - colon - 1);
        cor_sc_error_at(c, v,
                        "'%s' has no value: YAML reads '%.*s' as the name of an anchor, not as "
                        "text; put the whole value in quotes: %s: \"%.*s\"",
                        f->key, (int)n, colon + 1, f->key, (int)n, colon + 1);
    } else if (line_has_comment_after_colon(c, v->line)) {
        /* The value as written, from its '#' to the end of the line: "#fff". */
        const char *hash = memchr(colon, '#', len - (size_t)(colon - line));
        size_t n = 1;
        while (hash + n < line + len && hash[n] != ' ')
            n++;
        bool colour = n >= 4 && n <= 9 && strspn(hash + 1, "0123456789abcdefABCDEF") == n - 1;
        cor_sc_error_at(c, v,
                        "'%s' has no value: in YAML a '#' starts a comment, so put the value in "
                        "quotes: %s: %s%.*s%s",
                        f->key, f->key, colour ? "\"" : "", colour ? (int)n : 0, hash,
                        colour       ? "\""
                        : f->example ? f->example
                                     : "\"#005EB8\"");
    } else
        cor_sc_error_at(c, v,
                        "'%s' has no value; write one after the colon%s%s, or remove the line",
                        f->key, f->example ? " (for example " : "", f->example ? f->example : "");
    return false;
}

char *cor_sc_trimmed_copy(struct cor_load *c, const struct cor_ynode *v)
{
    const char *s = v->text;
    size_t n = v->len;
    while (n && (*s == ' ' || *s == '\n'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\n'))
        n--;
    return cor_arena_strndup(c->arena, s, n);
}

/* Whether S holds nothing a reader sees: spaces of any kind (the non-breaking one that word
 * processors put in, U+2000 to U+200B, U+202F, U+205F, U+3000, U+FEFF) and line ends. */
static bool blank_text(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
            p++;
        } else if (p[0] == 0xC2 && p[1] == 0xA0) {
            p += 2; /* U+00A0 */
        } else if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] <= 0x8B || p[2] == 0xAF)) {
            p += 3; /* U+2000 to U+200B, U+202F */
        } else if (p[0] == 0xE2 && p[1] == 0x81 && p[2] == 0x9F) {
            p += 3; /* U+205F */
        } else if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) {
            p += 3; /* U+3000 */
        } else if (p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
            p += 3; /* U+FEFF */
        } else {
            return false;
        }
    }
    return true;
}

/* Most lines and characters one text (a title, a body, a quote, a session's title, the footer)
 * may have. A 1920x1080 screen shows about 40 lines and 2,000 characters at a size readable
 * from three metres; past that a text could only be cut short, and laying it out, again at
 * every page drawn, would hold up the screen (600,000 body lines took 22 s). */
#define COR_TEXT_MAX_LINES 100
#define COR_TEXT_MAX_CHARS 4000

/* False, with a message at V, when text S of key F is longer than any slide shows. */
static bool text_within_limits(struct cor_load *c, const struct cor_sc_field *f,
                               const struct cor_ynode *v, const char *s)
{
    size_t lines = 1;
    for (const char *p = strchr(s, '\n'); p; p = strchr(p + 1, '\n'))
        lines++;
    if (lines > COR_TEXT_MAX_LINES) {
        cor_sc_error_at(c, v,
                        "'%s' has %zu lines; a screen shows about 40 readably, and corridor takes "
                        "at most %d in one text: split it over several slides",
                        f->key, lines, COR_TEXT_MAX_LINES);
        return false;
    }
    size_t chars = 0; /* the text is UTF-8 already: count the bytes that start a character */
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        chars += (*p & 0xC0) != 0x80;
    if (chars > COR_TEXT_MAX_CHARS) {
        cor_sc_error_at(c, v,
                        "'%s' is %zu characters long; a screen shows about 2000 readably, and "
                        "corridor takes at most %d in one text: shorten it or split it over "
                        "several slides",
                        f->key, chars, COR_TEXT_MAX_CHARS);
        return false;
    }
    return true;
}

bool cor_sc_string_value(struct cor_load *c, const struct cor_sc_field *f,
                         const struct cor_ynode *v, void *target)
{
    if (!cor_sc_not_empty(c, f, v))
        return false;
    char *s = cor_sc_trimmed_copy(c, v);
    if (!s)
        return cor_sc_oom(c), false;
    if (blank_text(s)) {
        cor_sc_error_at(c, v, "'%s' is blank; write the text, or remove the line", f->key);
        return false;
    }
    if (!text_within_limits(c, f, v, s))
        return false;
    if (f->parse == cor_sc_string_value)
        cor_sc_text_hints(c, f, v);
    *COR_SC_SLOT(target, f, const char *) = s;
    return true;
}

bool cor_sc_duration_value(struct cor_load *c, const struct cor_sc_field *f,
                           const struct cor_ynode *v, void *target)
{
    char err[256];
    uint32_t ms;
    if (!cor_sc_not_empty(c, f, v))
        return false;
    if (!cor_parse_duration(v->text, &ms, err, sizeof(err))) {
        cor_sc_error_at(c, v, "%s", err);
        return false;
    }
    *COR_SC_SLOT(target, f, uint32_t) = ms;
    return true;
}

bool cor_sc_transition_time_value(struct cor_load *c, const struct cor_sc_field *f,
                                  const struct cor_ynode *v, void *target)
{
    if (!cor_sc_duration_value(c, f, v, target))
        return false;
    if (*COR_SC_SLOT(target, f, uint32_t) > 5000) {
        cor_sc_error_at(c, v,
                        "a transition of '%s' is too slow for people walking past; write at most "
                        "5s (0.8s is calm)",
                        v->text);
        return false;
    }
    return true;
}

bool cor_sc_color_value(struct cor_load *c, const struct cor_sc_field *f, const struct cor_ynode *v,
                        void *target)
{
    char err[256];
    struct cor_color col;
    if (!cor_sc_not_empty(c, f, v))
        return false;
    if (!cor_parse_color(v->text, &col, err, sizeof(err))) {
        cor_sc_error_at(c, v, "%s", err);
        return false;
    }
    *COR_SC_SLOT(target, f, struct cor_color) = col;
    return true;
}

bool cor_sc_enum_value(struct cor_load *c, const struct cor_sc_field *f, const struct cor_ynode *v,
                       void *target)
{
    if (!cor_sc_not_empty(c, f, v))
        return false;
    const char *words[16];
    size_t n = 0;
    for (const struct cor_sc_word *w = f->words; w->word && n < 15; w++) {
        if (strcasecmp(v->text, w->word) == 0) {
            *COR_SC_SLOT(target, f, int) = w->value;
            return true;
        }
        words[n++] = w->word;
    }
    words[n] = NULL;
    char list[256] = "";
    for (size_t i = 0; i < n; i++) {
        strncat(list, i ? (i + 1 == n ? " or " : ", ") : "", sizeof(list) - strlen(list) - 1);
        strncat(list, words[i], sizeof(list) - strlen(list) - 1);
    }
    /* Words people use for a choice corridor names otherwise. */
    static const char *const synonyms[][3] = {
        {"type", "picture", "image"},       {"type", "poster", "image"},
        {"type", "photo", "image"},         {"type", "artwork", "image"},
        {"type", "graphic", "image"},       {"type", "announcement", "text"},
        {"type", "notice", "text"},         {"type", "message", "text"},
        {"type", "timetable", "sessions"},  {"type", "schedule", "sessions"},
        {"type", "events", "sessions"},     {"type", "programme", "sessions"},
        {"type", "agenda", "sessions"},     {"type", "quotation", "quote"},
        {"type", "testimonial", "quote"},   {"type", "movie", "video"},
        {"type", "clip", "video"},          {"type", "film", "video"},
        {"fit", "fill", "cover"},           {"fit", "stretch", "cover"},
        {"fit", "crop", "cover"},           {"fit", "fullscreen", "cover"},
        {"fit", "whole", "contain"},        {"fit", "letterbox", "contain"},
        {"transition", "cut", "none"},      {"transition", "dissolve", "fade"},
        {"transition", "crossfade", "fade"}, {"transition", "push", "slide"},
        {"transition", "wipe", "slide"},    {"show", "tomorrow", "upcoming"},
        {"show", "next", "upcoming"},       {"show", "future", "upcoming"},
        {"show", "everything", "all"},      {"finished", "remove", "hide"},
        {"finished", "hidden", "hide"},     {"finished", "grey", "dim"},
        {"finished", "gray", "dim"},
    };
    const char *near = NULL;
    for (size_t i = 0; i < sizeof(synonyms) / sizeof(synonyms[0]) && !near; i++)
        if (strcmp(f->key, synonyms[i][0]) == 0 && strcasecmp(v->text, synonyms[i][1]) == 0)
            near = synonyms[i][2];
    if (!near)
        near = cor_nearest_word(v->text, words);
    if (near)
        cor_sc_error_at(c, v, "'%s' is not a choice for '%s'; did you mean '%s'? Write %s", v->text,
                        f->key, near, list);
    else
        cor_sc_error_at(c, v, "'%s' is not a choice for '%s'; write %s", v->text, f->key, list);
    return false;
}

bool cor_sc_bool_value(struct cor_load *c, const struct cor_sc_field *f, const struct cor_ynode *v,
                       void *target)
{
    char err[256];
    bool b;
    if (!cor_sc_not_empty(c, f, v))
        return false;
    if (!cor_parse_bool(v->text, &b, err, sizeof(err))) {
        cor_sc_error_at(c, v, "%s", err);
        return false;
    }
    *COR_SC_SLOT(target, f, bool) = b;
    return true;
}

bool cor_sc_days_ahead_value(struct cor_load *c, const struct cor_sc_field *f,
                             const struct cor_ynode *v, void *target)
{
    char err[256];
    long n;
    if (!cor_sc_not_empty(c, f, v))
        return false;
    if (!cor_parse_int(v->text, 1, 366, &n, err, sizeof(err))) {
        cor_sc_error_at(c, v, "%s (how many days ahead to show, from 1 to 366)", err);
        return false;
    }
    *COR_SC_SLOT(target, f, int) = (int)n;
    return true;
}

bool cor_sc_zone_value(struct cor_load *c, const struct cor_sc_field *f, const struct cor_ynode *v,
                       void *target)
{
    if (!cor_sc_string_value(c, f, v, target))
        return false;
    return cor_load_zone_ok(c, v);
}

bool cor_sc_link_value(struct cor_load *c, const struct cor_sc_field *f, const struct cor_ynode *v,
                       void *target)
{
    if (!cor_sc_string_value(c, f, v, target))
        return false;
    const char *s = *COR_SC_SLOT(target, f, const char *);
    if (strncasecmp(s, "https://", 8) != 0 && strncasecmp(s, "http://", 7) != 0) {
        cor_sc_error_at(c, v,
                        "'%s' is not a web address; write the whole address, starting with "
                        "https://",
                        s);
        return false;
    }
    if (strlen(s) > 400 || strchr(s, ' ')) {
        cor_sc_error_at(c, v,
                        "this link is too long or has spaces, so its QR code would not scan; "
                        "use the short address of the page");
        return false;
    }
    return true;
}

/* Resolves a file name: it must exist, be an ordinary readable file, inside an allowed folder. */
bool cor_sc_resolve_file(struct cor_load *c, const struct cor_ynode *v, const char *noun,
                         struct cor_file *out)
{
    const char *name = v->text;
    if (!cor_sc_path_ok(c, v, noun))
        return false;
    char *path = cor_path_join(c->arena, c->pl->dir, name);
    if (!path)
        return cor_sc_oom(c), false;
    *out = (struct cor_file){cor_arena_strdup(c->arena, name), path, cor_sc_pos_of(c, v)};
    if (!c->opts->check_files)
        return cor_load_add_file(c, path) || (cor_sc_oom(c), false);
    char err[256];
    bool exists = cor_file_check(path, err, sizeof(err));
    if (!exists && strcmp(err, "does not exist") == 0) {
        char *folder = cor_path_dirname(c->scratch, path);
        const char *slash = strrchr(name, '/');
        const char *base = slash ? slash + 1 : name;
        char listing[512];
        const char *nearest = NULL;
        if (folder && access(folder, F_OK) != 0) {
            char *shown =
                slash ? cor_arena_strndup(c->scratch, name, (size_t)(slash - name)) : NULL;
            cor_path_list_folder(c->scratch, c->pl->dir, shown ? shown : name, listing,
                                 sizeof(listing), &nearest);
            cor_sc_error_at(c, v,
                            "the %s '%s' cannot be found: the folder '%s/' does not exist (the "
                            "playlist's folder has: %s)%s%s%s",
                            noun, name, shown ? shown : ".", listing,
                            nearest ? "; did you mean '" : "", nearest ? nearest : "",
                            nearest ? "/'?" : "");
        } else {
            cor_path_list_folder(c->scratch, folder ? folder : c->pl->dir, base, listing,
                                 sizeof(listing), &nearest);
            char *shown = slash ? cor_arena_strndup(c->scratch, name, (size_t)(slash - name) + 1)
                                : cor_arena_strdup(c->scratch, "the playlist's folder");
            cor_sc_error_at(c, v, "the %s '%s' does not exist (%s%s has: %s)%s%s%s", noun, name,
                            slash ? "folder " : "", shown ? shown : "", listing,
                            nearest ? "; did you mean '" : "", nearest ? nearest : "",
                            nearest ? "'?" : "");
        }
        return false;
    }
    if (!exists) {
        cor_sc_error_at(c, v, "the %s '%s' %s", noun, name, err);
        return false;
    }
    if (!cor_path_inside(path, c->allowed)) {
        cor_sc_error_at(c, v,
                        "the %s '%s' is outside the playlist's folder; corridor shows only files "
                        "inside %s (or a folder the installer allows with --allow-dir): copy it "
                        "next to the playlist",
                        noun, name, c->allowed[0] ? c->allowed[0] : c->pl->dir);
        return false;
    }
    return cor_load_add_file(c, path) || (cor_sc_oom(c), false);
}

bool cor_sc_image_value(struct cor_load *c, const struct cor_sc_field *f, const struct cor_ynode *v,
                        void *target)
{
    if (!cor_sc_not_empty(c, f, v))
        return false;
    const char *noun = strcmp(f->key, "logo") == 0    ? "logo"
                       : strcmp(f->key, "photo") == 0 ? "photo"
                                                      : "image";
    struct cor_file *file = COR_SC_SLOT(target, f, struct cor_file);
    return cor_sc_resolve_file(c, v, noun, file) && cor_load_check_image(c, v, noun, file->path);
}

static bool looks_like_font_file(const char *s)
{
    size_t n = strlen(s);
    static const char *const ext[] = {".ttf", ".otf", ".ttc", ".woff"};
    for (size_t i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
        size_t e = strlen(ext[i]);
        if (n > e && strcasecmp(s + n - e, ext[i]) == 0)
            return true;
    }
    return strchr(s, '/') != NULL;
}

bool cor_sc_font_value(struct cor_load *c, const struct cor_sc_field *f, const struct cor_ynode *v,
                       void *target)
{
    struct cor_theme *theme = target;
    if (!cor_sc_not_empty(c, f, v))
        return false;
    if (looks_like_font_file(v->text)) {
        if (!cor_sc_resolve_file(c, v, "font file", &theme->font_file))
            return false;
        return cor_load_check_font(c, v, true, theme->font_file.path);
    }
    if (!(theme->font = cor_arena_strdup(c->arena, v->text)))
        return cor_sc_oom(c), false;
    return cor_load_check_font(c, v, false, NULL);
}

/* ---- the generic mapping walker ----------------------------------------------------------- */

static const struct cor_sc_field *find_field(const struct cor_sc_table *t, const char *key,
                                             unsigned type_bit)
{
    for (size_t i = 0; i < t->n; i++)
        if (t->fields[i].key[0] == key[0] && strcmp(t->fields[i].key, key) == 0 &&
            (!t->fields[i].types || (t->fields[i].types & type_bit)))
            return &t->fields[i];
    return NULL;
}

static const char *type_list(unsigned types)
{
    static char buf[64];
    static const char *const names[] = {"sessions", "image", "quote", "text", "video"};
    buf[0] = '\0';
    for (int i = 0; i < COR_SLIDE_TYPE_COUNT; i++) {
        if (!(types & (1u << i)))
            continue;
        if (buf[0])
            strncat(buf, " and ", sizeof(buf) - strlen(buf) - 1);
        strncat(buf, names[i], sizeof(buf) - strlen(buf) - 1);
    }
    return buf;
}

static void suggest(struct cor_load *c, const char *key)
{
    if (c->n_suggested < sizeof(c->suggested) / sizeof(c->suggested[0]))
        c->suggested[c->n_suggested++] = key;
}

bool cor_sc_was_suggested(const struct cor_load *c, const char *key)
{
    for (size_t i = 0; i < c->n_suggested; i++)
        if (strcmp(c->suggested[i], key) == 0)
            return true;
    return false;
}

static void unknown_key(struct cor_load *c, const struct cor_sc_table *t,
                        const struct cor_ynode *key, unsigned type_bit)
{
    const char *k = key->text;
    const char *words[COR_SC_MAX_FIELDS + 1];
    size_t n = 0;
    for (size_t i = 0; i < t->n && n < COR_SC_MAX_FIELDS; i++) {
        const struct cor_sc_field *f = &t->fields[i];
        if (f->types && !(f->types & type_bit))
            continue;
        if (strcasecmp(f->key, k) == 0) {
            cor_sc_error_at(c, key, "'%s' in %s is written in lower case: write '%s'", k, c->where,
                            f->key);
            suggest(c, f->key);
            return;
        }
        words[n++] = f->key;
    }
    words[n] = NULL;
    /* A key of another slide type. */
    for (size_t i = 0; i < t->n; i++) {
        const struct cor_sc_field *f = &t->fields[i];
        if (f->types && !(f->types & type_bit) && strcmp(f->key, k) == 0) {
            cor_sc_error_at(c, key,
                            "'%s' is not used in %s; it belongs to %s slides: remove it, or "
                            "change the slide's type",
                            k, c->where, type_list(f->types));
            return;
        }
    }
    /* Words people use for a key corridor names otherwise. */
    static const char *const synonyms[][2] = {
        {"location", "where"},    {"place", "where"},      {"venue", "where"},
        {"room", "where"},        {"speaker", "host"},     {"presenter", "host"},
        {"organiser", "host"},    {"url", "link"},         {"author", "name"},
        {"quote", "text"},        {"image", "file"},       {"picture", "file"},
        {"to", "until"},          {"start", "from"},       {"end", "until"},
        {"colour", "background"}, {"color", "background"}, {"heading", "title"},
        {"description", "body"},  {"job", "role"},         {"kind", "type"},
        {"seconds", "duration"},  {"font_family", "font"}, {"times", "time"},
    };
    for (size_t i = 0; i < sizeof(synonyms) / sizeof(synonyms[0]); i++) {
        if (strcasecmp(k, synonyms[i][0]) != 0)
            continue;
        for (size_t j = 0; j < n; j++) {
            if (strcmp(words[j], synonyms[i][1]) == 0) {
                cor_sc_error_at(c, key, "unknown key '%s' in %s; did you mean '%s'?", k, c->where,
                                synonyms[i][1]);
                suggest(c, synonyms[i][1]);
                return;
            }
        }
    }
    /* A key that belongs somewhere else in the file: usually an indentation slip. */
    size_t n_tables;
    const struct cor_sc_table *const *all_tables = cor_schema_tables(&n_tables);
    for (size_t i = 0; i < n_tables; i++) {
        if (all_tables[i] == t)
            continue;
        if (find_field(all_tables[i], k, COR_SC_ALL_TYPES)) {
            const char *near = cor_nearest_word(k, words);
            if (near && strcmp(near, k) != 0) {
                cor_sc_error_at(c, key, "unknown key '%s' in %s; did you mean '%s'?", k, c->where,
                                near);
                suggest(c, near);
                return;
            }
            cor_sc_error_at(c, key,
                            "'%s' does not belong in %s; it goes %s: check the indentation of "
                            "this line",
                            k, c->where, all_tables[i]->name);
            return;
        }
    }
    if (strcmp(k, "<<") == 0) {
        cor_sc_error_at(c, key,
                        "merge keys ('<<') are not supported in %s; copy the keys you need "
                        "instead",
                        c->where);
        return;
    }
    const char *near = cor_nearest_word(k, words);
    if (near) {
        cor_sc_error_at(c, key, "unknown key '%s' in %s; did you mean '%s'?", k, c->where, near);
        suggest(c, near);
        return;
    }
    char list[512] = "";
    for (size_t i = 0; i < n; i++) {
        if (i)
            strncat(list, ", ", sizeof(list) - strlen(list) - 1);
        strncat(list, words[i], sizeof(list) - strlen(list) - 1);
    }
    cor_sc_error_at(c, key, "unknown key '%s' in %s; the keys here are: %s", k, c->where, list);
}

/* Walks MAP against table T into TARGET. SEEN[i] receives the value node of field i when the
 * key was cor_sc_given (NULL otherwise). Returns false when a mistake was found. */
bool cor_sc_walk(struct cor_load *c, const struct cor_ynode *map, const struct cor_sc_table *t,
                 unsigned type_bit, void *target, const struct cor_ynode **seen)
{
    const struct cor_ynode *keys[COR_SC_MAX_FIELDS] = {0};
    for (size_t i = 0; i < t->n; i++)
        seen[i] = NULL;
    c->lost_dash = false;
    bool ok = true;
    for (size_t i = 0; i + 1 < map->n_kids; i += 2) {
        const struct cor_ynode *key = map->kids[i], *v = map->kids[i + 1];
        if (key->kind != COR_YNODE_SCALAR) {
            cor_sc_error_at(c, key, "a key in %s must be a plain word followed by ':'", c->where);
            ok = false;
            continue;
        }
        const struct cor_sc_field *f = find_field(t, key->text, type_bit);
        if (!f) {
            unknown_key(c, t, key, type_bit);
            ok = false;
            continue;
        }
        size_t idx = (size_t)(f - t->fields);
        if (keys[idx] && i > 0 && keys[idx] == map->kids[0] &&
            (strncmp(c->where, "session", 7) == 0 || strncmp(c->where, "slide", 5) == 0)) {
            /* The item's first key again: a new item whose '- ' was deleted. */
            const char *noun = c->where[1] == 'e' ? "session" : "slide";
            cor_sc_error_at(c, key,
                            "'%s' is given twice in %s (first on line %d): if a new %s starts "
                            "here, its '- ' is missing; write - %s: at the indentation of the "
                            "'- ' on line %d",
                            key->text, c->where, keys[idx]->line, noun, key->text, map->line);
            c->lost_dash = true;
            ok = false;
            continue;
        }
        if (keys[idx]) {
            cor_sc_error_at(c, key,
                            "'%s' is given twice in %s (first on line %d); keep one of them",
                            key->text, c->where, keys[idx]->line);
            ok = false;
            continue;
        }
        keys[idx] = key;
        seen[idx] = v;
        if (!shape_ok(c, f, key, v) || (f->parse && !f->parse(c, f, v, target)))
            ok = false;
    }
    return ok;
}

const struct cor_ynode *cor_sc_given(const struct cor_sc_table *t, const struct cor_ynode **seen,
                                     const char *key)
{
    for (size_t i = 0; i < t->n; i++)
        if (seen[i] && t->fields[i].key[0] == key[0] && strcmp(t->fields[i].key, key) == 0)
            return seen[i];
    return NULL;
}

/* Requires MAP to be a mapping; says what it is instead. */
bool cor_sc_need_mapping(struct cor_load *c, const struct cor_ynode *map, const char *what,
                         const char *example)
{
    if (map->kind == COR_YNODE_MAPPING)
        return true;
    if (map->kind == COR_YNODE_SCALAR && map->empty)
        return false;
    cor_sc_error_at(c, map, "%s needs keys such as %s, but %s is given here", what, example,
                    cor_sc_kind_noun(map->kind));
    return false;
}
