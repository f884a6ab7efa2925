-- One statement either runs whole or not at all.
SET lock_timeout = '2s';
CREATE TABLE audit_log (id bigint, note text);
