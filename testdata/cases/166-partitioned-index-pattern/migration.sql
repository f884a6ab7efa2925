-- The documented way to index a partitioned table (PostgreSQL 15 docs,
-- 5.11.2.2): the parent's index ON ONLY (no build), each partition's
-- CONCURRENTLY, then ATTACH.
SET lock_timeout = '2s';
CREATE INDEX measurement_usls_idx ON ONLY measurement (unitsales);
RESET lock_timeout;
CREATE INDEX CONCURRENTLY measurement_usls_200602_idx
  ON measurement_y2006m02 (unitsales);
ALTER INDEX measurement_usls_idx
  ATTACH PARTITION measurement_usls_200602_idx;
