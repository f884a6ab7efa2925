/* Directory walker: which files of the codebase get scanned, in what order. */
/* SPDX-License-Identifier: MIT */
#include "scan.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void pf__warn(pf__strvec *warnings, const char *path, const char *fmt, ...)
{
  pf_buf b = PF_BUF_INIT;
  pf_buf_printf(&b, "%s: ", path);
  va_list ap;
  va_start(ap, fmt);
  pf_buf_vprintf(&b, fmt, ap);
  va_end(ap);
  pf_vec_push(warnings, pf_buf_detach(&b));
}

static bool ends_with(const char *s, const char *suffix)
{
  size_t n = strlen(s), m = strlen(suffix);
  return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

pf__lang pf__lang_of_path(const char *path)
{
  static const struct {
    const char *ext;
    pf__lang lang;
  } exts[] = {
      {".py", PF__LANG_PYTHON},      {".js", PF__LANG_JAVASCRIPT},
      {".mjs", PF__LANG_JAVASCRIPT}, {".cjs", PF__LANG_JAVASCRIPT},
      {".jsx", PF__LANG_JAVASCRIPT}, {".ts", PF__LANG_TYPESCRIPT},
      {".mts", PF__LANG_TYPESCRIPT}, {".cts", PF__LANG_TYPESCRIPT},
      {".tsx", PF__LANG_TSX},        {".go", PF__LANG_GO},
      {".rb", PF__LANG_RUBY},        {".java", PF__LANG_JAVA},
      {".sql", PF__LANG_SQL},        {".php", PF__LANG_PHP},
      {".cs", PF__LANG_CSHARP},      {".prisma", PF__LANG_PRISMA},
  };
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  // Minified bundles are generated code, not the application.
  if (ends_with(base, ".min.js") || ends_with(base, ".min.mjs") ||
      ends_with(base, ".min.cjs"))
    return PF__LANG_NONE;
  if (ends_with(base, ".d.ts"))
    return PF__LANG_NONE;
  for (size_t i = 0; i < sizeof(exts) / sizeof(exts[0]); i++) {
    if (ends_with(base, exts[i].ext))
      return exts[i].lang;
  }
  return PF__LANG_NONE;
}

static bool skipped_dir(const char *name)
{
  static const char *const names[] = {
      ".git", "node_modules", "vendor", "dist",        "build",
      ".hg",  ".svn",         ".venv",  "__pycache__",
  };
  for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
    if (strcmp(name, names[i]) == 0)
      return true;
  }
  return false;
}

typedef struct dev_ino {
  dev_t dev;
  ino_t ino;
} dev_ino;

typedef struct walker {
  pf__filevec *files;
  pf__strvec *warnings;
  PF_VEC(dev_ino) stack;   // directories being walked (ancestors)
  PF_VEC(dev_ino) visited; // every directory walked so far
} walker;

static bool dev_ino_in(const dev_ino *v, uint32_t n, const struct stat *st)
{
  for (uint32_t i = 0; i < n; i++) {
    if (v[i].dev == st->st_dev && v[i].ino == st->st_ino)
      return true;
  }
  return false;
}

static void add_file(walker *w, const char *path, pf__lang lang)
{
  pf__file f;
  memset(&f, 0, sizeof(f));
  f.path = pf_xstrdup(path);
  f.lang = lang;
  pf_vec_push(w->files, f);
}

static int cmp_names(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

// Depth-limited so that a deep tree cannot exhaust the stack.
#define MAX_DEPTH 256

static void walk_dir(walker *w, const char *path, const struct stat *st,
                     bool via_link, int depth)
{
  if (dev_ino_in(w->stack.items, w->stack.len, st)) {
    pf__warn(w->warnings, path, "skipped symlink loop");
    return;
  }
  // Only a symlink can lead to a directory a second time.
  if (via_link && dev_ino_in(w->visited.items, w->visited.len, st)) {
    pf__warn(w->warnings, path, "skipped directory already scanned");
    return;
  }
  if (depth > MAX_DEPTH) {
    pf__warn(w->warnings, path, "skipped: directories nested too deep");
    return;
  }
  DIR *d = opendir(path);
  if (!d) {
    pf__warn(w->warnings, path, "cannot open directory: %s", strerror(errno));
    return;
  }
  dev_ino di = {st->st_dev, st->st_ino};
  pf_vec_push(&w->stack, di);
  pf_vec_push(&w->visited, di);

  PF_VEC(char *) names;
  pf_vec_init(&names);
  struct dirent *e;
  errno = 0;
  while ((e = readdir(d)) != NULL) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
      continue;
    pf_vec_push(&names, pf_xstrdup(e->d_name));
  }
  if (errno)
    pf__warn(w->warnings, path, "cannot read directory: %s", strerror(errno));
  closedir(d);
  if (names.len)
    pf_sort(names.items, names.len, sizeof(char *), cmp_names);

  pf_buf child = PF_BUF_INIT;
  for (uint32_t i = 0; i < names.len; i++) {
    const char *name = names.items[i];
    pf_buf_reset(&child);
    if (strcmp(path, "/") == 0 || ends_with(path, "/"))
      pf_buf_printf(&child, "%s%s", path, name);
    else
      pf_buf_printf(&child, "%s/%s", path, name);
    struct stat cst, lst;
    if (lstat(child.data, &lst) != 0) {
      pf__warn(w->warnings, child.data, "cannot stat: %s", strerror(errno));
      continue;
    }
    if (stat(child.data, &cst) != 0) {
      if (errno == ELOOP)
        pf__warn(w->warnings, child.data, "skipped symlink loop");
      else if (S_ISLNK(lst.st_mode))
        pf__warn(w->warnings, child.data, "skipped dangling symlink");
      else
        pf__warn(w->warnings, child.data, "cannot stat: %s", strerror(errno));
      continue;
    }
    if (S_ISDIR(cst.st_mode)) {
      if (!skipped_dir(name))
        walk_dir(w, child.data, &cst, S_ISLNK(lst.st_mode), depth + 1);
      continue;
    }
    pf__lang lang = pf__lang_of_path(name);
    if (lang == PF__LANG_NONE)
      continue;
    if (!S_ISREG(cst.st_mode)) {
      pf__warn(w->warnings, child.data, "skipped: not a regular file");
      continue;
    }
    add_file(w, child.data, lang);
  }
  pf_buf_clear(&child);
  for (uint32_t i = 0; i < names.len; i++)
    free(names.items[i]);
  pf_vec_clear(&names);
  w->stack.len--;
}

bool pf__walk_path(const char *path, pf__filevec *files, pf__strvec *warnings)
{
  struct stat st;
  if (stat(path, &st) != 0) {
    pf__warn(warnings, path, "cannot scan: %s", strerror(errno));
    return false;
  }
  walker w;
  w.files = files;
  w.warnings = warnings;
  pf_vec_init(&w.stack);
  pf_vec_init(&w.visited);
  if (S_ISDIR(st.st_mode)) {
    walk_dir(&w, path, &st, false, 0);
  } else {
    // A file named explicitly is scanned whatever its extension says, as
    // long as we know its language.
    pf__lang lang = pf__lang_of_path(path);
    if (lang == PF__LANG_NONE)
      pf__warn(warnings, path, "skipped: unknown language");
    else if (!S_ISREG(st.st_mode))
      pf__warn(warnings, path, "skipped: not a regular file");
    else
      add_file(&w, path, lang);
  }
  pf_vec_clear(&w.stack);
  pf_vec_clear(&w.visited);
  return true;
}
