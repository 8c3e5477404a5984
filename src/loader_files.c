/* loader_files.c: the loader's file stage. After the schema has walked the playlist and said what
 * it names, this checks each of those in the order the playlist names them: files (there, an
 * ordinary readable file, inside an allowed folder), pictures (they decode), video clips (probed),
 * fonts, time zones, session files (read, then their sessions validated by the schema) and
 * calendars (read, then expanded over the days their slide can show). The one stage of the loader
 * that reads the disk for what a playlist names. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "clock.h"
#include "font.h"
#include "ics.h"
#include "image.h"
#include "loader_priv.h"
#include "paths.h"
#include "userfile.h"
#include "video.h"

/* The display rate check judges a clip's frame rate against; most screens run at 60 Hz. */
#define CHECK_DISPLAY_HZ 60.0

/* The days a slide with a calendar file can show: from a day before now (or its `when` start)
 * for COR_CALENDAR_DAYS days, and not past its `when` end. A player that runs longer than that
 * without the file or the playlist changing reads the calendar again when either is edited. */
#define COR_CALENDAR_DAYS 400

/* Says why the file NEED names cannot be found, with what its folder holds. */
static void file_missing(struct cor_load *l, const struct cor_need *need)
{
    struct cor_schema *c = &l->sc;
    const char *name = need->at->text, *noun = need->noun;
    char *folder = cor_path_dirname(c->scratch, need->path);
    const char *slash = strrchr(name, '/');
    const char *base = slash ? slash + 1 : name;
    char listing[512];
    const char *nearest = NULL;
    if (folder && access(folder, F_OK) != 0) {
        char *shown = slash ? cor_arena_strndup(c->scratch, name, (size_t)(slash - name)) : NULL;
        cor_path_list_folder(c->scratch, c->pl->dir, shown ? shown : name, listing, sizeof(listing),
                             &nearest);
        cor_schema_need_error(c, need,
                              "the %s '%s' cannot be found: the folder '%s/' does not exist "
                              "(the playlist's folder has: %s)%s%s%s",
                              noun, name, shown ? shown : ".", listing,
                              nearest ? "; did you mean '" : "", nearest ? nearest : "",
                              nearest ? "/'?" : "");
        return;
    }
    cor_path_list_folder(c->scratch, folder ? folder : c->pl->dir, base, listing, sizeof(listing),
                         &nearest);
    char *shown = slash ? cor_arena_strndup(c->scratch, name, (size_t)(slash - name) + 1)
                        : cor_arena_strdup(c->scratch, "the playlist's folder");
    cor_schema_need_error(c, need, "the %s '%s' does not exist (%s%s has: %s)%s%s%s", noun, name,
                          slash ? "folder " : "", shown ? shown : "", listing,
                          nearest ? "; did you mean '" : "", nearest ? nearest : "",
                          nearest ? "'?" : "");
}

/* The file NEED names exists, is an ordinary readable file, inside an allowed folder. */
static bool file_ok(struct cor_load *l, const struct cor_need *need)
{
    struct cor_schema *c = &l->sc;
    char err[256];
    if (!cor_file_check(need->path, err, sizeof(err))) {
        if (strcmp(err, "does not exist") == 0)
            file_missing(l, need);
        else
            cor_schema_need_error(c, need, "the %s '%s' %s", need->noun, need->at->text, err);
        return false;
    }
    if (!cor_path_inside(need->path, l->allowed)) {
        cor_schema_need_error(c, need,
                              "the %s '%s' is outside the playlist's folder; corridor shows "
                              "only files inside %s (or a folder the installer allows with "
                              "--allow-dir): copy it next to the playlist",
                              need->noun, need->at->text,
                              l->allowed[0] ? l->allowed[0] : c->pl->dir);
        return false;
    }
    return true;
}

static bool image_ok(struct cor_load *l, const struct cor_need *need)
{
    if (!l->opts->decode_images)
        return true;
    char err[512] = "";
    if (cor_image_check(need->path, err, sizeof(err)))
        return true;
    cor_diags_add(l->sc.diags, COR_SEV_ERROR, need->file, need->at->line, need->at->col,
                  "the %s '%s' cannot be shown: it %s", need->noun, need->at->text, err);
    return false;
}

static bool font_file_ok(struct cor_load *l, const struct cor_need *need)
{
    char err[512] = "";
    if (cor_font_file_ok(need->path, err, sizeof(err)))
        return true;
    cor_diags_add(l->sc.diags, COR_SEV_ERROR, need->file, need->at->line, need->at->col,
                  "the font file '%s' cannot be used: %s; name an installed family such as "
                  "DejaVu Sans instead",
                  need->at->text, err);
    return false;
}

static bool font_ok(struct cor_load *l, const struct cor_need *need)
{
    char err[512] = "";
    char *found = cor_font_find(need->at->text, false, err, sizeof(err));
    if (!found) {
        cor_diags_add(l->sc.diags, COR_SEV_ERROR, need->file, need->at->line, need->at->col, "%s",
                      err);
        return false;
    }
    free(found);
    return true;
}

static bool zone_ok(struct cor_load *l, const struct cor_need *need)
{
    if (cor_clock_zone_exists(need->at->text))
        return true;
    cor_diags_add(l->sc.diags, COR_SEV_ERROR, need->file, need->at->line, need->at->col,
                  "'%s' is not a time zone this system knows; write a name such as "
                  "Europe/London, or leave 'timezone' out to use the screen's own zone",
                  need->at->text);
    return false;
}

/* A video slide's clip: probed (and its first frame decoded for check); its size and length go
 * to its slide, with advice when a Pi would not play it smoothly. */
static bool video_ok(struct cor_load *l, const struct cor_need *need)
{
    struct cor_schema *c = &l->sc;
    struct cor_slide *slide = cor_schema_slide_of(need);
    char err[512] = "";
    struct cor_video_info info;
    bool picture;
    if (!cor_video_check(need->path, l->opts->decode_images, &info, &picture, err, sizeof(err))) {
        if (picture)
            cor_schema_need_error(c, need,
                                  "'%s' is a picture, not a video: to show it, write type: "
                                  "image on this slide",
                                  need->at->text);
        else
            cor_schema_need_error(c, need, "the video '%s' %s", need->at->text, err);
        return false;
    }
    slide->clip_w = info.w;
    slide->clip_h = info.h;
    slide->clip_ms = info.duration_ms;
    char advice[512];
    if (!cor_video_advice(&info, CHECK_DISPLAY_HZ, advice, sizeof(advice)))
        cor_schema_need_warning(c, need, "the video '%s' %s", need->at->text, advice);
    return true;
}

/* Reads the session or calendar file NEED names, up to MAX bytes; NULL with a message. */
static char *read_named(struct cor_load *l, const struct cor_need *need, size_t max, size_t *len)
{
    char err[256];
    char *text = cor_file_read_text(need->path, max, len, err, sizeof(err));
    if (!text)
        cor_diags_add(l->sc.diags, COR_SEV_ERROR, need->file, need->at->line, need->at->col,
                      "the %s '%s' %s",
                      need->kind == COR_NEED_CALENDAR ? "calendar file" : "session file",
                      need->at->text, err);
    return text;
}

/* A session file: read, parsed, and its sessions validated by the schema into its slide. */
static bool sessions_ok(struct cor_load *l, const struct cor_need *need)
{
    struct cor_schema *c = &l->sc;
    size_t len = 0;
    char *text = read_named(l, need, COR_MAX_FILE_BYTES, &len);
    if (!text)
        return false;
    struct cor_ynode *root = cor_load_yaml(l, need->display, text, len);
    const char *kept = root ? cor_arena_strndup(c->scratch, text, len) : NULL;
    free(text);
    if (!root)
        return false;
    if (!kept) {
        cor_diags_add(c->diags, COR_SEV_ERROR, need->display, 0, 0, "out of memory");
        return false;
    }
    return cor_schema_session_file(c, need, root, kept, len);
}

/* Expands calendar TEXT into the sessions of its slide over the days the slide can show. */
static bool expand_calendar(struct cor_load *l, const struct cor_need *need, const char *text,
                            size_t len)
{
    struct cor_schema *c = &l->sc;
    struct cor_slide *slide = cor_schema_slide_of(need);
    cor_minute now = l->opts->has_now ? l->opts->now : cor_clock_civil(time(NULL), c->pl->timezone);
    int32_t first = (int32_t)(now / COR_MINUTES_PER_DAY) - 1;
    if (slide->when.has_from && slide->when.from / COR_MINUTES_PER_DAY > first)
        first = (int32_t)(slide->when.from / COR_MINUTES_PER_DAY);
    int32_t last = first + COR_CALENDAR_DAYS - 1;
    if (slide->when.has_until && (slide->when.until - 1) / COR_MINUTES_PER_DAY < last)
        last = (int32_t)((slide->when.until - 1) / COR_MINUTES_PER_DAY);
    struct cor_ics_result res;
    if (!cor_ics_read(text, len, need->display, first, last, c->pl->timezone, c->arena, c->diags,
                      &res))
        return false;
    slide->sessions = res.sessions;
    slide->n_sessions = res.n_sessions;
    slide->calendar_events = res.n_events;
    slide->calendar_cancelled = res.n_cancelled;
    slide->calendar_unusable = res.n_unusable;
    return true;
}

/* A calendar file: read, then (when its slide was read without a mistake, so that its `when` is
 * known) expanded. */
static bool calendar_ok(struct cor_load *l, const struct cor_need *need)
{
    struct cor_schema *c = &l->sc;
    size_t len = 0;
    char *text = read_named(l, need, COR_ICS_MAX_BYTES, &len);
    if (!text)
        return false;
    bool ok = cor_diags_add_source(c->diags, need->display, text, len);
    c->pl->hash = cor_load_hash(c->pl->hash, text, len);
    const char *kept = ok ? cor_arena_strndup(c->scratch, text, len) : NULL;
    free(text);
    if (!kept) {
        cor_diags_add(c->diags, COR_SEV_ERROR, need->display, 0, 0, "out of memory reading it");
        return false;
    }
    return !cor_schema_slide_ok(need) || expand_calendar(l, need, kept, len);
}

static bool need_ok(struct cor_load *l, const struct cor_need *need)
{
    if (need->kind == COR_NEED_ZONE)
        return zone_ok(l, need);
    if (!l->opts->check_files)
        return true;
    switch (need->kind) {
    case COR_NEED_FONT:
        return font_ok(l, need);
    case COR_NEED_IMAGE:
        return file_ok(l, need) && image_ok(l, need);
    case COR_NEED_FONT_FILE:
        return file_ok(l, need) && font_file_ok(l, need);
    case COR_NEED_SESSIONS:
        return file_ok(l, need) && sessions_ok(l, need);
    case COR_NEED_CALENDAR:
        return file_ok(l, need) && calendar_ok(l, need);
    case COR_NEED_VIDEO:
        return file_ok(l, need) && video_ok(l, need);
    default:
        return file_ok(l, need);
    }
}

void cor_load_files(struct cor_load *l)
{
    for (size_t i = 0; i < l->sc.n_needs; i++)
        if (!need_ok(l, &l->sc.needs[i]))
            l->sc.needs[i].failed = true;
}
