/* Live checks: helpers shared by the files of lib/live only. */
/* SPDX-License-Identifier: MIT */
#ifndef PF_LIVE_LIVE_INT_H
#define PF_LIVE_LIVE_INT_H

#include <stdbool.h>

// Whether @conninfo is a postgresql:// or postgres:// URL.
bool pf__live_is_url(const char *conninfo);
// Replaces every occurrence of @secret in @msg with "***" (in place).
void pf__live_scrub(char *msg, const char *secret);
// Scrubs every password @conninfo (and PGPASSWORD) carries out of @msg.
void pf__live_scrub_conninfo(char *msg, const char *conninfo);
// Collapses runs of whitespace and newlines in @msg into single spaces and
// trims both ends (libpq messages span lines and end in '\n').
void pf__live_one_line(char *msg);

#endif
