/* bgload.h: reading and checking a playlist on a thread of its own, so that the player's loop
 * goes on drawing, keeping time and pinging the watchdog while a large playlist loads. */
#pragma once

#include <stdbool.h>

#include "diag.h"
#include "loader.h"
#include "model.h"

struct cor_bgload;

/* Returns a loader with nothing loading, or NULL when its descriptor cannot be made (logged;
 * the caller then loads on its own thread). */
struct cor_bgload *cor_bgload_create(void);
/* Waits for a load still running, then frees what it made. Accepts NULL. */
void cor_bgload_free(struct cor_bgload *b);

/* The descriptor to poll() for reading: readable once a started load has finished. */
int cor_bgload_fd(const struct cor_bgload *b);

/* True from cor_bgload_start until cor_bgload_finish has handed over the result. */
bool cor_bgload_busy(const struct cor_bgload *b);

/* Starts cor_playlist_load(PATH, OPTS) on a new thread (PATH and OPTS are copied; what OPTS
 * points to must outlive the load). Returns false when busy or the thread cannot be started
 * (logged). The load touches no state of the caller's: only files, and fontconfig under
 * font.c's lock. */
bool cor_bgload_start(struct cor_bgload *b, const char *path, const struct cor_load_options *opts);

/* When the load has finished: joins its thread, puts the playlist (NULL when refused; the
 * caller owns it) in *PLAYLIST and moves its messages into DIAGS (initialised, owned by the
 * caller), and returns true. False while it is still running or none was started. */
bool cor_bgload_finish(struct cor_bgload *b, struct cor_playlist **playlist,
                       struct cor_diags *diags);
