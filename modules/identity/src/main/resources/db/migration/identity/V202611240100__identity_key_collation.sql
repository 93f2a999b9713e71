-- Handles and e-mails are unique by their normalised keys (NFKC, case folded; SECURITY-CASES 26).
-- The application decides what is equal, so the database compares the keys byte for byte,
-- whatever the server's default collation: utf8mb4_general_ci or MySQL 8's utf8mb4_0900_ai_ci
-- would take "JOSE" and "josé" for "jose", and a look-up by one for the member of another.
-- (COLLATE after NOT NULL: the one order MySQL, MariaDB and H2's MySQL mode all read.)
ALTER TABLE identity_member MODIFY handle_key VARCHAR(64) NOT NULL COLLATE utf8mb4_bin;
ALTER TABLE identity_member MODIFY email_key VARCHAR(320) NOT NULL COLLATE utf8mb4_bin;
