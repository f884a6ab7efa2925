CREATE TABLE events (id bigint, kind text, at timestamptz)
  PARTITION BY RANGE (at);
CREATE TABLE events_2024 PARTITION OF events
  FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE events_copy (LIKE events INCLUDING ALL);
CREATE TABLE events_summary AS SELECT kind, count(*) AS n FROM events
  GROUP BY kind;
