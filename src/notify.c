/* notify.c: systemd's sd_notify protocol when libsystemd is present, no-ops when it is not. */
#include "notify.h"

#include <stddef.h>

#ifdef COR_HAVE_SYSTEMD
#include <systemd/sd-daemon.h>

#include <string.h>

#include "log.h"

enum { STATUS_MAX = 256 };

/* Sends MSG. Without NOTIFY_SOCKET sd_notify does nothing; a failure rates only a debug line. */
static void send_message(const char *msg)
{
    int r = sd_notify(0, msg);
    if (r < 0)
        LOG_DBG("notify", "sd_notify(\"%s\") failed: %s", msg, strerror(-r));
}

void cor_notify_ready(void)
{
    send_message("READY=1");
}

void cor_notify_watchdog(void)
{
    send_message("WATCHDOG=1");
}

void cor_notify_stopping(void)
{
    send_message("STOPPING=1");
}

void cor_notify_status(const char *text)
{
    if (!text)
        return;
    char msg[sizeof("STATUS=") + STATUS_MAX] = "STATUS=";
    const size_t head = sizeof("STATUS=") - 1;
    size_t i = 0;
    for (; text[i] && head + i < sizeof(msg) - 1; i++)
        /* One line only: a newline would start a new NAME=VALUE assignment in the protocol. */
        msg[head + i] = (text[i] == '\n' || text[i] == '\r') ? ' ' : text[i];
    /* A long text cut inside a UTF-8 character loses that whole character. */
    if (((unsigned char)text[i] & 0xC0) == 0x80) {
        while (i > 0 && ((unsigned char)text[i - 1] & 0xC0) == 0x80)
            i--;
        if (i > 0)
            i--;
    }
    msg[head + i] = '\0';
    send_message(msg);
}

uint64_t cor_notify_watchdog_usec(void)
{
    uint64_t usec = 0;
    if (sd_watchdog_enabled(0, &usec) <= 0)
        return 0;
    return usec;
}

#else /* !COR_HAVE_SYSTEMD */

void cor_notify_ready(void)
{
}

void cor_notify_watchdog(void)
{
}

void cor_notify_stopping(void)
{
}

void cor_notify_status(const char *text)
{
    (void)text;
}

uint64_t cor_notify_watchdog_usec(void)
{
    return 0;
}

#endif
