/* player_identify.c: the identify page on the player's screen (`identify` in corridor.conf,
 * `--identify`): who this screen is, instead of the playlist, until corridor restarts without it
 * or for `identify_for` after it started; the addresses are read again every few seconds, since
 * a Pi often starts before its network has an address. */
#include <stdio.h>
#include <string.h>

#include "identify.h"
#include "log.h"
#include "player_priv.h"
#include "render.h"

#define TAG "player"

/* How often the addresses are read again while the page is up. */
#define RECHECK_NS (5 * 1000000000LL)

static void log_identity(const struct cor_identity *id, const char *what)
{
    char addrs[COR_IDENTITY_MAX_ADDRS * (COR_IDENTITY_ADDR_LEN + 2)] = "";
    for (size_t i = 0; i < id->n_addrs; i++) {
        size_t used = strlen(addrs);
        snprintf(addrs + used, sizeof(addrs) - used, "%s%s", i ? ", " : "", id->addrs[i]);
    }
    LOG_INFO(TAG, "%s: screen '%s', host '%s', addresses %s", what, id->name, id->host,
             id->n_addrs ? addrs : "none yet");
}

/* The machine's identity now; false (logged once) when its addresses cannot be read. */
static void gather(struct player *p, struct cor_identity *id)
{
    const struct cor_playlist *pl = p->show ? p->show->playlist : NULL;
    if (!cor_identity_gather(id, p->screen, p->path, pl ? pl->name : NULL) &&
        !p->identify_unreadable) {
        cor_log_errno(COR_LOG_WARNING, TAG, "cannot read this machine's addresses");
        p->identify_unreadable = true;
    }
    if (p->opts->identify_addresses) {
        char msg[300];
        if (!cor_identity_set(id, p->opts->identify_addresses, msg, sizeof(msg)))
            LOG_WARN(TAG, "identify_addresses: %s", msg);
    }
}

void player_identify_start(struct player *p)
{
    p->identify_until_sim = INT64_MAX;
    p->identify_check_ns = INT64_MAX;
    if (!p->opts->identify) {
        if (p->opts->identify_for_s > 0)
            LOG_WARN(TAG, "identify_for is set but identify is not: no identify page");
        return;
    }
    if (p->opts->identify_for_s > 0)
        p->identify_until_sim = p->now_sim + (int64_t)(p->opts->identify_for_s * 1000);
    p->identify_check_ns = p->now_ns + RECHECK_NS;
    gather(p, &p->identity);
    log_identity(&p->identity, "identify page up");
    if (p->opts->identify_for_s > 0) {
        int min = (int)((p->opts->identify_for_s + 59) / 60);
        snprintf(p->identify_note, sizeof(p->identify_note),
                 "The playlist comes back %d minute%s after the screen started (identify_for in "
                 "/etc/corridor/corridor.conf).",
                 min, min == 1 ? "" : "s");
    } else {
        snprintf(p->identify_note, sizeof(p->identify_note),
                 "This page stays until corridor restarts with identify = no in "
                 "/etc/corridor/corridor.conf.");
    }
}

bool player_identify_up(const struct player *p)
{
    return p->opts->identify && p->now_sim + 1 < p->identify_until_sim; /* as due_sim */
}

bool player_identify_tick(struct player *p)
{
    if (!p->opts->identify || p->identify_check_ns == INT64_MAX)
        return false;
    if (!player_identify_up(p)) {
        p->identify_check_ns = INT64_MAX;
        LOG_INFO(TAG, "identify page done after %.0f s; playing the playlist",
                 p->opts->identify_for_s);
        return true;
    }
    if (p->now_ns >= p->identify_check_ns) {
        p->identify_check_ns = p->now_ns + RECHECK_NS;
        struct cor_identity fresh;
        gather(p, &fresh);
        if (!cor_identity_same(&fresh, &p->identity)) {
            p->identity = fresh;
            log_identity(&fresh, "identify page changed");
            p->need_present = true;
        }
    }
    return false;
}

bool player_identify_draw(struct player *p, struct SDL_Texture *target)
{
    /* The playlist may have been reloaded: its name is read afresh. */
    p->identity.playlist_name = p->show->playlist->name;
    return cor_renderer_draw_identify(p->show->renderer, &p->identity, p->identify_note, target);
}
