/* Helpers shared by the live-database tests. */
/* SPDX-License-Identifier: MIT */
#include "helpers.h"

#include <stdbool.h>
#include <time.h>

static char dsn_buf[4096];

// The server's DSN: $PF_TEST_DSN, else the file the fixture wrote. Skips
// the test when there is none, except under CI=true, where it fails.
const char *dsn(void)
{
  const char *env = getenv("PF_TEST_DSN");
  if (env && *env)
    return env;
  FILE *f = fopen(PF_LIVE_DSN_FILE, "r");
  if (f) {
    size_t n = fread(dsn_buf, 1, sizeof(dsn_buf) - 1, f);
    fclose(f);
    while (n && (dsn_buf[n - 1] == '\n' || dsn_buf[n - 1] == '\r'))
      n--;
    dsn_buf[n] = '\0';
    if (n)
      return dsn_buf;
  }
  const char *ci = getenv("CI");
  if (ci && !strcmp(ci, "true"))
    PF_TEST_FAIL("no test server: %s is missing and PF_TEST_DSN is unset",
                 PF_LIVE_DSN_FILE);
  fprintf(stderr, "skipped: no test server (%s)\n", PF_LIVE_DSN_FILE);
  exit(SKIP_CODE);
}

// The DSN with one more key=value parameter (URL or key=value form).
char *dsn_with(const char *key, const char *value)
{
  const char *base = dsn();
  pf_buf b = PF_BUF_INIT;
  pf_buf_puts(&b, base);
  if (!strncmp(base, "postgres://", 11) ||
      !strncmp(base, "postgresql://", 13)) {
    pf_buf_puts(&b, strchr(base, '?') ? "&" : "?");
    pf_buf_puts(&b, key);
    pf_buf_putc(&b, '=');
    for (const char *p = value; *p; p++) {
      unsigned char c = (unsigned char)*p;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
          (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-')
        pf_buf_putc(&b, (char)c);
      else
        pf_buf_printf(&b, "%%%02X", c);
    }
  } else {
    pf_buf_printf(&b, " %s='", key);
    for (const char *p = value; *p; p++) {
      if (*p == '\'' || *p == '\\')
        pf_buf_putc(&b, '\\');
      pf_buf_putc(&b, *p);
    }
    pf_buf_putc(&b, '\'');
  }
  return pf_buf_detach(&b);
}

// The test's own read-write connection, for seeding.
PGconn *admin(void)
{
  PGconn *c = PQconnectdb(dsn());
  if (PQstatus(c) != CONNECTION_OK)
    PF_TEST_FAIL("admin connection: %s", PQerrorMessage(c));
  PQclear(PQexec(c, "SET client_min_messages = warning"));
  return c;
}

void exec_ok(PGconn *c, const char *sql)
{
  PGresult *r = PQexec(c, sql);
  ExecStatusType st = PQresultStatus(r);
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
    PF_TEST_FAIL("%s: %s", sql, PQerrorMessage(c));
  PQclear(r);
}

// The first value of @sql's result, as an integer.
long long exec_int(PGconn *c, const char *sql)
{
  PGresult *r = PQexec(c, sql);
  if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1)
    PF_TEST_FAIL("%s: %s", sql, PQerrorMessage(c));
  long long v = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
  PQclear(r);
  return v;
}

pf_live *open_live(const char *conninfo, const pf_live_opts *opts)
{
  pf_error err = {0};
  pf_live *live = NULL;
  ASSERT_OK(pf__live_connect(conninfo, opts, &live, &err), err);
  ASSERT(live != NULL);
  return live;
}

void sleep_ms(long ms)
{
  struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
  nanosleep(&ts, NULL);
}
