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
