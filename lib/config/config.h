/* The configuration of one check run: defaults, the config file, flags. */
/* SPDX-License-Identifier: MIT */
#ifndef PF_CONFIG_CONFIG_H
#define PF_CONFIG_CONFIG_H

#include "pgpreflight.h"

#include "core/core.h"

// Per-rule setting in pf_config.rule_sev: the rule's own severities, a
// fixed severity (a pf_severity value), or off.
enum { PF_RULE_SEV_DEFAULT = -1, PF_RULE_OFF = -2 };

struct pf_config {
  PF_VEC(char *) migrations;
  PF_VEC(char *) code_paths;
  PF_VEC(char *) excludes; // shell patterns (pf_path_excluded)
  char *db;                // NULL: no database; "": libpq's PG* environment
  bool db_required;        // a connection failure is fatal (exit 3)
  uint32_t db_budget_ms;
  uint32_t jobs;
  uint64_t max_file_size; // 0: the scanner's default
  pf_progress_fn progress;
  void *progress_ud;
  bool show_low;
  bool assume_txn;     // the runner wraps each file in a transaction
  char *since;         // check only migrations changed since this git ref
  bool staged;         // check only migrations staged in git's index
  int8_t *rule_sev;    // pf_rule_count() entries, PF_RULE_SEV_DEFAULT...
  uint32_t index_cols; // index-too-many-columns: more than this many
  pf_severity fail_on;
  bool exact;       // --exact: exact counts even on large tables
  bool show_values; // --show-values: show a few offending keys
  // Appended for issue 5 (cost): a transaction open this long that holds a
  // conflicting lock is a lock-queue risk (--long-xact, seconds).
  uint32_t long_xact_s;
  // Appended for issue 6: the SARIF helpUri base (NULL: no helpUri).
  char *help_uri_base;
  // The role that applies the migrations (--migration-role): its settings
  // in pg_db_role_setting decide the timeout rules. NULL: the session's.
  char *migration_role;
  // The PostgreSQL version the migrations run on (--pg-version, as
  // server_version_num; 0 unknown): the database's own wins when connected.
  int pg_version;
  // Tests only: load every file before evaluating any, even when nothing
  // needs it (pf_check_run evaluates files as they load then), to compare.
  bool load_all_first;
};

// Parses the configuration text of @src (its path names it in messages and
// anchors relative paths) into @self; pf_config_load() reads the file.
pf_code pf__config_parse(pf_config *self, const pf_source *src, pf_error *err);

#endif
