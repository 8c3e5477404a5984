/* test_qr.c: QR codes: size for the error correction level, finder patterns, refusals. */
#include "check.h"
#include "qr.h"

#include <stdlib.h>

/* Whether the 7x7 finder pattern has its top-left module at X, Y. */
static bool finder_at(const struct cor_qr *q, int x, int y)
{
    for (int j = 0; j < 7; j++) {
        for (int i = 0; i < 7; i++) {
            bool ring = i == 0 || i == 6 || j == 0 || j == 6;
            bool core = i >= 2 && i <= 4 && j >= 2 && j <= 4;
            if (q->modules[(y + j) * q->size + x + i] != (ring || core))
                return false;
        }
    }
    return true;
}

static void check_code(const char *text, int size)
{
    struct cor_qr q;
    CHECK_MSG(cor_qr_make(text, &q), "cannot encode \"%s\"", text);
    if (size)
        CHECK_INT(q.size, size);
    if (q.modules && q.size >= 21) {
        CHECK(finder_at(&q, 0, 0));
        CHECK(finder_at(&q, q.size - 7, 0));
        CHECK(finder_at(&q, 0, q.size - 7));
        bool plain = true;
        for (int i = 0; i < q.size * q.size; i++)
            plain = plain && q.modules[i] <= 1;
        CHECK(plain);
    }
    cor_qr_free(&q);
    CHECK(q.modules == NULL && q.size == 0);
}

int main(void)
{
    /* Level M in 8-bit mode: 27 bytes need version 3 (29 modules; level L would fit version 2),
     * and 33 bytes still fit version 3 (level Q would need version 4). */
    check_code("abcdefghijklmnopqrstuvwxyza", 29);
    check_code("abcdefghijklmnopqrstuvwxyzabcdefg", 29);
    check_code("https://example.org/ward7", 25);
    check_code("Café – ward 7, level 2", 0);

    struct cor_qr a, b;
    CHECK(cor_qr_make("https://example.org/clinic?day=tue", &a));
    CHECK(cor_qr_make("https://example.org/clinic?day=tue", &b));
    CHECK(a.size == b.size && memcmp(a.modules, b.modules, (size_t)a.size * a.size) == 0);
    cor_qr_free(&a);
    cor_qr_free(&b);

    struct cor_qr q = {7, (unsigned char *)"x"};
    CHECK(!cor_qr_make("", &q));
    CHECK(q.size == 0 && q.modules == NULL);
    CHECK(!cor_qr_make(NULL, &q));

    /* The largest code at level M holds 2331 bytes. */
    char *text = malloc(3001);
    if (!text)
        return 2;
    memset(text, 'a', 3000);
    text[3000] = '\0';
    CHECK(!cor_qr_make(text, &q));
    CHECK(q.modules == NULL);
    text[2000] = '\0';
    CHECK(cor_qr_make(text, &q));
    CHECK(q.size > 150 && q.size <= 177);
    cor_qr_free(&q);
    free(text);

    cor_qr_free(&q);
    cor_qr_free(NULL);
    return CHECK_DONE();
}
