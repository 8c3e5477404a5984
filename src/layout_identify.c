/* layout_identify.c: the identify page, pure like the other layouts: "This screen is", the
 * screen's name as large as fits, its facts (host name, addresses, playlist, version) in two
 * columns, and a QR code of them; beside the words on a landscape screen, under them on a
 * portrait one. Sizes are in units (a hundredth of the shorter side): facts at 3 units or more
 * read from 3 m on a 40-inch screen. */
#include <string.h>

#include "layout_priv.h"

#define NAME_MIN  6.0
#define NAME_MAX  14.0
#define FACT_MIN  3.0
#define FACT_MAX  5.0
#define NOTE_SIZE 2.8

static struct lay_text words(const char *text, int px, bool bold, struct cor_rect room,
                             uint8_t alpha, bool dry)
{
    return (struct lay_text){.text = text,
                             .min_px = px,
                             .max_px = px,
                             .bold = bold,
                             .room = room,
                             .role = COR_ROLE_TEXT,
                             .alpha = alpha,
                             .tight = true,
                             .row = -1,
                             .dry = dry};
}

/* How many lines VALUE has. */
static int lines_of(const char *value)
{
    int n = 1;
    for (const char *p = value; *p; p++)
        n += *p == '\n';
    return n;
}

/* Lays out the facts at PX in ROOM (dry: measures only); returns their height, *FITS false when
 * a value was cut or they ran past the room. */
static int facts(struct lay *l, struct cor_rect room, int px, bool dry, bool *fits)
{
    const struct cor_layout_identify *id = l->in->identify;
    int label_w = 0;
    for (size_t i = 0; i < id->n_facts; i++) {
        int w = lay_width(l, id->facts[i].label, px, true);
        label_w = w > label_w ? w : label_w;
    }
    label_w += lay_u(l, 2.5);
    *fits = label_w < room.w * 2 / 5;
    int y = room.y, bottom = room.y + room.h;
    for (size_t i = 0; i < id->n_facts && !l->oom; i++) {
        const struct cor_layout_fact *f = &id->facts[i];
        struct lay_text v = words(f->value, px, false,
                                  (struct cor_rect){room.x + label_w, y, room.w - label_w,
                                                    bottom > y ? bottom - y : 0},
                                  255, dry);
        v.max_lines = lines_of(f->value) + 1; /* a long path may take one more */
        struct lay_fitted fv = lay_text(l, &v);
        struct lay_text k = words(f->label, px, true,
                                  (struct cor_rect){room.x, y, label_w, fv.line_h}, 200, dry);
        k.max_lines = 1;
        lay_text(l, &k);
        *fits &= !fv.cut && y + fv.h <= bottom;
        y += fv.h + lay_u(l, 1.2);
    }
    return y - room.y;
}

void lay_identify(struct lay *l)
{
    const struct cor_layout_input *in = l->in;
    const struct cor_layout_identify *id = in->identify;
    struct cor_rect c = l->out->safe;
    bool portrait = in->h > in->w;
    if (id->note && id->note[0]) {
        int npx = lay_u(l, NOTE_SIZE);
        struct cor_text_metrics m;
        lay_measure(l, "Ag", 2, npx, false, &m);
        int h = m.line_h * 2;
        struct lay_text n = words(id->note, npx, false, (struct cor_rect){c.x, c.y + c.h - h, c.w, h},
                                  200, false);
        n.max_lines = 2;
        size_t first = l->out->n_boxes;
        struct lay_fitted f = lay_text(l, &n);
        if (f.h < h) /* the note's last line on the safe area's bottom */
            lay_shift(l, first, 0, h - f.h);
        c.h -= h + lay_u(l, 3);
    }
    l->out->content = c;

    /* The QR code: a third of the width beside the words, or most of the width under them. */
    struct cor_rect text = c, code = {0};
    if (id->qr && id->qr[0]) {
        if (portrait) {
            int side = c.w * 3 / 5 < c.h * 2 / 5 ? c.w * 3 / 5 : c.h * 2 / 5;
            code = (struct cor_rect){c.x + (c.w - side) / 2, c.y + c.h - side, side, side};
            text.h = code.y - lay_u(l, 4) - c.y;
        } else {
            int side = c.w * 3 / 8 < c.h ? c.w * 3 / 8 : c.h;
            code = (struct cor_rect){c.x + c.w - side, c.y + (c.h - side) / 2, side, side};
            text.w = code.x - lay_u(l, 5) - c.x;
        }
    }

    int y = text.y;
    struct lay_text intro = words("This screen is", lay_u(l, 3.5), false,
                                  (struct cor_rect){text.x, y, text.w, text.h}, 220, false);
    intro.max_lines = 1;
    y += lay_text(l, &intro).h;
    struct lay_text name = {.text = id->name && id->name[0] ? id->name : "(no name)",
                            .min_px = lay_u(l, NAME_MIN),
                            .max_px = lay_u(l, NAME_MAX),
                            .bold = true,
                            .max_lines = 2,
                            .room = {text.x, y, text.w, text.h * 2 / 5},
                            .balance = true,
                            .role = COR_ROLE_TEXT,
                            .alpha = 255,
                            .row = -1};
    y += lay_text(l, &name).h + lay_u(l, 1.5);
    lay_fill(l, (struct cor_rect){text.x, y, lay_u(l, 9), lay_u(l, 0.8)}, COR_ROLE_ACCENT, 255, -1);
    y += lay_u(l, 0.8) + lay_u(l, 3);

    /* The facts as large as fit, in steps of a tenth of a unit. */
    struct cor_rect room = {text.x, y, text.w, text.y + text.h > y ? text.y + text.h - y : 0};
    int lo = lay_u(l, FACT_MIN), hi = lay_u(l, FACT_MAX), px = lo;
    bool fits;
    while (lo <= hi && !l->oom) {
        int mid = lo + (hi - lo) / 2;
        facts(l, room, mid, true, &fits);
        if (fits) {
            px = mid;
            lo = mid + 1;
        } else {
            hi = mid - 1;
        }
    }
    facts(l, room, px, false, &fits);

    if (code.w > 0) {
        struct cor_box *b = lay_push(l, COR_BOX_QR, code);
        if (b)
            b->link = lay_strdup(l, id->qr);
    }
}
