/* Input files as bytes plus a lazily built line map. */
/* SPDX-License-Identifier: MIT */
#include "source.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core.h"

static pf_source *source_take(const char *path, char *data, size_t len)
{
  pf_source *self = pf_xcalloc(1, sizeof(*self));
  self->path = pf_xstrdup(path);
  self->data = data;
  self->len = (uint32_t)len;
  return self;
}

pf_source *pf_source_from_mem(const char *path, const char *data, size_t len)
{
  return source_take(path, pf_xstrndup(data, len), len);
}

static const pf_span no_span = {0, 0};

pf_source *pf_source_load(const char *path, pf_error *err)
{
  FILE *f;
  bool is_stdin = strcmp(path, "-") == 0;
  if (is_stdin) {
    f = stdin;
  } else {
    struct stat st;
    if (stat(path, &st) != 0) {
      pf_error_set(err, PF_IO, NULL, no_span, "%s: %s", path, strerror(errno));
      return NULL;
    }
    if (S_ISDIR(st.st_mode)) {
      pf_error_set(err, PF_IO, NULL, no_span, "%s: is a directory", path);
      return NULL;
    }
    if ((uint64_t)st.st_size > PF_SOURCE_MAX) {
      pf_error_set(err, PF_INPUT, NULL, no_span,
                   "%s: file is larger than %u MiB; split it", path,
                   PF_SOURCE_MAX >> 20);
      return NULL;
    }
    f = fopen(path, "rb");
    if (!f) {
      pf_error_set(err, PF_IO, NULL, no_span, "%s: %s", path, strerror(errno));
      return NULL;
    }
  }
  pf_buf b = PF_BUF_INIT;
  char chunk[65536];
  size_t n;
  while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
    if (b.len + n > PF_SOURCE_MAX) {
      pf_error_set(err, PF_INPUT, NULL, no_span,
                   "%s: input is larger than %u MiB; split it", path,
                   PF_SOURCE_MAX >> 20);
      pf_buf_clear(&b);
      if (!is_stdin)
        fclose(f);
      return NULL;
    }
    pf_buf_append(&b, chunk, n);
  }
  bool failed = ferror(f) != 0;
  int saved = errno;
  if (!is_stdin)
    fclose(f);
  if (failed) {
    pf_error_set(err, PF_IO, NULL, no_span, "%s: %s", path, strerror(saved));
    pf_buf_clear(&b);
    return NULL;
  }
  size_t len = b.len;
  return source_take(is_stdin ? "<stdin>" : path, pf_buf_detach(&b), len);
}

void pf_source_free(pf_source *self)
{
  if (!self)
    return;
  free(self->path);
  free(self->data);
  free(self->_lines);
  free(self);
}

static void build_lines(pf_source *self)
{
  // memchr finds the newlines many bytes at a time.
  const char *data = self->data, *end = self->data + self->len;
  uint32_t n = 1;
  const char *p = memchr(data, '\n', self->len);
  while (p) {
    n++;
    p = memchr(p + 1, '\n', (size_t)(end - p - 1));
  }
  self->_lines = pf_xmalloc(sizeof(uint32_t) * n);
  self->_lines[0] = 0;
  uint32_t k = 1;
  p = memchr(data, '\n', self->len);
  while (p) {
    self->_lines[k++] = (uint32_t)(p - data) + 1;
    p = memchr(p + 1, '\n', (size_t)(end - p - 1));
  }
  self->_nlines = n;
}

pf_loc pf_source_locate(const pf_source *cself, uint32_t offset)
{
  // The line map is a cache; building it does not change the source's value.
  pf_source *self = (pf_source *)cself;
  if (!self->_lines)
    build_lines(self);
  if (offset > self->len)
    offset = self->len;
  uint32_t lo = 0, hi = self->_nlines;
  while (hi - lo > 1) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (self->_lines[mid] <= offset)
      lo = mid;
    else
      hi = mid;
  }
  pf_loc loc = {lo + 1, offset - self->_lines[lo] + 1};
  return loc;
}

const char *pf_source_line(const pf_source *cself, uint32_t line, size_t *len)
{
  pf_source *self = (pf_source *)cself;
  if (!self->_lines)
    build_lines(self);
  if (line == 0 || line > self->_nlines) {
    *len = 0;
    return "";
  }
  uint32_t start = self->_lines[line - 1];
  uint32_t end = line < self->_nlines ? self->_lines[line] - 1 : self->len;
  if (end > start && self->data[end - 1] == '\r')
    end--;
  *len = end - start;
  return self->data + start;
}

bool pf_utf8_valid(const char *s, size_t len, size_t *bad)
{
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0;
  while (i < len) {
    // Most text is ASCII: check eight bytes at a time.
    while (len - i >= 8) {
      uint64_t w;
      memcpy(&w, p + i, 8);
      if (w & 0x8080808080808080u)
        break;
      i += 8;
    }
    if (i >= len)
      break;
    unsigned c = p[i];
    size_t n;
    unsigned min;
    if (c < 0x80) {
      i++;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      n = 1;
      min = 0x80;
      c &= 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2;
      min = 0x800;
      c &= 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3;
      min = 0x10000;
      c &= 0x07;
    } else {
      goto fail;
    }
    for (size_t k = 1; k <= n; k++) {
      if (i + k >= len || (p[i + k] & 0xC0) != 0x80)
        goto fail;
      c = (c << 6) | (p[i + k] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
      goto fail;
    i += n + 1;
  }
  return true;
fail:
  if (bad)
    *bad = i;
  return false;
}

uint32_t pf_utf8_char_to_byte(const char *s, size_t len, uint32_t chars)
{
  // @chars is 1-based; character k starts at the returned byte offset.
  size_t i = 0;
  uint32_t seen = 1;
  while (i < len && seen < chars) {
    i++;
    while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
      i++;
    seen++;
  }
  return (uint32_t)i;
}
