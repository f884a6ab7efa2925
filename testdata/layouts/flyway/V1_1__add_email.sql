-- Version 1.1: after V1, before V2.
ALTER TABLE users ADD COLUMN email text;
