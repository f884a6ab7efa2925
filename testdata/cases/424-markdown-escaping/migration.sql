ALTER TABLE "pipe|table" RENAME COLUMN "tick`col" TO "<b>*x*</b>";
DROP TABLE "a_b|`c`";
