/* Unit tests of the change model: statement kinds, locks, positions. */
/* SPDX-License-Identifier: MIT */
#include "test.h"

#include "core/source.h"
#include "migration/model.h"

static pf_source *src;
static pf_migration *m;

static const pf_change *parse_one(const char *sql, uint32_t want_changes)
{
  pf__migration_free(m);
  pf_source_free(src);
  src = pf_source_from_mem("t.sql", sql, strlen(sql));
  m = pf__migration_parse(src);
  if (m->diags.len)
    PF_TEST_FAIL("unexpected diag: %s", m->diags.items[0].msg);
  ASSERT_EQ(m->changes.len, want_changes);
  return &m->changes.items[0];
}

static void done(void)
{
  pf__migration_free(m);
  pf_source_free(src);
  m = NULL;
  src = NULL;
}

TEST(migration_rename_column)
{
  const pf_change *c =
      parse_one("ALTER TABLE app.orders RENAME COLUMN customer_id TO "
                "client_id;",
                1);
  ASSERT_EQ(c->kind, PF_CHANGE_RENAME_COLUMN);
  ASSERT_STR_EQ(c->table.schema, "app");
  ASSERT_STR_EQ(c->table.name, "orders");
  ASSERT_STR_EQ(c->column, "customer_id");
  ASSERT_STR_EQ(c->new_name, "client_id");
  ASSERT_EQ(c->lock, PF_LOCK_ACCESS_EXCLUSIVE);
  ASSERT_EQ(c->effect, PF_EFFECT_NONE);
  done();
}

TEST(migration_alter_table_several_subcommands)
{
  parse_one("ALTER TABLE orders ADD COLUMN a int, DROP COLUMN b, ALTER COLUMN "
            "c SET NOT NULL, ALTER COLUMN d DROP NOT NULL, ALTER COLUMN e "
            "TYPE bigint, ALTER COLUMN f SET DEFAULT 1;",
            6);
  const pf_change_kind want[] = {
      PF_CHANGE_ADD_COLUMN,        PF_CHANGE_DROP_COLUMN,
      PF_CHANGE_SET_NOT_NULL,      PF_CHANGE_DROP_NOT_NULL,
      PF_CHANGE_ALTER_COLUMN_TYPE, PF_CHANGE_SET_DEFAULT};
  const char *cols[] = {"a", "b", "c", "d", "e", "f"};
  for (int i = 0; i < 6; i++) {
    ASSERT_EQ(m->changes.items[i].kind, want[i]);
    ASSERT_STR_EQ(m->changes.items[i].column, cols[i]);
    ASSERT_EQ(m->changes.items[i].stmt, 0);
  }
  ASSERT_EQ(m->changes.items[2].effect, PF_EFFECT_SCAN);
  ASSERT_EQ(m->changes.items[4].effect, PF_EFFECT_REWRITE);
  ASSERT_STR_EQ(m->changes.items[4].type, "bigint");
  done();
}

TEST(migration_add_column_defaults)
{
  parse_one("ALTER TABLE t ADD COLUMN a uuid DEFAULT gen_random_uuid(), ADD "
            "COLUMN b timestamptz NOT NULL DEFAULT now(), ADD COLUMN c "
            "varchar(20) NOT NULL;",
            3);
  const pf_change *a = &m->changes.items[0], *b = &m->changes.items[1],
                  *c = &m->changes.items[2];
  ASSERT(a->has_default && a->volatile_default);
  ASSERT_EQ(a->effect, PF_EFFECT_REWRITE);
  ASSERT(b->has_default && !b->volatile_default && b->not_null);
  ASSERT_EQ(b->effect, PF_EFFECT_NONE);
  ASSERT(c->not_null && !c->has_default);
  ASSERT_STR_EQ(c->type, "varchar(20)");
  done();
}

// The functions a DEFAULT calls, for pg_proc.provolatile (issue 7).
TEST(migration_add_column_default_funcs)
{
  parse_one("ALTER TABLE t ADD COLUMN a text DEFAULT "
            "lower(app.make_code(now())), ADD COLUMN b int DEFAULT 1, "
            "ADD COLUMN c timestamptz DEFAULT CURRENT_TIMESTAMP;",
            3);
  const pf_change *a = &m->changes.items[0], *b = &m->changes.items[1],
                  *c = &m->changes.items[2];
  ASSERT_EQ(a->ndefault_funcs, 3);
  ASSERT_STR_EQ(a->default_funcs[0].name, "lower");
  ASSERT(a->default_funcs[0].schema == NULL);
  ASSERT_STR_EQ(a->default_funcs[1].name, "make_code");
  ASSERT_STR_EQ(a->default_funcs[1].schema, "app");
  ASSERT_STR_EQ(a->default_funcs[2].name, "now");
  ASSERT_EQ(a->default_volatility, 0); // set only with a database
  ASSERT_EQ(b->ndefault_funcs, 0);
  ASSERT_EQ(c->ndefault_funcs, 0); // SQL value function, not a call
  done();
}

TEST(migration_constraints)
{
  parse_one("ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (customer_id) "
            "REFERENCES public.customers (id) NOT VALID;",
            1);
  const pf_change *c = &m->changes.items[0];
  ASSERT_EQ(c->kind, PF_CHANGE_ADD_CONSTRAINT);
  ASSERT_EQ(c->cons, PF_CONS_FOREIGN_KEY);
  ASSERT(c->not_valid);
  ASSERT_STR_EQ(c->constraint, "fk");
  ASSERT_STR_EQ(c->ref_table.schema, "public");
  ASSERT_STR_EQ(c->ref_table.name, "customers");
  ASSERT_EQ(c->ncolumns, 1);
  ASSERT_STR_EQ(c->columns[0], "customer_id");
  ASSERT_EQ(c->lock, PF_LOCK_SHARE_ROW_EXCLUSIVE);
  ASSERT_EQ(c->effect, PF_EFFECT_NONE);

  c = parse_one("ALTER TABLE t ADD CONSTRAINT pos CHECK (total > 0);", 1);
  ASSERT_EQ(c->cons, PF_CONS_CHECK);
  ASSERT_STR_EQ(c->expr, "total > 0");
  ASSERT_EQ(c->effect, PF_EFFECT_SCAN);

  c = parse_one("ALTER TABLE t ADD CONSTRAINT u UNIQUE (a, b);", 1);
  ASSERT_EQ(c->cons, PF_CONS_UNIQUE);
  ASSERT_EQ(c->ncolumns, 2);
  ASSERT_STR_EQ(c->columns[1], "b");

  c = parse_one("ALTER TABLE t ADD PRIMARY KEY USING INDEX t_pk;", 1);
  ASSERT_EQ(c->cons, PF_CONS_PRIMARY_KEY);
  ASSERT_STR_EQ(c->index, "t_pk");
  ASSERT_EQ(c->effect, PF_EFFECT_NONE);

  c = parse_one("ALTER TABLE t VALIDATE CONSTRAINT fk;", 1);
  ASSERT_EQ(c->kind, PF_CHANGE_VALIDATE_CONSTRAINT);
  ASSERT_EQ(c->lock, PF_LOCK_SHARE_UPDATE_EXCLUSIVE);
  done();
}

TEST(migration_indexes)
{
  const pf_change *c = parse_one(
      "CREATE UNIQUE INDEX i ON s.t USING btree (lower(email), b);", 1);
  ASSERT_EQ(c->kind, PF_CHANGE_CREATE_INDEX);
  ASSERT(c->unique && !c->concurrently);
  ASSERT_STR_EQ(c->index, "i");
  ASSERT_STR_EQ(c->table.schema, "s");
  ASSERT_EQ(c->lock, PF_LOCK_SHARE);
  ASSERT_EQ(c->ncolumns, 2);
  ASSERT_STR_EQ(c->columns[0], "lower(email)");
  ASSERT(c->concurrent_sql != NULL);
  ASSERT(strstr(c->concurrent_sql, "CONCURRENTLY") != NULL);

  c = parse_one("CREATE INDEX CONCURRENTLY i ON t (a);", 1);
  ASSERT(c->concurrently);
  ASSERT_EQ(c->lock, PF_LOCK_SHARE_UPDATE_EXCLUSIVE);
  ASSERT_NULL(c->concurrent_sql);

  c = parse_one("DROP INDEX IF EXISTS s.i;", 1);
  ASSERT_EQ(c->kind, PF_CHANGE_DROP_INDEX);
  ASSERT_STR_EQ(c->index, "i");
  ASSERT_STR_EQ(c->index_q.schema, "s");
  ASSERT(c->if_exists);
  ASSERT_EQ(c->lock, PF_LOCK_ACCESS_EXCLUSIVE);
  ASSERT_STR_EQ(c->concurrent_sql, "DROP INDEX CONCURRENTLY IF EXISTS s.i");
  done();
}

TEST(migration_tables)
{
  parse_one("CREATE TABLE a (id int); ALTER TABLE a RENAME TO b; DROP TABLE "
            "b, c CASCADE; TRUNCATE d;",
            5);
  ASSERT_EQ(m->changes.items[0].kind, PF_CHANGE_CREATE_TABLE);
  ASSERT_EQ(m->changes.items[0].lock, PF_LOCK_NONE);
  ASSERT_EQ(m->changes.items[1].kind, PF_CHANGE_RENAME_TABLE);
  ASSERT_STR_EQ(m->changes.items[1].new_name, "b");
  ASSERT_EQ(m->changes.items[2].kind, PF_CHANGE_DROP_TABLE);
  ASSERT_STR_EQ(m->changes.items[3].table.name, "c");
  ASSERT(m->changes.items[3].cascade);
  ASSERT_EQ(m->changes.items[4].kind, PF_CHANGE_TRUNCATE);
  ASSERT_EQ(m->stmts.len, 4);
  done();
}

TEST(migration_dml_without_where)
{
  parse_one("UPDATE t SET a = 1; DELETE FROM t WHERE id = 1;", 2);
  ASSERT_EQ(m->changes.items[0].kind, PF_CHANGE_UPDATE);
  ASSERT(m->changes.items[0].where_all);
  ASSERT_EQ(m->changes.items[1].kind, PF_CHANGE_DELETE);
  ASSERT(!m->changes.items[1].where_all);
  done();
}

TEST(migration_positions)
{
  const char *sql = "-- header\n\n  /* c */ ALTER TABLE t\n  DROP COLUMN a;\n"
                    "\tCREATE INDEX i ON t (b);";
  parse_one(sql, 2);
  pf_loc l0 = pf_source_locate(src, m->stmts.items[0].span.start);
  ASSERT_EQ(l0.line, 3);
  ASSERT_EQ(l0.col, 11);
  pf_loc l1 = pf_source_locate(src, m->stmts.items[1].span.start);
  ASSERT_EQ(l1.line, 5);
  ASSERT_EQ(l1.col, 2);
  // The span ends before the semicolon.
  ASSERT_EQ(src->data[m->stmts.items[0].span.end - 1], 'a');
  done();
}

TEST(migration_transaction_context)
{
  parse_one("CREATE INDEX a ON t (x); BEGIN; CREATE INDEX b ON t (x); COMMIT; "
            "CREATE INDEX c ON t (x);",
            3);
  ASSERT(!m->stmts.items[0].in_txn);
  ASSERT(m->stmts.items[2].in_txn);
  ASSERT(!m->stmts.items[4].in_txn);
  done();
}

TEST(migration_syntax_error_positions)
{
  const char *sql = "ALTER TABLE t DROP COLUMN a;\nALTER TABLE t ADD COLUMN ;\n"
                    "CREATE INDEX i ON t (b);";
  src = pf_source_from_mem("t.sql", sql, strlen(sql));
  m = pf__migration_parse(src);
  ASSERT_EQ(m->diags.len, 1);
  pf_loc l = pf_source_locate(src, m->diags.items[0].span.start);
  ASSERT_EQ(l.line, 2);
  ASSERT_EQ(l.col, 26); // at the ";" the parser rejected
  // The statements around it are still analysed.
  ASSERT_EQ(m->changes.len, 2);
  ASSERT_EQ(m->changes.items[0].kind, PF_CHANGE_DROP_COLUMN);
  ASSERT_EQ(m->changes.items[1].kind, PF_CHANGE_CREATE_INDEX);
  done();
}

TEST(migration_hostile_input)
{
  // Unterminated string, NUL byte, invalid UTF-8, deep nesting: a diag or a
  // model, never a crash.
  const char *cases[] = {"SELECT 'abc", "/* never closed", "\xff\xfe",
                         "SELECT ((((((((((((((((((((1))))))))))))))))))));"};
  for (int i = 0; i < 4; i++) {
    src = pf_source_from_mem("t.sql", cases[i], strlen(cases[i]));
    m = pf__migration_parse(src);
    // "\xff\xfe" is both invalid UTF-8 and a syntax error: two diags.
    ASSERT(i == 3 ? m->diags.len == 0 : m->diags.len >= 1);
    done();
  }
  char nul[] = "DROP TABLE a;\0DROP TABLE b;";
  src = pf_source_from_mem("t.sql", nul, sizeof(nul) - 1);
  m = pf__migration_parse(src);
  ASSERT_EQ(m->diags.len, 1);
  ASSERT(strstr(m->diags.items[0].msg, "NUL") != NULL);
  done();
  // 5000 nested parentheses: the parser's own depth limit must answer.
  pf_buf b = PF_BUF_INIT;
  pf_buf_puts(&b, "SELECT ");
  for (int i = 0; i < 5000; i++)
    pf_buf_putc(&b, '(');
  pf_buf_putc(&b, '1');
  for (int i = 0; i < 5000; i++)
    pf_buf_putc(&b, ')');
  src = pf_source_from_mem("t.sql", b.data, b.len);
  m = pf__migration_parse(src);
  ASSERT(m->stmts.len + m->diags.len >= 1);
  done();
  pf_buf_clear(&b);
}

TEST(migration_statement_kinds_and_settings)
{
  parse_one("SET lock_timeout = '2s'; SET LOCAL statement_timeout TO 5000; "
            "RESET lock_timeout; BEGIN; SAVEPOINT a; CREATE INDEX "
            "CONCURRENTLY i ON t (x); ROLLBACK;",
            1);
  ASSERT_EQ(m->stmts.len, 7);
  ASSERT_EQ(m->stmts.items[0].kind, PF_STMT_SET);
  ASSERT_STR_EQ(m->stmts.items[0].set_name, "lock_timeout");
  ASSERT_STR_EQ(m->stmts.items[0].set_value, "2s");
  ASSERT(!m->stmts.items[0].set_local);
  ASSERT_STR_EQ(m->stmts.items[1].set_name, "statement_timeout");
  ASSERT_STR_EQ(m->stmts.items[1].set_value, "5000");
  ASSERT(m->stmts.items[1].set_local);
  ASSERT_EQ(m->stmts.items[2].kind, PF_STMT_SET);
  ASSERT_NULL(m->stmts.items[2].set_value);
  ASSERT_EQ(m->stmts.items[3].kind, PF_STMT_BEGIN);
  ASSERT_EQ(m->stmts.items[4].kind, PF_STMT_SAVEPOINT);
  ASSERT(m->stmts.items[5].no_txn && m->stmts.items[5].in_txn);
  ASSERT_EQ(m->stmts.items[6].kind, PF_STMT_ROLLBACK);
  done();
}

TEST(migration_column_defs)
{
  const pf_change *c = parse_one(
      "CREATE TABLE t (id serial PRIMARY KEY, n int, v varchar(20) NOT NULL, "
      "ts timestamp DEFAULT now(), tags text[], k bigint GENERATED ALWAYS AS "
      "IDENTITY, UNIQUE (v));",
      1);
  ASSERT_EQ(c->kind, PF_CHANGE_CREATE_TABLE);
  ASSERT_EQ(c->ncols, 6);
  ASSERT_STR_EQ(c->cols[0].name, "id");
  ASSERT_STR_EQ(c->cols[0].type_base, "serial");
  ASSERT(c->cols[0].primary_key && c->cols[0].not_null);
  ASSERT_STR_EQ(c->cols[1].type_base, "int4");
  ASSERT_STR_EQ(c->cols[2].type_base, "varchar");
  ASSERT_EQ(c->cols[2].ntypmods, 1);
  ASSERT(c->cols[2].not_null);
  ASSERT_STR_EQ(c->cols[3].type_base, "timestamp");
  ASSERT(c->cols[3].has_default && !c->cols[3].volatile_default);
  ASSERT(c->cols[4].is_array);
  ASSERT(c->cols[5].identity && c->cols[5].volatile_default);
  // The offset points at the column's name.
  ASSERT_EQ(strncmp(src->data + c->cols[2].offset, "v varchar", 9), 0);

  c = parse_one("ALTER TABLE t ADD COLUMN price numeric(10,2);", 1);
  ASSERT_EQ(c->ncols, 1);
  ASSERT_STR_EQ(c->cols[0].type_base, "numeric");
  ASSERT_EQ(c->cols[0].ntypmods, 2);
  done();
}
