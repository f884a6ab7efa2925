/* pgpreflight refs: where the code uses some tables and columns. */
/* SPDX-License-Identifier: MIT */
#include "cmd.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pgpreflight.h"

static bool is_opt(const char *a, const char *name)
{
  size_t n = strlen(name);
  return strncmp(a, name, n) == 0 && (a[n] == '\0' || a[n] == '=');
}

// Takes the value of option @name: "--name value" or "--name=value".
static const char *opt_value(int argc, char **argv, int *i, const char *name)
{
  const char *a = argv[*i];
  size_t n = strlen(name);
  if (strncmp(a, name, n) == 0 && a[n] == '=')
    return a + n + 1;
  if (strcmp(a, name) == 0 && *i + 1 < argc)
    return argv[++*i];
  return NULL;
}

static bool parse_jobs(const char *s, uint32_t *out)
{
  char *end;
  errno = 0;
  if (!*s || *s == '-')
    return false;
  unsigned long v = strtoul(s, &end, 10);
  if (errno || *end || v == 0 || v > 256)
    return false;
  *out = (uint32_t)v;
  return true;
}

int cmd_refs(int argc, char **argv)
{
  pf_config *cfg = pf_config_new();
  pf_format fmt = PF_FORMAT_TEXT;
  const char **targets = calloc((size_t)argc, sizeof(char *));
  size_t ntargets = 0;
  int rc = PF_EXIT_USAGE;
  bool options_done = false;
  const char *cur = NULL;
  if (!targets) {
    fputs("pgpreflight: error: out of memory\n", stderr);
    pf_config_free(cfg);
    return PF_EXIT_USAGE;
  }

  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char *v;
    cur = a;
    if (options_done || a[0] != '-') {
      targets[ntargets++] = a;
    } else if (strcmp(a, "--") == 0) {
      options_done = true;
    } else if (is_opt(a, "--code")) {
      if (!(v = opt_value(argc, argv, &i, "--code")))
        goto missing;
      pf_config_add_code_path(cfg, v);
    } else if (is_opt(a, "--format")) {
      if (!(v = opt_value(argc, argv, &i, "--format")))
        goto missing;
      if (!pf_format_parse(v, &fmt)) {
        pf_cmd_usage_error("unknown format \"%s\" (text or json)", v);
        goto done;
      }
    } else if (is_opt(a, "--exclude")) {
      if (!(v = opt_value(argc, argv, &i, "--exclude")) || !*v)
        goto missing;
      pf_config_add_exclude(cfg, v);
    } else if (is_opt(a, "--max-file-size")) {
      uint64_t bytes;
      if (!(v = opt_value(argc, argv, &i, "--max-file-size")))
        goto missing;
      if (!pf_cmd_parse_size(v, &bytes)) {
        pf_cmd_usage_error("--max-file-size takes a size in bytes (suffix K, "
                           "M or G allowed), not \"%s\"",
                           v);
        goto done;
      }
      pf_config_set_max_file_size(cfg, bytes);
    } else if (strcmp(a, "--show-low") == 0) {
      pf_config_set_show_low(cfg, true);
    } else if (is_opt(a, "--jobs") || strcmp(a, "-j") == 0) {
      uint32_t jobs;
      v = strcmp(a, "-j") == 0 ? (i + 1 < argc ? argv[++i] : NULL)
                               : opt_value(argc, argv, &i, "--jobs");
      if (!v)
        goto missing;
      if (!parse_jobs(v, &jobs)) {
        pf_cmd_usage_error("--jobs takes a number from 1 to 256, not \"%s\"",
                           v);
        goto done;
      }
      pf_config_set_jobs(cfg, jobs);
    } else {
      pf_cmd_usage_error("unknown option \"%s\"", a);
      goto done;
    }
  }
  if (ntargets == 0) {
    pf_cmd_usage_error("refs needs at least one target (table, table.column "
                       "or schema.table.column)");
    goto done;
  }

  pf_refs *refs = NULL;
  pf_error err;
  memset(&err, 0, sizeof(err));
  pf_code code = pf_refs_run(cfg, targets, ntargets, &refs, &err);
  if (code != PF_OK) {
    if (code == PF_USAGE) {
      pf_cmd_usage_error("%s", err.msg);
    } else {
      char line[PF_ERROR_SIZE + 512];
      pf_error_format(&err, line, sizeof(line));
      fprintf(stderr, "pgpreflight: %s\n", line);
    }
    goto done;
  }
  for (size_t i = 0; i < pf_refs_warning_count(refs); i++)
    fprintf(stderr, "pgpreflight: warning: %s\n", pf_refs_warning_at(refs, i));
  char *text = NULL;
  size_t len = 0;
  if (pf_refs_render(refs, fmt, &text, &len, &err) == PF_OK) {
    fwrite(text, 1, len, stdout);
    fflush(stdout);
    pf_free(text);
    rc = pf_refs_count(refs) > 0 ? PF_EXIT_FINDINGS : PF_EXIT_OK;
  } else {
    fprintf(stderr, "pgpreflight: error: %s\n", err.msg);
  }
  pf_refs_free(refs);
  goto done;

missing:
  pf_cmd_usage_error("option \"%s\" needs a value", cur ? cur : "?");
done:
  free(targets);
  pf_config_free(cfg);
  return rc;
}
