/* Rules for type and naming choices: column types, identifier length and
 * statements that can be re-run. */
/* SPDX-License-Identifier: MIT */
#include "rules_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/source.h"

#define MAX_IDENT 63 // NAMEDATALEN - 1: PostgreSQL keeps this many bytes

// The column types these rules care about.
typedef enum type_class {
  TY_OTHER = 0,
  TY_INT2,
  TY_INT4,
  TY_SERIAL2,
  TY_SERIAL4,
  TY_SERIAL8,
  TY_VARCHAR, // with a length only
  TY_CHAR,
  TY_TIMESTAMP,
  TY_JSON,
} type_class;

// Type names as the parser resolves them (pf_column_def.type_base), then
// the spellings deparsed SQL text uses (ALTER COLUMN TYPE).
static const struct {
  const char *name;
  type_class cls;
  bool sql_only;
} type_names[] = {
    {"int2", TY_INT2, false},
    {"int4", TY_INT4, false},
    {"serial2", TY_SERIAL2, false},
    {"smallserial", TY_SERIAL2, false},
    {"serial", TY_SERIAL4, false},
    {"serial4", TY_SERIAL4, false},
    {"serial8", TY_SERIAL8, false},
    {"bigserial", TY_SERIAL8, false},
    {"varchar", TY_VARCHAR, false},
    {"bpchar", TY_CHAR, false},
    {"timestamp", TY_TIMESTAMP, false},
    {"json", TY_JSON, false},
    {"smallint", TY_INT2, true},
    {"int", TY_INT4, true},
    {"integer", TY_INT4, true},
    {"character varying", TY_VARCHAR, true},
    {"char", TY_CHAR, true},
    {"character", TY_CHAR, true},
    {"timestamp without time zone", TY_TIMESTAMP, true},
};

static type_class lookup(const char *name, bool sql, bool has_typmods)
{
  for (size_t i = 0; i < sizeof(type_names) / sizeof(type_names[0]); i++) {
    if ((sql || !type_names[i].sql_only) &&
        strcmp(type_names[i].name, name) == 0) {
      if (type_names[i].cls == TY_VARCHAR && !has_typmods)
        return TY_OTHER; // varchar without a length is text
      return type_names[i].cls;
    }
  }
  return TY_OTHER;
}

// The class of a type written as SQL ("character varying(20)",
// "pg_catalog.int4", "timestamp(3) without time zone", "int[]"): lower
// case, without schema, modifiers or array bounds. A quoted name ("char")
// is a different type and stays unmatched.
static type_class classify_sql(const char *type)
{
  if (!type)
    return TY_OTHER;
  pf_buf n = PF_BUF_INIT;
  bool mods = false;
  int depth = 0;
  if (strncmp(type, "pg_catalog.", 11) == 0)
    type += 11;
  for (const char *p = type; *p; p++) {
    if (*p == '(' || *p == '[') {
      mods = mods || *p == '(';
      depth++;
    } else if (*p == ')' || *p == ']') {
      depth--;
    } else if (depth > 0) {
      continue;
    } else if (*p == ' ') {
      if (n.len && n.data[n.len - 1] != ' ')
        pf_buf_putc(&n, ' ');
    } else {
      pf_buf_putc(&n, (char)pf_ascii_lower((unsigned char)*p));
    }
  }
  while (n.len && n.data[n.len - 1] == ' ')
    n.data[--n.len] = '\0';
  type_class cls = n.len ? lookup(n.data, true, mods) : TY_OTHER;
  pf_buf_clear(&n);
  return cls;
}

// The first type modifier of @type ("varchar(40)" -> 40), or -1.
static long first_typmod(const char *type)
{
  const char *p = type ? strchr(type, '(') : NULL;
  if (!p)
    return -1;
  char *end;
  errno = 0;
  long v = strtol(p + 1, &end, 10);
  if (errno || end == p + 1 || v < 0)
    return -1;
  return v;
}

// An id or a reference to one, by the usual naming conventions.
static bool is_key_name(const char *name)
{
  size_t n = name ? strlen(name) : 0;
  return (n == 2 && strcmp(name, "id") == 0) ||
         (n > 3 && strcmp(name + n - 3, "_id") == 0);
}

static bool is_ident_char(unsigned char c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '_' || c == '$' || c >= 0x80;
}

// Appends @name cut to what PostgreSQL keeps: 63 bytes, not splitting a
// UTF-8 character (pg_mbcliplen).
static void put_truncated(pf_buf *b, const char *name, size_t len)
{
  size_t n = len;
  if (n > MAX_IDENT) {
    n = MAX_IDENT;
    while (n > 0 && ((unsigned char)name[n] & 0xC0) == 0x80)
      n--;
  }
  pf_buf_append(b, name, n);
}

/* Reads the identifier written at byte @at of the source: quoted ("Name",
 * "" for a quote) or unquoted (ASCII folded to lower case). Sets *len to its
 * length in the source and @full to the name before PostgreSQL truncates
 * it. Returns false when no identifier starts at @at. */
static bool ident_at(const pf_source *src, uint32_t at, uint32_t end,
                     pf_buf *full, uint32_t *len)
{
  const char *s = src->data;
  uint32_t i = at;
  pf_buf_reset(full);
  if (at >= end || (at > 0 && is_ident_char((unsigned char)s[at - 1])))
    return false;
  if (s[i] == '"') {
    for (i++; i < end; i++) {
      if (s[i] == '"' && !(i + 1 < end && s[i + 1] == '"'))
        break;
      i += s[i] == '"';
      pf_buf_putc(full, s[i]);
    }
    if (i >= end || !full->len)
      return false;
    *len = i + 1 - at;
    return true;
  }
  if ((s[i] >= '0' && s[i] <= '9') || s[i] == '$')
    return false;
  while (i < end && is_ident_char((unsigned char)s[i]))
    pf_buf_putc(full, (char)pf_ascii_lower((unsigned char)s[i++]));
  *len = i - at;
  return i > at;
}

// Whether the identifier at @at is @name as PostgreSQL stores it.
static bool name_at(const pf_source *src, uint32_t at, uint32_t end,
                    const char *name, pf_buf *full, uint32_t *len)
{
  if (!ident_at(src, at, end, full, len))
    return false;
  pf_buf cut = PF_BUF_INIT;
  put_truncated(&cut, full->data, full->len);
  bool same = strcmp(cut.data, name) == 0;
  pf_buf_clear(&cut);
  return same;
}

/* Finds where @name (as stored: lower case, truncated) is written in the
 * statement of the change: at @hint when it is there (a column's offset;
 * also tried relative to the statement, for statements parsed on their
 * own), else its first occurrence. Sets @out and @full (the name as
 * written, before truncation). Returns false when it is not found. */
static bool find_name(pf__rctx *x, const char *name, uint32_t hint,
                      pf_span *out, pf_buf *full)
{
  const pf_span st = x->m->stmts.items[x->c->stmt].span;
  const char *s = x->src->data;
  uint32_t len;
  uint32_t tries[2] = {hint, st.start + hint};
  for (int i = 0; hint != UINT32_MAX && i < 2; i++) {
    if (tries[i] >= st.start &&
        name_at(x->src, tries[i], st.end, name, full, &len)) {
      out->start = tries[i];
      out->end = tries[i] + len;
      return true;
    }
  }
  for (uint32_t at = st.start; at < st.end; at++) {
    // Quick reject: the first character must match (or be a quote).
    if (s[at] != '"' && pf_ascii_lower((unsigned char)s[at]) != name[0])
      continue;
    if (name_at(x->src, at, st.end, name, full, &len)) {
      out->start = at;
      out->end = at + len;
      return true;
    }
  }
  return false;
}

// Points @fd at @name in the source, so path:line:col lands on it.
static void point_at(pf__rctx *x, pf_finding *fd, const char *name,
                     uint32_t hint)
{
  pf_span sp;
  pf_buf full = PF_BUF_INIT;
  if (fd && name && find_name(x, name, hint, &sp, &full))
    fd->span = sp;
  pf_buf_clear(&full);
}

// "schema"."table"."column" for a column of the change's table.
static const char *col_quoted(pf_buf *b, pf__rctx *x, const char *col)
{
  pf__quoted(b, x->c, false);
  pf_buf_putc(b, '.');
  pf__put_quoted(b, col ? col : "?");
  return b->data;
}

// Appends "ALTER TABLE <table> ".
static void put_alter(pf_buf *s, pf__rctx *x)
{
  pf_buf_puts(s, "ALTER TABLE ");
  pf__put_table(s, &x->c->table);
  pf_buf_putc(s, ' ');
}

// Appends the column attributes the model keeps: identity, keys, NOT NULL.
static void put_attrs(pf_buf *s, const pf_column_def *col, bool identity)
{
  if (col->identity && !identity)
    pf_buf_puts(s, " GENERATED BY DEFAULT AS IDENTITY");
  if (col->primary_key)
    pf_buf_puts(s, " PRIMARY KEY");
  else if (col->not_null)
    pf_buf_puts(s, " NOT NULL");
  if (col->unique)
    pf_buf_puts(s, " UNIQUE");
}

/* The safe form of the statement with @col's type replaced by @type. For
 * varchar -> text, @check_len >= 0 adds a CHECK on the length. ADD COLUMN
 * and ALTER COLUMN TYPE are rewritten whole; for CREATE TABLE only the
 * column's line is shown, since the model does not keep the other
 * columns' full definitions. Can't fail. */
static void put_safe(pf_buf *s, pf__rctx *x, const pf_column_def *col,
                     const char *name, const char *type, long check_len)
{
  const pf_change *c = x->c;
  // The new type brings its own default: an identity, or a bigserial's
  // sequence (before PostgreSQL 10).
  bool identity =
      strstr(type, "IDENTITY") != NULL || strstr(type, "serial") != NULL;
  if (c->kind == PF_CHANGE_ALTER_COLUMN_TYPE) {
    put_alter(s, x);
    pf_buf_puts(s, "ALTER COLUMN ");
    pf__put_ident(s, name);
    pf_buf_printf(s, " TYPE %s", type);
    if (c->expr) // the old USING, cast on to the new type
      pf_buf_printf(s, " USING (%s)::%s", c->expr, type);
    pf_buf_puts(s, ";");
  } else if (c->kind == PF_CHANGE_ADD_COLUMN) {
    put_alter(s, x);
    pf_buf_puts(s, c->if_exists ? "ADD COLUMN IF NOT EXISTS " : "ADD COLUMN ");
    pf__put_ident(s, name);
    pf_buf_printf(s, " %s", type);
    put_attrs(s, col, identity);
    if (c->expr && !identity && !col->identity)
      pf_buf_printf(s, " DEFAULT %s", c->expr);
    pf_buf_puts(s, ";");
  } else {
    bool foreign = c->object_type && !strcmp(c->object_type, "foreign table");
    pf_buf_puts(s, foreign ? "CREATE FOREIGN TABLE " : "CREATE TABLE ");
    if (c->if_exists)
      pf_buf_puts(s, "IF NOT EXISTS ");
    pf__put_table(s, &c->table);
    pf_buf_puts(s, " (\n");
    if (c->ncols > 1)
      pf_buf_puts(s, "  -- the other columns as before\n");
    pf_buf_puts(s, "  ");
    pf__put_ident(s, name);
    pf_buf_printf(s, " %s", type);
    put_attrs(s, col, identity);
    if (check_len >= 0) {
      pf_buf_puts(s, " CHECK (char_length(");
      pf__put_ident(s, name);
      pf_buf_printf(s, ") <= %ld)", check_len);
    }
    if (col->has_default && !col->identity && !identity)
      pf_buf_puts(s, "  -- DEFAULT as before");
    pf_buf_puts(s, "\n);");
    return;
  }
  if (check_len < 0)
    return;
  // A CHECK added to an existing table scans it: add it NOT VALID, then
  // VALIDATE, which does not block writes. The name is PostgreSQL's own.
  pf_buf cname = PF_BUF_INIT;
  pf_buf_printf(&cname, "%s_%s_check", c->table.name ? c->table.name : "t",
                name);
  pf_buf_puts(s, "\n");
  put_alter(s, x);
  pf_buf_puts(s, "ADD CONSTRAINT ");
  pf__put_ident(s, cname.data);
  pf_buf_puts(s, "\n  CHECK (char_length(");
  pf__put_ident(s, name);
  pf_buf_printf(s, ") <= %ld) NOT VALID;\n", check_len);
  put_alter(s, x);
  pf_buf_puts(s, "VALIDATE CONSTRAINT ");
  pf__put_ident(s, cname.data);
  pf_buf_puts(s, ";");
  pf_buf_clear(&cname);
}

/* One column's type: @cls with SQL text @type. @col is NULL for ALTER
 * COLUMN TYPE, where only the name and the new type are known. */
static void check_type(pf__rctx *x, const pf_column_def *col, const char *name,
                       const char *type, type_class cls, bool is_array)
{
  static const pf_column_def none;
  const pf_column_def *d = col ? col : &none;
  uint32_t hint = col ? col->offset : UINT32_MAX;
  bool key = d->primary_key || d->identity || is_key_name(name) ||
             cls == TY_SERIAL2 || cls == TY_SERIAL4;
  const char *arr = is_array ? "[]" : "";
  pf_buf q = PF_BUF_INIT, s = PF_BUF_INIT, t = PF_BUF_INIT;
  pf_finding *fd = NULL;
  col_quoted(&q, x, name);
  switch (cls) {
  case TY_INT4:
  case TY_SERIAL4:
  case TY_INT2:
  case TY_SERIAL2: {
    bool small = cls == TY_INT2 || cls == TY_SERIAL2;
    bool serial = cls == TY_SERIAL2 || cls == TY_SERIAL4;
    fd = pf__radd(x,
                  small ? PF_RULE_PREFER_BIGINT_OVER_SMALLINT
                        : PF_RULE_PREFER_BIGINT_OVER_INT,
                  key ? PF_SEV_WARNING : PF_SEV_NOTICE,
                  "%s is %s, which overflows at %s%s: use bigint", q.data, type,
                  small ? "32,767" : "2,147,483,647",
                  key ? " and looks like a key" : "");
    // Identity columns exist from PostgreSQL 10: bigserial before.
    bool pre10 = pf__version_before(x->f, 100000);
    pf_buf_printf(&t, "%s%s",
                  !serial ? "bigint"
                  : pre10 ? "bigserial"
                          : "bigint GENERATED BY DEFAULT AS IDENTITY",
                  arr);
    put_safe(&s, x, d, name, t.data, -1);
    break;
  }
  case TY_VARCHAR: {
    long n = first_typmod(type);
    fd = pf__radd(x, PF_RULE_PREFER_TEXT_FIELD, PF_SEV_NOTICE,
                  "%s is %s: changing the limit later takes ACCESS "
                  "EXCLUSIVE; use text with a CHECK on its length",
                  q.data, type);
    pf_buf_printf(&t, "text%s", arr);
    put_safe(&s, x, d, name, t.data, is_array ? -1 : n);
    break;
  }
  case TY_CHAR: {
    long n = first_typmod(type);
    fd = pf__radd(x, PF_RULE_BAN_CHAR_FIELD, PF_SEV_NOTICE,
                  "%s is %s, which pads values with spaces: use text with a "
                  "CHECK on its length",
                  q.data, type);
    pf_buf_printf(&t, "text%s", arr);
    put_safe(&s, x, d, name, t.data, is_array ? -1 : n);
    break;
  }
  case TY_TIMESTAMP: {
    long p = first_typmod(type);
    fd = pf__radd(x, PF_RULE_PREFER_TIMESTAMPTZ, PF_SEV_NOTICE,
                  "%s is %s, which stores no time zone: use timestamptz",
                  q.data, type);
    if (p >= 0)
      pf_buf_printf(&t, "timestamptz(%ld)%s", p, arr);
    else
      pf_buf_printf(&t, "timestamptz%s", arr);
    put_safe(&s, x, d, name, t.data, -1);
    break;
  }
  case TY_JSON:
    fd = pf__radd(x, PF_RULE_PREFER_JSONB, PF_SEV_NOTICE,
                  "%s is json, which has no equality operator or GIN index "
                  "support: use jsonb",
                  q.data);
    pf_buf_printf(&t, "jsonb%s", arr);
    put_safe(&s, x, d, name, t.data, -1);
    break;
  default:
    break;
  }
  if (fd) {
    point_at(x, fd, name, hint);
    pf__finding_set_safe(fd, s.data);
  }
  // serial types: a second finding, about the sequence (not before
  // PostgreSQL 10, which has no identity columns).
  if ((cls == TY_SERIAL2 || cls == TY_SERIAL4 || cls == TY_SERIAL8) &&
      !pf__version_before(x->f, 100000)) {
    fd = pf__radd(x, PF_RULE_PREFER_IDENTITY, PF_SEV_NOTICE,
                  "%s is %s, a default drawn from a separate sequence: use "
                  "an identity column",
                  q.data, type);
    pf_buf_reset(&s);
    pf_buf_reset(&t);
    pf_buf_puts(&t, "bigint GENERATED BY DEFAULT AS IDENTITY");
    put_safe(&s, x, d, name, t.data, -1);
    point_at(x, fd, name, hint);
    pf__finding_set_safe(fd, s.data);
  }
  pf_buf_clear(&q);
  pf_buf_clear(&s);
  pf_buf_clear(&t);
}

static void check_column(pf__rctx *x, const pf_column_def *col)
{
  if (!col->name || !col->type_base)
    return;
  type_class cls = lookup(col->type_base, false, col->ntypmods > 0);
  if (cls != TY_OTHER)
    check_type(x, col, col->name, col->type ? col->type : col->type_base, cls,
               col->is_array);
}

/* identifier-too-long for one name; @hint is where it is written, if known.
 * The parser has already truncated @name, so the source tells the length:
 * only names of 60 bytes or more (63 less a clipped UTF-8 character) can
 * have been cut. */
static void check_name(pf__rctx *x, const char *name, uint32_t hint)
{
  if (strlen(name) < MAX_IDENT - 3)
    return;
  pf_buf full = PF_BUF_INIT, s = PF_BUF_INIT;
  pf_span sp;
  if (!find_name(x, name, hint, &sp, &full) || full.len <= MAX_IDENT) {
    pf_buf_clear(&full);
    return;
  }
  pf_finding *fd = pf__radd(x, PF_RULE_IDENTIFIER_TOO_LONG, PF_SEV_WARNING,
                            "name \"%s\" is %zu bytes: PostgreSQL silently "
                            "truncates it to \"%s\"",
                            full.data, full.len, name);
  fd->span = sp;
  // The statement as PostgreSQL will run it: with the stored name.
  const pf_span st = x->m->stmts.items[x->c->stmt].span;
  pf_buf_append(&s, x->src->data + st.start, sp.start - st.start);
  pf__put_ident(&s, name);
  pf_buf_append(&s, x->src->data + sp.end, st.end - sp.end);
  pf_buf_puts(&s, ";  -- or a shorter name of your choice");
  pf__finding_set_safe(fd, s.data);
  pf_buf_clear(&full);
  pf_buf_clear(&s);
}

static bool seen(const char *const *names, size_t n, const char *name)
{
  for (size_t i = 0; i < n; i++) {
    if (strcmp(names[i], name) == 0)
      return true;
  }
  return false;
}

// identifier-too-long for every name the change carries, each once; the
// table of an ALTER TABLE only for its first subcommand.
static void check_names(pf__rctx *x)
{
  const pf_change *c = x->c;
  const pf_stmt *st = &x->m->stmts.items[c->stmt];
  bool first = true;
  for (uint32_t i = st->first_change;
       i < st->first_change + st->nchanges && &x->m->changes.items[i] != c;
       i++) {
    const pf_change *o = &x->m->changes.items[i];
    if (o->table.name && c->table.name &&
        strcmp(o->table.name, c->table.name) == 0)
      first = false;
  }
  const char *names[16] = {NULL};
  uint32_t hints[16] = {0};
  size_t n = 0;
#define ADD_NAME(s, h)                                                         \
  do {                                                                         \
    if ((s) && n < 16 && !seen(names, n, (s))) {                               \
      hints[n] = (h);                                                          \
      names[n++] = (s);                                                        \
    }                                                                          \
  } while (0)
  if (first) {
    ADD_NAME(c->table.schema, UINT32_MAX);
    ADD_NAME(c->table.name, UINT32_MAX);
  }
  for (uint32_t i = 0; i < c->ncols; i++)
    ADD_NAME(c->cols[i].name, c->cols[i].offset);
  ADD_NAME(c->column, UINT32_MAX);
  ADD_NAME(c->new_name, UINT32_MAX);
  ADD_NAME(c->index_q.schema, UINT32_MAX);
  ADD_NAME(c->index, UINT32_MAX);
  ADD_NAME(c->constraint, UINT32_MAX);
  for (uint32_t i = 0; i < c->ncolumns; i++)
    ADD_NAME(c->columns[i], UINT32_MAX);
  ADD_NAME(c->ref_table.schema, UINT32_MAX);
  ADD_NAME(c->ref_table.name, UINT32_MAX);
#undef ADD_NAME
  for (size_t i = 0; i < n; i++) {
    // Long names are rare: collect them in any order, report them each.
    check_name(x, names[i], hints[i]);
  }
}

// A token of SQL text: a word, a quoted name or string, or one character.
typedef struct token {
  uint32_t start, end;
} token;

// The next token of @s in [*at, end), skipping spaces and comments.
static bool next_token(const char *s, uint32_t *at, uint32_t end, token *t)
{
  uint32_t i = *at;
  for (;;) {
    while (i < end && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
                       s[i] == '\r' || s[i] == '\f' || s[i] == '\v'))
      i++;
    if (i + 1 < end && s[i] == '-' && s[i + 1] == '-') {
      while (i < end && s[i] != '\n')
        i++;
    } else if (i + 1 < end && s[i] == '/' && s[i + 1] == '*') {
      i += 2;
      while (i + 1 < end && !(s[i] == '*' && s[i + 1] == '/'))
        i++;
      i = i + 2 < end ? i + 2 : end;
    } else {
      break;
    }
  }
  if (i >= end)
    return false;
  t->start = i;
  if (s[i] == '"' || s[i] == '\'') {
    char q = s[i++];
    while (i < end && !(s[i] == q && !(i + 1 < end && s[i + 1] == q)))
      i += s[i] == q ? 2 : 1;
    i = i < end ? i + 1 : end;
  } else if (is_ident_char((unsigned char)s[i])) {
    while (i < end && is_ident_char((unsigned char)s[i]))
      i++;
  } else {
    i++;
  }
  t->end = i;
  *at = i;
  return true;
}

static bool token_is(const char *s, token t, const char *word)
{
  size_t n = strlen(word);
  if (t.end - t.start != n)
    return false;
  for (size_t i = 0; i < n; i++) {
    if (pf_ascii_lower((unsigned char)s[t.start + i]) != word[i])
      return false;
  }
  return true;
}

/* Where IF [NOT] EXISTS goes in the statement: after the first of @words
 * (from token @from on), then after @opt if it follows. Returns the byte
 * offset and sets *lower when the keyword is written in lower case, or
 * returns UINT32_MAX. */
static uint32_t guard_at(pf__rctx *x, int from, const char *const *words,
                         const char *opt, bool *lower)
{
  const char *s = x->src->data;
  const pf_span st = x->m->stmts.items[x->c->stmt].span;
  uint32_t at = st.start;
  token t;
  for (int i = 0; next_token(s, &at, st.end, &t); i++) {
    bool hit = false;
    for (int w = 0; i >= from && words[w]; w++)
      hit = hit || token_is(s, t, words[w]);
    if (!hit)
      continue;
    *lower = s[t.start] >= 'a' && s[t.start] <= 'z';
    uint32_t after = t.end, peek = t.end;
    if (opt && next_token(s, &peek, st.end, &t) && token_is(s, t, opt))
      after = t.end;
    return after;
  }
  return UINT32_MAX;
}

// Statements of the file that change something: one alone either runs
// whole or not at all, so a re-run is safe.
static uint32_t changing_stmts(const pf_migration *m)
{
  uint32_t n = 0;
  for (uint32_t i = 0; i < m->stmts.len; i++)
    n += m->stmts.items[i].nchanges > 0 || !m->stmts.items[i].parsed;
  return n;
}

// The changes of @st less the constraints its column or table definitions
// add (they need no guard of their own).
static uint32_t own_changes(const pf_migration *m, const pf_stmt *st)
{
  uint32_t n = 0;
  for (uint32_t k = 0; k < st->nchanges; k++)
    n += !m->changes.items[st->first_change + k].from_def;
  return n;
}

static void robust(pf__rctx *x)
{
  static const char *const w_table[] = {"table", NULL};
  static const char *const w_index[] = {"index", NULL};
  static const char *const w_add[] = {"add", NULL};
  static const char *const w_drop[] = {"drop", NULL};
  static const char *const w_cons[] = {"constraint", NULL};
  const pf_change *c = x->c;
  const pf_stmt *st = &x->m->stmts.items[c->stmt];
  const char *guard = "IF EXISTS", *what, *opt = NULL;
  const char *const *words;
  int from = 0;
  switch (c->kind) {
  case PF_CHANGE_CREATE_TABLE:
    guard = "IF NOT EXISTS", words = w_table;
    what = c->object_type && !strcmp(c->object_type, "foreign table")
               ? "CREATE FOREIGN TABLE"
               : "CREATE TABLE";
    break;
  case PF_CHANGE_CREATE_INDEX:
    if (!c->index)
      return; // IF NOT EXISTS needs a name
    guard = "IF NOT EXISTS", what = "CREATE INDEX", words = w_index;
    opt = "concurrently";
    break;
  case PF_CHANGE_ADD_COLUMN:
    guard = "IF NOT EXISTS", what = "ADD COLUMN", words = w_add;
    opt = "column", from = 3;
    break;
  case PF_CHANGE_DROP_TABLE:
    what = "DROP TABLE", words = w_table;
    break;
  case PF_CHANGE_DROP_INDEX:
    what = "DROP INDEX", words = w_index, opt = "concurrently";
    break;
  case PF_CHANGE_DROP_COLUMN:
    what = "DROP COLUMN", words = w_drop, opt = "column", from = 3;
    break;
  case PF_CHANGE_DROP_CONSTRAINT:
    what = "DROP CONSTRAINT", words = w_cons, from = 3;
    break;
  default:
    return;
  }
  if (c->if_exists)
    return;
  // CONCURRENTLY never runs in a transaction, so it is always checked.
  if (!st->no_txn &&
      (st->in_txn || x->f->assume_txn || changing_stmts(x->m) <= 1))
    return;
  pf_buf q = PF_BUF_INIT, s = PF_BUF_INIT;
  const char *name;
  switch (c->kind) {
  case PF_CHANGE_CREATE_INDEX:
  case PF_CHANGE_DROP_INDEX:
    pf__put_quoted(&q, c->index ? c->index : "?");
    name = q.data;
    break;
  case PF_CHANGE_ADD_COLUMN:
  case PF_CHANGE_DROP_COLUMN:
    name = pf__quoted(&q, c, true);
    break;
  case PF_CHANGE_DROP_CONSTRAINT:
    pf__put_quoted(&q, c->constraint ? c->constraint : "?");
    pf_buf_puts(&q, " on ");
    pf__put_quoted(&q, c->table.name ? c->table.name : "?");
    name = q.data;
    break;
  default:
    name = pf__quoted(&q, c, false);
    break;
  }
  pf_finding *fd =
      pf__radd(x, PF_RULE_PREFER_ROBUST_STMTS, PF_SEV_NOTICE,
               "%s %s without %s %s: if the file fails part way, re-running it "
               "fails here",
               what, name, guard,
               st->no_txn ? "(CONCURRENTLY runs outside any transaction)"
                          : "outside a transaction");
  bool lower = false;
  uint32_t at = own_changes(x->m, st) == 1
                    ? guard_at(x, from, words, opt, &lower)
                    : UINT32_MAX;
  int since = pf__guard_since(c);
  if (since && pf__version_before(x->f, since)) {
    // The server has no IF NOT EXISTS here: the statement as it is, in a
    // block that ignores the duplicate.
    pf_buf v = PF_BUF_INIT, why = PF_BUF_INIT;
    pf__put_version(&v, since);
    pf_buf_printf(&why, "%s IF NOT EXISTS exists from %s", what, v.data);
    pf__version_note(x, fd, why.data);
    pf__safe_older_guard(x, fd);
    pf_buf_clear(&v);
    pf_buf_clear(&why);
  } else if (at != UINT32_MAX) {
    pf_buf_append(&s, x->src->data + st->span.start, at - st->span.start);
    pf_buf_putc(&s, ' ');
    for (const char *p = guard; *p; p++)
      pf_buf_putc(&s, lower ? (char)pf_ascii_lower((unsigned char)*p) : *p);
    pf_buf_append(&s, x->src->data + at, st->span.end - at);
    pf_buf_puts(&s, ";");
    pf__finding_set_safe(fd, s.data);
  } else {
    pf__safe_guarded_subcommand(x, fd);
  }
  pf_buf_clear(&q);
  pf_buf_clear(&s);
}

// The types-and-naming family.
void pf__rules_types(pf__rctx *x)
{
  const pf_change *c = x->c;
  switch (c->kind) {
  case PF_CHANGE_CREATE_TABLE:
  case PF_CHANGE_ADD_COLUMN:
    for (uint32_t i = 0; i < c->ncols; i++)
      check_column(x, &c->cols[i]);
    break;
  case PF_CHANGE_ALTER_COLUMN_TYPE: {
    type_class cls = classify_sql(c->type);
    if (cls != TY_OTHER && c->column)
      check_type(x, NULL, c->column, c->type, cls,
                 c->type && strchr(c->type, '['));
    break;
  }
  default:
    break;
  }
  check_names(x);
  robust(x);
}
