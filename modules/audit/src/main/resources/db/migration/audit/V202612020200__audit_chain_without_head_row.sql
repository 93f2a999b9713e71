-- The chain's head is its last entry: appends are plain inserts that the primary key keeps linear
-- (JdbcActivityRecorder), so the head row that every append of an account updated is gone.
DROP TABLE audit_head;

-- The periodic checkpoints find the logs that grew through the time of their newest entries.
CREATE INDEX audit_entry_recent ON audit_entry (occurred_at);
