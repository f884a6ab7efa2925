/* The pipeline: sources -> change model -> engines -> findings. */
/* SPDX-License-Identifier: MIT */
// realpath(3) is XSI, beyond _POSIX_C_SOURCE.
#define _XOPEN_SOURCE 700
#include "pgpreflight.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

#include <limits.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

#include "codescan/codescan.h"
#include "config/config.h"
#include "core/core.h"
#include "core/proc.h"
#include "core/source.h"
#include "live/live.h"
#include "migration/model.h"
#include "report/report.h"
#include "rules/rules.h"

static const pf_span no_span = {0, 0};

typedef struct file_model {
  const pf_source *src;
  pf_migration *m;
  bool context; // an earlier migration replayed for the schema, not checked
  bool no_txn;  // the file says its runner does not wrap it in a transaction
  pf_layout layout; // of the file's directory: says how the tool runs it
  int script_txn;   // Flyway's executeInTransaction for it: 0, 1, -1 unset
} file_model;

typedef struct run {
  const pf_config *cfg;
  pf_report *r;
  PF_VEC(file_model) files;
  pf__target_vec targets;
  uint32_t *change_target; // per change (flattened), target index or -1
  // Issue 7: per change, its INSERT_OMITS or LITERAL target, or -1; the
  // arrays those targets point to (owned).
  uint32_t *change_special;
  pf__ptr_vec special_own;
  // Per target (issue 7), what the catalog told the code side (the columns
  // of an enum type), or NULL; owned by special_own.
  PF_VEC(const char *) target_notes;
  pf_scan_result scan;
  PF_VEC(const pf_code_ref *) * refs_by_target;
  pf_live *live;
  bool live_lost;
  pf_error live_err;
  pf_schema *schema; // before each change: replayed context + earlier ones
  // Constraints on tables @schema does not know (no CREATE TABLE was
  // replayed for them): enough to know which columns a validated CHECK
  // (col IS NOT NULL) covers, without claiming to know the table.
  pf_schema *proofs;
  PF_VEC(pf_source *) context_sources; // owned by the run
  pf_run_facts run_facts; // issue 7: timeouts the database sets for the role
  // Issue 5 (deps): the dependencies and recorded queries of the change
  // under evaluation (cleared after each), and whether the absence of
  // pg_stat_statements was reported.
  pf_live_deps deps;
  pf_facts facts; // of the change being evaluated (pf__facts_reset)
  pf_live_stmts stmts;
  bool stmts_noted;
  pf_strmap headroom_seen; // tables whose key headroom was read (issue 7)
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
  pf_scan_target t = {.table = table, .column = column};
  pf_vec_push(&x->targets, t);
  return x->targets.len - 1;
}

// A file to read: checked, or an earlier one replayed for the schema.
typedef struct plan_entry {
  char *path;
  bool context;
  pf_layout layout;
} plan_entry;

// One migration file read and parsed by a loader thread.
typedef struct loaded {
  pf_source *src;
  pf_migration *m;
  bool no_txn;
  int script_txn; // file_model.script_txn
  pf_error err;
} loaded;

typedef struct load_pool {
  const plan_entry *files;
  loaded *out;
  size_t *order;        // plan indexes, largest file first
  size_t n, next;       // next: the first entry of order that may be unclaimed
  bool *claimed, *done; // per plan index, under lock
  pthread_mutex_t lock;
  pthread_cond_t loaded_one; // a file is done
} load_pool;

#define NO_FILE ((size_t)-1)

// The largest file no thread has taken, claimed; NO_FILE when none is left.
// Called with p->lock held.
static size_t claim_largest(load_pool *p)
{
  while (p->next < p->n && p->claimed[p->order[p->next]])
    p->next++;
  if (p->next >= p->n)
    return NO_FILE;
  size_t i = p->order[p->next++];
  p->claimed[i] = true;
  return i;
}

// The first file at or after plan index @from that no thread has taken,
// claimed; NO_FILE when none is. Called with p->lock held.
static size_t claim_from(load_pool *p, size_t from)
{
  for (size_t i = from; i < p->n; i++) {
    if (!p->claimed[i]) {
      p->claimed[i] = true;
      return i;
    }
  }
  return NO_FILE;
}

// Reads and parses plan entry @i (claimed by the caller), then marks it done.
static void load_one(load_pool *p, size_t i)
{
  loaded *l = &p->out[i];
  pf_error_clear(&l->err);
  l->src = pf_source_load(p->files[i].path, &l->err);
  if (l->src) {
    // dbmate files: only the "-- migrate:up" section is the migration.
    pf__migration_dbmate_mask(l->src->data, l->src->len, &l->no_txn);
    l->m = pf__migration_parse(l->src);
  }
  // Flyway: a V1__x.sql.conf beside the file may say how it runs.
  l->script_txn = p->files[i].layout == PF_LAYOUT_FLYWAY
                      ? pf__flyway_script_txn(p->files[i].path)
                      : -1;
  pthread_mutex_lock(&p->lock);
  p->done[i] = true;
  pthread_cond_broadcast(&p->loaded_one);
  pthread_mutex_unlock(&p->lock);
}

static void *load_worker(void *arg)
{
  load_pool *p = arg;
  for (;;) {
    pthread_mutex_lock(&p->lock);
    size_t i = claim_largest(p);
    pthread_mutex_unlock(&p->lock);
    if (i == NO_FILE)
      break;
    load_one(p, i);
  }
  return NULL;
}

typedef struct sized {
  size_t index;
  off_t size;
} sized;

static int by_size_desc(const void *a, const void *b)
{
  const sized *x = a, *y = b;
  if (x->size != y->size)
    return x->size < y->size ? 1 : -1;
  return x->index < y->index ? -1 : x->index > y->index;
}

// The order in which the loaders take the files: largest first, so that
// the last file a thread starts is a small one and no thread waits long
// for another (a regression file can be a fifth of a whole run). Results
// still land at their plan index, so the order never shows.
static size_t *largest_first(const plan_entry *files, size_t n)
{
  sized *s = pf_xcalloc(n ? n : 1, sizeof(*s));
  for (size_t i = 0; i < n; i++) {
    struct stat st;
    s[i].index = i;
    s[i].size = strcmp(files[i].path, "-") != 0 && stat(files[i].path, &st) == 0
                    ? st.st_size
                    : 0;
  }
  qsort(s, n, sizeof(*s), by_size_desc);
  size_t *order = pf_xcalloc(n ? n : 1, sizeof(*order));
  for (size_t i = 0; i < n; i++)
    order[i] = s[i].index;
  free(s);
  return order;
}

static const char *base_name(const char *path)
{
  const char *slash = strrchr(path, '/');
  return slash ? slash + 1 : path;
}

static char *dir_name(const char *path)
{
  const char *base = base_name(path);
  if (base == path)
    return pf_xstrdup(".");
  if (base == path + 1)
    return pf_xstrdup("/");
  return pf_xstrndup(path, (size_t)(base - path - 1));
}

// An ordered set of migrations (one directory, Prisma folder or sqitch
// project) and how far the plan has walked it.
typedef struct mset {
  char **files;
  char **reals; // realpath of each, NULL when it has none
  size_t n;
  size_t next; // files before this index are already placed in the plan
  pf_layout layout;
  pf_strmap index; // realpath -> index + 1
} mset;

typedef struct planner {
  PF_VEC(plan_entry) plan;
  pf_strmap checked;       // realpaths of the files to check
  pf_strmap placed;        // realpaths already in the plan as context
  pf_strmap sets;          // set directory -> mset *
  PF_VEC(mset *) all_sets; // owned
  pf_strmap layouts;       // directory -> layout + 1
  const pf_config *cfg;
} planner;

static pf_layout cached_layout(planner *pl, const char *dir)
{
  uintptr_t v = (uintptr_t)pf_strmap_get(&pl->layouts, dir);
  if (!v) {
    v = (uintptr_t)pf__migration_layout(dir) + 1;
    pf_strmap_put(&pl->layouts, dir, (void *)v);
  }
  return (pf_layout)(v - 1);
}

static char *real_of(const char *path)
{
  char buf[PATH_MAX];
  return realpath(path, buf) ? pf_xstrdup(buf) : NULL;
}

static bool excluded(const pf_config *cfg, const char *path)
{
  return cfg->excludes.len &&
         pf_path_excluded(path, (const char *const *)cfg->excludes.items,
                          cfg->excludes.len);
}

// The set @file belongs to: its directory, or the Prisma migrations folder
// above its migration folder.
static mset *set_of(planner *pl, const char *file)
{
  char *dir = dir_name(file);
  if (strcmp(base_name(file), "migration.sql") == 0) {
    char *up = dir_name(dir);
    if (cached_layout(pl, up) == PF_LAYOUT_PRISMA) {
      free(dir);
      dir = up;
    } else {
      free(up);
    }
  }
  mset *s = pf_strmap_get(&pl->sets, dir);
  if (!s) {
    s = pf_xcalloc(1, sizeof(*s));
    pf_strmap_init(&s->index);
    pf_error err;
    pf_error_clear(&err);
    if (pf__migration_dir(dir, &s->files, &s->n, &s->layout, &err) == PF_OK) {
      s->reals = pf_xcalloc(s->n ? s->n : 1, sizeof(char *));
      for (size_t i = 0; i < s->n; i++) {
        s->reals[i] = real_of(s->files[i]);
        if (s->reals[i])
          pf_strmap_put(&s->index, s->reals[i], (void *)(uintptr_t)(i + 1));
      }
    }
    pf_strmap_put(&pl->sets, dir, s);
    pf_vec_push(&pl->all_sets, s);
  }
  free(dir);
  return s;
}

static void mset_free(mset *s)
{
  for (size_t i = 0; i < s->n; i++) {
    free(s->files[i]);
    free(s->reals[i]);
  }
  free(s->files);
  free(s->reals);
  pf_strmap_clear(&s->index);
  free(s);
}

// Whether a file's place in its set says which migrations ran before it:
// a framework orders its files; a plain directory only by a leading version
// ("0003_x.sql", "20240101_x.sql", "V3__x.sql").
static bool ordered_in(const mset *s, const char *file)
{
  const char *b = base_name(file);
  return s->layout != PF_LAYOUT_PLAIN || (b[0] >= '0' && b[0] <= '9') ||
         (b[0] == 'V' && b[1] >= '0' && b[1] <= '9');
}

// Places @file in the plan, after the migrations of its set that come
// before it and are not checked themselves: they are replayed, unchecked,
// so that the schema is what the file will run against.
static void plan_file(planner *pl, const char *file, const char *real)
{
  struct stat st;
  pf_layout layout = PF_LAYOUT_PLAIN;
  if (real && strcmp(file, "-") != 0 && stat(file, &st) == 0 &&
      S_ISREG(st.st_mode)) {
    mset *s = set_of(pl, file);
    layout = s->layout;
    uintptr_t at = (uintptr_t)pf_strmap_get(&s->index, real);
    if (at && ordered_in(s, file)) {
      for (size_t k = s->next; k + 1 < at; k++) {
        const char *r = s->reals[k];
        if (!r || pf_strmap_has(&pl->checked, r) ||
            pf_strmap_has(&pl->placed, r) || excluded(pl->cfg, s->files[k]))
          continue;
        pf_strmap_put(&pl->placed, r, NULL);
        plan_entry e = {pf_xstrdup(s->files[k]), true, s->layout};
        pf_vec_push(&pl->plan, e);
      }
      if (at > s->next)
        s->next = at;
    }
  }
  plan_entry e = {pf_xstrdup(file), false, layout};
  pf_vec_push(&pl->plan, e);
}

// Which files to check, and the earlier migrations to replay before each:
// the expanded arguments, less excluded files and, with --since or
// --staged, the files git does not report.
static void make_plan(run *x, planner *pl)
{
  const pf_config *cfg = x->cfg;
  char **files = NULL;
  size_t n = 0;
  pf_error err;
  pf_error_clear(&err);
  if (pf__migration_expand((const char *const *)cfg->migrations.items,
                           cfg->migrations.len, &files, &n, &err) != PF_OK) {
    pf__report_add_error(x->r, NULL, no_span, NULL, err.msg);
    return;
  }
  pf_strmap changed;
  pf_strmap_init(&changed);
  bool filter = cfg->since || cfg->staged;
  if (filter &&
      pf__git_changed(cfg->since, cfg->staged, &changed, &err) != PF_OK) {
    pf__report_add_error(x->r, NULL, no_span, NULL, err.msg);
    for (size_t i = 0; i < n; i++)
      free(files[i]);
    free(files);
    pf_strmap_clear(&changed);
    return;
  }
  char **reals = pf_xcalloc(n ? n : 1, sizeof(char *));
  for (size_t i = 0; i < n; i++) {
    bool keep = !excluded(cfg, files[i]);
    if (strcmp(files[i], "-") != 0)
      reals[i] = real_of(files[i]);
    if (keep && filter && strcmp(files[i], "-") != 0)
      keep = reals[i] && pf_strmap_has(&changed, reals[i]);
    if (!keep) {
      free(files[i]);
      files[i] = NULL;
    } else if (reals[i]) {
      pf_strmap_put(&pl->checked, reals[i], NULL);
    }
  }
  size_t kept = 0;
  for (size_t i = 0; i < n; i++) {
    if (files[i]) {
      plan_file(pl, files[i], reals[i]);
      kept++;
    }
    free(files[i]);
    free(reals[i]);
  }
  if (cfg->since && kept == 0)
    pf__report_add_warning(x->r, "no migration file changed since %s",
                           cfg->since);
  free(reals);
  free(files);
  pf_strmap_clear(&changed);
}

// Reads and parses the planned files, several at a time (files are
// independent until evaluation, which then goes in plan order).
// The loading of the planned files: the plan, the pool and its threads.
typedef struct loading {
  planner pl;
  load_pool pool;
  pthread_t threads[64];
  size_t started;
} loading;

// Makes the plan and starts jobs-1 loader threads on it (the calling thread
// loads too, in load_wait or load_all).
static void load_start(run *x, loading *ld)
{
  const pf_config *cfg = x->cfg;
  planner *pl = &ld->pl;
  memset(pl, 0, sizeof(*pl));
  pl->cfg = cfg;
  pf_strmap_init(&pl->checked);
  pf_strmap_init(&pl->placed);
  pf_strmap_init(&pl->sets);
  pf_strmap_init(&pl->layouts);
  make_plan(x, pl);
  const plan_entry *files = pl->plan.items;
  size_t n = pl->plan.len;

  load_pool *pool = &ld->pool;
  memset(pool, 0, sizeof(*pool));
  pool->files = files;
  pool->out = pf_xcalloc(n ? n : 1, sizeof(loaded));
  pool->order = largest_first(files, n);
  pool->n = n;
  pool->claimed = pf_xcalloc(n ? n : 1, sizeof(bool));
  pool->done = pf_xcalloc(n ? n : 1, sizeof(bool));
  pthread_mutex_init(&pool->lock, NULL);
  pthread_cond_init(&pool->loaded_one, NULL);
  long cores = sysconf(_SC_NPROCESSORS_ONLN);
  size_t jobs = cfg->jobs ? cfg->jobs : (cores > 0 ? (size_t)cores : 1);
  if (jobs > n)
    jobs = n;
  ld->started = 0;
  // The calling thread works too, so one file needs no thread at all.
  for (size_t t = 1; t < jobs && ld->started < 64; t++) {
    if (pthread_create(&ld->threads[ld->started], NULL, load_worker, pool) == 0)
      ld->started++;
  }
}

// Waits until plan entry @i is loaded, loading files itself meanwhile: @i
// when no thread has taken it, else the next ones in plan order, which are
// the ones wanted after it.
static void load_wait(loading *ld, size_t i)
{
  load_pool *p = &ld->pool;
  pthread_mutex_lock(&p->lock);
  while (!p->done[i]) {
    size_t j = claim_from(p, i);
    if (j == NO_FILE) {
      pthread_cond_wait(&p->loaded_one, &p->lock);
      continue;
    }
    pthread_mutex_unlock(&p->lock);
    load_one(p, j);
    pthread_mutex_lock(&p->lock);
  }
  pthread_mutex_unlock(&p->lock);
}

// Takes the loaded plan entry @i into the run: the file's model, its input
// errors and psql notes into the report, and the report's counts. Entries
// are taken in plan order, so the report reads the same however the files
// were loaded.
static void load_take(run *x, loading *ld, size_t i)
{
  const plan_entry *files = ld->pl.plan.items;
  loaded *l = &ld->pool.out[i];
  if (files[i].context) {
    // An earlier migration: replayed into the schema, never reported on.
    if (!l->src) {
      pf__report_add_warning(x->r, "%s; the schema context may be incomplete",
                             l->err.msg);
      return;
    }
    if (l->m->diags.len)
      pf__report_add_warning(x->r,
                             "%s: earlier migration does not parse; "
                             "the schema context may be incomplete",
                             files[i].path);
    pf_vec_push(&x->context_sources, l->src);
    file_model fm = {l->src,          l->m,         true, l->no_txn,
                     files[i].layout, l->script_txn};
    pf_vec_push(&x->files, fm);
    x->r->context_files++;
    return;
  }
  if (!l->src) {
    pf__report_add_error(x->r, NULL, no_span, NULL, l->err.msg);
    return;
  }
  pf_source *src = l->src;
  pf__report_own_source(x->r, src);
  file_model fm = {src, l->m, false, l->no_txn, files[i].layout, l->script_txn};
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

// Joins the loader threads and frees the plan and the pool (the sources and
// models now belong to the run).
static void load_finish(loading *ld)
{
  for (size_t t = 0; t < ld->started; t++)
    pthread_join(ld->threads[t], NULL);
  load_pool *pool = &ld->pool;
  pthread_mutex_destroy(&pool->lock);
  pthread_cond_destroy(&pool->loaded_one);
  free(pool->order);
  free(pool->claimed);
  free(pool->done);
  free(pool->out);
  planner *pl = &ld->pl;
  for (size_t i = 0; i < pl->plan.len; i++)
    free(pl->plan.items[i].path);
  pf_vec_clear(&pl->plan);
  pf_strmap_clear(&pl->checked);
  pf_strmap_clear(&pl->placed);
  for (uint32_t i = 0; i < pl->all_sets.len; i++)
    mset_free(pl->all_sets.items[i]);
  pf_vec_clear(&pl->all_sets);
  pf_strmap_clear(&pl->sets);
  pf_strmap_clear(&pl->layouts);
}

static void load_files(run *x)
{
  loading ld;
  load_start(x, &ld);
  load_worker(&ld.pool);
  for (size_t i = 0; i < ld.pool.n; i++) {
    load_wait(&ld, i); // another thread may still be on it
    load_take(x, &ld, i);
  }
  load_finish(&ld);
}

// The code targets of the checked changes: references for renames and
// drops, INSERTs and enum literals for issue 7's checks.
// Every skip reason is in the report, scanned or not (JSON's fixed shape).
static void code_skips(run *x)
{
  for (int i = 0; i < PF_SKIP_COUNT && i < 16; i++) {
    x->r->code_skipped[i].reason = pf_skip_reason_name((pf_skip_reason)i);
    x->r->code_skipped[i].count = 0;
    x->r->code_nskipped = (uint32_t)i + 1;
  }
}

static void plan_code(run *x)
{
  code_skips(x);
  uint32_t total = x->r->changes;
  x->change_target = pf_xmalloc(sizeof(uint32_t) * (total ? total : 1));
  uint32_t k = 0;
  for (uint32_t f = 0; f < x->files.len; f++) {
    const pf_migration *m = x->files.items[f].m;
    if (x->files.items[f].context)
      continue;
    for (uint32_t i = 0; i < m->changes.len; i++, k++) {
      bool column;
      const pf_change *c = &m->changes.items[i];
      x->change_target[k] = UINT32_MAX;
      if (wants_refs(c, &column))
        x->change_target[k] =
            target_index(x, c->table.name, column ? c->column : NULL);
    }
  }
  x->change_special = pf_xmalloc(sizeof(uint32_t) * (total ? total : 1));
  for (uint32_t i = 0; i < total; i++)
    x->change_special[i] = UINT32_MAX;
  if (x->cfg->code_paths.len) {
    const pf_migration **ms = pf_xcalloc(x->files.len + 1, sizeof(*ms));
    bool *context = pf_xcalloc(x->files.len + 1, sizeof(bool));
    for (uint32_t f = 0; f < x->files.len; f++) {
      ms[f] = x->files.items[f].m;
      context[f] = x->files.items[f].context;
    }
    pf__code_targets(ms, context, x->files.len, &x->targets, x->change_special,
                     &x->special_own);
    free(ms);
    free(context);
  }
}

static void scan_code(run *x)
{
  if (!x->cfg->code_paths.len || !x->targets.len)
    return;
  pf_scan_opts opts = {.jobs = x->cfg->jobs,
                       .include_low = x->cfg->show_low,
                       .max_file_size = x->cfg->max_file_size,
                       .excludes = (const char *const *)x->cfg->excludes.items,
                       .nexcludes = x->cfg->excludes.len,
                       .progress = x->cfg->progress,
                       .progress_ud = x->cfg->progress_ud};
  pf_error err;
  pf_error_clear(&err);
  // The database waits while the code is read: --db-budget is its time.
  int64_t left = x->live ? pf__live_budget_pause(x->live) : 0;
  pf_code rc = pf__codescan_run((const char *const *)x->cfg->code_paths.items,
                                x->cfg->code_paths.len, x->targets.items,
                                x->targets.len, &opts, &x->scan, &err);
  if (x->live)
    pf__live_budget_resume(x->live, left);
  for (uint32_t i = 0; i < x->scan.warnings.len; i++)
    pf__report_add_warning(x->r, "%s", x->scan.warnings.items[i]);
  if (rc != PF_OK) {
    pf__report_add_error(x->r, NULL, no_span, NULL, err.msg);
    return;
  }
  x->r->code_scanned = true;
  x->r->code_files_seen = x->scan.files_seen;
  x->r->code_files_parsed = x->scan.files_parsed;
  for (uint32_t i = 0; i < x->r->code_nskipped; i++)
    x->r->code_skipped[i].count = x->scan.skipped[i];
  x->refs_by_target = pf_xcalloc(x->targets.len, sizeof(*x->refs_by_target));
  for (uint32_t i = 0; i < x->scan.refs.len; i++) {
    const pf_code_ref *ref = &x->scan.refs.items[i];
    if (ref->target >= x->targets.len)
      continue;
    if (ref->suppressed) {
      // Silenced on purpose, never silently: the report says so.
      x->r->code_refs_suppressed++;
      const pf_scan_target *t = &x->targets.items[ref->target];
      if (t->kind == PF_SCAN_LITERAL)
        pf__report_add_warning(x->r,
                               "%s:%u:%u: code literal spelling enum value "
                               "'%s' suppressed by " PF_IGNORE_REF_TOKEN,
                               ref->path, ref->line, ref->col,
                               t->nvalues ? t->values[0] : "");
      else
        pf__report_add_warning(x->r,
                               "%s:%u:%u: code reference to \"%s%s%s\" "
                               "suppressed by " PF_IGNORE_REF_TOKEN,
                               ref->path, ref->line, ref->col, t->table,
                               t->column ? "." : "",
                               t->column ? t->column : "");
      continue;
    }
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
  // What a statement destroys (issue 7): the values of a dropped column,
  // the rows of a dropped, truncated or emptied table.
  case PF_CHANGE_DROP_COLUMN:
    if (!f->column_exists)
      return;
    chk.kind = PF_LC_LOST;
    chk.cols = one;
    chk.ncols = 1;
    break;
  case PF_CHANGE_DROP_TABLE:
    chk.kind = PF_LC_LOST;
    break;
  case PF_CHANGE_TRUNCATE:
  case PF_CHANGE_DELETE:
    if (c->kind == PF_CHANGE_TRUNCATE ? !c->cascade : !c->where_all)
      return; // only the statements a rule reports on
    chk.kind = PF_LC_LOST;
    break;
  case PF_CHANGE_ALTER_COLUMN_TYPE:
    if (!f->column_exists || !c->type)
      return;
    chk.kind = PF_LC_TYPE_FIT;
    chk.cols = one;
    chk.ncols = 1;
    chk.new_type = c->type;
    chk.shape = c->expr ? c->shape : NULL;
    chk.expr = c->expr; // USING, cast when proven safe to evaluate
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
    if (c->from_def)
      return; // on a column the statement adds: there is no data yet
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
    } else if (c->cons == PF_CONS_EXCLUDE) {
      // Columns compared with operators: a self-join; an expression
      // element or a WHERE is not evaluated (say so, never "passes").
      const char *why = !c->ncolumns || c->excl_expr
                            ? "an element is an expression, not a column"
                        : c->partial      ? "it has a WHERE clause"
                        : c->ncolumns > 8 ? "it has more than 8 elements"
                                          : NULL;
      if (why) {
        memset(&f->data, 0, sizeof(f->data));
        f->data.status = PF_LIVE_NOT_EVALUATED;
        snprintf(f->data.why, sizeof(f->data.why),
                 "not evaluated: %s (only EXCLUDE over plain columns is "
                 "checked)",
                 why);
        f->data_ran = true;
        return;
      }
      chk.kind = PF_LC_EXCLUSION;
      chk.cols = c->columns;
      chk.ncols = c->ncolumns;
      chk.ops = c->excl_ops;
    } else {
      return;
    }
    break;
  default:
    return;
  }
  data_check(x, &chk, &f->data, &f->data_ran);
}

// ADD COLUMN ... DEFAULT: the volatility of every function the DEFAULT
// calls, from pg_proc.provolatile, into the change. The most volatile one
// decides; one the catalog does not have (created by this migration) leaves
// it unknown. The change's effect follows, before the file-level rules read
// it: volatile rewrites, stable and immutable do not (PostgreSQL 11+).
static void default_facts(run *x, pf_migration *m, pf_change *c)
{
  if (c->kind != PF_CHANGE_ADD_COLUMN || !c->expr || !c->ndefault_funcs)
    return;
  char worst = 0;
  const pf_qname *decided = NULL;
  for (uint32_t i = 0; i < c->ndefault_funcs; i++) {
    const pf_qname *fn = &c->default_funcs[i];
    char v = 0;
    pf_error err;
    pf_error_clear(&err);
    if (pf__live_func_volatility(x->live, fn->schema, fn->name, &v, &err) !=
        PF_OK) {
      live_failed(x, &err, fn->name);
      return;
    }
    if (!v)
      return; // not in the catalog: the guess stands
    int rank = v == 'v' ? 3 : v == 's' ? 2 : 1;
    int worst_rank = worst == 'v' ? 3 : worst == 's' ? 2 : worst ? 1 : 0;
    if (rank > worst_rank) {
      worst = v;
      decided = fn;
    }
  }
  if (!decided)
    return;
  pf_buf b = PF_BUF_INIT;
  pf_buf_printf(&b, "%s%s%s()", decided->schema ? decided->schema : "",
                decided->schema ? "." : "", decided->name);
  c->default_func = pf_arena_strdup(m->arena, b.data);
  pf_buf_clear(&b);
  c->default_volatility = worst;
  int v = x->r->db_server_version;
  if (worst == 'v' || (v && v < 110000))
    c->effect = PF_EFFECT_REWRITE;
  else
    c->effect = PF_EFFECT_NONE;
}

static void mark_default_facts(run *x, pf_migration *m)
{
  for (uint32_t i = 0; i < m->changes.len && x->live && !x->live_lost; i++)
    default_facts(x, m, &m->changes.items[i]);
}

// What depends on a dropped or renamed object, and the recorded queries
// that use it (a missing pg_stat_statements is said once).
static void deps_facts(run *x, const pf_change *c, pf_facts *f)
{
  if (x->live_lost || !pf__check_wants_deps(c) ||
      (c->kind != PF_CHANGE_DROP_INDEX && !f->table_exists))
    return;
  pf_error err;
  pf_error_clear(&err);
  if (pf__check_deps(x->live, c, &x->deps, &err) != PF_OK) {
    live_failed(x, &err, "dependencies");
    return;
  }
  f->deps = &x->deps;
  if (c->kind == PF_CHANGE_DROP_INDEX || c->kind == PF_CHANGE_DROP_CONSTRAINT)
    return;
  pf_error_clear(&err);
  if (pf__check_stmts(x->live, c, &x->stmts, &err) != PF_OK) {
    live_failed(x, &err, "pg_stat_statements");
    return;
  }
  if (x->stmts.status == PF_LIVE_DONE ||
      x->stmts.status == PF_LIVE_INCONCLUSIVE) {
    f->stmts = &x->stmts;
  } else if (!x->stmts_noted && x->stmts.why[0]) {
    x->stmts_noted = true;
    pf__report_add_warning(x->r,
                           "database: %s: recorded queries that use renamed "
                           "or dropped columns and tables not checked",
                           x->stmts.why);
  }
}

// The cost of applying change @c to its existing table: size, rows and the
// lock queue (issue 5). A timeout or the budget leaves it out, with a
// warning.
static void cost_facts(run *x, const pf_change *c, pf_facts *f)
{
  if (!c->table.name || c->kind == PF_CHANGE_CREATE_TABLE ||
      (f->table_state == PF_FACT_DONE && !f->table_exists) ||
      c->lock == PF_LOCK_NONE || x->live_lost)
    return;
  pf_error err;
  pf_error_clear(&err);
  pf_code rc = pf__live_cost(x->live, c->table.schema, c->table.name, c->lock,
                             x->cfg->long_xact_s, &f->cost, &err);
  if (rc != PF_OK) {
    live_failed(x, &err, c->table.name);
    return;
  }
  f->long_xact_s = x->cfg->long_xact_s;
  f->cost_ran = f->cost.exists;
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
      // A lock timeout: a queue on the table blocked the lookup; the lock
      // queue itself can still be read, and it is the news.
      bool locked = !strcmp(err.sqlstate, "55P03");
      live_failed(x, &err, c->table.name);
      if (locked)
        cost_facts(x, c, f);
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
      f->column_has_default = col.exists && col.has_default;
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
  if (c->default_volatility) {
    f->default_volatility = c->default_volatility;
    snprintf(f->default_func, sizeof(f->default_func), "%s", c->default_func);
  }
  deps_facts(x, c, f);
  cost_facts(x, c, f);
  data_facts(x, c, f);
}

// Key headroom of one table, once per run: the first change that touches
// it carries the findings.
static void headroom_table(run *x, const char *schema, const char *table,
                           pf_facts *f)
{
  if (x->live_lost || !table)
    return;
  pf_buf key = PF_BUF_INIT;
  pf_buf_printf(&key, "%s\x1f%s", schema ? schema : "", table);
  bool seen = pf_strmap_has(&x->headroom_seen, key.data);
  pf_strmap_put(&x->headroom_seen, key.data, NULL);
  pf_buf_clear(&key);
  if (seen)
    return;
  uint32_t n = 0, cap = 8 - f->nheadroom;
  pf_error err;
  pf_error_clear(&err);
  if (pf__live_headroom(x->live, schema, table, f->headroom + f->nheadroom, cap,
                        &n, &err) != PF_OK) {
    live_failed(x, &err, table);
    return;
  }
  f->nheadroom += n;
}

// The tables a change touches whose keys may run out (issue 7): the table
// it alters, and the table a new FOREIGN KEY references.
static void headroom_facts(run *x, const pf_change *c, pf_facts *f)
{
  // A table the change drops has no future INSERTs to fail.
  if (!x->live || x->live_lost || !c->table.name ||
      c->kind == PF_CHANGE_CREATE_TABLE || c->kind == PF_CHANGE_DROP_TABLE ||
      !f->table_exists)
    return;
  headroom_table(x, c->table.schema, c->table.name, f);
  if (c->kind == PF_CHANGE_ADD_CONSTRAINT && c->cons == PF_CONS_FOREIGN_KEY)
    headroom_table(x, c->ref_table.schema, c->ref_table.name, f);
}

static bool same_word(const char *a, const char *b)
{
  for (; *a && *b; a++, b++) {
    if (pf_ascii_lower((unsigned char)*a) != *b)
      return false;
  }
  return !*a && !*b;
}

// The largest value of integer type text @type ("integer", "int4",
// "pg_catalog.int2", "serial", ...), with its name in *@name; 0 for any
// other type, which has the room of bigint or is no integer.
static int64_t int_limit(const char *type, const char **name)
{
  static const struct {
    const char *spelling, *name;
    int64_t limit;
  } types[] = {
      {"smallint", "smallint", 32767},    {"int2", "smallint", 32767},
      {"smallserial", "smallint", 32767}, {"serial2", "smallint", 32767},
      {"integer", "integer", 2147483647}, {"int", "integer", 2147483647},
      {"int4", "integer", 2147483647},    {"serial", "integer", 2147483647},
      {"serial4", "integer", 2147483647}};
  if (!type)
    return 0;
  if (!strncmp(type, "pg_catalog.", 11))
    type += 11;
  for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
    if (same_word(type, types[i].spelling)) {
      *name = types[i].name;
      return types[i].limit;
    }
  }
  return 0;
}

// The type of column @col of @c's table as it is when @m's change @i runs:
// from an earlier change of the file that adds, creates or retypes it, the
// replayed schema, or the catalog (into @buf); NULL when none knows.
static const char *column_type_before(run *x, const pf_migration *m, uint32_t i,
                                      const char *col, char *buf, size_t size)
{
  const pf_change *c = &m->changes.items[i];
  for (uint32_t j = i; j-- > 0;) {
    const pf_change *a = &m->changes.items[j];
    if (!pf__qname_same(&a->table, &c->table))
      continue;
    if (a->kind == PF_CHANGE_ALTER_COLUMN_TYPE && a->column &&
        !strcmp(a->column, col))
      return a->type;
    if (a->kind == PF_CHANGE_ADD_COLUMN || a->kind == PF_CHANGE_CREATE_TABLE) {
      for (uint32_t k = 0; k < a->ncols; k++) {
        const pf_column_def *d = &a->cols[k];
        if (d->name && !strcmp(d->name, col))
          return d->type_base ? d->type_base : d->type;
      }
    }
  }
  pf_schema_table *t =
      pf__schema_table(x->schema, c->table.schema, c->table.name);
  pf_schema_column *sc = t ? pf__schema_column(t, col) : NULL;
  if (sc && sc->type)
    return sc->type;
  pf_live_column lc;
  pf_error err;
  pf_error_clear(&err);
  if (pf__live_column(x->live, c->table.schema, c->table.name, col, &lc,
                      &err) != PF_OK) {
    live_failed(x, &err, col);
    return NULL;
  }
  if (!lc.exists)
    return NULL;
  snprintf(buf, size, "%s", lc.type);
  return buf;
}

// Key headroom of what change @i of @m gives a smaller range or makes a key
// (issue 7): ALTER COLUMN TYPE of a key column to smallint or integer,
// ALTER SEQUENCE ... AS smallint or integer, ADD ... IDENTITY on an
// existing column, and a single-column FOREIGN KEY of such a type whose
// referenced key is wider (an index-backed max and the sequence only,
// never a scan). A table created by these migrations has nothing used.
static void key_facts(run *x, const pf_migration *m, uint32_t i, pf_facts *f,
                      const pf_strmap *created)
{
  const pf_change *c = &m->changes.items[i];
  const char *name = NULL;
  int64_t limit = 0;
  bool found = false;
  char buf[128];
  pf_error err;
  pf_error_clear(&err);
  pf_code rc = PF_OK;
  switch (c->kind) {
  case PF_CHANGE_ALTER_COLUMN_TYPE:
    if (f->created_here || !c->column || !c->table.name ||
        !(limit = int_limit(c->type, &name)))
      return;
    rc = pf__live_column_usage(x->live, c->table.schema, c->table.name,
                               c->column, &f->key, &found, &err);
    found = found && f->key.is_key;
    break;
  case PF_CHANGE_ALTER_SEQUENCE:
    if (!c->object.name || !(limit = int_limit(c->type, &name)))
      return;
    rc = pf__live_sequence_usage(x->live, c->object.schema, c->object.name,
                                 &f->key, &found, &err);
    break;
  case PF_CHANGE_ADD_IDENTITY:
    if (f->created_here || !c->column || !c->table.name)
      return;
    rc = pf__live_column_usage(x->live, c->table.schema, c->table.name,
                               c->column, &f->key, &found, &err);
    // The identity takes the column's type: its range is the one to use.
    if (found && !(limit = int_limit(f->key.type, &name)))
      return;
    break;
  case PF_CHANGE_ADD_CONSTRAINT: {
    if (c->cons != PF_CONS_FOREIGN_KEY || c->ncolumns != 1 ||
        !c->ref_table.name || pf_strmap_has(created, c->ref_table.name))
      return;
    const char *type =
        column_type_before(x, m, i, c->columns[0], buf, sizeof(buf));
    if (x->live_lost || !(limit = int_limit(type, &name)))
      return;
    rc = pf__live_column_usage(x->live, c->ref_table.schema, c->ref_table.name,
                               c->nref_columns == 1 ? c->ref_columns[0] : NULL,
                               &f->key, &found, &err);
    // A key as narrow as the column: its own headroom (of the referenced
    // table) says it.
    found = found && f->key.limit > limit;
    break;
  }
  default:
    return;
  }
  if (rc != PF_OK) {
    live_failed(x, &err, c->table.name ? c->table.name : c->object.name);
    return;
  }
  if (!found)
    return;
  f->key_ran = true;
  f->key_type = name;
  f->key_limit = limit;
}

// Appends @s as a double-quoted SQL identifier, or (@quote '\'') literal.
static void put_quoted_sql(pf_buf *b, const char *s, char quote)
{
  pf_buf_putc(b, quote);
  for (; *s; s++) {
    if (*s == quote)
      pf_buf_putc(b, quote);
    pf_buf_putc(b, *s);
  }
  pf_buf_putc(b, quote);
}

// Appends the test that is FALSE exactly on the rows where column @col
// holds one of @values (@n of them): "col"::text <> 'a' (NOT IN for more),
// or for an array column 'a' <> ALL ("col"::text[]) AND ... Only text
// comparisons: the proof then needs no operator of the enum.
static void put_enum_test(pf_buf *e, const char *col, bool array,
                          const char *const *values, uint32_t n)
{
  if (array) {
    for (uint32_t i = 0; i < n; i++) {
      pf_buf_puts(e, i ? " AND " : "");
      put_quoted_sql(e, values[i], '\'');
      pf_buf_puts(e, " <> ALL (");
      put_quoted_sql(e, col, '"');
      pf_buf_puts(e, "::text[])");
    }
    return;
  }
  put_quoted_sql(e, col, '"');
  if (n == 1) {
    pf_buf_puts(e, "::text <> ");
    put_quoted_sql(e, values[0], '\'');
    return;
  }
  pf_buf_puts(e, "::text NOT IN (");
  for (uint32_t i = 0; i < n; i++) {
    pf_buf_puts(e, i ? ", " : "");
    put_quoted_sql(e, values[i], '\'');
  }
  pf_buf_putc(e, ')');
}

// Runs the data check "rows where (@expr) IS FALSE" on @schema.@table. The
// expression goes through the same parse and proof as a migration's CHECK.
static void expr_check(run *x, const char *schema, const char *table,
                       const char *expr, pf_live_probe *out, bool *ran)
{
  pf_buf sql = PF_BUF_INIT;
  pf_buf_printf(&sql, "ALTER TABLE t ADD CONSTRAINT k CHECK (%s);", expr);
  pf_source *src = pf_source_from_mem("(enum check)", sql.data, sql.len);
  pf_migration *m = pf__migration_parse(src);
  if (m->changes.len == 1 && !m->diags.len &&
      m->changes.items[0].cons == PF_CONS_CHECK) {
    pf_live_check chk;
    memset(&chk, 0, sizeof(chk));
    chk.kind = PF_LC_CHECK;
    chk.schema = schema;
    chk.table = table;
    chk.expr = m->changes.items[0].expr;
    chk.shape = m->changes.items[0].shape;
    data_check(x, &chk, out, ran);
  }
  pf__migration_free(m);
  pf_source_free(src);
  pf_buf_clear(&sql);
}

// The CREATE TYPE ... AS ENUM before @c in the checked files whose name is
// the last part of type text @type, or NULL.
static const pf_change *enum_created_in_run(const run *x, const pf_change *c,
                                            const char *type)
{
  const char *dot = strrchr(type, '.');
  char name[128];
  snprintf(name, sizeof(name), "%s", dot ? dot + 1 : type);
  size_t len = strlen(name);
  // An array of the enum ("color[]") holds its values too.
  while (len >= 2 && name[len - 2] == '[' && name[len - 1] == ']')
    name[len -= 2] = '\0';
  if (len >= 2 && name[0] == '"' && name[len - 1] == '"') {
    memmove(name, name + 1, len - 2);
    name[len - 2] = '\0';
  }
  const pf_change *found = NULL;
  for (uint32_t fi = 0; fi < x->files.len; fi++) {
    const pf_migration *m = x->files.items[fi].m;
    for (uint32_t i = 0; i < m->changes.len; i++) {
      const pf_change *o = &m->changes.items[i];
      if (o == c)
        return found;
      if (o->kind == PF_CHANGE_CREATE_TYPE && o->labels && o->object.name &&
          !strcmp(o->object.name, name))
        found = o;
    }
  }
  return found;
}

/* Section - Enum literals in the code: what only the catalog knows */

static void *run_owned(run *x, size_t n, size_t size)
{
  void *p = pf_xcalloc(n ? n : 1, size);
  pf_vec_push(&x->special_own, p);
  return p;
}

static const char *run_str(run *x, const char *s)
{
  char *p = pf_xstrdup(s);
  pf_vec_push(&x->special_own, p);
  return p;
}

// Sets the note of target @t (notes grow with the targets).
static void set_target_note(run *x, uint32_t t, const char *note)
{
  while (x->target_notes.len < x->targets.len)
    pf_vec_push(&x->target_notes, NULL);
  x->target_notes.items[t] = run_str(x, note);
}

// RENAME VALUE: every column that holds the type in the catalog joins the
// columns the migrations give it, so that a literal tied to one is medium
// or high confidence as for a column the migrations define.
static void literal_type_columns(run *x, const pf_change *c, uint32_t t)
{
  pf_live_enum_column cols[64];
  uint32_t n = 0;
  pf_error err;
  pf_error_clear(&err);
  if (pf__live_enum_columns(x->live, c->object.schema, c->object.name, cols, 64,
                            &n, &err) != PF_OK) {
    live_failed(x, &err, c->object.name);
    return;
  }
  pf_scan_target *tg = &x->targets.items[t];
  pf_scan_column *all = run_owned(x, tg->ncols + n, sizeof(pf_scan_column));
  uint32_t k = 0;
  for (uint32_t i = 0; i < tg->ncols; i++)
    all[k++] = tg->cols[i];
  pf_buf note = PF_BUF_INIT;
  for (uint32_t i = 0; i < n; i++) {
    pf_buf_printf(&note, "%s%s.%s.%s%s", i ? ", " : "", cols[i].schema,
                  cols[i].table, cols[i].column,
                  cols[i].array ? " (array)" : "");
    bool known = false;
    for (uint32_t j = 0; j < k && !known; j++)
      known = !strcmp(all[j].table, cols[i].table) &&
              !strcmp(all[j].column, cols[i].column);
    if (known)
      continue;
    all[k].table = run_str(x, cols[i].table);
    all[k].column = run_str(x, cols[i].column);
    k++;
  }
  tg->cols = all;
  tg->ncols = k;
  pf_buf b = PF_BUF_INIT;
  if (n)
    pf_buf_printf(&b, "columns that hold %s in the catalog: %s%s",
                  c->object.name, note.data, n == 64 ? ", ..." : "");
  else if (!k)
    pf_buf_printf(&b,
                  "no column holds %s in the catalog nor in the migrations: "
                  "every literal is low confidence",
                  c->object.name);
  else
    pf_buf_printf(&b, "no column holds %s in the catalog", c->object.name);
  set_target_note(x, t, b.data);
  pf_buf_clear(&b);
  pf_buf_clear(&note);
}

// ALTER COLUMN TYPE to an enum the checked files create, when no migration
// defines the column's current enum (so the code scan has no target): the
// values of its current enum from the catalog, less the new type's, are
// the dropped ones the code must not spell.
static void literal_dropped_values(run *x, const pf_change *c, uint32_t k)
{
  if (!c->type || !c->column || !c->table.name)
    return;
  const pf_change *nt = enum_created_in_run(x, c, c->type);
  if (!nt)
    return;
  char labels[64][64], type[64];
  uint32_t n = 0;
  bool array;
  pf_error err;
  pf_error_clear(&err);
  if (pf__live_column_enum(x->live, c->table.schema, c->table.name, c->column,
                           labels, 64, &n, type, sizeof(type), &array,
                           &err) != PF_OK) {
    live_failed(x, &err, c->column);
    return;
  }
  const char **vals = run_owned(x, n, sizeof(char *));
  uint32_t nv = 0;
  for (uint32_t i = 0; i < n; i++) {
    bool kept = false;
    for (uint32_t j = 0; j < nt->nlabels && !kept; j++)
      kept = !strcmp(labels[i], nt->labels[j]);
    if (!kept)
      vals[nv++] = run_str(x, labels[i]);
  }
  if (!nv)
    return;
  pf_scan_column *col = run_owned(x, 1, sizeof(pf_scan_column));
  col->table = c->table.name;
  col->column = c->column;
  pf_scan_target tg;
  memset(&tg, 0, sizeof(tg));
  tg.kind = PF_SCAN_LITERAL;
  tg.values = vals;
  tg.nvalues = nv;
  tg.cols = col;
  tg.ncols = 1;
  pf_vec_push(&x->targets, tg);
  x->change_special[k] = x->targets.len - 1;
  pf_buf b = PF_BUF_INIT;
  pf_buf_printf(&b, "the values of its current type %s%s from the catalog",
                type, array ? " (an array column)" : "");
  set_target_note(x, x->targets.len - 1, b.data);
  pf_buf_clear(&b);
}

// With a database, before the code scan: what the catalog knows and the
// migrations may not, for the enum literal targets (issue 7).
static void code_enum_facts(run *x)
{
  if (!x->live || x->live_lost || !x->cfg->code_paths.len)
    return;
  uint32_t k = 0;
  for (uint32_t fi = 0; fi < x->files.len && !x->live_lost; fi++) {
    const file_model *fm = &x->files.items[fi];
    if (fm->context)
      continue;
    for (uint32_t i = 0; i < fm->m->changes.len && !x->live_lost; i++, k++) {
      const pf_change *c = &fm->m->changes.items[i];
      uint32_t t = x->change_special[k];
      if (c->kind == PF_CHANGE_ENUM_RENAME_VALUE && t != UINT32_MAX &&
          x->targets.items[t].kind == PF_SCAN_LITERAL)
        literal_type_columns(x, c, t);
      else if (c->kind == PF_CHANGE_ALTER_COLUMN_TYPE && t == UINT32_MAX)
        literal_dropped_values(x, c, k);
    }
  }
}

// Enum values in use (issue 7): the rows holding a value that RENAME VALUE
// renames, in every column of the type; the rows holding a value that an
// ALTER COLUMN TYPE to an enum created in this run drops.
static void enum_facts(run *x, const pf_change *c, pf_facts *f)
{
  pf_error err;
  pf_error_clear(&err);
  if (c->kind == PF_CHANGE_ENUM_RENAME_VALUE && c->object.name && c->value) {
    if (enum_created_in_run(x, c, c->object.name))
      return;
    pf_live_enum_column cols[8];
    uint32_t n = 0;
    if (pf__live_enum_columns(x->live, c->object.schema, c->object.name, cols,
                              8, &n, &err) != PF_OK) {
      live_failed(x, &err, c->object.name);
      return;
    }
    f->db = true;
    for (uint32_t i = 0; i < n && !x->live_lost; i++) {
      pf_buf e = PF_BUF_INIT;
      put_enum_test(&e, cols[i].column, cols[i].array, &c->value, 1);
      snprintf(f->enum_use[i].schema, 64, "%.63s", cols[i].schema);
      snprintf(f->enum_use[i].table, 64, "%.63s", cols[i].table);
      snprintf(f->enum_use[i].column, 64, "%.63s", cols[i].column);
      f->enum_use[i].array = cols[i].array;
      expr_check(x, cols[i].schema, cols[i].table, e.data, &f->enum_use[i].p,
                 &f->enum_use[i].ran);
      pf_buf_clear(&e);
      f->nenum_use = i + 1;
    }
    return;
  }
  if (c->kind != PF_CHANGE_ALTER_COLUMN_TYPE || !c->type || !c->column ||
      !f->table_exists || !f->column_exists)
    return;
  const pf_change *t = enum_created_in_run(x, c, c->type);
  if (!t)
    return;
  char labels[64][64], type[64];
  uint32_t n = 0;
  bool array;
  if (pf__live_column_enum(x->live, c->table.schema, c->table.name, c->column,
                           labels, 64, &n, type, sizeof(type), &array,
                           &err) != PF_OK) {
    live_failed(x, &err, c->column);
    return;
  }
  pf_buf e = PF_BUF_INIT, d = PF_BUF_INIT;
  const char *gone[64] = {NULL};
  uint32_t dropped = 0;
  for (uint32_t i = 0; i < n; i++) {
    bool kept = false;
    for (uint32_t k = 0; k < t->nlabels && !kept; k++)
      kept = !strcmp(labels[i], t->labels[k]);
    if (kept)
      continue;
    pf_buf_puts(&d, dropped ? ", " : "");
    put_quoted_sql(&d, labels[i], '\'');
    gone[dropped++] = labels[i];
  }
  put_enum_test(&e, c->column, array, gone, dropped);
  if (dropped) {
    snprintf(f->enum_dropped, sizeof(f->enum_dropped), "%s", d.data);
    snprintf(f->enum_old_type, sizeof(f->enum_old_type), "%s", type);
    snprintf(f->enum_use[0].schema, 64, "%s",
             c->table.schema ? c->table.schema : "");
    snprintf(f->enum_use[0].table, 64, "%s", c->table.name);
    snprintf(f->enum_use[0].column, 64, "%s", c->column);
    f->enum_use[0].array = array;
    f->nenum_use = 1;
    expr_check(x, c->table.schema, c->table.name, e.data, &f->enum_use[0].p,
               &f->enum_use[0].ran);
  }
  pf_buf_clear(&e);
  pf_buf_clear(&d);
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
  if (!col && t->columns_open)
    return; // it may come from LIKE, INHERITS, AS or an unknown parent
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

// lock_timeout / statement_timeout the database sets for the connected role
// (pg_db_role_setting): the timeout rules name them instead of warning.
static bool zero_setting(const char *v)
{
  char *end;
  double d = strtod(v, &end);
  return end != v && d == 0.0;
}

static void timeout_facts(run *x)
{
  if (!x->live || x->live_lost)
    return;
  pf_live_timeouts t;
  pf_error err;
  pf_error_clear(&err);
  const char *role = x->cfg->migration_role;
  if (pf__live_timeouts(x->live, role, &t, &err) != PF_OK) {
    live_failed(x, &err, "role settings");
    return;
  }
  if (t.role_missing)
    pf__report_add_warning(x->r,
                           "database: --migration-role \"%s\" is not a role "
                           "of this server; only settings for the database "
                           "or for all roles count",
                           role);
  pf_run_facts *rf = &x->run_facts;
  if (t.lock[0] && !zero_setting(t.lock))
    snprintf(rf->lock_timeout, sizeof(rf->lock_timeout),
             "lock_timeout=%s is set for %s (pg_db_role_setting)", t.lock,
             t.lock_src);
  if (t.stmt[0] && !zero_setting(t.stmt))
    snprintf(rf->stmt_timeout, sizeof(rf->stmt_timeout),
             "statement_timeout=%s is set for %s (pg_db_role_setting)", t.stmt,
             t.stmt_src);
}

// Replays @c into the proofs of tables the schema does not know.
static void replay_proofs(run *x, const pf_change *c, bool in_run)
{
  const char *sch = c->table.schema, *name = c->table.name;
  if (!name || pf__schema_table(x->schema, sch, name))
    return;
  if ((c->kind == PF_CHANGE_ADD_CONSTRAINT ||
       c->kind == PF_CHANGE_VALIDATE_CONSTRAINT) &&
      !pf__schema_table(x->proofs, sch, name))
    pf__schema_add_table(x->proofs, sch, name, in_run);
  if (pf__schema_table(x->proofs, sch, name))
    pf__replay_change(x->proofs, c, in_run);
}

// Whether a validated CHECK (col IS NOT NULL) on @c's column is in force
// before @c: PostgreSQL 12+ then skips SET NOT NULL's scan.
static bool not_null_proven(run *x, const pf_change *c)
{
  if (!c->table.name || !c->column)
    return false;
  pf_schema_table *t =
      pf__schema_table(x->schema, c->table.schema, c->table.name);
  if (!t)
    t = pf__schema_table(x->proofs, c->table.schema, c->table.name);
  return t && pf__schema_not_null_proven(t, c->column);
}

// Whether the statements of @m before change @i validate a CHECK
// (col IS NOT NULL) on change @i's column: ADD CONSTRAINT ... CHECK, or
// ADD ... NOT VALID and then VALIDATE CONSTRAINT.
static bool proven_earlier_in_file(const pf_migration *m, uint32_t i)
{
  const pf_change *c = &m->changes.items[i];
  char buf[128];
  for (uint32_t j = 0; j < i; j++) {
    const pf_change *a = &m->changes.items[j];
    const char *col;
    if (a->kind != PF_CHANGE_ADD_CONSTRAINT || a->cons != PF_CONS_CHECK ||
        !pf__qname_same(&a->table, &c->table) ||
        !(col = pf__not_null_check_column(a->expr, buf, sizeof(buf))) ||
        strcmp(col, c->column) != 0)
      continue;
    if (!a->not_valid)
      return true;
    for (uint32_t k = j + 1; a->constraint && k < i; k++) {
      const pf_change *v = &m->changes.items[k];
      if (v->kind == PF_CHANGE_VALIDATE_CONSTRAINT &&
          pf__qname_same(&v->table, &c->table) && v->constraint &&
          strcmp(v->constraint, a->constraint) == 0)
        return true;
    }
  }
  return false;
}

// Whether the schema before this file has @c's column NOT NULL already.
static bool already_not_null(run *x, const pf_change *c)
{
  pf_schema_table *t =
      pf__schema_table(x->schema, c->table.schema, c->table.name);
  pf_schema_column *col = t ? pf__schema_column(t, c->column) : NULL;
  return col && col->not_null;
}

// Whether a statement of @m before change @i may have undone what the
// schema said before the file about change @i's column: a DROP NOT NULL,
// a dropped, re-added or renamed column, or a dropped constraint.
static bool column_touched_earlier(const pf_migration *m, uint32_t i)
{
  const pf_change *c = &m->changes.items[i];
  for (uint32_t j = 0; j < i; j++) {
    const pf_change *a = &m->changes.items[j];
    if (!pf__qname_same(&a->table, &c->table))
      continue;
    if (a->kind == PF_CHANGE_DROP_CONSTRAINT)
      return true;
    if ((a->kind == PF_CHANGE_DROP_NOT_NULL ||
         a->kind == PF_CHANGE_DROP_COLUMN || a->kind == PF_CHANGE_ADD_COLUMN ||
         a->kind == PF_CHANGE_RENAME_COLUMN) &&
        a->column &&
        (strcmp(a->column, c->column) == 0 ||
         (a->new_name && strcmp(a->new_name, c->column) == 0)))
      return true;
  }
  return false;
}

// The version of the server the migrations run on: the database's when one
// is connected, else the one the configuration declares (--pg-version), else
// 0 (unknown).
static int server_version(const run *x)
{
  return x->r->db_connected ? x->r->db_server_version : x->cfg->pg_version;
}

// What an older server does differently, set on the changes before the
// file-level rules read their locks and effects: before PostgreSQL 11 an
// ADD COLUMN with a DEFAULT that is not NULL rewrites the table (11 keeps a
// constant or stable one in the catalog), and before 12 ATTACH PARTITION
// takes ACCESS EXCLUSIVE on the partitioned table (12 takes SHARE UPDATE
// EXCLUSIVE; the release notes of both).
static void mark_version_facts(run *x, pf_migration *m)
{
  int v = server_version(x);
  for (uint32_t i = 0; v && i < m->changes.len; i++) {
    pf_change *c = &m->changes.items[i];
    if (c->kind == PF_CHANGE_ADD_COLUMN && v < 110000 && c->has_default &&
        !pf__default_is_null(c->expr)) {
      c->effect = PF_EFFECT_REWRITE;
      c->lock_doc = "PostgreSQL 10 docs, ALTER TABLE: ADD COLUMN with a "
                    "DEFAULT rewrites the table and its indexes (11 and "
                    "later keep a non-volatile one in the catalog)";
    } else if (c->kind == PF_CHANGE_ATTACH_PARTITION && v < 120000 &&
               c->table.name) {
      c->lock = PF_LOCK_ACCESS_EXCLUSIVE;
      c->lock_doc = "PostgreSQL 12 release notes: ATTACH PARTITION took "
                    "ACCESS EXCLUSIVE on the partitioned table before 12";
    }
  }
}

// A SET NOT NULL that a validated CHECK makes cheap, or that is a no-op,
// scans nothing: say so in the change itself, before the file-level rules
// (timeouts, lock windows) read its effect. What the schema said before
// the file counts only while no earlier statement of it touched the column.
static void mark_cheap_set_not_null(run *x, pf_migration *m)
{
  // Before PostgreSQL 12 SET NOT NULL scans even with such a CHECK.
  int v = server_version(x);
  bool check_proves = !v || v >= 120000;
  for (uint32_t i = 0; i < m->changes.len; i++) {
    pf_change *c = &m->changes.items[i];
    if (c->kind != PF_CHANGE_SET_NOT_NULL || !c->column || !c->table.name)
      continue;
    bool untouched = !column_touched_earlier(m, i);
    if ((untouched && already_not_null(x, c)) ||
        (check_proves && ((untouched && not_null_proven(x, c)) ||
                          proven_earlier_in_file(m, i))))
      c->effect = PF_EFFECT_NONE;
  }
}

// Whether a statement of @m before change @i touches @c's table as a whole
// (creates, drops or renames it), so that what the schema said before the
// file no longer holds.
static bool table_touched_earlier(const pf_migration *m, uint32_t i)
{
  const pf_change *c = &m->changes.items[i];
  for (uint32_t j = 0; j < i; j++) {
    const pf_change *a = &m->changes.items[j];
    if ((a->kind == PF_CHANGE_CREATE_TABLE || a->kind == PF_CHANGE_DROP_TABLE ||
         a->kind == PF_CHANGE_RENAME_TABLE) &&
        (pf__qname_same(&a->table, &c->table) ||
         (a->new_name && c->table.name && !strcmp(a->new_name, c->table.name))))
      return true;
  }
  return false;
}

// ALTER COLUMN TYPE: the column's type and first CHECK constraint before
// the file, from the database or the replayed schema, into the change; its
// lock and effect follow (a binary-coercible change rewrites nothing, but
// re-checks the column's CHECK constraints on every row).
static void type_facts(run *x, pf_migration *m, uint32_t i)
{
  pf_change *c = &m->changes.items[i];
  if (c->old_type || !c->column || !c->table.name || !c->type ||
      column_touched_earlier(m, i) || table_touched_earlier(m, i))
    return;
  const char *type = NULL, *check = NULL, *def = NULL;
  pf_live_column col;
  if (x->live) {
    if (x->live_lost)
      return;
    pf_error err;
    pf_error_clear(&err);
    if (pf__live_column(x->live, c->table.schema, c->table.name, c->column,
                        &col, &err) != PF_OK) {
      live_failed(x, &err, c->column);
      return;
    }
    type = col.exists && col.type[0] ? col.type : NULL;
    check = col.check_name[0] ? col.check_name : NULL;
    def = col.check_def[0] ? col.check_def : NULL;
  } else {
    pf_schema_table *t =
        pf__schema_table(x->schema, c->table.schema, c->table.name);
    pf_schema_column *sc = t ? pf__schema_column(t, c->column) : NULL;
    const pf_schema_check *k = t ? pf__schema_check_on(t, c->column) : NULL;
    type = sc ? sc->type : NULL;
    check = k ? k->name : NULL;
    def = k && k->expr[0] ? k->expr : NULL;
  }
  if (!type)
    return;
  c->old_type = pf_arena_strdup(m->arena, type);
  c->check_name = check ? pf_arena_strdup(m->arena, check) : NULL;
  c->check_def = def ? pf_arena_strdup(m->arena, def) : NULL;
  pf__change_set_lock(c);
}

// CREATE INDEX: whether its table is partitioned, from the database or the
// replayed schema. ON ONLY a table that is not partitioned builds the index
// as usual; without ONLY, a partitioned table's index is built on every
// partition and CONCURRENTLY is refused.
static void index_facts(run *x, pf_migration *m, uint32_t i)
{
  pf_change *c = &m->changes.items[i];
  if (!c->table.name || c->concurrently || table_touched_earlier(m, i))
    return;
  bool known = false, partitioned = false;
  if (x->live) {
    pf_live_table t;
    pf_error err;
    pf_error_clear(&err);
    if (x->live_lost)
      return;
    if (pf__live_table(x->live, c->table.schema, c->table.name, &t, &err) !=
        PF_OK) {
      live_failed(x, &err, c->table.name);
      return;
    }
    known = t.exists;
    partitioned = t.partitioned;
  } else {
    pf_schema_table *t =
        pf__schema_table(x->schema, c->table.schema, c->table.name);
    known = t != NULL;
    partitioned = t && t->partitioned;
  }
  if (!known)
    return;
  if (c->only && !partitioned) {
    c->only = false; // ONLY means nothing to a table without partitions
    pf__change_set_lock(c);
  } else if (!c->only && partitioned) {
    c->partitioned = true;
    pf__change_set_lock(c);
  }
}

// Whether a statement of @m before change @i creates index @name.
static bool index_created_earlier(const pf_migration *m, uint32_t i,
                                  const char *name)
{
  for (uint32_t j = 0; j < i; j++) {
    const pf_change *a = &m->changes.items[j];
    if (a->kind == PF_CHANGE_CREATE_INDEX && a->index &&
        !strcmp(a->index, name))
      return true;
  }
  return false;
}

// DROP TABLE / DROP INDEX ... IF EXISTS of a table or index that is not
// there (the database says so, or the earlier migrations dropped it): a
// NOTICE and nothing else, so no lock is taken (PostgreSQL 15 docs, DROP
// TABLE and DROP INDEX, IF EXISTS).
static void absent_facts(run *x, pf_migration *m, uint32_t i)
{
  pf_change *c = &m->changes.items[i];
  bool index = c->kind == PF_CHANGE_DROP_INDEX;
  if (!c->if_exists || (index ? !c->index : !c->table.name))
    return;
  if (index ? index_created_earlier(m, i, c->index)
            : table_touched_earlier(m, i))
    return;
  bool gone = false;
  pf_error err;
  pf_error_clear(&err);
  if (x->live && x->live_lost) {
    return;
  } else if (x->live && index) {
    pf_live_index idx;
    if (pf__live_index(x->live, c->index_q.schema, c->index, &idx, &err) !=
        PF_OK) {
      live_failed(x, &err, c->index);
      return;
    }
    gone = !idx.exists;
  } else if (x->live) {
    pf_live_table t;
    if (pf__live_table(x->live, c->table.schema, c->table.name, &t, &err) !=
        PF_OK) {
      live_failed(x, &err, c->table.name);
      return;
    }
    gone = !t.exists;
  } else {
    gone = index ? pf__schema_index_gone(x->schema, c->index)
                 : pf__schema_table_gone(x->schema, c->table.schema,
                                         c->table.name);
  }
  if (gone) {
    c->lock = PF_LOCK_NONE;
    c->effect = PF_EFFECT_NONE;
    c->lock_doc = "IF EXISTS of an object that is not there: a NOTICE, no lock";
  }
}

// ADD PRIMARY KEY USING INDEX: whether the index's columns are NOT NULL
// already, from the database or the replayed schema. A nullable one makes
// PostgreSQL set NOT NULL on it, which scans the table (ALTER TABLE docs:
// "the columns ... will be set NOT NULL").
static void pk_index_facts(run *x, pf_migration *m, uint32_t i)
{
  pf_change *c = &m->changes.items[i];
  if (c->cons != PF_CONS_PRIMARY_KEY || !c->index)
    return;
  for (uint32_t j = 0; j < i; j++) { // this file's CREATE INDEX: unknown
    const pf_change *a = &m->changes.items[j];
    if (a->kind == PF_CHANGE_CREATE_INDEX && a->index &&
        !strcmp(a->index, c->index))
      return;
  }
  const char *nullable = NULL;
  bool known = false;
  pf_live_index idx; // nullable may point into it
  if (x->live) {
    if (x->live_lost)
      return;
    pf_error err;
    pf_error_clear(&err);
    if (pf__live_index(x->live, c->table.schema, c->index, &idx, &err) !=
        PF_OK) {
      live_failed(x, &err, c->index);
      return;
    }
    known = idx.exists && !idx.has_expr;
    nullable = idx.nullable_col[0] ? idx.nullable_col : NULL;
  } else {
    const pf_schema_index *si = pf__schema_index(x->schema, c->index);
    pf_schema_table *t =
        si && si->table
            ? pf__schema_table(x->schema, si->table_schema, si->table)
            : NULL;
    if (!t || si->exprs || !si->ncols)
      return;
    known = true;
    for (uint32_t k = 0; k < si->ncols && !nullable; k++) {
      pf_schema_column *col = pf__schema_column(t, si->cols[k]);
      if (!col && t->columns_open) {
        known = false; // a column the schema does not list
        break;
      }
      if (!col || !col->not_null)
        nullable = si->cols[k];
    }
  }
  if (nullable) {
    c->nullable_col = pf_arena_strdup(m->arena, nullable);
    c->effect = PF_EFFECT_SCAN;
  } else if (known) {
    c->pk_not_null = true;
  }
}

// Facts of the schema before the file that the lock table needs, set on the
// changes before the file-level rules read their locks and effects.
static void mark_schema_facts(run *x, pf_migration *m)
{
  for (uint32_t i = 0; i < m->changes.len; i++) {
    pf_change_kind k = m->changes.items[i].kind;
    if (k == PF_CHANGE_ALTER_COLUMN_TYPE)
      type_facts(x, m, i);
    else if (k == PF_CHANGE_CREATE_INDEX)
      index_facts(x, m, i);
    else if (k == PF_CHANGE_DROP_INDEX || k == PF_CHANGE_DROP_TABLE)
      absent_facts(x, m, i);
    else if (k == PF_CHANGE_ADD_CONSTRAINT)
      pk_index_facts(x, m, i);
  }
}

// How the migration tool runs file @fm when --assume-in-transaction (or
// "assume-in-transaction": true) says it uses a transaction: Flyway and
// golang-migrate have rules of their own; dbmate's "transaction:false"
// marker opts a file out; the others wrap each file. A Flyway script
// configuration's executeInTransaction overrides Flyway's parser, and its
// refusal of mixed files too (ParserSqlScript).
static pf_runner_txn runner_of(const pf_config *cfg, const file_model *fm)
{
  if (!cfg->assume_txn || fm->no_txn)
    return PF_RUNNER_NONE;
  switch (fm->layout) {
  case PF_LAYOUT_FLYWAY:
    return fm->script_txn == 0   ? PF_RUNNER_NONE
           : fm->script_txn == 1 ? PF_RUNNER_WRAPS
                                 : PF_RUNNER_FLYWAY;
  case PF_LAYOUT_GOLANG_MIGRATE:
    return PF_RUNNER_ONE_QUERY;
  default:
    return PF_RUNNER_WRAPS;
  }
}

// What evaluating the files in order carries from one file to the next.
typedef struct eval_state {
  pf_strmap created; // tables created by the checked files so far
  uint32_t k;        // index of the next change over all checked files
} eval_state;

// Evaluates file @fi of the run, the files before it evaluated already: an
// earlier migration is replayed into the schema; a checked one gets its
// file-level and per-change rules, then is replayed.
static void evaluate_file(run *x, eval_state *ev, uint32_t fi)
{
  const file_model *fm = &x->files.items[fi];
  if (fm->context) {
    for (uint32_t i = 0; i < fm->m->changes.len; i++) {
      replay_proofs(x, &fm->m->changes.items[i], false);
      pf__replay_change(x->schema, &fm->m->changes.items[i], false);
    }
    return;
  }
  uint32_t k = ev->k;
  uint32_t first = x->r->findings.len;
  // File-level rules see the tables created by the files before this one.
  pf_runner_txn mode = runner_of(x->cfg, fm);
  bool txn = pf__runner_wraps(fm->m, mode, x->run_facts.server_version);
  mark_cheap_set_not_null(x, fm->m);
  mark_default_facts(x, fm->m);
  mark_version_facts(x, fm->m);
  mark_schema_facts(x, fm->m);
  pf__rules_file(fm->m, fm->src, mode, &ev->created, &x->run_facts, x->r);
  for (uint32_t i = 0; i < fm->m->changes.len; i++, k++) {
    const pf_change *c = &fm->m->changes.items[i];
    // Without a database nothing writes the facts' database storage, so
    // only the rest is cleared: the whole is about 50 KB per change.
    pf_facts *f = &x->facts;
    pf__facts_reset(f, x->live != NULL);
    f->table_rows = -1;
    f->created_here =
        c->table.name && pf_strmap_has(&ev->created, c->table.name);
    f->assume_txn = txn;
    f->index_max_columns = x->cfg->index_cols;
    f->show_values = x->cfg->show_values;
    f->server_version = server_version(x);
    f->server_version_declared = !x->r->db_connected && x->cfg->pg_version != 0;
    uint32_t t = x->change_target ? x->change_target[k] : UINT32_MAX;
    if (x->r->code_scanned && t != UINT32_MAX) {
      f->code_scanned = true;
      f->refs = x->refs_by_target[t].items;
      f->nrefs = x->refs_by_target[t].len;
    }
    t = x->change_special ? x->change_special[k] : UINT32_MAX;
    if (x->r->code_scanned && t != UINT32_MAX) {
      f->code_target = &x->targets.items[t];
      f->code_refs = x->refs_by_target[t].items;
      f->ncode_refs = x->refs_by_target[t].len;
      f->code_note = t < x->target_notes.len ? x->target_notes.items[t] : NULL;
    }
    if (x->live && !x->live_lost && !f->created_here) {
      live_facts(x, c, f);
      headroom_facts(x, c, f);
      if (!x->live_lost)
        enum_facts(x, c, f);
    }
    if (x->live && !x->live_lost)
      key_facts(x, fm->m, i, f, &ev->created);
    if (!f->db)
      schema_facts(x, c, f);
    if (c->kind == PF_CHANGE_SET_NOT_NULL) {
      if (!f->not_null_proven)
        f->not_null_proven = not_null_proven(x, c);
      // A constraint dropped earlier in the file may have been the proof
      // (constraints are not tracked by name): trust only this file's.
      if (f->not_null_proven && column_touched_earlier(fm->m, i) &&
          !proven_earlier_in_file(fm->m, i))
        f->not_null_proven = false;
    }
    pf__rules_eval(fm->m, i, f, fm->src, x->r);
    if (x->live) { // only a database fills them
      pf__live_deps_clear(&x->deps);
      pf__live_stmts_clear(&x->stmts);
    }
    replay_proofs(x, c, true);
    pf__replay_change(x->schema, c, true);
    // Materialized views are tables for indexing purposes.
    if ((c->kind == PF_CHANGE_CREATE_TABLE ||
         c->kind == PF_CHANGE_CREATE_MATVIEW) &&
        (c->table.name || c->object.name))
      pf_strmap_put(&ev->created,
                    c->table.name ? c->table.name : c->object.name, NULL);
    if (c->kind == PF_CHANGE_RENAME_TABLE && f->created_here && c->new_name)
      pf_strmap_put(&ev->created, c->new_name, NULL);
  }
  pf__suppress_apply(fm->m, fm->src, x->r, first);
  ev->k = k;
}

// Without code to scan or a database to consult, nothing has to wait for
// every file before the rules run: each file is evaluated as soon as it and
// the files before it are loaded, while the other threads load the rest
// (about a tenth of a run on many files was evaluation after the last load).
// The report is the same as after load_files then evaluate: files are taken
// in plan order, and the warnings of evaluation come after those of loading.
static void load_and_evaluate(run *x)
{
  code_skips(x);
  loading ld;
  load_start(x, &ld);
  eval_state ev;
  pf_strmap_init(&ev.created);
  ev.k = 0;
  x->run_facts.server_version = server_version(x); // no database: declared
  for (size_t i = 0; i < ld.pool.n; i++) {
    load_wait(&ld, i);
    uint32_t before = x->files.len;
    load_take(x, &ld, i);
    if (x->files.len > before) {
      pf__report_hold_warnings(x->r, true);
      evaluate_file(x, &ev, before);
      pf__report_hold_warnings(x->r, false);
    }
  }
  pf__report_release_warnings(x->r);
  load_finish(&ld);
  pf_strmap_clear(&ev.created);
}

static void evaluate(run *x)
{
  eval_state ev;
  pf_strmap_init(&ev.created);
  ev.k = 0;
  x->run_facts.server_version = server_version(x);
  for (uint32_t fi = 0; fi < x->files.len; fi++)
    evaluate_file(x, &ev, fi);
  pf_strmap_clear(&ev.created);
}

// The configuration's rule settings: a rule turned off loses its findings;
// a fixed severity replaces the rule's own.
static bool apply_rule_settings(pf_finding *f, void *arg)
{
  const pf_config *cfg = arg;
  int8_t s =
      f->rule < pf_rule_count() ? cfg->rule_sev[f->rule] : PF_RULE_SEV_DEFAULT;
  if (s == PF_RULE_OFF)
    return false;
  if (s >= PF_SEV_NOTICE && s <= PF_SEV_ERROR)
    f->severity = (pf_severity)s;
  return true;
}

pf_code pf_check_run(const pf_config *cfg, pf_report **out, pf_error *err)
{
  run x;
  memset(&x, 0, sizeof(x));
  x.cfg = cfg;
  x.r = pf__report_new();
  pf__scan_result_init(&x.scan);
  x.schema = pf__schema_new();
  x.proofs = pf__schema_new();
  if (!cfg->code_paths.len && !cfg->db && !cfg->load_all_first) {
    load_and_evaluate(&x);
  } else {
    load_files(&x);
    plan_code(&x);
    connect_db(&x);
    code_enum_facts(&x);
    scan_code(&x);
    check_role(&x);
    timeout_facts(&x);
    evaluate(&x);
  }
  pf__report_retain(x.r, apply_rule_settings, (void *)cfg);
  pf__report_sort(x.r);

  pf_code rc = PF_OK;
  if (x.live_lost) {
    pf_error_set(err, PF_DB_CONNECT, NULL, no_span, "%s", x.live_err.msg);
    rc = PF_DB_CONNECT;
  }
  for (uint32_t i = 0; i < x.files.len; i++)
    pf__migration_free(x.files.items[i].m);
  pf_vec_clear(&x.files);
  for (uint32_t i = 0; i < x.context_sources.len; i++)
    pf_source_free(x.context_sources.items[i]);
  pf_vec_clear(&x.context_sources);
  if (x.refs_by_target) {
    for (uint32_t i = 0; i < x.targets.len; i++)
      pf_vec_clear(&x.refs_by_target[i]);
    free(x.refs_by_target);
  }
  pf_vec_clear(&x.targets);
  free(x.change_target);
  free(x.change_special);
  for (uint32_t i = 0; i < x.special_own.len; i++)
    free(x.special_own.items[i]);
  pf_vec_clear(&x.special_own);
  pf_vec_clear(&x.target_notes);
  pf__scan_result_clear(&x.scan);
  pf__live_free(x.live);
  pf__schema_free(x.schema);
  pf__schema_free(x.proofs);
  pf_strmap_clear(&x.headroom_seen);
  *out = x.r;
  return rc;
}
