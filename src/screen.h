/* screen.h: the display the player draws on: SDL started, a fullscreen window (or a preview
 * window), a renderer with vsync, and the two page textures a transition needs. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

struct SDL_Window;
struct SDL_Renderer;
struct SDL_Texture;
struct cor_present;
struct cor_drm_state;

struct cor_screen {
    struct SDL_Window *window;
    struct SDL_Renderer *sdl;
    struct cor_present *present;
    int w, h;                        /* the upright page size */
    struct SDL_Texture *cur, *spare; /* during a transition only (the player makes them): the
                                      * page arriving, and the one leaving */
    int64_t refresh_ns;              /* the display's refresh period (60 Hz when unknown) */
    int64_t input_every_ns;          /* keys matter: ask SDL for input this often (0: never) */
    struct SDL_Thread *toucher;      /* touching the software frame's memory (screen.c) */
    struct cor_drm_state *displays;  /* on the console: the DRM connectors at start, to notice
                                      * a display plugged in or out (NULL elsewhere) */
    int64_t displays_every_ns;       /* look at them this often (0: never) */
};

/* Starts SDL (video, fonts, PNG) and fills S: fullscreen at the display's own resolution,
 * or a WINDOW_W x WINDOW_H preview window when both are > 0; turned by ROTATE degrees. The
 * cursor is hidden in fullscreen and the screen saver kept off. On the console (KMS/DRM) it
 * picks the card with a display and draws with OpenGL ES 2 with vsync. Returns false (logged,
 * with the reason a screen stays dark) when the display cannot be used, or when SDL offers
 * only an invisible display that SDL_VIDEODRIVER did not name; call cor_screen_close either
 * way. */
bool cor_screen_open(struct cor_screen *s, int window_w, int window_h, int rotate, bool allow_quit);
/* Waits until the screen can be drawn on: call before the first drawing. A software renderer's
 * frame is first touched on a helper thread that cor_screen_open starts, so that its page faults
 * (5 ms at 1080p) overlap loading the playlist instead of delaying the first frame. */
void cor_screen_ready(struct cor_screen *s);
/* On the console: true (logged) when a display was plugged in or out, or its card changed,
 * since the screen opened; the player then starts again so that SDL uses the new mode. */
bool cor_screen_displays_changed(struct cor_screen *s);
/* Frees what cor_screen_open made and stops SDL. */
void cor_screen_close(struct cor_screen *s);
