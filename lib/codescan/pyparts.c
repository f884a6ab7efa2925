/* Python files parsed in parts: the statements that can yield a reference. */
/* SPDX-License-Identifier: MIT */
//
// A file that holds a candidate name is parsed whole only when it must be.
// A lexical outline of the file (logical lines, their indentation, strings,
// comments and brackets, as tree-sitter-python's scanner sees them) gives
// every statement; the parts parsed are the statements that hold an
// occurrence, each on its own (tree-sitter's included ranges keep the
// file's byte offsets), and everything the detectors read around them:
//
// - a simple statement that holds an occurrence, unless the occurrence is
//   in a comment on a line of its own, or the statement is nothing but
//   plain string literals that do not start like SQL (a docstring): in
//   those the whole-file scan finds nothing either;
// - a compound statement whose header holds an occurrence: its header,
//   with the first statement of its body so that it parses (the
//   detectors look only at the header part that holds the occurrence);
//   one whose one-line body holds it: the whole statement (the models query
//   runs over it);
// - every class that may be a model (a superclass "Model" or
//   "models.Model", or "__tablename__ = ..." in its body): whole, as the
//   models are registered from all of their fields;
// - the function around a quoted column that may be a key ('row["col"]'):
//   whole, as key access reads the function up to the key; at module level
//   the file is parsed whole.
//
// The parts are parsed as the statements of one module, so their subtrees
// are those of the whole file. Anything the outline does not understand
// (an unterminated string, brackets that do not match, indentation that
// does not nest, match statements, NUL bytes) makes the file parse whole,
// and so does a parse of the parts with an error in it (treesitter.c).
#include "scan.h"

#include <stdlib.h>
#include <string.h>

#define NONE UINT32_MAX
// Deeper nesting of brackets or blocks parses the whole file.
#define MAX_DEPTH 100

enum {
  KW_NONE = 0,
  KW_CLASS,
  KW_DEF, // def and async def
  KW_IF,
  KW_ELIF,
  KW_ELSE,
  KW_FOR, // for and async for
  KW_WHILE,
  KW_WITH, // with and async with
  KW_TRY,
  KW_EXCEPT,
  KW_FINALLY,
  KW_MATCH,
  KW_CASE,
  KW_AT, // a decorator
};

enum {
  L_BODY = 1,    // code after the header colon: a one-line body
  L_LAMBDA = 2,  // "lambda" outside brackets: the colon is ambiguous
  L_STRINGS = 4, // nothing but plain string literals (and parentheses)
  L_SQL = 8,     // L_STRINGS, and a string, or all of them joined, starts
                 // like SQL
  L_KEY = 16,    // a quoted target column after "[", "," or "("
};

// One logical line: physical lines joined by brackets, strings and
// backslashes, without comment-only and blank lines.
typedef struct pyline {
  uint32_t start;  // its first physical line's first byte
  uint32_t tok;    // its first token
  uint32_t end;    // just past the newline that ends it (or the file)
  uint32_t colon;  // the first ':' outside brackets (not ":="), or NONE
  uint32_t indent; // as tree-sitter-python counts it (a tab is 8)
  uint32_t row;    // 0-based, of start (and tok)
  uint32_t end_row, end_col; // where end is
  uint32_t stmt;             // the statement the line starts or belongs to
  uint8_t kw;
  uint8_t flags;
  uint8_t need; // a clause header that holds an occurrence
} pyline;

enum { M_NONE = 0, M_HEAD, M_FULL };

// A statement: lines [first, last]; head is the line of the keyword (after
// decorators); parent is the enclosing statement.
typedef struct pystmt {
  uint32_t first, head, last;
  uint32_t parent;
  bool compound;
  uint8_t mark;
  bool inner; // a statement inside it is marked
} pystmt;

typedef struct outline {
  const char *d;
  uint32_t n;
  PF_VEC(pyline) lines;
  PF_VEC(pystmt) stmts;
} outline;

/* Section - Lexer */

// Bytes of names (ASCII letters, digits, '_' and any non-ASCII byte), as
// pf_is_ident_char, and those a name starts with.
#define IDENT_ROWS(v)                                                          \
  ['0'] = v & 1, ['1'] = v & 1, ['2'] = v & 1, ['3'] = v & 1, ['4'] = v & 1,   \
  ['5'] = v & 1, ['6'] = v & 1, ['7'] = v & 1, ['8'] = v & 1, ['9'] = v & 1,   \
  ['_'] = 1, ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, \
  ['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, \
  ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, \
  ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1, ['A'] = 1, \
  ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1, \
  ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, \
  ['P'] = 1, ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, \
  ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1
static const bool ident_char[256] = {IDENT_ROWS(1)};
static const bool ident_start[256] = {IDENT_ROWS(0)};

static inline bool is_ident(unsigned char c)
{
  return c >= 0x80 || ident_char[c];
}

static inline bool is_ident_start(unsigned char c)
{
  return c >= 0x80 || ident_start[c];
}

static inline bool word_is(const char *w, size_t n, const char *s)
{
  return strlen(s) == n && memcmp(w, s, n) == 0;
}

// The keyword class of the logical line whose first word is @w (@n bytes);
// @next is the text after it (for "async def").
static uint8_t keyword(const char *w, size_t n, const char *next,
                       const char *end)
{
  static const struct {
    const char *s;
    size_t n;
    uint8_t kw;
  } kws[] = {{"class", 5, KW_CLASS},     {"def", 3, KW_DEF},
             {"if", 2, KW_IF},           {"elif", 4, KW_ELIF},
             {"else", 4, KW_ELSE},       {"for", 3, KW_FOR},
             {"while", 5, KW_WHILE},     {"with", 4, KW_WITH},
             {"try", 3, KW_TRY},         {"except", 6, KW_EXCEPT},
             {"finally", 7, KW_FINALLY}, {"match", 5, KW_MATCH},
             {"case", 4, KW_CASE}};
  if (n < 2 || n > 7)
    return KW_NONE;
  if (word_is(w, n, "async")) {
    const char *p = next;
    while (p < end && (*p == ' ' || *p == '\t'))
      p++;
    size_t m = 0;
    while (p + m < end && pf_is_ident_char((unsigned char)p[m]))
      m++;
    if (word_is(p, m, "def"))
      return KW_DEF;
    if (word_is(p, m, "for"))
      return KW_FOR;
    if (word_is(p, m, "with"))
      return KW_WITH;
    return KW_NONE;
  }
  for (size_t i = 0; i < sizeof(kws) / sizeof(kws[0]); i++) {
    if (kws[i].n == n && w[0] == kws[i].s[0] && memcmp(w, kws[i].s, n) == 0)
      return kws[i].kw;
  }
  return KW_NONE;
}

// The start of string literals as the SQL detector sees them: the first
// bytes of their values (escapes processed unless raw), joined.
typedef struct sqlprobe {
  char buf[16];
  uint32_t len;
  bool lead; // still skipping the blanks and '(' before the text
} sqlprobe;

// Whether the value @p holds so far starts like SQL (pf__looks_like_sql
// reads the blanks and parentheses, a keyword and the byte after it).
static bool probe_sql(const sqlprobe *p)
{
  return p->len && pf__looks_like_sql(p->buf, p->len);
}

static void probe_put(sqlprobe *p, char c)
{
  if (p->lead && (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '('))
    return;
  p->lead = false;
  if (p->len < 9) // the longest keyword, "truncate", and one byte
    p->buf[p->len++] = c;
}

// Feeds the value of the string literal [s, e) of @d (its content,
// between the quotes) to @p, processing escapes as sqlstr.c does.
static void probe_string(sqlprobe *p, const char *d, uint32_t s, uint32_t e,
                         bool raw)
{
  for (uint32_t i = s; i < e && p->len < 9; i++) {
    char c = d[i];
    if (!raw && c == '\\' && i + 1 < e) {
      char x = d[++i];
      if (x == '\n')
        continue;
      probe_put(p, x == 'n' ? '\n' : x == 't' ? '\t' : x == 'r' ? '\r' : x);
      continue;
    }
    probe_put(p, c);
  }
}

typedef struct lexer {
  outline *o;
  const pf__scan *scan;
  uint32_t i;
  uint32_t row, row_start; // the row at i, and where it starts
} lexer;

// Counts the newline at @nl.
static inline void newline(lexer *lx, uint32_t nl)
{
  lx->row++;
  lx->row_start = nl + 1;
}

// Reads the string literal whose opening quote is at @q (after a prefix
// of @pn bytes at q - pn). Returns the offset past its closing quote, or
// NONE when it does not end (a newline in a one-quote string, or the end of
// the file).
static uint32_t skip_string(lexer *lx, uint32_t q, uint32_t *cs, uint32_t *ce)
{
  const char *d = lx->o->d;
  uint32_t n = lx->o->n;
  char quote = d[q];
  bool triple = q + 2 < n && d[q + 1] == quote && d[q + 2] == quote;
  uint32_t i = q + (triple ? 3 : 1);
  *cs = i;
  // The bytes that can end the string or need a look: its quote, '\\',
  // a newline (ends a one-quote string), NUL.
  static const bool stop_dq[256] = {['"'] = 1, ['\\'] = 1, ['\n'] = 1, [0] = 1};
  static const bool stop_sq[256] = {
      ['\''] = 1, ['\\'] = 1, ['\n'] = 1, [0] = 1};
  const bool *stop = quote == '"' ? stop_dq : stop_sq;
  for (;;) {
    // The file ends with a NUL past its bytes (pf_source), a stop byte.
    while (!stop[(unsigned char)d[i]])
      i++;
    if (i >= n)
      break;
    char c = d[i];
    if (c == '\\') {
      if (i + 1 >= n)
        return NONE; // the file ends inside the string
      if (i + 2 < n && d[i + 1] == '\r' && d[i + 2] == '\n') {
        newline(lx, i + 2);
        i += 3;
      } else {
        if (i + 1 < n && d[i + 1] == '\n')
          newline(lx, i + 1);
        i += 2;
      }
      continue;
    }
    if (c == '\0')
      return NONE;
    if (c == quote) {
      if (!triple) {
        *ce = i;
        return i + 1;
      }
      if (i + 2 < n && d[i + 1] == quote && d[i + 2] == quote) {
        *ce = i;
        return i + 3;
      }
    } else if (c == '\n') {
      if (!triple)
        return NONE;
      newline(lx, i);
    }
    i++;
  }
  return NONE;
}

// Whether [s, e) of @d is one of the target columns.
static bool is_target_col(const pf__scan *scan, const char *d, uint32_t s,
                          uint32_t e)
{
  return pf__is_target_column(scan, d + s, e - s);
}

// Reads one logical line starting at token @tok of the physical line that
// starts at @start; appends it. Returns false when the file cannot be
// outlined.
static bool lex_line(lexer *lx, uint32_t start, uint32_t tok, uint32_t indent)
{
  const char *d = lx->o->d;
  uint32_t n = lx->o->n;
  pyline L;
  memset(&L, 0, sizeof(L));
  L.start = start;
  L.tok = tok;
  L.colon = NONE;
  L.indent = indent;
  L.row = lx->row;
  L.stmt = NONE;
  if (d[tok] == '@') {
    L.kw = KW_AT;
  } else if (is_ident_start((unsigned char)d[tok])) {
    uint32_t w = tok;
    while (w < n && pf_is_ident_char((unsigned char)d[w]))
      w++;
    L.kw = keyword(d + tok, w - tok, d + w, d + n);
  }
  char stack[MAX_DEPTH]; // the closing bracket of each open one
  // Whether a key in each open bracket may be read by key access: a "["
  // after a name (a subscript), a "(" after get, read_attribute,
  // getAttribute or getDataValue (keyaccess.c, find_access).
  bool keyed[MAX_DEPTH];
  uint32_t depth = 0;
  uint32_t word = NONE, word_end = 0; // the name just before, if any
  bool strings = true;  // only plain strings and parentheses so far
  bool operand = false; // a string or ')' came last: a '(' is a call
  bool after_colon = false;
  char prev = 0; // the last significant byte (comments excluded)
  sqlprobe joined = {{0}, 0, true};
  uint32_t i = tok;
  for (;;) {
    if (i >= n) {
      if (depth)
        return false;
      L.end = n;
      break;
    }
    unsigned char c = (unsigned char)d[i];
    // Strings, with or without a prefix (any of rbuf: tree-sitter-python
    // takes them all).
    uint32_t q = NONE;
    bool raw = false, fmt = false;
    switch (c) {
    case '\n':
      newline(lx, i);
      i++;
      if (depth == 0) {
        L.end = i;
        goto done;
      }
      continue;
    case ' ':
    case '\t':
    case '\r':
    case '\f':
      i++;
      continue;
    case '#': {
      const char *nl = memchr(d + i, '\n', n - i);
      i = nl ? (uint32_t)(nl - d) : n;
      continue;
    }
    case '\\':
      if (i + 1 < n && d[i + 1] == '\n') {
        newline(lx, i + 1);
        i += 2;
      } else if (i + 2 < n && d[i + 1] == '\r' && d[i + 2] == '\n') {
        newline(lx, i + 2);
        i += 3;
      } else {
        return false; // a stray backslash: let the parser judge
      }
      continue;
    case '\0':
      return false;
    case '\'':
    case '"':
      q = i;
      break;
    default:
      break;
    }
    if (after_colon)
      L.flags |= L_BODY;
    if (q == NONE && is_ident_start(c)) {
      uint32_t w = i + 1;
      while (is_ident((unsigned char)d[w])) // d[n] is a NUL
        w++;
      bool prefix = w < n && (d[w] == '\'' || d[w] == '"');
      for (uint32_t k = i; prefix && k < w; k++) {
        char x = (char)pf_ascii_lower((unsigned char)d[k]);
        prefix = x == 'r' || x == 'b' || x == 'u' || x == 'f';
        raw |= x == 'r';
        fmt |= x == 'f';
      }
      if (prefix) {
        q = w;
      } else {
        if (depth == 0 && w - i == 6 && memcmp(d + i, "lambda", 6) == 0)
          L.flags |= L_LAMBDA;
        strings = false;
        operand = true;
        prev = d[w - 1];
        word = i;
        word_end = w;
        i = w;
        continue;
      }
    }
    if (q != NONE) {
      uint32_t cs, ce;
      uint32_t after = skip_string(lx, q, &cs, &ce);
      if (after == NONE)
        return false;
      if (fmt) {
        strings = false;
      } else if (strings) {
        // Only a line of strings is looked at as SQL text (L_SQL).
        sqlprobe own = {{0}, 0, true};
        probe_string(&own, d, cs, ce, raw);
        probe_string(&joined, d, cs, ce, raw);
        if (probe_sql(&own))
          L.flags |= L_SQL;
      }
      // "col" first in such brackets, or after a comma in a subscript:
      // row["col"], row.get("col"), row[1, "col"].
      if (q == i && ce - cs + 2 == after - q && d[q] != d[q + 1] && depth &&
          keyed[depth - 1] &&
          (prev == '[' || prev == '(' ||
           (prev == ',' && stack[depth - 1] == ']')) &&
          is_target_col(lx->scan, d, cs, ce))
        L.flags |= L_KEY;
      operand = true;
      prev = d[after - 1];
      word = NONE;
      i = after;
      continue;
    }
    if (c >= '0' && c <= '9') {
      // A number: 1_000, 0x1F, 1.5e-3j (the sign is an operator).
      uint32_t w = i + 1;
      while (w < n && (pf_is_ident_char((unsigned char)d[w]) || d[w] == '.'))
        w++;
      strings = false;
      operand = true;
      prev = d[w - 1];
      word = NONE;
      i = w;
      continue;
    }
    if (c == '(' || c == '[' || c == '{') {
      if (depth == MAX_DEPTH)
        return false;
      bool keyed_here = false;
      if (word != NONE && pf_is_ident_char((unsigned char)prev)) {
        const char *w = d + word;
        size_t wn = word_end - word;
        keyed_here =
            c == '[' || (c == '(' && (word_is(w, wn, "get") ||
                                      word_is(w, wn, "read_attribute") ||
                                      word_is(w, wn, "getAttribute") ||
                                      word_is(w, wn, "getDataValue")));
      }
      keyed[depth] = keyed_here;
      stack[depth++] = (char)(c == '(' ? ')' : c == '[' ? ']' : '}');
      if (c != '(' || operand)
        strings = false;
      operand = false;
    } else if (c == ')' || c == ']' || c == '}') {
      if (depth == 0 || stack[depth - 1] != (char)c)
        return false;
      depth--;
      if (c != ')')
        strings = false;
      operand = true;
    } else {
      strings = false;
      operand = false;
      if (c == ':' && depth == 0 && L.colon == NONE &&
          !(i + 1 < n && d[i + 1] == '=')) {
        L.colon = i;
        after_colon = true;
      }
    }
    prev = (char)c;
    word = NONE;
    i++;
  }
done:
  L.end_row = lx->row;
  L.end_col = L.end - lx->row_start;
  if (strings) {
    L.flags |= L_STRINGS;
    if (probe_sql(&joined))
      L.flags |= L_SQL;
  }
  pf_vec_push(&lx->o->lines, L);
  lx->i = L.end;
  return true;
}

// Splits the file into logical lines. Returns false when it cannot.
static bool lex(lexer *lx)
{
  const char *d = lx->o->d;
  uint32_t n = lx->o->n;
  lx->i = 0;
  while (lx->i < n) {
    uint32_t start = lx->i, i = lx->i, indent = 0;
    // Indentation, counted as tree-sitter-python's scanner counts it.
    while (i < n) {
      char c = d[i];
      if (c == ' ')
        indent++;
      else if (c == '\t')
        indent += 8;
      else if (c == '\r' || c == '\f')
        indent = 0;
      else
        break;
      i++;
    }
    if (i >= n)
      break;
    if (d[i] == '\n') {
      newline(lx, i);
      lx->i = i + 1;
      continue;
    }
    if (d[i] == '#') {
      while (i < n && d[i] != '\n')
        i++;
      lx->i = i;
      continue;
    }
    if (d[i] == '\\' || d[i] == '\0')
      return false;
    if (!lex_line(lx, start, i, indent))
      return false;
  }
  return true;
}

/* Section - Statements */

static bool is_clause(uint8_t kw)
{
  return kw == KW_ELIF || kw == KW_ELSE || kw == KW_EXCEPT || kw == KW_FINALLY;
}

static bool is_header(const pyline *L)
{
  return L->kw != KW_NONE && L->kw != KW_AT && L->colon != NONE;
}

// Groups the logical lines into statements by their indentation, as the
// scanner's INDENT and DEDENT tokens do. Returns false for indentation
// that does not nest, a header without a body, a stray clause or
// decorator, and match statements.
static bool build(outline *o)
{
  typedef struct open {
    uint32_t stmt;   // the compound statement
    uint32_t indent; // of its header
    uint32_t body;   // indentation of its current clause's body, or NONE
    bool expect;     // the current clause has no one-line body
  } open;
  open stack[MAX_DEPTH];
  uint32_t depth = 0;
  uint32_t n = o->lines.len;
  for (uint32_t l = 0; l < n; l++) {
    pyline *L = &o->lines.items[l];
    if (L->kw == KW_MATCH && L->colon != NONE)
      return false;
    if (L->kw == KW_CASE && L->colon != NONE)
      return false;
    bool clause = false;
    while (depth) {
      open *top = &stack[depth - 1];
      if (L->indent > top->indent)
        break;
      if (L->indent == top->indent && is_clause(L->kw)) {
        clause = true;
        break;
      }
      if (top->expect && top->body == NONE)
        return false; // a header without a body
      o->stmts.items[top->stmt].last = l - 1;
      depth--;
    }
    if (clause) {
      open *top = &stack[depth - 1];
      if (top->expect && top->body == NONE)
        return false;
      if (L->colon == NONE)
        return false;
      L->stmt = top->stmt;
      top->expect = !(L->flags & L_BODY);
      top->body = NONE;
      continue;
    }
    if (is_clause(L->kw))
      return false; // an else without its if
    uint32_t parent = NONE;
    if (depth) {
      open *top = &stack[depth - 1];
      if (!top->expect)
        return false; // indented after a one-line body
      if (top->body == NONE)
        top->body = L->indent;
      else if (top->body != L->indent)
        return false; // indentation that does not nest
      parent = top->stmt;
    } else if (L->indent != 0) {
      return false;
    }
    pystmt st = {l, l, l, parent, false, M_NONE, false};
    uint32_t s = o->stmts.len;
    L->stmt = s;
    if (L->kw == KW_AT) {
      // Decorators, then the def or class at the same indentation.
      uint32_t h = l;
      while (h < n && o->lines.items[h].kw == KW_AT &&
             o->lines.items[h].indent == L->indent) {
        o->lines.items[h].stmt = s;
        h++;
      }
      if (h == n || o->lines.items[h].indent != L->indent ||
          (o->lines.items[h].kw != KW_DEF &&
           o->lines.items[h].kw != KW_CLASS) ||
          o->lines.items[h].colon == NONE)
        return false;
      o->lines.items[h].stmt = s;
      st.head = st.last = h;
      l = h;
      L = &o->lines.items[h];
    } else if (L->kw != KW_NONE && !is_header(L) && L->kw != KW_MATCH &&
               L->kw != KW_CASE) {
      return false; // a keyword of a compound statement without its colon
    }
    if (is_header(L) && L->kw != KW_MATCH && L->kw != KW_CASE) {
      st.compound = true;
      if (depth == MAX_DEPTH)
        return false;
      open op = {s, L->indent, NONE, !(L->flags & L_BODY)};
      stack[depth++] = op;
    }
    pf_vec_push(&o->stmts, st);
  }
  while (depth) {
    open *top = &stack[depth - 1];
    if (top->expect && top->body == NONE)
      return false;
    o->stmts.items[top->stmt].last = n - 1;
    depth--;
  }
  return true;
}

/* Section - Choosing the parts */

// The logical line that holds offset @at, or NONE (a comment line, a
// blank).
static uint32_t line_at(const outline *o, uint32_t at)
{
  uint32_t lo = 0, hi = o->lines.len;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (o->lines.items[mid].tok <= at)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo == 0)
    return NONE;
  const pyline *L = &o->lines.items[lo - 1];
  return at < L->end ? lo - 1 : NONE;
}

static void mark(outline *o, uint32_t s, uint8_t m)
{
  pystmt *st = &o->stmts.items[s];
  if (st->mark < m)
    st->mark = m;
}

// Whether [s, e) lies in a keyword that a compound statement or clause
// holds directly (def, else, the in of a for, the as of an except...): an
// occurrence there is in no part of the header, and the statement around
// it is the whole statement or clause (treesitter.c, add_statement). Any
// word so spelled counts, in a comment or a string too.
static bool in_keyword(const outline *o, uint32_t s, uint32_t e)
{
  static const char *const kws[] = {
      "async", "def",  "class", "if",     "elif",    "else", "for",   "in",
      "while", "with", "try",   "except", "finally", "as",   "match", "case"};
  const char *d = o->d;
  while (s > 0 && is_ident((unsigned char)d[s - 1]))
    s--;
  while (e < o->n && is_ident((unsigned char)d[e]))
    e++;
  for (size_t i = 0; i < sizeof(kws) / sizeof(kws[0]); i++) {
    if (word_is(d + s, e - s, kws[i]))
      return true;
  }
  return false;
}

// Marks what an occurrence at [s, e) needs. Returns false when the file
// must be parsed whole.
static bool on_occurrence(outline *o, const pf__scan *scan, uint32_t s,
                          uint32_t e)
{
  uint32_t l = line_at(o, s);
  if (l == NONE)
    return true; // a comment on a line of its own
  pyline *L = &o->lines.items[l];
  if (e > L->end)
    return false;
  pystmt *st = &o->stmts.items[L->stmt];
  if (!st->compound) {
    // A statement of plain strings that do not start like SQL: the
    // detectors find nothing in it (no identifier, call or key).
    if ((L->flags & L_STRINGS) && !(L->flags & L_SQL) && !scan->nliterals)
      return true;
    mark(o, L->stmt, M_FULL);
    return true;
  }
  bool body = L->colon != NONE && s > L->colon && (L->flags & L_BODY);
  if (body || (L->flags & L_LAMBDA) || (L->colon == NONE && L->kw != KW_AT) ||
      in_keyword(o, s, e)) {
    mark(o, L->stmt, M_FULL);
    return true;
  }
  mark(o, L->stmt, M_HEAD);
  L->need = 1;
  return true;
}

// Whether class statement @st may be a model (orm_python.c): a superclass
// spelled "Model" or "models.Model", or "__tablename__" assigned in its
// body.
static bool maybe_model(const outline *o, const pystmt *st)
{
  const char *d = o->d;
  const pyline *H = &o->lines.items[st->head];
  const char *p = memchr(d + H->tok, '(', H->colon - H->tok);
  for (; p && p + 5 <= d + H->colon; p++) {
    p = memchr(p, 'M', (size_t)(d + H->colon - p));
    if (!p)
      break;
    if (memcmp(p, "Model", 5) != 0 || pf_is_ident_char((unsigned char)p[5]) ||
        p[5] == '.')
      continue;
    unsigned char b = (unsigned char)p[-1];
    if (!pf_is_ident_char(b) && b != '.')
      return true;
    if (b == '.' && p - 7 >= d && memcmp(p - 7, "models.", 7) == 0)
      return true;
  }
  for (uint32_t l = st->head + 1; l <= st->last; l++) {
    const pyline *L = &o->lines.items[l];
    if (L->stmt == NONE)
      continue;
    const pystmt *b = &o->stmts.items[L->stmt];
    if (b->parent != (uint32_t)(st - o->stmts.items) || b->compound)
      continue;
    static const char tn[] = "__tablename__";
    uint32_t m = sizeof(tn) - 1;
    if (L->end - L->tok > m && memcmp(d + L->tok, tn, m) == 0 &&
        !pf_is_ident_char((unsigned char)d[L->tok + m]))
      return true;
  }
  return false;
}

// The function (def) whose body or header holds line @l, or NONE: the
// scope key access reads (keyaccess.c, enclosing_function). A decorator
// is not inside the function it decorates.
static uint32_t function_of(const outline *o, uint32_t l)
{
  const pyline *L = &o->lines.items[l];
  uint32_t s = L->stmt;
  const pystmt *st = &o->stmts.items[s];
  if (st->compound && L->kw == KW_AT)
    s = st->parent;
  for (; s != NONE; s = o->stmts.items[s].parent) {
    const pystmt *p = &o->stmts.items[s];
    if (p->compound && o->lines.items[p->head].kw == KW_DEF)
      return s;
  }
  return NONE;
}

typedef PF_VEC(pf__part) partvec;

// Adds the bytes from line @A (its first token with @tok, else the start
// of its line) to the end of line @Z.
static void add_part(partvec *out, const pyline *A, bool tok, const pyline *Z)
{
  pf__part p = {tok ? A->tok : A->start,     Z->end,     A->row,
                tok ? A->tok - A->start : 0, Z->end_row, Z->end_col};
  if (p.start < p.end)
    pf_vec_push(out, p);
}

// The first statement of the body of the clause whose header is line @h.
static uint32_t first_body(const outline *o, uint32_t h)
{
  if (h + 1 >= o->lines.len)
    return NONE;
  const pyline *B = &o->lines.items[h + 1];
  if (B->indent <= o->lines.items[h].indent)
    return NONE;
  return B->stmt;
}

// Adds the statement @s as the body of a header just added, from the start
// of its line so that it is indented under it: a simple statement whole,
// a compound one by its head and, recursively, its first statement.
static void add_filler(const outline *o, uint32_t s, partvec *out)
{
  while (s != NONE) {
    const pystmt *st = &o->stmts.items[s];
    const pyline *F = &o->lines.items[st->first];
    const pyline *H = &o->lines.items[st->head];
    if (!st->compound || H->kw == KW_TRY) {
      add_part(out, F, false, &o->lines.items[st->last]);
      return;
    }
    add_part(out, F, false, H);
    if (H->flags & L_BODY)
      return;
    s = first_body(o, st->head);
  }
}

static int cmp_part(const void *pa, const void *pb)
{
  const pf__part *a = pa, *b = pb;
  if (a->start != b->start)
    return a->start < b->start ? -1 : 1;
  return a->end < b->end ? -1 : a->end > b->end;
}

// Whether the body of the clause whose header is line @l holds a marked
// statement.
static bool body_marked(const outline *o, uint32_t l, uint32_t last)
{
  uint32_t s = o->lines.items[l].stmt;
  for (uint32_t x = l + 1; x <= last && o->lines.items[x].stmt != s;) {
    const pystmt *b = &o->stmts.items[o->lines.items[x].stmt];
    if (b->mark || b->inner)
      return true;
    x = b->last + 1;
  }
  return false;
}

// Adds statement @s with its block structure: every clause that holds an
// occurrence or a marked statement, with those statements inside it (a
// clause with none gets its first statement). @root: it is a part of its
// own and starts at its first token; else it starts at the start of its
// line, inside the block of a statement added the same way. Clauses after
// the head start at the start of their line either way.
static void add_nested(const outline *o, uint32_t s, bool root, partvec *out)
{
  const pystmt *st = &o->stmts.items[s];
  const pyline *F = &o->lines.items[st->first];
  if (st->mark == M_FULL || !st->compound) {
    add_part(out, F, root, &o->lines.items[st->last]);
    return;
  }
  bool all = o->lines.items[st->head].kw == KW_TRY;
  for (uint32_t l = st->head; l <= st->last; l++) {
    const pyline *C = &o->lines.items[l];
    if (C->stmt != s)
      continue; // a line of a body
    bool head = l == st->head;
    bool inner = body_marked(o, l, st->last);
    if (!head && !all && !C->need && !inner)
      continue;
    // A clause starts at the start of its line, indented as its head
    // (which a filler may have put there already).
    add_part(out, head ? F : C, head && root, C);
    if (C->flags & L_BODY)
      continue;
    if (!inner) {
      add_filler(o, first_body(o, l), out);
      continue;
    }
    for (uint32_t x = l + 1; x <= st->last && o->lines.items[x].stmt != s;) {
      uint32_t b = o->lines.items[x].stmt;
      if (o->stmts.items[b].mark || o->stmts.items[b].inner)
        add_nested(o, b, false, out);
      x = o->stmts.items[b].last + 1;
    }
  }
}

// Whether the header occurrences of compound statement @s are in clauses
// after its head (every clause of a try counts: it needs one).
static bool later_clauses(const outline *o, uint32_t s)
{
  const pystmt *st = &o->stmts.items[s];
  if (o->lines.items[st->head].kw == KW_TRY)
    return true;
  for (uint32_t l = st->head + 1; l <= st->last; l++) {
    if (o->lines.items[l].stmt == s && o->lines.items[l].need)
      return true;
  }
  return false;
}

// Adds the parts of the marked statements, merged, in file order. A
// statement marked whole is one part. A header is a part with the first
// statement of its body (from the start of its line: indented under it);
// the statements marked inside its body are parts of their own after it,
// unless a later clause of it is needed (elif, except...): then it keeps
// its block structure around them (add_nested).
static void emit(outline *o, partvec *out)
{
  for (uint32_t s = 0; s < o->stmts.len; s++) {
    if (!o->stmts.items[s].mark)
      continue;
    for (uint32_t p = o->stmts.items[s].parent;
         p != NONE && !o->stmts.items[p].inner; p = o->stmts.items[p].parent)
      o->stmts.items[p].inner = true;
  }
  uint32_t covered = 0; // lines before this are inside a statement added
  for (uint32_t s = 0; s < o->stmts.len; s++) {
    const pystmt *st = &o->stmts.items[s];
    if (st->mark == M_NONE || st->first < covered)
      continue;
    const pyline *F = &o->lines.items[st->first];
    const pyline *H = &o->lines.items[st->head];
    if (st->mark == M_FULL || later_clauses(o, s)) {
      add_nested(o, s, true, out);
      covered = st->last + 1;
      continue;
    }
    add_part(out, F, true, H);
    if (!(H->flags & L_BODY))
      add_filler(o, first_body(o, st->head), out);
  }
  pf_sort(out->items, out->len, sizeof(pf__part), cmp_part);
  uint32_t w = 0;
  for (uint32_t i = 0; i < out->len; i++) {
    pf__part *last = w ? &out->items[w - 1] : NULL;
    if (last && out->items[i].start <= last->end) {
      if (out->items[i].end > last->end) {
        last->end = out->items[i].end;
        last->end_row = out->items[i].end_row;
        last->end_col = out->items[i].end_col;
      }
    } else {
      out->items[w++] = out->items[i];
    }
  }
  out->len = w;
}

// Every whole-word "Table" (SQLAlchemy Core, read by the models query).
static bool mark_tables(outline *o, const pf__scan *scan)
{
  const char *d = o->d, *end = d + o->n;
  for (const char *p = d; p + 5 <= end; p++) {
    p = memchr(p, 'T', (size_t)(end - p));
    if (!p || p + 5 > end)
      break;
    if (memcmp(p, "Table", 5) != 0 ||
        (p > d && pf_is_ident_char((unsigned char)p[-1])) ||
        (p + 5 < end && pf_is_ident_char((unsigned char)p[5])))
      continue;
    uint32_t s = (uint32_t)(p - d);
    if (!on_occurrence(o, scan, s, s + 5))
      return false;
  }
  return true;
}

bool pf__py_parts(const pf__fctx *fx, pf__partvec *out)
{
  out->len = 0;
  const pf__scan *scan = fx->scan;
  outline o;
  o.d = fx->src->data;
  o.n = fx->src->len;
  if (o.d[o.n] != '\0')
    return false; // the lexer stops at the NUL a pf_source ends with
  pf_vec_init(&o.lines);
  pf_vec_init(&o.stmts);
  lexer lx = {&o, scan, 0, 0, 0};
  bool ok = lex(&lx) && build(&o);
  for (uint32_t i = 0; ok && i < fx->occ->len; i++)
    ok =
        on_occurrence(&o, scan, fx->occ->items[i].start, fx->occ->items[i].end);
  ok = ok && mark_tables(&o, scan);
  for (uint32_t s = 0; ok && s < o.stmts.len; s++) {
    const pystmt *st = &o.stmts.items[s];
    if (st->compound && o.lines.items[st->head].kw == KW_CLASS &&
        maybe_model(&o, st))
      mark(&o, s, M_FULL);
  }
  for (uint32_t l = 0; ok && l < o.lines.len; l++) {
    if (!(o.lines.items[l].flags & L_KEY))
      continue;
    uint32_t f = function_of(&o, l);
    if (f == NONE)
      ok = false; // key access at module level reads the whole module
    else
      mark(&o, f, M_FULL);
  }
  if (ok)
    emit(&o, (partvec *)out);
  pf_vec_clear(&o.lines);
  pf_vec_clear(&o.stmts);
  if (!ok)
    out->len = 0;
  return ok;
}
