/* arena.h: a bump allocator; a playlist's strings and arrays live in one and die with it. */
#pragma once

#include <stdarg.h>
#include <stddef.h>

struct cor_arena;

/* Returns a new empty arena, or NULL when out of memory. Free with cor_arena_free. */
struct cor_arena *cor_arena_create(void);
/* Frees every block the arena handed out. Accepts NULL. */
void cor_arena_free(struct cor_arena *arena);

/* Returns SIZE zeroed bytes aligned for any type, or NULL when out of memory. */
void *cor_arena_alloc(struct cor_arena *arena, size_t size);
/* Returns N zeroed elements of SIZE bytes, or NULL on overflow or out of memory. */
void *cor_arena_array(struct cor_arena *arena, size_t n, size_t size);
/* Copies LEN bytes of S and a NUL; NULL when out of memory. */
char *cor_arena_strndup(struct cor_arena *arena, const char *s, size_t len);
char *cor_arena_strdup(struct cor_arena *arena, const char *s);
char *cor_arena_printf(struct cor_arena *arena, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Bytes the arena has taken from the system, for benchmarks. */
size_t cor_arena_size(const struct cor_arena *arena);
