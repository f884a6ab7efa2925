/* File-level rules: transactions, timeouts and how long locks are held. */
/* SPDX-License-Identifier: MIT */
#include "rules.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/source.h"

typedef PF_VEC(const char *) name_vec;

// Locks last until the transaction ends, so the first ACCESS EXCLUSIVE lock
// a transaction takes is the one held longest: that is the window tracked.
typedef struct window {
  const char *table; // the table under ACCESS EXCLUSIVE; NULL: none yet
  uint32_t from;     // statement that took the lock
  uint32_t more;     // later statements run while it was held
  uint32_t scans;    // ... of which scan or rewrite a table
  uint32_t scan_at;  // the first of them
} window;

typedef struct txn_state {
  const pf_migration *m;
  const pf_source *src;
  pf_report *r;
  bool assume; // the runner's transaction is open
  pf_runner_txn mode;
  bool open;                   // an explicit BEGIN is open
  uint32_t begin;              // its statement
  bool lock_timeout;           // a non-zero lock_timeout is in force
  bool stmt_timeout;           // a non-zero statement_timeout is in force
  bool local_lock, local_stmt; // ... set with SET LOCAL (ends with the txn)
  bool lock_off, stmt_off;     // the file sets it to 0 (the role's is gone)
  uint32_t local_noop;         // 1 + a SET LOCAL of a timeout outside any
                               // transaction (no effect), or 0
  const pf_run_facts *rf;      // timeouts the database sets for the role
  bool warned_lock, warned_stmt;
  const pf_strmap *before; // tables created by earlier files of the run
  pf_strmap created;       // ... and by this file so far
  window win;              // the current transaction's lock window
  name_vec not_valid;      // constraints added NOT VALID in this transaction
  uint32_t last_alter_at;  // ... and that statement
  const char *last_alter;  // table of the previous statement if it was a
                           // combinable ALTER TABLE, else NULL
  name_vec combined;       // tables already reported by combine-alter-table
} txn_state;

static bool in_set(const name_vec *v, const char *name)
{
  for (uint32_t i = 0; name && i < v->len; i++) {
    if (strcmp(v->items[i], name) == 0)
      return true;
  }
  return false;
}

// Whether @name is a table created in this run (so not at risk).
static bool created(const txn_state *t, const char *name)
{
  return name && (pf_strmap_has(&t->created, name) ||
                  (t->before && pf_strmap_has(t->before, name)));
}

__attribute__((format(printf, 4, 5))) static pf_finding *
stmt_finding(txn_state *t, pf_rule_id rule, uint32_t stmt, const char *fmt, ...)
{
  const pf_stmt *st = &t->m->stmts.items[stmt];
  pf_buf msg = PF_BUF_INIT;
  va_list ap;
  va_start(ap, fmt);
  pf_buf_vprintf(&msg, fmt, ap);
  va_end(ap);
  pf_finding *f =
      pf__report_add(t->r, (uint32_t)rule, pf_rule_at(rule)->severity, t->src,
                     st->span, stmt, st->span, "%s", msg.data);
  pf_buf_clear(&msg);
  return f;
}

// "0", "0ms", "0s": the setting is disabled.
static bool is_zero(const char *v)
{
  if (!v)
    return true;
  char *end;
  double d = strtod(v, &end);
  return end != v && d == 0.0;
}

static uint32_t stmt_line(txn_state *t, uint32_t stmt)
{
  return pf_source_locate(t->src, t->m->stmts.items[stmt].span.start).line;
}

// Appends the text of statement @si, without its semicolon.
static void put_stmt(pf_buf *b, const txn_state *t, uint32_t si)
{
  const pf_stmt *st = &t->m->stmts.items[si];
  pf_buf_append(b, t->src->data + st->span.start,
                st->span.end - st->span.start);
}

// Sets @f's safe alternative to @text (may be NULL: left alone).
static void set_safe(pf_finding *f, pf_buf *text)
{
  if (text->len)
    pf__finding_set_safe(f, text->data);
  pf_buf_clear(text);
}

// The statement @si behind a SET of @name: SET LOCAL inside a transaction
// (it ends with it and cannot leak into the pooled session the runner
// reuses), SET outside one (SET LOCAL would do nothing there).
static void safe_with_setting(pf_finding *f, const txn_state *t, uint32_t si,
                              bool in_txn, const char *name, const char *value,
                              const char *why)
{
  pf_buf s = PF_BUF_INIT;
  pf_buf_printf(&s, "SET %s%s = '%s';  -- %s\n", in_txn ? "LOCAL " : "", name,
                value, why);
  put_stmt(&s, t, si);
  pf_buf_putc(&s, ';');
  set_safe(f, &s);
}

// Ends the current transaction: reports its lock window.
static void end_txn(txn_state *t, uint32_t end_stmt, bool explicit_end)
{
  window w = t->win;
  if (w.table && w.more) {
    pf_finding *f = stmt_finding(
        t, PF_RULE_LOCK_HELD_ACROSS_STATEMENTS, w.from,
        "ACCESS EXCLUSIVE on \"%s\" is held from line %u until the %s at "
        "line %u: %u more statement%s run while every query on it waits%s",
        w.table, stmt_line(t, w.from),
        explicit_end ? "transaction ends" : "end of the file",
        stmt_line(t, end_stmt), w.more, w.more == 1 ? "" : "s",
        w.scans ? ", including a table scan or rewrite" : "");
    if (w.scans)
      pf__finding_add_evidence(f, PF_EV_NOTE, -1,
                               "first scan or rewrite under the lock: line %u",
                               stmt_line(t, w.scan_at));
    else
      f->severity = PF_SEV_NOTICE;
    // End the transaction right after the lock, so it lasts one statement.
    pf_buf s = PF_BUF_INIT;
    if (t->open) {
      put_stmt(&s, t, w.from);
      pf_buf_puts(&s, ";\nCOMMIT;  -- the lock ends here\nBEGIN;  -- the "
                      "statements that followed it");
    } else {
      pf_buf_puts(&s, "-- in a migration file of its own, so that the "
                      "runner commits right after it:\n");
      put_stmt(&s, t, w.from);
      pf_buf_putc(&s, ';');
    }
    set_safe(f, &s);
  }
  memset(&t->win, 0, sizeof(t->win));
  t->not_valid.len = 0;
  if (t->local_lock)
    t->lock_timeout = false;
  if (t->local_stmt)
    t->stmt_timeout = false;
  t->local_lock = t->local_stmt = false;
}

// SET, SET LOCAL, RESET, RESET ALL and SET ... TO DEFAULT of the two
// timeouts. RESET brings back the role's or database's value (so a timeout
// the database sets counts again); SET LOCAL outside a transaction block
// does nothing (PostgreSQL 15 docs, SET: "issuing this outside of a
// transaction block emits a warning and otherwise has no effect").
static void setting(txn_state *t, uint32_t si, const pf_stmt *st, bool in_txn)
{
  bool all = st->set_reset && strcmp(st->set_name, "all") == 0;
  bool lock = all || strcmp(st->set_name, "lock_timeout") == 0;
  bool stmt = all || strcmp(st->set_name, "statement_timeout") == 0;
  if (!lock && !stmt)
    return;
  if (st->set_local && !in_txn) {
    t->local_noop = si + 1;
    return;
  }
  bool on = !st->set_reset && !is_zero(st->set_value);
  if (lock) {
    t->lock_timeout = on;
    t->lock_off = !on && !st->set_reset;
    t->local_lock = st->set_local;
  }
  if (stmt) {
    t->stmt_timeout = on;
    t->stmt_off = !on && !st->set_reset;
    t->local_stmt = st->set_local;
  }
}

// "DROP INDEX" from the change kind "drop-index", for messages; a
// constraint written in a definition says where ("ADD COLUMN ...
// REFERENCES", "CREATE TABLE ... REFERENCES").
static const char *op_label(pf_buf *b, const pf_change *c)
{
  pf_buf_reset(b);
  if (c->from_def) {
    static const char *const cons[PF_CONS_COUNT] = {
        "", "CHECK", "NOT NULL", "UNIQUE", "PRIMARY KEY", "REFERENCES", ""};
    pf_buf_printf(b, "%s ... %s", c->new_table ? "CREATE TABLE" : "ADD COLUMN",
                  (unsigned)c->cons < PF_CONS_COUNT ? cons[c->cons] : "");
    return b->data;
  }
  for (const char *p = pf_change_kind_name(c->kind); *p; p++)
    pf_buf_putc(b, *p == '-'
                       ? ' '
                       : (char)(*p >= 'a' && *p <= 'z' ? *p - 'a' + 'A' : *p));
  return b->data;
}

// What a change locks that a migration must wait for: its table, or the
// other table it locks (the table a foreign key references, the partition
// ATTACH PARTITION scans, the parent of PARTITION OF) when that lock is
// stronger or the table is new. name is NULL when nothing existing is
// locked.
typedef struct lock_target {
  const char *name;
  pf_lock lock;
  bool other;      // the other table (or, for ALTER INDEX, the other index)
  bool by_index;   // name is an index whose table is not known statically
  bool tablespace; // ALL IN TABLESPACE: every table of tablespace name
} lock_target;

static lock_target target_of(const txn_state *t, const pf_change *c)
{
  lock_target r = {NULL, PF_LOCK_NONE, false, false, false};
  if (c->kind == PF_CHANGE_SET_TABLESPACE && !c->table.name && !c->index &&
      c->object.name) {
    r.name = c->object.name;
    r.lock = c->lock;
    r.tablespace = true;
    return r;
  }
  // DROP INDEX names only the index; its table is not known statically.
  const char *table = c->table.name ? c->table.name : c->index;
  if (table && !created(t, c->table.name) &&
      c->kind != PF_CHANGE_CREATE_TABLE && !c->new_table) {
    r.name = table;
    r.lock = c->lock;
    r.by_index = !c->table.name;
  }
  // One statement's changes share its lock on their table: ADD COLUMN ...
  // REFERENCES validates under the ADD COLUMN's ACCESS EXCLUSIVE.
  const pf_stmt *st = &t->m->stmts.items[c->stmt];
  for (uint32_t k = 0; r.name && c->table.name && k < st->nchanges; k++) {
    const pf_change *o = &t->m->changes.items[st->first_change + k];
    if (o->lock > r.lock && pf__qname_same(&o->table, &c->table))
      r.lock = o->lock;
  }
  if (c->other_table.name && c->other_lock > r.lock &&
      !created(t, c->other_table.name)) {
    r.name = c->other_table.name;
    r.lock = c->other_lock;
    r.other = true;
    r.by_index = false;
  }
  return r;
}

// "on "orders"", "on the table of index "i"" when only the index is known,
// "on index "i"" for the partition's index of ALTER INDEX ... ATTACH.
static const char *target_label(pf_buf *b, const pf_change *c,
                                const lock_target *lt)
{
  pf_buf_reset(b);
  if (lt->tablespace)
    pf_buf_printf(b, "on every %s in tablespace \"%s\"",
                  c->value ? c->value : "table", lt->name);
  else if (lt->other && c->index && !c->table.name)
    pf_buf_printf(b, "on index \"%s\"", lt->name);
  else if (lt->by_index)
    pf_buf_printf(b, "on the table of index \"%s\"", lt->name);
  else
    pf_buf_printf(b, "on \"%s\"", lt->name);
  return b->data;
}

static void change(txn_state *t, uint32_t si, const pf_change *c, bool in_txn)
{
  lock_target lt = target_of(t, c);
  if (c->kind == PF_CHANGE_CREATE_TABLE && c->table.name)
    pf_strmap_put(&t->created, c->table.name, NULL);
  if (!lt.name)
    return;
  bool blocking = lt.lock >= PF_LOCK_SHARE;
  bool long_running = c->effect != PF_EFFECT_NONE;
  pf_buf op = PF_BUF_INIT, on = PF_BUF_INIT;
  const char *role_lock = t->rf && !t->lock_off && t->rf->lock_timeout[0]
                              ? t->rf->lock_timeout
                              : NULL;
  const char *role_stmt = t->rf && !t->stmt_off && t->rf->stmt_timeout[0]
                              ? t->rf->stmt_timeout
                              : NULL;
  if (blocking && !t->lock_timeout && !t->warned_lock && role_lock) {
    // The database sets one for the role: satisfied, and the fact says so.
    t->warned_lock = true;
    pf_finding *f =
        stmt_finding(t, PF_RULE_REQUIRE_LOCK_TIMEOUT, si,
                     "%s takes %s %s; the file sets no lock_timeout, but %s",
                     op_label(&op, c), pf_lock_name(lt.lock),
                     target_label(&on, c, &lt), role_lock);
    f->severity = PF_SEV_NOTICE;
    pf__finding_add_evidence(f, PF_EV_NOTE, -1, "%s", role_lock);
    safe_with_setting(f, t, si, in_txn, "lock_timeout", "2s",
                      "or rely on the role's; retry on timeout");
  } else if (blocking && !t->lock_timeout && !t->warned_lock) {
    t->warned_lock = true;
    pf_finding *f = stmt_finding(
        t, PF_RULE_REQUIRE_LOCK_TIMEOUT, si,
        "%s takes %s %s with no lock_timeout set: while it waits "
        "for the lock, every %s on the table waits too",
        op_label(&op, c), pf_lock_name(lt.lock), target_label(&on, c, &lt),
        lt.lock == PF_LOCK_ACCESS_EXCLUSIVE ? "query" : "write");
    if (t->local_noop)
      pf__finding_add_evidence(f, PF_EV_NOTE, -1,
                               "the SET LOCAL at line %u has no effect: it "
                               "is outside a transaction block",
                               stmt_line(t, t->local_noop - 1));
    safe_with_setting(f, t, si, in_txn, "lock_timeout", "2s",
                      "give up instead of queueing; retry on timeout");
  }
  if (blocking && long_running && !t->stmt_timeout && !t->warned_stmt &&
      role_stmt) {
    t->warned_stmt = true;
    pf_finding *f = stmt_finding(
        t, PF_RULE_REQUIRE_STATEMENT_TIMEOUT, si,
        "%s %s the table under %s %s; the file sets no statement_timeout, but "
        "%s",
        op_label(&op, c), c->effect == PF_EFFECT_REWRITE ? "rewrites" : "scans",
        pf_lock_name(lt.lock), target_label(&on, c, &lt), role_stmt);
    f->severity = PF_SEV_NOTICE;
    pf__finding_add_evidence(f, PF_EV_NOTE, -1, "%s", role_stmt);
    safe_with_setting(f, t, si, in_txn, "statement_timeout", "30s",
                      "or rely on the role's; what the table's size allows");
  } else if (blocking && long_running && !t->stmt_timeout && !t->warned_stmt) {
    t->warned_stmt = true;
    pf_finding *f = stmt_finding(
        t, PF_RULE_REQUIRE_STATEMENT_TIMEOUT, si,
        "%s %s the table under %s %s with no statement_timeout set",
        op_label(&op, c), c->effect == PF_EFFECT_REWRITE ? "rewrites" : "scans",
        pf_lock_name(lt.lock), target_label(&on, c, &lt));
    safe_with_setting(f, t, si, in_txn, "statement_timeout", "30s",
                      "what the table's size allows");
  }
  pf_buf_clear(&op);
  pf_buf_clear(&on);
  if (in_txn && c->kind == PF_CHANGE_ADD_CONSTRAINT && c->not_valid &&
      c->constraint)
    pf_vec_push(&t->not_valid, c->constraint);
  if (in_txn && c->kind == PF_CHANGE_VALIDATE_CONSTRAINT && c->constraint &&
      in_set(&t->not_valid, c->constraint)) {
    pf_finding *f =
        stmt_finding(t, PF_RULE_VALIDATE_IN_SAME_TRANSACTION, si,
                     "constraint \"%s\" is validated in the transaction that "
                     "added it NOT VALID: the ADD's lock is held during the "
                     "scan",
                     c->constraint);
    pf_buf s = PF_BUF_INIT;
    pf_buf_puts(&s, t->open ? "COMMIT;  -- the ADD ... NOT VALID and its lock "
                              "end here\nBEGIN;\n"
                            : "-- in a migration file of its own, after the "
                              "one that adds it NOT VALID:\n");
    put_stmt(&s, t, si);
    pf_buf_putc(&s, ';');
    set_safe(f, &s);
  }
  if (in_txn && lt.lock == PF_LOCK_ACCESS_EXCLUSIVE && !t->win.table) {
    t->win.table = lt.name;
    t->win.from = si;
  }
}

// Whether every change of the statement could share one ALTER TABLE with
// another (NOT VALID / VALIDATE are separate on purpose): its table, or NULL.
static const char *combinable_alter(const pf_migration *m, const pf_stmt *st)
{
  if (!st->nchanges || strcmp(st->tag, "ALTER TABLE") != 0)
    return NULL;
  const char *table = NULL;
  for (uint32_t k = 0; k < st->nchanges; k++) {
    const pf_change *c = &m->changes.items[st->first_change + k];
    switch (c->kind) {
    case PF_CHANGE_ADD_COLUMN:
    case PF_CHANGE_DROP_COLUMN:
    case PF_CHANGE_ALTER_COLUMN_TYPE:
    case PF_CHANGE_SET_DEFAULT:
    case PF_CHANGE_DROP_DEFAULT:
    case PF_CHANGE_SET_NOT_NULL:
    case PF_CHANGE_DROP_NOT_NULL:
      break;
    case PF_CHANGE_ADD_CONSTRAINT:
      if (c->not_valid)
        return NULL;
      break;
    default:
      return NULL;
    }
    if (!c->table.name || (table && strcmp(table, c->table.name) != 0))
      return NULL;
    table = c->table.name;
  }
  return table;
}

// The two statements as one: the first whole, then the sub-commands of the
// second (its text after the table's name). Empty when a name's position is
// not known.
static void combined_sql(pf_buf *s, const txn_state *t, uint32_t prev,
                         uint32_t si)
{
  const pf_stmt *b = &t->m->stmts.items[si];
  const pf_span rel = t->m->changes.items[b->first_change].rel_span;
  if (rel.end <= rel.start || rel.start < b->span.start ||
      rel.end > b->span.end)
    return;
  uint32_t at = rel.end;
  const char *d = t->src->data;
  while (at < b->span.end &&
         (d[at] == ' ' || d[at] == '\t' || d[at] == '\n' || d[at] == '\r'))
    at++;
  put_stmt(s, t, prev);
  pf_buf_puts(s, ",\n  ");
  pf_buf_append(s, d + at, b->span.end - at);
  pf_buf_putc(s, ';');
}

static void combine_alters(txn_state *t, uint32_t si, const pf_stmt *st)
{
  const char *table = combinable_alter(t->m, st);
  if (table && t->last_alter && strcmp(table, t->last_alter) == 0 &&
      !in_set(&t->combined, table) && !created(t, table)) {
    pf_vec_push(&t->combined, table);
    pf_finding *f =
        stmt_finding(t, PF_RULE_COMBINE_ALTER_TABLE, si,
                     "a second ALTER TABLE on \"%s\" in a row: one statement "
                     "with both sub-commands takes the lock once",
                     table);
    pf_buf s = PF_BUF_INIT;
    combined_sql(&s, t, t->last_alter_at, si);
    set_safe(f, &s);
  }
  t->last_alter = table;
  t->last_alter_at = si;
}

// A statement ran inside the transaction: it extends the lock window.
static void extend_window(txn_state *t, uint32_t si)
{
  if (!t->win.table || si <= t->win.from)
    return;
  const pf_stmt *st = &t->m->stmts.items[si];
  t->win.more++;
  for (uint32_t k = 0; k < st->nchanges; k++) {
    if (t->m->changes.items[st->first_change + k].effect != PF_EFFECT_NONE) {
      if (!t->win.scans++)
        t->win.scan_at = si;
      break;
    }
  }
}

// Whether Flyway's PostgreSQL parser marks statement @st as one that
// cannot run in a transaction (PostgreSQLParser.detectCanExecuteInTransaction
// in Flyway 10/11: CREATE/DROP [UNIQUE] INDEX CONCURRENTLY, CREATE/DROP
// DATABASE and TABLESPACE, ALTER SYSTEM, REINDEX SCHEMA/DATABASE/SYSTEM,
// VACUUM, DISCARD ALL; ALTER TYPE ... ADD VALUE only before PostgreSQL 12,
// so only when @version, the server's, is known to be older).
// REINDEX ... CONCURRENTLY of a table or an index and DETACH PARTITION
// CONCURRENTLY are not among them: Flyway runs those in a transaction.
static bool flyway_non_transactional(const pf_migration *m, const pf_stmt *st,
                                     int version)
{
  if (!st->parsed)
    return false;
  if (st->tag && !strcmp(st->tag, "VACUUM"))
    return true;
  if (st->tag && !strcmp(st->tag, "DISCARD") && st->no_txn) // DISCARD ALL
    return true;
  for (uint32_t k = 0; k < st->nchanges; k++) {
    const pf_change *c = &m->changes.items[st->first_change + k];
    switch (c->kind) {
    case PF_CHANGE_CREATE_INDEX:
    case PF_CHANGE_DROP_INDEX:
      if (c->concurrently)
        return true;
      break;
    case PF_CHANGE_CREATE_DATABASE:
    case PF_CHANGE_DROP_DATABASE:
    case PF_CHANGE_CREATE_TABLESPACE:
    case PF_CHANGE_DROP_TABLESPACE:
    case PF_CHANGE_ALTER_SYSTEM:
      return true;
    case PF_CHANGE_ENUM_ADD_VALUE:
      if (version && version < 120000)
        return true;
      break;
    case PF_CHANGE_REINDEX:
      if (c->object_type && (!strcmp(c->object_type, "schema") ||
                             !strcmp(c->object_type, "database") ||
                             !strcmp(c->object_type, "system")))
        return true;
      break;
    default:
      break;
    }
  }
  return false;
}

// The first statement of @m that Flyway marks non-transactional, or
// UINT32_MAX; *mixed when the file has transactional statements too.
static uint32_t flyway_first_non_transactional(const pf_migration *m,
                                               int version, bool *mixed)
{
  uint32_t first = UINT32_MAX;
  bool transactional = false;
  for (uint32_t i = 0; i < m->stmts.len; i++) {
    if (flyway_non_transactional(m, &m->stmts.items[i], version)) {
      if (first == UINT32_MAX)
        first = i;
    } else {
      transactional = true;
    }
  }
  *mixed = first != UINT32_MAX && transactional;
  return first;
}

bool pf__runner_wraps(const pf_migration *m, pf_runner_txn mode, int version)
{
  bool mixed;
  switch (mode) {
  case PF_RUNNER_WRAPS:
    return true;
  case PF_RUNNER_ONE_QUERY:
    return m->stmts.len > 1;
  case PF_RUNNER_FLYWAY:
    return flyway_first_non_transactional(m, version, &mixed) == UINT32_MAX;
  default:
    return false;
  }
}

// Why a statement that refuses transaction blocks is in one, for the
// finding.
static const char *txn_reason(const txn_state *t)
{
  if (t->open)
    return "it follows a BEGIN";
  switch (t->mode) {
  case PF_RUNNER_ONE_QUERY:
    return "golang-migrate sends the file as one query, and PostgreSQL runs "
           "a query of several statements as one transaction; alone in its "
           "file it would run outside any";
  case PF_RUNNER_FLYWAY:
    return "Flyway runs this file in a transaction: its parser does not "
           "count this statement as non-transactional";
  default:
    return "the runner wraps the file in a transaction";
  }
}

// Whether a change of @st needs a newer server than @version (known).
static bool unsupported(const txn_state *t, const pf_stmt *st, int version)
{
  for (uint32_t k = 0; version && k < st->nchanges; k++) {
    int needed =
        pf__version_needed(&t->m->changes.items[st->first_change + k], NULL);
    if (needed && version < needed)
      return true;
  }
  return false;
}

// A statement that refuses a transaction block, in one.
static void non_transactional(txn_state *t, uint32_t si, const pf_stmt *st)
{
  pf_finding *f = stmt_finding(t, PF_RULE_NON_TRANSACTIONAL_IN_TRANSACTION, si,
                               "%s cannot run inside a transaction block "
                               "(%s): the migration fails here",
                               st->tag, txn_reason(t));
  pf_buf s = PF_BUF_INIT;
  if (t->open)
    pf_buf_puts(&s, "COMMIT;  -- end the transaction first\n");
  else if (t->mode == PF_RUNNER_ONE_QUERY || t->mode == PF_RUNNER_FLYWAY)
    pf_buf_printf(&s,
                  "-- alone in a migration file of its own, which %s "
                  "runs outside a transaction:\n",
                  t->mode == PF_RUNNER_FLYWAY ? "Flyway" : "golang-migrate");
  else
    pf_buf_puts(&s, "-- in a migration of its own, which the runner does "
                    "not wrap in a transaction:\n");
  put_stmt(&s, t, si);
  pf_buf_putc(&s, ';');
  if (t->open)
    pf_buf_puts(&s, "\nBEGIN;  -- the statements after it");
  set_safe(f, &s);
}

void pf__rules_file(const pf_migration *m, const pf_source *src,
                    pf_runner_txn mode, const pf_strmap *created,
                    const pf_run_facts *rf, pf_report *r)
{
  txn_state t;
  memset(&t, 0, sizeof(t));
  t.rf = rf;
  t.m = m;
  t.src = src;
  t.r = r;
  t.mode = mode;
  int version = rf ? rf->server_version : 0;
  t.assume = pf__runner_wraps(m, mode, version);
  if (mode == PF_RUNNER_FLYWAY) {
    // A file with both kinds is refused before anything runs (Flyway's
    // ParserSqlScript, unless flyway.mixed=true, which runs it bare).
    bool mixed;
    uint32_t first = flyway_first_non_transactional(m, version, &mixed);
    if (mixed) {
      pf_finding *f = stmt_finding(
          &t, PF_RULE_NON_TRANSACTIONAL_IN_TRANSACTION, first,
          "%s cannot share a Flyway migration with transactional "
          "statements: Flyway refuses a migration that mixes them "
          "(\"Detected both transactional and non-transactional "
          "statements\"); with flyway.mixed=true it would run the whole file "
          "outside a transaction",
          m->stmts.items[first].tag);
      pf_buf s = PF_BUF_INIT;
      pf_buf_puts(&s, "-- alone in a migration file of its own (V<next>__"
                      "<name>.sql), which Flyway runs\n-- outside a "
                      "transaction; the other statements stay here:\n");
      put_stmt(&s, &t, first);
      pf_buf_putc(&s, ';');
      set_safe(f, &s);
    }
  }
  t.before = created;
  pf_strmap_init(&t.created);
  uint32_t last = 0;
  for (uint32_t si = 0; si < m->stmts.len; si++) {
    const pf_stmt *st = &m->stmts.items[si];
    bool in_txn = t.open || t.assume;
    last = si;
    switch (st->kind) {
    case PF_STMT_BEGIN:
      if (t.open) {
        pf_finding *f = stmt_finding(
            &t, PF_RULE_TRANSACTION_NESTING, si,
            "BEGIN inside the transaction opened at line %u: PostgreSQL only "
            "warns, and the first COMMIT ends both",
            stmt_line(&t, t.begin));
        pf_buf s = PF_BUF_INIT;
        pf_buf_puts(&s, "SAVEPOINT nested;  -- instead of this BEGIN; and "
                        "instead of its COMMIT:\nRELEASE SAVEPOINT nested;");
        set_safe(f, &s);
      } else if (t.assume && t.mode != PF_RUNNER_ONE_QUERY) {
        // (In the implicit transaction of a multi-statement query, BEGIN
        // turns it into an explicit one without a warning.)
        pf_finding *f = stmt_finding(
            &t, PF_RULE_TRANSACTION_NESTING, si,
            "BEGIN inside the transaction the runner wraps the file in: "
            "PostgreSQL only warns, and this file's COMMIT ends the runner's "
            "transaction too");
        pf_buf s = PF_BUF_INIT;
        pf_buf_printf(&s,
                      "-- delete this BEGIN (line %u) and its COMMIT: the "
                      "runner's transaction\n-- already holds the file",
                      stmt_line(&t, si));
        set_safe(f, &s);
      }
      if (!t.open)
        t.begin = si;
      t.open = true;
      continue;
    case PF_STMT_COMMIT:
    case PF_STMT_ROLLBACK:
      if (t.open || t.assume)
        end_txn(&t, si, true);
      t.open = false;
      continue;
    case PF_STMT_SET:
      setting(&t, si, st, in_txn);
      continue;
    case PF_STMT_SAVEPOINT: // transaction control: no work under the lock
      continue;
    default:
      break;
    }
    // A statement the server's version does not have fails on that, not
    // on the transaction (requires-newer-server says so).
    if (st->no_txn && in_txn && !unsupported(&t, st, version))
      non_transactional(&t, si, st);
    combine_alters(&t, si, st);
    if (in_txn)
      extend_window(&t, si);
    for (uint32_t k = 0; k < st->nchanges; k++)
      change(&t, si, &m->changes.items[st->first_change + k], in_txn);
  }
  if (t.open) {
    pf_finding *f = stmt_finding(&t, PF_RULE_UNCOMMITTED_TRANSACTION, t.begin,
                                 "the transaction opened here is never "
                                 "committed in this file");
    pf_buf s = PF_BUF_INIT;
    pf_buf_printf(&s, "COMMIT;  -- at the end of the file (after line %u)",
                  stmt_line(&t, last));
    set_safe(f, &s);
  }
  if (t.open || t.assume)
    end_txn(&t, last, false);
  pf_strmap_clear(&t.created);
  pf_vec_clear(&t.not_valid);
  pf_vec_clear(&t.combined);
}
