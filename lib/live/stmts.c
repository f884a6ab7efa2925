/* Live checks: recorded queries from pg_stat_statements (texts only; the
 * caller parses them). */
/* SPDX-License-Identifier: MIT */
#include "live_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// The schema pg_stat_statements is installed in, if it is.
static const char SQL_STMTS_SCHEMA[] =
    "SELECT n.nspname FROM pg_catalog.pg_extension e"
    " JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace"
    " WHERE e.extname = 'pg_stat_statements'";

// Pieces of the query over <schema>.pg_stat_statements (the schema quoted
// with PQescapeIdentifier); $1 the name the text must contain. pgpreflight's
// own statements (PF_LIVE_TAG) are not the application's.
static const char SQL_STMTS_HEAD[] =
    "SELECT s.query, pg_catalog.sum(s.calls)::bigint FROM ";
static const char SQL_STMTS_TAIL[] =
    ".pg_stat_statements s"
    " WHERE s.dbid = (SELECT d.oid FROM pg_catalog.pg_database d"
    " WHERE d.datname = pg_catalog.current_database())"
    " AND s.query IS NOT NULL"
    " AND pg_catalog.strpos(pg_catalog.lower(s.query),"
    " pg_catalog.lower($1::text)) > 0"
    " AND pg_catalog.strpos(s.query, '" PF_LIVE_TAG_TEXT "') <> 1"
    " GROUP BY s.query ORDER BY 2 DESC, 1 LIMIT 200";

void pf__live_stmts_clear(pf_live_stmts *self)
{
  if (!self)
    return;
  for (uint32_t i = 0; i < self->n; i++)
    free(self->items[i].query);
  memset(self, 0, sizeof(*self));
}

pf_code pf__live_stmts(pf_live *self, const char *needle, pf_live_stmts *out,
                       pf_error *err)
{
  memset(out, 0, sizeof(*out));
  out->status = PF_LIVE_INCONCLUSIVE;
  const char *what = "reading pg_stat_statements";
  PGresult *res = NULL;
  pf__qrc rc =
      pf__live_catalog(self, SQL_STMTS_SCHEMA, 0, NULL, what, &res, err);
  char schema[64] = "";
  if (rc == PF_Q_OK && PQntuples(res) == 1)
    pf__live_copy_str(schema, sizeof(schema), PQgetvalue(res, 0, 0));
  PQclear(res);
  res = NULL;
  if (rc == PF_Q_TIMEOUT)
    return PF_OK;
  if (rc != PF_Q_OK)
    return pf__live_code_of(rc);
  if (!schema[0]) {
    out->status = PF_LIVE_NOT_EVALUATED;
    snprintf(out->why, sizeof(out->why),
             "pg_stat_statements is not installed in this database");
    return PF_OK;
  }
  pf_buf sql = PF_BUF_INIT;
  pf_buf_puts(&sql, SQL_STMTS_HEAD);
  if (!pf__live_put_ident(self, &sql, schema, err)) {
    pf_buf_clear(&sql);
    return PF_DB_QUERY;
  }
  pf_buf_puts(&sql, SQL_STMTS_TAIL);
  const char *p[1] = {needle};
  // A server without the library preloaded refuses the view (55000): say
  // so instead of failing.
  pf_error local;
  pf_error_clear(&local);
  rc = pf__live_catalog(self, sql.data, 1, p, what, &res, &local);
  pf_buf_clear(&sql);
  if (rc == PF_Q_QUERY && !strcmp(local.sqlstate, "55000")) {
    PQclear(res);
    out->status = PF_LIVE_NOT_EVALUATED;
    snprintf(out->why, sizeof(out->why),
             "pg_stat_statements is installed but not loaded "
             "(shared_preload_libraries)");
    return PF_OK;
  }
  if (rc == PF_Q_QUERY && !strcmp(local.sqlstate, "42501")) {
    PQclear(res);
    out->status = PF_LIVE_DENIED;
    snprintf(out->why, sizeof(out->why),
             "permission denied for pg_stat_statements");
    return PF_OK;
  }
  if (rc != PF_Q_OK && rc != PF_Q_TIMEOUT && err && err->code == PF_OK)
    *err = local;
  for (int i = 0;
       rc == PF_Q_OK && i < PQntuples(res) && out->n < PF_LIVE_MAX_STMTS; i++) {
    pf_live_stmt *s = &out->items[out->n++];
    s->query = pf_xstrdup(PQgetvalue(res, i, 0));
    s->calls = -1;
    pf__live_parse_i64(PQgetvalue(res, i, 1), &s->calls);
  }
  PQclear(res);
  if (rc == PF_Q_TIMEOUT)
    return PF_OK;
  if (rc != PF_Q_OK)
    return pf__live_code_of(rc);
  out->status = PF_LIVE_DONE;
  return PF_OK;
}
