/* pgpreflight rules / explain: the rule documentation. */
/* SPDX-License-Identifier: MIT */
#include "cmd.h"

#include <stdio.h>
#include <string.h>

#include "pgpreflight.h"

int cmd_rules(int argc, char **argv)
{
  (void)argv;
  if (argc > 1)
    return pf_cmd_usage_error("rules takes no arguments");
  for (size_t i = 0; i < pf_rule_count(); i++) {
    const pf_rule_info *r = pf_rule_at(i);
    printf("%-36s %-8s %-14s %s\n", r->id, pf_severity_name(r->severity),
           r->family, r->summary);
  }
  return PF_EXIT_OK;
}

static void indent(const char *text)
{
  const char *p = text;
  while (*p) {
    const char *nl = strchr(p, '\n');
    int n = nl ? (int)(nl - p) : (int)strlen(p);
    printf("    %.*s\n", n, p);
    p += n + (nl ? 1 : 0);
  }
}

int cmd_explain(int argc, char **argv)
{
  if (argc != 2)
    return pf_cmd_usage_error("explain takes one rule id (see pgpreflight "
                              "rules)");
  const pf_rule_info *r = pf_rule_find(argv[1]);
  if (!r)
    return pf_cmd_usage_error("unknown rule \"%s\" (see pgpreflight rules)",
                              argv[1]);
  printf("%s (%s, %s)\n\n%s.\n\n", r->id, pf_severity_name(r->severity),
         r->family, r->summary);
  // Wrap the explanation at 76 columns.
  const char *p = r->explanation;
  while (*p) {
    size_t n = strlen(p);
    if (n > 76) {
      n = 76;
      while (n > 0 && p[n] != ' ')
        n--;
      if (n == 0)
        n = 76;
    }
    printf("%.*s\n", (int)n, p);
    p += n;
    while (*p == ' ')
      p++;
  }
  printf("\nbad:\n");
  indent(r->bad);
  printf("\nsafe alternative:\n");
  indent(r->safe);
  return PF_EXIT_OK;
}
