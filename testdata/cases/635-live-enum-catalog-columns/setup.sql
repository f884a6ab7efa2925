CREATE TYPE order_status AS ENUM ('new', 'paid', 'shipped', 'lost');
CREATE DOMAIN status_d AS order_status;
CREATE TABLE orders (id bigint PRIMARY KEY, status order_status, label text);
INSERT INTO orders SELECT g,
  CASE WHEN g % 10 = 0 THEN 'shipped' ELSE 'paid' END::order_status, 'x'
  FROM generate_series(1, 200) g;
CREATE TABLE shipments (id bigint PRIMARY KEY, history order_status[], last status_d, seen status_d[]);
INSERT INTO shipments SELECT g,
  CASE WHEN g % 4 = 0 THEN ARRAY['new', 'shipped'] ELSE ARRAY['new', 'paid'] END::order_status[],
  'paid', ARRAY['paid']::status_d[]
  FROM generate_series(1, 40) g;
CREATE TYPE color AS ENUM ('red', 'green', 'blue');
CREATE TABLE items (id bigint PRIMARY KEY, colors color[]);
INSERT INTO items SELECT g, CASE WHEN g % 5 = 0 THEN ARRAY['red', 'green'] ELSE ARRAY['red'] END::color[]
  FROM generate_series(1, 50) g;
ANALYZE;
