/* clock.c: turns real time into the playlist's civil time and back, in a named time zone. */
#include "clock.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "config.h"
#include "value.h"

#define ZONE_MAX 255

bool cor_clock_zone_exists(const char *zone)
{
    char path[PATH_MAX];
    struct stat st;
    unsigned char magic[4];

    if (!zone || !*zone || strlen(zone) > ZONE_MAX || zone[0] == '/')
        return false;
    /* Each part of the name is letters, digits, '_', '+' or '-', and none starts with '.' or
     * '-': nothing can reach outside the zone folder. */
    for (const char *p = zone; *p;) {
        if (*p == '.' || *p == '-' || *p == '/')
            return false;
        for (; *p && *p != '/'; p++) {
            char c = *p;
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                  c == '_' || c == '+' || c == '-'))
                return false;
        }
        if (*p == '/' && *++p == '\0')
            return false;
    }
    const char *dir = getenv("TZDIR");
    if (!dir || !*dir)
        dir = "/usr/share/zoneinfo";
    int n = snprintf(path, sizeof(path), "%s/%s", dir, zone);
    if (n < 0 || (size_t)n >= sizeof(path))
        return false;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return false;
    /* A compiled zone opens with "TZif"; zone.tab and the like do not. */
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    size_t got = fread(magic, 1, sizeof(magic), f);
    fclose(f);
    return got == sizeof(magic) && memcmp(magic, "TZif", 4) == 0;
}

/* The C library converts in the zone named by TZ. To convert in a playlist's zone, TZ is set to
 * ":ZONE" and tzset() called, and TZ is put back afterwards. tzset() is not called again when TZ
 * goes back: the library keeps the playlist's zone loaded, and the next call for the same zone
 * finds TZ unchanged and does not read the zone file again. Code that uses localtime_r() without
 * tzset() may therefore see the playlist's zone; corridor asks this module for local time
 * instead. Only the one thread that owns corridor's state may call these functions. */
struct zone_switch {
    char *prev;   /* TZ before, to put back (owned); NULL when TZ was unset */
    bool changed; /* TZ was changed */
};

static void zone_enter(const char *zone, struct zone_switch *sw)
{
    char want[ZONE_MAX + 2];
    const char *cur = getenv("TZ");

    sw->prev = NULL;
    sw->changed = false;
    if (zone && strlen(zone) <= ZONE_MAX) {
        snprintf(want, sizeof(want), ":%s", zone);
        if (!cur || strcmp(cur, want) != 0) {
            if (cur) {
                sw->prev = strdup(cur);
                if (!sw->prev)
                    return; /* out of memory: convert in the system's zone rather than lose TZ */
            }
            if (setenv("TZ", want, 1) != 0) {
                free(sw->prev);
                sw->prev = NULL;
                return;
            }
            sw->changed = true;
        }
    }
    tzset();
}

static void zone_leave(struct zone_switch *sw)
{
    if (sw->changed) {
        if (sw->prev)
            setenv("TZ", sw->prev, 1);
        else
            unsetenv("TZ");
    }
    free(sw->prev);
    sw->prev = NULL;
}

/* The civil time at T in the loaded zone, in seconds since 1970-01-01 00:00 civil. */
static int64_t civil_seconds(int64_t t)
{
    time_t tt = (time_t)t;
    struct tm tm;
    if ((int64_t)tt != t || !localtime_r(&tt, &tm))
        return t;
    return (int64_t)cor_days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday) * 86400 +
           tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
}

static int64_t offset_at(int64_t t)
{
    return civil_seconds(t) - t;
}

static int64_t floor_div64(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if (a % b != 0 && ((a < 0) != (b < 0)))
        q--;
    return q;
}

/* The offset last found, and the hour of real time it holds for: a screen asks for the time
 * every second or so, and the zone is switched once an hour instead. */
static struct {
    bool valid;
    bool system; /* the system's zone */
    char zone[ZONE_MAX + 1];
    int64_t from, until; /* [from, until] in real seconds */
    int64_t offset;
} cache;

static bool cache_matches(const char *zone, int64_t t)
{
    if (!cache.valid || t < cache.from || t > cache.until)
        return false;
    return zone ? !cache.system && strcmp(cache.zone, zone) == 0 : cache.system;
}

cor_minute cor_clock_civil(time_t t, const char *zone)
{
    int64_t now = (int64_t)t, off;

    if (cache_matches(zone, now)) {
        off = cache.offset;
    } else {
        struct zone_switch sw;
        zone_enter(zone, &sw);
        /* Offsets change a few times a year, never twice in an hour: when the offset is the same
         * at both ends of this hour, it holds for all of it. */
        int64_t from = floor_div64(now, 3600) * 3600, until = from + 3599;
        off = offset_at(now);
        if (offset_at(from) == off && offset_at(until) == off &&
            (!zone || strlen(zone) <= ZONE_MAX)) {
            cache.valid = true;
            cache.system = !zone;
            snprintf(cache.zone, sizeof(cache.zone), "%s", zone ? zone : "");
            cache.from = from;
            cache.until = until;
            cache.offset = off;
        }
        zone_leave(&sw);
    }
    return floor_div64(now + off, 60);
}

time_t cor_clock_from_civil(cor_minute m, const char *zone)
{
    struct zone_switch sw;
    int64_t local = (int64_t)m * 60, result;

    zone_enter(zone, &sw);
    /* The offsets a day before and a day after; the minute begins at LOCAL less one of them. */
    int64_t before = offset_at(local - 86400), after = offset_at(local + 86400);
    int64_t t1 = local - before, t2 = local - after;
    bool ok1 = civil_seconds(t1) == local, ok2 = civil_seconds(t2) == local;
    if (ok1 && ok2) {
        result = t1 < t2 ? t1 : t2; /* an hour the clocks went back over: the first time */
    } else if (ok1 || ok2) {
        result = ok1 ? t1 : t2;
    } else {
        /* A minute the clocks jumped over: find the moment they jumped, between the instant
         * still on the old offset and the one already on the new. */
        int64_t lo = t1 < t2 ? t1 : t2, hi = t1 < t2 ? t2 : t1;
        int64_t lo_off = offset_at(lo);
        if (offset_at(hi) == lo_off) {
            result = lo;
        } else {
            while (hi - lo > 1) {
                int64_t mid = lo + (hi - lo) / 2;
                if (offset_at(mid) == lo_off)
                    lo = mid;
                else
                    hi = mid;
            }
            result = hi;
        }
    }
    zone_leave(&sw);
    return (time_t)result;
}

bool cor_clock_trusted(time_t t)
{
    return (long long)t >= (long long)CORRIDOR_BUILD_EPOCH - 86400;
}
