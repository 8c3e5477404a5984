/* html.c: building an HTML page in memory with playlist text escaped. */
#include "html.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

void cor_html_init(struct cor_html *h, size_t limit)
{
    memset(h, 0, sizeof(*h));
    h->limit = limit;
}

void cor_html_free(struct cor_html *h)
{
    cor_buf_free(&h->b);
    memset(h, 0, sizeof(*h));
}

/* Marks the page full once it passed its limit or an allocation failed. */
static bool still_room(struct cor_html *h)
{
    if (h->b.failed || h->b.len > h->limit)
        h->full = true;
    return !h->full;
}

bool cor_html_raw(struct cor_html *h, const char *fmt, ...)
{
    if (h->full)
        return false;
    va_list ap;
    va_start(ap, fmt);
    char small[512];
    int n = vsnprintf(small, sizeof(small), fmt, ap);
    va_end(ap);
    if (n < 0) {
        h->full = true;
        return false;
    }
    if ((size_t)n < sizeof(small)) {
        cor_buf_append(&h->b, small, (size_t)n);
    } else {
        char *big = malloc((size_t)n + 1);
        if (!big) {
            h->full = true;
            return false;
        }
        va_start(ap, fmt);
        vsnprintf(big, (size_t)n + 1, fmt, ap);
        va_end(ap);
        cor_buf_append(&h->b, big, (size_t)n);
        free(big);
    }
    return still_room(h);
}

bool cor_html_text_n(struct cor_html *h, const char *text, size_t n)
{
    if (h->full)
        return false;
    if (!text)
        return true;
    const unsigned char *p = (const unsigned char *)text, *end = p + n;
    while (p < end) {
        const char *esc = NULL;
        size_t step = 1;
        switch (*p) {
        case '&':
            esc = "&amp;";
            break;
        case '<':
            esc = "&lt;";
            break;
        case '>':
            esc = "&gt;";
            break;
        case '"':
            esc = "&quot;";
            break;
        case '\'':
            esc = "&#39;";
            break;
        default:
            if (*p >= 0x80) {
                size_t len = cor_utf8_length(p, end);
                step = len ? len : 1;
                if (!len)
                    esc = "&#xFFFD;";
            } else if ((*p < 0x20 && *p != '\n' && *p != '\t') || *p == 0x7f) {
                esc = "&#xFFFD;";
            }
        }
        if (esc)
            cor_buf_puts(&h->b, esc);
        else
            cor_buf_append(&h->b, (const char *)p, step);
        p += step;
    }
    return still_room(h);
}

bool cor_html_text(struct cor_html *h, const char *text)
{
    return cor_html_text_n(h, text, text ? strlen(text) : 0);
}
