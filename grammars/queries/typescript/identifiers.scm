; Plain identifiers and property names (low confidence).
[(identifier) (property_identifier) (shorthand_property_identifier)] @id
