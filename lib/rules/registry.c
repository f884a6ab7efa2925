/* The rule table, generated from rules.def. */
/* SPDX-License-Identifier: MIT */
#include "rules.h"

#include <string.h>

static const pf_rule_info rule_table[PF_RULE_COUNT] = {
#define PF_RULE(e, id, sev, fam, sum, expl, bad, safe)                         \
  {id, sev, fam, sum, expl, bad, safe},
#include "rules.def"
#include "rules_ddl.def"
#include "rules_types.def"
#include "rules_data.def"
#include "rules_newdata.def"
#include "rules_cost.def"
#include "rules_code.def"
#include "rules_version.def"
#undef PF_RULE
};

size_t pf_rule_count(void)
{
  return PF_RULE_COUNT;
}

const pf_rule_info *pf_rule_at(size_t i)
{
  return i < PF_RULE_COUNT ? &rule_table[i] : NULL;
}

const pf_rule_info *pf_rule_find(const char *id)
{
  for (size_t i = 0; i < PF_RULE_COUNT; i++) {
    if (strcmp(rule_table[i].id, id) == 0)
      return &rule_table[i];
  }
  return NULL;
}

static const pf_rule_peer peer_table[] = {
#define PF_PEER(tool, id, ours) {tool, id, ours},
#include "peers.def"
#undef PF_PEER
};

size_t pf_rule_peer_count(void)
{
  return sizeof(peer_table) / sizeof(peer_table[0]);
}

const pf_rule_peer *pf_rule_peer_at(size_t i)
{
  return i < pf_rule_peer_count() ? &peer_table[i] : NULL;
}
