CREATE TABLE sessions (id bigint PRIMARY KEY, token text);
CREATE INDEX sessions_token_idx ON sessions (token);
DROP INDEX sessions_token_idx;
CREATE TABLE old_sessions (id bigint);
DROP TABLE old_sessions;
