/* Text renderer: findings grouped by statement, for a terminal. */
/* SPDX-License-Identifier: MIT */
#include "report.h"

#include <string.h>

#include "core/source.h"
#include "rules/rules.h"

#define C_RESET "\033[0m"
#define C_BOLD  "\033[1m"
#define C_DIM   "\033[2m"

static const char *sev_color(pf_severity s)
{
  switch (s) {
  case PF_SEV_ERROR:
    return "\033[1;31m";
  case PF_SEV_WARNING:
    return "\033[1;33m";
  default:
    return "\033[1;36m";
  }
}

static void paint(pf_buf *out, bool color, const char *code, const char *s)
{
  if (color)
    pf_buf_printf(out, "%s%s%s", code, s, C_RESET);
  else
    pf_buf_puts(out, s);
}

// The statement's first line with a ^~~~ underline of its span on that line.
static void excerpt(pf_buf *out, const pf_source *src, pf_span span)
{
  pf_loc loc = pf_source_locate(src, span.start);
  size_t len;
  const char *line = pf_source_line(src, loc.line, &len);
  pf_buf_printf(out, "  %5u | ", loc.line);
  // Tabs and control bytes would misalign the underline: show them as spaces.
  for (size_t i = 0; i < len; i++) {
    unsigned char ch = (unsigned char)line[i];
    pf_buf_putc(out, ch < 0x20 ? ' ' : (char)ch);
  }
  pf_buf_puts(out, "\n        | ");
  for (uint32_t i = 1; i < loc.col; i++)
    pf_buf_putc(out, ' ');
  size_t width = len >= loc.col ? len - (loc.col - 1) : 1;
  if (span.end > span.start && span.end - span.start < width)
    width = span.end - span.start;
  pf_buf_putc(out, '^');
  for (size_t i = 1; i < width; i++)
    pf_buf_putc(out, '~');
  pf_buf_putc(out, '\n');
}

// Indents every line of @text by @pad.
static void block(pf_buf *out, const char *text, const char *pad)
{
  const char *p = text;
  while (*p) {
    const char *nl = strchr(p, '\n');
    size_t n = nl ? (size_t)(nl - p) : strlen(p);
    pf_buf_puts(out, pad);
    pf_buf_append(out, p, n);
    pf_buf_putc(out, '\n');
    p += n + (nl ? 1 : 0);
  }
}

// --verbose: what the finding is about, as the change model recorded it.
static void change_line(pf_buf *out, const pf_finding_change *c)
{
  if (!c->kind)
    return;
  pf_buf_printf(out, "    change: %s", c->kind);
  if (c->table) {
    pf_buf_puts(out, " on ");
    if (c->schema)
      pf_buf_printf(out, "\"%s\".", c->schema);
    pf_buf_printf(out, "\"%s\"", c->table);
    if (c->column)
      pf_buf_printf(out, ".\"%s\"", c->column);
  }
  if (c->index)
    pf_buf_printf(out, ", index \"%s\"", c->index);
  if (c->constraint)
    pf_buf_printf(out, ", constraint \"%s\"", c->constraint);
  if (c->new_name)
    pf_buf_printf(out, ", new name \"%s\"", c->new_name);
  pf_buf_putc(out, '\n');
}

static void finding(pf_buf *out, const pf_finding *f, bool color, bool verbose)
{
  const pf_rule_info *rule = pf_rule_at(f->rule);
  pf_loc loc = pf_source_locate(f->src, f->span.start);
  pf_buf_printf(out, "%s:%u:%u: ", f->src->path, loc.line, loc.col);
  paint(out, color, sev_color(f->severity), pf_severity_name(f->severity));
  pf_buf_printf(out, ": %s [%s]\n", f->message, rule->id);
  if (verbose)
    change_line(out, &f->change);
  if (f->verdict != PF_VERDICT_NONE)
    pf_buf_printf(out, "    verdict: %s\n", pf_verdict_name(f->verdict));
  if (f->change.lock) {
    pf_buf_printf(out, "    lock: %s, %s\n", f->change.lock, f->change.effect);
    const char *blocks = verbose ? pf__lock_blocks(f->change.lock) : NULL;
    if (blocks)
      pf_buf_printf(out, "      (%s)\n", blocks);
  }
  uint32_t nrefs = 0;
  for (uint32_t i = 0; i < f->evidence.len; i++) {
    if (f->evidence.items[i].kind == PF_EV_CODE_REF)
      nrefs++;
  }
  for (uint32_t i = 0; i < f->evidence.len; i++) {
    const pf_evidence *e = &f->evidence.items[i];
    if (e->kind == PF_EV_COST)
      pf_buf_printf(out, "    cost: %s\n", e->text ? e->text : "");
    else if (e->kind == PF_EV_LOCK_QUEUE)
      pf_buf_printf(out, "    lock queue: %s\n", e->text ? e->text : "");
    else if (e->kind != PF_EV_CODE_REF)
      pf_buf_printf(out, "    evidence: %s\n", e->text ? e->text : "");
  }
  if (nrefs) {
    pf_buf_printf(out, "    code references (%u):\n", nrefs);
    for (uint32_t i = 0; i < f->evidence.len; i++) {
      const pf_evidence *e = &f->evidence.items[i];
      if (e->kind != PF_EV_CODE_REF)
        continue;
      pf_buf_printf(out, "      %s:%u:%u: %s, %s", e->path, e->line, e->col,
                    e->ref_kind, e->confidence);
      if (e->explain)
        pf_buf_printf(out, " (%s)", e->text);
      if (e->snippet && *e->snippet)
        pf_buf_printf(out, ": %s", e->snippet);
      pf_buf_putc(out, '\n');
    }
  }
  bool generic;
  const char *safe = pf__finding_safe(f, &generic);
  if (safe && !generic) {
    pf_buf_puts(out, "    safe alternative:\n");
    block(out, safe, "      ");
  } else if (safe) {
    pf_buf_printf(out,
                  "    " PF_GENERIC_SAFE_LABEL " (pgpreflight explain %s):\n",
                  rule->id);
    block(out, safe, "      ");
  }
}

// The PF_GATE_* bit of verdict @v.
static unsigned gate_bit(int v)
{
  return v == PF_VERDICT_FAILS          ? PF_GATE_FAILS
         : v == PF_VERDICT_INCONCLUSIVE ? PF_GATE_INCONCLUSIVE
         : v == PF_VERDICT_UNVERIFIED   ? PF_GATE_UNVERIFIED
         : v == PF_VERDICT_PASSES       ? PF_GATE_PASSES
                                        : 0;
}

// The last lines of the report: counts and the threshold, then the
// verdicts of the data-dependent findings and what a database settles.
static void summary_line(const pf_report *self, const pf_render_opts *opts,
                         pf_buf *out)
{
  uint32_t counts[PF_SEV_COUNT], suppressed;
  pf__report_counts(self, counts, &suppressed);
  pf_buf_printf(out, "%u error%s, %u warning%s, %u notice%s", counts[2],
                counts[2] == 1 ? "" : "s", counts[1], counts[1] == 1 ? "" : "s",
                counts[0], counts[0] == 1 ? "" : "s");
  if (suppressed)
    pf_buf_printf(out, ", %u suppressed by comments", suppressed);
  if (self->code_refs_suppressed)
    pf_buf_printf(
        out, ", %u code reference%s suppressed by " PF_IGNORE_REF_TOKEN,
        self->code_refs_suppressed, self->code_refs_suppressed == 1 ? "" : "s");
  if (opts->fail_on < PF_SEV_NEVER || opts->fail_on_verdicts) {
    pf_buf_puts(out, " (failing on ");
    if (opts->fail_on < PF_SEV_NEVER)
      pf_buf_printf(out, "%s and above", pf_severity_name(opts->fail_on));
    const char *sep = opts->fail_on < PF_SEV_NEVER ? ", verdict " : "verdict ";
    for (int v = PF_VERDICT_FAILS; v < PF_VERDICT_COUNT; v++) {
      if (opts->fail_on_verdicts & gate_bit(v)) {
        pf_buf_printf(out, "%s%s", sep, pf_verdict_name((pf_verdict)v));
        sep = ", ";
      }
    }
    pf_buf_putc(out, ')');
  }
  pf_buf_putc(out, '\n');
  uint32_t vc[PF_VERDICT_COUNT] = {0};
  for (uint32_t i = 0; i < self->findings.len; i++) {
    if (!self->findings.items[i].suppressed)
      vc[self->findings.items[i].verdict]++;
  }
  if (vc[PF_VERDICT_FAILS] + vc[PF_VERDICT_PASSES] +
      vc[PF_VERDICT_INCONCLUSIVE] + vc[PF_VERDICT_UNVERIFIED]) {
    pf_buf_printf(out,
                  "verdicts: %u fails, %u passes, %u inconclusive, %u "
                  "unverified",
                  vc[PF_VERDICT_FAILS], vc[PF_VERDICT_PASSES],
                  vc[PF_VERDICT_INCONCLUSIVE], vc[PF_VERDICT_UNVERIFIED]);
    if (!self->db_connected && vc[PF_VERDICT_UNVERIFIED])
      pf_buf_puts(out, " (a database connection, --db, would settle the "
                       "unverified ones)");
    pf_buf_putc(out, '\n');
  }
}

// --verbose: each suppressed finding, where, and the comment's reason.
static void suppressed_list(const pf_report *self, pf_buf *out)
{
  pf_buf_puts(out, "suppressed by comments:\n");
  for (uint32_t i = 0; i < self->findings.len; i++) {
    const pf_finding *f = &self->findings.items[i];
    if (!f->suppressed)
      continue;
    pf_loc loc = pf_source_locate(f->src, f->span.start);
    pf_buf_printf(out, "  %s:%u:%u: %s: %s [%s]\n", f->src->path, loc.line,
                  loc.col, pf_severity_name(f->severity), f->message,
                  pf_rule_at(f->rule)->id);
    pf_buf_printf(out, "    reason: %s\n",
                  f->suppressed_why && *f->suppressed_why ? f->suppressed_why
                                                          : "(none given)");
  }
  pf_buf_putc(out, '\n');
}

void pf__render_text(const pf_report *self, const pf_render_opts *opts,
                     pf_buf *out)
{
  bool color = opts->color;
  bool verbose = opts->detail == PF_DETAIL_VERBOSE;
  if (opts->detail == PF_DETAIL_QUIET) {
    summary_line(self, opts, out);
    return;
  }
  const pf_source *last_src = NULL;
  uint32_t last_stmt = UINT32_MAX;
  uint32_t suppressed = 0;
  for (uint32_t i = 0; i < self->findings.len; i++) {
    const pf_finding *f = &self->findings.items[i];
    if (f->suppressed) {
      suppressed++;
      continue;
    }
    if (f->src != last_src || f->stmt != last_stmt) {
      pf_loc loc = pf_source_locate(f->src, f->stmt_span.start);
      if (i)
        pf_buf_putc(out, '\n');
      pf_buf_puts(out, color ? C_BOLD : "");
      pf_buf_printf(out, "== %s:%u: statement %u", f->src->path, loc.line,
                    f->stmt + 1);
      pf_buf_puts(out, color ? C_RESET "\n" : "\n");
      excerpt(out, f->src, f->stmt_span);
      last_src = f->src;
      last_stmt = f->stmt;
    }
    finding(out, f, color, verbose);
  }
  if (self->findings.len > suppressed)
    pf_buf_putc(out, '\n');
  if (verbose && suppressed)
    suppressed_list(self, out);
  pf_buf_printf(out, "checked %u file%s, %u statement%s", self->files,
                self->files == 1 ? "" : "s", self->statements,
                self->statements == 1 ? "" : "s");
  if (self->context_files)
    pf_buf_printf(out, " (after replaying %u earlier migration%s)",
                  self->context_files, self->context_files == 1 ? "" : "s");
  if (self->code_scanned) {
    pf_buf_printf(out, "; code: %llu files read, %llu parsed",
                  (unsigned long long)self->code_files_seen,
                  (unsigned long long)self->code_files_parsed);
    // Skips are shown only when there are some: "12 skipped (10 ignored,
    // 2 binary)".
    uint64_t skipped = 0;
    for (uint32_t i = 0; i < self->code_nskipped; i++)
      skipped += self->code_skipped[i].count;
    if (skipped) {
      pf_buf_printf(out, ", %llu skipped (", (unsigned long long)skipped);
      const char *sep = "";
      for (uint32_t i = 0; i < self->code_nskipped; i++) {
        if (!self->code_skipped[i].count)
          continue;
        pf_buf_printf(out, "%s%llu %s", sep,
                      (unsigned long long)self->code_skipped[i].count,
                      self->code_skipped[i].reason);
        sep = ", ";
      }
      pf_buf_putc(out, ')');
    }
  } else
    pf_buf_puts(out, "; code: not scanned");
  if (self->db_connected)
    pf_buf_printf(out, "; database: PostgreSQL %d.%d%s",
                  self->db_server_version / 10000,
                  self->db_server_version % 10000,
                  self->db_standby ? " (hot standby)" : "");
  else
    pf_buf_puts(out, "; database: not consulted");
  pf_buf_putc(out, '\n');
  summary_line(self, opts, out);
}
