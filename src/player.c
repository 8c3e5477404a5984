/* player.c: the kiosk: opens the screen, plays the deck, reloads live, and sleeps in between. */
#include "player.h"

#include <SDL.h>
#include <errno.h>
#include <limits.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bgload.h"
#include "clock.h"
#include "deck.h"
#include "font.h"
#include "loop.h"
#include "notify.h"
#include "paths.h"
#include "frames.h"
#include "player_priv.h"
#include "playlog.h"
#include "present.h"
#include "reload.h"
#include "screen.h"
#include "render.h"
#include "schedule.h"
#include "status.h"
#include "timebase.h"
#include "urgent.h"
#include "watch.h"

#define TAG "player"

#define NS_PER_MS 1000000LL
#define NS_PER_S  1000000000LL
/* The watch's settle times (watch.h): after a change that may go on, the files are looked at
 * again this long after and loaded only when two looks agree; a file renamed into place is whole,
 * and the short wait only gathers the rest of a burst. */
#define COR_SETTLE_NS         (COR_WATCH_SETTLE_MS * NS_PER_MS)
#define COR_SETTLE_RENAMED_NS (COR_WATCH_SETTLE_RENAMED_MS * NS_PER_MS)
/* After the screen comes on, the display connectors are left alone this long. */
#define COR_POWER_WAKE_NS (20 * NS_PER_S)
/* Arriving this late at a page's end (a stall, a suspend) restarts timing from now. */
#define COR_LATE_MS 1000

/* ---- small helpers ------------------------------------------------------------------------ */

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static char *absolute_path(const char *path)
{
    if (path[0] == '/')
        return strdup(path);
    char cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof(cwd))) {
        cor_log_errno(COR_LOG_ERROR, TAG, "cannot read the current folder");
        return NULL;
    }
    size_t len = strlen(cwd) + 1 + strlen(path) + 1;
    char *abs = malloc(len);
    if (abs)
        snprintf(abs, len, "%s/%s", cwd, path);
    return abs;
}

static const char *zone(const struct player *p)
{
    return p->show ? p->show->playlist->timezone : NULL;
}

static int page_count(void *ctx, const struct cor_slide *slide, cor_minute now)
{
    struct player *p = ctx;
    return cor_renderer_page_count(p->show->renderer, slide, now);
}

static bool can_show(void *ctx, const struct cor_slide *slide)
{
    struct player *p = ctx;
    return cor_renderer_can_show(p->show->renderer, slide);
}

static struct cor_deck_env deck_env(struct player *p)
{
    return (struct cor_deck_env){
        .playlist = p->show->playlist,
        .screen = p->screen,
        .now = p->now_min,
        .clock_trusted = p->trusted,
        .page_count = page_count,
        .can_show = can_show,
        .ctx = p,
    };
}

/* The slide up, or NULL for the fallback. */
static const struct cor_slide *player_current_slide(struct player *p)
{
    struct cor_deck_env env = deck_env(p);
    return cor_deck_slide(&p->deck, &env);
}

/* Reads the clocks; returns true when the wall clock stepped. */
static bool read_clocks(struct player *p)
{
    p->now_ns = cor_timebase_real_ns();
    p->now_sim = cor_timebase_sim_ms(&p->tb, p->now_ns);
    int64_t before = p->wall_ms;
    bool stepped = cor_timebase_resync(&p->tb, p->now_ns);
    p->wall_ms = cor_timebase_wall_ms(&p->tb, p->now_sim);
    if (stepped)
        LOG_INFO(TAG, "the clock moved by %+.1f s; working out the schedule again",
                 (double)(p->wall_ms - before) / 1000.0);
    p->now_min = cor_clock_civil((time_t)floor_div(p->wall_ms, 1000), zone(p));
    return stepped;
}

/* Whether the wall clock can be believed: a time given on the command line is. */
static bool clock_believable(const struct player *p)
{
    return !p->opts->distrust_clock && (p->opts->has_now || p->opts->has_now_civil ||
                                        cor_clock_trusted((time_t)floor_div(p->wall_ms, 1000)));
}

/* Re-judges whether the clock can be trusted; true when that changed. */
static bool judge_clock(struct player *p)
{
    bool trusted = clock_believable(p);
    if (trusted == p->trusted)
        return false;
    p->trusted = trusted;
    if (trusted)
        LOG_INFO(TAG, "the clock looks right now; scheduled slides may play");
    else
        LOG_WARN(TAG, "the system clock looks wrong; only slides without a schedule play");
    return true;
}

static bool due_sim(const struct player *p, int64_t deadline)
{
    return deadline != INT64_MAX && p->now_sim + 1 >= deadline;
}

static bool due_ns(const struct player *p, int64_t deadline)
{
    return deadline != INT64_MAX && p->now_ns >= deadline;
}

static int64_t sim_to_ns(const struct player *p, int64_t sim)
{
    return sim == INT64_MAX ? INT64_MAX : cor_timebase_real_of_sim(&p->tb, sim);
}

static int64_t earliest(int64_t a, int64_t b)
{
    return a < b ? a : b;
}

/* ---- what is on screen -------------------------------------------------------------------- */

/* Whether the page up shows the time: the footer clock, a timetable, or the fallback. */
static bool shows_clock(struct player *p)
{
    /* An untrusted clock is not drawn, and sessions slides do not play. */
    if (!p->trusted)
        return false;
    const struct cor_slide *s = player_current_slide(p);
    return p->show->playlist->theme.clock || !s || s->type == COR_SLIDE_SESSIONS ||
           player_urgent_up(p, false);
}

static void plan_schedule(struct player *p)
{
    const char *z = zone(p);
    cor_minute next = cor_schedule_next_change(p->show->playlist, p->now_min);
    int64_t sim = cor_timebase_sim_of_wall(&p->tb, (int64_t)cor_clock_from_civil(next, z) * 1000);
    /* Never a deadline in the past: that would spin. */
    p->change_sim = sim > p->now_sim ? sim : p->now_sim + 60000;
    int64_t minute_wall = (floor_div(p->wall_ms, 60000) + 1) * 60000;
    p->minute_sim = shows_clock(p) ? cor_timebase_sim_of_wall(&p->tb, minute_wall) : INT64_MAX;
}

/* Draws the page deck D shows (the one up when D is NULL) into TARGET. */
static void draw_page(struct player *p, const struct cor_deck *d, SDL_Texture *target)
{
    struct cor_deck_env env = deck_env(p);
    if (!d)
        d = &p->deck;
    const struct cor_slide *s = cor_deck_slide(d, &env);
    cor_renderer_set_clock_trusted(p->show->renderer, p->trusted);
    /* An urgent notice wins: it is for everyone in the ward, the page only for the installer. */
    if (player_identify_up(p) && !player_urgent_up(p, false)) {
        if (!player_identify_draw(p, target)) {
            LOG_ERR(TAG, "drawing the identify page failed; drawing it again at the next frame");
            p->need_present = true;
        }
        return;
    }
    if (player_urgent_up(p, false)) {
        const struct cor_urgent *u = &p->urgent;
        struct cor_urgent_look look = {u->title, u->body, u->style == COR_URGENT_BANNER,
                                       u->background, u->text};
        if (cor_renderer_draw_urgent(p->show->renderer, s, d->page, p->now_min, &look, target))
            return;
        LOG_ERR(TAG, "drawing the urgent notice failed; drawing it again at the next frame");
        p->need_present = true;
        return;
    }
    if (!cor_renderer_draw_page(p->show->renderer, s, d->page, p->now_min, target)) {
        LOG_ERR(TAG, "drawing slide %d failed; showing the fallback slide", s ? s->index : 0);
        if (s)
            cor_renderer_draw_page(p->show->renderer, NULL, 0, p->now_min, target);
    }
    char missing[512];
    if (cor_renderer_missing_character(p->show->renderer, s, missing, sizeof(missing)))
        LOG_WARN(TAG, "%s", missing);
}

/* Whether the deck's page is out of sight: under a full urgent notice, or under the identify
 * page (which a notice of either kind takes over). */
static bool page_hidden(const struct player *p)
{
    return player_urgent_up(p, true) || (player_identify_up(p) && !player_urgent_up(p, false));
}

/* Video slides: the clip up plays from the page's start (from its first frame when FRESH: the
 * slide just came up), and the next slide's clip is opened so its first frame is ready. */
static void play_clips(struct player *p, bool fresh)
{
    struct cor_deck_env env = deck_env(p);
    const struct cor_slide *up = player_current_slide(p);
    int n = cor_deck_find(&env, p->deck.slide + 1, +1);
    const struct cor_slide *next = n >= 0 && n != p->deck.slide
                                       ? &p->show->playlist->slides[n]
                                       : NULL;
    if (fresh) {
        p->clip_said = false;
        if (up)
            cor_renderer_clip_restart(p->show->renderer, up);
    }
    int64_t t = p->now_sim - p->clip_start_sim;
    cor_renderer_clips(p->show->renderer, up, t < 0 ? 0 : t, next);
}

/* After a frame of a video slide: when its next frame is due; a clip that stalled or broke is
 * said once, in the journal and the status file, and the deck moves on from its last frame. */
static void plan_clip(struct player *p)
{
    const struct cor_slide *s = player_current_slide(p);
    p->clip_due_ns = INT64_MAX;
    /* Under a full urgent notice or the identify page the clip is not drawn: no frames to time,
     * nothing to stall. */
    if (!s || s->type != COR_SLIDE_VIDEO || p->in_transition || page_hidden(p))
        return;
    int64_t next = -1;
    char why[256] = "";
    enum cor_video_state st = cor_renderer_clip_state(p->show->renderer, s, &next, NULL, why,
                                                      sizeof(why));
    if (st == COR_VIDEO_STALLED || st == COR_VIDEO_BROKEN) {
        if (!p->clip_said) {
            p->clip_said = true;
            snprintf(p->clip_problem, sizeof(p->clip_problem), "slide %d: the video '%s' %s",
                     s->index, s->file.name, why);
            LOG_ERR(TAG, "%s; moving on from its last good frame", p->clip_problem);
            p->status_dirty = true;
            if (!p->paused && p->deck.end_ms > p->now_sim)
                p->deck.end_ms = p->now_sim;
        }
        return;
    }
    unsigned long dropped = cor_video_dropped_total();
    if (dropped != p->clip_dropped_written && p->now_ns >= p->clip_status_ns) {
        p->clip_dropped_written = dropped;
        p->clip_status_ns = p->now_ns + NS_PER_S;
        p->status_dirty = true;
    }
    if (next < 0) /* the clip has ended: its last frame stays until the slide ends */
        return;
    int64_t due = p->clip_start_sim + next;
    /* A stall is noticed even when the decoder gives nothing: look again within a second. */
    if (st == COR_VIDEO_STARTING || next <= p->now_sim - p->clip_start_sim)
        due = p->now_sim + 1000 < due ? due : p->now_sim + 20;
    p->clip_due_ns = sim_to_ns(p, due);
}

/* The two page textures a transition runs between, made when it starts; false (logged by
 * present.c) when they cannot be made, and the page is cut to instead. */
static bool hold_pages(struct player *p)
{
    if (!p->scr.cur)
        p->scr.cur = cor_present_page_texture(p->scr.present);
    if (!p->scr.spare)
        p->scr.spare = cor_present_page_texture(p->scr.present);
    return p->scr.cur && p->scr.spare;
}

/* Between transitions no page is kept: two screens' worth of memory handed back. */
static void drop_pages(struct player *p)
{
    if (p->scr.cur)
        SDL_DestroyTexture(p->scr.cur);
    if (p->scr.spare)
        SDL_DestroyTexture(p->scr.spare);
    p->scr.cur = p->scr.spare = NULL;
}

/* Puts up the deck's new page: brought in by the arriving slide's transition from LEAVING (the
 * deck before it moved), both pages drawn whole first; or cut to when LEAVING is NULL (a
 * reload, a key). */
static void put_up(struct player *p, const struct cor_deck *leaving)
{
    const struct cor_slide *s = player_current_slide(p);
    enum cor_transition t = s ? s->transition : p->show->playlist->defaults.transition;
    uint32_t ms = s ? s->transition_ms : p->show->playlist->defaults.transition_ms;
    bool was = p->in_transition;
    /* Under a full urgent notice the deck moves on unseen: nothing to fade. */
    bool fades = leaving && t != COR_TRANSITION_NONE && ms > 0 && !player_urgent_up(p, true) &&
                 !player_power_off(p) && !player_identify_up(p);
    /* A clip holds its first frame while it fades in, then plays from its start. */
    p->clip_start_sim = p->deck.start_ms + (fades ? ms : 0);
    if (!player_power_off(p)) /* while off no clip is decoded: it starts when the screen is on */
        play_clips(p, true);
    p->in_transition = fades && hold_pages(p);
    if (p->in_transition) {
        if (was) { /* interrupted: the page that was arriving leaves */
            SDL_Texture *arrived = p->scr.cur;
            p->scr.cur = p->scr.spare;
            p->scr.spare = arrived;
        } else {
            draw_page(p, leaving, p->scr.spare);
        }
        draw_page(p, NULL, p->scr.cur);
        cor_frame_clock_reset(&p->frame_clock, p->scr.refresh_ns);
    } else {
        drop_pages(p);
    }
    p->trans = t;
    p->trans_ms = ms;
    p->need_present = true;
    p->status_dirty = true;
    if (!player_identify_up(p)) /* a page under the identify page is not shown */
        player_log_page(p, player_current_slide(p));
    plan_schedule(p);
}

/* Draws what is up again in place (the minute turned, the schedule moved). */
static void redraw(struct player *p)
{
    if (p->in_transition)
        draw_page(p, NULL, p->scr.cur);
    p->need_present = true;
}

/* How far the transition has come, from its first frame; starting the clock there keeps the
 * time spent drawing both pages out of it. */
static double transition_progress(struct player *p, int64_t now_ns)
{
    int64_t sim = cor_timebase_sim_ms(&p->tb, now_ns);
    if (!p->frame_clock.started)
        p->trans_start_sim = sim;
    double progress = (double)(sim - p->trans_start_sim) / p->trans_ms;
    return progress < 0 ? 0 : progress > 1 ? 1 : progress;
}

/* Puts a frame on the screen: the transition's next step, or the page up drawn afresh. */
static void present_frame(struct player *p)
{
    if (player_power_off(p)) { /* presents held: the black frame stays until the screen is on */
        p->need_present = false;
        return;
    }
    int64_t t0 = cor_timebase_real_ns();
    double progress = p->in_transition ? transition_progress(p, t0) : 1.0;
    if (!p->in_transition) {
        /* A full urgent notice (or the identify page) that hid a clip went down: the clip starts
         * again from its first frame, rather than from a decoder left behind where it came up. */
        bool hidden = page_hidden(p);
        if (p->clip_hidden && !hidden)
            p->clip_start_sim = p->now_sim;
        play_clips(p, p->clip_hidden && !hidden);
        p->clip_hidden = hidden;
    }
    if (cor_present_begin(p->scr.present)) {
        if (p->in_transition)
            cor_renderer_compose(p->show->renderer, p->scr.spare, p->scr.cur, p->trans, progress);
        else
            draw_page(p, NULL, cor_present_target(p->scr.present));
        cor_present_end(p->scr.present);
    }
    p->frames++;
    p->last_frame_ms = p->wall_ms;
    p->need_present = false;
    if (!p->in_transition) {
        plan_clip(p);
        return;
    }
    cor_frame_clock_mark(&p->frame_clock, t0);
    int64_t t1 = cor_timebase_real_ns();
    cor_frame_stats_add(&p->frame_stats, t1 - t0);
    p->frame_due_ns = cor_frame_clock_next(&p->frame_clock, t1);
    if (progress >= 1.0) {
        p->in_transition = false;
        drop_pages(p);
        p->need_present = player_current_slide(p) &&
                          player_current_slide(p)->type == COR_SLIDE_VIDEO;
    }
}

/* Moves the deck DIR pages on; MANUAL moves (keys) cut at once and time from now. */
static void advance(struct player *p, int dir, bool manual)
{
    struct cor_deck_env env = deck_env(p);
    int64_t start = p->deck.end_ms;
    if (manual || start == INT64_MAX || p->now_sim - start > COR_LATE_MS)
        start = p->now_sim;
    struct cor_deck leaving = p->deck;
    if (cor_deck_step(&p->deck, &env, dir, start) == COR_DECK_MOVED)
        put_up(p, manual ? NULL : &leaving);
    else
        p->status_dirty = true; /* the same page stays, with a new end */
}

/* The schedule, the clock or its trust changed: keep or replace what is up. */
static void revalidate(struct player *p)
{
    struct cor_deck_env env = deck_env(p);
    struct cor_deck leaving = p->deck;
    enum cor_deck_change c = cor_deck_revalidate(&p->deck, &env, p->now_sim);
    if (c == COR_DECK_MOVED) {
        put_up(p, &leaving);
    } else {
        redraw(p);
        p->status_dirty = true;
        plan_schedule(p);
    }
}

/* ---- the screen's power ------------------------------------------------------------------- */

/* The screen goes off: after the TV's Standby and DPMS off, one black frame, then nothing. */
static void power_black(void *ctx)
{
    struct player *p = ctx;
    p->in_transition = false;
    drop_pages(p);
    cor_renderer_clips(p->show->renderer, NULL, 0, NULL); /* every clip closed, none decoding */
    p->clip_due_ns = INT64_MAX;
    if (cor_present_black(p->scr.present))
        p->frames++;
    p->need_present = false;
    p->status_dirty = true;
}

/* The screen comes on: the deck starts again from the schedule of now, drawn whole. */
static void power_redraw(void *ctx)
{
    struct player *p = ctx;
    struct cor_deck_env env = deck_env(p);
    cor_deck_start(&p->deck, &env, 0, p->now_sim);
    put_up(p, NULL);
    present_frame(p);
    /* A TV that dropped hot-plug in standby raises it again some seconds after waking: that is
     * no display plugged in, to start again for. */
    if (p->scr.displays_every_ns > 0)
        p->displays_ns = p->now_ns + COR_POWER_WAKE_NS;
}

/* ---- status, screenshots ------------------------------------------------------------------ */

static void screenshot(struct player *p)
{
    if (!p->opts->screenshot_path) {
        LOG_WARN(TAG, "no screenshot taken: start corridor with --screenshot FILE");
        return;
    }
    if (!p->shots_ok)
        return;
    if (player_power_off(p)) {
        LOG_INFO(TAG, "no screenshot taken: the screen is off for the night (power)");
        return;
    }
    /* The page up (the arriving one during a transition), drawn into a page of its own. */
    SDL_Texture *page = p->in_transition ? p->scr.cur : cor_present_page_texture(p->scr.present);
    if (!page)
        return;
    if (!p->in_transition)
        draw_page(p, NULL, page);
    if (cor_present_screenshot(p->scr.present, page, p->opts->screenshot_path))
        LOG_INFO(TAG, "screenshot written to %s", p->opts->screenshot_path);
    if (page != p->scr.cur)
        SDL_DestroyTexture(page);
}

/* ---- the urgent notice -------------------------------------------------------------------- */

bool player_urgent_up(const struct player *p, bool full)
{
    return p->urgent_state == COR_URGENT_UP && (!full || p->urgent.style == COR_URGENT_FULL);
}

static void watch_urgent(struct player *p)
{
    char txt[PATH_MAX], yaml[PATH_MAX];
    snprintf(txt, sizeof(txt), "%s/%s", p->dir, COR_URGENT_TXT);
    snprintf(yaml, sizeof(yaml), "%s/%s", p->dir, COR_URGENT_YAML);
    const char *files[] = {txt, yaml};
    if (!cor_watch_set(p->urgent_watch, files, 2, false))
        LOG_ERR(TAG, "out of memory; the urgent notice files are not watched");
}

/* Cuts at once to what is up now (no fade): a notice coming, changing or going. */
static void cut_to_now(struct player *p)
{
    p->in_transition = false;
    drop_pages(p);
    p->need_present = true;
    p->status_dirty = true;
    plan_schedule(p);
}

/* Judges the notice at this minute on this screen; cuts when whether it is up changed. */
static void judge_urgent(struct player *p, bool changed)
{
    enum cor_urgent_state was = p->urgent_state;
    p->urgent_state = cor_urgent_state(&p->urgent, p->screen, p->now_min);
    bool up = p->urgent_state == COR_URGENT_UP;
    p->urgent_until_sim = INT64_MAX;
    if (up && p->urgent.has_until) {
        int64_t wall = (int64_t)cor_clock_from_civil(p->urgent.until, zone(p)) * 1000;
        p->urgent_until_sim = cor_timebase_sim_of_wall(&p->tb, wall);
    }
    if (up && was != COR_URGENT_UP) {
        p->urgent_since_ms = p->wall_ms;
        LOG_INFO(TAG, "urgent notice up from %s: '%s'%s%s", p->urgent.path, p->urgent.title,
                 p->urgent.style == COR_URGENT_BANNER ? " (a banner)" : "",
                 p->urgent.has_until ? " until its `until`" : "");
        cor_notify_status("urgent notice up");
    } else if (!up && was == COR_URGENT_UP) {
        const char *why = p->urgent_state == COR_URGENT_ENDED       ? "its `until` passed"
                          : p->urgent_state == COR_URGENT_ELSEWHERE ? "it names other screens"
                                                                   : "its file was removed or emptied";
        LOG_INFO(TAG, "urgent notice down (%s); back to the deck", why);
        p->urgent_since_ms = 0;
    } else if (!changed) {
        return;
    }
    cut_to_now(p);
    if (!up && was == COR_URGENT_UP && !player_identify_up(p)) /* back to the page, if seen */
        player_log_page(p, player_current_slide(p));
}

/* Reads the notice files again; a mistake in urgent.yaml is logged once, and never hides it. */
static void read_urgent(struct player *p)
{
    p->urgent_settle_ns = INT64_MAX;
    p->urgent_settling = false;
    struct cor_urgent fresh;
    if (!cor_urgent_read(p->dir, &fresh)) {
        cor_urgent_free(&fresh);
        LOG_ERR(TAG, "out of memory reading the urgent notice; trying again");
        p->urgent_settle_ns = p->now_ns + COR_SETTLE_NS;
        return;
    }
    if (cor_urgent_same(&fresh, &p->urgent)) {
        cor_urgent_free(&fresh);
        return;
    }
    if (fresh.problem && (!p->urgent.problem || strcmp(fresh.problem, p->urgent.problem) != 0))
        LOG_WARN(TAG, "%s", fresh.problem);
    bool was_up = p->urgent_state == COR_URGENT_UP;
    cor_urgent_free(&p->urgent);
    p->urgent = fresh;
    if (was_up && p->urgent.present)
        LOG_INFO(TAG, "urgent notice changed: '%s'", p->urgent.title);
    judge_urgent(p, true);
}

/* ---- reloading ---------------------------------------------------------------------------- */

/* Watches the show's files; while BROKEN, the playing show's files and the playlist, and any
 * name in their folders (the fix may name a file not known yet). */
static void watch_files(struct player *p, bool broken)
{
    const struct cor_playlist *pl = p->show->playlist;
    size_t n = p->show->builtin ? 0 : pl->n_files;
    const char **files = malloc((n + 1) * sizeof(*files));
    if (!files) {
        LOG_ERR(TAG, "out of memory; the watched files stay as they were");
        return;
    }
    size_t k = 0;
    bool has_playlist = false;
    for (size_t i = 0; i < n; i++) {
        files[k++] = pl->files[i];
        has_playlist |= strcmp(pl->files[i], p->path) == 0;
    }
    if (!has_playlist)
        files[k++] = p->path;
    if (!cor_watch_set(p->watch, files, k, broken))
        LOG_ERR(TAG, "out of memory; the watched files stay as they were");
    free(files);
    p->status_ok = player_output_allowed(p, p->opts->status_path, "status file");
    p->shots_ok = player_output_allowed(p, p->opts->screenshot_path, "screenshot");
    p->metrics_ok = player_output_allowed(p, p->opts->metrics_path, "metrics file");
    p->playlog_ok = player_output_allowed(p, p->opts->play_log_path, "play log");
}

static struct cor_load_options load_options(struct player *p)
{
    return (struct cor_load_options){
        .check_files = true,
        .decode_images = false,
        .allow_dirs = p->opts->allow_dirs,
        .has_now = p->trusted,
        .now = p->now_min,
    };
}

static void log_report(const struct cor_reload_report *r)
{
    for (size_t i = 0; i < r->n_errors; i++)
        LOG_ERR(TAG, "%s", r->errors[i]);
    for (size_t i = 0; i < r->n_warnings; i++)
        LOG_WARN(TAG, "%s", r->warnings[i]);
}

/* True when R holds the same errors as the failed report before it: nothing new to log. */
static bool same_failure(const struct cor_reload_report *r, bool was_ok, char **old, size_t n_old)
{
    if (r->ok || was_ok || r->n_errors != n_old)
        return false;
    for (size_t i = 0; i < n_old; i++)
        if (strcmp(r->errors[i], old[i]) != 0)
            return false;
    return true;
}

/* The playlist PL (NULL: refused, with DIAGS saying why) was read and checked: its renderer is
 * made here, on the drawing thread, and the bundle swapped in whole, or the old one kept. */
static void reload_finished(struct player *p, struct cor_playlist *pl, struct cor_diags *diags_in)
{
    int64_t t0 = p->load_started_ns;
    struct cor_diags diags = *diags_in;
    struct cor_bundle *show = cor_bundle_make(pl, p->scr.sdl, p->scr.w, p->scr.h, &diags);
    /* Keep the last failure's messages, so an unchanged failure is not logged again each time
     * its folder changes. */
    struct cor_reload_report before = p->report;
    p->report = (struct cor_reload_report){0};
    cor_reload_report_set(&p->report, &diags, show != NULL, p->wall_ms);
    cor_diags_free(&diags);
    bool repeated = same_failure(&p->report, before.ok, before.errors, before.n_errors);
    cor_reload_report_free(&before);
    p->status_dirty = true;
    if (!show) {
        if (repeated) {
            LOG_DBG(TAG, "%s still has the same mistakes", p->path);
        } else {
            log_report(&p->report);
            LOG_ERR(TAG, "%s has mistakes; the screen keeps playing the last good playlist",
                    p->path);
        }
        watch_files(p, true);
        return;
    }
    log_report(&p->report);
    int from = p->deck.slide < 0 ? 0 : p->deck.slide;
    cor_bundle_free(p->show);
    p->show = show;
    p->generation++;
    p->loaded_at_ms = p->wall_ms;
    LOG_INFO(TAG, "loaded %s: %zu slides, %zu warnings, in %.0f ms", p->path,
             show->playlist->n_slides, p->report.n_warnings,
             (double)(cor_timebase_real_ns() - t0) / NS_PER_MS);
    watch_files(p, false);
    read_clocks(p); /* the zone may have changed */
    judge_clock(p);
    struct cor_deck_env env = deck_env(p);
    if (from >= (int)show->playlist->n_slides)
        from = 0;
    cor_deck_start(&p->deck, &env, from, p->now_sim);
    put_up(p, NULL);
}

/* Starts loading the playlist: on the loading thread, so the loop goes on drawing, keeping
 * time and pinging the watchdog (reload_finished follows when it is done); on this thread when
 * there is none. While a load runs, a new one waits for it (load_again) and replaces it. */
static void reload(struct player *p)
{
    p->debounce_ns = INT64_MAX;
    p->settling = false;
    if (p->bgload && cor_bgload_busy(p->bgload)) {
        p->load_again = true;
        return;
    }
    p->load_again = false;
    p->load_started_ns = cor_timebase_real_ns();
    struct cor_load_options lo = load_options(p);
    if (p->bgload && cor_bgload_start(p->bgload, p->opts->playlist, &lo))
        return;
    struct cor_diags diags;
    cor_diags_init(&diags);
    struct cor_playlist *pl = cor_playlist_load(p->opts->playlist, &lo, &diags);
    reload_finished(p, pl, &diags);
}

/* The loading thread is done: take what it made; but when files changed, or SIGHUP came, while
 * it ran, what it read may be out of date already (a save made just after it opened the file):
 * it is dropped, never shown or reported, and the playlist is loaded again. */
static void load_done(struct player *p)
{
    struct cor_playlist *pl;
    struct cor_diags diags;
    if (!p->bgload || !cor_bgload_finish(p->bgload, &pl, &diags))
        return;
    if (p->load_again) {
        LOG_DBG(TAG, "%s changed while it loaded; loading it again", p->path);
        cor_playlist_free(pl);
        cor_diags_free(&diags);
        p->load_again = false;
        /* Files still settling, or a renamed one's short wait, load it when due. */
        if (!p->settling && p->debounce_ns == INT64_MAX)
            reload(p);
        return;
    }
    reload_finished(p, pl, &diags);
}

/* ---- input -------------------------------------------------------------------------------- */

/* Keys work in a preview window, or in fullscreen with --allow-quit; otherwise a stray keyboard
 * on a ward could pause or blank the screen. */
static void handle_key(struct player *p, SDL_Keycode key)
{
    if (p->opts->window_w <= 0 && !p->opts->allow_quit)
        return;
    switch (key) {
    case SDLK_q:
    case SDLK_ESCAPE:
        LOG_INFO(TAG, "quit key: stopping");
        p->quit = true;
        break;
    case SDLK_RIGHT:
        advance(p, +1, true);
        break;
    case SDLK_LEFT:
        advance(p, -1, true);
        break;
    case SDLK_SPACE:
        p->paused = !p->paused;
        LOG_INFO(TAG, "%s", p->paused ? "paused" : "playing on");
        if (!p->paused && p->deck.end_ms != INT64_MAX) {
            p->deck.end_ms = p->now_sim + (p->deck.end_ms - p->deck.start_ms);
            p->deck.start_ms = p->now_sim;
        }
        p->status_dirty = true;
        break;
    case SDLK_r:
        LOG_INFO(TAG, "reload key");
        reload(p);
        break;
    default:
        break;
    }
}

static void handle_sdl_events(struct player *p)
{
    SDL_PumpEvents();
    SDL_Event ev[16];
    int n;
    while ((n = SDL_PeepEvents(ev, 16, SDL_GETEVENT, SDL_FIRSTEVENT, SDL_LASTEVENT)) > 0) {
        for (int i = 0; i < n; i++) {
            switch (ev[i].type) {
            case SDL_QUIT:
                if (p->opts->window_w > 0 || p->opts->allow_quit) {
                    LOG_INFO(TAG, "window closed: stopping");
                    p->quit = true;
                }
                break;
            case SDL_KEYDOWN:
                if (!ev[i].key.repeat)
                    handle_key(p, ev[i].key.keysym.sym);
                break;
            case SDL_WINDOWEVENT:
                if (ev[i].window.event == SDL_WINDOWEVENT_EXPOSED ||
                    ev[i].window.event == SDL_WINDOWEVENT_SHOWN ||
                    ev[i].window.event == SDL_WINDOWEVENT_RESTORED)
                    p->need_present = true;
                break;
            case SDL_RENDER_TARGETS_RESET:
            case SDL_RENDER_DEVICE_RESET:
                LOG_WARN(TAG, "the GPU lost its textures; drawing again");
                p->in_transition = false; /* its pages are gone: cut to the page up */
                drop_pages(p);
                p->need_present = true;
                break;
            default:
                break;
            }
        }
    }
    if (n < 0)
        LOG_WARN(TAG, "reading SDL events: %s", SDL_GetError());
}

/* ---- the loop ----------------------------------------------------------------------------- */

/* Gives every block of 128 KiB or more (decoded pictures, page and text surfaces) its own
 * mapping, returned to the system when freed. glibc's default raises that threshold after the
 * first such block is freed, so later ones come from the heap, whose holes stay resident: over
 * a week of reloads the resident size wandered by 8 MB with the memory in use flat. One heap for
 * every thread, too: the threads that decode pictures at load would each leave a heap of their
 * own behind, with whatever the decoders left in it. */
static void keep_memory_flat(void)
{
#ifdef __GLIBC__
    if (mallopt(M_MMAP_THRESHOLD, 128 * 1024) != 1 || mallopt(M_ARENA_MAX, 1) != 1)
        LOG_DBG(TAG, "the allocator kept its own settings (a sanitizer build?)");
#endif
}

/* The deadlines that hold whether the screen is on or off: what can turn it on or must go on
 * (a reload, the urgent notice, the power schedule, the watchdog). */
static int64_t next_deadline_always(const struct player *p)
{
    int64_t d = sim_to_ns(p, p->power_change_sim);
    d = earliest(d, sim_to_ns(p, p->power_resend_sim));
    d = earliest(d, sim_to_ns(p, p->exit_sim));
    d = earliest(d, p->debounce_ns);
    d = earliest(d, p->urgent_settle_ns);
    d = earliest(d, sim_to_ns(p, p->urgent_until_sim));
    d = earliest(d, p->poll_ns);
    d = earliest(d, p->watchdog_ns);
    d = earliest(d, p->heartbeat_ns); /* the metrics, written while the screen is off too */
    return earliest(d, p->input_ns);
}

/* While the screen is off, no page, minute, frame, screenshot or look at the displays. */
static int64_t next_deadline(const struct player *p)
{
    if (player_power_off(p))
        return next_deadline_always(p);
    if (p->need_present)
        return p->now_ns;
    int64_t d = next_deadline_always(p);
    if (p->in_transition)
        d = earliest(d, p->frame_due_ns);
    if (!p->paused && !player_identify_up(p))
        d = earliest(d, sim_to_ns(p, p->deck.end_ms));
    d = earliest(d, sim_to_ns(p, p->change_sim));
    d = earliest(d, sim_to_ns(p, p->minute_sim));
    d = earliest(d, sim_to_ns(p, p->shot_sim));
    d = earliest(d, p->clip_due_ns);
    d = earliest(d, sim_to_ns(p, p->identify_until_sim));
    d = earliest(d, p->identify_check_ns);
    return earliest(d, p->displays_ns);
}

/* Files W watches changed in a way that may go on: they are read (DUE) once steady
 * (COR_SETTLE_NS), as SETTLING says. */
static void settle_watch(struct cor_watch *w, bool *settling, int64_t *due, int64_t now_ns)
{
    cor_watch_mark(w);
    *settling = true;
    *due = now_ns + COR_SETTLE_NS;
}

/* The settle time passed: true when W's files are as they were at its start; otherwise they
 * are looked at again after another settle time. */
static bool steady_watch(struct cor_watch *w, int64_t *due, int64_t now_ns)
{
    if (cor_watch_steady(w))
        return true;
    *due = now_ns + COR_SETTLE_NS;
    return false;
}

/* The playlist's files changed: a load running now may have read them mid-write (a save in
 * place truncates the file first), so what it makes is dropped when it is done (load_done). */
static void overtaken(struct player *p)
{
    if (p->bgload && cor_bgload_busy(p->bgload))
        p->load_again = true;
}

/* The playlist's files, loaded once steady; the urgent notice's, read once steady. */
static void settle(struct player *p)
{
    settle_watch(p->watch, &p->settling, &p->debounce_ns, p->now_ns);
    overtaken(p);
}

static bool steady(struct player *p)
{
    return steady_watch(p->watch, &p->debounce_ns, p->now_ns);
}

static void urgent_settle(struct player *p)
{
    settle_watch(p->urgent_watch, &p->urgent_settling, &p->urgent_settle_ns, p->now_ns);
}

static bool urgent_steady(struct player *p)
{
    return steady_watch(p->urgent_watch, &p->urgent_settle_ns, p->now_ns);
}

/* One wake: everything that is due, then at most one frame and one status write. */
static void tick(struct player *p, unsigned wake)
{
    bool clock_moved = read_clocks(p) || (wake & COR_WAKE_CLOCK_SET);
    if (wake & COR_WAKE_STOP)
        p->quit = true;
    if (due_sim(p, p->exit_sim)) {
        LOG_INFO(TAG, "the time given to run has passed: stopping");
        p->quit = true;
    }
    if (p->quit)
        return;
    if (wake & COR_WAKE_FILES) {
        enum cor_watch_change c = cor_watch_read(p->watch);
        if (c == COR_WATCH_CHANGED)
            settle(p);
        else if (c == COR_WATCH_RENAMED && !p->settling)
            p->debounce_ns = p->now_ns + COR_SETTLE_RENAMED_NS;
        if (c != COR_WATCH_NONE)
            overtaken(p);
    }
    if (wake & COR_WAKE_URGENT) {
        enum cor_watch_change c = cor_watch_read(p->urgent_watch);
        if (c == COR_WATCH_CHANGED)
            urgent_settle(p);
        else if (c == COR_WATCH_RENAMED && !p->urgent_settling)
            p->urgent_settle_ns = p->now_ns + COR_SETTLE_RENAMED_NS;
    }
    if (due_ns(p, p->poll_ns)) {
        if (cor_watch_poll(p->urgent_watch))
            urgent_settle(p);
        if (cor_watch_poll(p->watch))
            settle(p);
        p->poll_ns = p->now_ns + (int64_t)(p->opts->poll_s * NS_PER_S);
    }
    handle_sdl_events(p);
    if (due_ns(p, p->input_ns))
        p->input_ns = p->now_ns + p->scr.input_every_ns;
    /* A TV in standby may drop hot-plug: while off that is no reason to start again. */
    if (due_ns(p, p->displays_ns) && !player_power_off(p)) {
        p->displays_ns = p->now_ns + p->scr.displays_every_ns;
        if (cor_screen_displays_changed(&p->scr))
            p->quit = p->restart = true;
    }
    if (p->quit)
        return;
    /* The notice first: it needs only the folder, and never waits for a playlist to load. */
    if ((wake & COR_WAKE_RELOAD) ||
        (due_ns(p, p->urgent_settle_ns) && (!p->urgent_settling || urgent_steady(p))))
        read_urgent(p);
    if (wake & COR_WAKE_LOADED)
        load_done(p);
    if (wake & COR_WAKE_RELOAD)
        reload(p);
    else if (due_ns(p, p->debounce_ns) && (!p->settling || steady(p)))
        reload(p);

    if (judge_clock(p))
        clock_moved = true;
    if (clock_moved || due_sim(p, p->change_sim))
        revalidate(p);
    if (clock_moved || due_sim(p, p->urgent_until_sim) || due_sim(p, p->minute_sim))
        judge_urgent(p, false);
    player_power_judge(p);
    bool off = player_power_off(p);
    /* Under the identify page the deck waits on its first page, and starts from it after. */
    if (!off && !p->paused && !player_identify_up(p) && due_sim(p, p->deck.end_ms))
        advance(p, +1, false);
    if (player_identify_tick(p)) {
        struct cor_deck_env env = deck_env(p);
        cor_deck_start(&p->deck, &env, 0, p->now_sim);
        put_up(p, NULL);
    }
    if (!off && due_sim(p, p->minute_sim)) {
        redraw(p);
        plan_schedule(p);
    }

    if (due_ns(p, p->clip_due_ns))
        p->need_present = true;
    if (due_ns(p, p->heartbeat_ns)) {
        p->heartbeat_ns = p->now_ns + COR_METRICS_EVERY_NS;
        p->need_present = p->status_dirty = true;
    }
    if (p->need_present || (p->in_transition && p->now_ns >= p->frame_due_ns))
        present_frame(p);

    if ((wake & COR_WAKE_SHOT) || (!off && due_sim(p, p->shot_sim))) {
        screenshot(p);
        if (p->shot_sim != INT64_MAX)
            p->shot_sim = p->now_sim + (int64_t)(p->opts->screenshot_every_s * 1000);
    }
    if (due_ns(p, p->watchdog_ns)) {
        cor_notify_watchdog();
        p->watchdog_ns = p->now_ns + (int64_t)p->watchdog_usec * 1000 / 2;
    }
    if (p->status_dirty)
        player_write_status(p, player_current_slide(p));
}

/* Loads the first playlist (or the stand-in when it has mistakes) and starts the clocks. */
static bool first_load(struct player *p)
{
    struct cor_diags diags;
    cor_diags_init(&diags);
    time_t real_now = time(NULL);
    struct cor_load_options lo = {
        .check_files = true,
        .allow_dirs = p->opts->allow_dirs,
        .has_now = p->opts->has_now_civil || p->opts->has_now || cor_clock_trusted(real_now),
        .now = p->opts->has_now_civil
                   ? p->opts->now_civil
                   : cor_clock_civil(p->opts->has_now ? p->opts->now : real_now, NULL),
    };
    p->show = cor_bundle_load(p->opts->playlist, &lo, p->scr.sdl, p->scr.w, p->scr.h, &diags);
    bool ok = p->show != NULL;
    if (!ok) {
        LOG_ERR(TAG, "%s has mistakes; showing the fallback slide until it is fixed", p->path);
        struct cor_diags builtin_diags;
        cor_diags_init(&builtin_diags);
        p->show = cor_bundle_builtin(p->dir, p->scr.sdl, p->scr.w, p->scr.h, &builtin_diags);
        if (!p->show) {
            LOG_ERR(TAG, "even the stand-in playlist cannot be shown:");
            cor_diags_print(&builtin_diags, stderr);
        }
        cor_diags_free(&builtin_diags);
        if (!p->show) {
            cor_diags_free(&diags);
            return false;
        }
    }
    time_t start = p->opts->now;
    if (p->opts->has_now_civil)
        start = cor_clock_from_civil(p->opts->now_civil, zone(p));
    cor_timebase_init(&p->tb, p->opts->has_now || p->opts->has_now_civil, start,
                      p->opts->clock_rate);
    p->start_ns = p->tb.origin_ns;
    read_clocks(p);
    p->started_ms = p->wall_ms;
    p->trusted = clock_believable(p);
    cor_reload_report_set(&p->report, &diags, ok, p->wall_ms);
    cor_diags_free(&diags);
    log_report(&p->report);
    if (ok) {
        p->generation = 1;
        p->loaded_at_ms = p->wall_ms;
        LOG_INFO(TAG, "loaded %s: %zu slides", p->path, p->show->playlist->n_slides);
    }
    watch_files(p, !ok);
    return true;
}

int cor_player_run(const struct cor_player_options *opts)
{
    struct player p = {
        .opts = opts,
        .debounce_ns = INT64_MAX,
        .poll_ns = INT64_MAX,
        .watchdog_ns = INT64_MAX,
        .input_ns = INT64_MAX,
        .displays_ns = INT64_MAX,
        .heartbeat_ns = INT64_MAX,
        .urgent_settle_ns = INT64_MAX,
        .urgent_until_sim = INT64_MAX,
        .shot_sim = INT64_MAX,
        .exit_sim = INT64_MAX,
        .change_sim = INT64_MAX,
        .minute_sim = INT64_MAX,
        .identify_until_sim = INT64_MAX,
        .identify_check_ns = INT64_MAX,
        .clip_due_ns = INT64_MAX,
    };
    int status = 1;
    keep_memory_flat();
    p.path = absolute_path(opts->playlist);
    p.dir = p.path ? cor_path_folder(p.path) : NULL;
    if (!p.path || !p.dir) {
        LOG_ERR(TAG, "out of memory");
        goto out;
    }
    p.screen = opts->screen;
    if (!p.screen) {
        if (gethostname(p.host, sizeof(p.host) - 1) != 0) {
            cor_log_errno(COR_LOG_WARNING, TAG, "cannot read the host name");
            p.host[0] = '\0';
        }
        p.screen = p.host;
    }
    p.watch = cor_watch_create();
    p.urgent_watch = cor_watch_create();
    if (!p.watch || !p.urgent_watch) {
        LOG_ERR(TAG, "out of memory");
        goto out;
    }
    /* Before SDL starts any thread, so every thread blocks the signals the loop reads. */
    p.loop = cor_loop_create(cor_watch_fd(p.watch));
    p.bgload = p.loop ? cor_bgload_create() : NULL;
    if (p.bgload)
        cor_loop_set_load_fd(p.loop, cor_bgload_fd(p.bgload));
    if (!p.loop ||
        !cor_screen_open(&p.scr, opts->window_w, opts->window_h, opts->rotate, opts->allow_quit) ||
        !first_load(&p))
        goto out;
    cor_loop_set_urgent_fd(p.loop, cor_watch_fd(p.urgent_watch));
    player_open_play_log(&p);
    watch_urgent(&p);

    LOG_INFO(TAG, "screen '%s', playlist %s", p.screen, p.path);
    if (!p.trusted)
        LOG_WARN(TAG, "the system clock looks wrong; only slides without a schedule play");
    struct cor_deck_env env = deck_env(&p);
    cor_deck_start(&p.deck, &env, 0, p.now_sim);
    read_urgent(&p); /* a notice already there is up from the first frame */
    player_identify_start(&p);
    cor_screen_ready(&p.scr);
    struct cor_powerctl_hooks hooks = {power_black, power_redraw, &p};
    player_power_open(&p, &hooks);
    player_power_judge(&p); /* started at night: off before anything is drawn */
    put_up(&p, NULL);
    present_frame(&p);
    cor_notify_ready();

    if (opts->poll_s > 0)
        p.poll_ns = p.now_ns + (int64_t)(opts->poll_s * NS_PER_S);
    if (opts->screenshot_path && opts->screenshot_every_s > 0)
        p.shot_sim = p.now_sim + (int64_t)(opts->screenshot_every_s * 1000);
    if (opts->exit_after_s > 0)
        p.exit_sim = p.now_sim + (int64_t)(opts->exit_after_s * 1000);
    p.watchdog_usec = cor_notify_watchdog_usec();
    if (p.watchdog_usec > 0)
        p.watchdog_ns = p.now_ns + (int64_t)p.watchdog_usec * 1000 / 2;
    if (p.scr.input_every_ns > 0)
        p.input_ns = p.now_ns + p.scr.input_every_ns;
    if (p.scr.displays_every_ns > 0)
        p.displays_ns = p.now_ns + p.scr.displays_every_ns;
    if (opts->metrics_path)
        p.heartbeat_ns = p.now_ns + COR_METRICS_EVERY_NS;
    player_write_status(&p, player_current_slide(&p));

    while (!p.quit) {
        unsigned wake = cor_loop_wait(p.loop, next_deadline(&p));
        tick(&p, wake);
    }
    cor_notify_stopping();
    player_stop_outputs(&p, player_current_slide(&p));
    status = p.restart ? COR_PLAYER_RESTART : 0;
out:
    cor_playlog_close(p.playlog, p.now_sim);
    player_power_close(&p);
    cor_bundle_free(p.show);
    cor_reload_report_free(&p.report);
    cor_screen_close(&p.scr);
    cor_render_shutdown();
    cor_font_shutdown();
    cor_loop_free(p.loop);
    cor_bgload_free(p.bgload);
    cor_watch_free(p.watch);
    cor_watch_free(p.urgent_watch);
    cor_urgent_free(&p.urgent);
    free(p.path);
    free(p.dir);
    return status;
}
