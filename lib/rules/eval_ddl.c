/* Rules for statements beyond tables and columns: indexes, partitions, views,
 * sequences, types, triggers, policies, schemas, maintenance. */
/* SPDX-License-Identifier: MIT */
#include "rules_int.h"

#include <string.h>

static bool same_name(const pf_qname *a, const pf_qname *b)
{
  return a->name && b->name && strcmp(a->name, b->name) == 0 &&
         (!a->schema || !b->schema || strcmp(a->schema, b->schema) == 0);
}

// Whether an earlier change of this file creates @q as @kind: a table, a
// materialized view, a schema, a type or a domain made by this migration is
// not in use yet.
static bool created_earlier(const pf__rctx *x, const pf_qname *q,
                            pf_change_kind kind)
{
  const pf_change *first = x->m->changes.items;
  for (const pf_change *p = first; p < x->c; p++) {
    if (p->kind != kind)
      continue;
    const pf_qname *n = kind == PF_CHANGE_CREATE_TABLE ? &p->table : &p->object;
    if (same_name(n, q))
      return true;
  }
  return false;
}

// "schema"."name" for messages.
static const char *quoted_q(pf_buf *b, const pf_qname *q)
{
  pf_buf_reset(b);
  if (q->schema) {
    pf__put_quoted(b, q->schema);
    pf_buf_putc(b, '.');
  }
  pf__put_quoted(b, q->name ? q->name : "?");
  return b->data;
}

static void set_safe(pf_finding *fd, pf_buf *s)
{
  pf__finding_set_safe(fd, s->data);
  pf_buf_clear(s);
}

void pf__safe_reindex_rebuild(pf__rctx *x, pf_finding *fd)
{
  const pf_change *c = x->c;
  pf_buf s = PF_BUF_INIT, name = PF_BUF_INIT;
  pf_buf_puts(&s, "-- PostgreSQL ");
  pf__put_version(&s, x->f->server_version);
  pf_buf_puts(&s, " has no REINDEX CONCURRENTLY (12 and later): build a "
                  "copy concurrently and swap it in,\n-- outside any "
                  "transaction block (an index behind a constraint: attach "
                  "the copy\n-- with ADD CONSTRAINT ... USING INDEX "
                  "instead)\n");
  if (c->index) {
    pf_buf_printf(&name, "%s_new", c->index);
    pf_buf_puts(&s, "CREATE INDEX CONCURRENTLY ");
    pf__put_ident(&s, name.data);
    pf_buf_puts(&s, " ON <its table> (<its columns>);  -- as "
                    "pg_get_indexdef says\nDROP INDEX CONCURRENTLY ");
    pf__put_table(&s, &c->index_q);
    pf_buf_puts(&s, ";\nALTER INDEX ");
    pf__put_ident(&s, name.data);
    pf_buf_puts(&s, " RENAME TO ");
    pf__put_ident(&s, c->index);
    pf_buf_putc(&s, ';');
  } else {
    pf_buf_puts(&s, "-- for each index of ");
    pf__put_table(&s, c->table.name ? &c->table : &c->object);
    pf_buf_puts(&s, ", one at a time:\nCREATE INDEX CONCURRENTLY "
                    "<index>_new ON <table> (<its columns>);\nDROP INDEX "
                    "CONCURRENTLY <index>;\nALTER INDEX <index>_new RENAME "
                    "TO <index>;");
  }
  pf__finding_set_safe(fd, s.data);
  pf_buf_clear(&s);
  pf_buf_clear(&name);
}

static void reindex(pf__rctx *x)
{
  const pf_change *c = x->c;
  if (c->concurrently || (c->table.name && x->f->created_here))
    return;
  pf_buf q = PF_BUF_INIT, s = PF_BUF_INIT;
  const pf_qname *target = c->index        ? &c->index_q
                           : c->table.name ? &c->table
                                           : &c->object;
  const char *what = c->object_type ? c->object_type : "index";
  pf_buf upper = PF_BUF_INIT;
  for (const char *p = what; *p; p++)
    pf_buf_putc(&upper, (char)(*p >= 'a' && *p <= 'z' ? *p - 'a' + 'A' : *p));
  pf_finding *fd = pf__radd(
      x, PF_RULE_REQUIRE_CONCURRENT_REINDEX, PF_SEV_WARNING,
      "REINDEX %s %s without CONCURRENTLY blocks writes to %s and reads "
      "that use %s",
      upper.data, quoted_q(&q, target), c->index ? "its table" : "the table",
      c->index ? "the index" : "its indexes");
  pf__add_table_size(x, fd);
  if (pf__version_before(x->f, 120000)) {
    pf__version_note(x, fd, "REINDEX CONCURRENTLY exists from 12");
    if (strcmp(what, "system") != 0)
      pf__safe_reindex_rebuild(x, fd);
  } else if (strcmp(what, "system") != 0) {
    // (System catalogs have no CONCURRENTLY.)
    pf_buf_puts(&s, "-- outside any transaction block:\nREINDEX ");
    pf_buf_puts(&s, upper.data);
    pf_buf_puts(&s, " CONCURRENTLY ");
    pf__put_table(&s, target);
    pf_buf_puts(&s, ";");
    set_safe(fd, &s);
  }
  pf_buf_clear(&upper);
  pf_buf_clear(&q);
  pf_buf_clear(&s);
}

static void detach(pf__rctx *x)
{
  const pf_change *c = x->c;
  if (c->concurrently || c->finalize || x->f->created_here)
    return;
  pf_buf q = PF_BUF_INIT, p = PF_BUF_INIT, s = PF_BUF_INIT;
  pf_finding *fd = pf__radd(
      x, PF_RULE_REQUIRE_CONCURRENT_PARTITION_DETACH, PF_SEV_WARNING,
      "detaching partition %s without CONCURRENTLY takes ACCESS EXCLUSIVE on "
      "%s",
      quoted_q(&p, &c->other_table), pf__quoted(&q, c, false));
  pf__add_table_size(x, fd);
  if (pf__version_before(x->f, 140000)) {
    // No CONCURRENTLY before 14: the plain form, with a short wait.
    pf__version_note(x, fd, "DETACH PARTITION CONCURRENTLY exists from 14");
    pf_buf_puts(&s, "-- PostgreSQL ");
    pf__put_version(&s, x->f->server_version);
    pf_buf_puts(&s, " has no DETACH PARTITION CONCURRENTLY (14 and later): "
                    "keep the lock's wait short\nSET lock_timeout = '2s';  "
                    "-- retry on timeout\nALTER TABLE ");
    pf__put_table(&s, &c->table);
    pf_buf_puts(&s, " DETACH PARTITION ");
    pf__put_table(&s, &c->other_table);
    pf_buf_putc(&s, ';');
  } else {
    pf_buf_puts(&s, "-- outside any transaction block (and only when the "
                    "table has no default partition):\nALTER TABLE ");
    pf__put_table(&s, &c->table);
    pf_buf_puts(&s, " DETACH PARTITION ");
    pf__put_table(&s, &c->other_table);
    pf_buf_puts(&s, " CONCURRENTLY;");
  }
  set_safe(fd, &s);
  pf_buf_clear(&q);
  pf_buf_clear(&p);
}

static void refresh(pf__rctx *x)
{
  const pf_change *c = x->c;
  if (c->concurrently || x->f->created_here ||
      created_earlier(x, &c->table, PF_CHANGE_CREATE_MATVIEW))
    return;
  pf_buf q = PF_BUF_INIT, s = PF_BUF_INIT;
  pf_finding *fd =
      pf__radd(x, PF_RULE_REQUIRE_CONCURRENT_REFRESH, PF_SEV_WARNING,
               "refreshing materialized view %s without CONCURRENTLY blocks "
               "every read of it until the refresh ends",
               pf__quoted(&q, c, false));
  pf__add_table_size(x, fd);
  pf_buf_puts(&s, "-- needs a unique index on the view (no WHERE clause):\n"
                  "REFRESH MATERIALIZED VIEW CONCURRENTLY ");
  pf__put_table(&s, &c->table);
  pf_buf_puts(&s, ";");
  set_safe(fd, &s);
  pf_buf_clear(&q);
}

static void repack(pf__rctx *x)
{
  const pf_change *c = x->c;
  if (x->f->created_here)
    return;
  pf_buf q = PF_BUF_INIT, s = PF_BUF_INIT;
  const char *cmd = c->kind == PF_CHANGE_VACUUM ? "VACUUM FULL" : "CLUSTER";
  pf_finding *fd;
  if (c->table.name)
    fd = pf__radd(x, PF_RULE_PREFER_REPACK, PF_SEV_WARNING,
                  "%s rewrites %s and its indexes under ACCESS EXCLUSIVE: no "
                  "query can read or write it until it ends",
                  cmd, pf__quoted(&q, c, false));
  else
    fd = pf__radd(x, PF_RULE_PREFER_REPACK, PF_SEV_WARNING,
                  "%s without a table rewrites every %stable of the database "
                  "in turn, each under ACCESS EXCLUSIVE",
                  cmd, c->kind == PF_CHANGE_CLUSTER ? "clustered " : "");
  pf__add_table_size(x, fd);
  pf_buf_puts(&s, "-- from a shell, online (pg_repack extension):\n"
                  "pg_repack");
  if (c->table.name) {
    pf_buf_puts(&s, " --table=");
    pf__put_table(&s, &c->table);
  }
  if (c->kind == PF_CHANGE_VACUUM)
    pf_buf_puts(&s, " --no-order");
  pf_buf_puts(&s, " <database>");
  set_safe(fd, &s);
  pf_buf_clear(&q);
}

// ALTER TABLE ALL IN TABLESPACE a SET TABLESPACE b: every table of a.
static void move_all(pf__rctx *x)
{
  const pf_change *c = x->c;
  pf_buf q = PF_BUF_INIT, s = PF_BUF_INIT;
  pf__put_quoted(&q, c->object.name);
  pf_finding *fd = pf__radd(
      x, PF_RULE_TABLE_REWRITE, PF_SEV_WARNING,
      "ALTER %s ALL IN TABLESPACE %s locks every %s in it with ACCESS "
      "EXCLUSIVE, then copies each one: they stay locked until the last is "
      "copied",
      c->value && !strcmp(c->value, "index")               ? "INDEX"
      : c->value && !strcmp(c->value, "materialized view") ? "MATERIALIZED VIEW"
                                                           : "TABLE",
      q.data, c->value ? c->value : "table");
  pf_buf_puts(&s, "-- one table at a time, online (pg_repack extension):\n"
                  "pg_repack --table=<table> --tablespace=");
  pf__put_ident(&s, c->new_name ? c->new_name : "<tablespace>");
  pf_buf_puts(&s, " <database>");
  set_safe(fd, &s);
  pf_buf_clear(&q);
}

static void rewrite(pf__rctx *x)
{
  const pf_change *c = x->c;
  if (c->kind == PF_CHANGE_SET_TABLESPACE && !c->table.name && !c->index &&
      c->object.name) {
    move_all(x);
    return;
  }
  if (!c->table.name || x->f->created_here)
    return;
  static const char *const forms[] = {"SET TABLESPACE", "SET LOGGED",
                                      "SET UNLOGGED", "SET ACCESS METHOD"};
  const char *form = forms[c->kind - PF_CHANGE_SET_TABLESPACE];
  pf_buf q = PF_BUF_INIT;
  pf_finding *fd =
      pf__radd(x, PF_RULE_TABLE_REWRITE, PF_SEV_WARNING,
               "ALTER TABLE ... %s rewrites %s under ACCESS EXCLUSIVE: reads "
               "and writes wait for the whole copy",
               form, pf__quoted(&q, c, false));
  pf__add_table_size(x, fd);
  pf_buf s = PF_BUF_INIT;
  if (c->kind == PF_CHANGE_SET_TABLESPACE && c->new_name) {
    pf_buf_puts(&s, "-- from a shell, online (pg_repack extension):\n"
                    "pg_repack --table=");
    pf__put_table(&s, &c->table);
    pf_buf_puts(&s, " --tablespace=");
    pf__put_ident(&s, c->new_name);
    pf_buf_puts(&s, " <database>");
  } else {
    pf_buf_printf(&s, "-- no online form: run it in a maintenance window, with "
                      "a lock_timeout\nSET lock_timeout = '2s';\n");
    pf__put_stmt(&s, x);
    pf_buf_puts(&s, ";");
  }
  set_safe(fd, &s);
  pf_buf_clear(&q);
}

// A quick statement under a strong lock: a short lock_timeout is the fix.
static void lock_timeout_safe(pf__rctx *x, pf_finding *fd)
{
  pf_buf s = PF_BUF_INIT;
  pf_buf_puts(&s, "SET lock_timeout = '2s';  -- retry on timeout\n");
  pf__put_stmt(&s, x);
  pf_buf_puts(&s, ";");
  set_safe(fd, &s);
}

static void trigger(pf__rctx *x)
{
  if (x->f->created_here)
    return;
  pf_buf q = PF_BUF_INIT;
  pf_finding *fd = pf__radd(
      x, PF_RULE_CREATE_TRIGGER_LOCKS_WRITES, PF_SEV_NOTICE,
      "creating trigger \"%s\" takes SHARE ROW EXCLUSIVE on %s: writes wait "
      "while it waits for the lock",
      x->c->object.name ? x->c->object.name : "?", pf__quoted(&q, x->c, false));
  lock_timeout_safe(x, fd);
  pf_buf_clear(&q);
}

static void policy(pf__rctx *x)
{
  if (x->f->created_here)
    return;
  static const char *const verbs[] = {"creating", "altering", "dropping"};
  pf_buf q = PF_BUF_INIT;
  pf_finding *fd = pf__radd(
      x, PF_RULE_CREATE_POLICY_LOCKS_TABLE, PF_SEV_NOTICE,
      "%s policy \"%s\" takes ACCESS EXCLUSIVE on %s: every query on it "
      "waits while it waits for the lock",
      verbs[x->c->kind - PF_CHANGE_CREATE_POLICY],
      x->c->object.name ? x->c->object.name : "?", pf__quoted(&q, x->c, false));
  lock_timeout_safe(x, fd);
  pf_buf_clear(&q);
}

static void domain(pf__rctx *x)
{
  const pf_change *c = x->c;
  pf_buf q = PF_BUF_INIT, s = PF_BUF_INIT;
  if (c->kind == PF_CHANGE_CREATE_DOMAIN && c->cons == PF_CONS_CHECK) {
    pf_finding *fd = pf__radd(
        x, PF_RULE_BAN_CREATE_DOMAIN_WITH_CONSTRAINT, PF_SEV_NOTICE,
        "domain %s has a CHECK constraint: changing it later rechecks every "
        "column of the domain in every table",
        quoted_q(&q, &c->object));
    pf_buf_puts(&s, "CREATE DOMAIN ");
    pf__put_table(&s, &c->object);
    pf_buf_printf(&s,
                  " AS %s;\n-- and a CHECK on each table column that uses it:"
                  "\n-- ALTER TABLE <table> ADD CONSTRAINT <name> CHECK (%s) "
                  "NOT VALID;",
                  c->type ? c->type : "<type>",
                  c->expr ? c->expr : "<condition>");
    set_safe(fd, &s);
  } else if (c->kind == PF_CHANGE_ALTER_DOMAIN && c->cons == PF_CONS_CHECK &&
             !c->not_valid &&
             !created_earlier(x, &c->object, PF_CHANGE_CREATE_DOMAIN)) {
    pf_finding *fd = pf__radd(
        x, PF_RULE_BAN_ALTER_DOMAIN_WITH_ADD_CONSTRAINT, PF_SEV_WARNING,
        "adding a constraint to domain %s checks every column of the "
        "domain in every table, blocking writes to each",
        quoted_q(&q, &c->object));
    pf__put_stmt(&s, x);
    pf_buf_puts(&s, " NOT VALID;\nALTER DOMAIN ");
    pf__put_table(&s, &c->object);
    pf_buf_puts(&s, " VALIDATE CONSTRAINT ");
    pf__put_ident(&s, c->constraint ? c->constraint : "<constraint>");
    pf_buf_puts(&s, ";  -- later");
    set_safe(fd, &s);
  }
  pf_buf_clear(&q);
  pf_buf_clear(&s);
}

static void drops(pf__rctx *x)
{
  const pf_change *c = x->c;
  pf_buf q = PF_BUF_INIT;
  if (c->kind == PF_CHANGE_DROP_SCHEMA &&
      !created_earlier(x, &c->object, PF_CHANGE_CREATE_SCHEMA)) {
    if (c->cascade) {
      pf_finding *fd =
          pf__radd(x, PF_RULE_BAN_DROP_SCHEMA, PF_SEV_ERROR,
                   "dropping schema %s with CASCADE destroys every table, "
                   "view and function in it",
                   quoted_q(&q, &c->object));
      pf_buf s = PF_BUF_INIT;
      pf_buf_puts(&s, "-- drop what the schema holds one object at a time, "
                      "on purpose, then:\nDROP SCHEMA ");
      pf__put_table(&s, &c->object);
      pf_buf_puts(&s, ";  -- without CASCADE: it fails while anything is "
                      "left");
      set_safe(fd, &s);
    } else
      pf__finding_set_safe(
          pf__radd(x, PF_RULE_BAN_DROP_SCHEMA, PF_SEV_WARNING,
                   "dropping schema %s breaks code that still names it (it "
                   "fails unless the schema is empty)",
                   quoted_q(&q, &c->object)),
          "-- remove every use of the schema from the code and deploy "
          "first; keep a backup");
  } else if (c->kind == PF_CHANGE_DROP_DATABASE) {
    pf__finding_set_safe(
        pf__radd(x, PF_RULE_BAN_DROP_DATABASE, PF_SEV_ERROR,
                 "dropping database %s destroys all of its data",
                 quoted_q(&q, &c->object)),
        "-- not in a migration: keep a backup (pg_dump) and drop the "
        "database by hand");
  } else if (c->kind == PF_CHANGE_TRUNCATE && c->cascade &&
             !x->f->created_here) {
    pf_finding *fd =
        pf__radd(x, PF_RULE_BAN_TRUNCATE_CASCADE, PF_SEV_ERROR,
                 "TRUNCATE ... CASCADE empties %s and every table that "
                 "references it through a foreign key",
                 pf__quoted(&q, c, false));
    pf__lost_verdict(x, fd);
    pf__add_table_size(x, fd);
    pf_buf s = PF_BUF_INIT;
    pf_buf_puts(&s, "TRUNCATE ");
    pf__put_table(&s, &c->table);
    pf_buf_puts(&s, ", <each referencing table>;  -- named, no CASCADE");
    set_safe(fd, &s);
  }
  pf_buf_clear(&q);
}

static void renames(pf__rctx *x)
{
  const pf_change *c = x->c;
  pf_buf q = PF_BUF_INIT;
  if (c->kind == PF_CHANGE_RENAME_SCHEMA &&
      !created_earlier(x, &c->object, PF_CHANGE_CREATE_SCHEMA)) {
    pf_finding *fd =
        pf__radd(x, PF_RULE_RENAMING_SCHEMA, PF_SEV_ERROR,
                 "renaming schema %s to \"%s\" breaks every query and "
                 "setting that names the old schema",
                 quoted_q(&q, &c->object), c->new_name ? c->new_name : "?");
    pf_buf s = PF_BUF_INIT;
    pf_buf_puts(&s, "CREATE SCHEMA ");
    pf__put_ident(&s, c->new_name ? c->new_name : "?");
    pf_buf_puts(&s, ";\n-- move each object: ALTER TABLE ");
    pf__put_ident(&s, c->object.name ? c->object.name : "?");
    pf_buf_puts(&s, ".<table> SET SCHEMA ");
    pf__put_ident(&s, c->new_name ? c->new_name : "?");
    pf_buf_puts(&s, ";\n-- leave views under the old schema while the code "
                    "moves, then drop them");
    set_safe(fd, &s);
  } else if (c->kind == PF_CHANGE_ENUM_RENAME_VALUE &&
             !created_earlier(x, &c->object, PF_CHANGE_CREATE_TYPE)) {
    pf_finding *fd = pf__radd(
        x, PF_RULE_RENAMING_ENUM_VALUE, PF_SEV_ERROR,
        "renaming value '%s' of enum %s to '%s' breaks code that still "
        "writes or compares with '%s'",
        c->value ? c->value : "?", quoted_q(&q, &c->object),
        c->new_name ? c->new_name : "?", c->value ? c->value : "?");
    pf_buf s = PF_BUF_INIT;
    pf_buf_puts(&s, "ALTER TYPE ");
    pf__put_table(&s, &c->object);
    pf_buf_printf(&s,
                  " ADD VALUE '%s' AFTER '%s';\n-- move the code and the rows "
                  "to '%s', then stop using '%s'",
                  c->new_name ? c->new_name : "?", c->value ? c->value : "?",
                  c->new_name ? c->new_name : "?", c->value ? c->value : "?");
    set_safe(fd, &s);
  }
  pf_buf_clear(&q);
}

static void enum_add(pf__rctx *x)
{
  const pf_change *c = x->c;
  const pf_stmt *st = &x->m->stmts.items[c->stmt];
  pf_buf q = PF_BUF_INIT;
  bool fresh = created_earlier(x, &c->object, PF_CHANGE_CREATE_TYPE);
  if (pf__version_before(x->f, 120000) && (st->in_txn || x->f->assume_txn) &&
      !fresh) {
    // Before PostgreSQL 12 the statement itself refuses a transaction
    // block (unless the type was created in the same transaction).
    pf_buf v = PF_BUF_INIT;
    pf__put_version(&v, x->f->server_version);
    pf_finding *fd = pf__radd(
        x, PF_RULE_BAN_ALTER_ENUM_ADD_VALUE_IN_TRANSACTION, PF_SEV_ERROR,
        "ALTER TYPE ... ADD VALUE '%s' to enum %s cannot run inside a "
        "transaction block on PostgreSQL %s (%s): the migration fails here",
        c->value ? c->value : "?", quoted_q(&q, &c->object), v.data,
        st->in_txn ? "it follows a BEGIN"
                   : "the runner wraps the file in a transaction");
    pf__version_note(x, fd, "before 12, ADD VALUE refuses a transaction block");
    pf_buf s = PF_BUF_INIT;
    pf_buf_puts(&s, "-- a migration of its own, outside any transaction "
                    "block, committed before any use:\n");
    pf__put_stmt(&s, x);
    pf_buf_puts(&s, ";");
    set_safe(fd, &s);
    pf_buf_clear(&v);
  } else if (st->in_txn && !fresh) {
    pf_finding *fd = pf__radd(
        x, PF_RULE_BAN_ALTER_ENUM_ADD_VALUE_IN_TRANSACTION, PF_SEV_WARNING,
        "value '%s' added to enum %s inside a transaction cannot be used "
        "until the transaction commits",
        c->value ? c->value : "?", quoted_q(&q, &c->object));
    pf_buf s = PF_BUF_INIT;
    pf_buf_puts(&s, "-- a migration of its own, committed before any use:\n");
    pf__put_stmt(&s, x);
    pf_buf_puts(&s, ";");
    set_safe(fd, &s);
  }
  if (!c->has_neighbor) {
    pf_finding *fd = pf__radd(
        x, PF_RULE_REQUIRE_ENUM_VALUE_ORDERING, PF_SEV_NOTICE,
        "value '%s' is added last to enum %s: say BEFORE or AFTER which value "
        "it belongs",
        c->value ? c->value : "?", quoted_q(&q, &c->object));
    pf_buf s = PF_BUF_INIT;
    pf_buf_puts(&s, "ALTER TYPE ");
    pf__put_table(&s, &c->object);
    pf_buf_printf(&s, " ADD VALUE '%s' AFTER '<value>';",
                  c->value ? c->value : "?");
    set_safe(fd, &s);
  }
  pf_buf_clear(&q);
}

// Whether an earlier change of this file gives @part a valid CHECK
// constraint (added without NOT VALID, or validated later): PostgreSQL can
// then skip the scan if the CHECK implies the partition bound.
static bool has_valid_check(const pf__rctx *x, const pf_qname *part)
{
  for (const pf_change *p = x->m->changes.items; p < x->c; p++) {
    if (!same_name(&p->table, part))
      continue;
    if (p->kind == PF_CHANGE_ADD_CONSTRAINT && p->cons == PF_CONS_CHECK &&
        !p->not_valid)
      return true;
    if (p->kind == PF_CHANGE_VALIDATE_CONSTRAINT)
      return true;
  }
  return false;
}

static void attach(pf__rctx *x)
{
  const pf_change *c = x->c;
  // ALTER INDEX ... ATTACH PARTITION checks the two index definitions
  // match: no scan (the partition's own lock is the timeout rules').
  if (c->index && !c->table.name)
    return;
  if (x->f->created_here ||
      created_earlier(x, &c->other_table, PF_CHANGE_CREATE_TABLE) ||
      has_valid_check(x, &c->other_table))
    return;
  pf_buf q = PF_BUF_INIT, p = PF_BUF_INIT, s = PF_BUF_INIT;
  const char *part = quoted_q(&p, &c->other_table);
  pf_finding *fd = pf__radd(
      x, PF_RULE_ATTACH_PARTITION_SCANS, PF_SEV_WARNING,
      "attaching %s to %s scans all of %s under ACCESS EXCLUSIVE to check "
      "the partition bound (no CHECK constraint proves it)",
      part, pf__quoted(&q, c, false), part);
  if (pf__version_before(x->f, 120000))
    pf__version_note(x, fd,
                     "before 12, ATTACH PARTITION also takes ACCESS "
                     "EXCLUSIVE on the partitioned table");
  pf_buf_puts(&s, "ALTER TABLE ");
  pf__put_table(&s, &c->other_table);
  pf_buf_puts(&s, " ADD CONSTRAINT <bound_check>\n  CHECK (<the partition "
                  "bound as a condition>) NOT VALID;\nALTER TABLE ");
  pf__put_table(&s, &c->other_table);
  pf_buf_puts(&s, " VALIDATE CONSTRAINT <bound_check>;\n");
  pf__put_stmt(&s, x);
  pf_buf_puts(&s, ";  -- no scan now\nALTER TABLE ");
  pf__put_table(&s, &c->other_table);
  pf_buf_puts(&s, " DROP CONSTRAINT <bound_check>;");
  set_safe(fd, &s);
  pf_buf_clear(&q);
  pf_buf_clear(&p);
}

static void exclusion(pf__rctx *x)
{
  if (x->c->cons != PF_CONS_EXCLUDE || x->f->created_here)
    return;
  const pf_facts *f = x->f;
  const pf_live_probe *p = &f->data;
  bool ran = f->data_ran && p->status != PF_LIVE_MISSING;
  bool fails = ran && p->status == PF_LIVE_DONE && (p->count > 0 || !p->exact);
  bool passes = ran && p->status == PF_LIVE_DONE && p->exact && !p->count;
  pf_buf q = PF_BUF_INIT, m = PF_BUF_INIT;
  const char *name = x->c->constraint ? x->c->constraint : "(unnamed)";
  pf__quoted(&q, x->c, false);
  if (fails) {
    pf_buf_printf(&m,
                  "adding exclusion constraint \"%s\" on %s will fail: ", name,
                  q.data);
    if (p->exact)
      pf_buf_printf(&m, "%lld pair%s of rows conflict%s", (long long)p->count,
                    p->count == 1 ? "" : "s", p->count == 1 ? "s" : "");
    else
      pf_buf_puts(&m, "at least 1 pair of rows conflicts");
    pf_buf_puts(&m, "; it builds its index and checks every row under ACCESS "
                    "EXCLUSIVE");
  } else {
    pf_buf_printf(&m,
                  "adding exclusion constraint \"%s\" on %s builds its index "
                  "and checks every row under ACCESS EXCLUSIVE%s",
                  name, q.data,
                  passes ? " (no rows conflict now)"
                  : !f->data_ran
                      ? (f->db ? "; it fails if two rows conflict (not checked)"
                               : "; it fails if two rows conflict (unverified: "
                                 "no database)")
                  : p->status == PF_LIVE_INCONCLUSIVE
                      ? "; it fails if two rows conflict (check inconclusive)"
                  : p->status == PF_LIVE_DONE
                      ? ""
                      : "; it fails if two rows conflict (not evaluated)");
  }
  pf_finding *fd =
      pf__radd(x, PF_RULE_ADDING_EXCLUSION_CONSTRAINT,
               fails ? PF_SEV_ERROR : PF_SEV_WARNING, "%s", m.data);
  if (!f->data_ran || p->status != PF_LIVE_MISSING)
    pf__data_evidence(x, fd, p, "conflicting row pairs");
  pf__add_table_size(x, fd);
  pf__finding_set_safe(fd, "-- no online form: add it when the table is "
                           "created, or in a maintenance window with a "
                           "lock_timeout");
  pf_buf_clear(&q);
  pf_buf_clear(&m);
}

static void dynamic(pf__rctx *x)
{
  const char *d = x->c->detail ? x->c->detail : "dynamic SQL";
  size_t n = strcspn(d, "\n");
  pf_finding *fd = pf__radd(x, PF_RULE_DYNAMIC_SQL_NOT_ANALYSED, PF_SEV_NOTICE,
                            "not analysed: %.*s%s", (int)(n > 100 ? 100 : n), d,
                            n > 100 || d[n] ? " ..." : "");
  pf__finding_set_safe(fd, "-- write the statements out in the migration, "
                           "so that they can be checked");
}

// CREATE INDEX / REINDEX CONCURRENTLY and the PostgreSQL 14.0-14.3 bug
// that let them miss rows updated during the build (14.4 release notes;
// strong_migrations' add_index_corruption). Only when the server's version
// is known (the database's, or --pg-version): a bug of four minor releases
// of 2021-2022 is not worth a notice on every CONCURRENTLY, the safe form
// itself, of a run that cannot tell.
static void pg14_concurrently(pf__rctx *x)
{
  const pf_change *c = x->c;
  int v = x->f->server_version;
  if (!c->concurrently || (c->table.name && x->f->created_here) || v < 140000 ||
      v >= 140004)
    return;
  const char *what = c->kind == PF_CHANGE_REINDEX ? "REINDEX CONCURRENTLY"
                                                  : "CREATE INDEX "
                                                    "CONCURRENTLY";
  pf_finding *fd = pf__radd(x, PF_RULE_PG14_CONCURRENT_INDEX, PF_SEV_ERROR,
                            "%s on PostgreSQL 14.%d can build an index that "
                            "misses rows updated during the build (fixed in "
                            "14.4)",
                            what, v % 100);
  pf__finding_add_evidence(
      fd, PF_EV_NOTE, -1, "server version 14.%d (%s)", v % 100,
      x->f->server_version_declared ? "--pg-version" : "the database's");
  pf_buf s = PF_BUF_INIT;
  pf_buf_puts(&s, "-- upgrade the server to 14.4 or later first, then:\n");
  pf__put_stmt(&s, x);
  pf_buf_putc(&s, ';');
  set_safe(fd, &s);
}

void pf__rules_ddl(pf__rctx *x)
{
  if (x->c->kind == PF_CHANGE_CREATE_INDEX || x->c->kind == PF_CHANGE_REINDEX)
    pg14_concurrently(x);
  switch (x->c->kind) {
  case PF_CHANGE_REINDEX:
    reindex(x);
    break;
  case PF_CHANGE_DETACH_PARTITION:
    detach(x);
    break;
  case PF_CHANGE_ATTACH_PARTITION:
    attach(x);
    break;
  case PF_CHANGE_REFRESH_MATVIEW:
    refresh(x);
    break;
  case PF_CHANGE_VACUUM:
    if (x->c->full)
      repack(x);
    break;
  case PF_CHANGE_CLUSTER:
    repack(x);
    break;
  case PF_CHANGE_SET_TABLESPACE:
  case PF_CHANGE_SET_LOGGED:
  case PF_CHANGE_SET_UNLOGGED:
  case PF_CHANGE_SET_ACCESS_METHOD:
    rewrite(x);
    break;
  case PF_CHANGE_CREATE_TRIGGER:
    trigger(x);
    break;
  case PF_CHANGE_CREATE_POLICY:
  case PF_CHANGE_ALTER_POLICY:
  case PF_CHANGE_DROP_POLICY:
    policy(x);
    break;
  case PF_CHANGE_CREATE_DOMAIN:
  case PF_CHANGE_ALTER_DOMAIN:
    domain(x);
    break;
  case PF_CHANGE_DROP_SCHEMA:
  case PF_CHANGE_DROP_DATABASE:
  case PF_CHANGE_TRUNCATE:
    drops(x);
    break;
  case PF_CHANGE_RENAME_SCHEMA:
  case PF_CHANGE_ENUM_RENAME_VALUE:
    renames(x);
    break;
  case PF_CHANGE_ENUM_ADD_VALUE:
    enum_add(x);
    break;
  case PF_CHANGE_ADD_CONSTRAINT:
    exclusion(x);
    break;
  case PF_CHANGE_DYNAMIC_SQL:
    dynamic(x);
    break;
  default:
    break;
  }
}
