/* Private to lib/check: the pipeline's helpers. */
/* SPDX-License-Identifier: MIT */
#ifndef PF_CHECK_CHECK_H
#define PF_CHECK_CHECK_H

#include "pgpreflight.h"

#include <stdbool.h>

#include "migration/model.h"
#include "schema/schema.h"

// Applies @c to @s; @in_run: the change comes from a migration being
// checked rather than an earlier one replayed for context.
void pf__replay_change(pf_schema *s, const pf_change *c, bool in_run);

#endif
