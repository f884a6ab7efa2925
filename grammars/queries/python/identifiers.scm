; Plain identifiers (low confidence). Comments are never captured.
(identifier) @id
