/* The check pipeline: evaluating files as they load changes nothing. */
/* SPDX-License-Identifier: MIT */
#include "test.h"

#include <dirent.h>
#include <sys/stat.h>

#include "config/config.h"
#include "pgpreflight.h"

typedef PF_VEC(char *) paths;

// Every *.sql file under @dir, sorted by the walk's order (readdir order is
// fine: both runs get the same list).
static void sql_files(const char *dir, paths *out)
{
  DIR *d = opendir(dir);
  ASSERT(d);
  struct dirent *e;
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.')
      continue;
    char path[4096];
    snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
    struct stat st;
    if (lstat(path, &st) != 0)
      continue;
    size_t n = strlen(e->d_name);
    if (S_ISDIR(st.st_mode))
      sql_files(path, out);
    else if (S_ISREG(st.st_mode) && n > 4 && !strcmp(e->d_name + n - 4, ".sql"))
      pf_vec_push(out, strdup(path));
  }
  closedir(d);
}

static char *render(const paths *files, bool load_all_first, uint32_t jobs,
                    pf_format fmt)
{
  pf_config *cfg = pf_config_new();
  for (uint32_t i = 0; i < files->len; i++)
    pf_config_add_migration(cfg, files->items[i]);
  pf_config_set_jobs(cfg, jobs);
  cfg->load_all_first = load_all_first;
  pf_report *r = NULL;
  pf_error err;
  pf_error_clear(&err);
  pf_check_run(cfg, &r, &err);
  ASSERT(r);
  pf_render_opts opts;
  memset(&opts, 0, sizeof(opts));
  opts.detail = PF_DETAIL_VERBOSE;
  char *text = NULL;
  size_t len = 0;
  ASSERT(pf_report_render(r, fmt, &opts, &text, &len, &err) == PF_OK);
  pf_report_free(r);
  pf_config_free(cfg);
  return text;
}

// Every SQL file of the golden cases and the hostile corpus in one run
// (findings, input errors, psql notes and suppression warnings from many
// files): the report evaluated as files load equals the one evaluated after
// all loaded, in text and JSON, on one thread and on four.
TEST(check_evaluate_as_loaded_same_report)
{
  paths files = {NULL, 0, 0};
  sql_files(PF_SOURCE_DIR "/testdata/cases", &files);
  sql_files(PF_SOURCE_DIR "/testdata/hostile", &files);
  ASSERT(files.len > 300);
  static const pf_format fmts[] = {PF_FORMAT_TEXT, PF_FORMAT_JSON};
  for (size_t f = 0; f < 2; f++) {
    char *want = render(&files, true, 1, fmts[f]);
    for (uint32_t jobs = 1; jobs <= 4; jobs += 3) {
      char *got = render(&files, false, jobs, fmts[f]);
      if (strcmp(want, got) != 0) {
        size_t i = 0;
        while (want[i] && want[i] == got[i])
          i++;
        PF_TEST_FAIL("format %d, %u jobs: reports differ at byte %zu:\n"
                     "%.200s\n---\n%.200s",
                     (int)fmts[f], jobs, i, want + (i > 80 ? i - 80 : 0),
                     got + (i > 80 ? i - 80 : 0));
      }
      pf_free(got);
    }
    pf_free(want);
  }
  for (uint32_t i = 0; i < files.len; i++)
    free(files.items[i]);
  pf_vec_clear(&files);
}
