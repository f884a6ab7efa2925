CREATE TYPE color AS ENUM ('red', 'green', 'blue');
CREATE TABLE items (id bigserial PRIMARY KEY, name text NOT NULL, color color);
