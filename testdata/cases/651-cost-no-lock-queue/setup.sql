CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, total integer,
                     notes text);
INSERT INTO orders SELECT g, g % 100, g, 'n' FROM generate_series(1, 5000) g;
CREATE INDEX orders_customer ON orders (customer_id);
CREATE TABLE events (id bigint, at date, payload text) PARTITION BY RANGE (at);
CREATE TABLE events_2024 PARTITION OF events
  FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE events_2025 PARTITION OF events
  FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
INSERT INTO events SELECT g, '2024-01-01'::date + g % 700, 'p'
  FROM generate_series(1, 3000) g;
CREATE INDEX events_id ON events (id);
CREATE TABLE fresh (id bigint);
VACUUM ANALYZE orders, events, fresh;
