/* The server's version in the rules (issue 7): statements a version does not
 * have, and the helpers the other families use to say which version
 * decided. */
/* SPDX-License-Identifier: MIT */
#include "rules_int.h"

#include <stdio.h>
#include <string.h>

#include "core/source.h"

// The features a server's version may lack; feats[] gives each its name
// and the version that added it.
typedef enum feat {
  F_NONE = 0,
  F_REINDEX_CONC,
  F_DETACH_FINALIZE,
  F_DETACH_CONC,
  F_DETACH,
  F_ATTACH,
  F_ATTACH_INDEX,
  F_NULLS_NOT_DISTINCT,
  F_PARTITIONED_INDEX,
  F_SET_ACCESS_METHOD,
  F_RENAME_VALUE,
  F_IDENTITY,
  F_STATISTICS,
  F_PROCEDURE,
  F_PARTITION_BY,
  F_PARTITION_OF,
  F_GENERATED,
  F_INCLUDE,
  F_MERGE,
  F_REPLACE_TRIGGER,
  F_TABLE_INE,
  F_TABLE_AS_INE,
  F_INDEX_INE,
  F_SEQUENCE_INE,
  F_SCHEMA_INE,
  F_ADD_COLUMN_INE,
  F_ADD_VALUE,
  F_ADD_VALUE_INE,
  F_DROP_INDEX_CONC,
  F_MATVIEW,
  F_MATVIEW_INE,
  F_REFRESH_CONC,
  F_POLICY,
  F_ROW_SECURITY,
  F_SET_LOGGED,
  F_SET_UNLOGGED,
  F_ON_CONFLICT,
  F_JSONB,
  F_JSON,
  F_NOT_VALID_CHECK,
  F_NOT_VALID_FK,
  F_VALIDATE,
  F_EVENT_TRIGGER,
  F_ALTER_SYSTEM,
  F_BRIN,
  F_SPGIST,
  F_EXTENSION,
  F_FOREIGN_TABLE,
  F_RANGE_TYPE,
  F_EXECUTE_FUNCTION,
  F_UNLOGGED,
  F_USING_INDEX,
  F_TRANSITION_TABLES,
  F_COUNT
} feat;

// Where each feature comes from: the release notes of the version that
// added it (PostgreSQL 9.1: CREATE TABLE ... IF NOT EXISTS, NOT VALID
// foreign keys and ALTER TABLE ... VALIDATE CONSTRAINT, ALTER TYPE ... ADD
// VALUE, CREATE EXTENSION, foreign tables, unlogged tables, ADD UNIQUE /
// PRIMARY KEY ... USING INDEX; 9.2: DROP INDEX CONCURRENTLY,
// NOT VALID CHECK constraints, the json type, range types, SP-GiST; 9.3:
// materialized views, event triggers, CREATE SCHEMA ... IF NOT EXISTS,
// ADD VALUE ... IF NOT EXISTS; 9.4: jsonb, REFRESH MATERIALIZED VIEW
// CONCURRENTLY, ALTER SYSTEM; 9.5: IF NOT EXISTS for CREATE INDEX,
// SEQUENCE, TABLE AS and MATERIALIZED VIEW, row level security (CREATE
// POLICY, ENABLE ROW LEVEL SECURITY), SET LOGGED / UNLOGGED, INSERT ... ON
// CONFLICT, BRIN; 9.6: ADD COLUMN IF NOT EXISTS; 10: identity columns,
// declarative partitioning, CREATE STATISTICS, ALTER TYPE ... RENAME
// VALUE, trigger transition tables; 11: indexes on partitioned tables,
// procedures, INCLUDE columns of an index or a UNIQUE / PRIMARY KEY constraint,
// CREATE [EVENT] TRIGGER ... EXECUTE FUNCTION; 12: REINDEX CONCURRENTLY, stored
// generated columns; 14: DETACH PARTITION CONCURRENTLY and FINALIZE, CREATE OR
// REPLACE TRIGGER; 15: UNIQUE NULLS NOT DISTINCT, ALTER TABLE ... SET ACCESS
// METHOD, MERGE).
static const struct {
  const char *name; // as the message says it: "the statement uses <name>"
  int since;        // server_version_num of the release that added it
} feats[F_COUNT] = {
    [F_REINDEX_CONC] = {"REINDEX ... CONCURRENTLY", 120000},
    [F_DETACH_FINALIZE] = {"DETACH PARTITION ... FINALIZE", 140000},
    [F_DETACH_CONC] = {"DETACH PARTITION ... CONCURRENTLY", 140000},
    [F_DETACH] = {"declarative partitioning (DETACH PARTITION)", 100000},
    [F_ATTACH] = {"declarative partitioning (ATTACH PARTITION)", 100000},
    [F_ATTACH_INDEX] = {"partitioned indexes (ALTER INDEX ... ATTACH "
                        "PARTITION)",
                        110000},
    [F_NULLS_NOT_DISTINCT] = {"UNIQUE NULLS NOT DISTINCT", 150000},
    [F_PARTITIONED_INDEX] = {"an index on a partitioned table", 110000},
    [F_SET_ACCESS_METHOD] = {"ALTER TABLE ... SET ACCESS METHOD", 150000},
    [F_RENAME_VALUE] = {"ALTER TYPE ... RENAME VALUE", 100000},
    [F_IDENTITY] = {"identity columns", 100000},
    [F_STATISTICS] = {"CREATE STATISTICS", 100000},
    [F_PROCEDURE] = {"procedures (CREATE PROCEDURE)", 110000},
    [F_PARTITION_BY] = {"declarative partitioning (PARTITION BY)", 100000},
    [F_PARTITION_OF] = {"declarative partitioning (PARTITION OF)", 100000},
    [F_GENERATED] = {"a stored generated column (GENERATED ALWAYS AS ... "
                     "STORED)",
                     120000},
    [F_INCLUDE] = {"INCLUDE (...) columns of an index", 110000},
    [F_MERGE] = {"MERGE", 150000},
    [F_REPLACE_TRIGGER] = {"CREATE OR REPLACE TRIGGER", 140000},
    [F_TABLE_INE] = {"CREATE TABLE ... IF NOT EXISTS", 90100},
    [F_TABLE_AS_INE] = {"CREATE TABLE ... AS with IF NOT EXISTS", 90500},
    [F_INDEX_INE] = {"CREATE INDEX ... IF NOT EXISTS", 90500},
    [F_SEQUENCE_INE] = {"CREATE SEQUENCE ... IF NOT EXISTS", 90500},
    [F_SCHEMA_INE] = {"CREATE SCHEMA ... IF NOT EXISTS", 90300},
    [F_ADD_COLUMN_INE] = {"ADD COLUMN IF NOT EXISTS", 90600},
    [F_ADD_VALUE] = {"ALTER TYPE ... ADD VALUE", 90100},
    [F_ADD_VALUE_INE] = {"ALTER TYPE ... ADD VALUE IF NOT EXISTS", 90300},
    [F_DROP_INDEX_CONC] = {"DROP INDEX CONCURRENTLY", 90200},
    [F_MATVIEW] = {"materialized views", 90300},
    [F_MATVIEW_INE] = {"CREATE MATERIALIZED VIEW ... IF NOT EXISTS", 90500},
    [F_REFRESH_CONC] = {"REFRESH MATERIALIZED VIEW CONCURRENTLY", 90400},
    [F_POLICY] = {"row level security (policies)", 90500},
    [F_ROW_SECURITY] = {"row level security (ALTER TABLE ... ROW LEVEL "
                        "SECURITY)",
                        90500},
    [F_SET_LOGGED] = {"ALTER TABLE ... SET LOGGED", 90500},
    [F_SET_UNLOGGED] = {"ALTER TABLE ... SET UNLOGGED", 90500},
    [F_ON_CONFLICT] = {"INSERT ... ON CONFLICT", 90500},
    [F_JSONB] = {"the jsonb type", 90400},
    [F_JSON] = {"the json type", 90200},
    [F_NOT_VALID_CHECK] = {"NOT VALID on a CHECK constraint", 90200},
    [F_NOT_VALID_FK] = {"NOT VALID on a foreign key", 90100},
    [F_VALIDATE] = {"ALTER TABLE ... VALIDATE CONSTRAINT", 90100},
    [F_EVENT_TRIGGER] = {"event triggers (CREATE EVENT TRIGGER)", 90300},
    [F_ALTER_SYSTEM] = {"ALTER SYSTEM", 90400},
    [F_BRIN] = {"BRIN indexes (USING brin)", 90500},
    [F_SPGIST] = {"SP-GiST indexes (USING spgist)", 90200},
    [F_EXTENSION] = {"extensions (CREATE EXTENSION)", 90100},
    [F_FOREIGN_TABLE] = {"foreign tables (CREATE FOREIGN TABLE)", 90100},
    [F_RANGE_TYPE] = {"range types (CREATE TYPE ... AS RANGE)", 90200},
    [F_EXECUTE_FUNCTION] = {"EXECUTE FUNCTION in a trigger (EXECUTE "
                            "PROCEDURE before it)",
                            110000},
    [F_UNLOGGED] = {"unlogged tables (CREATE UNLOGGED TABLE)", 90100},
    [F_USING_INDEX] = {"ADD CONSTRAINT ... USING INDEX", 90100},
    [F_TRANSITION_TABLES] = {"trigger transition tables (REFERENCING ... "
                             "TABLE)",
                             100000},
};

// The features of a change: the one that needs the newest version (the
// first of equals), and how many need a newer one than @version.
typedef struct needs {
  feat f;
  int version;
  uint32_t lacking;
} needs;

static void need(needs *n, feat g)
{
  if (feats[g].since > (n->f ? feats[n->f].since : 0))
    n->f = g;
  n->lacking += n->version && feats[g].since > n->version;
}

// json or jsonb (an array of either too) as type SQL text or a column's
// type_base; F_NONE for any other type.
static feat json_type(const char *type)
{
  if (!type)
    return F_NONE;
  if (!strncmp(type, "pg_catalog.", 11))
    type += 11;
  size_t n = strcspn(type, "[ ");
  if (n == 5 && !strncmp(type, "jsonb", 5))
    return F_JSONB;
  if (n == 4 && !strncmp(type, "json", 4))
    return F_JSON;
  return F_NONE;
}

static bool is_type(const char *object_type, const char *want)
{
  return object_type && !strcmp(object_type, want);
}

// The features of @c, with those newer than @version (0: not counted).
static needs features_of(const pf_change *c, int version)
{
  needs f = {F_NONE, version, 0};
  switch (c->kind) {
  case PF_CHANGE_REINDEX:
    if (c->concurrently)
      need(&f, F_REINDEX_CONC);
    break;
  case PF_CHANGE_DETACH_PARTITION:
    need(&f, c->finalize       ? F_DETACH_FINALIZE
             : c->concurrently ? F_DETACH_CONC
                               : F_DETACH);
    break;
  case PF_CHANGE_ATTACH_PARTITION:
    // ALTER INDEX ... ATTACH PARTITION: 11
    need(&f, c->table.name ? F_ATTACH : F_ATTACH_INDEX);
    break;
  case PF_CHANGE_CREATE_INDEX:
    if (c->nulls_not_distinct)
      need(&f, F_NULLS_NOT_DISTINCT);
    if (c->partitioned)
      need(&f, F_PARTITIONED_INDEX);
    if (c->include)
      need(&f, F_INCLUDE);
    if (c->if_exists)
      need(&f, F_INDEX_INE);
    if (c->method && !strcmp(c->method, "brin"))
      need(&f, F_BRIN);
    if (c->method && !strcmp(c->method, "spgist"))
      need(&f, F_SPGIST);
    break;
  case PF_CHANGE_ADD_CONSTRAINT:
    if (c->nulls_not_distinct)
      need(&f, F_NULLS_NOT_DISTINCT);
    if (c->include)
      need(&f, F_INCLUDE);
    if (c->not_valid && c->cons == PF_CONS_CHECK)
      need(&f, F_NOT_VALID_CHECK);
    if (c->not_valid && c->cons == PF_CONS_FOREIGN_KEY)
      need(&f, F_NOT_VALID_FK);
    if (c->index &&
        (c->cons == PF_CONS_UNIQUE || c->cons == PF_CONS_PRIMARY_KEY))
      need(&f, F_USING_INDEX);
    break;
  case PF_CHANGE_VALIDATE_CONSTRAINT:
    need(&f, F_VALIDATE);
    break;
  case PF_CHANGE_SET_ACCESS_METHOD:
    need(&f, F_SET_ACCESS_METHOD);
    break;
  case PF_CHANGE_ENUM_RENAME_VALUE:
    need(&f, F_RENAME_VALUE);
    break;
  case PF_CHANGE_ENUM_ADD_VALUE:
    // The newer form also needs the older one: a server without ADD VALUE
    // has no older form to offer (and so for materialized views below).
    need(&f, F_ADD_VALUE);
    if (c->if_exists)
      need(&f, F_ADD_VALUE_INE);
    break;
  case PF_CHANGE_ADD_IDENTITY:
    need(&f, F_IDENTITY);
    break;
  case PF_CHANGE_CREATE_STATISTICS:
    need(&f, F_STATISTICS);
    break;
  case PF_CHANGE_CREATE_FUNCTION:
    if (is_type(c->object_type, "procedure"))
      need(&f, F_PROCEDURE);
    break;
  case PF_CHANGE_CREATE_TABLE:
  case PF_CHANGE_ADD_COLUMN:
    if (c->kind == PF_CHANGE_CREATE_TABLE) {
      if (c->partitioned)
        need(&f, F_PARTITION_BY);
      else if (c->other_table.name)
        need(&f, F_PARTITION_OF);
      if (is_type(c->object_type, "foreign table"))
        need(&f, F_FOREIGN_TABLE);
      if (c->include)
        need(&f, F_INCLUDE);
      if (c->if_exists)
        need(&f, c->as_query ? F_TABLE_AS_INE : F_TABLE_INE);
      if (c->unlogged)
        need(&f, F_UNLOGGED);
    } else if (c->if_exists) {
      need(&f, F_ADD_COLUMN_INE);
    }
    for (uint32_t i = 0; i < c->ncols; i++) {
      if (c->cols[i].identity)
        need(&f, F_IDENTITY);
      if (c->cols[i].generated)
        need(&f, F_GENERATED);
      feat j = json_type(c->cols[i].type_base);
      if (j)
        need(&f, j);
    }
    break;
  case PF_CHANGE_ALTER_COLUMN_TYPE:
  case PF_CHANGE_CREATE_DOMAIN: {
    feat j = json_type(c->type);
    if (j)
      need(&f, j);
    break;
  }
  case PF_CHANGE_MERGE:
    need(&f, F_MERGE);
    break;
  case PF_CHANGE_INSERT:
  case PF_CHANGE_INSERT_SELECT:
    if (c->on_conflict)
      need(&f, F_ON_CONFLICT);
    break;
  case PF_CHANGE_CREATE_TRIGGER:
    if (c->replace)
      need(&f, F_REPLACE_TRIGGER);
    if (c->execute_function)
      need(&f, F_EXECUTE_FUNCTION);
    if (c->transition_tables)
      need(&f, F_TRANSITION_TABLES);
    break;
  case PF_CHANGE_CREATE_SEQUENCE:
    if (c->if_exists)
      need(&f, F_SEQUENCE_INE);
    break;
  case PF_CHANGE_CREATE_SCHEMA:
    if (c->if_exists)
      need(&f, F_SCHEMA_INE);
    break;
  case PF_CHANGE_DROP_INDEX:
    if (c->concurrently)
      need(&f, F_DROP_INDEX_CONC);
    break;
  case PF_CHANGE_CREATE_MATVIEW:
  case PF_CHANGE_DROP_MATVIEW:
  case PF_CHANGE_REFRESH_MATVIEW:
    need(&f, F_MATVIEW);
    if (c->kind == PF_CHANGE_CREATE_MATVIEW && c->if_exists)
      need(&f, F_MATVIEW_INE);
    if (c->kind == PF_CHANGE_REFRESH_MATVIEW && c->concurrently)
      need(&f, F_REFRESH_CONC);
    break;
  case PF_CHANGE_CREATE_POLICY:
  case PF_CHANGE_ALTER_POLICY:
  case PF_CHANGE_DROP_POLICY:
    need(&f, F_POLICY);
    break;
  case PF_CHANGE_OTHER:
    if (c->row_security)
      need(&f, F_ROW_SECURITY);
    break;
  case PF_CHANGE_SET_LOGGED:
    need(&f, F_SET_LOGGED);
    break;
  case PF_CHANGE_SET_UNLOGGED:
    need(&f, F_SET_UNLOGGED);
    break;
  case PF_CHANGE_CREATE_EVENT_TRIGGER:
    need(&f, F_EVENT_TRIGGER);
    if (c->execute_function)
      need(&f, F_EXECUTE_FUNCTION);
    break;
  case PF_CHANGE_ALTER_SYSTEM:
    need(&f, F_ALTER_SYSTEM);
    break;
  case PF_CHANGE_CREATE_EXTENSION:
    need(&f, F_EXTENSION);
    break;
  case PF_CHANGE_CREATE_TYPE:
    if (is_type(c->object_type, "range"))
      need(&f, F_RANGE_TYPE);
    break;
  default:
    break;
  }
  return f;
}

int pf__version_needed(const pf_change *c, const char **feature)
{
  feat f = features_of(c, 0).f;
  if (feature)
    *feature = f ? feats[f].name : NULL;
  return f ? feats[f].since : 0;
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

static bool without_words(pf__rctx *x, const char *const *words, pf_buf *out)
{
  return pf__stmt_replace_words(x, words, NULL, out);
}

// The changes of the statement but those its column or table definitions
// add: one means the statement is this change alone.
static uint32_t own_changes(const pf__rctx *x)
{
  const pf_stmt *st = &x->m->stmts.items[x->c->stmt];
  uint32_t n = 0;
  for (uint32_t k = 0; k < st->nchanges; k++)
    n += !x->m->changes.items[st->first_change + k].from_def;
  return n;
}

// @name as an SQL string literal.
static void put_literal(pf_buf *b, const char *name)
{
  pf_buf_putc(b, '\'');
  for (const char *p = name ? name : "?"; *p; p++) {
    if (*p == '\'')
      pf_buf_putc(b, '\'');
    pf_buf_putc(b, *p);
  }
  pf_buf_putc(b, '\'');
}

static const char *const w_if_not_exists[] = {"if", "not", "exists", NULL};

// The statement's own text, less its IF NOT EXISTS when @guarded, into
// @out; false when it cannot be used (a DO block's, or a statement of
// several changes).
static bool unguarded_text(pf__rctx *x, bool guarded, pf_buf *out)
{
  if (own_changes(x) != 1 || x->c->in_do)
    return false;
  if (guarded)
    return without_words(x, w_if_not_exists, out);
  pf__put_stmt(out, x);
  return true;
}

// Before the version of IF NOT EXISTS: the statement (without it when
// @guarded) in a DO block (PostgreSQL 9.0 and later) that ignores the
// error @cond raises when the object exists. False when the statement's
// text cannot be used.
static bool do_guard(pf__rctx *x, pf_buf *s, const char *cond, int needed,
                     bool guarded)
{
  pf_buf stmt = PF_BUF_INIT;
  if (!unguarded_text(x, guarded, &stmt)) {
    pf_buf_clear(&stmt);
    return false;
  }
  const char *tag = strstr(stmt.data, "$$") ? "$pf$" : "$$";
  pf_buf body = PF_BUF_INIT; // indented as the block's statement
  for (const char *p = stmt.data; *p; p++) {
    pf_buf_putc(&body, *p);
    if (*p == '\n')
      pf_buf_puts(&body, "  ");
  }
  pf_buf_puts(s, "-- before PostgreSQL ");
  pf__put_version(s, needed);
  pf_buf_printf(s,
                ": %s, in a block that ignores the error when it exists\nDO "
                "%s\nBEGIN\n  %s;\nEXCEPTION WHEN %s THEN\n  NULL;  -- it "
                "exists already\nEND\n%s;",
                guarded ? "without IF NOT EXISTS" : "the statement as it is",
                tag, body.data, cond, tag);
  pf_buf_clear(&body);
  pf_buf_clear(&stmt);
  return true;
}

// Before the version of @needed, where a DO block cannot hold the
// statement: look first, then run it (without IF NOT EXISTS when
// @guarded) when the query @look finds no row.
static void look_first(pf__rctx *x, pf_buf *s, int needed, const char *why,
                       const pf_buf *look, bool guarded)
{
  pf_buf stmt = PF_BUF_INIT;
  pf_buf_puts(s, "-- before PostgreSQL ");
  pf__put_version(s, needed);
  pf_buf_printf(s, " (%s): run it only when this finds no row\n%s;\n", why,
                look->data);
  if (unguarded_text(x, guarded, &stmt))
    pf_buf_printf(s, "%s;", stmt.data);
  else
    pf_buf_puts(s, guarded ? "-- then the statement without IF NOT EXISTS"
                           : "-- then the statement");
  pf_buf_clear(&stmt);
}

// CREATE INDEX CONCURRENTLY: look for the index first.
static void index_look_first(pf__rctx *x, pf_buf *s, int needed, bool guarded)
{
  pf_buf look = PF_BUF_INIT;
  pf_buf_puts(&look, "SELECT 1 FROM pg_catalog.pg_class WHERE relkind = "
                     "'i' AND relname = ");
  put_literal(&look, x->c->index);
  look_first(x, s, needed, "a DO block refuses CONCURRENTLY", &look, guarded);
  pf_buf_clear(&look);
}

// ADD COLUMN IF NOT EXISTS before 9.6, when the statement has more than
// this sub-command.
static void add_column_guard(pf__rctx *x, pf_buf *s, bool guarded)
{
  if (!do_guard(x, s, "duplicate_column", 90600, guarded))
    pf_buf_printf(s,
                  "-- before PostgreSQL 9.6: each ADD COLUMN%s in a "
                  "statement of its own\n-- inside DO $$ BEGIN ... "
                  "EXCEPTION WHEN duplicate_column THEN NULL; END $$;",
                  guarded ? " without IF NOT EXISTS," : "");
}

int pf__guard_since(const pf_change *c)
{
  switch (c->kind) {
  case PF_CHANGE_CREATE_TABLE:
    return c->as_query ? 90500 : 90100;
  case PF_CHANGE_CREATE_INDEX:
    return 90500;
  case PF_CHANGE_ADD_COLUMN:
    return 90600;
  default:
    return 0;
  }
}

void pf__safe_older_guard(pf__rctx *x, pf_finding *fd)
{
  const pf_change *c = x->c;
  int since = pf__guard_since(c);
  pf_buf s = PF_BUF_INIT;
  if (c->kind == PF_CHANGE_ADD_COLUMN)
    add_column_guard(x, &s, false);
  else if (c->kind == PF_CHANGE_CREATE_INDEX && c->concurrently)
    index_look_first(x, &s, since, false);
  else
    do_guard(x, &s, "duplicate_table", since, false);
  if (s.len)
    pf__finding_set_safe(fd, s.data);
  pf_buf_clear(&s);
}

// The statement without @words, then @comment; false when the text cannot
// be used.
static bool cut_form(pf__rctx *x, pf_buf *s, const char *const *words,
                     const char *comment)
{
  pf_buf stmt = PF_BUF_INIT;
  bool ok = own_changes(x) == 1 && without_words(x, words, &stmt);
  if (ok)
    pf_buf_printf(s, "%s;%s", stmt.data, comment);
  pf_buf_clear(&stmt);
  return ok;
}

// The statement as it can run on the older server, when there is one.
static void older_form(pf__rctx *x, pf_finding *fd, feat f, int needed)
{
  static const char *const w_concurrently[] = {"concurrently", NULL};
  static const char *const w_not_valid[] = {"not", "valid", NULL};
  static const char *const w_or_replace[] = {"or", "replace", NULL};
  const pf_change *c = x->c;
  pf_buf s = PF_BUF_INIT, look = PF_BUF_INIT;
  switch (f) {
  case F_REINDEX_CONC:
    pf__safe_reindex_rebuild(x, fd);
    return;
  case F_DETACH_FINALIZE:
  case F_DETACH_CONC:
    pf_buf_puts(&s, "SET lock_timeout = '2s';  -- retry on timeout\n"
                    "ALTER TABLE ");
    pf__put_table(&s, &c->table);
    pf_buf_puts(&s, " DETACH PARTITION ");
    pf__put_table(&s, &c->other_table);
    pf_buf_puts(&s, ";  -- ACCESS EXCLUSIVE on the parent, briefly");
    break;
  case F_NULLS_NOT_DISTINCT: {
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
  case F_RENAME_VALUE:
    pf_buf_puts(&s, "ALTER TYPE ");
    pf__put_table(&s, &c->object);
    pf_buf_printf(&s,
                  " ADD VALUE '%s' AFTER '%s';  -- outside a transaction "
                  "block\n-- then move the rows and the code to '%s'",
                  c->new_name ? c->new_name : "?", c->value ? c->value : "?",
                  c->new_name ? c->new_name : "?");
    break;
  case F_IDENTITY:
    pf_buf_puts(&s, "-- before PostgreSQL 10, a column with a sequence of "
                    "its own takes the place of an\n-- identity: bigserial "
                    "in CREATE TABLE or ADD COLUMN, or CREATE SEQUENCE ... "
                    "OWNED BY\n-- and ALTER COLUMN ... SET DEFAULT "
                    "nextval(...) for an existing column");
    break;
  case F_TABLE_INE:
  case F_TABLE_AS_INE:
  case F_SEQUENCE_INE:
  case F_MATVIEW_INE:
    do_guard(x, &s, "duplicate_table", needed, true);
    break;
  case F_INDEX_INE:
    if (c->concurrently)
      index_look_first(x, &s, needed, true);
    else
      do_guard(x, &s, "duplicate_table", needed, true);
    break;
  case F_SCHEMA_INE:
    do_guard(x, &s, "duplicate_schema", needed, true);
    break;
  case F_ADD_COLUMN_INE:
    add_column_guard(x, &s, true);
    break;
  case F_ADD_VALUE_INE: {
    pf_buf type = PF_BUF_INIT;
    pf__put_table(&type, &c->object);
    pf_buf_puts(&look, "SELECT 1 FROM pg_catalog.pg_enum WHERE enumtypid = ");
    put_literal(&look, type.data);
    pf_buf_puts(&look, "::regtype AND enumlabel = ");
    put_literal(&look, c->value);
    look_first(x, &s, needed,
               "ADD VALUE refuses a DO block, as it refuses a transaction "
               "block before 12",
               &look, true);
    pf_buf_clear(&type);
    break;
  }
  case F_DROP_INDEX_CONC:
    cut_form(x, &s, w_concurrently,
             "  -- ACCESS EXCLUSIVE on its table while it runs: a quiet "
             "moment");
    break;
  case F_REFRESH_CONC:
    cut_form(x, &s, w_concurrently,
             "  -- blocks reads of the view while it runs");
    break;
  case F_NOT_VALID_CHECK:
  case F_NOT_VALID_FK:
    if (cut_form(x, &s, w_not_valid,
                 "  -- checks every row now, under the lock"))
      pf_buf_puts(&s, "\n-- and leave out the VALIDATE CONSTRAINT that "
                      "follows");
    break;
  case F_VALIDATE:
    pf_buf_puts(&s, "-- before PostgreSQL 9.1 a constraint is checked when "
                    "it is added (no NOT VALID):\n-- add it without NOT "
                    "VALID and leave this statement out");
    break;
  case F_REPLACE_TRIGGER: {
    pf_buf stmt = PF_BUF_INIT;
    if (own_changes(x) == 1 && without_words(x, w_or_replace, &stmt)) {
      pf_buf_puts(&s, "-- before PostgreSQL 14, in one transaction:\nDROP "
                      "TRIGGER IF EXISTS ");
      pf__put_ident(&s, c->object.name ? c->object.name : "?");
      pf_buf_puts(&s, " ON ");
      pf__put_table(&s, &c->table);
      pf_buf_printf(&s, ";\n%s;", stmt.data);
    }
    pf_buf_clear(&stmt);
    break;
  }
  case F_UNLOGGED: {
    static const char *const w_unlogged[] = {"unlogged", NULL};
    cut_form(x, &s, w_unlogged, "  -- logged: its writes go through the WAL");
    break;
  }
  case F_USING_INDEX:
    pf_buf_puts(&s, "-- before PostgreSQL 9.1: the constraint without USING "
                    "INDEX (it builds its own index\n-- under the lock), "
                    "or keep the unique index alone in its place");
    break;
  case F_EXECUTE_FUNCTION: {
    static const char *const w_execute_function[] = {"execute", "function",
                                                     NULL};
    pf_buf stmt = PF_BUF_INIT;
    if (own_changes(x) == 1 &&
        pf__stmt_replace_words(x, w_execute_function, "EXECUTE PROCEDURE",
                               &stmt))
      pf_buf_printf(&s, "%s;", stmt.data);
    pf_buf_clear(&stmt);
    break;
  }
  case F_JSONB:
    pf_buf_puts(&s, "-- before PostgreSQL 9.4: json (9.2 and later) in "
                    "place of jsonb keeps the text as written,\n-- without "
                    "jsonb's operators (@>, ?) and its GIN indexes");
    break;
  case F_JSON:
    pf_buf_puts(&s, "-- before PostgreSQL 9.2: text in place of json (the "
                    "value is not checked)");
    break;
  case F_BRIN:
    pf_buf_puts(&s, "-- before PostgreSQL 9.5: a btree index on the same "
                    "columns (USING btree, or no USING),\n-- much larger "
                    "than BRIN");
    break;
  case F_INCLUDE:
    pf_buf_puts(&s, "-- before PostgreSQL 11: a non-unique index can take "
                    "the INCLUDE columns as its last\n-- key columns ((a) "
                    "INCLUDE (b) -> (a, b)); a unique key or a constraint "
                    "cannot:\n-- leave INCLUDE out (index-only scans then "
                    "read the table)");
    break;
  case F_GENERATED:
    pf_buf_puts(&s, "-- before PostgreSQL 12: a plain column that a BEFORE "
                    "INSERT OR UPDATE trigger\n-- sets to the expression, "
                    "and an UPDATE that fills the existing rows");
    break;
  case F_MERGE:
    pf_buf_puts(&s, "-- before PostgreSQL 15: INSERT ... ON CONFLICT (9.5 "
                    "and later) for an insert-or-update\n-- on a unique "
                    "key, or UPDATE ... FROM, then INSERT ... SELECT ... "
                    "WHERE NOT EXISTS");
    break;
  case F_ON_CONFLICT:
    pf_buf_puts(&s, "-- before PostgreSQL 9.5: UPDATE first, then INSERT "
                    "... SELECT ... WHERE NOT EXISTS (...),\n-- retried on "
                    "unique_violation when sessions race");
    break;
  case F_MATVIEW:
    pf_buf_puts(&s, "-- before PostgreSQL 9.3: a table in place of the "
                    "view (CREATE TABLE ... AS the query),\n-- refreshed "
                    "by TRUNCATE and INSERT ... SELECT the query");
    break;
  case F_SET_LOGGED:
  case F_SET_UNLOGGED:
    pf_buf_printf(&s,
                  "-- before PostgreSQL 9.5: a copy of the table made with "
                  "CREATE %sTABLE ... (LIKE ...)\n-- and INSERT ... SELECT, "
                  "swapped in by renaming",
                  f == F_SET_UNLOGGED ? "UNLOGGED " : "");
    break;
  case F_ALTER_SYSTEM:
    pf_buf_puts(&s, "-- before PostgreSQL 9.4: set it in postgresql.conf, "
                    "then SELECT pg_reload_conf();");
    break;
  case F_EXTENSION:
    pf_buf_puts(&s, "-- before PostgreSQL 9.1: run the module's SQL script "
                    "(contrib) with psql");
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
  pf_buf_clear(&look);
}

void pf__rules_version(pf__rctx *x)
{
  needs n = features_of(x->c, x->f->server_version);
  feat f = n.f;
  int needed = f ? feats[f].since : 0;
  if (!needed || !pf__version_before(x->f, needed))
    return;
  const char *feature = feats[f].name;
  pf_buf have = PF_BUF_INIT, want = PF_BUF_INIT;
  pf__put_version(&have, x->f->server_version);
  pf__put_version(&want, needed);
  pf_finding *fd = pf__radd(x, PF_RULE_REQUIRES_NEWER_SERVER, PF_SEV_ERROR,
                            "the statement uses %s, available from "
                            "PostgreSQL %s on, and the server is PostgreSQL "
                            "%s: it fails there",
                            feature, want.data, have.data);
  pf__version_note(x, fd, "older than the statement needs");
  // Another feature the server lacks would fail the older form too.
  older_form(x, fd, n.lacking > 1 ? F_NONE : f, needed);
  pf_buf_clear(&have);
  pf_buf_clear(&want);
}
