-- The earlier migration says what the types were: both keep the stored
-- bytes (binary coercible), so nothing is rewritten or scanned; the ACCESS
-- EXCLUSIVE lock is still taken.
ALTER TABLE users ALTER COLUMN name TYPE varchar(50),
  ALTER COLUMN bio TYPE text;
