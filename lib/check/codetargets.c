/* The code-side targets of issue 7's new checks: INSERTs that will break
 * and literals that spell an enum value a migration renames or drops. */
/* SPDX-License-Identifier: MIT */
#include "check.h"

#include <stdlib.h>
#include <string.h>

#include "schema/schema.h"

// An enum type as the migrations define it, by its current name.
typedef struct enum_def {
  char *name;
  PF_VEC(const char *) labels; // borrowed from the migrations' arenas
  bool in_run;                 // created by a checked file
} enum_def;

typedef PF_VEC(enum_def) enum_vec;

// The unqualified, unquoted name of type text @type ("public.color",
// "\"Color\""), copied into @out. An array of a type ("color[]") is named
// by its element: it holds the same values.
static const char *type_name(const char *type, char *out, size_t size)
{
  const char *dot = strrchr(type, '.');
  const char *p = dot ? dot + 1 : type;
  size_t n = strlen(p);
  while (n >= 2 && p[n - 2] == '[' && p[n - 1] == ']')
    n -= 2;
  if (n >= 2 && p[0] == '"' && p[n - 1] == '"') {
    p++;
    n -= 2;
  }
  if (n >= size)
    n = size - 1;
  memcpy(out, p, n);
  out[n] = '\0';
  return out;
}

static enum_def *enum_find(enum_vec *v, const char *type)
{
  char name[128];
  type_name(type, name, sizeof(name));
  for (uint32_t i = 0; i < v->len; i++) {
    if (strcmp(v->items[i].name, name) == 0)
      return &v->items[i];
  }
  return NULL;
}

static void enum_free(enum_def *d)
{
  free(d->name);
  pf_vec_clear(&d->labels);
}

// Keeps the enum definitions in step with @c.
static void enum_replay(enum_vec *v, const pf_change *c, bool in_run)
{
  const char *name = c->object.name;
  enum_def *d = name ? enum_find(v, name) : NULL;
  switch (c->kind) {
  case PF_CHANGE_CREATE_TYPE:
    if (!c->labels || !name)
      break;
    if (d) {
      enum_free(d);
      *d = v->items[--v->len];
    }
    enum_def nd;
    nd.name = pf_xstrdup(name);
    nd.in_run = in_run;
    pf_vec_init(&nd.labels);
    for (uint32_t i = 0; i < c->nlabels; i++)
      pf_vec_push(&nd.labels, c->labels[i]);
    pf_vec_push(v, nd);
    break;
  case PF_CHANGE_ENUM_ADD_VALUE:
    if (d && c->value)
      pf_vec_push(&d->labels, c->value);
    break;
  case PF_CHANGE_ENUM_RENAME_VALUE:
    for (uint32_t i = 0; d && c->value && c->new_name && i < d->labels.len;
         i++) {
      if (strcmp(d->labels.items[i], c->value) == 0)
        d->labels.items[i] = c->new_name;
    }
    break;
  case PF_CHANGE_RENAME_OBJECT:
    if (d && c->new_name && c->object_type &&
        strcmp(c->object_type, "type") == 0) {
      free(d->name);
      d->name = pf_xstrdup(c->new_name);
    }
    break;
  case PF_CHANGE_DROP_TYPE:
    if (d) {
      enum_free(d);
      *d = v->items[--v->len];
    }
    break;
  default:
    break;
  }
}

// A new array of @n pointers or structs, owned by @own.
static void *owned(pf__ptr_vec *own, size_t n, size_t size)
{
  void *p = pf_xcalloc(n ? n : 1, size);
  pf_vec_push(own, p);
  return p;
}

static const char *own_str(pf__ptr_vec *own, const char *str)
{
  char *p = pf_xstrdup(str);
  pf_vec_push(own, p);
  return p;
}

// The INSERT_OMITS target of @c, when INSERTs that omit its column break
// or may break; false when none (the column gets a value anyway).
static bool insert_target(pf_schema *s, const pf_change *c, pf_scan_target *t)
{
  pf_schema_table *tab = pf__schema_table(s, c->table.schema, c->table.name);
  // A table created by the checked migrations has no old code inserting.
  if (!c->table.name || (tab && tab->created_in_run))
    return false;
  t->kind = PF_SCAN_INSERT_OMITS;
  t->table = c->table.name;
  t->column = c->column;
  pf_schema_column *col = tab ? pf__schema_column(tab, c->column) : NULL;
  for (uint32_t i = 0; tab && col && i < tab->columns.len; i++) {
    if (&tab->columns.items[i] == col)
      t->position = i + 1;
  }
  switch (c->kind) {
  case PF_CHANGE_ADD_COLUMN:
    if (!c->ncols || !c->not_null || c->has_default || c->cols[0].identity ||
        c->cols[0].volatile_default)
      return false;
    t->column = c->cols[0].name;
    t->position = PF_SCAN_POS_LAST;
    return t->column != NULL;
  case PF_CHANGE_SET_NOT_NULL:
    // A validated CHECK (col IS NOT NULL) already rejects those INSERTs.
    return c->column && !(col && (col->has_default || col->not_null)) &&
           !(tab && pf__schema_not_null_proven(tab, c->column));
  case PF_CHANGE_DROP_DEFAULT:
    return c->column && !(col && !col->not_null);
  default:
    return false;
  }
}

// Whether column type text @type is enum @name.
static bool is_type(const char *type, const char *name)
{
  char buf[128];
  return type && name && strcmp(type_name(type, buf, sizeof(buf)), name) == 0;
}

// The LITERAL target of @c: the renamed value with the columns of its type,
// or the values a change of a column to an enum of this run drops.
static bool literal_target(pf_schema *s, enum_vec *enums, const pf_change *c,
                           pf_scan_target *t, pf__ptr_vec *own)
{
  t->kind = PF_SCAN_LITERAL;
  if (c->kind == PF_CHANGE_ENUM_RENAME_VALUE && c->value && c->object.name) {
    enum_def *d = enum_find(enums, c->object.name);
    if (d && d->in_run)
      return false; // a type of this run: no code uses it yet
    const char **vals = owned(own, 1, sizeof(char *));
    vals[0] = c->value;
    t->values = vals;
    t->nvalues = 1;
    // Every column of the type that the replayed migrations know.
    uint32_t n = 0;
    for (int pass = 0; pass < 2; pass++) {
      pf_scan_column *cols =
          pass ? owned(own, n, sizeof(pf_scan_column)) : NULL;
      uint32_t k = 0;
      for (uint32_t i = 0; i < pf__schema_ntables(s); i++) {
        pf_schema_table *tab = pf__schema_table_at(s, i);
        for (uint32_t j = 0; j < tab->columns.len; j++) {
          if (!is_type(tab->columns.items[j].type, c->object.name))
            continue;
          // The schema is freed before the scan: copies, owned by @own.
          if (pass) {
            cols[k].table = own_str(own, tab->name);
            cols[k].column = own_str(own, tab->columns.items[j].name);
          }
          k++;
        }
      }
      n = k;
      if (pass) {
        t->cols = cols;
        t->ncols = n;
      }
    }
    return true;
  }
  if (c->kind != PF_CHANGE_ALTER_COLUMN_TYPE || !c->type || !c->column ||
      !c->table.name)
    return false;
  enum_def *nd = enum_find(enums, c->type);
  pf_schema_table *tab = pf__schema_table(s, c->table.schema, c->table.name);
  pf_schema_column *col = tab ? pf__schema_column(tab, c->column) : NULL;
  enum_def *od = col && col->type ? enum_find(enums, col->type) : NULL;
  if (!nd || !nd->in_run || !od || od == nd)
    return false;
  const char **vals = owned(own, od->labels.len, sizeof(char *));
  uint32_t n = 0;
  for (uint32_t i = 0; i < od->labels.len; i++) {
    bool kept = false;
    for (uint32_t k = 0; k < nd->labels.len && !kept; k++)
      kept = strcmp(od->labels.items[i], nd->labels.items[k]) == 0;
    if (!kept)
      vals[n++] = od->labels.items[i];
  }
  if (!n)
    return false;
  pf_scan_column *cols = owned(own, 1, sizeof(pf_scan_column));
  cols[0].table = c->table.name;
  cols[0].column = c->column;
  t->values = vals;
  t->nvalues = n;
  t->cols = cols;
  t->ncols = 1;
  return true;
}

// ALTER TYPE @from RENAME TO @to: the columns of the type follow it.
static void retype_columns(pf_schema *s, const char *from, const char *to)
{
  for (uint32_t i = 0; i < pf__schema_ntables(s); i++) {
    pf_schema_table *tab = pf__schema_table_at(s, i);
    for (uint32_t j = 0; j < tab->columns.len; j++) {
      pf_schema_column *col = &tab->columns.items[j];
      if (is_type(col->type, from)) {
        free(col->type);
        col->type = pf_xstrdup(to);
      }
    }
  }
}

void pf__code_targets(const pf_migration *const *ms, const bool *context,
                      uint32_t nfiles, pf__target_vec *targets,
                      uint32_t *special, pf__ptr_vec *own)
{
  pf_schema *s = pf__schema_new();
  enum_vec enums;
  pf_vec_init(&enums);
  uint32_t k = 0;
  for (uint32_t f = 0; f < nfiles; f++) {
    const pf_migration *m = ms[f];
    for (uint32_t i = 0; i < m->changes.len; i++) {
      const pf_change *c = &m->changes.items[i];
      if (!context[f]) {
        pf_scan_target t;
        memset(&t, 0, sizeof(t));
        special[k] = UINT32_MAX;
        bool found = insert_target(s, c, &t);
        if (!found) {
          memset(&t, 0, sizeof(t));
          found = literal_target(s, &enums, c, &t, own);
        }
        if (found) {
          pf_vec_push(targets, t);
          special[k] = targets->len - 1;
        }
        k++;
      }
      pf__replay_change(s, c, !context[f]);
      enum_replay(&enums, c, !context[f]);
      if (c->kind == PF_CHANGE_RENAME_OBJECT && c->object.name && c->new_name &&
          c->object_type && !strcmp(c->object_type, "type"))
        retype_columns(s, c->object.name, c->new_name);
    }
  }
  for (uint32_t i = 0; i < enums.len; i++)
    enum_free(&enums.items[i]);
  pf_vec_clear(&enums);
  pf__schema_free(s);
}
