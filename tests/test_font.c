/* test_font.c: font lookup by family, per-character fallbacks, and font file checks. */
#include "check.h"
#include "font.h"

#include <SDL.h>
#include <SDL_ttf.h>

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[256];

static const char *in_dir(const char *name)
{
    static char path[512];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    return path;
}

static void write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, len, f) != len) {
        fprintf(stderr, "cannot write %s\n", path);
        exit(2);
    }
    fclose(f);
}

static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *buf = n > 0 ? malloc((size_t)n) : NULL;
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *len = buf ? (size_t)n : 0;
    return buf;
}

static void test_find(void)
{
    char err[1024] = "";
    char *regular = cor_font_find("DejaVu Sans", false, err, sizeof(err));
    CHECK_MSG(regular != NULL, "%s", err);
    CHECK_CONTAINS(regular, "DejaVuSans");
    char *bold = cor_font_find("DejaVu Sans", true, err, sizeof(err));
    CHECK_MSG(bold != NULL, "%s", err);
    CHECK_CONTAINS(bold, "Bold");
    CHECK(regular && bold && strcmp(regular, bold) != 0);
    free(bold);

    const char *same[] = {"dejavu sans", "DejaVuSans", " DejaVu  Sans "};
    for (size_t i = 0; i < 3; i++) {
        char *p = cor_font_find(same[i], false, err, sizeof(err));
        CHECK_MSG(p && regular && strcmp(p, regular) == 0, "'%s' found %s", same[i], p ? p : err);
        free(p);
    }
    free(regular);

    char *generic = cor_font_find("sans-serif", false, err, sizeof(err));
    CHECK_MSG(generic != NULL, "%s", err);
    free(generic);

    err[0] = '\0';
    CHECK(cor_font_find("Definitely Not A Font", false, err, sizeof(err)) == NULL);
    CHECK_CONTAINS(err, "no font named 'Definitely Not A Font' is installed; installed families "
                        "include: ");
    CHECK_CONTAINS(err, "DejaVu Sans");
    printf("message: %s\n", err);

    err[0] = '\0';
    CHECK(cor_font_find("DejaVu Sanz", false, err, sizeof(err)) == NULL);
    CHECK_CONTAINS(err, "did you mean 'DejaVu Sans'?");
    printf("message: %s\n", err);

    err[0] = '\0';
    CHECK(cor_font_find("", false, err, sizeof(err)) == NULL);
    CHECK(err[0] != '\0');
}

static void test_codepoints(void)
{
    const uint32_t present[] = {'A', 0x2013 /* en dash */, 0x00e9, 0x20ac /* euro */};
    for (size_t i = 0; i < sizeof(present) / sizeof(present[0]); i++) {
        char *p = cor_font_find_for_codepoint(present[i], false);
        CHECK_MSG(p != NULL, "no font for U+%04X", (unsigned)present[i]);
        free(p);
    }
    char *b = cor_font_find_for_codepoint(0x2013, true);
    CHECK(b != NULL);
    free(b);
    const uint32_t absent[] = {0x10ffff, 0x10fffd, 0x2ffff, 0xd800, 0x110000, 0xffffffffu, 0};
    for (size_t i = 0; i < sizeof(absent) / sizeof(absent[0]); i++) {
        char *p = cor_font_find_for_codepoint(absent[i], false);
        CHECK_MSG(p == NULL, "U+%04X found %s", (unsigned)absent[i], p);
        free(p);
    }
}

static void test_files(void)
{
    char err[512] = "";
    char *path = cor_font_find("DejaVu Sans", false, err, sizeof(err));
    if (!path)
        return;
    CHECK_MSG(cor_font_file_ok(path, err, sizeof(err)), "%s: %s", path, err);
    /* Works the same when the caller already started SDL_ttf, and leaves it as it was. */
    CHECK(TTF_Init() == 0);
    CHECK(cor_font_file_ok(path, err, sizeof(err)));
    TTF_Quit();
    CHECK_INT(TTF_WasInit(), 0);

    size_t len;
    unsigned char *ttf = slurp(path, &len);
    free(path);
    CHECK(ttf != NULL);
    if (!ttf)
        return;
    write_file(in_dir("copy.ttf"), ttf, len);
    CHECK_MSG(cor_font_file_ok(in_dir("copy.ttf"), err, sizeof(err)), "%s", err);

    const size_t cuts[] = {len / 2, len - 1, 4096, 100, 10, 3};
    for (size_t i = 0; i < sizeof(cuts) / sizeof(cuts[0]); i++) {
        write_file(in_dir("cut.ttf"), ttf, cuts[i]);
        err[0] = '\0';
        CHECK_MSG(!cor_font_file_ok(in_dir("cut.ttf"), err, sizeof(err)), "cut at %zu accepted",
                  cuts[i]);
        CHECK_MSG(err[0] != '\0', "cut at %zu gave no message", cuts[i]);
    }
    write_file(in_dir("cut.ttf"), ttf, len / 2);
    cor_font_file_ok(in_dir("cut.ttf"), err, sizeof(err));
    CHECK_CONTAINS(err, "is damaged or cut short");

    /* The table list intact, every table's bytes scrambled. */
    for (size_t i = 512; i < len; i++)
        ttf[i] = (unsigned char)(ttf[i] * 31u + 7u);
    write_file(in_dir("scrambled.ttf"), ttf, len);
    bool scrambled_ok = cor_font_file_ok(in_dir("scrambled.ttf"), err, sizeof(err));
    CHECK(scrambled_ok || err[0] != '\0');
    free(ttf);

    write_file(in_dir("picture.ttf"), "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
    CHECK(!cor_font_file_ok(in_dir("picture.ttf"), err, sizeof(err)));
    CHECK_CONTAINS(err, "is not a font corridor can use");
    write_file(in_dir("fonts.zip"), "PK\x03\x04\x14\0\0\0", 8);
    CHECK(!cor_font_file_ok(in_dir("fonts.zip"), err, sizeof(err)));
    CHECK_CONTAINS(err, "unzip it");
    write_file(in_dir("empty.ttf"), "", 0);
    CHECK(!cor_font_file_ok(in_dir("empty.ttf"), err, sizeof(err)));
    CHECK_STR(err, "is empty (0 bytes): copy the font again");
    CHECK(!cor_font_file_ok(dir, err, sizeof(err)));
    CHECK_CONTAINS(err, "is a folder, not a font file");
    CHECK(!cor_font_file_ok(in_dir("missing.ttf"), err, sizeof(err)));
    CHECK_STR(err, "does not exist");
    CHECK(mkfifo(in_dir("pipe.ttf"), 0600) == 0);
    alarm(10);
    CHECK(!cor_font_file_ok(in_dir("pipe.ttf"), err, sizeof(err)));
    alarm(0);
    CHECK_CONTAINS(err, "is a named pipe (FIFO)");
    CHECK_INT(TTF_WasInit(), 0);
}

int main(void)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof(dir), "%s/corridor-font-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 2;
    }
    test_find();
    test_codepoints();
    test_files();
    /* After a shutdown the next lookup loads the configuration again. */
    cor_font_shutdown();
    char err[256];
    char *p = cor_font_find("DejaVu Serif", false, err, sizeof(err));
    CHECK_MSG(p != NULL, "%s", err);
    free(p);
    cor_font_shutdown();

    const char *names[] = {"copy.ttf",  "cut.ttf",   "scrambled.ttf", "picture.ttf",
                           "fonts.zip", "empty.ttf", "pipe.ttf"};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        remove(in_dir(names[i]));
    rmdir(dir);
    SDL_Quit();
    return CHECK_DONE();
}
