/* player_power.c: the player's side of the screen's power: which devices it has, what the
 * playlist's power schedule wants now, and when to look again. */
#include <SDL.h>
#include <SDL_syswm.h>
#include <stdint.h>
#include <string.h>

#include "cec.h"
#include "clock.h"
#include "dpms.h"
#include "log.h"
#include "player_priv.h"
#include "power_schedule.h"
#include "powerctl.h"

#define TAG "power"

/* Where the console's CEC adapters are; tests name a folder of their own. */
static const char *cec_root(void)
{
    const char *root = getenv("CORRIDOR_TEST_CEC_ROOT");
    return root && *root ? root : "/dev";
}

/* The DRM descriptor SDL's KMS/DRM backend holds, or -1 (a desktop, the dummy driver). */
static int sdl_drm_fd(SDL_Window *window)
{
    SDL_SysWMinfo info;
    SDL_VERSION(&info.version);
    if (!window || !SDL_GetWindowWMInfo(window, &info))
        return -1;
#if SDL_VERSION_ATLEAST(2, 0, 15)
    if (info.subsystem == SDL_SYSWM_KMSDRM)
        return info.info.kmsdrm.drm_fd;
#endif
    return -1;
}

void player_power_open(struct player *p, const struct cor_powerctl_hooks *hooks)
{
    struct cor_cec *cec = NULL;
    struct cor_dpms *dpms = NULL;
    if (p->opts->never_sleep) {
        LOG_INFO(TAG, "never_sleep is set: this screen stays on, whatever the playlist's "
                      "power schedule says");
    } else {
        int card = -1;
        uint32_t connector = 0;
        int fd = sdl_drm_fd(p->scr.window);
        if (fd >= 0)
            dpms = cor_dpms_open_drm(fd, &card, &connector);
        if (fd >= 0 || getenv("CORRIDOR_TEST_CEC_ROOT"))
            cec = cor_cec_open(cec_root(), card, connector);
    }
    cor_powerctl_init(&p->power, cec, dpms, hooks);
    p->power_change_sim = INT64_MAX;
    p->power_resend_sim = INT64_MAX;
}

void player_power_close(struct player *p)
{
    cor_powerctl_free(&p->power);
}

bool player_power_off(const struct player *p)
{
    return cor_powerctl_off(&p->power);
}

void player_power_judge(struct player *p)
{
    const struct cor_playlist *pl = p->show->playlist;
    int64_t now_s = p->wall_ms >= 0 ? p->wall_ms / 1000 : (p->wall_ms - 999) / 1000;
    if (!p->power_memo.valid || p->power_memo.at_s != now_s ||
        p->power_memo.generation != p->generation || p->power_memo.trusted != p->trusted) {
        cor_power_plan_at(pl, p->screen, now_s, p->trusted, &p->power_memo.plan);
        p->power_memo.at_s = now_s;
        p->power_memo.generation = p->generation;
        p->power_memo.trusted = p->trusted;
        p->power_memo.valid = true;
    }
    const struct cor_power_plan plan = p->power_memo.plan;
    bool managed = !p->opts->never_sleep && cor_power_for_screen(pl, p->screen) != NULL;
    bool on = plan.want == COR_POWER_WANT_ON;
    const char *why = plan.why;
    if (!on && player_urgent_up(p, false)) {
        on = true; /* an urgent notice wakes the screen, and keeps it on while it is up */
        why = "screen on for the urgent notice";
    }
    int64_t next_ms = plan.next_change == INT64_MAX ? 0 : plan.next_change * 1000;
    /* During a fade only a change is acted on: sending the same state again (and waiting for the
     * TV's answer) waits for the fade to end. */
    if (p->in_transition && on == !player_power_off(p))
        return;
    if (cor_powerctl_update(&p->power, on, managed, why, next_ms, p->wall_ms))
        p->status_dirty = true;
    else if (p->power.report.sent_ms == p->wall_ms)
        p->status_dirty = true; /* sent again: the TV's answer may be new */
    p->power_change_sim =
        managed && next_ms ? cor_timebase_sim_of_wall(&p->tb, next_ms) : INT64_MAX;
    if (p->power_change_sim != INT64_MAX && p->power_change_sim <= p->now_sim)
        p->power_change_sim = p->now_sim + 1000; /* never a deadline in the past: that spins */
    int64_t resend = cor_powerctl_resend_due(&p->power);
    p->power_resend_sim = resend == INT64_MAX ? INT64_MAX : cor_timebase_sim_of_wall(&p->tb, resend);
}
