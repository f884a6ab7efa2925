/* Unit tests of the code walk: .gitignore semantics against git itself,
 * default excludes, skip counts, the prefilter, hostile file systems. */
/* SPDX-License-Identifier: MIT */
// setgroups() (dropping root for the permission test) is not in POSIX.
#define _DEFAULT_SOURCE 1
#include "test.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "codescan/codescan.h"
#include "codescan/ignore.h"
#include "codescan/prefilter.h"
#include "codescan/scan.h"

/* Section - Helpers */

static char *tmpdir(void)
{
  char tmpl[] = "/tmp/pf_walk_XXXXXX";
  char *d = mkdtemp(tmpl);
  if (!d)
    PF_TEST_FAIL("mkdtemp: %s", strerror(errno));
  return strdup(d);
}

// Creates @rel under @dir with its parent directories, holding @text.
static void put(const char *dir, const char *rel, const char *text)
{
  char path[2048];
  snprintf(path, sizeof(path), "%s/%s", dir, rel);
  for (char *p = path + strlen(dir) + 1; *p; p++) {
    if (*p == '/') {
      *p = '\0';
      mkdir(path, 0755);
      *p = '/';
    }
  }
  FILE *f = fopen(path, "wb");
  if (!f)
    PF_TEST_FAIL("cannot create %s: %s", path, strerror(errno));
  fputs(text, f);
  fclose(f);
}

static void rm_rf(const char *dir)
{
  char cmd[2048];
  snprintf(cmd, sizeof(cmd), "chmod -R u+rwx '%s' 2>/dev/null; rm -rf '%s'",
           dir, dir);
  if (system(cmd) != 0)
    fprintf(stderr, "warning: could not remove %s\n", dir);
}

typedef PF_VEC(char *) strvec;

static int cmp_str(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void strvec_free(strvec *v)
{
  for (uint32_t i = 0; i < v->len; i++)
    free(v->items[i]);
  pf_vec_clear(v);
}

static bool strvec_has(const strvec *v, const char *s)
{
  for (uint32_t i = 0; i < v->len; i++) {
    if (strcmp(v->items[i], s) == 0)
      return true;
  }
  return false;
}

// The lines printed by @cmd, sorted.
static void lines_of(const char *cmd, strvec *out)
{
  pf_vec_init(out);
  FILE *p = popen(cmd, "r");
  if (!p)
    PF_TEST_FAIL("popen %s: %s", cmd, strerror(errno));
  char line[4096];
  while (fgets(line, sizeof(line), p)) {
    line[strcspn(line, "\n")] = '\0';
    pf_vec_push(out, strdup(line));
  }
  int st = pclose(p);
  if (st == -1 || !WIFEXITED(st) || WEXITSTATUS(st) > 1)
    PF_TEST_FAIL("%s failed (status %d)", cmd, st);
  pf_sort(out->items, out->len, sizeof(char *), cmp_str);
}

// The files the walker returns for @root, relative to @strip, sorted.
static void walked(const char *root, const char *strip, strvec *out,
                   uint64_t *skipped)
{
  pf__filevec files;
  pf_vec_init(&files);
  pf__strvec warnings;
  pf_vec_init(&warnings);
  uint64_t sk[PF_SKIP_COUNT] = {0};
  ASSERT(pf__walk_path(root, &files, &warnings, skipped ? skipped : sk));
  pf_vec_init(out);
  size_t n = strlen(strip);
  for (uint32_t i = 0; i < files.len; i++) {
    const char *p = files.items[i].path;
    if (strncmp(p, strip, n) == 0 && p[n] == '/')
      p += n + 1;
    pf_vec_push(out, strdup(p));
    free(files.items[i].path);
  }
  pf_vec_clear(&files);
  for (uint32_t i = 0; i < warnings.len; i++)
    free(warnings.items[i]);
  pf_vec_clear(&warnings);
  pf_sort(out->items, out->len, sizeof(char *), cmp_str);
}

static void assert_same(const strvec *got, const strvec *want, const char *what)
{
  for (uint32_t i = 0; i < want->len; i++) {
    if (!strvec_has(got, want->items[i]))
      PF_TEST_FAIL("%s: git keeps %s, the walker does not", what,
                   want->items[i]);
  }
  for (uint32_t i = 0; i < got->len; i++) {
    if (!strvec_has(want, got->items[i]))
      PF_TEST_FAIL("%s: the walker keeps %s, git ignores it", what,
                   got->items[i]);
  }
}

/* Section - .gitignore against git */

// Every file of the test tree; all end in .py so the walker looks at them.
static const char *const tree_files[] = {
    "a.py",
    "anchored.py",
    "sub/anchored.py",
    "z.log.py",
    "sub/z.log.py",
    "doc/x.py",
    "doc/sub/y.py",
    "deep/k.py",
    "m/deep/k.py",
    "m/n/deep/k.py",
    "deep/o/k.py",
    "a/b.py",
    "a/q/b.py",
    "a/q/r/b.py",
    "ab/b.py",
    "tmp1/f.py",
    "tmp_keep/f.py",
    "cache/f.py",
    "sub/cache/f.py",
    "notdir.py",
    "ax.py",
    "dx.py",
    "ay.py",
    "dy.py",
    "#hash.py",
    "foo1.py",
    "foo12.py",
    "ign_1.py",
    "ign_keep.py",
    "sub/ign_sub.py",
    "sub/ign_2.py",
    "x/f.py",
    "x/y/f.py",
    "xx/f.py",
    "q.gen.py",
    "keep.gen.py",
    "sub/keep.gen.py",
    "sub/local.py",
    "local.py",
    "sub/only_here.py",
    "sub/t/only_here.py",
    "excluded_by_info.py",
    "info_neg.py",
    "sp ace.py",
    "trail.py",
    "Upper.py",
    "digit7.py",
    "sub/t/u/v.py",
    "lit[.py",
    "star*.py",
    "sub/t/neg/w.py",
    "crlf.py",
    "alpha1.py",
    "1alpha.py",
};

static const char root_gitignore[] = "# a comment, then a blank line\n"
                                     "\n"
                                     "*.log.py\n"
                                     "/anchored.py\n"
                                     "doc/*.py\n"
                                     "**/deep/*.py\n"
                                     "a/**/b.py\n"
                                     "tmp*/\n"
                                     "!tmp_keep/\n"
                                     "cache/\n"
                                     "notdir.py/\n"
                                     "[abc]x.py\n"
                                     "[!a-c]y.py\n"
                                     "\\#hash.py\n"
                                     "foo?.py\n"
                                     "ign_*.py\n"
                                     "!ign_keep.py\n"
                                     "x/**\n"
                                     "*.gen.py\n"
                                     "!/keep.gen.py\n"
                                     "!info_neg.py\n"
                                     "sp\\ ace.py\n"
                                     "trail.py   \n"
                                     "[[:upper:]]*.py\n"
                                     "digit[[:digit:]].py\n"
                                     "lit\\[.py\n"
                                     "star\\*.py\n"
                                     "crlf.py\r\n"
                                     "[[:alpha:]][[:alpha:]]pha*.py\n";

static const char sub_gitignore[] = "!ign_sub.py\n"
                                    "local.py\n"
                                    "/only_here.py\n"
                                    "t/**/v.py\n"
                                    "neg/\n";

static void make_tree(const char *dir)
{
  for (size_t i = 0; i < sizeof(tree_files) / sizeof(tree_files[0]); i++)
    put(dir, tree_files[i], "x = 1\n");
  put(dir, ".gitignore", root_gitignore);
  put(dir, "sub/.gitignore", sub_gitignore);
}

static void git(const char *dir, const char *args)
{
  char cmd[2048];
  snprintf(cmd, sizeof(cmd), "git -C '%s' %s >/dev/null 2>&1", dir, args);
  if (system(cmd) != 0)
    PF_TEST_FAIL("git %s failed (is git installed? tests/deps.sh)", args);
}

// git must read no user or system configuration (core.excludesFile).
static void isolate_git(const char *home)
{
  setenv("HOME", home, 1);
  setenv("XDG_CONFIG_HOME", home, 1);
  setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
}

TEST(walk_gitignore_agrees_with_git)
{
  char *dir = tmpdir();
  isolate_git(dir);
  git(dir, "init -q");
  make_tree(dir);
  put(dir, ".git/info/exclude", "excluded_by_info.py\ninfo_neg.py\n");

  // What git considers: untracked files that are not ignored.
  char cmd[2048];
  strvec want, got, ignored;
  snprintf(cmd, sizeof(cmd),
           "git -C '%s' ls-files --others --exclude-standard | grep '\\.py$'",
           dir);
  lines_of(cmd, &want);
  ASSERT(want.len > 10);
  walked(dir, dir, &got, NULL);
  assert_same(&got, &want, "whole tree");

  // The complement, as git check-ignore reports it, path by path.
  snprintf(cmd, sizeof(cmd),
           "cd '%s' && printf '%%s\\n' * */* */*/* */*/*/* */*/*/*/* | "
           "grep '\\.py$' | git check-ignore --no-index --stdin",
           dir);
  lines_of(cmd, &ignored);
  ASSERT(ignored.len > 20);
  for (uint32_t i = 0; i < ignored.len; i++) {
    if (strvec_has(&got, ignored.items[i]))
      PF_TEST_FAIL("git check-ignore ignores %s, the walker keeps it",
                   ignored.items[i]);
  }
  for (size_t i = 0; i < sizeof(tree_files) / sizeof(tree_files[0]); i++) {
    bool kept = strvec_has(&got, tree_files[i]);
    bool ign = strvec_has(&ignored, tree_files[i]);
    if (kept == ign)
      PF_TEST_FAIL("%s: walker %s it, git check-ignore %s", tree_files[i],
                   kept ? "keeps" : "drops", ign ? "ignores" : "keeps");
  }
  strvec_free(&want);
  strvec_free(&got);
  strvec_free(&ignored);

  // Walking a subdirectory honours the .gitignore files above it.
  char sub[2048];
  snprintf(sub, sizeof(sub), "%s/sub", dir);
  snprintf(cmd, sizeof(cmd),
           "git -C '%s' ls-files --others --exclude-standard sub | "
           "grep '\\.py$' | sed 's,^sub/,,'",
           dir);
  lines_of(cmd, &want);
  walked(sub, sub, &got, NULL);
  ASSERT(want.len > 0);
  assert_same(&got, &want, "subdirectory");
  strvec_free(&want);
  strvec_free(&got);

  rm_rf(dir);
  free(dir);
}

// What git lists as untracked and not ignored under @dir, against the walk.
static void assert_walk_like_git(const char *dir, const char *what)
{
  char cmd[2048];
  strvec want, got;
  snprintf(cmd, sizeof(cmd),
           "git -C '%s' ls-files --others --exclude-standard | grep '\\.py$'",
           dir);
  lines_of(cmd, &want);
  walked(dir, dir, &got, NULL);
  assert_same(&got, &want, what);
  strvec_free(&want);
  strvec_free(&got);
}

// core.excludesFile from the global and the repository config ("~/"
// expanded, the repository's winning), its default
// $XDG_CONFIG_HOME/git/ignore, and its precedence below info/exclude.
TEST(walk_core_excludes_file)
{
  char *dir = tmpdir();
  isolate_git(dir);
  char repo[2048];
  snprintf(repo, sizeof(repo), "%s/repo", dir);
  put(dir, "repo/app.py", "x = 1\n");
  put(dir, "repo/gen_a.py", "x = 1\n");
  put(dir, "repo/sub/gen_b.py", "x = 1\n");
  put(dir, "repo/local_c.py", "x = 1\n");
  put(dir, "repo/xdg_d.py", "x = 1\n");
  put(dir, "repo/keep_gen.py", "x = 1\n");
  git(repo, "init -q");
  put(repo, ".git/info/exclude", "!keep_gen.py\n");

  // The default: $XDG_CONFIG_HOME/git/ignore.
  put(dir, "git/ignore", "xdg_*.py\n");
  assert_walk_like_git(repo, "XDG default");
  strvec got;
  walked(repo, repo, &got, NULL);
  ASSERT(!strvec_has(&got, "xdg_d.py"));
  strvec_free(&got);

  // The global config names another file, with "~/" and quotes.
  put(dir, ".gitconfig",
      "[user]\n\tname = t\n[core]\n\texcludesFile = \"~/my ignore\" ; "
      "comment\n");
  put(dir, "my ignore", "gen_*.py\nkeep_gen.py\n");
  assert_walk_like_git(repo, "global core.excludesFile");
  walked(repo, repo, &got, NULL);
  ASSERT(!strvec_has(&got, "gen_a.py"));
  ASSERT(!strvec_has(&got, "sub/gen_b.py"));
  ASSERT(strvec_has(&got, "xdg_d.py"));
  // info/exclude re-includes what the user's file ignores.
  ASSERT(strvec_has(&got, "keep_gen.py"));
  strvec_free(&got);

  // The repository's config wins over the global one.
  char args[2400];
  snprintf(args, sizeof(args), "config core.excludesFile '%s/local ignore'",
           dir);
  git(repo, args);
  put(dir, "local ignore", "local_*.py\n");
  assert_walk_like_git(repo, "repository core.excludesFile");
  walked(repo, repo, &got, NULL);
  ASSERT(!strvec_has(&got, "local_c.py"));
  ASSERT(strvec_has(&got, "gen_a.py"));
  strvec_free(&got);

  // Outside a work tree the user's file does not apply (nor in git).
  char plain[2048];
  snprintf(plain, sizeof(plain), "%s/plain", dir);
  put(dir, "plain/local_e.py", "x = 1\n");
  put(dir, "plain/xdg_f.py", "x = 1\n");
  walked(plain, plain, &got, NULL);
  ASSERT_EQ(got.len, 2);
  strvec_free(&got);

  rm_rf(dir);
  free(dir);
}

// In a linked worktree .git is a file; info/exclude is the main
// repository's.
TEST(walk_worktree_info_exclude)
{
  char *dir = tmpdir();
  isolate_git(dir);
  char repo[2048], wt[2048];
  snprintf(repo, sizeof(repo), "%s/repo", dir);
  snprintf(wt, sizeof(wt), "%s/wt", dir);
  put(dir, "repo/tracked.py", "x = 1\n");
  git(repo, "init -q");
  git(repo, "add tracked.py");
  git(repo, "-c user.name=t -c user.email=t@t commit -qm init");
  char args[2200];
  snprintf(args, sizeof(args), "worktree add -q '%s'", wt);
  git(repo, args);
  put(repo, ".git/info/exclude", "secret_*.py\n");
  put(wt, "secret_a.py", "x = 1\n");
  put(wt, "public.py", "x = 1\n");
  strvec want, got;
  char cmd[2300];
  snprintf(cmd, sizeof(cmd),
           "git -C '%s' ls-files --others --exclude-standard | grep '\\.py$'",
           wt);
  lines_of(cmd, &want);
  ASSERT_EQ(want.len, 1);
  ASSERT_STR_EQ(want.items[0], "public.py");
  walked(wt, wt, &got, NULL);
  // tracked.py is checked out in the worktree too.
  ASSERT_EQ(got.len, 2);
  ASSERT_STR_EQ(got.items[0], "public.py");
  ASSERT_STR_EQ(got.items[1], "tracked.py");
  strvec_free(&want);
  strvec_free(&got);
  rm_rf(dir);
  free(dir);
}

TEST(walk_wildmatch_cases)
{
  static const struct {
    const char *pat, *text;
    bool match;
  } cases[] = {
      {"*.py", "a.py", true},
      {"*.py", "d/a.py", false},
      {"a/**/b", "a/b", true},
      {"a/**/b", "a/x/y/b", true},
      {"a/**/b", "ab", false},
      {"**/k", "k", true},
      {"**/k", "x/y/k", true},
      {"x/**", "x/y/z", true},
      {"x/**", "x", false},
      {"a**b", "a/b", false}, // not a whole component: two plain stars
      {"a**b", "axxb", true},
      {"[a-c]x", "bx", true},
      {"[!a-c]x", "bx", false},
      {"[^a-c]x", "dx", true},
      {"[]]", "]", true},
      {"[a-]", "-", true},
      {"[[:digit:]]", "7", true},
      {"[[:space:]]", " ", true},
      {"[abc", "a", false},  // unterminated class: nothing
      {"ab\\", "ab", false}, // trailing backslash: nothing
      {"\\*", "*", true},
      {"\\*", "a", false},
      {"?", "/", false},
      {"*", "", true},
      {"", "", true},
  };
  for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
    if (pf__wildmatch(cases[i].pat, cases[i].text) != cases[i].match)
      PF_TEST_FAIL("wildmatch(\"%s\", \"%s\") should be %s", cases[i].pat,
                   cases[i].text, cases[i].match ? "true" : "false");
  }
  // A pathological pattern ends quickly, without a match.
  char text[4096];
  memset(text, 'a', sizeof(text) - 1);
  text[sizeof(text) - 1] = '\0';
  clock_t t0 = clock();
  ASSERT(!pf__wildmatch("*a*a*a*a*a*a*a*a*a*a*a*a*b", text));
  ASSERT(!pf__wildmatch("**/**/**/**/**/**/**/**/b",
                        "a/a/a/a/a/a/a/a/a/a/a/a/a/"
                        "a/a/a/a/a/a/a/a/a/c"));
  ASSERT((double)(clock() - t0) / CLOCKS_PER_SEC < 2.0);
}

/* Section - Default excludes and skip counts */

TEST(walk_default_excludes_and_skip_counts)
{
  char *dir = tmpdir();
  const char *sql = "q = \"SELECT customer_id FROM orders\"\n";
  put(dir, "app/ok.py", sql);
  const char *excluded[] = {".git",   "node_modules", "vendor", "dist", "build",
                            "target", "__pycache__",  ".venv",  "venv", ".tox"};
  char rel[256];
  for (size_t i = 0; i < sizeof(excluded) / sizeof(excluded[0]); i++) {
    snprintf(rel, sizeof(rel), "app/%s/dep.py", excluded[i]);
    put(dir, rel, sql);
  }
  put(dir, "app/bundle.min.js", "var q='SELECT customer_id FROM orders'\n");
  put(dir, "app/gen.go",
      "// Code generated by sqlc. DO NOT EDIT.\n\npackage gen\n\n"
      "const q = \"SELECT customer_id FROM orders\"\n");
  put(dir, "app/gen2.py",
      "# @generated\nq = 'SELECT customer_id FROM orders'\n");
  // "Generated by Django" is the application's own migration, not a tool's
  // output to be skipped.
  put(dir, "app/0001_initial.py",
      "# Generated by Django 4.2 on 2024-01-01\nq = 'SELECT customer_id FROM "
      "orders'\n");
  char big[3000];
  memset(big, '#', sizeof(big) - 1);
  big[sizeof(big) - 1] = '\0';
  memcpy(big, sql, strlen(sql));
  put(dir, "app/big.py", big);
  put(dir, "app/.gitignore", "ignored.py\nignored_dir/\n");
  put(dir, "app/ignored.py", sql);
  put(dir, "app/ignored_dir/x.py", sql);
  put(dir, "app/bin.py", "x = 1\n");
  char path[2048];
  snprintf(path, sizeof(path), "%s/app/bin.py", dir);
  FILE *f = fopen(path, "ab");
  fputc('\0', f);
  fclose(f);
  snprintf(path, sizeof(path), "%s/app/fifo.py", dir);
  ASSERT_EQ(mkfifo(path, 0600), 0);
  snprintf(path, sizeof(path), "%s/app/loop", dir);
  ASSERT_EQ(symlink(".", path), 0);
  snprintf(path, sizeof(path), "%s/app/dangling.py", dir);
  ASSERT_EQ(symlink("nowhere.py", path), 0);

  pf_scan_target t = {.table = "orders", .column = "customer_id"};
  snprintf(path, sizeof(path), "%s/app", dir);
  const char *paths[] = {path};
  pf_scan_opts opts = {.jobs = 2, .max_file_size = 1024};
  pf_scan_result r;
  pf__scan_result_init(&r);
  pf_error err;
  pf_error_clear(&err);
  ASSERT_OK(pf__codescan_run(paths, 1, &t, 1, &opts, &r, &err), err);
  ASSERT_EQ(r.refs.len, 2);
  ASSERT(strstr(r.refs.items[0].path, "app/0001_initial.py"));
  ASSERT(strstr(r.refs.items[1].path, "app/ok.py"));
  ASSERT_EQ(r.skipped[PF_SKIP_EXCLUDED],
            (long long)(sizeof(excluded) / sizeof(excluded[0])));
  ASSERT_EQ(r.skipped[PF_SKIP_IGNORED], 2);
  ASSERT_EQ(r.skipped[PF_SKIP_GENERATED], 3);
  ASSERT_EQ(r.skipped[PF_SKIP_TOO_LARGE], 1);
  ASSERT_EQ(r.skipped[PF_SKIP_BINARY], 1);
  ASSERT_EQ(r.skipped[PF_SKIP_SPECIAL], 1);
  ASSERT_EQ(r.skipped[PF_SKIP_LINK], 2);
  ASSERT_EQ(r.skipped[PF_SKIP_UNREADABLE], 0);
  ASSERT_STR_EQ(pf_skip_reason_name(PF_SKIP_TOO_LARGE), "too-large");
  pf__scan_result_clear(&r);
  rm_rf(dir);
  free(dir);
}

/* Section - Prefilter */

static bool naive_hit(const char *const *needles, size_t n, const char *hay,
                      size_t len)
{
  for (size_t k = 0; k < n; k++) {
    size_t m = strlen(needles[k]);
    for (size_t s = 0; s + m <= len; s++) {
      size_t i = 0;
      while (i < m) {
        char a = hay[s + i], b = needles[k][i];
        if (a >= 'A' && a <= 'Z')
          a = (char)(a | 0x20);
        if (b >= 'A' && b <= 'Z')
          b = (char)(b | 0x20);
        if (a != b)
          break;
        i++;
      }
      if (i == m)
        return true;
    }
  }
  return false;
}

TEST(walk_prefilter_agrees_with_naive_search)
{
  const char *needles[] = {"customer_id", "customerId", "CustomerID",
                           "customer",    "orders",     "_"};
  pf__prefilter pf;
  pf__prefilter_init(&pf, needles, 5);
  // customer_id, customerId and CustomerID contain "customer".
  ASSERT_EQ(pf.n, 2);
  ASSERT(pf__prefilter_hit(&pf, "SELECT CUSTOMER FROM x", 22));
  ASSERT(pf__prefilter_hit(&pf, "from ORDERS", 11));
  ASSERT(!pf__prefilter_hit(&pf, "from ORDER", 10));
  ASSERT(!pf__prefilter_hit(&pf, "", 0));
  // "_" and 0x7F look alike to the SIMD probe (OR 0x20): verified after.
  pf__prefilter us;
  const char *underscore[] = {"a_b"};
  pf__prefilter_init(&us, underscore, 1);
  char buf[256]; // long enough for the 64-byte steps of the AVX2 loop
  memset(buf, ' ', sizeof(buf));
  memcpy(buf + 20,
         "A\x7f"
         "b",
         3);
  memcpy(buf + 100,
         "A\x7f"
         "b",
         3);
  ASSERT(!pf__prefilter_hit(&us, buf, sizeof(buf)));
  memcpy(buf + 140, "A_B", 3);
  ASSERT(pf__prefilter_hit(&us, buf, sizeof(buf)));
  pf__prefilter_clear(&us);
  // Random haystacks over a small alphabet, needles planted at every
  // offset around the 16-byte blocks (64-byte steps with AVX2) and the
  // tail.
  uint32_t seed = 7;
  char hay[600];
  const char alphabet[] = "custOMERrdsid_ \x7f";
  for (int iter = 0; iter < 20000; iter++) {
    size_t len = (size_t)(iter % 97) + (iter % 3 ? 0 : 150) +
                 (iter % 5 ? 0 : (size_t)(iter % 7) * 50);
    for (size_t i = 0; i < len; i++) {
      seed = seed * 1103515245u + 12345u;
      hay[i] = alphabet[(seed >> 16) % (sizeof(alphabet) - 1)];
    }
    if (iter % 4 == 0 && len >= 8) {
      size_t at = (size_t)iter % (len - 7);
      memcpy(hay + at, iter % 8 ? "cUstOmer" : "oRdErs", iter % 8 ? 8 : 6);
    }
    bool want = naive_hit(needles, 5, hay, len);
    if (pf__prefilter_hit(&pf, hay, len) != want)
      PF_TEST_FAIL("iteration %d (len %zu): prefilter says %d", iter, len,
                   !want);
  }
  pf__prefilter_clear(&pf);
  // An empty needle matches everything.
  const char *empty[] = {""};
  pf__prefilter_init(&pf, empty, 1);
  ASSERT(pf__prefilter_hit(&pf, "x", 1));
  pf__prefilter_clear(&pf);
}

/* Section - Hostile file systems and files */

// Scans @root for orders.customer_id with the default options; returns the
// result in @r (caller clears).
static void scan_dir(const char *root, uint64_t max_size, pf_scan_result *r)
{
  pf_scan_target t = {.table = "orders", .column = "customer_id"};
  const char *paths[] = {root};
  pf_scan_opts opts = {.jobs = 1, .max_file_size = max_size};
  pf__scan_result_init(r);
  pf_error err;
  pf_error_clear(&err);
  ASSERT_OK(pf__codescan_run(paths, 1, &t, 1, &opts, r, &err), err);
}

static bool has_warning(const pf_scan_result *r, const char *needle)
{
  for (uint32_t i = 0; i < r->warnings.len; i++) {
    if (strstr(r->warnings.items[i], needle))
      return true;
  }
  return false;
}

/*
 * Unreadable files and directories. Permission bits do not stop root, so
 * when the tests run as root (as in CI) the scan runs in a child process
 * that has dropped to the "nobody" user (65534), for which they hold.
 */
TEST(walk_unreadable_files_and_directories)
{
  char *dir = tmpdir();
  ASSERT_EQ(chmod(dir, 0755), 0);
  const char *sql = "q = \"SELECT customer_id FROM orders\"\n";
  put(dir, "ok.py", sql);
  put(dir, "secret.py", sql);
  put(dir, "locked/inner.py", sql);
  char path[2048];
  snprintf(path, sizeof(path), "%s/secret.py", dir);
  ASSERT_EQ(chmod(path, 0), 0);
  snprintf(path, sizeof(path), "%s/locked", dir);
  ASSERT_EQ(chmod(path, 0), 0);
  snprintf(path, sizeof(path), "%s/ok.py", dir);
  ASSERT_EQ(chmod(path, 0644), 0);

  fflush(NULL);
  pid_t pid = fork();
  ASSERT(pid >= 0);
  if (pid == 0) {
    if (geteuid() == 0 &&
        (setgroups(0, NULL) != 0 || setgid(65534) != 0 || setuid(65534) != 0))
      _exit(3);
    if (geteuid() == 0)
      _exit(4); // still root: the test would prove nothing
    pf_scan_result r;
    scan_dir(dir, 0, &r);
    int bad = 0;
    bad |= r.refs.len != 1;
    bad |= (!r.refs.len || !strstr(r.refs.items[0].path, "/ok.py")) << 1;
    bad |= !has_warning(&r, "secret.py: cannot read: Permission denied") << 2;
    bad |= !has_warning(&r, "locked: cannot open directory: Permission "
                            "denied")
           << 3;
    bad |= (r.skipped[PF_SKIP_UNREADABLE] != 2) << 4;
    pf__scan_result_clear(&r);
    _exit(bad ? 10 + bad : 0);
  }
  int st = 0;
  ASSERT_EQ(waitpid(pid, &st, 0), pid);
  ASSERT(WIFEXITED(st));
  if (WEXITSTATUS(st) != 0)
    PF_TEST_FAIL("child scan failed with status %d (3: cannot drop root, "
                 "4: still root, >= 10: bit mask of failed checks + 10)",
                 WEXITSTATUS(st));
  rm_rf(dir);
  free(dir);
}

// A 50 MB generated file is skipped by the default size cap, the rest is
// scanned; and a file that grows past the cap while read is skipped too.
TEST(walk_huge_file_skipped)
{
  char *dir = tmpdir();
  put(dir, "ok.py", "q = \"SELECT customer_id FROM orders\"\n");
  char path[2048];
  snprintf(path, sizeof(path), "%s/huge.py", dir);
  FILE *f = fopen(path, "wb");
  ASSERT(f != NULL);
  static const char line[] =
      "r = db.execute(\"SELECT customer_id FROM orders\")  # generated\n";
  size_t total = 0;
  while (total < 50u * 1024u * 1024u) {
    fwrite(line, 1, sizeof(line) - 1, f);
    total += sizeof(line) - 1;
  }
  fclose(f);
  clock_t t0 = clock();
  pf_scan_result r;
  scan_dir(dir, 0, &r);
  ASSERT_EQ(r.refs.len, 1);
  ASSERT(strstr(r.refs.items[0].path, "/ok.py"));
  ASSERT(has_warning(&r, "huge.py: skipped: file is larger than 2097152 "
                         "bytes"));
  ASSERT_EQ(r.skipped[PF_SKIP_TOO_LARGE], 1);
  // Skipped from its size, not read: well under a second of CPU.
  ASSERT((double)(clock() - t0) / CLOCKS_PER_SEC < 1.0);
  pf__scan_result_clear(&r);
  rm_rf(dir);
  free(dir);
}

// Non-UTF-8 text is scanned (references around the bad bytes are found);
// a NUL byte in the first 8 KiB makes a file binary, one after does not.
TEST(walk_non_utf8_and_binary)
{
  char *dir = tmpdir();
  put(dir, "latin1.py",
      "# caf\xe9 \xff\xfe\nq = \"SELECT customer_id FROM "
      "orders\"  # \xe9\n");
  char path[2048];
  snprintf(path, sizeof(path), "%s/late_nul.py", dir);
  FILE *f = fopen(path, "wb");
  for (int i = 0; i < 9000; i++)
    fputc('#', f);
  fputs("\nq = \"SELECT customer_id FROM orders\"\n", f);
  fputc('\0', f);
  fclose(f);
  snprintf(path, sizeof(path), "%s/early_nul.go", dir);
  f = fopen(path, "wb");
  fputs("package x\nconst q = \"SELECT customer_id FROM orders\"\n", f);
  fputc('\0', f);
  fclose(f);
  pf_scan_result r;
  scan_dir(dir, 0, &r);
  ASSERT_EQ(r.refs.len, 2);
  ASSERT(strstr(r.refs.items[0].path, "/late_nul.py"));
  ASSERT(strstr(r.refs.items[1].path, "/latin1.py"));
  ASSERT_EQ(r.refs.items[1].line, 2);
  ASSERT(has_warning(&r, "early_nul.go: skipped binary file"));
  ASSERT_EQ(r.skipped[PF_SKIP_BINARY], 1);
  pf__scan_result_clear(&r);
  rm_rf(dir);
  free(dir);
}

// 100,000 nested parentheses or brackets in JavaScript, Python and Go:
// no crash, and the reference before them is still found.
TEST(walk_deeply_nested_syntax)
{
  char *dir = tmpdir();
  const size_t n = 100000;
  static const struct {
    const char *name, *head, *open, *close, *tail;
  } langs[] = {
      {"deep.py", "q = \"SELECT customer_id FROM orders\"\nx = ", "(", ")",
       "\n"},
      {"deep.js", "const q = \"SELECT customer_id FROM orders\";\nconst x = ",
       "[", "]", ";\n"},
      {"deep.ts", "const q = \"SELECT customer_id FROM orders\";\nlet x = ",
       "(", ")", ";\n"},
      {"deep.go",
       "package x\n\nconst q = \"SELECT customer_id FROM orders\"\n\nvar x = ",
       "(", ")", "\n"},
  };
  for (size_t k = 0; k < sizeof(langs) / sizeof(langs[0]); k++) {
    pf_buf b = PF_BUF_INIT;
    pf_buf_puts(&b, langs[k].head);
    for (size_t i = 0; i < n; i++)
      pf_buf_puts(&b, langs[k].open);
    pf_buf_puts(&b, "1");
    for (size_t i = 0; i < n; i++)
      pf_buf_puts(&b, langs[k].close);
    pf_buf_puts(&b, langs[k].tail);
    put(dir, langs[k].name, b.data);
    pf_buf_clear(&b);
  }
  pf_scan_result r;
  scan_dir(dir, 0, &r);
  ASSERT_EQ(r.refs.len, 4);
  for (uint32_t i = 0; i < r.refs.len; i++)
    ASSERT(r.refs.items[i].line <= 3);
  pf__scan_result_clear(&r);
  rm_rf(dir);
  free(dir);
}

// Progress is reported, with the final total, when asked for.
static void count_progress(void *ud, uint64_t done, uint64_t total)
{
  uint64_t *seen = ud;
  ASSERT(done <= total);
  // The last call says that every file is done.
  seen[2] = done == total;
  seen[0]++;
  seen[1] = total;
}

TEST(walk_progress_callback)
{
  char *dir = tmpdir();
  char name[64];
  pf_buf b = PF_BUF_INIT;
  for (int i = 0; i < 100; i++)
    pf_buf_puts(&b, "def f(db):\n    return db.execute(\"SELECT customer_id "
                    "FROM orders o JOIN items i ON i.order_id = o.id\")\n");
  for (int i = 0; i < 20; i++) {
    snprintf(name, sizeof(name), "m%02d.py", i);
    put(dir, name, b.data);
  }
  pf_buf_clear(&b);
  uint64_t seen[3] = {0, 0, 0};
  pf_scan_target t = {.table = "orders", .column = "customer_id"};
  const char *paths[] = {dir};
  pf_scan_opts opts = {
      .jobs = 2, .progress = count_progress, .progress_ud = seen};
  pf_scan_result r;
  pf__scan_result_init(&r);
  pf_error err;
  pf_error_clear(&err);
  ASSERT_OK(pf__codescan_run(paths, 1, &t, 1, &opts, &r, &err), err);
  ASSERT(seen[0] >= 1);
  ASSERT_EQ(seen[1], 20);
  ASSERT_EQ(seen[2], 1);
  ASSERT_EQ(r.refs.len, 20 * 100);
  pf__scan_result_clear(&r);
  rm_rf(dir);
  free(dir);
}

// The same references in the same order whatever the number of threads.
TEST(walk_deterministic_across_jobs)
{
  char *dir = tmpdir();
  char name[64];
  for (int i = 0; i < 60; i++) {
    snprintf(name, sizeof(name), "d%d/f%02d.py", i % 7, i);
    put(dir, name,
        i % 3 ? "q = \"SELECT customer_id FROM orders\"\n"
              : "x = 1  # nothing\n");
  }
  pf_scan_result base;
  pf_scan_target t = {.table = "orders", .column = "customer_id"};
  const char *paths[] = {dir};
  for (uint32_t jobs = 1; jobs <= 8; jobs *= 2) {
    pf_scan_opts opts = {.jobs = jobs};
    pf_scan_result r;
    pf__scan_result_init(&r);
    pf_error err;
    pf_error_clear(&err);
    ASSERT_OK(pf__codescan_run(paths, 1, &t, 1, &opts, &r, &err), err);
    ASSERT_EQ(r.refs.len, 40);
    if (jobs == 1) {
      base = r;
      continue;
    }
    for (uint32_t i = 0; i < r.refs.len; i++) {
      ASSERT_STR_EQ(r.refs.items[i].path, base.refs.items[i].path);
      ASSERT_EQ(r.refs.items[i].line, base.refs.items[i].line);
      ASSERT_EQ(r.refs.items[i].col, base.refs.items[i].col);
    }
    pf__scan_result_clear(&r);
  }
  pf__scan_result_clear(&base);
  rm_rf(dir);
  free(dir);
}

// Queries are compiled per language on first use, so a broken .scm file
// would only show when a file of that language is scanned: compile them all
// here.
TEST(walk_every_query_compiles)
{
  pf__scan scan;
  memset(&scan, 0, sizeof(scan));
  scan.include_low = true; // the identifiers queries too
  scan.full_models = true; // and Python's models query
  pf_error err;
  pf_error_clear(&err);
  ASSERT_OK(pf__queries_compile(&scan, &err), err);
  int n = 0;
  for (int l = 0; l < PF__LANG_COUNT; l++) {
    for (int q = 0; q < PF__Q_COUNT; q++)
      n += scan.queries[l][q] != NULL;
  }
  // Models queries and identifiers (queries, or lists of node types) of
  // the 9 grammars.
  for (int l = 0; l < PF__LANG_COUNT; l++)
    n += scan.nident_syms[l] != 0;
  ASSERT_EQ(n, 18);
  pf__queries_free(&scan);
}
