/* The rule registry, the peer-rule table, and rules that read facts. */
/* SPDX-License-Identifier: MIT */
#include "test.h"

#include "pgpreflight.h"

#include "core/source.h"
#include "migration/model.h"
#include "report/report.h"
#include "rules/rules.h"

// Every rule a peer entry names exists, so that a translated ignore
// comment or `rules --format json` never points at a missing rule; and
// every entry names a known tool and a non-empty id.
TEST(rules_peer_table_names_existing_rules)
{
  ASSERT(pf_rule_peer_count() > 50);
  for (size_t i = 0; i < pf_rule_peer_count(); i++) {
    const pf_rule_peer *p = pf_rule_peer_at(i);
    ASSERT(p && p->id[0]);
    if (strcmp(p->tool, "squawk") != 0 && strcmp(p->tool, "eugene") != 0 &&
        strcmp(p->tool, "strong_migrations") != 0 &&
        strcmp(p->tool, "atlas") != 0)
      PF_TEST_FAIL("unknown tool \"%s\" for %s", p->tool, p->id);
    char ids[256];
    snprintf(ids, sizeof(ids), "%s", p->ours);
    for (char *save = NULL, *id = strtok_r(ids, ",", &save); id;
         id = strtok_r(NULL, ",", &save))
      if (!pf_rule_find(id))
        PF_TEST_FAIL("%s %s maps to unknown rule \"%s\"", p->tool, p->id, id);
  }
  ASSERT_NULL(pf_rule_peer_at(pf_rule_peer_count()));
}

// The findings of rule @id for change 0 of @sql with server version @v.
static uint32_t findings_of(const char *sql, int v, const char *id,
                            pf_severity *sev)
{
  pf_source *src = pf_source_from_mem("t.sql", sql, strlen(sql));
  pf_migration *m = pf__migration_parse(src);
  pf_report *r = pf__report_new();
  pf_facts *f = pf_xcalloc(1, sizeof(*f));
  pf__facts_reset(f, true);
  f->table_rows = -1;
  f->server_version = v;
  f->db = v != 0;
  pf__rules_eval(m, 0, f, src, r);
  uint32_t n = 0;
  for (uint32_t i = 0; i < r->findings.len; i++) {
    if (strcmp(pf_rule_at(r->findings.items[i].rule)->id, id) == 0) {
      n++;
      *sev = r->findings.items[i].severity;
    }
  }
  free(f);
  pf_report_free(r);
  pf__migration_free(m);
  pf_source_free(src);
  return n;
}

// CREATE INDEX / REINDEX CONCURRENTLY on 14.0-14.3 (fixed in 14.4): an
// error when the server is known to be affected, nothing when it is known
// not to be, a notice when its version is not known.
TEST(rules_pg14_concurrently_by_version)
{
  const char *cic = "CREATE INDEX CONCURRENTLY i ON t (a);";
  pf_severity sev = PF_SEV_COUNT;
  ASSERT_EQ(findings_of(cic, 140003, "pg14-concurrent-index-corruption", &sev),
            1);
  ASSERT_EQ(sev, PF_SEV_ERROR);
  ASSERT_EQ(findings_of(cic, 140000, "pg14-concurrent-index-corruption", &sev),
            1);
  ASSERT_EQ(findings_of(cic, 140004, "pg14-concurrent-index-corruption", &sev),
            0);
  ASSERT_EQ(findings_of(cic, 130011, "pg14-concurrent-index-corruption", &sev),
            0);
  ASSERT_EQ(findings_of(cic, 150004, "pg14-concurrent-index-corruption", &sev),
            0);
  // Unknown version: nothing, rather than a notice on every safe build.
  ASSERT_EQ(findings_of(cic, 0, "pg14-concurrent-index-corruption", &sev), 0);
  ASSERT_EQ(findings_of("REINDEX INDEX CONCURRENTLY i;", 140002,
                        "pg14-concurrent-index-corruption", &sev),
            1);
  ASSERT_EQ(findings_of("CREATE INDEX i ON t (a);", 140002,
                        "pg14-concurrent-index-corruption", &sev),
            0);
}

// --pg-version's forms: what people write and server_version_num.
TEST(rules_pg_version_parse)
{
  static const struct {
    const char *text;
    int num;
  } cases[] = {
      {"15", 150000},    {"14.2", 140002}, {"14.10", 140010},  {"9.6", 90600},
      {"9.6.24", 90624}, {"10", 100000},   {"140002", 140002}, {"90624", 90624},
      {"17.0", 170000},  {"", 0},          {"14.", 0},         {".14", 0},
      {"14.2.1", 0},     {"9", 0},         {"9.7", 0},         {"8.4", 0},
      {"14.100", 0},     {"v15", 0},       {"15 ", 0},         {"1234567", 0},
      {"99999", 0},      {"140100", 0},    {"100", 0},
  };
  for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
    int got = pf_pg_version_parse(cases[i].text);
    if (got != cases[i].num)
      PF_TEST_FAIL("\"%s\": %d, expected %d", cases[i].text, got, cases[i].num);
  }
  ASSERT_EQ(pf_pg_version_parse(NULL), 0);
}

// The report of every rule over change @change of @sql, with the server at
// @v (0 unknown) and, when @txn, the runner's transaction around the file.
// Free with pf_report_free.
static pf_report *eval_at(const char *sql, uint32_t change, int v, bool txn)
{
  pf_report *r = pf__report_new();
  const pf_source *src =
      pf__report_own_source(r, pf_source_from_mem("t.sql", sql, strlen(sql)));
  pf_migration *m = pf__migration_parse(src);
  pf_facts *f = pf_xcalloc(1, sizeof(*f));
  pf__facts_reset(f, true);
  f->table_rows = -1;
  f->server_version = v;
  f->server_version_declared = v != 0;
  f->assume_txn = txn;
  if (change >= m->changes.len)
    PF_TEST_FAIL("no change %u in \"%s\"", change, sql);
  pf__rules_eval(m, change, f, src, r);
  free(f);
  pf__migration_free(m);
  return r;
}

static const pf_finding *first_of(const pf_report *r, const char *id)
{
  for (uint32_t i = 0; i < r->findings.len; i++) {
    if (!strcmp(pf_rule_at(r->findings.items[i].rule)->id, id))
      return &r->findings.items[i];
  }
  return NULL;
}

// Statements a server's version does not have (issue 7): an error from the
// version on which they are missing, nothing from the one that has them,
// and nothing when the version is not known.
TEST(rules_requires_newer_server_by_version)
{
  // what: in the message (the feature the case is about); safe: in the
  // safe alternative (its older form), or NULL.
  static const struct {
    const char *sql;
    int since;
    const char *what, *safe;
  } cases[] = {
      {"REINDEX INDEX CONCURRENTLY i;", 120000, NULL, NULL},
      {"REINDEX TABLE CONCURRENTLY t;", 120000, NULL, NULL},
      {"ALTER TABLE p DETACH PARTITION p1 CONCURRENTLY;", 140000, NULL, NULL},
      {"ALTER TABLE p DETACH PARTITION p1 FINALIZE;", 140000, NULL, NULL},
      {"ALTER TABLE p DETACH PARTITION p1;", 100000, NULL, NULL},
      {"ALTER TABLE p ATTACH PARTITION p1 FOR VALUES IN (1);", 100000, NULL,
       NULL},
      {"CREATE UNIQUE INDEX i ON t (a) NULLS NOT DISTINCT;", 150000, NULL,
       NULL},
      {"ALTER TABLE t ADD CONSTRAINT k UNIQUE NULLS NOT DISTINCT (a);", 150000,
       NULL, NULL},
      {"ALTER TABLE t SET ACCESS METHOD heap2;", 150000, NULL, NULL},
      {"ALTER TYPE e RENAME VALUE 'a' TO 'b';", 100000, NULL, NULL},
      {"ALTER TABLE t ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY;",
       100000, NULL, NULL},
      {"ALTER TABLE t ADD COLUMN id bigint GENERATED BY DEFAULT AS IDENTITY;",
       100000, NULL, NULL},
      {"CREATE TABLE t (id bigint GENERATED ALWAYS AS IDENTITY);", 100000, NULL,
       NULL},
      {"CREATE TABLE p (id int) PARTITION BY RANGE (id);", 100000, NULL, NULL},
      {"CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (1) TO (2);", 100000,
       NULL, NULL},
      {"CREATE STATISTICS s ON a, b FROM t;", 100000, NULL, NULL},
      {"CREATE PROCEDURE p() LANGUAGE sql AS 'SELECT 1';", 110000, NULL, NULL},
      // Stored generated columns (12), INCLUDE (11), MERGE (15).
      {"CREATE TABLE t (a int, b int GENERATED ALWAYS AS (a * 2) STORED);",
       120000, "stored generated column", "trigger"},
      {"ALTER TABLE t ADD COLUMN b int GENERATED ALWAYS AS (a * 2) STORED;",
       120000, "stored generated column", "trigger"},
      {"CREATE INDEX i ON t (a) INCLUDE (b);", 110000, "INCLUDE", "INCLUDE"},
      {"CREATE UNIQUE INDEX CONCURRENTLY i ON t (a) INCLUDE (b);", 110000,
       "INCLUDE", "INCLUDE"},
      {"ALTER TABLE t ADD CONSTRAINT k UNIQUE (a) INCLUDE (b);", 110000,
       "INCLUDE", NULL},
      {"ALTER TABLE t ADD PRIMARY KEY (a) INCLUDE (b);", 110000, "INCLUDE",
       NULL},
      {"CREATE TABLE t (a int, b int, PRIMARY KEY (a) INCLUDE (b));", 110000,
       "INCLUDE", NULL},
      {"MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE;", 150000,
       "MERGE", "ON CONFLICT"},
      // Before PostgreSQL 10.
      {"CREATE TABLE IF NOT EXISTS t (a int);", 90100,
       "CREATE TABLE ... IF NOT EXISTS", "duplicate_table"},
      {"CREATE TABLE IF NOT EXISTS t AS SELECT 1 AS a;", 90500,
       "CREATE TABLE ... AS with IF NOT EXISTS", "duplicate_table"},
      {"CREATE INDEX IF NOT EXISTS i ON t (a);", 90500,
       "CREATE INDEX ... IF NOT EXISTS", "duplicate_table"},
      {"CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a);", 90500,
       "CREATE INDEX ... IF NOT EXISTS", "pg_class"},
      {"CREATE SEQUENCE IF NOT EXISTS s;", 90500,
       "CREATE SEQUENCE ... IF NOT EXISTS", "duplicate_table"},
      {"CREATE SCHEMA IF NOT EXISTS s;", 90300,
       "CREATE SCHEMA ... IF NOT EXISTS", "duplicate_schema"},
      {"ALTER TABLE t ADD COLUMN IF NOT EXISTS a int;", 90600,
       "ADD COLUMN IF NOT EXISTS", "duplicate_column"},
      {"ALTER TYPE e ADD VALUE 'b';", 90100, "ALTER TYPE ... ADD VALUE", NULL},
      {"ALTER TYPE e ADD VALUE IF NOT EXISTS 'b' AFTER 'a';", 90300,
       "ADD VALUE IF NOT EXISTS", "pg_enum"},
      {"DROP INDEX CONCURRENTLY i;", 90200, "DROP INDEX CONCURRENTLY",
       "DROP INDEX i;"},
      {"CREATE MATERIALIZED VIEW v AS SELECT 1 AS a;", 90300,
       "materialized views", "CREATE TABLE"},
      {"CREATE MATERIALIZED VIEW IF NOT EXISTS v AS SELECT 1 AS a;", 90500,
       "CREATE MATERIALIZED VIEW ... IF NOT EXISTS", "duplicate_table"},
      {"REFRESH MATERIALIZED VIEW v;", 90300, "materialized views", NULL},
      {"REFRESH MATERIALIZED VIEW CONCURRENTLY v;", 90400,
       "REFRESH MATERIALIZED VIEW CONCURRENTLY",
       "REFRESH MATERIALIZED VIEW v;"},
      {"CREATE POLICY p ON t USING (true);", 90500, "row level security", NULL},
      {"ALTER TABLE t ENABLE ROW LEVEL SECURITY;", 90500, "row level security",
       NULL},
      {"ALTER TABLE t FORCE ROW LEVEL SECURITY;", 90500, "row level security",
       NULL},
      {"ALTER TABLE t SET LOGGED;", 90500, "SET LOGGED", "CREATE TABLE"},
      {"ALTER TABLE t SET UNLOGGED;", 90500, "SET UNLOGGED",
       "CREATE UNLOGGED TABLE"},
      {"INSERT INTO t VALUES (1) ON CONFLICT DO NOTHING;", 90500, "ON CONFLICT",
       "WHERE NOT EXISTS"},
      {"INSERT INTO t SELECT * FROM s ON CONFLICT (id) DO UPDATE SET a = 1;",
       90500, "ON CONFLICT", "WHERE NOT EXISTS"},
      {"CREATE TABLE t (doc jsonb);", 90400, "jsonb", "json (9.2"},
      {"ALTER TABLE t ADD COLUMN doc jsonb[];", 90400, "jsonb", "json (9.2"},
      {"ALTER TABLE t ALTER COLUMN doc TYPE jsonb USING doc::jsonb;", 90400,
       "jsonb", "json (9.2"},
      {"CREATE TABLE t (doc json);", 90200, "the json type", "text"},
      {"ALTER TABLE t ADD CONSTRAINT k CHECK (a > 0) NOT VALID;", 90200,
       "NOT VALID on a CHECK", "CHECK (a > 0);"},
      {"ALTER TABLE t ADD CONSTRAINT k FOREIGN KEY (a) REFERENCES u (id) "
       "NOT VALID;",
       90100, "NOT VALID on a foreign key", "REFERENCES u (id);"},
      {"ALTER TABLE t VALIDATE CONSTRAINT k;", 90100, "VALIDATE CONSTRAINT",
       "without NOT VALID"},
      {"CREATE EVENT TRIGGER e ON ddl_command_start EXECUTE PROCEDURE f();",
       90300, "event triggers", NULL},
      {"CREATE EVENT TRIGGER e ON ddl_command_start EXECUTE FUNCTION f();",
       110000, "EXECUTE FUNCTION", "EXECUTE PROCEDURE f();"},
      {"create trigger g before insert on t for each row execute function "
       "f();",
       110000, "EXECUTE FUNCTION", "execute procedure f();"},
      {"ALTER SYSTEM SET work_mem = '64MB';", 90400, "ALTER SYSTEM",
       "postgresql.conf"},
      {"CREATE INDEX i ON t USING brin (a);", 90500, "BRIN", "btree"},
      {"CREATE INDEX i ON t USING spgist (a);", 90200, "SP-GiST", NULL},
      {"CREATE EXTENSION IF NOT EXISTS pgcrypto;", 90100, "extensions", NULL},
      {"CREATE TYPE r AS RANGE (subtype = int4);", 90200, "range types", NULL},
      {"CREATE UNLOGGED TABLE t (a int);", 90100, "unlogged tables",
       "CREATE TABLE t (a int);"},
      {"CREATE UNLOGGED TABLE t AS SELECT 1 AS a;", 90100, "unlogged tables",
       "CREATE TABLE t AS SELECT 1 AS a;"},
      {"ALTER TABLE t ADD CONSTRAINT k PRIMARY KEY USING INDEX i;", 90100,
       "USING INDEX", NULL},
      {"ALTER TABLE t ADD CONSTRAINT k UNIQUE USING INDEX i;", 90100,
       "USING INDEX", NULL},
      {"CREATE TRIGGER g AFTER INSERT ON t REFERENCING NEW TABLE AS n FOR "
       "EACH STATEMENT EXECUTE PROCEDURE f();",
       100000, "transition tables", NULL},
      {"CREATE OR REPLACE TRIGGER g BEFORE INSERT ON t FOR EACH ROW EXECUTE "
       "FUNCTION f();",
       140000, "CREATE OR REPLACE TRIGGER", "DROP TRIGGER IF EXISTS g ON t;"},
  };
  for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
    int since = cases[i].since;
    // The version before: 9.6 before 10, the previous 9.x before a 9.x,
    // else the previous major.
    int before = since == 100000  ? 90624
                 : since < 100000 ? since - 100 + 22
                                  : since - 10000 + 22;
    static const char id[] = "requires-newer-server";
    pf_report *r = eval_at(cases[i].sql, 0, before, false);
    const pf_finding *fd = first_of(r, id);
    if (!fd || fd->severity != PF_SEV_ERROR)
      PF_TEST_FAIL("case %zu (%s) at %d: no error", i, cases[i].sql, before);
    ASSERT(fd->safe != NULL);
    if (cases[i].what && !strstr(fd->message, cases[i].what))
      PF_TEST_FAIL("case %zu (%s): \"%s\" does not name %s", i, cases[i].sql,
                   fd->message, cases[i].what);
    if (cases[i].safe && !strstr(fd->safe, cases[i].safe))
      PF_TEST_FAIL("case %zu (%s): safe alternative \"%s\" lacks \"%s\"", i,
                   cases[i].sql, fd->safe, cases[i].safe);
    pf_report_free(r);
    int at[] = {since, 0};
    for (size_t k = 0; k < 2; k++) {
      r = eval_at(cases[i].sql, 0, at[k], false);
      if (first_of(r, id))
        PF_TEST_FAIL("case %zu (%s) at %d: reported", i, cases[i].sql, at[k]);
      pf_report_free(r);
    }
  }
  // Plain statements of every version: nothing.
  static const char *const plain[] = {
      "CREATE INDEX i ON t (a);",
      "REINDEX INDEX i;",
      "CREATE TABLE t (a int, doc text);",
      "ALTER TABLE t ADD COLUMN a int;",
      "CREATE INDEX CONCURRENTLY i ON t USING gist (a);",
      "DROP INDEX i;",
      "ALTER TABLE t ADD CONSTRAINT k CHECK (a > 0);",
      "INSERT INTO t SELECT * FROM s;",
      "CREATE SEQUENCE s;",
      ("CREATE TRIGGER g BEFORE INSERT ON t FOR EACH ROW EXECUTE PROCEDURE "
       "f();"),
      "ALTER TABLE t ADD COLUMN b int DEFAULT 2;",
  };
  for (size_t i = 0; i < sizeof(plain) / sizeof(plain[0]); i++) {
    pf_report *r = eval_at(plain[i], 0, 90000, false);
    if (first_of(r, "requires-newer-server"))
      PF_TEST_FAIL("plain \"%s\" at 9.0: reported", plain[i]);
    pf_report_free(r);
  }
}

// Two features the server lacks: the newest is named, and no older form is
// offered, since the other would fail it too.
TEST(rules_requires_newer_server_two_features)
{
  pf_report *r = eval_at("CREATE INDEX IF NOT EXISTS i ON t USING brin (a);", 0,
                         90400, false);
  const pf_finding *fd = first_of(r, "requires-newer-server");
  ASSERT(fd != NULL);
  ASSERT(strstr(fd->safe, "upgrade the server to PostgreSQL 9.5") != NULL);
  pf_report_free(r);
  // IF NOT EXISTS alone: its older form, a DO block.
  r = eval_at("CREATE INDEX IF NOT EXISTS i ON t (a);", 0, 90400, false);
  fd = first_of(r, "requires-newer-server");
  ASSERT(fd != NULL);
  ASSERT(strstr(fd->safe, "DO $$") != NULL);
  pf_report_free(r);
}

// prefer-robust-stmts on a server without the IF NOT EXISTS it would add:
// the statement in a DO block that ignores the duplicate (a look-first
// query for CONCURRENTLY), never the guard the server refuses.
TEST(rules_robust_guard_by_version)
{
  static const struct {
    const char *sql;
    int since;
    const char *older;
  } cases[] = {
      {"CREATE TABLE u (a int); CREATE TABLE t (a int);", 90100,
       "duplicate_table"},
      {"CREATE TABLE u (a int); CREATE INDEX i ON t (a);", 90500,
       "duplicate_table"},
      {"CREATE TABLE u (a int); CREATE INDEX CONCURRENTLY i ON t (a);", 90500,
       "pg_class"},
      {"CREATE TABLE u (a int); ALTER TABLE t ADD COLUMN b int;", 90600,
       "duplicate_column"},
  };
  static const char id[] = "prefer-robust-stmts";
  for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
    int before = cases[i].since - 100 + 22;
    pf_report *r = eval_at(cases[i].sql, 1, before, false);
    const pf_finding *fd = first_of(r, id);
    if (!fd || !fd->safe || !strstr(fd->safe, cases[i].older) ||
        strstr(fd->safe, "IF NOT EXISTS "))
      PF_TEST_FAIL("case %zu (%s) at %d: %s", i, cases[i].sql, before,
                   fd && fd->safe ? fd->safe : "no finding");
    pf_report_free(r);
    int at[] = {cases[i].since, 0};
    for (size_t k = 0; k < 2; k++) {
      r = eval_at(cases[i].sql, 1, at[k], false);
      fd = first_of(r, id);
      if (!fd || !fd->safe || !strstr(fd->safe, "IF NOT EXISTS ") ||
          strstr(fd->safe, cases[i].older))
        PF_TEST_FAIL("case %zu (%s) at %d: %s", i, cases[i].sql, at[k],
                     fd && fd->safe ? fd->safe : "no finding");
      pf_report_free(r);
    }
  }
}

// REINDEX and DETACH PARTITION without CONCURRENTLY: the CONCURRENTLY form
// from the version that has it (and when it is not known), the older form
// before.
TEST(rules_concurrent_advice_by_version)
{
  pf_report *r = eval_at("REINDEX INDEX i;", 0, 110022, false);
  const pf_finding *fd = first_of(r, "require-concurrent-reindex");
  ASSERT(fd != NULL && fd->safe);
  ASSERT(strstr(fd->safe, "CREATE INDEX CONCURRENTLY i_new") != NULL);
  ASSERT(strstr(fd->safe, "ALTER INDEX i_new RENAME TO i;") != NULL);
  ASSERT(strstr(fd->safe, "REINDEX INDEX CONCURRENTLY") == NULL);
  pf_report_free(r);
  int current[] = {120000, 0};
  for (size_t k = 0; k < 2; k++) {
    r = eval_at("REINDEX INDEX i;", 0, current[k], false);
    fd = first_of(r, "require-concurrent-reindex");
    ASSERT(fd != NULL && strstr(fd->safe, "REINDEX INDEX CONCURRENTLY i;"));
    pf_report_free(r);
  }
  const char *detach = "ALTER TABLE p DETACH PARTITION p1;";
  r = eval_at(detach, 0, 130014, false);
  fd = first_of(r, "require-concurrent-partition-detach");
  ASSERT(fd != NULL && fd->severity == PF_SEV_WARNING);
  ASSERT(strstr(fd->safe, "SET lock_timeout") != NULL);
  ASSERT(strstr(fd->safe, "CONCURRENTLY;") == NULL);
  pf_report_free(r);
  int has[] = {140000, 0};
  for (size_t k = 0; k < 2; k++) {
    r = eval_at(detach, 0, has[k], false);
    fd = first_of(r, "require-concurrent-partition-detach");
    ASSERT(fd != NULL && strstr(fd->safe, "p1 CONCURRENTLY;"));
    pf_report_free(r);
  }
}

// ALTER TYPE ... ADD VALUE in a transaction block: an error before 12 (the
// statement refuses it), in BEGIN or in the runner's transaction; the
// warning about using the value from 12 on and when the version is not
// known; nothing outside one.
TEST(rules_enum_add_value_in_transaction_by_version)
{
  static const char id[] = "ban-alter-enum-add-value-in-transaction";
  const char *in_begin = "BEGIN;\nALTER TYPE e ADD VALUE 'x' AFTER 'a';\n"
                         "COMMIT;";
  const char *bare = "ALTER TYPE e ADD VALUE 'x' AFTER 'a';";
  static const struct {
    bool begin, runner;
    int v;
    int sev; // -1: no finding
  } cases[] = {
      {true, false, 110022, PF_SEV_ERROR},
      {false, true, 110022, PF_SEV_ERROR},
      {false, false, 110022, -1},
      {true, false, 120000, PF_SEV_WARNING},
      {true, false, 0, PF_SEV_WARNING},
      {false, true, 0, -1},
  };
  for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
    pf_report *r = eval_at(cases[i].begin ? in_begin : bare, 0, cases[i].v,
                           cases[i].runner);
    const pf_finding *fd = first_of(r, id);
    if (cases[i].sev < 0 ? fd != NULL
                         : !fd || (int)fd->severity != cases[i].sev)
      PF_TEST_FAIL("case %zu: %s", i, fd ? fd->message : "no finding");
    if (fd && cases[i].sev == PF_SEV_ERROR)
      ASSERT(strstr(fd->message, "cannot run inside a transaction block on "
                                 "PostgreSQL 11") != NULL);
    pf_report_free(r);
  }
}

// A DEFAULT rewrites the table before PostgreSQL 11, a constant one too (but
// not NULL); from 11 on, and when the version is not known, a constant
// DEFAULT is no finding.
TEST(rules_constant_default_by_version)
{
  static const char id[] = "adding-field-with-volatile-default";
  const char *sql = "ALTER TABLE t ADD COLUMN region text DEFAULT 'eu';";
  pf_report *r = eval_at(sql, 0, 100021, false);
  const pf_finding *fd = first_of(r, id);
  ASSERT(fd != NULL && fd->severity == PF_SEV_WARNING);
  ASSERT(strstr(fd->message, "the server is PostgreSQL 10, before 11"));
  pf_report_free(r);
  r = eval_at(sql, 0, 90624, false);
  fd = first_of(r, id);
  ASSERT(fd != NULL && strstr(fd->message, "PostgreSQL 9.6, before 11"));
  pf_report_free(r);
  int no[] = {110000, 0};
  for (size_t k = 0; k < 2; k++) {
    r = eval_at(sql, 0, no[k], false);
    ASSERT_NULL(first_of(r, id));
    pf_report_free(r);
  }
  const char *nulls[] = {
      "ALTER TABLE t ADD COLUMN region text DEFAULT NULL;",
      "ALTER TABLE t ADD COLUMN region text DEFAULT NULL::text;",
      "ALTER TABLE t ADD COLUMN region text;",
  };
  for (size_t k = 0; k < 3; k++) {
    r = eval_at(nulls[k], 0, 100021, false);
    if (first_of(r, id))
      PF_TEST_FAIL("%s: reported", nulls[k]);
    pf_report_free(r);
  }
  ASSERT(pf__default_is_null("NULL"));
  ASSERT(pf__default_is_null("null::varchar"));
  ASSERT(!pf__default_is_null("'NULL'"));
  ASSERT(!pf__default_is_null("nullif(a, b)"));
  ASSERT(!pf__default_is_null("nulls"));
}

// The advice that relies on a validated CHECK letting SET NOT NULL skip
// its scan (PostgreSQL 12): before 12 it keeps the CHECK as the guarantee
// instead; an ADD COLUMN ... NOT NULL without DEFAULT is advised without a
// DEFAULT before 11.
TEST(rules_not_null_advice_by_version)
{
  const char *sql = "ALTER TABLE t ALTER COLUMN a SET NOT NULL;";
  pf_report *r = eval_at(sql, 0, 110022, false);
  const pf_finding *fd = first_of(r, "setting-not-null");
  ASSERT(fd != NULL && strstr(fd->safe, "keep the validated CHECK"));
  ASSERT(strstr(fd->safe, "no scan") == NULL);
  pf_report_free(r);
  r = eval_at(sql, 0, 120000, false);
  fd = first_of(r, "setting-not-null");
  ASSERT(fd != NULL && strstr(fd->safe, "no scan: the constraint proves it"));
  pf_report_free(r);
  const char *add = "ALTER TABLE t ADD COLUMN n bigint NOT NULL;";
  r = eval_at(add, 0, 100021, false);
  fd = first_of(r, "adding-required-field");
  ASSERT(fd != NULL && strstr(fd->safe, "SET DEFAULT <value>;"));
  ASSERT(strstr(fd->safe, "NOT NULL DEFAULT") == NULL);
  pf_report_free(r);
  r = eval_at(add, 0, 110000, false);
  fd = first_of(r, "adding-required-field");
  ASSERT(fd != NULL && strstr(fd->safe, "NOT NULL DEFAULT <value>"));
  pf_report_free(r);
  const char *pk = "ALTER TABLE t ADD CONSTRAINT t_pkey PRIMARY KEY USING "
                   "INDEX t_idx;";
  r = eval_at(pk, 0, 110022, false);
  fd = first_of(r, "primary-key-nulls");
  ASSERT(fd != NULL && strstr(fd->safe, "quiet window"));
  pf_report_free(r);
  r = eval_at(pk, 0, 0, false);
  fd = first_of(r, "primary-key-nulls");
  ASSERT(fd != NULL && strstr(fd->safe, "no scan: the constraint proves it"));
  pf_report_free(r);
}

// Identity columns exist from PostgreSQL 10: before, no prefer-identity,
// and the wider serial is bigserial.
TEST(rules_identity_advice_by_version)
{
  const char *sql = "CREATE TABLE t (id serial PRIMARY KEY);";
  pf_report *r = eval_at(sql, 0, 90624, false);
  ASSERT_NULL(first_of(r, "prefer-identity"));
  const pf_finding *fd = first_of(r, "prefer-bigint-over-int");
  ASSERT(fd != NULL && strstr(fd->safe, "bigserial"));
  ASSERT(strstr(fd->safe, "IDENTITY") == NULL);
  pf_report_free(r);
  int has[] = {100000, 0};
  for (size_t k = 0; k < 2; k++) {
    r = eval_at(sql, 0, has[k], false);
    ASSERT(first_of(r, "prefer-identity") != NULL);
    fd = first_of(r, "prefer-bigint-over-int");
    ASSERT(fd != NULL && strstr(fd->safe, "GENERATED BY DEFAULT AS IDENTITY"));
    pf_report_free(r);
  }
}

// The file-level rules: a statement the server does not have fails on
// that, not on the transaction around it; Flyway runs ALTER TYPE ... ADD
// VALUE outside a transaction before PostgreSQL 12.
TEST(rules_file_rules_by_version)
{
  const char *sql = "BEGIN;\nREINDEX INDEX CONCURRENTLY i;\nCOMMIT;";
  int at[] = {110022, 120000, 0};
  uint32_t want[] = {0, 1, 1};
  for (size_t k = 0; k < 3; k++) {
    pf_report *r = pf__report_new();
    const pf_source *src =
        pf__report_own_source(r, pf_source_from_mem("t.sql", sql, strlen(sql)));
    pf_migration *m = pf__migration_parse(src);
    pf_run_facts rf;
    memset(&rf, 0, sizeof(rf));
    rf.server_version = at[k];
    pf_strmap created;
    pf_strmap_init(&created);
    pf__rules_file(m, src, PF_RUNNER_NONE, &created, &rf, r);
    uint32_t n = 0;
    for (uint32_t i = 0; i < r->findings.len; i++)
      n += !strcmp(pf_rule_at(r->findings.items[i].rule)->id,
                   "non-transactional-statement-in-transaction");
    if (n != want[k])
      PF_TEST_FAIL("at %d: %u findings, expected %u", at[k], n, want[k]);
    pf_strmap_clear(&created);
    pf__migration_free(m);
    pf_report_free(r);
  }
  const char *add = "ALTER TYPE e ADD VALUE 'x' AFTER 'a';";
  pf_source *src = pf_source_from_mem("V2__x.sql", add, strlen(add));
  pf_migration *m = pf__migration_parse(src);
  ASSERT(!pf__runner_wraps(m, PF_RUNNER_FLYWAY, 110022));
  ASSERT(pf__runner_wraps(m, PF_RUNNER_FLYWAY, 120000));
  ASSERT(pf__runner_wraps(m, PF_RUNNER_FLYWAY, 0));
  ASSERT(pf__runner_wraps(m, PF_RUNNER_WRAPS, 110022));
  pf__migration_free(m);
  pf_source_free(src);
}
