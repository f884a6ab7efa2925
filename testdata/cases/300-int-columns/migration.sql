-- 32-bit keys: the id and a reference overflow; a plain counter is a notice.
CREATE TABLE orders (
  id serial PRIMARY KEY,
  customer_id integer NOT NULL,
  quantity int DEFAULT 1,
  total bigint
);
