-- The member's own address book (a small CRM), keyed by its owner first (sharding by account).
CREATE TABLE network_contact (
    owner_id   VARCHAR(64)   NOT NULL,
    id         VARCHAR(40)   NOT NULL,
    name       VARCHAR(200)  NOT NULL,
    emails     VARCHAR(2000) NOT NULL,
    phones     VARCHAR(1000) NOT NULL,
    company    VARCHAR(200)  NOT NULL,
    title      VARCHAR(200)  NOT NULL,
    notes      TEXT          NOT NULL,
    tags       VARCHAR(1000) NOT NULL,
    created_at TIMESTAMP(3)  NOT NULL,
    PRIMARY KEY (owner_id, id)
);
CREATE INDEX network_contact_name ON network_contact (owner_id, name);

-- The communication log of a contact: calls, e-mails, meetings, messages.
CREATE TABLE network_contact_interaction (
    owner_id    VARCHAR(64)  NOT NULL,
    contact_id  VARCHAR(40)  NOT NULL,
    id          VARCHAR(40)  NOT NULL,
    kind        VARCHAR(16)  NOT NULL,
    occurred_on DATE         NOT NULL,
    summary     VARCHAR(2000) NOT NULL,
    PRIMARY KEY (owner_id, contact_id, id)
);
