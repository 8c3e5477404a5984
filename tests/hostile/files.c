/* files.c: test_hostile's files: the pictures a playlist names, and the shared corpora.
 *
 * Pictures broken, misnamed, special or outside the folder; the YAML test suite and PngSuite fed
 * through the loader. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <SDL.h>
#include <SDL_image.h>

#include "arena.h"
#include "check.h"
#include "harness.h"
#include "yamltree.h"

void hostile_files_tally(int *passed, int *failed)
{
    *passed = check_passed;
    *failed = check_failed;
}

/* ---- pictures a playlist names ------------------------------------------------------------ */

/* A PNG of only a signature and a header saying W x H, with the right checksum. */
static void png_header(const char *name, uint32_t w, uint32_t h)
{
    unsigned char b[33] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
                           0,    0,   0,   13,  'I',  'H',  'D',  'R'};
    for (int i = 0; i < 4; i++) {
        b[16 + i] = (unsigned char)(w >> (24 - 8 * i));
        b[20 + i] = (unsigned char)(h >> (24 - 8 * i));
    }
    b[24] = 8;
    b[25] = 6;
    uint32_t c = 0xffffffffu;
    for (int i = 12; i < 29; i++) {
        c ^= b[i];
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1u)));
    }
    c ^= 0xffffffffu;
    for (int i = 0; i < 4; i++)
        b[29 + i] = (unsigned char)(c >> (24 - 8 * i));
    write_file(name, b, sizeof(b));
}

static void image_case(const char *name, const char *file, const char *words)
{
    char yaml[512];
    snprintf(yaml, sizeof(yaml), "slides:\n  - type: image\n    file: \"%s\"\n", file);
    expect_refused(name, yaml, strlen(yaml), true, 3, words);
}

/* A sparse picture file of 1 GB: refused by its size, without reading it all. */
static bool huge_picture_file(void)
{
    int fd = open(in_dir("huge.png"), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0 || ftruncate(fd, (off_t)1024 * 1024 * 1024) != 0 || close(fd) != 0) {
        printf("skipped: a 1 GB sparse file cannot be made here\n");
        return true;
    }
    char yaml[] = "slides:\n  - type: image\n    file: huge.png\n";
    struct result r;
    load("a 1 GB picture file (sparse)", yaml, strlen(yaml), true, &r);
    report("a 1 GB picture file (sparse)", &r);
    const struct cor_diag *g = first_error(&r.d);
    bool ok = !r.pl && g && g->line == 3 && r.secs < TIME_LIMIT;
    release(&r);
    remove(in_dir("huge.png"));
    return ok;
}

void hostile_pictures(void)
{
    printf("pictures a playlist names\n");
    /* A real picture, and the same cut in half. */
    SDL_Surface *surface = SDL_CreateRGBSurfaceWithFormat(0, 64, 48, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!surface || SDL_FillRect(surface, NULL, 0xff005eb8u) != 0 ||
        IMG_SavePNG(surface, in_dir("good.png")) != 0) {
        fprintf(stderr, "cannot write good.png: %s\n", SDL_GetError());
        exit(2);
    }
    SDL_FreeSurface(surface);
    size_t good_len = 0;
    char *good = slurp(in_dir("good.png"), &good_len);
    if (!good)
        exit(2);
    const char *ok_yaml = "slides:\n  - type: image\n    file: good.png\n";
    expect_bounded("a good picture (control)", ok_yaml, strlen(ok_yaml), true);

    write_file("cut.png", good, good_len / 2);
    image_case("a picture cut short", "cut.png", "cut short");
    write_file("empty.png", "", 0);
    image_case("an empty picture", "empty.png", "is empty");
    unsigned char noise[4096];
    uint32_t x = 7;
    for (size_t i = 0; i < sizeof(noise); i++) {
        x = x * 1103515245u + 12345u;
        noise[i] = (unsigned char)(x >> 16);
    }
    noise[0] = 0x13;
    write_file("noise.png", noise, sizeof(noise));
    image_case("random bytes named .png", "noise.png", "is not a PNG or JPEG picture");
    write_file("gif.png", "GIF89a\x01\0\x01\0\x80\0\0\0\0\0\xff\xff\xff!\xf9\x04", 22);
    image_case("a GIF named .png", "gif.png", "is a GIF picture");
    write_file("bmp.png", "BM\x3a\0\0\0\0\0\0\0\x36\0\0\0\x28\0\0\0\x01\0\0\0\x01\0\0\0", 26);
    image_case("a BMP named .png", "bmp.png", "is a BMP picture");
    png_header("huge.png", 30000, 30000);
    image_case("a header claiming 30000x30000", "huge.png", "is 30000x30000 pixels");
    png_header("bare.png", 12000, 12000);
    image_case("a header claiming 12000x12000, no pixels", "bare.png", "cut short");
    mkdir(in_dir("folder.png"), 0755);
    image_case("a folder named .png", "folder.png", "folder");
    if (mkfifo(in_dir("pipe.png"), 0600) == 0)
        image_case("a FIFO named .png (must not block)", "pipe.png", NULL);
    else
        CHECK_MSG(false, "cannot make a FIFO: %s", strerror(errno));
    image_case("a device", "/dev/zero", NULL);
    if (geteuid() == 0) {
        printf("skipped: a picture without read permission (running as root, which reads "
               "anything)\n");
    } else {
        write_file("locked.png", good, good_len);
        chmod(in_dir("locked.png"), 0);
        image_case("a picture without read permission", "locked.png", "permission");
    }
    if (symlink("/etc/hostname", in_dir("outside.png")) == 0)
        image_case("a symlink out of the folder", "outside.png", "outside the playlist's folder");
    if (symlink("../../../../../../../../etc/hostname", in_dir("dots.png")) == 0)
        image_case("a relative symlink out of the folder", "dots.png",
                   "outside the playlist's folder");
    image_case("../ out of the folder", "../../../../etc/hostname",
               "outside the playlist's folder");
    if (symlink("loop-b.png", in_dir("loop-a.png")) == 0 &&
        symlink("loop-a.png", in_dir("loop-b.png")) == 0)
        image_case("a symlink loop", "loop-a.png", NULL);
    if (symlink("self.png", in_dir("self.png")) == 0)
        image_case("a symlink to itself", "self.png", NULL);
    char yaml[] = "slides:\n  - type: sessions\n    sessions: pipe.png\n";
    expect_refused("a FIFO as a session file", yaml, strlen(yaml), true, 3, NULL);
    isolated("a 1 GB picture file (sparse)", huge_picture_file);
    free(good);
}

/* ---- shared corpora ----------------------------------------------------------------------- */

struct suite_counts {
    int cases, loaded, refused, unpositioned, slow;
    int marked_error;          /* cases the suite says must be refused (an `error` file) */
    int parsed, parse_refused; /* corridor's YAML reader alone, before the schema */
    int error_parsed;          /* marked as errors, yet read without complaint */
    int valid_refused;         /* valid YAML by the suite, yet refused by the reader */
    double slowest;
    char slowest_name[64];
};

/* Feeds CASE/in.yaml to the loader, when there is one: it must answer in time, and every error
 * must name a line. Also counts what corridor's YAML reader alone makes of it. */
static void suite_case(const char *folder, const char *label, struct suite_counts *k)
{
    char path[1200];
    struct stat st;
    snprintf(path, sizeof(path), "%s/error", folder);
    bool marked_error = stat(path, &st) == 0;
    snprintf(path, sizeof(path), "%s/in.yaml", folder);
    size_t len;
    char *text = stat(path, &st) == 0 ? slurp(path, &len) : NULL;
    if (!text)
        return;
    struct result r;
    load(label, text, len, false, &r);
    k->cases++;
    k->marked_error += marked_error;
    if (r.pl)
        k->loaded++;
    else
        k->refused++;
    for (size_t i = 0; i < r.d.n; i++) {
        const struct cor_diag *g = &r.d.items[i];
        if (g->severity == COR_SEV_ERROR && g->line < 1) {
            k->unpositioned++;
            fprintf(stderr, "  %s: an error names no line: %s\n", label, g->msg);
        }
    }
    if (r.secs >= TIME_LIMIT) {
        k->slow++;
        fprintf(stderr, "  %s: took %.2f s\n", label, r.secs);
    }
    if (r.secs > k->slowest) {
        k->slowest = r.secs;
        snprintf(k->slowest_name, sizeof(k->slowest_name), "%s", label);
    }
    release(&r);

    struct cor_arena *arena = cor_arena_create();
    struct cor_diags d;
    cor_diags_init(&d);
    hostile_watch(label);
    bool read = arena && cor_yaml_precheck("in.yaml", text, len, &d) &&
                cor_yaml_parse(arena, "in.yaml", text, len, &d) != NULL;
    hostile_watch(NULL);
    k->parsed += read;
    k->parse_refused += !read;
    k->error_parsed += read && marked_error;
    k->valid_refused += !read && !marked_error;
    /* CORRIDOR_HOSTILE_VERBOSE=1: what the reader said of each case, to sort them by cause. */
    const char *verbose = getenv("CORRIDOR_HOSTILE_VERBOSE");
    if (verbose && *verbose == '1')
        printf("  %-28s %-5s %-8s %s\n", label, marked_error ? "error" : "valid",
               read ? "read" : "refused", d.n ? d.items[0].msg : "");
    cor_diags_free(&d);
    cor_arena_free(arena);
    free(text);
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The entries of FOLDER that do not start with '.', sorted; NULL when it cannot be read. */
static char **list_folder(const char *folder, size_t *n)
{
    DIR *d = opendir(folder);
    if (!d)
        return NULL;
    char **names = NULL;
    size_t cap = 0;
    *n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            char **nn = realloc(names, cap * sizeof(*nn));
            if (!nn)
                break;
            names = nn;
        }
        if (!(names[*n] = strdup(e->d_name)))
            break;
        (*n)++;
    }
    closedir(d);
    if (*n)
        qsort(names, *n, sizeof(*names), compare_names);
    return names ? names : calloc(1, sizeof(*names));
}

static void free_list(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

void hostile_yaml_test_suite(const char *shared)
{
    char folder[512];
    snprintf(folder, sizeof(folder), "%s/corpus/yaml-test-suite", shared);
    size_t n;
    char **ids = list_folder(folder, &n);
    if (!ids) {
        printf("skipped: %s is missing\n", folder);
        return;
    }
    printf("yaml-test-suite (%s)\n", folder);
    struct suite_counts k = {0};
    double t0 = hostile_now();
    for (size_t i = 0; i < n; i++) {
        char sub[1000], label[128];
        snprintf(sub, sizeof(sub), "%s/%s", folder, ids[i]);
        snprintf(label, sizeof(label), "yaml-test-suite %s", ids[i]);
        suite_case(sub, label, &k);
        /* Cases with several inputs keep them in numbered sub-folders: 00, 01, ... */
        size_t m;
        char **subs = list_folder(sub, &m);
        for (size_t j = 0; subs && j < m; j++) {
            if (strspn(subs[j], "0123456789") != strlen(subs[j]))
                continue;
            char case_folder[1200];
            snprintf(case_folder, sizeof(case_folder), "%s/%s", sub, subs[j]);
            snprintf(label, sizeof(label), "yaml-test-suite %s/%s", ids[i], subs[j]);
            suite_case(case_folder, label, &k);
        }
        free_list(subs, m);
    }
    free_list(ids, n);
    printf("yaml-test-suite: %d loaded, %d refused, %d cases (%d marked as errors by the suite); "
           "%d errors without a line; %d over %.0f s; slowest %.3f s (%s); %.1f s in all\n",
           k.loaded, k.refused, k.cases, k.marked_error, k.unpositioned, k.slow, TIME_LIMIT,
           k.slowest, k.slowest_name, hostile_now() - t0);
    printf("yaml-test-suite: the YAML reader alone read %d and refused %d; it read %d the suite "
           "marks as errors, and refused %d the suite calls valid\n",
           k.parsed, k.parse_refused, k.error_parsed, k.valid_refused);
    CHECK(k.cases > 0);
    CHECK_INT(k.unpositioned, 0);
    CHECK_INT(k.slow, 0);
}

void hostile_pngsuite(const char *shared)
{
    char folder[512];
    snprintf(folder, sizeof(folder), "%s/corpus/pngsuite/png", shared);
    size_t n;
    char **names = list_folder(folder, &n);
    if (!names) {
        printf("skipped: %s is missing\n", folder);
        return;
    }
    printf("pngsuite (%s), each named in a one-image playlist\n", folder);
    const char *allowed[] = {folder, NULL};
    hostile_allow_dirs = allowed;
    int loaded = 0, refused = 0, broken = 0, broken_refused = 0;
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(names[i]);
        if (len < 4 || strcmp(names[i] + len - 4, ".png") != 0)
            continue;
        char yaml[1200];
        snprintf(yaml, sizeof(yaml), "slides:\n  - type: image\n    file: \"%s/%s\"\n", folder,
                 names[i]);
        struct result r;
        load(names[i], yaml, strlen(yaml), true, &r);
        const struct cor_diag *g = first_error(&r.d);
        if (r.pl)
            loaded++;
        else
            refused++;
        CHECK_MSG(r.secs < TIME_LIMIT, "%s: took %.2f s", names[i], r.secs);
        if (names[i][0] == 'x') {
            broken++;
            bool ok = !r.pl && g && g->line == 3 && g->col == 11;
            broken_refused += ok;
            CHECK_MSG(ok, "%s (broken on purpose) was not refused at the line of 'file:'",
                      names[i]);
            if (g)
                printf("  %-12s refused at %d:%d: %.100s\n", names[i], g->line, g->col, g->msg);
        } else {
            CHECK_MSG(r.pl != NULL, "%s: %s", names[i], g ? g->msg : "refused");
        }
        release(&r);
    }
    hostile_allow_dirs = NULL;
    free_list(names, n);
    printf("pngsuite: %d loaded, %d refused, %d broken on purpose (%d of them refused at the "
           "line of 'file:')\n",
           loaded, refused, broken, broken_refused);
    CHECK(broken > 0);
}
