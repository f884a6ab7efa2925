-- squawk-ignore-file require-timeout-settings

-- squawk-ignore ban-drop-column, renaming-column
ALTER TABLE orders DROP COLUMN notes;

-- eugene: ignore E6
CREATE INDEX i ON orders (status);

-- eugene: ignore
ALTER TABLE orders ALTER COLUMN notes SET NOT NULL;

-- squawk-ignore adding-not-nullable-field, no-such-squawk-rule
ALTER TABLE orders ALTER COLUMN status SET NOT NULL;
