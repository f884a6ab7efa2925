/* Go: structs mapped to tables by db:"..." / gorm:"column:..." tags. */
/* SPDX-License-Identifier: MIT */
#include "scan.h"

#include <stdlib.h>
#include <string.h>

// Finds key:"value" in a struct tag (reflect.StructTag's syntax). On
// success *val/*vlen point into @tag.
static bool tag_lookup(const char *tag, size_t n, const char *key,
                       const char **val, size_t *vlen)
{
  size_t klen = strlen(key);
  size_t i = 0;
  while (i < n) {
    while (i < n && (tag[i] == ' ' || tag[i] == '\t'))
      i++;
    size_t k = i;
    while (i < n && tag[i] > ' ' && tag[i] != ':' && tag[i] != '"')
      i++;
    size_t kend = i;
    if (i + 1 >= n || tag[i] != ':' || tag[i + 1] != '"')
      return false;
    i += 2;
    size_t v = i;
    while (i < n && tag[i] != '"') {
      if (tag[i] == '\\')
        i++;
      i++;
    }
    if (i >= n)
      return false;
    if (kend - k == klen && memcmp(tag + k, key, klen) == 0) {
      *val = tag + v;
      *vlen = i - v;
      return true;
    }
    i++;
  }
  return false;
}

typedef struct tagcol {
  const char *name; // points into the file
  size_t len;
  bool found; // the tag names a column (or says "-")
} tagcol;

// The column a field's tag names: db:"name,opts" or gorm:"column:name;...".
static tagcol tag_column(const char *tag, size_t n)
{
  tagcol tc = {NULL, 0, false};
  const char *v;
  size_t vlen;
  if (tag_lookup(tag, n, "db", &v, &vlen)) {
    size_t e = 0;
    while (e < vlen && v[e] != ',')
      e++;
    tc.found = true;
    if (!(e == 1 && v[0] == '-')) {
      tc.name = v;
      tc.len = e;
    }
    return tc;
  }
  if (tag_lookup(tag, n, "gorm", &v, &vlen)) {
    size_t i = 0;
    while (i < vlen) {
      size_t s = i;
      while (i < vlen && v[i] != ';')
        i++;
      if (i - s > 7 && memcmp(v + s, "column:", 7) == 0) {
        tc.found = true;
        tc.name = v + s + 7;
        tc.len = i - s - 7;
        return tc;
      }
      if (i - s == 1 && v[s] == '-')
        tc.found = true;
      i++;
    }
  }
  return tc;
}

static bool is_gorm_struct(const pf__fctx *fx, TSNode list)
{
  uint32_t n = pf__named_count(list);
  for (uint32_t i = 0; i < n; i++) {
    TSNode f = ts_node_named_child(list, i);
    if (!pf__ts_is(f, "field_declaration"))
      continue;
    TSNode type = pf__ts_field(f, "type");
    if (ts_node_is_null(pf__ts_field(f, "name")) &&
        pf__node_eq(fx, type, "gorm.Model"))
      return true;
    TSNode tag = pf__ts_field(f, "tag");
    if (!ts_node_is_null(tag)) {
      size_t len;
      const char *t = pf__node_text(fx, tag, &len);
      const char *v;
      size_t vlen;
      if (tag_lookup(t + 1, len >= 2 ? len - 2 : 0, "gorm", &v, &vlen))
        return true;
    }
  }
  return false;
}

static pf__model *struct_model(pf__fctx *fx, TSNode name)
{
  char *sname = pf__node_dup(fx, name);
  pf__model *m = pf__model_add(fx, sname, name);
  char *snake = pf__snake_case(sname);
  m->default_table = pf__pluralize(snake);
  free(snake);
  free(sname);
  return m;
}

// Whether the gorm tag of @tag (the tag's text without its backquotes)
// holds option @opt ("default:", "embedded", "autoCreateTime").
static bool gorm_opt(const char *tag, size_t n, const char *opt)
{
  const char *v;
  size_t vlen, m = strlen(opt);
  if (!tag_lookup(tag, n, "gorm", &v, &vlen))
    return false;
  for (size_t i = 0; i + m <= vlen; i++) {
    if ((i == 0 || v[i - 1] == ';') && memcmp(v + i, opt, m) == 0)
      return true;
  }
  return false;
}

// Whether a GORM field of type @type writes NULL when the code leaves it
// unset: a pointer or a sql.Null* / Null* wrapper (a plain type writes
// its zero value), with no default: in the tag and not a timestamp GORM
// fills itself.
static bool gorm_nullable(const pf__fctx *fx, TSNode type, TSNode fname,
                          const char *tag, size_t n)
{
  size_t len;
  const char *t = pf__node_text(fx, type, &len);
  bool nul = pf__ts_is(type, "pointer_type") ||
             (len > 8 && memcmp(t, "sql.Null", 8) == 0) ||
             (len > 4 && memcmp(t, "Null", 4) == 0);
  return nul && !gorm_opt(tag, n, "default:") &&
         !gorm_opt(tag, n, "autoCreateTime") &&
         !gorm_opt(tag, n, "autoUpdateTime") &&
         !pf__node_eq(fx, fname, "CreatedAt") &&
         !pf__node_eq(fx, fname, "UpdatedAt") &&
         !pf__node_eq(fx, fname, "DeletedAt");
}

static void struct_type(pf__fctx *fx, TSNode spec)
{
  TSNode name = pf__ts_field(spec, "name");
  TSNode st = pf__ts_field(spec, "type");
  TSNode list = pf__child_of_type(st, "field_declaration_list");
  if (ts_node_is_null(name) || ts_node_is_null(list))
    return;
  bool gorm = is_gorm_struct(fx, list);
  pf__model *m = NULL;
  // Issue 7: db.Create(&order) writes every field of a GORM struct (a
  // plain field its zero value); an embedded struct other than gorm.Model
  // brings fields of its own.
  bool declares_all = true;
  if (gorm)
    m = struct_model(fx, name);
  uint32_t n = pf__named_count(list);
  for (uint32_t i = 0; i < n; i++) {
    TSNode f = ts_node_named_child(list, i);
    if (!pf__ts_is(f, "field_declaration"))
      continue;
    TSNode tag = pf__ts_field(f, "tag");
    tagcol tc = {NULL, 0, false};
    uint32_t tag_start = 0;
    const char *tagtext = "";
    size_t taglen = 0;
    if (!ts_node_is_null(tag)) {
      size_t len;
      const char *t = pf__node_text(fx, tag, &len);
      if (len >= 2) {
        tc = tag_column(t + 1, len - 2);
        tagtext = t + 1;
        taglen = len - 2;
      }
      tag_start = ts_node_start_byte(tag);
    }
    if (gorm && ts_node_is_null(pf__ts_field(f, "name"))) {
      if (pf__node_eq(fx, pf__ts_field(f, "type"), "gorm.Model")) {
        static const char *const cols[] = {"id", "created_at", "updated_at",
                                           "deleted_at"};
        for (size_t k = 0; k < sizeof(cols) / sizeof(cols[0]); k++)
          pf__model_loose(m, cols[k]);
      } else {
        declares_all = false;
      }
      continue;
    }
    if (gorm && gorm_opt(tagtext, taglen, "embedded"))
      declares_all = false;
    if (tc.found && !tc.name)
      continue; // db:"-"
    if (!tc.found && !gorm)
      continue;
    // Every name of "A, B int" is a field.
    uint32_t nc = ts_node_child_count(f);
    for (uint32_t k = 0; k < nc; k++) {
      TSNode c = ts_node_child(f, k);
      if (!pf__ts_is(c, "field_identifier"))
        continue;
      char *fname = pf__node_dup(fx, c);
      char *column =
          tc.found ? pf_xstrndup(tc.name, tc.len) : pf__snake_case(fname);
      if (!m)
        m = struct_model(fx, name);
      uint32_t s, e;
      if (tc.found && tag_start) {
        s = (uint32_t)(tc.name - fx->src->data);
        e = s + (uint32_t)tc.len;
      } else {
        s = ts_node_start_byte(c);
        e = ts_node_end_byte(c);
      }
      pf__field *fd =
          pf__model_field(fx, m, fname, column, s, e,
                          tc.found ? "Go struct tag" : "GORM field name");
      if (gorm &&
          gorm_nullable(fx, pf__ts_field(f, "type"), c, tagtext, taglen))
        fd->flags |= PF__FIELD_NULLABLE;
      free(column);
      free(fname);
    }
  }
  if (gorm)
    pf__model_inserts_declared(m, "GORM", declares_all);
}

// func (Order) TableName() string { return "orders" }
static void method(pf__fctx *fx, TSNode decl)
{
  if (!pf__node_eq(fx, pf__ts_field(decl, "name"), "TableName"))
    return;
  TSNode recv = pf__ts_field(decl, "receiver");
  TSNode param = pf__child_of_type(recv, "parameter_declaration");
  TSNode type = pf__ts_field(param, "type");
  if (pf__ts_is(type, "pointer_type"))
    type = ts_node_named_child(type, 0);
  if (!pf__ts_is(type, "type_identifier"))
    return;
  TSNode body = pf__ts_field(decl, "body");
  if (ts_node_is_null(body))
    return;
  // The return may sit directly in the block or in its statement_list.
  TSNode ret = pf__child_of_type(body, "return_statement");
  if (ts_node_is_null(ret))
    ret = pf__child_of_type(pf__child_of_type(body, "statement_list"),
                            "return_statement");
  TSNode list = pf__child_of_type(ret, "expression_list");
  if (ts_node_is_null(list))
    return;
  TSNode str = ts_node_named_child(list, 0);
  char *table = pf__node_string(fx, str);
  if (!table)
    return;
  pf__tablename t;
  memset(&t, 0, sizeof(t));
  pf__ref_at(fx, &t.at, ts_node_start_byte(str) + 1, ts_node_end_byte(str) - 1,
             PF_REF_ORM, "GORM TableName");
  t.type = pf__node_dup(fx, type);
  t.table = table;
  const char *slash = strrchr(fx->file->path, '/');
  t.dir = slash ? pf_xstrndup(fx->file->path, (size_t)(slash - fx->file->path))
                : pf_xstrdup(".");
  pf_vec_push(&fx->file->tablenames, t);
}

/* Section - GORM query chains and struct literals */

#define MAX_CHAIN 64

static TSNode null_node(void)
{
  TSNode none;
  memset(&none, 0, sizeof(none));
  return none;
}

// The declared type name of variable @name in the function around @at
// ("var out []Order", "var a Account", "o := Order{}", "o := &Order{}"),
// or a null node.
static TSNode var_type_in(const pf__fctx *fx, TSNode n, const char *name,
                          int depth)
{
  if (ts_node_is_null(n) || depth > 40)
    return null_node();
  if (pf__ts_is(n, "var_spec") &&
      pf__node_eq(fx, pf__ts_field(n, "name"), name)) {
    TSNode t = pf__ts_field(n, "type");
    while (pf__ts_is(t, "slice_type") || pf__ts_is(t, "pointer_type"))
      t = pf__ts_is(t, "slice_type") ? pf__ts_field(t, "element")
                                     : pf__named_child(t, 0);
    if (pf__ts_is(t, "type_identifier"))
      return t;
  }
  if (pf__ts_is(n, "short_var_declaration")) {
    TSNode l = pf__named_child(pf__ts_field(n, "left"), 0);
    TSNode r = pf__named_child(pf__ts_field(n, "right"), 0);
    if (pf__ts_is(r, "unary_expression"))
      r = pf__ts_field(r, "operand");
    if (pf__node_eq(fx, l, name) && pf__ts_is(r, "composite_literal") &&
        pf__ts_is(pf__ts_field(r, "type"), "type_identifier"))
      return pf__ts_field(r, "type");
  }
  uint32_t k = pf__named_count(n);
  for (uint32_t i = 0; i < k; i++) {
    TSNode c = pf__named_child(n, i);
    if (pf__ts_is(c, "func_literal"))
      continue;
    TSNode t = var_type_in(fx, c, name, depth + 1);
    if (!ts_node_is_null(t))
      return t;
  }
  return null_node();
}

// The model named by an argument: &Order{...}, Order{...}, &out with
// "var out []Order" in the enclosing function.
static char *arg_model(const pf__fctx *fx, TSNode a)
{
  if (pf__ts_is(a, "unary_expression"))
    a = pf__ts_field(a, "operand");
  if (pf__ts_is(a, "composite_literal")) {
    TSNode t = pf__ts_field(a, "type");
    return pf__ts_is(t, "type_identifier") ? pf__node_dup(fx, t) : NULL;
  }
  if (!pf__ts_is(a, "identifier"))
    return NULL;
  TSNode fn = a;
  while (!ts_node_is_null(fn) && !pf__ts_is(fn, "function_declaration") &&
         !pf__ts_is(fn, "method_declaration") && !pf__ts_is(fn, "func_literal"))
    fn = ts_node_parent(fn);
  char *name = pf__node_dup(fx, a);
  TSNode t = var_type_in(fx, pf__ts_field(fn, "body"), name, 0);
  free(name);
  return ts_node_is_null(t) ? NULL : pf__node_dup(fx, t);
}

typedef struct gorm_root {
  char *model, *table;
} gorm_root;

// The identifiers of a SQL fragment ("customer_id = ? AND notes <> ''",
// "created_at desc") outside quotes; "t.col" names its table.
static void fragment(pf__fctx *fx, const gorm_root *r, TSNode str)
{
  size_t len;
  const char *t = pf__node_text(fx, str, &len);
  if (len < 2)
    return;
  uint32_t base = ts_node_start_byte(str) + 1;
  t++;
  len -= 2;
  size_t i = 0;
  while (i < len) {
    char c = t[i];
    if (c == '\'') {
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
    const char *qual = NULL;
    size_t qlen = 0;
    size_t ws = i, we = j;
    if (j + 1 < len && t[j] == '.' &&
        pf_is_ident_char((unsigned char)t[j + 1])) {
      qual = t + i;
      qlen = j - i;
      ws = j + 1;
      we = ws;
      while (we < len && pf_is_ident_char((unsigned char)t[we]))
        we++;
    }
    if (pf__is_target_column(fx->scan, t + ws, we - ws)) {
      char *col = pf_xstrndup(t + ws, we - ws);
      char *table = qual ? pf_xstrndup(qual, qlen)
                         : (r->table ? pf_xstrdup(r->table) : NULL);
      if (table)
        pf__emit_column(fx, table, col, base + (uint32_t)ws,
                        base + (uint32_t)we, PF_REF_QUERY_BUILDER, PF_CONF_HIGH,
                        "GORM query");
      else if (r->model)
        pf__use_add_flags(fx, r->model, col, base + (uint32_t)ws,
                          base + (uint32_t)we, PF_REF_QUERY_BUILDER,
                          PF__USE_DIRECT, "GORM query");
      free(table);
      free(col);
    }
    i = we;
  }
}

static bool method_in(const pf__fctx *fx, TSNode n, const char *const *list)
{
  for (int i = 0; list[i]; i++) {
    if (pf__node_eq(fx, n, list[i]))
      return true;
  }
  return false;
}

// One GORM chain from its outermost call: db.Model(&Order{}).Where(...)...
static void gorm_chain(pf__fctx *fx, TSNode call)
{
  static const char *const dest[] = {
      "Find", "First",  "Last",          "Take",        "Scan", "Create",
      "Save", "Delete", "FirstOrCreate", "FirstOrInit", NULL};
  static const char *const first_frag[] = {"Where", "Or",    "Not", "Having",
                                           "Order", "Group", NULL};
  static const char *const all_frag[] = {"Select", "Omit", "Distinct", NULL};
  static const char *const first_col[] = {"Pluck", "Update", "UpdateColumn",
                                          NULL};
  TSNode calls[MAX_CHAIN];
  int n = 0;
  gorm_root r = {NULL, NULL};
  for (TSNode c = call; n < MAX_CHAIN && pf__ts_is(c, "call_expression");) {
    TSNode fn = pf__ts_field(c, "function");
    if (!pf__ts_is(fn, "selector_expression"))
      break;
    calls[n++] = c;
    TSNode m = pf__ts_field(fn, "field");
    TSNode a0 = pf__named_child(pf__ts_field(c, "arguments"), 0);
    if (!r.table && pf__node_eq(fx, m, "Table"))
      r.table = pf__node_string(fx, a0);
    // Issue 7: Create(&order) inserts every field of the model.
    if (fx->scan->ninserts && (pf__node_eq(fx, m, "Create") ||
                               pf__node_eq(fx, m, "CreateInBatches") ||
                               pf__node_eq(fx, m, "FirstOrCreate"))) {
      char *cm = arg_model(fx, a0);
      if (cm)
        pf__use_add_flags(fx, cm, "", ts_node_start_byte(m),
                          ts_node_end_byte(m), PF_REF_INSERT_OMITS,
                          PF__USE_CREATE, "GORM create");
      free(cm);
    }
    if (!r.model &&
        (pf__node_eq(fx, m, "Model") || method_in(fx, m, dest) ||
         (pf__node_eq(fx, m, "Where") && pf__ts_is(a0, "unary_expression"))))
      r.model = arg_model(fx, a0);
    c = pf__ts_field(fn, "operand");
  }
  if (r.model || r.table) {
    for (int i = 0; i < n; i++) {
      TSNode m = pf__ts_field(pf__ts_field(calls[i], "function"), "field");
      TSNode args = pf__ts_field(calls[i], "arguments");
      bool all = method_in(fx, m, all_frag);
      if (!all && !method_in(fx, m, first_frag) && !method_in(fx, m, first_col))
        continue;
      uint32_t na = pf__named_count(args);
      for (uint32_t k = 0; k < na && (all || k == 0); k++) {
        TSNode a = pf__named_child(args, k);
        if (pf__ts_is(a, "interpreted_string_literal") ||
            pf__ts_is(a, "raw_string_literal")) {
          char *v = pf__node_string(fx, a);
          if (v && !pf__looks_like_sql(v, strlen(v)))
            fragment(fx, &r, a);
          free(v);
        }
      }
    }
  }
  free(r.model);
  free(r.table);
}

// Order{CustomerID: 1}: the keyed fields of a struct literal of a model.
static void literal(pf__fctx *fx, TSNode lit)
{
  TSNode type = pf__ts_field(lit, "type");
  TSNode body = pf__ts_field(lit, "body");
  char *model = pf__node_dup(fx, type);
  uint32_t n = pf__named_count(body);
  for (uint32_t i = 0; i < n; i++) {
    TSNode e = pf__named_child(body, i);
    if (!pf__ts_is(e, "keyed_element"))
      continue;
    TSNode k = pf__named_child(pf__ts_field(e, "key"), 0);
    if (!pf__ts_is(k, "identifier"))
      continue;
    char *field = pf__node_dup(fx, k);
    pf__use_add(fx, model, field, ts_node_start_byte(k), ts_node_end_byte(k),
                PF_REF_QUERY_BUILDER, "Go struct literal");
    free(field);
  }
  free(model);
}

// The strings of a composite literal (pgx.Identifier{"public", "orders"},
// []string{"a", "b"}), appended to @out; false when an element is not a
// string literal.
static bool literal_strings(const pf__fctx *fx, TSNode lit, pf__strvec *out)
{
  TSNode body = pf__ts_field(lit, "body");
  if (!pf__ts_is(lit, "composite_literal") || ts_node_is_null(body))
    return false;
  uint32_t n = pf__named_count(body);
  for (uint32_t i = 0; i < n; i++) {
    TSNode e = pf__named_child(body, i);
    if (pf__ts_is(e, "comment"))
      continue;
    if (pf__ts_is(e, "literal_element"))
      e = pf__named_child(e, 0);
    char *s = pf__node_string(fx, e);
    if (!s)
      return false;
    pf_vec_push(out, s);
  }
  return true;
}

// pgx's CopyFrom(ctx, pgx.Identifier{"orders"}, []string{"a", "b"}, rows):
// a COPY with exactly those columns (issue 7).
static void pgx_copy(pf__fctx *fx, TSNode call)
{
  TSNode fn = pf__ts_field(call, "function");
  TSNode args = pf__ts_field(call, "arguments");
  if (!fx->scan->ninserts ||
      !pf__node_eq(fx, pf__ts_field(fn, "field"), "CopyFrom") ||
      pf__named_count(args) != 4)
    return;
  TSNode tl = pf__named_child(args, 1), cl = pf__named_child(args, 2);
  pf__strvec table, cols;
  pf_vec_init(&table);
  pf_vec_init(&cols);
  if (literal_strings(fx, tl, &table) && table.len &&
      literal_strings(fx, cl, &cols))
    pf__insert_columns(fx, table.items[table.len - 1],
                       (const char *const *)cols.items, cols.len, true,
                       ts_node_start_byte(tl), ts_node_end_byte(tl),
                       "COPY through pgx without the column");
  for (uint32_t i = 0; i < table.len; i++)
    free(table.items[i]);
  for (uint32_t i = 0; i < cols.len; i++)
    free(cols.items[i]);
  pf_vec_clear(&table);
  pf_vec_clear(&cols);
}

void pf__orm_go(pf__fctx *fx, const TSQueryCapture *cap, const char *capname)
{
  if (strcmp(capname, "struct") == 0)
    struct_type(fx, cap->node);
  else if (strcmp(capname, "method") == 0)
    method(fx, cap->node);
  else if (strcmp(capname, "literal") == 0)
    literal(fx, cap->node);
  else if (strcmp(capname, "call") == 0) {
    pgx_copy(fx, cap->node);
    // Only the outermost call of a chain.
    TSNode p = ts_node_parent(cap->node);
    if (pf__ts_is(p, "selector_expression") &&
        ts_node_eq(pf__ts_field(p, "operand"), cap->node) &&
        pf__ts_is(ts_node_parent(p), "call_expression"))
      return;
    gorm_chain(fx, cap->node);
  }
}
