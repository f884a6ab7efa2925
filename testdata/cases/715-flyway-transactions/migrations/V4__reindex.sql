-- Flyway's parser does not count REINDEX ... CONCURRENTLY as
-- non-transactional, so it wraps the file, and PostgreSQL refuses.
REINDEX INDEX CONCURRENTLY orders_status_idx;
