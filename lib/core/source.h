/* Input files as bytes plus a line map; byte offsets to line:col. */
/* SPDX-License-Identifier: MIT */
#ifndef PF_CORE_SOURCE_H
#define PF_CORE_SOURCE_H

#include "pgpreflight.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct pf_source {
  char *path;       // exactly as given by the user
  char *data;       // NUL-terminated copy of the bytes
  uint32_t len;     // bytes, without the terminating NUL
  uint32_t *_lines; // byte offset of each line start, built lazily
  uint32_t _nlines;
};

// Largest input accepted, in bytes.
#define PF_SOURCE_MAX (64u * 1024u * 1024u)

// Reads @path ("-" reads standard input) into a new source; on failure
// returns NULL and sets @err (PF_IO, PF_INPUT for too large). Caller frees
// with pf_source_free().
pf_source *pf_source_load(const char *path, pf_error *err);
// Makes a source from memory (copied). Can't fail (aborts on OOM).
pf_source *pf_source_from_mem(const char *path, const char *data, size_t len);
void pf_source_free(pf_source *self);
// Converts a byte offset to a 1-based line and byte column. Clamps.
pf_loc pf_source_locate(const pf_source *self, uint32_t offset);
// The text of 1-based @line without its newline; *len is set. Owned by self.
const char *pf_source_line(const pf_source *self, uint32_t line, size_t *len);
// Whether the bytes are valid UTF-8; on false *bad is the first bad offset.
bool pf_utf8_valid(const char *s, size_t len, size_t *bad);
// Byte offset of the 1-based character index @chars in @s (clamped to len).
uint32_t pf_utf8_char_to_byte(const char *s, size_t len, uint32_t chars);

#endif
