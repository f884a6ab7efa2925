CREATE TABLE measurement (city_id int NOT NULL, logdate date NOT NULL,
  unitsales int) PARTITION BY RANGE (logdate);
CREATE TABLE measurement_y2006m02 PARTITION OF measurement
  FOR VALUES FROM ('2006-02-01') TO ('2006-03-01');
CREATE TABLE plain (a int);
