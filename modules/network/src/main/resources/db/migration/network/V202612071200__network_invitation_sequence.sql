-- Invitations are numbered as sent, and each list (received, sent, introductions) orders by the
-- number. It ordered by time, then by the random id, and on MariaDB 10.x times are stored in whole
-- seconds (docs/operations.md): invitations sent within one second came back in random order
-- (black-box finding 13, 2026-12-07). A number is the highest clock of the invitation's members
-- (sender, invitee, introducer) plus one, given while their network_member rows are locked, and their
-- clocks move to it (InvitationService): each member's lists then grow in the order sent, on a Galera
-- cluster too (the rows' update makes two nodes' sends conflict), where AUTO_INCREMENT is not monotonic.
ALTER TABLE network_invitation ADD COLUMN seq BIGINT NOT NULL DEFAULT 0;
ALTER TABLE network_member ADD COLUMN invitation_clock BIGINT NOT NULL DEFAULT 0;

-- Existing invitations in the order their lists showed them (time, then id), through a numbering
-- table: MySQL cannot UPDATE a table from a subquery over that same table.
CREATE TABLE network_invitation_numbering (
    id  VARCHAR(40) NOT NULL COLLATE utf8mb4_bin,
    seq BIGINT      NOT NULL,
    PRIMARY KEY (id)
);
INSERT INTO network_invitation_numbering (id, seq)
    SELECT id, ROW_NUMBER() OVER (ORDER BY created_at, id) FROM network_invitation;
UPDATE network_invitation SET seq = (SELECT n.seq FROM network_invitation_numbering n WHERE n.id = network_invitation.id);
DROP TABLE network_invitation_numbering;
UPDATE network_member SET invitation_clock = (SELECT COALESCE(MAX(seq), 0) FROM network_invitation);

CREATE INDEX network_invitation_to_seq ON network_invitation (to_id, seq);
CREATE INDEX network_invitation_from_seq ON network_invitation (from_id, seq);
CREATE INDEX network_invitation_via_seq ON network_invitation (via_id, seq);
DROP INDEX network_invitation_to ON network_invitation;
DROP INDEX network_invitation_from ON network_invitation;
DROP INDEX network_invitation_via ON network_invitation;
