/* tree-sitter driver: one pass per file, whole or in parts; the detectors. */
/* SPDX-License-Identifier: MIT */
#include "scan.h"

#include "prefilter.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// A parse that takes longer than this is abandoned with a warning.
#define PARSE_TIMEOUT_US (20u * 1000u * 1000u)
// Parts that cover more than this share of a file: it is parsed whole,
// which costs about as much (except to verify the parts).
#define MAX_PARTS_NUM 3
#define MAX_PARTS_DEN 4

/* Section - Node helpers */

bool pf__node_eq(const pf__fctx *fx, TSNode node, const char *s)
{
  if (ts_node_is_null(node))
    return false;
  size_t n;
  const char *t = pf__node_text(fx, node, &n);
  return strlen(s) == n && memcmp(t, s, n) == 0;
}

char *pf__node_dup(const pf__fctx *fx, TSNode node)
{
  size_t n;
  const char *t = pf__node_text(fx, node, &n);
  return pf_xstrndup(t, n);
}

TSNode pf__child_of_type(TSNode node, const char *type)
{
  uint32_t n = ts_node_is_null(node) ? 0 : ts_node_named_child_count(node);
  for (uint32_t i = 0; i < n; i++) {
    TSNode c = ts_node_named_child(node, i);
    if (strcmp(ts_node_type(c), type) == 0)
      return c;
  }
  TSNode none;
  memset(&none, 0, sizeof(none));
  return none;
}

char *pf__node_string(const pf__fctx *fx, TSNode node)
{
  if (ts_node_is_null(node))
    return NULL;
  const char *type = ts_node_type(node);
  if (strcmp(type, "string") != 0 && strcmp(type, "string_literal") != 0 &&
      strcmp(type, "interpreted_string_literal") != 0 &&
      strcmp(type, "raw_string_literal") != 0 &&
      strcmp(type, "template_string") != 0 &&
      strcmp(type, "encapsed_string") != 0)
    return NULL;
  // PHP's "..." holds variables as named children of their own.
  if (strcmp(type, "encapsed_string") == 0) {
    uint32_t nc = pf__named_count(node);
    for (uint32_t i = 0; i < nc; i++) {
      const char *ct = ts_node_type(ts_node_named_child(node, i));
      if (strcmp(ct, "string_content") != 0 &&
          strcmp(ct, "escape_sequence") != 0)
        return NULL;
    }
  }
  // Interpolated strings have no single value.
  if (!ts_node_is_null(pf__child_of_type(node, "interpolation")) ||
      !ts_node_is_null(pf__child_of_type(node, "template_substitution")))
    return NULL;
  size_t n;
  const char *t = pf__node_text(fx, node, &n);
  // Skip a prefix (Python r"", b"") up to the first quote.
  size_t i = 0;
  while (i < n && t[i] != '"' && t[i] != '\'' && t[i] != '`')
    i++;
  if (i == n)
    return NULL;
  char q = t[i];
  size_t qn = 1;
  if (i + 2 < n && t[i + 1] == q && t[i + 2] == q && n - i >= 6)
    qn = 3;
  size_t start = i + qn;
  if (n < start + qn)
    return NULL;
  size_t end = n - qn;
  if (end < start)
    return NULL;
  return pf_xstrndup(t + start, end - start);
}

/* Section - Per-file pass */

typedef void (*orm_fn)(pf__fctx *, const TSQueryCapture *, const char *);

static orm_fn orm_for(pf__lang lang)
{
  switch (lang) {
  case PF__LANG_PYTHON:
    return pf__orm_python;
  case PF__LANG_GO:
    return pf__orm_go;
  case PF__LANG_JAVASCRIPT:
  case PF__LANG_TYPESCRIPT:
  case PF__LANG_TSX:
    return pf__orm_js;
  case PF__LANG_JAVA:
    return pf__orm_java;
  case PF__LANG_RUBY:
    return pf__orm_ruby;
  case PF__LANG_PHP:
    return pf__orm_php;
  case PF__LANG_CSHARP:
    return pf__orm_csharp;
  default:
    return NULL;
  }
}

/* Section - Candidate occurrences */

static void occ_add(void *ud, uint32_t start, uint32_t end)
{
  pf__occvec *v = ud;
  pf__occ o = {start, end};
  pf_vec_push(v, o);
}

static int cmp_occ(const void *pa, const void *pb)
{
  const pf__occ *a = pa, *b = pb;
  if (a->start != b->start)
    return a->start < b->start ? -1 : 1;
  return a->end < b->end ? -1 : a->end > b->end;
}

// Whether the occurrence [s, e) is a whole word that is a candidate name
// (ASCII case ignored), as the Python detectors around candidates can use
// it. Words end where names do, and also where the value of a string or a
// Django lookup splits them: after a backslash escape (the letter of "\n"
// is not in the SQL text), before a numeric prefix (PostgreSQL reads
// "2model" as 2 and model), at "__" ("model__in" looks up the field
// "model"). Everything else the detectors read is a name, a SQL token or a
// lookup's field spelled whole: an occurrence inside a longer word
// ("models", "model_name") yields nothing for the candidate, unless a
// model maps a target column under a field so named, and then the scan
// runs again in full (codescan.c, python_alias).
static bool whole_word(const pf__fctx *fx, uint32_t s, uint32_t e)
{
  const char *d = fx->src->data;
  uint32_t n = fx->src->len, a = s, b = e;
  while (a > 0 && pf_is_ident_char((unsigned char)d[a - 1])) {
    if (a >= 2 && (d[a - 2] == '\\' || (d[a - 1] == '_' && d[a - 2] == '_')))
      break;
    a--;
  }
  bool digits = true;
  for (uint32_t i = a; i < s && digits; i++)
    digits = d[i] >= '0' && d[i] <= '9';
  if (digits)
    a = s;
  while (b < n && pf_is_ident_char((unsigned char)d[b]) &&
         !(d[b] == '_' && b + 1 < n && d[b + 1] == '_'))
    b++;
  return pf__is_candidate(fx->scan, d + a, b - a);
}

// Fills @fx->occ with every occurrence of a prefilter needle, in order;
// without a prefilter, the whole file is one. In a lean Python scan
// (pf__lean), only those that are whole candidate words.
static void find_occurrences(pf__fctx *fx)
{
  fx->occ->len = 0;
  if (!fx->scan->prefilter) {
    occ_add(fx->occ, 0, (uint32_t)fx->src->len);
    return;
  }
  pf__prefilter_each(fx->scan->prefilter, fx->src->data, fx->src->len, occ_add,
                     fx->occ);
  pf_sort(fx->occ->items, fx->occ->len, sizeof(pf__occ), cmp_occ);
  // (Without the list of candidates, every occurrence stays.)
  if (!pf__lean(fx->scan, fx->lang) || !fx->scan->ncands)
    return;
  uint32_t w = 0;
  for (uint32_t i = 0; i < fx->occ->len; i++) {
    pf__occ o = fx->occ->items[i];
    if (whole_word(fx, o.start, o.end))
      fx->occ->items[w++] = o;
  }
  fx->occ->len = w;
}

bool pf__occ_within(const pf__fctx *fx, uint32_t start, uint32_t end)
{
  const pf__occvec *v = fx->occ;
  // The first occurrence that starts at or after @start.
  uint32_t lo = 0, hi = v->len;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (v->items[mid].start < start)
      lo = mid + 1;
    else
      hi = mid;
  }
  for (uint32_t i = lo; i < v->len && v->items[i].start < end; i++) {
    if (v->items[i].end <= end)
      return true;
  }
  return false;
}

bool pf__parts_cover(const pf__fctx *fx, uint32_t start, uint32_t end)
{
  if (!fx->parts)
    return true;
  const pf__partvec *v = fx->parts;
  // The last part that starts at or before @start.
  uint32_t lo = 0, hi = v->len;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (v->items[mid].start <= start)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo > 0 && end <= v->items[lo - 1].end;
}

/* Section - Per-file pass */

// String literals and their concatenations, found with a cursor walk rather
// than a query: the walk knows each node's ancestors for free, where
// ts_node_parent() costs the depth of the tree (quadratic on deep nesting).
// The outermost concatenation is tried first; when it is not SQL, the
// pieces inside are tried on their own. A subtree whose bytes hold no
// candidate name is not entered: no SQL in it can name a target (the rule
// of the file prefilter, applied per node).
static void run_strings(pf__fctx *fx, TSNode root)
{
  TSTreeCursor c = ts_tree_cursor_new(root);
  // Inside a concatenation that was not SQL (depth > failed), only single
  // literals are tried: trying every sub-concatenation again would be
  // quadratic.
  uint32_t depth = 0, failed = UINT32_MAX;
  for (;;) {
    TSNode n = ts_tree_cursor_current_node(&c);
    bool descend =
        pf__occ_within(fx, ts_node_start_byte(n), ts_node_end_byte(n));
    if (descend) {
      bool concat = depth <= failed && pf__sql_is_concat(n);
      bool str = !concat && pf__sql_is_string(fx->lang, n);
      if (str && fx->scan->nliterals)
        pf__literal_from_node(fx, n);
      if ((concat || str) &&
          !pf__parts_cover(fx, ts_node_start_byte(n), ts_node_end_byte(n))) {
        fx->redo = true; // a literal that the parts cut
        break;
      }
      if (concat || str) {
        if (pf__sql_from_node(fx, n))
          descend = false;
        else if (concat)
          failed = depth;
      }
    }
    if (descend && ts_tree_cursor_goto_first_child(&c)) {
      depth++;
      continue;
    }
    bool more = true;
    while (more && !ts_tree_cursor_goto_next_sibling(&c)) {
      more = ts_tree_cursor_goto_parent(&c);
      depth--;
      if (depth <= failed)
        failed = UINT32_MAX;
    }
    if (!more)
      break;
    if (depth <= failed)
      failed = UINT32_MAX;
  }
  ts_tree_cursor_delete(&c);
}

static void run_models_around(pf__fctx *fx, TSQueryCursor *cur,
                              const TSQuery *q, TSNode root, orm_fn fn);

static void run_models(pf__fctx *fx, TSQueryCursor *cur, const TSQuery *q,
                       TSNode root)
{
  orm_fn fn = orm_for(fx->lang);
  if (!fn)
    return;
  if (pf__models_around(fx->scan, fx->lang)) {
    // Lean: matched without the query, at the nodes around triggers.
    run_models_around(fx, cur, pf__lean(fx->scan, fx->lang) ? NULL : q, root,
                      fn);
    return;
  }
  if (!q)
    return;
  ts_query_cursor_exec(cur, q, root);
  TSQueryMatch m;
  while (ts_query_cursor_next_match(cur, &m)) {
    for (uint16_t i = 0; i < m.capture_count; i++) {
      uint32_t len;
      const char *name =
          ts_query_capture_name_for_id(q, m.captures[i].index, &len);
      fn(fx, &m.captures[i], name);
    }
  }
}

// The identifiers query, run only where a target column's name occurs
// (case-sensitively: an identifier is its column only when spelled the
// same): on the node that spans the occurrence exactly, keeping the
// captures that are exactly the occurrence. The same captures as a run
// over the whole tree, without walking it.
// A byte range for the models query, and the node to run it from (a node
// that holds every match whose root holds the range).
typedef struct qrange {
  uint32_t start, end;
  TSNode node;
} qrange;
typedef PF_VEC(qrange) qrangevec;

// Adds to @out the statement around [s, e): the outermost node whose
// parent is the module or a block (Python), so that every node of a
// pattern matched there lies inside the range.
static void add_statement(TSNode root, uint32_t s, uint32_t e, qrangevec *out)
{
  // Down from the root to the smallest node that holds [s, e), as
  // ts_node_descendant_for_byte_range goes, keeping the child of the last
  // block or module passed (one descent: ts_node_parent descends from the
  // root again at each step up).
  TSNode n = root;
  for (TSNode at = root;;) {
    TSNode ch = ts_node_first_child_for_byte(at, s);
    if (ts_node_is_null(ch) || ts_node_start_byte(ch) > s ||
        ts_node_end_byte(ch) < e || ts_node_end_byte(ch) <= s)
      break;
    const char *t = ts_node_type(at);
    if (strcmp(t, "block") == 0 || strcmp(t, "module") == 0)
      n = ch;
    at = ch;
  }
  // In the header of a compound statement (def f(model), if x.model:,
  // @decorator(model)) the patterns that hold the occurrence lie inside the
  // header part, or are the class itself (a pattern of no children): the
  // part is enough, not the whole function or class.
  static const char *const compound[] = {
      "function_definition", "class_definition", "decorated_definition",
      "if_statement",        "elif_clause",      "else_clause",
      "for_statement",       "while_statement",  "with_statement",
      "try_statement",       "except_clause",    "finally_clause",
      "match_statement",     "case_clause",      NULL};
  for (bool more = true; more;) {
    more = false;
    const char *t = ts_node_type(n);
    bool comp = false;
    for (const char *const *c = compound; *c && !comp; c++)
      comp = strcmp(t, *c) == 0;
    if (!comp)
      break;
    uint32_t k = ts_node_named_child_count(n);
    for (uint32_t i = 0; i < k; i++) {
      TSNode c = ts_node_named_child(n, i);
      if (ts_node_start_byte(c) <= s && ts_node_end_byte(c) >= e) {
        if (strcmp(ts_node_type(c), "block") != 0) {
          n = c;
          more = true;
        }
        break;
      }
    }
  }
  qrange o = {ts_node_start_byte(n), ts_node_end_byte(n), n};
  if (o.start > s || o.end < e) {
    o.start = o.start > s ? s : o.start;
    o.end = o.end < e ? e : o.end;
    o.node = root;
  }
  pf_vec_push(out, o);
}

static void add_word_in(const pf__fctx *fx, TSNode root, const char *word,
                        size_t m, const char *from, const char *last,
                        bool statement, qrangevec *out, pf__occvec *at);

// Adds every whole-word occurrence of @word: the statement around it
// (@statement), else its own bytes; and its bytes to @at.
static void add_word(pf__fctx *fx, TSNode root, const char *word,
                     bool statement, qrangevec *out, pf__occvec *at)
{
  const char *d = fx->src->data;
  size_t m = strlen(word);
  for (uint32_t g = 0; g < pf__seg_count(fx); g++) {
    pf__part seg = pf__seg(fx, g);
    if (m > seg.end - seg.start)
      continue;
    add_word_in(fx, root, word, m, d + seg.start, d + (seg.end - m), statement,
                out, at);
  }
}

// add_word over the starts [from, last].
static void add_word_in(const pf__fctx *fx, TSNode root, const char *word,
                        size_t m, const char *from, const char *last,
                        bool statement, qrangevec *out, pf__occvec *at)
{
  const char *d = fx->src->data, *end = d + fx->src->len;
  for (const char *p = from; p <= last; p++) {
    p = memchr(p, word[0], (size_t)(last - p) + 1);
    if (!p)
      break;
    if (memcmp(p, word, m) != 0 ||
        (p > d && pf_is_ident_char((unsigned char)p[-1])) ||
        (p + m < end && pf_is_ident_char((unsigned char)p[m])))
      continue;
    uint32_t s = (uint32_t)(p - d);
    pf__occ word_at = {s, s + (uint32_t)m};
    pf_vec_push(at, word_at);
    if (statement) {
      add_statement(root, s, s + (uint32_t)m, out);
    } else {
      // From the class_definition the keyword starts (its pattern root).
      TSNode n = ts_node_descendant_for_byte_range(root, s, s + (uint32_t)m);
      TSNode up = ts_node_parent(n);
      if (!ts_node_is_null(up) && ts_node_start_byte(up) == s)
        n = up;
      qrange o = {s, s + (uint32_t)m, n};
      pf_vec_push(out, o);
    }
  }
}

// By start, the outer of two nested ranges first.
static int cmp_qrange(const void *pa, const void *pb)
{
  const qrange *a = pa, *b = pb;
  if (a->start != b->start)
    return a->start < b->start ? -1 : 1;
  return a->end > b->end ? -1 : a->end < b->end;
}

typedef struct seen_match {
  const void *id;
  uint32_t pattern;
} seen_match;

// A node that may root a pattern of the Python models query, and how deep
// below the node of its range it is.
typedef struct cand {
  TSNode node;
  uint32_t depth;
} cand;
typedef PF_VEC(cand) candvec;

// Adds @top and every node below it down to the smallest that holds
// [t.start, t.end) (nothing when @top does not hold it).
static void add_path(TSNode top, pf__occ t, candvec *out)
{
  if (ts_node_start_byte(top) > t.start || ts_node_end_byte(top) < t.end)
    return;
  cand c = {top, 0};
  pf_vec_push(out, c);
  for (TSNode n = top;;) {
    TSNode ch = ts_node_first_child_for_byte(n, t.start);
    if (ts_node_is_null(ch) || ts_node_start_byte(ch) > t.start ||
        ts_node_end_byte(ch) < t.end)
      break;
    c.node = ch;
    c.depth++;
    pf_vec_push(out, c);
    n = ch;
  }
}

// Pre-order: by start, the outer of two nodes first.
static int cmp_cand(const void *pa, const void *pb)
{
  const cand *a = pa, *b = pb;
  uint32_t as = ts_node_start_byte(a->node), bs = ts_node_start_byte(b->node);
  if (as != bs)
    return as < bs ? -1 : 1;
  uint32_t ae = ts_node_end_byte(a->node), be = ts_node_end_byte(b->node);
  if (ae != be)
    return ae > be ? -1 : 1;
  return a->depth < b->depth ? -1 : a->depth > b->depth;
}

static int cmp_occ_start(const void *pa, const void *pb)
{
  const pf__occ *a = pa, *b = pb;
  if (a->start != b->start)
    return a->start < b->start ? -1 : 1;
  return a->end < b->end ? -1 : a->end > b->end;
}

// The patterns of grammars/queries/python/models.scm by pattern index: a
// node of this type is captured under this name (orm_python.c checks the
// rest). An attribute is captured twice, @attribute first.
static const struct {
  const char *type, *capture;
} py_patterns[] = {{"class_definition", "class"},
                   {"call", "call"},
                   {"attribute", "attribute"},
                   {"assignment", "assignment"},
                   {"attribute", "column"}};

bool pf__py_model_pattern(uint32_t i, const char **type, const char **capture)
{
  if (i >= sizeof(py_patterns) / sizeof(py_patterns[0]))
    return false;
  *type = py_patterns[i].type;
  *capture = py_patterns[i].capture;
  return true;
}

// The Python models patterns, matched only over the statements that hold a
// candidate occurrence, plus every "class" keyword (models are registered
// whether or not they name a target: uses elsewhere resolve against them)
// and every "Table" (SQLAlchemy Core); and there only at the nodes that
// hold one of those (the triggers), in the order of a run of the query
// over the whole tree (pre-order; by pattern for one node). A node that
// spans several ranges is handled once. The uses skipped are those whose
// field holds no candidate: a use names its field inside the node it is
// matched at (a call's keyword or string, an attribute's name), so a node
// without a trigger yields none that holds one. They can only resolve to a
// target through a field that maps a target column under another name, and
// the scan runs again in full, with the query, when a model has one
// (pf__scan.full_models). Classes and Core tables hold their trigger.
static void run_models_around(pf__fctx *fx, TSQueryCursor *cur,
                              const TSQuery *q, TSNode root, orm_fn fn)
{
  qrangevec ranges;
  pf_vec_init(&ranges);
  pf__occvec triggers;
  pf_vec_init(&triggers);
  uint32_t covered = 0;
  for (uint32_t i = 0; i < fx->occ->len; i++) {
    const pf__occ *o = &fx->occ->items[i];
    pf_vec_push(&triggers, *o);
    if (o->end <= covered)
      continue; // inside the statement of the previous occurrence
    add_statement(root, o->start, o->end, &ranges);
    covered = pf_vec_last(&ranges)->end;
  }
  // A class_definition starts with its keyword and its pattern has no
  // child to match: the keyword's bytes are enough (the statement around
  // it would be the whole class).
  add_word(fx, root, "class", false, &ranges, &triggers);
  add_word(fx, root, "Table", true, &ranges, &triggers);
  pf_sort(ranges.items, ranges.len, sizeof(qrange), cmp_qrange);
  pf_sort(triggers.items, triggers.len, sizeof(pf__occ), cmp_occ_start);
  // Ranges of nodes are nested or apart: an inner one is dropped; one that
  // overlaps without nesting (a fallback range) widens to the root.
  uint32_t w = 0;
  for (uint32_t i = 0; i < ranges.len; i++) {
    qrange *last = w > 0 ? &ranges.items[w - 1] : NULL;
    if (last && ranges.items[i].start < last->end) {
      if (ranges.items[i].end > last->end) {
        last->end = ranges.items[i].end;
        last->node = root;
      }
    } else {
      ranges.items[w++] = ranges.items[i];
    }
  }
  ranges.len = w;
  // Parts hold whole statements and headers: a range they cut is
  // something the outline did not foresee.
  for (uint32_t r = 0; r < ranges.len && !fx->redo; r++)
    fx->redo = !pf__parts_cover(fx, ranges.items[r].start, ranges.items[r].end);
  if (fx->redo)
    ranges.len = 0;
  PF_VEC(seen_match) seen;
  pf_vec_init(&seen);
  if (q) {
    // The query over each range (a scan with PF_SCAN_INSERT_OMITS or
    // PF_SCAN_LITERAL targets, whose detectors register more than uses
    // holding a candidate).
    for (uint32_t r = 0; r < ranges.len; r++) {
      uint32_t rs = ranges.items[r].start, re = ranges.items[r].end;
      ts_query_cursor_set_byte_range(cur, rs, re);
      ts_query_cursor_exec(cur, q, ranges.items[r].node);
      TSQueryMatch m;
      while (ts_query_cursor_next_match(cur, &m)) {
        if (m.capture_count == 0)
          continue;
        TSNode n = m.captures[0].node;
        seen_match key = {n.id, m.pattern_index};
        bool dup = false;
        if (ts_node_start_byte(n) < rs) {
          for (uint32_t k = 0; k < seen.len && !dup; k++)
            dup = seen.items[k].id == key.id &&
                  seen.items[k].pattern == key.pattern;
        }
        if (dup)
          continue;
        if (ts_node_end_byte(n) > re)
          pf_vec_push(&seen, key);
        for (uint16_t i = 0; i < m.capture_count; i++) {
          uint32_t len;
          const char *name =
              ts_query_capture_name_for_id(q, m.captures[i].index, &len);
          fn(fx, &m.captures[i], name);
        }
      }
    }
    ts_query_cursor_set_byte_range(cur, 0, UINT32_MAX);
    ranges.len = 0;
  }
  candvec cands;
  pf_vec_init(&cands);
  uint32_t t = 0;
  for (uint32_t r = 0; r < ranges.len; r++) {
    uint32_t rs = ranges.items[r].start, re = ranges.items[r].end;
    // The nodes on the way down to each trigger in the range, once each.
    cands.len = 0;
    while (t < triggers.len && triggers.items[t].start < rs)
      t++;
    for (; t < triggers.len && triggers.items[t].start < re; t++) {
      if (triggers.items[t].end <= re)
        add_path(ranges.items[r].node, triggers.items[t], &cands);
    }
    pf_sort(cands.items, cands.len, sizeof(cand), cmp_cand);
    for (uint32_t c = 0; c < cands.len; c++) {
      TSNode n = cands.items[c].node;
      if (c && ts_node_eq(n, cands.items[c - 1].node))
        continue;
      const char *type = ts_node_type(n);
      for (uint32_t p = 0; p < sizeof(py_patterns) / sizeof(py_patterns[0]);
           p++) {
        if (strcmp(type, py_patterns[p].type) != 0)
          continue;
        seen_match key = {n.id, p};
        bool dup = false;
        if (ts_node_start_byte(n) < rs) {
          for (uint32_t k = 0; k < seen.len && !dup; k++)
            dup = seen.items[k].id == key.id && seen.items[k].pattern == p;
        }
        if (dup)
          continue;
        if (ts_node_end_byte(n) > re)
          pf_vec_push(&seen, key);
        TSQueryCapture capture = {n, p};
        fn(fx, &capture, py_patterns[p].capture);
      }
    }
  }
  pf_vec_clear(&cands);
  pf_vec_clear(&seen);
  pf_vec_clear(&ranges);
  pf_vec_clear(&triggers);
}

static void idents_in(pf__fctx *fx, TSQueryCursor *cur, const TSQuery *q,
                      TSNode root, size_t k, const char *col, size_t m,
                      const char *from, const char *last);

static void run_idents(pf__fctx *fx, TSQueryCursor *cur, const TSQuery *q,
                       TSNode root)
{
  const char *d = fx->src->data;
  size_t len = fx->src->len;
  for (size_t k = 0; k < fx->scan->ntargets; k++) {
    const char *col = fx->scan->targets[k].column;
    size_t m = col ? strlen(col) : 0;
    if (m == 0 || m > len)
      continue;
    // A column shared by several targets is looked up once.
    bool seen = false;
    for (size_t j = 0; j < k && !seen; j++) {
      const char *o = fx->scan->targets[j].column;
      seen = o && strcmp(o, col) == 0;
    }
    if (seen)
      continue;
    for (uint32_t g = 0; g < pf__seg_count(fx); g++) {
      pf__part seg = pf__seg(fx, g);
      if (m <= seg.end - seg.start)
        idents_in(fx, cur, q, root, k, col, m, d + seg.start,
                  d + (seg.end - m));
    }
  }
}

// run_idents for column @col of target @k, at the starts [from, last].
static void idents_in(pf__fctx *fx, TSQueryCursor *cur, const TSQuery *q,
                      TSNode root, size_t k, const char *col, size_t m,
                      const char *from, const char *last)
{
  const char *d = fx->src->data;
  for (const char *p = from; p <= last; p++) {
    p = memchr(p, col[0], (size_t)(last - p) + 1);
    if (!p)
      break;
    if (memcmp(p, col, m) != 0)
      continue;
    uint32_t s = (uint32_t)(p - d), e = s + (uint32_t)m;
    // The outermost node spanning exactly the occurrence: the patterns
    // are single nodes, so running the query on it alone captures what
    // a run over the whole tree captures there. Found going down from the
    // root, as ts_node_descendant_for_byte_range goes.
    TSNode n = root;
    while (ts_node_start_byte(n) != s || ts_node_end_byte(n) != e) {
      n = ts_node_first_child_for_byte(n, s);
      if (ts_node_is_null(n) || ts_node_start_byte(n) > s ||
          ts_node_end_byte(n) < e)
        break;
    }
    if (ts_node_is_null(n) || ts_node_start_byte(n) != s ||
        ts_node_end_byte(n) != e)
      continue;
    uint8_t nsyms = fx->scan->nident_syms[fx->lang];
    if (nsyms) {
      // The nodes of the query's types among n and those below it that
      // span the occurrence (a chain: siblings do not overlap), outer first
      // as the query matches them.
      const TSSymbol *syms = fx->scan->ident_syms[fx->lang];
      for (TSNode c = n; !ts_node_is_null(c) && ts_node_start_byte(c) == s &&
                         ts_node_end_byte(c) == e;
           c = ts_node_first_child_for_byte(c, s)) {
        TSSymbol sym = ts_node_symbol(c);
        bool hit = false;
        for (uint8_t i = 0; i < nsyms && !hit; i++)
          hit = syms[i] == sym;
        for (size_t t = k; hit && t < fx->scan->ntargets; t++) {
          const char *tc = fx->scan->targets[t].column;
          if (tc && strcmp(tc, col) == 0)
            pf__emit(fx, (uint32_t)t, s, e, PF_REF_IDENTIFIER, PF_CONF_LOW,
                     "identifier with the column's name");
        }
      }
      continue;
    }
    ts_query_cursor_exec(cur, q, n);
    TSQueryMatch mt;
    while (ts_query_cursor_next_match(cur, &mt)) {
      for (uint16_t i = 0; i < mt.capture_count; i++) {
        TSNode c = mt.captures[i].node;
        if (ts_node_start_byte(c) != s || ts_node_end_byte(c) != e)
          continue;
        for (size_t t = k; t < fx->scan->ntargets; t++) {
          const char *tc = fx->scan->targets[t].column;
          if (tc && strcmp(tc, col) == 0)
            pf__emit(fx, (uint32_t)t, s, e, PF_REF_IDENTIFIER, PF_CONF_LOW,
                     "identifier with the column's name");
        }
      }
    }
  }
}

/* Section - The file */

// Parses the file of @fx into fx->tree: the parts in @parts, or the whole
// file when NULL. False (with a warning for the whole file) when the parse
// takes too long.
static bool parse(pf__fctx *fx, const pf__partvec *parts)
{
  TSRange *ranges = NULL;
  uint32_t n = 0;
  if (parts) {
    ranges = pf_xcalloc(parts->len, sizeof(TSRange));
    for (uint32_t i = 0; i < parts->len; i++) {
      pf__part p = parts->items[i];
      ranges[i].start_byte = p.start;
      ranges[i].end_byte = p.end;
      ranges[i].start_point.row = p.start_row;
      ranges[i].start_point.column = p.start_col;
      ranges[i].end_point.row = p.end_row;
      ranges[i].end_point.column = p.end_col;
    }
    n = parts->len;
  }
  ts_parser_set_included_ranges(fx->parser, ranges, n);
  free(ranges);
  ts_parser_set_timeout_micros(fx->parser, PARSE_TIMEOUT_US);
  fx->tree =
      ts_parser_parse_string(fx->parser, NULL, fx->src->data, fx->src->len);
  if (!fx->tree) {
    ts_parser_reset(fx->parser);
    if (!parts)
      pf__warn(&fx->file->warnings, fx->file->path,
               "skipped: parsing took too long");
    return false;
  }
  return true;
}

// Runs every detector over fx->tree, then frees it.
static void run_detectors(pf__fctx *fx)
{
  TSNode root = ts_tree_root_node(fx->tree);
  TSQueryCursor *cur = ts_query_cursor_new();
  const TSQuery *const *qs =
      (const TSQuery *const *)fx->scan->queries[fx->lang];
  run_strings(fx, root);
  if (!fx->redo)
    pf__key_access(fx, root);
  if (!fx->redo)
    run_models(fx, cur, qs[PF__Q_MODELS], root);
  if ((qs[PF__Q_IDENTS] || fx->scan->nident_syms[fx->lang]) &&
      fx->scan->include_low && !fx->redo)
    run_idents(fx, cur, qs[PF__Q_IDENTS], root);
  ts_query_cursor_delete(cur);
  ts_tree_delete(fx->tree);
  fx->tree = NULL;
}

// Keeps the occurrences that lie inside a part.
static void keep_occurrences_in(pf__occvec *occ, const pf__partvec *parts)
{
  uint32_t w = 0, p = 0;
  for (uint32_t i = 0; i < occ->len; i++) {
    pf__occ o = occ->items[i];
    while (p < parts->len && parts->items[p].end <= o.start)
      p++;
    if (p < parts->len && parts->items[p].start <= o.start &&
        o.end <= parts->items[p].end)
      occ->items[w++] = o;
  }
  occ->len = w;
}

// Scans the parts @parts of the file. Returns false, having dropped what
// it found, when the file must be scanned whole: the parts do not parse
// cleanly, or a detector needs more of the file than they hold.
static bool scan_parts(pf__fctx *fx, const pf__partvec *parts)
{
  keep_occurrences_in(fx->occ, parts);
  if (parts->len == 0) {
    fx->file->partial = true;
    return true; // nothing the detectors could report
  }
  if (!parse(fx, parts))
    return false;
  if (ts_node_has_error(ts_tree_root_node(fx->tree))) {
    ts_tree_delete(fx->tree);
    fx->tree = NULL;
    return false;
  }
  pf__file_mark mark = pf__file_mark_of(fx->file);
  fx->parts = parts;
  fx->redo = false;
  run_detectors(fx);
  fx->parts = NULL;
  if (fx->redo) {
    fx->redo = false;
    pf__file_rollback(fx->file, mark);
    return false;
  }
  fx->file->partial = true;
  return true;
}

static void scan_whole(pf__fctx *fx)
{
  if (parse(fx, NULL))
    run_detectors(fx);
}

// PF_SCAN_PARTS_VERIFY: scans the parts into a scratch file, then the whole
// file, and warns when the two differ; the whole file's results stay.
static void verify_parts(pf__fctx *fx, const pf__partvec *parts)
{
  pf__file *f = fx->file;
  pf__file part;
  memset(&part, 0, sizeof(part));
  part.path = f->path;
  part.lang = f->lang;
  part.skip = -1;
  fx->file = &part;
  bool ok = scan_parts(fx, parts);
  fx->file = f;
  find_occurrences(fx);
  scan_whole(fx);
  if (ok) {
    f->partial = true;
    pf_buf why = PF_BUF_INIT;
    if (!pf__file_same(&part, f, &why))
      pf__warn(&f->warnings, f->path, "parsed in parts: %s differ", why.data);
    pf_buf_clear(&why);
  }
  part.path = NULL;
  pf__file_clear(&part);
}

// Whether @data (@n bytes) holds @word (@m bytes) as a whole word.
static bool holds_word(const char *data, size_t n, const char *word, size_t m)
{
  for (const char *p = data, *end = data + n; (size_t)(end - p) >= m; p++) {
    p = memchr(p, word[0], (size_t)(end - p) - m + 1);
    if (!p)
      return false;
    if (memcmp(p, word, m) == 0 &&
        (p == data || !pf_is_ident_char((unsigned char)p[-1])) &&
        (p + m == end || !pf_is_ident_char((unsigned char)p[m])))
      return true;
  }
  return false;
}

// Whether a Python file without candidate occurrences can still register
// a model: a class with a superclass "Model" or "models.Model", or
// "__tablename__ =" in its body (orm_python.c, model_class), or a
// SQLAlchemy Core "Table" (core_table). Else its scan around the
// candidates finds nothing, parsed or not.
static bool may_hold_models(const pf_source *src)
{
  return holds_word(src->data, src->len, "Model", 5) ||
         holds_word(src->data, src->len, "__tablename__", 13) ||
         holds_word(src->data, src->len, "Table", 5);
}

void pf__ts_scan_file(pf__fctx *fx)
{
  const TSLanguage *language = pf__ts_language(fx->lang);
  if (!language || !ts_parser_set_language(fx->parser, language)) {
    pf__warn(&fx->file->warnings, fx->file->path,
             "skipped: grammar could not be loaded");
    return;
  }
  pf__occvec own;
  pf_vec_init(&own);
  if (!fx->occ)
    fx->occ = &own;
  find_occurrences(fx);
  const pf__scan *scan = fx->scan;
  pf__partvec parts;
  pf_vec_init(&parts);
  // Nothing to look at: not parsed at all (but whole with PF_SCAN_PARTS_OFF,
  // and both ways with PF_SCAN_PARTS_VERIFY).
  if (pf__lean(scan, fx->lang) && scan->parts == PF_SCAN_PARTS_AUTO &&
      fx->occ->len == 0 && !may_hold_models(fx->src)) {
    fx->file->partial = true;
    goto done;
  }
  // Parts need the occurrences (a prefilter) and a lean scan: every use of
  // a model around them (not full_models), and no INSERT or enum-literal
  // target, whose detectors read more than the parts hold.
  bool partial = pf__lean(scan, fx->lang) && scan->parts != PF_SCAN_PARTS_OFF &&
                 !scan->prefilter->match_all && pf__py_parts(fx, &parts);
  if (partial && scan->parts != PF_SCAN_PARTS_VERIFY) {
    uint64_t bytes = 0;
    for (uint32_t i = 0; i < parts.len; i++)
      bytes += parts.items[i].end - parts.items[i].start;
    partial = bytes * MAX_PARTS_DEN <= (uint64_t)fx->src->len * MAX_PARTS_NUM;
  }
  if (partial && scan->parts == PF_SCAN_PARTS_VERIFY) {
    verify_parts(fx, &parts);
  } else if (!partial || !scan_parts(fx, &parts)) {
    if (partial)
      find_occurrences(fx); // scan_parts kept those in the parts only
    scan_whole(fx);
  }
done:
  pf_vec_clear(&parts);
  if (fx->occ == &own)
    fx->occ = NULL;
  pf_vec_clear(&own);
}
