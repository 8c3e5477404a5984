/* bench_load.c: how long corridor takes to load a large playlist, and how much memory the model
 * needs. Prints figures; never run as a test. Usage: bench_load [SLIDES SESSIONS [RUNS]] */
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

/* Writes a playlist of N_SLIDES slides; sessions slides (one in 25) share N_SESSIONS sessions. */
static void write_playlist(const char *path, long n_slides, long n_sessions)
{
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
            fprintf(f, "  - type: sessions\n    title: Sessions %ld\n    show: upcoming\n"
                       "    days: 14\n    sessions:\n",
                    i);
            for (long k = 0; k < per && written < n_sessions; k++, written++)
                fprintf(f, "      - date: %ld March 2024\n        time: %ldam to %ldpm\n"
                           "        title: Session number %ld about practice\n"
                           "        host: University of Chester\n        where: Room %ld\n",
                        1 + written % 28, 8 + written % 4, 1 + written % 5, written, written % 40);
        } else if (i % 2) {
            fprintf(f, "  - type: quote\n    text: Bringing relief at the lowest time is "
                       "priceless, number %ld.\n    name: John Sloan\n    role: Social work "
                       "apprentice\n    duration: 12s\n",
                    i);
        } else {
            fprintf(f, "  - type: text\n    title: Announcement %ld\n    subtitle: 18 to 22 March\n"
                       "    body: |\n      - Learn\n      - Connect\n      - Influence\n"
                       "    when:\n      from: 2024-03-11\n      until: 22 March 2024\n"
                       "      days: weekdays\n      hours: 08:00-18:00\n",
                    i);
        }
    }
    fclose(f);
}

int main(int argc, char **argv)
{
    long n_slides = argc > 2 ? strtol(argv[1], NULL, 10) : 5000;
    long n_sessions = argc > 2 ? strtol(argv[2], NULL, 10) : 20000;
    int runs = argc > 3 ? atoi(argv[3]) : 7;
    if (n_slides < 1 || n_sessions < 0 || runs < 1 || runs > 100) {
        fprintf(stderr, "usage: bench_load [SLIDES SESSIONS [RUNS]]\n");
        return 2;
    }
    char dir[] = "/tmp/corridor-bench-XXXXXX";
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    char path[256];
    snprintf(path, sizeof(path), "%s/playlist.yaml", dir);
    write_playlist(path, n_slides, n_sessions);
    FILE *f = fopen(path, "r");
    fseek(f, 0, SEEK_END);
    long bytes = ftell(f);
    fclose(f);

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
    printf("load %ld slides, %ld sessions (%.1f MB of YAML): median %.1f ms, best %.1f ms, "
           "worst %.1f ms over %d runs; model %.1f MB\n",
           n_slides, n_sessions, bytes / 1e6, times[runs / 2], times[0], times[runs - 1], runs,
           model_bytes / 1e6);
    unlink(path);
    rmdir(dir);
    return 0;
}
