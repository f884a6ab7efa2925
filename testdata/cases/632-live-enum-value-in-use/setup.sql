CREATE TYPE order_status AS ENUM ('new', 'paid', 'shipped', 'lost');
CREATE TABLE orders (id bigint PRIMARY KEY, status order_status);
INSERT INTO orders SELECT g,
  CASE WHEN g % 10 = 0 THEN 'shipped' WHEN g % 7 = 0 THEN NULL ELSE 'paid' END::order_status
  FROM generate_series(1, 1000) g;
CREATE TABLE returns (id bigint PRIMARY KEY, last_status order_status);
INSERT INTO returns SELECT g, 'shipped' FROM generate_series(1, 5) g;
CREATE TYPE color AS ENUM ('red', 'green', 'blue');
CREATE TABLE items (id bigint PRIMARY KEY, color color);
INSERT INTO items SELECT g, CASE WHEN g % 4 = 0 THEN 'green' ELSE 'red' END::color
  FROM generate_series(1, 200) g;
ANALYZE;
