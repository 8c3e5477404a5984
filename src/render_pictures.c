/* render_pictures.c: the renderer's pictures: pixels and textures, the check that every picture
 * decodes (on the cores, remembered by memo.c), and the cache of picture textures. */
#include <SDL.h>
#include <SDL_image.h>

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "image.h"
#include "log.h"
#include "memo.h"
#include "paths.h"
#include "render.h"
#include "render_priv.h"
#include "scale.h"
#include "userfile.h"
#include "workers.h"

/* ---- pixels ---- */

SDL_Surface *rnd_new_surface(int w, int h)
{
    return SDL_CreateRGBSurfaceWithFormat(0, w > 0 ? w : 1, h > 0 ? h : 1, 32,
                                          SDL_PIXELFORMAT_ARGB8888);
}

uint32_t *rnd_row_of(SDL_Surface *s, int y)
{
    return (uint32_t *)((unsigned char *)s->pixels + (size_t)y * (size_t)s->pitch);
}

/* Whether FROM made W x H is a shrink (no larger on either axis, smaller on one). */
static bool shrinks(struct cor_rect from, int w, int h)
{
    return from.w >= w && from.h >= h && (from.w != w || from.h != h);
}

SDL_Surface *rnd_scale(SDL_Surface *src, struct cor_rect from, int w, int h)
{
    if (w < 1 || h < 1 || from.w < 1 || from.h < 1)
        return NULL;
    if (shrinks(from, w, h))
        return cor_shrink(src, from.x, from.y, from.w, from.h, w, h);
    SDL_Surface *conv = NULL;
    if (src->format->format != SDL_PIXELFORMAT_ARGB8888) {
        conv = SDL_ConvertSurfaceFormat(src, SDL_PIXELFORMAT_ARGB8888, 0);
        if (!conv)
            return NULL;
        src = conv;
    }
    SDL_Surface *dst = rnd_new_surface(w, h);
    if (dst && from.w == w && from.h == h) {
        /* Already the size asked for (artwork made for the screen): a copy. */
        SDL_LockSurface(src);
        for (int y = 0; y < h; y++)
            memcpy(rnd_row_of(dst, y), rnd_row_of(src, from.y + y) + from.x, (size_t)w * 4);
        SDL_UnlockSurface(src);
    } else if (dst) {
        SDL_Rect s = {from.x, from.y, from.w, from.h};
        if (SDL_SoftStretchLinear(src, &s, dst, NULL) != 0) {
            SDL_FreeSurface(dst);
            dst = NULL;
        }
    }
    SDL_FreeSurface(conv);
    return dst;
}

static float coverage(float radius, float dist)
{
    float c = radius - dist + 0.5f;
    return c < 0 ? 0 : c > 1 ? 1 : c;
}

SDL_Surface *rnd_pill_surface(int w, int h)
{
    SDL_Surface *s = rnd_new_surface(w, h);
    if (!s)
        return NULL;
    float r = h / 2.0f;
    for (int y = 0; y < h; y++) {
        uint32_t *row = rnd_row_of(s, y);
        for (int x = 0; x < w; x++) {
            float px = x + 0.5f, py = y + 0.5f;
            float cx = px < r ? r : px > w - r ? w - r : px;
            float d = hypotf(px - cx, py - r);
            uint32_t a = (uint32_t)lroundf(coverage(r, d) * 255.0f);
            row[x] = a << 24 | 0xFFFFFFu;
        }
    }
    return s;
}

/* Cuts the square S to a circle with a soft edge. */
static void make_round(SDL_Surface *s)
{
    float r = s->w / 2.0f;
    for (int y = 0; y < s->h; y++) {
        uint32_t *row = rnd_row_of(s, y);
        for (int x = 0; x < s->w; x++) {
            float d = hypotf(x + 0.5f - r, y + 0.5f - r);
            uint32_t a = (uint32_t)lroundf((float)(row[x] >> 24) * coverage(r - 0.5f, d));
            row[x] = a << 24 | (row[x] & 0xFFFFFFu);
        }
    }
}

/* ---- pictures ---- */

/* Sets picture texture T to be drawn as surface S says: copied when S came out opaque (cor_shrink
 * marks it so), blended otherwise; scaled smoothly. */
static void picture_modes(SDL_Texture *t, SDL_Surface *s)
{
    SDL_BlendMode blend = SDL_BLENDMODE_BLEND;
    SDL_GetSurfaceBlendMode(s, &blend);
    SDL_SetTextureBlendMode(t, blend == SDL_BLENDMODE_NONE ? blend : SDL_BLENDMODE_BLEND);
    SDL_SetTextureScaleMode(t, SDL_ScaleModeLinear);
}

SDL_Texture *rnd_to_texture(struct cor_renderer *r, SDL_Surface *s)
{
    if (!s)
        return NULL;
    SDL_Texture *t = SDL_CreateTextureFromSurface(r->sdl, s);
    if (t)
        picture_modes(t, s);
    SDL_FreeSurface(s);
    return t;
}

bool rnd_file_error(struct cor_diags *diags, const struct cor_file *f, const char *what,
                    const char *err)
{
    cor_diags_add(diags, COR_SEV_ERROR, f->pos.file, f->pos.line, f->pos.col, "the %s '%s' %s",
                  what, f->name ? f->name : f->path, err);
    return false;
}

/* Why SDL could not make a picture ready, for a message: its error, or a sentence. */
static const char *sdl_reason(void)
{
    const char *e = SDL_GetError();
    return e && e[0] ? e : "the graphics driver gave no reason";
}

bool rnd_gpu_error(struct cor_diags *diags, const struct cor_file *f, const char *what)
{
    char err[300];
    snprintf(err, sizeof(err), "could not be made ready for the screen (%s)", sdl_reason());
    return rnd_file_error(diags, f, what, err);
}

/* The picture F of slide SLIDE decoded but SDL could not make its texture (a graphics driver's
 * limit, its memory): a warning, not a refusal of the playlist; the slide is shown without it
 * (a quote) or left out (an image slide) until the playlist is loaded again. */
static void gpu_warning(struct cor_diags *diags, const struct cor_slide *slide,
                        struct rnd_slide *rs, const struct cor_file *f, const char *what)
{
    cor_diags_add(diags, COR_SEV_WARNING, f->pos.file, f->pos.line, f->pos.col,
                  "the %s '%s' could not be made ready for the screen (%s); slide %d %s", what,
                  f->name ? f->name : f->path, sdl_reason(), slide->index,
                  slide->type == COR_SLIDE_IMAGE ? "is left out" : "shows without it");
    rs->pic.broken = true;
}

/* ---- pictures already checked (memo.c) ---- */

static unsigned decodes;

void cor_render_shutdown(void)
{
    cor_memo_clear();
}

unsigned cor_render_decodes(void)
{
    return decodes;
}

/* Decodes the picture of RS again, from PATH, to cover MAX_W x MAX_H, through the same
 * confinement as at load and only while it is the file the check found; remembers it when it
 * decoded. The stat is the one of the file as opened, before the read, so a change while reading
 * makes the file differ the next time it is looked up. */
static SDL_Surface *decode(const struct cor_renderer *r, const struct rnd_slide *rs,
                           const char *path, int max_w, int max_h, char *err, size_t err_size)
{
    struct stat st;
    const struct cor_file_guard guard = {r->pl->allowed_dirs, rs->checked ? &rs->st : NULL};
    decodes++;
    SDL_Surface *s = cor_image_load_guarded(path, &guard, &st, max_w, max_h, err, err_size);
    if (s)
        cor_memo_remember(path, &st, max_w, max_h, s->w, s->h);
    return s;
}

/* ---- the picture cache ---- */

/* The file SLIDE shows as a picture (an image slide's file, a quote's photo) with the word for it
 * in *WHAT, or NULL. */
static const struct cor_file *picture_file(const struct cor_slide *slide, const char **what)
{
    *what = slide->type == COR_SLIDE_IMAGE ? "picture" : "photo";
    if (slide->type == COR_SLIDE_IMAGE && slide->file.path)
        return &slide->file;
    if (slide->type == COR_SLIDE_QUOTE && slide->photo.path)
        return &slide->photo;
    return NULL;
}

static size_t texture_bytes(int w, int h)
{
    return (size_t)w * (size_t)h * 4;
}

/* The decoded picture S as drawn in a box of DST: the part SRC of an image slide's picture
 * scaled, or a photo's middle square, a little above the centre where faces usually are, made
 * round. A new surface, or NULL. */
static SDL_Surface *shape(const struct cor_slide *slide, SDL_Surface *s, struct cor_rect dst,
                          struct cor_rect src)
{
    if (slide->type == COR_SLIDE_IMAGE)
        return rnd_scale(s, src, dst.w, dst.h);
    int side = s->w < s->h ? s->w : s->h;
    struct cor_rect sq = {(s->w - side) / 2, (s->h - side) / 3, side, side};
    SDL_Surface *round = rnd_scale(s, sq, dst.w, dst.w);
    if (round)
        make_round(round);
    return round;
}

/* Holds TEX, drawn at DST from SRC, in P. False when TEX is NULL (SDL could not make it). */
static bool keep_texture(struct cor_renderer *r, struct rnd_picture *p, SDL_Texture *tex,
                         struct cor_rect dst, struct cor_rect src)
{
    p->tex = tex;
    if (!p->tex)
        return false;
    p->src = src;
    p->w = dst.w;
    p->h = dst.h;
    p->draw = r->draws;
    r->picture_bytes += texture_bytes(dst.w, dst.h);
    return true;
}

/* Makes the texture of SHAPED (taken: freed here), drawn at DST from SRC, and holds it in P.
 * False when SDL could not, or SHAPED is NULL. */
static bool hold_shaped(struct cor_renderer *r, struct rnd_picture *p, SDL_Surface *shaped,
                        struct cor_rect dst, struct cor_rect src)
{
    return keep_texture(r, p, rnd_to_texture(r, shaped), dst, src);
}

/* An image slide's picture S shrunk from SRC straight into a new texture of DST's size, for the
 * software renderer, whose texture pixels are plain memory: no second copy of the picture is
 * made, and the texture's memory is first touched by the cores that shrink it. NULL when SDL
 * could not. */
static SDL_Texture *shrunk_texture(struct cor_renderer *r, SDL_Surface *s, struct cor_rect dst,
                                   struct cor_rect src)
{
    SDL_Texture *t = SDL_CreateTexture(r->sdl, SDL_PIXELFORMAT_ARGB8888,
                                       SDL_TEXTUREACCESS_STREAMING, dst.w, dst.h);
    void *pixels;
    int pitch;
    if (!t || SDL_LockTexture(t, NULL, &pixels, &pitch) != 0) {
        if (t)
            SDL_DestroyTexture(t);
        return NULL;
    }
    SDL_Surface *view = SDL_CreateRGBSurfaceWithFormatFrom(pixels, dst.w, dst.h, 32, pitch,
                                                           SDL_PIXELFORMAT_ARGB8888);
    bool ok = view && cor_shrink_into(s, src.x, src.y, src.w, src.h, view);
    if (ok)
        picture_modes(t, view);
    SDL_FreeSurface(view);
    SDL_UnlockTexture(t);
    if (!ok) {
        SDL_DestroyTexture(t);
        return NULL;
    }
    return t;
}

/* Makes the texture of S for DST and SRC and holds it in P. False when SDL could not. */
static bool hold(struct cor_renderer *r, const struct cor_slide *slide, struct rnd_picture *p,
                 SDL_Surface *s, struct cor_rect dst, struct cor_rect src)
{
    if (r->software && slide->type == COR_SLIDE_IMAGE && shrinks(src, dst.w, dst.h))
        return keep_texture(r, p, shrunk_texture(r, s, dst, src), dst, src);
    return hold_shaped(r, p, shape(slide, s, dst, src), dst, src);
}

void rnd_drop_picture(struct cor_renderer *r, struct rnd_picture *p)
{
    if (!p->tex)
        return;
    SDL_DestroyTexture(p->tex);
    p->tex = NULL;
    r->picture_bytes -= texture_bytes(p->w, p->h);
}

/* Drops the pictures drawn longest ago until NEED more bytes fit the budget, keeping those the
 * page being drawn uses. */
static void make_room(struct cor_renderer *r, size_t need)
{
    while (r->picture_bytes + need > r->picture_budget) {
        struct rnd_picture *oldest = NULL;
        for (size_t i = 0; i < r->pl->n_slides; i++) {
            struct rnd_picture *p = &r->slides[i].pic;
            if (p->tex && p->draw != r->draws && (!oldest || p->draw < oldest->draw))
                oldest = p;
        }
        if (!oldest)
            return;
        rnd_drop_picture(r, oldest);
    }
}

/* The most SLIDE's picture is decoded for: the screen, or the photo's circle BOX. */
static void decode_size(const struct cor_renderer *r, const struct cor_slide *slide,
                        struct cor_rect box, int *max_w, int *max_h)
{
    bool photo = slide->type == COR_SLIDE_QUOTE;
    *max_w = photo ? box.w : r->w;
    *max_h = photo ? box.w : r->h;
}

/* A picture checked at load: planned on the caller's thread, decoded (and, when its texture is
 * to be kept, scaled and shaped) on a worker, then taken back on the caller's thread, which alone
 * touches SDL's renderer, the memo and the diagnostics. */
struct check {
    const struct cor_slide *slide;
    const struct cor_file *f;
    const char *what;
    int max_w, max_h;
    size_t same_as; /* an earlier check of the same file at the same size, or SIZE_MAX */
    /* Whether its texture may be made now, so that its first page needs no second decode: it
     * fits the budget even if the pictures before it take all they might. */
    bool may_keep;
    struct cor_rect box;     /* a photo's circle: its size alone (cor_layout_photo_side) */
    const char *const *dirs; /* where it must be as it is opened */
    /* Filled by the worker. */
    struct stat st; /* the file as it was opened, before it was read */
    bool decoded;
    int w, h;
    SDL_Surface *kept; /* when it may be kept: a photo shaped, an image slide's picture decoded */
    char err[512];
};

static void run_check(void *ctx, size_t i)
{
    struct check *c = (struct check *)ctx + i;
    if (c->same_as != SIZE_MAX)
        return;
    /* The stat before the read: a change while reading makes the file differ next time. */
    const struct cor_file_guard inside = {c->dirs, NULL};
    SDL_Surface *s = cor_image_load_guarded(c->f->path, &inside, &c->st, c->max_w, c->max_h, c->err,
                                            sizeof(c->err));
    if (!s)
        return;
    c->decoded = true;
    c->w = s->w;
    c->h = s->h;
    if (!c->may_keep) {
        SDL_FreeSurface(s);
    } else if (c->slide->type == COR_SLIDE_QUOTE) {
        c->kept = shape(c->slide, s, c->box, (struct cor_rect){0, 0, 0, 0}); /* whole */
        SDL_FreeSurface(s);
    } else {
        c->kept = s; /* its box depends on its size: shaped on the caller's thread */
    }
}

/* Plans the check of SLIDE's picture into C, unless it has none, there is no room for it, or it
 * decoded before and is unchanged on disk (its size then noted in RS). *KEPT counts the most
 * bytes the checks planned so far may keep: an image slide's box is not known before its picture
 * is, so it counts as the whole screen. False when there is nothing to check. */
static bool plan_check(struct cor_renderer *r, const struct cor_slide *slide, struct rnd_slide *rs,
                       struct check *c, size_t *kept)
{
    const char *what;
    const struct cor_file *f = picture_file(slide, &what);
    if (!f)
        return false;
    bool photo = slide->type == COR_SLIDE_QUOTE;
    struct cor_rect box = {0, 0, 0, 0};
    if (photo) {
        int side = cor_layout_photo_side(r->w, r->h);
        if (side <= 0)
            return false; /* no room for a photo on this screen */
        box.w = box.h = side;
    }
    int max_w, max_h;
    decode_size(r, slide, box, &max_w, &max_h);
    if (cor_memo_find(f->path, max_w, max_h, &rs->image_w, &rs->image_h, &rs->st)) {
        rs->checked = true;
        return false;
    }
    *c = (struct check){.slide = slide,
                        .f = f,
                        .what = what,
                        .max_w = max_w,
                        .max_h = max_h,
                        .same_as = SIZE_MAX,
                        .box = box,
                        .dirs = r->pl->allowed_dirs};
    size_t most = photo ? texture_bytes(box.w, box.h) : texture_bytes(r->w, r->h);
    if (r->picture_bytes + *kept + most <= r->picture_budget) {
        c->may_keep = true;
        *kept += most;
    }
    return true;
}

/* Takes the result of check C into RS: its size, the memo, and its texture when kept. False
 * (with a diagnostic) when the picture did not decode or SDL failed. */
static bool take_check(struct cor_renderer *r, struct check *checks, struct check *c,
                       struct rnd_slide *rs, struct cor_diags *diags)
{
    const struct check *d = c->same_as == SIZE_MAX ? c : &checks[c->same_as];
    if (!d->decoded)
        return rnd_file_error(diags, c->f, c->what, d->err);
    rs->image_w = d->w;
    rs->image_h = d->h;
    rs->st = d->st;
    rs->checked = true;
    if (c != d)
        return true;
    decodes++;
    cor_memo_remember(c->f->path, &c->st, c->max_w, c->max_h, c->w, c->h);
    SDL_Surface *kept = c->kept;
    c->kept = NULL;
    if (!kept)
        return true;
    struct cor_rect box = c->box, src = {0, 0, 0, 0}; /* a photo is drawn whole */
    if (c->slide->type == COR_SLIDE_IMAGE)
        box = rnd_box_of(r, c->slide, COR_BOX_IMAGE, &src);
    bool ok = true;
    if (box.w > 0 && box.h > 0 &&
        r->picture_bytes + texture_bytes(box.w, box.h) <= r->picture_budget) {
        ok = c->slide->type == COR_SLIDE_IMAGE ? hold(r, c->slide, &rs->pic, kept, box, src)
                                               : hold_shaped(r, &rs->pic, kept, box, src);
        if (c->slide->type == COR_SLIDE_QUOTE)
            kept = NULL; /* taken by hold_shaped */
    }
    SDL_FreeSurface(kept);
    if (!ok)
        gpu_warning(diags, c->slide, rs, c->f, c->what);
    return true;
}

/* Checks every slide's picture that needs it, side by side on the machine's cores: each must
 * decode (a broken one is refused with its place in the playlist), and its size is noted for the
 * layout. *CHECK_OF receives, per slide, the index of its check in the returned array (SIZE_MAX:
 * none); the caller takes each with take_check, in slide order so diagnostics keep that order,
 * and frees the array with free_checks. NULL when out of memory. */
static struct check *run_checks(struct cor_renderer *r, size_t *check_of, size_t *n_checks)
{
    const struct cor_playlist *pl = r->pl;
    struct check *checks = malloc((pl->n_slides ? pl->n_slides : 1) * sizeof(*checks));
    if (!checks)
        return NULL;
    size_t n = 0, kept = 0;
    for (size_t i = 0; i < pl->n_slides; i++) {
        check_of[i] = SIZE_MAX;
        if (!plan_check(r, &pl->slides[i], &r->slides[i], &checks[n], &kept))
            continue;
        for (size_t k = 0; k < n; k++)
            if (checks[k].same_as == SIZE_MAX &&
                strcmp(checks[k].f->path, checks[n].f->path) == 0 &&
                checks[k].max_w == checks[n].max_w && checks[k].max_h == checks[n].max_h) {
                checks[n].same_as = k; /* decoded once; its texture is made when drawn */
                checks[n].may_keep = false;
                break;
            }
        check_of[i] = n++;
    }
    /* Decoders of every format started here, not by the first picture of each on a worker. */
    IMG_Init(IMG_INIT_PNG | IMG_INIT_JPG | IMG_INIT_WEBP);
    cor_workers_run(n, run_check, checks, 0);
    *n_checks = n;
    return checks;
}

static void free_checks(struct check *checks, size_t n)
{
    for (size_t i = 0; checks && i < n; i++)
        SDL_FreeSurface(checks[i].kept);
    free(checks);
}

/* Decodes SLIDE's picture (F, the WHAT) again for MAX_W x MAX_H as the check found it: an image
 * slide's at the size its layout was made for. NULL when it no longer does; that is logged once,
 * with what THEN happens to the slide, and the picture is marked broken. */
static SDL_Surface *decode_again(const struct cor_renderer *r, const struct cor_slide *slide,
                                 struct rnd_slide *rs, const struct cor_file *f, const char *what,
                                 int max_w, int max_h, const char *then)
{
    char err[512] = "";
    SDL_Surface *s = decode(r, rs, f->path, max_w, max_h, err, sizeof(err));
    if (s && slide->type == COR_SLIDE_IMAGE && (s->w != rs->image_w || s->h != rs->image_h)) {
        snprintf(err, sizeof(err), "changed on disk since the playlist was loaded");
        SDL_FreeSurface(s);
        s = NULL;
    }
    if (!s) {
        LOG_ERR("render", "the %s '%s' of slide %d %s; %s until the playlist is loaded again", what,
                f->name ? f->name : f->path, slide->index, err, then);
        rs->pic.broken = true;
    }
    return s;
}

/* Decodes SLIDE's picture again for box B and holds its texture. A picture that no longer decodes
 * (or changed size), or whose texture SDL cannot make, is logged and marked broken: the page is
 * drawn without it. True. */
static bool make_picture(struct cor_renderer *r, const struct cor_slide *slide,
                         struct rnd_slide *rs, const struct cor_box *b)
{
    const char *what;
    const struct cor_file *f = picture_file(slide, &what);
    if (!f)
        return true;
    make_room(r, texture_bytes(b->rect.w, b->rect.h));
    int max_w, max_h;
    decode_size(r, slide, b->rect, &max_w, &max_h);
    SDL_Surface *s =
        decode_again(r, slide, rs, f, what, max_w, max_h, "the slide shows without it");
    if (!s)
        return true;
    if (!hold(r, slide, &rs->pic, s, b->rect, b->src)) {
        LOG_ERR("render",
                "the %s '%s' of slide %d could not be made ready for the screen (%s); the slide "
                "shows without it until the playlist is loaded again",
                what, f->name ? f->name : f->path, slide->index, sdl_reason());
        rs->pic.broken = true;
    }
    SDL_FreeSurface(s);
    return true;
}

bool cor_renderer_can_show(struct cor_renderer *r, const struct cor_slide *slide)
{
    if (!slide || slide->type != COR_SLIDE_IMAGE || !slide->file.path)
        return true;
    struct rnd_slide *rs = rnd_assets_of(r, slide);
    if (!rs || rs->pic.tex)
        return true;
    if (rs->pic.broken)
        return false;
    int max_w, max_h, w, h;
    struct stat st;
    decode_size(r, slide, (struct cor_rect){0, 0, 0, 0}, &max_w, &max_h);
    if (cor_memo_find(slide->file.path, max_w, max_h, &w, &h, &st) && w == rs->image_w &&
        h == rs->image_h && rs->checked && cor_file_same(&st, &rs->st) &&
        (!r->pl->allowed_dirs || cor_path_inside(slide->file.path, r->pl->allowed_dirs)))
        return true; /* as it was checked */
    SDL_Surface *s =
        decode_again(r, slide, rs, &slide->file, "picture", max_w, max_h, "the slide is left out");
    SDL_FreeSurface(s);
    return s != NULL;
}

static bool same_rect(struct cor_rect a, struct cor_rect b)
{
    return a.x == b.x && a.y == b.y && a.w == b.w && a.h == b.h;
}

bool rnd_picture(struct cor_renderer *r, const struct cor_slide *slide, const struct cor_box *b,
                 SDL_Texture **tex)
{
    *tex = NULL;
    struct rnd_slide *rs = rnd_assets_of(r, slide);
    if (!rs || b->rect.w <= 0 || b->rect.h <= 0)
        return true;
    struct rnd_picture *p = &rs->pic;
    if (p->tex && (p->w != b->rect.w || p->h != b->rect.h || !same_rect(p->src, b->src)))
        rnd_drop_picture(r, p);
    if (!p->tex && !p->broken && !make_picture(r, slide, rs, b))
        return false;
    p->draw = r->draws;
    *tex = p->tex;
    return true;
}

size_t cor_renderer_picture_bytes(const struct cor_renderer *r)
{
    return r->picture_bytes;
}

/* The checks of one load, in slide order. */
struct rnd_checks {
    struct check *checks;
    size_t n;
    size_t *check_of; /* per slide: its check, or SIZE_MAX */
};

struct rnd_checks *rnd_checks_run(struct cor_renderer *r)
{
    size_t n_slides = r->pl->n_slides ? r->pl->n_slides : 1;
    struct rnd_checks *c = calloc(1, sizeof(*c));
    if (c)
        c->check_of = malloc(n_slides * sizeof(*c->check_of));
    if (c && c->check_of)
        c->checks = run_checks(r, c->check_of, &c->n);
    if (!c || !c->checks) {
        rnd_checks_free(c);
        return NULL;
    }
    return c;
}

bool rnd_checks_take(struct cor_renderer *r, struct rnd_checks *c, size_t slide,
                     struct cor_diags *diags)
{
    size_t k = c->check_of[slide];
    return k == SIZE_MAX || take_check(r, c->checks, &c->checks[k], &r->slides[slide], diags);
}

void rnd_checks_free(struct rnd_checks *c)
{
    if (!c)
        return;
    free_checks(c->checks, c->n);
    free(c->check_of);
    free(c);
}
