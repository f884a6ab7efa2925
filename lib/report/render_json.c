/* JSON renderer: the documented, versioned machine-readable report. */
/* SPDX-License-Identifier: MIT */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/source.h"
#include "rules/rules.h"

static const pf_span no_span = {0, 0};

// Adds a string member, or null when @s is NULL.
static bool add_str(cJSON *o, const char *key, const char *s)
{
  return s ? cJSON_AddStringToObject(o, key, s) != NULL
           : cJSON_AddNullToObject(o, key) != NULL;
}

static bool add_int(cJSON *o, const char *key, long long v)
{
  return cJSON_AddNumberToObject(o, key, (double)v) != NULL;
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
  return ok;
}

static bool finding(cJSON *arr, const pf_finding *f)
{
  const pf_rule_info *rule = pf_rule_at(f->rule);
  cJSON *o = cJSON_CreateObject();
  if (!o || !cJSON_AddItemToArray(arr, o)) {
    cJSON_Delete(o);
    return false;
  }
  bool ok =
      add_str(o, "rule", rule->id) &&
      add_str(o, "severity", pf_severity_name(f->severity)) &&
      add_pos(o, f->src, f->span) &&
      add_int(o, "statement", (long long)f->stmt + 1) &&
      add_str(o, "message", f->message) &&
      add_str(o, "verdict",
              f->verdict == PF_VERDICT_NONE ? NULL
                                            : pf_verdict_name(f->verdict));
  cJSON *c = cJSON_AddObjectToObject(o, "change");
  ok = ok && c && add_str(c, "kind", f->change.kind) &&
       add_str(c, "schema", f->change.schema) &&
       add_str(c, "table", f->change.table) &&
       add_str(c, "column", f->change.column) &&
       add_str(c, "new_name", f->change.new_name) &&
       add_str(c, "index", f->change.index) &&
       add_str(c, "constraint", f->change.constraint) &&
       add_str(c, "lock", f->change.lock) &&
       add_str(c, "effect", f->change.effect);
  cJSON *ev = cJSON_AddArrayToObject(o, "evidence");
  ok = ok && ev;
  for (uint32_t i = 0; ok && i < f->evidence.len; i++)
    ok = evidence(ev, &f->evidence.items[i]);
  ok = ok && add_str(o, "safe_alternative", f->safe ? f->safe : rule->safe);
  return ok;
}

pf_code pf__render_json(const pf_report *self, const pf_render_opts *opts,
                        pf_buf *out, pf_error *err)
{
  cJSON *root = cJSON_CreateObject();
  bool ok = root && add_int(root, "version", PF_JSON_SCHEMA_VERSION);
  cJSON *tool = ok ? cJSON_AddObjectToObject(root, "tool") : NULL;
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
  cJSON *sum = ok ? cJSON_AddObjectToObject(root, "summary") : NULL;
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

  cJSON *code = ok ? cJSON_AddObjectToObject(root, "code") : NULL;
  ok = ok && code &&
       cJSON_AddBoolToObject(code, "scanned", self->code_scanned) &&
       add_int(code, "files_read", (long long)self->code_files_seen) &&
       add_int(code, "files_parsed", (long long)self->code_files_parsed);

  cJSON *db = ok ? cJSON_AddObjectToObject(root, "database") : NULL;
  ok = ok && db &&
       cJSON_AddBoolToObject(db, "connected", self->db_connected) != NULL;
  if (ok && self->db_connected)
    ok = add_int(db, "server_version_num", self->db_server_version) &&
         cJSON_AddBoolToObject(db, "standby", self->db_standby) != NULL &&
         add_str(db, "role", self->db_role) &&
         cJSON_AddBoolToObject(db, "role_can_write", self->db_role_can_write);

  cJSON *arr = ok ? cJSON_AddArrayToObject(root, "findings") : NULL;
  ok = ok && arr;
  for (uint32_t i = 0; ok && i < self->findings.len; i++) {
    if (!self->findings.items[i].suppressed)
      ok = finding(arr, &self->findings.items[i]);
  }
  // Suppressed findings: where, which rule, and the comment's reason.
  cJSON *sup = ok ? cJSON_AddArrayToObject(root, "suppressed") : NULL;
  ok = ok && sup;
  for (uint32_t i = 0; ok && i < self->findings.len; i++) {
    const pf_finding *f = &self->findings.items[i];
    if (!f->suppressed)
      continue;
    cJSON *o = cJSON_CreateObject();
    if (!o || !cJSON_AddItemToArray(sup, o)) {
      cJSON_Delete(o);
      ok = false;
      break;
    }
    ok = add_str(o, "rule", pf_rule_at(f->rule)->id) &&
         add_pos(o, f->src, f->span) && add_str(o, "message", f->message) &&
         add_str(o, "reason", f->suppressed_why);
  }

  cJSON *errs = ok ? cJSON_AddArrayToObject(root, "errors") : NULL;
  ok = ok && errs;
  for (uint32_t i = 0; ok && i < self->errors.len; i++) {
    const pf_input_error *e = &self->errors.items[i];
    cJSON *o = cJSON_CreateObject();
    if (!o || !cJSON_AddItemToArray(errs, o)) {
      cJSON_Delete(o);
      ok = false;
      break;
    }
    ok = (e->src ? add_pos(o, e->src, e->span) : add_str(o, "path", e->path)) &&
         add_str(o, "message", e->msg);
  }
  cJSON *warns = ok ? cJSON_AddArrayToObject(root, "warnings") : NULL;
  ok = ok && warns;
  for (uint32_t i = 0; ok && i < self->warnings.len; i++) {
    cJSON *w = cJSON_CreateString(self->warnings.items[i]);
    if (!w || !cJSON_AddItemToArray(warns, w)) {
      cJSON_Delete(w);
      ok = false;
    }
  }
  char *text = ok ? cJSON_Print(root) : NULL;
  cJSON_Delete(root);
  if (!text) {
    pf_error_set(err, PF_INTERNAL, NULL, no_span,
                 "out of memory while writing the JSON report");
    return PF_INTERNAL;
  }
  pf_buf_puts(out, text);
  pf_buf_putc(out, '\n');
  cJSON_free(text);
  return PF_OK;
}
