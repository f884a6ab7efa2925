-- Readings: 3.9 MB that ask for two parallel workers themselves, a NULL at
-- 40% of the heap (not among the newest pages, which are read first) and
-- no negative value.
CREATE TABLE readings (id int, v text, w int, pad text)
  WITH (fillfactor = 100, parallel_workers = 2);
INSERT INTO readings SELECT g, CASE WHEN g = 12000 THEN NULL ELSE 'x' END, g,
  repeat('p', 80) FROM generate_series(1, 30000) g;
VACUUM ANALYZE readings;
