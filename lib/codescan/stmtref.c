/* References in one SQL text that is not a file: a query recorded by
 * pg_stat_statements, the body of a function in the database. */
/* SPDX-License-Identifier: MIT */
#include "scan.h"

#include <string.h>

#include "core/source.h"

pf_sql_use pf__codescan_sql_uses(const char *sql, const pf_scan_target *target,
                                 bool tokens_only)
{
  if (!sql || !target || !target->table)
    return PF_SQL_USE_NONE;
  pf__scan scan;
  memset(&scan, 0, sizeof(scan));
  scan.targets = target;
  scan.ntargets = 1;
  pf__file file;
  memset(&file, 0, sizeof(file));
  file.path = pf_xstrdup("(sql text)");
  file.lang = PF__LANG_SQL;
  file.skip = -1;
  pf_vec_init(&file.refs);
  pf_vec_init(&file.warnings);
  pf_vec_init(&file.models);
  pf_vec_init(&file.uses);
  pf_vec_init(&file.tablenames);
  pf_source *src = pf_source_from_mem(file.path, sql, strlen(sql));
  pf__fctx fx;
  memset(&fx, 0, sizeof(fx));
  fx.scan = &scan;
  fx.file = &file;
  fx.src = src;
  fx.lang = PF__LANG_SQL;
  pf_sql_use use = PF_SQL_USE_NONE;
  bool parsed = !tokens_only &&
                pf__sql_refs(&fx, src->data, src->len, NULL, 0, "recorded");
  if (parsed && file.refs.len)
    use = PF_SQL_USE_PARSED;
  else if (!parsed && pf__sql_tokens(&fx, src->data, src->len, NULL, 0) &&
           file.refs.len)
    use = PF_SQL_USE_TOKENS;
  pf__file_clear(&file);
  pf_source_free(src);
  return use;
}
