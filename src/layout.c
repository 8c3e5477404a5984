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
        if (sw > img_w)
            sw = img_w;
        if (sh > img_h)
            sh = img_h;
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

static void clock_strings(cor_minute now, char *time, size_t tsize, char *date, size_t dsize,
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
    char time[16], date[64];
    clock_strings(in->now, time, sizeof(time), date, sizeof(date), false);
    struct cor_text_metrics tm, dm;
    lay_measure(l, time, strlen(time), px_time, true, &tm);
    lay_measure(l, date, strlen(date), px_date, false, &dm);
    int gap = lay_u(l, 3);
    int clock_w = clock ? tm.w + lay_u(l, 2) + dm.w : 0;
    struct cor_rect logo_r = {0};
    if (logo)
        logo_r = cor_layout_fit_image((struct cor_rect){0, 0, lay_u(l, 26), lay_u(l, 6)},
                                      in->logo_w, in->logo_h, COR_FIT_CONTAIN, NULL);
    int x0 = safe.x + (logo ? logo_r.w + gap : 0);
    int x1 = safe.x + safe.w - (clock ? clock_w + gap : 0);
    bool two_rows = text && (x1 - x0) < safe.w * 3 / 10;
    int text_row_h = two_rows ? lay_u(l, 5.5) : 0;
    int top = bottom - fh - text_row_h;
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
        struct cor_rect room = two_rows ? (struct cor_rect){safe.x, top, safe.w, text_row_h}
                                        : (struct cor_rect){x0, row.y, x1 - x0, fh};
        struct lay_text t = {.text = theme->footer,
                             .min_px = lay_u(l, 2.8),
                             .max_px = lay_u(l, 3.2),
                             .max_lines = 1,
                             .room = room,
                             .report = true,
                             .role = COR_ROLE_TEXT,
                             .alpha = 230,
                             .row = -1,
                             .dry = true};
        struct lay_fitted f = lay_text(l, &t);
        if (two_rows || !clock)
            t.room.y = room.y + (room.h - f.line_h) / 2;
        else
            t.room.y = base - f.ascent;
        t.room.h = f.line_h;
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
                             .report = true,
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
                             .report = true,
                             .role = COR_ROLE_TEXT,
                             .alpha = 235,
                             .row = -1};
        y += lay_text(l, &t).h;
        any = true;
    }
    if (!any)
        return y;
    y += lay_u(l, 2.2);
    lay_fill(l, (struct cor_rect){area.x, y, lay_u(l, 9), lay_u(l, 0.8)}, COR_ROLE_ACCENT, 255, -1);
    return y + lay_u(l, 0.8) + lay_u(l, 3);
}

static void text_slide(struct lay *l)
{
    const struct cor_slide *s = l->in->slide;
    struct cor_rect c = l->out->content;
    int y = lay_title_block(l, c, s->title, s->subtitle, 6, 9, 3);
    if (!s->body || !s->body[0])
        return;
    struct lay_text t = {.text = s->body,
                         .min_px = lay_u(l, 3.5),
                         .max_px = lay_u(l, 5.5),
                         .room = {c.x, y, c.w, c.y + c.h - y},
                         .bullets = true,
                         .report = true,
                         .role = COR_ROLE_TEXT,
                         .alpha = 255,
                         .row = -1};
    lay_text(l, &t);
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
    int tx = c.x + col, tw = c.w - col;

    /* The name and role beneath, beside the photo. */
    int photo = l->in->has_photo ? cor_layout_photo_side(l->in->w, l->in->h) : 0;
    int ax = tx + (photo ? photo + lay_u(l, 3) : 0), aw = c.x + c.w - ax;
    int px_name = lay_u(l, 4.2), px_role = lay_u(l, 3.5);
    struct lay_text name = {.text = s->name ? s->name : "",
                            .min_px = px_name,
                            .max_px = px_name,
                            .bold = true,
                            .max_lines = 2,
                            .room = {ax, 0, aw, c.h / 3},
                            .report = true,
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
                            .report = true,
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
                         .report = true,
                         .role = COR_ROLE_TEXT,
                         .alpha = 255,
                         .row = -1};
    struct lay_fitted qf = lay_text(l, &q);

    /* The mark's top lines up with the tops of the quote's first capitals. */
    int cap_q = qf.ascent - (int)lround(qf.px * 0.73);
    int mark_y = c.y + cap_q - (mm.ascent - (int)lround(mark_px * 0.73));
    struct lay_fitted mf =
        one_line(l, OPEN_QUOTE, mark_px, false, (struct cor_rect){c.x, mark_y, mm.w, 0}, LAY_LEFT,
                 COR_ROLE_ACCENT, 255, false);
    int top = mark_y < c.y ? mark_y : c.y;
    int y = c.y + qf.h;
    if (attr_h) {
        y += gap;
        lay_fill(l, (struct cor_rect){tx, y, lay_u(l, 9), bar_h}, COR_ROLE_ACCENT, 255, -1);
        y += bar_h + gap;
        if (photo)
            lay_push(l, COR_BOX_PHOTO,
                     (struct cor_rect){tx, y + (attr_h - photo) / 2, photo, photo});
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
    clock_strings(in->now, time, sizeof(time), date, sizeof(date), true);
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
                         .report = false,
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
    struct lay l = {in, out, cor_layout_unit(in->w, in->h), false};
    out->safe = cor_layout_safe_area(in->w, in->h);
    out->content = out->safe;
    out->n_pages = 1;
    if (!in->slide) {
        fallback_slide(&l);
    } else {
        int bottom = footer(&l);
        out->content.h = bottom - out->safe.y;
        switch (in->slide->type) {
        case COR_SLIDE_SESSIONS:
            lay_sessions(&l, page);
            break;
        case COR_SLIDE_IMAGE:
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
