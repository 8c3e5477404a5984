/* loader_priv.h: the loader's stages shared by loader.c (read, YAML tree, schema, model) and
 * loader_files.c (the file stage). Private to the loader family. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "loader.h"
#include "schema.h"
#include "yamltree.h"

/* One load in progress: the schema walk and what the file stage needs besides. */
struct cor_load {
    struct cor_schema sc;
    const struct cor_load_options *opts;
    const char *const *allowed; /* real paths that named files may resolve into */
};

/* The playlist's hash (what was read, in order) extended with LEN bytes of DATA. */
uint64_t cor_load_hash(uint64_t h, const char *data, size_t len);

/* Checks, reads and parses one YAML file's TEXT (shown as DISPLAY); its root, or NULL with
 * messages in the load's diagnostics. The text is kept there for carets. */
struct cor_ynode *cor_load_yaml(struct cor_load *l, const char *display, const char *text,
                                size_t len);

/* The file stage: satisfies every need the schema recorded, in order (files checked, pictures
 * decoded, fonts found, time zones known, session files read and their sessions validated,
 * calendars read and expanded), marking each need that fails. Reads the disk; never calls the
 * loader back. */
void cor_load_files(struct cor_load *l);
