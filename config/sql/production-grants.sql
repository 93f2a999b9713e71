-- Database users for production (SECURITY-CASES 32; docs/activity-log.md, docs/operations.md).
-- Replace `behalf` with the schema name and choose real passwords.
--
-- behalf_migrate runs the migrations (BEHALF_DB_MIGRATION_USER / BEHALF_DB_MIGRATION_PASSWORD);
-- behalf_app is what the nodes run as: it may append to and read the activity log, never change
-- or remove an entry.
--
-- A table's grant needs the table, which the first start's migrations create, so this runs in two
-- steps (docs/deploy.md, "The database and its users"):
--   1. before the first start, the part up to "Part 2" (the users and the migration grant):
--        sed '/^-- Part 2/q' production-grants.sql | mysql -u root
--   2. once the migrations have run, the whole file (it may run again after every release that
--      adds a table: CREATE USER IF NOT EXISTS and GRANT change nothing twice).

CREATE USER IF NOT EXISTS 'behalf_migrate'@'%' IDENTIFIED BY 'change-me-migrate';
GRANT ALL PRIVILEGES ON behalf.* TO 'behalf_migrate'@'%';
CREATE USER IF NOT EXISTS 'behalf_app'@'%' IDENTIFIED BY 'change-me-app';

-- Part 2: the application's grants, once the tables exist.
-- Everything but the activity entries: ordinary read and write.
GRANT SELECT, INSERT, UPDATE, DELETE ON behalf.identity_member TO 'behalf_app'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON behalf.identity_signin_throttle TO 'behalf_app'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON behalf.identity_signing_key TO 'behalf_app'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON behalf.identity_client_owner TO 'behalf_app'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON behalf.identity_dynamic_client TO 'behalf_app'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON behalf.identity_token_index TO 'behalf_app'@'%';
GRANT SELECT, INSERT, DELETE ON behalf.identity_token_revocation TO 'behalf_app'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON behalf.identity_totp TO 'behalf_app'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON behalf.identity_totp_recovery TO 'behalf_app'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON behalf.identity_password_reset TO 'behalf_app'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON behalf.identity_session TO 'behalf_app'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON behalf.identity_session_ATTRIBUTES TO 'behalf_app'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON behalf.oauth2_registered_client TO 'behalf_app'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON behalf.oauth2_authorization TO 'behalf_app'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON behalf.oauth2_authorization_consent TO 'behalf_app'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON behalf.delegation_grant TO 'behalf_app'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON behalf.delegation_quota_usage TO 'behalf_app'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON behalf.delegation_holder TO 'behalf_app'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON behalf.delegation_approval TO 'behalf_app'@'%';
GRANT SELECT, INSERT ON behalf.delegation_revert TO 'behalf_app'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON behalf.network_profile TO 'behalf_app'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON behalf.network_member TO 'behalf_app'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON behalf.network_connection TO 'behalf_app'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON behalf.network_invitation TO 'behalf_app'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON behalf.network_block TO 'behalf_app'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON behalf.network_conversation TO 'behalf_app'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON behalf.network_message TO 'behalf_app'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON behalf.network_conversation_read TO 'behalf_app'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON behalf.console_form_once TO 'behalf_app'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON behalf.network_contact TO 'behalf_app'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON behalf.network_contact_interaction TO 'behalf_app'@'%';
GRANT SELECT, INSERT, UPDATE ON behalf.network_contact_import TO 'behalf_app'@'%';
-- Events for integrators: the outbox, webhook subscriptions, deliveries and their attempts.
GRANT SELECT, INSERT, UPDATE, DELETE ON behalf.events_outbox TO 'behalf_app'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON behalf.events_webhook TO 'behalf_app'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON behalf.events_delivery TO 'behalf_app'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON behalf.events_attempt TO 'behalf_app'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON behalf.events_stream TO 'behalf_app'@'%';
-- Checkpoints are written once; keys are retired by an update.
GRANT SELECT, INSERT ON behalf.audit_checkpoint TO 'behalf_app'@'%';
GRANT SELECT, INSERT, UPDATE ON behalf.audit_key TO 'behalf_app'@'%';
-- The activity log itself: append and read only. Appending also reads an entry with LOCK IN SHARE
-- MODE, which MySQL grants with SELECT alone from 8.0.22 on (MariaDB always).
GRANT SELECT, INSERT ON behalf.audit_entry TO 'behalf_app'@'%';
GRANT SELECT ON behalf.flyway_schema_history TO 'behalf_app'@'%';
