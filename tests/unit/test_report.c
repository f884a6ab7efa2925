/* Unit tests of the report renderers: paths, escaping, fingerprints. */
/* SPDX-License-Identifier: MIT */
#include "test.h"

#include <cjson/cJSON.h>

#include "core/source.h"
#include "report/report.h"
#include "rules/rules.h"

// A report with one file @path holding @sql and one renaming-column finding
// on its first statement, with @nrefs code references in @ref_path.
static pf_report *one_finding(const char *path, const char *sql, uint32_t nrefs,
                              const char *ref_path)
{
  pf_report *r = pf__report_new();
  const pf_source *src =
      pf__report_own_source(r, pf_source_from_mem(path, sql, strlen(sql)));
  const char *stmt = strstr(sql, "ALTER");
  uint32_t at = (uint32_t)(stmt - sql);
  pf_span span = {at, (uint32_t)strlen(sql) - 1};
  pf_finding *f = pf__report_add(r, PF_RULE_RENAMING_COLUMN, PF_SEV_ERROR, src,
                                 span, 0, span, "renaming %s", "x");
  f->change.kind = "rename-column";
  f->change.table = pf_xstrdup("orders");
  f->change.lock = "ACCESS EXCLUSIVE";
  f->change.effect = "catalog-only";
  for (uint32_t i = 0; i < nrefs; i++) {
    pf_evidence *e = pf__finding_add_evidence(f, PF_EV_CODE_REF, -1, "ref");
    e->path = pf_xstrdup(ref_path);
    e->line = i + 1;
    e->col = 3;
    e->end_col = 9;
    e->ref_kind = "sql-string";
    e->confidence = "high";
    e->snippet = pf_xstrdup("SELECT customer_id FROM orders");
  }
  r->files = 1;
  r->statements = 1;
  return r;
}

static char *render(const pf_report *r, pf_format fmt, const char *base)
{
  pf_render_opts o;
  memset(&o, 0, sizeof(o));
  o.fail_on = PF_SEV_ERROR;
  o.base_dir = base;
  char *out = NULL;
  size_t len = 0;
  pf_error err;
  memset(&err, 0, sizeof(err));
  ASSERT_OK(pf_report_render(r, fmt, &o, &out, &len, &err), err);
  ASSERT_EQ(strlen(out), len);
  return out;
}

static cJSON *first_result(cJSON *sarif)
{
  cJSON *runs = cJSON_GetObjectItem(sarif, "runs");
  cJSON *results = cJSON_GetObjectItem(cJSON_GetArrayItem(runs, 0), "results");
  return cJSON_GetArrayItem(results, 0);
}

static const char *fingerprint_of(cJSON *sarif)
{
  cJSON *fp = cJSON_GetObjectItem(first_result(sarif), "partialFingerprints");
  return cJSON_GetStringValue(cJSON_GetObjectItem(fp, "pgpreflight/v1"));
}

TEST(report_ci_path)
{
  char *p = pf__ci_path("/work/repo/db/m.sql", "/work/repo");
  ASSERT_STR_EQ(p, "db/m.sql");
  free(p);
  p = pf__ci_path("/work/repo/db/m.sql", "/work/repo/");
  ASSERT_STR_EQ(p, "db/m.sql");
  free(p);
  // A sibling directory that merely shares the prefix stays absolute.
  p = pf__ci_path("/work/repo2/m.sql", "/work/repo");
  ASSERT_STR_EQ(p, "/work/repo2/m.sql");
  free(p);
  p = pf__ci_path("././db//m.sql", NULL);
  ASSERT_STR_EQ(p, "db//m.sql");
  free(p);
  p = pf__ci_path("../other/m.sql", "/work/repo");
  ASSERT_STR_EQ(p, "../other/m.sql");
  free(p);
}

TEST(report_format_names)
{
  const char *names[] = {"text", "json", "sarif", "github", "markdown"};
  for (int i = 0; i < 5; i++) {
    pf_format f = PF_FORMAT_COUNT;
    ASSERT(pf_format_parse(names[i], &f));
    ASSERT_EQ(f, i);
    ASSERT(strstr(pf_format_names(), names[i]) != NULL);
  }
  pf_format f;
  ASSERT(!pf_format_parse("yaml", &f));
  ASSERT(!pf_format_parse("", &f));
  ASSERT(!pf_format_parse("SARIF", &f));
}

TEST(report_lock_blocks)
{
  ASSERT(strstr(pf__lock_blocks("ACCESS EXCLUSIVE"), "every read") != NULL);
  ASSERT(strstr(pf__lock_blocks("SHARE"), "reads go on") != NULL);
  ASSERT_NULL(pf__lock_blocks("none"));
  ASSERT_NULL(pf__lock_blocks(NULL));
}

// The fingerprint must not move when lines are added above the statement,
// and must change when the statement does.
TEST(report_sarif_fingerprint_stable)
{
  pf_report *a = one_finding(
      "db/m.sql", "ALTER TABLE orders RENAME COLUMN a TO b;\n", 0, "");
  pf_report *b = one_finding("db/m.sql",
                             "-- a comment\n\nALTER  TABLE orders\n  RENAME "
                             "COLUMN a TO b;\n",
                             0, "");
  pf_report *c = one_finding(
      "db/m.sql", "ALTER TABLE orders RENAME COLUMN a TO c;\n", 0, "");
  char *sa = render(a, PF_FORMAT_SARIF, NULL);
  char *sb = render(b, PF_FORMAT_SARIF, NULL);
  char *sc = render(c, PF_FORMAT_SARIF, NULL);
  cJSON *ja = cJSON_Parse(sa), *jb = cJSON_Parse(sb), *jc = cJSON_Parse(sc);
  ASSERT(ja && jb && jc);
  ASSERT(fingerprint_of(ja) != NULL);
  ASSERT_STR_EQ(fingerprint_of(ja), fingerprint_of(jb));
  ASSERT(strcmp(fingerprint_of(ja), fingerprint_of(jc)) != 0);
  cJSON_Delete(ja);
  cJSON_Delete(jb);
  cJSON_Delete(jc);
  pf_free(sa);
  pf_free(sb);
  pf_free(sc);
  pf_report_free(a);
  pf_report_free(b);
  pf_report_free(c);
}

// Absolute paths under the working directory become relative URIs; related
// locations stop at GitHub's limit of 1000 locations per result.
TEST(report_sarif_paths_and_limits)
{
  pf_report *r = one_finding("/work/repo/db/0001 a#b.sql",
                             "ALTER TABLE orders RENAME COLUMN a TO b;\n", 1200,
                             "/work/repo/app/q.py");
  char *s = render(r, PF_FORMAT_SARIF, "/work/repo");
  cJSON *j = cJSON_Parse(s);
  ASSERT(j);
  cJSON *res = first_result(j);
  cJSON *loc = cJSON_GetArrayItem(cJSON_GetObjectItem(res, "locations"), 0);
  cJSON *art = cJSON_GetObjectItem(cJSON_GetObjectItem(loc, "physicalLocation"),
                                   "artifactLocation");
  ASSERT_STR_EQ(cJSON_GetStringValue(cJSON_GetObjectItem(art, "uri")),
                "db/0001%20a%23b.sql");
  cJSON *rel = cJSON_GetObjectItem(res, "relatedLocations");
  ASSERT_EQ(cJSON_GetArraySize(rel), 999);
  cJSON *r0 = cJSON_GetArrayItem(rel, 0);
  ASSERT_EQ(cJSON_GetObjectItem(r0, "id")->valueint, 1);
  art = cJSON_GetObjectItem(cJSON_GetObjectItem(r0, "physicalLocation"),
                            "artifactLocation");
  ASSERT_STR_EQ(cJSON_GetStringValue(cJSON_GetObjectItem(art, "uri")),
                "app/q.py");
  const char *msg = cJSON_GetStringValue(
      cJSON_GetObjectItem(cJSON_GetObjectItem(res, "message"), "text"));
  ASSERT(strstr(msg, "[app/q.py:1](1)") != NULL);
  ASSERT(strstr(msg, "and 1195 more") != NULL);
  cJSON_Delete(j);
  pf_free(s);
  pf_report_free(r);
}

// Workflow-command properties escape ":" and ","; data escapes "%" and
// line breaks, so nothing in a name can end the command early.
TEST(report_github_escaping)
{
  pf_report *r = one_finding("/work/repo/a,b:c%.sql",
                             "ALTER TABLE orders RENAME COLUMN a TO b;\n", 1,
                             "/work/repo/x:y.py");
  pf_finding *f = &r->findings.items[0];
  free(f->message);
  f->message = pf_xstrdup("50% of\r\nrows::x");
  char *s = render(r, PF_FORMAT_GITHUB, "/work/repo");
  ASSERT(strstr(s, "::error file=a%2Cb%3Ac%25.sql,line=1,col=1,") == s);
  ASSERT(strstr(s, "::50%25 of%0D%0Arows::x") != NULL);
  ASSERT(strstr(s, "::notice file=x%3Ay.py,line=1,col=3,") != NULL);
  // Every line is a command or the summary: no raw line break leaked.
  int lines = 0;
  for (const char *p = s; *p; p++)
    lines += *p == '\n';
  ASSERT_EQ(lines, 3);
  pf_free(s);
  pf_report_free(r);
}

// Up to three references are listed inline; more go into <details>.
TEST(report_markdown_folds_references)
{
  pf_report *few =
      one_finding("m.sql", "ALTER TABLE t RENAME a TO b;\n", 3, "app/x|y.py");
  pf_report *many =
      one_finding("m.sql", "ALTER TABLE t RENAME a TO b;\n", 4, "app/x.py");
  char *a = render(few, PF_FORMAT_MARKDOWN, NULL);
  char *b = render(many, PF_FORMAT_MARKDOWN, NULL);
  ASSERT(strstr(a, "<details><summary>3 code references") == NULL);
  ASSERT(strstr(a, "Code references:") != NULL);
  ASSERT(strstr(b, "<details><summary>4 code references</summary>") != NULL);
  // A pipe in a path is fine in a list item's code span (not a table).
  ASSERT(strstr(a, "`app/x|y.py:1:3`") != NULL);
  pf_free(a);
  pf_free(b);
  pf_report_free(few);
  pf_report_free(many);
}

// A report large enough that its findings are rendered on several threads
// (render_json.c, PARALLEL_FINDINGS) must print exactly what one cJSON_Print
// of the whole document prints, with the findings in report order. (On a
// one-core machine it is rendered on one thread and must print the same.)
TEST(report_json_large_in_order)
{
  pf_report *r = pf__report_new();
  const pf_source *src[3];
  for (int k = 0; k < 3; k++) {
    char path[32];
    snprintf(path, sizeof(path), "m%d.sql", k);
    const char *sql = "ALTER TABLE orders RENAME COLUMN a TO b;\n"
                      "ALTER TABLE orders RENAME COLUMN b TO c;\n";
    src[k] =
        pf__report_own_source(r, pf_source_from_mem(path, sql, strlen(sql)));
  }
  const uint32_t n = 1500;
  for (uint32_t i = 0; i < n; i++) {
    pf_span span = {i % 2 ? 41 : 0, i % 2 ? 80 : 39};
    pf_finding *f =
        pf__report_add(r, PF_RULE_RENAMING_COLUMN, PF_SEV_ERROR, src[i % 3],
                       span, i % 2, span, "finding \"%u\"\n", i);
    f->change.kind = "rename-column";
    f->change.table = pf_xstrdup("orders");
    if (i % 7 == 3) {
      f->suppressed = true;
      f->suppressed_why = pf_xstrdup("ok");
    }
  }
  r->files = 3;
  char *out = render(r, PF_FORMAT_JSON, NULL);
  cJSON *doc = cJSON_Parse(out);
  ASSERT(doc != NULL);
  char *again = cJSON_Print(doc);
  size_t len = strlen(again);
  // The report ends with a newline, which cJSON_Print does not add.
  ASSERT_EQ(strlen(out), len + 1);
  ASSERT(memcmp(out, again, len) == 0 && out[len] == '\n');
  cJSON *arr = cJSON_GetObjectItem(doc, "findings");
  uint32_t shown = 0, i = 0;
  for (cJSON *it = arr ? arr->child : NULL; it; it = it->next, i++) {
    while (i % 7 == 3)
      i++;
    char want[32];
    snprintf(want, sizeof(want), "finding \"%u\"\n", i);
    ASSERT_STR_EQ(cJSON_GetObjectItem(it, "message")->valuestring, want);
    shown++;
  }
  ASSERT_EQ(shown, n - (n + 3) / 7);
  cJSON_free(again);
  cJSON_Delete(doc);
  pf_free(out);
  pf_report_free(r);
}

// What --help-uri-base and the help-uri-base key accept: absolute URIs
// that need no escaping and have no fragment of their own.
TEST(report_help_uri_base_problem)
{
  ASSERT_NULL(pf_help_uri_base_problem(
      "https://github.com/OWNER/REPO/blob/v1.2.0/README.md"));
  ASSERT_NULL(pf_help_uri_base_problem("http://h:8080/a/b?x=1&y=%20"));
  ASSERT_NULL(pf_help_uri_base_problem("file:///usr/share/doc/README.md"));
  ASSERT_NULL(pf_help_uri_base_problem("git+ssh.x-1:z"));
  static const char *const bad[] = {"",
                                    "README.md",
                                    "docs/README.md",
                                    "/abs/README.md",
                                    "1http://x",
                                    ":x",
                                    "-a:b",
                                    "https://x/a b",
                                    "https://x/#",
                                    "https://x/a#b",
                                    "https://x/\"a\"",
                                    "https://x/<a>",
                                    "https://x/a\\b",
                                    "https://x/{a}",
                                    "https://x/a|b",
                                    "https://x/a^b",
                                    "https://x/`a`",
                                    "https://x/\x01",
                                    "https://x/\x7f",
                                    "https://x/\xc3\xa9",
                                    "https://x/a\tb",
                                    "https://x/a\nb"};
  for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
    ASSERT(pf_help_uri_base_problem(bad[i]) != NULL);
  ASSERT(strstr(pf_help_uri_base_problem("README.md"), "absolute") != NULL);
  ASSERT(strstr(pf_help_uri_base_problem("https://x/a#b"), "\"#\"") != NULL);
}
