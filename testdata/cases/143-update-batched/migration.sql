UPDATE orders SET status = 'new' WHERE id BETWEEN 1 AND 5000;
DELETE FROM sessions WHERE expires_at < now() - interval '30 days';
