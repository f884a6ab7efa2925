/* pgpreflight install-hook: a plain git pre-commit hook. */
/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/proc.h"
#include "core/source.h"

static const pf_span none = {0, 0};

// Appends @s as one shell word in single quotes.
static void sh_quote(pf_buf *b, const char *s)
{
  pf_buf_putc(b, '\'');
  for (; *s; s++) {
    if (*s == '\'')
      pf_buf_puts(b, "'\\''");
    else
      pf_buf_putc(b, *s);
  }
  pf_buf_putc(b, '\'');
}

static void hook_text(pf_buf *b, const char *program,
                      const char *const *migrations, size_t n)
{
  pf_buf_puts(b, "#!/bin/sh\n"
                 "# pgpreflight pre-commit hook, written by "
                 "\"pgpreflight install-hook\".\n"
                 "# Checks the migrations staged for this commit, without a "
                 "database: a\n"
                 "# finding at or above fail-on refuses the commit "
                 "(skip once: git commit --no-verify).\n"
                 "exec ");
  sh_quote(b, program);
  pf_buf_puts(b, " check --staged --no-db");
  if (n)
    pf_buf_puts(b, " --");
  for (size_t i = 0; i < n; i++) {
    pf_buf_putc(b, ' ');
    sh_quote(b, migrations[i]);
  }
  pf_buf_putc(b, '\n');
}

// Creates the directories leading to @path (mkdir -p of its dirname).
static void make_parents(const char *path)
{
  char tmp[4096];
  size_t n = strlen(path);
  if (n >= sizeof(tmp))
    return;
  memcpy(tmp, path, n + 1);
  for (size_t i = 1; i < n; i++) {
    if (tmp[i] != '/')
      continue;
    tmp[i] = '\0';
    mkdir(tmp, 0777);
    tmp[i] = '/';
  }
}

pf_code pf_hook_install(const char *program, const char *const *migrations,
                        size_t n, bool force, char **path, pf_error *err)
{
  *path = NULL;
  const char *argv[] = {"git", "rev-parse", "--git-path", "hooks/pre-commit",
                        NULL};
  pf_buf out = PF_BUF_INIT, errout = PF_BUF_INIT;
  int status;
  if (pf_proc_run(argv, NULL, &out, &errout, &status, err) != PF_OK) {
    pf_buf_clear(&out);
    pf_buf_clear(&errout);
    return PF_IO;
  }
  if (status != 0 || !out.len) {
    const char *m = errout.data ? errout.data : "";
    pf_error_set(err, PF_IO, NULL, none, "not a git repository: %.*s",
                 (int)strcspn(m, "\n"), m);
    pf_buf_clear(&out);
    pf_buf_clear(&errout);
    return PF_IO;
  }
  pf_buf_clear(&errout);
  char *hook = pf_xstrndup(out.data, strcspn(out.data, "\n"));
  pf_buf_clear(&out);

  pf_buf text = PF_BUF_INIT;
  hook_text(&text, program, migrations, n);
  pf_code rc = PF_OK;
  struct stat st;
  if (stat(hook, &st) == 0) {
    pf_source *old = pf_source_load(hook, NULL);
    bool same = old && old->len == text.len &&
                memcmp(old->data, text.data, text.len) == 0;
    pf_source_free(old);
    if (!same && !force) {
      pf_error_set(err, PF_USAGE, NULL, none,
                   "%s exists with other content; add \"%s\" to it by hand, "
                   "or pass --force to replace it",
                   hook, "pgpreflight check --staged --no-db");
      rc = PF_USAGE;
      goto done;
    }
  }
  make_parents(hook);
  // Written beside the hook, then renamed: a hook is never half-written.
  pf_buf tmp = PF_BUF_INIT;
  pf_buf_printf(&tmp, "%s.pgpreflight-tmp", hook);
  int fd = open(tmp.data, O_WRONLY | O_CREAT | O_TRUNC, 0755);
  bool ok = fd >= 0 && write(fd, text.data, text.len) == (ssize_t)text.len;
  int saved = errno;
  if (fd >= 0 && close(fd) != 0)
    ok = false;
  if (ok && (chmod(tmp.data, 0755) != 0 || rename(tmp.data, hook) != 0)) {
    saved = errno;
    ok = false;
  }
  if (!ok) {
    unlink(tmp.data);
    pf_error_set(err, PF_IO, NULL, none, "%s: %s", hook, strerror(saved));
    rc = PF_IO;
  }
  pf_buf_clear(&tmp);
done:
  pf_buf_clear(&text);
  if (rc == PF_OK)
    *path = hook;
  else
    free(hook);
  return rc;
}
