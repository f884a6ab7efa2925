CREATE TABLE users (id bigint PRIMARY KEY, name varchar(20)
  CONSTRAINT users_name_check CHECK (name <> ''), bio varchar(20));
INSERT INTO users SELECT g, 'n' || g, 'b' FROM generate_series(1, 100) g;
CREATE TABLE measurement (logdate date NOT NULL, unitsales int)
  PARTITION BY RANGE (logdate);
CREATE TABLE measurement_y2006m02 PARTITION OF measurement
  FOR VALUES FROM ('2006-02-01') TO ('2006-03-01');
CREATE INDEX old_idx ON users (bio);
DROP INDEX old_idx;
ANALYZE;
