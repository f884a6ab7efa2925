CREATE TABLE authors (name text);
CREATE UNIQUE INDEX CONCURRENTLY authors_name_key ON authors (name);
