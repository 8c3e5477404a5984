/* harness.c: test_hostile's machinery: the folder, the watchdog, timed and reported loads. */
#include "harness.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

char hostile_dir[256];
const char *const *hostile_allow_dirs;

static const char *volatile current = "";

static void on_alarm(int sig)
{
    (void)sig;
    static const char head[] = "test_hostile: watchdog: no answer within 5 s: ";
    if (write(2, head, sizeof(head) - 1) < 0 || write(2, current, strlen(current)) < 0 ||
        write(2, "\n", 1) < 0)
        _exit(3);
    _exit(1);
}

void hostile_setup(void)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(hostile_dir, sizeof(hostile_dir), "%s/corridor-hostile-XXXXXX",
             tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(hostile_dir)) {
        perror("mkdtemp");
        exit(2);
    }
    signal(SIGALRM, on_alarm);
    setvbuf(stdout, NULL, _IOLBF, 0);
}

void hostile_teardown(void)
{
    char cmd[600];
    snprintf(cmd, sizeof(cmd), "chmod -R u+rwx '%s' 2>/dev/null; rm -rf '%s'", hostile_dir,
             hostile_dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", hostile_dir);
}

void hostile_harness_tally(int *passed, int *failed)
{
    *passed = check_passed;
    *failed = check_failed;
}

double hostile_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct hostile_stopwatch hostile_start(void)
{
    return (struct hostile_stopwatch){hostile_now(), cpu_now()};
}

double hostile_secs(struct hostile_stopwatch since)
{
    double wall = hostile_now() - since.wall, cpu = cpu_now() - since.cpu;
    return cpu < wall ? cpu : wall;
}

void hostile_watch(const char *name)
{
    if (name)
        current = name;
    alarm(name ? (unsigned)(WATCHDOG * test_time_scale()) : 0);
}

const char *in_dir(const char *name)
{
    static char path[4][600];
    static int which;
    which = (which + 1) % 4;
    snprintf(path[which], sizeof(path[which]), "%s/%s", hostile_dir, name);
    return path[which];
}

void write_file(const char *name, const void *data, size_t len)
{
    FILE *f = fopen(in_dir(name), "wb");
    if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
        fprintf(stderr, "cannot write %s\n", in_dir(name));
        exit(2);
    }
}

char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t cap = 0, n = 0, r;
    do {
        if (n == cap) {
            cap = cap ? cap * 2 : 4096;
            char *nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
        }
        r = fread(buf + n, 1, cap - n, f);
        n += r;
    } while (r > 0);
    fclose(f);
    *len = n;
    return buf;
}

/* ---- growing texts ------------------------------------------------------------------------ */

void add_bytes(struct text *t, const char *s, size_t len)
{
    if (t->n + len + 1 > t->cap) {
        size_t cap = t->cap ? t->cap : 4096;
        while (cap < t->n + len + 1)
            cap *= 2;
        char *p = realloc(t->p, cap);
        if (!p) {
            fprintf(stderr, "out of memory building a case\n");
            exit(2);
        }
        t->p = p;
        t->cap = cap;
    }
    memcpy(t->p + t->n, s, len);
    t->n += len;
    t->p[t->n] = '\0';
}

void add(struct text *t, const char *s)
{
    add_bytes(t, s, strlen(s));
}

void addf(struct text *t, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    add_bytes(t, buf, n < 0 ? 0 : (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
}

void repeat(struct text *t, const char *s, size_t times)
{
    size_t len = strlen(s);
    for (size_t i = 0; i < times; i++)
        add_bytes(t, s, len);
}

void clear(struct text *t)
{
    free(t->p);
    *t = (struct text){0};
}

/* ---- loads -------------------------------------------------------------------------------- */

void load(const char *name, const char *text, size_t len, bool files, struct result *r)
{
    struct cor_load_options o = {
        .check_files = files, .decode_images = files, .allow_dirs = hostile_allow_dirs};
    cor_diags_init(&r->d);
    hostile_watch(name);
    struct hostile_stopwatch t0 = hostile_start();
    r->pl = cor_playlist_load_buffer("playlist.yaml", hostile_dir, text, len, &o, &r->d);
    r->secs = hostile_secs(t0);
    hostile_watch(NULL);
}

void release(struct result *r)
{
    cor_playlist_free(r->pl);
    cor_diags_free(&r->d);
}

const struct cor_diag *first_error(const struct cor_diags *d)
{
    for (size_t i = 0; i < d->n; i++)
        if (d->items[i].severity == COR_SEV_ERROR)
            return &d->items[i];
    return NULL;
}

void print_diags(const struct cor_diags *d)
{
    for (size_t i = 0; i < d->n && i < 5; i++)
        fprintf(stderr, "    got %d:%d: %s\n", d->items[i].line, d->items[i].col, d->items[i].msg);
}

void report(const char *name, const struct result *r)
{
    const struct cor_diag *g = first_error(&r->d);
    if (!g && r->d.n)
        g = &r->d.items[0];
    printf("  %-46s %-7s %7.3f s", name, r->pl ? "loaded" : "refused", r->secs);
    if (g)
        printf("  %d:%d: %.90s%s", g->line, g->col, g->msg, strlen(g->msg) > 90 ? "..." : "");
    printf("\n");
}

/* Every error names a line and a column. */
static void check_positioned(const char *name, const struct cor_diags *d)
{
    for (size_t i = 0; i < d->n; i++) {
        const struct cor_diag *g = &d->items[i];
        if (g->severity == COR_SEV_ERROR)
            CHECK_MSG(g->line >= 1 && g->col >= 1, "%s: an error without a position: %s", name,
                      g->msg);
    }
}

void expect_refused(const char *name, const char *text, size_t len, bool files, int line,
                    const char *words)
{
    struct result r;
    load(name, text, len, files, &r);
    report(name, &r);
    CHECK_MSG(r.pl == NULL, "%s: the playlist loaded", name);
    check_positioned(name, &r.d);
    bool found = false;
    for (size_t i = 0; i < r.d.n && !found; i++) {
        const struct cor_diag *g = &r.d.items[i];
        found = g->severity == COR_SEV_ERROR && g->line >= 1 && (!line || g->line == line) &&
                (!words || strstr(g->msg, words));
    }
    char want[160] = "";
    if (line)
        snprintf(want, sizeof(want), " at line %d", line);
    if (words)
        snprintf(want + strlen(want), sizeof(want) - strlen(want), " saying \"%.100s\"", words);
    CHECK_MSG(found, "%s: no error%s", name, want);
    if (!found)
        print_diags(&r.d);
    CHECK_MSG(r.secs < TIME_LIMIT, "%s: took %.2f s", name, r.secs);
    release(&r);
}

void expect_bounded(const char *name, const char *text, size_t len, bool files)
{
    struct result r;
    load(name, text, len, files, &r);
    report(name, &r);
    check_positioned(name, &r.d);
    CHECK_MSG(r.pl || r.d.n_errors, "%s: refused without an error", name);
    CHECK_MSG(r.secs < TIME_LIMIT, "%s: took %.2f s", name, r.secs);
    release(&r);
}

/* ---- cases in a child process ------------------------------------------------------------- */

void isolated(const char *name, bool (*fn)(void))
{
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0) {
        CHECK_MSG(false, "%s: cannot fork: %s", name, strerror(errno));
        return;
    }
    if (pid == 0) {
        struct rusage before, after;
        getrusage(RUSAGE_SELF, &before);
        bool ok = fn();
        getrusage(RUSAGE_SELF, &after);
        long grown_mb = (after.ru_maxrss - before.ru_maxrss) / 1024;
        printf("  %-46s peak memory grew by %ld MB\n", "", grown_mb);
        if (grown_mb > MEMORY_LIMIT_MB) {
            fprintf(stderr, "%s: memory grew by %ld MB (limit %d MB)\n", name, grown_mb,
                    MEMORY_LIMIT_MB);
            ok = false;
        }
        fflush(stdout);
        fflush(stderr);
        _exit(ok ? 0 : 1);
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    CHECK_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s: the child %s %d", name,
              WIFEXITED(status) ? "exited with" : "was killed by signal",
              WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
}

bool child_bounded(const char *name, const char *text, size_t len, bool files)
{
    struct result r;
    load(name, text, len, files, &r);
    report(name, &r);
    bool ok = r.secs < TIME_LIMIT && (r.pl || r.d.n_errors);
    for (size_t i = 0; i < r.d.n; i++)
        if (r.d.items[i].severity == COR_SEV_ERROR && r.d.items[i].line < 1)
            ok = false;
    if (!ok) {
        fprintf(stderr, "%s: took %.2f s, or an error names no line\n", name, r.secs);
        print_diags(&r.d);
    }
    release(&r);
    return ok;
}
