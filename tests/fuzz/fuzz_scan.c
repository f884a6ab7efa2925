/* libFuzzer target: bytes -> the code-reference extractor of a language. */
/* SPDX-License-Identifier: MIT */
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "codescan/prefilter.h"
#include "codescan/scan.h"
#include "core/source.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

// The targets every input is scanned for: a column, a table, a second table.
static const pf_scan_target targets[] = {
    {.table = "orders", .column = "customer_id"},
    {.table = "orders", .column = NULL},
    {.table = "users", .column = "email"},
};

// How a route reads its bytes.
enum { AS_FILE, AS_SQL_TEXT, AS_SQL_TOKENS };

// Where the first input byte sends the rest: one extractor per language,
// the SQL-in-string path (libpg_query on text that came from a string) and
// its scanner-token fallback. Append-only: a seed's first byte keeps its
// route.
static const struct {
  pf__lang lang;
  const char *path;
  int mode;
} routes[] = {
    {PF__LANG_PYTHON, "fuzz.py", AS_FILE},
    {PF__LANG_JAVASCRIPT, "fuzz.js", AS_FILE},
    {PF__LANG_TYPESCRIPT, "fuzz.ts", AS_FILE},
    {PF__LANG_TSX, "fuzz.tsx", AS_FILE},
    {PF__LANG_GO, "fuzz.go", AS_FILE},
    {PF__LANG_RUBY, "fuzz.rb", AS_FILE},
    {PF__LANG_JAVA, "fuzz.java", AS_FILE},
    {PF__LANG_SQL, "fuzz.sql", AS_FILE},
    {PF__LANG_PYTHON, "fuzz_sql_text.py", AS_SQL_TEXT},
    {PF__LANG_PHP, "fuzz.php", AS_FILE},
    {PF__LANG_CSHARP, "fuzz.cs", AS_FILE},
    {PF__LANG_PRISMA, "schema.prisma", AS_FILE},
    {PF__LANG_PYTHON, "fuzz_sql_tokens.py", AS_SQL_TOKENS},
};

// Issue 7's targets: INSERTs that omit orders.notes (4th column) or
// orders.region (appended), and literals spelling 'shipped'
// (orders.status).
static const char *const literal_values[] = {"shipped"};
static const pf_scan_column literal_cols[] = {{"orders", "status"}};
static const pf_scan_target insert_target = {.table = "orders",
                                             .column = "notes",
                                             .kind = PF_SCAN_INSERT_OMITS,
                                             .position = 4};
static const pf_scan_target literal_target = {.kind = PF_SCAN_LITERAL,
                                              .values = literal_values,
                                              .nvalues = 1,
                                              .cols = literal_cols,
                                              .ncols = 1};
static const pf_scan_target appended_target = {.table = "orders",
                                               .column = "region",
                                               .kind = PF_SCAN_INSERT_OMITS,
                                               .position = PF_SCAN_POS_LAST};
static const pf_scan_target *const inserts[] = {&insert_target,
                                                &appended_target};
static const pf_scan_target *const literals[] = {&literal_target};

static pf__scan scan;
// Python files are also scanned for column targets alone with
// PF_SCAN_PARTS_VERIFY: parsed in parts (where the outline allows it) and
// whole, the two must give the same (lib/codescan/pyparts.c).
static pf__scan parts_scan;
static TSParser *parser;
static pf__prefilter prefilter;
static pf__occvec occ;
// The prefilter needles of the targets, as a scan derives them.
static const char *const needles[] = {"customer_id", "orders",     "customer",
                                      "customerId",  "CustomerId", "CustomerID",
                                      "users",       "email",      "notes",
                                      "region",      "order",      "shipped"};

// Compiles the queries once per process, as a scan does once per run.
static void setup(void)
{
  if (parser)
    return;
  memset(&scan, 0, sizeof(scan));
  scan.targets = targets;
  scan.ntargets = sizeof(targets) / sizeof(targets[0]);
  scan.inserts = inserts;
  scan.ninserts = 2;
  scan.literals = literals;
  scan.nliterals = 1;
  scan.include_low = true;
  scan.max_file_size = PF_SOURCE_MAX;
  pf__prefilter_init(&prefilter, needles, sizeof(needles) / sizeof(needles[0]));
  scan.prefilter = &prefilter;
  // The candidate names, as a scan lists them (whole-word occurrences).
  static size_t needle_lens[sizeof(needles) / sizeof(needles[0])];
  for (size_t i = 0; i < sizeof(needles) / sizeof(needles[0]); i++)
    needle_lens[i] = strlen(needles[i]);
  scan.cands = (const char **)needles;
  scan.cand_lens = needle_lens;
  scan.ncands = sizeof(needles) / sizeof(needles[0]);
  pf_vec_init(&occ);
  pf_error err;
  pf_error_clear(&err);
  if (pf__queries_compile(&scan, &err) != PF_OK)
    abort(); // the embedded queries are ours: they must compile
  parts_scan = scan;
  static const pf_scan_target columns[] = {
      {.table = "orders", .column = "customer_id"},
      {.table = "users", .column = "email"},
  };
  parts_scan.targets = columns;
  parts_scan.ntargets = 2;
  parts_scan.ninserts = parts_scan.nliterals = 0;
  parts_scan.parts = PF_SCAN_PARTS_VERIFY;
  parser = ts_parser_new();
}

// Scans @src as Python both ways; aborts when they differ.
static void verify_parts(pf_source *src)
{
  pf__file f;
  memset(&f, 0, sizeof(f));
  f.path = pf_xstrdup("fuzz_parts.py");
  f.lang = PF__LANG_PYTHON;
  f.skip = -1;
  pf__fctx fx;
  memset(&fx, 0, sizeof(fx));
  fx.scan = &parts_scan;
  fx.file = &f;
  fx.parser = parser;
  fx.lang = f.lang;
  fx.occ = &occ;
  fx.src = src;
  pf__ts_scan_file(&fx);
  for (uint32_t i = 0; i < f.warnings.len; i++) {
    if (strstr(f.warnings.items[i], ": parsed in parts: ")) {
      fprintf(stderr, "%s\n", f.warnings.items[i]);
      abort();
    }
  }
  pf__file_clear(&f);
}

/*
 * Scans @data[1..] as a file of the language chosen by @data[0] (or as SQL
 * text from a string literal) and checks each reference: a target that
 * exists, a 1-based position inside the file, and a snippet and detail.
 * Always returns 0; a violated invariant aborts.
 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  if (size < 1 || size > (1u << 20))
    return 0;
  setup();
  size_t nroutes = sizeof(routes) / sizeof(routes[0]);
  size_t r = data[0] % nroutes;
  const char *text = (const char *)data + 1;
  size_t len = size - 1;

  pf__file f;
  memset(&f, 0, sizeof(f));
  f.path = pf_xstrdup(routes[r].path);
  f.lang = routes[r].lang;
  f.skip = -1;
  pf__fctx fx;
  memset(&fx, 0, sizeof(fx));
  fx.scan = &scan;
  fx.file = &f;
  fx.parser = parser;
  fx.lang = f.lang;
  fx.occ = &occ;
  // The source copies the bytes into a NUL-terminated buffer, as a read
  // file would be.
  fx.src = pf_source_from_mem(f.path, text, len);
  if (routes[r].mode == AS_SQL_TEXT)
    pf__sql_refs(&fx, fx.src->data, fx.src->len, NULL, 0, "fuzz");
  else if (routes[r].mode == AS_SQL_TOKENS)
    pf__sql_tokens(&fx, fx.src->data, fx.src->len, NULL, 0);
  else if (f.lang == PF__LANG_SQL)
    pf__sql_scan_file(&fx);
  else if (f.lang == PF__LANG_PRISMA)
    pf__prisma_scan_file(&fx);
  else
    pf__ts_scan_file(&fx);
  if (f.lang == PF__LANG_PYTHON && routes[r].mode == AS_FILE)
    verify_parts(fx.src);

  uint32_t lines = pf_source_locate(fx.src, fx.src->len).line;
  for (uint32_t i = 0; i < f.refs.len; i++) {
    const pf_code_ref *ref = &f.refs.items[i];
    if (ref->target >= scan.ntargets + scan.ninserts + scan.nliterals ||
        ref->line < 1 || ref->line > lines || ref->col < 1 ||
        ref->end_col < ref->col || !ref->snippet || !ref->detail ||
        strcmp(ref->path, f.path) != 0)
      abort();
  }
  // Models, their fields and the uses (creates among them) point into the
  // file too: they are reported after the merge.
  for (uint32_t i = 0; i < f.models.len; i++) {
    const pf__model *m = &f.models.items[i];
    if (!m->name || m->decl.line < 1 || m->decl.line > lines ||
        (m->inserts != PF__INS_NONE && !m->orm))
      abort();
    for (uint32_t k = 0; k < m->fields.len; k++) {
      if (m->fields.items[k].at.line < 1 || m->fields.items[k].at.line > lines)
        abort();
    }
  }
  for (uint32_t i = 0; i < f.uses.len; i++) {
    if (!f.uses.items[i].model || !f.uses.items[i].field ||
        f.uses.items[i].at.line < 1 || f.uses.items[i].at.line > lines)
      abort();
  }
  pf__file_clear(&f);
  pf_source_free(fx.src);
  return 0;
}
