/* Enum values in use (issue 7): rows that hold an enum value a migration
 * renames, or drops by changing a column to a new enum. */
/* SPDX-License-Identifier: MIT */
#include "rules_int.h"

#include <stdio.h>
#include <string.h>

static bool found_rows(const pf_live_probe *p)
{
  return p->status == PF_LIVE_DONE && (p->count > 0 || !p->exact);
}

// "N rows" or "at least 1 row".
static void put_rows(pf_buf *b, const pf_live_probe *p)
{
  if (p->exact)
    pf_buf_printf(b, "%lld row%s", (long long)p->count,
                  p->count == 1 ? "" : "s");
  else
    pf_buf_puts(b, "at least 1 row");
}

static void quoted_col(pf_buf *b, const char *schema, const char *table,
                       const char *column)
{
  if (schema && schema[0]) {
    pf__put_quoted(b, schema);
    pf_buf_putc(b, '.');
  }
  pf__put_quoted(b, table);
  pf_buf_putc(b, '.');
  pf__put_quoted(b, column);
}

// Appends @v as an SQL string literal.
static void put_lit(pf_buf *b, const char *v)
{
  pf_buf_putc(b, '\'');
  for (; *v; v++) {
    if (*v == '\'')
      pf_buf_putc(b, '\'');
    pf_buf_putc(b, *v);
  }
  pf_buf_putc(b, '\'');
}

static void renamed(pf__rctx *x)
{
  const pf_change *c = x->c;
  pf_buf q = PF_BUF_INIT;
  pf__put_quoted(&q, c->object.name);
  for (uint32_t i = 0; i < x->f->nenum_use; i++) {
    const pf_live_probe *p = &x->f->enum_use[i].p;
    if (!x->f->enum_use[i].ran || p->status == PF_LIVE_MISSING)
      continue;
    pf_buf col = PF_BUF_INIT, m = PF_BUF_INIT;
    quoted_col(&col, x->f->enum_use[i].schema, x->f->enum_use[i].table,
               x->f->enum_use[i].column);
    pf_severity sev = PF_SEV_NOTICE;
    if (found_rows(p)) {
      sev = PF_SEV_WARNING;
      pf_buf_printf(&m, "enum value '%s' of %s, renamed to '%s', is held by ",
                    c->value, q.data, c->new_name ? c->new_name : "?");
      put_rows(&m, p);
      pf_buf_printf(&m,
                    " in %s: they read back as '%s', and code that writes "
                    "or compares '%s' breaks",
                    col.data, c->new_name ? c->new_name : "?", c->value);
    } else if (p->status == PF_LIVE_DONE) {
      pf_buf_printf(&m, "enum value '%s' of %s: no rows hold it in %s",
                    c->value, q.data, col.data);
    } else {
      pf_buf_printf(&m,
                    "enum value '%s' of %s: rows holding it in %s not "
                    "counted",
                    c->value, q.data, col.data);
    }
    pf_finding *fd = pf__radd(x, PF_RULE_ENUM_VALUE_IN_USE, sev, "%s", m.data);
    pf_buf what = PF_BUF_INIT;
    pf_buf_printf(&what, "rows holding '%s'", c->value);
    pf__data_evidence(x, fd, p, what.data);
    fd->verdict = PF_VERDICT_NONE; // a rename succeeds: no verdict
    pf_buf s = PF_BUF_INIT;
    pf_buf_puts(&s, "-- keep the old value; add the new one and move to it:\n"
                    "ALTER TYPE ");
    pf__put_table(&s, &c->object);
    pf_buf_puts(&s, " ADD VALUE ");
    put_lit(&s, c->new_name ? c->new_name : "?");
    pf_buf_puts(&s, " AFTER ");
    put_lit(&s, c->value);
    pf_buf_puts(&s, ";\n");
    pf_buf_puts(&s, "-- deploy code that writes the new value, then in "
                    "batches:\nUPDATE ");
    pf__put_ident(&s, x->f->enum_use[i].table);
    pf_buf_puts(&s, " SET ");
    pf__put_ident(&s, x->f->enum_use[i].column);
    pf_buf_puts(&s, " = ");
    if (x->f->enum_use[i].array) {
      // An array column: replace the element, in the rows that hold it.
      pf_buf_puts(&s, "array_replace(");
      pf__put_ident(&s, x->f->enum_use[i].column);
      pf_buf_puts(&s, ", ");
      put_lit(&s, c->value);
      pf_buf_puts(&s, ", ");
      put_lit(&s, c->new_name ? c->new_name : "?");
      pf_buf_puts(&s, ") WHERE ");
      put_lit(&s, c->value);
      pf_buf_puts(&s, " = ANY (");
      pf__put_ident(&s, x->f->enum_use[i].column);
      pf_buf_puts(&s, ");");
    } else {
      put_lit(&s, c->new_name ? c->new_name : "?");
      pf_buf_puts(&s, " WHERE ");
      pf__put_ident(&s, x->f->enum_use[i].column);
      pf_buf_puts(&s, " = ");
      put_lit(&s, c->value);
      pf_buf_puts(&s, ";");
    }
    pf__finding_set_safe(fd, s.data);
    pf_buf_clear(&s);
    pf_buf_clear(&what);
    pf_buf_clear(&m);
    pf_buf_clear(&col);
  }
  pf_buf_clear(&q);
}

static void dropped(pf__rctx *x)
{
  const pf_change *c = x->c;
  const pf_live_probe *p = &x->f->enum_use[0].p;
  if (!x->f->enum_use[0].ran || p->status == PF_LIVE_MISSING)
    return;
  pf_buf col = PF_BUF_INIT, m = PF_BUF_INIT;
  quoted_col(&col, c->table.schema, c->table.name, c->column);
  pf_severity sev = PF_SEV_NOTICE;
  pf_buf_printf(&m,
                "changing %s to enum %s (created in this migration) drops "
                "%s of its current type %s",
                col.data, c->type, x->f->enum_dropped, x->f->enum_old_type);
  if (found_rows(p)) {
    sev = PF_SEV_ERROR;
    pf_buf_puts(&m, ": ");
    put_rows(&m, p);
    pf_buf_puts(&m, " hold a dropped value, so the conversion will fail");
  } else if (p->status == PF_LIVE_DONE) {
    pf_buf_puts(&m, ": no rows hold a dropped value");
  } else {
    if (p->status == PF_LIVE_INCONCLUSIVE)
      sev = PF_SEV_WARNING;
    pf_buf_puts(&m, ": rows holding them not counted");
  }
  pf_finding *fd = pf__radd(x, PF_RULE_ENUM_VALUE_IN_USE, sev, "%s", m.data);
  pf__data_evidence(x, fd, p, "rows holding a dropped value");
  pf_buf s = PF_BUF_INIT;
  pf_buf_puts(&s, "-- move these rows to a kept value first (in batches):\n"
                  "SELECT count(*) FROM ");
  pf__put_table(&s, &c->table);
  pf_buf_puts(&s, " WHERE ");
  pf__put_ident(&s, c->column);
  if (x->f->enum_use[0].array)
    pf_buf_printf(&s, "::text[] && ARRAY[%s];", x->f->enum_dropped);
  else
    pf_buf_printf(&s, "::text IN (%s);", x->f->enum_dropped);
  pf__finding_set_safe(fd, s.data);
  pf_buf_clear(&s);
  pf_buf_clear(&m);
  pf_buf_clear(&col);
}

void pf__rules_enum(pf__rctx *x)
{
  if (!x->f->nenum_use)
    return;
  if (x->c->kind == PF_CHANGE_ENUM_RENAME_VALUE && x->c->value &&
      x->c->object.name)
    renamed(x);
  else if (x->c->kind == PF_CHANGE_ALTER_COLUMN_TYPE && x->f->enum_dropped[0])
    dropped(x);
}
