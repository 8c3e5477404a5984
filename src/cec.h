/* cec.h: the TV behind the HDMI cable, through the kernel's CEC interface (/dev/cecN): claim a
 * playback device's logical address, send Standby, Image View On and Active Source, ask the TV
 * whether it is on. Every call is bounded (short reply timeouts, a few tries), so a port with
 * nothing on it never stalls the player for long. The device is reached through a small table of
 * functions, so tests stand in for /dev/cec*. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* How corridor reaches one CEC adapter: ioctl(2) on its descriptor, or a test's stand-in. */
struct cor_cec_io {
    /* As ioctl(2): 0, or -1 with errno set. */
    int (*ioctl)(void *ctx, unsigned long request, void *arg);
    /* Closes the device (may be NULL). */
    void (*close)(void *ctx);
    void *ctx;
};

/* What came of one message. */
enum cor_cec_result {
    COR_CEC_OK,         /* sent and acknowledged (and answered, when an answer was asked for) */
    COR_CEC_NO_ACK,     /* nobody acknowledged it: no TV, or one that ignores CEC */
    COR_CEC_REFUSED,    /* the TV answered Feature Abort */
    COR_CEC_TIMEOUT,    /* sent, but the answer never came */
    COR_CEC_NO_ADDRESS, /* no logical address could be claimed (no hot-plug, a full bus) */
    COR_CEC_FAILED,     /* the adapter refused it (logged) */
};

/* The TV's answer to Give Device Power Status. */
enum cor_cec_power {
    COR_CEC_POWER_UNKNOWN, /* not asked, or no answer */
    COR_CEC_POWER_ON,
    COR_CEC_POWER_STANDBY,
    COR_CEC_POWER_TO_ON,      /* in transition from standby to on */
    COR_CEC_POWER_TO_STANDBY, /* in transition from on to standby */
};

/* Tries per message when the bus was busy or nobody acknowledged, and how long an answer is
 * waited for (the CEC specification gives a TV one second to answer). */
#define COR_CEC_TRIES    3
#define COR_CEC_REPLY_MS 1000

struct cor_cec;

/* Takes IO over (its close is called by cor_cec_free, also on failure); NAME names the port in
 * messages ("/dev/cec0"). Returns NULL when out of memory. Nothing is sent yet. */
struct cor_cec *cor_cec_create(const struct cor_cec_io *io, const char *name);
/* Closes the device. Accepts NULL. */
void cor_cec_free(struct cor_cec *c);

/* Claims a logical address as a playback device, unless one is claimed already (true). False
 * when the TV gives no physical address (it dropped hot-plug in standby) or the claim failed. */
bool cor_cec_claim(struct cor_cec *c);

/* Standby to the TV (logical address 0), from corridor's address; claims one first. */
enum cor_cec_result cor_cec_standby(struct cor_cec *c);
/* Image View On to the TV, then Active Source (corridor's physical address) to all. When no
 * address can be claimed (a TV in standby that dropped hot-plug), Image View On goes from the
 * unregistered address 15 and Active Source waits: the result is then COR_CEC_NO_ADDRESS when
 * Image View On was acknowledged, and its own failure otherwise. */
enum cor_cec_result cor_cec_wake(struct cor_cec *c);
/* Give Device Power Status to the TV; *POWER receives its answer (UNKNOWN when none). */
enum cor_cec_result cor_cec_power_status(struct cor_cec *c, enum cor_cec_power *power);

/* The port's name, as given to cor_cec_create. */
const char *cor_cec_name(const struct cor_cec *c);
/* The bytes of the last message tried, as "40:36" (hex, colon-separated), for the status file. */
const char *cor_cec_last_sent(const struct cor_cec *c);

/* Words for the status file and the journal: "ok", "no acknowledgement", ...; "on", ... */
const char *cor_cec_result_name(enum cor_cec_result r);
const char *cor_cec_power_name(enum cor_cec_power p);

/* Opens the CEC adapter on the HDMI connector CONNECTOR_ID of DRM card CARD (-1: unknown):
 * among DEV_ROOT/cec* ("/dev" on a real system), the one whose connector information names it,
 * or else the only one. Returns NULL (logged once, with the reason) when there is none, it
 * cannot be opened, or several exist and none names the connector. */
struct cor_cec *cor_cec_open(const char *dev_root, int card, uint32_t connector_id);
