CREATE TYPE shipment_state AS ENUM ('packed', 'shipped', 'lost');
CREATE TABLE shipments (id bigint PRIMARY KEY, history shipment_state[], state shipment_state);
CREATE TABLE parcels (id bigint PRIMARY KEY, labels text[]);
