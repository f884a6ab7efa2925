CREATE TYPE order_status AS ENUM ('new', 'shipped', 'paid');
CREATE TABLE orders (id bigserial PRIMARY KEY, status order_status);
CREATE TABLE parcels (id bigserial PRIMARY KEY, state text);
