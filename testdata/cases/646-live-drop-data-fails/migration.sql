-- Each statement destroys data the database holds now.
ALTER TABLE orders DROP COLUMN notes;
DROP TABLE sessions;
TRUNCATE customers CASCADE;
DELETE FROM audit_log;
