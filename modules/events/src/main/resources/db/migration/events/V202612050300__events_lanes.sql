-- Two delivery lanes (DESIGN.md section 6, issue 19: a Shared Signals SET within 5 s of the change):
-- a stream's SETs are claimed by their own workers, never behind a backlog of webhook deliveries.
-- Each lane's claim reads its own due rows in order from one index.
ALTER TABLE events_delivery ADD COLUMN lane VARCHAR(16) NOT NULL DEFAULT 'webhook';
UPDATE events_delivery SET lane = 'signal' WHERE SUBSTRING(webhook_id, 1, 4) = 'ssf_';
CREATE INDEX events_delivery_lane ON events_delivery (lane, status, next_attempt_at);
DROP INDEX events_delivery_due ON events_delivery;

-- The outbox rows that become SETs are fanned out before the others.
CREATE INDEX events_outbox_type ON events_outbox (type, occurred_at);
