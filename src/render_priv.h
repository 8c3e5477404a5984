/* render_priv.h: what render.c shares with render_assets.c; no other module includes it. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "layout.h"
#include "model.h"
#include "schedule.h"
#include "text.h"

struct SDL_Renderer;
struct SDL_Surface;
struct SDL_Texture;
struct cor_text;

/* A slide's decoded pictures, cut and scaled to the size they are drawn at. */
struct rnd_slide {
    struct SDL_Texture *image; /* image slides */
    int image_w, image_h;      /* the decoded picture's size, for the layout */
    struct SDL_Texture *photo; /* quote slides with a photo: already round */
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
    const struct cor_playlist *pl;
    int w, h;
    struct cor_text *text;
    struct SDL_Texture *logo_footer, *logo_big;
    int logo_w, logo_h;       /* the decoded logo's size; 0 without a logo */
    struct rnd_slide *slides; /* one per playlist slide */
    struct rnd_qr *qrs;
    size_t n_qrs;
    struct rnd_pill pills[RND_PILLS];
    struct cor_session_view *views; /* scratch for cor_schedule_sessions */
    size_t views_cap;
    struct cor_cstr run; /* a NUL-terminated copy of a run */
};

/* Fills IN for SLIDE (NULL: the fallback) at NOW, page-independent. False when out of memory. */
bool rnd_input(struct cor_renderer *r, const struct cor_slide *slide, cor_minute now,
               struct cor_layout_input *in);

/* Opens the theme's font (the font file, or the family through fontconfig; DejaVu Sans when the
 * theme names none). NULL with an error in DIAGS. */
struct cor_text *rnd_open_fonts(const struct cor_playlist *pl, struct cor_diags *diags);

/* Decodes and prepares the logo, every slide's picture and photo, and the QR codes. False with
 * errors in DIAGS. */
bool rnd_load_assets(struct cor_renderer *r, struct cor_diags *diags);
void rnd_free_assets(struct cor_renderer *r);

/* The part FROM of the ARGB8888 surface SRC, resampled to W x H (area-averaged when shrinking,
 * bilinear when growing). A new surface, or NULL. */
struct SDL_Surface *rnd_scale(struct SDL_Surface *src, struct cor_rect from, int w, int h);

/* A W x H white surface shaped as a pill (round ends), with soft edges. NULL when out of memory. */
struct SDL_Surface *rnd_pill_surface(int w, int h);

/* The QR texture for LINK, or NULL. */
const struct rnd_qr *rnd_find_qr(const struct cor_renderer *r, const char *link);
