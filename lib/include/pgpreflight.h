/* pgpreflight public API: check PostgreSQL migrations before they run. */
/* SPDX-License-Identifier: MIT */
#ifndef PF_PGPREFLIGHT_H
#define PF_PGPREFLIGHT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Section - Version */

#define PF_VERSION_STRING "0.1.0"
/** JSON report schema version; bumped on any incompatible change. */
#define PF_JSON_SCHEMA_VERSION 1

/** Returns the version string. This function can't fail. */
const char *pf_version(void);

/* Section - Errors and positions */

/** Error codes (append-only; never renumbered). */
typedef enum pf_code {
#define PF_CODE(name, msg) PF_##name,
#include "diag_codes.def"
#undef PF_CODE
  PF_CODE_COUNT
} pf_code;

/** A 0-based byte range in a source, end exclusive. */
typedef struct pf_span {
  uint32_t start, end;
} pf_span;

/** A 1-based line and column (column counts bytes). Computed, never stored. */
typedef struct pf_loc {
  uint32_t line, col;
} pf_loc;

/** A loaded input file: bytes plus a line map. */
typedef struct pf_source pf_source;

#define PF_ERROR_SIZE 256

/**
 * What went wrong when a function could not do its job. The caller owns it,
 * usually on the stack. The first error set wins; later ones are ignored.
 */
typedef struct pf_error {
  pf_code code;         /* PF_OK when no error */
  const pf_source *src; /* borrowed; NULL if the error has no file */
  pf_span span;         /* valid iff src != NULL */
  char sqlstate[6];     /* live checks: the server's SQLSTATE, else "" */
  char msg[PF_ERROR_SIZE];
} pf_error;

/** Returns the symbolic name of @p code ("SQL_SYNTAX"). Can't fail. */
const char *pf_code_name(pf_code code);

/**
 * Formats @p err as "path:line:col: error: message" (or "error: message" with
 * no file) into @p out of @p size bytes. Can't fail; truncates.
 */
void pf_error_format(const pf_error *err, char *out, size_t size);

/** Frees memory returned by this library. Accepts NULL. */
void pf_free(void *p);

/* Section - Severity and formats */

typedef enum pf_severity {
  PF_SEV_NOTICE = 0,
  PF_SEV_WARNING = 1,
  PF_SEV_ERROR = 2,
  PF_SEV_NEVER = 3, /* only as a --fail-on threshold */
  PF_SEV_COUNT
} pf_severity;

/** "notice", "warning", "error", "never". Can't fail. */
const char *pf_severity_name(pf_severity sev);
/** Parses a severity name; returns false when unknown. */
bool pf_severity_parse(const char *name, pf_severity *out);

typedef enum pf_format {
  PF_FORMAT_TEXT = 0,
  PF_FORMAT_JSON = 1,
  PF_FORMAT_SARIF = 2,    /* SARIF 2.1.0 (GitHub code scanning) */
  PF_FORMAT_GITHUB = 3,   /* GitHub Actions workflow commands */
  PF_FORMAT_MARKDOWN = 4, /* a pull-request comment */
  PF_FORMAT_COUNT
} pf_format;

/** Parses "text", "json", "sarif", "github" or "markdown"; returns false when
 * unknown. */
bool pf_format_parse(const char *name, pf_format *out);
/** The names pf_format_parse() accepts, for messages: "text, json, ...".
 * Static storage. Can't fail. */
const char *pf_format_names(void);

/* Section - Rules */

/** A rule's documentation, owned by the library (static storage). */
typedef struct pf_rule_info {
  const char *id;          /* stable kebab-case id */
  pf_severity severity;    /* default severity */
  const char *family;      /* "locking", "compatibility", "data", ... */
  const char *summary;     /* one line */
  const char *explanation; /* one paragraph */
  const char *bad;         /* a bad example (SQL) */
  const char *safe;        /* the safe alternative (SQL or prose) */
} pf_rule_info;

/** Number of rules. Can't fail. */
size_t pf_rule_count(void);
/** The @p i th rule, or NULL past the end. Static storage. */
const pf_rule_info *pf_rule_at(size_t i);
/** The rule named @p id, or NULL. Static storage. */
const pf_rule_info *pf_rule_find(const char *id);

/** Another migration linter's rule and the pgpreflight rules that cover it
 * (static storage). */
typedef struct pf_rule_peer {
  const char *tool; /* "squawk", "eugene", "strong_migrations", "atlas" */
  const char *id;   /* the tool's rule id */
  const char *ours; /* pgpreflight rule ids, comma-separated */
} pf_rule_peer;

/** Number of peer rules known. Can't fail. */
size_t pf_rule_peer_count(void);
/** The @p i th peer rule, or NULL past the end. Static storage. */
const pf_rule_peer *pf_rule_peer_at(size_t i);

/* Section - Configuration */

/** What a check run looks at. Opaque; built with the setters below. */
typedef struct pf_config pf_config;

/** Returns a new configuration with defaults; caller frees with
 * pf_config_free(). Aborts on out-of-memory. */
pf_config *pf_config_new(void);
/** Frees @p self. Accepts NULL. */
void pf_config_free(pf_config *self);
/** Adds a migration file or directory (copied). "-" is standard input. */
void pf_config_add_migration(pf_config *self, const char *path);
/** Adds a code directory (or file) to scan for references (copied). */
void pf_config_add_code_path(pf_config *self, const char *path);
/** Sets the database connection string (copied); NULL for none. */
void pf_config_set_db(pf_config *self, const char *conninfo);
/** Whether a database is required (a --db was given explicitly). */
void pf_config_set_db_required(pf_config *self, bool required);
/** Total time budget for database checks, in milliseconds. */
void pf_config_set_db_budget_ms(pf_config *self, uint32_t ms);
/** Number of scanning threads; 0 means one per core. */
void pf_config_set_jobs(pf_config *self, uint32_t jobs);
/** Code files larger than @p bytes are skipped with a warning; 0 means the
 * default (2 MiB). Values above 64 MiB are capped to 64 MiB. */
void pf_config_set_max_file_size(pf_config *self, uint64_t bytes);
/** Progress of the code scan: @p done of @p total files scanned so far.
 * Called on the thread that runs pf_check_run(), about every 100 ms while
 * files are scanned. */
typedef void (*pf_progress_fn)(void *ud, uint64_t done, uint64_t total);
/** Sets the code-scan progress callback (NULL: none) and its argument. */
void pf_config_set_progress(pf_config *self, pf_progress_fn fn, void *ud);
/** Whether the migration runner wraps each file in a transaction (as many
 * do), so statements that cannot run in one fail and locks last until the
 * file ends. */
void pf_config_set_assume_in_transaction(pf_config *self, bool on);
/** Whether low-confidence references are reported. */
void pf_config_set_show_low(pf_config *self, bool show);
/** Forgets the migrations added so far (flags replace the file's list). */
void pf_config_clear_migrations(pf_config *self);
/** Number of migration paths added. Can't fail. */
size_t pf_config_migration_count(const pf_config *self);
/** Forgets the code paths added so far. */
void pf_config_clear_code_paths(pf_config *self);
/** Adds a shell pattern (copied) for migration and code files to skip: it
 * matches the whole path, any tail after a '/', or a directory in it. */
void pf_config_add_exclude(pf_config *self, const char *pattern);
/** Checks only the migration files added or changed since git ref @p ref
 * (git diff REF...HEAD); the earlier ones still give the schema context.
 * NULL turns it off. */
void pf_config_set_since(pf_config *self, const char *ref);
/** Checks only the migration files staged in git's index (a pre-commit
 * hook). */
void pf_config_set_staged(pf_config *self, bool on);
/** The lowest severity that fails the run (default PF_SEV_ERROR). */
void pf_config_set_fail_on(pf_config *self, pf_severity level);
/** The --fail-on threshold. Can't fail. */
pf_severity pf_config_fail_on(const pf_config *self);
/**
 * Sets rule @p id: off when !@p enabled, else a fixed @p severity for every
 * finding of the rule, or the rule's own severities when @p severity is -1.
 * Returns false when no rule has that id.
 */
bool pf_config_set_rule(pf_config *self, const char *id, bool enabled,
                        int severity);

/**
 * Looks for ".pgpreflight.json" in the current directory and then each
 * parent up to the root. Returns its path, relative to the current
 * directory ("../.pgpreflight.json"), which the caller frees with pf_free(),
 * or NULL when there is none.
 */
char *pf_config_find(void);
/**
 * Reads the configuration file @p path into @p self: its values replace the
 * defaults (call before applying command-line flags, which override it).
 * Paths in the file are relative to the file's directory. Returns PF_OK, or
 * PF_CONFIG with @p err's message naming the file and the JSON path of the
 * offending key (".rules.x.sevrity: unknown key ...") or the line:col of a
 * syntax error.
 */
pf_code pf_config_load(pf_config *self, const char *path, pf_error *err);
/**
 * Builds a starting ".pgpreflight.json" for the project in the current
 * directory: the migration directories found (and their layout), the code
 * directories, the defaults. *text is the file's content and *summary a
 * few lines saying what was detected; the caller frees both with pf_free().
 * Can't fail (aborts on OOM).
 */
void pf_config_init_text(char **text, char **summary);
/**
 * Writes a git pre-commit hook that runs @p program (a path, or
 * "pgpreflight" from PATH) as "check --staged --no-db" on the staged files
 * among the @p n @p migrations (directories or files; none: those of
 * .pgpreflight.json at commit time). The hook's path comes from git
 * (core.hooksPath and worktrees honoured); *path is set to it (caller frees
 * with pf_free()). An existing hook with other content is left alone
 * (PF_USAGE) unless @p force. Returns PF_IO when git cannot be run or this
 * is not a git repository.
 */
pf_code pf_hook_install(const char *program, const char *const *migrations,
                        size_t n, bool force, char **path, pf_error *err);
/** Whether data checks count exactly even when a table is large for the
 * time budget (a probe that stops at the first bad row is the default). */
void pf_config_set_exact(pf_config *self, bool on);
/** Whether data checks fetch the first few offending keys (primary keys of
 * NULL rows, duplicate values, orphan keys). Off by default: values can be
 * personal data. */
void pf_config_set_show_values(pf_config *self, bool on);
/** A transaction open at least @p seconds (default 60) that holds a lock
 * conflicting with a change's lock on its table is reported as a lock-queue
 * risk (rule lock-queue-risk). */
void pf_config_set_long_xact_s(pf_config *self, uint32_t seconds);
/**
 * Checks @p base as the start of a rule's help URI (SARIF helpUri, which is
 * @p base + "#" + the rule id): an absolute URI (a scheme, then ":") of
 * printable ASCII without spaces, quotes, "<", ">", "\\", "^", "`", "{",
 * "|", "}" or a "#" of its own. Returns NULL when it is fit, else a static
 * sentence saying what is wrong. Can't fail.
 */
const char *pf_help_uri_base_problem(const char *base);
/** Sets the help URI base (copied; NULL or "" for none: SARIF rules then
 * have no helpUri). The caller checks it with pf_help_uri_base_problem(). */
void pf_config_set_help_uri_base(pf_config *self, const char *base);
/* The role that applies the migrations: the lock_timeout and
 * statement_timeout set for it (and the database) in pg_db_role_setting
 * satisfy the timeout rules. NULL or "": the role pgpreflight connects as,
 * unless that role is read-only by default. */
void pf_config_set_migration_role(pf_config *self, const char *role);
/**
 * Parses a PostgreSQL version as people write it ("15", "14.2", "9.6",
 * "9.6.24") or as server_version_num ("140002") into server_version_num
 * form (140002). Returns 0 when @p text is not a version from 9.0 to 99.
 * Can't fail otherwise.
 */
int pf_pg_version_parse(const char *text);
/** The PostgreSQL version the migrations will run on (server_version_num,
 * 0 unknown), for the version-dependent rules when no database is
 * consulted; a connected database's own version takes precedence. */
void pf_config_set_pg_version(pf_config *self, int version_num);
/** The help URI base, or NULL when none is set. Can't fail. */
const char *pf_config_help_uri_base(const pf_config *self);

/* Section - Check */

/** The result of a check: findings and warnings. Opaque. */
typedef struct pf_report pf_report;

/**
 * Runs a check with @p cfg. On return *out is a report owned by the caller
 * (free with pf_report_free), also when an error is returned after some
 * findings were gathered (e.g. the database went away mid-run); *out is NULL
 * only when nothing could be checked. Returns PF_OK or the first error.
 */
pf_code pf_check_run(const pf_config *cfg, pf_report **out, pf_error *err);

/** Frees @p self. Accepts NULL. */
void pf_report_free(pf_report *self);

/** Highest severity among the findings, or -1 when there are none. */
int pf_report_max_severity(const pf_report *self);

/* Section - Verdicts */

/** Gates on the verdict of data-dependent findings, one bit each (for
 * --fail-on fails,inconclusive and --warn-on unverified). */
enum {
  PF_GATE_FAILS = 1u << 0,        /* checked: the statement will fail */
  PF_GATE_INCONCLUSIVE = 1u << 1, /* a time limit cut the check */
  PF_GATE_UNVERIFIED = 1u << 2,   /* not checked (no database, not
                                     evaluated, no permission) */
  PF_GATE_PASSES = 1u << 3        /* checked: the data accepts it */
};

/** Parses "fails", "inconclusive", "unverified" or "passes" into its gate
 * bit; returns false for any other name. */
bool pf_gate_parse(const char *name, unsigned *bit);
/** Number of unsuppressed findings whose verdict is one of @p gates. */
size_t pf_report_gate_count(const pf_report *self, unsigned gates);

/** Number of non-fatal warnings (skipped files, checks not run, ...). */
size_t pf_report_warning_count(const pf_report *self);
/** The @p i th warning as one line "path: message", owned by the report. */
const char *pf_report_warning_at(const pf_report *self, size_t i);

/** Number of input errors (unreadable files, statements that do not parse).
 * Any input error makes the exit status 2. */
size_t pf_report_error_count(const pf_report *self);
/** Formats the @p i th input error as "path:line:col: error: message" into
 * @p out of @p size bytes. Can't fail; truncates. */
void pf_report_error_format(const pf_report *self, size_t i, char *out,
                            size_t size);

/** How much the text format prints. */
typedef enum pf_detail {
  PF_DETAIL_NORMAL = 0,  /* findings with their evidence, then the summary */
  PF_DETAIL_QUIET = 1,   /* the summary line only */
  PF_DETAIL_VERBOSE = 2, /* also the change, what its lock blocks, every
                            suppressed finding with its reason */
  PF_DETAIL_COUNT
} pf_detail;

/** Rendering options. Zero-initialise, then set what differs. */
typedef struct pf_render_opts {
  bool color;          /* ANSI colour (text only) */
  pf_severity fail_on; /* the threshold shown in the summary */
  pf_detail detail;    /* text only */
  /* An absolute directory (usually the working directory, without a trailing
   * slash) that SARIF and GitHub paths are made relative to when a migration
   * or code path is absolute and under it; NULL leaves paths as given. */
  const char *base_dir;
  unsigned fail_on_verdicts; /* PF_GATE_* bits also failing (summary) */
  /* SARIF: each rule's helpUri is this + "#" + the rule id (an anchor of
   * README.md's rule tables); NULL: rules have no helpUri. Checked with
   * pf_help_uri_base_problem(). */
  const char *help_uri_base;
} pf_render_opts;

/**
 * Renders @p self in @p fmt. On success *out is a NUL-terminated string the
 * caller frees with pf_free(), and *len its length.
 */
pf_code pf_report_render(const pf_report *self, pf_format fmt,
                         const pf_render_opts *opts, char **out, size_t *len,
                         pf_error *err);

/* Section - Code references */

/** The references to some tables and columns in the code (pgpreflight
 * refs). Opaque. */
typedef struct pf_refs pf_refs;

/**
 * Finds every reference in the code paths of @p cfg (pf_config_add_code_path;
 * none means ".") to the @p ntargets targets in @p specs, each written as
 * "table", "table.column", "schema.table.column" or "schema.table.*" (the
 * table itself). Unquoted names fold to lower case; a "double-quoted" part
 * keeps its case. Uses the jobs and show-low settings of @p cfg.
 * On success *out is owned by the caller (free with pf_refs_free). Fails
 * with PF_USAGE for a malformed target (the message names it), PF_IO when
 * no code path exists, PF_GRAMMAR when a query does not compile; *out is
 * then NULL.
 */
pf_code pf_refs_run(const pf_config *cfg, const char *const *specs,
                    size_t ntargets, pf_refs **out, pf_error *err);

/** Frees @p self. Accepts NULL. */
void pf_refs_free(pf_refs *self);

/** Number of references found, not counting suppressed ones. */
size_t pf_refs_count(const pf_refs *self);
/** Number of references silenced by a pgpreflight-ignore-ref comment. */
size_t pf_refs_suppressed_count(const pf_refs *self);
/** Number of warnings (skipped files); each is one line "path: message",
 * owned by @p self. */
size_t pf_refs_warning_count(const pf_refs *self);
const char *pf_refs_warning_at(const pf_refs *self, size_t i);

/**
 * Renders @p self in @p fmt: text groups the references per target
 * ("path:line:col: kind, confidence: source line"), JSON is one object
 * (see the README). On success *out is a NUL-terminated string the caller
 * frees with pf_free(), and *len its length.
 */
pf_code pf_refs_render(const pf_refs *self, pf_format fmt, char **out,
                       size_t *len, pf_error *err);

/* Section - Process */

/** Releases process-wide state (parser memory) so leak checkers stay clean.
 * Call once at exit. */
void pf_shutdown(void);

#ifdef __cplusplus
}
#endif

#endif /* PF_PGPREFLIGHT_H */
