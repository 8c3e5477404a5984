/* schema_video.c: the video slide's keys: its clip (a need: the file stage probes it, and decodes
 * its first frame when the playlist is checked with its files), how many times it loops, and,
 * once the clip's length is known, how long the slide lasts. */
#include <string.h>

#include "schema_priv.h"
#include "value.h"
#include "video.h"

bool cor_sc_video_value(struct cor_schema *c, const struct cor_sc_field *f,
                        const struct cor_ynode *v, void *target)
{
    struct cor_slide *slide = target;
    slide->clip_ms = -1;
    if (!cor_sc_not_empty(c, f, v))
        return false;
    struct cor_file *file = COR_SC_SLOT(target, f, struct cor_file);
    return cor_sc_resolve_file(c, v, "video", file) &&
           cor_sc_need(c, COR_NEED_VIDEO, v, "video", file->path, NULL);
}

bool cor_sc_loop_value(struct cor_schema *c, const struct cor_sc_field *f,
                       const struct cor_ynode *v, void *target)
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

bool cor_sc_video_slide(struct cor_schema *c, struct cor_slide *slide,
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
