/* value_words.c: how near two words are, for "did you mean" in every message. */
#include "value.h"
#include "value_priv.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Words near one another. */

int cor_edit_distance(const char *a, const char *b, int cap)
{
    /* Optimal string alignment: insertions, deletions, substitutions and swaps of two
     * neighbouring letters ("titel" for "title") each cost one; letter case is ignored. */
    if (cap <= 0)
        return 0;
    if (!a)
        a = "";
    if (!b)
        b = "";
    size_t na = strlen(a), nb = strlen(b);
    if ((na > nb ? na - nb : nb - na) >= (size_t)cap)
        return cap;
    int *rows = malloc(3 * (nb + 1) * sizeof(int));
    if (!rows)
        return cap;
    int *before = rows, *prev = rows + nb + 1, *cur = rows + 2 * (nb + 1);
    for (size_t j = 0; j <= nb; j++)
        prev[j] = j < (size_t)cap ? (int)j : cap;
    for (size_t i = 1; i <= na; i++) {
        cur[0] = i < (size_t)cap ? (int)i : cap;
        int row_min = cur[0];
        int ai = tolower((unsigned char)a[i - 1]);
        for (size_t j = 1; j <= nb; j++) {
            int bj = tolower((unsigned char)b[j - 1]);
            int best = prev[j - 1] + (ai != bj);
            if (prev[j] + 1 < best)
                best = prev[j] + 1;
            if (cur[j - 1] + 1 < best)
                best = cur[j - 1] + 1;
            if (i > 1 && j > 1 && ai == tolower((unsigned char)b[j - 2]) &&
                tolower((unsigned char)a[i - 2]) == bj && before[j - 2] + 1 < best)
                best = before[j - 2] + 1;
            cur[j] = best < cap ? best : cap;
            if (cur[j] < row_min)
                row_min = cur[j];
        }
        int *spare = before;
        before = prev;
        prev = cur;
        cur = spare;
        if (row_min >= cap) {
            free(rows);
            return cap;
        }
    }
    int d = prev[nb];
    free(rows);
    return d < cap ? d : cap;
}

/* The nearest to S of the names that open each STRIDE-byte record at BASE, up to a NULL name.
 * A name is near when the edit distance is at most a third of S's length (at least 1), or when
 * one begins the other and the shorter has three letters or more. */
const char *cor_value_nearest_in(const char *s, const void *base, size_t stride)
{
    size_t ns = strlen(s);
    int limit = ns / 3 > 1 ? (int)(ns / 3) : 1;
    const char *best = NULL;
    int best_d = INT_MAX;

    if (ns == 0)
        return NULL;
    for (size_t i = 0;; i++) {
        const char *name;
        memcpy(&name, (const char *)base + i * stride, sizeof(name));
        if (!name)
            break;
        size_t nw = strlen(name), shorter = ns < nw ? ns : nw;
        int d = cor_edit_distance(s, name, 1000);
        bool prefix = shorter >= 3 && strncasecmp(s, name, shorter) == 0;
        if ((d <= limit || prefix) && d < best_d) {
            best = name;
            best_d = d;
        }
    }
    return best;
}

const char *cor_nearest_word(const char *s, const char *const *words)
{
    if (!s || !words)
        return NULL;
    return cor_value_nearest_in(s, words, sizeof(words[0]));
}

const char *cor_when_key_for(const char *value)
{
    uint8_t days;
    int32_t day;
    cor_minute m;
    bool has_time;
    int a, b;
    char first[64];
    /* "mon, wed, fri": the first day decides. */
    snprintf(first, sizeof(first), "%.*s", (int)strcspn(value, ",[]"), value);
    if (cor_parse_days_word(first[0] ? first : value, &days, NULL, 0))
        return "days";
    if (cor_parse_date(value, &day, NULL, 0) || cor_parse_datetime(value, &m, &has_time, NULL, 0))
        return "from";
    if (cor_parse_time_range(value, &a, &b, NULL, 0))
        return "hours";
    return NULL;
}
