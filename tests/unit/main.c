/* Runs one registered unit test by name, or all of them. */
/* SPDX-License-Identifier: MIT */
#include "test.h"

#include "pgpreflight.h"

#define MAX_TESTS 1024

static struct {
  const char *name;
  pf_test_fn fn;
} tests[MAX_TESTS];
static int ntests;

void pf_test_register(const char *name, pf_test_fn fn)
{
  if (ntests == MAX_TESTS) {
    fprintf(stderr, "too many tests\n");
    abort();
  }
  tests[ntests].name = name;
  tests[ntests].fn = fn;
  ntests++;
}

int main(int argc, char **argv)
{
  int ran = 0;
  for (int i = 0; i < ntests; i++) {
    if (argc > 1 && strcmp(argv[1], tests[i].name) != 0)
      continue;
    tests[i].fn();
    ran++;
  }
  pf_shutdown();
  if (ran == 0) {
    fprintf(stderr, "no test named %s\n", argc > 1 ? argv[1] : "(any)");
    return 1;
  }
  printf("%d passed, 0 failed\n", ran);
  return 0;
}
