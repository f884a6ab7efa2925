/* libpg_query wrapper: protobuf parse trees and a descriptor-driven walker. */
/* SPDX-License-Identifier: MIT */
#include "sql.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "core/source.h"

// pg_query_exit() crashes when this thread never used the parser.
static _Thread_local bool parser_used;

static bool is_op_char(char c)
{
  return c == '+' || c == '-' || c == '*' || c == '/' || c == '%' || c == '^' ||
         c == '|' || c == '&' || c == '<' || c == '>' || c == '=' || c == '~' ||
         c == '!' || c == '#' || c == '@' || c == ':';
}

// Whether byte @c can change the nesting scan's state: quotes, comment and
// dollar-quote starts, parentheses, separators and operator characters.
static bool special_byte(unsigned char c)
{
  static const bool table[256] = {
      ['\''] = true, ['"'] = true, ['$'] = true, ['('] = true, [')'] = true,
      [','] = true,  [';'] = true, ['+'] = true, ['-'] = true, ['*'] = true,
      ['/'] = true,  ['%'] = true, ['^'] = true, ['|'] = true, ['&'] = true,
      ['<'] = true,  ['>'] = true, ['='] = true, ['~'] = true, ['!'] = true,
      ['#'] = true,  ['@'] = true, [':'] = true};
  return table[c];
}

// An upper bound on how deeply the parse tree of @sql nests: parenthesis
// depth plus the longest chain of operators within one parenthesised list
// element ("1+1+1" nests one level per "+"). Strings, quoted identifiers,
// dollar quotes and comments are skipped. Returns the offset where the
// bound first exceeds @limit in *at, or false when it never does.
static bool nests_deeper_than(const char *s, size_t len, uint32_t limit,
                              uint32_t *at)
{
  uint32_t depth = 0, chain = 0;
  // Chains of enclosing levels, restored on ")": a small fixed stack is
  // enough since exceeding @limit ends the scan.
  uint32_t saved[64];
  bool in_op = false;
  for (size_t i = 0; i < len; i++) {
    // Most bytes are letters, digits and spaces, which change nothing but
    // end an operator: skip a run of them at once.
    if (!special_byte((unsigned char)s[i])) {
      while (i + 1 < len && !special_byte((unsigned char)s[i + 1]))
        i++;
      in_op = false;
      if (depth > limit) {
        *at = (uint32_t)i;
        return true;
      }
      continue;
    }
    char c = s[i];
    if (c == '\'' || c == '"') {
      for (i++; i < len && s[i] != c; i++)
        ;
      in_op = false;
      continue;
    }
    if (c == '-' && i + 1 < len && s[i + 1] == '-') {
      while (i < len && s[i] != '\n')
        i++;
      continue;
    }
    if (c == '/' && i + 1 < len && s[i + 1] == '*') {
      const char *end = strstr(s + i + 2, "*/");
      i = end ? (size_t)(end - s) + 1 : len;
      continue;
    }
    if (c == '$') { // $tag$ ... $tag$
      size_t k = i + 1;
      while (k < len && (pf_is_ident_char((unsigned char)s[k])) && s[k] != '$')
        k++;
      if (k < len && s[k] == '$') {
        size_t tag = k - i + 1;
        for (k++; k + tag <= len; k++) {
          if (memcmp(s + k, s + i, tag) == 0)
            break;
        }
        i = k + tag <= len ? k + tag - 1 : len;
        in_op = false;
        continue;
      }
    }
    if (c == '(') {
      if (depth < 64)
        saved[depth] = chain;
      depth++;
      chain = 0;
    } else if (c == ')') {
      if (depth)
        depth--;
      chain = depth < 64 ? saved[depth] : 0;
    } else if (c == ',' || c == ';') {
      chain = 0;
    } else if (is_op_char(c)) {
      if (!in_op)
        chain++;
      in_op = true;
      if (depth + chain > limit) {
        *at = (uint32_t)i;
        return true;
      }
      continue;
    }
    in_op = false;
    if (depth > limit) {
      *at = (uint32_t)i;
      return true;
    }
  }
  return false;
}

bool pf__sql_nests_too_deep(const char *sql, size_t len)
{
  uint32_t at;
  return nests_deeper_than(sql, len, PF_SQL_MAX_NESTING, &at);
}

static void *arena_pb_alloc(void *arena, size_t size)
{
  return pf_arena_alloc_uninit(arena, size ? size : 1);
}

static void arena_pb_free(void *arena, void *p)
{
  (void)arena;
  (void)p;
}

void pf__sql_parse(const char *sql, size_t len, pf_sql_parse *out)
{
  // The parser itself takes any depth, but turning its tree into protobuf
  // and back recurses once per level on the C stack: refuse what would
  // overflow it instead of crashing.
  uint32_t at;
  if (nests_deeper_than(sql, len, PF_SQL_MAX_NESTING, &at)) {
    memset(out, 0, sizeof(*out));
    out->error_offset = at;
    char msg[128];
    snprintf(msg, sizeof(msg),
             "expression nests more than %u levels deep; pgpreflight does "
             "not analyse it",
             PF_SQL_MAX_NESTING);
    out->error_msg = pf_xstrdup(msg);
    return;
  }
  pf__sql_parse_shallow(sql, len, out);
}

// The protobuf path: libpg_query packs the tree, we unpack it.
static void parse_protobuf(const char *sql, size_t len, pf_sql_parse *out)
{
  PgQueryProtobufParseResult r = pg_query_parse_protobuf(sql);
  if (r.error) {
    out->error_msg =
        pf_xstrdup(r.error->message ? r.error->message : "syntax error");
    // cursorpos is a 1-based character index; 0 means unknown.
    if (r.error->cursorpos > 0)
      out->error_offset =
          pf_utf8_char_to_byte(sql, len, (uint32_t)r.error->cursorpos);
  } else {
    // The tree lives in an arena: unpacking makes one allocation per node,
    // and the whole tree is released at once (a third of the parse cost
    // went to malloc and free_unpacked's walk before).
    out->arena = pf_arena_new();
    ProtobufCAllocator a = {arena_pb_alloc, arena_pb_free, out->arena};
    out->tree = pg_query__parse_result__unpack(
        &a, r.parse_tree.len, (const uint8_t *)r.parse_tree.data);
    if (!out->tree)
      out->error_msg = pf_xstrdup("parse tree could not be decoded");
  }
  pg_query_free_protobuf_parse_result(r);
}

void pf__sql_parse_shallow(const char *sql, size_t len, pf_sql_parse *out)
{
  parser_used = true;
  memset(out, 0, sizeof(*out));
  out->error_offset = UINT32_MAX;
  // The same tree from libpg_query's JSON is a third of the cost
  // (fromjson.c); what the JSON cannot carry exactly goes the protobuf way.
  PgQueryParseResult r = pg_query_parse(sql);
  if (r.error) {
    out->error_msg =
        pf_xstrdup(r.error->message ? r.error->message : "syntax error");
    if (r.error->cursorpos > 0)
      out->error_offset =
          pf_utf8_char_to_byte(sql, len, (uint32_t)r.error->cursorpos);
  } else {
    out->arena = pf_arena_new();
    out->tree = pf__sql_tree_from_json(r.parse_tree, strlen(r.parse_tree), sql,
                                       len, out->arena);
    if (!out->tree) {
      pf_arena_free(out->arena);
      out->arena = NULL;
      parse_protobuf(sql, len, out);
    }
  }
  pg_query_free_parse_result(r);
}

// The protobuf path alone, for tests that compare the two.
void pf__sql_parse_protobuf(const char *sql, size_t len, pf_sql_parse *out)
{
  parser_used = true;
  memset(out, 0, sizeof(*out));
  out->error_offset = UINT32_MAX;
  parse_protobuf(sql, len, out);
}

void pf__sql_parse_clear(pf_sql_parse *self)
{
  pf_arena_free(self->arena);
  free(self->error_msg);
  memset(self, 0, sizeof(*self));
}

bool pf__sql_split(const char *sql, pf_sql_split_fn fn, void *ud,
                   uint32_t *err_offset, char *err_msg, size_t err_size)
{
  parser_used = true;
  PgQuerySplitResult r = pg_query_split_with_scanner(sql);
  if (r.error) {
    if (err_offset)
      *err_offset = r.error->cursorpos > 0
                        ? pf_utf8_char_to_byte(sql, strlen(sql),
                                               (uint32_t)r.error->cursorpos)
                        : UINT32_MAX;
    if (err_msg && err_size)
      snprintf(err_msg, err_size, "%s",
               r.error->message ? r.error->message : "syntax error");
    pg_query_free_split_result(r);
    return false;
  }
  // The scanner split drops text it cannot place: everything after an
  // unbalanced "(" or ")", and keyword-less pieces ("42;"). Hand such gaps
  // to @fn too, so that they are parsed (and reported) rather than skipped.
  uint32_t next = 0;
  for (int i = 0; i < r.n_stmts; i++) {
    uint32_t loc = (uint32_t)r.stmts[i]->stmt_location;
    uint32_t len = (uint32_t)r.stmts[i]->stmt_len;
    if (loc > next)
      fn(next, loc - next, ud);
    fn(loc, len, ud);
    next = loc + len;
    if (sql[next] == ';')
      next++;
  }
  size_t total = strlen(sql);
  if (next < total)
    fn(next, (uint32_t)(total - next), ud);
  pg_query_free_split_result(r);
  return true;
}

bool pf__sql_split_valid(const char *sql, pf_sql_split_fn fn, void *ud)
{
  uint32_t at;
  if (nests_deeper_than(sql, strlen(sql), PF_SQL_MAX_NESTING, &at))
    return false;
  parser_used = true;
  PgQuerySplitResult r = pg_query_split_with_parser(sql);
  bool ok = !r.error;
  for (int i = 0; ok && i < r.n_stmts; i++)
    fn((uint32_t)r.stmts[i]->stmt_location, (uint32_t)r.stmts[i]->stmt_len, ud);
  pg_query_free_split_result(r);
  return ok;
}

void pf__sql_each_child(const ProtobufCMessage *msg, pf_sql_child_fn fn,
                        void *ud)
{
  const ProtobufCMessageDescriptor *d = msg->descriptor;
  const char *base = (const char *)msg;
  // A Node is a oneof of ~240 members: go straight to the one it holds.
  if (d == &pg_query__node__descriptor) {
    uint32_t which = ((const PgQuery__Node *)msg)->node_case;
    const ProtobufCFieldDescriptor *f =
        which ? protobuf_c_message_descriptor_get_field(d, which) : NULL;
    if (f && f->type == PROTOBUF_C_TYPE_MESSAGE &&
        f->label != PROTOBUF_C_LABEL_REPEATED) {
      const ProtobufCMessage *child =
          *(const ProtobufCMessage *const *)(base + f->offset);
      if (child)
        fn(child, ud);
    }
    return;
  }
  for (unsigned i = 0; i < d->n_fields; i++) {
    const ProtobufCFieldDescriptor *f = &d->fields[i];
    if (f->type != PROTOBUF_C_TYPE_MESSAGE)
      continue;
    if (f->flags & PROTOBUF_C_FIELD_FLAG_ONEOF) {
      uint32_t which = *(const uint32_t *)(base + f->quantifier_offset);
      if (which != f->id)
        continue;
    }
    if (f->label == PROTOBUF_C_LABEL_REPEATED) {
      size_t n = *(const size_t *)(base + f->quantifier_offset);
      ProtobufCMessage *const *arr =
          *(ProtobufCMessage *const *const *)(base + f->offset);
      for (size_t k = 0; k < n; k++) {
        if (arr[k])
          fn(arr[k], ud);
      }
    } else {
      const ProtobufCMessage *child =
          *(const ProtobufCMessage *const *)(base + f->offset);
      if (child)
        fn(child, ud);
    }
  }
}

typedef struct walk_ctx {
  pf_sql_visit_fn fn;
  void *ud;
  int depth;
} walk_ctx;

static void walk_child(const ProtobufCMessage *child, void *ud)
{
  walk_ctx *w = ud;
  // The parser bounds nesting itself (max_stack_depth); this guards the
  // walker against a hostile tree all the same.
  if (w->depth > 10000)
    return;
  if (child->descriptor == &pg_query__node__descriptor &&
      !w->fn((const PgQuery__Node *)child, w->ud))
    return;
  w->depth++;
  pf__sql_each_child(child, walk_child, w);
  w->depth--;
}

void pf__sql_walk(const ProtobufCMessage *msg, pf_sql_visit_fn fn, void *ud)
{
  if (!msg)
    return;
  walk_ctx w = {fn, ud, 0};
  walk_child(msg, &w);
}

const char *pf__sql_node_str(const PgQuery__Node *node)
{
  if (node && node->node_case == PG_QUERY__NODE__NODE_STRING && node->string)
    return node->string->sval;
  return NULL;
}

const char *pf__sql_names_last(PgQuery__Node **names, size_t n)
{
  return n ? pf__sql_node_str(names[n - 1]) : NULL;
}

const char *pf__sql_names_schema(PgQuery__Node **names, size_t n)
{
  return n >= 2 ? pf__sql_node_str(names[n - 2]) : NULL;
}

char *pf__sql_deparse_stmt(PgQuery__Node *stmt)
{
  PgQuery__RawStmt raw = PG_QUERY__RAW_STMT__INIT;
  raw.stmt = stmt;
  PgQuery__RawStmt *stmts[1] = {&raw};
  PgQuery__ParseResult pr = PG_QUERY__PARSE_RESULT__INIT;
  pr.version = PG_VERSION_NUM;
  pr.n_stmts = 1;
  pr.stmts = stmts;
  size_t size = pg_query__parse_result__get_packed_size(&pr);
  PgQueryProtobuf pb;
  pb.len = size;
  pb.data = pf_xmalloc(size ? size : 1);
  pg_query__parse_result__pack(&pr, (uint8_t *)pb.data);
  parser_used = true;
  PgQueryDeparseResult r = pg_query_deparse_protobuf(pb);
  free(pb.data);
  char *out = NULL;
  if (!r.error && r.query)
    out = pf_xstrdup(r.query);
  pg_query_free_deparse_result(r);
  return out;
}

// Deparses "SELECT <expr>" and strips the SELECT keyword.
char *pf__sql_deparse_expr(PgQuery__Node *expr)
{
  PgQuery__ResTarget rt = PG_QUERY__RES_TARGET__INIT;
  rt.val = expr;
  PgQuery__Node rtn = PG_QUERY__NODE__INIT;
  rtn.node_case = PG_QUERY__NODE__NODE_RES_TARGET;
  rtn.res_target = &rt;
  PgQuery__Node *targets[1] = {&rtn};
  PgQuery__SelectStmt sel = PG_QUERY__SELECT_STMT__INIT;
  sel.n_target_list = 1;
  sel.target_list = targets;
  sel.op = PG_QUERY__SET_OPERATION__SETOP_NONE;
  sel.limit_option = PG_QUERY__LIMIT_OPTION__LIMIT_OPTION_DEFAULT;
  PgQuery__Node seln = PG_QUERY__NODE__INIT;
  seln.node_case = PG_QUERY__NODE__NODE_SELECT_STMT;
  seln.select_stmt = &sel;
  char *s = pf__sql_deparse_stmt(&seln);
  if (s && strncmp(s, "SELECT ", 7) == 0) {
    memmove(s, s + 7, strlen(s + 7) + 1);
    return s;
  }
  free(s);
  return NULL;
}

// The type names a migration spells most, printed the way the deparser
// prints them (tests/unit checks the two agree). Deparsing costs a protobuf
// round trip and a parser memory context per column, a third of the time
// of a large CREATE TABLE; anything else (quoting, interval fields, time
// zones with a precision, %TYPE, SETOF) still goes to the deparser.
static const char *const catalog_types[][2] = {
    {"int2", "smallint"},      {"int4", "int"},
    {"int8", "bigint"},        {"bool", "boolean"},
    {"float4", "real"},        {"float8", "double precision"},
    {"numeric", "numeric"},    {"varchar", "varchar"},
    {"bpchar", "char"},        {"time", "time"},
    {"timestamp", "timestamp"}};
static const char *const plain_types[] = {
    "text",      "uuid",      "jsonb",       "json",     "bytea",
    "date",      "int2",      "int4",        "int8",     "bool",
    "float4",    "float8",    "timestamptz", "timetz",   "varbit",
    "serial",    "bigserial", "smallserial", "serial2",  "serial4",
    "serial8",   "inet",      "cidr",        "macaddr",  "money",
    "xml",       "oid",       "citext",      "tsvector", "tsquery",
    "int4range", "int8range", "numrange",    "tsrange",  "tstzrange",
    "daterange", "hstore",    NULL};

char *pf__sql_format_type(const PgQuery__TypeName *type)
{
  if (!type || type->setof || type->pct_type || type->typemod != -1)
    return NULL;
  const char *name = NULL;
  if (type->n_names == 1) {
    const char *n = pf__sql_node_str(type->names[0]);
    for (int i = 0; n && plain_types[i]; i++)
      if (strcmp(n, plain_types[i]) == 0)
        name = n;
  } else if (type->n_names == 2) {
    const char *schema = pf__sql_node_str(type->names[0]);
    const char *n = pf__sql_node_str(type->names[1]);
    size_t count = sizeof(catalog_types) / sizeof(catalog_types[0]);
    for (size_t i = 0;
         schema && n && strcmp(schema, "pg_catalog") == 0 && i < count; i++)
      if (strcmp(n, catalog_types[i][0]) == 0)
        name = catalog_types[i][1];
  }
  if (!name)
    return NULL;
  pf_buf b;
  pf_buf_init(&b);
  pf_buf_puts(&b, name);
  for (size_t i = 0; i < type->n_typmods; i++) {
    const PgQuery__Node *m = type->typmods[i];
    if (!m || m->node_case != PG_QUERY__NODE__NODE_A_CONST ||
        m->a_const->isnull ||
        m->a_const->val_case != PG_QUERY__A__CONST__VAL_IVAL ||
        !m->a_const->ival) {
      pf_buf_clear(&b);
      return NULL;
    }
    pf_buf_printf(&b, "%s%d", i ? ", " : "(", (int)m->a_const->ival->ival);
  }
  if (type->n_typmods)
    pf_buf_putc(&b, ')');
  for (size_t i = 0; i < type->n_array_bounds; i++) {
    const PgQuery__Node *a = type->array_bounds[i];
    if (!a || a->node_case != PG_QUERY__NODE__NODE_INTEGER || !a->integer ||
        a->integer->ival < -1) {
      pf_buf_clear(&b);
      return NULL;
    }
    if (a->integer->ival > 0)
      pf_buf_printf(&b, "[%d]", (int)a->integer->ival);
    else
      pf_buf_puts(&b, "[]");
  }
  return pf_buf_detach(&b);
}

// Deparses "NULL::<type>" and keeps the type.
char *pf__sql_deparse_type(PgQuery__TypeName *type)
{
  char *fast = pf__sql_format_type(type);
  if (fast)
    return fast;
  return pf__sql_deparse_type_slow(type);
}

char *pf__sql_deparse_type_slow(PgQuery__TypeName *type)
{
  PgQuery__AConst c = PG_QUERY__A__CONST__INIT;
  c.isnull = true;
  PgQuery__Node cn = PG_QUERY__NODE__INIT;
  cn.node_case = PG_QUERY__NODE__NODE_A_CONST;
  cn.a_const = &c;
  PgQuery__TypeCast tc = PG_QUERY__TYPE_CAST__INIT;
  tc.arg = &cn;
  tc.type_name = type;
  PgQuery__Node tcn = PG_QUERY__NODE__INIT;
  tcn.node_case = PG_QUERY__NODE__NODE_TYPE_CAST;
  tcn.type_cast = &tc;
  char *s = pf__sql_deparse_expr(&tcn);
  if (s && strncmp(s, "NULL::", 6) == 0) {
    memmove(s, s + 6, strlen(s + 6) + 1);
    return s;
  }
  free(s);
  return NULL;
}

const char *pf__sql_node_name(const PgQuery__Node *node)
{
  if (!node)
    return "(null)";
  const ProtobufCFieldDescriptor *f = protobuf_c_message_descriptor_get_field(
      &pg_query__node__descriptor, (unsigned)node->node_case);
  return f ? f->name : "(unset)";
}

void pf_shutdown(void)
{
  if (parser_used)
    pg_query_exit();
}
