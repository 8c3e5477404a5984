/* diag.c: collects playlist messages and prints them compiler-style with the source line. */
#include "diag.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct cor_diag_source {
    struct cor_diag_source *next;
    char *file;
    char *text;
    size_t len;
};

void cor_diags_init(struct cor_diags *d)
{
    memset(d, 0, sizeof(*d));
}

void cor_diags_free(struct cor_diags *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n; i++) {
        free(d->items[i].file);
        free(d->items[i].msg);
    }
    free(d->items);
    struct cor_diag_source *s = d->sources;
    while (s) {
        struct cor_diag_source *next = s->next;
        free(s->file);
        free(s->text);
        free(s);
        s = next;
    }
    memset(d, 0, sizeof(*d));
}

bool cor_diags_add(struct cor_diags *d, enum cor_severity sev, const char *file, int line, int col,
                   const char *fmt, ...)
{
    size_t limit = d->max_errors ? d->max_errors : 100;
    if (sev == COR_SEV_ERROR && d->n_errors >= limit) {
        d->truncated = true;
        d->n_errors++;
        return true;
    }
    if (d->n == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 16;
        struct cor_diag *items = realloc(d->items, cap * sizeof(*items));
        if (!items)
            return false;
        d->items = items;
        d->cap = cap;
    }
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return false;
    char *msg = malloc((size_t)n + 1);
    char *name = strdup(file ? file : "");
    if (!msg || !name) {
        free(msg);
        free(name);
        return false;
    }
    va_start(ap, fmt);
    vsnprintf(msg, (size_t)n + 1, fmt, ap);
    va_end(ap);
    d->items[d->n++] = (struct cor_diag){sev, name, line, col, msg};
    if (sev == COR_SEV_ERROR)
        d->n_errors++;
    else
        d->n_warnings++;
    return true;
}

bool cor_diags_add_source(struct cor_diags *d, const char *file, const char *text, size_t len)
{
    struct cor_diag_source *s = calloc(1, sizeof(*s));
    if (!s)
        return false;
    s->file = strdup(file);
    s->text = malloc(len + 1);
    if (!s->file || !s->text) {
        free(s->file);
        free(s->text);
        free(s);
        return false;
    }
    memcpy(s->text, text, len);
    s->text[len] = '\0';
    s->len = len;
    s->next = d->sources;
    d->sources = s;
    return true;
}

static int compare_diags(const void *a, const void *b)
{
    const struct cor_diag *x = a, *y = b;
    int c = strcmp(x->file, y->file);
    if (c)
        return c;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    return 0;
}

void cor_diags_sort(struct cor_diags *d)
{
    /* Insertion sort keeps equal positions in the order they were found. */
    for (size_t i = 1; i < d->n; i++) {
        struct cor_diag t = d->items[i];
        size_t j = i;
        while (j > 0 && compare_diags(&d->items[j - 1], &t) > 0) {
            d->items[j] = d->items[j - 1];
            j--;
        }
        d->items[j] = t;
    }
}

const char *cor_diags_source(const struct cor_diags *d, const char *file, size_t *len)
{
    for (const struct cor_diag_source *s = d->sources; s; s = s->next) {
        if (strcmp(s->file, file) == 0) {
            *len = s->len;
            return s->text;
        }
    }
    return NULL;
}

const char *cor_diags_source_line(const struct cor_diags *d, const char *file, int line,
                                  size_t *len)
{
    size_t size;
    const char *text = cor_diags_source(d, file, &size);
    if (!text)
        return NULL;
    const char *p = text, *end = text + size;
    for (int l = 1; l < line && p < end; l++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            return NULL;
        p = nl + 1;
    }
    if (p >= end && line > 1)
        return NULL;
    const char *e = p;
    while (e < end && *e != '\n' && *e != '\r')
        e++;
    *len = (size_t)(e - p);
    return p;
}

void cor_diag_format(const struct cor_diag *diag, char *buf, size_t size)
{
    if (diag->line > 0 && diag->col > 0)
        snprintf(buf, size, "%s:%d:%d: %s", diag->file, diag->line, diag->col, diag->msg);
    else if (diag->line > 0)
        snprintf(buf, size, "%s:%d: %s", diag->file, diag->line, diag->msg);
    else
        snprintf(buf, size, "%s: %s", diag->file, diag->msg);
}

static void print_caret_line(FILE *out, const char *line, size_t len, int col)
{
    /* Show at most 160 bytes of a long line, and the caret under the column in characters. */
    size_t shown = len > 160 ? 160 : len;
    fputs("    ", out);
    for (size_t i = 0; i < shown; i++) {
        unsigned char c = (unsigned char)line[i];
        fputc(c == '\t' ? ' ' : (c < 0x20 || c == 0x7f) ? '?' : c, out);
    }
    if (shown < len)
        fputs("...", out);
    fputc('\n', out);
    if (col <= 0)
        return;
    fputs("    ", out);
    int chars = 0;
    for (size_t i = 0; i < shown && chars < col - 1; i++) {
        if (((unsigned char)line[i] & 0xC0) == 0x80)
            continue;
        fputc(' ', out);
        chars++;
    }
    fputs("^\n", out);
}

void cor_diags_print(const struct cor_diags *d, FILE *out)
{
    char buf[4096];
    for (size_t i = 0; i < d->n; i++) {
        const struct cor_diag *g = &d->items[i];
        const char *kind = g->severity == COR_SEV_ERROR ? "error" : "warning";
        struct cor_diag tmp = *g;
        char msg[3072];
        snprintf(msg, sizeof(msg), "%s: %s", kind, g->msg);
        tmp.msg = msg;
        cor_diag_format(&tmp, buf, sizeof(buf));
        fprintf(out, "%s\n", buf);
        size_t len = 0;
        const char *line = g->line > 0 ? cor_diags_source_line(d, g->file, g->line, &len) : NULL;
        if (line)
            print_caret_line(out, line, len, g->col);
    }
    if (d->truncated)
        fprintf(out, "(%zu more mistakes not shown: fix these first)\n",
                d->n_errors - (d->max_errors ? d->max_errors : 100));
}

int cor_diags_find(const struct cor_diags *d, const char *needle)
{
    for (size_t i = 0; i < d->n; i++)
        if (strstr(d->items[i].msg, needle))
            return (int)i;
    return -1;
}

void cor_say(char *err, size_t size, const char *fmt, ...)
{
    if (!err || size == 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, size, fmt, ap);
    va_end(ap);
}
