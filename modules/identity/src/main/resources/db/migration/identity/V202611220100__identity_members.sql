-- Members' credentials (DESIGN.md section 3: identity owns them). Handles and e-mails are unique
-- by their normalised keys (NFKC, case folded), compared byte for byte (SECURITY-CASES 26).
CREATE TABLE identity_member (
    id            VARCHAR(64)   NOT NULL,
    handle        VARCHAR(64)   NOT NULL,
    handle_key    VARCHAR(64)   NOT NULL,
    email         VARCHAR(320)  NOT NULL,
    email_key     VARCHAR(320)  NOT NULL,
    display_name  VARCHAR(100)  NOT NULL,
    password_hash VARCHAR(255)  NOT NULL,
    status        VARCHAR(16)   NOT NULL,
    created_at    TIMESTAMP(3)  NOT NULL,
    PRIMARY KEY (id)
);
CREATE UNIQUE INDEX identity_member_handle ON identity_member (handle_key);
CREATE UNIQUE INDEX identity_member_email ON identity_member (email_key);

-- Failed sign-ins per account and per client address, shared by every node (SECURITY-CASES 29).
CREATE TABLE identity_signin_throttle (
    throttle_key  VARCHAR(100)  NOT NULL,
    failures      INT           NOT NULL,
    window_start  TIMESTAMP(3)  NOT NULL,
    PRIMARY KEY (throttle_key)
);

-- Signing keys of access and ID tokens; the private key is encrypted (AES-GCM) with the
-- key-encryption key from configuration. A key is published from published_at, used for signing
-- from active_at, and kept published until retired_at (rotation with overlap).
CREATE TABLE identity_signing_key (
    kid           VARCHAR(64)   NOT NULL,
    algorithm     VARCHAR(16)   NOT NULL,
    public_jwk    TEXT          NOT NULL,
    private_key   TEXT          NOT NULL,
    published_at  TIMESTAMP(3)  NOT NULL,
    active_at     TIMESTAMP(3)  NOT NULL,
    retired_at    TIMESTAMP(3)  NULL,
    PRIMARY KEY (kid)
);

-- Spring Authorization Server's stores, with portable column types.
CREATE TABLE oauth2_registered_client (
    id                            VARCHAR(100)  NOT NULL,
    client_id                     VARCHAR(100)  NOT NULL,
    client_id_issued_at           TIMESTAMP     NOT NULL,
    client_secret                 VARCHAR(200)  DEFAULT NULL,
    client_secret_expires_at      TIMESTAMP     NULL DEFAULT NULL,
    client_name                   VARCHAR(200)  NOT NULL,
    client_authentication_methods VARCHAR(1000) NOT NULL,
    authorization_grant_types     VARCHAR(1000) NOT NULL,
    redirect_uris                 VARCHAR(1000) DEFAULT NULL,
    post_logout_redirect_uris     VARCHAR(1000) DEFAULT NULL,
    scopes                        VARCHAR(1000) NOT NULL,
    client_settings               VARCHAR(2000) NOT NULL,
    token_settings                VARCHAR(2000) NOT NULL,
    PRIMARY KEY (id)
);
CREATE UNIQUE INDEX oauth2_registered_client_client_id ON oauth2_registered_client (client_id);

-- Who registered each integrator client (the self-service API lists a member's own).
CREATE TABLE identity_client_owner (
    client_id  VARCHAR(100) NOT NULL,
    owner_id   VARCHAR(64)  NOT NULL,
    created_at TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (client_id)
);
CREATE INDEX identity_client_owner_owner ON identity_client_owner (owner_id);

CREATE TABLE oauth2_authorization (
    id                            VARCHAR(100)  NOT NULL,
    registered_client_id          VARCHAR(100)  NOT NULL,
    principal_name                VARCHAR(200)  NOT NULL,
    authorization_grant_type      VARCHAR(100)  NOT NULL,
    authorized_scopes             VARCHAR(1000) DEFAULT NULL,
    attributes                    BLOB          DEFAULT NULL,
    state                         VARCHAR(500)  DEFAULT NULL,
    authorization_code_value      BLOB          DEFAULT NULL,
    authorization_code_issued_at  TIMESTAMP     NULL DEFAULT NULL,
    authorization_code_expires_at TIMESTAMP     NULL DEFAULT NULL,
    authorization_code_metadata   BLOB          DEFAULT NULL,
    access_token_value            BLOB          DEFAULT NULL,
    access_token_issued_at        TIMESTAMP     NULL DEFAULT NULL,
    access_token_expires_at       TIMESTAMP     NULL DEFAULT NULL,
    access_token_metadata         BLOB          DEFAULT NULL,
    access_token_type             VARCHAR(100)  DEFAULT NULL,
    access_token_scopes           VARCHAR(1000) DEFAULT NULL,
    oidc_id_token_value           BLOB          DEFAULT NULL,
    oidc_id_token_issued_at       TIMESTAMP     NULL DEFAULT NULL,
    oidc_id_token_expires_at      TIMESTAMP     NULL DEFAULT NULL,
    oidc_id_token_metadata        BLOB          DEFAULT NULL,
    refresh_token_value           BLOB          DEFAULT NULL,
    refresh_token_issued_at       TIMESTAMP     NULL DEFAULT NULL,
    refresh_token_expires_at      TIMESTAMP     NULL DEFAULT NULL,
    refresh_token_metadata        BLOB          DEFAULT NULL,
    user_code_value               BLOB          DEFAULT NULL,
    user_code_issued_at           TIMESTAMP     NULL DEFAULT NULL,
    user_code_expires_at          TIMESTAMP     NULL DEFAULT NULL,
    user_code_metadata            BLOB          DEFAULT NULL,
    device_code_value             BLOB          DEFAULT NULL,
    device_code_issued_at         TIMESTAMP     NULL DEFAULT NULL,
    device_code_expires_at        TIMESTAMP     NULL DEFAULT NULL,
    device_code_metadata          BLOB          DEFAULT NULL,
    PRIMARY KEY (id)
);

-- The stores above keep only SHA-256 hashes of token values in their (unindexed) blob columns;
-- look-ups go through this index of hashes (DESIGN.md section 3: secrets stored hashed).
CREATE TABLE identity_token_index (
    token_hash       CHAR(64)     NOT NULL,
    token_type       VARCHAR(32)  NOT NULL,
    authorization_id VARCHAR(100) NOT NULL,
    invalidated      BOOLEAN      NOT NULL,
    PRIMARY KEY (token_hash)
);
CREATE INDEX identity_token_index_authorization ON identity_token_index (authorization_id);

CREATE TABLE oauth2_authorization_consent (
    registered_client_id VARCHAR(100)  NOT NULL,
    principal_name       VARCHAR(200)  NOT NULL,
    authorities          VARCHAR(1000) NOT NULL,
    PRIMARY KEY (registered_client_id, principal_name)
);
