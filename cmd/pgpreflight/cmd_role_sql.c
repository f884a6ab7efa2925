/* pgpreflight role-sql: SQL that creates a least-privilege role for --db. */
/* SPDX-License-Identifier: MIT */
#include "cmd.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

// Prints @name as an SQL identifier: in double quotes unless it is a plain
// lower-case name, with embedded quotes doubled.
static void put_ident(const char *name)
{
  bool plain = (name[0] >= 'a' && name[0] <= 'z') || name[0] == '_';
  for (const char *p = name; *p && plain; p++)
    plain = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_';
  if (plain) {
    fputs(name, stdout);
    return;
  }
  putchar('"');
  for (const char *p = name; *p; p++) {
    if (*p == '"')
      putchar('"');
    putchar(*p);
  }
  putchar('"');
}

int cmd_role_sql(int argc, char **argv)
{
  const char *role = "pgpreflight";
  if (argc > 2)
    return pf_cmd_usage_error("role-sql takes at most one role name");
  if (argc == 2) {
    role = argv[1];
    if (role[0] == '-' || !*role || strlen(role) > 63)
      return pf_cmd_usage_error("role-sql: \"%s\" is not a role name (1 to "
                                "63 bytes, not an option)",
                                role);
  }
  puts("-- A login role for pgpreflight --db: it reads data and statistics and "
       "can\n-- never write. Run as a superuser or a role with CREATEROLE, "
       "then set a\n-- password (psql: \\password ROLE) and connect with it.");
  fputs("CREATE ROLE ", stdout);
  put_ident(role);
  puts(" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE\n"
       "  NOREPLICATION NOBYPASSRLS CONNECTION LIMIT 2;");
  static const char *const settings[] = {
      "default_transaction_read_only = on", "statement_timeout = '5s'",
      "lock_timeout = '1s'", "idle_in_transaction_session_timeout = '10s'"};
  for (size_t i = 0; i < sizeof(settings) / sizeof(settings[0]); i++) {
    fputs("ALTER ROLE ", stdout);
    put_ident(role);
    printf(" SET %s;\n", settings[i]);
  }
  puts("-- PostgreSQL 14 and later: read every table and the statistics.");
  fputs("GRANT pg_read_all_data TO ", stdout);
  put_ident(role);
  puts(";");
  fputs("GRANT pg_read_all_stats TO ", stdout);
  put_ident(role);
  puts(";");
  puts("-- Before PostgreSQL 14, or to grant less, use instead of "
       "pg_read_all_data,\n-- for each schema the migrations touch:");
  fputs("--   GRANT USAGE ON SCHEMA public TO ", stdout);
  put_ident(role);
  puts(";");
  fputs("--   GRANT SELECT ON ALL TABLES IN SCHEMA public TO ", stdout);
  put_ident(role);
  puts(";");
  fputs("--   ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON "
        "TABLES TO ",
        stdout);
  put_ident(role);
  puts(";");
  return PF_EXIT_OK;
}
