/* schema.c: the playlist schema as tables ({key, shape, parser, offset, slide types}) for
 * slides, the theme, the defaults and the top level, building the typed model. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "arena.h"
#include "paths.h"
#include "schema_priv.h"
#include "value.h"

#include "schedule.h"

/* ---- slides ------------------------------------------------------------------------------- */

static const struct cor_sc_word type_words[] = {{"sessions", COR_SLIDE_SESSIONS},
                                                {"image", COR_SLIDE_IMAGE},
                                                {"quote", COR_SLIDE_QUOTE},
                                                {"text", COR_SLIDE_TEXT},
                                                {"video", COR_SLIDE_VIDEO},
                                                {NULL, 0}};
static const struct cor_sc_word transition_words[] = {{"none", COR_TRANSITION_NONE},
                                                      {"fade", COR_TRANSITION_FADE},
                                                      {"slide", COR_TRANSITION_SLIDE},
                                                      {NULL, 0}};
static const struct cor_sc_word show_words[] = {
    {"today", COR_SHOW_TODAY}, {"upcoming", COR_SHOW_UPCOMING}, {"all", COR_SHOW_ALL}, {NULL, 0}};
static const struct cor_sc_word finished_words[] = {
    {"dim", COR_FINISHED_DIM}, {"hide", COR_FINISHED_HIDE}, {NULL, 0}};
static const struct cor_sc_word fit_words[] = {
    {"contain", COR_FIT_CONTAIN}, {"cover", COR_FIT_COVER}, {NULL, 0}};

/* "ward-7 ward-8", "ward-7; ward-8" or "ward-7 and ward-8": several screen names run together,
 * which no one screen has. A name of words such as "Ward 7" is left alone. */
static bool looks_like_several(const char *name)
{
    if (strchr(name, ';') || strstr(name, " and ") || strstr(name, " & "))
        return true;
    if (!strchr(name, ' '))
        return false;
    char word[64];
    for (const char *p = name; *p;) {
        size_t n = strcspn(p, " ");
        if (n && n < sizeof(word)) {
            memcpy(word, p, n);
            word[n] = '\0';
            if (!strpbrk(word, "-_0123456789"))
                return false;
        }
        p += n;
        while (*p == ' ')
            p++;
    }
    return true;
}

/* NAME with its separators (spaces, ';', "and") as ", ", for the message. */
static const char *several_as_list(struct cor_load *c, const char *name)
{
    char out[256];
    size_t k = 0;
    bool gap = false;
    for (const char *p = name; *p && k + 3 < sizeof(out); p++) {
        if (strncmp(p, " and ", 5) == 0 || strncmp(p, " & ", 3) == 0) {
            p += p[1] == '&' ? 1 : 3;
            gap = true;
        } else if (*p == ' ' || *p == ';' || *p == ',') {
            gap = true;
        } else {
            if (gap && k) {
                out[k++] = ',';
                out[k++] = ' ';
            }
            gap = false;
            out[k++] = *p;
        }
    }
    out[k] = '\0';
    const char *copy = cor_arena_strdup(c->scratch, out);
    return copy ? copy : name;
}

/* "screens: ward-7, ward-8": YAML reads one name with a comma in it, which no screen has. The
 * names are read as the list that was meant, and the brackets are asked for. */
static bool comma_screens(struct cor_load *c, const struct cor_ynode *v, struct cor_slide *slide)
{
    if (strpbrk(v->text, "[]")) {
        /* "ward-7, ward-8]": one bracket of the two. */
        char list[256];
        size_t k = 0;
        for (const char *p = v->text; *p && k + 1 < sizeof(list); p++)
            if (*p != '[' && *p != ']')
                list[k++] = *p;
        list[k] = '\0';
        cor_sc_error_at(c, v,
                        "this list of screens has only one of its brackets; write it with both: "
                        "screens: [%s]",
                        list);
        return false;
    }
    size_t n = 1;
    for (const char *p = v->text; *p; p++)
        n += *p == ',';
    slide->screens = cor_arena_array(c->arena, n, sizeof(*slide->screens));
    char *copy = cor_arena_strdup(c->arena, v->text), *save = NULL;
    if (!slide->screens || !copy)
        return cor_sc_oom(c), false;
    for (char *part = strtok_r(copy, ",", &save); part; part = strtok_r(NULL, ",", &save)) {
        while (*part == ' ')
            part++;
        size_t k = strlen(part);
        while (k && part[k - 1] == ' ')
            part[--k] = '\0';
        if (*part)
            slide->screens[slide->n_screens++] = part;
    }
    cor_sc_warning_at(c, v,
                      "'%s' is read as %zu screen names only because corridor guesses: a list "
                      "needs brackets in YAML (without them it is one name with commas in it); "
                      "write screens: [%s]",
                      v->text, slide->n_screens, v->text);
    return true;
}

bool cor_sc_screens_value(struct cor_load *c, const struct cor_sc_field *f,
                          const struct cor_ynode *v, void *target)
{
    struct cor_slide *slide = target;
    if (!cor_sc_not_empty(c, f, v))
        return false;
    if (v->kind == COR_YNODE_SCALAR && v->plain && strchr(v->text, ','))
        return comma_screens(c, v, slide);
    size_t n = v->kind == COR_YNODE_SCALAR ? 1 : v->n_kids;
    if (n == 0) {
        cor_sc_warning_at(c, v,
                          "'screens' is an empty list, so no screen shows %s; name at least one "
                          "screen, or remove the line",
                          c->where);
        slide->screens = cor_arena_array(c->arena, 1, sizeof(*slide->screens));
        slide->screens[0] = "";
        slide->n_screens = 1;
        return true;
    }
    slide->screens = cor_arena_array(c->arena, n, sizeof(*slide->screens));
    if (!slide->screens)
        return cor_sc_oom(c), false;
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        const struct cor_ynode *s = v->kind == COR_YNODE_SCALAR ? v : v->kids[i];
        if (s->kind != COR_YNODE_SCALAR || s->empty) {
            cor_sc_error_at(c, s, "each screen is a name, such as ward-3");
            ok = false;
            continue;
        }
        slide->screens[slide->n_screens++] = cor_sc_trimmed_copy(c, s);
        if (looks_like_several(s->text))
            cor_sc_warning_at(c, s,
                              "'%s' is read as one screen name, and no screen is likely to have "
                              "it; if these are several screens, write each name in the brackets "
                              "with a comma between: screens: [%s]",
                              s->text, several_as_list(c, s->text));
    }
    return ok;
}

/* `text` is a colour on every slide but a quote; words written there get a pointer to `body`. */
static bool text_color_value(struct cor_load *c, const struct cor_sc_field *f,
                             const struct cor_ynode *v, void *target)
{
    struct cor_color col;
    if (v->kind == COR_YNODE_SCALAR && !v->empty && strchr(v->text, ' ') &&
        !cor_parse_color(v->text, &col, NULL, 0)) {
        cor_sc_error_at(c, v,
                        "on a %s slide 'text' is the colour of the text, not its words; "
                        "put the words under %s, and write a colour here (such as white)",
                        cor_slide_type_name(((struct cor_slide *)target)->type),
                        ((struct cor_slide *)target)->type == COR_SLIDE_TEXT ? "'body:'"
                                                                             : "'title:'");
        return false;
    }
    return cor_sc_color_value(c, f, v, target);
}

#define S(member) offsetof(struct cor_slide, member)
static const struct cor_sc_field slide_fields[] = {
    {"type", COR_SC_SCALAR, NULL, 0, 0, NULL, "sessions, image, video, quote or text"},
    {"duration", COR_SC_SCALAR, cor_sc_duration_value, S(duration_ms), 0, NULL, "10s"},
    {"transition", COR_SC_SCALAR, cor_sc_enum_value, S(transition), 0, transition_words, "fade"},
    {"when", COR_SC_MAPPING, cor_sc_when_value, S(when), 0, NULL, NULL},
    {"screens", COR_SC_SCALAR_OR_LIST, cor_sc_screens_value, 0, 0, NULL, "[ward-3, ward-4]"},
    {"background", COR_SC_SCALAR, cor_sc_color_value, S(background), 0, NULL, "\"#005EB8\""},
    {"text", COR_SC_SCALAR, text_color_value, S(text_color),
     COR_SC_T(SESSIONS) | COR_SC_T(IMAGE) | COR_SC_T(TEXT), NULL, "\"#FFFFFF\""},
    {"accent", COR_SC_SCALAR, cor_sc_color_value, S(accent), 0, NULL, "\"#00A499\""},
    {"title", COR_SC_SCALAR, cor_sc_string_value, S(title), COR_SC_T(SESSIONS) | COR_SC_T(TEXT),
     NULL, NULL},
    {"show", COR_SC_SCALAR, cor_sc_enum_value, S(show), COR_SC_T(SESSIONS), show_words, "today"},
    {"days", COR_SC_SCALAR, cor_sc_days_ahead_value, S(days), COR_SC_T(SESSIONS), NULL, "7"},
    {"finished", COR_SC_SCALAR, cor_sc_enum_value, S(finished), COR_SC_T(SESSIONS), finished_words,
     "dim"},
    {"when_empty", COR_SC_SCALAR, cor_sc_string_value, S(when_empty), COR_SC_T(SESSIONS), NULL,
     "skip"},
    {"sessions", COR_SC_SCALAR_OR_LIST, cor_sc_sessions_value, 0, COR_SC_T(SESSIONS), NULL,
     "sessions.yaml"},
    {"file", COR_SC_SCALAR, cor_sc_image_value, S(file), COR_SC_T(IMAGE), NULL,
     "assets/poster.png"},
    {"fit", COR_SC_SCALAR, cor_sc_enum_value, S(fit), COR_SC_T(IMAGE) | COR_SC_T(VIDEO), fit_words,
     "contain"},
    {"file", COR_SC_SCALAR, cor_sc_video_value, S(file), COR_SC_T(VIDEO), NULL,
     "assets/hand-hygiene.mp4"},
    {"loop", COR_SC_SCALAR, cor_sc_loop_value, S(loops), COR_SC_T(VIDEO), NULL, "3"},
    {"text", COR_SC_SCALAR, cor_sc_string_value, S(quote), COR_SC_T(QUOTE), NULL, NULL},
    {"name", COR_SC_SCALAR, cor_sc_string_value, S(name), COR_SC_T(QUOTE), NULL, NULL},
    {"role", COR_SC_SCALAR, cor_sc_string_value, S(role), COR_SC_T(QUOTE), NULL, NULL},
    {"photo", COR_SC_SCALAR, cor_sc_image_value, S(photo), COR_SC_T(QUOTE), NULL,
     "assets/people/john.jpg"},
    {"subtitle", COR_SC_SCALAR, cor_sc_string_value, S(subtitle), COR_SC_T(TEXT), NULL, NULL},
    {"body", COR_SC_SCALAR, cor_sc_string_value, S(body), COR_SC_T(TEXT), NULL, NULL},
};
#undef S
static const struct cor_sc_table slide_table = {"inside a slide, under 'slides:'", slide_fields,
                                                sizeof(slide_fields) / sizeof(slide_fields[0])};

/* Guesses a slide's type from its keys, for the message when `type` is missing. */
static int guess_type(const struct cor_ynode *map)
{
    for (size_t i = 0; i + 1 < map->n_kids; i += 2) {
        const char *k = map->kids[i]->kind == COR_YNODE_SCALAR ? map->kids[i]->text : "";
        if (strcmp(k, "sessions") == 0)
            return COR_SLIDE_SESSIONS;
        if (strcmp(k, "file") == 0) {
            const char *v = map->kids[i + 1]->kind == COR_YNODE_SCALAR ? map->kids[i + 1]->text
                                                                        : "";
            const char *dot = strrchr(v, '.');
            bool clip = dot && (strcasecmp(dot, ".mp4") == 0 || strcasecmp(dot, ".mov") == 0 ||
                                strcasecmp(dot, ".mkv") == 0 || strcasecmp(dot, ".webm") == 0);
            return clip ? COR_SLIDE_VIDEO : COR_SLIDE_IMAGE;
        }
        if (strcmp(k, "name") == 0 || strcmp(k, "role") == 0)
            return COR_SLIDE_QUOTE;
        if (strcmp(k, "body") == 0 || strcmp(k, "subtitle") == 0)
            return COR_SLIDE_TEXT;
    }
    return -1;
}

static void contrast_warning(struct cor_load *c, const struct cor_ynode *at, struct cor_color fg,
                             struct cor_color bg, const char *whose)
{
    double ratio = cor_contrast_ratio(fg, bg);
    if (ratio >= 4.5)
        return;
    cor_sc_warning_at(c, at,
                      "%s text (#%02X%02X%02X) on its background (#%02X%02X%02X) has a "
                      "contrast of %.1f:1, under the 4.5:1 people need to read it from a "
                      "distance; make one of them darker or lighter",
                      whose, fg.r, fg.g, fg.b, bg.r, bg.g, bg.b, ratio);
}

static void sessions_warnings(struct cor_load *c, const struct cor_slide *slide,
                              const struct cor_ynode *at)
{
    if (!c->opts->has_now || slide->n_sessions == 0)
        return;
    /* The session that ends last (a long session written first may end after the later ones). */
    const struct cor_session *last = &slide->sessions[0];
    cor_minute end = INT64_MIN;
    for (size_t i = 0; i < slide->n_sessions; i++) {
        const struct cor_session *s = &slide->sessions[i];
        cor_minute e = (cor_minute)s->day * COR_MINUTES_PER_DAY + s->end_min;
        if (e > end) {
            end = e;
            last = s;
        }
    }
    if (end <= c->opts->now) {
        char d[64];
        cor_format_date(last->day, d, sizeof(d));
        cor_sc_warning_at(c, at, "every session of %s is over (the last was on %s); %s", c->where,
                          d,
                          slide->when_empty ? "it will show its 'when_empty' sentence"
                                            : "the slide will not be shown");
    }
}

static bool one_slide(struct cor_load *c, const struct cor_ynode *item, int index,
                      struct cor_slide *slide)
{
    const struct cor_ynode *seen[COR_SC_MAX_FIELDS];
    snprintf(c->where, sizeof(c->where), "slide %d", index);
    if (item->kind != COR_YNODE_MAPPING) {
        cor_sc_error_at(c, item,
                        "slide %d is %s; a slide needs keys, starting with type: (sessions, "
                        "image, video, quote or text)",
                        index, cor_sc_kind_noun(item->kind));
        return false;
    }
    const struct cor_ynode *type_node = NULL;
    for (size_t i = 0; i + 1 < item->n_kids; i += 2) {
        if (item->kids[i]->kind != COR_YNODE_SCALAR || strcmp(item->kids[i]->text, "type") != 0)
            continue;
        if (type_node) {
            /* Two slides run together: the second one's '- ' was deleted. */
            cor_sc_error_at(c, item->kids[i],
                            "slide %d has a second 'type' here (the first is on line %d): the "
                            "'- ' that starts the next slide is missing; write - type: %s at "
                            "the indentation of the '- ' on line %d",
                            index, type_node->line,
                            item->kids[i + 1]->kind == COR_YNODE_SCALAR ? item->kids[i + 1]->text
                                                                        : "...",
                            item->line);
            return false;
        }
        type_node = item->kids[i + 1];
    }
    int type;
    if (!type_node) {
        type = guess_type(item);
        if (type >= 0)
            cor_sc_error_at(c, item,
                            "slide %d has no 'type'; it looks like a %s slide: add type: %s", index,
                            cor_slide_type_name((enum cor_slide_type)type),
                            cor_slide_type_name((enum cor_slide_type)type));
        else
            cor_sc_error_at(c, item,
                            "slide %d has no 'type'; add type: sessions, image, video, quote or "
                            "text",
                            index);
        return false;
    }
    static const struct cor_sc_field type_field = {
        "type", COR_SC_SCALAR, cor_sc_enum_value, 0, 0, type_words, NULL};
    if (type_node->kind != COR_YNODE_SCALAR) {
        cor_sc_error_at(c, type_node,
                        "a slide's 'type' is one word: sessions, image, video, quote or text, "
                        "not %s",
                        cor_sc_kind_noun(type_node->kind));
        return false;
    }
    if (!cor_sc_enum_value(c, &type_field, type_node, &type))
        return false;

    const struct cor_theme *theme = &c->pl->theme;
    *slide = (struct cor_slide){
        .type = (enum cor_slide_type)type,
        .index = index,
        .pos = cor_sc_pos_of(c, item),
        .duration_ms = c->pl->defaults.duration_ms,
        .transition = c->pl->defaults.transition,
        .transition_ms = c->pl->defaults.transition_ms,
        .background = theme->background,
        .text_color = theme->text,
        .accent = theme->accent,
        .days = 7,
    };
    snprintf(c->where, sizeof(c->where), "slide %d (%s)", index, cor_slide_type_name(slide->type));
    c->n_suggested = 0;
    c->ics_text = NULL;
    bool ok = cor_sc_walk(c, item, &slide_table, 1u << type, slide, seen);
    /* A calendar file's events over the days this slide can show (its `when` now known). */
    if (ok && !cor_sc_calendar(c, slide))
        ok = false;
    c->ics_text = NULL;

    static const char *const required[COR_SLIDE_TYPE_COUNT][2] = {
        [COR_SLIDE_SESSIONS] = {"sessions", NULL},
        [COR_SLIDE_IMAGE] = {"file", NULL},
        [COR_SLIDE_QUOTE] = {"text", "name"},
        [COR_SLIDE_TEXT] = {NULL, NULL},
        [COR_SLIDE_VIDEO] = {"file", NULL},
    };
    static const char *const what[COR_SLIDE_TYPE_COUNT][2] = {
        [COR_SLIDE_SESSIONS] = {"a list of sessions, or the name of a session file", NULL},
        [COR_SLIDE_IMAGE] = {"the picture's file name", NULL},
        [COR_SLIDE_QUOTE] = {"the quotation", "who said it"},
        [COR_SLIDE_VIDEO] = {"the clip's file name", NULL},
    };
    for (int i = 0; i < 2; i++) {
        const char *key = required[type][i];
        if (key && !cor_sc_given(&slide_table, seen, key) && !cor_sc_was_suggested(c, key)) {
            cor_sc_error_at(c, item, "%s has no '%s'; add %s: with %s", c->where, key, key,
                            what[type][i]);
            ok = false;
        }
    }
    if (type == COR_SLIDE_TEXT && !cor_sc_given(&slide_table, seen, "title") &&
        !cor_sc_given(&slide_table, seen, "body") && !cor_sc_was_suggested(c, "title") &&
        !cor_sc_was_suggested(c, "body")) {
        cor_sc_error_at(c, item,
                        "%s has neither 'title' nor 'body'; add title: and body: with its words",
                        c->where);
        ok = false;
    }
    if (cor_sc_given(&slide_table, seen, "days") && slide->show != COR_SHOW_UPCOMING)
        cor_sc_warning_at(c, cor_sc_given(&slide_table, seen, "days"),
                          "'days' is used only with show: upcoming; this slide shows %s",
                          slide->show == COR_SHOW_TODAY ? "today's sessions" : "all sessions");
    if (!ok)
        return false;
    if (type == COR_SLIDE_VIDEO && !cor_load_video_slide(c, slide, item,
                                                        cor_sc_given(&slide_table, seen, "file"),
                                                        cor_sc_given(&slide_table, seen,
                                                                     "duration")))
        return false;
    /* Where the words were written, for messages about their fit: only the keys given. */
    for (size_t k = 0; k < slide_table.n; k++)
        for (int i = 0; seen[k] && i < COR_FIELD_COUNT; i++)
            if (strcmp(slide_table.fields[k].key, cor_field_key(i)) == 0)
                slide->field_pos[i] = cor_sc_pos_of(c, seen[k]);
    /* With neither its own duration nor transition, the defaults have said it once. */
    bool own = cor_sc_given(&slide_table, seen, "duration") ||
               cor_sc_given(&slide_table, seen, "transition");
    if (own && slide->transition != COR_TRANSITION_NONE &&
        slide->transition_ms >= slide->duration_ms) {
        const struct cor_ynode *at = cor_sc_given(&slide_table, seen, "duration");
        cor_sc_warning_at(c, at ? at : item,
                          "the transition into %s (%.1fs) is longer than the slide stays up "
                          "(%.1fs), so it is gone before it has finished arriving; make the "
                          "slide longer, the transition_time shorter, or write transition: none",
                          c->where, slide->transition_ms / 1000.0, slide->duration_ms / 1000.0);
    }
    if (type == COR_SLIDE_SESSIONS && !slide->title)
        slide->title = slide->show == COR_SHOW_TODAY      ? "Today's sessions"
                       : slide->show == COR_SHOW_UPCOMING ? "Coming up"
                                                          : "Sessions";
    if (cor_sc_given(&slide_table, seen, "text") ||
        cor_sc_given(&slide_table, seen, "background")) {
        const struct cor_ynode *at = cor_sc_given(&slide_table, seen, "background");
        if (!at || type == COR_SLIDE_QUOTE || cor_sc_given(&slide_table, seen, "text"))
            at = cor_sc_given(&slide_table, seen, type == COR_SLIDE_QUOTE ? "background" : "text");
        if (!at)
            at = cor_sc_given(&slide_table, seen, "background");
        if (type != COR_SLIDE_IMAGE && type != COR_SLIDE_VIDEO)
            contrast_warning(c, at, slide->text_color, slide->background, "this slide's");
    }
    bool ended = slide->when.has_until && c->opts->has_now && slide->when.until <= c->opts->now;
    if (type == COR_SLIDE_SESSIONS && !ended)
        sessions_warnings(c, slide, item);
    return true;
}

static bool p_slides(struct cor_load *c, const struct cor_sc_field *f, const struct cor_ynode *v,
                     void *target)
{
    (void)f;
    (void)target;
    /* Slides are read after the theme and defaults they inherit from; see cor_schema_playlist. */
    return v->kind == COR_YNODE_SEQUENCE || v->empty;
}

static void read_slides(struct cor_load *c, const struct cor_ynode *list)
{
    struct cor_playlist *pl = c->pl;
    if (!list || list->n_kids == 0) {
        cor_sc_error_at(c, list,
                        "the playlist has no slides; add slides: with at least one slide "
                        "under it");
        return;
    }
    pl->slides = cor_arena_array(c->arena, list->n_kids, sizeof(*pl->slides));
    if (!pl->slides) {
        cor_sc_oom(c);
        return;
    }
    for (size_t i = 0; i < list->n_kids; i++)
        if (one_slide(c, list->kids[i], (int)i + 1, &pl->slides[pl->n_slides]))
            pl->n_slides++;
    /* Every slide that is left out has said why; this is a guard so that a playlist with no
     * slide can never replace a good one. */
    if (pl->n_slides == 0 && c->diags->n_errors == 0)
        cor_sc_error_at(c, list, "no slide of the playlist could be read; check each slide's keys");
}

/* ---- theme, defaults, the whole file ------------------------------------------------------ */

#define TH(member) offsetof(struct cor_theme, member)
static const struct cor_sc_field theme_fields[] = {
    {"background", COR_SC_SCALAR, cor_sc_color_value, TH(background), 0, NULL, "\"#005EB8\""},
    {"text", COR_SC_SCALAR, cor_sc_color_value, TH(text), 0, NULL, "\"#FFFFFF\""},
    {"accent", COR_SC_SCALAR, cor_sc_color_value, TH(accent), 0, NULL, "\"#00A499\""},
    {"font", COR_SC_SCALAR, cor_sc_font_value, 0, 0, NULL, "DejaVu Sans"},
    {"logo", COR_SC_SCALAR, cor_sc_image_value, TH(logo), 0, NULL, "assets/logo.png"},
    {"footer", COR_SC_SCALAR, cor_sc_string_value, TH(footer), 0, NULL, NULL},
    {"clock", COR_SC_SCALAR, cor_sc_bool_value, TH(clock), 0, NULL, "true"},
};
#undef TH
static const struct cor_sc_table theme_table = {"under 'theme:'", theme_fields,
                                                sizeof(theme_fields) / sizeof(theme_fields[0])};

#define DF(member) offsetof(struct cor_defaults, member)
static const struct cor_sc_field default_fields[] = {
    {"duration", COR_SC_SCALAR, cor_sc_duration_value, DF(duration_ms), 0, NULL, "10s"},
    {"transition", COR_SC_SCALAR, cor_sc_enum_value, DF(transition), 0, transition_words, "fade"},
    {"transition_time", COR_SC_SCALAR, cor_sc_transition_time_value, DF(transition_ms), 0, NULL,
     "0.8s"},
};
#undef DF
static const struct cor_sc_table defaults_table = {
    "under 'defaults:'", default_fields, sizeof(default_fields) / sizeof(default_fields[0])};

static bool p_theme(struct cor_load *c, const struct cor_sc_field *f, const struct cor_ynode *v,
                    void *target)
{
    const struct cor_ynode *seen[COR_SC_MAX_FIELDS];
    (void)f;
    (void)target;
    if (!cor_sc_need_mapping(c, v, "'theme'", "background:, text:, accent:, font:"))
        return v->empty;
    char saved[sizeof(c->where)];
    memcpy(saved, c->where, sizeof(saved));
    snprintf(c->where, sizeof(c->where), "the theme");
    bool ok = cor_sc_walk(c, v, &theme_table, 0, &c->pl->theme, seen);
    if (cor_sc_given(&theme_table, seen, "footer"))
        c->pl->theme.footer_pos = cor_sc_pos_of(c, cor_sc_given(&theme_table, seen, "footer"));
    memcpy(c->where, saved, sizeof(saved));
    if (ok)
        contrast_warning(c, v, c->pl->theme.text, c->pl->theme.background, "the theme's");
    return ok;
}

static bool p_defaults(struct cor_load *c, const struct cor_sc_field *f, const struct cor_ynode *v,
                       void *target)
{
    const struct cor_ynode *seen[COR_SC_MAX_FIELDS];
    (void)f;
    (void)target;
    if (!cor_sc_need_mapping(c, v, "'defaults'", "duration:, transition:, transition_time:"))
        return v->empty;
    char saved[sizeof(c->where)];
    memcpy(saved, c->where, sizeof(saved));
    snprintf(c->where, sizeof(c->where), "the defaults");
    bool ok = cor_sc_walk(c, v, &defaults_table, 0, &c->pl->defaults, seen);
    memcpy(c->where, saved, sizeof(saved));
    if (!ok)
        return false;
    const struct cor_defaults *d = &c->pl->defaults;
    if (d->transition != COR_TRANSITION_NONE && d->transition_ms >= d->duration_ms) {
        const struct cor_ynode *at = cor_sc_given(&defaults_table, seen, "duration");
        if (!at)
            at = cor_sc_given(&defaults_table, seen, "transition_time");
        cor_sc_warning_at(c, at ? at : v,
                          "the transition (%.1fs) is longer than a slide stays up (%.1fs), so "
                          "each slide is gone before it has finished arriving; make the duration "
                          "longer, the transition_time shorter, or write transition: none",
                          d->transition_ms / 1000.0, d->duration_ms / 1000.0);
    }
    return true;
}

#define PL(member) offsetof(struct cor_playlist, member)
static const struct cor_sc_field top_fields[] = {
    {"name", COR_SC_SCALAR, cor_sc_string_value, PL(name), 0, NULL, NULL},
    {"timezone", COR_SC_SCALAR, cor_sc_zone_value, PL(timezone), 0, NULL, "Europe/London"},
    {"theme", COR_SC_MAPPING, p_theme, 0, 0, NULL, NULL},
    {"defaults", COR_SC_MAPPING, p_defaults, 0, 0, NULL, NULL},
    {"slides", COR_SC_LIST, p_slides, 0, 0, NULL, NULL},
    {"power", COR_SC_MAPPING_OR_LIST, cor_sc_power_value, 0, 0, NULL, "weekdays: 07:00-19:30"},
};
#undef PL
static const struct cor_sc_table top_table = {"at the top level of the playlist (not indented)",
                                              top_fields,
                                              sizeof(top_fields) / sizeof(top_fields[0])};

void cor_schema_playlist(struct cor_load *c, const struct cor_ynode *root)
{
    struct cor_playlist *pl = c->pl;
    pl->theme = (struct cor_theme){
        .background = {0x00, 0x30, 0x87, 0xFF},
        .text = {0xFF, 0xFF, 0xFF, 0xFF},
        .accent = {0x00, 0xA4, 0x99, 0xFF},
        .font = "DejaVu Sans",
        .clock = true,
    };
    pl->defaults = (struct cor_defaults){10000, COR_TRANSITION_FADE, 800};
    if (root->kind != COR_YNODE_MAPPING) {
        cor_sc_error_at(c, root,
                        "a playlist starts with keys such as name:, theme: and slides:, but "
                        "this file holds %s",
                        cor_sc_kind_noun(root->kind));
        return;
    }
    const struct cor_ynode *seen[COR_SC_MAX_FIELDS];
    snprintf(c->where, sizeof(c->where), "the playlist");
    cor_sc_walk(c, root, &top_table, 0, pl, seen);
    const struct cor_ynode *slides = cor_sc_given(&top_table, seen, "slides");
    if (!slides) {
        cor_sc_error_at(c, root,
                        "the playlist has no 'slides:'; add slides: with at least one slide "
                        "under it");
        return;
    }
    if (slides->kind == COR_YNODE_SEQUENCE || slides->empty)
        read_slides(c, slides);
}

const struct cor_sc_table *const *cor_schema_tables(size_t *n)
{
    static const struct cor_sc_table *const tables[] = {&top_table,         &theme_table,
                                                        &defaults_table,    &slide_table,
                                                        &cor_sc_when_table, &cor_sc_session_table};
    *n = sizeof(tables) / sizeof(tables[0]);
    return tables;
}
