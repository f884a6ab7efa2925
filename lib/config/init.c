/* pgpreflight init: a starting .pgpreflight.json for the detected layout. */
/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <dirent.h>
#include <string.h>
#include <sys/stat.h>

#include "migration/model.h"

typedef PF_VEC(char *) strvec;

typedef struct found {
  char *dir;
  pf_layout layout;
} found;

typedef PF_VEC(found) foundvec;

static bool skipped(const char *name)
{
  static const char *const names[] = {"node_modules", "vendor", "build",
                                      "dist",         "target", "venv",
                                      "__pycache__",  "tmp",    "coverage"};
  if (name[0] == '.')
    return true;
  for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
    if (strcmp(name, names[i]) == 0)
      return true;
  }
  return false;
}

static bool has_sql(const char *dir)
{
  DIR *d = opendir(dir);
  if (!d)
    return false;
  bool yes = false;
  struct dirent *e;
  while (!yes && (e = readdir(d)) != NULL) {
    size_t n = strlen(e->d_name);
    yes = n > 4 && strcmp(e->d_name + n - 4, ".sql") == 0;
  }
  closedir(d);
  return yes;
}

static bool migrations_name(const char *name)
{
  static const char *const names[] = {"migrations", "migration", "migrate",
                                      "sql", "db"};
  for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
    if (strcmp(name, names[i]) == 0)
      return true;
  }
  return false;
}

static int cmp_found(const void *a, const void *b)
{
  return strcmp(((const found *)a)->dir, ((const found *)b)->dir);
}

// Looks for migration directories under @dir, @depth levels at most: a
// framework layout anywhere, or SQL files in a directory named like one
// (six levels reach Flyway's src/main/resources/db/migration).
static void look(const char *dir, const char *name, int depth, foundvec *out)
{
  pf_layout l = pf__migration_layout(dir);
  if (l != PF_LAYOUT_PLAIN || (migrations_name(name) && has_sql(dir))) {
    // A sqitch project is found at its root, not at its deploy/ folder.
    found f = {pf_xstrdup(dir), l};
    pf_vec_push(out, f);
    return;
  }
  if (depth == 0)
    return;
  DIR *d = opendir(dir);
  if (!d)
    return;
  strvec subs;
  pf_vec_init(&subs);
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (skipped(e->d_name))
      continue;
    pf_buf p = PF_BUF_INIT;
    if (strcmp(dir, ".") == 0)
      pf_buf_puts(&p, e->d_name);
    else
      pf_buf_printf(&p, "%s/%s", dir, e->d_name);
    struct stat st;
    if (lstat(p.data, &st) == 0 && S_ISDIR(st.st_mode))
      pf_vec_push(&subs, pf_buf_detach(&p));
    else
      pf_buf_clear(&p);
  }
  closedir(d);
  for (uint32_t i = 0; i < subs.len; i++) {
    const char *base = strrchr(subs.items[i], '/');
    look(subs.items[i], base ? base + 1 : subs.items[i], depth - 1, out);
    free(subs.items[i]);
  }
  pf_vec_clear(&subs);
}

static void json_str(pf_buf *b, const char *s)
{
  pf_buf_putc(b, '"');
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c == '"' || c == '\\')
      pf_buf_printf(b, "\\%c", c);
    else if (c < 0x20)
      pf_buf_printf(b, "\\u%04x", c);
    else
      pf_buf_putc(b, (char)c);
  }
  pf_buf_putc(b, '"');
}

static void json_list(pf_buf *b, const char *key, char **items, uint32_t n)
{
  pf_buf_printf(b, "  \"%s\": [", key);
  for (uint32_t i = 0; i < n; i++) {
    pf_buf_puts(b, i ? ", " : "");
    json_str(b, items[i]);
  }
  pf_buf_puts(b, "],\n");
}

void pf_config_init_text(char **text, char **summary)
{
  foundvec migs;
  pf_vec_init(&migs);
  look(".", ".", 6, &migs);
  pf_sort(migs.items, migs.len, sizeof(found), cmp_found);

  strvec code;
  pf_vec_init(&code);
  static const char *const code_dirs[] = {
      "app", "src", "lib", "internal", "cmd", "pkg", "api", "server", "backend",
  };
  for (size_t i = 0; i < sizeof(code_dirs) / sizeof(code_dirs[0]); i++) {
    struct stat st;
    if (stat(code_dirs[i], &st) == 0 && S_ISDIR(st.st_mode))
      pf_vec_push(&code, pf_xstrdup(code_dirs[i]));
  }
  if (!code.len)
    pf_vec_push(&code, pf_xstrdup("."));

  // Flyway, golang-migrate and dbmate run files in transactions, each by
  // its own rule, which check applies when assume-in-transaction is on:
  // Flyway wraps a file unless it holds a statement its parser knows cannot
  // run in one (and refuses a file mixing both); golang-migrate sends a file
  // as one query, one implicit transaction when it has several statements;
  // dbmate wraps each file unless its marker says transaction:false.
  bool txn = migs.len > 0;
  strvec dirs;
  pf_vec_init(&dirs);
  pf_buf sum = PF_BUF_INIT;
  for (uint32_t i = 0; i < migs.len; i++) {
    pf_layout l = migs.items[i].layout;
    txn = txn && (l == PF_LAYOUT_FLYWAY || l == PF_LAYOUT_GOLANG_MIGRATE ||
                  l == PF_LAYOUT_DBMATE);
    pf_vec_push(&dirs, migs.items[i].dir);
    pf_buf_printf(&sum, "migrations: %s (%s)\n", migs.items[i].dir,
                  pf__layout_name(l));
  }
  if (!migs.len)
    pf_buf_puts(&sum, "migrations: none found; list your migration "
                      "directories under \"migrations\"\n");
  pf_buf_puts(&sum, "code:");
  for (uint32_t i = 0; i < code.len; i++)
    pf_buf_printf(&sum, " %s", code.items[i]);
  pf_buf_putc(&sum, '\n');
  bool one_tool = migs.len > 0;
  for (uint32_t i = 1; i < migs.len; i++)
    one_tool = one_tool && migs.items[i].layout == migs.items[0].layout;
  if (txn)
    pf_buf_printf(&sum,
                  "transactions: as %s runs each file "
                  "(assume-in-transaction)\n",
                  one_tool ? pf__layout_name(migs.items[0].layout)
                           : "each tool");
  else if (migs.len)
    pf_buf_puts(&sum, "transactions: none assumed; set assume-in-transaction "
                      "if your tool wraps each file in one\n");

  pf_buf b = PF_BUF_INIT;
  pf_buf_puts(&b, "{\n");
  json_list(&b, "migrations", dirs.items, dirs.len);
  json_list(&b, "code", code.items, code.len);
  pf_buf_puts(&b, "  \"exclude\": [],\n"
                  "  \"fail-on\": \"error\",\n"
                  "  \"db-budget-ms\": 10000,\n");
  pf_buf_printf(&b, "  \"assume-in-transaction\": %s,\n",
                txn ? "true" : "false");
  pf_buf_puts(&b, "  \"rules\": {}\n}\n");

  for (uint32_t i = 0; i < migs.len; i++)
    free(migs.items[i].dir);
  pf_vec_clear(&migs);
  pf_vec_clear(&dirs);
  for (uint32_t i = 0; i < code.len; i++)
    free(code.items[i]);
  pf_vec_clear(&code);
  *text = pf_buf_detach(&b);
  *summary = pf_buf_detach(&sum);
}
