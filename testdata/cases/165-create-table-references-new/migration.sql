-- Both tables are new: nothing existing is locked.
CREATE TABLE accounts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);
CREATE TABLE invoices (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id bigint NOT NULL,
  FOREIGN KEY (account_id) REFERENCES accounts (id)
);
