/* The rule registry and the rule engine: changes + facts -> findings. */
/* SPDX-License-Identifier: MIT */
#ifndef PF_RULES_RULES_H
#define PF_RULES_RULES_H

#include "pgpreflight.h"

#include <stdbool.h>
#include <stdint.h>

#include "codescan/codescan.h"
#include "live/live.h"
#include "migration/model.h"
#include "report/report.h"

typedef enum pf_rule_id {
#define PF_RULE(e, id, sev, fam, sum, expl, bad, safe) PF_RULE_##e,
#include "rules.def"
#include "rules_ddl.def"
#include "rules_types.def"
#include "rules_data.def"
#include "rules_newdata.def"
#include "rules_cost.def"
#include "rules_code.def"
#include "rules_version.def"
#undef PF_RULE
  PF_RULE_COUNT
} pf_rule_id;

// Whether a live check ran, and what it found.
typedef enum pf_fact_state {
  PF_FACT_UNKNOWN = 0,  // no database, or the check did not run
  PF_FACT_DONE,         // checked
  PF_FACT_INCONCLUSIVE, // a timeout or the budget stopped it
} pf_fact_state;

// What the engines learned about one change. Rules read only this.
// The members before live_type are reset for every change; the rest holds
// the large buffers that only a database fills (about 50 KB, mostly probe
// texts), each read only under a flag or count of the part above it
// (data_ran, pk_nulls_ran, nheadroom, nenum_use, cost_ran, a non-NULL
// column_type or validate_cons), so without a database it is never written
// and need not be cleared (pf__facts_reset).
typedef struct pf_facts {
  bool code_scanned;
  const pf_code_ref *const *refs; // references to the change's target
  uint32_t nrefs;
  bool db;           // a database was consulted
  bool created_here; // the table is created earlier in these migrations
  bool assume_txn;   // the runner runs this file in a transaction
  uint32_t index_max_columns; // index-too-many-columns: more is flagged
  pf_fact_state table_state;
  bool table_exists;
  int64_t table_rows; // estimate; -1 unknown
  int64_t table_bytes;
  pf_fact_state column_state;
  bool column_exists;
  bool column_not_null;
  pf_fact_state index_state;
  bool index_exists;
  int64_t index_scans;
  bool index_backs_constraint;
  pf_fact_state nulls_state;
  int64_t null_rows;
  const char *db_note; // why a check did not run (permission, ...)
  // From the schema replayed from earlier migrations (no database).
  bool schema_known;       // table_/column_ facts above come from the replay
  const char *column_type; // the column's type before the change, or NULL
  bool not_null_proven;    // a valid CHECK (col IS NOT NULL) exists
  // Appended for issue 5: the data check of this change (live/data.c).
  bool data_ran;     // with a database: data holds the answer
  bool pk_nulls_ran; // ADD PRIMARY KEY: NULLs in its columns (pk_nulls)
  bool show_values;  // --show-values was given
  // VALIDATE CONSTRAINT of a constraint the database has, NOT VALID: its
  // kind (check or foreign key) and, for a foreign key, the referenced table
  // (validate_ref).
  pf_constraint validate_cons;
  // Appended for issue 7 (catalog facts). ADD COLUMN ... DEFAULT: the
  // volatility of its functions from pg_proc.provolatile ('v', 's', 'i'; 0
  // unknown: no database, no function, or one the catalog does not have)
  // and the function that decided (default_func, "now()").
  char default_volatility;
  int server_version;           // server_version_num of the database; 0 unknown
  bool server_version_declared; // server_version is --pg-version's
  // Appended for issue 5 (deps), with a database: what depends on the
  // dropped or renamed object, and the recorded queries that read or write
  // it (only those, most called first). NULL: not looked up. Owned by the
  // caller of pf__rules_eval.
  const pf_live_deps *deps;
  const pf_live_stmts *stmts;
  // Issue 7, key headroom: the smallint/integer key columns of the tables
  // this change is the first in the run to touch, with their range used
  // (headroom).
  uint32_t nheadroom;
  // Issue 7, enum values in use: for RENAME VALUE, the rows holding the old
  // value in each column of the type; for ALTER COLUMN TYPE to an enum this
  // run creates, the rows holding the values it drops (enum_use[0]).
  uint32_t nenum_use;
  // Appended for issue 5 (cost of applying it, live/cost.c): the table's
  // size and the sessions in its lock queue, for a change that locks an
  // existing table (cost); and the threshold that made a transaction long.
  bool cost_ran;
  uint32_t long_xact_s;
  // Issue 7, code side (with --code): the change's PF_SCAN_INSERT_OMITS or
  // PF_SCAN_LITERAL target (NULL: none) and its references. Borrowed.
  const pf_scan_target *code_target;
  const pf_code_ref *const *code_refs;
  uint32_t ncode_refs;
  // With a database (column_state done): the column has a DEFAULT, is
  // generated or identity (pg_attribute).
  bool column_has_default;
  // Issue 7, code side with a database: what the catalog told the code
  // target (the columns that hold an enum type), or NULL. Borrowed.
  const char *code_note;
  // Issue 7, key headroom of what this change gives a smaller range or
  // makes a key (key, below): the key column it narrows or makes an
  // identity, the sequence it narrows, the key that a new single-column
  // FOREIGN KEY of a smaller type references. key_type and key_limit are
  // the new range ("integer", 2147483647). Borrowed.
  bool key_ran;
  const char *key_type;
  int64_t key_limit;

  // Storage that only a database fills; see above. Anonymous, so that its
  // members read as the others do; live_type must stay first.
  struct {
    char live_type[128]; // column_type read from the database
    pf_live_probe data;  // NULLs, duplicates, orphans, CHECK, type fit, rows
    pf_live_probe pk_nulls;
    char validate_ref[64];
    char default_func[128];
    pf_live_headroom headroom[8];
    pf_live_headroom key; // read when key_ran
    struct {
      char schema[64], table[64], column[64];
      bool ran;
      pf_live_probe p;
      bool array; // the column is an array of the enum (issue 7)
    } enum_use[8];
    char enum_dropped[256]; // "'a', 'b'": the values the type change drops
    char enum_old_type[64]; // the column's enum type before the change
    pf_live_cost cost;
  };
} pf_facts;

// Resets @self for the next change: the members before live_type, and the
// database storage too when @with_db (a database may have filled it). This
// function can't fail.
void pf__facts_reset(pf_facts *self, bool with_db);

// Tables below both limits are "tiny": locking and rewrite findings on them
// are notices (the lock is held for milliseconds). From pg_class.reltuples
// and pg_total_relation_size (indexes and TOAST included).
#define PF_TINY_TABLE_ROWS  1000
#define PF_TINY_TABLE_BYTES (1024 * 1024)

// Facts for the whole run, from the database (issue 7): lock_timeout and
// statement_timeout set for the connected role or database. Each is the
// fact as a sentence ("lock_timeout=2s is set for role app
// (pg_db_role_setting)"), or "" when not set.
typedef struct pf_run_facts {
  char lock_timeout[256];
  char stmt_timeout[256];
  // The server's version (server_version_num: the database's, or
  // --pg-version's; 0 unknown), for the statements it does not have and
  // for how Flyway runs a file.
  int server_version;
} pf_run_facts;

// Evaluates every rule for change @c of migration @m with @facts, adding
// findings to @r. @src is the report-owned source of @m. Can't fail.
void pf__rules_eval(const pf_migration *m, uint32_t change,
                    const pf_facts *facts, const pf_source *src, pf_report *r);

// How the migration tool runs a file (--assume-in-transaction with the
// file's layout). Append-only.
typedef enum pf_runner_txn {
  PF_RUNNER_NONE = 0,  // no transaction of its own: each statement commits
  PF_RUNNER_WRAPS,     // BEGIN ... COMMIT around the file (dbmate, Rails...)
  PF_RUNNER_ONE_QUERY, // golang-migrate: the file is sent as one query, and
                       // PostgreSQL runs a query of several statements as
                       // one implicit transaction (a single statement
                       // runs on its own)
  PF_RUNNER_FLYWAY,    // Flyway: wraps the file unless its parser detects a
                       // non-transactional statement in it, and refuses a
                       // file that mixes both kinds (flyway.mixed=false)
  PF_RUNNER_COUNT
} pf_runner_txn;

// Whether @mode runs file @m inside a transaction of the runner's (a
// BEGIN of the file's own aside) on a server at @version (0 unknown: a
// current one). This function can't fail.
bool pf__runner_wraps(const pf_migration *m, pf_runner_txn mode, int version);

// File-level rules: transaction structure, timeouts and lock windows over
// the statements of @m. @created holds the tables created by files checked
// before this one (they are not at risk). @mode says how the runner runs
// the file. @rf (may be NULL): timeouts the database sets for the role,
// which turn the timeout findings into notices naming them. Can't fail.
void pf__rules_file(const pf_migration *m, const pf_source *src,
                    pf_runner_txn mode, const pf_strmap *created,
                    const pf_run_facts *rf, pf_report *r);

// The server_version_num from which change @c's statement exists (0: every
// supported version has it), and in *@feature (may be NULL) what it is
// ("REINDEX ... CONCURRENTLY"). This function can't fail.
int pf__version_needed(const pf_change *c, const char **feature);

// Whether DEFAULT expression @expr (as the parser deparsed it; NULL: none)
// is a NULL constant ("NULL", "NULL::text"), which no version stores or
// writes. This function can't fail.
bool pf__default_is_null(const char *expr);

// Applies the suppression comments of @m to the findings of its file, from
// index @first of @r's findings on: `-- pgpreflight-ignore: id[, id] why`
// in the comments before a statement, `-- pgpreflight-ignore-file: id[, id]
// why` anywhere between statements. Unknown ids and suppressions that
// silence nothing become warnings. Can't fail.
void pf__suppress_apply(const pf_migration *m, const pf_source *src,
                        pf_report *r, uint32_t first);

#endif
