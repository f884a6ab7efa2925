/* The server's version in the rules (issue 7): statements a version does not
 * have, and the helpers the other families use to say which version
 * decided. */
/* SPDX-License-Identifier: MIT */
#include "rules_int.h"

#include <stdio.h>
#include <string.h>

// Where each feature comes from: the release notes of the version that
// added it (PostgreSQL 10: identity columns, declarative partitioning,
// CREATE STATISTICS, ALTER TYPE ... RENAME VALUE; 11: indexes on
// partitioned tables, procedures; 12: REINDEX CONCURRENTLY; 14: DETACH
// PARTITION CONCURRENTLY and FINALIZE; 15: UNIQUE NULLS NOT DISTINCT,
// ALTER TABLE ... SET ACCESS METHOD).
int pf__version_needed(const pf_change *c, const char **feature)
{
  const char *f = NULL;
  int v = 0;
  switch (c->kind) {
  case PF_CHANGE_REINDEX:
    if (c->concurrently)
      f = "REINDEX ... CONCURRENTLY", v = 120000;
    break;
  case PF_CHANGE_DETACH_PARTITION:
    if (c->finalize)
      f = "DETACH PARTITION ... FINALIZE", v = 140000;
    else if (c->concurrently)
      f = "DETACH PARTITION ... CONCURRENTLY", v = 140000;
    else
      f = "declarative partitioning (DETACH PARTITION)", v = 100000;
    break;
  case PF_CHANGE_ATTACH_PARTITION:
    if (c->table.name) // ALTER INDEX ... ATTACH PARTITION: 11
      f = "declarative partitioning (ATTACH PARTITION)", v = 100000;
    else
      f = "partitioned indexes (ALTER INDEX ... ATTACH PARTITION)", v = 110000;
    break;
  case PF_CHANGE_CREATE_INDEX:
    if (c->nulls_not_distinct)
      f = "UNIQUE NULLS NOT DISTINCT", v = 150000;
    else if (c->partitioned)
      f = "an index on a partitioned table", v = 110000;
    break;
  case PF_CHANGE_ADD_CONSTRAINT:
    if (c->nulls_not_distinct)
      f = "UNIQUE NULLS NOT DISTINCT", v = 150000;
    break;
  case PF_CHANGE_SET_ACCESS_METHOD:
    f = "ALTER TABLE ... SET ACCESS METHOD", v = 150000;
    break;
  case PF_CHANGE_ENUM_RENAME_VALUE:
    f = "ALTER TYPE ... RENAME VALUE", v = 100000;
    break;
  case PF_CHANGE_ADD_IDENTITY:
    f = "identity columns", v = 100000;
    break;
  case PF_CHANGE_CREATE_STATISTICS:
    f = "CREATE STATISTICS", v = 100000;
    break;
  case PF_CHANGE_CREATE_FUNCTION:
    if (c->object_type && !strcmp(c->object_type, "procedure"))
      f = "procedures (CREATE PROCEDURE)", v = 110000;
    break;
  case PF_CHANGE_CREATE_TABLE:
  case PF_CHANGE_ADD_COLUMN:
    if (c->kind == PF_CHANGE_CREATE_TABLE &&
        (c->partitioned || c->other_table.name))
      f = c->partitioned ? "declarative partitioning (PARTITION BY)"
                         : "declarative partitioning (PARTITION OF)",
      v = 100000;
    for (uint32_t i = 0; !f && i < c->ncols; i++) {
      if (c->cols[i].identity)
        f = "identity columns", v = 100000;
    }
    break;
  default:
    break;
  }
  if (feature)
    *feature = f;
  return f ? v : 0;
}

bool pf__default_is_null(const char *expr)
{
  if (!expr)
    return true;
  static const char null[] = "null";
  for (size_t i = 0; i < 4; i++) {
    if (pf_ascii_lower((unsigned char)expr[i]) != null[i])
      return false;
  }
  return !expr[4] || !strncmp(expr + 4, "::", 2);
}

bool pf__version_before(const pf_facts *f, int version)
{
  return f->server_version && f->server_version < version;
}

void pf__put_version(pf_buf *b, int v)
{
  if (v >= 100000)
    pf_buf_printf(b, "%d", v / 10000);
  else
    pf_buf_printf(b, "%d.%d", v / 10000, (v / 100) % 100);
}

void pf__version_note(pf__rctx *x, pf_finding *fd, const char *why)
{
  int v = x->f->server_version;
  pf_buf b = PF_BUF_INIT;
  // "--pg-version 11" declares a major version only: no minor to show.
  if (x->f->server_version_declared && !(v % (v >= 100000 ? 10000 : 100)))
    pf__put_version(&b, v);
  else if (v >= 100000)
    pf_buf_printf(&b, "%d.%d", v / 10000, v % 10000);
  else
    pf_buf_printf(&b, "%d.%d.%d", v / 10000, (v / 100) % 100, v % 100);
  pf__finding_add_evidence(
      fd, PF_EV_NOTE, -1, "server version %s (%s): %s", b.data,
      x->f->server_version_declared ? "--pg-version" : "the database's", why);
  pf_buf_clear(&b);
}

// The statement as it can run on the older server, when there is one.
static void older_form(pf__rctx *x, pf_finding *fd, int needed)
{
  const pf_change *c = x->c;
  pf_buf s = PF_BUF_INIT;
  switch (c->kind) {
  case PF_CHANGE_REINDEX:
    pf__safe_reindex_rebuild(x, fd);
    return;
  case PF_CHANGE_DETACH_PARTITION:
    if (needed != 140000)
      break;
    pf_buf_puts(&s, "SET lock_timeout = '2s';  -- retry on timeout\n"
                    "ALTER TABLE ");
    pf__put_table(&s, &c->table);
    pf_buf_puts(&s, " DETACH PARTITION ");
    pf__put_table(&s, &c->other_table);
    pf_buf_puts(&s, ";  -- ACCESS EXCLUSIVE on the parent, briefly");
    break;
  case PF_CHANGE_CREATE_INDEX:
  case PF_CHANGE_ADD_CONSTRAINT: {
    if (needed != 150000)
      break;
    // One column: the key without NULLS NOT DISTINCT, and a unique index
    // on a constant over the NULL rows, which admits one of them.
    pf_buf name = PF_BUF_INIT;
    const char *base = c->index        ? c->index
                       : c->constraint ? c->constraint
                                       : "<name>";
    pf_buf_printf(&name, "%s_one_null", base);
    pf_buf_puts(&s, "-- before PostgreSQL 15: the same key without NULLS "
                    "NOT DISTINCT, and a unique index\n-- on a constant over "
                    "the NULL rows, which admits one of them:\nCREATE "
                    "UNIQUE INDEX CONCURRENTLY ");
    pf__put_ident(&s, name.data);
    pf_buf_puts(&s, " ON ");
    pf__put_table(&s, &c->table);
    pf_buf_puts(&s, " ((true)) WHERE ");
    if (c->ncolumns == 1)
      pf__put_ident(&s, c->columns[0]);
    else
      pf_buf_puts(&s, "<a key column>");
    pf_buf_puts(&s, " IS NULL;");
    pf_buf_clear(&name);
    break;
  }
  case PF_CHANGE_ENUM_RENAME_VALUE:
    pf_buf_puts(&s, "ALTER TYPE ");
    pf__put_table(&s, &c->object);
    pf_buf_printf(&s,
                  " ADD VALUE '%s' AFTER '%s';  -- outside a transaction "
                  "block\n-- then move the rows and the code to '%s'",
                  c->new_name ? c->new_name : "?", c->value ? c->value : "?",
                  c->new_name ? c->new_name : "?");
    break;
  case PF_CHANGE_CREATE_TABLE:
  case PF_CHANGE_ADD_COLUMN:
  case PF_CHANGE_ADD_IDENTITY:
    if (c->partitioned || c->other_table.name)
      break; // partitioning: no older form
    pf_buf_puts(&s, "-- before PostgreSQL 10, a column with a sequence of "
                    "its own takes the place of an\n-- identity: bigserial "
                    "in CREATE TABLE or ADD COLUMN, or CREATE SEQUENCE ... "
                    "OWNED BY\n-- and ALTER COLUMN ... SET DEFAULT "
                    "nextval(...) for an existing column");
    break;
  default:
    break;
  }
  if (!s.len) {
    pf_buf_puts(&s, "-- upgrade the server to PostgreSQL ");
    pf__put_version(&s, needed);
    pf_buf_puts(&s, " or later first");
  }
  pf__finding_set_safe(fd, s.data);
  pf_buf_clear(&s);
}

void pf__rules_version(pf__rctx *x)
{
  const char *feature;
  int needed = pf__version_needed(x->c, &feature);
  if (!needed || !pf__version_before(x->f, needed))
    return;
  pf_buf have = PF_BUF_INIT, want = PF_BUF_INIT;
  pf__put_version(&have, x->f->server_version);
  pf__put_version(&want, needed);
  pf_finding *fd = pf__radd(x, PF_RULE_REQUIRES_NEWER_SERVER, PF_SEV_ERROR,
                            "the statement uses %s, available from "
                            "PostgreSQL %s on, and the server is PostgreSQL "
                            "%s: it fails there",
                            feature, want.data, have.data);
  pf__version_note(x, fd, "older than the statement needs");
  older_form(x, fd, needed);
  pf_buf_clear(&have);
  pf_buf_clear(&want);
}
