CREATE INDEX events_kind_idx ON events (kind);
ALTER TABLE events ALTER COLUMN payload SET NOT NULL;
