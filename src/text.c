/* text.c: measuring with one font per face, drawing with a few fonts kept by size, fallbacks. */
#include "text.h"

#include <SDL.h>
#include <SDL_ttf.h>
#include <fribidi.h>

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "font.h"
#include "log.h"
#include "utf8.h"

/* Fonts kept open for drawing: a font per face and pixel size drawn with lately. A page draws with
 * a handful; each holds FreeType's and HarfBuzz's copies of the font's tables and its glyphs
 * (about 250 KB with DejaVu Sans once it has drawn a line). */
#define DRAW_FONTS 8
/* Font files kept at once: the theme's two and the fallbacks found. */
#define MAX_FACES 32

enum {
    FACE_NONE = -1,  /* no installed font has the character */
    FACE_EMPTY = -2, /* an unused slot of the character map */
};

struct face {
    char *path;
    struct cor_font_file *file;
    bool owns_file;
    bool embolden; /* drawn with SDL_ttf's emboldening */
    bool fixed;    /* pictures of one size (a colour emoji font): scaled to the line */
    /* The font that measures this face at every size the auto-fit tries, its size changed as
     * needed (which gives the widths a font opened at that size gives); NULL until needed. */
    TTF_Font *probe;
    int probe_px;
};

struct open_font {
    int face, px;
    TTF_Font *font;
    unsigned long used;
};

/* Which face draws a character, in regular or bold. */
struct cp_entry {
    uint32_t key; /* codepoint << 1 | bold */
    int face;
};

/* Text measured lately, by a hash of the text, size and weight: a layout measured again (a page
 * redrawn for its clock) needs no font at all. Sets of MEASURED_WAYS entries, the most recently
 * used first, so that the few hundred strings of a page seldom push each other out. */
#define MEASURED_SETS 1024
#define MEASURED_WAYS 4

struct measured {
    uint64_t hash; /* 0: empty */
    int w, line_h, ascent;
};

struct cor_text {
    struct face faces[MAX_FACES]; /* 0: regular, 1: bold, then fallbacks */
    int n_faces;
    struct open_font fonts[DRAW_FONTS];
    unsigned long clock;
    unsigned long trimmed; /* the clock at the last cor_text_trim */
    struct cp_entry *map;
    size_t map_cap, map_n;
    struct cor_cstr run; /* a NUL-terminated copy of a run for SDL_ttf */
    uint32_t missing;    /* the first character no installed font has, since it was last taken */
    struct measured *measured; /* MEASURED_SETS * MEASURED_WAYS entries, or NULL */
};

/* Opens the font file PATH into F: installed fonts read on demand, others read whole. */
static bool load_face(struct face *f, const char *path, bool installed, char *err, size_t err_size)
{
    memset(f, 0, sizeof(*f));
    char why[256] = "";
    f->file = cor_font_file_open(path, installed, why, sizeof(why));
    if (!f->file) {
        snprintf(err, err_size, "the font '%s' %s", path, why);
        return false;
    }
    f->path = strdup(path);
    if (!f->path) {
        cor_font_file_close(f->file);
        f->file = NULL;
        snprintf(err, err_size, "out of memory");
        return false;
    }
    f->owns_file = true;
    return true;
}

static void free_face(struct face *f)
{
    if (f->probe)
        TTF_CloseFont(f->probe);
    free(f->path);
    if (f->owns_file)
        cor_font_file_close(f->file);
    memset(f, 0, sizeof(*f));
}

static TTF_Font *open_font(struct cor_text *t, int face, int px)
{
    struct face *f = &t->faces[face];
    SDL_RWops *rw = cor_font_file_reader(f->file);
    if (!rw)
        return NULL;
    TTF_Font *font = TTF_OpenFontRW(rw, 1, px);
    if (!font)
        return NULL;
    if (f->embolden)
        TTF_SetFontStyle(font, TTF_STYLE_BOLD);
    TTF_SetFontHinting(font, TTF_HINTING_LIGHT);
    return font;
}

/* The open drawing font of FACE at PX, or NULL. */
static struct open_font *find_font(struct cor_text *t, int face, int px)
{
    for (int i = 0; i < DRAW_FONTS; i++)
        if (t->fonts[i].font && t->fonts[i].face == face && t->fonts[i].px == px)
            return &t->fonts[i];
    return NULL;
}

/* FACE at PX for drawing, from the cache, opened (and the least recently used one closed) when
 * missing. The pointer is good until the next call. */
static TTF_Font *get_font(struct cor_text *t, int face, int px)
{
    if (px < 1)
        px = 1;
    struct open_font *o = find_font(t, face, px);
    if (o) {
        o->used = ++t->clock;
        return o->font;
    }
    struct open_font *slot = &t->fonts[0];
    for (int i = 1; i < DRAW_FONTS && slot->font; i++)
        if (!t->fonts[i].font || t->fonts[i].used < slot->used)
            slot = &t->fonts[i];
    /* The face's measuring font, when there is one, becomes this drawing font: no font to open,
     * and the glyphs it measured at this size are loaded already. Measuring opens another. */
    struct face *f = &t->faces[face];
    TTF_Font *font = NULL;
    if (f->probe && (f->probe_px == px || TTF_SetFontSize(f->probe, px) == 0)) {
        font = f->probe;
        f->probe = NULL;
    } else {
        f->probe_px = 0; /* its size unknown after a failed change: set again before use */
        font = open_font(t, face, px);
    }
    if (!font)
        return NULL;
    if (slot->font)
        TTF_CloseFont(slot->font);
    *slot = (struct open_font){face, px, font, ++t->clock};
    return font;
}

/* FACE at PX for measuring: the drawing font when one is open at that size, else the face's
 * probe, opened or set to PX. The pointer is good until the next call. */
static TTF_Font *measure_font(struct cor_text *t, int face, int px)
{
    if (px < 1)
        px = 1;
    struct open_font *o = find_font(t, face, px);
    if (o)
        return o->font;
    struct face *f = &t->faces[face];
    if (f->probe && f->probe_px != px && TTF_SetFontSize(f->probe, px) != 0) {
        TTF_CloseFont(f->probe);
        f->probe = NULL;
    }
    if (!f->probe)
        f->probe = open_font(t, face, px);
    f->probe_px = px;
    return f->probe;
}

int cor_text_open_fonts(const struct cor_text *t)
{
    int n = 0;
    for (int i = 0; i < DRAW_FONTS; i++)
        n += t->fonts[i].font != NULL;
    for (int i = 0; i < t->n_faces; i++)
        n += t->faces[i].probe != NULL;
    return n;
}

void cor_text_trim(struct cor_text *t)
{
    for (int i = 0; i < DRAW_FONTS; i++) {
        struct open_font *o = &t->fonts[i];
        if (o->font && o->used <= t->trimmed) {
            TTF_CloseFont(o->font);
            *o = (struct open_font){0};
        }
    }
    for (int i = 0; i < t->n_faces; i++) {
        if (t->faces[i].probe)
            TTF_CloseFont(t->faces[i].probe);
        t->faces[i].probe = NULL;
    }
    t->trimmed = t->clock;
    /* The fallback fonts this page needed are found; a later character no face has loads the
     * configuration again. */
    cor_font_shutdown();
}

struct cor_text *cor_text_create(const char *regular_path, const char *bold_path, char *err,
                                 size_t err_size)
{
    struct cor_text *t = calloc(1, sizeof(*t));
    if (!t) {
        snprintf(err, err_size, "out of memory");
        return NULL;
    }
    if (!load_face(&t->faces[0], regular_path, cor_font_installed(regular_path), err, err_size))
        goto fail;
    t->n_faces = 1;
    if (bold_path && strcmp(bold_path, regular_path) != 0) {
        if (!load_face(&t->faces[1], bold_path, cor_font_installed(bold_path), err, err_size))
            goto fail;
    } else {
        t->faces[1] = (struct face){.path = strdup(regular_path),
                                    .file = t->faces[0].file,
                                    .owns_file = false,
                                    .embolden = true};
        if (!t->faces[1].path) {
            snprintf(err, err_size, "out of memory");
            goto fail;
        }
    }
    t->n_faces = 2;
    for (int face = 0; face < 2; face++) {
        if (!measure_font(t, face, 24)) {
            snprintf(err, err_size, "the font '%s' cannot be used: %s", t->faces[face].path,
                     TTF_GetError());
            goto fail;
        }
    }
    return t;
fail:
    cor_text_free(t);
    return NULL;
}

void cor_text_free(struct cor_text *t)
{
    if (!t)
        return;
    for (int i = 0; i < DRAW_FONTS; i++)
        if (t->fonts[i].font)
            TTF_CloseFont(t->fonts[i].font);
    /* Every font first (the bold face's may read the regular face's file), then the files. */
    for (int i = 0; i < MAX_FACES; i++) {
        if (t->faces[i].probe)
            TTF_CloseFont(t->faces[i].probe);
        t->faces[i].probe = NULL;
    }
    for (int i = 0; i < MAX_FACES; i++)
        free_face(&t->faces[i]);
    free(t->map);
    cor_cstr_free(&t->run);
    free(t->measured);
    free(t);
}

/* ---- which font draws a character ---- */

/* The invisible marks that steer the order of right-to-left text (LRM, RLM, ALM, embeddings,
 * overrides, isolates): FriBidi reads them, no font needs to have them. */
static bool bidi_mark(uint32_t cp)
{
    return cp == 0x200E || cp == 0x200F || cp == 0x061C || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069);
}

/* Characters that belong with the one before them: combining marks, joiners, variation
 * selectors, skin tones, tags, and the bidirectional marks. */
static bool attaches(uint32_t cp)
{
    return bidi_mark(cp) || (cp >= 0x300 && cp <= 0x36F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
           (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
           (cp >= 0xFE20 && cp <= 0xFE2F) || cp == 0x200C || cp == 0x200D ||
           (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF) ||
           (cp >= 0x1F3FB && cp <= 0x1F3FF) || (cp >= 0xE0020 && cp <= 0xE007F) || cp < 0x20;
}

static size_t map_slot(const struct cor_text *t, uint32_t key)
{
    size_t i = (key * 2654435761u) & (t->map_cap - 1);
    while (t->map[i].face != FACE_EMPTY && t->map[i].key != key)
        i = (i + 1) & (t->map_cap - 1);
    return i;
}

static void map_put(struct cor_text *t, uint32_t key, int face)
{
    if ((t->map_n + 1) * 2 > t->map_cap) {
        size_t cap = t->map_cap ? t->map_cap * 2 : 256;
        struct cp_entry *old = t->map;
        size_t old_cap = t->map_cap;
        struct cp_entry *map = malloc(cap * sizeof(*map));
        if (!map)
            return; /* not remembered: looked up again next time */
        for (size_t i = 0; i < cap; i++)
            map[i].face = FACE_EMPTY;
        t->map = map;
        t->map_cap = cap;
        for (size_t i = 0; i < old_cap; i++)
            if (old[i].face != FACE_EMPTY)
                t->map[map_slot(t, old[i].key)] = old[i];
        free(old);
    }
    size_t i = map_slot(t, key);
    if (t->map[i].face == FACE_EMPTY)
        t->map_n++;
    t->map[i] = (struct cp_entry){key, face};
}

static int add_fallback_face(struct cor_text *t, const char *path)
{
    for (int i = 2; i < t->n_faces; i++)
        if (strcmp(t->faces[i].path, path) == 0)
            return i;
    if (t->n_faces >= MAX_FACES)
        return FACE_NONE;
    char err[512];
    /* Fallbacks come from fontconfig: installed fonts. */
    if (!load_face(&t->faces[t->n_faces], path, true, err, sizeof(err))) {
        LOG_WARN("text", "%s", err);
        return FACE_NONE;
    }
    /* A font whose height does not follow the size asked for has pictures of one size. */
    int face = t->n_faces++;
    TTF_Font *small = open_font(t, face, 20), *large = open_font(t, face, 80);
    t->faces[face].fixed = small && large && TTF_FontHeight(small) == TTF_FontHeight(large);
    if (small)
        TTF_CloseFont(small);
    if (large)
        TTF_CloseFont(large);
    return face;
}

static bool face_has(struct cor_text *t, int face, int px, uint32_t cp)
{
    TTF_Font *f = measure_font(t, face, px);
    return f && TTF_GlyphIsProvided32(f, cp);
}

static int face_for(struct cor_text *t, uint32_t cp, bool bold, int px)
{
    int main = bold ? 1 : 0;
    if (cp < 0x7F && cp >= 0x20)
        return main; /* the theme's font has ASCII, or nothing would read anyway */
    uint32_t key = cp << 1 | (bold ? 1u : 0u);
    if (t->map_cap) {
        size_t i = map_slot(t, key);
        if (t->map[i].face == FACE_NONE && !t->missing)
            t->missing = cp;
        if (t->map[i].face != FACE_EMPTY)
            return t->map[i].face;
    }
    int face = FACE_NONE;
    if (face_has(t, main, px, cp)) {
        face = main;
    } else {
        for (int i = 2; i < t->n_faces && face == FACE_NONE; i++)
            if (face_has(t, i, px, cp))
                face = i;
        if (face == FACE_NONE) {
            char *path = cor_font_find_for_codepoint(cp, bold);
            if (path) {
                int f = add_fallback_face(t, path);
                if (f >= 0 && face_has(t, f, px, cp))
                    face = f;
                free(path);
            }
        }
        if (face == FACE_NONE && !t->missing)
            t->missing = cp;
    }
    map_put(t, key, face);
    return face;
}

/* ---- runs and measuring ---- */

const char *cor_cstr_set(struct cor_cstr *b, const char *s, size_t len)
{
    if (len + 1 > b->cap) {
        size_t cap = len + 1 > 256 ? len + 1 : 256;
        char *buf = realloc(b->buf, cap);
        if (!buf)
            return NULL;
        b->buf = buf;
        b->cap = cap;
    }
    memcpy(b->buf, s, len);
    b->buf[len] = '\0';
    return b->buf;
}

void cor_cstr_free(struct cor_cstr *b)
{
    free(b->buf);
    b->buf = NULL;
    b->cap = 0;
}

/* Scripts HarfBuzz must be told about to shape them right. */
static const struct script {
    uint32_t lo, hi;
    char tag[5];
} scripts[] = {
    {0x0590, 0x05FF, "Hebr"}, {0x0600, 0x06FF, "Arab"}, {0x0700, 0x074F, "Syrc"},
    {0x0750, 0x077F, "Arab"}, {0x0780, 0x07BF, "Thaa"}, {0x08A0, 0x08FF, "Arab"},
    {0x0900, 0x097F, "Deva"}, {0x0980, 0x09FF, "Beng"}, {0x0A00, 0x0A7F, "Guru"},
    {0x0A80, 0x0AFF, "Gujr"}, {0x0B00, 0x0B7F, "Orya"}, {0x0B80, 0x0BFF, "Taml"},
    {0x0C00, 0x0C7F, "Telu"}, {0x0C80, 0x0CFF, "Knda"}, {0x0D00, 0x0D7F, "Mlym"},
    {0x0D80, 0x0DFF, "Sinh"}, {0x0E00, 0x0E7F, "Thai"}, {0x0E80, 0x0EFF, "Laoo"},
    {0x0F00, 0x0FFF, "Tibt"}, {0x1000, 0x109F, "Mymr"}, {0x1200, 0x139F, "Ethi"},
    {0x1780, 0x17FF, "Khmr"}, {0xFB1D, 0xFB4F, "Hebr"}, {0xFB50, 0xFDFF, "Arab"},
    {0xFE70, 0xFEFF, "Arab"},
};

/* Letters of every other script, shaped without help. */
static const struct script other = {0, 0, "Zzzz"};

/* Whether a character is a letter of no script above (Latin, Greek, Cyrillic, CJK, ...). */
static bool plain_letter(uint32_t cp)
{
    if ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z'))
        return true;
    return cp >= 0xC0 && cp != 0xD7 && cp != 0xF7 && !(cp >= 0x2000 && cp <= 0x2BFF) &&
           !(cp >= 0x3000 && cp <= 0x303F) && !(cp >= 0xFE00 && cp <= 0xFE0F) &&
           !(cp >= 0xFF00 && cp <= 0xFF20) && cp != 0xFFFD && !(cp >= 0x1F000 && cp <= 0x1FAFF);
}

/* The script of CP, or NULL for characters of any script: spaces, digits, punctuation. */
static const struct script *script_of(uint32_t cp)
{
    if (cp >= 0x590)
        for (size_t i = 0; i < sizeof(scripts) / sizeof(scripts[0]); i++)
            if (cp >= scripts[i].lo && cp <= scripts[i].hi)
                return &scripts[i];
    return plain_letter(cp) ? &other : NULL;
}

/* A stretch of one face, script and bidirectional level, before it is measured. */
struct seg {
    size_t start, end;
    int face, n_chars;
    const struct script *script;
    FriBidiLevel level; /* odd: right to left */
};

/* Measures SEG at X and hands it to FN; *W gets its width. DRAW: with a font kept for drawing. */
static bool emit(struct cor_text *t, const char *text, const struct seg *sg, int px,
                 int main_ascent, int x, int *w_out, bool draw,
                 bool (*fn)(void *, const struct cor_text_run *), void *ctx)
{
    struct cor_text_run run = {NULL, text + sg->start, sg->end - sg->start, x, 0, 0, 0, sg->n_chars,
                               false};
    *w_out = 0;
    if (sg->face == FACE_NONE) {
        int adv = (int)lround(px * 0.62);
        run.h = (int)lround(px * 0.72);
        run.y = main_ascent - run.h;
        run.w = adv * sg->n_chars;
    } else {
        TTF_Font *font = draw ? get_font(t, sg->face, px) : measure_font(t, sg->face, px);
        const char *s = cor_cstr_set(&t->run, text + sg->start, sg->end - sg->start);
        if (!font || !s)
            return true; /* skipped: nothing sensible to draw */
        TTF_SetFontDirection(font, sg->level & 1 ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR);
        TTF_SetFontScriptName(font, sg->script ? sg->script->tag : other.tag);
        int w = 0, h = 0;
        if (TTF_SizeUTF8(font, s, &w, &h) != 0)
            return true;
        run.font = font;
        run.w = w;
        run.h = h;
        run.y = main_ascent - TTF_FontAscent(font);
        if (t->faces[sg->face].fixed && h > 0) {
            /* Emoji pictures come at one size: drawn as tall as the line's letters. */
            double k = px * 1.15 / h;
            run.w = (int)lround(w * k);
            run.h = (int)lround(h * k);
            run.y = main_ascent - (int)lround(TTF_FontAscent(font) * k);
            run.scaled = true;
        }
    }
    *w_out = run.w;
    return fn ? fn(ctx, &run) : true;
}

static bool seg_push(struct seg **segs, size_t *n, size_t *cap, struct seg sg)
{
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 16;
        struct seg *p = realloc(*segs, c * sizeof(*p));
        if (!p)
            return false;
        *segs = p;
        *cap = c;
    }
    (*segs)[(*n)++] = sg;
    return true;
}

/* The Unicode bidirectional algorithm (by FriBidi) over the N characters CPS of one line: their
 * embedding levels into LEVELS, the paragraph's direction taken from its first strong letter
 * (an RLM first makes it right to left). False when out of memory. */
static bool bidi_levels(const FriBidiChar *cps, size_t n, FriBidiLevel *levels)
{
    if (n == 0)
        return true;
    FriBidiCharType *types = malloc(n * sizeof(*types));
    FriBidiBracketType *brackets = malloc(n * sizeof(*brackets));
    bool ok = types && brackets && n <= INT32_MAX;
    if (ok) {
        fribidi_get_bidi_types(cps, (FriBidiStrIndex)n, types);
        /* Phone numbers are written in groups: a single space between two digits joins them as
         * a comma does (so "020 7946 0000" keeps its order in Hebrew or Arabic text), and a '+'
         * before a digit is part of the number. */
        for (size_t i = 0; i < n; i++) {
            bool before = i + 1 < n && types[i + 1] == FRIBIDI_TYPE_EN;
            if (cps[i] == ' ' && i > 0 && i + 1 < n && types[i - 1] == types[i + 1] &&
                (types[i + 1] == FRIBIDI_TYPE_EN || types[i + 1] == FRIBIDI_TYPE_AN))
                types[i] = FRIBIDI_TYPE_CS;
            else if (cps[i] == '+' && before)
                types[i] = FRIBIDI_TYPE_EN;
        }
        fribidi_get_bracket_types(cps, (FriBidiStrIndex)n, types, brackets);
        FriBidiParType dir = FRIBIDI_PAR_ON;
        ok = fribidi_get_par_embedding_levels_ex(types, brackets, (FriBidiStrIndex)n, &dir,
                                                 levels) != 0;
    }
    free(types);
    free(brackets);
    return ok;
}

/* Puts the N runs SEGS into the order they are seen, left to right (rule L2 of the algorithm:
 * from the highest level down to the lowest odd one, every stretch at that level or higher is
 * reversed). */
static void visual_order(struct seg *segs, size_t n)
{
    int high = 0, low_odd = 127;
    for (size_t k = 0; k < n; k++) {
        if (segs[k].level > high)
            high = segs[k].level;
        if ((segs[k].level & 1) && segs[k].level < low_odd)
            low_odd = segs[k].level;
    }
    for (int lev = high; lev >= low_odd && lev > 0; lev--) {
        for (size_t a = 0; a < n;) {
            if (segs[a].level < lev) {
                a++;
                continue;
            }
            size_t b = a;
            while (b < n && segs[b].level >= lev)
                b++;
            for (size_t i = a, j = b - 1; i < j; i++, j--) {
                struct seg tmp = segs[i];
                segs[i] = segs[j];
                segs[j] = tmp;
            }
            a = b;
        }
    }
}

/* Splits the LEN bytes of TEXT into runs of one face, script and level, in reading order: NULL
 * when out of memory, else an array of *N runs the caller frees. */
static struct seg *split(struct cor_text *t, const char *text, size_t len, int px, bool bold,
                         size_t *n_out)
{
    FriBidiChar *cps = malloc((len ? len : 1) * sizeof(*cps));
    size_t *at = malloc((len + 1) * sizeof(*at));
    FriBidiLevel *levels = malloc((len ? len : 1) * sizeof(*levels));
    struct seg *segs = NULL;
    size_t n = 0, cap = 0, n_cps = 0;
    bool ok = cps && at && levels;
    for (size_t i = 0; ok && i < len;) {
        at[n_cps] = i;
        cps[n_cps++] = cor_utf8_next(text, len, &i);
    }
    if (ok) {
        at[n_cps] = len;
        ok = bidi_levels(cps, n_cps, levels);
    }
    struct seg cur = {0, 0, FACE_EMPTY, 0, NULL, 0};
    for (size_t c = 0; ok && c < n_cps; c++) {
        uint32_t cp = cps[c];
        bool joins = attaches(cp);
        int f = joins && cur.face != FACE_EMPTY ? cur.face
                : joins                         ? (bold ? 1 : 0)
                                                : face_for(t, cp, bold, px);
        const struct script *sc = joins ? NULL : script_of(cp);
        FriBidiLevel lev = joins && cur.face != FACE_EMPTY ? cur.level : levels[c];
        /* A new run at a change of font, of direction, or of script within one font. */
        if (cur.face != FACE_EMPTY &&
            (f != cur.face || lev != cur.level ||
             (sc && cur.script && sc != cur.script && strcmp(sc->tag, cur.script->tag)))) {
            cur.end = at[c];
            ok = seg_push(&segs, &n, &cap, cur);
            cur = (struct seg){at[c], 0, FACE_EMPTY, 0, NULL, 0};
        }
        cur.face = f;
        cur.level = lev;
        if (!cur.script)
            cur.script = sc;
        cur.n_chars++;
    }
    if (ok && cur.face != FACE_EMPTY) {
        cur.end = len;
        ok = seg_push(&segs, &n, &cap, cur);
    }
    free(cps);
    free(at);
    free(levels);
    if (!ok) {
        free(segs);
        return NULL;
    }
    visual_order(segs, n);
    *n_out = n;
    return segs;
}

/* cor_text_runs; DRAW: with fonts kept for drawing, else with the probes (for measuring). */
static bool runs(struct cor_text *t, const char *text, size_t len, int px, bool bold, bool draw,
                 bool (*fn)(void *ctx, const struct cor_text_run *run), void *ctx)
{
    if (px < 1)
        px = 1;
    int main_face = bold ? 1 : 0;
    TTF_Font *main = draw ? get_font(t, main_face, px) : measure_font(t, main_face, px);
    int ascent = main ? TTF_FontAscent(main) : px * 4 / 5;
    size_t n = 0;
    struct seg *segs = split(t, text, len, px, bold, &n);
    if (!segs)
        return false;
    bool ok = true;
    int x = 0, w = 0;
    for (size_t k = 0; k < n && ok; k++) {
        ok = emit(t, text, &segs[k], px, ascent, x, &w, draw, fn, ctx);
        x += w;
    }
    free(segs);
    return ok;
}

uint32_t cor_text_take_missing(struct cor_text *t)
{
    uint32_t cp = t->missing;
    t->missing = 0;
    return cp;
}

bool cor_text_runs(struct cor_text *t, const char *text, size_t len, int px, bool bold,
                   bool (*fn)(void *ctx, const struct cor_text_run *run), void *ctx)
{
    return runs(t, text, len, px, bold, true, fn, ctx);
}

static bool add_width(void *ctx, const struct cor_text_run *run)
{
    *(int *)ctx += run->w;
    return true;
}

void cor_text_measure(struct cor_text *t, const char *text, size_t len, int px, bool bold,
                      struct cor_text_metrics *out)
{
    /* FNV-1a over the text, then the size and weight. */
    uint64_t h = 0xcbf29ce484222325u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)text[i]) * 0x100000001b3u;
    h = (h ^ (uint64_t)(unsigned)px) * 0x100000001b3u;
    h = (h ^ (bold ? 1u : 2u)) * 0x100000001b3u;
    h |= 1; /* never 0, which marks an empty entry */
    if (!t->measured)
        t->measured = calloc(MEASURED_SETS * MEASURED_WAYS, sizeof(*t->measured));
    struct measured *set =
        t->measured ? &t->measured[(h >> 1) % MEASURED_SETS * MEASURED_WAYS] : NULL;
    int way = 0;
    while (set && way < MEASURED_WAYS - 1 && set[way].hash != h)
        way++;
    struct measured m;
    if (set && set[way].hash == h) {
        m = set[way];
    } else {
        TTF_Font *main = measure_font(t, bold ? 1 : 0, px);
        m = (struct measured){h, 0, main ? TTF_FontLineSkip(main) : px * 6 / 5,
                              main ? TTF_FontAscent(main) : px * 4 / 5};
        runs(t, text, len, px, bold, false, add_width, &m.w);
    }
    if (set) {
        /* To the front of its set, the least recently used one falling out. */
        memmove(&set[1], &set[0], (size_t)way * sizeof(*set));
        set[0] = m;
    }
    out->w = m.w;
    out->line_h = m.line_h;
    out->ascent = m.ascent;
}

static void measure_cb(void *ctx, const char *text, size_t len, int px, bool bold,
                       struct cor_text_metrics *out)
{
    cor_text_measure(ctx, text, len, px, bold, out);
}

struct cor_measure cor_text_measurer(struct cor_text *t)
{
    return (struct cor_measure){measure_cb, t};
}
