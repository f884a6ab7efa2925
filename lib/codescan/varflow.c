/* Straight-line data flow of a local variable: the instance saved later. */
/* SPDX-License-Identifier: MIT */
//
// Issue 7: "o = Order(...)" in one statement and "session.add(o)" in a
// later one insert a row, like session.add(Order(...)). The detectors of
// each ORM find the constructor; this walks the rest of the function in
// source order to see whether the variable is saved before it is bound to
// something else. Branches and loops are not told apart: a save on any
// path counts, as a create on any path does.
#include "scan.h"

#include <stdlib.h>
#include <string.h>

#include "prefilter.h"

// The nodes one walk looks at, at most: a constructor in a huge function
// (a bundle's wrapper) must not cost a walk of the whole file, for every
// constructor in it. A save further away is not seen.
#define MAX_VISITS 20000

// The first whole-word occurrence of @var in bytes [from, end) of the
// file, or UINT32_MAX: nodes before it cannot use the variable.
static uint32_t first_use(const pf__fctx *fx, const char *var, uint32_t from,
                          uint32_t end)
{
  const char *d = fx->src->data;
  size_t m = strlen(var);
  if (m == 0 || end > fx->src->len)
    return UINT32_MAX;
  for (uint32_t i = from; i + m <= end;) {
    const char *p = memchr(d + i, var[0], end - m + 1 - i);
    if (!p)
      break;
    i = (uint32_t)(p - d);
    if (memcmp(p, var, m) == 0 &&
        (i == 0 || !pf_is_ident_char((unsigned char)d[i - 1])) &&
        (i + m == fx->src->len || !pf_is_ident_char((unsigned char)d[i + m])))
      return i;
    i++;
  }
  return UINT32_MAX;
}

int pf__var_follow(const pf__fctx *fx, TSNode scope, TSNode cls, uint32_t from,
                   const char *var, const char *col, pf__var_fn fn)
{
  size_t len;
  const char *name = pf__node_text(fx, cls, &len);
  // Only a class that may be a model of a target's table is followed
  // (Order, OrderRow for orders: the prefilter's needles, case ignored):
  // Map, Error, StringBuilder and their kin are built everywhere.
  if (ts_node_is_null(scope) || len == 0 ||
      (fx->scan->prefilter &&
       !pf__prefilter_hit(fx->scan->prefilter, name, len)))
    return 0;
  // A variable named nowhere after its constructor is never saved; the
  // walk skips whatever ends before its first use.
  uint32_t skip = first_use(fx, var, from, ts_node_end_byte(scope));
  if (skip == UINT32_MAX)
    return 0;
  int bits = 0;
  TSTreeCursor c = ts_tree_cursor_new(scope);
  for (uint32_t visits = 0; visits < MAX_VISITS; visits++) {
    TSNode n = ts_tree_cursor_current_node(&c);
    bool descend = ts_node_end_byte(n) > skip;
    if (descend && ts_node_start_byte(n) >= from && ts_node_is_named(n)) {
      pf__var_op op = fn(fx, n, var, col);
      if (op == PF__VAR_SAVED)
        bits |= PF__VAR_IS_SAVED;
      if (op == PF__VAR_SAVED || op == PF__VAR_REBOUND)
        break;
      if (op == PF__VAR_SETS)
        bits |= PF__VAR_COL_SET;
      descend = op == PF__VAR_NONE;
    }
    // Down to the first child that ends after the first use, else to the
    // next node after this one.
    if (descend && ts_tree_cursor_goto_first_child_for_byte(&c, skip) >= 0)
      continue;
    bool more = true;
    while (more && !ts_tree_cursor_goto_next_sibling(&c))
      more = ts_tree_cursor_goto_parent(&c);
    if (!more)
      break;
  }
  ts_tree_cursor_delete(&c);
  // The column set after the save (or with no save) inserts without it.
  return (bits & PF__VAR_IS_SAVED) ? bits : 0;
}

TSNode pf__enclosing(TSNode n, const char *const *types)
{
  TSNode last = n;
  for (TSNode p = ts_node_parent(n); !ts_node_is_null(p);
       p = ts_node_parent(p)) {
    const char *t = ts_node_type(p);
    for (const char *const *ty = types; *ty; ty++) {
      if (strcmp(t, *ty) == 0)
        return p;
    }
    last = p;
  }
  return last;
}

void pf__var_saved_create(pf__fctx *fx, TSNode decl, TSNode name, TSNode cls,
                          const char *const *scopes, pf__var_fn fn,
                          uint32_t start, uint32_t end, const char *how)
{
  char *var = pf__node_dup(fx, name);
  TSNode scope = pf__enclosing(decl, scopes);
  if (pf__var_follow(fx, scope, cls, ts_node_end_byte(decl), var, NULL, fn)) {
    char *model = pf__node_dup(fx, cls);
    pf__use_add_flags(fx, model, "", start, end, PF_REF_INSERT_OMITS,
                      PF__USE_CREATE, how);
    free(model);
  }
  free(var);
}
