/* The change model: one entry per schema-level effect of each statement. */
/* SPDX-License-Identifier: MIT */
#ifndef PF_MIGRATION_MODEL_H
#define PF_MIGRATION_MODEL_H

#include "pgpreflight.h"

#include <stdbool.h>
#include <stdint.h>

#include "core/core.h"

// What a change does. Append-only; names in pf_change_kind_name().
typedef enum pf_change_kind {
  PF_CHANGE_OTHER = 0, // a statement or subcommand we do not model in detail
  PF_CHANGE_CREATE_TABLE,
  PF_CHANGE_DROP_TABLE,
  PF_CHANGE_RENAME_TABLE,
  PF_CHANGE_TRUNCATE,
  PF_CHANGE_ADD_COLUMN,
  PF_CHANGE_DROP_COLUMN,
  PF_CHANGE_RENAME_COLUMN,
  PF_CHANGE_ALTER_COLUMN_TYPE,
  PF_CHANGE_SET_NOT_NULL,
  PF_CHANGE_DROP_NOT_NULL,
  PF_CHANGE_SET_DEFAULT,
  PF_CHANGE_DROP_DEFAULT,
  PF_CHANGE_ADD_CONSTRAINT,
  PF_CHANGE_VALIDATE_CONSTRAINT,
  PF_CHANGE_DROP_CONSTRAINT,
  PF_CHANGE_CREATE_INDEX,
  PF_CHANGE_DROP_INDEX,
  PF_CHANGE_UPDATE, // UPDATE (where_all says whether it has no WHERE)
  PF_CHANGE_DELETE, // DELETE
  PF_CHANGE_KIND_COUNT
} pf_change_kind;

// Table-level lock modes, weakest first (PostgreSQL docs, 13.3.1).
typedef enum pf_lock {
  PF_LOCK_NONE = 0,
  PF_LOCK_ACCESS_SHARE,
  PF_LOCK_ROW_SHARE,
  PF_LOCK_ROW_EXCLUSIVE,
  PF_LOCK_SHARE_UPDATE_EXCLUSIVE,
  PF_LOCK_SHARE,
  PF_LOCK_SHARE_ROW_EXCLUSIVE,
  PF_LOCK_EXCLUSIVE,
  PF_LOCK_ACCESS_EXCLUSIVE,
  PF_LOCK_COUNT
} pf_lock;

// What the statement does to the table's data while holding its lock.
typedef enum pf_effect {
  PF_EFFECT_NONE = 0, // catalog only
  PF_EFFECT_SCAN,     // reads every row (validation, index build)
  PF_EFFECT_REWRITE,  // writes a new copy of the table
  PF_EFFECT_COUNT
} pf_effect;

typedef enum pf_constraint {
  PF_CONS_NONE = 0,
  PF_CONS_CHECK,
  PF_CONS_NOT_NULL,
  PF_CONS_UNIQUE,
  PF_CONS_PRIMARY_KEY,
  PF_CONS_FOREIGN_KEY,
  PF_CONS_EXCLUDE,
  PF_CONS_COUNT
} pf_constraint;

// A possibly schema-qualified name; schema is NULL when not given.
typedef struct pf_qname {
  const char *schema;
  const char *name;
} pf_qname;

// A column as CREATE TABLE or ADD COLUMN defines it.
typedef struct pf_column_def {
  const char *name;
  const char *type;      // as SQL: "integer", "character varying(20)"
  const char *type_base; // the type's own name, lower case, as the parser
                         // resolved it: "int4", "varchar", "bpchar",
                         // "timestamp", "serial", "json", a user type...
  uint32_t ntypmods;     // 1 for varchar(20), 2 for numeric(10,2)
  bool is_array;
  bool not_null;
  bool has_default;
  bool volatile_default; // also identity and stored generated columns
  bool identity;         // GENERATED ... AS IDENTITY
  bool primary_key;      // column-level PRIMARY KEY
  bool unique;           // column-level UNIQUE
  uint32_t offset;       // byte offset of the column name in the source
} pf_column_def;

// One schema effect. All strings live in the migration's arena.
typedef struct pf_change {
  pf_change_kind kind;
  uint32_t stmt;          // index into pf_migration.stmts
  pf_span span;           // the statement (or the sub-command when known)
  pf_qname table;         // the table acted on (for indexes: the indexed table)
  const char *column;     // the column, when the change is about one
  const char *new_name;   // renames: the new name
  const char *index;      // index name (create/drop index)
  pf_qname index_q;       // drop index: the qualified name as written
  const char *constraint; // constraint name, when named
  pf_constraint cons;
  const char *type;     // ADD COLUMN / ALTER TYPE: the type as SQL text
  const char **columns; // index or constraint columns
  uint32_t ncolumns;
  pf_qname ref_table;    // foreign key: referenced table
  const char *expr;      // CHECK expression / USING / DEFAULT, as SQL text
  bool not_valid;        // ADD CONSTRAINT ... NOT VALID
  bool concurrently;     // CREATE/DROP INDEX CONCURRENTLY
  bool if_exists;        // IF [NOT] EXISTS
  bool unique;           // CREATE UNIQUE INDEX
  bool not_null;         // ADD COLUMN ... NOT NULL
  bool has_default;      // ADD COLUMN ... DEFAULT
  bool volatile_default; // the default calls a volatile function
  bool where_all;        // UPDATE/DELETE without WHERE
  bool cascade;          // DROP ... CASCADE
  pf_lock lock;          // the strongest lock the change takes on table
  pf_effect effect;
  const char *lock_doc;       // where the lock fact comes from (docs section)
  const char *concurrent_sql; // the statement rewritten CONCURRENTLY, or NULL
  const pf_column_def *cols;  // CREATE TABLE: its columns; ADD COLUMN: one
  uint32_t ncols;
} pf_change;

// What a statement does to the session rather than to the schema.
// Append-only.
typedef enum pf_stmt_kind {
  PF_STMT_OTHER = 0, // DDL or DML: see its changes
  PF_STMT_BEGIN,     // BEGIN / START TRANSACTION
  PF_STMT_COMMIT,    // COMMIT / END / PREPARE TRANSACTION
  PF_STMT_ROLLBACK,  // ROLLBACK / ABORT
  PF_STMT_SAVEPOINT, // SAVEPOINT / RELEASE / ROLLBACK TO
  PF_STMT_SET,       // SET [LOCAL] name = value / RESET name
  PF_STMT_INVALID,   // did not parse
  PF_STMT_KIND_COUNT
} pf_stmt_kind;

// One statement of a migration file.
typedef struct pf_stmt {
  pf_span span;    // without leading whitespace and comments
  const char *tag; // "ALTER TABLE", "CREATE INDEX", ...
  pf_stmt_kind kind;
  bool parsed;           // false: the statement did not parse (see diags)
  bool in_txn;           // inside an explicit BEGIN ... COMMIT
  bool no_txn;           // cannot run inside a transaction block
                         // (CONCURRENTLY, VACUUM, ...)
  const char *set_name;  // PF_STMT_SET: the setting, lower case
  const char *set_value; // PF_STMT_SET: the value as text; NULL for RESET
  bool set_local;        // SET LOCAL
  uint32_t first_change, nchanges;
} pf_stmt;

// A parse problem in the migration, with its byte position.
typedef struct pf_migration_diag {
  pf_span span;
  const char *msg;
} pf_migration_diag;

// A parsed migration file. Owns its arena; borrows the source.
typedef struct pf_migration {
  const pf_source *src;
  pf_arena *arena;
  PF_VEC(pf_stmt) stmts;
  PF_VEC(pf_change) changes;
  PF_VEC(pf_migration_diag) diags;
} pf_migration;

// Parses @src (borrowed; must outlive the result) into a new migration.
// Statements that do not parse become diags; the others are still analysed.
// Can't fail (aborts on OOM). Free with pf__migration_free().
pf_migration *pf__migration_parse(const pf_source *src);
void pf__migration_free(pf_migration *self);

// Names for output: "rename-column", "ACCESS EXCLUSIVE", "rewrite", ...
const char *pf_change_kind_name(pf_change_kind kind);
const char *pf_lock_name(pf_lock lock);
const char *pf_effect_name(pf_effect effect);
const char *pf_constraint_name(pf_constraint cons);

// Fills lock, effect and lock_doc of @c from the lock table (locks.c).
void pf__change_set_lock(pf_change *c);

// Expands @paths (files, directories of *.sql in name order, "-") into a
// sorted list of files; returns PF_IO for a missing path.
pf_code pf__migration_expand(const char *const *paths, size_t npaths,
                             char ***files, size_t *nfiles, pf_error *err);

#endif
