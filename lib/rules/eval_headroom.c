/* Key headroom (issue 7): smallint/integer key columns of the tables a
 * migration touches that have used much of their range. */
/* SPDX-License-Identifier: MIT */
#include "rules_int.h"

#include <stdio.h>
#include <string.h>

// Above these shares of the type's range, a warning and an error.
#define HEADROOM_WARN_PCT  50
#define HEADROOM_ERROR_PCT 90

// Whether a change of @m widens @table.@column to bigint (then the
// migration is the fix, not the risk).
static bool widened_here(const pf_migration *m, const char *table,
                         const char *column)
{
  for (uint32_t i = 0; i < m->changes.len; i++) {
    const pf_change *c = &m->changes.items[i];
    if (c->kind == PF_CHANGE_ALTER_COLUMN_TYPE && c->table.name && c->column &&
        c->type && !strcmp(c->table.name, table) &&
        !strcmp(c->column, column) &&
        (strstr(c->type, "bigint") || strstr(c->type, "int8") ||
         strstr(c->type, "numeric")))
      return true;
  }
  return false;
}

static void one(pf__rctx *x, const pf_live_headroom *h)
{
  const char *schema = h->schema, *table = h->table;
  if (!h->known || h->limit <= 0 ||
      h->used * 100 <= h->limit * HEADROOM_WARN_PCT)
    return;
  if (widened_here(x->m, table, h->column))
    return;
  pf_severity sev = h->used * 100 > h->limit * HEADROOM_ERROR_PCT
                        ? PF_SEV_ERROR
                        : PF_SEV_WARNING;
  int64_t pct = h->used * 100 / h->limit;
  pf_buf q = PF_BUF_INIT;
  pf__put_quoted(&q, schema);
  pf_buf_putc(&q, '.');
  pf__put_quoted(&q, table);
  pf_buf_putc(&q, '.');
  pf__put_quoted(&q, h->column);
  pf_finding *fd = pf__radd(
      x, PF_RULE_SEQUENCE_HEADROOM, sev,
      "%s (%s) has used %lld%% of its range: %lld of %lld; INSERTs fail "
      "when it runs out",
      q.data, h->type, (long long)pct, (long long)h->used, (long long)h->limit);
  if (h->seq_read)
    pf__finding_add_evidence(fd, PF_EV_NOTE, h->seq_value,
                             "%s sequence %s: last_value %lld",
                             h->identity ? "identity" : "owned", h->sequence,
                             (long long)h->seq_value);
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
                           HEADROOM_WARN_PCT, HEADROOM_ERROR_PCT, h->type);
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

void pf__rules_headroom(pf__rctx *x)
{
  for (uint32_t i = 0; i < x->f->nheadroom; i++)
    one(x, &x->f->headroom[i]);
}
