/* Live checks: which copied expressions may be evaluated (CHECK, USING),
 * and the predicates that find values a type change cannot convert. */
/* SPDX-License-Identifier: MIT */
#include "live.h"
#include "live_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

// $1 table oid, $2 column -> whether the column's type, not itself built
// in nor an enum, is an array of one, or a domain over an enum, an array
// of such domains or a domain over an array of the enum: the columns that
// hold an enum (issue 7). Their operators
// and casts are the element's or the base type's, and reading them runs no
// user code (a domain's CHECK runs only when a value is cast to it).
// Domains over other types stay "not evaluated".
static const char SQL_COLUMN_TYPE_PLAIN[] =
    "SELECT CASE WHEN t.typtype = 'd' OR x.typtype = 'd'"
    " THEN y.typtype = 'e'"
    " ELSE x.typnamespace = 'pg_catalog'::pg_catalog.regnamespace"
    " OR x.typtype = 'e' END"
    " FROM pg_catalog.pg_attribute a"
    " JOIN pg_catalog.pg_type t ON t.oid = a.atttypid"
    " JOIN pg_catalog.pg_type b ON b.oid = CASE WHEN t.typtype = 'd'"
    " THEN t.typbasetype ELSE t.oid END"
    " JOIN pg_catalog.pg_type x ON x.oid = CASE WHEN b.typcategory = 'A'"
    " AND b.typelem <> 0 THEN b.typelem ELSE b.oid END"
    " JOIN pg_catalog.pg_type y ON y.oid = CASE WHEN x.typtype = 'd'"
    " THEN x.typbasetype ELSE x.oid END"
    " WHERE a.attrelid = $1::pg_catalog.oid AND a.attname = $2::name"
    " AND a.attnum > 0 AND NOT a.attisdropped";

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
    if (exists && !builtin) {
      rc = pf__live_query(self, SQL_COLUMN_TYPE_PLAIN, 2, q, &res, what, err);
      if (rc != PF_Q_OK)
        return rc;
      builtin = PQntuples(res) == 1 && PQgetvalue(res, 0, 0)[0] == 't';
      PQclear(res);
    }
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
      {"real", "float4"},
      {"float4", "float4"},
      {"double precision", "float8"},
      {"float8", "float8"},
      {"float", "float8"},
  };
  for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
    if (strcmp(s, map[i][0]) == 0) {
      snprintf(t->base, sizeof(t->base), "%s", map[i][1]);
      break;
    }
  }
  // float(p): real up to 24 binary digits, double precision above.
  if (!strcmp(s, "float") && t->mod1 >= 1 && t->mod1 <= 24)
    snprintf(t->base, sizeof(t->base), "float4");
}

static bool is_int(const char *b)
{
  return !strcmp(b, "int2") || !strcmp(b, "int4") || !strcmp(b, "int8");
}

static bool is_float(const char *b)
{
  return !strcmp(b, "float4") || !strcmp(b, "float8");
}

// date, timestamp or timestamptz.
static bool is_datetime(const char *b)
{
  return !strcmp(b, "date") || !strcmp(b, "timestamp") ||
         !strcmp(b, "timestamptz");
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

// The white space input functions skip: isspace() on bytes, which is ASCII
// only; \s also matches Unicode spaces (U+2003) in a UTF-8 database, and
// the input functions reject those.
#define WS "[ \\t\\n\\r\\f\\v]"

// Year, month, day of an ISO 8601 date at the start; NULL without one.
#define ISO_Y "pg_catalog.substring($V::text, '^" WS "*([0-9]{4})')::int"
#define ISO_M                                                                  \
  "pg_catalog.substring($V::text, '^" WS "*[0-9]{4}-([0-9]{2})')::int"
#define ISO_D                                                                  \
  "pg_catalog.substring($V::text, '^" WS "*[0-9]{4}-[0-9]{2}-([0-9]{2})')::"   \
  "int"
// A day that exists in the Gregorian calendar (year 1 to 9999).
#define ISO_YMD_OK                                                             \
  "(" ISO_Y " >= 1 AND " ISO_M " BETWEEN 1 AND 12 AND " ISO_D                  \
  " BETWEEN 1 AND CASE WHEN " ISO_M " = 2 THEN CASE WHEN " ISO_Y               \
  " % 4 = 0 AND (" ISO_Y " % 100 <> 0 OR " ISO_Y " % 400 = 0) THEN 29 ELSE "   \
  "28 END WHEN " ISO_M " IN (4, 6, 9, 11) THEN 30 ELSE 31 END)"
// yyyy-mm-dd, optionally [ T]hh:mm[:ss[.ffffff]] and a numeric zone or Z.
#define ISO_TS                                                                 \
  "'^" WS "*[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2}"        \
  "(\\.[0-9]{1,6})?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?)?" WS "*$'"
#define ISO_PRE "^" WS "*[0-9]{4}-[0-9]{2}-[0-9]{2}[ T]"
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
  "'^" WS "*(epoch|infinity|-infinity|today|tomorrow|yesterday|now)" WS "*$'"
// Date and time input needs digits for a year and a day, unless a special
// word stands for the whole value; a blank is never a date.
#define DT_NO_DATE                                                             \
  "($V::text ~ '^" WS "*$' OR ($V::text !~ '[0-9]' AND "                       \
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

// JSON text of any shape, judged without a cast: each string becomes \x01,
// each number and true, false, null \x02, JSON's white space goes, and
// then, JSON_DEPTH times, every innermost object or array made only of
// these becomes \x02. Tokens are matched left to right as the server's
// lexer reads them, and a character no token or rule accounts for (a quote
// that opens no valid string, a bare letter, a stray comma) stays. So a
// value that reduces to one \x01 or \x02 is valid JSON; one that does not,
// with no [ or { left to reduce, is not; one with brackets left may be
// deeper than JSON_DEPTH and is not judged. Values over JSON_MAX_CHARS
// characters are not judged (the cost), nor values that already hold the
// placeholders (\x01 and \x02 are never valid in JSON text anyway).
#define JSON_DEPTH     8
#define JSON_MAX_CHARS 100000
// A string: any JSON escape (json stores the text as it is).
#define JR_STRING                                                              \
  "\"(?:[^\"\\\\\\x01-\\x1f]|\\\\[\"\\\\/bfnrt]|\\\\u[0-9a-fA-F]{4})*\""
// A string that jsonb stores: \u escapes other than \u0000 and lone
// surrogates (jsonb decodes them; the caller also requires a UTF-8
// database when there is one).
#define JR_STRING_B                                                            \
  "\"(?:[^\"\\\\\\x01-\\x1f]|\\\\[\"\\\\/"                                     \
  "bfnrt]|\\\\u(?:0[0-9a-fA-F]{2}[1-9a-fA-F]|"                                 \
  "0[0-9a-fA-F][1-9a-fA-F][0-9a-fA-F]|0[1-9a-fA-F][0-9a-fA-F]{2}|"             \
  "[1-9a-cA-CeEfF][0-9a-fA-F]{3}|[dD][0-7][0-9a-fA-F]{2}|"                     \
  "[dD][89abAB][0-9a-fA-F]{2}\\\\u[dD][c-fC-F][0-9a-fA-F]{2}))*\""
// A number or literal.
#define JR_SCALAR                                                              \
  "-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|true|false|null"
// One that jsonb stores as numeric: at most 200 digits each side of the
// point and a 3-digit exponent (numeric's limits are 131072 and 16383).
#define JR_SCALAR_B                                                            \
  "-?(?:0|[1-9][0-9]{0,199})(?:\\.[0-9]{1,200})?(?:[eE][+-]?[0-9]{1,3})?|"     \
  "true|"                                                                      \
  "false|null"
#define JR_CONTAINER                                                           \
  "\\{(?:\\x01:[\\x01\\x02](?:,\\x01:[\\x01\\x02])*)?\\}|"                     \
  "\\[(?:[\\x01\\x02](?:,[\\x01\\x02])*)?\\]"

// What the reduced text of valid JSON never is, with \x01 for a string
// and \x02 for any other value: not one value and no [ or { left to
// reduce; a character that is no placeholder or punctuation; a start or
// an end that no value has; and any two neighbours valid JSON never puts
// side by side ({ then a non-key; [ then , : or }; a string then other
// than : , ] }; another value then other than , ] }; : or , then other
// than a value; ] or } then other than , ] }; [ closed by } or { by ]).
#define JR_INVALID                                                             \
  "^(?:[^[{]{2,}|[^[{\\x01\\x02]?)$|[^][\\x01\\x02{},:]|^[^\\x01\\x02[{]|"     \
  "[^\\x01\\x02\\]}]$|\\{[^\\x01}]|\\[[,:}]|\\x01[^],:}]|\\x02[^],}]|"         \
  ":[^\\x01\\x02[{]|,[^\\x01\\x02[{]|[]}][^],}]|\\[[^][{}]*\\}|"               \
  "\\{[^][{}]*\\]"

// The reduced text of column $V (a template), with the tokens of @string
// and @scalar.
static void put_json_reduced(pf_buf *b, const char *string, const char *scalar)
{
  for (int i = 0; i < JSON_DEPTH; i++)
    pf_buf_puts(b, "pg_catalog.regexp_replace(");
  // White space goes after the tokens, so it cannot join two of them.
  pf_buf_printf(b,
                "pg_catalog.translate(pg_catalog.regexp_replace("
                "pg_catalog.regexp_replace($V::text, '%s', pg_catalog.chr(1), "
                "'g'), '%s', pg_catalog.chr(2), 'g'), E' \\t\\n\\r', '')",
                string, scalar);
  for (int i = 0; i < JSON_DEPTH; i++)
    pf_buf_puts(b, ", '" JR_CONTAINER "', pg_catalog.chr(2), 'g')");
}

// The judged forms of text to json or jsonb: @ok (surely converts) and
// @fail (surely does not), templates over $V. Without @deep, only scalars
// and empty objects and arrays are judged (JSON_OK, JSON_FAIL).
static void json_forms(bool jsonb, bool deep, pf_buf *ok, pf_buf *fail)
{
  if (!deep) {
    // Objects and arrays with content are not judged.
    pf_buf_puts(ok, JSON_OK);
    pf_buf_printf(fail,
                  "(%s OR $V::text ~ '[\\x01-\\x08\\x0b\\x0c\\x0e-\\x1f]')",
                  JSON_FAIL);
    return;
  }
  char guard[128];
  snprintf(guard, sizeof(guard),
           "(pg_catalog.length($V::text) <= %d AND $V::text !~ "
           "'[\\x01\\x02]')",
           JSON_MAX_CHARS);
  pf_buf_printf(ok, "(%s OR (%s AND ", JSON_OK, guard);
  if (jsonb)
    pf_buf_puts(ok, "(pg_catalog.getdatabaseencoding() = 'UTF8' OR $V::text "
                    "!~ '\\\\u') AND ");
  put_json_reduced(ok, jsonb ? JR_STRING_B : JR_STRING,
                   jsonb ? JR_SCALAR_B : JR_SCALAR);
  pf_buf_puts(ok, " ~ '^[\\x01\\x02]$'))");
  // Invalid JSON is invalid for both: the exact tokens of the lexer, then
  // what valid JSON never reduces to (JR_INVALID).
  // A control character other than JSON's white space is never valid: not
  // between tokens, nor raw inside a string.
  pf_buf_printf(fail,
                "(%s OR $V::text ~ '[\\x01-\\x08\\x0b\\x0c\\x0e-\\x1f]' "
                "OR (%s AND ",
                JSON_FAIL, guard);
  pf_buf_puts(fail, "pg_catalog.textregexeq(");
  put_json_reduced(fail, JR_STRING, JR_SCALAR);
  pf_buf_puts(fail, ", '" JR_INVALID "')))");
}

// How values are judged (the evidence says so).
static const char JUDGED_JSON[] =
    "values are judged by form: JSON up to 8 levels deep converts; text that "
    "is not JSON does not; deeper values and values over 100000 characters "
    "are cast";
static const char JUDGED_JSONB[] =
    "values are judged by form: JSON up to 8 levels deep whose strings jsonb "
    "can store (no \\u0000, no lone surrogate, other \\u escapes in a "
    "UTF-8 database) and whose numbers have at most 200 digits each side of "
    "the point and a 3-digit exponent converts; text that is not JSON does "
    "not; deeper values, values over 100000 characters and other numbers and "
    "escapes are cast";
static const char JUDGED_JSONB_FROM_JSON[] =
    "values are judged by form: JSON up to 8 levels deep whose strings jsonb "
    "can store (no \\u0000, no lone surrogate, other \\u escapes in a "
    "UTF-8 database) and whose numbers have at most 200 digits each side of "
    "the point and a 3-digit exponent converts; other values are cast";
static const char JUDGED_JSON_SHALLOW[] =
    "values are judged by form: true, false, null, numbers, strings without "
    "\\u escapes, {} and [] convert; blanks and values whose first and last "
    "characters cannot make JSON do not; objects and arrays with content are "
    "judged by form only on tables of at most 20000 rows or with --exact (it "
    "costs tens of microseconds a value), and are cast here";

// Text to numeric: numeric_in reads ASCII white space, a sign, digits with
// at most one point, an exponent, or NaN and [+-]inf[inity]. OK: that form
// with at most 200 digits each side and a 3-digit exponent (a cast of a
// value of this form cannot fail: numeric's own limits are far above);
// FAIL: blank, or no digit at all and not one of the words.
#define NUM_FORM                                                               \
  "'^" WS "*[+-]?([0-9]{1,200}\\.?[0-9]{0,200}|\\.[0-9]{1,200})"               \
  "([eE][+-]?[0-9]{1,3})?" WS "*$'"
#define NUM_WORD "'^" WS "*(nan|[+-]?inf|[+-]?infinity)" WS "*$'"
#define NUM_FAIL                                                               \
  "($V::text ~ '^" WS "*$' OR ($V::text !~ '[0-9]' AND $V::text !~* " NUM_WORD \
  "))"
// Text to real and double precision: the same form, small enough for the
// type (float4: 15 digits and a 1-digit exponent stay within 1e-24 and
// 1e24; float8: 30 digits and 2 stay within 1e-129 and 1e129).
#define F4_FORM                                                                \
  "'^" WS "*[+-]?([0-9]{1,15}\\.?[0-9]{0,15}|\\.[0-9]{1,15})"                  \
  "([eE][+-]?[0-9])?" WS "*$'"
#define F8_FORM                                                                \
  "'^" WS "*[+-]?([0-9]{1,30}\\.?[0-9]{0,30}|\\.[0-9]{1,30})"                  \
  "([eE][+-]?[0-9]{1,2})?" WS "*$'"

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

// Real or double precision to an integer type: rint(), then the range;
// NaN and the infinities never fit (dtoi4 and the like: the bounds are
// powers of two, exact in double precision).
static void float_to_int(pf_buf *where, const char *v, const char *to)
{
  const char *lo = !strcmp(to, "int2")   ? "-32768"
                   : !strcmp(to, "int4") ? "-2147483648"
                                         : "-9223372036854775808";
  const char *hi = !strcmp(to, "int2")   ? "32768"
                   : !strcmp(to, "int4") ? "2147483648"
                                         : "9223372036854775808";
  pf_buf_printf(where,
                "(%s::float8 = 'NaN'::float8 OR pg_catalog.round(%s::float8) "
                "< '%s'::float8 OR pg_catalog.round(%s::float8) >= "
                "'%s'::float8)",
                v, v, lo, v, hi);
}

// Real or double precision to numeric: NaN always fits, the infinities
// only an unconstrained numeric of PostgreSQL 14+; other values are
// rounded to the scale and must stay below 10^(precision - scale). The CASE
// keeps the cast to numeric, which cannot convert an infinity before 14,
// away from them.
static void float_to_numeric(pf_buf *where, const char *v, int prec, int scale,
                             int server_version)
{
  const char *inf = prec >= 0 || server_version < 140000 ? "true" : "false";
  if (prec < 0) {
    pf_buf_printf(where,
                  "(%s AND %s::float8 IN ('Infinity'::float8, "
                  "'-Infinity'::float8))",
                  inf, v);
    return;
  }
  if (scale < 0)
    scale = 0;
  pf_buf_printf(where,
                "CASE WHEN %s::float8 IN ('Infinity'::float8, "
                "'-Infinity'::float8) THEN %s WHEN %s::float8 = "
                "'NaN'::float8 THEN false ELSE pg_catalog.abs(pg_catalog.round("
                "%s::numeric, %d)) >= pg_catalog.power(10::numeric, %d) END",
                v, inf, v, v, scale, prec - scale);
}

// To real or double precision. Integers fit both, and real fits double
// precision. Numeric and double precision fail past the target's range (to
// infinity) or below its smallest value (to zero), and NaN and infinities
// fit: values within a factor of ten of those limits are not judged.
// Returns how values are judged (static), or NULL when every value is.
static const char *to_float(pf_buf *where, pf_buf *unsure, const char *v,
                            const char *from, const char *to)
{
  bool narrower = !strcmp(to, "float4") && !strcmp(from, "float8");
  if (is_int(from) || (!strcmp(from, to)) ||
      (!strcmp(to, "float8") && !strcmp(from, "float4"))) {
    pf_buf_puts(where, "false");
    return NULL;
  }
  if (strcmp(from, "numeric") != 0 && !narrower) {
    pf_buf_puts(where, "false");
    return NULL;
  }
  bool f4 = !strcmp(to, "float4");
  char ok[512], fail[512];
  snprintf(ok, sizeof(ok),
           "($V::text IN ('NaN', 'Infinity', '-Infinity') OR $V = 0 OR "
           "pg_catalog.abs($V) BETWEEN %s AND %s)",
           f4 ? "1e-37" : "1e-300", f4 ? "1e38" : "1e300");
  snprintf(fail, sizeof(fail),
           "($V::text NOT IN ('NaN', 'Infinity', '-Infinity') AND $V <> 0 AND "
           "(pg_catalog.abs($V) >= %s OR pg_catalog.abs($V) < %s))",
           f4 ? "1e39" : "1e309", f4 ? "1e-46" : "1e-325");
  put_shapes(where, unsure, ok, fail, v);
  return f4 ? "values are judged by magnitude: between 1e-37 and 1e38 "
              "(and 0, NaN, infinity) they fit real; from 1e39 or below "
              "1e-46 they do not; values between are cast"
            : "values are judged by magnitude: between 1e-300 and 1e300 "
              "(and 0, NaN, infinity) they fit double precision; from 1e309 "
              "or below 1e-325 they do not; values between are cast";
}

// Between date, timestamp and timestamptz. A timestamp becomes a date
// always; a date past 294276 AD is no timestamp; the rest converts except,
// perhaps, within two days of the ends of the timestamp range, where the
// result depends on the time zone of the session that runs the migration:
// those values are not judged. Returns how values are judged, or NULL.
static const char *datetime_to_datetime(pf_buf *where, pf_buf *unsure,
                                        const char *v, const char *from,
                                        const char *to)
{
  if (!strcmp(to, "date") && strcmp(from, "timestamptz") != 0) {
    pf_buf_puts(where, "false");
    return NULL;
  }
  bool from_date = !strcmp(from, "date");
  // Past the end of the timestamp range whatever the zone.
  const char *fail = from_date ? "($V::text NOT IN ('infinity', '-infinity') "
                                 "AND $V >= '294277-01-01'::date)"
                               : "false";
  if (from_date && !strcmp(to, "timestamp")) {
    put_tmpl(where, fail, v);
    return NULL;
  }
  char ok[256];
  snprintf(ok, sizeof(ok),
           "($V::text IN ('infinity', '-infinity') OR $V BETWEEN "
           "'4714-11-27 BC'::%s AND '294276-12-29'::%s)",
           from, from);
  put_shapes(where, unsure, ok, fail, v);
  return "values are judged by range: all but those within two days of the "
         "ends of the timestamp range (4714 BC, 294276 AD) convert; those "
         "depend on the time zone of the session that runs the migration "
         "and are cast in this session";
}

// Text to numeric(p, s) (USING): values of numeric's own form are cast
// (which cannot fail for that form) and compared with the precision; NaN
// fits, infinity only an unconstrained numeric of PostgreSQL 14+; blanks
// and text with no digit fail; the rest is not judged. Returns how values
// are judged.
static const char *text_to_numeric(pf_buf *where, pf_buf *unsure, const char *v,
                                   int prec, int scale, int server_version)
{
  if (scale < 0)
    scale = 0;
  pf_buf_printf(where, "CASE WHEN %s::text ~ " NUM_FORM " THEN ", v);
  if (prec >= 0)
    pf_buf_printf(where,
                  "pg_catalog.abs(pg_catalog.round(%s::text::numeric, %d)) >= "
                  "pg_catalog.power(10::numeric, %d)",
                  v, scale, prec - scale);
  else
    pf_buf_puts(where, "false");
  pf_buf_printf(where, " WHEN %s::text ~* " NUM_WORD " THEN ", v);
  if (prec >= 0 || server_version < 140000)
    pf_buf_printf(where, "%s::text !~* '^" WS "*nan" WS "*$'", v);
  else
    pf_buf_puts(where, "false");
  pf_buf_puts(where, " ELSE ");
  put_tmpl(where, NUM_FAIL, v);
  pf_buf_puts(where, " END");
  pf_buf_printf(unsure,
                "(%s IS NOT NULL AND %s::text !~ " NUM_FORM
                " AND %s::text !~* " NUM_WORD " AND NOT ",
                v, v, v);
  put_tmpl(unsure, NUM_FAIL, v);
  pf_buf_puts(unsure, ")");
  return "values are judged by form: decimal numbers of at most 200 digits "
         "each side of the point and a 3-digit exponent are compared with "
         "the precision, NaN and infinity with the type; blanks and text "
         "with no digit do not convert; other forms are cast";
}

bool pf__live_using_is_cast(const pf_live_check *chk)
{
  const pf_expr_shape *s = chk->shape;
  if (!s || !s->cast_of || !chk->cols || strcmp(s->cast_of, chk->cols[0]) != 0)
    return false;
  // "USING v::inet" to cidr casts twice: to the type it names, then to the
  // column's new type; only a cast to that same type is the column's own.
  if (s->ntypes != 1 || !chk->new_type)
    return false;
  tname a, b;
  parse_tname(s->types[0], &a);
  parse_tname(chk->new_type, &b);
  // The same type, its modifiers no narrower: "USING v::numeric" to
  // numeric(5,2) fails where the direct cast does, "USING v::numeric(5,2)"
  // to numeric also where it does not.
  if (a.base[0] && b.base[0])
    return !strcmp(a.base, b.base) && ((a.mod1 < 0 && a.mod2 < 0) ||
                                       (a.mod1 == b.mod1 && a.mod2 == b.mod2));
  return !strcasecmp(s->types[0], chk->new_type);
}

// Builds in @where the predicate over column @v (quoted) that is true for a
// value that will not convert. Returns false with *why when the change is
// not evaluated; sets *always_fails (with *why) when PostgreSQL refuses the
// change whatever the data.
bool pf__live_type_predicate(const pf_live_check *chk, const char *col_type,
                             bool col_builtin, const pf__type_env *env,
                             const char *v, pf_buf *where, pf_buf *unsure,
                             const char **judged, bool *always_fails, char *why,
                             size_t wsize)
{
  int server_version = env->server_version;
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
    if (!pf__live_using_is_cast(chk)) {
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
  if (is_int(to.base) && is_float(from.base)) {
    float_to_int(where, v, to.base);
    return true;
  }
  if (!strcmp(to.base, "numeric") && is_float(from.base)) {
    float_to_numeric(where, v, to.mod1, to.mod2, server_version);
    return true;
  }
  if (is_float(to.base) && (is_int(from.base) || is_float(from.base) ||
                            !strcmp(from.base, "numeric"))) {
    *judged = to_float(where, unsure, v, from.base, to.base);
    return true;
  }
  if (is_datetime(to.base) && is_datetime(from.base)) {
    *judged = datetime_to_datetime(where, unsure, v, from.base, to.base);
    return true;
  }
  if (!strcmp(from.base, "jsonb") && !strcmp(to.base, "json")) {
    pf_buf_puts(where, "false"); // jsonb prints valid JSON
    return true;
  }
  if (!strcmp(from.base, "json") && !strcmp(to.base, "jsonb")) {
    pf_buf ok = PF_BUF_INIT, fail = PF_BUF_INIT;
    json_forms(true, env->deep_json, &ok, &fail);
    put_shapes(where, unsure, ok.data, "false", v);
    pf_buf_clear(&ok);
    pf_buf_clear(&fail);
    *judged = env->deep_json ? JUDGED_JSONB_FROM_JSON : JUDGED_JSON_SHALLOW;
    return true;
  }
  // Boolean and integer: only integer and boolean cast to each other, and
  // only explicitly (USING); the casts cannot fail.
  if ((!strcmp(from.base, "bool") && is_int(to.base)) ||
      (is_int(from.base) && !strcmp(to.base, "bool"))) {
    bool int4 = !strcmp(from.base, "int4") || !strcmp(to.base, "int4");
    if (!int4 || !using_cast) {
      *always_fails = true;
      snprintf(why, wsize,
               "%s has no %s to %s: PostgreSQL refuses the change%s", col_type,
               int4 ? "automatic conversion" : "cast", chk->new_type,
               int4 ? " without USING" : "");
      return false;
    }
    pf_buf_puts(where, "false");
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
    if (is_int(to.base) && server_version >= 160000) {
      // PostgreSQL 16 also reads hexadecimal, octal and binary integers
      // and underscores between digits: forms other than the plain one
      // are cast (the cast probe), unless they hold no digit at all.
      int_range(to.base, &lo, &hi);
      pf_buf_printf(where,
                    "CASE WHEN %s ~ '^" WS "*[-+]?[0-9]{1,30}" WS "*$' THEN "
                    "pg_catalog.btrim(%s)::numeric NOT BETWEEN %s AND %s ELSE "
                    "%s !~ '[0-9]' END",
                    v, v, lo, hi, v);
      pf_buf_printf(unsure,
                    "(%s IS NOT NULL AND %s !~ '^" WS "*[-+]?[0-9]{1,30}" WS
                    "*$' AND %s ~ '[0-9]')",
                    v, v, v);
      *judged = "values are judged by form: decimal integers are compared "
                "with the type's range, text with no digit does not convert; "
                "other forms (PostgreSQL 16 reads hexadecimal, octal, binary "
                "and underscores) are cast";
      return true;
    }
    if (is_int(to.base)) {
      int_range(to.base, &lo, &hi);
      pf_buf_printf(where,
                    "CASE WHEN %s ~ '^" WS "*[-+]?[0-9]{1,30}" WS "*$' THEN "
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
                    "%s::text !~* '^" WS "*(t|tr|tru|true|y|ye|yes|on|1|f|fa|"
                    "fal|fals|false|n|no|of|off|0)" WS "*$'",
                    v);
      return true;
    }
    if (!strcmp(to.base, "date") || !strcmp(to.base, "timestamp") ||
        !strcmp(to.base, "timestamptz")) {
      put_shapes(where, unsure, DT_OK, DT_FAIL, v);
      *judged = "values are judged by form: ISO 8601 yyyy-mm-dd[ hh:mm[:ss["
                ".ffffff]][zone]] with a real day and time, epoch, infinity, "
                "today, now and the like convert; blanks, text with no digit, "
                "and impossible days or times do not; other forms are "
                "cast";
      return true;
    }
    if (!strcmp(to.base, "json") || !strcmp(to.base, "jsonb")) {
      bool jsonb = !strcmp(to.base, "jsonb");
      pf_buf ok = PF_BUF_INIT, fail = PF_BUF_INIT;
      json_forms(jsonb, env->deep_json, &ok, &fail);
      put_shapes(where, unsure, ok.data, fail.data, v);
      pf_buf_clear(&ok);
      pf_buf_clear(&fail);
      *judged = !env->deep_json ? JUDGED_JSON_SHALLOW
                : jsonb         ? JUDGED_JSONB
                                : JUDGED_JSON;
      return true;
    }
    if (!strcmp(to.base, "numeric")) {
      *judged =
          text_to_numeric(where, unsure, v, to.mod1, to.mod2, server_version);
      return true;
    }
    if (is_float(to.base)) {
      put_shapes(where, unsure,
                 !strcmp(to.base, "float4")
                     ? "($V::text ~ " F4_FORM " OR $V::text ~* " NUM_WORD ")"
                     : "($V::text ~ " F8_FORM " OR $V::text ~* " NUM_WORD ")",
                 NUM_FAIL, v);
      *judged = "values are judged by form: decimal numbers of at most 15 "
                "(real) or 30 (double precision) digits each side of the "
                "point and a 1- or 2-digit exponent, NaN and infinity "
                "convert; blanks and text with no digit do not; other forms "
                "are cast";
      return true;
    }
  }
  snprintf(why, wsize,
           "not evaluated: whether %s values convert to %s cannot be tested "
           "without casting them",
           col_type, chk->new_type);
  return false;
}
