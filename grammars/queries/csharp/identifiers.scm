; Plain identifiers (low confidence).
(identifier) @id
