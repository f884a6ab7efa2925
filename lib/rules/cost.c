/* The cost of applying a change: size, rows, effect, an estimated duration
 * from size, and the lock-queue risk right now (lock-queue-risk). */
/* SPDX-License-Identifier: MIT */
#include "rules_int.h"

#include <stdio.h>
#include <string.h>

/* Section - The duration model
 *
 * Estimated duration = bytes / rate, per effect of the change:
 *   scan (validation of a CHECK, FOREIGN KEY or NOT NULL): table bytes at
 *     SCAN_MBPS;
 *   index build (CREATE INDEX, ADD UNIQUE / PRIMARY KEY / EXCLUDE): table
 *     bytes at INDEX_BUILD_MBPS, twice for CONCURRENTLY (two table scans);
 *   rewrite (ALTER COLUMN TYPE, VACUUM FULL, ...): table bytes at
 *     REWRITE_MBPS plus index bytes at INDEX_REBUILD_MBPS (every index is
 *     rebuilt);
 *   catalog only: no time once the lock is granted.
 * "Table bytes" are pg_total_relation_size minus pg_indexes_size (heap,
 * TOAST and maps), summed over the leaf partitions. The rates were measured
 * with bench/cost.sh on pgbench_accounts (2 million rows, 256 MB, one
 * 43 MB index, cached) on a shared, loaded 2-core machine
 * (bench/RESULTS-cost.md: 148, 41, 7 and 26 MB/s), and rounded down. They
 * are estimates: off by a factor of several on other hardware, a cold cache
 * or another load, and they leave out the time spent waiting for the lock.
 * Index rebuilds are per byte of index because that is what is known about
 * each index; REINDEX's time is mostly the table scan and the sort. */
#define SCAN_MBPS          150
#define INDEX_BUILD_MBPS   40
#define INDEX_REBUILD_MBPS 7
#define REWRITE_MBPS       25

#define MB (1024 * 1024)

// Milliseconds to process @bytes at @mbps MB/s.
static int64_t ms_at(int64_t bytes, int64_t mbps)
{
  if (bytes <= 0)
    return 0;
  return (bytes * 1000 + mbps * MB - 1) / (mbps * MB);
}

// Whether the change builds an index (as opposed to a validating scan).
static bool builds_index(const pf_change *c)
{
  if (c->kind == PF_CHANGE_CREATE_INDEX)
    return true;
  return c->kind == PF_CHANGE_ADD_CONSTRAINT && !c->index &&
         (c->cons == PF_CONS_UNIQUE || c->cons == PF_CONS_PRIMARY_KEY ||
          c->cons == PF_CONS_EXCLUDE);
}

// The model's estimate for change @c on a table of cost @k, in ms.
static int64_t estimate_ms(const pf_change *c, const pf_live_cost *k)
{
  switch (c->effect) {
  case PF_EFFECT_SCAN:
    if (builds_index(c))
      return ms_at(k->table_bytes, INDEX_BUILD_MBPS) *
             (c->concurrently ? 2 : 1);
    return ms_at(k->table_bytes, SCAN_MBPS);
  case PF_EFFECT_REWRITE:
    return ms_at(k->table_bytes, REWRITE_MBPS) +
           ms_at(k->index_bytes, INDEX_REBUILD_MBPS);
  default:
    return 0;
  }
}

/* Section - Words */

// 8192 bytes, 136 kB, 12 MB, 3 GB (rounded as pg_size_pretty does).
static void put_size(pf_buf *b, int64_t bytes)
{
  static const char *const units[] = {"kB", "MB", "GB", "TB"};
  if (bytes < 10 * 1024) {
    pf_buf_printf(b, "%lld bytes", (long long)bytes);
    return;
  }
  int64_t v = bytes;
  size_t u = 0;
  v = (v + 512) / 1024;
  while (v >= 10 * 1024 && u + 1 < sizeof(units) / sizeof(units[0])) {
    v = (v + 512) / 1024;
    u++;
  }
  pf_buf_printf(b, "%lld %s", (long long)v, units[u]);
}

// 250 ms, 12 s, 14 min, 3 h.
static void put_ms(pf_buf *b, int64_t ms)
{
  if (ms < 1000)
    pf_buf_printf(b, "%lld ms", (long long)ms);
  else if (ms < 120 * 1000)
    pf_buf_printf(b, "%lld s", (long long)((ms + 500) / 1000));
  else if (ms < 120 * 60 * 1000)
    pf_buf_printf(b, "%lld min", (long long)((ms + 30000) / 60000));
  else
    pf_buf_printf(b, "%lld h", (long long)((ms + 1800000) / 3600000));
}

// What a statement waiting for @lock blocks meanwhile.
static const char *blocked_by(pf_lock lock)
{
  switch (lock) {
  case PF_LOCK_ACCESS_EXCLUSIVE:
    return "every query on the table";
  case PF_LOCK_EXCLUSIVE:
    return "every write and SELECT FOR UPDATE on the table";
  case PF_LOCK_SHARE_ROW_EXCLUSIVE:
  case PF_LOCK_SHARE:
    return "every write to the table";
  case PF_LOCK_SHARE_UPDATE_EXCLUSIVE:
    return "other schema changes, VACUUM and ANALYZE of the table";
  default:
    return "the statements on the table that conflict with it";
  }
}

// "pid 4242: transaction open 14 min, idle in transaction, holds ACCESS
// SHARE".
static void put_holder(pf_buf *b, const pf_live_holder *h)
{
  if (h->pid)
    pf_buf_printf(b, "pid %d", h->pid);
  else
    pf_buf_puts(b, "a prepared transaction");
  pf_buf_printf(b, ": %s %s", h->granted ? "holds" : "waits for",
                pf_lock_name(h->mode));
  if (h->xact_seconds >= 0) {
    pf_buf_puts(b, ", transaction open ");
    put_ms(b, h->xact_seconds * 1000);
  } else {
    pf_buf_puts(b, ", transaction age not visible to this role");
  }
  if (h->state[0])
    pf_buf_printf(b, ", %s", h->state);
}

/* Section - Findings */

static const char *stmt_tag(const pf__rctx *x)
{
  const char *tag = x->m->stmts.items[x->c->stmt].tag;
  return tag && *tag ? tag : "the statement";
}

// lock-queue-risk: a long transaction holds a conflicting lock on the
// table, or sessions already wait for one.
static void lock_queue_risk(pf__rctx *x)
{
  const pf_live_cost *k = &x->f->cost;
  if (!k->nblockers && !k->nwaiters)
    return;
  pf_buf name = PF_BUF_INIT, msg = PF_BUF_INIT;
  pf__quoted(&name, x->c, false);
  const pf_live_holder *h = &k->holders[0];
  if (k->nblockers) {
    pf_buf_printf(&msg, "%s will wait for its %s lock on %s behind ",
                  stmt_tag(x), pf_lock_name(x->c->lock), name.data);
    if (h->pid)
      pf_buf_puts(&msg, "a transaction open ");
    else
      pf_buf_puts(&msg, "a prepared transaction open ");
    put_ms(&msg, h->xact_seconds * 1000);
    pf_buf_printf(&msg, " that holds %s on it (", pf_lock_name(h->mode));
    if (h->pid)
      pf_buf_printf(&msg, "pid %d%s%s", h->pid, h->state[0] ? ", " : "",
                    h->state);
    else
      pf_buf_puts(&msg, "no session");
    pf_buf_putc(&msg, ')');
    if (k->nblockers > 1)
      pf_buf_printf(&msg, " and %u more", k->nblockers - 1);
  } else {
    pf_buf_printf(&msg,
                  "%u session%s already wait%s for a lock on %s: %s will "
                  "queue behind %s",
                  k->nwaiters, k->nwaiters == 1 ? "" : "s",
                  k->nwaiters == 1 ? "s" : "", name.data, stmt_tag(x),
                  k->nwaiters == 1 ? "it" : "them");
  }
  pf_buf_printf(&msg, ", and block %s meanwhile", blocked_by(x->c->lock));
  pf_finding *fd =
      pf__radd(x, PF_RULE_LOCK_QUEUE_RISK, PF_SEV_WARNING, "%s", msg.data);
  for (uint32_t i = 0; i < k->nholders; i++) {
    const pf_live_holder *o = &k->holders[i];
    pf_buf t = PF_BUF_INIT;
    put_holder(&t, o);
    pf_evidence *e =
        pf__finding_add_evidence(fd, PF_EV_LOCK_QUEUE, -1, "%s", t.data);
    e->pid = o->pid;
    e->lock = pf_lock_name(o->mode);
    e->granted = o->granted;
    e->xact_seconds = o->xact_seconds;
    snprintf(e->state, sizeof(e->state), "%s", o->state);
    pf_buf_clear(&t);
  }
  pf__safe_lock_timeout(x, fd,
                        "give up instead of queueing behind them; retry once "
                        "they end");
  pf_buf_clear(&name);
  pf_buf_clear(&msg);
}

// The cost line of change x->c.
static void put_cost(pf_buf *b, const pf__rctx *x, int64_t ms)
{
  const pf_change *c = x->c;
  const pf_live_cost *k = &x->f->cost;
  put_size(b, k->total_bytes);
  pf_buf_puts(b, " (");
  put_size(b, k->table_bytes);
  pf_buf_puts(b, " table, ");
  put_size(b, k->index_bytes);
  pf_buf_printf(b, " in %u index%s", k->nindexes, k->nindexes == 1 ? "" : "es");
  if (k->npartitions)
    pf_buf_printf(b, ", over %u partition%s", k->npartitions,
                  k->npartitions == 1 ? "" : "s");
  if (k->size_from_pages)
    pf_buf_puts(b, ", from pg_class.relpages: the size functions waited for "
                   "a lock");
  pf_buf_puts(b, "), ");
  if (k->rows >= 0)
    pf_buf_printf(b, "about %lld rows", (long long)k->rows);
  else
    pf_buf_puts(b, "rows unknown (never analyzed)");
  const char *lock = pf_lock_name(c->lock);
  switch (c->effect) {
  case PF_EFFECT_SCAN:
    pf_buf_printf(b, "; %s under %s: estimated ",
                  builds_index(c) ? "builds an index" : "scans the table",
                  lock);
    put_ms(b, ms);
    break;
  case PF_EFFECT_REWRITE:
    pf_buf_printf(b,
                  "; rewrites the table and its indexes under %s: "
                  "estimated ",
                  lock);
    put_ms(b, ms);
    break;
  default:
    pf_buf_printf(b, "; catalog only under %s: quick once the lock is granted",
                  lock);
    break;
  }
  if (k->nblockers || k->nwaiters) {
    pf_buf_puts(b, "; lock queue: ");
    if (k->nblockers)
      pf_buf_printf(b,
                    "%u long transaction%s (%u s or more) hold%s a conflicting "
                    "lock",
                    k->nblockers, k->nblockers == 1 ? "" : "s",
                    x->f->long_xact_s, k->nblockers == 1 ? "s" : "");
    if (k->nblockers && k->nwaiters)
      pf_buf_puts(b, ", ");
    if (k->nwaiters)
      pf_buf_printf(b, "%u session%s waiting", k->nwaiters,
                    k->nwaiters == 1 ? "" : "s");
    pf_buf_puts(b, " (lock-queue-risk)");
  } else if (k->nhidden) {
    pf_buf_printf(b,
                  "; lock queue: %u session%s hold%s a conflicting lock "
                  "in a transaction whose age this role cannot see "
                  "(pg_read_all_stats shows it)",
                  k->nhidden, k->nhidden == 1 ? "" : "s",
                  k->nhidden == 1 ? "s" : "");
  }
}

void pf__rules_cost(pf__rctx *x, uint32_t first)
{
  if (!x->f->cost_ran || x->c->lock == PF_LOCK_NONE)
    return;
  lock_queue_risk(x);
  const pf_live_cost *k = &x->f->cost;
  int64_t ms = estimate_ms(x->c, k);
  pf_buf text = PF_BUF_INIT;
  put_cost(&text, x, ms);
  for (uint32_t i = first; i < x->r->findings.len; i++) {
    pf_finding *fd = &x->r->findings.items[i];
    // Style findings (IF NOT EXISTS, names) are not about the cost.
    const char *family = pf_rule_at(fd->rule)->family;
    if (!strcmp(family, "hygiene") || !strcmp(family, "naming"))
      continue;
    pf_evidence *e =
        pf__finding_add_evidence(fd, PF_EV_COST, k->rows, "%s", text.data);
    e->bytes = k->total_bytes;
    e->table_bytes = k->table_bytes;
    e->index_bytes = k->index_bytes;
    e->estimated_ms = ms;
    e->lock = pf_lock_name(x->c->lock);
    e->effect = pf_effect_name(x->c->effect);
  }
  pf_buf_clear(&text);
}
