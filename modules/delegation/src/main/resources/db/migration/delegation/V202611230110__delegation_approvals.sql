-- Changes a delegate made under a scope the holder marked for review: staged here until the holder
-- approves (the request is then applied with the holder's token) or rejects them.
CREATE TABLE delegation_approval (
    id            VARCHAR(40)   NOT NULL,
    holder_id     VARCHAR(64)   NOT NULL,
    grant_id      VARCHAR(40)   NOT NULL,
    delegate_id   VARCHAR(64)   NOT NULL,
    client_id     VARCHAR(100),
    action        VARCHAR(100)  NOT NULL,
    scope         VARCHAR(40)   NOT NULL,
    method        VARCHAR(10)   NOT NULL,
    path          VARCHAR(2000) NOT NULL,
    content_type  VARCHAR(200),
    body          TEXT,
    status        VARCHAR(16)   NOT NULL,
    created_at    TIMESTAMP(3)  NOT NULL,
    decided_at    TIMESTAMP(3),
    result_status INT,
    result        VARCHAR(1000),
    PRIMARY KEY (id)
);
CREATE INDEX delegation_approval_holder ON delegation_approval (holder_id, status, created_at);
