/* test_powerctl.c: the CEC messages corridor sends (their bytes), from a stand-in adapter that can
 * refuse, time out and report each power state; the order of the steps at "off" and "on"; DPMS
 * through a stand-in; sending the wanted state again after ten minutes. */
#include <errno.h>
#include <fcntl.h>
#include <linux/cec.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cec.h"
#include "check.h"
#include "dpms.h"
#include "powerctl.h"

/* ---- a stand-in CEC adapter ----------------------------------------------------------------- */

enum tv_mode {
    TV_ANSWERS, /* acknowledges everything and answers the power query */
    TV_ABSENT,  /* nothing acknowledges (a port with nothing on it) */
    TV_REFUSES, /* answers the power query with Feature Abort */
    TV_SILENT,  /* acknowledges, never answers */
    TV_BUSY,    /* loses arbitration on the first try of every message */
};

struct fake_cec {
    enum tv_mode mode;
    uint8_t power;      /* CEC_OP_POWER_STATUS_* the TV reports */
    uint16_t phys;      /* CEC_PHYS_ADDR_INVALID: no hot-plug */
    bool hpd_on_wake;   /* hot-plug comes back once Image View On arrives */
    uint8_t log_addr;   /* CEC_LOG_ADDR_INVALID until claimed */
    int claims;
    int tries;          /* transmits of the message being sent */
    char *trace;        /* shared with the other stand-ins */
    size_t trace_size;
    char sent[16][40];  /* every message sent, in hex, tries included */
    int n_sent;
    unsigned timeouts[16];
    bool closed;
};

static void trace(char *t, size_t size, const char *step)
{
    size_t n = strlen(t);
    snprintf(t + n, size - n, "%s%s", n ? " > " : "", step);
}

static int fake_ioctl(void *ctx, unsigned long req, void *arg)
{
    struct fake_cec *f = ctx;
    if (req == CEC_ADAP_G_PHYS_ADDR) {
        *(uint16_t *)arg = f->phys;
        return 0;
    }
    if (req == CEC_ADAP_G_LOG_ADDRS) {
        struct cec_log_addrs *las = arg;
        memset(las, 0, sizeof(*las));
        if (f->log_addr != CEC_LOG_ADDR_INVALID) {
            las->num_log_addrs = 1;
            las->log_addr[0] = f->log_addr;
            las->log_addr_mask = (uint16_t)(1u << f->log_addr);
        }
        return 0;
    }
    if (req == CEC_ADAP_S_LOG_ADDRS) {
        struct cec_log_addrs *las = arg;
        f->claims++;
        if (las->num_log_addrs != 1 || las->log_addr_type[0] != CEC_LOG_ADDR_TYPE_PLAYBACK ||
            las->primary_device_type[0] != CEC_OP_PRIM_DEVTYPE_PLAYBACK) {
            errno = EINVAL;
            return -1;
        }
        f->log_addr = 4; /* Playback Device 1 */
        las->log_addr[0] = 4;
        las->log_addr_mask = 1 << 4;
        return 0;
    }
    if (req != CEC_TRANSMIT) {
        errno = ENOTTY;
        return -1;
    }
    struct cec_msg *m = arg;
    uint8_t from = m->msg[0] >> 4;
    if (from != CEC_LOG_ADDR_UNREGISTERED && from != f->log_addr) {
        errno = EINVAL; /* the kernel refuses an initiator the adapter has not claimed */
        return -1;
    }
    if (f->n_sent < 16) {
        char *s = f->sent[f->n_sent];
        s[0] = '\0';
        for (uint32_t i = 0; i < m->len; i++)
            snprintf(s + strlen(s), 40 - strlen(s), "%s%02x", i ? ":" : "", m->msg[i]);
        f->timeouts[f->n_sent] = m->timeout;
        f->n_sent++;
    }
    if (f->trace)
        trace(f->trace, f->trace_size, m->msg[1] == CEC_MSG_STANDBY          ? "cec standby"
                                       : m->msg[1] == CEC_MSG_IMAGE_VIEW_ON  ? "cec image view on"
                                       : m->msg[1] == CEC_MSG_ACTIVE_SOURCE  ? "cec active source"
                                                                             : "cec power query");
    f->tries++;
    if (f->mode == TV_BUSY && f->tries == 1) {
        m->tx_status = CEC_TX_STATUS_ARB_LOST | CEC_TX_STATUS_MAX_RETRIES;
        return 0;
    }
    if (f->mode == TV_ABSENT) {
        m->tx_status = CEC_TX_STATUS_NACK | CEC_TX_STATUS_MAX_RETRIES;
        return 0;
    }
    f->tries = 0;
    m->tx_status = CEC_TX_STATUS_OK;
    if (m->msg[1] == CEC_MSG_IMAGE_VIEW_ON && f->hpd_on_wake)
        f->phys = 0x1000;
    if (!m->reply)
        return 0;
    if (f->mode == TV_SILENT) {
        m->rx_status = CEC_RX_STATUS_TIMEOUT;
        return 0;
    }
    if (f->mode == TV_REFUSES) {
        m->rx_status = CEC_RX_STATUS_OK | CEC_RX_STATUS_FEATURE_ABORT;
        m->len = 4;
        m->msg[0] = (uint8_t)(f->log_addr & 0x0f); /* TV to us */
        m->msg[2] = m->msg[1];
        m->msg[1] = CEC_MSG_FEATURE_ABORT;
        m->msg[3] = CEC_OP_ABORT_UNRECOGNIZED_OP;
        return 0;
    }
    m->rx_status = CEC_RX_STATUS_OK;
    m->len = 3;
    m->msg[0] = (uint8_t)(f->log_addr & 0x0f);
    m->msg[1] = CEC_MSG_REPORT_POWER_STATUS;
    m->msg[2] = f->power;
    return 0;
}

static void fake_close(void *ctx)
{
    ((struct fake_cec *)ctx)->closed = true;
}

static struct cor_cec *fake_cec(struct fake_cec *f, enum tv_mode mode)
{
    memset(f, 0, sizeof(*f));
    f->mode = mode;
    f->phys = 0x1000; /* HDMI 1 of the TV */
    f->log_addr = CEC_LOG_ADDR_INVALID;
    struct cor_cec_io io = {fake_ioctl, fake_close, f};
    return cor_cec_create(&io, "/dev/cec0");
}

/* ---- a stand-in DPMS ---------------------------------------------------------------------- */

struct fake_dpms {
    bool on, refuse;
    int calls;
    char *trace;
    size_t trace_size;
};

static bool fake_dpms_set(void *ctx, bool on)
{
    struct fake_dpms *d = ctx;
    d->calls++;
    if (d->trace)
        trace(d->trace, d->trace_size, on ? "dpms on" : "dpms off");
    if (d->refuse)
        return false;
    d->on = on;
    return true;
}

/* ---- the player's side -------------------------------------------------------------------- */

struct fake_player {
    char *trace;
    size_t trace_size;
    int blacks, redraws;
};

static void fake_black(void *ctx)
{
    struct fake_player *p = ctx;
    p->blacks++;
    trace(p->trace, p->trace_size, "black frame");
}

static void fake_redraw(void *ctx)
{
    struct fake_player *p = ctx;
    p->redraws++;
    trace(p->trace, p->trace_size, "redraw");
}

/* ---- the messages -------------------------------------------------------------------------- */

static void test_bytes(void)
{
    struct fake_cec f;
    struct cor_cec *c = fake_cec(&f, TV_ANSWERS);
    CHECK(c != NULL);

    /* Standby: claims Playback Device 1 (4) first, then 4 -> TV (0): 0x36. */
    CHECK_INT(cor_cec_standby(c), COR_CEC_OK);
    CHECK_INT(f.claims, 1);
    CHECK_INT(f.n_sent, 1);
    CHECK_STR(f.sent[0], "40:36");
    CHECK_STR(cor_cec_last_sent(c), "40:36");

    /* Wake: Image View On (0x04) to the TV, then Active Source (0x82) to all (f) with the
     * physical address 1.0.0.0. The address is claimed once only. */
    f.n_sent = 0;
    CHECK_INT(cor_cec_wake(c), COR_CEC_OK);
    CHECK_INT(f.claims, 1);
    CHECK_INT(f.n_sent, 2);
    CHECK_STR(f.sent[0], "40:04");
    CHECK_STR(f.sent[1], "4f:82:10:00");

    /* The power query: Give Device Power Status (0x8f), waiting one second for the answer. */
    static const struct {
        uint8_t state;
        enum cor_cec_power power;
        const char *name;
    } states[] = {
        {CEC_OP_POWER_STATUS_ON, COR_CEC_POWER_ON, "on"},
        {CEC_OP_POWER_STATUS_STANDBY, COR_CEC_POWER_STANDBY, "standby"},
        {CEC_OP_POWER_STATUS_TO_ON, COR_CEC_POWER_TO_ON, "turning on"},
        {CEC_OP_POWER_STATUS_TO_STANDBY, COR_CEC_POWER_TO_STANDBY, "going to standby"},
        {0x7f, COR_CEC_POWER_UNKNOWN, "unknown"},
    };
    for (size_t i = 0; i < sizeof(states) / sizeof(states[0]); i++) {
        f.n_sent = 0;
        f.power = states[i].state;
        enum cor_cec_power power = COR_CEC_POWER_ON;
        CHECK_INT(cor_cec_power_status(c, &power), COR_CEC_OK);
        CHECK_INT(power, states[i].power);
        CHECK_STR(cor_cec_power_name(power), states[i].name);
        CHECK_INT(f.n_sent, 1);
        CHECK_STR(f.sent[0], "40:8f");
        CHECK_INT(f.timeouts[0], COR_CEC_REPLY_MS);
    }
    cor_cec_free(c);
    CHECK(f.closed);
}

static void test_failures(void)
{
    struct fake_cec f;
    enum cor_cec_power power;

    /* Nothing on the port: each message tried COR_CEC_TRIES times, then given up. */
    struct cor_cec *c = fake_cec(&f, TV_ABSENT);
    CHECK_INT(cor_cec_standby(c), COR_CEC_NO_ACK);
    CHECK_INT(f.n_sent, COR_CEC_TRIES);
    CHECK_STR(cor_cec_result_name(COR_CEC_NO_ACK), "not acknowledged");
    cor_cec_free(c);

    /* The bus busy once: the second try goes through. */
    c = fake_cec(&f, TV_BUSY);
    CHECK_INT(cor_cec_standby(c), COR_CEC_OK);
    CHECK_INT(f.n_sent, 2);
    CHECK_STR(f.sent[1], "40:36");
    cor_cec_free(c);

    /* A TV that refuses the power query (Feature Abort). */
    c = fake_cec(&f, TV_REFUSES);
    CHECK_INT(cor_cec_power_status(c, &power), COR_CEC_REFUSED);
    CHECK_INT(power, COR_CEC_POWER_UNKNOWN);
    CHECK_INT(f.n_sent, 1);
    cor_cec_free(c);

    /* A TV that never answers: asked once, not again (each try would wait a second). */
    c = fake_cec(&f, TV_SILENT);
    CHECK_INT(cor_cec_power_status(c, &power), COR_CEC_TIMEOUT);
    CHECK_INT(power, COR_CEC_POWER_UNKNOWN);
    CHECK_INT(f.n_sent, 1);
    CHECK_STR(cor_cec_result_name(COR_CEC_TIMEOUT), "no answer");
    cor_cec_free(c);

    /* No hot-plug (a TV in standby that dropped it): no address to send Standby from. */
    c = fake_cec(&f, TV_ANSWERS);
    f.phys = CEC_PHYS_ADDR_INVALID;
    CHECK_INT(cor_cec_standby(c), COR_CEC_NO_ADDRESS);
    CHECK_INT(f.n_sent, 0);
    CHECK_INT(f.claims, 0);
    cor_cec_free(c);
}

/* The wake path when the TV dropped hot-plug: Image View On from the unregistered address 15;
 * once the TV raises hot-plug again, the address is claimed and Active Source follows. */
static void test_wake_without_hotplug(void)
{
    struct fake_cec f;
    struct cor_cec *c = fake_cec(&f, TV_ANSWERS);
    f.phys = CEC_PHYS_ADDR_INVALID;
    f.hpd_on_wake = true;
    CHECK_INT(cor_cec_wake(c), COR_CEC_OK);
    CHECK_INT(f.n_sent, 2);
    CHECK_STR(f.sent[0], "f0:04");
    CHECK_STR(f.sent[1], "4f:82:10:00");
    cor_cec_free(c);

    /* Hot-plug stays down: Image View On went out, Active Source could not. */
    c = fake_cec(&f, TV_ANSWERS);
    f.phys = CEC_PHYS_ADDR_INVALID;
    CHECK_INT(cor_cec_wake(c), COR_CEC_NO_ADDRESS);
    CHECK_INT(f.n_sent, 1);
    CHECK_STR(f.sent[0], "f0:04");
    cor_cec_free(c);
}

/* ---- the controller ------------------------------------------------------------------------ */

struct rig {
    char trace[512];
    struct fake_cec cec;
    struct fake_dpms dpms;
    struct fake_player player;
    struct cor_powerctl pw;
};

static void rig_init(struct rig *r, enum tv_mode mode, bool with_cec, bool with_dpms)
{
    memset(r, 0, sizeof(*r));
    struct cor_cec *cec = NULL;
    if (with_cec) {
        cec = fake_cec(&r->cec, mode);
        r->cec.trace = r->trace;
        r->cec.trace_size = sizeof(r->trace);
    }
    struct cor_dpms *dpms = NULL;
    if (with_dpms) {
        r->dpms = (struct fake_dpms){true, false, 0, r->trace, sizeof(r->trace)};
        struct cor_dpms_io io = {fake_dpms_set, NULL, &r->dpms};
        dpms = cor_dpms_create(&io);
    }
    r->player = (struct fake_player){r->trace, sizeof(r->trace), 0, 0};
    struct cor_powerctl_hooks hooks = {fake_black, fake_redraw, &r->player};
    cor_powerctl_init(&r->pw, cec, dpms, &hooks);
}

#define MIN_MS 60000LL

static void test_order(void)
{
    struct rig r;
    rig_init(&r, TV_ANSWERS, true, true);
    int64_t t = 1700000000000LL;

    /* Start by day: the TV is told what the schedule wants (on), nothing is drawn twice. */
    r.cec.power = CEC_OP_POWER_STATUS_ON;
    CHECK(!cor_powerctl_update(&r.pw, true, true, "power: weekdays 07:00-19:30", 0, t));
    CHECK_STR(r.trace, "dpms on > cec image view on > cec active source > cec power query");
    CHECK(!cor_powerctl_off(&r.pw));

    /* Evening: Standby, DPMS off, a black frame, in that order. */
    r.trace[0] = '\0';
    r.cec.power = CEC_OP_POWER_STATUS_STANDBY;
    t += 12 * 60 * MIN_MS;
    CHECK(cor_powerctl_update(&r.pw, false, true, "power: weekdays 07:00-19:30", t + 3600000, t));
    CHECK_STR(r.trace, "cec standby > dpms off > black frame > cec power query");
    CHECK(cor_powerctl_off(&r.pw));
    CHECK(!r.dpms.on);
    CHECK_INT(r.player.blacks, 1);
    CHECK_STR(r.pw.report.cec_sent, "standby");
    CHECK_STR(r.pw.report.cec_bytes, "40:36");
    CHECK_STR(r.pw.report.cec_result, "ok");
    CHECK_STR(r.pw.report.tv_power, "standby");
    CHECK_STR(r.pw.report.dpms, "off");
    CHECK_STR(r.pw.report.why, "power: weekdays 07:00-19:30");
    CHECK_INT(r.pw.report.since_ms, t);

    /* The same state a minute later: nothing sent; ten minutes later: sent again, no frame. */
    r.trace[0] = '\0';
    CHECK(!cor_powerctl_update(&r.pw, false, true, "x", 0, t + MIN_MS));
    CHECK_STR(r.trace, "");
    CHECK_INT(cor_powerctl_resend_due(&r.pw), t + COR_POWERCTL_RESEND_MS);
    CHECK(!cor_powerctl_update(&r.pw, false, true, "x", 0, t + COR_POWERCTL_RESEND_MS));
    CHECK_STR(r.trace, "cec standby > dpms off > cec power query");
    CHECK_INT(r.player.blacks, 1);
    CHECK_INT(r.pw.report.since_ms, t);
    CHECK_INT(r.pw.report.sent_ms, t + COR_POWERCTL_RESEND_MS);

    /* Morning: DPMS on, Image View On and Active Source, then the slide drawn whole. */
    r.trace[0] = '\0';
    r.cec.power = CEC_OP_POWER_STATUS_TO_ON;
    t += 11 * 60 * MIN_MS;
    CHECK(cor_powerctl_update(&r.pw, true, true, "power: weekdays 07:00-19:30", 0, t));
    CHECK_STR(r.trace, "dpms on > cec image view on > cec active source > redraw > cec power query");
    CHECK(r.dpms.on);
    CHECK_INT(r.player.redraws, 1);
    CHECK_STR(r.pw.report.cec_sent, "image view on, active source");
    CHECK_STR(r.pw.report.cec_bytes, "4f:82:10:00");
    CHECK_STR(r.pw.report.tv_power, "turning on");
    cor_powerctl_free(&r.pw);
    CHECK(r.cec.closed);
}

static void test_without_devices(void)
{
    struct rig r;
    /* No CEC adapter, no DPMS: the black frame still comes, and the redraw. */
    rig_init(&r, TV_ANSWERS, false, false);
    CHECK(cor_powerctl_update(&r.pw, false, true, "power", 0, 1000));
    CHECK_STR(r.trace, "black frame");
    CHECK(r.pw.report.cec_port == NULL);
    CHECK(r.pw.report.dpms == NULL);
    CHECK(cor_powerctl_update(&r.pw, true, true, "power", 0, 2000));
    CHECK_STR(r.trace, "black frame > redraw");
    cor_powerctl_free(&r.pw);

    /* A driver that refuses DPMS, a TV that ignores CEC: reported, and still black. */
    rig_init(&r, TV_ABSENT, true, true);
    r.dpms.refuse = true;
    CHECK(cor_powerctl_update(&r.pw, false, true, "power", 0, 1000));
    CHECK_STR(r.pw.report.dpms, "refused");
    CHECK_STR(r.pw.report.cec_result, "not acknowledged");
    CHECK_STR(r.pw.report.tv_power, "unknown");
    CHECK_INT(r.player.blacks, 1);
    cor_powerctl_free(&r.pw);
}

static void test_unmanaged(void)
{
    struct rig r;
    rig_init(&r, TV_ANSWERS, true, true);
    /* No schedule for this screen (or never_sleep): nothing is ever sent, the screen stays on. */
    CHECK(!cor_powerctl_update(&r.pw, false, false, "never_sleep", 0, 1000));
    CHECK(!cor_powerctl_update(&r.pw, true, false, "", 0, 1000 + COR_POWERCTL_RESEND_MS));
    CHECK_STR(r.trace, "");
    CHECK_INT(cor_powerctl_resend_due(&r.pw), INT64_MAX);
    /* A schedule that starts to apply while the screen is on: the TV is told once. */
    CHECK(!cor_powerctl_update(&r.pw, true, true, "power", 0, 2000));
    CHECK_STR(r.trace, "dpms on > cec image view on > cec active source > cec power query");
    CHECK(!cor_powerctl_update(&r.pw, true, true, "power", 0, 3000));
    CHECK(!cor_powerctl_update(&r.pw, true, false, "", 0, 4000));
    r.trace[0] = '\0';
    /* A schedule that turned the screen off and then went away brings it back on. */
    CHECK(cor_powerctl_update(&r.pw, false, true, "power", 0, 5000));
    r.trace[0] = '\0';
    CHECK(cor_powerctl_update(&r.pw, false, false, "", 0, 6000));
    CHECK(!cor_powerctl_off(&r.pw));
    CHECK_STR(r.trace, "dpms on > cec image view on > cec active source > redraw > cec power query");
    cor_powerctl_free(&r.pw);
}

/* ---- which adapter -------------------------------------------------------------------------- */

static void touch(const char *dir, const char *name)
{
    char path[256];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    int fd = open(path, O_WRONLY | O_CREAT, 0644);
    CHECK(fd >= 0);
    if (fd >= 0)
        close(fd);
}

static void drop(const char *dir, const char *name)
{
    char path[256];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    unlink(path);
}

/* The only adapter is used; none, or several of which none names the connector, is no CEC
 * (files stand in for the device nodes: they say nothing of their connector). */
static void test_open(void)
{
    char dir[] = "/tmp/corridor-test-cec-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    CHECK(cor_cec_open(dir, 1, 32) == NULL);
    touch(dir, "cec0");
    touch(dir, "cecil");
    struct cor_cec *c = cor_cec_open(dir, 1, 32);
    CHECK(c != NULL);
    if (c) {
        CHECK(strstr(cor_cec_name(c), "/cec0") != NULL);
        /* A node that is not a CEC adapter refuses the ioctls: no address, nothing sent. */
        CHECK_INT(cor_cec_standby(c), COR_CEC_NO_ADDRESS);
    }
    cor_cec_free(c);
    touch(dir, "cec1");
    CHECK(cor_cec_open(dir, 1, 32) == NULL);
    drop(dir, "cec0");
    drop(dir, "cec1");
    drop(dir, "cecil");
    CHECK(rmdir(dir) == 0);
}

int main(void)
{
    test_bytes();
    test_failures();
    test_wake_without_hotplug();
    test_order();
    test_without_devices();
    test_unmanaged();
    test_open();
    return CHECK_DONE();
}
