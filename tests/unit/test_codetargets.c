/* Unit tests of issue 7's code side: the INSERT_OMITS and LITERAL targets
 * the pipeline derives from a migration (lib/check/codetargets.c), and what
 * the code scan reports for them (lib/codescan: sqlref.c, literal.c). */
/* SPDX-License-Identifier: MIT */
#include "test.h"

#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check/check.h"
#include "codescan/codescan.h"
#include "core/source.h"
#include "migration/model.h"

/* Section - Helpers */

static char *tmpdir_with(const char *name, const char *text)
{
  char tmpl[] = "/tmp/pf_codetargets_XXXXXX";
  char *d = mkdtemp(tmpl);
  if (!d)
    PF_TEST_FAIL("mkdtemp: %s", strerror(errno));
  char path[1024];
  snprintf(path, sizeof(path), "%s/%s", d, name);
  FILE *f = fopen(path, "wb");
  if (!f)
    PF_TEST_FAIL("cannot create %s: %s", path, strerror(errno));
  fputs(text, f);
  fclose(f);
  return strdup(d);
}

static void rm_dir(char *dir, const char *name)
{
  char path[1024];
  snprintf(path, sizeof(path), "%s/%s", dir, name);
  unlink(path);
  rmdir(dir);
  free(dir);
}

static void scan(const char *dir, const pf_scan_target *t, size_t n, bool low,
                 pf_scan_result *out)
{
  pf_scan_opts opts = {.jobs = 1, .include_low = low};
  pf_error err;
  pf_error_clear(&err);
  pf__scan_result_init(out);
  ASSERT_OK(pf__codescan_run(&dir, 1, t, n, &opts, out, &err), err);
}

// The reference on @line for target @target, or NULL.
static const pf_code_ref *ref_on(const pf_scan_result *r, uint32_t target,
                                 uint32_t line)
{
  for (uint32_t i = 0; i < r->refs.len; i++) {
    if (r->refs.items[i].target == target && r->refs.items[i].line == line)
      return &r->refs.items[i];
  }
  return NULL;
}

static uint32_t count_for(const pf_scan_result *r, uint32_t target)
{
  uint32_t n = 0;
  for (uint32_t i = 0; i < r->refs.len; i++)
    n += r->refs.items[i].target == target;
  return n;
}

/* Section - INSERTs */

static const char inserts_py[] =
    "def f(cur):\n"
    "    cur.execute(\"INSERT INTO orders (customer_id) VALUES (1)\")\n"
    "    cur.execute(\"INSERT INTO orders (customer_id, region) VALUES (1, "
    "'x')\")\n"
    "    cur.execute(\"INSERT INTO orders VALUES (1, 2, 3)\")\n"
    "    cur.execute(\"INSERT INTO orders VALUES (1, 2, 3, 4, 5)\")\n"
    "    cur.execute(\"INSERT INTO orders SELECT * FROM old_orders\")\n"
    "    cur.execute(\"INSERT INTO orders DEFAULT VALUES\")\n"
    "    cur.execute(\"INSERT INTO invoices (customer_id) VALUES (1)\")\n"
    "    cur.execute(\"SELECT customer_id FROM orders\")\n";

TEST(codetargets_insert_column_lists_and_positions)
{
  char *dir = tmpdir_with("a.py", inserts_py);
  // A plain reference target between two special ones: every index must
  // come back as the caller's.
  pf_scan_target t[] = {
      {.table = "orders",
       .column = "region",
       .kind = PF_SCAN_INSERT_OMITS,
       .position = 4},
      {.table = "orders", .column = "customer_id"},
      {.table = "orders",
       .column = "region",
       .kind = PF_SCAN_INSERT_OMITS,
       .position = PF_SCAN_POS_LAST},
  };
  pf_scan_result r;
  scan(dir, t, 3, false, &r);
  // Position 4: a list without it, 3 values, DEFAULT VALUES (high); 5
  // values reach it; SELECT * is unknown (medium).
  ASSERT_EQ(ref_on(&r, 0, 2)->confidence, PF_CONF_HIGH);
  ASSERT_EQ(ref_on(&r, 0, 2)->kind, PF_REF_INSERT_OMITS);
  ASSERT_NULL(ref_on(&r, 0, 3));
  ASSERT_EQ(ref_on(&r, 0, 4)->confidence, PF_CONF_HIGH);
  ASSERT_NULL(ref_on(&r, 0, 5));
  ASSERT_EQ(ref_on(&r, 0, 6)->confidence, PF_CONF_MEDIUM);
  ASSERT_EQ(ref_on(&r, 0, 7)->confidence, PF_CONF_HIGH);
  ASSERT_NULL(ref_on(&r, 0, 8)); // invoices
  ASSERT_EQ(count_for(&r, 0), 4);
  // Appended by the migration: no positional INSERT reaches it.
  ASSERT(ref_on(&r, 2, 5) != NULL);
  ASSERT_EQ(ref_on(&r, 2, 5)->confidence, PF_CONF_HIGH);
  ASSERT_EQ(count_for(&r, 2), 5);
  // The plain target still gets its references, as sql-string.
  ASSERT(ref_on(&r, 1, 9) != NULL);
  ASSERT_EQ(ref_on(&r, 1, 9)->kind, PF_REF_SQL);
  ASSERT_NULL(ref_on(&r, 1, 8)); // invoices.customer_id
  pf__scan_result_clear(&r);
  rm_dir(dir, "a.py");
}

/* Section - Enum literals */

static const char literals_py[] =
    "def f(cur, order, Order):\n"
    "    cur.execute(\"SELECT id FROM orders WHERE status = 'shipped'\")\n"
    "    cur.execute(\"SELECT id FROM orders o JOIN parcels p ON p.id = o.id "
    "WHERE status = 'shipped'\")\n"
    "    cur.execute(\"SELECT 'shipped' FROM orders\")\n"
    "    cur.execute(\"SELECT id FROM parcels WHERE status = 'shipped'\")\n"
    "    Order.objects.filter(status=\"shipped\")\n"
    "    x = \"shipped\"\n"
    "    y = \"Shipped\"\n"
    "    order.state = \"shipped\"\n";

TEST(codetargets_literal_confidence)
{
  char *dir = tmpdir_with("b.py", literals_py);
  static const char *const vals[] = {"shipped"};
  static const pf_scan_column cols[] = {{"orders", "status"}};
  pf_scan_target t[] = {{.kind = PF_SCAN_LITERAL,
                         .values = vals,
                         .nvalues = 1,
                         .cols = cols,
                         .ncols = 1}};
  pf_scan_result r;
  scan(dir, t, 1, true, &r);
  ASSERT_EQ(ref_on(&r, 0, 2)->confidence, PF_CONF_HIGH);
  ASSERT_EQ(ref_on(&r, 0, 2)->kind, PF_REF_LITERAL);
  // Unqualified in a join: which table's status is not certain.
  ASSERT_EQ(ref_on(&r, 0, 3)->confidence, PF_CONF_MEDIUM);
  ASSERT_EQ(ref_on(&r, 0, 4)->confidence, PF_CONF_MEDIUM);
  ASSERT_EQ(ref_on(&r, 0, 5)->confidence, PF_CONF_LOW); // parcels.status
  ASSERT_EQ(ref_on(&r, 0, 6)->confidence, PF_CONF_MEDIUM);
  ASSERT_EQ(ref_on(&r, 0, 7)->confidence, PF_CONF_LOW);
  ASSERT_NULL(ref_on(&r, 0, 8));                        // case-sensitive
  ASSERT_EQ(ref_on(&r, 0, 9)->confidence, PF_CONF_LOW); // state, not status
  pf__scan_result_clear(&r);
  // Without --show-low, the low ones are not reported at all.
  scan(dir, t, 1, false, &r);
  ASSERT_EQ(r.refs.len, 4);
  pf__scan_result_clear(&r);
  rm_dir(dir, "b.py");
}

/* Section - Targets from migrations */

typedef struct mig {
  pf_source *src[2];
  pf_migration *m[2];
  bool context[2];
  pf__target_vec targets;
  uint32_t special[32];
  pf__ptr_vec own;
} mig;

static void mig_run(mig *x, const char *before, const char *checked)
{
  memset(x, 0, sizeof(*x));
  x->src[0] = pf_source_from_mem("0001.sql", before, strlen(before));
  x->src[1] = pf_source_from_mem("0002.sql", checked, strlen(checked));
  for (int i = 0; i < 2; i++)
    x->m[i] = pf__migration_parse(x->src[i]);
  x->context[0] = true;
  pf_vec_init(&x->targets);
  pf_vec_init(&x->own);
  pf__code_targets((const pf_migration *const *)x->m, x->context, 2,
                   &x->targets, x->special, &x->own);
}

static void mig_clear(mig *x)
{
  for (uint32_t i = 0; i < x->own.len; i++)
    free(x->own.items[i]);
  pf_vec_clear(&x->own);
  pf_vec_clear(&x->targets);
  for (int i = 0; i < 2; i++) {
    pf__migration_free(x->m[i]);
    pf_source_free(x->src[i]);
  }
}

static const pf_scan_target *target_of(const mig *x, uint32_t change)
{
  uint32_t t = x->special[change];
  return t == UINT32_MAX ? NULL : &x->targets.items[t];
}

TEST(codetargets_required_columns)
{
  mig x;
  mig_run(&x,
          "CREATE TABLE orders (id bigserial PRIMARY KEY, a text, "
          "b text DEFAULT 'x', c text NOT NULL DEFAULT 'y', d text NOT NULL, "
          "p text);",
          "ALTER TABLE orders ADD COLUMN e text NOT NULL;\n"
          "ALTER TABLE orders ADD COLUMN f text NOT NULL DEFAULT 'z';\n"
          "ALTER TABLE orders ADD COLUMN g bigint GENERATED ALWAYS AS "
          "IDENTITY;\n"
          "ALTER TABLE orders ALTER COLUMN a SET NOT NULL;\n"
          "ALTER TABLE orders ALTER COLUMN b SET NOT NULL;\n"
          "ALTER TABLE orders ALTER COLUMN c DROP DEFAULT;\n"
          "ALTER TABLE orders ALTER COLUMN a DROP DEFAULT;\n"
          "ALTER TABLE orders ALTER COLUMN d SET NOT NULL;\n"
          "ALTER TABLE unknown ALTER COLUMN z SET NOT NULL;\n"
          "CREATE TABLE fresh (id int);\n"
          "ALTER TABLE fresh ADD COLUMN n text NOT NULL;\n"
          "ALTER TABLE orders ADD CONSTRAINT k CHECK (p IS NOT NULL);\n"
          "ALTER TABLE orders ALTER COLUMN p DROP DEFAULT;\n"
          "ALTER TABLE orders ALTER COLUMN p SET NOT NULL;\n");
  const pf_scan_target *t = target_of(&x, 0);
  ASSERT(t != NULL);
  ASSERT_EQ(t->kind, PF_SCAN_INSERT_OMITS);
  ASSERT_STR_EQ(t->column, "e");
  ASSERT_EQ(t->position, PF_SCAN_POS_LAST);
  ASSERT_NULL(target_of(&x, 1));            // DEFAULT
  ASSERT_NULL(target_of(&x, 2));            // identity
  ASSERT_EQ(target_of(&x, 3)->position, 2); // a: 2nd column, no DEFAULT
  ASSERT_NULL(target_of(&x, 4));            // b has a DEFAULT
  ASSERT_EQ(target_of(&x, 5)->position, 4); // c is NOT NULL
  // a is NOT NULL by now (statement 4): losing a DEFAULT breaks INSERTs.
  ASSERT(target_of(&x, 6) != NULL);
  ASSERT_NULL(target_of(&x, 7));            // d is NOT NULL already
  ASSERT_EQ(target_of(&x, 8)->position, 0); // unknown table
  ASSERT_NULL(target_of(&x, 10));           // table of this run
  ASSERT_NULL(target_of(&x, 12)); // p is nullable: omitting it reads NULL
  // p has no DEFAULT, but its CHECK (p IS NOT NULL) already rejects
  // INSERTs that omit it: SET NOT NULL breaks none.
  ASSERT_NULL(target_of(&x, 13));
  mig_clear(&x);
}

TEST(codetargets_enum_rename_and_drop)
{
  mig x;
  mig_run(&x,
          "CREATE TYPE color AS ENUM ('red', 'green', 'blue');\n"
          "CREATE TABLE items (id int, color color, tint public.color);\n"
          "CREATE TABLE notes (id int, color text);",
          "ALTER TYPE color RENAME VALUE 'blue' TO 'navy';\n"
          "ALTER TYPE color RENAME TO color_old;\n"
          "CREATE TYPE color AS ENUM ('red', 'navy');\n"
          "ALTER TABLE items ALTER COLUMN color TYPE color USING "
          "color::text::color;\n"
          "CREATE TYPE fresh AS ENUM ('a');\n"
          "ALTER TYPE fresh RENAME VALUE 'a' TO 'b';\n");
  const pf_scan_target *t = target_of(&x, 0);
  ASSERT(t != NULL);
  ASSERT_EQ(t->kind, PF_SCAN_LITERAL);
  ASSERT_EQ(t->nvalues, 1);
  ASSERT_STR_EQ(t->values[0], "blue");
  ASSERT_EQ(t->ncols, 2); // items.color and items.tint, not notes.color
  ASSERT_STR_EQ(t->cols[0].column, "color");
  ASSERT_STR_EQ(t->cols[1].column, "tint");
  // The type change drops 'green' (blue became navy, which is kept).
  t = target_of(&x, 3);
  ASSERT(t != NULL);
  ASSERT_EQ(t->nvalues, 1);
  ASSERT_STR_EQ(t->values[0], "green");
  ASSERT_STR_EQ(t->cols[0].table, "items");
  ASSERT_NULL(target_of(&x, 5)); // an enum of this run
  mig_clear(&x);
}

// An array of the enum holds its values: its columns are the type's, and a
// type change of an array column to an array of a new enum drops values.
TEST(codetargets_enum_arrays)
{
  mig x;
  mig_run(&x,
          "CREATE TYPE tag AS ENUM ('hot', 'cold', 'frozen');\n"
          "CREATE TABLE items (id int, tags tag[], best tag, "
          "grid public.tag[][], words text[]);",
          "ALTER TYPE tag RENAME VALUE 'frozen' TO 'iced';\n"
          "ALTER TYPE tag RENAME TO tag_old;\n"
          "CREATE TYPE tag AS ENUM ('hot', 'iced');\n"
          "ALTER TABLE items ALTER COLUMN tags TYPE tag[] USING "
          "tags::text[]::tag[];\n");
  const pf_scan_target *t = target_of(&x, 0);
  ASSERT(t != NULL);
  ASSERT_EQ(t->ncols, 3); // tags, best, grid; not words
  ASSERT_STR_EQ(t->cols[0].column, "tags");
  ASSERT_STR_EQ(t->cols[1].column, "best");
  ASSERT_STR_EQ(t->cols[2].column, "grid");
  t = target_of(&x, 3);
  ASSERT(t != NULL);
  ASSERT_EQ(t->nvalues, 1);
  ASSERT_STR_EQ(t->values[0], "cold");
  ASSERT_STR_EQ(t->cols[0].column, "tags");
  mig_clear(&x);
}

static const char arrays_py[] =
    "def f(cur, item):\n"
    "    cur.execute(\"SELECT id FROM items WHERE 'frozen' = ANY (tags)\")\n"
    "    cur.execute(\"SELECT id FROM items WHERE tags @> "
    "ARRAY['frozen']::tag[]\")\n"
    "    cur.execute(\"UPDATE items SET tags = array_append(tags, "
    "'frozen')\")\n"
    "    cur.execute(\"INSERT INTO items (id, tags) VALUES (1, "
    "ARRAY['hot', 'frozen'])\")\n"
    "    cur.execute(\"INSERT INTO items (id, tags) VALUES (1, "
    "'{hot, \\\"frozen\\\"}')\")\n"
    "    cur.execute(\"UPDATE items SET tags = '{frozenish}'\")\n"
    "    cur.execute(\"SELECT id FROM items WHERE words @> ARRAY['frozen']\")\n"
    "    item.tags = [\"hot\", \"frozen\"]\n"
    "    other.words = [\"frozen\"]\n";

// The forms that put an enum value into or look for it in an array column:
// ANY, an ARRAY[...] (cast or not), array functions, array literals; an
// array of another column is not tied.
TEST(codetargets_array_literals)
{
  char *dir = tmpdir_with("d.py", arrays_py);
  static const char *const vals[] = {"frozen"};
  static const pf_scan_column cols[] = {{"items", "tags"}};
  pf_scan_target t[] = {{.kind = PF_SCAN_LITERAL,
                         .values = vals,
                         .nvalues = 1,
                         .cols = cols,
                         .ncols = 1}};
  pf_scan_result r;
  scan(dir, t, 1, true, &r);
  for (uint32_t line = 2; line <= 6; line++) {
    const pf_code_ref *x = ref_on(&r, 0, line);
    if (!x || x->confidence != PF_CONF_HIGH)
      PF_TEST_FAIL("line %u: %s", line, x ? "not high" : "not found");
  }
  ASSERT_NULL(ref_on(&r, 0, 7)); // 'frozenish' is not 'frozen'
  // words is no column of the type: on the table, not tied (medium).
  ASSERT_EQ(ref_on(&r, 0, 8)->confidence, PF_CONF_MEDIUM);
  ASSERT_EQ(ref_on(&r, 0, 9)->confidence, PF_CONF_MEDIUM); // item.tags
  ASSERT_EQ(ref_on(&r, 0, 10)->confidence, PF_CONF_LOW);   // other.words
  pf__scan_result_clear(&r);
  rm_dir(dir, "d.py");
}

TEST(codetargets_knex_insert_keys)
{
  char *dir =
      tmpdir_with("c.js", "db(\"orders\").insert({ customer_id: 1 });\n"
                          "db(\"orders\").insert({ customer_id: 1, region: "
                          "\"eu\" });\n"
                          "db(\"orders\").insert({ ...row });\n"
                          "db(\"orders\").insert(row);\n"
                          "db(\"orders\").insert([{ region: \"eu\" }, { a: 1 "
                          "}]);\n"
                          "db(\"invoices\").insert({ a: 1 });\n"
                          "db(\"orders\").insert({ \"region\": \"eu\" });\n");
  pf_scan_target t[] = {{.table = "orders",
                         .column = "region",
                         .kind = PF_SCAN_INSERT_OMITS,
                         .position = PF_SCAN_POS_LAST}};
  pf_scan_result r;
  scan(dir, t, 1, false, &r);
  ASSERT(ref_on(&r, 0, 1) != NULL);
  ASSERT_EQ(ref_on(&r, 0, 1)->kind, PF_REF_INSERT_OMITS);
  ASSERT_NULL(ref_on(&r, 0, 2));    // names region
  ASSERT_NULL(ref_on(&r, 0, 3));    // a spread may hold it
  ASSERT_NULL(ref_on(&r, 0, 4));    // a variable: unknown
  ASSERT(ref_on(&r, 0, 5) != NULL); // the second row omits it
  ASSERT_NULL(ref_on(&r, 0, 6));    // another table
  ASSERT_NULL(ref_on(&r, 0, 7));    // a string key names it
  ASSERT_EQ(r.refs.len, 2);
  pf__scan_result_clear(&r);
  rm_dir(dir, "c.js");
}

/* Section - SQL that does not parse, COPY */

static const char fallback_py[] =
    "def f(cur, rows, col, d):\n"
    "    execute_values(cur, \"INSERT INTO orders (customer_id, total) "
    "VALUES %s\", rows)\n"
    "    execute_values(cur, \"INSERT INTO orders (customer_id, region) "
    "VALUES %s\", rows)\n"
    "    cur.execute(f\"INSERT INTO orders ({col}) VALUES %s\")\n"
    "    cur.execute(\"INSERT INTO invoices (a) VALUES (1) ON DUPLICATE KEY "
    "UPDATE a = 1\")\n"
    "    cur.execute(\"INSERT INTO orders VALUES {v} RETURNING id\")\n"
    "    cur.execute(\"INSERT INTO orders AS o (customer_id) VALUES (1) ON "
    "DUPLICATE KEY UPDATE a = 1\")\n"
    "    cur.execute(\"COPY orders (customer_id, total) FROM STDIN\")\n"
    "    cur.execute(\"COPY orders (customer_id, region) FROM STDIN\")\n"
    "    cur.execute(\"COPY orders FROM STDIN\")\n"
    "    cur.execute(\"COPY orders (customer_id) TO STDOUT\")\n"
    "    cur.execute(\"COPY invoices (a) FROM STDIN\")\n"
    "    cur.execute(f\"SELECT id FROM orders WHERE status = 'shipped' "
    "ORDER BY {col} {d}\")\n"
    "    cur.execute(f\"SELECT id FROM parcels WHERE status = 'shipped' "
    "ORDER BY {col} {d}\")\n"
    "    cur.execute(f\"SELECT id FROM orders WHERE status = 'paid' "
    "ORDER BY {col} {d}\")\n";

TEST(codetargets_token_fallback_and_copy)
{
  char *dir = tmpdir_with("f.py", fallback_py);
  static const char *const vals[] = {"shipped"};
  static const pf_scan_column cols[] = {{"orders", "status"}};
  pf_scan_target t[] = {
      {.table = "orders",
       .column = "region",
       .kind = PF_SCAN_INSERT_OMITS,
       .position = PF_SCAN_POS_LAST},
      {.kind = PF_SCAN_LITERAL,
       .values = vals,
       .nvalues = 1,
       .cols = cols,
       .ncols = 1},
      {.table = "orders", .column = "customer_id"},
      {.table = "orders",
       .column = "notes",
       .kind = PF_SCAN_INSERT_OMITS,
       .position = 3},
  };
  pf_scan_result r;
  scan(dir, t, 4, true, &r);
  // Token-level INSERT column lists: medium.
  ASSERT_EQ(ref_on(&r, 0, 2)->kind, PF_REF_INSERT_OMITS);
  ASSERT_EQ(ref_on(&r, 0, 2)->confidence, PF_CONF_MEDIUM);
  ASSERT_NULL(ref_on(&r, 0, 3)); // names region
  ASSERT_NULL(ref_on(&r, 0, 4)); // an interpolated list: unknown
  ASSERT_NULL(ref_on(&r, 0, 5)); // another table
  // No list: an appended column is never reached; a column at a known
  // position may be (the values cannot be counted from tokens).
  ASSERT_EQ(ref_on(&r, 0, 6)->confidence, PF_CONF_MEDIUM);
  ASSERT_NULL(ref_on(&r, 3, 6));
  ASSERT_EQ(ref_on(&r, 0, 7)->confidence, PF_CONF_MEDIUM); // AS o (...)
  ASSERT_EQ(ref_on(&r, 3, 2)->confidence, PF_CONF_MEDIUM);
  // COPY: parsed, so high; a list without the column, or no list for an
  // appended column; COPY TO writes nothing.
  ASSERT_EQ(ref_on(&r, 0, 8)->kind, PF_REF_INSERT_OMITS);
  ASSERT_EQ(ref_on(&r, 0, 8)->confidence, PF_CONF_HIGH);
  ASSERT_NULL(ref_on(&r, 0, 9));
  ASSERT_EQ(ref_on(&r, 0, 10)->confidence, PF_CONF_HIGH);
  ASSERT_NULL(ref_on(&r, 3, 10)); // no list holds an existing column
  ASSERT_NULL(ref_on(&r, 0, 11));
  ASSERT_NULL(ref_on(&r, 0, 12));
  // The columns a COPY lists are references.
  ASSERT_EQ(ref_on(&r, 2, 8)->kind, PF_REF_SQL);
  ASSERT_EQ(ref_on(&r, 2, 11)->kind, PF_REF_SQL);
  ASSERT_NULL(ref_on(&r, 2, 12));
  // Enum literals from tokens: medium on a table that holds the type, low
  // elsewhere, nothing for another value.
  ASSERT_EQ(ref_on(&r, 1, 13)->kind, PF_REF_LITERAL);
  ASSERT_EQ(ref_on(&r, 1, 13)->confidence, PF_CONF_MEDIUM);
  ASSERT_EQ(ref_on(&r, 1, 14)->confidence, PF_CONF_LOW);
  ASSERT_NULL(ref_on(&r, 1, 15));
  ASSERT_EQ(count_for(&r, 0), 5);
  ASSERT_EQ(count_for(&r, 1), 2);
  pf__scan_result_clear(&r);
  rm_dir(dir, "f.py");
}
