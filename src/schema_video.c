/* schema_video.c: the video slide's keys: its clip (probed, and its first frame decoded, when the
 * playlist is checked with its files), how many times it loops, and how long the slide lasts. */
#include <stdio.h>
#include <string.h>

#include "schema_priv.h"
#include "value.h"
#include "video.h"

/* The display rate check judges a clip's frame rate against; most screens run at 60 Hz. */
#define CHECK_DISPLAY_HZ 60.0

bool cor_sc_video_value(struct cor_load *c, const struct cor_sc_field *f, const struct cor_ynode *v,
                        void *target)
{
    struct cor_slide *slide = target;
    slide->clip_ms = -1;
    if (!cor_sc_not_empty(c, f, v))
        return false;
    if (!cor_sc_resolve_file(c, v, "video", COR_SC_SLOT(target, f, struct cor_file)))
        return false;
    if (!c->opts->check_files)
        return true;
    char err[512] = "";
    struct cor_video_info info;
    bool picture;
    if (!cor_video_check(slide->file.path, c->opts->decode_images, &info, &picture, err,
                         sizeof(err))) {
        if (picture)
            cor_sc_error_at(c, v,
                            "'%s' is a picture, not a video: to show it, write type: image "
                            "on this slide",
                            v->text);
        else
            cor_sc_error_at(c, v, "the video '%s' %s", v->text, err);
        return false;
    }
    slide->clip_w = info.w;
    slide->clip_h = info.h;
    slide->clip_ms = info.duration_ms;
    char advice[512];
    if (!cor_video_advice(&info, CHECK_DISPLAY_HZ, advice, sizeof(advice)))
        cor_sc_warning_at(c, v, "the video '%s' %s", v->text, advice);
    return true;
}

bool cor_sc_loop_value(struct cor_load *c, const struct cor_sc_field *f, const struct cor_ynode *v,
                       void *target)
{
    char err[256];
    long n;
    if (!cor_sc_not_empty(c, f, v))
        return false;
    if (!cor_parse_int(v->text, 1, 10000, &n, err, sizeof(err))) {
        cor_sc_error_at(c, v,
                        "%s (how many times the clip plays, from 1 to 10000; leave 'loop' out "
                        "and give a 'duration' to play it for as long as the slide lasts)",
                        err);
        return false;
    }
    *COR_SC_SLOT(target, f, unsigned) = (unsigned)n;
    return true;
}

bool cor_load_video_slide(struct cor_load *c, struct cor_slide *slide,
                          const struct cor_ynode *item, const struct cor_ynode *file,
                          const struct cor_ynode *duration)
{
    if (!cor_video_built()) {
        cor_sc_error_at(c, file ? file : item,
                        "%s cannot play: this corridor was built without video (FFmpeg's "
                        "libraries); install a build with video, or show a picture instead",
                        c->where);
        return false;
    }
    slide->duration_given = duration != NULL;
    if (slide->loops == 0 && !duration)
        slide->loops = 1;
    uint32_t fade = slide->transition != COR_TRANSITION_NONE ? slide->transition_ms : 0;
    slide->duration_ms = cor_video_slide_ms(slide->duration_given, slide->duration_ms,
                                            slide->clip_ms, slide->loops, fade,
                                            slide->duration_ms);
    return true;
}
