/* watch.h: noticing when any file a playlist depends on changes: inotify on their folders (and
 * the folders above, so a replaced folder is found again), plus a stat() poll for network
 * shares where inotify sees nothing. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

struct cor_watch;

/* Returns a watch with nothing watched, or NULL when out of memory. When inotify is unavailable
 * (too many instances) the watch still works through cor_watch_poll alone. */
struct cor_watch *cor_watch_create(void);
/* Accepts NULL. */
void cor_watch_free(struct cor_watch *w);

/* The descriptor to poll() for reading, or -1 without inotify. */
int cor_watch_fd(const struct cor_watch *w);

/* Watches exactly FILES (N absolute paths; copied) and records their state for cor_watch_poll.
 * ANY_NAME: any change in their folders counts, not only to these names; a player sets it while
 * the playlist is broken, since the fix may name a file it does not know yet. Returns false
 * when out of memory (the previous set is kept). */
bool cor_watch_set(struct cor_watch *w, const char *const *files, size_t n, bool any_name);

/* What the pending events say about the watched files. */
enum cor_watch_change {
    COR_WATCH_NONE,    /* nothing watched changed */
    COR_WATCH_WRITING, /* something changed and may still be changing: a file created, removed
                        * or moved away, a folder replaced */
    COR_WATCH_WRITTEN, /* the last change finished a file: closed after writing, or renamed
                        * into place */
};

/* How long to wait, after the last change, before reading the files again (the player reloads,
 * the preview makes its report). After a change that may go on (a file created, removed or moved
 * away, a folder replaced, or anything the stat poll saw: an editor's or a sync tool's burst): */
#define COR_WATCH_SETTLE_MS 150
/* After a file was closed or renamed into place it is whole; this short wait only gathers the
 * rest of a burst of several files: */
#define COR_WATCH_SETTLE_WRITTEN_MS 30

/* Reads every pending inotify event (folders that were moved or deleted are watched again by
 * path). Says whether one touched a watched file or folder, and whether the last such event
 * finished a file. */
enum cor_watch_change cor_watch_read(struct cor_watch *w);

/* Stats every watched file (existence, device, inode, size, mtime, ctime) against the last
 * look, and retries watching folders that were missing. Returns true when anything differs. */
bool cor_watch_poll(struct cor_watch *w);

/* True when DIR is a folder this watch holds files in (compared by device and inode): the
 * player never writes there. */
bool cor_watch_holds_dir(const struct cor_watch *w, const char *dir);
