/* test_watch.c: the file watch sees edits, saves by rename, deletions, and a whole folder
 * replaced, and ignores files it does not watch. */
#define _XOPEN_SOURCE 700 /* nftw */
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "watch.h"

static char root[64];
static char pl_dir[128], playlist[160], image[160];

static void put(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    CHECK_MSG(f != NULL, "cannot write %s", path);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

static void path_in(char *out, size_t size, const char *name)
{
    snprintf(out, size, "%s/%s", root, name);
}

/* Waits up to MS for the watch to report a change; drains what follows for a moment so that
 * the next check starts quiet. Returns the last kind of change seen. */
static enum cor_watch_change change_within(struct cor_watch *w, int ms)
{
    enum cor_watch_change last = COR_WATCH_NONE, c;
    bool changed = false;
    struct timespec start, now;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (;;) {
        clock_gettime(CLOCK_MONOTONIC, &now);
        long left =
            ms - ((now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000);
        if (left <= 0 || changed)
            break;
        struct pollfd pfd = {.fd = cor_watch_fd(w), .events = POLLIN};
        if (poll(&pfd, 1, (int)left) > 0 && (c = cor_watch_read(w)) != COR_WATCH_NONE) {
            last = c;
            changed = true;
        }
    }
    if (changed) {
        struct pollfd pfd = {.fd = cor_watch_fd(w), .events = POLLIN};
        while (poll(&pfd, 1, 50) > 0)
            if ((c = cor_watch_read(w)) != COR_WATCH_NONE)
                last = c;
    }
    return last;
}

static bool changed_within(struct cor_watch *w, int ms)
{
    return change_within(w, ms) != COR_WATCH_NONE;
}

static int remove_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)st;
    (void)type;
    (void)ftw;
    return remove(path);
}

static void remove_tree(const char *path)
{
    nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static void setup(void)
{
    snprintf(root, sizeof(root), "/tmp/corridor-test-watch-XXXXXX");
    CHECK(mkdtemp(root) != NULL);
    path_in(pl_dir, sizeof(pl_dir), "pl");
    CHECK(mkdir(pl_dir, 0755) == 0);
    snprintf(playlist, sizeof(playlist), "%s/playlist.yaml", pl_dir);
    snprintf(image, sizeof(image), "%s/logo (teal).png", pl_dir);
    put(playlist, "v1\n");
    put(image, "png\n");
}

static struct cor_watch *watch_both(bool any)
{
    struct cor_watch *w = cor_watch_create();
    CHECK(w != NULL && cor_watch_fd(w) >= 0);
    const char *files[] = {playlist, image};
    CHECK(cor_watch_set(w, files, 2, any));
    return w;
}

static void test_edits(void)
{
    struct cor_watch *w = watch_both(false);
    char other[200], tmp[200];
    snprintf(other, sizeof(other), "%s/notes.txt", pl_dir);
    snprintf(tmp, sizeof(tmp), "%s/.playlist.yaml.swp", pl_dir);

    /* A file renamed into place is whole: the player reloads soon; one written in place (even
     * closed: a writer may open it again), created, removed or moved away may still be
     * changing. */
    put(playlist, "v2\n"); /* in place */
    CHECK_INT(change_within(w, 2000), COR_WATCH_CHANGED);
    put(other, "x\n"); /* a file nobody named */
    CHECK_MSG(!changed_within(w, 150), "an unrelated file");
    put(tmp, "v3\n"); /* an editor's save by rename */
    CHECK_MSG(!changed_within(w, 100), "the editor's temporary file");
    CHECK(rename(tmp, playlist) == 0);
    CHECK_INT(change_within(w, 2000), COR_WATCH_RENAMED);
    CHECK(unlink(image) == 0);
    CHECK_INT(change_within(w, 2000), COR_WATCH_CHANGED);
    put(image, "png2\n");
    CHECK_INT(change_within(w, 2000), COR_WATCH_CHANGED);
    int fd = open(image, O_WRONLY | O_TRUNC); /* a writer that has not closed yet */
    CHECK(fd >= 0);
    CHECK_INT(change_within(w, 300), COR_WATCH_NONE);
    CHECK(write(fd, "p", 1) == 1);
    CHECK(close(fd) == 0);
    CHECK_INT(change_within(w, 2000), COR_WATCH_CHANGED);
    /* a chmod alone is a change; reading a file is not */
    CHECK(chmod(image, 0600) == 0);
    CHECK_INT(change_within(w, 2000), COR_WATCH_CHANGED);
    FILE *f = fopen(playlist, "r");
    CHECK(f != NULL);
    if (f) {
        char buf[64];
        CHECK(fread(buf, 1, sizeof(buf), f) > 0);
        fclose(f);
    }
    CHECK_MSG(!changed_within(w, 150), "reading the playlist");
    cor_watch_free(w);

    /* while the playlist is broken, any name in its folder counts */
    w = watch_both(true);
    put(other, "y\n");
    CHECK_MSG(changed_within(w, 2000), "any name while broken");
    cor_watch_free(w);
}

static void test_folder_replaced(void)
{
    struct cor_watch *w = watch_both(false);
    char fresh[160], old[160], fresh_pl[200], old_pl[200];
    path_in(fresh, sizeof(fresh), "pl.new");
    path_in(old, sizeof(old), "pl.old");
    snprintf(fresh_pl, sizeof(fresh_pl), "%s/playlist.yaml", fresh);
    snprintf(old_pl, sizeof(old_pl), "%s/playlist.yaml", old);

    /* a sync tool: builds the new folder aside, moves the old away, the new into place */
    CHECK(mkdir(fresh, 0755) == 0);
    put(fresh_pl, "v4\n");
    CHECK_MSG(!changed_within(w, 100), "a folder being built aside");
    CHECK(rename(pl_dir, old) == 0);
    CHECK(rename(fresh, pl_dir) == 0);
    CHECK_MSG(changed_within(w, 2000), "the folder replaced");
    /* the watch follows the path, not the folder that moved away */
    put(old_pl, "stale\n");
    CHECK_MSG(!changed_within(w, 150), "a write into the folder moved away");
    put(playlist, "v5\n");
    CHECK_MSG(changed_within(w, 2000), "an edit in the new folder");

    /* deleted outright, then made again */
    remove_tree(pl_dir);
    CHECK_MSG(changed_within(w, 2000), "the folder deleted");
    CHECK(mkdir(pl_dir, 0755) == 0);
    put(playlist, "v6\n");
    CHECK_MSG(changed_within(w, 2000), "the folder made again");
    put(playlist, "v7\n");
    CHECK_MSG(changed_within(w, 2000), "an edit in the folder made again");
    remove_tree(old);
    cor_watch_free(w);
}

static void test_poll(void)
{
    put(image, "png\n");
    struct cor_watch *w = watch_both(false);
    CHECK(!cor_watch_poll(w));
    /* the same size and a restored mtime: only the ctime shows the write */
    struct stat before;
    CHECK(stat(playlist, &before) == 0);
    put(playlist, "v8\n");
    struct timespec times[2] = {before.st_atim, before.st_mtim};
    CHECK(utimensat(AT_FDCWD, playlist, times, 0) == 0);
    CHECK(cor_watch_poll(w));
    CHECK(!cor_watch_poll(w));
    CHECK(unlink(image) == 0);
    CHECK(cor_watch_poll(w));
    CHECK(!cor_watch_poll(w));
    put(image, "png3\n");
    CHECK(cor_watch_poll(w));

    CHECK(cor_watch_holds_dir(w, pl_dir));
    char spelled[200];
    snprintf(spelled, sizeof(spelled), "%s/../pl", pl_dir);
    CHECK(cor_watch_holds_dir(w, spelled));
    CHECK(!cor_watch_holds_dir(w, root)); /* only the parent of a watched folder */
    CHECK(!cor_watch_holds_dir(w, "/nonexistent-corridor"));
    cor_watch_free(w);
}

/* A file written in place in two opens (write, then append) is steady only once a look finds
 * it as the look before. */
static void test_steady(void)
{
    struct cor_watch *w = watch_both(false);
    cor_watch_mark(w);
    CHECK(cor_watch_steady(w));
    usleep(20000);
    put(playlist, "slides:\n");
    CHECK(!cor_watch_steady(w));
    FILE *f = fopen(playlist, "a");
    CHECK(f != NULL);
    if (f) {
        fputs("  - {type: text, title: Second}\n", f);
        fclose(f);
    }
    CHECK(!cor_watch_steady(w));
    CHECK(cor_watch_steady(w));
    usleep(20000);                     /* past the kernel's coarse timestamp tick */
    CHECK(chmod(playlist, 0600) == 0); /* the ctime moves */
    CHECK(!cor_watch_steady(w));
    CHECK(cor_watch_steady(w));
    cor_watch_free(w);
}

/* Symbolic links on the way are watched, by inotify alone: a ConfigMap-style folder, whose
 * `..data` link is renamed over to swap every file at once, and a linked folder pointed
 * elsewhere by a rename, as corridor-sync does. */
static void test_links(void)
{
    char cm[160], gen_a[200], gen_b[200], file_a[240], file_b[240], link[200], tmp[200];
    char cm_playlist[200];
    path_in(cm, sizeof(cm), "cm");
    snprintf(gen_a, sizeof(gen_a), "%s/..2024_01_01", cm);
    snprintf(gen_b, sizeof(gen_b), "%s/..2024_01_02", cm);
    snprintf(file_a, sizeof(file_a), "%s/playlist.yaml", gen_a);
    snprintf(file_b, sizeof(file_b), "%s/playlist.yaml", gen_b);
    snprintf(link, sizeof(link), "%s/..data", cm);
    snprintf(tmp, sizeof(tmp), "%s/..data_tmp", cm);
    snprintf(cm_playlist, sizeof(cm_playlist), "%s/playlist.yaml", cm);
    CHECK(mkdir(cm, 0755) == 0 && mkdir(gen_a, 0755) == 0 && mkdir(gen_b, 0755) == 0);
    put(file_a, "a\n");
    put(file_b, "b\n");
    CHECK(symlink("..2024_01_01", link) == 0);
    CHECK(symlink("..data/playlist.yaml", cm_playlist) == 0);

    struct cor_watch *w = cor_watch_create();
    const char *files[] = {cm_playlist};
    CHECK(w && cor_watch_set(w, files, 1, false));
    CHECK(symlink("..2024_01_02", tmp) == 0);
    CHECK_MSG(!changed_within(w, 100), "a link made aside");
    CHECK(rename(tmp, link) == 0);
    CHECK_INT(change_within(w, 2000), COR_WATCH_RENAMED);
    /* the player watches again after loading: now the new generation's file is followed */
    CHECK(cor_watch_set(w, files, 1, false));
    put(file_a, "old generation\n");
    CHECK_MSG(!changed_within(w, 150), "a write in the generation left behind");
    put(file_b, "b2\n");
    CHECK_INT(change_within(w, 2000), COR_WATCH_CHANGED);
    CHECK(chmod(file_b, 0600) == 0);
    CHECK_INT(change_within(w, 2000), COR_WATCH_CHANGED);
    cor_watch_free(w);

    /* a linked folder, pointed at another folder by renaming a new link over it */
    char live[160], live_playlist[200], live_tmp[160];
    path_in(live, sizeof(live), "live");
    path_in(live_tmp, sizeof(live_tmp), ".live.new");
    snprintf(live_playlist, sizeof(live_playlist), "%s/playlist.yaml", live);
    CHECK(symlink(gen_a, live) == 0);
    w = cor_watch_create();
    const char *live_files[] = {live_playlist};
    CHECK(w && cor_watch_set(w, live_files, 1, false));
    CHECK(symlink(gen_b, live_tmp) == 0);
    CHECK(rename(live_tmp, live) == 0);
    CHECK_INT(change_within(w, 2000), COR_WATCH_RENAMED);
    cor_watch_free(w);
}

int main(void)
{
    setup();
    test_edits();
    test_folder_replaced();
    test_poll();
    test_steady();
    test_links();
    remove_tree(root);
    return CHECK_DONE();
}
