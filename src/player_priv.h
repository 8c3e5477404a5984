/* player_priv.h: the player's state, shared by player.c (the loop, the deck, reloading) and
 * player_status.c (what it tells: the log line per page, the status file). No other module
 * includes it. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "deck.h"
#include "frames.h"
#include "identify.h"
#include "model.h"
#include "player.h"
#include "power_schedule.h"
#include "powerctl.h"
#include "reload.h"
#include "screen.h"
#include "timebase.h"
#include "urgent.h"

struct cor_loop;
struct cor_watch;
struct cor_bgload;
struct cor_playlog;

/* With a metrics file, the page up is drawn and the metrics written this often (real time), so
 * corridor_last_frame_timestamp_seconds shows the screen is being drawn to; in between they are
 * written only when a reload, the clock's trust or the notice changed, to spare the SD card. */
#define COR_METRICS_EVERY_NS (30 * 1000000000LL)

struct player {
    const struct cor_player_options *opts;
    char *path; /* the playlist, absolute (symlinks kept, so a swapped link is followed) */
    char *dir;
    const char *screen;
    char host[256];
    bool status_ok, shots_ok; /* their folders are not watched */
    bool metrics_ok, playlog_ok;

    struct cor_screen scr;

    struct cor_timebase tb;
    struct cor_loop *loop;
    struct cor_watch *watch;

    struct cor_bundle *show;
    unsigned generation;
    int64_t loaded_at_ms;
    struct cor_reload_report report;
    struct cor_deck deck;
    bool trusted;
    bool paused;

    /* now, refreshed on every wake */
    int64_t now_ns, now_sim;
    int64_t wall_ms;
    cor_minute now_min;

    /* a transition in progress: the leaving page in scr.spare, the arriving one in scr.cur;
     * between transitions neither exists and the page is drawn straight onto the screen */
    bool in_transition;
    int64_t trans_start_sim; /* at its first frame */
    uint32_t trans_ms;
    enum cor_transition trans;
    struct cor_frame_clock frame_clock;
    int64_t frame_due_ns;               /* the next frame of the transition */
    struct cor_frame_stats frame_stats; /* making transition frames, since start */
    bool need_present;

    /* deadlines: simulated ms, or real ns; INT64_MAX when none */
    int64_t change_sim, minute_sim, shot_sim, exit_sim;
    int64_t debounce_ns, poll_ns, watchdog_ns, input_ns;
    int64_t displays_ns; /* the next look at the console's display connectors */
    bool restart;        /* they changed: stop, and start again */
    bool settling;             /* debounce_ns is a settle time: load only if the files are steady */
    struct cor_bgload *bgload; /* reads and checks playlists off this thread; NULL: on it */
    bool load_again;           /* files changed, or SIGHUP came, while a load was running */
    int64_t load_started_ns;
    uint64_t watchdog_usec;

    /* a video slide up: when its next frame is due, whether its stall or break was said */
    int64_t clip_due_ns;
    int64_t clip_start_sim; /* when its clip starts: after the fade that brings it in */
    bool clip_said;
    bool clip_hidden;       /* the last frame was a full urgent notice over it */
    char clip_problem[320]; /* the last clip that stalled or broke, for the status file */
    unsigned long clip_dropped_written; /* frames dropped as the status file last said */
    int64_t clip_status_ns;             /* the status file says new drops at most this often */

    /* the urgent notice beside the playlist (urgent.h), watched apart from the playlist */
    struct cor_watch *urgent_watch;
    struct cor_urgent urgent;
    enum cor_urgent_state urgent_state;
    int64_t urgent_since_ms;  /* wall clock, when it went up on this screen */
    int64_t urgent_settle_ns; /* read the notice files again then */
    bool urgent_settling;     /* ... if they are steady (watch.h) */
    int64_t urgent_until_sim; /* its `until`; INT64_MAX when none */

    /* the screen's power: off at night as the playlist's `power:` says (player_power.c) */
    struct cor_powerctl power;
    int64_t power_change_sim; /* the schedule's next change; INT64_MAX when none */
    int64_t power_resend_sim; /* send the wanted state again then */
    /* The schedule's answer for one second of wall time, playlist and clock trust: the player
     * wakes for every frame of a fade or a clip, and the answer cannot change within a second. */
    struct {
        struct cor_power_plan plan;
        int64_t at_s;
        unsigned generation;
        bool trusted, valid;
    } power_memo;

    /* the identify page (player_identify.c), up while now_sim < identify_until_sim */
    struct cor_identity identity;
    int64_t identify_until_sim; /* INT64_MAX: until corridor stops */
    int64_t identify_check_ns;  /* read the addresses again; INT64_MAX once the page is done */
    char identify_note[200];
    bool identify_unreadable; /* the addresses could not be read: said once */

    bool status_dirty;
    bool quit;
    unsigned long frames;
    int64_t last_frame_ms; /* wall clock, at the last frame put on the screen */
    int64_t heartbeat_ns;  /* with a metrics file: draw the page and write them again then */
    struct cor_playlog *playlog; /* the play log, when one was asked for and could be opened */
    /* the metrics last written: when, and what makes them due again before the next time */
    int64_t metrics_next_ns;
    int64_t metrics_reload_at_ms;
    bool metrics_trusted, metrics_urgent;
    int64_t start_ns;
    int64_t started_ms; /* wall clock, at start */
};

/* player_status.c's, called by player.c only: it is given what it reports (S: the slide up, or
 * NULL for the fallback) and calls nothing of player.c back. */

/* True while an urgent notice is up on this screen; FULL: over the whole screen. */
bool player_urgent_up(const struct player *p, bool full);

/* Logs the page that went up, and tells systemd. */
void player_log_page(struct player *p, const struct cor_slide *s);
/* Writes the status file and the metrics file, when asked for and they may be written, and
 * tells the play log which page is up. */
void player_write_status(struct player *p, const struct cor_slide *s);
/* The player stops: the play log gets the last page's line and is closed, and the metrics say
 * corridor_up 0. */
void player_stop_outputs(struct player *p, const struct cor_slide *s);
/* Opens the play log when one was asked for (logged when it cannot be). */
void player_open_play_log(struct player *p);
/* player_power.c's, called by player.c only. */

/* Opens the TV's CEC adapter and the display's DPMS where the screen is the console's (none on
 * a desktop, none with never_sleep), and starts the controller with HOOKS. */
void player_power_open(struct player *p, const struct cor_powerctl_hooks *hooks);
/* Brings the screen to what the power schedule (or an urgent notice: on) wants now, and plans
 * the next look. */
void player_power_judge(struct player *p);
/* True while the screen is off: nothing is drawn. */
bool player_power_off(const struct player *p);
void player_power_close(struct player *p);

/* False (logged) when PATH, a WHAT the player writes, is in a folder the playlist uses. */
bool player_output_allowed(struct player *p, const char *path, const char *what);

/* player_identify.c's, called by player.c only. */
struct SDL_Texture;

/* Starts the identify page when the options ask for it, and says so in the log. */
void player_identify_start(struct player *p);
/* True while the identify page is up instead of the playlist. */
bool player_identify_up(const struct player *p);
/* Reads the addresses again when due (a change draws the page again); true once, when the page's
 * time is over and the deck must be put up. */
bool player_identify_tick(struct player *p);
/* Draws the identify page into TARGET; false when SDL failed (logged). */
bool player_identify_draw(struct player *p, struct SDL_Texture *target);
