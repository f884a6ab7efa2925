UPDATE orders SET a = 1;
DELETE FROM orders WHERE id IN (SELECT id FROM orders LIMIT 10);
DO $$
BEGIN
  ALTER TABLE orders ADD COLUMN z int;
  EXECUTE 'DROP INDEX ' || quote_ident('x');
END
$$;
CREATE FUNCTION f(a int) RETURNS int LANGUAGE plpgsql AS $f$ BEGIN RETURN a + 1; END $f$;
VACUUM (ANALYZE) orders;
SAVEPOINT s1; RELEASE SAVEPOINT s1; ROLLBACK;
RESET lock_timeout;
COPY orders FROM stdin;
1	a
\.
