CREATE TABLE IF NOT EXISTS s.t (
  id serial PRIMARY KEY,
  a varchar(20) UNIQUE,
  b timestamp DEFAULT now(),
  c uuid DEFAULT gen_random_uuid(),
  d int[] NOT NULL,
  e numeric(10,2) GENERATED ALWAYS AS (a::numeric * 2) STORED,
  EXCLUDE USING gist (d WITH &&)
) PARTITION BY RANGE (b);
CREATE TABLE t_1 PARTITION OF s.t FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
TRUNCATE s.t, t_1 CASCADE;
DROP TABLE IF EXISTS s.t CASCADE;
