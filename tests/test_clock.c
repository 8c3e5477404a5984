/* test_clock.c: civil time in a playlist's zone, across the changes of the clocks. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "clock.h"
#include "config.h"
#include "value.h"

/* The real time of Y-M-D H:M in UTC. */
static time_t utc(int y, int mo, int d, int h, int mi)
{
    return (time_t)((int64_t)cor_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60);
}

/* Civil minute Y-M-D H:M. */
static cor_minute civil(int y, int mo, int d, int h, int mi)
{
    return (cor_minute)cor_days_from_civil(y, mo, d) * COR_MINUTES_PER_DAY + h * 60 + mi;
}

static void test_london(void)
{
    const char *z = "Europe/London";

    CHECK_INT(utc(2024, 3, 31, 1, 0), 1711846800);
    CHECK_INT(cor_clock_civil(utc(2024, 3, 31, 0, 59), z), civil(2024, 3, 31, 0, 59));
    CHECK_INT(cor_clock_civil(utc(2024, 3, 31, 0, 59) + 59, z), civil(2024, 3, 31, 0, 59));
    CHECK_INT(cor_clock_civil(utc(2024, 3, 31, 1, 0), z), civil(2024, 3, 31, 2, 0));
    CHECK_INT(cor_clock_civil(utc(2024, 3, 31, 1, 0) - 1, z), civil(2024, 3, 31, 0, 59));
    CHECK_INT(cor_clock_civil(utc(2024, 7, 1, 11, 0), z), civil(2024, 7, 1, 12, 0));
    CHECK_INT(cor_clock_civil(utc(2024, 1, 15, 9, 30), z), civil(2024, 1, 15, 9, 30));

    /* Back from civil time; 01:00 to 01:59 on 31 March never happened. */
    CHECK_INT(cor_clock_from_civil(civil(2024, 3, 31, 0, 30), z), utc(2024, 3, 31, 0, 30));
    CHECK_INT(cor_clock_from_civil(civil(2024, 3, 31, 1, 0), z), utc(2024, 3, 31, 1, 0));
    CHECK_INT(cor_clock_from_civil(civil(2024, 3, 31, 1, 30), z), utc(2024, 3, 31, 1, 0));
    CHECK_INT(cor_clock_from_civil(civil(2024, 3, 31, 2, 0), z), utc(2024, 3, 31, 1, 0));
    CHECK_INT(cor_clock_from_civil(civil(2024, 3, 31, 2, 1), z), utc(2024, 3, 31, 1, 1));
    CHECK_INT(cor_clock_from_civil(civil(2024, 3, 31, 9, 0), z), utc(2024, 3, 31, 8, 0));
    /* 01:00 to 01:59 on 27 October happened twice: the first. */
    CHECK_INT(cor_clock_from_civil(civil(2024, 10, 27, 1, 30), z), utc(2024, 10, 27, 0, 30));
    CHECK_INT(cor_clock_from_civil(civil(2024, 10, 27, 0, 59), z), utc(2024, 10, 26, 23, 59));
    CHECK_INT(cor_clock_from_civil(civil(2024, 10, 27, 2, 0), z), utc(2024, 10, 27, 2, 0));
    CHECK_INT(cor_clock_civil(utc(2024, 10, 27, 0, 30), z), civil(2024, 10, 27, 1, 30));
    CHECK_INT(cor_clock_civil(utc(2024, 10, 27, 1, 30), z), civil(2024, 10, 27, 1, 30));

    /* Every minute of the day of the change goes there and back. */
    bool round_trip = true;
    for (time_t t = utc(2024, 3, 30, 12, 0); t < utc(2024, 4, 1, 0, 0); t += 60)
        if (cor_clock_from_civil(cor_clock_civil(t, z), z) != t)
            round_trip = false;
    CHECK(round_trip);
}

static void test_new_york(void)
{
    const char *z = "America/New_York";

    /* 2:00 EST on 10 March 2024 became 3:00 EDT, at 07:00 UTC. */
    CHECK_INT(cor_clock_civil(utc(2024, 3, 10, 6, 59), z), civil(2024, 3, 10, 1, 59));
    CHECK_INT(cor_clock_civil(utc(2024, 3, 10, 7, 0), z), civil(2024, 3, 10, 3, 0));
    CHECK_INT(cor_clock_from_civil(civil(2024, 3, 10, 2, 30), z), utc(2024, 3, 10, 7, 0));
    CHECK_INT(cor_clock_from_civil(civil(2024, 7, 1, 12, 0), z), utc(2024, 7, 1, 16, 0));
    CHECK_INT(cor_clock_from_civil(civil(2024, 1, 1, 0, 0), z), utc(2024, 1, 1, 5, 0));
    /* 1:30 on 3 November 2024 came twice, first in EDT. */
    CHECK_INT(cor_clock_from_civil(civil(2024, 11, 3, 1, 30), z), utc(2024, 11, 3, 5, 30));
    CHECK_INT(cor_clock_civil(utc(2024, 11, 3, 6, 30), z), civil(2024, 11, 3, 1, 30));
}

static void test_utc_and_system(void)
{
    CHECK_INT(cor_clock_civil(0, "UTC"), 0);
    CHECK_INT(cor_clock_civil(-1, "UTC"), -1);
    CHECK_INT(cor_clock_civil(utc(2024, 3, 19, 10, 0), "UTC"), civil(2024, 3, 19, 10, 0));
    CHECK_INT(cor_clock_from_civil(civil(2024, 3, 31, 1, 30), "UTC"), utc(2024, 3, 31, 1, 30));

    /* TZ is put back as it was, set or unset, and the system's zone follows it. */
    setenv("TZ", "UTC", 1);
    CHECK_INT(cor_clock_civil(utc(2024, 7, 1, 11, 0), "Europe/London"), civil(2024, 7, 1, 12, 0));
    CHECK_STR(getenv("TZ"), "UTC");
    CHECK_INT(cor_clock_civil(utc(2024, 7, 1, 11, 0), NULL), civil(2024, 7, 1, 11, 0));
    CHECK_INT(cor_clock_from_civil(civil(2024, 7, 1, 11, 0), NULL), utc(2024, 7, 1, 11, 0));
    unsetenv("TZ");
    CHECK_INT(cor_clock_civil(utc(2024, 7, 1, 11, 0), "America/New_York"), civil(2024, 7, 1, 7, 0));
    CHECK(getenv("TZ") == NULL);
    setenv("TZ", ":Europe/London", 1);
    CHECK_INT(cor_clock_civil(utc(2024, 7, 1, 11, 0), NULL), civil(2024, 7, 1, 12, 0));
    CHECK_INT(cor_clock_civil(utc(2024, 7, 1, 11, 0), "UTC"), civil(2024, 7, 1, 11, 0));
    CHECK_STR(getenv("TZ"), ":Europe/London");
    unsetenv("TZ");

    /* Zones one after another, with other code reading the time between, stay right. */
    for (int i = 0; i < 3; i++) {
        time_t t = utc(2024, 7, 1, 11, 0) + i * 1800;
        CHECK_INT(cor_clock_civil(t, "Europe/London"), civil(2024, 7, 1, 12, 0) + i * 30);
        struct tm tm;
        CHECK(localtime(&t) != NULL && mktime(localtime_r(&t, &tm)) != (time_t)-1);
        CHECK_INT(cor_clock_civil(t, "America/New_York"), civil(2024, 7, 1, 7, 0) + i * 30);
        CHECK_INT(cor_clock_civil(t, "UTC"), civil(2024, 7, 1, 11, 0) + i * 30);
    }
}

static void test_zones(void)
{
    CHECK(cor_clock_zone_exists("Europe/London"));
    CHECK(cor_clock_zone_exists("America/New_York"));
    CHECK(cor_clock_zone_exists("UTC"));
    CHECK(!cor_clock_zone_exists("Europe/Lodnon"));
    CHECK(!cor_clock_zone_exists("Europe"));
    CHECK(!cor_clock_zone_exists("zone.tab"));
    CHECK(!cor_clock_zone_exists("../../../etc/passwd"));
    CHECK(!cor_clock_zone_exists("Europe/../UTC"));
    CHECK(!cor_clock_zone_exists("/usr/share/zoneinfo/UTC"));
    CHECK(!cor_clock_zone_exists("Europe/London/"));
    CHECK(!cor_clock_zone_exists("Europe//London"));
    CHECK(!cor_clock_zone_exists("Europe/London "));
    CHECK(!cor_clock_zone_exists(""));
    CHECK(!cor_clock_zone_exists(NULL));

    /* TZDIR moves the zone folder. */
    setenv("TZDIR", "/nonexistent", 1);
    CHECK(!cor_clock_zone_exists("Europe/London"));
    unsetenv("TZDIR");
}

static void test_trusted(void)
{
    CHECK(!cor_clock_trusted(0));
    CHECK(cor_clock_trusted(time(NULL)));
    CHECK(cor_clock_trusted((time_t)CORRIDOR_BUILD_EPOCH - 86400));
    CHECK(!cor_clock_trusted((time_t)CORRIDOR_BUILD_EPOCH - 86401));
}

int main(void)
{
    test_london();
    test_new_york();
    test_utc_and_system();
    test_zones();
    test_trusted();
    return CHECK_DONE();
}
