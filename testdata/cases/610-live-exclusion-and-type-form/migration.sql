-- Will these succeed on the data as it is?
ALTER TABLE bookings ADD CONSTRAINT no_double_booking
  EXCLUDE USING gist (room WITH =, during WITH &&);
ALTER TABLE bookings ADD CONSTRAINT ids_differ EXCLUDE (id WITH =);
ALTER TABLE bookings ADD CONSTRAINT by_lower EXCLUDE USING gist (lower(during) WITH =);
ALTER TABLE events ALTER COLUMN happened TYPE timestamptz USING happened::timestamptz;
ALTER TABLE events ALTER COLUMN clean_day TYPE date USING clean_day::date;
ALTER TABLE events ALTER COLUMN payload TYPE jsonb USING payload::jsonb;
ALTER TABLE events ALTER COLUMN other TYPE date USING other::date;
ALTER TABLE readings ALTER COLUMN v SET NOT NULL;
