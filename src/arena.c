/* arena.c: a list of growing blocks; allocation bumps a pointer, freeing drops every block. */
#include "arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct block {
    struct block *next;
    size_t size, used;
    alignas(max_align_t) unsigned char data[];
};

struct cor_arena {
    struct block *head;
    size_t total;
};

enum { MIN_BLOCK = 16 * 1024 };

struct cor_arena *cor_arena_create(void)
{
    return calloc(1, sizeof(struct cor_arena));
}

void cor_arena_free(struct cor_arena *arena)
{
    if (!arena)
        return;
    struct block *b = arena->head;
    while (b) {
        struct block *next = b->next;
        free(b);
        b = next;
    }
    free(arena);
}

void *cor_arena_alloc(struct cor_arena *arena, size_t size)
{
    const size_t align = alignof(max_align_t);
    if (size > SIZE_MAX / 2)
        return NULL;
    size = (size + align - 1) & ~(align - 1);
    if (size == 0)
        size = align;
    struct block *b = arena->head;
    if (!b || b->size - b->used < size) {
        size_t want = b ? b->size * 2 : MIN_BLOCK;
        if (want > 4 * 1024 * 1024)
            want = 4 * 1024 * 1024;
        if (want < size)
            want = size;
        struct block *nb = malloc(sizeof(*nb) + want);
        if (!nb)
            return NULL;
        nb->size = want;
        nb->used = 0;
        /* A large one-off allocation goes behind the current block so it keeps its free room. */
        if (b && want == size && b->size - b->used > 0) {
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            arena->head = nb;
        }
        arena->total += sizeof(*nb) + want;
        b = nb;
    }
    void *p = b->data + b->used;
    b->used += size;
    memset(p, 0, size);
    return p;
}

void *cor_arena_array(struct cor_arena *arena, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    return cor_arena_alloc(arena, n * size);
}

char *cor_arena_strndup(struct cor_arena *arena, const char *s, size_t len)
{
    char *p = cor_arena_alloc(arena, len + 1);
    if (!p)
        return NULL;
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *cor_arena_strdup(struct cor_arena *arena, const char *s)
{
    return cor_arena_strndup(arena, s, strlen(s));
}

char *cor_arena_printf(struct cor_arena *arena, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    char *p = cor_arena_alloc(arena, (size_t)n + 1);
    if (!p)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

size_t cor_arena_size(const struct cor_arena *arena)
{
    return arena->total;
}
