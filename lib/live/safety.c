/* Live checks: which copied expressions may be evaluated (CHECK, USING),
 * and the predicates that find values a type change cannot convert. */
/* SPDX-License-Identifier: MIT */
#include "live.h"
#include "live_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Section - SQL: catalog reads only. */

// $1 function name -> (outside pg_catalog, unsafe in pg_catalog, in
// pg_catalog). Safe when the first two are 0 and the last is not.
static const char SQL_FUNC_SAFE[] =
    "SELECT pg_catalog.count(*) FILTER (WHERE p.pronamespace <>"
    " 'pg_catalog'::pg_catalog.regnamespace),"
    " pg_catalog.count(*) FILTER (WHERE p.pronamespace ="
    " 'pg_catalog'::pg_catalog.regnamespace AND (p.provolatile <> 'i'"
    " OR p.prokind <> 'f' OR p.proretset)),"
    " pg_catalog.count(*) FILTER (WHERE p.pronamespace ="
    " 'pg_catalog'::pg_catalog.regnamespace)"
    " FROM pg_catalog.pg_proc p WHERE p.proname = $1::name";

// $1 operator name -> the same three counts for operators, whose function
// must be a built-in one that is not volatile.
static const char SQL_OP_SAFE[] =
    "SELECT pg_catalog.count(*) FILTER (WHERE o.oprnamespace <>"
    " 'pg_catalog'::pg_catalog.regnamespace),"
    " pg_catalog.count(*) FILTER (WHERE o.oprnamespace ="
    " 'pg_catalog'::pg_catalog.regnamespace AND (p.oid IS NULL OR"
    " p.pronamespace <> 'pg_catalog'::pg_catalog.regnamespace OR"
    " p.provolatile = 'v')),"
    " pg_catalog.count(*) FILTER (WHERE o.oprnamespace ="
    " 'pg_catalog'::pg_catalog.regnamespace)"
    " FROM pg_catalog.pg_operator o"
    " LEFT JOIN pg_catalog.pg_proc p ON p.oid = o.oprcode"
    " WHERE o.oprname = $1::name";

// $1 type name as SQL -> whether it is a built-in type (no user code in its
// input function).
static const char SQL_TYPE_SAFE[] =
    "SELECT t.typnamespace = 'pg_catalog'::pg_catalog.regnamespace"
    " FROM pg_catalog.pg_type t WHERE t.oid = pg_catalog.to_regtype($1)";

// Whether any cast runs a function outside pg_catalog.
static const char SQL_USER_CASTS[] =
    "SELECT (EXISTS (SELECT 1 FROM pg_catalog.pg_cast c"
    " JOIN pg_catalog.pg_proc p ON p.oid = c.castfunc"
    " WHERE p.pronamespace <> 'pg_catalog'::pg_catalog.regnamespace))::int";

/* Section - Expression safety */

// Whether every function, operator, type and column of @shape is one the
// tool may evaluate; when not, *why says which and why.
pf__qrc pf__live_expr_safe(pf_live *self, const pf_expr_shape *s,
                           const char *oid, bool *safe, char *why, size_t wsize,
                           const char *what, pf_error *err)
{
  *safe = false;
  if (!s) {
    snprintf(why, wsize, "the expression was not analysed");
    return PF_Q_OK;
  }
  if (s->unsafe) {
    snprintf(why, wsize, "it contains %s", s->unsafe);
    return PF_Q_OK;
  }
  PGresult *res = NULL;
  pf__qrc rc = PF_Q_OK;
  for (uint32_t i = 0; i < s->nfuncs; i++) {
    const char *f = s->funcs[i];
    const char *dot = strchr(f, '.');
    bool qualified = dot != NULL;
    if (qualified && strncmp(f, "pg_catalog.", 11) != 0) {
      snprintf(why, wsize, "it calls %s, which is not a built-in function", f);
      return PF_Q_OK;
    }
    const char *p[1] = {qualified ? dot + 1 : f};
    rc = pf__live_query(self, SQL_FUNC_SAFE, 1, p, &res, what, err);
    if (rc != PF_Q_OK)
      return rc;
    int64_t outside = -1, bad = -1, builtin = -1;
    pf__live_parse_i64(PQgetvalue(res, 0, 0), &outside);
    pf__live_parse_i64(PQgetvalue(res, 0, 1), &bad);
    pf__live_parse_i64(PQgetvalue(res, 0, 2), &builtin);
    PQclear(res);
    if (builtin <= 0) {
      snprintf(why, wsize, "it calls %s(), which is not a built-in function",
               f);
      return PF_Q_OK;
    }
    if (bad != 0) {
      snprintf(why, wsize,
               "it calls %s(), which is not an immutable plain function "
               "(pg_proc.provolatile)",
               f);
      return PF_Q_OK;
    }
    if (!qualified && outside != 0) {
      snprintf(why, wsize,
               "it calls %s(), and a function of that name exists outside "
               "pg_catalog",
               f);
      return PF_Q_OK;
    }
  }
  for (uint32_t i = 0; i < s->nops; i++) {
    const char *o = s->ops[i];
    const char *dot = strchr(o, '.');
    if (dot && strncmp(o, "pg_catalog.", 11) != 0) {
      snprintf(why, wsize, "it uses operator %s, which is not built in", o);
      return PF_Q_OK;
    }
    const char *p[1] = {dot ? dot + 1 : o};
    rc = pf__live_query(self, SQL_OP_SAFE, 1, p, &res, what, err);
    if (rc != PF_Q_OK)
      return rc;
    int64_t outside = -1, bad = -1, builtin = -1;
    pf__live_parse_i64(PQgetvalue(res, 0, 0), &outside);
    pf__live_parse_i64(PQgetvalue(res, 0, 1), &bad);
    pf__live_parse_i64(PQgetvalue(res, 0, 2), &builtin);
    PQclear(res);
    if (builtin <= 0 || bad != 0 || (!dot && outside != 0)) {
      snprintf(why, wsize,
               "it uses operator %s, which is not only a built-in, "
               "non-volatile operator",
               o);
      return PF_Q_OK;
    }
  }
  for (uint32_t i = 0; i < s->ntypes; i++) {
    const char *p[1] = {s->types[i]};
    rc = pf__live_query(self, SQL_TYPE_SAFE, 1, p, &res, what, err);
    if (rc != PF_Q_OK)
      return rc;
    bool ok = PQntuples(res) == 1 && PQgetvalue(res, 0, 0)[0] == 't';
    PQclear(res);
    if (!ok) {
      snprintf(why, wsize, "it casts to %s, which is not a built-in type",
               s->types[i]);
      return PF_Q_OK;
    }
  }
  if (s->ntypes) {
    int64_t user = 0;
    rc = pf__live_scalar(self, SQL_USER_CASTS, 0, NULL, &user, what, err);
    if (rc != PF_Q_OK)
      return rc;
    if (user) {
      snprintf(why, wsize,
               "it has a cast, and the database defines casts with "
               "functions outside pg_catalog");
      return PF_Q_OK;
    }
  }
  for (uint32_t i = 0; i < s->ncols; i++) {
    const char *q[2] = {oid, s->cols[i]};
    rc = pf__live_query(self, pf__live_sql_resolve_column, 2, q, &res, what,
                        err);
    if (rc != PF_Q_OK)
      return rc;
    bool exists = PQntuples(res) == 1;
    bool builtin = exists && PQgetvalue(res, 0, 3)[0] == 't';
    PQclear(res);
    if (!exists) {
      snprintf(why, wsize, "it names column \"%s\", which the table lacks",
               s->cols[i]);
      return PF_Q_OK;
    }
    if (!builtin) {
      snprintf(why, wsize,
               "column \"%s\" has a type that is not built in (its "
               "operators may run user code)",
               s->cols[i]);
      return PF_Q_OK;
    }
  }
  *safe = true;
  return PF_Q_OK;
}

/* Section - Type fit */

// A type name as the migration writes it -> canonical base and modifiers.
typedef struct tname {
  char base[32];  // int2 int4 int8 numeric varchar bpchar text uuid bool
                  // date timestamp timestamptz json jsonb, or "" unknown
  int mod1, mod2; // -1 when absent
} tname;

static void parse_tname(const char *in, tname *t)
{
  char s[160];
  size_t k = 0;
  memset(t, 0, sizeof(*t));
  t->mod1 = t->mod2 = -1;
  if (!in)
    return;
  if (strncmp(in, "pg_catalog.", 11) == 0)
    in += 11;
  for (; *in && *in != '(' && k + 1 < sizeof(s); in++)
    s[k++] = (*in >= 'A' && *in <= 'Z') ? (char)(*in + 32) : *in;
  s[k] = '\0';
  while (k && s[k - 1] == ' ')
    s[--k] = '\0';
  if (*in == '(') {
    char *end;
    t->mod1 = (int)strtol(in + 1, &end, 10);
    if (*end == ',')
      t->mod2 = (int)strtol(end + 1, &end, 10);
    // "timestamp(3) with time zone": the zone follows the modifier.
    const char *close = strchr(in, ')');
    if (close && !strcmp(s, "timestamp") &&
        (strstr(close, "with time zone") || strstr(close, "WITH TIME ZONE")))
      snprintf(s, sizeof(s), "timestamptz");
  }
  static const char *const map[][2] = {
      {"smallint", "int2"},
      {"int2", "int2"},
      {"integer", "int4"},
      {"int", "int4"},
      {"int4", "int4"},
      {"bigint", "int8"},
      {"int8", "int8"},
      {"numeric", "numeric"},
      {"decimal", "numeric"},
      {"varchar", "varchar"},
      {"character varying", "varchar"},
      {"bpchar", "bpchar"},
      {"char", "bpchar"},
      {"character", "bpchar"},
      {"text", "text"},
      {"uuid", "uuid"},
      {"bool", "bool"},
      {"boolean", "bool"},
      {"date", "date"},
      {"timestamp", "timestamp"},
      {"timestamp without time zone", "timestamp"},
      {"timestamptz", "timestamptz"},
      {"timestamp with time zone", "timestamptz"},
      {"json", "json"},
      {"jsonb", "jsonb"},
  };
  for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
    if (strcmp(s, map[i][0]) == 0) {
      snprintf(t->base, sizeof(t->base), "%s", map[i][1]);
      return;
    }
  }
}

static bool is_int(const char *b)
{
  return !strcmp(b, "int2") || !strcmp(b, "int4") || !strcmp(b, "int8");
}

static bool is_text(const char *b)
{
  return !strcmp(b, "text") || !strcmp(b, "varchar") || !strcmp(b, "bpchar");
}

static void int_range(const char *b, const char **lo, const char **hi)
{
  *lo = !strcmp(b, "int2")   ? "-32768"
        : !strcmp(b, "int4") ? "-2147483648"
                             : "-9223372036854775808";
  *hi = !strcmp(b, "int2")   ? "32767"
        : !strcmp(b, "int4") ? "2147483647"
                             : "9223372036854775807";
}

// Text to date, timestamp, timestamptz, json and jsonb: PostgreSQL 15 has
// no pg_input_is_valid (16 has), and a cast that fails aborts the query, so
// the values are sorted by their shape with regular expressions (a regular
// expression cannot raise an error; the integer casts below only read
// digits a pattern has just matched). Three classes: forms the input
// function surely accepts, forms it surely rejects, and the rest, which
// the check does not judge ("not evaluated", never "passes"). $V stands for
// the quoted column. Each form was checked against PostgreSQL 15's own
// casts (tests/live/test_newdata.c repeats a sample of them).

// Year, month, day of an ISO 8601 date at the start; NULL without one.
#define ISO_Y "pg_catalog.substring($V::text, '^\\s*([0-9]{4})')::int"
#define ISO_M "pg_catalog.substring($V::text, '^\\s*[0-9]{4}-([0-9]{2})')::int"
#define ISO_D                                                                  \
  "pg_catalog.substring($V::text, '^\\s*[0-9]{4}-[0-9]{2}-([0-9]{2})')::int"
// A day that exists in the Gregorian calendar (year 1 to 9999).
#define ISO_YMD_OK                                                             \
  "(" ISO_Y " >= 1 AND " ISO_M " BETWEEN 1 AND 12 AND " ISO_D                  \
  " BETWEEN 1 AND CASE WHEN " ISO_M " = 2 THEN CASE WHEN " ISO_Y               \
  " % 4 = 0 AND (" ISO_Y " % 100 <> 0 OR " ISO_Y " % 400 = 0) THEN 29 ELSE "   \
  "28 END WHEN " ISO_M " IN (4, 6, 9, 11) THEN 30 ELSE 31 END)"
// yyyy-mm-dd, optionally [ T]hh:mm[:ss[.ffffff]] and a numeric zone or Z.
#define ISO_TS                                                                 \
  "'^\\s*[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2}"           \
  "(\\.[0-9]{1,6})?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?)?\\s*$'"
#define ISO_PRE "^\\s*[0-9]{4}-[0-9]{2}-[0-9]{2}[ T]"
#define ISO_HH  "pg_catalog.substring($V::text, '" ISO_PRE "([0-9]{2})')::int"
#define ISO_MI                                                                 \
  "pg_catalog.substring($V::text, '" ISO_PRE "[0-9]{2}:([0-9]{2})')::int"
#define ISO_SS                                                                 \
  "pg_catalog.substring($V::text, '" ISO_PRE                                   \
  "[0-9]{2}:[0-9]{2}:([0-9]{2})')::int"
#define ISO_ZH                                                                 \
  "pg_catalog.substring($V::text, '" ISO_PRE "[0-9:.]+[+-]([0-9]{2})')::int"
#define ISO_ZM                                                                 \
  "pg_catalog.substring($V::text, '" ISO_PRE                                   \
  "[0-9:.]+[+-][0-9]{2}:?([0-9]{2})')::int"
#define DT_SPECIAL                                                             \
  "'^\\s*(epoch|infinity|-infinity|today|tomorrow|yesterday|now)\\s*$'"
// Date and time input needs digits for a year and a day, unless a special
// word stands for the whole value; a blank is never a date.
#define DT_NO_DATE                                                             \
  "($V::text ~ '^\\s*$' OR ($V::text !~ '[0-9]' AND "                          \
  "pg_catalog.lower($V::text) !~ "                                             \
  "'(epoch|infinity|today|tomorrow|yesterday|now|allballs)'))"
static const char DT_OK[] =
    "($V::text ~ " ISO_TS " AND " ISO_YMD_OK " AND COALESCE(" ISO_HH
    ", 0) <= 23 AND COALESCE(" ISO_MI ", 0) <= 59 AND COALESCE(" ISO_SS
    ", 0) <= 59 AND COALESCE(" ISO_ZH ", 0) <= 14 AND COALESCE(" ISO_ZM
    ", 0) <= 59) OR $V::text ~* " DT_SPECIAL;
static const char DT_FAIL[] =
    "(" DT_NO_DATE " OR ($V::text ~ " ISO_TS " AND (NOT " ISO_YMD_OK
    " OR COALESCE(" ISO_HH ", 0) > 24 OR COALESCE(" ISO_MI
    ", 0) > 59 OR COALESCE(" ISO_SS ", 0) > 60)))";

// JSON text: trimmed of JSON's own white space, its first character
// decides what the whole value must be.
#define J       "pg_catalog.btrim($V::text, E' \\t\\n\\r')"
#define JNUM_OK "'^-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]{1,4})?$'"
#define JNUM    "'^-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?$'"
#define JSTR_OK "'^\"([^\"\\\\\\x01-\\x1f]|\\\\[\"\\\\/bfnrt])*\"$'"
#define JSTR                                                                   \
  "'^\"([^\"\\\\\\x01-\\x1f]|\\\\[\"\\\\/bfnrt]|\\\\u[0-9a-fA-F]{4})*\"$'"
static const char JSON_OK[] =
    "(" J " ~ '^(true|false|null)$' OR (" J " ~ " JNUM_OK
    " AND pg_catalog.length(" J ") < 1000) OR " J " ~ " JSTR_OK " OR " J
    " ~ '^(\\{[ \\t\\n\\r]*\\}|\\[[ \\t\\n\\r]*\\])$')";
static const char JSON_FAIL[] =
    "(" J " = '' OR " J " !~ '^[-0-9\"tfn{[]' OR (" J " ~ '^[tfn]' AND " J
    " !~ '^(true|false|null)$') OR (" J " ~ '^[-0-9]' AND " J " !~ " JNUM
    ") OR (" J " ~ '^\"' AND " J " !~ " JSTR ") OR (" J " ~ '^\\{' AND " J
    " !~ '\\}$') OR (" J " ~ '^\\[' AND " J " !~ '\\]$'))";

// Appends @tmpl with every $V replaced by @v.
static void put_tmpl(pf_buf *b, const char *tmpl, const char *v)
{
  for (const char *p = tmpl; *p; p++) {
    if (p[0] == '$' && p[1] == 'V') {
      pf_buf_puts(b, v);
      p++;
    } else {
      pf_buf_putc(b, *p);
    }
  }
}

// @where: values surely rejected; @unsure: values not judged (neither
// surely accepted nor surely rejected; NULL converts to NULL).
static void put_shapes(pf_buf *where, pf_buf *unsure, const char *ok,
                       const char *fail, const char *v)
{
  put_tmpl(where, fail, v);
  pf_buf_puts(unsure, "(");
  pf_buf_puts(unsure, v);
  pf_buf_puts(unsure, " IS NOT NULL AND NOT COALESCE(");
  put_tmpl(unsure, ok, v);
  pf_buf_puts(unsure, ", false) AND NOT COALESCE(");
  put_tmpl(unsure, fail, v);
  pf_buf_puts(unsure, ", false))");
}

// Builds in @where the predicate over column @v (quoted) that is true for a
// value that will not convert. Returns false with *why when the change is
// not evaluated; sets *always_fails (with *why) when PostgreSQL refuses the
// change whatever the data.
bool pf__live_type_predicate(const pf_live_check *chk, const char *col_type,
                             bool col_builtin, const char *v, pf_buf *where,
                             pf_buf *unsure, const char **judged,
                             bool *always_fails, char *why, size_t wsize)
{
  *judged = NULL;
  tname from, to;
  parse_tname(col_type, &from);
  parse_tname(chk->new_type, &to);
  *always_fails = false;
  if (!col_builtin || !from.base[0] || !to.base[0]) {
    snprintf(why, wsize,
             "not evaluated: the change from %s to %s is not one "
             "the tool models",
             col_type, chk->new_type ? chk->new_type : "?");
    return false;
  }
  const pf_expr_shape *s = chk->shape;
  bool using_cast = false;
  if (s) {
    // Only "USING column::type" is understood: the type's own input
    // function decides, and the predicates below model it.
    if (!s->cast_of || strcmp(s->cast_of, chk->cols[0]) != 0) {
      snprintf(why, wsize,
               "not evaluated: the USING expression is not run (a failing "
               "conversion aborts the query, and PostgreSQL 15 has no "
               "pg_input_is_valid)");
      return false;
    }
    using_cast = true;
  }
  const char *lo, *hi;
  if (!strcmp(to.base, "text")) {
    pf_buf_puts(where, "false"); // every value has a text form
    return true;
  }
  if (!strcmp(to.base, "bpchar") && to.mod1 < 0)
    to.mod1 = 1; // char means char(1)
  if (!strcmp(to.base, "varchar") || !strcmp(to.base, "bpchar")) {
    if (to.mod1 < 0) {
      pf_buf_puts(where, "false");
      return true;
    }
    pf_buf_printf(where,
                  "pg_catalog.char_length(pg_catalog.rtrim(%s::text, ' ')) "
                  "> %d",
                  v, to.mod1);
    return true;
  }
  if (is_int(to.base) && (is_int(from.base) || !strcmp(from.base, "numeric"))) {
    int_range(to.base, &lo, &hi);
    if (!strcmp(from.base, "numeric"))
      pf_buf_printf(where,
                    "(%s = 'NaN' OR pg_catalog.round(%s) NOT BETWEEN %s AND "
                    "%s)",
                    v, v, lo, hi);
    else
      pf_buf_printf(where, "%s NOT BETWEEN %s AND %s", v, lo, hi);
    return true;
  }
  if (!strcmp(to.base, "numeric") &&
      (is_int(from.base) || !strcmp(from.base, "numeric"))) {
    if (to.mod1 < 0) {
      pf_buf_puts(where, "false");
      return true;
    }
    int scale = to.mod2 < 0 ? 0 : to.mod2;
    pf_buf_printf(where,
                  "(%s::numeric <> 'NaN' AND pg_catalog.abs(pg_catalog.round("
                  "%s::numeric, %d)) >= pg_catalog.power(10::numeric, %d))",
                  v, v, scale, to.mod1 - scale);
    return true;
  }
  if (is_text(from.base)) {
    if (!using_cast && !is_text(to.base)) {
      *always_fails = true;
      snprintf(why, wsize,
               "%s has no automatic conversion to %s: PostgreSQL refuses the "
               "change without USING",
               col_type, chk->new_type);
      return false;
    }
    if (is_int(to.base)) {
      int_range(to.base, &lo, &hi);
      pf_buf_printf(where,
                    "CASE WHEN %s ~ '^\\s*[-+]?[0-9]{1,30}\\s*$' THEN "
                    "pg_catalog.btrim(%s)::numeric NOT BETWEEN %s AND %s ELSE "
                    "true END",
                    v, v, lo, hi);
      return true;
    }
    if (!strcmp(to.base, "uuid")) {
      pf_buf_printf(where,
                    "%s !~* '^(\\{[0-9a-f]{4}(-?[0-9a-f]{4}){7}\\}|"
                    "[0-9a-f]{4}(-?[0-9a-f]{4}){7})$'",
                    v);
      return true;
    }
    if (!strcmp(to.base, "bool")) {
      // boolin: white space around, any case, a unique prefix of true,
      // false, yes, no, or on, off, 1, 0.
      pf_buf_printf(where,
                    "%s::text !~* '^\\s*(t|tr|tru|true|y|ye|yes|on|1|f|fa|"
                    "fal|fals|false|n|no|of|off|0)\\s*$'",
                    v);
      return true;
    }
    if (!strcmp(to.base, "date") || !strcmp(to.base, "timestamp") ||
        !strcmp(to.base, "timestamptz")) {
      put_shapes(where, unsure, DT_OK, DT_FAIL, v);
      *judged = "values are judged by form: ISO 8601 yyyy-mm-dd[ hh:mm[:ss["
                ".ffffff]][zone]] with a real day and time, epoch, infinity, "
                "today, now and the like convert; blanks, text with no digit, "
                "and impossible days or times do not; other forms are not "
                "judged";
      return true;
    }
    if (!strcmp(to.base, "json") || !strcmp(to.base, "jsonb")) {
      put_shapes(where, unsure, JSON_OK, JSON_FAIL, v);
      *judged = "values are judged by form: true, false, null, numbers, "
                "strings without \\u escapes, {} and [] convert; blanks and "
                "values whose first and last characters cannot make JSON do "
                "not; other objects and arrays are not judged";
      return true;
    }
  }
  snprintf(why, wsize,
           "not evaluated: whether %s values convert to %s cannot be tested "
           "without casting them",
           col_type, chk->new_type);
  return false;
}
