SET lock_timeout = '2s';
SET statement_timeout = '30s';
CREATE TABLE rooms_booked (room_id bigint, during tstzrange);
ALTER TABLE rooms_booked ADD CONSTRAINT no_overlap
  EXCLUDE USING gist (room_id WITH =, during WITH &&);
