-- Shared Signals streams (DESIGN.md section 6, OpenID SSF 1.0 section 8): one push stream per
-- receiver; a stream belongs to one of its owner's clients, its audience. Its SETs are deliveries
-- in events_delivery like webhooks' (webhook_id then holds the stream's id, "ssf_…"), so they are
-- retried, leased and logged by the one delivery worker.
CREATE TABLE events_stream (
    owner_id     VARCHAR(64)   NOT NULL,
    id           VARCHAR(40)   NOT NULL,
    client_id    VARCHAR(100)  NOT NULL,
    issuer       VARCHAR(500)  NOT NULL,
    url          VARCHAR(2000) NOT NULL,
    event_types  VARCHAR(1000) NOT NULL,
    description  VARCHAR(500),
    status       VARCHAR(16)   NOT NULL,
    reason       VARCHAR(500),
    -- Since when the stream has not been disabled: events from before then are never its own.
    live_since   TIMESTAMP(3)  NOT NULL,
    created_at   TIMESTAMP(3)  NOT NULL,
    PRIMARY KEY (owner_id, id)
);
CREATE UNIQUE INDEX events_stream_id ON events_stream (id);
CREATE INDEX events_stream_client ON events_stream (client_id);
