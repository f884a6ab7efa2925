/* An in-memory catalog of tables, columns and indexes. */
/* SPDX-License-Identifier: MIT */
#include "schema.h"

#include <string.h>

struct pf_schema {
  PF_VEC(pf_schema_table *) tables; // owned
  pf_strmap by_name;                // key(schema, name) -> table
  pf_strmap gone;                   // keys of tables dropped or renamed away
  pf_strmap indexes;                // index name -> pf_schema_index (owned
                                    // through index_list)
  pf_strmap gone_indexes;           // index names dropped
  PF_VEC(pf_schema_index *) index_list;
};

static void index_free(pf_schema_index *i)
{
  if (!i)
    return;
  free(i->name);
  free(i->table_schema);
  free(i->table);
  for (uint32_t k = 0; k < i->ncols; k++)
    free(i->cols[k]);
  free(i->cols);
  free(i);
}

// Forgets index record @name (the map entry is the caller's).
static void index_forget(pf_schema *self, const char *name)
{
  for (uint32_t k = 0; k < self->index_list.len; k++) {
    if (strcmp(self->index_list.items[k]->name, name) == 0) {
      index_free(self->index_list.items[k]);
      self->index_list.items[k] =
          self->index_list.items[--self->index_list.len];
      return;
    }
  }
}

static char *key(const char *schema, const char *name)
{
  pf_buf b = PF_BUF_INIT;
  pf_buf_printf(&b, "%s.%s",
                schema && strcmp(schema, "public") != 0 ? schema : "", name);
  return pf_buf_detach(&b);
}

static int find_str(char **items, uint32_t n, const char *s)
{
  for (uint32_t i = 0; i < n; i++) {
    if (strcmp(items[i], s) == 0)
      return (int)i;
  }
  return -1;
}

static void remove_str(char **items, uint32_t *n, const char *s)
{
  int i = find_str(items, *n, s);
  if (i < 0)
    return;
  free(items[i]);
  items[i] = items[--*n];
}

pf_schema *pf__schema_new(void)
{
  pf_schema *self = pf_xcalloc(1, sizeof(pf_schema));
  pf_strmap_init(&self->by_name);
  pf_strmap_init(&self->gone);
  pf_strmap_init(&self->indexes);
  pf_strmap_init(&self->gone_indexes);
  return self;
}

static void check_clear(pf_schema_check *k)
{
  free(k->name);
  free(k->expr);
  for (uint32_t i = 0; i < k->ncols; i++)
    free(k->cols[i]);
  free(k->cols);
}

// Removes check @i of @t (order is not kept).
static void remove_check(pf_schema_table *t, uint32_t i)
{
  check_clear(&t->checks.items[i]);
  t->checks.items[i] = t->checks.items[--t->checks.len];
}

static void table_free(pf_schema_table *t)
{
  for (uint32_t i = 0; i < t->checks.len; i++)
    check_clear(&t->checks.items[i]);
  pf_vec_clear(&t->checks);
  for (uint32_t i = 0; i < t->columns.len; i++) {
    free(t->columns.items[i].name);
    free(t->columns.items[i].type);
  }
  pf_vec_clear(&t->columns);
  for (uint32_t i = 0; i < t->not_null_checks.len; i++)
    free(t->not_null_checks.items[i]);
  pf_vec_clear(&t->not_null_checks);
  for (uint32_t i = 0; i < t->pending_checks.len; i++)
    free(t->pending_checks.items[i]);
  pf_vec_clear(&t->pending_checks);
  free(t->schema);
  free(t->name);
  free(t);
}

void pf__schema_free(pf_schema *self)
{
  if (!self)
    return;
  for (uint32_t i = 0; i < self->tables.len; i++)
    table_free(self->tables.items[i]);
  pf_vec_clear(&self->tables);
  pf_strmap_clear(&self->by_name);
  pf_strmap_clear(&self->gone);
  pf_strmap_clear(&self->indexes);
  pf_strmap_clear(&self->gone_indexes);
  for (uint32_t k = 0; k < self->index_list.len; k++)
    index_free(self->index_list.items[k]);
  pf_vec_clear(&self->index_list);
  free(self);
}

pf_schema_table *pf__schema_table(pf_schema *self, const char *schema,
                                  const char *name)
{
  if (!name)
    return NULL;
  char *k = key(schema, name);
  pf_schema_table *t = pf_strmap_get(&self->by_name, k);
  free(k);
  return t;
}

uint32_t pf__schema_ntables(const pf_schema *self)
{
  return self->tables.len;
}

pf_schema_table *pf__schema_table_at(pf_schema *self, uint32_t i)
{
  return i < self->tables.len ? self->tables.items[i] : NULL;
}

pf_schema_column *pf__schema_column(pf_schema_table *t, const char *name)
{
  for (uint32_t i = 0; t && name && i < t->columns.len; i++) {
    if (strcmp(t->columns.items[i].name, name) == 0)
      return &t->columns.items[i];
  }
  return NULL;
}

bool pf__schema_table_gone(const pf_schema *self, const char *schema,
                           const char *name)
{
  if (!name)
    return false;
  char *k = key(schema, name);
  bool gone =
      !pf_strmap_has(&self->by_name, k) && pf_strmap_has(&self->gone, k);
  free(k);
  return gone;
}

bool pf__schema_index_known(const pf_schema *self, const char *name)
{
  return name && pf_strmap_has(&self->indexes, name);
}

bool pf__schema_index_gone(const pf_schema *self, const char *name)
{
  return name && !pf__schema_index_known(self, name) &&
         pf_strmap_has(&self->gone_indexes, name);
}

pf_schema_table *pf__schema_add_table(pf_schema *self, const char *schema,
                                      const char *name, bool in_run)
{
  char *k = key(schema, name);
  pf_schema_table *t = pf_strmap_get(&self->by_name, k);
  if (!t) {
    t = pf_xcalloc(1, sizeof(*t));
    t->schema = schema ? pf_xstrdup(schema) : NULL;
    t->name = pf_xstrdup(name);
    t->created_in_run = in_run;
    pf_vec_push(&self->tables, t);
    pf_strmap_put(&self->by_name, k, t);
    pf_strmap_remove(&self->gone, k);
  }
  free(k);
  return t;
}

void pf__schema_drop_table(pf_schema *self, const char *schema,
                           const char *name)
{
  if (!name)
    return;
  char *k = key(schema, name);
  pf_schema_table *t = pf_strmap_get(&self->by_name, k);
  if (t) {
    pf_strmap_remove(&self->by_name, k);
    for (uint32_t i = 0; i < self->tables.len; i++) {
      if (self->tables.items[i] == t) {
        self->tables.items[i] = self->tables.items[--self->tables.len];
        break;
      }
    }
    table_free(t);
  }
  pf_strmap_put(&self->gone, k, NULL);
  free(k);
}

void pf__schema_rename_table(pf_schema *self, const char *schema,
                             const char *name, const char *new_name)
{
  if (!name || !new_name)
    return;
  char *k = key(schema, name);
  pf_schema_table *t = pf_strmap_get(&self->by_name, k);
  if (t) {
    pf_strmap_remove(&self->by_name, k);
    pf_strmap_put(&self->gone, k, NULL);
    free(t->name);
    t->name = pf_xstrdup(new_name);
    char *nk = key(schema, new_name);
    pf_strmap_put(&self->by_name, nk, t);
    pf_strmap_remove(&self->gone, nk);
    free(nk);
  }
  free(k);
}

pf_schema_column *pf__schema_add_column(pf_schema_table *t, const char *name,
                                        const char *type, bool not_null)
{
  pf_schema_column *c = pf__schema_column(t, name);
  if (!c) {
    pf_schema_column nc = {.name = pf_xstrdup(name)};
    pf_vec_push(&t->columns, nc);
    c = pf_vec_last(&t->columns);
  }
  free(c->type);
  c->type = type ? pf_xstrdup(type) : NULL;
  c->not_null = not_null;
  c->has_default = false;
  return c;
}

void pf__schema_drop_column(pf_schema_table *t, const char *name)
{
  for (uint32_t i = 0; name && i < t->columns.len; i++) {
    if (strcmp(t->columns.items[i].name, name) == 0) {
      free(t->columns.items[i].name);
      free(t->columns.items[i].type);
      t->columns.items[i] = t->columns.items[--t->columns.len];
      break;
    }
  }
  remove_str(t->not_null_checks.items, &t->not_null_checks.len, name);
  // PostgreSQL drops the CHECK constraints that use the column (with
  // CASCADE for one that uses others too).
  for (uint32_t i = t->checks.len; name && i-- > 0;) {
    const pf_schema_check *k = &t->checks.items[i];
    for (uint32_t j = 0; j < k->ncols; j++) {
      if (strcmp(k->cols[j], name) == 0) {
        remove_check(t, i);
        break;
      }
    }
  }
}

void pf__schema_rename_column(pf_schema_table *t, const char *name,
                              const char *new_name)
{
  pf_schema_column *c = pf__schema_column(t, name);
  if (!c || !new_name)
    return;
  free(c->name);
  c->name = pf_xstrdup(new_name);
  int i = find_str(t->not_null_checks.items, t->not_null_checks.len, name);
  if (i >= 0) {
    free(t->not_null_checks.items[i]);
    t->not_null_checks.items[i] = pf_xstrdup(new_name);
  }
  for (uint32_t k = 0; k < t->checks.len; k++) {
    pf_schema_check *ck = &t->checks.items[k];
    for (uint32_t j = 0; j < ck->ncols; j++) {
      if (strcmp(ck->cols[j], name) == 0) {
        free(ck->cols[j]);
        ck->cols[j] = pf_xstrdup(new_name);
      }
    }
  }
}

void pf__schema_add_check(pf_schema_table *t, const char *name,
                          const char *expr, const char *const *cols,
                          uint32_t ncols)
{
  pf_schema_check k;
  memset(&k, 0, sizeof(k));
  uint32_t distinct = 0;
  k.cols = pf_xcalloc(ncols ? ncols : 1, sizeof(char *));
  for (uint32_t i = 0; i < ncols; i++) {
    if (!cols[i] || find_str(k.cols, distinct, cols[i]) >= 0)
      continue;
    k.cols[distinct++] = pf_xstrdup(cols[i]);
  }
  k.ncols = distinct;
  if (name) {
    k.name = pf_xstrdup(name);
  } else { // tab_col_check for one column, else tab_check (heap.c)
    pf_buf b = PF_BUF_INIT;
    if (distinct == 1)
      pf_buf_printf(&b, "%s_%s_check", t->name, k.cols[0]);
    else
      pf_buf_printf(&b, "%s_check", t->name);
    k.name = pf_buf_detach(&b);
  }
  k.expr = pf_xstrdup(expr ? expr : "");
  pf_vec_push(&t->checks, k);
}

const pf_schema_check *pf__schema_check_on(const pf_schema_table *t,
                                           const char *column)
{
  for (uint32_t i = 0; t && column && i < t->checks.len; i++) {
    const pf_schema_check *k = &t->checks.items[i];
    for (uint32_t j = 0; j < k->ncols; j++) {
      if (strcmp(k->cols[j], column) == 0)
        return k;
    }
  }
  return NULL;
}

void pf__schema_drop_constraint(pf_schema_table *t, const char *name)
{
  for (uint32_t i = t->checks.len; name && i-- > 0;) {
    if (strcmp(t->checks.items[i].name, name) == 0)
      remove_check(t, i);
  }
}

void pf__schema_add_not_null_check(pf_schema_table *t, const char *name,
                                   const char *column, bool valid)
{
  if (!valid) {
    pf_buf b = PF_BUF_INIT;
    pf_buf_printf(&b, "%s\n%s", name ? name : "", column);
    pf_vec_push(&t->pending_checks, pf_buf_detach(&b));
    return;
  }
  if (find_str(t->not_null_checks.items, t->not_null_checks.len, column) < 0)
    pf_vec_push(&t->not_null_checks, pf_xstrdup(column));
}

void pf__schema_validate_check(pf_schema_table *t, const char *name)
{
  size_t n = name ? strlen(name) : 0;
  for (uint32_t i = 0; n && i < t->pending_checks.len; i++) {
    char *p = t->pending_checks.items[i];
    if (strncmp(p, name, n) == 0 && p[n] == '\n') {
      pf__schema_add_not_null_check(t, NULL, p + n + 1, true);
      free(p);
      t->pending_checks.items[i] =
          t->pending_checks.items[--t->pending_checks.len];
      return;
    }
  }
}

bool pf__schema_not_null_proven(const pf_schema_table *t, const char *column)
{
  return t && column &&
         find_str(t->not_null_checks.items, t->not_null_checks.len, column) >=
             0;
}

void pf__schema_add_index_on(pf_schema *self, const char *name,
                             const char *table_schema, const char *table,
                             const char *const *cols, uint32_t ncols,
                             bool exprs)
{
  if (!name)
    return;
  index_forget(self, name);
  pf_schema_index *i = pf_xcalloc(1, sizeof(*i));
  i->name = pf_xstrdup(name);
  i->table_schema = table_schema ? pf_xstrdup(table_schema) : NULL;
  i->table = table ? pf_xstrdup(table) : NULL;
  i->cols = pf_xcalloc(ncols ? ncols : 1, sizeof(char *));
  for (uint32_t k = 0; k < ncols; k++)
    i->cols[i->ncols++] = pf_xstrdup(cols[k] ? cols[k] : "");
  i->exprs = exprs;
  pf_vec_push(&self->index_list, i);
  pf_strmap_put(&self->indexes, name, i);
  pf_strmap_remove(&self->gone_indexes, name);
}

void pf__schema_add_index(pf_schema *self, const char *name)
{
  pf__schema_add_index_on(self, name, NULL, NULL, NULL, 0, true);
}

const pf_schema_index *pf__schema_index(const pf_schema *self, const char *name)
{
  return name ? pf_strmap_get(&self->indexes, name) : NULL;
}

void pf__schema_drop_index(pf_schema *self, const char *name)
{
  if (!name)
    return;
  index_forget(self, name);
  pf_strmap_remove(&self->indexes, name);
  pf_strmap_put(&self->gone_indexes, name, NULL);
}
