DO $$
BEGIN
  ALTER TABLE orders ADD COLUMN z int;
  this is not plpgsql;
END
$$;
DO $x$ BEGIN PERFORM 1; END $x$;
