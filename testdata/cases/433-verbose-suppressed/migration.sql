-- pgpreflight-ignore-file: require-lock-timeout, require-statement-timeout  we run with a role-level timeout

-- pgpreflight-ignore: renaming-column the app reads through a view now
ALTER TABLE orders RENAME COLUMN customer_id TO client_id;

/* pgpreflight-ignore: setting-not-null, no-such-rule */
ALTER TABLE orders ALTER COLUMN notes SET NOT NULL;
-- pgpreflight-ignore: dropping-table
CREATE INDEX i ON orders (status);
