-- name allows NULL (0001): PostgreSQL sets it NOT NULL, scanning the
-- table under ACCESS EXCLUSIVE (eugene W14, Atlas PG304).
SET lock_timeout = '2s';
ALTER TABLE authors ADD CONSTRAINT authors_pkey
  PRIMARY KEY USING INDEX authors_name_key;
