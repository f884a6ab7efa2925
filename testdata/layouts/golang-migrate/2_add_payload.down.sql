ALTER TABLE events DROP COLUMN payload;
