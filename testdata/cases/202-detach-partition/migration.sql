SET lock_timeout = '2s';
SET statement_timeout = '30s';
ALTER TABLE events DETACH PARTITION events_2023;
