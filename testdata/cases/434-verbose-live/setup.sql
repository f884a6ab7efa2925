\ir ../../demo/schema.sql
\ir ../../demo/seed.sql
\ir ../../demo/workload.sql
\ir ../../demo/workload.sql
\ir ../../demo/workload.sql
