/* The rule engine: one change plus what the engines learned -> findings. */
/* SPDX-License-Identifier: MIT */
#include "rules_int.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "core/source.h"

static void rename_column(pf__rctx *x)
{
  pf_buf q = PF_BUF_INIT, s = PF_BUF_INIT;
  const pf_facts *f = x->f;
  pf_severity sev = PF_SEV_ERROR;
  pf_finding *fd;
  pf__quoted(&q, x->c, true);
  if (f->code_scanned && f->nrefs) {
    fd = pf__radd(
        x, PF_RULE_RENAMING_COLUMN, sev,
        "renaming column %s to \"%s\" breaks %lld reference%s in the code",
        q.data, x->c->new_name, (long long)f->nrefs, f->nrefs == 1 ? "" : "s");
  } else if (f->code_scanned) {
    sev = PF_SEV_WARNING;
    fd =
        pf__radd(x, PF_RULE_RENAMING_COLUMN, sev,
                 "renaming column %s to \"%s\": no references found in the "
                 "scanned code, but running code that uses the old name breaks",
                 q.data, x->c->new_name);
  } else {
    fd = pf__radd(
        x, PF_RULE_RENAMING_COLUMN, sev,
        "renaming column %s to \"%s\" breaks every query that uses the "
        "old name (code not scanned; pass --code)",
        q.data, x->c->new_name);
  }
  pf__add_refs(x, fd);
  pf__add_deps(x, fd);
  // The expand/contract steps, with this statement's names.
  const char *type = "<type>";
  pf_buf_puts(&s, "ALTER TABLE ");
  pf__put_table(&s, &x->c->table);
  pf_buf_puts(&s, " ADD COLUMN ");
  pf__put_ident(&s, x->c->new_name);
  pf_buf_printf(&s,
                " %s;\n-- write both columns (trigger or application), "
                "then backfill in batches:\nUPDATE ",
                type);
  pf__put_table(&s, &x->c->table);
  pf_buf_puts(&s, " SET ");
  pf__put_ident(&s, x->c->new_name);
  pf_buf_puts(&s, " = ");
  pf__put_ident(&s, x->c->column);
  pf_buf_puts(&s, " WHERE ");
  pf__put_ident(&s, x->c->new_name);
  pf_buf_puts(&s, " IS NULL AND id BETWEEN :lo AND :hi;\n-- deploy code that "
                  "reads the new name, then in a later migration:\nALTER "
                  "TABLE ");
  pf__put_table(&s, &x->c->table);
  pf_buf_puts(&s, " DROP COLUMN ");
  pf__put_ident(&s, x->c->column);
  pf_buf_puts(&s, ";");
  pf__finding_set_safe(fd, s.data);
  pf_buf_clear(&q);
  pf_buf_clear(&s);
}

// DROP ... IF EXISTS of a table, column or index the database or the
// earlier migrations say is not there: PostgreSQL only says so (a NOTICE).
static bool absent_if_exists(const pf__rctx *x)
{
  const pf_facts *f = x->f;
  if (!x->c->if_exists)
    return false;
  switch (x->c->kind) {
  case PF_CHANGE_DROP_COLUMN:
    return f->column_state == PF_FACT_DONE && !f->column_exists;
  case PF_CHANGE_DROP_TABLE:
    return f->table_state == PF_FACT_DONE && !f->table_exists;
  case PF_CHANGE_DROP_INDEX:
    return f->index_state == PF_FACT_DONE && !f->index_exists;
  default:
    return false;
  }
}

static void references_rule(pf__rctx *x, pf_rule_id rule, const char *what)
{
  pf_buf q = PF_BUF_INIT;
  const pf_facts *f = x->f;
  bool column = x->c->kind == PF_CHANGE_DROP_COLUMN;
  if (absent_if_exists(x))
    return;
  pf__quoted(&q, x->c, column);
  pf_severity sev = pf_rule_at(rule)->severity;
  pf_finding *fd;
  if (f->code_scanned && f->nrefs) {
    sev = PF_SEV_ERROR;
    fd = pf__radd(x, rule, sev, "%s %s breaks %lld reference%s in the code",
                  what, q.data, (long long)f->nrefs, f->nrefs == 1 ? "" : "s");
  } else if (f->code_scanned) {
    fd =
        pf__radd(x, rule, sev, "%s %s: no references found in the scanned code",
                 what, q.data);
  } else {
    fd =
        pf__radd(x, rule, sev,
                 "%s %s breaks code that still uses it (code not scanned; pass "
                 "--code)",
                 what, q.data);
  }
  pf__add_refs(x, fd);
  // What the drop destroys; a dependency that makes it fail overrides it.
  if (rule != PF_RULE_RENAMING_TABLE)
    pf__lost_verdict(x, fd);
  pf__add_deps(x, fd);
  pf__add_table_size(x, fd);
  if (rule == PF_RULE_RENAMING_TABLE)
    pf__safe_rename_table(x, fd);
  else if (rule == PF_RULE_DROPPING_COLUMN)
    pf__safe_drop_column(x, fd);
  else if (rule == PF_RULE_DROPPING_TABLE)
    pf__safe_drop_table(x, fd);
  pf_buf_clear(&q);
}

static void set_not_null(pf__rctx *x)
{
  const pf_facts *f = x->f;
  if (f->created_here || pf__table_missing(f))
    return;
  if (f->column_state == PF_FACT_DONE && f->column_exists && f->column_not_null)
    return; // already NOT NULL: a no-op
  if (f->not_null_proven && (!f->server_version || f->server_version >= 120000))
    return; // a valid CHECK proves it: PostgreSQL 12+ skips the scan
  pf_buf q = PF_BUF_INIT, s = PF_BUF_INIT;
  pf__quoted(&q, x->c, true);
  pf_buf col = PF_BUF_INIT; // the column as SQL writes it
  pf__put_ident(&col, x->c->column);
  pf_finding *fd;
  const pf_live_probe *p = &f->data;
  pf_buf what = PF_BUF_INIT;
  pf_buf_printf(&what, "rows where %s IS NULL", col.data);
  bool done = f->data_ran && p->status == PF_LIVE_DONE;
  if (done && (p->count > 0 || !p->exact)) {
    if (p->exact)
      fd = pf__radd(x, PF_RULE_SETTING_NOT_NULL, PF_SEV_ERROR,
                    "SET NOT NULL on %s will fail: %lld %s NULL", q.data,
                    (long long)p->count, p->count == 1 ? "row is" : "rows are");
    else
      fd = pf__radd(x, PF_RULE_SETTING_NOT_NULL, PF_SEV_ERROR,
                    "SET NOT NULL on %s will fail: at least 1 row is NULL",
                    q.data);
  } else if (done) {
    fd = pf__radd(
        x, PF_RULE_SETTING_NOT_NULL, PF_SEV_WARNING,
        "SET NOT NULL on %s scans the table under ACCESS EXCLUSIVE (no "
        "NULL rows now)",
        q.data);
  } else if (f->data_ran && p->status == PF_LIVE_INCONCLUSIVE) {
    fd = pf__radd(
        x, PF_RULE_SETTING_NOT_NULL, PF_SEV_WARNING,
        "SET NOT NULL on %s scans the table under ACCESS EXCLUSIVE and "
        "fails on any NULL row (count inconclusive: time limit reached)",
        q.data);
  } else {
    fd = pf__radd(
        x, PF_RULE_SETTING_NOT_NULL, PF_SEV_WARNING,
        "SET NOT NULL on %s scans the table under ACCESS EXCLUSIVE and "
        "fails on any NULL row%s",
        q.data,
        !f->db        ? " (unverified: no database)"
        : f->data_ran ? " (not checked)"
                      : "");
  }
  pf__data_evidence(x, fd, p, what.data);
  pf_buf_clear(&what);
  pf__add_table_size(x, fd);
  bool pre12 = pf__version_before(f, 120000);
  if (pre12 && f->not_null_proven)
    pf__version_note(x, fd,
                     "before 12, SET NOT NULL scans the table even when a "
                     "validated CHECK (col IS NOT NULL) proves it");
  // Generated steps with this statement's names.
  pf_buf name = PF_BUF_INIT;
  pf_buf_printf(&name, "%s_%s_not_null", x->c->table.name, x->c->column);
  pf_buf_puts(&s, "UPDATE ");
  pf__put_table(&s, &x->c->table);
  pf_buf_puts(&s, " SET ");
  pf__put_ident(&s, x->c->column);
  pf_buf_puts(&s, " = <value> WHERE ");
  pf__put_ident(&s, x->c->column);
  pf_buf_puts(&s, " IS NULL;  -- backfill in batches\nALTER TABLE ");
  pf__put_table(&s, &x->c->table);
  pf_buf_puts(&s, " ADD CONSTRAINT ");
  pf__put_ident(&s, name.data);
  pf_buf_puts(&s, "\n  CHECK (");
  pf__put_ident(&s, x->c->column);
  pf_buf_puts(&s, " IS NOT NULL) NOT VALID;\nALTER TABLE ");
  pf__put_table(&s, &x->c->table);
  pf_buf_puts(&s, " VALIDATE CONSTRAINT ");
  pf__put_ident(&s, name.data);
  if (pre12) {
    // The constraint is the guarantee: SET NOT NULL would scan anyway.
    pf_buf_puts(&s, ";\n-- PostgreSQL ");
    pf__put_version(&s, f->server_version);
    pf_buf_puts(&s, " scans for SET NOT NULL even with this constraint (12 "
                    "and later do not):\n-- keep the validated CHECK as the "
                    "guarantee, or SET NOT NULL in a quiet window:\n-- ALTER "
                    "TABLE ");
    pf__put_table(&s, &x->c->table);
    pf_buf_puts(&s, " ALTER COLUMN ");
    pf__put_ident(&s, x->c->column);
    pf_buf_puts(&s, " SET NOT NULL;");
  } else {
    pf_buf_puts(&s, ";\nALTER TABLE ");
    pf__put_table(&s, &x->c->table);
    pf_buf_puts(&s, " ALTER COLUMN ");
    pf__put_ident(&s, x->c->column);
    pf_buf_puts(&s, " SET NOT NULL;  -- no scan: the constraint proves it\n"
                    "ALTER TABLE ");
    pf__put_table(&s, &x->c->table);
    pf_buf_puts(&s, " DROP CONSTRAINT ");
    pf__put_ident(&s, name.data);
    pf_buf_puts(&s, ";");
  }
  pf__finding_set_safe(fd, s.data);
  pf_buf_clear(&name);
  pf_buf_clear(&col);
  pf_buf_clear(&q);
  pf_buf_clear(&s);
}

static void add_column(pf__rctx *x)
{
  const pf_facts *f = x->f;
  if (f->created_here || pf__table_missing(f))
    return;
  pf_buf q = PF_BUF_INIT;
  pf__quoted(&q, x->c, true);
  if (x->c->not_null && !x->c->has_default) {
    pf_finding *fd;
    const pf_live_probe *p = &f->data;
    bool done = f->data_ran && p->status == PF_LIVE_DONE;
    if (done && (p->count > 0 || !p->exact)) {
      fd =
          pf__radd(x, PF_RULE_ADDING_REQUIRED_FIELD, PF_SEV_ERROR,
                   "adding NOT NULL column %s without a DEFAULT will fail: the "
                   "table has rows",
                   q.data);
      fd->verdict = PF_VERDICT_FAILS;
      pf__finding_add_evidence(fd, PF_EV_CHECKED, -1,
                               "the table has at least one row (probe)");
    } else if (done) {
      fd = pf__radd(x, PF_RULE_ADDING_REQUIRED_FIELD, PF_SEV_NOTICE,
                    "adding NOT NULL column %s without a DEFAULT: the table "
                    "is empty now, but fails once it has a row",
                    q.data);
      fd->verdict = PF_VERDICT_PASSES;
      pf__finding_add_evidence(fd, PF_EV_CHECKED, 0,
                               "the table has no row (probe)");
    } else {
      fd = pf__radd(x, PF_RULE_ADDING_REQUIRED_FIELD, PF_SEV_WARNING,
                    "adding NOT NULL column %s without a DEFAULT fails if the "
                    "table has any row%s",
                    q.data, f->db ? "" : " (unverified: no database)");
      if (f->data_ran)
        pf__data_evidence(x, fd, p, "rows");
      else
        fd->verdict = PF_VERDICT_UNVERIFIED;
    }
    pf__add_table_size(x, fd);
    pf__safe_required_field(x, fd);
  }
  // With a database, pg_proc.provolatile decides instead of the name list.
  char vol = x->c->expr ? f->default_volatility : 0;
  bool pg11 = !f->server_version || f->server_version >= 110000;
  bool serial = x->c->ncols && x->c->cols[0].serial;
  if (serial) {
    pf_finding *fd = pf__radd(
        x, PF_RULE_ADDING_VOLATILE_DEFAULT, PF_SEV_WARNING,
        "adding %s column %s rewrites the table under ACCESS EXCLUSIVE: its "
        "DEFAULT is nextval() of a new sequence, a volatile function",
        x->c->cols[0].type_base, q.data);
    pf__add_table_size(x, fd);
    pf__safe_serial(x, fd);
  } else if (vol == 'v' || (!vol && x->c->volatile_default)) {
    pf_finding *fd =
        pf__radd(x, PF_RULE_ADDING_VOLATILE_DEFAULT, PF_SEV_WARNING,
                 "adding column %s with a volatile default (%s) rewrites the "
                 "table under ACCESS EXCLUSIVE",
                 q.data, x->c->expr ? x->c->expr : "identity or generated");
    if (vol)
      pf__finding_add_evidence(fd, PF_EV_NOTE, -1,
                               "pg_proc says %s is volatile (provolatile)",
                               f->default_func);
    pf__add_table_size(x, fd);
    pf__safe_volatile_default(x, fd);
  } else if (!pg11 && x->c->has_default && !pf__default_is_null(x->c->expr)) {
    // Before PostgreSQL 11 every DEFAULT but NULL is written into every
    // row, a constant too (the server's version or --pg-version says so).
    pf_buf v = PF_BUF_INIT;
    pf__put_version(&v, f->server_version);
    pf_finding *fd = pf__radd(
        x, PF_RULE_ADDING_VOLATILE_DEFAULT, PF_SEV_WARNING,
        "adding column %s with a default (%s) rewrites the table under "
        "ACCESS EXCLUSIVE: the server is PostgreSQL %s, before 11",
        q.data, x->c->expr ? x->c->expr : "?", v.data);
    pf__version_note(x, fd,
                     "before 11, ADD COLUMN writes any DEFAULT but NULL into "
                     "every row");
    pf__add_table_size(x, fd);
    pf__safe_volatile_default(x, fd);
    pf_buf_clear(&v);
  } else if (vol && x->c->volatile_default) {
    // The name list guessed volatile; the catalog says otherwise.
    pf_finding *fd = pf__radd(
        x, PF_RULE_ADDING_VOLATILE_DEFAULT, PF_SEV_NOTICE,
        "adding column %s with default (%s): pg_proc says %s is %s, so "
        "PostgreSQL 11+ stores the default in the catalog without a rewrite",
        q.data, x->c->expr, f->default_func,
        vol == 's' ? "stable" : "immutable");
    pf__finding_add_evidence(
        fd, PF_EV_NOTE, -1, "pg_proc says %s is %s (provolatile)",
        f->default_func, vol == 's' ? "stable" : "immutable");
    pf_buf s = PF_BUF_INIT;
    pf__put_stmt(&s, x);
    pf_buf_puts(&s, ";  -- as it is: no rewrite");
    pf__finding_set_safe(fd, s.data);
    pf_buf_clear(&s);
  }
  pf_buf_clear(&q);
}

static void add_constraint(pf__rctx *x)
{
  if (x->f->created_here || x->c->new_table)
    return;
  if (x->c->from_def) {
    pf__rules_def_constraint(x);
    return;
  }
  pf_buf q = PF_BUF_INIT, s = PF_BUF_INIT;
  pf__quoted(&q, x->c, false);
  const char *name = x->c->constraint ? x->c->constraint : "<constraint>";
  pf_finding *fd = NULL;
  switch (x->c->cons) {
  case PF_CONS_FOREIGN_KEY:
  case PF_CONS_CHECK:
    if (x->c->not_valid)
      break;
    if (x->c->cons == PF_CONS_FOREIGN_KEY)
      fd = pf__radd(x, PF_RULE_ADD_FOREIGN_KEY_VALIDATING, PF_SEV_WARNING,
                    "adding foreign key \"%s\" on %s validates every row while "
                    "blocking writes to both tables",
                    name, q.data);
    else
      fd =
          pf__radd(x, PF_RULE_ADD_CHECK_VALIDATING, PF_SEV_WARNING,
                   "adding CHECK constraint \"%s\" on %s scans the table under "
                   "ACCESS EXCLUSIVE",
                   name, q.data);
    pf__put_stmt(&s, x);
    pf_buf_puts(&s, " NOT VALID;\nALTER TABLE ");
    pf__put_table(&s, &x->c->table);
    pf_buf_puts(&s, " VALIDATE CONSTRAINT ");
    pf__put_ident(&s, name);
    pf_buf_puts(&s, ";");
    pf__finding_set_safe(fd, s.data);
    break;
  case PF_CONS_UNIQUE:
  case PF_CONS_PRIMARY_KEY:
    if (x->c->index)
      break; // USING INDEX: instant
    fd = pf__radd(
        x, PF_RULE_ADDING_UNIQUE_CONSTRAINT, PF_SEV_WARNING,
        "adding %s constraint on %s builds a unique index under ACCESS "
        "EXCLUSIVE",
        x->c->cons == PF_CONS_UNIQUE ? "UNIQUE" : "PRIMARY KEY", q.data);
    if (x->c->ncolumns) {
      pf_buf_printf(&s, "CREATE UNIQUE INDEX CONCURRENTLY ");
      pf__put_ident(&s, name);
      pf_buf_puts(&s, " ON ");
      pf__put_table(&s, &x->c->table);
      pf_buf_puts(&s, " (");
      for (uint32_t i = 0; i < x->c->ncolumns; i++) {
        if (i)
          pf_buf_puts(&s, ", ");
        pf__put_ident(&s, x->c->columns[i]);
      }
      pf_buf_puts(&s, ");\nALTER TABLE ");
      pf__put_table(&s, &x->c->table);
      pf_buf_puts(&s, " ADD CONSTRAINT ");
      pf__put_ident(&s, name);
      pf_buf_printf(&s, " %s USING INDEX ",
                    x->c->cons == PF_CONS_UNIQUE ? "UNIQUE" : "PRIMARY KEY");
      pf__put_ident(&s, name);
      pf_buf_puts(&s, ";");
      pf__finding_set_safe(fd, s.data);
    }
    break;
  default:
    break;
  }
  if (fd)
    pf__add_table_size(x, fd);
  pf_buf_clear(&q);
  pf_buf_clear(&s);
}

static void create_index(pf__rctx *x)
{
  if (x->c->concurrently || x->f->created_here)
    return;
  // ON ONLY a partitioned table builds nothing: the first step of the
  // documented pattern (PostgreSQL 15 docs, 5.11.2.2).
  if (x->c->only && x->c->effect == PF_EFFECT_NONE)
    return;
  // Before PostgreSQL 11 a partitioned table has no indexes at all, so
  // neither ON ONLY nor CONCURRENTLY helps: requires-newer-server says it.
  if (x->c->partitioned && pf__version_before(x->f, 110000))
    return;
  pf_buf q = PF_BUF_INIT;
  pf__quoted(&q, x->c, false);
  pf_finding *fd;
  if (x->c->partitioned) {
    fd = pf__radd(x, PF_RULE_CREATE_INDEX_NON_CONCURRENTLY, PF_SEV_WARNING,
                  "creating index \"%s\" on partitioned table %s builds it on "
                  "every partition, blocking writes to each while it builds "
                  "(CONCURRENTLY is refused on a partitioned table)",
                  x->c->index ? x->c->index : "(unnamed)", q.data);
    pf__safe_partitioned_index(x, fd);
  } else {
    fd = pf__radd(x, PF_RULE_CREATE_INDEX_NON_CONCURRENTLY, PF_SEV_WARNING,
                  "creating index \"%s\" on %s without CONCURRENTLY "
                  "blocks writes while it builds",
                  x->c->index ? x->c->index : "(unnamed)", q.data);
    if (x->c->concurrent_sql)
      pf__set_concurrent_safe(x, fd);
    else
      pf__safe_index_concurrently(x, fd);
  }
  pf__add_table_size(x, fd);
  pf_buf_clear(&q);
}

static void drop_index(pf__rctx *x)
{
  const pf_facts *f = x->f;
  if (absent_if_exists(x))
    return;
  const char *name = x->c->index ? x->c->index : "?";
  pf_finding *first = NULL; // carries the dependencies
  if (!x->c->concurrently) {
    pf_finding *fd = first =
        pf__radd(x, PF_RULE_DROP_INDEX_NON_CONCURRENTLY, PF_SEV_WARNING,
                 "dropping index \"%s\" without CONCURRENTLY takes "
                 "ACCESS EXCLUSIVE on its table",
                 name);
    if (x->c->concurrent_sql)
      pf__set_concurrent_safe(x, fd);
    else // one of several indexes, or CASCADE: one statement each
      pf__safe_drop_index(x, fd);
  }
  if (f->index_state == PF_FACT_DONE && f->index_exists) {
    pf_finding *fd;
    if (f->index_scans > 0) {
      fd = pf__radd(x, PF_RULE_DROPPING_INDEX_IN_USE, PF_SEV_WARNING,
                    "index \"%s\" is in use: scanned %lld times since "
                    "statistics were reset",
                    name, (long long)f->index_scans);
    } else {
      fd = pf__radd(x, PF_RULE_DROPPING_INDEX_IN_USE, PF_SEV_NOTICE,
                    "index \"%s\" was never scanned since statistics were "
                    "reset",
                    name);
    }
    pf__finding_add_evidence(fd, PF_EV_INDEX_USAGE, f->index_scans,
                             "%lld index scans (pg_stat_user_indexes.idx_scan)",
                             (long long)f->index_scans);
    if (f->index_backs_constraint)
      pf__finding_add_evidence(fd, PF_EV_NOTE, -1,
                               "the index backs a constraint");
    pf__safe_index_in_use(x, fd);
    first = fd;
  }
  pf__add_deps(x, first);
}

// With a database: the statement's target must exist.
static void missing_target(pf__rctx *x)
{
  const pf_facts *f = x->f;
  const pf_change *c = x->c;
  if ((!f->db && !f->schema_known) || c->if_exists)
    return;
  if (f->db && f->created_here)
    return;
  const char *from =
      f->db ? "" : " (as the earlier migrations leave the schema)";
  pf_buf q = PF_BUF_INIT;
  if (c->kind == PF_CHANGE_DROP_INDEX) {
    if (f->index_state == PF_FACT_DONE && !f->index_exists)
      pf__radd(x, PF_RULE_MISSING_TARGET, PF_SEV_ERROR,
               "index \"%s\" does not exist%s: the statement will fail",
               c->index ? c->index : "?", from)
          ->verdict = PF_VERDICT_FAILS;
  } else if (c->kind != PF_CHANGE_CREATE_TABLE && c->table.name &&
             f->table_state == PF_FACT_DONE && !f->table_exists) {
    pf__radd(x, PF_RULE_MISSING_TARGET, PF_SEV_ERROR,
             "table %s does not exist%s: the statement will fail",
             pf__quoted(&q, c, false), from)
        ->verdict = PF_VERDICT_FAILS;
  } else if (c->kind != PF_CHANGE_ADD_COLUMN &&
             // ADD COLUMN ... REFERENCES / UNIQUE: the statement adds the
             // column the constraint is on; the catalog cannot have it yet.
             !(c->kind == PF_CHANGE_ADD_CONSTRAINT && c->from_def) &&
             c->column && f->column_state == PF_FACT_DONE &&
             !f->column_exists) {
    pf__radd(x, PF_RULE_MISSING_TARGET, PF_SEV_ERROR,
             "column %s does not exist%s: the statement will fail",
             pf__quoted(&q, c, true), from)
        ->verdict = PF_VERDICT_FAILS;
  }
  pf_buf_clear(&q);
}

// The first duplicate among @n names, or NULL.
static const char *first_duplicate(const char *const *names, uint32_t n)
{
  for (uint32_t i = 1; i < n; i++) {
    for (uint32_t k = 0; k < i; k++) {
      if (names[i] && names[k] && strcmp(names[i], names[k]) == 0)
        return names[i];
    }
  }
  return NULL;
}

static void duplicate_columns(pf__rctx *x)
{
  const pf_change *c = x->c;
  const char *dup = NULL;
  if (c->kind == PF_CHANGE_UPDATE) {
    dup = first_duplicate(c->columns, c->ncolumns);
  } else if (c->kind == PF_CHANGE_CREATE_TABLE && c->ncols > 1) {
    const char **names = pf_xmalloc(sizeof(char *) * c->ncols);
    for (uint32_t i = 0; i < c->ncols; i++)
      names[i] = c->cols[i].name;
    dup = first_duplicate(names, c->ncols);
    free(names);
  } else if (c->kind == PF_CHANGE_ADD_COLUMN && c->column) {
    // A second ADD COLUMN of the same name in the same statement.
    const pf_stmt *st = &x->m->stmts.items[c->stmt];
    for (uint32_t i = st->first_change; x->m->changes.items + i < c; i++) {
      const pf_change *o = &x->m->changes.items[i];
      if (o->kind == PF_CHANGE_ADD_COLUMN && o->column &&
          strcmp(o->column, c->column) == 0)
        dup = c->column;
    }
  }
  if (dup) {
    pf_finding *fd = pf__radd(x, PF_RULE_DUPLICATE_COLUMN, PF_SEV_ERROR,
                              "column \"%s\" is specified more than once: "
                              "PostgreSQL rejects the statement",
                              dup);
    fd->verdict = PF_VERDICT_FAILS;
    pf__safe_duplicate(x, fd, dup);
  }
}

// The first family: compatibility, data and the locking rules of issue 2.
void pf__rules_core(pf__rctx *x)
{
  const pf_facts *facts = x->f;
  duplicate_columns(x);
  pf_buf q = PF_BUF_INIT;
  missing_target(x);
  switch (x->c->kind) {
  case PF_CHANGE_RENAME_COLUMN:
    rename_column(x);
    break;
  case PF_CHANGE_RENAME_TABLE: {
    pf_buf w = PF_BUF_INIT;
    pf_buf_printf(&w, "renaming to \"%s\" table",
                  x->c->new_name ? x->c->new_name : "?");
    references_rule(x, PF_RULE_RENAMING_TABLE, w.data);
    pf_buf_clear(&w);
    break;
  }
  case PF_CHANGE_DROP_COLUMN:
    references_rule(x, PF_RULE_DROPPING_COLUMN, "dropping column");
    break;
  case PF_CHANGE_DROP_TABLE:
    references_rule(x, PF_RULE_DROPPING_TABLE, "dropping table");
    break;
  case PF_CHANGE_SET_NOT_NULL:
    set_not_null(x);
    break;
  case PF_CHANGE_ADD_COLUMN:
    add_column(x);
    break;
  case PF_CHANGE_ALTER_COLUMN_TYPE:
    if (x->c->check_name && x->c->effect == PF_EFFECT_SCAN) {
      if (!facts->created_here)
        pf__rules_type_recheck(x);
      break;
    }
    // Binary-coercible changes (varchar(20) to text, ...) keep the data as
    // it is: no rewrite, whether the old type came from this file, the
    // earlier migrations or the database.
    if (x->c->effect == PF_EFFECT_NONE ||
        (facts->column_type && x->c->type && !x->c->expr &&
         pf__type_change_is_binary_coercible(facts->column_type, x->c->type)))
      break;
    if (!facts->created_here) {
      pf_finding *fd =
          pf__radd(x, PF_RULE_CHANGING_COLUMN_TYPE, PF_SEV_WARNING,
                   "changing the type of %s to %s rewrites the table "
                   "under ACCESS EXCLUSIVE",
                   pf__quoted(&q, x->c, true), x->c->type ? x->c->type : "?");
      pf__add_table_size(x, fd);
      pf__add_refs(x, fd);
      pf__safe_type_change(x, fd);
    }
    break;
  case PF_CHANGE_ADD_CONSTRAINT:
    add_constraint(x);
    break;
  case PF_CHANGE_DROP_CONSTRAINT:
    if (!facts->created_here) {
      pf_finding *fd = pf__radd(x, PF_RULE_DROPPING_CONSTRAINT, PF_SEV_NOTICE,
                                "dropping constraint \"%s\" of %s removes "
                                "the guarantee it gave",
                                x->c->constraint ? x->c->constraint : "?",
                                pf__quoted(&q, x->c, false));
      pf__add_deps(x, fd);
      pf__safe_drop_constraint(x, fd);
    }
    break;
  case PF_CHANGE_DROP_NOT_NULL: {
    pf_finding *fd = pf__radd(
        x, PF_RULE_BAN_DROP_NOT_NULL, PF_SEV_WARNING,
        "dropping NOT NULL on %s lets NULLs in where readers expect a value",
        pf__quoted(&q, x->c, true));
    pf__add_refs(x, fd);
    pf__safe_drop_not_null(x, fd);
    break;
  }
  case PF_CHANGE_UPDATE:
  case PF_CHANGE_DELETE:
    if (!x->c->where_all || facts->created_here)
      break;
    if (x->c->kind == PF_CHANGE_UPDATE) {
      pf_finding *fd = pf__radd(x, PF_RULE_BAN_UNBATCHED_UPDATE, PF_SEV_WARNING,
                                "UPDATE of every row of %s in one "
                                "transaction: every row stays locked until "
                                "commit",
                                pf__quoted(&q, x->c, false));
      pf__add_table_size(x, fd);
      pf__safe_unbatched_update(x, fd);
    } else {
      pf_finding *fd = pf__radd(x, PF_RULE_BAN_DELETE_ALL_ROWS, PF_SEV_ERROR,
                                "DELETE without WHERE removes every row of %s",
                                pf__quoted(&q, x->c, false));
      pf__lost_verdict(x, fd);
      pf__add_table_size(x, fd);
      pf__safe_delete_all(x, fd);
    }
    break;
  case PF_CHANGE_CREATE_INDEX: {
    // "max-columns" in the configuration; 0 means the default, three.
    uint32_t max_cols = x->f->index_max_columns ? x->f->index_max_columns : 3;
    char past[16];
    snprintf(past, sizeof(past), "%u", max_cols);
    create_index(x);
    if (!x->c->unique && x->c->ncolumns > max_cols)
      pf__safe_index_columns(
          x,
          pf__radd(x, PF_RULE_INDEX_TOO_MANY_COLUMNS, PF_SEV_NOTICE,
                   "index \"%s\" has %u columns: past %s, a non-unique "
                   "index rarely pays for its size and write cost",
                   x->c->index ? x->c->index : "(unnamed)", x->c->ncolumns,
                   max_cols == 3 ? "three" : past),
          max_cols);
    break;
  }
  case PF_CHANGE_DROP_INDEX:
    drop_index(x);
    break;
  default:
    break;
  }
  pf_buf_clear(&q);
}

// "12 kB" for messages.
static void put_bytes(pf_buf *b, int64_t n)
{
  if (n < 1024)
    pf_buf_printf(b, "%lld bytes", (long long)n);
  else if (n < 1024 * 1024)
    pf_buf_printf(b, "%lld kB", (long long)(n / 1024));
  else
    pf_buf_printf(b, "%lld MB", (long long)(n / (1024 * 1024)));
}

// An existing table the database says is tiny (under PF_TINY_TABLE_ROWS
// rows and PF_TINY_TABLE_BYTES) is no locking risk: the lock is held for
// milliseconds. Its locking and rewrite warnings from @first on become
// notices that say how big it is. Findings that will fail stay.
static void tiny_table(pf__rctx *x, uint32_t first)
{
  const pf_facts *f = x->f;
  if (!f->db || f->schema_known || f->table_state != PF_FACT_DONE ||
      !f->table_exists || f->table_bytes < 0 ||
      f->table_bytes >= PF_TINY_TABLE_BYTES ||
      f->table_rows >= PF_TINY_TABLE_ROWS)
    return;
  pf_buf size = PF_BUF_INIT;
  if (f->table_rows >= 0)
    pf_buf_printf(&size, "table has ~%lld row%s, ", (long long)f->table_rows,
                  f->table_rows == 1 ? "" : "s");
  else
    pf_buf_puts(&size, "table was never analyzed, ");
  put_bytes(&size, f->table_bytes);
  pf_buf_puts(&size, " with indexes (pg_class)");
  for (uint32_t i = first; i < x->r->findings.len; i++) {
    pf_finding *fd = &x->r->findings.items[i];
    const pf_rule_info *ri = pf_rule_at(fd->rule);
    bool locking = ri && !strcmp(ri->family, "locking");
    // A data check that passed leaves only the lock to warn about; a drop
    // that destroys nothing still breaks the code that uses what it drops.
    bool passed =
        fd->verdict == PF_VERDICT_PASSES && ri && !strcmp(ri->family, "data");
    if (fd->severity != PF_SEV_WARNING || fd->verdict == PF_VERDICT_FAILS ||
        !(locking || passed))
      continue;
    fd->severity = PF_SEV_NOTICE;
    pf_buf m = PF_BUF_INIT;
    pf_buf_printf(&m, "%s (tiny table: %s)", fd->message, size.data);
    free(fd->message);
    fd->message = pf_xstrdup(m.data);
    pf_buf_clear(&m);
    pf__finding_add_evidence(fd, PF_EV_NOTE, -1,
                             "%s: under %d rows and %d MB, the lock is held "
                             "briefly",
                             size.data, PF_TINY_TABLE_ROWS,
                             PF_TINY_TABLE_BYTES / (1024 * 1024));
  }
  pf_buf_clear(&size);
}

void pf__facts_reset(pf_facts *self, bool with_db)
{
  memset(self, 0, with_db ? sizeof(*self) : offsetof(pf_facts, live_type));
}

void pf__rules_eval(const pf_migration *m, uint32_t change,
                    const pf_facts *facts, const pf_source *src, pf_report *r)
{
  pf__rctx x = {m, &m->changes.items[change], facts, src, r};
  uint32_t first = r->findings.len;
  pf__rules_core(&x);
  pf__rules_ddl(&x);
  pf__rules_types(&x);
  pf__rules_data(&x);
  pf__rules_headroom(&x);
  pf__rules_enum(&x);
  pf__rules_version(&x);
  pf__rules_cost(&x, first);
  tiny_table(&x, first);
  // After the cost evidence: the code's INSERTs and literals take no lock.
  pf__rules_code(&x);
}
