SET lock_timeout = '2s';
-- id is NOT NULL in the database: attaching the index is instant
ALTER TABLE authors ADD CONSTRAINT authors_pkey PRIMARY KEY USING INDEX authors_id_key;
-- name is not: PostgreSQL sets it NOT NULL, scanning the table
ALTER TABLE authors DROP CONSTRAINT authors_pkey;
ALTER TABLE authors ADD CONSTRAINT authors_pkey PRIMARY KEY USING INDEX authors_name_key;
