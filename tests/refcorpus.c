/* Precision and recall of the code-reference engine on the labelled corpus. */
/* SPDX-License-Identifier: MIT */
//
// usage: pf_refcorpus CORPUS_DIR [-v]
//
// Scans each app of testdata/refcorpus/ (each folder is one codebase) for
// the targets in CORPUS_DIR/TARGETS, and compares the high- and
// medium-confidence references with the labels written by hand in the
// sources: "pf-ref: table.column=kind ..." for each true reference on the
// line, "pf-decoy: table.column ..." for each site that names a target but
// is not a reference to it. Prints precision and recall per language and
// per kind. A TARGETS line "insert t.c" is a column the migration appends
// NOT NULL without a DEFAULT (labels "insert:t.c=ins"): its references are
// the INSERTs that leave it out. Exits 1 below precision 0.95 or recall
// 0.90, overall or for a
// language with at least MIN_GROUP labelled sites, or when the corpus has
// fewer than 300 references or fewer decoys than references.
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "codescan/codescan.h"
#include "core/core.h"
#include "pgpreflight.h"

#define MIN_SITES     300
#define MIN_GROUP     20
#define MIN_PRECISION 0.95
#define MIN_RECALL    0.90
#define MAX_TARGETS   16

typedef struct label {
  char *path;
  uint32_t line;
  uint32_t target;
  int kind; // pf_ref_kind
  bool used;
} label;

typedef struct stats {
  unsigned labels, tp, fp, fn;
} stats;

static pf_scan_target targets[MAX_TARGETS];
static char *target_specs[MAX_TARGETS];
static size_t ntargets;

static PF_VEC(label) labels;
static unsigned ndecoys;
static int bad_labels;
static bool verbose;

enum { LANG_COUNT = 9 };
static const char *const lang_names[LANG_COUNT] = {
    "python", "js/ts", "go", "java", "ruby", "php", "c#", "sql", "prisma"};

static int lang_of(const char *path)
{
  static const struct {
    const char *ext;
    int lang;
  } exts[] = {{".py", 0},  {".js", 1}, {".ts", 1},   {".tsx", 1},
              {".mjs", 1}, {".go", 2}, {".java", 3}, {".rb", 4},
              {".php", 5}, {".cs", 6}, {".sql", 7},  {".prisma", 8}};
  const char *dot = strrchr(path, '.');
  for (size_t i = 0; dot && i < sizeof(exts) / sizeof(exts[0]); i++) {
    if (strcmp(dot, exts[i].ext) == 0)
      return exts[i].lang;
  }
  return -1;
}

static int kind_of(const char *s, size_t n)
{
  static const char *const names[] = {"sql", "orm", "qb", "attr"};
  for (int i = 0; i < 4; i++) {
    if (strlen(names[i]) == n && memcmp(names[i], s, n) == 0)
      return i; // PF_REF_SQL, ORM, QUERY_BUILDER, ATTRIBUTE
  }
  if (n == 3 && memcmp(s, "ins", 3) == 0)
    return PF_REF_INSERT_OMITS;
  return -1;
}

static int target_of(const char *s, size_t n)
{
  for (size_t i = 0; i < ntargets; i++) {
    if (strlen(target_specs[i]) == n && memcmp(target_specs[i], s, n) == 0)
      return (int)i;
  }
  return -1;
}

static char *read_all(const char *path, size_t *len)
{
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  pf_buf b = PF_BUF_INIT;
  char chunk[65536];
  size_t n;
  while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
    pf_buf_append(&b, chunk, n);
  fclose(f);
  *len = b.len;
  return pf_buf_detach(&b);
}

static void read_targets(const char *dir)
{
  char path[4096];
  snprintf(path, sizeof(path), "%s/TARGETS", dir);
  size_t len;
  char *text = read_all(path, &len);
  if (!text) {
    fprintf(stderr, "%s: %s\n", path, strerror(errno));
    exit(2);
  }
  char *p = text;
  while (*p && ntargets < MAX_TARGETS) {
    char *nl = strchr(p, '\n');
    size_t n = nl ? (size_t)(nl - p) : strlen(p);
    if (n && p[0] != '#') {
      char *line = pf_xstrndup(p, n);
      bool insert = strncmp(line, "insert ", 7) == 0;
      const char *name = insert ? line + 7 : line;
      const char *dot = strchr(name, '.');
      pf_buf spec = PF_BUF_INIT;
      pf_buf_printf(&spec, "%s%s", insert ? "insert:" : "", name);
      target_specs[ntargets] = pf_buf_detach(&spec);
      targets[ntargets].table =
          dot ? pf_xstrndup(name, (size_t)(dot - name)) : pf_xstrdup(name);
      targets[ntargets].column = dot ? pf_xstrdup(dot + 1) : NULL;
      if (insert) {
        targets[ntargets].kind = PF_SCAN_INSERT_OMITS;
        targets[ntargets].position = PF_SCAN_POS_LAST;
      }
      free(line);
      ntargets++;
    }
    p = nl ? nl + 1 : p + n;
  }
  free(text);
}

// Reads the labels of one line: "pf-ref: t=kind t=kind" and
// "pf-decoy: t t".
static void line_labels(const char *path, uint32_t lineno, const char *s,
                        size_t n)
{
  for (size_t i = 0; i + 7 < n; i++) {
    bool ref = memcmp(s + i, "pf-ref:", 7) == 0;
    bool decoy = i + 9 < n && memcmp(s + i, "pf-decoy:", 9) == 0;
    if (!ref && !decoy)
      continue;
    size_t j = i + (ref ? 7 : 9);
    for (;;) {
      while (j < n && s[j] == ' ')
        j++;
      size_t w = j;
      while (j < n && s[j] != ' ' && s[j] != '\r')
        j++;
      if (j == w)
        break;
      const char *tok = s + w;
      size_t tlen = j - w;
      const char *eq = memchr(tok, '=', tlen);
      size_t speclen = eq ? (size_t)(eq - tok) : tlen;
      int t = target_of(tok, speclen);
      if (t < 0)
        break; // the end of the label list
      if (ref) {
        int k = eq ? kind_of(eq + 1, tlen - speclen - 1) : -1;
        if (k < 0) {
          fprintf(stderr,
                  "%s:%u: label \"%.*s\" has no kind (sql, orm, qb, "
                  "attr, ins)\n",
                  path, lineno, (int)tlen, tok);
          bad_labels++;
          break;
        }
        label l = {pf_xstrdup(path), lineno, (uint32_t)t, k, false};
        pf_vec_push(&labels, l);
      } else {
        ndecoys++;
      }
    }
    i = j > i ? j - 1 : i;
  }
}

static void read_labels(const char *path)
{
  if (lang_of(path) < 0)
    return;
  size_t len;
  char *text = read_all(path, &len);
  if (!text)
    return;
  uint32_t lineno = 0;
  for (char *p = text; *p;) {
    char *nl = strchr(p, '\n');
    size_t n = nl ? (size_t)(nl - p) : strlen(p);
    line_labels(path, ++lineno, p, n);
    p = nl ? nl + 1 : p + n;
  }
  free(text);
}

static int cmp_str(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

// The entries of @dir, sorted; caller frees each and the array.
static char **list_dir(const char *dir, size_t *count)
{
  DIR *d = opendir(dir);
  PF_VEC(char *) v;
  pf_vec_init(&v);
  if (d) {
    struct dirent *e;
    while ((e = readdir(d))) {
      if (e->d_name[0] == '.')
        continue;
      pf_vec_push(&v, pf_xstrdup(e->d_name));
    }
    closedir(d);
  }
  if (v.len > 1)
    qsort(v.items, v.len, sizeof(char *), cmp_str);
  *count = v.len;
  return v.items;
}

static void walk_labels(const char *dir)
{
  size_t n;
  char **names = list_dir(dir, &n);
  for (size_t i = 0; i < n; i++) {
    char path[4096];
    snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
      walk_labels(path);
    else if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
      read_labels(path);
    free(names[i]);
  }
  free(names);
}

static double ratio(unsigned a, unsigned b)
{
  return b ? (double)a / (double)b : 1.0;
}

static void print_row(const char *name, const stats *s)
{
  printf("| %-16s | %6u | %5u | %4u | %4u | %9.3f | %6.3f |\n", name, s->labels,
         s->tp, s->fp, s->fn, ratio(s->tp, s->tp + s->fp),
         ratio(s->tp, s->tp + s->fn));
}

static bool below(const stats *s)
{
  return ratio(s->tp, s->tp + s->fp) < MIN_PRECISION ||
         ratio(s->tp, s->tp + s->fn) < MIN_RECALL;
}

int main(int argc, char **argv)
{
  if (argc < 2) {
    fprintf(stderr, "usage: pf_refcorpus CORPUS_DIR [-v]\n");
    return 2;
  }
  const char *root = argv[1];
  verbose = argc > 2 && strcmp(argv[2], "-v") == 0;
  pf_vec_init(&labels);
  read_targets(root);
  if (ntargets == 0) {
    fprintf(stderr, "%s/TARGETS: no targets\n", root);
    return 2;
  }

  stats by_lang[LANG_COUNT], by_kind[PF_REF_KIND_COUNT], total;
  memset(by_lang, 0, sizeof(by_lang));
  memset(by_kind, 0, sizeof(by_kind));
  memset(&total, 0, sizeof(total));
  int failures = 0;
  unsigned napps = 0;

  size_t napp;
  char **apps = list_dir(root, &napp);
  for (size_t a = 0; a < napp; a++) {
    char dir[4096];
    snprintf(dir, sizeof(dir), "%s/%s", root, apps[a]);
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
      free(apps[a]);
      continue;
    }
    napps++;
    uint32_t first = labels.len;
    walk_labels(dir);
    pf_scan_result r;
    pf__scan_result_init(&r);
    pf_scan_opts opts = {.jobs = 2};
    pf_error err;
    pf_error_clear(&err);
    const char *paths[1] = {dir};
    if (pf__codescan_run(paths, 1, targets, ntargets, &opts, &r, &err) !=
        PF_OK) {
      fprintf(stderr, "%s: scan failed: %s\n", dir, err.msg);
      return 2;
    }
    for (uint32_t i = 0; i < r.warnings.len; i++)
      fprintf(stderr, "warning: %s\n", r.warnings.items[i]);
    for (uint32_t i = 0; i < r.refs.len; i++) {
      const pf_code_ref *x = &r.refs.items[i];
      if (x->confidence < PF_CONF_MEDIUM || x->suppressed)
        continue;
      label *hit = NULL;
      for (uint32_t k = first; k < labels.len && !hit; k++) {
        label *l = &labels.items[k];
        if (!l->used && l->line == x->line && l->target == x->target &&
            strcmp(l->path, x->path) == 0)
          hit = l;
      }
      int lang = lang_of(x->path);
      if (hit) {
        hit->used = true;
        total.tp++;
        by_kind[hit->kind].tp++;
        if (lang >= 0)
          by_lang[lang].tp++;
        if (verbose && (int)x->kind != hit->kind)
          printf("kind: %s:%u %s labelled %s, found %s\n", x->path, x->line,
                 target_specs[x->target],
                 pf_ref_kind_name((pf_ref_kind)hit->kind),
                 pf_ref_kind_name(x->kind));
      } else {
        total.fp++;
        by_kind[x->kind].fp++;
        if (lang >= 0)
          by_lang[lang].fp++;
        printf("false positive: %s:%u:%u %s (%s, %s): %s\n", x->path, x->line,
               x->col, target_specs[x->target], pf_ref_kind_name(x->kind),
               pf_confidence_name(x->confidence), x->snippet);
      }
    }
    for (uint32_t k = first; k < labels.len; k++) {
      label *l = &labels.items[k];
      int lang = lang_of(l->path);
      total.labels++;
      by_kind[l->kind].labels++;
      if (lang >= 0)
        by_lang[lang].labels++;
      if (l->used)
        continue;
      total.fn++;
      by_kind[l->kind].fn++;
      if (lang >= 0)
        by_lang[lang].fn++;
      printf("missed: %s:%u %s (%s)\n", l->path, l->line,
             target_specs[l->target], pf_ref_kind_name((pf_ref_kind)l->kind));
    }
    pf__scan_result_clear(&r);
    free(apps[a]);
  }
  free(apps);

  printf("\n%u apps, %u labelled references, %u labelled decoys; targets:",
         napps, total.labels, ndecoys);
  for (size_t i = 0; i < ntargets; i++)
    printf(" %s", target_specs[i]);
  printf("\n\n| %-16s | %6s | %5s | %4s | %4s | %9s | %6s |\n", "group",
         "labels", "found", "FP", "FN", "precision", "recall");
  printf(
      "|------------------|--------|-------|------|------|-----------|--------"
      "|\n");
  for (int l = 0; l < LANG_COUNT; l++) {
    if (by_lang[l].labels == 0 && by_lang[l].fp == 0)
      continue;
    print_row(lang_names[l], &by_lang[l]);
    if (by_lang[l].labels >= MIN_GROUP && below(&by_lang[l])) {
      fprintf(stderr, "FAIL: %s below precision %.2f / recall %.2f\n",
              lang_names[l], MIN_PRECISION, MIN_RECALL);
      failures++;
    }
  }
  for (int k = 0; k < PF_REF_KIND_COUNT; k++) {
    if (by_kind[k].labels == 0 && by_kind[k].fp == 0)
      continue;
    char name[32];
    snprintf(name, sizeof(name), "kind %s",
             k == PF_REF_QUERY_BUILDER  ? "qb"
             : k == PF_REF_INSERT_OMITS ? "ins"
                                        : pf_ref_kind_name(k));
    print_row(name, &by_kind[k]);
  }
  print_row("all", &total);
  fflush(stdout);
  if (below(&total)) {
    fprintf(stderr, "FAIL: overall below precision %.2f / recall %.2f\n",
            MIN_PRECISION, MIN_RECALL);
    failures++;
  }
  if (total.labels < MIN_SITES) {
    fprintf(stderr, "FAIL: %u labelled references, fewer than %d\n",
            total.labels, MIN_SITES);
    failures++;
  }
  if (ndecoys < total.labels) {
    fprintf(stderr, "FAIL: %u decoys, fewer than the %u references\n", ndecoys,
            total.labels);
    failures++;
  }
  if (bad_labels) {
    fprintf(stderr, "FAIL: %d malformed labels\n", bad_labels);
    failures++;
  }
  for (uint32_t i = 0; i < labels.len; i++)
    free(labels.items[i].path);
  pf_vec_clear(&labels);
  for (size_t i = 0; i < ntargets; i++) {
    free(target_specs[i]);
    free((char *)targets[i].table);
    free((char *)targets[i].column);
  }
  pf_shutdown();
  return failures ? 1 : 0;
}
