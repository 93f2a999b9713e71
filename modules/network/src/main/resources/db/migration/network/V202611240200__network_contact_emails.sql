-- The contact rules allow ten e-mail addresses of up to 254 characters (2,549 with separators):
-- the column must hold whatever the rules accept, or a valid contact fails with a database error.
ALTER TABLE network_contact MODIFY emails VARCHAR(2600) NOT NULL;
