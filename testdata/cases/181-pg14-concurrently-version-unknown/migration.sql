-- Without a database the server's version is not known: on 14.0 to 14.3
-- this build can miss rows updated while it runs.
CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status);
