-- Events for integrators (DESIGN.md section 6). The outbox row is written in the transaction of the
-- change and removed once fanned out into one delivery per matching subscription.
CREATE TABLE events_outbox (
    account_id    VARCHAR(64)  NOT NULL,
    id            VARCHAR(40)  NOT NULL,
    other_account VARCHAR(64),
    type          VARCHAR(40)  NOT NULL,
    data          TEXT         NOT NULL,
    occurred_at   TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (account_id, id)
);
CREATE INDEX events_outbox_order ON events_outbox (occurred_at);

-- A subscription belongs to one of its owner's clients. The secret is sealed with the
-- key-encryption key (it must be recoverable to sign); during a rotation's grace period the
-- previous one signs too.
CREATE TABLE events_webhook (
    owner_id        VARCHAR(64)   NOT NULL,
    id              VARCHAR(40)   NOT NULL,
    client_id       VARCHAR(100)  NOT NULL,
    url             VARCHAR(2000) NOT NULL,
    event_types     VARCHAR(1000) NOT NULL,
    secret          VARCHAR(200)  NOT NULL,
    previous_secret VARCHAR(200),
    previous_until  TIMESTAMP(3),
    status          VARCHAR(16)   NOT NULL,
    created_at      TIMESTAMP(3)  NOT NULL,
    disabled_at     TIMESTAMP(3),
    PRIMARY KEY (owner_id, id)
);
CREATE UNIQUE INDEX events_webhook_id ON events_webhook (id);
CREATE INDEX events_webhook_client ON events_webhook (client_id);

-- One event for one subscription; its id is the webhook-id header, the same on every attempt.
CREATE TABLE events_delivery (
    owner_id        VARCHAR(64)  NOT NULL,
    id              VARCHAR(40)  NOT NULL,
    webhook_id      VARCHAR(40)  NOT NULL,
    type            VARCHAR(40)  NOT NULL,
    body            TEXT         NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    attempts        INT          NOT NULL,
    created_at      TIMESTAMP(3) NOT NULL,
    retry_from      TIMESTAMP(3) NOT NULL,
    next_attempt_at TIMESTAMP(3) NOT NULL,
    lease_until     TIMESTAMP(3),
    last_attempt_at TIMESTAMP(3),
    last_status     INT,
    last_error      VARCHAR(200),
    PRIMARY KEY (owner_id, id)
);
CREATE UNIQUE INDEX events_delivery_id ON events_delivery (id);
CREATE INDEX events_delivery_due ON events_delivery (status, next_attempt_at);
CREATE INDEX events_delivery_webhook ON events_delivery (webhook_id, created_at);

-- Every attempt, for the delivery log.
CREATE TABLE events_attempt (
    owner_id        VARCHAR(64)  NOT NULL,
    delivery_id     VARCHAR(40)  NOT NULL,
    attempt         INT          NOT NULL,
    attempted_at    TIMESTAMP(3) NOT NULL,
    response_status INT,
    error           VARCHAR(200),
    duration_ms     INT          NOT NULL,
    PRIMARY KEY (owner_id, delivery_id, attempt)
);
