-- A browser's session id is one string (DESIGN.md section 3), so the database compares it byte for byte,
-- whatever the server's default collation (docs/security.md rule 26): on a database created with
-- utf8mb4_general_ci (MariaDB's) or MySQL 8's utf8mb4_0900_ai_ci, a session cookie holding the id in upper
-- case, or with an accent on a letter, found the browser's sign-in (black-box follow-up, 2026-12-07).
-- utf8mb4_bin still pads (trailing spaces compare equal), so the application looks up only ids of a
-- session id's shape (BrowserSessionIds). The table holds live sessions only (the expired go every
-- minute), so its rebuild is short; its attributes refer to PRIMARY_ID, which no caller names.
-- (COLLATE after NOT NULL: the one order MySQL, MariaDB and H2's MySQL mode all read.)
ALTER TABLE identity_session MODIFY SESSION_ID CHAR(36) NOT NULL COLLATE utf8mb4_bin;
