/* report_cli.c: `corridor report`: reads play logs line by line and sums them per screen and
 * slide (times shown, minutes on screen), as a table or CSV. */
#include "report_cli.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "status.h"
#include "value.h"

/* ---- one line of the play log ------------------------------------------------------------- */

/* A line's fields; strings point into the decoded copy the parser owns. */
struct record {
    int64_t time_ms;
    const char *screen, *type, *title;
    double slide, seconds;
    bool has_time, has_screen, has_slide, has_type, has_seconds;
};

struct parser {
    const char *p;
    struct cor_buf text; /* decoded strings, NUL-separated */
};

static void skip_ws(struct parser *ps)
{
    while (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\r' || *ps->p == '\n')
        ps->p++;
}

static int hex4(const char *s)
{
    int v = 0;
    for (int i = 0; i < 4; i++) {
        char c = s[i];
        int d = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

static void put_utf8(struct cor_buf *b, uint32_t c)
{
    char u[4];
    size_t n;
    if (c < 0x80) {
        u[0] = (char)c;
        n = 1;
    } else if (c < 0x800) {
        u[0] = (char)(0xc0 | (c >> 6));
        u[1] = (char)(0x80 | (c & 0x3f));
        n = 2;
    } else if (c < 0x10000) {
        u[0] = (char)(0xe0 | (c >> 12));
        u[1] = (char)(0x80 | ((c >> 6) & 0x3f));
        u[2] = (char)(0x80 | (c & 0x3f));
        n = 3;
    } else {
        u[0] = (char)(0xf0 | (c >> 18));
        u[1] = (char)(0x80 | ((c >> 12) & 0x3f));
        u[2] = (char)(0x80 | ((c >> 6) & 0x3f));
        u[3] = (char)(0x80 | (c & 0x3f));
        n = 4;
    }
    cor_buf_append(b, u, n);
}

/* A JSON string at the cursor, decoded into the parser's text; its offset there, or -1. */
static long parse_string(struct parser *ps)
{
    if (*ps->p != '"')
        return -1;
    ps->p++;
    long at = (long)ps->text.len;
    for (;;) {
        char c = *ps->p;
        if (c == '\0' || (unsigned char)c < 0x20)
            return -1;
        ps->p++;
        if (c == '"')
            break;
        if (c != '\\') {
            cor_buf_append(&ps->text, &c, 1);
            continue;
        }
        char e = *ps->p++;
        const char *plain = strchr("\"\\/bfnrt", e);
        if (e && plain) {
            static const char out[] = "\"\\/\b\f\n\r\t";
            cor_buf_append(&ps->text, &out[plain - "\"\\/bfnrt"], 1);
        } else if (e == 'u') {
            int u = hex4(ps->p);
            if (u < 0)
                return -1;
            ps->p += 4;
            uint32_t cp = (uint32_t)u;
            if (u >= 0xd800 && u < 0xdc00 && ps->p[0] == '\\' && ps->p[1] == 'u') {
                int lo = hex4(ps->p + 2);
                if (lo >= 0xdc00 && lo < 0xe000) {
                    cp = 0x10000 + (((uint32_t)u - 0xd800) << 10) + ((uint32_t)lo - 0xdc00);
                    ps->p += 6;
                }
            }
            if (cp == 0 || (cp >= 0xd800 && cp < 0xe000))
                cp = 0xfffd;
            put_utf8(&ps->text, cp);
        } else {
            return -1;
        }
    }
    cor_buf_append(&ps->text, "", 1);
    return ps->text.failed ? -1 : at;
}

/* "2024-03-19T10:30:05.250Z" as ms since the epoch. */
static bool parse_utc(const char *s, int64_t *out)
{
    struct tm tm = {0};
    int ms = 0, n = 0;
    if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
               &tm.tm_min, &tm.tm_sec, &n) != 6)
        return false;
    s += n;
    if (*s == '.') {
        int digits = 0;
        for (s++; *s >= '0' && *s <= '9'; s++, digits++)
            if (digits < 3)
                ms = ms * 10 + (*s - '0');
        while (digits++ < 3)
            ms *= 10;
    }
    if (strcmp(s, "Z") != 0)
        return false;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    time_t t = timegm(&tm);
    if (t == (time_t)-1)
        return false;
    *out = (int64_t)t * 1000 + ms;
    return true;
}

/* One line as a flat JSON object into R; false when it is not one, or lacks a field. */
static bool parse_line(const char *line, struct record *r, struct cor_buf *text)
{
    struct parser ps = {line, {0}};
    memset(r, 0, sizeof(*r));
    long at[4] = {-1, -1, -1, -1}; /* time, screen, type, title */
    bool ok = false;
    skip_ws(&ps);
    if (*ps.p++ != '{')
        goto out;
    skip_ws(&ps);
    while (*ps.p != '}') {
        long k = parse_string(&ps);
        if (k < 0)
            goto out;
        skip_ws(&ps);
        if (*ps.p++ != ':')
            goto out;
        skip_ws(&ps);
        char key[16];
        snprintf(key, sizeof(key), "%s", ps.text.data + k);
        static const char *const strings[] = {"time", "screen", "type", "title"};
        int which = -1;
        for (int i = 0; i < 4; i++)
            if (strcmp(key, strings[i]) == 0)
                which = i;
        if (*ps.p == '"') {
            long v = parse_string(&ps);
            if (v < 0)
                goto out;
            if (which >= 0)
                at[which] = v;
        } else if (strncmp(ps.p, "null", 4) == 0) {
            ps.p += 4;
        } else if (strncmp(ps.p, "true", 4) == 0) {
            ps.p += 4;
        } else if (strncmp(ps.p, "false", 5) == 0) {
            ps.p += 5;
        } else {
            char *end;
            errno = 0;
            double d = strtod(ps.p, &end);
            if (end == ps.p || errno || !isfinite(d))
                goto out;
            ps.p = end;
            if (strcmp(key, "slide") == 0) {
                r->slide = d;
                r->has_slide = d >= 0 && d <= 1e6 && d == floor(d);
            } else if (strcmp(key, "seconds") == 0) {
                r->seconds = d;
                r->has_seconds = d >= 0;
            }
        }
        skip_ws(&ps);
        if (*ps.p == ',') {
            ps.p++;
            skip_ws(&ps);
        } else if (*ps.p != '}') {
            goto out;
        }
    }
    ps.p++;
    skip_ws(&ps);
    if (*ps.p || ps.text.failed)
        goto out;
    /* Strings point into the text, which only grows no more from here. */
    r->has_time = at[0] >= 0 && parse_utc(ps.text.data + at[0], &r->time_ms);
    r->has_screen = at[1] >= 0;
    r->has_type = at[2] >= 0;
    r->screen = r->has_screen ? ps.text.data + at[1] : NULL;
    r->type = r->has_type ? ps.text.data + at[2] : NULL;
    r->title = at[3] >= 0 ? ps.text.data + at[3] : "";
    ok = r->has_time && r->has_screen && r->has_slide && r->has_type && r->has_seconds;
out:
    cor_buf_free(text);
    *text = ps.text;
    return ok;
}

/* ---- sums ----------------------------------------------------------------------------------- */

struct row {
    char *screen, *type, *title;
    long slide;
    unsigned long shown;
    double seconds;
};

struct sums {
    struct row *rows;
    size_t n, cap;
    unsigned long records, skipped;
    bool oom;
};

static struct row *find_row(struct sums *s, const struct record *r)
{
    for (size_t i = s->n; i-- > 0;) {
        struct row *w = &s->rows[i];
        if (w->slide == (long)r->slide && strcmp(w->screen, r->screen) == 0 &&
            strcmp(w->type, r->type) == 0 && strcmp(w->title, r->title) == 0)
            return w;
    }
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 64;
        struct row *grown = realloc(s->rows, cap * sizeof(*grown));
        if (!grown)
            return NULL;
        s->rows = grown;
        s->cap = cap;
    }
    struct row *w = &s->rows[s->n];
    *w = (struct row){strdup(r->screen), strdup(r->type), strdup(r->title), (long)r->slide, 0, 0};
    if (!w->screen || !w->type || !w->title) {
        free(w->screen);
        free(w->type);
        free(w->title);
        return NULL;
    }
    s->n++;
    return w;
}

static int by_screen_slide(const void *a, const void *b)
{
    const struct row *x = a, *y = b;
    int c = strcmp(x->screen, y->screen);
    if (c)
        return c;
    if (x->slide != y->slide)
        return x->slide < y->slide ? -1 : 1;
    c = strcmp(x->title, y->title);
    return c ? c : strcmp(x->type, y->type);
}

/* Reads one play log into S, the records from FROM_MS up to (not including) UNTIL_MS. */
static bool read_log(const char *path, struct sums *s, int64_t from_ms, int64_t until_ms)
{
    FILE *f = fopen(path, "re");
    if (!f) {
        fprintf(stderr, "corridor report: cannot read %s: %s\n", path, strerror(errno));
        return false;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    unsigned long number = 0;
    struct cor_buf text = {0};
    while ((len = getline(&line, &cap, f)) >= 0) {
        number++;
        struct record r;
        if (len == 0 || (len == 1 && line[0] == '\n'))
            continue;
        if (!parse_line(line, &r, &text)) {
            fprintf(stderr,
                    "%s:%lu: not a play record (perhaps a line cut short when the power went); "
                    "left out\n",
                    path, number);
            s->skipped++;
            continue;
        }
        if (r.time_ms < from_ms || r.time_ms >= until_ms)
            continue;
        struct row *w = find_row(s, &r);
        if (!w) {
            s->oom = true;
            break;
        }
        w->shown++;
        w->seconds += r.seconds;
        s->records++;
    }
    bool ok = !ferror(f);
    if (!ok)
        fprintf(stderr, "corridor report: cannot read %s: %s\n", path, strerror(errno));
    cor_buf_free(&text);
    free(line);
    fclose(f);
    return ok;
}

/* ---- output --------------------------------------------------------------------------------- */

static void csv_field(const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, stdout);
        return;
    }
    putchar('"');
    for (; *s; s++) {
        if (*s == '"')
            putchar('"');
        putchar(*s);
    }
    putchar('"');
}

/* Characters (not bytes) in UTF-8 text, for lining up columns. */
static int width(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xc0) != 0x80;
    return n;
}

static void padded(const char *s, int w)
{
    fputs(s, stdout);
    for (int i = width(s); i < w; i++)
        putchar(' ');
}

static void print_table(const struct sums *s)
{
    int ws = width("screen"), wt = width("type"), wi = width("title");
    for (size_t i = 0; i < s->n; i++) {
        const struct row *r = &s->rows[i];
        ws = width(r->screen) > ws ? width(r->screen) : ws;
        wt = width(r->type) > wt ? width(r->type) : wt;
        wi = width(r->title) > wi ? width(r->title) : wi;
    }
    padded("screen", ws);
    printf("  slide  ");
    padded("type", wt);
    printf("  ");
    padded("title", wi);
    printf("   shown   minutes\n");
    double total = 0;
    unsigned long shown = 0;
    for (size_t i = 0; i < s->n; i++) {
        const struct row *r = &s->rows[i];
        padded(r->screen, ws);
        printf("  %5ld  ", r->slide);
        padded(r->type, wt);
        printf("  ");
        padded(r->title, wi);
        printf("  %6lu  %8.1f\n", r->shown, r->seconds / 60.0);
        total += r->seconds;
        shown += r->shown;
    }
    printf("%lu pages shown, %.1f minutes in all\n", shown, total / 60.0);
}

static void print_csv(const struct sums *s)
{
    printf("screen,slide,type,title,times_shown,minutes\n");
    for (size_t i = 0; i < s->n; i++) {
        const struct row *r = &s->rows[i];
        csv_field(r->screen);
        printf(",%ld,", r->slide);
        csv_field(r->type);
        putchar(',');
        csv_field(r->title);
        printf(",%lu,%.2f\n", r->shown, r->seconds / 60.0);
    }
}

/* ---- the command ---------------------------------------------------------------------------- */

static int usage_error(const char *what)
{
    fprintf(stderr,
            "corridor report: %s\n"
            "usage: corridor report PLAYLOG... [--from \"2024-03-19\"] [--until \"2024-03-26 "
            "08:00\"] [--csv]\n",
            what);
    return 2;
}

/* WHEN in this machine's zone as ms since the epoch; an UNTIL date alone is the next midnight. */
static bool parse_when(const char *when, bool until, int64_t *out)
{
    cor_minute m;
    bool has_time = false;
    char err[256];
    if (!cor_parse_datetime(when, &m, &has_time, err, sizeof(err))) {
        fprintf(stderr, "corridor report: '%s': %s\n", when, err);
        return false;
    }
    if (until && !has_time)
        m += 24 * 60;
    *out = (int64_t)cor_clock_from_civil(m, NULL) * 1000;
    return true;
}

int cor_report_command(int argc, char **argv)
{
    static const struct option options[] = {
        {"from", required_argument, NULL, 'f'},
        {"until", required_argument, NULL, 'u'},
        {"csv", no_argument, NULL, 'c'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int64_t from_ms = INT64_MIN, until_ms = INT64_MAX;
    bool csv = false;
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (!parse_when(optarg, false, &from_ms))
                return 2;
            break;
        case 'u':
            if (!parse_when(optarg, true, &until_ms))
                return 2;
            break;
        case 'c':
            csv = true;
            break;
        case 'h':
            printf("usage: corridor report PLAYLOG... [--from WHEN] [--until WHEN] [--csv]\n"
                   "how many times, and for how many minutes, each slide was shown on each "
                   "screen;\nWHEN is a date or a date and time in this machine's time zone\n");
            return 0;
        default:
            return usage_error("unknown option or missing value");
        }
    }
    if (optind >= argc)
        return usage_error("name at least one play log");
    struct sums s = {0};
    bool all_read = true;
    for (int i = optind; i < argc && !s.oom; i++)
        all_read &= read_log(argv[i], &s, from_ms, until_ms);
    if (s.oom)
        fprintf(stderr, "corridor report: out of memory\n");
    else if (s.n)
        qsort(s.rows, s.n, sizeof(*s.rows), by_screen_slide);
    if (!s.oom) {
        if (csv)
            print_csv(&s);
        else
            print_table(&s);
    }
    if (s.skipped)
        fprintf(stderr, "corridor report: %lu line%s left out\n", s.skipped,
                s.skipped == 1 ? "" : "s");
    for (size_t i = 0; i < s.n; i++) {
        free(s.rows[i].screen);
        free(s.rows[i].type);
        free(s.rows[i].title);
    }
    free(s.rows);
    return s.oom || !all_read ? 1 : 0;
}
