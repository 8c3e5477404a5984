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
 * Symbolic links on the way to each (a linked folder, a ConfigMap's `..data`, a linked file)
 * are watched too, as names in their folders, and so is the file they lead to.
 * ANY_NAME: any change in their folders counts, not only to these names; a player sets it while
 * the playlist is broken, since the fix may name a file it does not know yet. Returns false
 * when out of memory (the previous set is kept). */
bool cor_watch_set(struct cor_watch *w, const char *const *files, size_t n, bool any_name);

/* What the pending events say about the watched files. */
enum cor_watch_change {
    COR_WATCH_NONE,    /* nothing watched changed */
    COR_WATCH_CHANGED, /* something changed and may still be changing: a file written in place
                        * (even closed: a writer may open it again), created, removed, moved
                        * away, its rights changed, a folder replaced in steps; load it once it
                        * is steady (cor_watch_mark, cor_watch_steady) */
    COR_WATCH_RENAMED, /* every change renamed a file, a symbolic link or a folder into place:
                        * whole the moment it appears */
};

/* How long to wait, after the last change, before reading the files again (the player reloads,
 * the preview makes its report). After a change that may go on (a file written in place, even
 * closed, as a slow copy or a network share's client does in several opens; created, removed,
 * moved away; a folder replaced in steps; anything the stat poll saw), the files are looked at
 * again this long after (cor_watch_mark, then cor_watch_steady): only when two looks agree are
 * they read, else they are looked at again as long as they keep changing: */
#define COR_WATCH_SETTLE_MS 500
/* A file renamed into place is whole; this short wait only gathers the rest of a burst of
 * several files: */
#define COR_WATCH_SETTLE_RENAMED_MS 30

/* Reads every pending inotify event (folders that were moved or deleted are watched again by
 * path). Says whether one touched a watched file, link or folder, and whether all such events
 * were renames into place. */
enum cor_watch_change cor_watch_read(struct cor_watch *w);

/* Stats every watched file (existence, device, inode, size, mtime, ctime) against the last
 * look, and retries watching folders that were missing. Returns true when anything differs. */
bool cor_watch_poll(struct cor_watch *w);

/* Records every watched file's state (device, inode, size, mtime, ctime) as a first look. */
void cor_watch_mark(struct cor_watch *w);
/* Looks again: true when every watched file is as the last look found it (the file is whole:
 * nothing wrote to it in between); otherwise false, and this look becomes the first. */
bool cor_watch_steady(struct cor_watch *w);

/* True when DIR is a folder this watch holds files in (compared by device and inode): the
 * player never writes there. */
bool cor_watch_holds_dir(const struct cor_watch *w, const char *dir);
