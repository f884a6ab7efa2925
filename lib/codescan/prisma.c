/* schema.prisma: models, fields, @map and @@map, read without a grammar. */
/* SPDX-License-Identifier: MIT */
#include "scan.h"

#include <stdlib.h>
#include <string.h>

// A word of the schema: [start, end) in the file.
typedef struct word {
  uint32_t s, e;
} word;

typedef struct lexer {
  const char *d;
  uint32_t n, i;
} lexer;

static bool is_word_char(char c)
{
  return pf_is_ident_char((unsigned char)c);
}

// Skips spaces and // comments on the current line; false at a newline
// or the end.
static void skip_blank(lexer *lx)
{
  while (lx->i < lx->n) {
    char c = lx->d[lx->i];
    if (c == ' ' || c == '\t' || c == '\r') {
      lx->i++;
    } else if (c == '/' && lx->i + 1 < lx->n && lx->d[lx->i + 1] == '/') {
      while (lx->i < lx->n && lx->d[lx->i] != '\n')
        lx->i++;
    } else {
      break;
    }
  }
}

static word next_word(lexer *lx)
{
  skip_blank(lx);
  word w = {lx->i, lx->i};
  while (lx->i < lx->n && is_word_char(lx->d[lx->i]))
    lx->i++;
  w.e = lx->i;
  return w;
}

static bool word_eq(const lexer *lx, word w, const char *s)
{
  size_t n = strlen(s);
  return w.e - w.s == n && memcmp(lx->d + w.s, s, n) == 0;
}

static void to_eol(lexer *lx)
{
  while (lx->i < lx->n && lx->d[lx->i] != '\n')
    lx->i++;
  if (lx->i < lx->n)
    lx->i++;
}

// Finds `@map("x")` (or `@@map`) in [from, to): the string's content.
static bool find_map(const lexer *lx, uint32_t from, uint32_t to,
                     const char *attr, word *out)
{
  size_t m = strlen(attr);
  for (uint32_t i = from; i + m < to; i++) {
    if (memcmp(lx->d + i, attr, m) != 0)
      continue;
    if (strcmp(attr, "@map(") == 0 && i > 0 && lx->d[i - 1] == '@')
      continue;
    uint32_t j = i + (uint32_t)m;
    while (j < to && (lx->d[j] == ' ' || lx->d[j] == '\t'))
      j++;
    // @map(name: "x") is the same as @map("x").
    if (j + 5 < to && memcmp(lx->d + j, "name:", 5) == 0) {
      j += 5;
      while (j < to && (lx->d[j] == ' ' || lx->d[j] == '\t'))
        j++;
    }
    if (j >= to || lx->d[j] != '"')
      return false;
    uint32_t k = j + 1;
    while (k < to && lx->d[k] != '"' && lx->d[k] != '\n')
      k++;
    if (k >= to || lx->d[k] != '"')
      return false;
    out->s = j + 1;
    out->e = k;
    return true;
  }
  return false;
}

// Whether the attribute @attr occurs in [from, to) (a line of a model).
static bool has_attr(const lexer *lx, uint32_t from, uint32_t to,
                     const char *attr)
{
  size_t m = strlen(attr);
  for (uint32_t i = from; i + m <= to; i++) {
    if (memcmp(lx->d + i, attr, m) == 0)
      return true;
  }
  return false;
}

static bool is_model_name(const pf__strvec *models, const char *d, word w)
{
  for (uint32_t i = 0; i < models->len; i++) {
    const char *m = models->items[i];
    if (strlen(m) == w.e - w.s && memcmp(m, d + w.s, w.e - w.s) == 0)
      return true;
  }
  return false;
}

static void add_model(pf__fctx *fx, const lexer *lx, word name, uint32_t open,
                      uint32_t close, const pf__strvec *models)
{
  pf__model m;
  memset(&m, 0, sizeof(m));
  pf__ref_at(fx, &m.at, name.s, name.e, PF_REF_ORM, "Prisma model");
  pf__ref_at(fx, &m.decl, name.s, name.e, PF_REF_ORM, "Prisma model");
  // The client writes only the fields of the schema: a column the model
  // lacks is never written.
  pf__model_inserts_declared(&m, "Prisma", true);
  m.lang = PF__LANG_PRISMA;
  m.name = pf_xstrndup(lx->d + name.s, name.e - name.s);
  m.dir = pf_xstrdup(".");
  pf_vec_init(&m.fields);
  word map;
  if (find_map(lx, open, close, "@@map(", &map)) {
    m.table = pf_xstrndup(lx->d + map.s, map.e - map.s);
    pf__ref_clear(&m.at);
    pf__ref_at(fx, &m.at, map.s, map.e, PF_REF_ORM, "Prisma @@map");
  } else
    m.default_table = pf_xstrdup(m.name);
  lexer in = {lx->d, close, open};
  to_eol(&in);
  while (in.i < close) {
    word f = next_word(&in);
    if (f.e == f.s) {
      to_eol(&in);
      continue;
    }
    word type = next_word(&in);
    bool relation = type.e == type.s || is_model_name(models, lx->d, type);
    uint32_t eol = in.i;
    while (eol < close && lx->d[eol] != '\n')
      eol++;
    if (!relation) {
      char *field = pf_xstrndup(lx->d + f.s, f.e - f.s);
      word col;
      pf__field *fd;
      if (find_map(lx, type.e, eol, "@map(", &col)) {
        char *c = pf_xstrndup(lx->d + col.s, col.e - col.s);
        fd = pf__model_field(fx, &m, field, c, col.s, col.e, "Prisma @map");
        free(c);
      } else {
        fd = pf__model_field(fx, &m, field, field, f.s, f.e, "Prisma field");
      }
      // "String?": optional, so a create that does not set it leaves it
      // out, unless the schema gives it a value (@default, @updatedAt).
      if (type.e < eol && lx->d[type.e] == '?' &&
          !has_attr(lx, type.e, eol, "@default(") &&
          !has_attr(lx, type.e, eol, "@updatedAt"))
        fd->flags |= PF__FIELD_NULLABLE;
      free(field);
    }
    in.i = eol;
    to_eol(&in);
  }
  pf_vec_push(&fx->file->models, m);
}

void pf__prisma_scan_file(pf__fctx *fx)
{
  lexer lx = {fx->src->data, (uint32_t)fx->src->len, 0};
  pf__strvec models;
  pf_vec_init(&models);
  // Two passes: a field whose type is another model is a relation, not a
  // column, and models may be declared in any order.
  for (int pass = 0; pass < 2; pass++) {
    lx.i = 0;
    while (lx.i < lx.n) {
      word kw = next_word(&lx);
      if (!word_eq(&lx, kw, "model")) {
        to_eol(&lx);
        continue;
      }
      word name = next_word(&lx);
      skip_blank(&lx);
      if (name.e == name.s || lx.i >= lx.n || lx.d[lx.i] != '{') {
        to_eol(&lx);
        continue;
      }
      uint32_t open = lx.i;
      uint32_t close = open;
      while (close < lx.n &&
             !(lx.d[close] == '}' &&
               (close == 0 || lx.d[close - 1] == '\n' ||
                lx.d[close - 1] == ' ' || lx.d[close - 1] == '\t')))
        close++;
      if (pass == 0)
        pf_vec_push(&models, pf_xstrndup(lx.d + name.s, name.e - name.s));
      else
        add_model(fx, &lx, name, open, close, &models);
      lx.i = close;
      to_eol(&lx);
    }
  }
  for (uint32_t i = 0; i < models.len; i++)
    free(models.items[i]);
  pf_vec_clear(&models);
}
