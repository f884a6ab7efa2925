CREATE TABLE orders (id bigint PRIMARY KEY, notes text, note2 text NOT NULL);
INSERT INTO orders SELECT g, 'n' || g, 'x' FROM generate_series(1, 500) g;
ANALYZE orders;
