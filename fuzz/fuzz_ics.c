/* fuzz_ics.c: libFuzzer target: the calendar (.ics) reader, on any bytes.
 *
 * The input is a calendar file's text, expanded over the autumn of 2024 (across London's clock
 * change) in the zone Europe/London. Besides the sanitizers, it stops on broken promises: a
 * refusal without an error, more sessions than the bound, a session outside the days asked for,
 * or one that ends before it starts. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "arena.h"
#include "diag.h"
#include "ics.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FAIL(...)                                                                                  \
    do {                                                                                           \
        fprintf(stderr, "fuzz_ics: " __VA_ARGS__);                                                 \
        fputc('\n', stderr);                                                                       \
        abort();                                                                                   \
    } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    enum { FIRST = 19996, LAST = 20088 }; /* 2024-09-30 to 2024-12-31 */
    struct cor_arena *arena = cor_arena_create();
    if (!arena)
        return 0;
    struct cor_diags diags;
    cor_diags_init(&diags);
    struct cor_ics_result res;
    bool ok = cor_ics_read((const char *)data, size, "fuzz.ics", FIRST, LAST, "Europe/London",
                           arena, &diags, &res);
    if (!ok && diags.n_errors == 0)
        FAIL("refused the calendar without an error");
    if (ok && diags.n_errors)
        FAIL("accepted the calendar with %zu errors", diags.n_errors);
    if (res.n_sessions > COR_ICS_MAX_SESSIONS)
        FAIL("%zu sessions, over the bound", res.n_sessions);
    for (size_t i = 0; i < res.n_sessions; i++) {
        const struct cor_session *s = &res.sessions[i];
        if (s->day < FIRST || s->day > LAST)
            FAIL("a session on day %d, outside the days asked for", (int)s->day);
        if (s->start_min < 0 || s->end_min > COR_MINUTES_PER_DAY || s->end_min <= s->start_min)
            FAIL("a session from minute %d to %d", s->start_min, s->end_min);
        if (!s->title)
            FAIL("a session without a title");
    }
    cor_diags_free(&diags);
    cor_arena_free(arena);
    return 0;
}
