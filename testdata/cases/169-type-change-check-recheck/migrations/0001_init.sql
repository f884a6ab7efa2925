CREATE TABLE users (id bigint PRIMARY KEY, name varchar(20) CHECK (name <> ''));
