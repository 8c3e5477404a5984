/* render_assets.c: the renderer's fonts, logo and QR codes, made ready; the pictures are
 * render_pictures.c's. */
#include <SDL.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "font.h"
#include "image.h"
#include "log.h"
#include "qr.h"
#include "render.h"
#include "render_priv.h"
#include "text.h"
#include "userfile.h"

/* Light modules around a QR code, as the standard asks. */
#define QUIET_ZONE 4

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

static bool load_logo(struct cor_renderer *r, struct cor_diags *diags)
{
    const struct cor_file *f = &r->pl->theme.logo;
    char err[512] = "";
    const struct cor_file_guard inside = {r->pl->allowed_dirs, NULL};
    SDL_Surface *s =
        cor_image_load_guarded(f->path, &inside, NULL, r->w / 2, r->h / 5, err, sizeof(err));
    if (!s)
        return rnd_file_error(diags, f, "logo", err);
    r->logo_w = s->w;
    r->logo_h = s->h;
    struct cor_rect whole = {0, 0, s->w, s->h};
    struct cor_rect big = rnd_box_of(r, NULL, COR_BOX_LOGO, NULL);
    struct cor_slide probe = {.type = COR_SLIDE_TEXT};
    struct cor_rect small = rnd_box_of(r, &probe, COR_BOX_LOGO, NULL);
    if (big.w > 0)
        r->logo_big = rnd_to_texture(r, rnd_scale(s, whole, big.w, big.h));
    if (small.w > 0)
        r->logo_footer = rnd_to_texture(r, rnd_scale(s, whole, small.w, small.h));
    SDL_FreeSurface(s);
    if ((big.w > 0 && !r->logo_big) || (small.w > 0 && !r->logo_footer))
        return rnd_gpu_error(diags, f, "logo");
    return true;
}

const struct rnd_qr *rnd_find_qr(const struct cor_renderer *r, const char *link)
{
    for (size_t i = 0; link && i < r->n_qrs; i++)
        if (strcmp(r->qrs[i].link, link) == 0)
            return &r->qrs[i];
    if (link && r->identify_qr.tex && strcmp(r->identify_qr.link, link) == 0)
        return &r->identify_qr;
    return NULL;
}

/* TEXT's QR code as a texture, one pixel a module with the quiet zone (*MODULES on a side);
 * NULL when TEXT cannot be a QR code or SDL failed (*TOO_LONG says which). */
static SDL_Texture *qr_texture(struct cor_renderer *r, const char *text, int *modules,
                               bool *too_long)
{
    struct cor_qr qr;
    *too_long = !cor_qr_make(text, &qr);
    if (*too_long)
        return NULL;
    int n = qr.size + 2 * QUIET_ZONE;
    SDL_Surface *surf = rnd_new_surface(n, n);
    if (surf) {
        for (int y = 0; y < n; y++) {
            uint32_t *row = rnd_row_of(surf, y);
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
    if (tex)
        SDL_SetTextureScaleMode(tex, SDL_ScaleModeNearest);
    *modules = n;
    return tex;
}

static bool add_qr(struct cor_renderer *r, const struct cor_session *s, struct cor_diags *diags)
{
    if (rnd_find_qr(r, s->link))
        return true;
    int n = 0;
    bool too_long;
    SDL_Texture *tex = qr_texture(r, s->link, &n, &too_long);
    if (too_long) {
        cor_diags_add(diags, COR_SEV_ERROR, s->pos.file, s->pos.line, s->pos.col,
                      "the link of '%s' cannot be made into a QR code (it is too long); use a "
                      "shorter address",
                      s->title ? s->title : "this session");
        return false;
    }
    struct rnd_qr *qrs = tex ? realloc(r->qrs, (r->n_qrs + 1) * sizeof(*qrs)) : NULL;
    if (!qrs) {
        if (tex)
            SDL_DestroyTexture(tex);
        cor_diags_add(diags, COR_SEV_ERROR, s->pos.file, s->pos.line, s->pos.col,
                      "the QR code for '%s' could not be made ready (%s)", s->link, SDL_GetError());
        return false;
    }
    r->qrs = qrs;
    r->qrs[r->n_qrs++] = (struct rnd_qr){s->link, tex, n};
    return true;
}

bool rnd_identify_qr(struct cor_renderer *r, const char *text)
{
    if (r->identify_qr.tex && strcmp(r->identify_qr.link, text) == 0)
        return true;
    rnd_drop_identify_qr(r);
    char *copy = strdup(text);
    int n = 0;
    bool too_long;
    SDL_Texture *tex = copy ? qr_texture(r, text, &n, &too_long) : NULL;
    if (!tex) {
        free(copy);
        return false;
    }
    r->identify_qr = (struct rnd_qr){copy, tex, n};
    return true;
}

void rnd_drop_identify_qr(struct cor_renderer *r)
{
    if (r->identify_qr.tex)
        SDL_DestroyTexture(r->identify_qr.tex);
    free((char *)r->identify_qr.link);
    memset(&r->identify_qr, 0, sizeof(r->identify_qr));
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
    struct rnd_checks *checks = rnd_checks_run(r);
    if (!checks) {
        cor_diags_add(diags, COR_SEV_ERROR, pl->display_path, 0, 0, "out of memory");
        return false;
    }
    for (size_t i = 0; i < pl->n_slides; i++) {
        const struct cor_slide *s = &pl->slides[i];
        if (!rnd_checks_take(r, checks, i, diags))
            ok = false;
        if (s->type == COR_SLIDE_SESSIONS)
            for (size_t k = 0; k < s->n_sessions; k++)
                if (s->sessions[k].link && s->sessions[k].link[0] &&
                    !add_qr(r, &s->sessions[k], diags))
                    ok = false;
    }
    rnd_checks_free(checks);
    return rnd_video_load(r, diags) && ok;
}

void rnd_free_assets(struct cor_renderer *r)
{
    rnd_video_free(r);
    if (r->logo_footer)
        SDL_DestroyTexture(r->logo_footer);
    if (r->logo_big)
        SDL_DestroyTexture(r->logo_big);
    for (size_t i = 0; r->slides && i < r->pl->n_slides; i++)
        rnd_drop_picture(r, &r->slides[i].pic);
    free(r->slides);
    for (size_t i = 0; i < r->n_qrs; i++)
        SDL_DestroyTexture(r->qrs[i].tex);
    free(r->qrs);
    rnd_drop_identify_qr(r);
    for (int i = 0; i < RND_PILLS; i++)
        if (r->pills[i].tex)
            SDL_DestroyTexture(r->pills[i].tex);
}
