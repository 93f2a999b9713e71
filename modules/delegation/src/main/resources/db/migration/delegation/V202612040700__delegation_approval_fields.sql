-- Per field a held change sets: its value when it was staged ("before") and the value proposed,
-- as a JSON array [{"field","label","before","after"}] (issue 18 item 1: review in plain words, and
-- a change approved after a newer edit of the same field is caught, not silently applied).
ALTER TABLE delegation_approval ADD COLUMN changes TEXT;
-- The helper's own view of what they proposed (GET /api/v1/approvals?role=delegate).
CREATE INDEX delegation_approval_delegate ON delegation_approval (delegate_id, created_at);

-- Changes the holder undid from their activity log: one row per undone entry, so that an entry is
-- undone at most once, whatever the concurrency (the primary key decides).
CREATE TABLE delegation_revert (
    account_id  VARCHAR(64)  NOT NULL,
    entry_id    VARCHAR(40)  NOT NULL,
    reverted_at TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (account_id, entry_id)
);
