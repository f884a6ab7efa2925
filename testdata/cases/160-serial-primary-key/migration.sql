-- serial is integer NOT NULL DEFAULT nextval(): a volatile default, so the
-- table is rewritten; the PRIMARY KEY builds its index under the same lock.
-- Neither fails on existing rows.
ALTER TABLE orders ADD COLUMN id serial PRIMARY KEY;
