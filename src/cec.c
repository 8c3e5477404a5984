/* cec.c: Standby, Image View On, Active Source and the TV's power status over the kernel's CEC
 * interface, through a table of functions that tests stand in for. */
#include "cec.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/cec-funcs.h>
#include <linux/cec.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "log.h"

#define TAG "cec"

#define CEC_TV 0

struct cor_cec {
    struct cor_cec_io io;
    char name[64];
    uint8_t address; /* corridor's logical address, or CEC_LOG_ADDR_INVALID */
    char sent[64];   /* the last message tried, in hex */
};

struct cor_cec *cor_cec_create(const struct cor_cec_io *io, const char *name)
{
    struct cor_cec *c = calloc(1, sizeof(*c));
    if (!c) {
        if (io->close)
            io->close(io->ctx);
        return NULL;
    }
    c->io = *io;
    snprintf(c->name, sizeof(c->name), "%s", name);
    c->address = CEC_LOG_ADDR_INVALID;
    return c;
}

void cor_cec_free(struct cor_cec *c)
{
    if (!c)
        return;
    if (c->io.close)
        c->io.close(c->io.ctx);
    free(c);
}

const char *cor_cec_name(const struct cor_cec *c)
{
    return c->name;
}

const char *cor_cec_last_sent(const struct cor_cec *c)
{
    return c->sent;
}

const char *cor_cec_result_name(enum cor_cec_result r)
{
    switch (r) {
    case COR_CEC_OK:
        return "ok";
    case COR_CEC_NO_ACK:
        return "not acknowledged";
    case COR_CEC_REFUSED:
        return "refused";
    case COR_CEC_TIMEOUT:
        return "no answer";
    case COR_CEC_NO_ADDRESS:
        return "no address";
    case COR_CEC_FAILED:
        return "failed";
    }
    return "failed";
}

const char *cor_cec_power_name(enum cor_cec_power p)
{
    switch (p) {
    case COR_CEC_POWER_ON:
        return "on";
    case COR_CEC_POWER_STANDBY:
        return "standby";
    case COR_CEC_POWER_TO_ON:
        return "turning on";
    case COR_CEC_POWER_TO_STANDBY:
        return "going to standby";
    case COR_CEC_POWER_UNKNOWN:
        break;
    }
    return "unknown";
}

static int xioctl(struct cor_cec *c, unsigned long request, void *arg)
{
    int r;
    do
        r = c->io.ioctl(c->io.ctx, request, arg);
    while (r < 0 && errno == EINTR);
    return r;
}

bool cor_cec_claim(struct cor_cec *c)
{
    struct cec_log_addrs las;
    memset(&las, 0, sizeof(las));
    if (xioctl(c, CEC_ADAP_G_LOG_ADDRS, &las) < 0) {
        cor_log_errno(COR_LOG_WARNING, TAG, "%s: reading its logical addresses", c->name);
        return false;
    }
    /* Already claimed (by an earlier run, or the adapter's own configuration): use the first. */
    if (las.num_log_addrs > 0 && las.log_addr[0] != CEC_LOG_ADDR_INVALID) {
        c->address = las.log_addr[0];
        return true;
    }
    uint16_t phys = CEC_PHYS_ADDR_INVALID;
    if (xioctl(c, CEC_ADAP_G_PHYS_ADDR, &phys) < 0 || phys == CEC_PHYS_ADDR_INVALID) {
        c->address = CEC_LOG_ADDR_INVALID;
        return false; /* no hot-plug: the TV is off or not there; nothing to claim yet */
    }
    if (las.num_log_addrs == 0) {
        memset(&las, 0, sizeof(las));
        las.cec_version = CEC_OP_CEC_VERSION_1_4;
        las.vendor_id = CEC_VENDOR_ID_NONE;
        snprintf(las.osd_name, sizeof(las.osd_name), "corridor");
        las.num_log_addrs = 1;
        las.log_addr_type[0] = CEC_LOG_ADDR_TYPE_PLAYBACK;
        las.primary_device_type[0] = CEC_OP_PRIM_DEVTYPE_PLAYBACK;
        las.all_device_types[0] = CEC_OP_ALL_DEVTYPE_PLAYBACK;
        if (xioctl(c, CEC_ADAP_S_LOG_ADDRS, &las) < 0) {
            cor_log_errno(COR_LOG_WARNING, TAG, "%s: claiming a playback device's address",
                          c->name);
            return false;
        }
    }
    if (las.num_log_addrs == 0 || las.log_addr[0] == CEC_LOG_ADDR_INVALID)
        return false; /* claimed later, once the TV gives a physical address */
    c->address = las.log_addr[0];
    return true;
}

static void note_sent(struct cor_cec *c, const struct cec_msg *msg)
{
    size_t n = 0;
    c->sent[0] = '\0';
    for (uint32_t i = 0; i < msg->len && i < 16 && n + 4 < sizeof(c->sent); i++)
        n += (size_t)snprintf(c->sent + n, sizeof(c->sent) - n, "%s%02x", i ? ":" : "",
                              msg->msg[i]);
}

/* Sends MSG (its initiator and destination set), up to COR_CEC_TRIES times while the bus was
 * busy or nobody acknowledged; waits for its answer when MSG->reply asks for one. */
static enum cor_cec_result transmit(struct cor_cec *c, struct cec_msg *msg)
{
    struct cec_msg first = *msg;
    note_sent(c, msg);
    enum cor_cec_result r = COR_CEC_FAILED;
    for (int try = 0; try < COR_CEC_TRIES; try++) {
        *msg = first;
        if (msg->reply)
            msg->timeout = COR_CEC_REPLY_MS;
        if (xioctl(c, CEC_TRANSMIT, msg) < 0) {
            bool lost = errno == ENONET; /* the adapter lost its address: no hot-plug any more */
            if (lost)
                c->address = CEC_LOG_ADDR_INVALID;
            cor_log_errno(COR_LOG_DEBUG, TAG, "%s: sending %s", c->name, c->sent);
            return lost ? COR_CEC_NO_ADDRESS : COR_CEC_FAILED;
        }
        if (!(msg->tx_status & CEC_TX_STATUS_OK)) {
            r = (msg->tx_status & CEC_TX_STATUS_NACK) ? COR_CEC_NO_ACK : COR_CEC_FAILED;
            continue; /* arbitration lost, no acknowledgement, a low drive: try again */
        }
        if (!first.reply)
            return COR_CEC_OK;
        if (msg->rx_status & CEC_RX_STATUS_FEATURE_ABORT)
            return COR_CEC_REFUSED;
        if (msg->rx_status & CEC_RX_STATUS_OK)
            return COR_CEC_OK;
        /* Acknowledged but not answered in time: asking again would only wait again. */
        return COR_CEC_TIMEOUT;
    }
    return r;
}

enum cor_cec_result cor_cec_standby(struct cor_cec *c)
{
    if (!cor_cec_claim(c))
        return COR_CEC_NO_ADDRESS;
    struct cec_msg msg;
    cec_msg_init(&msg, c->address, CEC_TV);
    cec_msg_standby(&msg);
    return transmit(c, &msg);
}

enum cor_cec_result cor_cec_wake(struct cor_cec *c)
{
    bool claimed = cor_cec_claim(c);
    struct cec_msg msg;
    cec_msg_init(&msg, claimed ? c->address : CEC_LOG_ADDR_UNREGISTERED, CEC_TV);
    cec_msg_image_view_on(&msg);
    enum cor_cec_result r = transmit(c, &msg);
    if (r != COR_CEC_OK)
        return r;
    /* The TV waking raises hot-plug and gives corridor a physical address again. */
    if (!claimed && !cor_cec_claim(c))
        return COR_CEC_NO_ADDRESS;
    uint16_t phys = CEC_PHYS_ADDR_INVALID;
    if (xioctl(c, CEC_ADAP_G_PHYS_ADDR, &phys) < 0 || phys == CEC_PHYS_ADDR_INVALID)
        return COR_CEC_NO_ADDRESS;
    cec_msg_init(&msg, c->address, CEC_TV);
    cec_msg_active_source(&msg, phys);
    return transmit(c, &msg);
}

enum cor_cec_result cor_cec_power_status(struct cor_cec *c, enum cor_cec_power *power)
{
    *power = COR_CEC_POWER_UNKNOWN;
    if (!cor_cec_claim(c))
        return COR_CEC_NO_ADDRESS;
    struct cec_msg msg;
    cec_msg_init(&msg, c->address, CEC_TV);
    cec_msg_give_device_power_status(&msg, 1);
    enum cor_cec_result r = transmit(c, &msg);
    if (r != COR_CEC_OK || msg.len < 3)
        return r == COR_CEC_OK ? COR_CEC_TIMEOUT : r;
    uint8_t state = 0xff;
    cec_ops_report_power_status(&msg, &state);
    switch (state) {
    case CEC_OP_POWER_STATUS_ON:
        *power = COR_CEC_POWER_ON;
        break;
    case CEC_OP_POWER_STATUS_STANDBY:
        *power = COR_CEC_POWER_STANDBY;
        break;
    case CEC_OP_POWER_STATUS_TO_ON:
        *power = COR_CEC_POWER_TO_ON;
        break;
    case CEC_OP_POWER_STATUS_TO_STANDBY:
        *power = COR_CEC_POWER_TO_STANDBY;
        break;
    default:
        break;
    }
    return COR_CEC_OK;
}

/* ---- the real device ---------------------------------------------------------------------- */

static int fd_ioctl(void *ctx, unsigned long request, void *arg)
{
    return ioctl((int)(intptr_t)ctx, request, arg);
}

static void fd_close(void *ctx)
{
    close((int)(intptr_t)ctx);
}

/* True when NAME is "cec" followed by digits only. */
static bool is_cec_node(const char *name)
{
    if (strncmp(name, "cec", 3) != 0 || !name[3])
        return false;
    for (const char *s = name + 3; *s; s++)
        if (*s < '0' || *s > '9')
            return false;
    return true;
}

static int open_node(const char *dev_root, const char *name)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", dev_root, name);
    return open(path, O_RDWR | O_CLOEXEC);
}

/* True when the adapter on FD says it sits on connector CONNECTOR_ID of card CARD. */
static bool names_connector(int fd, int card, uint32_t connector_id)
{
    struct cec_caps caps;
    memset(&caps, 0, sizeof(caps));
    if (card < 0 || ioctl(fd, CEC_ADAP_G_CAPS, &caps) < 0 ||
        !(caps.capabilities & CEC_CAP_CONNECTOR_INFO))
        return false;
    struct cec_connector_info info;
    memset(&info, 0, sizeof(info));
    return ioctl(fd, CEC_ADAP_G_CONNECTOR_INFO, &info) == 0 &&
           info.type == CEC_CONNECTOR_TYPE_DRM && info.drm.card_no == (uint32_t)card &&
           info.drm.connector_id == connector_id;
}

struct cor_cec *cor_cec_open(const char *dev_root, int card, uint32_t connector_id)
{
    DIR *d = opendir(dev_root);
    if (!d) {
        cor_log_errno(COR_LOG_WARNING, TAG, "cannot read %s; the TV is not switched by CEC",
                      dev_root);
        return NULL;
    }
    char only[64] = "", match[64] = "";
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!is_cec_node(e->d_name) || strlen(e->d_name) >= sizeof(only))
            continue;
        n++;
        snprintf(only, sizeof(only), "%s", e->d_name);
        int fd = match[0] ? -1 : open_node(dev_root, e->d_name);
        if (fd >= 0 && names_connector(fd, card, connector_id))
            snprintf(match, sizeof(match), "%s", e->d_name);
        if (fd >= 0)
            close(fd);
    }
    closedir(d);
    const char *pick = match[0] ? match : n == 1 ? only : NULL;
    if (!pick) {
        if (n == 0)
            LOG_INFO(TAG, "no CEC adapter in %s; the TV is not switched by CEC", dev_root);
        else
            LOG_WARN(TAG,
                     "%d CEC adapters in %s and none says it is on the connector in use; "
                     "the TV is not switched by CEC",
                     n, dev_root);
        return NULL;
    }
    int fd = open_node(dev_root, pick);
    char name[600];
    snprintf(name, sizeof(name), "%s/%s", dev_root, pick);
    if (fd < 0) {
        cor_log_errno(COR_LOG_WARNING, TAG,
                      "cannot open %s (the service's DeviceAllow, the video group?); the TV "
                      "is not switched by CEC",
                      name);
        return NULL;
    }
    struct cor_cec_io io = {fd_ioctl, fd_close, (void *)(intptr_t)fd};
    struct cor_cec *c = cor_cec_create(&io, name);
    if (c)
        LOG_INFO(TAG, "switching the TV through %s", name);
    return c;
}
