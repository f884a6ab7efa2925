/* Code scanner internals shared by the files of lib/codescan/. */
/* SPDX-License-Identifier: MIT */
#ifndef PF_CODESCAN_SCAN_H
#define PF_CODESCAN_SCAN_H

#include "codescan.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <string.h>

#include <tree_sitter/api.h>

#include "core/core.h"
#include "core/source.h"

// Languages by file extension. Append-only within this file.
typedef enum pf__lang {
  PF__LANG_NONE = 0,
  PF__LANG_PYTHON,
  PF__LANG_JAVASCRIPT,
  PF__LANG_TYPESCRIPT,
  PF__LANG_TSX,
  PF__LANG_GO,
  PF__LANG_RUBY,
  PF__LANG_JAVA,
  PF__LANG_SQL,
  PF__LANG_PHP,
  PF__LANG_CSHARP,
  PF__LANG_PRISMA, // schema.prisma, read without tree-sitter
  PF__LANG_COUNT
} pf__lang;

// What a compiled query is for; one .scm file each.
typedef enum pf__purpose {
  PF__Q_MODELS = 0, // ORM classes/structs and query-builder calls
  PF__Q_IDENTS,     // identifiers, for low-confidence references
  PF__Q_COUNT
} pf__purpose;

typedef PF_VEC(char *) pf__strvec;

// What a model field says about the INSERTs of its ORM (issue 7).
enum {
  // The ORM writes NULL (or leaves the column out) when the code does not
  // set the field: it is mapped as nullable, explicitly or by the ORM's
  // own default, and has no default on the ORM side.
  PF__FIELD_NULLABLE = 1,
  // The ORM fills the field when the code does not (an attribute default:
  // Eloquent $attributes, ActiveRecord attribute ..., default:).
  PF__FIELD_DEFAULT = 2,
};

// Node types an identifiers.scm may list to be read without the query.
#define PF__IDENT_SYMS 8

// A model (ORM class, Go struct) field that maps to a column.
typedef struct pf__field {
  char *field;    // the name used in code ("customer")
  char *column;   // the column it maps to ("customer_id")
  pf_code_ref at; // where to report it (target and confidence unset)
  int flags;      // PF__FIELD_*
} pf__field;

// How an ORM builds the INSERT of a model (issue 7).
typedef enum pf__model_inserts {
  PF__INS_NONE = 0, // not by the model's fields (ActiveRecord, Eloquent,
                    // sqlx structs: the keys or the SQL text decide)
  PF__INS_DECLARED, // exactly the columns the model declares, and every one
                    // of them is among its fields (or loose names)
  PF__INS_PARTIAL,  // the declared columns, but some may come from
                    // elsewhere (a base class, a mixin, an embedded struct)
} pf__model_inserts;

// An ORM model found in one file; fields are reported once the table is
// known, which for Go may need a TableName() method from another file.
typedef struct pf__model {
  pf__lang lang;
  char *name;          // class or struct name
  char *dir;           // directory of the file (Go package)
  char *table;         // explicit table name, or NULL
  char *default_table; // table by the ORM's naming convention, or NULL
  pf_code_ref at;      // the declaration, reported for a table target
  PF_VEC(pf__field) fields;
  // Issue 7: how the ORM inserts through the model, its name for the
  // evidence ("Django"), the class or struct name itself (reported when
  // the model does not declare a column that becomes required), and the
  // columns it may map in a way not read as fields (a SQLAlchemy
  // deferred(Column(...)), gorm.Model's columns): never reported as left
  // out.
  pf__model_inserts inserts;
  const char *orm; // static string
  pf_code_ref decl;
  pf__strvec loose;
  bool hooks; // lifecycle hooks that may fill attributes (Eloquent boot)
  // Python: the names of the superclasses, whose columns the model
  // inherits when they are classes of the code (a declarative base or an
  // abstract model with columns, registered as models without a table).
  pf__strvec parents;
} pf__model;

// How a use names its model and its column.
enum {
  PF__USE_DIRECT = 1, // the field is the column when the model does not map
                      // it (ActiveRecord, Eloquent: columns are not declared)
  PF__USE_BY_VAR = 2, // @model is a variable named after the model
                      // ("order" for Order): medium confidence
  PF__USE_PRISMA = 4, // @model is a Prisma client property ("order")
  PF__USE_MEDIUM = 8, // a bare name that is probably the model's column
  // Issue 7: an INSERT through the model. With an empty field, a create of
  // a declarative ORM (Django create(), Sequelize create(), GORM Create):
  // it leaves out every column the model does not declare. With a field,
  // a create given literal keys (Eloquent, ActiveRecord) that do not
  // include that column.
  PF__USE_CREATE = 16,
  // The use declares @field as a column of the model from outside its
  // class (EF's HasColumnName, a shadow property): never reported as left
  // out by the model's INSERTs.
  PF__USE_DECLARES = 32,
};

// A use of a model by name in code (Order.objects.filter(customer=...),
// Order.customer_id), resolved once every model is known.
typedef struct pf__use {
  pf__lang lang;
  char *model;
  char *field; // field name as written ("customer", "customer_id")
  int flags;   // PF__USE_*
  pf_code_ref at;
} pf__use;

// A Go method "func (T) TableName() string { return "t" }", or an Entity
// Framework "modelBuilder.Entity<T>().ToTable("t")" (dir NULL: any folder).
typedef struct pf__tablename {
  char *dir, *type, *table;
  pf_code_ref at; // the string naming the table (path NULL: none)
} pf__tablename;

// Everything one file contributes.
typedef struct pf__file {
  char *path; // root as given joined with the relative path
  pf__lang lang;
  PF_VEC(pf_code_ref) refs;
  pf__strvec warnings;
  PF_VEC(pf__model) models;
  PF_VEC(pf__use) uses;
  PF_VEC(pf__tablename) tablenames;
  bool parsed;
  bool partial; // parsed in parts (pyparts.c), not whole
  uint64_t bytes;
  int skip; // a pf_skip_reason, or -1 when the file was read
} pf__file;
typedef PF_VEC(pf__file) pf__filevec;

// The state of one scan, read-only while the workers run.
typedef struct pf__scan {
  const pf_scan_target *targets;
  size_t ntargets;
  bool include_low;
  uint64_t max_file_size;
  const char **cands; // prefilter needles
  size_t *cand_lens;
  size_t ncands;
  struct pf__prefilter *prefilter; // built from cands
  TSQuery *queries[PF__LANG_COUNT][PF__Q_COUNT];
  // The node types an identifiers.scm that is a plain list of them
  // captures, as symbols: the identifiers are then found without running
  // (or compiling: 7-12 M instructions) that query (treesitter.c).
  TSSymbol ident_syms[PF__LANG_COUNT][PF__IDENT_SYMS];
  uint8_t nident_syms[PF__LANG_COUNT];
  // Issue 7: the PF_SCAN_INSERT_OMITS and PF_SCAN_LITERAL targets, kept
  // apart from targets (which holds the PF_SCAN_REFS ones only, so that no
  // detector of references sees them). Their references carry the index
  // ntargets + i (inserts) or ntargets + ninserts + i (literals) until
  // merge() maps every index through remap back to the caller's array.
  const pf_scan_target *const *inserts;
  size_t ninserts;
  const pf_scan_target *const *literals;
  size_t nliterals;
  const uint32_t *remap; // NULL: indices are the caller's already
  // Run the Python models query over the whole tree rather than around the
  // candidate occurrences (a table target, or a model field that maps a
  // target column under a name holding no candidate).
  bool full_models;
  pf_scan_parts parts; // whether Python files are parsed in parts
} pf__scan;

// Where a candidate name occurs in a file: bytes [start, end).
typedef struct pf__occ {
  uint32_t start, end;
} pf__occ;
typedef PF_VEC(pf__occ) pf__occvec;

// A byte range of a file, [start, end), with the 0-based row and byte
// column of both ends (tree-sitter's included ranges need them).
typedef struct pf__part {
  uint32_t start, end;
  uint32_t start_row, start_col, end_row, end_col;
} pf__part;
typedef PF_VEC(pf__part) pf__partvec;

// One file being scanned by one worker.
typedef struct pf__fctx {
  const pf__scan *scan;
  pf__file *file;
  pf_source *src;
  TSParser *parser;
  TSTree *tree;
  pf__lang lang;
  // Every occurrence of a prefilter needle (ASCII case ignored), sorted by
  // start: a node whose bytes hold none names no target, and is skipped.
  pf__occvec *occ;
  // The parts of the file in fx->tree (pyparts.c), NULL when it holds the
  // whole file; a detector that finds it needs more of the file than the
  // parts sets redo, and the file is scanned again whole.
  const pf__partvec *parts;
  bool redo;
} pf__fctx;

/* walk.c */

// Appends the files under @path (a directory or a file) to @files, in a
// deterministic order, honouring .gitignore files (those of @path's
// enclosing work tree too), .git/info/exclude and the default excludes;
// problems become warnings and every skip is counted in @skipped (indexed
// by pf_skip_reason). Returns false when @path does not exist.
bool pf__walk_path(const char *path, pf__filevec *files, pf__strvec *warnings,
                   uint64_t *skipped);
// The language of @path by its extension, or PF__LANG_NONE.
pf__lang pf__lang_of_path(const char *path);
// Appends "path: message" to @warnings.
void pf__warn(pf__strvec *warnings, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* queries.c */

// The tree-sitter language for @lang, or NULL (SQL, none).
const TSLanguage *pf__ts_language(pf__lang lang);
// Whether the models of @lang are found around the candidate occurrences
// without the models query (Python, unless full_models), treesitter.c.
static inline bool pf__models_around(const pf__scan *scan, pf__lang lang)
{
  return lang == PF__LANG_PYTHON && !scan->full_models && scan->prefilter;
}
// Whether a Python scan around candidates is lean: only references to
// tables and columns (PF_SCAN_REFS targets) are looked for, so only the
// parts of a file are parsed (pyparts.c), only whole-word occurrences
// count, the models are matched without the query and uses whose field is
// not a candidate are not kept. PF_SCAN_INSERT_OMITS and PF_SCAN_LITERAL
// targets have detectors of their own (ORM creates, base models, COPY,
// literals) that this reasoning does not cover: those scans are not lean.
static inline bool pf__lean(const pf__scan *scan, pf__lang lang)
{
  return pf__models_around(scan, lang) && !scan->ninserts && !scan->nliterals;
}
// Compiles every query of grammars/queries/ that @scan runs into
// @scan->queries: the identifiers queries only with include_low (as node
// symbols when the file is a plain list of types), the models queries
// unless pf__lean. Queries already there stay.
pf_code pf__queries_compile(pf__scan *scan, pf_error *err);
// Compiles the queries of @lang only (the scan compiles each language on
// first use: compiling all of them costs more than scanning a small tree).
// On failure the queries of @lang are freed.
pf_code pf__queries_compile_lang(pf__scan *scan, pf__lang lang, pf_error *err);
void pf__queries_free(pf__scan *scan);

/* treesitter.c */

// Pattern @i of grammars/queries/python/models.scm as the models are found
// around candidates without the query: the type of its one node and its
// capture name. False past the last pattern.
bool pf__py_model_pattern(uint32_t i, const char **type, const char **capture);
// Scans one loaded file with tree-sitter (strings, models, identifiers).
// @fx->occ is a buffer reused from file to file.
void pf__ts_scan_file(pf__fctx *fx);
// Whether some candidate occurrence lies inside bytes [start, end).
bool pf__occ_within(const pf__fctx *fx, uint32_t start, uint32_t end);
// Whether bytes [start, end) lie inside one part of the tree (always true
// for a whole file).
bool pf__parts_cover(const pf__fctx *fx, uint32_t start, uint32_t end);
// The byte ranges of the file that the tree holds: the parts, or the
// whole file as one.
static inline uint32_t pf__seg_count(const pf__fctx *fx)
{
  return fx->parts ? fx->parts->len : 1;
}
static inline pf__part pf__seg(const pf__fctx *fx, uint32_t i)
{
  if (fx->parts)
    return fx->parts->items[i];
  pf__part all = {0, fx->src->len, 0, 0, 0, 0};
  return all;
}
// The bytes of @node in the file.
static inline const char *pf__node_text(const pf__fctx *fx, TSNode node,
                                        size_t *len)
{
  if (ts_node_is_null(node)) {
    *len = 0;
    return fx->src->data;
  }
  uint32_t s = ts_node_start_byte(node), e = ts_node_end_byte(node);
  *len = e - s;
  return fx->src->data + s;
}
// Named children of @node; 0 for a null node (which tree-sitter 0.20 would
// dereference).
static inline uint32_t pf__named_count(TSNode node)
{
  return ts_node_is_null(node) ? 0 : ts_node_named_child_count(node);
}
// Whether @node's text equals @s.
bool pf__node_eq(const pf__fctx *fx, TSNode node, const char *s);
// A copy of @node's text (caller frees with free()).
char *pf__node_dup(const pf__fctx *fx, TSNode node);
// The content of a simple string literal node (no interpolation), unquoted
// and without escapes processing; caller frees. NULL when not a string.
char *pf__node_string(const pf__fctx *fx, TSNode node);
// The first named child of @node with type @type, or a null node.
TSNode pf__child_of_type(TSNode node, const char *type);

/* pyparts.c */

// Chooses the parts of the Python file of @fx to parse (sorted, apart):
// the statements that can yield a reference (the file comment of
// pyparts.c says which). Returns false, with @out empty, when the file is
// to be parsed whole. Can't fail.
bool pf__py_parts(const pf__fctx *fx, pf__partvec *out);

/* emit: codescan.c */

// Frees everything @f holds (path, references, warnings, models, uses).
void pf__file_clear(pf__file *f);
// How much a file holds, to drop what a scan added after it.
typedef struct pf__file_mark {
  uint32_t refs, warnings, models, uses, tablenames;
} pf__file_mark;
pf__file_mark pf__file_mark_of(const pf__file *f);
// Frees what @f gained since @m.
void pf__file_rollback(pf__file *f, pf__file_mark m);
// Whether @a and @b hold the same references, models, uses, table names and
// warnings, in the same order; if not, @why (when not NULL) says which
// differ first.
bool pf__file_same(const pf__file *a, const pf__file *b, pf_buf *why);
// Adds a reference at bytes [start, end) of the current file.
void pf__emit(pf__fctx *fx, uint32_t target, uint32_t start, uint32_t end,
              pf_ref_kind kind, pf_confidence conf, const char *detail);
// pf__emit of a PF_REF_INSERT_OMITS reference that @site leaves out.
void pf__emit_omit(pf__fctx *fx, uint32_t target, uint32_t start, uint32_t end,
                   pf_confidence conf, pf_omit_site site, const char *detail);
// Fills @ref's path, position, snippet and detail for [start, end).
void pf__ref_at(pf__fctx *fx, pf_code_ref *ref, uint32_t start, uint32_t end,
                pf_ref_kind kind, const char *detail);
// Frees the strings of @ref.
void pf__ref_clear(pf_code_ref *ref);
// Registers a model / use / TableName found in the current file.
pf__model *pf__model_add(pf__fctx *fx, const char *name, TSNode decl);
// Reports model @m at [start, end) (the string that names its table)
// instead of its declaration.
void pf__model_at(pf__fctx *fx, pf__model *m, uint32_t start, uint32_t end,
                  const char *detail);
// Adds a field to @m; the pointer is valid until the next field is added.
pf__field *pf__model_field(pf__fctx *fx, pf__model *m, const char *field,
                           const char *column, uint32_t start, uint32_t end,
                           const char *detail);
// Marks @m as a model whose ORM inserts the columns it declares (@orm:
// "Django", a static string); @complete false: some may be declared
// elsewhere (a base class, a mixin), so none is reported as left out.
void pf__model_inserts_declared(pf__model *m, const char *orm, bool complete);
// Adds @column to the columns @m may map without a field (pf__model.loose).
void pf__model_loose(pf__model *m, const char *column);
// A COPY through a driver's API into @table (maybe "schema.table") that
// writes exactly @cols (@ncols), or with @list false every column in table
// order: reported at [start, end), high, for every INSERT_OMITS target of
// the table it leaves out (without a list, only a column the migration
// appends).
void pf__insert_columns(pf__fctx *fx, const char *table,
                        const char *const *cols, size_t ncols, bool list,
                        uint32_t start, uint32_t end, const char *detail);
// Whether @name (@n bytes) is the column of an INSERT_OMITS target, or
// that column without "_id" (a relation named after it).
bool pf__is_insert_column(const pf__scan *scan, const char *name, size_t n);
void pf__use_add(pf__fctx *fx, const char *model, const char *field,
                 uint32_t start, uint32_t end, pf_ref_kind kind,
                 const char *detail);
// pf__use_add with PF__USE_* @flags.
void pf__use_add_flags(pf__fctx *fx, const char *model, const char *field,
                       uint32_t start, uint32_t end, pf_ref_kind kind,
                       int flags, const char *detail);
// Registers "type T maps to table @table" (EF's ToTable), any folder;
// [start, end) is the string naming the table, or start == end for none.
void pf__tablename_add(pf__fctx *fx, const char *type, const char *table,
                       uint32_t start, uint32_t end);
// Emits @column of @table, for every target that names them, at [s, e).
void pf__emit_column(pf__fctx *fx, const char *table, const char *column,
                     uint32_t s, uint32_t e, pf_ref_kind kind,
                     pf_confidence conf, const char *detail);
// Whether some target has the column @col (@n bytes), whatever its table.
bool pf__is_target_column(const pf__scan *scan, const char *col, size_t n);
// Whether the @n bytes at @s are one of the candidate names (the prefilter's
// needles before it drops those that hold another), ASCII case ignored.
bool pf__is_candidate(const pf__scan *scan, const char *s, size_t n);

/* sqlstr.c: SQL text gathered from string literals */

// SQL text with, for every byte, the file offset it came from.
typedef struct pf__sqltext {
  pf_buf text;
  PF_VEC(uint32_t) map;
} pf__sqltext;
void pf__sqltext_init(pf__sqltext *self);
void pf__sqltext_clear(pf__sqltext *self);
void pf__sqltext_put(pf__sqltext *self, char c, uint32_t file_off);
// Marks a hole (interpolated expression) at @file_off.
#define PF__HOLE '\x01'
// Whether @s starts with a SQL keyword after whitespace and parentheses.
bool pf__looks_like_sql(const char *s, size_t len);
// Whether @node is a string literal of @lang.
bool pf__sql_is_string(pf__lang lang, TSNode node);
// Whether @node joins strings: "a" "b", "a" + x, ("a").
bool pf__sql_is_concat(TSNode node);
// Reports the references in the SQL text of the string literal or
// concatenation @node. Returns true when the text parsed as SQL, so that
// the literals inside need not be looked at one by one.
bool pf__sql_from_node(pf__fctx *fx, TSNode node);

/* keyaccess.c */

// Reports row["col"], row[:col], row.get("col"), $row['col'] where a
// target column occurs as the key: through the model a variable is named
// after (a use, medium), or through the query the row came from (the last
// SQL text of the function before it reads the column's table only).
void pf__key_access(pf__fctx *fx, TSNode root);

/* sqlref.c */

// Parses @sql (NUL-terminated, @len bytes) and reports the references to
// the targets; @map gives the file offset of each byte (NULL: identity plus
// @base). Returns false when the text does not parse.
bool pf__sql_refs(pf__fctx *fx, const char *sql, size_t len,
                  const uint32_t *map, uint32_t base, const char *detail);
// The fallback for SQL text that does not parse: libpg_query's scanner
// tokens, at medium confidence; a column counts only when every table the
// text names (after FROM, JOIN, UPDATE, INTO) is its table, or when it is
// qualified by its table's name. Returns whether it reported anything.
bool pf__sql_tokens(pf__fctx *fx, const char *sql, size_t len,
                    const uint32_t *map, uint32_t base);
// Scans a whole .sql file.
void pf__sql_scan_file(pf__fctx *fx);

/* literal.c: string literals that spell an enum value (issue 7) */

// Whether the values of literal target @lt (0-based among scan->literals)
// hold the @n bytes at @s.
bool pf__literal_matches(const pf__scan *scan, size_t lt, const char *s,
                         size_t n);
// Whether literal target @lt (0-based among scan->literals) has a column
// named @col (@n bytes); with @table non-NULL, of that table.
bool pf__literal_has_column(const pf__scan *scan, size_t lt, const char *table,
                            const char *col, size_t n);
// Reports the string literal @node of code (not SQL) when its content is
// one of the values: medium when it is compared with, assigned to or keyed
// by a column that holds the enum, else low.
void pf__literal_from_node(pf__fctx *fx, TSNode node);

/* varflow.c */

// What a node of a function body does to a local variable that holds a
// new model instance (pf__var_follow).
typedef enum pf__var_op {
  PF__VAR_NONE = 0, // nothing: its children are looked at
  PF__VAR_SAVED,    // inserts the instance (session.add(o), o.save)
  PF__VAR_SETS,     // assigns the column asked for (o.region = ...)
  PF__VAR_REBOUND,  // binds the name to something else, or saves it in
                    // a create reported on its own: the walk ends
  PF__VAR_SKIP,     // not looked into (a nested function or class)
} pf__var_op;
// Classifies node @n for variable @var and column @col (may be NULL).
typedef pf__var_op (*pf__var_fn)(const pf__fctx *fx, TSNode n, const char *var,
                                 const char *col);
enum {
  PF__VAR_IS_SAVED = 1, // a save comes before any rebinding
  PF__VAR_COL_SET = 2,  // and an assignment of the column before the save
};
// Follows @var, built by a constructor of class @cls, through @scope from
// byte @from on, in source order, as @fn classifies its nodes:
// straight-line, by name, not across functions, within a budget of nodes.
// A class whose name holds no prefilter needle is not followed. Returns
// PF__VAR_* bits. Can't fail.
int pf__var_follow(const pf__fctx *fx, TSNode scope, TSNode cls, uint32_t from,
                   const char *var, const char *col, pf__var_fn fn);
// The nearest ancestor of @n whose type is one of @types (NULL-ended), or
// the root when none is.
TSNode pf__enclosing(TSNode n, const char *const *types);
// The instance @decl binds to @name, built by class @cls: followed through
// the nearest enclosing node of @scopes (pf__var_follow with @fn), and when
// it is saved, bytes [@start, @end) of the constructor are reported as a
// create of @cls (an INSERT that names no column), labelled @how.
void pf__var_saved_create(pf__fctx *fx, TSNode decl, TSNode name, TSNode cls,
                          const char *const *scopes, pf__var_fn fn,
                          uint32_t start, uint32_t end, const char *how);

/* orm_*.c */
void pf__orm_python(pf__fctx *fx, const TSQueryCapture *cap,
                    const char *capname);
void pf__orm_go(pf__fctx *fx, const TSQueryCapture *cap, const char *capname);
void pf__orm_js(pf__fctx *fx, const TSQueryCapture *cap, const char *capname);
void pf__orm_java(pf__fctx *fx, const TSQueryCapture *cap, const char *capname);
void pf__orm_ruby(pf__fctx *fx, const TSQueryCapture *cap, const char *capname);
void pf__orm_php(pf__fctx *fx, const TSQueryCapture *cap, const char *capname);
void pf__orm_csharp(pf__fctx *fx, const TSQueryCapture *cap,
                    const char *capname);
// Reads a schema.prisma file: models, @map and @@map (prisma.c).
void pf__prisma_scan_file(pf__fctx *fx);

// Naming helpers (orm_names.c).
// snake_case of a CamelCase name ("CustomerID" -> "customer_id"); caller
// frees.
char *pf__snake_case(const char *s);
// pf__snake_case of the @n bytes at @s; caller frees.
char *pf__snake_case_n(const char *s, size_t n);
// English plural of a lower-case word as ORMs make them ("order" ->
// "orders", "category" -> "categories"); caller frees.
char *pf__pluralize(const char *s);
// The singular of a plural table name, the inverse of pf__pluralize
// ("orders" -> "order", "categories" -> "category"); caller frees.
char *pf__singularize(const char *s);

// Null-safe field lookup: tree-sitter 0.20 crashes on a null node.
static inline TSNode pf__ts_field(TSNode n, const char *name)
{
  if (ts_node_is_null(n))
    return n;
  return ts_node_child_by_field_name(n, name, (uint32_t)strlen(name));
}

// Null-safe ts_node_named_child: a null node for a null parent or an index
// past the end (tree-sitter 0.20 dereferences a null node).
static inline TSNode pf__named_child(TSNode n, uint32_t i)
{
  if (ts_node_is_null(n) || i >= ts_node_named_child_count(n)) {
    TSNode none;
    memset(&none, 0, sizeof(none));
    return none;
  }
  return ts_node_named_child(n, i);
}

// Whether @n is a non-null node of grammar type @type.
static inline bool pf__ts_is(TSNode n, const char *type)
{
  return !ts_node_is_null(n) && strcmp(ts_node_type(n), type) == 0;
}

#endif
