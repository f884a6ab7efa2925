/* Statements beyond tables and columns -> changes: maintenance, views,
 * sequences, functions, triggers, policies, partitions, schemas, types,
 * domains, renames, comments, grants, locks, backfills. */
/* SPDX-License-Identifier: MIT */
#include "build.h"

#include <stdlib.h>
#include <string.h>

typedef pf__builder builder;

static const char *dup(builder *b, const char *s)
{
  return pf__build_dup(b, s);
}

static pf_change *add(builder *b, pf_change_kind kind,
                      const PgQuery__RangeVar *rel)
{
  return pf__build_change(b, kind, rel);
}

static const char *object_type_name(PgQuery__ObjectType t)
{
  switch (t) {
  case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE:
    return "table";
  case PG_QUERY__OBJECT_TYPE__OBJECT_COLUMN:
    return "column";
  case PG_QUERY__OBJECT_TYPE__OBJECT_INDEX:
    return "index";
  case PG_QUERY__OBJECT_TYPE__OBJECT_VIEW:
    return "view";
  case PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW:
    return "materialized view";
  case PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE:
    return "sequence";
  case PG_QUERY__OBJECT_TYPE__OBJECT_FOREIGN_TABLE:
    return "foreign table";
  case PG_QUERY__OBJECT_TYPE__OBJECT_FUNCTION:
    return "function";
  case PG_QUERY__OBJECT_TYPE__OBJECT_PROCEDURE:
    return "procedure";
  case PG_QUERY__OBJECT_TYPE__OBJECT_ROUTINE:
    return "routine";
  case PG_QUERY__OBJECT_TYPE__OBJECT_AGGREGATE:
    return "aggregate";
  case PG_QUERY__OBJECT_TYPE__OBJECT_TRIGGER:
    return "trigger";
  case PG_QUERY__OBJECT_TYPE__OBJECT_POLICY:
    return "policy";
  case PG_QUERY__OBJECT_TYPE__OBJECT_RULE:
    return "rule";
  case PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA:
    return "schema";
  case PG_QUERY__OBJECT_TYPE__OBJECT_TYPE:
    return "type";
  case PG_QUERY__OBJECT_TYPE__OBJECT_DOMAIN:
    return "domain";
  case PG_QUERY__OBJECT_TYPE__OBJECT_EXTENSION:
    return "extension";
  case PG_QUERY__OBJECT_TYPE__OBJECT_DATABASE:
    return "database";
  case PG_QUERY__OBJECT_TYPE__OBJECT_TABLESPACE:
    return "tablespace";
  case PG_QUERY__OBJECT_TYPE__OBJECT_TABCONSTRAINT:
  case PG_QUERY__OBJECT_TYPE__OBJECT_DOMCONSTRAINT:
    return "constraint";
  case PG_QUERY__OBJECT_TYPE__OBJECT_ROLE:
    return "role";
  default:
    return "object";
  }
}

// The name an object node gives: a dotted list, a string, a type name, a
// function with arguments or a relation.
static void object_name(builder *b, pf_qname *q, const PgQuery__Node *o)
{
  if (!o)
    return;
  switch (o->node_case) {
  case PG_QUERY__NODE__NODE_LIST:
    pf__build_qname(b, q, o->list->items, o->list->n_items);
    break;
  case PG_QUERY__NODE__NODE_STRING:
    q->name = dup(b, o->string->sval);
    break;
  case PG_QUERY__NODE__NODE_TYPE_NAME:
    pf__build_qname(b, q, o->type_name->names, o->type_name->n_names);
    break;
  case PG_QUERY__NODE__NODE_OBJECT_WITH_ARGS:
    pf__build_qname(b, q, o->object_with_args->objname,
                    o->object_with_args->n_objname);
    break;
  case PG_QUERY__NODE__NODE_RANGE_VAR:
    pf__build_rangevar(b, q, o->range_var);
    break;
  default:
    break;
  }
}

// [schema.]table.name lists (triggers, policies, rules, columns): the table
// is all but the last element.
static void table_and_last(builder *b, pf_change *c, const PgQuery__Node *o,
                           const char **last)
{
  if (!o || o->node_case != PG_QUERY__NODE__NODE_LIST || !o->list->n_items)
    return;
  size_t n = o->list->n_items;
  *last = dup(b, pf__sql_node_str(o->list->items[n - 1]));
  if (n >= 2)
    pf__build_qname(b, &c->table, o->list->items, n - 1);
}

// A boolean option such as REINDEX (CONCURRENTLY [true|false]).
static bool option_on(PgQuery__Node **opts, size_t n, const char *name)
{
  for (size_t i = 0; i < n; i++) {
    if (opts[i]->node_case != PG_QUERY__NODE__NODE_DEF_ELEM)
      continue;
    const PgQuery__DefElem *d = opts[i]->def_elem;
    if (!d->defname || strcmp(d->defname, name) != 0)
      continue;
    const PgQuery__Node *a = d->arg;
    if (!a)
      return true;
    if (a->node_case == PG_QUERY__NODE__NODE_INTEGER)
      return a->integer->ival != 0;
    const char *v = pf__sql_node_str(a);
    if (a->node_case == PG_QUERY__NODE__NODE_BOOLEAN)
      return a->boolean->boolval;
    return !(v && (pf_strcaseeq(v, "false") || pf_strcaseeq(v, "off") ||
                   strcmp(v, "0") == 0));
  }
  return false;
}

static pf_change_kind drop_kind(PgQuery__ObjectType t)
{
  switch (t) {
  case PG_QUERY__OBJECT_TYPE__OBJECT_VIEW:
    return PF_CHANGE_DROP_VIEW;
  case PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW:
    return PF_CHANGE_DROP_MATVIEW;
  case PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE:
    return PF_CHANGE_DROP_SEQUENCE;
  case PG_QUERY__OBJECT_TYPE__OBJECT_FUNCTION:
  case PG_QUERY__OBJECT_TYPE__OBJECT_PROCEDURE:
  case PG_QUERY__OBJECT_TYPE__OBJECT_ROUTINE:
  case PG_QUERY__OBJECT_TYPE__OBJECT_AGGREGATE:
    return PF_CHANGE_DROP_FUNCTION;
  case PG_QUERY__OBJECT_TYPE__OBJECT_TRIGGER:
    return PF_CHANGE_DROP_TRIGGER;
  case PG_QUERY__OBJECT_TYPE__OBJECT_POLICY:
    return PF_CHANGE_DROP_POLICY;
  case PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA:
    return PF_CHANGE_DROP_SCHEMA;
  case PG_QUERY__OBJECT_TYPE__OBJECT_TYPE:
    return PF_CHANGE_DROP_TYPE;
  case PG_QUERY__OBJECT_TYPE__OBJECT_DOMAIN:
    return PF_CHANGE_DROP_DOMAIN;
  case PG_QUERY__OBJECT_TYPE__OBJECT_EXTENSION:
    return PF_CHANGE_DROP_EXTENSION;
  default:
    return PF_CHANGE_OTHER;
  }
}

// DROP of anything but a table or an index.
static void drop_other(builder *b, const PgQuery__DropStmt *s)
{
  pf_change_kind kind = drop_kind(s->remove_type);
  bool on_table = s->remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_TRIGGER ||
                  s->remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_POLICY ||
                  s->remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_RULE;
  for (size_t i = 0; i < s->n_objects; i++) {
    pf_change *c = add(b, kind, NULL);
    c->object_type = object_type_name(s->remove_type);
    if (on_table)
      table_and_last(b, c, s->objects[i], &c->object.name);
    else
      object_name(b, &c->object, s->objects[i]);
    c->if_exists = s->missing_ok;
    c->cascade = s->behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE;
    pf__change_set_lock(c);
  }
}

// ALTER ... RENAME of anything but a table or a column.
static void rename_other(builder *b, const PgQuery__RenameStmt *s)
{
  pf_change *c;
  switch (s->rename_type) {
  case PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA:
    c = add(b, PF_CHANGE_RENAME_SCHEMA, NULL);
    c->object.name = dup(b, s->subname);
    break;
  case PG_QUERY__OBJECT_TYPE__OBJECT_INDEX:
    c = add(b, PF_CHANGE_RENAME_OBJECT, NULL);
    pf__build_rangevar(b, &c->index_q, s->relation);
    c->index = c->index_q.name;
    break;
  case PG_QUERY__OBJECT_TYPE__OBJECT_TABCONSTRAINT:
  case PG_QUERY__OBJECT_TYPE__OBJECT_TRIGGER:
  case PG_QUERY__OBJECT_TYPE__OBJECT_POLICY:
  case PG_QUERY__OBJECT_TYPE__OBJECT_RULE:
    c = add(b, PF_CHANGE_RENAME_OBJECT, s->relation);
    if (s->rename_type == PG_QUERY__OBJECT_TYPE__OBJECT_TABCONSTRAINT)
      c->constraint = dup(b, s->subname);
    else
      c->object.name = dup(b, s->subname);
    break;
  case PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW:
  case PG_QUERY__OBJECT_TYPE__OBJECT_FOREIGN_TABLE:
    c = add(b, PF_CHANGE_RENAME_OBJECT, s->relation);
    break;
  default:
    c = add(b, PF_CHANGE_RENAME_OBJECT, NULL);
    if (s->relation)
      pf__build_rangevar(b, &c->object, s->relation);
    else if (s->object)
      object_name(b, &c->object, s->object);
    else
      c->object.name = dup(b, s->subname);
    if (s->relation && s->subname) // a column of a view, an attribute
      c->column = dup(b, s->subname);
    break;
  }
  c->object_type = object_type_name(s->rename_type);
  c->new_name = dup(b, s->newname);
  c->if_exists = s->missing_ok;
  pf__change_set_lock(c);
}

static void reindex(builder *b, pf_stmt *st, const PgQuery__ReindexStmt *s)
{
  pf_change *c = add(b, PF_CHANGE_REINDEX, NULL);
  c->concurrently = option_on(s->params, s->n_params, "concurrently");
  switch (s->kind) {
  case PG_QUERY__REINDEX_OBJECT_TYPE__REINDEX_OBJECT_INDEX:
    c->object_type = "index";
    pf__build_rangevar(b, &c->index_q, s->relation);
    c->index = c->index_q.name;
    break;
  case PG_QUERY__REINDEX_OBJECT_TYPE__REINDEX_OBJECT_TABLE:
    c->object_type = "table";
    pf__build_rangevar(b, &c->table, s->relation);
    break;
  case PG_QUERY__REINDEX_OBJECT_TYPE__REINDEX_OBJECT_SCHEMA:
    c->object_type = "schema";
    c->object.name = dup(b, s->name);
    break;
  case PG_QUERY__REINDEX_OBJECT_TYPE__REINDEX_OBJECT_SYSTEM:
    c->object_type = "system";
    c->object.name = dup(b, s->name);
    break;
  default:
    c->object_type = "database";
    c->object.name = dup(b, s->name);
    break;
  }
  // REINDEX SCHEMA/SYSTEM/DATABASE and CONCURRENTLY refuse transaction
  // blocks (PostgreSQL 15 docs, REINDEX).
  st->no_txn =
      c->concurrently ||
      (s->kind != PG_QUERY__REINDEX_OBJECT_TYPE__REINDEX_OBJECT_INDEX &&
       s->kind != PG_QUERY__REINDEX_OBJECT_TYPE__REINDEX_OBJECT_TABLE);
  pf__change_set_lock(c);
}

static void vacuum(builder *b, pf_stmt *st, const PgQuery__VacuumStmt *s)
{
  pf_change_kind kind = s->is_vacuumcmd ? PF_CHANGE_VACUUM : PF_CHANGE_ANALYZE;
  bool full = option_on(s->options, s->n_options, "full");
  st->no_txn = s->is_vacuumcmd; // PostgreSQL 15 docs, VACUUM
  size_t n = s->n_rels ? s->n_rels : 1;
  for (size_t i = 0; i < n; i++) {
    const PgQuery__RangeVar *rel = NULL;
    if (s->n_rels &&
        s->rels[i]->node_case == PG_QUERY__NODE__NODE_VACUUM_RELATION)
      rel = s->rels[i]->vacuum_relation->relation;
    pf_change *c = add(b, kind, rel);
    c->full = full && s->is_vacuumcmd;
    pf__change_set_lock(c);
  }
}

static void create_table_as(builder *b, const PgQuery__IntoClause *into,
                            bool matview, bool if_not_exists)
{
  pf_change *c;
  if (matview) {
    c = add(b, PF_CHANGE_CREATE_MATVIEW, NULL);
    c->object_type = "materialized view";
    if (into)
      pf__build_rangevar(b, &c->object, into->rel);
  } else {
    c = add(b, PF_CHANGE_CREATE_TABLE, into ? into->rel : NULL);
    c->as_query = true;
    c->unlogged = into && into->rel && into->rel->relpersistence &&
                  into->rel->relpersistence[0] == 'u';
    c->cols_open = true; // the query's columns
  }
  c->if_exists = if_not_exists;
  pf__change_set_lock(c);
}

static void domain_constraints(builder *b, pf_change *c, PgQuery__Node **k,
                               size_t n)
{
  for (size_t i = 0; i < n; i++) {
    if (k[i]->node_case != PG_QUERY__NODE__NODE_CONSTRAINT)
      continue;
    const PgQuery__Constraint *con = k[i]->constraint;
    if (con->contype == PG_QUERY__CONSTR_TYPE__CONSTR_CHECK) {
      pf__build_constraint(b, c, con);
      return;
    }
    if (con->contype == PG_QUERY__CONSTR_TYPE__CONSTR_NOTNULL)
      c->not_null = true;
  }
}

static void alter_domain(builder *b, const PgQuery__AlterDomainStmt *s)
{
  pf_change *c = add(b, PF_CHANGE_ALTER_DOMAIN, NULL);
  c->object_type = "domain";
  pf__build_qname(b, &c->object, s->type_name, s->n_type_name);
  const char *sub = s->subtype ? s->subtype : "";
  if (sub[0] == 'C' && s->def &&
      s->def->node_case == PG_QUERY__NODE__NODE_CONSTRAINT)
    pf__build_constraint(b, c, s->def->constraint);
  else if (sub[0] == 'O')
    c->cons = PF_CONS_NOT_NULL; // SET NOT NULL: checks every column
  else if (sub[0] == 'V')
    c->constraint = dup(b, s->name);
  c->if_exists = s->missing_ok;
  pf__change_set_lock(c);
}

static void alter_enum(builder *b, const PgQuery__AlterEnumStmt *s)
{
  pf_change *c = add(b,
                     s->old_val && *s->old_val ? PF_CHANGE_ENUM_RENAME_VALUE
                                               : PF_CHANGE_ENUM_ADD_VALUE,
                     NULL);
  c->object_type = "enum";
  pf__build_qname(b, &c->object, s->type_name, s->n_type_name);
  if (c->kind == PF_CHANGE_ENUM_RENAME_VALUE) {
    c->value = dup(b, s->old_val);
    c->new_name = dup(b, s->new_val);
  } else {
    c->value = dup(b, s->new_val);
    c->has_neighbor = s->new_val_neighbor && *s->new_val_neighbor;
    c->if_exists = s->skip_if_new_val_exists;
  }
  pf__change_set_lock(c);
}

static void comment(builder *b, const PgQuery__CommentStmt *s)
{
  pf_change *c = add(b, PF_CHANGE_COMMENT, NULL);
  c->object_type = object_type_name(s->objtype);
  if (s->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_TABLE)
    object_name(b, &c->table, s->object);
  else if (s->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_COLUMN)
    table_and_last(b, c, s->object, &c->column);
  else
    object_name(b, &c->object, s->object);
  pf__change_set_lock(c);
}

static void grant(builder *b, const PgQuery__GrantStmt *s)
{
  pf_change *c = add(b, s->is_grant ? PF_CHANGE_GRANT : PF_CHANGE_REVOKE, NULL);
  c->object_type = object_type_name(s->objtype);
  if (s->n_objects)
    object_name(b, &c->object, s->objects[0]);
  c->cascade = s->behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE;
  pf__change_set_lock(c);
}

static void lock_table(builder *b, const PgQuery__LockStmt *s)
{
  for (size_t i = 0; i < s->n_relations; i++) {
    if (s->relations[i]->node_case != PG_QUERY__NODE__NODE_RANGE_VAR)
      continue;
    pf_change *c = add(b, PF_CHANGE_LOCK_TABLE, s->relations[i]->range_var);
    // The parser's mode numbers are PostgreSQL's lock modes, 1..8, which
    // pf_lock follows.
    c->lock = s->mode >= 1 && s->mode < PF_LOCK_COUNT
                  ? (pf_lock)s->mode
                  : PF_LOCK_ACCESS_EXCLUSIVE;
    pf__change_set_lock(c);
  }
}

static bool first_table(const PgQuery__Node *n, void *ud)
{
  const PgQuery__RangeVar **out = ud;
  if (!*out && n->node_case == PG_QUERY__NODE__NODE_RANGE_VAR)
    *out = n->range_var;
  return !*out;
}

// INSERT ... SELECT ... FROM: a backfill from another table. INSERT ...
// VALUES changes no schema and is left out, unless it has ON CONFLICT,
// which only PostgreSQL 9.5 and later have.
static void insert(builder *b, const PgQuery__InsertStmt *s)
{
  const PgQuery__Node *sel = s->select_stmt;
  const PgQuery__SelectStmt *q =
      sel && sel->node_case == PG_QUERY__NODE__NODE_SELECT_STMT
          ? sel->select_stmt
          : NULL;
  if (!q || (!q->n_from_clause && !q->larg)) {
    if (s->on_conflict_clause) {
      pf_change *c = add(b, PF_CHANGE_INSERT, s->relation);
      c->on_conflict = true;
      pf__change_set_lock(c);
    }
    return;
  }
  pf_change *c = add(b, PF_CHANGE_INSERT_SELECT, s->relation);
  c->on_conflict = s->on_conflict_clause != NULL;
  const PgQuery__RangeVar *from = NULL;
  pf__sql_walk(&q->base, first_table, &from);
  if (from) {
    pf__build_rangevar(b, &c->other_table, from);
    c->other_lock = PF_LOCK_ACCESS_SHARE;
  }
  pf__change_set_lock(c);
}

// MERGE INTO target USING source: ROW EXCLUSIVE on the target, ACCESS
// SHARE on a source table.
static void merge(builder *b, const PgQuery__MergeStmt *s)
{
  pf_change *c = add(b, PF_CHANGE_MERGE, s->relation);
  const PgQuery__Node *src = s->source_relation;
  if (src && src->node_case == PG_QUERY__NODE__NODE_RANGE_VAR)
    pf__build_rangevar(b, &c->other_table, src->range_var);
  pf__change_set_lock(c);
}

// Whether the text of @c says EXECUTE FUNCTION rather than EXECUTE
// PROCEDURE: the parse tree does not tell them apart, and only PostgreSQL
// 11 and later accept FUNCTION. Strings, quoted names and comments are
// skipped.
static bool execute_function(const builder *b, const pf_change *c)
{
  const char *t = b->text;
  uint32_t i = c->span.start, end = c->span.end;
  bool after_execute = false;
  while (i < end) {
    char ch = t[i];
    if (ch == '\'' || ch == '"') {
      for (i++; i < end && t[i] != ch; i++)
        ;
      i++;
      after_execute = false;
    } else if (ch == '-' && i + 1 < end && t[i + 1] == '-') {
      while (i < end && t[i] != '\n')
        i++;
    } else if (pf_is_ident_char((unsigned char)ch)) {
      uint32_t w = i;
      while (i < end && pf_is_ident_char((unsigned char)t[i]))
        i++;
      if (after_execute && i - w == 8 && pf_strcaseeq_n(t + w, "function", 8))
        return true;
      after_execute = i - w == 7 && pf_strcaseeq_n(t + w, "execute", 7);
    } else {
      if (ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r')
        after_execute = false;
      i++;
    }
  }
  return false;
}

static void create_trigger(builder *b, const PgQuery__CreateTrigStmt *s)
{
  pf_change *c = add(b, PF_CHANGE_CREATE_TRIGGER, s->relation);
  c->object_type = s->isconstraint ? "constraint trigger" : "trigger";
  c->object.name = dup(b, s->trigname);
  c->replace = s->replace;
  c->execute_function = execute_function(b, c);
  c->transition_tables = s->n_transition_rels > 0;
  pf__change_set_lock(c);
}

static void policy(builder *b, pf_change_kind kind, const char *name,
                   const PgQuery__RangeVar *table)
{
  pf_change *c = add(b, kind, table);
  c->object_type = "policy";
  c->object.name = dup(b, name);
  pf__change_set_lock(c);
}

// An object created or altered by name: schemas, databases, extensions...
static pf_change *named(builder *b, pf_change_kind kind, const char *type,
                        const char *name)
{
  pf_change *c = add(b, kind, NULL);
  c->object_type = type;
  c->object.name = dup(b, name);
  return c;
}

static void create_schema(builder *b, pf_stmt *st,
                          const PgQuery__CreateSchemaStmt *s)
{
  const char *name = s->schemaname;
  if ((!name || !*name) && s->authrole)
    name = s->authrole->rolename;
  pf_change *c = named(b, PF_CHANGE_CREATE_SCHEMA, "schema", name);
  c->if_exists = s->if_not_exists;
  pf__change_set_lock(c);
  // CREATE SCHEMA s CREATE TABLE ... CREATE VIEW ...: each element too.
  for (size_t i = 0; i < s->n_schema_elts; i++)
    pf__build_changes(b, st, s->schema_elts[i]);
}

static void create_type(builder *b, const char *type, PgQuery__Node **names,
                        size_t n, const PgQuery__RangeVar *rel)
{
  pf_change *c = add(b, PF_CHANGE_CREATE_TYPE, NULL);
  c->object_type = type;
  if (rel)
    pf__build_rangevar(b, &c->object, rel);
  else
    pf__build_qname(b, &c->object, names, n);
  pf__change_set_lock(c);
}

// The values of CREATE TYPE ... AS ENUM, on the change just added.
static void enum_labels(builder *b, const PgQuery__CreateEnumStmt *s)
{
  pf_change *c = pf_vec_last(&b->m->changes);
  c->labels =
      pf_arena_alloc(b->m->arena, sizeof(char *) * (s->n_vals ? s->n_vals : 1));
  for (size_t i = 0; i < s->n_vals; i++) {
    const PgQuery__Node *v = s->vals[i];
    const char *l = v->node_case == PG_QUERY__NODE__NODE_STRING && v->string
                        ? dup(b, v->string->sval)
                        : NULL;
    if (l) // PostgreSQL rejects an empty label anyway
      c->labels[c->nlabels++] = l;
  }
}

// ALTER INDEX / VIEW / MATERIALIZED VIEW / SEQUENCE / FOREIGN TABLE: the
// same sub-commands as ALTER TABLE, on another kind of relation.
static void alter_relation(builder *b, const PgQuery__AlterTableStmt *s)
{
  for (size_t i = 0; i < s->n_cmds; i++) {
    if (s->cmds[i]->node_case != PG_QUERY__NODE__NODE_ALTER_TABLE_CMD)
      continue;
    pf_change *c = pf__ddl_alter_cmd(b, s, s->cmds[i]->alter_table_cmd);
    c->object_type = object_type_name(s->objtype);
    switch (s->objtype) {
    case PG_QUERY__OBJECT_TYPE__OBJECT_INDEX:
      c->index_q = c->table;
      c->index = c->table.name;
      memset(&c->table, 0, sizeof(c->table));
      break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW:
    case PG_QUERY__OBJECT_TYPE__OBJECT_FOREIGN_TABLE:
      break;
    default:
      c->object = c->table;
      memset(&c->table, 0, sizeof(c->table));
      break;
    }
    pf__change_set_lock(c);
  }
}

pf_change *pf__ddl_alter_cmd(pf__builder *b, const PgQuery__AlterTableStmt *s,
                             const PgQuery__AlterTableCmd *cmd)
{
  pf_change *c;
  const PgQuery__Node *def = cmd->def;
  switch (cmd->subtype) {
  case PG_QUERY__ALTER_TABLE_TYPE__AT_SetTableSpace:
    c = add(b, PF_CHANGE_SET_TABLESPACE, s->relation);
    c->new_name = dup(b, cmd->name);
    return c;
  case PG_QUERY__ALTER_TABLE_TYPE__AT_SetLogged:
    return add(b, PF_CHANGE_SET_LOGGED, s->relation);
  case PG_QUERY__ALTER_TABLE_TYPE__AT_SetUnLogged:
    return add(b, PF_CHANGE_SET_UNLOGGED, s->relation);
  case PG_QUERY__ALTER_TABLE_TYPE__AT_SetAccessMethod:
    c = add(b, PF_CHANGE_SET_ACCESS_METHOD, s->relation);
    c->new_name = dup(b, cmd->name);
    return c;
  case PG_QUERY__ALTER_TABLE_TYPE__AT_SetStatistics:
    c = add(b, PF_CHANGE_SET_STATISTICS, s->relation);
    c->column = dup(b, cmd->name);
    return c;
  case PG_QUERY__ALTER_TABLE_TYPE__AT_SetOptions:
  case PG_QUERY__ALTER_TABLE_TYPE__AT_ResetOptions:
  case PG_QUERY__ALTER_TABLE_TYPE__AT_SetRelOptions:
  case PG_QUERY__ALTER_TABLE_TYPE__AT_ResetRelOptions:
  case PG_QUERY__ALTER_TABLE_TYPE__AT_ReplaceRelOptions:
    c = add(b, PF_CHANGE_SET_STORAGE_PARAMS, s->relation);
    c->column = dup(b, cmd->name);
    if (def && def->node_case == PG_QUERY__NODE__NODE_LIST) {
      size_t n = def->list->n_items;
      c->columns = pf_arena_alloc(b->m->arena, sizeof(char *) * (n ? n : 1));
      for (size_t i = 0; i < n; i++) {
        const PgQuery__Node *it = def->list->items[i];
        if (it->node_case != PG_QUERY__NODE__NODE_DEF_ELEM)
          continue;
        const PgQuery__DefElem *d = it->def_elem;
        c->columns[c->ncolumns++] =
            d->defnamespace && *d->defnamespace
                ? pf_arena_printf(b->m->arena, "%s.%s", d->defnamespace,
                                  d->defname ? d->defname : "")
                : dup(b, d->defname);
      }
    }
    return c;
  case PG_QUERY__ALTER_TABLE_TYPE__AT_ClusterOn:
  case PG_QUERY__ALTER_TABLE_TYPE__AT_DropCluster:
    c = add(b, PF_CHANGE_CLUSTER_ON, s->relation);
    c->index = dup(b, cmd->name);
    return c;
  case PG_QUERY__ALTER_TABLE_TYPE__AT_ReplicaIdentity:
    c = add(b, PF_CHANGE_REPLICA_IDENTITY, s->relation);
    if (def && def->node_case == PG_QUERY__NODE__NODE_REPLICA_IDENTITY_STMT) {
      const PgQuery__ReplicaIdentityStmt *r = def->replica_identity_stmt;
      const char *t = r->identity_type ? r->identity_type : "";
      c->expr = t[0] == 'f'   ? "FULL"
                : t[0] == 'n' ? "NOTHING"
                : t[0] == 'i' ? "USING INDEX"
                              : "DEFAULT";
      c->index = dup(b, r->name);
    }
    return c;
  case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableRowSecurity:
  case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableRowSecurity:
  case PG_QUERY__ALTER_TABLE_TYPE__AT_ForceRowSecurity:
  case PG_QUERY__ALTER_TABLE_TYPE__AT_NoForceRowSecurity:
    c = add(b, PF_CHANGE_OTHER, s->relation);
    c->row_security = true;
    return c;
  case PG_QUERY__ALTER_TABLE_TYPE__AT_AddIdentity:
    c = add(b, PF_CHANGE_ADD_IDENTITY, s->relation);
    c->column = dup(b, cmd->name);
    return c;
  case PG_QUERY__ALTER_TABLE_TYPE__AT_DropIdentity:
    c = add(b, PF_CHANGE_DROP_IDENTITY, s->relation);
    c->column = dup(b, cmd->name);
    c->if_exists = cmd->missing_ok;
    return c;
  case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableTrig:
  case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableAlwaysTrig:
  case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableReplicaTrig:
  case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableTrigAll:
  case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableTrigUser:
  case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableTrig:
  case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableTrigAll:
  case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableTrigUser: {
    bool off = cmd->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_DisableTrig ||
               cmd->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_DisableTrigAll ||
               cmd->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_DisableTrigUser;
    c = add(b, off ? PF_CHANGE_DISABLE_TRIGGER : PF_CHANGE_ENABLE_TRIGGER,
            s->relation);
    c->object_type = "trigger";
    c->object.name = dup(b, cmd->name);
    return c;
  }
  case PG_QUERY__ALTER_TABLE_TYPE__AT_AttachPartition:
  case PG_QUERY__ALTER_TABLE_TYPE__AT_DetachPartition:
  case PG_QUERY__ALTER_TABLE_TYPE__AT_DetachPartitionFinalize:
    c = add(b,
            cmd->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_AttachPartition
                ? PF_CHANGE_ATTACH_PARTITION
                : PF_CHANGE_DETACH_PARTITION,
            s->relation);
    c->finalize =
        cmd->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_DetachPartitionFinalize;
    if (def && def->node_case == PG_QUERY__NODE__NODE_PARTITION_CMD) {
      pf__build_rangevar(b, &c->other_table, def->partition_cmd->name);
      c->concurrently = def->partition_cmd->concurrent;
    }
    return c;
  default:
    c = add(b, PF_CHANGE_OTHER, s->relation);
    c->column = dup(b, cmd->name);
    return c;
  }
}

const char *pf__ddl_tag(const PgQuery__Node *n)
{
  switch (n->node_case) {
  case PG_QUERY__NODE__NODE_REINDEX_STMT:
    return "REINDEX";
  case PG_QUERY__NODE__NODE_VACUUM_STMT:
    return n->vacuum_stmt->is_vacuumcmd ? "VACUUM" : "ANALYZE";
  case PG_QUERY__NODE__NODE_CLUSTER_STMT:
    return "CLUSTER";
  case PG_QUERY__NODE__NODE_REFRESH_MAT_VIEW_STMT:
    return "REFRESH MATERIALIZED VIEW";
  case PG_QUERY__NODE__NODE_VIEW_STMT:
    return "CREATE VIEW";
  case PG_QUERY__NODE__NODE_CREATE_TABLE_AS_STMT:
    return n->create_table_as_stmt->objtype ==
                   PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW
               ? "CREATE MATERIALIZED VIEW"
               : "CREATE TABLE AS";
  case PG_QUERY__NODE__NODE_CREATE_SEQ_STMT:
    return "CREATE SEQUENCE";
  case PG_QUERY__NODE__NODE_ALTER_SEQ_STMT:
    return "ALTER SEQUENCE";
  case PG_QUERY__NODE__NODE_CREATE_FUNCTION_STMT:
    return n->create_function_stmt->is_procedure ? "CREATE PROCEDURE"
                                                 : "CREATE FUNCTION";
  case PG_QUERY__NODE__NODE_CREATE_TRIG_STMT:
    return "CREATE TRIGGER";
  case PG_QUERY__NODE__NODE_CREATE_POLICY_STMT:
    return "CREATE POLICY";
  case PG_QUERY__NODE__NODE_ALTER_POLICY_STMT:
    return "ALTER POLICY";
  case PG_QUERY__NODE__NODE_CREATE_SCHEMA_STMT:
    return "CREATE SCHEMA";
  case PG_QUERY__NODE__NODE_CREATEDB_STMT:
    return "CREATE DATABASE";
  case PG_QUERY__NODE__NODE_DROPDB_STMT:
    return "DROP DATABASE";
  case PG_QUERY__NODE__NODE_CREATE_ENUM_STMT:
  case PG_QUERY__NODE__NODE_COMPOSITE_TYPE_STMT:
  case PG_QUERY__NODE__NODE_CREATE_RANGE_STMT:
    return "CREATE TYPE";
  case PG_QUERY__NODE__NODE_ALTER_ENUM_STMT:
    return "ALTER TYPE";
  case PG_QUERY__NODE__NODE_CREATE_DOMAIN_STMT:
    return "CREATE DOMAIN";
  case PG_QUERY__NODE__NODE_ALTER_DOMAIN_STMT:
    return "ALTER DOMAIN";
  case PG_QUERY__NODE__NODE_CREATE_EXTENSION_STMT:
    return "CREATE EXTENSION";
  case PG_QUERY__NODE__NODE_COMMENT_STMT:
    return "COMMENT";
  case PG_QUERY__NODE__NODE_GRANT_STMT:
    return n->grant_stmt->is_grant ? "GRANT" : "REVOKE";
  case PG_QUERY__NODE__NODE_LOCK_STMT:
    return "LOCK TABLE";
  case PG_QUERY__NODE__NODE_INSERT_STMT:
    return "INSERT";
  case PG_QUERY__NODE__NODE_MERGE_STMT:
    return "MERGE";
  case PG_QUERY__NODE__NODE_CREATE_EVENT_TRIG_STMT:
    return "CREATE EVENT TRIGGER";
  case PG_QUERY__NODE__NODE_SELECT_STMT:
    return "SELECT";
  case PG_QUERY__NODE__NODE_DO_STMT:
    return "DO";
  case PG_QUERY__NODE__NODE_ALTER_SYSTEM_STMT:
    return "ALTER SYSTEM";
  case PG_QUERY__NODE__NODE_CREATE_TABLE_SPACE_STMT:
    return "CREATE TABLESPACE";
  case PG_QUERY__NODE__NODE_DROP_TABLE_SPACE_STMT:
    return "DROP TABLESPACE";
  case PG_QUERY__NODE__NODE_ALTER_OBJECT_SCHEMA_STMT:
    return "ALTER ... SET SCHEMA";
  case PG_QUERY__NODE__NODE_RULE_STMT:
    return "CREATE RULE";
  case PG_QUERY__NODE__NODE_CREATE_STATS_STMT:
    return "CREATE STATISTICS";
  case PG_QUERY__NODE__NODE_CREATE_FOREIGN_TABLE_STMT:
    return "CREATE FOREIGN TABLE";
  case PG_QUERY__NODE__NODE_ALTER_FUNCTION_STMT:
    return n->alter_function_stmt->objtype ==
                   PG_QUERY__OBJECT_TYPE__OBJECT_PROCEDURE
               ? "ALTER PROCEDURE"
               : "ALTER FUNCTION";
  case PG_QUERY__NODE__NODE_ALTER_OWNER_STMT:
    return "ALTER ... OWNER TO";
  case PG_QUERY__NODE__NODE_ALTER_TABLE_MOVE_ALL_STMT:
    return "ALTER ... ALL IN TABLESPACE";
  default:
    return NULL;
  }
}

// Statements whose handling needs more than a few lines.
static bool ddl_more(builder *b, pf_stmt *st, PgQuery__Node *n)
{
  pf_change *c = NULL;
  switch (n->node_case) {
  case PG_QUERY__NODE__NODE_CREATE_DOMAIN_STMT: {
    const PgQuery__CreateDomainStmt *s = n->create_domain_stmt;
    c = add(b, PF_CHANGE_CREATE_DOMAIN, NULL);
    c->object_type = "domain";
    pf__build_qname(b, &c->object, s->domainname, s->n_domainname);
    if (s->type_name)
      c->type = pf__build_take(b, pf__sql_deparse_type(s->type_name));
    domain_constraints(b, c, s->constraints, s->n_constraints);
    break;
  }
  case PG_QUERY__NODE__NODE_ALTER_OBJECT_SCHEMA_STMT: {
    const PgQuery__AlterObjectSchemaStmt *s = n->alter_object_schema_stmt;
    bool table = s->object_type == PG_QUERY__OBJECT_TYPE__OBJECT_TABLE ||
                 s->object_type == PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW;
    c = add(b, PF_CHANGE_SET_SCHEMA, table ? s->relation : NULL);
    c->object_type = object_type_name(s->object_type);
    if (!table && s->relation)
      pf__build_rangevar(b, &c->object, s->relation);
    else if (!table)
      object_name(b, &c->object, s->object);
    c->new_name = dup(b, s->newschema);
    c->if_exists = s->missing_ok;
    break;
  }
  case PG_QUERY__NODE__NODE_ALTER_SYSTEM_STMT:
    st->no_txn = true; // PostgreSQL 15 docs, ALTER SYSTEM
    c = add(b, PF_CHANGE_ALTER_SYSTEM, NULL);
    if (n->alter_system_stmt->setstmt)
      c->object.name = dup(b, n->alter_system_stmt->setstmt->name);
    break;
  case PG_QUERY__NODE__NODE_CREATE_TABLE_SPACE_STMT:
    st->no_txn = true;
    c = named(b, PF_CHANGE_CREATE_TABLESPACE, "tablespace",
              n->create_table_space_stmt->tablespacename);
    break;
  case PG_QUERY__NODE__NODE_DROP_TABLE_SPACE_STMT:
    st->no_txn = true;
    c = named(b, PF_CHANGE_DROP_TABLESPACE, "tablespace",
              n->drop_table_space_stmt->tablespacename);
    c->if_exists = n->drop_table_space_stmt->missing_ok;
    break;
  case PG_QUERY__NODE__NODE_DO_STMT:
    pf__plpgsql_do(b, n->do_stmt);
    return true;
  case PG_QUERY__NODE__NODE_RULE_STMT: {
    const PgQuery__RuleStmt *s = n->rule_stmt;
    c = add(b, PF_CHANGE_CREATE_RULE, s->relation);
    c->object_type = "rule";
    c->object.name = dup(b, s->rulename);
    c->replace = s->replace;
    break;
  }
  case PG_QUERY__NODE__NODE_CREATE_STATS_STMT: {
    const PgQuery__CreateStatsStmt *s = n->create_stats_stmt;
    const PgQuery__RangeVar *rel =
        s->n_relations &&
                s->relations[0]->node_case == PG_QUERY__NODE__NODE_RANGE_VAR
            ? s->relations[0]->range_var
            : NULL;
    c = add(b, PF_CHANGE_CREATE_STATISTICS, rel);
    c->object_type = "statistics";
    pf__build_qname(b, &c->object, s->defnames, s->n_defnames);
    c->if_exists = s->if_not_exists;
    break;
  }
  case PG_QUERY__NODE__NODE_CREATE_FOREIGN_TABLE_STMT: {
    // A table whose rows live elsewhere: its columns count as a table's.
    uint32_t first = b->m->changes.len;
    if (n->create_foreign_table_stmt->base_stmt)
      pf__build_create_table(b, n->create_foreign_table_stmt->base_stmt);
    if (first < b->m->changes.len)
      b->m->changes.items[first].object_type = "foreign table";
    return true;
  }
  case PG_QUERY__NODE__NODE_ALTER_FUNCTION_STMT: {
    const PgQuery__AlterFunctionStmt *s = n->alter_function_stmt;
    c = add(b, PF_CHANGE_ALTER_FUNCTION, NULL);
    c->object_type = object_type_name(s->objtype);
    if (s->func)
      pf__build_qname(b, &c->object, s->func->objname, s->func->n_objname);
    break;
  }
  case PG_QUERY__NODE__NODE_ALTER_OWNER_STMT: {
    const PgQuery__AlterOwnerStmt *s = n->alter_owner_stmt;
    c = add(b, PF_CHANGE_ALTER_OWNER, NULL);
    c->object_type = object_type_name(s->object_type);
    if (s->relation)
      pf__build_rangevar(b, &c->object, s->relation);
    else
      object_name(b, &c->object, s->object);
    if (s->newowner)
      c->new_name = dup(b, s->newowner->rolename);
    break;
  }
  case PG_QUERY__NODE__NODE_ALTER_TABLE_MOVE_ALL_STMT: {
    // ALTER TABLE|INDEX|MATERIALIZED VIEW ALL IN TABLESPACE a SET
    // TABLESPACE b: every such relation in a, named by the tablespace.
    const PgQuery__AlterTableMoveAllStmt *s = n->alter_table_move_all_stmt;
    c = named(b, PF_CHANGE_SET_TABLESPACE, "tablespace",
              s->orig_tablespacename);
    c->new_name = dup(b, s->new_tablespacename);
    c->value = object_type_name(s->objtype); // what moves: "table", ...
    break;
  }
  default:
    return false;
  }
  pf__change_set_lock(c);
  return true;
}

bool pf__ddl_statement(pf__builder *b, pf_stmt *st, PgQuery__Node *n)
{
  pf_stmt scratch;
  if (!st) {
    memset(&scratch, 0, sizeof(scratch));
    st = &scratch;
  }
  pf_change *c = NULL;
  switch (n->node_case) {
  case PG_QUERY__NODE__NODE_DROP_STMT:
    drop_other(b, n->drop_stmt);
    return true;
  case PG_QUERY__NODE__NODE_RENAME_STMT:
    rename_other(b, n->rename_stmt);
    return true;
  case PG_QUERY__NODE__NODE_ALTER_TABLE_STMT:
    alter_relation(b, n->alter_table_stmt);
    return true;
  case PG_QUERY__NODE__NODE_REINDEX_STMT:
    reindex(b, st, n->reindex_stmt);
    return true;
  case PG_QUERY__NODE__NODE_VACUUM_STMT:
    vacuum(b, st, n->vacuum_stmt);
    return true;
  case PG_QUERY__NODE__NODE_CLUSTER_STMT:
    c = add(b, PF_CHANGE_CLUSTER, n->cluster_stmt->relation);
    c->index = dup(b, n->cluster_stmt->indexname);
    st->no_txn = !n->cluster_stmt->relation; // CLUSTER of every table
    break;
  case PG_QUERY__NODE__NODE_REFRESH_MAT_VIEW_STMT:
    c = add(b, PF_CHANGE_REFRESH_MATVIEW, n->refresh_mat_view_stmt->relation);
    c->concurrently = n->refresh_mat_view_stmt->concurrent;
    c->object_type = "materialized view";
    break;
  case PG_QUERY__NODE__NODE_VIEW_STMT:
    c = add(b, PF_CHANGE_CREATE_VIEW, NULL);
    c->object_type = "view";
    pf__build_rangevar(b, &c->object, n->view_stmt->view);
    c->replace = n->view_stmt->replace;
    break;
  case PG_QUERY__NODE__NODE_CREATE_TABLE_AS_STMT: {
    const PgQuery__CreateTableAsStmt *s = n->create_table_as_stmt;
    create_table_as(b, s->into,
                    s->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW,
                    s->if_not_exists);
    return true;
  }
  case PG_QUERY__NODE__NODE_SELECT_STMT:
    if (n->select_stmt->into_clause) // SELECT ... INTO new_table
      create_table_as(b, n->select_stmt->into_clause, false, false);
    return true;
  case PG_QUERY__NODE__NODE_CREATE_SEQ_STMT:
    c = add(b, PF_CHANGE_CREATE_SEQUENCE, NULL);
    c->object_type = "sequence";
    pf__build_rangevar(b, &c->object, n->create_seq_stmt->sequence);
    c->if_exists = n->create_seq_stmt->if_not_exists;
    break;
  case PG_QUERY__NODE__NODE_ALTER_SEQ_STMT:
    c = add(b, PF_CHANGE_ALTER_SEQUENCE, NULL);
    c->object_type = "sequence";
    pf__build_rangevar(b, &c->object, n->alter_seq_stmt->sequence);
    c->if_exists = n->alter_seq_stmt->missing_ok;
    // AS type: the sequence's range changes (issue 7, key headroom).
    for (size_t i = 0; i < n->alter_seq_stmt->n_options; i++) {
      const PgQuery__Node *o = n->alter_seq_stmt->options[i];
      if (o->node_case == PG_QUERY__NODE__NODE_DEF_ELEM &&
          o->def_elem->defname && !strcmp(o->def_elem->defname, "as") &&
          o->def_elem->arg &&
          o->def_elem->arg->node_case == PG_QUERY__NODE__NODE_TYPE_NAME)
        c->type = pf__build_take(
            b, pf__sql_deparse_type(o->def_elem->arg->type_name));
    }
    break;
  case PG_QUERY__NODE__NODE_CREATE_FUNCTION_STMT: {
    const PgQuery__CreateFunctionStmt *s = n->create_function_stmt;
    c = add(b, PF_CHANGE_CREATE_FUNCTION, NULL);
    c->object_type = s->is_procedure ? "procedure" : "function";
    pf__build_qname(b, &c->object, s->funcname, s->n_funcname);
    c->replace = s->replace;
    break;
  }
  case PG_QUERY__NODE__NODE_CREATE_TRIG_STMT:
    create_trigger(b, n->create_trig_stmt);
    return true;
  case PG_QUERY__NODE__NODE_CREATE_POLICY_STMT:
    policy(b, PF_CHANGE_CREATE_POLICY, n->create_policy_stmt->policy_name,
           n->create_policy_stmt->table);
    return true;
  case PG_QUERY__NODE__NODE_ALTER_POLICY_STMT:
    policy(b, PF_CHANGE_ALTER_POLICY, n->alter_policy_stmt->policy_name,
           n->alter_policy_stmt->table);
    return true;
  case PG_QUERY__NODE__NODE_CREATE_SCHEMA_STMT:
    create_schema(b, st, n->create_schema_stmt);
    return true;
  case PG_QUERY__NODE__NODE_CREATEDB_STMT:
    st->no_txn = true; // PostgreSQL 15 docs, CREATE DATABASE
    c = named(b, PF_CHANGE_CREATE_DATABASE, "database",
              n->createdb_stmt->dbname);
    break;
  case PG_QUERY__NODE__NODE_DROPDB_STMT:
    st->no_txn = true; // PostgreSQL 15 docs, DROP DATABASE
    c = named(b, PF_CHANGE_DROP_DATABASE, "database", n->dropdb_stmt->dbname);
    c->if_exists = n->dropdb_stmt->missing_ok;
    break;
  case PG_QUERY__NODE__NODE_CREATE_ENUM_STMT:
    create_type(b, "enum", n->create_enum_stmt->type_name,
                n->create_enum_stmt->n_type_name, NULL);
    enum_labels(b, n->create_enum_stmt);
    return true;
  case PG_QUERY__NODE__NODE_COMPOSITE_TYPE_STMT:
    create_type(b, "composite", NULL, 0, n->composite_type_stmt->typevar);
    return true;
  case PG_QUERY__NODE__NODE_CREATE_RANGE_STMT:
    create_type(b, "range", n->create_range_stmt->type_name,
                n->create_range_stmt->n_type_name, NULL);
    return true;
  case PG_QUERY__NODE__NODE_DEFINE_STMT:
    if (n->define_stmt->kind != PG_QUERY__OBJECT_TYPE__OBJECT_TYPE)
      return false;
    create_type(b, "base", n->define_stmt->defnames, n->define_stmt->n_defnames,
                NULL);
    return true;
  case PG_QUERY__NODE__NODE_ALTER_ENUM_STMT:
    alter_enum(b, n->alter_enum_stmt);
    return true;
  case PG_QUERY__NODE__NODE_ALTER_DOMAIN_STMT:
    alter_domain(b, n->alter_domain_stmt);
    return true;
  case PG_QUERY__NODE__NODE_CREATE_EXTENSION_STMT:
    c = named(b, PF_CHANGE_CREATE_EXTENSION, "extension",
              n->create_extension_stmt->extname);
    c->if_exists = n->create_extension_stmt->if_not_exists;
    break;
  case PG_QUERY__NODE__NODE_COMMENT_STMT:
    comment(b, n->comment_stmt);
    return true;
  case PG_QUERY__NODE__NODE_GRANT_STMT:
    grant(b, n->grant_stmt);
    return true;
  case PG_QUERY__NODE__NODE_LOCK_STMT:
    lock_table(b, n->lock_stmt);
    return true;
  case PG_QUERY__NODE__NODE_INSERT_STMT:
    insert(b, n->insert_stmt);
    return true;
  case PG_QUERY__NODE__NODE_MERGE_STMT:
    merge(b, n->merge_stmt);
    return true;
  case PG_QUERY__NODE__NODE_CREATE_EVENT_TRIG_STMT:
    c = named(b, PF_CHANGE_CREATE_EVENT_TRIGGER, "event trigger",
              n->create_event_trig_stmt->trigname);
    c->execute_function = execute_function(b, c);
    break;
  default:
    return ddl_more(b, st, n);
  }
  pf__change_set_lock(c);
  return true;
}
