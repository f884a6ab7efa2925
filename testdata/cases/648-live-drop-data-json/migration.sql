-- The verdict of a drop in the JSON report.
ALTER TABLE orders DROP COLUMN notes;
DROP TABLE sessions;
