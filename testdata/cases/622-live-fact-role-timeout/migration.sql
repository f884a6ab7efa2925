-- No SET in the file: the database and the role set both timeouts.
CREATE INDEX accounts_name_idx ON accounts (name);
