/* fuzz_image.c: libFuzzer target: bytes as a picture, checked and loaded for a 320x240 screen.
 *
 * Each input is written to a file, then given to cor_image_check and to
 * cor_image_load(path, 320, 240). Besides the sanitizers, it stops on broken promises: check and
 * load disagreeing, a refusal without a sentence, and a loaded picture that is not ARGB8888 or is
 * larger than it needs to be to cover 320x240 (a pixel of rounding allowed). */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>

#include "fuzz_util.h"
#include "image.h"

static char dir[PATH_MAX], path[PATH_MAX + 32];

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FAIL(...)                                                                                  \
    do {                                                                                           \
        fprintf(stderr, "fuzz_image: " __VA_ARGS__);                                               \
        fputc('\n', stderr);                                                                       \
        abort();                                                                                   \
    } while (0)

static void remove_picture(void)
{
    remove(path);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    /* One folder kept for every run; one file in it per process, rewritten for each input and
     * removed at exit when libFuzzer lets atexit run. The name says PNG whatever the bytes are,
     * as a misnamed upload would. */
    fuzz_folder_name(dir, sizeof(dir), "fuzz-image");
    if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
        fprintf(stderr, "fuzz_image: cannot make %s: %s\n", dir, strerror(errno));
        exit(2);
    }
    snprintf(path, sizeof(path), "%s/picture-%ld.png", dir, (long)getpid());
    atexit(remove_picture);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!fuzz_write(path, data, size))
        abort();
    char check_err[512] = "", load_err[512] = "";
    bool checked = cor_image_check(path, check_err, sizeof(check_err));
    SDL_Surface *s = cor_image_load(path, 320, 240, load_err, sizeof(load_err));
    if (!checked && !check_err[0])
        FAIL("cor_image_check refused the picture without a sentence");
    if (!s && !load_err[0])
        FAIL("cor_image_load refused the picture without a sentence");
    if (checked != (s != NULL))
        FAIL("check says %s but load says %s", checked ? "fine" : check_err, s ? "fine" : load_err);
    if (s) {
        if (s->format->format != SDL_PIXELFORMAT_ARGB8888)
            FAIL("the surface is %s, not ARGB8888", SDL_GetPixelFormatName(s->format->format));
        if (s->w < 1 || s->h < 1 || (s->w > 321 && s->h > 241))
            FAIL("the surface is %dx%d: more than covering 320x240 needs", s->w, s->h);
        SDL_FreeSurface(s);
    }
    return 0;
}
