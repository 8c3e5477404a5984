/* clock.h: real time to the playlist's civil time, in its time zone. */
#pragma once

#include <stdbool.h>
#include <time.h>

#include "model.h"

/* True when ZONE (e.g. "Europe/London") names a zone this system knows. */
bool cor_clock_zone_exists(const char *zone);

/* The civil minute at T in ZONE (NULL: the system's zone). */
cor_minute cor_clock_civil(time_t t, const char *zone);

/* The real time at which civil minute M begins in ZONE (for a minute skipped by a daylight
 * saving change, the moment the clocks jumped). */
time_t cor_clock_from_civil(cor_minute m, const char *zone);

/* False when T is before this build was made: the clock has not been set. */
bool cor_clock_trusted(time_t t);
