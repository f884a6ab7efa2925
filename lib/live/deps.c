/* Live checks: what depends on a dropped or renamed object (catalog only). */
/* SPDX-License-Identifier: MIT */
#include "live_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// $1 schema (NULL: search_path), $2 relation, $3 column (NULL: the whole
// relation), $4 constraint of the relation (NULL: none), $5 'i' when $2 is
// an index. The object "o" is the column, the table, the index, or the
// constraint and the index behind it. Each dependent row names its kind,
// its name, and whether it blocks a DROP without CASCADE: a normal (n)
// dependency (a whole-table drop takes its own objects with it, so they
// are not listed; a column drop does not).
#define DEP_REL                                                                \
  "pg_catalog.to_regclass(CASE WHEN $1::text IS NULL"                          \
  " THEN pg_catalog.quote_ident($2::text)"                                     \
  " ELSE pg_catalog.quote_ident($1::text) || '.' ||"                           \
  " pg_catalog.quote_ident($2::text) END)"

// A WITH only inside a subquery: PostgreSQL allows data-modifying CTEs at
// the top level only, and tests/live/check_log.awk accepts SELECT only.
static const char SQL_DEPS_HEAD[] =
    "SELECT kind, name, how, blocks FROM (WITH o AS ("
    " SELECT 'pg_catalog.pg_class'::pg_catalog.regclass AS cls, c.oid AS id,"
    " COALESCE(a.attnum, 0)::int AS sub, c.oid AS relid"
    " FROM pg_catalog.pg_class c LEFT JOIN pg_catalog.pg_attribute a"
    " ON a.attrelid = c.oid AND a.attname = $3::name AND a.attnum > 0"
    " AND NOT a.attisdropped"
    " WHERE c.oid = " DEP_REL " AND $4::text IS NULL"
    " AND ($3::text IS NULL OR a.attnum IS NOT NULL)"
    " AND (c.relkind IN ('i', 'I')) = ($5::text = 'i')"
    " UNION ALL"
    " SELECT 'pg_catalog.pg_constraint'::pg_catalog.regclass, k.oid, 0, k.oid"
    " FROM pg_catalog.pg_constraint k"
    " WHERE k.conrelid = " DEP_REL " AND k.conname = $4::name"
    " UNION ALL"
    " SELECT 'pg_catalog.pg_class'::pg_catalog.regclass, k.conindid, 0,"
    " k.conindid FROM pg_catalog.pg_constraint k"
    " WHERE k.conrelid = " DEP_REL " AND k.conname = $4::name"
    " AND k.conindid <> 0 AND k.contype IN ('p', 'u', 'x')"
    "), d AS ("
    " SELECT DISTINCT dep.classid, dep.objid, dep.objsubid,"
    " dep.deptype = 'n' AS normal, o.sub, o.relid"
    " FROM pg_catalog.pg_depend dep JOIN o ON dep.refclassid = o.cls"
    " AND dep.refobjid = o.id AND (o.sub = 0 OR dep.refobjsubid = o.sub)"
    " WHERE dep.deptype IN ('n', 'a')"
    "), ";

// The dependents, by catalog (follows SQL_DEPS_HEAD; one string would pass
// the 4095 characters C compilers must support).
static const char SQL_DEPS_TAIL[] =
    "x AS ("
    " SELECT CASE v.relkind WHEN 'm' THEN 'materialized view' ELSE 'view'"
    " END AS kind, v.oid::pg_catalog.regclass::text AS name, 'pg_depend' AS "
    "how,"
    " d.normal, v.oid AS owner, d.sub, d.relid"
    " FROM d JOIN pg_catalog.pg_rewrite r ON d.classid ="
    " 'pg_catalog.pg_rewrite'::pg_catalog.regclass AND r.oid = d.objid"
    " JOIN pg_catalog.pg_class v ON v.oid = r.ev_class"
    " WHERE v.oid <> d.relid"
    " UNION ALL"
    " SELECT CASE k.contype WHEN 'f' THEN 'foreign key' WHEN 'c' THEN"
    " 'check constraint' WHEN 'p' THEN 'primary key' WHEN 'u' THEN"
    " 'unique constraint' WHEN 'x' THEN 'exclusion constraint' ELSE"
    " 'constraint' END, pg_catalog.quote_ident(k.conname) || ' on ' ||"
    " k.conrelid::pg_catalog.regclass::text, 'pg_depend', d.normal,"
    " k.conrelid, d.sub, d.relid"
    " FROM d JOIN pg_catalog.pg_constraint k ON d.classid ="
    " 'pg_catalog.pg_constraint'::pg_catalog.regclass AND k.oid = d.objid"
    " WHERE k.oid <> d.relid"
    " UNION ALL"
    " SELECT 'trigger', pg_catalog.quote_ident(t.tgname) || ' on ' ||"
    " t.tgrelid::pg_catalog.regclass::text, 'pg_depend', d.normal, t.tgrelid,"
    " d.sub, d.relid"
    " FROM d JOIN pg_catalog.pg_trigger t ON d.classid ="
    " 'pg_catalog.pg_trigger'::pg_catalog.regclass AND t.oid = d.objid"
    " WHERE NOT t.tgisinternal"
    " UNION ALL"
    " SELECT 'policy', pg_catalog.quote_ident(p.polname) || ' on ' ||"
    " p.polrelid::pg_catalog.regclass::text, 'pg_policy', d.normal,"
    " p.polrelid, d.sub, d.relid"
    " FROM d JOIN pg_catalog.pg_policy p ON d.classid ="
    " 'pg_catalog.pg_policy'::pg_catalog.regclass AND p.oid = d.objid"
    " UNION ALL"
    " SELECT CASE WHEN a.attgenerated = 's' THEN 'generated column' ELSE"
    " 'default of column' END, ad.adrelid::pg_catalog.regclass::text || '.' ||"
    " pg_catalog.quote_ident(a.attname), 'pg_attrdef', d.normal, ad.adrelid,"
    " d.sub, d.relid"
    " FROM d JOIN pg_catalog.pg_attrdef ad ON d.classid ="
    " 'pg_catalog.pg_attrdef'::pg_catalog.regclass AND ad.oid = d.objid"
    " JOIN pg_catalog.pg_attribute a ON a.attrelid = ad.adrelid"
    " AND a.attnum = ad.adnum"
    " WHERE NOT (ad.adrelid = d.relid AND ad.adnum = d.sub)"
    " UNION ALL"
    " SELECT 'index', i.oid::pg_catalog.regclass::text, 'pg_depend', d.normal,"
    " x.indrelid, d.sub, d.relid"
    " FROM d JOIN pg_catalog.pg_class i ON d.classid ="
    " 'pg_catalog.pg_class'::pg_catalog.regclass AND i.oid = d.objid"
    " JOIN pg_catalog.pg_index x ON x.indexrelid = i.oid"
    " WHERE i.relkind IN ('i', 'I') AND d.sub <> 0"
    " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k"
    " WHERE k.conindid = i.oid AND k.contype IN ('p', 'u', 'x'))"
    " UNION ALL"
    " SELECT CASE p.prokind WHEN 'p' THEN 'procedure' ELSE 'function' END,"
    " p.oid::pg_catalog.regprocedure::text, 'pg_depend (SQL-standard body)',"
    " d.normal, 0, d.sub, d.relid"
    " FROM d JOIN pg_catalog.pg_proc p ON d.classid ="
    " 'pg_catalog.pg_proc'::pg_catalog.regclass AND p.oid = d.objid"
    " UNION ALL"
    " SELECT 'publication', pg_catalog.quote_ident(pb.pubname),"
    " 'pg_publication_rel', false, 0, d.sub, d.relid"
    " FROM d JOIN pg_catalog.pg_publication_rel pr ON d.classid ="
    " 'pg_catalog.pg_publication_rel'::pg_catalog.regclass"
    " AND pr.oid = d.objid"
    " JOIN pg_catalog.pg_publication pb ON pb.oid = pr.prpubid"
    ") SELECT DISTINCT kind, name, how,"
    " normal AS blocks"
    " FROM x WHERE NOT (sub = 0 AND owner = relid)"
    ") q ORDER BY 4 DESC, 1, 2 LIMIT 100";

// FOR ALL TABLES publications name no table in pg_publication_rel.
static const char SQL_PUB_ALL[] =
    "SELECT pg_catalog.quote_ident(pubname) FROM pg_catalog.pg_publication"
    " WHERE puballtables AND " DEP_REL " IS NOT NULL AND $3::text IS NULL"
    " AND $4::text IS NULL AND $5::text <> 'i' ORDER BY 1";

// $1 name that the body must contain (case-insensitive): SQL and PL/pgSQL
// functions and procedures outside the system schemas.
static const char SQL_BODIES[] =
    "SELECT p.oid::pg_catalog.regprocedure::text, l.lanname,"
    " CASE p.prokind WHEN 'p' THEN 'procedure' ELSE 'function' END, p.prosrc"
    " FROM pg_catalog.pg_proc p"
    " JOIN pg_catalog.pg_language l ON l.oid = p.prolang"
    " JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace"
    " WHERE l.lanname IN ('sql', 'plpgsql')"
    " AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
    " AND pg_catalog.strpos(pg_catalog.lower(p.prosrc),"
    " pg_catalog.lower($1::text)) > 0"
    " ORDER BY 1 LIMIT 32";

void pf__live_deps_add(pf_live_deps *self, const char *kind, const char *name,
                       const char *how, bool blocks)
{
  self->total++;
  if (self->n >= PF_LIVE_MAX_DEPS)
    return;
  pf_live_dep *d = &self->items[self->n++];
  pf__live_copy_str(d->kind, sizeof(d->kind), kind);
  pf__live_copy_str(d->name, sizeof(d->name), name);
  pf__live_copy_str(d->how, sizeof(d->how), how);
  d->blocks = blocks;
}

void pf__live_deps_clear(pf_live_deps *self)
{
  if (!self)
    return;
  for (uint32_t i = 0; i < self->nbodies; i++)
    free(self->bodies[i].src);
  memset(self, 0, sizeof(*self));
}

pf_code pf__live_deps(pf_live *self, const char *schema, const char *table,
                      const char *column, const char *constraint, bool is_index,
                      pf_live_deps *out, pf_error *err)
{
  memset(out, 0, sizeof(*out));
  out->status = PF_LIVE_INCONCLUSIVE;
  char what[PF_ERROR_SIZE], name[PF_ERROR_SIZE - 48];
  pf__live_name_of(name, sizeof(name), schema, table, column);
  snprintf(what, sizeof(what), "looking up what depends on %s", name);
  const char *p[5] = {schema, table, column, constraint, is_index ? "i" : "r"};
  PGresult *res = NULL;
  pf_buf sql = PF_BUF_INIT;
  pf_buf_puts(&sql, SQL_DEPS_HEAD);
  pf_buf_puts(&sql, SQL_DEPS_TAIL);
  pf__qrc rc = pf__live_catalog(self, sql.data, 5, p, what, &res, err);
  pf_buf_clear(&sql);
  if (rc == PF_Q_OK) {
    for (int i = 0; i < PQntuples(res); i++)
      pf__live_deps_add(out, PQgetvalue(res, i, 0), PQgetvalue(res, i, 1),
                        PQgetvalue(res, i, 2), PQgetvalue(res, i, 3)[0] == 't');
  }
  PQclear(res);
  res = NULL;
  if (rc == PF_Q_OK) {
    rc = pf__live_catalog(self, SQL_PUB_ALL, 5, p, what, &res, err);
    for (int i = 0; rc == PF_Q_OK && i < PQntuples(res); i++)
      pf__live_deps_add(out, "publication", PQgetvalue(res, i, 0),
                        "pg_publication (FOR ALL TABLES)", false);
    PQclear(res);
    res = NULL;
  }
  // Bodies that contain the name: the column's, else the relation's.
  const char *needle = column ? column : constraint ? NULL : table;
  if (rc == PF_Q_OK && needle && !is_index) {
    const char *bp[1] = {needle};
    rc = pf__live_catalog(self, SQL_BODIES, 1, bp, what, &res, err);
    for (int i = 0; rc == PF_Q_OK && i < PQntuples(res) &&
                    out->nbodies < PF_LIVE_MAX_BODIES;
         i++) {
      pf_live_body *b = &out->bodies[out->nbodies++];
      pf__live_copy_str(b->name, sizeof(b->name), PQgetvalue(res, i, 0));
      pf__live_copy_str(b->lang, sizeof(b->lang), PQgetvalue(res, i, 1));
      pf__live_copy_str(b->kind, sizeof(b->kind), PQgetvalue(res, i, 2));
      b->src = pf_xstrdup(PQgetvalue(res, i, 3));
    }
    PQclear(res);
  }
  if (rc == PF_Q_TIMEOUT) {
    out->status = PF_LIVE_INCONCLUSIVE;
    return PF_OK;
  }
  if (rc == PF_Q_OK)
    out->status = PF_LIVE_DONE;
  return pf__live_code_of(rc);
}
