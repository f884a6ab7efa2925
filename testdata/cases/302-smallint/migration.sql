ALTER TABLE products ADD COLUMN stock smallint NOT NULL DEFAULT 0;
ALTER TABLE products ADD COLUMN revision_id smallserial;
