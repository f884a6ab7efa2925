ALTER TABLE events ADD COLUMN payload json;
