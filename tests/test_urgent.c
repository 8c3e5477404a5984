/* test_urgent.c: reading an urgent notice in every encoding a hospital PC writes, urgent.yaml and
 * its mistakes, and whether a notice is up at a moment on a screen. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "urgent.h"
#include "utf8.h"
#include "value.h"

static char dir[] = "/tmp/corridor-test-urgent-XXXXXX";

static void put(const char *name, const char *bytes, size_t n)
{
    char path[256];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (f) {
        fwrite(bytes, 1, n, f);
        fclose(f);
    }
}

static void drop(const char *name)
{
    char path[256];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    unlink(path);
}

static cor_minute at(int y, int m, int d, int hh, int mm)
{
    return (cor_minute)cor_days_from_civil(y, m, d) * COR_MINUTES_PER_DAY + hh * 60 + mm;
}

/* "Ward 7 closed\r\nDo not visit – thank you\r\n" in UTF-16 (LE: LITTLE), with a mark. */
static size_t utf16(char *out, bool little, bool mark)
{
    static const uint16_t text[] = {'W', 'a', 'r', 'd', ' ', '7', ' ', 'c', 'l', 'o', 's', 'e',
                                    'd', '\r', '\n', 'D', 'o', ' ', 'n', 'o', 't', ' ', 'v', 'i',
                                    's', 'i', 't', ' ', 0x2013, ' ', 't', 'h', 'a', 'n', 'k', ' ',
                                    'y', 'o', 'u', '\r', '\n'};
    size_t n = 0;
    if (mark) {
        out[n++] = little ? '\xFF' : '\xFE';
        out[n++] = little ? '\xFE' : '\xFF';
    }
    for (size_t i = 0; i < sizeof(text) / sizeof(text[0]); i++) {
        out[n++] = (char)(little ? text[i] & 0xFF : text[i] >> 8);
        out[n++] = (char)(little ? text[i] >> 8 : text[i] & 0xFF);
    }
    return n;
}

static void test_encodings(void)
{
    static const char want_body[] = "Do not visit \xE2\x80\x93 thank you";
    char buf[256];
    for (int k = 0; k < 4; k++) {
        size_t n = utf16(buf, k & 1, k < 2);
        char *s = cor_urgent_decode(buf, n);
        CHECK(s != NULL);
        if (s)
            CHECK_STR(s, "Ward 7 closed\nDo not visit \xE2\x80\x93 thank you\n");
        free(s);
        /* Half written: a last odd byte is left out, never read past. */
        s = cor_urgent_decode(buf, n - 1);
        CHECK(s != NULL && strncmp(s, "Ward 7 closed\n", 14) == 0);
        free(s);
    }
    static const struct {
        const char *raw, *want;
    } cases[] = {
        {"\xEF\xBB\xBFWard 7 closed\r\nDo not visit \xE2\x80\x93 thank you\r\n", NULL},
        {"Ward 7 closed\rDo not visit \x96 thank you", NULL}, /* Notepad's "ANSI", old Mac */
        {"Ward 7 closed\nDo not visit \xE2\x80\x93 thank you", NULL},
        {"Caf\xE9 closed \x80 5", "Caf\xC3\xA9 closed \xE2\x82\xAC 5"},
        {"bell\a and NUL", "bell and NUL"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *s = cor_urgent_decode(cases[i].raw, strlen(cases[i].raw));
        CHECK(s != NULL);
        if (s && cases[i].want)
            CHECK_STR(s, cases[i].want);
        else if (s)
            CHECK(strncmp(s, "Ward 7 closed\n", 14) == 0 && strstr(s, want_body) != NULL);
        free(s);
    }
}

static void test_text_file(void)
{
    struct cor_urgent u;
    CHECK(cor_urgent_read(dir, &u));
    CHECK(!u.present);
    cor_urgent_free(&u);

    put("urgent.txt", " \r\n\r\n  ", 7); /* only white space: no notice */
    CHECK(cor_urgent_read(dir, &u));
    CHECK(!u.present);
    cor_urgent_free(&u);

    char buf[256];
    size_t n = utf16(buf, true, true);
    put("urgent.txt", buf, n);
    CHECK(cor_urgent_read(dir, &u));
    CHECK(u.present);
    CHECK_STR(u.title, "Ward 7 closed");
    CHECK_STR(u.body, "Do not visit \xE2\x80\x93 thank you");
    CHECK(u.style == COR_URGENT_FULL && !u.problem && u.n_screens == 0);
    CHECK(strstr(u.path, "/urgent.txt") != NULL);
    CHECK(cor_urgent_state(&u, "any", at(2026, 12, 4, 10, 0)) == COR_URGENT_UP);
    cor_urgent_free(&u);

    /* Bounded: a huge file is read in part, and says so. */
    char *big = malloc(COR_URGENT_MAX_BYTES * 2);
    CHECK(big != NULL);
    if (big) {
        memset(big, 'x', COR_URGENT_MAX_BYTES * 2);
        memcpy(big, "Big\n", 4);
        put("urgent.txt", big, COR_URGENT_MAX_BYTES * 2);
        CHECK(cor_urgent_read(dir, &u));
        CHECK(u.present && strcmp(u.title, "Big") == 0 && u.problem != NULL);
        CHECK(strlen(u.body) < COR_URGENT_MAX_BYTES);
        cor_urgent_free(&u);
        free(big);
    }
    drop("urgent.txt");
}

static void yaml(const char *text, struct cor_urgent *u)
{
    put("urgent.yaml", text, strlen(text));
    CHECK(cor_urgent_read(dir, u));
}

static void test_yaml(void)
{
    struct cor_urgent u;
    yaml("title: Lift B out of order\nbody: Please use lift A by the shop.\nstyle: banner\n"
         "screens: [ward-7-lift, main-entrance]\nuntil: 2026-12-05 18:00\n"
         "background: \"#FFD100\"\ntext: \"#000000\"\n",
         &u);
    CHECK(u.present && !u.problem);
    CHECK_STR(u.title, "Lift B out of order");
    CHECK_STR(u.body, "Please use lift A by the shop.");
    CHECK(u.style == COR_URGENT_BANNER && u.n_screens == 2 && u.has_until);
    CHECK(u.background.r == 0xFF && u.background.g == 0xD1 && u.text.r == 0);
    CHECK(cor_urgent_state(&u, "ward-7-lift", at(2026, 12, 5, 17, 59)) == COR_URGENT_UP);
    CHECK(cor_urgent_state(&u, "main-entrance", at(2026, 12, 5, 9, 0)) == COR_URGENT_UP);
    CHECK(cor_urgent_state(&u, "ward-9", at(2026, 12, 5, 9, 0)) == COR_URGENT_ELSEWHERE);
    CHECK(cor_urgent_state(&u, NULL, at(2026, 12, 5, 9, 0)) == COR_URGENT_ELSEWHERE);
    CHECK(cor_urgent_state(&u, "ward-7-lift", at(2026, 12, 5, 18, 0)) == COR_URGENT_ENDED);
    cor_urgent_free(&u);

    /* A date alone lasts to the end of that day. */
    yaml("title: Fire drill\nuntil: 2026-12-05\n", &u);
    CHECK(cor_urgent_state(&u, "x", at(2026, 12, 5, 23, 59)) == COR_URGENT_UP);
    CHECK(cor_urgent_state(&u, "x", at(2026, 12, 6, 0, 0)) == COR_URGENT_ENDED);
    cor_urgent_free(&u);

    /* Mistakes never hide the notice: what can be read is shown, the first mistake told. */
    yaml("title: Ward 7 closed\nstlye: banner\n", &u);
    CHECK(u.present);
    CHECK_STR(u.title, "Ward 7 closed");
    CHECK(u.problem && strstr(u.problem, "urgent.yaml:2:1:") && strstr(u.problem, "`style`"));
    cor_urgent_free(&u);

    yaml("title: Ward 7 closed\nuntil: tomorrow-ish\nstyle: full\n", &u);
    CHECK(u.present && !u.has_until && u.problem && strstr(u.problem, "urgent.yaml:2:8:"));
    cor_urgent_free(&u);

    yaml("title: Ward 7 closed\nbackground: \"#FF8080\"\ntext: white\n", &u);
    CHECK(u.present && u.problem && strstr(u.problem, "contrast"));
    CHECK(u.background.r == 0x8b && u.text.r == 0xff); /* kept white on dark red */
    cor_urgent_free(&u);

    /* Not YAML at all: the raw file, its first line the title. */
    yaml("Ward 7 closed: \"do not visit\n  today: norovirus\n", &u);
    CHECK(u.present && u.problem != NULL);
    CHECK(u.title && strstr(u.title, "Ward 7 closed") == u.title);
    cor_urgent_free(&u);

    yaml("body: no title here\n", &u);
    CHECK(u.present && u.problem && strstr(u.problem, "title"));
    cor_urgent_free(&u);

    /* urgent.yaml wins over urgent.txt; an empty one leaves urgent.txt to speak. */
    put("urgent.txt", "From the text file\n", 19);
    yaml("title: From the YAML file\n", &u);
    CHECK_STR(u.title, "From the YAML file");
    cor_urgent_free(&u);
    yaml("", &u);
    CHECK_STR(u.title, "From the text file");
    cor_urgent_free(&u);
    drop("urgent.txt");
    drop("urgent.yaml");

    struct cor_urgent a, b;
    yaml("title: Same\n", &a);
    yaml("title: Same\n", &b);
    CHECK(cor_urgent_same(&a, &b));
    cor_urgent_free(&b);
    yaml("title: Same\nbody: changed\n", &b);
    CHECK(!cor_urgent_same(&a, &b));
    cor_urgent_free(&a);
    cor_urgent_free(&b);
    drop("urgent.yaml");
    CHECK(cor_urgent_state(NULL, "x", 0) == COR_URGENT_NONE);
}

/* Whatever the bytes, the text that comes out is UTF-8 with LF line ends and no control
 * characters but tab and LF; and no file that is not a regular one is read, nor waited on. */
static void test_hostile(void)
{
    unsigned seed = 16;
    char raw[512];
    for (int round = 0; round < 5000; round++) {
        size_t n = (size_t)(rand_r(&seed) % sizeof(raw));
        for (size_t i = 0; i < n; i++)
            raw[i] = (char)(rand_r(&seed) % (round % 3 ? 256 : 4)); /* some rounds mostly zeros */
        if (round % 5 == 0 && n >= 2) {
            raw[0] = '\xFF';
            raw[1] = '\xFE';
        }
        char *s = cor_urgent_decode(raw, n);
        CHECK(s != NULL);
        if (!s)
            continue;
        size_t len = strlen(s);
        const unsigned char *p = (const unsigned char *)s, *end = p + len;
        while (p < end) {
            size_t k = cor_utf8_length(p, end);
            CHECK_MSG(k > 0, "round %d: not UTF-8 at byte %zu", round, (size_t)(p - (const unsigned char *)s));
            if (k == 0)
                break;
            CHECK(k > 1 || *p >= 0x20 || *p == '\n' || *p == '\t');
            p += k;
        }
        free(s);
        struct cor_urgent u = {0};
        CHECK(cor_urgent_parse_yaml("urgent.yaml", raw, strnlen(raw, n), &u));
        cor_urgent_free(&u);
    }

    char path[256];
    struct cor_urgent u;
    snprintf(path, sizeof(path), "%s/urgent.txt", dir);
    CHECK(mkfifo(path, 0644) == 0); /* nobody writes: reading it must not wait */
    CHECK(cor_urgent_read(dir, &u) && !u.present);
    cor_urgent_free(&u);
    unlink(path);
    CHECK(mkdir(path, 0755) == 0);
    CHECK(cor_urgent_read(dir, &u) && !u.present);
    cor_urgent_free(&u);
    rmdir(path);
    CHECK(symlink("/dev/zero", path) == 0);
    CHECK(cor_urgent_read(dir, &u) && !u.present);
    cor_urgent_free(&u);
    unlink(path);
}

int main(void)
{
    CHECK(mkdtemp(dir) != NULL);
    test_encodings();
    test_text_file();
    test_yaml();
    test_hostile();
    rmdir(dir);
    return CHECK_DONE();
}
