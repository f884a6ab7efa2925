/* Helpers that build findings: names as SQL and in messages, evidence. */
/* SPDX-License-Identifier: MIT */
#include "rules_int.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/source.h"

// Writes @name as an SQL identifier, pf__quoted only when it needs to be.
void pf__put_ident(pf_buf *b, const char *name)
{
  bool plain = name[0] && !(name[0] >= '0' && name[0] <= '9');
  for (const char *p = name; *p && plain; p++) {
    if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
      plain = false;
  }
  if (plain) {
    pf_buf_puts(b, name);
    return;
  }
  pf_buf_putc(b, '"');
  for (const char *p = name; *p; p++) {
    if (*p == '"')
      pf_buf_putc(b, '"');
    pf_buf_putc(b, *p);
  }
  pf_buf_putc(b, '"');
}

void pf__put_table(pf_buf *b, const pf_qname *q)
{
  if (q->schema) {
    pf__put_ident(b, q->schema);
    pf_buf_putc(b, '.');
  }
  pf__put_ident(b, q->name ? q->name : "?");
}

// Appends @name as a message identifier: always in double quotes, with
// embedded quotes doubled as SQL writes them.
void pf__put_quoted(pf_buf *b, const char *name)
{
  pf_buf_putc(b, '"');
  for (const char *p = name; *p; p++) {
    if (*p == '"')
      pf_buf_putc(b, '"');
    pf_buf_putc(b, *p);
  }
  pf_buf_putc(b, '"');
}

// "orders"."customer_id" for messages.
const char *pf__quoted(pf_buf *b, const pf_change *c, bool with_column)
{
  pf_buf_reset(b);
  if (c->table.schema) {
    pf__put_quoted(b, c->table.schema);
    pf_buf_putc(b, '.');
  }
  pf__put_quoted(b, c->table.name ? c->table.name : "?");
  if (with_column && c->column) {
    pf_buf_putc(b, '.');
    pf__put_quoted(b, c->column);
  }
  return b->data;
}

char *pf__xdup(const char *s)
{
  return s ? pf_xstrdup(s) : NULL;
}

// Adds a finding for the current change and fills its change summary.
pf_finding *pf__radd(pf__rctx *x, pf_rule_id rule, pf_severity sev,
                     const char *fmt, ...)
{
  const pf_stmt *st = &x->m->stmts.items[x->c->stmt];
  pf_buf msg = PF_BUF_INIT;
  va_list ap;
  va_start(ap, fmt);
  pf_buf_vprintf(&msg, fmt, ap);
  va_end(ap);
  pf_finding *f = pf__report_add(x->r, (uint32_t)rule, sev, x->src, x->c->span,
                                 x->c->stmt, st->span, "%s", msg.data);
  pf_buf_clear(&msg);
  f->change.kind = pf_change_kind_name(x->c->kind);
  f->change.schema = pf__xdup(x->c->table.schema);
  f->change.table = pf__xdup(x->c->table.name);
  f->change.column = pf__xdup(x->c->column);
  f->change.new_name = pf__xdup(x->c->new_name);
  f->change.index = pf__xdup(x->c->index);
  f->change.constraint = pf__xdup(x->c->constraint);
  f->change.lock = pf_lock_name(x->c->lock);
  f->change.effect = pf_effect_name(x->c->effect);
  return f;
}

void pf__add_refs(pf__rctx *x, pf_finding *f)
{
  for (uint32_t i = 0; i < x->f->nrefs; i++) {
    const pf_code_ref *ref = x->f->refs[i];
    pf_evidence *e = pf__finding_add_evidence(f, PF_EV_CODE_REF, -1, "%s",
                                              ref->detail ? ref->detail : "");
    e->path = pf_xstrdup(ref->path);
    e->line = ref->line;
    e->col = ref->col;
    e->end_col = ref->end_col;
    e->ref_kind = pf_ref_kind_name(ref->kind);
    e->confidence = pf_confidence_name(ref->confidence);
    e->snippet = pf__xdup(ref->snippet);
  }
}

void pf__add_table_size(pf__rctx *x, pf_finding *f)
{
  if (x->f->table_state != PF_FACT_DONE || !x->f->table_exists)
    return;
  if (x->f->table_rows >= 0)
    pf__finding_add_evidence(f, PF_EV_TABLE, x->f->table_rows,
                             "table has about %lld rows (%lld bytes with "
                             "indexes)",
                             (long long)x->f->table_rows,
                             (long long)x->f->table_bytes);
}

// The statement's own text, without the final semicolon.
void pf__put_stmt(pf_buf *b, pf__rctx *x)
{
  const pf_stmt *st = &x->m->stmts.items[x->c->stmt];
  pf_buf_append(b, x->src->data + st->span.start,
                st->span.end - st->span.start);
}

// A token of SQL text: a word, a quoted name or string, or one character.
// Comments and spaces are skipped. Returns false at @end.
static bool next_token(const char *s, uint32_t *at, uint32_t end,
                       uint32_t *start)
{
  uint32_t i = *at;
  for (;;) {
    while (i < end && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
                       s[i] == '\r' || s[i] == '\f'))
      i++;
    if (i + 1 < end && s[i] == '-' && s[i + 1] == '-') {
      while (i < end && s[i] != '\n')
        i++;
    } else if (i + 1 < end && s[i] == '/' && s[i + 1] == '*') {
      for (i += 2; i + 1 < end && !(s[i] == '*' && s[i + 1] == '/'); i++)
        ;
      i = i + 2 < end ? i + 2 : end;
    } else {
      break;
    }
  }
  if (i >= end)
    return false;
  *start = i;
  if (s[i] == '\'' || s[i] == '"') {
    char q = s[i];
    for (i++; i < end; i++) {
      if (s[i] == q && i + 1 < end && s[i + 1] == q)
        i++;
      else if (s[i] == q)
        break;
    }
    i = i < end ? i + 1 : end;
  } else if (s[i] == '$') { // $tag$ ... $tag$
    uint32_t t = i + 1;
    while (t < end && pf_is_ident_char((unsigned char)s[t]) && s[t] != '$')
      t++;
    if (t < end && s[t] == '$') {
      uint32_t len = t + 1 - i;
      for (i = t + 1; i + len <= end && memcmp(s + i, s + *start, len); i++)
        ;
      i = i + len <= end ? i + len : end;
    } else {
      i++;
    }
  } else if (pf_is_ident_char((unsigned char)s[i])) {
    while (i < end && pf_is_ident_char((unsigned char)s[i]))
      i++;
  } else {
    i++;
  }
  *at = i;
  return true;
}

static bool word_is(const char *s, uint32_t start, uint32_t end, const char *w)
{
  size_t n = strlen(w);
  if (end - start != n)
    return false;
  for (size_t i = 0; i < n; i++) {
    if (pf_ascii_lower((unsigned char)s[start + i]) != w[i])
      return false;
  }
  return true;
}

bool pf__stmt_replace_words(pf__rctx *x, const char *const *words,
                            const char *put, pf_buf *out)
{
  if (x->c->in_do)
    return false;
  const char *s = x->src->data;
  const pf_span sp = x->m->stmts.items[x->c->stmt].span;
  uint32_t at = sp.start, t;
  while (next_token(s, &at, sp.end, &t)) {
    uint32_t first = t, after = at, k = 0;
    while (words[k] && word_is(s, t, after, words[k])) {
      k++;
      if (words[k] && !next_token(s, &after, sp.end, &t))
        break;
    }
    if (words[k])
      continue;
    if (put) {
      bool lower = s[first] >= 'a' && s[first] <= 'z';
      pf_buf_append(out, s + sp.start, first - sp.start);
      for (const char *p = put; *p; p++)
        pf_buf_putc(out, lower ? (char)pf_ascii_lower((unsigned char)*p) : *p);
      pf_buf_append(out, s + after, sp.end - after);
      return true;
    }
    // Cut from the first word to the next token (or, at the end, back to
    // the end of the token before it).
    uint32_t next = after, cut_to;
    cut_to = next_token(s, &next, sp.end, &t) ? t : sp.end;
    uint32_t cut_from = first;
    if (cut_to == sp.end) {
      while (cut_from > sp.start &&
             (s[cut_from - 1] == ' ' || s[cut_from - 1] == '\t' ||
              s[cut_from - 1] == '\n'))
        cut_from--;
    }
    pf_buf_append(out, s + sp.start, cut_from - sp.start);
    pf_buf_append(out, s + cut_to, sp.end - cut_to);
    return true;
  }
  return false;
}

void pf__set_concurrent_safe(pf__rctx *x, pf_finding *fd)
{
  if (!x->c->concurrent_sql)
    return;
  pf_buf s = PF_BUF_INIT;
  pf_buf_printf(&s, "%s;", x->c->concurrent_sql);
  pf__finding_set_safe(fd, s.data);
  pf_buf_clear(&s);
}

// The database says the table is not there: migration-target-missing says
// so, and data rules have nothing to check.
bool pf__table_missing(const pf_facts *f)
{
  return f->table_state == PF_FACT_DONE && !f->table_exists;
}
