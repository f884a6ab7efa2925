/* Migration text -> statements -> changes, through libpg_query. */
/* SPDX-License-Identifier: MIT */
#include "model.h"

#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "core/source.h"

typedef pf__builder builder;

const char *pf__build_dup(pf__builder *b, const char *s)
{
  return (s && *s) ? pf_arena_strdup(b->m->arena, s) : NULL;
}

const char *pf__build_take(pf__builder *b, char *s)
{
  const char *r = s ? pf_arena_strdup(b->m->arena, s) : NULL;
  free(s);
  return r;
}

static const char *dup(builder *b, const char *s)
{
  return pf__build_dup(b, s);
}

static const char *take(builder *b, char *s)
{
  return pf__build_take(b, s);
}

pf_change *pf__build_change(pf__builder *b, pf_change_kind kind,
                            const PgQuery__RangeVar *rel)
{
  pf_migration *m = b->m;
  pf_change c;
  memset(&c, 0, sizeof(c));
  c.kind = kind;
  c.stmt = m->stmts.len - 1;
  c.span = b->in_do ? b->span : pf_vec_last(&m->stmts)->span;
  c.in_do = b->in_do;
  if (rel)
    pf__build_rangevar(b, &c.table, rel);
  pf_vec_push(&m->changes, c);
  pf_vec_last(&m->stmts)->nchanges++;
  return pf_vec_last(&m->changes);
}

static pf_change *add_change(builder *b, pf_change_kind kind,
                             const PgQuery__RangeVar *rel)
{
  return pf__build_change(b, kind, rel);
}

void pf__build_rangevar(pf__builder *b, pf_qname *q,
                        const PgQuery__RangeVar *rel)
{
  q->schema = rel ? dup(b, rel->schemaname) : NULL;
  q->name = rel ? dup(b, rel->relname) : NULL;
}

void pf__build_qname(pf__builder *b, pf_qname *q, PgQuery__Node **names,
                     size_t n)
{
  q->name = dup(b, pf__sql_names_last(names, n));
  q->schema = dup(b, pf__sql_names_schema(names, n));
}

// One line: the parser quotes the text "near" an error, which may span lines
// (an unterminated string); keep its first line only.
static void push_diag(pf_migration *m, pf_migration_diags *v, uint32_t start,
                      uint32_t end, const char *msg)
{
  pf_migration_diag d;
  d.span.start = start;
  d.span.end = end;
  const char *nl = strchr(msg, '\n');
  d.msg = nl ? pf_arena_printf(m->arena, "%.*s...\"", (int)(nl - msg), msg)
             : pf_arena_strdup(m->arena, msg);
  pf_vec_push(v, d);
}

static void add_diag(pf_migration *m, uint32_t start, uint32_t end,
                     const char *msg)
{
  push_diag(m, &m->diags, start, end, msg);
}

void pf__build_note(pf_migration *m, uint32_t start, uint32_t end,
                    const char *msg)
{
  push_diag(m, &m->notes, start, end, msg);
}

static void set_columns(builder *b, pf_change *c, PgQuery__Node **items,
                        size_t n)
{
  if (!n)
    return;
  c->columns = pf_arena_alloc(b->m->arena, sizeof(char *) * n);
  for (size_t i = 0; i < n; i++) {
    const char *name = NULL;
    PgQuery__Node *it = items[i];
    if (it->node_case == PG_QUERY__NODE__NODE_INDEX_ELEM)
      name = it->index_elem->name;
    else
      name = pf__sql_node_str(it);
    if (name && *name)
      c->columns[c->ncolumns++] = dup(b, name);
    else if (it->node_case == PG_QUERY__NODE__NODE_INDEX_ELEM &&
             it->index_elem->expr)
      c->columns[c->ncolumns++] =
          take(b, pf__sql_deparse_expr(it->index_elem->expr));
  }
}

// Volatile functions that force a table rewrite when used as a default
// (PostgreSQL 11+ stores non-volatile defaults in the catalog instead).
static const char *const volatile_funcs[] = {
    "random",           "gen_random_uuid", "uuid_generate_v1",
    "uuid_generate_v4", "clock_timestamp", "timeofday",
    "nextval",          "txid_current",    NULL};

// The functions a DEFAULT calls, for their volatility in pg_proc (live).
typedef struct func_names {
  builder *b;
  pf_qname *items;
  uint32_t n;
} func_names;

static bool collect_func(const PgQuery__Node *node, void *ud)
{
  func_names *fn = ud;
  if (node->node_case != PG_QUERY__NODE__NODE_FUNC_CALL ||
      fn->n >= PF_MAX_DEFAULT_FUNCS)
    return true;
  const PgQuery__FuncCall *f = node->func_call;
  const char *name = pf__sql_names_last(f->funcname, f->n_funcname);
  if (!name || !*name)
    return true;
  pf_qname *q = &fn->items[fn->n++];
  q->name = dup(fn->b, name);
  q->schema =
      f->n_funcname == 2 ? dup(fn->b, pf__sql_node_str(f->funcname[0])) : NULL;
  return true;
}

static void default_funcs(builder *b, const PgQuery__Node *expr,
                          pf_column_def *out)
{
  func_names fn = {b, NULL, 0};
  fn.items =
      pf_arena_alloc(b->m->arena, sizeof(pf_qname) * PF_MAX_DEFAULT_FUNCS);
  memset(fn.items, 0, sizeof(pf_qname) * PF_MAX_DEFAULT_FUNCS);
  pf__sql_walk(&expr->base, collect_func, &fn);
  out->funcs = fn.items;
  out->nfuncs = fn.n;
}

static bool find_volatile(const PgQuery__Node *node, void *ud)
{
  bool *found = ud;
  if (node->node_case == PG_QUERY__NODE__NODE_FUNC_CALL) {
    const PgQuery__FuncCall *f = node->func_call;
    const char *name = pf__sql_names_last(f->funcname, f->n_funcname);
    for (int i = 0; name && volatile_funcs[i]; i++) {
      if (strcmp(name, volatile_funcs[i]) == 0)
        *found = true;
    }
  }
  return true;
}

// EXCLUDE [USING method] (element WITH operator, ...) [WHERE (...)]: the
// elements into columns, their operators into excl_ops.
static void exclusion_elems(builder *b, pf_change *c,
                            const PgQuery__Constraint *k)
{
  size_t n = k->n_exclusions;
  c->excl_method =
      k->access_method && *k->access_method ? dup(b, k->access_method) : NULL;
  c->partial = k->where_clause != NULL;
  if (!n)
    return;
  c->columns = pf_arena_alloc(b->m->arena, sizeof(char *) * n);
  c->excl_ops = pf_arena_alloc(b->m->arena, sizeof(char *) * n);
  for (size_t i = 0; i < n; i++) {
    const PgQuery__Node *it = k->exclusions[i];
    if (it->node_case != PG_QUERY__NODE__NODE_LIST || it->list->n_items != 2 ||
        it->list->items[0]->node_case != PG_QUERY__NODE__NODE_INDEX_ELEM ||
        it->list->items[1]->node_case != PG_QUERY__NODE__NODE_LIST) {
      c->excl_expr = true; // a shape the model does not know
      continue;
    }
    const PgQuery__IndexElem *e = it->list->items[0]->index_elem;
    const PgQuery__List *op = it->list->items[1]->list;
    const char *name = NULL;
    if (e->name && *e->name && !e->expr) {
      name = dup(b, e->name);
    } else if (e->expr) {
      name = take(b, pf__sql_deparse_expr(e->expr));
      c->excl_expr = true;
    }
    pf_buf o = PF_BUF_INIT;
    for (size_t j = 0; j < op->n_items; j++) {
      const char *part = pf__sql_node_str(op->items[j]);
      pf_buf_printf(&o, "%s%s", j ? "." : "", part ? part : "?");
    }
    if (!name || !o.len) {
      pf_buf_clear(&o);
      c->excl_expr = true;
      continue;
    }
    c->excl_ops[c->ncolumns] = pf_arena_strdup(b->m->arena, o.data);
    c->columns[c->ncolumns++] = name;
    pf_buf_clear(&o);
  }
}

void pf__build_constraint(pf__builder *b, pf_change *c,
                          const PgQuery__Constraint *k)
{
  switch (k->contype) {
  case PG_QUERY__CONSTR_TYPE__CONSTR_CHECK:
    c->cons = PF_CONS_CHECK;
    break;
  case PG_QUERY__CONSTR_TYPE__CONSTR_NOTNULL:
    c->cons = PF_CONS_NOT_NULL;
    break;
  case PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY:
    c->cons = PF_CONS_PRIMARY_KEY;
    break;
  case PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE:
    c->cons = PF_CONS_UNIQUE;
    break;
  case PG_QUERY__CONSTR_TYPE__CONSTR_EXCLUSION:
    c->cons = PF_CONS_EXCLUDE;
    break;
  case PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN:
    c->cons = PF_CONS_FOREIGN_KEY;
    break;
  default:
    c->cons = PF_CONS_NONE;
    break;
  }
  c->constraint = dup(b, k->conname);
  c->not_valid = k->skip_validation;
  if (c->cons == PF_CONS_FOREIGN_KEY) {
    set_columns(b, c, k->fk_attrs, k->n_fk_attrs);
    // The referenced columns go through set_columns too; swap them out.
    const char **cols = c->columns;
    uint32_t ncols = c->ncolumns;
    c->columns = NULL;
    c->ncolumns = 0;
    set_columns(b, c, k->pk_attrs, k->n_pk_attrs);
    c->ref_columns = c->columns;
    c->nref_columns = c->ncolumns;
    c->columns = cols;
    c->ncolumns = ncols;
    if (k->pktable) {
      c->ref_table.schema = dup(b, k->pktable->schemaname);
      c->ref_table.name = dup(b, k->pktable->relname);
    }
  } else if (c->cons == PF_CONS_EXCLUDE) {
    exclusion_elems(b, c, k);
  } else {
    set_columns(b, c, k->keys, k->n_keys);
  }
  if (k->raw_expr) {
    c->expr = take(b, pf__sql_deparse_expr(k->raw_expr));
    c->shape = pf__build_expr_shape(b, k->raw_expr);
  }
  c->nulls_not_distinct = k->nulls_not_distinct;
  c->include = k->n_including > 0;
  if (k->indexname && *k->indexname)
    c->index = dup(b, k->indexname); // ADD CONSTRAINT ... USING INDEX
}

// serial, bigserial, smallserial and their serial2/4/8 spellings (the names
// the parser leaves in the type; PostgreSQL expands them later).
static bool is_serial(const char *base)
{
  static const char *const names[] = {"serial",  "bigserial", "smallserial",
                                      "serial2", "serial4",   "serial8"};
  for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
    if (strcmp(base, names[i]) == 0)
      return true;
  }
  return false;
}

// Fills @out from a column definition (CREATE TABLE element or ADD COLUMN).
static void column_info(builder *b, const PgQuery__ColumnDef *d,
                        pf_column_def *out)
{
  memset(out, 0, sizeof(*out));
  out->name = dup(b, d->colname);
  out->offset = d->location >= 0 ? b->base + (uint32_t)d->location : 0;
  out->not_null = d->is_not_null;
  const PgQuery__TypeName *t = d->type_name;
  if (t) {
    out->type = take(b, pf__sql_deparse_type(d->type_name));
    const char *base = pf__sql_names_last(t->names, t->n_names);
    if (base) {
      char *lower = pf_arena_strdup(b->m->arena, base);
      for (char *p = lower; *p; p++)
        *p = (char)pf_ascii_lower((unsigned char)*p);
      out->type_base = lower;
    }
    out->ntypmods = (uint32_t)t->n_typmods;
    out->is_array = t->n_array_bounds > 0;
    out->serial = !out->is_array && out->type_base && is_serial(out->type_base);
  }
  // serial is integer NOT NULL DEFAULT nextval('<table>_<column>_seq'):
  // a volatile default (PostgreSQL 15 docs, 8.1.4 Serial Types). not_null
  // stays as written; the replay adds the implied one.
  if (out->serial) {
    out->has_default = true;
    out->volatile_default = true;
  }
  for (size_t i = 0; i < d->n_constraints; i++) {
    const PgQuery__Node *n = d->constraints[i];
    if (n->node_case != PG_QUERY__NODE__NODE_CONSTRAINT)
      continue;
    const PgQuery__Constraint *k = n->constraint;
    switch (k->contype) {
    case PG_QUERY__CONSTR_TYPE__CONSTR_NOTNULL:
      out->not_null = true;
      break;
    case PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY:
      out->not_null = true;
      out->primary_key = true;
      break;
    case PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE:
      out->unique = true;
      break;
    case PG_QUERY__CONSTR_TYPE__CONSTR_DEFAULT:
      out->has_default = true;
      if (k->raw_expr) {
        bool vol = false;
        out->default_expr = take(b, pf__sql_deparse_expr(k->raw_expr));
        pf__sql_walk(&k->raw_expr->base, find_volatile, &vol);
        out->volatile_default = vol;
        default_funcs(b, k->raw_expr, out);
      }
      break;
    case PG_QUERY__CONSTR_TYPE__CONSTR_IDENTITY:
      out->identity = true;
      out->has_default = true;
      out->volatile_default = true;
      break;
    case PG_QUERY__CONSTR_TYPE__CONSTR_GENERATED:
      out->has_default = true;
      out->volatile_default = true;
      out->generated = true;
      break;
    default:
      break;
    }
  }
}

// ADD COLUMN: the change carries the column's definition and its summary.
static void column_def(builder *b, pf_change *c, const PgQuery__ColumnDef *d)
{
  pf_column_def *col = pf_arena_alloc(b->m->arena, sizeof(*col));
  column_info(b, d, col);
  c->cols = col;
  c->ncols = 1;
  c->column = col->name;
  c->type = col->type;
  c->not_null = col->not_null;
  c->has_default = col->has_default;
  c->volatile_default = col->volatile_default;
  c->expr = col->default_expr;
  c->default_funcs = col->funcs;
  c->ndefault_funcs = col->nfuncs;
}

bool pf__qname_same(const pf_qname *a, const pf_qname *b)
{
  return a->name && b->name && strcmp(a->name, b->name) == 0 &&
         (!a->schema || !b->schema || strcmp(a->schema, b->schema) == 0);
}

// The type of @c's column as an earlier statement of this file defines it
// (CREATE TABLE, ADD COLUMN, ALTER COLUMN TYPE), or NULL.
static const char *earlier_type(builder *b, const pf_change *c)
{
  const pf_migration *m = b->m;
  for (uint32_t i = m->changes.len - 1; i-- > 0;) {
    const pf_change *p = &m->changes.items[i];
    if (!pf__qname_same(&p->table, &c->table))
      continue;
    if (p->kind == PF_CHANGE_ALTER_COLUMN_TYPE && p->column &&
        strcmp(p->column, c->column) == 0)
      return p->type;
    if (p->kind == PF_CHANGE_ADD_COLUMN || p->kind == PF_CHANGE_CREATE_TABLE) {
      for (uint32_t k = 0; k < p->ncols; k++) {
        if (p->cols[k].name && strcmp(p->cols[k].name, c->column) == 0)
          return p->cols[k].type;
      }
      if (p->kind == PF_CHANGE_CREATE_TABLE)
        return NULL;
    }
    if (p->kind == PF_CHANGE_RENAME_TABLE || p->kind == PF_CHANGE_DROP_TABLE)
      return NULL;
  }
  return NULL;
}

// The span of the (possibly qualified, possibly quoted) name that starts at
// source offset @at: "orders", "app.orders", "\"Odd \"\" name\"".
static pf_span name_span(builder *b, uint32_t at)
{
  const char *t = b->text;
  uint32_t len = b->m->src->len, i = at;
  while (i < len) {
    if (t[i] == '"') {
      for (i++; i < len; i++) {
        if (t[i] == '"' && !(i + 1 < len && t[i + 1] == '"'))
          break;
        if (t[i] == '"')
          i++;
      }
      i++;
    } else {
      while (i < len && pf_is_ident_char((unsigned char)t[i]))
        i++;
    }
    if (i < len && t[i] == '.')
      i++;
    else
      break;
  }
  pf_span sp = {at, i <= len ? i : len};
  return sp;
}

static void alter_table_cmds(builder *b, const PgQuery__AlterTableStmt *s);

// A constraint written in a column or table definition, which PostgreSQL
// turns into a constraint of its own (parse_utilcmd.c, transformAlterTable-
// Stmt and transformCreateStmt): a change of its own, so that its lock and
// effect are those of the constraint. In a CREATE TABLE only foreign keys
// (they lock the referenced table) and CHECK constraints (the schema keeps
// them) are worth one. @col is the column of a column constraint, else
// NULL; @has_default whether that column has a DEFAULT.
static void def_constraint(builder *b, const PgQuery__RangeVar *rel,
                           const PgQuery__Constraint *k, const char *col,
                           bool has_default, bool new_table)
{
  switch (k->contype) {
  case PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE:
  case PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY:
    if (new_table)
      return;
    break;
  case PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN:
  case PG_QUERY__CONSTR_TYPE__CONSTR_CHECK:
    break;
  default:
    return;
  }
  pf_change *c = add_change(b, PF_CHANGE_ADD_CONSTRAINT, rel);
  pf__build_constraint(b, c, k);
  c->from_def = true;
  c->new_table = new_table;
  c->has_default = has_default;
  if (col && !c->ncolumns && c->cons != PF_CONS_CHECK) {
    c->columns = pf_arena_alloc(b->m->arena, sizeof(char *));
    c->columns[0] = dup(b, col);
    c->ncolumns = 1;
  }
  if (col)
    c->column = dup(b, col);
  pf__change_set_lock(c);
}

// The constraints of column definition @d that def_constraint() models.
static void column_constraints(builder *b, const PgQuery__RangeVar *rel,
                               const PgQuery__ColumnDef *d,
                               const pf_column_def *col, bool new_table)
{
  for (size_t i = 0; i < d->n_constraints; i++) {
    const PgQuery__Node *n = d->constraints[i];
    if (n->node_case == PG_QUERY__NODE__NODE_CONSTRAINT)
      def_constraint(b, rel, n->constraint, col->name, col->has_default,
                     new_table);
  }
}

static void alter_table(builder *b, const PgQuery__AlterTableStmt *s)
{
  uint32_t first = b->m->changes.len;
  alter_table_cmds(b, s);
  // Where the table's name ends, for rules that rewrite the statement
  // (combine-alter-table joins two statements' sub-commands).
  if (s->relation && s->relation->location >= 0 && !b->in_do) {
    pf_span sp = name_span(b, b->base + (uint32_t)s->relation->location);
    for (uint32_t i = first; i < b->m->changes.len; i++)
      b->m->changes.items[i].rel_span = sp;
  }
}

static void alter_table_cmds(builder *b, const PgQuery__AlterTableStmt *s)
{
  for (size_t i = 0; i < s->n_cmds; i++) {
    if (s->cmds[i]->node_case != PG_QUERY__NODE__NODE_ALTER_TABLE_CMD)
      continue;
    const PgQuery__AlterTableCmd *cmd = s->cmds[i]->alter_table_cmd;
    pf_change *c = NULL;
    switch (cmd->subtype) {
    case PG_QUERY__ALTER_TABLE_TYPE__AT_AddColumn:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_AddColumnRecurse:
      c = add_change(b, PF_CHANGE_ADD_COLUMN, s->relation);
      c->if_exists = cmd->missing_ok;
      if (cmd->def && cmd->def->node_case == PG_QUERY__NODE__NODE_COLUMN_DEF) {
        column_def(b, c, cmd->def->column_def);
        // Its UNIQUE, PRIMARY KEY, REFERENCES and CHECK follow as changes
        // of their own; adding them moves the vector, so c is done first.
        pf__change_set_lock(c);
        pf_column_def col = *c->cols;
        column_constraints(b, s->relation, cmd->def->column_def, &col, false);
        continue;
      }
      break;
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DropColumn:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DropColumnRecurse:
      c = add_change(b, PF_CHANGE_DROP_COLUMN, s->relation);
      c->column = dup(b, cmd->name);
      c->if_exists = cmd->missing_ok;
      c->cascade = cmd->behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE;
      break;
    case PG_QUERY__ALTER_TABLE_TYPE__AT_AlterColumnType:
      c = add_change(b, PF_CHANGE_ALTER_COLUMN_TYPE, s->relation);
      c->column = dup(b, cmd->name);
      if (cmd->def && cmd->def->node_case == PG_QUERY__NODE__NODE_COLUMN_DEF) {
        const PgQuery__ColumnDef *d = cmd->def->column_def;
        if (d->type_name)
          c->type = take(b, pf__sql_deparse_type(d->type_name));
        if (d->raw_default) {
          c->expr = take(b, pf__sql_deparse_expr(d->raw_default));
          c->shape = pf__build_expr_shape(b, d->raw_default);
        }
      }
      c->old_type = earlier_type(b, c);
      break;
    case PG_QUERY__ALTER_TABLE_TYPE__AT_SetNotNull:
      c = add_change(b, PF_CHANGE_SET_NOT_NULL, s->relation);
      c->column = dup(b, cmd->name);
      break;
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DropNotNull:
      c = add_change(b, PF_CHANGE_DROP_NOT_NULL, s->relation);
      c->column = dup(b, cmd->name);
      break;
    case PG_QUERY__ALTER_TABLE_TYPE__AT_ColumnDefault:
      c = add_change(b,
                     cmd->def ? PF_CHANGE_SET_DEFAULT : PF_CHANGE_DROP_DEFAULT,
                     s->relation);
      c->column = dup(b, cmd->name);
      if (cmd->def)
        c->expr = take(b, pf__sql_deparse_expr(cmd->def));
      break;
    case PG_QUERY__ALTER_TABLE_TYPE__AT_AddConstraint:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_AddConstraintRecurse:
      c = add_change(b, PF_CHANGE_ADD_CONSTRAINT, s->relation);
      if (cmd->def && cmd->def->node_case == PG_QUERY__NODE__NODE_CONSTRAINT)
        pf__build_constraint(b, c, cmd->def->constraint);
      break;
    case PG_QUERY__ALTER_TABLE_TYPE__AT_ValidateConstraint:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_ValidateConstraintRecurse:
      c = add_change(b, PF_CHANGE_VALIDATE_CONSTRAINT, s->relation);
      c->constraint = dup(b, cmd->name);
      break;
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DropConstraint:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DropConstraintRecurse:
      c = add_change(b, PF_CHANGE_DROP_CONSTRAINT, s->relation);
      c->constraint = dup(b, cmd->name);
      c->if_exists = cmd->missing_ok;
      break;
    default:
      c = pf__ddl_alter_cmd(b, s, cmd);
      break;
    }
    pf__change_set_lock(c);
  }
}

static void index_stmt(builder *b, PgQuery__Node *node)
{
  PgQuery__IndexStmt *s = node->index_stmt;
  pf_change *c = add_change(b, PF_CHANGE_CREATE_INDEX, s->relation);
  c->index = dup(b, s->idxname);
  c->unique = s->unique;
  c->partial = s->where_clause != NULL;
  c->nulls_not_distinct = s->nulls_not_distinct;
  c->concurrently = s->concurrent;
  c->if_exists = s->if_not_exists;
  c->only = s->relation && !s->relation->inh;
  c->include = s->n_index_including_params > 0;
  if (s->access_method && *s->access_method) {
    char *m = pf_arena_strdup(b->m->arena, s->access_method);
    for (char *p = m; *p; p++)
      *p = (char)pf_ascii_lower((unsigned char)*p);
    c->method = m;
  }
  if (s->relation && s->relation->location >= 0 && !b->in_do)
    c->rel_span = name_span(b, b->base + (uint32_t)s->relation->location);
  set_columns(b, c, s->index_params, s->n_index_params);
  pf__change_set_lock(c);
  // ON ONLY is for a partitioned table, where CONCURRENTLY is refused
  // ("cannot create index on partitioned table ... concurrently").
  if (!s->concurrent && !c->only) {
    s->concurrent = true;
    c->concurrent_sql = take(b, pf__sql_deparse_stmt(node));
    s->concurrent = false;
  }
}

static void drop_stmt(builder *b, PgQuery__Node *node)
{
  PgQuery__DropStmt *s = node->drop_stmt;
  pf_change_kind kind;
  switch (s->remove_type) {
  case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE:
    kind = PF_CHANGE_DROP_TABLE;
    break;
  case PG_QUERY__OBJECT_TYPE__OBJECT_INDEX:
    kind = PF_CHANGE_DROP_INDEX;
    break;
  default:
    if (pf__ddl_statement(b, NULL, node))
      return;
    kind = PF_CHANGE_OTHER;
    break;
  }
  for (size_t i = 0; i < s->n_objects; i++) {
    const PgQuery__Node *o = s->objects[i];
    const char *name = NULL, *schema = NULL;
    if (o->node_case == PG_QUERY__NODE__NODE_LIST) {
      name = pf__sql_names_last(o->list->items, o->list->n_items);
      schema = pf__sql_names_schema(o->list->items, o->list->n_items);
    }
    pf_change *c = add_change(b, kind, NULL);
    c->if_exists = s->missing_ok;
    c->concurrently = s->concurrent;
    c->cascade = s->behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE;
    if (kind == PF_CHANGE_DROP_INDEX) {
      c->index = dup(b, name);
      c->index_q.schema = dup(b, schema);
      c->index_q.name = c->index;
    } else if (kind == PF_CHANGE_DROP_TABLE) {
      c->table.schema = dup(b, schema);
      c->table.name = dup(b, name);
    }
    pf__change_set_lock(c);
  }
  if (kind == PF_CHANGE_DROP_INDEX && !s->concurrent && s->n_objects == 1) {
    s->concurrent = true;
    pf_vec_last(&b->m->changes)->concurrent_sql =
        take(b, pf__sql_deparse_stmt(node));
    s->concurrent = false;
  }
}

static void rename_stmt(builder *b, PgQuery__Node *node)
{
  const PgQuery__RenameStmt *s = node->rename_stmt;
  pf_change *c;
  switch (s->rename_type) {
  case PG_QUERY__OBJECT_TYPE__OBJECT_COLUMN:
    c = add_change(b, PF_CHANGE_RENAME_COLUMN, s->relation);
    c->column = dup(b, s->subname);
    break;
  case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE:
    c = add_change(b, PF_CHANGE_RENAME_TABLE, s->relation);
    break;
  default:
    pf__ddl_statement(b, NULL, node);
    return;
  }
  c->new_name = dup(b, s->newname);
  c->if_exists = s->missing_ok;
  pf__change_set_lock(c);
}

void pf__build_create_table(pf__builder *b, const PgQuery__CreateStmt *s)
{
  pf_change *c = add_change(b, PF_CHANGE_CREATE_TABLE, s->relation);
  c->if_exists = s->if_not_exists;
  c->partitioned = s->partspec != NULL;
  c->unlogged = s->relation && s->relation->relpersistence &&
                s->relation->relpersistence[0] == 'u';
  c->cols_open = s->partbound || s->n_inh_relations || s->of_typename;
  for (size_t i = 0; i < s->n_table_elts; i++) {
    const PgQuery__Node *e = s->table_elts[i];
    c->cols_open =
        c->cols_open || e->node_case == PG_QUERY__NODE__NODE_TABLE_LIKE_CLAUSE;
    // UNIQUE / PRIMARY KEY (...) INCLUDE (...): only a table constraint
    // has INCLUDE (PostgreSQL 15 docs, CREATE TABLE).
    c->include =
        c->include || (e->node_case == PG_QUERY__NODE__NODE_CONSTRAINT &&
                       e->constraint->n_including > 0);
  }
  if (s->partbound && s->n_inh_relations &&
      s->inh_relations[0]->node_case == PG_QUERY__NODE__NODE_RANGE_VAR)
    pf__build_rangevar(b, &c->other_table, s->inh_relations[0]->range_var);
  uint32_t n = 0;
  for (size_t i = 0; i < s->n_table_elts; i++)
    n += s->table_elts[i]->node_case == PG_QUERY__NODE__NODE_COLUMN_DEF;
  const pf_column_def *cols = NULL;
  if (n) {
    pf_column_def *out = pf_arena_alloc(b->m->arena, sizeof(*out) * n);
    uint32_t k = 0;
    for (size_t i = 0; i < s->n_table_elts; i++) {
      if (s->table_elts[i]->node_case == PG_QUERY__NODE__NODE_COLUMN_DEF)
        column_info(b, s->table_elts[i]->column_def, &out[k++]);
    }
    c->cols = cols = out;
    c->ncols = n;
  }
  pf__change_set_lock(c);
  // Foreign keys and CHECK constraints, of columns or of the table, follow
  // as changes of their own (c moves with the vector: not used below).
  uint32_t k = 0;
  for (size_t i = 0; i < s->n_table_elts; i++) {
    const PgQuery__Node *e = s->table_elts[i];
    if (e->node_case == PG_QUERY__NODE__NODE_COLUMN_DEF)
      column_constraints(b, s->relation, e->column_def, &cols[k++], true);
    else if (e->node_case == PG_QUERY__NODE__NODE_CONSTRAINT)
      def_constraint(b, s->relation, e->constraint, NULL, false, true);
  }
}

// SET name = value / SET LOCAL / RESET: what the session will use.
static void variable_set(builder *b, pf_stmt *st,
                         const PgQuery__VariableSetStmt *s)
{
  if (s->kind == PG_QUERY__VARIABLE_SET_KIND__VAR_RESET_ALL) {
    st->kind = PF_STMT_SET;
    st->set_name = "all";
    st->set_reset = true;
    return;
  }
  if (!s->name || !*s->name)
    return;
  st->kind = PF_STMT_SET;
  st->set_local = s->is_local;
  st->set_reset = s->kind == PG_QUERY__VARIABLE_SET_KIND__VAR_RESET ||
                  s->kind == PG_QUERY__VARIABLE_SET_KIND__VAR_SET_DEFAULT;
  char *lower = pf_arena_strdup(b->m->arena, s->name);
  for (char *p = lower; *p; p++)
    *p = (char)pf_ascii_lower((unsigned char)*p);
  st->set_name = lower;
  if (s->kind == PG_QUERY__VARIABLE_SET_KIND__VAR_SET_VALUE && s->n_args) {
    const PgQuery__Node *a = s->args[0];
    if (a->node_case == PG_QUERY__NODE__NODE_A_CONST) {
      const PgQuery__AConst *c = a->a_const;
      if (c->val_case == PG_QUERY__A__CONST__VAL_SVAL && c->sval)
        st->set_value = dup(b, c->sval->sval);
      else if (c->val_case == PG_QUERY__A__CONST__VAL_IVAL && c->ival)
        st->set_value = pf_arena_printf(b->m->arena, "%d", c->ival->ival);
    }
    if (!st->set_value)
      st->set_value = take(b, pf__sql_deparse_expr(s->args[0]));
  }
}

// SELECT set_config('lock_timeout', '2s', false): a SET (is_local true:
// SET LOCAL) when the name and value are constants; the first such call of
// the select list counts.
static bool set_config_call(builder *b, pf_stmt *st,
                            const PgQuery__SelectStmt *s)
{
  for (size_t i = 0; i < s->n_target_list; i++) {
    const PgQuery__Node *t = s->target_list[i];
    if (t->node_case != PG_QUERY__NODE__NODE_RES_TARGET ||
        !t->res_target->val ||
        t->res_target->val->node_case != PG_QUERY__NODE__NODE_FUNC_CALL)
      continue;
    const PgQuery__FuncCall *f = t->res_target->val->func_call;
    const char *fn = pf__sql_names_last(f->funcname, f->n_funcname);
    if (!fn || strcmp(fn, "set_config") != 0 || f->n_args != 3)
      continue;
    const char *v[3] = {NULL, NULL, NULL};
    for (int k = 0; k < 3; k++) {
      const PgQuery__Node *a = f->args[k];
      if (a->node_case == PG_QUERY__NODE__NODE_TYPE_CAST)
        a = a->type_cast->arg;
      if (a && a->node_case == PG_QUERY__NODE__NODE_A_CONST) {
        const PgQuery__AConst *c = a->a_const;
        if (c->val_case == PG_QUERY__A__CONST__VAL_SVAL && c->sval)
          v[k] = c->sval->sval;
        else if (c->val_case == PG_QUERY__A__CONST__VAL_BOOLVAL && c->boolval)
          v[k] = c->boolval->boolval ? "true" : "false";
      }
    }
    if (!v[0] || !v[1] || !v[2])
      continue;
    char *lower = pf_arena_strdup(b->m->arena, v[0]);
    for (char *p = lower; *p; p++)
      *p = (char)pf_ascii_lower((unsigned char)*p);
    st->kind = PF_STMT_SET;
    st->set_name = lower;
    st->set_value = dup(b, v[1]);
    if (!st->set_value)
      st->set_value = "";
    st->set_local = pf_strcaseeq(v[2], "true") || pf_strcaseeq(v[2], "t") ||
                    pf_strcaseeq(v[2], "on");
    return true;
  }
  return false;
}

static const char *stmt_tag(const PgQuery__Node *n)
{
  switch (n->node_case) {
  case PG_QUERY__NODE__NODE_ALTER_TABLE_STMT:
    return "ALTER TABLE";
  case PG_QUERY__NODE__NODE_INDEX_STMT:
    return "CREATE INDEX";
  case PG_QUERY__NODE__NODE_DROP_STMT:
    return "DROP";
  case PG_QUERY__NODE__NODE_RENAME_STMT:
    return "ALTER ... RENAME";
  case PG_QUERY__NODE__NODE_CREATE_STMT:
    return "CREATE TABLE";
  case PG_QUERY__NODE__NODE_TRUNCATE_STMT:
    return "TRUNCATE";
  case PG_QUERY__NODE__NODE_UPDATE_STMT:
    return "UPDATE";
  case PG_QUERY__NODE__NODE_DELETE_STMT:
    return "DELETE";
  case PG_QUERY__NODE__NODE_TRANSACTION_STMT:
    return "TRANSACTION";
  case PG_QUERY__NODE__NODE_VARIABLE_SET_STMT:
    return "SET";
  case PG_QUERY__NODE__NODE_DISCARD_STMT:
    return "DISCARD";
  default: {
    const char *t = pf__ddl_tag(n);
    return t ? t : "OTHER";
  }
  }
}

static void transaction_stmt(builder *b, pf_stmt *st,
                             const PgQuery__TransactionStmt *s)
{
  if (b->in_do)
    return; // COMMIT in a DO block ends its own transaction only
  switch (s->kind) {
  case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_BEGIN:
  case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_START:
    st->kind = PF_STMT_BEGIN;
    b->in_txn = true;
    break;
  case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_COMMIT:
  case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_PREPARE:
    st->kind = PF_STMT_COMMIT;
    b->in_txn = false;
    break;
  case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_ROLLBACK:
    st->kind = PF_STMT_ROLLBACK;
    b->in_txn = false;
    break;
  default:
    st->kind = PF_STMT_SAVEPOINT;
    break;
  }
}

void pf__build_changes(pf__builder *b, pf_stmt *st, PgQuery__Node *n)
{
  switch (n->node_case) {
  case PG_QUERY__NODE__NODE_ALTER_TABLE_STMT:
    if (n->alter_table_stmt->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_TABLE)
      alter_table(b, n->alter_table_stmt);
    else
      pf__ddl_statement(b, st, n); // ALTER INDEX, VIEW, SEQUENCE, ...
    // DETACH PARTITION ... CONCURRENTLY refuses a transaction block
    // (PostgreSQL 15 docs, ALTER TABLE).
    for (uint32_t i = st->first_change; i < b->m->changes.len; i++) {
      const pf_change *c = &b->m->changes.items[i];
      if (c->kind == PF_CHANGE_DETACH_PARTITION && c->concurrently &&
          !c->finalize)
        st->no_txn = true;
    }
    break;
  case PG_QUERY__NODE__NODE_INDEX_STMT:
    st->no_txn = n->index_stmt->concurrent;
    index_stmt(b, n);
    break;
  case PG_QUERY__NODE__NODE_DROP_STMT:
    st->no_txn = n->drop_stmt->concurrent;
    drop_stmt(b, n);
    break;
  case PG_QUERY__NODE__NODE_RENAME_STMT:
    rename_stmt(b, n);
    break;
  case PG_QUERY__NODE__NODE_CREATE_STMT:
    pf__build_create_table(b, n->create_stmt);
    break;
  case PG_QUERY__NODE__NODE_TRUNCATE_STMT:
    for (size_t i = 0; i < n->truncate_stmt->n_relations; i++) {
      const PgQuery__Node *r = n->truncate_stmt->relations[i];
      if (r->node_case != PG_QUERY__NODE__NODE_RANGE_VAR)
        continue;
      pf_change *c = add_change(b, PF_CHANGE_TRUNCATE, r->range_var);
      c->cascade =
          n->truncate_stmt->behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE;
      pf__change_set_lock(c);
    }
    break;
  case PG_QUERY__NODE__NODE_UPDATE_STMT: {
    const PgQuery__UpdateStmt *u = n->update_stmt;
    pf_change *c = add_change(b, PF_CHANGE_UPDATE, u->relation);
    c->where_all = !u->where_clause;
    // The assigned columns, in order (duplicates are kept: a rule looks).
    if (u->n_target_list) {
      c->columns =
          pf_arena_alloc(b->m->arena, sizeof(char *) * u->n_target_list);
      for (size_t i = 0; i < u->n_target_list; i++) {
        const PgQuery__Node *t = u->target_list[i];
        if (t->node_case == PG_QUERY__NODE__NODE_RES_TARGET &&
            t->res_target->name)
          c->columns[c->ncolumns++] = dup(b, t->res_target->name);
      }
    }
    pf__change_set_lock(c);
    break;
  }
  case PG_QUERY__NODE__NODE_DELETE_STMT: {
    pf_change *c = add_change(b, PF_CHANGE_DELETE, n->delete_stmt->relation);
    c->where_all = !n->delete_stmt->where_clause;
    pf__change_set_lock(c);
    break;
  }
  case PG_QUERY__NODE__NODE_TRANSACTION_STMT:
    transaction_stmt(b, st, n->transaction_stmt);
    break;
  case PG_QUERY__NODE__NODE_VARIABLE_SET_STMT:
    if (!b->in_do)
      variable_set(b, st, n->variable_set_stmt);
    break;
  case PG_QUERY__NODE__NODE_SELECT_STMT:
    if (!b->in_do && set_config_call(b, st, n->select_stmt))
      break;
    pf__ddl_statement(b, st, n);
    break;
  case PG_QUERY__NODE__NODE_DISCARD_STMT:
    // PostgreSQL 15 docs, DISCARD: DISCARD ALL cannot be executed inside a
    // transaction block.
    st->no_txn = n->discard_stmt->target == PG_QUERY__DISCARD_MODE__DISCARD_ALL;
    break;
  default:
    pf__ddl_statement(b, st, n);
    break;
  }
}

// A psql \gexec right after the statement ending at @end runs SQL that the
// statement's result builds: its effect is unknown.
static void gexec_after(builder *b, uint32_t end)
{
  for (uint32_t i = 0; i < b->gexec.len; i++) {
    if (b->gexec.items[i] != end)
      continue;
    pf_change *c = add_change(b, PF_CHANGE_DYNAMIC_SQL, NULL);
    c->detail = "psql \\gexec, which runs each value of the result as SQL";
    pf__change_set_lock(c);
  }
}

static void statement(builder *b, PgQuery__Node *n, uint32_t end)
{
  pf_stmt *st = pf_vec_last(&b->m->stmts);
  st->tag = stmt_tag(n);
  st->first_change = b->m->changes.len;
  st->in_txn = b->in_txn;
  pf__build_changes(b, st, n);
  gexec_after(b, end);
}

static bool is_space(char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}

// Moves @start past whitespace and comments, so that positions point at the
// statement's first keyword; trims trailing whitespace from @end.
static pf_span trim_span(const char *s, uint32_t start, uint32_t end)
{
  while (start < end) {
    if (is_space(s[start])) {
      start++;
    } else if (s[start] == '-' && start + 1 < end && s[start + 1] == '-') {
      while (start < end && s[start] != '\n')
        start++;
    } else if (s[start] == '/' && start + 1 < end && s[start + 1] == '*') {
      int depth = 0;
      while (start < end) {
        if (s[start] == '/' && start + 1 < end && s[start + 1] == '*') {
          depth++;
          start += 2;
        } else if (s[start] == '*' && start + 1 < end && s[start + 1] == '/') {
          start += 2;
          if (--depth == 0)
            break;
        } else {
          start++;
        }
      }
    } else {
      break;
    }
  }
  while (end > start && (is_space(s[end - 1]) || s[end - 1] == ';'))
    end--;
  pf_span sp = {start, end};
  return sp;
}

static pf_stmt *push_stmt(pf_migration *m, pf_span span)
{
  pf_stmt st;
  memset(&st, 0, sizeof(st));
  st.span = span;
  st.first_change = m->changes.len;
  pf_vec_push(&m->stmts, st);
  return pf_vec_last(&m->stmts);
}

typedef struct split_ctx {
  builder *b;
  const char *text;
  bool lazy; // the text is known to parse: convert only what the model reads
} split_ctx;

// The words tree_free_tag looks for anywhere in a statement.
enum {
  W_SELECT = 1 << 0,
  W_FROM = 1 << 1,
  W_TABLE = 1 << 2,
  W_UNION = 1 << 3,
  W_INTERSECT = 1 << 4,
  W_EXCEPT = 1 << 5,
  W_INSERT = 1 << 6,
  W_UPDATE = 1 << 7,
  W_DELETE = 1 << 8,
  W_MERGE = 1 << 9,
  W_INTO = 1 << 10,
  W_SET_CONFIG = 1 << 11, // SELECT set_config(...) is a SET
  W_CONFLICT = 1 << 12,   // INSERT ... ON CONFLICT (requires-newer-server)
};

// Which of those words appear in @s as whole words (maximal runs of
// identifier bytes), in any case; in one pass, since the statements this
// decides about are most of a large file.
static unsigned words_in(const char *s, size_t len)
{
  static const struct {
    const char *w;
    unsigned bit;
  } words[] = {{"select", W_SELECT},       {"from", W_FROM},
               {"table", W_TABLE},         {"union", W_UNION},
               {"intersect", W_INTERSECT}, {"except", W_EXCEPT},
               {"insert", W_INSERT},       {"update", W_UPDATE},
               {"delete", W_DELETE},       {"merge", W_MERGE},
               {"into", W_INTO},           {"set_config", W_SET_CONFIG},
               {"conflict", W_CONFLICT}};
  // The first letters of the words above: most words of a statement are
  // not looked at further.
  static const bool first[256] = {
      ['s'] = true, ['f'] = true, ['t'] = true, ['u'] = true, ['i'] = true,
      ['e'] = true, ['d'] = true, ['m'] = true, ['c'] = true, ['S'] = true,
      ['F'] = true, ['T'] = true, ['U'] = true, ['I'] = true, ['E'] = true,
      ['D'] = true, ['M'] = true, ['C'] = true};
  unsigned found = 0;
  size_t i = 0;
  while (i < len) {
    if (!pf_is_ident_char((unsigned char)s[i])) {
      i++;
      continue;
    }
    size_t start = i;
    while (i < len && pf_is_ident_char((unsigned char)s[i]))
      i++;
    size_t n = i - start;
    if (n < 4 || n > 10 || !first[(unsigned char)s[start]])
      continue;
    char w[11];
    for (size_t k = 0; k < n; k++)
      w[k] = (char)pf_ascii_lower((unsigned char)s[start + k]);
    for (size_t k = 0; k < sizeof(words) / sizeof(words[0]); k++) {
      if (strlen(words[k].w) == n && memcmp(words[k].w, w, n) == 0) {
        found |= words[k].bit;
        break;
      }
    }
  }
  return found;
}

// Statements no rule reads a tree of: queries and session commands. Turning
// their parse trees into protobuf and back is most of the cost on large
// files of them, so a file that parses is converted statement by statement
// and these are only recorded. Returns their tag, or NULL when the
// statement needs its tree (SELECT ... INTO creates a table; INSERT ...
// SELECT is a backfill).
static const char *tree_free_tag(const char *s, size_t len)
{
  // (DISCARD is parsed: DISCARD ALL refuses a transaction block.)
  static const char *const words[] = {
      "select",  "values",     "table",    "show",       "explain", "prepare",
      "execute", "deallocate", "fetch",    "move",       "close",   "declare",
      "listen",  "notify",     "unlisten", "checkpoint", NULL};
  static const char *const tags[] = {
      "SELECT",  "VALUES",     "TABLE",    "SHOW",       "EXPLAIN", "PREPARE",
      "EXECUTE", "DEALLOCATE", "FETCH",    "MOVE",       "CLOSE",   "DECLARE",
      "LISTEN",  "NOTIFY",     "UNLISTEN", "CHECKPOINT", NULL};
  size_t n = 0;
  while (n < len && n < 16 && pf_is_ident_char((unsigned char)s[n]))
    n++;
  char first[16];
  for (size_t k = 0; k < n; k++)
    first[k] = (char)pf_ascii_lower((unsigned char)s[k]);
  if (n == 6 && memcmp(first, "insert", 6) == 0) {
    // The model records INSERT ... SELECT only when the query reads a
    // table (a FROM, TABLE or set operation); without one of those words
    // anywhere in the text it cannot, whatever else it computes. ON
    // CONFLICT is recorded too: only PostgreSQL 9.5 and later have it.
    unsigned w = words_in(s, len);
    if (((w & W_SELECT) &&
         (w & (W_FROM | W_TABLE | W_UNION | W_INTERSECT | W_EXCEPT))) ||
        (w & W_CONFLICT))
      return NULL;
    return "INSERT";
  }
  // WITH ... SELECT: the model reads nothing of a query unless it writes
  // (a data-modifying CTE or main statement) or creates a table (INTO).
  if (n == 4 && memcmp(first, "with", 4) == 0) {
    if (words_in(s, len) & (W_INSERT | W_UPDATE | W_DELETE | W_MERGE | W_INTO))
      return NULL;
    return "SELECT";
  }
  for (int i = 0; words[i]; i++) {
    if (strlen(words[i]) == n && memcmp(first, words[i], n) == 0) {
      if (i == 0 && (words_in(s, len) & (W_INTO | W_SET_CONFIG)))
        return NULL;
      return tags[i];
    }
  }
  return NULL;
}

// Parses one statement of a file that did not parse as a whole.
static void parse_piece(uint32_t start, uint32_t len, void *ud)
{
  split_ctx *sc = ud;
  pf_migration *m = sc->b->m;
  uint32_t end = len ? start + len : m->src->len;
  pf_span sp = trim_span(sc->text, start, end);
  if (sp.start >= sp.end)
    return;
  if (sc->lazy) {
    const char *tag = tree_free_tag(sc->text + sp.start, sp.end - sp.start);
    if (tag) {
      pf_stmt *st = push_stmt(m, sp);
      st->parsed = true;
      st->tag = tag;
      st->in_txn = sc->b->in_txn;
      gexec_after(sc->b, end);
      return;
    }
  }
  // Parse the statement with its semicolon, as the server would see it, so
  // an error at the end points at the ";" rather than past the text.
  uint32_t piece_end =
      end < m->src->len && sc->text[end] == ';' ? end + 1 : sp.end;
  char *piece = pf_xstrndup(sc->text + sp.start, piece_end - sp.start);
  pf_sql_parse r;
  if (sc->lazy) // the whole text passed the nesting check
    pf__sql_parse_shallow(piece, piece_end - sp.start, &r);
  else
    pf__sql_parse(piece, piece_end - sp.start, &r);
  pf_stmt *st = push_stmt(m, sp);
  if (r.tree && r.tree->n_stmts >= 1) {
    st->parsed = true;
    sc->b->base = sp.start;
    statement(sc->b, r.tree->stmts[0]->stmt, end);
    sc->b->base = 0;
  } else {
    uint32_t at =
        r.error_offset == UINT32_MAX ? sp.start : sp.start + r.error_offset;
    if (at >= piece_end)
      at = piece_end > sp.start ? piece_end - 1 : sp.start;
    st->tag = "INVALID";
    st->kind = PF_STMT_INVALID;
    st->in_txn = sc->b->in_txn;
    const char *msg = r.error_msg ? r.error_msg : "syntax error";
    const char *ver =
        pf__newer_syntax(piece, piece_end - sp.start, r.error_msg);
    if (ver)
      msg = pf_arena_printf(m->arena,
                            "%s (PostgreSQL %s+ syntax: pgpreflight parses "
                            "PostgreSQL 15)",
                            msg, ver);
    add_diag(m, at, at + 1, msg);
  }
  pf__sql_parse_clear(&r);
  free(piece);
}

pf_migration *pf__migration_parse(const pf_source *src)
{
  pf_migration *m = pf_xcalloc(1, sizeof(*m));
  m->src = src;
  m->arena = pf_arena_new();
  pf_vec_init(&m->stmts);
  pf_vec_init(&m->changes);
  pf_vec_init(&m->diags);
  pf_vec_init(&m->notes);
  builder b;
  memset(&b, 0, sizeof(b));
  b.m = m;
  pf_vec_init(&b.gexec);

  // libpg_query reads a C string: text after a NUL byte would be ignored.
  const char *nul = memchr(src->data, '\0', src->len);
  if (nul) {
    uint32_t at = (uint32_t)(nul - src->data);
    add_diag(m, at, at + 1,
             "file contains a NUL byte; is it a binary file? nothing after "
             "this point was checked");
  }
  // The parser takes the bytes as they are; the file is still analysed so
  // the report shows everything else, and the diag makes the exit status 2.
  size_t bad;
  if (!pf_utf8_valid(src->data, nul ? (size_t)(nul - src->data) : src->len,
                     &bad))
    add_diag(m, (uint32_t)bad, (uint32_t)bad + 1,
             "invalid UTF-8; save the file as UTF-8");

  // psql meta-commands are not SQL: the parser sees them as spaces.
  char *text = pf__psql_blank(m, src->data, src->len, &b.gexec);
  b.text = text;
  // A file that parses (checked once by the parser itself, without building
  // trees) is converted statement by statement, skipping what no rule reads.
  split_ctx lazy = {&b, text, true};
  if (!pf__sql_split_valid(text, parse_piece, &lazy)) {
    // Analyse what parses; report each statement that does not.
    split_ctx sc = {&b, text, false};
    uint32_t err_at = 0;
    char msg[PF_ERROR_SIZE];
    if (!pf__sql_split(text, parse_piece, &sc, &err_at, msg, sizeof(msg))) {
      uint32_t at = err_at == UINT32_MAX ? 0 : err_at;
      // The scanner stopped: 1_000 and 0x1F are PostgreSQL 16 literals.
      uint32_t eol = at;
      while (eol < src->len && text[eol] != '\n' && text[eol] != ';')
        eol++;
      const char *ver =
          at < src->len ? pf__newer_syntax(text + at, eol - at, msg) : NULL;
      add_diag(m, at, at + 1,
               ver ? pf_arena_printf(m->arena,
                                     "%s (PostgreSQL %s+ syntax: pgpreflight "
                                     "parses PostgreSQL 15)",
                                     msg, ver)
                   : msg);
    }
  }
  pf_vec_clear(&b.gexec);
  free(text);
  return m;
}

void pf__migration_free(pf_migration *self)
{
  if (!self)
    return;
  pf_vec_clear(&self->stmts);
  pf_vec_clear(&self->changes);
  pf_vec_clear(&self->diags);
  pf_vec_clear(&self->notes);
  pf_arena_free(self->arena);
  free(self);
}
