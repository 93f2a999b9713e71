-- The sweeper looks for grants still stored as open whose expiry has passed, or pending ones
-- created more than seven days ago (GrantSweeper).
CREATE INDEX delegation_grant_open ON delegation_grant (status, expires_at);
CREATE INDEX delegation_grant_pending ON delegation_grant (status, created_at);
