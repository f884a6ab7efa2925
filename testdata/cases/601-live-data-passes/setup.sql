CREATE TABLE customers (id bigint PRIMARY KEY, email text, name text);
INSERT INTO customers SELECT g, 'u' || g || '@x.org', 'name ' || g
  FROM generate_series(1, 1000) g;
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, total numeric(12,2),
                     code text, flag text, ext_id bigint, notes text);
INSERT INTO orders SELECT g, CASE WHEN g % 100 = 0 THEN NULL ELSE g % 1000 + 1 END,
  g % 50, (g % 997)::text, CASE WHEN g % 2 = 0 THEN '1' ELSE '0' END, g, 'n'
  FROM generate_series(1, 5000) g;
CREATE TABLE events (event_id bigint, note text);
INSERT INTO events SELECT g, 'n' FROM generate_series(1, 300) g;
CREATE TABLE empty_t (a int);
ANALYZE;
