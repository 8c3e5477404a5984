/* preview.c: a report for the people who edit a playlist: check's messages, render's pictures and
 * the schedule's reasons, written as one static HTML page in the report folder. */
#include "preview.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include "arena.h"
#include "check_cli.h"
#include "clock.h"
#include "diag.h"
#include "html.h"
#include "loader.h"
#include "paths.h"
#include "userfile.h"
#include "preview_dir.h"
#include "preview_page.h"
#include "status.h"
#include "value.h"
#include "yamltree.h"

/* The part of a good report that a later report with mistakes shows again, and its first line,
 * which says when the playlist it shows was saved. */
#define PLAYS_FILE    "plays.html"
#define VERSION_OPEN  "<!-- version: "
#define VERSION_CLOSE " -->\n"
/* The page's bytes shared out: messages stop past the first MISTAKES_MAX bytes of the page, and
 * the part showing what plays (or a kept one read back) is at most PLAYS_MAX, so both fit. */
#define MISTAKES_MAX (COR_PREVIEW_MAX_HTML / 3)
#define PLAYS_MAX    (COR_PREVIEW_MAX_HTML / 2)

/* The page up to its title, and from its title to the body. */
static const char head_start[] =
    COR_REPORT_MARK "\n"
                    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                    "img-src 'self' file:; style-src 'unsafe-inline'\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                    "<title>";
static const char head_rest[] =
    ": corridor report</title>\n"
    "<style>\n"
    "body{font-family:Segoe UI,DejaVu Sans,Arial,sans-serif;font-size:1.3rem;line-height:1.5;"
    "margin:0 auto;max-width:70rem;padding:1rem 1.5rem;color:#111;background:#fff}\n"
    "h1{font-size:2.2rem;margin:.5rem 0;padding:.6rem 1rem;border-radius:.4rem}\n"
    "h1.plays{background:#e3f4e8;border-left:.6rem solid #1b7a3a}\n"
    "h1.mistakes{background:#fde8e8;border-left:.6rem solid #b3261e}\n"
    "h2{font-size:1.8rem;margin-top:2.5rem;border-bottom:2px solid #ccc}\n"
    "h3{font-size:1.5rem;margin-top:1.8rem}\n"
    ".size{font-weight:normal;font-size:1.1rem}\n"
    "ol.mistakes>li{margin:1rem 0;padding:.6rem 1rem;background:#fff6f5;border-left:.4rem solid "
    "#b3261e}\n"
    "ol.mistakes>li.warning{background:#fffbea;border-left-color:#a86b00}\n"
    ".where{font-family:Consolas,DejaVu Sans Mono,monospace;font-size:1.1rem;word-break:break-all}"
    "\n"
    "pre{font-size:1.15rem;background:#f4f4f4;padding:.5rem;overflow-x:auto;white-space:pre-wrap}\n"
    "mark{background:#ffd54f;outline:2px solid #b3261e}\n"
    "ol.pages{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:1rem}\n"
    "ol.pages figure{margin:0;max-width:30rem}\n"
    "img{max-width:100%;height:auto;border:1px solid #999}\n"
    "figure.sheet{margin:1rem 0}\n"
    "table{border-collapse:collapse;margin:.8rem 0}\n"
    "caption{text-align:left;font-weight:bold}\n"
    "th,td{border:1px solid #999;padding:.3rem .6rem;text-align:left;vertical-align:top}\n"
    ".note{background:#eef3fb;padding:.5rem 1rem;border-left:.4rem solid #2f5c9e}\n"
    "</style>\n</head>\n<body>\n<main>\n";

/* The file name of PATH, without its folders. */
static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash && slash[1] ? slash + 1 : path;
}

/* ---- screens ------------------------------------------------------------------------------ */

/* The size OPTS gives the screen NAME (NULL, "": the default), or 1920x1080. */
static void size_for(const struct cor_preview_options *o, const char *name, int *w, int *h)
{
    *w = 1920;
    *h = 1080;
    bool found = false;
    for (size_t i = 0; i < o->n_sizes && !found; i++) {
        const struct cor_preview_size *s = &o->sizes[i];
        if (name && *name && s->screen && strcasecmp(s->screen, name) == 0)
            found = true;
        else if (s->screen)
            continue;
        *w = s->w;
        *h = s->h;
    }
}

/* The screens the report shows: each name `screens:` lists, then any other screen; or, when no
 * slide names one, every screen. Returns how many (at most COR_PREVIEW_MAX_SCREENS); *CUT when
 * names were left out. */
static size_t collect_screens(const struct cor_playlist *pl, const struct cor_preview_options *o,
                              struct cor_preview_screen *out, bool *cut)
{
    size_t n = 0;
    for (size_t i = 0; i < pl->n_slides; i++) {
        const struct cor_slide *s = &pl->slides[i];
        for (size_t k = 0; k < s->n_screens; k++) {
            bool known = false;
            for (size_t j = 0; j < n && !known; j++)
                known = strcasecmp(out[j].name, s->screens[k]) == 0;
            if (known)
                continue;
            if (n == COR_PREVIEW_MAX_SCREENS - 1) {
                *cut = true;
                continue;
            }
            out[n++].name = s->screens[k];
        }
    }
    /* With names, the last section is every screen no `screens:` names. */
    out[n].name = n ? "" : NULL;
    n++;
    for (size_t i = 0; i < n; i++) {
        size_for(o, out[i].name, &out[i].w, &out[i].h);
        snprintf(out[i].folder, sizeof(out[i].folder), "s%d", (int)i + 1);
    }
    return n;
}

/* Draws each screen's pages into its folder inside VERSION with render's own code. */
static bool draw_screens(const struct cor_playlist *pl, cor_minute now, const char *version,
                         struct cor_preview_screen *screens, size_t n)
{
    bool cut = false;
    int left = COR_PREVIEW_MAX_PAGES;
    for (size_t i = 0; i < n; i++) {
        char folder[PATH_MAX + 16];
        snprintf(folder, sizeof(folder), "%s/%s", version, screens[i].folder);
        if (left <= 0 || mkdir(folder, 0755) != 0) {
            cut = true;
            continue;
        }
        struct cor_render_request req = {
            .playlist = pl,
            .out = folder,
            .screen = screens[i].name,
            .at = now,
            .w = screens[i].w,
            .h = screens[i].h,
            .max_pages = left,
            .small = true,
            .quiet = true,
        };
        struct cor_diags diags;
        cor_diags_init(&diags);
        screens[i].drawn = cor_render_pages(&req, &diags, &screens[i].pages) == 0;
        cor_diags_free(&diags);
        left -= (int)screens[i].pages.n;
        cut |= screens[i].pages.cut;
    }
    return cut;
}

/* ---- mistakes ----------------------------------------------------------------------------- */

/* The line where each slide of the playlist text starts, read from its YAML tree: the slides of
 * a playlist that did not load, so that its mistakes can point at them. */
static size_t slide_lines(const struct cor_diags *d, const char *file, int *lines, size_t cap)
{
    size_t len;
    const char *text = cor_diags_source(d, file, &len);
    struct cor_arena *arena = text ? cor_arena_create() : NULL;
    if (!arena)
        return 0;
    struct cor_diags scratch;
    cor_diags_init(&scratch);
    const struct cor_ynode *root = cor_yaml_parse(arena, file, text, len, &scratch);
    size_t n = 0;
    for (size_t i = 0; root && root->kind == COR_YNODE_MAPPING && i + 1 < root->n_kids; i += 2) {
        const struct cor_ynode *k = root->kids[i], *v = root->kids[i + 1];
        if (k->kind != COR_YNODE_SCALAR || strcasecmp(k->text, "slides") != 0 ||
            v->kind != COR_YNODE_SEQUENCE)
            continue;
        for (size_t j = 0; j < v->n_kids && n < cap; j++)
            lines[n++] = v->kids[j]->line;
        break;
    }
    cor_diags_free(&scratch);
    cor_arena_free(arena);
    return n;
}

/* The 1-based number of the slide that line LINE belongs to, from LINES (where each starts), or
 * 0 when it lies before the first. */
static int slide_of_line(const int *lines, size_t n, int line)
{
    int found = 0;
    for (size_t i = 0; i < n && lines[i] <= line; i++)
        found = (int)i + 1;
    return found;
}

/* The offending line with the spot marked: the word at character COL in <mark>. */
static void write_line(struct cor_html *h, const char *line, size_t len, int col)
{
    size_t shown = len > 240 ? 240 : len;
    while (shown < len && shown > 0 && ((unsigned char)line[shown] & 0xC0) == 0x80)
        shown--;
    size_t at = 0;
    int chars = 0;
    /* The byte where character COL starts. */
    for (at = 0; at < shown && col > 0; at++) {
        if (((unsigned char)line[at] & 0xC0) == 0x80)
            continue;
        if (++chars == col)
            break;
    }
    cor_html_raw(h, "<pre>");
    if (col > 0 && at < shown) {
        /* The word that starts there, so the spot is easy to see. */
        size_t end = at + 1;
        while (end < shown && line[end] != ' ' && line[end] != '\t')
            end++;
        cor_html_text_n(h, line, at);
        cor_html_raw(h, "<mark>");
        cor_html_text_n(h, line + at, end - at);
        cor_html_raw(h, "</mark>");
        cor_html_text_n(h, line + end, shown - end);
    } else {
        cor_html_text_n(h, line, shown);
        if (col > 0)
            cor_html_raw(h, "<mark> </mark>");
    }
    if (shown < len)
        cor_html_raw(h, "...");
    cor_html_raw(h, "</pre>\n");
}

/* Every message as check prints it, mistakes first, each with its line and a link to its slide
 * when the page shows that slide. */
static void write_mistakes(struct cor_html *h, const struct cor_diags *d,
                           const struct cor_playlist *pl, const char *playlist, const char *kept)
{
    if (d->n == 0)
        return;
    int lines[4096];
    size_t n_lines = 0;
    if (pl) {
        for (size_t i = 0; i < pl->n_slides && n_lines < 4096; i++)
            lines[n_lines++] = pl->slides[i].pos.line;
    } else {
        n_lines = slide_lines(d, playlist, lines, 4096);
    }
    cor_html_raw(h,
                 "<section aria-labelledby=\"mistakes\">\n<h2 id=\"mistakes\">%s</h2>\n"
                 "<ol class=\"mistakes\">\n",
                 d->n_errors ? "Mistakes to fix" : "Warnings");
    size_t shown = 0;
    for (int pass = 0; pass < 2; pass++) {
        enum cor_severity want = pass == 0 ? COR_SEV_ERROR : COR_SEV_WARNING;
        for (size_t i = 0; i < d->n; i++) {
            const struct cor_diag *g = &d->items[i];
            if (g->severity != want)
                continue;
            if (h->full || h->b.len > MISTAKES_MAX)
                break;
            bool error = g->severity == COR_SEV_ERROR;
            cor_html_raw(h, "<li class=\"%s\"><p><strong>%s</strong>", error ? "error" : "warning",
                         error ? "Mistake" : "Warning");
            if (g->line > 0)
                cor_html_raw(h, " on line %d", g->line);
            if (g->col > 0)
                cor_html_raw(h, ", column %d", g->col);
            cor_html_raw(h, " of ");
            cor_html_text(h, base_name(g->file));
            cor_html_raw(h, ": ");
            cor_html_text(h, g->msg);
            cor_html_raw(h, "</p>\n");
            size_t len = 0;
            const char *line =
                g->line > 0 ? cor_diags_source_line(d, g->file, g->line, &len) : NULL;
            if (line)
                write_line(h, line, len, g->col);
            /* As `corridor check` prints it, for whoever fixes it with other tools. */
            char buf[4096];
            struct cor_diag tmp = *g;
            char msg[3072];
            snprintf(msg, sizeof(msg), "%s: %s", error ? "error" : "warning", g->msg);
            tmp.msg = msg;
            cor_diag_format(&tmp, buf, sizeof(buf));
            cor_html_raw(h, "<p class=\"where\">");
            cor_html_text(h, buf);
            cor_html_raw(h, "</p>\n");
            int slide = strcmp(g->file, playlist) == 0 && g->line > 0
                            ? slide_of_line(lines, n_lines, g->line)
                            : 0;
            char id[32];
            snprintf(id, sizeof(id), "id=\"slide-%d\"", slide);
            /* A slide of this playlist is on the page; one of the last good version's only
             * when it had that many. */
            if (slide && (pl || (kept && strstr(kept, id))))
                cor_html_raw(h, "<p><a href=\"#slide-%d\">See slide %d%s</a></p>\n", slide, slide,
                             pl ? "" : " as the screens play it now");
            else if (slide)
                cor_html_raw(h, "<p>In slide %d.</p>\n", slide);
            cor_html_raw(h, "</li>\n");
            shown++;
        }
    }
    cor_html_raw(h, "</ol>\n");
    if (shown < d->n || d->truncated)
        cor_html_raw(h, "<p class=\"note\">More messages than fit here: fix these first, or "
                        "run <code>corridor check</code> for all of them.</p>\n");
    cor_html_raw(h, "</section>\n");
}

/* ---- the page ----------------------------------------------------------------------------- */

/* "10:42 on Friday 4 December 2026" for civil minute T. */
static void format_moment(cor_minute t, char *buf, size_t size)
{
    char date[64], time_s[16];
    cor_format_date((int32_t)(t / COR_MINUTES_PER_DAY), date, sizeof(date));
    cor_format_time((int)(t % COR_MINUTES_PER_DAY), time_s, sizeof(time_s));
    snprintf(buf, size, "%s on %s", time_s, date);
}

/* The version line of a kept part: the text between its markers, or "". */
static void kept_version(const char *plays, char *buf, size_t size)
{
    buf[0] = '\0';
    size_t open = strlen(VERSION_OPEN);
    if (strncmp(plays, VERSION_OPEN, open) != 0)
        return;
    const char *end = strstr(plays + open, VERSION_CLOSE);
    if (!end || (size_t)(end - plays - open) >= size)
        return;
    memcpy(buf, plays + open, (size_t)(end - plays - open));
    buf[end - plays - open] = '\0';
}

struct report {
    const struct cor_preview_options *o;
    enum cor_preview_verdict verdict;
    const char *reason; /* why the playlist cannot be read */
    cor_minute now, made;
    struct cor_diags diags;
    struct cor_playlist *pl;
    char name[COR_REPORT_NAME_MAX], building[PATH_MAX];
    struct cor_preview_screen screens[COR_PREVIEW_MAX_SCREENS];
    size_t n_screens;
    bool cut;
    struct cor_html plays; /* what plays and the week, kept for later reports */
    char *kept;            /* the last good report's part, when this one has none */
    char kept_name[COR_REPORT_NAME_MAX], kept_version[128];
};

static void write_verdict(struct cor_html *h, const struct report *r)
{
    const char *title = base_name(r->o->playlist);
    char made[128];
    format_moment(r->made, made, sizeof(made));
    if (r->verdict == COR_PREVIEW_PLAYS) {
        size_t n = r->pl->n_slides, w = r->diags.n_warnings;
        cor_html_raw(h, "<h1 class=\"plays\">Plays: %zu slide%s", n, n == 1 ? "" : "s");
        if (w)
            cor_html_raw(h, ", %zu warning%s", w, w == 1 ? "" : "s");
        cor_html_raw(h, "</h1>\n");
    } else {
        cor_html_raw(h, "<h1 class=\"mistakes\">");
        if (r->verdict == COR_PREVIEW_UNREADABLE) {
            cor_html_raw(h, "The playlist cannot be read");
        } else {
            size_t n = r->diags.n_errors;
            cor_html_raw(h, "%zu mistake%s", n, n == 1 ? "" : "s");
        }
        if (r->kept_version[0]) {
            cor_html_raw(h, ": the screens keep playing the version of ");
            cor_html_text(h, r->kept_version);
        } else {
            cor_html_raw(h, ": the screens keep playing the last version without mistakes");
        }
        cor_html_raw(h, "</h1>\n");
    }
    cor_html_raw(h, "<p>Report on <strong>");
    if (r->pl && r->pl->name) {
        cor_html_text(h, r->pl->name);
        cor_html_raw(h, "</strong> (");
        cor_html_text(h, title);
        cor_html_raw(h, ").</p>\n");
    } else {
        cor_html_text(h, title);
        cor_html_raw(h, "</strong>.</p>\n");
    }
    cor_html_raw(h, "<p>Made at %s. Press F5 for the newest.</p>\n", made);
    if (r->verdict == COR_PREVIEW_UNREADABLE) {
        cor_html_raw(h, "<p>");
        cor_html_text(h, r->o->playlist);
        cor_html_raw(h, ": ");
        cor_html_text(h, r->reason);
        cor_html_raw(h, ". Check the file's name and that it is saved in this folder.</p>\n");
    }
}

/* The whole page into H. */
static void write_page(struct cor_html *h, const struct report *r)
{
    const char *title = base_name(r->o->playlist);
    cor_html_raw(h, "%s", head_start);
    cor_html_text(h, title);
    cor_html_raw(h, "%s", head_rest);
    write_verdict(h, r);
    write_mistakes(h, &r->diags, r->pl, r->o->playlist, r->kept);
    if (r->pl) {
        cor_html_raw(h, "%s", r->plays.b.data ? r->plays.b.data : "");
    } else if (r->kept) {
        cor_html_raw(h, "<p class=\"note\">Below: what the screens play, as the report of the "
                        "last version without mistakes showed it.</p>\n");
        cor_html_raw(h, "%s", r->kept);
    } else {
        cor_html_raw(h, "<p class=\"note\">This report has not seen a version of the playlist "
                        "without mistakes yet, so it has no pictures to show.</p>\n");
    }
    if (h->full)
        return;
    cor_html_raw(h, "<p>corridor makes this page again each time the playlist, or a file it "
                    "names, is saved.</p>\n</main>\n</body>\n</html>\n");
}

/* The part of a good report a later one with mistakes shows again: what plays and the week,
 * with pictures named from the report folder. */
static void write_plays(struct report *r)
{
    struct stat st;
    char version[128] = "";
    if (stat(r->pl->path, &st) == 0)
        format_moment(cor_clock_civil(st.st_mtime, r->pl->timezone), version, sizeof(version));
    cor_html_init(&r->plays, PLAYS_MAX);
    cor_html_raw(&r->plays, VERSION_OPEN "%s" VERSION_CLOSE, version);
    cor_preview_write_plays(&r->plays, r->pl, r->now, r->screens, r->n_screens, r->name, r->cut);
    cor_preview_write_week(&r->plays, r->pl, r->now);
}

/* Reads the last good report's part back, when the report folder still has it. */
static void read_kept(struct report *r)
{
    const char *dir = r->o->out;
    if (!cor_report_dir_newest(dir, "plays", r->kept_name, sizeof(r->kept_name)))
        return;
    char folder[PATH_MAX];
    snprintf(folder, sizeof(folder), "%s/%s", dir, r->kept_name);
    size_t len;
    r->kept = cor_report_read_file(folder, PLAYS_FILE, PLAYS_MAX, &len);
    if (r->kept)
        kept_version(r->kept, r->kept_version, sizeof(r->kept_version));
}

static cor_minute moment(const struct cor_preview_options *o, const char *zone)
{
    return o->has_at ? o->at : cor_clock_civil(time(NULL), zone);
}

enum cor_preview_verdict cor_preview_make(const struct cor_preview_options *o, char ***files,
                                          size_t *n_files, char *err, size_t err_size)
{
    *files = NULL;
    *n_files = 0;
    if (!cor_report_dir_prepare(o->out, o->playlist, err, err_size))
        return COR_PREVIEW_NOT_WRITTEN;
    struct report r = {.o = o};
    cor_diags_init(&r.diags);
    char why[256];
    r.now = moment(o, NULL);
    if (!cor_file_check(o->playlist, why, sizeof(why))) {
        r.verdict = COR_PREVIEW_UNREADABLE;
        r.reason = why;
    } else {
        r.pl = cor_check_load(o->playlist, o->allow_dirs, true, r.now, &r.diags);
        r.verdict = r.pl ? COR_PREVIEW_PLAYS : COR_PREVIEW_MISTAKES;
    }
    r.made = cor_clock_civil(time(NULL), r.pl ? r.pl->timezone : NULL);
    if (r.pl)
        r.now = moment(o, r.pl->timezone);
    static const char *const kinds[] = {"plays", "mistakes", "unreadable"};
    enum cor_preview_verdict result = COR_PREVIEW_NOT_WRITTEN;
    struct cor_html page;
    cor_html_init(&page, COR_PREVIEW_MAX_HTML);
    if (!cor_report_dir_start(o->out, kinds[r.verdict], r.name, sizeof(r.name), r.building,
                              sizeof(r.building), err, err_size))
        goto out;
    if (r.pl) {
        r.n_screens = collect_screens(r.pl, o, r.screens, &r.cut);
        r.cut |= draw_screens(r.pl, r.now, r.building, r.screens, r.n_screens);
        write_plays(&r);
        char kept[PATH_MAX + 16];
        snprintf(kept, sizeof(kept), "%s/" PLAYS_FILE, r.building);
        if (r.plays.full || !cor_write_atomic(kept, r.plays.b.data, r.plays.b.len)) {
            cor_say(err, err_size, "cannot write the report in %s", r.building);
            goto out;
        }
    } else {
        read_kept(&r);
    }
    write_page(&page, &r);
    if (page.full) {
        cor_say(err, err_size, "out of memory for the report");
        goto out;
    }
    if (!cor_report_dir_publish(o->out, r.name, page.b.data, page.b.len, err, err_size))
        goto out;
    /* Keep the report just replaced (a reader may have it open) and the last good one. */
    cor_report_dir_prune(o->out, 2, "plays");
    result = r.verdict;
    if (r.pl) {
        *files = calloc(r.pl->n_files ? r.pl->n_files : 1, sizeof(**files));
        for (size_t i = 0; *files && i < r.pl->n_files; i++) {
            if (!((*files)[i] = strdup(r.pl->files[i])))
                break;
            ++*n_files;
        }
    }
out:
    /* A report that could not be published leaves nothing behind. */
    if (result == COR_PREVIEW_NOT_WRITTEN && r.building[0])
        cor_report_dir_remove(r.building);
    for (size_t i = 0; i < r.n_screens; i++)
        cor_render_result_free(&r.screens[i].pages);
    cor_html_free(&page);
    cor_html_free(&r.plays);
    free(r.kept);
    cor_playlist_free(r.pl);
    cor_diags_free(&r.diags);
    return result;
}

void cor_preview_files_free(char **files, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(files[i]);
    free(files);
}
