/* Key headroom (issue 7): smallint/integer key columns of the tables a
 * migration touches that have used much of their range. */
/* SPDX-License-Identifier: MIT */
#include "rules_int.h"

#include <stdio.h>
#include <string.h>

// Above these shares of the type's range, a warning and an error.
#define HEADROOM_WARN_PCT  50
#define HEADROOM_ERROR_PCT 90

// Whether a change of @m changes the type of @table.@column: to bigint the
// migration is the fix, not the risk; to smallint or integer the change's
// own finding (changed()) measures it against the new range.
static bool retyped_here(const pf_migration *m, const char *table,
                         const char *column)
{
  for (uint32_t i = 0; i < m->changes.len; i++) {
    const pf_change *c = &m->changes.items[i];
    if (c->kind == PF_CHANGE_ALTER_COLUMN_TYPE && c->table.name && c->column &&
        c->type && !strcmp(c->table.name, table) && !strcmp(c->column, column))
      return true;
  }
  return false;
}

// The evidence of @h measured against a range of type @type: what the
// sequence and the index said, and the thresholds.
static void usage_evidence(pf_finding *fd, const pf_live_headroom *h,
                           const char *type)
{
  if (h->seq_read)
    pf__finding_add_evidence(fd, PF_EV_NOTE, h->seq_value,
                             "%ssequence %s: last_value %lld",
                             h->identity    ? "identity "
                             : h->column[0] ? "owned "
                                            : "",
                             h->sequence, (long long)h->seq_value);
  else if (h->has_sequence)
    pf__finding_add_evidence(fd, PF_EV_NOTE, -1,
                             "sequence %s: last_value not readable (never "
                             "used, or the role lacks USAGE on it)",
                             h->sequence);
  if (h->max_read)
    pf__finding_add_evidence(fd, PF_EV_NOTE, h->max_value,
                             "largest value in the column: %lld (read "
                             "through its index)",
                             (long long)h->max_value);
  else if (h->max_cut)
    pf__finding_add_evidence(fd, PF_EV_NOTE, -1,
                             "largest value not read: time limit reached");
  pf__finding_add_evidence(fd, PF_EV_CHECKED, -1,
                           "thresholds: warning above %d%%, error above %d%% "
                           "of the %s range",
                           HEADROOM_WARN_PCT, HEADROOM_ERROR_PCT, type);
}

// "schema"."table"."column" of @h.
static void put_col(pf_buf *q, const pf_live_headroom *h)
{
  pf__put_quoted(q, h->schema);
  pf_buf_putc(q, '.');
  pf__put_quoted(q, h->table);
  pf_buf_putc(q, '.');
  pf__put_quoted(q, h->column);
}

static void one(pf__rctx *x, const pf_live_headroom *h)
{
  const char *schema = h->schema, *table = h->table;
  if (!h->known || h->limit <= 0 ||
      h->used * 100 <= h->limit * HEADROOM_WARN_PCT)
    return;
  if (retyped_here(x->m, table, h->column))
    return;
  pf_severity sev = h->used * 100 > h->limit * HEADROOM_ERROR_PCT
                        ? PF_SEV_ERROR
                        : PF_SEV_WARNING;
  int64_t pct = h->used * 100 / h->limit;
  pf_buf q = PF_BUF_INIT;
  put_col(&q, h);
  pf_finding *fd = pf__radd(
      x, PF_RULE_SEQUENCE_HEADROOM, sev,
      "%s (%s) has used %lld%% of its range: %lld of %lld; INSERTs fail "
      "when it runs out",
      q.data, h->type, (long long)pct, (long long)h->used, (long long)h->limit);
  usage_evidence(fd, h, h->type);
  pf_buf s = PF_BUF_INIT;
  pf_buf_puts(&s, "-- widen it to bigint while there is time (and every "
                  "column that references it);\n-- on a large table: a new "
                  "bigint column, filled by trigger and in batches, then "
                  "swapped in\n");
  if (h->has_sequence && !h->identity) {
    pf_buf_puts(&s, "ALTER SEQUENCE ");
    pf__put_ident(&s, h->seq_schema);
    pf_buf_putc(&s, '.');
    pf__put_ident(&s, h->seq_name);
    pf_buf_puts(&s, " AS bigint;\n");
  }
  pf_buf_puts(&s, "ALTER TABLE ");
  pf__put_ident(&s, schema);
  pf_buf_putc(&s, '.');
  pf__put_ident(&s, table);
  pf_buf_puts(&s, " ALTER COLUMN ");
  pf__put_ident(&s, h->column);
  pf_buf_puts(&s, " TYPE bigint;");
  pf__finding_set_safe(fd, s.data);
  pf_buf_clear(&s);
  pf_buf_clear(&q);
}

// What this change gives a smaller range or makes a key, measured against
// that range (facts key_*): a narrowed key column or sequence, a column
// made an identity, a foreign key narrower than the key it references.
static void changed(pf__rctx *x)
{
  const pf_change *c = x->c;
  const pf_facts *f = x->f;
  const pf_live_headroom *h = &f->key;
  int64_t limit = f->key_limit;
  const char *type = f->key_type;
  if (!f->key_ran || !h->known || limit <= 0)
    return;
  bool beyond = h->used > limit;
  if (!beyond && h->used * 100 <= limit * HEADROOM_WARN_PCT)
    return;
  pf_severity sev = beyond || h->used * 100 > limit * HEADROOM_ERROR_PCT
                        ? PF_SEV_ERROR
                        : PF_SEV_WARNING;
  long long used = (long long)h->used, lim = (long long)limit;
  long long pct =
      (long long)(h->used / limit * 100 + h->used % limit * 100 / limit);
  pf_buf q = PF_BUF_INIT, m = PF_BUF_INIT, s = PF_BUF_INIT;
  bool fails = false; // the statement itself fails, not later INSERTs
  if (h->column[0])
    put_col(&q, h);
  switch (c->kind) {
  case PF_CHANGE_ALTER_COLUMN_TYPE:
    fails = (h->max_read && h->max_value > limit) || (beyond && h->identity);
    if (h->max_read && h->max_value > limit)
      pf_buf_printf(&m,
                    "changing %s to %s fails: its largest value %lld is "
                    "beyond the %s range (%lld)",
                    q.data, type, (long long)h->max_value, type, lim);
    else if (beyond && h->identity)
      pf_buf_printf(&m,
                    "changing %s to %s fails: its identity sequence is at "
                    "%lld, beyond the %s range (%lld)",
                    q.data, type, used, type, lim);
    else if (beyond)
      pf_buf_printf(&m,
                    "%s becomes %s, but its sequence %s is at %lld, beyond "
                    "that range (%lld): the next INSERT fails",
                    q.data, type, h->sequence, used, lim);
    else
      pf_buf_printf(&m,
                    "%s becomes %s, and has used %lld%% of that range: %lld "
                    "of %lld; INSERTs fail when it runs out",
                    q.data, type, pct, used, lim);
    pf_buf_puts(&s, "-- keep the key as wide as it is (bigint); narrowing "
                    "it gains little\n-- and brings the end of its range "
                    "near");
    break;
  case PF_CHANGE_ALTER_SEQUENCE: {
    pf_buf seq = PF_BUF_INIT;
    pf__put_table(&seq, &c->object);
    fails = beyond;
    if (beyond)
      pf_buf_printf(&m,
                    "ALTER SEQUENCE %s AS %s fails: it is at %lld, beyond "
                    "the %s range (%lld)",
                    seq.data, type, used, type, lim);
    else
      pf_buf_printf(&m,
                    "sequence %s becomes %s, and has used %lld%% of that "
                    "range: %lld of %lld; nextval() fails when it runs out",
                    seq.data, type, pct, used, lim);
    pf_buf_printf(&s,
                  "-- keep the sequence as bigint:\nALTER SEQUENCE %s "
                  "AS bigint;",
                  seq.data);
    pf_buf_clear(&seq);
    break;
  }
  case PF_CHANGE_ADD_IDENTITY:
    pf_buf_printf(&m,
                  "%s becomes an identity column, and its values have used "
                  "%lld%% of the %s range: %lld of %lld; INSERTs fail when "
                  "it runs out",
                  q.data, pct, type, used, lim);
    pf_buf_puts(&s, "-- widen the column to bigint before it becomes an "
                    "identity:\nALTER TABLE ");
    pf__put_table(&s, &c->table);
    pf_buf_puts(&s, " ALTER COLUMN ");
    pf__put_ident(&s, c->column);
    pf_buf_puts(&s, " TYPE bigint;");
    break;
  case PF_CHANGE_ADD_CONSTRAINT: {
    pf_buf from = PF_BUF_INIT;
    pf__quoted(&from, c, false);
    pf_buf_putc(&from, '.');
    pf__put_quoted(&from, c->columns[0]);
    if (beyond)
      pf_buf_printf(&m,
                    "%s (%s) references %s (%s), whose keys reach %lld, "
                    "beyond the %s range (%lld): rows that reference them "
                    "cannot be written",
                    from.data, type, q.data, h->type, used, type, lim);
    else
      pf_buf_printf(&m,
                    "%s (%s) references %s (%s), whose keys have used %lld%% "
                    "of the %s range: %lld of %lld; rows that reference "
                    "newer keys fail when it runs out",
                    from.data, type, q.data, h->type, pct, type, used, lim);
    pf_buf_printf(&s, "-- give the referencing column the type of the key "
                      "it references:\nALTER TABLE ");
    pf__put_table(&s, &c->table);
    pf_buf_puts(&s, " ALTER COLUMN ");
    pf__put_ident(&s, c->columns[0]);
    pf_buf_printf(&s, " TYPE %s;", h->type);
    pf_buf_clear(&from);
    break;
  }
  default:
    pf_buf_clear(&q);
    pf_buf_clear(&m);
    pf_buf_clear(&s);
    return;
  }
  pf_finding *fd = pf__radd(x, PF_RULE_SEQUENCE_HEADROOM, sev, "%s", m.data);
  if (fails)
    fd->verdict = PF_VERDICT_FAILS; // the catalog and the index prove it
  if (c->kind == PF_CHANGE_ALTER_SEQUENCE && h->column[0])
    pf__finding_add_evidence(fd, PF_EV_NOTE, -1, "owned by %s", q.data);
  usage_evidence(fd, h, type);
  pf__finding_set_safe(fd, s.data);
  pf_buf_clear(&q);
  pf_buf_clear(&m);
  pf_buf_clear(&s);
}

// ADD COLUMN of a serial or identity smallint/integer column to a table
// that has rows: the new sequence numbers every existing row at once.
static void numbered_rows(pf__rctx *x)
{
  const pf_change *c = x->c;
  const pf_facts *f = x->f;
  if (c->kind != PF_CHANGE_ADD_COLUMN || !c->ncols || !f->db ||
      f->created_here || f->table_state != PF_FACT_DONE || !f->table_exists ||
      f->table_rows <= 0)
    return;
  const pf_column_def *d = &c->cols[0];
  const char *b = d->type_base ? d->type_base : "";
  bool serial = !strcmp(b, "serial") || !strcmp(b, "serial4") ||
                !strcmp(b, "smallserial") || !strcmp(b, "serial2");
  if (d->is_array || (!serial && !d->identity))
    return;
  bool small = !strcmp(b, "smallserial") || !strcmp(b, "serial2") ||
               !strcmp(b, "int2") || !strcmp(b, "smallint");
  bool integer = !small && (serial || !strcmp(b, "int4") ||
                            !strcmp(b, "integer") || !strcmp(b, "int"));
  if (!small && !integer)
    return;
  int64_t limit = small ? 32767 : 2147483647;
  const char *type = small ? "smallint" : "integer";
  if (f->table_rows * 100 <= limit * HEADROOM_WARN_PCT)
    return;
  bool beyond = f->table_rows > limit;
  pf_severity sev = beyond || f->table_rows * 100 > limit * HEADROOM_ERROR_PCT
                        ? PF_SEV_ERROR
                        : PF_SEV_WARNING;
  pf_buf q = PF_BUF_INIT;
  pf__quoted(&q, c, false);
  pf_buf_putc(&q, '.');
  pf__put_quoted(&q, d->name);
  pf_finding *fd = pf__radd(
      x, PF_RULE_SEQUENCE_HEADROOM, sev,
      "adding %s (%s) numbers every existing row at once: about %lld rows, "
      "%lld%% of the %s range%s",
      q.data, serial ? b : "identity", (long long)f->table_rows,
      (long long)(f->table_rows * 100 / limit), type,
      beyond ? ", more than it holds: the ADD COLUMN fails" : "");
  pf__finding_add_evidence(fd, PF_EV_NOTE, f->table_rows,
                           "table has about %lld rows (pg_class.reltuples)",
                           (long long)f->table_rows);
  pf__finding_add_evidence(fd, PF_EV_CHECKED, -1,
                           "thresholds: warning above %d%%, error above %d%% "
                           "of the %s range",
                           HEADROOM_WARN_PCT, HEADROOM_ERROR_PCT, type);
  pf_buf s = PF_BUF_INIT;
  pf_buf_puts(&s, "ALTER TABLE ");
  pf__put_table(&s, &c->table);
  pf_buf_puts(&s, " ADD COLUMN ");
  pf__put_ident(&s, d->name);
  pf_buf_puts(&s, " bigint GENERATED BY DEFAULT AS IDENTITY;");
  pf__finding_set_safe(fd, s.data);
  pf_buf_clear(&s);
  pf_buf_clear(&q);
}

void pf__rules_headroom(pf__rctx *x)
{
  for (uint32_t i = 0; i < x->f->nheadroom; i++)
    one(x, &x->f->headroom[i]);
  changed(x);
  numbered_rows(x);
}
