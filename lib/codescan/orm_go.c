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

static void struct_type(pf__fctx *fx, TSNode spec)
{
  TSNode name = pf__ts_field(spec, "name");
  TSNode st = pf__ts_field(spec, "type");
  TSNode list = pf__child_of_type(st, "field_declaration_list");
  if (ts_node_is_null(name) || ts_node_is_null(list))
    return;
  bool gorm = is_gorm_struct(fx, list);
  pf__model *m = NULL;
  uint32_t n = pf__named_count(list);
  for (uint32_t i = 0; i < n; i++) {
    TSNode f = ts_node_named_child(list, i);
    if (!pf__ts_is(f, "field_declaration"))
      continue;
    TSNode tag = pf__ts_field(f, "tag");
    tagcol tc = {NULL, 0, false};
    uint32_t tag_start = 0;
    if (!ts_node_is_null(tag)) {
      size_t len;
      const char *t = pf__node_text(fx, tag, &len);
      if (len >= 2)
        tc = tag_column(t + 1, len - 2);
      tag_start = ts_node_start_byte(tag);
    }
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
      if (!m) {
        char *sname = pf__node_dup(fx, name);
        m = pf__model_add(fx, sname, name);
        char *snake = pf__snake_case(sname);
        m->default_table = pf__pluralize(snake);
        free(snake);
        free(sname);
      }
      uint32_t s, e;
      if (tc.found && tag_start) {
        s = (uint32_t)(tc.name - fx->src->data);
        e = s + (uint32_t)tc.len;
      } else {
        s = ts_node_start_byte(c);
        e = ts_node_end_byte(c);
      }
      pf__model_field(fx, m, fname, column, s, e,
                      tc.found ? "Go struct tag" : "GORM field name");
      free(column);
      free(fname);
    }
  }
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
  char *table = pf__node_string(fx, ts_node_named_child(list, 0));
  if (!table)
    return;
  pf__tablename t;
  t.type = pf__node_dup(fx, type);
  t.table = table;
  const char *slash = strrchr(fx->file->path, '/');
  t.dir = slash ? pf_xstrndup(fx->file->path, (size_t)(slash - fx->file->path))
                : pf_xstrdup(".");
  pf_vec_push(&fx->file->tablenames, t);
}

void pf__orm_go(pf__fctx *fx, const TSQueryCapture *cap, const char *capname)
{
  if (strcmp(capname, "struct") == 0)
    struct_type(fx, cap->node);
  else if (strcmp(capname, "method") == 0)
    method(fx, cap->node);
}
