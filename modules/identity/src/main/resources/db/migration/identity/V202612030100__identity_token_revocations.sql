-- One row per revocation of a token (sign-out, RFC 7009 revocation, refresh rotation or reuse,
-- closing an account, deleting a client), written in the revoking transaction. Each node keeps
-- its token look-ups in memory and reads this table's count and sum of ids every 100 ms: when
-- they change, it forgets them (docs/security.md rule 44). Rows older than the sweep interval go.
CREATE TABLE identity_token_revocation (
    id         BIGINT       NOT NULL AUTO_INCREMENT,
    revoked_at TIMESTAMP(6) NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX identity_token_revocation_time ON identity_token_revocation (revoked_at);
