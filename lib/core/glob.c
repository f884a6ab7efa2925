/* Exclude patterns: does a path match one of the user's shell patterns? */
/* SPDX-License-Identifier: MIT */
#include "proc.h"

#include <fnmatch.h>
#include <string.h>

// Whether @pat matches @s or one of its leading directories ("a/b" of
// "a/b/c.sql").
static bool match_prefixes(const char *pat, const char *s)
{
  if (fnmatch(pat, s, 0) == 0)
    return true;
  char tmp[4096];
  size_t n = strlen(s);
  if (n >= sizeof(tmp))
    return false;
  memcpy(tmp, s, n + 1);
  for (size_t i = n; i-- > 0;) {
    if (tmp[i] != '/')
      continue;
    tmp[i] = '\0';
    if (i && fnmatch(pat, tmp, 0) == 0)
      return true;
  }
  return false;
}

bool pf_path_excluded(const char *path, const char *const *patterns, size_t n)
{
  // "./db/x.sql" and "db/x.sql" are the same file for a pattern.
  while (path[0] == '.' && path[1] == '/')
    path += 2;
  for (size_t i = 0; i < n; i++) {
    const char *pat = patterns[i];
    while (pat[0] == '.' && pat[1] == '/')
      pat += 2;
    for (const char *s = path; s;) {
      if (match_prefixes(pat, s))
        return true;
      s = strchr(s, '/');
      if (s)
        s++;
    }
  }
  return false;
}
