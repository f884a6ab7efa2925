CREATE TABLE settings (id bigint PRIMARY KEY, name text, value text);
INSERT INTO settings SELECT g, 'key ' || g, 'v' FROM generate_series(1, 12) g;
ANALYZE;
