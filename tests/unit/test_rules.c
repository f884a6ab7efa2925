/* The rule registry and the peer-rule table. */
/* SPDX-License-Identifier: MIT */
#include "test.h"

#include "pgpreflight.h"

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
