/* dump_loader_cases.c: writes tests/test_loader.c's table of bad playlists as fuzz seeds.
 *
 * Usage: fuzz_dump_loader_cases FOLDER. Each case becomes loader-NNN-parse.yaml (mode byte '0':
 * parsed alone) and loader-NNN-files.yaml (mode byte '7': files checked and decoded), byte for
 * byte, NUL bytes included. Run by fuzz/make-corpus.sh; the table stays the one source. */
#include <stdio.h>

int corridor_test_loader_main(void);
#define main corridor_test_loader_main
#include "test_loader.c"
#undef main

static int write_seed(const char *folder, size_t i, const char *kind, char mode,
                      const struct bad_case *c)
{
    char path[1024];
    snprintf(path, sizeof(path), "%s/loader-%03zu-%s.yaml", folder, i, kind);
    FILE *f = fopen(path, "wb");
    if (!f) {
        perror(path);
        return 1;
    }
    size_t len = case_length(c);
    int failed = fputc(mode, f) == EOF || fwrite(c->yaml, 1, len, f) != len;
    failed |= fclose(f) != 0;
    if (failed)
        fprintf(stderr, "cannot write %s\n", path);
    return failed;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s FOLDER\n", argv[0]);
        return 2;
    }
    int failed = 0;
    size_t n = sizeof(bad) / sizeof(bad[0]);
    for (size_t i = 0; i < n; i++) {
        failed |= write_seed(argv[1], i, "parse", '0', &bad[i]);
        failed |= write_seed(argv[1], i, "files", '7', &bad[i]);
    }
    printf("%zu cases written to %s\n", n, argv[1]);
    return failed ? 1 : 0;
}
