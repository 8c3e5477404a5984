/* playlog.h: proof of play: one JSON line per page shown (when, screen, slide, type, title,
 * page, seconds on screen, playlist hash), appended to a file that is rotated by size with a
 * bounded number of old files, and synced to the card seldom. `corridor report` reads it. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

/* Defaults for the file's size bound and how many files (itself and FILE.1 ...) are kept. */
#define COR_PLAYLOG_MAX_BYTES (4L << 20)
#define COR_PLAYLOG_FILES     5
/* A line written is synced to the card at most this often (ms of play), and at rotation and
 * at a clean stop; in between the kernel writes it back on its own (docs/many-screens.md). */
#define COR_PLAYLOG_SYNC_MS (10 * 60 * 1000)

/* A page as it goes up. Strings are copied. */
struct cor_play {
    int64_t since_ms; /* when the page went up, by the deck (wall clock ms): a page that goes up
                       * again, with a new since, is a new showing */
    const char *screen;
    int slide_index; /* 1-based; 0: the fallback slide or a full urgent notice */
    const char *type;
    const char *title;
    int page;
    uint64_t hash; /* the playlist's; 0 with no playlist (the stand-in plays) */
};

struct cor_playlog;

/* Opens PATH for appending (created 0644 when missing), rotated when a line would take it past
 * MAX_BYTES, keeping FILES files in all (<= 0: the defaults). Returns NULL (logged) when it
 * cannot be opened or memory runs out; the caller plays on without it. */
struct cor_playlog *cor_playlog_open(const char *path, long max_bytes, int files);

/* The page P is on screen at WALL_MS (wall clock) and MONO_MS (a monotonic clock, ms); NULL:
 * nothing is (the screen is off for the night). When it is not the page held, the held page's
 * line is written with the seconds it was up, and P is held instead. Returns false (logged)
 * when a line could not be written. */
bool cor_playlog_show(struct cor_playlog *log, const struct cor_play *p, int64_t wall_ms,
                      int64_t mono_ms);

/* Writes the held page's line (it comes down at MONO_MS), syncs, closes and frees LOG. NULL is
 * fine. */
void cor_playlog_close(struct cor_playlog *log, int64_t mono_ms);

/* How many times the file was synced since it was opened: the tests' and the measurement's. */
unsigned long cor_playlog_syncs(const struct cor_playlog *log);
