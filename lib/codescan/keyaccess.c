/* Key access on rows and models: row["customer_id"], row[:customer_id],
 * row.get("customer_id"), $row['customer_id'] (medium confidence). */
/* SPDX-License-Identifier: MIT */
#include "scan.h"

#include <stdlib.h>
#include <string.h>

// Bindings followed from a row variable to the query it came from.
#define MAX_HOPS 2
// Subtrees deeper than this are not searched (stack safety).
#define MAX_DEPTH 200

// A key access found at a column's occurrence.
typedef struct access {
  TSNode key;      // the string or symbol that is the key
  TSNode object;   // the receiver: row, $row, order
  uint32_t at;     // where the access starts
  const char *col; // the column named
} access;

static bool is_type(TSNode n, const char *const *types)
{
  if (ts_node_is_null(n))
    return false;
  const char *t = ts_node_type(n);
  for (; *types; types++) {
    if (strcmp(t, *types) == 0)
      return true;
  }
  return false;
}

static TSNode null_node(void)
{
  TSNode none;
  memset(&none, 0, sizeof(none));
  return none;
}

// The text of @n without PHP's "$" (variable_name "$row" -> "row").
static const char *var_text(const pf__fctx *fx, TSNode n, size_t *len)
{
  const char *t = pf__node_text(fx, n, len);
  if (*len && t[0] == '$') {
    t++;
    (*len)--;
  }
  return t;
}

static bool var_is(const pf__fctx *fx, TSNode n, const char *v, size_t vlen)
{
  static const char *const vars[] = {"identifier", "variable_name", NULL};
  if (!is_type(n, vars))
    return false;
  size_t len;
  const char *t = var_text(fx, n, &len);
  return len == vlen && memcmp(t, v, len) == 0;
}

// Whether @key is a string or symbol whose value is exactly @col.
static bool key_is(const pf__fctx *fx, TSNode key, const char *col)
{
  static const char *const strings[] = {"string", "encapsed_string",
                                        "simple_symbol", NULL};
  if (!is_type(key, strings))
    return false;
  size_t len, m = strlen(col);
  const char *t = pf__node_text(fx, key, &len);
  if (pf__ts_is(key, "simple_symbol"))
    return len == m + 1 && t[0] == ':' && memcmp(t + 1, col, m) == 0;
  // 'col', "col" (no prefix, no interpolation: the bytes are the value).
  return len == m + 2 && (t[0] == '\'' || t[0] == '"') && t[len - 1] == t[0] &&
         memcmp(t + 1, col, m) == 0;
}

// The key access whose key holds the occurrence [s, e) of @col, if any:
// V[key] (subscript, subscript_expression, element_reference) or
// V.get(key) / V.read_attribute(key) with the key first.
static bool find_access(const pf__fctx *fx, TSNode root, uint32_t s, uint32_t e,
                        const char *col, access *out)
{
  static const char *const subscripts[] = {"subscript", "subscript_expression",
                                           "element_reference", NULL};
  static const char *const arglists[] = {"argument_list", "arguments", NULL};
  static const char *const calls[] = {"call", "call_expression",
                                      "member_call_expression", NULL};
  TSNode key = ts_node_descendant_for_byte_range(root, s, e);
  // From the text inside the quotes up to the string or symbol.
  for (int i = 0; i < 3 && !ts_node_is_null(key) && !key_is(fx, key, col); i++)
    key = ts_node_parent(key);
  if (ts_node_is_null(key) || !key_is(fx, key, col))
    return false;
  TSNode p = ts_node_parent(key);
  TSNode obj = null_node();
  if (is_type(p, subscripts)) {
    obj = pf__named_child(p, 0);
    if (ts_node_eq(obj, key))
      return false;
  } else if (is_type(p, arglists) && ts_node_eq(pf__named_child(p, 0), key)) {
    TSNode call = ts_node_parent(p);
    if (!is_type(call, calls))
      return false;
    TSNode fn = pf__ts_field(call, "function");
    TSNode method, recv;
    if (pf__ts_is(call, "member_call_expression")) {
      method = pf__ts_field(call, "name");
      recv = pf__ts_field(call, "object");
    } else if (pf__ts_is(call, "call") &&
               !ts_node_is_null(pf__ts_field(call, "method"))) {
      method = pf__ts_field(call, "method"); // Ruby
      recv = pf__ts_field(call, "receiver");
    } else {
      method = pf__ts_field(fn, "attribute");
      if (ts_node_is_null(method))
        method = pf__ts_field(fn, "property");
      recv = pf__ts_field(fn, "object");
    }
    if (!(pf__node_eq(fx, method, "get") ||
          pf__node_eq(fx, method, "read_attribute") ||
          pf__node_eq(fx, method, "getAttribute") ||
          pf__node_eq(fx, method, "getDataValue")))
      return false;
    obj = recv;
  } else {
    return false;
  }
  static const char *const vars[] = {"identifier", "variable_name", NULL};
  if (!is_type(obj, vars))
    return false;
  out->key = key;
  out->object = obj;
  out->at = ts_node_start_byte(p);
  out->col = col;
  return true;
}

// The innermost function around @n, or the root.
static TSNode enclosing_function(TSNode n)
{
  static const char *const fns[] = {"function_definition",
                                    "function_declaration",
                                    "function_expression",
                                    "function",
                                    "arrow_function",
                                    "method_definition",
                                    "generator_function_declaration",
                                    "method",
                                    "singleton_method",
                                    "method_declaration",
                                    "anonymous_function_creation_expression",
                                    "anonymous_function",
                                    NULL};
  TSNode last = n;
  for (TSNode p = ts_node_parent(n); !ts_node_is_null(p);
       p = ts_node_parent(p)) {
    // A callback's parameter (rows.forEach(row => ...), rows.each do |row|)
    // is bound by the call around it: look in the function around that.
    last = p;
    if (is_type(p, fns) && !pf__ts_is(ts_node_parent(p), "arguments"))
      return p;
  }
  return last;
}

/* Section - Bindings */

// Where variable @v gets its value before byte @before inside @scope: the
// right side of an assignment, the iterable of a for loop, or the
// receiver of the call whose block or callback takes it as a parameter.
// The last one before @before wins; a null node when there is none.
static void find_binding(const pf__fctx *fx, TSNode n, const char *v,
                         size_t vlen, uint32_t before, TSNode *best, int depth)
{
  if (ts_node_is_null(n) || depth > MAX_DEPTH ||
      ts_node_start_byte(n) >= before)
    return;
  const char *t = ts_node_type(n);
  TSNode src = null_node();
  if (strcmp(t, "assignment") == 0 || strcmp(t, "assignment_expression") == 0 ||
      strcmp(t, "variable_declarator") == 0) {
    TSNode left = pf__ts_field(n, "left");
    if (ts_node_is_null(left))
      left = pf__ts_field(n, "name");
    TSNode right = pf__ts_field(n, "right");
    if (ts_node_is_null(right))
      right = pf__ts_field(n, "value");
    if (var_is(fx, left, v, vlen))
      src = right;
    // const { rows } = await client.query(...)
    for (uint32_t i = 0;
         pf__ts_is(left, "object_pattern") && i < pf__named_count(left); i++) {
      TSNode f = pf__named_child(left, i);
      size_t fl;
      const char *ft = pf__node_text(fx, f, &fl);
      if (pf__ts_is(f, "shorthand_property_identifier_pattern") && fl == vlen &&
          memcmp(ft, v, vlen) == 0)
        src = right;
    }
  } else if (strcmp(t, "for_statement") == 0 ||
             strcmp(t, "for_in_statement") == 0) {
    // Python for x in y; JavaScript for (const x of y).
    TSNode left = pf__ts_field(n, "left");
    if (var_is(fx, left, v, vlen))
      src = pf__ts_field(n, "right");
  } else if (strcmp(t, "foreach_statement") == 0) {
    // PHP foreach ($rows as $row) / ($rows as $k => $row).
    TSNode val = pf__named_child(n, 1);
    if (pf__ts_is(val, "pair"))
      val = pf__named_child(val, pf__named_count(val) - 1);
    if (var_is(fx, val, v, vlen))
      src = pf__named_child(n, 0);
  } else if (strcmp(t, "block_parameters") == 0 ||
             strcmp(t, "formal_parameters") == 0 ||
             (strcmp(t, "arrow_function") == 0 &&
              var_is(fx, pf__ts_field(n, "parameter"), v, vlen))) {
    // rows.each do |row| (Ruby), rows.forEach((row) => ...) (JavaScript):
    // the receiver of the call that takes the block or callback.
    bool has = strcmp(t, "arrow_function") == 0;
    for (uint32_t i = 0; i < pf__named_count(n) && !has; i++)
      has = var_is(fx, pf__named_child(n, i), v, vlen);
    TSNode fn = strcmp(t, "arrow_function") == 0 ? n : ts_node_parent(n);
    if (pf__ts_is(fn, "formal_parameters"))
      fn = ts_node_parent(fn);
    TSNode call = ts_node_parent(fn);
    if (pf__ts_is(call, "arguments"))
      call = ts_node_parent(call);
    if (has && pf__ts_is(call, "call"))
      src = pf__ts_field(call, "receiver");
    else if (has && pf__ts_is(call, "call_expression"))
      src = pf__ts_field(pf__ts_field(call, "function"), "object");
  }
  if (!ts_node_is_null(src))
    *best = src;
  uint32_t k = ts_node_named_child_count(n);
  for (uint32_t i = 0; i < k; i++)
    find_binding(fx, ts_node_named_child(n, i), v, vlen, before, best,
                 depth + 1);
}

// Whether @n reads query results: a call to fetch/execute/query/select/
// raw/first/all and the like (ASCII case ignored, so that SQL text given
// to the call counts too), or a variable bound to one (up to MAX_HOPS).
static bool from_query(const pf__fctx *fx, TSNode scope, TSNode n, int hops)
{
  static const char *const words[] = {
      "fetch",  "execute", "query", "select",      "exec",  "rows",
      "first(", "one(",    "all(",  "find_by_sql", "cursor"};
  if (ts_node_is_null(n))
    return false;
  size_t len;
  const char *t = pf__node_text(fx, n, &len);
  static const char *const vars[] = {"identifier", "variable_name", NULL};
  if (is_type(n, vars)) {
    if (hops >= MAX_HOPS)
      return false;
    const char *v = var_text(fx, n, &len);
    TSNode b = null_node();
    find_binding(fx, scope, v, len, ts_node_start_byte(n), &b, 0);
    return !ts_node_is_null(b) && from_query(fx, scope, b, hops + 1);
  }
  for (size_t w = 0; w < sizeof(words) / sizeof(words[0]); w++) {
    size_t m = strlen(words[w]);
    for (size_t i = 0; i + m <= len; i++) {
      size_t k = 0;
      while (k < m && pf_ascii_lower((unsigned char)t[i + k]) ==
                          (unsigned char)words[w][k])
        k++;
      if (k == m)
        return true;
    }
  }
  return false;
}

/* Section - The query */

// The text of the last SQL string literal of @scope that starts before
// @before: *s and *n are set to its bytes.
static void last_sql(const pf__fctx *fx, TSNode n, uint32_t before, uint32_t *s,
                     size_t *len, int depth)
{
  if (ts_node_is_null(n) || depth > MAX_DEPTH ||
      ts_node_start_byte(n) >= before)
    return;
  if (pf__sql_is_string(fx->lang, n)) {
    size_t l;
    const char *t = pf__node_text(fx, n, &l);
    // Past a prefix and the opening quote(s).
    size_t i = 0;
    while (i < l && i < 8 && t[i] != '"' && t[i] != '\'' && t[i] != '`')
      i++;
    while (i < l && (t[i] == '"' || t[i] == '\'' || t[i] == '`'))
      i++;
    if (i >= l)
      i = 0;
    if (pf__looks_like_sql(t + i, l - i)) {
      *s = ts_node_start_byte(n) + (uint32_t)i;
      *len = l - i;
    }
    return;
  }
  uint32_t k = ts_node_named_child_count(n);
  for (uint32_t i = 0; i < k; i++)
    last_sql(fx, ts_node_named_child(n, i), before, s, len, depth + 1);
}

static bool word_at(const char *t, size_t len, size_t i, const char *w)
{
  size_t m = strlen(w);
  if (i + m > len || (i > 0 && pf_is_ident_char((unsigned char)t[i - 1])))
    return false;
  for (size_t k = 0; k < m; k++) {
    if (pf_ascii_lower((unsigned char)t[i + k]) != (unsigned char)w[k])
      return false;
  }
  return i + m == len || !pf_is_ident_char((unsigned char)t[i + m]);
}

// Whether the SQL text @t names exactly one table, @table: every name
// after FROM, JOIN, INTO and UPDATE (schema dropped, quotes removed) is it.
static bool only_table(const char *t, size_t len, const char *table)
{
  static const char *const kws[] = {"from", "join", "into", "update"};
  size_t tn = strlen(table);
  int found = 0;
  for (size_t i = 0; i < len; i++) {
    size_t w = 0;
    for (size_t k = 0; k < sizeof(kws) / sizeof(kws[0]) && !w; k++) {
      if (word_at(t, len, i, kws[k]))
        w = strlen(kws[k]);
    }
    if (!w)
      continue;
    size_t j = i + w;
    while (j < len &&
           (t[j] == ' ' || t[j] == '\n' || t[j] == '\t' || t[j] == '\r'))
      j++;
    if (j < len && t[j] == '(')
      continue; // a subquery or function: its own FROM is read later
    // schema.table, "table": the last dotted part, unquoted.
    size_t a = j, last = j;
    while (j < len && (pf_is_ident_char((unsigned char)t[j]) || t[j] == '.' ||
                       t[j] == '"')) {
      if (t[j] == '.')
        last = j + 1;
      j++;
    }
    size_t b = j;
    (void)a;
    if (last < b && t[last] == '"')
      last++;
    if (b > last && t[b - 1] == '"')
      b--;
    if (b == last)
      continue;
    bool same = b - last == tn;
    for (size_t k = 0; same && k < tn; k++)
      same =
          pf_ascii_lower((unsigned char)t[last + k]) == (unsigned char)table[k];
    if (!same)
      return false;
    found++;
    i = j;
  }
  return found > 0;
}

/* Section - Entry point */

static void on_access(pf__fctx *fx, const access *a)
{
  uint32_t s = ts_node_start_byte(a->key), e = ts_node_end_byte(a->key);
  // The column's bytes inside the quotes, or after the symbol's colon.
  if (pf__ts_is(a->key, "simple_symbol"))
    s += 1;
  else
    s += 1, e -= 1;
  size_t vlen;
  const char *v = var_text(fx, a->object, &vlen);
  // Tied by the ORM: a variable named after a model whose columns are not
  // declared (ActiveRecord, Eloquent), or one that maps the column
  // (Sequelize's get()).
  if (fx->lang == PF__LANG_RUBY || fx->lang == PF__LANG_PHP ||
      fx->lang == PF__LANG_JAVASCRIPT || fx->lang == PF__LANG_TYPESCRIPT ||
      fx->lang == PF__LANG_TSX) {
    char *model = pf_xstrndup(v, vlen);
    int flags = PF__USE_BY_VAR | PF__USE_MEDIUM;
    if (fx->lang == PF__LANG_RUBY || fx->lang == PF__LANG_PHP)
      flags |= PF__USE_DIRECT;
    pf__use_add_flags(fx, model, a->col, s, e, PF_REF_ATTRIBUTE, flags,
                      "key access on a model");
    free(model);
  }
  // Tied by the query: the row variable comes from a query result, and the
  // last SQL text before the access in the same function reads one table.
  TSNode scope = enclosing_function(a->object);
  // In parts, the function must be one of them, whole (pyparts.c).
  if (fx->parts && (ts_node_is_null(ts_node_parent(scope)) ||
                    !pf__parts_cover(fx, ts_node_start_byte(scope),
                                     ts_node_end_byte(scope)))) {
    fx->redo = true;
    return;
  }
  TSNode bound = null_node();
  find_binding(fx, scope, v, vlen, a->at, &bound, 0);
  if (ts_node_is_null(bound) || !from_query(fx, scope, bound, 0))
    return;
  uint32_t qs = 0;
  size_t qlen = 0;
  last_sql(fx, scope, a->at, &qs, &qlen, 0);
  if (qlen == 0)
    return;
  const char *sql = fx->src->data + qs;
  for (size_t t = 0; t < fx->scan->ntargets; t++) {
    const pf_scan_target *tg = &fx->scan->targets[t];
    if (tg->column && strcmp(tg->column, a->col) == 0 &&
        only_table(sql, qlen, tg->table))
      pf__emit(fx, (uint32_t)t, s, e, PF_REF_ATTRIBUTE, PF_CONF_MEDIUM,
               "key of a row read from the table");
  }
}

// The key accesses of column @col (@m bytes) that start in [from, last].
static void keys_in(pf__fctx *fx, TSNode root, const char *col, size_t m,
                    const char *from, const char *last)
{
  const char *d = fx->src->data;
  for (const char *p = from; p <= last && !fx->redo; p++) {
    p = memchr(p, col[0], (size_t)(last - p) + 1);
    if (!p)
      break;
    if (memcmp(p, col, m) != 0)
      continue;
    // Only a quoted name or a symbol can be a key.
    if (p == d || (p[-1] != '\'' && p[-1] != '"' && p[-1] != ':'))
      continue;
    access a;
    uint32_t s = (uint32_t)(p - d);
    if (find_access(fx, root, s, s + (uint32_t)m, col, &a))
      on_access(fx, &a);
  }
}

void pf__key_access(pf__fctx *fx, TSNode root)
{
  if (fx->lang != PF__LANG_PYTHON && fx->lang != PF__LANG_JAVASCRIPT &&
      fx->lang != PF__LANG_TYPESCRIPT && fx->lang != PF__LANG_TSX &&
      fx->lang != PF__LANG_RUBY && fx->lang != PF__LANG_PHP)
    return;
  const char *d = fx->src->data;
  size_t len = fx->src->len;
  for (size_t k = 0; k < fx->scan->ntargets; k++) {
    const char *col = fx->scan->targets[k].column;
    size_t m = col ? strlen(col) : 0;
    if (m == 0 || m > len)
      continue;
    bool seen = false;
    for (size_t j = 0; j < k && !seen; j++) {
      const char *o = fx->scan->targets[j].column;
      seen = o && strcmp(o, col) == 0;
    }
    if (seen)
      continue;
    for (uint32_t g = 0; g < pf__seg_count(fx) && !fx->redo; g++) {
      pf__part seg = pf__seg(fx, g);
      if (m <= seg.end - seg.start)
        keys_in(fx, root, col, m, d + seg.start, d + (seg.end - m));
    }
  }
}
