/* Syntax that PostgreSQL 16, 17 or 18 accepts and the PostgreSQL 15 parser
 * does not: a hint for a statement that failed to parse. */
/* SPDX-License-Identifier: MIT */
#include "build.h"

#include <stdlib.h>
#include <string.h>

// Sources: the release notes of PostgreSQL 16, 17 and 18, "Migration" and
// "Changes" sections (https://www.postgresql.org/docs/release/).
//   16: SQL/JSON constructors and IS JSON; underscores in and non-decimal
//       integer literals; a subquery in FROM without an alias; GRANT ...
//       WITH INHERIT/SET; STORAGE in CREATE TABLE; REINDEX DATABASE/SYSTEM
//       without a name.
//   17: JSON_TABLE, JSON_QUERY/JSON_VALUE/JSON_EXISTS/JSON_SERIALIZE/
//       JSON_SCALAR; MERGE ... RETURNING and WHEN NOT MATCHED BY SOURCE;
//       ALTER COLUMN ... SET EXPRESSION; SET ACCESS METHOD DEFAULT.
//   18: virtual generated columns (the default when STORED is omitted);
//       WITHOUT OVERLAPS and PERIOD; NOT ENFORCED; NOT NULL table
//       constraints (ADD CONSTRAINT c NOT NULL col, NOT VALID);
//       RETURNING WITH (OLD/NEW AS ...).
// SYSTEM_USER (16) is left out: PostgreSQL 15 reads it as a column name, so
// it never makes a statement fail to parse.

#define MAX_TOKENS 2048

typedef struct token {
  const char *s;
  uint32_t n;
  char kind; // 'w' word (lower-cased copy), 'n' number, 'p' punctuation
  char word[24];
} token;

typedef struct tokens {
  token t[MAX_TOKENS];
  uint32_t n;
} tokens;

static void push(tokens *ts, const char *s, uint32_t n, char kind)
{
  if (ts->n >= MAX_TOKENS)
    return;
  token *t = &ts->t[ts->n++];
  t->s = s;
  t->n = n;
  t->kind = kind;
  uint32_t k = 0;
  for (; k < n && k + 1 < sizeof(t->word); k++)
    t->word[k] = (char)pf_ascii_lower((unsigned char)s[k]);
  t->word[k] = '\0';
}

// Skips quoted strings, identifiers and comments: only keywords matter.
static void lex(const char *s, size_t len, tokens *ts)
{
  size_t i = 0;
  while (i < len) {
    char c = s[i];
    if (c == '-' && i + 1 < len && s[i + 1] == '-') {
      while (i < len && s[i] != '\n')
        i++;
    } else if (c == '/' && i + 1 < len && s[i + 1] == '*') {
      const char *e = strstr(s + i + 2, "*/");
      i = e ? (size_t)(e - s) + 2 : len;
    } else if (c == '\'' || c == '"') {
      i++;
      while (i < len && s[i] != c)
        i++;
      i++;
    } else if (c == '$' && i + 1 < len && s[i + 1] == '$') {
      const char *e = strstr(s + i + 2, "$$");
      i = e ? (size_t)(e - s) + 2 : len;
    } else if (c >= '0' && c <= '9') {
      size_t st = i;
      while (i < len && (pf_is_ident_char((unsigned char)s[i]) || s[i] == '.'))
        i++;
      push(ts, s + st, (uint32_t)(i - st), 'n');
    } else if (pf_is_ident_char((unsigned char)c)) {
      size_t st = i;
      while (i < len && (pf_is_ident_char((unsigned char)s[i]) || s[i] == '$'))
        i++;
      push(ts, s + st, (uint32_t)(i - st), 'w');
    } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      i++;
    } else {
      push(ts, s + i, 1, 'p');
      i++;
    }
  }
}

static bool is(const tokens *ts, uint32_t i, const char *w)
{
  return i < ts->n && strcmp(ts->t[i].word, w) == 0;
}

static bool has(const tokens *ts, const char *w)
{
  for (uint32_t i = 0; i < ts->n; i++) {
    if (is(ts, i, w))
      return true;
  }
  return false;
}

// 1_000, 0x1F, 0o17, 0b101 (PostgreSQL 16).
static bool new_number(const token *t)
{
  if (t->kind != 'n')
    return false;
  if (t->n > 2 && t->s[0] == '0' && strchr("xXoObB", t->s[1]))
    return true;
  for (uint32_t k = 1; k + 1 < t->n; k++) {
    if (t->s[k] == '_' && t->s[k - 1] >= '0' && t->s[k - 1] <= '9')
      return true;
  }
  return false;
}

// GENERATED ALWAYS AS (expr) without STORED is virtual in PostgreSQL 18.
static bool virtual_generated(const tokens *ts, uint32_t i)
{
  if (!(is(ts, i, "generated") && is(ts, i + 1, "always") &&
        is(ts, i + 2, "as") && is(ts, i + 3, "(")))
    return false;
  int depth = 0;
  for (uint32_t k = i + 3; k < ts->n; k++) {
    if (is(ts, k, "("))
      depth++;
    else if (is(ts, k, ")") && --depth == 0)
      return !is(ts, k + 1, "stored");
  }
  return false;
}

static const char *v18(const tokens *ts)
{
  for (uint32_t i = 0; i < ts->n; i++) {
    if (is(ts, i, "virtual") || virtual_generated(ts, i))
      return "18";
    if (is(ts, i, "without") && is(ts, i + 1, "overlaps"))
      return "18";
    if (is(ts, i, "enforced"))
      return "18";
    if (is(ts, i, "returning") && is(ts, i + 1, "with") && is(ts, i + 2, "("))
      return "18";
    if (is(ts, i, "period") && i > 0 &&
        (is(ts, i - 1, "(") || is(ts, i - 1, ",")) && has(ts, "references"))
      return "18";
    // A NOT NULL table constraint: ADD CONSTRAINT c NOT NULL col, or
    // (..., CONSTRAINT c NOT NULL col) in CREATE TABLE.
    if (is(ts, i, "constraint") && i > 0 &&
        (is(ts, i - 1, "add") || is(ts, i - 1, ",") || is(ts, i - 1, "(")) &&
        is(ts, i + 2, "not") && is(ts, i + 3, "null"))
      return "18";
    if (is(ts, i, "add") && is(ts, i + 1, "not") && is(ts, i + 2, "null"))
      return "18";
  }
  return NULL;
}

static const char *v17(const tokens *ts)
{
  static const char *const json17[] = {
      "json_table",     "json_query",  "json_value", "json_exists",
      "json_serialize", "json_scalar", NULL};
  for (uint32_t i = 0; i < ts->n; i++) {
    for (int k = 0; json17[k]; k++) {
      if (is(ts, i, json17[k]) && is(ts, i + 1, "("))
        return "17";
    }
    if (is(ts, i, "set") && is(ts, i + 1, "expression"))
      return "17";
    if (is(ts, i, "matched") && is(ts, i + 1, "by"))
      return "17";
    if (is(ts, i, "access") && is(ts, i + 1, "method") &&
        is(ts, i + 2, "default"))
      return "17";
  }
  if (is(ts, 0, "merge") && has(ts, "returning"))
    return "17";
  return NULL;
}

static const char *v16(const tokens *ts, const char *msg)
{
  static const char *const json16[] = {"json_object", "json_array",
                                       "json_objectagg", "json_arrayagg", NULL};
  if (msg && strstr(msg, "subquery in FROM must have an alias"))
    return "16";
  for (uint32_t i = 0; i < ts->n; i++) {
    if (new_number(&ts->t[i]))
      return "16";
    if (is(ts, i, "is") && (is(ts, i + 1, "json") ||
                            (is(ts, i + 1, "not") && is(ts, i + 2, "json"))))
      return "16";
    for (int k = 0; json16[k]; k++) {
      if (is(ts, i, json16[k]) && is(ts, i + 1, "("))
        return "16";
    }
    if (is(ts, i, "storage") && i > 0 && !is(ts, i - 1, "set") &&
        has(ts, "create"))
      return "16";
  }
  if (is(ts, 0, "grant")) {
    for (uint32_t i = 0; i + 1 < ts->n; i++) {
      if (is(ts, i, "with") &&
          (is(ts, i + 1, "inherit") || is(ts, i + 1, "set")))
        return "16";
    }
  }
  if (is(ts, 0, "reindex") && (is(ts, 1, "database") || is(ts, 1, "system")) &&
      (ts->n == 2 || is(ts, 2, ";")))
    return "16";
  return NULL;
}

const char *pf__newer_syntax(const char *text, size_t len, const char *msg)
{
  tokens *ts = pf_xmalloc(sizeof(*ts));
  ts->n = 0;
  lex(text, len, ts);
  const char *v = v18(ts);
  if (!v)
    v = v17(ts);
  if (!v)
    v = v16(ts, msg);
  free(ts);
  return v;
}
