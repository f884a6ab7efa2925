/* Markdown renderer: a pull-request comment with the verdict on top. */
/* SPDX-License-Identifier: MIT */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "core/source.h"
#include "rules/rules.h"

// More code references than this go into a collapsed <details> section.
#define REFS_INLINE 3

// Writes user-controlled text (messages, reasons, names from the migration)
// so that Markdown and HTML read it literally: punctuation that Markdown
// gives a meaning is backslash-escaped, "<", ">" and "&" become entities,
// line breaks become spaces. Safe inside table cells too ("|" is escaped).
static void put_text(pf_buf *out, const char *s)
{
  for (; s && *s; s++) {
    char c = *s;
    switch (c) {
    case '<':
      pf_buf_puts(out, "&lt;");
      break;
    case '>':
      pf_buf_puts(out, "&gt;");
      break;
    case '&':
      pf_buf_puts(out, "&amp;");
      break;
    case '\n':
    case '\r':
      pf_buf_putc(out, ' ');
      break;
    case '\\':
    case '`':
    case '*':
    case '_':
    case '[':
    case ']':
    case '|':
    case '~':
    case '#':
    case '!':
      pf_buf_putc(out, '\\');
      pf_buf_putc(out, c);
      break;
    default:
      pf_buf_putc(out, c);
    }
  }
}

// An inline code span that shows @s exactly: the fence is one backtick
// longer than the longest run inside, padded with spaces when @s starts or
// ends with a backtick. "|" is escaped for table cells (GFM unescapes it
// inside code spans in tables); line breaks become spaces.
static void put_code(pf_buf *out, const char *s, bool in_table)
{
  size_t run = 0, longest = 0;
  for (const char *p = s; *p; p++) {
    run = *p == '`' ? run + 1 : 0;
    if (run > longest)
      longest = run;
  }
  for (size_t i = 0; i <= longest; i++)
    pf_buf_putc(out, '`');
  size_t len = strlen(s);
  bool pad = len && (s[0] == '`' || s[len - 1] == '`' || s[0] == ' ');
  if (pad)
    pf_buf_putc(out, ' ');
  for (const char *p = s; *p; p++) {
    if (*p == '\n' || *p == '\r')
      pf_buf_putc(out, ' ');
    else if (*p == '|' && in_table)
      pf_buf_puts(out, "\\|");
    else
      pf_buf_putc(out, *p);
  }
  if (pad)
    pf_buf_putc(out, ' ');
  for (size_t i = 0; i <= longest; i++)
    pf_buf_putc(out, '`');
}

// A fenced code block that no backtick run inside @text can close.
static void put_block(pf_buf *out, const char *text, const char *lang)
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
  pf_buf_puts(out, "\n\n");
}

// "path:line:col" as a code span.
static void put_where(pf_buf *out, const char *path, uint32_t line,
                      uint32_t col)
{
  pf_buf w = PF_BUF_INIT;
  pf_buf_printf(&w, "%s:%u:%u", path, line, col);
  put_code(out, w.data, false);
  pf_buf_clear(&w);
}

static const char *sev_mark(pf_severity s)
{
  switch (s) {
  case PF_SEV_ERROR:
    return "\xF0\x9F\x9B\x91 error"; // U+1F6D1 stop sign
  case PF_SEV_WARNING:
    return "\xE2\x9A\xA0\xEF\xB8\x8F warning"; // U+26A0 warning sign
  default:
    return "\xE2\x84\xB9\xEF\xB8\x8F notice"; // U+2139 information
  }
}

static void code_ref(pf_buf *out, const pf_evidence *e)
{
  pf_buf_puts(out, "- ");
  put_where(out, e->path ? e->path : "", e->line, e->col);
  pf_buf_puts(out, " ");
  put_text(out, e->ref_kind);
  pf_buf_puts(out, ", ");
  put_text(out, e->confidence);
  if (e->explain) {
    pf_buf_puts(out, " (");
    put_text(out, e->text);
    pf_buf_putc(out, ')');
  }
  if (e->snippet && *e->snippet) {
    pf_buf_puts(out, ": ");
    put_code(out, e->snippet, false);
  }
  pf_buf_putc(out, '\n');
}

static void finding(pf_buf *out, const pf_finding *f)
{
  const pf_rule_info *rule = pf_rule_at(f->rule);
  pf_loc at = pf_source_locate(f->src, f->span.start);
  pf_buf_printf(out, "#### %s: ", sev_mark(f->severity));
  put_code(out, rule->id, false);
  pf_buf_puts(out, " at ");
  put_where(out, f->src->path, at.line, at.col);
  pf_buf_puts(out, "\n\n");
  put_text(out, f->message);
  pf_buf_puts(out, "\n\n");

  bool any = false;
  if (f->verdict != PF_VERDICT_NONE) {
    pf_buf_printf(out, "- **verdict:** %s\n", pf_verdict_name(f->verdict));
    any = true;
  }
  if (f->change.lock) {
    const char *blocks = pf__lock_blocks(f->change.lock);
    pf_buf_printf(out, "- **lock:** %s, %s", f->change.lock,
                  f->change.effect ? f->change.effect : "");
    if (blocks)
      pf_buf_printf(out, " (%s)", blocks);
    pf_buf_putc(out, '\n');
    any = true;
  }
  for (uint32_t i = 0; i < f->evidence.len; i++) {
    const pf_evidence *e = &f->evidence.items[i];
    if (e->kind == PF_EV_CODE_REF)
      continue;
    pf_buf_printf(out, "- **%s:** ", pf_evidence_kind_name(e->kind));
    put_text(out, e->text);
    pf_buf_putc(out, '\n');
    any = true;
  }
  if (any)
    pf_buf_putc(out, '\n');

  uint32_t nrefs = pf__finding_ref_count(f);
  if (nrefs) {
    bool fold = nrefs > REFS_INLINE;
    if (fold)
      pf_buf_printf(out, "<details><summary>%u code references</summary>\n\n",
                    nrefs);
    else
      pf_buf_printf(out, "Code reference%s:\n\n", nrefs == 1 ? "" : "s");
    for (uint32_t i = 0; i < f->evidence.len; i++) {
      if (f->evidence.items[i].kind == PF_EV_CODE_REF)
        code_ref(out, &f->evidence.items[i]);
    }
    pf_buf_puts(out, fold ? "\n</details>\n\n" : "\n");
  }
  bool generic;
  const char *safe = pf__finding_safe(f, &generic);
  if (safe && !generic) {
    pf_buf_puts(out, "**Safe alternative**:\n\n");
    put_block(out, safe, "sql");
  } else if (safe) {
    pf_buf_printf(out,
                  "**No safe alternative generated**: " PF_GENERIC_SAFE_LABEL
                  " (`pgpreflight explain %s`):\n\n",
                  rule->id);
    put_block(out, safe, "sql");
  }
}

static void heading(pf_buf *out, const pf_report *self,
                    const pf_render_opts *opts)
{
  uint32_t c[PF_SEV_COUNT], suppressed;
  pf__report_counts(self, c, &suppressed);
  int max = pf_report_max_severity(self);
  bool fails = opts->fail_on < PF_SEV_NEVER && max >= (int)opts->fail_on;
  pf_buf_puts(out, "## pgpreflight: ");
  if (self->errors.len)
    pf_buf_printf(out,
                  "\xE2\x9D\x8C could not check everything (%u input "
                  "error%s)",
                  self->errors.len, self->errors.len == 1 ? "" : "s");
  else if (fails)
    pf_buf_printf(out, "\xE2\x9D\x8C blocking: findings at %s or above",
                  pf_severity_name(opts->fail_on));
  else if (max >= 0)
    pf_buf_puts(out, "\xE2\x9A\xA0\xEF\xB8\x8F passes, with findings below "
                     "the threshold");
  else
    pf_buf_puts(out, "\xE2\x9C\x85 passes");
  pf_buf_puts(out, "\n\n");
}

static void summary_table(pf_buf *out, const pf_report *self,
                          const pf_render_opts *opts)
{
  uint32_t c[PF_SEV_COUNT], suppressed;
  pf__report_counts(self, c, &suppressed);
  pf_buf_puts(out, "| errors | warnings | notices | suppressed | input errors "
                   "| files | statements |\n"
                   "|---:|---:|---:|---:|---:|---:|---:|\n");
  pf_buf_printf(out, "| %u | %u | %u | %u | %u | %u | %u |\n\n",
                c[PF_SEV_ERROR], c[PF_SEV_WARNING], c[PF_SEV_NOTICE],
                suppressed, self->errors.len, self->files, self->statements);
  pf_buf_puts(out, "Failing on: ");
  pf_buf_puts(out, opts->fail_on < PF_SEV_NEVER
                       ? pf_severity_name(opts->fail_on)
                       : "never");
  if (opts->fail_on < PF_SEV_NEVER)
    pf_buf_puts(out, " and above");
  if (self->code_scanned) {
    pf_buf_printf(out, " \xC2\xB7 code: %llu files read, %llu parsed",
                  (unsigned long long)self->code_files_seen,
                  (unsigned long long)self->code_files_parsed);
    if (self->code_refs_suppressed)
      pf_buf_printf(out, ", %u reference%s suppressed",
                    self->code_refs_suppressed,
                    self->code_refs_suppressed == 1 ? "" : "s");
  } else
    pf_buf_puts(out, " \xC2\xB7 code: not scanned");
  if (self->db_connected)
    pf_buf_printf(out, " \xC2\xB7 database: PostgreSQL %d.%d%s",
                  self->db_server_version / 10000,
                  self->db_server_version % 10000,
                  self->db_standby ? " (hot standby)" : "");
  else
    pf_buf_puts(out, " \xC2\xB7 database: not consulted");
  pf_buf_puts(out, "\n\n");

  // The checked files, one row each.
  uint32_t files = 0;
  for (uint32_t i = 0; i < self->findings.len; i++) {
    const pf_finding *f = &self->findings.items[i];
    if (i && self->findings.items[i - 1].src == f->src)
      continue;
    files++;
  }
  if (!files)
    return;
  pf_buf_puts(out, "| file | errors | warnings | notices | suppressed |\n"
                   "|---|---:|---:|---:|---:|\n");
  for (uint32_t i = 0; i < self->findings.len;) {
    const pf_source *src = self->findings.items[i].src;
    uint32_t fc[PF_SEV_COUNT] = {0}, fs = 0;
    for (; i < self->findings.len && self->findings.items[i].src == src; i++) {
      const pf_finding *f = &self->findings.items[i];
      if (f->suppressed)
        fs++;
      else if ((unsigned)f->severity < PF_SEV_COUNT)
        fc[f->severity]++;
    }
    pf_buf_puts(out, "| ");
    put_code(out, src->path, true);
    pf_buf_printf(out, " | %u | %u | %u | %u |\n", fc[PF_SEV_ERROR],
                  fc[PF_SEV_WARNING], fc[PF_SEV_NOTICE], fs);
  }
  pf_buf_putc(out, '\n');
}

void pf__render_markdown(const pf_report *self, const pf_render_opts *opts,
                         pf_buf *out)
{
  heading(out, self, opts);
  summary_table(out, self, opts);

  if (self->errors.len) {
    pf_buf_puts(out, "### Input errors\n\n");
    for (uint32_t i = 0; i < self->errors.len; i++) {
      const pf_input_error *e = &self->errors.items[i];
      pf_buf_puts(out, "- ");
      if (e->src) {
        pf_loc at = pf_source_locate(e->src, e->span.start);
        put_where(out, e->src->path, at.line, at.col);
        pf_buf_puts(out, ": ");
      } else if (e->path) {
        put_code(out, e->path, false);
        pf_buf_puts(out, ": ");
      }
      put_text(out, e->msg);
      pf_buf_putc(out, '\n');
    }
    pf_buf_putc(out, '\n');
  }

  uint32_t counts[PF_SEV_COUNT], suppressed;
  pf__report_counts(self, counts, &suppressed);
  if (self->findings.len > suppressed) {
    pf_buf_puts(out, "### Findings\n\n");
    for (uint32_t i = 0; i < self->findings.len; i++) {
      if (!self->findings.items[i].suppressed)
        finding(out, &self->findings.items[i]);
    }
  }

  if (suppressed) {
    pf_buf_printf(out,
                  "<details><summary>%u finding%s suppressed by "
                  "comments</summary>\n\n",
                  suppressed, suppressed == 1 ? "" : "s");
    for (uint32_t i = 0; i < self->findings.len; i++) {
      const pf_finding *f = &self->findings.items[i];
      if (!f->suppressed)
        continue;
      pf_loc at = pf_source_locate(f->src, f->span.start);
      pf_buf_puts(out, "- ");
      put_code(out, pf_rule_at(f->rule)->id, false);
      pf_buf_puts(out, " at ");
      put_where(out, f->src->path, at.line, at.col);
      pf_buf_puts(out, ": ");
      put_text(out, f->message);
      if (f->suppressed_why && *f->suppressed_why) {
        pf_buf_puts(out, " \xE2\x80\x94 reason: ");
        put_text(out, f->suppressed_why);
      }
      pf_buf_putc(out, '\n');
    }
    pf_buf_puts(out, "\n</details>\n\n");
  }

  if (self->warnings.len) {
    pf_buf_printf(out, "<details><summary>%u warning%s</summary>\n\n",
                  self->warnings.len, self->warnings.len == 1 ? "" : "s");
    for (uint32_t i = 0; i < self->warnings.len; i++) {
      pf_buf_puts(out, "- ");
      put_text(out, self->warnings.items[i]);
      pf_buf_putc(out, '\n');
    }
    pf_buf_puts(out, "\n</details>\n\n");
  }
  pf_buf_puts(out, "<sub>pgpreflight " PF_VERSION_STRING "</sub>\n");
}
