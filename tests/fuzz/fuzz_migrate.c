/* libFuzzer target: bytes -> migration (split, parse, change model). */
/* SPDX-License-Identifier: MIT */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/source.h"
#include "migration/model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * Parses @data as one migration file and walks the result: every statement
 * and diagnostic span is located through the line map, as the renderers do.
 * The input is copied into a NUL-terminated buffer first, as a file would
 * be read (libpg_query:test/fuzz/fuzz_parser.c). Always returns 0.
 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  if (size > PF_SOURCE_MAX)
    return 0;
  char *buf = malloc(size + 1);
  if (!buf)
    return 0;
  if (size)
    memcpy(buf, data, size);
  buf[size] = '\0';
  pf_source *src = pf_source_from_mem("fuzz.sql", buf, size);
  pf_migration *m = pf__migration_parse(src);
  uint32_t sum = 0;
  for (uint32_t i = 0; i < m->stmts.len; i++) {
    const pf_stmt *st = &m->stmts.items[i];
    if (st->span.start > st->span.end || st->span.end > src->len)
      abort(); // a statement outside the file
    pf_loc a = pf_source_locate(src, st->span.start);
    pf_loc b = pf_source_locate(src, st->span.end);
    sum += a.line + b.col;
  }
  for (uint32_t i = 0; i < m->diags.len; i++) {
    const pf_migration_diag *d = &m->diags.items[i];
    if (d->span.start > src->len || !d->msg)
      abort(); // an error that cannot be rendered as path:line:col
    pf_loc a = pf_source_locate(src, d->span.start);
    size_t len = 0;
    const char *line = pf_source_line(src, a.line, &len);
    sum += (uint32_t)len + (line ? (uint32_t)line[0] : 0u) +
           (uint32_t)strlen(d->msg);
  }
  for (uint32_t i = 0; i < m->changes.len; i++) {
    if (m->changes.items[i].stmt >= m->stmts.len)
      abort(); // a change that belongs to no statement
  }
  (void)sum;
  pf__migration_free(m);
  pf_source_free(src);
  free(buf);
  return 0;
}
