SET lock_timeout = '2s';
CREATE INDEX items_sku_idx ON items (sku);
ALTER TABLE items ALTER COLUMN sku SET NOT NULL;
CREATE INDEX items_wide_idx ON items (sku, name, price, stock);
