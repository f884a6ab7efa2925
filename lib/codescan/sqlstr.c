/* SQL in string literals: unquote, join concatenations, replace placeholders.
 */
/* SPDX-License-Identifier: MIT */
#include "scan.h"

#include <stdlib.h>
#include <string.h>

// Strings longer than this are not SQL we can say anything useful about.
#define MAX_SQL_LEN (1u << 20)
// Deeper concatenations are cut off (stack safety).
#define MAX_CONCAT_DEPTH 200

void pf__sqltext_init(pf__sqltext *self)
{
  pf_buf_init(&self->text);
  pf_vec_init(&self->map);
}

void pf__sqltext_clear(pf__sqltext *self)
{
  pf_buf_clear(&self->text);
  pf_vec_clear(&self->map);
}

void pf__sqltext_put(pf__sqltext *self, char c, uint32_t file_off)
{
  pf_buf_putc(&self->text, c);
  pf_vec_push(&self->map, file_off);
}

static void put_str(pf__sqltext *self, const char *s, uint32_t file_off)
{
  for (; *s; s++)
    pf__sqltext_put(self, *s, file_off);
}

static bool is_ident_start(int c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool pf__looks_like_sql(const char *s, size_t len)
{
  static const char *const kw[] = {"select", "insert",   "update", "delete",
                                   "with",   "alter",    "create", "drop",
                                   "merge",  "truncate", "copy"};
  size_t i = 0;
  while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
                     s[i] == '\r' || s[i] == '('))
    i++;
  for (size_t k = 0; k < sizeof(kw) / sizeof(kw[0]); k++) {
    size_t n = strlen(kw[k]);
    if (len - i < n)
      continue;
    size_t j = 0;
    while (j < n && pf_ascii_lower((unsigned char)s[i + j]) == kw[k][j])
      j++;
    if (j < n)
      continue;
    if (i + n == len || !pf_is_ident_char((unsigned char)s[i + n]))
      return true;
  }
  return false;
}

/* Section - Unquoting */

typedef struct strspec {
  bool escapes;     // backslash escapes are processed
  bool fbraces;     // "{{" and "}}" stand for one brace (Python f-strings)
  const char *hole; // type of interpolation children, or NULL
  bool any_hole;    // every named child that is not text is a hole (PHP),
                    // with the braces of "{$x}" around it
} strspec;

// Whether a named child of a string literal is its text rather than an
// interpolated expression.
static bool is_text_child(const char *type)
{
  return strstr(type, "content") || strstr(type, "escape") ||
         strcmp(type, "nowdoc_string") == 0;
}

// Appends the bytes [start, end) of the file, with the @hole children of
// @node replaced by PF__HOLE.
static void put_content(pf__fctx *fx, pf__sqltext *st, TSNode node,
                        uint32_t start, uint32_t end, const strspec *spec)
{
  const char *d = fx->src->data;
  uint32_t nchild = pf__named_count(node);
  uint32_t ci = 0;
  uint32_t next_hole = UINT32_MAX, hole_end = 0;
  // Finds the next hole child at or after @from.
#define NEXT_HOLE(from)                                                        \
  do {                                                                         \
    next_hole = UINT32_MAX;                                                    \
    while ((spec->hole || spec->any_hole) && ci < nchild) {                    \
      TSNode c_ = ts_node_named_child(node, ci++);                             \
      const char *t_ = ts_node_type(c_);                                       \
      bool h_ =                                                                \
          spec->any_hole ? !is_text_child(t_) : strcmp(t_, spec->hole) == 0;   \
      if (h_ && ts_node_start_byte(c_) >= (from)) {                            \
        next_hole = ts_node_start_byte(c_);                                    \
        hole_end = ts_node_end_byte(c_);                                       \
        if (spec->any_hole && next_hole > (from) && d[next_hole - 1] == '{' && \
            hole_end < end && d[hole_end] == '}') {                            \
          next_hole--;                                                         \
          hole_end++;                                                          \
        }                                                                      \
        break;                                                                 \
      }                                                                        \
    }                                                                          \
  } while (0)
  NEXT_HOLE(start);
  uint32_t i = start;
  while (i < end) {
    if (i == next_hole) {
      pf__sqltext_put(st, PF__HOLE, i);
      i = hole_end > i ? hole_end : i + 1;
      NEXT_HOLE(i);
      continue;
    }
    char c = d[i];
    if (spec->escapes && c == '\\' && i + 1 < end) {
      char e = d[i + 1];
      char out;
      switch (e) {
      case 'n':
        out = '\n';
        break;
      case 't':
        out = '\t';
        break;
      case 'r':
        out = '\r';
        break;
      case '\n': // line continuation
        i += 2;
        continue;
      default:
        out = e;
        break;
      }
      pf__sqltext_put(st, out, i);
      i += 2;
      continue;
    }
    if (spec->fbraces && (c == '{' || c == '}') && i + 1 < end &&
        d[i + 1] == c) {
      pf__sqltext_put(st, c, i);
      i += 2;
      continue;
    }
    pf__sqltext_put(st, c, i);
    i++;
  }
#undef NEXT_HOLE
}

// The text between the opening and the closing delimiter of @node: from
// the end of its first child to the start of its last one.
static bool delimited(TSNode node, uint32_t *s, uint32_t *e)
{
  uint32_t n = ts_node_child_count(node);
  if (n < 2)
    return false;
  *s = ts_node_end_byte(ts_node_child(node, 0));
  *e = ts_node_start_byte(ts_node_child(node, n - 1));
  return *e >= *s;
}

// Ruby, PHP and C# literals: quoted strings, heredocs and nowdocs,
// verbatim, raw and interpolated strings.
static bool put_string_more(pf__fctx *fx, pf__sqltext *st, TSNode node,
                            strspec *spec)
{
  const char *type = ts_node_type(node);
  const char *d = fx->src->data;
  uint32_t s = ts_node_start_byte(node), e = ts_node_end_byte(node);
  switch (fx->lang) {
  case PF__LANG_RUBY:
    spec->hole = "interpolation";
    if (strcmp(type, "heredoc_body") == 0) {
      // <<~SQL ... SQL: the body ends where its terminator starts.
      TSNode end = pf__child_of_type(node, "heredoc_end");
      if (!ts_node_is_null(end))
        e = ts_node_start_byte(end);
      put_content(fx, st, node, s, e, spec);
      return true;
    }
    if (strcmp(type, "string") != 0 || !delimited(node, &s, &e))
      return false;
    spec->escapes = d[ts_node_start_byte(node)] != '\'';
    break;
  case PF__LANG_PHP:
    spec->any_hole = true;
    if (strcmp(type, "heredoc") == 0 || strcmp(type, "nowdoc") == 0) {
      TSNode body = pf__ts_field(node, "value");
      if (ts_node_is_null(body))
        return false;
      spec->escapes = strcmp(type, "heredoc") == 0;
      put_content(fx, st, body, ts_node_start_byte(body),
                  ts_node_end_byte(body), spec);
      return true;
    }
    if (strcmp(type, "string") != 0 && strcmp(type, "encapsed_string") != 0)
      return false;
    if (!delimited(node, &s, &e))
      return false;
    break;
  case PF__LANG_CSHARP:
    if (strcmp(type, "string_literal") == 0) {
      if (!delimited(node, &s, &e))
        return false;
    } else if (strcmp(type, "verbatim_string_literal") == 0) {
      // @"..." is one token; "" stands for a quote.
      if (e - s < 3)
        return false;
      s += 2;
      e -= 1;
      spec->escapes = false;
    } else if (strcmp(type, "raw_string_literal") == 0) {
      TSNode c = pf__child_of_type(node, "raw_string_content");
      if (ts_node_is_null(c))
        return false;
      s = ts_node_start_byte(c);
      e = ts_node_end_byte(c);
      spec->escapes = false;
    } else if (strcmp(type, "interpolated_string_expression") == 0) {
      // $"...", $@"...", @$"...", $"""...""": the prefix, then as many
      // quotes open as close.
      bool verbatim = false;
      while (s < e && (d[s] == '$' || d[s] == '@'))
        verbatim |= d[s++] == '@';
      uint32_t q = 0;
      while (s < e && d[s] == '"')
        s++, q++;
      if (q == 0 || e < s + q)
        return false;
      e -= q;
      spec->hole = "interpolation";
      spec->escapes = !verbatim && q == 1;
    } else {
      return false;
    }
    break;
  default:
    return false;
  }
  put_content(fx, st, node, s, e, spec);
  return true;
}

// Appends the value of the string literal @node; false when @node is not a
// string literal of this language.
static bool put_string(pf__fctx *fx, pf__sqltext *st, TSNode node)
{
  const char *type = ts_node_type(node);
  uint32_t s = ts_node_start_byte(node), e = ts_node_end_byte(node);
  const char *d = fx->src->data;
  strspec spec = {true, false, NULL, false};
  switch (fx->lang) {
  case PF__LANG_PYTHON: {
    if (strcmp(type, "string") != 0)
      return false;
    TSNode a = pf__child_of_type(node, "string_start");
    TSNode b = pf__child_of_type(node, "string_end");
    if (ts_node_is_null(a) || ts_node_is_null(b))
      return false;
    bool raw = false, f = false;
    for (uint32_t i = s; i < ts_node_end_byte(a); i++) {
      raw |= d[i] == 'r' || d[i] == 'R';
      f |= d[i] == 'f' || d[i] == 'F';
    }
    spec.escapes = !raw;
    spec.fbraces = f;
    spec.hole = "interpolation";
    put_content(fx, st, node, ts_node_end_byte(a), ts_node_start_byte(b),
                &spec);
    return true;
  }
  case PF__LANG_JAVASCRIPT:
  case PF__LANG_TYPESCRIPT:
  case PF__LANG_TSX:
    if (strcmp(type, "template_string") == 0)
      spec.hole = "template_substitution";
    else if (strcmp(type, "string") != 0)
      return false;
    break;
  case PF__LANG_GO:
    if (strcmp(type, "raw_string_literal") == 0)
      spec.escapes = false;
    else if (strcmp(type, "interpreted_string_literal") != 0)
      return false;
    break;
  case PF__LANG_JAVA:
    if (strcmp(type, "string_literal") != 0)
      return false;
    if (e - s >= 6 && memcmp(d + s, "\"\"\"", 3) == 0) {
      put_content(fx, st, node, s + 3, e - 3, &spec);
      return true;
    }
    break;
  case PF__LANG_RUBY:
  case PF__LANG_PHP:
  case PF__LANG_CSHARP:
    return put_string_more(fx, st, node, &spec);
  default:
    return false;
  }
  if (e - s < 2)
    return false;
  put_content(fx, st, node, s + 1, e - 1, &spec);
  return true;
}

static bool is_plus(TSNode node)
{
  if (ts_node_is_null(node))
    return false;
  const char *t = ts_node_type(node);
  if (strcmp(t, "binary_expression") != 0 &&
      strcmp(t, "binary_operator") != 0 && strcmp(t, "binary") != 0)
    return false;
  TSNode op = ts_node_child_by_field_name(node, "operator", 8);
  // "+" joins strings; so does PHP's ".".
  return !ts_node_is_null(op) && (strcmp(ts_node_type(op), "+") == 0 ||
                                  strcmp(ts_node_type(op), ".") == 0);
}

static bool is_concat(TSNode node)
{
  if (ts_node_is_null(node))
    return false;
  const char *t = ts_node_type(node);
  return strcmp(t, "concatenated_string") == 0 ||
         strcmp(t, "chained_string") == 0 ||
         strcmp(t, "parenthesized_expression") == 0 || is_plus(node);
}

// Appends the value of @node: literals as text, anything else as a hole.
static void gather(pf__fctx *fx, pf__sqltext *st, TSNode node, int depth)
{
  if (st->text.len > MAX_SQL_LEN)
    return;
  if (depth < MAX_CONCAT_DEPTH && is_concat(node)) {
    if (is_plus(node)) {
      // a + b + c is ((a + b) + c): walk the left spine in a loop, so that
      // a long chain costs no stack.
      PF_VEC(TSNode) rights;
      pf_vec_init(&rights);
      TSNode n = node;
      while (is_plus(n) && st->text.len <= MAX_SQL_LEN) {
        pf_vec_push(&rights, ts_node_child_by_field_name(n, "right", 5));
        n = ts_node_child_by_field_name(n, "left", 4);
      }
      gather(fx, st, n, depth + 1);
      for (uint32_t i = rights.len; i-- > 0;)
        gather(fx, st, rights.items[i], depth + 1);
      pf_vec_clear(&rights);
    } else {
      uint32_t n = pf__named_count(node);
      for (uint32_t i = 0; i < n; i++) {
        TSNode c = ts_node_named_child(node, i);
        if (strcmp(ts_node_type(c), "comment") != 0)
          gather(fx, st, c, depth + 1);
      }
    }
    return;
  }
  if (ts_node_is_null(node) || !put_string(fx, st, node))
    pf__sqltext_put(st, PF__HOLE, ts_node_start_byte(node));
}

/* Section - Placeholders */

enum {
  PH_DOLLAR = 1, // "$1" (else an identifier)
  PH_QMARK = 2,  // "?" is a placeholder (else the jsonb operator)
};

// Copies @in to @out with placeholders and holes replaced by something
// PostgreSQL parses where a value goes.
static void replace_placeholders(const pf__sqltext *in, pf__sqltext *out,
                                 pf__lang lang, int flags)
{
  const char *ph = (flags & PH_DOLLAR) ? "$1" : "pf_ph";
  const char *s = in->text.data;
  uint32_t n = (uint32_t)in->text.len;
  char quote = 0; // inside '...' or "..." of the SQL itself
  uint32_t i = 0;
  while (i < n) {
    char c = s[i];
    uint32_t at = in->map.items[i];
    if (c == PF__HOLE) {
      // A hole inside a SQL literal ('%{x}%') stays inside it.
      put_str(out, quote ? "x" : ph, at);
      i++;
      continue;
    }
    if (quote) {
      if (c == quote)
        quote = 0;
      pf__sqltext_put(out, c, at);
      i++;
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
      pf__sqltext_put(out, c, at);
      i++;
      continue;
    }
    if (c == '%' && i + 1 < n) {
      if (s[i + 1] == '%') {
        pf__sqltext_put(out, '%', at);
        i += 2;
        continue;
      }
      if (s[i + 1] == 's' || s[i + 1] == 'd' || s[i + 1] == 'b') {
        put_str(out, ph, at);
        i += 2;
        continue;
      }
      if (s[i + 1] == '(') {
        uint32_t j = i + 2;
        while (j < n && j < i + 128 && s[j] != ')')
          j++;
        if (j + 1 < n && s[j] == ')' && s[j + 1] == 's') {
          put_str(out, ph, at);
          i = j + 2;
          continue;
        }
      }
    }
    if (c == '?' && (flags & PH_QMARK)) {
      put_str(out, ph, at);
      i++;
      continue;
    }
    if (c == ':' && i + 1 < n && is_ident_start((unsigned char)s[i + 1]) &&
        (i == 0 ||
         (s[i - 1] != ':' && !pf_is_ident_char((unsigned char)s[i - 1])))) {
      uint32_t j = i + 1;
      while (j < n && pf_is_ident_char((unsigned char)s[j]))
        j++;
      put_str(out, ph, at);
      i = j;
      continue;
    }
    // Dapper and ADO.NET name parameters @name.
    if (c == '@' && lang == PF__LANG_CSHARP && i + 1 < n &&
        is_ident_start((unsigned char)s[i + 1])) {
      uint32_t j = i + 1;
      while (j < n && pf_is_ident_char((unsigned char)s[j]))
        j++;
      put_str(out, ph, at);
      i = j;
      continue;
    }
    if (c == '{' && lang == PF__LANG_PYTHON) {
      uint32_t j = i + 1;
      while (j < n && j < i + 128 && s[j] != '}' && s[j] != '{')
        j++;
      if (j < n && s[j] == '}') {
        put_str(out, ph, at);
        i = j + 1;
        continue;
      }
    }
    pf__sqltext_put(out, c, at);
    i++;
  }
}

bool pf__sql_is_string(pf__lang lang, TSNode node)
{
  const char *t = ts_node_type(node);
  switch (lang) {
  case PF__LANG_PYTHON:
    return strcmp(t, "string") == 0;
  case PF__LANG_JAVASCRIPT:
  case PF__LANG_TYPESCRIPT:
  case PF__LANG_TSX:
    return strcmp(t, "string") == 0 || strcmp(t, "template_string") == 0;
  case PF__LANG_GO:
    return strcmp(t, "interpreted_string_literal") == 0 ||
           strcmp(t, "raw_string_literal") == 0;
  case PF__LANG_JAVA:
    return strcmp(t, "string_literal") == 0;
  case PF__LANG_RUBY:
    return strcmp(t, "string") == 0 || strcmp(t, "heredoc_body") == 0;
  case PF__LANG_PHP:
    return strcmp(t, "string") == 0 || strcmp(t, "encapsed_string") == 0 ||
           strcmp(t, "heredoc") == 0 || strcmp(t, "nowdoc") == 0;
  case PF__LANG_CSHARP:
    return strcmp(t, "string_literal") == 0 ||
           strcmp(t, "verbatim_string_literal") == 0 ||
           strcmp(t, "raw_string_literal") == 0 ||
           strcmp(t, "interpolated_string_expression") == 0;
  default:
    return false;
  }
}

bool pf__sql_is_concat(TSNode node)
{
  return is_concat(node);
}

bool pf__sql_from_node(pf__fctx *fx, TSNode node)
{
  pf__sqltext raw;
  pf__sqltext_init(&raw);
  gather(fx, &raw, node, 0);
  bool ok = false;
  if (raw.text.len == 0 || raw.text.len > MAX_SQL_LEN ||
      !pf__looks_like_sql(raw.text.data, raw.text.len))
    goto done;
  static const int attempts[] = {PH_DOLLAR | PH_QMARK, PH_QMARK, PH_DOLLAR};
  for (size_t a = 0; a < sizeof(attempts) / sizeof(attempts[0]) && !ok; a++) {
    pf__sqltext sql;
    pf__sqltext_init(&sql);
    replace_placeholders(&raw, &sql, fx->lang, attempts[a]);
    // The end of the text maps just past its last byte.
    uint32_t last = sql.map.len ? sql.map.items[sql.map.len - 1] + 1 : 0;
    pf_vec_push(&sql.map, last);
    ok = pf__sql_refs(fx, sql.text.data ? sql.text.data : "", sql.text.len,
                      sql.map.items, 0, "SQL in string");
    // None of the attempts parses: the scanner's tokens, at medium.
    if (!ok && a + 1 == sizeof(attempts) / sizeof(attempts[0]))
      pf__sql_tokens(fx, sql.text.data ? sql.text.data : "", sql.text.len,
                     sql.map.items, 0);
    pf__sqltext_clear(&sql);
  }
done:
  pf__sqltext_clear(&raw);
  return ok;
}
