/* libFuzzer target: bytes -> .pgpreflight.json parser and validator. */
/* SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <string.h>

#include "config/config.h"
#include "core/source.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  // A copy with its own NUL, as a file read from disk has.
  pf_source *src =
      pf_source_from_mem("dir/.pgpreflight.json", (const char *)data, size);
  pf_config *cfg = pf_config_new();
  pf_error err;
  pf_error_clear(&err);
  pf_code rc = pf__config_parse(cfg, src, &err);
  // An error always says what is wrong; success leaves no error behind.
  if ((rc == PF_OK) != (err.code == PF_OK) || (rc != PF_OK && !err.msg[0]))
    __builtin_trap();
  pf_config_free(cfg);
  pf_source_free(src);
  return 0;
}
