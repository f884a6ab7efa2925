/* Configuration defaults and setters. */
/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <stdlib.h>

pf_config *pf_config_new(void)
{
  pf_config *self = pf_xcalloc(1, sizeof(*self));
  self->db_budget_ms = 10000;
  return self;
}

void pf_config_free(pf_config *self)
{
  if (!self)
    return;
  for (uint32_t i = 0; i < self->migrations.len; i++)
    free(self->migrations.items[i]);
  pf_vec_clear(&self->migrations);
  for (uint32_t i = 0; i < self->code_paths.len; i++)
    free(self->code_paths.items[i]);
  pf_vec_clear(&self->code_paths);
  free(self->db);
  free(self);
}

void pf_config_add_migration(pf_config *self, const char *path)
{
  pf_vec_push(&self->migrations, pf_xstrdup(path));
}

void pf_config_add_code_path(pf_config *self, const char *path)
{
  pf_vec_push(&self->code_paths, pf_xstrdup(path));
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

void pf_config_set_show_low(pf_config *self, bool show)
{
  self->show_low = show;
}

void pf_config_set_assume_in_transaction(pf_config *self, bool on)
{
  self->assume_txn = on;
}

void pf_config_set_exact(pf_config *self, bool on)
{
  self->exact = on;
}

void pf_config_set_show_values(pf_config *self, bool on)
{
  self->show_values = on;
}
