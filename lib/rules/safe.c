/* Safe alternatives written from a statement's own names, for the rules
 * whose findings would otherwise show only the rule's generic example. */
/* SPDX-License-Identifier: MIT */
#include "rules_int.h"

#include <stdio.h>
#include <string.h>

#include "core/source.h"

static void finish(pf_finding *fd, pf_buf *s)
{
  if (fd && s->len)
    pf__finding_set_safe(fd, s->data);
  pf_buf_clear(s);
}

static void put_alter(pf_buf *s, const pf_change *c)
{
  pf_buf_puts(s, "ALTER TABLE ");
  pf__put_table(s, &c->table);
  pf_buf_putc(s, ' ');
}

// The statement itself, with its semicolon, after @lead (a comment line).
static void put_lead_stmt(pf_buf *s, pf__rctx *x, const char *lead)
{
  pf_buf_puts(s, lead);
  pf__put_stmt(s, x);
  pf_buf_putc(s, ';');
}

// Whether @text holds @needle.
static bool contains(const char *text, size_t len, const char *needle)
{
  size_t n = strlen(needle);
  for (size_t i = 0; i + n <= len; i++) {
    if (memcmp(text + i, needle, n) == 0)
      return true;
  }
  return false;
}

// Whether @text holds @word (ASCII, any case) as a whole word.
static bool has_word(const char *text, size_t len, const char *word)
{
  size_t n = strlen(word);
  for (size_t i = 0; i + n <= len; i++) {
    if ((i && pf_is_ident_char((unsigned char)text[i - 1])) ||
        (i + n < len && pf_is_ident_char((unsigned char)text[i + n])))
      continue;
    if (pf_strcaseeq_n(text + i, word, n))
      return true;
  }
  return false;
}

void pf__safe_rename_table(pf__rctx *x, pf_finding *fd)
{
  const pf_change *c = x->c;
  if (!c->new_name || !c->table.name)
    return;
  pf_qname renamed = {c->table.schema, c->new_name};
  pf_buf s = PF_BUF_INIT;
  pf__put_stmt(&s, x);
  pf_buf_puts(&s, ";\nCREATE VIEW ");
  pf__put_table(&s, &c->table);
  pf_buf_puts(&s, " AS SELECT * FROM ");
  pf__put_table(&s, &renamed);
  pf_buf_puts(&s, ";  -- same transaction: the old name keeps working\n"
                  "-- deploy code that uses the new name, then in a later "
                  "migration:\nDROP VIEW ");
  pf__put_table(&s, &c->table);
  pf_buf_putc(&s, ';');
  finish(fd, &s);
}

void pf__safe_drop_column(pf__rctx *x, pf_finding *fd)
{
  const pf_change *c = x->c;
  pf_buf s = PF_BUF_INIT, q = PF_BUF_INIT;
  pf__put_table(&q, &c->table);
  pf_buf_printf(&s,
                "-- 1. stop using %s.%s in the code (the references are "
                "listed) and deploy\n-- 2. then, in a later migration:\n",
                q.data, c->column ? c->column : "?");
  pf__put_stmt(&s, x);
  pf_buf_putc(&s, ';');
  pf_buf_clear(&q);
  finish(fd, &s);
}

void pf__safe_drop_table(pf__rctx *x, pf_finding *fd)
{
  const pf_change *c = x->c;
  if (!c->table.name)
    return;
  pf_buf s = PF_BUF_INIT, old = PF_BUF_INIT;
  pf_buf_printf(&old, "%s_deprecated", c->table.name);
  pf_qname kept = {c->table.schema, old.data};
  pf_buf_puts(&s, "-- 1. remove every use of ");
  pf__put_table(&s, &c->table);
  pf_buf_puts(&s, " from the code and deploy\n-- 2. keep a way back for a "
                  "while:\nALTER TABLE ");
  pf__put_table(&s, &c->table);
  pf_buf_puts(&s, " RENAME TO ");
  pf__put_ident(&s, old.data);
  pf_buf_puts(&s, ";\n-- 3. in a later migration:\nDROP TABLE ");
  pf__put_table(&s, &kept);
  pf_buf_putc(&s, ';');
  pf_buf_clear(&old);
  finish(fd, &s);
}

void pf__safe_required_field(pf__rctx *x, pf_finding *fd)
{
  const pf_change *c = x->c;
  if (!c->column)
    return;
  pf_buf s = PF_BUF_INIT;
  if (pf__version_before(x->f, 110000)) {
    // Before 11 a DEFAULT rewrites the table: add it bare, default the new
    // rows, backfill, and let a validated CHECK guarantee it (before 12
    // SET NOT NULL scans the table even then).
    pf_buf_puts(&s, "-- PostgreSQL ");
    pf__put_version(&s, x->f->server_version);
    pf_buf_puts(&s, " rewrites the table for a DEFAULT (11 and later do "
                    "not):\n");
    put_alter(&s, c);
    pf_buf_puts(&s, "ADD COLUMN ");
    pf__put_ident(&s, c->column);
    pf_buf_printf(&s, " %s;\n", c->type ? c->type : "<type>");
    put_alter(&s, c);
    pf_buf_puts(&s, "ALTER COLUMN ");
    pf__put_ident(&s, c->column);
    pf_buf_puts(&s, " SET DEFAULT <value>;  -- for new rows\n-- backfill "
                    "in batches, then ADD CONSTRAINT ... CHECK (");
    pf__put_ident(&s, c->column);
    pf_buf_puts(&s, " IS NOT NULL) NOT VALID\n-- and VALIDATE it: the "
                    "guarantee without SET NOT NULL's scan");
    finish(fd, &s);
    return;
  }
  put_alter(&s, c);
  pf_buf_puts(&s, "ADD COLUMN ");
  pf__put_ident(&s, c->column);
  pf_buf_printf(&s,
                " %s NOT NULL DEFAULT <value>;  -- a constant: no rewrite "
                "(PostgreSQL 11+)\n-- or add it nullable, backfill it in "
                "batches, then SET NOT NULL the safe way",
                c->type ? c->type : "<type>");
  finish(fd, &s);
}

// ALTER COLUMN TYPE that rewrites: a new column of the new type, filled in
// batches, then swapped in.
void pf__safe_type_change(pf__rctx *x, pf_finding *fd)
{
  const pf_change *c = x->c;
  if (!c->column || !c->type)
    return;
  pf_buf s = PF_BUF_INIT, col = PF_BUF_INIT, val = PF_BUF_INIT;
  pf_buf_printf(&col, "%s_new", c->column);
  if (c->expr) // the USING expression, assigned (and so cast) as it is
    pf_buf_puts(&val, c->expr);
  else {
    pf__put_ident(&val, c->column);
    pf_buf_printf(&val, "::%s", c->type);
  }
  put_alter(&s, c);
  pf_buf_puts(&s, "ADD COLUMN ");
  pf__put_ident(&s, col.data);
  pf_buf_printf(&s,
                " %s;\n-- write both columns (trigger or application), then "
                "backfill in batches:\nUPDATE ",
                c->type);
  pf__put_table(&s, &c->table);
  pf_buf_puts(&s, " SET ");
  pf__put_ident(&s, col.data);
  pf_buf_printf(&s, " = %s\n  WHERE ctid IN (SELECT ctid FROM ", val.data);
  pf__put_table(&s, &c->table);
  pf_buf_puts(&s, " WHERE ");
  pf__put_ident(&s, col.data);
  pf_buf_puts(&s, " IS NULL AND ");
  pf__put_ident(&s, c->column);
  pf_buf_puts(&s, " IS NOT NULL LIMIT 5000);  -- repeat until it updates "
                  "none\n-- move reads and writes to the new column, then in "
                  "a later migration:\n");
  put_alter(&s, c);
  pf_buf_puts(&s, "DROP COLUMN ");
  pf__put_ident(&s, c->column);
  pf_buf_puts(&s, ";\n");
  put_alter(&s, c);
  pf_buf_puts(&s, "RENAME COLUMN ");
  pf__put_ident(&s, col.data);
  pf_buf_puts(&s, " TO ");
  pf__put_ident(&s, c->column);
  pf_buf_putc(&s, ';');
  pf_buf_clear(&col);
  pf_buf_clear(&val);
  finish(fd, &s);
}

// DROP INDEX [CONCURRENTLY] of one index, as SQL.
static void put_drop_concurrently(pf_buf *s, const pf_change *c)
{
  pf_buf_printf(s, "DROP INDEX CONCURRENTLY %s",
                c->if_exists ? "IF EXISTS " : "");
  pf__put_table(s, &c->index_q);
  pf_buf_putc(s, ';');
  if (c->cascade)
    pf_buf_puts(s, "  -- CONCURRENTLY takes no CASCADE: drop what depends "
                   "on it first");
}

void pf__safe_drop_index(pf__rctx *x, pf_finding *fd)
{
  if (!x->c->index)
    return;
  pf_buf s = PF_BUF_INIT;
  pf_buf_puts(&s, "-- one index per statement, outside any transaction "
                  "block:\n");
  put_drop_concurrently(&s, x->c);
  finish(fd, &s);
}

void pf__safe_index_in_use(pf__rctx *x, pf_finding *fd)
{
  const pf_change *c = x->c;
  if (!c->index)
    return;
  pf_buf s = PF_BUF_INIT;
  pf_buf_puts(&s, "-- make sure another index serves those queries, or that "
                  "they are gone:\nSELECT idx_scan FROM "
                  "pg_stat_user_indexes WHERE indexrelname = '");
  for (const char *p = c->index; *p; p++) {
    if (*p == '\'')
      pf_buf_putc(&s, '\'');
    pf_buf_putc(&s, *p);
  }
  pf_buf_puts(&s, "';\n");
  put_drop_concurrently(&s, c);
  finish(fd, &s);
}

void pf__safe_drop_not_null(pf__rctx *x, pf_finding *fd)
{
  pf_buf s = PF_BUF_INIT, q = PF_BUF_INIT;
  pf__put_table(&q, &x->c->table);
  pf_buf_printf(&s,
                "-- deploy readers of %s.%s that handle NULL first (the code "
                "references are listed), then:\n",
                q.data, x->c->column ? x->c->column : "?");
  pf__put_stmt(&s, x);
  pf_buf_putc(&s, ';');
  pf_buf_clear(&q);
  finish(fd, &s);
}

// UPDATE without WHERE: the same UPDATE by key ranges, one transaction per
// batch. Not written when the text ends in a way a WHERE cannot follow
// (RETURNING, a trailing comment).
void pf__safe_unbatched_update(pf__rctx *x, pf_finding *fd)
{
  const pf_stmt *st = &x->m->stmts.items[x->c->stmt];
  const char *text = x->src->data + st->span.start;
  size_t len = st->span.end - st->span.start;
  if (has_word(text, len, "returning") || contains(text, len, "--") ||
      contains(text, len, "/*"))
    return;
  pf_buf s = PF_BUF_INIT;
  pf__put_stmt(&s, x);
  pf_buf_puts(&s, "\n  WHERE <key> >= :lo AND <key> < :lo + 5000;  -- the "
                  "next range in a new transaction, until done");
  finish(fd, &s);
}

void pf__safe_delete_all(pf__rctx *x, pf_finding *fd)
{
  pf_buf s = PF_BUF_INIT;
  pf_buf_puts(&s, "-- if emptying the table is the intent (no dead rows; "
                  "ACCESS EXCLUSIVE, briefly):\nTRUNCATE ");
  pf__put_table(&s, &x->c->table);
  pf_buf_puts(&s, ";\n-- otherwise say which rows:\nDELETE FROM ");
  pf__put_table(&s, &x->c->table);
  pf_buf_puts(&s, " WHERE <condition>;");
  finish(fd, &s);
}

void pf__safe_duplicate(pf__rctx *x, pf_finding *fd, const char *column)
{
  (void)x;
  pf_buf s = PF_BUF_INIT, q = PF_BUF_INIT;
  pf__put_quoted(&q, column);
  pf_buf_printf(&s,
                "-- name %s once in the statement: PostgreSQL rejects it as "
                "written",
                q.data);
  pf_buf_clear(&q);
  finish(fd, &s);
}

void pf__safe_drop_constraint(pf__rctx *x, pf_finding *fd)
{
  pf_buf s = PF_BUF_INIT;
  put_lead_stmt(&s, x,
                "-- if the guarantee is still needed, add its replacement "
                "first (NOT VALID,\n-- then VALIDATE CONSTRAINT in another "
                "transaction); then:\n");
  finish(fd, &s);
}

// A narrower non-unique index: its first @max columns, concurrently.
void pf__safe_index_columns(pf__rctx *x, pf_finding *fd, uint32_t max)
{
  const pf_change *c = x->c;
  if (!c->ncolumns || !c->table.name)
    return;
  pf_buf s = PF_BUF_INIT;
  pf_buf_puts(&s, "CREATE INDEX CONCURRENTLY ");
  if (c->index) {
    pf__put_ident(&s, c->index);
    pf_buf_putc(&s, ' ');
  }
  pf_buf_puts(&s, "ON ");
  pf__put_table(&s, &c->table);
  pf_buf_puts(&s, " (");
  for (uint32_t i = 0; i < c->ncolumns && i < max; i++) {
    if (i)
      pf_buf_puts(&s, ", ");
    // Columns are names; expressions (already SQL) go in parentheses.
    if (strpbrk(c->columns[i], " ()+-*/|:'"))
      pf_buf_printf(&s, "(%s)", c->columns[i]);
    else
      pf__put_ident(&s, c->columns[i]);
  }
  pf_buf_puts(&s, ");  -- the columns the queries filter on first");
  finish(fd, &s);
}

void pf__safe_lock_timeout(pf__rctx *x, pf_finding *fd, const char *why)
{
  const pf_stmt *st = &x->m->stmts.items[x->c->stmt];
  pf_buf s = PF_BUF_INIT;
  pf_buf_printf(&s, "SET %slock_timeout = '2s';  -- %s\n",
                st->in_txn || x->f->assume_txn ? "LOCAL " : "", why);
  pf__put_stmt(&s, x);
  pf_buf_putc(&s, ';');
  finish(fd, &s);
}

// CREATE INDEX CONCURRENTLY written from the statement's text after the
// table's name (columns, USING, INCLUDE, WHERE), for a statement whose
// CONCURRENTLY form was not deparsed (ON ONLY of a table that turned out
// not to be partitioned).
void pf__safe_index_concurrently(pf__rctx *x, pf_finding *fd)
{
  const pf_change *c = x->c;
  const pf_stmt *st = &x->m->stmts.items[c->stmt];
  if (c->rel_span.end <= c->rel_span.start ||
      c->rel_span.start < st->span.start || c->rel_span.end > st->span.end)
    return;
  const char *d = x->src->data;
  pf_buf s = PF_BUF_INIT;
  pf_buf_printf(&s, "CREATE %sINDEX CONCURRENTLY %s",
                c->unique ? "UNIQUE " : "",
                c->if_exists ? "IF NOT EXISTS " : "");
  if (c->index) {
    pf__put_ident(&s, c->index);
    pf_buf_putc(&s, ' ');
  }
  pf_buf_puts(&s, "ON ");
  pf_buf_append(&s, d + c->rel_span.start, st->span.end - c->rel_span.start);
  pf_buf_putc(&s, ';');
  finish(fd, &s);
}

// One sub-command of a statement with several, with its IF [NOT] EXISTS,
// as a statement of its own (prefer-robust-stmts).
void pf__safe_guarded_subcommand(pf__rctx *x, pf_finding *fd)
{
  const pf_change *c = x->c;
  pf_buf s = PF_BUF_INIT;
  pf_buf_puts(&s, "-- this sub-command with its guard (and likewise the "
                  "statement's others):\n");
  put_alter(&s, c);
  switch (c->kind) {
  case PF_CHANGE_ADD_COLUMN:
    pf_buf_puts(&s, "ADD COLUMN IF NOT EXISTS ");
    pf__put_ident(&s, c->column);
    pf_buf_printf(&s, " %s", c->type ? c->type : "<type>");
    if (c->not_null)
      pf_buf_puts(&s, " NOT NULL");
    if (c->expr)
      pf_buf_printf(&s, " DEFAULT %s", c->expr);
    break;
  case PF_CHANGE_DROP_COLUMN:
    pf_buf_puts(&s, "DROP COLUMN IF EXISTS ");
    pf__put_ident(&s, c->column);
    break;
  case PF_CHANGE_DROP_CONSTRAINT:
    pf_buf_puts(&s, "DROP CONSTRAINT IF EXISTS ");
    pf__put_ident(&s, c->constraint ? c->constraint : "?");
    break;
  default:
    pf_buf_clear(&s);
    return;
  }
  pf_buf_putc(&s, ';');
  finish(fd, &s);
}
