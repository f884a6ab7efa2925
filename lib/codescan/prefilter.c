/* Prefilter: does a file contain any of the candidate names at all? */
/* SPDX-License-Identifier: MIT */
#include "prefilter.h"

#include <stdlib.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define PF_PREFILTER_AVX2 1
#endif

#include "core/core.h"

static unsigned char fold(unsigned char c)
{
  return c >= 'A' && c <= 'Z' ? (unsigned char)(c | 0x20) : c;
}

// How common a (folded) byte is in source code; lower is rarer. Built from
// the order below, most common last, so that the probe bytes of a needle
// are the ones that rarely occur (after the "rare byte" heuristic of
// ripgrep's memchr crate).
static int commonness(unsigned char c)
{
  static const char order[] = "qjzxkvwyb\"'gfhmpu_cdlnrsoiate \n";
  const char *p = memchr(order, c, sizeof(order) - 1);
  return p ? (int)(p - order) + 1 : 0;
}

// Case-insensitive comparison of @n bytes of @hay with the folded @needle.
static bool eq_fold(const char *hay, const char *needle, size_t n)
{
  for (size_t i = 0; i < n; i++) {
    if (fold((unsigned char)hay[i]) != (unsigned char)needle[i])
      return false;
  }
  return true;
}

static bool contains_fold(const char *hay, size_t n, const char *needle,
                          size_t m)
{
  if (m > n)
    return false;
  for (size_t i = 0; i + m <= n; i++) {
    if (eq_fold(hay + i, needle, m))
      return true;
  }
  return false;
}

void pf__prefilter_init(pf__prefilter *self, const char *const *needles,
                        size_t n)
{
  memset(self, 0, sizeof(*self));
  self->needles = pf_xcalloc(n ? n : 1, sizeof(pf__needle));
  for (size_t i = 0; i < n; i++) {
    size_t len = strlen(needles[i]);
    if (len == 0) {
      self->match_all = true;
      continue;
    }
    char *t = pf_xstrndup(needles[i], len);
    for (size_t k = 0; k < len; k++)
      t[k] = (char)fold((unsigned char)t[k]);
    pf__needle nd = {t, (uint32_t)len, 0, 0};
    self->needles[self->n++] = nd;
  }
  // Drop duplicates and needles that contain a shorter one. Decide for all
  // first: the comparisons read needles that may be dropped.
  bool *drop = pf_xcalloc(self->n ? self->n : 1, sizeof(bool));
  for (size_t i = 0; i < self->n; i++) {
    const pf__needle *a = &self->needles[i];
    for (size_t k = 0; k < self->n && !drop[i]; k++) {
      const pf__needle *b = &self->needles[k];
      if (k == i || b->len > a->len)
        continue;
      // Of two equal needles keep the first.
      if (b->len == a->len && k > i)
        continue;
      drop[i] = contains_fold(a->text, a->len, b->text, b->len);
    }
  }
  size_t w = 0;
  for (size_t i = 0; i < self->n; i++) {
    if (drop[i])
      free(self->needles[i].text);
    else
      self->needles[w++] = self->needles[i];
  }
  free(drop);
  self->n = w;
  // Probe bytes: the two rarest positions.
  for (size_t i = 0; i < self->n; i++) {
    pf__needle *nd = &self->needles[i];
    uint32_t best = 0, second = UINT32_MAX;
    for (uint32_t k = 1; k < nd->len; k++) {
      int c = commonness((unsigned char)nd->text[k]);
      if (c < commonness((unsigned char)nd->text[best])) {
        second = best;
        best = k;
      } else if (second == UINT32_MAX ||
                 c < commonness((unsigned char)nd->text[second])) {
        second = k;
      }
    }
    if (second == UINT32_MAX)
      second = best;
    nd->i1 = best < second ? best : second;
    nd->i2 = best < second ? second : best;
  }
}

void pf__prefilter_clear(pf__prefilter *self)
{
  for (size_t i = 0; i < self->n; i++)
    free(self->needles[i].text);
  free(self->needles);
  memset(self, 0, sizeof(*self));
}

// Checks the candidate starts at hay[from..to) one by one.
static bool scan_scalar(const pf__prefilter *self, const char *hay, size_t len,
                        size_t from)
{
  for (size_t i = 0; i < self->n; i++) {
    const pf__needle *nd = &self->needles[i];
    if (nd->len > len)
      continue;
    unsigned char b1 = (unsigned char)nd->text[nd->i1];
    for (size_t s = from; s + nd->len <= len; s++) {
      if (fold((unsigned char)hay[s + nd->i1]) == b1 &&
          eq_fold(hay + s, nd->text, nd->len))
        return true;
    }
  }
  return false;
}

#if defined(PF_PREFILTER_AVX2)
enum { AVX2_NEEDLES = 8 };

// The loop of pf__prefilter_hit with 32-byte registers, 64 candidate
// starts a step, for the first AVX2_NEEDLES needles (the CPU is checked
// at run time: the build targets plain x86-64). Returns true at a hit;
// else *done is where the caller goes on (for every needle).
__attribute__((target("avx2"))) static bool hit_avx2(const pf__prefilter *self,
                                                     const char *hay,
                                                     size_t len, size_t maxlen,
                                                     size_t *done)
{
  const __m256i lower = _mm256_set1_epi8(0x20);
  __m256i p1[AVX2_NEEDLES], p2[AVX2_NEEDLES];
  size_t nn = self->n;
  for (size_t i = 0; i < nn; i++) {
    const pf__needle *nd = &self->needles[i];
    p1[i] = _mm256_set1_epi8((char)(nd->text[nd->i1] | 0x20));
    p2[i] = _mm256_set1_epi8((char)(nd->text[nd->i2] | 0x20));
  }
  size_t s = 0;
  // Every 32-byte load at s + i2 + 32 stays inside hay[0..len).
  for (; s + maxlen + 64 <= len; s += 64) {
    for (size_t i = 0; i < nn; i++) {
      const pf__needle *nd = &self->needles[i];
      const char *h1 = hay + s + nd->i1, *h2 = hay + s + nd->i2;
      __m256i a0 = _mm256_loadu_si256((const __m256i *)h1);
      __m256i a1 = _mm256_loadu_si256((const __m256i *)(h1 + 32));
      __m256i b0 = _mm256_loadu_si256((const __m256i *)h2);
      __m256i b1 = _mm256_loadu_si256((const __m256i *)(h2 + 32));
      __m256i m0 = _mm256_and_si256(
          _mm256_cmpeq_epi8(_mm256_or_si256(a0, lower), p1[i]),
          _mm256_cmpeq_epi8(_mm256_or_si256(b0, lower), p2[i]));
      __m256i m1 = _mm256_and_si256(
          _mm256_cmpeq_epi8(_mm256_or_si256(a1, lower), p1[i]),
          _mm256_cmpeq_epi8(_mm256_or_si256(b1, lower), p2[i]));
      uint64_t bits = (uint32_t)_mm256_movemask_epi8(m0) |
                      (uint64_t)(uint32_t)_mm256_movemask_epi8(m1) << 32;
      while (bits) {
        unsigned k = (unsigned)__builtin_ctzll(bits);
        bits &= bits - 1;
        if (eq_fold(hay + s + k, nd->text, nd->len))
          return true;
      }
    }
  }
  *done = s;
  return false;
}
#endif

bool pf__prefilter_hit(const pf__prefilter *self, const char *hay, size_t len)
{
  if (self->match_all)
    return true;
#if defined(PF_PREFILTER_AVX2)
  // Up to AVX2_NEEDLES needles (a table and a column's spellings: six)
  // with AVX2 where the CPU has it, the rest of the bytes below.
  if (self->n <= AVX2_NEEDLES && __builtin_cpu_supports("avx2")) {
    size_t maxlen = 0;
    for (size_t i = 0; i < self->n; i++) {
      if (self->needles[i].len > maxlen)
        maxlen = self->needles[i].len;
    }
    size_t done = 0;
    if (hit_avx2(self, hay, len, maxlen, &done))
      return true;
    // The last starts, fewer than 64 plus the longest needle.
    hay += done;
    len -= done;
  }
#endif
#if defined(__SSE2__)
  // Teddy-like: compare 16 candidate starts at once on the two probe bytes
  // of each needle, after OR-ing 0x20 (which folds letters and may let
  // through a few non-letters: verified below).
  size_t maxlen = 0;
  for (size_t i = 0; i < self->n; i++) {
    if (self->needles[i].len > maxlen)
      maxlen = self->needles[i].len;
  }
  size_t s = 0;
  if (len >= maxlen + 16) {
    const __m128i lower = _mm_set1_epi8(0x20);
    enum { MAXN = 16 };
    __m128i p1[MAXN], p2[MAXN];
    size_t nn = self->n < MAXN ? self->n : MAXN;
    for (size_t i = 0; i < nn; i++) {
      const pf__needle *nd = &self->needles[i];
      p1[i] = _mm_set1_epi8((char)(nd->text[nd->i1] | 0x20));
      p2[i] = _mm_set1_epi8((char)(nd->text[nd->i2] | 0x20));
    }
    // Every 16-byte load at s + i2 stays inside hay[0..len).
    for (; s + maxlen + 16 <= len; s += 16) {
      for (size_t i = 0; i < nn; i++) {
        const pf__needle *nd = &self->needles[i];
        __m128i a = _mm_loadu_si128((const __m128i *)(hay + s + nd->i1));
        __m128i b = _mm_loadu_si128((const __m128i *)(hay + s + nd->i2));
        __m128i m =
            _mm_and_si128(_mm_cmpeq_epi8(_mm_or_si128(a, lower), p1[i]),
                          _mm_cmpeq_epi8(_mm_or_si128(b, lower), p2[i]));
        unsigned bits = (unsigned)_mm_movemask_epi8(m);
        while (bits) {
          unsigned k = (unsigned)__builtin_ctz(bits);
          bits &= bits - 1;
          if (eq_fold(hay + s + k, nd->text, nd->len))
            return true;
        }
      }
    }
    if (nn < self->n) {
      // More needles than registers were set up for: the rest one by one.
      pf__prefilter rest = *self;
      rest.needles += nn;
      rest.n -= nn;
      if (scan_scalar(&rest, hay, len, 0))
        return true;
    }
    // Starts before s are done for the first nn needles; the tail below
    // rechecks from s for all of them.
  }
  return scan_scalar(self, hay, len, s);
#else
  return scan_scalar(self, hay, len, 0);
#endif
}

void pf__prefilter_each(const pf__prefilter *self, const char *hay, size_t len,
                        void (*fn)(void *ud, uint32_t start, uint32_t end),
                        void *ud)
{
  if (self->match_all) {
    fn(ud, 0, (uint32_t)len);
    return;
  }
  for (size_t i = 0; i < self->n; i++) {
    const pf__needle *nd = &self->needles[i];
    if (nd->len > len)
      continue;
    // memchr on the probe byte in both cases, then the whole needle.
    unsigned char lo = (unsigned char)nd->text[nd->i1];
    unsigned char up = lo >= 'a' && lo <= 'z' ? (unsigned char)(lo - 0x20) : lo;
    const char *first = hay + nd->i1;
    const char *end = hay + (len - nd->len) + nd->i1 + 1; // probe bytes end
    const char *a = memchr(first, lo, (size_t)(end - first));
    const char *b = up != lo ? memchr(first, up, (size_t)(end - first)) : NULL;
    while (a || b) {
      const char *q = !a ? b : !b ? a : a < b ? a : b;
      const char *s = q - nd->i1;
      if (eq_fold(s, nd->text, nd->len))
        fn(ud, (uint32_t)(s - hay), (uint32_t)(s - hay) + nd->len);
      if (q == a)
        a = memchr(q + 1, lo, (size_t)(end - q - 1));
      else
        b = memchr(q + 1, up, (size_t)(end - q - 1));
    }
  }
}
