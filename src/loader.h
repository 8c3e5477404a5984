/* loader.h: reads a playlist file (YAML) into a validated cor_playlist, or says what is wrong. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "model.h"

struct cor_load_options {
    /* Check that every named file exists, resolves inside an allowed folder, and (images)
     * decodes. Off only for fuzzing the parser alone. */
    bool check_files;
    /* With check_files: also decode every image fully (for `check`; a player's renderer decodes
     * them anyway). */
    bool decode_images;
    /* Folders, besides the playlist's own, that named files may resolve into. NULL-terminated,
     * may be NULL. */
    const char *const *allow_dirs;
    /* The moment to judge "already ended" warnings against; has_now false: no such warnings. */
    bool has_now;
    cor_minute now;
};

/* Largest playlist or session file corridor reads, in bytes. */
#define COR_MAX_FILE_BYTES (16u * 1024u * 1024u)

/* Loads PATH. Returns the playlist (free with cor_playlist_free), or NULL when it has mistakes.
 * Every mistake and warning found goes to DIAGS, and the file texts are kept there so they
 * can be printed with a caret. A playlist is returned only when DIAGS holds no errors. */
struct cor_playlist *cor_playlist_load(const char *path, const struct cor_load_options *opts,
                                       struct cor_diags *diags);

/* As cor_playlist_load, from bytes already in memory. DISPLAY_NAME is used in messages and DIR
 * is the folder that relative file names resolve against. */
struct cor_playlist *cor_playlist_load_buffer(const char *display_name, const char *dir,
                                              const char *text, size_t len,
                                              const struct cor_load_options *opts,
                                              struct cor_diags *diags);

/* Frees a playlist and everything it owns. Accepts NULL. */
void cor_playlist_free(struct cor_playlist *playlist);
