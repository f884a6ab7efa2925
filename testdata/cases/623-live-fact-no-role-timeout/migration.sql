-- No SET in the file: lock_timeout=0 on the database does not count.
CREATE INDEX accounts_name_idx ON accounts (name);
