-- Bookings: one pair overlaps in room 3; events: text dates and JSON.
CREATE TABLE bookings (id int PRIMARY KEY, room int, during int4range);
INSERT INTO bookings SELECT g, g % 10, int4range(g, g + 1)
  FROM generate_series(1, 2000) g;
INSERT INTO bookings VALUES (2001, 3, int4range(3, 5));
CREATE TABLE events (id int PRIMARY KEY, happened text, clean_day text,
                     payload text, other text);
INSERT INTO events SELECT g,
  CASE WHEN g % 100 = 0 THEN '2023-02-29' WHEN g = 7 THEN 'n/a'
       ELSE '2024-05-' || lpad((g % 30 + 1)::text, 2, '0') || ' 12:00:00Z' END,
  '2024-06-01', CASE WHEN g % 2 = 0 THEN '{"k": ' || g || '}' ELSE g::text END,
  CASE WHEN g = 9 THEN 'June 1 2024' ELSE '2024-06-01' END
  FROM generate_series(1, 500) g;
-- Readings: 3.4 MB, one row updated last (longer: it moves to the end of
-- the heap), which the newest-pages probe reads first.
CREATE TABLE readings (id int, v text, note text) WITH (fillfactor = 100);
INSERT INTO readings SELECT g, repeat('x', 100), 'n' FROM generate_series(1, 25000) g;
UPDATE readings SET v = NULL, note = repeat('y', 200) WHERE id = 12345;
VACUUM ANALYZE bookings, events, readings;
