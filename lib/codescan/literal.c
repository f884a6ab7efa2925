/* String literals in code that spell an enum value (issue 7). */
/* SPDX-License-Identifier: MIT */
#include "scan.h"

#include <stdlib.h>
#include <string.h>

bool pf__literal_matches(const pf__scan *scan, size_t lt, const char *s,
                         size_t n)
{
  if (lt >= scan->nliterals)
    return false;
  const pf_scan_target *tg = scan->literals[lt];
  for (uint32_t i = 0; i < tg->nvalues; i++) {
    const char *v = tg->values[i];
    if (v && strlen(v) == n && memcmp(v, s, n) == 0)
      return true;
  }
  return false;
}

bool pf__literal_has_column(const pf__scan *scan, size_t lt, const char *table,
                            const char *col, size_t n)
{
  if (lt >= scan->nliterals)
    return false;
  const pf_scan_target *tg = scan->literals[lt];
  for (uint32_t i = 0; i < tg->ncols; i++) {
    const pf_scan_column *c = &tg->cols[i];
    if (!c->column || strlen(c->column) != n || memcmp(c->column, col, n) != 0)
      continue;
    if (!table || (c->table && strcmp(c->table, table) == 0))
      return true;
  }
  return false;
}

static bool ident_char(char c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '_';
}

// Whether the code @node names a column of literal target @lt: its last
// identifier ("order.status", "Status", "\"status\"", ":status"), in
// snake_case, is one of the target's columns.
static bool names_column(pf__fctx *fx, TSNode node, size_t lt)
{
  if (ts_node_is_null(node))
    return false;
  size_t n;
  const char *t = pf__node_text(fx, node, &n);
  if (n > 256)
    return false;
  // Trim closing quotes and a Ruby hash key's colon.
  while (n && !ident_char(t[n - 1]) &&
         (t[n - 1] == '"' || t[n - 1] == '\'' || t[n - 1] == '`' ||
          t[n - 1] == ':'))
    n--;
  size_t e = n;
  while (n && ident_char(t[n - 1]))
    n--;
  if (e == n)
    return false;
  char *snake = pf__snake_case_n(t + n, e - n);
  bool hit = pf__literal_has_column(fx->scan, lt, NULL, snake, strlen(snake));
  free(snake);
  return hit;
}

// Wrappers a value sits in below the node that pairs it with a name. A
// list of values set on or compared with a column is tied to it as a single
// value is (an array column of the enum; Rails' where(status: [...])).
static bool is_wrapper(const char *type)
{
  return strcmp(type, "literal_element") == 0 || // Go composite literal
         strcmp(type, "literal_value") == 0 ||   // Go []T{"x"}
         strcmp(type, "composite_literal") == 0 ||
         strcmp(type, "expression_list") == 0 || // Go assignment
         strcmp(type, "argument") == 0 ||        // C#
         strcmp(type, "equals_value_clause") == 0 ||
         strcmp(type, "list") == 0 || // Python ["x", "y"]
         strcmp(type, "array") == 0;  // JS, Ruby
}

// Nodes that pair a value with the name of what it is compared with,
// assigned to or keyed by.
static bool is_pairing(const char *type)
{
  static const char *const types[] = {
      "keyword_argument",         // Python f(status="x")
      "pair",                     // JS/Ruby {status: "x"}, Python dict
      "comparison_operator",      // Python a.status == "x"
      "binary_expression",        // JS, Go, Java, C#, PHP ==
      "binary",                   // Ruby ==
      "assignment",               // Python, Ruby
      "assignment_expression",    // JS, Java, C#, PHP
      "assignment_statement",     // Go
      "keyed_element",            // Go Order{Status: "x"}
      "array_element_initializer" // PHP ['status' => 'x']
  };
  for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
    if (strcmp(type, types[i]) == 0)
      return true;
  }
  return false;
}

// Whether the literal @node is tied to a column of @lt by where it stands:
// paired with the column's name, or the argument after a string naming the
// column (knex/Laravel where("status", "x")).
static bool tied(pf__fctx *fx, TSNode node, size_t lt)
{
  TSNode up = node, p = ts_node_parent(node);
  for (int i = 0; i < 4 && !ts_node_is_null(p) && is_wrapper(ts_node_type(p));
       i++) {
    up = p;
    p = ts_node_parent(p);
  }
  if (ts_node_is_null(p))
    return false;
  const char *pt = ts_node_type(p);
  if (is_pairing(pt)) {
    uint32_t nc = ts_node_named_child_count(p);
    for (uint32_t i = 0; i < nc; i++) {
      TSNode other = ts_node_named_child(p, i);
      if (ts_node_eq(other, up))
        continue;
      // The name is the first other operand; operators are unnamed.
      return names_column(fx, other, lt);
    }
    return false;
  }
  if (strcmp(pt, "argument_list") == 0 || strcmp(pt, "arguments") == 0) {
    TSNode prev = ts_node_prev_named_sibling(up);
    if (ts_node_is_null(prev))
      return false;
    char *s = pf__node_string(fx, prev);
    bool hit = s && pf__literal_has_column(fx->scan, lt, NULL, s, strlen(s));
    free(s);
    return hit;
  }
  return false;
}

void pf__literal_from_node(pf__fctx *fx, TSNode node)
{
  const pf__scan *scan = fx->scan;
  if (!scan->nliterals)
    return;
  char *s = pf__node_string(fx, node);
  if (!s)
    return;
  size_t n = strlen(s);
  for (size_t lt = 0; lt < scan->nliterals; lt++) {
    if (!pf__literal_matches(scan, lt, s, n))
      continue;
    bool near = tied(fx, node, lt);
    if (!near && !scan->include_low)
      continue;
    pf__emit(fx, (uint32_t)(scan->ntargets + scan->ninserts + lt),
             ts_node_start_byte(node), ts_node_end_byte(node), PF_REF_LITERAL,
             near ? PF_CONF_MEDIUM : PF_CONF_LOW,
             near ? "enum value compared with or set on its column"
                  : "string equal to an enum value");
  }
  free(s);
}
