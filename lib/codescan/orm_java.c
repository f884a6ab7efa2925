/* Java: JPA / Hibernate entities (@Entity, @Table, @Column, @JoinColumn). */
/* SPDX-License-Identifier: MIT */
#include "scan.h"

#include <stdlib.h>
#include <string.h>

// The annotation named @name among @modifiers, or a null node.
static TSNode annotation(const pf__fctx *fx, TSNode modifiers, const char *name)
{
  uint32_t n = ts_node_is_null(modifiers) ? 0 : pf__named_count(modifiers);
  for (uint32_t i = 0; i < n; i++) {
    TSNode a = ts_node_named_child(modifiers, i);
    if ((pf__ts_is(a, "annotation") || pf__ts_is(a, "marker_annotation")) &&
        pf__node_eq(fx, pf__ts_field(a, "name"), name))
      return a;
  }
  TSNode none;
  memset(&none, 0, sizeof(none));
  return none;
}

// The string value of element @key of annotation @a (caller frees); *at is
// set to the string node.
static char *annotation_value(const pf__fctx *fx, TSNode a, const char *key,
                              TSNode *at)
{
  TSNode args = pf__ts_field(a, "arguments");
  uint32_t n = ts_node_is_null(args) ? 0 : pf__named_count(args);
  for (uint32_t i = 0; i < n; i++) {
    TSNode p = ts_node_named_child(args, i);
    if (pf__ts_is(p, "element_value_pair") &&
        pf__node_eq(fx, pf__ts_field(p, "key"), key)) {
      *at = pf__ts_field(p, "value");
      return pf__node_string(fx, *at);
    }
  }
  return NULL;
}

static bool has_modifier(const pf__fctx *fx, TSNode modifiers, const char *word)
{
  uint32_t n = ts_node_is_null(modifiers) ? 0 : ts_node_child_count(modifiers);
  for (uint32_t i = 0; i < n; i++) {
    if (pf__node_eq(fx, ts_node_child(modifiers, i), word))
      return true;
  }
  return false;
}

// Whether an entity field of type @type with annotations @mods writes NULL
// when the code leaves it unset: an object type (a primitive writes 0),
// nullable (JPA's default for @Column), not an id, a version or a
// timestamp Hibernate fills, and no default the database or Hibernate
// gives.
static bool jpa_nullable(const pf__fctx *fx, TSNode mods, TSNode type)
{
  static const char *const filled[] = {"Id",
                                       "GeneratedValue",
                                       "Version",
                                       "CreationTimestamp",
                                       "UpdateTimestamp",
                                       "CreatedDate",
                                       "LastModifiedDate",
                                       "ColumnDefault",
                                       "Generated",
                                       "PrePersist",
                                       "NotNull",
                                       "Embedded",
                                       "EmbeddedId",
                                       NULL};
  if (pf__ts_is(type, "integral_type") ||
      pf__ts_is(type, "floating_point_type") || pf__ts_is(type, "boolean_type"))
    return false;
  for (int i = 0; filled[i]; i++) {
    if (!ts_node_is_null(annotation(fx, mods, filled[i])))
      return false;
  }
  TSNode at;
  const char *keys[] = {"Column", "JoinColumn", "ManyToOne", "OneToOne", NULL};
  for (int i = 0; keys[i]; i++) {
    TSNode a = annotation(fx, mods, keys[i]);
    if (ts_node_is_null(a))
      continue;
    TSNode args = pf__ts_field(a, "arguments");
    uint32_t n = pf__named_count(args);
    for (uint32_t k = 0; k < n; k++) {
      TSNode p = ts_node_named_child(args, k);
      if (!pf__ts_is(p, "element_value_pair"))
        continue;
      at = pf__ts_field(p, "value");
      if ((pf__node_eq(fx, pf__ts_field(p, "key"), "nullable") ||
           pf__node_eq(fx, pf__ts_field(p, "key"), "optional")) &&
          pf__node_eq(fx, at, "false"))
        return false;
      if (pf__node_eq(fx, pf__ts_field(p, "key"), "insertable"))
        return false;
    }
  }
  return true;
}

static void entity_field(pf__fctx *fx, pf__model *m, TSNode f)
{
  TSNode mods = pf__child_of_type(f, "modifiers");
  if (has_modifier(fx, mods, "static") ||
      !ts_node_is_null(annotation(fx, mods, "Transient")) ||
      !ts_node_is_null(annotation(fx, mods, "OneToMany")) ||
      !ts_node_is_null(annotation(fx, mods, "ManyToMany")))
    return;
  // An embedded class maps columns of its own.
  if (!ts_node_is_null(annotation(fx, mods, "Embedded")) ||
      !ts_node_is_null(annotation(fx, mods, "EmbeddedId")))
    m->inserts = PF__INS_PARTIAL;
  TSNode decl = pf__ts_field(f, "declarator");
  TSNode name = pf__ts_field(decl, "name");
  if (ts_node_is_null(name))
    return;
  char *fname = pf__node_dup(fx, name);
  TSNode at = name;
  char *column = NULL;
  const char *detail = "JPA field";
  TSNode a = annotation(fx, mods, "JoinColumn");
  if (!ts_node_is_null(a)) {
    column = annotation_value(fx, a, "name", &at);
    detail = "JPA JoinColumn";
  }
  a = annotation(fx, mods, "Column");
  if (!column && !ts_node_is_null(a)) {
    column = annotation_value(fx, a, "name", &at);
    detail = "JPA Column";
  }
  if (!column) {
    at = name;
    // Spring's naming strategy: customerId -> customer_id; a relation's
    // join column is "<field>_id".
    char *snake = pf__snake_case(fname);
    if (!ts_node_is_null(annotation(fx, mods, "ManyToOne")) ||
        !ts_node_is_null(annotation(fx, mods, "OneToOne"))) {
      pf_buf b = PF_BUF_INIT;
      pf_buf_printf(&b, "%s_id", snake);
      column = pf_buf_detach(&b);
      free(snake);
      detail = "JPA relation";
    } else {
      column = snake;
    }
  }
  pf__field *fd = pf__model_field(fx, m, fname, column, ts_node_start_byte(at),
                                  ts_node_end_byte(at), detail);
  // A field initialised in its declaration (= "new") has a value.
  TSNode value = pf__ts_field(decl, "value");
  if (ts_node_is_null(value) && jpa_nullable(fx, mods, pf__ts_field(f, "type")))
    fd->flags |= PF__FIELD_NULLABLE;
  free(column);
  free(fname);
}

static void entity_class(pf__fctx *fx, TSNode cls)
{
  TSNode mods = pf__child_of_type(cls, "modifiers");
  if (ts_node_is_null(annotation(fx, mods, "Entity")))
    return;
  TSNode name = pf__ts_field(cls, "name");
  TSNode body = pf__ts_field(cls, "body");
  if (ts_node_is_null(name) || ts_node_is_null(body))
    return;
  char *cname = pf__node_dup(fx, name);
  pf__model *m = pf__model_add(fx, cname, name);
  TSNode table = annotation(fx, mods, "Table");
  TSNode at;
  if (!ts_node_is_null(table))
    m->table = annotation_value(fx, table, "name", &at);
  if (m->table)
    pf__model_at(fx, m, ts_node_start_byte(at) + 1, ts_node_end_byte(at) - 1,
                 "JPA @Table");
  if (!m->table)
    m->default_table = pf__snake_case(cname);
  free(cname);
  // Hibernate inserts every persistent field of the entity; a superclass
  // (@MappedSuperclass) or an embedded class may map more.
  pf__model_inserts_declared(m, "JPA",
                             ts_node_is_null(pf__ts_field(cls, "superclass")));
  uint32_t n = pf__named_count(body);
  for (uint32_t i = 0; i < n; i++) {
    TSNode f = ts_node_named_child(body, i);
    if (pf__ts_is(f, "field_declaration"))
      entity_field(fx, m, f);
  }
}

/* Section - JPQL */

typedef struct jalias {
  const char *alias, *entity;
  size_t alen, elen;
} jalias;

static bool word_at(const char *t, size_t n, size_t i, const char *w)
{
  size_t m = strlen(w);
  if (i + m > n || (i > 0 && pf_is_ident_char((unsigned char)t[i - 1])))
    return false;
  for (size_t k = 0; k < m; k++) {
    if (pf_ascii_lower((unsigned char)t[i + k]) != w[k])
      return false;
  }
  return i + m == n || !pf_is_ident_char((unsigned char)t[i + m]);
}

static size_t skip_ws(const char *t, size_t n, size_t i)
{
  while (i < n && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r'))
    i++;
  return i;
}

static size_t ident_end(const char *t, size_t n, size_t i)
{
  while (i < n && (pf_is_ident_char((unsigned char)t[i]) || t[i] == '.'))
    i++;
  return i;
}

// A JPQL query ("SELECT o FROM Order o WHERE o.remarks = :q"): entities
// after FROM, JOIN and UPDATE with their aliases, then each alias.field is
// a use of the entity's field. Entities start with an upper-case letter,
// which tells JPQL from native SQL.
static void jpql(pf__fctx *fx, TSNode str)
{
  size_t n;
  const char *t = pf__node_text(fx, str, &n);
  uint32_t base = ts_node_start_byte(str);
  if (n < 2 || !pf__looks_like_sql(t + 1, n - 1))
    return;
  jalias al[16];
  int na = 0;
  for (size_t i = 0; i < n && na < 16; i++) {
    size_t kw = word_at(t, n, i, "from")     ? 4
                : word_at(t, n, i, "join")   ? 4
                : word_at(t, n, i, "update") ? 6
                                             : 0;
    if (!kw)
      continue;
    size_t e = skip_ws(t, n, i + kw);
    size_t ee = ident_end(t, n, e);
    if (ee == e || t[e] < 'A' || t[e] > 'Z')
      continue;
    // The entity's simple name (com.x.Order -> Order).
    size_t es = e;
    for (size_t k = e; k < ee; k++) {
      if (t[k] == '.')
        es = k + 1;
    }
    size_t a = skip_ws(t, n, ee);
    if (word_at(t, n, a, "as"))
      a = skip_ws(t, n, a + 2);
    size_t ae = a;
    while (ae < n && pf_is_ident_char((unsigned char)t[ae]))
      ae++;
    if (ae == a || word_at(t, n, a, "where") || word_at(t, n, a, "set"))
      continue;
    al[na].entity = t + es;
    al[na].elen = ee - es;
    al[na].alias = t + a;
    al[na].alen = ae - a;
    na++;
  }
  for (size_t i = 0; i + 2 < n && na; i++) {
    if (i > 0 && (pf_is_ident_char((unsigned char)t[i - 1]) || t[i - 1] == '.'))
      continue;
    for (int k = 0; k < na; k++) {
      size_t l = al[k].alen;
      if (i + l + 1 >= n || memcmp(t + i, al[k].alias, l) != 0 ||
          t[i + l] != '.')
        continue;
      size_t fs = i + l + 1, fe = fs;
      while (fe < n && pf_is_ident_char((unsigned char)t[fe]))
        fe++;
      if (fe == fs)
        continue;
      char *entity = pf_xstrndup(al[k].entity, al[k].elen);
      char *field = pf_xstrndup(t + fs, fe - fs);
      pf__use_add(fx, entity, field, base + (uint32_t)fs, base + (uint32_t)fe,
                  PF_REF_SQL, "JPQL");
      free(entity);
      free(field);
    }
  }
}

// em.persist(new Order(...)), repository.save(new Order(...)): the entity
// is inserted with every persistent field (issue 7).
static void jpa_persist(pf__fctx *fx, TSNode call)
{
  TSNode name = pf__ts_field(call, "name");
  if (!fx->scan->ninserts ||
      !(pf__node_eq(fx, name, "persist") || pf__node_eq(fx, name, "save") ||
        pf__node_eq(fx, name, "saveAndFlush")))
    return;
  TSNode arg = pf__named_child(pf__ts_field(call, "arguments"), 0);
  TSNode type = pf__ts_field(arg, "type");
  if (!pf__ts_is(arg, "object_creation_expression") ||
      !pf__ts_is(type, "type_identifier"))
    return;
  char *model = pf__node_dup(fx, type);
  pf__use_add_flags(fx, model, "", ts_node_start_byte(name),
                    ts_node_end_byte(name), PF_REF_INSERT_OMITS, PF__USE_CREATE,
                    "JPA persist");
  free(model);
}

// What @n does to @var, a new entity (pf__var_fn): em.persist(o),
// repository.save(o) and saveAndFlush(o) insert it; o = ... binds the
// name again.
static pf__var_op java_var_op(const pf__fctx *fx, TSNode n, const char *var,
                              const char *col)
{
  (void)col;
  if (pf__ts_is(n, "class_declaration") || pf__ts_is(n, "method_declaration"))
    return PF__VAR_SKIP;
  if (pf__ts_is(n, "assignment_expression") ||
      pf__ts_is(n, "variable_declarator")) {
    TSNode left =
        pf__ts_field(n, pf__ts_is(n, "variable_declarator") ? "name" : "left");
    if (pf__ts_is(left, "identifier") && pf__node_eq(fx, left, var))
      return PF__VAR_REBOUND;
    return PF__VAR_NONE;
  }
  TSNode name = pf__ts_field(n, "name");
  TSNode arg = pf__named_child(pf__ts_field(n, "arguments"), 0);
  if (pf__ts_is(n, "method_invocation") &&
      (pf__node_eq(fx, name, "persist") || pf__node_eq(fx, name, "save") ||
       pf__node_eq(fx, name, "saveAndFlush")) &&
      pf__ts_is(arg, "identifier") && pf__node_eq(fx, arg, var))
    return PF__VAR_SAVED;
  return PF__VAR_NONE;
}

// Order o = new Order(); ... em.persist(o) in the same method: the
// persist of jpa_persist in two steps (issue 7), reported at the
// constructor.
static void instance_persist(pf__fctx *fx, TSNode decl)
{
  static const char *const scopes[] = {"method_declaration",
                                       "constructor_declaration",
                                       "lambda_expression", NULL};
  TSNode name = pf__ts_field(decl, "name");
  TSNode value = pf__ts_field(decl, "value");
  TSNode type = pf__ts_field(value, "type");
  if (!fx->scan->ninserts || !pf__ts_is(name, "identifier") ||
      !pf__ts_is(value, "object_creation_expression") ||
      !pf__ts_is(type, "type_identifier"))
    return;
  pf__var_saved_create(fx, decl, name, type, scopes, java_var_op,
                       ts_node_start_byte(value), ts_node_end_byte(type),
                       "JPA persist");
}

void pf__orm_java(pf__fctx *fx, const TSQueryCapture *cap, const char *capname)
{
  if (strcmp(capname, "class") == 0)
    entity_class(fx, cap->node);
  else if (strcmp(capname, "string") == 0)
    jpql(fx, cap->node);
  else if (strcmp(capname, "call") == 0)
    jpa_persist(fx, cap->node);
  else if (strcmp(capname, "declarator") == 0)
    instance_persist(fx, cap->node);
}
