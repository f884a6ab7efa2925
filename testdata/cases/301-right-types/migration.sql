-- Every column already has the type the rules recommend.
CREATE TABLE invoices (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id bigint NOT NULL,
  number text NOT NULL CHECK (char_length(number) <= 20),
  memo varchar,
  flag "char",
  issued_at timestamptz NOT NULL DEFAULT now(),
  due timestamp with time zone,
  lines jsonb,
  amount numeric(12, 2),
  name_of_exactly_sixty_three_bytes_xxxxxxxxxxxxxxxxxxxxxxxxxxxxx text
);
