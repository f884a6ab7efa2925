/* Python files parsed in parts give what whole files give: a check. */
/* SPDX-License-Identifier: MIT */
//
// usage: pf_scanparts [-q] [-j N] [--low] [--words N] [TARGET...] -- PATH...
//
// Scans PATH... for the references to each TARGET (table or table.column)
// three times: Python files parsed whole (PF_SCAN_PARTS_OFF), in parts
// where the outline allows it (PF_SCAN_PARTS_AUTO, what pgpreflight does),
// and both for every file with the results compared file by file
// (PF_SCAN_PARTS_VERIFY: references, models, uses, table names and
// warnings, in order). Exits 1 when a file's two results differ or the
// results of the first two runs differ in any reference, warning or count;
// prints how many files were parsed in parts. With more than one TARGET,
// each is scanned on its own, then all of them together. --words N adds
// the column targets "t.WORD" for the N most frequent words of the Python
// files under PATH and N more at even steps through the rest (0: every
// word), each scanned on its own: names that occur everywhere, in code,
// strings and comments, keywords too, and rare ones.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codescan/codescan.h"
#include "codescan/scan.h"
#include "core/core.h"
#include "pgpreflight.h"

#define MAX_TARGETS 64

static bool quiet;

static bool same_ref(const pf_code_ref *a, const pf_code_ref *b)
{
  return a->target == b->target && strcmp(a->path, b->path) == 0 &&
         a->line == b->line && a->col == b->col && a->end_col == b->end_col &&
         a->kind == b->kind && a->confidence == b->confidence &&
         strcmp(a->snippet, b->snippet) == 0 &&
         strcmp(a->detail, b->detail) == 0 && a->suppressed == b->suppressed;
}

// Prints what differs between @a (whole) and @b (parts); true when nothing.
static bool same_result(const pf_scan_result *a, const pf_scan_result *b)
{
  bool ok = true;
  if (a->files_seen != b->files_seen || a->files_parsed != b->files_parsed ||
      a->bytes_read != b->bytes_read) {
    printf("  counts differ: files %llu/%llu, parsed %llu/%llu\n",
           (unsigned long long)a->files_seen, (unsigned long long)b->files_seen,
           (unsigned long long)a->files_parsed,
           (unsigned long long)b->files_parsed);
    ok = false;
  }
  for (int i = 0; i < PF_SKIP_COUNT; i++) {
    if (a->skipped[i] != b->skipped[i]) {
      printf("  skipped (%s) differ\n", pf_skip_reason_name(i));
      ok = false;
    }
  }
  uint32_t n = a->refs.len < b->refs.len ? a->refs.len : b->refs.len;
  for (uint32_t i = 0; i < n; i++) {
    const pf_code_ref *x = &a->refs.items[i], *y = &b->refs.items[i];
    if (!same_ref(x, y)) {
      printf("  reference #%u differs: whole %s:%u:%u %s, parts %s:%u:%u %s\n",
             i, x->path, x->line, x->col, x->detail, y->path, y->line, y->col,
             y->detail);
      ok = false;
      break;
    }
  }
  if (a->refs.len != b->refs.len) {
    printf("  references: whole %u, parts %u\n", a->refs.len, b->refs.len);
    ok = false;
  }
  n = a->warnings.len < b->warnings.len ? a->warnings.len : b->warnings.len;
  for (uint32_t i = 0; i < n && ok; i++) {
    if (strcmp(a->warnings.items[i], b->warnings.items[i]) != 0) {
      printf("  warning #%u differs: %s | %s\n", i, a->warnings.items[i],
             b->warnings.items[i]);
      ok = false;
    }
  }
  if (a->warnings.len != b->warnings.len) {
    printf("  warnings: whole %u, parts %u\n", a->warnings.len,
           b->warnings.len);
    ok = false;
  }
  return ok;
}

static pf_code run(const char *const *paths, size_t npaths,
                   const pf_scan_target *targets, size_t ntargets,
                   uint32_t jobs, bool low, pf_scan_parts parts,
                   pf_scan_result *out)
{
  pf_scan_opts opts = {.jobs = jobs, .include_low = low, .parts = parts};
  pf_error err;
  pf_error_clear(&err);
  pf__scan_result_init(out);
  pf_code rc =
      pf__codescan_run(paths, npaths, targets, ntargets, &opts, out, &err);
  if (rc != PF_OK)
    fprintf(stderr, "pf_scanparts: %s\n", err.msg);
  return rc;
}

// One check of @targets; returns the number of problems.
static int check(const char *const *paths, size_t npaths,
                 const pf_scan_target *targets, size_t ntargets,
                 const char *label, uint32_t jobs, bool low)
{
  int bad = 0;
  pf_scan_result whole, parts, verify;
  if (run(paths, npaths, targets, ntargets, jobs, low, PF_SCAN_PARTS_OFF,
          &whole) != PF_OK ||
      run(paths, npaths, targets, ntargets, jobs, low, PF_SCAN_PARTS_AUTO,
          &parts) != PF_OK ||
      run(paths, npaths, targets, ntargets, jobs, low, PF_SCAN_PARTS_VERIFY,
          &verify) != PF_OK)
    exit(2);
  unsigned differ = 0;
  for (uint32_t i = 0; i < verify.warnings.len; i++) {
    if (strstr(verify.warnings.items[i], ": parsed in parts: ")) {
      printf("  %s\n", verify.warnings.items[i]);
      differ++;
    }
  }
  bad += differ != 0;
  if (!same_result(&whole, &parts))
    bad++;
  if (!quiet || bad)
    printf("%-40s %s: %llu files parsed, %llu in parts (%llu compared), %u "
           "references, %u differ\n",
           label, bad ? "FAIL" : "ok", (unsigned long long)whole.files_parsed,
           (unsigned long long)parts.files_in_parts,
           (unsigned long long)verify.files_in_parts, whole.refs.len, differ);
  pf__scan_result_clear(&whole);
  pf__scan_result_clear(&parts);
  pf__scan_result_clear(&verify);
  return bad;
}

/* Section - Words */

typedef struct word {
  char *text;
  uint32_t count;
} word;
typedef PF_VEC(word) wordvec;

static int cmp_word(const void *pa, const void *pb)
{
  const word *a = pa, *b = pb;
  if (a->count != b->count)
    return a->count > b->count ? -1 : 1;
  return strcmp(a->text, b->text);
}

// Counts the words (ASCII identifiers of two bytes or more) of @path.
static void count_words(const char *path, pf_strmap *seen, wordvec *words)
{
  FILE *f = fopen(path, "rb");
  if (!f)
    return;
  pf_buf b = PF_BUF_INIT;
  char chunk[65536];
  size_t n;
  while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
    pf_buf_append(&b, chunk, n);
  fclose(f);
  for (size_t i = 0; i < b.len;) {
    char c = b.data[i];
    bool start = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    if (!start) {
      i++;
      continue;
    }
    size_t j = i;
    while (j < b.len && (unsigned char)b.data[j] < 0x80 &&
           pf_is_ident_char((unsigned char)b.data[j]))
      j++;
    if (j - i >= 2 && j - i < 64) {
      char key[64];
      memcpy(key, b.data + i, j - i);
      key[j - i] = '\0';
      uintptr_t at = (uintptr_t)pf_strmap_get(seen, key);
      if (at) {
        words->items[at - 1].count++;
      } else {
        word w = {pf_xstrdup(key), 1};
        pf_vec_push(words, w);
        pf_strmap_put(seen, key, (void *)(uintptr_t)words->len);
      }
    }
    i = j;
  }
  pf_buf_clear(&b);
}

// The words of the Python files under @paths, most frequent first.
static void collect_words(const char *const *paths, size_t npaths,
                          wordvec *words)
{
  pf__filevec files;
  pf_vec_init(&files);
  pf__strvec warnings;
  pf_vec_init(&warnings);
  uint64_t skipped[PF_SKIP_COUNT] = {0};
  for (size_t i = 0; i < npaths; i++)
    pf__walk_path(paths[i], &files, &warnings, skipped);
  pf_strmap seen;
  pf_strmap_init(&seen);
  for (uint32_t i = 0; i < files.len; i++) {
    if (files.items[i].lang == PF__LANG_PYTHON)
      count_words(files.items[i].path, &seen, words);
    pf__file_clear(&files.items[i]);
  }
  pf_sort(words->items, words->len, sizeof(word), cmp_word);
  pf_strmap_clear(&seen);
  pf_vec_clear(&files);
  for (uint32_t i = 0; i < warnings.len; i++)
    free(warnings.items[i]);
  pf_vec_clear(&warnings);
}

int main(int argc, char **argv)
{
  pf_scan_target targets[MAX_TARGETS];
  char *owned[MAX_TARGETS];
  const char *labels[MAX_TARGETS];
  size_t ntargets = 0;
  uint32_t jobs = 0;
  bool low = false;
  long nwords = -1;
  int i = 1;
  for (; i < argc && strcmp(argv[i], "--") != 0; i++) {
    if (strcmp(argv[i], "-q") == 0) {
      quiet = true;
    } else if (strcmp(argv[i], "--low") == 0) {
      low = true;
    } else if (strcmp(argv[i], "--words") == 0 && i + 1 < argc) {
      nwords = strtol(argv[++i], NULL, 10);
    } else if (strcmp(argv[i], "-j") == 0 && i + 1 < argc) {
      jobs = (uint32_t)strtoul(argv[++i], NULL, 10);
    } else if (ntargets < MAX_TARGETS) {
      char *t = pf_xstrdup(argv[i]);
      char *dot = strchr(t, '.');
      if (dot)
        *dot = '\0';
      owned[ntargets] = t;
      labels[ntargets] = argv[i];
      memset(&targets[ntargets], 0, sizeof(targets[0]));
      targets[ntargets].table = t;
      targets[ntargets].column = dot ? dot + 1 : NULL;
      ntargets++;
    }
  }
  if (i >= argc - 1 || (ntargets == 0 && nwords < 0)) {
    fprintf(stderr, "usage: pf_scanparts [-q] [-j N] [--low] [--words N] "
                    "[TARGET...] -- PATH...\n");
    return 2;
  }
  const char *const *paths = (const char *const *)argv + i + 1;
  size_t npaths = (size_t)(argc - i - 1);
  int bad = 0;
  for (size_t t = 0; t < ntargets; t++)
    bad += check(paths, npaths, &targets[t], 1, labels[t], jobs, low);
  if (ntargets > 1)
    bad += check(paths, npaths, targets, ntargets, "(all together)", jobs, low);
  if (nwords >= 0) {
    wordvec words;
    pf_vec_init(&words);
    collect_words(paths, npaths, &words);
    // The N most frequent words, then N more at even steps through the
    // rest (rarer and rarer names).
    PF_VEC(uint32_t) pick;
    pf_vec_init(&pick);
    uint32_t top = nwords == 0 || (unsigned long)nwords > words.len
                       ? words.len
                       : (uint32_t)nwords;
    for (uint32_t w = 0; w < top; w++)
      pf_vec_push(&pick, w);
    if (top < words.len) {
      uint32_t step = (words.len - top) / top + 1;
      for (uint32_t w = top + step / 2; w < words.len; w += step)
        pf_vec_push(&pick, w);
    }
    uint32_t n = pick.len;
    unsigned failed = 0;
    for (uint32_t k = 0; k < n; k++) {
      uint32_t w = pick.items[k];
      pf_scan_target t;
      memset(&t, 0, sizeof(t));
      t.table = "t";
      t.column = words.items[w].text;
      char label[80];
      snprintf(label, sizeof(label), "t.%s", words.items[w].text);
      failed += check(paths, npaths, &t, 1, label, jobs, low) != 0;
    }
    printf("%u words checked, %u failed\n", n, failed);
    pf_vec_clear(&pick);
    bad += failed;
    for (uint32_t w = 0; w < words.len; w++)
      free(words.items[w].text);
    pf_vec_clear(&words);
  }
  for (size_t t = 0; t < ntargets; t++)
    free(owned[t]);
  pf_shutdown();
  return bad ? 1 : 0;
}
