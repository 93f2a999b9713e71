-- A client id is one string (DESIGN.md section 3: opaque, immutable), so the tables that hold clients
-- compare it byte for byte, whatever the server's default collation (docs/security.md rule 26): on a
-- database created with utf8mb4_general_ci (MariaDB's) or MySQL 8's utf8mb4_0900_ai_ci, "CLI_…" or
-- "clí_…" found the client "cli_…", whose secret then authenticated it and got tokens, a public client's
-- code was redeemed under another spelling of its name, and /api/v1/clients/{id} and
-- /api/v1/apps/authorized/{id} answered for it (black-box follow-up, 2026-12-07). utf8mb4_bin still pads
-- (trailing spaces compare equal), so the application takes a client found only by exactly its id
-- (RememberedClients). The sign-in, consent and token rows that name a client (oauth2_authorization,
-- oauth2_authorization_consent, identity_token_index) keep the default: only a found client's own id is
-- ever looked up there, and they are the large tables, which this would rebuild.
-- (COLLATE after NOT NULL: the one order MySQL, MariaDB and H2's MySQL mode all read.)
ALTER TABLE oauth2_registered_client MODIFY id VARCHAR(100) NOT NULL COLLATE utf8mb4_bin;
ALTER TABLE oauth2_registered_client MODIFY client_id VARCHAR(100) NOT NULL COLLATE utf8mb4_bin;
ALTER TABLE identity_client_owner MODIFY client_id VARCHAR(100) NOT NULL COLLATE utf8mb4_bin;
ALTER TABLE identity_dynamic_client MODIFY client_id VARCHAR(100) NOT NULL COLLATE utf8mb4_bin;
