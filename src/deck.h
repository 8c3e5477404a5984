/* deck.h: which slide and page is up, and which comes next: pure, with time and page counts
 * passed in, so it is tested without a screen. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "model.h"

/* What the deck decides against: the playlist, the screen's name, the civil minute, whether the
 * clock is trusted, how to count a slide's pages and whether a slide can be shown at all (the
 * renderer knows: a full-screen picture broken on disk since the playlist loaded cannot; tests
 * fake both). */
struct cor_deck_env {
    const struct cor_playlist *playlist;
    const char *screen; /* NULL: any screen */
    cor_minute now;
    bool clock_trusted;
    int (*page_count)(void *ctx, const struct cor_slide *slide, cor_minute now);
    bool (*can_show)(void *ctx, const struct cor_slide *slide); /* NULL: every slide can */
    void *ctx;
};

/* The deck's position. SLIDE -1 is the fallback slide, shown when nothing else plays. */
struct cor_deck {
    int slide;        /* index into playlist->slides, or -1 */
    int page, pages;  /* 0-based page of the slide, and how many it has (>= 1) */
    int64_t start_ms; /* simulated time the page went up */
    int64_t end_ms;   /* simulated time it comes down; INT64_MAX for the fallback */
};

enum cor_deck_change {
    COR_DECK_SAME,   /* the same page stays up, unchanged */
    COR_DECK_REDRAW, /* the same page stays up, but what it shows may have changed */
    COR_DECK_MOVED,  /* another slide or page is up */
};

/* True when slide I plays under ENV. */
bool cor_deck_plays(const struct cor_deck_env *env, int i);

/* Index of the first slide that plays, looking from FROM in direction DIR (+1 or -1) around the
 * playlist; -1 when none does. */
int cor_deck_find(const struct cor_deck_env *env, int from, int dir);

/* Puts up page 0 of the first slide that plays at or after FROM (or the fallback) at START_MS. */
void cor_deck_start(struct cor_deck *d, const struct cor_deck_env *env, int from, int64_t start_ms);

/* Moves one page in DIR (+1 or -1): the next page of the slide, else page 0 of the next slide
 * that plays (going back lands on the previous slide's page 0), else the fallback. The new page
 * goes up at START_MS. Returns COR_DECK_SAME when the very same page would come back (a
 * playlist of one single-page slide); its timer restarts. */
enum cor_deck_change cor_deck_step(struct cor_deck *d, const struct cor_deck_env *env, int dir,
                                   int64_t start_ms);

/* After the schedule, the clock, or its trust changed: keeps the slide when it still plays
 * (its page count re-read and the page clamped), else moves to the next one that plays, or
 * from the fallback to the first that plays. Returns COR_DECK_REDRAW when the slide (or the
 * fallback) stays, COR_DECK_MOVED when it changed (the new page goes up at NOW_MS). */
enum cor_deck_change cor_deck_revalidate(struct cor_deck *d, const struct cor_deck_env *env,
                                         int64_t now_ms);

/* The slide that is up, or NULL for the fallback. */
const struct cor_slide *cor_deck_slide(const struct cor_deck *d, const struct cor_deck_env *env);
