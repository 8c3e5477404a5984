/* reload.c: building a bundle beside the one on screen, and keeping the messages of the last try.
 */
#include "reload.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "render.h"

#define TAG "reload"

/* The stand-in: one slide that ended long ago, so only the fallback slide ever shows. */
static const char builtin_text[] = "name: corridor\n"
                                   "slides:\n"
                                   "  - type: text\n"
                                   "    title: corridor\n"
                                   "    when:\n"
                                   "      until: 2000-01-01\n";

struct cor_bundle *cor_bundle_make(struct cor_playlist *pl, struct SDL_Renderer *sdl, int w, int h,
                                   struct cor_diags *diags)
{
    if (!pl)
        return NULL;
    struct cor_bundle *show = calloc(1, sizeof(*show));
    if (!show) {
        cor_diags_add(diags, COR_SEV_ERROR, pl->display_path, 0, 0, "out of memory");
        cor_playlist_free(pl);
        return NULL;
    }
    show->playlist = pl;
    show->renderer = cor_renderer_create(sdl, pl, w, h, diags);
    if (!show->renderer) {
        if (diags->n_errors == 0)
            cor_diags_add(diags, COR_SEV_ERROR, pl->display_path, 0, 0,
                          "the screen could not prepare this playlist (see the log)");
        cor_bundle_free(show);
        return NULL;
    }
    return show;
}

struct cor_bundle *cor_bundle_load(const char *path, const struct cor_load_options *opts,
                                   struct SDL_Renderer *sdl, int w, int h, struct cor_diags *diags)
{
    return cor_bundle_make(cor_playlist_load(path, opts, diags), sdl, w, h, diags);
}

struct cor_bundle *cor_bundle_builtin(const char *dir, struct SDL_Renderer *sdl, int w, int h,
                                      struct cor_diags *diags)
{
    struct cor_load_options opts = {.check_files = false};
    struct cor_playlist *pl = cor_playlist_load_buffer("(built-in)", dir, builtin_text,
                                                       strlen(builtin_text), &opts, diags);
    struct cor_bundle *show = cor_bundle_make(pl, sdl, w, h, diags);
    if (show)
        show->builtin = true;
    return show;
}

void cor_bundle_free(struct cor_bundle *show)
{
    if (!show)
        return;
    cor_renderer_free(show->renderer);
    cor_playlist_free(show->playlist);
    free(show);
}

static void free_list(char **items, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(items[i]);
    free(items);
}

void cor_reload_report_free(struct cor_reload_report *r)
{
    free_list(r->errors, r->n_errors);
    free_list(r->warnings, r->n_warnings);
    memset(r, 0, sizeof(*r));
}

/* Copies the messages of severity SEV in DIAGS (at most COR_REPORT_MAX, then a count). */
static char **collect(const struct cor_diags *diags, enum cor_severity sev, size_t *n_out)
{
    size_t total = 0;
    for (size_t i = 0; i < diags->n; i++)
        total += diags->items[i].severity == sev;
    size_t dropped = sev == COR_SEV_ERROR && diags->truncated && diags->n_errors > total
                         ? diags->n_errors - total
                         : 0;
    size_t keep = total > COR_REPORT_MAX ? COR_REPORT_MAX : total;
    size_t more = total - keep + dropped;
    *n_out = 0;
    if (keep + (more > 0) == 0)
        return NULL;
    char **items = calloc(keep + 1, sizeof(*items));
    if (!items)
        return NULL;
    size_t n = 0;
    char line[1024];
    for (size_t i = 0; i < diags->n && n < keep; i++) {
        if (diags->items[i].severity != sev)
            continue;
        cor_diag_format(&diags->items[i], line, sizeof(line));
        if (!(items[n] = strdup(line)))
            break;
        n++;
    }
    if (more > 0 && n == keep) {
        snprintf(line, sizeof(line), "... and %zu more", more);
        if ((items[n] = strdup(line)))
            n++;
    }
    *n_out = n;
    return items;
}

void cor_reload_report_set(struct cor_reload_report *r, const struct cor_diags *diags, bool ok,
                           int64_t at_ms)
{
    cor_reload_report_free(r);
    r->ok = ok;
    r->at_ms = at_ms;
    r->errors = collect(diags, COR_SEV_ERROR, &r->n_errors);
    r->warnings = collect(diags, COR_SEV_WARNING, &r->n_warnings);
    if (!ok && r->n_errors == 0) {
        /* Out of memory while copying: still say the reload failed. */
        r->errors = calloc(1, sizeof(*r->errors));
        if (r->errors && (r->errors[0] = strdup("the playlist could not be loaded")))
            r->n_errors = 1;
    }
}
