/* Private to lib/migration: the state of one parse and the helpers that the
 * statement handlers (parse.c, ddl.c, plpgsql.c) share. */
/* SPDX-License-Identifier: MIT */
#ifndef PF_MIGRATION_BUILD_H
#define PF_MIGRATION_BUILD_H

#include "model.h"

#include "sql/sql.h"

typedef PF_VEC(uint32_t) pf__offsets;

// One migration being built.
typedef struct pf__builder {
  pf_migration *m;
  const char *text;  // what the parser reads: the source, meta-commands blanked
  uint32_t base;     // source offset of the parsed text (node locations)
  bool in_txn;       // inside an explicit BEGIN ... COMMIT
  bool in_do;        // building the statements of a DO block
  pf_span span;      // in_do: the inner statement's span in the source
  pf__offsets gexec; // source offsets of psql \gexec commands
} pf__builder;

// Arena copy of @s; NULL for NULL or "".
const char *pf__build_dup(pf__builder *b, const char *s);
// Takes a malloc'd string (may be NULL) and returns an arena copy.
const char *pf__build_take(pf__builder *b, char *s);
// Appends a change of @kind to the current statement; @rel may be NULL.
pf_change *pf__build_change(pf__builder *b, pf_change_kind kind,
                            const PgQuery__RangeVar *rel);
// Sets @q from a dotted name list (["s","t"]).
void pf__build_qname(pf__builder *b, pf_qname *q, PgQuery__Node **names,
                     size_t n);
// Sets @q from a RangeVar.
void pf__build_rangevar(pf__builder *b, pf_qname *q,
                        const PgQuery__RangeVar *rel);
// Fills cons, constraint, columns, expr... of @c from a constraint node.
void pf__build_constraint(pf__builder *b, pf_change *c,
                          const PgQuery__Constraint *k);
// Adds a non-fatal note (a psql meta-command, ...) at [start, end).
void pf__build_note(pf_migration *m, uint32_t start, uint32_t end,
                    const char *msg);
// CREATE TABLE (also the base of CREATE FOREIGN TABLE): the table, then its
// foreign keys and CHECK constraints as changes of their own.
void pf__build_create_table(pf__builder *b, const PgQuery__CreateStmt *s);
// The changes of one parsed statement @n; @st receives statement flags.
void pf__build_changes(pf__builder *b, pf_stmt *st, PgQuery__Node *n);

// exprshape.c: the shape of a CHECK or USING expression (what it is made
// of), in the migration's arena. Can't fail.
const pf_expr_shape *pf__build_expr_shape(pf__builder *b,
                                          const PgQuery__Node *expr);

// ddl.c: statements beyond tables and columns. Returns false when @n is not
// one of them.
bool pf__ddl_statement(pf__builder *b, pf_stmt *st, PgQuery__Node *n);
// ddl.c: one ALTER TABLE sub-command that parse.c does not model; returns
// the change (its lock is not set yet).
pf_change *pf__ddl_alter_cmd(pf__builder *b, const PgQuery__AlterTableStmt *s,
                             const PgQuery__AlterTableCmd *cmd);
// ddl.c: a command tag ("REINDEX", "VACUUM") for @n, or NULL.
const char *pf__ddl_tag(const PgQuery__Node *n);

// plpgsql.c: the statements of a DO block become changes of the DO
// statement (dynamic SQL becomes a dynamic-sql change).
void pf__plpgsql_do(pf__builder *b, const PgQuery__DoStmt *s);

// psql.c: returns a copy of @src's text (caller frees with free()) where
// each psql meta-command (an unquoted backslash to the end of its line) is
// blanked with spaces, keeping every byte offset; records a note for each.
// A meta-command that sends the query buffer (\g, \gexec, ...) becomes ";".
// Offsets of \gexec commands are pushed to @gexec.
char *pf__psql_blank(pf_migration *m, const char *text, uint32_t len,
                     pf__offsets *gexec);

// newsyntax.c: when @text (a statement that did not parse) uses syntax that
// only a newer PostgreSQL accepts, the version ("16", "17", "18"); else NULL.
const char *pf__newer_syntax(const char *text, size_t len, const char *msg);

#endif
