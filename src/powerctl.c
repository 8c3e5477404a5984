/* powerctl.c: the order of the steps that switch a screen off and on, and sending them again. */
#include "powerctl.h"

#include <stdio.h>
#include <string.h>

#include "log.h"

#define TAG "power"

void cor_powerctl_init(struct cor_powerctl *pw, struct cor_cec *cec, struct cor_dpms *dpms,
                    const struct cor_powerctl_hooks *hooks)
{
    memset(pw, 0, sizeof(*pw));
    pw->cec = cec;
    pw->dpms = dpms;
    pw->hooks = *hooks;
    pw->resend_ms = INT64_MAX;
    pw->report.on = true;
    pw->report.cec_port = cec ? cor_cec_name(cec) : NULL;
}

void cor_powerctl_free(struct cor_powerctl *pw)
{
    cor_cec_free(pw->cec);
    cor_dpms_free(pw->dpms);
    pw->cec = NULL;
    pw->dpms = NULL;
}

bool cor_powerctl_off(const struct cor_powerctl *pw)
{
    return !pw->report.on;
}

int64_t cor_powerctl_resend_due(const struct cor_powerctl *pw)
{
    return pw->resend_ms;
}

static void set_dpms(struct cor_powerctl *pw, bool on)
{
    if (pw->dpms)
        pw->report.dpms = cor_dpms_set(pw->dpms, on) ? (on ? "on" : "off") : "refused";
}

/* Asks the TV whether it followed, for the status file. */
static void ask_tv(struct cor_powerctl *pw)
{
    enum cor_cec_power power = COR_CEC_POWER_UNKNOWN;
    cor_cec_power_status(pw->cec, &power);
    pw->report.tv_power = cor_cec_power_name(power);
}

static void send_cec(struct cor_powerctl *pw, bool on)
{
    if (!pw->cec)
        return;
    enum cor_cec_result r = on ? cor_cec_wake(pw->cec) : cor_cec_standby(pw->cec);
    pw->report.cec_sent = on ? "image view on, active source" : "standby";
    pw->report.cec_result = cor_cec_result_name(r);
    snprintf(pw->report.cec_bytes, sizeof(pw->report.cec_bytes), "%s",
             cor_cec_last_sent(pw->cec));
}

/* The steps, in their order: off is CEC, DPMS, black frame; on is DPMS, CEC, redraw. The TV is
 * asked whether it followed last, so that its answer (up to a second) delays no step. */
static void apply(struct cor_powerctl *pw, bool on, bool again)
{
    if (on) {
        set_dpms(pw, true);
        send_cec(pw, true);
        if (!again && pw->hooks.redraw)
            pw->hooks.redraw(pw->hooks.ctx);
    } else {
        send_cec(pw, false);
        set_dpms(pw, false);
        if (!again && pw->hooks.black)
            pw->hooks.black(pw->hooks.ctx);
    }
    if (pw->cec)
        ask_tv(pw);
}

/* The journal's words for what the devices did. */
static void say_devices(const struct cor_powerctl *pw, char *buf, size_t size)
{
    const struct cor_powerctl_report *r = &pw->report;
    if (r->cec_sent)
        snprintf(buf, size, "CEC %s to %s: %s, TV %s; DPMS %s", r->cec_sent, r->cec_port,
                 r->cec_result, r->tv_power, r->dpms ? r->dpms : "not available");
    else
        snprintf(buf, size, "no CEC adapter; DPMS %s", r->dpms ? r->dpms : "not available");
}

bool cor_powerctl_update(struct cor_powerctl *pw, bool want_on, bool managed, const char *why,
                      int64_t next_change_ms, int64_t now_ms)
{
    struct cor_powerctl_report *r = &pw->report;
    snprintf(r->why, sizeof(r->why), "%s", why ? why : "");
    r->next_change_ms = next_change_ms;
    /* At start, or when a schedule starts to apply: say to the TV what it wants. */
    bool first = managed && (!pw->started || !r->managed);
    bool at_start = !pw->started;
    r->managed = managed;
    if (!managed)
        want_on = true; /* no schedule here: the screen stays on and nothing is sent */
    bool change = want_on != r->on;
    bool again = !change && managed && now_ms >= pw->resend_ms;
    pw->started = true;
    if (!change && !again && !first) {
        if (!managed)
            pw->resend_ms = INT64_MAX;
        return false;
    }
    r->on = want_on; /* before the steps: the redraw at "on" must find the screen on */
    apply(pw, want_on, !change);
    r->sent_ms = now_ms;
    pw->resend_ms = managed ? now_ms + COR_POWERCTL_RESEND_MS : INT64_MAX;
    char devices[256];
    say_devices(pw, devices, sizeof(devices));
    if (change) {
        r->since_ms = now_ms;
        LOG_INFO(TAG, "%s: %s", r->why, devices);
    } else if (first) {
        LOG_INFO(TAG, "%s, %s: %s", at_start ? "at start" : "the schedule applies now", r->why,
                 devices);
    } else {
        LOG_DBG(TAG, "sent again: %s: %s", r->why, devices);
    }
    return change;
}
