/* Helper programs run without a shell; path patterns. */
/* SPDX-License-Identifier: MIT */
#ifndef PF_CORE_PROC_H
#define PF_CORE_PROC_H

#include "pgpreflight.h"

#include <stdbool.h>
#include <stddef.h>

#include "core.h"

// Runs @argv (argv[0] looked up on PATH, no shell) in directory @dir (NULL:
// the current one) with standard input from /dev/null; appends its standard
// output to @out and its standard error to @errout (either may be NULL to
// discard). *status is the exit status (128+signal when killed). Returns
// PF_IO when the program cannot be started (not found: message says so).
pf_code pf_proc_run(const char *const *argv, const char *dir, pf_buf *out,
                    pf_buf *errout, int *status, pf_error *err);

// Whether @path is excluded by one of the @n shell patterns (fnmatch(3),
// '*' crossing '/'): a pattern matches the whole path, any tail of it that
// starts after a '/', or any leading directory of those, so "legacy"
// excludes every file under a directory named legacy and "*.seed.sql" every
// file with that suffix.
bool pf_path_excluded(const char *path, const char *const *patterns, size_t n);

#endif
