/* Dependencies of a drop or rename, and the recorded queries that use its
 * target: live lookups, then the SQL texts parsed as the code scan parses
 * SQL strings. */
/* SPDX-License-Identifier: MIT */
#include "check.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "codescan/codescan.h"

// Recorded statements that read or write data; DDL that names a column
// (the CREATE TABLE of the setup, a CREATE INDEX) is not a live query.
static bool is_dml(const char *q)
{
  while (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r' || *q == '(')
    q++;
  static const char *const kw[] = {"select", "insert", "update", "delete",
                                   "with",   "merge",  "values", "table"};
  for (size_t i = 0; i < sizeof(kw) / sizeof(kw[0]); i++) {
    size_t n = strlen(kw[i]);
    if (strncasecmp(q, kw[i], n) == 0 &&
        !(isalnum((unsigned char)q[n]) || q[n] == '_'))
      return true;
  }
  return false;
}

bool pf__check_wants_deps(const pf_change *c)
{
  switch (c->kind) {
  case PF_CHANGE_RENAME_COLUMN:
  case PF_CHANGE_DROP_COLUMN:
    return c->table.name && c->column;
  case PF_CHANGE_RENAME_TABLE:
  case PF_CHANGE_DROP_TABLE:
    return c->table.name != NULL;
  case PF_CHANGE_DROP_INDEX:
    return c->index != NULL;
  case PF_CHANGE_DROP_CONSTRAINT:
    return c->table.name && c->constraint;
  default:
    return false;
  }
}

pf_code pf__check_deps(pf_live *live, const pf_change *c, pf_live_deps *deps,
                       pf_error *err)
{
  bool index = c->kind == PF_CHANGE_DROP_INDEX;
  bool cons = c->kind == PF_CHANGE_DROP_CONSTRAINT;
  const char *schema = index ? c->index_q.schema : c->table.schema;
  const char *rel = index ? c->index : c->table.name;
  const char *column = index || cons ? NULL : c->column;
  pf_code rc = pf__live_deps(live, schema, rel, column,
                             cons ? c->constraint : NULL, index, deps, err);
  if (rc != PF_OK || deps->status != PF_LIVE_DONE)
    return rc;
  // Bodies that contain the name: kept when their SQL names the target.
  pf_scan_target tg = {.table = c->table.name, .column = column};
  for (uint32_t i = 0; i < deps->nbodies; i++) {
    const pf_live_body *b = &deps->bodies[i];
    bool plpgsql = strcmp(b->lang, "plpgsql") == 0;
    pf_sql_use use = pf__codescan_sql_uses(b->src, &tg, plpgsql);
    if (use == PF_SQL_USE_PARSED)
      pf__live_deps_add(deps, b->kind, b->name, "body parsed", false);
    else if (use == PF_SQL_USE_TOKENS)
      pf__live_deps_add(deps, b->kind, b->name,
                        plpgsql ? "PL/pgSQL body tokens"
                                : "body tokens (did not parse)",
                        false);
  }
  return PF_OK;
}

pf_code pf__check_stmts(pf_live *live, const pf_change *c, pf_live_stmts *stmts,
                        pf_error *err)
{
  bool column =
      c->kind == PF_CHANGE_RENAME_COLUMN || c->kind == PF_CHANGE_DROP_COLUMN;
  const char *needle = column ? c->column : c->table.name;
  pf_code rc = pf__live_stmts(live, needle, stmts, err);
  if (rc != PF_OK || stmts->status != PF_LIVE_DONE)
    return rc;
  pf_scan_target tg = {.table = c->table.name,
                       .column = column ? c->column : NULL};
  uint32_t kept = 0;
  for (uint32_t i = 0; i < stmts->n; i++) {
    pf_live_stmt s = stmts->items[i];
    pf_sql_use use = is_dml(s.query)
                         ? pf__codescan_sql_uses(s.query, &tg, false)
                         : PF_SQL_USE_NONE;
    if (use == PF_SQL_USE_NONE) {
      free(s.query);
      continue;
    }
    s.tokens = use == PF_SQL_USE_TOKENS;
    stmts->calls += s.calls > 0 ? s.calls : 0;
    stmts->items[kept++] = s;
  }
  stmts->n = kept;
  return PF_OK;
}
