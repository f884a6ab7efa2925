/* Unit tests of the schema replayed from migrations. */
/* SPDX-License-Identifier: MIT */
#include "test.h"

#include "check/check.h"
#include "core/source.h"

// Replays @sql into @s as an earlier migration.
static void replay(pf_schema *s, const char *sql)
{
  pf_source *src = pf_source_from_mem("t.sql", sql, strlen(sql));
  pf_migration *m = pf__migration_parse(src);
  ASSERT_EQ(m->diags.len, 0);
  for (uint32_t i = 0; i < m->changes.len; i++)
    pf__replay_change(s, &m->changes.items[i], false);
  pf__migration_free(m);
  pf_source_free(src);
}

TEST(schema_tables_and_columns)
{
  pf_schema *s = pf__schema_new();
  replay(s, "CREATE TABLE public.orders (id bigint PRIMARY KEY, notes text, "
            "customer_id int NOT NULL);");
  pf_schema_table *t = pf__schema_table(s, NULL, "orders");
  ASSERT(t != NULL);
  ASSERT(!t->created_in_run);
  ASSERT(pf__schema_column(t, "id")->not_null);
  ASSERT(!pf__schema_column(t, "notes")->not_null);
  ASSERT_STR_EQ(pf__schema_column(t, "customer_id")->type, "int");

  replay(s, "ALTER TABLE orders RENAME COLUMN customer_id TO client_id; "
            "ALTER TABLE orders ALTER COLUMN notes SET NOT NULL; ALTER TABLE "
            "orders DROP COLUMN id; ALTER TABLE orders ADD COLUMN region "
            "text; ALTER TABLE orders ALTER COLUMN region TYPE varchar(3);");
  t = pf__schema_table(s, "public", "orders");
  ASSERT_NULL(pf__schema_column(t, "customer_id"));
  ASSERT(pf__schema_column(t, "client_id") != NULL);
  ASSERT(pf__schema_column(t, "notes")->not_null);
  ASSERT_NULL(pf__schema_column(t, "id"));
  ASSERT_STR_EQ(pf__schema_column(t, "region")->type, "varchar(3)");

  replay(s, "ALTER TABLE orders RENAME TO purchases; DROP TABLE other;");
  ASSERT_NULL(pf__schema_table(s, NULL, "orders"));
  ASSERT(pf__schema_table_gone(s, NULL, "orders"));
  ASSERT(pf__schema_table_gone(s, NULL, "other"));
  ASSERT(!pf__schema_table_gone(s, NULL, "never_seen"));
  ASSERT(pf__schema_table(s, NULL, "purchases") != NULL);
  pf__schema_free(s);
}

TEST(schema_not_null_check_needs_validation)
{
  pf_schema *s = pf__schema_new();
  replay(s, "CREATE TABLE t (a text, b text);"
            "ALTER TABLE t ADD CONSTRAINT a_nn CHECK (a IS NOT NULL) NOT "
            "VALID;"
            "ALTER TABLE t ADD CONSTRAINT b_nn CHECK (b IS NOT NULL);");
  pf_schema_table *t = pf__schema_table(s, NULL, "t");
  ASSERT(!pf__schema_not_null_proven(t, "a"));
  ASSERT(pf__schema_not_null_proven(t, "b"));
  replay(s, "ALTER TABLE t VALIDATE CONSTRAINT a_nn;");
  ASSERT(pf__schema_not_null_proven(t, "a"));
  pf__schema_free(s);
}

TEST(schema_indexes)
{
  pf_schema *s = pf__schema_new();
  replay(s, "CREATE INDEX i1 ON t (a); CREATE INDEX i2 ON t (b); DROP INDEX "
            "i1;");
  ASSERT(!pf__schema_index_known(s, "i1"));
  ASSERT(pf__schema_index_gone(s, "i1"));
  ASSERT(pf__schema_index_known(s, "i2"));
  ASSERT(!pf__schema_index_gone(s, "i3"));
  pf__schema_free(s);
}

TEST(schema_check_constraints)
{
  pf_schema *s = pf__schema_new();
  replay(s, "CREATE TABLE t (a int CHECK (a > 0), b int, c int, "
            "CONSTRAINT bc CHECK (b < c)) PARTITION BY RANGE (a);"
            "ALTER TABLE t ADD CONSTRAINT b_pos CHECK (b > 0) NOT VALID;");
  pf_schema_table *t = pf__schema_table(s, NULL, "t");
  ASSERT(t->partitioned);
  ASSERT(!t->columns_open);
  // PostgreSQL's own name for an unnamed one-column CHECK.
  ASSERT_STR_EQ(pf__schema_check_on(t, "a")->name, "t_a_check");
  ASSERT_STR_EQ(pf__schema_check_on(t, "a")->expr, "a > 0");
  ASSERT_STR_EQ(pf__schema_check_on(t, "c")->name, "bc");
  replay(s, "ALTER TABLE t DROP CONSTRAINT bc; ALTER TABLE t RENAME COLUMN a "
            "TO z;");
  ASSERT_NULL(pf__schema_check_on(t, "c"));
  ASSERT_STR_EQ(pf__schema_check_on(t, "b")->name, "b_pos");
  ASSERT_NULL(pf__schema_check_on(t, "a"));
  ASSERT_STR_EQ(pf__schema_check_on(t, "z")->name, "t_a_check");
  replay(s, "ALTER TABLE t DROP COLUMN z;");
  ASSERT_NULL(pf__schema_check_on(t, "z"));
  pf__schema_free(s);
}

TEST(schema_columns_from_elsewhere)
{
  // A partition has its parent's columns; LIKE, INHERITS and AS bring
  // columns the schema does not list.
  pf_schema *s = pf__schema_new();
  replay(s, "CREATE TABLE p (a int NOT NULL, b text) PARTITION BY RANGE (a);"
            "CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (9);"
            "CREATE TABLE l (LIKE p, c int); CREATE TABLE i (x int) "
            "INHERITS (p); CREATE TABLE q AS SELECT 1 AS y;"
            "CREATE TABLE orphan PARTITION OF unknown FOR VALUES IN (1);");
  pf_schema_table *t = pf__schema_table(s, NULL, "p1");
  ASSERT(!t->columns_open);
  ASSERT(pf__schema_column(t, "a")->not_null);
  ASSERT(pf__schema_column(t, "b") != NULL);
  ASSERT(pf__schema_table(s, NULL, "l")->columns_open);
  ASSERT(pf__schema_table(s, NULL, "i")->columns_open);
  ASSERT(pf__schema_table(s, NULL, "q")->columns_open);
  ASSERT(pf__schema_table(s, NULL, "orphan")->columns_open);
  pf__schema_free(s);
}

TEST(schema_index_columns)
{
  pf_schema *s = pf__schema_new();
  replay(s, "CREATE TABLE a (x int, y text); CREATE UNIQUE INDEX a_xy ON a "
            "(x, y); CREATE INDEX a_low ON a (lower(y));");
  const pf_schema_index *i = pf__schema_index(s, "a_xy");
  ASSERT(i != NULL);
  ASSERT_STR_EQ(i->table, "a");
  ASSERT_EQ(i->ncols, 2);
  ASSERT_STR_EQ(i->cols[1], "y");
  ASSERT(!i->exprs);
  ASSERT(pf__schema_index(s, "a_low")->exprs);
  replay(s, "DROP INDEX a_xy;");
  ASSERT_NULL(pf__schema_index(s, "a_xy"));
  ASSERT(pf__schema_index_gone(s, "a_xy"));
  pf__schema_free(s);
}
