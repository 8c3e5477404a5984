/* test_env.h: how the machine running the tests differs from a Debian PC, as the build says:
 * slower (a time scale for every time limit) or emulated (qemu-user runs the arm64 suite). */
#pragma once

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

/* TEST_ASAN: 1 in an AddressSanitizer build, where freed memory waits in a quarantine and resident
 * memory is the sanitizer's, not corridor's: leaks are judged by LeakSanitizer at exit instead. */
#if defined(__SANITIZE_ADDRESS__)
#define TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TEST_ASAN 1
#endif
#endif
#ifndef TEST_ASAN
#define TEST_ASAN 0
#endif

/* The factor every time limit in the tests is multiplied by: CORRIDOR_TEST_TIME_SCALE (the arm64
 * suite under qemu-user sets it), else 1. A value that is not a number from 1 to 1000 counts as
 * 1. */
static inline double test_time_scale(void)
{
    const char *s = getenv("CORRIDOR_TEST_TIME_SCALE");
    if (!s || !*s)
        return 1;
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    return (*end || errno || !isfinite(v) || v < 1 || v > 1000) ? 1 : v;
}

/* The emulator that runs the test's own programs (CORRIDOR_TEST_EMULATOR, such as
 * qemu-aarch64-static), or NULL when they run natively. Under it, a child program is started
 * through it, and memory figures are the emulator's own, not the program's. */
static inline const char *test_emulator(void)
{
    const char *e = getenv("CORRIDOR_TEST_EMULATOR");
    return e && *e ? e : NULL;
}
