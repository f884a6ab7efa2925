/* GitHub Actions renderer: workflow commands that annotate PR lines. */
/* SPDX-License-Identifier: MIT */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "core/source.h"
#include "rules/rules.h"

// Escapes a command's data (the text after "::"): %, CR and LF, as the
// Actions runner unescapes them (toolkit: core/src/command.ts escapeData).
static void put_data(pf_buf *out, const char *s)
{
  for (; s && *s; s++) {
    switch (*s) {
    case '%':
      pf_buf_puts(out, "%25");
      break;
    case '\r':
      pf_buf_puts(out, "%0D");
      break;
    case '\n':
      pf_buf_puts(out, "%0A");
      break;
    default:
      pf_buf_putc(out, *s);
    }
  }
}

// Escapes a property value: the data escapes plus ":" and ",", which would
// otherwise end the value (toolkit: escapeProperty).
static void put_prop(pf_buf *out, const char *s)
{
  for (; s && *s; s++) {
    switch (*s) {
    case ':':
      pf_buf_puts(out, "%3A");
      break;
    case ',':
      pf_buf_puts(out, "%2C");
      break;
    default: {
      char one[2] = {*s, '\0'};
      put_data(out, one);
    }
    }
  }
}

static const char *command_of(pf_severity s)
{
  switch (s) {
  case PF_SEV_ERROR:
    return "error";
  case PF_SEV_WARNING:
    return "warning";
  default:
    return "notice";
  }
}

// "::error file=F,line=L,col=C,endLine=E,endColumn=EC,title=T::"
static void command_head(pf_buf *out, const char *cmd, const char *path,
                         const char *base_dir, pf_loc a, pf_loc b,
                         const char *title)
{
  pf_buf_printf(out, "::%s ", cmd);
  if (path) {
    char *rel = pf__ci_path(path, base_dir);
    pf_buf_puts(out, "file=");
    put_prop(out, rel);
    free(rel);
    if (a.line) {
      pf_buf_printf(out, ",line=%u", a.line);
      if (a.col)
        pf_buf_printf(out, ",col=%u", a.col);
      if (b.line >= a.line)
        pf_buf_printf(out, ",endLine=%u", b.line);
      if (b.col && (b.line > a.line || b.col > a.col))
        pf_buf_printf(out, ",endColumn=%u", b.col);
    }
    pf_buf_putc(out, ',');
  }
  pf_buf_puts(out, "title=");
  put_prop(out, title);
  pf_buf_puts(out, "::");
}

// The annotation body: the message, then the evidence and the safe
// alternative on following lines (annotations show several lines).
static void finding_body(pf_buf *body, const pf_finding *f, uint32_t nrefs)
{
  const pf_rule_info *rule = pf_rule_at(f->rule);
  pf_buf_puts(body, f->message);
  if (f->verdict != PF_VERDICT_NONE)
    pf_buf_printf(body, "\nverdict: %s", pf_verdict_name(f->verdict));
  if (f->change.lock)
    pf_buf_printf(body, "\nlock: %s, %s", f->change.lock,
                  f->change.effect ? f->change.effect : "");
  for (uint32_t i = 0; i < f->evidence.len; i++) {
    const pf_evidence *e = &f->evidence.items[i];
    if (e->kind != PF_EV_CODE_REF)
      pf_buf_printf(body, "\nevidence: %s", e->text ? e->text : "");
  }
  if (nrefs)
    pf_buf_printf(body, "\ncode references: %u (annotated as notices)", nrefs);
  bool generic;
  const char *safe = pf__finding_safe(f, &generic);
  if (safe && !generic)
    pf_buf_printf(body, "\nsafe alternative:\n%s", safe);
  else if (safe)
    pf_buf_printf(body,
                  "\n" PF_GENERIC_SAFE_LABEL " (pgpreflight explain %s):\n%s",
                  rule->id, safe);
}

void pf__render_github(const pf_report *self, const pf_render_opts *opts,
                       pf_buf *out)
{
  const char *base = opts->base_dir;
  pf_buf body = PF_BUF_INIT, title = PF_BUF_INIT;
  for (uint32_t i = 0; i < self->errors.len; i++) {
    const pf_input_error *e = &self->errors.items[i];
    pf_loc a = {0, 0}, b = {0, 0};
    if (e->src)
      pf__span_range(e->src, e->span, &a, &b);
    command_head(out, "error", e->src ? e->src->path : e->path, base, a, b,
                 "pgpreflight: input error");
    put_data(out, e->msg);
    pf_buf_putc(out, '\n');
  }
  for (uint32_t i = 0; i < self->findings.len; i++) {
    const pf_finding *f = &self->findings.items[i];
    if (f->suppressed)
      continue; // counted in the summary line below
    const pf_rule_info *rule = pf_rule_at(f->rule);
    uint32_t nrefs = pf__finding_ref_count(f);
    pf_loc a, b;
    pf__span_range(f->src, f->span, &a, &b);
    pf_buf_reset(&body);
    finding_body(&body, f, nrefs);
    command_head(out, command_of(f->severity), f->src->path, base, a, b,
                 rule->id);
    put_data(out, body.data);
    pf_buf_putc(out, '\n');
    // Each place in the code the change breaks, on its own line of the PR.
    for (uint32_t k = 0; k < f->evidence.len; k++) {
      const pf_evidence *e = &f->evidence.items[k];
      if (e->kind != PF_EV_CODE_REF)
        continue;
      pf_loc ra = {e->line, e->col}, rb = {e->line, e->end_col};
      pf_buf_reset(&title);
      pf_buf_printf(&title, "%s: referenced by the migration", rule->id);
      command_head(out, "notice", e->path, base, ra, rb, title.data);
      pf_buf_reset(&body);
      pf_loc at = pf_source_locate(f->src, f->span.start);
      char *mig = pf__ci_path(f->src->path, base);
      pf_buf_printf(&body, "%s (%s:%u): %s reference, %s confidence",
                    f->message, mig, at.line, e->ref_kind ? e->ref_kind : "",
                    e->confidence ? e->confidence : "");
      if (e->explain)
        pf_buf_printf(&body, " (%s)", e->text);
      free(mig);
      put_data(out, body.data);
      pf_buf_putc(out, '\n');
    }
  }
  for (uint32_t i = 0; i < self->warnings.len; i++) {
    pf_buf_puts(out, "::warning title=pgpreflight::");
    put_data(out, self->warnings.items[i]);
    pf_buf_putc(out, '\n');
  }
  pf_buf_clear(&body);
  pf_buf_clear(&title);

  pf_buf_puts(out, "pgpreflight: ");
  pf__summary_counts(self, out);
  pf_buf_printf(out, " in %u file%s", self->files, self->files == 1 ? "" : "s");
  if (opts->fail_on < PF_SEV_NEVER)
    pf_buf_printf(out, " (failing on %s and above)",
                  pf_severity_name(opts->fail_on));
  pf_buf_putc(out, '\n');
}
