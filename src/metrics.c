/* metrics.c: the Prometheus textfile: corridor's gauges in the text exposition format. Names
 * follow Prometheus's conventions: a corridor_ prefix, base units in the name (_seconds,
 * _bytes), timestamps as _timestamp_seconds, _total only on counters. */
#include "metrics.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "log.h"

#define TAG "metrics"

/* One metric: its HELP and TYPE lines, then the sample. */
static void head(struct cor_buf *b, const char *name, const char *type, const char *help)
{
    cor_buf_printf(b, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

static void gauge(struct cor_buf *b, const char *name, const char *help, double v)
{
    head(b, name, "gauge", help);
    cor_buf_printf(b, "%s %.17g\n", name, v);
}

/* A wall-clock time as seconds since the epoch, 0 when there is none. */
static double seconds(int64_t wall_ms)
{
    return (double)wall_ms / 1000.0;
}

/* A label value: backslash, double quote and line feed escaped, as the format asks. */
static void label(struct cor_buf *b, const char *name, const char *value, bool first)
{
    cor_buf_printf(b, "%s%s=\"", first ? "" : ",", name);
    for (const char *p = value ? value : ""; *p; p++) {
        if (*p == '\\' || *p == '"')
            cor_buf_printf(b, "\\%c", *p);
        else if (*p == '\n')
            cor_buf_puts(b, "\\n");
        else
            cor_buf_append(b, p, 1);
    }
    cor_buf_puts(b, "\"");
}

char *cor_metrics_text(const struct cor_status *s, bool up)
{
    struct cor_buf b = {0};
    gauge(&b, "corridor_up", "1 while the player runs; 0 once it stopped cleanly.", up ? 1 : 0);

    head(&b, "corridor_info", "gauge",
         "Always 1; the labels name the screen, the playlist playing and its hash.");
    cor_buf_puts(&b, "corridor_info{");
    label(&b, "screen", s->screen, true);
    label(&b, "playlist", s->has_playlist ? s->playlist_path : "", false);
    char hash[20] = "";
    if (s->has_playlist)
        snprintf(hash, sizeof(hash), "%016" PRIx64, s->hash);
    label(&b, "playlist_hash", hash, false);
    label(&b, "version", CORRIDOR_VERSION, false);
    cor_buf_puts(&b, "} 1\n");

    gauge(&b, "corridor_start_time_seconds", "When the player started, in seconds since the epoch.",
          seconds(s->started_ms));
    gauge(&b, "corridor_playlist_generation",
          "Playlists loaded since the player started (0: none loaded, the stand-in plays).",
          s->has_playlist ? s->generation : 0);
    gauge(&b, "corridor_playlist_loaded_timestamp_seconds",
          "When the playlist playing was loaded (0: none loaded).",
          s->has_playlist ? seconds(s->loaded_at_ms) : 0);
    gauge(&b, "corridor_last_reload_ok",
          "1 when the last try to load the playlist succeeded; 0 when it had mistakes and the "
          "last good playlist plays on.",
          s->reload_ok ? 1 : 0);
    gauge(&b, "corridor_last_reload_timestamp_seconds", "When the playlist was last tried.",
          seconds(s->reload_at_ms));
    gauge(&b, "corridor_playlist_errors", "Mistakes found at the last try to load the playlist.",
          (double)s->n_errors);
    gauge(&b, "corridor_playlist_warnings", "Warnings given at the last try to load the playlist.",
          (double)s->n_warnings);
    gauge(&b, "corridor_clock_trusted",
          "1 when the system clock looks right; 0 when it does not and only slides without a "
          "schedule play.",
          s->clock_trusted ? 1 : 0);
    gauge(&b, "corridor_last_frame_timestamp_seconds",
          "When the player last put a frame on the screen; the page up is drawn again at least "
          "every 30 seconds while this file is written.",
          seconds(s->last_frame_ms));
    head(&b, "corridor_frames_total", "counter", "Frames put on the screen since the start.");
    cor_buf_printf(&b, "corridor_frames_total %lu\n", s->frames);
    head(&b, "corridor_video_dropped_frames_total", "counter",
         "Video frames dropped since the start (decoding fell behind).");
    cor_buf_printf(&b, "corridor_video_dropped_frames_total %lu\n", s->video_dropped);
    gauge(&b, "corridor_slide_index",
          "The slide on screen, counted from 1 in the playlist; 0: the fallback slide or a full "
          "urgent notice.",
          s->slide_index);
    gauge(&b, "corridor_slide_page", "The page of that slide on screen, counted from 1.", s->page);
    bool urgent_up = s->urgent && s->urgent->state && strcmp(s->urgent->state, "up") == 0;
    gauge(&b, "corridor_urgent_notice_up",
          "1 while an urgent notice (urgent.txt or urgent.yaml) is up on this screen.",
          urgent_up ? 1 : 0);
    gauge(&b, "corridor_display_on",
          "1 while the screen is on; 0 while the power schedule has it off (nothing is drawn).",
          !s->power || s->power->on ? 1 : 0);
    gauge(&b, "corridor_display_power_managed",
          "1 when a power schedule applies to this screen (and never_sleep is not set).",
          s->power && s->power->managed ? 1 : 0);
    gauge(&b, "corridor_display_next_change_timestamp_seconds",
          "When the power schedule next turns the screen on or off (0: no change ahead).",
          s->power ? seconds(s->power->next_change_ms) : 0);
    gauge(&b, "corridor_resident_memory_bytes", "The player's resident memory.",
          s->rss_kb < 0 ? 0 : (double)s->rss_kb * 1024);
    if (b.failed) {
        cor_buf_free(&b);
        return NULL;
    }
    return b.data;
}

bool cor_metrics_write(const char *path, const struct cor_status *s, bool up)
{
    char *text = cor_metrics_text(s, up);
    if (!text) {
        LOG_ERR(TAG, "out of memory writing the metrics");
        return false;
    }
    bool ok = cor_write_atomic(path, text, strlen(text));
    free(text);
    return ok;
}
