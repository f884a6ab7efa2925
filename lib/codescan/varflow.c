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

#include <string.h>

// Deeper trees are not followed (a save that deep is not reported).
#define MAX_DEPTH 200

typedef struct walk {
  const pf__fctx *fx;
  uint32_t from;
  const char *var, *col;
  pf__var_fn fn;
  int bits;
  bool done;
} walk;

static void visit(walk *w, TSNode n, int depth)
{
  if (w->done || depth > MAX_DEPTH || ts_node_end_byte(n) <= w->from)
    return;
  if (ts_node_start_byte(n) >= w->from) {
    switch (w->fn(w->fx, n, w->var, w->col)) {
    case PF__VAR_SAVED:
      w->bits |= PF__VAR_IS_SAVED;
      w->done = true;
      return;
    case PF__VAR_REBOUND:
      w->done = true;
      return;
    case PF__VAR_SETS:
      w->bits |= PF__VAR_COL_SET;
      return;
    case PF__VAR_SKIP:
      return;
    case PF__VAR_NONE:
      break;
    }
  }
  uint32_t k = pf__named_count(n);
  for (uint32_t i = 0; i < k && !w->done; i++)
    visit(w, ts_node_named_child(n, i), depth + 1);
}

int pf__var_follow(const pf__fctx *fx, TSNode scope, uint32_t from,
                   const char *var, const char *col, pf__var_fn fn)
{
  walk w = {fx, from, var, col, fn, 0, false};
  if (!ts_node_is_null(scope))
    visit(&w, scope, 0);
  // The column set after the save (or with no save) inserts without it.
  return (w.bits & PF__VAR_IS_SAVED) ? w.bits : 0;
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
