/* Unit tests of the rules with catalog facts (issue 7): the server
 * version, pg_proc volatility and the size of the table decide. */
/* SPDX-License-Identifier: MIT */
#include "test.h"

#include "core/source.h"
#include "migration/model.h"
#include "rules/rules.h"

// Evaluates the single change of @sql with @f; returns the report (free
// with pf_report_free) and frees the migration.
static pf_report *eval_one(const char *sql, const pf_facts *f)
{
  pf_report *r = pf__report_new();
  const pf_source *src =
      pf__report_own_source(r, pf_source_from_mem("t.sql", sql, strlen(sql)));
  pf_migration *m = pf__migration_parse(src);
  if (m->changes.len != 1)
    PF_TEST_FAIL("want one change, got %u", m->changes.len);
  pf__rules_eval(m, 0, f, src, r);
  pf__migration_free(m);
  return r;
}

static const pf_finding *find(const pf_report *r, const char *rule)
{
  for (uint32_t i = 0; i < r->findings.len; i++) {
    if (!strcmp(pf_rule_at(r->findings.items[i].rule)->id, rule))
      return &r->findings.items[i];
  }
  return NULL;
}

static pf_facts big_table(void)
{
  pf_facts f;
  memset(&f, 0, sizeof(f));
  f.db = true;
  f.table_state = PF_FACT_DONE;
  f.table_exists = true;
  f.table_rows = 50000;
  f.table_bytes = 8 * 1024 * 1024;
  f.server_version = 150004;
  return f;
}

TEST(facts_stable_default_is_a_notice_from_pg11)
{
  pf_facts f = big_table();
  f.default_volatility = 's';
  snprintf(f.default_func, sizeof(f.default_func), "random()");
  const char *sql = "ALTER TABLE t ADD COLUMN a float8 DEFAULT random();";
  pf_report *r = eval_one(sql, &f);
  const pf_finding *fd = find(r, "adding-field-with-volatile-default");
  ASSERT(fd != NULL);
  ASSERT_EQ(fd->severity, PF_SEV_NOTICE);
  ASSERT(strstr(fd->message, "pg_proc says random() is stable") != NULL);
  pf_report_free(r);
  // Before PostgreSQL 11 every DEFAULT rewrites, whatever pg_proc says.
  f.server_version = 100021;
  r = eval_one(sql, &f);
  fd = find(r, "adding-field-with-volatile-default");
  ASSERT(fd != NULL);
  ASSERT_EQ(fd->severity, PF_SEV_WARNING);
  ASSERT(strstr(fd->message, "PostgreSQL 10, before 11") != NULL);
  pf_report_free(r);
}

TEST(facts_volatile_user_function_fires)
{
  pf_facts f = big_table();
  const char *sql = "ALTER TABLE t ADD COLUMN c text DEFAULT make_code();";
  pf_report *r = eval_one(sql, &f); // no fact: the name list misses it
  ASSERT(find(r, "adding-field-with-volatile-default") == NULL);
  pf_report_free(r);
  f.default_volatility = 'v';
  snprintf(f.default_func, sizeof(f.default_func), "make_code()");
  r = eval_one(sql, &f);
  const pf_finding *fd = find(r, "adding-field-with-volatile-default");
  ASSERT(fd != NULL);
  ASSERT_EQ(fd->severity, PF_SEV_WARNING);
  bool said = false;
  for (uint32_t i = 0; i < fd->evidence.len; i++)
    said |= strstr(fd->evidence.items[i].text,
                   "pg_proc says make_code() is volatile") != NULL;
  ASSERT(said);
  pf_report_free(r);
}

TEST(facts_tiny_table_downgrades_locking_only)
{
  pf_facts f = big_table();
  const char *sql = "CREATE INDEX i ON t (a);";
  pf_report *r = eval_one(sql, &f);
  const pf_finding *fd = find(r, "create-index-non-concurrently");
  ASSERT(fd != NULL && fd->severity == PF_SEV_WARNING);
  pf_report_free(r);
  // Just under both limits: a notice that says how big the table is.
  f.table_rows = PF_TINY_TABLE_ROWS - 1;
  f.table_bytes = PF_TINY_TABLE_BYTES - 1;
  r = eval_one(sql, &f);
  fd = find(r, "create-index-non-concurrently");
  ASSERT(fd != NULL && fd->severity == PF_SEV_NOTICE);
  ASSERT(strstr(fd->message, "table has ~999 rows, 1023 kB") != NULL);
  pf_report_free(r);
  // At the row limit: not tiny.
  f.table_rows = PF_TINY_TABLE_ROWS;
  r = eval_one(sql, &f);
  fd = find(r, "create-index-non-concurrently");
  ASSERT(fd != NULL && fd->severity == PF_SEV_WARNING);
  pf_report_free(r);
  // A finding that will fail stays an error on a tiny table.
  f.table_rows = 12;
  f.data_ran = true;
  f.data.status = PF_LIVE_DONE;
  f.data.exact = true;
  f.data.count = 3;
  f.column_state = PF_FACT_DONE;
  f.column_exists = true;
  r = eval_one("ALTER TABLE t ALTER COLUMN a SET NOT NULL;", &f);
  fd = find(r, "setting-not-null");
  ASSERT(fd != NULL && fd->severity == PF_SEV_ERROR);
  pf_report_free(r);
}

TEST(facts_not_null_proof_needs_pg12)
{
  pf_facts f = big_table();
  f.column_state = PF_FACT_DONE;
  f.column_exists = true;
  f.not_null_proven = true; // a validated CHECK (a IS NOT NULL)
  const char *sql = "ALTER TABLE t ALTER COLUMN a SET NOT NULL;";
  pf_report *r = eval_one(sql, &f);
  ASSERT(find(r, "setting-not-null") == NULL);
  pf_report_free(r);
  f.server_version = 110022; // PostgreSQL 11 scans anyway
  r = eval_one(sql, &f);
  ASSERT(find(r, "setting-not-null") != NULL);
  pf_report_free(r);
}

// ADD COLUMN of a serial or integer identity numbers every row of the table
// at once: about half the range or more is reported (warning, error above
// 90%, error when the rows outnumber the range); a bigserial is not.
TEST(facts_new_serial_numbers_existing_rows)
{
  pf_facts f = big_table();
  f.table_rows = 1000000000; // 46% of integer: nothing
  const char *sql = "ALTER TABLE t ADD COLUMN n serial;";
  pf_report *r = eval_one(sql, &f);
  ASSERT_NULL(find(r, "sequence-headroom"));
  pf_report_free(r);
  f.table_rows = 1500000000;
  r = eval_one(sql, &f);
  const pf_finding *fd = find(r, "sequence-headroom");
  ASSERT(fd != NULL && fd->severity == PF_SEV_WARNING);
  ASSERT(strstr(fd->message, "about 1500000000 rows, 69% of the integer "
                             "range") != NULL);
  pf_report_free(r);
  f.table_rows = 40000;
  r = eval_one("ALTER TABLE t ADD COLUMN n smallint GENERATED ALWAYS AS "
               "IDENTITY;",
               &f);
  fd = find(r, "sequence-headroom");
  ASSERT(fd != NULL && fd->severity == PF_SEV_ERROR);
  ASSERT(strstr(fd->message, "the ADD COLUMN fails") != NULL);
  pf_report_free(r);
  r = eval_one("ALTER TABLE t ADD COLUMN n bigserial;", &f);
  ASSERT_NULL(find(r, "sequence-headroom"));
  pf_report_free(r);
  // Without a database nothing is known of the rows.
  f.db = false;
  r = eval_one("ALTER TABLE t ADD COLUMN n smallserial;", &f);
  ASSERT_NULL(find(r, "sequence-headroom"));
  pf_report_free(r);
}

// A narrowed key measured against its new range: the thresholds, and what
// fails when the key is already beyond it.
TEST(facts_narrowed_key_headroom)
{
  pf_facts f = big_table();
  f.key_ran = true;
  f.key_type = "integer";
  f.key_limit = 2147483647;
  snprintf(f.key.schema, sizeof(f.key.schema), "public");
  snprintf(f.key.table, sizeof(f.key.table), "t");
  snprintf(f.key.column, sizeof(f.key.column), "id");
  snprintf(f.key.type, sizeof(f.key.type), "bigint");
  f.key.known = f.key.seq_read = f.key.has_sequence = true;
  snprintf(f.key.sequence, sizeof(f.key.sequence), "public.t_id_seq");
  const char *sql = "ALTER TABLE t ALTER COLUMN id TYPE integer;";
  static const struct {
    int64_t used;
    bool identity;
    int sev; // -1: no finding
    const char *says;
  } cases[] = {
      {1073741823, false, -1, NULL}, // 49%
      {1200000000, false, PF_SEV_WARNING, "has used 55% of that range"},
      {2000000000, false, PF_SEV_ERROR, "has used 93% of that range"},
      {2200000000, false, PF_SEV_ERROR, "the next INSERT fails"},
      {2200000000, true, PF_SEV_ERROR, "to integer fails: its identity"},
  };
  for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
    f.key.used = f.key.seq_value = cases[i].used;
    f.key.identity = cases[i].identity;
    pf_report *r = eval_one(sql, &f);
    const pf_finding *fd = find(r, "sequence-headroom");
    if (cases[i].sev < 0) {
      ASSERT_NULL(fd);
    } else {
      ASSERT(fd != NULL);
      ASSERT_EQ((int)fd->severity, cases[i].sev);
      if (!strstr(fd->message, cases[i].says))
        PF_TEST_FAIL("case %zu: \"%s\" lacks \"%s\"", i, fd->message,
                     cases[i].says);
    }
    pf_report_free(r);
  }
}

// The verdict on what a drop destroys (issue 7), from the data check's
// answer: fails with the count, passes when nothing is lost, the others as
// for every data check; the severity stays what the code says.
TEST(facts_drop_verdict_from_lost_data)
{
  static const struct {
    const char *sql, *rule;
    pf_live_status status;
    int64_t count, estimate;
    bool exact;
    pf_verdict verdict;
    const char *says; // in the message
  } cases[] = {
      {"ALTER TABLE t DROP COLUMN a;", "dropping-column", PF_LIVE_DONE, 12, -1,
       true, PF_VERDICT_FAILS, "; it destroys 12 non-NULL values"},
      {"ALTER TABLE t DROP COLUMN a;", "dropping-column", PF_LIVE_DONE, 1, 7000,
       false, PF_VERDICT_FAILS, "; it destroys at least 1 non-NULL value"},
      {"ALTER TABLE t DROP COLUMN a;", "dropping-column", PF_LIVE_DONE, 0, -1,
       true, PF_VERDICT_PASSES, "the column is NULL in every row"},
      {"DROP TABLE t;", "dropping-table", PF_LIVE_DONE, 1, -1, true,
       PF_VERDICT_FAILS, "; it destroys 1 row"},
      {"DROP TABLE t;", "dropping-table", PF_LIVE_DONE, 0, -1, true,
       PF_VERDICT_PASSES, "nothing to destroy now: the table is empty"},
      {"DROP TABLE t;", "dropping-table", PF_LIVE_INCONCLUSIVE, -1, 900, false,
       PF_VERDICT_INCONCLUSIVE, "dropping table \"t\" breaks"},
      {"DROP TABLE t;", "dropping-table", PF_LIVE_DENIED, -1, -1, false,
       PF_VERDICT_UNVERIFIED, "dropping table \"t\" breaks"},
      {"DELETE FROM t;", "ban-delete-all-rows", PF_LIVE_DONE, 3, -1, true,
       PF_VERDICT_FAILS, "every row of \"t\"; it destroys 3 rows"},
      {"TRUNCATE t CASCADE;", "ban-truncate-cascade", PF_LIVE_DONE, 3, -1, true,
       PF_VERDICT_FAILS, "3 rows of \"t\", and the rows of the tables"},
      // The tables CASCADE empties are not counted: empty settles nothing.
      {"TRUNCATE t CASCADE;", "ban-truncate-cascade", PF_LIVE_DONE, 0, -1, true,
       PF_VERDICT_UNVERIFIED, "every table that references it"},
  };
  for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
    pf_facts f = big_table();
    f.column_state = PF_FACT_DONE;
    f.column_exists = true;
    f.data_ran = true;
    f.data.status = cases[i].status;
    f.data.count = cases[i].count;
    f.data.exact = cases[i].exact;
    f.data.estimate = cases[i].estimate;
    f.data.method =
        cases[i].exact ? "exact count" : "probe stopped at the first one";
    snprintf(f.data.estimate_src, sizeof(f.data.estimate_src), "stats");
    snprintf(f.data.checked, sizeof(f.data.checked), "a IS NOT NULL");
    snprintf(f.data.why, sizeof(f.data.why), "why");
    pf_report *r = eval_one(cases[i].sql, &f);
    const pf_finding *fd = find(r, cases[i].rule);
    ASSERT(fd != NULL);
    if (fd->verdict != cases[i].verdict)
      PF_TEST_FAIL("case %zu: verdict %s, expected %s", i,
                   pf_verdict_name(fd->verdict),
                   pf_verdict_name(cases[i].verdict));
    if (!strstr(fd->message, cases[i].says))
      PF_TEST_FAIL("case %zu: \"%s\" lacks \"%s\"", i, fd->message,
                   cases[i].says);
    // The code decides the severity, not the data: a drop of a column is
    // a warning with no code scanned, whatever it destroys.
    if (!strcmp(cases[i].rule, "dropping-column"))
      ASSERT_EQ(fd->severity, PF_SEV_WARNING);
    bool estimate = false;
    for (uint32_t k = 0; k < fd->evidence.len; k++)
      estimate |= fd->evidence.items[k].kind == PF_EV_ESTIMATE;
    ASSERT_EQ(estimate, cases[i].estimate > 1);
    pf_report_free(r);
  }
}

// Without a database the drop is unverified; a table these migrations
// create has no data to lose before them; a tiny table does not make a
// drop that destroys nothing a notice (the code it breaks is no lock).
TEST(facts_drop_verdict_without_data)
{
  pf_facts f;
  memset(&f, 0, sizeof(f));
  f.table_rows = -1;
  pf_report *r = eval_one("ALTER TABLE t DROP COLUMN a;", &f);
  ASSERT_EQ(find(r, "dropping-column")->verdict, PF_VERDICT_UNVERIFIED);
  pf_report_free(r);
  f.created_here = true;
  r = eval_one("DROP TABLE t;", &f);
  ASSERT_EQ(find(r, "dropping-table")->verdict, PF_VERDICT_NONE);
  pf_report_free(r);
  f = big_table();
  f.table_rows = 3;
  f.table_bytes = 8192;
  f.column_state = PF_FACT_DONE;
  f.column_exists = true;
  f.data_ran = true;
  f.data.status = PF_LIVE_DONE;
  f.data.exact = true;
  f.data.method = "full probe found none";
  r = eval_one("ALTER TABLE t DROP COLUMN a;", &f);
  const pf_finding *fd = find(r, "dropping-column");
  ASSERT_EQ(fd->verdict, PF_VERDICT_PASSES);
  ASSERT_EQ(fd->severity, PF_SEV_WARNING);
  ASSERT(strstr(fd->message, "tiny table") == NULL);
  pf_report_free(r);
  // The table is gone (MISSING): migration-target-missing says so.
  f.data.status = PF_LIVE_MISSING;
  r = eval_one("ALTER TABLE t DROP COLUMN a;", &f);
  ASSERT_EQ(find(r, "dropping-column")->verdict, PF_VERDICT_NONE);
  pf_report_free(r);
}
