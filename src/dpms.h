/* dpms.h: switching the display's backlight or signal off and on through DRM's "DPMS" property
 * on the connector SDL drives, behind a table of functions that tests stand in for. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

/* How corridor sets DPMS: on the DRM descriptor SDL opened, or a test's stand-in. */
struct cor_dpms_io {
    /* Sets the connector's DPMS on or off; false (logged) when the driver refused. */
    bool (*set)(void *ctx, bool on);
    void (*close)(void *ctx); /* may be NULL */
    void *ctx;
};

struct cor_dpms;

/* Takes IO over (its close is called by cor_dpms_free). NULL when out of memory. */
struct cor_dpms *cor_dpms_create(const struct cor_dpms_io *io);
void cor_dpms_free(struct cor_dpms *d);
bool cor_dpms_set(struct cor_dpms *d, bool on);

/* The DPMS of the connector in use on the DRM card open as FD (SDL's; not closed here): the
 * connected connector that drives a CRTC. Returns NULL (logged) when it has no DPMS property or
 * cannot be found. *CARD and *CONNECTOR_ID receive the card's number and the connector's id,
 * for finding the CEC adapter on the same connector. */
struct cor_dpms *cor_dpms_open_drm(int fd, int *card, uint32_t *connector_id);
