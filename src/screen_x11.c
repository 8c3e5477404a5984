/* screen_x11.c: full screen on an X server, asked for before the window is shown.
 *
 * SDL's own full screen on X sends the window manager a request once the window is mapped and
 * then polls for up to 100 ms until the window has moved twice and changed size; a window that
 * is already the size of the screen never does, so every start (and every stop) waited the whole
 * 100 ms. The EWMH lets a client set _NET_WM_STATE on a window before mapping it instead, which
 * window managers honour when they map it, and which needs no wait. */
#include "screen_x11.h"

#include <SDL.h>

#ifdef COR_HAVE_X11
#include <SDL_syswm.h>
#include <X11/Xatom.h>
#include <X11/Xlib.h>

bool cor_x11_available(void)
{
    return true;
}

bool cor_x11_ask_fullscreen(SDL_Window *window)
{
    SDL_SysWMinfo info;
    SDL_VERSION(&info.version);
    if (!SDL_GetWindowWMInfo(window, &info))
        return false;
    if (info.subsystem != SDL_SYSWM_X11) {
        SDL_SetError("not an X window");
        return false;
    }
    Display *dpy = info.info.x11.display;
    Atom state = XInternAtom(dpy, "_NET_WM_STATE", False);
    Atom full = XInternAtom(dpy, "_NET_WM_STATE_FULLSCREEN", False);
    if (state == None || full == None) {
        SDL_SetError("the X server has no atoms for full screen");
        return false;
    }
    XChangeProperty(dpy, info.info.x11.window, state, XA_ATOM, 32, PropModeReplace,
                    (const unsigned char *)&full, 1);
    XFlush(dpy);
    return true;
}

#else

bool cor_x11_available(void)
{
    return false;
}

bool cor_x11_ask_fullscreen(SDL_Window *window)
{
    (void)window;
    SDL_SetError("built without X support");
    return false;
}

#endif
