/* Configuration defaults and setters. */
/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <stdlib.h>
#include <string.h>

pf_config *pf_config_new(void)
{
  pf_config *self = pf_xcalloc(1, sizeof(*self));
  self->db_budget_ms = 10000;
  self->index_cols = 3;
  self->fail_on = PF_SEV_ERROR;
  self->long_xact_s = 60;
  size_t n = pf_rule_count();
  self->rule_sev = pf_xmalloc(n ? n : 1);
  memset(self->rule_sev, PF_RULE_SEV_DEFAULT, n ? n : 1);
  return self;
}

static void strings_clear(char **items, uint32_t n)
{
  for (uint32_t i = 0; i < n; i++)
    free(items[i]);
}

void pf_config_free(pf_config *self)
{
  if (!self)
    return;
  strings_clear(self->migrations.items, self->migrations.len);
  pf_vec_clear(&self->migrations);
  strings_clear(self->code_paths.items, self->code_paths.len);
  pf_vec_clear(&self->code_paths);
  strings_clear(self->excludes.items, self->excludes.len);
  pf_vec_clear(&self->excludes);
  free(self->db);
  free(self->since);
  free(self->help_uri_base);
  free(self->migration_role);
  free(self->rule_sev);
  free(self);
}

void pf_config_add_migration(pf_config *self, const char *path)
{
  pf_vec_push(&self->migrations, pf_xstrdup(path));
}

void pf_config_clear_migrations(pf_config *self)
{
  strings_clear(self->migrations.items, self->migrations.len);
  self->migrations.len = 0;
}

size_t pf_config_migration_count(const pf_config *self)
{
  return self->migrations.len;
}

void pf_config_add_code_path(pf_config *self, const char *path)
{
  pf_vec_push(&self->code_paths, pf_xstrdup(path));
}

void pf_config_clear_code_paths(pf_config *self)
{
  strings_clear(self->code_paths.items, self->code_paths.len);
  self->code_paths.len = 0;
}

void pf_config_add_exclude(pf_config *self, const char *pattern)
{
  pf_vec_push(&self->excludes, pf_xstrdup(pattern));
}

void pf_config_set_db(pf_config *self, const char *conninfo)
{
  free(self->db);
  self->db = conninfo ? pf_xstrdup(conninfo) : NULL;
}

void pf_config_set_db_required(pf_config *self, bool required)
{
  self->db_required = required;
}

void pf_config_set_db_budget_ms(pf_config *self, uint32_t ms)
{
  self->db_budget_ms = ms;
}

void pf_config_set_jobs(pf_config *self, uint32_t jobs)
{
  self->jobs = jobs;
}

void pf_config_set_max_file_size(pf_config *self, uint64_t bytes)
{
  self->max_file_size = bytes;
}

void pf_config_set_progress(pf_config *self, pf_progress_fn fn, void *ud)
{
  self->progress = fn;
  self->progress_ud = ud;
}

void pf_config_set_show_low(pf_config *self, bool show)
{
  self->show_low = show;
}

void pf_config_set_assume_in_transaction(pf_config *self, bool on)
{
  self->assume_txn = on;
}

void pf_config_set_since(pf_config *self, const char *ref)
{
  free(self->since);
  self->since = ref ? pf_xstrdup(ref) : NULL;
}

void pf_config_set_staged(pf_config *self, bool on)
{
  self->staged = on;
}

void pf_config_set_fail_on(pf_config *self, pf_severity level)
{
  self->fail_on = level;
}

pf_severity pf_config_fail_on(const pf_config *self)
{
  return self->fail_on;
}

bool pf_config_set_rule(pf_config *self, const char *id, bool enabled,
                        int severity)
{
  for (size_t i = 0; i < pf_rule_count(); i++) {
    if (strcmp(pf_rule_at(i)->id, id) != 0)
      continue;
    if (!enabled)
      self->rule_sev[i] = PF_RULE_OFF;
    else if (severity >= PF_SEV_NOTICE && severity <= PF_SEV_ERROR)
      self->rule_sev[i] = (int8_t)severity;
    else
      self->rule_sev[i] = PF_RULE_SEV_DEFAULT;
    return true;
  }
  return false;
}

void pf_config_set_exact(pf_config *self, bool on)
{
  self->exact = on;
}

void pf_config_set_show_values(pf_config *self, bool on)
{
  self->show_values = on;
}

void pf_config_set_long_xact_s(pf_config *self, uint32_t seconds)
{
  self->long_xact_s = seconds;
}

const char *pf_help_uri_base_problem(const char *base)
{
  const unsigned char *p = (const unsigned char *)base;
  // RFC 3986 scheme: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":".
  if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
    return "not an absolute URI: it must start with a scheme such as "
           "\"https:\"";
  while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
         (*p >= '0' && *p <= '9') || *p == '+' || *p == '-' || *p == '.')
    p++;
  if (*p != ':')
    return "not an absolute URI: it must start with a scheme such as "
           "\"https:\"";
  for (; *p; p++) {
    if (*p == '#')
      return "it has a \"#\": pgpreflight appends \"#\" and the rule id "
             "itself";
    if (*p <= 0x20 || *p >= 0x7f || strchr("\"<>\\^`{|}", *p))
      return "it has a character a URI cannot hold (a space, a control or "
             "non-ASCII byte, or one of \" < > \\ ^ ` { | }): "
             "percent-encode it";
  }
  return NULL;
}

void pf_config_set_help_uri_base(pf_config *self, const char *base)
{
  free(self->help_uri_base);
  self->help_uri_base = base && *base ? pf_xstrdup(base) : NULL;
}

const char *pf_config_help_uri_base(const pf_config *self)
{
  return self->help_uri_base;
}

int pf_pg_version_parse(const char *text)
{
  if (!text)
    return 0;
  // Up to three dot-separated numbers, each of at most six digits.
  long part[3] = {0, 0, 0};
  int n = 0;
  const char *p = text;
  while (n < 3) {
    if (*p < '0' || *p > '9')
      return 0;
    long v = 0;
    int digits = 0;
    while (*p >= '0' && *p <= '9' && digits < 7) {
      v = v * 10 + (*p++ - '0');
      digits++;
    }
    if (digits > 6)
      return 0;
    part[n++] = v;
    if (*p != '.')
      break;
    p++;
  }
  if (*p)
    return 0;
  if (n == 1 && part[0] >= 1000) { // server_version_num: 90624, 150004
    long v = part[0];
    if (v >= 90000 && v < 100000 && (v / 100) % 100 <= 6)
      return (int)v;
    if (v >= 100000 && v < 1000000 && v % 10000 <= 99)
      return (int)v;
    return 0;
  }
  if (part[0] == 9) { // 9.x.y: major 9.x, minor y
    if (n < 2 || part[1] > 6 || part[2] > 99)
      return 0;
    return (int)(90000 + part[1] * 100 + part[2]);
  }
  // 10 and later: major.minor (a third part is not a version there).
  if (part[0] < 10 || part[0] > 99 || n > 2 || part[1] > 99)
    return 0;
  return (int)(part[0] * 10000 + part[1]);
}

void pf_config_set_pg_version(pf_config *self, int version_num)
{
  self->pg_version = version_num;
}

void pf_config_set_migration_role(pf_config *self, const char *role)
{
  free(self->migration_role);
  self->migration_role = role && *role ? pf_xstrdup(role) : NULL;
}
