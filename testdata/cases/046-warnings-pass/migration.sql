CREATE INDEX i ON orders (status);
