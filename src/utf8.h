/* utf8.h: checking UTF-8 text, for the YAML pre-check and JSON output; reading it by character. */
#pragma once

#include <stddef.h>
#include <stdint.h>

/* Length (1 to 4) of the valid UTF-8 sequence at P, which may not run past END; 0 when the
 * bytes there are not UTF-8 (overlong forms, surrogates and values past U+10FFFF included). */
size_t cor_utf8_length(const unsigned char *p, const unsigned char *end);

/* The character at byte *I of the LEN bytes S (I < LEN), moving *I past it; U+FFFD, one byte on,
 * for bytes that are not UTF-8. */
uint32_t cor_utf8_next(const char *s, size_t len, size_t *i);
