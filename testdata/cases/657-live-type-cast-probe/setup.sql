-- Hosts: addresses as text, one of them no address; visits: dates in
-- forms the check does not judge by form (one impossible), and a USING
-- expression of built-in immutable functions.
CREATE TABLE hosts (id int PRIMARY KEY, addr text, backup text);
INSERT INTO hosts SELECT g,
  CASE WHEN g = 250 THEN 'gateway' ELSE '10.0.' || (g / 256) || '.' || (g % 256) END,
  '192.168.0.' || (g % 250)
  FROM generate_series(1, 1000) g;
CREATE TABLE visits (id int PRIMARY KEY, seen text, code text);
INSERT INTO visits SELECT g,
  CASE WHEN g = 77 THEN 'Feb 30 2024' ELSE 'Jan ' || (g % 28 + 1) || ' 2024' END,
  lpad(g::text, 6, '0')
  FROM generate_series(1, 1000) g;
VACUUM ANALYZE hosts, visits;
