/* screen_x11.h: full screen on an X server without SDL's wait for the window manager. */
#pragma once

#include <stdbool.h>

struct SDL_Window;

/* Whether this build can ask an X server for full screen itself. */
bool cor_x11_available(void);

/* Marks the X window of WINDOW, not yet shown, as full screen (_NET_WM_STATE_FULLSCREEN), so a
 * window manager maps it full screen from the start. False (with SDL's error set) when WINDOW is
 * not an X window or this build has no X support. */
bool cor_x11_ask_fullscreen(struct SDL_Window *window);
