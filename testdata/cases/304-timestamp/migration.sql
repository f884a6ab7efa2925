BEGIN;
ALTER TABLE events ADD COLUMN happened_at timestamp NOT NULL DEFAULT now();
ALTER TABLE events ALTER COLUMN created_at TYPE timestamp(3) without time zone;
COMMIT;
