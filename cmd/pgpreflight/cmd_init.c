/* pgpreflight init and install-hook: set a project up. */
/* SPDX-License-Identifier: MIT */
// realpath(3) is XSI, beyond _POSIX_C_SOURCE.
#define _XOPEN_SOURCE 700
#include "cmd.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pgpreflight.h"

#define CONFIG_NAME ".pgpreflight.json"

int cmd_init(int argc, char **argv)
{
  bool force = false;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--force") == 0)
      force = true;
    else
      return pf_cmd_usage_error("init: unknown argument \"%s\"", argv[i]);
  }
  char *text = NULL, *summary = NULL;
  pf_config_init_text(&text, &summary);
  int rc = PF_EXIT_OK;
  // O_EXCL: an existing file is never overwritten without --force, even if
  // it appears between a check and the write.
  int flags = O_WRONLY | O_CREAT | (force ? O_TRUNC : O_EXCL);
  int fd = open(CONFIG_NAME, flags, 0644);
  if (fd < 0) {
    if (errno == EEXIST)
      fprintf(stderr,
              "pgpreflight: error: %s already exists; pass --force to "
              "replace it\n",
              CONFIG_NAME);
    else
      fprintf(stderr, "pgpreflight: error: %s: %s\n", CONFIG_NAME,
              strerror(errno));
    rc = PF_EXIT_USAGE;
    goto done;
  }
  size_t len = strlen(text);
  bool ok = write(fd, text, len) == (ssize_t)len;
  if (close(fd) != 0 || !ok) {
    fprintf(stderr, "pgpreflight: error: %s: %s\n", CONFIG_NAME,
            strerror(errno));
    rc = PF_EXIT_USAGE;
    goto done;
  }
  printf("wrote %s\n%s", CONFIG_NAME, summary);
done:
  pf_free(text);
  pf_free(summary);
  return rc;
}

int cmd_install_hook(int argc, char **argv)
{
  bool force = false;
  int first = argc;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--force") == 0) {
      force = true;
    } else if (strcmp(argv[i], "--") == 0) {
      first = i + 1;
      break;
    } else if (argv[i][0] == '-') {
      return pf_cmd_usage_error("install-hook: unknown option \"%s\"", argv[i]);
    } else {
      first = i;
      break;
    }
  }
  // The hook runs this very program, wherever it is installed.
  char self[PATH_MAX];
  const char *program = "pgpreflight";
  if (realpath("/proc/self/exe", self))
    program = self;
  pf_error err;
  memset(&err, 0, sizeof(err));
  char *path = NULL;
  pf_code code = pf_hook_install(program, (const char *const *)argv + first,
                                 (size_t)(argc - first), force, &path, &err);
  if (code != PF_OK) {
    fprintf(stderr, "pgpreflight: error: %s\n", err.msg);
    return PF_EXIT_USAGE;
  }
  printf("installed %s: it runs \"%s check --staged --no-db\" before each "
         "commit\n",
         path, program);
  pf_free(path);
  return PF_EXIT_OK;
}
