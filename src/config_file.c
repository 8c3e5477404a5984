/* config_file.c: parses `key = value` settings lines against a table of keys, then commits them. */
#include "config_file.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "value.h"

enum {
    MAX_FILE_BYTES = 1024 * 1024, /* a settings file is a dozen lines; more is a wrong file */
    MAX_KEY_BYTES = 64,
    MSG_SIZE = 512,
    MAX_WINDOW_SIDE = 16384,
};

struct key_def;

/* Everything one parse needs; NEXT is a copy of the caller's options, committed only whole. */
struct parse_ctx {
    const char *file; /* the settings file's name, for messages */
    const char *dir;  /* the folder relative paths start from; NULL: leave them as written */
    struct cor_arena *arena;
    struct cor_diags *diags;
    struct cor_player_options next;
    const char **dirs; /* allow_dirs so far (arena, NULL-terminated), or NULL */
    size_t n_dirs;
    bool has_log_level;
    enum cor_log_level log_level;
    bool oom;
};

/* Applies VALUE (trimmed, never empty) to ctx->next; on a mistake returns false with MSG filled. */
typedef bool (*apply_fn)(struct parse_ctx *ctx, const struct key_def *key, const char *value,
                         char *msg, size_t msg_size);

struct key_def {
    const char *name;
    apply_fn apply;
    size_t offset;       /* the field in struct cor_player_options the shared handlers set */
    bool repeatable;     /* each line adds (allow_dir) rather than replaces */
    const char *example; /* a value that works, shown when the value is missing */
};

/* Copies S into the arena, or records that memory ran out. */
static char *keep(struct parse_ctx *ctx, const char *s)
{
    char *p = cor_arena_strdup(ctx->arena, s);
    if (!p)
        ctx->oom = true;
    return p;
}

/* VALUE as an absolute path when the settings file's folder is known and VALUE is relative. */
static char *keep_path(struct parse_ctx *ctx, const char *value)
{
    if (value[0] == '/' || !ctx->dir)
        return keep(ctx, value);
    char *p = cor_arena_printf(ctx->arena, "%s/%s", ctx->dir, value);
    if (!p)
        ctx->oom = true;
    return p;
}

static void *field(struct parse_ctx *ctx, const struct key_def *key)
{
    return (char *)&ctx->next + key->offset;
}

static bool apply_path(struct parse_ctx *ctx, const struct key_def *key, const char *value,
                       char *msg, size_t msg_size)
{
    *(const char **)field(ctx, key) = keep_path(ctx, value);
    return true;
}

static bool apply_string(struct parse_ctx *ctx, const struct key_def *key, const char *value,
                         char *msg, size_t msg_size)
{
    *(const char **)field(ctx, key) = keep(ctx, value);
    return true;
}

static bool apply_rotate(struct parse_ctx *ctx, const struct key_def *key, const char *value,
                         char *msg, size_t msg_size)
{
    long deg = 0;
    if (!cor_parse_int(value, 0, 270, &deg, NULL, 0) || deg % 90 != 0) {
        snprintf(msg, msg_size, "'%s' is not a rotation corridor can do; write 0, 90, 180 or 270",
                 value);
        return false;
    }
    *(int *)field(ctx, key) = (int)deg;
    return true;
}

static bool is_off(const char *value)
{
    static const char *const words[] = {"off", "no", "none", "false", NULL};
    for (const char *const *w = words; *w; w++) {
        size_t i = 0;
        while (value[i] && tolower((unsigned char)value[i]) == (*w)[i])
            i++;
        if (!value[i] && !(*w)[i])
            return true;
    }
    return false;
}

/* A length of time in seconds; "off" and "0" give 0. */
static bool apply_seconds(struct parse_ctx *ctx, const struct key_def *key, const char *value,
                          char *msg, size_t msg_size)
{
    uint32_t ms = 0;
    if (is_off(value) || strcmp(value, "0") == 0) {
        *(double *)field(ctx, key) = 0;
        return true;
    }
    if (!cor_parse_duration(value, &ms, NULL, 0)) {
        snprintf(msg, msg_size,
                 "'%s' is not a length of time; write it like 10s, 5m or 1h, or off to turn %s off",
                 value, key->name);
        return false;
    }
    *(double *)field(ctx, key) = ms / 1000.0;
    return true;
}

static bool apply_bool(struct parse_ctx *ctx, const struct key_def *key, const char *value,
                       char *msg, size_t msg_size)
{
    bool b = false;
    if (!cor_parse_bool(value, &b, NULL, 0)) {
        snprintf(msg, msg_size, "'%s' is neither yes nor no; write yes or no", value);
        return false;
    }
    *(bool *)field(ctx, key) = b;
    return true;
}

/* Reads a whole number of 1 to MAX_WINDOW_SIDE from S up to END; false if anything else. */
static bool window_side(const char *s, const char *end, int *out)
{
    if (s == end || end - s > 5)
        return false;
    long v = 0;
    for (const char *p = s; p < end; p++) {
        if (!isdigit((unsigned char)*p))
            return false;
        v = v * 10 + (*p - '0');
    }
    if (v < 1 || v > MAX_WINDOW_SIDE)
        return false;
    *out = (int)v;
    return true;
}

static bool apply_window(struct parse_ctx *ctx, const struct key_def *key, const char *value,
                         char *msg, size_t msg_size)
{
    if (is_off(value) || strcmp(value, "fullscreen") == 0) {
        ctx->next.window_w = ctx->next.window_h = 0;
        return true;
    }
    const char *x = strpbrk(value, "xX");
    int w = 0, h = 0;
    if (!x || !window_side(value, x, &w) || !window_side(x + 1, x + 1 + strlen(x + 1), &h)) {
        snprintf(msg, msg_size,
                 "'%s' is not a window size; write WIDTHxHEIGHT such as 1280x720, or off for "
                 "fullscreen",
                 value);
        return false;
    }
    ctx->next.window_w = w;
    ctx->next.window_h = h;
    return true;
}

static bool apply_log_level(struct parse_ctx *ctx, const struct key_def *key, const char *value,
                            char *msg, size_t msg_size)
{
    enum cor_log_level level;
    if (!cor_log_parse_level(value, &level)) {
        snprintf(msg, msg_size, "'%s' is not a log level; write error, warning, info or debug",
                 value);
        return false;
    }
    ctx->has_log_level = true;
    ctx->log_level = level;
    return true;
}

/* Adds a folder to the NULL-terminated list (the caller's folders first, then the file's). */
static bool apply_allow_dir(struct parse_ctx *ctx, const struct key_def *key, const char *value,
                            char *msg, size_t msg_size)
{
    const char *path = keep_path(ctx, value);
    const char **dirs = cor_arena_array(ctx->arena, ctx->n_dirs + 2, sizeof(*dirs));
    if (!path || !dirs) {
        ctx->oom = true;
        return true;
    }
    if (ctx->n_dirs)
        memcpy(dirs, ctx->dirs, ctx->n_dirs * sizeof(*dirs));
    dirs[ctx->n_dirs++] = path;
    dirs[ctx->n_dirs] = NULL;
    ctx->dirs = dirs;
    ctx->next.allow_dirs = dirs;
    return true;
}

#define OPT(member) offsetof(struct cor_player_options, member)

static const struct key_def keys[] = {
    {"playlist", apply_path, OPT(playlist), false, "/var/lib/corridor/playlist/example.yaml"},
    {"screen", apply_string, OPT(screen), false, "ward-12"},
    {"rotate", apply_rotate, OPT(rotate), false, "90"},
    {"status", apply_path, OPT(status_path), false, "/run/corridor/status.json"},
    {"screenshot", apply_path, OPT(screenshot_path), false, "/run/corridor/screen.png"},
    {"screenshot_every", apply_seconds, OPT(screenshot_every_s), false, "5m"},
    {"poll", apply_seconds, OPT(poll_s), false, "10s"},
    {"log_level", apply_log_level, 0, false, "info"},
    {"allow_dir", apply_allow_dir, OPT(allow_dirs), true, "/srv/shared-images"},
    {"window", apply_window, 0, false, "1280x720"},
    {"allow_quit", apply_bool, OPT(allow_quit), false, "yes"},
};

enum { N_KEYS = sizeof(keys) / sizeof(keys[0]) };

/* The key named by S[0..len), with - taken as _ and any letter case; NULL if none. */
static const struct key_def *find_key(const char *s, size_t len)
{
    for (size_t i = 0; i < N_KEYS; i++) {
        const char *k = keys[i].name;
        size_t j = 0;
        for (; j < len && k[j]; j++) {
            char c = (char)tolower((unsigned char)s[j]);
            if (c == '-')
                c = '_';
            if (c != k[j])
                break;
        }
        if (j == len && !k[j])
            return &keys[i];
    }
    return NULL;
}

/* 1-based column, in characters, of byte OFFSET in LINE. */
static int column(const char *line, size_t offset)
{
    int col = 1;
    for (size_t i = 0; i < offset; i++)
        if (((unsigned char)line[i] & 0xC0) != 0x80)
            col++;
    return col;
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* Reports an unknown key, with the nearest known one when there is a close one. */
static void unknown_key(struct parse_ctx *ctx, int line, int col, const char *key)
{
    const char *names[N_KEYS + 1];
    for (size_t i = 0; i < N_KEYS; i++)
        names[i] = keys[i].name;
    names[N_KEYS] = NULL;
    const char *near = cor_nearest_word(key, names);
    if (near) {
        cor_diags_add(ctx->diags, COR_SEV_ERROR, ctx->file, line, col,
                      "unknown key '%s'; did you mean '%s'?", key, near);
        return;
    }
    char list[MSG_SIZE] = "";
    for (size_t i = 0; i < N_KEYS; i++) {
        strncat(list, keys[i].name, sizeof(list) - strlen(list) - 1);
        if (i + 1 < N_KEYS)
            strncat(list, ", ", sizeof(list) - strlen(list) - 1);
    }
    cor_diags_add(ctx->diags, COR_SEV_ERROR, ctx->file, line, col,
                  "unknown key '%s'; the keys are %s", key, list);
}

/* Parses one line (LEN bytes, no newline). FIRST_LINE[k] remembers where key k was first set. */
static void parse_line(struct parse_ctx *ctx, const char *text, size_t len, int line,
                       int first_line[N_KEYS])
{
    size_t i = 0;
    while (i < len && is_blank(text[i]))
        i++;
    if (i == len || text[i] == '#')
        return;

    const char *eq = memchr(text + i, '=', len - i);
    size_t key_end = eq ? (size_t)(eq - text) : len;
    while (key_end > i && is_blank(text[key_end - 1]))
        key_end--;
    size_t key_len = key_end - i;
    char key[MAX_KEY_BYTES + 1];
    size_t shown = key_len < MAX_KEY_BYTES ? key_len : MAX_KEY_BYTES;
    memcpy(key, text + i, shown);
    key[shown] = '\0';
    int key_col = column(text, i);

    if (!eq) {
        const struct key_def *k = find_key(text + i, key_len);
        if (k)
            cor_diags_add(ctx->diags, COR_SEV_ERROR, ctx->file, line, key_col,
                          "'%s' needs a value; write %s = %s", key, k->name, k->example);
        else
            cor_diags_add(ctx->diags, COR_SEV_ERROR, ctx->file, line, key_col,
                          "'%s' is not a setting; write key = value, or start the line with # "
                          "for a comment",
                          key);
        return;
    }
    if (key_len == 0) {
        cor_diags_add(ctx->diags, COR_SEV_ERROR, ctx->file, line, key_col,
                      "a key is missing before '='; write key = value");
        return;
    }
    const struct key_def *k = find_key(text + i, key_len);
    if (!k) {
        unknown_key(ctx, line, key_col, key);
        return;
    }

    /* The value: quoted, or up to a # that follows a space, without the spaces around it. */
    size_t v = (size_t)(eq - text) + 1;
    while (v < len && is_blank(text[v]))
        v++;
    size_t v_end;
    int value_col = column(text, v);
    if (v < len && text[v] == '"') {
        const char *close = memchr(text + v + 1, '"', len - v - 1);
        if (!close) {
            cor_diags_add(ctx->diags, COR_SEV_ERROR, ctx->file, line, value_col,
                          "this quote is never closed; end the value with \"");
            return;
        }
        size_t after = (size_t)(close - text) + 1;
        while (after < len && is_blank(text[after]))
            after++;
        if (after < len && text[after] != '#') {
            cor_diags_add(ctx->diags, COR_SEV_ERROR, ctx->file, line, column(text, after),
                          "text after the closing quote; put all of the value inside the quotes");
            return;
        }
        v++;
        v_end = (size_t)(close - text);
    } else {
        v_end = v;
        while (v_end < len && !(text[v_end] == '#' && is_blank(text[v_end - 1])))
            v_end++;
        while (v_end > v && is_blank(text[v_end - 1]))
            v_end--;
    }
    if (v_end == v) {
        cor_diags_add(ctx->diags, COR_SEV_ERROR, ctx->file, line, column(text, (size_t)(eq - text)),
                      "%s needs a value after '='; for example: %s = %s", k->name, k->name,
                      k->example);
        return;
    }
    if (memchr(text + v, '\0', v_end - v)) {
        cor_diags_add(ctx->diags, COR_SEV_ERROR, ctx->file, line, value_col,
                      "the value holds a NUL byte; save the file as plain UTF-8 text");
        return;
    }
    char *value = cor_arena_strndup(ctx->arena, text + v, v_end - v);
    if (!value) {
        ctx->oom = true;
        return;
    }

    size_t index = (size_t)(k - keys);
    if (!k->repeatable && first_line[index])
        cor_diags_add(ctx->diags, COR_SEV_WARNING, ctx->file, line, key_col,
                      "%s is set again here (first on line %d); this later value is used", k->name,
                      first_line[index]);
    else if (!first_line[index])
        first_line[index] = line;

    char msg[MSG_SIZE];
    msg[0] = '\0';
    if (!k->apply(ctx, k, value, msg, sizeof(msg)))
        cor_diags_add(ctx->diags, COR_SEV_ERROR, ctx->file, line, value_col, "%s", msg);
}

/* The folder part of PATH in the arena, or NULL for a bare file name (relative to the cwd). */
static const char *folder_of(struct cor_arena *arena, const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return NULL;
    if (slash == path)
        return "";
    return cor_arena_strndup(arena, path, (size_t)(slash - path));
}

bool cor_config_file_parse(const char *path, const char *text, size_t len,
                           struct cor_player_options *opts, struct cor_arena *arena,
                           struct cor_diags *diags)
{
    size_t errors_before = diags->n_errors;
    struct parse_ctx ctx = {
        .file = path,
        .dir = folder_of(arena, path),
        .arena = arena,
        .diags = diags,
        .next = *opts,
    };
    for (const char *const *d = opts->allow_dirs; d && *d; d++)
        ctx.n_dirs++;
    ctx.dirs = (const char **)opts->allow_dirs;

    int first_line[N_KEYS] = {0};
    size_t pos = 0;
    /* A byte-order mark from a Windows editor is not part of the first key. */
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        pos = 3;
    int line = 1;
    while (pos < len && !ctx.oom) {
        const char *start = text + pos;
        const char *nl = memchr(start, '\n', len - pos);
        size_t line_len = nl ? (size_t)(nl - start) : len - pos;
        size_t used = line_len;
        if (line_len > 0 && start[line_len - 1] == '\r')
            used--;
        parse_line(&ctx, start, used, line, first_line);
        pos += line_len + (nl ? 1 : 0);
        line++;
    }
    if (ctx.oom) {
        cor_diags_add(diags, COR_SEV_ERROR, path, 0, 0, "out of memory while reading settings");
        return false;
    }
    if (diags->n_errors != errors_before)
        return false;
    *opts = ctx.next;
    if (ctx.has_log_level)
        cor_log_set_level(ctx.log_level);
    return true;
}

bool cor_config_file_load(const char *path, struct cor_player_options *opts,
                          struct cor_arena *arena, struct cor_diags *diags)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        cor_diags_add(diags, COR_SEV_ERROR, path, 0, 0,
                      "cannot open the settings file: %s; check the path given to --config",
                      strerror(errno));
        return false;
    }
    char *text = malloc(MAX_FILE_BYTES + 1);
    if (!text) {
        fclose(f);
        cor_diags_add(diags, COR_SEV_ERROR, path, 0, 0, "out of memory while reading settings");
        return false;
    }
    size_t len = fread(text, 1, MAX_FILE_BYTES + 1, f);
    int read_errno = ferror(f) ? errno : 0;
    fclose(f);
    bool ok = false;
    if (read_errno)
        cor_diags_add(diags, COR_SEV_ERROR, path, 0, 0, "cannot read the settings file: %s",
                      strerror(read_errno));
    else if (len > MAX_FILE_BYTES)
        cor_diags_add(diags, COR_SEV_ERROR, path, 0, 0,
                      "this is over 1 MB, too large for a settings file; is it the playlist? "
                      "Give the playlist with playlist = PATH inside the settings file");
    else {
        cor_diags_add_source(diags, path, text, len);
        ok = cor_config_file_parse(path, text, len, opts, arena, diags);
    }
    free(text);
    return ok;
}
