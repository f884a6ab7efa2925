-- custmer_id is a typo: the statement fails, and no safe alternative
-- can be written for it; the rule's example is shown, marked as such.
SET lock_timeout = '2s';
ALTER TABLE orders RENAME COLUMN custmer_id TO client_id;
