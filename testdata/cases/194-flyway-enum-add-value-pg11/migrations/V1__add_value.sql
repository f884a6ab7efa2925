-- Before PostgreSQL 12, Flyway runs ALTER TYPE ... ADD VALUE outside a
-- transaction: alone in its file, it is fine.
ALTER TYPE order_status ADD VALUE 'refunded' AFTER 'paid';
