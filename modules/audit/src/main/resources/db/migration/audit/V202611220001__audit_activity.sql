-- The activity log (DESIGN.md section 7). One row per entry, keyed by account and sequence
-- number; `entry` is the entry exactly as exported (RFC 8785 canonical JSON, with its hash).
-- In production the application's database user may INSERT and SELECT here, never UPDATE or
-- DELETE (docs/activity-log.md, SECURITY-CASES 32).
CREATE TABLE audit_entry (
    account_id  VARCHAR(64)  NOT NULL,
    seq         BIGINT       NOT NULL,
    id          VARCHAR(40)  NOT NULL,
    occurred_at TIMESTAMP(3) NOT NULL,
    actor_kind  VARCHAR(16)  NOT NULL,
    actor_id    VARCHAR(100),
    action      VARCHAR(64)  NOT NULL,
    outcome     VARCHAR(16)  NOT NULL,
    grant_id    VARCHAR(40),
    hash        CHAR(64)     NOT NULL,
    entry       TEXT         NOT NULL,
    PRIMARY KEY (account_id, seq)
);
CREATE INDEX audit_entry_actor ON audit_entry (account_id, actor_id, seq);
CREATE INDEX audit_entry_action ON audit_entry (account_id, action, seq);
CREATE INDEX audit_entry_time ON audit_entry (account_id, occurred_at);

-- Each account's chain head: locked while an entry is appended, so that sequence numbers have
-- no gaps and each entry links to the one before, whatever the concurrency.
CREATE TABLE audit_head (
    account_id VARCHAR(64) NOT NULL,
    seq        BIGINT      NOT NULL,
    hash       CHAR(64)    NOT NULL,
    PRIMARY KEY (account_id)
);

-- Signed checkpoints (C2SP signed notes) of each account's log.
CREATE TABLE audit_checkpoint (
    account_id VARCHAR(64)  NOT NULL,
    size       BIGINT       NOT NULL,
    head_hash  CHAR(64)     NOT NULL,
    note       TEXT         NOT NULL,
    created_at TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (account_id, size)
);

-- The platform's checkpoint keys (Ed25519); retired keys stay published so that old checkpoints
-- still verify.
CREATE TABLE audit_key (
    key_id       CHAR(8)      NOT NULL,
    key_name     VARCHAR(64)  NOT NULL,
    verifier_key VARCHAR(200) NOT NULL,
    private_key  TEXT         NOT NULL,
    created_at   TIMESTAMP(3) NOT NULL,
    retired_at   TIMESTAMP(3) NULL,
    PRIMARY KEY (key_id)
);
