/* test_html.c: the report page's HTML text: escaping playlist text, and the page's size bound. */
#include <string.h>

#include "check.h"
#include "html.h"

static void test_escaping(void)
{
    struct {
        const char *in, *out;
    } cases[] = {
        {"Welcome to Ward 3", "Welcome to Ward 3"},
        {"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
        {"\"><img src=x onerror=alert(2)>", "&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"},
        {"Today's & tomorrow's", "Today&#39;s &amp; tomorrow&#39;s"},
        {"&amp;", "&amp;amp;"},
        {"<!-- -->", "&lt;!-- --&gt;"},
        /* line breaks and tabs stay; other control characters cannot reach the page */
        {"a\nb\tc", "a\nb\tc"},
        {"a\x01"
         "b\x1b[31m\x7f",
         "a&#xFFFD;b&#xFFFD;[31m&#xFFFD;"},
        /* UTF-8 passes; bytes that are not UTF-8 become U+FFFD, one each */
        {"caf\xc3\xa9 \xe2\x80\x93 \xf0\x9f\x98\x80", "caf\xc3\xa9 \xe2\x80\x93 \xf0\x9f\x98\x80"},
        {"bad \xff\xfe end", "bad &#xFFFD;&#xFFFD; end"},
        {"cut \xe2\x80", "cut &#xFFFD;&#xFFFD;"},
        {"overlong \xc0\xaf", "overlong &#xFFFD;&#xFFFD;"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct cor_html h;
        cor_html_init(&h, 4096);
        CHECK(cor_html_text(&h, cases[i].in));
        CHECK_STR(h.b.data, cases[i].out);
        cor_html_free(&h);
    }
    /* NUL inside the given length is text too, and NULL adds nothing */
    struct cor_html h;
    cor_html_init(&h, 4096);
    CHECK(cor_html_text_n(&h, "a\0b", 3));
    CHECK(cor_html_text(&h, NULL));
    CHECK_STR(h.b.data, "a&#xFFFD;b");
    cor_html_free(&h);
}

static void test_limit(void)
{
    struct cor_html h;
    cor_html_init(&h, 100);
    CHECK(cor_html_raw(&h, "<p>%s</p>", "short"));
    CHECK(!h.full);
    /* the write that passes the limit is the last one kept */
    char long_text[200];
    memset(long_text, 'x', sizeof(long_text) - 1);
    long_text[sizeof(long_text) - 1] = '\0';
    CHECK(!cor_html_text(&h, long_text));
    CHECK(h.full);
    size_t len = h.b.len;
    CHECK(!cor_html_raw(&h, "</p>"));
    CHECK(!cor_html_text(&h, "more"));
    CHECK_INT(h.b.len, len);
    cor_html_free(&h);
    /* markup longer than the small stack buffer is written whole */
    cor_html_init(&h, 10000);
    CHECK(cor_html_raw(&h, "<p>%s</p>", long_text));
    CHECK_INT(h.b.len, strlen(long_text) + 7);
    cor_html_free(&h);
}

int main(void)
{
    test_escaping();
    test_limit();
    return CHECK_DONE();
}
