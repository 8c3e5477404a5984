/* preview_page.h: the parts of a report page that show a playlist which plays (for preview*.c
 * only). */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "html.h"
#include "model.h"
#include "render_cli.h"

/* One screen of the report: its name, size, and the pages render drew for it. */
struct cor_preview_screen {
    const char *name; /* NULL: every screen; "": any screen that no `screens:` names */
    int w, h;
    char folder[16]; /* its folder of pictures inside the version folder: "s1", "s2", ... */
    bool drawn;      /* render wrote its pictures */
    struct cor_render_result pages;
};

/* Writes "What plays now": for each screen its contact sheet, a picture of each page with alt
 * text, and why the other slides are skipped. Pictures are named PREFIX/FOLDER/FILE. Slides get
 * the anchor slide-N the first time they appear. */
void cor_preview_write_plays(struct cor_html *h, const struct cor_playlist *pl, cor_minute now,
                             const struct cor_preview_screen *screens, size_t n, const char *prefix,
                             bool cut);

/* Writes "The coming week": for each of seven days from NOW's, what plays from the start of the
 * day and from each moment the schedules change it, and each sessions slide's timetable. */
void cor_preview_write_week(struct cor_html *h, const struct cor_playlist *pl, cor_minute now);

/* Byte count past which a section stops adding items and says so; the page's hard limit leaves
 * room to close what is open. */
#define COR_PREVIEW_SOFT_LIMIT(h) ((h)->limit > 65536 ? (h)->limit - 65536 : 0)
