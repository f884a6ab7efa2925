/* PHP: Laravel Eloquent models, the query builder and attribute access. */
/* SPDX-License-Identifier: MIT */
#include "scan.h"

#include <stdlib.h>
#include <string.h>

#define MAX_CHAIN 64

static TSNode null_node(void)
{
  TSNode none;
  memset(&none, 0, sizeof(none));
  return none;
}

static bool is_model_class(const pf__fctx *fx, TSNode cls)
{
  TSNode base = pf__child_of_type(cls, "base_clause");
  uint32_t n = pf__named_count(base);
  for (uint32_t i = 0; i < n; i++) {
    TSNode b = pf__named_child(base, i);
    size_t len;
    const char *t = pf__node_text(fx, b, &len);
    // Model, \Illuminate\Database\Eloquent\Model, Authenticatable, Pivot
    if ((len >= 5 && memcmp(t + len - 5, "Model", 5) == 0) ||
        (len >= 15 && memcmp(t + len - 15, "Authenticatable", 15) == 0) ||
        (len >= 5 && memcmp(t + len - 5, "Pivot", 5) == 0))
      return true;
  }
  return false;
}

// The string value of @n and the bytes of its content; caller frees.
static char *str_at(const pf__fctx *fx, TSNode n, uint32_t *s, uint32_t *e)
{
  char *v = pf__node_string(fx, n);
  if (v) {
    *s = ts_node_start_byte(n) + 1;
    *e = *s + (uint32_t)strlen(v);
  }
  return v;
}

// A property's array of column names: $fillable = ['customer_id', ...];
// for $casts the keys.
static void column_array(pf__fctx *fx, pf__model *m, TSNode arr,
                         const char *detail)
{
  uint32_t n = pf__named_count(arr);
  for (uint32_t i = 0; i < n; i++) {
    TSNode el = pf__named_child(arr, i);
    if (!pf__ts_is(el, "array_element_initializer"))
      continue;
    TSNode v = pf__named_child(el, 0);
    uint32_t s, e;
    char *col = str_at(fx, v, &s, &e);
    if (col)
      pf__model_field(fx, m, col, col, s, e, detail);
    free(col);
  }
}

// protected $attributes = ['region' => 'eu']: the keys get a value on
// every create() that does not give one.
static void attribute_defaults(pf__fctx *fx, pf__model *m, TSNode arr)
{
  uint32_t n = pf__named_count(arr);
  for (uint32_t i = 0; i < n; i++) {
    TSNode el = pf__named_child(arr, i);
    if (!pf__ts_is(el, "array_element_initializer") || pf__named_count(el) != 2)
      continue;
    uint32_t s, e;
    char *col = str_at(fx, pf__named_child(el, 0), &s, &e);
    if (col) {
      pf__field *fd =
          pf__model_field(fx, m, col, col, s, e, "Eloquent attribute default");
      fd->flags |= PF__FIELD_DEFAULT;
    }
    free(col);
  }
}

// A relation method: public function customer() { return
// $this->belongsTo(Customer::class[, 'customer_id']); }
static void relation(pf__fctx *fx, pf__model *m, TSNode method)
{
  TSNode name = pf__ts_field(method, "name");
  TSNode body = pf__ts_field(method, "body");
  TSNode ret = pf__child_of_type(body, "return_statement");
  TSNode call = pf__named_child(ret, 0);
  if (!pf__ts_is(call, "member_call_expression") ||
      !pf__node_eq(fx, pf__ts_field(call, "name"), "belongsTo"))
    return;
  TSNode args = pf__ts_field(call, "arguments");
  TSNode fk = pf__named_child(pf__named_child(args, 1), 0);
  char *mname = pf__node_dup(fx, name);
  uint32_t s, e;
  char *col = str_at(fx, fk, &s, &e);
  if (col) {
    pf__model_field(fx, m, mname, col, s, e, "Eloquent belongsTo");
  } else {
    // The call implies "<method>_id": report it there.
    TSNode at = pf__ts_field(call, "name");
    char *snake = pf__snake_case(mname);
    pf_buf b = PF_BUF_INIT;
    pf_buf_printf(&b, "%s_id", snake);
    col = pf_buf_detach(&b);
    free(snake);
    pf__model_field(fx, m, mname, col, ts_node_start_byte(at),
                    ts_node_end_byte(at), "Eloquent belongsTo");
  }
  free(col);
  free(mname);
}

static void model_class(pf__fctx *fx, TSNode cls)
{
  TSNode name = pf__ts_field(cls, "name");
  TSNode body = pf__ts_field(cls, "body");
  if (ts_node_is_null(name) || ts_node_is_null(body) ||
      !is_model_class(fx, cls))
    return;
  char *cname = pf__node_dup(fx, name);
  pf__model *m = pf__model_add(fx, cname, name);
  char *snake = pf__snake_case(cname);
  m->default_table = pf__pluralize(snake);
  free(snake);
  free(cname);
  uint32_t n = pf__named_count(body);
  for (uint32_t i = 0; i < n; i++) {
    TSNode d = pf__named_child(body, i);
    if (pf__ts_is(d, "method_declaration")) {
      relation(fx, m, d);
      // Model events may fill attributes before the INSERT.
      TSNode mn = pf__ts_field(d, "name");
      if (pf__node_eq(fx, mn, "boot") || pf__node_eq(fx, mn, "booted"))
        m->hooks = true;
      continue;
    }
    if (!pf__ts_is(d, "property_declaration"))
      continue;
    TSNode el = pf__child_of_type(d, "property_element");
    TSNode var = pf__ts_field(el, "name");
    TSNode val = pf__ts_field(el, "default_value");
    if (pf__node_eq(fx, var, "$table")) {
      char *t = pf__node_string(fx, val);
      if (t) {
        free(m->table);
        m->table = t;
        pf__model_at(fx, m, ts_node_start_byte(val) + 1,
                     ts_node_end_byte(val) - 1, "Eloquent $table");
      }
    } else if (pf__node_eq(fx, var, "$fillable") ||
               pf__node_eq(fx, var, "$guarded") ||
               pf__node_eq(fx, var, "$hidden") ||
               pf__node_eq(fx, var, "$visible") ||
               pf__node_eq(fx, var, "$casts") ||
               pf__node_eq(fx, var, "$dates")) {
      column_array(fx, m, val, "Eloquent model property");
    } else if (pf__node_eq(fx, var, "$attributes")) {
      // Attribute defaults: create() writes them when not given.
      attribute_defaults(fx, m, val);
    } else if (pf__node_eq(fx, var, "$dispatchesEvents")) {
      m->hooks = true;
    }
  }
}

/* Section - Query builder */

typedef struct root {
  char *model; // model class or variable; NULL when the table is known
  char *table; // DB::table('orders')
  char *alias; // DB::table('orders as o')
  int flags;
} root;

static TSNode enclosing_class(TSNode n)
{
  for (TSNode p = ts_node_parent(n); !ts_node_is_null(p);
       p = ts_node_parent(p)) {
    if (pf__ts_is(p, "class_declaration"))
      return p;
  }
  return null_node();
}

// A variable's name without "$"; caller frees.
static char *var_name(const pf__fctx *fx, TSNode v)
{
  size_t len;
  const char *t = pf__node_text(fx, v, &len);
  if (len && t[0] == '$')
    t++, len--;
  return pf_xstrndup(t, len);
}

// The start of a chain: Order::where(), DB::table('orders'), $order->...,
// $this->... inside a model.
static root chain_root(const pf__fctx *fx, TSNode n)
{
  root r = {NULL, NULL, NULL, 0};
  for (int i = 0; i < MAX_CHAIN; i++) {
    if (pf__ts_is(n, "member_call_expression") ||
        pf__ts_is(n, "member_access_expression")) {
      n = pf__ts_field(n, "object");
      continue;
    }
    if (pf__ts_is(n, "scoped_call_expression")) {
      TSNode scope = pf__ts_field(n, "scope");
      if (pf__node_eq(fx, scope, "DB") &&
          pf__node_eq(fx, pf__ts_field(n, "name"), "table")) {
        TSNode a = pf__named_child(
            pf__named_child(pf__ts_field(n, "arguments"), 0), 0);
        char *t = pf__node_string(fx, a);
        if (t) {
          // 'orders as o'
          char *sp = strchr(t, ' ');
          if (sp) {
            *sp = '\0';
            const char *al = strrchr(sp + 1, ' ');
            al = al ? al + 1 : sp + 1;
            if (*al)
              r.alias = pf_xstrdup(al);
          }
          r.table = t;
        }
        return r;
      }
      if (pf__ts_is(scope, "name") || pf__ts_is(scope, "qualified_name")) {
        size_t len;
        const char *t = pf__node_text(fx, scope, &len);
        const char *bs = memchr(t, '\\', len);
        while (bs) {
          len -= (size_t)(bs + 1 - t);
          t = bs + 1;
          bs = memchr(t, '\\', len);
        }
        r.model = pf_xstrndup(t, len);
      }
      return r;
    }
    if (pf__ts_is(n, "variable_name")) {
      if (pf__node_eq(fx, n, "$this")) {
        TSNode cls = enclosing_class(n);
        if (!ts_node_is_null(cls) && is_model_class(fx, cls))
          r.model = pf__node_dup(fx, pf__ts_field(cls, "name"));
        return r;
      }
      r.model = var_name(fx, n);
      r.flags = PF__USE_BY_VAR;
      // A local scope's builder: scopeX($query) inside the model.
      if (strcmp(r.model, "query") == 0) {
        TSNode cls = enclosing_class(n);
        if (!ts_node_is_null(cls) && is_model_class(fx, cls)) {
          free(r.model);
          r.model = pf__node_dup(fx, pf__ts_field(cls, "name"));
          r.flags = 0;
        }
      }
      return r;
    }
    break;
  }
  return r;
}

static void column(pf__fctx *fx, const root *r, const char *col, uint32_t s,
                   uint32_t e, pf_ref_kind kind, const char *detail)
{
  const char *dot = strchr(col, '.');
  if (dot) {
    // 'orders.customer_id'
    char *table = pf_xstrndup(col, (size_t)(dot - col));
    uint32_t off = (uint32_t)(dot + 1 - col);
    const char *t = r->alias && strcmp(r->alias, table) == 0 ? r->table : table;
    pf__emit_column(fx, t, dot + 1, s + off, e, kind, PF_CONF_HIGH, detail);
    free(table);
    return;
  }
  size_t n = strcspn(col, " ");
  if (!pf__is_target_column(fx->scan, col, n))
    return;
  char *name = pf_xstrndup(col, n);
  if (r->table)
    pf__emit_column(fx, r->table, name, s, s + (uint32_t)n, kind, PF_CONF_HIGH,
                    detail);
  else if (r->model)
    pf__use_add_flags(fx, r->model, name, s, s + (uint32_t)n, kind,
                      r->flags | PF__USE_DIRECT, detail);
  free(name);
}

static bool in_list(const pf__fctx *fx, TSNode n, const char *const *list,
                    size_t count)
{
  for (size_t i = 0; i < count; i++) {
    if (pf__node_eq(fx, n, list[i]))
      return true;
  }
  return false;
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *const first_col[] = {
    "where",     "orWhere",      "whereIn",     "whereNotIn",   "orWhereIn",
    "whereNull", "whereNotNull", "orWhereNull", "whereBetween", "whereDate",
    "orderBy",   "orderByDesc",  "latest",      "oldest",       "groupBy",
    "value",     "increment",    "decrement",   "firstWhere",   "sum",
    "avg",       "max",          "min",         "having",       "whereColumn",
    "whereNot",  "orWhereNot",   "whereMonth",  "whereYear",    "whereTime",
    "whereDay",
};
static const char *const all_cols[] = {"select", "addSelect", "pluck", "get",
                                       "only"};
static const char *const array_keys[] = {
    "create",      "update",         "insert",      "firstOrCreate",
    "fill",        "updateOrCreate", "firstOrNew",  "forceFill",
    "where",       "upsert",         "insertGetId", "updateOrInsert",
    "forceCreate", "insertOrIgnore",
};

// Column names in @arg: a string, or an array of strings (@keys: the keys
// of 'col' => value pairs).
static void arg_columns(pf__fctx *fx, const root *r, TSNode arg, bool keys)
{
  uint32_t s, e;
  char *v = str_at(fx, arg, &s, &e);
  if (v) {
    column(fx, r, v, s, e, PF_REF_QUERY_BUILDER, "Eloquent query builder");
    free(v);
    return;
  }
  if (!pf__ts_is(arg, "array_creation_expression"))
    return;
  uint32_t n = pf__named_count(arg);
  for (uint32_t i = 0; i < n; i++) {
    TSNode el = pf__named_child(arg, i);
    if (!pf__ts_is(el, "array_element_initializer"))
      continue;
    bool pair = pf__named_count(el) == 2;
    if (pair && !keys)
      continue;
    if (!pair && keys)
      continue;
    TSNode k = pf__named_child(el, 0);
    char *c = str_at(fx, k, &s, &e);
    if (c)
      column(fx, r, c, s, e, PF_REF_QUERY_BUILDER, "Eloquent query builder");
    free(c);
  }
}

/* Section - INSERTs that leave a column out (issue 7) */

// Whether the rows of array literal @arr (['a' => 1] or a batch [[...],
// [...]]) name @col: 1 when every row does, 0 when one does not, -1 when
// a row is not a literal with plain string keys (a variable, a spread).
// *@row is set to the first row without it.
static int rows_name(const pf__fctx *fx, TSNode arr, const char *col,
                     TSNode *row)
{
  uint32_t n = pf__named_count(arr);
  if (n == 0)
    return -1; // inserts nothing
  bool batch = true;
  for (uint32_t i = 0; i < n && batch; i++) {
    TSNode el = pf__named_child(arr, i);
    batch = pf__ts_is(el, "array_element_initializer") &&
            pf__named_count(el) == 1 &&
            pf__ts_is(pf__named_child(el, 0), "array_creation_expression");
  }
  int all = 1;
  for (uint32_t r = 0; r < (batch ? n : 1); r++) {
    TSNode a = batch ? pf__named_child(pf__named_child(arr, r), 0) : arr;
    bool named = false;
    uint32_t k = pf__named_count(a);
    for (uint32_t i = 0; i < k; i++) {
      TSNode el = pf__named_child(a, i);
      if (pf__ts_is(el, "comment"))
        continue;
      if (!pf__ts_is(el, "array_element_initializer") ||
          pf__named_count(el) != 2)
        return -1;
      char *key = pf__node_string(fx, pf__named_child(el, 0));
      if (!key)
        return -1;
      named |= strcmp(key, col) == 0;
      free(key);
    }
    if (!named && all == 1) {
      all = 0;
      *row = a;
    }
  }
  return all;
}

// DB::table('orders')->insert([...]) writes exactly the keys given; so
// does Order::insert([...]); Order::create([...]) too, plus the model's
// attribute defaults and what its events set (resolved with the model).
static void key_insert(pf__fctx *fx, const root *r, TSNode name, TSNode arg)
{
  bool builder = pf__node_eq(fx, name, "insert") ||
                 pf__node_eq(fx, name, "insertGetId") ||
                 pf__node_eq(fx, name, "insertOrIgnore");
  bool create =
      pf__node_eq(fx, name, "create") || pf__node_eq(fx, name, "forceCreate");
  if (!fx->scan->ninserts || (!builder && !create) ||
      !pf__ts_is(arg, "array_creation_expression") ||
      (r->flags & PF__USE_BY_VAR))
    return;
  for (size_t t = 0; t < fx->scan->ninserts; t++) {
    const pf_scan_target *tg = fx->scan->inserts[t];
    TSNode row;
    if (!tg->column || rows_name(fx, arg, tg->column, &row) != 0)
      continue;
    uint32_t s = ts_node_start_byte(row), e = ts_node_end_byte(row);
    if (r->table && builder) {
      if (strcmp(r->table, tg->table) == 0)
        pf__emit(fx, (uint32_t)(fx->scan->ntargets + t), s, e,
                 PF_REF_INSERT_OMITS, PF_CONF_HIGH,
                 "Laravel insert without the column");
    } else if (r->model) {
      pf__use_add_flags(fx, r->model, tg->column, s, e, PF_REF_INSERT_OMITS,
                        PF__USE_CREATE,
                        create ? "Eloquent create without the column"
                               : "Eloquent insert without the column");
    }
  }
}

static void call(pf__fctx *fx, TSNode c)
{
  TSNode name = pf__ts_field(c, "name");
  bool first = in_list(fx, name, first_col, COUNT(first_col));
  bool all = in_list(fx, name, all_cols, COUNT(all_cols));
  bool keys = in_list(fx, name, array_keys, COUNT(array_keys));
  if (!first && !all && !keys)
    return;
  root r;
  if (pf__ts_is(c, "scoped_call_expression"))
    r = chain_root(fx, c);
  else
    r = chain_root(fx, pf__ts_field(c, "object"));
  // DB::table('orders') itself is not a query on a model.
  if (!r.model && !r.table)
    goto done;
  TSNode args = pf__ts_field(c, "arguments");
  uint32_t n = pf__named_count(args);
  for (uint32_t i = 0; i < n; i++) {
    TSNode a = pf__named_child(pf__named_child(args, i), 0);
    if (keys && pf__ts_is(a, "array_creation_expression"))
      arg_columns(fx, &r, a, true);
    else if (all || (first && i == 0))
      arg_columns(fx, &r, a, false);
  }
  if (n == 1)
    key_insert(fx, &r, name, pf__named_child(pf__named_child(args, 0), 0));
done:
  free(r.model);
  free(r.table);
  free(r.alias);
}

// DB::table('orders'): a table reference.
static void db_table(pf__fctx *fx, TSNode c)
{
  if (!pf__node_eq(fx, pf__ts_field(c, "scope"), "DB") ||
      !pf__node_eq(fx, pf__ts_field(c, "name"), "table"))
    return;
  TSNode a =
      pf__named_child(pf__named_child(pf__ts_field(c, "arguments"), 0), 0);
  uint32_t s, e;
  char *t = str_at(fx, a, &s, &e);
  if (!t)
    return;
  size_t n = strcspn(t, " ");
  for (size_t k = 0; k < fx->scan->ntargets; k++) {
    const pf_scan_target *tg = &fx->scan->targets[k];
    if (!tg->column && strlen(tg->table) == n && memcmp(tg->table, t, n) == 0)
      pf__emit(fx, (uint32_t)k, s, s + (uint32_t)n, PF_REF_QUERY_BUILDER,
               PF_CONF_HIGH, "Laravel DB::table");
  }
  free(t);
}

// $order->customer_id, $this->customer_id in a model.
static void attribute(pf__fctx *fx, TSNode acc)
{
  TSNode obj = pf__ts_field(acc, "object");
  TSNode name = pf__ts_field(acc, "name");
  if (!pf__ts_is(obj, "variable_name") || !pf__ts_is(name, "name"))
    return;
  size_t len;
  const char *t = pf__node_text(fx, name, &len);
  if (!pf__is_target_column(fx->scan, t, len))
    return;
  root r = chain_root(fx, obj);
  if (r.model) {
    char *field = pf_xstrndup(t, len);
    pf__use_add_flags(fx, r.model, field, ts_node_start_byte(name),
                      ts_node_end_byte(name), PF_REF_ATTRIBUTE,
                      r.flags | PF__USE_DIRECT, "model attribute");
    free(field);
  }
  free(r.model);
  free(r.table);
  free(r.alias);
}

void pf__orm_php(pf__fctx *fx, const TSQueryCapture *cap, const char *capname)
{
  if (strcmp(capname, "class") == 0) {
    model_class(fx, cap->node);
  } else if (strcmp(capname, "call") == 0) {
    if (pf__ts_is(cap->node, "scoped_call_expression"))
      db_table(fx, cap->node);
    call(fx, cap->node);
  } else if (strcmp(capname, "attribute") == 0) {
    attribute(fx, cap->node);
  }
}
