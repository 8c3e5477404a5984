/* player_status.c: what the player tells about itself: a log line for each page that goes up,
 * and the status file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "log.h"
#include "loop.h"
#include "metrics.h"
#include "notify.h"
#include "paths.h"
#include "player_priv.h"
#include "playlog.h"
#include "schedule.h"
#include "status.h"
#include "video.h"
#include "watch.h"

#define TAG "player"

#define NS_PER_S 1000000000LL

/* Most sessions the status file lists. */
#define COR_STATUS_SESSIONS 64

static const char *slide_title(const struct cor_slide *s)
{
    if (!s)
        return NULL;
    switch (s->type) {
    case COR_SLIDE_SESSIONS:
    case COR_SLIDE_TEXT:
        return s->title;
    case COR_SLIDE_QUOTE:
        return s->name ? s->name : s->quote;
    case COR_SLIDE_IMAGE:
    case COR_SLIDE_VIDEO:
        return s->file.name;
    case COR_SLIDE_TYPE_COUNT:
        break;
    }
    return NULL;
}

void player_log_page(struct player *p, const struct cor_slide *s)
{
    char line[256];
    if (!s) {
        snprintf(line, sizeof(line), "nothing is scheduled: the fallback slide");
    } else {
        const char *title = slide_title(s);
        snprintf(line, sizeof(line), "slide %d (%s%s%s%s), page %d of %d, for %.1f s", s->index,
                 cor_slide_type_name(s->type), title ? " '" : "", title ? title : "",
                 title ? "'" : "", p->deck.page + 1, p->deck.pages, s->duration_ms / 1000.0);
    }
    if (player_urgent_up(p, true)) { /* the deck moves on unseen under a full notice */
        size_t n = strlen(line);
        snprintf(line + n, sizeof(line) - n, ", under the urgent notice '%s'", p->urgent.title);
    }
    LOG_INFO(TAG, "%s", line);
    cor_notify_status(line);
}

/* Whether the metrics are to be written now: their time came, or what an alert watches changed
 * (a reload, the clock's trust, the notice), or the player stops. */
static bool metrics_due(struct player *p, const struct cor_status *st, bool up)
{
    bool urgent = player_urgent_up(p, false);
    if (up && p->now_ns < p->metrics_next_ns && st->reload_at_ms == p->metrics_reload_at_ms &&
        st->clock_trusted == p->metrics_trusted && urgent == p->metrics_urgent)
        return false;
    p->metrics_next_ns = p->now_ns + COR_METRICS_EVERY_NS;
    p->metrics_reload_at_ms = st->reload_at_ms;
    p->metrics_trusted = st->clock_trusted;
    p->metrics_urgent = urgent;
    return true;
}

/* What the status file, the metrics and the play log report, written by UP (false: the player
 * stops). */
static void tell(struct player *p, const struct cor_slide *s, bool up)
{
    bool status = up && p->opts->status_path && p->status_ok;
    bool metrics = p->opts->metrics_path && p->metrics_ok;
    bool playlog = p->playlog && p->playlog_ok;
    if (!status && !metrics && !playlog)
        return;
    struct cor_session_view views[COR_STATUS_SESSIONS];
    size_t n_views = 0;
    if (status && s && s->type == COR_SLIDE_SESSIONS) {
        n_views = cor_schedule_sessions(s, p->now_min, views, COR_STATUS_SESSIONS);
        if (n_views > COR_STATUS_SESSIONS)
            n_views = COR_STATUS_SESSIONS;
    }
    const struct cor_playlist *pl = p->show->playlist;
    const struct cor_urgent *u = &p->urgent;
    bool full = player_urgent_up(p, true);
    struct cor_status_urgent us = {
        .state = p->urgent_state == COR_URGENT_UP      ? "up"
                 : p->urgent_state == COR_URGENT_ENDED ? "ended"
                                                       : "other screens",
        .file = u->path,
        .title = u->title,
        .style = u->style == COR_URGENT_BANNER ? "banner" : "full",
        .since_ms = p->urgent_since_ms,
        .until_ms = u->has_until ? (int64_t)cor_clock_from_civil(u->until, pl->timezone) * 1000 : 0,
        .screens = (const char *const *)u->screens,
        .n_screens = u->n_screens,
        .problem = u->problem,
    };
    const struct cor_powerctl_report *pr = &p->power.report;
    struct cor_status_power ps = {
        .on = pr->on,
        .managed = pr->managed,
        .why = pr->why,
        .since_ms = pr->since_ms,
        .sent_ms = pr->sent_ms,
        .next_change_ms = pr->next_change_ms,
        .cec_port = pr->cec_port,
        .cec_sent = pr->cec_sent,
        .cec_bytes = pr->cec_bytes,
        .cec_result = pr->cec_result,
        .tv_power = pr->tv_power,
        .dpms = pr->dpms,
    };
    struct cor_status st = {
        .screen = p->screen,
        .has_playlist = !p->show->builtin,
        .playlist_path = pl->path,
        .playlist_name = pl->name,
        .hash = pl->hash,
        .loaded_at_ms = p->loaded_at_ms,
        .generation = p->generation,
        .slide_index = full ? 0 : s ? s->index : 0,
        .slide_type = full ? "urgent" : s ? cor_slide_type_name(s->type) : "fallback",
        .slide_title = full ? u->title : slide_title(s),
        .page = p->deck.page + 1,
        .pages = p->deck.pages,
        .since_ms = full ? p->urgent_since_ms : cor_timebase_wall_ms(&p->tb, p->deck.start_ms),
        .until_ms = full || p->paused || p->deck.end_ms == INT64_MAX
                        ? 0
                        : cor_timebase_wall_ms(&p->tb, p->deck.end_ms),
        .paused = p->paused,
        .sessions = s && s->type == COR_SLIDE_SESSIONS ? views : NULL,
        .n_sessions = n_views,
        .urgent = u->present ? &us : NULL,
        .power = &ps,
        .reload_ok = p->report.ok,
        .reload_at_ms = p->report.at_ms,
        .errors = (const char *const *)p->report.errors,
        .n_errors = p->report.n_errors,
        .warnings = (const char *const *)p->report.warnings,
        .n_warnings = p->report.n_warnings,
        .now_ms = p->wall_ms,
        .started_ms = p->started_ms,
        .clock_trusted = p->trusted,
        .uptime_s = (double)(p->now_ns - p->start_ns) / NS_PER_S,
        .rss_kb = cor_rss_kb(),
        .wakeups = cor_loop_wakeups(p->loop),
        .frames = p->frames,
        .transition_frames = p->frame_stats.n,
        .frame_ms_median = cor_frame_stats_quantile_ms(&p->frame_stats, 0.5),
        .frame_ms_p99 = cor_frame_stats_quantile_ms(&p->frame_stats, 0.99),
        .frame_ms_worst = cor_frame_stats_quantile_ms(&p->frame_stats, 1),
        .last_frame_ms = p->last_frame_ms,
        .displays = p->scr.displays,
        .video_dropped = cor_video_dropped_total(),
        .video_problem = p->clip_problem,
    };
    if (status)
        cor_status_write(p->opts->status_path, &st);
    if (metrics && metrics_due(p, &st, up))
        cor_metrics_write(p->opts->metrics_path, &st, up);
    if (playlog && up) { /* stopping: cor_playlog_close ends the page up */
        struct cor_play page = {
            .since_ms = st.since_ms,
            .screen = st.screen,
            .slide_index = st.slide_index,
            .type = st.slide_type,
            .title = st.slide_title,
            .page = st.page,
            .hash = st.has_playlist ? st.hash : 0,
        };
        /* While the screen is off for the night, or shows the identify page, no slide is shown,
         * so none is logged. */
        bool unseen = player_power_off(p) || player_identify_up(p);
        cor_playlog_show(p->playlog, unseen ? NULL : &page, p->wall_ms, p->now_sim);
    }
}

void player_write_status(struct player *p, const struct cor_slide *s)
{
    p->status_dirty = false;
    tell(p, s, true);
}

void player_stop_outputs(struct player *p, const struct cor_slide *s)
{
    tell(p, s, false);
    cor_playlog_close(p->playlog, p->now_sim);
    p->playlog = NULL;
}

void player_open_play_log(struct player *p)
{
    const struct cor_player_options *o = p->opts;
    if (!o->play_log_path || !p->playlog_ok)
        return;
    p->playlog = cor_playlog_open(o->play_log_path, (long)(o->play_log_max_kb * 1024),
                                  (int)o->play_log_files);
    if (p->playlog)
        LOG_INFO(TAG, "adding a line for every page shown to %s", o->play_log_path);
}

/* Refuses (logged at each reload) an output file inside a watched folder: writing there would
 * wake the watch and land in the comms team's shared drive. */
bool player_output_allowed(struct player *p, const char *path, const char *what)
{
    if (!path)
        return true;
    char *dir = cor_path_folder(path);
    bool held = dir && cor_watch_holds_dir(p->watch, dir);
    free(dir);
    if (held)
        LOG_ERR(TAG,
                "not writing the %s %s: it is in a folder the playlist uses; put it "
                "elsewhere, e.g. /run/corridor/",
                what, path);
    return !held;
}
