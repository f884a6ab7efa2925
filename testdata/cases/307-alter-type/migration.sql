BEGIN;
ALTER TABLE accounts ALTER COLUMN owner_id TYPE integer;
ALTER TABLE accounts ALTER COLUMN email TYPE varchar(320);
ALTER TABLE accounts ALTER COLUMN settings TYPE json USING settings::json;
ALTER TABLE accounts ALTER COLUMN region TYPE char(3);
ALTER TABLE accounts ALTER COLUMN seen_at TYPE timestamptz;
ALTER TABLE accounts ALTER COLUMN score TYPE bigint;
COMMIT;
