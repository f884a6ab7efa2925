CREATE TABLE authors (id bigint NOT NULL, name text);
CREATE UNIQUE INDEX authors_id_key ON authors (id);
CREATE UNIQUE INDEX authors_name_key ON authors (name);
