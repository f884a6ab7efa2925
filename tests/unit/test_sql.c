/* The SQL layer: shortcuts must print what the deparser prints. */
/* SPDX-License-Identifier: MIT */
#include "test.h"

#include "sql/sql.h"

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
