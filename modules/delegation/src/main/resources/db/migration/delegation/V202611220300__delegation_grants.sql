-- Grants from a holder to a delegate (DESIGN.md section 2 rule 3). Keyed for the two lists
-- (holder's delegates, delegate's clients); checked on every delegated request by primary key.
CREATE TABLE delegation_grant (
    id               VARCHAR(40)   NOT NULL,
    holder_id        VARCHAR(64)   NOT NULL,
    -- null while the invited person has no account: the holder's answer is the same either way
    delegate_id      VARCHAR(64),
    invited          VARCHAR(320)  NOT NULL,
    status           VARCHAR(16)   NOT NULL,
    scopes           VARCHAR(1000) NOT NULL,
    review_scopes    VARCHAR(1000) NOT NULL,
    note             VARCHAR(1000),
    terms            TEXT,
    terms_hash       CHAR(64),
    window_days      VARCHAR(70),
    window_start     CHAR(5),
    window_end       CHAR(5),
    time_zone        VARCHAR(64)   NOT NULL,
    ip_ranges        VARCHAR(1000),
    created_at       TIMESTAMP(3)  NOT NULL,
    expires_at       TIMESTAMP(3)  NOT NULL,
    accepted_at      TIMESTAMP(3),
    ended_at         TIMESTAMP(3),
    last_activity_at TIMESTAMP(3),
    PRIMARY KEY (id)
);
CREATE INDEX delegation_grant_holder ON delegation_grant (holder_id, created_at);
CREATE INDEX delegation_grant_delegate ON delegation_grant (delegate_id, created_at);

-- Optional per-scope daily quotas of a grant.
CREATE TABLE delegation_quota (
    grant_id  VARCHAR(40) NOT NULL,
    scope     VARCHAR(40) NOT NULL,
    per_day   INT         NOT NULL,
    PRIMARY KEY (grant_id, scope)
);

-- What each quota has used, per day in the holder's time zone; counted while the grant row is
-- locked, so concurrent requests cannot both take the last unit (SECURITY-CASES 10).
CREATE TABLE delegation_quota_usage (
    grant_id  VARCHAR(40) NOT NULL,
    scope     VARCHAR(40) NOT NULL,
    usage_day DATE        NOT NULL,
    used      INT         NOT NULL,
    PRIMARY KEY (grant_id, scope, usage_day)
);

-- One row per holder, locked while a grant is created so that the cap on pending and active
-- grants holds under concurrent creation (SECURITY-CASES 8).
CREATE TABLE delegation_holder (
    holder_id VARCHAR(64) NOT NULL,
    PRIMARY KEY (holder_id)
);
