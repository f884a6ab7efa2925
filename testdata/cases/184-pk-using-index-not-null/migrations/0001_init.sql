CREATE TABLE authors (name text NOT NULL);
CREATE UNIQUE INDEX CONCURRENTLY authors_name_key ON authors (name);
