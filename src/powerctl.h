/* powerctl.h: the screen's power controller: turns the TV and the display off and on when the
 * power schedule says so, in a fixed order, and sends the wanted state again every ten minutes
 * (TVs get switched by hand). Time is a parameter and the devices are given, so tests drive it
 * with stand-ins. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "cec.h"
#include "dpms.h"

/* How often the wanted state is sent again while it holds. */
#define COR_POWERCTL_RESEND_MS (10 * 60 * 1000)

/* What the player does on the controller's behalf, in the order the controller calls them. */
struct cor_powerctl_hooks {
    void (*black)(void *ctx);  /* present one black frame; no drawing after it */
    void (*redraw)(void *ctx); /* draw the slide the schedule says, whole, and present it */
    void *ctx;
};

/* What was done last, for the status file (strings are static or held in the struct). */
struct cor_powerctl_report {
    bool on;
    bool managed;      /* a power schedule applies to this screen */
    char why[160];     /* the schedule's reason for the state */
    int64_t since_ms;  /* when the screen went to this state (0: since start) */
    int64_t sent_ms;   /* when the state was last sent (0: never) */
    int64_t next_change_ms; /* when the schedule changes it (0: never) */
    const char *cec_port;   /* NULL: no CEC adapter */
    const char *cec_sent;   /* "standby", "image view on, active source", or NULL */
    char cec_bytes[64];     /* the last message's bytes, "40:36" */
    const char *cec_result; /* cor_cec_result_name */
    const char *tv_power;   /* the TV's answer, cor_cec_power_name */
    const char *dpms;       /* "on", "off", "refused", or NULL: no DPMS */
};

struct cor_powerctl {
    struct cor_cec *cec;   /* owned; NULL: no CEC */
    struct cor_dpms *dpms; /* owned; NULL: no DPMS */
    struct cor_powerctl_hooks hooks;
    bool started;
    int64_t resend_ms; /* INT64_MAX: nothing to send again */
    struct cor_powerctl_report report;
};

/* Starts with the screen on (as the player opens it), taking CEC and DPMS over (either NULL). */
void cor_powerctl_init(struct cor_powerctl *pw, struct cor_cec *cec, struct cor_dpms *dpms,
                    const struct cor_powerctl_hooks *hooks);
/* Frees the devices; leaves the TV and display as they are. */
void cor_powerctl_free(struct cor_powerctl *pw);

/* Brings the screen to WANT_ON at NOW_MS (wall clock ms), MANAGED saying whether a schedule
 * decides (unmanaged: the screen stays on and nothing is sent). At "off": CEC Standby, DPMS off,
 * a black frame. At "on": DPMS on, CEC Image View On and Active Source, a full redraw. The same
 * state again is sent again only once COR_POWERCTL_RESEND_MS passed. WHY and NEXT_CHANGE_MS (0:
 * none) are kept for the report. Returns true when the state changed (one journal line). */
bool cor_powerctl_update(struct cor_powerctl *pw, bool want_on, bool managed, const char *why,
                      int64_t next_change_ms, int64_t now_ms);

/* True while the screen is off: no drawing. */
bool cor_powerctl_off(const struct cor_powerctl *pw);
/* When cor_powerctl_update should next run for the resend (wall clock ms; INT64_MAX: never). */
int64_t cor_powerctl_resend_due(const struct cor_powerctl *pw);
