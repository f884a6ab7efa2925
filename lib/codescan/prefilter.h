/* Prefilter: does a file contain any of the candidate names at all? */
/* SPDX-License-Identifier: MIT */
#ifndef PF_CODESCAN_PREFILTER_H
#define PF_CODESCAN_PREFILTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

// One needle, folded to ASCII lower case, with the two of its bytes that
// are rarest in source code, checked first.
typedef struct pf__needle {
  char *text;
  uint32_t len;
  uint32_t i1, i2; // offsets of the two probe bytes, i1 < i2 (or equal)
} pf__needle;

// A set of needles matched case-insensitively (ASCII): SQL folds unquoted
// identifiers, and customer_id, customerId and CustomerID are one needle.
typedef struct pf__prefilter {
  pf__needle *needles;
  size_t n;
  bool match_all; // an empty needle was given: every file matches
} pf__prefilter;

// Builds the set from @n needles (copied). A needle that contains another
// is dropped: the shorter one finds every file it would. Can't fail.
void pf__prefilter_init(pf__prefilter *self, const char *const *needles,
                        size_t n);
void pf__prefilter_clear(pf__prefilter *self);
// Whether @hay (@len bytes, any content) contains one of the needles,
// ignoring ASCII case. Reads only hay[0..len). Can't fail.
bool pf__prefilter_hit(const pf__prefilter *self, const char *hay, size_t len);
// Calls @fn(@ud, start, end) for every occurrence of every needle in
// @hay, ignoring ASCII case, needle by needle (not in file order);
// overlapping occurrences too. With match_all, calls it once for the whole
// of @hay. Can't fail.
void pf__prefilter_each(const pf__prefilter *self, const char *hay, size_t len,
                        void (*fn)(void *ud, uint32_t start, uint32_t end),
                        void *ud);

#endif
