/* The configuration of one check run (built by cmd/ from flags). */
/* SPDX-License-Identifier: MIT */
#ifndef PF_CONFIG_CONFIG_H
#define PF_CONFIG_CONFIG_H

#include "pgpreflight.h"

#include "core/core.h"

struct pf_config {
  PF_VEC(char *) migrations;
  PF_VEC(char *) code_paths;
  char *db;         // NULL: no database; "": libpq's PG* environment
  bool db_required; // a connection failure is fatal (exit 3)
  uint32_t db_budget_ms;
  uint32_t jobs;
  bool show_low;
  bool assume_txn;  // the runner wraps each file in a transaction
  bool exact;       // --exact: exact counts even on large tables
  bool show_values; // --show-values: show a few offending keys
};

#endif
