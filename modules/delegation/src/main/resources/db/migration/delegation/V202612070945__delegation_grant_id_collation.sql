-- A grant id is one string (DESIGN.md section 3: opaque, immutable), and the application takes it as
-- such, so the database compares grant ids byte for byte, whatever the server's default collation
-- (docs/security.md rule 26): on a database created with utf8mb4_general_ci (MariaDB's) or MySQL 8's
-- utf8mb4_0900_ai_ci, "grt_exlb…", "GRT_EXLB…" and "grt_éXlb…" all found the grant "grt_eXlb…", and
-- the delegate's spelling became the token's grant_id and the grantId of the holder's log entries
-- (black-box finding, 2026-12-07). utf8mb4_bin still pads (trailing spaces compare equal), so the
-- application looks up only ids of a grant id's shape (GrantRepository).
-- (COLLATE after NOT NULL: the one order MySQL, MariaDB and H2's MySQL mode all read.)
ALTER TABLE delegation_grant MODIFY id VARCHAR(40) NOT NULL COLLATE utf8mb4_bin;
ALTER TABLE delegation_quota_usage MODIFY grant_id VARCHAR(40) NOT NULL COLLATE utf8mb4_bin;
ALTER TABLE delegation_approval MODIFY grant_id VARCHAR(40) NOT NULL COLLATE utf8mb4_bin;
