/* ORM naming conventions: CamelCase to snake_case, English plurals. */
/* SPDX-License-Identifier: MIT */
#include "scan.h"

#include <stdlib.h>
#include <string.h>

static bool is_upper(int c)
{
  return c >= 'A' && c <= 'Z';
}

static bool is_lower_or_digit(int c)
{
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

char *pf__snake_case_n(const char *s, size_t n)
{
  char *copy = pf_xstrndup(s, n);
  char *out = pf__snake_case(copy);
  free(copy);
  return out;
}

char *pf__snake_case(const char *s)
{
  // GORM's rule: an upper-case letter starts a word when it follows a
  // lower-case letter or digit, or when it is followed by a lower-case
  // letter after an upper-case run ("HTTPServer" -> "http_server",
  // "CustomerID" -> "customer_id").
  pf_buf b = PF_BUF_INIT;
  size_t n = strlen(s);
  for (size_t i = 0; i < n; i++) {
    int c = (unsigned char)s[i];
    if (is_upper(c) && i > 0) {
      int p = (unsigned char)s[i - 1];
      int nx = i + 1 < n ? (unsigned char)s[i + 1] : 0;
      if (is_lower_or_digit(p) || (is_upper(p) && nx >= 'a' && nx <= 'z'))
        pf_buf_putc(&b, '_');
    }
    pf_buf_putc(&b, (char)pf_ascii_lower(c));
  }
  return pf_buf_detach(&b);
}

static bool ends_with(const char *s, size_t n, const char *suffix)
{
  size_t m = strlen(suffix);
  return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

char *pf__pluralize(const char *s)
{
  size_t n = strlen(s);
  pf_buf b = PF_BUF_INIT;
  if (n == 0)
    return pf_buf_detach(&b);
  if (ends_with(s, n, "person")) {
    pf_buf_append(&b, s, n - 6);
    pf_buf_puts(&b, "people");
  } else if (n > 1 && s[n - 1] == 'y' && !strchr("aeiou", s[n - 2])) {
    pf_buf_append(&b, s, n - 1);
    pf_buf_puts(&b, "ies");
  } else if (ends_with(s, n, "s") || ends_with(s, n, "x") ||
             ends_with(s, n, "z") || ends_with(s, n, "ch") ||
             ends_with(s, n, "sh")) {
    pf_buf_append(&b, s, n);
    pf_buf_puts(&b, "es");
  } else {
    pf_buf_append(&b, s, n);
    pf_buf_putc(&b, 's');
  }
  return pf_buf_detach(&b);
}

char *pf__singularize(const char *s)
{
  size_t n = strlen(s);
  pf_buf b = PF_BUF_INIT;
  if (ends_with(s, n, "people")) {
    pf_buf_append(&b, s, n - 6);
    pf_buf_puts(&b, "person");
  } else if (n > 3 && ends_with(s, n, "ies")) {
    pf_buf_append(&b, s, n - 3);
    pf_buf_putc(&b, 'y');
  } else if (n > 3 && (ends_with(s, n, "ses") || ends_with(s, n, "xes") ||
                       ends_with(s, n, "zes") || ends_with(s, n, "ches") ||
                       ends_with(s, n, "shes"))) {
    pf_buf_append(&b, s, n - 2);
  } else if (n > 1 && s[n - 1] == 's' && s[n - 2] != 's') {
    pf_buf_append(&b, s, n - 1);
  } else {
    pf_buf_append(&b, s, n);
  }
  return pf_buf_detach(&b);
}
