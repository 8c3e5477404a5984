/* fuzz_video.c: libFuzzer target: bytes as a video slide's clip, probed and its first frame
 * decoded, as `corridor check` does.
 *
 * Each input is written to a file named .mp4 whatever the bytes are, then given to
 * cor_video_probe and cor_video_still(path, 0). Besides the sanitizers, it stops on broken
 * promises: a refusal without a sentence, a probe that accepts frames larger than corridor
 * plays, and a first frame that is not ARGB8888 or not the size the probe said. */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>

#include "fuzz_util.h"
#include "video.h"

static char dir[PATH_MAX], path[PATH_MAX + 32];

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FAIL(...)                                                                                  \
    do {                                                                                           \
        fprintf(stderr, "fuzz_video: " __VA_ARGS__);                                               \
        fputc('\n', stderr);                                                                       \
        abort();                                                                                   \
    } while (0)

static void remove_clip(void)
{
    remove(path);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_folder_name(dir, sizeof(dir), "fuzz-video");
    if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
        fprintf(stderr, "fuzz_video: cannot make %s: %s\n", dir, strerror(errno));
        exit(2);
    }
    snprintf(path, sizeof(path), "%s/clip-%ld.mp4", dir, (long)getpid());
    atexit(remove_clip);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!fuzz_write(path, data, size))
        abort();
    struct cor_video_info info, still_info;
    char probe_err[512] = "", still_err[512] = "";
    bool probed = cor_video_probe(path, &info, probe_err, sizeof(probe_err));
    if (!probed && !probe_err[0])
        FAIL("cor_video_probe refused the clip without a sentence");
    if (probed && (info.w < 1 || info.h < 1 || info.w > COR_VIDEO_MAX_SIDE ||
                   info.h > COR_VIDEO_MAX_SIDE ||
                   (uint64_t)info.w * (uint64_t)info.h > COR_VIDEO_MAX_PIXELS))
        FAIL("the probe accepted %dx%d frames", info.w, info.h);
    SDL_Surface *s = cor_video_still(path, 0, &still_info, still_err, sizeof(still_err));
    if (!s && !still_err[0])
        FAIL("cor_video_still refused the clip without a sentence");
    if (s && !probed)
        FAIL("a first frame from a clip the probe refused: %s", probe_err);
    if (s) {
        if (s->format->format != SDL_PIXELFORMAT_ARGB8888)
            FAIL("the frame is %s, not ARGB8888", SDL_GetPixelFormatName(s->format->format));
        if (s->w > COR_VIDEO_MAX_SIDE || s->h > COR_VIDEO_MAX_SIDE)
            FAIL("the frame is %dx%d", s->w, s->h);
        SDL_FreeSurface(s);
    }
    return 0;
}
