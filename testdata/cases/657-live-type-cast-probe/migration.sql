-- inet: not judged by form; every value is cast (one is no address).
ALTER TABLE hosts ALTER COLUMN addr TYPE inet USING addr::inet;
ALTER TABLE hosts ALTER COLUMN backup TYPE inet USING backup::inet;
-- Dates in another form than ISO 8601: cast; Feb 30 does not exist.
ALTER TABLE visits ALTER COLUMN seen TYPE date USING seen::date;
-- A USING expression of built-in immutable functions: cast over every row.
ALTER TABLE visits ALTER COLUMN code TYPE integer USING ltrim(code, '0')::integer;
