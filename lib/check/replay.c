/* Replays changes into the in-memory schema: what the next statement sees. */
/* SPDX-License-Identifier: MIT */
#include "check.h"

#include <string.h>

const char *pf__not_null_check_column(const char *expr, char *out, size_t size)
{
  static const char tail[] = " IS NOT NULL";
  size_t n = expr ? strlen(expr) : 0;
  if (n <= sizeof(tail) - 1 || strcmp(expr + n - (sizeof(tail) - 1), tail))
    return NULL;
  size_t len = n - (sizeof(tail) - 1);
  const char *p = expr;
  if (len >= 2 && p[0] == '"' && p[len - 1] == '"') {
    p++;
    len -= 2;
  }
  if (len == 0 || len >= size || memchr(p, ' ', len) || memchr(p, '.', len))
    return NULL;
  memcpy(out, p, len);
  out[len] = '\0';
  return out;
}

// Whether an INSERT that omits column @d gets a value: a DEFAULT, a serial
// type (has_default), identity or a generated column.
static bool gets_default(const pf_column_def *d)
{
  return d->has_default || d->identity || d->volatile_default;
}

void pf__replay_change(pf_schema *s, const pf_change *c, bool in_run)
{
  const char *tschema = c->table.schema, *tname = c->table.name;
  pf_schema_table *t = tname ? pf__schema_table(s, tschema, tname) : NULL;
  switch (c->kind) {
  case PF_CHANGE_CREATE_TABLE:
    if (!tname)
      break;
    t = pf__schema_add_table(s, tschema, tname, in_run);
    t->partitioned = c->partitioned;
    t->columns_open = c->cols_open;
    if (c->other_table.name) { // PARTITION OF: the parent's columns
      pf_schema_table *p =
          pf__schema_table(s, c->other_table.schema, c->other_table.name);
      t->columns_open = !p || p->columns_open;
      for (uint32_t i = 0; p && i < p->columns.len; i++) {
        const pf_schema_column *pc = &p->columns.items[i];
        pf__schema_add_column(t, pc->name, pc->type, pc->not_null)
            ->has_default = pc->has_default;
      }
    }
    for (uint32_t i = 0; i < c->ncols; i++)
      pf__schema_add_column(t, c->cols[i].name, c->cols[i].type,
                            c->cols[i].not_null || c->cols[i].serial)
          ->has_default = gets_default(&c->cols[i]);
    break;
  case PF_CHANGE_DROP_TABLE:
    pf__schema_drop_table(s, tschema, tname);
    break;
  case PF_CHANGE_RENAME_TABLE:
    pf__schema_rename_table(s, tschema, tname, c->new_name);
    break;
  case PF_CHANGE_ADD_COLUMN:
    if (t && c->ncols)
      pf__schema_add_column(t, c->cols[0].name, c->cols[0].type,
                            c->cols[0].not_null || c->cols[0].serial)
          ->has_default = gets_default(&c->cols[0]);
    break;
  case PF_CHANGE_SET_DEFAULT:
  case PF_CHANGE_DROP_DEFAULT: {
    pf_schema_column *col = pf__schema_column(t, c->column);
    if (col)
      col->has_default = c->kind == PF_CHANGE_SET_DEFAULT;
    break;
  }
  case PF_CHANGE_DROP_COLUMN:
    if (t)
      pf__schema_drop_column(t, c->column);
    break;
  case PF_CHANGE_RENAME_COLUMN:
    if (t)
      pf__schema_rename_column(t, c->column, c->new_name);
    break;
  case PF_CHANGE_ALTER_COLUMN_TYPE: {
    pf_schema_column *col = pf__schema_column(t, c->column);
    if (col) {
      free(col->type);
      col->type = c->type ? pf_xstrdup(c->type) : NULL;
    }
    break;
  }
  case PF_CHANGE_SET_NOT_NULL:
  case PF_CHANGE_DROP_NOT_NULL: {
    pf_schema_column *col = pf__schema_column(t, c->column);
    if (col)
      col->not_null = c->kind == PF_CHANGE_SET_NOT_NULL;
    break;
  }
  case PF_CHANGE_ADD_CONSTRAINT: {
    char buf[128];
    const char *col;
    if (!t)
      break;
    if (c->cons == PF_CONS_CHECK &&
        (col = pf__not_null_check_column(c->expr, buf, sizeof(buf))))
      pf__schema_add_not_null_check(t, c->constraint, col, !c->not_valid);
    if (c->cons == PF_CONS_CHECK && c->shape)
      pf__schema_add_check(t, c->constraint, c->expr, c->shape->cols,
                           c->shape->ncols);
    if (c->cons == PF_CONS_PRIMARY_KEY) {
      for (uint32_t i = 0; i < c->ncolumns; i++) {
        pf_schema_column *pk = pf__schema_column(t, c->columns[i]);
        if (pk)
          pk->not_null = true;
      }
    }
    break;
  }
  case PF_CHANGE_VALIDATE_CONSTRAINT:
    if (t)
      pf__schema_validate_check(t, c->constraint);
    break;
  case PF_CHANGE_DROP_CONSTRAINT:
    if (t)
      pf__schema_drop_constraint(t, c->constraint);
    break;
  case PF_CHANGE_CREATE_INDEX: {
    // Expression elements are deparsed SQL, not column names.
    bool exprs = false;
    for (uint32_t i = 0; i < c->ncolumns; i++)
      exprs = exprs || !c->columns[i] || strpbrk(c->columns[i], " ()");
    pf__schema_add_index_on(s, c->index, c->table.schema, c->table.name,
                            c->columns, c->ncolumns, exprs);
    break;
  }
  case PF_CHANGE_DROP_INDEX:
    pf__schema_drop_index(s, c->index);
    break;
  default:
    break;
  }
}
