/* Live checks: how much of its range each smallint/integer key column of a
 * table uses, from its sequence (catalog) and, when an index leads with the
 * column, its largest value (an index scan, never a table scan); the same
 * for one column or sequence a migration narrows or references. */
/* SPDX-License-Identifier: MIT */
#include "live.h"
#include "live_int.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

// The columns of table $1.$2 ($1 NULL: through the search_path), each with
// its name, type name, the schema and name of the sequence it owns (serial
// or identity), that sequence's last_value (NULL when never used or not
// readable: pg_sequences hides it without USAGE/SELECT) and increment,
// whether it is an identity, whether a valid index leads with it; then the
// table's schema and name as the catalog spells them. dep.objid: the
// sequence it owns, if any.
#define COLUMNS_SELECT                                                         \
  "SELECT a.attname, t.typname, sq.schemaname, sq.sequencename,"               \
  " sq.last_value, sq.increment_by, a.attidentity <> '',"                      \
  " EXISTS (SELECT 1 FROM pg_catalog.pg_index i"                               \
  " WHERE i.indrelid = c.oid AND i.indisvalid AND i.indpred IS NULL"           \
  " AND i.indkey[0] = a.attnum),"                                              \
  " n.nspname, c.relname"
#define COLUMNS_FROM                                                           \
  " FROM pg_catalog.pg_class c"                                                \
  " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"                  \
  " JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid"                      \
  " JOIN pg_catalog.pg_type t ON t.oid = a.atttypid"                           \
  " LEFT JOIN LATERAL (SELECT d.objid FROM pg_catalog.pg_depend d"             \
  " JOIN pg_catalog.pg_class s ON s.oid = d.objid AND s.relkind = 'S'"         \
  " WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass"              \
  " AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass"             \
  " AND d.refobjid = c.oid AND d.refobjsubid = a.attnum"                       \
  " AND d.deptype IN ('a', 'i') LIMIT 1) dep ON true"                          \
  " LEFT JOIN pg_catalog.pg_class sc ON sc.oid = dep.objid"                    \
  " LEFT JOIN pg_catalog.pg_namespace sn ON sn.oid = sc.relnamespace"          \
  " LEFT JOIN pg_catalog.pg_sequences sq"                                      \
  " ON sq.schemaname = sn.nspname AND sq.sequencename = sc.relname"            \
  " WHERE c.oid = pg_catalog.to_regclass(CASE WHEN $1::text IS NULL"           \
  " THEN pg_catalog.quote_ident($2::text)"                                     \
  " ELSE pg_catalog.quote_ident($1::text) || '.' ||"                           \
  " pg_catalog.quote_ident($2::text) END)"                                     \
  " AND c.relkind IN ('r', 'p')"                                               \
  " AND a.attnum > 0 AND NOT a.attisdropped"
// Whether the column is a key: it owns a sequence or belongs to a PRIMARY
// KEY, UNIQUE or FOREIGN KEY constraint.
#define COLUMN_IS_KEY                                                          \
  "(dep.objid IS NOT NULL OR EXISTS (SELECT 1"                                 \
  " FROM pg_catalog.pg_constraint k WHERE k.conrelid = c.oid"                  \
  " AND k.contype IN ('p', 'u', 'f') AND a.attnum = ANY (k.conkey)))"

// $1 schema, $2 table -> COLUMNS_SELECT for each smallint/integer key
// column.
static const char SQL_HEADROOM[] = COLUMNS_SELECT COLUMNS_FROM
    " AND t.oid IN ('pg_catalog.int2'::pg_catalog.regtype,"
    " 'pg_catalog.int4'::pg_catalog.regtype)"
    " AND " COLUMN_IS_KEY " ORDER BY a.attnum";

// $1 schema, $2 table, $3 column (NULL: the single column of the table's
// primary key) -> one row as SQL_HEADROOM's for that column when it is
// smallint, integer or bigint, whether key or not, and (11th) whether it
// is a key.
static const char SQL_COLUMN_USAGE[] = COLUMNS_SELECT
    ", " COLUMN_IS_KEY COLUMNS_FROM
    " AND t.oid IN ('pg_catalog.int2'::pg_catalog.regtype,"
    " 'pg_catalog.int4'::pg_catalog.regtype,"
    " 'pg_catalog.int8'::pg_catalog.regtype)"
    " AND CASE WHEN $3::text IS NULL THEN a.attnum = (SELECT i.indkey[0]"
    " FROM pg_catalog.pg_index i WHERE i.indrelid = c.oid"
    " AND i.indisprimary AND i.indnatts = 1)"
    " ELSE a.attname = $3::name END";

// $1 schema (NULL: search_path), $2 sequence -> its schema and name,
// last_value (NULL: never used or hidden), increment, type, the column
// that owns it (schema, table, column; NULL when none).
static const char SQL_SEQUENCE_USAGE[] =
    "SELECT sq.schemaname, sq.sequencename, sq.last_value,"
    " sq.increment_by, sq.data_type::pg_catalog.text, n.nspname,"
    " c.relname, a.attname"
    " FROM pg_catalog.pg_class s"
    " JOIN pg_catalog.pg_namespace sn ON sn.oid = s.relnamespace"
    " JOIN pg_catalog.pg_sequences sq"
    " ON sq.schemaname = sn.nspname AND sq.sequencename = s.relname"
    " LEFT JOIN pg_catalog.pg_depend d"
    " ON d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass"
    " AND d.objid = s.oid"
    " AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass"
    " AND d.refobjsubid > 0 AND d.deptype IN ('a', 'i')"
    " LEFT JOIN pg_catalog.pg_class c ON c.oid = d.refobjid"
    " LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
    " LEFT JOIN pg_catalog.pg_attribute a"
    " ON a.attrelid = c.oid AND a.attnum = d.refobjsubid"
    " WHERE s.oid = pg_catalog.to_regclass(CASE WHEN $1::text IS NULL"
    " THEN pg_catalog.quote_ident($2::text)"
    " ELSE pg_catalog.quote_ident($1::text) || '.' ||"
    " pg_catalog.quote_ident($2::text) END)"
    " AND s.relkind = 'S' LIMIT 1";

// Fills the largest absolute value of @h's column, through the index that
// leads with it (min() and max() each read one end of it).
static pf__qrc read_max(pf_live *self, const char *schema, const char *table,
                        pf_live_headroom *h, const char *what, pf_error *err)
{
  pf_buf sql = PF_BUF_INIT, col = PF_BUF_INIT;
  PGresult *res = NULL;
  pf__qrc rc = PF_Q_QUERY;
  if (!pf__live_put_ident(self, &col, h->column, err))
    goto done;
  pf_buf_printf(&sql,
                "SELECT pg_catalog.max(%s)::bigint, pg_catalog.min(%s)::bigint"
                " FROM ",
                col.data, col.data);
  if (!pf__live_put_ident(self, &sql, schema, err))
    goto done;
  pf_buf_putc(&sql, '.');
  if (!pf__live_put_ident(self, &sql, table, err))
    goto done;
  rc = pf__live_tx_begin(self, what, err);
  if (rc == PF_Q_OK)
    rc = pf__live_query(self, sql.data, 0, NULL, &res, what, err);
  rc = pf__live_tx_end(self, rc, what, err);
  if (rc == PF_Q_OK && PQntuples(res) == 1) {
    int64_t hi = 0, lo = 0;
    bool has_hi = pf__live_parse_i64(PQgetvalue(res, 0, 0), &hi);
    bool has_lo = pf__live_parse_i64(PQgetvalue(res, 0, 1), &lo);
    h->max_value = has_hi ? hi : 0;
    if (has_lo && -lo > h->max_value)
      h->max_value = -lo;
    h->max_read = true;
  }
  PQclear(res);
done:
  pf_buf_clear(&sql);
  pf_buf_clear(&col);
  return rc;
}

// The type name of an integer type ("int2", "integer", "bigint", as
// pg_type or pg_sequences spell it) into @h's type and limit.
static void set_type(pf_live_headroom *h, const char *t)
{
  if (!strcmp(t, "int2") || !strcmp(t, "smallint")) {
    pf__live_copy_str(h->type, sizeof(h->type), "smallint");
    h->limit = 32767;
  } else if (!strcmp(t, "int4") || !strcmp(t, "integer")) {
    pf__live_copy_str(h->type, sizeof(h->type), "integer");
    h->limit = 2147483647;
  } else {
    pf__live_copy_str(h->type, sizeof(h->type), "bigint");
    h->limit = INT64_MAX;
  }
}

// Row @i of SQL_HEADROOM or SQL_COLUMN_USAGE into @h.
static void fill_row(PGresult *res, int i, pf_live_headroom *h)
{
  memset(h, 0, sizeof(*h));
  pf__live_copy_str(h->column, sizeof(h->column), PQgetvalue(res, i, 0));
  set_type(h, PQgetvalue(res, i, 1));
  if (PQgetvalue(res, i, 3)[0]) {
    h->has_sequence = true;
    snprintf(h->sequence, sizeof(h->sequence), "%.60s.%.60s",
             PQgetvalue(res, i, 2), PQgetvalue(res, i, 3));
    pf__live_copy_str(h->seq_schema, sizeof(h->seq_schema),
                      PQgetvalue(res, i, 2));
    pf__live_copy_str(h->seq_name, sizeof(h->seq_name), PQgetvalue(res, i, 3));
    int64_t inc = 1;
    pf__live_parse_i64(PQgetvalue(res, i, 5), &inc);
    h->seq_read = pf__live_parse_i64(PQgetvalue(res, i, 4), &h->seq_value);
    if (h->seq_read && inc < 0)
      h->seq_value = -h->seq_value; // a descending sequence
  }
  h->identity = PQgetvalue(res, i, 6)[0] == 't';
  h->indexed = PQgetvalue(res, i, 7)[0] == 't';
  pf__live_copy_str(h->schema, sizeof(h->schema), PQgetvalue(res, i, 8));
  pf__live_copy_str(h->table, sizeof(h->table), PQgetvalue(res, i, 9));
}

// Cheapest evidence first: the sequence came with the catalog; the largest
// value only where an index answers it without a scan. Then what is used.
static pf_code finish(pf_live *self, pf_live_headroom *h, const char *what,
                      pf_error *err)
{
  if (h->indexed) {
    pf__qrc rc = read_max(self, h->schema, h->table, h, what, err);
    if (rc == PF_Q_TIMEOUT) {
      h->max_cut = true;
      pf_error_clear(err);
    } else if (rc == PF_Q_QUERY && err && !strcmp(err->sqlstate, "42501")) {
      pf_error_clear(err); // not readable: the sequence still answers
    } else if (rc != PF_Q_OK) {
      return pf__live_code_of(rc);
    }
  }
  h->used = h->seq_read ? h->seq_value : 0;
  if (h->max_read && h->max_value > h->used)
    h->used = h->max_value;
  h->known = h->seq_read || h->max_read;
  return PF_OK;
}

pf_code pf__live_headroom(pf_live *self, const char *schema, const char *table,
                          pf_live_headroom *out, uint32_t cap, uint32_t *n,
                          pf_error *err)
{
  *n = 0;
  char what[PF_ERROR_SIZE], name[PF_ERROR_SIZE - 48];
  pf__live_name_of(name, sizeof(name), schema, table, NULL);
  snprintf(what, sizeof(what), "reading the key ranges of %s", name);
  const char *p[2] = {schema, table};
  PGresult *res;
  pf__qrc rc = pf__live_catalog(self, SQL_HEADROOM, 2, p, what, &res, err);
  if (rc == PF_Q_TIMEOUT) {
    PQclear(res);
    return PF_OK; // nothing learned: no finding, never a false one
  }
  if (rc != PF_Q_OK) {
    PQclear(res);
    return pf__live_code_of(rc);
  }
  for (int i = 0; i < PQntuples(res) && *n < cap; i++)
    fill_row(res, i, &out[(*n)++]);
  PQclear(res);
  for (uint32_t i = 0; i < *n; i++) {
    pf_code code = finish(self, &out[i], what, err);
    if (code != PF_OK)
      return code;
  }
  return PF_OK;
}

pf_code pf__live_column_usage(pf_live *self, const char *schema,
                              const char *table, const char *column,
                              pf_live_headroom *out, bool *found, pf_error *err)
{
  *found = false;
  memset(out, 0, sizeof(*out));
  char what[PF_ERROR_SIZE], name[PF_ERROR_SIZE - 48];
  pf__live_name_of(name, sizeof(name), schema, table, column);
  snprintf(what, sizeof(what), "reading the range used by %s", name);
  const char *p[3] = {schema, table, column};
  PGresult *res;
  pf__qrc rc = pf__live_catalog(self, SQL_COLUMN_USAGE, 3, p, what, &res, err);
  if (rc == PF_Q_TIMEOUT) {
    PQclear(res);
    return PF_OK; // nothing learned: no finding, never a false one
  }
  if (rc != PF_Q_OK) {
    PQclear(res);
    return pf__live_code_of(rc);
  }
  if (PQntuples(res) == 1) {
    fill_row(res, 0, out);
    out->is_key = PQgetvalue(res, 0, 10)[0] == 't';
    *found = true;
  }
  PQclear(res);
  return *found ? finish(self, out, what, err) : PF_OK;
}

pf_code pf__live_sequence_usage(pf_live *self, const char *schema,
                                const char *sequence, pf_live_headroom *out,
                                bool *found, pf_error *err)
{
  *found = false;
  memset(out, 0, sizeof(*out));
  char what[PF_ERROR_SIZE], name[PF_ERROR_SIZE - 48];
  pf__live_name_of(name, sizeof(name), schema, sequence, NULL);
  snprintf(what, sizeof(what), "reading the range used by sequence %s", name);
  const char *p[2] = {schema, sequence};
  PGresult *res;
  pf__qrc rc =
      pf__live_catalog(self, SQL_SEQUENCE_USAGE, 2, p, what, &res, err);
  if (rc == PF_Q_TIMEOUT) {
    PQclear(res);
    return PF_OK;
  }
  if (rc != PF_Q_OK) {
    PQclear(res);
    return pf__live_code_of(rc);
  }
  if (PQntuples(res) != 1) {
    PQclear(res);
    return PF_OK;
  }
  // A sequence a column owns: that column's range, which its index also
  // answers; otherwise the sequence alone.
  char oschema[128], otable[128], ocolumn[128];
  pf__live_copy_str(oschema, sizeof(oschema), PQgetvalue(res, 0, 5));
  pf__live_copy_str(otable, sizeof(otable), PQgetvalue(res, 0, 6));
  pf__live_copy_str(ocolumn, sizeof(ocolumn), PQgetvalue(res, 0, 7));
  if (ocolumn[0]) {
    PQclear(res);
    return pf__live_column_usage(self, oschema, otable, ocolumn, out, found,
                                 err);
  }
  *found = true;
  out->has_sequence = true;
  pf__live_copy_str(out->seq_schema, sizeof(out->seq_schema),
                    PQgetvalue(res, 0, 0));
  pf__live_copy_str(out->seq_name, sizeof(out->seq_name),
                    PQgetvalue(res, 0, 1));
  snprintf(out->sequence, sizeof(out->sequence), "%.60s.%.60s", out->seq_schema,
           out->seq_name);
  int64_t inc = 1;
  pf__live_parse_i64(PQgetvalue(res, 0, 3), &inc);
  out->seq_read = pf__live_parse_i64(PQgetvalue(res, 0, 2), &out->seq_value);
  if (out->seq_read && inc < 0)
    out->seq_value = -out->seq_value;
  set_type(out, PQgetvalue(res, 0, 4));
  out->used = out->seq_read ? out->seq_value : 0;
  out->known = out->seq_read;
  PQclear(res);
  return PF_OK;
}
