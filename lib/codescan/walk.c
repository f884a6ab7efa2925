/* Directory walker: which files of the codebase get scanned, in what order. */
/* SPDX-License-Identifier: MIT */
// d_type (DT_DIR, ...) saves a stat per entry; realpath finds the work tree.
// Both are outside POSIX.1-2008's base, so this file asks for glibc's
// default feature set before any header.
#define _DEFAULT_SOURCE 1
#include "scan.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ignore.h"

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

// Directories that hold dependencies, build output or tool state rather
// than the application: never descended into (counted as "excluded").
static bool excluded_dir(const char *name)
{
  static const char *const names[] = {
      ".git",
      ".hg",
      ".svn",
      "node_modules",
      "bower_components",
      "vendor",
      "dist",
      "build",
      "target",
      "__pycache__",
      ".venv",
      "venv",
      ".tox",
      ".nox",
      ".mypy_cache",
      ".pytest_cache",
      ".ruff_cache",
      ".next",
      ".nuxt",
      ".gradle",
      ".idea",
      ".terraform",
      "coverage",
  };
  for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
    if (strcmp(name, names[i]) == 0)
      return true;
  }
  return false;
}

// Minified bundles are generated code, not the application.
static bool minified(const char *name)
{
  return ends_with(name, ".min.js") || ends_with(name, ".min.mjs") ||
         ends_with(name, ".min.cjs");
}

typedef struct dev_ino {
  dev_t dev;
  ino_t ino;
} dev_ino;

typedef struct walker {
  pf__filevec *files;
  pf__strvec *warnings;
  uint64_t *skipped;
  PF_VEC(dev_ino) stack;   // directories being walked (ancestors)
  PF_VEC(dev_ino) visited; // every directory walked so far
  // .gitignore files in force, outermost first, then .git/info/exclude
  // (which loses to all of them).
  PF_VEC(pf__ignore_file) ignores;
  pf__ignore_file exclude;
  bool has_exclude;
  // core.excludesFile (or its default), which loses to info/exclude.
  pf__ignore_file global;
  bool has_global;
  pf_buf rel; // the path relative to the top of the repository
} walker;

static bool dev_ino_in(const dev_ino *v, uint32_t n, dev_t dev, ino_t ino)
{
  for (uint32_t i = 0; i < n; i++) {
    if (v[i].dev == dev && v[i].ino == ino)
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
  f.skip = -1;
  pf_vec_push(w->files, f);
}

static void skip(walker *w, pf_skip_reason why)
{
  w->skipped[why]++;
}

typedef struct entry {
  char *name;
  unsigned char type; // d_type
} entry;

static int cmp_entries(const void *a, const void *b)
{
  return strcmp(((const entry *)a)->name, ((const entry *)b)->name);
}

// Whether the entry at w->rel is ignored: the deepest .gitignore with a
// matching pattern decides, then .git/info/exclude (git's precedence).
static bool ignored(const walker *w, bool is_dir)
{
  const char *rel = w->rel.data;
  for (uint32_t i = w->ignores.len; i-- > 0;) {
    int m = pf__ignore_match(&w->ignores.items[i], rel, is_dir);
    if (m >= 0)
      return m == 1;
  }
  if (w->has_exclude) {
    int m = pf__ignore_match(&w->exclude, rel, is_dir);
    if (m >= 0)
      return m == 1;
  }
  return w->has_global && pf__ignore_match(&w->global, rel, is_dir) == 1;
}

// Reads a small text file whole (a .gitignore); NULL when it cannot be read.
// Caller frees.
static char *slurp(const char *path, size_t *len)
{
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0)
    return NULL;
  struct stat st;
  // A .gitignore is small; a huge or special one is not worth honouring.
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > (1 << 22)) {
    close(fd);
    return NULL;
  }
  char *buf = pf_xmalloc((size_t)st.st_size + 1);
  size_t n = 0;
  while (n < (size_t)st.st_size) {
    ssize_t r = read(fd, buf + n, (size_t)st.st_size - n);
    if (r < 0 && errno == EINTR)
      continue;
    if (r <= 0)
      break;
    n += (size_t)r;
  }
  close(fd);
  buf[n] = '\0';
  *len = n;
  return buf;
}

// Loads the ignore file at @path with patterns relative to @base; returns
// whether one was pushed onto w->ignores.
static bool push_ignore(walker *w, const char *path, const char *base)
{
  size_t len;
  char *text = slurp(path, &len);
  if (!text)
    return false;
  pf__ignore_file f;
  pf__ignore_parse(&f, base, text, len);
  free(text);
  pf_vec_push(&w->ignores, f);
  return true;
}

// Depth-limited so that a deep tree cannot exhaust the stack.
#define MAX_DEPTH 256

static void walk_dir(walker *w, const char *path, dev_t dev, ino_t ino,
                     bool via_link, int depth);

// Looks at one directory entry @name of @dir (its d_type @type).
static void walk_entry(walker *w, const char *dir, const char *name,
                       unsigned char type, pf_buf *child, int depth)
{
  // Joined by hand: vsnprintf cost half the walk's instructions.
  pf_buf_reset(child);
  pf_buf_puts(child, dir);
  if (!ends_with(dir, "/"))
    pf_buf_putc(child, '/');
  pf_buf_puts(child, name);
  struct stat lst;
  if (type == DT_UNKNOWN) {
    if (lstat(child->data, &lst) != 0) {
      pf__warn(w->warnings, child->data, "cannot stat: %s", strerror(errno));
      skip(w, PF_SKIP_UNREADABLE);
      return;
    }
    type = S_ISDIR(lst.st_mode)   ? DT_DIR
           : S_ISREG(lst.st_mode) ? DT_REG
           : S_ISLNK(lst.st_mode) ? DT_LNK
                                  : DT_FIFO;
  }
  // Only directories and links to code files or directories matter; the
  // extension is known before any system call.
  bool is_dir = type == DT_DIR;
  pf__lang lang = PF__LANG_NONE;
  if (!is_dir && type != DT_LNK) {
    lang = pf__lang_of_path(name);
    if (lang == PF__LANG_NONE && !minified(name))
      return;
  }
  if (is_dir && excluded_dir(name)) {
    skip(w, PF_SKIP_EXCLUDED);
    return;
  }
  size_t rel_len = w->rel.len;
  pf_buf_puts(&w->rel, name);
  // git does not follow symlinks: a link is matched as a file.
  bool ign = ignored(w, is_dir);
  if (ign) {
    skip(w, PF_SKIP_IGNORED);
  } else if (is_dir) {
    pf_buf_putc(&w->rel, '/');
    walk_dir(w, child->data, 0, 0, false, depth + 1);
  } else if (type == DT_LNK) {
    struct stat st;
    if (stat(child->data, &st) != 0) {
      if (errno == ELOOP)
        pf__warn(w->warnings, child->data, "skipped symlink loop");
      else if (errno == ENOENT)
        pf__warn(w->warnings, child->data, "skipped dangling symlink");
      else
        pf__warn(w->warnings, child->data, "cannot stat: %s", strerror(errno));
      skip(w, errno == ELOOP || errno == ENOENT ? PF_SKIP_LINK
                                                : PF_SKIP_UNREADABLE);
    } else if (S_ISDIR(st.st_mode)) {
      if (excluded_dir(name))
        skip(w, PF_SKIP_EXCLUDED);
      else {
        pf_buf_putc(&w->rel, '/');
        walk_dir(w, child->data, st.st_dev, st.st_ino, true, depth + 1);
      }
    } else if (minified(name)) {
      skip(w, PF_SKIP_GENERATED);
    } else if ((lang = pf__lang_of_path(name)) == PF__LANG_NONE) {
      // not code
    } else if (!S_ISREG(st.st_mode)) {
      pf__warn(w->warnings, child->data, "skipped: not a regular file");
      skip(w, PF_SKIP_SPECIAL);
    } else {
      add_file(w, child->data, lang);
    }
  } else if (minified(name)) {
    skip(w, PF_SKIP_GENERATED);
  } else if (type != DT_REG) {
    pf__warn(w->warnings, child->data, "skipped: not a regular file");
    skip(w, PF_SKIP_SPECIAL);
  } else {
    add_file(w, child->data, lang);
  }
  w->rel.len = rel_len;
  w->rel.data[rel_len] = '\0';
}

/*
 * Walks the directory @path, whose relative path (with a final "/" unless
 * it is the top) is in w->rel. @dev/@ino are known when it was reached
 * through a symlink (@via_link), else read from the open directory.
 * Entries are visited in byte order of their names, so the walk is
 * deterministic.
 */
static void walk_dir(walker *w, const char *path, dev_t dev, ino_t ino,
                     bool via_link, int depth)
{
  if (depth > MAX_DEPTH) {
    pf__warn(w->warnings, path, "skipped: directories nested too deep");
    skip(w, PF_SKIP_TOO_DEEP);
    return;
  }
  int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  struct stat st;
  if (fd >= 0 && !via_link && fstat(fd, &st) == 0) {
    dev = st.st_dev;
    ino = st.st_ino;
  }
  if (fd >= 0 && dev_ino_in(w->stack.items, w->stack.len, dev, ino)) {
    pf__warn(w->warnings, path, "skipped symlink loop");
    skip(w, PF_SKIP_LINK);
    close(fd);
    return;
  }
  // Only a symlink can lead to a directory a second time.
  if (fd >= 0 && via_link &&
      dev_ino_in(w->visited.items, w->visited.len, dev, ino)) {
    pf__warn(w->warnings, path, "skipped directory already scanned");
    skip(w, PF_SKIP_LINK);
    close(fd);
    return;
  }
  DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
  if (!d) {
    pf__warn(w->warnings, path, "cannot open directory: %s", strerror(errno));
    skip(w, PF_SKIP_UNREADABLE);
    if (fd >= 0)
      close(fd);
    return;
  }
  dev_ino di = {dev, ino};
  pf_vec_push(&w->stack, di);
  pf_vec_push(&w->visited, di);

  PF_VEC(entry) names;
  pf_vec_init(&names);
  bool has_gitignore = false;
  struct dirent *e;
  errno = 0;
  while ((e = readdir(d)) != NULL) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
      continue;
    if (strcmp(e->d_name, ".gitignore") == 0)
      has_gitignore = true;
    entry en = {pf_xstrdup(e->d_name), e->d_type};
    pf_vec_push(&names, en);
  }
  if (errno) {
    pf__warn(w->warnings, path, "cannot read directory: %s", strerror(errno));
    skip(w, PF_SKIP_UNREADABLE);
  }
  closedir(d);
  if (names.len)
    pf_sort(names.items, names.len, sizeof(entry), cmp_entries);

  pf_buf child = PF_BUF_INIT;
  size_t rel_len = w->rel.len;
  bool pushed = false;
  if (has_gitignore) {
    pf_buf_reset(&child);
    pf_buf_printf(&child, "%s/.gitignore", path);
    pushed = push_ignore(w, child.data, w->rel.data ? w->rel.data : "");
  }
  for (uint32_t i = 0; i < names.len; i++) {
    walk_entry(w, path, names.items[i].name, names.items[i].type, &child,
               depth);
    // walk_dir below appends "name/" to w->rel; restore it.
    w->rel.len = rel_len;
    if (w->rel.data)
      w->rel.data[rel_len] = '\0';
  }
  if (pushed) {
    pf__ignore_clear(pf_vec_last(&w->ignores));
    w->ignores.len--;
  }
  pf_buf_clear(&child);
  for (uint32_t i = 0; i < names.len; i++)
    free(names.items[i].name);
  pf_vec_clear(&names);
  w->stack.len--;
}

// Whether @dir holds a ".git" (a directory, or a file for a worktree).
static bool is_repo_top(const char *dir, pf_buf *tmp)
{
  struct stat st;
  pf_buf_reset(tmp);
  pf_buf_printf(tmp, "%s%s.git", dir, ends_with(dir, "/") ? "" : "/");
  return lstat(tmp->data, &st) == 0;
}

// The first line of the small file @path without its newline, or NULL.
// Caller frees.
static char *first_line(const char *path)
{
  size_t len;
  char *text = slurp(path, &len);
  if (!text)
    return NULL;
  text[strcspn(text, "\r\n")] = '\0';
  return text;
}

// @path if absolute, else @dir/@path. Caller frees.
static char *resolve(const char *dir, const char *path)
{
  if (path[0] == '/')
    return pf_xstrdup(path);
  pf_buf b = PF_BUF_INIT;
  pf_buf_printf(&b, "%s/%s", dir, path);
  return pf_buf_detach(&b);
}

/*
 * The directory that holds info/exclude for the work tree at @top: @top/.git
 * itself, or for a linked worktree or a submodule (whose .git is a file
 * "gitdir: X") the common directory of X (X/commondir names it), else X.
 * Caller frees.
 */
static char *git_dir_of(const char *top)
{
  pf_buf b = PF_BUF_INIT;
  pf_buf_printf(&b, "%s/.git", top);
  struct stat st;
  if (lstat(b.data, &st) != 0 || !S_ISREG(st.st_mode))
    return pf_buf_detach(&b);
  char *line = first_line(b.data);
  pf_buf_clear(&b);
  if (!line || strncmp(line, "gitdir: ", 8) != 0) {
    free(line);
    pf_buf_printf(&b, "%s/.git", top);
    return pf_buf_detach(&b);
  }
  char *gitdir = resolve(top, line + 8);
  free(line);
  pf_buf_printf(&b, "%s/commondir", gitdir);
  char *common = first_line(b.data);
  pf_buf_clear(&b);
  if (!common || !*common) {
    free(common);
    return gitdir;
  }
  char *dir = resolve(gitdir, common);
  free(common);
  free(gitdir);
  return dir;
}

/* Section - core.excludesFile */

// @s with leading and trailing blanks removed, in place.
static char *trim(char *s)
{
  while (*s == ' ' || *s == '\t')
    s++;
  size_t n = strlen(s);
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
    s[--n] = '\0';
  return s;
}

// A git config value: quotes removed, "\\" "\"" "\t" "\n" unescaped, a
// "#" or ";" outside quotes starts a comment. Caller frees.
static char *config_value(const char *v)
{
  pf_buf b = PF_BUF_INIT;
  bool quoted = false;
  size_t keep = 0; // length without trailing blanks outside quotes
  for (const char *p = v; *p; p++) {
    if (*p == '"') {
      quoted = !quoted;
      keep = b.len;
      continue;
    }
    if (!quoted && (*p == '#' || *p == ';'))
      break;
    if (*p == '\\' && p[1]) {
      p++;
      pf_buf_putc(&b, *p == 't' ? '\t' : *p == 'n' ? '\n' : *p);
      keep = b.len;
      continue;
    }
    pf_buf_putc(&b, *p);
    if (quoted || (*p != ' ' && *p != '\t'))
      keep = b.len;
  }
  pf_buf_putc(&b, '\0');
  b.data[keep] = '\0';
  return pf_buf_detach(&b);
}

// Updates *value with every core.excludesFile of the git config file
// @path (the last one wins, as with git). [include] is not followed.
static void read_git_config(const char *path, char **value)
{
  size_t len;
  char *text = slurp(path, &len);
  if (!text)
    return;
  bool core = false;
  for (char *line = text; line && *line;) {
    char *nl = strchr(line, '\n');
    if (nl)
      *nl = '\0';
    char *l = trim(line);
    if (*l == '[') {
      // [core], [Core]; "[core.x]" or [core "x"] are other sections.
      char *end = strchr(l, ']');
      core = end && end - l == 5 && strncasecmp(l + 1, "core", 4) == 0;
    } else if (core && *l && *l != '#' && *l != ';') {
      char *eq = strchr(l, '=');
      if (eq) {
        *eq = '\0';
        if (strcasecmp(trim(l), "excludesfile") == 0) {
          free(*value);
          *value = config_value(trim(eq + 1));
        }
      }
    }
    line = nl ? nl + 1 : NULL;
  }
  free(text);
}

// The path of the user's ignore file as git finds it: core.excludesFile
// from the system, global and repository (@gitdir) config, else
// $XDG_CONFIG_HOME/git/ignore (~/.config/git/ignore when unset). "~/" is
// the home directory. Caller frees; NULL when there is none.
static char *excludes_file(const char *gitdir)
{
  const char *home = getenv("HOME");
  const char *xdg = getenv("XDG_CONFIG_HOME");
  char *value = NULL;
  pf_buf b = PF_BUF_INIT;
  const char *nosys = getenv("GIT_CONFIG_NOSYSTEM");
  if (!nosys || !*nosys || strcmp(nosys, "0") == 0 ||
      strcasecmp(nosys, "false") == 0)
    read_git_config("/etc/gitconfig", &value);
  const char *global = getenv("GIT_CONFIG_GLOBAL");
  if (global) {
    read_git_config(global, &value);
  } else {
    if (xdg && *xdg)
      pf_buf_printf(&b, "%s/git/config", xdg);
    else if (home)
      pf_buf_printf(&b, "%s/.config/git/config", home);
    if (b.len)
      read_git_config(b.data, &value);
    if (home) {
      pf_buf_reset(&b);
      pf_buf_printf(&b, "%s/.gitconfig", home);
      read_git_config(b.data, &value);
    }
  }
  pf_buf_reset(&b);
  pf_buf_printf(&b, "%s/config", gitdir);
  read_git_config(b.data, &value);
  pf_buf_reset(&b);
  if (value && *value) {
    if (value[0] == '~' && value[1] == '/' && home)
      pf_buf_printf(&b, "%s%s", home, value + 1);
    else
      pf_buf_puts(&b, value);
  } else if (!value) {
    if (xdg && *xdg)
      pf_buf_printf(&b, "%s/git/ignore", xdg);
    else if (home)
      pf_buf_printf(&b, "%s/.config/git/ignore", home);
  }
  free(value);
  if (!b.len) {
    pf_buf_clear(&b);
    return NULL;
  }
  return pf_buf_detach(&b);
}

/*
 * Sets up the ignore files that apply to the directory @root before its own
 * .gitignore: when @root is inside a git work tree, .git/info/exclude of
 * that tree and the .gitignore of each directory from the top down to
 * @root's parent; w->rel becomes @root's path relative to the top. Outside
 * a repository the top is @root itself.
 */
static void load_outer_ignores(walker *w, const char *root)
{
  char *real = realpath(root, NULL);
  if (!real)
    return;
  pf_buf tmp = PF_BUF_INIT;
  char *top = pf_xstrdup(real);
  bool found = false;
  for (;;) {
    if (is_repo_top(top, &tmp)) {
      found = true;
      break;
    }
    char *slash = strrchr(top, '/');
    if (!slash || slash == top)
      break;
    *slash = '\0';
  }
  if (!found) {
    free(top);
    top = pf_xstrdup(real);
  }
  char *gitdir = git_dir_of(top);
  pf_buf_reset(&tmp);
  pf_buf_printf(&tmp, "%s/info/exclude", gitdir);
  size_t len;
  char *text = slurp(tmp.data, &len);
  if (text) {
    pf__ignore_parse(&w->exclude, "", text, len);
    w->has_exclude = true;
    free(text);
  }
  // The user's ignore file applies inside a work tree only, as in git.
  char *xf = found ? excludes_file(gitdir) : NULL;
  text = xf ? slurp(xf, &len) : NULL;
  if (text) {
    pf__ignore_parse(&w->global, "", text, len);
    w->has_global = true;
    free(text);
  }
  free(xf);
  free(gitdir);
  // The relative path of root, then each ancestor's .gitignore.
  size_t tlen = strlen(top);
  const char *sub = real + tlen;
  if (*sub == '/')
    sub++;
  if (found && *sub) {
    pf_buf_puts(&w->rel, sub);
    pf_buf_putc(&w->rel, '/');
    for (size_t i = 0;; i++) {
      // w->rel[0..i) is a directory above root (i == 0: the top).
      if (i == 0 || w->rel.data[i - 1] == '/') {
        char *base = pf_xstrndup(w->rel.data, i);
        pf_buf_reset(&tmp);
        pf_buf_printf(&tmp, "%s/%s.gitignore", top, base);
        push_ignore(w, tmp.data, base);
        free(base);
      }
      if (i + 1 >= w->rel.len)
        break;
    }
  }
  pf_buf_clear(&tmp);
  free(top);
  free(real);
}

bool pf__walk_path(const char *path, pf__filevec *files, pf__strvec *warnings,
                   uint64_t *skipped)
{
  struct stat st;
  if (stat(path, &st) != 0) {
    pf__warn(warnings, path, "cannot scan: %s", strerror(errno));
    return false;
  }
  walker w;
  memset(&w, 0, sizeof(w));
  w.files = files;
  w.warnings = warnings;
  w.skipped = skipped;
  pf_vec_init(&w.stack);
  pf_vec_init(&w.visited);
  pf_vec_init(&w.ignores);
  pf_buf_init(&w.rel);
  if (S_ISDIR(st.st_mode)) {
    load_outer_ignores(&w, path);
    pf_buf_puts(&w.rel, ""); // never NULL from here on
    walk_dir(&w, path, 0, 0, false, 0);
  } else {
    // A file named explicitly is scanned whatever the ignore files say, as
    // long as we know its language.
    pf__lang lang = pf__lang_of_path(path);
    if (lang == PF__LANG_NONE)
      pf__warn(warnings, path, "skipped: unknown language");
    else if (!S_ISREG(st.st_mode)) {
      pf__warn(warnings, path, "skipped: not a regular file");
      skip(&w, PF_SKIP_SPECIAL);
    } else
      add_file(&w, path, lang);
  }
  for (uint32_t i = 0; i < w.ignores.len; i++)
    pf__ignore_clear(&w.ignores.items[i]);
  pf_vec_clear(&w.ignores);
  if (w.has_exclude)
    pf__ignore_clear(&w.exclude);
  if (w.has_global)
    pf__ignore_clear(&w.global);
  pf_buf_clear(&w.rel);
  pf_vec_clear(&w.stack);
  pf_vec_clear(&w.visited);
  return true;
}
