CREATE TABLE t (a int, b int, c int, d int, e int);
CREATE INDEX t_abcd_idx ON t (a, b, c, d);
