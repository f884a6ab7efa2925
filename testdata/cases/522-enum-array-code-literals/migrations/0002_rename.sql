ALTER TYPE shipment_state RENAME VALUE 'shipped' TO 'sent';
