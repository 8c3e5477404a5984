/* bench_load.c: how long corridor takes to load a large playlist, and how much memory the model
 * and the load need. Prints figures; never run as a test.
 * Usage: bench_load [--session-files] [--tsv] [--keep DIR] [SLIDES SESSIONS [RUNS]]
 *   --session-files  each sessions slide names its own session file instead of listing its
 *                    sessions inline (keeps every file under the 16 MB limit at 100,000 sessions)
 *   --tsv            also print one tab-separated line for bench/run:
 *                    tsv SLIDES SESSIONS YAML_BYTES MEDIAN_MS BEST_MS MODEL_BYTES PEAK_RSS_KB
 *   --keep DIR       write the playlist (and session files) into DIR and leave them there */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "diag.h"
#include "loader.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void write_session(FILE *f, const char *indent, long n)
{
    fprintf(f,
            "%s- date: %ld March 2024\n%s  time: %ldam to %ldpm\n"
            "%s  title: Session number %ld about practice\n"
            "%s  host: University of Chester\n%s  where: Room %ld\n",
            indent, 1 + n % 28, indent, 8 + n % 4, 1 + n % 5, indent, n, indent, indent, n % 40);
}

/* Writes a playlist of N_SLIDES slides into DIR; sessions slides (one in 25) share N_SESSIONS
 * sessions, inline or (SESSION_FILES) each from its own file beside the playlist. Returns the
 * bytes of YAML written, all files together. */
static long write_playlist(const char *dir, const char *path, long n_slides, long n_sessions,
                           bool session_files)
{
    long total = 0;
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        exit(1);
    }
    fprintf(f, "name: Benchmark\ntimezone: Europe/London\ntheme:\n  background: \"#003087\"\n"
               "  text: white\n  accent: \"#00B8A9\"\n  footer: A long playlist\n"
               "defaults:\n  duration: 10s\n  transition: fade\nslides:\n");
    long sessions_slides = n_sessions ? (n_slides + 24) / 25 : 0;
    long per = sessions_slides ? (n_sessions + sessions_slides - 1) / sessions_slides : 0;
    long written = 0;
    for (long i = 0; i < n_slides; i++) {
        if (i % 25 == 0 && written < n_sessions) {
            fprintf(f,
                    "  - type: sessions\n    title: Sessions %ld\n    show: upcoming\n"
                    "    days: 14\n    sessions:",
                    i);
            if (session_files) {
                char name[64], sp[4200];
                snprintf(name, sizeof(name), "sessions-%ld.yaml", i);
                snprintf(sp, sizeof(sp), "%s/%s", dir, name);
                FILE *sf = fopen(sp, "w");
                if (!sf) {
                    perror(sp);
                    exit(1);
                }
                for (long k = 0; k < per && written < n_sessions; k++, written++)
                    write_session(sf, "", written);
                total += ftell(sf);
                fclose(sf);
                fprintf(f, " %s\n", name);
            } else {
                fprintf(f, "\n");
                for (long k = 0; k < per && written < n_sessions; k++, written++)
                    write_session(f, "      ", written);
            }
        } else if (i % 2) {
            fprintf(f,
                    "  - type: quote\n    text: Bringing relief at the lowest time is "
                    "priceless, number %ld.\n    name: John Sloan\n    role: Social work "
                    "apprentice\n    duration: 12s\n",
                    i);
        } else {
            fprintf(f,
                    "  - type: text\n    title: Announcement %ld\n    subtitle: 18 to 22 March\n"
                    "    body: |\n      - Learn\n      - Connect\n      - Influence\n"
                    "    when:\n      from: 2024-03-11\n      until: 22 March 2024\n"
                    "      days: weekdays\n      hours: 08:00-18:00\n",
                    i);
        }
    }
    total += ftell(f);
    fclose(f);
    return total;
}

/* Removes the files write_playlist wrote into DIR, and DIR. */
static void remove_playlist(const char *dir, const char *path, long n_slides)
{
    unlink(path);
    for (long i = 0; i < n_slides; i += 25) {
        char sp[4200];
        snprintf(sp, sizeof(sp), "%s/sessions-%ld.yaml", dir, i);
        unlink(sp);
    }
    rmdir(dir);
}

/* This process's peak RSS (VmHWM), in kB; -1 when unknown. Not getrusage(): its maxrss carries
 * over the RSS of the program that started this one. */
static long peak_rss_kb(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    if (!f)
        return -1;
    char line[256];
    long kb = -1;
    while (fgets(line, sizeof(line), f))
        if (sscanf(line, "VmHWM: %ld kB", &kb) == 1)
            break;
    fclose(f);
    return kb;
}

int main(int argc, char **argv)
{
    bool session_files = false, tsv = false, bad = false;
    const char *keep = NULL;
    int argi = 1;
    for (; argi < argc && !bad && strncmp(argv[argi], "--", 2) == 0; argi++) {
        if (strcmp(argv[argi], "--session-files") == 0)
            session_files = true;
        else if (strcmp(argv[argi], "--tsv") == 0)
            tsv = true;
        else if (strcmp(argv[argi], "--keep") == 0 && argi + 1 < argc)
            keep = argv[++argi];
        else
            bad = true;
    }
    int npos = argc - argi;
    char **pos = argv + argi;
    long n_slides = npos >= 2 ? strtol(pos[0], NULL, 10) : 5000;
    long n_sessions = npos >= 2 ? strtol(pos[1], NULL, 10) : 20000;
    int runs = npos >= 3 ? atoi(pos[2]) : 7;
    if (bad || npos == 1 || npos > 3 || n_slides < 1 || n_sessions < 0 || runs < 1 || runs > 100) {
        fprintf(stderr, "usage: bench_load [--session-files] [--tsv] [--keep DIR] "
                        "[SLIDES SESSIONS [RUNS]]\n");
        return 2;
    }
    char tmpdir[] = "/tmp/corridor-bench-XXXXXX";
    const char *dir = keep;
    if (!dir) {
        if (!mkdtemp(tmpdir)) {
            perror("mkdtemp");
            return 1;
        }
        dir = tmpdir;
    }
    char path[4200];
    snprintf(path, sizeof(path), "%s/playlist.yaml", dir);
    long bytes = write_playlist(dir, path, n_slides, n_sessions, session_files);

    double times[100];
    size_t model_bytes = 0;
    struct cor_load_options opts = {.check_files = true};
    for (int r = 0; r < runs; r++) {
        struct cor_diags d;
        cor_diags_init(&d);
        double t0 = now_ms();
        struct cor_playlist *pl = cor_playlist_load(path, &opts, &d);
        times[r] = now_ms() - t0;
        if (!pl) {
            cor_diags_print(&d, stderr);
            return 1;
        }
        model_bytes = cor_arena_size(pl->arena);
        cor_playlist_free(pl);
        cor_diags_free(&d);
    }
    qsort(times, (size_t)runs, sizeof(times[0]), compare_doubles);
    long peak_kb = peak_rss_kb();
    printf("load %ld slides, %ld sessions (%.1f MB of YAML%s): median %.1f ms, best %.1f ms, "
           "worst %.1f ms over %d runs; model %.1f MB; peak RSS of this process %.1f MB\n",
           n_slides, n_sessions, bytes / 1e6, session_files ? " in session files" : "",
           times[runs / 2], times[0], times[runs - 1], runs, model_bytes / 1e6, peak_kb / 1024.0);
    if (tsv)
        printf("tsv\t%ld\t%ld\t%ld\t%.3f\t%.3f\t%zu\t%ld\n", n_slides, n_sessions, bytes,
               times[runs / 2], times[0], model_bytes, peak_kb);
    if (!keep)
        remove_playlist(dir, path, n_slides);
    return 0;
}
