/* layout_sessions.c: a sessions slide's rows, badges, day headings, pages and QR code. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "layout_priv.h"
#include "value.h"

/* The sizes of one try at fitting the rows; S scales the base sizes. */
struct sizes {
    int px_time, px_title, px_detail, px_pill, px_head;
    int pad, col_gap, time_w, pill_h, pill_pad_x;
    int sep;     /* thickness of the rule between rows */
    int head_h;  /* a day heading's height, with the gap above it */
    int head_h0; /* the same at the top of a page */
    bool stacked;
    bool dates; /* each row carries its date (days mostly have one session): no headings */
    int rows_w;
    int max_h; /* the tallest a row may be: a page's rows' height */
};

static const char EN_DASH[] = " \xE2\x80\x93 ";
static const char MID_DOT[] = "  \xC2\xB7  ";

static int32_t day_of(cor_minute m)
{
    return (int32_t)(m >= 0 ? m / COR_MINUTES_PER_DAY
                            : -((-m + COR_MINUTES_PER_DAY - 1) / COR_MINUTES_PER_DAY));
}

static void time_text(const struct cor_session *s, char *buf, size_t size)
{
    char a[16], b[16];
    cor_format_time(s->start_min, a, sizeof(a));
    cor_format_time(s->end_min, b, sizeof(b));
    snprintf(buf, size, "%s%s%s", a, EN_DASH, b);
}

static const char *badge_text(enum cor_session_state state)
{
    switch (state) {
    case COR_SESSION_ON_NOW:
        return "On now";
    case COR_SESSION_NEXT:
        return "Next";
    case COR_SESSION_FINISHED:
    case COR_SESSION_LATER:
        break;
    }
    return NULL;
}

static void heading_text(const struct lay *l, int32_t day, char *buf, size_t size)
{
    char label[64];
    int32_t today = day_of(l->in->now);
    lay_day_label(day, l->in->now, label, sizeof(label));
    if (day == today)
        snprintf(buf, size, "Today, %s", label);
    else if (day == today + 1)
        snprintf(buf, size, "Tomorrow, %s", label);
    else
        snprintf(buf, size, "%s", label);
}

/* "Today", "Tomorrow" or "Fri 22 Mar" for a row that carries its own date. */
static void short_day(const struct lay *l, int32_t day, char *buf, size_t size)
{
    int32_t today = day_of(l->in->now);
    if (day == today || day == today + 1) {
        snprintf(buf, size, "%s", day == today ? "Today" : "Tomorrow");
        return;
    }
    char full[64], wd[16] = "", mon[16] = "";
    int d = 0, y = 0;
    cor_format_date(day, full, sizeof(full));
    if (sscanf(full, "%15s %d %15s %d", wd, &d, mon, &y) != 4) {
        snprintf(buf, size, "%s", full);
        return;
    }
    int y_now, m_now, d_now;
    cor_civil_from_days(today, &y_now, &m_now, &d_now);
    if (y == y_now)
        snprintf(buf, size, "%.3s %d %.3s", wd, d, mon);
    else
        snprintf(buf, size, "%.3s %d %.3s %d", wd, d, mon, y);
}

/* The first line of a row's left column: its time, after its date in stacked rows. */
static void first_line(const struct lay *l, const struct sizes *z, const struct cor_session *s,
                       char *buf, size_t size)
{
    char time[48], day[64];
    time_text(s, time, sizeof(time));
    if (!z->dates) {
        snprintf(buf, size, "%s", time);
        return;
    }
    short_day(l, s->day, day, sizeof(day));
    if (z->stacked)
        snprintf(buf, size, "%s, %s", day, time);
    else
        snprintf(buf, size, "%s", day);
}

/* One line at a fixed size; cut with an ellipsis when wider than W. */
static struct lay_fitted line(struct lay *l, const char *text, int px, bool bold, int x, int y,
                              int w, enum cor_role role, uint8_t alpha, int row, bool dry)
{
    struct lay_text t = {.text = text,
                         .min_px = px,
                         .max_px = px,
                         .bold = bold,
                         .max_lines = 1,
                         .room = {x, y, w, 1 << 20},
                         .role = role,
                         .alpha = alpha,
                         .row = row,
                         .dry = dry};
    return lay_text(l, &t);
}

static int sizes_make(struct lay *l, struct sizes *z, double s, int rows_w, bool dates)
{
    const struct cor_layout_input *in = l->in;
    z->px_time = lay_u(l, 4.2 * s);
    z->px_title = lay_u(l, 4.2 * s);
    z->px_detail = lay_u(l, 3.5 * s);
    z->px_pill = lay_u(l, 3.2 * s);
    z->px_head = lay_u(l, 3.8 * s);
    z->pad = lay_u(l, 1.4 * s);
    z->col_gap = lay_u(l, 3.5);
    z->sep = lay_u(l, 0.12) > 1 ? lay_u(l, 0.12) : 1;
    z->pill_pad_x = lay_u(l, 1.6 * s);
    struct cor_text_metrics m;
    lay_measure(l, "Ag", 2, z->px_pill, true, &m);
    z->pill_h = m.line_h + lay_u(l, 0.6 * s);
    lay_measure(l, "Ag", 2, z->px_head, true, &m);
    z->head_h0 = m.line_h + lay_u(l, 0.8);
    z->head_h = z->head_h0 + lay_u(l, 1.8);
    z->rows_w = rows_w;
    z->dates = dates;
    z->stacked = false;
    int tw = 0;
    for (size_t i = 0; i < in->n_views; i++) {
        char t[160];
        time_text(in->views[i].session, t, sizeof(t));
        int w = lay_width(l, t, z->px_time, !dates);
        if (w > tw)
            tw = w;
        if (dates) {
            first_line(l, z, in->views[i].session, t, sizeof(t));
            w = lay_width(l, t, z->px_time, true);
            if (w > tw)
                tw = w;
        }
    }
    const char *badges[] = {"On now", "Next"};
    for (size_t i = 0; i < 2; i++) {
        int w = lay_width(l, badges[i], z->px_pill, true) + 2 * z->pill_pad_x;
        if (w > tw)
            tw = w;
    }
    z->time_w = tw;
    /* Side by side while the titles keep two thirds of the width; else stacked. */
    z->stacked = rows_w - tw - z->col_gap < rows_w * 65 / 100;
    return tw;
}

/* A badge: an accent pill with its word on it. */
static void badge(struct lay *l, const struct sizes *z, const char *word, int x, int y, int row)
{
    int tw = lay_width(l, word, z->px_pill, true);
    struct cor_box *b =
        lay_push(l, COR_BOX_PILL, (struct cor_rect){x, y, tw + 2 * z->pill_pad_x, z->pill_h});
    if (b) {
        b->role = COR_ROLE_ACCENT;
        b->row = row;
    }
    struct cor_text_metrics m;
    lay_measure(l, word, strlen(word), z->px_pill, true, &m);
    line(l, word, z->px_pill, true, x + z->pill_pad_x, y + (z->pill_h - m.line_h) / 2, tw,
         COR_ROLE_ON_ACCENT, 255, row, false);
}

/* The host and the place: on one line when they fit, else each on its own. */
static const char *detail_text(struct lay *l, const struct cor_session *s, int px, int w)
{
    bool host = s->host && s->host[0], where = s->where && s->where[0];
    if (!host && !where)
        return NULL;
    const char *t = cor_arena_printf(l->out->arena, "%s%s%s", host ? s->host : "",
                                     host && where ? MID_DOT : "", where ? s->where : "");
    if (t && host && where && lay_width(l, t, px, false) > w)
        t = cor_arena_printf(l->out->arena, "%s\n%s", s->host, s->where);
    if (!t)
        l->oom = true;
    return t;
}

/* Places one session's row with its top at Y; returns its height. DRY: measure only. */
static int place_row(struct lay *l, const struct sizes *z, const struct cor_session_view *v, int x,
                     int y, int row, bool dry)
{
    const struct cor_session *s = v->session;
    uint8_t alpha = v->state == COR_SESSION_FINISHED ? 125 : 255;
    char first[160];
    first_line(l, z, s, first, sizeof(first));
    const char *word = badge_text(v->state);
    int top = y + z->pad;
    int left_h, main_x, main_y, main_w;
    struct lay_fitted tf = line(l, first, z->px_time, !z->stacked, x, top,
                                z->stacked ? z->rows_w : z->time_w, COR_ROLE_TEXT, alpha, row, dry);
    if (!z->stacked) {
        left_h = tf.h;
        if (z->dates) {
            char time[48];
            time_text(s, time, sizeof(time));
            left_h += line(l, time, z->px_time, false, x, top + left_h, z->time_w, COR_ROLE_TEXT,
                           alpha, row, dry)
                          .h;
        }
        if (word) {
            int py = top + left_h + lay_u(l, 0.6);
            if (!dry)
                badge(l, z, word, x, py, row);
            left_h = py + z->pill_h - top;
        }
        main_x = x + z->time_w + z->col_gap;
        main_w = z->rows_w - z->time_w - z->col_gap;
        main_y = top;
    } else {
        left_h = 0;
        int first_h = tf.h;
        if (word) {
            int bw = lay_width(l, word, z->px_pill, true) + 2 * z->pill_pad_x;
            int bx = x + tf.widest + lay_u(l, 2.5);
            if (bx + bw <= x + z->rows_w) {
                if (!dry)
                    badge(l, z, word, bx, top + (tf.h - z->pill_h) / 2, row);
                if (z->pill_h > first_h)
                    first_h = z->pill_h;
            } else {
                if (!dry)
                    badge(l, z, word, x, top + tf.h + lay_u(l, 0.4), row);
                first_h = tf.h + lay_u(l, 0.4) + z->pill_h;
            }
        }
        main_x = x;
        main_w = z->rows_w;
        main_y = top + first_h + lay_u(l, 0.4);
    }
    /* Which session this is in the slide's list, for a message about its words. */
    const struct cor_slide *slide = l->in->slide;
    int number = slide && s >= slide->sessions && s < slide->sessions + slide->n_sessions
                     ? (int)(s - slide->sessions) + 1
                     : row + 1;
    char what[96];
    snprintf(what, sizeof(what), "the title of session %d", number);
    struct lay_text title = {.text = s->title ? s->title : "",
                             .min_px = z->px_title,
                             .max_px = z->px_title,
                             .bold = true,
                             .max_lines = 5,
                             .room = {main_x, main_y, main_w, 1 << 20},
                             .balance = true,
                             .report = what,
                             .at = s->pos,
                             .role = COR_ROLE_TEXT,
                             .alpha = alpha,
                             .row = row,
                             .dry = dry};
    int my = main_y + lay_text(l, &title).h;
    const char *detail = detail_text(l, s, z->px_detail, main_w);
    if (detail) {
        snprintf(what, sizeof(what), "the host and place of session %d", number);
        my += lay_u(l, 0.3);
        /* Host and place take the lines they need, up to what a page holds. */
        int room_h = top + z->max_h - 2 * z->pad - my;
        struct lay_text d = {.text = detail,
                             .min_px = z->px_detail,
                             .max_px = z->px_detail,
                             .room = {main_x, my, main_w, room_h > 0 ? room_h : 1},
                             .report = what,
                             .at = s->pos,
                             .tight = true,
                             .role = COR_ROLE_TEXT,
                             .alpha = (uint8_t)(alpha * 88 / 100),
                             .row = row,
                             .dry = dry};
        my += lay_text(l, &d).h;
    }
    int main_h = my - top;
    return z->pad + (left_h > main_h ? left_h : main_h) + z->pad;
}

/* A row's height on a page with a QR code (narrower in landscape) and on one without, and
 * whether its session brings a QR code to its page. */
struct rowh {
    int qr, full;
    bool link;
};

/* The height a page of rows may take: with a QR code on it (shorter in portrait) and without. */
struct limits {
    int qr, full;
};

/* Splits the views from FROM on into pages no taller than LIM where a row allows (a row taller
 * than a page has one of its own); the first page starts TOP_H down (the line folding the
 * finished sessions). A page is laid out for a QR code when a session on it has a link. FIRST[p]
 * is page p's first view; returns the page count. *OVER: some page is taller than its limit. */
static int paginate(const struct lay *l, const struct sizes *z, const struct rowh *rh, size_t from,
                    struct limits lim, int top_h, bool headings, size_t *first, bool *over)
{
    const struct cor_layout_input *in = l->in;
    int pages = 1, yq = top_h, yf = top_h;
    bool top = true, link = false;
    int32_t prev = 0;
    first[0] = from;
    *over = false;
    for (size_t i = from; i < in->n_views; i++) {
        int32_t day = in->views[i].session->day;
        bool head = headings && (top || day != prev);
        int extra = head ? (top ? z->head_h0 : z->head_h) : (top ? 0 : z->sep);
        bool with = link || rh[i].link;
        int y = with ? yq + extra + rh[i].qr : yf + extra + rh[i].full;
        if (!top && y > (with ? lim.qr : lim.full)) {
            first[pages++] = i;
            yq = yf = 0;
            link = false;
            extra = headings ? z->head_h0 : 0;
            with = rh[i].link;
        }
        yq += extra + rh[i].qr;
        yf += extra + rh[i].full;
        link = with;
        if ((link ? yq : yf) > (link ? lim.qr : lim.full))
            *over = true;
        top = false;
        prev = day;
    }
    return pages;
}

/* Pages as few as LIM allows, and as even as they can be: the smallest cap on a page's height
 * that needs no more pages than LIM itself. Returns the page count. */
static int paginate_balanced(const struct lay *l, const struct sizes *z, const struct rowh *rh,
                             size_t from, struct limits lim, int top_h, bool headings,
                             size_t *first)
{
    bool over;
    int pages = paginate(l, z, rh, from, lim, top_h, headings, first, &over);
    if (pages < 2)
        return pages;
    int lo = 1, hi = lim.qr > lim.full ? lim.qr : lim.full;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        struct limits cap = {lim.qr < mid ? lim.qr : mid, lim.full < mid ? lim.full : mid};
        if (paginate(l, z, rh, from, cap, top_h, headings, first, &over) <= pages)
            hi = mid;
        else
            lo = mid + 1;
    }
    struct limits cap = {lim.qr < lo ? lim.qr : lo, lim.full < lo ? lim.full : lo};
    return paginate(l, z, rh, from, cap, top_h, headings, first, &over);
}

/* The session a page's QR code is for: among the views [FROM, TO) still to come or on, the
 * first on now with a link, else the first next, else the first later one. */
static const struct cor_session_view *qr_focus(const struct cor_layout_input *in, size_t from,
                                               size_t to)
{
    static const enum cor_session_state order[] = {COR_SESSION_ON_NOW, COR_SESSION_NEXT,
                                                   COR_SESSION_LATER};
    for (size_t pass = 0; pass < 3; pass++)
        for (size_t i = from; i < to; i++) {
            const struct cor_session *s = in->views[i].session;
            if (in->views[i].state == order[pass] && s->link && s->link[0])
                return &in->views[i];
        }
    return NULL;
}

static void qr_panel(struct lay *l, const struct cor_session_view *v, struct cor_rect room,
                     bool beside)
{
    int side = beside ? room.w : room.h;
    struct cor_box *b = lay_push(l, COR_BOX_QR, (struct cor_rect){room.x, room.y, side, side});
    if (!b)
        return;
    b->link = lay_strdup(l, v->session->link);
    struct cor_rect cap = beside ? (struct cor_rect){room.x, room.y + side + lay_u(l, 2), room.w,
                                                     room.h - side - lay_u(l, 2)}
                                 : (struct cor_rect){room.x + side + lay_u(l, 3), room.y,
                                                     room.w - side - lay_u(l, 3), room.h};
    int px_a = lay_u(l, 3.2), px_b = lay_u(l, 3);
    struct lay_text a = {.text = "Scan to join",
                         .min_px = px_a,
                         .max_px = px_a,
                         .bold = true,
                         .max_lines = 2,
                         .room = cap,
                         .role = COR_ROLE_TEXT,
                         .alpha = 255,
                         .row = -1,
                         .dry = true};
    struct lay_text t = {.text = v->session->title ? v->session->title : "",
                         .min_px = px_b,
                         .max_px = px_b,
                         .max_lines = 3,
                         .room = cap,
                         .role = COR_ROLE_TEXT,
                         .alpha = 225,
                         .row = -1,
                         .dry = true};
    int ah = lay_text(l, &a).h;
    t.room.y += ah + lay_u(l, 0.5);
    t.room.h -= ah + lay_u(l, 0.5);
    int th = t.room.h > 0 ? lay_text(l, &t).h : 0;
    int total = ah + lay_u(l, 0.5) + th;
    int y = beside ? cap.y : cap.y + (cap.h - total) / 2;
    a.room.y = y;
    a.dry = false;
    lay_text(l, &a);
    if (th > 0) {
        t.room.y = y + ah + lay_u(l, 0.5);
        t.room.h = th;
        t.dry = false;
        lay_text(l, &t);
    }
}

static void empty_sentence(struct lay *l, struct cor_rect area)
{
    const struct cor_slide *s = l->in->slide;
    const char *text = s->when_empty && s->when_empty[0] ? s->when_empty : "No sessions to show.";
    struct lay_text t = {.text = text,
                         .min_px = lay_u(l, 4.5),
                         .max_px = lay_u(l, 7),
                         .room = area,
                         .align = LAY_LEFT,
                         .report = "the when_empty sentence",
                         .at = s->field_pos[COR_FIELD_WHEN_EMPTY],
                         .role = COR_ROLE_TEXT,
                         .alpha = 235,
                         .row = -1,
                         .dry = true};
    struct lay_fitted f = lay_text(l, &t);
    t.room.y = area.y + (area.h - f.h) / 3;
    t.room.h = area.y + area.h - t.room.y;
    t.dry = false;
    lay_text(l, &t);
}

/* Measures every row at Z: RH[i].qr with the rows QR_W wide, .full with them FULL_W wide. */
static bool row_heights(struct lay *l, struct sizes *z, int qr_w, int full_w, struct rowh *rh)
{
    for (size_t i = 0; i < l->in->n_views && !l->oom; i++) {
        const struct cor_session_view *v = &l->in->views[i];
        z->rows_w = qr_w;
        rh[i].qr = place_row(l, z, v, 0, 0, -1, true);
        z->rows_w = full_w;
        rh[i].full = qr_w == full_w ? rh[i].qr : place_row(l, z, v, 0, 0, -1, true);
        rh[i].link = v->state != COR_SESSION_FINISHED && v->session->link && v->session->link[0];
    }
    z->rows_w = qr_w;
    return !l->oom;
}

/* The dimmed line that stands for the N finished sessions folded away. */
static void fold_text(size_t n, char *buf, size_t size)
{
    snprintf(buf, size, "%zu earlier session%s", n, n == 1 ? "" : "s");
}

/* Where the rows go and what the rows are made of. */
struct frame {
    int qr_w, full_w; /* the rows' width on a page with a QR code and on one without */
    int max_row;      /* the tallest a row may be */
    struct limits lim;
    bool dates, headings;
};

/* How the rows were fitted: their sizes, which views are drawn and how they are split. */
struct plan {
    struct sizes z;
    size_t from; /* the first view drawn: past the folded finished sessions */
    int fold_h;  /* the folded line's height with its gap, 0 when nothing is folded */
    int pages;   /* -1: not fitted */
};

/* Tries the rows from FROM on, at scale S, on one page; true when they fit. */
static bool try_one_page(struct lay *l, struct plan *p, const struct frame *f, double s,
                         size_t from, int fold_h, struct rowh *rh, size_t *first)
{
    sizes_make(l, &p->z, s, f->qr_w, f->dates);
    p->z.max_h = f->max_row;
    int cuts = l->cuts;
    if (!row_heights(l, &p->z, f->qr_w, f->full_w, rh))
        return false;
    /* Larger than the base size only while every title, host and place is shown whole. */
    if (s > 1.0 && l->cuts > cuts)
        return false;
    bool over;
    if (paginate(l, &p->z, rh, from, f->lim, fold_h, f->headings, first, &over) != 1 || over)
        return false;
    p->from = from;
    p->fold_h = fold_h;
    p->pages = 1;
    return true;
}

/* The rows from FROM on on one page at the largest scale that holds them. Larger sizes hold
 * fewer rows, so when the base size does not hold them none does and the larger are not tried
 * (a busy day is measured once, not once a size). */
static bool fit_one_page(struct lay *l, struct plan *p, const struct frame *f, size_t from,
                         int fold_h, struct rowh *rh, size_t *first)
{
    static const double larger[] = {1.4, 1.25, 1.1};
    if (!try_one_page(l, p, f, 1.0, from, fold_h, rh, first))
        return false;
    for (size_t k = 0; k < sizeof(larger) / sizeof(larger[0]) && !l->oom; k++)
        if (try_one_page(l, p, f, larger[k], from, fold_h, rh, first))
            return true;
    return try_one_page(l, p, f, 1.0, from, fold_h, rh, first);
}

void lay_sessions(struct lay *l, int page)
{
    const struct cor_layout_input *in = l->in;
    const struct cor_slide *s = in->slide;
    struct cor_rect c = l->out->content;
    int y = lay_title_block(l, c, s->title, NULL, 5, 6.5, 2);
    struct cor_rect area = {c.x, y, c.w, c.y + c.h - y};
    l->out->page = 0;
    l->out->n_pages = 1;
    if (in->n_views == 0 || !in->views) {
        empty_sentence(l, area);
        return;
    }
    /* The finished sessions come first; when none is on or to come, all are shown dimmed. */
    size_t n_fin = 0;
    while (n_fin < in->n_views && in->views[n_fin].state == COR_SESSION_FINISHED)
        n_fin++;
    if (n_fin == in->n_views)
        n_fin = 0;

    /* Room for a QR code is kept when a session on or to come has a link. */
    bool qr = qr_focus(in, n_fin, in->n_views) != NULL;
    bool beside = c.w > c.h;
    struct cor_rect rows = area, qr_room = {0};
    if (qr) {
        if (beside) {
            int qw = lay_u(l, 24);
            rows.w -= qw + lay_u(l, 4);
            qr_room = (struct cor_rect){rows.x + rows.w + lay_u(l, 4), area.y, qw, area.h};
        } else {
            int qh = lay_u(l, 22);
            rows.h -= qh + lay_u(l, 3);
            qr_room = (struct cor_rect){area.x, area.y + area.h - qh, area.w, qh};
        }
    }
    bool headings = s->show != COR_SHOW_TODAY;
    /* When most days have a single session, each row carries its date instead of a heading. */
    size_t n_days = 0;
    for (size_t i = 0; i < in->n_views; i++)
        if (i == 0 || in->views[i].session->day != in->views[i - 1].session->day)
            n_days++;
    bool dates = headings && n_days * 10 > in->n_views * 6;
    if (dates)
        headings = false;

    struct rowh *rh = calloc(in->n_views, sizeof(*rh));
    size_t *first = calloc(in->n_views + 1, sizeof(*first));
    if (!rh || !first) {
        l->oom = true;
        free(rh);
        free(first);
        return;
    }
    struct cor_text_metrics fm, im;
    int px_fold = lay_u(l, 3.2), px_ind = lay_u(l, 3.2);
    lay_measure(l, "Ag", 2, px_fold, false, &fm);
    lay_measure(l, "Ag", 2, px_ind, false, &im);
    int fold_h = n_fin ? fm.line_h + lay_u(l, 1.2) : 0;
    int ind_h = im.line_h + lay_u(l, 1);
    int shortest = rows.h < area.h ? rows.h : area.h;
    struct frame f = {rows.w, area.w, shortest - ind_h - fold_h, {rows.h, area.h}, dates, headings};

    /* Every session on one page at the largest scale that holds them; else the finished ones
     * folded into one line; else, at the base size, the sessions on and to come in as few and
     * as even pages as they need, the first opening on what is on now and next. */
    struct plan p = {.pages = -1};
    /* Rows cut while trying sizes are not what is shown: only the rows placed report a cut. */
    struct cor_layout before = *l->out;
    if (!fit_one_page(l, &p, &f, 0, 0, rh, first) && n_fin && !l->oom)
        fit_one_page(l, &p, &f, n_fin, fold_h, rh, first);
    if (p.pages < 0 && !l->oom) {
        p.from = n_fin;
        p.fold_h = fold_h;
        struct limits lim = {f.lim.qr - ind_h, f.lim.full - ind_h};
        p.pages = paginate_balanced(l, &p.z, rh, p.from, lim, fold_h, headings, first);
    }
    if (p.pages < 1 || l->oom) {
        free(rh);
        free(first);
        return;
    }
    l->out->unreadable = before.unreadable;
    memcpy(l->out->unreadable_text, before.unreadable_text, sizeof(before.unreadable_text));
    memcpy(l->out->unreadable_what, before.unreadable_what, sizeof(before.unreadable_what));
    l->out->unreadable_at = before.unreadable_at;
    struct sizes z = p.z;
    int pages = p.pages;
    first[pages] = in->n_views;
    if (page < 0)
        page = 0;
    if (page >= pages)
        page = pages - 1;
    l->out->page = page;
    l->out->n_pages = pages;

    /* The QR code of a session this page lists; without one the rows take its room. */
    const struct cor_session_view *focus = qr_focus(in, first[page], first[page + 1]);
    if (focus)
        qr_panel(l, focus, qr_room, beside);
    else
        rows = area;
    z.rows_w = rows.w;

    int ry = rows.y, row = 0;
    if (page == 0 && p.fold_h) {
        char fold[64];
        fold_text(p.from, fold, sizeof(fold));
        line(l, fold, px_fold, false, rows.x, ry, rows.w, COR_ROLE_TEXT, 150, row++, false);
        ry += p.fold_h;
    }
    int32_t prev = 0;
    for (size_t i = first[page]; i < first[page + 1] && !l->oom; i++) {
        int32_t day = in->views[i].session->day;
        bool top = i == first[page];
        if (headings && (top || day != prev)) {
            char head[96];
            heading_text(l, day, head, sizeof(head));
            int gap = top ? 0 : z.head_h - z.head_h0;
            line(l, head, z.px_head, true, rows.x, ry + gap, rows.w, COR_ROLE_TEXT, 255, row++,
                 false);
            ry += top ? z.head_h0 : z.head_h;
        } else if (!top) {
            lay_fill(l, (struct cor_rect){rows.x, ry, rows.w, z.sep}, COR_ROLE_TEXT, 60, -1);
            ry += z.sep;
        }
        ry += place_row(l, &z, &in->views[i], rows.x, ry, row++, false);
        prev = day;
    }
    if (pages > 1) {
        char ind[32];
        snprintf(ind, sizeof(ind), "%d of %d", page + 1, pages);
        int w = lay_width(l, ind, px_ind, false);
        line(l, ind, px_ind, false, rows.x + rows.w - w, rows.y + rows.h - im.line_h, w,
             COR_ROLE_TEXT, 220, -1, false);
    }
    free(rh);
    free(first);
}
