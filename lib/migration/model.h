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
  // Statements beyond tables and columns (issue 3). Non-table objects are
  // named in `object`; `table` is set only for tables and materialized views
  // that exist before the statement.
  PF_CHANGE_REINDEX,           // concurrently; object_type index, table, ...
  PF_CHANGE_VACUUM,            // full; table unset: the whole database
  PF_CHANGE_ANALYZE,           // ANALYZE (also VACUUM ANALYZE's sibling)
  PF_CHANGE_CLUSTER,           // CLUSTER [table [USING index]]
  PF_CHANGE_REFRESH_MATVIEW,   // concurrently; table is the view
  PF_CHANGE_CREATE_VIEW,       // object; replace
  PF_CHANGE_DROP_VIEW,         // object
  PF_CHANGE_CREATE_MATVIEW,    // object
  PF_CHANGE_DROP_MATVIEW,      // object
  PF_CHANGE_CREATE_SEQUENCE,   // object
  PF_CHANGE_ALTER_SEQUENCE,    // object
  PF_CHANGE_DROP_SEQUENCE,     // object
  PF_CHANGE_CREATE_FUNCTION,   // object; object_type function or procedure
  PF_CHANGE_DROP_FUNCTION,     // object
  PF_CHANGE_CREATE_TRIGGER,    // table; object is the trigger
  PF_CHANGE_DROP_TRIGGER,      // table; object is the trigger
  PF_CHANGE_ENABLE_TRIGGER,    // table; object is the trigger (NULL: ALL)
  PF_CHANGE_DISABLE_TRIGGER,   // table; object is the trigger (NULL: ALL)
  PF_CHANGE_CREATE_POLICY,     // table; object is the policy
  PF_CHANGE_ALTER_POLICY,      // table; object is the policy
  PF_CHANGE_DROP_POLICY,       // table; object is the policy
  PF_CHANGE_ATTACH_PARTITION,  // table is the parent; other_table the partition
  PF_CHANGE_DETACH_PARTITION,  // same; concurrently, finalize
  PF_CHANGE_CREATE_SCHEMA,     // object
  PF_CHANGE_DROP_SCHEMA,       // object; cascade
  PF_CHANGE_RENAME_SCHEMA,     // object; new_name
  PF_CHANGE_CREATE_DATABASE,   // object
  PF_CHANGE_DROP_DATABASE,     // object
  PF_CHANGE_CREATE_TYPE,       // object; object_type enum, composite, range...
  PF_CHANGE_ENUM_ADD_VALUE,    // object; value; has_neighbor (BEFORE/AFTER)
  PF_CHANGE_ENUM_RENAME_VALUE, // object; value -> new_name
  PF_CHANGE_DROP_TYPE,         // object
  PF_CHANGE_CREATE_DOMAIN,     // object; cons/expr when it has a CHECK
  PF_CHANGE_ALTER_DOMAIN,      // object; cons/expr for ADD CONSTRAINT
  PF_CHANGE_DROP_DOMAIN,       // object
  PF_CHANGE_RENAME_OBJECT,     // index, constraint, sequence, view, type, ...
  PF_CHANGE_SET_SCHEMA,        // ALTER ... SET SCHEMA: new_name is the schema
  PF_CHANGE_SET_TABLESPACE,    // rewrites (table) or rebuilds (index)
  PF_CHANGE_SET_LOGGED,        // rewrites
  PF_CHANGE_SET_UNLOGGED,      // rewrites
  PF_CHANGE_SET_ACCESS_METHOD, // rewrites
  PF_CHANGE_SET_STATISTICS,    // column SET STATISTICS
  PF_CHANGE_SET_STORAGE_PARAMS, // SET/RESET (...): names in columns; with
                                // column: attribute options
  PF_CHANGE_CLUSTER_ON,         // CLUSTER ON / SET WITHOUT CLUSTER
  PF_CHANGE_REPLICA_IDENTITY,   // REPLICA IDENTITY ...
  PF_CHANGE_ADD_IDENTITY,       // ALTER COLUMN ADD GENERATED ... AS IDENTITY
  PF_CHANGE_DROP_IDENTITY,      // ALTER COLUMN DROP IDENTITY
  PF_CHANGE_CREATE_EXTENSION,   // object
  PF_CHANGE_DROP_EXTENSION,     // object
  PF_CHANGE_COMMENT,            // COMMENT ON: table for tables and columns
  PF_CHANGE_GRANT,              // object (first object), object_type
  PF_CHANGE_REVOKE,             // object (first object), object_type
  PF_CHANGE_LOCK_TABLE,         // LOCK TABLE: lock is the mode asked for
  PF_CHANGE_INSERT_SELECT,      // INSERT ... SELECT ... FROM: a backfill
  PF_CHANGE_DYNAMIC_SQL,        // EXECUTE in a DO block, a non-plpgsql DO,
                                // psql \gexec: effect unknown (detail says)
  PF_CHANGE_ALTER_SYSTEM,       // ALTER SYSTEM
  PF_CHANGE_CREATE_TABLESPACE,  // object
  PF_CHANGE_DROP_TABLESPACE,    // object
  // Appended for the review of issue 3: statements that changed nothing.
  PF_CHANGE_CREATE_RULE,       // table; object is the rule
  PF_CHANGE_CREATE_STATISTICS, // table (its FROM relation); object
  PF_CHANGE_ALTER_FUNCTION,    // object; object_type function, procedure...
  PF_CHANGE_ALTER_OWNER,       // object; object_type; new_name is the role
  // Appended for requires-newer-server: statements that exist only from a
  // given PostgreSQL version on.
  PF_CHANGE_MERGE,                // MERGE INTO table: table is the target
  PF_CHANGE_INSERT,               // INSERT ... VALUES with ON CONFLICT (the
                                  // plain one changes no schema: left out)
  PF_CHANGE_CREATE_EVENT_TRIGGER, // object is the event trigger
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

// Whether @a and @b name the same relation: equal names, and equal schemas
// when both are given (an unqualified name may be either).
bool pf__qname_same(const pf_qname *a, const pf_qname *b);

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
  bool volatile_default;    // also identity and stored generated columns
  bool identity;            // GENERATED ... AS IDENTITY
  bool primary_key;         // column-level PRIMARY KEY
  bool unique;              // column-level UNIQUE
  uint32_t offset;          // byte offset of the column name in the source
  const char *default_expr; // the DEFAULT expression as SQL, or NULL
  // Appended for issue 7: the functions the DEFAULT calls (up to
  // PF_MAX_DEFAULT_FUNCS), for their volatility from pg_proc.
  const pf_qname *funcs;
  uint32_t nfuncs;
  // Appended for the review of issue 3: serial, bigserial, smallserial. The
  // type is an integer with DEFAULT nextval() of a sequence created with it
  // (volatile: ADD COLUMN rewrites the table) and NOT NULL (PostgreSQL 15
  // docs, 8.1.4 Serial Types).
  bool serial;
  // Appended for requires-newer-server: GENERATED ALWAYS AS (expr) STORED.
  bool generated;
} pf_column_def;

#define PF_MAX_DEFAULT_FUNCS 16

// The shape of an expression copied from a migration (a CHECK, a USING),
// read from its parse tree: what it is made of, so the live checks can
// decide from the catalog whether evaluating it is safe. All strings live in
// the migration's arena.
typedef struct pf_expr_shape {
  const char *unsafe; // why it may never be evaluated ("contains a
                      // subquery"), or NULL when only columns, constants,
                      // operators, casts and function calls appear
  const char **funcs; // functions called: "name" or "schema.name"
  uint32_t nfuncs;
  const char **ops; // operators: "=", "~~", or "schema.op" when qualified
  uint32_t nops;
  const char **types; // type names of casts, as SQL ("integer", "x.t")
  uint32_t ntypes;
  const char **cols; // columns referenced (unqualified names)
  uint32_t ncols;
  const char *cast_of; // USING: the column when the expression is exactly
                       // "column::type", else NULL
} pf_expr_shape;

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
  const char *type;     // ADD COLUMN / ALTER TYPE: the type as SQL text;
                        // ALTER SEQUENCE: its AS type, or NULL
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
  // Appended for issue 3.
  pf_qname object;         // the object acted on when it is not a table:
                           // view, sequence, function, trigger, policy,
                           // type, domain, schema, extension, database...
  const char *object_type; // "view", "sequence", "function", "trigger",
                           // "enum", "composite", "schema", "index", ...
  pf_qname other_table;    // a second table the change locks: the table a
                           // foreign key references, the partition of
                           // ATTACH/DETACH (ALTER INDEX ... ATTACH: the
                           // partition's index), the parent of PARTITION OF
  pf_lock other_lock;      // the lock taken on other_table
  const char *value;       // enum ADD VALUE / RENAME VALUE: the value;
                           // ALL IN TABLESPACE: what moves ("table")
  const char *old_type;    // ALTER COLUMN TYPE: the type before, when an
                           // earlier statement of this file defines it
  const char *detail;      // DYNAMIC_SQL: what could not be analysed
  bool full;               // VACUUM FULL
  bool finalize;           // DETACH PARTITION ... FINALIZE
  bool replace;            // CREATE OR REPLACE
  bool as_query;           // CREATE TABLE AS / SELECT INTO (create-table)
  bool has_neighbor;       // ADD VALUE ... BEFORE/AFTER
  bool in_do;              // comes from a statement inside a DO block
  // Appended for issue 5 (live checks).
  const pf_expr_shape *shape; // CHECK / USING expression: its shape
  const char **ref_columns;   // foreign key: the referenced columns (none:
  uint32_t nref_columns;      // the referenced table's primary key)
  bool partial;               // CREATE INDEX ... WHERE (partial index)
  bool nulls_not_distinct;    // UNIQUE NULLS NOT DISTINCT
  // Appended for issue 7 (catalog facts): ADD COLUMN, the functions its
  // DEFAULT calls, as written (schema NULL when unqualified).
  const pf_qname *default_funcs;
  uint32_t ndefault_funcs;
  // Set by the check with a database: the volatility of those functions
  // from pg_proc ('v', 's', 'i'; 0 unknown) and the one that decided.
  char default_volatility;
  const char *default_func; // "now()", or NULL
  // Appended for issue 7 (enum values in use).
  const char **labels; // CREATE TYPE ... AS ENUM: its values, in order
  uint32_t nlabels;
  // Appended for EXCLUDE constraints (issue 7 verdicts): the operator of
  // each element of columns ("=", "&&", "schema.op"), whether an element
  // is an expression rather than a column (columns then holds its text),
  // and the index method ("gist"); partial is set by a WHERE.
  const char **excl_ops;
  bool excl_expr;
  const char *excl_method;
  // Appended for the review of issue 3. ADD_CONSTRAINT: from_def when the
  // constraint is written in a column or table definition (ADD COLUMN ...
  // UNIQUE / PRIMARY KEY / REFERENCES / CHECK, CREATE TABLE ... REFERENCES
  // / CHECK), which PostgreSQL turns into a constraint of its own: its
  // columns are new, and has_default says whether the added column has a
  // DEFAULT (without one it is NULL in every row). new_table: in a CREATE
  // TABLE, so nothing exists to validate.
  bool from_def;
  bool new_table;
  bool only;        // CREATE INDEX ... ON ONLY: the table alone, not its
                    // partitions
  bool partitioned; // CREATE TABLE ... PARTITION BY; CREATE INDEX on a
                    // table the schema knows is partitioned (check.c)
  pf_span rel_span; // CREATE INDEX, ALTER TABLE: the table's name as
                    // written (source offsets; {0, 0} when unknown, as in
                    // a DO block)
  // ALTER COLUMN TYPE that keeps the data: a CHECK constraint on the
  // column, which PostgreSQL checks on every row again (set by check.c
  // from the schema before the statement), and its definition.
  const char *check_name;
  const char *check_def;
  bool cols_open; // CREATE TABLE: cols is not every column (LIKE, INHERITS,
                  // PARTITION OF, OF type, AS query add the others)
  // ADD PRIMARY KEY USING INDEX (set by check.c from the database or the
  // schema): PostgreSQL sets the index's columns NOT NULL, scanning the
  // table for a column that allows NULL. pk_not_null: all are NOT NULL
  // already; else nullable_col names one that is not (NULL: not known).
  bool pk_not_null;
  const char *nullable_col;
  // Appended for requires-newer-server: syntax that exists only from a
  // given PostgreSQL version on. include: CREATE INDEX or a UNIQUE /
  // PRIMARY KEY constraint with INCLUDE (...) (CREATE TABLE: one of its
  // table constraints); on_conflict: INSERT ... ON CONFLICT; method:
  // CREATE INDEX ... USING, lower case (NULL: the default, btree);
  // row_security: OTHER for ALTER TABLE ... ENABLE / DISABLE / FORCE / NO
  // FORCE ROW LEVEL SECURITY; execute_function: CREATE [EVENT] TRIGGER
  // ... EXECUTE FUNCTION (not PROCEDURE).
  bool include;
  bool on_conflict;
  bool row_security;
  const char *method;
  bool execute_function;
  bool unlogged;          // CREATE UNLOGGED TABLE
  bool transition_tables; // CREATE TRIGGER ... REFERENCING NEW/OLD TABLE
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
  // Appended for the review of issue 3: RESET name, RESET ALL (set_name
  // "all") and SET name TO DEFAULT, which bring back the value the role or
  // database sets; SELECT set_config(name, value, is_local) is a SET too.
  bool set_reset;
} pf_stmt;

// A parse problem in the migration, with its byte position.
typedef struct pf_migration_diag {
  pf_span span;
  const char *msg;
} pf_migration_diag;

typedef PF_VEC(pf_migration_diag) pf_migration_diags;

// A parsed migration file. Owns its arena; borrows the source.
typedef struct pf_migration {
  const pf_source *src;
  pf_arena *arena;
  PF_VEC(pf_stmt) stmts;
  PF_VEC(pf_change) changes;
  pf_migration_diags diags;
  pf_migration_diags notes; // non-fatal: psql meta-commands, ...
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

// Whether ALTER COLUMN ... TYPE from @old_type to @new_type (SQL type text,
// any spelling: "character varying(20)", "varchar(20)", "numeric(10,2)")
// keeps the stored bytes, so PostgreSQL 15 skips the table rewrite. False
// when unsure. timestamp <-> timestamptz is false: it skips the rewrite
// only when the session TimeZone is UTC. This function can't fail.
bool pf__type_change_is_binary_coercible(const char *old_type,
                                         const char *new_type);

// How a directory of migrations is laid out, and so in what order its
// files apply. Append-only.
typedef enum pf_layout {
  PF_LAYOUT_PLAIN = 0,      // *.sql, leading number then name order
  PF_LAYOUT_FLYWAY,         // V<version>__x.sql by version, then R__x.sql
  PF_LAYOUT_GOLANG_MIGRATE, // <version>_x.up.sql by version
  PF_LAYOUT_DBMATE,         // plain order; "-- migrate:up" sections
  PF_LAYOUT_PRISMA,         // <folder>/migration.sql by folder name
  PF_LAYOUT_SQITCH,         // sqitch.plan order -> deploy/<change>.sql
  PF_LAYOUT_COUNT
} pf_layout;

// "Flyway", "golang-migrate", ... Can't fail.
const char *pf__layout_name(pf_layout layout);
// Detects the layout of directory @dir (plain when unreadable).
pf_layout pf__migration_layout(const char *dir);
// Expands @paths (files, directories, "-") into the files to check, each
// directory in the order its layout applies them (*files: caller frees each
// and the array). Returns PF_IO for a missing path or a plan naming a
// missing script.
pf_code pf__migration_expand(const char *const *paths, size_t npaths,
                             char ***files, size_t *nfiles, pf_error *err);
// The migrations of directory @dir in the order its layout applies them
// (*files: caller frees each and the array); sets *layout.
pf_code pf__migration_dir(const char *dir, char ***files, size_t *nfiles,
                          pf_layout *layout, pf_error *err);
// dbmate: when @data has a "-- migrate:up" line, blanks every
// "-- migrate:down" section with spaces (newlines kept, so positions stay
// true), sets *no_txn when the up marker says "transaction:false" (dbmate
// otherwise runs the file in a transaction) and returns true. Otherwise
// leaves @data alone and returns false.
bool pf__migration_dbmate_mask(char *data, size_t len, bool *no_txn);
// Flyway's script configuration of migration @sql_path: the file beside it
// named @sql_path + ".conf" (Flyway 6.1+). 0 when it says
// executeInTransaction=false, 1 when =true, -1 when there is no such file
// or it does not say (or says something else than true or false).
int pf__flyway_script_txn(const char *sql_path);

#endif
