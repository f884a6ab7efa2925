-- Names over 63 bytes: each is reported where it is written.
BEGIN;
CREATE TABLE customer_subscription_billing_events_partitioned_by_month_archive (
  id bigint PRIMARY KEY,
  customer_id bigint,
  "Last_Successful_Payment_Reconciliation_Timestamp_From_Provider_X" timestamptz,
  "öööööööööööööööööööööööööööööööö" text
);
CREATE INDEX customer_subscription_billing_events_customer_id_created_at_status_idx
  ON customer_subscription_billing_events_partitioned_by_month_archive (customer_id);
ALTER TABLE customer_subscription_billing_events_partitioned_by_month_archive
  ADD CONSTRAINT fk_customer_subscription_billing_events_customer_id_references_customers
  FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;
COMMIT;
