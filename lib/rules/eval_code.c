/* Code side of issue 7's new checks: INSERTs in the code that omit a column
 * which becomes required, and literals that spell a renamed or dropped enum
 * value. The references come from the code scan (--code). */
/* SPDX-License-Identifier: MIT */
#include "rules_int.h"

#include <string.h>

// Every reference of the change's code target, as evidence. With @explain
// each says what it is in every format, not only in JSON (the references
// of one finding are then of different sorts).
static void add_code_refs(pf__rctx *x, pf_finding *fd, bool explain)
{
  for (uint32_t i = 0; i < x->f->ncode_refs; i++) {
    const pf_code_ref *ref = x->f->code_refs[i];
    pf_evidence *e = pf__finding_add_evidence(fd, PF_EV_CODE_REF, -1, "%s",
                                              ref->detail ? ref->detail : "");
    e->path = pf_xstrdup(ref->path);
    e->line = ref->line;
    e->col = ref->col;
    e->end_col = ref->end_col;
    e->ref_kind = pf_ref_kind_name(ref->kind);
    e->confidence = pf_confidence_name(ref->confidence);
    e->snippet = pf__xdup(ref->snippet);
    e->explain = explain && ref->detail && ref->detail[0];
  }
}

// The best confidence among the references.
static pf_confidence best(const pf_facts *f)
{
  pf_confidence b = PF_CONF_LOW;
  for (uint32_t i = 0; i < f->ncode_refs; i++) {
    if (f->code_refs[i]->confidence > b)
      b = f->code_refs[i]->confidence;
  }
  return b;
}

// The message of insert-omits-required-column, which says what the code
// has: "3 INSERTs, 1 COPY and 2 ORM models in the code leave out
// "orders"."region", which ...". An ORM model leaves the column out of
// every INSERT it builds; a nullable ORM field writes NULL when a create
// leaves it unset.
static void what_leaves_out(pf_buf *m, const pf_facts *f, const char *col,
                            const char *what, bool known)
{
  static const char *const one[PF_OMIT_COUNT] = {"INSERT", "COPY", "ORM model",
                                                 "nullable ORM field"};
  static const char *const many[PF_OMIT_COUNT] = {
      "INSERTs", "COPYs", "ORM models", "nullable ORM fields"};
  uint32_t count[PF_OMIT_COUNT] = {0};
  for (uint32_t i = 0; i < f->ncode_refs; i++) {
    pf_omit_site s = f->code_refs[i]->omit;
    count[s < PF_OMIT_COUNT ? s : PF_OMIT_INSERT]++;
  }
  uint32_t sorts = 0, done = 0;
  for (int i = 0; i < PF_OMIT_COUNT; i++)
    sorts += count[i] != 0;
  for (int i = 0; i < PF_OMIT_COUNT; i++) {
    if (!count[i])
      continue;
    if (done)
      pf_buf_puts(m, done + 1 == sorts ? " and " : ", ");
    pf_buf_printf(m, "%u %s", count[i], count[i] == 1 ? one[i] : many[i]);
    done++;
  }
  uint32_t n = f->ncode_refs;
  pf_buf_printf(m, " in the code leave%s out %s", n == 1 ? "s" : "", col);
  uint32_t nullable = count[PF_OMIT_NULLABLE_FIELD];
  if (nullable)
    pf_buf_printf(m, " (%s NULL when a create leaves %s unset)",
                  nullable == 1 ? "the nullable field writes"
                                : "nullable fields write",
                  nullable == 1 ? "it" : "them");
  // Models and fields do not fail themselves: the INSERTs they build do.
  bool built = count[PF_OMIT_MODEL] || nullable;
  pf_buf_printf(m, ", which %s: %s %s", what,
                built    ? "the INSERTs"
                : n == 1 ? "it"
                         : "they",
                known ? "will fail once the migration runs" : "may fail");
}

static void inserts(pf__rctx *x)
{
  const pf_change *c = x->c;
  const pf_facts *f = x->f;
  const pf_scan_target *t = f->code_target;
  bool known = t->position != 0;
  const char *what;
  switch (c->kind) {
  case PF_CHANGE_ADD_COLUMN:
    what = "is added NOT NULL without a DEFAULT";
    break;
  case PF_CHANGE_SET_NOT_NULL:
    // Already NOT NULL (the database says so): nothing changes for INSERTs.
    if (f->db && f->column_state == PF_FACT_DONE && f->column_exists) {
      if (f->column_not_null || f->column_has_default)
        return;
      known = true; // the catalog says: no DEFAULT
    }
    what = known ? "becomes NOT NULL and has no DEFAULT"
                 : "becomes NOT NULL (whether it has a DEFAULT is not "
                   "known)";
    break;
  case PF_CHANGE_DROP_DEFAULT:
    if (f->db && f->column_state == PF_FACT_DONE && f->column_exists) {
      if (!f->column_not_null)
        return; // nullable: the omitted column reads NULL, it does not fail
      known = true;
    }
    what = known ? "is NOT NULL and loses its DEFAULT"
                 : "loses its DEFAULT (whether it is NOT NULL is not known)";
    break;
  default:
    return;
  }
  pf_buf q = PF_BUF_INIT, s = PF_BUF_INIT, m = PF_BUF_INIT;
  pf__quoted(&q, c, false);
  pf_buf_puts(&q, ".");
  pf__put_quoted(&q, t->column);
  pf_severity sev =
      known && best(f) == PF_CONF_HIGH ? PF_SEV_ERROR : PF_SEV_WARNING;
  what_leaves_out(&m, f, q.data, what, known);
  pf_finding *fd =
      pf__radd(x, PF_RULE_INSERT_OMITS_REQUIRED_COLUMN, sev, "%s", m.data);
  add_code_refs(x, fd, true);
  if (!known)
    pf__finding_add_evidence(fd, PF_EV_NOTE, -1,
                             "no earlier migration defines %s, so whether "
                             "INSERTs that omit it fail is not known",
                             q.data);
  if (c->kind == PF_CHANGE_ADD_COLUMN) {
    pf_buf_puts(&s, "-- a DEFAULT keeps INSERTs that omit the column "
                    "working:\nALTER TABLE ");
    pf__put_table(&s, &c->table);
    pf_buf_puts(&s, " ADD COLUMN ");
    pf__put_ident(&s, t->column);
    pf_buf_printf(&s, " %s NOT NULL DEFAULT <value>;\n",
                  c->type ? c->type : "<type>");
    pf_buf_puts(&s, "-- or add it nullable, deploy code that writes it in "
                    "every INSERT,\n-- backfill, then SET NOT NULL");
  } else if (c->kind == PF_CHANGE_SET_NOT_NULL) {
    pf_buf_puts(&s, "ALTER TABLE ");
    pf__put_table(&s, &c->table);
    pf_buf_puts(&s, " ALTER COLUMN ");
    pf__put_ident(&s, t->column);
    pf_buf_puts(&s, " SET DEFAULT <value>;\n-- or deploy code that writes "
                    "the column in every INSERT first");
  } else {
    pf_buf_puts(&s, "-- deploy code that writes ");
    pf__put_ident(&s, t->column);
    pf_buf_puts(&s, " in every INSERT first, then drop the DEFAULT");
  }
  pf__finding_set_safe(fd, s.data);
  pf_buf_clear(&m);
  pf_buf_clear(&s);
  pf_buf_clear(&q);
}

// "'a', 'b'" of the target's values.
static void put_values(pf_buf *b, const pf_scan_target *t)
{
  for (uint32_t i = 0; i < t->nvalues; i++) {
    pf_buf_puts(b, i ? ", '" : "'");
    pf_buf_puts(b, t->values[i]);
    pf_buf_putc(b, '\'');
  }
}

static void literals(pf__rctx *x)
{
  const pf_change *c = x->c;
  const pf_facts *f = x->f;
  const pf_scan_target *t = f->code_target;
  uint32_t n = f->ncode_refs;
  pf_severity sev = best(f) == PF_CONF_LOW ? PF_SEV_NOTICE : PF_SEV_WARNING;
  pf_buf m = PF_BUF_INIT, v = PF_BUF_INIT, s = PF_BUF_INIT;
  put_values(&v, t);
  if (c->kind == PF_CHANGE_ENUM_RENAME_VALUE) {
    pf_buf_printf(&m, "enum value %s of ", v.data);
    pf__put_quoted(&m, c->object.name);
    pf_buf_printf(&m,
                  ", renamed to '%s', is spelled by %u literal%s in the "
                  "code: writing it fails and comparing with it stops "
                  "matching",
                  c->new_name ? c->new_name : "?", n, n == 1 ? "" : "s");
    pf_buf_puts(&s, "ALTER TYPE ");
    pf__put_table(&s, &c->object);
    pf_buf_printf(&s,
                  " ADD VALUE '%s' AFTER %s;\n-- deploy code that writes "
                  "'%s' and reads both, move the rows, then stop using %s",
                  c->new_name ? c->new_name : "?", v.data,
                  c->new_name ? c->new_name : "?", v.data);
  } else {
    pf_buf q = PF_BUF_INIT;
    pf_buf_printf(&m,
                  "changing %s to enum %s drops %s: %u literal%s in the "
                  "code spell%s a dropped value, and writing one fails "
                  "after the change",
                  pf__quoted(&q, c, true), c->type, v.data, n,
                  n == 1 ? "" : "s", n == 1 ? "s" : "");
    pf_buf_clear(&q);
    pf_buf_printf(&s,
                  "-- move the code off %s and deploy it, move the rows, "
                  "then change the type",
                  v.data);
  }
  pf_finding *fd = pf__radd(x, PF_RULE_ENUM_VALUE_IN_USE, sev, "%s", m.data);
  add_code_refs(x, fd, false);
  // With a database, the note says what the catalog added (or that no
  // column holds the type anywhere); without, the migrations alone decide.
  if (f->code_note)
    pf__finding_add_evidence(fd, PF_EV_NOTE, -1, "%s", f->code_note);
  else if (!t->ncols)
    pf__finding_add_evidence(fd, PF_EV_NOTE, -1,
                             "no column of the type is known from the "
                             "migrations: every literal is low confidence");
  pf__finding_set_safe(fd, s.data);
  pf_buf_clear(&s);
  pf_buf_clear(&v);
  pf_buf_clear(&m);
}

void pf__rules_code(pf__rctx *x)
{
  const pf_scan_target *t = x->f->code_target;
  if (!t || !x->f->ncode_refs)
    return;
  if (t->kind == PF_SCAN_INSERT_OMITS)
    inserts(x);
  else if (t->kind == PF_SCAN_LITERAL)
    literals(x);
}
