DROP INDEX events_kind_idx;
