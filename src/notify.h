/* notify.h: tells systemd that corridor is ready, alive, stopping, and what it shows. */
#pragma once

#include <stdint.h>

/* Each call sends one message to the service manager when corridor runs under systemd with
 * Type=notify, and does nothing otherwise (no NOTIFY_SOCKET, or a build without libsystemd).
 * None of them can fail in a way the caller must handle: the screen plays on regardless. */

/* Sends READY=1: call once, when the first frame (a slide or the fallback) is on the screen. */
void cor_notify_ready(void);
/* Sends WATCHDOG=1: call at least every cor_notify_watchdog_usec() / 2 microseconds. */
void cor_notify_watchdog(void);
/* Sends STOPPING=1: call when a clean stop begins (SIGTERM, SIGINT, a quit key). */
void cor_notify_stopping(void);
/* Sends STATUS=TEXT, the line `systemctl status corridor` shows. Newlines become spaces; TEXT
 * is copied, the caller keeps it. NULL is ignored. */
void cor_notify_status(const char *text);
/* The watchdog interval systemd expects (WatchdogSec=), in microseconds; 0 when there is none
 * for this process. The loop should wake at half of it to call cor_notify_watchdog(). */
uint64_t cor_notify_watchdog_usec(void);
