/* render.c: draws slide pages, the fallback and transitions; the only caller of SDL_Render*. */
#include "render.h"

#include <SDL.h>
#include <SDL_ttf.h>

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "identify.h"
#include "layout.h"
#include "log.h"
#include "render_priv.h"
#include "schedule.h"
#include "text.h"
#include "value.h"

/* ---- making and freeing ---- */

struct cor_renderer *cor_renderer_create(struct SDL_Renderer *sdl,
                                         const struct cor_playlist *playlist, int w, int h,
                                         struct cor_diags *diags)
{
    if (TTF_Init() != 0) {
        cor_diags_add(diags, COR_SEV_ERROR, playlist->display_path, 0, 0,
                      "the text library could not start: %s", TTF_GetError());
        return NULL;
    }
    struct cor_renderer *r = calloc(1, sizeof(*r));
    if (!r) {
        cor_diags_add(diags, COR_SEV_ERROR, playlist->display_path, 0, 0, "out of memory");
        TTF_Quit();
        return NULL;
    }
    r->sdl = sdl;
    SDL_RendererInfo info;
    r->software = SDL_GetRendererInfo(sdl, &info) == 0 && (info.flags & SDL_RENDERER_SOFTWARE);
    r->pl = playlist;
    r->w = w;
    r->h = h;
    r->picture_budget = (size_t)w * (size_t)h * 4; /* one screenful */
    r->text = rnd_open_fonts(playlist, diags);
    if (!r->text || !rnd_load_assets(r, diags)) {
        cor_renderer_free(r);
        return NULL;
    }
    return r;
}

void cor_renderer_free(struct cor_renderer *r)
{
    if (!r)
        return;
    rnd_free_assets(r);
    cor_text_free(r->text);
    free(r->views);
    cor_cstr_free(&r->run);
    free(r);
    TTF_Quit();
}

void cor_renderer_size(const struct cor_renderer *r, int *w, int *h)
{
    *w = r->w;
    *h = r->h;
}

void cor_renderer_set_clock_trusted(struct cor_renderer *r, bool trusted)
{
    r->clock_unknown = !trusted;
}

int cor_renderer_page_count(struct cor_renderer *r, const struct cor_slide *slide, cor_minute now)
{
    if (!slide || slide->type != COR_SLIDE_SESSIONS)
        return 1;
    struct cor_layout_input in;
    if (!rnd_input(r, slide, now, &in))
        return 1;
    return cor_layout_page_count(&in);
}

/* ---- colours ---- */

static SDL_Color sdl_color(struct cor_color c)
{
    return (SDL_Color){c.r, c.g, c.b, c.a};
}

static SDL_Color role_color(const struct cor_renderer *r, const struct cor_slide *slide,
                            enum cor_role role)
{
    const struct cor_theme *th = &r->pl->theme;
    struct cor_color bg = slide ? slide->background : th->background;
    struct cor_color fg = slide ? slide->text_color : th->text;
    struct cor_color ac = slide ? slide->accent : th->accent;
    switch (role) {
    case COR_ROLE_BACKGROUND:
        return sdl_color(bg);
    case COR_ROLE_ACCENT:
        return sdl_color(ac);
    case COR_ROLE_ON_ACCENT:
        return sdl_color(cor_contrast_ratio(bg, ac) >= cor_contrast_ratio(fg, ac) ? bg : fg);
    case COR_ROLE_URGENT:
        return sdl_color(r->urgent_bg);
    case COR_ROLE_ON_URGENT:
        return sdl_color(r->urgent_fg);
    case COR_ROLE_TEXT:
        break;
    }
    return sdl_color(fg);
}

/* ---- text ---- */

struct line_ctx {
    struct cor_renderer *r;
    int x, y;
    SDL_Color color;
    uint8_t alpha;
    bool ok;
};

/* A character no font has is drawn as a hollow box the size of a capital. */
static void draw_boxes(struct cor_renderer *r, const struct cor_text_run *run, int x, int y,
                       SDL_Color c, uint8_t alpha)
{
    int adv = run->n_chars ? run->w / run->n_chars : run->w;
    int t = run->h / 10 > 1 ? run->h / 10 : 1;
    SDL_SetRenderDrawColor(r->sdl, c.r, c.g, c.b, alpha);
    for (int i = 0; i < run->n_chars; i++) {
        int bx = x + run->x + i * adv + adv / 8, bw = adv - adv / 4;
        SDL_Rect sides[4] = {{bx, y + run->y, bw, t},
                             {bx, y + run->y + run->h - t, bw, t},
                             {bx, y + run->y, t, run->h},
                             {bx + bw - t, y + run->y, t, run->h}};
        SDL_RenderFillRects(r->sdl, sides, 4);
    }
}

static bool draw_run(void *vctx, const struct cor_text_run *run)
{
    struct line_ctx *ctx = vctx;
    struct cor_renderer *r = ctx->r;
    if (!run->font) {
        draw_boxes(r, run, ctx->x, ctx->y, ctx->color, ctx->alpha);
        return true;
    }
    const char *s = cor_cstr_set(&r->run, run->text, run->len);
    if (!s)
        return ctx->ok = false;
    SDL_Color c = ctx->color;
    c.a = 255;
    SDL_Surface *surf = TTF_RenderUTF8_Blended(run->font, s, c);
    if (!surf)
        return true; /* nothing drawable, e.g. only spaces */
    SDL_Texture *tex = SDL_CreateTextureFromSurface(r->sdl, surf);
    if (tex) {
        SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND);
        SDL_SetTextureAlphaMod(tex, ctx->alpha);
        SDL_Rect dst = {ctx->x + run->x, ctx->y + run->y, surf->w, surf->h};
        if (run->scaled) {
            dst.w = run->w;
            dst.h = run->h;
            SDL_SetTextureScaleMode(tex, SDL_ScaleModeLinear);
        }
        if (SDL_RenderCopy(r->sdl, tex, NULL, &dst) != 0)
            ctx->ok = false;
        SDL_DestroyTexture(tex);
    } else {
        ctx->ok = false;
    }
    SDL_FreeSurface(surf);
    return true;
}

static bool draw_text(struct cor_renderer *r, const struct cor_box *b, SDL_Color c)
{
    bool ok = true;
    uint8_t alpha = (uint8_t)(c.a * b->alpha / 255);
    for (size_t i = 0; i < b->n_lines; i++) {
        const struct cor_line *ln = &b->lines[i];
        struct line_ctx ctx = {r, ln->x, ln->y, c, alpha, true};
        cor_text_runs(r->text, ln->text, strlen(ln->text), b->px, b->bold, draw_run, &ctx);
        ok &= ctx.ok;
    }
    return ok;
}

/* ---- boxes ---- */

static SDL_Texture *pill_texture(struct cor_renderer *r, int w, int h)
{
    struct rnd_pill *slot = &r->pills[0];
    for (int i = 0; i < RND_PILLS; i++) {
        if (r->pills[i].tex && r->pills[i].w == w && r->pills[i].h == h)
            return r->pills[i].tex;
        if (!r->pills[i].tex)
            slot = &r->pills[i];
    }
    if (slot->tex)
        SDL_DestroyTexture(slot->tex);
    slot->tex = NULL;
    SDL_Surface *s = rnd_pill_surface(w, h);
    if (!s)
        return NULL;
    slot->tex = SDL_CreateTextureFromSurface(r->sdl, s);
    SDL_FreeSurface(s);
    if (!slot->tex)
        return NULL;
    SDL_SetTextureBlendMode(slot->tex, SDL_BLENDMODE_BLEND);
    slot->w = w;
    slot->h = h;
    return slot->tex;
}

static SDL_Rect sdl_rect(struct cor_rect r)
{
    return (SDL_Rect){r.x, r.y, r.w, r.h};
}

static bool copy(struct cor_renderer *r, SDL_Texture *tex, struct cor_rect dst)
{
    if (!tex)
        return true;
    SDL_Rect d = sdl_rect(dst);
    return SDL_RenderCopy(r->sdl, tex, NULL, &d) == 0;
}

static bool draw_qr(struct cor_renderer *r, const struct cor_box *b)
{
    const struct rnd_qr *qr = rnd_find_qr(r, b->link);
    if (!qr)
        return true;
    SDL_Rect box = sdl_rect(b->rect);
    SDL_SetRenderDrawColor(r->sdl, 255, 255, 255, 255);
    SDL_RenderFillRect(r->sdl, &box);
    /* Whole pixels per module keep the code crisp for phone cameras. */
    int m = b->rect.w / qr->modules;
    int side = m > 0 ? m * qr->modules : b->rect.w;
    SDL_Rect d = {b->rect.x + (b->rect.w - side) / 2, b->rect.y + (b->rect.h - side) / 2, side,
                  side};
    return SDL_RenderCopy(r->sdl, qr->tex, NULL, &d) == 0;
}

static bool draw_box(struct cor_renderer *r, const struct cor_slide *slide, const struct cor_box *b)
{
    SDL_Color c = role_color(r, slide, b->role);
    SDL_Texture *pic;
    SDL_Rect rect = sdl_rect(b->rect);
    switch (b->kind) {
    case COR_BOX_FILL:
        SDL_SetRenderDrawColor(r->sdl, c.r, c.g, c.b, (uint8_t)(c.a * b->alpha / 255));
        return SDL_RenderFillRect(r->sdl, &rect) == 0;
    case COR_BOX_PILL: {
        SDL_Texture *t = pill_texture(r, b->rect.w, b->rect.h);
        if (!t)
            return false;
        SDL_SetTextureColorMod(t, c.r, c.g, c.b);
        SDL_SetTextureAlphaMod(t, (uint8_t)(c.a * b->alpha / 255));
        return copy(r, t, b->rect);
    }
    case COR_BOX_TEXT:
        return draw_text(r, b, c);
    case COR_BOX_IMAGE:
        if (slide && slide->type == COR_SLIDE_VIDEO)
            return rnd_video_draw(r, slide, b);
        /* fall through */
    case COR_BOX_PHOTO:
        return rnd_picture(r, slide, b, &pic) && copy(r, pic, b->rect);
    case COR_BOX_LOGO:
        return copy(r, slide ? r->logo_footer : r->logo_big, b->rect);
    case COR_BOX_QR:
        return draw_qr(r, b);
    }
    return true;
}

static bool draw_page(struct cor_renderer *r, const struct cor_slide *slide, int page,
                      cor_minute now, const struct cor_urgent_look *urgent,
                      const struct cor_layout_identify *identify, struct SDL_Texture *target)
{
    SDL_Texture *old = SDL_GetRenderTarget(r->sdl);
    r->draws++;
    if (SDL_SetRenderTarget(r->sdl, target) != 0) {
        LOG_ERR("render", "cannot draw into the page: %s", SDL_GetError());
        return false;
    }
    SDL_SetRenderDrawBlendMode(r->sdl, SDL_BLENDMODE_BLEND);
    SDL_Color bg = role_color(r, slide, COR_ROLE_BACKGROUND);
    SDL_SetRenderDrawColor(r->sdl, bg.r, bg.g, bg.b, 255);
    bool ok = SDL_RenderClear(r->sdl) == 0;
    struct cor_layout_input in;
    struct cor_layout l;
    struct cor_layout_urgent lu = {0};
    if (urgent) {
        lu = (struct cor_layout_urgent){urgent->title, urgent->body, urgent->banner};
        r->urgent_bg = urgent->background;
        r->urgent_fg = urgent->text;
    }
    bool input = rnd_input(r, slide, now, &in);
    in.urgent = urgent ? &lu : NULL;
    in.identify = identify;
    if (input && cor_layout_build(&in, page, &l)) {
        for (size_t i = 0; i < l.n_boxes; i++)
            ok &= draw_box(r, slide, &l.boxes[i]);
        cor_layout_free(&l);
        cor_text_trim(r->text); /* close the sizes the fit only tried; free fontconfig */
    } else {
        LOG_ERR("render", "out of memory laying out slide %d", slide ? slide->index : 0);
        ok = false;
    }
    SDL_SetRenderTarget(r->sdl, old);
    if (!ok)
        LOG_ERR("render", "drawing slide %d failed: %s", slide ? slide->index : 0, SDL_GetError());
    return ok;
}

bool cor_renderer_draw_page(struct cor_renderer *r, const struct cor_slide *slide, int page,
                            cor_minute now, struct SDL_Texture *target)
{
    return draw_page(r, slide, page, now, NULL, NULL, target);
}

bool cor_renderer_draw_urgent(struct cor_renderer *r, const struct cor_slide *slide, int page,
                              cor_minute now, const struct cor_urgent_look *urgent,
                              struct SDL_Texture *target)
{
    return draw_page(r, slide, page, now, urgent, NULL, target);
}

bool cor_renderer_draw_identify(struct cor_renderer *r, const struct cor_identity *id,
                                const char *note, struct SDL_Texture *target)
{
    struct cor_layout_fact facts[8];
    char addrs[COR_IDENTITY_MAX_ADDRS * (COR_IDENTITY_ADDR_LEN + 1)];
    char qr[1024];
    size_t n = cor_identity_facts(id, facts, sizeof(facts) / sizeof(facts[0]), addrs,
                                  sizeof(addrs));
    cor_identity_text(id, qr, sizeof(qr));
    /* Without its code the page still says everything in words. */
    bool has_code = rnd_identify_qr(r, qr);
    if (!has_code)
        LOG_WARN("render", "the identify page's QR code could not be made; drawing it without");
    struct cor_layout_identify look = {id->name, facts, n, has_code ? qr : NULL, note};
    return draw_page(r, NULL, 0, 0, NULL, &look, target);
}

/* ---- transitions ---- */

bool cor_renderer_compose(struct cor_renderer *r, struct SDL_Texture *from, struct SDL_Texture *to,
                          enum cor_transition transition, double progress)
{
    if (progress < 0)
        progress = 0;
    if (progress > 1)
        progress = 1;
    double e = progress * progress * (3 - 2 * progress); /* smoothstep */
    bool ok = true;
    if (!to)
        return false;
    if (!from || progress >= 1 || transition == COR_TRANSITION_NONE) {
        SDL_SetTextureBlendMode(to, SDL_BLENDMODE_NONE);
        return SDL_RenderCopy(r->sdl, to, NULL, NULL) == 0;
    }
    SDL_SetTextureBlendMode(from, SDL_BLENDMODE_NONE);
    if (transition == COR_TRANSITION_SLIDE) {
        int off = (int)lround(e * r->w);
        SDL_Rect a = {-off, 0, r->w, r->h}, b = {r->w - off, 0, r->w, r->h};
        SDL_SetTextureBlendMode(to, SDL_BLENDMODE_NONE);
        ok &= SDL_RenderCopy(r->sdl, from, NULL, &a) == 0;
        ok &= SDL_RenderCopy(r->sdl, to, NULL, &b) == 0;
        return ok;
    }
    /* A step that rounds to either page is that page copied: besides saving the blend, an
     * opaque page blended at alpha 255 leaves SDL's fast per-surface path for a per-pixel one
     * that costs twice a whole blended frame in software. */
    long alpha = lround(e * 255);
    if (alpha <= 0 || alpha >= 255) {
        SDL_Texture *whole = alpha <= 0 ? from : to;
        SDL_SetTextureBlendMode(whole, SDL_BLENDMODE_NONE);
        return SDL_RenderCopy(r->sdl, whole, NULL, NULL) == 0;
    }
    ok &= SDL_RenderCopy(r->sdl, from, NULL, NULL) == 0;
    SDL_SetTextureBlendMode(to, SDL_BLENDMODE_BLEND);
    SDL_SetTextureAlphaMod(to, (uint8_t)alpha);
    ok &= SDL_RenderCopy(r->sdl, to, NULL, NULL) == 0;
    SDL_SetTextureAlphaMod(to, 255);
    SDL_SetTextureBlendMode(to, SDL_BLENDMODE_NONE);
    return ok;
}

/* ---- contact sheets ---- */

struct blit_ctx {
    struct cor_renderer *r;
    SDL_Surface *dst;
    int x, y;
    SDL_Color color;
};

static bool blit_run(void *vctx, const struct cor_text_run *run)
{
    struct blit_ctx *ctx = vctx;
    if (!run->font) {
        uint32_t c = SDL_MapRGB(ctx->dst->format, ctx->color.r, ctx->color.g, ctx->color.b);
        int adv = run->n_chars ? run->w / run->n_chars : run->w;
        for (int i = 0; i < run->n_chars; i++) {
            SDL_Rect box = {ctx->x + run->x + i * adv + adv / 8, ctx->y + run->y, adv - adv / 4,
                            run->h};
            SDL_Rect inner = {box.x + 1, box.y + 1, box.w - 2, box.h - 2};
            SDL_FillRect(ctx->dst, &box, c);
            SDL_FillRect(ctx->dst, &inner, SDL_MapRGB(ctx->dst->format, 34, 34, 34));
        }
        return true;
    }
    const char *s = cor_cstr_set(&ctx->r->run, run->text, run->len);
    SDL_Surface *surf = s ? TTF_RenderUTF8_Blended(run->font, s, ctx->color) : NULL;
    if (surf) {
        SDL_Rect d = {ctx->x + run->x, ctx->y + run->y, surf->w, surf->h};
        if (run->scaled) {
            d.w = run->w;
            d.h = run->h;
            SDL_BlitScaled(surf, NULL, ctx->dst, &d);
        } else {
            SDL_BlitSurface(surf, NULL, ctx->dst, &d);
        }
        SDL_FreeSurface(surf);
    }
    return true;
}

/* Writes TEXT on DST at X, Y, cut with an ellipsis to fit W. */
static void blit_label(struct cor_renderer *r, SDL_Surface *dst, const char *text, int x, int y,
                       int w, int px, bool bold, SDL_Color color)
{
    char buf[512];
    snprintf(buf, sizeof(buf), "%s", text);
    size_t len = strlen(buf);
    struct cor_text_metrics m;
    cor_text_measure(r->text, buf, len, px, bold, &m);
    while (m.w > w && len > 0) {
        do
            len--;
        while (len > 0 && ((unsigned char)buf[len] & 0xC0) == 0x80);
        if (len + 4 > sizeof(buf))
            break;
        memcpy(buf + len, "\xE2\x80\xA6", 4);
        cor_text_measure(r->text, buf, len + 3, px, bold, &m);
    }
    struct blit_ctx ctx = {r, dst, x, y, color};
    cor_text_runs(r->text, buf, strlen(buf), px, bold, blit_run, &ctx);
}

SDL_Surface *cor_renderer_contact_sheet(struct cor_renderer *r, SDL_Surface *const *pages,
                                        const char *const *labels, size_t n)
{
    bool portrait = r->h > r->w;
    int tw = portrait ? 270 : 480, th = (int)lround((double)tw * r->h / r->w);
    int max_cols = portrait ? 6 : 4;
    int cols = n == 0 ? 1 : n < (size_t)max_cols ? (int)n : max_cols;
    int rows = n == 0 ? 1 : (int)((n + (size_t)cols - 1) / (size_t)cols);
    int gap = 24, px = 18, label_h = 2 * 24 + 8;
    int sw = gap + cols * (tw + gap), sh = gap + rows * (th + label_h + gap);
    SDL_Surface *sheet = SDL_CreateRGBSurfaceWithFormat(0, sw, sh, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!sheet)
        return NULL;
    SDL_FillRect(sheet, NULL, SDL_MapRGB(sheet->format, 34, 34, 34));
    SDL_Color white = {240, 240, 240, 255}, grey = {180, 180, 180, 255};
    for (size_t i = 0; i < n; i++) {
        int x = gap + (int)(i % (size_t)cols) * (tw + gap);
        int y = gap + (int)(i / (size_t)cols) * (th + label_h + gap);
        SDL_Surface *thumb =
            rnd_scale(pages[i], (struct cor_rect){0, 0, pages[i]->w, pages[i]->h}, tw, th);
        if (thumb) {
            SDL_SetSurfaceBlendMode(thumb, SDL_BLENDMODE_NONE);
            SDL_Rect d = {x, y, tw, th};
            SDL_BlitSurface(thumb, NULL, sheet, &d);
            SDL_FreeSurface(thumb);
        }
        const char *label = labels && labels[i] ? labels[i] : "";
        const char *nl = strchr(label, '\n');
        char first[256];
        snprintf(first, sizeof(first), "%.*s", nl ? (int)(nl - label) : (int)strlen(label), label);
        blit_label(r, sheet, first, x, y + th + 6, tw, px, true, white);
        if (nl)
            blit_label(r, sheet, nl + 1, x, y + th + 6 + 24, tw, px, false, grey);
    }
    return sheet;
}

/* ---- readability warnings ---- */

/* The screens a check found a cut on, as "a 1920x1080 screen" or "1920x1080 and 1080x1920
 * screens". */
static void sizes_text(const int (*sizes)[2], const bool *which, size_t n, char *buf, size_t size)
{
    size_t used = 0, count = 0;
    char list[64] = "";
    for (size_t i = 0; i < n && used < sizeof(list); i++) {
        if (!which[i])
            continue;
        int k = snprintf(list + used, sizeof(list) - used, "%s%dx%d", used ? " and " : "",
                         sizes[i][0], sizes[i][1]);
        if (k < 0)
            break;
        used += (size_t)k;
        count++;
    }
    snprintf(buf, size, count == 1 ? "a %s screen" : "%s screens", list);
}

static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

#define FIT_SIZES 4

/* What is said of a character no font has: where it is, then the code point. */
#define MISSING_FMT                                                                                \
    "%s has the character U+%04X, which no font on this system has, so it is drawn as a box; "     \
    "remove it, or for emoji install the package fonts-noto-color-emoji"

/* Where slide S (or the theme's footer) holds the character CP: which words, and at which line. */
static void find_character(const struct cor_playlist *pl, const struct cor_slide *s, uint32_t cp,
                           char *what, size_t size, struct cor_pos *at)
{
    char u[5] = "";
    if (cp < 0x80)
        u[0] = (char)cp;
    else if (cp < 0x800)
        snprintf(u, sizeof(u), "%c%c", 0xC0 | (cp >> 6), 0x80 | (cp & 0x3F));
    else if (cp < 0x10000)
        snprintf(u, sizeof(u), "%c%c%c", 0xE0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3F),
                 0x80 | (cp & 0x3F));
    else
        snprintf(u, sizeof(u), "%c%c%c%c", 0xF0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3F),
                 0x80 | ((cp >> 6) & 0x3F), 0x80 | (cp & 0x3F));
    const char *fields[COR_FIELD_COUNT] = {s->title, s->subtitle, s->body,      s->quote,
                                           s->name,  s->role,     s->when_empty};
    for (int f = 0; f < COR_FIELD_COUNT; f++)
        if (fields[f] && strstr(fields[f], u)) {
            snprintf(what, size, "the %s of slide %d (%s)", cor_field_key(f), s->index,
                     cor_slide_type_name(s->type));
            *at = s->field_pos[f].line > 0 ? s->field_pos[f] : s->pos;
            return;
        }
    for (size_t i = 0; i < s->n_sessions; i++) {
        const struct cor_session *ss = &s->sessions[i];
        const char *parts[] = {ss->title, ss->host, ss->where};
        for (size_t k = 0; k < 3; k++)
            if (parts[k] && strstr(parts[k], u)) {
                snprintf(what, size, "session %zu of slide %d (sessions)", i + 1, s->index);
                *at = ss->pos;
                return;
            }
    }
    if (pl->theme.footer && strstr(pl->theme.footer, u) && pl->theme.footer_pos.line > 0) {
        snprintf(what, size, "the footer");
        *at = pl->theme.footer_pos;
        return;
    }
    snprintf(what, size, "slide %d (%s)", s->index, cor_slide_type_name(s->type));
    *at = s->pos;
}

bool cor_render_check_fit(const struct cor_playlist *pl, const int (*sizes)[2], size_t n_sizes,
                          cor_minute now, struct cor_diags *diags)
{
    if (n_sizes > FIT_SIZES)
        n_sizes = FIT_SIZES;
    if (TTF_Init() != 0) {
        cor_diags_add(diags, COR_SEV_ERROR, pl->display_path, 0, 0,
                      "the text library could not start: %s", TTF_GetError());
        return false;
    }
    struct cor_renderer r = {.pl = pl};
    r.text = rnd_open_fonts(pl, diags);
    if (!r.text) {
        TTF_Quit();
        return false;
    }
    bool ok = true;
    /* The footer: judged once for every screen, warned once at `footer:`. */
    bool footer_cut[FIT_SIZES] = {false};
    int footer_fits[FIT_SIZES] = {0};
    bool any_footer = false;
    for (size_t i = 0; i < pl->n_slides && ok; i++) {
        const struct cor_slide *s = &pl->slides[i];
        bool cut[FIT_SIZES] = {false};
        struct cor_layout first = {0};
        bool have_first = false;
        for (size_t k = 0; k < n_sizes && ok; k++) {
            r.w = sizes[k][0];
            r.h = sizes[k][1];
            /* A typical wide logo: the footer text's room is near enough. */
            r.logo_w = pl->theme.logo.path ? 300 : 0;
            r.logo_h = pl->theme.logo.path ? 100 : 0;
            struct cor_layout_input in;
            if (!rnd_input(&r, s, now, &in)) {
                ok = false;
                break;
            }
            int pages = cor_layout_page_count(&in);
            for (int p = 0; p < pages; p++) {
                struct cor_layout l;
                if (!cor_layout_build(&in, p, &l)) {
                    ok = false;
                    break;
                }
                if (i == 0 && p == 0 && l.footer_cut) {
                    footer_cut[k] = any_footer = true;
                    footer_fits[k] = l.footer_fits;
                }
                bool bad = l.unreadable;
                if (bad && !have_first) {
                    first = l;
                    have_first = true;
                } else {
                    cor_layout_free(&l);
                }
                if (bad) {
                    cut[k] = true;
                    break;
                }
            }
        }
        uint32_t cp = cor_text_take_missing(r.text);
        if (cp) {
            char what[96];
            struct cor_pos at;
            find_character(pl, s, cp, what, sizeof(what), &at);
            cor_diags_add(diags, COR_SEV_WARNING, at.file, at.line, at.col, MISSING_FMT, what,
                          (unsigned)cp);
        }
        if (have_first) {
            char where[96];
            sizes_text(sizes, cut, n_sizes, where, sizeof(where));
            struct cor_pos at = first.unreadable_at.line > 0 ? first.unreadable_at : s->pos;
            bool session = strstr(first.unreadable_what, "session") != NULL;
            cor_diags_add(diags, COR_SEV_WARNING, at.file, at.line, at.col,
                          "%s of slide %d (%s) will not fit at a readable size on %s "
                          "(\"%s...\" is cut short); %s",
                          first.unreadable_what, s->index, cor_slide_type_name(s->type), where,
                          first.unreadable_text,
                          session ? "shorten it" : "shorten it or split it over two slides");
            cor_layout_free(&first);
        }
    }
    if (ok && any_footer) {
        /* The fewest characters that fit on any of the screens is what to shorten it to. */
        int fits = 1 << 30;
        for (size_t k = 0; k < n_sizes; k++)
            if (footer_cut[k] && footer_fits[k] < fits)
                fits = footer_fits[k];
        char where[96];
        sizes_text(sizes, footer_cut, n_sizes, where, sizeof(where));
        const struct cor_pos *at = &pl->theme.footer_pos;
        cor_diags_add(diags, COR_SEV_WARNING, at->line > 0 ? at->file : pl->display_path, at->line,
                      at->col,
                      "the footer is cut short on %s: only %d of its %zu characters fit, even "
                      "on two lines; shorten it to %d characters",
                      where, fits, utf8_chars(pl->theme.footer), fits);
    }
    free(r.views);
    cor_cstr_free(&r.run);
    cor_text_free(r.text);
    TTF_Quit();
    return ok;
}

bool cor_renderer_missing_character(struct cor_renderer *r, const struct cor_slide *slide,
                                    char *buf, size_t size)
{
    uint32_t cp = cor_text_take_missing(r->text);
    if (!cp || !slide)
        return false;
    for (size_t i = 0; i < r->n_missing_said; i++)
        if (r->missing_said[i] == cp)
            return false;
    if (r->n_missing_said < sizeof(r->missing_said) / sizeof(r->missing_said[0]))
        r->missing_said[r->n_missing_said++] = cp;
    char what[96], msg[320];
    struct cor_pos at;
    find_character(r->pl, slide, cp, what, sizeof(what), &at);
    snprintf(msg, sizeof(msg), MISSING_FMT, what, (unsigned)cp);
    snprintf(buf, size, "%s:%d: %s", at.file ? at.file : r->pl->display_path, at.line, msg);
    return true;
}
