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

static void entity_field(pf__fctx *fx, pf__model *m, TSNode f)
{
  TSNode mods = pf__child_of_type(f, "modifiers");
  if (has_modifier(fx, mods, "static") ||
      !ts_node_is_null(annotation(fx, mods, "Transient")) ||
      !ts_node_is_null(annotation(fx, mods, "OneToMany")) ||
      !ts_node_is_null(annotation(fx, mods, "ManyToMany")))
    return;
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
  pf__model_field(fx, m, fname, column, ts_node_start_byte(at),
                  ts_node_end_byte(at), detail);
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
  if (!m->table)
    m->default_table = pf__snake_case(cname);
  free(cname);
  uint32_t n = pf__named_count(body);
  for (uint32_t i = 0; i < n; i++) {
    TSNode f = ts_node_named_child(body, i);
    if (pf__ts_is(f, "field_declaration"))
      entity_field(fx, m, f);
  }
}

void pf__orm_java(pf__fctx *fx, const TSQueryCapture *cap, const char *capname)
{
  if (strcmp(capname, "class") == 0)
    entity_class(fx, cap->node);
}
