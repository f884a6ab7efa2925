/* Migration sources: files, directories, framework layouts, standard input. */
/* SPDX-License-Identifier: MIT */
#include "model.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "core/source.h"

static const pf_span none = {0, 0};

const char *pf__layout_name(pf_layout layout)
{
  static const char *const names[PF_LAYOUT_COUNT] = {
      "plain SQL", "Flyway", "golang-migrate", "dbmate", "Prisma", "sqitch"};
  return (unsigned)layout < PF_LAYOUT_COUNT ? names[layout] : "plain SQL";
}

static bool has_suffix(const char *s, const char *suffix)
{
  size_t n = strlen(s), k = strlen(suffix);
  return n >= k && strcmp(s + n - k, suffix) == 0;
}

static bool is_digit(char c)
{
  return c >= '0' && c <= '9';
}

static char *join(const char *dir, const char *name)
{
  pf_buf b = PF_BUF_INIT;
  pf_buf_printf(&b, "%s%s%s", dir, has_suffix(dir, "/") ? "" : "/", name);
  return pf_buf_detach(&b);
}

static bool is_file(const char *path)
{
  struct stat st;
  return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

// Compares two runs of decimal digits as numbers of any length.
static int cmp_digits(const char *a, size_t na, const char *b, size_t nb)
{
  while (na > 1 && *a == '0')
    a++, na--;
  while (nb > 1 && *b == '0')
    b++, nb--;
  if (na != nb)
    return na < nb ? -1 : 1;
  int c = memcmp(a, b, na);
  return c < 0 ? -1 : c > 0;
}

static size_t digits_at(const char *s)
{
  size_t n = 0;
  while (is_digit(s[n]))
    n++;
  return n;
}

// Flyway: "V<version>__<description>.sql", the version made of numbers
// separated by '.' or a single '_'. Returns the version's length, or 0.
static size_t flyway_version(const char *name, char prefix)
{
  if (name[0] != prefix || !is_digit(name[1]))
    return 0;
  size_t i = 1;
  for (;;) {
    i += digits_at(name + i);
    if ((name[i] == '.' || (name[i] == '_' && name[i + 1] != '_')) &&
        is_digit(name[i + 1])) {
      i++;
      continue;
    }
    break;
  }
  if (name[i] != '_' || name[i + 1] != '_' || !has_suffix(name, ".sql"))
    return 0;
  return i - 1;
}

static bool flyway_repeatable(const char *name)
{
  return strncmp(name, "R__", 3) == 0 && has_suffix(name, ".sql");
}

// Compares Flyway versions part by part, numerically; a missing part is 0
// (so 1.0 equals 1, and 1.10 comes after 1.9).
static int cmp_flyway(const char *a, const char *b)
{
  a++, b++; // the prefix
  for (;;) {
    size_t na = digits_at(a), nb = digits_at(b);
    int c = cmp_digits(na ? a : "0", na ? na : 1, nb ? b : "0", nb ? nb : 1);
    if (c)
      return c;
    a += na, b += nb;
    bool more_a = (*a == '.' || *a == '_') && is_digit(a[1]);
    bool more_b = (*b == '.' || *b == '_') && is_digit(b[1]);
    if (!more_a && !more_b)
      return 0;
    if (more_a)
      a++;
    if (more_b)
      b++;
  }
}

// golang-migrate: "<version>_<title>.up.sql" (and ".down.sql").
static bool migrate_up(const char *name)
{
  size_t n = digits_at(name);
  return n && name[n] == '_' && has_suffix(name, ".up.sql");
}

// Plain directories and dbmate: the leading number compared as a number
// (1_x.sql before 10_y.sql), then the whole name.
static int cmp_plain(const void *pa, const void *pb)
{
  const char *a = *(const char *const *)pa, *b = *(const char *const *)pb;
  const char *ba = strrchr(a, '/'), *bb = strrchr(b, '/');
  ba = ba ? ba + 1 : a;
  bb = bb ? bb + 1 : b;
  size_t na = digits_at(ba), nb = digits_at(bb);
  if (na && nb) {
    int c = cmp_digits(ba, na, bb, nb);
    if (c)
      return c;
  }
  return strcmp(a, b);
}

static int cmp_flyway_paths(const void *pa, const void *pb)
{
  const char *a = *(const char *const *)pa, *b = *(const char *const *)pb;
  const char *ba = strrchr(a, '/') + 1, *bb = strrchr(b, '/') + 1;
  bool ra = flyway_repeatable(ba), rb = flyway_repeatable(bb);
  if (ra != rb)
    return ra ? 1 : -1; // repeatable migrations run after all versioned ones
  int c = ra ? 0 : cmp_flyway(ba, bb);
  return c ? c : strcmp(a, b);
}

typedef PF_VEC(char *) strvec;

static void strvec_free(strvec *v)
{
  for (uint32_t i = 0; i < v->len; i++)
    free(v->items[i]);
  pf_vec_clear(v);
}

// The names in @dir, without "." entries, in no particular order.
static pf_code list_dir(const char *dir, strvec *names, pf_error *err)
{
  DIR *d = opendir(dir);
  if (!d) {
    pf_error_set(err, PF_IO, NULL, none, "%s: %s", dir, strerror(errno));
    return PF_IO;
  }
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (e->d_name[0] != '.')
      pf_vec_push(names, pf_xstrdup(e->d_name));
  }
  closedir(d);
  return PF_OK;
}

// Whether @dir/@name is a Prisma migration folder (holds migration.sql).
static bool prisma_folder(const char *dir, const char *name)
{
  char *sub = join(dir, name);
  char *file = join(sub, "migration.sql");
  bool yes = is_file(file);
  free(file);
  free(sub);
  return yes;
}

// The directory whose sqitch.plan governs @dir: @dir itself, or its parent
// when @dir is the plan's deploy/ directory. Caller frees; NULL if none.
static char *sqitch_root(const char *dir)
{
  char *plan = join(dir, "sqitch.plan");
  bool here = is_file(plan);
  free(plan);
  if (here)
    return pf_xstrdup(dir);
  size_t n = strlen(dir);
  while (n > 1 && dir[n - 1] == '/')
    n--;
  const char *base = dir + n;
  while (base > dir && base[-1] != '/')
    base--;
  if ((size_t)(dir + n - base) != 6 || strncmp(base, "deploy", 6) != 0)
    return NULL;
  char *parent =
      base == dir ? pf_xstrdup(".") : pf_xstrndup(dir, (size_t)(base - dir));
  plan = join(parent, "sqitch.plan");
  here = is_file(plan);
  free(plan);
  if (here)
    return parent;
  free(parent);
  return NULL;
}

// Whether a file begins a dbmate migration ("-- migrate:up" line).
static bool dbmate_file(const char *path);

pf_layout pf__migration_layout(const char *dir)
{
  char *root = sqitch_root(dir);
  if (root) {
    free(root);
    return PF_LAYOUT_SQITCH;
  }
  strvec names;
  pf_vec_init(&names);
  if (list_dir(dir, &names, NULL) != PF_OK)
    return PF_LAYOUT_PLAIN;
  pf_layout layout = PF_LAYOUT_PLAIN;
  bool prisma = false, flyway = false, migrate = false;
  const char *first_sql = NULL;
  for (uint32_t i = 0; i < names.len; i++) {
    const char *n = names.items[i];
    if (flyway_version(n, 'V'))
      flyway = true;
    else if (has_suffix(n, ".up.sql") || has_suffix(n, ".down.sql"))
      migrate = true;
    else if (!has_suffix(n, ".sql") && prisma_folder(dir, n))
      prisma = true;
    if (has_suffix(n, ".sql") && (!first_sql || strcmp(n, first_sql) < 0))
      first_sql = n;
  }
  if (prisma)
    layout = PF_LAYOUT_PRISMA;
  else if (flyway)
    layout = PF_LAYOUT_FLYWAY;
  else if (migrate)
    layout = PF_LAYOUT_GOLANG_MIGRATE;
  else if (first_sql) {
    char *p = join(dir, first_sql);
    if (dbmate_file(p))
      layout = PF_LAYOUT_DBMATE;
    free(p);
  }
  strvec_free(&names);
  return layout;
}

// Appends the deploy scripts of the sqitch project in @root, in plan order.
// A change reworked later in the plan deploys, at its earlier place, the
// script sqitch kept for it: deploy/<change>@<the next tag>.sql.
static pf_code expand_sqitch(const char *root, strvec *out, pf_error *err)
{
  char *plan_path = join(root, "sqitch.plan");
  pf_source *plan = pf_source_load(plan_path, err);
  pf_code rc = PF_OK;
  if (!plan) {
    free(plan_path);
    return PF_IO;
  }
  typedef struct change {
    char *name;
    uint32_t line;
    char *tag; // the first tag after it, or NULL
  } change;
  PF_VEC(change) changes;
  pf_vec_init(&changes);
  uint32_t untagged = 0; // changes[untagged..] have no tag after them yet
  const char *p = plan->data, *end = plan->data + plan->len;
  for (uint32_t line = 1; p < end; line++) {
    const char *eol = memchr(p, '\n', (size_t)(end - p));
    if (!eol)
      eol = end;
    while (p < eol && (*p == ' ' || *p == '\t'))
      p++;
    const char *tok = p;
    while (p < eol && *p != ' ' && *p != '\t' && *p != '[' && *p != '\r')
      p++;
    size_t len = (size_t)(p - tok);
    if (len && tok[0] == '@') {
      for (uint32_t i = untagged; i < changes.len; i++)
        changes.items[i].tag = pf_xstrndup(tok + 1, len - 1);
      untagged = changes.len;
    } else if (len && tok[0] != '#' && tok[0] != '%' && tok[0] != '-') {
      if (tok[0] == '+')
        tok++, len--;
      if (len) {
        change c = {pf_xstrndup(tok, len), line, NULL};
        pf_vec_push(&changes, c);
      }
    }
    p = eol < end ? eol + 1 : end;
  }
  char *deploy = join(root, "deploy");
  for (uint32_t i = 0; i < changes.len && rc == PF_OK; i++) {
    const change *c = &changes.items[i];
    bool reworked = false;
    for (uint32_t k = i + 1; k < changes.len && !reworked; k++)
      reworked = strcmp(changes.items[k].name, c->name) == 0;
    pf_buf b = PF_BUF_INIT;
    if (reworked && c->tag)
      pf_buf_printf(&b, "%s@%s.sql", c->name, c->tag);
    else
      pf_buf_printf(&b, "%s.sql", c->name);
    char *file = join(deploy, b.data);
    pf_buf_clear(&b);
    if (!is_file(file)) {
      pf_error_set(err, PF_IO, NULL, none,
                   "%s:%u: change \"%s\": %s: no such file", plan_path, c->line,
                   c->name, file);
      rc = PF_IO;
      free(file);
    } else {
      pf_vec_push(out, file);
    }
  }
  free(deploy);
  for (uint32_t i = 0; i < changes.len; i++) {
    free(changes.items[i].name);
    free(changes.items[i].tag);
  }
  pf_vec_clear(&changes);
  pf_source_free(plan);
  free(plan_path);
  return rc;
}

// Appends the migrations of directory @dir to @out in the order its
// framework applies them, and sets *layout.
static pf_code expand_dir(const char *dir, strvec *out, pf_layout *layout,
                          pf_error *err)
{
  *layout = pf__migration_layout(dir);
  if (*layout == PF_LAYOUT_SQITCH) {
    char *root = sqitch_root(dir);
    pf_code rc = expand_sqitch(root, out, err);
    free(root);
    return rc;
  }
  strvec names;
  pf_vec_init(&names);
  if (list_dir(dir, &names, err) != PF_OK)
    return PF_IO;
  uint32_t first = out->len;
  for (uint32_t i = 0; i < names.len; i++) {
    const char *n = names.items[i];
    bool take = false;
    switch (*layout) {
    case PF_LAYOUT_PRISMA:
      if (prisma_folder(dir, n)) {
        char *sub = join(dir, n);
        pf_vec_push(out, join(sub, "migration.sql"));
        free(sub);
      }
      continue;
    case PF_LAYOUT_FLYWAY:
      // Versioned and repeatable; undo (U) and other files are not applied.
      take = flyway_version(n, 'V') || flyway_repeatable(n);
      break;
    case PF_LAYOUT_GOLANG_MIGRATE:
      take = migrate_up(n);
      break;
    default:
      take = has_suffix(n, ".sql");
      break;
    }
    if (take)
      pf_vec_push(out, join(dir, n));
  }
  strvec_free(&names);
  if (out->len > first)
    pf_sort(out->items + first, out->len - first, sizeof(char *),
            *layout == PF_LAYOUT_FLYWAY ? cmp_flyway_paths : cmp_plain);
  return PF_OK;
}

pf_code pf__migration_expand(const char *const *paths, size_t npaths,
                             char ***files, size_t *nfiles, pf_error *err)
{
  strvec out;
  pf_vec_init(&out);
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
    pf_layout layout;
    if (expand_dir(p, &out, &layout, err) != PF_OK)
      goto fail;
  }
  *files = out.items;
  *nfiles = out.len;
  return PF_OK;
fail:
  strvec_free(&out);
  *files = NULL;
  *nfiles = 0;
  return err ? err->code : PF_IO;
}

pf_code pf__migration_dir(const char *dir, char ***files, size_t *nfiles,
                          pf_layout *layout, pf_error *err)
{
  strvec out;
  pf_vec_init(&out);
  pf_code rc = expand_dir(dir, &out, layout, err);
  if (rc != PF_OK) {
    strvec_free(&out);
    *files = NULL;
    *nfiles = 0;
    return rc;
  }
  *files = out.items;
  *nfiles = out.len;
  return PF_OK;
}

// Whether the line at @p (ending at @eol) is dbmate's "-- migrate:<dir>"
// marker: "--", optional blanks, then the word, then nothing or options.
// *opts is set to the options' start.
static bool dbmate_marker_opts(const char *p, const char *eol, const char *word,
                               const char **opts)
{
  if (eol - p < 2 || p[0] != '-' || p[1] != '-')
    return false;
  p += 2;
  while (p < eol && (*p == ' ' || *p == '\t'))
    p++;
  size_t n = strlen(word);
  if ((size_t)(eol - p) < n || memcmp(p, word, n) != 0)
    return false;
  p += n;
  *opts = p;
  return p == eol || *p == ' ' || *p == '\t' || *p == '\r';
}

static bool dbmate_marker(const char *p, const char *eol, const char *word)
{
  const char *opts;
  return dbmate_marker_opts(p, eol, word, &opts);
}

// Whether the options after a marker hold "transaction:false".
static bool no_transaction(const char *opts, const char *eol)
{
  static const char opt[] = "transaction:false";
  size_t n = sizeof(opt) - 1;
  for (const char *q = opts; q + n <= eol; q++) {
    if (memcmp(q, opt, n) == 0 && (q == opts || q[-1] == ' ' || q[-1] == '\t'))
      return true;
  }
  return false;
}

// Whether @data has a line that is dbmate's "-- migrate:up" marker.
static bool has_up_marker(const char *data, size_t len)
{
  const char *p = data, *end = data + len;
  while (p < end) {
    const char *eol = memchr(p, '\n', (size_t)(end - p));
    if (!eol)
      eol = end;
    if (dbmate_marker(p, eol, "migrate:up"))
      return true;
    p = eol < end ? eol + 1 : end;
  }
  return false;
}

bool pf__migration_dbmate_mask(char *data, size_t len, bool *no_txn)
{
  *no_txn = false;
  if (!has_up_marker(data, len))
    return false;
  char *end = data + len;
  bool blank = false;
  for (char *q = data; q < end;) {
    char *eol = memchr(q, '\n', (size_t)(end - q));
    if (!eol)
      eol = end;
    const char *opts;
    if (dbmate_marker_opts(q, eol, "migrate:up", &opts)) {
      blank = false;
      *no_txn = *no_txn || no_transaction(opts, eol);
    } else if (dbmate_marker(q, eol, "migrate:down")) {
      blank = true;
    }
    if (blank) {
      // Spaces keep every byte offset, so line numbers stay true.
      for (char *c = q; c < eol; c++)
        *c = ' ';
    }
    q = eol < end ? eol + 1 : end;
  }
  return true;
}

static bool dbmate_file(const char *path)
{
  pf_source *src = pf_source_load(path, NULL);
  if (!src)
    return false;
  bool yes = has_up_marker(src->data, src->len);
  pf_source_free(src);
  return yes;
}

// A script configuration file is a Java properties file: "key=value" or
// "key: value" a line, '#' and '!' comments (SqlScriptMetadata reads it
// into Flyway's configuration map; executeInTransaction is a boolean, and
// when set it overrides both the parser's choice and the check for mixed
// statements, as ParserSqlScript does).
int pf__flyway_script_txn(const char *sql_path)
{
  size_t n = strlen(sql_path);
  char *conf = malloc(n + 6);
  if (!conf)
    return -1;
  memcpy(conf, sql_path, n);
  memcpy(conf + n, ".conf", 6);
  FILE *f = fopen(conf, "r");
  free(conf);
  if (!f)
    return -1;
  int v = -1;
  char line[512];
  static const char key[] = "executeInTransaction";
  while (fgets(line, sizeof(line), f)) {
    char *p = line;
    while (*p == ' ' || *p == '\t')
      p++;
    if (strncmp(p, key, sizeof(key) - 1) != 0)
      continue;
    p += sizeof(key) - 1;
    while (*p == ' ' || *p == '\t')
      p++;
    if (*p != '=' && *p != ':')
      continue;
    p++;
    while (*p == ' ' || *p == '\t')
      p++;
    size_t k = strcspn(p, " \t\r\n");
    if (k == 4 && !strncasecmp(p, "true", 4))
      v = 1;
    else if (k == 5 && !strncasecmp(p, "false", 5))
      v = 0;
  }
  fclose(f);
  return v;
}
