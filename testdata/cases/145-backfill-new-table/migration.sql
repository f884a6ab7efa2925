CREATE TABLE audit (id bigint, note text);
UPDATE audit SET note = '';
DELETE FROM audit;
