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
  PF_FORMAT_COUNT
} pf_format;

/** Parses "text" or "json"; returns false when unknown. */
bool pf_format_parse(const char *name, pf_format *out);

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
/** Whether the migration runner wraps each file in a transaction (as many
 * do), so statements that cannot run in one fail and locks last until the
 * file ends. */
void pf_config_set_assume_in_transaction(pf_config *self, bool on);
/** Whether low-confidence references are reported. */
void pf_config_set_show_low(pf_config *self, bool show);
/** Whether data checks count exactly even when a table is large for the
 * time budget (a probe that stops at the first bad row is the default). */
void pf_config_set_exact(pf_config *self, bool on);
/** Whether data checks fetch the first few offending keys (primary keys of
 * NULL rows, duplicate values, orphan keys). Off by default: values can be
 * personal data. */
void pf_config_set_show_values(pf_config *self, bool on);

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

/** Rendering options. */
typedef struct pf_render_opts {
  bool color;                /* ANSI colour (text only) */
  pf_severity fail_on;       /* the threshold shown in the summary */
  unsigned fail_on_verdicts; /* PF_GATE_* bits also failing (summary) */
} pf_render_opts;

/**
 * Renders @p self in @p fmt. On success *out is a NUL-terminated string the
 * caller frees with pf_free(), and *len its length.
 */
pf_code pf_report_render(const pf_report *self, pf_format fmt,
                         const pf_render_opts *opts, char **out, size_t *len,
                         pf_error *err);

/* Section - Process */

/** Releases process-wide state (parser memory) so leak checkers stay clean.
 * Call once at exit. */
void pf_shutdown(void);

#ifdef __cplusplus
}
#endif

#endif /* PF_PGPREFLIGHT_H */
