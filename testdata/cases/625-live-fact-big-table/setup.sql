CREATE TABLE accounts (id bigint PRIMARY KEY, name text);
INSERT INTO accounts SELECT g, 'name ' || g FROM generate_series(1, 5000) g;
ANALYZE;
