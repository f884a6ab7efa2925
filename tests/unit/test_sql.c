/* The SQL layer: shortcuts must print what the deparser prints. */
/* SPDX-License-Identifier: MIT */
#include "test.h"

#include "sql/sql.h"

#include <dirent.h>
#include <sys/stat.h>

// Every type spelling here is parsed as a column type; where the fast
// formatter answers, its text must equal the deparser's, and the common
// spellings must be answered by it (or the shortcut saves nothing).
TEST(sql_format_type_matches_deparser)
{
  static const struct {
    const char *spelling;
    bool fast; // the formatter is expected to answer
  } cases[] = {
      {"int", true},
      {"integer", true},
      {"smallint", true},
      {"bigint", true},
      {"int2", true},
      {"int4", true},
      {"int8", true},
      {"boolean", true},
      {"bool", true},
      {"real", true},
      {"float4", true},
      {"float8", true},
      {"double precision", true},
      {"float", true},
      {"float(3)", true},
      {"numeric", true},
      {"numeric(10)", true},
      {"numeric(10,2)", true},
      {"decimal(5, 1)", true},
      {"varchar", true},
      {"varchar(20)", true},
      {"character varying(20)", true},
      {"char", true},
      {"char(3)", true},
      {"character(3)", true},
      {"text", true},
      {"uuid", true},
      {"jsonb", true},
      {"json", true},
      {"bytea", true},
      {"date", true},
      {"time", true},
      {"time(3)", true},
      {"timestamp", true},
      {"timestamp(3)", true},
      {"timestamptz", true},
      {"timestamptz(3)", true},
      {"serial", true},
      {"bigserial", true},
      {"inet", true},
      {"int[]", true},
      {"int[3]", true},
      {"text[][]", true},
      {"integer array", true},
      {"varchar(10)[]", true},
      {"pg_catalog.int4", true},
      // The deparser's: quoting, time zones, intervals, other schemas.
      {"time with time zone", false},
      {"timestamp with time zone", false},
      {"timestamp(3) with time zone", false},
      {"interval", false},
      {"interval day", false},
      {"interval(2)", false},
      {"bit", false},
      {"bit varying(4)", false},
      {"bpchar", false},
      {"pg_catalog.text", false},
      {"public.mytype", false},
      {"\"MyType\"", false},
      {"mytype(3)", false},
      {"\"user\"", false},
      {"setof int", false},
  };
  for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
    char sql[256];
    snprintf(sql, sizeof(sql), "CREATE TABLE t (c %s);", cases[i].spelling);
    if (strncmp(cases[i].spelling, "setof", 5) == 0)
      snprintf(sql, sizeof(sql),
               "CREATE FUNCTION f() RETURNS %s LANGUAGE sql AS 'select 1';",
               cases[i].spelling);
    pf_sql_parse r;
    pf__sql_parse(sql, strlen(sql), &r);
    if (!r.tree || r.tree->n_stmts != 1)
      PF_TEST_FAIL("%s: %s", sql, r.error_msg ? r.error_msg : "no tree");
    const PgQuery__Node *stmt = r.tree->stmts[0]->stmt;
    PgQuery__TypeName *type = NULL;
    if (stmt->node_case == PG_QUERY__NODE__NODE_CREATE_STMT) {
      const PgQuery__Node *elt = stmt->create_stmt->table_elts[0];
      ASSERT(elt->node_case == PG_QUERY__NODE__NODE_COLUMN_DEF);
      type = elt->column_def->type_name;
    } else {
      ASSERT(stmt->node_case == PG_QUERY__NODE__NODE_CREATE_FUNCTION_STMT);
      type = stmt->create_function_stmt->return_type;
    }
    char *fast = pf__sql_format_type(type);
    char *slow = pf__sql_deparse_type_slow(type);
    if (!slow)
      PF_TEST_FAIL("%s: the deparser printed nothing", cases[i].spelling);
    if (cases[i].fast && !fast)
      PF_TEST_FAIL("%s: expected the fast formatter to answer (deparser: %s)",
                   cases[i].spelling, slow);
    if (!cases[i].fast && fast)
      PF_TEST_FAIL("%s: the fast formatter answered \"%s\", deparser \"%s\"",
                   cases[i].spelling, fast, slow);
    if (fast && strcmp(fast, slow) != 0)
      PF_TEST_FAIL("%s: fast \"%s\" != deparser \"%s\"", cases[i].spelling,
                   fast, slow);
    free(fast);
    free(slow);
    pf__sql_parse_clear(&r);
  }
}

// The tree built from libpg_query's JSON must be the protobuf path's tree:
// both packed with protobuf-c give the same bytes. Returns 1 when compared,
// 0 when the JSON path declined @sql (it then takes the protobuf path),
// -1 when @sql does not parse.
static int compare_json_tree(const char *sql)
{
  PgQueryProtobufParseResult pb = pg_query_parse_protobuf(sql);
  if (pb.error) {
    pg_query_free_protobuf_parse_result(pb);
    return -1;
  }
  PgQueryParseResult js = pg_query_parse(sql);
  ASSERT(!js.error);
  pf_arena *arena = pf_arena_new();
  PgQuery__ParseResult *tree = pf__sql_tree_from_json(
      js.parse_tree, strlen(js.parse_tree), sql, strlen(sql), arena);
  int compared = 0;
  if (tree) {
    size_t n = pg_query__parse_result__get_packed_size(tree);
    uint8_t *bytes = malloc(n ? n : 1);
    ASSERT(bytes);
    pg_query__parse_result__pack(tree, bytes);
    if (n != pb.parse_tree.len || memcmp(bytes, pb.parse_tree.data, n) != 0)
      PF_TEST_FAIL("the tree from JSON differs from protobuf's for: %s\n"
                   "JSON: %s",
                   sql, js.parse_tree);
    free(bytes);
    compared = 1;
  }
  // Whatever path it takes, pf__sql_parse_shallow gives that tree.
  pf_sql_parse r;
  pf__sql_parse_shallow(sql, strlen(sql), &r);
  ASSERT(r.tree);
  size_t n = pg_query__parse_result__get_packed_size(r.tree);
  uint8_t *bytes = malloc(n ? n : 1);
  ASSERT(bytes);
  pg_query__parse_result__pack(r.tree, bytes);
  if (n != pb.parse_tree.len || memcmp(bytes, pb.parse_tree.data, n) != 0)
    PF_TEST_FAIL("pf__sql_parse_shallow's tree differs for: %s", sql);
  free(bytes);
  pf__sql_parse_clear(&r);
  pf_arena_free(arena);
  pg_query_free_parse_result(js);
  pg_query_free_protobuf_parse_result(pb);
  return compared;
}

TEST(sql_json_names_unique)
{
  ASSERT_EQ(pf__sql_json_collisions(), 0);
}

// Where the JSON form loses or changes information, the statement is either
// read back exactly (constants at their location) or declined.
TEST(sql_json_tree_edge_cases)
{
  static const struct {
    const char *sql;
    int expect; // 1 compared, 0 declined
  } cases[] = {
      {"SELECT 1, 'a', 1.5, true, false, NULL, B'101', X'1F'", 1},
      {"SELECT 0", 1},           // an Integer of 0, read back
      {"SELECT -1", 1},          // negative: the sign's location
      {"SELECT - 17 FROM t", 1}, // blanks after the sign
      {"SELECT -0, 000", 1},     // zeros
      {"SELECT -2147483648", 1}, // a Float, not an Integer
      {"SELECT 2147483648", 1},  // a Float too
      {"SELECT -2147483647", 1}, // the smallest negative Integer
      {"INSERT INTO t VALUES (-1, 0, 5)", 1},
      {"CREATE TABLE t (a int DEFAULT -1 CHECK (a > -5))", 1},
      {"SELECT 'a\"b\\c\n\t<>é', E'\\x01', U&'\\0041'", 1},
      {"SELECT \"weird \"\"ident\"\"\" FROM \"Ta<b>le\"", 1},
      {"CREATE FOREIGN TABLE f (a int) SERVER s", 1}, // the "base" alias
      {"SELECT a[1:2], b[-1] FROM t", 1},
      {"CREATE TABLE t (a int[], b text ARRAY, c int[3][])", 0},
      {"CREATE AGGREGATE agg(*) (sfunc = f, stype = int)", 0},
      {"ALTER TABLE t ALTER c SET STATISTICS -1", 0},
      {"CREATE SEQUENCE s INCREMENT BY -1 MINVALUE -10", 0},
      {"FETCH FORWARD 0 FROM c", 1},
      {"SELECT * FROM t LIMIT 0 OFFSET 0", 1},
      {"SELECT * FROM t FETCH FIRST ROW ONLY", 1},
      {"ALTER TABLE t ADD CONSTRAINT c FOREIGN KEY (a) REFERENCES p (id) "
       "ON DELETE SET NULL ON UPDATE CASCADE NOT VALID",
       1},
      {"CREATE INDEX CONCURRENTLY i ON t USING btree (lower(a) DESC NULLS "
       "LAST) INCLUDE (b) WHERE c IS NOT NULL",
       1},
      {"WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) "
       "CYCLE n SET is_cycle USING path SELECT * FROM r",
       1},
      {"", 1},
  };
  for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
    int got = compare_json_tree(cases[i].sql);
    if (got != cases[i].expect)
      PF_TEST_FAIL("%s: %s (expected %s)", cases[i].sql,
                   got < 0   ? "does not parse"
                   : got > 0 ? "compared"
                             : "declined",
                   cases[i].expect ? "compared" : "declined");
  }
}

typedef struct corpus_count {
  uint32_t files, stmts, compared, declined;
} corpus_count;

static corpus_count counts;

static void each_stmt(uint32_t start, uint32_t len, void *ud)
{
  const char *text = ud;
  char *sql = pf_xstrndup(text + start, len);
  if (!pf__sql_nests_too_deep(sql, len)) {
    int got = compare_json_tree(sql);
    if (got >= 0) {
      counts.stmts++;
      counts.compared += got == 1;
      counts.declined += got == 0;
    }
  }
  free(sql);
}

static void corpus_file(const char *path)
{
  FILE *f = fopen(path, "rb");
  ASSERT(f);
  pf_buf b;
  pf_buf_init(&b);
  char chunk[4096];
  size_t got;
  while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0)
    pf_buf_append(&b, chunk, got);
  fclose(f);
  // The parser reads a C string: a file with a NUL byte is not SQL text.
  if (b.data && !memchr(b.data, '\0', b.len)) {
    counts.files++;
    // Each statement the scanner splits off, as a migration that does not
    // parse whole is read, and the whole file, as one that does.
    pf__sql_split(b.data, each_stmt, b.data, NULL, NULL, 0);
    if (!pf__sql_nests_too_deep(b.data, b.len)) {
      int whole = compare_json_tree(b.data);
      if (whole >= 0) {
        counts.stmts++;
        counts.compared += whole == 1;
        counts.declined += whole == 0;
      }
    }
  }
  pf_buf_clear(&b);
}

// Every *.sql file under @dir, in directory order (symbolic links are not
// followed).
static void corpus_dir(const char *dir)
{
  DIR *d = opendir(dir);
  ASSERT(d);
  struct dirent *e;
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.' || !strcmp(e->d_name, "node_modules"))
      continue;
    char path[4096];
    snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
    struct stat st;
    if (lstat(path, &st) != 0)
      continue;
    size_t n = strlen(e->d_name);
    if (S_ISDIR(st.st_mode))
      corpus_dir(path);
    else if (S_ISREG(st.st_mode) && n > 4 && !strcmp(e->d_name + n - 4, ".sql"))
      corpus_file(path);
  }
  closedir(d);
}

// Every SQL file of testdata/ (migrations, layouts, the hostile corpus, the
// scanner's .sql fixtures), statement by statement and whole. Set
// PF_SQL_CORPUS to a directory to check more (bench/RESULTS.md records a
// run over PostgreSQL's regression SQL).
TEST(sql_json_tree_matches_protobuf_over_testdata)
{
  memset(&counts, 0, sizeof(counts));
  corpus_dir(PF_SOURCE_DIR "/testdata");
  const char *more = getenv("PF_SQL_CORPUS");
  if (more && *more)
    corpus_dir(more);
  fprintf(stderr,
          "%u files, %u texts parsed: %u compared equal, %u declined "
          "(protobuf path)\n",
          counts.files, counts.stmts, counts.compared, counts.declined);
  // The corpus must exercise the path, and the path must take most of it.
  ASSERT(counts.stmts >= 1000);
  ASSERT(counts.compared * 20 >= counts.stmts * 19);
}
