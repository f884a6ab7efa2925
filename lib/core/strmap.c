/* A string-keyed hash map with open addressing and linear probing. */
/* SPDX-License-Identifier: MIT */
#include "core.h"

#include <string.h>

static char gone_marker;
#define GONE (&gone_marker)

static uint32_t hash(const char *s)
{
  uint32_t h = 2166136261u; // FNV-1a
  for (; *s; s++)
    h = (h ^ (unsigned char)*s) * 16777619u;
  return h;
}

void pf_strmap_init(pf_strmap *self)
{
  memset(self, 0, sizeof(*self));
}

void pf_strmap_clear(pf_strmap *self)
{
  for (uint32_t i = 0; i < self->_cap; i++) {
    if (self->_keys[i] && self->_keys[i] != GONE)
      free(self->_keys[i]);
  }
  free(self->_keys);
  free(self->_vals);
  pf_strmap_init(self);
}

// The slot holding @key, or UINT32_MAX.
static uint32_t find(const pf_strmap *self, const char *key)
{
  if (!self->_cap)
    return UINT32_MAX;
  uint32_t mask = self->_cap - 1;
  for (uint32_t i = hash(key) & mask;; i = (i + 1) & mask) {
    char *k = self->_keys[i];
    if (!k)
      return UINT32_MAX;
    if (k != GONE && strcmp(k, key) == 0)
      return i;
  }
}

static void grow(pf_strmap *self)
{
  uint32_t old_cap = self->_cap;
  char **old_keys = self->_keys;
  void **old_vals = self->_vals;
  self->_cap = old_cap ? old_cap * 2 : 16;
  self->_keys = pf_xcalloc(self->_cap, sizeof(char *));
  self->_vals = pf_xcalloc(self->_cap, sizeof(void *));
  self->_used = self->len;
  uint32_t mask = self->_cap - 1;
  for (uint32_t i = 0; i < old_cap; i++) {
    char *k = old_keys[i];
    if (!k || k == GONE)
      continue;
    uint32_t j = hash(k) & mask;
    while (self->_keys[j])
      j = (j + 1) & mask;
    self->_keys[j] = k;
    self->_vals[j] = old_vals[i];
  }
  free(old_keys);
  free(old_vals);
}

void *pf_strmap_get(const pf_strmap *self, const char *key)
{
  uint32_t i = find(self, key);
  return i == UINT32_MAX ? NULL : self->_vals[i];
}

bool pf_strmap_has(const pf_strmap *self, const char *key)
{
  return find(self, key) != UINT32_MAX;
}

void pf_strmap_put(pf_strmap *self, const char *key, void *val)
{
  uint32_t i = find(self, key);
  if (i != UINT32_MAX) {
    self->_vals[i] = val;
    return;
  }
  // Keep at most half the slots in use, so probes stay short.
  if ((self->_used + 1) * 2 > self->_cap)
    grow(self);
  uint32_t mask = self->_cap - 1;
  for (i = hash(key) & mask; self->_keys[i] && self->_keys[i] != GONE;
       i = (i + 1) & mask)
    ;
  if (!self->_keys[i])
    self->_used++;
  self->_keys[i] = pf_xstrdup(key);
  self->_vals[i] = val;
  self->len++;
}

void pf_strmap_remove(pf_strmap *self, const char *key)
{
  uint32_t i = find(self, key);
  if (i == UINT32_MAX)
    return;
  free(self->_keys[i]);
  self->_keys[i] = GONE;
  self->_vals[i] = NULL;
  self->len--;
}
