/* Live checks: a read-only, time-bounded libpq session and its queries. */
/* SPDX-License-Identifier: MIT */
#ifndef PF_LIVE_LIVE_H
#define PF_LIVE_LIVE_H

#include "pgpreflight.h"

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
} pf_live_opts;

// Connects with @conninfo (URL or key=value; NULL or "" uses libpq's PG*
// environment) and sets the session read-only with the timeouts and
// application_name=pgpreflight. On failure returns PF_DB_CONNECT with a
// message that never contains the password; *out is NULL.
pf_code pf__live_connect(const char *conninfo, const pf_live_opts *opts,
                         pf_live **out, pf_error *err);
void pf__live_free(pf_live *self);

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
  PF_LIVE_STATUS_COUNT
} pf_live_status;

typedef struct pf_live_table {
  bool exists;
  char schema[64];  // resolved schema when it exists
  int64_t est_rows; // pg_class.reltuples (-1 never analyzed)
  int64_t bytes;    // pg_total_relation_size
} pf_live_table;

typedef struct pf_live_column {
  bool exists;
  bool not_null;
  char type[128]; // format_type()
} pf_live_column;

typedef struct pf_live_index {
  bool exists;
  char table[64];        // the table it is on
  int64_t scans;         // pg_stat_user_indexes.idx_scan
  int64_t tuples_read;   // idx_tup_read
  bool backs_constraint; // a PK/UNIQUE/EXCLUDE constraint uses it
  char definition[512];  // pg_get_indexdef (truncated to fit)
  bool referenced_by_fk; // a FOREIGN KEY elsewhere references through it
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

#endif
