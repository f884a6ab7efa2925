-- orders.id at 40% of integer (below the warning threshold); accounts.id
-- at 99% but widened to bigint by the migration itself.
CREATE TABLE orders (id serial PRIMARY KEY, note text);
SELECT setval('orders_id_seq', 860000000);
CREATE TABLE accounts (id integer PRIMARY KEY);
INSERT INTO accounts VALUES (2140000000);
ANALYZE;
-- old_events.id at 99%, but the migration drops the table.
CREATE TABLE old_events (id serial PRIMARY KEY);
SELECT setval('old_events_id_seq', 2140000000);
