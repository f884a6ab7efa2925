-- measurement is partitioned (0001): the index is built on every
-- partition, and CONCURRENTLY is refused.
CREATE INDEX measurement_usls_idx ON measurement (unitsales);
-- plain is not: ONLY changes nothing, the index is built as usual.
CREATE INDEX plain_a_idx ON ONLY plain (a);
