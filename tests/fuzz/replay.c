/* Replays fuzz inputs through a LLVMFuzzerTestOneInput without libFuzzer. */
/* SPDX-License-Identifier: MIT */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "pgpreflight.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

// Reads @path whole and runs it; returns 0 when it cannot be read.
static int run_file(const char *path)
{
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "replay: cannot open %s\n", path);
    return 0;
  }
  size_t cap = 4096, len = 0;
  uint8_t *data = malloc(cap);
  size_t n;
  while (data && (n = fread(data + len, 1, cap - len, f)) > 0) {
    len += n;
    if (len == cap) {
      uint8_t *grown = realloc(data, cap * 2);
      if (!grown) {
        free(data);
        data = NULL;
        break;
      }
      data = grown;
      cap *= 2;
    }
  }
  int ok = data && !ferror(f);
  fclose(f);
  if (ok)
    LLVMFuzzerTestOneInput(data, len);
  else
    fprintf(stderr, "replay: cannot read %s\n", path);
  free(data);
  return ok;
}

/*
 * Usage: pf_fuzz_replay FILE|DIR... Runs every file given and every regular
 * file directly inside every directory given. Exits 1 when a file cannot be
 * read or no input was found; a crash in the target is the test's failure.
 */
int main(int argc, char **argv)
{
  int runs = 0, failed = 0;
  for (int i = 1; i < argc; i++) {
    struct stat st;
    if (stat(argv[i], &st) != 0) {
      fprintf(stderr, "replay: cannot open %s\n", argv[i]);
      failed++;
      continue;
    }
    if (!S_ISDIR(st.st_mode)) {
      runs++;
      failed += !run_file(argv[i]);
      continue;
    }
    DIR *d = opendir(argv[i]);
    if (!d) {
      fprintf(stderr, "replay: cannot open %s\n", argv[i]);
      failed++;
      continue;
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
      char path[4096];
      int w = snprintf(path, sizeof(path), "%s/%s", argv[i], e->d_name);
      if (w < 0 || (size_t)w >= sizeof(path) || stat(path, &st) != 0 ||
          !S_ISREG(st.st_mode))
        continue;
      runs++;
      failed += !run_file(path);
    }
    closedir(d);
  }
  pf_shutdown();
  printf("replay: %d inputs, %d unreadable\n", runs, failed);
  return failed || !runs;
}
