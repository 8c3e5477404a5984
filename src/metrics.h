/* metrics.h: the Prometheus textfile (node_exporter's textfile collector reads it): the gauges an
 * installer alerts on, made from what the status file says, written atomically. corridor opens
 * no socket; node_exporter, already on the Pi, serves the file. */
#pragma once

#include <stdbool.h>

#include "status.h"

/* The metrics as Prometheus text format (caller frees), or NULL when out of memory. UP false
 * writes corridor_up 0: the player stopped cleanly. */
char *cor_metrics_text(const struct cor_status *s, bool up);
/* Writes them to PATH atomically (temporary file beside it, then rename), so node_exporter
 * never reads half a file. */
bool cor_metrics_write(const char *path, const struct cor_status *s, bool up);
