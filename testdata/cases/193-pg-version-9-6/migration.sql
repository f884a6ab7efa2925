-- --pg-version 9.6: no identity columns, no RENAME VALUE; serial advice.
CREATE TABLE accounts (id serial PRIMARY KEY, name text);
CREATE TABLE tokens (id bigint GENERATED ALWAYS AS IDENTITY, v text);
ALTER TYPE order_status RENAME VALUE 'shipped' TO 'sent';
