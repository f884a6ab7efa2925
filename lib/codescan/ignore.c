/* .gitignore patterns: parsing and matching with git's semantics. */
/* SPDX-License-Identifier: MIT */
#include "ignore.h"

#include <stdlib.h>
#include <string.h>

// Matching results; ABORT stops the backtracking of every enclosing "*" (no
// later start can help once the text ran out), as git's wildmatch does.
enum { NOMATCH = 0, MATCH = 1, ABORT = 2 };

// Limits the work a hostile pattern can cause ("*a*a*a*a*b" on a long
// name): each call spends one unit; past the budget nothing matches.
#define WILD_BUDGET 100000

static bool class_named(const char *name, size_t n, unsigned char c)
{
#define IS(s) (n == sizeof(s) - 1 && memcmp(name, s, n) == 0)
  if (IS("alnum"))
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
  if (IS("alpha"))
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
  if (IS("digit"))
    return c >= '0' && c <= '9';
  if (IS("lower"))
    return c >= 'a' && c <= 'z';
  if (IS("upper"))
    return c >= 'A' && c <= 'Z';
  if (IS("space"))
    return c == ' ' || (c >= '\t' && c <= '\r');
  if (IS("blank"))
    return c == ' ' || c == '\t';
  if (IS("punct"))
    return c > 32 && c < 127 && !class_named("alnum", 5, c);
  if (IS("xdigit"))
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
  if (IS("cntrl"))
    return c < 32 || c == 127;
  if (IS("graph"))
    return c > 32 && c < 127;
  if (IS("print"))
    return c >= 32 && c < 127;
#undef IS
  return false;
}

// Matches one character @c against the class starting after "[" at *pp;
// advances *pp past the closing "]". Returns -1 when the class is not
// closed (git then matches nothing).
static int match_class(const char **pp, unsigned char c)
{
  const char *p = *pp;
  bool negate = *p == '!' || *p == '^';
  if (negate)
    p++;
  bool hit = false;
  bool first = true;
  for (;; first = false) {
    unsigned char lo = (unsigned char)*p;
    if (!lo)
      return -1;
    if (lo == ']' && !first)
      break;
    if (lo == '[' && p[1] == ':') {
      const char *end = strstr(p + 2, ":]");
      if (!end)
        return -1;
      hit |= class_named(p + 2, (size_t)(end - p - 2), c);
      p = end + 2;
      continue;
    }
    if (lo == '\\') {
      lo = (unsigned char)*++p;
      if (!lo)
        return -1;
    }
    p++;
    if (*p == '-' && p[1] && p[1] != ']') {
      unsigned char hi = (unsigned char)p[1];
      p += 2;
      if (hi == '\\') {
        hi = (unsigned char)*p++;
        if (!hi)
          return -1;
      }
      hit |= c >= lo && c <= hi;
    } else {
      hit |= c == lo;
    }
  }
  *pp = p + 1;
  return hit != negate;
}

static int wild(const char *p, const char *t, bool at_start, int *budget)
{
  if (--*budget < 0)
    return ABORT;
  for (; *p; p++, t++, at_start = false) {
    unsigned char c = (unsigned char)*p;
    switch (c) {
    case '\\':
      // A trailing backslash is an invalid pattern: it matches nothing.
      c = (unsigned char)*++p;
      if (!c)
        return ABORT;
      if ((unsigned char)*t != c)
        return NOMATCH;
      break;
    case '?':
      if (!*t || *t == '/')
        return NOMATCH;
      break;
    case '[': {
      if (!*t || *t == '/')
        return NOMATCH;
      p++;
      int m = match_class(&p, (unsigned char)*t);
      if (m < 0)
        return ABORT;
      if (!m)
        return NOMATCH;
      p--; // the loop steps past the class's "]"
      break;
    }
    case '*': {
      const char *stars = p;
      while (p[1] == '*')
        p++;
      // "**" only spans directories as a whole path component.
      bool dstar = p > stars && (at_start || stars[-1] == '/') &&
                   (p[1] == '\0' || p[1] == '/');
      if (dstar && p[1] == '\0')
        return MATCH; // "x/**" and "**": everything below
      if (dstar) {
        // "**/rest": rest at this level or after any number of "dir/".
        const char *rest = p + 2;
        for (const char *s = t;;) {
          int r = wild(rest, s, true, budget);
          if (r != NOMATCH)
            return r;
          s = strchr(s, '/');
          if (!s)
            return ABORT;
          s++;
        }
      }
      p++;
      if (!*p)
        return strchr(t, '/') ? NOMATCH : MATCH;
      for (;; t++) {
        int r = wild(p, t, false, budget);
        if (r != NOMATCH)
          return r;
        if (!*t)
          return ABORT;
        if (*t == '/')
          return NOMATCH;
      }
    }
    default:
      if ((unsigned char)*t != c)
        return NOMATCH;
      break;
    }
  }
  return *t ? NOMATCH : MATCH;
}

bool pf__wildmatch(const char *pat, const char *text)
{
  int budget = WILD_BUDGET;
  return wild(pat, text, true, &budget) == MATCH;
}

// Drops the unescaped spaces at the end of @s[0..*n).
static void trim_trailing_spaces(const char *s, size_t *n)
{
  size_t end = *n;
  while (end > 0 && s[end - 1] == ' ') {
    // Count the backslashes before the space: an odd number escapes it.
    size_t k = end - 1, bs = 0;
    while (k > 0 && s[k - 1] == '\\') {
      k--;
      bs++;
    }
    if (bs % 2)
      break;
    end--;
  }
  *n = end;
}

static void add_line(pf__ignore_file *self, const char *s, size_t n)
{
  if (n && s[n - 1] == '\r')
    n--;
  if (!n || s[0] == '#')
    return;
  trim_trailing_spaces(s, &n);
  pf__ignore_pat pat;
  memset(&pat, 0, sizeof(pat));
  if (n && s[0] == '!') {
    pat.negate = true;
    s++;
    n--;
  }
  if (n && s[n - 1] == '/') {
    pat.dir_only = true;
    n--;
  }
  if (!n)
    return;
  // A slash anywhere but at the end anchors the pattern to its directory.
  pat.anchored = memchr(s, '/', n) != NULL;
  if (s[0] == '/') {
    s++;
    n--;
  }
  if (!n)
    return;
  pat.pat = pf_xstrndup(s, n);
  pf_vec_push(&self->pats, pat);
}

void pf__ignore_parse(pf__ignore_file *self, const char *base, const char *text,
                      size_t len)
{
  self->base = pf_xstrdup(base);
  pf_vec_init(&self->pats);
  // git skips a UTF-8 byte order mark.
  if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
    text += 3;
    len -= 3;
  }
  while (len) {
    const char *nl = memchr(text, '\n', len);
    size_t n = nl ? (size_t)(nl - text) : len;
    // A NUL ends the pattern as it would in git's C strings.
    const char *nul = memchr(text, '\0', n);
    add_line(self, text, nul ? (size_t)(nul - text) : n);
    if (!nl)
      break;
    len -= n + 1;
    text = nl + 1;
  }
}

void pf__ignore_clear(pf__ignore_file *self)
{
  for (uint32_t i = 0; i < self->pats.len; i++)
    free(self->pats.items[i].pat);
  pf_vec_clear(&self->pats);
  free(self->base);
  self->base = NULL;
}

int pf__ignore_match(const pf__ignore_file *self, const char *rel, bool is_dir)
{
  size_t blen = strlen(self->base);
  if (strncmp(rel, self->base, blen) != 0)
    return -1;
  const char *sub = rel + blen;
  const char *slash = strrchr(sub, '/');
  const char *name = slash ? slash + 1 : sub;
  for (uint32_t i = self->pats.len; i-- > 0;) {
    const pf__ignore_pat *p = &self->pats.items[i];
    if (p->dir_only && !is_dir)
      continue;
    if (pf__wildmatch(p->pat, p->anchored ? sub : name))
      return p->negate ? 0 : 1;
  }
  return -1;
}
