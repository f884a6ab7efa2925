/* Code references: which lines of the application touch a table or column. */
/* SPDX-License-Identifier: MIT */
#ifndef PF_CODESCAN_CODESCAN_H
#define PF_CODESCAN_CODESCAN_H

#include "pgpreflight.h"

#include <stdbool.h>
#include <stdint.h>

#include "core/core.h"

// How a reference was found. Append-only.
typedef enum pf_ref_kind {
  PF_REF_SQL = 0,       // SQL inside a string literal, parsed with libpg_query
  PF_REF_ORM,           // ORM mapping (model field, struct tag, db_column, ...)
  PF_REF_QUERY_BUILDER, // query-builder call (filter(customer_id=..), knex)
  PF_REF_ATTRIBUTE,     // attribute/key access tied to the table
  PF_REF_IDENTIFIER,    // plain identifier or string: low confidence
  // Appended for issue 7 (new checks from data).
  PF_REF_INSERT_OMITS, // an INSERT into the table that does not name the
                       // column (a column list without it, or none)
  PF_REF_LITERAL,      // a string literal that spells an enum value
  PF_REF_KIND_COUNT
} pf_ref_kind;

typedef enum pf_confidence {
  PF_CONF_LOW = 0,
  PF_CONF_MEDIUM,
  PF_CONF_HIGH,
  PF_CONF_COUNT
} pf_confidence;

// "sql-string", "orm", "query-builder", "attribute", "identifier",
// "insert-omits-column", "literal".
const char *pf_ref_kind_name(pf_ref_kind kind);
// "low", "medium", "high".
const char *pf_confidence_name(pf_confidence conf);

// What to look for. Names are as PostgreSQL folds them (lower case unless
// the migration quoted them).
// What a target asks the scan for. Append-only.
typedef enum pf_scan_kind {
  PF_SCAN_REFS = 0,     // every reference to the table or column
  PF_SCAN_INSERT_OMITS, // INSERTs into table that do not name column
  PF_SCAN_LITERAL,      // string literals equal to one of values
  PF_SCAN_KIND_COUNT
} pf_scan_kind;

// A column, for PF_SCAN_LITERAL: one that holds the enum.
typedef struct pf_scan_column {
  const char *table, *column;
} pf_scan_column;

// PF_SCAN_INSERT_OMITS position of a column the migration appends.
#define PF_SCAN_POS_LAST UINT32_MAX

typedef struct pf_scan_target {
  const char *table;  // unqualified table name (PF_SCAN_LITERAL: unused)
  const char *column; // NULL: references to the table itself
  // Appended for issue 7. Zero-initialised targets are PF_SCAN_REFS.
  pf_scan_kind kind;
  // PF_SCAN_INSERT_OMITS: the column's 1-based position in the table, 0
  // when unknown, PF_SCAN_POS_LAST when the migration appends it (an INSERT
  // without a column list then never supplies it).
  uint32_t position;
  // PF_SCAN_LITERAL: the values to find (enum labels, case-sensitive) and
  // the columns known to hold them (none: every literal is low confidence).
  const char *const *values;
  uint32_t nvalues;
  const pf_scan_column *cols;
  uint32_t ncols;
} pf_scan_target;

// What leaves a column out of the INSERTs (PF_REF_INSERT_OMITS), so that a
// finding can say what it found. Append-only.
typedef enum pf_omit_site {
  PF_OMIT_INSERT = 0,     // an INSERT: SQL text, a query builder's insert,
                          // an ORM create
  PF_OMIT_COPY,           // a COPY: SQL text or a driver's COPY API
  PF_OMIT_MODEL,          // an ORM model without the column: every INSERT
                          // it builds leaves it out
  PF_OMIT_NULLABLE_FIELD, // an ORM field that maps it as nullable: NULL
                          // when a create leaves it unset
  PF_OMIT_COUNT
} pf_omit_site;

// One place in the code. All strings are owned by the pf_scan_result.
typedef struct pf_code_ref {
  uint32_t target;             // index into the targets passed to the scan
  char *path;                  // path as walked: the given root joined
  uint32_t line, col, end_col; // 1-based; columns count bytes
  pf_ref_kind kind;
  pf_confidence confidence;
  char *snippet;   // the source line, trimmed, at most 200 bytes
  char *detail;    // short why: "SELECT in string", "SQLAlchemy Column", ...
  bool suppressed; // a pgpreflight-ignore-ref comment on the line or the
                   // line before silences it (reported as suppressed)
  // Appended for issue 7: PF_REF_INSERT_OMITS, what in the code leaves the
  // column out (PF_OMIT_INSERT for every other kind).
  pf_omit_site omit;
} pf_code_ref;

// The comment that silences the code references of its line, or of the
// next line when it stands alone.
#define PF_IGNORE_REF_TOKEN "pgpreflight-ignore-ref"

// How Python files that hold a candidate name are parsed. Append-only.
typedef enum pf_scan_parts {
  PF_SCAN_PARTS_AUTO = 0, // only the statements that can yield a
                          // reference, when the file allows it
  PF_SCAN_PARTS_OFF,      // whole
  PF_SCAN_PARTS_VERIFY,   // both; the whole file's results are kept, and a
                          // difference is a warning (tests)
  PF_SCAN_PARTS_COUNT
} pf_scan_parts;

typedef struct pf_scan_opts {
  uint32_t jobs;               // threads; 0 = one per core
  bool include_low;            // keep PF_CONF_LOW references
  uint64_t max_file_size;      // bytes; larger files are skipped with a warning
  const char *const *excludes; // shell patterns of files not to read
  size_t nexcludes;
  // Called on the calling thread about every 100 ms while files are
  // scanned (pgpreflight.h); NULL: none.
  pf_progress_fn progress;
  void *progress_ud;
  pf_scan_parts parts;
} pf_scan_opts;

// Why a file or directory was not scanned. Append-only.
typedef enum pf_skip_reason {
  PF_SKIP_IGNORED = 0, // .gitignore or .git/info/exclude
  PF_SKIP_EXCLUDED,    // default exclude: .git, node_modules, vendor, ...
  PF_SKIP_GENERATED,   // minified, or says "Code generated ... DO NOT EDIT"
  PF_SKIP_TOO_LARGE,   // over max_file_size
  PF_SKIP_BINARY,      // a NUL byte in the first 8 KiB
  PF_SKIP_UNREADABLE,  // cannot open, stat or read (file or directory)
  PF_SKIP_SPECIAL,     // not a regular file: FIFO, socket, device
  PF_SKIP_LINK,        // dangling symlink, symlink loop, directory seen
  PF_SKIP_TOO_DEEP,    // directories or syntax nested too deep
  PF_SKIP_COUNT
} pf_skip_reason;

// "ignored", "excluded", "generated", "too large", "binary", ...
const char *pf_skip_reason_name(pf_skip_reason reason);

typedef struct pf_scan_result {
  PF_VEC(pf_code_ref) refs; // sorted by (path, line, col, target)
  PF_VEC(char *) warnings;  // one line each: "path: message"
  uint64_t files_seen, files_parsed, bytes_read;
  uint64_t files_in_parts;         // Python files parsed in parts (pyparts.c)
  uint64_t skipped[PF_SKIP_COUNT]; // files and directories, by reason
} pf_scan_result;

// Scans @paths (directories or files) for references to @targets and fills
// @out (caller-owned; call pf__scan_result_clear afterwards, also on error).
// Unreadable, binary or unparsable files are warnings, never errors; the
// function fails only when a grammar query does not compile (PF_GRAMMAR) or
// no path exists (PF_IO).
pf_code pf__codescan_run(const char *const *paths, size_t npaths,
                         const pf_scan_target *targets, size_t ntargets,
                         const pf_scan_opts *opts, pf_scan_result *out,
                         pf_error *err);
void pf__scan_result_init(pf_scan_result *self);
void pf__scan_result_clear(pf_scan_result *self);

// How one SQL text (a recorded query, a function body) names a target.
typedef enum pf_sql_use {
  PF_SQL_USE_NONE = 0, // not at all
  PF_SQL_USE_PARSED,   // libpg_query's parse tree, tables and aliases resolved
  PF_SQL_USE_TOKENS,   // libpg_query's scanner tokens (text that does not
                       // parse as SQL, or a PL/pgSQL body)
} pf_sql_use;

// Whether @sql reads or writes @target's column (its table when column is
// NULL), with the attribution of SQL strings in the code scan. With
// @tokens_only (PL/pgSQL), only scanner tokens are looked at. Can't fail.
pf_sql_use pf__codescan_sql_uses(const char *sql, const pf_scan_target *target,
                                 bool tokens_only);

#endif
