CREATE TYPE order_status AS ENUM ('new', 'paid', 'shipped');
CREATE TABLE orders (id bigint PRIMARY KEY, status order_status);
INSERT INTO orders SELECT g, 'paid' FROM generate_series(1, 20) g;
CREATE TABLE notes (id bigint PRIMARY KEY, body text, tags text[]);
-- No column holds mood.
CREATE TYPE mood AS ENUM ('glad', 'sad');
ANALYZE;
