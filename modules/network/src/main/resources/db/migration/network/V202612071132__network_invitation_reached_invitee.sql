-- Whether an invitation was ever shown to its invitee: a direct one is from the start, an
-- introduction once the shared connection forwards it. Its status alone did not say so: an
-- introduction withdrawn, or ended by a block, while it still waited for the introducer became
-- "withdrawn" or "ignored" like a forwarded one, and then showed in the invitee's received list with
-- its note and the introducer (black-box finding 17, 2026-12-07).
ALTER TABLE network_invitation ADD COLUMN reached_invitee BOOLEAN NOT NULL DEFAULT TRUE;

-- An introduction that ended withdrawn or ignored may or may not have been forwarded before; nothing
-- recorded tells, so it is taken as never shown: hiding one the invitee saw costs less than showing
-- one they never did.
UPDATE network_invitation SET reached_invitee = FALSE
WHERE via_id IS NOT NULL AND status IN ('FORWARDING', 'NOT_FORWARDED', 'WITHDRAWN', 'IGNORED');
