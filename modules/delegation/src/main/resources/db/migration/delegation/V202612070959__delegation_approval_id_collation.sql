-- An approval id is one string (DESIGN.md section 3: opaque, immutable), so the database compares it
-- byte for byte, whatever the server's default collation (docs/security.md rule 26): on a database
-- created with utf8mb4_general_ci (MariaDB's) or MySQL 8's utf8mb4_0900_ai_ci, "APR_…" or "apr_é…"
-- found the held change "apr_…" on /api/v1/approvals/{id}/approve and /reject, and a refused
-- decision named the holder's spelling in their log (black-box follow-up, 2026-12-07). utf8mb4_bin
-- still pads (trailing spaces compare equal), so the application looks up only ids of an approval
-- id's shape (ApprovalRepository).
-- (COLLATE after NOT NULL: the one order MySQL, MariaDB and H2's MySQL mode all read.)
ALTER TABLE delegation_approval MODIFY id VARCHAR(40) NOT NULL COLLATE utf8mb4_bin;
