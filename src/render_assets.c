/* render_assets.c: the renderer's fonts, logo, pictures, round photos and QR codes, made ready. */
#include <SDL.h>

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "font.h"
#include "image.h"
#include "log.h"
#include "qr.h"
#include "render_priv.h"
#include "text.h"

/* Light modules around a QR code, as the standard asks. */
#define QUIET_ZONE 4

/* ---- pixels ---- */

static SDL_Surface *new_surface(int w, int h)
{
    return SDL_CreateRGBSurfaceWithFormat(0, w > 0 ? w : 1, h > 0 ? h : 1, 32,
                                          SDL_PIXELFORMAT_ARGB8888);
}

static uint32_t *row_of(SDL_Surface *s, int y)
{
    return (uint32_t *)((unsigned char *)s->pixels + (size_t)y * (size_t)s->pitch);
}

/* Where each output column's box starts and ends in the source, with the edge weights. */
struct span {
    int i0, i1;   /* source columns [i0, i1] */
    float w0, w1; /* weights of the first and last; those between weigh 1 */
};

static void make_spans(struct span *sp, int n_out, int from, int n_in)
{
    double r = (double)n_in / n_out;
    for (int o = 0; o < n_out; o++) {
        double a = o * r, b = (o + 1) * r;
        int i0 = (int)floor(a), i1 = (int)ceil(b) - 1;
        if (i1 >= n_in)
            i1 = n_in - 1;
        if (i1 < i0)
            i1 = i0;
        sp[o].i0 = i0 + from;
        sp[o].i1 = i1 + from;
        sp[o].w0 = (float)(i0 + 1 - a);
        sp[o].w1 = (float)(b - i1);
        if (i0 == i1)
            sp[o].w0 = sp[o].w1 = (float)(b - a);
    }
}

/* Averages with premultiplied alpha, so transparent pixels do not darken edges. */
static SDL_Surface *shrink_area(SDL_Surface *src, struct cor_rect from, int w, int h)
{
    SDL_Surface *dst = new_surface(w, h);
    struct span *sx = malloc((size_t)w * sizeof(*sx));
    float *hrow = malloc((size_t)w * 4 * sizeof(float));
    float *acc = calloc((size_t)w * 4, sizeof(float));
    if (!dst || !sx || !hrow || !acc) {
        SDL_FreeSurface(dst);
        free(sx);
        free(hrow);
        free(acc);
        return NULL;
    }
    make_spans(sx, w, from.x, from.w);
    double ry = (double)from.h / h, rx = (double)from.w / w;
    float norm = (float)(1.0 / (rx * ry));
    int oy = 0;
    SDL_LockSurface(src);
    for (int sy = 0; sy < from.h && oy < h; sy++) {
        const uint32_t *in = row_of(src, from.y + sy);
        for (int o = 0; o < w; o++) {
            float c[4] = {0, 0, 0, 0};
            for (int i = sx[o].i0; i <= sx[o].i1; i++) {
                float wt = i == sx[o].i0 ? sx[o].w0 : i == sx[o].i1 ? sx[o].w1 : 1.0f;
                uint32_t p = in[i];
                float a = (float)(p >> 24) * wt;
                c[0] += a;
                c[1] += (float)((p >> 16) & 0xFF) * a;
                c[2] += (float)((p >> 8) & 0xFF) * a;
                c[3] += (float)(p & 0xFF) * a;
            }
            memcpy(hrow + o * 4, c, sizeof(c));
        }
        double pos = sy, end = sy + 1;
        while (pos < end - 1e-9 && oy < h) {
            double seg_end = (oy + 1) * ry < end ? (oy + 1) * ry : end;
            float wt = (float)(seg_end - pos);
            for (int k = 0; k < w * 4; k++)
                acc[k] += hrow[k] * wt;
            pos = seg_end;
            if (pos >= (oy + 1) * ry - 1e-9) {
                uint32_t *out = row_of(dst, oy);
                for (int o = 0; o < w; o++) {
                    float *c = acc + o * 4;
                    float a = c[0] * norm;
                    uint32_t pa = a >= 255.0f ? 255u : (uint32_t)lroundf(a);
                    uint32_t ch[3] = {0, 0, 0};
                    if (c[0] > 0)
                        for (int k = 0; k < 3; k++) {
                            float v = c[k + 1] / c[0];
                            ch[k] = v >= 255.0f ? 255u : (uint32_t)lroundf(v);
                        }
                    out[o] = pa << 24 | ch[0] << 16 | ch[1] << 8 | ch[2];
                }
                memset(acc, 0, (size_t)w * 4 * sizeof(float));
                oy++;
            }
        }
    }
    SDL_UnlockSurface(src);
    free(sx);
    free(hrow);
    free(acc);
    return dst;
}

SDL_Surface *rnd_scale(SDL_Surface *src, struct cor_rect from, int w, int h)
{
    if (w < 1 || h < 1 || from.w < 1 || from.h < 1)
        return NULL;
    SDL_Surface *conv = NULL;
    if (src->format->format != SDL_PIXELFORMAT_ARGB8888) {
        conv = SDL_ConvertSurfaceFormat(src, SDL_PIXELFORMAT_ARGB8888, 0);
        if (!conv)
            return NULL;
        src = conv;
    }
    SDL_Surface *dst;
    if (from.w >= w && from.h >= h) {
        dst = shrink_area(src, from, w, h);
    } else {
        dst = new_surface(w, h);
        SDL_Rect s = {from.x, from.y, from.w, from.h};
        if (dst && SDL_SoftStretchLinear(src, &s, dst, NULL) != 0) {
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
    SDL_Surface *s = new_surface(w, h);
    if (!s)
        return NULL;
    float r = h / 2.0f;
    for (int y = 0; y < h; y++) {
        uint32_t *row = row_of(s, y);
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
        uint32_t *row = row_of(s, y);
        for (int x = 0; x < s->w; x++) {
            float d = hypotf(x + 0.5f - r, y + 0.5f - r);
            uint32_t a = (uint32_t)lroundf((float)(row[x] >> 24) * coverage(r - 0.5f, d));
            row[x] = a << 24 | (row[x] & 0xFFFFFFu);
        }
    }
}

/* ---- fonts ---- */

static bool is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The bold face beside a font file the playlist names (DejaVuSans.ttf: DejaVuSans-Bold.ttf,
 * NotoSans-Regular.ttf: NotoSans-Bold.ttf), or NULL: then bold is the regular one emboldened. */
static char *bold_sibling(const char *path)
{
    const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');
    if (!dot || (slash && dot < slash))
        return NULL;
    int stem = (int)(dot - path);
    static const char *const regular[] = {"-Regular", "Regular", "-Book", "-Roman"};
    for (size_t i = 0; i < sizeof(regular) / sizeof(regular[0]); i++) {
        int n = (int)strlen(regular[i]);
        if (stem > n && strncmp(path + stem - n, regular[i], (size_t)n) == 0) {
            stem -= n;
            break;
        }
    }
    static const char *const bold[] = {"-Bold", "Bold", "_Bold", " Bold", "-bold"};
    for (size_t i = 0; i < sizeof(bold) / sizeof(bold[0]); i++) {
        char buf[4096];
        int n = snprintf(buf, sizeof(buf), "%.*s%s%s", stem, path, bold[i], dot);
        if (n > 0 && (size_t)n < sizeof(buf) && strcmp(buf, path) != 0 && is_file(buf))
            return strdup(buf);
    }
    return NULL;
}

struct cor_text *rnd_open_fonts(const struct cor_playlist *pl, struct cor_diags *diags)
{
    const struct cor_theme *th = &pl->theme;
    char err[512] = "";
    struct cor_text *t = NULL;
    if (th->font_file.path) {
        char *bold = bold_sibling(th->font_file.path);
        t = cor_text_create(th->font_file.path, bold, err, sizeof(err));
        free(bold);
        if (!t)
            cor_diags_add(diags, COR_SEV_ERROR, th->font_file.pos.file, th->font_file.pos.line,
                          th->font_file.pos.col, "%s", err);
        return t;
    }
    const char *family = th->font && th->font[0] ? th->font : "DejaVu Sans";
    char *regular = cor_font_find(family, false, err, sizeof(err));
    if (!regular) {
        cor_diags_add(diags, COR_SEV_ERROR, pl->display_path, 0, 0, "%s", err);
        return NULL;
    }
    char err2[512] = "";
    char *bold = cor_font_find(family, true, err2, sizeof(err2));
    t = cor_text_create(regular, bold, err, sizeof(err));
    if (!t)
        cor_diags_add(diags, COR_SEV_ERROR, pl->display_path, 0, 0, "%s", err);
    free(regular);
    free(bold);
    return t;
}

/* ---- pictures ---- */

static SDL_Texture *to_texture(struct cor_renderer *r, SDL_Surface *s)
{
    if (!s)
        return NULL;
    SDL_Texture *t = SDL_CreateTextureFromSurface(r->sdl, s);
    if (t) {
        SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
        SDL_SetTextureScaleMode(t, SDL_ScaleModeLinear);
    }
    SDL_FreeSurface(s);
    return t;
}

static bool file_error(struct cor_diags *diags, const struct cor_file *f, const char *what,
                       const char *err)
{
    cor_diags_add(diags, COR_SEV_ERROR, f->pos.file, f->pos.line, f->pos.col, "the %s '%s' %s",
                  what, f->name ? f->name : f->path, err);
    return false;
}

static bool gpu_error(struct cor_diags *diags, const struct cor_file *f, const char *what)
{
    char err[300];
    snprintf(err, sizeof(err), "could not be made ready for the screen (%s)", SDL_GetError());
    return file_error(diags, f, what, err);
}

/* The first box of KIND in the layout of SLIDE (NULL: the fallback), or a zero rect. */
static struct cor_rect box_of(struct cor_renderer *r, const struct cor_slide *slide,
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

static bool load_logo(struct cor_renderer *r, struct cor_diags *diags)
{
    const struct cor_file *f = &r->pl->theme.logo;
    char err[512] = "";
    SDL_Surface *s = cor_image_load(f->path, r->w / 2, r->h / 5, err, sizeof(err));
    if (!s)
        return file_error(diags, f, "logo", err);
    r->logo_w = s->w;
    r->logo_h = s->h;
    struct cor_rect whole = {0, 0, s->w, s->h};
    struct cor_rect big = box_of(r, NULL, COR_BOX_LOGO, NULL);
    struct cor_slide probe = {.type = COR_SLIDE_TEXT};
    struct cor_rect small = box_of(r, &probe, COR_BOX_LOGO, NULL);
    if (big.w > 0)
        r->logo_big = to_texture(r, rnd_scale(s, whole, big.w, big.h));
    if (small.w > 0)
        r->logo_footer = to_texture(r, rnd_scale(s, whole, small.w, small.h));
    SDL_FreeSurface(s);
    if ((big.w > 0 && !r->logo_big) || (small.w > 0 && !r->logo_footer))
        return gpu_error(diags, f, "logo");
    return true;
}

static bool load_image(struct cor_renderer *r, const struct cor_slide *slide, struct rnd_slide *rs,
                       struct cor_diags *diags)
{
    char err[512] = "";
    SDL_Surface *s = cor_image_load(slide->file.path, r->w, r->h, err, sizeof(err));
    if (!s)
        return file_error(diags, &slide->file, "picture", err);
    rs->image_w = s->w;
    rs->image_h = s->h;
    struct cor_rect src;
    struct cor_rect dst = box_of(r, slide, COR_BOX_IMAGE, &src);
    if (dst.w > 0 && dst.h > 0)
        rs->image = to_texture(r, rnd_scale(s, src, dst.w, dst.h));
    SDL_FreeSurface(s);
    if (dst.w > 0 && !rs->image)
        return gpu_error(diags, &slide->file, "picture");
    return true;
}

static bool load_photo(struct cor_renderer *r, const struct cor_slide *slide, struct rnd_slide *rs,
                       struct cor_diags *diags)
{
    struct cor_rect box = box_of(r, slide, COR_BOX_PHOTO, NULL);
    if (box.w <= 0)
        return true;
    char err[512] = "";
    SDL_Surface *s = cor_image_load(slide->photo.path, box.w, box.w, err, sizeof(err));
    if (!s)
        return file_error(diags, &slide->photo, "photo", err);
    /* The middle square, a little above the centre where faces usually are. */
    int side = s->w < s->h ? s->w : s->h;
    struct cor_rect sq = {(s->w - side) / 2, (s->h - side) / 3, side, side};
    SDL_Surface *round = rnd_scale(s, sq, box.w, box.w);
    SDL_FreeSurface(s);
    if (round)
        make_round(round);
    rs->photo = to_texture(r, round);
    if (!rs->photo)
        return gpu_error(diags, &slide->photo, "photo");
    return true;
}

const struct rnd_qr *rnd_find_qr(const struct cor_renderer *r, const char *link)
{
    for (size_t i = 0; link && i < r->n_qrs; i++)
        if (strcmp(r->qrs[i].link, link) == 0)
            return &r->qrs[i];
    return NULL;
}

static bool add_qr(struct cor_renderer *r, const struct cor_session *s, struct cor_diags *diags)
{
    if (rnd_find_qr(r, s->link))
        return true;
    struct cor_qr qr;
    if (!cor_qr_make(s->link, &qr)) {
        cor_diags_add(diags, COR_SEV_ERROR, s->pos.file, s->pos.line, s->pos.col,
                      "the link of '%s' cannot be made into a QR code (it is too long); use a "
                      "shorter address",
                      s->title ? s->title : "this session");
        return false;
    }
    int n = qr.size + 2 * QUIET_ZONE;
    SDL_Surface *surf = new_surface(n, n);
    if (surf) {
        for (int y = 0; y < n; y++) {
            uint32_t *row = row_of(surf, y);
            for (int x = 0; x < n; x++) {
                int mx = x - QUIET_ZONE, my = y - QUIET_ZONE;
                bool dark = mx >= 0 && my >= 0 && mx < qr.size && my < qr.size &&
                            qr.modules[my * qr.size + mx];
                row[x] = dark ? 0xFF000000u : 0xFFFFFFFFu;
            }
        }
    }
    cor_qr_free(&qr);
    SDL_Texture *tex = surf ? SDL_CreateTextureFromSurface(r->sdl, surf) : NULL;
    SDL_FreeSurface(surf);
    struct rnd_qr *qrs = tex ? realloc(r->qrs, (r->n_qrs + 1) * sizeof(*qrs)) : NULL;
    if (!qrs) {
        if (tex)
            SDL_DestroyTexture(tex);
        cor_diags_add(diags, COR_SEV_ERROR, s->pos.file, s->pos.line, s->pos.col,
                      "the QR code for '%s' could not be made ready (%s)", s->link, SDL_GetError());
        return false;
    }
    SDL_SetTextureScaleMode(tex, SDL_ScaleModeNearest);
    r->qrs = qrs;
    r->qrs[r->n_qrs++] = (struct rnd_qr){s->link, tex, n};
    return true;
}

bool rnd_load_assets(struct cor_renderer *r, struct cor_diags *diags)
{
    const struct cor_playlist *pl = r->pl;
    bool ok = true;
    r->slides = calloc(pl->n_slides ? pl->n_slides : 1, sizeof(*r->slides));
    if (!r->slides) {
        cor_diags_add(diags, COR_SEV_ERROR, pl->display_path, 0, 0, "out of memory");
        return false;
    }
    if (pl->theme.logo.path && !load_logo(r, diags))
        ok = false;
    for (size_t i = 0; i < pl->n_slides; i++) {
        const struct cor_slide *s = &pl->slides[i];
        struct rnd_slide *rs = &r->slides[i];
        if (s->type == COR_SLIDE_IMAGE && s->file.path && !load_image(r, s, rs, diags))
            ok = false;
        if (s->type == COR_SLIDE_QUOTE && s->photo.path && !load_photo(r, s, rs, diags))
            ok = false;
        if (s->type == COR_SLIDE_SESSIONS)
            for (size_t k = 0; k < s->n_sessions; k++)
                if (s->sessions[k].link && s->sessions[k].link[0] &&
                    !add_qr(r, &s->sessions[k], diags))
                    ok = false;
    }
    return ok;
}

void rnd_free_assets(struct cor_renderer *r)
{
    if (r->logo_footer)
        SDL_DestroyTexture(r->logo_footer);
    if (r->logo_big)
        SDL_DestroyTexture(r->logo_big);
    for (size_t i = 0; r->slides && i < r->pl->n_slides; i++) {
        if (r->slides[i].image)
            SDL_DestroyTexture(r->slides[i].image);
        if (r->slides[i].photo)
            SDL_DestroyTexture(r->slides[i].photo);
    }
    free(r->slides);
    for (size_t i = 0; i < r->n_qrs; i++)
        SDL_DestroyTexture(r->qrs[i].tex);
    free(r->qrs);
    for (int i = 0; i < RND_PILLS; i++)
        if (r->pills[i].tex)
            SDL_DestroyTexture(r->pills[i].tex);
}
