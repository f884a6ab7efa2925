-- Binary coercible, but PostgreSQL checks users_name_check on every row.
ALTER TABLE users ALTER COLUMN name TYPE varchar(50);
