/* loader.c: turns a playlist's YAML into a validated cor_playlist, reporting every mistake at its
 * line and column, in one direction: read the bytes, the YAML tree (yamltree.c), the schema
 * (schema*.c: pure, records what the tree names), the file stage (loader_files.c: checks what
 * the schema recorded), the model (cor_schema_finish). */
#include "loader.h"

#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "loader_priv.h"
#include "paths.h"
#include "userfile.h"
#include "yamltree.h"

/* ---- reading files ------------------------------------------------------------------------ */

uint64_t cor_load_hash(uint64_t h, const char *data, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)data[i];
        h *= 1099511628211ull;
    }
    return h;
}

struct cor_ynode *cor_load_yaml(struct cor_load *l, const char *display, const char *text,
                                size_t len)
{
    struct cor_schema *c = &l->sc;
    if (!cor_diags_add_source(c->diags, display, text, len))
        return NULL;
    c->pl->hash = cor_load_hash(c->pl->hash, text, len);
    if (!cor_yaml_precheck(display, text, len, c->diags))
        return NULL;
    return cor_yaml_parse(c->scratch, display, text, len, c->diags);
}

/* ---- the whole file ----------------------------------------------------------------------- */

static bool make_allowed_dirs(struct cor_load *l)
{
    struct cor_schema *c = &l->sc;
    size_t n = 1;
    for (size_t i = 0; l->opts->allow_dirs && l->opts->allow_dirs[i]; i++)
        n++;
    const char **dirs = cor_arena_array(c->arena, n + 1, sizeof(*dirs));
    if (!dirs)
        return false;
    size_t k = 0;
    char real[PATH_MAX];
    if (realpath(c->pl->dir, real) && !(dirs[k++] = cor_arena_strdup(c->arena, real)))
        return false;
    for (size_t i = 0; l->opts->allow_dirs && l->opts->allow_dirs[i]; i++)
        if (realpath(l->opts->allow_dirs[i], real) &&
            !(dirs[k++] = cor_arena_strdup(c->arena, real)))
            return false;
    l->allowed = dirs;
    c->pl->allowed_dirs = dirs;
    return true;
}

static struct cor_playlist *finish(struct cor_load *l, bool ok)
{
    struct cor_schema *c = &l->sc;
    struct cor_playlist *pl = c->pl;
    if (ok && c->diags->n_errors == 0) {
        pl->files = cor_arena_array(pl->arena, c->n_files ? c->n_files : 1, sizeof(*pl->files));
        if (pl->files) {
            memcpy(pl->files, c->files, c->n_files * sizeof(*pl->files));
            pl->n_files = c->n_files;
        } else {
            cor_diags_add(c->diags, COR_SEV_ERROR, pl->display_path, 0, 0, "out of memory");
        }
    }
    cor_schema_release(c);
    cor_arena_free(c->scratch);
    if (!ok || c->diags->n_errors > 0) {
        cor_playlist_free(pl);
        cor_diags_sort(c->diags);
        return NULL;
    }
    cor_diags_sort(c->diags);
    return pl;
}

struct cor_playlist *cor_playlist_load_buffer(const char *display_name, const char *dir,
                                              const char *text, size_t len,
                                              const struct cor_load_options *opts,
                                              struct cor_diags *diags)
{
    static const struct cor_load_options no_options = {0};
    struct cor_load l = {.opts = opts ? opts : &no_options};
    struct cor_schema *c = &l.sc;
    c->diags = diags;
    c->has_now = l.opts->has_now;
    c->now = l.opts->now;
    struct cor_arena *arena = cor_arena_create();
    c->scratch = cor_arena_create();
    struct cor_playlist *pl = arena ? cor_arena_alloc(arena, sizeof(*pl)) : NULL;
    if (!pl || !c->scratch) {
        cor_arena_free(arena);
        cor_arena_free(c->scratch);
        cor_diags_add(diags, COR_SEV_ERROR, display_name, 0, 0, "out of memory");
        return NULL;
    }
    pl->arena = arena;
    pl->hash = 14695981039346656037ull;
    c->pl = pl;
    c->arena = arena;
    c->file = display_name;
    c->text = text;
    c->len = len;
    pl->display_path = cor_arena_strdup(arena, display_name);
    pl->dir = cor_path_join(arena, dir, ".");
    pl->path = cor_path_join(arena, dir, display_name);
    const char *slash = strrchr(display_name, '/');
    if (slash)
        pl->path = cor_path_join(arena, dir, slash + 1);
    c->display_dir = cor_path_dirname(c->scratch, display_name);
    if (!pl->display_path || !pl->dir || !pl->path || !c->display_dir || !make_allowed_dirs(&l) ||
        !cor_schema_add_file(c, pl->path))
        return finish(&l, false);
    if (len > COR_MAX_FILE_BYTES) {
        cor_diags_add(diags, COR_SEV_ERROR, display_name, 1, 1,
                      "the playlist is %.1f MB; corridor reads playlists of up to %u MB: split "
                      "the sessions into their own files",
                      (double)len / COR_FILE_MB, COR_MAX_FILE_BYTES / COR_FILE_MB);
        return finish(&l, false);
    }
    /* The stages, each calling only the next: YAML tree, schema, file stage, model. */
    struct cor_ynode *root = cor_load_yaml(&l, display_name, text, len);
    if (!root)
        return finish(&l, false);
    cor_schema_playlist(c, root);
    cor_load_files(&l);
    cor_schema_finish(c);
    return finish(&l, true);
}

/* Says that the playlist PATH does not exist, with what its folder holds and the nearest name. */
static void missing_playlist(const char *path, struct cor_diags *diags)
{
    const char *slash = strrchr(path, '/');
    struct cor_arena *scratch = cor_arena_create();
    char *folder = scratch ? cor_path_dirname(scratch, path) : NULL;
    char listing[600] = "nothing";
    const char *nearest = NULL;
    if (folder && access(folder, F_OK) != 0) {
        cor_diags_add(diags, COR_SEV_ERROR, path, 0, 0,
                      "the playlist does not exist: its folder '%s' does not exist either; check "
                      "the name, or that the shared drive is mounted",
                      folder);
    } else if (folder) {
        cor_path_list_folder(scratch, folder, slash ? slash + 1 : path, listing, sizeof(listing),
                             &nearest);
        cor_diags_add(diags, COR_SEV_ERROR, path, 0, 0,
                      "the playlist does not exist (its folder '%s' has: %s)%s%s%s", folder,
                      listing, nearest ? "; did you mean '" : "", nearest ? nearest : "",
                      nearest ? "'?" : "");
    } else {
        cor_diags_add(diags, COR_SEV_ERROR, path, 0, 0, "the playlist does not exist");
    }
    cor_arena_free(scratch);
}

struct cor_playlist *cor_playlist_load(const char *path, const struct cor_load_options *opts,
                                       struct cor_diags *diags)
{
    char err[256];
    size_t len = 0;
    if (!path[0]) {
        cor_diags_add(diags, COR_SEV_ERROR, "(no name)", 0, 0,
                      "the playlist's name is empty: name the playlist file, for example "
                      "/srv/signage/playlist.yaml");
        return NULL;
    }
    char *text = cor_file_read_text(path, COR_MAX_FILE_BYTES, &len, err, sizeof(err));
    if (!text) {
        if (strcmp(err, "does not exist") == 0)
            missing_playlist(path, diags);
        else
            cor_diags_add(diags, COR_SEV_ERROR, path, 0, 0, "the playlist %s", err);
        return NULL;
    }
    char cwd[PATH_MAX];
    char *dir = NULL;
    if (path[0] == '/') {
        dir = cor_path_folder(path);
    } else if (getcwd(cwd, sizeof(cwd))) {
        size_t n = strlen(cwd) + strlen(path) + 2;
        char *whole = malloc(n);
        if (whole) {
            snprintf(whole, n, "%s/%s", cwd, path);
            dir = cor_path_folder(whole);
        }
        free(whole);
    }
    if (!dir) {
        free(text);
        cor_diags_add(diags, COR_SEV_ERROR, path, 0, 0,
                      "cannot tell which folder the playlist is in");
        return NULL;
    }
    struct cor_playlist *pl = cor_playlist_load_buffer(path, dir, text, len, opts, diags);
    free(dir);
    free(text);
    return pl;
}

void cor_playlist_free(struct cor_playlist *playlist)
{
    if (playlist)
        cor_arena_free(playlist->arena);
}
