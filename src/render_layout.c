/* render_layout.c: the renderer's side of the layout: a slide's layout input from what the
 * renderer holds (its size, fonts, logo, the slide's decoded picture size, the sessions on at a
 * moment), and the first box of a kind in a slide's layout. The bottom of the render family:
 * render.c, render_assets.c, render_pictures.c and render_video.c call it, and it calls none
 * of them. */
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "render_priv.h"
#include "schedule.h"
#include "text.h"

struct rnd_slide *rnd_assets_of(const struct cor_renderer *r, const struct cor_slide *slide)
{
    if (!slide || !r->slides || slide < r->pl->slides || slide >= r->pl->slides + r->pl->n_slides)
        return NULL;
    return &r->slides[slide - r->pl->slides];
}

bool rnd_input(struct cor_renderer *r, const struct cor_slide *slide, cor_minute now,
               struct cor_layout_input *in)
{
    memset(in, 0, sizeof(*in));
    in->slide = slide;
    in->theme = &r->pl->theme;
    in->name = r->pl->name;
    in->w = r->w;
    in->h = r->h;
    in->now = now;
    in->clock_unknown = r->clock_unknown;
    in->logo_w = r->logo_w;
    in->logo_h = r->logo_h;
    in->measure = cor_text_measurer(r->text);
    if (!slide)
        return true;
    const struct rnd_slide *rs = rnd_assets_of(r, slide);
    if ((slide->type == COR_SLIDE_IMAGE || slide->type == COR_SLIDE_VIDEO) && rs) {
        in->image_w = rs->image_w;
        in->image_h = rs->image_h;
    }
    in->has_photo = slide->type == COR_SLIDE_QUOTE && slide->photo.path;
    if (slide->type == COR_SLIDE_SESSIONS) {
        size_t n = cor_schedule_sessions(slide, now, NULL, 0);
        if (n > r->views_cap) {
            struct cor_session_view *v = realloc(r->views, n * sizeof(*v));
            if (!v)
                return false;
            r->views = v;
            r->views_cap = n;
        }
        /* Nothing on now or to come: the `when_empty` sentence, not the past. */
        in->n_views =
            n && cor_schedule_live(slide, now) ? cor_schedule_sessions(slide, now, r->views, n) : 0;
        in->views = r->views;
    }
    return true;
}

struct cor_rect rnd_box_of(struct cor_renderer *r, const struct cor_slide *slide,
                           enum cor_box_kind kind, struct cor_rect *src)
{
    struct cor_rect found = {0, 0, 0, 0};
    struct cor_layout_input in;
    struct cor_layout l;
    if (!rnd_input(r, slide, 0, &in) || !cor_layout_build(&in, 0, &l))
        return found;
    for (size_t i = 0; i < l.n_boxes; i++) {
        if (l.boxes[i].kind == kind) {
            found = l.boxes[i].rect;
            if (src)
                *src = l.boxes[i].src;
            break;
        }
    }
    cor_layout_free(&l);
    return found;
}
