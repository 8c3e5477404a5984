/* preview_dir.h: the report folder of `corridor preview`: each report in a version folder of its
 * own, and DIR/index.html replaced by one rename, so a reader on a file share never sees half a
 * report. Nothing is written outside the folder. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

/* The first line of every index.html corridor writes: a folder whose index.html lacks it is
 * someone else's, and is left alone. */
#define COR_REPORT_MARK "<!-- made by corridor preview -->"

/* Longest version folder name, with its NUL. */
#define COR_REPORT_NAME_MAX 64

/* Makes the report folder DIR when it is missing and checks that corridor may write there:
 * not the folder PLAYLIST is in, and not a folder whose index.html another program made. On
 * failure writes a sentence into ERR. */
bool cor_report_dir_prepare(const char *dir, const char *playlist, char *err, size_t size);

/* Makes a new, empty, private version folder for a report of KIND ("plays", "mistakes",
 * "unreadable"): its final name (a time stamp first, so names sort by age) goes into NAME and
 * the folder it is built in (DIR/.new-NAME) into PATH. */
bool cor_report_dir_start(const char *dir, const char *kind, char *name, size_t name_size,
                          char *path, size_t path_size, char *err, size_t err_size);

/* Reads FILE inside FOLDER (at most MAX bytes, NUL-terminated, malloc'd), or NULL. */
char *cor_report_read_file(const char *folder, const char *file, size_t max, size_t *len);

/* Publishes a report: renames DIR/.new-NAME to DIR/NAME, then replaces DIR/index.html with
 * HTML (LEN bytes) through a temporary file beside it and a rename (cor_write_atomic). */
bool cor_report_dir_publish(const char *dir, const char *name, const char *html, size_t len,
                            char *err, size_t err_size);

/* The newest version folder in DIR of KIND, into NAME; false when there is none. */
bool cor_report_dir_newest(const char *dir, const char *kind, char *name, size_t size);

/* Removes the version folders of DIR but the KEEP newest, and the newest of KIND KEEP_KIND
 * (a later report may still show its pictures), and unfinished ones left by a crash at least ten
 * minutes ago. Only folders and files corridor names are removed. */
void cor_report_dir_prune(const char *dir, size_t keep, const char *keep_kind);

/* Removes the unfinished version folder BUILDING (a path from cor_report_dir_start) of a report
 * that could not be published. */
void cor_report_dir_remove(const char *building);
