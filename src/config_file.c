/* config_file.c: parses `key = value` settings lines against a table of keys, then commits them. */
#include "config_file.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "paths.h"
#include "settings.h"
#include "value.h"

enum {
    MAX_FILE_BYTES = 1024 * 1024, /* a settings file is a dozen lines; more is a wrong file */
    MAX_KEY_BYTES = 64,
    MSG_SIZE = 512,
    MAX_SETTINGS = 64,
};

/* Everything one parse needs; NEXT is a copy of the caller's options, committed only whole. */
struct parse_ctx {
    const char *file; /* the settings file's name, for messages */
    struct cor_diags *diags;
    struct cor_player_options next;
    struct cor_settings_state settings; /* applies values to NEXT */
    int first_line[MAX_SETTINGS];       /* where each setting was first set, by table index */
};

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
    size_t n;
    const struct cor_setting *table = cor_settings(&n);
    const char *names[MAX_SETTINGS + 1];
    size_t n_names = 0;
    char list[MSG_SIZE] = "";
    for (size_t i = 0; i < n; i++) {
        if (!cor_setting_find(table[i].name, strlen(table[i].name), true))
            continue;
        if (n_names)
            strncat(list, ", ", sizeof(list) - strlen(list) - 1);
        strncat(list, table[i].name, sizeof(list) - strlen(list) - 1);
        names[n_names++] = table[i].name;
    }
    names[n_names] = NULL;
    const char *near = cor_nearest_word(key, names);
    if (near)
        cor_diags_add(ctx->diags, COR_SEV_ERROR, ctx->file, line, col,
                      "unknown key '%s'; did you mean '%s'?", key, near);
    else
        cor_diags_add(ctx->diags, COR_SEV_ERROR, ctx->file, line, col,
                      "unknown key '%s'; the keys are %s", key, list);
}

/* Parses one line (LEN bytes, no newline). */
static void parse_line(struct parse_ctx *ctx, const char *text, size_t len, int line)
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
        const struct cor_setting *k = cor_setting_find(text + i, key_len, true);
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
    const struct cor_setting *k = cor_setting_find(text + i, key_len, true);
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
    char *value = cor_arena_strndup(ctx->settings.arena, text + v, v_end - v);
    if (!value) {
        ctx->settings.oom = true;
        return;
    }

    size_t n_settings;
    size_t index = (size_t)(k - cor_settings(&n_settings));
    int *first_line = ctx->first_line;
    if (k->kind != COR_SETTING_FOLDERS && first_line[index])
        cor_diags_add(ctx->diags, COR_SEV_WARNING, ctx->file, line, key_col,
                      "%s is set again here (first on line %d); this later value is used", k->name,
                      first_line[index]);
    else if (!first_line[index])
        first_line[index] = line;

    char msg[MSG_SIZE];
    msg[0] = '\0';
    if (!cor_setting_apply(&ctx->settings, k, value, msg, sizeof(msg)))
        cor_diags_add(ctx->diags, COR_SEV_ERROR, ctx->file, line, value_col, "%s", msg);
}

bool cor_config_file_parse(const char *path, const char *text, size_t len,
                           struct cor_player_options *opts, struct cor_arena *arena,
                           struct cor_diags *diags)
{
    size_t errors_before = diags->n_errors;
    struct parse_ctx ctx = {
        .file = path,
        .diags = diags,
        .next = *opts,
    };
    cor_settings_begin(&ctx.settings, &ctx.next, arena, cor_path_dirname(arena, path));
    size_t pos = 0;
    /* A byte-order mark from a Windows editor is not part of the first key. */
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        pos = 3;
    int line = 1;
    while (pos < len && !ctx.settings.oom) {
        const char *start = text + pos;
        const char *nl = memchr(start, '\n', len - pos);
        size_t line_len = nl ? (size_t)(nl - start) : len - pos;
        size_t used = line_len;
        if (line_len > 0 && start[line_len - 1] == '\r')
            used--;
        parse_line(&ctx, start, used, line);
        pos += line_len + (nl ? 1 : 0);
        line++;
    }
    if (ctx.settings.oom) {
        cor_diags_add(diags, COR_SEV_ERROR, path, 0, 0, "out of memory while reading settings");
        return false;
    }
    if (diags->n_errors != errors_before)
        return false;
    *opts = ctx.next;
    if (ctx.settings.has_log_level)
        cor_log_set_level(ctx.settings.log_level);
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
