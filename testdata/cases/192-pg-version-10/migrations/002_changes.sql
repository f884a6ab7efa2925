-- --pg-version 10: a constant DEFAULT rewrites the table, ATTACH PARTITION
-- locks the parent, an index on a partitioned table does not exist yet.
CREATE INDEX events_at_idx ON events (at);
ALTER TABLE orders ADD COLUMN region text DEFAULT 'eu';
ALTER TABLE orders ADD COLUMN note text DEFAULT NULL;
ALTER TABLE orders ADD COLUMN n bigint NOT NULL;
ALTER TABLE sales ATTACH PARTITION sales_2024
  FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
