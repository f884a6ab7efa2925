/* Unit tests of pf__codescan_sql_uses: whether one SQL text (a recorded
 * query, a function body) reads or writes a column of a table. */
/* SPDX-License-Identifier: MIT */
#include "test.h"

#include "codescan/codescan.h"

static const pf_scan_target orders_customer = {.table = "orders",
                                               .column = "customer_id"};
static const pf_scan_target orders_table = {.table = "orders", .column = NULL};

TEST(stmtref_resolves_aliases_and_statements)
{
  ASSERT_EQ(pf__codescan_sql_uses("SELECT x.customer_id FROM orders x",
                                  &orders_customer, false),
            PF_SQL_USE_PARSED);
  ASSERT_EQ(pf__codescan_sql_uses("UPDATE orders SET customer_id = $1 "
                                  "WHERE id = $2",
                                  &orders_customer, false),
            PF_SQL_USE_PARSED);
  ASSERT_EQ(pf__codescan_sql_uses("DELETE FROM orders WHERE customer_id = $1",
                                  &orders_customer, false),
            PF_SQL_USE_PARSED);
  ASSERT_EQ(pf__codescan_sql_uses("SELECT o.id FROM orders o JOIN customers c "
                                  "ON c.id = o.customer_id",
                                  &orders_customer, false),
            PF_SQL_USE_PARSED);
}

TEST(stmtref_other_tables_are_not_uses)
{
  // The same column name, of another table; the name only in a string.
  ASSERT_EQ(pf__codescan_sql_uses("SELECT customer_id FROM invoices",
                                  &orders_customer, false),
            PF_SQL_USE_NONE);
  ASSERT_EQ(pf__codescan_sql_uses("SELECT o.id FROM orders o JOIN invoices i "
                                  "ON i.customer_id = o.id",
                                  &orders_customer, false),
            PF_SQL_USE_NONE);
  ASSERT_EQ(pf__codescan_sql_uses("SELECT id FROM orders WHERE note = "
                                  "'customer_id'",
                                  &orders_customer, false),
            PF_SQL_USE_NONE);
  ASSERT_EQ(pf__codescan_sql_uses("SELECT 1 FROM orders_archive", &orders_table,
                                  false),
            PF_SQL_USE_NONE);
  ASSERT_EQ(pf__codescan_sql_uses("SELECT 1 FROM orders", &orders_table, false),
            PF_SQL_USE_PARSED);
  ASSERT_EQ(pf__codescan_sql_uses(NULL, &orders_table, false), PF_SQL_USE_NONE);
  ASSERT_EQ(pf__codescan_sql_uses("", &orders_table, false), PF_SQL_USE_NONE);
}

TEST(stmtref_plpgsql_bodies_by_tokens)
{
  const char *body = "\nBEGIN\n  RETURN (SELECT notes FROM orders WHERE "
                     "customer_id = c LIMIT 1);\nEND ";
  ASSERT_EQ(pf__codescan_sql_uses(body, &orders_customer, true),
            PF_SQL_USE_TOKENS);
  const char *other = "\nBEGIN\n  PERFORM customer_id FROM invoices;\nEND ";
  ASSERT_EQ(pf__codescan_sql_uses(other, &orders_customer, true),
            PF_SQL_USE_NONE);
}
