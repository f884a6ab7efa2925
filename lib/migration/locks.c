/* The lock table: which lock each change takes and what it does to rows. */
/* SPDX-License-Identifier: MIT */
#include "model.h"

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

void pf__change_set_lock(pf_change *c)
{
  c->lock = PF_LOCK_ACCESS_EXCLUSIVE;
  c->effect = PF_EFFECT_NONE;
  c->lock_doc = DOC_ALTER;
  switch (c->kind) {
  case PF_CHANGE_CREATE_TABLE:
    c->lock = PF_LOCK_NONE; // a new table: nobody else can hold it
    c->lock_doc = "a new table is invisible to other sessions until commit";
    break;
  case PF_CHANGE_ADD_COLUMN:
    c->lock_doc = DOC_ALTER_ADDCOL;
    if (c->volatile_default)
      c->effect = PF_EFFECT_REWRITE;
    break;
  case PF_CHANGE_ALTER_COLUMN_TYPE:
    c->lock_doc = DOC_ALTER_TYPE;
    c->effect = PF_EFFECT_REWRITE;
    break;
  case PF_CHANGE_SET_NOT_NULL:
    c->lock_doc = DOC_ALTER_NN;
    c->effect = PF_EFFECT_SCAN;
    break;
  case PF_CHANGE_ADD_CONSTRAINT:
    switch (c->cons) {
    case PF_CONS_FOREIGN_KEY:
      c->lock = PF_LOCK_SHARE_ROW_EXCLUSIVE;
      c->lock_doc = DOC_ALTER_FK;
      c->effect = c->not_valid ? PF_EFFECT_NONE : PF_EFFECT_SCAN;
      break;
    case PF_CONS_UNIQUE:
    case PF_CONS_PRIMARY_KEY:
    case PF_CONS_EXCLUDE:
      c->lock_doc = DOC_ALTER_UNIQUE;
      c->effect = c->index ? PF_EFFECT_NONE : PF_EFFECT_SCAN;
      break;
    default:
      c->lock_doc = DOC_ALTER_CHECK;
      c->effect = c->not_valid ? PF_EFFECT_NONE : PF_EFFECT_SCAN;
      break;
    }
    break;
  case PF_CHANGE_VALIDATE_CONSTRAINT:
    c->lock = PF_LOCK_SHARE_UPDATE_EXCLUSIVE;
    c->lock_doc = DOC_ALTER_VALIDATE;
    c->effect = PF_EFFECT_SCAN;
    break;
  case PF_CHANGE_CREATE_INDEX:
    c->lock = c->concurrently ? PF_LOCK_SHARE_UPDATE_EXCLUSIVE : PF_LOCK_SHARE;
    c->lock_doc = DOC_CREATE_INDEX;
    c->effect = PF_EFFECT_SCAN;
    break;
  case PF_CHANGE_DROP_INDEX:
    c->lock = c->concurrently ? PF_LOCK_SHARE_UPDATE_EXCLUSIVE
                              : PF_LOCK_ACCESS_EXCLUSIVE;
    c->lock_doc = DOC_DROP_INDEX;
    break;
  case PF_CHANGE_DROP_TABLE:
  case PF_CHANGE_TRUNCATE:
    c->lock_doc = DOC_DROP_TABLE;
    break;
  case PF_CHANGE_UPDATE:
  case PF_CHANGE_DELETE:
    c->lock = PF_LOCK_ROW_EXCLUSIVE;
    c->lock_doc = DOC_DML;
    c->effect = PF_EFFECT_SCAN;
    break;
  default:
    break;
  }
}

const char *pf_change_kind_name(pf_change_kind kind)
{
  static const char *const names[PF_CHANGE_KIND_COUNT] = {
      "other",           "create-table",   "drop-table",
      "rename-table",    "truncate",       "add-column",
      "drop-column",     "rename-column",  "alter-column-type",
      "set-not-null",    "drop-not-null",  "set-default",
      "drop-default",    "add-constraint", "validate-constraint",
      "drop-constraint", "create-index",   "drop-index",
      "update",          "delete"};
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
