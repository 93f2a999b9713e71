-- An entry found by its id within its account (undoing a change names the entry: issue 18).
CREATE INDEX audit_entry_id ON audit_entry (account_id, id);
