/* Live data checks: NULLs, duplicates, orphans, CHECK violations, type fit,
 * what a drop destroys; catalog first, then a probe that stops at the first bad
 * row, then an exact count when the table is small for the budget left. */
/* SPDX-License-Identifier: MIT */
#include "live.h"
#include "live_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Section - SQL. Names are passed as values; generated text quotes the
 * catalog's own spelling with PQescapeIdentifier. */

// $1 schema (NULL: search_path), $2 table -> exact names, kind, size, oid,
// page size, and the table's own parallel_workers (NULL when not set).
static const char SQL_RESOLVE_TABLE[] =
    "SELECT n.nspname, c.relname, c.relkind, c.reltuples::bigint,"
    " CASE WHEN c.relkind = 'p' THEN (SELECT COALESCE("
    "pg_catalog.sum(pg_catalog.pg_relation_size(p.relid)), 0)::bigint"
    " FROM pg_catalog.pg_partition_tree(c.oid) p)"
    " ELSE pg_catalog.pg_relation_size(c.oid) END, c.oid,"
    " pg_catalog.current_setting('block_size'),"
    " (SELECT o.option_value FROM pg_catalog.pg_options_to_table(c.reloptions)"
    " o WHERE o.option_name = 'parallel_workers')"
    " FROM pg_catalog.pg_class c"
    " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
    " WHERE c.oid = pg_catalog.to_regclass(CASE WHEN $1::text IS NULL"
    " THEN pg_catalog.quote_ident($2::text)"
    " ELSE pg_catalog.quote_ident($1::text) || '.' ||"
    " pg_catalog.quote_ident($2::text) END)"
    " AND c.relkind IN ('r', 'p', 'm')";

// $1 table oid, $2 column -> exact name, NOT NULL, type, whether the type
// is built in (pg_catalog) or an enum, type name without modifiers,
// typmod, type oid.
const char pf__live_sql_resolve_column[] =
    "SELECT a.attname, a.attnotnull,"
    " pg_catalog.format_type(a.atttypid, a.atttypmod),"
    " (t.typnamespace = 'pg_catalog'::pg_catalog.regnamespace"
    " OR t.typtype = 'e'), t.typname, a.atttypmod, a.atttypid"
    " FROM pg_catalog.pg_attribute a"
    " JOIN pg_catalog.pg_type t ON t.oid = a.atttypid"
    " WHERE a.attrelid = $1::pg_catalog.oid AND a.attname = $2::name"
    " AND a.attnum > 0 AND NOT a.attisdropped";

// $1 table oid -> the primary key's columns, in key order.
static const char SQL_PRIMARY_KEY[] =
    "SELECT a.attname FROM pg_catalog.pg_index i"
    " CROSS JOIN LATERAL pg_catalog.unnest(i.indkey) WITH ORDINALITY"
    " AS k(attnum, ord)"
    " JOIN pg_catalog.pg_attribute a"
    " ON a.attrelid = i.indrelid AND a.attnum = k.attnum"
    " WHERE i.indrelid = $1::pg_catalog.oid AND i.indisprimary"
    " ORDER BY k.ord";

// $1 table oid, $2 column -> pg_stats null_frac and n_distinct (also for
// what a DROP COLUMN destroys: the rows where the column is not NULL).
static const char SQL_STATS[] =
    "SELECT s.null_frac::text, s.n_distinct::text"
    " FROM pg_catalog.pg_stats s"
    " JOIN pg_catalog.pg_class c ON c.relname = s.tablename"
    " JOIN pg_catalog.pg_namespace n"
    " ON n.oid = c.relnamespace AND n.nspname = s.schemaname"
    " WHERE c.oid = $1::pg_catalog.oid AND s.attname = $2::name"
    " AND NOT s.inherited";

// $1 table oid, $2 columns as a space-separated list of attnums -> whether
// a valid, non-partial unique index covers exactly those columns.
static const char SQL_UNIQUE_COVERED[] =
    "SELECT (EXISTS (SELECT 1 FROM pg_catalog.pg_index i"
    " WHERE i.indrelid = $1::pg_catalog.oid AND i.indisunique"
    " AND i.indisvalid AND i.indpred IS NULL AND i.indexprs IS NULL"
    " AND (SELECT pg_catalog.array_agg(x ORDER BY x)"
    " FROM pg_catalog.unnest(i.indkey::int2[]) x)"
    " = (SELECT pg_catalog.array_agg(x::int2 ORDER BY x::int2)"
    " FROM pg_catalog.unnest(pg_catalog.string_to_array($2, ' ')) x)))::int";

// $1 the column's type oid, $2 the new type as the migration writes it,
// $3 'e' when USING casts the column to it, else 'a' -> whether PostgreSQL
// refuses the change whatever the data (1): both are built-in base types
// (no domain, array, enum or pseudo-type), they differ, and no cast leads
// from one to the other in that context: none in pg_cast (implicit or
// assignment; any, for USING), and no conversion through text, which
// PostgreSQL makes to a string type in an assignment and from one only
// explicitly.
static const char SQL_CAST_REFUSED[] =
    "SELECT (t.oid IS NOT NULL AND s.oid <> t.oid AND s.typtype = 'b'"
    " AND t.typtype = 'b'"
    " AND s.typnamespace = 'pg_catalog'::pg_catalog.regnamespace"
    " AND t.typnamespace = 'pg_catalog'::pg_catalog.regnamespace"
    " AND s.typcategory NOT IN ('A', 'P') AND t.typcategory NOT IN ('A', 'P')"
    " AND t.typcategory <> 'S' AND ($3 = 'a' OR s.typcategory <> 'S')"
    " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_cast c"
    " WHERE c.castsource = s.oid AND c.casttarget = t.oid"
    " AND (c.castcontext IN ('i', 'a') OR $3 = 'e')))::int"
    " FROM pg_catalog.pg_type s"
    " LEFT JOIN pg_catalog.pg_type t ON t.oid = pg_catalog.to_regtype($2)"
    " WHERE s.oid = $1::pg_catalog.oid";

// $1 the new type as the migration writes it -> its name in pg_catalog,
// whether it takes a type modifier, its category and the session's
// DateStyle, when it is a built-in base type (no domain, array, enum or
// pseudo-type): the only targets the cast probe casts to, so that the cast
// runs nothing but a built-in input or cast function.
static const char SQL_CAST_TARGET[] =
    "SELECT t.typname::text, (t.typmodin::pg_catalog.oid <> 0)::int,"
    " t.typcategory::text, pg_catalog.current_setting('DateStyle'),"
    " pg_catalog.current_setting('TimeZone')"
    " FROM pg_catalog.pg_type t WHERE t.oid = pg_catalog.to_regtype($1)"
    " AND t.typnamespace = 'pg_catalog'::pg_catalog.regnamespace"
    " AND t.typtype = 'b' AND t.typcategory NOT IN ('A', 'P')";

// $1 column attnum list, as above -> its attnums.
static const char SQL_ATTNUM[] =
    "SELECT a.attnum FROM pg_catalog.pg_attribute a"
    " WHERE a.attrelid = $1::pg_catalog.oid AND a.attname = $2::name";

/* Section - Cost model */

// Bytes of heap one millisecond of the budget pays for when counting: a
// sequential scan reads well over 100 MB/s from cache and 50+ MB/s from
// disk; 20 MB/s leaves room for a busy server. An exact count runs when
// the table's heap is at most this times the budget left, halved so the
// checks after it still get time.
#define BYTES_PER_MS 20000

// The probe reads the newest 1/TAIL_SHARE of the heap first, at least
// TAIL_MIN_BYTES and at most TAIL_MAX_BYTES (32 MB: tens of milliseconds
// from cache, well under a second from disk).
#define TAIL_SHARE     32
#define TAIL_MIN_BYTES (1 << 20)
#define TAIL_MAX_BYTES (32 << 20)

// Probes run without parallel workers: a parallel plan's workers do not
// stop when LIMIT 1 has its row (they notice only when they next send one),
// so a parallel probe reads the whole table whatever it finds. $1: the
// value for the rest of the transaction; returns the value it replaces.
static const char SQL_PARALLEL[] =
    "SELECT pg_catalog.current_setting('max_parallel_workers_per_gather'),"
    " pg_catalog.set_config('max_parallel_workers_per_gather', $1, true)";

// The probe of the whole table runs with the server's parallel workers when
// the heap is at least this large (PostgreSQL plans two workers from 24 MB,
// three from 72 MB) or the table sets parallel_workers itself.
#define PARALLEL_MIN_BYTES (64 << 20)

// The parallel probe's settings, for the savepoint it runs in (ROLLBACK TO
// reverts them): $1 workers per Gather (the server's own value). The leader
// only gathers: a leader that scans too looks at what its workers found only
// when its own part of the scan ends, so their first row would wait for the
// whole table. Setup and tuple costs 0: a probe expects at most a few rows,
// and whether to use workers is decided by the table, not by estimates of
// how early the scan stops. JIT compiles each process's plan for longer
// than a probe that stops early runs.
static const char SQL_PARALLEL_PROBE[] =
    "SELECT pg_catalog.set_config('max_parallel_workers_per_gather', $1, "
    "true), pg_catalog.set_config('parallel_leader_participation', 'off', "
    "true), pg_catalog.set_config('parallel_setup_cost', '0', true),"
    " pg_catalog.set_config('parallel_tuple_cost', '0', true),"
    " pg_catalog.set_config('jit', 'off', true)";
static const char SQL_SAVEPOINT[] = "SAVEPOINT pf_probe";
static const char SQL_ROLLBACK_TO[] = "ROLLBACK TO SAVEPOINT pf_probe";

// Wraps a probe (ending in LIMIT 1): its row comes out as an empty row and
// then 64 kB of spaces. The server keeps what it sends in an 8 kB buffer
// until the buffer is full or the statement ends, and after its LIMIT the
// statement ends only when every parallel worker has finished its scan; the
// second row pushes the first out at once, so the client sees it and cancels
// the rest.
static const char SQL_FIRST_ROW_HEAD[] =
    "SELECT pg_catalog.unnest(ARRAY['', pg_catalog.repeat(' ', 65536)]) "
    "FROM (";
static const char SQL_FIRST_ROW_TAIL[] = ") s";

// Text to JSON: objects and arrays are judged (at tens of microseconds a
// value, a few times per check) on tables of at most this many rows (or
// this large when never analyzed), or with --exact.
#define JSON_DEEP_ROWS  20000
#define JSON_DEEP_BYTES (2 << 20)

// How many offending keys --show-values fetches.
#define SHOW_VALUES 3

/* Section - Helpers */

typedef struct resolved {
  char schema[128], table[128];
  char oid[16];
  int64_t reltuples, bytes;
  char relkind;             // 'r', 'p' or 'm'
  int64_t block_size;       // bytes per heap page
  int64_t parallel_workers; // the table's reloption; -1 when not set
  char cols[8][128];        // exact names of chk->cols
  char col_type[160];
  char col_typname[64];
  char col_typid[16]; // pg_type oid of cols[0]
  bool col_builtin;
  bool col_not_null[8];
} resolved;

// Appends "schema"."table".
static bool put_table(pf_live *self, pf_buf *b, const char *schema,
                      const char *table, pf_error *err)
{
  return pf__live_put_ident(self, b, schema, err) &&
         (pf_buf_putc(b, '.'), pf__live_put_ident(self, b, table, err));
}

// Appends the quoted columns "a", "b" (with prefix @alias. when set).
static bool put_cols(pf_live *self, pf_buf *b, const char *alias,
                     char (*cols)[128], uint32_t n, pf_error *err)
{
  for (uint32_t i = 0; i < n; i++) {
    if (i)
      pf_buf_puts(b, ", ");
    if (alias)
      pf_buf_printf(b, "%s.", alias);
    if (!pf__live_put_ident(self, b, cols[i], err))
      return false;
  }
  return true;
}

// The server's message in @err without the "what: " prefix, into @msg;
// the values it quotes ("...") are hidden unless --show-values (they can be
// personal data).
static void error_text(const pf_live *self, const pf_error *err,
                       const char *what, char *msg, size_t msize)
{
  size_t skip = strlen(what) + 2; // "what: message"
  const char *m = strlen(err->msg) > skip ? err->msg + skip : err->msg;
  size_t k = 0;
  bool quoted = false;
  for (; *m && k + 4 < msize; m++) {
    if (*m == '"' && !self->show_values) {
      if (!quoted)
        msg[k++] = '"', msg[k++] = '.', msg[k++] = '.', msg[k++] = '.';
      quoted = !quoted;
    }
    if (!quoted || self->show_values)
      msg[k++] = *m;
  }
  msg[k] = '\0';
}

// A failed query: a permission error or a timeout makes an answer, not an
// error. Returns true when it did (and fills @out).
static bool settle(pf_live *self, const pf_live_check *chk, pf__qrc rc,
                   pf_error *err, pf_live_probe *out, const char *table,
                   const char *what)
{
  if (rc == PF_Q_TIMEOUT) {
    out->status = PF_LIVE_INCONCLUSIVE;
    snprintf(out->why, sizeof(out->why), "%s",
             !strcmp(self->timeout_state, "57014") ? "statement timeout reached"
             : !strcmp(self->timeout_state, "55P03")
                 ? "lock timeout reached (the table is locked)"
                 : "the time budget for database checks is spent");
    return true;
  }
  if (rc == PF_Q_QUERY && err && !strcmp(err->sqlstate, "42501")) {
    out->status = PF_LIVE_DENIED;
    pf_buf m = PF_BUF_INIT;
    pf_buf_printf(&m, "permission denied: the role cannot read \"%s\" (%s)",
                  table, err->msg);
    pf__live_copy_str(out->why, sizeof(out->why), m.data);
    pf_buf_clear(&m);
    pf_error_clear(err);
    return true;
  }
  // A CHECK whose expression raises an error on an existing row (division
  // by zero, a bad cast): ADD CONSTRAINT or VALIDATE evaluates the same
  // expression on the same row, so it fails the same way.
  if (rc == PF_Q_QUERY && err && chk->kind == PF_LC_CHECK &&
      !strncmp(err->sqlstate, "22", 2)) {
    char msg[PF_ERROR_SIZE];
    error_text(self, err, what, msg, sizeof(msg));
    out->status = PF_LIVE_DONE;
    out->count = 1;
    out->exact = false;
    out->method = "evaluation error";
    pf_buf m = PF_BUF_INIT;
    pf_buf_printf(&m,
                  "the expression raises an error on an existing row (%s), "
                  "as the constraint's validation will",
                  msg);
    pf__live_copy_str(out->why, sizeof(out->why), m.data);
    pf_buf_clear(&m);
    pf_error_clear(err);
    return true;
  }
  return false;
}

// Resolves the table and columns of @chk to their catalog spelling.
// Returns PF_Q_OK with *found false when something does not exist.
static pf__qrc resolve(pf_live *self, const pf_live_check *chk, resolved *r,
                       bool *found, const char *what, pf_error *err)
{
  *found = false;
  PGresult *res = NULL;
  const char *p[2] = {chk->schema, chk->table};
  pf__qrc rc = pf__live_query(self, SQL_RESOLVE_TABLE, 2, p, &res, what, err);
  if (rc != PF_Q_OK)
    return rc;
  if (PQntuples(res) != 1) {
    PQclear(res);
    return PF_Q_OK;
  }
  pf__live_copy_str(r->schema, sizeof(r->schema), PQgetvalue(res, 0, 0));
  pf__live_copy_str(r->table, sizeof(r->table), PQgetvalue(res, 0, 1));
  r->relkind = PQgetvalue(res, 0, 2)[0];
  bool plain = r->relkind != 'f';
  pf__live_parse_i64(PQgetvalue(res, 0, 3), &r->reltuples);
  pf__live_parse_i64(PQgetvalue(res, 0, 4), &r->bytes);
  pf__live_copy_str(r->oid, sizeof(r->oid), PQgetvalue(res, 0, 5));
  if (!pf__live_parse_i64(PQgetvalue(res, 0, 6), &r->block_size))
    r->block_size = 0;
  // NULL (not set) reads as "", which is not a number.
  if (!pf__live_parse_i64(PQgetvalue(res, 0, 7), &r->parallel_workers))
    r->parallel_workers = -1;
  PQclear(res);
  if (!plain)
    return PF_Q_OK;
  if (chk->ncols > 8)
    return PF_Q_OK;
  for (uint32_t i = 0; i < chk->ncols; i++) {
    const char *q[2] = {r->oid, chk->cols[i]};
    rc = pf__live_query(self, pf__live_sql_resolve_column, 2, q, &res, what,
                        err);
    if (rc != PF_Q_OK)
      return rc;
    if (PQntuples(res) != 1) {
      PQclear(res);
      return PF_Q_OK;
    }
    pf__live_copy_str(r->cols[i], sizeof(r->cols[i]), PQgetvalue(res, 0, 0));
    r->col_not_null[i] = PQgetvalue(res, 0, 1)[0] == 't';
    if (i == 0) {
      pf__live_copy_str(r->col_type, sizeof(r->col_type),
                        PQgetvalue(res, 0, 2));
      r->col_builtin = PQgetvalue(res, 0, 3)[0] == 't';
      pf__live_copy_str(r->col_typname, sizeof(r->col_typname),
                        PQgetvalue(res, 0, 4));
      pf__live_copy_str(r->col_typid, sizeof(r->col_typid),
                        PQgetvalue(res, 0, 6));
    }
    PQclear(res);
  }
  *found = true;
  return PF_Q_OK;
}

// One-value query -> int64 (first column of the first row), or -1.
pf__qrc pf__live_scalar(pf_live *self, const char *sql, int n,
                        const char *const *p, int64_t *v, const char *what,
                        pf_error *err)
{
  PGresult *res;
  *v = -1;
  pf__qrc rc = pf__live_query(self, sql, n, p, &res, what, err);
  if (rc == PF_Q_OK && PQntuples(res) >= 1)
    pf__live_parse_i64(PQgetvalue(res, 0, 0), v);
  else if (rc == PF_Q_OK)
    *v = 0; // no row
  PQclear(res);
  return rc;
}

/* Section - The check */

// Sets max_parallel_workers_per_gather to @value for the rest of the
// transaction; the value it had goes to @old (when not NULL).
static pf__qrc set_parallel(pf_live *self, const char *value, char *old,
                            size_t osize, const char *what, pf_error *err)
{
  PGresult *res;
  const char *p[1] = {value};
  pf__qrc rc = pf__live_run(self, SQL_PARALLEL, 1, p, &res, what, err);
  if (rc == PF_Q_OK && old && PQntuples(res) == 1)
    pf__live_copy_str(old, osize, PQgetvalue(res, 0, 0));
  PQclear(res);
  return rc;
}

// The window of newest pages to probe first, as a TID range: the number of
// pages (0: none) and the first page in *first. Only for a plain table or
// materialized view large enough for the window to save time, on
// PostgreSQL 14+ (TID Range Scan; older servers would read the whole
// table to filter on ctid). Not for what a drop destroys: that data is no
// likelier at the end, and a column on its way out is NULL in the newest
// rows and set in the oldest, which the whole-table probe reads first.
static int64_t tail_window(const pf_live *self, const pf_live_check *chk,
                           const resolved *r, int64_t *first)
{
  *first = 0;
  if (chk->kind == PF_LC_ANY_ROW || chk->kind == PF_LC_EXCLUSION ||
      chk->kind == PF_LC_LOST || self->server_version < 140000 ||
      (r->relkind != 'r' && r->relkind != 'm') || r->block_size <= 0)
    return 0;
  int64_t total = r->bytes / r->block_size;
  int64_t bytes = r->bytes / TAIL_SHARE;
  if (bytes < TAIL_MIN_BYTES)
    bytes = TAIL_MIN_BYTES;
  if (bytes > TAIL_MAX_BYTES)
    bytes = TAIL_MAX_BYTES;
  int64_t pages = bytes / r->block_size;
  if (pages < 1 || total < 2 * pages)
    return 0; // small: the whole table costs about as much
  *first = total - pages;
  return pages;
}

// "SELECT 1 ... LIMIT 1": a row that matches @where, or with @group a
// group of more than one.
static void probe_sql(pf_buf *sql, const char *from, const char *where,
                      const char *group)
{
  if (group && *group)
    pf_buf_printf(sql,
                  "SELECT 1 FROM %s WHERE %s GROUP BY %s HAVING "
                  "pg_catalog.count(*) > 1 LIMIT 1",
                  from, where, group);
  else
    pf_buf_printf(sql, "SELECT 1 FROM %s WHERE %s LIMIT 1", from, where);
}

// Whether the whole-table probe of @chk may use parallel workers: a check of
// single rows (NULLs, orphans, CHECK, type fit, what a drop destroys; a
// duplicate or a conflicting pair is made of two, and a
// grouping or self-join plan is the planner's to choose), on PostgreSQL 11+
// (parallel_leader_participation), with workers allowed by the server
// (@workers: its max_parallel_workers_per_gather) and by the table, which is
// large enough or sets parallel_workers itself.
static bool parallel_fits(const pf_live *self, const pf_live_check *chk,
                          const resolved *r, const char *workers)
{
  int64_t w = 0;
  if (chk->kind != PF_LC_NULLS && chk->kind != PF_LC_ORPHANS &&
      chk->kind != PF_LC_CHECK && chk->kind != PF_LC_TYPE_FIT &&
      chk->kind != PF_LC_LOST)
    return false;
  if (self->server_version < 110000 || !pf__live_parse_i64(workers, &w) ||
      w <= 0 || r->parallel_workers == 0)
    return false;
  return r->parallel_workers > 0 || r->bytes >= PARALLEL_MIN_BYTES;
}

// Whether a failed parallel probe may succeed without workers: a worker
// was terminated (57), the server lacked resources (53) or failed (58, XX),
// or a standby's recovery conflict cancelled it (40). A permission error, a
// value the expression cannot take or a missing object recur.
static bool worker_failure(const char *sqlstate)
{
  static const char *const classes[] = {"57", "53", "58", "XX", "40"};
  for (size_t i = 0; i < sizeof(classes) / sizeof(classes[0]); i++) {
    if (!strncmp(sqlstate, classes[i], 2))
      return true;
  }
  return false;
}

// The probe @probe (ending in LIMIT 1) with the server's parallel workers,
// stopped at its first row (pf__live_first_row), inside a savepoint that
// the cancel needs and that takes the probe's settings back. *retry: the
// parallel scan failed in a way a serial one may not: err is cleared and
// out->note says what happened.
static pf__qrc parallel_probe(pf_live *self, const char *probe,
                              const char *workers, bool *any, bool *retry,
                              pf_live_probe *out, const char *what,
                              pf_error *err)
{
  *any = false;
  *retry = false;
  PGresult *res;
  pf__qrc rc = pf__live_run(self, SQL_SAVEPOINT, 0, NULL, &res, what, err);
  PQclear(res);
  if (rc != PF_Q_OK)
    return rc;
  const char *p[1] = {workers};
  rc = pf__live_run(self, SQL_PARALLEL_PROBE, 1, p, &res, what, err);
  PQclear(res);
  if (rc == PF_Q_OK)
    rc = pf__live_set_timeout(self, what, err);
  if (rc == PF_Q_OK) {
    pf_buf sql = PF_BUF_INIT;
    pf_buf_puts(&sql, SQL_FIRST_ROW_HEAD);
    pf_buf_puts(&sql, probe);
    pf_buf_puts(&sql, SQL_FIRST_ROW_TAIL);
    self->cancel_error[0] = '\0';
    rc = pf__live_first_row(self, sql.data, any, what, err);
    pf_buf_clear(&sql);
    if (self->cancel_error[0])
      snprintf(out->note, sizeof(out->note),
               "the parallel scan could not be cancelled at its first row "
               "(%s), so it ran to its end",
               self->cancel_error);
  }
  if (rc == PF_Q_CONNECT)
    return rc;
  // Back to the savepoint: out of the aborted state a cancel, a timeout or
  // an error leaves, and back to the settings from before.
  pf__qrc back = pf__live_run(self, SQL_ROLLBACK_TO, 0, NULL, &res, what,
                              rc == PF_Q_OK ? err : NULL);
  PQclear(res);
  if (back == PF_Q_CONNECT && rc != PF_Q_OK) {
    pf__live_set_error(err, PF_DB_CONNECT, NULL,
                       "lost the connection to the database while %s", what);
    return PF_Q_CONNECT;
  }
  if (rc == PF_Q_OK)
    return back;
  if (rc == PF_Q_QUERY && back == PF_Q_OK && err &&
      worker_failure(err->sqlstate)) {
    pf_buf m = PF_BUF_INIT;
    pf_buf_printf(&m,
                  "the parallel scan failed (%s), so the table was read again "
                  "without parallel workers",
                  err->msg);
    pf__live_copy_str(out->note, sizeof(out->note), m.data);
    pf_buf_clear(&m);
    pf_error_clear(err);
    *retry = true;
    return PF_Q_OK;
  }
  return rc;
}

// The probe @probe over the whole table: with parallel workers when they fit
// (parallel_fits; *by_workers then), else, or when the parallel scan failed
// in a way a serial one may not, by one process.
static pf__qrc probe_whole(pf_live *self, const pf_live_check *chk,
                           const resolved *r, const char *workers,
                           const char *probe, bool *any, bool *by_workers,
                           pf_live_probe *out, const char *what, pf_error *err)
{
  *any = false;
  *by_workers = false;
  if (parallel_fits(self, chk, r, workers)) {
    bool retry = false;
    pf__qrc rc =
        parallel_probe(self, probe, workers, any, &retry, out, what, err);
    if (rc != PF_Q_OK || !retry) {
      *by_workers = rc == PF_Q_OK;
      return rc;
    }
  }
  PGresult *res;
  pf__qrc rc = pf__live_query(self, probe, 0, NULL, &res, what, err);
  if (rc == PF_Q_OK)
    *any = PQntuples(res) > 0;
  PQclear(res);
  return rc;
}

static const char *kind_what(pf_live_check_kind k)
{
  switch (k) {
  case PF_LC_NULLS:
    return "counting NULLs in";
  case PF_LC_DUPLICATES:
    return "looking for duplicates in";
  case PF_LC_ORPHANS:
    return "looking for orphan rows in";
  case PF_LC_CHECK:
    return "evaluating a CHECK on";
  case PF_LC_ANY_ROW:
    return "looking for a row in";
  case PF_LC_EXCLUSION:
    return "looking for conflicting rows in";
  case PF_LC_LOST:
    return "looking for the data a drop destroys in";
  default:
    return "checking values in";
  }
}

// Whether @op is an operator name (PostgreSQL's operator characters only),
// so that OPERATOR(pg_catalog.op) can be written out.
static bool operator_name(const char *op)
{
  size_t n = strlen(op);
  return n > 0 && n < 64 && strspn(op, "+-*/<>=~!@#%^&|`?") == n;
}

// EXCLUDE (c1 WITH op1, ...): a self-join for two different rows on which
// every operator holds, with the built-in operators only (each must be
// commutative for EXCLUDE, so a pair is counted once: t.ctid < u.ctid).
// Rows with a NULL in a compared column never conflict (the operator
// yields NULL), as in the constraint.
static bool build_exclusion(pf_live *self, const pf_live_check *chk,
                            resolved *r, pf_buf *from, pf_buf *where,
                            pf_live_probe *out, bool *quote_failed,
                            const char *what, pf__qrc *rc, pf_error *err)
{
  const char *ops[8];
  const char *cols[8];
  for (uint32_t i = 0; i < chk->ncols; i++) {
    const char *op = chk->ops ? chk->ops[i] : NULL;
    if (op && !strncmp(op, "pg_catalog.", 11))
      op += 11;
    if (!op || !operator_name(op)) {
      out->status = PF_LIVE_NOT_EVALUATED;
      snprintf(out->why, sizeof(out->why),
               "not evaluated: operator %s is not a built-in operator name",
               chk->ops && chk->ops[i] ? chk->ops[i] : "?");
      return false;
    }
    ops[i] = op;
    cols[i] = chk->cols[i];
  }
  pf_expr_shape shape;
  memset(&shape, 0, sizeof(shape));
  shape.ops = ops;
  shape.nops = chk->ncols;
  shape.cols = cols;
  shape.ncols = chk->ncols;
  bool safe;
  char why[200];
  *rc = pf__live_expr_safe(self, &shape, r->oid, &safe, why, sizeof(why), what,
                           err);
  if (*rc != PF_Q_OK)
    return false;
  if (!safe) {
    out->status = PF_LIVE_NOT_EVALUATED;
    snprintf(out->why, sizeof(out->why), "not evaluated: %s", why);
    return false;
  }
  pf_buf_puts(from, " JOIN ");
  if (!put_table(self, from, r->schema, r->table, err))
    goto quote;
  pf_buf_puts(from, " u ON t.ctid < u.ctid");
  for (uint32_t i = 0; i < chk->ncols; i++) {
    pf_buf_puts(where, i ? " AND t." : "t.");
    if (!pf__live_put_ident(self, where, r->cols[i], err))
      goto quote;
    pf_buf_printf(where, " OPERATOR(pg_catalog.%s) u.", ops[i]);
    if (!pf__live_put_ident(self, where, r->cols[i], err))
      goto quote;
  }
  return true;
quote:
  *quote_failed = true;
  return false;
}

// Whether PostgreSQL refuses the type change of @chk whatever the rows
// (SQL_CAST_REFUSED); when it does, *refused and @why say so.
static pf__qrc cast_refused(pf_live *self, const pf_live_check *chk,
                            const resolved *r, bool *refused, char *why,
                            size_t wsize, const char *what, pf_error *err)
{
  *refused = false;
  if (!r->col_typid[0] || !chk->new_type)
    return PF_Q_OK;
  // Only "USING column::type" reaches here with a shape (build() keeps
  // other expressions away).
  bool using_cast = chk->shape != NULL;
  const char *p[3] = {r->col_typid, chk->new_type, using_cast ? "e" : "a"};
  int64_t v = 0;
  pf__qrc rc = pf__live_scalar(self, SQL_CAST_REFUSED, 3, p, &v, what, err);
  if (rc != PF_Q_OK || v != 1)
    return rc;
  *refused = true;
  if (using_cast)
    snprintf(why, wsize,
             "%s has no cast to %s: PostgreSQL refuses the USING cast",
             r->col_type, chk->new_type);
  else
    snprintf(why, wsize,
             "%s has no automatic conversion to %s: PostgreSQL refuses the "
             "change without USING",
             r->col_type, chk->new_type);
  return PF_Q_OK;
}

/* Section - The cast probe */

// The values of a type change that the check does not judge by their form
// are cast as the migration will cast them. PostgreSQL 15 has no
// pg_input_is_valid, so the cast runs for real, inside a savepoint: the
// first value that does not convert raises an error, which ends the scan
// and is the answer, and ROLLBACK TO takes the failed statement back. Only
// to a built-in base type (SQL_CAST_TARGET), from a built-in type, with
// nothing but the column or a USING expression proven safe to evaluate
// (pf__live_expr_safe): the cast runs built-in input and cast functions
// only, and a read-only transaction writes nothing whatever it runs.
typedef struct cast_plan {
  pf_buf type;         // pg_catalog."typname"(modifiers); empty: no probe
  pf_buf val;          // what is cast: the quoted column or (USING ...)
  bool using_expr;     // val is a USING expression (every row is cast)
  char datestyle[128]; // dates and times: the session's settings
  char why[240];       // type empty: why there is no probe ("" not decided)
} cast_plan;

// Lower-case @in without a leading "pg_catalog." into @out.
static void lower_type(const char *in, char *out, size_t size)
{
  if (!strncmp(in, "pg_catalog.", 11))
    in += 11;
  size_t k = 0;
  for (; *in && k + 1 < size; in++)
    out[k++] = (char)pf_ascii_lower((unsigned char)*in);
  out[k] = '\0';
}

// Appends the type modifiers of @written ("numeric(10, 2)" -> "(10,2)"),
// nothing when it has none; false when they are not one or two integers.
static bool put_mods(pf_buf *b, const char *written)
{
  const char *p = strchr(written, '(');
  if (!p)
    return true;
  long m[2];
  int n = 0;
  for (p++;; p++) {
    while (*p == ' ')
      p++;
    char *end;
    errno = 0;
    long v = strtol(p, &end, 10);
    if (end == p || errno || n == 2 || v < -100000 || v > 100000)
      return false;
    m[n++] = v;
    for (p = end; *p == ' '; p++)
      ;
    if (*p == ')')
      break;
    if (*p != ',')
      return false;
  }
  pf_buf_printf(b, "(%ld", m[0]);
  if (n == 2)
    pf_buf_printf(b, ",%ld", m[1]);
  pf_buf_putc(b, ')');
  return true;
}

// Decides whether and how the values of @chk can be cast (cast_plan).
static pf__qrc cast_plan_make(pf_live *self, const pf_live_check *chk,
                              const resolved *r, cast_plan *cp,
                              const char *what, pf_error *err)
{
  pf_buf_reset(&cp->type);
  pf_buf_reset(&cp->val);
  if (!chk->new_type || !r->col_builtin) {
    snprintf(cp->why, sizeof(cp->why),
             "the column's type is not built in: its values are not cast");
    return PF_Q_OK;
  }
  const pf_expr_shape *s = chk->shape;
  cp->using_expr = s && !pf__live_using_is_cast(chk);
  if (cp->using_expr) {
    bool safe = false;
    char why[200] = "";
    pf__qrc rc = chk->expr ? pf__live_expr_safe(self, s, r->oid, &safe, why,
                                                sizeof(why), what, err)
                           : PF_Q_OK;
    if (rc != PF_Q_OK)
      return rc;
    if (!safe) {
      snprintf(cp->why, sizeof(cp->why), "the USING expression is not run: %s",
               why[0] ? why : "its text is not known");
      return PF_Q_OK;
    }
  }
  PGresult *res;
  const char *p[1] = {chk->new_type};
  pf__qrc rc = pf__live_query(self, SQL_CAST_TARGET, 1, p, &res, what, err);
  if (rc != PF_Q_OK)
    return rc;
  if (PQntuples(res) != 1) {
    PQclear(res);
    snprintf(cp->why, sizeof(cp->why),
             "%s is not a built-in base type, the only kind the check casts "
             "to",
             chk->new_type);
    return PF_Q_OK;
  }
  const char *typname = PQgetvalue(res, 0, 0);
  bool mods = PQgetvalue(res, 0, 1)[0] == '1';
  char cat = PQgetvalue(res, 0, 2)[0];
  char written[160];
  lower_type(chk->new_type, written, sizeof(written));
  if (cat == 'D' || cat == 'T')
    snprintf(cp->datestyle, sizeof(cp->datestyle),
             "DateStyle %.40s, TimeZone %.60s", PQgetvalue(res, 0, 3),
             PQgetvalue(res, 0, 4));
  // Where the cast and the migration's assignment differ: an interval's
  // fields, and the length of a string or bit string after USING (a cast
  // cuts it, the assignment refuses it).
  // char and bit mean char(1) and bit(1); bpchar and "bit" alone, any
  // length.
  bool one = !strchr(written, '(') &&
             (!strcmp(written, "char") || !strcmp(written, "character") ||
              !strcmp(written, "bit"));
  const char *no = NULL;
  if (!strcmp(typname, "interval") && strcmp(written, "interval") != 0)
    no = "an interval with fields or a precision is not cast";
  else if (cp->using_expr && (cat == 'S' || cat == 'V') &&
           (one || strchr(written, '(')))
    no = "a USING expression to a string of limited length is not cast (the "
         "cast would cut what the migration refuses)";
  if (!no) {
    pf_buf_puts(&cp->type, "pg_catalog.");
    if (!pf__live_put_ident(self, &cp->type, typname, err)) {
      PQclear(res);
      return PF_Q_QUERY;
    }
    if (one)
      pf_buf_puts(&cp->type, "(1)");
    else if (mods && !put_mods(&cp->type, chk->new_type))
      no = "its type modifiers are not plain numbers";
  }
  PQclear(res);
  if (no) {
    pf_buf_reset(&cp->type);
    snprintf(cp->why, sizeof(cp->why), "%s", no);
    return PF_Q_OK;
  }
  if (cp->using_expr)
    pf_buf_printf(&cp->val, "(%s)", chk->expr);
  else if (!pf__live_put_ident(self, &cp->val, r->cols[0], err))
    return PF_Q_QUERY;
  return PF_Q_OK;
}

// Casts cp->val to cp->type over the rows of @from where @filter holds, in
// a savepoint. *fails: a value did not convert (the server's message in
// @msg, with the values it quotes hidden unless --show-values); *ncast: the
// rows cast when none failed.
static pf__qrc cast_probe(pf_live *self, const cast_plan *cp, const char *from,
                          const char *filter, bool *fails, int64_t *ncast,
                          char *msg, size_t msize, const char *what,
                          pf_error *err)
{
  *fails = false;
  *ncast = -1;
  PGresult *res;
  pf__qrc rc = pf__live_run(self, SQL_SAVEPOINT, 0, NULL, &res, what, err);
  PQclear(res);
  if (rc != PF_Q_OK)
    return rc;
  pf_buf sql = PF_BUF_INIT;
  pf_buf_printf(&sql,
                "SELECT pg_catalog.count(*), pg_catalog.count(CAST(%s AS %s)) "
                "FROM %s WHERE %s",
                cp->val.data, cp->type.data, from, filter);
  rc = pf__live_query(self, sql.data, 0, NULL, &res, what, err);
  pf_buf_clear(&sql);
  if (rc == PF_Q_OK) {
    if (PQntuples(res) == 1)
      pf__live_parse_i64(PQgetvalue(res, 0, 0), ncast);
    PQclear(res);
  } else if (rc == PF_Q_QUERY && err &&
             (!strncmp(err->sqlstate, "22", 2) ||
              !strcmp(err->sqlstate, "0A000"))) {
    // A data exception (or numeric's "cannot convert infinity" before 14):
    // the value does not convert, and the migration's cast fails the same.
    error_text(self, err, what, msg, msize);
    *fails = true;
    pf_error_clear(err);
    rc = PF_Q_OK;
  } else {
    return rc; // the transaction ends with it
  }
  rc = pf__live_run(self, SQL_ROLLBACK_TO, 0, NULL, &res, what, err);
  PQclear(res);
  return rc;
}

// Fills @from/@where/@group for @chk. Returns false when the check is
// settled without a scan (out filled) or a name could not be quoted (err).
static bool build(pf_live *self, const pf_live_check *chk, resolved *r,
                  pf_buf *from, pf_buf *where, pf_buf *group, pf_buf *keys,
                  pf_buf *unsure, cast_plan *cp, pf_live_probe *out,
                  bool *quote_failed, const char *what, pf__qrc *rc,
                  pf_error *err)
{
  *quote_failed = false;
  if (!put_table(self, from, r->schema, r->table, err))
    goto quote;
  pf_buf_puts(from, " t");
  switch (chk->kind) {
  case PF_LC_ANY_ROW:
    pf_buf_puts(where, "true");
    return true;
  case PF_LC_LOST: // every row, or the rows where the column holds a value
    if (!chk->ncols) {
      pf_buf_puts(where, "true");
      return true;
    }
    if (!pf__live_put_ident(self, where, r->cols[0], err))
      goto quote;
    pf_buf_puts(where, " IS NOT NULL");
    return true;
  case PF_LC_NULLS:
    for (uint32_t i = 0; i < chk->ncols; i++) {
      if (i)
        pf_buf_puts(where, " OR ");
      if (!pf__live_put_ident(self, where, r->cols[i], err))
        goto quote;
      pf_buf_puts(where, " IS NULL");
    }
    return true;
  case PF_LC_DUPLICATES:
    if (chk->nulls_not_distinct)
      pf_buf_puts(where, "true");
    for (uint32_t i = 0; i < chk->ncols && !chk->nulls_not_distinct; i++) {
      if (i)
        pf_buf_puts(where, " AND ");
      if (!pf__live_put_ident(self, where, r->cols[i], err))
        goto quote;
      pf_buf_puts(where, " IS NOT NULL");
    }
    if (!put_cols(self, group, NULL, r->cols, chk->ncols, err))
      goto quote;
    return true;
  case PF_LC_ORPHANS: {
    // The referenced table and columns, as the catalog spells them.
    pf_live_check rchk = {0};
    rchk.schema = chk->ref_schema;
    rchk.table = chk->ref_table;
    rchk.cols = chk->ref_cols;
    rchk.ncols = chk->nref_cols;
    resolved rr;
    memset(&rr, 0, sizeof(rr));
    bool found;
    char pk[8][128];
    uint32_t npk = 0;
    if (!chk->nref_cols) {
      // Resolve the table first, then its primary key.
      *rc = resolve(self, &rchk, &rr, &found, what, err);
      if (*rc != PF_Q_OK || !found)
        goto missing;
      PGresult *res;
      const char *p[1] = {rr.oid};
      *rc = pf__live_query(self, SQL_PRIMARY_KEY, 1, p, &res, what, err);
      if (*rc != PF_Q_OK)
        return false;
      for (int i = 0; i < PQntuples(res) && npk < 8; i++)
        pf__live_copy_str(pk[npk++], sizeof(pk[0]), PQgetvalue(res, i, 0));
      PQclear(res);
      if (npk != chk->ncols) {
        out->status = PF_LIVE_NOT_EVALUATED;
        snprintf(out->why, sizeof(out->why),
                 "the referenced table has no primary key matching the "
                 "foreign key's columns");
        return false;
      }
    } else {
      *rc = resolve(self, &rchk, &rr, &found, what, err);
      if (*rc != PF_Q_OK || !found)
        goto missing;
      for (uint32_t i = 0; i < chk->nref_cols; i++)
        memcpy(pk[npk++], rr.cols[i], sizeof(pk[0]));
    }
    for (uint32_t i = 0; i < chk->ncols; i++) {
      pf_buf_puts(where, i ? " AND t." : "t.");
      if (!pf__live_put_ident(self, where, r->cols[i], err))
        goto quote;
      pf_buf_puts(where, " IS NOT NULL");
    }
    pf_buf_puts(where, " AND NOT EXISTS (SELECT 1 FROM ");
    if (!put_table(self, where, rr.schema, rr.table, err))
      goto quote;
    pf_buf_puts(where, " r WHERE ");
    for (uint32_t i = 0; i < chk->ncols; i++) {
      if (i)
        pf_buf_puts(where, " AND ");
      pf_buf_puts(where, "r.");
      if (!pf__live_put_ident(self, where, pk[i], err))
        goto quote;
      pf_buf_puts(where, " = t.");
      if (!pf__live_put_ident(self, where, r->cols[i], err))
        goto quote;
    }
    pf_buf_putc(where, ')');
    if (!put_cols(self, keys, "t", r->cols, chk->ncols, err))
      goto quote;
    return true;
  }
  case PF_LC_CHECK: {
    bool safe;
    char why[200];
    *rc = pf__live_expr_safe(self, chk->shape, r->oid, &safe, why, sizeof(why),
                             what, err);
    if (*rc != PF_Q_OK)
      return false;
    if (!safe || !chk->expr) {
      out->status = PF_LIVE_NOT_EVALUATED;
      snprintf(out->why, sizeof(out->why), "not evaluated: %s", why);
      return false;
    }
    // The text libpg_query deparsed from the tree just proven safe.
    pf_buf_printf(where, "(%s) IS FALSE", chk->expr);
    return true;
  }
  case PF_LC_EXCLUSION:
    return build_exclusion(self, chk, r, from, where, out, quote_failed, what,
                           rc, err);
  case PF_LC_TYPE_FIT: {
    pf_buf v = PF_BUF_INIT;
    bool ok = pf__live_put_ident(self, &v, r->cols[0], err);
    bool always = false;
    char why[240] = "";
    // JSON objects and arrays cost tens of microseconds a value to judge:
    // on small tables, or when --exact asks for it whatever it costs.
    pf__type_env env = {self->server_version,
                        self->exact ||
                            (r->reltuples >= 0 ? r->reltuples <= JSON_DEEP_ROWS
                                               : r->bytes <= JSON_DEEP_BYTES)};
    if (ok && !pf__live_type_predicate(chk, r->col_type, r->col_builtin, &env,
                                       v.data, where, unsure, &out->judged,
                                       &always, why, sizeof(why))) {
      pf_buf_clear(&v);
      // Not modelled: PostgreSQL may still refuse the pair outright (a
      // USING expression of its own makes its own type: not this pair).
      if (!always && r->col_builtin &&
          (!chk->shape || pf__live_using_is_cast(chk))) {
        *rc = cast_refused(self, chk, r, &always, why, sizeof(why), what, err);
        if (*rc != PF_Q_OK)
          return false;
      }
      if (always) {
        out->status = PF_LIVE_DONE;
        // Refused whatever the rows, an empty table too: "at least one"
        // when there is no row to count.
        out->count = r->reltuples > 0 ? r->reltuples : -1;
        out->exact = false;
        out->method = "catalog";
        snprintf(out->checked, sizeof(out->checked), "%s", why);
        return false;
      }
      // Not judged by form: every value is cast (every row, for a USING
      // expression, which may turn a NULL into something).
      *rc = cast_plan_make(self, chk, r, cp, what, err);
      if (*rc != PF_Q_OK || !cp->type.len) {
        if (*rc == PF_Q_OK) {
          out->status = PF_LIVE_NOT_EVALUATED;
          if (cp->using_expr)
            snprintf(out->why, sizeof(out->why), "not evaluated: %s", cp->why);
          else
            snprintf(out->why, sizeof(out->why), "%s, and %s", why, cp->why);
        }
        return false;
      }
      pf_buf_puts(where, "false");
      if (cp->using_expr)
        pf_buf_puts(unsure, "true");
      else
        pf_buf_printf(unsure, "%s IS NOT NULL", cp->val.data);
      out->judged = "every value was cast to the new type, as the "
                    "migration will cast it";
      return true;
    }
    pf_buf_clear(&v);
    if (!ok)
      goto quote;
    return true;
  }
  default:
    return false;
  }
missing:
  if (*rc == PF_Q_OK) {
    out->status = PF_LIVE_MISSING;
    snprintf(out->why, sizeof(out->why),
             "the referenced table or its columns do not exist");
  }
  return false;
quote:
  *quote_failed = true;
  return false;
}

// Estimates from pg_stats for a one-column NULL or duplicate check.
static void estimate(pf_live *self, const pf_live_check *chk, const resolved *r,
                     pf_live_probe *out, const char *what)
{
  if (r->reltuples < 0)
    return;
  out->estimate = -1;
  // pg_stats shows only what the role may read; a spent budget runs
  // nothing, and the row count read with the table stands in.
  if (chk->ncols == 1 &&
      (chk->kind == PF_LC_NULLS || chk->kind == PF_LC_DUPLICATES ||
       chk->kind == PF_LC_LOST)) {
    const char *p[2] = {r->oid, r->cols[0]};
    PGresult *res;
    if (pf__live_catalog(self, SQL_STATS, 2, p, what, &res, NULL) == PF_Q_OK &&
        PQntuples(res) == 1) {
      double nf = strtod(PQgetvalue(res, 0, 0), NULL);
      double nd = strtod(PQgetvalue(res, 0, 1), NULL);
      double rows = (double)r->reltuples;
      if (chk->kind == PF_LC_NULLS) {
        out->estimate = (int64_t)(nf * rows + 0.5);
        snprintf(out->estimate_src, sizeof(out->estimate_src),
                 "pg_stats.null_frac x reltuples");
      } else if (chk->kind == PF_LC_LOST) {
        out->estimate = (int64_t)((1 - nf) * rows + 0.5);
        snprintf(out->estimate_src, sizeof(out->estimate_src),
                 "reltuples x (1 - pg_stats.null_frac)");
      } else {
        double distinct = nd < 0 ? -nd * rows : nd;
        double dup = rows * (1 - nf) - distinct;
        out->estimate = dup > 0 ? (int64_t)(dup + 0.5) : 0;
        snprintf(out->estimate_src, sizeof(out->estimate_src),
                 "rows minus pg_stats.n_distinct (duplicate rows)");
      }
    }
    PQclear(res);
  }
  if (out->estimate < 0) {
    out->estimate = r->reltuples;
    snprintf(out->estimate_src, sizeof(out->estimate_src),
             "rows in the table (pg_class.reltuples)");
  }
}

pf_code pf__live_data_check(pf_live *self, const pf_live_check *chk,
                            pf_live_probe *out, pf_error *err)
{
  memset(out, 0, sizeof(*out));
  out->status = PF_LIVE_INCONCLUSIVE;
  out->count = -1;
  out->estimate = -1;
  char what[PF_ERROR_SIZE], name[PF_ERROR_SIZE - 40];
  pf__live_name_of(name, sizeof(name), chk->schema, chk->table, NULL);
  snprintf(what, sizeof(what), "%s %s", kind_what(chk->kind), name);
  resolved r;
  memset(&r, 0, sizeof(r));
  r.reltuples = -1;
  pf_buf from = PF_BUF_INIT, where = PF_BUF_INIT, group = PF_BUF_INIT,
         keys = PF_BUF_INIT, sql = PF_BUF_INIT, unsure = PF_BUF_INIT;
  PGresult *res = NULL;
  bool found = false, quote_failed = false, counted_unsure = false;
  cast_plan cp = {PF_BUF_INIT, PF_BUF_INIT, false, "", ""};
  pf__qrc rc = pf__live_tx_begin(self, what, err);
  if (rc == PF_Q_OK)
    rc = resolve(self, chk, &r, &found, what, err);
  if (rc != PF_Q_OK)
    goto done;
  if (!found) {
    out->status = PF_LIVE_MISSING;
    snprintf(out->why, sizeof(out->why),
             "the table or column does not exist (or is a foreign table)");
    goto done;
  }
  // Catalog facts that settle it without reading a row.
  if (chk->kind == PF_LC_NULLS) {
    bool all = true;
    for (uint32_t i = 0; i < chk->ncols; i++)
      all = all && r.col_not_null[i];
    if (all) {
      out->status = PF_LIVE_DONE;
      out->count = 0;
      out->exact = true;
      out->method = "catalog";
      snprintf(out->checked, sizeof(out->checked),
               "the column%s already NOT NULL (pg_attribute.attnotnull)",
               chk->ncols == 1 ? " is" : "s are");
      goto done;
    }
  }
  // A heap of no pages holds no row (pg_relation_size, summed over the
  // partitions of a partitioned table): nothing for a drop to destroy.
  if (chk->kind == PF_LC_LOST && r.bytes == 0) {
    out->status = PF_LIVE_DONE;
    out->count = 0;
    out->exact = true;
    out->method = "catalog";
    snprintf(out->checked, sizeof(out->checked),
             "the table has no data pages (pg_relation_size is 0): it holds "
             "no row");
    goto done;
  }
  if (chk->kind == PF_LC_DUPLICATES && !chk->nulls_not_distinct) {
    pf_buf nums = PF_BUF_INIT;
    bool ok = true;
    for (uint32_t i = 0; i < chk->ncols && ok; i++) {
      int64_t n = -1;
      const char *p[2] = {r.oid, r.cols[i]};
      rc = pf__live_scalar(self, SQL_ATTNUM, 2, p, &n, what, err);
      ok = rc == PF_Q_OK && n > 0;
      pf_buf_printf(&nums, "%s%lld", i ? " " : "", (long long)n);
    }
    int64_t covered = 0;
    if (ok) {
      const char *p[2] = {r.oid, nums.data};
      rc = pf__live_scalar(self, SQL_UNIQUE_COVERED, 2, p, &covered, what, err);
    }
    pf_buf_clear(&nums);
    if (rc != PF_Q_OK)
      goto done;
    if (covered == 1) {
      out->status = PF_LIVE_DONE;
      out->count = 0;
      out->exact = true;
      out->method = "catalog";
      snprintf(out->checked, sizeof(out->checked),
               "a valid unique index already covers the same columns");
      goto done;
    }
  }
  if (!build(self, chk, &r, &from, &where, &group, &keys, &unsure, &cp, out,
             &quote_failed, what, &rc, err)) {
    if (quote_failed)
      rc = PF_Q_QUERY;
    goto done;
  }
  // Every value is cast, none judged by form (cast_plan_make ran): there
  // is nothing to probe or count by predicate, the cast decides.
  bool all_cast = cp.type.len > 0;
  // 1. The probe: stops at the first violating row or group. With --exact
  // the count below answers both questions in one scan.
  bool direct = self->exact && chk->kind != PF_LC_ANY_ROW;
  snprintf(out->checked, sizeof(out->checked), "%s", where.data);
  char parallel[32] = "";
  if (all_cast) {
    out->status = PF_LIVE_DONE;
    out->count = 0;
    out->exact = true;
    out->method = "cast probe";
    goto by_form;
  }
  if (!direct) {
    rc = set_parallel(self, "0", parallel, sizeof(parallel), what, err);
    if (rc != PF_Q_OK)
      goto done;
    // 1a. The newest pages first: rows inserted or updated lately sit at
    // the end of the heap, and a violation in part of the table is one in
    // all of it (a duplicate inside the window is a duplicate).
    int64_t first = 0, pages = tail_window(self, chk, &r, &first);
    bool any = false;
    if (pages > 0) {
      pf_buf win = PF_BUF_INIT;
      pf_buf_printf(&win, "t.ctid >= '(%lld,0)'::pg_catalog.tid AND (%s)",
                    (long long)first, where.data);
      probe_sql(&sql, from.data, win.data, group.data);
      pf_buf_clear(&win);
      rc = pf__live_query(self, sql.data, 0, NULL, &res, what, err);
      if (rc != PF_Q_OK)
        goto done;
      any = PQntuples(res) > 0;
      PQclear(res);
      res = NULL;
      if (any)
        snprintf(out->why, sizeof(out->why),
                 "found in the newest %lld MB of the table, read first; pass "
                 "--exact to count",
                 (long long)((pages * r.block_size + (1 << 20) - 1) >> 20));
    }
    // 1b. The whole table, stopping at the first one.
    if (!any) {
      pf_buf_reset(&sql);
      probe_sql(&sql, from.data, where.data, group.data);
      bool by_workers = false;
      rc = probe_whole(self, chk, &r, parallel, sql.data, &any, &by_workers,
                       out, what, err);
      if (rc != PF_Q_OK)
        goto done;
      if (any && by_workers)
        snprintf(out->why, sizeof(out->why),
                 "found by a parallel plan over the whole table, cancelled at "
                 "its first row; pass --exact to count");
    }
    if (!any) {
      out->status = PF_LIVE_DONE;
      out->count = 0;
      out->exact = true;
      out->method = "full probe found none";
      goto by_form;
    }
    out->status = PF_LIVE_DONE;
    out->count = 1;
    out->exact = false;
    out->method = "probe stopped at the first one";
  }
  // 2. The exact count, when the table is small for the budget left; it
  // reads everything, so the server's parallel settings apply again.
  int64_t affordable = pf__live_budget_left(self) * BYTES_PER_MS / 2;
  if (chk->kind != PF_LC_ANY_ROW && (self->exact || r.bytes <= affordable)) {
    if (parallel[0]) {
      rc = set_parallel(self, parallel, NULL, 0, what, err);
      if (rc != PF_Q_OK)
        goto done;
    }
    pf_buf_reset(&sql);
    if (group.len)
      pf_buf_printf(&sql,
                    "SELECT pg_catalog.count(*), pg_catalog.sum(n) FROM "
                    "(SELECT pg_catalog.count(*) AS n FROM %s WHERE %s GROUP "
                    "BY %s HAVING pg_catalog.count(*) > 1) s",
                    from.data, where.data, group.data);
    else if (unsure.len)
      pf_buf_printf(&sql,
                    "SELECT pg_catalog.count(*) FILTER (WHERE %s),"
                    " pg_catalog.count(*) FILTER (WHERE %s) FROM %s",
                    where.data, unsure.data, from.data);
    else
      pf_buf_printf(&sql, "SELECT pg_catalog.count(*) FROM %s WHERE %s",
                    from.data, where.data);
    pf__qrc c2 = pf__live_query(self, sql.data, 0, NULL, &res, what, err);
    if (c2 == PF_Q_OK && PQntuples(res) == 1 &&
        pf__live_parse_i64(PQgetvalue(res, 0, 0), &out->count)) {
      out->status = PF_LIVE_DONE;
      out->exact = true;
      out->method = "exact count";
      if (group.len)
        pf__live_parse_i64(PQgetvalue(res, 0, 1), &out->rows_in);
      if (unsure.len) {
        pf__live_parse_i64(PQgetvalue(res, 0, 1), &out->unjudged);
        counted_unsure = true;
      }
    } else if (c2 == PF_Q_TIMEOUT && !direct) {
      // The probe already proved one: keep "at least one", say why. The
      // transaction is over: nothing more runs in it.
      snprintf(out->why, sizeof(out->why),
               "the exact count hit the time limit");
      goto done;
    } else if (c2 == PF_Q_QUERY && !direct && err &&
               worker_failure(err->sqlstate)) {
      // A parallel worker of the count failed: the probe's answer stands.
      pf_buf m = PF_BUF_INIT;
      pf_buf_printf(&m, "the exact count failed (%s)", err->msg);
      pf__live_copy_str(out->note, sizeof(out->note), m.data);
      pf_buf_clear(&m);
      pf_error_clear(err);
      goto done;
    } else if (c2 != PF_Q_OK) {
      rc = c2;
      goto done;
    }
    PQclear(res);
    res = NULL;
  }
  // 2b. Values judged by form: none surely fails, so the values of a form
  // the check does not judge decide. They are cast (the cast probe); when
  // they cannot be, the check is not evaluated, never passed.
by_form:
  if (unsure.len && out->status == PF_LIVE_DONE && out->exact &&
      out->count == 0) {
    if (!cp.type.len && !cp.why[0]) {
      rc = cast_plan_make(self, chk, &r, &cp, what, err);
      if (rc != PF_Q_OK)
        goto done;
    }
    if (cp.type.len && counted_unsure && out->unjudged == 0) {
      // Counted: every value was judged by its form.
    } else if (cp.type.len) {
      bool fails = false;
      int64_t ncast;
      char msg[PF_ERROR_SIZE];
      // The newest pages first, as the probe reads them (a value written
      // lately is likelier to be the odd one), unless --exact counted.
      int64_t first = 0,
              pages = direct ? 0 : tail_window(self, chk, &r, &first);
      if (pages > 0) {
        pf_buf win = PF_BUF_INIT;
        pf_buf_printf(&win, "t.ctid >= '(%lld,0)'::pg_catalog.tid AND (%s)",
                      (long long)first, unsure.data);
        rc = cast_probe(self, &cp, from.data, win.data, &fails, &ncast, msg,
                        sizeof(msg), what, err);
        pf_buf_clear(&win);
        if (rc != PF_Q_OK)
          goto done;
      }
      int64_t window_mb =
          fails ? (pages * r.block_size + (1 << 20) - 1) >> 20 : 0;
      // Then all the rows, with the server's parallel settings again.
      if (!fails && parallel[0]) {
        rc = set_parallel(self, parallel, NULL, 0, what, err);
        if (rc != PF_Q_OK)
          goto done;
      }
      if (!fails)
        rc = cast_probe(self, &cp, from.data, unsure.data, &fails, &ncast, msg,
                        sizeof(msg), what, err);
      if (rc != PF_Q_OK)
        goto done;
      pf_buf m = PF_BUF_INIT;
      const char *in = cp.using_expr ? "the USING expression" : "the values";
      if (fails) {
        out->count = 1;
        out->exact = false;
        out->method = "cast probe";
        out->unjudged = 0;
        if (all_cast)
          out->judged = NULL; // it stopped at the first: not every value
        pf_buf_printf(&m, "%s%s cast to %s raised: %s", in,
                      all_cast ? "" : " of other forms", chk->new_type, msg);
        if (window_mb > 0)
          pf_buf_printf(&m,
                        "; found in the newest %lld MB of the table, "
                        "read first",
                        (long long)window_mb);
      } else {
        pf_buf_printf(&m, "%lld %s cast to %s: all convert", (long long)ncast,
                      cp.using_expr ? (ncast == 1 ? "row" : "rows")
                      : all_cast    ? (ncast == 1 ? "value" : "values")
                      : ncast == 1  ? "value of another form"
                                    : "values of other forms",
                      chk->new_type);
        out->unjudged = 0;
        if (all_cast)
          out->method = "cast probe";
      }
      if (cp.datestyle[0])
        pf_buf_printf(&m,
                      " (%s here; the migration's session may read dates "
                      "and times differently)",
                      cp.datestyle);
      if (fails || ncast > 0)
        pf__live_copy_str(fails ? out->why : out->note,
                          fails ? sizeof(out->why) : sizeof(out->note), m.data);
      pf_buf_clear(&m);
      if (fails)
        goto done;
    } else {
      bool any = out->unjudged > 0;
      if (!counted_unsure) {
        pf_buf_reset(&sql);
        probe_sql(&sql, from.data, unsure.data, NULL);
        bool by_workers = false;
        rc = probe_whole(self, chk, &r, parallel, sql.data, &any, &by_workers,
                         out, what, err);
        if (rc != PF_Q_OK)
          goto done;
      }
      if (any) {
        out->status = PF_LIVE_NOT_EVALUATED;
        pf_buf m = PF_BUF_INIT;
        if (counted_unsure)
          pf_buf_printf(&m, "%lld value%s", (long long)out->unjudged,
                        out->unjudged == 1 ? " is" : "s are");
        else
          pf_buf_puts(&m, "at least one value is");
        pf_buf_printf(&m,
                      " in a form the check does not judge, and none surely "
                      "fails; they are not cast: %s",
                      cp.why);
        pf__live_copy_str(out->why, sizeof(out->why), m.data);
        pf_buf_clear(&m);
        goto done;
      }
    }
  }
  // 3. A few offending keys, only when asked (they may be personal data).
  // The data a drop destroys has none: every row of it is the answer.
  if (self->show_values && chk->kind != PF_LC_ANY_ROW &&
      chk->kind != PF_LC_LOST && out->count != 0) {
    pf_buf_reset(&sql);
    if (group.len) {
      pf_buf_printf(&sql,
                    "SELECT ROW(%s)::text FROM %s WHERE %s GROUP BY %s "
                    "HAVING pg_catalog.count(*) > 1 ORDER BY "
                    "pg_catalog.count(*) DESC, 1 LIMIT %d",
                    group.data, from.data, where.data, group.data, SHOW_VALUES);
    } else {
      // The primary key of the offending rows, else the checked columns.
      PGresult *pk;
      const char *p[1] = {r.oid};
      pf__qrc c3 = pf__live_query(self, SQL_PRIMARY_KEY, 1, p, &pk, what, err);
      if (c3 != PF_Q_OK) {
        rc = c3;
        goto done;
      }
      pf_buf cols = PF_BUF_INIT;
      for (int i = 0; i < PQntuples(pk); i++) {
        if (i)
          pf_buf_puts(&cols, ", ");
        pf_buf_puts(&cols, "t.");
        pf__live_put_ident(self, &cols, PQgetvalue(pk, i, 0), err);
      }
      if (!PQntuples(pk) && keys.len)
        pf_buf_puts(&cols, keys.data);
      PQclear(pk);
      if (cols.len)
        pf_buf_printf(&sql,
                      "SELECT ROW(%s)::text FROM %s WHERE %s ORDER BY 1 "
                      "LIMIT %d",
                      cols.data, from.data, where.data, SHOW_VALUES);
      pf_buf_clear(&cols);
    }
    if (sql.len) {
      pf__qrc c4 = pf__live_query(self, sql.data, 0, NULL, &res, what, err);
      if (c4 == PF_Q_OK) {
        pf_buf v = PF_BUF_INIT;
        for (int i = 0; i < PQntuples(res); i++)
          pf_buf_printf(&v, "%s%s", i ? ", " : "", PQgetvalue(res, i, 0));
        pf__live_copy_str(out->values, sizeof(out->values), v.data);
        pf_buf_clear(&v);
      } else if (c4 != PF_Q_TIMEOUT) {
        rc = c4;
        goto done;
      }
      PQclear(res);
      res = NULL;
    }
  }
done:
  PQclear(res);
  bool settled = rc != PF_Q_OK && rc != PF_Q_CONNECT &&
                 settle(self, chk, rc, err, out, name, what);
  pf__qrc end = pf__live_tx_end(self, rc, what, err);
  // An inconclusive check gets the estimate from statistics, in a
  // transaction of its own (the failed one can run nothing more); so does
  // what a drop destroys when only the probe ran ("at least 1, about N").
  bool lost_uncounted =
      chk->kind == PF_LC_LOST && out->status == PF_LIVE_DONE && !out->exact;
  if ((out->status == PF_LIVE_INCONCLUSIVE || lost_uncounted) && found &&
      end != PF_Q_CONNECT)
    estimate(self, chk, &r, out, what);
  pf_buf_clear(&from);
  pf_buf_clear(&where);
  pf_buf_clear(&group);
  pf_buf_clear(&keys);
  pf_buf_clear(&sql);
  pf_buf_clear(&unsure);
  pf_buf_clear(&cp.type);
  pf_buf_clear(&cp.val);
  if (end == PF_Q_CONNECT)
    return PF_DB_CONNECT;
  if (settled || out->status == PF_LIVE_INCONCLUSIVE)
    return PF_OK;
  return pf__live_code_of(end);
}
