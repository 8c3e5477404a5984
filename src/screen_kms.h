/* screen_kms.h: the console's side of opening the screen (SDL on KMS/DRM): which card SDL is
 * told to use, why a screen stays dark, refusing SDL's invisible displays, and noticing a
 * display plugged in or out while playing. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

struct cor_drm_state;

/* True when SDL is going to the console: SDL_VIDEODRIVER names kmsdrm, or names nothing and
 * there is no desktop session (no DISPLAY, no WAYLAND_DISPLAY). */
bool cor_kms_expected(void);

/* Before SDL starts, on the console: reads the DRM cards, logs the screen found or the reason
 * there is none (one line), and tells SDL which card has a display (SDL_KMSDRM_DEVICE_INDEX,
 * unless the environment names one). Fills OUT, when not NULL, with what it read. */
void cor_kms_before_sdl(struct cor_drm_state *out);

/* Reads the kernel's DRM state now and writes into LINE the one line that says which screen
 * there is, or why there is none (another program holding it included). Returns true when
 * there is a screen corridor may use. */
bool cor_kms_examine(char *line, size_t size);

/* After SDL could not show anything: logs the one line that says why, read again from the
 * kernel (another program holding the display included). */
void cor_kms_explain_failure(void);

/* True (logged, with what to do instead) when SDL chose VIDEO, an invisible display
 * ("offscreen", "dummy"), without SDL_VIDEODRIVER naming it. */
bool cor_kms_refuse_invisible(const char *video);

/* Reads the DRM cards and connectors now into OUT, quietly. */
void cor_kms_read(struct cor_drm_state *out);

/* True when the DRM state read now differs from AT_START in its connectors (logged, with what
 * changed); AT_START is then updated. */
bool cor_kms_displays_changed(struct cor_drm_state *at_start);

/* How the screen is drawn on SDL's video driver VIDEO, with SDL_RENDER_DRIVER set to NAMED
 * (NULL or "": unset). Pure. */
struct cor_render_plan {
    const char *driver;     /* the SDL render driver corridor asks for; NULL: NAMED, or SDL's */
    bool gles2;             /* ask for an OpenGL ES 2.0 context and vsync before the window */
    bool software_fallback; /* draw in software when no accelerated renderer starts */
    const char *why;        /* the reason, for the log */
};
struct cor_render_plan cor_render_plan_for(const char *video, const char *named);

/* True when the player should watch the connectors: on VIDEO "kmsdrm", or when a test names
 * its own DRM folders (CORRIDOR_TEST_DRM_ROOT). */
bool cor_kms_watch_wanted(const char *video);
