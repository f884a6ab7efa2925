/* What the database looks like before a migration: an in-memory catalog. */
/* SPDX-License-Identifier: MIT */
#ifndef PF_SCHEMA_SCHEMA_H
#define PF_SCHEMA_SCHEMA_H

#include "pgpreflight.h"

#include <stdbool.h>
#include <stdint.h>

#include "core/core.h"

// Built by replaying migrations (lib/check/replay.c); read by the rules
// through the facts. Names are unqualified when the migration did not
// qualify them; "public" and no schema are treated as the same.

typedef struct pf_schema_column {
  char *name;
  char *type; // as SQL, or NULL when unknown
  bool not_null;
  bool has_default; // DEFAULT, serial, identity or generated (issue 7)
} pf_schema_column;

// A CHECK constraint: PostgreSQL checks it on every row again when the type
// of a column it uses changes, even when the data is not rewritten.
typedef struct pf_schema_check {
  char *name;  // as written, or the name PostgreSQL gives it
  char *expr;  // the condition as SQL
  char **cols; // the columns it uses
  uint32_t ncols;
} pf_schema_check;

typedef struct pf_schema_table {
  char *schema; // NULL: unqualified (public)
  char *name;
  bool created_in_run; // by a migration being checked, not an earlier one
  PF_VEC(pf_schema_column) columns;
  PF_VEC(char *)
  not_null_checks;               // columns proven by a valid CHECK
                                 // (col IS NOT NULL) constraint
  PF_VEC(char *) pending_checks; // NOT VALID ones: "constraint\ncolumn"
  // Appended for the review of issue 3.
  bool partitioned;  // CREATE TABLE ... PARTITION BY
  bool columns_open; // columns came from elsewhere too (LIKE, INHERITS, AS,
                     // OF type, PARTITION OF an unknown parent): a column
                     // not listed may still exist
  PF_VEC(pf_schema_check) checks; // every CHECK constraint, by name
} pf_schema_table;

typedef struct pf_schema pf_schema;

pf_schema *pf__schema_new(void);
void pf__schema_free(pf_schema *self);

// Lookups; NULL when unknown. Borrowed, valid until the next change.
pf_schema_table *pf__schema_table(pf_schema *self, const char *schema,
                                  const char *name);
pf_schema_column *pf__schema_column(pf_schema_table *t, const char *name);
// The tables known, by index (issue 7: the columns of an enum type).
uint32_t pf__schema_ntables(const pf_schema *self);
pf_schema_table *pf__schema_table_at(pf_schema *self, uint32_t i);
// Whether the replay saw the table dropped or renamed away.
bool pf__schema_table_gone(const pf_schema *self, const char *schema,
                           const char *name);
// Whether the index exists (created by a replayed migration) or is gone.
bool pf__schema_index_known(const pf_schema *self, const char *name);
bool pf__schema_index_gone(const pf_schema *self, const char *name);

// Changes. Unknown tables are created on demand only by add_table.
pf_schema_table *pf__schema_add_table(pf_schema *self, const char *schema,
                                      const char *name, bool in_run);
void pf__schema_drop_table(pf_schema *self, const char *schema,
                           const char *name);
void pf__schema_rename_table(pf_schema *self, const char *schema,
                             const char *name, const char *new_name);
pf_schema_column *pf__schema_add_column(pf_schema_table *t, const char *name,
                                        const char *type, bool not_null);
void pf__schema_drop_column(pf_schema_table *t, const char *name);
void pf__schema_rename_column(pf_schema_table *t, const char *name,
                              const char *new_name);
// A CHECK (column IS NOT NULL) constraint; NOT VALID ones count once
// validated.
void pf__schema_add_not_null_check(pf_schema_table *t, const char *name,
                                   const char *column, bool valid);
void pf__schema_validate_check(pf_schema_table *t, const char *name);
bool pf__schema_not_null_proven(const pf_schema_table *t, const char *column);
// A CHECK constraint named @name (NULL: PostgreSQL's default name, from the
// table and, when it uses one column, that column) over @cols.
void pf__schema_add_check(pf_schema_table *t, const char *name,
                          const char *expr, const char *const *cols,
                          uint32_t ncols);
// The first CHECK constraint that uses @column, or NULL. Borrowed.
const pf_schema_check *pf__schema_check_on(const pf_schema_table *t,
                                           const char *column);
// DROP CONSTRAINT: forgets the CHECK constraint @name, if known.
void pf__schema_drop_constraint(pf_schema_table *t, const char *name);
// An index CREATE INDEX made: its table and columns (expressions count as
// unknown columns). For ADD PRIMARY KEY USING INDEX, which sets its columns
// NOT NULL.
typedef struct pf_schema_index {
  char *name;
  char *table_schema, *table; // table NULL when not known
  char **cols;
  uint32_t ncols;
  bool exprs; // an element is an expression, not a column
} pf_schema_index;

// The index @name, or NULL. Borrowed, valid until the next change.
const pf_schema_index *pf__schema_index(const pf_schema *self,
                                        const char *name);
// Records index @name on @table_schema.@table over @cols (may be NULL and
// 0 when not known).
void pf__schema_add_index_on(pf_schema *self, const char *name,
                             const char *table_schema, const char *table,
                             const char *const *cols, uint32_t ncols,
                             bool exprs);
void pf__schema_add_index(pf_schema *self, const char *name);
void pf__schema_drop_index(pf_schema *self, const char *name);

#endif
