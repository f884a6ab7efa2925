/* Unit tests of the code-reference engine (lib/codescan). */
/* SPDX-License-Identifier: MIT */
#include "test.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <unistd.h>

#include "codescan/codescan.h"
#include "codescan/scan.h"

#define DEMO PF_SOURCE_DIR "/testdata/demo/app"
#define SCAN PF_SOURCE_DIR "/testdata/scan"

/* Section - Helpers */

static pf_code scan_paths(const char *const *paths, size_t npaths,
                          const pf_scan_target *targets, size_t ntargets,
                          uint32_t jobs, bool low, uint64_t max_size,
                          pf_scan_result *out, pf_error *err)
{
  pf_scan_opts opts = {
      .jobs = jobs, .include_low = low, .max_file_size = max_size};
  pf__scan_result_init(out);
  pf_error_clear(err);
  return pf__codescan_run(paths, npaths, targets, ntargets, &opts, out, err);
}

static void scan_one(const char *path, const char *table, const char *column,
                     pf_scan_result *out)
{
  pf_scan_target t = {.table = table, .column = column};
  pf_error err;
  pf_code rc = scan_paths(&path, 1, &t, 1, 2, false, 0, out, &err);
  ASSERT_OK(rc, err);
}

// "path:line" of @ref relative to @root.
static void ref_key(const pf_code_ref *ref, const char *root, char *out,
                    size_t size)
{
  size_t n = strlen(root);
  const char *p = ref->path;
  if (strncmp(p, root, n) == 0 && p[n] == '/')
    p += n + 1;
  snprintf(out, size, "%s:%u", p, ref->line);
}

static bool has_ref_at(const pf_scan_result *r, const char *root,
                       const char *key)
{
  char buf[1024];
  for (uint32_t i = 0; i < r->refs.len; i++) {
    ref_key(&r->refs.items[i], root, buf, sizeof(buf));
    if (strcmp(buf, key) == 0)
      return true;
  }
  return false;
}

static bool has_warning(const pf_scan_result *r, const char *needle)
{
  for (uint32_t i = 0; i < r->warnings.len; i++) {
    if (strstr(r->warnings.items[i], needle))
      return true;
  }
  return false;
}

static char *read_all(const char *path)
{
  FILE *f = fopen(path, "rb");
  if (!f)
    PF_TEST_FAIL("cannot open %s: %s", path, strerror(errno));
  size_t cap = 4096, len = 0;
  char *buf = malloc(cap);
  size_t n;
  while ((n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
    len += n;
    if (cap - len < 2) {
      cap *= 2;
      buf = realloc(buf, cap);
    }
  }
  fclose(f);
  buf[len] = '\0';
  return buf;
}

static void write_file(const char *dir, const char *name, const char *data,
                       size_t len)
{
  char path[1024];
  snprintf(path, sizeof(path), "%s/%s", dir, name);
  FILE *f = fopen(path, "wb");
  if (!f)
    PF_TEST_FAIL("cannot create %s: %s", path, strerror(errno));
  fwrite(data, 1, len, f);
  fclose(f);
}

static void write_str(const char *dir, const char *name, const char *s)
{
  write_file(dir, name, s, strlen(s));
}

static void rm_rf(const char *path)
{
  struct stat st;
  if (lstat(path, &st) != 0)
    return;
  if (S_ISDIR(st.st_mode)) {
    chmod(path, 0700);
    DIR *d = opendir(path);
    if (d) {
      struct dirent *e;
      while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
          continue;
        char child[1024];
        snprintf(child, sizeof(child), "%s/%s", path, e->d_name);
        rm_rf(child);
      }
      closedir(d);
    }
    rmdir(path);
  } else {
    unlink(path);
  }
}

static char *make_tmpdir(void)
{
  char tmpl[] = "/tmp/pf_codescan_XXXXXX";
  char *d = mkdtemp(tmpl);
  if (!d)
    PF_TEST_FAIL("mkdtemp: %s", strerror(errno));
  return strdup(d);
}

static int cmp_str(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Section - Demo application */

TEST(codescan_demo_expected_refs)
{
  pf_scan_result r;
  scan_one(DEMO, "orders", "customer_id", &r);

  char *expected = read_all(DEMO "/EXPECTED_REFS");
  size_t nexp = 0;
  char *lines[256];
  for (char *p = expected; *p && nexp < 256;) {
    char *nl = strchr(p, '\n');
    if (nl)
      *nl = '\0';
    if (*p)
      lines[nexp++] = p;
    p = nl ? nl + 1 : p + strlen(p);
  }
  qsort(lines, nexp, sizeof(char *), cmp_str);

  char **got = calloc(r.refs.len + 1, sizeof(char *));
  for (uint32_t i = 0; i < r.refs.len; i++) {
    char buf[1024];
    ref_key(&r.refs.items[i], DEMO, buf, sizeof(buf));
    got[i] = strdup(buf);
  }
  qsort(got, r.refs.len, sizeof(char *), cmp_str);

  bool same = nexp == r.refs.len;
  for (size_t i = 0; same && i < nexp; i++)
    same = strcmp(lines[i], got[i]) == 0;
  if (!same) {
    fprintf(stderr, "expected %zu references, got %u\n", nexp, r.refs.len);
    for (size_t i = 0; i < nexp; i++)
      fprintf(stderr, "  expected %s\n", lines[i]);
    for (uint32_t i = 0; i < r.refs.len; i++)
      fprintf(stderr, "  got      %s\n", got[i]);
  }
  ASSERT(same);
  // Every demo reference is certain.
  for (uint32_t i = 0; i < r.refs.len; i++)
    ASSERT_EQ(r.refs.items[i].confidence, PF_CONF_HIGH);
  ASSERT_EQ(r.warnings.len, 0);

  for (uint32_t i = 0; i < r.refs.len; i++)
    free(got[i]);
  free(got);
  free(expected);
  pf__scan_result_clear(&r);
}

TEST(codescan_demo_decoys_absent)
{
  static const char *const decoys[] = {
      "api/orders.py:8",                // comment
      "api/orders.py:11",               // parameter named customer_id
      "api/orders.py:36",               // log message
      "api/orders.py:37",               // exception message
      "api/orders.py:67",               // invoices.customer_id
      "api/orders.py:80",               // i.customer_id in a join with orders
      "api/models.py:34",               // Invoice.customer_id column
      "api/reports.py:17",              // Invoice.customer_id attribute
      "api/reports.py:22",              // JSON key
      "web/src/db/orders.ts:33",        // comment
      "web/src/db/orders.ts:41",        // invoices SQL
      "web/src/db/orders.ts:56",        // knex on invoices
      "web/src/db/orders.ts:66",        // i.customer_id next to o.customer_id
      "web/src/db/orders.ts:71",        // local variable
      "web/src/db/orders.ts:73",        // log message
      "web/src/entities/Invoice.ts:3",  // comment
      "web/src/entities/Invoice.ts:10", // invoices entity
      "worker/store/models.go:16",      // comment
      "worker/store/models.go:19",      // Invoice struct tag
      "worker/store/orders.go:59",      // i.customer_id
      "worker/store/orders.go:62",      // i.customer_id
      "worker/store/orders.go:69",      // log message
      "worker/store/orders.go:81",      // :customer_id bind parameter
      "worker/db/queries.sql:10",       // invoices SQL
  };
  pf_scan_result r;
  scan_one(DEMO, "orders", "customer_id", &r);
  for (size_t i = 0; i < sizeof(decoys) / sizeof(decoys[0]); i++) {
    if (has_ref_at(&r, DEMO, decoys[i]))
      PF_TEST_FAIL("decoy %s reported", decoys[i]);
  }
  pf__scan_result_clear(&r);
}

TEST(codescan_demo_other_targets)
{
  // The decoys of orders.customer_id are the references of invoices'.
  pf_scan_result r;
  scan_one(DEMO, "invoices", "customer_id", &r);
  ASSERT(has_ref_at(&r, DEMO, "worker/store/models.go:19"));
  ASSERT(has_ref_at(&r, DEMO, "api/models.py:34"));
  ASSERT(has_ref_at(&r, DEMO, "api/orders.py:80"));
  ASSERT(has_ref_at(&r, DEMO, "web/src/db/orders.ts:66"));
  ASSERT(has_ref_at(&r, DEMO, "web/src/entities/Invoice.ts:10"));
  ASSERT(!has_ref_at(&r, DEMO, "worker/store/models.go:9"));
  ASSERT(!has_ref_at(&r, DEMO, "api/orders.py:24"));
  pf__scan_result_clear(&r);

  // A table target: statements and models naming the table.
  scan_one(DEMO, "orders", NULL, &r);
  // The string that names the table: __tablename__ = "orders".
  ASSERT(has_ref_at(&r, DEMO, "api/models.py:17"));
  ASSERT(has_ref_at(&r, DEMO, "api/orders.py:58"));         // created_at query
  ASSERT(has_ref_at(&r, DEMO, "worker/store/models.go:7")); // type Order
  ASSERT(has_ref_at(&r, DEMO, "web/src/db/orders.ts:48"));  // knex
  ASSERT(!has_ref_at(&r, DEMO, "api/orders.py:67"));        // invoices only
  for (uint32_t i = 0; i < r.refs.len; i++)
    ASSERT_EQ(r.refs.items[i].target, 0);
  pf__scan_result_clear(&r);
}

TEST(codescan_results_sorted_and_deterministic)
{
  pf_scan_target targets[] = {{.table = "orders", .column = "customer_id"},
                              {.table = "invoices", .column = "customer_id"},
                              {.table = "orders", .column = NULL}};
  const char *paths[] = {DEMO, SCAN};
  pf_scan_result a, b;
  pf_error err;
  ASSERT_OK(scan_paths(paths, 2, targets, 3, 1, false, 0, &a, &err), err);
  ASSERT_OK(scan_paths(paths, 2, targets, 3, 8, false, 0, &b, &err), err);
  ASSERT_EQ(a.refs.len, b.refs.len);
  ASSERT(a.refs.len > 50);
  for (uint32_t i = 0; i < a.refs.len; i++) {
    const pf_code_ref *x = &a.refs.items[i], *y = &b.refs.items[i];
    ASSERT_STR_EQ(x->path, y->path);
    ASSERT_EQ(x->line, y->line);
    ASSERT_EQ(x->col, y->col);
    ASSERT_EQ(x->target, y->target);
    ASSERT_EQ(x->kind, y->kind);
    ASSERT_STR_EQ(x->detail, y->detail);
    ASSERT(x->end_col >= x->col);
    ASSERT(strlen(x->snippet) <= 200);
    if (i > 0) {
      const pf_code_ref *p = &a.refs.items[i - 1];
      int c = strcmp(p->path, x->path);
      ASSERT(c < 0 ||
             (c == 0 && (p->line < x->line ||
                         (p->line == x->line &&
                          (p->col < x->col ||
                           (p->col == x->col && p->target < x->target))))));
    }
  }
  ASSERT(a.files_seen > 0);
  ASSERT_EQ(a.files_seen, b.files_seen);
  pf__scan_result_clear(&a);
  pf__scan_result_clear(&b);
}

/* Section - Fixtures with inline expectations */

// Parses "pf: high medium" at the end of a line into counts per confidence.
static void expected_on_line(const char *line, size_t len, int counts[3])
{
  counts[0] = counts[1] = counts[2] = 0;
  const char *p = NULL;
  for (size_t i = 0; i + 3 <= len; i++) {
    if (memcmp(line + i, "pf:", 3) == 0)
      p = line + i + 3;
  }
  if (!p)
    return;
  const char *end = line + len;
  while (p < end) {
    while (p < end && *p == ' ')
      p++;
    const char *w = p;
    while (p < end && *p >= 'a' && *p <= 'z')
      p++;
    size_t n = (size_t)(p - w);
    if (n == 4 && memcmp(w, "high", 4) == 0)
      counts[PF_CONF_HIGH]++;
    else if (n == 6 && memcmp(w, "medium", 6) == 0)
      counts[PF_CONF_MEDIUM]++;
    else if (n == 3 && memcmp(w, "low", 3) == 0)
      counts[PF_CONF_LOW]++;
    else
      break;
  }
}

static int check_fixture_file(const char *path, const pf_scan_result *r)
{
  char *text = read_all(path);
  int failures = 0;
  uint32_t lineno = 0;
  for (char *p = text; *p;) {
    char *nl = strchr(p, '\n');
    size_t len = nl ? (size_t)(nl - p) : strlen(p);
    lineno++;
    int want[3], got[3] = {0, 0, 0};
    expected_on_line(p, len, want);
    for (uint32_t i = 0; i < r->refs.len; i++) {
      const pf_code_ref *x = &r->refs.items[i];
      if (x->line == lineno && strcmp(x->path, path) == 0)
        got[x->confidence]++;
    }
    for (int c = 0; c < 3; c++) {
      if (want[c] != got[c]) {
        fprintf(stderr, "%s:%u: want %d %s reference(s), got %d\n", path,
                lineno, want[c], pf_confidence_name((pf_confidence)c), got[c]);
        failures++;
      }
    }
    p = nl ? nl + 1 : p + len;
  }
  free(text);
  return failures;
}

TEST(codescan_fixtures)
{
  pf_scan_result r;
  scan_one(SCAN, "orders", "customer_id", &r);
  static const char *const files[] = {
      "python/sql_strings.py",
      "python/sqlalchemy_models.py",
      "python/shop/models.py",
      "python/shop/views.py",
      "python/parts/outline.py",
      "typescript/queries.ts",
      "typescript/entities.ts",
      "javascript/repo.js",
      "go/gorm.go",
      "go/tables.go",
      "sql/reports.sql",
      "java/OrderEntity.java",
  };
  int failures = 0;
  for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
    char path[1024];
    snprintf(path, sizeof(path), "%s/%s", SCAN, files[i]);
    failures += check_fixture_file(path, &r);
  }
  // Every reference is on an annotated line of a listed file.
  for (uint32_t i = 0; i < r.refs.len; i++) {
    bool listed = false;
    for (size_t k = 0; k < sizeof(files) / sizeof(files[0]); k++) {
      char path[1024];
      snprintf(path, sizeof(path), "%s/%s", SCAN, files[k]);
      listed |= strcmp(path, r.refs.items[i].path) == 0;
    }
    if (!listed) {
      fprintf(stderr, "unexpected reference in %s\n", r.refs.items[i].path);
      failures++;
    }
  }
  ASSERT_EQ(failures, 0);
  pf__scan_result_clear(&r);
}

TEST(codescan_alias_resolution)
{
  char *dir = make_tmpdir();
  write_str(dir, "q.py",
            "def f(cur):\n"
            "    cur.execute(\"SELECT o.customer_id FROM orders o\")\n"
            "    cur.execute(\"SELECT o.customer_id FROM invoices o\")\n"
            "    cur.execute(\"SELECT invoices.customer_id FROM orders "
            "JOIN invoices ON invoices.order_id = orders.id\")\n"
            "    cur.execute(\"SELECT customer_id FROM orders o JOIN "
            "invoices i ON i.order_id = o.id\")\n"
            "    cur.execute(\"UPDATE orders AS x SET notes = '' WHERE "
            "x.customer_id = 1\")\n");
  pf_scan_result r;
  scan_one(dir, "orders", "customer_id", &r);
  ASSERT_EQ(r.refs.len, 3);
  ASSERT_EQ(r.refs.items[0].line, 2);
  ASSERT_EQ(r.refs.items[0].confidence, PF_CONF_HIGH);
  ASSERT_EQ(r.refs.items[0].kind, PF_REF_SQL);
  // The column itself, not its qualifier "o.".
  ASSERT_EQ(r.refs.items[0].col, 27);
  ASSERT_EQ(r.refs.items[0].end_col, 38);
  ASSERT_EQ(r.refs.items[1].line, 5);
  ASSERT_EQ(r.refs.items[1].confidence, PF_CONF_MEDIUM);
  ASSERT_EQ(r.refs.items[2].line, 6);
  ASSERT_EQ(r.refs.items[2].confidence, PF_CONF_HIGH);
  ASSERT_STR_EQ(r.refs.items[2].detail, "SQL in string");
  pf__scan_result_clear(&r);
  rm_rf(dir);
  free(dir);
}

TEST(codescan_placeholders_and_positions)
{
  char *dir = make_tmpdir();
  // Placeholders of every driver; positions survive escapes and
  // concatenation across lines.
  write_str(dir, "p.py",
            "SQL = (\"SELECT id FROM orders\\n\"\n"
            "       \"WHERE status = %(s)s AND customer_id = %s\")\n"
            "F = f\"SELECT id FROM orders WHERE customer_id = {x!r:>{w}}\"\n"
            "Q = '''DELETE FROM orders\n"
            "       WHERE customer_id = :cid'''\n");
  write_str(dir, "p.go",
            "package p\n"
            "const q = `SELECT id FROM orders WHERE customer_id = ?`\n"
            "const r = \"SELECT id FROM orders WHERE \\\"customer_id\\\" = "
            "$1\"\n");
  write_str(dir, "p.ts",
            "const a = `SELECT id FROM orders\n"
            "  WHERE customer_id = ${id}`;\n"
            "const b = \"SELECT id FROM orders WHERE data ? 'k' AND "
            "customer_id = 1\";\n");
  pf_scan_result r;
  scan_one(dir, "orders", "customer_id", &r);
  char buf[1024];
  const char *want[] = {"p.go:2", "p.go:3", "p.py:2", "p.py:3",
                        "p.py:5", "p.ts:2", "p.ts:3"};
  ASSERT_EQ(r.refs.len, sizeof(want) / sizeof(want[0]));
  for (uint32_t i = 0; i < r.refs.len; i++) {
    ref_key(&r.refs.items[i], dir, buf, sizeof(buf));
    ASSERT_STR_EQ(buf, want[i]);
    ASSERT_EQ(r.refs.items[i].confidence, PF_CONF_HIGH);
  }
  // p.py:2 `       "WHERE status = %(s)s AND customer_id = %s")`
  ASSERT_EQ(r.refs.items[2].col, 34);
  pf__scan_result_clear(&r);
  rm_rf(dir);
  free(dir);
}

TEST(codescan_sql_detection)
{
  ASSERT(pf__looks_like_sql("SELECT 1", 8));
  ASSERT(pf__looks_like_sql("\n  (select 1)", 13));
  ASSERT(pf__looks_like_sql("with x as (select 1) select * from x", 36));
  ASSERT(pf__looks_like_sql("Insert into t values (1)", 24));
  ASSERT(!pf__looks_like_sql("customer_id missing", 19));
  ASSERT(!pf__looks_like_sql("selected items", 14));
  ASSERT(!pf__looks_like_sql("", 0));
  ASSERT(!pf__looks_like_sql("   ", 3));
}

TEST(codescan_naming_conventions)
{
  static const char *const cases[][3] = {
      {"Order", "order", "orders"},
      {"OrderItem", "order_item", "order_items"},
      {"CustomerID", "customer_id", "customer_ids"},
      {"HTTPServer", "http_server", "http_servers"},
      {"Category", "category", "categories"},
      {"Address", "address", "addresses"},
      {"Day", "day", "days"},
      {"Box", "box", "boxes"},
  };
  for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
    char *s = pf__snake_case(cases[i][0]);
    char *p = pf__pluralize(s);
    ASSERT_STR_EQ(s, cases[i][1]);
    ASSERT_STR_EQ(p, cases[i][2]);
    free(s);
    free(p);
  }
}

TEST(codescan_low_confidence_identifiers)
{
  char *dir = make_tmpdir();
  write_str(dir, "v.py",
            "def f(customer_id):\n"
            "    # customer_id in a comment\n"
            "    return customer_id\n");
  pf_scan_target t = {.table = "orders", .column = "customer_id"};
  const char *path = dir;
  pf_scan_result r;
  pf_error err;
  ASSERT_OK(scan_paths(&path, 1, &t, 1, 1, false, 0, &r, &err), err);
  ASSERT_EQ(r.refs.len, 0);
  pf__scan_result_clear(&r);
  ASSERT_OK(scan_paths(&path, 1, &t, 1, 1, true, 0, &r, &err), err);
  ASSERT_EQ(r.refs.len, 2);
  for (uint32_t i = 0; i < r.refs.len; i++) {
    ASSERT_EQ(r.refs.items[i].confidence, PF_CONF_LOW);
    ASSERT_EQ(r.refs.items[i].kind, PF_REF_IDENTIFIER);
    ASSERT(r.refs.items[i].line != 2);
  }
  pf__scan_result_clear(&r);
  rm_rf(dir);
  free(dir);
}

TEST(codescan_kind_and_confidence_names)
{
  ASSERT_STR_EQ(pf_ref_kind_name(PF_REF_SQL), "sql-string");
  ASSERT_STR_EQ(pf_ref_kind_name(PF_REF_ORM), "orm");
  ASSERT_STR_EQ(pf_ref_kind_name(PF_REF_QUERY_BUILDER), "query-builder");
  ASSERT_STR_EQ(pf_ref_kind_name(PF_REF_ATTRIBUTE), "attribute");
  ASSERT_STR_EQ(pf_ref_kind_name(PF_REF_IDENTIFIER), "identifier");
  ASSERT_STR_EQ(pf_confidence_name(PF_CONF_LOW), "low");
  ASSERT_STR_EQ(pf_confidence_name(PF_CONF_MEDIUM), "medium");
  ASSERT_STR_EQ(pf_confidence_name(PF_CONF_HIGH), "high");
}

/* Section - Hostile file systems and bytes */

TEST(codescan_skips_with_warnings)
{
  char *dir = make_tmpdir();
  char path[1024];
  const char sql[] = "q = \"SELECT customer_id FROM orders\"\n";
  write_str(dir, "ok.py", sql);
  // Binary: a NUL byte in the first 8 KiB.
  char bin[64];
  memcpy(bin, sql, 37);
  bin[5] = '\0';
  write_file(dir, "blob.py", bin, 37);
  // Larger than the size cap given below.
  char big[4096];
  memset(big, '#', sizeof(big));
  memcpy(big, sql, sizeof(sql) - 1);
  write_file(dir, "big.py", big, sizeof(big));
  // A FIFO would block a naive reader.
  snprintf(path, sizeof(path), "%s/pipe.py", dir);
  ASSERT_EQ(mkfifo(path, 0600), 0);
  // A dangling symlink and a symlink to itself.
  snprintf(path, sizeof(path), "%s/dangling.py", dir);
  ASSERT_EQ(symlink("does-not-exist.py", path), 0);
  snprintf(path, sizeof(path), "%s/self.py", dir);
  ASSERT_EQ(symlink("self.py", path), 0);
  // A directory symlink loop.
  snprintf(path, sizeof(path), "%s/sub", dir);
  ASSERT_EQ(mkdir(path, 0700), 0);
  snprintf(path, sizeof(path), "%s/sub/loop", dir);
  ASSERT_EQ(symlink("..", path), 0);
  // Skipped without a warning: vendored and minified code.
  snprintf(path, sizeof(path), "%s/node_modules", dir);
  ASSERT_EQ(mkdir(path, 0700), 0);
  write_str(path, "dep.js", "x = 'SELECT customer_id FROM orders'\n");
  write_str(dir, "app.min.js", "x = 'SELECT customer_id FROM orders'\n");
  // An unreadable directory, when permissions apply to us.
  bool root = geteuid() == 0;
  snprintf(path, sizeof(path), "%s/locked", dir);
  ASSERT_EQ(mkdir(path, 0700), 0);
  write_str(path, "secret.py", sql);
  if (!root)
    ASSERT_EQ(chmod(path, 0), 0);

  pf_scan_target t = {.table = "orders", .column = "customer_id"};
  const char *paths[] = {dir};
  pf_scan_result r;
  pf_error err;
  ASSERT_OK(scan_paths(paths, 1, &t, 1, 2, false, 1024, &r, &err), err);
  char buf[1024];
  ASSERT(r.refs.len >= 1);
  ref_key(&r.refs.items[0], dir, buf, sizeof(buf));
  if (root) {
    ASSERT_EQ(r.refs.len, 2);
    ASSERT_STR_EQ(buf, "locked/secret.py:1");
    ref_key(&r.refs.items[1], dir, buf, sizeof(buf));
  } else {
    ASSERT_EQ(r.refs.len, 1);
    ASSERT(has_warning(&r, "locked: cannot open directory"));
  }
  ASSERT_STR_EQ(buf, "ok.py:1");
  ASSERT(has_warning(&r, "blob.py: skipped binary file"));
  ASSERT(has_warning(&r, "big.py: skipped: file is larger than 1024 bytes"));
  ASSERT(has_warning(&r, "pipe.py: skipped: not a regular file"));
  ASSERT(has_warning(&r, "dangling.py: skipped dangling symlink"));
  ASSERT(has_warning(&r, "self.py: skipped symlink loop"));
  ASSERT(has_warning(&r, "sub/loop: skipped symlink loop"));
  ASSERT(!has_warning(&r, "node_modules"));
  ASSERT(!has_warning(&r, "app.min.js"));
  // Warnings are "path: message" with the path as walked.
  snprintf(path, sizeof(path), "%s/blob.py: ", dir);
  ASSERT(has_warning(&r, path));
  pf__scan_result_clear(&r);

  // A file given by name is scanned; a missing path is an error.
  snprintf(path, sizeof(path), "%s/ok.py", dir);
  const char *one[] = {path};
  ASSERT_OK(scan_paths(one, 1, &t, 1, 1, false, 0, &r, &err), err);
  ASSERT_EQ(r.refs.len, 1);
  ASSERT_STR_EQ(r.refs.items[0].path, path);
  pf__scan_result_clear(&r);
  const char *missing[] = {"/nonexistent/pf_codescan"};
  ASSERT_EQ(scan_paths(missing, 1, &t, 1, 1, false, 0, &r, &err), PF_IO);
  ASSERT_EQ(err.code, PF_IO);
  pf__scan_result_clear(&r);

  rm_rf(dir);
  free(dir);
}

TEST(codescan_hostile_bytes_do_not_crash)
{
  char *dir = make_tmpdir();
  // Invalid UTF-8 around a real reference.
  const char bad[] = "# \xff\xfe\xc3\x28 \xed\xa0\x80\n"
                     "q = \"SELECT customer_id FROM orders -- \xff\xc0\"\n"
                     "r = '\xe2\x82'\n";
  write_file(dir, "bad.py", bad, sizeof(bad) - 1);
  write_file(dir, "bad.ts", bad, sizeof(bad) - 1);
  write_file(dir, "bad.go", bad, sizeof(bad) - 1);
  write_file(dir, "bad.sql", bad, sizeof(bad) - 1);
  write_file(dir, "bad.rb", bad, sizeof(bad) - 1);
  write_file(dir, "bad.php", bad, sizeof(bad) - 1);
  write_file(dir, "bad.cs", bad, sizeof(bad) - 1);
  write_file(dir, "bad.prisma", bad, sizeof(bad) - 1);
  // Cut-off syntax in the languages with ORM extractors.
  write_str(dir, "cut.rb",
            "class Order < ApplicationRecord\n  self.table_name = \n"
            "  belongs_to\n  where(customer_id: ).pluck(\n<<~SQL\n"
            "SELECT customer_id FROM orders #{");
  write_str(dir, "cut.php",
            "<?php class Order extends Model { protected $table = ; "
            "protected $fillable = [ 'customer_id', ; function c() { return "
            "$this->belongsTo(; } }\nDB::table()->where(;\n$q = <<<SQL\n"
            "SELECT customer_id FROM orders {$");
  write_str(
      dir, "cut.cs",
      "[Table(] class Order { [Column(\"customer_id\")] public long "
      "CustomerId { get; \n modelBuilder.Entity<>().ToTable().HasColumnName("
      "; var s = $\"SELECT customer_id FROM orders {\"; var r = \"\"\"");
  write_str(dir, "cut.prisma",
            "model Order {\n customerId Int @map(\"customer_id\n @@map(\"orders"
            "\nmodel {\n}\nmodel X {");

  // Deep nesting and a long concatenation.
  size_t n = 20000;
  char *deep = malloc(n * 2 + 64);
  size_t k = 0;
  k += (size_t)snprintf(deep, 64, "x = ");
  for (size_t i = 0; i < n; i++)
    deep[k++] = '(';
  k += (size_t)snprintf(deep + k, 64, "\"SELECT customer_id FROM orders\"");
  for (size_t i = 0; i < n; i++)
    deep[k++] = ')';
  deep[k++] = '\n';
  write_file(dir, "deep.py", deep, k);
  free(deep);

  pf_buf cat = PF_BUF_INIT;
  pf_buf_puts(&cat, "const q = \"SELECT customer_id FROM orders WHERE 1 = 1\"");
  for (int i = 0; i < 5000; i++)
    pf_buf_puts(&cat, " + \" AND customer_id = \" + x");
  pf_buf_puts(&cat, ";\n");
  write_file(dir, "concat.ts", cat.data, cat.len);
  pf_buf_reset(&cat);
  pf_buf_puts(&cat, "SELECT ");
  for (int i = 0; i < 3000; i++)
    pf_buf_puts(&cat, "(");
  pf_buf_puts(&cat, "customer_id");
  for (int i = 0; i < 3000; i++)
    pf_buf_puts(&cat, ")");
  pf_buf_puts(&cat, " FROM orders;\n");
  write_file(dir, "deep.sql", cat.data, cat.len);
  pf_buf_clear(&cat);

  // Unterminated constructs and pseudo-random bytes.
  write_str(dir, "open.py", "q = \"\"\"SELECT customer_id FROM orders\n");
  write_str(dir, "open.go", "package x\nvar q = `SELECT customer_id FROM");
  write_str(dir, "open.sql", "SELECT 'customer_id FROM orders");
  char rnd[4096];
  uint32_t seed = 12345;
  for (size_t i = 0; i < sizeof(rnd); i++) {
    seed = seed * 1103515245u + 12345u;
    rnd[i] = (char)(((seed >> 16) % 255) + 1); // no NUL: not "binary"
  }
  memcpy(rnd + 100, "customer_id", 11);
  write_file(dir, "rnd.py", rnd, sizeof(rnd));
  write_file(dir, "rnd.ts", rnd, sizeof(rnd));
  write_file(dir, "rnd.go", rnd, sizeof(rnd));
  write_file(dir, "rnd.sql", rnd, sizeof(rnd));
  write_file(dir, "rnd.java", rnd, sizeof(rnd));
  write_file(dir, "rnd.rb", rnd, sizeof(rnd));

  pf_scan_result r;
  scan_one(dir, "orders", "customer_id", &r);
  ASSERT(has_ref_at(&r, dir, "bad.py:2"));
  ASSERT(has_ref_at(&r, dir, "bad.go:2"));
  ASSERT(has_ref_at(&r, dir, "deep.py:1"));
  ASSERT(has_ref_at(&r, dir, "concat.ts:1"));
  pf__scan_result_clear(&r);
  rm_rf(dir);
  free(dir);
}

TEST(codescan_ignore_ref_comment)
{
  char *dir = make_tmpdir();
  write_str(dir, "q.py",
            "def f(cur):\n"
            "    cur.execute(\"SELECT customer_id FROM orders\")\n"
            "    # pgpreflight-ignore-ref  dropped with the view\n"
            "    cur.execute(\"SELECT customer_id FROM orders\")\n"
            "    cur.execute(\"SELECT customer_id FROM orders\")  # "
            "pgpreflight-ignore-ref\n"
            "    x = 1  # pgpreflight-ignore-ref  (only this line)\n"
            "    cur.execute(\"SELECT customer_id FROM orders\")\n"
            "    cur.execute(\"SELECT customer_id FROM orders -- x\", "
            "\"pgpreflight-ignore-ref\")\n");
  write_str(dir, "q.go",
            "package q\n"
            "// pgpreflight-ignore-ref\n"
            "const q = `SELECT customer_id FROM orders`\n");
  pf_scan_result r;
  scan_one(dir, "orders", "customer_id", &r);
  ASSERT_EQ(r.refs.len, 6);
  // Go: the comment alone on the line before.
  ASSERT(strstr(r.refs.items[0].path, "q.go"));
  ASSERT(r.refs.items[0].suppressed);
  static const struct {
    uint32_t line;
    bool suppressed;
  } want[] = {{2, false}, {4, true}, {5, true}, {7, false}, {8, false}};
  for (size_t i = 0; i < 5; i++) {
    ASSERT_EQ(r.refs.items[i + 1].line, want[i].line);
    // Never dropped: still listed, marked suppressed.
    ASSERT_EQ(r.refs.items[i + 1].suppressed, want[i].suppressed);
  }
  pf__scan_result_clear(&r);
  rm_rf(dir);
  free(dir);
}
