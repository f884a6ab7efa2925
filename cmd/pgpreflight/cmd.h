/* Subcommands of the pgpreflight tool and its exit statuses. */
/* SPDX-License-Identifier: MIT */
#ifndef PF_CMD_CMD_H
#define PF_CMD_CMD_H

#include <stdbool.h>
#include <stdint.h>

// Exit statuses (DESIGN.md); never renumbered.
enum {
  PF_EXIT_OK = 0,       // no finding at or above --fail-on
  PF_EXIT_FINDINGS = 1, // findings at or above --fail-on
  PF_EXIT_USAGE = 2,    // usage, input or parse error
  PF_EXIT_DB = 3        // database unreachable when one was required
};

int cmd_check(int argc, char **argv);
int cmd_refs(int argc, char **argv);
int cmd_rules(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_role_sql(int argc, char **argv);
int cmd_init(int argc, char **argv);
int cmd_install_hook(int argc, char **argv);

// Parses a byte count with an optional K, M or G suffix.
bool pf_cmd_parse_size(const char *s, uint64_t *out);

// Prints "pgpreflight: error: <msg>" to stderr and returns PF_EXIT_USAGE.
int pf_cmd_usage_error(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

#endif
