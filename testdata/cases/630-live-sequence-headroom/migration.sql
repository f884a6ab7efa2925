-- Every table this migration touches has a key that is running out.
ALTER TABLE orders ADD COLUMN region text;
ALTER TABLE orders ADD COLUMN status text;
ALTER TABLE legacy ADD CONSTRAINT legacy_kind_fk FOREIGN KEY (ref) REFERENCES kinds (id) NOT VALID;
ALTER TABLE wide ADD COLUMN note text;
