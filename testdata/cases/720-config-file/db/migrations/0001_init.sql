CREATE TABLE items (id bigint PRIMARY KEY, sku text, name text, price numeric, stock int);
