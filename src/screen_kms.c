/* screen_kms.c: the console's side of opening the screen: the DRM card SDL uses, the one line
 * that says why a screen stays dark, and SDL's invisible displays refused. */
#include "screen_kms.h"

#include <SDL.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "drm.h"
#include "log.h"

#define TAG "screen"

/* Where the kernel's DRM folders are: /sys and /dev, or a test's own copies under
 * CORRIDOR_TEST_DRM_ROOT (ROOT/sys, ROOT/dev). */
static void roots(char *sys, char *dev, size_t size)
{
    const char *test = getenv("CORRIDOR_TEST_DRM_ROOT");
    if (test && *test) {
        snprintf(sys, size, "%s/sys", test);
        snprintf(dev, size, "%s/dev", test);
    } else {
        snprintf(sys, size, "/sys");
        snprintf(dev, size, "/dev");
    }
}

static void read_state(struct cor_drm_state *s, struct cor_drm_user *who, char *dev,
                       size_t dev_size)
{
    char sys[1024];
    roots(sys, dev, dev_size);
    cor_drm_user_self(who);
    cor_drm_read(sys, dev, who, s);
}

/* True when the comma-separated list LIST names WORD (SDL reads SDL_VIDEODRIVER so too). */
static bool names(const char *list, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = list; p && *p;) {
        while (*p == ',' || isspace((unsigned char)*p))
            p++;
        size_t len = strcspn(p, ",");
        while (len > 0 && isspace((unsigned char)p[len - 1]))
            len--;
        if (len == n && strncasecmp(p, word, n) == 0)
            return true;
        p += strcspn(p, ",");
    }
    return false;
}

bool cor_kms_expected(void)
{
    const char *driver = getenv("SDL_VIDEODRIVER");
    if (driver && *driver)
        return names(driver, "kmsdrm");
    const char *x = getenv("DISPLAY"), *wl = getenv("WAYLAND_DISPLAY");
    return !(x && *x) && !(wl && *wl);
}

void cor_kms_before_sdl(struct cor_drm_state *out)
{
    struct cor_drm_state local;
    struct cor_drm_state *s = out ? out : &local;
    struct cor_drm_user who;
    char dev[1024], line[1024];
    read_state(s, &who, dev, sizeof(dev));
    int card = cor_drm_choose(s);
    enum cor_drm_problem problem = cor_drm_diagnose(s, card);
    cor_drm_say(problem, s, card, &who, line, sizeof(line));
    if (problem != COR_DRM_OK) {
        /* SDL may still find a way; if not, cor_kms_explain_failure says this as an error. */
        LOG_DBG(TAG, "%s", line);
        return;
    }
    LOG_INFO(TAG, "%s", line);
    /* SDL opens the first card that works unless told: on a Pi 5 with a DSI panel the display
     * card's number can change between boots. Told, SDL uses that card or fails (it falls back
     * to no invisible display). An index in the environment (a drop-in) wins over this hint. */
    char index[16];
    snprintf(index, sizeof(index), "%d", s->cards[card].number);
    const char *env = getenv(SDL_HINT_KMSDRM_DEVICE_INDEX);
    if (env && *env) {
        LOG_INFO(TAG, "display card %s, as %s says", env, SDL_HINT_KMSDRM_DEVICE_INDEX);
        return;
    }
    SDL_SetHint(SDL_HINT_KMSDRM_DEVICE_INDEX, index);
}

bool cor_kms_examine(char *line, size_t size)
{
    struct cor_drm_state s;
    struct cor_drm_user who;
    char dev[1024];
    read_state(&s, &who, dev, sizeof(dev));
    int card = cor_drm_choose(&s);
    enum cor_drm_problem problem = cor_drm_diagnose(&s, card);
    if (problem == COR_DRM_OK && cor_drm_held(dev, s.cards[card].number))
        problem = COR_DRM_HELD;
    cor_drm_say(problem, &s, card, &who, line, size);
    return problem == COR_DRM_OK;
}

void cor_kms_explain_failure(void)
{
    char line[1024];
    if (cor_kms_examine(line, sizeof(line)))
        /* The kernel offers a screen that may be opened: the cause is in SDL's message (a
         * missing library, most often), logged above. */
        LOG_ERR(TAG, "%s, but SDL could not use it (its message is above); `corridor probe` "
                     "checks the libraries SDL needs",
                line);
    else
        LOG_ERR(TAG, "%s", line);
}

bool cor_kms_refuse_invisible(const char *video)
{
    if (!video || (strcmp(video, "offscreen") != 0 && strcmp(video, "dummy") != 0))
        return false;
    const char *driver = getenv("SDL_VIDEODRIVER");
    if (driver && names(driver, video))
        return false;
    cor_kms_explain_failure();
    LOG_ERR(TAG,
            "no screen to play on: this is not a desktop session (no DISPLAY or "
            "WAYLAND_DISPLAY) and no console screen could be opened, so SDL offered its "
            "invisible \"%s\" display, which corridor will not play into. Is corridor.service "
            "running (systemctl status corridor)? It holds the screen, and a second corridor "
            "cannot have it. Is a screen connected and switched on (the line above says what "
            "the kernel sees)? For a preview without a screen: corridor render PLAYLIST --at "
            "\"DATE TIME\" --out DIR. To play invisibly on purpose, set SDL_VIDEODRIVER=%s",
            video, video);
    return true;
}

void cor_kms_read(struct cor_drm_state *out)
{
    struct cor_drm_user who;
    char dev[1024];
    read_state(out, &who, dev, sizeof(dev));
}

bool cor_kms_displays_changed(struct cor_drm_state *at_start)
{
    struct cor_drm_state now;
    struct cor_drm_user who;
    char dev[1024], change[256];
    read_state(&now, &who, dev, sizeof(dev));
    if (cor_drm_same_links(at_start, &now))
        return false;
    cor_drm_say_change(at_start, &now, change, sizeof(change));
    LOG_INFO(TAG, "the displays changed (%s): starting again to use the new one", change);
    *at_start = now;
    return true;
}

/* On the console (kmsdrm): OpenGL ES 2 with an ES 2.0 context and vsync. SDL's default there is
 * desktop OpenGL, which needs libGL and GLX; the Pi's GPU is driven through OpenGL ES, and the
 * software renderer is no way out: it still presents through EGL, and without vsync it flips
 * whenever it likes, which garbles Pi 5 and DSI screens. Elsewhere (a desktop, or the invisible
 * displays the tests name) SDL's accelerated renderer with vsync, else software, which X and
 * Wayland show without GL. What SDL_RENDER_DRIVER names comes first everywhere. */
struct cor_render_plan cor_render_plan_for(const char *video, const char *named)
{
    bool kms = video && strcmp(video, "kmsdrm") == 0;
    bool has_named = named && *named;
    struct cor_render_plan plan = {.software_fallback = !kms};
    if (has_named) {
        plan.gles2 = kms && strcasecmp(named, "opengles2") == 0;
        plan.why = "named by SDL_RENDER_DRIVER";
    } else if (kms) {
        plan.driver = "opengles2";
        plan.gles2 = true;
        plan.why = "the console presents through EGL and the GPU is driven through OpenGL ES "
                   "(an ES 2.0 context, vsync)";
    } else {
        plan.why = "SDL's accelerated renderer";
    }
    return plan;
}

bool cor_kms_watch_wanted(const char *video)
{
    const char *test = getenv("CORRIDOR_TEST_DRM_ROOT");
    return (video && strcmp(video, "kmsdrm") == 0) || (test && *test);
}
