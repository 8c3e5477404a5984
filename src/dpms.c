/* dpms.c: the connector's DPMS property through the kernel's DRM mode-setting ioctls (the
 * headers of libdrm-dev, not the library), on the descriptor SDL's KMS/DRM backend holds (it is
 * the DRM master, which setting the property needs). */
#include "dpms.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <libdrm/drm.h>
#include <libdrm/drm_mode.h>
#include <stdio.h>
#include <sys/ioctl.h>

#include "log.h"

#define TAG "dpms"

struct cor_dpms {
    struct cor_dpms_io io;
};

struct cor_dpms *cor_dpms_create(const struct cor_dpms_io *io)
{
    struct cor_dpms *d = calloc(1, sizeof(*d));
    if (!d) {
        if (io->close)
            io->close(io->ctx);
        return NULL;
    }
    d->io = *io;
    return d;
}

void cor_dpms_free(struct cor_dpms *d)
{
    if (!d)
        return;
    if (d->io.close)
        d->io.close(d->io.ctx);
    free(d);
}

bool cor_dpms_set(struct cor_dpms *d, bool on)
{
    return d->io.set(d->io.ctx, on);
}

struct drm_dpms {
    int fd;
    uint32_t connector, property;
};

static int drm_ioctl(int fd, unsigned long request, void *arg)
{
    int r;
    do
        r = ioctl(fd, request, arg);
    while (r < 0 && (errno == EINTR || errno == EAGAIN));
    return r;
}

static bool drm_set(void *ctx, bool on)
{
    struct drm_dpms *d = ctx;
    struct drm_mode_connector_set_property set = {
        .value = on ? DRM_MODE_DPMS_ON : DRM_MODE_DPMS_OFF,
        .prop_id = d->property,
        .connector_id = d->connector,
    };
    if (drm_ioctl(d->fd, DRM_IOCTL_MODE_SETPROPERTY, &set) < 0) {
        cor_log_errno(COR_LOG_WARNING, TAG, "setting DPMS %s on connector %u", on ? "on" : "off",
                      (unsigned)d->connector);
        return false;
    }
    return true;
}

static void drm_close(void *ctx)
{
    free(ctx);
}

/* A u32 array of N for the kernel to fill (the ioctls take its address as a u64). */
static uint32_t *u32s(uint32_t n)
{
    return calloc(n ? n : 1, sizeof(uint32_t));
}

/* The id of CONNECTOR's property called "DPMS", or 0. */
static uint32_t dpms_property(int fd, uint32_t connector)
{
    struct drm_mode_obj_get_properties props = {.obj_id = connector,
                                                .obj_type = DRM_MODE_OBJECT_CONNECTOR};
    if (drm_ioctl(fd, DRM_IOCTL_MODE_OBJ_GETPROPERTIES, &props) < 0 || props.count_props == 0)
        return 0;
    uint32_t n = props.count_props;
    uint32_t *ids = u32s(n);
    uint64_t *values = calloc(n, sizeof(uint64_t));
    uint32_t found = 0;
    props.props_ptr = (uint64_t)(uintptr_t)ids;
    props.prop_values_ptr = (uint64_t)(uintptr_t)values;
    if (ids && values && drm_ioctl(fd, DRM_IOCTL_MODE_OBJ_GETPROPERTIES, &props) == 0) {
        for (uint32_t i = 0; i < n && i < props.count_props && !found; i++) {
            struct drm_mode_get_property prop = {.prop_id = ids[i]};
            if (drm_ioctl(fd, DRM_IOCTL_MODE_GETPROPERTY, &prop) == 0 &&
                strncmp(prop.name, "DPMS", sizeof(prop.name)) == 0)
                found = ids[i];
        }
    }
    free(ids);
    free(values);
    return found;
}

/* True when CONNECTOR is connected and drives an encoder (SDL set a mode on it). Room for one
 * mode is given, as the kernel probes the connector again (reading the TV's EDID) when asked
 * with none. */
static bool in_use(int fd, uint32_t connector)
{
    struct drm_mode_modeinfo mode;
    memset(&mode, 0, sizeof(mode));
    struct drm_mode_get_connector c = {
        .connector_id = connector,
        .count_modes = 1,
        .modes_ptr = (uint64_t)(uintptr_t)&mode,
    };
    return drm_ioctl(fd, DRM_IOCTL_MODE_GETCONNECTOR, &c) == 0 && c.connection == 1 &&
           c.encoder_id != 0;
}

/* The connector in use on FD, or 0. */
static uint32_t connector_in_use(int fd)
{
    struct drm_mode_card_res res;
    memset(&res, 0, sizeof(res));
    if (drm_ioctl(fd, DRM_IOCTL_MODE_GETRESOURCES, &res) < 0 || res.count_connectors == 0)
        return 0;
    uint32_t n = res.count_connectors;
    uint32_t *ids = u32s(n);
    if (!ids)
        return 0;
    struct drm_mode_card_res again;
    memset(&again, 0, sizeof(again));
    again.connector_id_ptr = (uint64_t)(uintptr_t)ids;
    again.count_connectors = n;
    uint32_t found = 0;
    if (drm_ioctl(fd, DRM_IOCTL_MODE_GETRESOURCES, &again) == 0)
        for (uint32_t i = 0; i < n && i < again.count_connectors && !found; i++)
            if (in_use(fd, ids[i]))
                found = ids[i];
    free(ids);
    return found;
}

struct cor_dpms *cor_dpms_open_drm(int fd, int *card, uint32_t *connector_id)
{
    *card = -1;
    *connector_id = 0;
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISCHR(st.st_mode))
        *card = (int)minor(st.st_rdev); /* /dev/dri/cardN has minor N */
    uint32_t connector = connector_in_use(fd);
    uint32_t property = connector ? dpms_property(fd, connector) : 0;
    *connector_id = connector;
    if (!property) {
        LOG_WARN(TAG, "the connector in use has no DPMS; at night the screen is black, not off");
        return NULL;
    }
    struct drm_dpms *d = malloc(sizeof(*d));
    if (!d)
        return NULL;
    *d = (struct drm_dpms){fd, connector, property};
    struct cor_dpms_io io = {drm_set, drm_close, d};
    return cor_dpms_create(&io);
}
