/* Rules for type and naming choices. */
/* SPDX-License-Identifier: MIT */
#include "rules_int.h"

void pf__rules_types(pf__rctx *x)
{
  (void)x;
}
