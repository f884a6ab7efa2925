ALTER TABLE accounts ADD COLUMN plan text;
