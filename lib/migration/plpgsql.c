/* DO blocks: the static SQL inside a PL/pgSQL body becomes changes of the DO
 * statement; EXECUTE of dynamic SQL becomes a dynamic-sql change. */
/* SPDX-License-Identifier: MIT */
#include "build.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/source.h"

typedef struct do_ctx {
  pf__builder *b;
  uint32_t body;   // source offset of the body's first byte, or UINT32_MAX
  pf_span stmt;    // the DO statement
  uint32_t cursor; // where the next search for a statement starts
} do_ctx;

static const char *find(const char *hay, size_t hlen, const char *needle,
                        size_t nlen)
{
  if (!nlen || nlen > hlen)
    return NULL;
  for (size_t i = 0; i + nlen <= hlen; i++) {
    if (hay[i] == needle[0] && memcmp(hay + i, needle, nlen) == 0)
      return hay + i;
  }
  return NULL;
}

// The span in the source of the statement @query at body line @lineno.
static pf_span locate(do_ctx *x, const char *query, int lineno)
{
  const char *src = x->b->m->src->data;
  pf_span sp = x->stmt;
  if (x->body == UINT32_MAX)
    return sp;
  uint32_t at = x->body;
  for (int l = 1; l < lineno && at < x->stmt.end; at++) {
    if (src[at] == '\n')
      l++;
  }
  if (at < x->cursor)
    at = x->cursor;
  size_t qlen = strlen(query);
  const char *hit = find(src + at, x->stmt.end - at, query, qlen);
  if (hit) {
    sp.start = (uint32_t)(hit - src);
    sp.end = sp.start + (uint32_t)qlen;
    x->cursor = sp.end;
  } else if (at < x->stmt.end) {
    sp.start = at;
    while (sp.start < x->stmt.end &&
           (src[sp.start] == ' ' || src[sp.start] == '\t'))
      sp.start++;
    sp.end = sp.start;
    while (sp.end < x->stmt.end && src[sp.end] != '\n')
      sp.end++;
    if (sp.end <= sp.start)
      sp = x->stmt;
  }
  return sp;
}

static void dynamic(pf__builder *b, const char *detail)
{
  pf_change *c = pf__build_change(b, PF_CHANGE_DYNAMIC_SQL, NULL);
  c->detail = pf__build_dup(b, detail);
  pf__change_set_lock(c);
}

// One SQL statement of the body, parsed on its own.
static void execsql(do_ctx *x, const char *query, int lineno)
{
  pf__builder *b = x->b;
  b->span = locate(x, query, lineno);
  uint32_t base = b->base;
  b->base = b->span.start;
  pf_sql_parse r;
  pf__sql_parse(query, strlen(query), &r);
  if (r.tree) {
    for (size_t i = 0; i < r.tree->n_stmts; i++) {
      pf_stmt scratch;
      memset(&scratch, 0, sizeof(scratch));
      scratch.first_change = b->m->changes.len;
      pf__build_changes(b, &scratch, r.tree->stmts[i]->stmt);
    }
  }
  pf__sql_parse_clear(&r);
  b->base = base;
}

static const char *expr_query(const cJSON *o, const char *field)
{
  const cJSON *e = cJSON_GetObjectItemCaseSensitive(o, field);
  const cJSON *pe = cJSON_GetObjectItemCaseSensitive(e, "PLpgSQL_expr");
  const cJSON *q = cJSON_GetObjectItemCaseSensitive(pe, "query");
  return cJSON_IsString(q) ? q->valuestring : NULL;
}

static int lineno_of(const cJSON *o)
{
  const cJSON *l = cJSON_GetObjectItemCaseSensitive(o, "lineno");
  return cJSON_IsNumber(l) ? l->valueint : 0;
}

// Walks the function's JSON in order; statements nest in blocks, IFs,
// loops, CASEs and exception handlers, so every object is visited.
static void walk(do_ctx *x, const cJSON *node)
{
  for (const cJSON *it = node ? node->child : NULL; it; it = it->next) {
    const char *k = it->string ? it->string : "";
    if (strcmp(k, "datums") == 0)
      continue;
    if (strcmp(k, "PLpgSQL_stmt_execsql") == 0) {
      const char *q = expr_query(it, "sqlstmt");
      if (q)
        execsql(x, q, lineno_of(it));
      continue;
    }
    const char *dyn = NULL;
    if (strcmp(k, "PLpgSQL_stmt_dynexecute") == 0 ||
        strcmp(k, "PLpgSQL_stmt_dynfors") == 0)
      dyn = expr_query(it, "query");
    else if (strcmp(k, "PLpgSQL_stmt_return_query") == 0 ||
             strcmp(k, "PLpgSQL_stmt_open") == 0)
      dyn = expr_query(it, "dynquery");
    if (dyn) {
      x->b->span = locate(x, dyn, lineno_of(it));
      pf_buf d = PF_BUF_INIT;
      pf_buf_printf(&d, "dynamic SQL, EXECUTE %s", dyn);
      dynamic(x->b, d.data);
      pf_buf_clear(&d);
    }
    walk(x, it);
  }
}

// The DO body's source offset, from the location of its string literal.
static uint32_t body_offset(const pf__builder *b, int32_t loc, const char *body)
{
  if (loc < 0)
    return UINT32_MAX;
  const char *src = b->m->src->data;
  uint32_t at = b->base + (uint32_t)loc, len = b->m->src->len;
  if (at >= len)
    return UINT32_MAX;
  if (src[at] == '$') {
    uint32_t k = at + 1;
    while (k < len && src[k] != '$')
      k++;
    return k < len ? k + 1 : UINT32_MAX;
  }
  // A quoted body: offsets hold while it has no doubled quotes.
  if (src[at] == 'E' || src[at] == 'e')
    at++;
  if (src[at] == '\'' && !strchr(body, '\''))
    return at + 1;
  return UINT32_MAX;
}

void pf__plpgsql_do(pf__builder *b, const PgQuery__DoStmt *s)
{
  const char *lang = "plpgsql", *body = NULL;
  int32_t loc = -1;
  for (size_t i = 0; i < s->n_args; i++) {
    if (s->args[i]->node_case != PG_QUERY__NODE__NODE_DEF_ELEM)
      continue;
    const PgQuery__DefElem *d = s->args[i]->def_elem;
    const char *v = d->arg ? pf__sql_node_str(d->arg) : NULL;
    if (d->defname && strcmp(d->defname, "language") == 0 && v)
      lang = v;
    else if (d->defname && strcmp(d->defname, "as") == 0 && v) {
      body = v;
      loc = d->location;
    }
  }
  pf_stmt *st = pf_vec_last(&b->m->stmts);
  if (!body)
    return;
  if (!pf_strcaseeq(lang, "plpgsql")) {
    pf_buf d = PF_BUF_INIT;
    pf_buf_printf(&d, "a DO block in language %s", lang);
    dynamic(b, d.data);
    pf_buf_clear(&d);
    return;
  }
  // libpg_query parses PL/pgSQL only as the body of CREATE FUNCTION; pick a
  // dollar-quote tag that the body does not contain.
  char tag[32];
  int n = 0;
  do {
    snprintf(tag, sizeof(tag), n ? "$pf_do%d$" : "$pf_do$", n);
    n++;
  } while (strstr(body, tag));
  pf_buf w = PF_BUF_INIT;
  pf_buf_printf(&w,
                "CREATE FUNCTION pf_do() RETURNS void LANGUAGE plpgsql AS "
                "%s%s%s",
                tag, body, tag);
  PgQueryPlpgsqlParseResult r = pg_query_parse_plpgsql(w.data);
  cJSON *root = r.error ? NULL : cJSON_Parse(r.plpgsql_funcs);
  if (root) {
    do_ctx x = {b, body_offset(b, loc, body), st->span, 0};
    x.cursor = x.body == UINT32_MAX ? st->span.start : x.body;
    bool was_in_do = b->in_do;
    b->in_do = true;
    walk(&x, root);
    b->in_do = was_in_do;
  } else {
    pf_buf d = PF_BUF_INIT;
    pf_buf_printf(&d, "a DO block that could not be parsed (%s)",
                  r.error && r.error->message ? r.error->message
                                              : "parse error");
    dynamic(b, d.data);
    pf_buf_clear(&d);
  }
  cJSON_Delete(root);
  pg_query_free_plpgsql_parse_result(r);
  pf_buf_clear(&w);
}
