/* Column and table references in SQL text, with FROM-clause scopes. */
/* SPDX-License-Identifier: MIT */
#include "scan.h"

#include <stdlib.h>
#include <string.h>

#include "sql/sql.h"

// One relation visible in a FROM clause.
typedef struct rel {
  const char *name;    // alias, or the table name
  const char *relname; // table name; NULL for subqueries and functions
} rel;

typedef struct scope {
  PF_VEC(rel) rels;
  PF_VEC(const char *) ctes; // WITH names visible here
} scope;

typedef struct ctx {
  pf__fctx *fx;
  const char *sql;
  size_t len;
  const uint32_t *map;
  uint32_t base;
  const char *detail;
  PF_VEC(scope) scopes;
  int depth;
  // Issue 7, enum literals: the string constants already reported as
  // compared with or assigned to a column, and the table of the INSERT
  // being walked (its VALUES name no column of it, but hold its values).
  PF_VEC(const void *) claimed;
  const char *insert_rel;
} ctx;

#define MAX_DEPTH 1000

/* Section - Positions */

static uint32_t file_off(const ctx *c, size_t sql_off)
{
  if (sql_off > c->len)
    sql_off = c->len;
  return c->map ? c->map[sql_off] : c->base + (uint32_t)sql_off;
}

// Finds @name at or after @from in the SQL text (skipping a qualifier such
// as "o."), so that the reference points at the column itself.
static size_t find_name(const ctx *c, int32_t from, const char *name)
{
  if (from < 0)
    return 0;
  size_t n = strlen(name);
  size_t limit = (size_t)from + 256;
  if (limit > c->len)
    limit = c->len;
  for (size_t i = (size_t)from; i + n <= limit; i++) {
    size_t k = 0;
    while (k < n && pf_ascii_lower((unsigned char)c->sql[i + k]) == name[k])
      k++;
    if (k == n && (i == 0 || !pf_is_ident_char((unsigned char)c->sql[i - 1])) &&
        (i + n == c->len || !pf_is_ident_char((unsigned char)c->sql[i + n])))
      return i;
  }
  return (size_t)from < c->len ? (size_t)from : 0;
}

static void emit_as(ctx *c, size_t target, int32_t loc, const char *name,
                    pf_confidence conf, pf_ref_kind kind, const char *detail)
{
  size_t at = loc >= 0 ? find_name(c, loc, name) : 0;
  uint32_t s = file_off(c, at);
  uint32_t e = file_off(c, at + strlen(name));
  if (e < s)
    e = s;
  pf__emit(c->fx, (uint32_t)target, s, e, kind, conf, detail);
}

// emit_as() of a COPY that leaves an INSERT_OMITS target's column out.
static void emit_copy(ctx *c, size_t target, int32_t loc, const char *name,
                      const char *detail)
{
  size_t at = loc >= 0 ? find_name(c, loc, name) : 0;
  uint32_t s = file_off(c, at);
  uint32_t e = file_off(c, at + strlen(name));
  if (e < s)
    e = s;
  pf__emit_omit(c->fx, (uint32_t)target, s, e, PF_CONF_HIGH, PF_OMIT_COPY,
                detail);
}

static void emit(ctx *c, size_t target, int32_t loc, const char *name,
                 pf_confidence conf)
{
  emit_as(c, target, loc, name, conf, PF_REF_SQL, c->detail);
}

/* Section - Scopes */

static bool has_schema(const PgQuery__RangeVar *rv)
{
  return rv->schemaname && rv->schemaname[0];
}

static bool is_cte(const ctx *c, const char *name)
{
  for (uint32_t i = c->scopes.len; i-- > 0;) {
    const scope *s = &c->scopes.items[i];
    for (uint32_t k = 0; k < s->ctes.len; k++) {
      if (strcmp(s->ctes.items[k], name) == 0)
        return true;
    }
  }
  return false;
}

static scope *push_scope(ctx *c)
{
  scope s;
  pf_vec_init(&s.rels);
  pf_vec_init(&s.ctes);
  pf_vec_push(&c->scopes, s);
  return pf_vec_last(&c->scopes);
}

static void pop_scope(ctx *c)
{
  scope *s = pf_vec_last(&c->scopes);
  pf_vec_clear(&s->rels);
  pf_vec_clear(&s->ctes);
  c->scopes.len--;
}

static void add_rangevar(ctx *c, const PgQuery__RangeVar *rv)
{
  if (!rv || !rv->relname)
    return;
  rel r;
  r.relname = rv->relname;
  if (!has_schema(rv) && is_cte(c, rv->relname))
    r.relname = NULL;
  r.name =
      rv->alias && rv->alias->aliasname ? rv->alias->aliasname : rv->relname;
  pf_vec_push(&pf_vec_last(&c->scopes)->rels, r);
}

static void add_from_item(ctx *c, const PgQuery__Node *n, int depth)
{
  if (!n || depth > MAX_DEPTH)
    return;
  rel r = {NULL, NULL};
  switch (n->node_case) {
  case PG_QUERY__NODE__NODE_RANGE_VAR:
    add_rangevar(c, n->range_var);
    return;
  case PG_QUERY__NODE__NODE_JOIN_EXPR:
    add_from_item(c, n->join_expr->larg, depth + 1);
    add_from_item(c, n->join_expr->rarg, depth + 1);
    return;
  case PG_QUERY__NODE__NODE_RANGE_SUBSELECT:
    if (n->range_subselect->alias)
      r.name = n->range_subselect->alias->aliasname;
    break;
  case PG_QUERY__NODE__NODE_RANGE_FUNCTION:
    if (n->range_function->alias)
      r.name = n->range_function->alias->aliasname;
    break;
  default:
    break;
  }
  pf_vec_push(&pf_vec_last(&c->scopes)->rels, r);
}

static void add_ctes(ctx *c, const PgQuery__WithClause *w)
{
  if (!w)
    return;
  scope *s = pf_vec_last(&c->scopes);
  for (size_t i = 0; i < w->n_ctes; i++) {
    const PgQuery__Node *n = w->ctes[i];
    if (n && n->node_case == PG_QUERY__NODE__NODE_COMMON_TABLE_EXPR &&
        n->common_table_expr->ctename)
      pf_vec_push(&s->ctes, n->common_table_expr->ctename);
  }
}

// The relation named @name (alias or table) in the innermost scope that
// has it, or NULL.
static const rel *lookup(const ctx *c, const char *name)
{
  for (uint32_t i = c->scopes.len; i-- > 0;) {
    const scope *s = &c->scopes.items[i];
    for (uint32_t k = 0; k < s->rels.len; k++) {
      if (s->rels.items[k].name && strcmp(s->rels.items[k].name, name) == 0)
        return &s->rels.items[k];
    }
  }
  return NULL;
}

/* Section - Resolution */

static void column_ref(ctx *c, const PgQuery__ColumnRef *cr)
{
  if (cr->n_fields == 0)
    return;
  const char *col = pf__sql_node_str(cr->fields[cr->n_fields - 1]);
  if (!col)
    return; // a.*
  const char *qual =
      cr->n_fields >= 2 ? pf__sql_node_str(cr->fields[cr->n_fields - 2]) : NULL;
  const pf__scan *scan = c->fx->scan;
  for (size_t t = 0; t < scan->ntargets; t++) {
    const pf_scan_target *tg = &scan->targets[t];
    if (!tg->column || strcmp(tg->column, col) != 0)
      continue;
    if (qual) {
      const rel *r = lookup(c, qual);
      const char *relname = r ? r->relname : qual;
      if (relname && strcmp(relname, tg->table) == 0)
        emit(c, t, cr->location, col, PF_CONF_HIGH);
      continue;
    }
    // Unqualified: it belongs to the innermost FROM that has relations.
    for (uint32_t i = c->scopes.len; i-- > 0;) {
      const scope *s = &c->scopes.items[i];
      if (s->rels.len == 0)
        continue;
      bool has = false;
      for (uint32_t k = 0; k < s->rels.len; k++) {
        if (s->rels.items[k].relname &&
            strcmp(s->rels.items[k].relname, tg->table) == 0)
          has = true;
      }
      if (has)
        emit(c, t, cr->location, col,
             s->rels.len == 1 ? PF_CONF_HIGH : PF_CONF_MEDIUM);
      break;
    }
  }
}

// A column named in a statement about @relation (INSERT column list, UPDATE
// SET, ON CONFLICT): it is the relation's, with no doubt.
static void named_column(ctx *c, const PgQuery__RangeVar *relation,
                         const char *name, int32_t loc)
{
  if (!relation || !relation->relname || !name)
    return;
  const pf__scan *scan = c->fx->scan;
  for (size_t t = 0; t < scan->ntargets; t++) {
    const pf_scan_target *tg = &scan->targets[t];
    if (tg->column && strcmp(tg->column, name) == 0 &&
        strcmp(tg->table, relation->relname) == 0)
      emit(c, t, loc, name, PF_CONF_HIGH);
  }
}

static void range_var(ctx *c, const PgQuery__RangeVar *rv)
{
  if (!rv || !rv->relname || (!has_schema(rv) && is_cte(c, rv->relname)))
    return;
  const pf__scan *scan = c->fx->scan;
  for (size_t t = 0; t < scan->ntargets; t++) {
    const pf_scan_target *tg = &scan->targets[t];
    if (!tg->column && strcmp(tg->table, rv->relname) == 0)
      emit(c, t, rv->location, rv->relname, PF_CONF_HIGH);
  }
}

/* Section - INSERTs that omit a column (issue 7) */

static const PgQuery__ResTarget *res_target(const PgQuery__Node *n)
{
  return n && n->node_case == PG_QUERY__NODE__NODE_RES_TARGET ? n->res_target
                                                              : NULL;
}

// How many values an INSERT without a column list supplies: the length of
// its first VALUES row or of its SELECT list; 0 for DEFAULT VALUES; -1 when
// unknown (SELECT *, UNION).
static long insert_width(const PgQuery__InsertStmt *s)
{
  if (!s->select_stmt)
    return 0;
  if (s->select_stmt->node_case != PG_QUERY__NODE__NODE_SELECT_STMT)
    return -1;
  const PgQuery__SelectStmt *sel = s->select_stmt->select_stmt;
  if (sel->op != PG_QUERY__SET_OPERATION__SETOP_NONE &&
      sel->op != PG_QUERY__SET_OPERATION__SET_OPERATION_UNDEFINED)
    return -1;
  if (sel->n_values_lists) {
    const PgQuery__Node *row = sel->values_lists[0];
    return row && row->node_case == PG_QUERY__NODE__NODE_LIST
               ? (long)row->list->n_items
               : -1;
  }
  for (size_t i = 0; i < sel->n_target_list; i++) {
    const PgQuery__Node *n = sel->target_list[i];
    const PgQuery__Node *v =
        n && n->node_case == PG_QUERY__NODE__NODE_RES_TARGET
            ? n->res_target->val
            : NULL;
    if (!v || v->node_case != PG_QUERY__NODE__NODE_COLUMN_REF)
      continue;
    const PgQuery__ColumnRef *cr = v->column_ref;
    if (cr->n_fields &&
        cr->fields[cr->n_fields - 1]->node_case == PG_QUERY__NODE__NODE_A_STAR)
      return -1;
  }
  return (long)sel->n_target_list;
}

// An INSERT into a PF_SCAN_INSERT_OMITS target's table that does not name
// its column: a column list without it, or no column list when the values
// cannot reach the column's position.
static void insert_omits(ctx *c, const PgQuery__InsertStmt *s)
{
  const PgQuery__RangeVar *rv = s->relation;
  if (!rv || !rv->relname || (!has_schema(rv) && is_cte(c, rv->relname)))
    return;
  const pf__scan *scan = c->fx->scan;
  for (size_t i = 0; i < scan->ninserts; i++) {
    const pf_scan_target *tg = scan->inserts[i];
    if (!tg->column || strcmp(tg->table, rv->relname) != 0)
      continue;
    pf_confidence conf = PF_CONF_HIGH;
    const char *why = "INSERT column list without the column";
    if (s->n_cols) {
      bool named = false;
      for (size_t k = 0; k < s->n_cols && !named; k++) {
        const PgQuery__ResTarget *rt = res_target(s->cols[k]);
        named = rt && rt->name && strcmp(rt->name, tg->column) == 0;
      }
      if (named)
        continue;
    } else {
      // Without a list, the values fill the first columns in order.
      long w = insert_width(s);
      why =
          w == 0 ? "INSERT ... DEFAULT VALUES" : "INSERT without a column list";
      if (tg->position == PF_SCAN_POS_LAST)
        conf = w >= 0 ? PF_CONF_HIGH : PF_CONF_MEDIUM;
      else if (tg->position && w >= 0 && (uint64_t)w >= tg->position)
        continue;
      else if (!tg->position || w < 0)
        conf = PF_CONF_MEDIUM;
    }
    emit_as(c, scan->ntargets + i, rv->location, rv->relname, conf,
            PF_REF_INSERT_OMITS, why);
  }
}

// COPY orders (a, b) FROM ...: the rows give exactly the columns listed,
// and the others their DEFAULT; without a list, every column of the table
// as it was when the code was written, so a column the migration appends
// has no data ("missing data for column"). The listed columns are
// references too. COPY ... TO reads.
static void copy_stmt(ctx *c, const PgQuery__CopyStmt *s)
{
  const PgQuery__RangeVar *rv = s->relation;
  if (!rv || !rv->relname)
    return;
  for (size_t k = 0; k < s->n_attlist; k++) {
    const char *col = pf__sql_node_str(s->attlist[k]);
    if (col)
      named_column(c, rv, col, rv->location);
  }
  if (!s->is_from)
    return;
  const pf__scan *scan = c->fx->scan;
  for (size_t i = 0; i < scan->ninserts; i++) {
    const pf_scan_target *tg = scan->inserts[i];
    if (!tg->column || strcmp(tg->table, rv->relname) != 0)
      continue;
    bool named = false;
    for (size_t k = 0; k < s->n_attlist && !named; k++) {
      const char *col = pf__sql_node_str(s->attlist[k]);
      named = col && strcmp(col, tg->column) == 0;
    }
    if (named || (!s->n_attlist && tg->position != PF_SCAN_POS_LAST))
      continue;
    emit_copy(c, scan->ntargets + i, rv->location, rv->relname,
              s->n_attlist ? "COPY column list without the column"
                           : "COPY without a column list: rows lack the "
                             "column the migration appends");
  }
}

/* Section - Enum literals (issue 7) */

// The string constant @n holds, through casts ('x'::status), or NULL.
static const PgQuery__AConst *str_const(const PgQuery__Node *n)
{
  for (int d = 0; n && d < 8; d++) {
    if (n->node_case == PG_QUERY__NODE__NODE_TYPE_CAST) {
      n = n->type_cast->arg;
      continue;
    }
    if (n->node_case == PG_QUERY__NODE__NODE_A_CONST &&
        n->a_const->val_case == PG_QUERY__A__CONST__VAL_SVAL &&
        n->a_const->sval && n->a_const->sval->sval)
      return n->a_const;
    return NULL;
  }
  return NULL;
}

// The string constants @n stands for, at most @cap into @out: itself
// through casts, or every element of an ARRAY[...] (nested, cast or not),
// which an array column of the enum holds. Returns how many.
static size_t str_consts(const PgQuery__Node *n, const PgQuery__AConst **out,
                         size_t cap, int depth)
{
  while (n && n->node_case == PG_QUERY__NODE__NODE_TYPE_CAST && depth < 8) {
    n = n->type_cast->arg;
    depth++;
  }
  if (!n || !cap || depth >= 8)
    return 0;
  if (n->node_case == PG_QUERY__NODE__NODE_A_ARRAY_EXPR) {
    size_t k = 0;
    for (size_t i = 0; i < n->a_array_expr->n_elements && k < cap; i++)
      k +=
          str_consts(n->a_array_expr->elements[i], out + k, cap - k, depth + 1);
    return k;
  }
  const PgQuery__AConst *k = str_const(n);
  if (k)
    out[0] = k;
  return k != NULL;
}

// Whether string @s is an array literal ('{a,"b c"}') with an element
// that literal target @lt's values hold.
static bool array_literal_matches(const pf__scan *scan, size_t lt,
                                  const char *s)
{
  size_t n = strlen(s);
  if (n < 2 || s[0] != '{' || s[n - 1] != '}')
    return false;
  pf_buf el = PF_BUF_INIT;
  bool hit = false;
  for (size_t i = 1; i < n && !hit;) {
    while (i < n - 1 && (s[i] == ' ' || s[i] == '\t' || s[i] == '{'))
      i++;
    pf_buf_reset(&el);
    if (s[i] == '"') {
      for (i++; i < n - 1 && s[i] != '"'; i++) {
        if (s[i] == '\\' && i + 1 < n - 1)
          i++;
        pf_buf_putc(&el, s[i]);
      }
      i++;
    } else {
      while (i < n - 1 && s[i] != ',' && s[i] != '}')
        pf_buf_putc(&el, s[i++]);
      while (el.len &&
             (el.data[el.len - 1] == ' ' || el.data[el.len - 1] == '\t'))
        el.data[--el.len] = '\0';
    }
    hit = el.len && pf__literal_matches(scan, lt, el.data, el.len);
    while (i < n && s[i] != ',')
      i++;
    i++;
  }
  pf_buf_clear(&el);
  return hit;
}

static bool is_claimed(const ctx *c, const void *p)
{
  for (uint32_t i = 0; i < c->claimed.len; i++) {
    if (c->claimed.items[i] == p)
      return true;
  }
  return false;
}

// Reports constant @k at @conf for every literal target whose values hold
// it.
static void literal_emit(ctx *c, const PgQuery__AConst *k, size_t lt,
                         pf_confidence conf, const char *detail)
{
  const char *v = k->sval->sval;
  int32_t loc = k->location;
  // The constant starts at its quote (or E'', U&''); point at the quote.
  size_t at = loc >= 0 && (size_t)loc < c->len ? (size_t)loc : 0;
  while (at < c->len && c->sql[at] != '\'' && at < (size_t)loc + 3)
    at++;
  size_t end = at + strlen(v) + 2;
  if (end > c->len)
    end = c->len;
  uint32_t s = file_off(c, at), e = file_off(c, end);
  if (e < s)
    e = s;
  pf__emit(c->fx,
           (uint32_t)(c->fx->scan->ntargets + c->fx->scan->ninserts + lt), s, e,
           PF_REF_LITERAL, conf, detail);
}

// The constant @k set into or compared with column @col, whose table is
// @table (NULL: one of the innermost FROM's, @sure false).
static void literal_tied(ctx *c, const PgQuery__AConst *k, const char *table,
                         const char *col, bool sure)
{
  const pf__scan *scan = c->fx->scan;
  bool any = false;
  for (size_t lt = 0; lt < scan->nliterals; lt++) {
    if (!pf__literal_matches(scan, lt, k->sval->sval, strlen(k->sval->sval)) &&
        !array_literal_matches(scan, lt, k->sval->sval))
      continue;
    if (!pf__literal_has_column(scan, lt, table, col, strlen(col)))
      continue;
    literal_emit(c, k, lt, sure ? PF_CONF_HIGH : PF_CONF_MEDIUM,
                 "enum value compared with or written to its column in SQL");
    any = true;
  }
  if (any)
    pf_vec_push(&c->claimed, (const void *)k);
}

// The table of column reference @cr, when certain: its qualifier's
// relation, or the only relation of the innermost FROM; NULL otherwise.
// *@col is the column's name (NULL: not a plain column).
static const char *column_table(const ctx *c, const PgQuery__ColumnRef *cr,
                                const char **col)
{
  *col = NULL;
  if (cr->n_fields < 1 || cr->n_fields > 2)
    return NULL;
  const char *name = pf__sql_node_str(cr->fields[cr->n_fields - 1]);
  if (!name)
    return NULL;
  *col = name;
  if (cr->n_fields == 2) {
    const char *qual = pf__sql_node_str(cr->fields[0]);
    const rel *r = qual ? lookup(c, qual) : NULL;
    return r ? r->relname : qual;
  }
  for (uint32_t i = c->scopes.len; i-- > 0;) {
    const scope *s = &c->scopes.items[i];
    if (s->rels.len == 1)
      return s->rels.items[0].relname;
    if (s->rels.len > 1)
      return NULL;
  }
  return NULL;
}

// col = 'v', col <> 'v', col IN ('v', ...), 'v' = col; for arrays of the
// enum 'v' = ANY (col), col @> ARRAY['v'], col && '{v,w}', and a column
// compared with an array, col = ANY ('{v,w}').
static void literal_expr(ctx *c, const PgQuery__AExpr *e)
{
  if (!c->fx->scan->nliterals || !e->lexpr || !e->rexpr)
    return;
  if (e->kind != PG_QUERY__A__EXPR__KIND__AEXPR_OP &&
      e->kind != PG_QUERY__A__EXPR__KIND__AEXPR_OP_ANY &&
      e->kind != PG_QUERY__A__EXPR__KIND__AEXPR_OP_ALL &&
      e->kind != PG_QUERY__A__EXPR__KIND__AEXPR_IN &&
      e->kind != PG_QUERY__A__EXPR__KIND__AEXPR_DISTINCT &&
      e->kind != PG_QUERY__A__EXPR__KIND__AEXPR_NOT_DISTINCT)
    return;
  const PgQuery__Node *colside = e->lexpr, *other = e->rexpr;
  if (colside->node_case != PG_QUERY__NODE__NODE_COLUMN_REF) {
    colside = e->rexpr;
    other = e->lexpr;
  }
  if (colside->node_case != PG_QUERY__NODE__NODE_COLUMN_REF)
    return;
  const char *col;
  const char *table = column_table(c, colside->column_ref, &col);
  if (!col)
    return;
  PgQuery__Node *const *items = (PgQuery__Node *const *)&other;
  size_t n = 1;
  if (other->node_case == PG_QUERY__NODE__NODE_LIST) {
    items = other->list->items;
    n = other->list->n_items;
  }
  const PgQuery__AConst *ks[16];
  for (size_t i = 0; i < n; i++) {
    size_t nk = str_consts(items[i], ks, 16, 0);
    for (size_t j = 0; j < nk; j++)
      literal_tied(c, ks[j], table, col, table != NULL);
  }
}

// array_append(col, 'v'), array_prepend('v', col), array_remove(col, 'v'),
// array_replace(col, 'v', 'w'), array_position(s)(col, 'v'): the strings
// go into or are looked for in the array column.
static void literal_func(ctx *c, const PgQuery__FuncCall *f)
{
  static const char *const names[] = {
      "array_append",   "array_prepend",   "array_remove", "array_replace",
      "array_position", "array_positions", "array_cat"};
  if (!c->fx->scan->nliterals)
    return;
  const char *name = pf__sql_names_last(f->funcname, f->n_funcname);
  bool known = false;
  for (size_t i = 0; name && i < sizeof(names) / sizeof(names[0]); i++)
    known = known || strcmp(name, names[i]) == 0;
  if (!known)
    return;
  const char *table = NULL, *col = NULL;
  for (size_t i = 0; i < f->n_args && !col; i++) {
    const PgQuery__Node *a = f->args[i];
    while (a && a->node_case == PG_QUERY__NODE__NODE_TYPE_CAST)
      a = a->type_cast->arg;
    if (a && a->node_case == PG_QUERY__NODE__NODE_COLUMN_REF)
      table = column_table(c, a->column_ref, &col);
  }
  if (!col)
    return;
  const PgQuery__AConst *ks[16];
  for (size_t i = 0; i < f->n_args; i++) {
    size_t nk = str_consts(f->args[i], ks, 16, 0);
    for (size_t j = 0; j < nk; j++)
      literal_tied(c, ks[j], table, col, table != NULL);
  }
}

// INSERT INTO t (a, b) VALUES ('x', 'y'): each value is its column's.
static void literal_insert(ctx *c, const PgQuery__InsertStmt *s)
{
  if (!c->fx->scan->nliterals || !s->relation || !s->relation->relname ||
      !s->n_cols || !s->select_stmt ||
      s->select_stmt->node_case != PG_QUERY__NODE__NODE_SELECT_STMT)
    return;
  const PgQuery__SelectStmt *sel = s->select_stmt->select_stmt;
  for (size_t r = 0; r < sel->n_values_lists; r++) {
    const PgQuery__Node *row = sel->values_lists[r];
    if (!row || row->node_case != PG_QUERY__NODE__NODE_LIST)
      continue;
    for (size_t i = 0; i < row->list->n_items && i < s->n_cols; i++) {
      const PgQuery__ResTarget *rt = res_target(s->cols[i]);
      const PgQuery__AConst *ks[16];
      size_t nk = str_consts(row->list->items[i], ks, 16, 0);
      for (size_t j = 0; rt && rt->name && j < nk; j++)
        literal_tied(c, ks[j], s->relation->relname, rt->name, true);
    }
  }
}

// Whether the statement being walked names a table of literal target @lt.
static bool names_literal_table(const ctx *c, size_t lt)
{
  const pf_scan_target *tg = c->fx->scan->literals[lt];
  for (uint32_t k = 0; k < tg->ncols; k++) {
    const char *t = tg->cols[k].table;
    if (!t)
      continue;
    if (c->insert_rel && strcmp(c->insert_rel, t) == 0)
      return true;
    for (uint32_t i = 0; i < c->scopes.len; i++) {
      const scope *s = &c->scopes.items[i];
      for (uint32_t r = 0; r < s->rels.len; r++) {
        if (s->rels.items[r].relname &&
            strcmp(s->rels.items[r].relname, t) == 0)
          return true;
      }
    }
  }
  return false;
}

// Any other string constant that spells a value: medium in a statement on a
// table that holds it, low elsewhere.
static void literal_const(ctx *c, const PgQuery__AConst *k)
{
  const pf__scan *scan = c->fx->scan;
  if (!scan->nliterals || k->val_case != PG_QUERY__A__CONST__VAL_SVAL ||
      !k->sval || !k->sval->sval || is_claimed(c, k))
    return;
  const char *v = k->sval->sval;
  for (size_t lt = 0; lt < scan->nliterals; lt++) {
    if (!pf__literal_matches(scan, lt, v, strlen(v)))
      continue;
    bool near = names_literal_table(c, lt);
    literal_emit(c, k, lt, near ? PF_CONF_MEDIUM : PF_CONF_LOW,
                 near ? "enum value in SQL on a table that holds it"
                      : "enum value in SQL");
  }
}

/* Section - Walk */

static void walk(ctx *c, const ProtobufCMessage *msg);

static void walk_node(ctx *c, const PgQuery__Node *n)
{
  walk(c, (const ProtobufCMessage *)n);
}

static void walk_list(ctx *c, PgQuery__Node **items, size_t n)
{
  for (size_t i = 0; i < n; i++)
    walk_node(c, items[i]);
}

static void select_stmt(ctx *c, const PgQuery__SelectStmt *s)
{
  if (!s)
    return;
  push_scope(c);
  add_ctes(c, s->with_clause);
  walk(c, (const ProtobufCMessage *)s->with_clause);
  for (size_t i = 0; i < s->n_from_clause; i++)
    add_from_item(c, s->from_clause[i], 0);
  walk_list(c, s->from_clause, s->n_from_clause);
  walk_list(c, s->target_list, s->n_target_list);
  walk_node(c, s->where_clause);
  walk_list(c, s->group_clause, s->n_group_clause);
  walk_node(c, s->having_clause);
  walk_list(c, s->window_clause, s->n_window_clause);
  walk_list(c, s->values_lists, s->n_values_lists);
  walk_list(c, s->sort_clause, s->n_sort_clause);
  walk_node(c, s->limit_offset);
  walk_node(c, s->limit_count);
  walk_list(c, s->distinct_clause, s->n_distinct_clause);
  walk_list(c, s->locking_clause, s->n_locking_clause);
  select_stmt(c, s->larg);
  select_stmt(c, s->rarg);
  pop_scope(c);
}

static void set_list(ctx *c, const PgQuery__RangeVar *rel_,
                     PgQuery__Node **items, size_t n)
{
  for (size_t i = 0; i < n; i++) {
    const PgQuery__ResTarget *rt = res_target(items[i]);
    if (!rt)
      continue;
    named_column(c, rel_, rt->name, rt->location);
    const PgQuery__AConst *ks[16];
    size_t nk = c->fx->scan->nliterals ? str_consts(rt->val, ks, 16, 0) : 0;
    for (size_t j = 0; rel_ && rel_->relname && rt->name && j < nk; j++)
      literal_tied(c, ks[j], rel_->relname, rt->name, true);
    walk_list(c, rt->indirection, rt->n_indirection);
    walk_node(c, rt->val);
  }
}

static void insert_stmt(ctx *c, const PgQuery__InsertStmt *s)
{
  push_scope(c);
  add_ctes(c, s->with_clause);
  walk(c, (const ProtobufCMessage *)s->with_clause);
  range_var(c, s->relation);
  for (size_t i = 0; i < s->n_cols; i++) {
    const PgQuery__ResTarget *rt = res_target(s->cols[i]);
    if (rt)
      named_column(c, s->relation, rt->name, rt->location);
  }
  insert_omits(c, s);
  literal_insert(c, s);
  // The VALUES or SELECT sees no column of the target table.
  const char *outer = c->insert_rel;
  c->insert_rel = s->relation ? s->relation->relname : NULL;
  walk_node(c, s->select_stmt);
  c->insert_rel = outer;
  add_rangevar(c, s->relation);
  const PgQuery__OnConflictClause *oc = s->on_conflict_clause;
  if (oc) {
    if (oc->infer) {
      for (size_t i = 0; i < oc->infer->n_index_elems; i++) {
        const PgQuery__Node *n = oc->infer->index_elems[i];
        if (n && n->node_case == PG_QUERY__NODE__NODE_INDEX_ELEM &&
            n->index_elem->name)
          named_column(c, s->relation, n->index_elem->name, oc->location);
        else
          walk_node(c, n);
      }
      walk_node(c, oc->infer->where_clause);
    }
    // EXCLUDED is the row proposed for insertion: the same table.
    if (s->relation && s->relation->relname) {
      rel r = {"excluded", s->relation->relname};
      pf_vec_push(&pf_vec_last(&c->scopes)->rels, r);
    }
    set_list(c, s->relation, oc->target_list, oc->n_target_list);
    walk_node(c, oc->where_clause);
  }
  walk_list(c, s->returning_list, s->n_returning_list);
  pop_scope(c);
}

static void update_stmt(ctx *c, const PgQuery__UpdateStmt *s)
{
  push_scope(c);
  add_ctes(c, s->with_clause);
  walk(c, (const ProtobufCMessage *)s->with_clause);
  range_var(c, s->relation);
  add_rangevar(c, s->relation);
  for (size_t i = 0; i < s->n_from_clause; i++)
    add_from_item(c, s->from_clause[i], 0);
  walk_list(c, s->from_clause, s->n_from_clause);
  set_list(c, s->relation, s->target_list, s->n_target_list);
  walk_node(c, s->where_clause);
  walk_list(c, s->returning_list, s->n_returning_list);
  pop_scope(c);
}

static void delete_stmt(ctx *c, const PgQuery__DeleteStmt *s)
{
  push_scope(c);
  add_ctes(c, s->with_clause);
  walk(c, (const ProtobufCMessage *)s->with_clause);
  range_var(c, s->relation);
  add_rangevar(c, s->relation);
  for (size_t i = 0; i < s->n_using_clause; i++)
    add_from_item(c, s->using_clause[i], 0);
  walk_list(c, s->using_clause, s->n_using_clause);
  walk_node(c, s->where_clause);
  walk_list(c, s->returning_list, s->n_returning_list);
  pop_scope(c);
}

static void index_stmt(ctx *c, const PgQuery__IndexStmt *s)
{
  push_scope(c);
  range_var(c, s->relation);
  add_rangevar(c, s->relation);
  for (size_t i = 0; i < s->n_index_params; i++) {
    const PgQuery__Node *n = s->index_params[i];
    if (n && n->node_case == PG_QUERY__NODE__NODE_INDEX_ELEM &&
        n->index_elem->name)
      named_column(c, s->relation, n->index_elem->name,
                   s->relation ? s->relation->location : -1);
    else
      walk_node(c, n);
  }
  walk_node(c, s->where_clause);
  pop_scope(c);
}

// CREATE FUNCTION ... AS $$ body $$: a LANGUAGE sql body is parsed as
// SQL; any other body (PL/pgSQL) gives its scanner tokens, at medium.
static void function_stmt(ctx *c, const PgQuery__CreateFunctionStmt *s)
{
  const char *body = NULL, *lang = NULL;
  for (size_t i = 0; i < s->n_options; i++) {
    const PgQuery__Node *o = s->options[i];
    if (!o || o->node_case != PG_QUERY__NODE__NODE_DEF_ELEM ||
        !o->def_elem->defname || !o->def_elem->arg)
      continue;
    const PgQuery__Node *arg = o->def_elem->arg;
    if (strcmp(o->def_elem->defname, "language") == 0)
      lang = pf__sql_node_str(arg);
    else if (strcmp(o->def_elem->defname, "as") == 0 &&
             arg->node_case == PG_QUERY__NODE__NODE_LIST &&
             arg->list->n_items >= 1)
      body = pf__sql_node_str(arg->list->items[0]);
  }
  size_t n = body ? strlen(body) : 0;
  if (n == 0 || n > c->len)
    return;
  // The body stands verbatim between its dollar quotes.
  const char *at = NULL;
  for (size_t i = 0; i + n <= c->len && !at; i++) {
    if (c->sql[i] == body[0] && memcmp(c->sql + i, body, n) == 0)
      at = c->sql + i;
  }
  if (!at)
    return;
  size_t off = (size_t)(at - c->sql);
  const uint32_t *map = c->map ? c->map + off : NULL;
  uint32_t base = c->map ? 0 : c->base + (uint32_t)off;
  // Bodies that define functions in turn: a few levels are real code.
  static _Thread_local int depth;
  if (depth >= 4)
    return;
  depth++;
  char *text = pf_xstrndup(at, n);
  bool sql = lang && strcmp(lang, "sql") == 0;
  if (!sql || !pf__sql_refs(c->fx, text, n, map, base, "SQL function body"))
    pf__sql_tokens(c->fx, text, n, map, base);
  free(text);
  depth--;
}

static void walk_child(const ProtobufCMessage *child, void *ud)
{
  walk(ud, child);
}

// Generic walk over every message field, with the statements that open a
// scope handled above.
static void walk(ctx *c, const ProtobufCMessage *msg)
{
  if (!msg || c->depth > MAX_DEPTH)
    return;
  const ProtobufCMessageDescriptor *d = msg->descriptor;
  c->depth++;
  if (d == &pg_query__select_stmt__descriptor) {
    select_stmt(c, (const PgQuery__SelectStmt *)msg);
  } else if (d == &pg_query__insert_stmt__descriptor) {
    insert_stmt(c, (const PgQuery__InsertStmt *)msg);
  } else if (d == &pg_query__update_stmt__descriptor) {
    update_stmt(c, (const PgQuery__UpdateStmt *)msg);
  } else if (d == &pg_query__delete_stmt__descriptor) {
    delete_stmt(c, (const PgQuery__DeleteStmt *)msg);
  } else if (d == &pg_query__index_stmt__descriptor) {
    index_stmt(c, (const PgQuery__IndexStmt *)msg);
  } else if (d == &pg_query__column_ref__descriptor) {
    column_ref(c, (const PgQuery__ColumnRef *)msg);
  } else if (d == &pg_query__copy_stmt__descriptor) {
    copy_stmt(c, (const PgQuery__CopyStmt *)msg);
    pf__sql_each_child(msg, walk_child, c);
  } else if (d == &pg_query__create_function_stmt__descriptor) {
    function_stmt(c, (const PgQuery__CreateFunctionStmt *)msg);
    pf__sql_each_child(msg, walk_child, c);
  } else {
    if (d == &pg_query__range_var__descriptor)
      range_var(c, (const PgQuery__RangeVar *)msg);
    else if (d == &pg_query__a__expr__descriptor)
      literal_expr(c, (const PgQuery__AExpr *)msg);
    else if (d == &pg_query__a__const__descriptor)
      literal_const(c, (const PgQuery__AConst *)msg);
    else if (d == &pg_query__func_call__descriptor)
      literal_func(c, (const PgQuery__FuncCall *)msg);
    pf__sql_each_child(msg, walk_child, c);
  }
  c->depth--;
}

bool pf__sql_refs(pf__fctx *fx, const char *sql, size_t len,
                  const uint32_t *map, uint32_t base, const char *detail)
{
  pf_sql_parse p;
  pf__sql_parse(sql, len, &p);
  if (!p.tree) {
    pf__sql_parse_clear(&p);
    return false;
  }
  ctx c;
  memset(&c, 0, sizeof(c));
  c.fx = fx;
  c.sql = sql;
  c.len = len;
  c.map = map;
  c.base = base;
  c.detail = detail;
  pf_vec_init(&c.scopes);
  pf_vec_init(&c.claimed);
  walk(&c, (const ProtobufCMessage *)p.tree);
  while (c.scopes.len)
    pop_scope(&c);
  pf_vec_clear(&c.scopes);
  pf_vec_clear(&c.claimed);
  pf__sql_parse_clear(&p);
  return true;
}

/* Section - Scanner fallback */

// A table named after FROM, JOIN, UPDATE or INTO in the tokens.
static bool after_table_keyword(const PgQuery__ScanResult *r, size_t i)
{
  // Skip back over "schema." of a qualified name.
  while (i >= 2 && r->tokens[i - 1]->token == PG_QUERY__TOKEN__ASCII_46 &&
         r->tokens[i - 2]->token == PG_QUERY__TOKEN__IDENT)
    i -= 2;
  if (i == 0)
    return false;
  PgQuery__Token k = r->tokens[i - 1]->token;
  return k == PG_QUERY__TOKEN__FROM || k == PG_QUERY__TOKEN__JOIN ||
         k == PG_QUERY__TOKEN__UPDATE || k == PG_QUERY__TOKEN__INTO;
}

// The identifier token @t of @sql, folded as PostgreSQL folds it; caller
// frees. NULL for a quoted identifier with no closing quote.
static char *ident_text(const char *sql, const PgQuery__ScanToken *t)
{
  const char *s = sql + t->start;
  size_t n = (size_t)(t->end - t->start);
  if (n >= 2 && s[0] == '"' && s[n - 1] == '"')
    return pf_xstrndup(s + 1, n - 2);
  char *out = pf_xstrndup(s, n);
  for (char *p = out; *p; p++)
    *p = (char)pf_ascii_lower((unsigned char)*p);
  return out;
}

// Whether scanner token @t can be a table or column name: an identifier,
// or a keyword PostgreSQL accepts as one.
static bool is_name_token(const PgQuery__ScanToken *t)
{
  return t->token == PG_QUERY__TOKEN__IDENT ||
         t->keyword_kind == PG_QUERY__KEYWORD_KIND__UNRESERVED_KEYWORD ||
         t->keyword_kind == PG_QUERY__KEYWORD_KIND__COL_NAME_KEYWORD;
}

static bool token_in(const PgQuery__ScanResult *r, size_t i, size_t len)
{
  return i < r->n_tokens && r->tokens[i]->start >= 0 &&
         r->tokens[i]->end <= (int32_t)len;
}

static bool token_is(const PgQuery__ScanResult *r, size_t i, PgQuery__Token t)
{
  return i < r->n_tokens && r->tokens[i]->token == t;
}

// Issue 7 in SQL that does not parse: "INSERT INTO [s.]t [AS a] (a, b)"
// from the tokens. A column list of plain names without a target's column
// leaves it out; no list at all reaches no column the migration appends
// (DEFAULT VALUES: none); medium, as every token-level reading.
static bool insert_tokens(ctx *c, const PgQuery__ScanResult *r)
{
  const pf__scan *scan = c->fx->scan;
  bool any = false;
  for (size_t i = 0; i + 2 < r->n_tokens && scan->ninserts; i++) {
    if (!token_is(r, i, PG_QUERY__TOKEN__INSERT) ||
        !token_is(r, i + 1, PG_QUERY__TOKEN__INTO) ||
        !token_in(r, i + 2, c->len) || !is_name_token(r->tokens[i + 2]))
      continue;
    size_t name = i + 2, j = i + 3;
    if (token_is(r, j, PG_QUERY__TOKEN__ASCII_46) &&
        token_in(r, j + 1, c->len) && is_name_token(r->tokens[j + 1])) {
      name = j + 1;
      j += 2;
    }
    if (token_is(r, j, PG_QUERY__TOKEN__AS) && j + 1 < r->n_tokens)
      j += 2;
    // A list of plain names up to ")"; "(SELECT ...)" is a query.
    bool list = token_is(r, j, PG_QUERY__TOKEN__ASCII_40) &&
                !token_is(r, j + 1, PG_QUERY__TOKEN__SELECT) &&
                !token_is(r, j + 1, PG_QUERY__TOKEN__VALUES) &&
                !token_is(r, j + 1, PG_QUERY__TOKEN__WITH);
    bool plain = list, closed = false;
    size_t first = j + 1, last = j + 1;
    for (size_t k = j + 1; list && plain && k < r->n_tokens; k += 2) {
      plain = token_in(r, k, c->len) && is_name_token(r->tokens[k]);
      last = k + 1;
      if (token_is(r, k + 1, PG_QUERY__TOKEN__ASCII_41)) {
        closed = true;
        break;
      }
      plain &= token_is(r, k + 1, PG_QUERY__TOKEN__ASCII_44);
    }
    bool defaults = token_is(r, j, PG_QUERY__TOKEN__DEFAULT) &&
                    token_is(r, j + 1, PG_QUERY__TOKEN__VALUES);
    char *table = ident_text(c->sql, r->tokens[name]);
    for (size_t t = 0; t < scan->ninserts; t++) {
      const pf_scan_target *tg = scan->inserts[t];
      if (!tg->column || strcmp(tg->table, table) != 0)
        continue;
      const char *why;
      if (list) {
        if (!plain || !closed)
          continue;
        bool named = false;
        for (size_t k = first; k < last && !named; k += 2) {
          char *col = ident_text(c->sql, r->tokens[k]);
          named = strcmp(col, tg->column) == 0;
          free(col);
        }
        if (named)
          continue;
        why = "INSERT column list without the column (SQL tokens, does not "
              "parse)";
      } else if (defaults || tg->position == PF_SCAN_POS_LAST) {
        why = "INSERT without a column list (SQL tokens, does not parse)";
      } else {
        continue; // the values may reach the column's position
      }
      emit_as(c, scan->ntargets + t, r->tokens[name]->start, table,
              PF_CONF_MEDIUM, PF_REF_INSERT_OMITS, why);
      any = true;
    }
    free(table);
  }
  return any;
}

// Issue 7 in SQL that does not parse: a string constant that spells an
// enum value; medium when the text names a table that holds the enum,
// low otherwise (as in parsed SQL, but never high: nothing ties it to the
// column for sure).
static bool literal_tokens(ctx *c, const PgQuery__ScanResult *r,
                           char *const *tables, uint32_t ntables)
{
  const pf__scan *scan = c->fx->scan;
  bool any = false;
  for (size_t i = 0; i < r->n_tokens && scan->nliterals; i++) {
    const PgQuery__ScanToken *t = r->tokens[i];
    if (t->token != PG_QUERY__TOKEN__SCONST || !token_in(r, i, c->len) ||
        t->end - t->start < 2 || c->sql[t->start] != '\'' ||
        c->sql[t->end - 1] != '\'')
      continue;
    // The value, with '' for a quote.
    pf_buf v = PF_BUF_INIT;
    for (int32_t k = t->start + 1; k < t->end - 1; k++) {
      pf_buf_putc(&v, c->sql[k]);
      if (c->sql[k] == '\'' && k + 1 < t->end - 1 && c->sql[k + 1] == '\'')
        k++;
    }
    for (size_t lt = 0; lt < scan->nliterals; lt++) {
      if (!pf__literal_matches(scan, lt, v.data ? v.data : "", v.len))
        continue;
      bool near = false;
      for (uint32_t k = 0; k < ntables && !near; k++) {
        const pf_scan_target *tg = scan->literals[lt];
        for (uint32_t col = 0; col < tg->ncols && !near; col++)
          near = tg->cols[col].table &&
                 strcmp(tg->cols[col].table, tables[k]) == 0;
      }
      uint32_t s = file_off(c, (size_t)t->start);
      uint32_t e = file_off(c, (size_t)t->end);
      pf__emit(c->fx, (uint32_t)(scan->ntargets + scan->ninserts + lt), s,
               e < s ? s : e, PF_REF_LITERAL,
               near ? PF_CONF_MEDIUM : PF_CONF_LOW,
               near ? "enum value in SQL that does not parse, on a table "
                      "that holds it"
                    : "enum value in SQL that does not parse");
      any = true;
    }
    pf_buf_clear(&v);
  }
  return any;
}

bool pf__sql_tokens(pf__fctx *fx, const char *sql, size_t len,
                    const uint32_t *map, uint32_t base)
{
  PgQueryScanResult sr = pg_query_scan(sql);
  PgQuery__ScanResult *r = NULL;
  bool any = false;
  if (sr.error)
    goto done;
  r = pg_query__scan_result__unpack(NULL, sr.pbuf.len,
                                    (const uint8_t *)sr.pbuf.data);
  if (!r)
    goto done;
  ctx c;
  memset(&c, 0, sizeof(c));
  c.fx = fx;
  c.sql = sql;
  c.len = len;
  c.map = map;
  c.base = base;
  c.detail = "SQL tokens (does not parse)";
  // The tables the text names; a column is attributed only when every
  // table named is the target's.
  PF_VEC(char *) tables;
  pf_vec_init(&tables);
  for (size_t i = 0; i < r->n_tokens; i++) {
    const PgQuery__ScanToken *t = r->tokens[i];
    if (t->token != PG_QUERY__TOKEN__IDENT || !after_table_keyword(r, i) ||
        (i + 1 < r->n_tokens &&
         r->tokens[i + 1]->token == PG_QUERY__TOKEN__ASCII_46) ||
        t->end > (int32_t)len || t->start < 0)
      continue;
    char *name = ident_text(sql, t);
    for (size_t k = 0; k < fx->scan->ntargets; k++) {
      const pf_scan_target *tg = &fx->scan->targets[k];
      if (!tg->column && strcmp(tg->table, name) == 0) {
        emit(&c, k, t->start, name, PF_CONF_MEDIUM);
        any = true;
      }
    }
    pf_vec_push(&tables, name);
  }
  for (size_t k = 0; k < fx->scan->ntargets && tables.len; k++) {
    const pf_scan_target *tg = &fx->scan->targets[k];
    if (!tg->column)
      continue;
    bool only = true;
    for (uint32_t i = 0; i < tables.len; i++)
      only &= strcmp(tables.items[i], tg->table) == 0;
    for (size_t i = 0; i < r->n_tokens; i++) {
      const PgQuery__ScanToken *t = r->tokens[i];
      if (t->token != PG_QUERY__TOKEN__IDENT || t->end > (int32_t)len ||
          t->start < 0 || after_table_keyword(r, i))
        continue;
      // Qualified: "orders.customer_id" names its table itself.
      bool qualified = i >= 2 &&
                       r->tokens[i - 1]->token == PG_QUERY__TOKEN__ASCII_46 &&
                       r->tokens[i - 2]->token == PG_QUERY__TOKEN__IDENT;
      char *name = ident_text(sql, t);
      bool hit = strcmp(name, tg->column) == 0;
      if (hit && qualified) {
        char *q = ident_text(sql, r->tokens[i - 2]);
        hit = strcmp(q, tg->table) == 0;
        free(q);
      } else if (hit) {
        hit = only;
      }
      if (hit) {
        emit(&c, k, t->start, name, PF_CONF_MEDIUM);
        any = true;
      }
      free(name);
    }
  }
  any |= insert_tokens(&c, r);
  any |= literal_tokens(&c, r, tables.items, tables.len);
  for (uint32_t i = 0; i < tables.len; i++)
    free(tables.items[i]);
  pf_vec_clear(&tables);
done:
  if (r)
    pg_query__scan_result__free_unpacked(r, NULL);
  pg_query_free_scan_result(sr);
  return any;
}

/* Section - .sql files */

typedef struct split_ctx {
  pf__fctx *fx;
} split_ctx;

static void on_stmt(uint32_t start, uint32_t len, void *ud)
{
  split_ctx *s = ud;
  pf__fctx *fx = s->fx;
  if (start > fx->src->len || len > fx->src->len - start)
    return;
  char *text = pf_xstrndup(fx->src->data + start, len);
  pf__sql_refs(fx, text, len, NULL, start, "SQL file");
  free(text);
}

void pf__sql_scan_file(pf__fctx *fx)
{
  if (pf__sql_refs(fx, fx->src->data, fx->src->len, NULL, 0, "SQL file"))
    return;
  // One bad statement should not hide the others: parse them one by one.
  split_ctx s = {fx};
  char msg[128];
  uint32_t err_off;
  if (!pf__sql_split(fx->src->data, on_stmt, &s, &err_off, msg, sizeof(msg)))
    pf__warn(&fx->file->warnings, fx->file->path,
             "SQL could not be split into statements: %s", msg);
}
