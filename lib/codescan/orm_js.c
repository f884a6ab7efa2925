/* JavaScript/TypeScript: TypeORM entities and knex query builder chains. */
/* SPDX-License-Identifier: MIT */
#include "scan.h"

#include <stdlib.h>
#include <string.h>

#define MAX_CHAIN  64
#define MAX_TABLES 8

static TSNode null_node(void)
{
  TSNode none;
  memset(&none, 0, sizeof(none));
  return none;
}

// The value of key @key in object literal @obj, or a null node.
static TSNode object_get(const pf__fctx *fx, TSNode obj, const char *key)
{
  if (!pf__ts_is(obj, "object"))
    return null_node();
  uint32_t n = pf__named_count(obj);
  for (uint32_t i = 0; i < n; i++) {
    TSNode p = ts_node_named_child(obj, i);
    if (!pf__ts_is(p, "pair"))
      continue;
    TSNode k = pf__ts_field(p, "key");
    if (pf__node_eq(fx, k, key))
      return pf__ts_field(p, "value");
    char *s = pf__node_string(fx, k);
    bool eq = s && strcmp(s, key) == 0;
    free(s);
    if (eq)
      return pf__ts_field(p, "value");
  }
  return null_node();
}

// The "name" option of a decorator call: @Entity("t"), @Entity({name:"t"}),
// @Column("varchar", {name: "c"}). Sets *at to the string node.
static char *decorator_name(const pf__fctx *fx, TSNode args, const char *key,
                            bool positional, TSNode *at)
{
  uint32_t n = pf__named_count(args);
  for (uint32_t i = 0; i < n; i++) {
    TSNode a = ts_node_named_child(args, i);
    if (positional && i == 0 && pf__ts_is(a, "string")) {
      *at = a;
      return pf__node_string(fx, a);
    }
    TSNode v = object_get(fx, a, key);
    char *s = pf__node_string(fx, v);
    if (s) {
      *at = v;
      return s;
    }
  }
  return NULL;
}

// Calls @fn for each decorator of @node (field "decorator").
typedef struct deco {
  TSNode callee; // identifier
  TSNode args;   // arguments, or null for @Foo without a call
} deco;

static uint32_t decorators(TSNode node, deco *out, uint32_t max)
{
  uint32_t k = 0;
  uint32_t n = ts_node_child_count(node);
  for (uint32_t i = 0; i < n && k < max; i++) {
    TSNode d = ts_node_child(node, i);
    if (!pf__ts_is(d, "decorator"))
      continue;
    TSNode e = ts_node_named_child(d, 0);
    if (pf__ts_is(e, "call_expression")) {
      out[k].callee = pf__ts_field(e, "function");
      out[k].args = pf__ts_field(e, "arguments");
    } else {
      out[k].callee = e;
      out[k].args = null_node();
    }
    if (pf__ts_is(out[k].callee, "member_expression"))
      out[k].callee = pf__ts_field(out[k].callee, "property");
    k++;
  }
  return k;
}

static bool name_ends_with(const pf__fctx *fx, TSNode n, const char *suffix)
{
  size_t len, m = strlen(suffix);
  const char *t = pf__node_text(fx, n, &len);
  return len >= m && memcmp(t + len - m, suffix, m) == 0;
}

// The value of option @key in any object argument of decorator @args
// (@Column("text", { nullable: true })), or a null node.
static TSNode deco_option(const pf__fctx *fx, TSNode args, const char *key)
{
  uint32_t n = pf__named_count(args);
  for (uint32_t i = 0; i < n; i++) {
    TSNode v = object_get(fx, pf__named_child(args, i), key);
    if (!ts_node_is_null(v))
      return v;
  }
  return null_node();
}

// Whether class @cls extends a class other than TypeORM's BaseEntity (or
// sequelize-typescript's Model), which may declare more columns.
static bool extends_other(const pf__fctx *fx, TSNode cls)
{
  TSNode h = pf__child_of_type(cls, "class_heritage");
  uint32_t n = pf__named_count(h);
  for (uint32_t i = 0; i < n; i++) {
    TSNode c = pf__named_child(h, i);
    if (!pf__ts_is(c, "extends_clause"))
      continue;
    TSNode v = pf__ts_field(c, "value");
    if (ts_node_is_null(v))
      v = pf__named_child(c, 0);
    // Model<Order> of sequelize-typescript: the name before "<".
    size_t len;
    const char *t = pf__node_text(fx, v, &len);
    size_t k = 0;
    while (k < len && t[k] != '<')
      k++;
    if (!(k == 10 && memcmp(t, "BaseEntity", 10) == 0) &&
        !(k == 5 && memcmp(t, "Model", 5) == 0))
      return true;
  }
  // tree-sitter-javascript puts the superclass right in class_heritage.
  if (!ts_node_is_null(h) && n == 1 &&
      !pf__ts_is(pf__named_child(h, 0), "extends_clause") &&
      !pf__ts_is(pf__named_child(h, 0), "implements_clause")) {
    TSNode v = pf__named_child(h, 0);
    return !pf__node_eq(fx, v, "BaseEntity") && !pf__node_eq(fx, v, "Model");
  }
  return false;
}

// The columns Sequelize writes without an attribute: the timestamps (in
// either naming) and the primary key it adds when none is declared.
static void sequelize_implicit(pf__model *m)
{
  static const char *const cols[] = {"id",         "createdAt", "updatedAt",
                                     "createdat",  "updatedat", "created_at",
                                     "updated_at", "deletedAt", "deleted_at"};
  for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
    pf__model_loose(m, cols[i]);
}

static void entity_class(pf__fctx *fx, TSNode cls)
{
  deco ds[8];
  uint32_t nd = decorators(cls, ds, 8);
  TSNode parent = ts_node_parent(cls);
  if (pf__ts_is(parent, "export_statement"))
    nd += decorators(parent, ds + nd, 8 - nd);
  char *table = NULL;
  bool entity = false;
  const char *orm = "TypeORM";
  TSNode table_at;
  memset(&table_at, 0, sizeof(table_at));
  for (uint32_t i = 0; i < nd && !entity; i++) {
    if (pf__node_eq(fx, ds[i].callee, "Entity")) {
      entity = true;
      if (!ts_node_is_null(ds[i].args))
        table = decorator_name(fx, ds[i].args, "name", true, &table_at);
    } else if (pf__node_eq(fx, ds[i].callee, "Table")) {
      // sequelize-typescript: @Table({ tableName: "orders" })
      entity = true;
      orm = "Sequelize";
      if (!ts_node_is_null(ds[i].args))
        table = decorator_name(fx, ds[i].args, "tableName", false, &table_at);
    }
  }
  if (!entity)
    return;
  TSNode name = pf__ts_field(cls, "name");
  TSNode body = pf__ts_field(cls, "body");
  if (ts_node_is_null(name) || ts_node_is_null(body)) {
    free(table);
    return;
  }
  char *cname = pf__node_dup(fx, name);
  pf__model *m = pf__model_add(fx, cname, name);
  m->table = table;
  if (table && !ts_node_is_null(table_at))
    pf__model_at(fx, m, ts_node_start_byte(table_at) + 1,
                 ts_node_end_byte(table_at) - 1, "TypeORM entity table");
  if (!table)
    m->default_table = pf__snake_case(cname); // TypeORM's default naming
  free(cname);
  // save() and insert() write the columns the entity declares.
  bool declares_all = !extends_other(fx, cls);

  uint32_t n = pf__named_count(body);
  for (uint32_t i = 0; i < n; i++) {
    TSNode f = ts_node_named_child(body, i);
    TSNode prop;
    if (pf__ts_is(f, "public_field_definition"))
      prop = pf__ts_field(f, "name");
    else if (pf__ts_is(f, "field_definition"))
      prop = pf__ts_field(f, "property");
    else
      continue;
    if (!pf__ts_is(prop, "property_identifier"))
      continue;
    deco fd[8];
    uint32_t nf = decorators(f, fd, 8);
    char *column = NULL;
    TSNode at = prop;
    const char *detail = NULL;
    bool relation = false, nullable = false;
    for (uint32_t k = 0; k < nf && !column; k++) {
      TSNode c = fd[k].callee;
      TSNode where = prop;
      // @Column(() => Name): an embedded entity's columns, prefixed.
      if (pf__node_eq(fx, c, "Column") &&
          pf__ts_is(pf__named_child(fd[k].args, 0), "arrow_function")) {
        declares_all = false;
        continue;
      }
      if (pf__node_eq(fx, c, "Column"))
        nullable =
            pf__node_eq(fx, deco_option(fx, fd[k].args, "nullable"), "true") &&
            ts_node_is_null(deco_option(fx, fd[k].args, "default"));
      if (pf__node_eq(fx, c, "JoinColumn")) {
        column = decorator_name(fx, fd[k].args, "name", false, &where);
        detail = "TypeORM JoinColumn";
      } else if (pf__node_eq(fx, c, "ManyToOne") ||
                 pf__node_eq(fx, c, "OneToOne")) {
        relation = true;
      } else if (name_ends_with(fx, c, "Column")) {
        detail = "TypeORM Column";
        if (!ts_node_is_null(fd[k].args))
          column = decorator_name(fx, fd[k].args, "name", false, &where);
        if (!column)
          column = pf__node_dup(fx, prop);
      }
      if (column)
        at = where;
    }
    if (!column && relation) {
      // TypeORM names the join column "<property>Id" by default.
      pf_buf b = PF_BUF_INIT;
      size_t len;
      const char *t = pf__node_text(fx, prop, &len);
      pf_buf_append(&b, t, len);
      pf_buf_puts(&b, "Id");
      column = pf_buf_detach(&b);
      detail = "TypeORM relation";
    }
    if (column) {
      char *pname = pf__node_dup(fx, prop);
      pf__field *pf =
          pf__model_field(fx, m, pname, column, ts_node_start_byte(at),
                          ts_node_end_byte(at), detail);
      if (nullable)
        pf->flags |= PF__FIELD_NULLABLE;
      free(pname);
      free(column);
    }
  }
  pf__model_inserts_declared(m, orm, declares_all);
  if (strcmp(orm, "Sequelize") == 0)
    sequelize_implicit(m);
}

/* Section - knex */

typedef struct table_ref {
  char *name, *alias;
} table_ref;

typedef struct chain {
  table_ref tables[MAX_TABLES];
  int ntables;
} chain;

static void add_table(chain *ch, const char *spec)
{
  if (ch->ntables == MAX_TABLES || !spec)
    return;
  // "orders", "orders as o", "public.orders"
  const char *sp = strchr(spec, ' ');
  size_t n = sp ? (size_t)(sp - spec) : strlen(spec);
  const char *dot = memchr(spec, '.', n);
  const char *start = dot ? dot + 1 : spec;
  table_ref *t = &ch->tables[ch->ntables++];
  t->name = pf_xstrndup(start, n - (size_t)(start - spec));
  t->alias = NULL;
  if (sp) {
    const char *a = strrchr(spec, ' ');
    if (a && a[1])
      t->alias = pf_xstrdup(a + 1);
  }
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

static const char *const first_col_methods[] = {
    "where",        "andWhere",   "orWhere",   "whereNot",     "whereIn",
    "whereNotIn",   "orWhereIn",  "whereNull", "whereNotNull", "orderBy",
    "groupBy",      "pluck",      "increment", "decrement",    "having",
    "whereBetween", "onConflict",
};
static const char *const all_col_methods[] = {
    "select", "column", "columns", "first", "returning", "distinct",
    "count",  "sum",    "min",     "max",   "avg",
};
static const char *const object_methods[] = {"insert", "update", "where",
                                             "andWhere", "orWhere"};
static const char *const table_methods[] = {"from", "table", "into"};
static const char *const join_methods[] = {"join",          "innerJoin",
                                           "leftJoin",      "rightJoin",
                                           "leftOuterJoin", "fullOuterJoin"};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

// Reports column @s (as written, maybe "o.customer_id as c") at @node.
static void knex_column(pf__fctx *fx, const chain *ch, const char *s,
                        TSNode node)
{
  size_t n = strcspn(s, " ");
  const char *dot = memchr(s, '.', n);
  const char *col = dot ? dot + 1 : s;
  size_t clen = n - (size_t)(col - s);
  for (size_t t = 0; t < fx->scan->ntargets; t++) {
    const pf_scan_target *tg = &fx->scan->targets[t];
    if (!tg->column || strlen(tg->column) != clen ||
        memcmp(tg->column, col, clen) != 0)
      continue;
    pf_confidence conf;
    if (dot) {
      size_t qlen = (size_t)(dot - s);
      bool match = false, known = false;
      for (int i = 0; i < ch->ntables; i++) {
        const table_ref *r = &ch->tables[i];
        const char *name = r->alias ? r->alias : r->name;
        if (strlen(name) == qlen && memcmp(name, s, qlen) == 0) {
          known = true;
          match = strcmp(r->name, tg->table) == 0;
        }
      }
      if (!known)
        match = strlen(tg->table) == qlen && memcmp(tg->table, s, qlen) == 0;
      if (!match)
        continue;
      conf = PF_CONF_HIGH;
    } else {
      bool has = false;
      for (int i = 0; i < ch->ntables; i++)
        has |= strcmp(ch->tables[i].name, tg->table) == 0;
      if (!has)
        continue;
      conf = ch->ntables == 1 ? PF_CONF_HIGH : PF_CONF_MEDIUM;
    }
    pf__emit(fx, (uint32_t)t, ts_node_start_byte(node), ts_node_end_byte(node),
             PF_REF_QUERY_BUILDER, conf, "knex query builder");
  }
}

static void knex_arg(pf__fctx *fx, const chain *ch, TSNode a, bool keys)
{
  if (pf__ts_is(a, "string")) {
    char *s = pf__node_string(fx, a);
    if (s)
      knex_column(fx, ch, s, a);
    free(s);
  } else if (pf__ts_is(a, "array")) {
    uint32_t n = pf__named_count(a);
    for (uint32_t i = 0; i < n; i++)
      knex_arg(fx, ch, ts_node_named_child(a, i), keys);
  } else if (keys && pf__ts_is(a, "object")) {
    uint32_t n = pf__named_count(a);
    for (uint32_t i = 0; i < n; i++) {
      TSNode p = ts_node_named_child(a, i);
      TSNode k = pf__ts_is(p, "pair") ? pf__ts_field(p, "key") : p;
      if (pf__ts_is(k, "property_identifier") ||
          pf__ts_is(k, "shorthand_property_identifier")) {
        char *s = pf__node_dup(fx, k);
        knex_column(fx, ch, s, k);
        free(s);
      } else if (pf__ts_is(k, "string")) {
        knex_arg(fx, ch, k, false);
      }
    }
  }
}

// Whether object literal @o has only plain keys (no spread, no computed
// key), and one of them is @col.
static bool object_names(pf__fctx *fx, TSNode o, const char *col, bool *plain)
{
  bool found = false;
  *plain = true;
  uint32_t n = pf__named_count(o);
  for (uint32_t i = 0; i < n && *plain; i++) {
    TSNode p = ts_node_named_child(o, i);
    if (pf__ts_is(p, "comment"))
      continue;
    TSNode k = pf__ts_is(p, "pair") ? pf__ts_field(p, "key") : p;
    char *name = NULL;
    if (pf__ts_is(k, "property_identifier") ||
        pf__ts_is(k, "shorthand_property_identifier"))
      name = pf__node_dup(fx, k);
    else if (pf__ts_is(k, "string"))
      name = pf__node_string(fx, k);
    if (!name) {
      *plain = false;
      break;
    }
    found |= strcmp(name, col) == 0;
    free(name);
  }
  return found;
}

// Issue 7: knex insert({...}) and insert([{...}, ...]) write exactly the
// keys given, so an object literal without the column of an INSERT_OMITS
// target of the chain's table leaves it out. Anything not literal (a
// variable, a spread, a computed key) says nothing.
static void knex_insert(pf__fctx *fx, const chain *ch, TSNode arg)
{
  if (ch->ntables != 1 || !fx->scan->ninserts)
    return;
  TSNode objs[64];
  uint32_t nobjs = 0;
  if (pf__ts_is(arg, "object")) {
    objs[nobjs++] = arg;
  } else if (pf__ts_is(arg, "array")) {
    uint32_t n = pf__named_count(arg);
    for (uint32_t i = 0; i < n; i++) {
      TSNode e = ts_node_named_child(arg, i);
      if (pf__ts_is(e, "comment"))
        continue;
      if (!pf__ts_is(e, "object") || nobjs == 64)
        return;
      objs[nobjs++] = e;
    }
  }
  for (size_t t = 0; t < fx->scan->ninserts; t++) {
    const pf_scan_target *tg = fx->scan->inserts[t];
    if (!tg->column || strcmp(tg->table, ch->tables[0].name) != 0)
      continue;
    for (uint32_t i = 0; i < nobjs; i++) {
      bool plain;
      bool named = object_names(fx, objs[i], tg->column, &plain);
      if (!plain)
        break;
      if (named)
        continue;
      pf__emit(fx, (uint32_t)(fx->scan->ntargets + t),
               ts_node_start_byte(objs[i]), ts_node_end_byte(objs[i]),
               PF_REF_INSERT_OMITS, PF_CONF_HIGH,
               "knex insert without the column");
      break;
    }
  }
}

// One knex chain, from its outermost call: db("orders").where(...).select(..)
static void knex_chain(pf__fctx *fx, TSNode call)
{
  TSNode calls[MAX_CHAIN];
  int ncalls = 0;
  chain ch;
  memset(&ch, 0, sizeof(ch));
  TSNode n = call;
  TSNode base = null_node();
  while (ncalls < MAX_CHAIN && pf__ts_is(n, "call_expression")) {
    calls[ncalls++] = n;
    TSNode fn = pf__ts_field(n, "function");
    TSNode args = pf__ts_field(n, "arguments");
    TSNode first = ts_node_named_child(args, 0);
    if (pf__ts_is(fn, "identifier")) {
      // knex("orders"), db("orders as o")
      char *s = pf__node_string(fx, first);
      add_table(&ch, s);
      free(s);
      base = first;
      break;
    }
    if (!pf__ts_is(fn, "member_expression"))
      break;
    TSNode prop = pf__ts_field(fn, "property");
    if (in_list(fx, prop, table_methods, COUNT(table_methods)) ||
        in_list(fx, prop, join_methods, COUNT(join_methods))) {
      char *s = pf__node_string(fx, first);
      add_table(&ch, s);
      free(s);
    }
    n = pf__ts_field(fn, "object");
  }
  if (ch.ntables == 0)
    goto done;
  // A table target: the base table of the chain names it.
  for (size_t t = 0; t < fx->scan->ntargets && !ts_node_is_null(base); t++) {
    const pf_scan_target *tg = &fx->scan->targets[t];
    if (!tg->column && strcmp(ch.tables[ch.ntables - 1].name, tg->table) == 0)
      pf__emit(fx, (uint32_t)t, ts_node_start_byte(base),
               ts_node_end_byte(base), PF_REF_QUERY_BUILDER, PF_CONF_HIGH,
               "knex query builder");
  }
  for (int i = 0; i < ncalls; i++) {
    TSNode fn = pf__ts_field(calls[i], "function");
    if (!pf__ts_is(fn, "member_expression"))
      continue;
    TSNode prop = pf__ts_field(fn, "property");
    TSNode args = pf__ts_field(calls[i], "arguments");
    uint32_t na = pf__named_count(args);
    bool obj = in_list(fx, prop, object_methods, COUNT(object_methods));
    if (na && pf__node_eq(fx, prop, "insert"))
      knex_insert(fx, &ch, ts_node_named_child(args, 0));
    if (in_list(fx, prop, all_col_methods, COUNT(all_col_methods))) {
      for (uint32_t k = 0; k < na; k++)
        knex_arg(fx, &ch, ts_node_named_child(args, k), false);
    } else if (in_list(fx, prop, first_col_methods, COUNT(first_col_methods)) ||
               obj) {
      if (na)
        knex_arg(fx, &ch, ts_node_named_child(args, 0), obj);
    } else if (in_list(fx, prop, join_methods, COUNT(join_methods))) {
      // join("invoices", "invoices.order_id", "orders.id")
      for (uint32_t k = 1; k < na; k++) {
        TSNode a = ts_node_named_child(args, k);
        char *s = pf__node_string(fx, a);
        if (s && strchr(s, '.'))
          knex_column(fx, &ch, s, a);
        free(s);
      }
    }
  }
done:
  for (int i = 0; i < ch.ntables; i++) {
    free(ch.tables[i].name);
    free(ch.tables[i].alias);
  }
}

/* Section - Prisma client and Sequelize */

static const char *const prisma_methods[] = {
    "findMany",
    "findFirst",
    "findUnique",
    "findFirstOrThrow",
    "findUniqueOrThrow",
    "create",
    "createMany",
    "update",
    "updateMany",
    "upsert",
    "delete",
    "deleteMany",
    "count",
    "aggregate",
    "groupBy",
};
static const char *const sequelize_methods[] = {
    "findAll",   "findOne", "findByPk", "findOrCreate", "findAndCountAll",
    "create",    "update",  "destroy",  "count",        "bulkCreate",
    "upsert",    "sum",     "max",      "min",          "increment",
    "decrement",
};
// Options whose object keys (or array strings) are fields of the model.
static const char *const field_options[] = {
    "where",    "data",       "select", "orderBy", "create", "update",
    "by",       "_sum",       "_avg",   "_min",    "_max",   "_count",
    "distinct", "attributes", "order",  "group",   "fields",
};

static void field_use(pf__fctx *fx, const char *model, int flags, TSNode key)
{
  char *name = pf__node_string(fx, key);
  uint32_t s = ts_node_start_byte(key), e = ts_node_end_byte(key);
  if (name) {
    s++;
    e = s + (uint32_t)strlen(name);
  } else if (pf__ts_is(key, "property_identifier") ||
             pf__ts_is(key, "shorthand_property_identifier")) {
    name = pf__node_dup(fx, key);
  } else {
    return;
  }
  pf__use_add_flags(fx, model, name, s, e, PF_REF_QUERY_BUILDER, flags,
                    flags & PF__USE_PRISMA ? "Prisma client"
                                           : "Sequelize query");
  free(name);
}

// The field names in the value of an option: keys of an object (and of
// AND/OR/NOT sub-objects), strings of an array ([["createdAt", "DESC"]]
// too).
static void field_names(pf__fctx *fx, const char *model, int flags, TSNode v,
                        int depth)
{
  if (depth > 4)
    return;
  if (pf__ts_is(v, "array")) {
    uint32_t n = pf__named_count(v);
    for (uint32_t i = 0; i < n; i++) {
      TSNode el = pf__named_child(v, i);
      if (pf__ts_is(el, "string"))
        field_use(fx, model, flags, el);
      else if (pf__ts_is(el, "array") && i == 0)
        field_names(fx, model, flags, el, depth + 1);
      else if (pf__ts_is(el, "array") || pf__ts_is(el, "object"))
        field_names(fx, model, flags, el, depth + 1);
    }
    return;
  }
  if (!pf__ts_is(v, "object"))
    return;
  uint32_t n = pf__named_count(v);
  for (uint32_t i = 0; i < n; i++) {
    TSNode p = pf__named_child(v, i);
    TSNode k = pf__ts_is(p, "pair") ? pf__ts_field(p, "key") : p;
    if (pf__node_eq(fx, k, "AND") || pf__node_eq(fx, k, "OR") ||
        pf__node_eq(fx, k, "NOT")) {
      field_names(fx, model, flags, pf__ts_field(p, "value"), depth + 1);
      continue;
    }
    if (pf__ts_is(k, "computed_property_name"))
      continue; // [Op.or]
    field_use(fx, model, flags, k);
  }
}

// The options object of a query: { where: {...}, select: {...} }.
static void query_options(pf__fctx *fx, const char *model, int flags,
                          TSNode obj, bool data)
{
  if (!pf__ts_is(obj, "object"))
    return;
  // Sequelize's create/update take the values themselves.
  if (data) {
    field_names(fx, model, flags, obj, 0);
    return;
  }
  uint32_t n = pf__named_count(obj);
  for (uint32_t i = 0; i < n; i++) {
    TSNode p = pf__named_child(obj, i);
    if (!pf__ts_is(p, "pair"))
      continue;
    TSNode k = pf__ts_field(p, "key");
    if (in_list(fx, k, field_options, COUNT(field_options)))
      field_names(fx, model, flags, pf__ts_field(p, "value"), 0);
  }
}

// prisma.order.findMany({...}) and Order.findAll({...}).
static void client_call(pf__fctx *fx, TSNode call)
{
  TSNode fn = pf__ts_field(call, "function");
  if (!pf__ts_is(fn, "member_expression"))
    return;
  TSNode method = pf__ts_field(fn, "property");
  TSNode obj = pf__ts_field(fn, "object");
  TSNode args = pf__ts_field(call, "arguments");
  if (in_list(fx, method, prisma_methods, COUNT(prisma_methods)) &&
      pf__ts_is(obj, "member_expression")) {
    TSNode prop = pf__ts_field(obj, "property");
    size_t len;
    const char *t = pf__node_text(fx, prop, &len);
    if (len == 0 || t[0] < 'a' || t[0] > 'z')
      return;
    char *model = pf_xstrndup(t, len);
    query_options(fx, model, PF__USE_PRISMA, pf__named_child(args, 0), false);
    // Issue 7: the client's creates write only the schema's fields.
    if (fx->scan->ninserts && (pf__node_eq(fx, method, "create") ||
                               pf__node_eq(fx, method, "createMany") ||
                               pf__node_eq(fx, method, "upsert")))
      pf__use_add_flags(fx, model, "", ts_node_start_byte(method),
                        ts_node_end_byte(method), PF_REF_INSERT_OMITS,
                        PF__USE_PRISMA | PF__USE_CREATE, "Prisma create");
    free(model);
    return;
  }
  if (in_list(fx, method, sequelize_methods, COUNT(sequelize_methods)) &&
      pf__ts_is(obj, "identifier")) {
    size_t len;
    const char *t = pf__node_text(fx, obj, &len);
    if (len == 0 || t[0] < 'A' || t[0] > 'Z')
      return;
    char *model = pf_xstrndup(t, len);
    bool values = pf__node_eq(fx, method, "create") ||
                  pf__node_eq(fx, method, "update") ||
                  pf__node_eq(fx, method, "upsert") ||
                  pf__node_eq(fx, method, "findOrCreate");
    uint32_t n = pf__named_count(args);
    for (uint32_t i = 0; i < n; i++)
      query_options(fx, model, 0, pf__named_child(args, i), values && i == 0);
    // Issue 7: Sequelize's creates write the model's attributes only.
    if (fx->scan->ninserts && (pf__node_eq(fx, method, "create") ||
                               pf__node_eq(fx, method, "bulkCreate") ||
                               pf__node_eq(fx, method, "findOrCreate") ||
                               pf__node_eq(fx, method, "upsert")))
      pf__use_add_flags(fx, model, "", ts_node_start_byte(method),
                        ts_node_end_byte(method), PF_REF_INSERT_OMITS,
                        PF__USE_CREATE, "Sequelize create");
    free(model);
  }
}

// The @i-th argument of @args, comments skipped ("Order.init( // note").
static TSNode arg_at(TSNode args, uint32_t i)
{
  uint32_t n = pf__named_count(args);
  for (uint32_t k = 0; k < n; k++) {
    TSNode a = ts_node_named_child(args, k);
    if (pf__ts_is(a, "comment"))
      continue;
    if (i-- == 0)
      return a;
  }
  return null_node();
}

// Order.init({ customerId: { type: ..., field: "customer_id" } },
//            { sequelize, tableName: "orders", underscored: true })
// and sequelize.define("Order", {...}, {...}).
static void sequelize_model(pf__fctx *fx, TSNode call)
{
  TSNode fn = pf__ts_field(call, "function");
  if (!pf__ts_is(fn, "member_expression"))
    return;
  TSNode method = pf__ts_field(fn, "property");
  TSNode args = pf__ts_field(call, "arguments");
  TSNode attrs, opts, decl;
  char *name = NULL;
  if (pf__node_eq(fx, method, "init")) {
    decl = pf__ts_field(fn, "object");
    if (!pf__ts_is(decl, "identifier"))
      return;
    name = pf__node_dup(fx, decl);
    attrs = arg_at(args, 0);
    opts = arg_at(args, 1);
  } else if (pf__node_eq(fx, method, "define")) {
    decl = arg_at(args, 0);
    name = pf__node_string(fx, decl);
    attrs = arg_at(args, 1);
    opts = arg_at(args, 2);
  } else {
    return;
  }
  if (!name || !pf__ts_is(attrs, "object") || !pf__ts_is(opts, "object")) {
    free(name);
    return;
  }
  // The options must name the Sequelize connection or a table.
  TSNode tn = object_get(fx, opts, "tableName");
  bool seq = !ts_node_is_null(tn) ||
             !ts_node_is_null(object_get(fx, opts, "sequelize"));
  uint32_t no = pf__named_count(opts);
  for (uint32_t i = 0; i < no && !seq; i++)
    seq = pf__node_eq(fx, pf__named_child(opts, i), "sequelize");
  if (!seq) {
    free(name);
    return;
  }
  bool underscored =
      pf__node_eq(fx, object_get(fx, opts, "underscored"), "true");
  pf__model *m = pf__model_add(fx, name, decl);
  m->table = pf__node_string(fx, tn);
  if (!m->table) {
    char *snake = pf__snake_case(name);
    m->default_table = pf__pluralize(snake);
    free(snake);
  }
  free(name);
  // create() and bulkCreate() write the attributes the model declares (and
  // the timestamps); a spread or a computed key may declare others.
  bool declares_all = true;
  uint32_t n = pf__named_count(attrs);
  for (uint32_t i = 0; i < n; i++) {
    TSNode p = pf__named_child(attrs, i);
    if (pf__ts_is(p, "comment"))
      continue;
    if (!pf__ts_is(p, "pair")) {
      declares_all = false;
      continue;
    }
    TSNode k = pf__ts_field(p, "key");
    char *field = pf__ts_is(k, "property_identifier") ? pf__node_dup(fx, k)
                                                      : pf__node_string(fx, k);
    if (!field) {
      declares_all = false;
      continue;
    }
    TSNode at = k;
    TSNode val = pf__ts_field(p, "value");
    TSNode fv = object_get(fx, val, "field");
    char *col = pf__node_string(fx, fv);
    if (col)
      at = fv;
    else
      col = underscored ? pf__snake_case(field) : pf_xstrdup(field);
    pf__field *fd =
        pf__model_field(fx, m, field, col, ts_node_start_byte(at),
                        ts_node_end_byte(at), "Sequelize attribute");
    // allowNull is true unless said otherwise: a create that does not set
    // the attribute leaves the column out (NULL) unless a default fills it.
    bool obj = pf__ts_is(val, "object");
    if (!obj ||
        (!pf__node_eq(fx, object_get(fx, val, "allowNull"), "false") &&
         ts_node_is_null(object_get(fx, val, "defaultValue")) &&
         !pf__node_eq(fx, object_get(fx, val, "primaryKey"), "true") &&
         !pf__node_eq(fx, object_get(fx, val, "autoIncrement"), "true")))
      fd->flags |= PF__FIELD_NULLABLE;
    free(col);
    free(field);
  }
  pf__model_inserts_declared(m, "Sequelize", declares_all);
  sequelize_implicit(m);
  if (underscored) {
    pf__model_loose(m, "created_at");
    pf__model_loose(m, "updated_at");
  }
}

/* Section - TypeORM query builder */

// "o.notes IS NOT NULL", "o.customer = :c": each @alias.field in the
// string @str is a use of a field of @model.
static void qb_fragment(pf__fctx *fx, const char *model, const char *alias,
                        TSNode str)
{
  size_t n;
  const char *t = pf__node_text(fx, str, &n);
  uint32_t base = ts_node_start_byte(str);
  size_t al = strlen(alias);
  for (size_t i = 0; i + al + 1 < n; i++) {
    if ((i > 0 &&
         (pf_is_ident_char((unsigned char)t[i - 1]) || t[i - 1] == '.')) ||
        memcmp(t + i, alias, al) != 0 || t[i + al] != '.')
      continue;
    size_t fs = i + al + 1, fe = fs;
    while (fe < n && pf_is_ident_char((unsigned char)t[fe]))
      fe++;
    if (fe == fs)
      continue;
    char *field = pf_xstrndup(t + fs, fe - fs);
    pf__use_add(fx, model, field, base + (uint32_t)fs, base + (uint32_t)fe,
                PF_REF_QUERY_BUILDER, "TypeORM query builder");
    free(field);
  }
}

// repo.createQueryBuilder("o") on getRepository(Order), Order (a
// BaseEntity), or createQueryBuilder().from(Order, "o"): the chain's
// strings that name o.field are uses of Order's fields.
static void typeorm_qb(pf__fctx *fx, TSNode call)
{
  static const char *const frag_methods[] = {
      "where",      "andWhere", "orWhere",    "select", "addSelect", "orderBy",
      "addOrderBy", "groupBy",  "addGroupBy", "having", "andHaving", "orHaving",
  };
  TSNode calls[MAX_CHAIN];
  int n = 0;
  char *model = NULL, *alias = NULL;
  for (TSNode c = call; n < MAX_CHAIN && pf__ts_is(c, "call_expression");) {
    TSNode fn = pf__ts_field(c, "function");
    if (!pf__ts_is(fn, "member_expression"))
      break;
    calls[n++] = c;
    TSNode prop = pf__ts_field(fn, "property");
    TSNode obj = pf__ts_field(fn, "object");
    TSNode args = pf__ts_field(c, "arguments");
    if (!alias && pf__node_eq(fx, prop, "from") &&
        pf__ts_is(pf__named_child(args, 0), "identifier")) {
      model = pf__node_dup(fx, pf__named_child(args, 0));
      alias = pf__node_string(fx, pf__named_child(args, 1));
    } else if (!alias && pf__node_eq(fx, prop, "createQueryBuilder")) {
      alias = pf__node_string(fx, pf__named_child(args, 0));
      TSNode who = obj;
      if (pf__ts_is(who, "call_expression")) {
        TSNode gf = pf__ts_field(who, "function");
        TSNode gp = pf__ts_is(gf, "member_expression")
                        ? pf__ts_field(gf, "property")
                        : gf;
        TSNode ga = pf__named_child(pf__ts_field(who, "arguments"), 0);
        if (pf__node_eq(fx, gp, "getRepository") && pf__ts_is(ga, "identifier"))
          model = pf__node_dup(fx, ga);
      } else if (pf__ts_is(who, "identifier")) {
        size_t len;
        const char *t = pf__node_text(fx, who, &len);
        if (len && t[0] >= 'A' && t[0] <= 'Z')
          model = pf_xstrndup(t, len);
      }
    }
    c = obj;
  }
  if (model && alias && *alias) {
    for (int i = 0; i < n; i++) {
      TSNode fn = pf__ts_field(calls[i], "function");
      if (!in_list(fx, pf__ts_field(fn, "property"), frag_methods,
                   COUNT(frag_methods)))
        continue;
      TSNode args = pf__ts_field(calls[i], "arguments");
      uint32_t na = pf__named_count(args);
      for (uint32_t k = 0; k < na; k++) {
        TSNode a = pf__named_child(args, k);
        if (pf__ts_is(a, "string") || pf__ts_is(a, "template_string")) {
          qb_fragment(fx, model, alias, a);
        } else if (pf__ts_is(a, "array")) {
          uint32_t ne = pf__named_count(a);
          for (uint32_t j = 0; j < ne; j++) {
            TSNode e = pf__named_child(a, j);
            if (pf__ts_is(e, "string"))
              qb_fragment(fx, model, alias, e);
          }
        }
      }
    }
  }
  free(model);
  free(alias);
}

// TypeORM's inserts through an entity (issue 7):
// getRepository(Order).save(...)/insert(...), manager.save(Order, ...),
// manager.insert(Order, ...).
static void typeorm_save(pf__fctx *fx, TSNode call)
{
  TSNode fn = pf__ts_field(call, "function");
  TSNode method = pf__ts_field(fn, "property");
  if (!fx->scan->ninserts || !pf__ts_is(fn, "member_expression") ||
      (!pf__node_eq(fx, method, "save") && !pf__node_eq(fx, method, "insert")))
    return;
  TSNode entity = null_node();
  TSNode obj = pf__ts_field(fn, "object");
  TSNode a0 = pf__named_child(pf__ts_field(call, "arguments"), 0);
  if (pf__ts_is(obj, "call_expression")) {
    TSNode gf = pf__ts_field(obj, "function");
    TSNode gp =
        pf__ts_is(gf, "member_expression") ? pf__ts_field(gf, "property") : gf;
    if (pf__node_eq(fx, gp, "getRepository"))
      entity = pf__named_child(pf__ts_field(obj, "arguments"), 0);
  } else if (pf__ts_is(a0, "identifier") &&
             pf__named_count(pf__ts_field(call, "arguments")) >= 2) {
    entity = a0; // manager.save(Order, {...})
  }
  size_t len;
  const char *t = pf__node_text(fx, entity, &len);
  if (!pf__ts_is(entity, "identifier") || len == 0 || t[0] < 'A' || t[0] > 'Z')
    return;
  char *model = pf_xstrndup(t, len);
  pf__use_add_flags(fx, model, "", ts_node_start_byte(method),
                    ts_node_end_byte(method), PF_REF_INSERT_OMITS,
                    PF__USE_CREATE, "TypeORM save");
  free(model);
}

// Whether @n is an identifier starting with a capital letter (a class).
static bool is_class_name(const pf__fctx *fx, TSNode n)
{
  size_t len;
  const char *t = pf__node_text(fx, n, &len);
  return pf__ts_is(n, "identifier") && len && t[0] >= 'A' && t[0] <= 'Z';
}

// What @n does to @var, a new entity (pf__var_fn): repo.save(o),
// manager.save(o), repo.insert(o) and o.save() (TypeORM's BaseEntity,
// a Sequelize instance) insert it; o = ... or a declaration of the name
// binds it again. getRepository(Order).save(o) and manager.save(Order, o)
// are reported as creates of their own (typeorm_save): the walk ends
// there too.
static pf__var_op js_var_op(const pf__fctx *fx, TSNode n, const char *var,
                            const char *col)
{
  (void)col;
  if (pf__ts_is(n, "function_declaration") ||
      pf__ts_is(n, "generator_function_declaration") ||
      pf__ts_is(n, "class_declaration") || pf__ts_is(n, "method_definition"))
    return PF__VAR_SKIP;
  if (pf__ts_is(n, "assignment_expression") ||
      pf__ts_is(n, "variable_declarator")) {
    TSNode left =
        pf__ts_field(n, pf__ts_is(n, "variable_declarator") ? "name" : "left");
    if (pf__ts_is(left, "identifier") && pf__node_eq(fx, left, var))
      return PF__VAR_REBOUND;
    return PF__VAR_NONE;
  }
  if (!pf__ts_is(n, "call_expression"))
    return PF__VAR_NONE;
  TSNode fn = pf__ts_field(n, "function");
  TSNode method = pf__ts_field(fn, "property");
  TSNode obj = pf__ts_field(fn, "object");
  TSNode args = pf__ts_field(n, "arguments");
  if (!pf__ts_is(fn, "member_expression") ||
      (!pf__node_eq(fx, method, "save") && !pf__node_eq(fx, method, "insert")))
    return PF__VAR_NONE;
  if (pf__ts_is(obj, "identifier") && pf__node_eq(fx, obj, var))
    return pf__node_eq(fx, method, "save") ? PF__VAR_SAVED : PF__VAR_NONE;
  TSNode a0 = pf__named_child(args, 0);
  TSNode a1 = pf__named_child(args, 1);
  bool first = pf__ts_is(a0, "identifier") && pf__node_eq(fx, a0, var);
  bool second = is_class_name(fx, a0) && pf__ts_is(a1, "identifier") &&
                pf__node_eq(fx, a1, var);
  if (!first && !second)
    return PF__VAR_NONE;
  TSNode gf = pf__ts_field(obj, "function");
  TSNode gp =
      pf__ts_is(gf, "member_expression") ? pf__ts_field(gf, "property") : gf;
  if (second || (pf__ts_is(obj, "call_expression") &&
                 pf__node_eq(fx, gp, "getRepository")))
    return PF__VAR_REBOUND;
  return PF__VAR_SAVED;
}

// Whether @n is a type name starting with a capital letter.
static bool is_type_name(const pf__fctx *fx, TSNode n)
{
  size_t len;
  const char *t = pf__node_text(fx, n, &len);
  return pf__ts_is(n, "type_identifier") && len && t[0] >= 'A' && t[0] <= 'Z';
}

// The E of getRepository(E) at @call, or a null node.
static TSNode get_repository_arg(const pf__fctx *fx, TSNode call)
{
  TSNode gf = pf__ts_field(call, "function");
  TSNode gp =
      pf__ts_is(gf, "member_expression") ? pf__ts_field(gf, "property") : gf;
  TSNode e = pf__named_child(pf__ts_field(call, "arguments"), 0);
  return pf__ts_is(call, "call_expression") &&
                 pf__node_eq(fx, gp, "getRepository") && is_class_name(fx, e)
             ? e
             : null_node();
}

// The entity of a declaration's type annotation @ann (Repository<E>,
// MongoRepository<E>, TreeRepository<E>) or of its value @value
// (getRepository(E)), or a null node.
static TSNode repository_of(const pf__fctx *fx, TSNode ann, TSNode value)
{
  TSNode g = pf__named_child(ann, 0);
  TSNode gn = pf__ts_field(g, "name");
  size_t len;
  const char *t = pf__node_text(fx, gn, &len);
  if (pf__ts_is(g, "generic_type") && len >= 10 &&
      memcmp(t + len - 10, "Repository", 10) == 0) {
    TSNode e = pf__named_child(pf__ts_field(g, "type_arguments"), 0);
    if (is_type_name(fx, e))
      return e;
  }
  if (pf__ts_is(value, "await_expression"))
    value = pf__named_child(value, 0);
  return get_repository_arg(fx, value);
}

// The entity of the repository @name declared in @root: a field
// (@field: this.@name, a class field or a constructor parameter property)
// or a variable or parameter, typed Repository<E> or set to
// getRepository(E). Looks at a bounded number of nodes. A null node when
// none says.
static TSNode declared_repository(const pf__fctx *fx, TSNode root,
                                  const char *name, bool field)
{
  TSNode found = null_node();
  TSTreeCursor c = ts_tree_cursor_new(root);
  for (uint32_t visits = 0; visits < 20000 && ts_node_is_null(found);
       visits++) {
    TSNode n = ts_tree_cursor_current_node(&c);
    const char *t = ts_node_type(n);
    bool param = strcmp(t, "required_parameter") == 0 ||
                 strcmp(t, "optional_parameter") == 0;
    TSNode nm =
        param                                       ? pf__ts_field(n, "pattern")
        : strcmp(t, "public_field_definition") == 0 ? pf__ts_field(n, "name")
        : strcmp(t, "variable_declarator") == 0     ? pf__ts_field(n, "name")
                                                    : null_node();
    bool kind_ok = field ? (param && !ts_node_is_null(pf__child_of_type(
                                         n, "accessibility_modifier"))) ||
                               strcmp(t, "public_field_definition") == 0
                         : param || strcmp(t, "variable_declarator") == 0;
    if (kind_ok && pf__node_eq(fx, nm, name))
      found =
          repository_of(fx, pf__ts_field(n, "type"), pf__ts_field(n, "value"));
    if (ts_tree_cursor_goto_first_child(&c))
      continue;
    bool more = true;
    while (more && !ts_tree_cursor_goto_next_sibling(&c))
      more = ts_tree_cursor_goto_parent(&c);
    if (!more)
      break;
  }
  ts_tree_cursor_delete(&c);
  return found;
}

// The entity that declarator @decl builds, or a null node: new Order(...),
// Order.build(...) (Sequelize), getRepository(Order).create(...),
// manager.create(Order, ...) and repo.create(...) of a repository declared
// Repository<Order> or set to getRepository(Order), or annotated
// (const o: Order = ...) (TypeORM); under an await or not.
static TSNode built_entity(const pf__fctx *fx, TSNode decl)
{
  static const char *const fns[] = {"function_declaration",
                                    "generator_function_declaration",
                                    "function_expression",
                                    "function",
                                    "arrow_function",
                                    "method_definition",
                                    NULL};
  static const char *const classes[] = {"class_declaration", "class", NULL};
  TSNode value = pf__ts_field(decl, "value");
  if (pf__ts_is(value, "await_expression"))
    value = pf__named_child(value, 0);
  if (pf__ts_is(value, "new_expression")) {
    TSNode c = pf__ts_field(value, "constructor");
    return is_class_name(fx, c) ? c : null_node();
  }
  TSNode fn = pf__ts_field(value, "function");
  TSNode method = pf__ts_field(fn, "property");
  TSNode obj = pf__ts_field(fn, "object");
  if (!pf__ts_is(value, "call_expression") ||
      !pf__ts_is(fn, "member_expression"))
    return null_node();
  if (pf__node_eq(fx, method, "build"))
    return is_class_name(fx, obj) ? obj : null_node();
  if (!pf__node_eq(fx, method, "create") || is_class_name(fx, obj))
    return null_node(); // Order.create(...) inserts at once (client_call)
  if (pf__ts_is(obj, "call_expression"))
    return get_repository_arg(fx, obj);
  TSNode a0 = pf__named_child(pf__ts_field(value, "arguments"), 0);
  if (is_class_name(fx, a0))
    return a0;
  TSNode ann = pf__named_child(pf__ts_field(decl, "type"), 0);
  if (is_type_name(fx, ann))
    return ann;
  char *name = NULL;
  TSNode root = null_node();
  bool field = false;
  if (pf__ts_is(obj, "identifier")) {
    name = pf__node_dup(fx, obj);
    root = pf__enclosing(decl, fns);
  } else if (pf__ts_is(obj, "member_expression") &&
             pf__ts_is(pf__ts_field(obj, "object"), "this")) {
    name = pf__node_dup(fx, pf__ts_field(obj, "property"));
    root = pf__enclosing(decl, classes);
    field = true;
  }
  TSNode e = name ? declared_repository(fx, root, name, field) : null_node();
  free(name);
  return e;
}

// const o = new Order() (or Order.build({...}), repo.create(...) of a
// known entity) and, later in the same function, repo.save(o),
// manager.save(o) or o.save(): an INSERT through the entity in two steps
// (issue 7), reported at the constructor.
static void instance_save(pf__fctx *fx, TSNode decl)
{
  static const char *const scopes[] = {"function_declaration",
                                       "generator_function_declaration",
                                       "function_expression",
                                       "function",
                                       "arrow_function",
                                       "method_definition",
                                       NULL};
  TSNode name = pf__ts_field(decl, "name");
  TSNode value = pf__ts_field(decl, "value");
  if (!fx->scan->ninserts || !pf__ts_is(name, "identifier"))
    return;
  TSNode entity = built_entity(fx, decl);
  if (ts_node_is_null(entity))
    return;
  pf__var_saved_create(fx, decl, name, entity, scopes, js_var_op,
                       ts_node_start_byte(value), ts_node_end_byte(value),
                       "entity instance saved");
}

void pf__orm_js(pf__fctx *fx, const TSQueryCapture *cap, const char *capname)
{
  if (strcmp(capname, "class") == 0) {
    entity_class(fx, cap->node);
  } else if (strcmp(capname, "declarator") == 0) {
    instance_save(fx, cap->node);
  } else if (strcmp(capname, "call") == 0) {
    client_call(fx, cap->node);
    sequelize_model(fx, cap->node);
    typeorm_save(fx, cap->node);
    // Only the outermost call of a chain.
    TSNode p = ts_node_parent(cap->node);
    if (pf__ts_is(p, "member_expression") &&
        ts_node_eq(pf__ts_field(p, "object"), cap->node))
      return;
    knex_chain(fx, cap->node);
    typeorm_qb(fx, cap->node);
  }
}
