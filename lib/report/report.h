/* Findings, evidence and the report that holds them; renderers read it. */
/* SPDX-License-Identifier: MIT */
#ifndef PF_REPORT_REPORT_H
#define PF_REPORT_REPORT_H

#include "pgpreflight.h"

#include <stdbool.h>
#include <stdint.h>

#include "core/core.h"

// What a piece of evidence is. Append-only.
typedef enum pf_evidence_kind {
  PF_EV_CODE_REF = 0, // a place in the application code
  PF_EV_ROWS,         // rows counted in the live database
  PF_EV_INDEX_USAGE,  // scans of an index
  PF_EV_TABLE,        // table size and row estimate
  PF_EV_NOTE,         // any other fact, as text
  PF_EV_CHECKED,      // what a data check looked at, and how (verdict basis)
  PF_EV_ESTIMATE,     // an estimate from statistics (inconclusive checks)
  PF_EV_VALUES,       // --show-values: the first few offending keys
  PF_EV_DEPENDENCY,   // a database object that depends on the target
  PF_EV_QUERY,        // a recorded query (pg_stat_statements) that uses it
  PF_EV_COST,         // size, rows, effect and estimated duration
  PF_EV_LOCK_QUEUE,   // a session holding or awaiting a lock on the table
  PF_EV_KIND_COUNT
} pf_evidence_kind;

// A verdict on a data-dependent finding.
typedef enum pf_verdict {
  PF_VERDICT_NONE = 0,     // not data-dependent
  PF_VERDICT_FAILS,        // checked: the statement will fail (a drop,
                           // TRUNCATE or DELETE: it destroys data)
  PF_VERDICT_PASSES,       // checked: the data accepts it (nothing lost)
  PF_VERDICT_INCONCLUSIVE, // a timeout or the budget cut the check
  PF_VERDICT_UNVERIFIED,   // no database was given
  PF_VERDICT_COUNT
} pf_verdict;

const char *pf_verdict_name(pf_verdict v);
const char *pf_evidence_kind_name(pf_evidence_kind k);

typedef struct pf_evidence {
  pf_evidence_kind kind;
  char *text; // one line for humans
  char *path; // code refs: file
  uint32_t line, col, end_col;
  const char *ref_kind;   // code refs: "sql-string", "orm", ...
  const char *confidence; // code refs: "high", "medium", "low"
  char *snippet;          // code refs: the source line
  int64_t count;          // rows / scans; -1 unknown
  // Appended for issue 5 (cost): PF_EV_COST and PF_EV_LOCK_QUEUE.
  int64_t bytes, table_bytes, index_bytes; // COST: sizes
  int64_t estimated_ms;                    // COST: the duration model's
  const char *lock;     // COST: the change's; LOCK_QUEUE: held or awaited
  const char *effect;   // COST: "catalog-only", "scan", "rewrite"
  int64_t pid;          // LOCK_QUEUE: 0 for a prepared transaction
  int64_t xact_seconds; // LOCK_QUEUE: -1 when not visible to the role
  bool granted;         // LOCK_QUEUE: false while it waits
  char state[32];       // LOCK_QUEUE: pg_stat_activity.state, or ""
  // Appended for issue 7: code refs whose text says what the reference is
  // (an INSERT, a COPY, an ORM model or field): every format shows it, not
  // only JSON.
  bool explain;
} pf_evidence;

// The change a finding is about, flattened for output.
typedef struct pf_finding_change {
  const char *kind; // "rename-column"
  char *schema, *table, *column, *new_name, *index, *constraint;
  const char *lock;   // "ACCESS EXCLUSIVE"
  const char *effect; // "catalog-only", "scan", "rewrite"
} pf_finding_change;

typedef struct pf_finding {
  uint32_t rule; // index into the rule table
  pf_severity severity;
  const pf_source *src; // owned by the report
  pf_span span;
  uint32_t stmt; // statement index within its file
  pf_span stmt_span;
  char *message;
  char *safe; // the safe alternative for this statement, or NULL
  pf_verdict verdict;
  pf_finding_change change;
  PF_VEC(pf_evidence) evidence;
  bool suppressed;      // silenced by a comment: counted, not shown
  char *suppressed_why; // the comment's reason, or "" when it gives none
} pf_finding;

// An input error: a file that could not be read or a statement that did not
// parse. Rendered as "path:line:col: error: message"; exit status 2.
typedef struct pf_input_error {
  const pf_source *src; // NULL when the error has no file
  pf_span span;
  char *path; // when src is NULL
  char *msg;
} pf_input_error;

struct pf_report {
  PF_VEC(pf_source *) sources; // owned
  PF_VEC(pf_finding) findings;
  PF_VEC(pf_input_error) errors;
  PF_VEC(char *) warnings;
  // While held (pf__report_hold_warnings), new warnings wait here.
  PF_VEC(char *) held;
  bool holding;
  // What was looked at.
  uint32_t files, statements, changes;
  uint32_t context_files; // earlier migrations replayed for the schema
  bool code_scanned;
  uint64_t code_files_seen, code_files_parsed;
  // Code files and directories not scanned, by reason ("ignored",
  // "binary", ...; static strings), in the scanner's order.
  struct {
    const char *reason;
    uint64_t count;
  } code_skipped[16];
  uint32_t code_nskipped;
  bool db_connected;
  int db_server_version; // 150004
  bool db_standby;
  char db_target[256];    // redacted connection target
  char db_role[64];       // the role connected as
  bool db_role_can_write; // superuser, owner or writer of an involved table
  // Code references a pgpreflight-ignore-ref comment silenced: counted in
  // the summary, never dropped silently (issue 6).
  uint32_t code_refs_suppressed;
};

pf_report *pf__report_new(void);
// Takes ownership of @src and returns it.
const pf_source *pf__report_own_source(pf_report *self, pf_source *src);
pf_finding *pf__report_add(pf_report *self, uint32_t rule, pf_severity sev,
                           const pf_source *src, pf_span span, uint32_t stmt,
                           pf_span stmt_span, const char *fmt, ...)
    __attribute__((format(printf, 8, 9)));
void pf__finding_set_safe(pf_finding *f, const char *text);
pf_evidence *pf__finding_add_evidence(pf_finding *f, pf_evidence_kind kind,
                                      int64_t count, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void pf__report_add_error(pf_report *self, const pf_source *src, pf_span span,
                          const char *path, const char *msg);
void pf__report_add_warning(pf_report *self, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
// With @hold, warnings added from now on are kept aside; without it, they
// are added as usual again. pf__report_release_warnings appends those kept
// aside, in the order they came: a run that interleaves two phases can
// report each phase's warnings together, as a run of one after the other.
void pf__report_hold_warnings(pf_report *self, bool hold);
void pf__report_release_warnings(pf_report *self);
// Keeps the findings for which @keep returns true (it may change them, as
// config severities do) and frees the others.
void pf__report_retain(pf_report *self, bool (*keep)(pf_finding *, void *),
                       void *arg);
// Sorts findings by (path, line, col, rule id) and evidence within each.
void pf__report_sort(pf_report *self);

// Renderers: append to @out; can't fail.
void pf__render_text(const pf_report *self, const pf_render_opts *opts,
                     pf_buf *out);
pf_code pf__render_json(const pf_report *self, const pf_render_opts *opts,
                        pf_buf *out, pf_error *err);
// The JSON object of finding @f as the json format prints it (the SARIF
// renderer reuses it); NULL on out-of-memory. Caller frees with cJSON_Delete.
struct cJSON *pf__json_finding(const pf_finding *f);
pf_code pf__render_sarif(const pf_report *self, const pf_render_opts *opts,
                         pf_buf *out, pf_error *err);
void pf__render_github(const pf_report *self, const pf_render_opts *opts,
                       pf_buf *out);
void pf__render_markdown(const pf_report *self, const pf_render_opts *opts,
                         pf_buf *out);

// Shared by the renderers (render_common.c).

// Counts shown findings per severity and suppressed ones. Can't fail.
void pf__report_counts(const pf_report *self, uint32_t counts[PF_SEV_COUNT],
                       uint32_t *suppressed);
// Number of code-reference evidence items of @f.
uint32_t pf__finding_ref_count(const pf_finding *f);
// The 1-based start and (exclusive) end of @span in @src, as in the JSON.
void pf__span_range(const pf_source *src, pf_span span, pf_loc *start,
                    pf_loc *end);
// @path for CI consumers: "./" prefixes dropped, an absolute path under
// @base_dir made relative to it. Caller frees with free().
char *pf__ci_path(const char *path, const char *base_dir);
// What the table lock @lock ("ACCESS EXCLUSIVE") blocks, in words, or NULL
// for an unknown name. Static storage.
const char *pf__lock_blocks(const char *lock);
// The safe alternative to show for @f: the one generated for its statement
// (*generic false), or else the rule's own example (*generic true), which
// every format labels as such: it is not about this statement. NULL when
// the rule has none. Static or owned by @f. This function can't fail.
const char *pf__finding_safe(const pf_finding *f, bool *generic);
// The label every format gives a rule's example that stands in for a
// safe alternative that could not be generated.
#define PF_GENERIC_SAFE_LABEL                                                  \
  "the rule's example, not written for this statement"
// The summary sentence: "2 errors, 3 warnings, 1 notice, 1 suppressed".
void pf__summary_counts(const pf_report *self, pf_buf *out);

#endif
