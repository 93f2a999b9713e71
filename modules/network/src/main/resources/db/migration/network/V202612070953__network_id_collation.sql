-- An id is one string (DESIGN.md section 3: opaque, immutable), and the application takes it as such,
-- so the database compares the ids a path names byte for byte, whatever the server's default collation
-- (docs/security.md rule 26): on a database created with utf8mb4_general_ci (MariaDB's) or MySQL 8's
-- utf8mb4_0900_ai_ci, "CNT_…" or "cnt_é…" found the contact "cnt_e…", and the caller's spelling became
-- the answer's id and the target of the holder's log (black-box finding, 2026-12-07); so for
-- invitations and conversations, and for the member ids of connections and blocks, which a path names
-- to remove them. utf8mb4_bin still pads (trailing spaces compare equal), so the application looks up
-- only ids of the right shape (ContactRepository, InvitationRepository, MessageService, NetworkMembers).
-- (COLLATE after NOT NULL: the one order MySQL, MariaDB and H2's MySQL mode all read.)
ALTER TABLE network_contact MODIFY id VARCHAR(40) NOT NULL COLLATE utf8mb4_bin;
ALTER TABLE network_contact_interaction MODIFY contact_id VARCHAR(40) NOT NULL COLLATE utf8mb4_bin;
ALTER TABLE network_invitation MODIFY id VARCHAR(40) NOT NULL COLLATE utf8mb4_bin;
ALTER TABLE network_conversation MODIFY id VARCHAR(40) NOT NULL COLLATE utf8mb4_bin;
ALTER TABLE network_message MODIFY conversation_id VARCHAR(40) NOT NULL COLLATE utf8mb4_bin;
ALTER TABLE network_conversation_read MODIFY conversation_id VARCHAR(40) NOT NULL COLLATE utf8mb4_bin;
ALTER TABLE network_connection MODIFY member_id VARCHAR(64) NOT NULL COLLATE utf8mb4_bin;
ALTER TABLE network_connection MODIFY connection_id VARCHAR(64) NOT NULL COLLATE utf8mb4_bin;
ALTER TABLE network_block MODIFY member_id VARCHAR(64) NOT NULL COLLATE utf8mb4_bin;
ALTER TABLE network_block MODIFY blocked_id VARCHAR(64) NOT NULL COLLATE utf8mb4_bin;
