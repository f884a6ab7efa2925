/* Live tests of the cost of applying a change: sizes, rows and the lock
 * queue (lib/live/cost.c), and the lock-queue-risk finding of the CLI. */
/* SPDX-License-Identifier: MIT */
#include "../unit/test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libpq-fe.h>

#include "core/core.h"
#include "live/live.h"

#include "helpers.h"

static const char SEED[] =
    "DROP SCHEMA IF EXISTS @ CASCADE;"
    "CREATE SCHEMA @;"
    "CREATE TABLE @.orders (id bigint PRIMARY KEY, customer_id bigint,"
    " notes text);"
    "INSERT INTO @.orders SELECT g, g % 100, 'n'"
    " FROM generate_series(1, 5000) g;"
    "CREATE INDEX ON @.orders (customer_id);"
    "CREATE TABLE @.events (id bigint, at date) PARTITION BY RANGE "
    "(at);"
    "CREATE TABLE @.events_a PARTITION OF @.events"
    " FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');"
    "CREATE TABLE @.events_b PARTITION OF @.events"
    " FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');"
    "INSERT INTO @.events SELECT g, '2024-01-01'::date + g % 700"
    " FROM generate_series(1, 3000) g;"
    "CREATE INDEX ON @.events (id);"
    "";

// Creates the test tables in schema @schema (one per test: ctest runs
// them in parallel), vacuumed and analyzed.
static void seed(PGconn *c, const char *schema)
{
  pf_buf b = PF_BUF_INIT;
  for (const char *p = SEED; *p; p++) {
    if (*p == '@')
      pf_buf_puts(&b, schema);
    else
      pf_buf_putc(&b, *p);
  }
  exec_ok(c, b.data);
  pf_buf_reset(&b);
  pf_buf_printf(&b, "VACUUM ANALYZE %s.orders, %s.events", schema, schema);
  exec_ok(c, b.data);
  pf_buf_clear(&b);
}

static const char *schema_now = "pf_t_cost";

static pf_live_cost cost_of(pf_live *live, const char *table, pf_lock lock,
                            uint32_t long_xact_s)
{
  pf_live_cost k;
  pf_error err = {0};
  ASSERT_OK(pf__live_cost(live, schema_now, table, lock, long_xact_s, &k, &err),
            err);
  return k;
}

TEST(cost_lock_conflict_table)
{
  // PostgreSQL 15 docs, table 13.2: symmetric, and a few known cells.
  for (int a = 0; a < PF_LOCK_COUNT; a++) {
    for (int b = 0; b < PF_LOCK_COUNT; b++)
      ASSERT_EQ(pf__lock_conflicts(a, b), pf__lock_conflicts(b, a));
  }
  ASSERT(pf__lock_conflicts(PF_LOCK_ACCESS_SHARE, PF_LOCK_ACCESS_EXCLUSIVE));
  ASSERT(!pf__lock_conflicts(PF_LOCK_ACCESS_SHARE, PF_LOCK_EXCLUSIVE));
  ASSERT(!pf__lock_conflicts(PF_LOCK_ROW_EXCLUSIVE, PF_LOCK_ROW_EXCLUSIVE));
  ASSERT(pf__lock_conflicts(PF_LOCK_ROW_EXCLUSIVE, PF_LOCK_SHARE));
  ASSERT(pf__lock_conflicts(PF_LOCK_SHARE_UPDATE_EXCLUSIVE,
                            PF_LOCK_SHARE_UPDATE_EXCLUSIVE));
  ASSERT(!pf__lock_conflicts(PF_LOCK_SHARE, PF_LOCK_SHARE));
  ASSERT(pf__lock_conflicts(PF_LOCK_ROW_SHARE, PF_LOCK_EXCLUSIVE));
  ASSERT(!pf__lock_conflicts(PF_LOCK_NONE, PF_LOCK_ACCESS_EXCLUSIVE));
}

TEST(cost_sizes_rows_partitions)
{
  PGconn *c = admin();
  schema_now = "pf_t_cost1";
  seed(c, schema_now);
  pf_live *live = open_live(dsn(), NULL);
  pf_live_cost k = cost_of(live, "orders", PF_LOCK_ACCESS_EXCLUSIVE, 60);
  ASSERT(k.exists);
  ASSERT_EQ(k.total_bytes,
            exec_int(c, "SELECT pg_total_relation_size('pf_t_cost1.orders')"));
  ASSERT_EQ(k.index_bytes,
            exec_int(c, "SELECT pg_indexes_size('pf_t_cost1.orders')"));
  ASSERT_EQ(k.table_bytes, k.total_bytes - k.index_bytes);
  ASSERT(k.table_bytes > 0 && k.index_bytes > 0);
  ASSERT_EQ(k.rows, 5000);
  ASSERT_EQ(k.nindexes, 2);
  ASSERT_EQ(k.npartitions, 0);
  ASSERT(!k.size_from_pages);
  // A partitioned table: the leaves summed (the parent has no storage).
  k = cost_of(live, "events", PF_LOCK_ACCESS_EXCLUSIVE, 60);
  ASSERT(k.exists);
  ASSERT_EQ(k.total_bytes,
            exec_int(c, "SELECT pg_total_relation_size('pf_t_cost1.events_a')"
                        " + pg_total_relation_size('pf_t_cost1.events_b')"));
  ASSERT_EQ(k.rows, 3000);
  ASSERT_EQ(k.npartitions, 2);
  ASSERT_EQ(k.nindexes, 2); // one per partition
  // No such table.
  k = cost_of(live, "nope", PF_LOCK_ACCESS_EXCLUSIVE, 60);
  ASSERT(!k.exists);
  // Nobody holds a lock: no queue.
  k = cost_of(live, "orders", PF_LOCK_ACCESS_EXCLUSIVE, 0);
  ASSERT_EQ(k.nblockers, 0);
  ASSERT_EQ(k.nwaiters, 0);
  ASSERT_EQ(k.nholders, 0);
  pf__live_free(live);
  PQfinish(c);
}

TEST(cost_lock_queue_holder)
{
  PGconn *c = admin();
  schema_now = "pf_t_cost2";
  seed(c, schema_now);
  PGconn *h = admin();
  exec_ok(h, "BEGIN; LOCK TABLE pf_t_cost2.orders IN ACCESS SHARE MODE");
  int hpid = PQbackendPID(h);
  sleep_ms(1200);
  pf_live *live = open_live(dsn(), NULL);
  pf_live_cost k = cost_of(live, "orders", PF_LOCK_ACCESS_EXCLUSIVE, 1);
  ASSERT_EQ(k.nblockers, 1);
  ASSERT_EQ(k.nwaiters, 0);
  ASSERT_EQ(k.nholders, 1);
  ASSERT_EQ(k.holders[0].pid, hpid);
  ASSERT_EQ(k.holders[0].mode, PF_LOCK_ACCESS_SHARE);
  ASSERT(k.holders[0].granted);
  ASSERT(k.holders[0].xact_seconds >= 1);
  ASSERT_STR_EQ(k.holders[0].state, "idle in transaction");
  // Younger than the threshold: not a blocker.
  k = cost_of(live, "orders", PF_LOCK_ACCESS_EXCLUSIVE, 3600);
  ASSERT_EQ(k.nblockers, 0);
  ASSERT_EQ(k.nholders, 0);
  // ACCESS SHARE does not conflict with SHARE UPDATE EXCLUSIVE.
  k = cost_of(live, "orders", PF_LOCK_SHARE_UPDATE_EXCLUSIVE, 1);
  ASSERT_EQ(k.nblockers, 0);
  // Another table is not affected.
  k = cost_of(live, "events", PF_LOCK_ACCESS_EXCLUSIVE, 1);
  ASSERT_EQ(k.nblockers, 0);
  exec_ok(h, "COMMIT");
  k = cost_of(live, "orders", PF_LOCK_ACCESS_EXCLUSIVE, 0);
  ASSERT_EQ(k.nblockers, 0);
  ASSERT_EQ(k.nholders, 0);
  pf__live_free(live);
  PQfinish(h);
  PQfinish(c);
}

TEST(cost_lock_queue_waiter)
{
  PGconn *c = admin();
  schema_now = "pf_t_cost3";
  seed(c, schema_now);
  PGconn *h = admin(), *w = admin();
  exec_ok(h, "BEGIN; LOCK TABLE pf_t_cost3.events_a IN ACCESS SHARE MODE");
  exec_ok(w, "BEGIN");
  int wpid = PQbackendPID(w);
  // Queues behind the holder (asynchronously: it does not return).
  ASSERT(PQsendQuery(w, "LOCK TABLE pf_t_cost3.events_a IN ACCESS EXCLUSIVE "
                        "MODE"));
  char sql[256];
  snprintf(sql, sizeof(sql),
           "SELECT count(*) FROM pg_locks WHERE pid = %d AND NOT granted",
           wpid);
  for (int i = 0; i < 100 && exec_int(c, sql) == 0; i++)
    sleep_ms(50);
  pf_live *live = open_live(dsn(), NULL);
  // On the parent: the partition's queue counts.
  pf_live_cost k = cost_of(live, "events", PF_LOCK_ACCESS_EXCLUSIVE, 3600);
  ASSERT(k.exists);
  ASSERT_EQ(k.nwaiters, 1);
  ASSERT_EQ(k.nblockers, 0);
  ASSERT_EQ(k.nholders, 1);
  ASSERT_EQ(k.holders[0].pid, wpid);
  ASSERT(!k.holders[0].granted);
  ASSERT_EQ(k.holders[0].mode, PF_LOCK_ACCESS_EXCLUSIVE);
  // The size functions queue behind the waiting ACCESS EXCLUSIVE until
  // lock_timeout: the sizes come from pg_class, which takes no lock.
  ASSERT(k.size_from_pages);
  ASSERT_EQ(k.total_bytes,
            exec_int(c, "SELECT sum(c.relpages + COALESCE(t.relpages, 0)) *"
                        " current_setting('block_size')::bigint"
                        " + (SELECT sum(x.relpages) FROM pg_index i JOIN"
                        " pg_class x ON x.oid = i.indexrelid WHERE i.indrelid"
                        " IN ('pf_t_cost3.events_a'::regclass,"
                        " 'pf_t_cost3.events_b'::regclass)) *"
                        " current_setting('block_size')::bigint"
                        " FROM pg_class c LEFT JOIN pg_class t"
                        " ON t.oid = c.reltoastrelid WHERE c.oid IN"
                        " ('pf_t_cost3.events_a'::regclass,"
                        " 'pf_t_cost3.events_b'::regclass)"));
  ASSERT(k.total_bytes > 0);
  ASSERT_EQ(k.rows, 3000);
  pf__live_free(live);
  exec_ok(h, "ROLLBACK");
  PGresult *r;
  while ((r = PQgetResult(w)))
    PQclear(r);
  exec_ok(w, "ROLLBACK");
  PQfinish(w);
  PQfinish(h);
  PQfinish(c);
}

// Runs the pgpreflight binary with @argv (NULL-terminated, argv[0] unused)
// and returns its standard output (caller frees).
static char *run_tool(const char *const *argv)
{
  int fds[2];
  ASSERT(pipe(fds) == 0);
  pid_t pid = fork();
  ASSERT(pid >= 0);
  if (pid == 0) {
    dup2(fds[1], 1);
    close(fds[0]);
    close(fds[1]);
    execv(PF_BIN, (char *const *)argv);
    _exit(127);
  }
  close(fds[1]);
  pf_buf out = PF_BUF_INIT;
  char chunk[4096];
  ssize_t n;
  while ((n = read(fds[0], chunk, sizeof(chunk))) > 0)
    pf_buf_append(&out, chunk, (size_t)n);
  close(fds[0]);
  int st = 0;
  waitpid(pid, &st, 0);
  ASSERT(WIFEXITED(st) && WEXITSTATUS(st) != 127);
  return pf_buf_detach(&out);
}

TEST(cost_cli_names_the_blocker)
{
  PGconn *c = admin();
  schema_now = "pf_t_cost4";
  seed(c, schema_now);
  char dir[] = "/tmp/pf_cost_XXXXXX";
  ASSERT(mkdtemp(dir) != NULL);
  char path[64];
  snprintf(path, sizeof(path), "%s/m.sql", dir);
  int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
  ASSERT(fd >= 0);
  const char sql[] =
      "ALTER TABLE pf_t_cost4.orders ALTER COLUMN notes SET NOT NULL;\n";
  ASSERT(write(fd, sql, sizeof(sql) - 1) == (ssize_t)(sizeof(sql) - 1));
  close(fd);
  const char *argv[] = {"pgpreflight", "check", "--db", dsn(),
                        "--long-xact", "1",     path,   NULL};
  PGconn *h = admin();
  exec_ok(h, "BEGIN; SELECT count(*) FROM pf_t_cost4.orders");
  char want[128];
  snprintf(want, sizeof(want), "pid %d, idle in transaction", PQbackendPID(h));
  sleep_ms(1500);
  char *out = run_tool(argv);
  // The finding names the holder, its state and the lock it holds.
  ASSERT(strstr(out, "[lock-queue-risk]") != NULL);
  ASSERT(strstr(out, want) != NULL);
  ASSERT(strstr(out, "holds ACCESS SHARE on it") != NULL);
  ASSERT(strstr(out, "block every query on the table meanwhile") != NULL);
  ASSERT(strstr(out, "    cost: ") != NULL);
  ASSERT(strstr(out, "lock queue: 1 long transaction (1 s or more)") != NULL);
  // Never the other session's query text.
  ASSERT(strstr(out, "count(*)") == NULL);
  free(out);
  // The transaction ends: no risk, no lock-queue line.
  exec_ok(h, "COMMIT");
  out = run_tool(argv);
  ASSERT(strstr(out, "lock-queue-risk") == NULL);
  ASSERT(strstr(out, "lock queue") == NULL);
  ASSERT(strstr(out, "    cost: ") != NULL);
  free(out);
  unlink(path);
  rmdir(dir);
  PQfinish(h);
  PQfinish(c);
}
