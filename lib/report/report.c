/* The report: owns sources, findings, evidence, errors and warnings. */
/* SPDX-License-Identifier: MIT */
#include "report.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/source.h"
#include "rules/rules.h"

const char *pf_verdict_name(pf_verdict v)
{
  static const char *const names[PF_VERDICT_COUNT] = {
      "none", "fails", "passes", "inconclusive", "unverified"};
  return (unsigned)v < PF_VERDICT_COUNT ? names[v] : "none";
}

const char *pf_evidence_kind_name(pf_evidence_kind k)
{
  static const char *const names[PF_EV_KIND_COUNT] = {
      "code-reference", "rows",   "index-usage", "table", "note", "checked",
      "estimate",       "values", "dependency",  "query", "cost", "lock-queue"};
  return (unsigned)k < PF_EV_KIND_COUNT ? names[k] : "note";
}

pf_report *pf__report_new(void)
{
  pf_report *r = pf_xcalloc(1, sizeof(*r));
  return r;
}

const pf_source *pf__report_own_source(pf_report *self, pf_source *src)
{
  pf_vec_push(&self->sources, src);
  return src;
}

pf_finding *pf__report_add(pf_report *self, uint32_t rule, pf_severity sev,
                           const pf_source *src, pf_span span, uint32_t stmt,
                           pf_span stmt_span, const char *fmt, ...)
{
  pf_finding f;
  memset(&f, 0, sizeof(f));
  f.rule = rule;
  f.severity = sev;
  f.src = src;
  f.span = span;
  f.stmt = stmt;
  f.stmt_span = stmt_span;
  pf_buf b = PF_BUF_INIT;
  va_list ap;
  va_start(ap, fmt);
  pf_buf_vprintf(&b, fmt, ap);
  va_end(ap);
  f.message = pf_buf_detach(&b);
  pf_vec_push(&self->findings, f);
  return pf_vec_last(&self->findings);
}

void pf__finding_set_safe(pf_finding *f, const char *text)
{
  free(f->safe);
  f->safe = text ? pf_xstrdup(text) : NULL;
}

pf_evidence *pf__finding_add_evidence(pf_finding *f, pf_evidence_kind kind,
                                      int64_t count, const char *fmt, ...)
{
  pf_evidence e;
  memset(&e, 0, sizeof(e));
  e.kind = kind;
  e.count = count;
  if (fmt) {
    pf_buf b = PF_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    pf_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    e.text = pf_buf_detach(&b);
  }
  pf_vec_push(&f->evidence, e);
  return pf_vec_last(&f->evidence);
}

void pf__report_add_error(pf_report *self, const pf_source *src, pf_span span,
                          const char *path, const char *msg)
{
  pf_input_error e;
  e.src = src;
  e.span = span;
  e.path = path ? pf_xstrdup(path) : NULL;
  e.msg = pf_xstrdup(msg);
  pf_vec_push(&self->errors, e);
}

void pf__report_add_warning(pf_report *self, const char *fmt, ...)
{
  pf_buf b = PF_BUF_INIT;
  va_list ap;
  va_start(ap, fmt);
  pf_buf_vprintf(&b, fmt, ap);
  va_end(ap);
  if (self->holding)
    pf_vec_push(&self->held, pf_buf_detach(&b));
  else
    pf_vec_push(&self->warnings, pf_buf_detach(&b));
}

void pf__report_hold_warnings(pf_report *self, bool hold)
{
  self->holding = hold;
}

void pf__report_release_warnings(pf_report *self)
{
  for (uint32_t i = 0; i < self->held.len; i++)
    pf_vec_push(&self->warnings, self->held.items[i]);
  pf_vec_clear(&self->held);
}

static int cmp_evidence(const void *pa, const void *pb)
{
  const pf_evidence *a = pa, *b = pb;
  if (a->kind != b->kind)
    return (int)a->kind - (int)b->kind;
  int c = strcmp(a->path ? a->path : "", b->path ? b->path : "");
  if (c)
    return c;
  if (a->line != b->line)
    return a->line < b->line ? -1 : 1;
  if (a->col != b->col)
    return a->col < b->col ? -1 : 1;
  return strcmp(a->text ? a->text : "", b->text ? b->text : "");
}

static int cmp_finding(const void *pa, const void *pb)
{
  const pf_finding *a = pa, *b = pb;
  int c = strcmp(a->src->path, b->src->path);
  if (c)
    return c;
  if (a->stmt_span.start != b->stmt_span.start)
    return a->stmt_span.start < b->stmt_span.start ? -1 : 1;
  if (a->span.start != b->span.start)
    return a->span.start < b->span.start ? -1 : 1;
  return strcmp(pf_rule_at(a->rule)->id, pf_rule_at(b->rule)->id);
}

void pf__report_sort(pf_report *self)
{
  for (uint32_t i = 0; i < self->findings.len; i++) {
    pf_finding *f = &self->findings.items[i];
    pf_sort(f->evidence.items, f->evidence.len, sizeof(pf_evidence),
            cmp_evidence);
  }
  // Stable enough: ties are broken by rule id, which is unique per change.
  pf_sort(self->findings.items, self->findings.len, sizeof(pf_finding),
          cmp_finding);
}

static void finding_clear(pf_finding *f)
{
  free(f->message);
  free(f->safe);
  free(f->suppressed_why);
  free(f->change.schema);
  free(f->change.table);
  free(f->change.column);
  free(f->change.new_name);
  free(f->change.index);
  free(f->change.constraint);
  for (uint32_t i = 0; i < f->evidence.len; i++) {
    pf_evidence *e = &f->evidence.items[i];
    free(e->text);
    free(e->path);
    free(e->snippet);
  }
  pf_vec_clear(&f->evidence);
}

void pf__report_retain(pf_report *self, bool (*keep)(pf_finding *, void *),
                       void *arg)
{
  uint32_t n = 0;
  for (uint32_t i = 0; i < self->findings.len; i++) {
    pf_finding *f = &self->findings.items[i];
    if (keep(f, arg))
      self->findings.items[n++] = *f;
    else
      finding_clear(f);
  }
  self->findings.len = n;
}

void pf_report_free(pf_report *self)
{
  if (!self)
    return;
  for (uint32_t i = 0; i < self->findings.len; i++)
    finding_clear(&self->findings.items[i]);
  pf_vec_clear(&self->findings);
  for (uint32_t i = 0; i < self->errors.len; i++) {
    free(self->errors.items[i].path);
    free(self->errors.items[i].msg);
  }
  pf_vec_clear(&self->errors);
  for (uint32_t i = 0; i < self->warnings.len; i++)
    free(self->warnings.items[i]);
  pf_vec_clear(&self->warnings);
  for (uint32_t i = 0; i < self->held.len; i++)
    free(self->held.items[i]);
  pf_vec_clear(&self->held);
  for (uint32_t i = 0; i < self->sources.len; i++)
    pf_source_free(self->sources.items[i]);
  pf_vec_clear(&self->sources);
  free(self);
}

int pf_report_max_severity(const pf_report *self)
{
  int max = -1;
  for (uint32_t i = 0; i < self->findings.len; i++) {
    if (self->findings.items[i].suppressed)
      continue;
    if ((int)self->findings.items[i].severity > max)
      max = (int)self->findings.items[i].severity;
  }
  return max;
}

static unsigned gate_of(pf_verdict v)
{
  switch (v) {
  case PF_VERDICT_FAILS:
    return PF_GATE_FAILS;
  case PF_VERDICT_INCONCLUSIVE:
    return PF_GATE_INCONCLUSIVE;
  case PF_VERDICT_UNVERIFIED:
    return PF_GATE_UNVERIFIED;
  case PF_VERDICT_PASSES:
    return PF_GATE_PASSES;
  default:
    return 0;
  }
}

bool pf_gate_parse(const char *name, unsigned *bit)
{
  for (int v = PF_VERDICT_FAILS; v < PF_VERDICT_COUNT; v++) {
    if (strcmp(name, pf_verdict_name((pf_verdict)v)) == 0) {
      *bit = gate_of((pf_verdict)v);
      return true;
    }
  }
  return false;
}

size_t pf_report_gate_count(const pf_report *self, unsigned gates)
{
  size_t n = 0;
  for (uint32_t i = 0; i < self->findings.len; i++) {
    const pf_finding *f = &self->findings.items[i];
    if (!f->suppressed && (gate_of(f->verdict) & gates))
      n++;
  }
  return n;
}

size_t pf_report_warning_count(const pf_report *self)
{
  return self->warnings.len;
}

const char *pf_report_warning_at(const pf_report *self, size_t i)
{
  return i < self->warnings.len ? self->warnings.items[i] : NULL;
}

size_t pf_report_error_count(const pf_report *self)
{
  return self->errors.len;
}

bool pf_severity_parse(const char *name, pf_severity *out)
{
  for (int s = 0; s < PF_SEV_COUNT; s++) {
    if (strcmp(name, pf_severity_name((pf_severity)s)) == 0) {
      *out = (pf_severity)s;
      return true;
    }
  }
  return false;
}

const char *pf_severity_name(pf_severity sev)
{
  static const char *const names[PF_SEV_COUNT] = {"notice", "warning", "error",
                                                  "never"};
  return (unsigned)sev < PF_SEV_COUNT ? names[sev] : "error";
}

static const char *const format_names[PF_FORMAT_COUNT] = {
    "text", "json", "sarif", "github", "markdown"};

bool pf_format_parse(const char *name, pf_format *out)
{
  for (int i = 0; i < PF_FORMAT_COUNT; i++) {
    if (strcmp(name, format_names[i]) == 0) {
      *out = (pf_format)i;
      return true;
    }
  }
  return false;
}

const char *pf_format_names(void)
{
  return "text, json, sarif, github or markdown";
}

pf_code pf_report_render(const pf_report *self, pf_format fmt,
                         const pf_render_opts *opts, char **out, size_t *len,
                         pf_error *err)
{
  pf_buf b = PF_BUF_INIT;
  pf_code rc = PF_OK;
  pf_render_opts defaults;
  memset(&defaults, 0, sizeof(defaults));
  defaults.fail_on = PF_SEV_ERROR;
  if (!opts)
    opts = &defaults;
  switch (fmt) {
  case PF_FORMAT_JSON:
    rc = pf__render_json(self, opts, &b, err);
    break;
  case PF_FORMAT_SARIF:
    rc = pf__render_sarif(self, opts, &b, err);
    break;
  case PF_FORMAT_GITHUB:
    pf__render_github(self, opts, &b);
    break;
  case PF_FORMAT_MARKDOWN:
    pf__render_markdown(self, opts, &b);
    break;
  default:
    pf__render_text(self, opts, &b);
    break;
  }
  if (rc != PF_OK) {
    pf_buf_clear(&b);
    *out = NULL;
    *len = 0;
    return rc;
  }
  *len = b.len;
  *out = pf_buf_detach(&b);
  return PF_OK;
}

void pf_report_error_format(const pf_report *self, size_t i, char *out,
                            size_t size)
{
  if (!size)
    return;
  if (i >= self->errors.len) {
    out[0] = '\0';
    return;
  }
  const pf_input_error *e = &self->errors.items[i];
  if (e->src) {
    pf_loc loc = pf_source_locate(e->src, e->span.start);
    snprintf(out, size, "%s:%u:%u: error: %s", e->src->path, loc.line, loc.col,
             e->msg);
  } else if (e->path) {
    snprintf(out, size, "%s: error: %s", e->path, e->msg);
  } else {
    snprintf(out, size, "error: %s", e->msg);
  }
}
