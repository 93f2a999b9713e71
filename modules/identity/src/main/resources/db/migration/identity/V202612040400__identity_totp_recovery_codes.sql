-- One-time recovery codes of two-step sign-in (issue 18): shown once when two-step sign-in is
-- turned on (or the member asks for new ones), stored only as SHA-256 hashes, each usable once in
-- place of a six-digit code. used_at is set when one is spent.
CREATE TABLE identity_totp_recovery (
    member_id  VARCHAR(64)  NOT NULL,
    code_hash  VARCHAR(64)  NOT NULL COLLATE utf8mb4_bin,
    created_at TIMESTAMP(3) NOT NULL,
    used_at    TIMESTAMP(3),
    PRIMARY KEY (member_id, code_hash)
);
