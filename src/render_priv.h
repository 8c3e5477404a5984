/* render_priv.h: what the render family shares (render.c, render_assets.c, render_pictures.c,
 * render_video.c, render_layout.c); no other module includes it. Calls go one way, down the
 * order render.c, render_assets.c, render_pictures.c, render_video.c, render_layout.c. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

#include "diag.h"
#include "layout.h"
#include "model.h"
#include "schedule.h"
#include "text.h"

struct SDL_Renderer;
struct SDL_Surface;
struct SDL_Texture;
struct cor_text;

/* A slide's picture (an image slide's file, a quote's round photo) cut and scaled to the size it
 * is drawn at, while the renderer's picture cache holds it. */
struct rnd_picture {
    struct SDL_Texture *tex; /* NULL when not held */
    struct cor_rect src;     /* the part of the decoded picture it shows */
    int w, h;                /* its size on the page */
    unsigned long draw;      /* the page drawing that last used it */
    bool broken;             /* would not decode when drawn: logged once, not tried again */
};

/* What the renderer knows of one slide's picture. */
struct rnd_slide {
    int image_w, image_h; /* the decoded picture's size, for the layout (found by the check) */
    struct rnd_picture pic;
    /* The picture file as the check found it (read, or remembered unchanged): read again only
     * while it is still that file, inside the playlist's allowed folders. */
    struct stat st;
    bool checked;
    /* a video slide's clip while it is up or next (render_video.c) */
    struct cor_video *clip;
    int64_t clip_t;    /* time into the slide to draw */
    int64_t clip_next; /* when the clip's next frame is due, -1: none will come */
};

/* A QR code for one link: its modules with the quiet zone, one pixel each. */
struct rnd_qr {
    const char *link; /* the playlist's string */
    struct SDL_Texture *tex;
    int modules; /* with the quiet zone */
};

/* A white pill of one size, tinted when drawn. */
struct rnd_pill {
    int w, h;
    struct SDL_Texture *tex;
};

#define RND_PILLS 8

struct cor_renderer {
    struct SDL_Renderer *sdl;
    bool software; /* SDL's software renderer: a texture's pixels are written in place */
    const struct cor_playlist *pl;
    int w, h;
    struct cor_text *text;
    struct SDL_Texture *logo_footer, *logo_big;
    int logo_w, logo_h;       /* the decoded logo's size; 0 without a logo */
    struct rnd_slide *slides; /* one per playlist slide */
    bool clips_ahead;         /* a player opens clips ahead (cor_renderer_clips): wait little */
    size_t picture_bytes;     /* held by the slides' picture textures */
    size_t picture_budget;    /* most picture_bytes may reach, but for the page being drawn */
    unsigned long draws;      /* pages drawn so far, to know which pictures the page uses */
    struct rnd_qr *qrs;
    size_t n_qrs;
    struct rnd_qr identify_qr; /* the identify page's code (link owned); tex NULL: none */
    struct rnd_pill pills[RND_PILLS];
    struct cor_session_view *views; /* scratch for cor_schedule_sessions */
    size_t views_cap;
    struct cor_cstr run;       /* a NUL-terminated copy of a run */
    uint32_t missing_said[16]; /* characters no font has, already said */
    struct cor_color urgent_bg, urgent_fg; /* the urgent notice being drawn */
    size_t n_missing_said;
    bool clock_unknown; /* cor_renderer_set_clock_trusted(false): no time or date drawn */
};

/* ---- render_layout.c, for the whole family (it calls none of them) ---- */

/* Fills IN for SLIDE (NULL: the fallback) at NOW, page-independent. False when out of memory. */
bool rnd_input(struct cor_renderer *r, const struct cor_slide *slide, cor_minute now,
               struct cor_layout_input *in);

/* The assets of SLIDE, one of the playlist's slides, or NULL (the fallback, or a slide from
 * elsewhere). */
struct rnd_slide *rnd_assets_of(const struct cor_renderer *r, const struct cor_slide *slide);

/* The first box of KIND in the layout of SLIDE (NULL: the fallback), or a zero rect; *SRC (when
 * not NULL) gets the box's src rect. */
struct cor_rect rnd_box_of(struct cor_renderer *r, const struct cor_slide *slide,
                           enum cor_box_kind kind, struct cor_rect *src);

/* ---- render_assets.c, render_pictures.c and render_video.c, for the files above them ---- */

/* Opens the theme's font (the font file, or the family through fontconfig; DejaVu Sans when the
 * theme names none). NULL with an error in DIAGS. */
struct cor_text *rnd_open_fonts(const struct cor_playlist *pl, struct cor_diags *diags);

/* Prepares the logo and the QR codes, and checks that every slide's picture and photo decodes (or
 * decoded before and is unchanged on disk); keeps the picture textures that fit the budget. False
 * with errors in DIAGS. */
bool rnd_load_assets(struct cor_renderer *r, struct cor_diags *diags);
void rnd_free_assets(struct cor_renderer *r);

/* Makes the identify page's QR code for TEXT, unless it is the one made last; false (none drawn)
 * when TEXT is too long for a code or memory or SDL failed. */
bool rnd_identify_qr(struct cor_renderer *r, const char *text);
void rnd_drop_identify_qr(struct cor_renderer *r);

/* Video slides (render_video.c): each clip's size found when the renderer is made (false with
 * messages in DIAGS when a clip cannot be read), its clip closed, and its frame drawn into B. */
bool rnd_video_load(struct cor_renderer *r, struct cor_diags *diags);
void rnd_video_free(struct cor_renderer *r);
bool rnd_video_draw(struct cor_renderer *r, const struct cor_slide *slide, const struct cor_box *b);

/* Sets *TEX to the picture of SLIDE for box B (an image or a photo box), made now when the cache
 * does not hold it. *TEX is NULL when the picture cannot be shown: its file changed on disk since
 * the check, or no longer decodes, or SDL could not make its texture (logged once; the page is
 * drawn without it, and an image slide is left out from then on). True. */
bool rnd_picture(struct cor_renderer *r, const struct cor_slide *slide, const struct cor_box *b,
                 struct SDL_Texture **tex);

/* The part FROM of the ARGB8888 surface SRC, resampled to W x H (area-averaged when shrinking,
 * bilinear when growing). A new surface, or NULL. */
struct SDL_Surface *rnd_scale(struct SDL_Surface *src, struct cor_rect from, int w, int h);

/* A W x H white surface shaped as a pill (round ends), with soft edges. NULL when out of memory. */
struct SDL_Surface *rnd_pill_surface(int w, int h);

/* ---- render_pictures.c, for render_assets.c (which depends on it, never the other way) ---- */

/* A new W x H ARGB8888 surface (at least 1 x 1), or NULL; and the pixels of its row Y. */
struct SDL_Surface *rnd_new_surface(int w, int h);
uint32_t *rnd_row_of(struct SDL_Surface *s, int y);

/* Surface S (freed here; NULL gives NULL) made a texture of R's renderer, or NULL. */
struct SDL_Texture *rnd_to_texture(struct cor_renderer *r, struct SDL_Surface *s);

/* A picture file F (the WHAT: "logo", "picture") that cannot be used, said at its place in the
 * playlist with ERR; and one SDL could not make a texture of. Both return false. */
bool rnd_file_error(struct cor_diags *diags, const struct cor_file *f, const char *what,
                    const char *err);
bool rnd_gpu_error(struct cor_diags *diags, const struct cor_file *f, const char *what);

/* Every slide's picture checked side by side on the cores (rnd_checks_run, NULL when out of
 * memory), then taken slide by slide in slide order so that diagnostics keep that order
 * (rnd_checks_take: false with a diagnostic when the picture of SLIDE cannot be shown). */
struct rnd_checks;
struct rnd_checks *rnd_checks_run(struct cor_renderer *r);
bool rnd_checks_take(struct cor_renderer *r, struct rnd_checks *c, size_t slide,
                     struct cor_diags *diags);
void rnd_checks_free(struct rnd_checks *c);

/* Lets go of picture P's texture and what the cache counts for it. */
void rnd_drop_picture(struct cor_renderer *r, struct rnd_picture *p);

/* The QR texture for LINK, or NULL. */
const struct rnd_qr *rnd_find_qr(const struct cor_renderer *r, const char *link);
