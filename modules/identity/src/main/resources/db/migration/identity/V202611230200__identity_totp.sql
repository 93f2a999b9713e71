-- A member's optional second factor: an RFC 6238 secret, encrypted with the key-encryption key.
-- Until confirmed_at is set (the member typed a first code), it does not count. last_step is the
-- time step of the last accepted code, so a code is accepted once (RFC 6238 section 5.2).
CREATE TABLE identity_totp (
    member_id    VARCHAR(64)  NOT NULL,
    secret       VARCHAR(200) NOT NULL,
    created_at   TIMESTAMP(3) NOT NULL,
    confirmed_at TIMESTAMP(3),
    last_step    BIGINT       NOT NULL,
    PRIMARY KEY (member_id)
);
