/* Live-database tests of lib/live against a throwaway PostgreSQL. */
/* SPDX-License-Identifier: MIT */
#include "../unit/test.h"

#include <stdbool.h>
#include <time.h>

#include <libpq-fe.h>

#include "core/core.h"
#include "live/live.h"

#include "helpers.h"

TEST(session_is_read_only)
{
  pf_live *live = open_live(dsn(), NULL);
  ASSERT(pf__live_server_version(live) >= 150000);
  ASSERT(!pf__live_is_standby(live));
  int pid = pf__live_backend_pid(live);
  ASSERT(pid > 0);
  // The session really is read-only, with our timeouts and name.
  PGconn *c = admin();
  char sql[256];
  snprintf(sql, sizeof(sql),
           "SELECT count(*) FROM pg_stat_activity WHERE pid = %d"
           " AND application_name = 'pgpreflight'",
           pid);
  ASSERT_EQ(exec_int(c, sql), 1);
  PQfinish(c);
  pf__live_free(live);
}

TEST(count_nulls_exact)
{
  PGconn *c = admin();
  exec_ok(c, "DROP SCHEMA IF EXISTS pf_t_nulls CASCADE;"
             "CREATE SCHEMA pf_t_nulls;"
             "CREATE TABLE pf_t_nulls.orders (id int, notes text, qty int);"
             "INSERT INTO pf_t_nulls.orders SELECT g,"
             " CASE WHEN g <= 12000 THEN NULL ELSE 'n' END, g"
             " FROM generate_series(1, 20000) g;");
  pf_live *live = open_live(dsn(), NULL);
  pf_error err = {0};
  int64_t n = 0;
  pf_live_status st = PF_LIVE_INCONCLUSIVE;
  ASSERT_OK(pf__live_count_nulls(live, "pf_t_nulls", "orders", "notes", &n, &st,
                                 &err),
            err);
  ASSERT_EQ(st, PF_LIVE_DONE);
  ASSERT_EQ(n, 12000);
  ASSERT_OK(
      pf__live_count_nulls(live, "pf_t_nulls", "orders", "qty", &n, &st, &err),
      err);
  ASSERT_EQ(st, PF_LIVE_DONE);
  ASSERT_EQ(n, 0);
  // Missing column or table: nothing to count, not an error.
  ASSERT_OK(
      pf__live_count_nulls(live, "pf_t_nulls", "orders", "nope", &n, &st, &err),
      err);
  ASSERT_EQ(st, PF_LIVE_MISSING);
  ASSERT_EQ(n, -1);
  ASSERT_OK(
      pf__live_count_nulls(live, "pf_t_nulls", "nope", "notes", &n, &st, &err),
      err);
  ASSERT_EQ(st, PF_LIVE_MISSING);
  pf__live_free(live);
  exec_ok(c, "DROP SCHEMA pf_t_nulls CASCADE");
  PQfinish(c);
}

TEST(table_exists_both_ways)
{
  PGconn *c = admin();
  exec_ok(c, "DROP SCHEMA IF EXISTS pf_t_tbl CASCADE;"
             "CREATE SCHEMA pf_t_tbl;"
             "CREATE TABLE pf_t_tbl.items (id int PRIMARY KEY, name text);"
             "INSERT INTO pf_t_tbl.items SELECT g, 'x' FROM"
             " generate_series(1, 5000) g;"
             "ANALYZE pf_t_tbl.items;"
             "DROP TABLE IF EXISTS public.pf_t_tbl_pub;"
             "CREATE TABLE public.pf_t_tbl_pub (id int);"
             "CREATE TABLE pf_t_tbl.parts (id int) PARTITION BY RANGE (id);");
  pf_live *live = open_live(dsn(), NULL);
  pf_error err = {0};
  pf_live_table t;
  ASSERT_OK(pf__live_table(live, "pf_t_tbl", "items", &t, &err), err);
  ASSERT(t.exists);
  ASSERT_STR_EQ(t.schema, "pf_t_tbl");
  ASSERT_EQ(t.est_rows, 5000);
  ASSERT(t.bytes > 8192);
  ASSERT(!t.partitioned);
  ASSERT_OK(pf__live_table(live, "pf_t_tbl", "parts", &t, &err), err);
  ASSERT(t.exists && t.partitioned);
  // Resolved through the search_path.
  ASSERT_OK(pf__live_table(live, NULL, "pf_t_tbl_pub", &t, &err), err);
  ASSERT(t.exists);
  ASSERT_STR_EQ(t.schema, "public");
  ASSERT_EQ(t.est_rows, -1); // never analyzed
  // Absent: a missing table, a wrong schema, an index of the same name, a
  // name that differs only in case.
  ASSERT_OK(pf__live_table(live, "pf_t_tbl", "nope", &t, &err), err);
  ASSERT(!t.exists);
  ASSERT_OK(pf__live_table(live, "nope", "items", &t, &err), err);
  ASSERT(!t.exists);
  ASSERT_OK(pf__live_table(live, "pf_t_tbl", "items_pkey", &t, &err), err);
  ASSERT(!t.exists);
  ASSERT_OK(pf__live_table(live, "pf_t_tbl", "Items", &t, &err), err);
  ASSERT(!t.exists);
  pf__live_free(live);
  exec_ok(c, "DROP SCHEMA pf_t_tbl CASCADE; DROP TABLE public.pf_t_tbl_pub");
  PQfinish(c);
}

TEST(column_exists_both_ways)
{
  PGconn *c = admin();
  exec_ok(c, "DROP SCHEMA IF EXISTS pf_t_col CASCADE;"
             "CREATE SCHEMA pf_t_col;"
             "CREATE TABLE pf_t_col.users (id int NOT NULL,"
             " email varchar(20) CONSTRAINT z_email CHECK (email <> ''),"
             " gone int, \"MixedCase\" numeric(10,2),"
             " CONSTRAINT a_both CHECK (email <> 'x' OR id > 0));"
             "ALTER TABLE pf_t_col.users DROP COLUMN gone;");
  pf_live *live = open_live(dsn(), NULL);
  pf_error err = {0};
  pf_live_column col;
  ASSERT_OK(pf__live_column(live, "pf_t_col", "users", "id", &col, &err), err);
  ASSERT(col.exists);
  ASSERT(col.not_null);
  ASSERT_STR_EQ(col.type, "integer");
  ASSERT_OK(pf__live_column(live, "pf_t_col", "users", "email", &col, &err),
            err);
  ASSERT(col.exists);
  ASSERT(!col.not_null);
  ASSERT_STR_EQ(col.type, "character varying(20)");
  // The first CHECK that uses it, by name, for a binary-coercible change.
  ASSERT_STR_EQ(col.check_name, "a_both");
  ASSERT_STR_EQ(col.check_def,
                "CHECK ((((email)::text <> 'x'::text) OR (id > 0)))");
  ASSERT_OK(pf__live_column(live, "pf_t_col", "users", "MixedCase", &col, &err),
            err);
  ASSERT(col.exists);
  ASSERT_STR_EQ(col.type, "numeric(10,2)");
  ASSERT_STR_EQ(col.check_name, "");
  ASSERT_OK(pf__live_column(live, "pf_t_col", "users", "gone", &col, &err),
            err);
  ASSERT(!col.exists);
  ASSERT_OK(pf__live_column(live, "pf_t_col", "users", "mixedcase", &col, &err),
            err);
  ASSERT(!col.exists);
  ASSERT_OK(pf__live_column(live, "pf_t_col", "nope", "id", &col, &err), err);
  ASSERT(!col.exists);
  // System columns are not the table's columns.
  ASSERT_OK(pf__live_column(live, "pf_t_col", "users", "ctid", &col, &err),
            err);
  ASSERT(!col.exists);
  pf__live_free(live);
  exec_ok(c, "DROP SCHEMA pf_t_col CASCADE");
  PQfinish(c);
}

TEST(index_usage_counts)
{
  PGconn *c = admin();
  exec_ok(c, "DROP SCHEMA IF EXISTS pf_t_idx CASCADE;"
             "CREATE SCHEMA pf_t_idx;"
             "CREATE TABLE pf_t_idx.customers (id int PRIMARY KEY);"
             "CREATE TABLE pf_t_idx.orders (id int PRIMARY KEY,"
             " customer_id int REFERENCES pf_t_idx.customers, status text);"
             "CREATE INDEX orders_status_idx ON pf_t_idx.orders (status);"
             "INSERT INTO pf_t_idx.customers SELECT g"
             " FROM generate_series(1, 100) g;"
             "INSERT INTO pf_t_idx.orders SELECT g, 1 + g % 100,"
             " CASE WHEN g % 10 = 0 THEN 'open' ELSE 'done' END"
             " FROM generate_series(1, 1000) g;"
             "ANALYZE pf_t_idx.orders;");
  pf_live *live = open_live(dsn(), NULL);
  pf_error err = {0};
  pf_live_index ix;
  ASSERT_OK(pf__live_index(live, "pf_t_idx", "orders_status_idx", &ix, &err),
            err);
  ASSERT(ix.exists);
  ASSERT_STR_EQ(ix.table, "orders");
  ASSERT_EQ(ix.scans, 0);
  ASSERT(!ix.backs_constraint);
  ASSERT(!ix.referenced_by_fk);
  // For ADD PRIMARY KEY USING INDEX: a column that allows NULL.
  ASSERT_STR_EQ(ix.nullable_col, "status");
  ASSERT(!ix.has_expr);
  ASSERT_STR_EQ(ix.definition, "CREATE INDEX orders_status_idx ON "
                               "pf_t_idx.orders USING btree (status)");

  // Three index scans reading 100 rows each, flushed to the statistics.
  exec_ok(c, "SET enable_seqscan = off; SET enable_bitmapscan = off");
  for (int i = 0; i < 3; i++)
    exec_int(c, "SELECT count(*) FROM pf_t_idx.orders WHERE status = 'open'");
  exec_ok(c, "SELECT pg_stat_force_next_flush()");
  exec_ok(c, "RESET enable_seqscan; RESET enable_bitmapscan");
  for (int tries = 0; tries < 50; tries++) {
    ASSERT_OK(pf__live_index(live, "pf_t_idx", "orders_status_idx", &ix, &err),
              err);
    if (ix.scans >= 3)
      break;
    sleep_ms(100);
  }
  ASSERT_EQ(ix.scans, 3);
  ASSERT_EQ(ix.tuples_read, 300);

  ASSERT_OK(pf__live_index(live, "pf_t_idx", "orders_pkey", &ix, &err), err);
  ASSERT(ix.exists);
  ASSERT(ix.backs_constraint);
  ASSERT_STR_EQ(ix.nullable_col, "");
  ASSERT(!ix.referenced_by_fk);
  ASSERT_OK(pf__live_index(live, "pf_t_idx", "customers_pkey", &ix, &err), err);
  ASSERT(ix.backs_constraint);
  ASSERT(ix.referenced_by_fk);
  ASSERT_STR_EQ(ix.table, "customers");
  // Not an index: a table, a missing name.
  ASSERT_OK(pf__live_index(live, "pf_t_idx", "orders", &ix, &err), err);
  ASSERT(!ix.exists);
  ASSERT_OK(pf__live_index(live, "pf_t_idx", "nope_idx", &ix, &err), err);
  ASSERT(!ix.exists);
  pf__live_free(live);
  exec_ok(c, "DROP SCHEMA pf_t_idx CASCADE");
  PQfinish(c);
}

#define WEIRD_SCHEMA "pf t\"we;ird"
#define WEIRD_TABLE  "we\"ird; drop table x;--"
#define WEIRD_COLUMN "no\"tes; drop table x;--"

TEST(weird_names_do_not_inject)
{
  PGconn *c = admin();
  exec_ok(c, "DROP SCHEMA IF EXISTS \"pf t\"\"we;ird\" CASCADE;"
             "CREATE SCHEMA \"pf t\"\"we;ird\";"
             "SET search_path = \"pf t\"\"we;ird\";"
             "CREATE TABLE x (id int);"
             "CREATE TABLE \"we\"\"ird; drop table x;--\" (id int,"
             " \"no\"\"tes; drop table x;--\" text);"
             "CREATE INDEX \"ix\"\"; drop table x;--\" ON"
             " \"we\"\"ird; drop table x;--\" (\"no\"\"tes; drop table x;--\");"
             "INSERT INTO \"we\"\"ird; drop table x;--\" SELECT g,"
             " CASE WHEN g % 4 = 0 THEN NULL ELSE 'a' END"
             " FROM generate_series(1, 100) g;"
             "RESET search_path;");
  pf_live *live = open_live(dsn(), NULL);
  pf_error err = {0};
  pf_live_table t;
  ASSERT_OK(pf__live_table(live, WEIRD_SCHEMA, WEIRD_TABLE, &t, &err), err);
  ASSERT(t.exists);
  ASSERT_STR_EQ(t.schema, WEIRD_SCHEMA);
  pf_live_column col;
  ASSERT_OK(pf__live_column(live, WEIRD_SCHEMA, WEIRD_TABLE, WEIRD_COLUMN, &col,
                            &err),
            err);
  ASSERT(col.exists);
  ASSERT_STR_EQ(col.type, "text");
  int64_t n = 0;
  pf_live_status st;
  ASSERT_OK(pf__live_count_nulls(live, WEIRD_SCHEMA, WEIRD_TABLE, WEIRD_COLUMN,
                                 &n, &st, &err),
            err);
  ASSERT_EQ(st, PF_LIVE_DONE);
  ASSERT_EQ(n, 25);
  pf_live_index ix;
  ASSERT_OK(
      pf__live_index(live, WEIRD_SCHEMA, "ix\"; drop table x;--", &ix, &err),
      err);
  ASSERT(ix.exists);
  ASSERT_STR_EQ(ix.table, WEIRD_TABLE);
  // Names that try to break out of a quoted or literal context.
  ASSERT_OK(pf__live_table(live, "x'; drop table x;--", "x", &t, &err), err);
  ASSERT(!t.exists);
  ASSERT_OK(pf__live_count_nulls(live, WEIRD_SCHEMA, "x\"; drop table x;--",
                                 "id", &n, &st, &err),
            err);
  ASSERT_EQ(st, PF_LIVE_MISSING);
  pf__live_free(live);
  // Everything is still there.
  ASSERT_EQ(exec_int(c, "SELECT count(*) FROM pg_class c JOIN pg_namespace n"
                        " ON n.oid = c.relnamespace WHERE n.nspname = "
                        "'pf t\"we;ird' AND c.relname IN ('x',"
                        " 'we\"ird; drop table x;--')"),
            2);
  exec_ok(c, "DROP SCHEMA \"pf t\"\"we;ird\" CASCADE");
  PQfinish(c);
}

TEST(statement_timeout_inconclusive)
{
  PGconn *c = admin();
  exec_ok(c, "DROP SCHEMA IF EXISTS pf_t_slow CASCADE;"
             "CREATE SCHEMA pf_t_slow;"
             "CREATE UNLOGGED TABLE pf_t_slow.big (v int);"
             "INSERT INTO pf_t_slow.big SELECT NULL"
             " FROM generate_series(1, 2000000);");
  pf_live_opts opts = {0};
  opts.statement_timeout_ms = 1;
  pf_live *live = open_live(dsn(), &opts);
  pf_error err = {0};
  int64_t n = 0;
  pf_live_status st = PF_LIVE_DONE;
  ASSERT_OK(pf__live_count_nulls(live, "pf_t_slow", "big", "v", &n, &st, &err),
            err);
  ASSERT_EQ(st, PF_LIVE_INCONCLUSIVE);
  ASSERT_EQ(n, -1);
  ASSERT_EQ(err.code, PF_OK);
  pf__live_free(live);
  exec_ok(c, "DROP SCHEMA pf_t_slow CASCADE");
  PQfinish(c);
}

TEST(budget_spent_inconclusive)
{
  PGconn *c = admin();
  exec_ok(c, "DROP SCHEMA IF EXISTS pf_t_budget CASCADE;"
             "CREATE SCHEMA pf_t_budget;"
             "CREATE TABLE pf_t_budget.t (v int);");
  pf_live_opts opts = {0};
  opts.budget_ms = 1;
  pf_live *live = open_live(dsn(), &opts);
  sleep_ms(20);
  pf_error err = {0};
  int64_t n = 0;
  pf_live_status st = PF_LIVE_DONE;
  ASSERT_OK(pf__live_count_nulls(live, "pf_t_budget", "t", "v", &n, &st, &err),
            err);
  ASSERT_EQ(st, PF_LIVE_INCONCLUSIVE);
  ASSERT_EQ(n, -1);
  // A catalog lookup cannot answer "maybe": it is an error, sqlstate "".
  pf_live_table t;
  ASSERT_EQ(pf__live_table(live, "pf_t_budget", "t", &t, &err), PF_DB_QUERY);
  ASSERT(!t.exists);
  ASSERT_STR_EQ(err.sqlstate, "");
  ASSERT(strstr(err.msg, "budget") != NULL);
  pf__live_free(live);
  exec_ok(c, "DROP SCHEMA pf_t_budget CASCADE");
  PQfinish(c);
}

TEST(lock_timeout_inconclusive)
{
  PGconn *c = admin();
  exec_ok(c, "DROP SCHEMA IF EXISTS pf_t_lock CASCADE;"
             "CREATE SCHEMA pf_t_lock;"
             "CREATE TABLE pf_t_lock.t (v int);"
             "INSERT INTO pf_t_lock.t VALUES (NULL);");
  // Another session holds ACCESS EXCLUSIVE, as a running migration would.
  PGconn *locker = admin();
  exec_ok(locker, "BEGIN; LOCK TABLE pf_t_lock.t IN ACCESS EXCLUSIVE MODE");
  pf_live_opts opts = {0};
  opts.lock_timeout_ms = 100;
  pf_live *live = open_live(dsn(), &opts);
  pf_error err = {0};
  int64_t n = 0;
  pf_live_status st = PF_LIVE_DONE;
  ASSERT_OK(pf__live_count_nulls(live, "pf_t_lock", "t", "v", &n, &st, &err),
            err);
  ASSERT_EQ(st, PF_LIVE_INCONCLUSIVE);
  ASSERT_EQ(n, -1);
  // The size needs ACCESS SHARE too: a lookup error with the lock's state.
  pf_live_table t;
  ASSERT_EQ(pf__live_table(live, "pf_t_lock", "t", &t, &err), PF_DB_QUERY);
  ASSERT_STR_EQ(err.sqlstate, "55P03");
  // The session is usable afterwards, and saw nothing it should not.
  pf_live_column col;
  pf_error err2 = {0};
  ASSERT_OK(pf__live_column(live, "pf_t_lock", "t", "v", &col, &err2), err2);
  ASSERT(col.exists);
  exec_ok(locker, "ROLLBACK");
  ASSERT_OK(pf__live_count_nulls(live, "pf_t_lock", "t", "v", &n, &st, &err2),
            err2);
  ASSERT_EQ(st, PF_LIVE_DONE);
  ASSERT_EQ(n, 1);
  pf__live_free(live);
  PQfinish(locker);
  exec_ok(c, "DROP SCHEMA pf_t_lock CASCADE");
  PQfinish(c);
}

TEST(permission_denied_names_table)
{
  PGconn *c = admin();
  exec_ok(c, "DROP SCHEMA IF EXISTS pf_t_perm CASCADE;"
             "CREATE SCHEMA pf_t_perm;"
             "CREATE TABLE pf_t_perm.secret (v int);"
             "DO $$ BEGIN CREATE ROLE pf_t_noaccess NOLOGIN;"
             " EXCEPTION WHEN duplicate_object THEN NULL; END $$;"
             "GRANT USAGE ON SCHEMA pf_t_perm TO pf_t_noaccess;");
  // Connects as the superuser, then becomes the unprivileged role.
  char *conninfo = dsn_with("options", "-c role=pf_t_noaccess");
  pf_live *live = open_live(conninfo, NULL);
  pf_error err = {0};
  int64_t n = 0;
  pf_live_status st;
  ASSERT_EQ(
      pf__live_count_nulls(live, "pf_t_perm", "secret", "v", &n, &st, &err),
      PF_DB_QUERY);
  ASSERT_STR_EQ(err.sqlstate, "42501");
  ASSERT(strstr(err.msg, "secret") != NULL);
  ASSERT_EQ(n, -1);
  // The catalog is readable without the privilege.
  pf_live_table t;
  pf_error err2 = {0};
  ASSERT_OK(pf__live_table(live, "pf_t_perm", "secret", &t, &err2), err2);
  ASSERT(t.exists);
  pf__live_free(live);
  free(conninfo);
  exec_ok(c, "DROP SCHEMA pf_t_perm CASCADE");
  PQfinish(c);
}

TEST(user_options_are_kept)
{
  PGconn *c = admin();
  exec_ok(c, "DROP SCHEMA IF EXISTS pf_t_opts CASCADE;"
             "CREATE SCHEMA pf_t_opts;"
             "CREATE TABLE pf_t_opts.only_here (v int);");
  // The user's options (a search_path) survive ours being appended.
  char *conninfo = dsn_with("options", "-c search_path=pf_t_opts");
  pf_live *live = open_live(conninfo, NULL);
  pf_error err = {0};
  pf_live_table t;
  ASSERT_OK(pf__live_table(live, NULL, "only_here", &t, &err), err);
  ASSERT(t.exists);
  ASSERT_STR_EQ(t.schema, "pf_t_opts");
  pf__live_free(live);
  free(conninfo);
  // And the user cannot switch read-only off through them.
  conninfo = dsn_with("options", "-c default_transaction_read_only=off");
  live = open_live(conninfo, NULL);
  char sql[160];
  snprintf(sql, sizeof(sql),
           "SELECT count(*) FROM pg_stat_activity WHERE pid = %d",
           pf__live_backend_pid(live));
  ASSERT_EQ(exec_int(c, sql), 1);
  pf__live_free(live);
  free(conninfo);
  exec_ok(c, "DROP SCHEMA pf_t_opts CASCADE");
  PQfinish(c);
}

TEST(lost_connection_is_connect_error)
{
  pf_live *live = open_live(dsn(), NULL);
  PGconn *c = admin();
  char sql[96];
  snprintf(sql, sizeof(sql), "SELECT pg_terminate_backend(%d)",
           pf__live_backend_pid(live));
  exec_ok(c, sql);
  pf_error err = {0};
  pf_live_table t;
  pf_code code = PF_OK;
  // The backend may take a moment to go.
  for (int i = 0; i < 20 && code == PF_OK; i++) {
    code = pf__live_table(live, NULL, "pg_class", &t, &err);
    if (code == PF_OK)
      sleep_ms(50);
  }
  ASSERT_EQ(code, PF_DB_CONNECT);
  ASSERT(strstr(err.msg, "lost the connection") != NULL);
  ASSERT(strchr(err.msg, '\n') == NULL);
  pf__live_free(live);
  PQfinish(c);
}

// Connecting must fail with PF_DB_CONNECT and no trace of the password.
static void assert_connect_fails(const char *conninfo, const char *password)
{
  pf_error err = {0};
  pf_live *live = (pf_live *)1;
  pf_live_opts opts = {0};
  opts.connect_timeout_s = 2;
  ASSERT_EQ(pf__live_connect(conninfo, &opts, &live, &err), PF_DB_CONNECT);
  ASSERT_NULL(live);
  ASSERT_EQ(err.code, PF_DB_CONNECT);
  ASSERT(err.msg[0] != '\0');
  ASSERT(strchr(err.msg, '\n') == NULL);
  size_t len = strlen(err.msg);
  ASSERT(err.msg[len - 1] != ' ');
  if (strstr(err.msg, password))
    PF_TEST_FAIL("password \"%s\" in \"%s\"", password, err.msg);
}

TEST(connect_failure_hides_password)
{
  assert_connect_fails("postgresql://alice:s3cretPassw0rd@127.0.0.1:1/db",
                       "s3cretPassw0rd");
  assert_connect_fails("host=127.0.0.1 port=1 user=bob password=hunter2xyz",
                       "hunter2xyz");
  assert_connect_fails("postgresql://u@127.0.0.1:1/db?password=qu3ryS3cret",
                       "qu3ryS3cret");
  // Rejected by libpq's parser, which quotes the bad token.
  assert_connect_fails("postgresql://u:p%zzS3cr3t@127.0.0.1:1/db", "S3cr3t");
  assert_connect_fails("host=/nonexistent/pf port=5 password='a b c d'",
                       "a b c d");
  pf_error err = {0};
  pf_live *live = NULL;
  ASSERT_EQ(pf__live_connect("postgresql://alice:pw1234@127.0.0.1:1/db", NULL,
                             &live, &err),
            PF_DB_CONNECT);
  ASSERT(strstr(err.msg, "127.0.0.1") != NULL);
}

TEST(redact_conninfo)
{
  char out[256];
  pf__live_redact("postgresql://alice:s3cret@db.example.com:5432/app", out,
                  sizeof(out));
  ASSERT_STR_EQ(out, "postgresql://alice:***@db.example.com:5432/app");
  pf__live_redact("postgres://alice@db/app?sslmode=require&password=x1&a=b",
                  out, sizeof(out));
  ASSERT_STR_EQ(out,
                "postgres://alice@db/app?sslmode=require&password=***&a=b");
  pf__live_redact("postgresql://a:b@h1:5432,h2/db", out, sizeof(out));
  ASSERT_STR_EQ(out, "postgresql://a:***@h1:5432,h2/db");
  pf__live_redact("postgresql:///db?host=/tmp/sock", out, sizeof(out));
  ASSERT_STR_EQ(out, "postgresql:///db?host=/tmp/sock");
  pf__live_redact("host=db port=5432 password='it''s secret' user=bob", out,
                  sizeof(out));
  // Quoted with a backslash-escaped quote, so a libpq parse fails: neither
  // the value nor any part of it may survive.
  ASSERT(strstr(out, "secret") == NULL);
  pf__live_redact("host=db port=5432 password='it\\'s secret' user=bob", out,
                  sizeof(out));
  ASSERT_STR_EQ(out, "host=db port=5432 password=*** user=bob");
  pf__live_redact("dbname='my db' sslpassword=k3y", out, sizeof(out));
  ASSERT_STR_EQ(out, "dbname='my db' sslpassword=***");
  pf__live_redact("appdb", out, sizeof(out));
  ASSERT_STR_EQ(out, "appdb");
  pf__live_redact(NULL, out, sizeof(out));
  ASSERT_STR_EQ(out, "");
  pf__live_redact("", out, sizeof(out));
  ASSERT_STR_EQ(out, "");
  // Truncation keeps the string terminated.
  char tiny[8];
  pf__live_redact("postgresql://alice:s3cret@host/db", tiny, sizeof(tiny));
  ASSERT_STR_EQ(tiny, "postgre");
}
