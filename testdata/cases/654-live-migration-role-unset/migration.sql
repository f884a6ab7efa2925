-- No SET in the file: does the migration role set the timeouts?
CREATE INDEX accounts_name_idx ON accounts (name);
