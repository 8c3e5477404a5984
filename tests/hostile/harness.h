/* harness.h: what test_hostile's parts share: a folder, a watchdog, timed and checked loads.
 *
 * Loads are timed, reported on one line each, and checked for positioned messages. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "loader.h"
#include "test_env.h"

#ifdef __SANITIZE_ADDRESS__
#define COR_SANITIZED 1
#endif
#ifdef __has_feature
#if __has_feature(address_sanitizer)
#define COR_SANITIZED 1
#endif
#endif

/* Seconds a case may take: one, or three under the sanitizers (which slow everything down),
 * times the machine's time scale (test_env.h: an emulated arm64 run is slower). Judged on
 * hostile_secs, which a busy machine does not stretch. */
#ifdef COR_SANITIZED
#define TIME_LIMIT_BASE 3.0
#else
#define TIME_LIMIT_BASE 1.0
#endif
#define TIME_LIMIT (TIME_LIMIT_BASE * test_time_scale())
/* Seconds before the watchdog ends the program: a hang, not a slow answer (also scaled). */
#define WATCHDOG 5
/* Megabytes a case run in a child may add to its peak memory (the sanitizers keep freed memory
 * in quarantine, and pad every block, so they get more). */
#ifdef COR_SANITIZED
#define MEMORY_LIMIT_MB 768
#else
#define MEMORY_LIMIT_MB 256
#endif

/* The temporary folder playlists are loaded from (made by hostile_setup). */
extern char hostile_dir[256];
/* Extra folders named files may resolve into, for the next loads (NULL: none). */
extern const char *const *hostile_allow_dirs;

void hostile_setup(void);
void hostile_teardown(void);
/* The checks the harness and files.c made: added to test_hostile.c's own by main. */
void hostile_harness_tally(int *passed, int *failed);
void hostile_files_tally(int *passed, int *failed);
void hostile_round2_tally(int *passed, int *failed);

double hostile_now(void);
/* A case's time. Wall-clock time is stretched when other programs share the cores (a build
 * beside the tests); the process's CPU time is stretched when a load decodes pictures on
 * several cores at once; a slow or stuck parser stretches both. So a case takes the lesser of
 * the two since hostile_start. */
struct hostile_stopwatch {
    double wall, cpu;
};
struct hostile_stopwatch hostile_start(void);
double hostile_secs(struct hostile_stopwatch since);
/* Starts the watchdog for the case NAME; NULL stops it. */
void hostile_watch(const char *name);
/* PATH of NAME inside the folder; the last four results stay valid. */
const char *in_dir(const char *name);
/* Writes a file into the folder; exits when it cannot. */
void write_file(const char *name, const void *data, size_t len);
/* Reads a whole file into a malloc'd buffer; NULL when it cannot. */
char *slurp(const char *path, size_t *len);

/* A growing text, for inputs too large to write out. Exits when out of memory. */
struct text {
    char *p;
    size_t n, cap;
};
void add_bytes(struct text *t, const char *s, size_t len);
void add(struct text *t, const char *s);
void addf(struct text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void repeat(struct text *t, const char *s, size_t times);
void clear(struct text *t);

struct result {
    struct cor_playlist *pl;
    struct cor_diags d;
    double secs;
};

/* Loads TEXT as "playlist.yaml" in the folder, under the watchdog, files checked (and pictures
 * decoded) when FILES. Free with release. */
void load(const char *name, const char *text, size_t len, bool files, struct result *r);
void release(struct result *r);
const struct cor_diag *first_error(const struct cor_diags *d);
void print_diags(const struct cor_diags *d);
/* Prints the case's line: loaded or refused, seconds, the first message. */
void report(const char *name, const struct result *r);

/* Refused, with an error at LINE (0: any line) holding WORDS (NULL: any), in time; every error
 * positioned. */
void expect_refused(const char *name, const char *text, size_t len, bool files, int line,
                    const char *words);
/* Loaded, or refused with every error positioned; in time either way. */
void expect_bounded(const char *name, const char *text, size_t len, bool files);

/* Runs FN in a child process, so that its memory can be measured and a runaway cannot take the
 * suite down: the child must return true, in time, having grown by at most MEMORY_LIMIT_MB. */
void isolated(const char *name, bool (*fn)(void));
/* For FN above: expect_bounded's rules, returning whether they held. */
bool child_bounded(const char *name, const char *text, size_t len, bool files);

/* The pictures a playlist names (files.c). */
void hostile_pictures(void);
/* The shared corpora, when CORRIDOR_SHARED_DIR has them (files.c). */
void hostile_yaml_test_suite(const char *shared);
void hostile_pngsuite(const char *shared);
/* The second round (round2.c): inks, huge and thin pictures, the small things. */
void hostile_round_two(void);
