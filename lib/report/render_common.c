/* Helpers the renderers share: counts, CI paths, lock descriptions. */
/* SPDX-License-Identifier: MIT */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "core/source.h"

void pf__report_counts(const pf_report *self, uint32_t counts[PF_SEV_COUNT],
                       uint32_t *suppressed)
{
  memset(counts, 0, sizeof(uint32_t) * PF_SEV_COUNT);
  *suppressed = 0;
  for (uint32_t i = 0; i < self->findings.len; i++) {
    const pf_finding *f = &self->findings.items[i];
    if (f->suppressed)
      (*suppressed)++;
    else if ((unsigned)f->severity < PF_SEV_COUNT)
      counts[f->severity]++;
  }
}

uint32_t pf__finding_ref_count(const pf_finding *f)
{
  uint32_t n = 0;
  for (uint32_t i = 0; i < f->evidence.len; i++) {
    if (f->evidence.items[i].kind == PF_EV_CODE_REF)
      n++;
  }
  return n;
}

void pf__span_range(const pf_source *src, pf_span span, pf_loc *start,
                    pf_loc *end)
{
  *start = pf_source_locate(src, span.start);
  *end = pf_source_locate(src, span.end > span.start ? span.end : span.start);
}

char *pf__ci_path(const char *path, const char *base_dir)
{
  if (!path)
    return pf_xstrdup("");
  if (base_dir && path[0] == '/') {
    size_t n = strlen(base_dir);
    while (n > 1 && base_dir[n - 1] == '/')
      n--;
    if (n > 1 && strncmp(path, base_dir, n) == 0 && path[n] == '/')
      path += n + 1;
  }
  // "./a/./b" and "a//b" name the same file as "a/b"; CI tools compare
  // paths as strings, so give them the plain form.
  while (path[0] == '.' && path[1] == '/') {
    path += 2;
    while (*path == '/')
      path++;
  }
  return pf_xstrdup(path);
}

const char *pf__lock_blocks(const char *lock)
{
  // PostgreSQL 15 documentation, 13.3.1 "Table-Level Locks", table 13.2.
  static const struct {
    const char *lock, *blocks;
  } table[] = {
      {"ACCESS SHARE", "blocks only ACCESS EXCLUSIVE: reads and writes go on"},
      {"ROW SHARE", "blocks EXCLUSIVE and ACCESS EXCLUSIVE: reads and writes "
                    "go on"},
      {"ROW EXCLUSIVE", "blocks SHARE and stronger locks (CREATE INDEX, most "
                        "ALTER TABLE): reads and writes go on"},
      {"SHARE UPDATE EXCLUSIVE", "blocks other schema changes, VACUUM and "
                                 "ANALYZE: reads and writes go on"},
      {"SHARE", "blocks INSERT, UPDATE and DELETE: reads go on"},
      {"SHARE ROW EXCLUSIVE", "blocks INSERT, UPDATE and DELETE: reads go on"},
      {"EXCLUSIVE", "blocks writes and SELECT FOR UPDATE/SHARE: plain reads go "
                    "on"},
      {"ACCESS EXCLUSIVE", "blocks every read and write of the table"},
  };
  if (!lock)
    return NULL;
  for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
    if (strcmp(lock, table[i].lock) == 0)
      return table[i].blocks;
  }
  return NULL;
}

void pf__summary_counts(const pf_report *self, pf_buf *out)
{
  uint32_t c[PF_SEV_COUNT], suppressed;
  pf__report_counts(self, c, &suppressed);
  pf_buf_printf(out, "%u error%s, %u warning%s, %u notice%s", c[PF_SEV_ERROR],
                c[PF_SEV_ERROR] == 1 ? "" : "s", c[PF_SEV_WARNING],
                c[PF_SEV_WARNING] == 1 ? "" : "s", c[PF_SEV_NOTICE],
                c[PF_SEV_NOTICE] == 1 ? "" : "s");
  if (suppressed)
    pf_buf_printf(out, ", %u suppressed", suppressed);
  if (self->code_refs_suppressed)
    pf_buf_printf(out, ", %u code reference%s suppressed",
                  self->code_refs_suppressed,
                  self->code_refs_suppressed == 1 ? "" : "s");
  if (self->errors.len)
    pf_buf_printf(out, ", %u input error%s", self->errors.len,
                  self->errors.len == 1 ? "" : "s");
}

const char *pf__finding_safe(const pf_finding *f, bool *generic)
{
  *generic = false;
  if (f->safe && *f->safe)
    return f->safe;
  const pf_rule_info *rule = pf_rule_at(f->rule);
  if (!rule || !rule->safe || !*rule->safe)
    return NULL;
  *generic = true;
  return rule->safe;
}
