/* layout_urgent.c: an urgent notice, pure like the other layouts: the whole screen in the notice's
 * colours with its words as large as fit and the clock kept, or a band along the bottom of the
 * page that never takes more than a quarter of the screen. */
#include <string.h>

#include "layout_priv.h"

/* A notice's words, larger than a text slide's (title 4.5 to 11 units, body 3.5 to 7). */
#define FULL_TITLE_MIN 7.0
#define FULL_TITLE_MAX 16.0
#define FULL_BODY_MIN  4.5
#define FULL_BODY_MAX  9.0

static struct lay_text words(const char *text, int px, bool bold, struct cor_rect room, bool dry)
{
    return (struct lay_text){.text = text,
                             .min_px = px,
                             .max_px = px,
                             .bold = bold,
                             .room = room,
                             .balance = bold,
                             .bullets = !bold,
                             .role = COR_ROLE_ON_URGENT,
                             .alpha = 255,
                             .row = -1,
                             .dry = dry};
}

/* Lays out TITLE at TPX and BODY at BPX from the top of ROOM (ALIGN); returns the height, *FITS
 * false when something was cut or ran past the room. */
static int title_body(struct lay *l, struct cor_rect room, int tpx, int bpx, enum lay_align align,
                      int title_lines, int body_lines, bool dry, bool *fits)
{
    const struct cor_layout_urgent *u = l->in->urgent;
    int y = room.y, bottom = room.y + room.h;
    struct lay_text t = words(u->title, tpx, true, (struct cor_rect){room.x, y, room.w, room.h}, dry);
    t.align = align;
    t.max_lines = title_lines;
    struct lay_fitted f = lay_text(l, &t);
    *fits = !f.cut && y + f.h <= bottom;
    y += f.h;
    if (u->body && u->body[0]) {
        y += lay_u(l, title_lines > 2 ? 2.5 : 0.6);
        struct lay_text b = words(u->body, bpx, false,
                                  (struct cor_rect){room.x, y, room.w, bottom > y ? bottom - y : 0},
                                  dry);
        b.align = align;
        b.max_lines = body_lines;
        f = lay_text(l, &b);
        *fits &= !f.cut && y + f.h <= bottom;
        y += f.h;
    }
    return y - room.y;
}

/* The clock (time, then date) at the right of ROW, vertically centred in it; returns its
 * width. */
static int clock_at_right(struct lay *l, struct cor_rect row, double time_u, double date_u,
                          bool stacked)
{
    char time[16], date[64];
    lay_clock_strings(l->in->now, time, sizeof(time), date, sizeof(date), false);
    int pt = lay_u(l, time_u), pd = lay_u(l, date_u);
    struct cor_text_metrics tm, dm;
    lay_measure(l, time, strlen(time), pt, true, &tm);
    lay_measure(l, date, strlen(date), pd, false, &dm);
    int right = row.x + row.w;
    struct lay_text t = words(time, pt, true, (struct cor_rect){0, 0, tm.w + 1, 1 << 20}, false);
    t.max_lines = 1;
    t.bullets = t.balance = false;
    struct lay_text d = words(date, pd, false, (struct cor_rect){0, 0, dm.w + 1, 1 << 20}, false);
    d.max_lines = 1;
    d.bullets = false;
    d.alpha = 235;
    if (stacked) {
        int h = tm.line_h + dm.line_h, y = row.y + (row.h - h) / 2;
        t.room.x = right - tm.w - 1;
        t.room.y = y;
        d.room.x = right - dm.w - 1;
        d.room.y = y + tm.line_h;
        lay_text(l, &t);
        lay_text(l, &d);
        return tm.w > dm.w ? tm.w : dm.w;
    }
    int base = row.y + (row.h - tm.line_h) / 2 + tm.ascent;
    t.room.x = right - tm.w - 1;
    t.room.y = base - tm.ascent;
    d.room.x = t.room.x - lay_u(l, 2) - dm.w - 1;
    d.room.y = base - dm.ascent;
    lay_text(l, &t);
    lay_text(l, &d);
    return tm.w + lay_u(l, 2) + dm.w;
}

/* The whole screen: the notice's colour to the edges, a rule and the clock along the bottom, the
 * title and body as large as fit together (the body first, the title half as large again), a
 * third of the way down what is left. */
void lay_urgent_full(struct lay *l)
{
    const struct cor_layout_input *in = l->in;
    struct cor_rect safe = l->out->safe;
    struct cor_box *bg = lay_push(l, COR_BOX_FILL, (struct cor_rect){0, 0, in->w, in->h});
    if (bg) {
        bg->role = COR_ROLE_URGENT;
        bg->bleed = true;
    }
    int row_h = lay_u(l, 7);
    struct cor_rect row = {safe.x, safe.y + safe.h - row_h, safe.w, row_h};
    if (!in->clock_unknown) /* a clock that cannot be trusted is not drawn */
        clock_at_right(l, row, 4.4, 3.2, false);
    int rule = lay_u(l, 0.25) > 1 ? lay_u(l, 0.25) : 1;
    lay_fill(l, (struct cor_rect){safe.x, row.y - lay_u(l, 1.5), safe.w, rule}, COR_ROLE_ON_URGENT,
             160, -1);
    struct cor_rect c = {safe.x, safe.y, safe.w, row.y - lay_u(l, 4) - safe.y};
    l->out->content = c;

    /* The largest body, in steps of a tenth of a unit, with the title half as large again. */
    int bmin = lay_u(l, FULL_BODY_MIN), bmax = lay_u(l, FULL_BODY_MAX);
    int tmin = lay_u(l, FULL_TITLE_MIN), tmax = lay_u(l, FULL_TITLE_MAX);
    int tpx = tmin, bpx = bmin;
    int lo = bmin, hi = bmax;
    bool fits;
    while (lo <= hi && !l->oom) {
        int mid = lo + (hi - lo) / 2;
        int t = mid * 3 / 2 < tmin ? tmin : mid * 3 / 2 > tmax ? tmax : mid * 3 / 2;
        title_body(l, c, t, mid, LAY_LEFT, 4, 0, true, &fits);
        if (fits) {
            tpx = t;
            bpx = mid;
            lo = mid + 1;
        } else {
            hi = mid - 1;
        }
    }
    /* With no body, or a short one, the title grows into the room left. */
    lo = tpx + 1;
    hi = tmax;
    while (lo <= hi && !l->oom) {
        int mid = lo + (hi - lo) / 2;
        title_body(l, c, mid, bpx, LAY_LEFT, 4, 0, true, &fits);
        if (fits) {
            tpx = mid;
            lo = mid + 1;
        } else {
            hi = mid - 1;
        }
    }
    size_t first = l->out->n_boxes;
    int h = title_body(l, c, tpx, bpx, LAY_LEFT, 4, 0, false, &fits);
    if (h < c.h)
        lay_shift(l, first, 0, (c.h - h) / 3);
}

/* A band along the bottom, over the page: at most a quarter of the screen, the title bold and
 * the body beside the clock, as large as fit in it. */
void lay_urgent_banner(struct lay *l)
{
    const struct cor_layout_input *in = l->in;
    struct cor_rect safe = l->out->safe;
    int max_h = in->h / COR_URGENT_BANNER_MAX_SHARE;
    int bottom_margin = in->h - (safe.y + safe.h);
    int pad = lay_u(l, 2);
    int room_h = max_h - pad - bottom_margin;
    /* The clock's width, measured without drawing it. */
    char time[16], date[64];
    lay_clock_strings(in->now, time, sizeof(time), date, sizeof(date), false);
    int clock_w = lay_width(l, time, lay_u(l, 4.4), true);
    int date_w = lay_width(l, date, lay_u(l, 3), false);
    clock_w = in->clock_unknown ? 0 : (clock_w > date_w ? clock_w : date_w) + lay_u(l, 3);
    struct cor_rect room = {safe.x, 0, safe.w - clock_w, room_h};
    int tpx = lay_u(l, 4), bpx = lay_u(l, 3.5), h = room_h;
    bool fits = false;
    for (double k = 7.5; k >= 4 && !l->oom; k -= 0.25) {
        int t = lay_u(l, k), b = lay_u(l, k * 0.7 < 3.5 ? 3.5 : k * 0.7);
        int th = title_body(l, room, t, b, LAY_LEFT, 2, 0, true, &fits);
        if (fits) {
            tpx = t;
            bpx = b;
            h = th;
            break;
        }
    }
    if (!fits) /* at the smallest sizes, cut short with an ellipsis */
        h = title_body(l, room, tpx, bpx, LAY_LEFT, 2, 0, true, &fits);
    if (h > room_h)
        h = room_h;
    int clock_h = in->clock_unknown ? 0 : lay_u(l, 4.4) * 13 / 10 + lay_u(l, 3) * 13 / 10;
    int inner = h > clock_h ? h : clock_h;
    int top = in->h - bottom_margin - inner - pad;
    if (top < in->h - max_h)
        top = in->h - max_h;
    struct cor_box *band = lay_push(l, COR_BOX_FILL, (struct cor_rect){0, top, in->w, in->h - top});
    if (band) {
        band->role = COR_ROLE_URGENT;
        band->bleed = true;
    }
    int rule = lay_u(l, 0.4) > 1 ? lay_u(l, 0.4) : 1;
    struct cor_box *edge = lay_push(l, COR_BOX_FILL, (struct cor_rect){0, top, in->w, rule});
    if (edge) {
        edge->role = COR_ROLE_ON_URGENT;
        edge->bleed = true;
    }
    struct cor_rect row = {safe.x, top + pad, safe.w, in->h - bottom_margin - top - pad};
    if (!in->clock_unknown)
        clock_at_right(l, row, 4.4, 3, true);
    room.y = row.y + (row.h - h) / 2;
    room.h = row.y + row.h - room.y;
    title_body(l, room, tpx, bpx, LAY_LEFT, 2, 0, false, &fits);
}
