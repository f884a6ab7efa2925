/* Helpers shared by the live-database tests: the server, seeding. */
/* SPDX-License-Identifier: MIT */
#ifndef PF_TESTS_LIVE_HELPERS_H
#define PF_TESTS_LIVE_HELPERS_H

#include "../unit/test.h"

#include <libpq-fe.h>

#include "core/core.h"
#include "live/live.h"

// ctest's SKIP_RETURN_CODE: no server and not under CI.
#define SKIP_CODE 77

// The server's DSN: $PF_TEST_DSN, else the file the fixture wrote; skips
// (exit 77) when there is none, except under CI=true, where it fails.
const char *dsn(void);
// The DSN with one more key=value parameter; caller frees.
char *dsn_with(const char *key, const char *value);
// The test's own read-write connection, for seeding.
PGconn *admin(void);
// Runs @sql or fails the test.
void exec_ok(PGconn *c, const char *sql);
// The first value of @sql's result, as an integer.
long long exec_int(PGconn *c, const char *sql);
// A pgpreflight session, or fails the test.
pf_live *open_live(const char *conninfo, const pf_live_opts *opts);
void sleep_ms(long ms);

#endif
