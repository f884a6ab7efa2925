CREATE TYPE order_status AS ENUM ('new', 'shipped', 'paid');
CREATE TABLE orders (
  id bigserial PRIMARY KEY,
  status order_status NOT NULL DEFAULT 'new'
);
-- a text column named status in another table: not the enum
CREATE TABLE parcels (id bigserial PRIMARY KEY, status text);
