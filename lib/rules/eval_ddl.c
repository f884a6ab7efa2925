/* Rules for statements beyond tables and columns: indexes, partitions, views,
 * sequences, types, triggers, policies, schemas, maintenance. */
/* SPDX-License-Identifier: MIT */
#include "rules_int.h"

void pf__rules_ddl(pf__rctx *x)
{
  (void)x;
}
