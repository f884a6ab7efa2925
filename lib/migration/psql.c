/* psql meta-commands (\set, \connect, \i, \gexec) and COPY data are not SQL:
 * blank them so that the parser sees the rest at the same byte offsets. */
/* SPDX-License-Identifier: MIT */
#include "build.h"

#include <stdlib.h>
#include <string.h>

typedef enum lex_state {
  LEX_SQL,
  LEX_QUOTE,   // '...', backslash escapes when escapes is set (E'...')
  LEX_IDENT,   // "..."
  LEX_DOLLAR,  // $tag$...$tag$
  LEX_LINE,    // -- to end of line
  LEX_COMMENT, // /* ... */, nested
} lex_state;

typedef struct lexer {
  pf_migration *m;
  char *t;
  uint32_t len, i;
  lex_state state;
  bool escapes;
  int depth;            // comment nesting
  uint32_t tag, taglen; // dollar-quote tag (offset of its first '$')
  uint32_t stmt_start;  // first byte of the current statement
  bool stmt_has_text;   // the current statement has non-space SQL
  pf__offsets *gexec;
} lexer;

static bool ident_char(char c)
{
  return pf_is_ident_char((unsigned char)c) || c == '$';
}

static bool space(char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}

// Whether the @n bytes at @s are @word (lower case ASCII) in any case.
static bool ci_prefix(const char *s, const char *word, size_t n)
{
  for (size_t k = 0; k < n; k++) {
    if (pf_ascii_lower((unsigned char)s[k]) != word[k])
      return false;
  }
  return true;
}

// The end of the line that starts at or before @i (the '\n' or len).
static uint32_t line_end(const lexer *x, uint32_t i)
{
  while (i < x->len && x->t[i] != '\n')
    i++;
  return i;
}

static void blank(lexer *x, uint32_t from, uint32_t to)
{
  for (uint32_t k = from; k < to; k++) {
    if (x->t[k] != '\n')
      x->t[k] = ' ';
  }
}

// Whether the meta-command @name sends the query buffer to the server.
static bool sends_buffer(const char *name, size_t n)
{
  static const char *const cmds[] = {"g",     "gx",    "gexec",        "gset",
                                     "gdesc", "watch", "crosstabview", NULL};
  for (int k = 0; cmds[k]; k++) {
    if (strlen(cmds[k]) == n && memcmp(cmds[k], name, n) == 0)
      return true;
  }
  return false;
}

static bool name_is(const char *name, size_t n, const char *want)
{
  return strlen(want) == n && memcmp(want, name, n) == 0;
}

// A backslash outside quotes at x->i: psql reads the rest of the line as a
// meta-command and its arguments.
static void meta_command(lexer *x)
{
  uint32_t at = x->i, end = line_end(x, at);
  uint32_t k = at + 1;
  while (k < end && !space(x->t[k]) && x->t[k] != '\\')
    k++;
  const char *name = x->t + at + 1;
  size_t n = k - at - 1;
  const char *msg;
  if (name_is(name, n, "i") || name_is(name, n, "ir") ||
      name_is(name, n, "include") || name_is(name, n, "include_relative"))
    msg = pf_arena_printf(x->m->arena,
                          "psql meta-command \\%.*s includes another file; "
                          "pgpreflight did not check it",
                          (int)n, name);
  else if (name_is(name, n, "c") || name_is(name, n, "connect"))
    msg = pf_arena_printf(x->m->arena,
                          "psql meta-command \\%.*s switches the connection; "
                          "the statements after it run there",
                          (int)n, name);
  else if (name_is(name, n, "gexec"))
    msg = "psql meta-command \\gexec runs each value of the query result as "
          "SQL; that SQL was not analysed";
  else
    msg = pf_arena_printf(x->m->arena,
                          "psql meta-command \\%.*s is not SQL; ignored",
                          (int)n, name);
  pf__build_note(x->m, at, end, msg);
  bool send = sends_buffer(name, n) && x->stmt_has_text;
  if (send && name_is(name, n, "gexec"))
    pf_vec_push(x->gexec, at);
  blank(x, at, end);
  if (send) {
    x->t[at] = ';'; // psql sends the statement here, as a ';' would
    x->stmt_start = at + 1;
    x->stmt_has_text = false;
  }
  x->i = end;
}

// Whether the statement [stmt_start, end) is COPY ... FROM STDIN.
static bool copy_from_stdin(const lexer *x, uint32_t end)
{
  uint32_t s = x->stmt_start;
  while (s < end && space(x->t[s]))
    s++;
  if (end - s < 4 || !ci_prefix(x->t + s, "copy", 4))
    return false;
  for (uint32_t k = s; k + 10 <= end; k++) {
    if (ci_prefix(x->t + k, "from", 4) && space(x->t[k + 4])) {
      uint32_t j = k + 4;
      while (j < end && space(x->t[j]))
        j++;
      if (end - j >= 5 && ci_prefix(x->t + j, "stdin", 5))
        return true;
    }
  }
  return false;
}

// After COPY ... FROM STDIN; the data follows up to a line "\.".
static void copy_data(lexer *x)
{
  uint32_t from = line_end(x, x->i);
  if (from >= x->len)
    return;
  from++;
  uint32_t k = from;
  while (k < x->len) {
    uint32_t e = line_end(x, k);
    bool last = e - k >= 2 && x->t[k] == '\\' && x->t[k + 1] == '.';
    k = e < x->len ? e + 1 : e;
    if (last)
      break;
  }
  pf__build_note(x->m, from, k,
                 "COPY ... FROM STDIN data lines are not SQL; skipped");
  blank(x, from, k);
  x->i = k;
  x->stmt_start = k;
}

static void sql_char(lexer *x)
{
  char c = x->t[x->i];
  char next = x->i + 1 < x->len ? x->t[x->i + 1] : '\0';
  char prev = x->i > 0 ? x->t[x->i - 1] : '\0';
  switch (c) {
  case '\'':
    x->state = LEX_QUOTE;
    x->escapes = (prev == 'E' || prev == 'e') &&
                 !(x->i >= 2 && ident_char(x->t[x->i - 2]));
    break;
  case '"':
    x->state = LEX_IDENT;
    break;
  case '-':
    if (next == '-')
      x->state = LEX_LINE;
    break;
  case '/':
    if (next == '*') {
      x->state = LEX_COMMENT;
      x->depth = 1;
      x->i++;
    }
    break;
  case '$':
    if (!ident_char(prev)) {
      uint32_t k = x->i + 1;
      while (k < x->len && pf_is_ident_char((unsigned char)x->t[k]) &&
             !(k == x->i + 1 && x->t[k] >= '0' && x->t[k] <= '9'))
        k++;
      if (k < x->len && x->t[k] == '$') {
        x->state = LEX_DOLLAR;
        x->tag = x->i;
        x->taglen = k - x->i + 1;
        x->i = k;
      }
    }
    break;
  case ';': {
    bool copy = copy_from_stdin(x, x->i);
    x->stmt_start = x->i + 1;
    x->stmt_has_text = false;
    if (copy)
      copy_data(x);
    return;
  }
  case '\\':
    meta_command(x);
    return;
  default:
    break;
  }
  if (!space(c) && x->state != LEX_LINE && x->state != LEX_COMMENT)
    x->stmt_has_text = true;
}

// The bytes that can change the lexer's state outside quotes and comments.
static bool sql_special(unsigned char c)
{
  static const bool table[256] = {
      ['\''] = true, ['"'] = true, ['-'] = true, ['/'] = true,
      ['$'] = true,  [';'] = true, ['\\'] = true};
  return table[c];
}

// Moves x->i over the bytes that cannot end or change the current state,
// many at a time; false at the end of the text.
static bool skip_plain(lexer *x)
{
  const char *t = x->t;
  uint32_t i = x->i, len = x->len;
  switch (x->state) {
  case LEX_SQL:
    for (; i < len && !sql_special((unsigned char)t[i]); i++) {
      if (!space(t[i]))
        x->stmt_has_text = true;
    }
    break;
  case LEX_QUOTE:
    while (i < len && t[i] != '\'' && t[i] != '\\')
      i++;
    break;
  case LEX_IDENT:
  case LEX_DOLLAR:
  case LEX_LINE: {
    char stop = x->state == LEX_IDENT    ? '"'
                : x->state == LEX_DOLLAR ? '$'
                                         : '\n';
    const char *p = memchr(t + i, stop, len - i);
    i = p ? (uint32_t)(p - t) : len;
    break;
  }
  case LEX_COMMENT:
    while (i < len && t[i] != '/' && t[i] != '*')
      i++;
    break;
  }
  x->i = i;
  return i < len;
}

static void step(lexer *x)
{
  if (!skip_plain(x))
    return;
  char c = x->t[x->i];
  char next = x->i + 1 < x->len ? x->t[x->i + 1] : '\0';
  switch (x->state) {
  case LEX_SQL:
    sql_char(x);
    break;
  case LEX_QUOTE:
    if (c == '\\' && x->escapes)
      x->i++;
    else if (c == '\'' && next == '\'')
      x->i++;
    else if (c == '\'')
      x->state = LEX_SQL;
    break;
  case LEX_IDENT:
    if (c == '"' && next == '"')
      x->i++;
    else if (c == '"')
      x->state = LEX_SQL;
    break;
  case LEX_DOLLAR:
    if (c == '$' && x->len - x->i >= x->taglen &&
        memcmp(x->t + x->i, x->t + x->tag, x->taglen) == 0) {
      x->i += x->taglen - 1;
      x->state = LEX_SQL;
    }
    break;
  case LEX_LINE:
    if (c == '\n')
      x->state = LEX_SQL;
    break;
  case LEX_COMMENT:
    if (c == '/' && next == '*') {
      x->depth++;
      x->i++;
    } else if (c == '*' && next == '/') {
      x->i++;
      if (--x->depth == 0)
        x->state = LEX_SQL;
    }
    break;
  }
  x->i++;
}

// Whether "stdin" appears in @t, in any case.
static bool has_stdin(const char *t, uint32_t len)
{
  for (uint32_t i = 0; i + 5 <= len; i++) {
    if ((t[i] == 's' || t[i] == 'S') && ci_prefix(t + i, "stdin", 5))
      return true;
  }
  return false;
}

char *pf__psql_blank(pf_migration *m, const char *text, uint32_t len,
                     pf__offsets *gexec)
{
  lexer x;
  memset(&x, 0, sizeof(x));
  x.m = m;
  x.t = pf_xmalloc((size_t)len + 1);
  memcpy(x.t, text, len);
  x.t[len] = '\0';
  // Stop at a NUL byte as the parser does.
  const char *nul = memchr(x.t, '\0', len);
  x.len = nul ? (uint32_t)(nul - x.t) : len;
  x.gexec = gexec;
  // A UTF-8 byte-order mark (editors on Windows write one) is not SQL:
  // psql skips it, so blank it too rather than fail on it at 1:1.
  if (x.len >= 3 && memcmp(x.t, "\xEF\xBB\xBF", 3) == 0)
    blank(&x, 0, 3);
  // Nothing to blank without a backslash (meta-commands, "\." ending COPY
  // data) or COPY ... FROM STDIN: most migrations. Skip the lexer then.
  if (!memchr(x.t, '\\', x.len) && !has_stdin(x.t, x.len))
    return x.t;
  while (x.i < x.len)
    step(&x);
  return x.t;
}
