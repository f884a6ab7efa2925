/* Evidence from the database for drops and renames (issue 5): what depends
 * on the object, and the recorded queries that use it. */
/* SPDX-License-Identifier: MIT */
#include "rules_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// Recorded queries shown per finding, most called first.
#define SHOWN_QUERIES 5
// Characters of a recorded query shown.
#define QUERY_CHARS 160

// 1234567 -> "1,234,567".
static void put_count(pf_buf *b, int64_t n)
{
  char digits[32];
  snprintf(digits, sizeof(digits), "%lld", (long long)(n < 0 ? 0 : n));
  size_t len = strlen(digits);
  for (size_t i = 0; i < len; i++) {
    if (i && (len - i) % 3 == 0)
      pf_buf_putc(b, ',');
    pf_buf_putc(b, digits[i]);
  }
}

// The query on one line, whitespace collapsed, cut at QUERY_CHARS.
static void put_query(pf_buf *b, const char *q)
{
  size_t n = 0;
  bool space = false;
  for (; *q == ' ' || *q == '\t' || *q == '\n' || *q == '\r'; q++)
    ;
  for (; *q && n < QUERY_CHARS; q++) {
    if (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r') {
      space = true;
      continue;
    }
    if (space)
      pf_buf_putc(b, ' '), n++;
    space = false;
    pf_buf_putc(b, *q);
    n++;
  }
  if (*q)
    pf_buf_puts(b, " ...");
}

static bool is_drop(const pf_change *c)
{
  return c->kind == PF_CHANGE_DROP_COLUMN || c->kind == PF_CHANGE_DROP_TABLE ||
         c->kind == PF_CHANGE_DROP_INDEX ||
         c->kind == PF_CHANGE_DROP_CONSTRAINT;
}

static void dependency_evidence(pf__rctx *x, pf_finding *fd, bool *fails)
{
  const pf_live_deps *d = x->f->deps;
  bool drop = is_drop(x->c);
  uint32_t blocking = 0;
  const pf_live_dep *first = NULL;
  for (uint32_t i = 0; i < d->n; i++) {
    const pf_live_dep *e = &d->items[i];
    bool body = strstr(e->how, "body") && !strstr(e->how, "pg_depend");
    const char *effect;
    if (body)
      effect = drop ? "it fails on its next call"
                    : "it fails on its next call (the body keeps the old "
                      "name)";
    else if (drop && e->blocks)
      effect =
          x->c->cascade ? "CASCADE drops it" : "DROP fails without CASCADE";
    else if (drop)
      effect = "dropped with it";
    else
      effect = "PostgreSQL follows the rename";
    // The report sorts evidence by line: what blocks the DROP comes first.
    pf__finding_add_evidence(fd, PF_EV_DEPENDENCY, -1, "%s %s %s it (%s): %s",
                             e->kind, e->name, body ? "names" : "depends on",
                             e->how, effect)
        ->line = drop && e->blocks ? 1 : 2;
    if (drop && e->blocks) {
      blocking++;
      if (!first)
        first = e;
    }
  }
  if (d->total > d->n)
    pf__finding_add_evidence(fd, PF_EV_DEPENDENCY, d->total - d->n,
                             "and %u more dependent objects (not listed)",
                             d->total - d->n)
        ->line = 3;
  if (!first || x->c->cascade)
    return;
  *fails = true;
  pf_buf m = PF_BUF_INIT, q = PF_BUF_INIT;
  const pf_change *c = x->c;
  if (c->kind == PF_CHANGE_DROP_INDEX) {
    pf_buf_puts(&q, "DROP INDEX ");
    pf__put_quoted(&q, c->index ? c->index : "?");
  } else if (c->kind == PF_CHANGE_DROP_CONSTRAINT) {
    pf_buf_puts(&q, "DROP CONSTRAINT ");
    pf__put_quoted(&q, c->constraint ? c->constraint : "?");
    pf_buf_puts(&q, " of ");
    pf_buf r = PF_BUF_INIT;
    pf_buf_puts(&q, pf__quoted(&r, c, false));
    pf_buf_clear(&r);
  } else {
    bool col = c->kind == PF_CHANGE_DROP_COLUMN;
    pf_buf r = PF_BUF_INIT;
    pf_buf_printf(&q, "%s %s", col ? "DROP COLUMN" : "DROP TABLE",
                  pf__quoted(&r, c, col));
    pf_buf_clear(&r);
  }
  pf_buf_printf(&m, "%s fails: %s %s depends on it", q.data, first->kind,
                first->name);
  if (blocking > 1)
    pf_buf_printf(&m, " (and %u more)", blocking - 1);
  pf_buf_printf(&m, "; CASCADE would drop %s", blocking > 1 ? "them" : "it");
  free(fd->message);
  fd->message = pf_xstrdup(m.data);
  fd->severity = PF_SEV_ERROR;
  fd->verdict = PF_VERDICT_FAILS;
  pf_buf_clear(&m);
  pf_buf_clear(&q);
}

static void query_evidence(pf__rctx *x, pf_finding *fd)
{
  const pf_live_stmts *s = x->f->stmts;
  pf_buf b = PF_BUF_INIT;
  for (uint32_t i = 0; i < s->n && i < SHOWN_QUERIES; i++) {
    pf_buf_reset(&b);
    pf_buf_puts(&b, "recorded query called ");
    put_count(&b, s->items[i].calls);
    pf_buf_printf(&b, " time%s%s: ", s->items[i].calls == 1 ? "" : "s",
                  s->items[i].tokens ? " (did not parse; scanner tokens)" : "");
    put_query(&b, s->items[i].query);
    // Kept most called first: the report sorts evidence by line.
    pf__finding_add_evidence(fd, PF_EV_QUERY, s->items[i].calls, "%s", b.data)
        ->line = i + 1;
  }
  if (s->n > SHOWN_QUERIES) {
    pf_buf_reset(&b);
    uint32_t more = s->n - SHOWN_QUERIES;
    int64_t calls = 0;
    for (uint32_t i = SHOWN_QUERIES; i < s->n; i++)
      calls += s->items[i].calls > 0 ? s->items[i].calls : 0;
    pf_buf_printf(&b, "%u more recorded quer%s it, called ", more,
                  more == 1 ? "y uses" : "ies use");
    put_count(&b, calls);
    pf_buf_printf(&b, " time%s (all of them: ", calls == 1 ? "" : "s");
    put_count(&b, s->calls);
    pf_buf_puts(&b, " calls)");
    pf__finding_add_evidence(fd, PF_EV_QUERY, s->n - SHOWN_QUERIES, "%s",
                             b.data)
        ->line = SHOWN_QUERIES + 1;
  }
  pf_buf_clear(&b);
}

void pf__add_deps(pf__rctx *x, pf_finding *fd)
{
  if (!fd)
    return;
  bool fails = false;
  const pf_live_deps *d = x->f->deps;
  const pf_live_stmts *s = x->f->stmts;
  if (d && d->status == PF_LIVE_DONE)
    dependency_evidence(x, fd, &fails);
  else if (d && d->status == PF_LIVE_INCONCLUSIVE)
    pf__finding_add_evidence(fd, PF_EV_DEPENDENCY, -1,
                             "dependencies not checked: time limit reached")
        ->line = 4;
  if (s && s->status == PF_LIVE_DONE)
    query_evidence(x, fd);
  else if (s && s->status == PF_LIVE_INCONCLUSIVE)
    pf__finding_add_evidence(fd, PF_EV_QUERY, -1,
                             "recorded queries not checked: time limit "
                             "reached")
        ->line = SHOWN_QUERIES + 2;
}
