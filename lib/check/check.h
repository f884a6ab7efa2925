/* Private to lib/check: the pipeline's helpers. */
/* SPDX-License-Identifier: MIT */
#ifndef PF_CHECK_CHECK_H
#define PF_CHECK_CHECK_H

#include "pgpreflight.h"

#include <stdbool.h>

#include "core/core.h"
#include "migration/model.h"
#include "schema/schema.h"

// Applies @c to @s; @in_run: the change comes from a migration being
// checked rather than an earlier one replayed for context.
void pf__replay_change(pf_schema *s, const pf_change *c, bool in_run);

// The column of a "col IS NOT NULL" CHECK expression (as deparsed), copied
// into @out, or NULL.
const char *pf__not_null_check_column(const char *expr, char *out, size_t size);

// The top directory of the current git work tree (caller frees).
pf_code pf__git_toplevel(char **top, pf_error *err);
// Adds to @changed the real paths of the files git reports as added,
// copied, modified or renamed: since @ref ("git diff REF...") or, with
// @ref NULL and @staged, in the index ("git diff --cached").
pf_code pf__git_changed(const char *ref, bool staged, pf_strmap *changed,
                        pf_error *err);

/* codetargets.c (issue 7): the code-side targets of new checks. */

#include "codescan/codescan.h"

typedef PF_VEC(pf_scan_target) pf__target_vec;
typedef PF_VEC(void *) pf__ptr_vec;

// For every change of the checked files among @ms (@context[i]: replayed
// only), in order: the PF_SCAN_INSERT_OMITS target of an ADD COLUMN NOT
// NULL without DEFAULT, a SET NOT NULL of a column without one or a DROP
// DEFAULT of a column not known nullable, or the PF_SCAN_LITERAL target of
// an enum RENAME VALUE or of a type change to an enum of this run that
// drops values; appended to @targets, its index in @special[k] (UINT32_MAX:
// none). Replays @ms into a schema of its own. Strings are borrowed from
// the migrations; arrays are added to @own (free each). Can't fail.
void pf__code_targets(const pf_migration *const *ms, const bool *context,
                      uint32_t nfiles, pf__target_vec *targets,
                      uint32_t *special, pf__ptr_vec *own);

/* deps.c (issue 5): with a database, what depends on a drop or rename. */

#include "live/live.h"

// Whether @c drops or renames something whose dependencies are looked up.
bool pf__check_wants_deps(const pf_change *c);
// What depends on @c's object (pf__live_deps), plus the functions whose
// body names it, parsed with libpg_query as the code scan does. @deps is
// the caller's (pf__live_deps_clear it).
pf_code pf__check_deps(pf_live *live, const pf_change *c, pf_live_deps *deps,
                       pf_error *err);
// The recorded queries (pg_stat_statements) that read or write @c's column
// (its table for a table rename or drop): parsed, tables and aliases
// resolved; @stmts keeps only those, most called first.
pf_code pf__check_stmts(pf_live *live, const pf_change *c, pf_live_stmts *stmts,
                        pf_error *err);

#endif
