-- The chain's head is its last entry: an append is one insert, conditional on the head it links to,
-- that the primary key keeps linear (JdbcActivityRecorder); the head row every append of an account
-- updated is gone, and scheduled checkpoints are signed by the node that appended.
DROP TABLE audit_head;
