/* render_video.c: video slides in the renderer: each clip's size for the layout (probed when the
 * renderer is made), the clips that play (the one up, and the next, opened early so that its
 * first frame is decoded before it comes up), and drawing a clip's current frame into its box. */
#include <SDL.h>

#include "log.h"
#include "render.h"
#include "render_priv.h"
#include "video.h"

/* How long a draw waits for a clip's first frame: `render` (nothing opens clips ahead), and a
 * player, whose clips were opened while the slide before was up, so that a clip slow to start
 * never holds up the clock or the next slide change for long. */
#define FIRST_FRAME_WAIT_MS  3000
#define PLAYER_FRAME_WAIT_MS 150

bool rnd_video_load(struct cor_renderer *r, struct cor_diags *diags)
{
    bool ok = true;
    for (size_t i = 0; i < r->pl->n_slides; i++) {
        const struct cor_slide *s = &r->pl->slides[i];
        struct rnd_slide *rs = &r->slides[i];
        if (s->type != COR_SLIDE_VIDEO)
            continue;
        rs->image_w = s->clip_w;
        rs->image_h = s->clip_h;
        if (rs->image_w > 0 && rs->image_h > 0)
            continue;
        struct cor_video_info info;
        char err[512];
        if (!cor_video_probe(s->file.path, &info, err, sizeof(err))) {
            cor_diags_add(diags, COR_SEV_ERROR, s->file.pos.file, s->file.pos.line,
                          s->file.pos.col, "the video '%s' %s", s->file.name, err);
            ok = false;
            continue;
        }
        rs->image_w = info.w;
        rs->image_h = info.h;
    }
    return ok;
}

void rnd_video_free(struct cor_renderer *r)
{
    for (size_t i = 0; r->slides && i < r->pl->n_slides; i++) {
        cor_video_close(r->slides[i].clip);
        r->slides[i].clip = NULL;
    }
}

static struct cor_video *clip_of(struct cor_renderer *r, const struct cor_slide *slide,
                                 struct rnd_slide *rs)
{
    if (!rs->clip) {
        /* On the console's GPU the Pi's decoders are tried first; they fall back by themselves. */
        rs->clip = cor_video_open(slide->file.path, slide->loops, r->software ? NULL : "auto");
        rs->clip_t = 0;
        rs->clip_next = 0;
    }
    return rs->clip;
}

void cor_renderer_clips(struct cor_renderer *r, const struct cor_slide *up, int64_t up_ms,
                        const struct cor_slide *next)
{
    r->clips_ahead = true;
    for (size_t i = 0; r->slides && i < r->pl->n_slides; i++) {
        const struct cor_slide *s = &r->pl->slides[i];
        struct rnd_slide *rs = &r->slides[i];
        if (s->type != COR_SLIDE_VIDEO)
            continue;
        if (s == up) {
            rs->clip_t = up_ms;
            clip_of(r, s, rs);
        } else if (s == next) {
            clip_of(r, s, rs);
            rs->clip_t = 0;
        } else if (rs->clip) {
            cor_video_close(rs->clip);
            rs->clip = NULL;
        }
    }
}

/* A fresh clip for a slide that comes up again: it starts from its first frame. */
void cor_renderer_clip_restart(struct cor_renderer *r, const struct cor_slide *slide)
{
    struct rnd_slide *rs = rnd_assets_of(r, slide);
    if (!rs || slide->type != COR_SLIDE_VIDEO || !rs->clip)
        return;
    if (cor_video_shown(rs->clip) <= 1 && rs->clip_t == 0)
        return; /* opened ahead and not played yet */
    cor_video_close(rs->clip);
    rs->clip = NULL;
    clip_of(r, slide, rs);
}

enum cor_video_state cor_renderer_clip_state(struct cor_renderer *r, const struct cor_slide *slide,
                                             int64_t *next_ms, unsigned *dropped, char *why,
                                             size_t size)
{
    struct rnd_slide *rs = rnd_assets_of(r, slide);
    if (next_ms)
        *next_ms = -1;
    if (dropped)
        *dropped = 0;
    if (!rs || slide->type != COR_SLIDE_VIDEO || !rs->clip)
        return COR_VIDEO_ENDED;
    if (next_ms)
        *next_ms = rs->clip_next;
    if (dropped)
        *dropped = cor_video_dropped(rs->clip);
    return cor_video_state(rs->clip, rs->clip_t, why, size);
}

bool rnd_video_draw(struct cor_renderer *r, const struct cor_slide *slide, const struct cor_box *b)
{
    struct rnd_slide *rs = rnd_assets_of(r, slide);
    struct cor_video *v = rs ? clip_of(r, slide, rs) : NULL;
    if (!v)
        return true; /* logged; the slide's background stays */
    cor_video_wait_first(v, r->clips_ahead ? PLAYER_FRAME_WAIT_MS : FIRST_FRAME_WAIT_MS);
    SDL_Texture *tex = cor_video_texture(v, r->sdl, rs->clip_t, &rs->clip_next);
    if (!tex)
        return true; /* no frame (said by the state): the background, never black */
    SDL_Rect src = {b->src.x, b->src.y, b->src.w, b->src.h};
    SDL_Rect dst = {b->rect.x, b->rect.y, b->rect.w, b->rect.h};
    return SDL_RenderCopy(r->sdl, tex, src.w > 0 ? &src : NULL, &dst) == 0;
}
