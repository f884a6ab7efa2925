/* Live checks: catalog facts that settle a rule's guess (issue 7). */
/* SPDX-License-Identifier: MIT */
#include "live.h"
#include "live_int.h"

#include <stdio.h>
#include <string.h>

#include "core/core.h"

/* Section - SQL. Plain SELECTs on the catalogs; names are parameters. */

// $1 schema (NULL: the search_path), $2 function name -> 3 volatile,
// 2 stable, 1 immutable (the most volatile overload), 0 none visible.
static const char SQL_FUNC_VOLATILITY[] =
    "SELECT COALESCE(max(CASE p.provolatile WHEN 'v' THEN 3 WHEN 's' THEN 2"
    " ELSE 1 END), 0)"
    " FROM pg_catalog.pg_proc p"
    " JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace"
    " WHERE p.proname = $2::text::name AND CASE WHEN $1::text IS NULL"
    " THEN pg_catalog.pg_function_is_visible(p.oid)"
    " ELSE n.nspname = $1::text::name END";

// lock_timeout / statement_timeout from pg_db_role_setting for the role
// that applies the migration ($1, or the session's role) and the database,
// most specific first (role in database, role, database, all roles: the
// order in which PostgreSQL lets them override each other). COALESCE is
// syntax, not a function, so search_path cannot replace it.
#define MIGRATION_ROLE "COALESCE($1::text, session_user::text)"
static const char SQL_TIMEOUTS[] =
    "SELECT pg_catalog.split_part(c.cfg, '=', 1),"
    " pg_catalog.substr(c.cfg, pg_catalog.strpos(c.cfg, '=') + 1),"
    " CASE WHEN s.setrole <> 0 AND s.setdatabase <> 0"
    " THEN 'role ' || pg_catalog.quote_ident(" MIGRATION_ROLE
    ") || ' in database '"
    " || pg_catalog.quote_ident(pg_catalog.current_database())"
    " WHEN s.setrole <> 0 THEN 'role ' || "
    "pg_catalog.quote_ident(" MIGRATION_ROLE ")"
    " WHEN s.setdatabase <> 0 THEN 'database '"
    " || pg_catalog.quote_ident(pg_catalog.current_database())"
    " ELSE 'all roles' END"
    " FROM pg_catalog.pg_db_role_setting s,"
    " pg_catalog.unnest(s.setconfig) AS c(cfg)"
    " WHERE s.setdatabase IN (0, (SELECT d.oid FROM pg_catalog.pg_database d"
    " WHERE d.datname = pg_catalog.current_database()))"
    " AND s.setrole IN (0, (SELECT r.oid FROM pg_catalog.pg_roles r"
    " WHERE r.rolname::text = " MIGRATION_ROLE "))"
    " AND pg_catalog.split_part(c.cfg, '=', 1) IN ('lock_timeout',"
    " 'statement_timeout')"
    // A role set read-only by default (pgpreflight role-sql) is a checking
    // role, not the one that runs migrations: its own timeouts say nothing,
    // unless --migration-role names it.
    " AND ($1::text IS NOT NULL OR NOT (s.setrole <> 0 AND EXISTS (SELECT 1"
    " FROM pg_catalog.pg_db_role_setting r2,"
    " pg_catalog.unnest(r2.setconfig) AS c2(cfg)"
    " WHERE r2.setrole = s.setrole AND pg_catalog.lower(c2.cfg) IN"
    " ('default_transaction_read_only=on',"
    " 'default_transaction_read_only=true',"
    " 'default_transaction_read_only=1'))))"
    " ORDER BY CASE WHEN s.setrole <> 0 AND s.setdatabase <> 0 THEN 1"
    " WHEN s.setrole <> 0 THEN 2 WHEN s.setdatabase <> 0 THEN 3 ELSE 4 END";

static const char SQL_ROLE_EXISTS[] =
    "SELECT 1 FROM pg_catalog.pg_roles WHERE rolname::text = $1::text";

static pf_code timed_out(pf_live *self, const char *what, pf_error *err)
{
  pf__live_set_error(err, PF_DB_QUERY, self->timeout_state, "%s: %s", what,
                     self->timeout_state[0] ? "timed out"
                                            : "the time budget for database "
                                              "checks is spent");
  return PF_DB_QUERY;
}

pf_code pf__live_func_volatility(pf_live *self, const char *schema,
                                 const char *name, char *out, pf_error *err)
{
  *out = 0;
  char what[PF_ERROR_SIZE];
  snprintf(what, sizeof(what), "looking up function %s%s%.200s()",
           schema ? schema : "", schema ? "." : "", name);
  const char *p[2] = {schema, name};
  PGresult *res;
  pf__qrc rc =
      pf__live_catalog(self, SQL_FUNC_VOLATILITY, 2, p, what, &res, err);
  if (rc == PF_Q_OK && PQntuples(res) == 1) {
    int64_t v = 0;
    pf__live_parse_i64(PQgetvalue(res, 0, 0), &v);
    *out = v == 3 ? 'v' : v == 2 ? 's' : v == 1 ? 'i' : 0;
  }
  PQclear(res);
  if (rc == PF_Q_TIMEOUT)
    return timed_out(self, what, err);
  return pf__live_code_of(rc);
}

pf_code pf__live_timeouts(pf_live *self, const char *role,
                          pf_live_timeouts *out, pf_error *err)
{
  memset(out, 0, sizeof(*out));
  const char *what = "reading role and database settings";
  PGresult *res;
  const char *p[1] = {role};
  pf__qrc rc;
  if (role) {
    rc = pf__live_catalog(self, SQL_ROLE_EXISTS, 1, p, what, &res, err);
    out->role_missing = rc == PF_Q_OK && PQntuples(res) == 0;
    PQclear(res);
    if (rc != PF_Q_OK) {
      if (rc == PF_Q_TIMEOUT)
        return timed_out(self, what, err);
      return pf__live_code_of(rc);
    }
  }
  rc = pf__live_catalog(self, SQL_TIMEOUTS, 1, p, what, &res, err);
  for (int i = 0; rc == PF_Q_OK && i < PQntuples(res); i++) {
    const char *name = PQgetvalue(res, i, 0);
    bool lock = !strcmp(name, "lock_timeout");
    char *val = lock ? out->lock : out->stmt;
    char *src = lock ? out->lock_src : out->stmt_src;
    if (val[0])
      continue; // a more specific setting came first
    pf__live_copy_str(val, sizeof(out->lock), PQgetvalue(res, i, 1));
    pf__live_copy_str(src, sizeof(out->lock_src), PQgetvalue(res, i, 2));
  }
  PQclear(res);
  if (rc == PF_Q_TIMEOUT)
    return timed_out(self, what, err);
  return pf__live_code_of(rc);
}
