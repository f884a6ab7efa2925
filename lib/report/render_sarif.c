/* SARIF 2.1.0 renderer: the log GitHub code scanning and IDEs read. */
/* SPDX-License-Identifier: MIT */
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/source.h"
#include "rules/rules.h"

#define SARIF_SCHEMA                                                           \
  "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"        \
  "sarif-schema-2.1.0.json"
// GitHub code scanning rejects a result with more than 1000 locations
// (primary and related together).
#define MAX_RELATED 999
// Related locations linked from the message text (GitHub shows only those).
#define MAX_LINKED 5
// The key of our partialFingerprints entry; bump the suffix if the hash
// input ever changes, so old alerts are not matched to different ones.
#define FINGERPRINT_KEY "pgpreflight/v1"

static const pf_span no_span = {0, 0};

static bool add_str(cJSON *o, const char *key, const char *s)
{
  return cJSON_AddStringToObject(o, key, s ? s : "") != NULL;
}

static bool add_int(cJSON *o, const char *key, long long v)
{
  return cJSON_AddNumberToObject(o, key, (double)v) != NULL;
}

// Adds {"text": text} under @key.
static bool add_message(cJSON *o, const char *key, const char *text)
{
  cJSON *m = cJSON_AddObjectToObject(o, key);
  return m && add_str(m, "text", text);
}

// Appends a new object to array @arr; NULL on out-of-memory.
static cJSON *push_object(cJSON *arr)
{
  cJSON *o = cJSON_CreateObject();
  if (!o || !cJSON_AddItemToArray(arr, o)) {
    cJSON_Delete(o);
    return NULL;
  }
  return o;
}

static const char *level_of(pf_severity s)
{
  switch (s) {
  case PF_SEV_ERROR:
    return "error";
  case PF_SEV_WARNING:
    return "warning";
  default:
    return "note";
  }
}

// A relative path as a URI reference (RFC 3986): every byte outside the
// unreserved set and "/" is percent-encoded, so spaces, "#" and "%" in file
// names survive.
static char *path_uri(const char *path, const char *base_dir)
{
  char *rel = pf__ci_path(path, base_dir);
  pf_buf b = PF_BUF_INIT;
  if (rel[0] == '/')
    pf_buf_puts(&b, "file://");
  for (const unsigned char *p = (const unsigned char *)rel; *p; p++) {
    unsigned char c = *p;
    bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
                c == '~' || c == '/';
    if (keep)
      pf_buf_putc(&b, (char)c);
    else
      pf_buf_printf(&b, "%%%02X", c);
  }
  free(rel);
  if (!b.len)
    pf_buf_putc(&b, '.');
  return pf_buf_detach(&b);
}

// The 1-based character column of byte column @loc on its line: SARIF
// counts Unicode code points here (run.columnKind), the text output bytes.
static uint32_t char_col(const pf_source *src, pf_loc loc)
{
  size_t len;
  const char *line = pf_source_line(src, loc.line, &len);
  uint32_t col = 1;
  for (size_t i = 0; i + 1 < loc.col && i < len; i++) {
    if (((unsigned char)line[i] & 0xC0) != 0x80)
      col++;
  }
  // Past the end of the line (an end at the newline): count the rest as
  // one character each.
  if (loc.col > len + 1)
    col += (uint32_t)(loc.col - 1 - len);
  return col;
}

// {"physicalLocation": {"artifactLocation": ..., "region": ...}} for a span
// of a migration file.
static bool add_physical(cJSON *loc, const pf_source *src, pf_span span,
                         const char *base_dir)
{
  cJSON *phys = cJSON_AddObjectToObject(loc, "physicalLocation");
  cJSON *art = phys ? cJSON_AddObjectToObject(phys, "artifactLocation") : NULL;
  if (!art)
    return false;
  char *uri = path_uri(src->path, base_dir);
  bool ok = add_str(art, "uri", uri) && add_str(art, "uriBaseId", "%SRCROOT%");
  free(uri);
  pf_loc a, b;
  pf__span_range(src, span, &a, &b);
  cJSON *region = ok ? cJSON_AddObjectToObject(phys, "region") : NULL;
  ok = ok && region && add_int(region, "startLine", a.line) &&
       add_int(region, "startColumn", char_col(src, a)) &&
       add_int(region, "endLine", b.line) &&
       add_int(region, "endColumn", char_col(src, b));
  return ok;
}

static void hash_bytes(uint64_t *h, const char *s, size_t n)
{
  for (size_t i = 0; i < n; i++) {
    *h ^= (unsigned char)s[i];
    *h *= 1099511628211ull; // FNV-1a 64
  }
}

static void hash_str(uint64_t *h, const char *s)
{
  if (s)
    hash_bytes(h, s, strlen(s));
  hash_bytes(h, "", 1); // a separator, so ("ab","c") != ("a","bc")
}

// A fingerprint that survives edits elsewhere in the file: the rule, the
// file, the statement's text with its whitespace collapsed, and the change's
// target; line numbers are left out on purpose.
static uint64_t fingerprint(const pf_finding *f, const char *base_dir)
{
  uint64_t h = 14695981039346656037ull;
  hash_str(&h, pf_rule_at(f->rule)->id);
  char *path = pf__ci_path(f->src->path, base_dir);
  hash_str(&h, path);
  free(path);
  bool space = false;
  for (uint32_t i = f->stmt_span.start; i < f->stmt_span.end && i < f->src->len;
       i++) {
    char c = f->src->data[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = true;
      continue;
    }
    if (space)
      hash_bytes(&h, " ", 1);
    space = false;
    hash_bytes(&h, &c, 1);
  }
  hash_str(&h, "");
  const pf_finding_change *c = &f->change;
  hash_str(&h, c->kind);
  hash_str(&h, c->schema);
  hash_str(&h, c->table);
  hash_str(&h, c->column);
  hash_str(&h, c->new_name);
  hash_str(&h, c->index);
  hash_str(&h, c->constraint);
  return h;
}

// "renaming-column" -> "RenamingColumn" (reportingDescriptor.name).
static char *pascal_name(const char *id)
{
  pf_buf b = PF_BUF_INIT;
  bool up = true;
  for (const char *p = id; *p; p++) {
    if (*p == '-') {
      up = true;
      continue;
    }
    char c = *p;
    if (up && c >= 'a' && c <= 'z')
      c = (char)(c - 'a' + 'A');
    pf_buf_putc(&b, c);
    up = false;
  }
  return pf_buf_detach(&b);
}

// A fenced block that no backtick run inside @text can close.
static void md_fence(pf_buf *out, const char *text, const char *lang)
{
  size_t run = 0, longest = 0;
  for (const char *p = text; *p; p++) {
    run = *p == '`' ? run + 1 : 0;
    if (run > longest)
      longest = run;
  }
  size_t n = longest >= 3 ? longest + 1 : 3;
  for (size_t i = 0; i < n; i++)
    pf_buf_putc(out, '`');
  pf_buf_printf(out, "%s\n%s", lang, text);
  if (*text && text[strlen(text) - 1] != '\n')
    pf_buf_putc(out, '\n');
  for (size_t i = 0; i < n; i++)
    pf_buf_putc(out, '`');
  pf_buf_putc(out, '\n');
}

static bool rule_descriptor(cJSON *rules, const pf_rule_info *r,
                            const char *help_base)
{
  cJSON *d = push_object(rules);
  if (!d)
    return false;
  char *name = pascal_name(r->id);
  bool ok = add_str(d, "id", r->id) && add_str(d, "name", name);
  free(name);
  ok = ok && add_message(d, "shortDescription", r->summary) &&
       add_message(d, "fullDescription", r->explanation);
  // helpUri only when the user named where the rule documentation lives
  // (--help-uri-base): pgpreflight has no public address of its own, and a
  // made-up one would send code-scanning users to a dead page.
  if (ok && help_base && *help_base) {
    pf_buf uri = PF_BUF_INIT;
    pf_buf_printf(&uri, "%s#%s", help_base, r->id);
    ok = add_str(d, "helpUri", uri.data);
    pf_buf_clear(&uri);
  }

  pf_buf text = PF_BUF_INIT, md = PF_BUF_INIT;
  pf_buf_printf(&text,
                "%s\n\nBad:\n%s\n\nSafe alternative:\n%s\n\n"
                "More: pgpreflight explain %s",
                r->explanation, r->bad, r->safe, r->id);
  pf_buf_printf(&md, "%s\n\n**Bad**\n\n", r->explanation);
  md_fence(&md, r->bad, "sql");
  pf_buf_puts(&md, "\n**Safe alternative**\n\n");
  md_fence(&md, r->safe, "sql");
  pf_buf_printf(&md, "\nMore: `pgpreflight explain %s`", r->id);
  cJSON *help = ok ? cJSON_AddObjectToObject(d, "help") : NULL;
  ok = ok && help && add_str(help, "text", text.data ? text.data : "") &&
       add_str(help, "markdown", md.data ? md.data : "");
  pf_buf_clear(&text);
  pf_buf_clear(&md);

  cJSON *cfg = ok ? cJSON_AddObjectToObject(d, "defaultConfiguration") : NULL;
  ok = ok && cfg && add_str(cfg, "level", level_of(r->severity));
  cJSON *props = ok ? cJSON_AddObjectToObject(d, "properties") : NULL;
  cJSON *tags = props ? cJSON_AddArrayToObject(props, "tags") : NULL;
  ok = ok && tags;
  const char *tag_names[] = {"postgresql", "migration", r->family};
  for (size_t i = 0; ok && i < 3; i++) {
    cJSON *t = cJSON_CreateString(tag_names[i]);
    ok = t && cJSON_AddItemToArray(tags, t);
    if (!ok)
      cJSON_Delete(t);
  }
  // GitHub code scanning reads "problem.severity" (error, warning or
  // recommendation) for rules that are not security rules.
  const char *problem = r->severity == PF_SEV_ERROR     ? "error"
                        : r->severity == PF_SEV_WARNING ? "warning"
                                                        : "recommendation";
  ok = ok && add_str(props, "family", r->family) &&
       add_str(props, "defaultSeverity", pf_severity_name(r->severity)) &&
       add_str(props, "problem.severity", problem);
  return ok;
}

static bool related(cJSON *arr, const pf_evidence *e, int id,
                    const char *base_dir)
{
  cJSON *loc = push_object(arr);
  if (!loc || !add_int(loc, "id", id))
    return false;
  cJSON *phys = cJSON_AddObjectToObject(loc, "physicalLocation");
  cJSON *art = phys ? cJSON_AddObjectToObject(phys, "artifactLocation") : NULL;
  if (!art)
    return false;
  char *uri = path_uri(e->path, base_dir);
  bool ok = add_str(art, "uri", uri) && add_str(art, "uriBaseId", "%SRCROOT%");
  free(uri);
  cJSON *region = ok ? cJSON_AddObjectToObject(phys, "region") : NULL;
  ok = ok && region && add_int(region, "startLine", e->line ? e->line : 1);
  if (ok && e->col)
    ok = add_int(region, "startColumn", e->col);
  if (ok && e->col && e->end_col > e->col)
    ok = add_int(region, "endColumn", e->end_col);
  // The snippet is the trimmed source line, not the region's exact text,
  // so it goes into the message rather than region.snippet.
  pf_buf msg = PF_BUF_INIT;
  pf_buf_printf(&msg, "%s reference, %s confidence",
                e->ref_kind ? e->ref_kind : "code",
                e->confidence ? e->confidence : "unknown");
  if (e->explain)
    pf_buf_printf(&msg, " (%s)", e->text);
  if (e->snippet && *e->snippet)
    pf_buf_printf(&msg, ": %s", e->snippet);
  ok = ok && add_message(loc, "message", msg.data);
  pf_buf_clear(&msg);
  return ok;
}

// The result message: the finding's message, then embedded links
// "[path:line](id)" to the first related locations, which is how GitHub
// shows them; brackets and backslashes in link text are escaped (SARIF
// 2.1.0, 3.11.6).
static void message_text(pf_buf *out, const pf_finding *f, uint32_t nrefs,
                         const char *base_dir)
{
  pf_buf_puts(out, f->message);
  if (!nrefs)
    return;
  pf_buf_puts(out, ". Code references: ");
  uint32_t id = 0;
  for (uint32_t i = 0; i < f->evidence.len && id < MAX_LINKED; i++) {
    const pf_evidence *e = &f->evidence.items[i];
    if (e->kind != PF_EV_CODE_REF)
      continue;
    char *path = pf__ci_path(e->path, base_dir);
    pf_buf_puts(out, id ? ", [" : "[");
    for (const char *p = path; *p; p++) {
      if (*p == '[' || *p == ']' || *p == '\\')
        pf_buf_putc(out, '\\');
      pf_buf_putc(out, *p);
    }
    free(path);
    pf_buf_printf(out, ":%u](%u)", e->line, ++id);
  }
  if (nrefs > id)
    pf_buf_printf(out, " and %u more", nrefs - id);
}

static bool result(cJSON *results, const pf_report *self, uint32_t idx,
                   const uint64_t *prints, const char *base_dir)
{
  const pf_finding *f = &self->findings.items[idx];
  const pf_rule_info *rule = pf_rule_at(f->rule);
  cJSON *o = push_object(results);
  uint32_t nrefs = pf__finding_ref_count(f);
  pf_buf msg = PF_BUF_INIT;
  message_text(&msg, f, nrefs, base_dir);
  bool ok = o && add_str(o, "ruleId", rule->id) &&
            add_int(o, "ruleIndex", f->rule) &&
            add_str(o, "level", level_of(f->severity)) &&
            add_message(o, "message", msg.data);
  pf_buf_clear(&msg);
  cJSON *locs = ok ? cJSON_AddArrayToObject(o, "locations") : NULL;
  cJSON *loc = locs ? push_object(locs) : NULL;
  ok = ok && loc && add_physical(loc, f->src, f->span, base_dir);

  if (ok && nrefs) {
    cJSON *rel = cJSON_AddArrayToObject(o, "relatedLocations");
    ok = rel != NULL;
    int id = 0;
    for (uint32_t i = 0; ok && i < f->evidence.len && id < MAX_RELATED; i++) {
      if (f->evidence.items[i].kind == PF_EV_CODE_REF)
        ok = related(rel, &f->evidence.items[i], ++id, base_dir);
    }
  }

  // Identical fingerprints (the same rule on the same statement twice) are
  // told apart by their order, which the sorted findings keep stable.
  uint32_t nth = 0;
  for (uint32_t i = 0; i < idx; i++) {
    if (prints[i] == prints[idx])
      nth++;
  }
  char fp[40];
  snprintf(fp, sizeof(fp), "%016llx:%u", (unsigned long long)prints[idx],
           nth + 1);
  cJSON *fps = ok ? cJSON_AddObjectToObject(o, "partialFingerprints") : NULL;
  ok = ok && fps && add_str(fps, FINGERPRINT_KEY, fp);

  if (ok && f->suppressed) {
    cJSON *sups = cJSON_AddArrayToObject(o, "suppressions");
    cJSON *s = sups ? push_object(sups) : NULL;
    ok =
        s && add_str(s, "kind", "inSource") && add_str(s, "status", "accepted");
    if (ok && f->suppressed_why && *f->suppressed_why)
      ok = add_str(s, "justification", f->suppressed_why);
  }

  // Everything the json format says about the finding (verdict, change,
  // evidence, safe alternative, and whatever is added there later), minus
  // what the SARIF result already carries.
  cJSON *props = ok ? pf__json_finding(f) : NULL;
  if (ok && !props)
    return false;
  if (props) {
    static const char *const dup[] = {"rule",     "path",    "line",   "col",
                                      "end_line", "end_col", "message"};
    for (size_t i = 0; i < sizeof(dup) / sizeof(dup[0]); i++)
      cJSON_DeleteItemFromObjectCaseSensitive(props, dup[i]);
    if (!cJSON_AddItemToObject(o, "properties", props)) {
      cJSON_Delete(props);
      return false;
    }
  }
  return ok;
}

// Input errors and warnings become tool execution notifications, so a
// consumer sees that the run was incomplete and where.
static bool notifications(cJSON *inv, const pf_report *self,
                          const char *base_dir)
{
  cJSON *arr = cJSON_AddArrayToObject(inv, "toolExecutionNotifications");
  bool ok = arr != NULL;
  for (uint32_t i = 0; ok && i < self->errors.len; i++) {
    const pf_input_error *e = &self->errors.items[i];
    cJSON *n = push_object(arr);
    ok = n && add_str(n, "level", "error") && add_message(n, "message", e->msg);
    if (ok && (e->src || e->path)) {
      cJSON *locs = cJSON_AddArrayToObject(n, "locations");
      cJSON *loc = locs ? push_object(locs) : NULL;
      if (!loc)
        return false;
      if (e->src) {
        ok = add_physical(loc, e->src, e->span, base_dir);
      } else {
        cJSON *phys = cJSON_AddObjectToObject(loc, "physicalLocation");
        cJSON *art =
            phys ? cJSON_AddObjectToObject(phys, "artifactLocation") : NULL;
        char *uri = path_uri(e->path, base_dir);
        ok = art && add_str(art, "uri", uri);
        free(uri);
      }
    }
  }
  for (uint32_t i = 0; ok && i < self->warnings.len; i++) {
    cJSON *n = push_object(arr);
    ok = n && add_str(n, "level", "warning") &&
         add_message(n, "message", self->warnings.items[i]);
  }
  return ok;
}

pf_code pf__render_sarif(const pf_report *self, const pf_render_opts *opts,
                         pf_buf *out, pf_error *err)
{
  const char *base = opts->base_dir;
  cJSON *root = cJSON_CreateObject();
  bool ok = root && add_str(root, "$schema", SARIF_SCHEMA) &&
            add_str(root, "version", "2.1.0");
  cJSON *runs = ok ? cJSON_AddArrayToObject(root, "runs") : NULL;
  cJSON *run = runs ? push_object(runs) : NULL;
  cJSON *tool = run ? cJSON_AddObjectToObject(run, "tool") : NULL;
  cJSON *driver = tool ? cJSON_AddObjectToObject(tool, "driver") : NULL;
  ok = ok && driver && add_str(driver, "name", "pgpreflight") &&
       add_str(driver, "version", PF_VERSION_STRING) &&
       add_str(driver, "semanticVersion", PF_VERSION_STRING);
  cJSON *rules = ok ? cJSON_AddArrayToObject(driver, "rules") : NULL;
  ok = ok && rules;
  // Every rule, in registry order, so ruleIndex is the rule's index.
  for (size_t i = 0; ok && i < pf_rule_count(); i++)
    ok = rule_descriptor(rules, pf_rule_at(i), opts->help_uri_base);

  cJSON *invs = ok ? cJSON_AddArrayToObject(run, "invocations") : NULL;
  cJSON *inv = invs ? push_object(invs) : NULL;
  ok = ok && inv &&
       cJSON_AddBoolToObject(inv, "executionSuccessful",
                             self->errors.len == 0) != NULL &&
       notifications(inv, self, base);

  ok = ok && add_str(run, "columnKind", "unicodeCodePoints");
  cJSON *results = ok ? cJSON_AddArrayToObject(run, "results") : NULL;
  ok = ok && results;
  uint64_t *prints =
      pf_xcalloc(self->findings.len ? self->findings.len : 1, sizeof(*prints));
  for (uint32_t i = 0; i < self->findings.len; i++)
    prints[i] = fingerprint(&self->findings.items[i], base);
  for (uint32_t i = 0; ok && i < self->findings.len; i++)
    ok = result(results, self, i, prints, base);
  free(prints);

  uint32_t counts[PF_SEV_COUNT], suppressed;
  pf__report_counts(self, counts, &suppressed);
  cJSON *props = ok ? cJSON_AddObjectToObject(run, "properties") : NULL;
  ok = ok && props && add_int(props, "errors", counts[PF_SEV_ERROR]) &&
       add_int(props, "warnings", counts[PF_SEV_WARNING]) &&
       add_int(props, "notices", counts[PF_SEV_NOTICE]) &&
       add_int(props, "suppressed", suppressed) &&
       add_int(props, "input_errors", self->errors.len) &&
       add_int(props, "files", self->files) &&
       add_int(props, "statements", self->statements) &&
       add_str(props, "fail_on", pf_severity_name(opts->fail_on)) &&
       cJSON_AddBoolToObject(props, "code_scanned", self->code_scanned) &&
       cJSON_AddBoolToObject(props, "database_connected", self->db_connected);

  char *text = ok ? cJSON_Print(root) : NULL;
  cJSON_Delete(root);
  if (!text) {
    pf_error_set(err, PF_INTERNAL, NULL, no_span,
                 "out of memory while writing the SARIF report");
    return PF_INTERNAL;
  }
  pf_buf_puts(out, text);
  pf_buf_putc(out, '\n');
  cJSON_free(text);
  return PF_OK;
}
