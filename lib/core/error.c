/* Error values: codes, names and the one-line rendered form. */
/* SPDX-License-Identifier: MIT */
#include "core.h"
#include "source.h"

#include <stdio.h>
#include <string.h>

static const char *const code_names[] = {
#define PF_CODE(name, msg) #name,
#include "diag_codes.def"
#undef PF_CODE
};

static const char *const code_messages[] = {
#define PF_CODE(name, msg) msg,
#include "diag_codes.def"
#undef PF_CODE
};

const char *pf_code_name(pf_code code)
{
  if ((unsigned)code >= PF_CODE_COUNT)
    return "UNKNOWN";
  return code_names[code];
}

void pf_error_clear(pf_error *err)
{
  if (err)
    memset(err, 0, sizeof(*err));
}

void pf_error_set(pf_error *err, pf_code code, const pf_source *src,
                  pf_span span, const char *fmt, ...)
{
  if (!err || err->code != PF_OK)
    return;
  err->code = code;
  err->src = src;
  err->span = span;
  err->sqlstate[0] = '\0';
  if (fmt) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
    va_end(ap);
  } else {
    snprintf(err->msg, sizeof(err->msg), "%s",
             code_messages[(unsigned)code < PF_CODE_COUNT ? code : 0]);
  }
  // One line, always.
  for (char *p = err->msg; *p; p++) {
    if (*p == '\n' || *p == '\r')
      *p = ' ';
  }
}

void pf_error_format(const pf_error *err, char *out, size_t size)
{
  if (!size)
    return;
  if (err->src) {
    pf_loc loc = pf_source_locate(err->src, err->span.start);
    snprintf(out, size, "%s:%u:%u: error: %s", err->src->path, loc.line,
             loc.col, err->msg);
  } else {
    snprintf(out, size, "error: %s", err->msg);
  }
}

const char *pf_version(void)
{
  return PF_VERSION_STRING;
}
