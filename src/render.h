/* render.h: the only module that draws: slide pages, the fallback slide and transitions, through
 * SDL_Render* and SDL_ttf, from the typed model and the schedule. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "model.h"
#include "video.h"

struct SDL_Renderer;
struct SDL_Surface;
struct SDL_Texture;

/* What a renderer draws for one playlist on one screen: its fonts, decoded images, QR codes. */
struct cor_renderer;

/* Prepares everything PLAYLIST needs on a W x H screen drawn by SDL (fonts found, logo and QR
 * codes made, every picture and photo checked: decoded, or decoded before by an earlier renderer
 * and unchanged on disk since). Returns NULL with messages in DIAGS when anything the playlist
 * names cannot be used, so a player can keep its old playlist. Pictures become textures when a
 * page needs them (see cor_renderer_picture_bytes). PLAYLIST must outlive the renderer. Free with
 * cor_renderer_free. */
struct cor_renderer *cor_renderer_create(struct SDL_Renderer *sdl,
                                         const struct cor_playlist *playlist, int w, int h,
                                         struct cor_diags *diags);
void cor_renderer_free(struct cor_renderer *r);

/* Whether SLIDE can be shown: false for an image slide whose picture was changed on disk since
 * the playlist was checked and no longer decodes (logged once; the slide is left out until a
 * playlist loads again), so a screen never shows an image slide without its picture. A picture
 * whose file is as it was checked costs a stat; one that changed is decoded again to know. */
bool cor_renderer_can_show(struct cor_renderer *r, const struct cor_slide *slide);

/* Video slides' clips. UP (the slide on screen, or NULL) is drawn UP_MS after it went up; NEXT's
 * clip is opened now, so that its first frame is decoded before it comes up; every other clip is
 * closed. A slide's clip not opened ahead is opened when it is first drawn, which waits up to 3 s
 * for its first frame, or 150 ms once this was called (a player, which must keep time). */
void cor_renderer_clips(struct cor_renderer *r, const struct cor_slide *up, int64_t up_ms,
                        const struct cor_slide *next);
/* SLIDE comes up again: its clip starts over (unless it was opened ahead and not yet played). */
void cor_renderer_clip_restart(struct cor_renderer *r, const struct cor_slide *slide);
/* How SLIDE's clip plays after its last draw: *NEXT_MS when its next frame is due (time into the
 * slide, -1: none will come), *DROPPED frames so far, and why it stalled or broke into WHY.
 * A slide that is not a video, or has no clip open, is COR_VIDEO_ENDED (enum in video.h). */
enum cor_video_state cor_renderer_clip_state(struct cor_renderer *r, const struct cor_slide *slide,
                                             int64_t *next_ms, unsigned *dropped, char *why,
                                             size_t size);

/* How many pages SLIDE has at NOW (sessions slides page when rows do not fit; others: 1). */
int cor_renderer_page_count(struct cor_renderer *r, const struct cor_slide *slide, cor_minute now);

/* Draws page PAGE (0-based) of SLIDE at NOW, footer and clock included, into TARGET (a texture
 * of the screen's size with SDL_TEXTUREACCESS_TARGET). SLIDE NULL draws the calm fallback slide
 * (name, logo, clock). Returns false when SDL failed (logged). */
bool cor_renderer_draw_page(struct cor_renderer *r, const struct cor_slide *slide, int page,
                            cor_minute now, struct SDL_Texture *target);

/* An urgent notice as the renderer draws it (urgent.h holds the notice itself). */
struct cor_urgent_look {
    const char *title, *body;
    bool banner; /* a band along the bottom of SLIDE's page; otherwise the whole screen */
    struct cor_color background, text;
};

/* Draws URGENT into TARGET: the whole screen, or (BANNER) page PAGE of SLIDE with the notice in
 * a band along its bottom. Returns false when SDL failed (logged). */
bool cor_renderer_draw_urgent(struct cor_renderer *r, const struct cor_slide *slide, int page,
                              cor_minute now, const struct cor_urgent_look *urgent,
                              struct SDL_Texture *target);

struct cor_identity;

/* Draws the identify page for ID (identify.h) into TARGET: the screen's name, its facts and a
 * QR code of them, in the theme's colours, with NOTE (how long the page stays; NULL: none) along
 * the bottom. Returns false when SDL failed (logged). */
bool cor_renderer_draw_identify(struct cor_renderer *r, const struct cor_identity *id,
                                const char *note, struct SDL_Texture *target);

/* Puts on the renderer's current target (NULL: the screen) FROM giving way to TO at PROGRESS
 * (0..1) with TRANSITION. PROGRESS 1, or FROM NULL, shows TO alone. */
bool cor_renderer_compose(struct cor_renderer *r, struct SDL_Texture *from, struct SDL_Texture *to,
                          enum cor_transition transition, double progress);

/* Whether the time the renderer is given can be trusted (it is, until told otherwise): while it
 * cannot, pages are drawn without the footer's time and date and the fallback's clock. */
void cor_renderer_set_clock_trusted(struct cor_renderer *r, bool trusted);

/* Screen size the renderer was made for. */
void cor_renderer_size(const struct cor_renderer *r, int *w, int *h);

/* Bytes of picture textures (image slides, photos; not the logo) R holds now. Pictures are kept,
 * least recently drawn dropped first, within one screenful of pixels (W x H x 4), except that the
 * picture of the page being drawn is never dropped. */
size_t cor_renderer_picture_bytes(const struct cor_renderer *r);

/* How many slide pictures and photos renderers have decoded since the program started: a new
 * renderer for a playlist whose pictures did not change decodes none. */
unsigned cor_render_decodes(void);

/* Forgets the pictures renderers have checked, which are remembered between renderers so that a
 * reload does not decode unchanged files again. Call at exit, after the last renderer is freed. */
void cor_render_shutdown(void);

/* A contact sheet: the N page pictures PAGES (ARGB8888, the screen's size) as thumbnails in a
 * grid, each with its label under it (LABELS[i]; a newline splits a bold first line from a
 * second). Returns a new surface (free with SDL_FreeSurface), or NULL when out of memory. */
struct SDL_Surface *cor_renderer_contact_sheet(struct cor_renderer *r,
                                               struct SDL_Surface *const *pages,
                                               const char *const *labels, size_t n);

/* After a page of SLIDE was drawn with R: when it held a character no installed font has, not
 * said before by R, writes "FILE:LINE: the body of slide 2 (text) has the character U+1F4A7 ..."
 * into BUF (SIZE bytes) and returns true, for the player's log; false otherwise. */
bool cor_renderer_missing_character(struct cor_renderer *r, const struct cor_slide *slide,
                                    char *buf, size_t size);

/* Adds a warning to DIAGS for each slide of PLAYLIST whose text fits at NOW only cut short at the
 * smallest readable size on one of the N_SIZES screens SIZES ({w, h}; at most 4): one warning per
 * slide, at the line of the words that are cut ("the body of slide 3 (text) will not fit at a
 * readable size on a 1920x1080 and 1080x1920 screen ..."), and one at `footer:` when the footer
 * is cut on any of them, with how many of its characters fit. Needs no display (it starts
 * SDL_ttf itself). Returns false, with an error in DIAGS, when the theme's font cannot be
 * opened. */
bool cor_render_check_fit(const struct cor_playlist *playlist, const int (*sizes)[2],
                          size_t n_sizes, cor_minute now, struct cor_diags *diags);
