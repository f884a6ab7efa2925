/* pgpreflight refs: every reference in the code to some tables and columns. */
/* SPDX-License-Identifier: MIT */
#include "pgpreflight.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "codescan/codescan.h"
#include "config/config.h"
#include "core/core.h"

static const pf_span no_span = {0, 0};

typedef struct target {
  char *spec;   // as normalised for display: "schema.table.column"
  char *schema; // NULL when not given
  char *table;
  char *column; // NULL: the table itself
} target;

struct pf_refs {
  PF_VEC(target) targets;
  pf_scan_result scan;
  size_t count, suppressed;
};

/* Section - Targets */

// Splits @spec into at most 3 dot-separated parts; unquoted parts fold to
// lower case, "quoted" ones keep their case ("" is a quote).
static int split_spec(const char *spec, char *parts[3], pf_error *err)
{
  int n = 0;
  const char *p = spec;
  for (;;) {
    if (n == 3) {
      pf_error_set(err, PF_USAGE, NULL, no_span,
                   "target \"%s\" has more than three parts (use table, "
                   "table.column or schema.table.column)",
                   spec);
      return -1;
    }
    pf_buf b = PF_BUF_INIT;
    if (*p == '"') {
      p++;
      for (;;) {
        if (!*p) {
          pf_buf_clear(&b);
          pf_error_set(err, PF_USAGE, NULL, no_span,
                       "target \"%s\" has an unterminated quoted name", spec);
          return -1;
        }
        if (p[0] == '"' && p[1] == '"') {
          pf_buf_putc(&b, '"');
          p += 2;
        } else if (*p == '"') {
          p++;
          break;
        } else {
          pf_buf_putc(&b, *p++);
        }
      }
    } else {
      while (*p && *p != '.' && *p != '"')
        pf_buf_putc(&b, (char)pf_ascii_lower((unsigned char)*p++));
    }
    parts[n++] = pf_buf_detach(&b);
    if (parts[n - 1][0] == '\0' || (*p && *p != '.')) {
      pf_error_set(err, PF_USAGE, NULL, no_span,
                   "target \"%s\" is not table, table.column or "
                   "schema.table.column",
                   spec);
      return -(n + 1);
    }
    if (!*p)
      return n;
    p++; // '.'
  }
}

static bool parse_target(const char *spec, target *t, pf_error *err)
{
  char *parts[3] = {NULL, NULL, NULL};
  memset(t, 0, sizeof(*t));
  int n = split_spec(spec, parts, err);
  if (n < 0) {
    for (int i = 0; i < 3; i++)
      free(parts[i]);
    return false;
  }
  bool star = strcmp(parts[n - 1], "*") == 0 && spec[strlen(spec) - 1] == '*';
  if (n == 1) {
    t->table = parts[0];
  } else if (n == 2 && star) {
    t->table = parts[0];
    free(parts[1]);
  } else if (n == 2) {
    t->table = parts[0];
    t->column = parts[1];
  } else {
    t->schema = parts[0];
    t->table = parts[1];
    if (star)
      free(parts[2]);
    else
      t->column = parts[2];
  }
  if (strcmp(t->table, "*") == 0) {
    pf_error_set(err, PF_USAGE, NULL, no_span, "target \"%s\" names no table",
                 spec);
    free(t->schema);
    free(t->table);
    free(t->column);
    memset(t, 0, sizeof(*t));
    return false;
  }
  pf_buf b = PF_BUF_INIT;
  if (t->schema)
    pf_buf_printf(&b, "%s.", t->schema);
  pf_buf_puts(&b, t->table);
  if (t->column)
    pf_buf_printf(&b, ".%s", t->column);
  t->spec = pf_buf_detach(&b);
  return true;
}

/* Section - Run */

void pf_refs_free(pf_refs *self)
{
  if (!self)
    return;
  for (uint32_t i = 0; i < self->targets.len; i++) {
    target *t = &self->targets.items[i];
    free(t->spec);
    free(t->schema);
    free(t->table);
    free(t->column);
  }
  pf_vec_clear(&self->targets);
  pf__scan_result_clear(&self->scan);
  free(self);
}

pf_code pf_refs_run(const pf_config *cfg, const char *const *specs,
                    size_t ntargets, pf_refs **out, pf_error *err)
{
  *out = NULL;
  pf_refs *r = pf_xcalloc(1, sizeof(*r));
  pf_vec_init(&r->targets);
  pf__scan_result_init(&r->scan);
  pf_scan_target *st = pf_xcalloc(ntargets ? ntargets : 1, sizeof(*st));
  pf_code rc = PF_OK;
  for (size_t i = 0; i < ntargets; i++) {
    target t;
    if (!parse_target(specs[i], &t, err)) {
      rc = PF_USAGE;
      goto done;
    }
    pf_vec_push(&r->targets, t);
  }
  // Duplicates would report every reference twice.
  for (uint32_t i = 0; i < r->targets.len; i++) {
    st[i].table = r->targets.items[i].table;
    st[i].column = r->targets.items[i].column;
    for (uint32_t k = 0; k < i; k++) {
      if (strcmp(r->targets.items[k].spec, r->targets.items[i].spec) == 0) {
        pf_error_set(err, PF_USAGE, NULL, no_span, "target \"%s\" given twice",
                     r->targets.items[i].spec);
        rc = PF_USAGE;
        goto done;
      }
    }
  }
  static const char *const here[] = {"."};
  const char *const *paths = here;
  size_t npaths = 1;
  if (cfg->code_paths.len) {
    paths = (const char *const *)cfg->code_paths.items;
    npaths = cfg->code_paths.len;
  }
  pf_scan_opts opts = {.jobs = cfg->jobs,
                       .include_low = cfg->show_low,
                       .max_file_size = cfg->max_file_size,
                       .excludes = (const char *const *)cfg->excludes.items,
                       .nexcludes = cfg->excludes.len,
                       .progress = cfg->progress,
                       .progress_ud = cfg->progress_ud};
  rc =
      pf__codescan_run(paths, npaths, st, r->targets.len, &opts, &r->scan, err);
  if (rc != PF_OK)
    goto done;
  for (uint32_t i = 0; i < r->scan.refs.len; i++) {
    if (r->scan.refs.items[i].suppressed)
      r->suppressed++;
    else
      r->count++;
  }
done:
  free(st);
  if (rc != PF_OK) {
    pf_refs_free(r);
    return rc;
  }
  *out = r;
  return PF_OK;
}

size_t pf_refs_count(const pf_refs *self)
{
  return self->count;
}

size_t pf_refs_suppressed_count(const pf_refs *self)
{
  return self->suppressed;
}

size_t pf_refs_warning_count(const pf_refs *self)
{
  return self->scan.warnings.len;
}

const char *pf_refs_warning_at(const pf_refs *self, size_t i)
{
  return i < self->scan.warnings.len ? self->scan.warnings.items[i] : NULL;
}

/* Section - Rendering */

static void text_ref(pf_buf *b, const pf_code_ref *x)
{
  pf_buf_printf(b, "  %s:%u:%u: %s, %s: %s\n", x->path, x->line, x->col,
                pf_ref_kind_name(x->kind), pf_confidence_name(x->confidence),
                x->snippet);
}

static void render_text(const pf_refs *self, pf_buf *b)
{
  for (uint32_t t = 0; t < self->targets.len; t++) {
    size_t n = 0, sup = 0;
    for (uint32_t i = 0; i < self->scan.refs.len; i++) {
      const pf_code_ref *x = &self->scan.refs.items[i];
      if (x->target == t && x->suppressed)
        sup++;
      else if (x->target == t)
        n++;
    }
    pf_buf_printf(b, "%s: ", self->targets.items[t].spec);
    if (n == 0)
      pf_buf_puts(b, "no references");
    else
      pf_buf_printf(b, "%zu reference%s", n, n == 1 ? "" : "s");
    if (sup)
      pf_buf_printf(b, " (%zu suppressed)", sup);
    pf_buf_putc(b, '\n');
    for (uint32_t i = 0; i < self->scan.refs.len; i++) {
      const pf_code_ref *x = &self->scan.refs.items[i];
      if (x->target == t && !x->suppressed)
        text_ref(b, x);
    }
    if (sup) {
      pf_buf_puts(b, " suppressed by " PF_IGNORE_REF_TOKEN ":\n");
      for (uint32_t i = 0; i < self->scan.refs.len; i++) {
        const pf_code_ref *x = &self->scan.refs.items[i];
        if (x->target == t && x->suppressed)
          text_ref(b, x);
      }
    }
  }
  pf_buf_printf(b,
                "%zu reference%s to %u target%s, %zu suppressed; %llu "
                "file%s scanned, %llu parsed\n",
                self->count, self->count == 1 ? "" : "s", self->targets.len,
                self->targets.len == 1 ? "" : "s", self->suppressed,
                (unsigned long long)self->scan.files_seen,
                self->scan.files_seen == 1 ? "" : "s",
                (unsigned long long)self->scan.files_parsed);
}

static bool add_str(cJSON *o, const char *key, const char *s)
{
  return s ? cJSON_AddStringToObject(o, key, s) != NULL
           : cJSON_AddNullToObject(o, key) != NULL;
}

static bool add_int(cJSON *o, const char *key, long long v)
{
  return cJSON_AddNumberToObject(o, key, (double)v) != NULL;
}

static bool json_ref(cJSON *arr, const pf_code_ref *x)
{
  cJSON *o = cJSON_CreateObject();
  if (!o || !cJSON_AddItemToArray(arr, o)) {
    cJSON_Delete(o);
    return false;
  }
  return add_str(o, "path", x->path) && add_int(o, "line", x->line) &&
         add_int(o, "col", x->col) && add_int(o, "end_col", x->end_col) &&
         add_str(o, "kind", pf_ref_kind_name(x->kind)) &&
         add_str(o, "confidence", pf_confidence_name(x->confidence)) &&
         add_str(o, "detail", x->detail) && add_str(o, "snippet", x->snippet);
}

static bool render_json(const pf_refs *self, cJSON *root)
{
  bool ok = add_int(root, "version", PF_JSON_SCHEMA_VERSION);
  cJSON *tool = ok ? cJSON_AddObjectToObject(root, "tool") : NULL;
  ok = ok && tool && add_str(tool, "name", "pgpreflight") &&
       add_str(tool, "version", pf_version());
  cJSON *sum = ok ? cJSON_AddObjectToObject(root, "summary") : NULL;
  ok = ok && sum && add_int(sum, "targets", self->targets.len) &&
       add_int(sum, "references", (long long)self->count) &&
       add_int(sum, "suppressed", (long long)self->suppressed) &&
       add_int(sum, "files", (long long)self->scan.files_seen) &&
       add_int(sum, "files_parsed", (long long)self->scan.files_parsed);
  cJSON *targets = ok ? cJSON_AddArrayToObject(root, "targets") : NULL;
  ok = ok && targets;
  for (uint32_t t = 0; ok && t < self->targets.len; t++) {
    const target *tg = &self->targets.items[t];
    cJSON *o = cJSON_CreateObject();
    if (!o || !cJSON_AddItemToArray(targets, o)) {
      cJSON_Delete(o);
      return false;
    }
    cJSON *refs = NULL, *sup = NULL;
    ok = add_str(o, "target", tg->spec) && add_str(o, "schema", tg->schema) &&
         add_str(o, "table", tg->table) && add_str(o, "column", tg->column) &&
         (refs = cJSON_AddArrayToObject(o, "references")) &&
         (sup = cJSON_AddArrayToObject(o, "suppressed"));
    for (uint32_t i = 0; ok && i < self->scan.refs.len; i++) {
      const pf_code_ref *x = &self->scan.refs.items[i];
      if (x->target == t)
        ok = json_ref(x->suppressed ? sup : refs, x);
    }
  }
  cJSON *warns = ok ? cJSON_AddArrayToObject(root, "warnings") : NULL;
  ok = ok && warns;
  for (uint32_t i = 0; ok && i < self->scan.warnings.len; i++) {
    cJSON *w = cJSON_CreateString(self->scan.warnings.items[i]);
    if (!w || !cJSON_AddItemToArray(warns, w)) {
      cJSON_Delete(w);
      ok = false;
    }
  }
  return ok;
}

pf_code pf_refs_render(const pf_refs *self, pf_format fmt, char **out,
                       size_t *len, pf_error *err)
{
  pf_buf b = PF_BUF_INIT;
  if (fmt == PF_FORMAT_JSON) {
    cJSON *root = cJSON_CreateObject();
    char *text = root && render_json(self, root) ? cJSON_Print(root) : NULL;
    cJSON_Delete(root);
    if (!text) {
      pf_error_set(err, PF_INTERNAL, NULL, no_span,
                   "out of memory while writing the JSON output");
      return PF_INTERNAL;
    }
    pf_buf_puts(&b, text);
    pf_buf_putc(&b, '\n');
    cJSON_free(text);
  } else {
    render_text(self, &b);
  }
  *len = b.len;
  *out = pf_buf_detach(&b);
  return PF_OK;
}
