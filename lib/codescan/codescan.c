/* Code scan driver: walk, read, prefilter, scan in threads, merge, sort. */
/* SPDX-License-Identifier: MIT */
#include "codescan.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/proc.h"
#include "prefilter.h"
#include "scan.h"

#define DEFAULT_MAX_FILE_SIZE (2u * 1024u * 1024u)
#define BINARY_PROBE          8192u
#define SNIPPET_MAX           200u
// Where a "generated" marker is looked for: the first lines, first bytes.
#define GENERATED_LINES 10
#define GENERATED_PROBE 2048u

const char *pf_ref_kind_name(pf_ref_kind kind)
{
  static const char *const names[] = {"sql-string",    "orm",
                                      "query-builder", "attribute",
                                      "identifier",    "insert-omits-column",
                                      "literal"};
  return (unsigned)kind < PF_REF_KIND_COUNT ? names[kind] : "unknown";
}

const char *pf_confidence_name(pf_confidence conf)
{
  static const char *const names[] = {"low", "medium", "high"};
  return (unsigned)conf < PF_CONF_COUNT ? names[conf] : "unknown";
}

void pf__scan_result_init(pf_scan_result *self)
{
  memset(self, 0, sizeof(*self));
  pf_vec_init(&self->refs);
  pf_vec_init(&self->warnings);
}

void pf__ref_clear(pf_code_ref *ref)
{
  free(ref->path);
  free(ref->snippet);
  free(ref->detail);
  ref->path = ref->snippet = ref->detail = NULL;
}

void pf__scan_result_clear(pf_scan_result *self)
{
  for (uint32_t i = 0; i < self->refs.len; i++)
    pf__ref_clear(&self->refs.items[i]);
  pf_vec_clear(&self->refs);
  for (uint32_t i = 0; i < self->warnings.len; i++)
    free(self->warnings.items[i]);
  pf_vec_clear(&self->warnings);
  pf__scan_result_init(self);
}

/* Section - References */

// Whether @line (@n bytes) holds PF_IGNORE_REF_TOKEN inside a comment
// ("#", "//", "--" or "/*" before it); @alone: nothing but the comment.
static bool ignore_comment(const char *line, size_t n, bool alone)
{
  static const char tok[] = PF_IGNORE_REF_TOKEN;
  const size_t m = sizeof(tok) - 1;
  const char *hit = NULL;
  for (size_t i = 0; i + m <= n && !hit; i++) {
    if (memcmp(line + i, tok, m) == 0)
      hit = line + i;
  }
  if (!hit)
    return false;
  const char *p = line;
  while (p < hit && (*p == ' ' || *p == '\t'))
    p++;
  // A comment opener outside quotes ("--" inside a SQL string is not one).
  char quote = 0;
  for (const char *c = p; c < hit; c++) {
    if (quote) {
      if (*c == '\\' && c + 1 < hit)
        c++;
      else if (*c == quote)
        quote = 0;
      continue;
    }
    if (*c == '#' || (c + 1 < hit && ((c[0] == '/' && c[1] == '/') ||
                                      (c[0] == '-' && c[1] == '-') ||
                                      (c[0] == '/' && c[1] == '*'))))
      return true;
    if (alone)
      return false;
    if (*c == '"' || *c == '\'' || *c == '`')
      quote = *c;
  }
  return false;
}

static bool ref_suppressed(const pf_source *src, uint32_t lineno)
{
  size_t n;
  const char *line = pf_source_line(src, lineno, &n);
  if (line && ignore_comment(line, n, false))
    return true;
  if (lineno <= 1)
    return false;
  line = pf_source_line(src, lineno - 1, &n);
  return line && ignore_comment(line, n, true);
}

void pf__ref_at(pf__fctx *fx, pf_code_ref *ref, uint32_t start, uint32_t end,
                pf_ref_kind kind, const char *detail)
{
  memset(ref, 0, sizeof(*ref));
  pf_loc a = pf_source_locate(fx->src, start);
  ref->path = pf_xstrdup(fx->file->path);
  ref->line = a.line;
  ref->col = a.col;
  // end_col stays on the start line: a multi-line span ends with the line.
  size_t llen;
  const char *line = pf_source_line(fx->src, a.line, &llen);
  uint32_t line_start = (uint32_t)(line - fx->src->data);
  uint32_t end_on_line = end;
  if (end_on_line > line_start + llen)
    end_on_line = line_start + (uint32_t)llen;
  if (end_on_line < start)
    end_on_line = start;
  ref->end_col = end_on_line - line_start + 1;
  while (llen && (*line == ' ' || *line == '\t')) {
    line++;
    llen--;
  }
  while (llen && (line[llen - 1] == ' ' || line[llen - 1] == '\t'))
    llen--;
  if (llen > SNIPPET_MAX) {
    llen = SNIPPET_MAX;
    // Do not cut a UTF-8 sequence in half.
    while (llen && ((unsigned char)line[llen] & 0xC0) == 0x80)
      llen--;
  }
  ref->snippet = pf_xstrndup(line, llen);
  ref->suppressed = ref_suppressed(fx->src, a.line);
  ref->kind = kind;
  ref->detail = pf_xstrdup(detail ? detail : "");
}

void pf__emit(pf__fctx *fx, uint32_t target, uint32_t start, uint32_t end,
              pf_ref_kind kind, pf_confidence conf, const char *detail)
{
  if (conf == PF_CONF_LOW && !fx->scan->include_low)
    return;
  pf_code_ref ref;
  pf__ref_at(fx, &ref, start, end, kind, detail);
  ref.target = target;
  ref.confidence = conf;
  pf_vec_push(&fx->file->refs, ref);
}

void pf__emit_omit(pf__fctx *fx, uint32_t target, uint32_t start, uint32_t end,
                   pf_confidence conf, pf_omit_site site, const char *detail)
{
  uint32_t before = fx->file->refs.len;
  pf__emit(fx, target, start, end, PF_REF_INSERT_OMITS, conf, detail);
  if (fx->file->refs.len > before)
    pf_vec_last(&fx->file->refs)->omit = site;
}

static char *dir_of(const char *path)
{
  const char *slash = strrchr(path, '/');
  return slash ? pf_xstrndup(path, (size_t)(slash - path)) : pf_xstrdup(".");
}

pf__model *pf__model_add(pf__fctx *fx, const char *name, TSNode decl)
{
  pf__model m;
  memset(&m, 0, sizeof(m));
  pf__ref_at(fx, &m.at, ts_node_start_byte(decl), ts_node_end_byte(decl),
             PF_REF_ORM, "model declaration");
  pf__ref_at(fx, &m.decl, ts_node_start_byte(decl), ts_node_end_byte(decl),
             PF_REF_ORM, "model declaration");
  m.lang = fx->lang;
  m.name = pf_xstrdup(name);
  m.dir = dir_of(fx->file->path);
  pf_vec_init(&m.fields);
  pf_vec_push(&fx->file->models, m);
  return pf_vec_last(&fx->file->models);
}

void pf__model_at(pf__fctx *fx, pf__model *m, uint32_t start, uint32_t end,
                  const char *detail)
{
  pf__ref_clear(&m->at);
  pf__ref_at(fx, &m->at, start, end, PF_REF_ORM, detail);
}

pf__field *pf__model_field(pf__fctx *fx, pf__model *m, const char *field,
                           const char *column, uint32_t start, uint32_t end,
                           const char *detail)
{
  pf__field f;
  f.field = pf_xstrdup(field);
  f.column = pf_xstrdup(column);
  f.flags = 0;
  pf__ref_at(fx, &f.at, start, end, PF_REF_ORM, detail);
  pf_vec_push(&m->fields, f);
  return pf_vec_last(&m->fields);
}

void pf__model_inserts_declared(pf__model *m, const char *orm, bool complete)
{
  m->inserts = complete ? PF__INS_DECLARED : PF__INS_PARTIAL;
  m->orm = orm;
}

void pf__model_loose(pf__model *m, const char *column)
{
  for (uint32_t i = 0; i < m->loose.len; i++) {
    if (strcmp(m->loose.items[i], column) == 0)
      return;
  }
  pf_vec_push(&m->loose, pf_xstrdup(column));
}

void pf__insert_columns(pf__fctx *fx, const char *table,
                        const char *const *cols, size_t ncols, bool list,
                        uint32_t start, uint32_t end, const char *detail)
{
  const char *dot = table ? strrchr(table, '.') : NULL;
  const char *name = dot ? dot + 1 : table;
  for (size_t i = 0; name && i < fx->scan->ninserts; i++) {
    const pf_scan_target *tg = fx->scan->inserts[i];
    if (!tg->column || strcmp(tg->table, name) != 0)
      continue;
    bool named = false;
    for (size_t k = 0; k < ncols && !named; k++)
      named = strcmp(cols[k], tg->column) == 0;
    if (named || (!list && tg->position != PF_SCAN_POS_LAST))
      continue;
    pf__emit_omit(fx, (uint32_t)(fx->scan->ntargets + i), start, end,
                  PF_CONF_HIGH, PF_OMIT_COPY, detail);
  }
}

bool pf__is_insert_column(const pf__scan *scan, const char *name, size_t n)
{
  for (size_t i = 0; i < scan->ninserts; i++) {
    const char *c = scan->inserts[i]->column;
    size_t m = c ? strlen(c) : 0;
    if (m == n && memcmp(c, name, n) == 0)
      return true;
    if (m == n + 3 && memcmp(c, name, n) == 0 && strcmp(c + n, "_id") == 0)
      return true;
  }
  return false;
}

void pf__use_add_flags(pf__fctx *fx, const char *model, const char *field,
                       uint32_t start, uint32_t end, pf_ref_kind kind,
                       int flags, const char *detail)
{
  // In a lean scan (Python around candidates, pf__lean) a use resolves to a
  // column only through a field named like it or a model field that maps it;
  // the scan runs again in full when such a field is not a candidate name
  // (python_alias). Another field resolves to nothing: not kept.
  if (pf__lean(fx->scan, fx->lang) &&
      !pf__is_candidate(fx->scan, field, strlen(field)))
    return;
  pf__use u;
  u.lang = fx->lang;
  u.model = pf_xstrdup(model);
  u.field = pf_xstrdup(field);
  u.flags = flags;
  pf__ref_at(fx, &u.at, start, end, kind, detail);
  pf_vec_push(&fx->file->uses, u);
}

void pf__use_add(pf__fctx *fx, const char *model, const char *field,
                 uint32_t start, uint32_t end, pf_ref_kind kind,
                 const char *detail)
{
  pf__use_add_flags(fx, model, field, start, end, kind, 0, detail);
}

void pf__tablename_add(pf__fctx *fx, const char *type, const char *table,
                       uint32_t start, uint32_t end)
{
  pf__tablename t;
  memset(&t, 0, sizeof(t));
  t.dir = NULL;
  t.type = pf_xstrdup(type);
  t.table = pf_xstrdup(table);
  if (start < end)
    pf__ref_at(fx, &t.at, start, end, PF_REF_ORM, "table name of the model");
  pf_vec_push(&fx->file->tablenames, t);
}

void pf__emit_column(pf__fctx *fx, const char *table, const char *column,
                     uint32_t s, uint32_t e, pf_ref_kind kind,
                     pf_confidence conf, const char *detail)
{
  if (!table || !column)
    return;
  for (size_t t = 0; t < fx->scan->ntargets; t++) {
    const pf_scan_target *tg = &fx->scan->targets[t];
    if (tg->column && strcmp(tg->column, column) == 0 &&
        strcmp(tg->table, table) == 0)
      pf__emit(fx, (uint32_t)t, s, e, kind, conf, detail);
  }
}

bool pf__is_candidate(const pf__scan *scan, const char *s, size_t n)
{
  for (size_t i = 0; i < scan->ncands; i++) {
    if (scan->cand_lens[i] == n && pf_strcaseeq_n(scan->cands[i], s, n))
      return true;
  }
  return false;
}

bool pf__is_target_column(const pf__scan *scan, const char *col, size_t n)
{
  for (size_t i = 0; i < scan->ntargets; i++) {
    const char *c = scan->targets[i].column;
    if (c && strlen(c) == n && memcmp(c, col, n) == 0)
      return true;
  }
  return false;
}

/* Section - Reading and prefiltering */

const char *pf_skip_reason_name(pf_skip_reason reason)
{
  static const char *const names[] = {
      "ignored",    "excluded", "generated", "too-large", "binary",
      "unreadable", "special",  "symlink",   "too-deep",
  };
  return (unsigned)reason < PF_SKIP_COUNT ? names[reason] : "unknown";
}

// The first occurrence of @needle (@m bytes) in @hay (@n bytes), or NULL.
static const char *find_bytes(const char *hay, size_t n, const char *needle,
                              size_t m)
{
  if (m > n)
    return NULL;
  const char *end = hay + n - m + 1;
  for (const char *p = hay; p < end; p++) {
    p = memchr(p, needle[0], (size_t)(end - p));
    if (!p)
      return NULL;
    if (memcmp(p, needle, m) == 0)
      return p;
  }
  return NULL;
}

// Whether the first lines of @data say that a tool wrote the file: Go's
// "Code generated ... DO NOT EDIT." (golang.org/s/generatedcode) or the
// "@generated" marker of Facebook's tools, protoc plugins and others.
static bool generated(const char *data, size_t len)
{
  size_t n = len < GENERATED_PROBE ? len : GENERATED_PROBE;
  const char *p = data, *end = data + n;
  for (int line = 0; line < GENERATED_LINES && p < end; line++) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t ll = nl ? (size_t)(nl - p) : (size_t)(end - p);
    const char *cg = find_bytes(p, ll, "Code generated ", 15);
    if (cg && find_bytes(cg, ll - (size_t)(cg - p), "DO NOT EDIT", 11))
      return true;
    if (find_bytes(p, ll, "@generated", 10))
      return true;
    if (!nl)
      break;
    p = nl + 1;
  }
  return false;
}

static void skip_file(pf__file *f, pf_skip_reason why)
{
  f->skip = (int)why;
}

// Reads the file of @f whole into @b (reused from file to file, so that
// reading costs no allocation); returns false (with a warning for a
// problem, silently for a file without any candidate name) when it is not
// to be parsed.
static bool read_file(const pf__scan *scan, pf__file *f, pf_buf *b)
{
  pf_buf_reset(b);
  int fd = open(f->path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    pf__warn(&f->warnings, f->path, "cannot read: %s", strerror(errno));
    skip_file(f, PF_SKIP_UNREADABLE);
    return false;
  }
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    pf__warn(&f->warnings, f->path, "skipped: not a regular file");
    skip_file(f, PF_SKIP_SPECIAL);
    close(fd);
    return false;
  }
  if ((uint64_t)st.st_size > scan->max_file_size) {
    pf__warn(&f->warnings, f->path, "skipped: file is larger than %llu bytes",
             (unsigned long long)scan->max_file_size);
    skip_file(f, PF_SKIP_TOO_LARGE);
    close(fd);
    return false;
  }
  // One byte more than the size, to notice a file that grew.
  pf_buf_reserve(b, (size_t)st.st_size + 1);
  for (;;) {
    size_t room = b->cap - 1 - b->len;
    if (room == 0) {
      pf_buf_reserve(b, b->cap);
      room = b->cap - 1 - b->len;
    }
    ssize_t n = read(fd, b->data + b->len, room);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0) {
      pf__warn(&f->warnings, f->path, "cannot read: %s", strerror(errno));
      skip_file(f, PF_SKIP_UNREADABLE);
      close(fd);
      return false;
    }
    if (n == 0)
      break;
    b->len += (size_t)n;
    if (b->len > scan->max_file_size) {
      pf__warn(&f->warnings, f->path, "skipped: file is larger than %llu bytes",
               (unsigned long long)scan->max_file_size);
      skip_file(f, PF_SKIP_TOO_LARGE);
      close(fd);
      return false;
    }
  }
  close(fd);
  b->data[b->len] = '\0';
  f->bytes = b->len;
  size_t probe = b->len < BINARY_PROBE ? b->len : BINARY_PROBE;
  if (probe && memchr(b->data, '\0', probe)) {
    pf__warn(&f->warnings, f->path, "skipped binary file");
    skip_file(f, PF_SKIP_BINARY);
    return false;
  }
  if (!pf__prefilter_hit(scan->prefilter, b->data, b->len))
    return false;
  // Only files that matter pay for the generated-code check.
  if (generated(b->data, b->len)) {
    skip_file(f, PF_SKIP_GENERATED);
    return false;
  }
  return true;
}

/* Section - Workers */

typedef struct pool {
  pf__scan *scan;
  pf__filevec *files;
  pthread_mutex_t lock;
  pthread_cond_t finished; // signalled when a worker leaves
  uint32_t next;           // the next file to claim
  uint32_t done;           // files scanned
  uint32_t exited;         // workers that left
  // Queries are compiled per language on first use, under qlock.
  pthread_mutex_t qlock;
  bool compiled[PF__LANG_COUNT];
  pf_code qrc; // the first compile error
  pf_error qerr;
} pool;

// Whether the queries of @lang are ready (compiling them on first use).
static bool queries_ready(pool *p, pf__lang lang)
{
  pthread_mutex_lock(&p->qlock);
  if (!p->compiled[lang] && p->qrc == PF_OK) {
    p->qrc = pf__queries_compile_lang(p->scan, lang, &p->qerr);
    p->compiled[lang] = true;
  }
  bool ok = p->qrc == PF_OK;
  pthread_mutex_unlock(&p->qlock);
  return ok;
}

static void scan_one(pool *p, pf__file *f, TSParser *parser, pf_buf *rbuf,
                     pf__occvec *occ)
{
  pf__scan *scan = p->scan;
  pf__fctx fx;
  memset(&fx, 0, sizeof(fx));
  fx.scan = scan;
  fx.file = f;
  fx.parser = parser;
  fx.lang = f->lang;
  fx.occ = occ;
  if (!read_file(scan, f, rbuf) || !queries_ready(p, f->lang))
    return;
  fx.src = pf_source_from_mem(f->path, rbuf->data, rbuf->len);
  f->parsed = true;
  if (f->lang == PF__LANG_SQL)
    pf__sql_scan_file(&fx);
  else if (f->lang == PF__LANG_PRISMA)
    pf__prisma_scan_file(&fx);
  else
    pf__ts_scan_file(&fx);
  pf_source_free(fx.src);
}

static void worker_loop(pool *p)
{
  TSParser *parser = ts_parser_new();
  pf_buf rbuf = PF_BUF_INIT;
  pf__occvec occ;
  pf_vec_init(&occ);
  bool scanned = false;
  for (;;) {
    pthread_mutex_lock(&p->lock);
    p->done += scanned;
    uint32_t i = p->next++;
    if (i >= p->files->len) {
      p->exited++;
      pthread_cond_signal(&p->finished);
      pthread_mutex_unlock(&p->lock);
      break;
    }
    pthread_mutex_unlock(&p->lock);
    scan_one(p, &p->files->items[i], parser, &rbuf, &occ);
    scanned = true;
  }
  pf_buf_clear(&rbuf);
  pf_vec_clear(&occ);
  ts_parser_delete(parser);
}

// Waits for @started workers to leave, reporting progress about every
// 100 ms to @fn.
static void wait_with_progress(pool *p, uint32_t started, pf_progress_fn fn,
                               void *ud)
{
  pthread_mutex_lock(&p->lock);
  while (p->exited < started) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_nsec += 100 * 1000 * 1000;
    if (ts.tv_nsec >= 1000000000L) {
      ts.tv_sec++;
      ts.tv_nsec -= 1000000000L;
    }
    pthread_cond_timedwait(&p->finished, &p->lock, &ts);
    uint32_t done = p->done;
    bool more = p->exited < started;
    pthread_mutex_unlock(&p->lock);
    // The final call comes after the loop.
    if (more)
      fn(ud, done, p->files->len);
    pthread_mutex_lock(&p->lock);
  }
  uint32_t done = p->done;
  pthread_mutex_unlock(&p->lock);
  fn(ud, done, p->files->len);
}

// libpg_query frees a thread's parser memory when the thread exits.
static void *worker(void *arg)
{
  worker_loop(arg);
  return NULL;
}

// Whether a Python model maps a target column under a field name that
// holds no candidate ("memo = Column('notes')"), or in a lean scan is not
// a candidate name ("notes_text = Column('notes')"): its uses were not
// looked for around the candidates (in a lean scan whole words:
// treesitter.c, whole_word), so Python files are scanned again in full.
static bool python_alias(const pf__scan *scan, const pf__filevec *files)
{
  for (uint32_t i = 0; i < files->len; i++) {
    const pf__file *f = &files->items[i];
    for (uint32_t k = 0; k < f->models.len; k++) {
      const pf__model *m = &f->models.items[k];
      if (m->lang != PF__LANG_PYTHON)
        continue;
      for (uint32_t j = 0; j < m->fields.len; j++) {
        const pf__field *fd = &m->fields.items[j];
        // A lean scan counts whole-word occurrences only (pf__lean).
        bool lean = !scan->ninserts && !scan->nliterals;
        if (pf__is_target_column(scan, fd->column, strlen(fd->column)) &&
            (lean ? !pf__is_candidate(scan, fd->field, strlen(fd->field))
                  : !pf__prefilter_hit(scan->prefilter, fd->field,
                                       strlen(fd->field))))
          return true;
      }
    }
  }
  return false;
}

// Drops what file @f contributed, keeping its path and language.
static void file_reset(pf__file *f)
{
  char *path = f->path;
  pf__lang lang = f->lang;
  f->path = NULL;
  pf__file_clear(f);
  memset(f, 0, sizeof(*f));
  f->path = path;
  f->lang = lang;
  f->skip = -1;
}

// Scans the parsed Python files again, on this thread, with the models
// query over the whole tree.
static void rescan_python(pool *p)
{
  p->scan->full_models = true;
  // The models query, which the scan around candidates did without.
  p->compiled[PF__LANG_PYTHON] = false;
  TSParser *parser = ts_parser_new();
  pf_buf rbuf = PF_BUF_INIT;
  pf__occvec occ;
  pf_vec_init(&occ);
  for (uint32_t i = 0; i < p->files->len; i++) {
    pf__file *f = &p->files->items[i];
    if (f->lang != PF__LANG_PYTHON || !f->parsed)
      continue;
    file_reset(f);
    scan_one(p, f, parser, &rbuf, &occ);
  }
  pf_vec_clear(&occ);
  pf_buf_clear(&rbuf);
  ts_parser_delete(parser);
}

/* Section - Merging */

static bool family_eq(pf__lang a, pf__lang b)
{
  bool ja =
      a == PF__LANG_JAVASCRIPT || a == PF__LANG_TYPESCRIPT || a == PF__LANG_TSX;
  bool jb =
      b == PF__LANG_JAVASCRIPT || b == PF__LANG_TYPESCRIPT || b == PF__LANG_TSX;
  return a == b || (ja && jb);
}

static void push_copy(pf_scan_result *out, const pf_code_ref *at,
                      uint32_t target, pf_ref_kind kind, pf_confidence conf)
{
  pf_code_ref r = *at;
  r.path = pf_xstrdup(at->path);
  r.snippet = pf_xstrdup(at->snippet);
  r.detail = pf_xstrdup(at->detail);
  r.target = target;
  r.kind = kind;
  r.confidence = conf;
  pf_vec_push(&out->refs, r);
}

// The table of model @m: explicit, from a Go TableName() method of the same
// package (or EF's ToTable / DbSet), or by convention. *from is set to the
// table-name declaration that gave it, else NULL.
static const char *model_table_from(const pf__filevec *files,
                                    const pf__model *m,
                                    const pf__tablename **from)
{
  *from = NULL;
  if (m->table)
    return m->table;
  if (m->lang == PF__LANG_GO || m->lang == PF__LANG_CSHARP) {
    for (uint32_t i = 0; i < files->len; i++) {
      const pf__file *f = &files->items[i];
      for (uint32_t k = 0; k < f->tablenames.len; k++) {
        const pf__tablename *t = &f->tablenames.items[k];
        if (f->lang == m->lang && (!t->dir || strcmp(t->dir, m->dir) == 0) &&
            strcmp(t->type, m->name) == 0) {
          *from = t;
          return t->table;
        }
      }
    }
  }
  return m->default_table;
}

static const char *model_table(const pf__filevec *files, const pf__model *m)
{
  const pf__tablename *from;
  return model_table_from(files, m, &from);
}

static void resolve_models(const pf__scan *scan, const pf__filevec *files,
                           pf_scan_result *out)
{
  for (uint32_t i = 0; i < files->len; i++) {
    const pf__file *f = &files->items[i];
    for (uint32_t k = 0; k < f->models.len; k++) {
      const pf__model *m = &f->models.items[k];
      const pf__tablename *from;
      const char *table = model_table_from(files, m, &from);
      if (!table)
        continue;
      for (size_t t = 0; t < scan->ntargets; t++) {
        const pf_scan_target *tg = &scan->targets[t];
        if (strcmp(tg->table, table) != 0)
          continue;
        if (!tg->column) {
          // The string that names the table, where there is one.
          push_copy(out, from && from->at.path ? &from->at : &m->at,
                    (uint32_t)t, PF_REF_ORM, PF_CONF_HIGH);
          continue;
        }
        for (uint32_t j = 0; j < m->fields.len; j++) {
          const pf__field *fd = &m->fields.items[j];
          if (strcmp(tg->column, fd->column) != 0)
            continue;
          push_copy(out, &fd->at, (uint32_t)t, PF_REF_ORM, PF_CONF_HIGH);
        }
      }
    }
  }
}

// Whether model @m is the one use @u names: by class name in the same
// language family, by a variable named after it (order -> Order,
// OrderItem -> order_item), or by its Prisma client property (order).
static bool use_names_model(const pf__use *u, const pf__model *m)
{
  if (u->flags & PF__USE_PRISMA) {
    return m->lang == PF__LANG_PRISMA &&
           pf_ascii_lower((unsigned char)m->name[0]) ==
               (unsigned char)u->model[0] &&
           strcmp(m->name + 1, u->model + 1) == 0;
  }
  if (!family_eq(m->lang, u->lang))
    return false;
  if (u->flags & PF__USE_BY_VAR) {
    // order for Order, orders (a LINQ set, a collection) too.
    char *snake = pf__snake_case(m->name);
    bool eq = strcmp(snake, u->model) == 0;
    if (!eq) {
      char *plural = pf__pluralize(snake);
      eq = strcmp(plural, u->model) == 0;
      free(plural);
    }
    free(snake);
    return eq;
  }
  return strcmp(m->name, u->model) == 0;
}

// Finds the model use @u names; the first one in walk order wins when two
// share a name.
static const pf__model *find_model(const pf__filevec *files, const pf__use *u)
{
  for (uint32_t i = 0; i < files->len; i++) {
    const pf__file *f = &files->items[i];
    for (uint32_t k = 0; k < f->models.len; k++) {
      const pf__model *m = &f->models.items[k];
      if (use_names_model(u, m))
        return m;
    }
  }
  return NULL;
}

typedef PF_VEC(const pf__model *) modelvec;

// find_model among @models (every model, in walk order).
static const pf__model *find_model_in(const modelvec *models, const pf__use *u)
{
  for (uint32_t i = 0; i < models->len; i++) {
    if (use_names_model(u, models->items[i]))
      return models->items[i];
  }
  return NULL;
}

static void resolve_uses(const pf__scan *scan, const pf__filevec *files,
                         pf_scan_result *out)
{
  // The models once, not every file per use (few hold one).
  modelvec models;
  pf_vec_init(&models);
  for (uint32_t i = 0; i < files->len; i++) {
    for (uint32_t k = 0; k < files->items[i].models.len; k++)
      pf_vec_push(&models, &files->items[i].models.items[k]);
  }
  for (uint32_t i = 0; i < files->len; i++) {
    const pf__file *f = &files->items[i];
    for (uint32_t k = 0; k < f->uses.len; k++) {
      const pf__use *u = &f->uses.items[k];
      if (u->flags & (PF__USE_CREATE | PF__USE_DECLARES))
        continue; // INSERTs only (resolve_model_inserts, resolve_key_creates)
      const pf__model *m = find_model_in(&models, u);
      if (!m)
        continue;
      const char *table = model_table(files, m);
      if (!table)
        continue;
      // The field as written may be the column itself (customer_id) or the
      // model attribute that maps to it (customer).
      const char *column = NULL;
      for (uint32_t j = 0; j < m->fields.len && !column; j++) {
        if (strcmp(m->fields.items[j].field, u->field) == 0 ||
            strcmp(m->fields.items[j].column, u->field) == 0)
          column = m->fields.items[j].column;
      }
      // ActiveRecord and Eloquent models do not declare their columns: a
      // name that the model does not map is the column itself.
      if (!column && (u->flags & PF__USE_DIRECT))
        column = u->field;
      // Order.objects and other non-fields say nothing about a column.
      if (!column)
        continue;
      pf_confidence conf = (u->flags & (PF__USE_BY_VAR | PF__USE_MEDIUM))
                               ? PF_CONF_MEDIUM
                               : PF_CONF_HIGH;
      for (size_t t = 0; t < scan->ntargets; t++) {
        const pf_scan_target *tg = &scan->targets[t];
        if (strcmp(tg->table, table) != 0)
          continue;
        if (tg->column && strcmp(tg->column, column) != 0)
          continue;
        push_copy(out, &u->at, (uint32_t)t, u->at.kind, conf);
      }
    }
  }
  pf_vec_clear(&models);
}

/* Section - INSERTs an ORM builds (issue 7) */

static void push_ref(pf_scan_result *out, const pf_code_ref *at,
                     uint32_t target, pf_confidence conf, pf_omit_site site,
                     const char *detail)
{
  pf_code_ref r = *at;
  r.path = pf_xstrdup(at->path);
  r.snippet = pf_xstrdup(at->snippet);
  r.detail = pf_xstrdup(detail);
  r.target = target;
  r.kind = PF_REF_INSERT_OMITS;
  r.confidence = conf;
  r.omit = site;
  pf_vec_push(&out->refs, r);
}

// Whether model @m maps @column: a field, a loose name, or a use from
// outside the class that declares it (EF's HasColumnName). *field is set
// to the field that maps it, if any.
// A class of the code named @name in @lang's family that maps no table
// itself (a declarative base or an abstract model with columns), or NULL.
static const pf__model *base_class(const pf__filevec *files, pf__lang lang,
                                   const char *name)
{
  for (uint32_t i = 0; i < files->len; i++) {
    const pf__file *f = &files->items[i];
    for (uint32_t k = 0; k < f->models.len; k++) {
      const pf__model *b = &f->models.items[k];
      if (!b->table && !b->default_table && family_eq(b->lang, lang) &&
          strcmp(b->name, name) == 0)
        return b;
    }
  }
  return NULL;
}

static bool model_declares(const pf__filevec *files, const pf__model *m,
                           const char *column, const pf__field **field)
{
  *field = NULL;
  // A column a base class of the code declares is the model's too.
  for (uint32_t j = 0; j < m->parents.len; j++) {
    const pf__model *b = base_class(files, m->lang, m->parents.items[j]);
    const pf__field *bf;
    if (b && b != m && b->parents.len == 0 &&
        model_declares(files, b, column, &bf)) {
      *field = bf;
      return true;
    }
  }
  for (uint32_t j = 0; j < m->fields.len; j++) {
    if (strcmp(m->fields.items[j].column, column) == 0) {
      *field = &m->fields.items[j];
      return true;
    }
  }
  for (uint32_t j = 0; j < m->loose.len; j++) {
    if (strcmp(m->loose.items[j], column) == 0)
      return true;
  }
  for (uint32_t i = 0; i < files->len; i++) {
    const pf__file *f = &files->items[i];
    for (uint32_t k = 0; k < f->uses.len; k++) {
      const pf__use *u = &f->uses.items[k];
      if ((u->flags & PF__USE_DECLARES) && strcmp(u->field, column) == 0 &&
          use_names_model(u, m))
        return true;
    }
  }
  return false;
}

// The INSERTs of a declarative ORM: a model of the target's table that
// does not declare the column leaves it out of every INSERT it builds
// (reported at the model, high, and at each create through it); one that
// maps it as nullable writes NULL whenever the code leaves it unset
// (reported at the field, medium).
static void resolve_model_inserts(const pf__scan *scan,
                                  const pf__filevec *files, pf_scan_result *out)
{
  char detail[160];
  for (uint32_t i = 0; i < files->len; i++) {
    const pf__file *f = &files->items[i];
    for (uint32_t k = 0; k < f->models.len; k++) {
      const pf__model *m = &f->models.items[k];
      if (m->inserts == PF__INS_NONE)
        continue;
      const char *table = model_table(files, m);
      for (size_t t = 0; table && t < scan->ninserts; t++) {
        const pf_scan_target *tg = scan->inserts[t];
        uint32_t idx = (uint32_t)(scan->ntargets + t);
        if (!tg->column || strcmp(tg->table, table) != 0)
          continue;
        const pf__field *fd;
        if (model_declares(files, m, tg->column, &fd)) {
          if (fd && (fd->flags & PF__FIELD_NULLABLE)) {
            snprintf(detail, sizeof(detail),
                     "%s field mapped as nullable: an INSERT that leaves it "
                     "unset writes NULL",
                     m->orm);
            push_ref(out, &fd->at, idx, PF_CONF_MEDIUM, PF_OMIT_NULLABLE_FIELD,
                     detail);
          }
          continue;
        }
        if (m->inserts != PF__INS_DECLARED)
          continue;
        snprintf(detail, sizeof(detail),
                 "%s model without the column: its INSERTs write only the "
                 "columns it declares",
                 m->orm);
        push_ref(out, &m->decl, idx, PF_CONF_HIGH, PF_OMIT_MODEL, detail);
        snprintf(detail, sizeof(detail),
                 "%s create through a model without the column", m->orm);
        for (uint32_t a = 0; a < files->len; a++) {
          const pf__file *uf = &files->items[a];
          for (uint32_t b = 0; b < uf->uses.len; b++) {
            const pf__use *u = &uf->uses.items[b];
            if ((u->flags & PF__USE_CREATE) && !u->field[0] &&
                find_model(files, u) == m)
              push_ref(out, &u->at, idx, PF_CONF_HIGH, PF_OMIT_INSERT, detail);
          }
        }
      }
    }
  }
}

// Creates given literal keys (Eloquent's create([...]), ActiveRecord's
// create(...)) that lack an INSERT_OMITS column of their model's table:
// the use's field is that column. The model may fill it (an attribute
// default: not reported; lifecycle hooks: medium).
static void resolve_key_creates(const pf__scan *scan, const pf__filevec *files,
                                pf_scan_result *out)
{
  for (uint32_t i = 0; i < files->len; i++) {
    const pf__file *f = &files->items[i];
    for (uint32_t k = 0; k < f->uses.len; k++) {
      const pf__use *u = &f->uses.items[k];
      if (!(u->flags & PF__USE_CREATE) || !u->field[0])
        continue;
      const pf__model *m = find_model(files, u);
      const char *table = m ? model_table(files, m) : NULL;
      if (!table)
        continue;
      const pf__field *fd;
      if (model_declares(files, m, u->field, &fd) && fd &&
          (fd->flags & PF__FIELD_DEFAULT))
        continue;
      pf_confidence conf = (u->flags & PF__USE_MEDIUM) || m->hooks
                               ? PF_CONF_MEDIUM
                               : PF_CONF_HIGH;
      for (size_t t = 0; t < scan->ninserts; t++) {
        const pf_scan_target *tg = scan->inserts[t];
        if (tg->column && strcmp(tg->table, table) == 0 &&
            strcmp(tg->column, u->field) == 0)
          push_ref(out, &u->at, (uint32_t)(scan->ntargets + t), conf,
                   PF_OMIT_INSERT, u->at.detail);
      }
    }
  }
}

static int cmp_refs(const void *pa, const void *pb)
{
  const pf_code_ref *a = pa, *b = pb;
  int c = strcmp(a->path, b->path);
  if (c)
    return c;
  if (a->line != b->line)
    return a->line < b->line ? -1 : 1;
  if (a->col != b->col)
    return a->col < b->col ? -1 : 1;
  if (a->target != b->target)
    return a->target < b->target ? -1 : 1;
  // Best evidence first, so that deduplication keeps it.
  if (a->confidence != b->confidence)
    return a->confidence > b->confidence ? -1 : 1;
  if (a->kind != b->kind)
    return a->kind < b->kind ? -1 : 1;
  return strcmp(a->detail, b->detail);
}

static int cmp_strs(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void model_clear(pf__model *m)
{
  free(m->name);
  free(m->dir);
  free(m->table);
  free(m->default_table);
  pf__ref_clear(&m->at);
  pf__ref_clear(&m->decl);
  for (uint32_t k = 0; k < m->loose.len; k++)
    free(m->loose.items[k]);
  pf_vec_clear(&m->loose);
  for (uint32_t k = 0; k < m->parents.len; k++)
    free(m->parents.items[k]);
  pf_vec_clear(&m->parents);
  for (uint32_t k = 0; k < m->fields.len; k++) {
    free(m->fields.items[k].field);
    free(m->fields.items[k].column);
    pf__ref_clear(&m->fields.items[k].at);
  }
  pf_vec_clear(&m->fields);
}

static void use_clear(pf__use *u)
{
  free(u->model);
  free(u->field);
  pf__ref_clear(&u->at);
}

static void tablename_clear(pf__tablename *t)
{
  free(t->dir);
  free(t->type);
  free(t->table);
  pf__ref_clear(&t->at);
}

void pf__file_clear(pf__file *f)
{
  free(f->path);
  pf__file_mark none = {0, 0, 0, 0, 0};
  pf__file_rollback(f, none);
  pf_vec_clear(&f->refs);
  pf_vec_clear(&f->warnings);
  pf_vec_clear(&f->models);
  pf_vec_clear(&f->uses);
  pf_vec_clear(&f->tablenames);
}

pf__file_mark pf__file_mark_of(const pf__file *f)
{
  pf__file_mark m = {f->refs.len, f->warnings.len, f->models.len, f->uses.len,
                     f->tablenames.len};
  return m;
}

void pf__file_rollback(pf__file *f, pf__file_mark m)
{
  for (uint32_t i = m.refs; i < f->refs.len; i++)
    pf__ref_clear(&f->refs.items[i]);
  f->refs.len = m.refs < f->refs.len ? m.refs : f->refs.len;
  for (uint32_t i = m.warnings; i < f->warnings.len; i++)
    free(f->warnings.items[i]);
  f->warnings.len = m.warnings < f->warnings.len ? m.warnings : f->warnings.len;
  for (uint32_t i = m.models; i < f->models.len; i++)
    model_clear(&f->models.items[i]);
  f->models.len = m.models < f->models.len ? m.models : f->models.len;
  for (uint32_t i = m.uses; i < f->uses.len; i++)
    use_clear(&f->uses.items[i]);
  f->uses.len = m.uses < f->uses.len ? m.uses : f->uses.len;
  for (uint32_t i = m.tablenames; i < f->tablenames.len; i++)
    tablename_clear(&f->tablenames.items[i]);
  f->tablenames.len =
      m.tablenames < f->tablenames.len ? m.tablenames : f->tablenames.len;
}

/* Section - Comparing two scans of a file */

static bool str_same(const char *a, const char *b)
{
  return a == b || (a && b && strcmp(a, b) == 0);
}

static bool ref_same(const pf_code_ref *a, const pf_code_ref *b)
{
  return a->target == b->target && str_same(a->path, b->path) &&
         a->line == b->line && a->col == b->col && a->end_col == b->end_col &&
         a->kind == b->kind && a->confidence == b->confidence &&
         str_same(a->snippet, b->snippet) && str_same(a->detail, b->detail) &&
         a->suppressed == b->suppressed;
}

static bool strvec_same(const pf__strvec *a, const pf__strvec *b)
{
  if (a->len != b->len)
    return false;
  for (uint32_t i = 0; i < a->len; i++) {
    if (!str_same(a->items[i], b->items[i]))
      return false;
  }
  return true;
}

static bool model_same(const pf__model *a, const pf__model *b)
{
  if (a->lang != b->lang || !str_same(a->name, b->name) ||
      !str_same(a->dir, b->dir) || !str_same(a->table, b->table) ||
      !str_same(a->default_table, b->default_table) ||
      !ref_same(&a->at, &b->at) || a->fields.len != b->fields.len ||
      a->inserts != b->inserts || !str_same(a->orm, b->orm) ||
      !ref_same(&a->decl, &b->decl) || !strvec_same(&a->loose, &b->loose) ||
      a->hooks != b->hooks || !strvec_same(&a->parents, &b->parents))
    return false;
  for (uint32_t i = 0; i < a->fields.len; i++) {
    const pf__field *x = &a->fields.items[i], *y = &b->fields.items[i];
    if (!str_same(x->field, y->field) || !str_same(x->column, y->column) ||
        !ref_same(&x->at, &y->at) || x->flags != y->flags)
      return false;
  }
  return true;
}

static bool use_same(const pf__use *a, const pf__use *b)
{
  return a->lang == b->lang && str_same(a->model, b->model) &&
         str_same(a->field, b->field) && a->flags == b->flags &&
         ref_same(&a->at, &b->at);
}

static bool tablename_same(const pf__tablename *a, const pf__tablename *b)
{
  return str_same(a->dir, b->dir) && str_same(a->type, b->type) &&
         str_same(a->table, b->table) && ref_same(&a->at, &b->at);
}

// Compares vectors @A and @B of @what element by element with @same.
#define SAME_VEC(A, B, same, what)                                             \
  do {                                                                         \
    uint32_t n_ = (A).len < (B).len ? (A).len : (B).len, i_ = 0;               \
    while (i_ < n_ && same(&(A).items[i_], &(B).items[i_]))                    \
      i_++;                                                                    \
    if (i_ < n_ || (A).len != (B).len) {                                       \
      if (why)                                                                 \
        pf_buf_printf(why, "%s from #%u (%u and %u)", what, i_, (A).len,       \
                      (B).len);                                                \
      return false;                                                            \
    }                                                                          \
  } while (0)

static bool warning_same(char *const *a, char *const *b)
{
  return strcmp(*a, *b) == 0;
}

bool pf__file_same(const pf__file *a, const pf__file *b, pf_buf *why)
{
  SAME_VEC(a->refs, b->refs, ref_same, "references");
  SAME_VEC(a->models, b->models, model_same, "models");
  SAME_VEC(a->uses, b->uses, use_same, "uses");
  SAME_VEC(a->tablenames, b->tablenames, tablename_same, "table names");
  SAME_VEC(a->warnings, b->warnings, warning_same, "warnings");
  return true;
}
#undef SAME_VEC

static void merge(const pf__scan *scan, pf__filevec *files,
                  pf__strvec *warnings, pf_scan_result *out)
{
  for (uint32_t i = 0; i < files->len; i++) {
    pf__file *f = &files->items[i];
    out->files_seen++;
    out->bytes_read += f->bytes;
    if (f->parsed)
      out->files_parsed++;
    if (f->partial)
      out->files_in_parts++;
    if (f->skip >= 0 && f->skip < PF_SKIP_COUNT)
      out->skipped[f->skip]++;
    for (uint32_t k = 0; k < f->refs.len; k++) {
      pf_vec_push(&out->refs, f->refs.items[k]);
    }
    f->refs.len = 0; // moved
    for (uint32_t k = 0; k < f->warnings.len; k++)
      pf_vec_push(warnings, f->warnings.items[k]);
    f->warnings.len = 0;
  }
  resolve_models(scan, files, out);
  resolve_uses(scan, files, out);
  if (scan->ninserts) {
    resolve_model_inserts(scan, files, out);
    resolve_key_creates(scan, files, out);
  }
  if (scan->remap) {
    for (uint32_t r = 0; r < out->refs.len; r++)
      out->refs.items[r].target = scan->remap[out->refs.items[r].target];
  }

  if (out->refs.len > 1)
    pf_sort(out->refs.items, out->refs.len, sizeof(pf_code_ref), cmp_refs);
  // Drop duplicates (two detectors, same place), keeping the best.
  uint32_t w = 0;
  for (uint32_t r = 0; r < out->refs.len; r++) {
    pf_code_ref *c = &out->refs.items[r];
    if (w > 0) {
      pf_code_ref *p = &out->refs.items[w - 1];
      if (p->line == c->line && p->col == c->col && p->target == c->target &&
          strcmp(p->path, c->path) == 0) {
        pf__ref_clear(c);
        continue;
      }
    }
    out->refs.items[w++] = *c;
  }
  out->refs.len = w;

  if (warnings->len > 1)
    pf_sort(warnings->items, warnings->len, sizeof(char *), cmp_strs);
  for (uint32_t i = 0; i < warnings->len; i++)
    pf_vec_push(&out->warnings, warnings->items[i]);
  warnings->len = 0;
}

/* Section - Entry point */

// customer_id -> customerId (@upper: CustomerId; @go: CustomerID, Go's
// initialism for a final "id"). Caller frees.
static char *camel_case(const char *s, bool upper, bool go)
{
  pf_buf b = PF_BUF_INIT;
  bool cap = upper;
  for (const char *p = s; *p; p++) {
    if (*p == '_') {
      cap = true;
      continue;
    }
    bool last_id = go && strcmp(p, "id") == 0 && p > s && p[-1] == '_';
    if (last_id) {
      pf_buf_puts(&b, "ID");
      break;
    }
    char c = *p;
    if (cap && c >= 'a' && c <= 'z')
      c = (char)(c - 'a' + 'A');
    pf_buf_putc(&b, c);
    cap = false;
  }
  return pf_buf_detach(&b);
}

static void add_cand(pf__scan *scan, const char *s)
{
  if (!s || !*s)
    return;
  for (size_t i = 0; i < scan->ncands; i++) {
    if (strcmp(scan->cands[i], s) == 0)
      return;
  }
  scan->cands[scan->ncands] = s;
  scan->cand_lens[scan->ncands] = strlen(s);
  scan->ncands++;
}

pf_code pf__codescan_run(const char *const *paths, size_t npaths,
                         const pf_scan_target *targets, size_t ntargets,
                         const pf_scan_opts *opts, pf_scan_result *out,
                         pf_error *err)
{
  static const pf_span no_span = {0, 0};
  pf__scan scan;
  memset(&scan, 0, sizeof(scan));
  // The detectors of references see only PF_SCAN_REFS targets; the others
  // go to their own lists, and every index is mapped back after the scan.
  pf_scan_target *plain = pf_xcalloc(ntargets + 1, sizeof(*plain));
  const pf_scan_target **special = pf_xcalloc(ntargets + 1, sizeof(*special));
  uint32_t *remap = pf_xcalloc(ntargets + 1, sizeof(*remap));
  size_t nplain = 0, nins = 0, nlit = 0;
  for (size_t i = 0; i < ntargets; i++) {
    if (targets[i].kind == PF_SCAN_REFS) {
      remap[nplain] = (uint32_t)i;
      plain[nplain++] = targets[i];
    }
  }
  for (int pass = 0; pass < 2; pass++) {
    pf_scan_kind want = pass ? PF_SCAN_LITERAL : PF_SCAN_INSERT_OMITS;
    for (size_t i = 0; i < ntargets; i++) {
      if (targets[i].kind != want)
        continue;
      remap[nplain + nins + nlit] = (uint32_t)i;
      special[nins + nlit] = &targets[i];
      if (pass)
        nlit++;
      else
        nins++;
    }
  }
  scan.targets = plain;
  scan.ntargets = nplain;
  scan.inserts = special;
  scan.ninserts = nins;
  scan.literals = special + nins;
  scan.nliterals = nlit;
  scan.remap = remap;
  scan.include_low = opts && opts->include_low;
  scan.parts = opts ? opts->parts : PF_SCAN_PARTS_AUTO;
  scan.max_file_size =
      opts && opts->max_file_size ? opts->max_file_size : DEFAULT_MAX_FILE_SIZE;
  // Offsets are 32-bit everywhere (tree-sitter too).
  if (scan.max_file_size > PF_SOURCE_MAX)
    scan.max_file_size = PF_SOURCE_MAX;

  // Prefilter needles: column and table names, and for a foreign key column
  // "customer_id" also "customer" (Django's customer=..., Rails'
  // belongs_to :customer).
  // Also the camel-case spellings ORMs derive the column from: customerId
  // (TypeORM, JPA), CustomerID and CustomerId (GORM).
  enum { PER_TARGET = 6 }; // at most 4 owned + 2 borrowed per target
  char **owned = pf_xcalloc(PER_TARGET * ntargets + 1, sizeof(char *));
  size_t nowned = 0;
  size_t nvalues = 0;
  for (size_t i = 0; i < nlit; i++)
    nvalues += special[nins + i]->nvalues;
  scan.cands = pf_xcalloc(PER_TARGET * ntargets + nvalues + 1, sizeof(char *));
  scan.cand_lens =
      pf_xcalloc(PER_TARGET * ntargets + nvalues + 1, sizeof(size_t));
  // An INSERT names its table; a literal spells its value. An ORM inserts
  // through a model named after the table (Order for orders, OrderItem for
  // order_items: the prefilter ignores case) that may not name the table
  // or the column at all; a model that maps the column under another name
  // names the column.
  for (size_t i = 0; i < nins; i++) {
    add_cand(&scan, special[i]->table);
    add_cand(&scan, special[i]->column);
    const char *tb = special[i]->table;
    if (!tb || !*tb)
      continue;
    owned[nowned] = pf__singularize(tb);
    add_cand(&scan, owned[nowned++]);
    pf_buf b = PF_BUF_INIT;
    for (const char *p = owned[nowned - 1]; *p; p++) {
      if (*p != '_')
        pf_buf_putc(&b, *p);
    }
    owned[nowned] = pf_buf_detach(&b);
    add_cand(&scan, owned[nowned++]);
  }
  for (size_t i = 0; i < nlit; i++) {
    for (uint32_t k = 0; k < special[nins + i]->nvalues; k++)
      add_cand(&scan, special[nins + i]->values[k]);
  }
  for (size_t i = 0; i < nplain; i++) {
    add_cand(&scan, plain[i].column);
    add_cand(&scan, plain[i].table);
    const char *c = plain[i].column;
    size_t n = c ? strlen(c) : 0;
    if (n > 3 && strcmp(c + n - 3, "_id") == 0) {
      owned[nowned] = pf_xstrndup(c, n - 3);
      add_cand(&scan, owned[nowned++]);
    }
    if (c && strchr(c, '_')) {
      owned[nowned] = camel_case(c, false, false);
      add_cand(&scan, owned[nowned++]);
      owned[nowned] = camel_case(c, true, false);
      add_cand(&scan, owned[nowned++]);
      owned[nowned] = camel_case(c, true, true);
      add_cand(&scan, owned[nowned++]);
    }
  }

  // A table target is reached through every field of its models.
  for (size_t i = 0; i < ntargets; i++)
    scan.full_models |= targets[i].column == NULL;

  pf__prefilter prefilter;
  pf__prefilter_init(&prefilter, scan.cands, scan.ncands);
  scan.prefilter = &prefilter;

  pf__filevec files;
  pf_vec_init(&files);
  pf__strvec warnings;
  pf_vec_init(&warnings);
  pf_code rc = PF_OK;

  size_t found = 0;
  for (size_t i = 0; i < npaths; i++) {
    if (pf__walk_path(paths[i], &files, &warnings, out->skipped))
      found++;
  }
  // Files the configuration excludes are never read.
  if (opts && opts->nexcludes) {
    uint32_t kept = 0;
    for (uint32_t i = 0; i < files.len; i++) {
      if (pf_path_excluded(files.items[i].path, opts->excludes,
                           opts->nexcludes)) {
        pf__file_clear(&files.items[i]);
        out->skipped[PF_SKIP_EXCLUDED]++;
      } else
        files.items[kept++] = files.items[i];
    }
    files.len = kept;
  }
  if (npaths > 0 && found == 0) {
    rc = PF_IO;
    pf_error_set(err, PF_IO, NULL, no_span, "%s",
                 warnings.len ? warnings.items[0] : "no code path exists");
    goto done;
  }

  uint32_t jobs = opts ? opts->jobs : 0;
  if (jobs == 0) {
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    jobs = n > 0 ? (uint32_t)n : 1;
  }
  if (jobs > 64)
    jobs = 64;
  if (jobs > files.len)
    jobs = files.len ? files.len : 1;

  pool p;
  p.scan = &scan;
  p.files = &files;
  p.next = p.done = p.exited = 0;
  pthread_mutex_init(&p.lock, NULL);
  pthread_cond_init(&p.finished, NULL);
  pthread_mutex_init(&p.qlock, NULL);
  memset(p.compiled, 0, sizeof(p.compiled));
  p.qrc = PF_OK;
  pf_error_clear(&p.qerr);
  pthread_t *threads = pf_xcalloc(jobs, sizeof(pthread_t));
  uint32_t started = 0;
  for (uint32_t i = 0; i < jobs; i++) {
    if (pthread_create(&threads[i], NULL, worker, &p) != 0)
      break;
    started++;
  }
  // No thread could start: scan on this thread, whose parser memory
  // pf_shutdown() releases.
  if (started == 0)
    worker_loop(&p);
  else if (opts && opts->progress)
    wait_with_progress(&p, started, opts->progress, opts->progress_ud);
  for (uint32_t i = 0; i < started; i++)
    pthread_join(threads[i], NULL);
  free(threads);
  if (!scan.full_models && p.qrc == PF_OK && python_alias(&scan, &files))
    rescan_python(&p);
  pthread_mutex_destroy(&p.lock);
  pthread_cond_destroy(&p.finished);
  pthread_mutex_destroy(&p.qlock);
  if (p.qrc != PF_OK) {
    rc = p.qrc;
    if (err && err->code == PF_OK)
      *err = p.qerr;
    goto done;
  }

  merge(&scan, &files, &warnings, out);

done:
  for (uint32_t i = 0; i < files.len; i++)
    pf__file_clear(&files.items[i]);
  pf_vec_clear(&files);
  for (uint32_t i = 0; i < warnings.len; i++)
    free(warnings.items[i]);
  pf_vec_clear(&warnings);
  pf__queries_free(&scan);
  for (size_t i = 0; i < nowned; i++)
    free(owned[i]);
  free(owned);
  free(scan.cands);
  free(scan.cand_lens);
  free(plain);
  free(special);
  free(remap);
  pf__prefilter_clear(&prefilter);
  return rc;
}
