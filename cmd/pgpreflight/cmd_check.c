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
bool pf_cmd_parse_size(const char *s, uint64_t *out)
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

/* --- configuration and file selection (issue 6: --config, --since) --- */

// Loads the configuration file: the one --config names, or else
// .pgpreflight.json found upward from the working directory (none with
// --no-config). Returns false after printing the error.
static bool load_config_file(int argc, char **argv, pf_config *cfg)
{
  const char *named = NULL;
  bool none = false;
  for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
    if (strcmp(argv[i], "--no-config") == 0)
      none = true;
    else if (strncmp(argv[i], "--config=", 9) == 0)
      named = argv[i] + 9;
    else if (strcmp(argv[i], "--config") == 0 && i + 1 < argc)
      named = argv[++i];
  }
  if (none && named) {
    pf_cmd_usage_error("--config and --no-config exclude each other");
    return false;
  }
  if (none)
    return true;
  char *found = named ? NULL : pf_config_find();
  const char *path = named ? named : found;
  bool ok = true;
  if (path) {
    pf_error err;
    memset(&err, 0, sizeof(err));
    if (pf_config_load(cfg, path, &err) != PF_OK) {
      fprintf(stderr, "pgpreflight: error: %s\n", err.msg);
      ok = false;
    }
  }
  pf_free(found);
  return ok;
}

// Which of the two git selections were asked for (they exclude each other).
static bool since_given, staged_given;

// Handles the file-selection options at argv[*i]: returns 1 when it took
// one, 0 when the option is not one of them, -1 after a usage error.
static int selection_flag(int argc, char **argv, int *i, pf_config *cfg)
{
  const char *a = argv[*i];
  const char *v;
  if (is_opt(a, "--config")) {
    // Read before the other options (load_config_file); skip its value.
    if (!opt_value(argc, argv, i, "--config")) {
      pf_cmd_usage_error("option \"--config\" needs a value");
      return -1;
    }
    return 1;
  }
  if (strcmp(a, "--no-config") == 0)
    return 1;
  if (is_opt(a, "--since")) {
    if (!(v = opt_value(argc, argv, i, "--since")) || !*v) {
      pf_cmd_usage_error("option \"--since\" needs a git ref");
      return -1;
    }
    pf_config_set_since(cfg, v);
    since_given = true;
    return 1;
  }
  if (strcmp(a, "--staged") == 0) {
    pf_config_set_staged(cfg, true);
    staged_given = true;
    return 1;
  }
  if (is_opt(a, "--exclude")) {
    if (!(v = opt_value(argc, argv, i, "--exclude")) || !*v) {
      pf_cmd_usage_error("option \"--exclude\" needs a pattern");
      return -1;
    }
    pf_config_add_exclude(cfg, v);
    return 1;
  }
  return 0;
}

/* --- end of configuration and file selection --- */

int cmd_check(int argc, char **argv)
{
  pf_config *cfg = pf_config_new();
  pf_format fmt = PF_FORMAT_TEXT;
  pf_severity fail_on = PF_SEV_ERROR;
  unsigned fail_gates = 0, warn_gates = 0;
  const char *db = NULL;
  bool no_db = false;
  int color = -1; // auto
  pf_detail detail = PF_DETAIL_NORMAL;
  char cwd[4096];
  int nmig = 0;
  int rc = PF_EXIT_USAGE;
  bool options_done = false;
  const char *cur = NULL;  // the option being parsed, for messages
  bool code_given = false; // --code replaces the configuration's list

  // The configuration file first: every flag overrides it.
  if (!load_config_file(argc, argv, cfg))
    goto done;
  fail_on = pf_config_fail_on(cfg);

  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char *v;
    cur = a;
    int sel;
    if (options_done || a[0] != '-' || strcmp(a, "-") == 0) {
      // Migrations on the command line replace the configuration's.
      if (nmig++ == 0)
        pf_config_clear_migrations(cfg);
      pf_config_add_migration(cfg, a);
    } else if ((sel = selection_flag(argc, argv, &i, cfg)) != 0) {
      if (sel < 0)
        goto done;
    } else if (strcmp(a, "--") == 0) {
      options_done = true;
    } else if (is_opt(a, "--code")) {
      if (!(v = opt_value(argc, argv, &i, "--code")))
        goto missing;
      if (!code_given)
        pf_config_clear_code_paths(cfg);
      code_given = true;
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
        pf_cmd_usage_error("unknown format \"%s\" (%s)", v, pf_format_names());
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
    } else if (is_opt(a, "--help-uri-base")) {
      if (!(v = opt_value(argc, argv, &i, "--help-uri-base")))
        goto missing;
      const char *why = *v ? pf_help_uri_base_problem(v) : NULL;
      if (why) {
        pf_cmd_usage_error("--help-uri-base \"%s\": %s", v, why);
        goto done;
      }
      pf_config_set_help_uri_base(cfg, v);
    } else if (is_opt(a, "--long-xact")) {
      uint32_t s;
      if (!(v = opt_value(argc, argv, &i, "--long-xact")))
        goto missing;
      if (!parse_uint(v, 86400, &s)) {
        pf_cmd_usage_error("--long-xact takes seconds from 0 to 86400, "
                           "not \"%s\"",
                           v);
        goto done;
      }
      pf_config_set_long_xact_s(cfg, s);
    } else if (is_opt(a, "--pg-version")) {
      if (!(v = opt_value(argc, argv, &i, "--pg-version")))
        goto missing;
      int num = pf_pg_version_parse(v);
      if (!num) {
        pf_cmd_usage_error("--pg-version takes a PostgreSQL version such as "
                           "15 or 14.2, not \"%s\"",
                           v);
        goto done;
      }
      pf_config_set_pg_version(cfg, num);
    } else if (is_opt(a, "--migration-role")) {
      if (!(v = opt_value(argc, argv, &i, "--migration-role")))
        goto missing;
      pf_config_set_migration_role(cfg, v);
    } else if (strcmp(a, "--exact") == 0) {
      pf_config_set_exact(cfg, true);
    } else if (strcmp(a, "--show-values") == 0) {
      pf_config_set_show_values(cfg, true);
    } else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
      detail = PF_DETAIL_QUIET;
    } else if (strcmp(a, "--verbose") == 0 || strcmp(a, "-v") == 0) {
      detail = PF_DETAIL_VERBOSE;
      // Every reference, low-confidence ones included.
      pf_config_set_show_low(cfg, true);
    } else if (strcmp(a, "--assume-in-transaction") == 0) {
      pf_config_set_assume_in_transaction(cfg, true);
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
  if (pf_config_migration_count(cfg) == 0) {
    pf_cmd_usage_error("check needs at least one migration file or "
                       "directory");
    goto done;
  }
  if (since_given && staged_given) {
    pf_cmd_usage_error("--since and --staged exclude each other");
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
  memset(&ropts, 0, sizeof(ropts));
  ropts.detail = detail;
  // Absolute paths under the working directory become relative in SARIF
  // and GitHub output, which name files relative to the repository root.
  ropts.base_dir = getcwd(cwd, sizeof(cwd)) ? cwd : NULL;
  const char *no_color = getenv("NO_COLOR");
  ropts.color = color == 1 || (color == -1 && isatty(STDOUT_FILENO) &&
                               !(no_color && *no_color));
  ropts.fail_on = fail_on;
  ropts.fail_on_verdicts = fail_gates;
  ropts.help_uri_base = pf_config_help_uri_base(cfg);
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
