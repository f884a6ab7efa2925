/* Core utilities: allocation, growable buffers and arrays, arenas. */
/* SPDX-License-Identifier: MIT */
#ifndef PF_CORE_CORE_H
#define PF_CORE_CORE_H

#include "pgpreflight.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h> // free(), used by the PF_VEC macros

// Allocation: these abort with a message on out-of-memory, never return NULL.
void *pf_xmalloc(size_t n);
void *pf_xcalloc(size_t n, size_t size);
void *pf_xrealloc(void *p, size_t n);
char *pf_xstrdup(const char *s);
char *pf_xstrndup(const char *s, size_t n);

// A growable byte buffer, always NUL-terminated once anything was appended.
typedef struct pf_buf {
  char *data;
  size_t len, cap;
} pf_buf;

#define PF_BUF_INIT                                                            \
  {                                                                            \
    NULL, 0, 0                                                                 \
  }
void pf_buf_init(pf_buf *self);
void pf_buf_clear(pf_buf *self);
void pf_buf_reserve(pf_buf *self, size_t extra);
void pf_buf_append(pf_buf *self, const char *s, size_t n);
void pf_buf_puts(pf_buf *self, const char *s);
void pf_buf_putc(pf_buf *self, char c);
void pf_buf_printf(pf_buf *self, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void pf_buf_vprintf(pf_buf *self, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
// Empties the buffer, keeping its memory.
void pf_buf_reset(pf_buf *self);
// Returns the data (caller frees with free()) and leaves the buffer empty.
char *pf_buf_detach(pf_buf *self);

// A growable array of T, after tree-sitter's lib/src/array.h.
#define PF_VEC(T)                                                              \
  struct {                                                                     \
    T *items;                                                                  \
    uint32_t len, cap;                                                         \
  }
#define pf_vec_init(v)  ((v)->items = NULL, (v)->len = 0, (v)->cap = 0)
#define pf_vec_clear(v) (free((v)->items), pf_vec_init(v))
#define pf_vec_grow(v)                                                         \
  ((v)->len < (v)->cap                                                         \
       ? (void)0                                                               \
       : (void)((v)->cap = (v)->cap ? (v)->cap * 2 : 8,                        \
                (v)->items =                                                   \
                    pf_xrealloc((v)->items, (v)->cap * sizeof(*(v)->items))))
#define pf_vec_push(v, x) (pf_vec_grow(v), (v)->items[(v)->len++] = (x))
#define pf_vec_last(v)    (&(v)->items[(v)->len - 1])

// A map from strings (copied) to pointers (borrowed), open addressing.
typedef struct pf_strmap {
  char **_keys; // NULL: empty slot; PF_STRMAP_GONE: removed
  void **_vals;
  uint32_t _cap, _used; // slots, slots not empty (live + removed)
  uint32_t len;         // live entries
} pf_strmap;
void pf_strmap_init(pf_strmap *self);
void pf_strmap_clear(pf_strmap *self);
// The value under @key, or NULL.
void *pf_strmap_get(const pf_strmap *self, const char *key);
// Sets @key to @val (a NULL value still counts as present for _has).
void pf_strmap_put(pf_strmap *self, const char *key, void *val);
bool pf_strmap_has(const pf_strmap *self, const char *key);
void pf_strmap_remove(pf_strmap *self, const char *key);

// qsort() that accepts an empty array (qsort(NULL, 0, ...) is undefined).
void pf_sort(void *base, size_t n, size_t size,
             int (*cmp)(const void *, const void *));

// An arena: many small allocations freed at once.
typedef struct pf_arena pf_arena;
pf_arena *pf_arena_new(void);
void pf_arena_free(pf_arena *self);
// Returns zeroed memory owned by the arena, aligned for any type.
void *pf_arena_alloc(pf_arena *self, size_t n);
// The same without zeroing, for callers that initialise all of it.
void *pf_arena_alloc_uninit(pf_arena *self, size_t n);
char *pf_arena_strdup(pf_arena *self, const char *s);
char *pf_arena_strndup(pf_arena *self, const char *s, size_t n);
char *pf_arena_printf(pf_arena *self, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

// Error helpers (see pgpreflight.h). The first error set wins.
void pf_error_set(pf_error *err, pf_code code, const pf_source *src,
                  pf_span span, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
void pf_error_clear(pf_error *err);
static inline int pf_error_is_set(const pf_error *err)
{
  return err && err->code != PF_OK;
}

// ASCII helpers that do not depend on the locale. The two character
// tests are inline: the SQL and code scanners call them once per byte.
static inline int pf_ascii_lower(int c)
{
  return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
}
int pf_strcaseeq(const char *a, const char *b);
// Whether the first @n bytes of @a and @b are equal, ignoring ASCII case.
int pf_strcaseeq_n(const char *a, const char *b, size_t n);
// A byte of an identifier: ASCII letter, digit, '_', or any non-ASCII byte.
static inline int pf_is_ident_char(int c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '_' || c >= 0x80;
}

#endif
