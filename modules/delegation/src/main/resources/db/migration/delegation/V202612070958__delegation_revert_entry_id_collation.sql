-- The ids of undone entries compare byte for byte, as audit_entry.id does (audit V202612070957;
-- docs/security.md rule 26): the primary key that lets an entry be undone once takes two ids as the
-- same exactly when the activity log does. Under a case-insensitive collation here and a binary one
-- there, entries whose ids differ only in case would count as one undone entry.
-- (COLLATE after NOT NULL: the one order MySQL, MariaDB and H2's MySQL mode all read.)
ALTER TABLE delegation_revert MODIFY entry_id VARCHAR(40) NOT NULL COLLATE utf8mb4_bin;
