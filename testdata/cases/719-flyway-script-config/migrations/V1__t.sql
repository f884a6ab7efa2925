CREATE TABLE orders (id bigint, status text);
