/* layout.c: fits text into rooms and places the footer, fallback, image, quote and text slides. */
#include "layout.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "layout_priv.h"
#include "value.h"

static const char OPEN_QUOTE[] = "\xE2\x80\x9C"; /* U+201C */

double cor_layout_unit(int w, int h)
{
    int side = w < h ? w : h;
    return side > 0 ? side / 100.0 : 1.0;
}

int cor_layout_photo_side(int w, int h)
{
    return (int)lround(14 * cor_layout_unit(w, h));
}

struct cor_rect cor_layout_safe_area(int w, int h)
{
    int mx = (int)lround(w * 0.05), my = (int)lround(h * 0.05);
    return (struct cor_rect){mx, my, w - 2 * mx, h - 2 * my};
}

struct cor_rect cor_layout_fit_image(struct cor_rect area, int img_w, int img_h, enum cor_fit fit,
                                     struct cor_rect *src)
{
    struct cor_rect whole = {0, 0, img_w, img_h};
    if (src)
        *src = whole;
    if (img_w <= 0 || img_h <= 0 || area.w <= 0 || area.h <= 0)
        return (struct cor_rect){area.x, area.y, 0, 0};
    double sx = (double)area.w / img_w, sy = (double)area.h / img_h;
    if (fit == COR_FIT_COVER) {
        double s = sx > sy ? sx : sy;
        int sw = (int)lround(area.w / s), sh = (int)lround(area.h / s);
        /* A picture one pixel thin still shows that pixel, stretched. */
        sw = sw < 1 ? 1 : sw > img_w ? img_w : sw;
        sh = sh < 1 ? 1 : sh > img_h ? img_h : sh;
        if (src)
            *src = (struct cor_rect){(img_w - sw) / 2, (img_h - sh) / 2, sw, sh};
        return area;
    }
    double s = sx < sy ? sx : sy;
    int dw = (int)lround(img_w * s), dh = (int)lround(img_h * s);
    if (dw > area.w)
        dw = area.w;
    if (dh > area.h)
        dh = area.h;
    if (dw < 1)
        dw = 1;
    if (dh < 1)
        dh = 1;
    return (struct cor_rect){area.x + (area.w - dw) / 2, area.y + (area.h - dh) / 2, dw, dh};
}

int lay_u(const struct lay *l, double k)
{
    return (int)lround(k * l->u);
}

void lay_measure(struct lay *l, const char *s, size_t len, int px, bool bold,
                 struct cor_text_metrics *m)
{
    *m = (struct cor_text_metrics){0, 0, 0};
    l->in->measure.fn(l->in->measure.ctx, s, len, px, bold, m);
    if (m->line_h < 1)
        m->line_h = px > 0 ? px : 1;
    if (m->ascent < 0 || m->ascent > m->line_h)
        m->ascent = m->line_h * 4 / 5;
    if (m->w < 0)
        m->w = 0;
}

int lay_width(struct lay *l, const char *s, int px, bool bold)
{
    struct cor_text_metrics m;
    lay_measure(l, s, strlen(s), px, bold, &m);
    return m.w;
}

struct cor_box *lay_push(struct lay *l, enum cor_box_kind kind, struct cor_rect r)
{
    struct cor_layout *out = l->out;
    if (out->n_boxes == out->cap_boxes) {
        size_t cap = out->cap_boxes ? out->cap_boxes * 2 : 32;
        struct cor_box *boxes = realloc(out->boxes, cap * sizeof(*boxes));
        if (!boxes) {
            l->oom = true;
            return NULL;
        }
        out->boxes = boxes;
        out->cap_boxes = cap;
    }
    struct cor_box *b = &out->boxes[out->n_boxes++];
    memset(b, 0, sizeof(*b));
    b->kind = kind;
    b->rect = r;
    b->role = COR_ROLE_TEXT;
    b->alpha = 255;
    b->row = -1;
    return b;
}

void lay_fill(struct lay *l, struct cor_rect r, enum cor_role role, uint8_t alpha, int row)
{
    struct cor_box *b = lay_push(l, COR_BOX_FILL, r);
    if (b) {
        b->role = role;
        b->alpha = alpha;
        b->row = row;
    }
}

const char *lay_strdup(struct lay *l, const char *s)
{
    char *copy = cor_arena_strdup(l->out->arena, s);
    if (!copy) {
        l->oom = true;
        return "";
    }
    return copy;
}

void lay_shift(struct lay *l, size_t from, int dx, int dy)
{
    for (size_t i = from; i < l->out->n_boxes; i++) {
        struct cor_box *b = &l->out->boxes[i];
        b->rect.x += dx;
        b->rect.y += dy;
        for (size_t j = 0; j < b->n_lines; j++) {
            b->lines[j].x += dx;
            b->lines[j].y += dy;
        }
    }
}

void lay_day_label(int32_t day, cor_minute now, char *buf, size_t size)
{
    char full[64];
    cor_format_date(day, full, sizeof(full));
    int y1, m1, d1, y2, m2, d2;
    cor_civil_from_days(day, &y1, &m1, &d1);
    cor_civil_from_days((int32_t)(now / COR_MINUTES_PER_DAY), &y2, &m2, &d2);
    char *space = strrchr(full, ' ');
    if (y1 == y2 && space)
        *space = '\0';
    snprintf(buf, size, "%s", full);
}

/* A text box of one line at a fixed size, cut with an ellipsis when too wide. */
static struct lay_fitted one_line(struct lay *l, const char *text, int px, bool bold,
                                  struct cor_rect room, enum lay_align align, enum cor_role role,
                                  uint8_t alpha, bool dry)
{
    struct lay_text t = {.text = text,
                         .min_px = px,
                         .max_px = px,
                         .bold = bold,
                         .max_lines = 1,
                         .room = room,
                         .align = align,
                         .role = role,
                         .alpha = alpha,
                         .row = -1,
                         .dry = dry};
    t.room.h = 1 << 20;
    struct lay_fitted f = lay_text(l, &t);
    return f;
}

/* ---- the footer ---- */

void lay_clock_strings(cor_minute now, char *time, size_t tsize, char *date, size_t dsize,
                       bool year)
{
    int64_t day = now >= 0 ? now / COR_MINUTES_PER_DAY
                           : -((-now + COR_MINUTES_PER_DAY - 1) / COR_MINUTES_PER_DAY);
    int mod = (int)(now - day * COR_MINUTES_PER_DAY);
    cor_format_time(mod, time, tsize);
    if (year)
        cor_format_date((int32_t)day, date, dsize);
    else
        lay_day_label((int32_t)day, now, date, dsize);
}

/* The widest the clock beside the footer can be on any day, at any time: the widest weekday,
 * day of the month and month name, and the time in the widest digit. */
static int widest_clock(struct lay *l, int px_time, int px_date)
{
    int32_t monday = cor_days_from_civil(2024, 1, 1); /* a Monday in a leap year */
    char label[80], widest[3][24] = {"", "", ""}; /* three words of at most 23 bytes */
    int ww[3] = {0, 0, 0};
    for (int i = 0; i < 7 + 12 + 31; i++) {
        /* Seven days for the weekdays, the 15th of each month, and every day of January. */
        int32_t day = i < 7    ? monday + i
                      : i < 19 ? cor_days_from_civil(2024, i - 7 + 1, 15)
                               : monday + (i - 19);
        cor_format_date(day, label, sizeof(label));
        char part[3][24] = {"", "", ""};
        if (sscanf(label, "%23s %23s %23s", part[0], part[1], part[2]) != 3)
            continue;
        for (int k = 0; k < 3; k++) {
            int w = lay_width(l, part[k], px_date, false);
            if (w > ww[k]) {
                ww[k] = w;
                memcpy(widest[k], part[k], sizeof(widest[k]));
            }
        }
    }
    snprintf(label, sizeof(label), "%s %s %s", widest[0], widest[1], widest[2]);
    int date_w = lay_width(l, label, px_date, false);
    char digit[2] = "0", time[8];
    int dw = -1;
    for (char d = '0'; d <= '9'; d++) {
        char one[2] = {d, '\0'};
        int w = lay_width(l, one, px_time, true);
        if (w > dw) {
            dw = w;
            digit[0] = d;
        }
    }
    snprintf(time, sizeof(time), "%c%c:%c%c", digit[0], digit[0], digit[0], digit[0]);
    return lay_width(l, time, px_time, true) + lay_u(l, 2) + date_w;
}

/* Where the footer's text goes: beside the logo and the clock when it fits there on one line at
 * its smallest size, judged against the widest date and time so that the verdict is the same
 * every day; else, on a portrait screen, on its own lines above them (up to two); else, in
 * landscape, on two lines beside them. Cut only when that is not enough. */
struct footer_plan {
    bool own_row;
    struct cor_rect room; /* x and w; the y is set when the band is placed */
    int max_lines;
    int row_h; /* the own row's height, 0 beside */
};

static struct footer_plan footer_plan(struct lay *l, int x0, int x1, int min_px)
{
    const struct cor_layout_input *in = l->in;
    struct cor_rect safe = l->out->safe;
    struct footer_plan f = {false, {x0, 0, x1 - x0, 0}, 1, 0};
    int need = lay_width(l, in->theme->footer, min_px, false);
    if (need <= x1 - x0)
        return f;
    /* A landscape screen has no height to spare: two smaller lines beside the clock. */
    if (in->w >= in->h) {
        f.max_lines = 2;
        return f;
    }
    f.own_row = true;
    f.room = (struct cor_rect){safe.x, 0, safe.w, 0};
    struct cor_text_metrics m;
    lay_measure(l, "Ag", 2, lay_u(l, 3.2), false, &m);
    f.max_lines = need <= safe.w ? 1 : 2;
    f.row_h = f.max_lines * m.line_h + lay_u(l, 1.5);
    return f;
}

/* Adds the footer band (logo, footer text, clock) and returns the y above which content goes. */
static int footer(struct lay *l)
{
    const struct cor_layout_input *in = l->in;
    const struct cor_theme *theme = in->theme;
    struct cor_rect safe = l->out->safe;
    int bottom = safe.y + safe.h;
    bool logo = theme && in->logo_w > 0 && in->logo_h > 0;
    bool text = theme && theme->footer && theme->footer[0];
    bool clock = theme && theme->clock && !in->clock_unknown;
    if (!logo && !text && !clock)
        return bottom;

    int fh = lay_u(l, 7);
    int px_time = lay_u(l, 4.4), px_date = lay_u(l, 3.2);
    int px_min = lay_u(l, 2.8), px_max = lay_u(l, 3.2);
    char time[16], date[64];
    lay_clock_strings(in->now, time, sizeof(time), date, sizeof(date), false);
    struct cor_text_metrics tm, dm;
    lay_measure(l, time, strlen(time), px_time, true, &tm);
    lay_measure(l, date, strlen(date), px_date, false, &dm);
    int gap = lay_u(l, 3);
    int clock_w = clock ? widest_clock(l, px_time, px_date) : 0;
    struct cor_rect logo_r = {0};
    if (logo)
        logo_r = cor_layout_fit_image((struct cor_rect){0, 0, lay_u(l, 26), lay_u(l, 6)},
                                      in->logo_w, in->logo_h, COR_FIT_CONTAIN, NULL);
    int x0 = safe.x + (logo ? logo_r.w + gap : 0);
    int x1 = safe.x + safe.w - (clock ? clock_w + gap : 0);
    struct footer_plan fp = {false, {x0, 0, x1 - x0, 0}, 1, 0};
    if (text)
        fp = footer_plan(l, x0, x1, px_min);
    int top = bottom - fh - fp.row_h;
    int band = top - lay_u(l, 2);

    struct cor_box *b = lay_push(l, COR_BOX_FILL, (struct cor_rect){0, band, in->w, in->h - band});
    if (b) {
        b->role = COR_ROLE_BACKGROUND;
        b->bleed = true;
    }
    int rule = lay_u(l, 0.12) > 1 ? lay_u(l, 0.12) : 1;
    lay_fill(l, (struct cor_rect){safe.x, band, safe.w, rule}, COR_ROLE_TEXT, 70, -1);

    struct cor_rect row = {safe.x, bottom - fh, safe.w, fh};
    int base = row.y + (fh - tm.line_h) / 2 + tm.ascent;
    if (logo) {
        logo_r.x = safe.x;
        logo_r.y = row.y + (fh - logo_r.h) / 2;
        lay_push(l, COR_BOX_LOGO, logo_r);
    }
    if (clock) {
        int tx = safe.x + safe.w - tm.w;
        one_line(l, time, px_time, true, (struct cor_rect){tx, base - tm.ascent, tm.w, 0}, LAY_LEFT,
                 COR_ROLE_TEXT, 255, false);
        int dx = tx - lay_u(l, 2) - dm.w;
        one_line(l, date, px_date, false, (struct cor_rect){dx, base - dm.ascent, dm.w, 0},
                 LAY_LEFT, COR_ROLE_TEXT, 230, false);
    }
    if (text) {
        struct cor_rect room = fp.room;
        room.y = fp.own_row ? top : row.y;
        room.h = fp.own_row ? fp.row_h : fh;
        struct lay_text t = {.text = theme->footer,
                             .min_px = px_min,
                             .max_px = px_max,
                             .max_lines = fp.max_lines,
                             .room = room,
                             .balance = true,
                             .role = COR_ROLE_TEXT,
                             .alpha = 230,
                             .row = -1,
                             .dry = true};
        struct lay_fitted f = lay_text(l, &t);
        if (f.cut) {
            l->out->footer_cut = true;
            l->out->footer_fits = f.fits_chars;
        }
        if (fp.own_row || !clock || f.n_lines > 1)
            t.room.y = room.y + (room.h - f.h) / 2;
        else
            t.room.y = base - f.ascent;
        t.room.h = f.h;
        t.dry = false;
        lay_text(l, &t);
    }
    return band - lay_u(l, 2.5);
}

/* ---- slides ---- */

int lay_title_block(struct lay *l, struct cor_rect area, const char *title, const char *subtitle,
                    double min_u, double max_u, int max_lines)
{
    int y = area.y;
    bool any = false;
    if (title && title[0]) {
        struct lay_text t = {.text = title,
                             .min_px = lay_u(l, min_u),
                             .max_px = lay_u(l, max_u),
                             .bold = true,
                             .max_lines = max_lines,
                             .room = {area.x, y, area.w, area.h * 45 / 100},
                             .balance = true,
                             .report = "the title",
                             .at = l->in->slide->field_pos[COR_FIELD_TITLE],
                             .role = COR_ROLE_TEXT,
                             .alpha = 255,
                             .row = -1};
        y += lay_text(l, &t).h;
        any = true;
    }
    if (subtitle && subtitle[0]) {
        if (any)
            y += lay_u(l, 1.2);
        struct lay_text t = {.text = subtitle,
                             .min_px = lay_u(l, 3.8),
                             .max_px = lay_u(l, 5),
                             .max_lines = 2,
                             .room = {area.x, y, area.w, area.h * 25 / 100},
                             .report = "the subtitle",
                             .at = l->in->slide->field_pos[COR_FIELD_SUBTITLE],
                             .role = COR_ROLE_TEXT,
                             .alpha = 235,
                             .row = -1};
        y += lay_text(l, &t).h;
        any = true;
    }
    if (!any)
        return y;
    y += lay_u(l, 2.2);
    /* The accent bar under a right-to-left title starts at the right, as the title does. */
    int bar = lay_u(l, 9);
    bool rtl = lay_reads_rtl(title && title[0] ? title : subtitle);
    lay_fill(l, (struct cor_rect){rtl ? area.x + area.w - bar : area.x, y, bar, lay_u(l, 0.8)},
             COR_ROLE_ACCENT, 255, -1);
    return y + lay_u(l, 0.8) + lay_u(l, 3);
}

/* The sizes of a text slide's words, in pixels. */
struct text_sizes {
    int title, sub, body;
};

/* The accent bar under a title, a little below Y in C, starting at the right under a
 * right-to-left title as the title does; returns the y under it. DRY: measure only. */
static int accent_bar(struct lay *l, struct cor_rect c, int y, bool dry)
{
    const struct cor_slide *s = l->in->slide;
    int bar = lay_u(l, 9);
    const char *head = s->title && s->title[0] ? s->title : s->subtitle;
    bool rtl = head && lay_reads_rtl(head);
    y += lay_u(l, 2.2);
    if (!dry)
        lay_fill(l, (struct cor_rect){rtl ? c.x + c.w - bar : c.x, y, bar, lay_u(l, 0.8)},
                 COR_ROLE_ACCENT, 255, -1);
    return y + lay_u(l, 0.8);
}

/* Lays out a text slide's words at SZ from the top of C; DRY measures only, and REPORT says cut
 * words are reported. Returns the height taken; *FITS false when something had to be cut. */
static int text_words(struct lay *l, struct cor_rect c, struct text_sizes sz, bool dry, bool report,
                      bool *fits)
{
    const struct cor_slide *s = l->in->slide;
    /* The title, the subtitle, then (after the accent bar) the body. */
    const struct {
        const char *text, *name;
        enum cor_field field;
        int px, max_lines;
        bool bold;
        uint8_t alpha;
    } parts[] = {
        {s->title, "the title", COR_FIELD_TITLE, sz.title, 4, true, 255},
        {s->subtitle, "the subtitle", COR_FIELD_SUBTITLE, sz.sub, 3, false, 235},
        {s->body, "the body", COR_FIELD_BODY, sz.body, 0, false, 255},
    };
    int y = c.y, bottom = c.y + c.h;
    bool head = false;
    *fits = true;
    for (size_t i = 0; i < 3; i++) {
        if (!parts[i].text || !parts[i].text[0])
            continue;
        bool body = parts[i].field == COR_FIELD_BODY;
        if (head && body) {
            y = accent_bar(l, c, y, dry) + lay_u(l, 3);
            head = false;
        } else if (head) {
            y += lay_u(l, 1.2);
        }
        struct lay_text t = {.text = parts[i].text,
                             .min_px = parts[i].px,
                             .max_px = parts[i].px,
                             .bold = parts[i].bold,
                             .max_lines = parts[i].max_lines,
                             .room = {c.x, y, c.w, bottom - y},
                             .bullets = body,
                             .balance = !body,
                             .report = report ? parts[i].name : NULL,
                             .at = s->field_pos[parts[i].field],
                             .role = COR_ROLE_TEXT,
                             .alpha = parts[i].alpha,
                             .row = -1,
                             .dry = dry};
        struct lay_fitted f = lay_text(l, &t);
        *fits &= !f.cut && y + f.h <= bottom;
        y += f.h;
        head = !body;
    }
    if (head) /* no body: the accent bar closes the title */
        y = accent_bar(l, c, y, dry);
    return y - c.y;
}

/* The title's size for a body at BODY px: RATIO tenths of it, within the title's range. */
static int title_for(const struct lay *l, int body, int ratio)
{
    int px = body * ratio / 10, min = lay_u(l, 4.5), max = lay_u(l, 11);
    return px < min ? min : px > max ? max : px;
}

/* The largest body from BODY_MIN to BODY_MAX px that fits with a title RATIO tenths of it; -1
 * when none does. */
static int largest_body(struct lay *l, struct cor_rect c, int body_min, int body_max, int ratio)
{
    int lo = body_min, hi = body_max, body = -1;
    bool fits;
    while (lo <= hi && !l->oom) {
        int mid = lo + (hi - lo) / 2;
        struct text_sizes t = {title_for(l, mid, ratio), mid * 11 / 10, mid};
        text_words(l, c, t, true, false, &fits);
        if (fits) {
            body = mid;
            lo = mid + 1;
        } else {
            hi = mid - 1;
        }
    }
    return body;
}

/* A text slide's title, subtitle and body are sized together: the body as large as fits (up to
 * 7 units, never under the readable 3.5) with a title half as large again; when nothing fits so,
 * a long title gives way (down to 1.2 times the body, or 4.5 units) before the body shrinks. The
 * title then grows into what room is left, up to 1.6 times the body, and the whole is placed a
 * third of the way down the free space, not stuck to the top of an empty slide. */
static void text_slide(struct lay *l)
{
    const struct cor_slide *s = l->in->slide;
    struct cor_rect c = l->out->content;
    int body_min = lay_u(l, 3.5), body_max = lay_u(l, 7), sub_min = lay_u(l, 3.8);
    bool has_body = s->body && s->body[0];
    struct text_sizes sz = {lay_u(l, 4.5), sub_min, body_min};
    int ratio = 15, t_lo = lay_u(l, 4.5), t_hi = lay_u(l, 11);
    if (has_body) {
        int body = largest_body(l, c, body_min, body_max, ratio);
        if (body < 0) {
            ratio = 12;
            body = largest_body(l, c, body_min, body_max, ratio);
        }
        sz.body = body > 0 ? body : body_min;
        t_lo = title_for(l, sz.body, ratio);
        t_hi = title_for(l, sz.body, 16);
    }
    /* The largest title that fits with that body. */
    sz.title = t_lo;
    sz.sub = has_body ? sz.body * 11 / 10 : t_lo * 6 / 10;
    bool fits;
    while (t_lo <= t_hi && !l->oom) {
        int mid = t_lo + (t_hi - t_lo) / 2;
        struct text_sizes t = {mid, has_body ? sz.body * 11 / 10 : mid * 6 / 10, sz.body};
        if (t.sub < sub_min)
            t.sub = sub_min;
        text_words(l, c, t, true, false, &fits);
        if (fits) {
            sz = t;
            t_lo = mid + 1;
        } else {
            t_hi = mid - 1;
        }
    }
    if (sz.sub < sub_min)
        sz.sub = sub_min;
    size_t first = l->out->n_boxes;
    int h = text_words(l, c, sz, false, true, &fits);
    if (h < c.h)
        lay_shift(l, first, 0, (c.h - h) / 3);
}

static void image_slide(struct lay *l)
{
    const struct cor_slide *s = l->in->slide;
    struct cor_rect area = l->out->content;
    bool cover = s->fit == COR_FIT_COVER;
    if (cover) {
        /* A covering picture runs to the screen's edges, down to the footer. */
        int bottom = l->out->content.y + l->out->content.h;
        bool has_footer = bottom < l->out->safe.y + l->out->safe.h;
        area = (struct cor_rect){0, 0, l->in->w, has_footer ? bottom + lay_u(l, 3) : l->in->h};
    }
    struct cor_rect src;
    struct cor_rect r = cor_layout_fit_image(area, l->in->image_w, l->in->image_h, s->fit, &src);
    if (r.w <= 0 || r.h <= 0)
        return;
    struct cor_box *b = lay_push(l, COR_BOX_IMAGE, r);
    if (b) {
        b->src = src;
        b->bleed = cover;
    }
}

static void quote_slide(struct lay *l)
{
    const struct cor_slide *s = l->in->slide;
    struct cor_rect c = l->out->content;
    size_t first = l->out->n_boxes;
    int mark_px = lay_u(l, 15);
    struct cor_text_metrics mm;
    lay_measure(l, OPEN_QUOTE, strlen(OPEN_QUOTE), mark_px, false, &mm);
    int col = mm.w + lay_u(l, 3);
    /* A right-to-left quote is mirrored: the mark on the right, the bar and photo on the right
     * under it, the name and role to the left of the photo. */
    bool rtl = s->quote && lay_reads_rtl(s->quote);
    int tx = rtl ? c.x : c.x + col, tw = c.w - col;

    /* The name and role beneath, beside the photo. */
    int photo = l->in->has_photo ? cor_layout_photo_side(l->in->w, l->in->h) : 0;
    int beside = photo ? photo + lay_u(l, 3) : 0;
    int ax = rtl ? tx : tx + beside, aw = tw - beside;
    int px_name = lay_u(l, 4.2), px_role = lay_u(l, 3.5);
    struct lay_text name = {.text = s->name ? s->name : "",
                            .min_px = px_name,
                            .max_px = px_name,
                            .bold = true,
                            .max_lines = 2,
                            .room = {ax, 0, aw, c.h / 3},
                            .report = "the name",
                            .at = s->field_pos[COR_FIELD_NAME],
                            .role = COR_ROLE_TEXT,
                            .alpha = 255,
                            .row = -1,
                            .dry = true};
    struct lay_text role = {.text = s->role ? s->role : "",
                            .min_px = px_role,
                            .max_px = px_role,
                            /* Portrait columns are narrow: a long role may take more lines. */
                            .max_lines = l->in->h > l->in->w ? 5 : 3,
                            .room = {ax, 0, aw, c.h / 3},
                            .report = "the role",
                            .at = s->field_pos[COR_FIELD_ROLE],
                            .role = COR_ROLE_TEXT,
                            .alpha = 220,
                            .row = -1,
                            .dry = true};
    int name_h = lay_text(l, &name).h, role_h = lay_text(l, &role).h;
    int words_h = name_h + (name_h && role_h ? lay_u(l, 0.6) : 0) + role_h;
    int attr_h = words_h > photo ? words_h : photo;
    int bar_h = lay_u(l, 0.8), gap = lay_u(l, 3.5);
    int below = attr_h ? gap + bar_h + gap + attr_h : 0;

    struct lay_text q = {.text = s->quote ? s->quote : "",
                         .min_px = lay_u(l, 3.5),
                         .max_px = lay_u(l, 8),
                         .room = {tx, c.y, tw, c.h - below},
                         .report = "the quotation",
                         .at = s->field_pos[COR_FIELD_QUOTE],
                         .role = COR_ROLE_TEXT,
                         .alpha = 255,
                         .row = -1};
    struct lay_fitted qf = lay_text(l, &q);

    /* The mark's top lines up with the tops of the quote's first capitals. */
    int cap_q = qf.ascent - (int)lround(qf.px * 0.73);
    int mark_y = c.y + cap_q - (mm.ascent - (int)lround(mark_px * 0.73));
    struct lay_fitted mf =
        one_line(l, OPEN_QUOTE, mark_px, false,
                 (struct cor_rect){rtl ? c.x + c.w - mm.w : c.x, mark_y, mm.w, 0}, LAY_LEFT,
                 COR_ROLE_ACCENT, 255, false);
    int top = mark_y < c.y ? mark_y : c.y;
    int y = c.y + qf.h;
    if (attr_h) {
        y += gap;
        int bar_w = lay_u(l, 9);
        lay_fill(l, (struct cor_rect){rtl ? tx + tw - bar_w : tx, y, bar_w, bar_h}, COR_ROLE_ACCENT,
                 255, -1);
        y += bar_h + gap;
        if (photo)
            lay_push(l, COR_BOX_PHOTO,
                     (struct cor_rect){rtl ? tx + tw - photo : tx, y + (attr_h - photo) / 2, photo,
                                       photo});
        int wy = y + (attr_h - words_h) / 2;
        if (name_h) {
            name.room.y = wy;
            name.dry = false;
            lay_text(l, &name);
            wy += name_h + (role_h ? lay_u(l, 0.6) : 0);
        }
        if (role_h) {
            role.room.y = wy;
            role.dry = false;
            lay_text(l, &role);
        }
        y += attr_h;
    }
    int bottom = y > mark_y + mf.line_h ? y : mark_y + mf.line_h;
    /* Centre the whole in the content area, never above or below it. */
    int group = bottom - top;
    int dy = c.y + (c.h - group) / 2 - top;
    if (top + dy < c.y)
        dy = c.y - top;
    if (bottom + dy > c.y + c.h)
        dy = c.y + c.h - bottom;
    if (top + dy < c.y)
        dy = c.y - top;
    lay_shift(l, first, 0, dy);
}

/* The fallback's big clock and date from Y down; returns the height they take. */
static int fallback_clock(struct lay *l, int y)
{
    const struct cor_layout_input *in = l->in;
    struct cor_rect safe = l->out->safe;
    int y0 = y;
    char time[16], date[64];
    lay_clock_strings(in->now, time, sizeof(time), date, sizeof(date), true);
    struct lay_text tt = {.text = time,
                          .min_px = lay_u(l, 10),
                          .max_px = lay_u(l, 20),
                          .bold = true,
                          .max_lines = 1,
                          .room = {safe.x, y, safe.w, lay_u(l, 26)},
                          .align = LAY_CENTER,
                          .role = COR_ROLE_TEXT,
                          .alpha = 255,
                          .row = -1};
    y += lay_text(l, &tt).h;
    struct lay_text dt = {.text = date,
                          .min_px = lay_u(l, 3.5),
                          .max_px = lay_u(l, 5),
                          .max_lines = 2,
                          .room = {safe.x, y, safe.w, lay_u(l, 14)},
                          .align = LAY_CENTER,
                          .role = COR_ROLE_TEXT,
                          .alpha = 230,
                          .row = -1};
    y += lay_text(l, &dt).h;
    return y - y0;
}

/* The calm slide for when nothing is scheduled: logo, name, a big clock and the date (no clock
 * while it cannot be trusted). */
static void fallback_slide(struct lay *l)
{
    const struct cor_layout_input *in = l->in;
    struct cor_rect safe = l->out->safe;
    l->out->content = safe;
    size_t first = l->out->n_boxes;
    int y = 0;
    if (in->logo_w > 0 && in->logo_h > 0) {
        struct cor_rect r = cor_layout_fit_image(
            (struct cor_rect){safe.x, y, safe.w < lay_u(l, 50) ? safe.w : lay_u(l, 50),
                              lay_u(l, 14)},
            in->logo_w, in->logo_h, COR_FIT_CONTAIN, NULL);
        r.x = safe.x + (safe.w - r.w) / 2;
        r.y = y;
        lay_push(l, COR_BOX_LOGO, r);
        y += r.h + lay_u(l, 5);
    }
    const char *name = in->name && in->name[0] ? in->name : "corridor";
    struct lay_text t = {.text = name,
                         .min_px = lay_u(l, 4.5),
                         .max_px = lay_u(l, 6.5),
                         .bold = true,
                         .max_lines = 2,
                         .room = {safe.x, y, safe.w, safe.h / 4},
                         .align = LAY_CENTER,
                         .role = COR_ROLE_TEXT,
                         .alpha = 255,
                         .row = -1};
    y += lay_text(l, &t).h + lay_u(l, 3);
    lay_fill(l,
             (struct cor_rect){safe.x + (safe.w - lay_u(l, 9)) / 2, y, lay_u(l, 9), lay_u(l, 0.8)},
             COR_ROLE_ACCENT, 255, -1);
    y += lay_u(l, 0.8) + lay_u(l, 3);
    if (!in->clock_unknown)
        y += fallback_clock(l, y);
    int dy = safe.y + (safe.h - y) / 2;
    if (dy < safe.y)
        dy = safe.y;
    lay_shift(l, first, 0, dy);
}

bool cor_layout_build(const struct cor_layout_input *in, int page, struct cor_layout *out)
{
    memset(out, 0, sizeof(*out));
    out->arena = cor_arena_create();
    if (!out->arena)
        return false;
    struct lay l = {in, out, cor_layout_unit(in->w, in->h), false, 0};
    out->safe = cor_layout_safe_area(in->w, in->h);
    out->content = out->safe;
    out->n_pages = 1;
    if (in->identify) {
        lay_identify(&l);
    } else if (in->urgent && !in->urgent->banner) {
        lay_urgent_full(&l);
    } else if (!in->slide) {
        fallback_slide(&l);
    } else {
        int bottom = footer(&l);
        out->content.h = bottom - out->safe.y;
        switch (in->slide->type) {
        case COR_SLIDE_SESSIONS:
            lay_sessions(&l, page);
            break;
        case COR_SLIDE_IMAGE:
        case COR_SLIDE_VIDEO: /* a clip's frames are laid out as a picture of its size */
            image_slide(&l);
            break;
        case COR_SLIDE_QUOTE:
            quote_slide(&l);
            break;
        case COR_SLIDE_TEXT:
        case COR_SLIDE_TYPE_COUNT:
            text_slide(&l);
            break;
        }
    }
    if (in->urgent && in->urgent->banner)
        lay_urgent_banner(&l);
    if (l.oom) {
        cor_layout_free(out);
        return false;
    }
    return true;
}

void cor_layout_free(struct cor_layout *out)
{
    cor_arena_free(out->arena);
    free(out->boxes);
    memset(out, 0, sizeof(*out));
}

int cor_layout_page_count(const struct cor_layout_input *in)
{
    if (!in->slide || in->slide->type != COR_SLIDE_SESSIONS)
        return 1;
    struct cor_layout out;
    int n = 1;
    if (cor_layout_build(in, 0, &out))
        n = out.n_pages;
    cor_layout_free(&out);
    return n;
}
