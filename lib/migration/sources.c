/* Migration sources: files, directories of .sql files, standard input. */
/* SPDX-License-Identifier: MIT */
#include "model.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int cmp_str(const void *a, const void *b)
{
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static bool has_suffix(const char *s, const char *suffix)
{
  size_t n = strlen(s), k = strlen(suffix);
  return n >= k && strcmp(s + n - k, suffix) == 0;
}

pf_code pf__migration_expand(const char *const *paths, size_t npaths,
                             char ***files, size_t *nfiles, pf_error *err)
{
  PF_VEC(char *) out;
  pf_vec_init(&out);
  static const pf_span none = {0, 0};
  for (size_t i = 0; i < npaths; i++) {
    const char *p = paths[i];
    struct stat st;
    if (strcmp(p, "-") == 0) {
      pf_vec_push(&out, pf_xstrdup(p));
      continue;
    }
    if (stat(p, &st) != 0) {
      pf_error_set(err, PF_IO, NULL, none, "%s: %s", p, strerror(errno));
      goto fail;
    }
    if (!S_ISDIR(st.st_mode)) {
      pf_vec_push(&out, pf_xstrdup(p));
      continue;
    }
    DIR *d = opendir(p);
    if (!d) {
      pf_error_set(err, PF_IO, NULL, none, "%s: %s", p, strerror(errno));
      goto fail;
    }
    uint32_t first = out.len;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
      if (e->d_name[0] == '.' || !has_suffix(e->d_name, ".sql"))
        continue;
      pf_buf b = PF_BUF_INIT;
      pf_buf_printf(&b, "%s%s%s", p, has_suffix(p, "/") ? "" : "/", e->d_name);
      pf_vec_push(&out, pf_buf_detach(&b));
    }
    closedir(d);
    // Plain SQL directories apply in name order (0001_x.sql, 0002_y.sql).
    if (out.len > first)
      pf_sort(out.items + first, out.len - first, sizeof(char *), cmp_str);
  }
  *files = out.items;
  *nfiles = out.len;
  return PF_OK;
fail:
  for (uint32_t i = 0; i < out.len; i++)
    free(out.items[i]);
  free(out.items);
  *files = NULL;
  *nfiles = 0;
  return err ? err->code : PF_IO;
}
