-- An earlier migration: replayed, so the schema knows events is partitioned.
CREATE TABLE events (id bigint, at date) PARTITION BY RANGE (at);
