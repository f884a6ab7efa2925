/* C#: Entity Framework entities ([Table], [Column], the fluent API). */
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

// The attribute named @name ([Table], [Column], [Key]) on @decl, or null.
static TSNode attribute(const pf__fctx *fx, TSNode decl, const char *name)
{
  uint32_t n = pf__named_count(decl);
  size_t m = strlen(name);
  for (uint32_t i = 0; i < n; i++) {
    TSNode list = pf__named_child(decl, i);
    if (!pf__ts_is(list, "attribute_list"))
      continue;
    uint32_t k = pf__named_count(list);
    for (uint32_t j = 0; j < k; j++) {
      TSNode a = pf__named_child(list, j);
      TSNode an = pf__ts_field(a, "name");
      size_t len;
      const char *t = pf__node_text(fx, an, &len);
      // Column, ColumnAttribute, Schema.Column
      if (len >= m && memcmp(t + len - m, name, m) == 0)
        return a;
      if (len >= m + 9 && memcmp(t + len - m - 9, name, m) == 0 &&
          memcmp(t + len - 9, "Attribute", 9) == 0)
        return a;
    }
  }
  return null_node();
}

// The first positional string argument of attribute @a; caller frees.
static char *attribute_string(const pf__fctx *fx, TSNode a, uint32_t *s,
                              uint32_t *e)
{
  TSNode args = pf__child_of_type(a, "attribute_argument_list");
  TSNode arg = pf__named_child(args, 0);
  if (ts_node_is_null(args) || ts_node_is_null(arg))
    return NULL;
  TSNode v = pf__named_child(arg, 0);
  char *str = pf__node_string(fx, v);
  if (str) {
    *s = ts_node_start_byte(v) + 1;
    *e = *s + (uint32_t)strlen(str);
  }
  return str;
}

static bool has_modifier(const pf__fctx *fx, TSNode decl, const char *word)
{
  uint32_t n = pf__named_count(decl);
  for (uint32_t i = 0; i < n; i++) {
    TSNode c = pf__named_child(decl, i);
    if (pf__ts_is(c, "modifier") && pf__node_eq(fx, c, word))
      return true;
  }
  return false;
}

// Whether class @cls has a base class (not only interfaces, which by .NET
// convention are named I + upper-case letter): it may map more columns.
static bool has_base_class(const pf__fctx *fx, TSNode cls)
{
  TSNode bl = pf__child_of_type(cls, "base_list");
  uint32_t n = pf__named_count(bl);
  for (uint32_t i = 0; i < n; i++) {
    size_t len;
    const char *t = pf__node_text(fx, pf__named_child(bl, i), &len);
    if (!(len >= 2 && t[0] == 'I' && t[1] >= 'A' && t[1] <= 'Z'))
      return true;
  }
  return false;
}

// Whether property @p of type @type writes NULL when the code leaves it
// unset: a nullable type (string?, int?; a plain value type writes its
// default) without [Required], [Key] or a database-generated value.
static bool ef_nullable(const pf__fctx *fx, TSNode p, TSNode type)
{
  if (!pf__ts_is(type, "nullable_type"))
    return false;
  static const char *const filled[] = {"Required", "Key", "DatabaseGenerated",
                                       "Timestamp", NULL};
  for (int i = 0; filled[i]; i++) {
    if (!ts_node_is_null(attribute(fx, p, filled[i])))
      return false;
  }
  // An initialiser ("= DateTime.UtcNow") gives it a value.
  return ts_node_is_null(pf__ts_field(p, "value"));
}

// An entity: any class with auto-properties. Its table comes from [Table],
// a DbSet<T> property or the fluent ToTable(); without one the class is
// not reported. Columns: [Column("name")], else the property name in
// snake_case (the naming convention of Npgsql applications).
static void entity_class(pf__fctx *fx, TSNode cls)
{
  TSNode name = pf__ts_field(cls, "name");
  TSNode body = pf__ts_field(cls, "body");
  if (ts_node_is_null(name) || ts_node_is_null(body))
    return;
  pf__model *m = NULL;
  uint32_t s, e, ts = 0, te = 0;
  TSNode ta = attribute(fx, cls, "Table");
  char *table = ts_node_is_null(ta) ? NULL : attribute_string(fx, ta, &ts, &te);
  uint32_t n = pf__named_count(body);
  for (uint32_t i = 0; i < n; i++) {
    TSNode p = pf__named_child(body, i);
    if (!pf__ts_is(p, "property_declaration") || has_modifier(fx, p, "static"))
      continue;
    TSNode pname = pf__ts_field(p, "name");
    TSNode type = pf__ts_field(p, "type");
    if (ts_node_is_null(pname) ||
        !ts_node_is_null(attribute(fx, p, "NotMapped")))
      continue;
    // DbSet<Order> Orders: the table of Order (snake_case of the set).
    if (pf__ts_is(type, "generic_name")) {
      TSNode gid = pf__named_child(type, 0);
      TSNode targs = pf__child_of_type(type, "type_argument_list");
      if (pf__node_eq(fx, gid, "DbSet") &&
          pf__ts_is(pf__named_child(targs, 0), "identifier")) {
        char *t = pf__node_dup(fx, pf__named_child(targs, 0));
        char *set = pf__node_dup(fx, pname);
        char *snake = pf__snake_case(set);
        pf__tablename_add(fx, t, snake, 0, 0);
        free(snake);
        free(set);
        free(t);
      }
      continue; // collections and sets are not columns
    }
    char *prop = pf__node_dup(fx, pname);
    TSNode ca = attribute(fx, p, "Column");
    char *col = ts_node_is_null(ca) ? NULL : attribute_string(fx, ca, &s, &e);
    const char *detail = "EF Column";
    if (!col) {
      col = pf__snake_case(prop);
      s = ts_node_start_byte(pname);
      e = ts_node_end_byte(pname);
      detail = "EF property";
    }
    if (!m) {
      char *cname = pf__node_dup(fx, name);
      m = pf__model_add(fx, cname, name);
      free(cname);
      m->table = table;
      if (table)
        pf__model_at(fx, m, ts, te, "EF [Table]");
      table = NULL;
      // SaveChanges() inserts every mapped property of an added entity.
      pf__model_inserts_declared(m, "Entity Framework",
                                 !has_base_class(fx, cls));
    }
    pf__field *fd = pf__model_field(fx, m, prop, col, s, e, detail);
    if (ef_nullable(fx, p, type))
      fd->flags |= PF__FIELD_NULLABLE;
    free(col);
    free(prop);
  }
  free(table);
}

/* Section - Fluent API */

static TSNode member_name(TSNode call)
{
  TSNode fn = pf__ts_field(call, "function");
  if (pf__ts_is(fn, "member_access_expression"))
    return pf__ts_field(fn, "name");
  return fn;
}

static TSNode first_arg(TSNode call)
{
  TSNode args = pf__ts_field(call, "arguments");
  return pf__named_child(pf__named_child(args, 0), 0);
}

// The T of an Entity<T>() call at @call, or NULL; caller frees.
static char *entity_type(const pf__fctx *fx, TSNode call)
{
  TSNode g = member_name(call);
  if (!pf__ts_is(g, "generic_name") ||
      !pf__node_eq(fx, pf__named_child(g, 0), "Entity"))
    return NULL;
  TSNode targs = pf__child_of_type(g, "type_argument_list");
  TSNode t = pf__named_child(targs, 0);
  return ts_node_is_null(targs) ? NULL : pf__node_dup(fx, t);
}

typedef struct fluent {
  char *type;  // Entity<T>
  char *table; // ToTable("t")
} fluent;

// Walks the chain below @call (and the Entity<T>(e => ...) lambdas around
// it) for the entity type and table.
static fluent fluent_of(const pf__fctx *fx, TSNode call)
{
  fluent f = {NULL, NULL};
  TSNode n = call;
  for (int i = 0; i < MAX_CHAIN && pf__ts_is(n, "invocation_expression"); i++) {
    if (!f.type)
      f.type = entity_type(fx, n);
    if (!f.table && pf__node_eq(fx, member_name(n), "ToTable"))
      f.table = pf__node_string(fx, first_arg(n));
    TSNode fn = pf__ts_field(n, "function");
    if (!pf__ts_is(fn, "member_access_expression"))
      break;
    n = pf__ts_field(fn, "expression");
  }
  for (TSNode p = ts_node_parent(call); !f.type && !ts_node_is_null(p);
       p = ts_node_parent(p)) {
    if (pf__ts_is(p, "invocation_expression")) {
      f.type = entity_type(fx, p);
      if (f.type && !f.table) {
        // modelBuilder.Entity<Order>(e => { e.ToTable("orders"); ... })
        TSNode q = ts_node_parent(p);
        while (!ts_node_is_null(q) && !f.table) {
          if (pf__ts_is(q, "invocation_expression") &&
              pf__node_eq(fx, member_name(q), "ToTable"))
            f.table = pf__node_string(fx, first_arg(q));
          q = ts_node_parent(q);
        }
      }
    }
  }
  return f;
}

// entity.Property<string>("Region"): a shadow property, a column of the
// entity that no class property declares (issue 7: its INSERTs write it).
static void shadow_property(pf__fctx *fx, TSNode call)
{
  TSNode g = member_name(call);
  if (!fx->scan->ninserts || !pf__ts_is(g, "generic_name") ||
      !pf__node_eq(fx, pf__named_child(g, 0), "Property"))
    return;
  TSNode arg = first_arg(call);
  char *v = pf__node_string(fx, arg);
  if (!v)
    return;
  fluent f = fluent_of(fx, call);
  if (f.type) {
    uint32_t s = ts_node_start_byte(arg), e = ts_node_end_byte(arg);
    char *snake = pf__snake_case(v);
    pf__use_add_flags(fx, f.type, v, s, e, PF_REF_ORM, PF__USE_DECLARES,
                      "EF shadow property");
    pf__use_add_flags(fx, f.type, snake, s, e, PF_REF_ORM, PF__USE_DECLARES,
                      "EF shadow property");
    free(snake);
  }
  free(f.type);
  free(f.table);
  free(v);
}

static void fluent_call(pf__fctx *fx, TSNode call)
{
  TSNode mname = member_name(call);
  bool to_table = pf__node_eq(fx, mname, "ToTable");
  bool col_name = pf__node_eq(fx, mname, "HasColumnName");
  shadow_property(fx, call);
  if (!to_table && !col_name)
    return;
  TSNode arg = first_arg(call);
  char *v = pf__node_string(fx, arg);
  if (!v)
    return;
  uint32_t s = ts_node_start_byte(arg) + 1;
  uint32_t e = s + (uint32_t)strlen(v);
  fluent f = fluent_of(fx, call);
  if (to_table) {
    if (f.type)
      pf__tablename_add(fx, f.type, v, s, e);
    for (size_t t = 0; t < fx->scan->ntargets; t++) {
      const pf_scan_target *tg = &fx->scan->targets[t];
      if (!tg->column && strcmp(tg->table, v) == 0)
        pf__emit(fx, (uint32_t)t, s, e, PF_REF_ORM, PF_CONF_HIGH, "EF ToTable");
    }
  } else if (f.table) {
    pf__emit_column(fx, f.table, v, s, e, PF_REF_ORM, PF_CONF_HIGH,
                    "EF HasColumnName");
  } else if (f.type) {
    pf__use_add_flags(fx, f.type, v, s, e, PF_REF_ORM, PF__USE_DIRECT,
                      "EF HasColumnName");
  }
  // Issue 7: the entity maps that column, whatever its properties say.
  if (col_name && f.type && fx->scan->ninserts)
    pf__use_add_flags(fx, f.type, v, s, e, PF_REF_ORM, PF__USE_DECLARES,
                      "EF HasColumnName");
  free(f.type);
  free(f.table);
  free(v);
}

/* Section - Lambdas: LINQ and the fluent API */

// Adds a use of every @param.Prop inside @n (a lambda body).
static void lambda_uses(pf__fctx *fx, TSNode n, const char *param,
                        const char *model, int flags, int depth)
{
  if (ts_node_is_null(n) || depth > 30)
    return;
  if (pf__ts_is(n, "member_access_expression")) {
    TSNode e = pf__ts_field(n, "expression");
    TSNode name = pf__ts_field(n, "name");
    if (pf__ts_is(e, "identifier") && pf__node_eq(fx, e, param) &&
        pf__ts_is(name, "identifier")) {
      char *field = pf__node_dup(fx, name);
      pf__use_add_flags(fx, model, field, ts_node_start_byte(name),
                        ts_node_end_byte(name), PF_REF_ATTRIBUTE, flags,
                        flags ? "LINQ lambda" : "EF fluent lambda");
      free(field);
      return;
    }
  }
  uint32_t k = pf__named_count(n);
  for (uint32_t i = 0; i < k; i++)
    lambda_uses(fx, pf__named_child(n, i), param, model, flags, depth + 1);
}

// The single parameter of a lambda (o => ..., (o) => ...); caller frees.
static char *lambda_param(const pf__fctx *fx, TSNode lam)
{
  TSNode ps = pf__ts_field(lam, "parameters");
  if (pf__ts_is(ps, "implicit_parameter") || pf__ts_is(ps, "identifier"))
    return pf__node_dup(fx, ps);
  TSNode p = pf__named_child(ps, 0);
  if (pf__named_count(ps) == 1 && pf__ts_is(p, "parameter"))
    return pf__node_dup(fx, pf__ts_field(p, "name"));
  return NULL;
}

// db.Orders.Where(o => o.CustomerId == id): the set the chain starts from
// ("Orders"), whose entities the lambdas name; caller frees.
static char *linq_set(const pf__fctx *fx, TSNode call)
{
  TSNode n = call;
  for (int i = 0; i < MAX_CHAIN; i++) {
    if (pf__ts_is(n, "invocation_expression")) {
      n = pf__ts_field(n, "function");
      continue;
    }
    if (!pf__ts_is(n, "member_access_expression"))
      return NULL;
    TSNode e = pf__ts_field(n, "expression");
    if (pf__ts_is(e, "invocation_expression") ||
        pf__ts_is(e, "member_access_expression")) {
      // Keep going down to the member right above the root object.
      if (pf__ts_is(e, "member_access_expression") &&
          !pf__ts_is(pf__ts_field(e, "expression"), "invocation_expression") &&
          !pf__ts_is(pf__ts_field(e, "expression"),
                     "member_access_expression")) {
        TSNode name = pf__ts_field(e, "name");
        size_t len;
        const char *t = pf__node_text(fx, name, &len);
        return pf__ts_is(name, "identifier") && len && t[0] >= 'A' &&
                       t[0] <= 'Z'
                   ? pf__snake_case_n(t, len)
                   : NULL;
      }
      n = e;
      continue;
    }
    return NULL;
  }
  return NULL;
}

static void lambdas(pf__fctx *fx, TSNode call)
{
  static const char *const fluent_methods[] = {
      "Property", "HasIndex", "HasKey", "HasAlternateKey", "Ignore", NULL};
  static const char *const linq_methods[] = {"Where",
                                             "Select",
                                             "OrderBy",
                                             "OrderByDescending",
                                             "ThenBy",
                                             "ThenByDescending",
                                             "First",
                                             "FirstOrDefault",
                                             "Single",
                                             "SingleOrDefault",
                                             "Any",
                                             "All",
                                             "Count",
                                             "Sum",
                                             "Max",
                                             "Min",
                                             "Average",
                                             "GroupBy",
                                             "ExecuteUpdate",
                                             "SetProperty",
                                             NULL};
  TSNode m = member_name(call);
  bool is_fluent = false, linq = false;
  for (int i = 0; fluent_methods[i]; i++)
    is_fluent |= pf__node_eq(fx, m, fluent_methods[i]);
  for (int i = 0; linq_methods[i]; i++)
    linq |= pf__node_eq(fx, m, linq_methods[i]);
  if (!is_fluent && !linq)
    return;
  char *model = NULL;
  int flags = 0;
  if (is_fluent) {
    fluent f = fluent_of(fx, call);
    model = f.type;
    free(f.table);
  } else {
    model = linq_set(fx, call);
    flags = PF__USE_BY_VAR;
  }
  if (!model)
    return;
  TSNode args = pf__ts_field(call, "arguments");
  uint32_t n = pf__named_count(args);
  for (uint32_t i = 0; i < n; i++) {
    TSNode lam = pf__named_child(pf__named_child(args, i), 0);
    if (!pf__ts_is(lam, "lambda_expression"))
      continue;
    char *param = lambda_param(fx, lam);
    if (param)
      lambda_uses(fx, pf__ts_field(lam, "body"), param, model, flags, 0);
    free(param);
  }
  free(model);
}

// order.CustomerId on a variable named after its entity.
static void member(pf__fctx *fx, TSNode acc)
{
  TSNode obj = pf__ts_field(acc, "expression");
  TSNode name = pf__ts_field(acc, "name");
  if (!pf__ts_is(obj, "identifier") || !pf__ts_is(name, "identifier"))
    return;
  size_t len;
  const char *t = pf__node_text(fx, obj, &len);
  if (len == 0 || t[0] < 'a' || t[0] > 'z')
    return;
  char *field = pf__node_dup(fx, name);
  char *snake = pf__snake_case(field);
  bool maybe = pf__is_target_column(fx->scan, snake, strlen(snake));
  free(snake);
  if (!maybe) {
    free(field);
    return;
  }
  char *var = pf_xstrndup(t, len);
  pf__use_add_flags(fx, var, field, ts_node_start_byte(name),
                    ts_node_end_byte(name), PF_REF_ATTRIBUTE, PF__USE_BY_VAR,
                    "model attribute");
  free(var);
  free(field);
}

// db.Orders.Add(new Order { ... }), db.Add(new Order(...)): SaveChanges
// inserts the added entity (issue 7).
static void ef_add(pf__fctx *fx, TSNode call)
{
  TSNode m = member_name(call);
  if (!fx->scan->ninserts ||
      !(pf__node_eq(fx, m, "Add") || pf__node_eq(fx, m, "AddAsync")))
    return;
  TSNode arg = first_arg(call);
  TSNode type = pf__ts_field(arg, "type");
  if (!pf__ts_is(arg, "object_creation_expression") ||
      !pf__ts_is(type, "identifier"))
    return;
  char *model = pf__node_dup(fx, type);
  pf__use_add_flags(fx, model, "", ts_node_start_byte(m), ts_node_end_byte(m),
                    PF_REF_INSERT_OMITS, PF__USE_CREATE, "EF Add");
  free(model);
}

// Whether @recv, what Add is called on, may be a DbContext or a DbSet:
// db.Orders, _db.Set<Order>(), or a variable named like a context (db,
// _context, ctx). A plain list (orders.Add(o)) inserts nothing.
static bool may_be_context(const pf__fctx *fx, TSNode recv)
{
  if (pf__ts_is(recv, "member_access_expression") ||
      pf__ts_is(recv, "invocation_expression"))
    return true;
  if (!pf__ts_is(recv, "identifier"))
    return false;
  size_t len;
  const char *t = pf__node_text(fx, recv, &len);
  static const char *const words[] = {"db", "context", "ctx"};
  for (size_t w = 0; w < sizeof(words) / sizeof(words[0]); w++) {
    size_t m = strlen(words[w]);
    for (size_t i = 0; i + m <= len; i++) {
      size_t j = 0;
      while (j < m && pf_ascii_lower((unsigned char)t[i + j]) == words[w][j])
        j++;
      if (j == m)
        return true;
    }
  }
  return false;
}

// What @n does to @var, a new entity (pf__var_fn): db.Orders.Add(o),
// db.Add(o), AddAsync and AddRange holding it insert it at SaveChanges;
// o = ... binds the name again.
static pf__var_op cs_var_op(const pf__fctx *fx, TSNode n, const char *var,
                            const char *col)
{
  (void)col;
  if (pf__ts_is(n, "class_declaration") || pf__ts_is(n, "method_declaration") ||
      pf__ts_is(n, "local_function_statement"))
    return PF__VAR_SKIP;
  if (pf__ts_is(n, "assignment_expression") ||
      pf__ts_is(n, "variable_declarator")) {
    TSNode left =
        pf__ts_field(n, pf__ts_is(n, "variable_declarator") ? "name" : "left");
    if (pf__ts_is(left, "identifier") && pf__node_eq(fx, left, var))
      return PF__VAR_REBOUND;
    return PF__VAR_NONE;
  }
  if (!pf__ts_is(n, "invocation_expression"))
    return PF__VAR_NONE;
  TSNode m = member_name(n);
  TSNode fn = pf__ts_field(n, "function");
  if (!(pf__node_eq(fx, m, "Add") || pf__node_eq(fx, m, "AddAsync") ||
        pf__node_eq(fx, m, "AddRange") ||
        pf__node_eq(fx, m, "AddRangeAsync")) ||
      !pf__ts_is(fn, "member_access_expression") ||
      !may_be_context(fx, pf__ts_field(fn, "expression")))
    return PF__VAR_NONE;
  TSNode args = pf__ts_field(n, "arguments");
  uint32_t k = pf__named_count(args);
  for (uint32_t i = 0; i < k; i++) {
    TSNode a = pf__named_child(pf__named_child(args, i), 0);
    if (pf__ts_is(a, "identifier") && pf__node_eq(fx, a, var))
      return PF__VAR_SAVED;
  }
  return PF__VAR_NONE;
}

// var o = new Order { ... } (or Order o = new() { ... }); ...
// db.Orders.Add(o) in the same method: the Add of ef_add in two steps
// (issue 7), reported at the constructor.
static void instance_add(pf__fctx *fx, TSNode decl)
{
  static const char *const scopes[] = {
      "method_declaration",       "constructor_declaration",
      "local_function_statement", "lambda_expression",
      "accessor_declaration",     NULL};
  TSNode name = pf__ts_field(decl, "name");
  TSNode value = pf__child_of_type(decl, "object_creation_expression");
  TSNode type = pf__ts_field(value, "type");
  if (ts_node_is_null(value)) {
    // Order o = new() { ... }: the declaration's type.
    value = pf__child_of_type(decl, "implicit_object_creation_expression");
    type = ts_node_is_null(value) ? value
                                  : pf__ts_field(ts_node_parent(decl), "type");
  }
  if (!fx->scan->ninserts || !pf__ts_is(name, "identifier") ||
      !pf__ts_is(type, "identifier"))
    return;
  // From "new" to the type's end, or "new" alone when the type comes first
  // (Order o = new()).
  uint32_t start = ts_node_start_byte(value);
  uint32_t end = ts_node_end_byte(type);
  if (end <= start)
    end = start + 3;
  pf__var_saved_create(fx, decl, name, type, scopes, cs_var_op, start, end,
                       "EF Add");
}

void pf__orm_csharp(pf__fctx *fx, const TSQueryCapture *cap,
                    const char *capname)
{
  if (strcmp(capname, "class") == 0)
    entity_class(fx, cap->node);
  else if (strcmp(capname, "call") == 0) {
    fluent_call(fx, cap->node);
    lambdas(fx, cap->node);
    ef_add(fx, cap->node);
  } else if (strcmp(capname, "member") == 0)
    member(fx, cap->node);
  else if (strcmp(capname, "declarator") == 0)
    instance_add(fx, cap->node);
}
