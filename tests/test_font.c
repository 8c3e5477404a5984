/* test_font.c: font lookup by family, per-character fallbacks, and font file checks. */
#include "check.h"
#include "font.h"
#include "userfile.h"

#include <SDL.h>
#include <SDL_ttf.h>

#include <fcntl.h>
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

/* Both ways of opening a font file refuse what cor_file_read refuses, with its sentence. */
static void test_open_messages(void)
{
    write_file(in_dir("empty.ttf"), "", 0);
    remove(in_dir("pipe.ttf"));
    CHECK(mkfifo(in_dir("pipe.ttf"), 0600) == 0);
    /* A sparse file past the size limit, which takes no room on the disk. */
    int fd = open(in_dir("huge.ttf"), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    CHECK(fd >= 0 && ftruncate(fd, (off_t)COR_FONT_MAX_BYTES + 1) == 0);
    if (fd >= 0)
        close(fd);
    const char *names[] = {"missing.ttf", "empty.ttf", "pipe.ttf", "huge.ttf", ""};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        char want[256] = "", got[256] = "";
        unsigned char *data = NULL;
        size_t len;
        alarm(10);
        CHECK(!cor_file_read(in_dir(names[i]), COR_FONT_MAX_BYTES, "font", &data, &len, want,
                             sizeof(want)));
        for (int on_demand = 0; on_demand < 2; on_demand++) {
            got[0] = '\0';
            struct cor_font_file *f =
                cor_font_file_open(in_dir(names[i]), on_demand, got, sizeof(got));
            CHECK_MSG(f == NULL, "'%s' opened", names[i]);
            cor_font_file_close(f);
            CHECK_STR(got, want);
        }
        alarm(0);
        free(data);
    }
}

/* Width of TEXT in FONT, or -1. */
static int width_of(TTF_Font *font, const char *text)
{
    int w, h;
    return font && TTF_SizeUTF8(font, text, &w, &h) == 0 ? w : -1;
}

/* A font read on demand reads the file as it was when opened: removing it changes nothing, and
 * cutting it short (a copy over it in place) costs glyphs, never the program. */
static void test_on_demand(void)
{
    char err[512] = "";
    char *path = cor_font_find("DejaVu Sans", false, err, sizeof(err));
    size_t len = 0;
    unsigned char *ttf = path ? slurp(path, &len) : NULL;
    free(path);
    CHECK(ttf != NULL);
    if (!ttf)
        return;
    CHECK(TTF_Init() == 0);
    write_file(in_dir("removed.ttf"), ttf, len);
    write_file(in_dir("cut.ttf"), ttf, len);
    write_file(in_dir("copy.ttf"), ttf, len);
    struct cor_font_file *ref_file =
        cor_font_file_open(in_dir("copy.ttf"), false, err, sizeof(err));
    struct cor_font_file *removed =
        cor_font_file_open(in_dir("removed.ttf"), true, err, sizeof(err));
    struct cor_font_file *cut = cor_font_file_open(in_dir("cut.ttf"), true, err, sizeof(err));
    CHECK_MSG(ref_file && removed && cut, "%s", err);
    if (!ref_file || !removed || !cut) {
        cor_font_file_close(ref_file);
        cor_font_file_close(removed);
        cor_font_file_close(cut);
        free(ttf);
        TTF_Quit();
        return;
    }
    TTF_Font *ref = TTF_OpenFontRW(cor_font_file_reader(ref_file), 1, 40);
    TTF_Font *a = TTF_OpenFontRW(cor_font_file_reader(removed), 1, 40);
    TTF_Font *b = TTF_OpenFontRW(cor_font_file_reader(cut), 1, 40);
    CHECK(ref && a && b);
    CHECK_INT(width_of(a, "Ward 7"), width_of(ref, "Ward 7"));
    CHECK(remove(in_dir("removed.ttf")) == 0);
    CHECK(truncate(in_dir("cut.ttf"), 4096) == 0);
    const char *later = "opens at 9am, Quietly";
    CHECK_INT(width_of(a, later), width_of(ref, later));
    SDL_Color white = {255, 255, 255, 255};
    SDL_Surface *s = b ? TTF_RenderUTF8_Blended(b, later, white) : NULL;
    SDL_FreeSurface(s); /* a surface or none: either way corridor goes on */
    printf("cut short while open: '%s' measures %d px (whole: %d)\n", later, width_of(b, later),
           width_of(ref, later));

    /* The reader itself: sizes, seeks and reads stay inside the file. */
    SDL_RWops *rw = cor_font_file_reader(removed);
    CHECK(rw != NULL);
    if (rw) {
        unsigned char head[4], end[8];
        CHECK_INT(SDL_RWsize(rw), (long long)len);
        CHECK_INT(SDL_RWread(rw, head, 1, 4), 4);
        CHECK(memcmp(head, ttf, 4) == 0);
        CHECK_INT(SDL_RWseek(rw, -3, RW_SEEK_END), (long long)len - 3);
        CHECK_INT(SDL_RWread(rw, end, 1, 8), 3);
        CHECK(memcmp(end, ttf + len - 3, 3) == 0);
        CHECK_INT(SDL_RWread(rw, end, 1, 8), 0);
        CHECK_INT(SDL_RWseek(rw, 1, RW_SEEK_END), -1);
        CHECK_INT(SDL_RWseek(rw, -1, RW_SEEK_SET), -1);
        CHECK_INT(SDL_RWtell(rw), (long long)len);
        CHECK_INT(SDL_RWseek(rw, 0, RW_SEEK_SET), 0);
        CHECK_INT(SDL_RWread(rw, end, 4, 2), 2);
        CHECK(SDL_RWwrite(rw, head, 1, 4) == 0);
        SDL_RWclose(rw);
    }
    TTF_CloseFont(ref);
    TTF_CloseFont(a);
    TTF_CloseFont(b);
    cor_font_file_close(ref_file);
    cor_font_file_close(removed);
    cor_font_file_close(cut);
    TTF_Quit();
    free(ttf);
}

/* Installed fonts are the files in fontconfig's folders, whatever the path says. */
static void test_installed(void)
{
    char err[512] = "";
    char *path = cor_font_find("DejaVu Sans", false, err, sizeof(err));
    CHECK_MSG(path && cor_font_installed(path), "%s", path ? path : err);
    CHECK(!cor_font_installed(in_dir("copy.ttf")));
    CHECK(!cor_font_installed(in_dir("missing.ttf")));
    CHECK(!cor_font_installed("/usr/share/fonts/../../../tmp/corridor.ttf"));
    CHECK(!cor_font_installed(NULL));
    free(path);
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
    test_open_messages();
    test_on_demand();
    test_installed();
    /* After a shutdown the next lookup loads the configuration again. */
    cor_font_shutdown();
    char err[256];
    char *p = cor_font_find("DejaVu Serif", false, err, sizeof(err));
    CHECK_MSG(p != NULL, "%s", err);
    free(p);
    cor_font_shutdown();

    const char *names[] = {"copy.ttf",  "cut.ttf",   "scrambled.ttf", "picture.ttf",
                           "fonts.zip", "empty.ttf", "pipe.ttf",      "huge.ttf"};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        remove(in_dir(names[i]));
    rmdir(dir);
    SDL_Quit();
    return CHECK_DONE();
}
