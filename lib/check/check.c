/* The pipeline: sources -> change model -> engines -> findings. */
/* SPDX-License-Identifier: MIT */
#include "pgpreflight.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

#include "codescan/codescan.h"
#include "config/config.h"
#include "core/core.h"
#include "core/source.h"
#include "live/live.h"
#include "migration/model.h"
#include "report/report.h"
#include "rules/rules.h"

static const pf_span no_span = {0, 0};

typedef struct file_model {
  const pf_source *src;
  pf_migration *m;
} file_model;

typedef struct run {
  const pf_config *cfg;
  pf_report *r;
  PF_VEC(file_model) files;
  PF_VEC(pf_scan_target) targets;
  uint32_t *change_target; // per change (flattened), target index or -1
  pf_scan_result scan;
  PF_VEC(const pf_code_ref *) * refs_by_target;
  pf_live *live;
  bool live_lost;
  pf_error live_err;
  pf_schema *schema; // before each change: replayed context + earlier ones
} run;

// Which code references matter for a change: renames, drops and type
// changes of tables and columns.
static bool wants_refs(const pf_change *c, bool *column)
{
  switch (c->kind) {
  case PF_CHANGE_RENAME_COLUMN:
  case PF_CHANGE_DROP_COLUMN:
  case PF_CHANGE_ALTER_COLUMN_TYPE:
  case PF_CHANGE_DROP_NOT_NULL:
    *column = true;
    return c->table.name && c->column;
  case PF_CHANGE_RENAME_TABLE:
  case PF_CHANGE_DROP_TABLE:
    *column = false;
    return c->table.name != NULL;
  default:
    return false;
  }
}

static uint32_t target_index(run *x, const char *table, const char *column)
{
  for (uint32_t i = 0; i < x->targets.len; i++) {
    const pf_scan_target *t = &x->targets.items[i];
    if (strcmp(t->table, table) == 0 &&
        ((!t->column && !column) ||
         (t->column && column && strcmp(t->column, column) == 0)))
      return i;
  }
  pf_scan_target t = {table, column};
  pf_vec_push(&x->targets, t);
  return x->targets.len - 1;
}

// One migration file read and parsed by a loader thread.
typedef struct loaded {
  pf_source *src;
  pf_migration *m;
  pf_error err;
} loaded;

typedef struct load_pool {
  char **files;
  loaded *out;
  size_t n, next;
  pthread_mutex_t lock;
} load_pool;

static void *load_worker(void *arg)
{
  load_pool *p = arg;
  for (;;) {
    pthread_mutex_lock(&p->lock);
    size_t i = p->next++;
    pthread_mutex_unlock(&p->lock);
    if (i >= p->n)
      break;
    loaded *l = &p->out[i];
    pf_error_clear(&l->err);
    l->src = pf_source_load(p->files[i], &l->err);
    if (l->src)
      l->m = pf__migration_parse(l->src);
  }
  return NULL;
}

// Reads and parses the migration files, several at a time (files are
// independent until evaluation, which then goes in file order).
static void load_files(run *x)
{
  char **files = NULL;
  size_t n = 0;
  pf_error err;
  pf_error_clear(&err);
  const pf_config *cfg = x->cfg;
  if (pf__migration_expand((const char *const *)cfg->migrations.items,
                           cfg->migrations.len, &files, &n, &err) != PF_OK) {
    pf__report_add_error(x->r, NULL, no_span, NULL, err.msg);
    return;
  }
  load_pool pool = {files, pf_xcalloc(n ? n : 1, sizeof(loaded)), n, 0,
                    PTHREAD_MUTEX_INITIALIZER};
  long cores = sysconf(_SC_NPROCESSORS_ONLN);
  size_t jobs = cfg->jobs ? cfg->jobs : (cores > 0 ? (size_t)cores : 1);
  if (jobs > n)
    jobs = n;
  pthread_t threads[64];
  size_t started = 0;
  // The calling thread works too, so one file needs no thread at all.
  for (size_t t = 1; t < jobs && started < 64; t++) {
    if (pthread_create(&threads[started], NULL, load_worker, &pool) == 0)
      started++;
  }
  load_worker(&pool);
  for (size_t t = 0; t < started; t++)
    pthread_join(threads[t], NULL);
  pthread_mutex_destroy(&pool.lock);

  for (size_t i = 0; i < n; i++) {
    loaded *l = &pool.out[i];
    free(files[i]);
    if (!l->src) {
      pf__report_add_error(x->r, NULL, no_span, NULL, l->err.msg);
      continue;
    }
    pf_source *src = l->src;
    pf__report_own_source(x->r, src);
    file_model fm = {src, l->m};
    for (uint32_t k = 0; k < fm.m->diags.len; k++)
      pf__report_add_error(x->r, src, fm.m->diags.items[k].span, NULL,
                           fm.m->diags.items[k].msg);
    for (uint32_t k = 0; k < fm.m->notes.len; k++) {
      pf_loc loc = pf_source_locate(src, fm.m->notes.items[k].span.start);
      pf__report_add_warning(x->r, "%s:%u:%u: %s", src->path, loc.line, loc.col,
                             fm.m->notes.items[k].msg);
    }
    x->r->files++;
    x->r->statements += fm.m->stmts.len;
    x->r->changes += fm.m->changes.len;
    pf_vec_push(&x->files, fm);
  }
  free(pool.out);
  free(files);
}

static const char *base_name(const char *path)
{
  const char *slash = strrchr(path, '/');
  return slash ? slash + 1 : path;
}

// Whether a file name looks like one of an ordered set of migrations:
// a version first, as plain SQL directories, Flyway (V2__x.sql),
// golang-migrate and dbmate name them ("0003_x.sql", "20240101_x.sql").
static bool versioned_name(const char *base)
{
  if (base[0] == 'V' && base[1] >= '0' && base[1] <= '9')
    return true;
  return base[0] >= '0' && base[0] <= '9';
}

static bool is_checked(const run *x, const char *path)
{
  for (uint32_t i = 0; i < x->files.len; i++) {
    if (strcmp(x->files.items[i].src->path, path) == 0)
      return true;
  }
  return false;
}

// The migrations that come before a checked file in its directory (name
// order, as plain SQL directories apply them) describe the schema it runs
// against: replay them into the schema, without checking them.
static void load_context(run *x)
{
  const pf_config *cfg = x->cfg;
  for (uint32_t i = 0; i < cfg->migrations.len; i++) {
    const char *path = cfg->migrations.items[i];
    struct stat st;
    if (strcmp(path, "-") == 0 || stat(path, &st) != 0 || !S_ISREG(st.st_mode))
      continue;
    const char *base = base_name(path);
    if (!versioned_name(base))
      continue;
    char *dir = base == path ? pf_xstrdup(".")
                             : pf_xstrndup(path, (size_t)(base - path));
    const char *dirs[1] = {dir};
    char **files = NULL;
    size_t n = 0;
    pf_error err;
    pf_error_clear(&err);
    if (pf__migration_expand(dirs, 1, &files, &n, &err) == PF_OK) {
      for (size_t k = 0; k < n; k++) {
        const char *f = files[k];
        if (versioned_name(base_name(f)) && strcmp(base_name(f), base) < 0 &&
            !is_checked(x, f)) {
          pf_source *src = pf_source_load(f, &err);
          if (src) {
            pf_migration *m = pf__migration_parse(src);
            if (m->diags.len)
              pf__report_add_warning(x->r,
                                     "%s: earlier migration does not parse; "
                                     "the schema context may be incomplete",
                                     f);
            for (uint32_t c = 0; c < m->changes.len; c++)
              pf__replay_change(x->schema, &m->changes.items[c], false);
            x->r->context_files++;
            pf__migration_free(m);
            pf_source_free(src);
          }
        }
        free(files[k]);
      }
      free(files);
    }
    free(dir);
  }
}

static void scan_code(run *x)
{
  uint32_t total = x->r->changes;
  x->change_target = pf_xmalloc(sizeof(uint32_t) * (total ? total : 1));
  uint32_t k = 0;
  for (uint32_t f = 0; f < x->files.len; f++) {
    const pf_migration *m = x->files.items[f].m;
    for (uint32_t i = 0; i < m->changes.len; i++, k++) {
      bool column;
      const pf_change *c = &m->changes.items[i];
      x->change_target[k] = UINT32_MAX;
      if (wants_refs(c, &column))
        x->change_target[k] =
            target_index(x, c->table.name, column ? c->column : NULL);
    }
  }
  if (!x->cfg->code_paths.len || !x->targets.len)
    return;
  pf_scan_opts opts = {x->cfg->jobs, x->cfg->show_low, 0};
  pf_error err;
  pf_error_clear(&err);
  pf_code rc = pf__codescan_run((const char *const *)x->cfg->code_paths.items,
                                x->cfg->code_paths.len, x->targets.items,
                                x->targets.len, &opts, &x->scan, &err);
  for (uint32_t i = 0; i < x->scan.warnings.len; i++)
    pf__report_add_warning(x->r, "%s", x->scan.warnings.items[i]);
  if (rc != PF_OK) {
    pf__report_add_error(x->r, NULL, no_span, NULL, err.msg);
    return;
  }
  x->r->code_scanned = true;
  x->r->code_files_seen = x->scan.files_seen;
  x->r->code_files_parsed = x->scan.files_parsed;
  x->refs_by_target = pf_xcalloc(x->targets.len, sizeof(*x->refs_by_target));
  for (uint32_t i = 0; i < x->scan.refs.len; i++) {
    const pf_code_ref *ref = &x->scan.refs.items[i];
    if (ref->target < x->targets.len)
      pf_vec_push(&x->refs_by_target[ref->target], ref);
  }
}

static void connect_db(run *x)
{
  const pf_config *cfg = x->cfg;
  if (!cfg->db)
    return;
  pf_live_opts opts = {
      5, 3000, 500, cfg->db_budget_ms, cfg->exact, cfg->show_values};
  pf_error err;
  pf_error_clear(&err);
  if (pf__live_connect(cfg->db, &opts, &x->live, &err) != PF_OK) {
    if (cfg->db_required) {
      x->live_err = err;
      x->live_lost = true;
    } else {
      pf__report_add_warning(x->r, "database: %s; checked without it", err.msg);
    }
    return;
  }
  x->r->db_connected = true;
  x->r->db_server_version = pf__live_server_version(x->live);
  x->r->db_standby = pf__live_is_standby(x->live);
  pf__live_redact(cfg->db, x->r->db_target, sizeof(x->r->db_target));
}

// A live call failed: a lost connection stops all later live checks; any
// other failure is a warning about this one check.
static pf_fact_state live_failed(run *x, pf_error *err, const char *what)
{
  if (err->code == PF_DB_CONNECT) {
    x->live_lost = true;
    x->live_err = *err;
    return PF_FACT_UNKNOWN;
  }
  pf__report_add_warning(x->r, "database: %s: %s", what, err->msg);
  return PF_FACT_UNKNOWN;
}

// Runs one data check; a lost server stops the live checks, any other
// failure becomes a "not evaluated" answer with the reason.
static void data_check(run *x, const pf_live_check *chk, pf_live_probe *out,
                       bool *ran)
{
  pf_error err;
  pf_error_clear(&err);
  if (x->live_lost)
    return;
  pf_code rc = pf__live_data_check(x->live, chk, out, &err);
  if (rc == PF_DB_CONNECT) {
    live_failed(x, &err, chk->table);
    return;
  }
  *ran = true;
  if (rc != PF_OK) {
    out->status = PF_LIVE_NOT_EVALUATED;
    pf_buf m = PF_BUF_INIT;
    pf_buf_printf(&m, "not checked: %s", err.msg);
    snprintf(out->why, sizeof(out->why), "%s", m.data);
    pf_buf_clear(&m);
    pf__report_add_warning(x->r, "database: %s", err.msg);
  }
}

// Whether an earlier change of the checked files adds constraint
// c->constraint to c's table (then the ADD's finding covers the VALIDATE).
static bool added_in_run(const run *x, const pf_change *c)
{
  for (uint32_t fi = 0; fi < x->files.len; fi++) {
    const pf_migration *m = x->files.items[fi].m;
    for (uint32_t i = 0; i < m->changes.len; i++) {
      const pf_change *o = &m->changes.items[i];
      if (o == c)
        return false;
      if (o->kind == PF_CHANGE_ADD_CONSTRAINT && o->constraint &&
          o->table.name && !strcmp(o->constraint, c->constraint) &&
          !strcmp(o->table.name, c->table.name))
        return true;
    }
  }
  return false;
}

// VALIDATE CONSTRAINT of a NOT VALID constraint the database already has:
// the same violation query as its ADD, from the catalog's definition.
static void validate_facts(run *x, const pf_change *c, pf_facts *f)
{
  if (!c->constraint || added_in_run(x, c))
    return;
  pf_live_constraint k;
  pf_error err;
  pf_error_clear(&err);
  if (pf__live_constraint(x->live, c->table.schema, c->table.name,
                          c->constraint, &k, &err) != PF_OK) {
    live_failed(x, &err, c->constraint);
    return;
  }
  if (!k.exists || k.validated)
    return;
  pf_live_check chk;
  memset(&chk, 0, sizeof(chk));
  chk.schema = c->table.schema;
  chk.table = c->table.name;
  if (k.type == 'f' && k.ncols) {
    const char *cols[8], *refs[8];
    for (uint32_t i = 0; i < k.ncols; i++) {
      cols[i] = k.cols[i];
      refs[i] = k.ref_cols[i];
    }
    chk.kind = PF_LC_ORPHANS;
    chk.cols = cols;
    chk.ncols = k.ncols;
    chk.ref_schema = k.ref_schema;
    chk.ref_table = k.ref_table;
    chk.ref_cols = refs;
    chk.nref_cols = k.ncols;
    f->validate_cons = PF_CONS_FOREIGN_KEY;
    snprintf(f->validate_ref, sizeof(f->validate_ref), "%s", k.ref_table);
    data_check(x, &chk, &f->data, &f->data_ran);
  } else if (k.type == 'c' && k.expr[0]) {
    // The catalog's expression goes through the same parse and proof as a
    // migration's: it is parsed here, never trusted as text.
    pf_buf sql = PF_BUF_INIT;
    pf_buf_printf(&sql, "ALTER TABLE t ADD CONSTRAINT k CHECK (%s);", k.expr);
    pf_source *src = pf_source_from_mem("(catalog)", sql.data, sql.len);
    pf_migration *m = pf__migration_parse(src);
    if (m->changes.len == 1 && !m->diags.len &&
        m->changes.items[0].cons == PF_CONS_CHECK) {
      chk.kind = PF_LC_CHECK;
      chk.expr = m->changes.items[0].expr;
      chk.shape = m->changes.items[0].shape;
      f->validate_cons = PF_CONS_CHECK;
      data_check(x, &chk, &f->data, &f->data_ran);
    }
    pf__migration_free(m);
    pf_source_free(src);
    pf_buf_clear(&sql);
  }
}

// The data check of change @c, if it has one (issue 5).
static void data_facts(run *x, const pf_change *c, pf_facts *f)
{
  if (!f->table_exists)
    return;
  pf_live_check chk;
  memset(&chk, 0, sizeof(chk));
  chk.schema = c->table.schema;
  chk.table = c->table.name;
  const char *one[1] = {c->column};
  switch (c->kind) {
  case PF_CHANGE_SET_NOT_NULL:
    if (!f->column_exists || f->column_not_null)
      return;
    chk.kind = PF_LC_NULLS;
    chk.cols = one;
    chk.ncols = 1;
    break;
  case PF_CHANGE_ADD_COLUMN:
    if (!c->not_null || c->has_default)
      return;
    chk.kind = PF_LC_ANY_ROW;
    break;
  case PF_CHANGE_VALIDATE_CONSTRAINT:
    validate_facts(x, c, f);
    return;
  case PF_CHANGE_ALTER_COLUMN_TYPE:
    if (!f->column_exists || !c->type)
      return;
    chk.kind = PF_LC_TYPE_FIT;
    chk.cols = one;
    chk.ncols = 1;
    chk.new_type = c->type;
    chk.shape = c->expr ? c->shape : NULL;
    break;
  case PF_CHANGE_CREATE_INDEX:
    if (!c->unique || c->partial || !c->ncolumns)
      return;
    chk.kind = PF_LC_DUPLICATES;
    chk.cols = c->columns;
    chk.ncols = c->ncolumns;
    chk.nulls_not_distinct = c->nulls_not_distinct;
    break;
  case PF_CHANGE_ADD_CONSTRAINT:
    if ((c->cons == PF_CONS_UNIQUE || c->cons == PF_CONS_PRIMARY_KEY) &&
        !c->index && c->ncolumns) {
      chk.kind = PF_LC_DUPLICATES;
      chk.cols = c->columns;
      chk.ncols = c->ncolumns;
      chk.nulls_not_distinct = c->nulls_not_distinct;
      if (c->cons == PF_CONS_PRIMARY_KEY) {
        pf_live_check nulls = chk;
        nulls.kind = PF_LC_NULLS;
        data_check(x, &nulls, &f->pk_nulls, &f->pk_nulls_ran);
      }
    } else if (c->cons == PF_CONS_FOREIGN_KEY && c->ncolumns &&
               c->ref_table.name) {
      chk.kind = PF_LC_ORPHANS;
      chk.cols = c->columns;
      chk.ncols = c->ncolumns;
      chk.ref_schema = c->ref_table.schema;
      chk.ref_table = c->ref_table.name;
      chk.ref_cols = c->ref_columns;
      chk.nref_cols = c->nref_columns;
    } else if (c->cons == PF_CONS_CHECK && c->expr) {
      chk.kind = PF_LC_CHECK;
      chk.expr = c->expr;
      chk.shape = c->shape;
    } else {
      return;
    }
    break;
  default:
    return;
  }
  data_check(x, &chk, &f->data, &f->data_ran);
}

static void live_facts(run *x, const pf_change *c, pf_facts *f)
{
  if (!x->live || x->live_lost)
    return;
  f->db = true;
  pf_error err;
  if (c->table.name && c->kind != PF_CHANGE_CREATE_TABLE) {
    pf_live_table t;
    pf_error_clear(&err);
    if (pf__live_table(x->live, c->table.schema, c->table.name, &t, &err) ==
        PF_OK) {
      f->table_state = PF_FACT_DONE;
      f->table_exists = t.exists;
      f->table_rows = t.est_rows;
      f->table_bytes = t.bytes;
    } else {
      live_failed(x, &err, c->table.name);
      return;
    }
  }
  if (c->column && f->table_exists) {
    pf_live_column col;
    pf_error_clear(&err);
    if (pf__live_column(x->live, c->table.schema, c->table.name, c->column,
                        &col, &err) == PF_OK) {
      f->column_state = PF_FACT_DONE;
      f->column_exists = col.exists;
      f->column_not_null = col.not_null;
      if (col.exists && col.type[0]) {
        snprintf(f->live_type, sizeof(f->live_type), "%s", col.type);
        f->column_type = f->live_type;
      }
    } else {
      live_failed(x, &err, c->column);
      return;
    }
  }
  if (c->kind == PF_CHANGE_DROP_INDEX && c->index) {
    pf_live_index idx;
    pf_error_clear(&err);
    if (pf__live_index(x->live, c->index_q.schema, c->index, &idx, &err) ==
        PF_OK) {
      f->index_state = PF_FACT_DONE;
      f->index_exists = idx.exists;
      f->index_scans = idx.scans;
      f->index_backs_constraint = idx.backs_constraint;
    } else {
      live_failed(x, &err, c->index);
      return;
    }
  }
  data_facts(x, c, f);
}

// Facts from the replayed schema, when no database answers.
static void schema_facts(run *x, const pf_change *c, pf_facts *f)
{
  pf_schema_table *t =
      pf__schema_table(x->schema, c->table.schema, c->table.name);
  if (!t) {
    if (c->table.name &&
        pf__schema_table_gone(x->schema, c->table.schema, c->table.name)) {
      f->schema_known = true;
      f->table_state = PF_FACT_DONE;
      f->table_exists = false;
    } else if (c->kind == PF_CHANGE_DROP_INDEX &&
               pf__schema_index_gone(x->schema, c->index)) {
      f->schema_known = true;
      f->index_state = PF_FACT_DONE;
      f->index_exists = false;
    }
    return;
  }
  f->schema_known = true;
  f->table_state = PF_FACT_DONE;
  f->table_exists = true;
  if (!c->column)
    return;
  pf_schema_column *col = pf__schema_column(t, c->column);
  f->column_state = PF_FACT_DONE;
  f->column_exists = col != NULL;
  if (col) {
    f->column_not_null = col->not_null;
    f->column_type = col->type;
  }
  f->not_null_proven = pf__schema_not_null_proven(t, c->column);
}

// Warns when the connected role could write to a table the migration
// touches (the tool never writes, but a read-only role proves it), and when
// the server is a hot standby.
static void check_role(run *x)
{
  if (!x->live || x->live_lost)
    return;
  if (x->r->db_standby)
    pf__report_add_warning(x->r, "database: connected to a hot standby "
                                 "(pg_is_in_recovery): data checks read the "
                                 "replica, which may lag the primary");
  PF_VEC(const char *) schemas = {NULL, 0, 0};
  PF_VEC(const char *) tables = {NULL, 0, 0};
  for (uint32_t fi = 0; fi < x->files.len; fi++) {
    const pf_migration *m = x->files.items[fi].m;
    for (uint32_t i = 0; i < m->changes.len; i++) {
      const pf_change *c = &m->changes.items[i];
      if (!c->table.name || c->kind == PF_CHANGE_CREATE_TABLE)
        continue;
      bool seen = false;
      for (uint32_t k = 0; k < tables.len && !seen; k++)
        seen = !strcmp(tables.items[k], c->table.name) &&
               ((!schemas.items[k] && !c->table.schema) ||
                (schemas.items[k] && c->table.schema &&
                 !strcmp(schemas.items[k], c->table.schema)));
      if (!seen && tables.len < 64) {
        pf_vec_push(&schemas, c->table.schema);
        pf_vec_push(&tables, c->table.name);
      }
    }
  }
  pf_live_role role;
  pf_error err;
  pf_error_clear(&err);
  pf_code rc = pf__live_role(x->live, schemas.items, tables.items, tables.len,
                             &role, &err);
  pf_vec_clear(&schemas);
  pf_vec_clear(&tables);
  if (rc != PF_OK) {
    live_failed(x, &err, "role");
    return;
  }
  snprintf(x->r->db_role, sizeof(x->r->db_role), "%s", role.name);
  x->r->db_role_can_write = role.can_write;
  if (role.can_write)
    pf__report_add_warning(x->r,
                           "database: role \"%s\" could write (%s); "
                           "pgpreflight only reads, but a read-only role "
                           "proves it: see pgpreflight role-sql",
                           role.name, role.why);
}

static void evaluate(run *x)
{
  pf_strmap created; // tables created by the checked files so far
  pf_strmap_init(&created);
  uint32_t k = 0;
  for (uint32_t fi = 0; fi < x->files.len; fi++) {
    const file_model *fm = &x->files.items[fi];
    uint32_t first = x->r->findings.len;
    // File-level rules see the tables created by the files before this one.
    pf__rules_file(fm->m, fm->src, x->cfg->assume_txn, &created, x->r);
    for (uint32_t i = 0; i < fm->m->changes.len; i++, k++) {
      const pf_change *c = &fm->m->changes.items[i];
      pf_facts f;
      memset(&f, 0, sizeof(f));
      f.table_rows = -1;
      f.created_here = c->table.name && pf_strmap_has(&created, c->table.name);
      f.assume_txn = x->cfg->assume_txn;
      f.show_values = x->cfg->show_values;
      uint32_t t = x->change_target[k];
      if (x->r->code_scanned && t != UINT32_MAX) {
        f.code_scanned = true;
        f.refs = x->refs_by_target[t].items;
        f.nrefs = x->refs_by_target[t].len;
      }
      if (x->live && !x->live_lost && !f.created_here)
        live_facts(x, c, &f);
      if (!f.db)
        schema_facts(x, c, &f);
      pf__rules_eval(fm->m, i, &f, fm->src, x->r);
      pf__replay_change(x->schema, c, true);
      // Materialized views are tables for indexing purposes.
      if ((c->kind == PF_CHANGE_CREATE_TABLE ||
           c->kind == PF_CHANGE_CREATE_MATVIEW) &&
          (c->table.name || c->object.name))
        pf_strmap_put(&created, c->table.name ? c->table.name : c->object.name,
                      NULL);
      if (c->kind == PF_CHANGE_RENAME_TABLE && f.created_here && c->new_name)
        pf_strmap_put(&created, c->new_name, NULL);
    }
    pf__suppress_apply(fm->m, fm->src, x->r, first);
  }
  pf_strmap_clear(&created);
}

pf_code pf_check_run(const pf_config *cfg, pf_report **out, pf_error *err)
{
  run x;
  memset(&x, 0, sizeof(x));
  x.cfg = cfg;
  x.r = pf__report_new();
  pf__scan_result_init(&x.scan);
  x.schema = pf__schema_new();
  load_files(&x);
  load_context(&x);
  scan_code(&x);
  connect_db(&x);
  check_role(&x);
  evaluate(&x);
  pf__report_sort(x.r);

  pf_code rc = PF_OK;
  if (x.live_lost) {
    pf_error_set(err, PF_DB_CONNECT, NULL, no_span, "%s", x.live_err.msg);
    rc = PF_DB_CONNECT;
  }
  for (uint32_t i = 0; i < x.files.len; i++)
    pf__migration_free(x.files.items[i].m);
  pf_vec_clear(&x.files);
  if (x.refs_by_target) {
    for (uint32_t i = 0; i < x.targets.len; i++)
      pf_vec_clear(&x.refs_by_target[i]);
    free(x.refs_by_target);
  }
  pf_vec_clear(&x.targets);
  free(x.change_target);
  pf__scan_result_clear(&x.scan);
  pf__live_free(x.live);
  pf__schema_free(x.schema);
  *out = x.r;
  return rc;
}
