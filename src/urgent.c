/* urgent.c: finding and reading an urgent notice beside the playlist, and whether it is up. */
#include "urgent.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "diag.h"
#include "paths.h"
#include "userfile.h"
#include "utf8.h"
#include "value.h"
#include "yamltree.h"

/* ---- decoding ----------------------------------------------------------------------------- */

/* Windows-1252's 0x80..0x9F; the rest of its upper half is Latin-1. */
static const uint16_t CP1252[32] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
};

static size_t put_cp(char *o, uint32_t cp)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18));
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Appends CP, line ends made "\n" (a CR followed by LF is dropped, a lone CR becomes LF) and
 * control characters other than tab and LF left out. */
static void emit(char *out, size_t *n, uint32_t cp, uint32_t next)
{
    if (cp == '\r') {
        if (next != '\n')
            out[(*n)++] = '\n';
        return;
    }
    if ((cp < 0x20 && cp != '\n' && cp != '\t') || cp == 0x7F || cp == 0xFEFF)
        return;
    if (cp >= 0xD800 && cp <= 0xDFFF)
        cp = 0xFFFD;
    *n += put_cp(out + *n, cp);
}

static int utf16_kind(const unsigned char *s, size_t len, size_t *skip)
{
    *skip = 0;
    if (len >= 2 && s[0] == 0xFF && s[1] == 0xFE) {
        *skip = 2;
        return 1; /* little-endian */
    }
    if (len >= 2 && s[0] == 0xFE && s[1] == 0xFF) {
        *skip = 2;
        return 2; /* big-endian */
    }
    /* Without a mark: ASCII text in UTF-16 has a zero in every other byte. */
    size_t zeros_even = 0, zeros_odd = 0, n = len < 200 ? len : 200;
    for (size_t i = 0; i + 1 < n; i += 2) {
        zeros_even += s[i] == 0;
        zeros_odd += s[i + 1] == 0;
    }
    if (n >= 2 && zeros_odd * 2 > n / 2 && zeros_even == 0)
        return 1;
    if (n >= 2 && zeros_even * 2 > n / 2 && zeros_odd == 0)
        return 2;
    return 0;
}

char *cor_urgent_decode(const char *raw, size_t len)
{
    const unsigned char *s = (const unsigned char *)raw;
    size_t skip;
    int u16 = utf16_kind(s, len, &skip);
    /* At most 3 bytes out per byte in (Windows-1252), 2 per UTF-16 unit (of 2 bytes). */
    char *out = malloc(len * 3 + 1);
    if (!out)
        return NULL;
    size_t n = 0;
    if (u16) {
        size_t units = (len - skip) / 2; /* a last odd byte (a half-written file) is left out */
        const unsigned char *p = s + skip;
        uint32_t prev = 0;
        bool have = false;
        for (size_t i = 0; i < units; i++) {
            uint32_t u = u16 == 1 ? (uint32_t)(p[2 * i] | p[2 * i + 1] << 8)
                                  : (uint32_t)(p[2 * i] << 8 | p[2 * i + 1]);
            if (u >= 0xD800 && u <= 0xDBFF && i + 1 < units) {
                uint32_t v = u16 == 1 ? (uint32_t)(p[2 * i + 2] | p[2 * i + 3] << 8)
                                      : (uint32_t)(p[2 * i + 2] << 8 | p[2 * i + 3]);
                if (v >= 0xDC00 && v <= 0xDFFF) {
                    u = 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00);
                    i++;
                }
            }
            if (have)
                emit(out, &n, prev, u);
            prev = u;
            have = true;
        }
        if (have)
            emit(out, &n, prev, 0);
    } else {
        size_t i = 0;
        if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
            i = 3;
        while (i < len) {
            uint32_t cp;
            size_t k = cor_utf8_length(s + i, s + len);
            if (k == 0) {
                cp = s[i] >= 0xA0 ? s[i] : s[i] >= 0x80 ? CP1252[s[i] - 0x80] : s[i];
                k = 1;
            } else {
                size_t j = i;
                cp = cor_utf8_next(raw, len, &j);
            }
            i += k;
            emit(out, &n, cp, i < len ? s[i] : 0);
        }
    }
    out[n] = '\0';
    return out;
}

/* ---- the notice --------------------------------------------------------------------------- */

void cor_urgent_free(struct cor_urgent *u)
{
    free(u->path);
    free(u->title);
    free(u->body);
    for (size_t i = 0; i < u->n_screens; i++)
        free(u->screens[i]);
    free(u->screens);
    free(u->problem);
    memset(u, 0, sizeof(*u));
}

static void init(struct cor_urgent *u)
{
    memset(u, 0, sizeof(*u));
    u->style = COR_URGENT_FULL;
    u->background = COR_URGENT_BACKGROUND;
    u->text = COR_URGENT_TEXT;
}

static bool is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n')
            return false;
    return true;
}

/* S[0..N) without the white space around it, malloc'd. */
static char *trimmed(const char *s, size_t n)
{
    while (n > 0 && (s[0] == ' ' || s[0] == '\t' || s[0] == '\n')) {
        s++;
        n--;
    }
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n'))
        n--;
    return strndup(s, n);
}

/* Plain text: the first line that is not blank is the title, the rest the body. */
static bool from_text(struct cor_urgent *u, const char *text)
{
    const char *p = text;
    while (*p == '\n' || *p == ' ' || *p == '\t')
        p++;
    const char *nl = strchr(p, '\n');
    size_t tl = nl ? (size_t)(nl - p) : strlen(p);
    u->title = trimmed(p, tl);
    u->body = nl ? trimmed(nl + 1, strlen(nl + 1)) : strdup("");
    u->present = u->title && u->title[0];
    return u->title && u->body;
}

static bool set_problem(struct cor_urgent *u, const char *file, int line, int col,
                        const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static bool set_problem(struct cor_urgent *u, const char *file, int line, int col,
                        const char *fmt, ...)
{
    if (u->problem)
        return true; /* the first mistake is the one to fix first */
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    char buf[1024];
    snprintf(buf, sizeof(buf), "%s:%d:%d: %s", file, line, col, msg);
    u->problem = strdup(buf);
    return u->problem != NULL;
}

static const struct cor_ynode *scalar(struct cor_urgent *u, const char *file,
                                      const struct cor_ynode *key, const struct cor_ynode *v)
{
    if (v->kind == COR_YNODE_SCALAR && !v->empty)
        return v;
    set_problem(u, file, v->line, v->col, "`%s` needs a value on the same line, e.g. %s: %s",
                key->text, key->text,
                strcmp(key->text, "until") == 0 ? "2026-12-05 18:00" : "...");
    return NULL;
}

static bool add_screen(struct cor_urgent *u, const char *name)
{
    if (u->n_screens >= COR_URGENT_MAX_SCREENS)
        return true;
    char **s = realloc(u->screens, (u->n_screens + 1) * sizeof(*s));
    if (!s)
        return false;
    u->screens = s;
    return (u->screens[u->n_screens++] = strdup(name)) != NULL;
}

static const char *const KEYS[] = {"title", "body", "style", "screens", "until",
                                   "background", "text", NULL};

/* The keys of urgent.yaml's mapping ROOT into U; every mistake is kept in U->problem (the first)
 * and the rest of the file is still used. */
static bool read_keys(struct cor_urgent *u, const char *file, const struct cor_ynode *root)
{
    bool ok = true;
    struct cor_color bg = u->background, fg = u->text;
    int color_line = 0, color_col = 0;
    char err[256];
    for (size_t i = 0; i + 1 < root->n_kids; i += 2) {
        const struct cor_ynode *k = root->kids[i], *v = root->kids[i + 1];
        const char *key = k->kind == COR_YNODE_SCALAR ? k->text : "";
        const struct cor_ynode *s = NULL;
        if (strcmp(key, "title") == 0 || strcmp(key, "body") == 0) {
            if ((s = scalar(u, file, k, v))) {
                char **dst = key[0] == 't' ? &u->title : &u->body;
                free(*dst);
                ok &= (*dst = trimmed(s->text, s->len)) != NULL;
            }
        } else if (strcmp(key, "style") == 0) {
            if ((s = scalar(u, file, k, v))) {
                if (strcmp(s->text, "full") == 0)
                    u->style = COR_URGENT_FULL;
                else if (strcmp(s->text, "banner") == 0)
                    u->style = COR_URGENT_BANNER;
                else
                    ok &= set_problem(u, file, s->line, s->col,
                                      "style \"%s\" is not known; write style: full (the whole "
                                      "screen) or style: banner (a band along the bottom)",
                                      s->text);
            }
        } else if (strcmp(key, "screens") == 0) {
            if (v->kind == COR_YNODE_SCALAR && !v->empty) {
                ok &= add_screen(u, v->text);
            } else if (v->kind == COR_YNODE_SEQUENCE) {
                for (size_t j = 0; j < v->n_kids; j++) {
                    if (v->kids[j]->kind == COR_YNODE_SCALAR && !v->kids[j]->empty)
                        ok &= add_screen(u, v->kids[j]->text);
                    else
                        ok &= set_problem(u, file, v->kids[j]->line, v->kids[j]->col,
                                          "each screen is a name, e.g. - ward-7-lift");
                }
            } else {
                ok &= set_problem(u, file, v->line, v->col,
                                  "`screens` lists screen names, e.g. screens: [ward-7-lift]");
            }
        } else if (strcmp(key, "until") == 0) {
            bool has_time;
            if ((s = scalar(u, file, k, v))) {
                if (cor_parse_datetime(s->text, &u->until, &has_time, err, sizeof(err))) {
                    u->has_until = true;
                    if (!has_time)
                        u->until += COR_MINUTES_PER_DAY; /* a date alone: the end of that day */
                } else {
                    ok &= set_problem(u, file, s->line, s->col, "until: %s", err);
                }
            }
        } else if (strcmp(key, "background") == 0 || strcmp(key, "text") == 0) {
            if ((s = scalar(u, file, k, v))) {
                struct cor_color c;
                if (cor_parse_color(s->text, &c, err, sizeof(err))) {
                    *(key[0] == 'b' ? &bg : &fg) = c;
                    color_line = s->line;
                    color_col = s->col;
                } else {
                    ok &= set_problem(u, file, s->line, s->col, "%s: %s", key, err);
                }
            }
        } else {
            const char *near = cor_nearest_word(key, KEYS);
            ok &= near ? set_problem(u, file, k->line, k->col,
                                     "`%s` is not an urgent notice setting; did you mean `%s`?",
                                     key, near)
                       : set_problem(u, file, k->line, k->col,
                                     "`%s` is not an urgent notice setting; urgent.yaml takes "
                                     "title, body, style, screens, until, background and text",
                                     key);
        }
    }
    double ratio = cor_contrast_ratio(bg, fg);
    if (ratio < COR_URGENT_MIN_CONTRAST) {
        ok &= set_problem(u, file, color_line, color_col,
                          "text #%02X%02X%02X on #%02X%02X%02X has a contrast of %.1f to 1, "
                          "under the %.0f to 1 an urgent notice needs; the notice keeps white on "
                          "dark red until you pick a darker or lighter pair",
                          fg.r, fg.g, fg.b, bg.r, bg.g, bg.b, ratio, COR_URGENT_MIN_CONTRAST);
    } else {
        u->background = bg;
        u->text = fg;
    }
    return ok;
}

bool cor_urgent_parse_yaml(const char *file, const char *text, size_t len, struct cor_urgent *out)
{
    struct cor_arena *arena = cor_arena_create();
    if (!arena)
        return false;
    struct cor_diags diags;
    cor_diags_init(&diags);
    bool ok = true;
    const struct cor_ynode *root = NULL;
    if (cor_yaml_precheck(file, text, len, &diags))
        root = cor_yaml_parse(arena, file, text, len, &diags);
    if (!root || root->kind != COR_YNODE_MAPPING) {
        if (diags.n > 0) {
            char buf[1024];
            cor_diag_format(&diags.items[0], buf, sizeof(buf));
            ok = (out->problem = strdup(buf)) != NULL;
        } else {
            ok = set_problem(out, file, 1, 1,
                             "urgent.yaml holds settings, one a line, e.g. title: Lift out of "
                             "order; the whole file is shown as written until it is fixed");
        }
    } else {
        ok = read_keys(out, file, root);
        if (ok && (!out->title || !out->title[0]))
            ok = set_problem(out, file, root->line, root->col,
                             "urgent.yaml has no `title`; write e.g. title: Ward 7 closed");
    }
    /* The notice shows whatever text it can read: the raw file when the settings gave none. */
    if (ok && (!out->title || !out->title[0])) {
        free(out->title);
        free(out->body);
        out->title = out->body = NULL;
        char *whole = strndup(text, len); /* TEXT need not end in a NUL */
        ok = whole && from_text(out, whole);
        free(whole);
    }
    if (ok && !out->body)
        ok = (out->body = strdup("")) != NULL;
    out->present = ok && out->title && out->title[0];
    cor_diags_free(&diags);
    cor_arena_free(arena);
    return ok;
}

/* Reads up to COR_URGENT_MAX_BYTES of PATH without blocking on a FIFO; NULL when it is not a
 * regular file that can be read (it is then as good as absent). */
static char *read_bounded(const char *path, size_t *len, bool *cut)
{
    struct stat st;
    char err[256];
    int fd = cor_file_open(path, NULL, &st, err, sizeof(err));
    if (fd < 0)
        return NULL;
    char *buf = malloc(COR_URGENT_MAX_BYTES + 1);
    if (!buf)
        goto out;
    size_t n = 0;
    while (n < COR_URGENT_MAX_BYTES) {
        ssize_t r = read(fd, buf + n, COR_URGENT_MAX_BYTES - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        n += (size_t)r;
    }
    char extra;
    *cut = n == COR_URGENT_MAX_BYTES && read(fd, &extra, 1) == 1;
    buf[n] = '\0';
    *len = n;
out:
    close(fd);
    return buf;
}

static char *join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + 1 + strlen(name) + 1;
    char *s = malloc(n);
    if (s)
        snprintf(s, n, "%s/%s", dir, name);
    return s;
}

/* Reads one notice file; OUT->present false when it is missing or has no text. */
static bool read_one(const char *dir, const char *name, struct cor_urgent *out)
{
    init(out);
    out->path = join(dir, name);
    if (!out->path)
        return false;
    size_t len = 0;
    bool cut = false;
    char *raw = read_bounded(out->path, &len, &cut);
    if (!raw)
        return true;
    char *text = cor_urgent_decode(raw, len);
    free(raw);
    if (!text)
        return false;
    bool ok = true;
    if (!is_blank(text, strlen(text))) {
        if (strcmp(name, COR_URGENT_YAML) == 0)
            ok = cor_urgent_parse_yaml(out->path, text, strlen(text), out);
        else
            ok = from_text(out, text);
        if (ok && cut)
            ok = set_problem(out, out->path, 0, 0,
                             "only the first %d KB of the notice are read", COR_URGENT_MAX_BYTES / 1024);
    }
    free(text);
    return ok;
}

bool cor_urgent_read(const char *dir, struct cor_urgent *out)
{
    if (!read_one(dir, COR_URGENT_YAML, out))
        return false;
    if (out->present)
        return true;
    cor_urgent_free(out);
    return read_one(dir, COR_URGENT_TXT, out);
}

bool cor_urgent_read_beside(const char *playlist, struct cor_urgent *out)
{
    char *dir = cor_path_folder(playlist);
    if (!dir) {
        init(out);
        return false;
    }
    bool ok = cor_urgent_read(dir, out);
    free(dir);
    return ok;
}

void cor_urgent_describe(const struct cor_urgent *u, enum cor_urgent_state state, char *buf,
                         size_t size)
{
    const char *what = "";
    switch (state) {
    case COR_URGENT_NONE:
        snprintf(buf, size, "no urgent notice");
        return;
    case COR_URGENT_UP:
        what = u->style == COR_URGENT_BANNER ? "up as a banner along the bottom of every slide"
                                             : "up: the screen shows it instead of its slides";
        break;
    case COR_URGENT_ELSEWHERE:
        what = "only on the screens its `screens:` names, not this one";
        break;
    case COR_URGENT_ENDED:
        what = "over: its `until` has passed; delete the file";
        break;
    }
    snprintf(buf, size, "%s: an urgent notice '%s' is %s", u->path, u->title, what);
}

static bool same_str(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

bool cor_urgent_same(const struct cor_urgent *a, const struct cor_urgent *b)
{
    if (a->present != b->present)
        return false;
    if (!a->present)
        return true;
    if (!same_str(a->path, b->path) || !same_str(a->title, b->title) ||
        !same_str(a->body, b->body) || !same_str(a->problem, b->problem) ||
        a->style != b->style || a->has_until != b->has_until ||
        (a->has_until && a->until != b->until) || a->n_screens != b->n_screens ||
        memcmp(&a->background, &b->background, sizeof(a->background)) != 0 ||
        memcmp(&a->text, &b->text, sizeof(a->text)) != 0)
        return false;
    for (size_t i = 0; i < a->n_screens; i++)
        if (strcmp(a->screens[i], b->screens[i]) != 0)
            return false;
    return true;
}

enum cor_urgent_state cor_urgent_state(const struct cor_urgent *u, const char *screen,
                                       cor_minute now)
{
    if (!u || !u->present)
        return COR_URGENT_NONE;
    if (u->has_until && now >= u->until)
        return COR_URGENT_ENDED;
    if (u->n_screens == 0)
        return COR_URGENT_UP;
    for (size_t i = 0; i < u->n_screens; i++)
        if (screen && strcmp(u->screens[i], screen) == 0)
            return COR_URGENT_UP;
    return COR_URGENT_ELSEWHERE;
}
