-- name is NOT NULL already (0001): attaching the index is instant.
SET lock_timeout = '2s';
ALTER TABLE authors ADD CONSTRAINT authors_pkey
  PRIMARY KEY USING INDEX authors_name_key;
