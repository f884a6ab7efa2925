/* pgpreflight check: options -> configuration -> report -> exit status. */
/* SPDX-License-Identifier: MIT */
#include "cmd.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

// Parses a --fail-on or --warn-on list: "error", "fails", "warning,fails".
// Severities set *sev (at most one); verdicts add PF_GATE_* bits to *gates.
// With @allow_sev false only verdicts are accepted.
static bool parse_gates(const char *v, bool allow_sev, pf_severity *sev,
                        bool *sev_set, unsigned *gates)
{
  char item[32];
  const char *p = v;
  *sev_set = false;
  *gates = 0;
  while (true) {
    const char *comma = strchr(p, ',');
    size_t n = comma ? (size_t)(comma - p) : strlen(p);
    if (n == 0 || n >= sizeof(item))
      return false;
    memcpy(item, p, n);
    item[n] = '\0';
    unsigned bit;
    pf_severity s;
    if (pf_gate_parse(item, &bit)) {
      *gates |= bit;
    } else if (allow_sev && !*sev_set && pf_severity_parse(item, &s)) {
      *sev = s;
      *sev_set = true;
    } else {
      return false;
    }
    if (!comma)
      return true;
    p = comma + 1;
  }
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
  unsigned fail_gates = 0, warn_gates = 0;
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
      bool sev_set;
      pf_severity sev = PF_SEV_ERROR;
      if (!parse_gates(v, true, &sev, &sev_set, &fail_gates)) {
        pf_cmd_usage_error("unknown --fail-on value \"%s\" (a level: error, "
                           "warning, notice or never; and/or verdicts: "
                           "fails, inconclusive, unverified, passes; "
                           "comma-separated)",
                           v);
        goto done;
      }
      // Verdicts alone gate only on verdicts.
      fail_on = sev_set ? sev : PF_SEV_NEVER;
    } else if (is_opt(a, "--warn-on")) {
      bool sev_set;
      pf_severity sev;
      if (!(v = opt_value(argc, argv, &i, "--warn-on")))
        goto missing;
      if (!parse_gates(v, false, &sev, &sev_set, &warn_gates)) {
        pf_cmd_usage_error("unknown --warn-on value \"%s\" (verdicts: fails, "
                           "inconclusive, unverified, passes; "
                           "comma-separated)",
                           v);
        goto done;
      }
    } else if (strcmp(a, "--exact") == 0) {
      pf_config_set_exact(cfg, true);
    } else if (strcmp(a, "--show-values") == 0) {
      pf_config_set_show_values(cfg, true);
    } else if (strcmp(a, "--assume-in-transaction") == 0) {
      pf_config_set_assume_in_transaction(cfg, true);
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

  pf_report *report = NULL;
  pf_error err;
  memset(&err, 0, sizeof(err));
  pf_code code = pf_check_run(cfg, &report, &err);
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
  ropts.fail_on_verdicts = fail_gates;
  // --warn-on: one line per verdict class that is present.
  static const unsigned gate_bits[] = {PF_GATE_FAILS, PF_GATE_INCONCLUSIVE,
                                       PF_GATE_UNVERIFIED, PF_GATE_PASSES};
  static const char *const gate_names[] = {"fails", "inconclusive",
                                           "unverified", "passes"};
  for (int g = 0; g < 4; g++) {
    size_t n = (warn_gates & gate_bits[g])
                   ? pf_report_gate_count(report, gate_bits[g])
                   : 0;
    if (n)
      fprintf(stderr, "pgpreflight: warning: %zu finding%s with verdict %s%s\n",
              n, n == 1 ? "" : "s", gate_names[g],
              gate_bits[g] == PF_GATE_UNVERIFIED
                  ? " (not checked against data: pass --db, or see the "
                    "evidence for why)"
                  : "");
  }
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
    bool gated = fail_gates && pf_report_gate_count(report, fail_gates) > 0;
    rc = ((fail_on != PF_SEV_NEVER && max >= (int)fail_on) || gated)
             ? PF_EXIT_FINDINGS
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
