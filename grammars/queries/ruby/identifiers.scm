; Plain identifiers and symbols (low confidence).
[(identifier) (simple_symbol)] @id
