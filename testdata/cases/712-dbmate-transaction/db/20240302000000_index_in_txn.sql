-- migrate:up
CREATE INDEX CONCURRENTLY IF NOT EXISTS accounts_plan_idx ON accounts (plan);

-- migrate:down
DROP INDEX CONCURRENTLY IF EXISTS accounts_plan_idx;
