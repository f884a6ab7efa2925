; Plain names (low confidence).
(name) @id
