SELECT E'\';
ALTER TABLE "unterminated ident ADD COLUMN a int;
