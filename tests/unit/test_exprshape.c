/* Unit tests of the shape of CHECK and USING expressions (exprshape.c):
 * what they are made of decides whether the live checks may evaluate them. */
/* SPDX-License-Identifier: MIT */
#include "test.h"

#include "core/source.h"
#include "migration/model.h"

static pf_source *src;
static pf_migration *m;

static const pf_expr_shape *shape_of(const char *sql)
{
  pf__migration_free(m);
  pf_source_free(src);
  src = pf_source_from_mem("t.sql", sql, strlen(sql));
  m = pf__migration_parse(src);
  ASSERT_EQ(m->diags.len, 0);
  ASSERT_EQ(m->changes.len, 1);
  ASSERT(m->changes.items[0].shape != NULL);
  return m->changes.items[0].shape;
}

static void done(void)
{
  pf__migration_free(m);
  pf_source_free(src);
  m = NULL;
  src = NULL;
}

static bool has(const char *const *list, uint32_t n, const char *name)
{
  for (uint32_t i = 0; i < n; i++) {
    if (!strcmp(list[i], name))
      return true;
  }
  return false;
}

TEST(exprshape_collects_names)
{
  const pf_expr_shape *s = shape_of(
      "ALTER TABLE t ADD CONSTRAINT c CHECK (char_length(lower(code)) "
      "BETWEEN 1 AND 3 AND qty::numeric(10,2) > 0 AND flag IN ('a', 'b') "
      "AND name LIKE 'x%' AND pg_catalog.abs(n) <> 1 AND v IS NOT NULL)");
  ASSERT_NULL(s->unsafe);
  ASSERT(has(s->funcs, s->nfuncs, "char_length"));
  ASSERT(has(s->funcs, s->nfuncs, "lower"));
  ASSERT(has(s->funcs, s->nfuncs, "pg_catalog.abs"));
  ASSERT(has(s->ops, s->nops, ">="));
  ASSERT(has(s->ops, s->nops, "<="));
  ASSERT(has(s->ops, s->nops, ">"));
  ASSERT(has(s->ops, s->nops, "="));
  ASSERT(has(s->ops, s->nops, "~~"));
  ASSERT(has(s->ops, s->nops, "<>"));
  ASSERT(has(s->types, s->ntypes, "numeric(10, 2)"));
  ASSERT(has(s->cols, s->ncols, "code"));
  ASSERT(has(s->cols, s->ncols, "qty"));
  ASSERT(has(s->cols, s->ncols, "flag"));
  ASSERT(has(s->cols, s->ncols, "v"));
  ASSERT_NULL(s->cast_of);
  done();
}

TEST(exprshape_refuses_forms)
{
  static const struct {
    const char *sql;
    const char *why;
  } cases[] = {
      {"CHECK (n > (SELECT 1))", "subquery"},
      {"CHECK (n IN (SELECT 1))", "subquery"},
      {"CHECK (EXISTS (SELECT 1))", "subquery"},
      {"CHECK (current_date > '2000-01-01')", "current time"},
      {"CHECK (count(*) > 0)", "aggregate"},
      {"CHECK (t.n > 0)", "qualified"},
      {"CHECK (a.b.c.f(n))", "more than two parts"},
      {"CHECK (ROW(n, n) IS NOT NULL)", "not understood"},
  };
  for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
    char sql[256];
    snprintf(sql, sizeof(sql), "ALTER TABLE t ADD CONSTRAINT c %s;",
             cases[i].sql);
    const pf_expr_shape *s = shape_of(sql);
    if (!s->unsafe || !strstr(s->unsafe, cases[i].why))
      PF_TEST_FAIL("%s: unsafe = %s, expected \"%s\"", cases[i].sql,
                   s->unsafe ? s->unsafe : "NULL", cases[i].why);
  }
  done();
}

TEST(exprshape_using_cast_of_column)
{
  const pf_expr_shape *s =
      shape_of("ALTER TABLE t ALTER COLUMN c TYPE integer USING c::integer;");
  ASSERT_NULL(s->unsafe);
  ASSERT_STR_EQ(s->cast_of, "c");
  s = shape_of("ALTER TABLE t ALTER COLUMN c TYPE integer USING "
               "length(c)::integer;");
  ASSERT_NULL(s->cast_of);
  ASSERT(has(s->funcs, s->nfuncs, "length"));
  // A string that tries to end the statement stays one constant.
  s = shape_of("ALTER TABLE t ADD CONSTRAINT k CHECK (c <> 'x''); DROP "
               "TABLE t; --');");
  ASSERT_NULL(s->unsafe);
  ASSERT_EQ(s->ncols, 1);
  ASSERT_EQ(s->nfuncs, 0);
  ASSERT_STR_EQ(m->changes.items[0].expr, "c <> 'x''); DROP TABLE t; --'");
  done();
}
