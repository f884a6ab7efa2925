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

#endif
