/* video_time.c: pure timing of video slides: how long a slide lasts, where in its clip the
 * picture is at a moment, and what a Pi cannot play smoothly. Time is a parameter. */
#include <stdio.h>
#include <string.h>

#include "video.h"

uint32_t cor_video_slide_ms(bool duration_given, uint32_t duration_ms, int64_t clip_ms,
                            unsigned loops, uint32_t fade_ms, uint32_t fallback_ms)
{
    if (duration_given)
        return duration_ms;
    if (clip_ms <= 0)
        return fallback_ms;
    uint64_t total = (uint64_t)clip_ms * (loops ? loops : 1) + fade_ms;
    return total > UINT32_MAX ? UINT32_MAX : (uint32_t)total;
}

int64_t cor_video_clip_pos(int64_t t_ms, int64_t clip_ms, unsigned loops)
{
    if (t_ms < 0)
        return 0;
    if (clip_ms <= 0)
        return t_ms;
    if (loops && t_ms >= clip_ms * (int64_t)loops)
        return clip_ms; /* past the end: the last frame */
    return t_ms % clip_ms;
}

bool cor_video_advice(const struct cor_video_info *info, double display_hz, char *buf,
                      size_t size)
{
    const char *fix = "export it again as H.264, 1080p, 8-bit, 25 or 30 frames a second";
    bool known = strcmp(info->codec, "h264") == 0 || strcmp(info->codec, "hevc") == 0;
    if (!known)
        snprintf(buf, size, "is %s, which a Raspberry Pi cannot decode smoothly; %s",
                 info->codec[0] ? info->codec : "of an unknown kind", fix);
    else if ((int64_t)info->w * info->h > 1920 * 1088)
        snprintf(buf, size, "is %dx%d, more than a Raspberry Pi plays smoothly; %s", info->w,
                 info->h, fix);
    else if (info->bit_depth > 8)
        snprintf(buf, size, "is %d-bit, which a Raspberry Pi cannot show smoothly; %s",
                 info->bit_depth, fix);
    else if (display_hz > 0 && info->fps > display_hz + 0.5)
        snprintf(buf, size,
                 "has %.0f frames a second, more than the screen's %.0f, so frames are dropped; "
                 "%s",
                 info->fps, display_hz, fix);
    else
        return true;
    return false;
}
