/* .pgpreflight.json: found upward from the working directory, validated. */
/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>

#include "core/source.h"

#define CONFIG_NAME ".pgpreflight.json"

static const pf_span none = {0, 0};

char *pf_config_find(void)
{
  pf_buf prefix = PF_BUF_INIT;
  pf_buf_puts(&prefix, "");
  for (int depth = 0; depth < 128; depth++) {
    pf_buf cand = PF_BUF_INIT;
    pf_buf_printf(&cand, "%s%s", prefix.data, CONFIG_NAME);
    struct stat st;
    if (stat(cand.data, &st) == 0 && S_ISREG(st.st_mode)) {
      pf_buf_clear(&prefix);
      return pf_buf_detach(&cand);
    }
    pf_buf_clear(&cand);
    // Stop at the root: a directory that is its own parent.
    struct stat here, up;
    pf_buf dir = PF_BUF_INIT, parent = PF_BUF_INIT;
    pf_buf_printf(&dir, "%s.", prefix.data);
    pf_buf_printf(&parent, "%s..", prefix.data);
    bool root = stat(dir.data, &here) != 0 || stat(parent.data, &up) != 0 ||
                (here.st_dev == up.st_dev && here.st_ino == up.st_ino);
    pf_buf_clear(&dir);
    pf_buf_clear(&parent);
    if (root)
      break;
    pf_buf_puts(&prefix, "../");
  }
  pf_buf_clear(&prefix);
  return NULL;
}

// Validation state: the file, the JSON path being checked, the error.
typedef struct ctx {
  const char *file;
  char *base; // directory of the file, "" when it is the current one
  pf_buf path;
  pf_error *err;
} ctx;

static bool fail(ctx *x, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static bool fail(ctx *x, const char *fmt, ...)
{
  char msg[PF_ERROR_SIZE];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof(msg), fmt, ap);
  va_end(ap);
  pf_error_set(x->err, PF_CONFIG, NULL, none, "%s: %s: %s", x->file,
               x->path.len ? x->path.data : ".", msg);
  return false;
}

// Appends ".key" (or ["key"] when it is not a plain word) to the path and
// returns the previous length, to restore with pop().
static size_t push(ctx *x, const char *key)
{
  size_t old = x->path.len;
  bool plain = *key != '\0';
  for (const char *p = key; *p; p++) {
    if (!pf_is_ident_char((unsigned char)*p) && *p != '-' && *p != '$')
      plain = false;
  }
  if (plain) {
    pf_buf_printf(&x->path, ".%s", key);
  } else {
    pf_buf_puts(&x->path, "[\"");
    for (const char *p = key; *p; p++) {
      if (*p == '"' || *p == '\\')
        pf_buf_putc(&x->path, '\\');
      pf_buf_putc(&x->path, *p);
    }
    pf_buf_puts(&x->path, "\"]");
  }
  return old;
}

static void push_index(ctx *x, int i)
{
  pf_buf_printf(&x->path, "[%d]", i);
}

static void pop(ctx *x, size_t len)
{
  x->path.len = len;
  if (x->path.data)
    x->path.data[len] = '\0';
}

// Every key of @obj must be one of @known (NULL-terminated) and appear once.
static bool check_keys(ctx *x, const cJSON *obj, const char *const *known)
{
  for (const cJSON *k = obj->child; k; k = k->next) {
    for (const cJSON *e = obj->child; e != k; e = e->next) {
      if (strcmp(e->string, k->string) == 0) {
        size_t old = push(x, k->string);
        fail(x, "duplicate key \"%s\"", k->string);
        pop(x, old);
        return false;
      }
    }
    bool ok = false;
    for (int i = 0; known[i] && !ok; i++)
      ok = strcmp(known[i], k->string) == 0;
    if (!ok) {
      pf_buf list = PF_BUF_INIT;
      for (int i = 0; known[i]; i++)
        pf_buf_printf(&list, "%s%s", i ? ", " : "", known[i]);
      size_t old = push(x, k->string);
      fail(x, "unknown key \"%s\" (known keys: %s)", k->string, list.data);
      pop(x, old);
      pf_buf_clear(&list);
      return false;
    }
  }
  return true;
}

// A path from the file, relative to the file's directory.
static char *resolve(const ctx *x, const char *p)
{
  if (!x->base[0] || p[0] == '/')
    return pf_xstrdup(p);
  pf_buf b = PF_BUF_INIT;
  pf_buf_printf(&b, "%s/%s", x->base, p);
  return pf_buf_detach(&b);
}

typedef void (*add_fn)(pf_config *, const char *);

// A string or an array of non-empty strings; each one goes to @add.
static bool strings(ctx *x, const cJSON *v, pf_config *cfg, add_fn add,
                    bool paths)
{
  if (cJSON_IsString(v)) {
    if (!*v->valuestring)
      return fail(x, "expected a non-empty string");
    char *s = paths ? resolve(x, v->valuestring) : pf_xstrdup(v->valuestring);
    add(cfg, s);
    free(s);
    return true;
  }
  if (!cJSON_IsArray(v))
    return fail(x, "expected a string or an array of strings");
  int i = 0;
  for (const cJSON *e = v->child; e; e = e->next, i++) {
    size_t old = x->path.len;
    push_index(x, i);
    if (!cJSON_IsString(e) || !*e->valuestring)
      return fail(x, "expected a non-empty string");
    pop(x, old);
    char *s = paths ? resolve(x, e->valuestring) : pf_xstrdup(e->valuestring);
    add(cfg, s);
    free(s);
  }
  return true;
}

static bool whole_number(ctx *x, const cJSON *v, double lo, double hi,
                         uint32_t *out)
{
  if (!cJSON_IsNumber(v) || v->valuedouble != floor(v->valuedouble) ||
      v->valuedouble < lo || v->valuedouble > hi)
    return fail(x, "expected a whole number from %.0f to %.0f", lo, hi);
  *out = (uint32_t)v->valuedouble;
  return true;
}

static bool severity(ctx *x, const cJSON *v, bool allow_off, int *out)
{
  pf_severity s;
  if (cJSON_IsString(v)) {
    if (allow_off && strcmp(v->valuestring, "off") == 0) {
      *out = PF_RULE_OFF;
      return true;
    }
    if (pf_severity_parse(v->valuestring, &s) && s != PF_SEV_NEVER) {
      *out = (int)s;
      return true;
    }
  }
  return fail(x, "expected %s\"error\", \"warning\" or \"notice\"",
              allow_off ? "\"off\", " : "");
}

static bool rule_entry(ctx *x, pf_config *cfg, const char *id, const cJSON *v)
{
  size_t idx = 0;
  while (idx < pf_rule_count() && strcmp(pf_rule_at(idx)->id, id) != 0)
    idx++;
  if (idx == pf_rule_count())
    return fail(x, "unknown rule \"%s\" (pgpreflight rules lists them)", id);
  if (cJSON_IsString(v)) {
    int sev = 0;
    if (!severity(x, v, true, &sev))
      return false;
    cfg->rule_sev[idx] = (int8_t)sev;
    return true;
  }
  if (!cJSON_IsObject(v))
    return fail(x, "expected \"off\", a severity or an object");
  // Options a rule takes, besides severity and enabled.
  bool index_cols = strcmp(id, "index-too-many-columns") == 0;
  static const char *const plain_keys[] = {"severity", "enabled", NULL};
  static const char *const index_keys[] = {"severity", "enabled", "max-columns",
                                           NULL};
  if (!check_keys(x, v, index_cols ? index_keys : plain_keys))
    return false;
  int sev = PF_RULE_SEV_DEFAULT;
  bool enabled = true;
  for (const cJSON *k = v->child; k; k = k->next) {
    size_t old = push(x, k->string);
    if (strcmp(k->string, "severity") == 0) {
      if (!severity(x, k, false, &sev))
        return false;
    } else if (strcmp(k->string, "enabled") == 0) {
      if (!cJSON_IsBool(k))
        return fail(x, "expected true or false");
      enabled = cJSON_IsTrue(k);
    } else if (strcmp(k->string, "max-columns") == 0) {
      if (!whole_number(x, k, 1, 32, &cfg->index_cols))
        return false;
    }
    pop(x, old);
  }
  cfg->rule_sev[idx] = (int8_t)(enabled ? sev : PF_RULE_OFF);
  return true;
}

static void add_migration(pf_config *c, const char *s)
{
  pf_config_add_migration(c, s);
}
static void add_code(pf_config *c, const char *s)
{
  pf_config_add_code_path(c, s);
}
static void add_exclude(pf_config *c, const char *s)
{
  pf_config_add_exclude(c, s);
}

static bool apply(ctx *x, pf_config *cfg, const cJSON *root)
{
  static const char *const top[] = {"$schema",
                                    "migrations",
                                    "code",
                                    "exclude",
                                    "fail-on",
                                    "db-budget-ms",
                                    "assume-in-transaction",
                                    "show-low",
                                    "rules",
                                    "help-uri-base",
                                    "long-xact-seconds",
                                    "migration-role",
                                    "pg-version",
                                    NULL};
  if (!cJSON_IsObject(root))
    return fail(x, "expected an object");
  if (!check_keys(x, root, top))
    return false;
  for (const cJSON *k = root->child; k; k = k->next) {
    size_t old = push(x, k->string);
    const char *key = k->string;
    bool ok = true;
    if (strcmp(key, "$schema") == 0) {
      ok = cJSON_IsString(k) || fail(x, "expected a string");
    } else if (strcmp(key, "migrations") == 0) {
      ok = strings(x, k, cfg, add_migration, true);
    } else if (strcmp(key, "code") == 0) {
      ok = strings(x, k, cfg, add_code, true);
    } else if (strcmp(key, "exclude") == 0) {
      ok = strings(x, k, cfg, add_exclude, false);
    } else if (strcmp(key, "fail-on") == 0) {
      pf_severity s;
      ok = (cJSON_IsString(k) && pf_severity_parse(k->valuestring, &s)) ||
           fail(x, "expected \"error\", \"warning\", \"notice\" or \"never\"");
      if (ok)
        cfg->fail_on = s;
    } else if (strcmp(key, "help-uri-base") == 0) {
      const char *why = NULL;
      ok = (cJSON_IsString(k) || fail(x, "expected a string")) &&
           (!*k->valuestring ||
            !(why = pf_help_uri_base_problem(k->valuestring)) ||
            fail(x, "%s", why));
      if (ok)
        pf_config_set_help_uri_base(cfg, k->valuestring);
    } else if (strcmp(key, "long-xact-seconds") == 0) {
      ok = whole_number(x, k, 0, 86400, &cfg->long_xact_s);
    } else if (strcmp(key, "migration-role") == 0) {
      ok = (cJSON_IsString(k) && *k->valuestring) ||
           fail(x, "expected a role name");
      if (ok)
        pf_config_set_migration_role(cfg, k->valuestring);
    } else if (strcmp(key, "pg-version") == 0) {
      int v = cJSON_IsString(k) ? pf_pg_version_parse(k->valuestring) : 0;
      ok = v || fail(x, "expected a PostgreSQL version such as \"15\" or "
                        "\"14.2\"");
      if (ok)
        pf_config_set_pg_version(cfg, v);
    } else if (strcmp(key, "db-budget-ms") == 0) {
      ok = whole_number(x, k, 1, 3600000, &cfg->db_budget_ms);
    } else if (strcmp(key, "assume-in-transaction") == 0 ||
               strcmp(key, "show-low") == 0) {
      ok = cJSON_IsBool(k) || fail(x, "expected true or false");
      if (ok && key[0] == 'a')
        cfg->assume_txn = cJSON_IsTrue(k);
      else if (ok)
        cfg->show_low = cJSON_IsTrue(k);
    } else if (strcmp(key, "rules") == 0) {
      ok = cJSON_IsObject(k) || fail(x, "expected an object of rule ids");
      for (const cJSON *r = ok ? k->child : NULL; r && ok; r = r->next) {
        for (const cJSON *e = k->child; e != r && ok; e = e->next) {
          if (strcmp(e->string, r->string) == 0) {
            size_t o2 = push(x, r->string);
            ok = fail(x, "duplicate key \"%s\"", r->string);
            pop(x, o2);
          }
        }
        size_t o2 = push(x, r->string);
        ok = ok && rule_entry(x, cfg, r->string, r);
        pop(x, o2);
      }
    }
    if (!ok)
      return false;
    pop(x, old);
  }
  return true;
}

pf_code pf__config_parse(pf_config *self, const pf_source *src, pf_error *err)
{
  const char *path = src->path;
  const char *end = NULL;
  // The terminating NUL is inside the length so that trailing garbage after
  // the value is an error, not ignored.
  cJSON *root =
      cJSON_ParseWithLengthOpts(src->data, (size_t)src->len + 1, &end, true);
  if (!root) {
    uint32_t at = end && end >= src->data ? (uint32_t)(end - src->data) : 0;
    pf_loc loc = pf_source_locate(src, at);
    pf_error_set(err, PF_CONFIG, NULL, none, "%s:%u:%u: invalid JSON", path,
                 loc.line, loc.col);
    return PF_CONFIG;
  }
  ctx x = {path, NULL, PF_BUF_INIT, err};
  const char *slash = strrchr(path, '/');
  x.base = slash ? pf_xstrndup(path, (size_t)(slash - path) + (slash == path))
                 : pf_xstrdup("");
  bool ok = apply(&x, self, root);
  free(x.base);
  pf_buf_clear(&x.path);
  cJSON_Delete(root);
  return ok ? PF_OK : PF_CONFIG;
}

pf_code pf_config_load(pf_config *self, const char *path, pf_error *err)
{
  pf_error lerr;
  pf_error_clear(&lerr);
  pf_source *src = pf_source_load(path, &lerr);
  if (!src) {
    pf_error_set(err, PF_CONFIG, NULL, none, "%s", lerr.msg);
    return PF_CONFIG;
  }
  pf_code rc = pf__config_parse(self, src, err);
  pf_source_free(src);
  return rc;
}
