/* core/: UTF-8 validation and the line map, on their fast paths. */
/* SPDX-License-Identifier: MIT */
#include "test.h"

#include "core/core.h"
#include "core/source.h"

// A bad byte is found at its offset wherever it sits relative to the
// eight-byte ASCII steps, and valid sequences pass at every alignment.
TEST(core_utf8_valid_at_every_offset)
{
  static const struct {
    const char *seq;
    bool valid;
  } seqs[] = {
      {"\xC3\xA9", true},          // é
      {"\xE2\x82\xAC", true},      // €
      {"\xF0\x9F\x98\x80", true},  // U+1F600
      {"\xC3", false},             // truncated
      {"\xC0\xAF", false},         // overlong '/'
      {"\xED\xA0\x80", false},     // a surrogate
      {"\xF4\x90\x80\x80", false}, // beyond U+10FFFF
      {"\xFF", false},
      {"\x80", false}, // a lone continuation byte
  };
  char buf[64];
  for (size_t s = 0; s < sizeof(seqs) / sizeof(seqs[0]); s++) {
    size_t n = strlen(seqs[s].seq);
    for (size_t at = 0; at + n <= 40; at++) {
      for (size_t tail = 0; tail < 10; tail++) {
        size_t len = at + n + tail;
        memset(buf, 'a', len);
        memcpy(buf + at, seqs[s].seq, n);
        size_t bad = SIZE_MAX;
        bool ok = pf_utf8_valid(buf, len, &bad);
        if (ok != seqs[s].valid)
          PF_TEST_FAIL("sequence %zu at %zu, %zu after: %s", s, at, tail,
                       ok ? "valid" : "invalid");
        if (!ok)
          ASSERT_EQ(bad, at);
      }
    }
  }
  size_t bad = 7;
  ASSERT(pf_utf8_valid("", 0, &bad));
  ASSERT_EQ(bad, 7); // untouched on success
}

// Lines and columns from the line map: LF and CRLF endings, a final line
// with and without its newline, offsets past the end.
TEST(core_source_locate_lines)
{
  const char text[] = "ab\ncd\r\n\nlast";
  pf_source *src = pf_source_from_mem("t.sql", text, sizeof(text) - 1);
  static const struct {
    uint32_t offset, line, col;
  } want[] = {{0, 1, 1}, {2, 1, 3},  {3, 2, 1},  {5, 2, 3}, {7, 3, 1},
              {8, 4, 1}, {11, 4, 4}, {12, 4, 5}, {99, 4, 5}};
  for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
    pf_loc l = pf_source_locate(src, want[i].offset);
    if (l.line != want[i].line || l.col != want[i].col)
      PF_TEST_FAIL("offset %u: %u:%u, expected %u:%u", want[i].offset, l.line,
                   l.col, want[i].line, want[i].col);
  }
  size_t len;
  const char *line = pf_source_line(src, 4, &len);
  ASSERT(line && len == 4 && !memcmp(line, "last", 4));
  pf_source_free(src);
  pf_source *nl = pf_source_from_mem("n.sql", "x\n", 2);
  pf_loc l = pf_source_locate(nl, 2);
  ASSERT_EQ(l.line, 2);
  ASSERT_EQ(l.col, 1);
  pf_source_free(nl);
}
