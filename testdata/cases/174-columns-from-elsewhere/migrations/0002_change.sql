-- Columns that came from the parent, LIKE and AS exist: nothing here
-- fails for want of them.
SET lock_timeout = '2s';
ALTER TABLE events_copy DROP COLUMN kind;
ALTER TABLE events_summary DROP COLUMN n;
ALTER TABLE events_2024 ALTER COLUMN kind SET STATISTICS 500;
