/* Live checks: could the connected role write? (It should not be able to.)
 * And the catalog's view of an existing constraint. */
/* SPDX-License-Identifier: MIT */
#include "live.h"
#include "live_int.h"

#include <stdio.h>
#include <string.h>

// The role, and whether it is a superuser.
static const char SQL_ROLE[] =
    "SELECT r.rolname, r.rolsuper FROM pg_catalog.pg_roles r"
    " WHERE r.rolname = pg_catalog.current_user()";

// $1 schema (NULL: search_path), $2 table -> owner (or member of the owner
// role), and whether any write privilege is held.
static const char SQL_TABLE_RIGHTS[] =
    "SELECT pg_catalog.pg_has_role(c.relowner, 'USAGE'),"
    " pg_catalog.has_table_privilege(c.oid,"
    " 'INSERT, UPDATE, DELETE, TRUNCATE'), n.nspname, c.relname"
    " FROM pg_catalog.pg_class c"
    " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
    " WHERE c.oid = pg_catalog.to_regclass(CASE WHEN $1::text IS NULL"
    " THEN pg_catalog.quote_ident($2::text)"
    " ELSE pg_catalog.quote_ident($1::text) || '.' ||"
    " pg_catalog.quote_ident($2::text) END)";

pf_code pf__live_role(pf_live *self, const char *const *schemas,
                      const char *const *tables, uint32_t n, pf_live_role *out,
                      pf_error *err)
{
  memset(out, 0, sizeof(*out));
  const char *what = "reading the role's privileges";
  PGresult *res = NULL;
  pf__qrc rc = pf__live_tx_begin(self, what, err);
  if (rc == PF_Q_OK)
    rc = pf__live_query(self, SQL_ROLE, 0, NULL, &res, what, err);
  if (rc == PF_Q_OK && PQntuples(res) == 1) {
    pf__live_copy_str(out->name, sizeof(out->name), PQgetvalue(res, 0, 0));
    out->superuser = PQgetvalue(res, 0, 1)[0] == 't';
  }
  PQclear(res);
  res = NULL;
  if (out->superuser) {
    out->can_write = true;
    snprintf(out->why, sizeof(out->why), "it is a superuser");
  }
  for (uint32_t i = 0; rc == PF_Q_OK && !out->can_write && i < n; i++) {
    const char *p[2] = {schemas[i], tables[i]};
    rc = pf__live_query(self, SQL_TABLE_RIGHTS, 2, p, &res, what, err);
    if (rc == PF_Q_OK && PQntuples(res) == 1) {
      bool owner = PQgetvalue(res, 0, 0)[0] == 't';
      bool writes = PQgetvalue(res, 0, 1)[0] == 't';
      if (owner || writes) {
        out->can_write = true;
        pf_buf m = PF_BUF_INIT;
        pf_buf_printf(&m, "it %s \"%s\".\"%s\"",
                      owner ? "owns"
                            : "may write (INSERT/UPDATE/DELETE/"
                              "TRUNCATE)",
                      PQgetvalue(res, 0, 2), PQgetvalue(res, 0, 3));
        pf__live_copy_str(out->why, sizeof(out->why), m.data);
        pf_buf_clear(&m);
      }
    }
    PQclear(res);
    res = NULL;
  }
  rc = pf__live_tx_end(self, rc, what, err);
  if (rc == PF_Q_TIMEOUT)
    return PF_OK; // unknown; not worth failing the run for
  return pf__live_code_of(rc);
}

// $1 schema (NULL: search_path), $2 table, $3 constraint -> type,
// validated, the CHECK expression, the foreign key's columns, referenced
// table and columns (names, in key order; one row per key column).
static const char SQL_CONSTRAINT[] =
    "SELECT k.contype, k.convalidated,"
    " CASE WHEN k.contype = 'c' THEN pg_catalog.pg_get_expr(k.conbin,"
    " k.conrelid) END, a.attname, rn.nspname, r.relname, ra.attname"
    " FROM pg_catalog.pg_constraint k"
    " LEFT JOIN LATERAL ROWS FROM (pg_catalog.unnest(k.conkey),"
    " pg_catalog.unnest(k.confkey)) WITH ORDINALITY AS u(attnum, refnum, ord)"
    " ON k.contype = 'f'"
    " LEFT JOIN pg_catalog.pg_attribute a"
    " ON a.attrelid = k.conrelid AND a.attnum = u.attnum"
    " LEFT JOIN pg_catalog.pg_class r ON r.oid = k.confrelid"
    " LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = r.relnamespace"
    " LEFT JOIN pg_catalog.pg_attribute ra"
    " ON ra.attrelid = k.confrelid AND ra.attnum = u.refnum"
    " WHERE k.conrelid = pg_catalog.to_regclass(CASE WHEN $1::text IS NULL"
    " THEN pg_catalog.quote_ident($2::text)"
    " ELSE pg_catalog.quote_ident($1::text) || '.' ||"
    " pg_catalog.quote_ident($2::text) END) AND k.conname = $3::name"
    " ORDER BY u.ord";

pf_code pf__live_constraint(pf_live *self, const char *schema,
                            const char *table, const char *name,
                            pf_live_constraint *out, pf_error *err)
{
  memset(out, 0, sizeof(*out));
  const char *what = "looking up a constraint";
  const char *p[3] = {schema, table, name};
  PGresult *res = NULL;
  pf__qrc rc = pf__live_catalog(self, SQL_CONSTRAINT, 3, p, what, &res, err);
  if (rc == PF_Q_OK && PQntuples(res) >= 1) {
    out->exists = true;
    out->type = PQgetvalue(res, 0, 0)[0];
    out->validated = PQgetvalue(res, 0, 1)[0] == 't';
    const char *e = PQgetvalue(res, 0, 2);
    if (strlen(e) < sizeof(out->expr))
      pf__live_copy_str(out->expr, sizeof(out->expr), e);
    pf__live_copy_str(out->ref_schema, sizeof(out->ref_schema),
                      PQgetvalue(res, 0, 4));
    pf__live_copy_str(out->ref_table, sizeof(out->ref_table),
                      PQgetvalue(res, 0, 5));
    for (int i = 0; out->type == 'f' && i < PQntuples(res) && i < 8; i++) {
      pf__live_copy_str(out->cols[i], sizeof(out->cols[i]),
                        PQgetvalue(res, i, 3));
      pf__live_copy_str(out->ref_cols[i], sizeof(out->ref_cols[i]),
                        PQgetvalue(res, i, 6));
      out->ncols++;
    }
  }
  PQclear(res);
  if (rc == PF_Q_TIMEOUT)
    return PF_OK; // unknown: the VALIDATE is then not checked
  return pf__live_code_of(rc);
}
