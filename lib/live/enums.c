/* Live checks: which columns hold an enum type, and the values of a
 * column's enum type (issue 7, enum values in use). Counting the rows goes
 * through the data checks (data.c), under the same budget. */
/* SPDX-License-Identifier: MIT */
#include "live.h"
#include "live_int.h"

#include <stdio.h>
#include <string.h>

// $1 type schema (NULL: search_path), $2 type name -> schema, table and
// column of every column of a table or partitioned table that holds that
// enum (user schemas; partitions are counted through their parent), and
// whether the column is an array. A column holds it when its type is the
// enum, a domain over it, an array of either, or a domain over an array of
// the enum (one level of domain: cheap, and what schemas use).
static const char SQL_ENUM_COLUMNS[] =
    "SELECT n.nspname, c.relname, a.attname, h.arr"
    " FROM (SELECT pg_catalog.to_regtype(CASE WHEN $1::text IS NULL"
    " THEN pg_catalog.quote_ident($2::text)"
    " ELSE pg_catalog.quote_ident($1::text) || '.' ||"
    " pg_catalog.quote_ident($2::text) END)::pg_catalog.oid AS e) p"
    " JOIN pg_catalog.pg_type et ON et.oid = p.e AND et.typtype = 'e'"
    " CROSS JOIN LATERAL ("
    "SELECT p.e AS oid, false AS arr"
    " UNION ALL SELECT d.oid, false FROM pg_catalog.pg_type d"
    " WHERE d.typtype = 'd' AND d.typbasetype = p.e"
    " UNION ALL SELECT t.typarray, true FROM pg_catalog.pg_type t"
    " WHERE t.typarray <> 0 AND (t.oid = p.e"
    " OR (t.typtype = 'd' AND t.typbasetype = p.e))"
    " UNION ALL SELECT d.oid, true FROM pg_catalog.pg_type d"
    " WHERE d.typtype = 'd' AND d.typbasetype = et.typarray) h"
    " JOIN pg_catalog.pg_attribute a ON a.atttypid = h.oid"
    " JOIN pg_catalog.pg_class c ON c.oid = a.attrelid"
    " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
    " WHERE a.attnum > 0 AND NOT a.attisdropped"
    " AND c.relkind IN ('r', 'p') AND NOT c.relispartition"
    " AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
    " ORDER BY n.nspname, c.relname, a.attnum";

// $1 schema (NULL: search_path), $2 table, $3 column -> the enum values of
// the enum the column holds, in order (no row when it holds none), with the
// enum's name and whether the column is an array. The column's type may be
// a domain over the enum, an array of either, or a domain over an array.
static const char SQL_COLUMN_ENUM[] =
    "SELECT e.enumlabel, pg_catalog.format_type(x.oid, NULL),"
    " b.typcategory = 'A' AND b.typelem <> 0"
    " FROM pg_catalog.pg_attribute a"
    " JOIN pg_catalog.pg_type t ON t.oid = a.atttypid"
    " JOIN pg_catalog.pg_type b ON b.oid = CASE WHEN t.typtype = 'd'"
    " THEN t.typbasetype ELSE t.oid END"
    " JOIN pg_catalog.pg_type el ON el.oid = CASE WHEN b.typcategory = 'A'"
    " AND b.typelem <> 0 THEN b.typelem ELSE b.oid END"
    " JOIN pg_catalog.pg_type x ON x.oid = CASE WHEN el.typtype = 'd'"
    " THEN el.typbasetype ELSE el.oid END"
    " JOIN pg_catalog.pg_enum e ON e.enumtypid = x.oid"
    " WHERE a.attrelid = pg_catalog.to_regclass(CASE WHEN $1::text IS NULL"
    " THEN pg_catalog.quote_ident($2::text)"
    " ELSE pg_catalog.quote_ident($1::text) || '.' ||"
    " pg_catalog.quote_ident($2::text) END)"
    " AND a.attname = $3::name AND a.attnum > 0 AND NOT a.attisdropped"
    " ORDER BY e.enumsortorder";

pf_code pf__live_enum_columns(pf_live *self, const char *schema,
                              const char *type, pf_live_enum_column *out,
                              uint32_t cap, uint32_t *n, pf_error *err)
{
  *n = 0;
  char what[PF_ERROR_SIZE], name[PF_ERROR_SIZE - 48];
  pf__live_name_of(name, sizeof(name), schema, type, NULL);
  snprintf(what, sizeof(what), "looking up the columns of type %s", name);
  const char *p[2] = {schema, type};
  PGresult *res;
  pf__qrc rc = pf__live_catalog(self, SQL_ENUM_COLUMNS, 2, p, what, &res, err);
  if (rc == PF_Q_OK) {
    for (int i = 0; i < PQntuples(res) && *n < cap; i++) {
      pf_live_enum_column *c = &out[(*n)++];
      pf__live_copy_str(c->schema, sizeof(c->schema), PQgetvalue(res, i, 0));
      pf__live_copy_str(c->table, sizeof(c->table), PQgetvalue(res, i, 1));
      pf__live_copy_str(c->column, sizeof(c->column), PQgetvalue(res, i, 2));
      c->array = PQgetvalue(res, i, 3)[0] == 't';
    }
  }
  PQclear(res);
  return rc == PF_Q_TIMEOUT ? PF_OK : pf__live_code_of(rc);
}

pf_code pf__live_column_enum(pf_live *self, const char *schema,
                             const char *table, const char *column,
                             char (*labels)[64], uint32_t cap, uint32_t *n,
                             char *type, size_t type_size, bool *array,
                             pf_error *err)
{
  *n = 0;
  *array = false;
  type[0] = '\0';
  char what[PF_ERROR_SIZE], name[PF_ERROR_SIZE - 48];
  pf__live_name_of(name, sizeof(name), schema, table, column);
  snprintf(what, sizeof(what), "reading the enum values of %s", name);
  const char *p[3] = {schema, table, column};
  PGresult *res;
  pf__qrc rc = pf__live_catalog(self, SQL_COLUMN_ENUM, 3, p, what, &res, err);
  if (rc == PF_Q_OK) {
    for (int i = 0; i < PQntuples(res) && *n < cap; i++) {
      pf__live_copy_str(labels[(*n)++], 64, PQgetvalue(res, i, 0));
      pf__live_copy_str(type, type_size, PQgetvalue(res, i, 1));
      *array = PQgetvalue(res, i, 2)[0] == 't';
    }
  }
  PQclear(res);
  return rc == PF_Q_TIMEOUT ? PF_OK : pf__live_code_of(rc);
}
