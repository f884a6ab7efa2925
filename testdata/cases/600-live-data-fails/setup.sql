CREATE TABLE customers (id bigint PRIMARY KEY, email text, name text);
INSERT INTO customers SELECT g, 'u' || (g % 900) || '@x.org', 'name ' || g
  FROM generate_series(1, 1000) g;
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, total numeric(12,2),
                     code text, flag text, ext_id bigint, notes text);
INSERT INTO orders SELECT g,
  CASE WHEN g % 100 = 0 THEN 5000 + g ELSE g % 1000 + 1 END,
  (g % 50) - 3,
  CASE WHEN g % 250 = 0 THEN 'x' || g ELSE (g * 7)::text END,
  CASE WHEN g % 2 = 0 THEN 'yes' ELSE 'off' END,
  g::bigint * 1000000,
  CASE WHEN g % 5 = 0 THEN NULL ELSE 'n' END
  FROM generate_series(1, 5000) g;
CREATE TABLE events (event_id bigint, note text);
INSERT INTO events SELECT CASE WHEN g % 10 = 0 THEN NULL ELSE g END, 'n'
  FROM generate_series(1, 300) g;
ANALYZE;
