/* Live checks: what applying a change costs (table size, rows) and who is
 * in the lock queue of its table right now. */
/* SPDX-License-Identifier: MIT */
#include "live.h"
#include "live_int.h"

#include <stdio.h>
#include <string.h>

/* Section - SQL. Read-only; values are parameters. */

// $1 schema (NULL: search_path), $2 relation name -> the relation's oid
// (the same expression as live.c's lookups).
#define REL_OID                                                                \
  "pg_catalog.to_regclass(CASE WHEN $1::text IS NULL"                          \
  " THEN pg_catalog.quote_ident($2::text)"                                     \
  " ELSE pg_catalog.quote_ident($1::text) || '.' ||"                           \
  " pg_catalog.quote_ident($2::text) END)"

// The table and its partitions, at any depth, from pg_inherits: unlike
// pg_partition_tree() this takes no lock on them. $1, $2 as for REL_OID.
// Every query is "SELECT * FROM (WITH ... SELECT ...) q": it starts with
// SELECT, and a data-modifying WITH is not even allowed in a subquery.
#define TREE                                                                   \
  "SELECT * FROM (WITH RECURSIVE r AS (SELECT c.oid, c.relkind FROM "          \
  "pg_catalog.pg_class c"                                                      \
  " WHERE c.oid = " REL_OID " AND c.relkind IN ('r', 'p', 'f', 'm')),"         \
  " tree AS (SELECT r.oid FROM r UNION ALL SELECT i.inhrelid"                  \
  " FROM pg_catalog.pg_inherits i JOIN tree ON i.inhparent = tree.oid),"       \
  " leaves AS (SELECT l.oid, l.reltuples, l.relpages, l.reltoastrelid"         \
  " FROM tree JOIN pg_catalog.pg_class l ON l.oid = tree.oid"                  \
  " WHERE l.relkind <> 'p')"

// Summed over the leaves (the table itself when it is not partitioned):
// relkind, total bytes, index bytes, rows (reltuples; a leaf never analyzed
// makes it unknown), leaves, indexes. No row when there is no such table.
// The size functions take ACCESS SHARE on each relation (and so wait
// behind a queued ACCESS EXCLUSIVE, up to lock_timeout).
static const char SQL_COST_SIZE[] =
    TREE " SELECT r.relkind,"
         " (SELECT COALESCE(sum(pg_catalog.pg_total_relation_size(oid)), 0)"
         " FROM leaves),"
         " (SELECT COALESCE(sum(pg_catalog.pg_indexes_size(oid)), 0)"
         " FROM leaves),"
         " (SELECT CASE WHEN bool_or(reltuples < 0) THEN -1"
         " ELSE COALESCE(sum(reltuples), 0)::bigint END FROM leaves),"
         " (SELECT count(*) FROM leaves),"
         " (SELECT count(*) FROM pg_catalog.pg_index i"
         " WHERE i.indrelid IN (SELECT oid FROM leaves))"
         " FROM r) q";

// The same from pg_class alone (relpages as of the last VACUUM or ANALYZE,
// times the block size), for a table whose lock queue the size functions
// could not get through: no lock at all.
static const char SQL_COST_PAGES[] =
    TREE ", pages AS (SELECT COALESCE(sum(l.relpages + COALESCE(t.relpages,"
         " 0)), 0) AS tbl, COALESCE(sum((SELECT sum(x.relpages)"
         " FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class x"
         " ON x.oid = i.indexrelid WHERE i.indrelid = l.oid)), 0) AS idx"
         " FROM leaves l LEFT JOIN pg_catalog.pg_class t"
         " ON t.oid = l.reltoastrelid)"
         " SELECT r.relkind,"
         " ((pages.tbl + pages.idx) *"
         " pg_catalog.current_setting('block_size')::bigint)::bigint,"
         " (pages.idx * pg_catalog.current_setting('block_size')::bigint)"
         "::bigint,"
         " (SELECT CASE WHEN bool_or(reltuples < 0) THEN -1"
         " ELSE COALESCE(sum(reltuples), 0)::bigint END FROM leaves),"
         " (SELECT count(*) FROM leaves),"
         " (SELECT count(*) FROM pg_catalog.pg_index i"
         " WHERE i.indrelid IN (SELECT oid FROM leaves))"
         " FROM r, pages) q";

// Every relation lock on the table or one of its partitions held or awaited
// by another session: pid (0: a prepared transaction), mode, granted,
// seconds its transaction has been open (-1 when pg_stat_activity does not
// show it to this role), state. Waiters first, then the oldest. No lock:
// pg_locks and pg_stat_activity are views over shared memory.
static const char SQL_COST_LOCKS[] =
    TREE " SELECT COALESCE(l.pid, 0), l.mode, l.granted,"
         " COALESCE(floor(EXTRACT(epoch FROM"
         " pg_catalog.statement_timestamp() - a.xact_start))::bigint, -1),"
         " COALESCE(a.state, '')"
         " FROM pg_catalog.pg_locks l"
         " LEFT JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid"
         " WHERE l.locktype = 'relation'"
         " AND l.database = (SELECT d.oid FROM pg_catalog.pg_database d"
         " WHERE d.datname = pg_catalog.current_database())"
         " AND l.relation IN (SELECT oid FROM tree)"
         " AND l.pid IS DISTINCT FROM pg_catalog.pg_backend_pid()) q"
         " ORDER BY 3, 4 DESC, 1 LIMIT 1000";

/* Section - Locks */

// Bit b of conflicts[a]: mode a conflicts with mode b (PostgreSQL 15 docs,
// 13.3.1, table 13.2 "Conflicting Lock Modes").
#define B(m) (1u << PF_LOCK_##m)
static const unsigned conflicts[PF_LOCK_COUNT] = {
    [PF_LOCK_NONE] = 0,
    [PF_LOCK_ACCESS_SHARE] = B(ACCESS_EXCLUSIVE),
    [PF_LOCK_ROW_SHARE] = B(EXCLUSIVE) | B(ACCESS_EXCLUSIVE),
    [PF_LOCK_ROW_EXCLUSIVE] =
        B(SHARE) | B(SHARE_ROW_EXCLUSIVE) | B(EXCLUSIVE) | B(ACCESS_EXCLUSIVE),
    [PF_LOCK_SHARE_UPDATE_EXCLUSIVE] = B(SHARE_UPDATE_EXCLUSIVE) | B(SHARE) |
                                       B(SHARE_ROW_EXCLUSIVE) | B(EXCLUSIVE) |
                                       B(ACCESS_EXCLUSIVE),
    [PF_LOCK_SHARE] = B(ROW_EXCLUSIVE) | B(SHARE_UPDATE_EXCLUSIVE) |
                      B(SHARE_ROW_EXCLUSIVE) | B(EXCLUSIVE) |
                      B(ACCESS_EXCLUSIVE),
    [PF_LOCK_SHARE_ROW_EXCLUSIVE] =
        B(ROW_EXCLUSIVE) | B(SHARE_UPDATE_EXCLUSIVE) | B(SHARE) |
        B(SHARE_ROW_EXCLUSIVE) | B(EXCLUSIVE) | B(ACCESS_EXCLUSIVE),
    [PF_LOCK_EXCLUSIVE] =
        B(ROW_SHARE) | B(ROW_EXCLUSIVE) | B(SHARE_UPDATE_EXCLUSIVE) | B(SHARE) |
        B(SHARE_ROW_EXCLUSIVE) | B(EXCLUSIVE) | B(ACCESS_EXCLUSIVE),
    [PF_LOCK_ACCESS_EXCLUSIVE] = B(ACCESS_SHARE) | B(ROW_SHARE) |
                                 B(ROW_EXCLUSIVE) | B(SHARE_UPDATE_EXCLUSIVE) |
                                 B(SHARE) | B(SHARE_ROW_EXCLUSIVE) |
                                 B(EXCLUSIVE) | B(ACCESS_EXCLUSIVE),
};
#undef B

bool pf__lock_conflicts(pf_lock a, pf_lock b)
{
  if ((unsigned)a >= PF_LOCK_COUNT || (unsigned)b >= PF_LOCK_COUNT)
    return false;
  return (conflicts[a] >> b) & 1u;
}

// pg_locks.mode ("AccessShareLock") as a pf_lock; NONE for other modes.
static pf_lock lock_of_mode(const char *mode)
{
  static const struct {
    const char *name;
    pf_lock lock;
  } modes[] = {
      {"AccessShareLock", PF_LOCK_ACCESS_SHARE},
      {"RowShareLock", PF_LOCK_ROW_SHARE},
      {"RowExclusiveLock", PF_LOCK_ROW_EXCLUSIVE},
      {"ShareUpdateExclusiveLock", PF_LOCK_SHARE_UPDATE_EXCLUSIVE},
      {"ShareLock", PF_LOCK_SHARE},
      {"ShareRowExclusiveLock", PF_LOCK_SHARE_ROW_EXCLUSIVE},
      {"ExclusiveLock", PF_LOCK_EXCLUSIVE},
      {"AccessExclusiveLock", PF_LOCK_ACCESS_EXCLUSIVE},
  };
  for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
    if (strcmp(mode, modes[i].name) == 0)
      return modes[i].lock;
  }
  return PF_LOCK_NONE;
}

// Reads one row of SQL_COST_LOCKS.
static void read_holder(PGresult *res, int row, pf_live_holder *h)
{
  int64_t v = 0;
  memset(h, 0, sizeof(*h));
  pf__live_parse_i64(PQgetvalue(res, row, 0), &v);
  h->pid = (int)v;
  h->mode = lock_of_mode(PQgetvalue(res, row, 1));
  h->granted = PQgetvalue(res, row, 2)[0] == 't';
  h->xact_seconds = -1;
  pf__live_parse_i64(PQgetvalue(res, row, 3), &h->xact_seconds);
  pf__live_copy_str(h->state, sizeof(h->state), PQgetvalue(res, row, 4));
}

// Sorts the lock rows into blockers, waiters and hidden holders, and keeps
// the first few blockers, then waiters, in out->holders.
static void read_queue(PGresult *res, pf_lock lock, uint32_t long_xact_s,
                       pf_live_cost *out)
{
  int n = PQntuples(res);
  uint32_t cap = sizeof(out->holders) / sizeof(out->holders[0]);
  for (int pass = 0; pass < 2; pass++) {
    for (int i = 0; i < n; i++) {
      pf_live_holder h;
      read_holder(res, i, &h);
      bool blocker = h.granted && h.xact_seconds >= (int64_t)long_xact_s &&
                     pf__lock_conflicts(h.mode, lock);
      bool waiter = !h.granted;
      if (pass == 0) {
        out->nblockers += blocker;
        out->nwaiters += waiter;
        out->nhidden +=
            h.granted && h.xact_seconds < 0 && pf__lock_conflicts(h.mode, lock);
      }
      if (((pass == 0 && blocker) || (pass == 1 && waiter)) &&
          out->nholders < cap)
        out->holders[out->nholders++] = h;
    }
  }
}

/* Section - The check */

// Reads one row of SQL_COST_SIZE or SQL_COST_PAGES.
static void read_size(PGresult *res, pf_live_cost *out)
{
  out->exists = true;
  bool partitioned = PQgetvalue(res, 0, 0)[0] == 'p';
  int64_t v = 0;
  pf__live_parse_i64(PQgetvalue(res, 0, 1), &out->total_bytes);
  pf__live_parse_i64(PQgetvalue(res, 0, 2), &out->index_bytes);
  pf__live_parse_i64(PQgetvalue(res, 0, 3), &out->rows);
  if (pf__live_parse_i64(PQgetvalue(res, 0, 4), &v) && partitioned)
    out->npartitions = (uint32_t)v;
  if (pf__live_parse_i64(PQgetvalue(res, 0, 5), &v))
    out->nindexes = (uint32_t)v;
  out->table_bytes = out->total_bytes - out->index_bytes;
}

pf_code pf__live_cost(pf_live *self, const char *schema, const char *table,
                      pf_lock lock, uint32_t long_xact_s, pf_live_cost *out,
                      pf_error *err)
{
  memset(out, 0, sizeof(*out));
  out->rows = -1;
  char what[PF_ERROR_SIZE], name[PF_ERROR_SIZE - 48];
  pf__live_name_of(name, sizeof(name), schema, table, NULL);
  snprintf(what, sizeof(what), "reading the size and locks of %s", name);
  const char *p[2] = {schema, table};
  PGresult *res = NULL;
  // The lock queue first, in its own transaction: it takes no lock, so a
  // jammed queue cannot hide itself.
  pf__qrc rc = pf__live_catalog(self, SQL_COST_LOCKS, 2, p, what, &res, err);
  if (rc == PF_Q_OK)
    read_queue(res, lock, long_xact_s, out);
  PQclear(res);
  res = NULL;
  if (rc == PF_Q_OK) {
    rc = pf__live_catalog(self, SQL_COST_SIZE, 2, p, what, &res, err);
    if (rc == PF_Q_TIMEOUT && !strcmp(self->timeout_state, "55P03")) {
      // The size functions queued behind a lock: pg_class's page counts.
      PQclear(res);
      res = NULL;
      out->size_from_pages = true;
      rc = pf__live_catalog(self, SQL_COST_PAGES, 2, p, what, &res, err);
    }
    if (rc == PF_Q_OK && PQntuples(res) == 1)
      read_size(res, out);
  }
  PQclear(res);
  if (rc == PF_Q_TIMEOUT) {
    const char *s = self->timeout_state;
    memset(out, 0, sizeof(*out));
    pf__live_set_error(err, PF_DB_QUERY, s, "%s: %s", what,
                       !strcmp(s, "57014")   ? "statement timeout"
                       : !strcmp(s, "55P03") ? "lock timeout"
                                             : "the time budget for database "
                                               "checks is spent");
    return PF_DB_QUERY;
  }
  return pf__live_code_of(rc);
}
