CREATE TABLE "we""ird; DROP TABLE victim;--" (id int PRIMARY KEY, "no;tes" text);
INSERT INTO "we""ird; DROP TABLE victim;--" SELECT g, CASE WHEN g % 4 = 0 THEN NULL ELSE 'x' END FROM generate_series(1, 400) g;
CREATE TABLE victim (id int);
