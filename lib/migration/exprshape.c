/* The shape of a CHECK or USING expression, read from its parse tree. */
/* SPDX-License-Identifier: MIT */
#include "build.h"

#include <stdlib.h>
#include <string.h>

// At most this many names of each kind are kept; more makes it unsafe (a
// generated monster expression is not worth evaluating).
#define MAX_NAMES 64

typedef struct shape_ctx {
  pf__builder *b;
  pf_expr_shape *s;
  const char *funcs[MAX_NAMES], *ops[MAX_NAMES], *types[MAX_NAMES],
      *cols[MAX_NAMES];
  uint32_t nfuncs, nops, ntypes, ncols;
} shape_ctx;

static void unsafe(shape_ctx *x, const char *why)
{
  if (!x->s->unsafe)
    x->s->unsafe = why;
}

// Adds @name (arena copy) to @list unless already there.
static void add_name(shape_ctx *x, const char **list, uint32_t *n,
                     const char *name)
{
  if (!name || !*name) {
    unsafe(x, "an unnamed function, operator or type");
    return;
  }
  for (uint32_t i = 0; i < *n; i++) {
    if (strcmp(list[i], name) == 0)
      return;
  }
  if (*n == MAX_NAMES) {
    unsafe(x, "too many distinct names");
    return;
  }
  list[(*n)++] = pf__build_dup(x->b, name);
}

// "name" or "schema.name" from a dotted list of String nodes.
static void add_dotted(shape_ctx *x, const char **list, uint32_t *n,
                       PgQuery__Node **names, size_t count)
{
  if (count == 0 || count > 2) {
    unsafe(x, "a name with more than two parts");
    return;
  }
  const char *last = pf__sql_names_last(names, count);
  const char *schema = pf__sql_names_schema(names, count);
  if (!last) {
    unsafe(x, "a name that is not a plain identifier");
    return;
  }
  if (!schema) {
    add_name(x, list, n, last);
    return;
  }
  size_t len = strlen(schema) + strlen(last) + 2;
  char *q = malloc(len);
  if (!q)
    abort();
  memcpy(q, schema, strlen(schema));
  q[strlen(schema)] = '.';
  memcpy(q + strlen(schema) + 1, last, strlen(last) + 1);
  add_name(x, list, n, q);
  free(q);
}

static void a_expr(shape_ctx *x, const PgQuery__AExpr *e)
{
  switch (e->kind) {
  case PG_QUERY__A__EXPR__KIND__AEXPR_BETWEEN:
  case PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN:
  case PG_QUERY__A__EXPR__KIND__AEXPR_BETWEEN_SYM:
  case PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN_SYM:
    // The name is the keyword; the comparisons it expands to are these.
    add_name(x, x->ops, &x->nops, ">=");
    add_name(x, x->ops, &x->nops, "<=");
    break;
  case PG_QUERY__A__EXPR__KIND__AEXPR_OP:
  case PG_QUERY__A__EXPR__KIND__AEXPR_OP_ANY:
  case PG_QUERY__A__EXPR__KIND__AEXPR_OP_ALL:
  case PG_QUERY__A__EXPR__KIND__AEXPR_DISTINCT:
  case PG_QUERY__A__EXPR__KIND__AEXPR_NOT_DISTINCT:
  case PG_QUERY__A__EXPR__KIND__AEXPR_NULLIF:
  case PG_QUERY__A__EXPR__KIND__AEXPR_IN:
  case PG_QUERY__A__EXPR__KIND__AEXPR_LIKE:
  case PG_QUERY__A__EXPR__KIND__AEXPR_ILIKE:
  case PG_QUERY__A__EXPR__KIND__AEXPR_SIMILAR:
    add_dotted(x, x->ops, &x->nops, e->name, e->n_name);
    break;
  default:
    unsafe(x, "an operator form that is not understood");
    break;
  }
}

static bool visit(const PgQuery__Node *n, void *ud)
{
  shape_ctx *x = ud;
  switch (n->node_case) {
  case PG_QUERY__NODE__NODE_A_CONST:
  case PG_QUERY__NODE__NODE_STRING:
  case PG_QUERY__NODE__NODE_INTEGER:
  case PG_QUERY__NODE__NODE_FLOAT:
  case PG_QUERY__NODE__NODE_BOOLEAN:
  case PG_QUERY__NODE__NODE_BIT_STRING:
  case PG_QUERY__NODE__NODE_LIST:
  case PG_QUERY__NODE__NODE_BOOL_EXPR:
  case PG_QUERY__NODE__NODE_NULL_TEST:
  case PG_QUERY__NODE__NODE_BOOLEAN_TEST:
  case PG_QUERY__NODE__NODE_CASE_EXPR:
  case PG_QUERY__NODE__NODE_CASE_WHEN:
  case PG_QUERY__NODE__NODE_COALESCE_EXPR:
  case PG_QUERY__NODE__NODE_MIN_MAX_EXPR:
  case PG_QUERY__NODE__NODE_A_ARRAY_EXPR:
    return true;
  case PG_QUERY__NODE__NODE_CASE_TEST_EXPR:
    return true;
  case PG_QUERY__NODE__NODE_COLLATE_CLAUSE:
    return true; // a collation is not code
  case PG_QUERY__NODE__NODE_A_EXPR:
    a_expr(x, n->a_expr);
    return true;
  case PG_QUERY__NODE__NODE_TYPE_CAST:
    if (n->type_cast->type_name) {
      char *t = pf__sql_deparse_type(n->type_cast->type_name);
      if (t) {
        add_name(x, x->types, &x->ntypes, t);
        free(t);
      } else {
        unsafe(x, "a type that cannot be read");
      }
    }
    return true;
  case PG_QUERY__NODE__NODE_FUNC_CALL: {
    const PgQuery__FuncCall *f = n->func_call;
    if (f->agg_star || f->agg_distinct || f->over || f->agg_filter ||
        f->n_agg_order || f->agg_within_group || f->func_variadic)
      unsafe(x, "an aggregate, window or variadic call");
    add_dotted(x, x->funcs, &x->nfuncs, f->funcname, f->n_funcname);
    return true;
  }
  case PG_QUERY__NODE__NODE_COLUMN_REF: {
    const PgQuery__ColumnRef *r = n->column_ref;
    const char *name = r->n_fields == 1 ? pf__sql_node_str(r->fields[0]) : NULL;
    if (!name)
      unsafe(x, "a qualified or star column reference");
    else
      add_name(x, x->cols, &x->ncols, name);
    return false;
  }
  case PG_QUERY__NODE__NODE_SUB_LINK:
    unsafe(x, "a subquery");
    return false;
  case PG_QUERY__NODE__NODE_PARAM_REF:
    unsafe(x, "a parameter");
    return false;
  case PG_QUERY__NODE__NODE_SQLVALUE_FUNCTION:
    unsafe(x, "a function of the current time or user (not immutable)");
    return false;
  default:
    unsafe(x, "an expression form that is not understood");
    return false;
  }
}

static const char **arena_list(pf__builder *b, const char *const *items,
                               uint32_t n)
{
  if (!n)
    return NULL;
  const char **out = pf_arena_alloc(b->m->arena, sizeof(char *) * n);
  memcpy(out, items, sizeof(char *) * n);
  return out;
}

const pf_expr_shape *pf__build_expr_shape(pf__builder *b,
                                          const PgQuery__Node *expr)
{
  pf_expr_shape *s = pf_arena_alloc(b->m->arena, sizeof(*s));
  memset(s, 0, sizeof(*s));
  if (!expr) {
    s->unsafe = "no expression";
    return s;
  }
  shape_ctx x;
  memset(&x, 0, sizeof(x));
  x.b = b;
  x.s = s;
  pf__sql_walk(&expr->base, visit, &x);
  s->funcs = arena_list(b, x.funcs, x.nfuncs);
  s->nfuncs = x.nfuncs;
  s->ops = arena_list(b, x.ops, x.nops);
  s->nops = x.nops;
  s->types = arena_list(b, x.types, x.ntypes);
  s->ntypes = x.ntypes;
  s->cols = arena_list(b, x.cols, x.ncols);
  s->ncols = x.ncols;
  // USING col::type: the cast of the column itself.
  if (expr->node_case == PG_QUERY__NODE__NODE_TYPE_CAST &&
      expr->type_cast->arg &&
      expr->type_cast->arg->node_case == PG_QUERY__NODE__NODE_COLUMN_REF &&
      expr->type_cast->arg->column_ref->n_fields == 1)
    s->cast_of = pf__build_dup(
        b, pf__sql_node_str(expr->type_cast->arg->column_ref->fields[0]));
  return s;
}
