/* layout_text.c: fits text into a room: word wrap, bullets, auto-fit between sizes, ellipsis. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fribidi.h>

#include "arena.h"
#include "layout_priv.h"
#include "utf8.h"

static const char ELLIPSIS[] = "\xE2\x80\xA6"; /* U+2026 */
static const char BULLET[] = "\xE2\x80\xA2";   /* U+2022 */
static const char RLM[] = "\xE2\x80\x8F";      /* U+200F, the right-to-left mark */
static const char LRM[] = "\xE2\x80\x8E";      /* U+200E, the left-to-right mark */
#define MARK_LEN (sizeof(RLM) - 1)

/* One line of a wrapped text: bytes of the source, where it goes, how wide it is. */
struct seg {
    size_t start, len;
    int indent, y, w;
    bool bullet;   /* a bullet goes before it */
    bool para;     /* it starts a paragraph after the first: a gap goes above it */
    bool ellipsis; /* "…" goes after it */
    bool rtl;      /* its paragraph reads right to left */
};

struct wrapped {
    struct seg *segs;
    size_t n, cap;
    bool broke; /* a word had to be cut */
    bool cut;   /* the text was cut short */
    int h, line_h, ascent, bullet_w;
};

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

static bool is_cont(char c)
{
    return ((unsigned char)c & 0xC0) == 0x80;
}

static size_t cp_next(const char *s, size_t i, size_t end)
{
    i++;
    while (i < end && is_cont(s[i]))
        i++;
    return i;
}

static size_t cp_prev(const char *s, size_t i, size_t start)
{
    if (i <= start)
        return start;
    i--;
    while (i > start && is_cont(s[i]))
        i--;
    return i;
}

static bool seg_push(struct lay *l, struct wrapped *wr, struct seg s)
{
    if (wr->n == wr->cap) {
        size_t cap = wr->cap ? wr->cap * 2 : 16;
        struct seg *segs = realloc(wr->segs, cap * sizeof(*segs));
        if (!segs) {
            l->oom = true;
            return false;
        }
        wr->segs = segs;
        wr->cap = cap;
    }
    wr->segs[wr->n++] = s;
    return true;
}

static int width_n(struct lay *l, const char *s, size_t len, int px, bool bold)
{
    struct cor_text_metrics m;
    lay_measure(l, s, len, px, bold, &m);
    return m.w;
}

/* The bidirectional type of the first letter of a strong direction in [P, END) of TEXT (left to
 * right, Hebrew-like or Arabic-like), or 0 when there is none. A paragraph whose first is one of
 * the right-to-left ones reads right to left (rule P2 of the Unicode bidirectional algorithm). */
static FriBidiCharType first_strong(const char *text, size_t p, size_t end)
{
    while (p < end) {
        FriBidiCharType type = fribidi_get_bidi_type(cor_utf8_next(text, end, &p));
        if (type == FRIBIDI_TYPE_LTR || type == FRIBIDI_TYPE_RTL || type == FRIBIDI_TYPE_AL)
            return type;
    }
    return 0;
}

static bool reads_rtl(const char *text, size_t p, size_t end)
{
    FriBidiCharType type = first_strong(text, p, end);
    return type == FRIBIDI_TYPE_RTL || type == FRIBIDI_TYPE_AL;
}

bool lay_reads_rtl(const char *text)
{
    size_t len = strlen(text);
    for (size_t p = 0; p < len;) {
        size_t e = p;
        while (e < len && text[e] != '\n')
            e++;
        FriBidiCharType first = first_strong(text, p, e);
        if (first)
            return first != FRIBIDI_TYPE_LTR;
        p = e + 1;
    }
    return false;
}

/* Wraps the paragraph [P, END) of TEXT into lines no wider than AVAIL. */
static void wrap_para(struct lay *l, struct wrapped *wr, const char *text, size_t p, size_t end,
                      int avail, int px, bool bold, int indent, bool bullet)
{
    bool first = true;
    for (;;) {
        while (p < end && is_space(text[p]))
            p++;
        if (p >= end)
            return;
        size_t line_end = p, q = p;
        int line_w = 0;
        while (q < end) {
            size_t ws = q;
            while (ws < end && is_space(text[ws]))
                ws++;
            if (ws >= end)
                break;
            size_t we = ws;
            while (we < end && !is_space(text[we]))
                we++;
            int w = width_n(l, text + p, we - p, px, bold);
            if (w > avail)
                break;
            line_end = we;
            line_w = w;
            q = we;
        }
        if (line_end == p) {
            /* The first word alone is too wide: cut it where it stops fitting. */
            size_t we = p;
            while (we < end && !is_space(text[we]))
                we++;
            line_end = cp_next(text, p, we);
            line_w = width_n(l, text + p, line_end - p, px, bold);
            size_t soft = p; /* the last place after / . - ? & where the line may end */
            int soft_w = 0;
            while (line_end < we) {
                size_t next = cp_next(text, line_end, we);
                int w = width_n(l, text + p, next - p, px, bold);
                if (w > avail)
                    break;
                line_end = next;
                line_w = w;
                if (strchr("/.-?&", text[line_end - 1]) && line_end < we) {
                    soft = line_end;
                    soft_w = w;
                }
            }
            /* A web address is broken only after a / . - ? or &, as people read it. */
            if (soft > p && line_end < we) {
                line_end = soft;
                line_w = soft_w;
            }
            wr->broke = true;
        }
        struct seg s = {p, line_end - p, indent, 0, line_w, bullet && first, false, false, false};
        if (!seg_push(l, wr, s))
            return;
        first = false;
        p = line_end;
    }
}

/* The length of the bullet mark that starts the line [S, S+N) with a space after it: "- ", and
 * as pasted from Word and web pages "• ", "– " (an en dash) and "* "; 0 when there is none. */
static size_t bullet_mark(const char *s, size_t n)
{
    static const char *const marks[] = {"-", "*", BULLET, "\xE2\x80\x93"};
    for (size_t i = 0; i < sizeof(marks) / sizeof(marks[0]); i++) {
        size_t k = strlen(marks[i]);
        if (n > k && memcmp(s, marks[i], k) == 0 && is_space(s[k]))
            return k + 1;
    }
    return 0;
}

/* Wraps the whole of T at PX into WR, paragraph by paragraph, and sets the lines' y. */
static void wrap_all(struct lay *l, const struct lay_text *t, int px, struct wrapped *wr)
{
    wr->n = 0;
    wr->broke = wr->cut = false;
    struct cor_text_metrics m;
    lay_measure(l, "Ag", 2, px, t->bold, &m);
    wr->line_h = m.line_h;
    wr->ascent = m.ascent;
    wr->bullet_w = 0;
    int indent = 0;
    if (t->bullets) {
        wr->bullet_w = lay_width(l, BULLET, px, t->bold);
        indent = wr->bullet_w + (int)lround(px * 0.6);
    }
    const char *text = t->text;
    size_t len = strlen(text), p = 0;
    bool first_para = true;
    while (p <= len && !l->oom) {
        size_t e = p;
        while (e < len && text[e] != '\n')
            e++;
        size_t s = p;
        while (s < e && is_space(text[s]))
            s++;
        size_t mark = t->bullets ? bullet_mark(text + s, e - s) : 0;
        bool bullet = mark > 0;
        s += mark;
        size_t before = wr->n;
        int avail = t->room.w - (bullet ? indent : 0);
        if (avail < 1)
            avail = 1;
        wrap_para(l, wr, text, s, e, avail, px, t->bold, bullet ? indent : 0, bullet);
        if (wr->n > before) {
            wr->segs[before].para = !first_para;
            wr->segs[before].bullet = bullet;
            first_para = false;
            bool rtl = reads_rtl(text, s, e);
            for (size_t k = before; k < wr->n; k++)
                wr->segs[k].rtl = rtl;
        }
        p = e + 1;
    }
    int gap = t->tight ? 0 : (int)lround(wr->line_h * 0.35);
    int y = 0;
    for (size_t i = 0; i < wr->n; i++) {
        if (i > 0)
            y += wr->line_h + (wr->segs[i].para ? gap : 0);
        wr->segs[i].y = y;
    }
    wr->h = wr->n ? y + wr->line_h : 0;
}

static bool wrapped_fits(const struct lay_text *t, const struct wrapped *wr)
{
    if (t->max_lines > 0 && wr->n > (size_t)t->max_lines)
        return false;
    return wr->h <= t->room.h;
}

/* Keeps the lines that fit and ends the last of them with an ellipsis. */
static void ellipsize(struct lay *l, const struct lay_text *t, int px, struct wrapped *wr)
{
    size_t keep = 0;
    while (keep < wr->n && wr->segs[keep].y + wr->line_h <= t->room.h &&
           (t->max_lines <= 0 || keep < (size_t)t->max_lines))
        keep++;
    if (keep == wr->n)
        return;
    wr->cut = true;
    wr->n = keep;
    if (keep == 0) {
        wr->h = 0;
        return;
    }
    struct seg *s = &wr->segs[keep - 1];
    wr->h = s->y + wr->line_h;
    const char *text = t->text;
    int avail = t->room.w - s->indent;
    size_t start = s->start, e = s->start + s->len;
    char *buf = malloc(s->len + sizeof(ELLIPSIS));
    if (!buf) {
        l->oom = true;
        return;
    }
    for (;;) {
        memcpy(buf, text + start, e - start);
        memcpy(buf + (e - start), ELLIPSIS, sizeof(ELLIPSIS));
        int w = width_n(l, buf, e - start + sizeof(ELLIPSIS) - 1, px, t->bold);
        if (w <= avail || e == start) {
            s->w = w;
            break;
        }
        size_t e2 = e;
        while (e2 > start && !is_space(text[e2 - 1]))
            e2--;
        while (e2 > start && is_space(text[e2 - 1]))
            e2--;
        e = e2 > start ? e2 : cp_prev(text, e, start);
    }
    free(buf);
    s->len = e - start;
    s->ellipsis = true;
}

static void note_unreadable(struct lay *l, const struct lay_text *t)
{
    struct cor_layout *out = l->out;
    if (out->unreadable)
        return;
    out->unreadable = true;
    const char *text = t->text;
    snprintf(out->unreadable_what, sizeof(out->unreadable_what), "%s", t->report);
    out->unreadable_at = t->at;
    size_t n = strlen(text), cap = sizeof(out->unreadable_text) - 1;
    if (n > cap) {
        n = cap;
        while (n > 0 && is_cont(text[n]))
            n--;
    }
    memcpy(out->unreadable_text, text, n);
    out->unreadable_text[n] = '\0';
    for (char *c = out->unreadable_text; *c; c++)
        if (*c == '\n' || *c == '\t' || *c == '\r')
            *c = ' ';
}

/* Adds the text box for WR. */
static void materialize(struct lay *l, const struct lay_text *t, int px, const struct wrapped *wr)
{
    struct cor_box *b =
        lay_push(l, COR_BOX_TEXT, (struct cor_rect){t->room.x, t->room.y, t->room.w, wr->h});
    if (!b)
        return;
    b->role = t->role;
    b->alpha = t->alpha;
    b->row = t->row;
    b->px = px;
    b->bold = t->bold;
    b->line_h = wr->line_h;
    b->ascent = wr->ascent;
    size_t n = wr->n;
    for (size_t i = 0; i < wr->n; i++)
        if (wr->segs[i].bullet)
            n++;
    if (n == 0)
        return;
    struct cor_line *lines = cor_arena_array(l->out->arena, n, sizeof(*lines));
    if (!lines) {
        l->oom = true;
        return;
    }
    size_t k = 0;
    for (size_t i = 0; i < wr->n; i++) {
        const struct seg *s = &wr->segs[i];
        int y = t->room.y + s->y;
        /* A right-to-left paragraph mirrors the room: it starts at the right, its bullets on the
         * right of the hanging indent. */
        int x = t->room.x + (s->rtl ? 0 : s->indent);
        if (t->align == LAY_CENTER)
            x = t->room.x + (t->room.w - s->indent - s->w) / 2 + (s->rtl ? 0 : s->indent);
        else if (t->align == LAY_RIGHT || s->rtl)
            x = t->room.x + t->room.w - s->w - (t->align == LAY_RIGHT ? 0 : s->indent);
        if (s->bullet)
            lines[k++] = (struct cor_line){
                BULLET, s->rtl ? x + s->w + s->indent - wr->bullet_w : x - s->indent, y,
                wr->bullet_w};
        /* Each line is ordered for reading on its own, in the direction its own first letter
         * says; where that is not its paragraph's (a Hebrew paragraph's line that begins with an
         * English word or a number), a mark at its start gives the paragraph's. */
        size_t mark = reads_rtl(t->text, s->start, s->start + s->len) != s->rtl ? MARK_LEN : 0;
        char *str = cor_arena_alloc(l->out->arena, mark + s->len + sizeof(ELLIPSIS));
        if (!str) {
            l->oom = true;
            return;
        }
        memcpy(str, s->rtl ? RLM : LRM, mark);
        memcpy(str + mark, t->text + s->start, s->len);
        for (size_t c = mark; c < mark + s->len; c++)
            if (str[c] == '\t' || str[c] == '\r')
                str[c] = ' ';
        if (s->ellipsis)
            memcpy(str + mark + s->len, ELLIPSIS, sizeof(ELLIPSIS));
        else
            str[mark + s->len] = '\0';
        lines[k++] = (struct cor_line){str, x, y, s->w};
    }
    b->lines = lines;
    b->n_lines = k;
}

/* Wraps T again at the narrowest width that keeps its number of lines, so that the lines are
 * about as long as each other and the last is not one word on its own. */
static void balance(struct lay *l, const struct lay_text *t, int px, struct wrapped *wr)
{
    size_t lines = wr->n;
    struct lay_text narrow = *t;
    int lo = t->room.w / 2, hi = t->room.w;
    while (lo < hi && !l->oom) {
        narrow.room.w = lo + (hi - lo) / 2;
        wrap_all(l, &narrow, px, wr);
        if (wr->n == lines && !wr->broke)
            hi = narrow.room.w;
        else
            lo = narrow.room.w + 1;
    }
    narrow.room.w = hi;
    wrap_all(l, &narrow, px, wr);
}

struct lay_fitted lay_text(struct lay *l, const struct lay_text *t)
{
    struct lay_fitted f = {0};
    int min_px = t->min_px > 1 ? t->min_px : 1;
    int max_px = t->max_px > min_px ? t->max_px : min_px;
    struct wrapped wr = {0};
    int best = -1;
    /* Largest size that holds it whole without cutting words, then allowing cut words. */
    for (int pass = 0; pass < 2 && best < 0 && !l->oom; pass++) {
        int lo = min_px, hi = max_px;
        while (lo <= hi && !l->oom) {
            int mid = lo + (hi - lo) / 2;
            wrap_all(l, t, mid, &wr);
            if (wrapped_fits(t, &wr) && (pass == 1 || !wr.broke)) {
                best = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
    }
    int px = best >= 0 ? best : min_px;
    wrap_all(l, t, px, &wr);
    if (best < 0)
        ellipsize(l, t, px, &wr);
    else if (t->balance && wr.n >= 2 && !wr.broke)
        balance(l, t, px, &wr);
    if (wr.cut)
        l->cuts++;
    if (wr.cut && t->report)
        note_unreadable(l, t);
    if (!t->dry && !l->oom)
        materialize(l, t, px, &wr);
    f.px = px;
    f.h = wr.h;
    f.n_lines = (int)wr.n;
    f.line_h = wr.line_h;
    f.ascent = wr.ascent;
    f.cut = wr.cut;
    for (size_t i = 0; i < wr.n; i++) {
        for (size_t c = 0; f.cut && c < wr.segs[i].len; c++)
            f.fits_chars += !is_cont(t->text[wr.segs[i].start + c]);
        int w = wr.segs[i].indent + wr.segs[i].w;
        if (w > f.widest)
            f.widest = w;
    }
    free(wr.segs);
    return f;
}
