/* The lock table: which lock each change takes and what it does to rows. */
/* SPDX-License-Identifier: MIT */
#include "model.h"

#include <string.h>

// Sources, PostgreSQL 15 documentation:
//   ALTER TABLE  https://www.postgresql.org/docs/15/sql-altertable.html
//     ("An ACCESS EXCLUSIVE lock is acquired unless explicitly noted")
//   CREATE INDEX https://www.postgresql.org/docs/15/sql-createindex.html
//   DROP INDEX   https://www.postgresql.org/docs/15/sql-dropindex.html
//   Lock modes   https://www.postgresql.org/docs/15/explicit-locking.html
#define DOC_ALTER "PostgreSQL 15 docs, ALTER TABLE"
#define DOC_ALTER_NN                                                           \
  "PostgreSQL 15 docs, ALTER TABLE: SET NOT NULL scans the table unless a "    \
  "valid CHECK constraint proves no NULLs"
#define DOC_ALTER_ADDCOL                                                       \
  "PostgreSQL 15 docs, ALTER TABLE: ADD COLUMN with a volatile DEFAULT "       \
  "rewrites the table; a non-volatile one is stored in the catalog (PG 11+)"
#define DOC_ALTER_TYPE                                                         \
  "PostgreSQL 15 docs, ALTER TABLE: SET DATA TYPE rewrites the table and "     \
  "its indexes unless the old type is binary coercible to the new one"
#define DOC_ALTER_FK                                                           \
  "PostgreSQL 15 docs, ALTER TABLE: ADD FOREIGN KEY takes SHARE ROW "          \
  "EXCLUSIVE on both tables and validates unless NOT VALID"
#define DOC_ALTER_CHECK                                                        \
  "PostgreSQL 15 docs, ALTER TABLE: ADD CONSTRAINT validates existing rows "   \
  "unless NOT VALID"
#define DOC_ALTER_UNIQUE                                                       \
  "PostgreSQL 15 docs, ALTER TABLE: ADD UNIQUE/PRIMARY KEY builds an index "   \
  "under ACCESS EXCLUSIVE unless USING INDEX"
#define DOC_ALTER_VALIDATE                                                     \
  "PostgreSQL 15 docs, ALTER TABLE: VALIDATE CONSTRAINT takes SHARE UPDATE "   \
  "EXCLUSIVE"
#define DOC_CREATE_INDEX                                                       \
  "PostgreSQL 15 docs, CREATE INDEX: SHARE lock blocks writes for the whole "  \
  "build; CONCURRENTLY takes SHARE UPDATE EXCLUSIVE"
#define DOC_DROP_INDEX                                                         \
  "PostgreSQL 15 docs, DROP INDEX: ACCESS EXCLUSIVE on the table; "            \
  "CONCURRENTLY takes SHARE UPDATE EXCLUSIVE"
#define DOC_DROP_TABLE "PostgreSQL 15 docs, DROP TABLE / TRUNCATE"
#define DOC_DML        "PostgreSQL 15 docs, explicit locking: UPDATE/DELETE"

// More sources, PostgreSQL 15 documentation (13.3.1 is explicit-locking):
//   REINDEX, VACUUM, CLUSTER, REFRESH MATERIALIZED VIEW, CREATE TRIGGER,
//   COMMENT, LOCK: 13.3.1 "Table-Level Locks" and each command's page.
//   ALTER TABLE sub-commands: each form's paragraph on sql-altertable.html.
//   Partitions: sql-altertable.html (ATTACH/DETACH PARTITION) and 5.11.2.2
//   "Partition Maintenance" (CREATE TABLE ... PARTITION OF).
//   Not in the docs, from the PostgreSQL 15 source (tablecmds.c, policy.c,
//   trigger.c, typecmds.c): CREATE/ALTER/DROP POLICY, DROP TRIGGER, ALTER
//   DOMAIN ADD CONSTRAINT.
#define DOC_LOCKS "PostgreSQL 15 docs, 13.3.1 Table-Level Locks"
#define DOC_REINDEX                                                            \
  "PostgreSQL 15 docs, REINDEX: locks out writes (SHARE on the table) and "    \
  "takes ACCESS EXCLUSIVE on each index rebuilt, blocking reads that use it; " \
  "CONCURRENTLY takes SHARE UPDATE EXCLUSIVE"
#define DOC_VACUUM                                                             \
  "PostgreSQL 15 docs, 13.3.1: VACUUM takes SHARE UPDATE EXCLUSIVE; VACUUM "   \
  "FULL takes ACCESS EXCLUSIVE and rewrites the table"
#define DOC_CLUSTER                                                            \
  "PostgreSQL 15 docs, 13.3.1 and CLUSTER: ACCESS EXCLUSIVE while the table "  \
  "is rewritten in index order"
#define DOC_REFRESH                                                            \
  "PostgreSQL 15 docs, 13.3.1: REFRESH MATERIALIZED VIEW takes ACCESS "        \
  "EXCLUSIVE; CONCURRENTLY takes EXCLUSIVE (reads continue)"
#define DOC_TRIGGER                                                            \
  "PostgreSQL 15 docs, 13.3.1: CREATE TRIGGER takes SHARE ROW EXCLUSIVE"
#define DOC_DROP_TRIGGER                                                       \
  "PostgreSQL 15 source (RemoveTriggerById): DROP TRIGGER takes ACCESS "       \
  "EXCLUSIVE on the table"
#define DOC_ENABLE_TRIGGER                                                     \
  "PostgreSQL 15 docs, ALTER TABLE: DISABLE/ENABLE TRIGGER takes SHARE ROW "   \
  "EXCLUSIVE"
#define DOC_POLICY                                                             \
  "PostgreSQL 15 source (policy.c): CREATE/ALTER/DROP POLICY take ACCESS "     \
  "EXCLUSIVE on the table"
#define DOC_ATTACH                                                             \
  "PostgreSQL 15 docs, ALTER TABLE: ATTACH PARTITION takes SHARE UPDATE "      \
  "EXCLUSIVE on the parent and ACCESS EXCLUSIVE on the partition (and the "    \
  "default partition), and scans the partition unless a valid CHECK "          \
  "constraint implies its bound"
#define DOC_DETACH                                                             \
  "PostgreSQL 15 docs, ALTER TABLE: DETACH PARTITION takes ACCESS EXCLUSIVE "  \
  "on the parent; CONCURRENTLY (not in a transaction block) takes SHARE "      \
  "UPDATE EXCLUSIVE on the parent"
#define DOC_PARTITION_OF                                                       \
  "PostgreSQL 15 docs, 5.11.2.2: CREATE TABLE ... PARTITION OF takes ACCESS "  \
  "EXCLUSIVE on the parent; ATTACH PARTITION needs only SHARE UPDATE "         \
  "EXCLUSIVE"
#define DOC_REWRITE                                                            \
  "PostgreSQL 15 docs, ALTER TABLE: SET TABLESPACE, SET LOGGED/UNLOGGED and "  \
  "SET ACCESS METHOD rewrite the table under ACCESS EXCLUSIVE"
#define DOC_SUE_ALTER                                                          \
  "PostgreSQL 15 docs, ALTER TABLE: SET STATISTICS, per-attribute options, "   \
  "CLUSTER ON / SET WITHOUT CLUSTER and the fillfactor, toast, autovacuum "    \
  "and parallel_workers storage parameters take SHARE UPDATE EXCLUSIVE"
#define DOC_STORAGE_AEL                                                        \
  "PostgreSQL 15 docs, ALTER TABLE: storage parameters other than "            \
  "fillfactor, toast.*, autovacuum_* and parallel_workers take ACCESS "        \
  "EXCLUSIVE"
#define DOC_TYPE_COERCIBLE                                                     \
  "PostgreSQL 15 docs, ALTER TABLE: the old type is binary coercible to the "  \
  "new one, so the table is not rewritten (indexes may be rebuilt)"
#define DOC_TYPE_RECHECK                                                       \
  "PostgreSQL 15 docs, ALTER TABLE and 5.6.6: the old type is binary "         \
  "coercible to the new one, so the table is not rewritten, but the "          \
  "column's CHECK constraints are checked on every row again"
#define DOC_INDEX_RENAME                                                       \
  "PostgreSQL 15 docs, ALTER INDEX: RENAME takes SHARE UPDATE EXCLUSIVE"
#define DOC_DOMAIN                                                             \
  "PostgreSQL 15 docs, ALTER DOMAIN: ADD CONSTRAINT checks every column of "   \
  "the domain (SHARE lock on each table, typecmds.c) unless NOT VALID"
#define DOC_ADDCOL_SERIAL                                                      \
  "PostgreSQL 15 docs, ALTER TABLE and 8.1.4: a serial column's DEFAULT is "   \
  "nextval() of a new sequence, volatile, so ADD COLUMN rewrites the table"
#define DOC_ADDCOL_FK                                                          \
  "PostgreSQL 15 docs, ALTER TABLE: ADD COLUMN ... REFERENCES takes SHARE "    \
  "ROW EXCLUSIVE on the referenced table; without a DEFAULT the column is "    \
  "NULL in every row and the validation is skipped (parse_utilcmd.c)"
#define DOC_CREATE_FK                                                          \
  "PostgreSQL 15 source (ATAddForeignKeyConstraint): CREATE TABLE ... "        \
  "REFERENCES takes SHARE ROW EXCLUSIVE on the referenced table; a new "       \
  "table has no rows to validate"
#define DOC_CREATE_CHECK "a constraint of a new table: nothing to validate"
#define DOC_INDEX_ONLY                                                         \
  "PostgreSQL 15 docs, CREATE INDEX (ONLY) and 5.11.2.2: ON ONLY a "           \
  "partitioned table creates the parent's index alone, invalid and built "     \
  "nowhere, under SHARE; CONCURRENTLY is refused on a partitioned table"
#define DOC_INDEX_PARTITIONED                                                  \
  "PostgreSQL 15 docs, CREATE INDEX: on a partitioned table it builds the "    \
  "index on every partition, each under SHARE; CONCURRENTLY is refused"
#define DOC_ATTACH_INDEX                                                       \
  "PostgreSQL 15 source (ATExecAttachPartitionIdx): ALTER INDEX ... ATTACH "   \
  "PARTITION takes SHARE UPDATE EXCLUSIVE on the parent index, ACCESS "        \
  "EXCLUSIVE on the partition's index and ACCESS SHARE on both tables; no "    \
  "scan"
#define DOC_RULE                                                               \
  "PostgreSQL 15 source (DefineQueryRewrite): CREATE RULE takes ACCESS "       \
  "EXCLUSIVE on the table"
#define DOC_STATISTICS                                                         \
  "PostgreSQL 15 docs, 13.3.1: CREATE STATISTICS takes SHARE UPDATE "          \
  "EXCLUSIVE; ANALYZE fills it later"
#define DOC_MOVE_ALL                                                           \
  "PostgreSQL 15 docs, ALTER TABLE: ALL IN TABLESPACE locks every table to "   \
  "be moved (ACCESS EXCLUSIVE), then copies each one to the new tablespace"
#define DOC_CATALOG "catalog only: no lock on any table"
#define DOC_INSERT                                                             \
  "PostgreSQL 15 docs, 13.3.1: INSERT takes ROW EXCLUSIVE on its target "      \
  "and ACCESS SHARE on the tables it reads"
#define DOC_MERGE                                                              \
  "PostgreSQL 15 docs, 13.3.1: MERGE takes ROW EXCLUSIVE on its target"
#define DOC_LOCK_TABLE                                                         \
  "PostgreSQL 15 docs, LOCK: the mode the statement asks for"
#define DOC_DYNAMIC "dynamic SQL: what it locks is not known before it runs"
#define DOC_COMMENT                                                            \
  "PostgreSQL 15 docs, 13.3.1: COMMENT ON takes SHARE UPDATE EXCLUSIVE"
#define DOC_NEW_OBJECT                                                         \
  "a new object is invisible to other sessions until commit"
#define DOC_DROP_RELATION                                                      \
  "PostgreSQL 15 docs, 13.3.1: DROP takes ACCESS EXCLUSIVE on the relation"

// The lock table: one entry per change kind, refined by
// pf__change_set_lock() for the forms that depend on options.
typedef struct lock_entry {
  pf_lock lock;
  pf_effect effect;
  const char *doc;
} lock_entry;

#define AEL     PF_LOCK_ACCESS_EXCLUSIVE
#define SUE     PF_LOCK_SHARE_UPDATE_EXCLUSIVE
#define SRE     PF_LOCK_SHARE_ROW_EXCLUSIVE
#define CAT     PF_EFFECT_NONE
#define SCAN    PF_EFFECT_SCAN
#define REWRITE PF_EFFECT_REWRITE

static const lock_entry lock_table[PF_CHANGE_KIND_COUNT] = {
    [PF_CHANGE_OTHER] = {AEL, CAT, DOC_ALTER},
    [PF_CHANGE_CREATE_TABLE] = {PF_LOCK_NONE, CAT, DOC_NEW_OBJECT},
    [PF_CHANGE_DROP_TABLE] = {AEL, CAT, DOC_DROP_TABLE},
    [PF_CHANGE_RENAME_TABLE] = {AEL, CAT, DOC_ALTER},
    [PF_CHANGE_TRUNCATE] = {AEL, CAT, DOC_DROP_TABLE},
    [PF_CHANGE_ADD_COLUMN] = {AEL, CAT, DOC_ALTER_ADDCOL},
    [PF_CHANGE_DROP_COLUMN] = {AEL, CAT, DOC_ALTER},
    [PF_CHANGE_RENAME_COLUMN] = {AEL, CAT, DOC_ALTER},
    [PF_CHANGE_ALTER_COLUMN_TYPE] = {AEL, REWRITE, DOC_ALTER_TYPE},
    [PF_CHANGE_SET_NOT_NULL] = {AEL, SCAN, DOC_ALTER_NN},
    [PF_CHANGE_DROP_NOT_NULL] = {AEL, CAT, DOC_ALTER},
    [PF_CHANGE_SET_DEFAULT] = {AEL, CAT, DOC_ALTER},
    [PF_CHANGE_DROP_DEFAULT] = {AEL, CAT, DOC_ALTER},
    [PF_CHANGE_ADD_CONSTRAINT] = {AEL, SCAN, DOC_ALTER_CHECK},
    [PF_CHANGE_VALIDATE_CONSTRAINT] = {SUE, SCAN, DOC_ALTER_VALIDATE},
    [PF_CHANGE_DROP_CONSTRAINT] = {AEL, CAT, DOC_ALTER},
    [PF_CHANGE_CREATE_INDEX] = {PF_LOCK_SHARE, SCAN, DOC_CREATE_INDEX},
    [PF_CHANGE_DROP_INDEX] = {AEL, CAT, DOC_DROP_INDEX},
    [PF_CHANGE_UPDATE] = {PF_LOCK_ROW_EXCLUSIVE, SCAN, DOC_DML},
    [PF_CHANGE_DELETE] = {PF_LOCK_ROW_EXCLUSIVE, SCAN, DOC_DML},
    [PF_CHANGE_REINDEX] = {PF_LOCK_SHARE, SCAN, DOC_REINDEX},
    [PF_CHANGE_VACUUM] = {SUE, SCAN, DOC_VACUUM},
    [PF_CHANGE_ANALYZE] = {SUE, SCAN, DOC_LOCKS},
    [PF_CHANGE_CLUSTER] = {AEL, REWRITE, DOC_CLUSTER},
    [PF_CHANGE_REFRESH_MATVIEW] = {AEL, REWRITE, DOC_REFRESH},
    [PF_CHANGE_CREATE_VIEW] = {PF_LOCK_NONE, CAT, DOC_NEW_OBJECT},
    [PF_CHANGE_DROP_VIEW] = {AEL, CAT, DOC_DROP_RELATION},
    [PF_CHANGE_CREATE_MATVIEW] = {PF_LOCK_NONE, CAT, DOC_NEW_OBJECT},
    [PF_CHANGE_DROP_MATVIEW] = {AEL, CAT, DOC_DROP_RELATION},
    [PF_CHANGE_CREATE_SEQUENCE] = {PF_LOCK_NONE, CAT, DOC_NEW_OBJECT},
    [PF_CHANGE_ALTER_SEQUENCE] = {PF_LOCK_NONE, CAT, DOC_CATALOG},
    [PF_CHANGE_DROP_SEQUENCE] = {AEL, CAT, DOC_DROP_RELATION},
    [PF_CHANGE_CREATE_FUNCTION] = {PF_LOCK_NONE, CAT, DOC_CATALOG},
    [PF_CHANGE_DROP_FUNCTION] = {PF_LOCK_NONE, CAT, DOC_CATALOG},
    [PF_CHANGE_CREATE_TRIGGER] = {SRE, CAT, DOC_TRIGGER},
    [PF_CHANGE_DROP_TRIGGER] = {AEL, CAT, DOC_DROP_TRIGGER},
    [PF_CHANGE_ENABLE_TRIGGER] = {SRE, CAT, DOC_ENABLE_TRIGGER},
    [PF_CHANGE_DISABLE_TRIGGER] = {SRE, CAT, DOC_ENABLE_TRIGGER},
    [PF_CHANGE_CREATE_POLICY] = {AEL, CAT, DOC_POLICY},
    [PF_CHANGE_ALTER_POLICY] = {AEL, CAT, DOC_POLICY},
    [PF_CHANGE_DROP_POLICY] = {AEL, CAT, DOC_POLICY},
    [PF_CHANGE_ATTACH_PARTITION] = {SUE, SCAN, DOC_ATTACH},
    [PF_CHANGE_DETACH_PARTITION] = {AEL, CAT, DOC_DETACH},
    [PF_CHANGE_CREATE_SCHEMA] = {PF_LOCK_NONE, CAT, DOC_CATALOG},
    [PF_CHANGE_DROP_SCHEMA] = {AEL, CAT, DOC_DROP_RELATION},
    [PF_CHANGE_RENAME_SCHEMA] = {PF_LOCK_NONE, CAT, DOC_CATALOG},
    [PF_CHANGE_CREATE_DATABASE] = {PF_LOCK_NONE, CAT, DOC_CATALOG},
    [PF_CHANGE_DROP_DATABASE] = {PF_LOCK_NONE, CAT, DOC_CATALOG},
    [PF_CHANGE_CREATE_TYPE] = {PF_LOCK_NONE, CAT, DOC_CATALOG},
    [PF_CHANGE_ENUM_ADD_VALUE] = {PF_LOCK_NONE, CAT, DOC_CATALOG},
    [PF_CHANGE_ENUM_RENAME_VALUE] = {PF_LOCK_NONE, CAT, DOC_CATALOG},
    [PF_CHANGE_DROP_TYPE] = {PF_LOCK_NONE, CAT, DOC_CATALOG},
    [PF_CHANGE_CREATE_DOMAIN] = {PF_LOCK_NONE, CAT, DOC_CATALOG},
    [PF_CHANGE_ALTER_DOMAIN] = {PF_LOCK_NONE, CAT, DOC_DOMAIN},
    [PF_CHANGE_DROP_DOMAIN] = {PF_LOCK_NONE, CAT, DOC_CATALOG},
    [PF_CHANGE_RENAME_OBJECT] = {AEL, CAT, DOC_ALTER},
    [PF_CHANGE_SET_SCHEMA] = {AEL, CAT, DOC_ALTER},
    [PF_CHANGE_SET_TABLESPACE] = {AEL, REWRITE, DOC_REWRITE},
    [PF_CHANGE_SET_LOGGED] = {AEL, REWRITE, DOC_REWRITE},
    [PF_CHANGE_SET_UNLOGGED] = {AEL, REWRITE, DOC_REWRITE},
    [PF_CHANGE_SET_ACCESS_METHOD] = {AEL, REWRITE, DOC_REWRITE},
    [PF_CHANGE_SET_STATISTICS] = {SUE, CAT, DOC_SUE_ALTER},
    [PF_CHANGE_SET_STORAGE_PARAMS] = {AEL, CAT, DOC_STORAGE_AEL},
    [PF_CHANGE_CLUSTER_ON] = {SUE, CAT, DOC_SUE_ALTER},
    [PF_CHANGE_REPLICA_IDENTITY] = {AEL, CAT, DOC_ALTER},
    [PF_CHANGE_ADD_IDENTITY] = {AEL, CAT, DOC_ALTER},
    [PF_CHANGE_DROP_IDENTITY] = {AEL, CAT, DOC_ALTER},
    [PF_CHANGE_CREATE_EXTENSION] = {PF_LOCK_NONE, CAT, DOC_CATALOG},
    [PF_CHANGE_DROP_EXTENSION] = {PF_LOCK_NONE, CAT, DOC_CATALOG},
    [PF_CHANGE_COMMENT] = {SUE, CAT, DOC_COMMENT},
    [PF_CHANGE_GRANT] = {PF_LOCK_NONE, CAT, DOC_CATALOG},
    [PF_CHANGE_REVOKE] = {PF_LOCK_NONE, CAT, DOC_CATALOG},
    [PF_CHANGE_LOCK_TABLE] = {AEL, CAT, DOC_LOCK_TABLE},
    [PF_CHANGE_INSERT_SELECT] = {PF_LOCK_ROW_EXCLUSIVE, SCAN, DOC_INSERT},
    [PF_CHANGE_DYNAMIC_SQL] = {PF_LOCK_NONE, CAT, DOC_DYNAMIC},
    [PF_CHANGE_ALTER_SYSTEM] = {PF_LOCK_NONE, CAT, DOC_CATALOG},
    [PF_CHANGE_CREATE_TABLESPACE] = {PF_LOCK_NONE, CAT, DOC_CATALOG},
    [PF_CHANGE_DROP_TABLESPACE] = {PF_LOCK_NONE, CAT, DOC_CATALOG},
    [PF_CHANGE_CREATE_RULE] = {AEL, CAT, DOC_RULE},
    [PF_CHANGE_CREATE_STATISTICS] = {SUE, CAT, DOC_STATISTICS},
    [PF_CHANGE_ALTER_FUNCTION] = {PF_LOCK_NONE, CAT, DOC_CATALOG},
    [PF_CHANGE_ALTER_OWNER] = {PF_LOCK_NONE, CAT, DOC_CATALOG},
    [PF_CHANGE_MERGE] = {PF_LOCK_ROW_EXCLUSIVE, SCAN, DOC_MERGE},
    [PF_CHANGE_INSERT] = {PF_LOCK_ROW_EXCLUSIVE, CAT, DOC_INSERT},
    [PF_CHANGE_CREATE_EVENT_TRIGGER] = {PF_LOCK_NONE, CAT, DOC_CATALOG},
};

// Storage parameters that ALTER TABLE SET/RESET changes under SHARE UPDATE
// EXCLUSIVE (PostgreSQL 15 docs, ALTER TABLE, SET ( storage_parameter )).
static bool weak_storage_param(const char *name)
{
  return strcmp(name, "fillfactor") == 0 || strncmp(name, "toast.", 6) == 0 ||
         strncmp(name, "autovacuum_", 11) == 0 ||
         strcmp(name, "parallel_workers") == 0;
}

void pf__change_set_lock(pf_change *c)
{
  pf_lock asked = c->lock; // LOCK TABLE: the mode the parser read
  lock_entry e = {AEL, CAT, DOC_ALTER};
  if ((unsigned)c->kind < PF_CHANGE_KIND_COUNT && lock_table[c->kind].doc)
    e = lock_table[c->kind];
  c->lock = e.lock;
  c->effect = e.effect;
  c->lock_doc = e.doc;
  switch (c->kind) {
  case PF_CHANGE_CREATE_TABLE:
    if (c->other_table.name) { // PARTITION OF
      c->other_lock = AEL;
      c->lock_doc = DOC_PARTITION_OF;
    }
    break;
  case PF_CHANGE_ADD_COLUMN:
    if (c->volatile_default)
      c->effect = PF_EFFECT_REWRITE;
    if (c->ncols && c->cols[0].serial)
      c->lock_doc = DOC_ADDCOL_SERIAL;
    break;
  case PF_CHANGE_ALTER_COLUMN_TYPE:
    if (c->old_type && c->type && !c->expr &&
        pf__type_change_is_binary_coercible(c->old_type, c->type)) {
      c->effect = c->check_name ? PF_EFFECT_SCAN : PF_EFFECT_NONE;
      c->lock_doc = c->check_name ? DOC_TYPE_RECHECK : DOC_TYPE_COERCIBLE;
    }
    break;
  case PF_CHANGE_ADD_CONSTRAINT:
    if (c->new_table) { // CREATE TABLE ... REFERENCES / CHECK
      c->lock = PF_LOCK_NONE;
      c->effect = PF_EFFECT_NONE;
      c->lock_doc = DOC_CREATE_CHECK;
      if (c->cons == PF_CONS_FOREIGN_KEY) {
        c->other_table = c->ref_table;
        c->other_lock = SRE;
        c->lock_doc = DOC_CREATE_FK;
      }
      break;
    }
    if (c->from_def && c->cons == PF_CONS_FOREIGN_KEY) {
      c->lock = SRE;
      c->effect = c->has_default ? PF_EFFECT_SCAN : PF_EFFECT_NONE;
      c->lock_doc = DOC_ADDCOL_FK;
      c->other_table = c->ref_table;
      c->other_lock = SRE;
      break;
    }
    switch (c->cons) {
    case PF_CONS_FOREIGN_KEY:
      c->lock = SRE;
      c->lock_doc = DOC_ALTER_FK;
      c->effect = c->not_valid ? PF_EFFECT_NONE : PF_EFFECT_SCAN;
      c->other_table = c->ref_table;
      c->other_lock = SRE;
      break;
    case PF_CONS_UNIQUE:
    case PF_CONS_PRIMARY_KEY:
    case PF_CONS_EXCLUDE:
      c->lock_doc = DOC_ALTER_UNIQUE;
      c->effect = c->index ? PF_EFFECT_NONE : PF_EFFECT_SCAN;
      break;
    default:
      c->effect = c->not_valid ? PF_EFFECT_NONE : PF_EFFECT_SCAN;
      break;
    }
    break;
  case PF_CHANGE_CREATE_INDEX:
    if (c->concurrently)
      c->lock = SUE;
    if (c->only) { // check.c undoes this for a table known not partitioned
      c->effect = PF_EFFECT_NONE;
      c->lock_doc = DOC_INDEX_ONLY;
    } else if (c->partitioned) {
      c->lock_doc = DOC_INDEX_PARTITIONED;
    }
    break;
  case PF_CHANGE_DROP_INDEX:
  case PF_CHANGE_REINDEX:
    if (c->concurrently)
      c->lock = SUE;
    break;
  case PF_CHANGE_VACUUM:
    if (c->full) {
      c->lock = AEL;
      c->effect = PF_EFFECT_REWRITE;
    }
    break;
  case PF_CHANGE_REFRESH_MATVIEW:
    if (c->concurrently) {
      c->lock = PF_LOCK_EXCLUSIVE;
      c->effect = PF_EFFECT_SCAN; // computes the new rows, writes a diff
    }
    break;
  case PF_CHANGE_CREATE_VIEW:
    if (c->replace) // replacing an existing view locks it
      c->lock_doc = "CREATE OR REPLACE VIEW takes ACCESS EXCLUSIVE on the "
                    "view it replaces";
    break;
  case PF_CHANGE_ATTACH_PARTITION:
    c->other_lock = AEL;
    if (c->index && !c->table.name) { // ALTER INDEX ... ATTACH PARTITION
      c->effect = PF_EFFECT_NONE;
      c->lock_doc = DOC_ATTACH_INDEX;
    }
    break;
  case PF_CHANGE_SET_TABLESPACE:
    if (!c->table.name && !c->index && c->object.name) { // ALL IN TABLESPACE
      c->lock_doc = DOC_MOVE_ALL;
    }
    break;
  case PF_CHANGE_DETACH_PARTITION:
    c->other_lock = AEL;
    if (c->concurrently || c->finalize)
      c->lock = SUE;
    break;
  case PF_CHANGE_RENAME_OBJECT:
    if (c->index) {
      c->lock = SUE;
      c->lock_doc = DOC_INDEX_RENAME;
    } else if (!c->table.name) {
      c->lock = PF_LOCK_NONE; // a view, a type, a function: no table
      c->lock_doc = DOC_CATALOG;
    }
    break;
  case PF_CHANGE_SET_SCHEMA:
    if (!c->table.name) {
      c->lock = PF_LOCK_NONE;
      c->lock_doc = DOC_CATALOG;
    }
    break;
  case PF_CHANGE_SET_STORAGE_PARAMS: {
    bool weak = c->column != NULL; // attribute options: always SUE
    if (!weak && c->ncolumns) {
      weak = true;
      for (uint32_t i = 0; i < c->ncolumns; i++)
        weak = weak && c->columns[i] && weak_storage_param(c->columns[i]);
    }
    if (weak) {
      c->lock = SUE;
      c->lock_doc = DOC_SUE_ALTER;
    }
    break;
  }
  case PF_CHANGE_ALTER_DOMAIN:
    if ((c->cons == PF_CONS_CHECK && !c->not_valid) ||
        c->cons == PF_CONS_NOT_NULL) {
      c->lock = PF_LOCK_SHARE;
      c->effect = PF_EFFECT_SCAN;
    } else if (c->constraint && c->cons == PF_CONS_NONE) { // VALIDATE
      c->effect = PF_EFFECT_SCAN;
    }
    break;
  case PF_CHANGE_INSERT_SELECT:
  case PF_CHANGE_MERGE:
    c->other_lock = c->other_table.name ? PF_LOCK_ACCESS_SHARE : PF_LOCK_NONE;
    break;
  case PF_CHANGE_LOCK_TABLE:
    if (asked != PF_LOCK_NONE)
      c->lock = asked;
    break;
  default:
    break;
  }
}

const char *pf_change_kind_name(pf_change_kind kind)
{
  static const char *const names[] = {"other",
                                      "create-table",
                                      "drop-table",
                                      "rename-table",
                                      "truncate",
                                      "add-column",
                                      "drop-column",
                                      "rename-column",
                                      "alter-column-type",
                                      "set-not-null",
                                      "drop-not-null",
                                      "set-default",
                                      "drop-default",
                                      "add-constraint",
                                      "validate-constraint",
                                      "drop-constraint",
                                      "create-index",
                                      "drop-index",
                                      "update",
                                      "delete",
                                      "reindex",
                                      "vacuum",
                                      "analyze",
                                      "cluster",
                                      "refresh-materialized-view",
                                      "create-view",
                                      "drop-view",
                                      "create-materialized-view",
                                      "drop-materialized-view",
                                      "create-sequence",
                                      "alter-sequence",
                                      "drop-sequence",
                                      "create-function",
                                      "drop-function",
                                      "create-trigger",
                                      "drop-trigger",
                                      "enable-trigger",
                                      "disable-trigger",
                                      "create-policy",
                                      "alter-policy",
                                      "drop-policy",
                                      "attach-partition",
                                      "detach-partition",
                                      "create-schema",
                                      "drop-schema",
                                      "rename-schema",
                                      "create-database",
                                      "drop-database",
                                      "create-type",
                                      "enum-add-value",
                                      "enum-rename-value",
                                      "drop-type",
                                      "create-domain",
                                      "alter-domain",
                                      "drop-domain",
                                      "rename-object",
                                      "set-schema",
                                      "set-tablespace",
                                      "set-logged",
                                      "set-unlogged",
                                      "set-access-method",
                                      "set-statistics",
                                      "set-storage-parameters",
                                      "cluster-on",
                                      "replica-identity",
                                      "add-identity",
                                      "drop-identity",
                                      "create-extension",
                                      "drop-extension",
                                      "comment",
                                      "grant",
                                      "revoke",
                                      "lock-table",
                                      "insert-select",
                                      "dynamic-sql",
                                      "alter-system",
                                      "create-tablespace",
                                      "drop-tablespace",
                                      "create-rule",
                                      "create-statistics",
                                      "alter-function",
                                      "alter-owner",
                                      "merge",
                                      "insert",
                                      "create-event-trigger"};
  _Static_assert(sizeof(names) / sizeof(names[0]) == PF_CHANGE_KIND_COUNT,
                 "one name per change kind");
  return (unsigned)kind < PF_CHANGE_KIND_COUNT ? names[kind] : "other";
}

const char *pf_lock_name(pf_lock lock)
{
  static const char *const names[PF_LOCK_COUNT] = {"none",
                                                   "ACCESS SHARE",
                                                   "ROW SHARE",
                                                   "ROW EXCLUSIVE",
                                                   "SHARE UPDATE EXCLUSIVE",
                                                   "SHARE",
                                                   "SHARE ROW EXCLUSIVE",
                                                   "EXCLUSIVE",
                                                   "ACCESS EXCLUSIVE"};
  return (unsigned)lock < PF_LOCK_COUNT ? names[lock] : "none";
}

const char *pf_effect_name(pf_effect effect)
{
  static const char *const names[PF_EFFECT_COUNT] = {"catalog-only", "scan",
                                                     "rewrite"};
  return (unsigned)effect < PF_EFFECT_COUNT ? names[effect] : "catalog-only";
}

const char *pf_constraint_name(pf_constraint cons)
{
  static const char *const names[PF_CONS_COUNT] = {
      "none",        "check",       "not-null", "unique",
      "primary-key", "foreign-key", "exclude"};
  return (unsigned)cons < PF_CONS_COUNT ? names[cons] : "none";
}
