-- Members as the network sees them, for search: names come from identity through its
-- MemberRegistered event, the rest from the profile. Lower-cased copies are what search matches.
CREATE TABLE network_member (
    member_id     VARCHAR(64)  NOT NULL,
    handle        VARCHAR(64)  NOT NULL,
    display_name  VARCHAR(100) NOT NULL,
    headline      VARCHAR(220) NOT NULL,
    location      VARCHAR(100) NOT NULL,
    skills        VARCHAR(4200) NOT NULL,
    search_text   VARCHAR(4800) NOT NULL,
    PRIMARY KEY (member_id)
);

-- First-degree connections, stored in both directions so that a member's connections are one
-- primary-key range (and shard with the member).
CREATE TABLE network_connection (
    member_id     VARCHAR(64)  NOT NULL,
    connection_id VARCHAR(64)  NOT NULL,
    created_at    TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (member_id, connection_id)
);

-- Invitations and introductions. An introduction (via a shared connection) waits for the
-- connection to forward it before the invitee sees it.
CREATE TABLE network_invitation (
    id          VARCHAR(40)   NOT NULL,
    from_id     VARCHAR(64)   NOT NULL,
    to_id       VARCHAR(64)   NOT NULL,
    via_id      VARCHAR(64),
    message     VARCHAR(600),
    status      VARCHAR(16)   NOT NULL,
    created_at  TIMESTAMP(3)  NOT NULL,
    answered_at TIMESTAMP(3),
    PRIMARY KEY (id)
);
CREATE INDEX network_invitation_to ON network_invitation (to_id, created_at);
CREATE INDEX network_invitation_from ON network_invitation (from_id, created_at);
CREATE INDEX network_invitation_via ON network_invitation (via_id, created_at);

-- Whom a member has blocked: a blocked member's messages and invitations stop.
CREATE TABLE network_block (
    member_id  VARCHAR(64)  NOT NULL,
    blocked_id VARCHAR(64)  NOT NULL,
    created_at TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (member_id, blocked_id)
);

-- Conversations between two members (member_a < member_b), and their messages.
CREATE TABLE network_conversation (
    id              VARCHAR(40)  NOT NULL,
    member_a        VARCHAR(64)  NOT NULL,
    member_b        VARCHAR(64)  NOT NULL,
    created_at      TIMESTAMP(3) NOT NULL,
    last_message_at TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (id)
);
CREATE UNIQUE INDEX network_conversation_pair ON network_conversation (member_a, member_b);
CREATE INDEX network_conversation_b ON network_conversation (member_b, last_message_at);
CREATE INDEX network_conversation_a ON network_conversation (member_a, last_message_at);

CREATE TABLE network_message (
    id              VARCHAR(40)  NOT NULL,
    conversation_id VARCHAR(40)  NOT NULL,
    sender_id       VARCHAR(64)  NOT NULL,
    body            TEXT         NOT NULL,
    sent_at         TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX network_message_conversation ON network_message (conversation_id, sent_at);

-- How far each member has read each conversation.
CREATE TABLE network_conversation_read (
    member_id       VARCHAR(64)  NOT NULL,
    conversation_id VARCHAR(40)  NOT NULL,
    read_at         TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (member_id, conversation_id)
);
