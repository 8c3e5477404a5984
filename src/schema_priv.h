/* schema_priv.h: the schema's building blocks shared by schema*.c: the field and table types,
 * the generic walker, and the value parsers fields point at. Internal to the loader. */
#pragma once

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "schema.h"

enum cor_sc_shape {
    COR_SC_SCALAR,
    COR_SC_LIST,
    COR_SC_MAPPING,
    COR_SC_SCALAR_OR_LIST,
    COR_SC_MAPPING_OR_LIST,
};

struct cor_sc_field;
typedef bool (*cor_sc_field_fn)(struct cor_load *c, const struct cor_sc_field *f,
                                const struct cor_ynode *v, void *target);

struct cor_sc_word {
    const char *word;
    int value;
};

struct cor_sc_field {
    const char *key;
    enum cor_sc_shape shape;
    cor_sc_field_fn parse;
    size_t offset;
    unsigned types;                  /* slide types taking the key (1 << type); 0: every one */
    const struct cor_sc_word *words; /* for enums */
    const char *example;             /* what to write, for messages */
};

struct cor_sc_table {
    const char *name; /* where its keys belong, for "belongs under" hints */
    const struct cor_sc_field *fields;
    size_t n;
};

#define COR_SC_SLOT(target, f, type) ((type *)((char *)(target) + (f)->offset))
#define COR_SC_ALL_TYPES             ((1u << COR_SLIDE_TYPE_COUNT) - 1)
#define COR_SC_T(x)                  (1u << COR_SLIDE_##x)
#define COR_SC_MAX_FIELDS            32

/* Every table, for "this key belongs under ..." hints. */
const struct cor_sc_table *const *cor_schema_tables(size_t *n);
extern const struct cor_sc_table cor_sc_when_table, cor_sc_session_table;

/* Messages at a node's position, in the file being read. */
void cor_sc_error_at(struct cor_load *c, const struct cor_ynode *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void cor_sc_warning_at(struct cor_load *c, const struct cor_ynode *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void cor_sc_oom(struct cor_load *c);
struct cor_pos cor_sc_pos_of(const struct cor_load *c, const struct cor_ynode *n);
const char *cor_sc_kind_noun(enum cor_ynode_kind k);
bool cor_sc_not_empty(struct cor_load *c, const struct cor_sc_field *f, const struct cor_ynode *v);
char *cor_sc_trimmed_copy(struct cor_load *c, const struct cor_ynode *v);
bool cor_sc_resolve_file(struct cor_load *c, const struct cor_ynode *v, const char *noun,
                         struct cor_file *out);

/* What YAML changed without a word (schema_hints.c). The raw text of LINE in the file being
 * read; errors for curly quotes and for a comment glued to a value; warnings for text cut short
 * by a ' #' and for lines joined into one; an error for a backslash in a path. */
const char *cor_sc_raw_line(struct cor_load *c, int line, size_t *len);
bool cor_sc_curly_quotes(struct cor_load *c, const struct cor_sc_field *f,
                         const struct cor_ynode *v);
bool cor_sc_glued_comment(struct cor_load *c, const struct cor_sc_field *f,
                          const struct cor_ynode *v);
void cor_sc_text_hints(struct cor_load *c, const struct cor_sc_field *f, const struct cor_ynode *v);
bool cor_sc_path_ok(struct cor_load *c, const struct cor_ynode *v, const char *noun);
/* A session's date or time written as TBC, "to be confirmed" or "all day": said so. */
bool cor_sc_known_yet(struct cor_load *c, const struct cor_sc_field *f, const struct cor_ynode *v);

/* Walks MAP against table T into TARGET. SEEN[i] receives the value node of field i when the
 * key was given (NULL otherwise). Returns false when a mistake was found. */
bool cor_sc_walk(struct cor_load *c, const struct cor_ynode *map, const struct cor_sc_table *t,
                 unsigned type_bit, void *target, const struct cor_ynode **seen);
const struct cor_ynode *cor_sc_given(const struct cor_sc_table *t, const struct cor_ynode **seen,
                                     const char *key);
/* True when an unknown key in the mapping just read was answered with "did you mean KEY". */
bool cor_sc_was_suggested(const struct cor_load *c, const char *key);
bool cor_sc_need_mapping(struct cor_load *c, const struct cor_ynode *map, const char *what,
                         const char *example);

/* The video slide (schema_video.c): its clip and loop count, then, after the slide's keys are
 * read, whether video is built and how long the slide lasts. */
bool cor_sc_video_value(struct cor_load *c, const struct cor_sc_field *f, const struct cor_ynode *v,
                        void *target);
bool cor_sc_loop_value(struct cor_load *c, const struct cor_sc_field *f, const struct cor_ynode *v,
                       void *target);
bool cor_load_video_slide(struct cor_load *c, struct cor_slide *slide,
                          const struct cor_ynode *item, const struct cor_ynode *file,
                          const struct cor_ynode *duration);

/* Value parsers, one per kind of value (cor_sc_field_fn). */
bool cor_sc_string_value(struct cor_load *c, const struct cor_sc_field *f,
                         const struct cor_ynode *v, void *target);
bool cor_sc_duration_value(struct cor_load *c, const struct cor_sc_field *f,
                           const struct cor_ynode *v, void *target);
bool cor_sc_transition_time_value(struct cor_load *c, const struct cor_sc_field *f,
                                  const struct cor_ynode *v, void *target);
bool cor_sc_color_value(struct cor_load *c, const struct cor_sc_field *f, const struct cor_ynode *v,
                        void *target);
bool cor_sc_enum_value(struct cor_load *c, const struct cor_sc_field *f, const struct cor_ynode *v,
                       void *target);
bool cor_sc_bool_value(struct cor_load *c, const struct cor_sc_field *f, const struct cor_ynode *v,
                       void *target);
bool cor_sc_days_ahead_value(struct cor_load *c, const struct cor_sc_field *f,
                             const struct cor_ynode *v, void *target);
bool cor_sc_zone_value(struct cor_load *c, const struct cor_sc_field *f, const struct cor_ynode *v,
                       void *target);
bool cor_sc_link_value(struct cor_load *c, const struct cor_sc_field *f, const struct cor_ynode *v,
                       void *target);
bool cor_sc_image_value(struct cor_load *c, const struct cor_sc_field *f, const struct cor_ynode *v,
                        void *target);
bool cor_sc_font_value(struct cor_load *c, const struct cor_sc_field *f, const struct cor_ynode *v,
                       void *target);
bool cor_sc_when_value(struct cor_load *c, const struct cor_sc_field *f, const struct cor_ynode *v,
                       void *target);
/* "2 to 3.30" is read as 02:00 to 03:30: said when it looks like an afternoon that lost its pm. */
void cor_sc_early_warning(struct cor_load *c, const struct cor_ynode *v);
/* A slide's `screens` into the struct cor_slide TARGET; the power schedule's too. */
bool cor_sc_screens_value(struct cor_load *c, const struct cor_sc_field *f,
                          const struct cor_ynode *v, void *target);
/* The power schedule (`power:`, schema_power.c) into the struct cor_playlist TARGET. */
bool cor_sc_power_value(struct cor_load *c, const struct cor_sc_field *f, const struct cor_ynode *v,
                        void *target);
/* Expands the calendar file (.ics) the slide names, if any, into its sessions. */
bool cor_sc_calendar(struct cor_load *c, struct cor_slide *slide);
bool cor_sc_sessions_value(struct cor_load *c, const struct cor_sc_field *f,
                           const struct cor_ynode *v, void *target);
