/* JSON renderer: the documented, versioned machine-readable report. */
/* SPDX-License-Identifier: MIT */
#include "report.h"

#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "core/source.h"
#include "rules/rules.h"

static const pf_span no_span = {0, 0};

// Members are added without copies: keys are literals, and values are
// strings of the report, which outlives every tree built here.
static bool add_item(cJSON *o, const char *key, cJSON *item)
{
  if (item && cJSON_AddItemToObjectCS(o, key, item))
    return true;
  cJSON_Delete(item);
  return false;
}

// Adds a string member, or null when @s is NULL.
static bool add_str(cJSON *o, const char *key, const char *s)
{
  return add_item(o, key,
                  s ? cJSON_CreateStringReference(s) : cJSON_CreateNull());
}

// An integer as cJSON prints one ("%d" for those that fit an int), but
// written here: cJSON's sprintf was 40% of rendering a large report.
static cJSON *int_item(long long v)
{
  if (v < INT_MIN || v > INT_MAX) // cJSON's own form ("%1.15g") for these
    return cJSON_CreateNumber((double)v);
  char buf[16], *p = buf + sizeof(buf);
  unsigned long long u =
      v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
  *--p = '\0';
  do {
    *--p = (char)('0' + u % 10);
    u /= 10;
  } while (u);
  if (v < 0)
    *--p = '-';
  return cJSON_CreateRaw(p);
}

static bool add_int(cJSON *o, const char *key, long long v)
{
  return add_item(o, key, int_item(v));
}

static bool add_bool(cJSON *o, const char *key, bool v)
{
  return add_item(o, key, cJSON_CreateBool(v));
}

static cJSON *add_obj(cJSON *o, const char *key)
{
  cJSON *c = cJSON_CreateObject();
  return add_item(o, key, c) ? c : NULL;
}

static cJSON *add_arr(cJSON *o, const char *key)
{
  cJSON *c = cJSON_CreateArray();
  return add_item(o, key, c) ? c : NULL;
}

static bool add_pos(cJSON *o, const pf_source *src, pf_span span)
{
  pf_loc a = pf_source_locate(src, span.start);
  pf_loc b =
      pf_source_locate(src, span.end > span.start ? span.end : span.start);
  return add_str(o, "path", src->path) && add_int(o, "line", a.line) &&
         add_int(o, "col", a.col) && add_int(o, "end_line", b.line) &&
         add_int(o, "end_col", b.col);
}

static bool evidence(cJSON *arr, const pf_evidence *e)
{
  cJSON *o = cJSON_CreateObject();
  if (!o || !cJSON_AddItemToArray(arr, o)) {
    cJSON_Delete(o);
    return false;
  }
  bool ok = add_str(o, "kind", pf_evidence_kind_name(e->kind)) &&
            add_str(o, "text", e->text);
  if (e->kind == PF_EV_CODE_REF) {
    ok = ok && add_str(o, "path", e->path) && add_int(o, "line", e->line) &&
         add_int(o, "col", e->col) && add_int(o, "end_col", e->end_col) &&
         add_str(o, "ref_kind", e->ref_kind) &&
         add_str(o, "confidence", e->confidence) &&
         add_str(o, "snippet", e->snippet);
  } else if (e->count >= 0) {
    ok = ok && add_int(o, "count", e->count);
  }
  if (e->kind == PF_EV_COST) {
    ok = ok && add_int(o, "bytes", e->bytes) &&
         add_int(o, "table_bytes", e->table_bytes) &&
         add_int(o, "index_bytes", e->index_bytes) &&
         add_str(o, "effect", e->effect) && add_str(o, "lock", e->lock) &&
         add_int(o, "estimated_ms", e->estimated_ms);
  } else if (e->kind == PF_EV_LOCK_QUEUE) {
    ok = ok && add_int(o, "pid", e->pid) && add_str(o, "lock", e->lock) &&
         add_bool(o, "granted", e->granted) &&
         add_item(o, "xact_seconds",
                  e->xact_seconds >= 0 ? int_item(e->xact_seconds)
                                       : cJSON_CreateNull()) &&
         add_str(o, "state", e->state[0] ? e->state : NULL);
  }
  return ok;
}

struct cJSON *pf__json_finding(const pf_finding *f)
{
  const pf_rule_info *rule = pf_rule_at(f->rule);
  cJSON *o = cJSON_CreateObject();
  if (!o)
    return NULL;
  bool ok =
      add_str(o, "rule", rule->id) &&
      add_str(o, "severity", pf_severity_name(f->severity)) &&
      add_pos(o, f->src, f->span) &&
      add_int(o, "statement", (long long)f->stmt + 1) &&
      add_str(o, "message", f->message) &&
      add_str(o, "verdict",
              f->verdict == PF_VERDICT_NONE ? NULL
                                            : pf_verdict_name(f->verdict));
  cJSON *c = add_obj(o, "change");
  ok = ok && c && add_str(c, "kind", f->change.kind) &&
       add_str(c, "schema", f->change.schema) &&
       add_str(c, "table", f->change.table) &&
       add_str(c, "column", f->change.column) &&
       add_str(c, "new_name", f->change.new_name) &&
       add_str(c, "index", f->change.index) &&
       add_str(c, "constraint", f->change.constraint) &&
       add_str(c, "lock", f->change.lock) &&
       add_str(c, "effect", f->change.effect);
  cJSON *ev = add_arr(o, "evidence");
  ok = ok && ev;
  for (uint32_t i = 0; ok && i < f->evidence.len; i++)
    ok = evidence(ev, &f->evidence.items[i]);
  // safe_alternative is this statement's; a rule's example stands in only
  // under its own name (schema version 1: a compatible addition).
  bool generic;
  const char *safe = pf__finding_safe(f, &generic);
  ok = ok && add_str(o, "safe_alternative", generic ? NULL : safe);
  if (ok && generic)
    ok = add_str(o, "rule_safe_example", safe);
  if (!ok) {
    cJSON_Delete(o);
    return NULL;
  }
  return o;
}

static bool finding(cJSON *arr, const pf_finding *f)
{
  cJSON *o = pf__json_finding(f);
  if (!o || !cJSON_AddItemToArray(arr, o)) {
    cJSON_Delete(o);
    return false;
  }
  return true;
}

// The report is written one element at a time: the header as one small
// tree, then each finding, suppression, error and warning as its own tree,
// printed by cJSON and indented to the depth cJSON would give it inside
// the whole document. A report with thousands of findings never holds
// more than one finding's tree, which keeps memory (and, on a fresh
// process, page faults) flat; the bytes are those of one cJSON_Print.
typedef struct {
  pf_buf *out;
  char *scratch;
  int cap;
  bool first;
} json_out;

// Appends @item formatted, indented @depth levels deep.
static bool put(json_out *j, cJSON *item, unsigned depth)
{
  while (!cJSON_PrintPreallocated(item, j->scratch, j->cap, true)) {
    if (j->cap > (1 << 29))
      return false;
    j->cap *= 2;
    j->scratch = pf_xrealloc(j->scratch, (size_t)j->cap);
  }
  // cJSON escapes newlines inside strings: each one here ends a line.
  const char *p = j->scratch;
  for (const char *nl; (nl = strchr(p, '\n')) != NULL; p = nl + 1) {
    pf_buf_append(j->out, p, (size_t)(nl - p) + 1);
    for (unsigned d = 0; d < depth; d++)
      pf_buf_putc(j->out, '\t');
  }
  pf_buf_puts(j->out, p);
  return true;
}

static void begin_array(json_out *j, const char *key)
{
  pf_buf_printf(j->out, ",\n\t\"%s\":\t[", key);
  j->first = true;
}

// Prints the single element of @tmp as the next element of the open array
// and frees @tmp.
static bool put_element(json_out *j, cJSON *tmp, bool built)
{
  bool ok = built && tmp && tmp->child;
  if (ok) {
    if (!j->first)
      pf_buf_puts(j->out, ", ");
    j->first = false;
    ok = put(j, tmp->child, 2);
  }
  cJSON_Delete(tmp);
  return ok;
}

// A one-element array holding a new object, which is returned.
static cJSON *element(cJSON **tmp)
{
  *tmp = cJSON_CreateArray();
  cJSON *o = cJSON_CreateObject();
  if (!*tmp || !o || !cJSON_AddItemToArray(*tmp, o)) {
    cJSON_Delete(o);
    return NULL;
  }
  return o;
}

// A run of findings rendered by one thread: the first run straight into
// the report (@into), the others into their own buffers.
typedef struct {
  const pf_report *r;
  uint32_t from, to;
  json_out *into;
  pf_buf out;
  bool ok;
} findings_part;

static void *put_part(void *arg)
{
  findings_part *p = arg;
  json_out own = {&p->out, NULL, 0, true};
  json_out *j = p->into;
  if (!j) {
    own.cap = 1 << 16;
    own.scratch = pf_xmalloc((size_t)own.cap);
    j = &own;
  }
  p->ok = true;
  for (uint32_t i = p->from; p->ok && i < p->to; i++) {
    if (p->r->findings.items[i].suppressed)
      continue;
    cJSON *tmp = cJSON_CreateArray();
    p->ok = put_element(j, tmp, tmp && finding(tmp, &p->r->findings.items[i]));
  }
  free(own.scratch);
  return NULL;
}

// Below this many findings one thread renders them all.
#define PARALLEL_FINDINGS 512

// The elements of "findings". On a large report (a directory of
// regression files gives thousands) this is most of the rendering, and
// each finding's text depends on nothing but the finding: runs of them are
// rendered on all cores and joined in order, giving the same bytes.
static bool put_findings(json_out *j, const pf_report *r)
{
  uint32_t n = r->findings.len;
  long cores = n >= PARALLEL_FINDINGS ? sysconf(_SC_NPROCESSORS_ONLN) : 1;
  uint32_t parts = cores > 8 ? 8 : cores > 1 ? (uint32_t)cores : 1;
  findings_part part[8];
  memset(part, 0, sizeof(part));
  // Line maps are built on first use: build them here, not in the threads.
  for (uint32_t i = 0; parts > 1 && i < n; i++)
    pf_source_locate(r->findings.items[i].src, 0);
  pthread_t tid[8];
  bool started[8] = {false};
  for (uint32_t k = 0; k < parts; k++) {
    part[k].r = r;
    part[k].from = (uint32_t)((uint64_t)n * k / parts);
    part[k].to = (uint32_t)((uint64_t)n * (k + 1) / parts);
    part[k].into = k == 0 ? j : NULL;
    if (k > 0)
      started[k] = pthread_create(&tid[k], NULL, put_part, &part[k]) == 0;
  }
  put_part(&part[0]);
  bool ok = part[0].ok;
  for (uint32_t k = 1; k < parts; k++) {
    if (started[k])
      pthread_join(tid[k], NULL);
    else
      put_part(&part[k]);
    ok = ok && part[k].ok;
    if (ok && part[k].out.len) {
      if (!j->first)
        pf_buf_puts(j->out, ", ");
      j->first = false;
      pf_buf_append(j->out, part[k].out.data, part[k].out.len);
    }
    pf_buf_clear(&part[k].out);
  }
  return ok;
}

pf_code pf__render_json(const pf_report *self, const pf_render_opts *opts,
                        pf_buf *out, pf_error *err)
{
  json_out j = {out, pf_xmalloc(1 << 16), 1 << 16, true};
  size_t start_len = out->len;
  cJSON *root = cJSON_CreateObject();
  bool ok = root && add_int(root, "version", PF_JSON_SCHEMA_VERSION);
  cJSON *tool = ok ? add_obj(root, "tool") : NULL;
  ok = ok && tool && add_str(tool, "name", "pgpreflight") &&
       add_str(tool, "version", PF_VERSION_STRING);

  int counts[PF_SEV_COUNT] = {0};
  uint32_t suppressed = 0;
  for (uint32_t i = 0; i < self->findings.len; i++) {
    if (self->findings.items[i].suppressed)
      suppressed++;
    else
      counts[self->findings.items[i].severity]++;
  }
  cJSON *sum = ok ? add_obj(root, "summary") : NULL;
  ok = ok && sum && add_int(sum, "errors", counts[PF_SEV_ERROR]) &&
       add_int(sum, "warnings", counts[PF_SEV_WARNING]) &&
       add_int(sum, "notices", counts[PF_SEV_NOTICE]) &&
       add_int(sum, "suppressed", suppressed) &&
       add_int(sum, "input_errors", self->errors.len) &&
       add_int(sum, "files", self->files) &&
       add_int(sum, "context_files", self->context_files) &&
       add_int(sum, "statements", self->statements) &&
       add_int(sum, "changes", self->changes) &&
       add_str(sum, "fail_on", pf_severity_name(opts->fail_on));
  // Appended for issue 7: verdict counts and the verdicts that fail.
  static const unsigned gates[] = {0, PF_GATE_FAILS, PF_GATE_PASSES,
                                   PF_GATE_INCONCLUSIVE, PF_GATE_UNVERIFIED};
  cJSON *verd = ok ? cJSON_AddObjectToObject(sum, "verdicts") : NULL;
  cJSON *fov = ok ? cJSON_AddArrayToObject(sum, "fail_on_verdicts") : NULL;
  ok = ok && verd && fov;
  for (int v = PF_VERDICT_FAILS; ok && v < PF_VERDICT_COUNT; v++) {
    ok = add_int(verd, pf_verdict_name((pf_verdict)v),
                 (long long)pf_report_gate_count(self, gates[v]));
    if (ok && (opts->fail_on_verdicts & gates[v])) {
      cJSON *s = cJSON_CreateString(pf_verdict_name((pf_verdict)v));
      if (!s || !cJSON_AddItemToArray(fov, s)) {
        cJSON_Delete(s);
        ok = false;
      }
    }
  }

  cJSON *code = ok ? add_obj(root, "code") : NULL;
  ok = ok && code && add_bool(code, "scanned", self->code_scanned) &&
       add_int(code, "files_read", (long long)self->code_files_seen) &&
       add_int(code, "files_parsed", (long long)self->code_files_parsed) &&
       add_int(code, "references_suppressed",
               (long long)self->code_refs_suppressed);
  // Every reason, zero or not, so that the object has a fixed shape.
  cJSON *skipped = ok ? cJSON_AddObjectToObject(code, "skipped") : NULL;
  ok = ok && skipped;
  for (uint32_t i = 0; ok && i < self->code_nskipped; i++)
    ok = add_int(skipped, self->code_skipped[i].reason,
                 (long long)self->code_skipped[i].count);

  cJSON *db = ok ? add_obj(root, "database") : NULL;
  ok = ok && db && add_bool(db, "connected", self->db_connected);
  if (ok && self->db_connected)
    ok = add_int(db, "server_version_num", self->db_server_version) &&
         add_bool(db, "standby", self->db_standby) &&
         add_str(db, "role", self->db_role) &&
         add_bool(db, "role_can_write", self->db_role_can_write);
  // The header closes with "\n}": reopen it for the arrays.
  ok = ok && put(&j, root, 0) && out->len >= start_len + 2;
  cJSON_Delete(root);
  if (ok)
    out->data[out->len -= 2] = '\0';

  if (ok) {
    begin_array(&j, "findings");
    ok = put_findings(&j, self);
  }
  // Suppressed findings: where, which rule, and the comment's reason.
  if (ok) {
    pf_buf_putc(out, ']');
    begin_array(&j, "suppressed");
  }
  for (uint32_t i = 0; ok && i < self->findings.len; i++) {
    const pf_finding *f = &self->findings.items[i];
    if (!f->suppressed)
      continue;
    cJSON *tmp, *o = element(&tmp);
    ok = put_element(&j, tmp,
                     o && add_str(o, "rule", pf_rule_at(f->rule)->id) &&
                         add_pos(o, f->src, f->span) &&
                         add_str(o, "message", f->message) &&
                         add_str(o, "reason", f->suppressed_why));
  }
  if (ok) {
    pf_buf_putc(out, ']');
    begin_array(&j, "errors");
  }
  for (uint32_t i = 0; ok && i < self->errors.len; i++) {
    const pf_input_error *e = &self->errors.items[i];
    cJSON *tmp, *o = element(&tmp);
    ok = put_element(&j, tmp,
                     o &&
                         (e->src ? add_pos(o, e->src, e->span)
                                 : add_str(o, "path", e->path)) &&
                         add_str(o, "message", e->msg));
  }
  if (ok) {
    pf_buf_putc(out, ']');
    begin_array(&j, "warnings");
  }
  for (uint32_t i = 0; ok && i < self->warnings.len; i++) {
    cJSON *tmp = cJSON_CreateArray();
    cJSON *w = cJSON_CreateStringReference(self->warnings.items[i]);
    bool built = tmp && w && cJSON_AddItemToArray(tmp, w);
    if (!built)
      cJSON_Delete(w);
    ok = put_element(&j, tmp, built);
  }
  if (ok)
    pf_buf_puts(out, "]\n}\n");
  free(j.scratch);
  if (!ok) {
    out->len = start_len;
    pf_error_set(err, PF_INTERNAL, NULL, no_span,
                 "out of memory while writing the JSON report");
    return PF_INTERNAL;
  }
  return PF_OK;
}
