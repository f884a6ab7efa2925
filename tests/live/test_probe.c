/* Live-database tests of the parallel probe of the whole table
 * (lib/live/data.c, pf__live_first_row in lib/live/live.c): the verdict
 * wherever the bad row is, a scan cancelled cleanly at its first row, a
 * parallel worker that fails, no workers to be had, and the time limits. */
/* SPDX-License-Identifier: MIT */
#include "helpers.h"

#include <pthread.h>
#include <stdatomic.h>

#include "core/source.h"
#include "migration/model.h"

static pf_live_probe run_check(pf_live *live, const pf_live_check *chk)
{
  pf_live_probe p;
  pf_error err = {0};
  ASSERT_OK(pf__live_data_check(live, chk, &p, &err), err);
  return p;
}

static pf_live_check one_col(pf_live_check_kind kind, const char *schema,
                             const char *table, const char *const *col)
{
  pf_live_check chk;
  memset(&chk, 0, sizeof(chk));
  chk.kind = kind;
  chk.schema = schema;
  chk.table = table;
  chk.cols = col;
  chk.ncols = 1;
  return chk;
}

// A CHECK over the table, as the pipeline would pass it: the expression
// and its shape from the parsed statement.
static pf_live_probe run_check_constraint(pf_live *live, const char *schema,
                                          const char *sql)
{
  pf_source *src = pf_source_from_mem("t.sql", sql, strlen(sql));
  pf_migration *m = pf__migration_parse(src);
  ASSERT(m->changes.len >= 1);
  const pf_change *c = &m->changes.items[0];
  pf_live_check chk;
  memset(&chk, 0, sizeof(chk));
  chk.kind = PF_LC_CHECK;
  chk.schema = schema;
  chk.table = c->table.name;
  chk.expr = c->expr;
  chk.shape = c->shape;
  pf_live_probe p = run_check(live, &chk);
  pf__migration_free(m);
  pf_source_free(src);
  return p;
}

static bool found_by_workers(const pf_live_probe *p)
{
  return strstr(p->why, "parallel plan") != NULL;
}

// t: 200,000 rows in id order (fillfactor 100: about 20 MB of
// heap, whose newest 1 MB the probe reads first), and the table asks for
// two parallel workers itself. Each nK column is NULL at id K only; c is
// negative at id 140000 (70%) only; fk has an orphan at 110000 (55%);
// w exceeds smallint at 60000 (30%).
static void make_positions(PGconn *c, const char *schema)
{
  char sql[1024];
  snprintf(sql, sizeof(sql),
           "DROP SCHEMA IF EXISTS %s CASCADE; CREATE SCHEMA %s;"
           " SET search_path = %s",
           schema, schema, schema);
  exec_ok(c, sql);
  exec_ok(c, "CREATE TABLE parent (id int PRIMARY KEY);"
             "INSERT INTO parent SELECT g FROM generate_series(1, 100) g;"
             "CREATE TABLE t (id int, n1 text, n80000 text,"
             " n180000 text, n200000 text, nnone text, c int, fk int, w int,"
             " pad text) WITH (fillfactor = 100, parallel_workers = 2);"
             "INSERT INTO t SELECT g,"
             " CASE WHEN g = 1 THEN NULL ELSE 'x' END,"
             " CASE WHEN g = 80000 THEN NULL ELSE 'x' END,"
             " CASE WHEN g = 180000 THEN NULL ELSE 'x' END,"
             " CASE WHEN g = 200000 THEN NULL ELSE 'x' END, 'x',"
             " CASE WHEN g = 140000 THEN -1 ELSE g END,"
             " CASE WHEN g = 110000 THEN 1000 ELSE g % 100 + 1 END,"
             " CASE WHEN g = 60000 THEN 40000 ELSE g % 30000 END,"
             " repeat('p', 40) FROM generate_series(1, 200000) g;");
  exec_ok(c, "VACUUM ANALYZE t");
  exec_ok(c, "RESET search_path");
}

// The bad row anywhere in the heap: the first page, 30% to 90% (the
// parallel scan), the newest pages (read first, alone); none at all.
TEST(probe_parallel_each_position)
{
  PGconn *c = admin();
  make_positions(c, "pf_p_pos");
  // Where the rows are: the first page, and 90% outside the newest 1 MB.
  ASSERT_EQ(exec_int(c, "SELECT (ctid::text::point)[0]::int FROM pf_p_pos.t"
                        " WHERE n1 IS NULL"),
            0);
  ASSERT(exec_int(c, "SELECT (ctid::text::point)[0]::int FROM pf_p_pos.t"
                     " WHERE n180000 IS NULL") +
             128 <
         exec_int(c, "SELECT pg_relation_size('pf_p_pos.t') / 8192"));
  pf_live *live = open_live(dsn(), NULL);
  static const char *const found[] = {"n1", "n80000", "n180000"};
  for (size_t i = 0; i < sizeof(found) / sizeof(found[0]); i++) {
    const char *col[1] = {found[i]};
    pf_live_check chk = one_col(PF_LC_NULLS, "pf_p_pos", "t", col);
    pf_live_probe p = run_check(live, &chk);
    if (p.status != PF_LIVE_DONE || p.count != 1 || !found_by_workers(&p))
      PF_TEST_FAIL("%s: status %d, count %lld, why \"%s\"", found[i],
                   (int)p.status, (long long)p.count, p.why);
    ASSERT_STR_EQ(p.note, "");
  }
  // In the newest pages: the first probe finds it, no workers.
  const char *last[1] = {"n200000"};
  pf_live_check chk = one_col(PF_LC_NULLS, "pf_p_pos", "t", last);
  pf_live_probe p = run_check(live, &chk);
  ASSERT_EQ((int)p.status, (int)PF_LIVE_DONE);
  ASSERT_EQ(p.count, 1);
  ASSERT(strstr(p.why, "newest") != NULL);
  // Nowhere: the parallel scan reads it all and finds none.
  const char *none[1] = {"nnone"};
  chk = one_col(PF_LC_NULLS, "pf_p_pos", "t", none);
  p = run_check(live, &chk);
  ASSERT_EQ((int)p.status, (int)PF_LIVE_DONE);
  ASSERT_EQ(p.count, 0);
  ASSERT(p.exact);
  ASSERT_STR_EQ(p.method, "full probe found none");
  // The other kinds of one row each: orphan, CHECK, type fit.
  const char *fk[1] = {"fk"};
  chk = one_col(PF_LC_ORPHANS, "pf_p_pos", "t", fk);
  chk.ref_schema = "pf_p_pos";
  chk.ref_table = "parent";
  p = run_check(live, &chk);
  ASSERT_EQ((int)p.status, (int)PF_LIVE_DONE);
  ASSERT_EQ(p.count, 1);
  ASSERT(found_by_workers(&p));
  p = run_check_constraint(live, "pf_p_pos",
                           "ALTER TABLE t ADD CONSTRAINT k CHECK (c >= 0);");
  ASSERT_EQ((int)p.status, (int)PF_LIVE_DONE);
  ASSERT_EQ(p.count, 1);
  ASSERT(found_by_workers(&p));
  const char *w[1] = {"w"};
  chk = one_col(PF_LC_TYPE_FIT, "pf_p_pos", "t", w);
  chk.new_type = "smallint";
  p = run_check(live, &chk);
  ASSERT_EQ((int)p.status, (int)PF_LIVE_DONE);
  ASSERT_EQ(p.count, 1);
  ASSERT(found_by_workers(&p));
  pf__live_free(live);
  exec_ok(c, "DROP SCHEMA pf_p_pos CASCADE");
  PQfinish(c);
}

// t: 100,000 rows (about 26 MB, two parallel workers) whose CHECK
// costs md5 over 10 kB per row, except in the newest pages (k = 0 past id
// 80000), so that reading the table takes seconds and the newest pages,
// read first and alone, do not. The CHECK fails at id @bad only (0: never).
static void make_slow(PGconn *c, const char *schema)
{
  char sql[1024];
  snprintf(sql, sizeof(sql),
           "DROP SCHEMA IF EXISTS %s CASCADE; CREATE SCHEMA %s;"
           " SET search_path = %s",
           schema, schema, schema);
  exec_ok(c, sql);
  exec_ok(c, "CREATE TABLE t (id int, v text, k int, pad text)"
             " WITH (fillfactor = 100, parallel_workers = 2);"
             "INSERT INTO t SELECT g, 'abcdefghij',"
             " CASE WHEN g <= 80000 THEN 1000 ELSE 0 END, repeat('p', 200)"
             " FROM generate_series(1, 100000) g;");
  exec_ok(c, "VACUUM ANALYZE t");
  exec_ok(c, "RESET search_path");
}

static pf_live_probe run_slow(pf_live *live, const char *schema, int bad)
{
  char sql[256];
  snprintf(sql, sizeof(sql),
           "ALTER TABLE t ADD CONSTRAINT k CHECK (md5(repeat(v, k)) <> '' "
           "AND id <> %d);",
           bad);
  return run_check_constraint(live, schema, sql);
}

// The session's parallel workers still alive, and its own state.
static long long workers_of(PGconn *c, int pid)
{
  char q[256];
  snprintf(q, sizeof(q),
           "SELECT count(*) FROM pg_stat_activity WHERE backend_type ="
           " 'parallel worker' AND leader_pid = %d",
           pid);
  return exec_int(c, q);
}

// The rows parallel workers and scans have read from pf_p_cancel.t so far.
static long long rows_read(PGconn *c)
{
  exec_ok(c, "SELECT pg_stat_clear_snapshot()");
  return exec_int(c, "SELECT COALESCE(seq_tup_read, 0) FROM"
                     " pg_stat_user_tables WHERE relid = 'pf_p_cancel.t'"
                     "::regclass");
}

// A row found early stops the whole scan: the workers read a small part of
// the table, none is left running, the session is idle (not in an aborted
// transaction) and answers the next check. The budget (2 s) is one that
// pays for no exact count of the 26 MB (which would read every row).
TEST(probe_parallel_cancel_is_clean)
{
  PGconn *c = admin();
  make_slow(c, "pf_p_cancel");
  ASSERT(exec_int(c, "SELECT pg_relation_size('pf_p_cancel.t')") > 20 << 20);
  pf_live_opts opts = {0};
  opts.budget_ms = 2000;
  pf_live *live = open_live(dsn(), &opts);
  int pid = pf__live_backend_pid(live);
  long long before = rows_read(c);
  pf_live_probe p = run_slow(live, "pf_p_cancel", 3);
  ASSERT_EQ((int)p.status, (int)PF_LIVE_DONE);
  ASSERT_EQ(p.count, 1);
  ASSERT(found_by_workers(&p));
  ASSERT_STR_EQ(p.note, "");
  ASSERT_EQ(workers_of(c, pid), 0);
  char q[160];
  snprintf(q, sizeof(q),
           "SELECT (state = 'idle')::int FROM pg_stat_activity WHERE pid = %d",
           pid);
  ASSERT_EQ(exec_int(c, q), 1);
  // Workers flush their statistics when they exit: had the scan not been
  // cancelled, they would have read the 80,000 slow rows.
  long long read = rows_read(c) - before;
  if (read >= 40000)
    PF_TEST_FAIL("the workers read %lld rows after the first one was found",
                 read);
  // The same session goes on.
  p = run_slow(live, "pf_p_cancel", 5);
  ASSERT_EQ((int)p.status, (int)PF_LIVE_DONE);
  ASSERT_EQ(p.count, 1);
  pf__live_free(live);
  exec_ok(c, "DROP SCHEMA pf_p_cancel CASCADE");
  PQfinish(c);
}

// A statement timeout or the budget that stops the parallel scan leaves the
// check inconclusive, never passed; a row found before it still fails it.
TEST(probe_parallel_time_limits_inconclusive)
{
  PGconn *c = admin();
  make_slow(c, "pf_p_limits");
  pf_live_opts opts = {0};
  opts.statement_timeout_ms = 300;
  pf_live *live = open_live(dsn(), &opts);
  pf_live_probe p = run_slow(live, "pf_p_limits", 0);
  if (p.status != PF_LIVE_INCONCLUSIVE)
    PF_TEST_FAIL("status %d (%s)", (int)p.status, p.why);
  ASSERT(strstr(p.why, "statement timeout") != NULL);
  ASSERT_EQ(workers_of(c, pf__live_backend_pid(live)), 0);
  p = run_slow(live, "pf_p_limits", 2);
  ASSERT_EQ((int)p.status, (int)PF_LIVE_DONE);
  ASSERT_EQ(p.count, 1);
  pf__live_free(live);
  // The session's budget: what is left of it bounds the scan.
  opts.statement_timeout_ms = 60000;
  opts.budget_ms = 400;
  live = open_live(dsn(), &opts);
  p = run_slow(live, "pf_p_limits", 0);
  ASSERT_EQ((int)p.status, (int)PF_LIVE_INCONCLUSIVE);
  pf__live_free(live);
  exec_ok(c, "DROP SCHEMA pf_p_limits CASCADE");
  PQfinish(c);
}

typedef struct killer {
  int leader;         // the session's backend
  atomic_bool stop;   // the check is over
  atomic_bool killed; // a worker was terminated
  char error[256];    // the killer's own failure
} killer;

// Terminates one parallel worker of the session as soon as there is one.
static void *kill_a_worker(void *arg)
{
  killer *k = arg;
  PGconn *c = PQconnectdb(dsn());
  if (PQstatus(c) != CONNECTION_OK) {
    snprintf(k->error, sizeof(k->error), "%s", PQerrorMessage(c));
    PQfinish(c);
    return NULL;
  }
  char q[256];
  snprintf(q, sizeof(q),
           "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM"
           " pg_stat_activity WHERE backend_type = 'parallel worker' AND"
           " leader_pid = %d",
           k->leader);
  while (!atomic_load(&k->stop) && !atomic_load(&k->killed)) {
    PGresult *r = PQexec(c, q);
    if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1 &&
        strcmp(PQgetvalue(r, 0, 0), "0") != 0)
      atomic_store(&k->killed, true);
    PQclear(r);
    sleep_ms(5);
  }
  PQfinish(c);
  return NULL;
}

// A parallel worker terminated in the middle of the scan: the check says
// so, reads the table again without workers, and gives the right verdict.
TEST(probe_parallel_worker_terminated)
{
  PGconn *c = admin();
  make_slow(c, "pf_p_kill");
  pf_live_opts opts = {0};
  opts.statement_timeout_ms = 100000;
  opts.budget_ms = 100000;
  pf_live *live = open_live(dsn(), &opts);
  for (int bad = 0; bad <= 60000; bad += 60000) {
    killer k;
    memset(&k, 0, sizeof(k));
    k.leader = pf__live_backend_pid(live);
    pthread_t th;
    ASSERT_EQ(pthread_create(&th, NULL, kill_a_worker, &k), 0);
    pf_live_probe p = run_slow(live, "pf_p_kill", bad);
    atomic_store(&k.stop, true);
    pthread_join(th, NULL);
    if (k.error[0])
      PF_TEST_FAIL("the killer could not connect: %s", k.error);
    if (!atomic_load(&k.killed))
      PF_TEST_FAIL("no parallel worker of the session was seen to terminate");
    ASSERT_EQ((int)p.status, (int)PF_LIVE_DONE);
    ASSERT_EQ(p.count, bad ? 1 : 0);
    if (!strstr(p.note, "the parallel scan failed") ||
        !strstr(p.note, "without parallel workers"))
      PF_TEST_FAIL("note: \"%s\"", p.note);
    ASSERT(strstr(p.note, "terminating") != NULL); // the server's reason
  }
  pf__live_free(live);
  exec_ok(c, "DROP SCHEMA pf_p_kill CASCADE");
  PQfinish(c);
}

// No worker to be had (the pool is empty, or the server allows none per
// query): the same probe, by the session's own process; the same verdicts.
TEST(probe_parallel_no_workers)
{
  PGconn *c = admin();
  make_positions(c, "pf_p_nowork");
  static const char *const opts_sets[] = {
      "-c max_parallel_workers=0", "-c max_parallel_workers_per_gather=0"};
  for (size_t i = 0; i < 2; i++) {
    char *conninfo = dsn_with("options", opts_sets[i]);
    pf_live *live = open_live(conninfo, NULL);
    const char *col[1] = {"n180000"};
    pf_live_check chk = one_col(PF_LC_NULLS, "pf_p_nowork", "t", col);
    pf_live_probe p = run_check(live, &chk);
    ASSERT_EQ((int)p.status, (int)PF_LIVE_DONE);
    ASSERT_EQ(p.count, 1);
    // With no workers per query the probe is the serial one.
    ASSERT(found_by_workers(&p) == (i == 0));
    const char *none[1] = {"nnone"};
    chk = one_col(PF_LC_NULLS, "pf_p_nowork", "t", none);
    p = run_check(live, &chk);
    ASSERT_EQ((int)p.status, (int)PF_LIVE_DONE);
    ASSERT_EQ(p.count, 0);
    pf__live_free(live);
    free(conninfo);
  }
  exec_ok(c, "DROP SCHEMA pf_p_nowork CASCADE");
  PQfinish(c);
}
