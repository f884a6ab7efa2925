/* .gitignore patterns: parsing and matching with git's semantics. */
/* SPDX-License-Identifier: MIT */
#ifndef PF_CODESCAN_IGNORE_H
#define PF_CODESCAN_IGNORE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/core.h"

// One pattern line of a .gitignore file.
typedef struct pf__ignore_pat {
  char *pat;     // the glob, without "!", the leading and trailing "/"
  bool negate;   // "!pat": re-includes
  bool dir_only; // "pat/": matches directories only
  bool anchored; // had a "/" before its end: matched against the path
                 // relative to the file's directory, else the basename
} pf__ignore_pat;

// The patterns of one file (.gitignore or .git/info/exclude).
typedef struct pf__ignore_file {
  char *base; // the file's directory relative to the top, "" or "a/b/"
  PF_VEC(pf__ignore_pat) pats;
} pf__ignore_file;

// Parses the text of a .gitignore into @self, whose patterns apply below
// @base ("" or a path ending in "/"). Can't fail.
void pf__ignore_parse(pf__ignore_file *self, const char *base, const char *text,
                      size_t len);
// Frees what @self holds. Accepts an already cleared file.
void pf__ignore_clear(pf__ignore_file *self);
// Whether the last pattern of @self that matches @rel (the path relative to
// the top, no leading "/") ignores it: 1 ignored, 0 re-included by a "!"
// pattern, -1 no pattern matches.
int pf__ignore_match(const pf__ignore_file *self, const char *rel, bool is_dir);
// Whether @text matches the gitignore glob @pat ("*" and "?" stop at "/",
// "**" between slashes spans directories, "[...]" classes, "\" escapes).
bool pf__wildmatch(const char *pat, const char *text);

#endif
