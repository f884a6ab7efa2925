/* Connection strings: redaction of passwords and scrubbing of messages. */
/* SPDX-License-Identifier: MIT */
#include "live.h"
#include "live_int.h"

#include <stdlib.h>
#include <string.h>

#include "live/pq.h"

#include "core/core.h"

// Secrets shorter than this are not scrubbed from messages: replacing every
// "a" of a message would hide nothing and destroy the text.
#define MIN_SCRUB_LEN 3

static bool has_prefix(const char *s, const char *prefix)
{
  return strncmp(s, prefix, strlen(prefix)) == 0;
}

bool pf__live_is_url(const char *conninfo)
{
  return conninfo && (has_prefix(conninfo, "postgresql://") ||
                      has_prefix(conninfo, "postgres://"));
}

// Is the URL query key @k (length @n) a secret?
static bool is_secret_key(const char *k, size_t n)
{
  return (n == 8 && strncmp(k, "password", n) == 0) ||
         (n == 11 && strncmp(k, "sslpassword", n) == 0);
}

// Redacts a postgresql:// URL textually, so its form is preserved:
// "user:secret@" and "password=secret" query parameters become "***".
static void redact_url(const char *url, pf_buf *b)
{
  const char *auth = strstr(url, "://") + 3;
  size_t auth_len = strcspn(auth, "/?#");
  const char *at = NULL;
  for (const char *p = auth; p < auth + auth_len; p++) {
    if (*p == '@')
      at = p;
  }
  pf_buf_append(b, url, (size_t)(auth - url));
  const char *rest = auth;
  if (at) {
    const char *colon = memchr(auth, ':', (size_t)(at - auth));
    if (colon) {
      pf_buf_append(b, auth, (size_t)(colon - auth) + 1);
      pf_buf_puts(b, "***");
      rest = at;
    }
  }
  const char *q = strchr(rest, '?');
  if (!q) {
    pf_buf_puts(b, rest);
    return;
  }
  pf_buf_append(b, rest, (size_t)(q - rest) + 1);
  const char *p = q + 1;
  while (*p) {
    size_t len = strcspn(p, "&");
    const char *eq = memchr(p, '=', len);
    if (eq && is_secret_key(p, (size_t)(eq - p))) {
      pf_buf_append(b, p, (size_t)(eq - p) + 1);
      pf_buf_puts(b, "***");
    } else {
      pf_buf_append(b, p, len);
    }
    p += len;
    if (*p == '&') {
      pf_buf_putc(b, '&');
      p++;
    }
  }
}

static bool is_space(char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}

// Redacts a key=value string textually, keeping everything but the secrets
// as written. Only called on strings libpq parsed, so the syntax is valid:
// key, optional spaces, '=', optional spaces, a value that is either
// single-quoted or runs to the next space, with backslash escapes in both.
static void redact_kv(const char *s, pf_buf *b)
{
  const char *p = s;
  while (*p) {
    const char *start = p;
    while (is_space(*p))
      p++;
    const char *key = p;
    while (*p && *p != '=' && !is_space(*p))
      p++;
    size_t key_len = (size_t)(p - key);
    while (*p && *p != '=')
      p++;
    if (!*p) {
      pf_buf_puts(b, start);
      return;
    }
    p++; // '='
    while (is_space(*p))
      p++;
    const char *value = p;
    if (*p == '\'') {
      for (p++; *p && *p != '\''; p++) {
        if (*p == '\\' && p[1])
          p++;
      }
      if (*p)
        p++;
    } else {
      for (; *p && !is_space(*p); p++) {
        if (*p == '\\' && p[1])
          p++;
      }
    }
    if (is_secret_key(key, key_len)) {
      pf_buf_append(b, start, (size_t)(value - start));
      pf_buf_puts(b, "***");
    } else {
      pf_buf_append(b, start, (size_t)(p - start));
    }
  }
}

void pf__live_redact(const char *conninfo, char *out, size_t size)
{
  if (!size)
    return;
  out[0] = '\0';
  if (!conninfo || !*conninfo)
    return;
  pf_buf b = PF_BUF_INIT;
  if (pf__live_is_url(conninfo)) {
    redact_url(conninfo, &b);
  } else if (!pf__pq_load(NULL, 0)) {
    // Without libpq to validate it, show no part of the string.
    pf_buf_puts(&b, "(connection string)");
  } else {
    char *errmsg = NULL;
    PQconninfoOption *opts = PQconninfoParse(conninfo, &errmsg);
    if (opts)
      redact_kv(conninfo, &b);
    else if (!strchr(conninfo, '='))
      pf_buf_puts(&b, conninfo); // a bare database name
    else
      pf_buf_puts(&b, "(invalid connection string)");
    PQconninfoFree(opts);
    PQfreemem(errmsg);
  }
  pf_buf_puts(&b, ""); // NUL-terminated even when empty
  size_t n = b.len < size - 1 ? b.len : size - 1;
  memcpy(out, b.data, n);
  out[n] = '\0';
  pf_buf_clear(&b);
}

void pf__live_scrub(char *msg, const char *secret)
{
  size_t slen = secret ? strlen(secret) : 0;
  if (slen < MIN_SCRUB_LEN)
    return;
  char *hit;
  while ((hit = strstr(msg, secret)) != NULL) {
    // "***" is never longer than the secret, so this shrinks in place.
    memcpy(hit, "***", 3);
    memmove(hit + 3, hit + slen, strlen(hit + slen) + 1);
  }
}

void pf__live_one_line(char *msg)
{
  char *w = msg;
  bool space = false;
  for (const char *r = msg; *r; r++) {
    bool ws = *r == ' ' || *r == '\n' || *r == '\r' || *r == '\t';
    if (ws) {
      space = w != msg;
      continue;
    }
    if (space)
      *w++ = ' ';
    space = false;
    *w++ = *r;
  }
  *w = '\0';
}

void pf__live_scrub_conninfo(char *msg, const char *conninfo)
{
  pf__live_scrub(msg, getenv("PGPASSWORD"));
  if (!conninfo || !*conninfo || !pf__pq_load(NULL, 0))
    return;
  char *errmsg = NULL;
  PQconninfoOption *opts = PQconninfoParse(conninfo, &errmsg);
  for (const PQconninfoOption *o = opts; o && o->keyword; o++) {
    if (o->val && o->dispchar && o->dispchar[0] == '*')
      pf__live_scrub(msg, o->val);
  }
  PQconninfoFree(opts);
  PQfreemem(errmsg);
  if (!pf__live_is_url(conninfo))
    return;
  // The raw (still percent-encoded) secret, e.g. when libpq rejected it.
  const char *auth = strstr(conninfo, "://") + 3;
  size_t auth_len = strcspn(auth, "/?#");
  const char *at = NULL, *colon = NULL;
  for (const char *p = auth; p < auth + auth_len; p++) {
    if (*p == '@')
      at = p;
  }
  if (at)
    colon = memchr(auth, ':', (size_t)(at - auth));
  if (colon) {
    char *raw = pf_xstrndup(colon + 1, (size_t)(at - colon - 1));
    pf__live_scrub(msg, raw);
    free(raw);
  }
}
