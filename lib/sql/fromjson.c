/* libpg_query's JSON parse output turned into the protobuf-c parse tree. */
/* SPDX-License-Identifier: MIT */
#include "sql.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

// Why: libpg_query's only tree APIs are JSON text and protobuf bytes. The
// protobuf path packs the tree (protobuf-c sizes every submessage again at
// each level above it and visits all ~240 members of every Node) and then
// unpacks it, which was 44% of the instructions on PostgreSQL's regression
// SQL. Its JSON is written in one linear walk, and both are generated from
// the same definitions, so the same structs can be filled from the JSON
// through the message descriptors, as protobuf_c_message_unpack() would.
//
// The JSON form differs from the protobuf form in a few places; each one is
// detected here and declined (NULL), and the caller takes the protobuf path:
// - an Integer whose value is not positive is written without its value
//   (libpg_query 15's _outInteger prints it only when > 0), so 0 and -1
//   cannot be told apart: an Integer without "ival" is declined;
// - IntList/OidList items are bare numbers, Bitmapset members are not in
//   the protobuf form at all, doubles are printed with "%f": a number where
//   a Node is expected, a repeated scalar or a double field is declined;
// - any key this table does not know, malformed JSON, \u escapes beyond
//   ASCII.
// tests/unit/test_sql.c holds the result equal, packed byte for byte, to
// the protobuf path's over every SQL file in testdata/.

// JSON keys are PostgreSQL's field names ("targetList", "A_Expr") and the
// protobuf names their snake case ("target_list", "a_expr"): both compare
// equal lower-cased without underscores.
#define KEY_MAX 64 // longer names are declined

typedef struct entry {
  const ProtobufCMessageDescriptor *msg; // NULL: a free slot
  const ProtobufCFieldDescriptor *field; // NULL: two fields read alike
  const char *key; // the normalised name it is found by, in pool
} entry;

// A power of two, over three times the ~1,200 fields (24 bytes a slot).
#define TABLE_SIZE 4096u

static entry table[TABLE_SIZE];
static char pool[32768]; // the keys, about 15 KB
static size_t pool_used;
static uint32_t collisions;
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

static size_t normalise(const char *s, size_t n, char *out)
{
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '_')
      continue;
    if (k + 1 >= KEY_MAX)
      return 0;
    out[k++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
  }
  out[k] = '\0';
  return k;
}

static uint32_t hash_of(const ProtobufCMessageDescriptor *msg, const char *key)
{
  uint64_t h = 1469598103934665603ull ^ (uint64_t)(uintptr_t)msg;
  for (const char *p = key; *p; p++)
    h = (h ^ (unsigned char)*p) * 1099511628211ull;
  return (uint32_t)(h ^ (h >> 32));
}

static void table_put(const ProtobufCMessageDescriptor *msg,
                      const ProtobufCFieldDescriptor *field, const char *name)
{
  char key[KEY_MAX];
  size_t n = normalise(name, strlen(name), key);
  if (!n || pool_used + n + 1 > sizeof(pool)) {
    collisions++; // cannot be looked up: the message is declined
    return;
  }
  for (uint32_t i = hash_of(msg, key);; i++) {
    entry *e = &table[i & (TABLE_SIZE - 1)];
    if (!e->msg) {
      e->msg = msg;
      e->field = field;
      e->key = memcpy(pool + pool_used, key, n + 1);
      pool_used += n + 1;
      return;
    }
    if (e->msg == msg && !strcmp(e->key, key)) {
      // Two fields of one message read alike: neither can be told from
      // the JSON key, so lookups of it fail and the message is declined.
      e->field = NULL;
      collisions++;
      return;
    }
  }
}

static const ProtobufCMessageDescriptor *seen[512];
static uint32_t nseen;

static void add_message(const ProtobufCMessageDescriptor *msg)
{
  for (uint32_t i = 0; i < nseen; i++)
    if (seen[i] == msg)
      return;
  if (nseen == sizeof(seen) / sizeof(seen[0])) {
    collisions++;
    return;
  }
  seen[nseen++] = msg;
  for (unsigned i = 0; i < msg->n_fields; i++) {
    const ProtobufCFieldDescriptor *f = &msg->fields[i];
    table_put(msg, f, f->name);
    if (f->type == PROTOBUF_C_TYPE_MESSAGE)
      add_message(f->descriptor);
  }
}

// The one JSON key that is not its field's name in another spelling
// (libpg_query's outfuncs: WRITE_SPECIFIC_NODE_FIELD(..., base_stmt, base,
// ...)).
static void table_alias(const ProtobufCMessageDescriptor *msg,
                        const char *json_key, const char *field_name)
{
  const ProtobufCFieldDescriptor *f =
      protobuf_c_message_descriptor_get_field_by_name(msg, field_name);
  if (f)
    table_put(msg, f, json_key);
  else
    collisions++;
}

static void table_build(void)
{
  add_message(&pg_query__parse_result__descriptor);
  table_alias(&pg_query__create_foreign_table_stmt__descriptor, "base",
              "base_stmt");
}

static const ProtobufCFieldDescriptor *
lookup(const ProtobufCMessageDescriptor *msg, const char *key, size_t n)
{
  char k[KEY_MAX];
  if (!normalise(key, n, k))
    return NULL;
  for (uint32_t i = hash_of(msg, k);; i++) {
    const entry *e = &table[i & (TABLE_SIZE - 1)];
    if (!e->msg)
      return NULL;
    if (e->msg == msg && !strcmp(e->key, k))
      return e->field;
  }
}

uint32_t pf__sql_json_collisions(void)
{
  pthread_once(&table_once, table_build);
  return collisions;
}

typedef struct jp {
  const char *p, *end;
  pf_arena *arena;
  const char *sql; // the parsed text, to read back A_Const integers
  size_t sql_len;
  uint32_t ambiguous;           // Integers written as {}: 0 or negative
  PgQuery__Integer *last_empty; // the latest of them
} jp;

static void skip_ws(jp *j)
{
  while (j->p < j->end &&
         (*j->p == ' ' || *j->p == '\n' || *j->p == '\t' || *j->p == '\r'))
    j->p++;
}

static bool eat(jp *j, char c)
{
  skip_ws(j);
  if (j->p < j->end && *j->p == c) {
    j->p++;
    return true;
  }
  return false;
}

static bool peek(jp *j, char c)
{
  skip_ws(j);
  return j->p < j->end && *j->p == c;
}

static int hex_digit(char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

// A JSON string, unescaped into the arena. NULL when malformed.
static char *parse_string(jp *j)
{
  if (!eat(j, '"'))
    return NULL;
  const char *start = j->p;
  const char *q = start;
  while (q < j->end && *q != '"' && *q != '\\')
    q++;
  if (q < j->end && *q == '"') { // the common case: nothing escaped
    j->p = q + 1;
    return pf_arena_strndup(j->arena, start, (size_t)(q - start));
  }
  // Escaped text is never longer than its JSON form.
  char *out = pf_arena_alloc_uninit(j->arena, (size_t)(j->end - start) + 1);
  size_t n = 0;
  q = start;
  while (q < j->end && *q != '"') {
    if (*q != '\\') {
      out[n++] = *q++;
      continue;
    }
    if (++q >= j->end)
      return NULL;
    char c = *q++;
    switch (c) {
    case '"':
    case '\\':
    case '/':
      out[n++] = c;
      break;
    case 'b':
      out[n++] = '\b';
      break;
    case 'f':
      out[n++] = '\f';
      break;
    case 'n':
      out[n++] = '\n';
      break;
    case 'r':
      out[n++] = '\r';
      break;
    case 't':
      out[n++] = '\t';
      break;
    case 'u': {
      // libpg_query escapes only control characters, '<' and '>' this
      // way; anything beyond ASCII (or a NUL) is declined.
      if (j->end - q < 4)
        return NULL;
      int v = 0;
      for (int k = 0; k < 4; k++) {
        int d = hex_digit(q[k]);
        if (d < 0)
          return NULL;
        v = v * 16 + d;
      }
      if (v == 0 || v > 0x7f)
        return NULL;
      out[n++] = (char)v;
      q += 4;
      break;
    }
    default:
      return NULL;
    }
  }
  if (q >= j->end)
    return NULL;
  j->p = q + 1;
  out[n] = '\0';
  return out;
}

// An object key, which libpg_query writes without escapes.
static bool parse_key(jp *j, const char **key, size_t *n)
{
  if (!eat(j, '"'))
    return false;
  const char *start = j->p;
  while (j->p < j->end && *j->p != '"' && *j->p != '\\')
    j->p++;
  if (j->p >= j->end || *j->p != '"')
    return false;
  *key = start;
  *n = (size_t)(j->p - start);
  j->p++;
  return eat(j, ':');
}

// An integer in [min, max]; libpg_query prints them with %d, %u or %ld.
static bool parse_int(jp *j, int64_t min, uint64_t max, uint64_t *bits)
{
  skip_ws(j);
  bool neg = j->p < j->end && *j->p == '-';
  if (neg)
    j->p++;
  if (j->p >= j->end || *j->p < '0' || *j->p > '9')
    return false;
  uint64_t v = 0;
  while (j->p < j->end && *j->p >= '0' && *j->p <= '9') {
    uint64_t d = (uint64_t)(*j->p++ - '0');
    if (v > (UINT64_MAX - d) / 10)
      return false;
    v = v * 10 + d;
  }
  if (j->p < j->end && (*j->p == '.' || *j->p == 'e' || *j->p == 'E'))
    return false;
  if (neg) {
    if (min >= 0 || v > (uint64_t)(-(min + 1)) + 1)
      return false;
    *bits = (uint64_t)0 - v;
    return true;
  }
  if (v > max)
    return false;
  *bits = v;
  return true;
}

static bool parse_message(jp *j, const ProtobufCMessageDescriptor *d,
                          ProtobufCMessage **out);

// A Node: {} (no node), or {"TypeName": {...}}.
static bool parse_node(jp *j, ProtobufCMessage **out)
{
  const ProtobufCMessageDescriptor *d = &pg_query__node__descriptor;
  if (!eat(j, '{'))
    return false;
  ProtobufCMessage *m = pf_arena_alloc_uninit(j->arena, d->sizeof_message);
  d->message_init(m);
  *out = m;
  if (eat(j, '}'))
    return true;
  const char *key;
  size_t n;
  if (!parse_key(j, &key, &n))
    return false;
  const ProtobufCFieldDescriptor *f = lookup(d, key, n);
  if (!f || f->type != PROTOBUF_C_TYPE_MESSAGE ||
      !(f->flags & PROTOBUF_C_FIELD_FLAG_ONEOF))
    return false;
  ProtobufCMessage *sub;
  if (!parse_message(j, f->descriptor, &sub))
    return false;
  *(uint32_t *)((char *)m + f->quantifier_offset) = f->id;
  *(ProtobufCMessage **)((char *)m + f->offset) = sub;
  return eat(j, '}');
}

static bool parse_submessage(jp *j, const ProtobufCFieldDescriptor *f,
                             ProtobufCMessage **out)
{
  if (f->descriptor == &pg_query__node__descriptor)
    return parse_node(j, out);
  return parse_message(j, f->descriptor, out);
}

// A repeated message member: [ ... ].
static bool parse_repeated(jp *j, const ProtobufCFieldDescriptor *f,
                           ProtobufCMessage *m)
{
  if (f->type != PROTOBUF_C_TYPE_MESSAGE || !eat(j, '['))
    return false;
  size_t n = 0, cap = 0;
  ProtobufCMessage **items = NULL;
  if (!eat(j, ']')) {
    do {
      if (n == cap) { // the arena keeps the old array: at most twice
        size_t ncap = cap ? cap * 2 : 4;
        ProtobufCMessage **grown =
            pf_arena_alloc_uninit(j->arena, ncap * sizeof(*grown));
        if (n)
          memcpy(grown, items, n * sizeof(*grown));
        items = grown;
        cap = ncap;
      }
      if (!parse_submessage(j, f, &items[n]))
        return false;
      n++;
    } while (eat(j, ','));
    if (!eat(j, ']'))
      return false;
  }
  *(size_t *)((char *)m + f->quantifier_offset) = n;
  *(ProtobufCMessage ***)((char *)m + f->offset) = items;
  return true;
}

static bool parse_value(jp *j, const ProtobufCFieldDescriptor *f,
                        ProtobufCMessage *m)
{
  if (f->label == PROTOBUF_C_LABEL_REPEATED)
    return parse_repeated(j, f, m);
  void *at = (char *)m + f->offset;
  uint64_t v;
  switch (f->type) {
  case PROTOBUF_C_TYPE_MESSAGE: {
    ProtobufCMessage *sub;
    if (!parse_submessage(j, f, &sub))
      return false;
    *(ProtobufCMessage **)at = sub;
    break;
  }
  case PROTOBUF_C_TYPE_STRING: {
    char *s = parse_string(j);
    if (!s)
      return false;
    *(char **)at = s;
    break;
  }
  case PROTOBUF_C_TYPE_BOOL:
    skip_ws(j);
    if (j->end - j->p >= 4 && !memcmp(j->p, "true", 4)) {
      *(protobuf_c_boolean *)at = 1;
      j->p += 4;
    } else if (j->end - j->p >= 5 && !memcmp(j->p, "false", 5)) {
      *(protobuf_c_boolean *)at = 0;
      j->p += 5;
    } else {
      return false;
    }
    break;
  case PROTOBUF_C_TYPE_INT32:
  case PROTOBUF_C_TYPE_SINT32:
  case PROTOBUF_C_TYPE_SFIXED32:
    if (!parse_int(j, INT32_MIN, INT32_MAX, &v))
      return false;
    *(int32_t *)at = (int32_t)(int64_t)v;
    break;
  case PROTOBUF_C_TYPE_UINT32:
  case PROTOBUF_C_TYPE_FIXED32:
    if (!parse_int(j, 0, UINT32_MAX, &v))
      return false;
    *(uint32_t *)at = (uint32_t)v;
    break;
  case PROTOBUF_C_TYPE_INT64:
  case PROTOBUF_C_TYPE_SINT64:
  case PROTOBUF_C_TYPE_SFIXED64:
    if (!parse_int(j, INT64_MIN, INT64_MAX, &v))
      return false;
    *(int64_t *)at = (int64_t)v;
    break;
  case PROTOBUF_C_TYPE_UINT64:
  case PROTOBUF_C_TYPE_FIXED64:
    if (!parse_int(j, 0, UINT64_MAX, &v))
      return false;
    *(uint64_t *)at = v;
    break;
  case PROTOBUF_C_TYPE_ENUM: {
    const char *name;
    size_t n;
    if (!eat(j, '"'))
      return false;
    name = j->p;
    while (j->p < j->end && *j->p != '"' && *j->p != '\\')
      j->p++;
    if (j->p >= j->end || *j->p != '"')
      return false;
    n = (size_t)(j->p - name);
    j->p++;
    char buf[96];
    if (n >= sizeof(buf))
      return false;
    memcpy(buf, name, n);
    buf[n] = '\0';
    const ProtobufCEnumValue *e =
        protobuf_c_enum_descriptor_get_value_by_name(f->descriptor, buf);
    if (!e)
      return false;
    *(int *)at = e->value;
    break;
  }
  default: // doubles (printed with %f), floats, bytes
    return false;
  }
  if (f->flags & PROTOBUF_C_FIELD_FLAG_ONEOF)
    *(uint32_t *)((char *)m + f->quantifier_offset) = f->id;
  return true;
}

// The value of an integer constant written as {} from the text at its
// location: "0" (any number of zeros) or "-" and digits, with only blanks
// between (the grammar's doNegate puts the location on the sign).
static bool read_back(jp *j, PgQuery__AConst *c)
{
  if (c->location < 0 || (size_t)c->location >= j->sql_len)
    return false;
  const char *p = j->sql + c->location, *end = j->sql + j->sql_len;
  bool neg = *p == '-';
  if (neg) {
    p++;
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
      p++;
  }
  int64_t v = 0;
  const char *digits = p;
  while (p < end && *p >= '0' && *p <= '9') {
    v = v * 10 + (*p - '0');
    if (v > (int64_t)INT32_MAX + 1)
      return false;
    p++;
  }
  if (p == digits ||
      (p < end && (*p == '.' || *p == 'e' || *p == 'E' || *p == '_' ||
                   (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))))
    return false; // not a plain integer literal
  if (!neg && v != 0)
    return false; // a positive value would have been written
  if (neg && v > (int64_t)INT32_MAX + 1)
    return false;
  c->ival->ival = (int32_t)(neg ? -v : v);
  return true;
}

static bool parse_message(jp *j, const ProtobufCMessageDescriptor *d,
                          ProtobufCMessage **out)
{
  if (!eat(j, '{'))
    return false;
  ProtobufCMessage *m = pf_arena_alloc_uninit(j->arena, d->sizeof_message);
  d->message_init(m);
  *out = m;
  bool any = false;
  if (!eat(j, '}')) {
    do {
      const char *key;
      size_t n;
      if (!parse_key(j, &key, &n))
        return false;
      const ProtobufCFieldDescriptor *f = lookup(d, key, n);
      if (!f || !parse_value(j, f, m))
        return false;
      any = true;
    } while (eat(j, ','));
    if (!eat(j, '}'))
      return false;
  }
  // 0 and negative Integers are both written as {} (ival is its only
  // member): an A_Const reads its value back from the text, anything else
  // is declined.
  if (d == &pg_query__integer__descriptor && !any) {
    j->ambiguous++;
    j->last_empty = (PgQuery__Integer *)m;
  } else if (d == &pg_query__a__const__descriptor) {
    PgQuery__AConst *c = (PgQuery__AConst *)m;
    if (c->val_case == PG_QUERY__A__CONST__VAL_IVAL && c->ival &&
        c->ival == j->last_empty && read_back(j, c)) {
      j->ambiguous--;
      j->last_empty = NULL;
    }
  }
  return true;
}

PgQuery__ParseResult *pf__sql_tree_from_json(const char *json, size_t len,
                                             const char *sql, size_t sql_len,
                                             pf_arena *arena)
{
  pthread_once(&table_once, table_build);
  jp j = {json, json + len, arena, sql, sql_len, 0, NULL};
  ProtobufCMessage *m;
  if (peek(&j, '{') &&
      parse_message(&j, &pg_query__parse_result__descriptor, &m)) {
    skip_ws(&j);
    if (j.p == j.end && !j.ambiguous)
      return (PgQuery__ParseResult *)m;
  }
  return NULL;
}
