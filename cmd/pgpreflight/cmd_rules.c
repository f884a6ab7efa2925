/* pgpreflight rules / explain: the rule documentation. */
/* SPDX-License-Identifier: MIT */
#include "cmd.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "pgpreflight.h"

// Whether the comma-separated @list names @id.
static bool list_has(const char *list, const char *id)
{
  size_t n = strlen(id);
  for (const char *p = list; *p;) {
    const char *comma = strchr(p, ',');
    size_t len = comma ? (size_t)(comma - p) : strlen(p);
    if (len == n && memcmp(p, id, n) == 0)
      return true;
    if (!comma)
      break;
    p = comma + 1;
  }
  return false;
}

static bool add_str(cJSON *o, const char *key, const char *s)
{
  return cJSON_AddStringToObject(o, key, s) != NULL;
}

// Every rule with its documentation and the peer rules it covers.
static int rules_json(void)
{
  cJSON *root = cJSON_CreateObject();
  bool ok = root && cJSON_AddNumberToObject(root, "version", 1);
  cJSON *arr = ok ? cJSON_AddArrayToObject(root, "rules") : NULL;
  ok = ok && arr;
  for (size_t i = 0; ok && i < pf_rule_count(); i++) {
    const pf_rule_info *r = pf_rule_at(i);
    cJSON *o = cJSON_CreateObject();
    ok = o && cJSON_AddItemToArray(arr, o);
    if (!ok) {
      cJSON_Delete(o);
      break;
    }
    ok = add_str(o, "id", r->id) &&
         add_str(o, "severity", pf_severity_name(r->severity)) &&
         add_str(o, "family", r->family) && add_str(o, "summary", r->summary) &&
         add_str(o, "explanation", r->explanation) &&
         add_str(o, "bad", r->bad) && add_str(o, "safe_alternative", r->safe);
    cJSON *peers = ok ? cJSON_AddArrayToObject(o, "covers") : NULL;
    ok = ok && peers;
    for (size_t k = 0; ok && k < pf_rule_peer_count(); k++) {
      const pf_rule_peer *p = pf_rule_peer_at(k);
      if (!list_has(p->ours, r->id))
        continue;
      cJSON *po = cJSON_CreateObject();
      ok = po && cJSON_AddItemToArray(peers, po);
      if (!ok) {
        cJSON_Delete(po);
        break;
      }
      ok = add_str(po, "tool", p->tool) && add_str(po, "id", p->id);
    }
  }
  char *text = ok ? cJSON_Print(root) : NULL;
  cJSON_Delete(root);
  if (!text) {
    fputs("pgpreflight: out of memory while writing the rule list\n", stderr);
    return PF_EXIT_USAGE;
  }
  puts(text);
  cJSON_free(text);
  return PF_EXIT_OK;
}

// Markdown text outside code: "<", ">" and "&" as entities (a "<value>"
// would be read as an HTML tag), "*" and "_" escaped (no stray emphasis).
static void md_text(const char *s)
{
  for (; *s; s++) {
    switch (*s) {
    case '<':
      fputs("&lt;", stdout);
      break;
    case '>':
      fputs("&gt;", stdout);
      break;
    case '&':
      fputs("&amp;", stdout);
      break;
    case '*':
    case '_':
      putchar('\\');
      putchar(*s);
      break;
    default:
      putchar(*s);
    }
  }
}

// Every rule's documentation as the README's rule reference: one
// collapsible block each (no heading, so that no heading anchor competes
// with the rule table's <a name="id"> that SARIF's helpUri points at).
static int rules_markdown(void)
{
  for (size_t i = 0; i < pf_rule_count(); i++) {
    const pf_rule_info *r = pf_rule_at(i);
    printf("<details><summary><code>%s</code> (%s, %s): ", r->id,
           pf_severity_name(r->severity), r->family);
    md_text(r->summary);
    printf("</summary>\n\n");
    md_text(r->explanation);
    printf("\n\nBad:\n\n```sql\n%s\n```\n\nSafe alternative:\n\n```sql\n%s\n"
           "```\n\n</details>\n",
           r->bad, r->safe);
  }
  return PF_EXIT_OK;
}

int cmd_rules(int argc, char **argv)
{
  const char *format = "text";
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--format") == 0 && i + 1 < argc)
      format = argv[++i];
    else if (strncmp(argv[i], "--format=", 9) == 0)
      format = argv[i] + 9;
    else
      return pf_cmd_usage_error("rules: unknown argument \"%s\" (usage: "
                                "pgpreflight rules [--format "
                                "text|json|markdown])",
                                argv[i]);
  }
  if (strcmp(format, "json") == 0)
    return rules_json();
  if (strcmp(format, "markdown") == 0)
    return rules_markdown();
  if (strcmp(format, "text") != 0)
    return pf_cmd_usage_error("rules: unknown format \"%s\" (text, json or "
                              "markdown)",
                              format);
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
