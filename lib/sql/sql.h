/* The one place that talks to libpg_query: parse, walk, positions. */
/* SPDX-License-Identifier: MIT */
#ifndef PF_SQL_SQL_H
#define PF_SQL_SQL_H

#include "pgpreflight.h"

#include "core/core.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <pg_query.h>
#include <pg_query.pb-c.h>

// A parsed SQL text. tree is NULL when the text did not parse; then
// error_msg is set and error_offset is the byte offset (relative to the
// parsed text) where the parser stopped, or UINT32_MAX when unknown.
typedef struct pf_sql_parse {
  PgQuery__ParseResult *tree; // allocated in @arena
  pf_arena *arena;
  char *error_msg;
  uint32_t error_offset;
} pf_sql_parse;

// Deepest expression nesting analysed: deeper statements get a parse error
// rather than overflow the stack while their tree is converted.
#define PF_SQL_MAX_NESTING 1000u

// Parses the NUL-terminated @sql (@len bytes). Can't fail other than by
// reporting a syntax error in @out; release with pf__sql_parse_clear().
void pf__sql_parse(const char *sql, size_t len, pf_sql_parse *out);
void pf__sql_parse_clear(pf_sql_parse *self);
// The same for text known not to nest deeper than PF_SQL_MAX_NESTING: a
// statement of a text pf__sql_split_valid() accepted.
void pf__sql_parse_shallow(const char *sql, size_t len, pf_sql_parse *out);
// pf__sql_parse_shallow() through libpg_query's protobuf output only (it
// takes the JSON output first, which is cheaper): for tests.
void pf__sql_parse_protobuf(const char *sql, size_t len, pf_sql_parse *out);

// fromjson.c: the tree of libpg_query's JSON parse output @json (@len
// bytes) of the text @sql (@sql_len bytes), allocated in @arena, equal to
// what unpacking its protobuf output gives; NULL when the JSON cannot carry
// it exactly (an Integer of 0 or less that is not a constant in the text,
// bare numbers in lists, doubles, keys not in pg_query.proto) or is
// malformed. This function can't fail otherwise.
PgQuery__ParseResult *pf__sql_tree_from_json(const char *json, size_t len,
                                             const char *sql, size_t sql_len,
                                             pf_arena *arena);
// Fields whose names read alike once lower-cased without underscores (the
// JSON keys cannot name them): 0, as a test checks.
uint32_t pf__sql_json_collisions(void);

// Whether @sql (@len bytes) nests deeper than PF_SQL_MAX_NESTING, which
// pf__sql_parse() refuses. This function can't fail.
bool pf__sql_nests_too_deep(const char *sql, size_t len);

// Splits @sql into statements with the scanner (works on text that does not
// parse). Calls @fn with each statement's byte span; returns false when the
// scanner itself failed (unterminated quote), with *err_offset set.
typedef void (*pf_sql_split_fn)(uint32_t start, uint32_t len, void *ud);
bool pf__sql_split(const char *sql, pf_sql_split_fn fn, void *ud,
                   uint32_t *err_offset, char *err_msg, size_t err_size);

// Splits @sql with the parser, which validates the whole text without
// building a tree; returns false (calling nothing) when it does not parse.
bool pf__sql_split_valid(const char *sql, pf_sql_split_fn fn, void *ud);

// Depth-first visit of every PgQuery__Node below @msg (any pg_query message).
// When @fn returns false, the node's children are skipped.
typedef bool (*pf_sql_visit_fn)(const PgQuery__Node *node, void *ud);
void pf__sql_walk(const ProtobufCMessage *msg, pf_sql_visit_fn fn, void *ud);

// Calls @fn with each direct sub-message of @msg (set oneof members and the
// elements of repeated fields), in field order. For walkers that need to see
// every message type, not only Nodes.
typedef void (*pf_sql_child_fn)(const ProtobufCMessage *child, void *ud);
void pf__sql_each_child(const ProtobufCMessage *msg, pf_sql_child_fn fn,
                        void *ud);

// The string value of a String node, or NULL for any other node.
const char *pf__sql_node_str(const PgQuery__Node *node);
// The last element of a dotted name list (["public","orders"] -> "orders"),
// and the one before it (the schema) or NULL.
const char *pf__sql_names_last(PgQuery__Node **names, size_t n);
const char *pf__sql_names_schema(PgQuery__Node **names, size_t n);

// SQL text for a statement node, an expression or a type name, produced by
// libpg_query's deparser. Caller frees with free(); NULL when it fails.
char *pf__sql_deparse_stmt(PgQuery__Node *stmt);
char *pf__sql_deparse_expr(PgQuery__Node *expr);
char *pf__sql_deparse_type(PgQuery__TypeName *type);
// The common type names without the deparser, or NULL: what
// pf__sql_deparse_type() uses first; _slow always deparses (for tests).
char *pf__sql_format_type(const PgQuery__TypeName *type);
char *pf__sql_deparse_type_slow(PgQuery__TypeName *type);

// Whether @name is one of the node-case names in @node (for debugging).
const char *pf__sql_node_name(const PgQuery__Node *node);

#endif
