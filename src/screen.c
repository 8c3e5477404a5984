/* screen.c: starting SDL and opening the window, renderer and page textures for the player. */
#include "screen.h"

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "drm.h"
#include "log.h"
#include "present.h"
#include "screen_kms.h"
#include "screen_x11.h"

#define TAG "screen"

#define NS_PER_MS 1000000LL
#define NS_PER_S  1000000000LL

/* Keeps SDL's start on X from two things a signage player never uses, which took 5 to 10 ms of
 * every start, and one of which could start a process of its own:
 * - the input method's table of compose sequences, half a megabyte of text parsed for typing
 *   accented letters (corridor reads keys, never text), unless one is named;
 * - D-Bus (input methods, screen saver requests) where there is no session bus to talk to, in
 *   which case libdbus would try to launch a bus daemon for the display. Where a session bus is
 *   known, from the environment or in the usual place, SDL still uses it.
 * Set before SDL or any thread starts, and only where unset. */
static void quiet_start(void)
{
    setenv("XCOMPOSEFILE", "/dev/null", 0); /* 0: a name the user gave stays */
    if (getenv("DBUS_SESSION_BUS_ADDRESS"))
        return;
    const char *run = getenv("XDG_RUNTIME_DIR");
    char bus[4096];
    struct stat st;
    if (run && run[0] && snprintf(bus, sizeof(bus), "%s/bus", run) < (int)sizeof(bus) &&
        stat(bus, &st) == 0 && S_ISSOCK(st.st_mode))
        return;
    setenv("DBUS_SESSION_BUS_ADDRESS", "disabled:", 0);
}

static int touch_frame(void *data)
{
    SDL_Surface *frame = data;
    memset(frame->pixels, 0, (size_t)frame->pitch * (size_t)frame->h);
    return 0;
}

/* SDL's software renderer draws straight into the window's frame, which on X is fresh shared
 * memory: every 4 kB page of it faults on first use. Cleared on a helper thread, that happens
 * while the playlist loads. Nothing draws, presents or reads events until cor_screen_ready, so
 * the frame stays where it is meanwhile. Asking for the frame with any other renderer would make
 * SDL allocate one, hence only for the software renderer. */
static void start_touching(struct cor_screen *s, const SDL_RendererInfo *info)
{
    if (!(info->flags & SDL_RENDERER_SOFTWARE))
        return;
    SDL_Surface *frame = SDL_GetWindowSurface(s->window);
    if (frame && !SDL_MUSTLOCK(frame) && frame->pixels)
        s->toucher = SDL_CreateThread(touch_frame, "corridor-frame", frame);
}

void cor_screen_ready(struct cor_screen *s)
{
    if (s->toucher)
        SDL_WaitThread(s->toucher, NULL);
    s->toucher = NULL;
}

/* The renderer PLAN asks for (screen_kms.c: OpenGL ES 2 on the console, with no software
 * fallback there); *WHY says why, for the log. */
static SDL_Renderer *make_renderer(SDL_Window *window, const struct cor_render_plan *plan,
                                   const char **why)
{
    const Uint32 accelerated =
        SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC | SDL_RENDERER_TARGETTEXTURE;
    *why = plan->why;
    if (plan->driver)
        SDL_SetHint(SDL_HINT_RENDER_DRIVER, plan->driver);
    SDL_Renderer *r = SDL_CreateRenderer(window, -1, accelerated);
    if (!r && plan->software_fallback) {
        LOG_WARN(TAG, "no accelerated renderer (%s); drawing in software", SDL_GetError());
        *why = "no accelerated renderer: the software one, which this display shows without GL";
        r = SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE | SDL_RENDERER_TARGETTEXTURE);
    }
    return r;
}

bool cor_screen_open(struct cor_screen *s, int window_w, int window_h, int rotate, bool allow_quit)
{
    quiet_start();
    /* On the console, before SDL looks: which card has a display, or why none has. */
    bool console = cor_kms_expected();
    if (console) {
        s->displays = malloc(sizeof(*s->displays));
        if (!s->displays) {
            LOG_ERR(TAG, "out of memory");
            return false;
        }
        cor_kms_before_sdl(s->displays);
    }
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        LOG_ERR(TAG, "cannot open the display: %s", SDL_GetError());
        if (console)
            cor_kms_explain_failure();
        return false;
    }
    const char *video = SDL_GetCurrentVideoDriver();
    if (cor_kms_refuse_invisible(video))
        return false;
    bool kms = video && strcmp(video, "kmsdrm") == 0;
    struct cor_render_plan plan = cor_render_plan_for(video, getenv("SDL_RENDER_DRIVER"));
    if (plan.gles2) {
        SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
        SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 2);
        SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
        SDL_SetHint(SDL_HINT_RENDER_VSYNC, "1");
    }
    if (cor_kms_watch_wanted(video)) {
        if (!s->displays) {
            s->displays = malloc(sizeof(*s->displays));
            if (s->displays)
                cor_kms_read(s->displays);
        }
        if (s->displays)
            s->displays_every_ns = 2 * NS_PER_S;
    }
    if (TTF_Init() != 0) {
        LOG_ERR(TAG, "cannot start the font library: %s", TTF_GetError());
        return false;
    }
    if ((IMG_Init(IMG_INIT_PNG) & IMG_INIT_PNG) == 0)
        LOG_WARN(TAG, "PNG support did not start: %s", IMG_GetError());
    bool windowed = window_w > 0 && window_h > 0;
    /* On X, a borderless window marked full screen before it is shown (screen_x11.c): SDL's own
     * full screen there waits 100 ms for the window manager at every start. */
    bool x11 = !windowed && video && strcmp(video, "x11") == 0 && cor_x11_available();
    Uint32 flags = windowed ? 0
                   : x11    ? SDL_WINDOW_BORDERLESS | SDL_WINDOW_HIDDEN
                            : SDL_WINDOW_FULLSCREEN_DESKTOP;
    /* Full screen asks for the display's own size too: on an X server with no window manager a
     * 0x0 request stays a 1x1 window. */
    SDL_Rect at = {SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, window_w, window_h};
    if (!windowed && SDL_GetDisplayBounds(0, &at) != 0)
        at = (SDL_Rect){SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, 0, 0};
    s->window = SDL_CreateWindow("corridor", at.x, at.y, at.w, at.h, flags);
    if (!s->window) {
        LOG_ERR(TAG, "cannot open a window on the display: %s", SDL_GetError());
        if (kms)
            cor_kms_explain_failure();
        return false;
    }
    const char *why = "";
    s->sdl = make_renderer(s->window, &plan, &why);
    if (!s->sdl) {
        if (plan.gles2)
            LOG_ERR(TAG, "cannot draw with OpenGL ES 2 on the console: %s (`corridor probe` "
                         "checks the libraries it needs)",
                    SDL_GetError());
        else
            LOG_ERR(TAG, "cannot draw on the display: %s", SDL_GetError());
        if (kms)
            cor_kms_explain_failure();
        return false;
    }
    if (x11) {
        /* Only now: an OpenGL renderer makes SDL create the X window again. */
        if (!cor_x11_ask_fullscreen(s->window)) {
            LOG_WARN(TAG, "cannot mark the window full screen (%s); asking SDL instead",
                     SDL_GetError());
            SDL_SetWindowFullscreen(s->window, SDL_WINDOW_FULLSCREEN_DESKTOP);
        }
        SDL_ShowWindow(s->window);
    }
    if (!windowed)
        SDL_ShowCursor(SDL_DISABLE);
    SDL_DisableScreenSaver();
    s->present = cor_present_create(s->sdl, rotate, &s->w, &s->h);
    if (!s->present)
        return false;
    SDL_DisplayMode mode;
    int display = SDL_GetWindowDisplayIndex(s->window);
    s->refresh_ns = NS_PER_S / 60;
    if (display >= 0 && SDL_GetCurrentDisplayMode(display, &mode) == 0 && mode.refresh_rate > 0)
        s->refresh_ns = NS_PER_S / mode.refresh_rate;

    SDL_RendererInfo info;
    if (SDL_GetRendererInfo(s->sdl, &info) == 0) {
        bool vsync = info.flags & SDL_RENDERER_PRESENTVSYNC;
        LOG_INFO(TAG, "display %s, %s renderer, pages %dx%d at %.0f Hz, turned %d degrees",
                 video ? video : "?", info.name, s->w, s->h, (double)NS_PER_S / s->refresh_ns,
                 rotate);
        if (kms && !vsync)
            LOG_WARN(TAG, "%s renderer without vsync (%s): fades may tear", info.name, why);
        else
            LOG_INFO(TAG, "%s renderer%s: %s", info.name, vsync ? " with vsync" : "", why);
        start_touching(s, &info);
    }
    /* poll() cannot see SDL's own input descriptors, so where keys matter SDL is asked on a
     * timer: often in a preview window, seldom on a desktop (which pings unresponsive
     * windows), and not at all on the console unless keys may quit. */
    bool desktop = video && (strcmp(video, "x11") == 0 || strcmp(video, "wayland") == 0);
    if (windowed)
        s->input_every_ns = 50 * NS_PER_MS;
    else if (allow_quit)
        s->input_every_ns = 100 * NS_PER_MS;
    else if (desktop)
        s->input_every_ns = NS_PER_S;
    return true;
}

bool cor_screen_displays_changed(struct cor_screen *s)
{
    return s->displays && cor_kms_displays_changed(s->displays);
}

void cor_screen_close(struct cor_screen *s)
{
    cor_screen_ready(s);
    free(s->displays);
    s->displays = NULL;
    if (s->cur)
        SDL_DestroyTexture(s->cur);
    if (s->spare)
        SDL_DestroyTexture(s->spare);
    cor_present_free(s->present);
    if (s->sdl)
        SDL_DestroyRenderer(s->sdl);
    if (s->window)
        SDL_DestroyWindow(s->window);
    IMG_Quit();
    if (TTF_WasInit())
        TTF_Quit();
    SDL_Quit();
}
