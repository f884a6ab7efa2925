-- Both read the whole table with the server's parallel workers: the first
-- stops at the NULL, the second finds no negative value.
ALTER TABLE readings ALTER COLUMN v SET NOT NULL;
ALTER TABLE readings ADD CONSTRAINT w_positive CHECK (w >= 0) NOT VALID;
