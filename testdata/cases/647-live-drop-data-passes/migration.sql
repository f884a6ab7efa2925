-- Nothing the database holds is lost, except perhaps by the CASCADE.
ALTER TABLE orders DROP COLUMN legacy_code;
DROP TABLE drafts;
DROP TABLE imports;
TRUNCATE customers CASCADE;
