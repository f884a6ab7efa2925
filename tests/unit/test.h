/* A small unit-test harness: TEST(name) registers, ASSERT_* abort loudly. */
/* SPDX-License-Identifier: MIT */
#ifndef PF_TESTS_TEST_H
#define PF_TESTS_TEST_H

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef void (*pf_test_fn)(void);
void pf_test_register(const char *name, pf_test_fn fn);

// Each TEST(name) is registered before main runs; CMake reads the same
// TEST(name) lines to create one ctest entry per test.
#define TEST(name)                                                             \
  static void test_##name(void);                                               \
  __attribute__((constructor)) static void register_##name(void)               \
  {                                                                            \
    pf_test_register(#name, test_##name);                                      \
  }                                                                            \
  static void test_##name(void)

#define PF_TEST_FAIL(...)                                                      \
  do {                                                                         \
    fprintf(stderr, "%s:%d: assertion failed: ", __FILE__, __LINE__);          \
    fprintf(stderr, __VA_ARGS__);                                              \
    fputc('\n', stderr);                                                       \
    abort();                                                                   \
  } while (0)

#define ASSERT(cond)                                                           \
  do {                                                                         \
    if (!(cond))                                                               \
      PF_TEST_FAIL("%s", #cond);                                               \
  } while (0)

#define ASSERT_EQ(a, b)                                                        \
  do {                                                                         \
    long long a_ = (long long)(a), b_ = (long long)(b);                        \
    if (a_ != b_)                                                              \
      PF_TEST_FAIL("%s == %s (%lld != %lld)", #a, #b, a_, b_);                 \
  } while (0)

#define ASSERT_STR_EQ(a, b)                                                    \
  do {                                                                         \
    const char *a_ = (a), *b_ = (b);                                           \
    if (!a_ || !b_ || strcmp(a_, b_) != 0)                                     \
      PF_TEST_FAIL("%s == %s (\"%s\" != \"%s\")", #a, #b, a_ ? a_ : "(null)",  \
                   b_ ? b_ : "(null)");                                        \
  } while (0)

#define ASSERT_NULL(a) ASSERT((a) == NULL)
#define ASSERT_OK(code, err)                                                   \
  do {                                                                         \
    if ((code) != PF_OK)                                                       \
      PF_TEST_FAIL("%s returned %d: %s", #code, (int)(code), (err).msg);       \
  } while (0)

#endif
