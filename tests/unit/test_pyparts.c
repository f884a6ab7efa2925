/* Unit tests of Python files parsed in parts (lib/codescan/pyparts.c). */
/* SPDX-License-Identifier: MIT */
#include "test.h"

#include <errno.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <unistd.h>

#include "codescan/codescan.h"
#include "codescan/prefilter.h"
#include "codescan/scan.h"

#define SCAN PF_SOURCE_DIR "/testdata/scan"

/* Section - Helpers */

static void occ_add(void *ud, uint32_t start, uint32_t end)
{
  pf__occvec *v = ud;
  pf__occ o = {start, end};
  pf_vec_push(v, o);
}

static int cmp_occ(const void *pa, const void *pb)
{
  const pf__occ *a = pa, *b = pb;
  return a->start < b->start ? -1 : a->start > b->start;
}

// The parts pf__py_parts chooses in @src for column @column of table "t",
// as their texts joined by "|", or "WHOLE" when the file is to be parsed
// whole. Caller frees.
static char *parts_of(const char *src, const char *column)
{
  pf_scan_target t;
  memset(&t, 0, sizeof(t));
  t.table = "t";
  t.column = column;
  pf__scan scan;
  memset(&scan, 0, sizeof(scan));
  scan.targets = &t;
  scan.ntargets = 1;
  const char *needles[] = {column, "t"};
  pf__prefilter pre;
  pf__prefilter_init(&pre, needles, 1);
  scan.prefilter = &pre;
  pf__file f;
  memset(&f, 0, sizeof(f));
  f.path = pf_xstrdup("t.py");
  f.lang = PF__LANG_PYTHON;
  pf__fctx fx;
  memset(&fx, 0, sizeof(fx));
  fx.scan = &scan;
  fx.file = &f;
  fx.lang = PF__LANG_PYTHON;
  fx.src = pf_source_from_mem("t.py", src, strlen(src));
  pf__occvec occ;
  pf_vec_init(&occ);
  pf__prefilter_each(&pre, fx.src->data, fx.src->len, occ_add, &occ);
  pf_sort(occ.items, occ.len, sizeof(pf__occ), cmp_occ);
  fx.occ = &occ;
  pf__partvec parts;
  pf_vec_init(&parts);
  pf_buf out = PF_BUF_INIT;
  if (!pf__py_parts(&fx, &parts)) {
    pf_buf_puts(&out, "WHOLE");
  } else {
    for (uint32_t i = 0; i < parts.len; i++) {
      // The rows and columns are those of the line map.
      const pf__part *pt = &parts.items[i];
      pf_loc a = pf_source_locate(fx.src, pt->start);
      pf_loc b = pf_source_locate(fx.src, pt->end);
      ASSERT_EQ(pt->start_row, a.line - 1);
      ASSERT_EQ(pt->start_col, a.col - 1);
      ASSERT_EQ(pt->end_row, b.line - 1);
      ASSERT_EQ(pt->end_col, b.col - 1);
      if (i)
        pf_buf_putc(&out, '|');
      pf_buf_append(&out, fx.src->data + parts.items[i].start,
                    parts.items[i].end - parts.items[i].start);
    }
    if (!parts.len)
      pf_buf_puts(&out, "");
  }
  pf_vec_clear(&parts);
  pf_vec_clear(&occ);
  pf_source_free(fx.src);
  pf__file_clear(&f);
  pf__prefilter_clear(&pre);
  return pf_buf_detach(&out);
}

#define ASSERT_PARTS(src, column, want)                                        \
  do {                                                                         \
    char *got_ = parts_of(src, column);                                        \
    ASSERT_STR_EQ(got_, want);                                                 \
    free(got_);                                                                \
  } while (0)

static char *make_tmpdir(void)
{
  char tmpl[] = "/tmp/pf_pyparts_XXXXXX";
  char *d = mkdtemp(tmpl);
  if (!d)
    PF_TEST_FAIL("mkdtemp: %s", strerror(errno));
  return pf_xstrdup(d);
}

static void write_file(const char *dir, const char *name, const char *text)
{
  char path[1024];
  snprintf(path, sizeof(path), "%s/%s", dir, name);
  FILE *f = fopen(path, "wb");
  if (!f)
    PF_TEST_FAIL("cannot write %s", path);
  fputs(text, f);
  fclose(f);
}

static void remove_tree(const char *dir, const char *name)
{
  char path[1024];
  snprintf(path, sizeof(path), "%s/%s", dir, name);
  unlink(path);
  rmdir(dir);
}

// Scans @dir for t.@column with @mode (low references too).
static void scan_dir(const char *dir, const char *table, const char *column,
                     pf_scan_parts mode, pf_scan_result *r)
{
  pf_scan_target t;
  memset(&t, 0, sizeof(t));
  t.table = table;
  t.column = column;
  pf_scan_opts opts = {.jobs = 1, .include_low = true, .parts = mode};
  pf_error err;
  pf_error_clear(&err);
  pf__scan_result_init(r);
  pf_code rc = pf__codescan_run(&dir, 1, &t, 1, &opts, r, &err);
  ASSERT_OK(rc, err);
}

// The number of files whose parts gave something else than the whole.
static unsigned differences(const pf_scan_result *r)
{
  unsigned n = 0;
  for (uint32_t i = 0; i < r->warnings.len; i++)
    n += strstr(r->warnings.items[i], ": parsed in parts: ") != NULL;
  return n;
}

// Scans @src (file t.py) for t.@column in parts, whole and both, and
// checks that the three agree; returns whether the parts were used.
static bool same_in_parts(const char *src, const char *column)
{
  char *dir = make_tmpdir();
  write_file(dir, "t.py", src);
  pf_scan_result whole, parts, verify;
  scan_dir(dir, "t", column, PF_SCAN_PARTS_OFF, &whole);
  scan_dir(dir, "t", column, PF_SCAN_PARTS_AUTO, &parts);
  scan_dir(dir, "t", column, PF_SCAN_PARTS_VERIFY, &verify);
  ASSERT_EQ(differences(&verify), 0);
  ASSERT_EQ(whole.refs.len, parts.refs.len);
  for (uint32_t i = 0; i < whole.refs.len; i++) {
    ASSERT_EQ(whole.refs.items[i].line, parts.refs.items[i].line);
    ASSERT_EQ(whole.refs.items[i].col, parts.refs.items[i].col);
    ASSERT_EQ(whole.refs.items[i].kind, parts.refs.items[i].kind);
  }
  ASSERT_EQ(whole.warnings.len, parts.warnings.len);
  bool used = verify.files_in_parts == 1;
  pf__scan_result_clear(&whole);
  pf__scan_result_clear(&parts);
  pf__scan_result_clear(&verify);
  remove_tree(dir, "t.py");
  free(dir);
  return used;
}

/* Section - Which parts */

TEST(pyparts_simple_statements)
{
  // Only the statement with the name, from its first token.
  ASSERT_PARTS("import os\n"
               "a = 1\n"
               "b = f(notes)\n"
               "c = 2\n",
               "notes", "b = f(notes)\n");
  // Inside a function whose header does not hold it: the statement alone.
  ASSERT_PARTS("def f(x):\n"
               "    y = x + 1\n"
               "    return y.notes\n",
               "notes", "return y.notes\n");
  // Brackets, strings and a backslash join physical lines.
  ASSERT_PARTS("x = [1,\n"
               "     notes]\n"
               "y = '''a\n"
               "notes'''.strip()\n"
               "z = a + \\\n"
               "    notes\n",
               "notes",
               "x = [1,\n     notes]\ny = '''a\nnotes'''.strip()\n"
               "z = a + \\\n    notes\n");
  // Rows after strings, backslashes and CRLF line ends; no final newline.
  ASSERT_PARTS("a = '''x\r\ny''' \\\r\n  + 1\r\n"
               "# c\r\n"
               "\r\n"
               "b = 'p\\\nq'\r\n"
               "c = notes",
               "notes", "c = notes");
  ASSERT_PARTS("a = '''x\ny'''\n"
               "if b:\n"
               "    c = 1\n"
               "    d = notes\n",
               "notes", "d = notes\n");
  // Parts next to each other are one.
  ASSERT_PARTS("a = notes\n"
               "b = 1\n"
               "c = notes\n",
               "notes", "a = notes\n|c = notes\n");
}

TEST(pyparts_comments_and_docstrings)
{
  // A comment on its own line, a docstring that is not SQL: nothing.
  ASSERT_PARTS("def f():\n"
               "    \"\"\"Returns the notes.\"\"\"\n"
               "    # notes are optional\n"
               "    return 1\n",
               "notes", "");
  // A docstring that starts like SQL, alone or joined, is SQL text.
  ASSERT_PARTS("\"\"\"  SELECT notes FROM t\"\"\"\n", "notes",
               "\"\"\"  SELECT notes FROM t\"\"\"\n");
  ASSERT_PARTS("(\"SEL\" \"ECT notes FROM t\")\n", "notes",
               "(\"SEL\" \"ECT notes FROM t\")\n");
  ASSERT_PARTS("\"\\SELECT notes FROM t\"\n", "notes",
               "\"\\SELECT notes FROM t\"\n");
  // A comment after code is part of its statement.
  ASSERT_PARTS("x = 1  # notes\n", "notes", "x = 1  # notes\n");
  // An f-string holds code.
  ASSERT_PARTS("f\"{notes}\"\n", "notes", "f\"{notes}\"\n");
}

TEST(pyparts_headers)
{
  // A header with its first statement, indented under it; the statements
  // of the body that hold the name are parts of their own.
  ASSERT_PARTS("def f(notes):\n"
               "    a = 1\n"
               "    b = 2\n"
               "    return notes\n",
               "notes", "def f(notes):\n    a = 1\n|return notes\n");
  // Decorators go with their definition.
  ASSERT_PARTS("@cache(notes)\n"
               "def f():\n"
               "    return 1\n",
               "notes", "@cache(notes)\ndef f():\n    return 1\n");
  // A one-line body: the whole statement, clauses included.
  ASSERT_PARTS("if x: y = notes\n"
               "else: y = 2\n"
               "z = 3\n",
               "notes", "if x: y = notes\nelse: y = 2\n");
  // A later clause keeps the block structure around it.
  ASSERT_PARTS("if a:\n"
               "    b = 1\n"
               "    c = notes\n"
               "elif notes:\n"
               "    d = 2\n",
               "notes", "if a:\n|    c = notes\nelif notes:\n    d = 2\n");
  // A name in a keyword the statement or clause holds itself (not in a
  // part of its header): the whole statement.
  ASSERT_PARTS("if a:\n"
               "    x = 1\n"
               "else:\n"
               "    y = 2\n"
               "    z = 3\n"
               "w = 4\n",
               "ls", "if a:\n    x = 1\nelse:\n    y = 2\n    z = 3\n");
  // Every clause of a try.
  ASSERT_PARTS("try:\n"
               "    a = 1\n"
               "except E as notes:\n"
               "    b = 2\n"
               "finally:\n"
               "    c = 3\n",
               "notes",
               "try:\n    a = 1\nexcept E as notes:\n    b = 2\nfinally:\n"
               "    c = 3\n");
}

TEST(pyparts_models_and_keys)
{
  // A class that may be a model is parsed whole, name or not.
  ASSERT_PARTS("class A(models.Model):\n"
               "    a = models.IntegerField()\n"
               "class B(Base):\n"
               "    __tablename__ = 'b'\n"
               "class C(Base):\n"
               "    c = 1\n"
               "x = notes\n",
               "notes",
               "class A(models.Model):\n    a = models.IntegerField()\n"
               "class B(Base):\n    __tablename__ = 'b'\n|x = notes\n");
  // A quoted column that may be a key: the function around it, whole.
  ASSERT_PARTS("def f(cur):\n"
               "    row = cur.fetchone()\n"
               "    return row['notes']\n"
               "y = 1\n",
               "notes",
               "def f(cur):\n    row = cur.fetchone()\n"
               "    return row['notes']\n");
  // Not a key: a call that is not get(), a list.
  ASSERT_PARTS("def f():\n"
               "    a = 1\n"
               "    return [Column('notes'), ('notes', 1)]\n",
               "notes", "return [Column('notes'), ('notes', 1)]\n");
  // A key at module level reads the whole module.
  ASSERT_PARTS("row = cur.fetchone()\nx = row.get('notes')\n", "notes",
               "WHOLE");
}

TEST(pyparts_whole_files)
{
  // What the outline does not understand is parsed whole.
  ASSERT_PARTS("x = 'notes\n", "notes", "WHOLE");           // open string
  ASSERT_PARTS("x = 'notes\\", "notes", "WHOLE");           // ends escaping
  ASSERT_PARTS("x = '''notes\\\n", "notes", "WHOLE");       // and triple
  ASSERT_PARTS("x = (notes\n", "notes", "WHOLE");           // open bracket
  ASSERT_PARTS("x = (notes]\n", "notes", "WHOLE");          // wrong bracket
  ASSERT_PARTS("  x = notes\n", "notes", "WHOLE");          // indented
  ASSERT_PARTS("if x:\ny = notes\n", "notes", "WHOLE");     // no body
  ASSERT_PARTS("else:\n    y = notes\n", "notes", "WHOLE"); // stray else
  ASSERT_PARTS("match notes:\n"
               "    case 1:\n"
               "        pass\n",
               "notes", "WHOLE");
  ASSERT_PARTS("if a:\n"
               "        x = 1\n"
               "    y = notes\n",
               "notes", "WHOLE"); // a dedent that does not nest
}

/* Section - The same references */

TEST(pyparts_same_references)
{
  // Tabs, CRLF, form feeds, async, nested blocks, keys.
  ASSERT(same_in_parts("import os\r\n"
                       "\f\r\n"
                       "class A(models.Model):\r\n"
                       "\tnotes = models.TextField()\r\n"
                       "\r\n"
                       "async def f(cur):\r\n"
                       "\tasync with cur:\r\n"
                       "\t\tcur.execute('SELECT notes FROM t')\r\n"
                       "\t\trow = cur.fetchone()\r\n"
                       "\t\treturn row['notes'], A.objects.filter(notes=1)\r\n",
                       "notes"));
  ASSERT(same_in_parts("def f(x):\n"
                       "    if x:\n"
                       "        for y in x:\n"
                       "            try:\n"
                       "                z = y.notes\n"
                       "            except KeyError as notes:\n"
                       "                pass\n"
                       "    elif x.notes:\n"
                       "        return [n for n in x if n.notes]\n"
                       "    return None\n",
                       "notes"));
  // A needle in the keyword of a header (t in with), and in a comment.
  ASSERT(same_in_parts("def f():\n"
                       "    with a():  # the\n"
                       "        b.x(N)\n"
                       "        raises(U, lambda: O.vel(N))\n",
                       "self"));
  // Parts that do not parse cleanly: the file is parsed whole.
  ASSERT(!same_in_parts("x = notes notes\ny = 1\n", "notes"));
}

TEST(pyparts_fixtures_verified)
{
  // Every Python fixture under testdata/scan, for names that occur in
  // code, strings and comments there, parsed both ways. (customer_id is
  // mapped under another name there, so its files are scanned whole.)
  static const char *const cols[][2] = {
      {"orders", "notes"}, {"customers", "name"}, {"orders", "customer_id"}};
  for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++) {
    pf_scan_result r;
    scan_dir(SCAN, cols[i][0], cols[i][1], PF_SCAN_PARTS_VERIFY, &r);
    ASSERT_EQ(differences(&r), 0);
    if (i < 2)
      ASSERT(r.files_in_parts >= 4);
    pf__scan_result_clear(&r);
  }
}

/* Section - The models patterns without the query */

static char *read_text(const char *path, size_t *len)
{
  FILE *f = fopen(path, "rb");
  if (!f)
    PF_TEST_FAIL("cannot open %s", path);
  pf_buf b = PF_BUF_INIT;
  char chunk[4096];
  size_t n;
  while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
    pf_buf_append(&b, chunk, n);
  fclose(f);
  *len = b.len;
  return pf_buf_detach(&b);
}

TEST(pyparts_models_patterns)
{
  // The table treesitter.c matches around candidates is the query file:
  // one node per pattern, "(type) @capture", in the same order.
  size_t len;
  char *text =
      read_text(PF_SOURCE_DIR "/grammars/queries/python/models.scm", &len);
  uint32_t off;
  TSQueryError qe;
  TSQuery *q = ts_query_new(pf__ts_language(PF__LANG_PYTHON), text,
                            (uint32_t)len, &off, &qe);
  ASSERT(q != NULL);
  uint32_t n = ts_query_pattern_count(q);
  const char *type, *capture;
  ASSERT(!pf__py_model_pattern(n, &type, &capture));
  for (uint32_t i = 0; i < n; i++) {
    ASSERT(pf__py_model_pattern(i, &type, &capture));
    char want[128];
    snprintf(want, sizeof(want), "(%s) @%s", type, capture);
    uint32_t at = ts_query_start_byte_for_pattern(q, i);
    if (strncmp(text + at, want, strlen(want)) != 0)
      PF_TEST_FAIL("pattern %u is not %s", i, want);
  }
  // A run of the query over a whole tree matches in pre-order, a node's
  // patterns by index: the order the matcher around candidates keeps.
  size_t slen;
  char *src = read_text(SCAN "/python/parts/outline.py", &slen);
  TSParser *parser = ts_parser_new();
  ts_parser_set_language(parser, pf__ts_language(PF__LANG_PYTHON));
  TSTree *tree = ts_parser_parse_string(parser, NULL, src, (uint32_t)slen);
  TSQueryCursor *cur = ts_query_cursor_new();
  ts_query_cursor_exec(cur, q, ts_tree_root_node(tree));
  TSTreeCursor walk = ts_tree_cursor_new(ts_tree_root_node(tree));
  TSQueryMatch m;
  uint32_t matches = 0;
  bool more = true;
  while (ts_query_cursor_next_match(cur, &m)) {
    // The next node of a matched type in pre-order, and its patterns.
    bool found = false;
    while (more && !found) {
      TSNode node = ts_tree_cursor_current_node(&walk);
      for (uint32_t i = 0; i < n && !found; i++) {
        pf__py_model_pattern(i, &type, &capture);
        found = strcmp(ts_node_type(node), type) == 0;
      }
      if (!found) {
        if (ts_tree_cursor_goto_first_child(&walk))
          continue;
        while (more && !ts_tree_cursor_goto_next_sibling(&walk))
          more = ts_tree_cursor_goto_parent(&walk);
      }
    }
    ASSERT(found);
    TSNode node = ts_tree_cursor_current_node(&walk);
    ASSERT(ts_node_eq(m.captures[0].node, node));
    pf__py_model_pattern(m.pattern_index, &type, &capture);
    ASSERT_STR_EQ(ts_node_type(node), type);
    // An attribute matches twice: @attribute, then @column.
    bool last = !(strcmp(type, "attribute") == 0 && m.pattern_index == 2);
    if (last) {
      if (!ts_tree_cursor_goto_first_child(&walk)) {
        while (more && !ts_tree_cursor_goto_next_sibling(&walk))
          more = ts_tree_cursor_goto_parent(&walk);
      }
    }
    matches++;
  }
  ASSERT(matches > 50);
  ts_tree_cursor_delete(&walk);
  ts_query_cursor_delete(cur);
  ts_tree_delete(tree);
  ts_parser_delete(parser);
  ts_query_delete(q);
  free(src);
  free(text);
}

/* Section - Identifiers without the query */

// Collects the files under @dir whose language is @lang.
static void files_of(const char *dir, pf__lang lang, pf__strvec *out)
{
  pf__filevec files;
  pf_vec_init(&files);
  pf__strvec warnings;
  pf_vec_init(&warnings);
  uint64_t skipped[PF_SKIP_COUNT] = {0};
  pf__walk_path(dir, &files, &warnings, skipped);
  for (uint32_t i = 0; i < files.len; i++) {
    if (files.items[i].lang == lang)
      pf_vec_push(out, pf_xstrdup(files.items[i].path));
    pf__file_clear(&files.items[i]);
  }
  pf_vec_clear(&files);
  for (uint32_t i = 0; i < warnings.len; i++)
    free(warnings.items[i]);
  pf_vec_clear(&warnings);
}

TEST(pyparts_identifier_symbols)
{
  // Every identifiers.scm is a list of node types, read as symbols; on the
  // sources of the labelled corpus the nodes of those symbols are, in
  // pre-order, what the query captures.
  static const struct {
    pf__lang lang;
    const char *dir;
  } langs[] = {{PF__LANG_PYTHON, "python"},
               {PF__LANG_JAVASCRIPT, "javascript"},
               {PF__LANG_TYPESCRIPT, "typescript"},
               {PF__LANG_TSX, "typescript"},
               {PF__LANG_GO, "go"},
               {PF__LANG_RUBY, "ruby"},
               {PF__LANG_JAVA, "java"},
               {PF__LANG_PHP, "php"},
               {PF__LANG_CSHARP, "csharp"}};
  pf__scan scan;
  memset(&scan, 0, sizeof(scan));
  scan.include_low = true;
  scan.full_models = true;
  pf_error err;
  pf_error_clear(&err);
  ASSERT_OK(pf__queries_compile(&scan, &err), err);
  TSParser *parser = ts_parser_new();
  unsigned compared = 0;
  for (size_t li = 0; li < sizeof(langs) / sizeof(langs[0]); li++) {
    pf__lang lang = langs[li].lang;
    ASSERT(scan.nident_syms[lang] > 0);
    ASSERT(scan.queries[lang][PF__Q_IDENTS] == NULL);
    char qpath[512];
    snprintf(qpath, sizeof(qpath), "%s/grammars/queries/%s/identifiers.scm",
             PF_SOURCE_DIR, langs[li].dir);
    size_t qlen;
    char *qtext = read_text(qpath, &qlen);
    uint32_t off;
    TSQueryError qe;
    TSQuery *q =
        ts_query_new(pf__ts_language(lang), qtext, (uint32_t)qlen, &off, &qe);
    ASSERT(q != NULL);
    ts_parser_set_language(parser, pf__ts_language(lang));
    pf__strvec paths;
    pf_vec_init(&paths);
    files_of(PF_SOURCE_DIR "/testdata/refcorpus", lang, &paths);
    for (uint32_t f = 0; f < paths.len; f++) {
      size_t slen;
      char *src = read_text(paths.items[f], &slen);
      TSTree *tree = ts_parser_parse_string(parser, NULL, src, (uint32_t)slen);
      TSQueryCursor *cur = ts_query_cursor_new();
      ts_query_cursor_exec(cur, q, ts_tree_root_node(tree));
      TSTreeCursor walk = ts_tree_cursor_new(ts_tree_root_node(tree));
      bool more = true;
      TSQueryMatch m;
      while (ts_query_cursor_next_match(cur, &m)) {
        bool hit = false;
        while (more && !hit) {
          TSNode node = ts_tree_cursor_current_node(&walk);
          for (uint8_t i = 0; i < scan.nident_syms[lang] && !hit; i++)
            hit = ts_node_symbol(node) == scan.ident_syms[lang][i];
          if (hit)
            ASSERT(ts_node_eq(node, m.captures[0].node));
          if (ts_tree_cursor_goto_first_child(&walk))
            continue;
          while (more && !ts_tree_cursor_goto_next_sibling(&walk))
            more = ts_tree_cursor_goto_parent(&walk);
        }
        ASSERT(hit);
        compared++;
      }
      // No node of those symbols after the last capture.
      while (more) {
        TSNode node = ts_tree_cursor_current_node(&walk);
        for (uint8_t i = 0; i < scan.nident_syms[lang]; i++)
          ASSERT(ts_node_symbol(node) != scan.ident_syms[lang][i]);
        if (ts_tree_cursor_goto_first_child(&walk))
          continue;
        while (more && !ts_tree_cursor_goto_next_sibling(&walk))
          more = ts_tree_cursor_goto_parent(&walk);
      }
      ts_tree_cursor_delete(&walk);
      ts_query_cursor_delete(cur);
      ts_tree_delete(tree);
      free(src);
      free(paths.items[f]);
    }
    pf_vec_clear(&paths);
    ts_query_delete(q);
    free(qtext);
  }
  ASSERT(compared > 1000);
  ts_parser_delete(parser);
  pf__queries_free(&scan);
}

/* Section - Whole words */

// Scans a directory of the files @names / @texts for orders.notes (AUTO,
// low references too); returns "line:col:kind" of each reference of
// @file, joined with " ". Caller frees.
static char *refs_in(const char *const *names, const char *const *texts,
                     size_t n, const char *file)
{
  char *dir = make_tmpdir();
  for (size_t i = 0; i < n; i++)
    write_file(dir, names[i], texts[i]);
  pf_scan_result r;
  scan_dir(dir, "orders", "notes", PF_SCAN_PARTS_AUTO, &r);
  pf_buf out = PF_BUF_INIT;
  for (uint32_t i = 0; i < r.refs.len; i++) {
    const pf_code_ref *x = &r.refs.items[i];
    const char *base = strrchr(x->path, '/');
    if (strcmp(base ? base + 1 : x->path, file) != 0 ||
        x->confidence == PF_CONF_LOW)
      continue;
    pf_buf_printf(&out, "%s%u:%u:%s", out.len ? " " : "", x->line, x->col,
                  pf_ref_kind_name(x->kind));
  }
  pf__scan_result_clear(&r);
  for (size_t i = 0; i < n; i++)
    remove_tree(dir, names[i]);
  free(dir);
  char *s = pf_buf_detach(&out);
  return s ? s : pf_xstrdup("");
}

TEST(pyparts_whole_words)
{
  // Around candidates only whole words count, with the word ends of string
  // values and Django lookups: "\n" before the name, "__" after it.
  const char *names[] = {"models.py", "q.py"};
  const char *texts[] = {"class Order(models.Model):\n"
                         "    notes = models.TextField()\n"
                         "    class Meta:\n"
                         "        db_table = 'orders'\n",
                         "def f(cur):\n"
                         "    cur.execute(\"SELECT id,\\nnotes FROM orders\")\n"
                         "    Order.objects.filter(notes__isnull=True)\n"
                         "    return [x.notes_count for x in cur], 'notesy'\n"};
  char *got = refs_in(names, texts, 2, "q.py");
  ASSERT_STR_EQ(got, "2:30:sql-string 3:26:query-builder");
  free(got);
  // A model field that maps the column under a longer name ("notes_text")
  // is used under that name: the files are scanned again in full.
  const char *names2[] = {"models.py", "use.py"};
  const char *texts2[] = {"class Order(Base):\n"
                          "    __tablename__ = 'orders'\n"
                          "    notes_text = Column('notes', Integer)\n",
                          "def f(session):\n"
                          "    return session.query(Order).filter(\n"
                          "        Order.notes_text == 1)\n"};
  got = refs_in(names2, texts2, 2, "use.py");
  ASSERT_STR_EQ(got, "3:15:attribute");
  free(got);
  got = refs_in(names2, texts2, 2, "models.py");
  ASSERT_STR_EQ(got, "3:25:orm");
  free(got);
}
