/* Suppression comments: findings silenced on purpose, counted not dropped. */
/* SPDX-License-Identifier: MIT */
#include "rules.h"

#include <string.h>

#include "core/source.h"

typedef struct suppression {
  bool file;        // -ignore-file: the whole file
  bool all;         // every rule (squawk-ignore-file, eugene: ignore)
  const char *peer; // "squawk", "eugene", or NULL for our own comments
  uint32_t stmt;    // the statement it precedes (statement suppressions)
  uint32_t offset;  // where the comment is, for warnings
  char ids[256];    // comma-separated rule ids, as written
  char why[160];    // the reason after the ids, or ""
  uint32_t used;    // findings it silenced
} suppression;

typedef PF_VEC(suppression) suppression_vec;

static bool is_id_char(char c)
{
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

// Parses "id[, id] reason" up to @end into @s.
static void parse_body(const char *p, const char *end, suppression *s)
{
  size_t n = 0;
  while (p < end) {
    while (p < end && (*p == ' ' || *p == '\t' || *p == ','))
      p++;
    const char *id = p;
    while (p < end && is_id_char(*p))
      p++;
    if (p == id)
      break;
    if (n && n < sizeof(s->ids) - 1)
      s->ids[n++] = ',';
    for (const char *q = id; q < p && n < sizeof(s->ids) - 1; q++)
      s->ids[n++] = *q;
    const char *after = p;
    while (after < end && (*after == ' ' || *after == '\t'))
      after++;
    if (after >= end || *after != ',') {
      p = after;
      break;
    }
  }
  s->ids[n] = '\0';
  while (end > p && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
    end--;
  size_t w = (size_t)(end - p) < sizeof(s->why) - 1 ? (size_t)(end - p)
                                                    : sizeof(s->why) - 1;
  memcpy(s->why, p, w);
  s->why[w] = '\0';
}

// Rewrites the ids of a peer's comment into ours with the table in
// peers.def; keeps unmapped ids so they are warned about.
static void map_peer_ids(suppression *s)
{
  char mapped[sizeof(s->ids)];
  size_t n = 0;
  for (const char *p = s->ids; *p;) {
    const char *comma = strchr(p, ',');
    size_t len = comma ? (size_t)(comma - p) : strlen(p);
    const char *ours = NULL;
    for (size_t i = 0; i < pf_rule_peer_count(); i++) {
      const pf_rule_peer *peer = pf_rule_peer_at(i);
      if (strcmp(peer->tool, s->peer) == 0 && strlen(peer->id) == len &&
          pf_strcaseeq_n(peer->id, p, len))
        ours = peer->ours;
    }
    size_t add = ours ? strlen(ours) : len;
    if (n + add + 2 < sizeof(mapped)) {
      if (n)
        mapped[n++] = ',';
      memcpy(mapped + n, ours ? ours : p, add);
      n += add;
    }
    if (!comma)
      break;
    p = comma + 1;
  }
  mapped[n] = '\0';
  memcpy(s->ids, mapped, n + 1);
}

// Returns the text after @marker in [p, end), or NULL.
static const char *after_marker(const char *p, const char *end,
                                const char *marker)
{
  size_t m = strlen(marker);
  for (; p + m <= end; p++) {
    if (memcmp(p, marker, m) == 0)
      return p + m;
  }
  return NULL;
}

// Finds suppression markers in the comments of [start, end): the region
// before statement @stmt, which holds only whitespace and comments.
static void scan_gap(const pf_source *src, uint32_t start, uint32_t end,
                     uint32_t stmt, suppression_vec *out)
{
  static const char marker[] = "pgpreflight-ignore";
  const char *d = src->data;
  uint32_t i = start;
  while (i < end) {
    const char *hit = NULL;
    uint32_t line_end = i;
    while (line_end < end && d[line_end] != '\n')
      line_end++;
    // Only within a comment on this line: "--" or "/*".
    const char *line = d + i;
    size_t len = line_end - i;
    const char *dash = memchr(line, '-', len);
    const char *slash = memchr(line, '/', len);
    const char *comment =
        dash && dash + 1 < line + len && dash[1] == '-'
            ? dash
            : (slash && slash + 1 < line + len && slash[1] == '*' ? slash
                                                                  : NULL);
    const char *stop = d + line_end;
    if (comment) {
      hit = after_marker(comment, stop, marker);
      const char *peer;
      if (!hit && (peer = after_marker(comment, stop, "squawk-ignore"))) {
        // squawk: "squawk-ignore id, id" (next statement) or
        // "squawk-ignore-file [id, ...]" (all rules when none is named).
        suppression ps;
        memset(&ps, 0, sizeof(ps));
        ps.peer = "squawk";
        ps.stmt = stmt;
        ps.offset = (uint32_t)(comment - d);
        if (strncmp(peer, "-file", 5) == 0) {
          ps.file = true;
          peer += 5;
        }
        parse_body(peer, stop, &ps);
        ps.why[0] = '\0';
        ps.all = ps.file && !ps.ids[0];
        map_peer_ids(&ps);
        pf_vec_push(out, ps);
      } else if (!hit && (peer = after_marker(comment, stop, "eugene:"))) {
        // eugene: "eugene: ignore" (all rules) or "eugene: ignore E2, E3".
        while (peer < stop && *peer == ' ')
          peer++;
        if (strncmp(peer, "ignore", 6) == 0) {
          suppression ps;
          memset(&ps, 0, sizeof(ps));
          ps.peer = "eugene";
          ps.stmt = stmt;
          ps.offset = (uint32_t)(comment - d);
          parse_body(peer + 6, stop, &ps);
          ps.why[0] = '\0';
          ps.all = !ps.ids[0];
          map_peer_ids(&ps);
          pf_vec_push(out, ps);
        }
      }
    }
    if (hit) {
      suppression s;
      memset(&s, 0, sizeof(s));
      s.stmt = stmt;
      s.offset = (uint32_t)(hit - d) - (uint32_t)(sizeof(marker) - 1);
      const char *body = NULL;
      if (strncmp(hit, "-file:", 6) == 0) {
        s.file = true;
        body = hit + 6;
      } else if (*hit == ':') {
        body = hit + 1;
      }
      if (body) {
        const char *close = NULL;
        for (const char *q = body; q + 1 < stop; q++) {
          if (q[0] == '*' && q[1] == '/') {
            close = q;
            break;
          }
        }
        parse_body(body, close ? close : stop, &s);
        pf_vec_push(out, s);
      }
    }
    i = line_end + 1;
  }
}

static bool lists(const suppression *s, const char *id)
{
  if (s->all)
    return true;
  const char *ids = s->ids;
  size_t n = strlen(id);
  for (const char *p = ids; *p;) {
    const char *comma = strchr(p, ',');
    size_t len = comma ? (size_t)(comma - p) : strlen(p);
    if (len == n && memcmp(p, id, n) == 0)
      return true;
    if (!comma)
      break;
    p = comma + 1;
  }
  return false;
}

static void silence(pf_finding *f, suppression *s)
{
  f->suppressed = true;
  f->suppressed_why = pf_xstrdup(s->why);
  s->used++;
}

void pf__suppress_apply(const pf_migration *m, const pf_source *src,
                        pf_report *r, uint32_t first)
{
  suppression_vec sv;
  pf_vec_init(&sv);
  uint32_t gap = 0;
  for (uint32_t i = 0; i < m->stmts.len; i++) {
    const pf_stmt *st = &m->stmts.items[i];
    if (st->span.start > gap)
      scan_gap(src, gap, st->span.start, i, &sv);
    gap = st->span.end;
    // Skip the statement's own semicolon.
    while (gap < src->len && src->data[gap] != ';' && src->data[gap] != '\n')
      gap++;
    if (gap < src->len && src->data[gap] == ';')
      gap++;
  }
  if (gap < src->len)
    scan_gap(src, gap, src->len, UINT32_MAX, &sv);

  for (uint32_t k = 0; k < sv.len; k++) {
    suppression *s = &sv.items[k];
    for (uint32_t i = first; i < r->findings.len; i++) {
      pf_finding *f = &r->findings.items[i];
      if (f->suppressed || f->src != src)
        continue;
      if (!s->file && f->stmt != s->stmt)
        continue;
      if (lists(s, pf_rule_at(f->rule)->id))
        silence(f, s);
    }
  }
  // Say what a suppression got wrong; never fail on it.
  for (uint32_t k = 0; k < sv.len; k++) {
    suppression *s = &sv.items[k];
    pf_loc loc = pf_source_locate(src, s->offset);
    if (s->all) {
      if (!s->used)
        pf__report_add_warning(r,
                               "%s:%u:%u: %s ignore comment silences no "
                               "finding",
                               src->path, loc.line, loc.col, s->peer);
      continue;
    }
    if (!s->ids[0]) {
      pf__report_add_warning(r, "%s:%u:%u: suppression names no rule id",
                             src->path, loc.line, loc.col);
      continue;
    }
    char ids[sizeof(s->ids)];
    memcpy(ids, s->ids, sizeof(ids));
    for (char *p = ids; p && *p;) {
      char *comma = strchr(p, ',');
      if (comma)
        *comma = '\0';
      if (!pf_rule_find(p))
        pf__report_add_warning(r,
                               "%s:%u:%u: %s%ssuppression names unknown rule "
                               "\"%s\" (see pgpreflight rules)",
                               src->path, loc.line, loc.col,
                               s->peer ? s->peer : "", s->peer ? " " : "", p);
      p = comma ? comma + 1 : NULL;
    }
    if (!s->used)
      pf__report_add_warning(r,
                             "%s:%u:%u: suppression of %s silences no "
                             "finding",
                             src->path, loc.line, loc.col, s->ids);
  }
  pf_vec_clear(&sv);
}
