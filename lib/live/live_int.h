/* Live checks: helpers shared by the files of lib/live only. */
/* SPDX-License-Identifier: MIT */
#ifndef PF_LIVE_LIVE_INT_H
#define PF_LIVE_LIVE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "live.h"

#include "live/pq.h"

#include "core/core.h"

struct pf_live {
  PGconn *conn;
  pf_live_opts opts;
  int server_version;
  bool standby;
  int64_t deadline_ms;    // CLOCK_MONOTONIC; the session's budget ends here
  char timeout_state[6];  // SQLSTATE of the last timeout, "" for the budget
  bool exact;             // --exact: count even when the table is large
  bool show_values;       // --show-values: fetch a few offending keys
  char cancel_error[160]; // why the last cancel request failed, or ""
};

// Every statement pgpreflight sends starts with this comment, which
// pg_stat_statements keeps in the text it records: the recorded queries
// that use a dropped or renamed column (stmts.c) leave out pgpreflight's own
// probes and counts, of this run and of earlier ones.
#define PF_LIVE_TAG_TEXT "/* pgpreflight */"
#define PF_LIVE_TAG      PF_LIVE_TAG_TEXT " "

// Outcome of one round trip.
typedef enum pf__qrc {
  PF_Q_OK = 0,
  PF_Q_TIMEOUT, // statement/lock timeout or budget: inconclusive, no error
  PF_Q_QUERY,   // err holds PF_DB_QUERY
  PF_Q_CONNECT, // err holds PF_DB_CONNECT
} pf__qrc;

// Milliseconds left of the session's budget (negative when spent).
int64_t pf__live_budget_left(const pf_live *self);
// pf_error_set plus the SQLSTATE; the first error wins.
void pf__live_set_error(pf_error *err, pf_code code, const char *sqlstate,
                        const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
// PF_OK, PF_DB_QUERY or PF_DB_CONNECT for a round-trip outcome.
pf_code pf__live_code_of(pf__qrc rc);
// strtoll of a whole string; false when it is not one number.
bool pf__live_parse_i64(const char *s, int64_t *out);
// snprintf("%s") that accepts NULL.
void pf__live_copy_str(char *dst, size_t size, const char *src);
// "s"."t"."c" for messages (not escaped: never sent to the server).
void pf__live_name_of(char *out, size_t size, const char *schema,
                      const char *table, const char *column);
// One parameterised statement; on PF_Q_OK *out holds the result (the caller
// clears it), else *out is NULL. @what names the check for messages.
pf__qrc pf__live_run(pf_live *self, const char *sql, int nparams,
                     const char *const *params, PGresult **out,
                     const char *what, pf_error *err);
// BEGIN READ ONLY (PF_Q_TIMEOUT when the budget is spent).
pf__qrc pf__live_tx_begin(pf_live *self, const char *what, pf_error *err);
// SET LOCAL statement_timeout to min(per-query, budget left).
pf__qrc pf__live_set_timeout(pf_live *self, const char *what, pf_error *err);
// SET LOCAL statement_timeout to min(per-query, budget left), then @sql.
pf__qrc pf__live_query(pf_live *self, const char *sql, int nparams,
                       const char *const *params, PGresult **out,
                       const char *what, pf_error *err);
// Runs @sql (no parameters) until its first row: rows are read one by one
// and a cancel request stops the statement at the first, with any parallel
// workers it has. *any says whether a row came; a statement cancelled after
// its first row is PF_Q_OK. A cancel aborts the transaction, so the caller
// runs this inside a savepoint. Set the timeout first (pf__live_set_timeout).
// When the cancel request cannot be sent, the statement runs to its end and
// self->cancel_error says why.
pf__qrc pf__live_first_row(pf_live *self, const char *sql, bool *any,
                           const char *what, pf_error *err);
// COMMIT after success, ROLLBACK otherwise; returns the check's outcome.
pf__qrc pf__live_tx_end(pf_live *self, pf__qrc rc, const char *what,
                        pf_error *err);
// One statement in its own read-only transaction; *res holds the result
// whatever the outcome (the caller clears it).
pf__qrc pf__live_catalog(pf_live *self, const char *sql, int nparams,
                         const char *const *params, const char *what,
                         PGresult **res, pf_error *err);
// Appends PQescapeIdentifier(@name) to @b; false (error in @err) when libpq
// cannot quote it.
bool pf__live_put_ident(pf_live *self, pf_buf *b, const char *name,
                        pf_error *err);

// Whether @conninfo is a postgresql:// or postgres:// URL.
bool pf__live_is_url(const char *conninfo);
// Replaces every occurrence of @secret in @msg with "***" (in place).
void pf__live_scrub(char *msg, const char *secret);
// Scrubs every password @conninfo (and PGPASSWORD) carries out of @msg.
void pf__live_scrub_conninfo(char *msg, const char *conninfo);
// Collapses runs of whitespace and newlines in @msg into single spaces and
// trims both ends (libpq messages span lines and end in '\n').
void pf__live_one_line(char *msg);

// data.c: $1 table oid, $2 column -> attname, attnotnull, format_type,
// whether the type is built in (or an enum), typname, atttypmod.
extern const char pf__live_sql_resolve_column[];
// data.c: a one-value query -> int64 (-1 unparsable, 0 when no row).
pf__qrc pf__live_scalar(pf_live *self, const char *sql, int n,
                        const char *const *p, int64_t *v, const char *what,
                        pf_error *err);
// safety.c: whether every function, operator, cast and column of @s may be
// evaluated (built-in, immutable, unambiguous; table @oid's columns); when
// not, *why says which and why.
pf__qrc pf__live_expr_safe(pf_live *self, const pf_expr_shape *s,
                           const char *oid, bool *safe, char *why, size_t wsize,
                           const char *what, pf_error *err);
// safety.c: whether the USING of type change @chk is "column::type" to the
// column's new type itself (not another expression, not another type).
bool pf__live_using_is_cast(const pf_live_check *chk);
// safety.c: the predicate over quoted column @v that is true for a value of
// type @col_type that does not fit chk->new_type. False with *why when not
// evaluated, or with *always_fails when PostgreSQL refuses the change. For
// conversions judged by the values' form, @unsure gets the predicate of
// values the check does not judge, and *judged says how it judges (static
// text); otherwise @unsure stays empty and *judged NULL.
// What the type predicate may assume of the server and afford.
typedef struct pf__type_env {
  int server_version;
  bool deep_json; // judge JSON objects and arrays (tens of us per value)
} pf__type_env;
bool pf__live_type_predicate(const pf_live_check *chk, const char *col_type,
                             bool col_builtin, const pf__type_env *env,
                             const char *v, pf_buf *where, pf_buf *unsure,
                             const char **judged, bool *always_fails, char *why,
                             size_t wsize);

#endif
