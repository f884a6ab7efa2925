/* Private to lib/rules: the context of one evaluation and the helpers that
 * build findings, shared by the rule families. */
/* SPDX-License-Identifier: MIT */
#ifndef PF_RULES_RULES_INT_H
#define PF_RULES_RULES_INT_H

#include "rules.h"

// One change under evaluation.
typedef struct pf__rctx {
  const pf_migration *m;
  const pf_change *c;
  const pf_facts *f;
  const pf_source *src;
  pf_report *r;
} pf__rctx;

// Appends @name as an SQL identifier, quoted only when it needs to be.
void pf__put_ident(pf_buf *b, const char *name);
// Appends a possibly schema-qualified table name as SQL.
void pf__put_table(pf_buf *b, const pf_qname *q);
// Appends @name in double quotes with embedded quotes doubled (messages).
void pf__put_quoted(pf_buf *b, const char *name);
// "schema"."table"."column" of @c for messages; returns b->data.
const char *pf__quoted(pf_buf *b, const pf_change *c, bool with_column);
// strdup that keeps NULL.
char *pf__xdup(const char *s);
// Adds a finding for the change under evaluation, with its change summary.
pf_finding *pf__radd(pf__rctx *x, pf_rule_id rule, pf_severity sev,
                     const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
// Evidence: every code reference to the change's target; the table size.
void pf__add_refs(pf__rctx *x, pf_finding *f);
void pf__add_table_size(pf__rctx *x, pf_finding *f);
// Appends the statement's own text, without the final semicolon.
void pf__put_stmt(pf_buf *b, pf__rctx *x);
// The statement's own text with the first run of @words (lower case,
// NULL-terminated: "if", "not", "exists") left out, or replaced by @put
// (in the case of the first word), into @out without the final semicolon.
// False when the text is not the statement's own (a DO block) or the words
// are not in it.
bool pf__stmt_replace_words(pf__rctx *x, const char *const *words,
                            const char *put, pf_buf *out);
// Sets the finding's safe alternative to the CONCURRENTLY form, if known.
void pf__set_concurrent_safe(pf__rctx *x, pf_finding *fd);
// The database says the change's table does not exist.
bool pf__table_missing(const pf_facts *f);

// Rule families: each adds the findings of its rules for x->c.
void pf__rules_core(pf__rctx *x);
void pf__rules_ddl(pf__rctx *x);
void pf__rules_types(pf__rctx *x);
void pf__rules_data(pf__rctx *x);
void pf__rules_headroom(pf__rctx *x);
void pf__rules_enum(pf__rctx *x);
// Code side of issue 7 (eval_code.c): INSERTs that omit a column that
// becomes required, literals that spell a renamed or dropped enum value.
void pf__rules_code(pf__rctx *x);
// Cost (cost.c): lock-queue-risk for x->c, then the cost evidence on every
// finding of x->c from index @first of the report on.
void pf__rules_cost(pf__rctx *x, uint32_t first);
// Adds the evidence of data check @p to @fd and sets its verdict; @what
// describes the bad rows ("rows where notes IS NULL"). Returns the verdict.
pf_verdict pf__data_evidence(pf__rctx *x, pf_finding *fd,
                             const pf_live_probe *p, const char *what);
// The data that a DROP COLUMN, DROP TABLE, TRUNCATE ... CASCADE or DELETE
// of every row destroys (issue 7), as the verdict and evidence of @fd (may
// be NULL): fails with what is lost (the message says it), passes when
// nothing is (but never for TRUNCATE ... CASCADE, whose other tables are
// not counted), inconclusive or unverified otherwise. Nothing for a table
// these migrations create or the database lacks.
void pf__lost_verdict(pf__rctx *x, pf_finding *fd);
// eval_defs.c: the findings of a constraint written in an ADD COLUMN
// (x->c->from_def); the safe steps of a serial column and of an ADD COLUMN
// with a volatile DEFAULT, identity or generated column, set on @fd.
void pf__rules_def_constraint(pf__rctx *x);
void pf__safe_serial(pf__rctx *x, pf_finding *fd);
void pf__safe_volatile_default(pf__rctx *x, pf_finding *fd);
// eval_defs.c: a binary-coercible type change that re-checks the column's
// CHECK constraint on every row (x->c->check_name).
void pf__rules_type_recheck(pf__rctx *x);
// eval_defs.c: the steps of an index on a partitioned table (ON ONLY, each
// partition CONCURRENTLY, ATTACH), set on @fd.
void pf__safe_partitioned_index(pf__rctx *x, pf_finding *fd);
// safe.c: safe alternatives written from the statement's names, set on @fd
// (left alone when the statement does not give what they need).
void pf__safe_rename_table(pf__rctx *x, pf_finding *fd);
void pf__safe_drop_column(pf__rctx *x, pf_finding *fd);
void pf__safe_drop_table(pf__rctx *x, pf_finding *fd);
void pf__safe_required_field(pf__rctx *x, pf_finding *fd);
void pf__safe_type_change(pf__rctx *x, pf_finding *fd);
void pf__safe_drop_index(pf__rctx *x, pf_finding *fd);
void pf__safe_index_in_use(pf__rctx *x, pf_finding *fd);
void pf__safe_drop_not_null(pf__rctx *x, pf_finding *fd);
void pf__safe_unbatched_update(pf__rctx *x, pf_finding *fd);
void pf__safe_delete_all(pf__rctx *x, pf_finding *fd);
void pf__safe_duplicate(pf__rctx *x, pf_finding *fd, const char *column);
void pf__safe_drop_constraint(pf__rctx *x, pf_finding *fd);
void pf__safe_index_columns(pf__rctx *x, pf_finding *fd, uint32_t max);
void pf__safe_index_concurrently(pf__rctx *x, pf_finding *fd);
void pf__safe_guarded_subcommand(pf__rctx *x, pf_finding *fd);
// SET [LOCAL] lock_timeout before the statement; @why is its comment.
void pf__safe_lock_timeout(pf__rctx *x, pf_finding *fd, const char *why);
// eval_version.c (issue 7): whether the server's version is known and
// older than @version (server_version_num); the major version as people
// write it ("11", "9.6"); an evidence note on @fd that says the server's
// version, where it comes from (the database or --pg-version) and @why;
// the requires-newer-server rule.
bool pf__version_before(const pf_facts *f, int version);
void pf__put_version(pf_buf *b, int v);
void pf__version_note(pf__rctx *x, pf_finding *fd, const char *why);
void pf__rules_version(pf__rctx *x);
// eval_version.c: the version from which CREATE TABLE (TABLE AS), CREATE
// INDEX or ADD COLUMN @c accepts IF NOT EXISTS (0: another change); and,
// for a server older than that, the statement in a DO block that ignores
// the duplicate (a look-first query for CONCURRENTLY) as @fd's safe
// alternative.
int pf__guard_since(const pf_change *c);
void pf__safe_older_guard(pf__rctx *x, pf_finding *fd);
// eval_ddl.c: REINDEX without CONCURRENTLY (before PostgreSQL 12): a copy
// of each index built concurrently and swapped in, set on @fd.
void pf__safe_reindex_rebuild(pf__rctx *x, pf_finding *fd);
// eval_deps.c: with a database, the objects that depend on a dropped or
// renamed object and the recorded queries that use it, as evidence of @fd;
// a DROP that a dependency blocks (no CASCADE) becomes an error that fails.
void pf__add_deps(pf__rctx *x, pf_finding *fd);

#endif
