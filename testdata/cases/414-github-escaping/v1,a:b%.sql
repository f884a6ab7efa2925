-- a file name with , and : and % in it
ALTER TABLE "a,b:c%d" RENAME COLUMN "x,y" TO "z:%0A";
