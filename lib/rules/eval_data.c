/* Data rules: the verdict of a live data check on a new constraint, key or
 * type (issue 5 and the verdicts of issue 7). */
/* SPDX-License-Identifier: MIT */
#include "rules_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// @what for a count of one: the first plural noun ("rows", "values",
// "groups") loses its "s". Writes into @out.
static const char *singular(const char *what, char *out, size_t size)
{
  snprintf(out, size, "%s", what);
  static const char *const nouns[] = {"rows", "values", "groups", "pairs"};
  for (size_t i = 0; i < 4; i++) {
    char *at = strstr(out, nouns[i]);
    if (at) {
      size_t n = strlen(nouns[i]);
      memmove(at + n - 1, at + n, strlen(at + n) + 1);
      break;
    }
  }
  return out;
}

pf_verdict pf__data_evidence(pf__rctx *x, pf_finding *fd,
                             const pf_live_probe *p, const char *what)
{
  char one[160];
  if (!x->f->data_ran && p == &x->f->data) {
    fd->verdict = PF_VERDICT_UNVERIFIED;
    return fd->verdict;
  }
  switch (p->status) {
  case PF_LIVE_DONE:
    if (p->count > 0 || (!p->exact && p->count != 0)) {
      fd->verdict = PF_VERDICT_FAILS;
      if (p->exact)
        pf__finding_add_evidence(
            fd, PF_EV_ROWS, p->count, "%lld %s (exact count)",
            (long long)p->count,
            p->count == 1 ? singular(what, one, sizeof(one)) : what);
      else if (!strcmp(p->method, "catalog"))
        pf__finding_add_evidence(fd, PF_EV_CHECKED, -1, "%s (catalog)",
                                 p->checked);
      else
        pf__finding_add_evidence(fd, PF_EV_ROWS, -1,
                                 "at least 1 %s (the probe stopped at the "
                                 "first; %s)",
                                 singular(what, one, sizeof(one)),
                                 p->why[0] ? p->why
                                           : "the table is large for the "
                                             "budget: pass --exact to count");
      // What a drop destroys, when only the probe ran: the statistics say
      // about how much (an estimate below the 1 found says nothing).
      if (!p->exact && p->estimate > 1)
        pf__finding_add_evidence(fd, PF_EV_ESTIMATE, p->estimate,
                                 "estimate: about %lld (%s)",
                                 (long long)p->estimate, p->estimate_src);
      if (p->rows_in > 0)
        pf__finding_add_evidence(fd, PF_EV_ROWS, p->rows_in,
                                 "%lld rows in those groups",
                                 (long long)p->rows_in);
      if (p->judged)
        pf__finding_add_evidence(fd, PF_EV_NOTE, -1, "%s", p->judged);
      if (p->unjudged > 0)
        pf__finding_add_evidence(fd, PF_EV_NOTE, -1,
                                 "%lld more value%s in a form the check does "
                                 "not judge (not counted above)",
                                 (long long)p->unjudged,
                                 p->unjudged == 1 ? "" : "s");
      if (p->values[0])
        pf__finding_add_evidence(fd, PF_EV_VALUES, -1,
                                 "first offending keys: %s", p->values);
      if (p->note[0])
        pf__finding_add_evidence(fd, PF_EV_NOTE, -1, "%s", p->note);
    } else {
      fd->verdict = PF_VERDICT_PASSES;
      if (!strcmp(p->method, "catalog"))
        pf__finding_add_evidence(fd, PF_EV_CHECKED, 0, "%s", p->checked);
      else if (p->judged)
        pf__finding_add_evidence(fd, PF_EV_CHECKED, 0, "no %s: %s (%s)", what,
                                 p->judged, p->method);
      else
        pf__finding_add_evidence(fd, PF_EV_CHECKED, 0,
                                 "no %s: checked WHERE %s (%s)", what,
                                 p->checked, p->method);
      if (p->note[0])
        pf__finding_add_evidence(fd, PF_EV_NOTE, -1, "%s", p->note);
    }
    break;
  case PF_LIVE_INCONCLUSIVE:
    fd->verdict = PF_VERDICT_INCONCLUSIVE;
    pf__finding_add_evidence(fd, PF_EV_NOTE, -1, "check inconclusive: %s",
                             p->why[0] ? p->why : "time limit reached");
    if (p->estimate >= 0)
      pf__finding_add_evidence(fd, PF_EV_ESTIMATE, p->estimate,
                               "estimate: about %lld (%s)",
                               (long long)p->estimate, p->estimate_src);
    if (p->note[0])
      pf__finding_add_evidence(fd, PF_EV_NOTE, -1, "%s", p->note);
    break;
  case PF_LIVE_DENIED:
  case PF_LIVE_NOT_EVALUATED:
    fd->verdict = PF_VERDICT_UNVERIFIED;
    pf__finding_add_evidence(fd, PF_EV_NOTE, -1, "%s", p->why);
    if (p->judged)
      pf__finding_add_evidence(fd, PF_EV_NOTE, -1, "%s", p->judged);
    break;
  default:
    fd->verdict = PF_VERDICT_NONE;
    break;
  }
  return fd->verdict;
}

void pf__lost_verdict(pf__rctx *x, pf_finding *fd)
{
  const pf_facts *f = x->f;
  const pf_change *c = x->c;
  const pf_live_probe *p = &f->data;
  if (!fd || f->created_here || pf__table_missing(f) ||
      (f->data_ran && p->status == PF_LIVE_MISSING))
    return;
  bool column = c->kind == PF_CHANGE_DROP_COLUMN;
  // TRUNCATE ... CASCADE also empties the tables that reference this one,
  // which are not counted: an empty table settles nothing.
  bool cascade = c->kind == PF_CHANGE_TRUNCATE;
  bool done = f->data_ran && p->status == PF_LIVE_DONE;
  bool lost = done && (p->count > 0 || !p->exact);
  pf_buf m = PF_BUF_INIT, t = PF_BUF_INIT, what = PF_BUF_INIT;
  char one[160];
  pf__put_quoted(&t, c->table.name ? c->table.name : "?");
  // "non-NULL values in "notes"", "rows in "orders"".
  pf_buf_puts(&what, column ? "non-NULL values in " : "rows in ");
  if (column)
    pf__put_quoted(&what, c->column ? c->column : "?");
  else
    pf_buf_puts(&what, t.data);
  if (lost) {
    pf_buf_printf(&m, "%s; it destroys ", fd->message);
    if (p->exact)
      pf_buf_printf(&m, "%lld %s%s", (long long)p->count,
                    column ? "non-NULL value" : "row",
                    p->count == 1 ? "" : "s");
    else
      pf_buf_printf(&m, "at least 1 %s", column ? "non-NULL value" : "row");
    if (cascade)
      pf_buf_printf(&m, " of %s, and the rows of the tables CASCADE empties",
                    t.data);
    pf__data_evidence(x, fd, p, what.data);
  } else if (done && !cascade) {
    pf_buf_printf(&m, "%s; nothing to destroy now: %s", fd->message,
                  column ? "the column is NULL in every row"
                         : "the table is empty");
    fd->verdict = PF_VERDICT_PASSES;
    if (!strcmp(p->method, "catalog"))
      pf__finding_add_evidence(fd, PF_EV_CHECKED, 0, "%s", p->checked);
    else if (column) // "no non-NULL value in "notes": checked WHERE ..."
      pf__finding_add_evidence(
          fd, PF_EV_CHECKED, 0, "no %s: checked WHERE %s (%s)",
          singular(what.data, one, sizeof(one)), p->checked, p->method);
    else
      pf__finding_add_evidence(fd, PF_EV_CHECKED, 0, "no %s (%s)",
                               singular(what.data, one, sizeof(one)),
                               p->method);
    if (p->note[0])
      pf__finding_add_evidence(fd, PF_EV_NOTE, -1, "%s", p->note);
  } else if (done) {
    fd->verdict = PF_VERDICT_UNVERIFIED;
    pf__finding_add_evidence(fd, PF_EV_NOTE, -1,
                             "%s has no row, but the tables CASCADE also "
                             "empties are not checked",
                             t.data);
  } else {
    pf__data_evidence(x, fd, p, what.data);
  }
  if (cascade && lost)
    pf__finding_add_evidence(fd, PF_EV_NOTE, -1,
                             "only the rows of %s are counted, not those of "
                             "the tables CASCADE also empties",
                             t.data);
  if (m.len) {
    free(fd->message);
    fd->message = pf_xstrdup(m.data);
  }
  pf_buf_clear(&m);
  pf_buf_clear(&t);
  pf_buf_clear(&what);
}

// The query that lists what blocks the statement, with its own names, as
// the safe first step: "fix these rows first".
static void set_finder(pf__rctx *x, pf_finding *fd, const char *select,
                       const char *where, const char *tail_sql,
                       const char *comment)
{
  pf_buf s = PF_BUF_INIT;
  pf_buf_printf(&s, "-- %s:\nSELECT %s FROM ", comment, select);
  pf__put_table(&s, &x->c->table);
  if (where)
    pf_buf_printf(&s, " t WHERE %s", where);
  if (tail_sql)
    pf_buf_printf(&s, " %s", tail_sql);
  pf_buf_puts(&s, ";");
  pf__finding_set_safe(fd, s.data);
  pf_buf_clear(&s);
}

// "a, b" of the change's columns as SQL; @prefix before each.
static void put_list(pf_buf *b, const char *const *cols, uint32_t n,
                     const char *prefix, const char *suffix, const char *sep)
{
  for (uint32_t i = 0; i < n; i++) {
    if (i)
      pf_buf_puts(b, sep);
    pf_buf_puts(b, prefix);
    pf__put_ident(b, cols[i]);
    pf_buf_puts(b, suffix);
  }
}

// The columns of the change as "(a, b)".
static void put_cols(pf_buf *b, const pf_change *c)
{
  pf_buf_putc(b, '(');
  for (uint32_t i = 0; i < c->ncolumns; i++) {
    if (i)
      pf_buf_puts(b, ", ");
    pf__put_ident(b, c->columns[i]);
  }
  pf_buf_putc(b, ')');
}

// Severity for a verdict: fails is an error, inconclusive a warning, the
// rest notices (passes is evidence; unverified says what a database would
// settle).
static pf_severity sev_of(const pf__rctx *x, const pf_live_probe *p)
{
  if (!x->f->data_ran)
    return PF_SEV_NOTICE;
  if (p->status == PF_LIVE_DONE && (p->count > 0 || !p->exact))
    return PF_SEV_ERROR;
  if (p->status == PF_LIVE_INCONCLUSIVE)
    return PF_SEV_WARNING;
  return PF_SEV_NOTICE;
}

static bool fails(const pf__rctx *x, const pf_live_probe *p)
{
  return x->f->data_ran && p->status == PF_LIVE_DONE &&
         (p->count > 0 || !p->exact);
}

static bool passes(const pf__rctx *x, const pf_live_probe *p)
{
  return x->f->data_ran && p->status == PF_LIVE_DONE && p->exact &&
         p->count == 0;
}

// "N rows" or "at least 1 row" for messages.
static void put_count(pf_buf *b, const pf_live_probe *p, const char *unit,
                      const char *units)
{
  if (p->exact)
    pf_buf_printf(b, "%lld %s", (long long)p->count,
                  p->count == 1 ? unit : units);
  else
    pf_buf_printf(b, "at least 1 %s", unit);
}

static const char *tail(const pf__rctx *x, const pf_live_probe *p)
{
  if (!x->f->data_ran)
    return x->f->db ? " (not checked)" : " (unverified: no database)";
  if (p->status == PF_LIVE_INCONCLUSIVE)
    return " (check inconclusive)";
  if (p->status == PF_LIVE_NOT_EVALUATED)
    return " (not evaluated)";
  if (p->status == PF_LIVE_DENIED)
    return " (not checked: permission denied)";
  return "";
}

static void unique(pf__rctx *x)
{
  const pf_change *c = x->c;
  const pf_live_probe *p = &x->f->data;
  if (x->f->data_ran && p->status == PF_LIVE_MISSING)
    return;
  pf_buf q = PF_BUF_INIT, m = PF_BUF_INIT, cols = PF_BUF_INIT;
  pf__quoted(&q, c, false);
  put_cols(&cols, c);
  const char *what = c->kind == PF_CHANGE_CREATE_INDEX ? "unique index"
                     : c->cons == PF_CONS_PRIMARY_KEY  ? "PRIMARY KEY"
                                                       : "UNIQUE constraint";
  if (fails(x, p)) {
    pf_buf_printf(&m, "%s on %s %s will fail: ", what, q.data, cols.data);
    put_count(&m, p, "duplicate key group", "duplicate key groups");
  } else if (passes(x, p)) {
    pf_buf_printf(&m, "%s on %s %s: no duplicate keys now", what, q.data,
                  cols.data);
  } else {
    pf_buf_printf(&m, "%s on %s %s fails if any key is duplicated%s", what,
                  q.data, cols.data, tail(x, p));
  }
  pf_finding *fd =
      pf__radd(x, PF_RULE_UNIQUE_VIOLATION, sev_of(x, p), "%s", m.data);
  pf__data_evidence(x, fd, p, "duplicate key groups");
  pf__add_table_size(x, fd);
  pf_buf sel = PF_BUF_INIT, tl = PF_BUF_INIT;
  put_list(&sel, c->columns, c->ncolumns, "", "", ", ");
  pf_buf_puts(&sel, ", count(*)");
  pf_buf_puts(&tl, "GROUP BY ");
  put_list(&tl, c->columns, c->ncolumns, "", "", ", ");
  pf_buf_puts(&tl, " HAVING count(*) > 1");
  set_finder(x, fd, sel.data, NULL, tl.data,
             "merge or remove the duplicate keys first");
  pf_buf_clear(&sel);
  pf_buf_clear(&tl);
  pf_buf_clear(&q);
  pf_buf_clear(&m);
  pf_buf_clear(&cols);
}

static void pk_nulls(pf__rctx *x)
{
  const pf_live_probe *p = &x->f->pk_nulls;
  if (x->f->data_ran && !x->f->pk_nulls_ran)
    return;
  if (x->f->pk_nulls_ran &&
      (p->status == PF_LIVE_MISSING ||
       (p->status == PF_LIVE_DONE && !strcmp(p->method, "catalog"))))
    return; // the columns are NOT NULL already: nothing depends on data
  pf_buf q = PF_BUF_INIT, m = PF_BUF_INIT, cols = PF_BUF_INIT;
  pf__quoted(&q, x->c, false);
  put_cols(&cols, x->c);
  if (x->f->pk_nulls_ran && fails(x, p)) {
    pf_buf_printf(&m, "PRIMARY KEY on %s %s will fail: ", q.data, cols.data);
    put_count(&m, p, "row has a NULL key column",
              "rows have a NULL key column");
  } else if (x->f->pk_nulls_ran && passes(x, p)) {
    pf_buf_printf(&m,
                  "PRIMARY KEY on %s %s sets NOT NULL on nullable columns "
                  "(no NULL rows now)",
                  q.data, cols.data);
  } else {
    pf_buf_printf(&m,
                  "PRIMARY KEY on %s %s fails if a key column is NULL in any "
                  "row%s",
                  q.data, cols.data,
                  x->f->pk_nulls_ran ? tail(x, p) : tail(x, &x->f->data));
  }
  pf_finding *fd =
      pf__radd(x, PF_RULE_PRIMARY_KEY_NULLS,
               x->f->pk_nulls_ran ? sev_of(x, p) : PF_SEV_NOTICE, "%s", m.data);
  if (x->f->pk_nulls_ran)
    pf__data_evidence(x, fd, p, "rows with a NULL key column");
  else
    fd->verdict = PF_VERDICT_UNVERIFIED;
  pf_buf w = PF_BUF_INIT;
  put_list(&w, x->c->columns, x->c->ncolumns, "", " IS NULL", " OR ");
  set_finder(x, fd, "count(*)", w.data, NULL,
             "backfill these rows first (then SET NOT NULL the safe way)");
  pf_buf_clear(&w);
  pf_buf_clear(&q);
  pf_buf_clear(&m);
  pf_buf_clear(&cols);
}

// ADD PRIMARY KEY USING INDEX: the index is unique already, but PostgreSQL
// sets each of its columns NOT NULL, scanning the whole table under the
// ALTER TABLE's ACCESS EXCLUSIVE for a column that allows NULL and failing
// on a NULL row (PostgreSQL 15 docs, ALTER TABLE, ADD table_constraint_
// using_index). eugene W14, Atlas PG304; statically, from the schema the
// earlier migrations leave or from the database.
static void pk_using_index(pf__rctx *x)
{
  const pf_change *c = x->c;
  if (c->pk_not_null)
    return;
  pf_buf q = PF_BUF_INIT, s = PF_BUF_INIT, col = PF_BUF_INIT;
  pf__quoted(&q, c, false);
  pf_finding *fd;
  if (c->nullable_col) {
    pf__put_quoted(&col, c->nullable_col);
    fd = pf__radd(x, PF_RULE_PRIMARY_KEY_NULLS, PF_SEV_WARNING,
                  "PRIMARY KEY USING INDEX \"%s\" on %s sets NOT NULL on "
                  "%s, which scans the table under ACCESS EXCLUSIVE and fails "
                  "on any NULL row",
                  c->index, q.data, col.data);
  } else {
    fd = pf__radd(x, PF_RULE_PRIMARY_KEY_NULLS, PF_SEV_NOTICE,
                  "PRIMARY KEY USING INDEX \"%s\" on %s sets NOT NULL on each "
                  "of the index's columns that allows NULL, scanning the table "
                  "under ACCESS EXCLUSIVE (the columns are not known%s)",
                  c->index, q.data, x->f->db ? "" : ": no database");
  }
  fd->verdict = PF_VERDICT_UNVERIFIED;
  pf__add_table_size(x, fd);
  if (pf__version_before(x->f, 120000)) {
    // Before 12 SET NOT NULL scans even with a validated CHECK: no step
    // avoids the scan, so keep the wait for the lock short.
    pf__version_note(x, fd,
                     "before 12, setting NOT NULL scans the table even when "
                     "a validated CHECK proves it");
    pf_buf_puts(&s, "-- PostgreSQL ");
    pf__put_version(&s, x->f->server_version);
    pf_buf_puts(&s, " scans for the NOT NULL even with a validated CHECK (12 "
                    "and later do not):\n-- run it in a quiet window\nSET "
                    "lock_timeout = '2s';  -- retry on timeout\n");
    pf__put_stmt(&s, x);
    pf_buf_puts(&s, ";");
    pf__finding_set_safe(fd, s.data);
    pf_buf_clear(&q);
    pf_buf_clear(&s);
    pf_buf_clear(&col);
    return;
  }
  const char *name = c->nullable_col ? c->nullable_col : "<column>";
  pf_buf cn = PF_BUF_INIT;
  pf_buf_printf(&cn, "%s_%s_not_null", c->table.name ? c->table.name : "t",
                c->nullable_col ? c->nullable_col : "col");
  pf_buf_puts(&s, c->nullable_col
                      ? "-- NOT NULL first, without the long lock:\n"
                      : "-- each column of the index NOT NULL first, without "
                        "the long lock:\n");
  for (int step = 0; step < 3; step++) {
    pf_buf_puts(&s, "ALTER TABLE ");
    pf__put_table(&s, &c->table);
    if (step == 0) {
      pf_buf_puts(&s, " ADD CONSTRAINT ");
      pf__put_ident(&s, cn.data);
      pf_buf_puts(&s, "\n  CHECK (");
      if (c->nullable_col)
        pf__put_ident(&s, name);
      else
        pf_buf_puts(&s, name);
      pf_buf_puts(&s, " IS NOT NULL) NOT VALID;\n");
    } else if (step == 1) {
      pf_buf_puts(&s, " VALIDATE CONSTRAINT ");
      pf__put_ident(&s, cn.data);
      pf_buf_puts(&s, ";\n");
    } else {
      pf_buf_puts(&s, " ALTER COLUMN ");
      if (c->nullable_col)
        pf__put_ident(&s, name);
      else
        pf_buf_puts(&s, name);
      pf_buf_puts(&s, " SET NOT NULL;  -- no scan: the constraint proves it\n");
    }
  }
  pf__put_stmt(&s, x);
  pf_buf_puts(&s, ";  -- no scan now");
  pf__finding_set_safe(fd, s.data);
  pf_buf_clear(&cn);
  pf_buf_clear(&q);
  pf_buf_clear(&s);
  pf_buf_clear(&col);
}

static void foreign_key(pf__rctx *x)
{
  const pf_change *c = x->c;
  const pf_live_probe *p = &x->f->data;
  if (x->f->data_ran && p->status == PF_LIVE_MISSING)
    return;
  pf_buf q = PF_BUF_INIT, m = PF_BUF_INIT, ref = PF_BUF_INIT;
  pf__quoted(&q, c, false);
  pf__put_quoted(&ref, c->ref_table.name ? c->ref_table.name : "?");
  const char *name = c->constraint ? c->constraint : "(unnamed)";
  if (fails(x, p)) {
    if (c->not_valid)
      pf_buf_printf(&m,
                    "foreign key \"%s\" on %s is added NOT VALID, but its "
                    "later VALIDATE CONSTRAINT will fail: ",
                    name, q.data);
    else
      pf_buf_printf(&m, "adding foreign key \"%s\" on %s will fail: ", name,
                    q.data);
    put_count(&m, p, "row has no match", "rows have no match");
    pf_buf_printf(&m, " in %s", ref.data);
  } else if (passes(x, p)) {
    pf_buf_printf(&m, "foreign key \"%s\" on %s: every row has a match in %s%s",
                  name, q.data, ref.data,
                  c->not_valid ? " (the later VALIDATE will succeed)" : "");
  } else {
    pf_buf_printf(&m,
                  "foreign key \"%s\" on %s fails%s on rows with no match "
                  "in %s%s",
                  name, q.data, c->not_valid ? " at VALIDATE" : "", ref.data,
                  tail(x, p));
  }
  pf_finding *fd =
      pf__radd(x, PF_RULE_FOREIGN_KEY_VIOLATION, sev_of(x, p), "%s", m.data);
  pf__data_evidence(x, fd, p, "orphan rows");
  pf__add_table_size(x, fd);
  pf_buf sel = PF_BUF_INIT, w = PF_BUF_INIT;
  put_list(&sel, c->columns, c->ncolumns, "t.", "", ", ");
  put_list(&w, c->columns, c->ncolumns, "t.", " IS NOT NULL", " AND ");
  pf_buf_puts(&w, " AND NOT EXISTS (SELECT 1 FROM ");
  pf__put_table(&w, &c->ref_table);
  pf_buf_puts(&w, " r WHERE ");
  for (uint32_t i = 0; i < c->ncolumns; i++) {
    if (i)
      pf_buf_puts(&w, " AND ");
    pf_buf_puts(&w, "r.");
    if (i < c->nref_columns)
      pf__put_ident(&w, c->ref_columns[i]);
    else
      pf_buf_puts(&w, "<key>");
    pf_buf_puts(&w, " = t.");
    pf__put_ident(&w, c->columns[i]);
  }
  pf_buf_puts(&w, ")");
  set_finder(x, fd, sel.data, w.data, NULL,
             "fix or remove the orphan rows before VALIDATE");
  pf_buf_clear(&sel);
  pf_buf_clear(&w);
  pf_buf_clear(&q);
  pf_buf_clear(&m);
  pf_buf_clear(&ref);
}

// Whether a CHECK expression is "col IS NOT NULL" (the NOT NULL pattern).
static bool is_not_null_check(const pf_change *c)
{
  const char *e = c->expr;
  size_t n = e ? strlen(e) : 0;
  return n > 12 && !strcmp(e + n - 12, " IS NOT NULL") && c->shape &&
         c->shape->ncols == 1 && !c->shape->nfuncs && !c->shape->nops;
}

static void check(pf__rctx *x)
{
  const pf_change *c = x->c;
  const pf_live_probe *p = &x->f->data;
  if (x->f->data_ran && p->status == PF_LIVE_MISSING)
    return;
  pf_buf q = PF_BUF_INIT, m = PF_BUF_INIT;
  pf__quoted(&q, c, false);
  const char *name = c->constraint ? c->constraint : "(unnamed)";
  const char *later = is_not_null_check(c)
                          ? "later VALIDATE CONSTRAINT (and the SET NOT NULL "
                            "it prepares)"
                          : "later VALIDATE CONSTRAINT";
  if (fails(x, p)) {
    if (c->not_valid)
      pf_buf_printf(&m,
                    "CHECK \"%s\" on %s is added NOT VALID, but its %s will "
                    "fail: ",
                    name, q.data, later);
    else
      pf_buf_printf(&m, "adding CHECK \"%s\" on %s will fail: ", name, q.data);
    put_count(&m, p, "row violates it", "rows violate it");
  } else if (passes(x, p)) {
    pf_buf_printf(&m, "CHECK \"%s\" on %s: no row violates it%s", name, q.data,
                  c->not_valid ? " (the later VALIDATE will succeed)" : "");
  } else {
    pf_buf_printf(&m,
                  "CHECK \"%s\" on %s fails%s on any row that violates "
                  "it%s",
                  name, q.data, c->not_valid ? " at VALIDATE" : "", tail(x, p));
  }
  pf_finding *fd =
      pf__radd(x, PF_RULE_CHECK_VIOLATION, sev_of(x, p), "%s", m.data);
  pf__data_evidence(x, fd, p, "rows violating the CHECK");
  pf__add_table_size(x, fd);
  pf_buf w = PF_BUF_INIT;
  pf_buf_printf(&w, "(%s) IS FALSE", c->expr);
  set_finder(x, fd, "*", w.data, "LIMIT 100",
             "fix the violating rows before VALIDATE");
  pf_buf_clear(&w);
  pf_buf_clear(&q);
  pf_buf_clear(&m);
}

static void type_fit(pf__rctx *x)
{
  const pf_change *c = x->c;
  const pf_live_probe *p = &x->f->data;
  if (x->f->data_ran && p->status == PF_LIVE_MISSING)
    return;
  if (!x->f->data_ran)
    return; // changing-column-type already reports the change itself
  pf_buf q = PF_BUF_INIT, m = PF_BUF_INIT;
  pf__quoted(&q, c, true);
  const char *to = c->type ? c->type : "?";
  if (fails(x, p) && p->method && !strcmp(p->method, "catalog")) {
    pf_buf_printf(&m, "changing %s to %s will fail: no automatic conversion",
                  q.data, to);
  } else if (fails(x, p)) {
    pf_buf_printf(&m, "changing %s to %s will fail: ", q.data, to);
    put_count(&m, p, "value does not fit", "values do not fit");
  } else if (passes(x, p)) {
    pf_buf_printf(&m, "changing %s to %s: every value fits", q.data, to);
  } else {
    pf_buf_printf(&m,
                  "changing %s to %s fails on any value that does not "
                  "fit%s",
                  q.data, to, tail(x, p));
  }
  pf_finding *fd =
      pf__radd(x, PF_RULE_TYPE_CHANGE_VIOLATION, sev_of(x, p), "%s", m.data);
  pf__data_evidence(x, fd, p, "values that will not convert");
  if (fails(x, p) && p->method && !strcmp(p->method, "catalog")) {
    pf_buf s = PF_BUF_INIT;
    pf_buf_puts(&s, "ALTER TABLE ");
    pf__put_table(&s, &c->table);
    pf_buf_puts(&s, " ALTER COLUMN ");
    pf__put_ident(&s, c->column);
    pf_buf_printf(&s, " TYPE %s USING ", to);
    pf__put_ident(&s, c->column);
    pf_buf_printf(&s, "::%s;  -- after fixing the values that do not convert",
                  to);
    pf__finding_set_safe(fd, s.data);
    pf_buf_clear(&s);
  } else if (p->checked[0] && strcmp(p->checked, "false") != 0) {
    set_finder(x, fd, "*", p->checked, "LIMIT 100",
               "fix the values that do not fit first");
  } else if (passes(x, p)) {
    pf_buf s = PF_BUF_INIT;
    pf__put_stmt(&s, x);
    pf_buf_puts(&s, ";  -- as it is: every value fits");
    pf__finding_set_safe(fd, s.data);
    pf_buf_clear(&s);
  }
  pf_buf_clear(&q);
  pf_buf_clear(&m);
}

// VALIDATE CONSTRAINT of a NOT VALID constraint the database has: the
// second step of the safe pattern, checked with the first step's query.
static void validate(pf__rctx *x)
{
  const pf_facts *f = x->f;
  const pf_live_probe *p = &f->data;
  if (!f->data_ran || !f->validate_cons || p->status == PF_LIVE_MISSING)
    return;
  bool fk = f->validate_cons == PF_CONS_FOREIGN_KEY;
  pf_buf q = PF_BUF_INIT, m = PF_BUF_INIT, ref = PF_BUF_INIT;
  pf__quoted(&q, x->c, false);
  pf__put_quoted(&ref, f->validate_ref);
  const char *name = x->c->constraint;
  if (fails(x, p)) {
    pf_buf_printf(&m, "VALIDATE CONSTRAINT \"%s\" on %s will fail: ", name,
                  q.data);
    if (fk) {
      put_count(&m, p, "row has no match", "rows have no match");
      pf_buf_printf(&m, " in %s", ref.data);
    } else {
      put_count(&m, p, "row violates it", "rows violate it");
    }
  } else if (passes(x, p)) {
    pf_buf_printf(&m, "VALIDATE CONSTRAINT \"%s\" on %s: %s", name, q.data,
                  fk ? "every row has a match now" : "no row violates it now");
  } else {
    pf_buf_printf(&m,
                  "VALIDATE CONSTRAINT \"%s\" on %s fails on any row "
                  "that violates it%s",
                  name, q.data, tail(x, p));
  }
  pf_finding *fd =
      pf__radd(x, fk ? PF_RULE_FOREIGN_KEY_VIOLATION : PF_RULE_CHECK_VIOLATION,
               sev_of(x, p), "%s", m.data);
  pf__data_evidence(x, fd, p, fk ? "orphan rows" : "rows violating the CHECK");
  pf__add_table_size(x, fd);
  // The rows the check looked for, with the first step's query.
  if (p->checked[0])
    set_finder(x, fd, "*", p->checked, "LIMIT 100",
               fk ? "fix or remove the orphan rows before VALIDATE"
                  : "fix the violating rows before VALIDATE");
  pf_buf_clear(&q);
  pf_buf_clear(&m);
  pf_buf_clear(&ref);
}

void pf__rules_data(pf__rctx *x)
{
  const pf_change *c = x->c;
  if (x->f->created_here || pf__table_missing(x->f))
    return;
  switch (c->kind) {
  case PF_CHANGE_ADD_CONSTRAINT:
    if (c->from_def)
      break; // its columns are new: no data to check (the ADD COLUMN's
             // findings say what a DEFAULT does)
    if (c->cons == PF_CONS_PRIMARY_KEY && c->index) {
      pk_using_index(x); // unique already; NOT NULL maybe not
      break;
    }
    if (c->cons == PF_CONS_UNIQUE || c->cons == PF_CONS_PRIMARY_KEY) {
      if (c->index || !c->ncolumns)
        break; // USING INDEX: the index exists and is unique already
      unique(x);
      if (c->cons == PF_CONS_PRIMARY_KEY)
        pk_nulls(x);
    } else if (c->cons == PF_CONS_FOREIGN_KEY && c->ncolumns) {
      foreign_key(x);
    } else if (c->cons == PF_CONS_CHECK && c->expr) {
      check(x);
    }
    break;
  case PF_CHANGE_CREATE_INDEX:
    if (c->unique && c->ncolumns && !c->partial)
      unique(x);
    break;
  case PF_CHANGE_ALTER_COLUMN_TYPE:
    type_fit(x);
    break;
  case PF_CHANGE_VALIDATE_CONSTRAINT:
    validate(x);
    break;
  default:
    break;
  }
}
