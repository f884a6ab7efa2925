-- Each object is already gone (0001): PostgreSQL only says so in a NOTICE.
SET lock_timeout = '2s';
ALTER TABLE sessions DROP COLUMN IF EXISTS legacy_flag;
DROP INDEX IF EXISTS sessions_token_idx;
DROP TABLE IF EXISTS old_sessions;
