-- Password resets by e-mail (issue 18): a single-use reset code, mailed to the account's address,
-- stored only as its SHA-256 hash, good for 30 minutes. used_at is set when it is spent.
CREATE TABLE identity_password_reset (
    member_id  VARCHAR(64)  NOT NULL,
    code_hash  VARCHAR(64)  NOT NULL COLLATE utf8mb4_bin,
    created_at TIMESTAMP(3) NOT NULL,
    expires_at TIMESTAMP(3) NOT NULL,
    used_at    TIMESTAMP(3),
    PRIMARY KEY (member_id, code_hash)
);
CREATE UNIQUE INDEX identity_password_reset_code ON identity_password_reset (code_hash);
