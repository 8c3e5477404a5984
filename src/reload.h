/* reload.h: a loaded playlist with its renderer ready (a "bundle"), built beside the one playing so
 * a reload swaps whole or not at all, and the record of how the last reload went. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "loader.h"
#include "model.h"

struct SDL_Renderer;

/* A playlist and everything its renderer prepared for a W x H screen. */
struct cor_bundle {
    struct cor_playlist *playlist;
    struct cor_renderer *renderer;
    bool builtin; /* the calm stand-in shown while no playlist has ever loaded */
};

/* Loads PATH and makes its renderer (fonts, images decoded). Returns the bundle (free with
 * cor_bundle_free), or NULL with every mistake in DIAGS. */
struct cor_bundle *cor_bundle_load(const char *path, const struct cor_load_options *opts,
                                   struct SDL_Renderer *sdl, int w, int h, struct cor_diags *diags);

/* Makes the renderer for PL (taken over: freed on failure; NULL is passed through as NULL) on
 * the drawing thread, where textures are made. Returns the bundle, or NULL with the mistakes in
 * DIAGS. */
struct cor_bundle *cor_bundle_make(struct cor_playlist *pl, struct SDL_Renderer *sdl, int w, int h,
                                   struct cor_diags *diags);

/* A stand-in playlist whose only slide never plays, so the fallback slide shows; DIR is the
 * folder the real playlist lives in. NULL when even that fails. */
struct cor_bundle *cor_bundle_builtin(const char *dir, struct SDL_Renderer *sdl, int w, int h,
                                      struct cor_diags *diags);

/* Frees the renderer, then the playlist. Accepts NULL. */
void cor_bundle_free(struct cor_bundle *show);

/* How the last load went, for the status file and the log. */
struct cor_reload_report {
    bool ok;
    int64_t at_ms; /* wall clock */
    char **errors; /* "FILE:LINE:COL: message" (owned) */
    size_t n_errors;
    char **warnings;
    size_t n_warnings;
};

/* Most messages of each kind a report keeps; a last line counts the rest. */
#define COR_REPORT_MAX 20

/* Replaces R's contents with the messages in DIAGS. */
void cor_reload_report_set(struct cor_reload_report *r, const struct cor_diags *diags, bool ok,
                           int64_t at_ms);
void cor_reload_report_free(struct cor_reload_report *r);
