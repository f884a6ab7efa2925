/* Ruby: ActiveRecord models, their query methods and attribute reads. */
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

static bool is_record_base(const pf__fctx *fx, TSNode super)
{
  TSNode c = pf__named_child(super, 0);
  return pf__node_eq(fx, c, "ApplicationRecord") ||
         pf__node_eq(fx, c, "ActiveRecord::Base");
}

// The name of a symbol or string node ("customer_id" for :customer_id,
// customer_id: and "customer_id"); caller frees; NULL otherwise. *s and *e
// are set to the bytes of the name itself.
static char *sym_name(const pf__fctx *fx, TSNode n, uint32_t *s, uint32_t *e)
{
  if (ts_node_is_null(n))
    return NULL;
  size_t len;
  const char *t = pf__node_text(fx, n, &len);
  uint32_t start = ts_node_start_byte(n);
  if (pf__ts_is(n, "simple_symbol") && len > 1 && t[0] == ':') {
    *s = start + 1;
    *e = start + (uint32_t)len;
    return pf_xstrndup(t + 1, len - 1);
  }
  if (pf__ts_is(n, "hash_key_symbol")) {
    *s = start;
    *e = start + (uint32_t)len;
    return pf_xstrndup(t, len);
  }
  char *str = pf__node_string(fx, n);
  if (str) {
    *s = start + 1;
    *e = start + 1 + (uint32_t)strlen(str);
  }
  return str;
}

// The value of option @key (key: value) among @args, or a null node.
static TSNode option(const pf__fctx *fx, TSNode args, const char *key)
{
  uint32_t n = pf__named_count(args);
  for (uint32_t i = 0; i < n; i++) {
    TSNode p = pf__named_child(args, i);
    if (!pf__ts_is(p, "pair"))
      continue;
    uint32_t s, e;
    char *k = sym_name(fx, pf__ts_field(p, "key"), &s, &e);
    bool eq = k && strcmp(k, key) == 0;
    free(k);
    if (eq)
      return pf__ts_field(p, "value");
  }
  return null_node();
}

// Class macros whose symbol arguments name columns.
static bool is_column_macro(const pf__fctx *fx, TSNode n)
{
  static const char *const macros[] = {
      "validates",
      "validates_presence_of",
      "validates_uniqueness_of",
      "validates_length_of",
      "serialize",
      "attribute",
      "attr_readonly",
      "normalizes",
      "encrypts",
  };
  for (size_t i = 0; i < sizeof(macros) / sizeof(macros[0]); i++) {
    if (pf__node_eq(fx, n, macros[i]))
      return true;
  }
  return false;
}

static bool is_callback(const pf__fctx *fx, TSNode n)
{
  static const char *const cbs[] = {
      "before_validation", "before_create", "before_save",
      "after_initialize",  "around_create", "around_save",
  };
  for (size_t i = 0; i < sizeof(cbs) / sizeof(cbs[0]); i++) {
    if (pf__node_eq(fx, n, cbs[i]))
      return true;
  }
  return false;
}

static void model_class(pf__fctx *fx, TSNode cls)
{
  TSNode name = pf__ts_field(cls, "name");
  TSNode super = pf__ts_field(cls, "superclass");
  TSNode body = pf__child_of_type(cls, "body_statement");
  if (!pf__ts_is(name, "constant") || ts_node_is_null(super) ||
      !is_record_base(fx, super))
    return;
  char *cname = pf__node_dup(fx, name);
  pf__model *m = pf__model_add(fx, cname, name);
  char *snake = pf__snake_case(cname);
  m->default_table = pf__pluralize(snake);
  free(snake);
  free(cname);
  uint32_t n = pf__named_count(body);
  for (uint32_t i = 0; i < n; i++) {
    TSNode st = pf__named_child(body, i);
    // self.table_name = "orders"
    if (pf__ts_is(st, "assignment")) {
      TSNode left = pf__ts_field(st, "left");
      if (pf__ts_is(left, "call") &&
          pf__ts_is(pf__ts_field(left, "receiver"), "self") &&
          pf__node_eq(fx, pf__ts_field(left, "method"), "table_name")) {
        TSNode right = pf__ts_field(st, "right");
        char *t = pf__node_string(fx, right);
        if (t) {
          free(m->table);
          m->table = t;
          pf__model_at(fx, m, ts_node_start_byte(right) + 1,
                       ts_node_end_byte(right) - 1, "ActiveRecord table_name");
        }
      }
      continue;
    }
    // validates :notes, ...; serialize :notes: the symbols are columns.
    if (pf__ts_is(st, "call") &&
        is_column_macro(fx, pf__ts_field(st, "method"))) {
      TSNode args = pf__ts_field(st, "arguments");
      uint32_t na = pf__named_count(args);
      for (uint32_t k = 0; k < na; k++) {
        TSNode a = pf__named_child(args, k);
        uint32_t s, e;
        char *col =
            pf__ts_is(a, "simple_symbol") ? sym_name(fx, a, &s, &e) : NULL;
        if (col) {
          pf__field *fd =
              pf__model_field(fx, m, col, col, s, e, "ActiveRecord macro");
          // attribute :region, default: "eu": a create that does not give
          // it writes the default (issue 7).
          if (pf__node_eq(fx, pf__ts_field(st, "method"), "attribute") &&
              !ts_node_is_null(option(fx, args, "default")))
            fd->flags |= PF__FIELD_DEFAULT;
        }
        free(col);
      }
      continue;
    }
    // Callbacks may set attributes before the INSERT.
    if (pf__ts_is(st, "call") && is_callback(fx, pf__ts_field(st, "method"))) {
      m->hooks = true;
      continue;
    }
    // belongs_to :customer[, foreign_key: :client_id]
    if (!pf__ts_is(st, "call") ||
        !pf__node_eq(fx, pf__ts_field(st, "method"), "belongs_to"))
      continue;
    TSNode args = pf__ts_field(st, "arguments");
    uint32_t s, e;
    char *assoc = sym_name(fx, pf__named_child(args, 0), &s, &e);
    if (!assoc)
      continue;
    uint32_t fs, fe;
    char *fk = sym_name(fx, option(fx, args, "foreign_key"), &fs, &fe);
    if (fk) {
      pf__model_field(fx, m, assoc, fk, fs, fe, "ActiveRecord foreign_key");
    } else {
      pf_buf b = PF_BUF_INIT;
      pf_buf_printf(&b, "%s_id", assoc);
      char *col = pf_buf_detach(&b);
      pf__model_field(fx, m, assoc, col, s, e, "ActiveRecord belongs_to");
      free(col);
    }
    free(fk);
    free(assoc);
  }
}

static bool is_query_method(const pf__fctx *fx, TSNode n)
{
  static const char *const methods[] = {
      "where",
      "not",
      "rewhere",
      "find_by",
      "find_by!",
      "find_or_create_by",
      "find_or_create_by!",
      "find_or_initialize_by",
      "create",
      "create!",
      "new",
      "update",
      "update!",
      "update_all",
      "update_column",
      "update_columns",
      "pluck",
      "pick",
      "order",
      "reorder",
      "select",
      "group",
      "having",
      "sum",
      "average",
      "minimum",
      "maximum",
      "count",
      "exists?",
      "insert",
      "insert!",
      "insert_all",
      "insert_all!",
      "upsert",
      "upsert_all",
      "increment",
      "decrement",
      "in_order_of",
      "invert_where",
      "distinct",
  };
  for (size_t i = 0; i < sizeof(methods) / sizeof(methods[0]); i++) {
    if (pf__node_eq(fx, n, methods[i]))
      return true;
  }
  return false;
}

// The class that encloses @n, or a null node.
static TSNode enclosing_class(TSNode n)
{
  for (TSNode p = ts_node_parent(n); !ts_node_is_null(p);
       p = ts_node_parent(p)) {
    if (pf__ts_is(p, "class"))
      return p;
  }
  return null_node();
}

typedef struct root {
  char *model; // class name, or variable name when by_var
  int flags;
} root;

// The model a query chain starts from: Order.where(...), order.update(...),
// @order.update(...), or an implicit self inside a model class.
static root chain_root(const pf__fctx *fx, TSNode call)
{
  root r = {NULL, 0};
  TSNode n = call;
  for (int i = 0; i < MAX_CHAIN && pf__ts_is(n, "call"); i++) {
    TSNode recv = pf__ts_field(n, "receiver");
    if (ts_node_is_null(recv)) {
      TSNode cls = enclosing_class(n);
      TSNode super = pf__ts_field(cls, "superclass");
      if (!ts_node_is_null(super) && is_record_base(fx, super))
        r.model = pf__node_dup(fx, pf__ts_field(cls, "name"));
      return r;
    }
    if (pf__ts_is(recv, "constant")) {
      r.model = pf__node_dup(fx, recv);
      return r;
    }
    if (pf__ts_is(recv, "scope_resolution")) {
      r.model = pf__node_dup(fx, pf__ts_field(recv, "name"));
      return r;
    }
    // where.not(...): a bare "where" is a call on self.
    if (pf__ts_is(recv, "identifier") && pf__node_eq(fx, recv, "where")) {
      n = null_node();
      recv = n;
      TSNode cls = enclosing_class(call);
      TSNode super = pf__ts_field(cls, "superclass");
      if (!ts_node_is_null(super) && is_record_base(fx, super))
        r.model = pf__node_dup(fx, pf__ts_field(cls, "name"));
      return r;
    }
    if (pf__ts_is(recv, "identifier") || pf__ts_is(recv, "instance_variable")) {
      size_t len;
      const char *t = pf__node_text(fx, recv, &len);
      if (len && t[0] == '@')
        t++, len--;
      r.model = pf_xstrndup(t, len);
      r.flags = PF__USE_BY_VAR;
      return r;
    }
    n = recv;
  }
  return r;
}

// Whether @name (@n bytes) could name a target column, itself or as the
// association of a foreign key ("customer" for customer_id).
static bool maybe_column(const pf__fctx *fx, const char *name, size_t n)
{
  if (pf__is_target_column(fx->scan, name, n))
    return true;
  // Any column of a model is a use of its table.
  for (size_t i = 0; i < fx->scan->ntargets; i++) {
    if (!fx->scan->targets[i].column)
      return true;
  }
  char buf[256];
  if (n + 4 > sizeof(buf))
    return false;
  memcpy(buf, name, n);
  memcpy(buf + n, "_id", 4);
  return pf__is_target_column(fx->scan, buf, n + 3);
}

static void use(pf__fctx *fx, const root *r, const char *field, uint32_t s,
                uint32_t e, pf_ref_kind kind, const char *detail)
{
  if (!maybe_column(fx, field, strlen(field)))
    return;
  pf__use_add_flags(fx, r->model, field, s, e, kind, r->flags | PF__USE_DIRECT,
                    detail);
}

// A SQL fragment given to where/order/select ("customer_id = ?",
// "orders.created_at DESC"): each identifier outside quotes that names a
// target column is a use; a qualified one names its table.
static void fragment(pf__fctx *fx, const root *r, TSNode str)
{
  TSNode content = pf__child_of_type(str, "string_content");
  if (ts_node_is_null(content) || pf__named_count(str) != 1)
    return;
  size_t len;
  const char *t = pf__node_text(fx, content, &len);
  uint32_t base = ts_node_start_byte(content);
  size_t i = 0;
  while (i < len) {
    char c = t[i];
    if (c == '\'' || c == '"') {
      size_t j = i + 1;
      while (j < len && t[j] != c)
        j++;
      i = j + 1;
      continue;
    }
    if (!pf_is_ident_char((unsigned char)c) || (c >= '0' && c <= '9')) {
      i++;
      continue;
    }
    size_t j = i;
    while (j < len && pf_is_ident_char((unsigned char)t[j]))
      j++;
    if (j + 1 < len && t[j] == '.' &&
        pf_is_ident_char((unsigned char)t[j + 1])) {
      // table.column
      size_t k = j + 1;
      while (k < len && pf_is_ident_char((unsigned char)t[k]))
        k++;
      char *table = pf_xstrndup(t + i, j - i);
      char *col = pf_xstrndup(t + j + 1, k - j - 1);
      pf__emit_column(fx, table, col, base + (uint32_t)j + 1,
                      base + (uint32_t)k, PF_REF_QUERY_BUILDER,
                      r->flags ? PF_CONF_MEDIUM : PF_CONF_HIGH,
                      "ActiveRecord SQL fragment");
      free(table);
      free(col);
      i = k;
      continue;
    }
    char *word = pf_xstrndup(t + i, j - i);
    if (pf__is_target_column(fx->scan, word, j - i))
      use(fx, r, word, base + (uint32_t)i, base + (uint32_t)j,
          PF_REF_QUERY_BUILDER, "ActiveRecord SQL fragment");
    free(word);
    i = j;
  }
}

// @names: every string argument names columns (pluck, select, order), not
// only the first (where's fragment, followed by its values).
static void query_args(pf__fctx *fx, const root *r, TSNode args, bool names,
                       int depth)
{
  uint32_t n = pf__named_count(args);
  for (uint32_t i = 0; i < n && depth < 4; i++) {
    TSNode a = pf__named_child(args, i);
    uint32_t s, e;
    if (pf__ts_is(a, "pair")) {
      char *k = sym_name(fx, pf__ts_field(a, "key"), &s, &e);
      if (k)
        use(fx, r, k, s, e, PF_REF_QUERY_BUILDER, "ActiveRecord query");
      free(k);
    } else if (pf__ts_is(a, "hash") || pf__ts_is(a, "array")) {
      query_args(fx, r, a, names, depth + 1);
    } else if (pf__ts_is(a, "simple_symbol")) {
      char *k = sym_name(fx, a, &s, &e);
      if (k)
        use(fx, r, k, s, e, PF_REF_QUERY_BUILDER, "ActiveRecord query");
      free(k);
    } else if (pf__ts_is(a, "string") && (i == 0 || names)) {
      // SQL text itself is read by the SQL-in-string path; after a where
      // fragment come its values.
      char *v = pf__node_string(fx, a);
      if (v && !pf__looks_like_sql(v, strlen(v)))
        fragment(fx, r, a);
      free(v);
    }
  }
}

/* Section - INSERTs that leave a column out (issue 7) */

// Whether the attributes of a create (its arguments @args: key: value
// pairs, a hash, or an array of hashes for insert_all) name @col: 1 when
// every row does, 0 when one does not (*@row set to it), -1 when a row is
// not a literal (a variable, a **splat, a string or computed key).
static int rows_name(const pf__fctx *fx, TSNode args, const char *col,
                     TSNode *row)
{
  TSNode rows[64];
  uint32_t nrows = 0;
  TSNode first = pf__named_child(args, 0);
  if (pf__ts_is(first, "pair")) {
    rows[nrows++] = args;
  } else if (pf__named_count(args) == 1 && pf__ts_is(first, "hash")) {
    rows[nrows++] = first;
  } else if (pf__named_count(args) == 1 && pf__ts_is(first, "array")) {
    uint32_t n = pf__named_count(first);
    for (uint32_t i = 0; i < n; i++) {
      TSNode h = pf__named_child(first, i);
      if (!pf__ts_is(h, "hash") || nrows == 64)
        return -1;
      rows[nrows++] = h;
    }
  }
  if (nrows == 0)
    return -1;
  int all = 1;
  for (uint32_t r = 0; r < nrows; r++) {
    bool named = false;
    uint32_t n = pf__named_count(rows[r]);
    for (uint32_t i = 0; i < n; i++) {
      TSNode p = pf__named_child(rows[r], i);
      if (pf__ts_is(p, "comment"))
        continue;
      uint32_t s, e;
      char *k = pf__ts_is(p, "pair")
                    ? sym_name(fx, pf__ts_field(p, "key"), &s, &e)
                    : NULL;
      if (!k)
        return -1;
      named |= strcmp(k, col) == 0;
      free(k);
    }
    if (!named && all == 1) {
      all = 0;
      *row = rows[r];
    }
  }
  return all;
}

// Order.create(customer_id: 1) and Order.insert_all([{...}]) on a model
// class. insert/insert_all/upsert write exactly the keys given (high);
// create reads the columns from the schema and writes NULL for one not
// given, unless an attribute default or a callback fills it (medium).
static void key_create(pf__fctx *fx, const root *r, TSNode c, TSNode method)
{
  static const char *const exact[] = {"insert",      "insert!", "insert_all",
                                      "insert_all!", "upsert",  "upsert_all"};
  static const char *const creates[] = {
      "create", "create!", "find_or_create_by", "find_or_create_by!"};
  bool ex = false, cr = false;
  for (size_t i = 0; i < sizeof(exact) / sizeof(exact[0]); i++)
    ex |= pf__node_eq(fx, method, exact[i]);
  for (size_t i = 0; i < sizeof(creates) / sizeof(creates[0]); i++)
    cr |= pf__node_eq(fx, method, creates[i]);
  // A block (create(...) do |o| ... end) may set any attribute.
  if ((!ex && !cr) || !r->model || (r->flags & PF__USE_BY_VAR) ||
      !ts_node_is_null(pf__ts_field(c, "block")))
    return;
  TSNode args = pf__ts_field(c, "arguments");
  for (size_t t = 0; t < fx->scan->ninserts; t++) {
    const pf_scan_target *tg = fx->scan->inserts[t];
    TSNode row;
    if (!tg->column || rows_name(fx, args, tg->column, &row) != 0)
      continue;
    pf__use_add_flags(
        fx, r->model, tg->column, ts_node_start_byte(row),
        ts_node_end_byte(row), PF_REF_INSERT_OMITS,
        PF__USE_CREATE | (ex ? 0 : PF__USE_MEDIUM),
        ex ? "ActiveRecord insert without the column"
           : "ActiveRecord create without the column: NULL unless a callback "
             "or attribute default sets it");
  }
}

// Whether @n is the local or instance variable @var.
static bool is_var(const pf__fctx *fx, TSNode n, const char *var)
{
  return (pf__ts_is(n, "identifier") || pf__ts_is(n, "instance_variable")) &&
         pf__node_eq(fx, n, var);
}

// What @n does to @var, a new record (pf__var_fn): o.save and o.save!
// insert it, o.col = ... sets the column @col, o = ... binds the name
// again.
static pf__var_op rb_var_op(const pf__fctx *fx, TSNode n, const char *var,
                            const char *col)
{
  if (pf__ts_is(n, "method") || pf__ts_is(n, "singleton_method") ||
      pf__ts_is(n, "class") || pf__ts_is(n, "module"))
    return PF__VAR_SKIP;
  if (pf__ts_is(n, "assignment")) {
    TSNode left = pf__ts_field(n, "left");
    if (is_var(fx, left, var))
      return PF__VAR_REBOUND;
    if (col && pf__ts_is(left, "call") &&
        is_var(fx, pf__ts_field(left, "receiver"), var) &&
        pf__node_eq(fx, pf__ts_field(left, "method"), col))
      return PF__VAR_SETS;
    return PF__VAR_NONE;
  }
  TSNode method = pf__ts_field(n, "method");
  if (pf__ts_is(n, "call") && is_var(fx, pf__ts_field(n, "receiver"), var) &&
      (pf__node_eq(fx, method, "save") || pf__node_eq(fx, method, "save!")))
    return PF__VAR_SAVED;
  return PF__VAR_NONE;
}

// o = Order.new(customer_id: 1) (or @order = ...) and, later in the same
// method, o.save or o.save!; or Order.new(...).save at once: a create in
// two steps (issue 7). The keys given, and o.col = ... before the save,
// are the attributes written; a hash that is not literal
// (Order.new(order_params)) or a block says nothing.
static void new_save(pf__fctx *fx, const root *r, TSNode c, TSNode method)
{
  static const char *const scopes[] = {"method", "singleton_method", NULL};
  if (!pf__node_eq(fx, method, "new") || !r->model ||
      (r->flags & PF__USE_BY_VAR) ||
      ts_node_is_null(pf__ts_field(c, "receiver")) ||
      !ts_node_is_null(pf__ts_field(c, "block")))
    return;
  TSNode parent = ts_node_parent(c);
  TSNode pm = pf__ts_field(parent, "method");
  bool chained = pf__ts_is(parent, "call") &&
                 ts_node_eq(pf__ts_field(parent, "receiver"), c) &&
                 (pf__node_eq(fx, pm, "save") || pf__node_eq(fx, pm, "save!"));
  TSNode left = pf__ts_field(parent, "left");
  char *var = NULL;
  if (!chained) {
    if (!pf__ts_is(parent, "assignment") ||
        !ts_node_eq(pf__ts_field(parent, "right"), c) ||
        (!pf__ts_is(left, "identifier") &&
         !pf__ts_is(left, "instance_variable")))
      return;
    var = pf__node_dup(fx, left);
  }
  TSNode scope = pf__enclosing(c, scopes);
  TSNode args = pf__ts_field(c, "arguments");
  for (size_t t = 0; t < fx->scan->ninserts; t++) {
    const pf_scan_target *tg = fx->scan->inserts[t];
    TSNode row = c;
    if (!tg->column ||
        (pf__named_count(args) && rows_name(fx, args, tg->column, &row) != 0))
      continue;
    int bits = chained ? PF__VAR_IS_SAVED
                       : pf__var_follow(fx, scope, pf__ts_field(c, "receiver"),
                                        ts_node_end_byte(parent), var,
                                        tg->column, rb_var_op);
    if (!(bits & PF__VAR_IS_SAVED) || (bits & PF__VAR_COL_SET))
      continue;
    pf__use_add_flags(fx, r->model, tg->column, ts_node_start_byte(row),
                      ts_node_end_byte(row), PF_REF_INSERT_OMITS,
                      PF__USE_CREATE | PF__USE_MEDIUM,
                      "ActiveRecord new and save without the column: NULL "
                      "unless a callback or attribute default sets it");
  }
  free(var);
}

static void call(pf__fctx *fx, TSNode c)
{
  TSNode method = pf__ts_field(c, "method");
  TSNode args = pf__ts_field(c, "arguments");
  TSNode recv = pf__ts_field(c, "receiver");
  if (!pf__ts_is(method, "identifier"))
    return;
  if (is_query_method(fx, method)) {
    root r = chain_root(fx, c);
    bool names = !pf__node_eq(fx, method, "where") &&
                 !pf__node_eq(fx, method, "not") &&
                 !pf__node_eq(fx, method, "rewhere") &&
                 !pf__node_eq(fx, method, "having") &&
                 !pf__node_eq(fx, method, "find_by") &&
                 !pf__node_eq(fx, method, "find_by!");
    if (r.model && !ts_node_is_null(args))
      query_args(fx, &r, args, names, 0);
    if (fx->scan->ninserts && !ts_node_is_null(args))
      key_create(fx, &r, c, method);
    if (fx->scan->ninserts)
      new_save(fx, &r, c, method);
    free(r.model);
    return;
  }
  // An attribute read or write on a model instance: order.customer_id.
  if (ts_node_is_null(args) && ts_node_is_null(pf__ts_field(c, "block")) &&
      (pf__ts_is(recv, "identifier") || pf__ts_is(recv, "instance_variable"))) {
    size_t len;
    const char *t = pf__node_text(fx, method, &len);
    if (!maybe_column(fx, t, len))
      return;
    root r = chain_root(fx, c);
    char *field = pf__node_dup(fx, method);
    if (r.model)
      use(fx, &r, field, ts_node_start_byte(method), ts_node_end_byte(method),
          PF_REF_ATTRIBUTE, "model attribute");
    free(field);
    free(r.model);
  }
}

// Whether @name is a parameter of method @def or assigned in it (a local
// variable, not the model's attribute).
static bool is_local(const pf__fctx *fx, TSNode n, const char *name, int depth)
{
  if (ts_node_is_null(n) || depth > 40)
    return false;
  if (pf__ts_is(n, "assignment") || pf__ts_is(n, "operator_assignment")) {
    if (pf__node_eq(fx, pf__ts_field(n, "left"), name))
      return true;
  } else if (pf__ts_is(n, "method_parameters") ||
             pf__ts_is(n, "block_parameters") ||
             pf__ts_is(n, "lambda_parameters")) {
    uint32_t k = pf__named_count(n);
    for (uint32_t i = 0; i < k; i++) {
      TSNode p = pf__named_child(n, i);
      TSNode pn = pf__ts_is(p, "identifier") ? p : pf__ts_field(p, "name");
      if (pf__node_eq(fx, pn, name))
        return true;
    }
  }
  uint32_t k = pf__named_count(n);
  for (uint32_t i = 0; i < k; i++) {
    if (is_local(fx, pf__named_child(n, i), name, depth + 1))
      return true;
  }
  return false;
}

static void bare_names(pf__fctx *fx, const char *model, TSNode def, TSNode n,
                       int depth)
{
  if (ts_node_is_null(n) || depth > 60)
    return;
  if (pf__ts_is(n, "identifier")) {
    size_t len;
    const char *t = pf__node_text(fx, n, &len);
    if (!pf__is_target_column(fx->scan, t, len))
      return;
    char *name = pf_xstrndup(t, len);
    if (!is_local(fx, def, name, 0))
      pf__use_add_flags(fx, model, name, ts_node_start_byte(n),
                        ts_node_end_byte(n), PF_REF_ATTRIBUTE,
                        PF__USE_DIRECT | PF__USE_MEDIUM, "model attribute");
    free(name);
    return;
  }
  // A call's method name or a symbol is not a bare read.
  if (pf__ts_is(n, "call")) {
    bare_names(fx, model, def, pf__ts_field(n, "receiver"), depth + 1);
    bare_names(fx, model, def, pf__ts_field(n, "arguments"), depth + 1);
    bare_names(fx, model, def, pf__ts_field(n, "block"), depth + 1);
    return;
  }
  if (pf__ts_is(n, "method_parameters") || pf__ts_is(n, "pair"))
    return;
  uint32_t k = pf__named_count(n);
  for (uint32_t i = 0; i < k; i++)
    bare_names(fx, model, def, pf__named_child(n, i), depth + 1);
}

// def summary; "#{id}: #{notes}"; end inside a model: bare names that are
// neither parameters nor locals read the record's attributes.
static void model_method(pf__fctx *fx, TSNode def)
{
  TSNode cls = enclosing_class(def);
  TSNode super = pf__ts_field(cls, "superclass");
  if (ts_node_is_null(super) || !is_record_base(fx, super))
    return;
  char *model = pf__node_dup(fx, pf__ts_field(cls, "name"));
  bare_names(fx, model, def, pf__ts_field(def, "body"), 0);
  free(model);
}

void pf__orm_ruby(pf__fctx *fx, const TSQueryCapture *cap, const char *capname)
{
  if (strcmp(capname, "class") == 0)
    model_class(fx, cap->node);
  else if (strcmp(capname, "call") == 0)
    call(fx, cap->node);
  else if (strcmp(capname, "method") == 0)
    model_method(fx, cap->node);
}
