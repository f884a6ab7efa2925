/* pgpreflight check: options -> configuration -> report -> exit status. */
/* SPDX-License-Identifier: MIT */
#include "cmd.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "pgpreflight.h"

// Parses a whole non-negative number no larger than @max.
static bool parse_uint(const char *s, unsigned long max, uint32_t *out)
{
  char *end;
  errno = 0;
  if (!*s || *s == '-')
    return false;
  unsigned long v = strtoul(s, &end, 10);
  if (errno || *end || v > max)
    return false;
  *out = (uint32_t)v;
  return true;
}

// Whether libpq's environment names a server to connect to.
static bool pg_env_set(void)
{
  static const char *const vars[] = {"PGHOST",    "PGHOSTADDR", "PGDATABASE",
                                     "PGSERVICE", "PGPORT",     NULL};
  for (int i = 0; vars[i]; i++) {
    const char *v = getenv(vars[i]);
    if (v && *v)
      return true;
  }
  return false;
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

// Parses a size in bytes with an optional K, M or G suffix (powers of 1024).
static bool parse_size(const char *s, uint64_t *out)
{
  char *end;
  errno = 0;
  if (!*s || *s == '-')
    return false;
  unsigned long long v = strtoull(s, &end, 10);
  if (errno || end == s)
    return false;
  unsigned shift = 0;
  if (*end == 'K' || *end == 'k')
    shift = 10;
  else if (*end == 'M' || *end == 'm')
    shift = 20;
  else if (*end == 'G' || *end == 'g')
    shift = 30;
  if (shift)
    end++;
  if (*end || v == 0 || v > (1ull << 40) >> shift)
    return false;
  *out = (uint64_t)v << shift;
  return true;
}

// Code-scan progress on standard error: only when it is a terminal, and
// only once the scan has taken more than a second.
typedef struct progress {
  struct timespec start;
  bool shown;
} progress;

static void show_progress(void *ud, uint64_t done, uint64_t total)
{
  progress *p = ud;
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  long long ms = (long long)(now.tv_sec - p->start.tv_sec) * 1000 +
                 (now.tv_nsec - p->start.tv_nsec) / 1000000;
  if (ms < 1000)
    return;
  fprintf(stderr, "\rpgpreflight: scanning code: %llu/%llu files",
          (unsigned long long)done, (unsigned long long)total);
  fflush(stderr);
  p->shown = true;
}

static bool is_opt(const char *a, const char *name)
{
  size_t n = strlen(name);
  return strncmp(a, name, n) == 0 && (a[n] == '\0' || a[n] == '=');
}

int cmd_check(int argc, char **argv)
{
  pf_config *cfg = pf_config_new();
  pf_format fmt = PF_FORMAT_TEXT;
  pf_severity fail_on = PF_SEV_ERROR;
  const char *db = NULL;
  bool no_db = false;
  int color = -1; // auto
  int nmig = 0;
  int rc = PF_EXIT_USAGE;
  bool options_done = false;
  const char *cur = NULL; // the option being parsed, for messages

  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char *v;
    cur = a;
    if (options_done || a[0] != '-' || strcmp(a, "-") == 0) {
      pf_config_add_migration(cfg, a);
      nmig++;
    } else if (strcmp(a, "--") == 0) {
      options_done = true;
    } else if (is_opt(a, "--code")) {
      if (!(v = opt_value(argc, argv, &i, "--code")))
        goto missing;
      pf_config_add_code_path(cfg, v);
    } else if (is_opt(a, "--db")) {
      if (!(v = opt_value(argc, argv, &i, "--db")))
        goto missing;
      db = v;
    } else if (strcmp(a, "--no-db") == 0) {
      no_db = true;
    } else if (is_opt(a, "--db-budget")) {
      uint32_t ms;
      if (!(v = opt_value(argc, argv, &i, "--db-budget")))
        goto missing;
      if (!parse_uint(v, 3600000, &ms) || ms == 0) {
        pf_cmd_usage_error("--db-budget takes milliseconds from 1 to 3600000, "
                           "not \"%s\"",
                           v);
        goto done;
      }
      pf_config_set_db_budget_ms(cfg, ms);
    } else if (is_opt(a, "--format")) {
      if (!(v = opt_value(argc, argv, &i, "--format")))
        goto missing;
      if (!pf_format_parse(v, &fmt)) {
        pf_cmd_usage_error("unknown format \"%s\" (text or json)", v);
        goto done;
      }
    } else if (is_opt(a, "--fail-on")) {
      if (!(v = opt_value(argc, argv, &i, "--fail-on")))
        goto missing;
      if (!pf_severity_parse(v, &fail_on)) {
        pf_cmd_usage_error("unknown --fail-on level \"%s\" (error, warning, "
                           "notice or never)",
                           v);
        goto done;
      }
    } else if (strcmp(a, "--assume-in-transaction") == 0) {
      pf_config_set_assume_in_transaction(cfg, true);
    } else if (is_opt(a, "--max-file-size")) {
      uint64_t bytes;
      if (!(v = opt_value(argc, argv, &i, "--max-file-size")))
        goto missing;
      if (!parse_size(v, &bytes)) {
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
      if (!parse_uint(v, 256, &jobs) || jobs == 0) {
        pf_cmd_usage_error("--jobs takes a number from 1 to 256, not \"%s\"",
                           v);
        goto done;
      }
      pf_config_set_jobs(cfg, jobs);
    } else if (is_opt(a, "--color")) {
      if (!(v = opt_value(argc, argv, &i, "--color")))
        goto missing;
      if (strcmp(v, "always") == 0)
        color = 1;
      else if (strcmp(v, "never") == 0)
        color = 0;
      else if (strcmp(v, "auto") == 0)
        color = -1;
      else {
        pf_cmd_usage_error("--color takes auto, always or never, not \"%s\"",
                           v);
        goto done;
      }
    } else {
      pf_cmd_usage_error("unknown option \"%s\"", a);
      goto done;
    }
  }
  if (nmig == 0) {
    pf_cmd_usage_error("check needs at least one migration file or "
                       "directory");
    goto done;
  }
  if (no_db && db) {
    pf_cmd_usage_error("--db and --no-db exclude each other");
    goto done;
  }
  if (!no_db) {
    const char *env = getenv("PGPREFLIGHT_DATABASE_URL");
    if (db) {
      pf_config_set_db(cfg, db);
      pf_config_set_db_required(cfg, true);
    } else if (env && *env) {
      pf_config_set_db(cfg, env);
      pf_config_set_db_required(cfg, true);
    } else if (pg_env_set()) {
      // libpq's own variables: use them when they work, warn when not.
      pf_config_set_db(cfg, "");
    }
  }

  progress prog;
  memset(&prog, 0, sizeof(prog));
  clock_gettime(CLOCK_MONOTONIC, &prog.start);
  if (isatty(STDERR_FILENO))
    pf_config_set_progress(cfg, show_progress, &prog);

  pf_report *report = NULL;
  pf_error err;
  memset(&err, 0, sizeof(err));
  pf_code code = pf_check_run(cfg, &report, &err);
  if (prog.shown) {
    // Erase the progress line before anything else is printed.
    fputs("\r\033[K", stderr);
    fflush(stderr);
  }
  if (!report) {
    char line[PF_ERROR_SIZE + 512];
    pf_error_format(&err, line, sizeof(line));
    fprintf(stderr, "pgpreflight: %s\n", line);
    rc = code == PF_DB_CONNECT ? PF_EXIT_DB : PF_EXIT_USAGE;
    goto done;
  }
  for (size_t i = 0; i < pf_report_error_count(report); i++) {
    char line[PF_ERROR_SIZE + 512];
    pf_report_error_format(report, i, line, sizeof(line));
    fprintf(stderr, "%s\n", line);
  }
  for (size_t i = 0; i < pf_report_warning_count(report); i++)
    fprintf(stderr, "pgpreflight: warning: %s\n",
            pf_report_warning_at(report, i));

  pf_render_opts ropts;
  const char *no_color = getenv("NO_COLOR");
  ropts.color = color == 1 || (color == -1 && isatty(STDOUT_FILENO) &&
                               !(no_color && *no_color));
  ropts.fail_on = fail_on;
  char *text = NULL;
  size_t len = 0;
  pf_error rerr;
  memset(&rerr, 0, sizeof(rerr));
  if (pf_report_render(report, fmt, &ropts, &text, &len, &rerr) == PF_OK) {
    fwrite(text, 1, len, stdout);
    fflush(stdout);
    pf_free(text);
  } else {
    fprintf(stderr, "pgpreflight: error: %s\n", rerr.msg);
  }

  if (code == PF_DB_CONNECT) {
    fprintf(stderr, "pgpreflight: error: database: %s\n", err.msg);
    rc = PF_EXIT_DB;
  } else if (code != PF_OK || pf_report_error_count(report) > 0) {
    if (code != PF_OK) {
      char line[PF_ERROR_SIZE + 512];
      pf_error_format(&err, line, sizeof(line));
      fprintf(stderr, "pgpreflight: %s\n", line);
    }
    rc = PF_EXIT_USAGE;
  } else {
    int max = pf_report_max_severity(report);
    rc = (fail_on != PF_SEV_NEVER && max >= (int)fail_on) ? PF_EXIT_FINDINGS
                                                          : PF_EXIT_OK;
  }
  pf_report_free(report);
  goto done;

missing:
  pf_cmd_usage_error("option \"%s\" needs a value", cur ? cur : "?");
done:
  pf_config_free(cfg);
  return rc;
}
