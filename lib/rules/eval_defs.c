/* Constraints written in column and table definitions (ADD COLUMN ...
 * UNIQUE / PRIMARY KEY / REFERENCES / CHECK), serial columns and volatile
 * defaults: their findings and the safe steps, with the statement's names. */
/* SPDX-License-Identifier: MIT */
#include "rules_int.h"

#include <string.h>

#include "core/source.h"

// The ADD COLUMN change of the statement of @x->c that adds @x->c->column,
// or NULL.
static const pf_change *added_column(const pf__rctx *x)
{
  const pf_stmt *st = &x->m->stmts.items[x->c->stmt];
  for (uint32_t k = 0; k < st->nchanges; k++) {
    const pf_change *a = &x->m->changes.items[st->first_change + k];
    if (a->kind == PF_CHANGE_ADD_COLUMN && a->column && x->c->column &&
        !strcmp(a->column, x->c->column) && a->ncols)
      return a;
  }
  return NULL;
}

// The integer type a serial type stands for.
static const char *serial_int(const char *base)
{
  if (!strcmp(base, "bigserial") || !strcmp(base, "serial8"))
    return "bigint";
  if (!strcmp(base, "smallserial") || !strcmp(base, "serial2"))
    return "smallint";
  return "integer";
}

static void put_alter(pf_buf *s, const pf_change *c)
{
  pf_buf_puts(s, "ALTER TABLE ");
  pf__put_table(s, &c->table);
  pf_buf_putc(s, ' ');
}

// "<table>_<column>_<suffix>", PostgreSQL's name for a constraint or a
// sequence of one column (longer names are truncated by the server).
static void put_default_name(pf_buf *s, const pf_change *c, const char *col,
                             const char *suffix)
{
  pf_buf n = PF_BUF_INIT;
  if (col)
    pf_buf_printf(&n, "%s_%s_%s", c->table.name ? c->table.name : "t", col,
                  suffix);
  else
    pf_buf_printf(&n, "%s_%s", c->table.name ? c->table.name : "t", suffix);
  pf__put_ident(s, n.data);
  pf_buf_clear(&n);
}

// "ALTER TABLE t ADD COLUMN c <type>[ DEFAULT <expr>];" without the
// column's constraints: the first step of every recipe here.
static void put_bare_add(pf_buf *s, const pf_change *add, const char *type,
                         bool with_default)
{
  put_alter(s, add);
  pf_buf_puts(s, add->if_exists ? "ADD COLUMN IF NOT EXISTS " : "ADD COLUMN ");
  pf__put_ident(s, add->column);
  pf_buf_printf(s, " %s", type ? type : (add->type ? add->type : "<type>"));
  if (with_default && add->expr)
    pf_buf_printf(s, " DEFAULT %s", add->expr);
  pf_buf_puts(s, ";\n");
}

// Backfill in batches, then NOT NULL without a long lock: a CHECK added NOT
// VALID, validated (SHARE UPDATE EXCLUSIVE), then SET NOT NULL, which it
// proves (PostgreSQL 12+).
static void put_not_null_steps(pf_buf *s, const pf_change *c, const char *col,
                               int version)
{
  put_alter(s, c);
  pf_buf_puts(s, "ADD CONSTRAINT ");
  put_default_name(s, c, col, "not_null");
  pf_buf_puts(s, "\n  CHECK (");
  pf__put_ident(s, col);
  pf_buf_puts(s, " IS NOT NULL) NOT VALID;\n");
  put_alter(s, c);
  pf_buf_puts(s, "VALIDATE CONSTRAINT ");
  put_default_name(s, c, col, "not_null");
  pf_buf_puts(s, ";\n");
  if (version && version < 120000) {
    // Before 12 SET NOT NULL scans even so: the CHECK is the guarantee.
    pf_buf_puts(s, "-- before PostgreSQL 12, SET NOT NULL scans the table "
                   "even with this constraint:\n-- keep it as the "
                   "guarantee\n");
    return;
  }
  put_alter(s, c);
  pf_buf_puts(s, "ALTER COLUMN ");
  pf__put_ident(s, col);
  pf_buf_puts(s, " SET NOT NULL;  -- no scan: the constraint proves it\n");
  put_alter(s, c);
  pf_buf_puts(s, "DROP CONSTRAINT ");
  put_default_name(s, c, col, "not_null");
  pf_buf_puts(s, ";\n");
}

// "UPDATE t SET c = <value> WHERE ctid IN (... LIMIT 5000);  -- repeat"
static void put_batch(pf_buf *s, const pf_change *c, const char *col,
                      const char *value)
{
  pf_buf_puts(s, "UPDATE ");
  pf__put_table(s, &c->table);
  pf_buf_puts(s, " SET ");
  pf__put_ident(s, col);
  pf_buf_printf(s, " = %s\n  WHERE ctid IN (SELECT ctid FROM ", value);
  pf__put_table(s, &c->table);
  pf_buf_puts(s, " WHERE ");
  pf__put_ident(s, col);
  pf_buf_puts(s, " IS NULL LIMIT 5000);  -- repeat until it updates none\n");
}

// The unique index built concurrently, then attached as the constraint.
static void put_key_steps(pf_buf *s, const pf_change *c, const char *col,
                          bool primary, const char *name)
{
  pf_buf n = PF_BUF_INIT;
  if (name)
    pf__put_ident(&n, name);
  else
    put_default_name(&n, c, primary ? NULL : col, primary ? "pkey" : "key");
  pf_buf_printf(s, "CREATE UNIQUE INDEX CONCURRENTLY %s ON ", n.data);
  pf__put_table(s, &c->table);
  pf_buf_puts(s, " (");
  pf__put_ident(s, col);
  pf_buf_puts(s, ");  -- outside a transaction block\n");
  put_alter(s, c);
  pf_buf_printf(s, "ADD CONSTRAINT %s %s USING INDEX %s;", n.data,
                primary ? "PRIMARY KEY" : "UNIQUE", n.data);
  pf_buf_clear(&n);
}

// The serial column's own constraint, if the statement adds one: "PRIMARY
// KEY", "UNIQUE" or NULL, and its name when written.
static const char *key_of(const pf__rctx *x, const pf_change *add,
                          const char **name)
{
  const pf_stmt *st = &x->m->stmts.items[add->stmt];
  for (uint32_t k = 0; k < st->nchanges; k++) {
    const pf_change *d = &x->m->changes.items[st->first_change + k];
    if (d->kind == PF_CHANGE_ADD_CONSTRAINT && d->from_def && d->column &&
        !strcmp(d->column, add->column) &&
        (d->cons == PF_CONS_PRIMARY_KEY || d->cons == PF_CONS_UNIQUE)) {
      *name = d->constraint;
      return d->cons == PF_CONS_PRIMARY_KEY ? "PRIMARY KEY" : "UNIQUE";
    }
  }
  return NULL;
}

// A serial column added to an existing table without a rewrite: a plain
// integer column, a sequence as the DEFAULT for new rows, the old rows
// numbered in batches, then NOT NULL and the key the statement asked for.
static void serial_steps(const pf__rctx *x, const pf_change *add, pf_buf *s)
{
  const pf_column_def *col = &add->cols[0];
  const char *name = NULL;
  const char *key = key_of(x, add, &name);
  pf_buf seq = PF_BUF_INIT, next = PF_BUF_INIT;
  put_default_name(&seq, add, add->column, "seq");
  pf_buf_printf(s, "CREATE SEQUENCE %s AS %s;\n", seq.data,
                serial_int(col->type_base));
  put_bare_add(s, add, serial_int(col->type_base), false);
  pf_buf_printf(&next, "nextval('%s')", seq.data);
  put_alter(s, add);
  pf_buf_puts(s, "ALTER COLUMN ");
  pf__put_ident(s, add->column);
  pf_buf_printf(s, " SET DEFAULT %s;  -- new rows\n", next.data);
  pf_buf_printf(s, "ALTER SEQUENCE %s OWNED BY ", seq.data);
  pf__put_table(s, &add->table);
  pf_buf_putc(s, '.');
  pf__put_ident(s, add->column);
  pf_buf_puts(s, ";\n");
  put_batch(s, add, add->column, next.data);
  put_not_null_steps(s, add, add->column, x->f->server_version);
  if (key)
    put_key_steps(s, add, add->column, key[0] == 'P', name);
  else
    s->data[--s->len] = '\0'; // the last newline
  pf_buf_clear(&seq);
  pf_buf_clear(&next);
}

void pf__safe_serial(pf__rctx *x, pf_finding *fd)
{
  pf_buf s = PF_BUF_INIT;
  serial_steps(x, x->c, &s);
  pf__finding_set_safe(fd, s.data);
  pf_buf_clear(&s);
}

// An identity column's rows numbered without a rewrite: a bigint column,
// a sequence as the DEFAULT for new rows, a batched backfill, NOT NULL.
static void identity_steps(const pf_change *c, pf_buf *s, int version)
{
  pf_buf seq = PF_BUF_INIT, next = PF_BUF_INIT;
  put_default_name(&seq, c, c->column, "seq");
  pf_buf_printf(s, "CREATE SEQUENCE %s AS bigint;\n", seq.data);
  put_bare_add(s, c, "bigint", false);
  pf_buf_printf(&next, "nextval('%s')", seq.data);
  put_alter(s, c);
  pf_buf_puts(s, "ALTER COLUMN ");
  pf__put_ident(s, c->column);
  pf_buf_printf(s, " SET DEFAULT %s;  -- new rows\n", next.data);
  put_batch(s, c, c->column, next.data);
  put_not_null_steps(s, c, c->column, version);
  s->data[--s->len] = '\0';
  pf_buf_clear(&seq);
  pf_buf_clear(&next);
}

void pf__safe_volatile_default(pf__rctx *x, pf_finding *fd)
{
  const pf_change *c = x->c;
  pf_buf s = PF_BUF_INIT;
  const pf_column_def *col = c->ncols ? &c->cols[0] : NULL;
  if (!col) {
    return;
  } else if (col->identity) {
    // ADD GENERATED ... AS IDENTITY needs a NOT NULL column, so the rows
    // are numbered first from a sequence of our own.
    pf_buf_puts(&s, "-- an identity column cannot be added without a rewrite; "
                    "number the rows\n-- from a sequence instead:\n");
    identity_steps(c, &s, x->f->server_version);
    pf_buf_puts(&s, "\n-- later, if it must be an identity: DROP DEFAULT, then "
                    "ADD GENERATED BY DEFAULT\n-- AS IDENTITY (START WITH "
                    "<max + 1>), and drop the sequence");
  } else if (c->expr) {
    put_bare_add(&s, c, NULL, false);
    put_alter(&s, c);
    pf_buf_puts(&s, "ALTER COLUMN ");
    pf__put_ident(&s, c->column);
    pf_buf_printf(&s, " SET DEFAULT %s;  -- new rows\n", c->expr);
    put_batch(&s, c, c->column, c->expr);
    if (c->not_null)
      put_not_null_steps(&s, c, c->column, x->f->server_version);
    s.data[--s.len] = '\0';
  } else {
    pf_buf_puts(&s, "-- a stored generated column has no online form: add "
                    "it in a maintenance\n-- window, or fill a plain column "
                    "from a trigger and backfill it in batches");
  }
  pf__finding_set_safe(fd, s.data);
  pf_buf_clear(&s);
}

// A foreign key, UNIQUE, PRIMARY KEY or CHECK written in an ADD COLUMN.
void pf__rules_def_constraint(pf__rctx *x)
{
  const pf_change *c = x->c;
  const pf_change *add = added_column(x);
  if (!add || !c->column)
    return;
  const pf_column_def *col = &add->cols[0];
  pf_buf q = PF_BUF_INIT, s = PF_BUF_INIT, ref = PF_BUF_INIT;
  pf__quoted(&q, c, true);
  pf_finding *fd = NULL;
  switch (c->cons) {
  case PF_CONS_FOREIGN_KEY:
    pf__put_quoted(&ref, c->ref_table.name ? c->ref_table.name : "?");
    if (!c->has_default) {
      // PostgreSQL skips the validation: the column is NULL in every row.
      fd = pf__radd(x, PF_RULE_ADD_FOREIGN_KEY_VALIDATING, PF_SEV_NOTICE,
                    "adding column %s with a foreign key to %s takes SHARE "
                    "ROW EXCLUSIVE on %s: its writes wait while the statement "
                    "waits for the lock (nothing to validate: the column is "
                    "NULL in every row)",
                    q.data, ref.data, ref.data);
      pf_buf_puts(&s, "SET lock_timeout = '2s';  -- retry on timeout\n");
      pf__put_stmt(&s, x);
      pf_buf_puts(&s, ";");
      break;
    }
    fd = pf__radd(x, PF_RULE_ADD_FOREIGN_KEY_VALIDATING, PF_SEV_WARNING,
                  "adding column %s with a DEFAULT and a foreign key to %s "
                  "validates every row while blocking writes to both tables",
                  q.data, ref.data);
    put_bare_add(&s, add, NULL, true);
    put_alter(&s, c);
    pf_buf_puts(&s, "ADD CONSTRAINT ");
    if (c->constraint)
      pf__put_ident(&s, c->constraint);
    else
      put_default_name(&s, c, c->column, "fkey");
    pf_buf_puts(&s, " FOREIGN KEY (");
    pf__put_ident(&s, c->column);
    pf_buf_puts(&s, ")\n  REFERENCES ");
    pf__put_table(&s, &c->ref_table);
    for (uint32_t i = 0; i < c->nref_columns; i++) {
      pf_buf_puts(&s, i ? ", " : " (");
      pf__put_ident(&s, c->ref_columns[i]);
    }
    pf_buf_puts(&s, c->nref_columns ? ") NOT VALID;\n" : " NOT VALID;\n");
    put_alter(&s, c);
    pf_buf_puts(&s, "VALIDATE CONSTRAINT ");
    if (c->constraint)
      pf__put_ident(&s, c->constraint);
    else
      put_default_name(&s, c, c->column, "fkey");
    pf_buf_puts(&s, ";  -- a separate transaction");
    break;
  case PF_CONS_CHECK:
    fd = pf__radd(x, PF_RULE_ADD_CHECK_VALIDATING, PF_SEV_WARNING,
                  "adding column %s with a CHECK constraint checks every row "
                  "under ACCESS EXCLUSIVE",
                  q.data);
    put_bare_add(&s, add, NULL, true);
    put_alter(&s, c);
    pf_buf_puts(&s, "ADD CONSTRAINT ");
    if (c->constraint)
      pf__put_ident(&s, c->constraint);
    else
      put_default_name(&s, c, c->column, "check");
    pf_buf_printf(&s, "\n  CHECK (%s) NOT VALID;\n",
                  c->expr ? c->expr : "<condition>");
    put_alter(&s, c);
    pf_buf_puts(&s, "VALIDATE CONSTRAINT ");
    if (c->constraint)
      pf__put_ident(&s, c->constraint);
    else
      put_default_name(&s, c, c->column, "check");
    pf_buf_puts(&s, ";");
    break;
  case PF_CONS_UNIQUE:
  case PF_CONS_PRIMARY_KEY: {
    bool pk = c->cons == PF_CONS_PRIMARY_KEY;
    // A constant DEFAULT gives every existing row the same value.
    bool same = col->has_default && !col->volatile_default && !col->serial;
    fd = pf__radd(x, PF_RULE_ADDING_UNIQUE_CONSTRAINT, PF_SEV_WARNING,
                  "adding column %s with %s builds a unique index under ACCESS "
                  "EXCLUSIVE%s",
                  q.data, pk ? "PRIMARY KEY" : "UNIQUE",
                  same ? "; every row gets the same DEFAULT, so it fails if "
                         "the table has two rows or more"
                       : "");
    if (col->serial) {
      serial_steps(x, add, &s);
    } else {
      put_bare_add(&s, add, NULL, true);
      if (pk && !col->has_default)
        pf_buf_puts(&s, "-- fill the column for every row, then make it NOT "
                        "NULL the safe way (see\n-- setting-not-null), "
                        "before the key:\n");
      put_key_steps(&s, c, c->column, pk, c->constraint);
    }
    break;
  }
  default:
    break;
  }
  if (fd) {
    pf__add_table_size(x, fd);
    pf__finding_set_safe(fd, s.data);
  }
  pf_buf_clear(&q);
  pf_buf_clear(&s);
  pf_buf_clear(&ref);
}

// CREATE INDEX on a partitioned table, the documented way (PostgreSQL 15
// docs, 5.11.2.2 Partition Maintenance): the parent's index ON ONLY (no
// build, invalid), each partition's CONCURRENTLY, each attached; the
// parent's index turns valid when the last one is attached. The statement's
// own text after the table name (columns, USING, INCLUDE, WHERE) is kept.
void pf__safe_partitioned_index(pf__rctx *x, pf_finding *fd)
{
  const pf_change *c = x->c;
  const pf_stmt *st = &x->m->stmts.items[c->stmt];
  if (c->rel_span.end <= c->rel_span.start ||
      c->rel_span.start < st->span.start || c->rel_span.end > st->span.end)
    return;
  const char *text = x->src->data;
  pf_buf s = PF_BUF_INIT, name = PF_BUF_INIT, part = PF_BUF_INIT;
  if (c->index)
    pf__put_ident(&name, c->index);
  else
    pf_buf_printf(&name, "%s_%s_idx", c->table.name ? c->table.name : "t",
                  c->ncolumns ? c->columns[0] : "col");
  pf_buf_append(&part, text + c->rel_span.end, st->span.end - c->rel_span.end);
  pf_buf_append(&s, text + st->span.start, c->rel_span.start - st->span.start);
  pf_buf_puts(&s, "ONLY ");
  pf_buf_append(&s, text + c->rel_span.start,
                c->rel_span.end - c->rel_span.start);
  pf_buf_printf(&s,
                "%s;\n-- (no build; the index stays invalid until every "
                "partition's is attached)\n-- then for each partition:\n"
                "CREATE %sINDEX CONCURRENTLY %s_<partition> ON <partition>%s;"
                "\nALTER INDEX %s ATTACH PARTITION %s_<partition>;",
                part.data, c->unique ? "UNIQUE " : "", name.data, part.data,
                name.data, name.data);
  pf__finding_set_safe(fd, s.data);
  pf_buf_clear(&s);
  pf_buf_clear(&name);
  pf_buf_clear(&part);
}

// ALTER COLUMN TYPE that keeps the data but not the CHECK constraints:
// PostgreSQL checks them on every row under ACCESS EXCLUSIVE. Dropping the
// constraint first and adding it back NOT VALID, then validating it, keeps
// the long part under SHARE UPDATE EXCLUSIVE (strong_migrations'
// change_column_constraint; PostgreSQL 15 docs, 5.6.6).
void pf__rules_type_recheck(pf__rctx *x)
{
  const pf_change *c = x->c;
  pf_buf q = PF_BUF_INIT, s = PF_BUF_INIT;
  pf_finding *fd = pf__radd(
      x, PF_RULE_CHANGING_COLUMN_TYPE, PF_SEV_WARNING,
      "changing the type of %s to %s keeps the data (binary coercible), but "
      "PostgreSQL checks its CHECK constraint \"%s\" on every row under ACCESS "
      "EXCLUSIVE",
      pf__quoted(&q, c, true), c->type, c->check_name);
  pf__add_table_size(x, fd);
  pf__add_refs(x, fd);
  if (c->check_def) {
    put_alter(&s, c);
    pf_buf_puts(&s, "DROP CONSTRAINT ");
    pf__put_ident(&s, c->check_name);
    pf_buf_puts(&s, ";\n");
    pf__put_stmt(&s, x);
    pf_buf_puts(&s, ";  -- no scan now\n");
    put_alter(&s, c);
    pf_buf_puts(&s, "ADD CONSTRAINT ");
    pf__put_ident(&s, c->check_name);
    if (!strncmp(c->check_def, "CHECK", 5))
      pf_buf_printf(&s, "\n  %s NOT VALID;\n", c->check_def);
    else
      pf_buf_printf(&s, "\n  CHECK (%s) NOT VALID;\n", c->check_def);
    put_alter(&s, c);
    pf_buf_puts(&s, "VALIDATE CONSTRAINT ");
    pf__put_ident(&s, c->check_name);
    pf_buf_puts(&s, ";  -- a separate transaction");
    pf__finding_set_safe(fd, s.data);
  }
  pf_buf_clear(&q);
  pf_buf_clear(&s);
}
