/* test_text.c: measuring and drawing text with few fonts open: the widths a font opened at each
 * size gives, a bound on open fonts, and what cor_text_trim keeps. */
#include "check.h"
#include "font.h"
#include "text.h"
#include "utf8.h"

#include <SDL.h>
#include <SDL_ttf.h>

#include <stdlib.h>
#include <string.h>

static char *regular, *bold;

static const char *const samples[] = {
    "Visiting times are 2pm to 8pm",
    "Ward 7",
    "Tuesday 19 March 10:30",
    "AVAWAY Toffee fi fl",
    "Zo\xC3\xAB, caf\xC3\xA9, na\xC3\xAFve \xE2\x80\x94 \xE2\x80\x9C"
    "every day\xE2\x80\x9D",
    "Ag",
};
#define N_SAMPLES (sizeof(samples) / sizeof(samples[0]))

/* Width, line height and ascent of TEXT in a font opened at PX just for it, set up as corridor
 * draws Latin text; false when the font cannot be opened. */
static bool fresh(const char *path, bool embolden, const char *text, int px,
                  struct cor_text_metrics *m)
{
    TTF_Font *f = TTF_OpenFont(path, px);
    if (!f)
        return false;
    if (embolden)
        TTF_SetFontStyle(f, TTF_STYLE_BOLD);
    TTF_SetFontHinting(f, TTF_HINTING_LIGHT);
    TTF_SetFontDirection(f, TTF_DIRECTION_LTR);
    TTF_SetFontScriptName(f, "Zzzz");
    int h = 0;
    bool ok = TTF_SizeUTF8(f, text, &m->w, &h) == 0;
    m->line_h = TTF_FontLineSkip(f);
    m->ascent = TTF_FontAscent(f);
    TTF_CloseFont(f);
    return ok;
}

/* Sizes 1 to N in an order that jumps about, as the auto-fit's halvings do. */
static void shuffled(int *px, int n)
{
    for (int i = 0; i < n; i++)
        px[i] = i + 1;
    unsigned seed = 12345;
    for (int i = n - 1; i > 0; i--) {
        seed = seed * 1103515245u + 12345u;
        int j = (int)((seed >> 8) % (unsigned)(i + 1));
        int tmp = px[i];
        px[i] = px[j];
        px[j] = tmp;
    }
}

/* The one measuring font, its size changed from one measurement to the next, gives what a font
 * opened at that size gives: layout and drawing agree to the pixel. */
static void test_same_as_fresh(const char *bold_path, bool embolden)
{
    char err[512];
    struct cor_text *t = cor_text_create(regular, bold_path, err, sizeof(err));
    CHECK_MSG(t != NULL, "%s", err);
    if (!t)
        return;
    enum { SIZES = 160 };
    int px[SIZES];
    shuffled(px, SIZES);
    int differ = 0;
    for (int k = 0; k < SIZES; k++) {
        for (size_t i = 0; i < N_SAMPLES; i++) {
            for (int weight = 0; weight < 2; weight++) {
                struct cor_text_metrics got, want;
                cor_text_measure(t, samples[i], strlen(samples[i]), px[k], weight, &got);
                const char *path = weight ? (bold_path ? bold_path : regular) : regular;
                if (!fresh(path, weight && embolden, samples[i], px[k], &want)) {
                    CHECK_MSG(false, "cannot open %s at %d", path, px[k]);
                    continue;
                }
                if (got.w != want.w || got.line_h != want.line_h || got.ascent != want.ascent) {
                    if (differ++ < 5)
                        fprintf(stderr, "'%s' at %d px%s: %d/%d/%d, opened: %d/%d/%d\n", samples[i],
                                px[k], weight ? " bold" : "", got.w, got.line_h, got.ascent, want.w,
                                want.line_h, want.ascent);
                }
            }
        }
    }
    CHECK_INT(differ, 0);
    /* Measuring every size left one measuring font per weight open, no more. */
    CHECK_MSG(cor_text_open_fonts(t) <= 2, "%d fonts open", cor_text_open_fonts(t));
    cor_text_free(t);
}

struct drawn {
    int runs, w;
};

static bool count_run(void *ctx, const struct cor_text_run *run)
{
    struct drawn *d = ctx;
    d->runs++;
    d->w += run->w;
    CHECK(run->font != NULL);
    return true;
}

/* Drawing at many sizes keeps a bounded number of fonts; a trim keeps what was drawn since the
 * one before, and a page redrawn after it opens nothing more. */
static void test_bound_and_trim(void)
{
    char err[512];
    struct cor_text *t = cor_text_create(regular, bold, err, sizeof(err));
    CHECK_MSG(t != NULL, "%s", err);
    if (!t)
        return;
    const char *s = samples[0];
    size_t len = strlen(s);
    int most = 0;
    for (int px = 10; px < 110; px++) {
        struct drawn d = {0, 0};
        struct cor_text_metrics m;
        cor_text_measure(t, s, len, px, px % 2, &m);
        CHECK(cor_text_runs(t, s, len, px, px % 2, count_run, &d));
        CHECK_INT(d.runs, 1);
        CHECK_INT(d.w, m.w);
        if (cor_text_open_fonts(t) > most)
            most = cor_text_open_fonts(t);
    }
    printf("measured and drew 100 sizes with at most %d fonts open\n", most);
    CHECK_MSG(most <= 10, "%d fonts open at once", most);

    /* The first trim keeps what was drawn since the text was made; the next, nothing. */
    cor_text_trim(t);
    CHECK_MSG(cor_text_open_fonts(t) <= 8, "%d fonts open", cor_text_open_fonts(t));
    cor_text_trim(t);
    CHECK_INT(cor_text_open_fonts(t), 0);

    /* A page: three sizes measured (as the auto-fit does) and drawn, then trimmed. */
    const int page[] = {36, 54, 97};
    for (int round = 0; round < 3; round++) {
        for (int i = 0; i < 3; i++) {
            struct cor_text_metrics m;
            for (int probe = page[i] - 5; probe <= page[i] + 5; probe++)
                cor_text_measure(t, s, len, probe, i == 2, &m);
            struct drawn d = {0, 0};
            cor_text_runs(t, s, len, page[i], i == 2, count_run, &d);
        }
        if (round > 0)
            CHECK_INT(cor_text_open_fonts(t), 3);
        cor_text_trim(t);
        /* The page's three fonts stay; the measuring fonts are closed. Drawing it again measures
         * nothing anew and opens nothing. */
        CHECK_INT(cor_text_open_fonts(t), 3);
    }
    cor_text_trim(t); /* after a page drawn with none of them */
    CHECK_INT(cor_text_open_fonts(t), 0);
    cor_text_free(t);
}

/* A font file that cannot be read gives the sentence the loader gives for it. */
static void test_create_errors(void)
{
    char err[512] = "";
    CHECK(cor_text_create("/nonexistent/corridor.ttf", NULL, err, sizeof(err)) == NULL);
    CHECK_STR(err, "the font '/nonexistent/corridor.ttf' does not exist");
    CHECK(cor_text_create(regular, "/nonexistent/corridor-Bold.ttf", err, sizeof(err)) == NULL);
    CHECK_STR(err, "the font '/nonexistent/corridor-Bold.ttf' does not exist");
    CHECK(cor_text_create("/tmp", NULL, err, sizeof(err)) == NULL);
    CHECK_STR(err, "the font '/tmp' is a folder, not a font file: name the font file itself");
}

/* ---- reading order ---- */

struct seen {
    struct cor_text_run runs[32];
    int n;
};

static bool collect(void *ctx, const struct cor_text_run *run)
{
    struct seen *s = ctx;
    if (s->n < 32)
        s->runs[s->n++] = *run;
    return true;
}

/* Whether the LEN bytes at P hold a Hebrew or Arabic letter (not a digit). */
static bool has_rtl_letter(const char *p, size_t len)
{
    for (size_t i = 0; i < len;) {
        uint32_t cp = cor_utf8_next(p, len, &i);
        bool digit = (cp >= 0x660 && cp <= 0x669) || (cp >= 0x6F0 && cp <= 0x6F9);
        if (cp >= 0x590 && cp <= 0x6FF && !digit)
            return true;
    }
    return false;
}

/* TEXT as a reader sees it from left to right: its runs in the order they are drawn, those of
 * Hebrew or Arabic letters with their characters reversed (they are drawn right to left). */
static void seen_left_to_right(struct cor_text *t, const char *text, char *out, size_t size)
{
    struct seen s = {.n = 0};
    cor_text_runs(t, text, strlen(text), 40, false, collect, &s);
    size_t o = 0;
    int last_x = -1;
    for (int k = 0; k < s.n; k++) {
        const struct cor_text_run *r = &s.runs[k];
        CHECK_MSG(r->x > last_x, "'%s': run %d is drawn at %d, left of the run before it", text, k,
                  r->x);
        last_x = r->x;
        if (!has_rtl_letter(r->text, r->len)) {
            for (size_t i = 0; i < r->len && o + 1 < size; i++)
                out[o++] = r->text[i];
            continue;
        }
        for (size_t end = r->len; end > 0;) {
            size_t start = end - 1;
            while (start > 0 && ((unsigned char)r->text[start] & 0xC0) == 0x80)
                start--;
            for (size_t i = start; i < end && o + 1 < size; i++)
                out[o++] = r->text[i];
            end = start;
        }
    }
    out[o] = '\0';
}

/* Numbers, times and phone numbers inside Hebrew and Arabic keep their own order. */
static void test_reading_order(void)
{
    char err[512];
    struct cor_text *t = cor_text_create(regular, bold, err, sizeof(err));
    CHECK(t != NULL);
    if (!t)
        return;
    static const struct {
        const char *text, *seen;
    } cases[] = {
        /* Hebrew: "room 123", "open until 14:00", "phone 020 7946 0000", "call 03-1234567" */
        {"\xd7\x97\xd7\x93\xd7\xa8 123", "123 \xd7\xa8\xd7\x93\xd7\x97"},
        {"\xd7\xa2\xd7\x93 14:00", "14:00 \xd7\x93\xd7\xa2"},
        {"\xd7\x98\xd7\x9c\xd7\xa4\xd7\x95\xd7\x9f 020 7946 0000",
         "020 7946 0000 \xd7\x9f\xd7\x95\xd7\xa4\xd7\x9c\xd7\x98"},
        {"\xd7\x9c-03-1234567", "03-1234567-\xd7\x9c"},
        /* Arabic with Western digits, with Arabic-Indic digits, and an international number */
        {"\xd8\xba\xd8\xb1\xd9\x81\xd8\xa9 123", "123 \xd8\xa9\xd9\x81\xd8\xb1\xd8\xba"},
        {"\xd8\xba\xd8\xb1\xd9\x81\xd8\xa9 \xd9\xa1\xd9\xa2\xd9\xa3",
         "\xd9\xa1\xd9\xa2\xd9\xa3 \xd8\xa9\xd9\x81\xd8\xb1\xd8\xba"},
        {"\xd8\xad\xd8\xaa\xd9\x89 \xd9\xa1\xd9\xa4:\xd9\xa0\xd9\xa0",
         "\xd9\xa1\xd9\xa4:\xd9\xa0\xd9\xa0 \xd9\x89\xd8\xaa\xd8\xad"},
        {"\xd8\xb9\xd9\x84\xd9\x89 +44 20 7946 0000", "+44 20 7946 0000 \xd9\x89\xd9\x84\xd8\xb9"},
        /* English first: the line reads left to right, the Arabic word inside it from the right */
        {"Pharmacy \xd8\xba\xd8\xb1\xd9\x81\xd8\xa9 opens",
         "Pharmacy \xd8\xa9\xd9\x81\xd8\xb1\xd8\xba opens"},
        /* A right-to-left mark first makes a line that starts in English read from the right */
        {"\xe2\x80\x8fRoom 12 \xd7\x97\xd7\x93\xd7\xa8",
         "\xd7\xa8\xd7\x93\xd7\x97 Room 12\xe2\x80\x8f"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char seen[256];
        seen_left_to_right(t, cases[i].text, seen, sizeof(seen));
        CHECK_STR(seen, cases[i].seen);
    }
    cor_text_free(t);
}

int main(void)
{
    char err[512];
    regular = cor_font_find("DejaVu Sans", false, err, sizeof(err));
    bold = cor_font_find("DejaVu Sans", true, err, sizeof(err));
    if (!regular || !bold || TTF_Init() != 0) {
        fprintf(stderr, "DejaVu Sans or SDL_ttf is missing: %s\n", err);
        return 1;
    }
    test_same_as_fresh(bold, false);
    test_same_as_fresh(NULL, true); /* no bold file: the regular one emboldened */
    test_bound_and_trim();
    test_create_errors();
    test_reading_order();
    TTF_Quit();
    cor_font_shutdown();
    free(regular);
    free(bold);
    SDL_Quit();
    return CHECK_DONE();
}
