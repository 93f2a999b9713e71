-- Access tokens that are the whole of their authorization (client credentials, delegation token
-- exchange) are kept only here, one narrow row each, instead of an oauth2_authorization row with
-- serialized blobs: issuing them is the hot path (issue 3 and 4 benchmarks). Their claims need no
-- column: whoever looks one up presents the token, and the token carries them.
ALTER TABLE identity_token_index ADD COLUMN standalone BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE identity_token_index ADD COLUMN registered_client_id VARCHAR(100) NULL;
ALTER TABLE identity_token_index ADD COLUMN principal_name VARCHAR(200) NULL;
ALTER TABLE identity_token_index ADD COLUMN grant_type VARCHAR(100) NULL;
ALTER TABLE identity_token_index ADD COLUMN issued_at TIMESTAMP NULL;
ALTER TABLE identity_token_index ADD COLUMN expires_at TIMESTAMP NULL;
-- Deleting a client and closing an account revoke these tokens; the sweeper drops expired ones.
CREATE INDEX identity_token_index_client ON identity_token_index (registered_client_id);
CREATE INDEX identity_token_index_principal ON identity_token_index (principal_name);
CREATE INDEX identity_token_index_expiry ON identity_token_index (expires_at);
