/* Live-database tests of the type-fit check (lib/live/safety.c, and the
 * cast probe of lib/live/data.c) against the server's own casts: every
 * value alone in a table, judged by the check and by the cast itself. A
 * value the check fails must fail the cast, a value it passes must pass it;
 * a value of a form it does not judge is cast by the probe, whose verdict
 * must be the server's too. */
/* SPDX-License-Identifier: MIT */
#include "helpers.h"

#include "core/source.h"
#include "live/live_int.h"
#include "migration/model.h"

// The test's own schema (tests run side by side): set by setup().
static char tf[32];

// The type change @sql as the pipeline would check it.
static pf_live_probe run_alter(pf_live *live, const char *sql)
{
  pf_source *src = pf_source_from_mem("t.sql", sql, strlen(sql));
  pf_migration *m = pf__migration_parse(src);
  ASSERT(m->changes.len >= 1);
  const pf_change *c = &m->changes.items[0];
  pf_live_check chk;
  memset(&chk, 0, sizeof(chk));
  const char *col[1] = {c->column};
  chk.kind = PF_LC_TYPE_FIT;
  chk.schema = tf;
  chk.table = c->table.name;
  chk.cols = col;
  chk.ncols = 1;
  chk.new_type = c->type;
  chk.shape = c->expr ? c->shape : NULL;
  pf_live_probe p;
  pf_error err = {0};
  ASSERT_OK(pf__live_data_check(live, &chk, &p, &err), err);
  pf__migration_free(m);
  pf_source_free(src);
  return p;
}

// Whether the server's cast of @value (an SQL literal of type @from) to
// @to fails.
static bool cast_fails(PGconn *c, const char *value, const char *from,
                       const char *to)
{
  char q[1024];
  snprintf(q, sizeof(q), "SELECT %s.bad((%s)::%s::text, '%s', '%s')", tf, value,
           from, from, to);
  return exec_int(c, q) == 1;
}

typedef struct tally {
  int failed, passed; // judged by form
  int cast;           // of a form not judged: cast by the probe
} tally;

// Puts each of @values (SQL literals) alone into table "one" (column v of
// type @from) and checks "ALTER ... TYPE @to [USING v::@to]" against the
// server's cast of the same value. @expect_unjudged: the values the check
// is expected not to judge (for the report; soundness is asserted on all).
static tally oracle(PGconn *c, pf_live *live, const char *from, const char *to,
                    bool using_cast, const char *const *values, size_t n)
{
  tally t = {0, 0, 0};
  char sql[1024];
  snprintf(sql, sizeof(sql),
           "DROP TABLE IF EXISTS %s.one; CREATE TABLE %s.one (v %s)", tf, tf,
           from);
  exec_ok(c, sql);
  char alter[256];
  snprintf(alter, sizeof(alter), "ALTER TABLE one ALTER COLUMN v TYPE %s%s%s;",
           to, using_cast ? " USING v::" : "", using_cast ? to : "");
  for (size_t i = 0; i < n; i++) {
    snprintf(sql, sizeof(sql),
             "TRUNCATE %s.one; INSERT INTO %s.one VALUES ((%s)::%s)", tf, tf,
             values[i], from);
    exec_ok(c, sql);
    pf_live_probe p = run_alter(live, alter);
    bool truth = cast_fails(c, values[i], from, to);
    // The probe either stopped at the value ("cast probe", at least one)
    // or cast it and says so in its note.
    bool by_cast = (p.method && !strcmp(p.method, "cast probe")) ||
                   strstr(p.note, "cast to") != NULL;
    if (p.status != PF_LIVE_DONE || (!p.exact && !by_cast))
      PF_TEST_FAIL("%s -> %s, %s: status %d, exact %d (%s)", from, to,
                   values[i], (int)p.status, (int)p.exact, p.why);
    if ((p.count > 0) != truth)
      PF_TEST_FAIL("%s -> %s, %s: the check says %s, the cast %s (%s)", from,
                   to, values[i], p.count > 0 ? "fails" : "passes",
                   truth ? "fails" : "converts", p.why);
    if (by_cast)
      t.cast++;
    else if (p.count > 0)
      t.failed++;
    else
      t.passed++;
  }
  return t;
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void setup(PGconn *c, const char *schema)
{
  snprintf(tf, sizeof(tf), "%s", schema);
  char sql[1024];
  // The server's own verdict, for the test only (this test owns the
  // server; pgpreflight casts only inside a savepoint, read-only).
  snprintf(sql, sizeof(sql),
           "DROP SCHEMA IF EXISTS %s CASCADE; CREATE SCHEMA %s;"
           "CREATE FUNCTION %s.bad(v text, src text, typ text) RETURNS"
           " int LANGUAGE plpgsql AS $$ BEGIN IF v IS NULL THEN RETURN 0;"
           " END IF; EXECUTE format('SELECT %%L::%%s::%%s', v, src, typ);"
           " RETURN 0; EXCEPTION WHEN others THEN RETURN 1; END $$;",
           schema, schema, schema);
  exec_ok(c, sql);
}

static void teardown(PGconn *c)
{
  char sql[128];
  snprintf(sql, sizeof(sql), "DROP SCHEMA %s CASCADE", tf);
  exec_ok(c, sql);
  PQfinish(c);
}

// Text to json and jsonb: objects and arrays of any content up to eight
// levels deep are judged, valid or not.
TEST(type_fit_json_oracle)
{
  PGconn *c = admin();
  setup(c, "pf_tf_json");
  pf_live *live = open_live(dsn(), NULL);
  static const char *const values[] = {
      "'{\"a\":1}'",
      "'{\"a\":[1,2,{\"b\":null}],\"c\":\"d\"}'",
      "' {\"a\" : \"x\\\"y\", \"b\": -0.5e+10 } '",
      "E' \\n[1]\\t'",
      "'[]'",
      "'{}'",
      "'{\"a\":{\"b\":{\"c\":[1,{\"d\":[true,false]}]}}}'",
      "'{\"a\":1,}'",
      "'{\"a\" 1}'",
      "'[1 2]'",
      "'{\"a\":01}'",
      "'[1e5, 1E-5, 0.0]'",
      "'[\"\\u00e9\"]'",
      "'[\"\\u0000\"]'",
      "'[\"\\ud83d\\ude00\"]'",
      "'[\"\\ud800\"]'",
      "'[1e-20000]'",
      "'{\"k\": tru}'",
      "'{1:2}'",
      "'\"abc'",
      "'[[[[[[[[[[1]]]]]]]]]]'",
      "'['",
      "']'",
      "'{\"a\":\"b\"}}'",
      "'nulls'",
      "'[-]'",
      "'[.5]'",
      "'[1.]'",
      "'{\"\\q\":1}'",
      "E'[1,\\x01]'",
      "E'{\"a\":\"\\tb\"}'",
      "'[1]x'",
      "'true false'",
      "'[\"a\" \"b\"]'",
      "'{\"a\":1 \"b\":2}'",
      "'[\"a\\\\\"]'",
      "'[\"a\\\\\\\"]'",
      "'{\"\":[]}'",
      "'[null,true,false,\"x\",{}]'",
      "'[1,[2,[3,[4,[5,[6,[7]]]]]]]'",
      "'-'",
      "''",
      "'   '",
      "'N/A'",
  };
  tally j = oracle(c, live, "text", "json", true, values, N(values));
  tally jb = oracle(c, live, "text", "jsonb", true, values, N(values));
  // The depth-10 array is not judged by form but cast; jsonb also casts
  // \u0000, the lone surrogate and the huge exponent (valid JSON, not
  // storable).
  if (j.cast != 1 || jb.cast != 4)
    PF_TEST_FAIL("cast: json %d (1 expected), jsonb %d (4 expected)", j.cast,
                 jb.cast);
  // json to jsonb: the json text is valid; escapes and numbers decide.
  static const char *const jsons[] = {"'{\"a\":\"\\u0000\"}'", "'{\"a\":1}'",
                                      "'[1e-20000]'", "'\"\\ud83d\\ude00\"'",
                                      "'[\"\\u00e9\", 2]'"};
  tally t = oracle(c, live, "json", "jsonb", false, jsons, N(jsons));
  ASSERT_EQ(t.passed, 3);
  static const char *const jsonbs[] = {"'{\"a\":1}'", "'[\"\\u00e9\"]'"};
  t = oracle(c, live, "jsonb", "json", false, jsonbs, N(jsonbs));
  ASSERT_EQ(t.passed, 2);
  pf__live_free(live);
  teardown(c);
}

// Text to numeric, real, double precision; and to dates and integers with
// Unicode spaces, which the input functions do not skip.
TEST(type_fit_text_numbers_oracle)
{
  PGconn *c = admin();
  setup(c, "pf_tf_text");
  pf_live *live = open_live(dsn(), NULL);
  static const char *const nums[] = {
      "'1.5'",      "' 12 '", "'999.99'",     "'999.995'", "'1000'",
      "'NaN'",      "'inf'",  "'-Infinity'",  "''",        "'abc'",
      "'1e2'",      "'1e3'",  "'.5'",         "'5.'",      "'+3'",
      "'1_000'",    "'0x10'", "E'\\u2003 5'", "'1,5'",     "'--1'",
      "E'\\t7\\n'", "'1e-3'"};
  tally t = oracle(c, live, "text", "numeric(5,2)", true, nums, N(nums));
  ASSERT(t.failed >= 6 && t.passed >= 10);
  t = oracle(c, live, "text", "numeric", true, nums, N(nums));
  ASSERT(t.passed >= 15);
  static const char *const floats[] = {
      "'1.5'", "'nan'",    "'-inf'", "'1e400'",     "'0x10'",  "'abc'",
      "''",    "'3.4e38'", "'1e5'",  "' -2.5E-3 '", "'1e-400'"};
  t = oracle(c, live, "text", "double precision", true, floats, N(floats));
  ASSERT(t.passed >= 6 && t.failed >= 2);
  t = oracle(c, live, "text", "real", true, floats, N(floats));
  ASSERT(t.passed >= 5 && t.failed >= 2);
  // Unicode spaces: a date or number after U+2003 does not convert; the
  // check must not take it for an ISO date (nor abort its query).
  static const char *const spaced[] = {"E'\\u2003 2024-01-01'", "' 2024-01-01'",
                                       "E'\\t2024-01-01'"};
  t = oracle(c, live, "text", "date", true, spaced, N(spaced));
  ASSERT_EQ(t.passed, 2);
  static const char *const spaced_int[] = {"E'\\u2003 12'", "' 12 '",
                                           "E'\\f12'"};
  t = oracle(c, live, "text", "integer", true, spaced_int, N(spaced_int));
  ASSERT_EQ(t.passed, 2);
  pf__live_free(live);
  teardown(c);
}

// Between numeric, real, double precision and the integers; between date,
// timestamp and timestamptz.
TEST(type_fit_numbers_and_times_oracle)
{
  PGconn *c = admin();
  setup(c, "pf_tf_num");
  pf_live *live = open_live(dsn(), NULL);
  static const char *const f8[] = {
      "1.5",   "2147483647.4", "2147483647.5", "-2147483648.5", "-2147483648.4",
      "'NaN'", "'Infinity'",   "1e10",         "-0.5"};
  tally t = oracle(c, live, "double precision", "integer", false, f8, N(f8));
  ASSERT_EQ(t.cast, 0);
  t = oracle(c, live, "double precision", "smallint", false, f8, N(f8));
  ASSERT_EQ(t.cast, 0);
  t = oracle(c, live, "real", "bigint", false, f8, N(f8));
  ASSERT_EQ(t.cast, 0);
  static const char *const f8n[] = {"999.994",    "999.995", "'NaN'",
                                    "'Infinity'", "1e-10",   "-999.5"};
  t = oracle(c, live, "double precision", "numeric(5,2)", false, f8n, N(f8n));
  ASSERT_EQ(t.cast, 0);
  t = oracle(c, live, "double precision", "numeric", false, f8n, N(f8n));
  ASSERT_EQ(t.cast, 0);
  static const char *const nf[] = {"1e38",  "1e39",  "3.5e38", "1e-46",
                                   "1e-40", "0",     "'NaN'",  "'Infinity'",
                                   "1e308", "1e309", "2e-324", "1e-400"};
  t = oracle(c, live, "numeric", "real", false, nf, N(nf));
  ASSERT(t.failed >= 2 && t.passed >= 4);
  t = oracle(c, live, "numeric", "double precision", false, nf, N(nf));
  ASSERT(t.failed >= 2 && t.passed >= 8);
  static const char *const f8r[] = {"1e38",  "1e39",  "3.5e38", "1e-46",
                                    "1e-40", "0",     "'NaN'",  "'Infinity'",
                                    "1e308", "5e-324"};
  t = oracle(c, live, "double precision", "real", false, f8r, N(f8r));
  ASSERT(t.failed >= 2 && t.passed >= 4);
  static const char *const ts[] = {"'2024-01-01'", "'infinity'",
                                   "'294276-12-31 23:00'",
                                   "'4714-11-24 00:00 BC'", "'-infinity'"};
  t = oracle(c, live, "timestamp", "timestamptz", false, ts, N(ts));
  ASSERT_EQ(t.passed, 3);
  t = oracle(c, live, "timestamptz", "timestamp", false, ts, N(ts));
  ASSERT_EQ(t.passed, 3);
  t = oracle(c, live, "timestamptz", "date", false, ts, N(ts));
  ASSERT_EQ(t.passed, 3);
  t = oracle(c, live, "timestamp", "date", false, ts, N(ts));
  ASSERT_EQ(t.cast, 0);
  static const char *const dates[] = {"'2024-01-01'", "'294277-01-01'",
                                      "'infinity'", "'5874897-12-31'",
                                      "'4714-11-24 BC'"};
  t = oracle(c, live, "date", "timestamp", false, dates, N(dates));
  ASSERT_EQ(t.cast, 0);
  ASSERT_EQ(t.failed, 2);
  t = oracle(c, live, "date", "timestamptz", false, dates, N(dates));
  ASSERT(t.failed == 2 && t.passed == 2);
  static const char *const ints[] = {"0", "1", "-7"};
  t = oracle(c, live, "integer", "boolean", true, ints, N(ints));
  ASSERT_EQ(t.passed, 3);
  pf__live_free(live);
  teardown(c);
}

// Changes PostgreSQL refuses whatever the data (no cast in that context),
// each confirmed by running it in a transaction that is rolled back; and
// one that is only not modelled.
TEST(type_fit_refused_by_the_catalog)
{
  PGconn *c = admin();
  setup(c, "pf_tf_ref");
  exec_ok(c, "CREATE TABLE pf_tf_ref.r (i integer, b boolean, big bigint,"
             " t text, d date);"
             "INSERT INTO pf_tf_ref.r VALUES (1, true, 2, '10.0.0.1', now())");
  pf_live *live = open_live(dsn(), NULL);
  static const char *const refused[] = {
      "ALTER TABLE r ALTER COLUMN i TYPE uuid;",
      "ALTER TABLE r ALTER COLUMN i TYPE date USING i::date;",
      "ALTER TABLE r ALTER COLUMN b TYPE integer;",
      "ALTER TABLE r ALTER COLUMN i TYPE boolean;",
      "ALTER TABLE r ALTER COLUMN big TYPE boolean USING big::boolean;",
      "ALTER TABLE r ALTER COLUMN d TYPE integer;",
  };
  for (size_t i = 0; i < N(refused); i++) {
    pf_live_probe p = run_alter(live, refused[i]);
    if (p.status != PF_LIVE_DONE || strcmp(p.method, "catalog") != 0 ||
        p.count == 0 || !strstr(p.checked, "PostgreSQL refuses"))
      PF_TEST_FAIL("%s: status %d, method %s, count %lld (%s%s)", refused[i],
                   (int)p.status, p.method ? p.method : "-", (long long)p.count,
                   p.checked, p.why);
    char sql[512];
    snprintf(sql, sizeof(sql), "BEGIN; SET LOCAL search_path = pf_tf_ref; %s",
             refused[i]);
    PGresult *r = PQexec(c, sql);
    ASSERT(PQresultStatus(r) == PGRES_FATAL_ERROR);
    PQclear(r);
    exec_ok(c, "ROLLBACK");
  }
  // Refused on an empty table too: it is the types, not the rows.
  exec_ok(c, "TRUNCATE pf_tf_ref.r");
  pf_live_probe p = run_alter(live, "ALTER TABLE r ALTER COLUMN i TYPE uuid;");
  ASSERT_EQ((int)p.status, (int)PF_LIVE_DONE);
  ASSERT(p.count != 0);
  // Text to inet with USING: a cast exists; not modelled by form, so every
  // value is cast, and the one there converts.
  exec_ok(c, "INSERT INTO pf_tf_ref.r (t) VALUES ('10.0.0.1')");
  p = run_alter(live, "ALTER TABLE r ALTER COLUMN t TYPE inet USING t::inet;");
  ASSERT_EQ((int)p.status, (int)PF_LIVE_DONE);
  ASSERT_EQ(p.count, 0);
  ASSERT(strstr(p.note, "1 value cast to inet: all convert") != NULL);
  pf__live_free(live);
  teardown(c);
}

// Types the check does not judge by form (inet, cidr, interval, time,
// macaddr, money, a timestamp's other forms): every value is cast by the
// probe, and its verdict is the server's.
TEST(type_fit_cast_probe_oracle)
{
  PGconn *c = admin();
  setup(c, "pf_tf_cast");
  pf_live *live = open_live(dsn(), NULL);
  static const char *const inets[] = {"'10.0.0.1'",  "'::1'",  "'10.0.0.1/8'",
                                      "'300.1.1.1'", "'host'", "''"};
  tally t = oracle(c, live, "text", "inet", true, inets, N(inets));
  ASSERT_EQ(t.cast, 6);
  t = oracle(c, live, "text", "cidr", true, inets, N(inets));
  ASSERT_EQ(t.cast, 6);
  static const char *const spans[] = {"'1 day'",         "'P1D'",
                                      "'3 fortnights'",  "'00:01'",
                                      "'1 year 2 mons'", "'x'"};
  t = oracle(c, live, "text", "interval", true, spans, N(spans));
  ASSERT_EQ(t.cast, 6);
  static const char *const times[] = {"'10:00'",    "'24:00'",    "'24:01'",
                                      "'10:00 PM'", "'allballs'", "'noon'"};
  t = oracle(c, live, "text", "time", true, times, N(times));
  ASSERT_EQ(t.cast, 6);
  static const char *const macs[] = {"'08:00:2b:01:02:03'", "'0800.2b01.0203'",
                                     "'08-00-2b-01-02'"};
  t = oracle(c, live, "text", "macaddr", true, macs, N(macs));
  ASSERT_EQ(t.cast, 3);
  // Dates in other forms than ISO 8601: judged by the cast, in the
  // session's DateStyle (ISO, MDY here).
  static const char *const dates[] = {"'Jan 7 2024'",  "'7 Jan 2024'",
                                      "'01/13/2024'",  "'13/01/2024'",
                                      "'Feb 30 2024'", "'20240107'"};
  t = oracle(c, live, "text", "date", true, dates, N(dates));
  ASSERT_EQ(t.cast, 6);
  // Integers: a numeric to an integer is judged by form; a bigint to
  // money (assignment cast, not modelled) by the cast.
  static const char *const bigs[] = {"1", "-5", "92233720368547758"};
  t = oracle(c, live, "bigint", "money", false, bigs, N(bigs));
  ASSERT_EQ(t.cast, 3);
  pf__live_free(live);
  teardown(c);
}

// PostgreSQL 16 reads 0x10, 0o17, 0b101 and 1_000 as integers: for a
// server at 16 the check leaves those forms to the cast rather than
// failing them. The predicates are plain SQL, evaluated here on 15.
TEST(type_fit_int_forms_on_16)
{
  PGconn *c = admin();
  // Opening a session loads libpq's table, which PQfinish goes through here.
  pf_live *live = open_live(dsn(), NULL);
  const char *col[1] = {"v"};
  pf_live_check chk;
  memset(&chk, 0, sizeof(chk));
  chk.kind = PF_LC_TYPE_FIT;
  chk.cols = col;
  chk.ncols = 1;
  chk.new_type = "integer";
  pf_expr_shape shape;
  memset(&shape, 0, sizeof(shape));
  static const char *cast_to[1] = {"integer"};
  shape.cast_of = "v"; // USING v::integer
  shape.types = cast_to;
  shape.ntypes = 1;
  chk.shape = &shape;
  static const struct {
    const char *value;
    const char *on15, *on16; // "fails", "ok" or "unsure"
  } cases[] = {
      {"12", "ok", "ok"},
      {" -7 ", "ok", "ok"},
      {"99999999999", "fails", "fails"},
      {"0x10", "fails", "unsure"},
      {"1_000", "fails", "unsure"},
      {"abc", "fails", "fails"},
      {"", "fails", "fails"},
  };
  for (int v16 = 0; v16 < 2; v16++) {
    pf__type_env env = {v16 ? 160000 : 150000, false};
    pf_buf where = PF_BUF_INIT, unsure = PF_BUF_INIT;
    const char *judged;
    bool always;
    char why[240];
    ASSERT(pf__live_type_predicate(&chk, "text", true, &env, "v", &where,
                                   &unsure, &judged, &always, why,
                                   sizeof(why)));
    for (size_t i = 0; i < N(cases); i++) {
      // The values hold no quote: a plain literal.
      ASSERT(strchr(cases[i].value, '\'') == NULL);
      pf_buf q = PF_BUF_INIT;
      pf_buf_printf(&q,
                    "SELECT (CASE WHEN %s THEN 1 WHEN %s THEN 2 ELSE 0 END)"
                    " FROM (SELECT '%s'::text AS v) s",
                    where.data, unsure.len ? unsure.data : "false",
                    cases[i].value);
      long long k = exec_int(c, q.data);
      const char *got = k == 1 ? "fails" : k == 2 ? "unsure" : "ok";
      const char *want = v16 ? cases[i].on16 : cases[i].on15;
      if (strcmp(got, want) != 0)
        PF_TEST_FAIL("'%s' for server %d: %s, expected %s", cases[i].value,
                     env.server_version, got, want);
      pf_buf_clear(&q);
    }
    pf_buf_clear(&where);
    pf_buf_clear(&unsure);
  }
  pf__live_free(live);
  PQfinish(c);
}
