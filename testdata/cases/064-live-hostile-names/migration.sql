ALTER TABLE "we""ird; DROP TABLE victim;--" ALTER COLUMN "no;tes" SET NOT NULL;
ALTER TABLE "we""ird; DROP TABLE victim;--" RENAME COLUMN "id'); DROP TABLE victim;--" TO x;
