-- Applied after 2_add_plan.sql: numbers compare as numbers.
CREATE INDEX accounts_plan_idx ON accounts (plan);
