/* fuzz_urgent.c: libFuzzer target: an urgent notice file's bytes, as urgent.txt and as
 * urgent.yaml. The bytes are decoded as the player decodes them (any encoding a hospital PC
 * writes), then read as plain text and as urgent.yaml.
 *
 * Besides the sanitizers, it stops on broken promises: decoded text that is not UTF-8 or keeps a
 * CR or a control character, a notice with text that is not shown (no title), and a mistake in
 * urgent.yaml that hides the notice. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "urgent.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FAIL(...)                                                                                  \
    do {                                                                                           \
        fprintf(stderr, "fuzz_urgent: " __VA_ARGS__);                                              \
        fputc('\n', stderr);                                                                       \
        abort();                                                                                   \
    } while (0)

static bool has_text(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n')
            return true;
    return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > COR_URGENT_MAX_BYTES)
        return 0;
    char *text = cor_urgent_decode((const char *)data, size);
    if (!text)
        return 0;
    size_t len = strlen(text);
    const unsigned char *p = (const unsigned char *)text, *end = p + len;
    while (p < end) {
        size_t k = cor_utf8_length(p, end);
        if (k == 0)
            FAIL("decoded text is not UTF-8 at byte %zu", (size_t)(p - (const unsigned char *)text));
        if (k == 1 && *p < 0x20 && *p != '\n' && *p != '\t')
            FAIL("decoded text keeps control character 0x%02x", *p);
        p += k;
    }
    struct cor_urgent u = {0};
    if (cor_urgent_parse_yaml("urgent.yaml", text, len, &u)) {
        if (has_text(text) && !u.present)
            FAIL("urgent.yaml with text shows no notice (problem: %s)",
                 u.problem ? u.problem : "none");
        if (u.present && (!u.title || !u.title[0] || !u.body))
            FAIL("a notice without a title or body");
    }
    cor_urgent_free(&u);
    free(text);
    return 0;
}
