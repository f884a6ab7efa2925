/* Unit tests of migration sources, exclude patterns and the config file. */
/* SPDX-License-Identifier: MIT */
#include "test.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config/config.h"
#include "core/proc.h"
#include "migration/model.h"

// A fresh temporary directory; caller removes it with rm_tree().
static char *temp_dir(void)
{
  char tmpl[] = "/tmp/pf_sources_XXXXXX";
  ASSERT(mkdtemp(tmpl) != NULL);
  return strdup(tmpl);
}

static void put(const char *dir, const char *name, const char *text)
{
  char path[512];
  snprintf(path, sizeof(path), "%s/%s", dir, name);
  FILE *f = fopen(path, "w");
  ASSERT(f != NULL);
  fputs(text, f);
  fclose(f);
}

static void rm_tree(char *dir)
{
  const char *argv[] = {"rm", "-rf", dir, NULL};
  pf_buf out = PF_BUF_INIT;
  int status;
  pf_error err;
  pf_error_clear(&err);
  ASSERT_OK(pf_proc_run(argv, NULL, &out, NULL, &status, &err), err);
  ASSERT_EQ(status, 0);
  pf_buf_clear(&out);
  free(dir);
}

// The base names of dir's files in apply order, joined by spaces.
static char *order_of(const char *dir, pf_layout *layout)
{
  char **files;
  size_t n;
  pf_error err;
  pf_error_clear(&err);
  ASSERT_OK(pf__migration_dir(dir, &files, &n, layout, &err), err);
  pf_buf b = PF_BUF_INIT;
  pf_buf_puts(&b, "");
  for (size_t i = 0; i < n; i++) {
    const char *base = files[i] + strlen(dir) + 1;
    pf_buf_printf(&b, "%s%s", i ? " " : "", base);
    free(files[i]);
  }
  free(files);
  return pf_buf_detach(&b);
}

TEST(sources_flyway_version_order)
{
  char *d = temp_dir();
  const char *names[] = {"V10__j.sql",        "V2__b.sql",      "V1_1__a.sql",
                         "V1__init.sql",      "V1.2.10__x.sql", "V1.2.9__y.sql",
                         "R__views.sql",      "R__a_views.sql", "U2__undo.sql",
                         "V20240101__ts.sql", "notes.txt",      "helper.sql"};
  for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
    put(d, names[i], "SELECT 1;\n");
  pf_layout layout;
  char *order = order_of(d, &layout);
  ASSERT_EQ(layout, PF_LAYOUT_FLYWAY);
  // Numeric parts: 1 < 1.1 < 1.2.9 < 1.2.10 < 2 < 10 < 20240101; then the
  // repeatables by name; no undo, no file outside Flyway's naming.
  ASSERT_STR_EQ(order, "V1__init.sql V1_1__a.sql V1.2.9__y.sql V1.2.10__x.sql "
                       "V2__b.sql V10__j.sql V20240101__ts.sql R__a_views.sql "
                       "R__views.sql");
  free(order);
  rm_tree(d);
}

TEST(sources_golang_migrate_order)
{
  char *d = temp_dir();
  put(d, "10_c.up.sql", "SELECT 1;\n");
  put(d, "10_c.down.sql", "SELECT 1;\n");
  put(d, "2_b.up.sql", "SELECT 1;\n");
  put(d, "1_a.up.sql", "SELECT 1;\n");
  put(d, "1_a.down.sql", "SELECT 1;\n");
  pf_layout layout;
  char *order = order_of(d, &layout);
  ASSERT_EQ(layout, PF_LAYOUT_GOLANG_MIGRATE);
  ASSERT_STR_EQ(order, "1_a.up.sql 2_b.up.sql 10_c.up.sql");
  free(order);
  rm_tree(d);
}

TEST(sources_plain_numeric_prefix)
{
  char *d = temp_dir();
  put(d, "10_c.sql", "SELECT 1;\n");
  put(d, "2_b.sql", "SELECT 1;\n");
  put(d, "0001_a.sql", "SELECT 1;\n");
  put(d, "zz.sql", "SELECT 1;\n");
  put(d, "README.md", "x\n");
  pf_layout layout;
  char *order = order_of(d, &layout);
  ASSERT_EQ(layout, PF_LAYOUT_PLAIN);
  ASSERT_STR_EQ(order, "0001_a.sql 2_b.sql 10_c.sql zz.sql");
  free(order);
  rm_tree(d);
}

TEST(sources_sqitch_missing_script)
{
  char *d = temp_dir();
  char deploy[512];
  snprintf(deploy, sizeof(deploy), "%s/deploy", d);
  ASSERT_EQ(mkdir(deploy, 0755), 0);
  put(d, "sqitch.plan",
      "%project=x\n\none 2024-01-01T00:00:00Z a <a@b> # first\n"
      "two [one] 2024-01-01T00:00:00Z a <a@b>\n");
  put(deploy, "one.sql", "SELECT 1;\n");
  char **files;
  size_t n;
  pf_layout layout;
  pf_error err;
  pf_error_clear(&err);
  ASSERT_EQ(pf__migration_dir(d, &files, &n, &layout, &err), PF_IO);
  ASSERT(strstr(err.msg, "sqitch.plan:4: change \"two\"") != NULL);
  ASSERT(strstr(err.msg, "deploy/two.sql: no such file") != NULL);
  ASSERT_NULL(files);
  rm_tree(d);
}

TEST(sources_dbmate_mask)
{
  char text[] = "-- migrate:up\nALTER TABLE t ADD c int;\n"
                "-- migrate:down\nALTER TABLE t DROP c;\n";
  size_t len = strlen(text);
  bool no_txn = true;
  ASSERT(pf__migration_dbmate_mask(text, len, &no_txn));
  ASSERT(!no_txn);
  ASSERT_EQ(strlen(text), len); // every offset kept
  ASSERT(strstr(text, "ALTER TABLE t ADD c int;\n") != NULL);
  ASSERT(strstr(text, "DROP") == NULL);
  ASSERT(strstr(text, "migrate:down") == NULL);
  int lines = 0;
  for (const char *p = text; *p; p++)
    lines += *p == '\n';
  ASSERT_EQ(lines, 4);

  // Without an up marker a file is not dbmate's: nothing is blanked.
  char plain[] = "ALTER TABLE t ADD c int;\n-- migrate:down\nDROP TABLE t;\n";
  ASSERT(!pf__migration_dbmate_mask(plain, strlen(plain), &no_txn));
  ASSERT(strstr(plain, "DROP TABLE t;") != NULL);
  // "-- migrate:upper" is not a marker; options after the marker are.
  char opts[] = "--migrate:upper\n-- migrate:up transaction:false\nSELECT 1;\n"
                "--  migrate:down\nSELECT 2;\n";
  ASSERT(pf__migration_dbmate_mask(opts, strlen(opts), &no_txn));
  ASSERT(no_txn);
  ASSERT(strstr(opts, "SELECT 1;") != NULL);
  ASSERT(strstr(opts, "SELECT 2;") == NULL);
}

// Flyway's script configuration: executeInTransaction from V1__x.sql.conf
// (a Java properties file), -1 without the file or a boolean.
TEST(sources_flyway_script_config)
{
  char *d = temp_dir();
  static const struct {
    const char *conf; // NULL: no .conf file
    int want;
  } cases[] = {
      {NULL, -1},
      {"executeInTransaction=false\n", 0},
      {"# a comment\n  executeInTransaction = TRUE\n", 1},
      {"executeInTransaction: false", 0},
      {"! executeInTransaction=false\nencoding=UTF-8\n", -1},
      {"executeInTransaction=yes\n", -1},
      {"executeInTransactionX=false\n", -1},
      {"executeInTransaction=true\nexecuteInTransaction=false\n", 0},
  };
  for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
    char name[64], path[512];
    snprintf(name, sizeof(name), "V%zu__x.sql", i + 1);
    put(d, name, "SELECT 1;\n");
    if (cases[i].conf) {
      char conf[80];
      snprintf(conf, sizeof(conf), "%s.conf", name);
      put(d, conf, cases[i].conf);
    }
    snprintf(path, sizeof(path), "%s/%s", d, name);
    int got = pf__flyway_script_txn(path);
    if (got != cases[i].want)
      PF_TEST_FAIL("case %zu: %d, expected %d", i, got, cases[i].want);
  }
  rm_tree(d);
}

TEST(exclude_patterns)
{
  const char *pats[] = {"legacy", "*.seed.sql", "db/archive/*"};
  ASSERT(pf_path_excluded("app/legacy/x.py", pats, 3));
  ASSERT(pf_path_excluded("./legacy", pats, 3));
  ASSERT(pf_path_excluded("db/migrations/0001_users.seed.sql", pats, 3));
  ASSERT(pf_path_excluded("../db/archive/0001.sql", pats, 3));
  ASSERT(!pf_path_excluded("app/legacy_orders.py", pats, 3));
  ASSERT(!pf_path_excluded("db/migrations/0002.sql", pats, 3));
  ASSERT(!pf_path_excluded("app/x.py", pats, 0));
}

TEST(config_file_paths_and_errors)
{
  char *d = temp_dir();
  char sub[512], path[600];
  snprintf(sub, sizeof(sub), "%s/cfg", d);
  ASSERT_EQ(mkdir(sub, 0755), 0);
  put(sub, "ok.json",
      "{\"migrations\": \"db\", \"code\": [\"app\", \"/abs\"], \"exclude\": "
      "[\"x\"], \"fail-on\": \"notice\", \"db-budget-ms\": 250, \"rules\": "
      "{\"dropping-table\": \"off\", \"renaming-column\": {\"severity\": "
      "\"warning\"}}}");
  snprintf(path, sizeof(path), "%s/ok.json", sub);
  pf_config *cfg = pf_config_new();
  pf_error err;
  pf_error_clear(&err);
  ASSERT_OK(pf_config_load(cfg, path, &err), err);
  // Paths are relative to the file's directory; absolute ones stay.
  char want[600];
  snprintf(want, sizeof(want), "%s/db", sub);
  ASSERT_STR_EQ(cfg->migrations.items[0], want);
  snprintf(want, sizeof(want), "%s/app", sub);
  ASSERT_STR_EQ(cfg->code_paths.items[0], want);
  ASSERT_STR_EQ(cfg->code_paths.items[1], "/abs");
  ASSERT_STR_EQ(cfg->excludes.items[0], "x"); // a pattern, not a path
  ASSERT_EQ(cfg->fail_on, PF_SEV_NOTICE);
  ASSERT_EQ(cfg->db_budget_ms, 250);
  size_t drop = 0, ren = 0;
  for (size_t i = 0; i < pf_rule_count(); i++) {
    if (strcmp(pf_rule_at(i)->id, "dropping-table") == 0)
      drop = i;
    if (strcmp(pf_rule_at(i)->id, "renaming-column") == 0)
      ren = i;
  }
  ASSERT_EQ(cfg->rule_sev[drop], PF_RULE_OFF);
  ASSERT_EQ(cfg->rule_sev[ren], PF_SEV_WARNING);
  pf_config_free(cfg);

  static const struct {
    const char *json, *msg;
  } bad[] = {
      {"{\"code\": [\"app\", 3]}", ": .code[1]: expected a non-empty string"},
      {"{\"fail-on\": \"fatal\"}", ": .fail-on: expected \"error\""},
      {"{\"rules\": {\"dropping-table\": {\"enabled\": \"no\"}}}",
       ": .rules.dropping-table.enabled: expected true or false"},
      {"{\"rules\": {\"renaming-column\": {\"max-columns\": 2}}}",
       ": .rules.renaming-column.max-columns: unknown key \"max-columns\""},
      {"{\"rules\": {\"index-too-many-columns\": {\"max-columns\": 0}}}",
       ".max-columns: expected a whole number from 1 to 32"},
      {"{\"code\": \"a\", \"code\": \"b\"}", ": .code: duplicate key"},
      {"{\"weird key\": 1}", ": [\"weird key\"]: unknown key"},
      {"[1]", ": .: expected an object"},
      {"{} trailing", "bad.json:1:4: invalid JSON"},
  };
  for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
    put(sub, "bad.json", bad[i].json);
    snprintf(path, sizeof(path), "%s/bad.json", sub);
    cfg = pf_config_new();
    pf_error_clear(&err);
    ASSERT_EQ(pf_config_load(cfg, path, &err), PF_CONFIG);
    if (!strstr(err.msg, bad[i].msg))
      PF_TEST_FAIL("%s: \"%s\" lacks \"%s\"", bad[i].json, err.msg, bad[i].msg);
    pf_config_free(cfg);
  }
  rm_tree(d);
}
