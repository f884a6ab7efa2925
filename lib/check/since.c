/* --since and --staged: which migration files git says changed. */
/* SPDX-License-Identifier: MIT */
// realpath(3) is XSI, beyond _POSIX_C_SOURCE.
#define _XOPEN_SOURCE 700
#include "check.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "core/proc.h"

static const pf_span none = {0, 0};

// Runs git with @argv; on success @out holds its standard output. A failure
// carries git's own first line of standard error.
static pf_code git(const char *const *argv, const char *dir, pf_buf *out,
                   pf_error *err)
{
  pf_buf errout = PF_BUF_INIT;
  int status;
  pf_code rc = pf_proc_run(argv, dir, out, &errout, &status, err);
  if (rc == PF_OK && status != 0) {
    const char *msg = errout.data ? errout.data : "";
    size_t n = strcspn(msg, "\n");
    pf_error_set(err, PF_USAGE, NULL, none, "git %s failed: %.*s", argv[1],
                 (int)(n > 200 ? 200 : n), msg);
    rc = PF_USAGE;
  }
  pf_buf_clear(&errout);
  return rc;
}

pf_code pf__git_toplevel(char **top, pf_error *err)
{
  const char *argv[] = {"git", "rev-parse", "--show-toplevel", NULL};
  pf_buf out = PF_BUF_INIT;
  *top = NULL;
  if (git(argv, NULL, &out, err) != PF_OK) {
    pf_buf_clear(&out);
    return err ? err->code : PF_IO;
  }
  size_t n = out.data ? strcspn(out.data, "\n") : 0;
  if (n == 0) {
    pf_buf_clear(&out);
    pf_error_set(err, PF_USAGE, NULL, none, "git rev-parse: no work tree");
    return PF_USAGE;
  }
  *top = pf_xstrndup(out.data, n);
  pf_buf_clear(&out);
  return PF_OK;
}

pf_code pf__git_changed(const char *ref, bool staged, pf_strmap *changed,
                        pf_error *err)
{
  if (!ref && !staged)
    return PF_OK;
  if (ref && ref[0] == '-') {
    pf_error_set(err, PF_USAGE, NULL, none,
                 "--since takes a git ref, not \"%s\"", ref);
    return PF_USAGE;
  }
  char *top;
  if (pf__git_toplevel(&top, err) != PF_OK)
    return err ? err->code : PF_IO;
  pf_buf range = PF_BUF_INIT;
  if (ref)
    pf_buf_printf(&range, "%s...", ref);
  // -z: names as they are, NUL-separated (no quoting of odd characters);
  // ACMR: added, copied, modified, renamed (a deleted file is not checked).
  const char *since_argv[] = {"git",      "diff",       "--name-only",
                              "-z",       "--no-color", "--diff-filter=ACMR",
                              range.data, "--",         NULL};
  const char *staged_argv[] = {
      "git", "diff",       "--cached",           "--name-only",
      "-z",  "--no-color", "--diff-filter=ACMR", "--",
      NULL};
  pf_buf out = PF_BUF_INIT;
  pf_code rc = git(ref ? since_argv : staged_argv, top, &out, err);
  if (rc == PF_OK) {
    for (size_t i = 0; i < out.len;) {
      const char *name = out.data + i;
      size_t n = strlen(name);
      i += n + 1;
      if (!n)
        continue;
      pf_buf full = PF_BUF_INIT;
      pf_buf_printf(&full, "%s/%s", top, name);
      char real[PATH_MAX];
      if (realpath(full.data, real))
        pf_strmap_put(changed, real, NULL);
      pf_buf_clear(&full);
    }
  }
  pf_buf_clear(&out);
  pf_buf_clear(&range);
  free(top);
  return rc;
}
