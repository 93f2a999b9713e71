-- Search compares what was typed with names, handles, skills and locations in the columns' own collation,
-- which is the database's default unless a column says otherwise. On a database created with MariaDB's
-- default utf8mb4_general_ci every character outside the Basic Multilingual Plane (emoji, CJK extensions,
-- historic scripts) compares equal to every other, so "🍕" found "Zoë 🦄" (black-box finding, console 19,
-- 2026-12-07). utf8mb4_unicode_520_ci (MySQL 8 and MariaDB 10.11 both have it) still ignores case and
-- accents, as search should, and tells those characters apart.
-- (COLLATE after NOT NULL: the one order MySQL, MariaDB and H2's MySQL mode all read.)
ALTER TABLE network_member MODIFY handle VARCHAR(64) NOT NULL COLLATE utf8mb4_unicode_520_ci;
ALTER TABLE network_member MODIFY display_name VARCHAR(100) NOT NULL COLLATE utf8mb4_unicode_520_ci;
ALTER TABLE network_member MODIFY location VARCHAR(100) NOT NULL COLLATE utf8mb4_unicode_520_ci;
ALTER TABLE network_member MODIFY skills VARCHAR(4200) NOT NULL COLLATE utf8mb4_unicode_520_ci;
ALTER TABLE network_member MODIFY search_text VARCHAR(4800) NOT NULL COLLATE utf8mb4_unicode_520_ci;
