/* pgpreflight: argv -> subcommand -> exit status. */
/* SPDX-License-Identifier: MIT */
#include "cmd.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "pgpreflight.h"

static const char usage[] =
    "usage: pgpreflight <command> [options]\n"
    "\n"
    "Tells what a PostgreSQL migration will break before you apply it.\n"
    "\n"
    "commands:\n"
    "  check [options] MIGRATION...  check migration files or directories\n"
    "                                (\"-\" reads standard input)\n"
    "  rules                         list every rule\n"
    "  explain RULE                  explain a rule, with a bad example and\n"
    "                                the safe alternative\n"
    "  role-sql [ROLE]               print SQL that creates a least-privilege\n"
    "                                read-only role for --db\n"
    "\n"
    "check options:\n"
    "  --code PATH        scan application code under PATH for references\n"
    "                     (repeatable)\n"
    "  --db URL           check against this database (read-only); also\n"
    "                     from PGPREFLIGHT_DATABASE_URL or libpq's PG*\n"
    "                     variables\n"
    "  --no-db            never connect to a database\n"
    "  --db-budget MS     total time for database checks (default 10000)\n"
    "  --format FORMAT    text (default) or json\n"
    "  --fail-on LIST     a level: error (default), warning, notice or\n"
    "                     never; and/or verdicts: fails, inconclusive,\n"
    "                     unverified, passes (\"error,fails\"; verdicts\n"
    "                     alone gate only on verdicts)\n"
    "  --warn-on VERDICTS print a warning for findings with these verdicts\n"
    "                     (\"unverified,inconclusive\")\n"
    "  --exact            count violating rows exactly, even on large tables\n"
    "  --show-values      show the first few offending keys (off by\n"
    "                     default: values can be personal data)\n"
    "  --assume-in-transaction\n"
    "                     the migration runner wraps each file in a\n"
    "                     transaction\n"
    "  --show-low         also report low-confidence code references\n"
    "  -j, --jobs N       scanning threads (default: one per core)\n"
    "  --color WHEN       auto (default), always or never; NO_COLOR is "
    "honoured\n"
    "\n"
    "  -h, --help         show this help\n"
    "  --version          show the version\n"
    "\n"
    "exit status:\n"
    "  0  no finding at or above --fail-on (nor with a verdict it names)\n"
    "  1  findings at or above --fail-on (or with a verdict it names)\n"
    "  2  usage, input or parse error\n"
    "  3  database unreachable when a database was required\n";

int pf_cmd_usage_error(const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  fputs("pgpreflight: error: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputs("\n(see pgpreflight --help)\n", stderr);
  va_end(ap);
  return PF_EXIT_USAGE;
}

int main(int argc, char **argv)
{
  int rc;
  if (argc < 2)
    return pf_cmd_usage_error("a command is required");
  const char *cmd = argv[1];
  if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 ||
      strcmp(cmd, "help") == 0) {
    fputs(usage, stdout);
    return PF_EXIT_OK;
  }
  if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
    printf("pgpreflight %s\n", pf_version());
    return PF_EXIT_OK;
  }
  if (strcmp(cmd, "check") == 0)
    rc = cmd_check(argc - 1, argv + 1);
  else if (strcmp(cmd, "rules") == 0)
    rc = cmd_rules(argc - 1, argv + 1);
  else if (strcmp(cmd, "role-sql") == 0)
    rc = cmd_role_sql(argc - 1, argv + 1);
  else if (strcmp(cmd, "explain") == 0)
    rc = cmd_explain(argc - 1, argv + 1);
  else
    rc = pf_cmd_usage_error("unknown command \"%s\"", cmd);
  pf_shutdown();
  return rc;
}
