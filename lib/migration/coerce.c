/* Which ALTER COLUMN ... TYPE changes keep the stored bytes (no rewrite). */
/* SPDX-License-Identifier: MIT */
#include "model.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

// Sources: PostgreSQL 15 docs, ALTER TABLE, Notes ("when changing the type
// of an existing column, if the USING clause does not change the column
// contents and the old type is either binary coercible to the new type or
// an unconstrained domain over the new type, a table rewrite is not
// needed"); PostgreSQL 9.2 release notes, E.x.3.5 (varchar/varbit length
// increase or removal, numeric precision increase at the same scale,
// constrained to unconstrained numeric, time/timestamp/interval precision
// increase); PostgreSQL 12 release notes (timestamp <-> timestamptz only
// when the session TimeZone is UTC, which a migration cannot promise).

typedef struct type_info {
  char base[48];
  long mods[2];
  int nmods;
  bool array;
  bool ok; // parsed
} type_info;

static const struct {
  const char *alias, *base;
} aliases[] = {
    {"character varying", "varchar"},
    {"char varying", "varchar"},
    {"character", "bpchar"},
    {"char", "bpchar"},
    {"decimal", "numeric"},
    {"bit varying", "varbit"},
    {"timestamp without time zone", "timestamp"},
    {"timestamp with time zone", "timestamptz"},
    {"time without time zone", "time"},
    {"time with time zone", "timetz"},
    {"integer", "int4"},
    {"int", "int4"},
    {"bigint", "int8"},
    {"smallint", "int2"},
    {"boolean", "bool"},
    {"double precision", "float8"},
    {"real", "float4"},
    {NULL, NULL},
};

// Parses "character varying(20)", "pg_catalog.numeric(10, 2)",
// "timestamp(3) with time zone", "text[]" into @t.
static void parse_type(const char *s, type_info *t)
{
  memset(t, 0, sizeof(*t));
  char words[96];
  size_t w = 0;
  bool space = false;
  const char *p = s;
  while (*p == ' ')
    p++;
  if (strncmp(p, "pg_catalog.", 11) == 0)
    p += 11;
  for (; *p; p++) {
    if (*p == '(') {
      // typmods: one or two integers
      const char *q = p + 1;
      while (t->nmods < 2) {
        char *end;
        errno = 0;
        long v = strtol(q, &end, 10);
        if (end == q || errno)
          return;
        t->mods[t->nmods++] = v;
        while (*end == ' ')
          end++;
        if (*end == ',') {
          q = end + 1;
          continue;
        }
        if (*end != ')')
          return;
        p = end;
        break;
      }
      if (*p != ')')
        return;
      continue;
    }
    if (*p == '[') {
      t->array = true;
      break; // [] and [n] make an array; nothing else may follow
    }
    if (*p == ' ') {
      space = w > 0;
      continue;
    }
    if (w + 2 >= sizeof(words))
      return;
    if (space)
      words[w++] = ' ';
    space = false;
    words[w++] = (char)pf_ascii_lower((unsigned char)*p);
  }
  words[w] = '\0';
  const char *base = words;
  for (int i = 0; aliases[i].alias; i++) {
    if (strcmp(words, aliases[i].alias) == 0)
      base = aliases[i].base;
  }
  if (strlen(base) >= sizeof(t->base))
    return;
  memcpy(t->base, base, strlen(base) + 1);
  t->ok = w > 0;
}

static bool is(const type_info *t, const char *base)
{
  return strcmp(t->base, base) == 0;
}

// Precision of time, timestamp, timestamptz, interval: no typmod is the
// maximum (6).
static long precision(const type_info *t)
{
  return t->nmods ? t->mods[0] : 6;
}

bool pf__type_change_is_binary_coercible(const char *old_type,
                                         const char *new_type)
{
  if (!old_type || !new_type)
    return false;
  type_info o, n;
  parse_type(old_type, &o);
  parse_type(new_type, &n);
  if (!o.ok || !n.ok || o.array != n.array)
    return false;
  if (is(&o, n.base) && o.nmods == n.nmods &&
      (o.nmods < 1 || o.mods[0] == n.mods[0]) &&
      (o.nmods < 2 || o.mods[1] == n.mods[1]))
    return true; // the same type
  if (o.array)
    return false; // element coercions of arrays are not relabelled
  if (is(&o, "varchar") && is(&n, "varchar"))
    return !n.nmods || (o.nmods && n.mods[0] >= o.mods[0]);
  if (is(&o, "varbit") && is(&n, "varbit"))
    return !n.nmods || (o.nmods && n.mods[0] >= o.mods[0]);
  if (is(&o, "varchar") && is(&n, "text"))
    return true;
  if (is(&o, "text") && is(&n, "varchar"))
    return !n.nmods;
  if (is(&o, "numeric") && is(&n, "numeric")) {
    if (!n.nmods)
      return true;
    if (!o.nmods)
      return false;
    long os = o.nmods > 1 ? o.mods[1] : 0, ns = n.nmods > 1 ? n.mods[1] : 0;
    return os == ns && n.mods[0] >= o.mods[0];
  }
  if (is(&o, "cidr") && is(&n, "inet"))
    return true;
  if ((is(&o, "timestamp") || is(&o, "timestamptz") || is(&o, "time") ||
       is(&o, "interval")) &&
      is(&o, n.base))
    return precision(&n) >= precision(&o);
  return false;
}
