/* player_fixtures.h: what the end-to-end player tests (test_player, test_soak) share: time,
 * files, reading the status file, and stopping the player they started. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* CLOCK_MONOTONIC in milliseconds. */
long long now_ms(void);
/* MS times the machine's time scale (test_env.h): how long a test waits for something that
 * takes MS on a Debian PC. */
long long scaled_ms(long long ms);
/* Sleeps MS milliseconds, whatever signals arrive. */
void sleep_ms(int ms);

/* The whole of PATH, NUL-terminated (caller frees), its length in *LEN_OUT when not NULL; NULL
 * when it cannot be read. */
char *slurp(const char *path, size_t *len_out);
/* Removes ROOT and everything below it, links not followed. */
void remove_tree(const char *root);

/* The text just after the first "KEY": in JSON (the status file's own layout), or NULL. */
const char *json_after(const char *json, const char *key);
/* Milliseconds since the epoch of "2024-03-19T10:30:05.250Z"; -1 when unreadable. */
long long iso_ms(const char *s);

/* Stops the player *PID with SIGTERM, waiting up to WAIT_MS, then SIGKILL; *PID becomes 0.
 * Returns its exit status (128 + the signal when one ended it), -1 when it had to be killed or
 * none was running. */
int stop_player(pid_t *pid, int wait_ms);
