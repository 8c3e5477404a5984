/* video_none.c: video.h in a build without FFmpeg's libraries (-DCORRIDOR_VIDEO=OFF): every call
 * fails with a sentence saying so, and the loader makes a video slide an error. */
#include <stdio.h>
#include <string.h>

#include <SDL.h>

#include "log.h"
#include "video.h"

#define TAG "video"

static const char no_video[] = "cannot be played: this corridor was built without video "
                               "(FFmpeg's libraries); install a build with video, or show a "
                               "picture instead";

bool cor_video_built(void)
{
    return false;
}

bool cor_video_probe(const char *path, struct cor_video_info *info, char *err, size_t size)
{
    (void)path;
    memset(info, 0, sizeof(*info));
    snprintf(err, size, "%s", no_video);
    return false;
}

SDL_Surface *cor_video_still(const char *path, int64_t at_ms, struct cor_video_info *info,
                             char *err, size_t size)
{
    (void)path;
    (void)at_ms;
    if (info)
        memset(info, 0, sizeof(*info));
    snprintf(err, size, "%s", no_video);
    return NULL;
}

struct cor_video *cor_video_open(const char *path, unsigned loops, const char *hw)
{
    (void)path;
    (void)loops;
    (void)hw;
    LOG_ERR(TAG, "this corridor was built without video");
    return NULL;
}

void cor_video_close(struct cor_video *v)
{
    (void)v;
}

bool cor_video_wait_first(struct cor_video *v, int timeout_ms)
{
    (void)v;
    (void)timeout_ms;
    return false;
}

SDL_Texture *cor_video_texture(struct cor_video *v, SDL_Renderer *sdl, int64_t t_ms,
                               int64_t *next_ms)
{
    (void)v;
    (void)sdl;
    (void)t_ms;
    if (next_ms)
        *next_ms = -1;
    return NULL;
}

enum cor_video_state cor_video_state(struct cor_video *v, int64_t t_ms, char *why, size_t size)
{
    (void)v;
    (void)t_ms;
    if (why)
        snprintf(why, size, "this corridor was built without video");
    return COR_VIDEO_BROKEN;
}

unsigned cor_video_dropped(const struct cor_video *v)
{
    (void)v;
    return 0;
}

unsigned long cor_video_dropped_total(void)
{
    return 0;
}

unsigned cor_video_shown(const struct cor_video *v)
{
    (void)v;
    return 0;
}

const char *cor_video_decoder(const struct cor_video *v)
{
    (void)v;
    return "none";
}
