/* Allocation that aborts on out-of-memory, growable buffers and arenas. */
/* SPDX-License-Identifier: MIT */
#include "core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void oom(size_t n)
{
  fprintf(stderr, "pgpreflight: out of memory allocating %zu bytes\n", n);
  abort();
}

void *pf_xmalloc(size_t n)
{
  void *p = malloc(n ? n : 1);
  if (!p)
    oom(n);
  return p;
}

void *pf_xcalloc(size_t n, size_t size)
{
  void *p = calloc(n ? n : 1, size ? size : 1);
  if (!p)
    oom(n * size);
  return p;
}

void *pf_xrealloc(void *p, size_t n)
{
  void *q = realloc(p, n ? n : 1);
  if (!q)
    oom(n);
  return q;
}

char *pf_xstrdup(const char *s)
{
  return pf_xstrndup(s, strlen(s));
}

char *pf_xstrndup(const char *s, size_t n)
{
  char *p = pf_xmalloc(n + 1);
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

void pf_free(void *p)
{
  free(p);
}

void pf_buf_init(pf_buf *self)
{
  self->data = NULL;
  self->len = self->cap = 0;
}

void pf_buf_clear(pf_buf *self)
{
  free(self->data);
  pf_buf_init(self);
}

void pf_buf_reserve(pf_buf *self, size_t extra)
{
  if (self->len + extra + 1 <= self->cap)
    return;
  size_t cap = self->cap ? self->cap : 64;
  while (cap < self->len + extra + 1)
    cap *= 2;
  self->data = pf_xrealloc(self->data, cap);
  self->cap = cap;
}

void pf_buf_append(pf_buf *self, const char *s, size_t n)
{
  pf_buf_reserve(self, n);
  if (n)
    memcpy(self->data + self->len, s, n);
  self->len += n;
  self->data[self->len] = '\0';
}

void pf_buf_puts(pf_buf *self, const char *s)
{
  pf_buf_append(self, s, strlen(s));
}

void pf_buf_putc(pf_buf *self, char c)
{
  pf_buf_append(self, &c, 1);
}

void pf_buf_vprintf(pf_buf *self, const char *fmt, va_list ap)
{
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap2);
  va_end(ap2);
  if (n <= 0)
    return;
  pf_buf_reserve(self, (size_t)n);
  vsnprintf(self->data + self->len, (size_t)n + 1, fmt, ap);
  self->len += (size_t)n;
}

void pf_buf_printf(pf_buf *self, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  pf_buf_vprintf(self, fmt, ap);
  va_end(ap);
}

void pf_buf_reset(pf_buf *self)
{
  self->len = 0;
  if (self->data)
    self->data[0] = '\0';
}

char *pf_buf_detach(pf_buf *self)
{
  char *p = self->data;
  if (!p)
    p = pf_xstrdup("");
  pf_buf_init(self);
  return p;
}

/* Arena: a list of blocks; big requests get a block of their own. */
typedef struct arena_block {
  struct arena_block *next;
  size_t used, cap;
  _Alignas(16) unsigned char data[];
} arena_block;

struct pf_arena {
  arena_block *head;
};

#define ARENA_BLOCK 16384

pf_arena *pf_arena_new(void)
{
  return pf_xcalloc(1, sizeof(pf_arena));
}

void pf_arena_free(pf_arena *self)
{
  if (!self)
    return;
  arena_block *b = self->head;
  while (b) {
    arena_block *next = b->next;
    free(b);
    b = next;
  }
  free(self);
}

void *pf_arena_alloc_uninit(pf_arena *self, size_t n)
{
  n = (n + 15) & ~(size_t)15;
  arena_block *b = self->head;
  if (!b || b->cap - b->used < n) {
    size_t cap = n > ARENA_BLOCK / 4 ? n : ARENA_BLOCK;
    arena_block *nb = pf_xmalloc(sizeof(arena_block) + cap);
    nb->used = 0;
    nb->cap = cap;
    if (cap == n && b) {
      // Keep the partly used block at the head for later small requests.
      nb->next = b->next;
      b->next = nb;
    } else {
      nb->next = b;
      self->head = nb;
    }
    b = nb;
  }
  void *p = b->data + b->used;
  b->used += n;
  return p;
}

void *pf_arena_alloc(pf_arena *self, size_t n)
{
  void *p = pf_arena_alloc_uninit(self, n);
  memset(p, 0, n);
  return p;
}

char *pf_arena_strndup(pf_arena *self, const char *s, size_t n)
{
  char *p = pf_arena_alloc(self, n + 1);
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

char *pf_arena_strdup(pf_arena *self, const char *s)
{
  return s ? pf_arena_strndup(self, s, strlen(s)) : NULL;
}

char *pf_arena_printf(pf_arena *self, const char *fmt, ...)
{
  va_list ap, ap2;
  va_start(ap, fmt);
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  char *p = pf_arena_alloc(self, n > 0 ? (size_t)n + 1 : 1);
  if (n > 0)
    vsnprintf(p, (size_t)n + 1, fmt, ap2);
  va_end(ap2);
  return p;
}

void pf_sort(void *base, size_t n, size_t size,
             int (*cmp)(const void *, const void *))
{
  if (n > 1)
    qsort(base, n, size, cmp);
}

int pf_strcaseeq(const char *a, const char *b)
{
  for (; *a && *b; a++, b++) {
    if (pf_ascii_lower((unsigned char)*a) != pf_ascii_lower((unsigned char)*b))
      return 0;
  }
  return *a == *b;
}

int pf_strcaseeq_n(const char *a, const char *b, size_t n)
{
  for (size_t i = 0; i < n; i++) {
    if (pf_ascii_lower((unsigned char)a[i]) !=
        pf_ascii_lower((unsigned char)b[i]))
      return 0;
  }
  return 1;
}
