; Plain identifiers and field names (low confidence).
[(identifier) (field_identifier)] @id
