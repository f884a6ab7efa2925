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
