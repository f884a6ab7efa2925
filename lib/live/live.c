/* Live checks: a read-only, time-bounded libpq session and its queries. */
/* SPDX-License-Identifier: MIT */
#include "live.h"
#include "live_int.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "live/pq.h"

#include "core/core.h"

/* Section - SQL. Every statement is read-only; values are parameters. */

// Facts about the session, checked once after connecting.
static const char SQL_SESSION_INFO[] =
    "SELECT pg_catalog.current_setting('transaction_read_only'),"
    " pg_catalog.current_setting('server_version_num'),"
    " pg_catalog.pg_is_in_recovery()";

// Only when the startup options were dropped on the way (a pooler): the same
// settings, for the session.
static const char SQL_FORCE_SESSION[] =
    "SELECT pg_catalog.set_config('default_transaction_read_only', 'on', "
    "false), pg_catalog.set_config('statement_timeout', $1, false),"
    " pg_catalog.set_config('lock_timeout', $2, false)";

static const char SQL_BEGIN[] = "BEGIN READ ONLY";
static const char SQL_COMMIT[] = "COMMIT";
static const char SQL_ROLLBACK[] = "ROLLBACK";

// SET LOCAL statement_timeout = $1 (milliseconds), as a parameter.
static const char SQL_SET_TIMEOUT[] =
    "SELECT pg_catalog.set_config('statement_timeout', $1, true)";

// $1 schema (NULL: search_path), $2 relation name -> the relation's oid.
// quote_ident keeps names with quotes, dots and spaces exact.
#define REL_OID                                                                \
  "pg_catalog.to_regclass(CASE WHEN $1::text IS NULL"                          \
  " THEN pg_catalog.quote_ident($2::text)"                                     \
  " ELSE pg_catalog.quote_ident($1::text) || '.' ||"                           \
  " pg_catalog.quote_ident($2::text) END)"

// Tables, partitioned tables, foreign tables and materialized views.
#define TABLE_KINDS "('r', 'p', 'f', 'm')"

static const char SQL_TABLE[] =
    "SELECT n.nspname, c.reltuples::bigint,"
    " pg_catalog.pg_total_relation_size(c.oid), c.relkind = 'p'"
    " FROM pg_catalog.pg_class c"
    " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
    " WHERE c.oid = " REL_OID " AND c.relkind IN " TABLE_KINDS;

static const char SQL_COLUMN[] =
    "SELECT a.attnotnull, pg_catalog.format_type(a.atttypid, a.atttypmod),"
    " a.atthasdef OR a.attidentity IN ('a', 'd'), k.conname,"
    " pg_catalog.pg_get_constraintdef(k.oid)"
    " FROM pg_catalog.pg_class c"
    " JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid"
    " LEFT JOIN LATERAL (SELECT k.oid, k.conname"
    " FROM pg_catalog.pg_constraint k WHERE k.conrelid = c.oid"
    " AND k.contype = 'c' AND a.attnum = ANY (k.conkey)"
    " ORDER BY k.conname LIMIT 1) k ON true"
    " WHERE c.oid = " REL_OID " AND c.relkind IN " TABLE_KINDS
    " AND a.attname = $3::name AND a.attnum > 0 AND NOT a.attisdropped";

static const char SQL_INDEX[] =
    "SELECT t.relname, COALESCE(s.idx_scan, 0), COALESCE(s.idx_tup_read, 0),"
    " EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k"
    " WHERE k.conindid = i.indexrelid AND k.contype IN ('p', 'u', 'x')),"
    " pg_catalog.pg_get_indexdef(i.indexrelid),"
    " EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k"
    " WHERE k.conindid = i.indexrelid AND k.contype = 'f'),"
    " (SELECT a.attname FROM pg_catalog.pg_attribute a"
    " WHERE a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)"
    " AND NOT a.attnotnull ORDER BY a.attnum LIMIT 1),"
    " 0 = ANY (i.indkey)"
    " FROM pg_catalog.pg_index i"
    " JOIN pg_catalog.pg_class t ON t.oid = i.indrelid"
    " LEFT JOIN pg_catalog.pg_stat_user_indexes s"
    " ON s.indexrelid = i.indexrelid"
    " WHERE i.indexrelid = " REL_OID;

// The exact names to quote in the generated count, from the catalog.
static const char SQL_RESOLVE_COLUMN[] =
    "SELECT n.nspname, c.relname, a.attname, c.relkind"
    " FROM pg_catalog.pg_class c"
    " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
    " JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid"
    " WHERE c.oid = " REL_OID " AND c.relkind IN " TABLE_KINDS
    " AND a.attname = $3::name AND a.attnum > 0 AND NOT a.attisdropped";

// Pieces of "SELECT count(*) FROM <schema>.<table> WHERE <column> IS NULL";
// every name is quoted with PQescapeIdentifier.
static const char SQL_COUNT_NULLS_HEAD[] = "SELECT count(*) FROM ";
static const char SQL_COUNT_NULLS_WHERE[] = " WHERE ";
static const char SQL_COUNT_NULLS_TAIL[] = " IS NULL";

/* Section - Helpers */

static const pf_span span0 = {0, 0};

static int64_t now_ms(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t pf__live_budget_left(const pf_live *self)
{
  return self->deadline_ms - now_ms();
}

int64_t pf__live_budget_pause(const pf_live *self)
{
  return pf__live_budget_left(self);
}

void pf__live_budget_resume(pf_live *self, int64_t left_ms)
{
  self->deadline_ms = now_ms() + left_ms;
}

// pf_error_set plus the SQLSTATE, which pf_error_set resets.
void pf__live_set_error(pf_error *err, pf_code code, const char *sqlstate,
                        const char *fmt, ...)
{
  if (!err || err->code != PF_OK)
    return;
  char msg[PF_ERROR_SIZE];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof(msg), fmt, ap);
  va_end(ap);
  pf__live_one_line(msg);
  pf_error_set(err, code, NULL, span0, "%s", msg);
  if (sqlstate)
    snprintf(err->sqlstate, sizeof(err->sqlstate), "%s", sqlstate);
}

pf_code pf__live_code_of(pf__qrc rc)
{
  return rc == PF_Q_CONNECT ? PF_DB_CONNECT
         : rc == PF_Q_OK    ? PF_OK
                            : PF_DB_QUERY;
}

bool pf__live_parse_i64(const char *s, int64_t *out)
{
  char *end;
  errno = 0;
  long long v = strtoll(s, &end, 10);
  if (errno || end == s || *end)
    return false;
  *out = v;
  return true;
}

void pf__live_copy_str(char *dst, size_t size, const char *src)
{
  snprintf(dst, size, "%s", src ? src : "");
}

// Turns a failed result (which it clears) into PF_Q_TIMEOUT, PF_Q_QUERY or
// PF_Q_CONNECT. @what names the check for the message ("looking up table x").
static pf__qrc failed(pf_live *self, PGresult *res, const char *what,
                      pf_error *err)
{
  if (PQstatus(self->conn) == CONNECTION_BAD) {
    pf__live_set_error(err, PF_DB_CONNECT, NULL,
                       "lost the connection to the database while %s: %s", what,
                       PQerrorMessage(self->conn));
    PQclear(res);
    return PF_Q_CONNECT;
  }
  const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
  if (state && (!strcmp(state, "57014") || !strcmp(state, "55P03"))) {
    pf__live_copy_str(self->timeout_state, sizeof(self->timeout_state), state);
    PQclear(res);
    return PF_Q_TIMEOUT;
  }
  const char *primary =
      res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
  pf__live_set_error(err, PF_DB_QUERY, state, "%s: %s", what,
                     primary ? primary : PQerrorMessage(self->conn));
  PQclear(res);
  return PF_Q_QUERY;
}

// Runs one parameterised statement. On PF_Q_OK *out holds the result (the
// caller clears it); otherwise *out is NULL.
pf__qrc pf__live_run(pf_live *self, const char *sql, int nparams,
                     const char *const *params, PGresult **out,
                     const char *what, pf_error *err)
{
  *out = NULL;
  pf_buf tagged = PF_BUF_INIT;
  pf_buf_puts(&tagged, PF_LIVE_TAG);
  pf_buf_puts(&tagged, sql);
  PGresult *res = PQexecParams(self->conn, tagged.data, nparams, NULL, params,
                               NULL, NULL, 0);
  pf_buf_clear(&tagged);
  ExecStatusType st = PQresultStatus(res);
  if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK)
    return failed(self, res, what, err);
  *out = res;
  return PF_Q_OK;
}

static pf__qrc pf__live_run_discard(pf_live *self, const char *sql,
                                    const char *what, pf_error *err)
{
  PGresult *res;
  pf__qrc rc = pf__live_run(self, sql, 0, NULL, &res, what, err);
  PQclear(res);
  return rc;
}

// Starts the read-only transaction one check runs in.
pf__qrc pf__live_tx_begin(pf_live *self, const char *what, pf_error *err)
{
  self->timeout_state[0] = '\0';
  if (pf__live_budget_left(self) <= 0)
    return PF_Q_TIMEOUT;
  return pf__live_run_discard(self, SQL_BEGIN, what, err);
}

// Sets statement_timeout to min(per-query timeout, remaining budget) for the
// rest of the transaction.
pf__qrc pf__live_set_timeout(pf_live *self, const char *what, pf_error *err)
{
  int64_t left = pf__live_budget_left(self);
  if (left <= 0)
    return PF_Q_TIMEOUT;
  // --exact asked for counts whatever they cost: only the budget bounds
  // them (--db-budget).
  int64_t ms = self->exact ? left : self->opts.statement_timeout_ms;
  if (left < ms)
    ms = left;
  char timeout[32];
  snprintf(timeout, sizeof(timeout), "%lld", (long long)ms);
  const char *p[1] = {timeout};
  PGresult *res;
  pf__qrc rc = pf__live_run(self, SQL_SET_TIMEOUT, 1, p, &res, what, err);
  PQclear(res);
  return rc;
}

// Sets statement_timeout to min(per-query timeout, remaining budget), then
// runs @sql.
pf__qrc pf__live_query(pf_live *self, const char *sql, int nparams,
                       const char *const *params, PGresult **out,
                       const char *what, pf_error *err)
{
  *out = NULL;
  pf__qrc rc = pf__live_set_timeout(self, what, err);
  if (rc != PF_Q_OK)
    return rc;
  return pf__live_run(self, sql, nparams, params, out, what, err);
}

// Asks the server to cancel the statement running on the session. A cancel
// that arrives after the statement ended is ignored by the server (it does
// not carry over to the next one). When the request cannot be sent, the
// statement runs to its end, which its statement_timeout bounds, and
// self->cancel_error says why.
static void cancel_statement(pf_live *self)
{
  PGcancel *c = PQgetCancel(self->conn);
  char why[256] = "libpq has no cancel handle for the connection";
  if (!c || !PQcancel(c, why, (int)sizeof(why))) {
    pf__live_one_line(why);
    pf__live_copy_str(self->cancel_error, sizeof(self->cancel_error), why);
  }
  PQfreeCancel(c);
}

pf__qrc pf__live_first_row(pf_live *self, const char *sql, bool *any,
                           const char *what, pf_error *err)
{
  *any = false;
  int64_t left = pf__live_budget_left(self);
  if (left <= 0)
    return PF_Q_TIMEOUT;
  pf_buf tagged = PF_BUF_INIT;
  pf_buf_puts(&tagged, PF_LIVE_TAG);
  pf_buf_puts(&tagged, sql);
  int sent =
      PQsendQueryParams(self->conn, tagged.data, 0, NULL, NULL, NULL, NULL, 0);
  pf_buf_clear(&tagged);
  if (!sent)
    return failed(self, NULL, what, err);
  // Without single-row mode the rows come with the end of the statement:
  // slower, and as correct.
  PQsetSingleRowMode(self->conn);
  PGresult *res, *error = NULL;
  while ((res = PQgetResult(self->conn))) {
    ExecStatusType st = PQresultStatus(res);
    if (st == PGRES_SINGLE_TUPLE ||
        (st == PGRES_TUPLES_OK && PQntuples(res) > 0)) {
      if (!*any)
        cancel_statement(self);
      *any = true;
    } else if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK && !error) {
      error = res; // the first error; read on to the end of the statement
      continue;
    }
    PQclear(res);
  }
  // After a row, an error is the cancel, or a failure after the row was
  // seen: either way the row stands.
  if (*any) {
    PQclear(error);
    return PF_Q_OK;
  }
  if (error || PQstatus(self->conn) == CONNECTION_BAD)
    return failed(self, error, what, err);
  return PF_Q_OK;
}

// Ends the check's transaction: COMMIT after success, ROLLBACK otherwise.
pf__qrc pf__live_tx_end(pf_live *self, pf__qrc rc, const char *what,
                        pf_error *err)
{
  if (rc == PF_Q_CONNECT || PQstatus(self->conn) == CONNECTION_BAD)
    return rc == PF_Q_OK ? failed(self, NULL, what, err) : rc;
  if (PQtransactionStatus(self->conn) == PQTRANS_IDLE)
    return rc;
  pf__qrc end =
      pf__live_run_discard(self, rc == PF_Q_OK ? SQL_COMMIT : SQL_ROLLBACK,
                           what, rc == PF_Q_OK ? err : NULL);
  if (end == PF_Q_CONNECT && rc != PF_Q_CONNECT) {
    // The first error may have gone to a NULL err; report the lost server.
    pf__live_set_error(err, PF_DB_CONNECT, NULL,
                       "lost the connection to the database while %s", what);
    return PF_Q_CONNECT;
  }
  return rc == PF_Q_OK ? end : rc;
}

// A catalog lookup cut short: an error naming the timeout.
static pf_code lookup_timeout(pf_live *self, const char *what, pf_error *err)
{
  const char *s = self->timeout_state;
  pf__live_set_error(err, PF_DB_QUERY, s, "%s: %s", what,
                     !strcmp(s, "57014") ? "statement timeout"
                     : !strcmp(s, "55P03")
                         ? "lock timeout (the table is locked)"
                         : "the time budget for database checks is "
                           "spent");
  return PF_DB_QUERY;
}

// "s"."t" for messages (quotes as written, not escaped: messages only).
void pf__live_name_of(char *out, size_t size, const char *schema,
                      const char *table, const char *column)
{
  snprintf(out, size, "%s%s%s\"%s\"%s%s%s", schema ? "\"" : "",
           schema ? schema : "", schema ? "\"." : "", table,
           column ? ".\"" : "", column ? column : "", column ? "\"" : "");
}

/* Section - Session */

static uint32_t or_default(uint32_t v, uint32_t def)
{
  return v ? v : def;
}

// Whether a connection parameter is already set by @conninfo or by its
// environment variable (they win over our defaults).
static const char *user_param(const PQconninfoOption *parsed,
                              const char *keyword, const char *env)
{
  for (const PQconninfoOption *o = parsed; o && o->keyword; o++) {
    if (!strcmp(o->keyword, keyword) && o->val && *o->val)
      return o->val;
  }
  const char *e = env ? getenv(env) : NULL;
  return e && *e ? e : NULL;
}

// Fails the connect with libpq's message, one line and without secrets.
static pf_code connect_failed(PGconn *conn, const char *conninfo,
                              const char *prefix, const char *detail,
                              pf_error *err)
{
  // Scrub the whole message before it is cut to size, so no prefix of a
  // secret survives at the cut.
  pf_buf msg = PF_BUF_INIT;
  pf_buf_puts(&msg, prefix);
  pf_buf_puts(&msg, detail ? detail : PQerrorMessage(conn));
  pf__live_one_line(msg.data);
  pf__live_scrub_conninfo(msg.data, conninfo);
  pf__live_set_error(err, PF_DB_CONNECT, NULL, "%s", msg.data);
  pf_buf_clear(&msg);
  PQfinish(conn);
  return PF_DB_CONNECT;
}

static pf__qrc read_session(pf_live *self, bool *read_only, pf_error *err)
{
  PGresult *res;
  pf__qrc rc = pf__live_run(self, SQL_SESSION_INFO, 0, NULL, &res,
                            "reading the session", err);
  if (rc != PF_Q_OK)
    return rc;
  int64_t v = 0;
  *read_only = PQntuples(res) == 1 && !strcmp(PQgetvalue(res, 0, 0), "on");
  if (PQntuples(res) == 1 && pf__live_parse_i64(PQgetvalue(res, 0, 1), &v))
    self->server_version = (int)v;
  self->standby = PQntuples(res) == 1 && PQgetvalue(res, 0, 2)[0] == 't';
  PQclear(res);
  return PF_Q_OK;
}

pf_code pf__live_connect(const char *conninfo, const pf_live_opts *opts,
                         pf_live **out, pf_error *err)
{
  *out = NULL;
  pf_live_opts o = opts ? *opts : (pf_live_opts){0};
  o.connect_timeout_s = or_default(o.connect_timeout_s, 5);
  o.statement_timeout_ms = or_default(o.statement_timeout_ms, 3000);
  o.lock_timeout_ms = or_default(o.lock_timeout_ms, 500);
  o.budget_ms = or_default(o.budget_ms, 10000);

  char why[256];
  if (!pf__pq_load(why, sizeof(why))) {
    static const pf_span none = {0, 0};
    pf_error_set(err, PF_DB_CONNECT, NULL, none, "%s", why);
    return PF_DB_CONNECT;
  }
  bool has_conninfo = conninfo && *conninfo;
  char *parse_err = NULL;
  PQconninfoOption *parsed = NULL;
  if (has_conninfo) {
    parsed = PQconninfoParse(conninfo, &parse_err);
    if (!parsed && (pf__live_is_url(conninfo) || strchr(conninfo, '='))) {
      pf_code code = connect_failed(
          NULL, conninfo,
          "invalid connection string: ", parse_err ? parse_err : "", err);
      PQfreemem(parse_err);
      return code;
    }
  }
  PQfreemem(parse_err);

  // Keywords are applied in order and the last one wins, so our defaults go
  // before the user's string and our mandatory settings after it.
  // The session's statement_timeout is a backstop for BEGIN, COMMIT and the
  // setup query: each check sets its own with SET LOCAL. A tiny per-query
  // timeout must not cancel a fresh backend's first catalog read.
  // standard_conforming_strings: the generated patterns are written for it.
  // synchronize_seqscans off: a probe that stops at the first violating row
  // then reads the heap from its first page (after the newest pages), not
  // from wherever another scan of the table happens to be.
  uint32_t session_timeout =
      o.statement_timeout_ms > 1000 ? o.statement_timeout_ms : 1000;
  char timeout[16], options[1024];
  snprintf(timeout, sizeof(timeout), "%u", (unsigned)o.connect_timeout_s);
  const char *user_opts = user_param(parsed, "options", "PGOPTIONS");
  int n = snprintf(options, sizeof(options),
                   "%s%s-c default_transaction_read_only=on"
                   " -c standard_conforming_strings=on"
                   " -c synchronize_seqscans=off"
                   " -c statement_timeout=%u -c lock_timeout=%u",
                   user_opts ? user_opts : "", user_opts ? " " : "",
                   (unsigned)session_timeout, (unsigned)o.lock_timeout_ms);
  bool own_timeout =
      !user_param(parsed, "connect_timeout", "PGCONNECT_TIMEOUT");
  PQconninfoFree(parsed);
  if (n < 0 || (size_t)n >= sizeof(options))
    return connect_failed(NULL, conninfo, "",
                          "the connection's options are too long", err);

  const char *keys[8], *vals[8];
  int k = 0;
  if (own_timeout) {
    keys[k] = "connect_timeout";
    vals[k++] = timeout;
  }
  if (has_conninfo) {
    keys[k] = "dbname";
    vals[k++] = conninfo;
  }
  keys[k] = "application_name";
  vals[k++] = "pgpreflight";
  keys[k] = "client_encoding";
  vals[k++] = "UTF8";
  keys[k] = "options";
  vals[k++] = options;
  keys[k] = NULL;
  vals[k] = NULL;

  PGconn *conn = PQconnectdbParams(keys, vals, 1);
  if (!conn)
    return connect_failed(NULL, conninfo, "", "out of memory", err);
  if (PQstatus(conn) != CONNECTION_OK)
    return connect_failed(conn, conninfo,
                          "cannot connect to the database: ", NULL, err);

  pf_live *self = pf_xcalloc(1, sizeof(*self));
  self->conn = conn;
  self->opts = o;
  self->exact = o.exact;
  self->show_values = o.show_values;
  self->server_version = PQserverVersion(conn);
  bool read_only = false;
  pf__qrc rc = read_session(self, &read_only, err);
  if (rc == PF_Q_OK && !read_only) {
    // The startup options did not arrive (a connection pooler drops them):
    // set the same for the session, and check again.
    char st[16], lt[16];
    snprintf(st, sizeof(st), "%u", (unsigned)session_timeout);
    snprintf(lt, sizeof(lt), "%u", (unsigned)o.lock_timeout_ms);
    const char *p[2] = {st, lt};
    PGresult *res;
    rc = pf__live_run(self, SQL_FORCE_SESSION, 2, p, &res,
                      "setting up the session", err);
    PQclear(res);
    if (rc == PF_Q_OK)
      rc = read_session(self, &read_only, err);
    if (rc == PF_Q_OK && !read_only) {
      pf__live_set_error(err, PF_DB_CONNECT, NULL,
                         "the database session is not read-only"
                         " (default_transaction_read_only could not be set)");
      rc = PF_Q_CONNECT;
    }
  }
  if (rc != PF_Q_OK) {
    if (rc == PF_Q_TIMEOUT)
      pf__live_set_error(err, PF_DB_CONNECT, NULL,
                         "timed out setting up the database session");
    pf__live_free(self);
    return PF_DB_CONNECT;
  }
  self->deadline_ms = now_ms() + o.budget_ms;
  *out = self;
  return PF_OK;
}

void pf__live_free(pf_live *self)
{
  if (!self)
    return;
  PQfinish(self->conn);
  free(self);
}

int pf__live_server_version(const pf_live *self)
{
  return self->server_version;
}

bool pf__live_is_standby(const pf_live *self)
{
  return self->standby;
}

int pf__live_backend_pid(const pf_live *self)
{
  return PQbackendPID(self->conn);
}

/* Section - Catalog */

// Runs one catalog lookup in its own read-only transaction. The result, if
// any, is in *res whatever the outcome (the caller PQclear()s it; it stays
// valid after the transaction ends).
pf__qrc pf__live_catalog(pf_live *self, const char *sql, int nparams,
                         const char *const *params, const char *what,
                         PGresult **res, pf_error *err)
{
  *res = NULL;
  pf__qrc rc = pf__live_tx_begin(self, what, err);
  if (rc == PF_Q_OK)
    rc = pf__live_query(self, sql, nparams, params, res, what, err);
  return pf__live_tx_end(self, rc, what, err);
}

pf_code pf__live_table(pf_live *self, const char *schema, const char *table,
                       pf_live_table *out, pf_error *err)
{
  memset(out, 0, sizeof(*out));
  out->est_rows = -1;
  char what[PF_ERROR_SIZE], name[PF_ERROR_SIZE - 32];
  pf__live_name_of(name, sizeof(name), schema, table, NULL);
  snprintf(what, sizeof(what), "looking up table %s", name);
  const char *p[2] = {schema, table};
  PGresult *res;
  pf__qrc rc = pf__live_catalog(self, SQL_TABLE, 2, p, what, &res, err);
  if (rc == PF_Q_OK && PQntuples(res) == 1) {
    out->exists = true;
    pf__live_copy_str(out->schema, sizeof(out->schema), PQgetvalue(res, 0, 0));
    pf__live_parse_i64(PQgetvalue(res, 0, 1), &out->est_rows);
    pf__live_parse_i64(PQgetvalue(res, 0, 2), &out->bytes);
    out->partitioned = PQgetvalue(res, 0, 3)[0] == 't';
  }
  PQclear(res);
  if (rc == PF_Q_TIMEOUT) {
    memset(out, 0, sizeof(*out));
    return lookup_timeout(self, what, err);
  }
  return pf__live_code_of(rc);
}

pf_code pf__live_column(pf_live *self, const char *schema, const char *table,
                        const char *column, pf_live_column *out, pf_error *err)
{
  memset(out, 0, sizeof(*out));
  char what[PF_ERROR_SIZE], name[PF_ERROR_SIZE - 32];
  pf__live_name_of(name, sizeof(name), schema, table, column);
  snprintf(what, sizeof(what), "looking up column %s", name);
  const char *p[3] = {schema, table, column};
  PGresult *res;
  pf__qrc rc = pf__live_catalog(self, SQL_COLUMN, 3, p, what, &res, err);
  if (rc == PF_Q_OK && PQntuples(res) == 1) {
    out->exists = true;
    out->not_null = PQgetvalue(res, 0, 0)[0] == 't';
    pf__live_copy_str(out->type, sizeof(out->type), PQgetvalue(res, 0, 1));
    out->has_default = PQgetvalue(res, 0, 2)[0] == 't';
    pf__live_copy_str(out->check_name, sizeof(out->check_name),
                      PQgetvalue(res, 0, 3));
    pf__live_copy_str(out->check_def, sizeof(out->check_def),
                      PQgetvalue(res, 0, 4));
  }
  PQclear(res);
  if (rc == PF_Q_TIMEOUT) {
    memset(out, 0, sizeof(*out));
    return lookup_timeout(self, what, err);
  }
  return pf__live_code_of(rc);
}

pf_code pf__live_index(pf_live *self, const char *schema, const char *index,
                       pf_live_index *out, pf_error *err)
{
  memset(out, 0, sizeof(*out));
  char what[PF_ERROR_SIZE], name[PF_ERROR_SIZE - 32];
  pf__live_name_of(name, sizeof(name), schema, index, NULL);
  snprintf(what, sizeof(what), "looking up index %s", name);
  const char *p[2] = {schema, index};
  PGresult *res;
  pf__qrc rc = pf__live_catalog(self, SQL_INDEX, 2, p, what, &res, err);
  if (rc == PF_Q_OK && PQntuples(res) == 1) {
    out->exists = true;
    pf__live_copy_str(out->table, sizeof(out->table), PQgetvalue(res, 0, 0));
    pf__live_parse_i64(PQgetvalue(res, 0, 1), &out->scans);
    pf__live_parse_i64(PQgetvalue(res, 0, 2), &out->tuples_read);
    out->backs_constraint = PQgetvalue(res, 0, 3)[0] == 't';
    pf__live_copy_str(out->definition, sizeof(out->definition),
                      PQgetvalue(res, 0, 4));
    out->referenced_by_fk = PQgetvalue(res, 0, 5)[0] == 't';
    pf__live_copy_str(out->nullable_col, sizeof(out->nullable_col),
                      PQgetvalue(res, 0, 6));
    out->has_expr = PQgetvalue(res, 0, 7)[0] == 't';
  }
  PQclear(res);
  if (rc == PF_Q_TIMEOUT) {
    memset(out, 0, sizeof(*out));
    return lookup_timeout(self, what, err);
  }
  return pf__live_code_of(rc);
}

/* Section - Data */

// Appends PQescapeIdentifier(@name) to @b. Returns false when libpq could
// not quote it (invalid encoding); the error is in @err.
bool pf__live_put_ident(pf_live *self, pf_buf *b, const char *name,
                        pf_error *err)
{
  char *q = PQescapeIdentifier(self->conn, name, strlen(name));
  if (!q) {
    pf__live_set_error(err, PF_DB_QUERY, NULL,
                       "cannot quote the name \"%s\": %s", name,
                       PQerrorMessage(self->conn));
    return false;
  }
  pf_buf_puts(b, q);
  PQfreemem(q);
  return true;
}

pf_code pf__live_count_nulls(pf_live *self, const char *schema,
                             const char *table, const char *column,
                             int64_t *count, pf_live_status *status,
                             pf_error *err)
{
  *count = -1;
  *status = PF_LIVE_INCONCLUSIVE;
  char what[PF_ERROR_SIZE], name[PF_ERROR_SIZE - 32];
  pf__live_name_of(name, sizeof(name), schema, table, column);
  snprintf(what, sizeof(what), "counting NULLs in %s", name);
  const char *p[3] = {schema, table, column};
  PGresult *res = NULL;
  pf_buf sql = PF_BUF_INIT;
  pf__qrc rc = pf__live_tx_begin(self, what, err);
  if (rc == PF_Q_OK)
    rc = pf__live_query(self, SQL_RESOLVE_COLUMN, 3, p, &res, what, err);
  if (rc != PF_Q_OK)
    goto done;
  if (PQntuples(res) != 1) {
    *status = PF_LIVE_MISSING;
    goto done;
  }
  if (PQgetvalue(res, 0, 3)[0] == 'f')
    goto done; // counting a foreign table would scan the remote server
  // Quote the catalog's own spelling of each name.
  pf_buf_puts(&sql, SQL_COUNT_NULLS_HEAD);
  bool quoted = pf__live_put_ident(self, &sql, PQgetvalue(res, 0, 0), err);
  pf_buf_putc(&sql, '.');
  quoted = quoted && pf__live_put_ident(self, &sql, PQgetvalue(res, 0, 1), err);
  pf_buf_puts(&sql, SQL_COUNT_NULLS_WHERE);
  quoted = quoted && pf__live_put_ident(self, &sql, PQgetvalue(res, 0, 2), err);
  if (!quoted) {
    rc = PF_Q_QUERY;
    goto done;
  }
  pf_buf_puts(&sql, SQL_COUNT_NULLS_TAIL);
  PQclear(res);
  res = NULL;
  rc = pf__live_query(self, sql.data, 0, NULL, &res, what, err);
  if (rc == PF_Q_OK && PQntuples(res) == 1 &&
      pf__live_parse_i64(PQgetvalue(res, 0, 0), count))
    *status = PF_LIVE_DONE;
done:
  PQclear(res);
  pf_buf_clear(&sql);
  rc = pf__live_tx_end(self, rc, what, err);
  if (rc != PF_Q_OK) {
    *count = -1;
    *status = PF_LIVE_INCONCLUSIVE;
  }
  // A timeout is an answer ("could not tell"), not an error.
  return rc == PF_Q_TIMEOUT ? PF_OK : pf__live_code_of(rc);
}
