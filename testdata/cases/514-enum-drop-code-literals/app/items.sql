-- name: GreenItems :many
SELECT id FROM items WHERE color = 'green'::color;
