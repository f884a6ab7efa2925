CREATE TYPE color AS ENUM ('red', 'green');
CREATE TABLE items (id bigint PRIMARY KEY, color color, label text);
INSERT INTO items SELECT g, 'red', 'x' FROM generate_series(1, 20) g;
ANALYZE;
