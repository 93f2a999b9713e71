-- The instant an event happened, in milliseconds since the epoch, as the outbox row's writer knew it:
-- occurred_at keeps whole seconds on MariaDB 10.x (Connector/J sends it no fraction, docs/deploy.md), and
-- the webhook body's timestamp, which receivers are told to order events by, was read back from it, so two
-- events of one second could not be told apart (black-box finding, 2026-12-07). occurred_at stays the
-- order the fan-out takes rows in; a row without the instant (written before this) falls back on it.
ALTER TABLE events_outbox ADD COLUMN occurred_ms BIGINT;
