/* Live checks: a read-only, time-bounded libpq session and its queries. */
/* SPDX-License-Identifier: MIT */
#ifndef PF_LIVE_LIVE_H
#define PF_LIVE_LIVE_H

#include "pgpreflight.h"

#include "migration/model.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

// A read-only session. Opaque.
typedef struct pf_live pf_live;

typedef struct pf_live_opts {
  uint32_t connect_timeout_s;    // default 5
  uint32_t statement_timeout_ms; // per query; default 3000
  uint32_t lock_timeout_ms;      // catalog reads; default 500
  uint32_t budget_ms;            // total for the session; default 10000
  bool exact;                    // count exactly even when the table is large
  bool show_values;              // fetch the first few offending keys
} pf_live_opts;

// Connects with @conninfo (URL or key=value; NULL or "" uses libpq's PG*
// environment) and sets the session read-only with the timeouts and
// application_name=pgpreflight. On failure returns PF_DB_CONNECT with a
// message that never contains the password; *out is NULL.
pf_code pf__live_connect(const char *conninfo, const pf_live_opts *opts,
                         pf_live **out, pf_error *err);
void pf__live_free(pf_live *self);

// The budget (--db-budget) counts only time spent on the database: while
// the session waits for other work (the code scan), hold it with
// pf__live_budget_pause, which returns the milliseconds left, and give
// them back with pf__live_budget_resume. These functions can't fail.
int64_t pf__live_budget_pause(const pf_live *self);
void pf__live_budget_resume(pf_live *self, int64_t left_ms);

// Server version number (150004), and whether it is a hot standby.
int pf__live_server_version(const pf_live *self);
bool pf__live_is_standby(const pf_live *self);
// The server process id of the session (for diagnostics and tests).
int pf__live_backend_pid(const pf_live *self);
// Writes @conninfo with any password replaced by "***" into @out.
void pf__live_redact(const char *conninfo, char *out, size_t size);

// Outcome of one check. PF_LIVE_INCONCLUSIVE: a timeout or the budget cut it.
// PF_LIVE_MISSING: the table or column does not exist (yet), so there was
// nothing to count.
typedef enum pf_live_status {
  PF_LIVE_DONE = 0,
  PF_LIVE_INCONCLUSIVE,
  PF_LIVE_MISSING,
  PF_LIVE_DENIED,        // the role may not read the table (why says so)
  PF_LIVE_NOT_EVALUATED, // the check was not run on purpose (why says so)
  PF_LIVE_STATUS_COUNT
} pf_live_status;

typedef struct pf_live_table {
  bool exists;
  char schema[64];  // resolved schema when it exists
  int64_t est_rows; // pg_class.reltuples (-1 never analyzed)
  int64_t bytes;    // pg_total_relation_size
  bool partitioned; // relkind 'p' (appended for the review of issue 3)
} pf_live_table;

typedef struct pf_live_column {
  bool exists;
  bool not_null;
  char type[128]; // format_type()
  // Appended for issue 7: an INSERT that omits it gets a value
  // (pg_attribute.atthasdef: DEFAULT or generated; or identity).
  bool has_default;
  // Appended for the review of issue 3: the first CHECK constraint (by
  // name) that uses the column, and its definition ("CHECK ((a > 0))"),
  // or "" when none does.
  char check_name[64];
  char check_def[256];
} pf_live_column;

typedef struct pf_live_index {
  bool exists;
  char table[64];        // the table it is on
  int64_t scans;         // pg_stat_user_indexes.idx_scan
  int64_t tuples_read;   // idx_tup_read
  bool backs_constraint; // a PK/UNIQUE/EXCLUDE constraint uses it
  char definition[512];  // pg_get_indexdef (truncated to fit)
  bool referenced_by_fk; // a FOREIGN KEY elsewhere references through it
  // Appended for the review of issue 3 (ADD PRIMARY KEY USING INDEX sets
  // the columns NOT NULL): the first column of the index that allows NULL
  // ("" when none does), and whether an element is an expression.
  char nullable_col[64];
  bool has_expr;
} pf_live_index;

// @schema may be NULL: resolved through the search_path. Names are exact
// (already case-folded by the parser). Each returns PF_OK with the answer
// (exists=false when there is no such object), or an error: PF_DB_QUERY
// (err->sqlstate set; "57014"/"55P03" for a statement/lock timeout, "" when
// the session's time budget is spent), PF_DB_CONNECT when the server went
// away. Identifiers are passed as values or quoted with libpq.
pf_code pf__live_table(pf_live *self, const char *schema, const char *table,
                       pf_live_table *out, pf_error *err);
pf_code pf__live_column(pf_live *self, const char *schema, const char *table,
                        const char *column, pf_live_column *out, pf_error *err);
pf_code pf__live_index(pf_live *self, const char *schema, const char *index,
                       pf_live_index *out, pf_error *err);
// Counts rows where @column IS NULL. *status is INCONCLUSIVE (and *count
// -1) when the statement timeout, a lock timeout or the budget stopped it
// (or the table is a foreign table); MISSING (*count -1) when the table or
// column does not exist.
pf_code pf__live_count_nulls(pf_live *self, const char *schema,
                             const char *table, const char *column,
                             int64_t *count, pf_live_status *status,
                             pf_error *err);

/* Section - Data checks (data.c) */

// What a data check looks for. Append-only.
typedef enum pf_live_check_kind {
  PF_LC_NULLS = 0,  // rows where any of cols IS NULL
  PF_LC_DUPLICATES, // groups of rows with equal (non-NULL) cols
  PF_LC_ORPHANS,    // rows whose cols match no row of the referenced table
  PF_LC_CHECK,      // rows where expr IS FALSE
  PF_LC_ANY_ROW,    // whether the table has a row at all
  PF_LC_TYPE_FIT,   // values of cols[0] that do not fit new_type
  PF_LC_EXCLUSION,  // pairs of rows where every cols[i] ops[i] holds
  PF_LC_LOST,       // what a drop destroys (issue 7): the rows of the table,
                    // or with cols[0] the rows where it is not NULL
  PF_LC_KIND_COUNT
} pf_live_check_kind;

// One data check. Names are exact (as the parser folded them). Borrowed.
typedef struct pf_live_check {
  pf_live_check_kind kind;
  const char *schema, *table;
  const char *const *cols;
  uint32_t ncols;
  bool nulls_not_distinct; // DUPLICATES: NULLs are equal (PostgreSQL 15)
  const char *ref_schema, *ref_table; // ORPHANS
  const char *const *ref_cols;        // ORPHANS: none = the primary key
  uint32_t nref_cols;
  const char *expr; // CHECK: the expression as libpg_query deparsed it
  const pf_expr_shape *shape; // CHECK, TYPE_FIT (USING): its shape
  const char *new_type;       // TYPE_FIT: the type as the migration says it
  const char *const *ops;     // EXCLUSION: the operator of each column
} pf_live_check;

// The answer to one data check.
typedef struct pf_live_probe {
  pf_live_status status;
  int64_t count; // DONE: violating rows (DUPLICATES: groups); when !exact,
                 // a lower bound from a probe that stopped at the first one
  bool exact;
  int64_t rows_in;    // DUPLICATES, exact: rows in the duplicate groups
  const char *method; // static text: how the answer was found
  char checked[4096]; // DONE: what was checked, as SQL-ish text
  const char *judged; // TYPE_FIT by form: how values are judged (static)
  int64_t unjudged;   // TYPE_FIT by form: values of a form not judged, when
                      // counted (0: none, or not counted)
  int64_t estimate;   // INCONCLUSIVE etc. (and LOST found by the probe
                      // alone): from statistics; -1 unknown
  char estimate_src[96];
  char values[256]; // with show_values: the first few offending keys
  char why[256];    // not DONE: the reason, one line
  // Appended for the parallel probe: something the reader should know about
  // how the answer was found ("" when nothing), e.g. that the parallel scan
  // failed and the table was read again without workers.
  char note[256];
} pf_live_probe;

// Runs @chk: catalog facts first, then a probe that stops at the first
// violating row, then an exact count when the table is small for the budget
// left (or exact was asked for). Returns PF_OK with the answer in @out (a
// timeout or the budget gives INCONCLUSIVE, a permission error DENIED, an
// expression that is not provably safe NOT_EVALUATED); PF_DB_CONNECT when
// the server went away; PF_DB_QUERY for any other failure.
pf_code pf__live_data_check(pf_live *self, const pf_live_check *chk,
                            pf_live_probe *out, pf_error *err);

// An existing constraint, for VALIDATE CONSTRAINT (the second step).
typedef struct pf_live_constraint {
  bool exists;
  char type;       // 'c' check, 'f' foreign key, other pg_constraint types
  bool validated;  // convalidated
  char expr[1024]; // 'c': pg_get_expr(conbin) (truncated: then expr[0]=0)
  char cols[8][64], ref_cols[8][64]; // 'f': columns and referenced columns
  uint32_t ncols;
  char ref_schema[64], ref_table[64];
} pf_live_constraint;

// Looks up constraint @name on the table (PF_OK with exists=false when
// there is none).
pf_code pf__live_constraint(pf_live *self, const char *schema,
                            const char *table, const char *name,
                            pf_live_constraint *out, pf_error *err);

/* Section - Role (role.c) */

typedef struct pf_live_role {
  char name[64];
  bool superuser;
  bool can_write; // owns or may write an involved table (see why)
  char why[256];  // what makes it able to write
} pf_live_role;

// Facts about the session's role: superuser, and whether it owns or may
// INSERT/UPDATE/DELETE/TRUNCATE any of the @n tables (@schemas[i] may be
// NULL: the search_path). Tables that do not exist are skipped.
pf_code pf__live_role(pf_live *self, const char *const *schemas,
                      const char *const *tables, uint32_t n, pf_live_role *out,
                      pf_error *err);

/* Section - Catalog facts (facts.c, issue 7) */

// The volatility of function @name (@schema NULL: the search_path) from
// pg_proc.provolatile: 'v', 's' or 'i', the most volatile of its overloads;
// 0 when no such function is visible.
pf_code pf__live_func_volatility(pf_live *self, const char *schema,
                                 const char *name, char *out, pf_error *err);

// lock_timeout and statement_timeout as pg_db_role_setting sets them for
// the connected role and database (ALTER ROLE / ALTER DATABASE ... SET):
// the value ("" when not set) and where it comes from ("role app in
// database shop", "role app", "database shop", "all roles").
typedef struct pf_live_timeouts {
  char lock[32], lock_src[160];
  char stmt[32], stmt_src[160];
  bool role_missing; // the role named for the migration does not exist
} pf_live_timeouts;

// @role: the role that applies the migration (NULL: the session's, unless
// it is read-only by default).
pf_code pf__live_timeouts(pf_live *self, const char *role,
                          pf_live_timeouts *out, pf_error *err);

/* Section - Dependencies of a drop or rename (deps.c) */

// One object that depends on the dropped or renamed one.
typedef struct pf_live_dep {
  char kind[32];  // "view", "materialized view", "foreign key", "trigger",
                  // "policy", "generated column", "index", "publication",
                  // "function", "procedure", "check constraint", ...
  char name[192]; // qualified, as regclass/regprocedure print it
  char how[48];   // "pg_depend", "pg_publication_rel", "body parsed", ...
  bool blocks;    // DROP without CASCADE fails because of it
} pf_live_dep;

// A function or procedure whose body may name the object: its source, for
// the caller to parse (live/ does not parse SQL).
typedef struct pf_live_body {
  char name[192]; // regprocedure
  char lang[16];  // "sql" or "plpgsql"
  char kind[16];  // "function" or "procedure"
  char *src;      // pg_proc.prosrc; owned by the pf_live_deps
} pf_live_body;

#define PF_LIVE_MAX_DEPS   24
#define PF_LIVE_MAX_BODIES 32

typedef struct pf_live_deps {
  pf_live_status status; // DONE, INCONCLUSIVE (timeout), MISSING
  uint32_t n, total;     // items kept, and found (total may exceed n)
  pf_live_dep items[PF_LIVE_MAX_DEPS];
  uint32_t nbodies;
  pf_live_body bodies[PF_LIVE_MAX_BODIES];
} pf_live_deps;

// What depends on the object of a drop or rename, from the catalog:
// @column of the table (@column NULL: the table itself), or constraint
// @constraint of the table, or, with @is_index, index @table. Fills @out
// (pf__live_deps_clear it afterwards, also on error): pg_depend rows for
// views, constraints, triggers, policies, generated columns, indexes,
// SQL-standard function bodies and publications, then candidate bodies of
// SQL and PL/pgSQL functions whose source contains the names (@needle; the
// caller decides). A timeout gives INCONCLUSIVE, not an error.
pf_code pf__live_deps(pf_live *self, const char *schema, const char *table,
                      const char *column, const char *constraint, bool is_index,
                      pf_live_deps *out, pf_error *err);
void pf__live_deps_clear(pf_live_deps *self);
// Appends a dependency (kept when there is room; total counts it anyway).
void pf__live_deps_add(pf_live_deps *self, const char *kind, const char *name,
                       const char *how, bool blocks);

/* Section - Recorded queries (stmts.c) */

typedef struct pf_live_stmt {
  char *query;   // pg_stat_statements.query; owned by the pf_live_stmts
  int64_t calls; // summed over users
  bool tokens;   // named by scanner tokens only (the text did not parse)
} pf_live_stmt;

#define PF_LIVE_MAX_STMTS 200

typedef struct pf_live_stmts {
  // DONE; NOT_EVALUATED when pg_stat_statements is not installed or not
  // loaded (why says which); INCONCLUSIVE on a timeout; DENIED when the
  // query texts are hidden from the role.
  pf_live_status status;
  char why[192];
  uint32_t n;
  pf_live_stmt items[PF_LIVE_MAX_STMTS]; // by calls, descending
  int64_t calls; // pf__check_stmts: the calls of the statements kept
} pf_live_stmts;

// The recorded statements of this database whose text contains @needle
// (case-insensitive), most called first, at most PF_LIVE_MAX_STMTS: the
// candidates the caller parses. Fills @out (pf__live_stmts_clear it).
pf_code pf__live_stmts(pf_live *self, const char *needle, pf_live_stmts *out,
                       pf_error *err);
void pf__live_stmts_clear(pf_live_stmts *self);
/* Section - Key headroom (headroom.c) */

// How much of its type's range one smallint/integer key column uses.
typedef struct pf_live_headroom {
  char schema[64], table[64]; // the table, as the catalog spells it
  char column[64];
  char type[16];      // "smallint" or "integer"
  int64_t limit;      // the type's largest value
  bool has_sequence;  // owns a sequence (serial) or is an identity
  bool identity;      // attidentity
  char sequence[128]; // schema.name of the sequence, for messages
  char seq_schema[64], seq_name[64];
  bool seq_read;     // last_value was read (NULL: never used, or hidden)
  int64_t seq_value; // last_value (negated for a descending sequence)
  bool indexed;      // a valid index leads with the column
  bool max_read;     // the largest absolute value was read (index)
  bool max_cut;      // a timeout or the budget stopped that read
  int64_t max_value; // largest absolute value in the column
  bool known;        // used is from the sequence or the values
  int64_t used;      // the larger of seq_value and max_value
  // Appended: pf__live_column_usage reads any integer column ("bigint",
  // limit INT64_MAX) and says whether it is a key as above.
  bool is_key;
} pf_live_headroom;

// The smallint/integer columns of a table that own a sequence or belong to
// a PRIMARY KEY, UNIQUE or FOREIGN KEY constraint (up to @cap, in column
// order), each with how much of its range is used: the sequence's
// last_value from pg_sequences and, when an index leads with the column,
// max()/min() through it (never a table scan). *n is 0 when the table does
// not exist or the budget is spent. PF_DB_CONNECT when the server went
// away, PF_DB_QUERY for another failure.
pf_code pf__live_headroom(pf_live *self, const char *schema, const char *table,
                          pf_live_headroom *out, uint32_t cap, uint32_t *n,
                          pf_error *err);

// The range used by one smallint, integer or bigint column (@column NULL:
// the single column of the table's primary key), key or not, read as
// pf__live_headroom reads a key column; *found is false when there is no
// such column (or the budget is spent).
pf_code pf__live_column_usage(pf_live *self, const char *schema,
                              const char *table, const char *column,
                              pf_live_headroom *out, bool *found,
                              pf_error *err);
// The range used by sequence @schema.@sequence: when a column owns it, that
// column's (pf__live_column_usage); else its last_value alone, with the
// sequence's own type. *found is false when there is no such sequence.
pf_code pf__live_sequence_usage(pf_live *self, const char *schema,
                                const char *sequence, pf_live_headroom *out,
                                bool *found, pf_error *err);

/* Section - Enum values in use (enums.c) */

typedef struct pf_live_enum_column {
  char schema[64], table[64], column[64];
  bool array; // an array of the type (or of a domain over it)
} pf_live_enum_column;

// The columns (up to @cap) of tables that hold enum type @type (@schema
// NULL: the search_path): of the type itself, of a domain over it, of an
// array of either, or of a domain over an array of the type. *n is 0 when
// there is no such enum or the budget is spent.
pf_code pf__live_enum_columns(pf_live *self, const char *schema,
                              const char *type, pf_live_enum_column *out,
                              uint32_t cap, uint32_t *n, pf_error *err);
// The values (up to @cap, in order) of the enum type of column
// @schema.@table.@column, and the enum's name in @type; *n is 0 when the
// column does not exist or holds no enum. The column may be of a domain
// over the enum, or an array of either (then *array is set).
pf_code pf__live_column_enum(pf_live *self, const char *schema,
                             const char *table, const char *column,
                             char (*labels)[64], uint32_t cap, uint32_t *n,
                             char *type, size_t type_size, bool *array,
                             pf_error *err);

/* Section - Cost of applying a change (cost.c) */

// A session that holds or waits for a lock on the table.
typedef struct pf_live_holder {
  int pid;              // 0: a prepared transaction (no backend)
  pf_lock mode;         // the lock it holds or waits for
  bool granted;         // false: it is waiting
  int64_t xact_seconds; // how long its transaction has been open; -1 when
                        // pg_stat_activity does not show it to this role
  char state[32];       // pg_stat_activity.state ("idle in transaction")
} pf_live_holder;

// What applying a change to an existing table costs, and who is in the way.
typedef struct pf_live_cost {
  bool exists;
  int64_t total_bytes; // pg_total_relation_size, over the leaf partitions
  int64_t table_bytes; // total minus indexes: heap, TOAST, free space map
  int64_t index_bytes; // pg_indexes_size, over the leaf partitions
  uint32_t nindexes;
  uint32_t npartitions; // leaf partitions (0: not partitioned)
  int64_t rows;         // reltuples summed over the leaves; -1 unknown
  // The lock queue, now: sessions with a lock on the table or one of its
  // partitions (ours excluded), blockers first, then the oldest.
  uint32_t nblockers; // transactions open longer than the threshold that
                      // hold a lock conflicting with the change's
  uint32_t nwaiters;  // sessions waiting for a lock on the table
  uint32_t nhidden;   // holders whose transaction age the role cannot see
  pf_live_holder holders[4]; // blockers and waiters, the first few
  uint32_t nholders;
  bool size_from_pages; // the size functions waited for a lock: the sizes
                        // are pg_class.relpages (last VACUUM/ANALYZE)
} pf_live_cost;

// Whether lock @a conflicts with lock @b (PostgreSQL docs, 13.3.1, table
// 13.2). This function can't fail.
bool pf__lock_conflicts(pf_lock a, pf_lock b);

// Reads the sessions holding or waiting for a lock on the table, then its
// size and row estimate (summed over its leaf partitions). A granted lock
// that conflicts with @lock, held by a transaction open at least
// @long_xact_s seconds, is a blocker. Read-only, each query in its own
// transaction: pg_locks and pg_stat_activity (no lock), then the size
// functions (ACCESS SHARE on the table and its partitions; when that hits
// lock_timeout, pg_class.relpages instead, which takes no lock).
// Returns PF_OK (exists=false when there is no such table), PF_DB_QUERY
// (a timeout or the budget: err->sqlstate as for pf__live_table) or
// PF_DB_CONNECT.
pf_code pf__live_cost(pf_live *self, const char *schema, const char *table,
                      pf_lock lock, uint32_t long_xact_s, pf_live_cost *out,
                      pf_error *err);

#endif
