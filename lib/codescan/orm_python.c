/* Python ORMs: SQLAlchemy and Django models, their query builders. */
/* SPDX-License-Identifier: MIT */
#include "scan.h"

#include <stdlib.h>
#include <string.h>

#define MAX_CHAIN 64

// The last name of a callee: "Column" for Column and sa.Column.
static TSNode callee_name(TSNode fn)
{
  if (pf__ts_is(fn, "attribute"))
    return pf__ts_field(fn, "attribute");
  return fn;
}

static bool name_ends_with(const pf__fctx *fx, TSNode n, const char *suffix)
{
  size_t len, m = strlen(suffix);
  const char *t = pf__node_text(fx, n, &len);
  return len >= m && memcmp(t + len - m, suffix, m) == 0;
}

// The first positional argument of @args, or a null node.
static TSNode first_positional(TSNode args)
{
  uint32_t n = pf__named_count(args);
  for (uint32_t i = 0; i < n; i++) {
    TSNode a = ts_node_named_child(args, i);
    if (!pf__ts_is(a, "keyword_argument") && !pf__ts_is(a, "comment"))
      return a;
    if (pf__ts_is(a, "keyword_argument"))
      break;
  }
  TSNode none;
  memset(&none, 0, sizeof(none));
  return none;
}

// The value of keyword argument @name in @args, or a null node.
static TSNode keyword(const pf__fctx *fx, TSNode args, const char *name)
{
  uint32_t n = pf__named_count(args);
  for (uint32_t i = 0; i < n; i++) {
    TSNode a = ts_node_named_child(args, i);
    if (pf__ts_is(a, "keyword_argument") &&
        pf__node_eq(fx, pf__ts_field(a, "name"), name))
      return pf__ts_field(a, "value");
  }
  TSNode none;
  memset(&none, 0, sizeof(none));
  return none;
}

// "x = <string>" in @body: the string's value (caller frees), else NULL;
// *at (when not NULL) is set to the string node.
static char *assigned_string(const pf__fctx *fx, TSNode body, const char *var,
                             TSNode *at)
{
  uint32_t n = pf__named_count(body);
  for (uint32_t i = 0; i < n; i++) {
    TSNode st = ts_node_named_child(body, i);
    if (!pf__ts_is(st, "expression_statement"))
      continue;
    TSNode a = ts_node_named_child(st, 0);
    if (pf__ts_is(a, "assignment") &&
        pf__node_eq(fx, pf__ts_field(a, "left"), var)) {
      if (at)
        *at = pf__ts_field(a, "right");
      return pf__node_string(fx, pf__ts_field(a, "right"));
    }
  }
  return NULL;
}

// The assignment "x = ..." of @var in @body, or a null node.
static TSNode assignment_of(const pf__fctx *fx, TSNode body, const char *var)
{
  uint32_t n = pf__named_count(body);
  for (uint32_t i = 0; i < n; i++) {
    TSNode st = ts_node_named_child(body, i);
    TSNode a = pf__named_child(st, 0);
    if (pf__ts_is(st, "expression_statement") && pf__ts_is(a, "assignment") &&
        pf__node_eq(fx, pf__ts_field(a, "left"), var))
      return a;
  }
  TSNode none;
  memset(&none, 0, sizeof(none));
  return none;
}

// Whether the text of @n contains @word.
static bool mentions(const pf__fctx *fx, TSNode n, const char *word)
{
  size_t len, m = strlen(word);
  const char *t = pf__node_text(fx, n, &len);
  for (size_t i = 0; i + m <= len; i++) {
    if (memcmp(t + i, word, m) == 0)
      return true;
  }
  return false;
}

static bool assigns_true(const pf__fctx *fx, TSNode body, const char *var)
{
  uint32_t n = pf__named_count(body);
  for (uint32_t i = 0; i < n; i++) {
    TSNode st = ts_node_named_child(body, i);
    TSNode a = ts_node_named_child(st, 0);
    if (pf__ts_is(st, "expression_statement") && pf__ts_is(a, "assignment") &&
        pf__node_eq(fx, pf__ts_field(a, "left"), var) &&
        pf__node_eq(fx, pf__ts_field(a, "right"), "True"))
      return true;
  }
  return false;
}

// The body of the nested "class Meta:", or a null node.
static TSNode meta_body(const pf__fctx *fx, TSNode body)
{
  uint32_t n = pf__named_count(body);
  for (uint32_t i = 0; i < n; i++) {
    TSNode c = ts_node_named_child(body, i);
    if (pf__ts_is(c, "class_definition") &&
        pf__node_eq(fx, pf__ts_field(c, "name"), "Meta"))
      return pf__ts_field(c, "body");
  }
  TSNode none;
  memset(&none, 0, sizeof(none));
  return none;
}

static bool is_django_model(const pf__fctx *fx, TSNode supers)
{
  if (ts_node_is_null(supers))
    return false;
  uint32_t n = pf__named_count(supers);
  for (uint32_t i = 0; i < n; i++) {
    TSNode s = ts_node_named_child(supers, i);
    if (pf__node_eq(fx, s, "models.Model") || pf__node_eq(fx, s, "Model"))
      return true;
  }
  return false;
}

// Whether every superclass of @supers (keyword arguments aside) is one of
// @bases: then the class declares every column it maps itself, none comes
// from a mixin or an abstract parent.
static bool only_bases(const pf__fctx *fx, TSNode supers,
                       const char *const *bases)
{
  uint32_t n = pf__named_count(supers);
  for (uint32_t i = 0; i < n; i++) {
    TSNode s = ts_node_named_child(supers, i);
    if (pf__ts_is(s, "keyword_argument") || pf__ts_is(s, "comment"))
      continue;
    bool known = false;
    for (const char *const *b = bases; *b && !known; b++)
      known = pf__node_eq(fx, s, *b);
    if (!known)
      return false;
  }
  return true;
}

// Whether the keyword @name of @args is given as the literal @value.
static bool keyword_is(const pf__fctx *fx, TSNode args, const char *name,
                       const char *value)
{
  TSNode v = keyword(fx, args, name);
  return !ts_node_is_null(v) && pf__node_eq(fx, v, value);
}

static bool has_keyword(const pf__fctx *fx, TSNode args, const char *name)
{
  return !ts_node_is_null(keyword(fx, args, name));
}

// Whether the Django field call with @args leaves its column NULL when the
// code does not set it: null=True, and neither default= nor db_default=
// nor auto_now(_add) gives it a value.
static bool django_nullable(const pf__fctx *fx, TSNode args)
{
  return keyword_is(fx, args, "null", "True") &&
         !has_keyword(fx, args, "default") &&
         !has_keyword(fx, args, "db_default") &&
         !keyword_is(fx, args, "auto_now", "True") &&
         !keyword_is(fx, args, "auto_now_add", "True");
}

// Whether the SQLAlchemy Column/mapped_column call with @args (on an
// attribute annotated @type, or a null node) is nullable without a
// default: nullable=True, or no nullable= at all when the annotation is
// absent (Column's default) or Optional[...] / "... | None" (mapped_column
// follows Mapped[...]); never a primary key.
static bool sqlalchemy_nullable(const pf__fctx *fx, TSNode args, TSNode type)
{
  if (keyword_is(fx, args, "primary_key", "True") ||
      has_keyword(fx, args, "default") ||
      has_keyword(fx, args, "server_default") ||
      has_keyword(fx, args, "insert_default"))
    return false;
  TSNode nv = keyword(fx, args, "nullable");
  if (!ts_node_is_null(nv))
    return pf__node_eq(fx, nv, "True");
  if (ts_node_is_null(type))
    return true;
  size_t len;
  const char *t = pf__node_text(fx, type, &len);
  for (size_t i = 0; i + 8 <= len; i++) {
    if (memcmp(t + i, "Optional", 8) == 0)
      return true;
  }
  for (size_t i = 0; i + 4 <= len; i++) {
    if (memcmp(t + i, "None", 4) == 0)
      return true;
  }
  return false;
}

// Adds to @m's loose columns every INSERT_OMITS column that statement @st
// names as a word: a class-body statement not read as a field (a
// deferred(Column(...)), a declared_attr, a save() override) may map or
// fill it.
static void loose_mentions(const pf__fctx *fx, pf__model *m, TSNode st)
{
  // A comment or a docstring that names the column maps nothing.
  if (pf__ts_is(st, "comment") ||
      (pf__ts_is(st, "expression_statement") && pf__named_count(st) == 1 &&
       pf__ts_is(pf__named_child(st, 0), "string")))
    return;
  size_t len;
  const char *t = pf__node_text(fx, st, &len);
  for (size_t i = 0; i < fx->scan->ninserts; i++) {
    const char *c = fx->scan->inserts[i]->column;
    size_t n = c ? strlen(c) : 0;
    for (size_t k = 0; n && k + n <= len; k++) {
      if (memcmp(t + k, c, n) == 0 &&
          (k == 0 || !pf_is_ident_char((unsigned char)t[k - 1])) &&
          (k + n == len || !pf_is_ident_char((unsigned char)t[k + n]))) {
        pf__model_loose(m, c);
        break;
      }
    }
  }
}

// Django's default table: "<app label>_<model name>", the app label being
// the folder of models.py (or of the models/ package).
static char *django_default_table(const pf__fctx *fx, const char *cls)
{
  const char *path = fx->file->path;
  const char *end = strrchr(path, '/');
  if (!end)
    return NULL;
  const char *start = end;
  while (start > path && start[-1] != '/')
    start--;
  if ((size_t)(end - start) == 6 && memcmp(start, "models", 6) == 0 &&
      start > path) {
    end = start - 1;
    start = end;
    while (start > path && start[-1] != '/')
      start--;
  }
  if (end == start)
    return NULL;
  pf_buf b = PF_BUF_INIT;
  for (const char *p = start; p < end; p++)
    pf_buf_putc(&b, (char)pf_ascii_lower((unsigned char)*p));
  pf_buf_putc(&b, '_');
  for (const char *p = cls; *p; p++)
    pf_buf_putc(&b, (char)pf_ascii_lower((unsigned char)*p));
  return pf_buf_detach(&b);
}

// Reads one statement of a model's body; returns whether it is a field
// (a column mapping), registered on @m.
static bool model_field(pf__fctx *fx, pf__model *m, TSNode st, bool django,
                        bool sqlalchemy)
{
  if (!pf__ts_is(st, "expression_statement"))
    return false;
  TSNode a = ts_node_named_child(st, 0);
  if (!pf__ts_is(a, "assignment"))
    return false;
  TSNode left = pf__ts_field(a, "left");
  TSNode right = pf__ts_field(a, "right");
  TSNode type = pf__ts_field(a, "type");
  if (!pf__ts_is(left, "identifier"))
    return false;
  char *attr = pf__node_dup(fx, left);
  TSNode at = left; // where the reference is reported
  char *column = NULL;
  const char *detail = NULL;
  bool nullable = false;
  if (pf__ts_is(right, "call")) {
    TSNode fn = callee_name(pf__ts_field(right, "function"));
    TSNode args = pf__ts_field(right, "arguments");
    if (sqlalchemy && (pf__node_eq(fx, fn, "Column") ||
                       pf__node_eq(fx, fn, "mapped_column"))) {
      detail = "SQLAlchemy Column";
      TSNode first = first_positional(args);
      column = pf__node_string(fx, first);
      if (column)
        at = first;
      else
        column = pf_xstrdup(attr);
      nullable = sqlalchemy_nullable(fx, args, type);
    } else if (django && (name_ends_with(fx, fn, "Field") ||
                          pf__node_eq(fx, fn, "ForeignKey"))) {
      detail = "Django model field";
      TSNode dbc = keyword(fx, args, "db_column");
      column = pf__node_string(fx, dbc);
      if (column) {
        at = dbc;
      } else if (pf__node_eq(fx, fn, "ForeignKey") ||
                 pf__node_eq(fx, fn, "OneToOneField")) {
        pf_buf b = PF_BUF_INIT;
        pf_buf_printf(&b, "%s_id", attr);
        column = pf_buf_detach(&b);
      } else {
        column = pf_xstrdup(attr);
      }
      nullable = django_nullable(fx, args);
    }
  } else if (ts_node_is_null(right) && sqlalchemy && !ts_node_is_null(type)) {
    // SQLAlchemy 2.0: "customer_id: Mapped[int]".
    size_t len;
    const char *t = pf__node_text(fx, type, &len);
    if (len >= 7 && memcmp(t, "Mapped[", 7) == 0) {
      detail = "SQLAlchemy Mapped column";
      column = pf_xstrdup(attr);
      TSNode none;
      memset(&none, 0, sizeof(none));
      nullable = sqlalchemy_nullable(fx, none, type);
    }
  }
  if (column) {
    pf__field *fd = pf__model_field(fx, m, attr, column, ts_node_start_byte(at),
                                    ts_node_end_byte(at), detail);
    if (nullable)
      fd->flags |= PF__FIELD_NULLABLE;
  }
  bool field = column != NULL;
  free(column);
  free(attr);
  return field;
}

// Whether a class body assigns a Column(...), mapped_column(...),
// Mapped[...] or a Django ...Field(...).
static bool declares_columns(const pf__fctx *fx, TSNode body)
{
  uint32_t n = pf__named_count(body);
  for (uint32_t i = 0; i < n; i++) {
    TSNode a = pf__named_child(pf__named_child(body, i), 0);
    if (!pf__ts_is(a, "assignment"))
      continue;
    TSNode right = pf__ts_field(a, "right");
    TSNode fn = callee_name(pf__ts_field(right, "function"));
    size_t len;
    const char *t = pf__node_text(fx, pf__ts_field(a, "type"), &len);
    if ((pf__ts_is(right, "call") && (pf__node_eq(fx, fn, "Column") ||
                                      pf__node_eq(fx, fn, "mapped_column") ||
                                      name_ends_with(fx, fn, "Field") ||
                                      pf__node_eq(fx, fn, "ForeignKey"))) ||
        (len >= 7 && memcmp(t, "Mapped[", 7) == 0))
      return true;
  }
  return false;
}

static void add_parents(pf__fctx *fx, pf__model *m, TSNode supers)
{
  uint32_t n = pf__named_count(supers);
  for (uint32_t i = 0; i < n; i++) {
    TSNode s = ts_node_named_child(supers, i);
    if (pf__ts_is(s, "identifier") || pf__ts_is(s, "attribute"))
      pf_vec_push(&m->parents, pf__node_dup(fx, s));
  }
}

// A class with columns but no table of its own: its fields, both styles.
static void base_model(pf__fctx *fx, TSNode name, TSNode body)
{
  char *cname = pf__node_dup(fx, name);
  pf__model *m = pf__model_add(fx, cname, name);
  free(cname);
  uint32_t n = pf__named_count(body);
  for (uint32_t i = 0; i < n; i++) {
    TSNode st = ts_node_named_child(body, i);
    if (!model_field(fx, m, st, true, true))
      loose_mentions(fx, m, st);
  }
}

static void model_class(pf__fctx *fx, TSNode cls)
{
  TSNode name = pf__ts_field(cls, "name");
  TSNode body = pf__ts_field(cls, "body");
  if (ts_node_is_null(name) || ts_node_is_null(body))
    return;
  bool django = is_django_model(fx, pf__ts_field(cls, "superclasses"));
  TSNode table_at;
  memset(&table_at, 0, sizeof(table_at));
  char *table = assigned_string(fx, body, "__tablename__", &table_at);
  bool sqlalchemy = table != NULL;
  TSNode meta = meta_body(fx, body);
  if (!ts_node_is_null(meta)) {
    if (assigns_true(fx, meta, "abstract")) {
      free(table);
      return;
    }
    if (!table)
      table = assigned_string(fx, meta, "db_table", &table_at);
  }
  if (!django && !sqlalchemy) {
    free(table);
    // A base of models that declares columns (class Base(DeclarativeBase)
    // with an id, class Timestamped(models.Model) made abstract): kept,
    // without a table, so that the models deriving from it inherit them
    // (issue 7).
    if (fx->scan->ninserts && declares_columns(fx, body))
      base_model(fx, name, body);
    return;
  }
  // In parts, a model is one of them, whole (pyparts.c): its fields are
  // all registered.
  if (!pf__parts_cover(fx, ts_node_start_byte(cls), ts_node_end_byte(cls))) {
    fx->redo = true;
    free(table);
    return;
  }
  char *cname = pf__node_dup(fx, name);
  pf__model *m = pf__model_add(fx, cname, name);
  m->table = table;
  if (table)
    pf__model_at(fx, m, ts_node_start_byte(table_at) + 1,
                 ts_node_end_byte(table_at) - 1, "model table name");
  if (!table && django)
    m->default_table = django_default_table(fx, cname);
  free(cname);
  // Django's create() and save() insert every concrete field the model
  // declares; SQLAlchemy's ORM inserts the mapped columns only. A parent
  // other than the base may declare more.
  static const char *const django_bases[] = {"models.Model", "Model", NULL};
  static const char *const sa_bases[] = {"Base",  "DeclarativeBase", "db.Model",
                                         "Model", "SQLModel",        NULL};
  TSNode supers = pf__ts_field(cls, "superclasses");
  bool declares_all = !ts_node_is_null(supers) &&
                      only_bases(fx, supers, django ? django_bases : sa_bases);
  // __table__ = Table(...) maps the columns of another declaration; a
  // reflected table (autoload) maps whatever the database has.
  if (!django &&
      (!ts_node_is_null(assignment_of(fx, body, "__table__")) ||
       mentions(fx, assignment_of(fx, body, "__table_args__"), "autoload")))
    declares_all = false;
  pf__model_inserts_declared(m, django ? "Django" : "SQLAlchemy", declares_all);
  add_parents(fx, m, supers);

  uint32_t n = pf__named_count(body);
  for (uint32_t i = 0; i < n; i++) {
    TSNode st = ts_node_named_child(body, i);
    if (!model_field(fx, m, st, django, sqlalchemy) && fx->scan->ninserts)
      loose_mentions(fx, m, st);
  }
}

static bool is_qb_method(const pf__fctx *fx, TSNode n)
{
  static const char *const methods[] = {
      "filter",        "exclude",          "get",      "filter_by",
      "create",        "update",           "values",   "values_list",
      "bulk_create",   "order_by",         "only",     "defer",
      "get_or_create", "update_or_create", "distinct", "annotate",
      "aggregate",     "select_related",   "latest",   "earliest",
  };
  for (size_t i = 0; i < sizeof(methods) / sizeof(methods[0]); i++) {
    if (pf__node_eq(fx, n, methods[i]))
      return true;
  }
  return false;
}

// Follows a call chain down to the model it starts from: Order.objects...,
// session.query(Order)..., select(Order)....
static TSNode chain_model(const pf__fctx *fx, TSNode n)
{
  for (int i = 0; i < MAX_CHAIN && !ts_node_is_null(n); i++) {
    if (pf__ts_is(n, "identifier"))
      return n;
    if (pf__ts_is(n, "attribute")) {
      n = pf__ts_field(n, "object");
    } else if (pf__ts_is(n, "call")) {
      TSNode fn = pf__ts_field(n, "function");
      TSNode name = callee_name(fn);
      if (pf__node_eq(fx, name, "query") || pf__node_eq(fx, name, "select") ||
          pf__node_eq(fx, name, "update") || pf__node_eq(fx, name, "delete")) {
        TSNode first = first_positional(pf__ts_field(n, "arguments"));
        if (pf__ts_is(first, "identifier"))
          return first;
      }
      if (!pf__ts_is(fn, "attribute"))
        break;
      n = fn;
    } else {
      break;
    }
  }
  TSNode none;
  memset(&none, 0, sizeof(none));
  return none;
}

// Adds a use of the field named by the first part of a Django lookup
// ("customer__name__in" -> "customer") written at @node.
static void lookup_use(pf__fctx *fx, const char *model, const char *s,
                       size_t len, TSNode node)
{
  if (len && s[0] == '-')
    s++, len--;
  const char *dunder = NULL;
  for (size_t i = 0; i + 1 < len; i++) {
    if (s[i] == '_' && s[i + 1] == '_') {
      dunder = s + i;
      break;
    }
  }
  if (dunder)
    len = (size_t)(dunder - s);
  if (len == 0)
    return;
  char *field = pf_xstrndup(s, len);
  pf__use_add(fx, model, field, ts_node_start_byte(node),
              ts_node_end_byte(node), PF_REF_QUERY_BUILDER,
              "ORM query keyword");
  free(field);
}

// Field names inside expressions given to a query: F("notes"),
// Q(customer_id=1) | Q(notes__isnull=True), Count("customer"),
// Coalesce("notes", Value("")).
static void nested(pf__fctx *fx, const char *mname, TSNode n, int depth)
{
  static const char *const fns[] = {"F",     "Count", "Sum",      "Avg",
                                    "Max",   "Min",   "OuterRef", "Coalesce",
                                    "Lower", "Upper", "Length",   "ArrayAgg"};
  if (ts_node_is_null(n) || depth > 8)
    return;
  if (pf__ts_is(n, "call")) {
    TSNode fn = callee_name(pf__ts_field(n, "function"));
    TSNode args = pf__ts_field(n, "arguments");
    bool q = pf__node_eq(fx, fn, "Q");
    bool f = false;
    for (size_t i = 0; i < sizeof(fns) / sizeof(fns[0]) && !f; i++)
      f = pf__node_eq(fx, fn, fns[i]);
    if (!q && !f)
      return;
    uint32_t k = pf__named_count(args);
    for (uint32_t i = 0; i < k; i++) {
      TSNode a = pf__named_child(args, i);
      if (f && pf__ts_is(a, "string")) {
        char *v = pf__node_string(fx, a);
        if (v)
          lookup_use(fx, mname, v, strlen(v), a);
        free(v);
      } else if (q && pf__ts_is(a, "keyword_argument")) {
        TSNode key = pf__ts_field(a, "name");
        size_t len;
        const char *t = pf__node_text(fx, key, &len);
        lookup_use(fx, mname, t, len, key);
        nested(fx, mname, pf__ts_field(a, "value"), depth + 1);
      } else {
        nested(fx, mname, a, depth + 1);
      }
    }
    return;
  }
  if (pf__ts_is(n, "binary_operator") || pf__ts_is(n, "unary_operator") ||
      pf__ts_is(n, "parenthesized_expression") ||
      pf__ts_is(n, "boolean_operator")) {
    uint32_t k = pf__named_count(n);
    for (uint32_t i = 0; i < k; i++)
      nested(fx, mname, pf__named_child(n, i), depth + 1);
  }
}

static void qb_call(pf__fctx *fx, TSNode call)
{
  TSNode fn = pf__ts_field(call, "function");
  if (!pf__ts_is(fn, "attribute") ||
      !is_qb_method(fx, pf__ts_field(fn, "attribute")))
    return;
  TSNode model = chain_model(fx, pf__ts_field(fn, "object"));
  if (ts_node_is_null(model))
    return;
  char *mname = pf__node_dup(fx, model);
  // Order.objects.create(...) and its kin insert a row through the model:
  // every field it declares, whatever the keywords (issue 7).
  TSNode method = pf__ts_field(fn, "attribute");
  if (fx->scan->ninserts && (pf__node_eq(fx, method, "create") ||
                             pf__node_eq(fx, method, "bulk_create") ||
                             pf__node_eq(fx, method, "get_or_create") ||
                             pf__node_eq(fx, method, "update_or_create")))
    pf__use_add_flags(fx, mname, "", ts_node_start_byte(method),
                      ts_node_end_byte(method), PF_REF_INSERT_OMITS,
                      PF__USE_CREATE, "Django create");

  TSNode args = pf__ts_field(call, "arguments");
  uint32_t n = pf__named_count(args);
  for (uint32_t i = 0; i < n; i++) {
    TSNode a = ts_node_named_child(args, i);
    if (pf__ts_is(a, "keyword_argument")) {
      TSNode k = pf__ts_field(a, "name");
      size_t len;
      const char *t = pf__node_text(fx, k, &len);
      lookup_use(fx, mname, t, len, k);
      nested(fx, mname, pf__ts_field(a, "value"), 0);
    } else if (pf__ts_is(a, "string")) {
      char *s = pf__node_string(fx, a);
      if (s)
        lookup_use(fx, mname, s, strlen(s), a);
      free(s);
    } else {
      nested(fx, mname, a, 0);
    }
  }
  free(mname);
}

// Whether the attribute @name could be a target column, itself or as the
// relation of a foreign key (customer for customer_id): variables are only
// followed for those, there are too many attributes otherwise.
static bool maybe_column(const pf__fctx *fx, TSNode name)
{
  size_t n;
  const char *t = pf__node_text(fx, name, &n);
  if (pf__is_target_column(fx->scan, t, n))
    return true;
  char buf[256];
  if (n + 4 > sizeof(buf))
    return false;
  memcpy(buf, t, n);
  memcpy(buf + n, "_id", 4);
  return pf__is_target_column(fx->scan, buf, n + 3);
}

// Model.attribute, as in select(Order.customer_id) or
// filter(Order.customer_id == 1).
static void attribute(pf__fctx *fx, TSNode attr)
{
  TSNode obj = pf__ts_field(attr, "object");
  TSNode name = pf__ts_field(attr, "attribute");
  if (!pf__ts_is(obj, "identifier") || ts_node_is_null(name))
    return;
  size_t len;
  const char *t = pf__node_text(fx, obj, &len);
  if (len == 0)
    return;
  // order.customer_id: a variable named after its model, medium.
  int flags = t[0] >= 'A' && t[0] <= 'Z' ? 0 : PF__USE_BY_VAR;
  if (flags && !maybe_column(fx, name))
    return;
  char *model = pf_xstrndup(t, len);
  char *field = pf__node_dup(fx, name);
  pf__use_add_flags(fx, model, field, ts_node_start_byte(name),
                    ts_node_end_byte(name), PF_REF_ATTRIBUTE, flags,
                    "model attribute");
  free(model);
  free(field);
}

/* Section - SQLAlchemy Core */

// orders = Table("orders", metadata, Column("customer_id", ...), ...): a
// model named after the variable, so that orders.c.customer_id resolves.
static void core_table(pf__fctx *fx, TSNode assign)
{
  TSNode left = pf__ts_field(assign, "left");
  TSNode call = pf__ts_field(assign, "right");
  if (!pf__ts_is(left, "identifier") || !pf__ts_is(call, "call") ||
      !pf__node_eq(fx, callee_name(pf__ts_field(call, "function")), "Table"))
    return;
  TSNode args = pf__ts_field(call, "arguments");
  TSNode first = first_positional(args);
  char *table = pf__node_string(fx, first);
  if (!table)
    return;
  char *var = pf__node_dup(fx, left);
  pf__model *m = pf__model_add(fx, var, first);
  m->table = table;
  pf__model_at(fx, m, ts_node_start_byte(first) + 1,
               ts_node_end_byte(first) - 1, "SQLAlchemy Table");
  // An insert() of the table writes the columns it declares; a reflected
  // table (autoload) or columns passed as a list may hold others.
  bool declares_all = true;
  uint32_t n = pf__named_count(args);
  for (uint32_t i = 0; i < n; i++) {
    TSNode a = pf__named_child(args, i);
    if (pf__ts_is(a, "list_splat") || pf__ts_is(a, "dictionary_splat") ||
        (pf__ts_is(a, "keyword_argument") &&
         mentions(fx, pf__ts_field(a, "name"), "autoload")))
      declares_all = false;
    if (!pf__ts_is(a, "call") ||
        !pf__node_eq(fx, callee_name(pf__ts_field(a, "function")), "Column")) {
      if (fx->scan->ninserts && !pf__ts_is(a, "keyword_argument"))
        loose_mentions(fx, m, a);
      continue;
    }
    TSNode cargs = pf__ts_field(a, "arguments");
    TSNode cn = first_positional(cargs);
    char *col = pf__node_string(fx, cn);
    if (col) {
      pf__field *fd =
          pf__model_field(fx, m, col, col, ts_node_start_byte(cn) + 1,
                          ts_node_end_byte(cn) - 1, "SQLAlchemy Table column");
      TSNode none;
      memset(&none, 0, sizeof(none));
      if (sqlalchemy_nullable(fx, cargs, none))
        fd->flags |= PF__FIELD_NULLABLE;
    }
    free(col);
  }
  pf__model_inserts_declared(m, "SQLAlchemy", declares_all);
  free(var);
}

// orders.c.customer_id, orders.columns.customer_id on a Core table.
static void core_column(pf__fctx *fx, TSNode attr)
{
  TSNode obj = pf__ts_field(attr, "object");
  TSNode name = pf__ts_field(attr, "attribute");
  if (!pf__ts_is(obj, "attribute") || ts_node_is_null(name))
    return;
  TSNode base = pf__ts_field(obj, "object");
  TSNode c = pf__ts_field(obj, "attribute");
  if (!pf__ts_is(base, "identifier") ||
      !(pf__node_eq(fx, c, "c") || pf__node_eq(fx, c, "columns")))
    return;
  char *model = pf__node_dup(fx, base);
  char *field = pf__node_dup(fx, name);
  pf__use_add(fx, model, field, ts_node_start_byte(name),
              ts_node_end_byte(name), PF_REF_ATTRIBUTE, "SQLAlchemy column");
  free(model);
  free(field);
}

// session.add(Order(...)), session.add_all([Order(...), ...]): the unit
// of work inserts the new objects at the next flush, through their model
// (issue 7).
static void session_add(pf__fctx *fx, TSNode call)
{
  TSNode fn = pf__ts_field(call, "function");
  TSNode method = pf__ts_field(fn, "attribute");
  bool all = pf__node_eq(fx, method, "add_all");
  if (!fx->scan->ninserts || !pf__ts_is(fn, "attribute") ||
      (!all && !pf__node_eq(fx, method, "add")))
    return;
  TSNode arg = first_positional(pf__ts_field(call, "arguments"));
  TSNode items[64];
  uint32_t n = 0;
  if (all && pf__ts_is(arg, "list")) {
    uint32_t k = pf__named_count(arg);
    for (uint32_t i = 0; i < k && n < 64; i++)
      items[n++] = pf__named_child(arg, i);
  } else if (!all) {
    items[n++] = arg;
  }
  for (uint32_t i = 0; i < n; i++) {
    TSNode ctor = pf__ts_field(items[i], "function");
    size_t len;
    const char *t = pf__node_text(fx, ctor, &len);
    if (!pf__ts_is(items[i], "call") || !pf__ts_is(ctor, "identifier") ||
        len == 0 || t[0] < 'A' || t[0] > 'Z')
      continue;
    char *model = pf_xstrndup(t, len);
    pf__use_add_flags(fx, model, "", ts_node_start_byte(items[i]),
                      ts_node_end_byte(ctor), PF_REF_INSERT_OMITS,
                      PF__USE_CREATE, "SQLAlchemy session.add");
    free(model);
  }
}

// Whether @list (a list or tuple) holds the identifier @var.
static bool list_holds(const pf__fctx *fx, TSNode list, const char *var)
{
  if (!pf__ts_is(list, "list") && !pf__ts_is(list, "tuple"))
    return false;
  uint32_t k = pf__named_count(list);
  for (uint32_t i = 0; i < k; i++) {
    TSNode e = pf__named_child(list, i);
    if (pf__ts_is(e, "identifier") && pf__node_eq(fx, e, var))
      return true;
  }
  return false;
}

// Whether @obj, what add() is called on, may be a SQLAlchemy session:
// its last name holds "sess" (session, db.session, self.sess) or is "db"
// (Flask-SQLAlchemy's). seen.add(o) adds to a set.
static bool may_be_session(const pf__fctx *fx, TSNode obj)
{
  TSNode last = callee_name(obj);
  size_t len;
  const char *t = pf__node_text(fx, last, &len);
  if (!pf__ts_is(last, "identifier"))
    return false;
  if (len == 2 && memcmp(t, "db", 2) == 0)
    return true;
  for (size_t i = 0; i + 4 <= len; i++) {
    if (pf_ascii_lower((unsigned char)t[i]) == 's' &&
        pf_ascii_lower((unsigned char)t[i + 1]) == 'e' &&
        pf_ascii_lower((unsigned char)t[i + 2]) == 's' &&
        pf_ascii_lower((unsigned char)t[i + 3]) == 's')
      return true;
  }
  return false;
}

// What @n does to @var, a new model instance (pf__var_fn): session.add(o)
// (on what may be a session), session.add_all([o, ...]) and Django's
// o.save() insert it (bulk_create
// is reported as a create of its own), unless save() is told to update
// (update_fields=, force_update=); o = ... binds the name again.
static pf__var_op py_var_op(const pf__fctx *fx, TSNode n, const char *var,
                            const char *col)
{
  (void)col;
  if (pf__ts_is(n, "function_definition") || pf__ts_is(n, "class_definition") ||
      pf__ts_is(n, "lambda"))
    return PF__VAR_SKIP;
  if (pf__ts_is(n, "assignment") || pf__ts_is(n, "augmented_assignment")) {
    TSNode left = pf__ts_field(n, "left");
    if (pf__ts_is(left, "identifier") && pf__node_eq(fx, left, var))
      return PF__VAR_REBOUND;
    return PF__VAR_NONE;
  }
  if (!pf__ts_is(n, "call"))
    return PF__VAR_NONE;
  TSNode fn = pf__ts_field(n, "function");
  TSNode method = pf__ts_field(fn, "attribute");
  TSNode obj = pf__ts_field(fn, "object");
  TSNode args = pf__ts_field(n, "arguments");
  if (!pf__ts_is(fn, "attribute"))
    return PF__VAR_NONE;
  TSNode arg = first_positional(args);
  if (pf__node_eq(fx, method, "add") && pf__ts_is(arg, "identifier") &&
      pf__node_eq(fx, arg, var) && may_be_session(fx, obj))
    return PF__VAR_SAVED;
  if (pf__node_eq(fx, method, "add_all") && list_holds(fx, arg, var))
    return PF__VAR_SAVED;
  if (pf__node_eq(fx, method, "save") && pf__ts_is(obj, "identifier") &&
      pf__node_eq(fx, obj, var) &&
      ts_node_is_null(keyword(fx, args, "update_fields")) &&
      ts_node_is_null(keyword(fx, args, "force_update")))
    return PF__VAR_SAVED;
  return PF__VAR_NONE;
}

// o = Order(...) and, later in the same function, session.add(o) or
// o.save(): an INSERT through the model like session.add(Order(...))
// (issue 7). Order.objects.get(...) and other queries are not
// constructors: their save() updates.
static void instance_save(pf__fctx *fx, TSNode assign)
{
  static const char *const scopes[] = {"function_definition", NULL};
  TSNode left = pf__ts_field(assign, "left");
  TSNode call = pf__ts_field(assign, "right");
  TSNode ctor = pf__ts_field(call, "function");
  size_t len;
  const char *t = pf__node_text(fx, ctor, &len);
  if (!fx->scan->ninserts || !pf__ts_is(left, "identifier") ||
      !pf__ts_is(call, "call") || !pf__ts_is(ctor, "identifier") || len == 0 ||
      t[0] < 'A' || t[0] > 'Z')
    return;
  pf__var_saved_create(fx, assign, left, ctor, scopes, py_var_op,
                       ts_node_start_byte(call), ts_node_end_byte(ctor),
                       "model instance saved");
}

// Order(customer_id=1).save(): Django inserts the new instance at once
// (issue 7), like Order.objects.create(...).
static void instance_save_now(pf__fctx *fx, TSNode call)
{
  TSNode fn = pf__ts_field(call, "function");
  TSNode obj = pf__ts_field(fn, "object");
  TSNode ctor = pf__ts_field(obj, "function");
  TSNode args = pf__ts_field(call, "arguments");
  size_t len;
  const char *t = pf__node_text(fx, ctor, &len);
  if (!fx->scan->ninserts || !pf__ts_is(fn, "attribute") ||
      !pf__node_eq(fx, pf__ts_field(fn, "attribute"), "save") ||
      !pf__ts_is(obj, "call") || !pf__ts_is(ctor, "identifier") || len == 0 ||
      t[0] < 'A' || t[0] > 'Z' ||
      !ts_node_is_null(keyword(fx, args, "update_fields")) ||
      !ts_node_is_null(keyword(fx, args, "force_update")))
    return;
  char *model = pf_xstrndup(t, len);
  pf__use_add_flags(fx, model, "", ts_node_start_byte(obj),
                    ts_node_end_byte(ctor), PF_REF_INSERT_OMITS, PF__USE_CREATE,
                    "model instance saved");
  free(model);
}

// COPY through the driver: asyncpg's copy_records_to_table("orders",
// records=..., columns=[...]) and copy_to_table, psycopg2's
// copy_from(f, "orders", columns=(...)). A literal list of strings is the
// column list; no columns= is every column (issue 7).
static void driver_copy(pf__fctx *fx, TSNode call)
{
  TSNode fn = pf__ts_field(call, "function");
  TSNode method = pf__ts_field(fn, "attribute");
  bool asyncpg = pf__node_eq(fx, method, "copy_records_to_table") ||
                 pf__node_eq(fx, method, "copy_to_table");
  bool psycopg = pf__node_eq(fx, method, "copy_from");
  if (!fx->scan->ninserts || !pf__ts_is(fn, "attribute") ||
      (!asyncpg && !psycopg))
    return;
  TSNode args = pf__ts_field(call, "arguments");
  TSNode tn = first_positional(args);
  if (psycopg) {
    // The table is the second positional argument.
    uint32_t n = pf__named_count(args), seen = 0;
    memset(&tn, 0, sizeof(tn));
    for (uint32_t i = 0; i < n; i++) {
      TSNode a = pf__named_child(args, i);
      if (pf__ts_is(a, "keyword_argument") || pf__ts_is(a, "comment"))
        continue;
      if (seen++ == 1)
        tn = a;
    }
  }
  char *table = pf__node_string(fx, tn);
  if (!table)
    return;
  TSNode cl = keyword(fx, args, "columns");
  PF_VEC(char *) cols;
  pf_vec_init(&cols);
  bool literal =
      ts_node_is_null(cl) || pf__ts_is(cl, "list") || pf__ts_is(cl, "tuple");
  uint32_t n = pf__named_count(cl);
  for (uint32_t i = 0; i < n && literal; i++) {
    TSNode e = pf__named_child(cl, i);
    if (pf__ts_is(e, "comment"))
      continue;
    char *c = pf__node_string(fx, e);
    if (!c)
      literal = false;
    else
      pf_vec_push(&cols, c);
  }
  if (literal)
    pf__insert_columns(fx, table, (const char *const *)cols.items, cols.len,
                       !ts_node_is_null(cl), ts_node_start_byte(tn) + 1,
                       ts_node_end_byte(tn) - 1,
                       ts_node_is_null(cl)
                           ? "COPY through the driver without a column list"
                           : "COPY through the driver without the column");
  for (uint32_t i = 0; i < cols.len; i++)
    free(cols.items[i]);
  pf_vec_clear(&cols);
  free(table);
}

void pf__orm_python(pf__fctx *fx, const TSQueryCapture *cap,
                    const char *capname)
{
  if (strcmp(capname, "class") == 0)
    model_class(fx, cap->node);
  else if (strcmp(capname, "call") == 0) {
    qb_call(fx, cap->node);
    session_add(fx, cap->node);
    instance_save_now(fx, cap->node);
    driver_copy(fx, cap->node);
  } else if (strcmp(capname, "attribute") == 0)
    attribute(fx, cap->node);
  else if (strcmp(capname, "assignment") == 0) {
    core_table(fx, cap->node);
    instance_save(fx, cap->node);
  } else if (strcmp(capname, "column") == 0)
    core_column(fx, cap->node);
}
