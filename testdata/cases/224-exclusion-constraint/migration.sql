SET lock_timeout = '2s';
SET statement_timeout = '30s';
ALTER TABLE bookings ADD CONSTRAINT no_overlap
  EXCLUDE USING gist (room_id WITH =, during WITH &&);
